//! Status codes: outside the valid range, not registered, deprecated, reserved, unused.

use http::StatusCode;

use super::{Ctx, Repair};
use crate::Rule;

/// Codes in the IANA HTTP Status Code Registry (RFC 9110 §16.2.1 and later registrations),
/// in `100..=599`.
fn is_registered(code: u16) -> bool {
    matches!(
        code,
        100..=104
            | 200..=208
            | 226
            | 300..=308
            | 400..=418
            | 421..=426
            | 428
            | 429
            | 431
            | 451
            | 500..=508
            | 510
            | 511
    )
}

#[inline]
pub(super) fn check(cx: &mut Ctx<'_>) {
    match cx.code {
        305 => cx.flag(Rule::USE_PROXY_DEPRECATED),
        306 => cx.flag(Rule::STATUS_306_RESERVED),
        402 => cx.flag(Rule::PAYMENT_REQUIRED_RESERVED),
        418 => cx.flag(Rule::STATUS_418_UNUSED),
        code @ 100..=599 if !is_registered(code) => cx.flag(Rule::STATUS_UNREGISTERED),
        100..=599 => {}
        _ => cx.flag(Rule::STATUS_OUT_OF_RANGE),
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::STATUS_OUT_OF_RANGE => repair.parts.status = StatusCode::INTERNAL_SERVER_ERROR,
        _ => return None,
    }
    Some(true)
}
