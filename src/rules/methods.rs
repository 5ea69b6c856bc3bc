//! Methods and `Allow`: 405 and its `Allow`, `Allow` on successes, OPTIONS capabilities, 501 for
//! methods every server knows, state-changing statuses to safe methods, `Accept-Patch`, and the
//! opt-in method profile (the success codes PUT and DELETE define).

use http::{header, HeaderMap, Method};

use super::{Ctx, Fields, Repair};
use crate::{facts::is_query, syntax::list, Rule};

/// Any 2xx: state changes reported to safe methods, OPTIONS capabilities, `Allow` that omits
/// the method that just succeeded.
#[inline]
pub(super) fn success(cx: &mut Ctx<'_>) {
    if matches!(cx.code, 201 | 202) {
        // RFC 10008 §2: QUERY's safety "does not prevent the server from creating additional
        // HTTP resources through which additional information can be retrieved", which a 201
        // (or a 202 for a query still running) announces.
        cx.flag_if(Rule::STATE_CHANGING_STATUS_TO_SAFE_METHOD, |cx| {
            is_safe(&cx.facts.method) && !cx.facts.is_query()
        });
    }
    // A CORS preflight's answer describes the CORS protocol, not the resource: a request that
    // is one (Fetch §3.2.2), or an OPTIONS the responder answered as one (with
    // `Access-Control-Allow-Methods`, Fetch §3.2.3), as tower-http 0.7's `CorsLayer` answers
    // every OPTIONS, `Origin` or not.
    let options = cx.method_is(&Method::OPTIONS);
    let preflight = cx.facts.is_cors_preflight()
        || (options
            && cx
                .headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_METHODS));
    if options && !preflight {
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
}

/// 409 Conflict.
pub(super) fn conflict(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::STATE_CHANGING_STATUS_TO_SAFE_METHOD, |cx| {
        is_safe(&cx.facts.method)
    });
}

/// 405 Method Not Allowed.
pub(super) fn method_not_allowed(cx: &mut Ctx<'_>) {
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

/// 415 Unsupported Media Type to PATCH.
pub(super) fn unsupported_patch(cx: &mut Ctx<'_>) {
    cx.flag_if(
        Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH,
        |cx| cx.method_is(&Method::PATCH) && !cx.fields.has(Fields::ACCEPT_PATCH),
    );
}

/// 501 Not Implemented for a method every server knows.
pub(super) fn not_implemented(cx: &mut Ctx<'_>) {
    if cx.facts.is_get_or_head() {
        cx.flag(Rule::NOT_IMPLEMENTED_FOR_GET_OR_HEAD);
    } else if matches!(
        cx.facts.method,
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

/// The opt-in method profile: the success codes the definitions of PUT and DELETE name.
#[inline]
pub(super) fn profile(cx: &mut Ctx<'_>) {
    if !(200..=299).contains(&cx.code) {
        return;
    }
    cx.flag_if(Rule::REST_UNEXPECTED_STATUS_FOR_METHOD, |cx| {
        match cx.facts.method {
            // RFC 9110 §9.3.4: 201 created, 200 or 204 modified; 202 accepted for later.
            Method::PUT => !matches!(cx.code, 200 | 201 | 202 | 204),
            // RFC 9110 §9.3.5: 202, 204 or 200.
            Method::DELETE => !matches!(cx.code, 200 | 202 | 204),
            _ => false,
        }
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let method = repair.violation.method().as_str().as_bytes();
    match repair.violation.rule() {
        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW => {
            if !repair.supply(header::ALLOW) {
                return Some(false);
            }
            // The response refuses this method, so the supplied list cannot contain it.
            remove_from_allow(&mut repair.parts.headers, method);
        }
        Rule::METHOD_NOT_ALLOWED_LISTS_METHOD => {
            remove_from_allow(&mut repair.parts.headers, method);
        }
        Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH => {
            return Some(repair.supply(header::HeaderName::from_static("accept-patch")));
        }
        _ => return None,
    }
    Some(true)
}

/// RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe; RFC 10008 §2: so is QUERY.
fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    ) || is_query(method)
}

/// Removes `method` from the `Allow` list (one line remains).
fn remove_from_allow(headers: &mut HeaderMap, method: &[u8]) {
    if !list::elements(headers.get_all(header::ALLOW)).any(|allowed| allowed == method) {
        return;
    }
    let kept = list::join(
        list::elements(headers.get_all(header::ALLOW)).filter(|allowed| *allowed != method),
    );
    headers.insert(header::ALLOW, kept);
}
