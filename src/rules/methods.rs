//! Methods and `Allow`: 405 and its `Allow`, `Allow` on successes, OPTIONS capabilities, 501 for
//! methods every server knows, 201 to safe methods, `Accept-Patch`, and the
//! opt-in method profile (the success codes PUT and DELETE define).

use crate::facts::MethodCode;
use http::{header, HeaderMap};

use super::{Ctx, Fields, Repair};
use crate::{
    facts::{Field, Value},
    syntax::list,
    Rule,
};

/// A 2xx to CONNECT: the tunnel is open, to whatever port the target named. Out of line: the
/// conforming path pays only the test of `connect_success` it already makes.
#[cold]
#[inline(never)]
pub(super) fn connect_established(cx: &mut Ctx<'_>) {
    // An extended CONNECT (RFC 8441, RFC 9220) has a path and an ordinary authority, whose
    // port may be left out: only the authority-form target is judged.
    if !matches!(cx.facts.get(Field::Target), Value::Absent) {
        return;
    }
    cx.flag_if(Rule::CONNECT_TO_INVALID_PORT_ACCEPTED, |cx| {
        cx.facts
            .get(Field::Authority)
            .known()
            .is_some_and(|authority| !names_a_port(authority))
    });
}

/// Whether `authority` (`host:port`) ends with a port a TCP connection can reach: 1 to 65535,
/// in digits (RFC 9112 §3.2.3: `authority-form = uri-host ":" port`).
fn names_a_port(authority: &[u8]) -> bool {
    // The colon before the port follows an IP literal's `]`, if any.
    let host_end = authority
        .iter()
        .rposition(|&b| b == b']')
        .map_or(0, |i| i + 1);
    let Some(colon) = authority[host_end..].iter().rposition(|&b| b == b':') else {
        return false;
    };
    let port = &authority[host_end + colon + 1..];
    (1..=5).contains(&port.len())
        && port.iter().all(u8::is_ascii_digit)
        && std::str::from_utf8(port)
            .ok()
            .and_then(|digits| digits.parse::<u32>().ok())
            .is_some_and(|number| (1..=65535).contains(&number))
}

/// Any 2xx: state changes reported to safe methods, OPTIONS capabilities, `Allow` that omits
/// the method that just succeeded.
#[inline]
pub(super) fn success(cx: &mut Ctx<'_>) {
    if cx.code == 201 {
        // RFC 10008 §2: QUERY's safety "does not prevent the server from creating additional
        // HTTP resources through which additional information can be retrieved", which a 201
        // announces.
        cx.flag_if(Rule::STATE_CHANGING_STATUS_TO_SAFE_METHOD, |cx| {
            is_safe(cx.facts.code) && !cx.facts.is_query()
        });
    }
    // A CORS preflight's answer describes the CORS protocol, not the resource: a request that
    // is one (Fetch §3.2.2), or an OPTIONS the responder answered as one (with
    // `Access-Control-Allow-Methods`, Fetch §3.2.3), as tower-http 0.7's `CorsLayer` answers
    // every OPTIONS, `Origin` or not.
    let options = cx.method_is(MethodCode::Options);
    let preflight = cx.facts.is_cors_preflight()
        || (options
            && cx
                .headers
                .contains_key(header::ACCESS_CONTROL_ALLOW_METHODS));
    if options && !preflight {
        cx.flag_if(Rule::OPTIONS_WITHOUT_CAPABILITIES, |cx| {
            !cx.fields.any(
                Fields::ALLOW
                    .union(Fields::ACCEPT_PATCH)
                    .union(Fields::ACCEPT_RANGES),
            )
        });
        cx.flag_if(Rule::OPTIONS_PATCH_WITHOUT_ACCEPT_PATCH, |cx| {
            !cx.fields.has(Fields::ACCEPT_PATCH)
                && list::elements(cx.headers.get_all(header::ALLOW)).any(|m| m == b"PATCH")
        });
    }
    if cx.fields.has(Fields::ALLOW) && !preflight {
        cx.flag_if(Rule::ALLOW_EXCLUDES_REQUEST_METHOD, |cx| {
            let method = cx.facts.method_name();
            !list::elements(cx.headers.get_all(header::ALLOW)).any(|allowed| {
                allowed == method || (cx.facts.code == MethodCode::Head && allowed == b"GET")
            })
        });
    }
}

