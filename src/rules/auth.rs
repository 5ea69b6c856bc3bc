//! Authentication: 401 and 407 without their challenge, `Proxy-Authenticate` outside 407.

use http::{header, HeaderMap};

use super::{Ctx, Repair};
use crate::{syntax::list, Rule};

/// 401 Unauthorized.
pub(super) fn unauthorized(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::UNAUTHORIZED_WITHOUT_CHALLENGE, |cx| {
        !has_value(cx.headers, header::WWW_AUTHENTICATE)
    });
}

/// 407 Proxy Authentication Required.
pub(super) fn proxy_authentication_required(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE, |cx| {
        !has_value(cx.headers, header::PROXY_AUTHENTICATE)
    });
}

/// `Proxy-Authenticate` on a status other than 407.
pub(super) fn proxy_authenticate_elsewhere(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::PROXY_AUTHENTICATE_OUTSIDE_407, |_| code != 407);
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::UNAUTHORIZED_WITHOUT_CHALLENGE => Some(repair.supply(header::WWW_AUTHENTICATE)),
        Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE => {
            Some(repair.supply(header::PROXY_AUTHENTICATE))
        }
        _ => None,
    }
}

/// Whether the field has at least one non-empty element (an empty challenge is none).
fn has_value(headers: &HeaderMap, name: header::HeaderName) -> bool {
    list::elements(headers.get_all(name)).next().is_some()
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 401 (Unauthorized) without a `WWW-Authenticate` header holding a challenge.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.2: "The server generating a 401 response MUST send a WWW-Authenticate
    /// header field (Section 11.6.1) containing at least one challenge applicable to the target
    /// resource." Without it the client does not know how to authenticate.
    UNAUTHORIZED_WITHOUT_CHALLENGE = "unauthorized-without-challenge" {
        fields: ["www-authenticate"],
        requirement: Must,
        spec: "RFC 9110 §15.5.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        summary: "401 without WWW-Authenticate",
        repair: ["Adds the `WWW-Authenticate` value returned by the callback given to `StatusConformanceLayer::challenge`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET /account HTTP/1.1\n\n401 Unauthorized\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET /account HTTP/1.1\n\n401 Unauthorized\nwww-authenticate: Bearer realm=\"api\"\ncontent-type: text/plain\n\nlog in",
        openapi: "a 401 response documented without a `WWW-Authenticate` header",
    }

    /// ### What it checks
    /// A 407 (Proxy Authentication Required) without a `Proxy-Authenticate` header holding a
    /// challenge.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.8: "The proxy MUST send a Proxy-Authenticate header field (Section 11.7.1)
    /// containing a challenge applicable to that proxy for the request."
    PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE = "proxy-auth-required-without-challenge" {
        fields: ["proxy-authenticate"],
        requirement: Must,
        spec: "RFC 9110 §15.5.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8",
        summary: "407 without Proxy-Authenticate",
        repair: ["Adds the `Proxy-Authenticate` value returned by the callback given to `StatusConformanceLayer::proxy_challenge`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET http://example.com/ HTTP/1.1\n\n407 Proxy Authentication Required\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET http://example.com/ HTTP/1.1\n\n407 Proxy Authentication Required\nproxy-authenticate: Basic realm=\"proxy\"\ncontent-type: text/plain\n\nlog in",
        openapi: "a 407 response documented without a `Proxy-Authenticate` header",
    }

    /// ### What it checks
    /// A `Proxy-Authenticate` header on a status other than 407.
    ///
    /// ### Why it matters
    /// RFC 9110 §11.7.1 defines `Proxy-Authenticate` as the challenge of a 407; elsewhere it has
    /// no defined meaning, and an origin sending it usually confused it with `WWW-Authenticate`.
    /// Advice.
    PROXY_AUTHENTICATE_OUTSIDE_407 = "proxy-authenticate-outside-407" {
        fields: ["proxy-authenticate"],
        requirement: Advisory,
        spec: "RFC 9110 §11.7.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-11.7.1",
        summary: "Proxy-Authenticate on a status other than 407",
        repair: [],
        default: Log,
        example: "GET /account HTTP/1.1\n\n401 Unauthorized\nproxy-authenticate: Basic realm=\"api\"\nwww-authenticate: Basic realm=\"api\"\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET /account HTTP/1.1\n\n401 Unauthorized\nwww-authenticate: Basic realm=\"api\"\ncontent-type: text/plain\n\nlog in",
        openapi: "a `Proxy-Authenticate` header documented for a response other than 407",
    }
}
