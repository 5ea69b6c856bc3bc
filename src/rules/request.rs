//! Statuses that judge the request, checked against what the request was: 406 without
//! negotiation fields, 411 with a valid length, 413 and 415 without content, 417 without
//! `Expect`, 505 in the version it refuses, and HTTP/1.1 requests answered although their
//! `Host` is missing or repeated.

use http::Version;

use super::Ctx;
use crate::{
    facts::{Field, Present, RequestContent},
    Rule,
};

/// 406 Not Acceptable.
pub(super) fn not_acceptable(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::NOT_ACCEPTABLE_WITHOUT_NEGOTIATION, |cx| {
        !cx.facts.has(Present::NEGOTIATION)
    });
}

/// 411 Length Required. Only a valid length counts: an invalid one, or one that
/// Transfer-Encoding overrides (RFC 9112 §6.1), leaves the request without a defined length.
pub(super) fn length_required(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, |cx| {
        cx.facts.has(Present::CONTENT_LENGTH)
            && !cx
                .facts
                .present
                .any(Present::CONTENT_LENGTH_INVALID.union(Present::TRANSFER_ENCODING))
    });
}

/// 408 Request Timeout, to a request whose head said it had no content: it had arrived whole.
pub(super) fn request_timeout(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::REQUEST_TIMEOUT_FOR_COMPLETE_REQUEST, |cx| {
        cx.facts.content == RequestContent::Empty
    });
}

/// 414 URI Too Long, to a target shorter than the 8 000 octets every recipient is asked to
/// support (a target is kept whole up to 32 KiB).
pub(super) fn uri_too_long(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::URI_TOO_LONG_FOR_SHORT_TARGET, |cx| {
        cx.facts
            .get(Field::Target)
            .known()
            .is_some_and(|target| target.len() < RECOMMENDED_URI_LENGTH)
    });
}

/// RFC 9110 §4.1: the URI length every sender and recipient is recommended to support.
const RECOMMENDED_URI_LENGTH: usize = 8000;

/// 413 Content Too Large.
pub(super) fn content_too_large(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT, |cx| {
        cx.facts.content == RequestContent::Empty
    });
}

/// 415 Unsupported Media Type: no content, no type, no coding, so nothing whose format could
/// be unsupported.
pub(super) fn unsupported_media_type(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT, |cx| {
        cx.facts.content == RequestContent::Empty
            && !cx
                .facts
                .present
                .any(Present::CONTENT_TYPE.union(Present::CONTENT_ENCODING))
    });
}

/// 417 Expectation Failed.
pub(super) fn expectation_failed(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::EXPECTATION_FAILED_WITHOUT_EXPECT, |cx| {
        !cx.facts.has(Present::EXPECT)
    });
}

/// 505 HTTP Version Not Supported, sent in the very version it refuses.
pub(super) fn version_not_supported(cx: &mut Ctx<'_>) {
    cx.flag(Rule::VERSION_NOT_SUPPORTED_IN_SAME_VERSION);
}

