//! The registry: every rule, declared once. Rustdoc, `Rule::ALL`, ids, the metadata behind
//! `Rule::explanation` and the README rules table all come from this file.
//!
//! Each entry's doc comment has two sections, "What it checks" and "Why it matters"; the
//! "Repair" section and the id line are generated.

crate::rule::rules! {
    /// ### What it checks
    /// A status code outside `100..=599`. `http::StatusCode` accepts every three-digit code up to
    /// 999, and hyper sends them as is (`HTTP/1.1 600 <none>`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15: "Values outside the range 100..599 are invalid." A client treats an invalid
    /// code as a 5xx at best; often it is a leaked internal code.
    STATUS_OUT_OF_RANGE = "status-out-of-range" {
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "status code outside 100..=599",
        repair: ["Sets the status to 500 Internal Server Error and keeps headers and body."],
        default: Reject,
    }

    /// ### What it checks
    /// A 1xx status other than 101 returned as the final response of a service.
    ///
    /// ### Why it matters
    /// RFC 9110 §15: a request gets "zero or more interim (non-final) responses … followed by
    /// exactly one final response"; a 1xx is never final. hyper's HTTP/1 server turns such a
    /// response into a bare 500 and closes the connection (all headers lost); over HTTP/2 it
    /// sends `HEADERS` with `END_STREAM` carrying the 1xx, which RFC 9113 §8.1 calls malformed.
    /// (101 hands the connection over and is covered by the `switching-protocols-*` rules.)
    INFORMATIONAL_AS_FINAL = "informational-as-final" {
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "a 1xx other than 101 used as the final response",
        repair: [],
        default: Reject,
    }

    /// ### What it checks
    /// Any 1xx response, 101 included, to a request made with HTTP/1.0 (or 0.9).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.2: "Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT
    /// send a 1xx response to an HTTP/1.0 client." §7.8 adds that a server MUST ignore an
    /// `Upgrade` received in an HTTP/1.0 request, so a 101 is never a valid answer. hyper sends
    /// `HTTP/1.0 101 Switching Protocols` as is.
    INFORMATIONAL_TO_HTTP10 = "informational-to-http10" {
        requirement: Must,
        spec: "RFC 9110 §15.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2",
        summary: "1xx response to an HTTP/1.0 client",
        repair: [],
        default: Reject,
    }

    /// ### What it checks
    /// A 101 (Switching Protocols) over HTTP/1.1 without an `Upgrade` header naming at least one
    /// protocol.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.2.2: "The server MUST generate an Upgrade header field in the response that
    /// indicates which protocol(s) will be in effect after this response." Without it the client
    /// cannot know what the bytes after the head mean; WebSocket clients refuse the handshake.
    SWITCHING_PROTOCOLS_WITHOUT_UPGRADE = "switching-protocols-without-upgrade" {
        requirement: Must,
        spec: "RFC 9110 §15.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2",
        summary: "101 without an Upgrade header",
        repair: [],
        default: Log,
    }

    /// ### What it checks
    /// A 101 over HTTP/1.1 to a request that carried no `Upgrade` header, or whose response
    /// `Upgrade` names a protocol the request did not offer (names compared case-insensitively,
    /// so only a clear mismatch is flagged).
    ///
    /// ### Why it matters
    /// RFC 9110 §7.8: "A server MUST NOT switch to a protocol that was not indicated by the client
    /// in the corresponding request's Upgrade header field." hyper sends such a 101 and then,
    /// having no upgrade pending, closes the connection: the client sees a switch and then EOF.
    SWITCHING_PROTOCOLS_UNREQUESTED = "switching-protocols-unrequested" {
        requirement: Must,
        spec: "RFC 9110 §7.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-7.8",
        summary: "101 to a request that did not offer that upgrade",
        repair: [],
        default: Reject,
    }

    /// ### What it checks
    /// A 101 on an HTTP/2 or HTTP/3 request.
    ///
    /// ### Why it matters
    /// RFC 9113 §8.6: "HTTP/2 removes support for the 101 (Switching Protocols) informational
    /// status code"; RFC 9114 §4.5 says the same of HTTP/3. hyper sends it as a final `:status
    /// 101` with `END_STREAM`, and clients reset the stream with `PROTOCOL_ERROR`.
    SWITCHING_PROTOCOLS_OVER_HTTP2 = "switching-protocols-over-http2" {
        requirement: Must,
        spec: "RFC 9113 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9113#section-8.6",
        summary: "101 on an HTTP/2 or HTTP/3 stream",
        repair: [],
        default: Reject,
    }

    /// ### What it checks
    /// A `Content-Length` header, any value including `0`, on a 1xx or 204 response, or on a 2xx
    /// response to CONNECT.
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "A server MUST NOT send a Content-Length header field in any response with
    /// a status code of 1xx (Informational) or 204 (No Content). A server MUST NOT send a
    /// Content-Length header field in any 2xx (Successful) response to a CONNECT request."
    /// axum 0.8 adds `content-length` to every response whose size it knows, 204 included;
    /// hyper's HTTP/1 server writes a handler's value verbatim when the body is not empty, and
    /// its HTTP/2 server always does. Clients that trust it hang or desynchronise.
    FORBIDDEN_CONTENT_LENGTH = "forbidden-content-length" {
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "Content-Length on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Content-Length` header."],
        default: Repair,
    }

    /// ### What it checks
    /// A `Transfer-Encoding` header on a 1xx or 204 response, or on a 2xx response to CONNECT.
    ///
    /// ### Why it matters
    /// RFC 9112 §6.1: "A server MUST NOT send a Transfer-Encoding header field in any response
    /// with a status code of 1xx (Informational) or 204 (No Content). A server MUST NOT send a
    /// Transfer-Encoding header field in any 2xx (Successful) response to a CONNECT request."
    /// hyper drops it silently on HTTP/1 and strips it with a compiled-out warning on HTTP/2,
    /// where it is a connection-specific field.
    FORBIDDEN_TRANSFER_ENCODING = "forbidden-transfer-encoding" {
        requirement: Must,
        spec: "RFC 9112 §6.1",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-6.1",
        summary: "Transfer-Encoding on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Transfer-Encoding` header."],
        default: Repair,
    }

    /// ### What it checks
    /// A 204 (No Content) response whose body has content or trailers: known at head time when
    /// the body's size hint is non-zero, otherwise at stream time when the first non-empty data
    /// frame (or a trailers frame) arrives.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.5: "A 204 response is terminated by the end of the header section; it
    /// cannot contain content or trailers." axum turns `(StatusCode::NO_CONTENT, "hello")` into a
    /// 204 with `content-length: 5`; hyper drops the bytes on HTTP/1 (silently) but sends them
    /// as DATA on HTTP/2.
    NO_CONTENT_WITH_BODY = "no-content-with-body" {
        requirement: Must,
        spec: "RFC 9110 §15.3.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5",
        summary: "204 with content",
        repair: ["Replaces the body with an empty one and removes `Content-Length` and `Transfer-Encoding`. For a body of unknown size the two headers are removed at head time (no framing header is valid on a 204) and every data and trailers frame is dropped at stream time."],
        default: Repair,
    }

    /// ### What it checks
    /// A 205 (Reset Content) response whose body has content (head time or stream time, as for
    /// `no-content-with-body`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.6: "a server MUST NOT generate content in a 205 response". Neither hyper
    /// nor axum special-cases 205: the content reaches the client on every protocol.
    RESET_CONTENT_WITH_BODY = "reset-content-with-body" {
        requirement: Must,
        spec: "RFC 9110 §15.3.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6",
        summary: "205 with content",
        repair: ["Replaces the body with an empty one, sets `Content-Length: 0` and removes `Transfer-Encoding` (a 205 is framed like any other response, RFC 9112 §6.3, so an explicit zero length is what tells the client no content follows). At stream time, drops every data frame; a `Content-Length` other than `0` is removed at head time so framing stays correct."],
        default: Repair,
    }

    /// ### What it checks
    /// A 304 (Not Modified) response whose body has content or trailers (head time or stream
    /// time).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "A 304 response is terminated by the end of the header section; it
    /// cannot contain content or trailers." hyper sends the bytes as DATA on HTTP/2.
    NOT_MODIFIED_WITH_BODY = "not-modified-with-body" {
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 with content",
        repair: ["Replaces the body with an empty one. `Content-Length` and `Transfer-Encoding` are kept: on a 304 they describe the representation a 200 would carry (RFC 9110 §8.6, RFC 9112 §6.1). At stream time, drops every data and trailers frame."],
        default: Repair,
    }

    /// ### What it checks
    /// A response to a HEAD request whose body has content (head time or stream time). Statuses
    /// with their own no-content rule (1xx, 204, 205, 304) are reported by that rule instead.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send
    /// content in the response." axum strips HEAD bodies only for routes added with `route()`;
    /// `route_service`, `nest_service` and plain hyper services send them on HTTP/2, where the
    /// client resets the stream.
    HEAD_RESPONSE_WITH_BODY = "head-response-with-body" {
        requirement: Must,
        spec: "RFC 9110 §9.3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2",
        summary: "response to HEAD with content",
        repair: ["Replaces the body with an empty one. When the response has neither `Content-Length` nor `Transfer-Encoding` and the body's size was known, sets `Content-Length` to that size (the value a GET would carry, RFC 9110 §8.6). At stream time, drops every data frame."],
        default: Repair,
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
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 without an Allow header",
        repair: ["Adds the `Allow` value returned by the callback given to `StatusConformanceLayer::allow_methods`. Without a callback, or when it returns `None`, the violation is logged and reported as `Log`."],
        default: Repair,
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
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 whose Allow lists the request method",
        repair: ["Removes the request method from `Allow`, keeping the other methods (an empty `Allow` remains if it was the only one)."],
        default: Log,
    }

    /// ### What it checks
    /// A 428, 429, 431 or 511 response that permits storage: `Cache-Control` with `max-age`,
    /// `s-maxage`, `public`, `private`, `immutable`, `stale-while-revalidate` or
    /// `stale-if-error`, or an `Expires` header, and no `no-store` directive.
    ///
    /// ### Why it matters
    /// RFC 6585 (§3, §4, §5, §6) says of each of these statuses: "Responses with the … status code
    /// MUST NOT be stored by a cache." The MUST binds caches; an origin that marks the response
    /// storable invites shared caches to serve one client's rate-limit or login page to others
    /// (a CDN served a cached 429 for minutes in CVEProject/cve-website#1374).
    NEVER_STORE_STATUS_MARKED_CACHEABLE = "never-store-status-marked-cacheable" {
        requirement: Must,
        spec: "RFC 6585 §3–§6",
        url: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        summary: "428/429/431/511 marked storable",
        repair: ["Removes `Expires` and the storage-permitting `Cache-Control` directives listed above, keeps the other directives, and adds `no-store`."],
        default: Repair,
    }
}
