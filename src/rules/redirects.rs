//! Redirects and `Location`: 3xx without `Location`, redirects to the request itself, 301/302
//! answering POST, `Location` where no status gives it a meaning or where it is not a URI
//! reference, and 201's `Location`.

use crate::facts::MethodCode;
use http::{header, HeaderMap, HeaderValue, StatusCode};

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
    if matches!(cx.code, 301 | 302) && cx.method_is(MethodCode::Post) {
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
        cx.method_is(MethodCode::Post) && !cx.fields.has(Fields::LOCATION)
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
        301 | 302 => facts.code != MethodCode::Post,
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

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 201 (Created) to POST without `Location`.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.3: when POST creates resources, "the origin server SHOULD send a 201
    /// (Created) response containing a Location header field that provides an identifier for the
    /// primary resource created". For other methods an absent `Location` means the target URI
    /// (§15.3.2), so only POST is flagged.
    CREATED_WITHOUT_LOCATION = "created-without-location" {
        fields: ["location"],
        requirement: Should,
        spec: "RFC 9110 §9.3.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.3",
        summary: "201 to POST without Location",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\ncontent-type: application/json\n\n{}",
        near_miss: "PUT /items/7 HTTP/1.1\ncontent-length: 2\n\n201 Created\ncontent-type: application/json\n\n{}",
        openapi: "a 201 response of a `post` operation documented without a `Location` header",
    }

    /// ### What it checks
    /// A 201 whose `Location` has a fragment (`#…`).
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.2: for 201 the `Location` identifies the created resource, and a fragment
    /// identifier "would not be appropriate" there. Advice, not a requirement.
    CREATED_LOCATION_WITH_FRAGMENT = "created-location-with-fragment" {
        fields: ["location"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2",
        summary: "201 Location with a fragment",
        repair: ["Removes the fragment from `Location`."],
        default: Log,
        example: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\nlocation: /items/7#top\n\n",
        near_miss: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\nlocation: /items/7\n\n",
    }

    /// ### What it checks
    /// A 301, 302, 303, 307 or 308 without `Location`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.2, §15.4.3, §15.4.8 and §15.4.9 each say the server SHOULD generate a
    /// `Location` header field with the URI reference to follow; for 303 (§15.4.4) the
    /// `Location` is what the status points to. A redirect without a target cannot be followed.
    REDIRECT_WITHOUT_LOCATION = "redirect-without-location" {
        fields: ["location"],
        requirement: Should,
        spec: "RFC 9110 §15.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        summary: "redirect without Location",
        repair: [],
        default: Log,
        example: "GET /old HTTP/1.1\n\n301 Moved Permanently\n\n",
        near_miss: "GET /old HTTP/1.1\n\n301 Moved Permanently\nlocation: /new\n\n",
        openapi: "a 301, 302, 303, 307 or 308 response documented without a `Location` header",
    }

    /// ### What it checks
    /// A `Location` header on a status other than 201, 202 and 3xx (202 is exempt: pointing to
    /// a status monitor there is a common convention), except on a 2xx to QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.2: "The type of relationship is defined by the combination of request
    /// method and status code semantics"; only 201 and 3xx define one, and clients ignore
    /// `Location` elsewhere. 202 is exempt because RFC 9110 §15.3.3 asks its representation to
    /// "point to (or embed) a status monitor", which `Location` commonly does. RFC 10008 §2.4
    /// defines one more: the URI of a QUERY's equivalent resource "can be included in the
    /// Location header field of the 2xx response". Advice.
    LOCATION_OUTSIDE_REDIRECT = "location-outside-redirect" {
        fields: ["location"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2",
        summary: "Location on a status other than 201, 202 or 3xx (or a 2xx to QUERY)",
        repair: [],
        default: Log,
        example: "GET /login HTTP/1.1\n\n200 OK\nlocation: /home\ncontent-type: text/plain\n\nwelcome",
        near_miss: "POST /jobs HTTP/1.1\ncontent-length: 2\n\n202 Accepted\nlocation: /jobs/7\ncontent-type: text/plain\n\nqueued",
        openapi: "a `Location` header documented for a response other than 201, 202 or 3xx (or a 2xx of a `query` operation)",
    }

    /// ### What it checks
    /// A `Location` value that is not a URI reference: a byte outside the URI character set
    /// (spaces, quotes, non-ASCII, …) or a `%` not followed by two hex digits.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.2: `Location = URI-reference` (RFC 3986). Clients differ in how they
    /// repair an invalid one; some refuse to follow it.
    LOCATION_INVALID = "location-invalid" {
        fields: ["location"],
        requirement: Must,
        spec: "RFC 9110 §10.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2",
        summary: "Location is not a URI reference",
        repair: [],
        default: Log,
        example: "GET /old HTTP/1.1\n\n302 Found\nlocation: /new page?q=a b\n\n",
        near_miss: "GET /old HTTP/1.1\n\n302 Found\nlocation: /new%20page?q=a+b#top\n\n",
    }

    /// ### What it checks
    /// A 301, 302, 303, 307 or 308 after which the client repeats the same request: the
    /// `Location`, resolved against the effective request URI (RFC 3986 §5; the fragment
    /// ignored) and compared as RFC 3986 §6.2.2–§6.2.3 normalizes (scheme and host in any
    /// case, the default port written or not, unreserved characters percent-encoded or not),
    /// is that URI, and the next request keeps the method (307 and 308 always; 301 and 302
    /// except POST, which a client may turn into GET; 303 only when the request was GET or
    /// HEAD). A 300 to GET or HEAD whose `Location` (its preferred choice, which "the user
    /// agent MAY use … for automatic redirection", §15.4.1) is the request URI, likewise. An
    /// absolute `Location` is compared only when the request shows its scheme and authority
    /// (an HTTP/1.1 request in origin form does not: the layer cannot see the connection). A response that sets a cookie is not judged (the next request differs), nor
    /// one with a `Retry-After` that gives a delay (RFC 9110 §10.2.3: the client waits before it
    /// follows; an unreadable one, which `retry-after-invalid` removes, gives none).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4: a redirect to itself loops until the client's limit ("A client SHOULD
    /// detect and intervene in cyclical redirections"). Post/redirect/get to the same URI is a
    /// pattern, not a loop, and is not flagged. Advice.
    REDIRECT_TO_SELF = "redirect-to-self" {
        fields: ["location"],
        reads: [URI],
        requirement: Advisory,
        spec: "RFC 9110 §15.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        summary: "redirect to the request's own URI",
        repair: [],
        default: Log,
        example: "GET /page?x=1 HTTP/1.1\n\n302 Found\nlocation: /page?x=1\n\n",
        near_miss: "GET /page?x=1 HTTP/1.1\n\n302 Found\nlocation: /page?x=2\n\n",
    }

    /// ### What it checks
    /// A 301 or 302 with `Location` answering POST.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.2 and §15.4.3: for historical reasons a user agent MAY change POST to GET
    /// when following these, so the outcome depends on the client. 307 and 308 keep the method;
    /// 303 always switches to GET. Advice, off by default: a 302 after a form POST is how most
    /// web apps redirect, relying on the switch to GET.
    REDIRECT_MAY_CHANGE_POST_TO_GET = "redirect-may-change-post-to-get" {
        fields: ["location"],
        reads: [URI],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.3",
        summary: "301/302 answering POST",
        repair: ["Changes the status: 301 becomes 308 and 302 becomes 307, which keep the method (opt-in). Not when `Location` is the request's own URI: re-sending the POST there would loop, so the violation is logged instead."],
        default: Allow,
        example: "POST /form HTTP/1.1\ncontent-length: 2\n\n302 Found\nlocation: /form/next\n\n",
        near_miss: "POST /form HTTP/1.1\ncontent-length: 2\n\n303 See Other\nlocation: /form/next\n\n",
    }
}
