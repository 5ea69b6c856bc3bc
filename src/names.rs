//! What a field name is, for the passes over a request's and a response's fields. A name
//! `http` knows is told by `http`'s own number for it, one table lookup, where a pass used to
//! take the name's text, jump on its length and bytes, and compare (BENCHMARKS.md, "Names by
//! number, lookups by walking").

use std::hash::{Hash, Hasher};

use http::HeaderName;

/// What each of a few names is, by `http`'s number for the names it knows: built once from a
/// list of names and what each is (`T::default()` for every other name).
#[derive(Debug)]
pub(crate) struct ByNumber<T> {
    /// The first integer every name `http` knows writes: which variant of its representation
    /// it is.
    standard: u64,
    by_number: [T; 256],
    /// The listed names `http` does not know (`x-forwarded-proto`, `keep-alive`, …), each
    /// behind its [`key`]: compared as text only when the keys agree.
    unknown_to_http: Vec<(u32, HeaderName, T)>,
    /// Their lengths (64 and longer: bit 63) and first bytes (modulo 128), one bit each: a
    /// name whose length or first byte is none of theirs is none of them, told inline.
    unknown_lengths: u64,
    unknown_first_bytes: u128,
}

impl<T: Copy + Default + PartialEq> ByNumber<T> {
    /// The table of `names`; `None` when `http`'s names do not read as numbers (a version of
    /// `http` that hashes them otherwise), or two read as one.
    pub(crate) fn build(names: &[(HeaderName, T)]) -> Option<Self> {
        let mut table = Self {
            standard: 0,
            by_number: [T::default(); 256],
            unknown_to_http: Vec::new(),
            unknown_lengths: 0,
            unknown_first_bytes: 0,
        };
        let mut standard = None;
        for (name, what) in names {
            // `from_static`, like parsing, gives a name `http` knows its standard form.
            let Some((variant, number)) = number(name) else {
                let text = name.as_str().as_bytes();
                table.unknown_to_http.push((key(text), name.clone(), *what));
                let (length, first) = prefilter(text);
                table.unknown_lengths |= length;
                table.unknown_first_bytes |= first;
                continue;
            };
            let number = usize::try_from(number).ok().filter(|&n| n < 256)?;
            // One variant for all, and a number of its own for each.
            if *standard.get_or_insert(variant) != variant
                || table.by_number[number] != T::default()
            {
                return None;
            }
            table.by_number[number] = *what;
        }
        table.standard = standard?;
        Some(table)
    }

    /// What `name` is: by number for a name `http` knows (with a table), else by comparison
    /// with the listed names `http` does not know; without a table, by comparison with all of
    /// `names` (slower, the same result).
    #[inline]
    pub(crate) fn classify(
        table: Option<&Self>,
        names: &[(HeaderName, T)],
        name: &HeaderName,
    ) -> T {
        match (table, number(name)) {
            (Some(table), Some((variant, number))) => match usize::try_from(number) {
                Ok(number) if variant == table.standard && number < 256 => table.by_number[number],
                _ => T::default(),
            },
            (Some(table), None) => {
                let (length, first) = prefilter(name.as_str().as_bytes());
                if table.unknown_first_bytes & first != 0 && table.unknown_lengths & length != 0 {
                    table.unknown(name)
                } else {
                    T::default()
                }
            }
            (None, _) => names
                .iter()
                .find(|(listed, _)| listed == name)
                .map_or(T::default(), |&(_, what)| what),
        }
    }

    /// What a name `http` does not know is. Out of line: inlined, it made the lookup of every
    /// name too large to inline into the passes (+80 instructions on every status).
    #[inline(never)]
    fn unknown(&self, name: &HeaderName) -> T {
        // Such a name (`x-request-id`, say) is mostly none of the listed ones either: their
        // keys tell it, without comparing text.
        let text = name.as_str().as_bytes();
        let key = key(text);
        self.unknown_to_http
            .iter()
            .find(|(listed, name, _)| *listed == key && name.as_str().as_bytes() == text)
            .map_or(T::default(), |&(_, _, what)| what)
    }
}