/// The findings of this topic that axum makes false when the layer runs inside its router:
/// axum adds `Allow` to its method router's 405 after the layer has seen it (axum 0.8.9
/// `src/routing/route.rs`, `RouteFuture` calls `set_allow_header`). A handler's own 405 without `Allow` is
/// dropped with it: only the wire-true placement can tell the two apart.
#[cfg(feature = "axum")]
pub(crate) const FIXED_BY_AXUM_AFTER_THE_LAYER: &[Rule] = &[Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW];

/// 405 Method Not Allowed.
pub(super) fn method_not_allowed(cx: &mut Ctx<'_>) {
    if !cx.fields.has(Fields::ALLOW) {
        cx.flag(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
        return;
    }
    // Method names are case-sensitive (RFC 9110 §9.1).
    cx.flag_if(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD, |cx| {
        let method = cx.facts.method_name();
        // Line by line rather than through `list::elements`' flattening adapter, whose generic
        // search the compiler may leave out of line (32 instructions on every 405).
        crate::syntax::lines(cx.headers, &header::ALLOW).any(|line| lists(line.as_bytes(), method))
    });
}

/// Whether the `Allow` line `line` lists `method`. An element equal to the method's name
/// contains it, so a line where the name occurs nowhere — the usual 405, which lists other
/// methods — is decided by one scan for its first byte, without splitting the list (test
/// `a_listed_method_is_found_as_the_list_parser_finds_it`).
#[inline]
fn lists(line: &[u8], method: &[u8]) -> bool {
    let Some((&first, rest)) = method.split_first() else {
        return false;
    };
    let mentioned = line
        .iter()
        .enumerate()
        .any(|(at, &byte)| byte == first && line[at + 1..].starts_with(rest));
    mentioned && list::elements_of(line).any(|allowed| allowed == method)
}

/// 415 Unsupported Media Type to PATCH.
pub(super) fn unsupported_patch(cx: &mut Ctx<'_>) {
    cx.flag_if(
        Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH,
        |cx| cx.method_is(MethodCode::Patch) && !cx.fields.has(Fields::ACCEPT_PATCH),
    );
}

/// 501 Not Implemented for a method every server knows.
pub(super) fn not_implemented(cx: &mut Ctx<'_>) {
    // RFC 10036: an intermediary that will not forward a request incrementally "SHOULD respond
    // with a 501 (Not Implemented) error with an incremental_refused Proxy-Status response
    // header field", whatever the method: that 501 names its reason.
    if cx.fields.has(Fields::PROXY_STATUS)
        && super::response_fields::proxy_error(cx.headers) == Some(&b"incremental_refused"[..])
    {
        return;
    }
    if cx.facts.is_get_or_head() {
        cx.flag(Rule::NOT_IMPLEMENTED_FOR_GET_OR_HEAD);
    } else if matches!(
        cx.facts.code,
        MethodCode::Post
            | MethodCode::Put
            | MethodCode::Delete
            | MethodCode::Connect
            | MethodCode::Options
            | MethodCode::Trace
            | MethodCode::Patch
    ) {
        cx.flag(Rule::NOT_IMPLEMENTED_FOR_STANDARD_METHOD);
    }
}

/// The opt-in method profile: the success codes the definitions of PUT and DELETE name.
#[inline]
pub(super) fn profile(cx: &mut Ctx<'_>) {
    if !(200..=299).contains(&cx.code) {
        return;
    }
    cx.flag_if(Rule::REST_UNEXPECTED_STATUS_FOR_METHOD, |cx| {
        match cx.facts.code {
            // RFC 9110 §9.3.4: 201 created, 200 or 204 modified; 202 accepted for later.
            MethodCode::Put => !matches!(cx.code, 200 | 201 | 202 | 204),
            // RFC 9110 §9.3.5: 202, 204 or 200.
            MethodCode::Delete => !matches!(cx.code, 200 | 202 | 204),
            _ => false,
        }
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let method = repair.violation.method().as_str().as_bytes();
    match repair.violation.rule() {
        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW => {
            if !repair.supply(header::ALLOW) {
                return Some(false);
            }
            // The response refuses this method, so the supplied list cannot contain it.
            remove_from_allow(&mut repair.parts.headers, method);
        }
        Rule::METHOD_NOT_ALLOWED_LISTS_METHOD => {
            remove_from_allow(&mut repair.parts.headers, method);
        }
        Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH => {
            return Some(repair.supply(header::HeaderName::from_static("accept-patch")));
        }
        _ => return None,
    }
    Some(true)
}

/// RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe; RFC 10008 §2: so is QUERY.
fn is_safe(method: MethodCode) -> bool {
    matches!(
        method,
        MethodCode::Get
            | MethodCode::Head
            | MethodCode::Options
            | MethodCode::Trace
            | MethodCode::Query
    )
}

/// Removes `method` from the `Allow` list (one line remains).
fn remove_from_allow(headers: &mut HeaderMap, method: &[u8]) {
    if !list::elements(headers.get_all(header::ALLOW)).any(|allowed| allowed == method) {
        return;
    }
    let kept = list::join(
        list::elements(headers.get_all(header::ALLOW)).filter(|allowed| *allowed != method),
    );
    headers.insert(header::ALLOW, kept);
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 201 (Created) to a safe method (GET, HEAD, OPTIONS, TRACE); QUERY excepted.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.2.1: with a safe method "the client does not request, and does not expect,
    /// any state change on the origin server"; a 201 says "the request has been fulfilled and
    /// has resulted in one or more new resources being created" (§15.3.2): the change the
    /// client did not ask for. Crawlers and prefetchers rely on safety. Advice, not a
    /// requirement on the response. RFC 10008 §2 makes QUERY safe but says this "does not
    /// prevent the server from creating additional HTTP resources through which additional
    /// information can be retrieved": a 201 naming a stored query or result is what that
    /// allows.
    ///
    /// Not reported (earlier versions did; the RFC names no change of state in either): a 202
    /// (Accepted), "accepted for processing, but the processing has not been completed"
    /// (§15.3.3), which a GET gets while its representation is computed (GitHub's REST API
    /// documents it for `GET /repos/{owner}/{repo}/stats/contributors`, `@octokit/openapi`
    /// 23.0.2); and a 409 (Conflict), "a conflict with the current state of the target
    /// resource" (§15.5.10), which GitHub documents for a GET on an empty repository.
    STATE_CHANGING_STATUS_TO_SAFE_METHOD = "state-changing-status-to-safe-method" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §9.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.2.1",
        summary: "201 to a safe method",
        repair: [],
        default: Log,
        example: "GET /items/new HTTP/1.1\n\n201 Created\nlocation: /items/8\n\n",
        near_miss: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\nlocation: /items/8\n\n",
        openapi: "a 201 response documented for a `get`, `head`, `options` or `trace` operation",
    }

    /// ### What it checks
    /// A 2xx to OPTIONS with none of `Allow`, `Accept-Patch` or `Accept-Ranges`. CORS
    /// preflights (OPTIONS with `Origin` and `Access-Control-Request-Method`, or an OPTIONS the
    /// responder answered with `Access-Control-Allow-Methods`, as tower-http 0.7's `CorsLayer`
    /// answers every OPTIONS) are not judged: the preflight answer describes CORS, not the
    /// resource.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.7: "A server generating a successful response to OPTIONS SHOULD send any
    /// header that might indicate optional features implemented by the server and applicable to
    /// the target resource (e.g., Allow)".
    OPTIONS_WITHOUT_CAPABILITIES = "options-without-capabilities" {
        fields: ["allow", "accept-patch", "accept-ranges"],
        reads: [ORIGIN, CORS_REQUEST_METHOD],
        requirement: Should,
        spec: "RFC 9110 §9.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.7",
        summary: "OPTIONS answered without Allow",
        repair: [],
        default: Log,
        example: "OPTIONS /items HTTP/1.1\n\n204 No Content\n\n",
        near_miss: "OPTIONS /items HTTP/1.1\n\n204 No Content\nallow: GET, HEAD, POST, OPTIONS\n\n",
        openapi: "a 2xx response of an `options` operation documented without `Allow`, `Accept-Patch`, `Accept-Ranges` or (a CORS preflight's answer) `Access-Control-Allow-Methods`",
    }

    /// ### What it checks
    /// A 2xx to OPTIONS whose `Allow` lists PATCH, without `Accept-Patch`.
    ///
    /// ### Why it matters
    /// RFC 5789 §3.1: "Accept-Patch SHOULD appear in the OPTIONS response for any resource that
    /// supports the use of the PATCH method." It tells clients which patch formats to send.
    OPTIONS_PATCH_WITHOUT_ACCEPT_PATCH = "options-patch-without-accept-patch" {
        fields: ["allow", "accept-patch"],
        reads: [ORIGIN, CORS_REQUEST_METHOD],
        requirement: Should,
        spec: "RFC 5789 §3.1",
        url: "https://www.rfc-editor.org/rfc/rfc5789#section-3.1",
        summary: "OPTIONS allows PATCH without Accept-Patch",
        repair: [],
        default: Log,
        example: "OPTIONS /items/7 HTTP/1.1\n\n204 No Content\nallow: GET, PATCH, OPTIONS\n\n",
        near_miss: "OPTIONS /items/7 HTTP/1.1\n\n204 No Content\nallow: GET, PATCH, OPTIONS\naccept-patch: application/merge-patch+json\n\n",
    }

    /// ### What it checks
    /// A 2xx whose `Allow` does not list the method that just succeeded (HEAD counts as listed
    /// when GET is). CORS preflights (as for `options-without-capabilities`, an OPTIONS answered
    /// with `Access-Control-Allow-Methods` included) are not judged: a CORS layer answers them
    /// for every resource, whatever its `Allow` lists.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.1: `Allow` lists the methods the target resource supports; a success for a
    /// method missing from it means the list is stale. Advice.
    ALLOW_EXCLUDES_REQUEST_METHOD = "allow-excludes-request-method" {
        fields: ["allow"],
        reads: [ORIGIN, CORS_REQUEST_METHOD],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1",
        summary: "2xx whose Allow omits the request method",
        repair: [],
        default: Log,
        example: "DELETE /items/7 HTTP/1.1\n\n204 No Content\nallow: GET, HEAD\n\n",
        near_miss: "HEAD /items/7 HTTP/1.1\n\n200 OK\nallow: GET, DELETE\ncontent-type: text/plain\ncontent-length: 5\n\n",
    }

    /// ### What it checks
    /// A 405 (Method Not Allowed) response without an `Allow` header. An empty `Allow` is valid:
    /// it says the resource allows no method.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405 response
    /// containing a list of the target resource's currently supported methods." axum adds it
    /// only when its own method router refuses the request; a 405 from a handler, from `any()`
    /// or from `route_service` has none.
    METHOD_NOT_ALLOWED_WITHOUT_ALLOW = "method-not-allowed-without-allow" {
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 without an Allow header",
        repair: ["Adds the `Allow` value returned by the callback given to `StatusConformanceLayer::allow_methods`, less the request method if it lists it (the response refuses that method). Without a callback, or when it returns `None`, the violation is logged and reported as `Log`."],
        default: Repair,
        example: "POST /items HTTP/1.1\n\n405 Method Not Allowed\n\n",
        near_miss: "POST /items HTTP/1.1\n\n405 Method Not Allowed\nallow: \n\n",
        openapi: "a 405 response documented without an `Allow` header",
    }

    /// ### What it checks
    /// A 405 whose `Allow` header lists the very method of the request (method names are
    /// case-sensitive, RFC 9110 §9.1).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6 and §10.2.1: `Allow` lists the methods the resource supports; a 405
    /// says the request method is not one of them. Both cannot be true, so either the status or
    /// the list is wrong, and clients that retry with an allowed method loop.
    METHOD_NOT_ALLOWED_LISTS_METHOD = "method-not-allowed-lists-method" {
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 whose Allow lists the request method",
        repair: ["Removes the request method from `Allow`, keeping the other methods (an empty `Allow` remains if it was the only one)."],
        default: Log,
        example: "POST /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, POST\n\n",
        near_miss: "POST /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET,HEAD,post\n\n",
    }

    /// ### What it checks
    /// A 501 (Not Implemented) to GET or HEAD.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD." 501
    /// means the server does not recognize the method at all (§15.6.2); a resource that does not
    /// allow GET answers 405. An intermediary's 501 with `Proxy-Status: …; error=
    /// incremental_refused` is not reported: RFC 10036 asks an intermediary that refuses to
    /// forward a request incrementally for exactly that answer, whatever the method.
    NOT_IMPLEMENTED_FOR_GET_OR_HEAD = "not-implemented-for-get-or-head" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "501 to GET or HEAD",
        repair: [],
        default: Log,
        example: "GET /export HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nnot yet",
        near_miss: "BREW /pot HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nunknown method",
        openapi: "a 501 response documented for a `get` or `head` operation",
    }

    /// ### What it checks
    /// A 501 to another method this specification family defines (POST, PUT, DELETE, CONNECT,
    /// OPTIONS, TRACE, PATCH). Opt-in: for an app that supports these methods on some of its
    /// resources.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.6.2: 501 "is the appropriate response when the server does not recognize the
    /// request method and is not capable of supporting it for any resource"; a server that
    /// supports the method elsewhere but not on this resource answers 405 with `Allow`
    /// (§15.5.6). Advice. Off by default because one exchange cannot tell the two apart, and the
    /// 501 of a server that supports the method nowhere is right: Python 3.11's `http.server`
    /// answers 501 to OPTIONS, TRACE, POST, PUT and DELETE, as the sentence says it should. An
    /// intermediary's 501 with `Proxy-Status: …; error=incremental_refused` (RFC 10036) is not
    /// reported.
    NOT_IMPLEMENTED_FOR_STANDARD_METHOD = "not-implemented-for-standard-method" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.6.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.2",
        summary: "501 to a standard method",
        repair: [],
        default: Allow,
        example: "DELETE /items/7 HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nno deletes",
        near_miss: "DELETE /items/7 HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\ncontent-type: text/plain\n\nno deletes",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to PATCH without `Accept-Patch`.
    ///
    /// ### Why it matters
    /// RFC 5789 §2.2: a 415 for an unsupported patch document "SHOULD include an Accept-Patch
    /// response header as described in Section 3.1 to notify the client what patch document
    /// media types are supported."
    UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH = "unsupported-media-type-patch-without-accept-patch" {
        fields: ["accept-patch"],
        requirement: Should,
        spec: "RFC 5789 §2.2",
        url: "https://www.rfc-editor.org/rfc/rfc5789#section-2.2",
        summary: "415 to PATCH without Accept-Patch",
        repair: ["Adds the `Accept-Patch` value returned by the callback given to `StatusConformanceLayer::accept_patch`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Log,
        example: "PATCH /items/7 HTTP/1.1\ncontent-type: text/plain\ncontent-length: 2\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nbad patch",
        near_miss: "PATCH /items/7 HTTP/1.1\ncontent-type: text/plain\ncontent-length: 2\n\n415 Unsupported Media Type\naccept-patch: application/merge-patch+json\ncontent-type: text/plain\n\nbad patch",
        openapi: "a 415 response of a `patch` operation documented without an `Accept-Patch` header",
    }

    /// ### What it checks
    /// Opt-in (turned on by `StatusConformanceLayer::rest_profile`): a success status that the
    /// definition of the request method does not name. Derived from RFC 9110 only:
    ///
    /// | method | 2xx the method's definition names | flagged |
    /// |---|---|---|
    /// | PUT (§9.3.4) | 201 when it created, 200 or 204 when it modified, 202 when accepted for later | 203, 205, 206, 207, 208, 226 and unregistered 2xx |
    /// | DELETE (§9.3.5) | 202, 204, 200 | 201, 203, 205, 206, 207, 208, 226 and unregistered 2xx |
    ///
    /// Other methods and other classes are not judged: RFC 9110 lets GET, POST, PATCH and
    /// OPTIONS answer with any 2xx that fits, and the method-independent cases (201 to a safe
    /// method, 304 to POST, 206 to PUT, a 413 without content) are rules of their own.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.4: after a successful PUT "the origin server MUST inform the user agent
    /// by sending a 201 (Created) response" or "MUST send either a 200 (OK) or a 204 (No
    /// Content) response"; §9.3.5: after a DELETE "the origin server SHOULD send a 202
    /// (Accepted) status code …, a 204 (No Content) status code …, or a 200 (OK) status code".
    /// A client that branches on these codes misreads any other.
    REST_UNEXPECTED_STATUS_FOR_METHOD = "rest-unexpected-status-for-method" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §9.3.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.5",
        summary: "success status the method's definition does not name",
        repair: [],
        default: Allow,
        example: "DELETE /items/7 HTTP/1.1\n\n201 Created\nlocation: /items/7\n\n",
        near_miss: "DELETE /items/7 HTTP/1.1\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// A 2xx to `CONNECT` whose target's port is empty, missing, not a number, 0 or above
    /// 65535 (`example.com:`, `example.com`, `example.com:http`). An extended `CONNECT` (RFC
    /// 8441, with a path) is not judged: its authority need not name a port.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.6: "A server MUST reject a CONNECT request that targets an empty or
    /// invalid port number, typically by responding with a 400 (Bad Request) status code." A
    /// server that opens the tunnel anyway picks a port the client did not name, a default
    /// the client cannot see.
    CONNECT_TO_INVALID_PORT_ACCEPTED = "connect-to-invalid-port-accepted" {
        fields: [],
        reads: [URI],
        requirement: Must,
        spec: "RFC 9110 §9.3.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.6",
        summary: "2xx to CONNECT whose target has an empty or invalid port",
        repair: [],
        default: Log,
        example: "CONNECT example.com: HTTP/1.1\nhost: example.com:\n\n200 OK\n\n",
        near_miss: "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n200 OK\n\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan that skips the list parser where the name does not occur gives the parser's
    /// answer, on well-formed and broken lines alike.
    #[test]
    fn a_listed_method_is_found_as_the_list_parser_finds_it() {
        let lines: &[&[u8]] = &[
            b"GET, HEAD",
            b"POST",
            b"GET,HEAD,OPTIONS",
            b"  GET ,\tPOST ,",
            b",,, GET",
            b"get, head",
            b"GETS, XGET, GET-ISH",
            b"HEADER",
            b"",
            b" ",
            b"\"GET\", PUT",
            b"G",
            b"PROPFIND, QUERY",
            b"\xff\xfeGET, GET",
        ];
        let methods: &[&[u8]] = &[
            b"GET",
            b"HEAD",
            b"POST",
            b"PUT",
            b"QUERY",
            b"G",
            b"PROPFIND",
        ];
        for line in lines {
            for method in methods {
                let general = list::elements_of(line).any(|allowed| allowed == *method);
                assert_eq!(
                    lists(line, method),
                    general,
                    "{:?} in {:?}",
                    String::from_utf8_lossy(method),
                    String::from_utf8_lossy(line)
                );
            }
        }
    }
}
