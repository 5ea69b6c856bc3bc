//! Range requests: 206, 416, `Content-Range` and `If-Range`.

use http::{header, HeaderMap, Method};

use super::{content, Ctx, Fields, Repair};
use crate::{
    facts::{BodyShape, Field, Present, RequestFacts},
    syntax::{
        date,
        etag::{current_tag, EntityTag},
        list,
        range::{
            byte_range_set, content_range, content_range_unit, number, range_unit,
            requested_ranges, ByteRange, ContentRange,
        },
        single,
    },
    Rule,
};

/// Whether the response is a `multipart/byteranges` one.
fn is_multipart(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).is_some_and(|value| {
        let essence = list::name_before(value.as_bytes(), b';');
        essence.eq_ignore_ascii_case(b"multipart/byteranges")
    })
}

/// The most ranges in one request for which a 416 to a satisfiable set is reported. RFC 9110
/// §15.5.17 lets a server reject "an excessive number of small or overlapping ranges"; the
/// RFC sets no number, so only small sets are judged.
const JUDGED_RANGES: usize = 4;

/// Whether a 416 rejected a byte range set that a server had to serve: valid, at least one
/// range satisfiable for `length`, and none of the signs §14.2 and §15.5.17 let a server reject
/// (more than [`JUDGED_RANGES`] ranges, ranges out of order or overlapping, suffix ranges
/// among several).
fn satisfiable_set(set: &[u8], length: u64) -> bool {
    let mut count = 0;
    let mut any_satisfiable = false;
    let mut previous_end: Option<u64> = None;
    for spec in list::elements_of(set) {
        count += 1;
        let Some(range) = ByteRange::parse(spec) else {
            return false;
        };
        if count > JUDGED_RANGES {
            return false;
        }
        match range {
            ByteRange::From { first, last } => {
                if previous_end.is_some_and(|end| first <= end) {
                    return false;
                }
                previous_end = Some(last.unwrap_or(u64::MAX));
            }
            ByteRange::Suffix(_) if count > 1 => return false,
            ByteRange::Suffix(_) => previous_end = Some(u64::MAX),
        }
        any_satisfiable |= range.satisfiable(length);
    }
    any_satisfiable
}

/// RFC 9110 §14.2: "GET is the only method for which range handling is defined"; RFC 10008 §2.8:
/// "The semantics of Range Requests for QUERY are identical to those for GET".
fn ranges_defined_for(facts: &RequestFacts) -> bool {
    facts.method == Method::GET || facts.is_query()
}

