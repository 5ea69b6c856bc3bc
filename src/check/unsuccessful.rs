//! 4xx and 5xx.

use http::{header, Method, Version};

use super::{cache, conditional, informational, list, partial, success, Ctx, Fields};
use crate::{
    facts::{Field, Present, RequestContent},
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    match cx.code {
        401 => cx.flag_if(Rule::UNAUTHORIZED_WITHOUT_CHALLENGE, |cx| {
            !has_value(cx, header::WWW_AUTHENTICATE)
        }),
        405 => method_not_allowed(cx),
        406 => cx.flag_if(Rule::NOT_ACCEPTABLE_WITHOUT_NEGOTIATION, |cx| {
            !cx.facts.has(Present::NEGOTIATION)
        }),
        407 => cx.flag_if(Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE, |cx| {
            !has_value(cx, header::PROXY_AUTHENTICATE)
        }),
        409 => cx.flag_if(Rule::STATE_CHANGING_STATUS_TO_SAFE_METHOD, |cx| {
            success::is_safe(&cx.facts.method)
        }),
        // Only a valid length counts: an invalid one, or one that Transfer-Encoding overrides
        // (RFC 9112 §6.1), leaves the request without a defined length.
        411 => cx.flag_if(Rule::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, |cx| {
            cx.facts.has(Present::CONTENT_LENGTH)
                && !cx
                    .facts
                    .present
                    .any(Present::CONTENT_LENGTH_INVALID.union(Present::TRANSFER_ENCODING))
        }),
        412 => conditional::precondition_failed(cx),
        413 => cx.flag_if(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT, |cx| {
            cx.facts.content == RequestContent::Empty
        }),
        415 => {
            cx.flag_if(
                Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH,
                |cx| cx.method_is(&Method::PATCH) && !cx.fields.has(Fields::ACCEPT_PATCH),
            );
            // No content, no type, no coding: nothing whose format could be unsupported.
            cx.flag_if(Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT, |cx| {
                cx.facts.content == RequestContent::Empty
                    && !cx
                        .facts
                        .present
                        .any(Present::CONTENT_TYPE.union(Present::CONTENT_ENCODING))
            });
        }
        416 => partial::not_satisfiable(cx),
        417 => cx.flag_if(Rule::EXPECTATION_FAILED_WITHOUT_EXPECT, |cx| {
            !cx.facts.has(Present::EXPECT)
        }),
        421 => cx.flag_if(Rule::MISDIRECTED_WITH_ALT_SVC, |cx| {
            cx.fields.has(Fields::ALT_SVC)
        }),
        426 => upgrade_required(cx),
        428 => cx.flag_if(Rule::PRECONDITION_REQUIRED_ALREADY_CONDITIONAL, |cx| {
            cx.facts.has(Present::IF_MATCH_TAG)
        }),
        451 => cx.flag_if(
            Rule::UNAVAILABLE_FOR_LEGAL_REASONS_WITHOUT_BLOCKED_BY,
            |cx| {
                !cx.headers.get_all(header::LINK).iter().any(|link| {
                    link.as_bytes()
                        .windows(b"blocked-by".len())
                        .any(|w| w.eq_ignore_ascii_case(b"blocked-by"))
                })
            },
        ),
        501 => {
            let method = &cx.facts.method;
            if cx.facts.is_get_or_head() {
                cx.flag(Rule::NOT_IMPLEMENTED_FOR_GET_OR_HEAD);
            } else if matches!(
                *method,
                Method::POST
                    | Method::PUT
                    | Method::DELETE
                    | Method::CONNECT
                    | Method::OPTIONS
                    | Method::TRACE
                    | Method::PATCH
            ) {
                cx.flag(Rule::NOT_IMPLEMENTED_FOR_STANDARD_METHOD);
            }
        }
        505 => cx.flag(Rule::VERSION_NOT_SUPPORTED_IN_SAME_VERSION),
        _ => {}
    }
    cache::check(cx);
}

/// Whether the field has at least one non-empty element.
fn has_value(cx: &Ctx<'_>, name: header::HeaderName) -> bool {
    list::elements(cx.headers.get_all(name)).next().is_some()
}

fn method_not_allowed(cx: &mut Ctx<'_>) {
    if !cx.fields.has(Fields::ALLOW) {
        cx.flag(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
        return;
    }
    // Method names are case-sensitive (RFC 9110 §9.1).
    cx.flag_if(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD, |cx| {
        let method = cx.facts.method.as_str().as_bytes();
        list::elements(cx.headers.get_all(header::ALLOW)).any(|allowed| allowed == method)
    });
}

fn upgrade_required(cx: &mut Ctx<'_>) {
    // HTTP/2 and HTTP/3 forbid `Upgrade`: a 426 there cannot name a protocol.
    if cx.facts.version >= Version::HTTP_2 {
        return;
    }
    if !has_value(cx, header::UPGRADE) {
        cx.flag(Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE);
        return;
    }
    let facts = cx.facts;
    if let Some(offer) = facts.get(Field::Upgrade).known() {
        cx.flag_if(Rule::UPGRADE_REQUIRED_ALREADY_OFFERED, |cx| {
            list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|demanded| informational::offered(offer, demanded))
        });
    }
}
