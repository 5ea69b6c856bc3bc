//! Content and framing: which responses may carry content (and trailers), with which framing
//! fields (`Content-Length`, `Transfer-Encoding`, HTTP/2's connection-specific fields), how
//! content is labelled, and the statuses that call for content. Holds the only stream-time
//! rules: a body of unknown size on a response that must not have content is watched
//! (`crate::body`), and [`trailers_offend`] and [`prepare_for_dropped_content`] say what that
//! watch does.

use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Version};

use super::{BodyPlan, Ctx, Fields, Repair};
use crate::{
    facts::{BodyShape, Present},
    syntax::{list, structured},
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let code = cx.code;
    let connect_success = cx.method_is(&Method::CONNECT) && cx.status.is_success();
    let forbidden = match code {
        100..=199 => Some(Rule::INFORMATIONAL_WITH_BODY),
        204 => Some(Rule::NO_CONTENT_WITH_BODY),
        205 => Some(Rule::RESET_CONTENT_WITH_BODY),
        304 => Some(Rule::NOT_MODIFIED_WITH_BODY),
        _ if cx.method_is(&Method::HEAD) => Some(Rule::HEAD_RESPONSE_WITH_BODY),
        _ => None,
    };
    // hyper's HTTP/1 encoder sends no content for 1xx, 204, 304 and HEAD (it never polls the
    // body): what these rules forbid does not reach the client. It sends a 205's. (Asked only
    // on those statuses: the conforming 200 pays nothing for it.)
    if let Some(rule) = forbidden {
        if code == 205 || !cx.wire.hyper_http1(cx.facts.version) {
            cx.forbid_content(rule);
        }
    }
    framing(cx, connect_success);
    let may_have_content = !matches!(code, 100..=199 | 204 | 205 | 304)
        && !cx.method_is(&Method::HEAD)
        && !connect_success;
    if cx.fields.has(Fields::CONTENT_DIGEST) && (!may_have_content || cx.body == BodyShape::Empty) {
        cx.flag_if(Rule::CONTENT_DIGEST_WITHOUT_CONTENT, |cx| {
            cx.headers
                .get_all(CONTENT_DIGEST)
                .iter()
                .any(|line| not_of_empty_content(line.as_bytes()))
        });
    }
    if !may_have_content {
        return;
    }
    // Without a type, unless a 206 to If-Range, which should not repeat it (RFC 9110 §15.3.7).
    let untyped = |cx: &Ctx<'_>| {
        !(cx.fields.has(Fields::CONTENT_TYPE) || (code == 206 && cx.facts.has(Present::IF_RANGE)))
    };
    match cx.body {
        BodyShape::Content { .. } if untyped(cx) => {
            // Received from a server that is not this app, the content decides
            // (`evident_media_type`): watched, its first octets read.
            if cx.wire == crate::Wire::Received {
                cx.watch_for_content(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
            } else {
                cx.flag(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
            }
        }
        BodyShape::Content { .. } => {}
        // Statuses whose definition asks for a description in the content.
        BodyShape::Empty => match code {
            202 => cx.flag(Rule::ACCEPTED_WITHOUT_CONTENT),
            300 => cx.flag(Rule::MULTIPLE_CHOICES_WITHOUT_CONTENT),
            303 => cx.flag(Rule::SEE_OTHER_WITHOUT_CONTENT),
            400..=599 => cx.flag(Rule::ERROR_WITHOUT_EXPLANATION),
            _ => {}
        },
        // A streamed body: content without a type shows only when its first bytes do. (No rule
        // that forbids content reaches here: `may_have_content` returned above.)
        BodyShape::Unknown if untyped(cx) => {
            cx.watch_for_content(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
        }
        BodyShape::Unknown => {}
    }
}

/// RFC 9530 §2: `Content-Digest`, a Dictionary of algorithm to Byte Sequence.
const CONTENT_DIGEST: HeaderName = HeaderName::from_static("content-digest");

/// The digests of empty content, base64 without padding, for the algorithms of the IANA Hash
/// Algorithms for HTTP Digest Fields registry (RFC 9530 §5) that have one fixed output: the
/// two active ones and the deprecated `md5` and `sha`.
const EMPTY_DIGESTS: [(&[u8], &[u8]); 4] = [
    (b"sha-256", b"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"),
    (
        b"sha-512",
        b"z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg",
    ),
    (b"md5", b"1B2M2Y8AsgTpgAmY7PhCfg"),
    (b"sha", b"2jmj7l5rSw0yVb/vlWAYkK/YBwk"),
];

/// Whether a `Content-Digest` line gives, for an algorithm with a known digest of empty
/// content, another value. A line that is no valid Dictionary, an unknown algorithm and a
/// value that is no Byte Sequence are not judged (a recipient ignores them, RFC 9530 §2).
fn not_of_empty_content(line: &[u8]) -> bool {
    let mut wrong = false;
    let parsed = structured::each_dictionary_member(line, |algorithm, value| {
        let Some((_, empty)) = EMPTY_DIGESTS.iter().find(|(name, _)| *name == algorithm) else {
            return true;
        };
        if let Some(digest) = structured::byte_sequence(value) {
            wrong |= digest != *empty;
        }
        true
    });
    parsed && wrong
}

/// The framing fields: `Content-Length` and `Transfer-Encoding` where they are forbidden or
/// contradict each other, and connection-specific fields over HTTP/2.
#[inline]
fn framing(cx: &mut Ctx<'_>, connect_success: bool) {
    let (code, fields) = (cx.code, cx.fields);
    // RFC 9110 §8.6 and RFC 9112 §6.1: no framing header at all on these.
    let version = cx.facts.version;
    // What hyper removes on the way out never reaches the client (see `Wire`): over HTTP/1.x
    // `Transfer-Encoding` to an HTTP/1.0 client or on a response it cannot chunk (1xx, 204,
    // 304, HEAD, a 2xx to CONNECT); over HTTP/2 every connection-specific field.
    let sends_transfer_encoding = fields.has(Fields::TRANSFER_ENCODING)
        && !cx.wire.hyper_http2(version)
        && !(cx.wire.hyper_http1(version)
            && (version <= Version::HTTP_10
                || matches!(code, 100..=199 | 204 | 304)
                || connect_success
                || cx.method_is(&Method::HEAD)));
    if matches!(code, 100..=199 | 204) || connect_success {
        // hyper's HTTP/1 server writes no Content-Length for a 1xx or 204 whose body is empty
        // (it sends the other cases, and fails a 2xx to CONNECT that has one): the client never
        // sees it.
        let dropped_on_the_wire =
            !connect_success && cx.wire.hyper_http1(version) && cx.body == BodyShape::Empty;
        if fields.has(Fields::CONTENT_LENGTH) && !dropped_on_the_wire {
            cx.flag(Rule::FORBIDDEN_CONTENT_LENGTH);
        }
        if sends_transfer_encoding {
            cx.flag(Rule::FORBIDDEN_TRANSFER_ENCODING);
        }
    }
    if sends_transfer_encoding {
        cx.flag_if(Rule::TRANSFER_ENCODING_TO_HTTP10, |_| {
            version <= Version::HTTP_10
        });
        cx.flag_if(Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING, |cx| {
            cx.fields.has(Fields::CONTENT_LENGTH)
        });
    }
    if version >= Version::HTTP_2 && !cx.wire.hyper_http2(version) {
        cx.flag_if(Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, |cx| {
            cx.fields.any(Fields::CONNECTION_SPECIFIC)
        });
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::INFORMATIONAL_WITH_BODY | Rule::NOT_MODIFIED_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
        }
        Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2 => {
            let named: Vec<HeaderName> = list::elements(headers.get_all(header::CONNECTION))
                .filter_map(|option| HeaderName::from_bytes(option).ok())
                .collect();
            for name in named {
                headers.remove(name);
            }
            for name in [
                header::CONNECTION,
                HeaderName::from_static("keep-alive"),
                HeaderName::from_static("proxy-connection"),
                header::TRANSFER_ENCODING,
                header::UPGRADE,
                header::TE,
            ] {
                headers.remove(name);
            }
        }
        Rule::FORBIDDEN_CONTENT_LENGTH | Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING => {
            drop(headers.remove(header::CONTENT_LENGTH));
        }
        Rule::FORBIDDEN_TRANSFER_ENCODING | Rule::TRANSFER_ENCODING_TO_HTTP10 => {
            drop(headers.remove(header::TRANSFER_ENCODING));
        }
        Rule::NO_CONTENT_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            remove_framing(headers);
        }
        Rule::RESET_CONTENT_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            remove_framing(headers);
            // A 2xx to CONNECT must carry no framing header at all (RFC 9110 §8.6).
            if repair.facts.method != Method::CONNECT {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
        }
        Rule::HEAD_RESPONSE_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            // A 206's length is its Content-Range's to say; a body that disagrees with it
            // (`partial-content-length-mismatch`) is no measure of what a GET would send.
            let framed = headers.contains_key(header::CONTENT_LENGTH)
                || headers.contains_key(header::TRANSFER_ENCODING)
                || repair.parts.status == http::StatusCode::PARTIAL_CONTENT;
            if let (false, BodyShape::Content { exact: Some(len) }) = (framed, repair.body) {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
        }
        _ => return None,
    }
    Some(true)
}

