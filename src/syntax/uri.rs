//! URI references (RFC 3986): whether a value is one, and resolving one (§5.2) against the
//! effective request URI, only as far as needed to tell whether the two are the same.

use std::borrow::Cow;

/// RFC 3986 `URI-reference`, checked by character class: every byte is unreserved, reserved
/// or part of a valid percent-encoding. Stricter structure (one `#`, brackets only around an IP
/// literal) is not checked.
pub(crate) fn is_uri_reference(value: &[u8]) -> bool {
    let mut bytes = value.iter();
    while let Some(&b) = bytes.next() {
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if b == b'%' {
            let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
            if !(hex(bytes.next()) && hex(bytes.next())) {
                return false;
            }
        } else if !allowed {
            return false;
        }
    }
    true
}

/// The effective request URI (RFC 9110 §7.1), as far as the request shows it.
pub(crate) struct Base<'a> {
    /// `None` when the request does not say (an HTTP/1.1 origin-form request over a connection
    /// the layer cannot see).
    pub(crate) scheme: Option<&'a [u8]>,
    pub(crate) authority: Option<&'a [u8]>,
    pub(crate) path_and_query: &'a [u8],
}

/// A URI reference split into its components (RFC 3986 §3), fragment dropped.
struct Reference<'a> {
    scheme: Option<&'a [u8]>,
    authority: Option<&'a [u8]>,
    path: &'a [u8],
    query: Option<&'a [u8]>,
}

impl<'a> Reference<'a> {
    fn parse(reference: &'a [u8]) -> Self {
        // The fragment names a part of the response, not another request.
        let end = reference
            .iter()
            .position(|&b| b == b'#')
            .unwrap_or(reference.len());
        let mut rest = &reference[..end];
        let mut scheme = None;
        if let Some(colon) = rest.iter().position(|&b| matches!(b, b':' | b'/' | b'?')) {
            let candidate = &rest[..colon];
            let is_scheme = rest[colon] == b':'
                && candidate.first().is_some_and(u8::is_ascii_alphabetic)
                && candidate
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
            if is_scheme {
                scheme = Some(candidate);
                rest = &rest[colon + 1..];
            }
        }
        let mut authority = None;
        if let Some(after) = rest.strip_prefix(b"//") {
            let end = after
                .iter()
                .position(|&b| matches!(b, b'/' | b'?'))
                .unwrap_or(after.len());
            authority = Some(&after[..end]);
            rest = &after[end..];
        }
        let (path, query) = split_query(rest);
        Self {
            scheme,
            authority,
            path,
            query,
        }
    }
}

fn split_query(path_and_query: &[u8]) -> (&[u8], Option<&[u8]>) {
    match path_and_query.iter().position(|&b| b == b'?') {
        Some(mark) => (&path_and_query[..mark], Some(&path_and_query[mark + 1..])),
        None => (path_and_query, None),
    }
}

/// Whether `reference`, resolved against `base` (RFC 3986 §5.2.2), is `base` itself, compared
/// after the normalizations of RFC 3986 §6.2.2 and §6.2.3 that do not change what a URI
/// identifies: the scheme and host in any case, the scheme's default port written or not, an
/// empty path as "/", percent-encodings in any hex case, and unreserved characters encoded or
/// not. Any part the request does not show (its scheme, its authority) makes the answer "no":
/// only a certain match counts.
pub(crate) fn resolves_to_base(reference: &[u8], base: &Base<'_>) -> bool {
    let reference = Reference::parse(reference);
    let (base_path, base_query) = split_query(base.path_and_query);
    if let Some(scheme) = reference.scheme {
        let same_scheme = base
            .scheme
            .is_some_and(|ours| ours.eq_ignore_ascii_case(scheme));
        if !same_scheme || reference.authority.is_none() {
            return false;
        }
    }
    let same_query = same_component(reference.query, base_query);
    if let Some(authority) = reference.authority {
        let same_authority = base
            .authority
            .is_some_and(|ours| same_authority(ours, authority, base.scheme));
        if !same_authority {
            return false;
        }
        // For http and https an empty path is "/" (RFC 9110 §4.2.3).
        let path = if reference.path.is_empty() {
            &b"/"[..]
        } else {
            reference.path
        };
        return same_query && same_text(&remove_dot_segments(path), base_path);
    }
    if reference.path.is_empty() {
        // Same document: only the query can differ.
        return reference.query.is_none() || same_query;
    }
    if !same_query {
        return false;
    }
    if reference.path.starts_with(b"/") {
        return same_text(&remove_dot_segments(reference.path), base_path);
    }
    // Merge (RFC 3986 §5.2.3): the base path up to its last "/", then the reference.
    let directory = base_path
        .iter()
        .rposition(|&b| b == b'/')
        .map_or(&b"/"[..], |slash| &base_path[..=slash]);
    if !has_dot_segment(reference.path) && !has_dot_segment(directory) {
        return base_path.starts_with(directory)
            && same_text(reference.path, &base_path[directory.len()..]);
    }
    let merged = [directory, reference.path].concat();
    same_text(&remove_dot_segments(&merged), base_path)
}

