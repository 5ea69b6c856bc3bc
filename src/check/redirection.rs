//! 3xx.

use http::{header, Method};

use super::{conditional, uri, Ctx, Fields};
use crate::{
    facts::{BodyShape, Field, Present},
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let empty_non_head = !cx.method_is(&Method::HEAD) && cx.body == BodyShape::Empty;
    match cx.code {
        300 if empty_non_head => cx.flag(Rule::MULTIPLE_CHOICES_WITHOUT_CONTENT),
        301 | 302 | 303 | 307 | 308 => {
            if !cx.fields.has(Fields::LOCATION) {
                cx.flag(Rule::REDIRECT_WITHOUT_LOCATION);
            } else {
                redirect_target(cx);
            }
            if cx.code == 303 && empty_non_head {
                cx.flag(Rule::SEE_OTHER_WITHOUT_CONTENT);
            }
        }
        304 => conditional::not_modified(cx),
        _ => {}
    }
}

fn redirect_target(cx: &mut Ctx<'_>) {
    if matches!(cx.code, 301 | 302) && cx.method_is(&Method::POST) {
        cx.flag(Rule::REDIRECT_MAY_CHANGE_POST_TO_GET);
    }
    cx.flag_if(Rule::REDIRECT_TO_SELF, |cx| {
        // A response that sets a cookie changes the next request (log-in and consent flows
        // redirect to the same URI on purpose); one with Retry-After asks the client to wait
        // before it follows (RFC 9110 §10.2.3), which is polling, not a loop.
        same_request_follows(cx)
            && !cx.headers.contains_key(header::SET_COOKIE)
            && !cx.fields.has(Fields::RETRY_AFTER)
    });
}

/// Whether following the redirect repeats the request: the same method (RFC 9110 §15.4: 307
/// and 308 keep it; 301 and 302 keep it except that POST may become GET; 303 makes it GET) to
/// the same URI (the `Location` resolved against the effective request URI, RFC 3986 §5).
fn same_request_follows(cx: &Ctx<'_>) -> bool {
    let facts = cx.facts;
    let same_method = match cx.code {
        303 => facts.is_get_or_head(),
        301 | 302 => facts.method != Method::POST,
        _ => true,
    };
    if !same_method {
        return false;
    }
    let Some(location) = conditional::single(cx.headers, header::LOCATION) else {
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