/// At stream time: whether a trailers frame breaks `rule` (a data frame does when it is not
/// empty). "cannot contain content or trailers": RFC 9110 §15.2 (1xx), §15.3.5 (204), §15.4.5
/// (304); RFC 9112 §6.3 adds responses to HEAD in HTTP/1.x.
pub(crate) fn trailers_offend(rule: Rule, version: Version) -> bool {
    match rule {
        Rule::INFORMATIONAL_WITH_BODY
        | Rule::NO_CONTENT_WITH_BODY
        | Rule::NOT_MODIFIED_WITH_BODY => true,
        Rule::HEAD_RESPONSE_WITH_BODY => version < Version::HTTP_2,
        _ => false,
    }
}

/// A watched body whose content may be dropped must not be framed by a length that counts it.
/// On a 204 no framing header is ever valid; on a 205 only `Content-Length: 0` is. On 304 and
/// HEAD responses the headers describe the selected representation and stay.
pub(crate) fn prepare_for_dropped_content(rule: Rule, headers: &mut HeaderMap) {
    match rule {
        Rule::NO_CONTENT_WITH_BODY => remove_framing(headers),
        Rule::RESET_CONTENT_WITH_BODY
            if headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|length| length != "0") =>
        {
            headers.remove(header::CONTENT_LENGTH);
        }
        _ => {}
    }
}

