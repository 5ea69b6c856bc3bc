//! Parsers for the syntax of field values: lists and quoted strings, entity tags, HTTP dates,
//! ranges, URI references and Structured Field lists; and of `multipart/byteranges` content,
//! which a sweep compares. Pure functions on bytes: linear in the input, free of panics,
//! and they allocate nothing (except where a function says so). What a rule makes of a value
//! lives with the rule, in `crate::rules`.

pub(crate) mod date;
pub(crate) mod etag;
pub(crate) mod json;
pub(crate) mod list;
pub(crate) mod multipart;
pub(crate) mod range;
pub(crate) mod structured;
pub(crate) mod uri;

use http::{header::HeaderName, HeaderMap, HeaderValue};

/// `a == b` without a `memcmp` call for strings up to 16 bytes (an entity tag, a method): two
/// overlapping fixed-size comparisons, as `memcmp` itself does past its call, which costs about
/// 26 instructions on its own.
#[inline]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_ne_bytes(word)
    };
    let half = |bytes: &[u8], at: usize| -> u32 {
        let mut half = [0; 4];
        half.copy_from_slice(&bytes[at..at + 4]);
        u32::from_ne_bytes(half)
    };
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// The value of a field that must appear once (RFC 9110 §5.3); `None` when it is absent or
/// repeated (then it has no one value to compare).
pub(crate) fn single(headers: &HeaderMap, name: HeaderName) -> Option<&[u8]> {
    single_value(headers, name).map(HeaderValue::as_bytes)
}

/// [`single`], as the `HeaderValue` (for a sweep, which sends it back).
pub(crate) fn single_value(headers: &HeaderMap, name: HeaderName) -> Option<&HeaderValue> {
    let mut lines = lines(headers, &name);
    let first = lines.next()?;
    lines.next().is_none().then_some(first)
}

/// Maps with at most this many names are searched by walking their lines instead of by
/// hashing. `HeaderMap::get_all` hashes the name with FNV, byte by byte over the 16 bytes of
/// one `http` knows, and probes: 151–195 instructions in a map of 1 to 12 names. The walk
/// costs about 36, plus 19 per name before the one sought: less up to 8 names wherever the
/// name stands (169 against 173 when it is the 8th), and the checks look up only names the
/// field pass saw (`bash benches/instructions.sh 2000 lookups`; BENCHMARKS.md, "Names by
/// number, lookups by walking").
const WALKED_AT_MOST: usize = 8;

/// The lines of the field `name`, in order: `headers.get_all(name)`, found by walking a small
/// map.
pub(crate) fn lines<'a, 'n>(headers: &'a HeaderMap, name: &'n HeaderName) -> Lines<'a, 'n> {
    if headers.keys_len() <= WALKED_AT_MOST {
        Lines::Walk {
            lines: headers.iter(),
            name,
            found: false,
        }
    } else {
        Lines::Hashed(headers.get_all(name).into_iter())
    }
}

/// The lines [`lines`] yields.
pub(crate) enum Lines<'a, 'n> {
    /// Every line of the map in order, those of `name` among them; a map yields each name's
    /// lines together, so the walk ends at the first other name after them.
    Walk {
        lines: http::header::Iter<'a, HeaderValue>,
        name: &'n HeaderName,
        found: bool,
    },
    Hashed(http::header::ValueIter<'a, HeaderValue>),
    Done,
}

impl<'a> Iterator for Lines<'a, '_> {
    type Item = &'a HeaderValue;

    #[inline]
    fn next(&mut self) -> Option<&'a HeaderValue> {
        match self {
            Self::Walk { lines, name, found } => {
                for (line_name, value) in lines.by_ref() {
                    if line_name == *name {
                        *found = true;
                        return Some(value);
                    }
                    if *found {
                        break;
                    }
                }
                *self = Self::Done;
                None
            }
            Self::Hashed(lines) => lines.next(),
            Self::Done => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use http::{header, HeaderMap, HeaderName, HeaderValue};

    use super::{lines, same_bytes, single, WALKED_AT_MOST};

    #[test]
    fn same_bytes_is_equality() {
        let text: Vec<u8> = (b'a'..=b'z').chain(b'A'..=b'Z').collect();
        for n in 0..=text.len() {
            let a = &text[..n];
            assert!(same_bytes(a, a), "{n}");
            // Equal bytes elsewhere in memory.
            let copy = a.to_vec();
            assert!(same_bytes(a, &copy), "{n}");
            // One byte changed anywhere, or one more or fewer: not the same.
            for at in 0..n {
                let mut b = a.to_vec();
                b[at] ^= 0x20;
                assert!(!same_bytes(a, &b), "{n} at {at}");
            }
            if n < text.len() {
                assert!(!same_bytes(a, &text[..=n]), "{n} against one byte more");
            }
            if n > 0 {
                assert!(!same_bytes(a, &a[..n - 1]), "{n} against one byte fewer");
            }
        }
    }

    /// A map of `size` names: `name` on `repeats` lines at place `at` (when below `size`),
    /// every other name on one or two lines.
    fn map(size: usize, at: usize, name: &HeaderName, repeats: usize) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for i in 0..size {
            if i == at {
                for line in 0..repeats {
                    headers.append(name.clone(), HeaderValue::from(line));
                }
                continue;
            }
            let other = HeaderName::from_bytes(format!("x-other-{i}").as_bytes()).unwrap();
            for line in 0..=(i % 2) {
                headers.append(other.clone(), HeaderValue::from(100 + line));
            }
        }
        headers
    }

    #[test]
    fn lines_are_those_get_all_finds_walked_or_hashed() {
        for name in [header::ETAG, HeaderName::from_static("x-custom")] {
            for size in 0..=WALKED_AT_MOST + 3 {
                for at in 0..=size {
                    for repeats in 0..=3 {
                        let headers = map(size, at, &name, repeats);
                        let walked: Vec<_> = lines(&headers, &name).collect();
                        let hashed: Vec<_> = headers.get_all(&name).iter().collect();
                        assert_eq!(walked, hashed, "{size} names, {repeats} lines at {at}");
                        // Fused: nothing after the end.
                        let mut found = lines(&headers, &name);
                        found.by_ref().for_each(drop);
                        assert_eq!(found.next(), None);
                        let one = (repeats == 1 && at < size).then(|| b"0".as_slice());
                        assert_eq!(single(&headers, name.clone()), one);
                    }
                }
            }
        }
    }
}
