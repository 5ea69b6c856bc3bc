//! Just enough JSON (RFC 8259) to read one member of a top-level object: the `status` of a
//! problem details object (RFC 9457 §3.1.2). Values are skipped, not built; nesting is bounded.

/// How deep arrays and objects may nest before the text is given up on.
const MAX_DEPTH: usize = 64;

/// The top-level object's `key` member, when `json` is an object (whitespace around it
/// allowed) that has exactly one such member and it is a non-negative integer. `None` for
/// anything else: not an object, invalid JSON, no such member, a repeated one (RFC 8259 §4
/// leaves its meaning open), or a value of another type. Keys are compared as written (an
/// escaped spelling of `key` does not match).
pub(crate) fn integer_member(json: &[u8], key: &[u8]) -> Option<u64> {
    let mut parser = Parser { rest: json };
    parser.skip_ws();
    parser.eat(b'{').then_some(())?;
    let mut found: Option<Option<u64>> = None;
    parser.skip_ws();
    if !parser.eat(b'}') {
        loop {
            parser.skip_ws();
            let name = parser.string()?;
            parser.skip_ws();
            parser.eat(b':').then_some(())?;
            parser.skip_ws();
            let start = parser.rest;
            parser.value(0)?;
            if name == key {
                if found.is_some() {
                    return None;
                }
                let text = &start[..start.len() - parser.rest.len()];
                let integer = (!text.is_empty() && text.iter().all(u8::is_ascii_digit))
                    .then(|| std::str::from_utf8(text).ok()?.parse().ok())
                    .flatten();
                found = Some(integer);
            }
            parser.skip_ws();
            if parser.eat(b'}') {
                break;
            }
            parser.eat(b',').then_some(())?;
        }
    }
    parser.skip_ws();
    if !parser.rest.is_empty() {
        return None;
    }
    found.flatten()
}

struct Parser<'a> {
    rest: &'a [u8],
}

impl<'a> Parser<'a> {
    fn eat(&mut self, byte: u8) -> bool {
        if self.rest.first() == Some(&byte) {
            self.rest = &self.rest[1..];
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.rest.first() {
            self.rest = &self.rest[1..];
        }
    }

    /// A string; the text between the quotes, escapes as written.
    fn string(&mut self) -> Option<&'a [u8]> {
        let body = self.rest.strip_prefix(b"\"")?;
        let mut i = 0;
        loop {
            match *body.get(i)? {
                b'"' => {
                    self.rest = &body[i + 1..];
                    return Some(&body[..i]);
                }
                b'\\' => match *body.get(i + 1)? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                    b'u' => {
                        let hex = body.get(i + 2..i + 6)?;
                        hex.iter().all(u8::is_ascii_hexdigit).then_some(())?;
                        i += 6;
                    }
                    _ => return None,
                },
                0x00..=0x1f => return None,
                _ => i += 1,
            }
        }
    }

    /// Skips one value.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match *self.rest.first()? {
            b'"' => self.string().map(drop),
            b'{' => self.container(b'}', depth, true),
            b'[' => self.container(b']', depth, false),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.rest = self.rest.strip_prefix(word)?;
        Some(())
    }

    /// RFC 8259 §6: `[ minus ] int [ frac ] [ exp ]`.
    fn number(&mut self) -> Option<()> {
        self.eat(b'-');
        let digits = |p: &mut Self| {
            let n = p.rest.iter().take_while(|b| b.is_ascii_digit()).count();
            p.rest = &p.rest[n..];
            n
        };
        if self.eat(b'0') {
        } else if digits(self) == 0 {
            return None;
        }
        if self.eat(b'.') && digits(self) == 0 {
            return None;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if digits(self) == 0 {
                return None;
            }
        }
        Some(())
    }

    /// An object (members `"key": value`) or an array, after its opening bracket.
    fn container(&mut self, close: u8, depth: usize, object: bool) -> Option<()> {
        self.rest = &self.rest[1..];
        self.skip_ws();
        if self.eat(close) {
            return Some(());
        }
        loop {
            self.skip_ws();
            if object {
                self.string()?;
                self.skip_ws();
                self.eat(b':').then_some(())?;
                self.skip_ws();
            }
            self.value(depth + 1)?;
            self.skip_ws();
            if self.eat(close) {
                return Some(());
            }
            self.eat(b',').then_some(())?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::integer_member;

    #[test]
    fn reads_the_status_of_a_problem() {
        let problem = br#"{"type": "https://example.com/probs/out-of-credit",
            "title": "You do not have enough credit.", "status": 403,
            "detail": "Your current balance is 30, but that costs 50.",
            "accounts": ["/account/12345", "/account/67890"], "nested": {"status": 200}}"#;
        assert_eq!(integer_member(problem, b"status"), Some(403));
        assert_eq!(
            integer_member(b" {\"status\":404} \n", b"status"),
            Some(404)
        );
    }

    #[test]
    fn gives_up_on_anything_else() {
        for other in [
            &b""[..],
            b"[]",
            b"{}",
            b"{\"title\": \"x\"}",
            b"{\"status\": \"404\"}",
            b"{\"status\": 404.0}",
            b"{\"status\": -1}",
            b"{\"status\": 404, \"status\": 500}",
            b"{\"status\": 404,}",
            b"{\"status\": 404} trailing",
            b"{\"status\": 404, \"x\": tru}",
            b"{\"a\": \"\\q\", \"status\": 404}",
            b"{\"status\": 99999999999999999999999}",
        ] {
            assert_eq!(
                integer_member(other, b"status"),
                None,
                "{}",
                String::from_utf8_lossy(other)
            );
        }
        let deep = format!(
            "{{\"a\": {}1{}, \"status\": 1}}",
            "[".repeat(100),
            "]".repeat(100)
        );
        assert_eq!(integer_member(deep.as_bytes(), b"status"), None);
    }
}