/// Removes `Content-Length` and `Transfer-Encoding`.
pub(super) fn remove_framing(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::TRANSFER_ENCODING);
}

/// Removes the representation metadata that 304s and `If-Range` 206s should not repeat.
pub(super) fn remove_representation_metadata(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::CONTENT_LANGUAGE);
}

/// Whether the first octets of some content show its media type beyond doubt: HTML, XML or
/// SVG markup, a JSON object or array, or the signature of a PNG, GIF, JPEG, WebP or PDF file.
/// RFC 9110 §8.3 lets a sender leave `Content-Type` out when "the intended media type of the
/// enclosed representation is unknown to the sender" — a static server serving a file whose
/// extension it does not know. Judging a server as received, the content without a type is
/// reported only when its type could not have been unknown. Plain text has no signature (any
/// printable octets could be of a dozen text-based types) and is not judged.
pub(crate) fn evident_media_type(first: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"%PDF-",
    ];
    if SIGNATURES
        .iter()
        .any(|signature| first.starts_with(signature))
        || (first.len() >= 12 && first.starts_with(b"RIFF") && &first[8..12] == b"WEBP")
    {
        return true;
    }
    let text = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let skip_space =
        |bytes: &'_ [u8]| -> usize { bytes.iter().take_while(|b| b.is_ascii_whitespace()).count() };
    let text = &text[skip_space(text)..];
    let starts_with = |prefix: &[u8]| {
        text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if ["<!doctype html", "<html", "<?xml", "<svg"]
        .iter()
        .any(|prefix| starts_with(prefix.as_bytes()))
    {
        return true;
    }
    // A JSON object opens with a member name or closes at once; an array with a value.
    match text.split_first() {
        Some((b'{', rest)) => matches!(rest.get(skip_space(rest)), Some(b'"' | b'}')),
        Some((b'[', rest)) => matches!(
            rest.get(skip_space(rest)),
            Some(b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
        ),
        _ => false,
    }
}
