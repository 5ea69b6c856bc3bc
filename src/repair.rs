//! Pure repairs: each changes the response head (and says whether the body must go) so that
//! the rule it belongs to is no longer broken, without breaking another.

use http::{header, response::Parts, HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::{
    check::{self, fields::RetryAfterFix, list},
    facts::{BodyShape, Present, RequestFacts},
    shared::Suppliers,
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
    facts: &RequestFacts,
    parts: &mut Parts,
    body: BodyShape,
    plan: &mut BodyPlan,
    suppliers: &Suppliers,
) -> bool {
    let headers = &mut parts.headers;
    match violation.rule() {
        Rule::STATUS_OUT_OF_RANGE => parts.status = StatusCode::INTERNAL_SERVER_ERROR,
        Rule::INFORMATIONAL_WITH_BODY | Rule::NOT_MODIFIED_WITH_BODY => *plan = BodyPlan::Empty,
        Rule::UPGRADE_WITHOUT_CONNECTION_OPTION => add_connection_option(headers, "upgrade"),
        Rule::CONNECTION_CLOSE_ON_HANDOFF => {
            let kept = join(
                list::elements(headers.get_all(header::CONNECTION))
                    .filter(|option| !option.eq_ignore_ascii_case(b"close")),
            );
            if kept.is_empty() {
                headers.remove(header::CONNECTION);
            } else {
                headers.insert(header::CONNECTION, kept);
            }
        }
        Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE => {
            if !supply(suppliers, violation, headers, header::UPGRADE) {
                return false;
            }
            add_connection_option(headers, "upgrade");
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
            *plan = BodyPlan::Empty;
            remove_framing(headers);
        }
        Rule::RESET_CONTENT_WITH_BODY => {
            *plan = BodyPlan::Empty;
            remove_framing(headers);
            // A 2xx to CONNECT must carry no framing header at all (RFC 9110 §8.6).
            if facts.method != http::Method::CONNECT {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
        }
        Rule::HEAD_RESPONSE_WITH_BODY => {
            *plan = BodyPlan::Empty;
            let framed = headers.contains_key(header::CONTENT_LENGTH)
                || headers.contains_key(header::TRANSFER_ENCODING);
            if let (false, BodyShape::Content { exact: Some(len) }) = (framed, body) {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
        }
        Rule::CREATED_LOCATION_WITH_FRAGMENT => {
            let Some(location) = headers.get(header::LOCATION) else {
                return false;
            };
            let bytes = location.as_bytes();
            let end = bytes.iter().position(|&b| b == b'#').unwrap_or(bytes.len());
            let Ok(trimmed) = HeaderValue::from_bytes(&bytes[..end]) else {
                return false;
            };
            headers.insert(header::LOCATION, trimmed);
        }
        Rule::PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE
        | Rule::CONTENT_RANGE_OUTSIDE_PARTIAL => {
            drop(headers.remove(header::CONTENT_RANGE));
        }
        Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA
        | Rule::NOT_MODIFIED_WITH_REPRESENTATION_METADATA => {
            remove_representation_metadata(headers)
        }
        Rule::REDIRECT_MAY_CHANGE_POST_TO_GET => {
            parts.status = match parts.status {
                StatusCode::MOVED_PERMANENTLY => StatusCode::PERMANENT_REDIRECT,
                _ => StatusCode::TEMPORARY_REDIRECT,
            };
        }
        Rule::NOT_MODIFIED_TO_NON_GET_HEAD => {
            // RFC 9110 §13.1.2 decides the status only for a false If-None-Match; without one a
            // 412 would be as wrong as the 304.
            if !facts.has(Present::IF_NONE_MATCH) {
                return false;
            }
            parts.status = StatusCode::PRECONDITION_FAILED;
            // The 304's length described a 200; the 412 frames its own (empty) body. `Location`
            // and `Retry-After` mean something on a 3xx and nothing on a 412.
            remove_framing(headers);
            headers.remove(header::LOCATION);
            headers.remove(header::RETRY_AFTER);
        }
        Rule::IF_NONE_MATCH_IGNORED | Rule::IF_MODIFIED_SINCE_IGNORED => {
            parts.status = StatusCode::NOT_MODIFIED;
            *plan = BodyPlan::Empty;
            remove_representation_metadata(headers);
            headers.remove(header::CONTENT_RANGE);
            headers.remove(header::TRANSFER_ENCODING);
        }
        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW => {
            if !supply(suppliers, violation, headers, header::ALLOW) {
                return false;
            }
            // The response refuses this method, so the supplied list cannot contain it.
            remove_from_allow(headers, violation.method().as_str().as_bytes());
        }
        Rule::METHOD_NOT_ALLOWED_LISTS_METHOD => {
            remove_from_allow(headers, violation.method().as_str().as_bytes());
        }
        Rule::UNAUTHORIZED_WITHOUT_CHALLENGE => {
            return supply(suppliers, violation, headers, header::WWW_AUTHENTICATE);
        }
        Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE => {
            return supply(suppliers, violation, headers, header::PROXY_AUTHENTICATE);
        }
        Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH => {
            return supply(
                suppliers,
                violation,
                headers,
                HeaderName::from_static("accept-patch"),
            );
        }
        Rule::MISDIRECTED_WITH_ALT_SVC => drop(headers.remove(HeaderName::from_static("alt-svc"))),
        Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE | Rule::MISDIRECTED_MARKED_CACHEABLE => {
            headers.remove(header::EXPIRES);
            let kept = join(
                list::elements(headers.get_all(header::CACHE_CONTROL))
                    .filter(|directive| {
                        !check::is_storage_directive(list::name_before(directive, b'='))
                    })
                    .chain([&b"no-store"[..]]),
            );
            headers.insert(header::CACHE_CONTROL, kept);
        }
        Rule::RETRY_AFTER_INVALID => match check::fields::retry_after_fix(headers) {
            RetryAfterFix::Valid => {}
            RetryAfterFix::Replace(value) => drop(headers.insert(header::RETRY_AFTER, value)),
            RetryAfterFix::Remove => drop(headers.remove(header::RETRY_AFTER)),
        },
        Rule::HSTS_OVER_HTTP => drop(headers.remove(header::STRICT_TRANSPORT_SECURITY)),
        _ => return false,
    }
    true
}

/// Inserts the configured value for `rule`'s missing header; `false` without one.
fn supply(
    suppliers: &Suppliers,
    violation: &Violation,
    headers: &mut HeaderMap,
    name: HeaderName,
) -> bool {
    match suppliers.value(violation) {
        Some(value) => {
            headers.insert(name, value);
            true
        }
        None => false,
    }
}

/// Removes `method` from the `Allow` list (one line remains).
fn remove_from_allow(headers: &mut HeaderMap, method: &[u8]) {
    if !list::elements(headers.get_all(header::ALLOW)).any(|allowed| allowed == method) {
        return;
    }
    let kept =
        join(list::elements(headers.get_all(header::ALLOW)).filter(|allowed| *allowed != method));
    headers.insert(header::ALLOW, kept);
}

/// Removes `Content-Length` and `Transfer-Encoding`.
pub(crate) fn remove_framing(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::TRANSFER_ENCODING);
}

fn remove_representation_metadata(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::CONTENT_LANGUAGE);
}

/// Adds `option` to `Connection` unless it is there, keeping the other options.
fn add_connection_option(headers: &mut HeaderMap, option: &'static str) {
    if check::fields::has_connection_option(headers, option.as_bytes()) {
        return;
    }
    // Connection options are tokens (RFC 9110 §7.6.1): anything else is dropped.
    let joined = join(
        list::elements(headers.get_all(header::CONNECTION))
            .filter(|element| list::is_token(element))
            .chain([option.as_bytes()]),
    );
    headers.insert(header::CONNECTION, joined);
}

/// Joins list elements that came out of valid header values back into one value. An element
/// with an unterminated quoted string is dropped: kept, it would swallow every element after it.
fn join<'a>(elements: impl Iterator<Item = &'a [u8]>) -> HeaderValue {
    let mut joined = Vec::new();
    for element in elements.filter(|element| list::quotes_balanced(element)) {
        if !joined.is_empty() {
            joined.extend_from_slice(b", ");
        }
        joined.extend_from_slice(element);
    }
    // Every byte came from a valid header value and the separators are visible ASCII, so this
    // cannot fail; an empty value is the fallback rather than a panic.
    HeaderValue::from_bytes(&joined).unwrap_or(HeaderValue::from_static(""))
}