/// Two optional components (queries): both absent, or both present and the same text.
fn same_component(a: Option<&[u8]>, b: Option<&[u8]>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same_text(a, b),
        _ => false,
    }
}

/// Two authorities, the host in any case and the default port of `scheme` (80 for http, 443
/// for https, RFC 9110 §4.2) written or left out (RFC 3986 §6.2.3).
fn same_authority(ours: &[u8], theirs: &[u8], scheme: Option<&[u8]>) -> bool {
    let default_port: &'static [u8] = match scheme {
        Some(s) if s.eq_ignore_ascii_case(b"https") => b"443",
        Some(s) if s.eq_ignore_ascii_case(b"http") => b"80",
        _ => b"",
    };
    // The port follows the last ':' outside an IP literal's brackets; none, or an empty one,
    // is the default.
    fn split<'a>(authority: &'a [u8], default_port: &'static [u8]) -> (&'a [u8], &'a [u8]) {
        let colon = authority
            .iter()
            .rposition(|&b| b == b':')
            .filter(|&colon| !authority[colon..].contains(&b']'));
        let (host, port) = match colon {
            Some(colon) => (&authority[..colon], &authority[colon + 1..]),
            None => (authority, &b""[..]),
        };
        (host, if port.is_empty() { default_port } else { port })
    }
    let ((our_host, our_port), (their_host, their_port)) =
        (split(ours, default_port), split(theirs, default_port));
    our_host.eq_ignore_ascii_case(their_host) && our_port == their_port
}

/// Two runs of URI characters, equal once each percent-encoding of an unreserved character is
/// decoded and the others are read in any hex case (RFC 3986 §6.2.2.1, §6.2.2.2).
fn same_text(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return true;
    }
    let (mut a, mut b) = (Units(a), Units(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x == y => {}
            _ => return false,
        }
    }
}

/// The characters of a URI component with percent-encodings normalized: an encoded unreserved
/// character is that character, any other encoding is its octet, marked as encoded.
struct Units<'a>(&'a [u8]);

#[derive(PartialEq, Eq)]
enum Unit {
    Char(u8),
    Encoded(u8),
}

impl Iterator for Units<'_> {
    type Item = Unit;

    fn next(&mut self) -> Option<Unit> {
        let (&first, rest) = self.0.split_first()?;
        if first == b'%' {
            if let Some(octet) = rest.get(..2).and_then(decode_hex) {
                self.0 = &rest[2..];
                let unreserved = octet.is_ascii_alphanumeric() || b"-._~".contains(&octet);
                return Some(if unreserved {
                    Unit::Char(octet)
                } else {
                    Unit::Encoded(octet)
                });
            }
        }
        self.0 = rest;
        Some(Unit::Char(first))
    }
}

fn decode_hex(pair: &[u8]) -> Option<u8> {
    let digit = |b: u8| (b as char).to_digit(16);
    let (high, low) = (digit(pair[0])?, digit(pair[1])?);
    u8::try_from(high * 16 + low).ok()
}

fn has_dot_segment(path: &[u8]) -> bool {
    path.split(|&b| b == b'/')
        .any(|segment| segment == b"." || segment == b"..")
}

