//! Pure repairs: each changes the response head (and says whether the body must go) so that
//! the rule it belongs to is no longer broken, without breaking another.

use http::{header, response::Parts, HeaderMap, HeaderValue, StatusCode};

use crate::{
    check::{cache, list},
    facts::BodyShape,
    shared::AllowMethods,
    Rule, Violation,
};

/// What happens to the body after the head-time repairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyPlan {
    Keep,
    Empty,
}

/// Applies `violation`'s rule's repair. Returns `false` when the rule has no repair or its
/// repair needs configuration that is missing; the caller then logs instead.
pub(crate) fn apply(
    violation: &Violation,
    parts: &mut Parts,
    body: BodyShape,
    plan: &mut BodyPlan,
    allow_methods: Option<&AllowMethods>,
) -> bool {
    let headers = &mut parts.headers;
    match violation.rule() {
        Rule::STATUS_OUT_OF_RANGE => parts.status = StatusCode::INTERNAL_SERVER_ERROR,
        Rule::FORBIDDEN_CONTENT_LENGTH => drop(headers.remove(header::CONTENT_LENGTH)),
        Rule::FORBIDDEN_TRANSFER_ENCODING => drop(headers.remove(header::TRANSFER_ENCODING)),
        Rule::NO_CONTENT_WITH_BODY => {
            *plan = BodyPlan::Empty;
            remove_framing(headers);
        }
        Rule::RESET_CONTENT_WITH_BODY => {
            *plan = BodyPlan::Empty;
            remove_framing(headers);
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        Rule::NOT_MODIFIED_WITH_BODY => *plan = BodyPlan::Empty,
        Rule::HEAD_RESPONSE_WITH_BODY => {
            *plan = BodyPlan::Empty;
            let framed = headers.contains_key(header::CONTENT_LENGTH)
                || headers.contains_key(header::TRANSFER_ENCODING);
            if let (false, BodyShape::Content { exact: Some(len) }) = (framed, body) {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
        }
        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW => {
            let Some(allow) = allow_methods.and_then(|allow_methods| allow_methods(violation))
            else {
                return false;
            };
            headers.insert(header::ALLOW, allow);
        }
        Rule::METHOD_NOT_ALLOWED_LISTS_METHOD => {
            let method = violation.method().as_str().as_bytes();
            let kept = join(
                list::elements(headers.get_all(header::ALLOW)).filter(|allowed| *allowed != method),
            );
            headers.insert(header::ALLOW, kept);
        }
        Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE => {
            headers.remove(header::EXPIRES);
            let kept = join(
                list::elements(headers.get_all(header::CACHE_CONTROL))
                    .filter(|directive| {
                        !cache::is_storage_directive(list::name_before(directive, b'='))
                    })
                    .chain([&b"no-store"[..]]),
            );
            headers.insert(header::CACHE_CONTROL, kept);
        }
        _ => return false,
    }
    true
}

/// Removes `Content-Length` and `Transfer-Encoding`.
pub(crate) fn remove_framing(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::TRANSFER_ENCODING);
}

/// Joins list elements that came out of valid header values back into one value.
fn join<'a>(elements: impl Iterator<Item = &'a [u8]>) -> HeaderValue {
    let mut joined = Vec::new();
    for element in elements {
        if !joined.is_empty() {
            joined.extend_from_slice(b", ");
        }
        joined.extend_from_slice(element);
    }
    // Every byte came from a valid header value and the separators are visible ASCII.
    HeaderValue::from_bytes(&joined).expect("elements of valid header values form a valid value")
}
