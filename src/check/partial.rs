//! Range requests: 206, 416, `Content-Range`.

use http::{header, HeaderMap, Method};

use super::{etag::EntityTag, list, Ctx, Fields};
use crate::{date, facts::BodyShape, Rule};

/// Whether the response is a `multipart/byteranges` one.
pub(crate) fn is_multipart(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).is_some_and(|value| {
        let essence = list::name_before(value.as_bytes(), b';');
        essence.eq_ignore_ascii_case(b"multipart/byteranges")
    })
}

/// A parsed `Content-Range` (RFC 9110 §14.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ContentRange {
    /// `bytes first-last/complete` (`complete` is `None` for `*`).
    Satisfied {
        first: u64,
        last: u64,
        complete: Option<u64>,
    },
    /// `bytes */complete`.
    Unsatisfied,
    /// Another unit, or not parseable.
    Other,
}

fn content_range(value: &[u8]) -> ContentRange {
    let Some(rest) = value.strip_prefix(b"bytes ") else {
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
            Some(_) => ContentRange::Unsatisfied,
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

fn number(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// How many ranges a `Range: bytes=…` field asks for (`None` for another unit).
fn requested_ranges(range: &[u8]) -> Option<usize> {
    let specs = range.strip_prefix(b"bytes=")?;
    Some(list::elements_of(specs).count())
}

/// 206 Partial Content.
pub(super) fn partial_content(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    let multipart = is_multipart(cx.headers);
    cx.flag_if(Rule::PARTIAL_CONTENT_NOT_REQUESTED, |_| {
        facts.range().is_none()
    });
    cx.flag_if(Rule::RANGE_STATUS_FOR_NON_GET, |_| {
        facts.method != Method::GET
    });
    if let Some(if_range) = facts.if_range() {
        cx.flag_if(Rule::PARTIAL_CONTENT_IF_RANGE_MISMATCH, |cx| {
            !if_range_matches(if_range, cx.headers)
        });
        if !multipart {
            cx.flag_if(Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA, |cx| {
                cx.fields.any(Fields::REPRESENTATION_METADATA)
            });
        }
    }
    cx.flag_if(Rule::PARTIAL_CONTENT_ACCEPT_RANGES_NONE, |cx| {
        cx.headers
            .get_all(header::ACCEPT_RANGES)
            .iter()
            .any(|value| {
                list::elements_of(value.as_bytes()).any(|u| u.eq_ignore_ascii_case(b"none"))
            })
    });
    if multipart {
        cx.flag_if(Rule::PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE, |cx| {
            cx.fields.has(Fields::CONTENT_RANGE)
        });
        cx.flag_if(Rule::PARTIAL_CONTENT_MULTIPART_FOR_SINGLE_RANGE, |_| {
            facts.range().and_then(requested_ranges) == Some(1)
        });
        return;
    }
    let Some(value) = cx.headers.get(header::CONTENT_RANGE) else {
        cx.flag(Rule::PARTIAL_CONTENT_WITHOUT_CONTENT_RANGE);
        return;
    };
    match content_range(value.as_bytes()) {
        ContentRange::Unsatisfied => cx.flag(Rule::PARTIAL_CONTENT_UNSATISFIED_RANGE),
        ContentRange::Satisfied {
            first,
            last,
            complete,
        } => cx.flag_if(Rule::PARTIAL_CONTENT_LENGTH_MISMATCH, |cx| {
            let Some(length) = (last + 1).checked_sub(first).filter(|_| last >= first) else {
                return true;
            };
            let beyond = complete.is_some_and(|complete| last >= complete);
            let declared = cx
                .headers
                .get(header::CONTENT_LENGTH)
                .and_then(|value| number(value.as_bytes()));
            let sent = match cx.body {
                BodyShape::Content { exact } => exact,
                BodyShape::Empty => Some(0),
                BodyShape::Unknown => None,
            };
            beyond
                || declared.is_some_and(|declared| declared != length)
                || sent.is_some_and(|sent| sent != length)
        }),
        ContentRange::Other => {}
    }
}

/// Whether `If-Range` holds for the response (RFC 9110 §13.1.5): an entity tag strongly equal
/// to `ETag`, or a date equal to `Last-Modified`.
fn if_range_matches(if_range: &[u8], headers: &HeaderMap) -> bool {
    if let Some(condition) = EntityTag::parse(if_range) {
        return headers
            .get(header::ETAG)
            .and_then(|value| EntityTag::parse(value.as_bytes()))
            .is_some_and(|current| condition.strong_eq(current));
    }
    match date::parse(if_range) {
        Some((date, _)) => headers
            .get(header::LAST_MODIFIED)
            .and_then(|value| date::parse(value.as_bytes()))
            .is_some_and(|(modified, _)| modified == date),
        // Neither form: the field is invalid and a server ignores it; nothing to compare.
        None => true,
    }
}

/// 416 Range Not Satisfiable.
pub(super) fn not_satisfiable(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_NOT_REQUESTED, |_| {
        facts.range().is_none()
    });
    cx.flag_if(Rule::RANGE_STATUS_FOR_NON_GET, |_| {
        facts.method != Method::GET
    });
    let byte_range = facts
        .range()
        .is_some_and(|range| range.starts_with(b"bytes="));
    if byte_range {
        cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE, |cx| {
            cx.headers.get(header::CONTENT_RANGE).map_or(true, |value| {
                content_range(value.as_bytes()) != ContentRange::Unsatisfied
            })
        });
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
        assert_eq!(content_range(b"bytes */100"), ContentRange::Unsatisfied);
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
    }
}
