//! Structured Field Lists and Dictionaries (RFC 9651 §4.2.1, §4.2.2), parsed as RFC 9651 §4.2
//! says a recipient parses them: for `Accept-Query` (RFC 10008 §3, a List of Tokens and
//! Strings) and the targeted cache-control fields (RFC 9213 §2.1, Dictionaries). Every bare
//! item type is recognised so that a valid field of other types is told apart from a value
//! that is not a Structured Field at all.

/// What a list member's bare item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bare<'a> {
    /// An sf-token.
    Token(&'a [u8]),
    /// An sf-string: the bytes between the quotes, escapes as sent.
    String(&'a [u8]),
    /// An inner list, a number, a byte sequence, a boolean, a date or a display string.
    Other,
}

/// One member of a list: its bare item, and whether every parameter's value is a Token or a
/// String (a parameter without `=` is the Boolean true, RFC 9651 §3.1.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Member<'a> {
    pub(crate) item: Bare<'a>,
    pub(crate) text_parameters: bool,
    /// The parameters as written (`;key=value…`), for [`Member::parameter`].
    parameters: &'a [u8],
}

impl<'a> Member<'a> {
    /// The value of the parameter `key` (the last occurrence wins, RFC 9651 §4.2.3.2); `None`
    /// when the member has no such parameter.
    pub(crate) fn parameter(&self, key: &[u8]) -> Option<Bare<'a>> {
        let mut parser = Parser {
            rest: self.parameters,
        };
        let mut found = None;
        while parser.eat(b';') {
            parser.skip_sp();
            let name = parser.key()?;
            let value = if parser.eat(b'=') {
                parser.bare_item()?
            } else {
                Bare::Other
            };
            if name == key {
                found = Some(value);
            }
        }
        found
    }
}

/// Parses one field line as an sf-list, handing each member to `each`. `false` when parsing
/// fails (RFC 9651 §4.2: the recipient then ignores the whole field) or `each` returns
/// `false`. An empty line is an empty list.
pub(crate) fn each_member<'a>(line: &'a [u8], mut each: impl FnMut(Member<'a>) -> bool) -> bool {
    let mut parser = Parser { rest: line };
    parser.skip_sp();
    while !parser.rest.is_empty() {
        let Some(member) = parser.member() else {
            return false;
        };
        if !each(member) {
            return false;
        }
        match parser.next_member() {
            Some(true) => return true,
            Some(false) => {}
            None => return false,
        }
    }
    true
}

/// Parses one field line as an sf-dictionary, handing each member's key to `each` (the last
/// of a repeated key wins for its value, RFC 9651 §4.2.2, but every occurrence is handed over:
/// a caller looking for a directive sees it either way). `false` when parsing fails (the
/// recipient then ignores the field) or `each` returns `false`.
pub(crate) fn each_dictionary_key<'a>(
    line: &'a [u8],
    mut each: impl FnMut(&'a [u8]) -> bool,
) -> bool {
    each_dictionary_member(line, |key, _| each(key))
}

/// [`each_dictionary_key`], with each member's value as written (`""` for the Boolean true a
/// bare key stands for; parameters not included).
pub(crate) fn each_dictionary_member<'a>(
    line: &'a [u8],
    mut each: impl FnMut(&'a [u8], &'a [u8]) -> bool,
) -> bool {
    let mut parser = Parser { rest: line };
    parser.skip_sp();
    while !parser.rest.is_empty() {
        let Some(key) = parser.key() else {
            return false;
        };
        let mut value: &[u8] = b"";
        if parser.eat(b'=') {
            let before = parser.rest;
            let parsed = if parser.peek() == Some(b'(') {
                parser.inner_list().is_some()
            } else {
                parser.bare_item().is_some()
            };
            if !parsed {
                return false;
            }
            value = &before[..before.len() - parser.rest.len()];
        }
        if parser.parameters().is_none() || !each(key, value) {
            return false;
        }
        match parser.next_member() {
            Some(true) => return true,
            Some(false) => {}
            None => return false,
        }
    }
    true
}

/// The base64 text of a Byte Sequence member value (`:…:`, RFC 9651 §3.3.5) without its `=`
/// padding, which RFC 9651 §4.2.7 lets a sender leave out; `None` for another type.
pub(crate) fn byte_sequence(value: &[u8]) -> Option<&[u8]> {
    let base64 = value.strip_prefix(b":")?.strip_suffix(b":")?;
    let end = base64
        .iter()
        .rposition(|&b| b != b'=')
        .map_or(0, |last| last + 1);
    Some(&base64[..end])
}

/// Whether `text` is a media range (RFC 9110 §12.5.1: `type "/" subtype`, both tokens) of the
/// wildcard forms RFC 10008 §3 allows: `*/*` and `type/*`, never `*/subtype`.
pub(crate) fn is_media_range(text: &[u8]) -> bool {
    let Some(slash) = text.iter().position(|&b| b == b'/') else {
        return false;
    };
    let (kind, subtype) = (&text[..slash], &text[slash + 1..]);
    let token = |t: &[u8]| !t.is_empty() && t.iter().all(|&b| is_tchar(b));
    token(kind) && token(subtype) && (kind != b"*" || subtype == b"*")
}

