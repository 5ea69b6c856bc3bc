//! Splitting list-based header fields (RFC 9110 §5.6.1) without allocating.

use http::{header::GetAll, HeaderValue};

/// The elements of every line of a list-based field, in order: split on commas outside
/// quoted strings, optional whitespace trimmed, empty elements skipped (RFC 9110 §5.6.1 lets
/// recipients ignore them). Works on bytes, so non-UTF-8 values are handled, in linear time.
#[inline]
pub(crate) fn elements<'a>(lines: GetAll<'a, HeaderValue>) -> impl Iterator<Item = &'a [u8]> + 'a {
    lines
        .into_iter()
        .flat_map(|line| elements_of(line.as_bytes()))
}

/// The elements of one field line (see [`elements`]).
#[inline]
pub(crate) fn elements_of(line: &[u8]) -> impl Iterator<Item = &[u8]> {
    Elements { rest: line }
}

struct Elements<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Elements<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        while !self.rest.is_empty() {
            let mut quotes = Quotes::default();
            let end = self
                .rest
                .iter()
                .position(|&byte| !quotes.step(byte) && byte == b',')
                .unwrap_or(self.rest.len());
            let element = trim(&self.rest[..end]);
            self.rest = self.rest.get(end + 1..).unwrap_or_default();
            if !element.is_empty() {
                return Some(element);
            }
        }
        None
    }
}

/// Tracks quoted strings (RFC 9110 §5.6.4) byte by byte; a backslash inside quotes escapes
/// the next byte.
#[derive(Default)]
struct Quotes {
    quoted: bool,
    escaped: bool,
}

impl Quotes {
    /// Takes one byte; whether it is part of a quoted string (its quotes included).
    fn step(&mut self, byte: u8) -> bool {
        let inside = self.quoted || byte == b'"';
        if self.escaped {
            self.escaped = false;
        } else if self.quoted && byte == b'\\' {
            self.escaped = true;
        } else if byte == b'"' {
            self.quoted = !self.quoted;
        }
        inside
    }
}

/// Joins list elements that came out of valid header values back into one value (allocates).
/// An element with an unterminated quoted string is dropped: kept, it would swallow every
/// element after it.
pub(crate) fn join<'a>(elements: impl Iterator<Item = &'a [u8]>) -> HeaderValue {
    let mut joined = Vec::new();
    for element in elements.filter(|element| quotes_balanced(element)) {
        if !joined.is_empty() {
            joined.extend_from_slice(b", ");
        }
        joined.extend_from_slice(element);
    }
    // Every byte came from a valid header value and the separators are visible ASCII, so this
    // cannot fail; an empty value is the fallback rather than a panic.
    HeaderValue::from_bytes(&joined).unwrap_or(HeaderValue::from_static(""))
}

/// `bytes` without leading and trailing spaces and tabs (optional whitespace).
pub(crate) fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// Whether every quoted string in `element` is closed (a backslash escapes the next byte).
pub(crate) fn quotes_balanced(element: &[u8]) -> bool {
    let mut quotes = Quotes::default();
    for &byte in element {
        quotes.step(byte);
    }
    !quotes.quoted
}

/// Whether `element` is a `token` (RFC 9110 §5.6.2).
pub(crate) fn is_token(element: &[u8]) -> bool {
    !element.is_empty()
        && element
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The name of a `name[=value]` directive (Cache-Control) or `name[/version]` protocol
/// (Upgrade), with surrounding whitespace trimmed.
pub(crate) fn name_before(element: &[u8], separator: u8) -> &[u8] {
    let end = element
        .iter()
        .position(|&b| b == separator)
        .unwrap_or(element.len());
    trim(&element[..end])
}

#[cfg(test)]
mod tests {
    use http::{header::CACHE_CONTROL, HeaderMap};

    use super::*;

    fn split(lines: &[&'static str]) -> Vec<String> {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(CACHE_CONTROL, HeaderValue::from_static(line));
        }
        elements(headers.get_all(CACHE_CONTROL))
            .map(|e| String::from_utf8(e.to_vec()).unwrap())
            .collect()
    }

    #[test]
    fn splits_trims_and_skips_empty_elements() {
        assert_eq!(split(&[" a , b,,c ", "d"]), ["a", "b", "c", "d"]);
        assert_eq!(split(&["", " , "]), Vec::<String>::new());
    }

    #[test]
    fn commas_inside_quotes_do_not_split() {
        assert_eq!(
            split(&[r#"private="a, b", max-age=1"#]),
            [r#"private="a, b""#, "max-age=1"]
        );
        assert_eq!(split(&[r#"x="a\", b", y"#]), [r#"x="a\", b""#, "y"]);
    }

    #[test]
    fn names() {
        assert_eq!(name_before(b"max-age = 3", b'='), b"max-age");
        assert_eq!(name_before(b"websocket", b'/'), b"websocket");
        assert_eq!(name_before(b"foo/2", b'/'), b"foo");
    }
}
