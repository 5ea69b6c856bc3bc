//! 2xx.

use http::{header, Method};

use super::{cache, conditional, list, partial, Ctx, Fields};
use crate::{facts::Present, Rule};

pub(super) fn check(cx: &mut Ctx<'_>) {
    match cx.code {
        200 if cx.facts.is_get_or_head() => cx.flag_if(Rule::OK_WITHOUT_VALIDATOR, |cx| {
            !cx.fields.any(Fields::ETAG.union(Fields::LAST_MODIFIED))
                && (cx
                    .facts
                    .present
                    .any(Present::IF_NONE_MATCH.union(Present::IF_MODIFIED_SINCE))
                    || cache::storable(cx))
        }),
        201 => {
            cx.flag_if(Rule::CREATED_WITHOUT_LOCATION, |cx| {
                cx.method_is(&Method::POST) && !cx.fields.has(Fields::LOCATION)
            });
            cx.flag_if(Rule::CREATED_LOCATION_WITH_FRAGMENT, |cx| {
                cx.headers
                    .get_all(header::LOCATION)
                    .iter()
                    .any(|location| location.as_bytes().contains(&b'#'))
            });
        }
        202 => cx.flag_if(Rule::ACCEPTED_WITHOUT_CONTENT, |cx| {
            !cx.method_is(&Method::HEAD) && cx.body == crate::facts::BodyShape::Empty
        }),
        206 => partial::partial_content(cx),
        _ => {}
    }
    if matches!(cx.code, 201 | 202) {
        cx.flag_if(Rule::STATE_CHANGING_STATUS_TO_SAFE_METHOD, |cx| {
            is_safe(&cx.facts.method)
        });
    }
    // A CORS preflight's answer describes the CORS protocol, not the resource.
    let preflight = cx.facts.is_cors_preflight();
    if cx.method_is(&Method::OPTIONS) && !preflight {
        cx.flag_if(Rule::OPTIONS_WITHOUT_CAPABILITIES, |cx| {
            !cx.fields.any(
                Fields::ALLOW
                    .union(Fields::ACCEPT_PATCH)
                    .union(Fields::ACCEPT_RANGES),
            )
        });
        cx.flag_if(Rule::OPTIONS_PATCH_WITHOUT_ACCEPT_PATCH, |cx| {
            !cx.fields.has(Fields::ACCEPT_PATCH)
                && list::elements(cx.headers.get_all(header::ALLOW)).any(|m| m == b"PATCH")
        });
    }
    if cx.fields.has(Fields::ALLOW) && !preflight {
        cx.flag_if(Rule::ALLOW_EXCLUDES_REQUEST_METHOD, |cx| {
            let method = cx.facts.method.as_str().as_bytes();
            !list::elements(cx.headers.get_all(header::ALLOW)).any(|allowed| {
                allowed == method || (cx.facts.method == Method::HEAD && allowed == b"GET")
            })
        });
    }
    if cx.facts.is_get_or_head() {
        conditional::ignored(cx);
    }
}

/// RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe.
pub(super) fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}