struct Parser<'a> {
    rest: &'a [u8],
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.rest = &self.rest[1..];
            true
        } else {
            false
        }
    }

    fn skip_sp(&mut self) {
        while self.eat(b' ') {}
    }

    fn skip_ows(&mut self) {
        while self.eat(b' ') || self.eat(b'\t') {}
    }

    /// Takes the longest prefix whose bytes satisfy `keep`.
    fn take_while(&mut self, keep: impl Fn(u8) -> bool) -> &'a [u8] {
        let end = self
            .rest
            .iter()
            .position(|&b| !keep(b))
            .unwrap_or(self.rest.len());
        let (taken, rest) = self.rest.split_at(end);
        self.rest = rest;
        taken
    }

    /// After a member of a List or a Dictionary (RFC 9651 §4.2.1, §4.2.2): `Some(true)` at the
    /// end of the line, `Some(false)` before the next member, `None` for anything else (a
    /// trailing comma included).
    fn next_member(&mut self) -> Option<bool> {
        self.skip_ows();
        if self.rest.is_empty() {
            return Some(true);
        }
        if !self.eat(b',') {
            return None;
        }
        self.skip_ows();
        (!self.rest.is_empty()).then_some(false)
    }

    /// An item or an inner list, with its parameters (RFC 9651 §4.2.1.1).
    fn member(&mut self) -> Option<Member<'a>> {
        let item = if self.peek() == Some(b'(') {
            self.inner_list()?;
            Bare::Other
        } else {
            self.bare_item()?
        };
        let before = self.rest;
        let text_parameters = self.parameters()?;
        Some(Member {
            item,
            text_parameters,
            parameters: &before[..before.len() - self.rest.len()],
        })
    }

    /// RFC 9651 §4.2.1.2.
    fn inner_list(&mut self) -> Option<()> {
        self.eat(b'(');
        loop {
            self.skip_sp();
            if self.eat(b')') {
                return Some(());
            }
            self.bare_item()?;
            self.parameters()?;
            if !matches!(self.peek(), Some(b' ' | b')')) {
                return None;
            }
        }
    }

    /// Parameters (RFC 9651 §4.2.3.2); `Some(true)` when every value is a Token or a String.
    fn parameters(&mut self) -> Option<bool> {
        let mut text = true;
        while self.eat(b';') {
            self.skip_sp();
            self.key()?;
            if self.eat(b'=') {
                text &= matches!(self.bare_item()?, Bare::Token(_) | Bare::String(_));
            } else {
                text = false;
            }
        }
        Some(text)
    }

    /// RFC 9651 §4.2.3.3: `( lcalpha / "*" ) *( lcalpha / DIGIT / "_" / "-" / "." / "*" )`.
    fn key(&mut self) -> Option<&'a [u8]> {
        if !matches!(self.peek(), Some(b'a'..=b'z' | b'*')) {
            return None;
        }
        Some(
            self.take_while(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-' | b'.' | b'*')),
        )
    }

    /// RFC 9651 §4.2.3.1.
    fn bare_item(&mut self) -> Option<Bare<'a>> {
        match self.peek()? {
            b'-' | b'0'..=b'9' => self.number().map(|()| Bare::Other),
            b'"' => self.string().map(Bare::String),
            b'A'..=b'Z' | b'a'..=b'z' | b'*' => Some(Bare::Token(
                self.take_while(|b| is_tchar(b) || b == b':' || b == b'/'),
            )),
            b':' => self.byte_sequence().map(|()| Bare::Other),
            b'?' => {
                self.eat(b'?');
                (self.eat(b'0') || self.eat(b'1')).then_some(Bare::Other)
            }
            b'@' => {
                self.eat(b'@');
                // A Date is an Integer (RFC 9651 §4.2.9).
                match self.peek() {
                    Some(b'-' | b'0'..=b'9') => self.number().map(|()| Bare::Other),
                    _ => None,
                }
            }
            b'%' => self.display_string().map(|()| Bare::Other),
            _ => None,
        }
    }

    /// An Integer or a Decimal (RFC 9651 §4.2.4).
    fn number(&mut self) -> Option<()> {
        self.eat(b'-');
        let integer = self.take_while(|b| b.is_ascii_digit());
        if integer.is_empty() {
            return None;
        }
        if !self.eat(b'.') {
            return (integer.len() <= 15).then_some(());
        }
        let fraction = self.take_while(|b| b.is_ascii_digit());
        (integer.len() <= 12 && (1..=3).contains(&fraction.len())).then_some(())
    }

    /// RFC 9651 §4.2.5: the bytes between the quotes.
    fn string(&mut self) -> Option<&'a [u8]> {
        let start = &self.rest[1..];
        let mut i = 0;
        loop {
            match *start.get(i)? {
                b'\\' => {
                    if !matches!(start.get(i + 1)?, b'"' | b'\\') {
                        return None;
                    }
                    i += 2;
                }
                b'"' => {
                    self.rest = &start[i + 1..];
                    return Some(&start[..i]);
                }
                0x20..=0x7e => i += 1,
                _ => return None,
            }
        }
    }

    /// RFC 9651 §4.2.7: `":" *(base64) ":"`.
    fn byte_sequence(&mut self) -> Option<()> {
        self.eat(b':');
        self.take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
        self.eat(b':').then_some(())
    }

    /// RFC 9651 §4.2.10: `%"…"`, with `%` followed by two lowercase hex digits.
    fn display_string(&mut self) -> Option<()> {
        self.eat(b'%');
        if !self.eat(b'"') {
            return None;
        }
        loop {
            match self.peek()? {
                b'"' => {
                    self.eat(b'"');
                    return Some(());
                }
                b'%' => {
                    let hex = self.rest.get(1..3)?;
                    if !hex.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                        return None;
                    }
                    self.rest = &self.rest[3..];
                }
                0x20..=0x7e => self.rest = &self.rest[1..],
                _ => return None,
            }
        }
    }
}

