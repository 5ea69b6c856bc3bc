//! Range requests: 206, 416, `Content-Range` and `If-Range`.

use crate::facts::MethodCode;
use http::{header, HeaderMap};

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

/// Whether the response is a `multipart/byteranges` one (also what a sweep reads part by
/// part, `sweep::parts`).
pub(crate) fn is_multipart(headers: &HeaderMap) -> bool {
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
    facts.code == MethodCode::Get || facts.is_query()
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
                _ if cx.method_is(MethodCode::Head) => None,
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

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A single-part 206 (Partial Content) without `Content-Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.1: "the server generating the 206 response MUST generate a Content-Range
    /// header field, describing what range of the selected representation is enclosed". Without
    /// it the client cannot place the bytes.
    PARTIAL_CONTENT_WITHOUT_CONTENT_RANGE = "partial-content-without-content-range" {
        fields: ["content-range", "content-type"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.1",
        summary: "206 without Content-Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        openapi: "a 206 response documented without a `Content-Range` header or `multipart/byteranges` content",
    }

    /// ### What it checks
    /// A `multipart/byteranges` 206 with a `Content-Range` header field (each part carries its
    /// own).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "To avoid confusion with single-part responses, a server MUST NOT
    /// generate a Content-Range header field in the HTTP header section of a multiple part
    /// response".
    PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE = "partial-content-multipart-with-content-range" {
        fields: ["content-range", "content-type"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 with a header Content-Range",
        repair: ["Removes the header `Content-Range`."],
        default: Repair,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3,10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\ncontent-range: bytes 0-13/100\n\n--B--",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3,10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
        openapi: "a 206 response documented with `multipart/byteranges` content and a `Content-Range` header",
    }

    /// ### What it checks
    /// A `multipart/byteranges` 206 to a request that asked for a single range.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "A server MUST NOT generate a multipart response to a request for a
    /// single range, since a client that does not request multiple parts might not support
    /// multipart responses."
    PARTIAL_CONTENT_MULTIPART_FOR_SINGLE_RANGE = "partial-content-multipart-for-single-range" {
        fields: ["content-type"],
        reads: [RANGE],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 to a single-range request",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3, 10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
    }

    /// ### What it checks
    /// A 206 to a request without `Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: 206 means "the server is successfully fulfilling a range request"; a
    /// client that asked for the whole representation and gets part of it has no way to know.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    PARTIAL_CONTENT_NOT_REQUESTED = "partial-content-not-requested" {
        fields: [],
        reads: [RANGE],
        requirement: Advisory,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 to a request without Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 or 416 to a method other than GET and QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request method
    /// that is unrecognized or for which range handling is not defined. For this specification,
    /// GET is the only method for which range handling is defined." RFC 10008 §2.8 adds QUERY:
    /// "The semantics of Range Requests for QUERY are identical to those for GET".
    RANGE_STATUS_FOR_NON_GET = "range-status-for-non-get" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "206 or 416 to a method other than GET or QUERY",
        repair: [],
        default: Log,
        example: "POST /video HTTP/1.1\nrange: bytes=0-3\ncontent-length: 0\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "POST /video HTTP/1.1\nrange: bytes=0-3\ncontent-length: 0\n\n200 OK\ncontent-type: video/mp4\n\nabcd",
        openapi: "a 206 or 416 response documented for an operation other than `get` or `query`",
    }

    /// ### What it checks
    /// A 206 to a request whose `If-Range` the response shows to be false: a weak entity tag
    /// (never a match), a strong one that the response's `ETag` does not strongly match, or a
    /// date other than the response's `Last-Modified`. A 206 without the validator to compare
    /// (no `ETag` for a tag, no `Last-Modified` for a date) is not judged: there is no evidence.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.5: when the `If-Range` condition is false the server "MUST ignore the
    /// Range header field" and send the whole representation. A partial response to a changed
    /// representation corrupts what the client reassembles.
    PARTIAL_CONTENT_IF_RANGE_MISMATCH = "partial-content-if-range-mismatch" {
        fields: ["etag", "last-modified"],
        reads: [IF_RANGE],
        requirement: Must,
        spec: "RFC 9110 §13.1.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.5",
        summary: "206 although If-Range does not match",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v2\"\ncontent-range: bytes 0-3/100\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v2\"\n\n206 Partial Content\netag: \"v2\"\ncontent-range: bytes 0-3/100\n\nabcd",
    }

    /// ### What it checks
    /// A single-part 206 to an `If-Range` request that carries `Content-Type`,
    /// `Content-Encoding` or `Content-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: after an `If-Range` request "the sender SHOULD NOT generate other
    /// representation header fields beyond those required above, because the client already has
    /// a prior response containing those header fields".
    PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA = "partial-content-if-range-extra-metadata" {
        fields: ["content-type", "content-encoding", "content-language"],
        reads: [IF_RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 to If-Range with representation metadata",
        repair: ["Removes `Content-Type`, `Content-Encoding` and `Content-Language`."],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-3/100\n\nabcd",
    }

    /// ### What it checks
    /// A single-part 206 whose `Content-Range` is inconsistent: `last-pos` before `first-pos`,
    /// beyond the complete length, or a range length other than the `Content-Length` or the
    /// body's known size. On a response to HEAD, which sends no content, only `Content-Length`
    /// is compared.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4 defines the range as `first-pos` to `last-pos` inclusive within the
    /// complete length, and §8.6 makes `Content-Length` the length of the content sent. A client
    /// that trusts one and gets the other writes bytes at the wrong offset.
    PARTIAL_CONTENT_LENGTH_MISMATCH = "partial-content-length-mismatch" {
        fields: ["content-range", "content-length"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 whose Content-Range disagrees with its length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-9\n\n206 Partial Content\ncontent-range: bytes 0-9/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=96-\n\n206 Partial Content\ncontent-range: bytes 96-99/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 whose `Content-Range` uses the unsatisfied form `bytes */length`.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: `*/length` is the `unsatisfied-range` form, for 416; a 206 must describe
    /// the range it encloses.
    PARTIAL_CONTENT_UNSATISFIED_RANGE = "partial-content-unsatisfied-range" {
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 with Content-Range bytes */length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes */100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A 416 (Range Not Satisfiable) to a byte-range request without `Content-Range: bytes
    /// */length`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: "A server that generates a 416 response to a byte-range request SHOULD
    /// generate a Content-Range header field specifying the current length of the selected
    /// representation". It is how the client learns what it may ask for.
    RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE = "range-not-satisfiable-without-content-range" {
        fields: ["content-range"],
        reads: [RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 without Content-Range bytes */length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-type: text/plain\n\nout of range",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
        openapi: "a 416 response documented without a `Content-Range` header",
    }

    /// ### What it checks
    /// A 416 to a request without `Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: 416 means "the set of ranges in the request's Range header field has
    /// been rejected"; without a `Range` there is nothing to reject.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    RANGE_NOT_SATISFIABLE_NOT_REQUESTED = "range-not-satisfiable-not-requested" {
        fields: [],
        reads: [RANGE],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 to a request without Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A `Content-Range` header on a status other than 206 and 416.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: Content-Range "has no meaning for status codes that do not explicitly
    /// describe its semantic"; only 206 and 416 do. Clients may still act on it.
    CONTENT_RANGE_OUTSIDE_PARTIAL = "content-range-outside-partial" {
        fields: ["content-range"],
        requirement: Advisory,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "Content-Range on a status other than 206 or 416",
        repair: ["Removes `Content-Range`."],
        default: Log,
        example: "GET /video HTTP/1.1\n\n200 OK\ncontent-range: bytes 0-3/4\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\n\n200 OK\ncontent-type: video/mp4\n\nabcd",
        openapi: "a `Content-Range` header documented for a response other than 206 or 416",
    }

    /// ### What it checks
    /// A 206 with `Accept-Ranges: none`.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.3: `none` says the server does not support range requests, while the 206
    /// just served one. Advice.
    PARTIAL_CONTENT_ACCEPT_RANGES_NONE = "partial-content-accept-ranges-none" {
        fields: ["accept-ranges"],
        requirement: Advisory,
        spec: "RFC 9110 §14.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.3",
        summary: "206 with Accept-Ranges: none",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\naccept-ranges: none\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\naccept-ranges: bytes\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 416 to a request whose `Range` names a unit other than `bytes`, when the response
    /// shows the server does not understand that unit: its `Content-Range` uses another unit,
    /// or its `Accept-Ranges` does not list it.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range
    /// unit it does not understand." Ignoring it means answering as if there were no `Range`
    /// (usually 200 with the whole representation), not rejecting the request.
    RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT = "range-not-satisfiable-unknown-unit" {
        fields: ["content-range", "accept-ranges"],
        reads: [RANGE],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "416 to a Range in a unit the server ignores",
        repair: [],
        default: Log,
        example: "GET /items HTTP/1.1\nrange: items=0-9\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nunsupported",
        near_miss: "GET /items HTTP/1.1\nrange: items=0-9\n\n200 OK\naccept-ranges: bytes\ncontent-type: text/plain\n\nall items",
    }

    /// ### What it checks
    /// A 416 whose own `Content-Range: bytes */length` shows that the requested byte range
    /// set was satisfiable: one range, or up to four in ascending order without overlap, of
    /// which at least one starts inside `length` (or is a non-empty suffix). Larger, unordered
    /// or overlapping sets are not judged: RFC 9110 §14.2 and §15.5.17 let a server reject
    /// them.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: 416 means "none of the requested ranges are satisfiable" or "an
    /// excessive number of small or overlapping ranges"; §14.2: for a valid, satisfiable range
    /// set "the server SHOULD send a 206 (Partial Content) response". A server that cannot
    /// serve several ranges may ignore `Range` and send 200; rejecting it leaves the client
    /// with nothing.
    /// The sentence is a SHOULD, and it is addressed to the server.
    RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE = "range-not-satisfiable-for-satisfiable-range" {
        fields: ["content-range"],
        reads: [RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 to a satisfiable byte range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-9, 20-29\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nno multipart",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=100-199\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }
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
