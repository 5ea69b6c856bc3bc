//! Range units, `Range` and `Content-Range` (RFC 9110 §14).

use super::list;

/// A parsed `Content-Range` (RFC 9110 §14.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ContentRange {
    /// `bytes first-last/complete` (`complete` is `None` for `*`).
    Satisfied {
        first: u64,
        last: u64,
        complete: Option<u64>,
    },
    /// `bytes */complete`.
    Unsatisfied { complete: u64 },
    /// Another unit, or not parseable.
    Other,
}

/// Whether `unit` is `bytes`; range units are case-insensitive (RFC 9110 §14.1).
pub(crate) fn is_bytes(unit: &[u8]) -> bool {
    unit.eq_ignore_ascii_case(b"bytes")
}

/// The unit of a `Content-Range` value (`unit SP rest`), and the rest.
pub(crate) fn content_range_unit(value: &[u8]) -> Option<(&[u8], &[u8])> {
    let space = value.iter().position(|&b| b == b' ')?;
    Some((&value[..space], &value[space + 1..]))
}

pub(crate) fn content_range(value: &[u8]) -> ContentRange {
    let Some(rest) = content_range_unit(value)
        .filter(|(unit, _)| is_bytes(unit))
        .map(|(_, rest)| rest)
    else {
        return ContentRange::Other;
    };
    let Some(slash) = rest.iter().position(|&b| b == b'/') else {
        return ContentRange::Other;
    };
    let (range, complete) = (&rest[..slash], &rest[slash + 1..]);
    let complete = match complete {
        b"*" => None,
        digits => match number(digits) {
            Some(n) => Some(n),
            None => return ContentRange::Other,
        },
    };
    if range == b"*" {
        return match complete {
            Some(complete) => ContentRange::Unsatisfied { complete },
            None => ContentRange::Other,
        };
    }
    let Some(dash) = range.iter().position(|&b| b == b'-') else {
        return ContentRange::Other;
    };
    match (number(&range[..dash]), number(&range[dash + 1..])) {
        (Some(first), Some(last)) => ContentRange::Satisfied {
            first,
            last,
            complete,
        },
        _ => ContentRange::Other,
    }
}

pub(crate) fn number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// A `Range` value split at `=`: the unit and the range set.
pub(crate) fn range_unit(range: &[u8]) -> Option<(&[u8], &[u8])> {
    let eq = range.iter().position(|&b| b == b'=')?;
    Some((list::trim(&range[..eq]), &range[eq + 1..]))
}

/// The range set of a `Range: bytes=…` value (`None` for another unit).
pub(crate) fn byte_range_set(range: &[u8]) -> Option<&[u8]> {
    range_unit(range)
        .filter(|(unit, _)| is_bytes(unit))
        .map(|(_, set)| set)
}

/// How many ranges a `Range: bytes=…` field asks for (`None` for another unit).
pub(crate) fn requested_ranges(range: &[u8]) -> Option<usize> {
    Some(list::elements_of(byte_range_set(range)?).count())
}

/// One `range-spec` of a byte range set (RFC 9110 §14.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ByteRange {
    /// `first-[last]`.
    From { first: u64, last: Option<u64> },
    /// `-suffix`.
    Suffix(u64),
}

impl ByteRange {
    pub(crate) fn parse(spec: &[u8]) -> Option<Self> {
        let dash = spec.iter().position(|&b| b == b'-')?;
        let (first, last) = (&spec[..dash], &spec[dash + 1..]);
        if first.is_empty() {
            return number(last).map(Self::Suffix);
        }
        let first = number(first)?;
        let last = if last.is_empty() {
            None
        } else {
            Some(number(last).filter(|&last| last >= first)?)
        };
        Some(Self::From { first, last })
    }

    /// RFC 9110 §14.1.1: an `int-range` is satisfiable when it starts inside the
    /// representation, a `suffix-range` when its length is not zero.
    pub(crate) fn satisfiable(self, length: u64) -> bool {
        match self {
            Self::From { first, .. } => first < length,
            Self::Suffix(suffix) => suffix > 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_forms() {
        assert_eq!(
            content_range(b"bytes 0-9/100"),
            ContentRange::Satisfied {
                first: 0,
                last: 9,
                complete: Some(100)
            }
        );
        assert_eq!(
            content_range(b"bytes 0-9/*"),
            ContentRange::Satisfied {
                first: 0,
                last: 9,
                complete: None
            }
        );
        assert_eq!(
            content_range(b"bytes */100"),
            ContentRange::Unsatisfied { complete: 100 }
        );
        // Range units are case-insensitive (RFC 9110 §14.1).
        assert_eq!(
            content_range(b"BYTES */100"),
            ContentRange::Unsatisfied { complete: 100 }
        );
        for other in [
            &b"bytes */*"[..],
            b"items 0-9/100",
            b"bytes 0-/100",
            b"bytes 0-9",
            b"",
        ] {
            assert_eq!(content_range(other), ContentRange::Other);
        }
    }

    #[test]
    fn requested_range_count() {
        assert_eq!(requested_ranges(b"bytes=0-3"), Some(1));
        assert_eq!(requested_ranges(b"bytes=0-3, 10-"), Some(2));
        assert_eq!(requested_ranges(b"items=1-2"), None);
        assert_eq!(requested_ranges(b"Bytes=0-3, 10-"), Some(2));
    }
}
