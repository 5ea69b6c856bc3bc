//! The opt-in method profile: success statuses the definitions of PUT and DELETE name.

use http::Method;

use super::Ctx;
use crate::Rule;

pub(super) fn check(cx: &mut Ctx<'_>) {
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