/// RFC 9112 §3.2: an HTTP/1.1 request without one valid Host gets 400.
#[inline]
pub(super) fn host(cx: &mut Ctx<'_>) {
    if cx.facts.version != Version::HTTP_11 || !matches!(cx.code, 200..=399) {
        return;
    }
    if cx.facts.has(Present::HOST_LINES) {
        cx.flag(Rule::DUPLICATE_HOST_NOT_REJECTED);
    } else if !cx.facts.has(Present::HOST) {
        cx.flag(Rule::MISSING_HOST_NOT_REJECTED);
    }
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: none;

    /// ### What it checks
    /// A 417 (Expectation Failed) to a request without `Expect`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.18: 417 means "the expectation given in the request's Expect header field
    /// (Section 10.1.1) could not be met"; with no `Expect` the client cannot comply.
    /// No requirement keyword applies (§10.1.1 lets a server answer an unmet expectation with 417;
    /// nothing forbids it elsewhere): the status contradicts its definition. Advice.
    EXPECTATION_FAILED_WITHOUT_EXPECT = "expectation-failed-without-expect" {
        fields: [],
        reads: [EXPECT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.18",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.18",
        summary: "417 to a request without Expect",
        repair: [],
        default: Log,
        example: "POST /upload HTTP/1.1\ncontent-length: 5\n\n417 Expectation Failed\ncontent-type: text/plain\n\nno",
        near_miss: "POST /upload HTTP/1.1\nexpect: 100-continue\ncontent-length: 5\n\n417 Expectation Failed\ncontent-type: text/plain\n\nno",
    }

    /// ### What it checks
    /// A 406 (Not Acceptable) to a request without `Accept`, `Accept-Charset`, `Accept-Encoding`
    /// or `Accept-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.7: 406 means no representation is acceptable "according to the proactive
    /// negotiation header fields received in the request"; without any, every representation
    /// is acceptable.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    NOT_ACCEPTABLE_WITHOUT_NEGOTIATION = "not-acceptable-without-negotiation" {
        fields: [],
        reads: [NEGOTIATION],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
        summary: "406 to a request without Accept fields",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n406 Not Acceptable\ncontent-type: text/plain\n\njson only",
        near_miss: "GET /report HTTP/1.1\naccept: image/png\n\n406 Not Acceptable\ncontent-type: text/plain\n\njson only",
    }

    /// ### What it checks
    /// A 411 (Length Required) to a request that carried a valid `Content-Length` (`1*DIGIT`,
    /// repeated values all equal) and no `Transfer-Encoding`. An invalid length, or one that
    /// `Transfer-Encoding` overrides (RFC 9112 §6.1), is no defined length, and 411 is right.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.12: 411 means "the server refuses to accept the request without a defined
    /// Content-Length"; the request had one.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    LENGTH_REQUIRED_WITH_CONTENT_LENGTH = "length-required-with-content-length" {
        fields: [],
        reads: [CONTENT_LENGTH, TRANSFER_ENCODING],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.12",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12",
        summary: "411 to a request with Content-Length",
        repair: [],
        default: Log,
        example: "POST /upload HTTP/1.1\ncontent-length: 5\n\n411 Length Required\ncontent-type: text/plain\n\nlength?",
        near_miss: "POST /upload HTTP/1.1\ntransfer-encoding: chunked\n\n411 Length Required\ncontent-type: text/plain\n\nlength?",
    }

    /// ### What it checks
    /// A 413 (Content Too Large) to a request known to have no content: `Content-Length: 0`, or
    /// no framing field and a request body that says it is empty. An HTTP/2 request may send
    /// DATA frames without `Content-Length` (RFC 9113 §8.1): its body decides, and one of
    /// unknown size is never judged.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.14: 413 means "the request content is larger than the server is willing or
    /// able to process"; a request without content cannot be. (Oversized headers are 431.)
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    CONTENT_TOO_LARGE_WITHOUT_CONTENT = "content-too-large-without-content" {
        fields: [],
        reads: [CONTENT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.14",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        summary: "413 to a request without content",
        repair: [],
        default: Log,
        example: "GET /search?q=x HTTP/1.1\n\n413 Content Too Large\ncontent-type: text/plain\n\ntoo large",
        near_miss: "POST /upload HTTP/1.1\ncontent-length: 99999999\n\n413 Content Too Large\ncontent-type: text/plain\n\ntoo large",
    }

    /// ### What it checks
    /// A 505 (HTTP Version Not Supported) sent in the very version the request used.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.6.6: 505 says the server does not support, or refuses to support, the
    /// request's major version; answering in that version shows it can. Advice.
    VERSION_NOT_SUPPORTED_IN_SAME_VERSION = "version-not-supported-in-same-version" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.6.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.6",
        summary: "505 in the request's own version",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n505 HTTP Version Not Supported\ncontent-type: text/plain\n\nuse HTTP/2",
        near_miss: "GET /page HTTP/1.1\n\n500 Internal Server Error\ncontent-type: text/plain\n\nbroken",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to a request known to have no content (see
    /// `content-too-large-without-content` for how that is known) and no `Content-Type` or
    /// `Content-Encoding`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.16: 415 means "the content is in a format not supported", a problem
    /// "due to the request's indicated Content-Type or Content-Encoding, or as a result of
    /// inspecting the data directly". A request with none of the three has no format to
    /// refuse; the client needs to learn that content is missing (400 says so). Advice.
    UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT = "unsupported-media-type-without-content" {
        fields: [],
        reads: [CONTENT, CONTENT_TYPE, CONTENT_ENCODING],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.16",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        summary: "415 to a request without content, type or coding",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\ncontent-length: 0\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nexpected JSON",
        near_miss: "POST /items HTTP/1.1\ncontent-type: text/xml\ncontent-length: 4\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nexpected JSON",
    }

    /// ### What it checks
    /// A 2xx or 3xx to an HTTP/1.1 request with more than one `Host` field line.
    ///
    /// ### Why it matters
    /// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
    /// HTTP/1.1 request message that lacks a Host header field and to any request message that
    /// contains more than one Host header field line". Which host was meant is ambiguous, and
    /// proxies and origins may disagree (a request smuggling vector). hyper 1.x forwards such
    /// requests to the service.
    DUPLICATE_HOST_NOT_REJECTED = "duplicate-host-not-rejected" {
        fields: [],
        reads: [HOST],
        requirement: Must,
        spec: "RFC 9112 §3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-3.2",
        summary: "success or redirect to an HTTP/1.1 request with two Host lines",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\nhost: a.example\nhost: b.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /page HTTP/1.1\nhost: a.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    /// ### What it checks
    /// A 2xx or 3xx to an HTTP/1.1 request without `Host`. Off by default: requests built in
    /// process (`Request::get("/")` in a test) carry no `Host`, while every HTTP/1.1 client
    /// sends one; turn it on where requests come from the network.
    ///
    /// ### Why it matters
    /// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
    /// HTTP/1.1 request message that lacks a Host header field". Without it the target of an
    /// origin-form request is incomplete. hyper 1.x forwards such requests to the service.
    MISSING_HOST_NOT_REJECTED = "missing-host-not-rejected" {
        fields: [],
        reads: [HOST],
        requirement: Must,
        spec: "RFC 9112 §3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-3.2",
        summary: "success or redirect to an HTTP/1.1 request without Host",
        repair: [],
        default: Allow,
        example: "GET /page HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /page HTTP/1.1\nhost: a.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    /// ### What it checks
    /// A 408 (Request Timeout) to a request known to have no content (see
    /// `content-too-large-without-content` for how that is known): the service was called with
    /// the whole request, so nothing was still to arrive.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.9: 408 "indicates that the server did not receive a complete request
    /// message within the time that it was prepared to wait", and "If the client has an
    /// outstanding request in transit, it MAY repeat that request". Sent because the handler
    /// was slow (tower-http 0.7's `TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT,
    /// …)` does this), it tells the client that a request which may have run never arrived,
    /// and invites it to send it again; 503 or 504 say what happened. A request with content
    /// whose body the handler was still reading is not judged: the layer does not see how far
    /// it got. No requirement keyword applies: the status contradicts its definition. Advice.
    REQUEST_TIMEOUT_FOR_COMPLETE_REQUEST = "request-timeout-for-complete-request" {
        fields: [],
        reads: [CONTENT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.9",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
        summary: "408 to a request that had arrived whole",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n408 Request Timeout\ncontent-type: text/plain\n\ntoo slow",
        near_miss: "POST /upload HTTP/1.1\ncontent-length: 1048576\n\n408 Request Timeout\nconnection: close\ncontent-type: text/plain\n\nthe upload stalled",
    }

    /// ### What it checks
    /// A 414 (URI Too Long) to a request whose target (path and query) is shorter than 8 000
    /// octets.
    ///
    /// ### Why it matters
    /// RFC 9110 §4.1: "It is RECOMMENDED that all senders and recipients support, at a
    /// minimum, URIs with lengths of 8000 octets in protocol elements." §15.5.15 gives 414 to
    /// a target "longer than the server is willing to interpret"; one of a few dozen octets
    /// is refused for another reason, which 414 misnames (400 or 404 say what went wrong).
    URI_TOO_LONG_FOR_SHORT_TARGET = "uri-too-long-for-short-target" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §4.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-4.1",
        summary: "414 to a target far shorter than 8000 octets",
        repair: [],
        default: Log,
        example: "GET /search?q=shoes HTTP/1.1\n\n414 URI Too Long\ncontent-type: text/plain\n\nURI too long",
        near_miss: "GET /search?q=shoes HTTP/1.1\n\n400 Bad Request\ncontent-type: text/plain\n\nunknown query parameter",
    }
}