/// RFC 3986 §5.2.4. Borrows when there is nothing to remove (nearly always).
fn remove_dot_segments(path: &[u8]) -> Cow<'_, [u8]> {
    if !has_dot_segment(path) {
        return Cow::Borrowed(path);
    }
    let mut output: Vec<&[u8]> = Vec::new();
    let segments: Vec<&[u8]> = path.split(|&b| b == b'/').collect();
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            b"." | b".." => {
                if *segment == b".." && output.len() > 1 {
                    output.pop();
                }
                // A trailing dot segment leaves the path ending in "/".
                if i == last {
                    output.push(b"");
                }
            }
            segment => output.push(segment),
        }
    }
    Cow::Owned(output.join(&b'/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(scheme: Option<&'static str>, path_and_query: &'static str) -> Base<'static> {
        Base {
            scheme: scheme.map(str::as_bytes),
            authority: Some(b"example.com"),
            path_and_query: path_and_query.as_bytes(),
        }
    }

    #[test]
    fn uri_references() {
        for good in [
            &b""[..],
            b"/",
            b"/a%20b?q=1#x",
            b"https://ex.com:8080/p",
            b"../up",
            b"mailto:a@b",
        ] {
            assert!(
                is_uri_reference(good),
                "{:?}",
                String::from_utf8_lossy(good)
            );
        }
        for bad in [
            &b"/a b"[..],
            b"/%zz",
            b"/%2",
            b"/\"q\"",
            b"/caf\xc3\xa9",
            b"/<x>",
        ] {
            assert!(!is_uri_reference(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn same_uri_in_every_reference_form() {
        let here = base(Some("https"), "/a/b?x=1");
        for same in [
            "/a/b?x=1",
            "b?x=1",
            "./b?x=1",
            "../a/b?x=1",
            "/a/./c/../b?x=1",
            "//EXAMPLE.com/a/b?x=1",
            "https://example.com/a/b?x=1",
            "HTTPS://example.com/a/b?x=1#top",
            "?x=1",
        ] {
            assert!(resolves_to_base(same.as_bytes(), &here), "{same}");
        }
        for other in [
            "/a/b?x=2",
            "/a/b",
            "b",
            "/a/c?x=1",
            "http://example.com/a/b?x=1",
            "https://example.org/a/b?x=1",
            "//other.example/a/b?x=1",
            "mailto:x@example.com",
            "?x=2",
        ] {
            assert!(!resolves_to_base(other.as_bytes(), &here), "{other}");
        }
        // An empty reference is the same document.
        assert!(resolves_to_base(b"", &here));
        assert!(resolves_to_base(b"#frag", &here));
    }

    #[test]
    fn normalized_forms_are_the_same_uri() {
        let here = base(Some("http"), "/~a/b%2Fc?q=%7e");
        for same in [
            "http://example.com:80/~a/b%2Fc?q=%7e",
            "http://EXAMPLE.com:/%7Ea/b%2fc?q=~",
            "//example.com/%7ea/b%2Fc?q=%7E",
            "/%7Ea/b%2Fc?q=~",
            "b%2Fc?q=%7e",
        ] {
            assert!(resolves_to_base(same.as_bytes(), &here), "{same}");
        }
        for other in [
            // An encoded "/" is not a "/" (it is reserved).
            "/~a/b/c?q=%7e",
            "http://example.com:8080/~a/b%2Fc?q=%7e",
            "https://example.com:80/~a/b%2Fc?q=%7e",
            "/~a/b%2Fc",
        ] {
            assert!(!resolves_to_base(other.as_bytes(), &here), "{other}");
        }
        let secure = base(Some("https"), "/");
        assert!(resolves_to_base(b"https://example.com:443", &secure));
        assert!(!resolves_to_base(b"https://example.com:80/", &secure));
        let literal = Base {
            scheme: Some(b"http"),
            authority: Some(b"[::1]:80"),
            path_and_query: b"/",
        };
        assert!(resolves_to_base(b"http://[::1]/", &literal));
        assert!(!resolves_to_base(b"http://[::2]/", &literal));
    }

    #[test]
    fn an_unknown_scheme_never_matches_an_absolute_reference() {
        let here = base(None, "/a");
        assert!(!resolves_to_base(b"https://example.com/a", &here));
        assert!(resolves_to_base(b"//example.com/a", &here));
        assert!(resolves_to_base(b"/a", &here));
    }

    #[test]
    fn dot_segments() {
        assert_eq!(&*remove_dot_segments(b"/a/b/c/./../../g"), b"/a/g");
        assert_eq!(&*remove_dot_segments(b"/a/.."), b"/");
        assert_eq!(&*remove_dot_segments(b"/../x"), b"/x");
        assert_eq!(&*remove_dot_segments(b"/a/b/."), b"/a/b/");
    }
}
