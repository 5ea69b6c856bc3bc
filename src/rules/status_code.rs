//! Status codes: outside the valid range, not registered, deprecated, reserved, unused.

use http::StatusCode;

use super::{Ctx, Repair};
use crate::Rule;

/// Codes in the IANA HTTP Status Code Registry (RFC 9110 §16.2.1 and later registrations),
/// in `100..=599`. 104 (Upload Resumption Supported) is a temporary registration for
/// draft-ietf-httpbis-resumable-upload (2024-11-13, extended to 2026-11-13; whether it was
/// extended again is not known here), counted as registered while the draft is alive: a 104
/// can only be interim, and `informational-as-final` reports one used as final. 510 is listed
/// as obsoleted and has a rule of its own (`status-510-obsoleted`).
const fn is_registered(code: u16) -> bool {
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

/// The rule a status code breaks, if any: one per code.
const fn finding(code: u16) -> Option<Rule> {
    match code {
        305 => Some(Rule::USE_PROXY_DEPRECATED),
        306 => Some(Rule::STATUS_306_RESERVED),
        402 => Some(Rule::PAYMENT_REQUIRED_RESERVED),
        418 => Some(Rule::STATUS_418_UNUSED),
        510 => Some(Rule::STATUS_510_OBSOLETED),
        100..=599 if !is_registered(code) => Some(Rule::STATUS_UNREGISTERED),
        100..=599 => None,
        _ => Some(Rule::STATUS_OUT_OF_RANGE),
    }
}

/// The codes below 640 [`finding`] says nothing about, one bit each: the usual response is
/// decided by one load and a test, where [`finding`]'s `match` compares its way through the
/// ranges.
const UNREMARKABLE: [u64; 10] = {
    let mut bits = [0u64; 10];
    let mut code = 0;
    while code < 640 {
        if finding(code).is_none() {
            bits[(code / 64) as usize] |= 1 << (code % 64);
        }
        code += 1;
    }
    bits
};

const fn unremarkable(code: u16) -> bool {
    code < 640 && UNREMARKABLE[(code / 64) as usize] & (1 << (code % 64)) != 0
}

#[inline]
pub(super) fn check(cx: &mut Ctx<'_>) {
    if unremarkable(cx.code) {
        return;
    }
    if let Some(rule) = finding(cx.code) {
        cx.flag(rule);
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::STATUS_OUT_OF_RANGE => repair.parts.status = StatusCode::INTERNAL_SERVER_ERROR,
        _ => return None,
    }
    Some(true)
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A status code outside `100..=599`. `http::StatusCode` accepts every three-digit code up to
    /// 999, and hyper sends them as is (`HTTP/1.1 600 <none>`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15: "Values outside the range 100..599 are invalid." A client treats an invalid
    /// code as a 5xx at best; often it is a leaked internal code.
    STATUS_OUT_OF_RANGE = "status-out-of-range" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "status code outside 100..=599",
        repair: ["Sets the status to 500 Internal Server Error and keeps headers and body."],
        default: Reject,
        example: "GET /orders HTTP/1.1\n\n600\n\ninternal code",
        near_miss: "GET /orders HTTP/1.1\n\n511 Network Authentication Required\ncontent-type: text/plain\n\nlog in to the network",
        openapi: "a response documented under a code from 600 to 999",
    }

    /// ### What it checks
    /// A status code in `100..=599` that is not in the IANA HTTP Status Code Registry (for
    /// example 419, 420, 499, 520). Registered codes with a rule of their own (305, 306, 402,
    /// 418, 510) are reported by that rule. 104 (Upload Resumption Supported), a temporary IANA
    /// registration for the resumable-upload draft, counts as registered.
    ///
    /// ### Why it matters
    /// RFC 9110 §15 and §16.2: new codes ought to be registered; a client that does not know a
    /// code treats it as the `x00` of its class, so whatever the code was meant to say is lost.
    /// This is advice, not a violation.
    STATUS_UNREGISTERED = "status-unregistered" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §16.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-16.2",
        summary: "status code not in the IANA registry",
        repair: [],
        default: Log,
        example: "POST /login HTTP/1.1\n\n419\n\nsession expired",
        near_miss: "GET /page HTTP/1.1\n\n425 Too Early\ncontent-type: text/plain\n\nretry later",
        openapi: "a response documented under a code the IANA registry does not list",
    }

    /// ### What it checks
    /// A 305 (Use Proxy) response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.6: 305 "was defined in a previous version of this specification and is now
    /// deprecated"; clients do not act on it (in-band proxy configuration was a security risk).
    USE_PROXY_DEPRECATED = "use-proxy-deprecated" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.6",
        summary: "deprecated 305 Use Proxy",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n305 Use Proxy\nlocation: http://proxy.example/\n\n",
        near_miss: "GET /page HTTP/1.1\n\n307 Temporary Redirect\nlocation: /elsewhere\n\n",
        openapi: "a 305 response documented",
    }

    /// ### What it checks
    /// A 306 response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.7: 306 was defined in an earlier draft, "is no longer used, and the code
    /// is reserved". It has no meaning a client can act on.
    STATUS_306_RESERVED = "status-306-reserved" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.7",
        summary: "reserved 306",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n306\nlocation: /elsewhere\n\n",
        near_miss: "GET /page HTTP/1.1\n\n308 Permanent Redirect\nlocation: /elsewhere\n\n",
        openapi: "a 306 response documented",
    }

    /// ### What it checks
    /// A 402 (Payment Required) response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.3: "The 402 (Payment Required) status code is reserved for future use."
    /// Clients give it no standard meaning; it is advice to use a defined code. Off by default:
    /// payment APIs use 402 on purpose.
    PAYMENT_REQUIRED_RESERVED = "payment-required-reserved" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.3",
        summary: "reserved 402 Payment Required",
        repair: [],
        default: Allow,
        example: "GET /report HTTP/1.1\n\n402 Payment Required\ncontent-type: text/plain\n\nupgrade your plan",
        near_miss: "GET /report HTTP/1.1\n\n403 Forbidden\ncontent-type: text/plain\n\nupgrade your plan",
    }

    /// ### What it checks
    /// A 418 response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.19: 418 is "(Unused)"; it is reserved so that it is not assigned, and
    /// carries no meaning.
    STATUS_418_UNUSED = "status-418-unused" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.19",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.19",
        summary: "unused 418",
        repair: [],
        default: Log,
        example: "POST /coffee HTTP/1.1\n\n418\ncontent-type: text/plain\n\nI'm a teapot",
        near_miss: "POST /coffee HTTP/1.1\n\n400 Bad Request\ncontent-type: text/plain\n\nno coffee here",
        openapi: "a 418 response documented",
    }

    /// ### What it checks
    /// A 510 (Not Extended) response.
    ///
    /// ### Why it matters
    /// RFC 2774 §7 defined 510 for the HTTP Extension Framework ("The policy for accessing the
    /// resource has not been met in the request"), an experiment the IETF has since moved to
    /// Historic; the IANA HTTP Status Code Registry now lists the code as "Not Extended
    /// (OBSOLETED)". A client that does not implement the framework treats it as the 500 of
    /// its class (RFC 9110 §15). This is advice, like `use-proxy-deprecated`: a server that
    /// means "the request lacks what this resource needs" has 400, 403 or 428 to say so.
    STATUS_510_OBSOLETED = "status-510-obsoleted" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 2774 §7",
        url: "https://www.rfc-editor.org/rfc/rfc2774#section-7",
        summary: "obsoleted 510 Not Extended",
        repair: [],
        default: Log,
        example: "GET /document HTTP/1.1\n\n510 Not Extended\ncontent-type: text/plain\n\nextension required",
        near_miss: "GET /document HTTP/1.1\n\n400 Bad Request\ncontent-type: text/plain\n\nextension required",
        openapi: "a 510 response documented",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bitmap_holds_exactly_the_codes_without_a_finding() {
        for code in 0..1000u16 {
            assert_eq!(unremarkable(code), finding(code).is_none(), "{code}");
        }
        // What the rules say of a few codes, as their documentation does.
        let cases = [
            (200, None),
            (104, None),
            (425, None),
            (305, Some(Rule::USE_PROXY_DEPRECATED)),
            (510, Some(Rule::STATUS_510_OBSOLETED)),
            (419, Some(Rule::STATUS_UNREGISTERED)),
            (599, Some(Rule::STATUS_UNREGISTERED)),
            (99, Some(Rule::STATUS_OUT_OF_RANGE)),
            (600, Some(Rule::STATUS_OUT_OF_RANGE)),
        ];
        for (code, rule) in cases {
            assert_eq!(finding(code), rule, "{code}");
        }
    }
}
