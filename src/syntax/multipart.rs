//! `multipart/byteranges` content (RFC 9110 §14.6, after RFC 2046 §5.1.1), read as far as a
//! sweep compares it with the whole representation: the boundary, and each part's header
//! fields and octets. Lenient where leniency cannot hide a defect a rule reports: a line may
//! end in LF as well as CRLF, and the preamble and epilogue are skipped.

use super::list::trim;

/// The `boundary` parameter of a `Content-Type` value, unquoted; `None` when it is absent or
/// empty.
pub(crate) fn boundary(content_type: &[u8]) -> Option<&[u8]> {
    parameters(content_type)
        .find(|(name, _)| name.eq_ignore_ascii_case(b"boundary"))
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// The parameters of a media type (`type/subtype; name=value; …`, RFC 9110 §5.6.6) as names
/// and values, trimmed, a quoted value without its quotes. Splits on `;`, which neither a
/// boundary (RFC 2046 §5.1.1's `bchars`) nor the parameters a sweep compares hold.
pub(crate) fn parameters(media_type: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    media_type
        .split(|&b| b == b';')
        .skip(1)
        .filter_map(|parameter| {
            let equals = parameter.iter().position(|&b| b == b'=')?;
            let value = trim(&parameter[equals + 1..]);
            let value = match value {
                [b'"', inner @ .., b'"'] => inner,
                _ => value,
            };
            Some((trim(&parameter[..equals]), value))
        })
}

/// One body part: its header fields, in order, and its octets.
#[derive(Debug)]
pub(crate) struct Part<'a> {
    pub(crate) fields: Vec<(&'a [u8], &'a [u8])>,
    pub(crate) content: &'a [u8],
}

impl<'a> Part<'a> {
    /// The value of the first field called `name` (any case).
    pub(crate) fn field(&self, name: &str) -> Option<&'a [u8]> {
        self.fields
            .iter()
            .find(|(field, _)| field.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, value)| *value)
    }
}

/// The parts of `content` between the delimiter lines of `boundary`; `None` when there is no
/// delimiter line, no close delimiter, or a part whose header section does not end. Allocates
/// the list of parts and of their fields.
pub(crate) fn parts<'a>(content: &'a [u8], boundary: &[u8]) -> Option<Vec<Part<'a>>> {
    let delimiters = delimiter_lines(content, boundary);
    let mut parts = Vec::new();
    let mut closed = false;
    for (i, &(_, after)) in delimiters.iter().enumerate() {
        if content[after..].starts_with(b"--") {
            closed = true;
            break;
        }
        // The part runs to the line break before the next delimiter line.
        let (next, _) = *delimiters.get(i + 1)?;
        let end = line_break_before(content, next);
        let body = content.get(after..end)?;
        parts.push(part(skip_line(body)?)?);
    }
    closed.then_some(parts)
}

/// Where each delimiter line of `boundary` begins, and where its `--boundary` ends: a line that
/// is `--boundary`, then `--` (the close delimiter) or only transport padding.
fn delimiter_lines(content: &[u8], boundary: &[u8]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < content.len() {
        let rest = &content[at..];
        let newline = rest.iter().position(|&b| b == b'\n');
        let line = &rest[..newline.unwrap_or(rest.len())];
        if let Some(after) = line
            .strip_prefix(b"--")
            .and_then(|l| l.strip_prefix(boundary))
        {
            let padding = after.iter().all(|&b| matches!(b, b' ' | b'\t' | b'\r'));
            if after.starts_with(b"--") || padding {
                found.push((at, at + 2 + boundary.len()));
            }
        }
        match newline {
            Some(newline) => at += newline + 1,
            None => break,
        }
    }
    found
}

/// The end of the octets before the line break (CRLF or LF) that ends just before `at`.
fn line_break_before(content: &[u8], at: usize) -> usize {
    let before = &content[..at];
    if before.ends_with(b"\r\n") {
        at - 2
    } else if before.ends_with(b"\n") {
        at - 1
    } else {
        at
    }
}

