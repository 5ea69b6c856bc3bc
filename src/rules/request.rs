//! Statuses that judge the request, checked against what the request was: 406 without
//! negotiation fields, 411 with a valid length, 413 and 415 without content, 417 without
//! `Expect`, 505 in the version it refuses, and HTTP/1.1 requests answered although their
//! `Host` is missing or repeated.

use http::Version;

use super::Ctx;
use crate::{
    facts::{Present, RequestContent},
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