/// A name's length and first byte, as one bit each of [`ByNumber`]'s prefilter masks.
#[inline]
fn prefilter(text: &[u8]) -> (u64, u128) {
    let first = text.first().copied().unwrap_or(0);
    (1 << text.len().min(63), 1 << (first & 127))
}

/// A name's length, first and last byte in one word: names that differ in any of them differ.
#[inline]
fn key(text: &[u8]) -> u32 {
    let (first, last) = match text {
        [first, .., last] => (*first, *last),
        [only] => (*only, *only),
        [] => (0, 0),
    };
    (text.len().min(0xffff) as u32) | u32::from(first) << 16 | u32::from(last) << 24
}

/// `http`'s number for a name it knows, as its derived `Hash` writes it: the variant of its
/// representation, then the standard name's number. A name it does not know writes its text
/// instead: `None`.
#[inline]
fn number(name: &HeaderName) -> Option<(u64, u64)> {
    let mut probe = Probe::default();
    name.hash(&mut probe);
    (!probe.text && probe.integers == 2).then_some((probe.first, probe.second))
}

/// A `Hasher` that keeps the first two integers written and whether text was.
#[derive(Default)]
struct Probe {
    integers: u8,
    first: u64,
    second: u64,
    text: bool,
}

impl Probe {
    #[inline]
    fn integer(&mut self, value: u64) {
        match self.integers {
            0 => self.first = value,
            1 => self.second = value,
            _ => {}
        }
        self.integers = self.integers.saturating_add(1);
    }
}

impl Hasher for Probe {
    fn finish(&self) -> u64 {
        0
    }

    #[inline]
    fn write(&mut self, _: &[u8]) {
        self.text = true;
    }

    #[inline]
    fn write_u8(&mut self, value: u8) {
        self.integer(value.into());
    }

    #[inline]
    fn write_u16(&mut self, value: u16) {
        self.integer(value.into());
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.integer(value.into());
    }

    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.integer(value);
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.integer(value as u64);
    }

    #[inline]
    fn write_isize(&mut self, value: isize) {
        self.integer(value as u64);
    }
}

#[cfg(test)]
mod tests {
    use http::header;

    use super::*;

    /// Names `http` knows, and some it does not.
    const OTHERS: &[&str] = &[
        "accept-ranges",
        "access-control-allow-origin",
        "age",
        "allow",
        "authorization",
        "cache-control",
        "connection",
        "cookie",
        "date",
        "etag",
        "if-none-match",
        "location",
        "referer",
        "server",
        "set-cookie",
        "te",
        "user-agent",
        "vary",
        "x-content-type-options",
        "x-request-id",
        "x-forwarded-for",
        "keep-alive",
        "x-forwarded-prot",
        "x-forwarded-protp",
        "x-forwarded-protx",
        "x-a-custom-name-longer-than-sixty-four-bytes-which-shares-bit-63-x",
    ];

    #[test]
    fn names_read_as_numbers_with_this_http_and_agree_with_comparison() {
        let names = [
            (header::HOST, 1u8),
            (header::ACCEPT, 2),
            (HeaderName::from_static("x-forwarded-proto"), 3),
            (header::SEC_WEBSOCKET_EXTENSIONS, 4),
        ];
        let table = ByNumber::build(&names).expect("http's names read as numbers");
        assert_eq!(table.unknown_to_http.len(), 1, "x-forwarded-proto only");
        let parsed = |text: &str| HeaderName::from_bytes(text.as_bytes()).unwrap();
        for (name, what) in &names {
            let name = parsed(name.as_str());
            assert_eq!(
                ByNumber::classify(Some(&table), &names, &name),
                *what,
                "{name}"
            );
            assert_eq!(ByNumber::classify(None, &names, &name), *what, "{name}");
        }
        for other in OTHERS {
            let other = parsed(other);
            assert_eq!(
                ByNumber::classify(Some(&table), &names, &other),
                0,
                "{other}"
            );
            assert_eq!(ByNumber::classify(None, &names, &other), 0, "{other}");
        }
    }

    #[test]
    fn two_names_of_one_number_give_no_table() {
        assert!(ByNumber::build(&[(header::HOST, 1u8), (header::HOST, 2)]).is_none());
    }
}