/// What follows the rest of the delimiter line (transport padding, then its line break).
fn skip_line(text: &[u8]) -> Option<&[u8]> {
    let newline = text.iter().position(|&b| b == b'\n')?;
    Some(&text[newline + 1..])
}

/// A part's header section, up to its empty line, and the octets after it.
fn part(mut text: &[u8]) -> Option<Part<'_>> {
    let mut fields = Vec::new();
    loop {
        let newline = text.iter().position(|&b| b == b'\n')?;
        let line = &text[..newline];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        text = &text[newline + 1..];
        if line.is_empty() {
            return Some(Part {
                fields,
                content: text,
            });
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            fields.push((trim(&line[..colon]), trim(&line[colon + 1..])));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_is_read_quoted_or_not_and_only_when_there() {
        assert_eq!(
            boundary(b"multipart/byteranges; boundary=B1"),
            Some(&b"B1"[..])
        );
        assert_eq!(
            boundary(b"multipart/byteranges;charset=x; BOUNDARY=\"a b\""),
            Some(&b"a b"[..])
        );
        assert_eq!(boundary(b"multipart/byteranges"), None);
        assert_eq!(boundary(b"multipart/byteranges; boundary="), None);
        assert_eq!(boundary(b"multipart/byteranges; boundary=\"\""), None);
        assert_eq!(boundary(b"multipart/byteranges; boundaryx"), None);
    }

    /// nginx 1.22.1's answer to `Range: bytes=0-0,29-29` on a 30-octet file, as received.
    const NGINX: &[u8] = b"\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 0-0/30\r\n\r\np\r\n--00000000000000000001\r\nContent-Type: text/plain\r\nContent-Range: bytes 29-29/30\r\n\r\n\n\r\n--00000000000000000001--\r\n";

    #[test]
    fn a_real_multipart_answer_is_read_part_by_part() {
        let parts = parts(NGINX, b"00000000000000000001").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].field("content-range"), Some(&b"bytes 0-0/30"[..]));
        assert_eq!(parts[0].field("CONTENT-TYPE"), Some(&b"text/plain"[..]));
        assert_eq!(parts[0].content, b"p");
        assert_eq!(
            parts[1].field("content-range"),
            Some(&b"bytes 29-29/30"[..])
        );
        // The last octet of the file is a line feed, kept: only the delimiter's CRLF goes.
        assert_eq!(parts[1].content, b"\n");
    }

    #[test]
    fn lines_may_end_in_lf_alone() {
        let text = b"--B\ncontent-range: bytes 0-0/5\n\nh\n--B\n\no\n--B--";
        let parts = parts(text, b"B").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].content, b"h");
        assert_eq!(parts[1].field("content-range"), None);
        assert_eq!(parts[1].content, b"o");
    }

    #[test]
    fn content_not_delimited_by_the_boundary_is_none() {
        // Another boundary, no close delimiter, a header section that never ends.
        assert!(parts(NGINX, b"other").is_none());
        assert!(parts(b"--B\r\n\r\nh\r\n--B\r\n\r\no\r\n", b"B").is_none());
        assert!(parts(b"--B\r\ncontent-range: bytes 0-0/5", b"B").is_none());
        assert!(parts(b"", b"B").is_none());
        // A close delimiter alone: no part, which is well formed (and is for the rules to judge).
        assert_eq!(parts(b"--B--\r\n", b"B").unwrap().len(), 0);
    }

    #[test]
    fn a_longer_boundary_is_not_this_one() {
        let text = b"--B\r\n\r\nx\r\n--B2\r\n--B--";
        let parts = parts(text, b"B").unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].content, b"x\r\n--B2");
    }

    #[test]
    fn a_boundary_inside_a_line_is_not_a_delimiter() {
        let text = b"--B\r\n\r\nx--B\r\n--B--";
        let parts = parts(text, b"B").unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].content, b"x--B");
    }
}