/// 206 Partial Content.
pub(super) fn partial_content(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    let multipart = is_multipart(cx.headers);
    cx.flag_if(Rule::PARTIAL_CONTENT_NOT_REQUESTED, |_| {
        !facts.has(Present::RANGE)
    });
    cx.flag_if(Rule::RANGE_STATUS_FOR_NON_GET, |_| {
        !ranges_defined_for(facts)
    });
    if facts.has(Present::IF_RANGE) {
        if let Some(if_range) = facts.get(Field::IfRange).known() {
            cx.flag_if(Rule::PARTIAL_CONTENT_IF_RANGE_MISMATCH, |cx| {
                if_range_fails(if_range, cx.headers)
            });
        }
        if !multipart {
            cx.flag_if(Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA, |cx| {
                cx.fields.any(Fields::REPRESENTATION_METADATA)
            });
        }
    }
    cx.flag_if(Rule::PARTIAL_CONTENT_ACCEPT_RANGES_NONE, |cx| {
        list::elements(cx.headers.get_all(header::ACCEPT_RANGES))
            .any(|unit| unit.eq_ignore_ascii_case(b"none"))
    });
    if multipart {
        cx.flag_if(Rule::PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE, |cx| {
            cx.fields.has(Fields::CONTENT_RANGE)
        });
        cx.flag_if(Rule::PARTIAL_CONTENT_MULTIPART_FOR_SINGLE_RANGE, |_| {
            facts.get(Field::Range).known().and_then(requested_ranges) == Some(1)
        });
        return;
    }
    let Some(value) = cx.headers.get(header::CONTENT_RANGE) else {
        cx.flag(Rule::PARTIAL_CONTENT_WITHOUT_CONTENT_RANGE);
        return;
    };
    match content_range(value.as_bytes()) {
        ContentRange::Unsatisfied { .. } => cx.flag(Rule::PARTIAL_CONTENT_UNSATISFIED_RANGE),
        ContentRange::Satisfied {
            first,
            last,
            complete,
        } => cx.flag_if(Rule::PARTIAL_CONTENT_LENGTH_MISMATCH, |cx| {
            let Some(length) = (last + 1).checked_sub(first).filter(|_| last >= first) else {
                return true;
            };
            let beyond = complete.is_some_and(|complete| last >= complete);
            let declared = single(cx.headers, header::CONTENT_LENGTH).and_then(number);
            // A response to HEAD sends no content: its Content-Length describes what a GET
            // would have sent (RFC 9110 §8.6), so only that is compared.
            let sent = match cx.body {
                _ if cx.method_is(&Method::HEAD) => None,
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

/// Whether the response shows that the `If-Range` condition was false (RFC 9110 §13.1.5):
/// a strong entity tag that the response's `ETag` does not strongly match, a weak one (never a
/// match), or a date other than the response's `Last-Modified`. Without the validator of the
/// same kind in the response there is no evidence, and nothing is reported.
fn if_range_fails(if_range: &[u8], headers: &HeaderMap) -> bool {
    if let Some(condition) = EntityTag::parse(if_range) {
        if condition.weak {
            return true;
        }
        return current_tag(headers).is_some_and(|current| !condition.strong_eq(current));
    }
    match date::parse(if_range) {
        Some((date, _)) => single(headers, header::LAST_MODIFIED)
            .and_then(date::parse)
            .is_some_and(|(modified, _)| modified != date),
        // Neither form: the field is invalid and a server ignores it; nothing to compare.
        None => false,
    }
}

/// 416 Range Not Satisfiable.
pub(super) fn not_satisfiable(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_NOT_REQUESTED, |_| {
        !facts.has(Present::RANGE)
    });
    cx.flag_if(Rule::RANGE_STATUS_FOR_NON_GET, |_| {
        !ranges_defined_for(facts)
    });
    let Some(range) = facts.get(Field::Range).known() else {
        return;
    };
    let answered = single(cx.headers, header::CONTENT_RANGE);
    if let Some(set) = byte_range_set(range) {
        let unsatisfied = answered.map(content_range);
        cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE, |_| {
            !matches!(unsatisfied, Some(ContentRange::Unsatisfied { .. }))
        });
        if let Some(ContentRange::Unsatisfied { complete }) = unsatisfied {
            cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE, |_| {
                satisfiable_set(set, complete)
            });
        }
    } else if let Some((unit, _)) = range_unit(range) {
        // §14.2: a range unit the server does not understand is ignored, never rejected.
        // Reported only when the response itself shows the unit is not understood.
        cx.flag_if(Rule::RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT, |cx| {
            let other_unit = answered
                .and_then(content_range_unit)
                .is_some_and(|(answered, _)| !answered.eq_ignore_ascii_case(unit));
            let not_accepted = cx.fields.has(Fields::ACCEPT_RANGES)
                && !list::elements(cx.headers.get_all(header::ACCEPT_RANGES))
                    .any(|accepted| accepted.eq_ignore_ascii_case(unit));
            other_unit || not_accepted
        });
    }
}

/// `Content-Range` on a status that gives it no meaning.
pub(super) fn content_range_elsewhere(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::CONTENT_RANGE_OUTSIDE_PARTIAL, |_| {
        !matches!(code, 206 | 416)
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE
        | Rule::CONTENT_RANGE_OUTSIDE_PARTIAL => {
            drop(headers.remove(header::CONTENT_RANGE));
        }
        Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA => {
            content::remove_representation_metadata(headers);
        }
        _ => return None,
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn satisfiable_sets() {
        assert!(satisfiable_set(b"0-9", 100));
        assert!(satisfiable_set(b"-5", 100));
        assert!(!satisfiable_set(b"200-300, 50-", 100));
        assert!(satisfiable_set(b"0-9, 200-300", 100));
        assert!(!satisfiable_set(b"200-300", 100));
        assert!(!satisfiable_set(b"-0", 100));
        // Signs of abuse a server may reject (RFC 9110 §14.2, §15.5.17).
        assert!(!satisfiable_set(b"0-9, 5-20", 100));
        assert!(!satisfiable_set(b"50-60, 0-9", 100));
        assert!(!satisfiable_set(b"0-1, 3-4, 6-7, 9-10, 12-13", 100));
        assert!(!satisfiable_set(b"0-1, -5", 100));
        // Invalid specifiers.
        assert!(!satisfiable_set(b"9-0", 100));
        assert!(!satisfiable_set(b"x-1", 100));
    }
}