/// RFC 9110 §5.6.2 `tchar`.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(line: &str) -> Option<Vec<(Bare<'_>, bool)>> {
        let mut out = Vec::new();
        each_member(line.as_bytes(), |m| {
            out.push((m.item, m.text_parameters));
            true
        })
        .then_some(out)
    }

    #[test]
    fn a_members_parameter_is_found_by_its_key() {
        let mut errors = Vec::new();
        let parsed = each_member(
            br#"origin; received-status=503, "cdn"; error=http_request_error; details="x;error=y", edge;error=a;error=b, last"#,
            |m| {
                errors.push(m.parameter(b"error"));
                true
            },
        );
        assert!(parsed);
        assert_eq!(
            errors,
            [
                None,
                Some(Bare::Token(b"http_request_error")),
                Some(Bare::Token(b"b")),
                None
            ]
        );
    }

    #[test]
    fn lists_of_tokens_and_strings() {
        let parsed = members(r#""application/jsonpath", application/sql;charset="UTF-8""#).unwrap();
        assert_eq!(
            parsed,
            [
                (Bare::String(b"application/jsonpath"), true),
                (Bare::Token(b"application/sql"), true),
            ]
        );
        assert_eq!(members("").unwrap(), []);
        assert_eq!(members("  a/b  ,\tc/d").unwrap().len(), 2);
        assert_eq!(
            members("text/*;q=0.5, a;x").unwrap(),
            [(Bare::Token(b"text/*"), false), (Bare::Token(b"a"), false)]
        );
        assert_eq!(
            members(r#"(a "b");p=1, 42, -1.5, :aGk=:, ?1, @1659578233, %"caf%c3%a9""#)
                .unwrap()
                .len(),
            7
        );
    }

    #[test]
    fn what_recipients_fail_to_parse() {
        for bad in [
            "a/b,",
            "a/b,,c/d",
            ",a/b",
            "a/b c/d",
            "a/b;Charset=utf-8",
            "a/b ;charset=utf-8",
            "\"unterminated",
            "\"bad \\n escape\"",
            "\"caf\u{e9}\"",
            "1.2345",
            "1234567890123456",
            "1234567890123.5",
            ":aGk=",
            "?2",
            "%\"X%C3\"",
            "(a b",
            "3gpp/x",
            "@x",
        ] {
            assert!(members(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn dictionary_values() {
        let mut seen = Vec::new();
        assert!(each_dictionary_member(
            b"sha-256=:AAA=:;p, x, y=1",
            |key, value| {
                seen.push((key, value));
                true
            }
        ));
        assert_eq!(
            seen,
            [(&b"sha-256"[..], &b":AAA=:"[..]), (b"x", b""), (b"y", b"1")]
        );
    }

    #[test]
    fn dictionaries() {
        let keys = |line: &str| {
            let mut out = Vec::new();
            each_dictionary_key(line.as_bytes(), |key| {
                out.push(String::from_utf8(key.to_vec()).unwrap());
                true
            })
            .then_some(out)
        };
        assert_eq!(
            keys("max-age=600, no-store, stale-if-error=30;x=1").unwrap(),
            ["max-age", "no-store", "stale-if-error"]
        );
        assert_eq!(keys("none").unwrap(), ["none"]);
        assert_eq!(keys("").unwrap(), Vec::<String>::new());
        assert_eq!(keys("a=(1 2), b=\"x\"").unwrap(), ["a", "b"]);
        for bad in [
            "Max-Age=60",
            "max-age=60,",
            "max-age=",
            "max-age=6 0",
            "private=\"a",
        ] {
            assert!(keys(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn media_ranges() {
        for good in ["application/sql", "*/*", "text/*", "application/ld+json"] {
            assert!(is_media_range(good.as_bytes()), "{good}");
        }
        for bad in ["json", "*/json", "a/", "/b", "a/b/c", "a b/c", ""] {
            assert!(!is_media_range(bad.as_bytes()), "{bad}");
        }
    }
}
