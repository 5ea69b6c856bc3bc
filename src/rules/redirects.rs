//! Redirects and `Location`: 3xx without `Location`, redirects to the request itself, 301/302
//! answering POST, `Location` where no status gives it a meaning or where it is not a URI
//! reference, and 201's `Location`.

use http::{header, HeaderMap, HeaderValue, Method, StatusCode};

use super::{Ctx, Fields, Repair};
use crate::{
    facts::{Field, Present, RequestFacts},
    syntax::{single, uri},
    Rule,
};

/// 301, 302, 303, 307, 308.
pub(super) fn redirect(cx: &mut Ctx<'_>) {
    if !cx.fields.has(Fields::LOCATION) {
        cx.flag(Rule::REDIRECT_WITHOUT_LOCATION);
        return;
    }
    if matches!(cx.code, 301 | 302) && cx.method_is(&Method::POST) {
        cx.flag(Rule::REDIRECT_MAY_CHANGE_POST_TO_GET);
    }
    cx.flag_if(Rule::REDIRECT_TO_SELF, loops);
}

/// 300 Multiple Choices: its `Location` names the preferred choice, which "the user agent MAY
/// use … for automatic redirection" (RFC 9110 §15.4.1).
pub(super) fn multiple_choices(cx: &mut Ctx<'_>) {
    if cx.fields.has(Fields::LOCATION) {
        cx.flag_if(Rule::REDIRECT_TO_SELF, loops);
    }
}

/// Whether following the redirect sends the same request again, and nothing else about the
/// response changes what comes next.
fn loops(cx: &Ctx<'_>) -> bool {
    // A response that sets a cookie changes the next request (log-in and consent flows
    // redirect to the same URI on purpose); one with Retry-After asks the client to wait
    // before it follows (RFC 9110 §10.2.3), which is polling, not a loop — when it is a
    // delay at all: one the `retry-after-invalid` repair would remove asks nothing, and
    // must not hide the loop (its repair would then reveal one).
    same_request_follows(cx)
        && !cx.headers.contains_key(header::SET_COOKIE)
        && !(cx.fields.has(Fields::RETRY_AFTER)
            && super::response_fields::retry_after_is_a_delay(cx.headers))
}

/// 201 Created.
pub(super) fn created(cx: &mut Ctx<'_>) {
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

/// `Location`, whatever the status.
pub(super) fn location(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::LOCATION_OUTSIDE_REDIRECT, |cx| {
        // RFC 10008 §2.4: a 2xx to QUERY may name its equivalent resource in `Location`.
        let defined = match code {
            201 | 202 | 300..=399 => true,
            200..=299 => cx.facts.is_query(),
            _ => false,
        };
        !defined
    });
    cx.flag_if(Rule::LOCATION_INVALID, |cx| {
        cx.headers
            .get_all(header::LOCATION)
            .iter()
            .any(|value| !uri::is_uri_reference(value.as_bytes()))
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let parts = &mut *repair.parts;
    match repair.violation.rule() {
        Rule::CREATED_LOCATION_WITH_FRAGMENT => {
            let Some(location) = parts.headers.get(header::LOCATION) else {
                return Some(false);
            };
            let bytes = location.as_bytes();
            let end = bytes.iter().position(|&b| b == b'#').unwrap_or(bytes.len());
            let Ok(trimmed) = HeaderValue::from_bytes(&bytes[..end]) else {
                return Some(false);
            };
            parts.headers.insert(header::LOCATION, trimmed);
        }
        Rule::REDIRECT_MAY_CHANGE_POST_TO_GET => {
            // 307 and 308 keep POST: to the request's own URI that is a loop, which the 301 or
            // 302 (turned into GET by most clients) was not. Reported, not repaired.
            if location_is_request_uri(repair.facts, &parts.headers) {
                return Some(false);
            }
            parts.status = match parts.status {
                StatusCode::MOVED_PERMANENTLY => StatusCode::PERMANENT_REDIRECT,
                _ => StatusCode::TEMPORARY_REDIRECT,
            };
        }
        _ => return None,
    }
    Some(true)
}

/// Whether following the redirect repeats the request: the same method (RFC 9110 §15.4: 307
/// and 308 keep it; 301 and 302 keep it except that POST may become GET; 303 makes it GET) to
/// the same URI (the `Location` resolved against the effective request URI, RFC 3986 §5).
fn same_request_follows(cx: &Ctx<'_>) -> bool {
    let facts = cx.facts;
    let same_method = match cx.code {
        // A 300's automatic redirection is only judged for a retrieval.
        300 | 303 => facts.is_get_or_head(),
        301 | 302 => facts.method != Method::POST,
        _ => true,
    };
    same_method && location_is_request_uri(facts, cx.headers)
}

/// Whether the one `Location` resolves to the effective request URI (RFC 3986 §5).
fn location_is_request_uri(facts: &RequestFacts, headers: &HeaderMap) -> bool {
    let Some(location) = single(headers, header::LOCATION) else {
        return false;
    };
    let Some(path_and_query) = facts.get(Field::Target).known() else {
        return false;
    };
    let base = uri::Base {
        scheme: if facts.has(Present::SCHEME_HTTPS) {
            Some(&b"https"[..])
        } else if facts.has(Present::SCHEME_HTTP) {
            Some(&b"http"[..])
        } else {
            None
        },
        authority: facts.get(Field::Authority).known(),
        path_and_query,
    };
    uri::resolves_to_base(location, &base)
}
