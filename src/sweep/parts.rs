//! The sweep rules of a multipart 206: the answer to its two ranges, part by part, against the
//! 200 to the same GET (RFC 9110 §14.6, §15.3.7.2).

use http::{header, StatusCode};

use super::exchange::Exchange;
use crate::{
    rules::ranges::is_multipart,
    syntax::{
        self, list,
        multipart::{self, Part},
        range::{self, ContentRange},
    },
    Rule,
};

/// The findings on `ranged`, a multipart 206 to the sweep's two ranges: its form, each part's
/// `Content-Range` and `Content-Type`, their order; and, when `ok` shows the same
/// representation with a validator, each part's octets and complete length against `ok`'s.
pub(super) fn check(
    ok: &Exchange,
    ranged: &Exchange,
    same_representation: bool,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    if ranged.status != StatusCode::PARTIAL_CONTENT || !is_multipart(&ranged.headers) {
        return;
    }
    let Some(content_type) = syntax::single(&ranged.headers, header::CONTENT_TYPE) else {
        return;
    };
    // Content longer than the sweep keeps is only counted.
    let Some(content) = &ranged.content else {
        return;
    };
    let Some(boundary) = multipart::boundary(content_type) else {
        let detail = "multipart/byteranges without a boundary parameter".to_owned();
        flag(Rule::PARTIAL_CONTENT_MULTIPART_MALFORMED, ranged, detail);
        return;
    };
    let parts = match multipart::parts(content, boundary) {
        Some(parts) if !parts.is_empty() => parts,
        _ => {
            let detail = "content not delimited by its boundary into parts".to_owned();
            flag(Rule::PARTIAL_CONTENT_MULTIPART_MALFORMED, ranged, detail);
            return;
        }
    };
    let ranges: Vec<Option<(u64, u64, Option<u64>)>> = parts.iter().map(part_range).collect();
    if let Some(n) = ranges.iter().position(Option::is_none) {
        let detail = format!(
            "part {} of {} has no Content-Range naming the octets it holds",
            n + 1,
            parts.len()
        );
        flag(
            Rule::PARTIAL_CONTENT_PART_WITHOUT_CONTENT_RANGE,
            ranged,
            detail,
        );
    }
    let firsts: Vec<u64> = ranges
        .iter()
        .flatten()
        .map(|(first, _, _)| *first)
        .collect();
    if firsts.windows(2).any(|pair| pair[1] < pair[0]) {
        let detail = format!(
            "parts start at octets {}, for ranges asked in ascending order",
            firsts
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        flag(Rule::PARTIAL_CONTENT_PARTS_OUT_OF_ORDER, ranged, detail);
    }
    if let Some(whole) = syntax::single(&ok.headers, header::CONTENT_TYPE) {
        let unlike = parts.iter().position(|part| {
            !part
                .field("content-type")
                .is_some_and(|t| same_type(t, whole))
        });
        if let Some(n) = unlike {
            let detail = match parts[n].field("content-type") {
                Some(_) => format!("part {} has another Content-Type than the 200", n + 1),
                None => format!("part {} has no Content-Type; the 200 has one", n + 1),
            };
            flag(Rule::PARTIAL_CONTENT_PART_TYPE_DIFFERS, ranged, detail);
        }
    }
    if same_representation && ok.has_validator() {
        octets(ok, ranged, &parts, &ranges, flag);
    }
}

/// A part's `Content-Range`, when it names satisfied bytes.
fn part_range(part: &Part<'_>) -> Option<(u64, u64, Option<u64>)> {
    match range::content_range(part.field("content-range")?) {
        ContentRange::Satisfied {
            first,
            last,
            complete,
        } => Some((first, last, complete)),
        _ => None,
    }
}

/// Each part's complete length and octets against the 200's (RFC 9110 §14.4, through the
/// rules that judge a single part).
fn octets(
    ok: &Exchange,
    ranged: &Exchange,
    parts: &[Part<'_>],
    ranges: &[Option<(u64, u64, Option<u64>)>],
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    let parts_and_ranges = parts.iter().zip(ranges).enumerate();
    for (n, (part, range)) in parts_and_ranges {
        let Some((first, last, complete)) = *range else {
            continue;
        };
        if let Some(complete) = complete.filter(|c| *c != ok.length) {
            let detail = format!(
                "part {} says {complete} octets, the 200 has {}",
                n + 1,
                ok.length
            );
            flag(Rule::RANGE_LENGTH_DIFFERS_FROM_FULL, ranged, detail);
            return;
        }
        let expected = ok.content.as_deref().and_then(|whole| {
            whole.get(usize::try_from(first).ok()?..=usize::try_from(last).ok()?)
        });
        if expected.is_some_and(|expected| expected != part.content) {
            let detail = format!("part {} is not octets {first}-{last} of the 200", n + 1);
            flag(Rule::PARTIAL_CONTENT_DIFFERS_FROM_FULL, ranged, detail);
            return;
        }
    }
}

/// Whether two `Content-Type` values name the same media type: the type, subtype and
/// parameter names in any case, parameters in any order, a `charset` value in any case,
/// quoted or not (RFC 9110 §8.3.1, §8.3.2).
fn same_type(a: &[u8], b: &[u8]) -> bool {
    normalized(a) == normalized(b)
}

fn normalized(value: &[u8]) -> (Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>) {
    let essence = list::name_before(value, b';').to_ascii_lowercase();
    let mut parameters: Vec<(Vec<u8>, Vec<u8>)> = multipart::parameters(value)
        .map(|(name, value)| {
            let name = name.to_ascii_lowercase();
            let value = if name == b"charset" {
                value.to_ascii_lowercase()
            } else {
                value.to_vec()
            };
            (name, value)
        })
        .collect();
    parameters.sort();
    (essence, parameters)
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Sweep;
    repair: none;

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 206 with `Content-Type: multipart/byteranges` answering
    /// the sweep's two ranges (the first and the last octet of the 200's content) whose
    /// `Content-Type` has no `boundary` parameter, or whose content is not parts delimited by
    /// it and closed by its close delimiter.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "When multiple parts are being transferred, the server generating
    /// the 206 response MUST generate "multipart/byteranges" content, as defined in Section
    /// 14.6, and a Content-Type header field containing the multipart/byteranges media type
    /// and its required boundary parameter." A client finds the parts by the boundary; without
    /// it, or with content it does not delimit, no part can be read.
    PARTIAL_CONTENT_MULTIPART_MALFORMED = "partial-content-multipart-malformed" {
        fields: ["content-type"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 without a boundary, or not delimited by it",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: text/plain\ncontent-range: bytes 4-4/5\n\no\n--B--",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: text/plain\ncontent-range: bytes 4-4/5\n\no\n--B--",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a part of a multipart 206 (to the sweep's two ranges)
    /// without a `Content-Range` that names the bytes it holds.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "Within the header area of each body part in the multipart
    /// content, the server MUST generate a Content-Range header field corresponding to the
    /// range being enclosed in that body part." A client places each part by it; a part
    /// without one cannot be placed.
    PARTIAL_CONTENT_PART_WITHOUT_CONTENT_RANGE = "partial-content-part-without-content-range" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "part of a multipart 206 without Content-Range",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: text/plain\n\no\n--B--",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: text/plain\ncontent-range: bytes 4-4/5\n\no\n--B--",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a multipart 206 to the sweep's two ranges, asked in
    /// ascending order, whose parts do not come in that order.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "When a multipart response is generated, the server SHOULD send the
    /// parts in the same order that the corresponding range-spec appeared in the received
    /// Range header field, excluding those ranges that were deemed unsatisfiable or that were
    /// coalesced into other ranges." A client that streams the parts to their places as they
    /// come (a media player) has to buffer the ones that come early.
    PARTIAL_CONTENT_PARTS_OUT_OF_ORDER = "partial-content-parts-out-of-order" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 parts not in the order asked",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 4-4/5\n\no\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B--",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: text/plain\ncontent-range: bytes 4-4/5\n\no\n--B--",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a part of a multipart 206 (to the sweep's two ranges) whose
    /// `Content-Type` is missing or names another media type than the 200 to the same GET.
    /// Compared as media types: names in any case, parameters in any order, a `charset` in
    /// any case.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "If the selected representation would have had a Content-Type
    /// header field in a 200 (OK) response, the server SHOULD generate that same Content-Type
    /// header field in the header area of each body part." The parts are pieces of that
    /// representation; a client that reads a part by its own type misreads it.
    PARTIAL_CONTENT_PART_TYPE_DIFFERS = "partial-content-part-type-differs" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "part of a multipart 206 without the 200's Content-Type",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain; charset=utf-8\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-range: bytes 4-4/5\n\no\n--B--",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain; charset=utf-8\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0,4-4\n\n206 Partial Content\netag: \"v1\"\ncontent-type: multipart/byteranges; boundary=B\n\n--B\ncontent-type: text/plain; charset=UTF-8\ncontent-range: bytes 0-0/5\n\nh\n--B\ncontent-type: Text/Plain;charset=\"utf-8\"\ncontent-range: bytes 4-4/5\n\no\n--B--",
    }
}

#[cfg(test)]
mod tests {
    use super::same_type;

    #[test]
    fn media_types_compare_as_media_types() {
        assert!(same_type(b"text/plain", b"TEXT/Plain"));
        assert!(same_type(
            b"text/plain; charset=utf-8",
            b"text/plain;charset=\"UTF-8\""
        ));
        assert!(same_type(b"a/b; x=1; y=2", b"a/b; y=2; x=1"));
        assert!(!same_type(b"text/plain", b"text/html"));
        assert!(!same_type(b"text/plain", b"text/plain; charset=utf-8"));
        // Only `charset` is compared in any case; other values are the sender's.
        assert!(!same_type(b"a/b; v=X", b"a/b; v=x"));
    }
}
