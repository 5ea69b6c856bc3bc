//! The registry: every rule, declared once. Rustdoc, `Rule::ALL`, ids, the metadata behind
//! `Rule::explanation` and the README rules table all come from this file.
//!
//! Each entry's doc comment has two sections, "What it checks" and "Why it matters"; the
//! "Repair" section and the id line are generated.
//!
//! Append-only: a rule's position is its `Ord` and its place in every listing, so new rules go
//! at the end (`tests/rules.rs` `registry_order_is_append_only` pins the order).

crate::rule::rules! {
    /// ### What it checks
    /// A status code outside `100..=599`. `http::StatusCode` accepts every three-digit code up to
    /// 999, and hyper sends them as is (`HTTP/1.1 600 <none>`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15: "Values outside the range 100..599 are invalid." A client treats an invalid
    /// code as a 5xx at best; often it is a leaked internal code.
    STATUS_OUT_OF_RANGE = "status-out-of-range" {
        topic: status_code,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "status code outside 100..=599",
        repair: ["Sets the status to 500 Internal Server Error and keeps headers and body."],
        default: Reject,
        example: "GET /orders HTTP/1.1\n\n600\n\ninternal code",
        near_miss: "GET /orders HTTP/1.1\n\n511 Network Authentication Required\ncontent-type: text/plain\n\nlog in to the network",
    }

    /// ### What it checks
    /// A status code in `100..=599` that is not in the IANA HTTP Status Code Registry (for
    /// example 419, 420, 499, 520). Registered codes with a rule of their own (305, 306, 402,
    /// 418) are reported by that rule.
    ///
    /// ### Why it matters
    /// RFC 9110 §15 and §16.2: new codes ought to be registered; a client that does not know a
    /// code treats it as the `x00` of its class, so whatever the code was meant to say is lost.
    /// This is advice, not a violation.
    STATUS_UNREGISTERED = "status-unregistered" {
        topic: status_code,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §16.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-16.2",
        summary: "status code not in the IANA registry",
        repair: [],
        default: Log,
        example: "POST /login HTTP/1.1\n\n419\n\nsession expired",
        near_miss: "GET /page HTTP/1.1\n\n425 Too Early\ncontent-type: text/plain\n\nretry later",
    }

    /// ### What it checks
    /// A 305 (Use Proxy) response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.6: 305 "was defined in a previous version of this specification and is now
    /// deprecated"; clients do not act on it (in-band proxy configuration was a security risk).
    USE_PROXY_DEPRECATED = "use-proxy-deprecated" {
        topic: status_code,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.6",
        summary: "deprecated 305 Use Proxy",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n305 Use Proxy\nlocation: http://proxy.example/\n\n",
        near_miss: "GET /page HTTP/1.1\n\n307 Temporary Redirect\nlocation: /elsewhere\n\n",
    }

    /// ### What it checks
    /// A 306 response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.7: 306 was defined in an earlier draft, "is no longer used, and the code
    /// is reserved". It has no meaning a client can act on.
    STATUS_306_RESERVED = "status-306-reserved" {
        topic: status_code,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.7",
        summary: "reserved 306",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n306\nlocation: /elsewhere\n\n",
        near_miss: "GET /page HTTP/1.1\n\n308 Permanent Redirect\nlocation: /elsewhere\n\n",
    }

    /// ### What it checks
    /// A 402 (Payment Required) response.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.3: "The 402 (Payment Required) status code is reserved for future use."
    /// Clients give it no standard meaning; it is advice to use a defined code. Off by default:
    /// payment APIs use 402 on purpose.
    PAYMENT_REQUIRED_RESERVED = "payment-required-reserved" {
        topic: status_code,
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
        topic: status_code,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.19",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.19",
        summary: "unused 418",
        repair: [],
        default: Log,
        example: "POST /coffee HTTP/1.1\n\n418\ncontent-type: text/plain\n\nI'm a teapot",
        near_miss: "POST /coffee HTTP/1.1\n\n400 Bad Request\ncontent-type: text/plain\n\nno coffee here",
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
        topic: interim,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "a 1xx other than 101 used as the final response",
        repair: [],
        default: Reject,
        example: "GET /page HTTP/1.1\n\n103 Early Hints\nlink: </app.css>; rel=preload\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
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
        topic: interim,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2",
        summary: "1xx response to an HTTP/1.0 client",
        repair: [],
        default: Reject,
        example: "GET /chat HTTP/1.0\nupgrade: websocket\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
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
        topic: interim,
        fields: ["upgrade"],
        requirement: Must,
        spec: "RFC 9110 §15.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2",
        summary: "101 without an Upgrade header",
        repair: [],
        default: Log,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101 Switching Protocols\nconnection: upgrade\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 101 over HTTP/1.1 to a request that carried no `Upgrade` header, or whose response
    /// `Upgrade` names a protocol the request did not offer on any of its `Upgrade` lines
    /// (names compared case-insensitively, so only a clear mismatch is flagged). An offer too
    /// long for the layer to keep is never judged.
    ///
    /// ### Why it matters
    /// RFC 9110 §7.8: "A server MUST NOT switch to a protocol that was not indicated by the client
    /// in the corresponding request's Upgrade header field." hyper sends such a 101 and then,
    /// having no upgrade pending, closes the connection: the client sees a switch and then EOF.
    SWITCHING_PROTOCOLS_UNREQUESTED = "switching-protocols-unrequested" {
        topic: interim,
        fields: ["upgrade"],
        reads: [UPGRADE],
        requirement: Must,
        spec: "RFC 9110 §7.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-7.8",
        summary: "101 to a request that did not offer that upgrade",
        repair: [],
        default: Reject,
        example: "GET /chat HTTP/1.1\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: h2c, WebSocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 101 on an HTTP/2 or HTTP/3 request.
    ///
    /// ### Why it matters
    /// RFC 9113 §8.6: "HTTP/2 removes support for the 101 (Switching Protocols) informational
    /// status code"; RFC 9114 §4.5 says the same of HTTP/3. hyper sends it as a final `:status
    /// 101` with `END_STREAM`, and clients reset the stream with `PROTOCOL_ERROR`.
    SWITCHING_PROTOCOLS_OVER_HTTP2 = "switching-protocols-over-http2" {
        topic: interim,
        fields: [],
        requirement: Must,
        spec: "RFC 9113 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9113#section-8.6",
        summary: "101 on an HTTP/2 or HTTP/3 stream",
        repair: [],
        default: Reject,
        example: "GET /chat HTTP/2\n\n101 Switching Protocols\n\n",
        near_miss: "CONNECT /chat HTTP/2\n\n200 OK\n\n",
    }

    /// ### What it checks
    /// A 1xx response (in practice a 101) whose body has content or trailers, at head time or
    /// while it streams.
    /// Over HTTP/1.x with hyper (`Wire::Hyper`, the layer's model) not reported: hyper's encoder
    /// sends no content there (hyper 1.13 `Server::can_have_body`), so the client never gets
    /// it; a capture is judged as received (`Wire::Received`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.2: "A 1xx response is terminated by the end of the header section; it cannot
    /// contain content or trailers." After a 101 the connection speaks the new protocol: a
    /// server that sends the bytes the handler meant as content has them read as that protocol.
    INFORMATIONAL_WITH_BODY = "informational-with-body" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2",
        summary: "1xx with content",
        repair: ["Replaces the body with an empty one. At stream time, drops every data and trailers frame."],
        default: Repair,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\nswitching",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 100 (Continue) to a request that did not carry `Expect: 100-continue`.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.1.1 and §15.2.1: 100 answers an `Expect: 100-continue` request. Clients must
    /// tolerate an unexpected 1xx, so no requirement is broken, but a service that returns a 100
    /// on its own has misunderstood the status (it is also `informational-as-final`).
    CONTINUE_WITHOUT_EXPECT = "continue-without-expect" {
        topic: interim,
        fields: [],
        reads: [EXPECT],
        requirement: Advisory,
        spec: "RFC 9110 §15.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2.1",
        summary: "100 Continue to a request without Expect: 100-continue",
        repair: [],
        default: Log,
        example: "POST /upload HTTP/1.1\ncontent-length: 5\n\n100 Continue\n\n",
        near_miss: "POST /upload HTTP/1.1\ncontent-length: 5\n\n201 Created\nlocation: /upload/1\n\n",
    }

    /// ### What it checks
    /// An HTTP/1.1 response that carries `Upgrade` (a 101, a 426, or any other) without the
    /// `upgrade` option in `Connection`.
    ///
    /// ### Why it matters
    /// RFC 9110 §7.8: "A sender of Upgrade MUST also send an "upgrade" connection option in the
    /// Connection header field to inform intermediaries not to forward this field." Without it
    /// a proxy forwards a hop-by-hop offer as if it were end-to-end.
    UPGRADE_WITHOUT_CONNECTION_OPTION = "upgrade-without-connection-option" {
        topic: interim,
        fields: ["upgrade", "connection"],
        requirement: Must,
        spec: "RFC 9110 §7.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-7.8",
        summary: "Upgrade without Connection: upgrade",
        repair: ["Adds `upgrade` to `Connection` (creating the header when absent, keeping its other options)."],
        default: Repair,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: keep-alive, Upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 426 (Upgrade Required) to an HTTP/1.x request without an `Upgrade` header naming at
    /// least one protocol. (Over HTTP/2 and HTTP/3 the field is forbidden, so 426 cannot say
    /// what to upgrade to; those are not flagged.)
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.22: "The server MUST send an Upgrade header field in a 426 response to
    /// indicate the required protocol(s)." Without it the client cannot comply.
    UPGRADE_REQUIRED_WITHOUT_UPGRADE = "upgrade-required-without-upgrade" {
        topic: interim,
        fields: ["upgrade"],
        requirement: Must,
        spec: "RFC 9110 §15.5.22",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.22",
        summary: "426 without an Upgrade header",
        repair: ["Adds the `Upgrade` value returned by the callback given to `StatusConformanceLayer::upgrade_protocols`, and `upgrade` to `Connection`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET /api HTTP/1.1\n\n426 Upgrade Required\ncontent-type: text/plain\n\nuse TLS",
        near_miss: "GET /api HTTP/1.1\n\n426 Upgrade Required\nupgrade: TLS/1.3\nconnection: upgrade\ncontent-type: text/plain\n\nuse TLS",
    }

    /// ### What it checks
    /// A 426 whose `Upgrade` names a protocol the request already offered in its own `Upgrade`.
    ///
    /// ### Why it matters
    /// RFC 9110 §7.8: a server that is willing to switch to an offered protocol answers 101; a
    /// 426 demanding what the client offered leaves the client nothing to change. Advice, not a
    /// violation.
    UPGRADE_REQUIRED_ALREADY_OFFERED = "upgrade-required-already-offered" {
        topic: interim,
        fields: ["upgrade"],
        reads: [UPGRADE],
        requirement: Advisory,
        spec: "RFC 9110 §7.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-7.8",
        summary: "426 demanding a protocol the request offered",
        repair: [],
        default: Log,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n426 Upgrade Required\nupgrade: websocket\nconnection: upgrade\ncontent-type: text/plain\n\nupgrade first",
        near_miss: "GET /chat HTTP/1.1\nupgrade: h2c\nconnection: upgrade\n\n426 Upgrade Required\nupgrade: websocket\nconnection: upgrade\ncontent-type: text/plain\n\nupgrade first",
    }

    /// ### What it checks
    /// A response to an HTTP/2 or HTTP/3 request carrying a connection-specific field:
    /// `Connection`, `Keep-Alive`, `Proxy-Connection`, `Transfer-Encoding`, `Upgrade` or `TE`.
    /// Over HTTP/2 under `Wire::Hyper` (the layer's model) not reported: hyper 1.13's HTTP/2
    /// server strips them (`strip_connection_headers`), so the client never gets them.
    ///
    /// ### Why it matters
    /// RFC 9113 §8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing
    /// connection-specific header fields"; RFC 9114 §4.2 says the same for HTTP/3. hyper strips
    /// them with a warning that is compiled out by default, so the handler never learns.
    CONNECTION_SPECIFIC_FIELD_OVER_HTTP2 = "connection-specific-field-over-http2" {
        topic: content,
        fields: ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te"],
        requirement: Must,
        spec: "RFC 9113 §8.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9113#section-8.2.2",
        summary: "connection-specific field in an HTTP/2 or HTTP/3 response",
        repair: ["Removes those fields and any field that `Connection` names."],
        default: Repair,
        example: "GET /items HTTP/2\n\n200 OK\nconnection: keep-alive\nkeep-alive: timeout=5\ncontent-type: text/plain\n\nitems",
        near_miss: "GET /items HTTP/1.1\n\n200 OK\nconnection: keep-alive\nkeep-alive: timeout=5\ncontent-type: text/plain\n\nitems",
    }

    /// ### What it checks
    /// A `Content-Length` header, any value including `0`, on a 1xx or 204 response, or on a 2xx
    /// response to CONNECT. Not reported for a 1xx or 204 with an empty body over HTTP/1.x:
    /// hyper 1.x writes no `Content-Length` for it, so the client never sees one (it does over
    /// HTTP/2, and it fails a 2xx to CONNECT that carries one).
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "A server MUST NOT send a Content-Length header field in any response with
    /// a status code of 1xx (Informational) or 204 (No Content). A server MUST NOT send a
    /// Content-Length header field in any 2xx (Successful) response to a CONNECT request."
    /// axum 0.8 adds `content-length` to every response whose size it knows, 204 included;
    /// hyper's HTTP/1 server writes a handler's value verbatim when the body is not empty, and
    /// its HTTP/2 server always does. Clients that trust it hang or desynchronise.
    FORBIDDEN_CONTENT_LENGTH = "forbidden-content-length" {
        topic: content,
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "Content-Length on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Content-Length` header."],
        default: Repair,
        example: "DELETE /items/7 HTTP/2\n\n204 No Content\ncontent-length: 0\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 512\n\n",
    }

    /// ### What it checks
    /// A `Transfer-Encoding` header on a 1xx or 204 response, or on a 2xx response to CONNECT.
    /// Under `Wire::Hyper` (the layer's model) never reported: hyper 1.13 drops the field on
    /// every response it cannot chunk over HTTP/1.x (`Server::can_chunked`) and strips it over
    /// HTTP/2, so only a capture (`Wire::Received`) or HTTP/3 shows it.
    ///
    /// ### Why it matters
    /// RFC 9112 §6.1: "A server MUST NOT send a Transfer-Encoding header field in any response
    /// with a status code of 1xx (Informational) or 204 (No Content). A server MUST NOT send a
    /// Transfer-Encoding header field in any 2xx (Successful) response to a CONNECT request."
    /// hyper drops it silently on HTTP/1 and strips it with a compiled-out warning on HTTP/2,
    /// where it is a connection-specific field.
    FORBIDDEN_TRANSFER_ENCODING = "forbidden-transfer-encoding" {
        topic: content,
        fields: ["transfer-encoding"],
        requirement: Must,
        spec: "RFC 9112 §6.1",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-6.1",
        summary: "Transfer-Encoding on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Transfer-Encoding` header."],
        default: Repair,
        example: "DELETE /items/7 HTTP/1.1\n\n204 No Content\ntransfer-encoding: chunked\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ntransfer-encoding: chunked\n\n",
    }

    /// ### What it checks
    /// A `Transfer-Encoding` header in a response to an HTTP/1.0 request. Under `Wire::Hyper`
    /// (the layer's model) never reported: hyper 1.13 writes no `Transfer-Encoding` to an
    /// HTTP/1.0 peer and delimits the content by closing; only a capture (`Wire::Received`)
    /// shows it.
    ///
    /// ### Why it matters
    /// RFC 9112 §6.1: "A server MUST NOT send a response containing Transfer-Encoding unless the
    /// corresponding request indicates HTTP/1.1 (or later minor revisions)." An HTTP/1.0 client
    /// does not understand chunked framing. (hyper drops the field for HTTP/1.0 peers and
    /// delimits by closing.)
    TRANSFER_ENCODING_TO_HTTP10 = "transfer-encoding-to-http10" {
        topic: content,
        fields: ["transfer-encoding"],
        requirement: Must,
        spec: "RFC 9112 §6.1",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-6.1",
        summary: "Transfer-Encoding in a response to HTTP/1.0",
        repair: ["Removes `Transfer-Encoding`; the server then frames the body by length or by closing the connection."],
        default: Repair,
        example: "GET /feed HTTP/1.0\n\n200 OK\ntransfer-encoding: chunked\ncontent-type: text/plain\n\nnews",
        near_miss: "GET /feed HTTP/1.1\n\n200 OK\ntransfer-encoding: chunked\ncontent-type: text/plain\n\nnews",
    }

    /// ### What it checks
    /// A response with both `Content-Length` and `Transfer-Encoding`.
    ///
    /// ### Why it matters
    /// RFC 9112 §6.2: "A sender MUST NOT send a Content-Length header field in any message that
    /// contains a Transfer-Encoding header field." Recipients that disagree on which one frames
    /// the message are the basis of response splitting.
    CONTENT_LENGTH_WITH_TRANSFER_ENCODING = "content-length-with-transfer-encoding" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9112 §6.2",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-6.2",
        summary: "both Content-Length and Transfer-Encoding",
        repair: ["Removes `Content-Length`."],
        default: Repair,
        example: "GET /feed HTTP/1.1\n\n200 OK\ncontent-length: 4\ntransfer-encoding: chunked\ncontent-type: text/plain\n\nnews",
        near_miss: "GET /feed HTTP/1.1\n\n200 OK\ncontent-length: 4\ncontent-type: text/plain\n\nnews",
    }

    /// ### What it checks
    /// A response whose body carries content, on a status and method that allow content,
    /// without `Content-Type`: at head time when the body's size is known, else when its first
    /// bytes stream (then always logged: there is no repair, and the head has left).
    ///
    /// Judged as received (`Wire::Received`: the sweep, the proxy, a server that is not this
    /// app), only when the content's first octets show its type — HTML, XML or SVG markup, a
    /// JSON object or array, a PNG, GIF, JPEG, WebP or PDF signature: a static server may
    /// rightly serve a file whose type it does not know without one (Caddy 2.6.2 does, for an
    /// unknown extension). A capture's content is not read, so `check` does not report it.
    ///
    /// ### Why it matters
    /// RFC 9110 §8.3: "A sender that generates a message containing content SHOULD generate a
    /// Content-Type header field in that message unless the intended media type of the enclosed
    /// representation is unknown to the sender." Without it clients sniff, which is how
    /// content-type confusion attacks start.
    CONTENT_WITHOUT_CONTENT_TYPE = "content-without-content-type" {
        topic: content,
        fields: ["content-type"],
        reads: [IF_RANGE],
        requirement: Should,
        spec: "RFC 9110 §8.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.3",
        summary: "content without Content-Type",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n200 OK\n\n<html></html>",
        near_miss: "GET /report HTTP/1.1\n\n200 OK\ncontent-type: text/html\n\n<html></html>",
    }

    /// ### What it checks
    /// A 204 (No Content) response whose body has content or trailers: known at head time when
    /// the body's size hint is non-zero, otherwise at stream time when the first non-empty data
    /// frame (or a trailers frame) arrives.
    /// Over HTTP/1.x with hyper (`Wire::Hyper`, the layer's model) not reported: hyper's encoder
    /// sends no content there (hyper 1.13 `Server::can_have_body`), so the client never gets
    /// it; a capture is judged as received (`Wire::Received`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.5: "A 204 response is terminated by the end of the header section; it
    /// cannot contain content or trailers." axum turns `(StatusCode::NO_CONTENT, "hello")` into a
    /// 204 with `content-length: 5`; hyper drops the bytes on HTTP/1 (silently) but sends them
    /// as DATA on HTTP/2.
    NO_CONTENT_WITH_BODY = "no-content-with-body" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.3.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5",
        summary: "204 with content",
        repair: ["Replaces the body with an empty one and removes `Content-Length` and `Transfer-Encoding`. For a body of unknown size the two headers are removed at head time (no framing header is valid on a 204) and every data and trailers frame is dropped at stream time."],
        default: Repair,
        example: "DELETE /items/7 HTTP/2\n\n204 No Content\ncontent-type: text/plain\n\ndeleted",
        near_miss: "DELETE /items/7 HTTP/2\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// A 205 (Reset Content) response whose body has content (head time or stream time, as for
    /// `no-content-with-body`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.6: "a server MUST NOT generate content in a 205 response". Neither hyper
    /// nor axum special-cases 205: the content reaches the client on every protocol.
    RESET_CONTENT_WITH_BODY = "reset-content-with-body" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.3.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6",
        summary: "205 with content",
        repair: ["Replaces the body with an empty one, sets `Content-Length: 0` and removes `Transfer-Encoding` (a 205 is framed like any other response, RFC 9112 §6.3, so an explicit zero length is what tells the client no content follows). At stream time, drops every data frame; a `Content-Length` other than `0` is removed at head time so framing stays correct."],
        default: Repair,
        example: "POST /form HTTP/1.1\ncontent-length: 0\n\n205 Reset Content\ncontent-type: text/plain\n\ncleared",
        near_miss: "POST /form HTTP/1.1\ncontent-length: 0\n\n205 Reset Content\ncontent-length: 0\n\n",
    }

    /// ### What it checks
    /// A 304 (Not Modified) response whose body has content or trailers (head time or stream
    /// time).
    /// Over HTTP/1.x with hyper (`Wire::Hyper`, the layer's model) not reported: hyper's encoder
    /// sends no content there (hyper 1.13 `Server::can_have_body`), so the client never gets
    /// it; a capture is judged as received (`Wire::Received`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "A 304 response is terminated by the end of the header section; it
    /// cannot contain content or trailers." hyper sends the bytes as DATA on HTTP/2.
    NOT_MODIFIED_WITH_BODY = "not-modified-with-body" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 with content",
        repair: ["Replaces the body with an empty one. `Content-Length` and `Transfer-Encoding` are kept: on a 304 they describe the representation a 200 would carry (RFC 9110 §8.6, RFC 9112 §6.1). At stream time, drops every data and trailers frame."],
        default: Repair,
        example: "GET /items/7 HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\nstale copy",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 5\ncache-control: max-age=60\nvary: accept-encoding\nexpires: Thu, 01 Jan 2099 00:00:00 GMT\ndate: Thu, 01 Jan 2026 00:00:00 GMT\ncontent-location: /items/7.json\n\n",
    }

    /// ### What it checks
    /// A response to a HEAD request whose body has content (head time or stream time), or, over
    /// HTTP/1.x, trailers (stream time). Statuses with their own no-content rule (1xx, 204, 205,
    /// 304) are reported by that rule instead.
    /// Over HTTP/1.x with hyper (`Wire::Hyper`, the layer's model) not reported: hyper's encoder
    /// sends no content there (hyper 1.13 `Server::can_have_body`), so the client never gets
    /// it; a capture is judged as received (`Wire::Received`).
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send
    /// content in the response." RFC 9112 §6.3: a response to HEAD "cannot contain a message
    /// body or trailer section" (HTTP/2 has no such limit on trailers, so they are not flagged
    /// there). axum strips HEAD bodies only for routes added with `route()`;
    /// `route_service`, `nest_service` and plain hyper services send them on HTTP/2, where the
    /// client resets the stream.
    HEAD_RESPONSE_WITH_BODY = "head-response-with-body" {
        topic: content,
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §9.3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2",
        summary: "response to HEAD with content",
        repair: ["Replaces the body with an empty one. When the response has neither `Content-Length` nor `Transfer-Encoding` and the body's size was known, sets `Content-Length` to that size (the value a GET would carry, RFC 9110 §8.6). At stream time, drops every data frame."],
        default: Repair,
        example: "HEAD /items/7 HTTP/2\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "HEAD /items/7 HTTP/2\n\n200 OK\ncontent-type: text/plain\ncontent-length: 5\n\n",
    }

    /// ### What it checks
    /// A 201 (Created) to POST without `Location`.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.3: when POST creates resources, "the origin server SHOULD send a 201
    /// (Created) response containing a Location header field that provides an identifier for the
    /// primary resource created". For other methods an absent `Location` means the target URI
    /// (§15.3.2), so only POST is flagged.
    CREATED_WITHOUT_LOCATION = "created-without-location" {
        topic: redirects,
        fields: ["location"],
        requirement: Should,
        spec: "RFC 9110 §9.3.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.3",
        summary: "201 to POST without Location",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\ncontent-type: application/json\n\n{}",
        near_miss: "PUT /items/7 HTTP/1.1\ncontent-length: 2\n\n201 Created\ncontent-type: application/json\n\n{}",
    }

    /// ### What it checks
    /// A 201 whose `Location` has a fragment (`#…`).
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.2: for 201 the `Location` identifies the created resource, and a fragment
    /// identifier "would not be appropriate" there. Advice, not a requirement.
    CREATED_LOCATION_WITH_FRAGMENT = "created-location-with-fragment" {
        topic: redirects,
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
    /// A 201 (Created), 202 (Accepted) or 409 (Conflict) to a safe method (GET, HEAD, OPTIONS,
    /// TRACE, QUERY), except a 201 or 202 to QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.2.1: safe methods are read-only; these statuses report a change of state (or
    /// a conflict with one), which a safe request must not cause. Crawlers and prefetchers rely
    /// on safety. Advice, not a requirement on the response. RFC 10008 §2 makes QUERY safe but
    /// says this "does not prevent the server from creating additional HTTP resources through
    /// which additional information can be retrieved": a 201 naming a stored query or result,
    /// or a 202 for a query still running, is what that allows.
    STATE_CHANGING_STATUS_TO_SAFE_METHOD = "state-changing-status-to-safe-method" {
        topic: methods,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §9.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.2.1",
        summary: "201, 202 or 409 to a safe method",
        repair: [],
        default: Log,
        example: "GET /items/new HTTP/1.1\n\n201 Created\nlocation: /items/8\n\n",
        near_miss: "POST /items HTTP/1.1\ncontent-length: 2\n\n201 Created\nlocation: /items/8\n\n",
    }

    /// ### What it checks
    /// A 200 to GET, HEAD or QUERY with neither `ETag` nor `Last-Modified`, when the exchange shows a
    /// validator is available: the request carried one back (`If-None-Match` or
    /// `If-Modified-Since`, so an earlier response had one), or the response lets caches store
    /// it (`Expires`, or `max-age`, `s-maxage`, `public`, `private`, `immutable`,
    /// `stale-while-revalidate`, `stale-if-error`, without `no-store`). A dynamic response that
    /// caches may not keep is not judged: it may have no validator to give. Off by default.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.1: "In 200 responses to GET or HEAD, an origin server SHOULD send any
    /// available validator fields (Section 8.8) for the selected representation". Without one,
    /// caches cannot revalidate and refetch the whole body.
    OK_WITHOUT_VALIDATOR = "ok-without-validator" {
        topic: caching,
        fields: ["etag", "last-modified", "cache-control", "expires"],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Should,
        spec: "RFC 9110 §15.3.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.1",
        summary: "200 to GET, HEAD or QUERY without ETag or Last-Modified",
        repair: [],
        default: Allow,
        example: "GET /logo.png HTTP/1.1\n\n200 OK\ncontent-type: image/png\ncache-control: max-age=86400\n\nPNG",
        near_miss: "GET /logo.png HTTP/1.1\n\n200 OK\ncontent-type: image/png\ncache-control: max-age=86400\netag: \"v1\"\n\nPNG",
    }

    /// ### What it checks
    /// A 202 (Accepted) with no content. Off by default: many APIs answer 202 with an empty
    /// body on purpose.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.3: the representation sent with a 202 "ought to describe the request's
    /// current status and point to (or embed) a status monitor". Advice.
    ACCEPTED_WITHOUT_CONTENT = "accepted-without-content" {
        topic: content,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.3.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.3",
        summary: "202 without a status description",
        repair: [],
        default: Allow,
        example: "POST /jobs HTTP/1.1\ncontent-length: 2\n\n202 Accepted\n\n",
        near_miss: "POST /jobs HTTP/1.1\ncontent-length: 2\n\n202 Accepted\ncontent-type: application/json\n\n{\"monitor\":\"/jobs/7\"}",
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
        topic: methods,
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
    }

    /// ### What it checks
    /// A 2xx to OPTIONS whose `Allow` lists PATCH, without `Accept-Patch`.
    ///
    /// ### Why it matters
    /// RFC 5789 §3.1: "Accept-Patch SHOULD appear in the OPTIONS response for any resource that
    /// supports the use of the PATCH method." It tells clients which patch formats to send.
    OPTIONS_PATCH_WITHOUT_ACCEPT_PATCH = "options-patch-without-accept-patch" {
        topic: methods,
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
        topic: methods,
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
    /// A single-part 206 (Partial Content) without `Content-Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.1: "the server generating the 206 response MUST generate a Content-Range
    /// header field, describing what range of the selected representation is enclosed". Without
    /// it the client cannot place the bytes.
    PARTIAL_CONTENT_WITHOUT_CONTENT_RANGE = "partial-content-without-content-range" {
        topic: ranges,
        fields: ["content-range", "content-type"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.1",
        summary: "206 without Content-Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A `multipart/byteranges` 206 with a `Content-Range` header field (each part carries its
    /// own).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "To avoid confusion with single-part responses, a server MUST NOT
    /// generate a Content-Range header field in the HTTP header section of a multiple part
    /// response".
    PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE = "partial-content-multipart-with-content-range" {
        topic: ranges,
        fields: ["content-range", "content-type"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 with a header Content-Range",
        repair: ["Removes the header `Content-Range`."],
        default: Repair,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3,10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\ncontent-range: bytes 0-13/100\n\n--B--",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3,10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
    }

    /// ### What it checks
    /// A `multipart/byteranges` 206 to a request that asked for a single range.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7.2: "A server MUST NOT generate a multipart response to a request for a
    /// single range, since a client that does not request multiple parts might not support
    /// multipart responses."
    PARTIAL_CONTENT_MULTIPART_FOR_SINGLE_RANGE = "partial-content-multipart-for-single-range" {
        topic: ranges,
        fields: ["content-type"],
        reads: [RANGE],
        requirement: Must,
        spec: "RFC 9110 §15.3.7.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7.2",
        summary: "multipart 206 to a single-range request",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3, 10-13\n\n206 Partial Content\ncontent-type: multipart/byteranges; boundary=B\n\n--B--",
    }

    /// ### What it checks
    /// A 206 to a request without `Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: 206 means "the server is successfully fulfilling a range request"; a
    /// client that asked for the whole representation and gets part of it has no way to know.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    PARTIAL_CONTENT_NOT_REQUESTED = "partial-content-not-requested" {
        topic: ranges,
        fields: [],
        reads: [RANGE],
        requirement: Advisory,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 to a request without Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 or 416 to a method other than GET and QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "A server MUST ignore a Range header field received with a request method
    /// that is unrecognized or for which range handling is not defined. For this specification,
    /// GET is the only method for which range handling is defined." RFC 10008 §2.8 adds QUERY:
    /// "The semantics of Range Requests for QUERY are identical to those for GET".
    RANGE_STATUS_FOR_NON_GET = "range-status-for-non-get" {
        topic: ranges,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "206 or 416 to a method other than GET or QUERY",
        repair: [],
        default: Log,
        example: "POST /video HTTP/1.1\nrange: bytes=0-3\ncontent-length: 0\n\n206 Partial Content\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "POST /video HTTP/1.1\nrange: bytes=0-3\ncontent-length: 0\n\n200 OK\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 to a request whose `If-Range` the response shows to be false: a weak entity tag
    /// (never a match), a strong one that the response's `ETag` does not strongly match, or a
    /// date other than the response's `Last-Modified`. A 206 without the validator to compare
    /// (no `ETag` for a tag, no `Last-Modified` for a date) is not judged: there is no evidence.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.5: when the `If-Range` condition is false the server "MUST ignore the
    /// Range header field" and send the whole representation. A partial response to a changed
    /// representation corrupts what the client reassembles.
    PARTIAL_CONTENT_IF_RANGE_MISMATCH = "partial-content-if-range-mismatch" {
        topic: ranges,
        fields: ["etag", "last-modified"],
        reads: [IF_RANGE],
        requirement: Must,
        spec: "RFC 9110 §13.1.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.5",
        summary: "206 although If-Range does not match",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v2\"\ncontent-range: bytes 0-3/100\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v2\"\n\n206 Partial Content\netag: \"v2\"\ncontent-range: bytes 0-3/100\n\nabcd",
    }

    /// ### What it checks
    /// A single-part 206 to an `If-Range` request that carries `Content-Type`,
    /// `Content-Encoding` or `Content-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: after an `If-Range` request "the sender SHOULD NOT generate other
    /// representation header fields beyond those required above, because the client already has
    /// a prior response containing those header fields".
    PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA = "partial-content-if-range-extra-metadata" {
        topic: ranges,
        fields: ["content-type", "content-encoding", "content-language"],
        reads: [IF_RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 to If-Range with representation metadata",
        repair: ["Removes `Content-Type`, `Content-Encoding` and `Content-Language`."],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\nif-range: \"v1\"\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-3/100\n\nabcd",
    }

    /// ### What it checks
    /// A single-part 206 whose `Content-Range` is inconsistent: `last-pos` before `first-pos`,
    /// beyond the complete length, or a range length other than the `Content-Length` or the
    /// body's known size. On a response to HEAD, which sends no content, only `Content-Length`
    /// is compared.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4 defines the range as `first-pos` to `last-pos` inclusive within the
    /// complete length, and §8.6 makes `Content-Length` the length of the content sent. A client
    /// that trusts one and gets the other writes bytes at the wrong offset.
    PARTIAL_CONTENT_LENGTH_MISMATCH = "partial-content-length-mismatch" {
        topic: ranges,
        fields: ["content-range", "content-length"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 whose Content-Range disagrees with its length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-9\n\n206 Partial Content\ncontent-range: bytes 0-9/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=96-\n\n206 Partial Content\ncontent-range: bytes 96-99/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 whose `Content-Range` uses the unsatisfied form `bytes */length`.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: `*/length` is the `unsatisfied-range` form, for 416; a 206 must describe
    /// the range it encloses.
    PARTIAL_CONTENT_UNSATISFIED_RANGE = "partial-content-unsatisfied-range" {
        topic: ranges,
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 with Content-Range bytes */length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\ncontent-range: bytes */100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A 416 (Range Not Satisfiable) to a byte-range request without `Content-Range: bytes
    /// */length`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: "A server that generates a 416 response to a byte-range request SHOULD
    /// generate a Content-Range header field specifying the current length of the selected
    /// representation". It is how the client learns what it may ask for.
    RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE = "range-not-satisfiable-without-content-range" {
        topic: ranges,
        fields: ["content-range"],
        reads: [RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 without Content-Range bytes */length",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-type: text/plain\n\nout of range",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-300\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A 416 to a request without `Range`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: 416 means "the set of ranges in the request's Range header field has
    /// been rejected"; without a `Range` there is nothing to reject.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    RANGE_NOT_SATISFIABLE_NOT_REQUESTED = "range-not-satisfiable-not-requested" {
        topic: ranges,
        fields: [],
        reads: [RANGE],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 to a request without Range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=200-\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A `Content-Range` header on a status other than 206 and 416.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: Content-Range "has no meaning for status codes that do not explicitly
    /// describe its semantic"; only 206 and 416 do. Clients may still act on it.
    CONTENT_RANGE_OUTSIDE_PARTIAL = "content-range-outside-partial" {
        topic: ranges,
        fields: ["content-range"],
        requirement: Advisory,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "Content-Range on a status other than 206 or 416",
        repair: ["Removes `Content-Range`."],
        default: Log,
        example: "GET /video HTTP/1.1\n\n200 OK\ncontent-range: bytes 0-3/4\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\n\n200 OK\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 206 with `Accept-Ranges: none`.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.3: `none` says the server does not support range requests, while the 206
    /// just served one. Advice.
    PARTIAL_CONTENT_ACCEPT_RANGES_NONE = "partial-content-accept-ranges-none" {
        topic: ranges,
        fields: ["accept-ranges"],
        requirement: Advisory,
        spec: "RFC 9110 §14.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.3",
        summary: "206 with Accept-Ranges: none",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\naccept-ranges: none\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=0-3\n\n206 Partial Content\naccept-ranges: bytes\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\nabcd",
    }

    /// ### What it checks
    /// A 301, 302, 303, 307 or 308 without `Location`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.2, §15.4.3, §15.4.8 and §15.4.9 each say the server SHOULD generate a
    /// `Location` header field with the URI reference to follow; for 303 (§15.4.4) the
    /// `Location` is what the status points to. A redirect without a target cannot be followed.
    REDIRECT_WITHOUT_LOCATION = "redirect-without-location" {
        topic: redirects,
        fields: ["location"],
        requirement: Should,
        spec: "RFC 9110 §15.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4",
        summary: "redirect without Location",
        repair: [],
        default: Log,
        example: "GET /old HTTP/1.1\n\n301 Moved Permanently\n\n",
        near_miss: "GET /old HTTP/1.1\n\n301 Moved Permanently\nlocation: /new\n\n",
    }

    /// ### What it checks
    /// A 300 (Multiple Choices) to a method other than HEAD with no content.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.1: "For request methods other than HEAD, the server SHOULD generate content
    /// in the 300 response containing a list of representation metadata and URI reference(s)
    /// from which the user or user agent can choose the one most preferred."
    MULTIPLE_CHOICES_WITHOUT_CONTENT = "multiple-choices-without-content" {
        topic: content,
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §15.4.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.1",
        summary: "300 without a list of choices",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n300 Multiple Choices\n\n",
        near_miss: "GET /doc HTTP/1.1\n\n300 Multiple Choices\ncontent-type: text/uri-list\n\n/doc.en\n/doc.fr",
    }

    /// ### What it checks
    /// A 303 (See Other) to a method other than HEAD with no content. Off by default: empty
    /// 303s are common and harmless to user agents that follow them.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.4: the representation of a 303 "ought to contain a short hypertext note
    /// with a hyperlink to the same URI reference provided in the Location header field".
    SEE_OTHER_WITHOUT_CONTENT = "see-other-without-content" {
        topic: content,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.4",
        summary: "303 without a hypertext note",
        repair: [],
        default: Allow,
        example: "POST /orders HTTP/1.1\ncontent-length: 2\n\n303 See Other\nlocation: /orders/7\n\n",
        near_miss: "POST /orders HTTP/1.1\ncontent-length: 2\n\n303 See Other\nlocation: /orders/7\ncontent-type: text/html\n\n<a href=\"/orders/7\">order 7</a>",
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
        topic: redirects,
        fields: ["location"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.2",
        summary: "Location on a status other than 201, 202 or 3xx (or a 2xx to QUERY)",
        repair: [],
        default: Log,
        example: "GET /login HTTP/1.1\n\n200 OK\nlocation: /home\ncontent-type: text/plain\n\nwelcome",
        near_miss: "POST /jobs HTTP/1.1\ncontent-length: 2\n\n202 Accepted\nlocation: /jobs/7\ncontent-type: text/plain\n\nqueued",
    }

    /// ### What it checks
    /// A `Location` value that is not a URI reference: a byte outside the URI character set
    /// (spaces, quotes, non-ASCII, …) or a `%` not followed by two hex digits.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.2: `Location = URI-reference` (RFC 3986). Clients differ in how they
    /// repair an invalid one; some refuse to follow it.
    LOCATION_INVALID = "location-invalid" {
        topic: redirects,
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
        topic: redirects,
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
        topic: redirects,
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

    /// ### What it checks
    /// A 304 (Not Modified) to a method other than GET, HEAD and QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.2: when `If-None-Match` evaluates to false the server "MUST respond with
    /// either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b)
    /// the 412 (Precondition Failed) status code for all other request methods". RFC 10008
    /// §2.6 defines conditional QUERY as for GET ("The selected representation of a QUERY
    /// request is the same as for a GET request to the equivalent resource"), and its own
    /// example (Appendix A.5) answers a conditional QUERY with 304; a 304 to QUERY is not
    /// reported.
    NOT_MODIFIED_TO_NON_GET_HEAD = "not-modified-to-non-get-head" {
        topic: conditional,
        fields: [],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §13.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2",
        summary: "304 to a method other than GET, HEAD or QUERY",
        repair: ["Changes the status to 412 Precondition Failed when the request carried `If-None-Match`, the case RFC 9110 §13.1.2 decides, drops any content (a 304's is never sent) and removes `Content-Length`, `Transfer-Encoding`, `Location` and `Retry-After`, which described the 304 (opt-in: the default is `Log`); without `If-None-Match` the violation is reported as `Log`."],
        default: Log,
        example: "PUT /items/7 HTTP/1.1\nif-none-match: *\ncontent-length: 2\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "PUT /items/7 HTTP/1.1\nif-none-match: *\ncontent-length: 2\n\n412 Precondition Failed\netag: \"v1\"\ncontent-type: text/plain\n\nexists",
    }

    /// ### What it checks
    /// A 304 to a request with neither `If-None-Match` nor `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: 304 says a conditional GET or HEAD "would have resulted in a 200 (OK)
    /// response if it were not for the fact that the condition evaluated to false". Without a
    /// condition the client has no stored response to reuse.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    NOT_MODIFIED_UNCONDITIONAL = "not-modified-unconditional" {
        topic: conditional,
        fields: [],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 to an unconditional request",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304 Not Modified\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\n\n",
    }

    /// ### What it checks
    /// A 304 without `ETag` to a request whose `If-None-Match` lists only entity tags (no `*`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: the server MUST generate the fields a 200 would have carried, `ETag`
    /// among them; a client that validated with an entity tag got one in that 200. Without it the
    /// cache cannot tell which stored response the 304 refreshes.
    NOT_MODIFIED_WITHOUT_ETAG = "not-modified-without-etag" {
        topic: conditional,
        fields: ["etag"],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 to If-None-Match without ETag",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
    }

    /// ### What it checks
    /// A 304 carrying `Content-Type`, `Content-Encoding` or `Content-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "a sender SHOULD NOT generate representation metadata other than the
    /// above listed fields unless said metadata exists for the purpose of guiding cache updates".
    /// Caches merge a 304's fields into the stored response, so a stray `Content-Type` can
    /// relabel it.
    NOT_MODIFIED_WITH_REPRESENTATION_METADATA = "not-modified-with-representation-metadata" {
        topic: conditional,
        fields: ["content-type", "content-encoding", "content-language"],
        requirement: Should,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 with Content-Type, Content-Encoding or Content-Language",
        repair: ["Removes `Content-Type`, `Content-Encoding` and `Content-Language`; keeps `ETag`, `Last-Modified`, `Content-Location` and the caching fields."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-type: text/html\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-location: /items/7.html\nvary: accept\n\n",
    }

    /// ### What it checks
    /// A 2xx to GET, HEAD or QUERY although its `ETag` matches the request's `If-None-Match` (weak
    /// comparison, every field line of the list), or `If-None-Match: *` was sent. An
    /// `If-None-Match` too long for the layer to keep is never judged.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.2: when `If-None-Match` evaluates to false "the origin server MUST NOT
    /// perform the requested method; instead, the origin server MUST respond with either a) the
    /// 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412
    /// (Precondition Failed) status code for all other request methods". Sending the whole body
    /// again wastes the revalidation the client asked for. RFC 10008 §2.6 defines a conditional
    /// QUERY as for GET (its 304 is `not-modified-to-non-get-head`'s exception), so a QUERY is
    /// judged and repaired like a GET.
    IF_NONE_MATCH_IGNORED = "if-none-match-ignored" {
        topic: conditional,
        fields: ["etag"],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §13.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2",
        summary: "2xx although If-None-Match matches",
        repair: ["Changes the response into a 304: status 304, body removed, `Content-Type`, `Content-Encoding`, `Content-Language`, `Content-Range` and `Transfer-Encoding` removed, the other fields (including `Content-Length`) kept (opt-in: the default is `Log`)."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: W/\"v1\"\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nitem 7",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v0\"\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nitem 7",
    }

    /// ### What it checks
    /// A 200 to GET, HEAD or QUERY (RFC 10008 §2.6) without `If-None-Match` (of any length),
    /// whose `Last-Modified` is not later than the request's `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.3: if the selected representation's last modification date is earlier or
    /// equal to the date provided, the condition is false, and §13.2.2 then calls for a 304. The
    /// full body is sent again for nothing.
    IF_MODIFIED_SINCE_IGNORED = "if-modified-since-ignored" {
        topic: conditional,
        fields: ["last-modified"],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Should,
        spec: "RFC 9110 §13.1.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.3",
        summary: "200 although If-Modified-Since is not older",
        repair: ["Changes the response into a 304, as the repair of `if-none-match-ignored` does (opt-in: the default is `Log`)."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nitem 7",
        near_miss: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200 OK\nlast-modified: Mon, 07 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nitem 7",
    }

    /// ### What it checks
    /// A 304 or 412 to a method other than GET, HEAD and QUERY whose only precondition was
    /// `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.3: "A recipient MUST ignore the If-Modified-Since header field if … the
    /// request method is neither GET nor HEAD." A status that can only come from evaluating it
    /// shows it was not ignored. QUERY is exempt: RFC 10008 §2.6 defines its conditional
    /// requests as GET's, and its example (Appendix A.5) answers `If-Modified-Since` on a QUERY
    /// with 304.
    IF_MODIFIED_SINCE_ON_NON_GET_HEAD = "if-modified-since-on-non-get-head" {
        topic: conditional,
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Must,
        spec: "RFC 9110 §13.1.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.3",
        summary: "304/412 from If-Modified-Since on a method other than GET, HEAD or QUERY",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "POST /items HTTP/1.1\nif-unmodified-since: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
    }

    /// ### What it checks
    /// A 304 or 412 to CONNECT, OPTIONS or TRACE.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.2.1: "a server MUST ignore the conditional request header fields defined by
    /// this specification when received with a request method that does not involve the
    /// selection or modification of a selected representation, such as CONNECT, OPTIONS, or
    /// TRACE."
    PRECONDITION_ON_CONNECT_OPTIONS_TRACE = "precondition-on-connect-options-trace" {
        topic: conditional,
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Must,
        spec: "RFC 9110 §13.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.2.1",
        summary: "304/412 to CONNECT, OPTIONS or TRACE",
        repair: [],
        default: Log,
        example: "OPTIONS /items HTTP/1.1\nif-match: \"v1\"\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "OPTIONS /items HTTP/1.1\nif-match: \"v1\"\n\n204 No Content\nallow: GET, HEAD, OPTIONS\n\n",
    }

    /// ### What it checks
    /// A 412 (Precondition Failed) to a request without any precondition field (`If-Match`,
    /// `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`, `If-Range`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.13: 412 means "one or more conditions given in the request header fields
    /// evaluated to false"; with none given, the client cannot tell what to change.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    PRECONDITION_FAILED_UNCONDITIONAL = "precondition-failed-unconditional" {
        topic: conditional,
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.13",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        summary: "412 to an unconditional request",
        repair: [],
        default: Log,
        example: "PUT /items/7 HTTP/1.1\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "PUT /items/7 HTTP/1.1\nif-match: \"v1\"\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
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
        topic: methods,
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 without an Allow header",
        repair: ["Adds the `Allow` value returned by the callback given to `StatusConformanceLayer::allow_methods`, less the request method if it lists it (the response refuses that method). Without a callback, or when it returns `None`, the violation is logged and reported as `Log`."],
        default: Repair,
        example: "POST /items HTTP/1.1\n\n405 Method Not Allowed\n\n",
        near_miss: "POST /items HTTP/1.1\n\n405 Method Not Allowed\nallow: \n\n",
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
        topic: methods,
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
    /// A 401 (Unauthorized) without a `WWW-Authenticate` header holding a challenge.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.2: "The server generating a 401 response MUST send a WWW-Authenticate
    /// header field (Section 11.6.1) containing at least one challenge applicable to the target
    /// resource." Without it the client does not know how to authenticate.
    UNAUTHORIZED_WITHOUT_CHALLENGE = "unauthorized-without-challenge" {
        topic: auth,
        fields: ["www-authenticate"],
        requirement: Must,
        spec: "RFC 9110 §15.5.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        summary: "401 without WWW-Authenticate",
        repair: ["Adds the `WWW-Authenticate` value returned by the callback given to `StatusConformanceLayer::challenge`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET /account HTTP/1.1\n\n401 Unauthorized\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET /account HTTP/1.1\n\n401 Unauthorized\nwww-authenticate: Bearer realm=\"api\"\ncontent-type: text/plain\n\nlog in",
    }

    /// ### What it checks
    /// A 407 (Proxy Authentication Required) without a `Proxy-Authenticate` header holding a
    /// challenge.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.8: "The proxy MUST send a Proxy-Authenticate header field (Section 11.7.1)
    /// containing a challenge applicable to that proxy for the request."
    PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE = "proxy-auth-required-without-challenge" {
        topic: auth,
        fields: ["proxy-authenticate"],
        requirement: Must,
        spec: "RFC 9110 §15.5.8",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.8",
        summary: "407 without Proxy-Authenticate",
        repair: ["Adds the `Proxy-Authenticate` value returned by the callback given to `StatusConformanceLayer::proxy_challenge`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET http://example.com/ HTTP/1.1\n\n407 Proxy Authentication Required\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET http://example.com/ HTTP/1.1\n\n407 Proxy Authentication Required\nproxy-authenticate: Basic realm=\"proxy\"\ncontent-type: text/plain\n\nlog in",
    }

    /// ### What it checks
    /// A `Proxy-Authenticate` header on a status other than 407.
    ///
    /// ### Why it matters
    /// RFC 9110 §11.7.1 defines `Proxy-Authenticate` as the challenge of a 407; elsewhere it has
    /// no defined meaning, and an origin sending it usually confused it with `WWW-Authenticate`.
    /// Advice.
    PROXY_AUTHENTICATE_OUTSIDE_407 = "proxy-authenticate-outside-407" {
        topic: auth,
        fields: ["proxy-authenticate"],
        requirement: Advisory,
        spec: "RFC 9110 §11.7.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-11.7.1",
        summary: "Proxy-Authenticate on a status other than 407",
        repair: [],
        default: Log,
        example: "GET /account HTTP/1.1\n\n401 Unauthorized\nproxy-authenticate: Basic realm=\"api\"\nwww-authenticate: Basic realm=\"api\"\ncontent-type: text/plain\n\nlog in",
        near_miss: "GET /account HTTP/1.1\n\n401 Unauthorized\nwww-authenticate: Basic realm=\"api\"\ncontent-type: text/plain\n\nlog in",
    }

    /// ### What it checks
    /// A 501 (Not Implemented) to GET or HEAD.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "All general-purpose servers MUST support the methods GET and HEAD." 501
    /// means the server does not recognize the method at all (§15.6.2); a resource that does not
    /// allow GET answers 405.
    NOT_IMPLEMENTED_FOR_GET_OR_HEAD = "not-implemented-for-get-or-head" {
        topic: methods,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "501 to GET or HEAD",
        repair: [],
        default: Log,
        example: "GET /export HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nnot yet",
        near_miss: "BREW /pot HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nunknown method",
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
    /// answers 501 to OPTIONS, TRACE, POST, PUT and DELETE, as the sentence says it should.
    NOT_IMPLEMENTED_FOR_STANDARD_METHOD = "not-implemented-for-standard-method" {
        topic: methods,
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
    /// A 417 (Expectation Failed) to a request without `Expect`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.18: 417 means "the expectation given in the request's Expect header field
    /// (Section 10.1.1) could not be met"; with no `Expect` the client cannot comply.
    /// No requirement keyword applies (§10.1.1 lets a server answer an unmet expectation with 417;
    /// nothing forbids it elsewhere): the status contradicts its definition. Advice.
    EXPECTATION_FAILED_WITHOUT_EXPECT = "expectation-failed-without-expect" {
        topic: request,
        fields: [],
        reads: [EXPECT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.18",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.18",
        summary: "417 to a request without Expect",
        repair: [],
        default: Log,
        example: "POST /upload HTTP/1.1\ncontent-length: 5\n\n417 Expectation Failed\ncontent-type: text/plain\n\nno",
        near_miss: "POST /upload HTTP/1.1\nexpect: 100-continue\ncontent-length: 5\n\n417 Expectation Failed\ncontent-type: text/plain\n\nno",
    }

    /// ### What it checks
    /// A 406 (Not Acceptable) to a request without `Accept`, `Accept-Charset`, `Accept-Encoding`
    /// or `Accept-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.7: 406 means no representation is acceptable "according to the proactive
    /// negotiation header fields received in the request"; without any, every representation
    /// is acceptable.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    NOT_ACCEPTABLE_WITHOUT_NEGOTIATION = "not-acceptable-without-negotiation" {
        topic: request,
        fields: [],
        reads: [NEGOTIATION],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
        summary: "406 to a request without Accept fields",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n406 Not Acceptable\ncontent-type: text/plain\n\njson only",
        near_miss: "GET /report HTTP/1.1\naccept: image/png\n\n406 Not Acceptable\ncontent-type: text/plain\n\njson only",
    }

    /// ### What it checks
    /// A 411 (Length Required) to a request that carried a valid `Content-Length` (`1*DIGIT`,
    /// repeated values all equal) and no `Transfer-Encoding`. An invalid length, or one that
    /// `Transfer-Encoding` overrides (RFC 9112 §6.1), is no defined length, and 411 is right.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.12: 411 means "the server refuses to accept the request without a defined
    /// Content-Length"; the request had one.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    LENGTH_REQUIRED_WITH_CONTENT_LENGTH = "length-required-with-content-length" {
        topic: request,
        fields: [],
        reads: [CONTENT_LENGTH, TRANSFER_ENCODING],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.12",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.12",
        summary: "411 to a request with Content-Length",
        repair: [],
        default: Log,
        example: "POST /upload HTTP/1.1\ncontent-length: 5\n\n411 Length Required\ncontent-type: text/plain\n\nlength?",
        near_miss: "POST /upload HTTP/1.1\ntransfer-encoding: chunked\n\n411 Length Required\ncontent-type: text/plain\n\nlength?",
    }

    /// ### What it checks
    /// A 413 (Content Too Large) to a request known to have no content: `Content-Length: 0`, or
    /// no framing field and a request body that says it is empty. An HTTP/2 request may send
    /// DATA frames without `Content-Length` (RFC 9113 §8.1): its body decides, and one of
    /// unknown size is never judged.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.14: 413 means "the request content is larger than the server is willing or
    /// able to process"; a request without content cannot be. (Oversized headers are 431.)
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    CONTENT_TOO_LARGE_WITHOUT_CONTENT = "content-too-large-without-content" {
        topic: request,
        fields: [],
        reads: [CONTENT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.14",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        summary: "413 to a request without content",
        repair: [],
        default: Log,
        example: "GET /search?q=x HTTP/1.1\n\n413 Content Too Large\ncontent-type: text/plain\n\ntoo large",
        near_miss: "POST /upload HTTP/1.1\ncontent-length: 99999999\n\n413 Content Too Large\ncontent-type: text/plain\n\ntoo large",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to PATCH without `Accept-Patch`.
    ///
    /// ### Why it matters
    /// RFC 5789 §2.2: a 415 for an unsupported patch document "SHOULD include an Accept-Patch
    /// response header as described in Section 3.1 to notify the client what patch document
    /// media types are supported."
    UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH = "unsupported-media-type-patch-without-accept-patch" {
        topic: methods,
        fields: ["accept-patch"],
        requirement: Should,
        spec: "RFC 5789 §2.2",
        url: "https://www.rfc-editor.org/rfc/rfc5789#section-2.2",
        summary: "415 to PATCH without Accept-Patch",
        repair: ["Adds the `Accept-Patch` value returned by the callback given to `StatusConformanceLayer::accept_patch`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Log,
        example: "PATCH /items/7 HTTP/1.1\ncontent-type: text/plain\ncontent-length: 2\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nbad patch",
        near_miss: "PATCH /items/7 HTTP/1.1\ncontent-type: text/plain\ncontent-length: 2\n\n415 Unsupported Media Type\naccept-patch: application/merge-patch+json\ncontent-type: text/plain\n\nbad patch",
    }

    /// ### What it checks
    /// A 421 (Misdirected Request) with `Alt-Svc`.
    ///
    /// ### Why it matters
    /// RFC 7838 §6: "An Alt-Svc header field in a 421 (Misdirected Request) response MUST be
    /// ignored." Sending it achieves nothing and suggests the alternative the client must drop.
    MISDIRECTED_WITH_ALT_SVC = "misdirected-with-alt-svc" {
        topic: response_fields,
        fields: ["alt-svc"],
        requirement: Advisory,
        spec: "RFC 7838 §6",
        url: "https://www.rfc-editor.org/rfc/rfc7838#section-6",
        summary: "421 with Alt-Svc",
        repair: ["Removes `Alt-Svc`."],
        default: Log,
        example: "GET /page HTTP/2\n\n421 Misdirected Request\nalt-svc: h2=\"other.example:443\"\ncontent-type: text/plain\n\nwrong server",
        near_miss: "GET /page HTTP/2\n\n421 Misdirected Request\ncontent-type: text/plain\n\nwrong server",
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
        topic: response_fields,
        fields: ["link"],
        requirement: Should,
        spec: "RFC 7725 §4",
        url: "https://www.rfc-editor.org/rfc/rfc7725#section-4",
        summary: "451 without Link rel=blocked-by",
        repair: [],
        default: Log,
        example: "GET /book HTTP/1.1\n\n451 Unavailable For Legal Reasons\ncontent-type: text/plain\n\nblocked",
        near_miss: "GET /book HTTP/1.1\n\n451 Unavailable For Legal Reasons\nlink: <https://isp.example/legal>; rel=\"blocked-by\"\ncontent-type: text/plain\n\nblocked",
    }

    /// ### What it checks
    /// A 505 (HTTP Version Not Supported) sent in the very version the request used.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.6.6: 505 says the server does not support, or refuses to support, the
    /// request's major version; answering in that version shows it can. Advice.
    VERSION_NOT_SUPPORTED_IN_SAME_VERSION = "version-not-supported-in-same-version" {
        topic: request,
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.6.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.6",
        summary: "505 in the request's own version",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\n\n505 HTTP Version Not Supported\ncontent-type: text/plain\n\nuse HTTP/2",
        near_miss: "GET /page HTTP/1.1\n\n500 Internal Server Error\ncontent-type: text/plain\n\nbroken",
    }

    /// ### What it checks
    /// A 4xx or 5xx response with no content, to a method other than HEAD. Off by default: axum
    /// and hyper send empty 404, 405 and 500 responses of their own.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5 and §15.6: "the server SHOULD send a representation containing an
    /// explanation of the error situation"; RFC 6585 says the same of 428, 429, 431 and 511.
    ERROR_WITHOUT_EXPLANATION = "error-without-explanation" {
        topic: content,
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §15.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5",
        summary: "4xx/5xx without an explanation",
        repair: [],
        default: Allow,
        example: "GET /missing HTTP/1.1\n\n404 Not Found\n\n",
        near_miss: "HEAD /missing HTTP/1.1\n\n404 Not Found\n\n",
    }

    /// ### What it checks
    /// A 428, 429, 431 or 511 response that permits storage: `Cache-Control` with `max-age`,
    /// `s-maxage`, `public`, `private`, `immutable`, `stale-while-revalidate` or
    /// `stale-if-error`, or an `Expires` header, and no `no-store` directive; or a valid,
    /// non-empty `CDN-Cache-Control` with one of those directives and no `no-store`, which a CDN
    /// obeys instead of both (RFC 9213 §2.2: it "MUST ignore the Cache-Control and Expires
    /// header fields in that response"): `Cache-Control: no-store` beside `CDN-Cache-Control:
    /// max-age=60` is still stored by the CDN.
    ///
    /// ### Why it matters
    /// RFC 6585 (§3, §4, §5, §6) says of each of these statuses: "Responses with the … status code
    /// MUST NOT be stored by a cache." The MUST binds caches, not the origin, so breaking it is
    /// not the origin's violation: the level is advice. Yet a cache that does not know the code
    /// may store it all the same when explicit freshness allows (RFC 9111 §3 lets a cache store
    /// a response "containing … a max-age response directive" whatever its final status), so
    /// an origin that marks the response storable invites shared caches to serve one client's
    /// rate-limit or login page to others (a CDN served a cached 429 for minutes in
    /// CVEProject/cve-website#1374).
    NEVER_STORE_STATUS_MARKED_CACHEABLE = "never-store-status-marked-cacheable" {
        topic: caching,
        fields: ["cache-control", "expires", "cdn-cache-control"],
        requirement: Advisory,
        spec: "RFC 6585 §3–§6",
        url: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        summary: "428/429/431/511 marked storable",
        repair: ["Removes `Expires` and the storage-permitting `Cache-Control` directives listed above, keeps the other directives, and adds `no-store`; does the same to `CDN-Cache-Control` when it is there, so that a CDN that obeys it does not store the response either."],
        default: Repair,
        example: "GET /search HTTP/1.1\n\n429 Too Many Requests\ncache-control: public, max-age=3600\nretry-after: 3600\n\nslow down",
        near_miss: "GET /search HTTP/1.1\n\n429 Too Many Requests\ncache-control: no-store, max-age=0\nretry-after: 30\ncontent-type: text/plain\n\nslow down",
    }

    /// ### What it checks
    /// A 421 (Misdirected Request) with explicit freshness: `Cache-Control` `max-age`,
    /// `s-maxage` or `public`, or `Expires`, and no `no-store` — or the same in a valid
    /// `CDN-Cache-Control`, which a CDN obeys instead (RFC 9213 §2.2).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.20 and Appendix B.3: a 421 is specific to the connection it came on and
    /// is no longer heuristically cacheable; marking it fresh lets a cache replay it to
    /// requests that would succeed. Advice.
    MISDIRECTED_MARKED_CACHEABLE = "misdirected-marked-cacheable" {
        topic: caching,
        fields: ["cache-control", "expires", "cdn-cache-control"],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.20",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20",
        summary: "421 marked cacheable",
        repair: ["As for `never-store-status-marked-cacheable`: removes the storage-permitting directives and `Expires`, adds `no-store`, in `CDN-Cache-Control` too."],
        default: Log,
        example: "GET /page HTTP/2\n\n421 Misdirected Request\ncache-control: max-age=600\ncontent-type: text/plain\n\nwrong server",
        near_miss: "GET /page HTTP/2\n\n421 Misdirected Request\ncache-control: no-store\ncontent-type: text/plain\n\nwrong server",
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
        topic: response_fields,
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
    /// `Retry-After` on a status other than 3xx, 413, 429 and 503.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.3 gives `Retry-After` a meaning for 503 and 3xx; RFC 9110 §15.5.14 adds 413
    /// and RFC 6585 §4 adds 429. Elsewhere clients ignore it. Advice.
    RETRY_AFTER_OUTSIDE_DEFINED_STATUS = "retry-after-outside-defined-status" {
        topic: response_fields,
        fields: ["retry-after"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.3",
        summary: "Retry-After on a status that does not use it",
        repair: [],
        default: Log,
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
        topic: response_fields,
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
        topic: methods,
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
    /// A 416 to a request whose `Range` names a unit other than `bytes`, when the response
    /// shows the server does not understand that unit: its `Content-Range` uses another unit,
    /// or its `Accept-Ranges` does not list it.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range
    /// unit it does not understand." Ignoring it means answering as if there were no `Range`
    /// (usually 200 with the whole representation), not rejecting the request.
    RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT = "range-not-satisfiable-unknown-unit" {
        topic: ranges,
        fields: ["content-range", "accept-ranges"],
        reads: [RANGE],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "416 to a Range in a unit the server ignores",
        repair: [],
        default: Log,
        example: "GET /items HTTP/1.1\nrange: items=0-9\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nunsupported",
        near_miss: "GET /items HTTP/1.1\nrange: items=0-9\n\n200 OK\naccept-ranges: bytes\ncontent-type: text/plain\n\nall items",
    }

    /// ### What it checks
    /// A 416 whose own `Content-Range: bytes */length` shows that the requested byte range
    /// set was satisfiable: one range, or up to four in ascending order without overlap, of
    /// which at least one starts inside `length` (or is a non-empty suffix). Larger, unordered
    /// or overlapping sets are not judged: RFC 9110 §14.2 and §15.5.17 let a server reject
    /// them.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.17: 416 means "none of the requested ranges are satisfiable" or "an
    /// excessive number of small or overlapping ranges"; §14.2: for a valid, satisfiable range
    /// set "the server SHOULD send a 206 (Partial Content) response". A server that cannot
    /// serve several ranges may ignore `Range` and send 200; rejecting it leaves the client
    /// with nothing.
    /// The sentence is a SHOULD, and it is addressed to the server.
    RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE = "range-not-satisfiable-for-satisfiable-range" {
        topic: ranges,
        fields: ["content-range"],
        reads: [RANGE],
        requirement: Should,
        spec: "RFC 9110 §15.5.17",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.17",
        summary: "416 to a satisfiable byte range",
        repair: [],
        default: Log,
        example: "GET /video HTTP/1.1\nrange: bytes=0-9, 20-29\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nno multipart",
        near_miss: "GET /video HTTP/1.1\nrange: bytes=100-199\n\n416 Range Not Satisfiable\ncontent-range: bytes */100\ncontent-type: text/plain\n\nout of range",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to a request known to have no content (see
    /// `content-too-large-without-content` for how that is known) and no `Content-Type` or
    /// `Content-Encoding`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.16: 415 means "the content is in a format not supported", a problem
    /// "due to the request's indicated Content-Type or Content-Encoding, or as a result of
    /// inspecting the data directly". A request with none of the three has no format to
    /// refuse; the client needs to learn that content is missing (400 says so). Advice.
    UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT = "unsupported-media-type-without-content" {
        topic: request,
        fields: [],
        reads: [CONTENT, CONTENT_TYPE, CONTENT_ENCODING],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.16",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        summary: "415 to a request without content, type or coding",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\ncontent-length: 0\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nexpected JSON",
        near_miss: "POST /items HTTP/1.1\ncontent-type: text/xml\ncontent-length: 4\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nexpected JSON",
    }

    /// ### What it checks
    /// A 428 (Precondition Required) to a request whose `If-Match` names an entity tag.
    ///
    /// ### Why it matters
    /// RFC 6585 §3: 428 "indicates that the origin server requires the request to be
    /// conditional", typically to prevent lost updates; a request with `If-Match: "tag"` is
    /// conditional in exactly that way. (`If-Match: *` and the date conditions are not judged:
    /// a server may insist on an entity tag.) Advice.
    PRECONDITION_REQUIRED_ALREADY_CONDITIONAL = "precondition-required-already-conditional" {
        topic: conditional,
        fields: [],
        reads: [IF_MATCH],
        requirement: Advisory,
        spec: "RFC 6585 §3",
        url: "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        summary: "428 to a request that carried If-Match",
        repair: [],
        default: Log,
        example: "PUT /doc HTTP/1.1\nif-match: \"v3\"\ncontent-length: 2\n\n428 Precondition Required\ncontent-type: text/plain\n\nsend If-Match",
        near_miss: "PUT /doc HTTP/1.1\ncontent-length: 2\n\n428 Precondition Required\ncontent-type: text/plain\n\nsend If-Match",
    }

    /// ### What it checks
    /// A 101 that switches to `websocket`, answering a request that offered it, without a
    /// `Sec-WebSocket-Accept` derived from the request's `Sec-WebSocket-Key` (base64 of the
    /// SHA-1 of the key and the RFC's GUID), with several, or to a request without a key. A key
    /// too long for the layer to keep is not judged.
    ///
    /// ### Why it matters
    /// RFC 6455 §4.2.2, on the server: "If the server chooses to accept the incoming
    /// connection, it MUST reply with a valid HTTP response indicating the following", among
    /// them "A |Sec-WebSocket-Accept| header field" computed from the key. The client's side
    /// (§4.1): if it is missing or differs "the client MUST _Fail the WebSocket Connection_".
    /// Without a key (RFC 6455 §4.2.1) the request is no handshake a server may accept.
    WEBSOCKET_ACCEPT_INVALID = "websocket-accept-invalid" {
        topic: interim,
        fields: ["sec-websocket-accept"],
        reads: [UPGRADE, SEC_WEBSOCKET],
        requirement: Must,
        spec: "RFC 6455 §4.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2",
        summary: "WebSocket 101 without the Sec-WebSocket-Accept of the key",
        repair: [],
        default: Log,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nsec-websocket-version: 13\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: dGhlIHNhbXBsZSBub25jZQ==\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nsec-websocket-version: 13\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 101 that switches to `websocket` (answering a request that offered it) and names, in
    /// `Sec-WebSocket-Protocol` or `Sec-WebSocket-Extensions`, a subprotocol or extension the
    /// request did not offer (names compared case-insensitively, every field line read).
    ///
    /// ### Why it matters
    /// RFC 6455 §4.2.2, on the server: the subprotocol "MUST be derived from the client's
    /// handshake, specifically by selecting one of the values from the |Sec-WebSocket-Protocol|
    /// field", and "Extensions not listed by the client MUST NOT be listed". The client's side
    /// (§4.1): for "a subprotocol that was not present in the client's handshake" or "an
    /// extension not requested by the client", the client "MUST _Fail the WebSocket
    /// Connection_".
    WEBSOCKET_NOT_OFFERED = "websocket-not-offered" {
        topic: interim,
        fields: ["sec-websocket-protocol", "sec-websocket-extensions"],
        reads: [UPGRADE, SEC_WEBSOCKET],
        requirement: Must,
        spec: "RFC 6455 §4.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc6455#section-4.2.2",
        summary: "WebSocket 101 choosing a subprotocol or extension not offered",
        repair: [],
        default: Log,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nsec-websocket-protocol: chat\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nsec-websocket-protocol: superchat\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nsec-websocket-protocol: chat\nsec-websocket-protocol: superchat\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nsec-websocket-protocol: superchat\n\n",
    }

    /// ### What it checks
    /// `Connection: close` on a 101, or on a 2xx to CONNECT: responses after which the
    /// connection is handed to another protocol or becomes a tunnel.
    ///
    /// ### Why it matters
    /// RFC 9112 §9.6: "A server that sends a "close" connection option MUST initiate closure of
    /// the connection … after it sends the response containing "close"." Closing right after
    /// the 101 (RFC 9110 §7.8) or the CONNECT success (§9.3.6) ends the exchange the response
    /// just announced; the two cannot both be honoured.
    CONNECTION_CLOSE_ON_HANDOFF = "connection-close-on-handoff" {
        topic: interim,
        fields: ["connection"],
        requirement: Must,
        spec: "RFC 9112 §9.6",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-9.6",
        summary: "Connection: close on a 101 or a 2xx to CONNECT",
        repair: ["Removes the `close` option from `Connection` (the other options stay)."],
        default: Repair,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade, close\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 2xx or 3xx to an HTTP/1.1 request with more than one `Host` field line.
    ///
    /// ### Why it matters
    /// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
    /// HTTP/1.1 request message that lacks a Host header field and to any request message that
    /// contains more than one Host header field line". Which host was meant is ambiguous, and
    /// proxies and origins may disagree (a request smuggling vector). hyper 1.x forwards such
    /// requests to the service.
    DUPLICATE_HOST_NOT_REJECTED = "duplicate-host-not-rejected" {
        topic: request,
        fields: [],
        reads: [HOST],
        requirement: Must,
        spec: "RFC 9112 §3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-3.2",
        summary: "success or redirect to an HTTP/1.1 request with two Host lines",
        repair: [],
        default: Log,
        example: "GET /page HTTP/1.1\nhost: a.example\nhost: b.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /page HTTP/1.1\nhost: a.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    /// ### What it checks
    /// A 2xx or 3xx to an HTTP/1.1 request without `Host`. Off by default: requests built in
    /// process (`Request::get("/")` in a test) carry no `Host`, while every HTTP/1.1 client
    /// sends one; turn it on where requests come from the network.
    ///
    /// ### Why it matters
    /// RFC 9112 §3.2: "A server MUST respond with a 400 (Bad Request) status code to any
    /// HTTP/1.1 request message that lacks a Host header field". Without it the target of an
    /// origin-form request is incomplete. hyper 1.x forwards such requests to the service.
    MISSING_HOST_NOT_REJECTED = "missing-host-not-rejected" {
        topic: request,
        fields: [],
        reads: [HOST],
        requirement: Must,
        spec: "RFC 9112 §3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-3.2",
        summary: "success or redirect to an HTTP/1.1 request without Host",
        repair: [],
        default: Allow,
        example: "GET /page HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /page HTTP/1.1\nhost: a.example\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    // Sweep rules. A sweep (`crate::sweep`) compares exchanges about one resource; the layer,
    // which sees one exchange at a time, never reports these. `topic: sweep` marks them.

    /// ### What it checks
    /// In a [sweep](crate::sweep), a HEAD answered with another status than the GET to the same
    /// target, or with other header fields: a field the GET response had is missing, or one it
    /// did not have is added, or `Content-Type`, `Content-Language`, `Location` or `Allow`
    /// differs. Fields whose value is determined only while generating the content
    /// (`Content-Length`, `Transfer-Encoding`, `ETag`, digests, `Trailer`) and the fields of
    /// the connection (`Date`, `Connection`, `Keep-Alive`) are not compared.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT
    /// send content in the response. … The server SHOULD send the same header fields in
    /// response to a HEAD request as it would have sent if the request method had been GET.
    /// However, a server MAY omit header fields for which a value is determined only while
    /// generating the content." Clients and caches use HEAD to learn what a GET would return;
    /// a HEAD that answers differently misleads them (axum issues 730, 747 and 3741).
    HEAD_DIFFERS_FROM_GET = "head-differs-from-get" {
        topic: sweep,
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §9.3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2",
        summary: "HEAD answered with another status or other fields than GET",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\na,b\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\n\n",
        near_miss: "GET /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\na,b\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a `Content-Length` on the response to HEAD that differs from
    /// the number of content octets the GET to the same target returned, with the same status
    /// and the same representation: the same validators, or none and content of the same length
    /// in every GET of the sweep (content generated anew for the HEAD may rightly differ).
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "a server MUST NOT send Content-Length in such a response unless its field
    /// value equals the decimal number of octets that would have been sent in the content of a
    /// response if the same request had used the GET method." Clients size downloads and
    /// progress bars from it.
    HEAD_CONTENT_LENGTH_DIFFERS_FROM_GET = "head-content-length-differs-from-get" {
        topic: sweep,
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "Content-Length on HEAD is not the length of the GET content",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\ncontent-length: 0\n\n",
        near_miss: "GET /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\ncontent-length: 5\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 405 whose `Allow` lists a method that itself got 405 at
    /// the same target (a 405 that lists its own request method is
    /// `method-not-allowed-lists-method`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405
    /// response containing a list of the target resource's currently supported methods." A
    /// method that is refused is not supported; a client that retries with it fails again.
    ALLOW_LISTS_METHOD_ANSWERED_405 = "allow-lists-method-answered-405" {
        topic: sweep,
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 Allow lists a method that gets 405",
        repair: [],
        default: Log,
        example: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
        near_miss: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 405 whose `Allow` leaves out a method the same target
    /// answered with a 2xx or a 412 (the method reached the resource), or a method the sweep
    /// was told the target supports ([`Target::methods`](crate::sweep::Target::methods)) and
    /// that, sent, did not get 405.
    ///
    /// Not evidence: a redirect (a server may redirect every method, `/dir` to `/dir/`, before
    /// routing any), and a 2xx that carries the GET's representation unchanged to another
    /// method (a static handler that answers every method as GET performed nothing; that is
    /// `method-answered-as-get`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6: the 405's `Allow` must contain "the target resource's currently
    /// supported methods". A client reading it concludes that the method it left out cannot be
    /// used.
    ALLOW_OMITS_SUPPORTED_METHOD = "allow-omits-supported-method" {
        topic: sweep,
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 Allow leaves out a method the resource supports",
        repair: [],
        default: Log,
        example: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
        near_miss: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a successful OPTIONS whose `Allow` lists another set of
    /// methods than a 405 to the same target.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.1: `Allow` "lists the set of methods advertised as supported by the
    /// target resource"; both responses describe the same resource, and at most one of them
    /// can be right. No requirement keyword: advice.
    OPTIONS_ALLOW_DIFFERS_FROM_405 = "options-allow-differs-from-405" {
        topic: sweep,
        fields: ["allow"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1",
        summary: "OPTIONS and 405 list different Allow sets",
        repair: [],
        default: Log,
        example: "OPTIONS /items HTTP/1.1\n\n204 No Content\nallow: GET, HEAD, POST, OPTIONS\n\n\n~~~\nPUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, OPTIONS\n\n",
        near_miss: "OPTIONS /items HTTP/1.1\n\n204 No Content\nallow: GET, HEAD, POST, OPTIONS\n\n\n~~~\nPUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: OPTIONS, POST, HEAD, GET\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 304 to a replayed validator (`If-None-Match` with the
    /// `ETag`, or `If-Modified-Since` with the `Last-Modified` of the 200 to the same GET) that
    /// lacks one of `Cache-Control`, `Content-Location`, `ETag`, `Expires` and `Vary` the 200
    /// carried — and `Date`, also on the RFC's list, when the sweep judges responses as received
    /// ([`Wire::Received`](crate::Wire::Received), as the command-line sweep does): under
    /// [`Wire::Hyper`](crate::Wire::Hyper) hyper adds `Date` to every response it encodes, after
    /// every tower layer.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "The server generating a 304 response MUST generate any of the
    /// following header fields that would have been sent in a 200 (OK) response to the same
    /// request: Content-Location, Date, ETag, and Vary; Cache-Control and Expires". A cache
    /// updates its stored response from the 304; a field left out keeps a stale value (an old
    /// freshness lifetime) or loses the one that said how to select the response.
    NOT_MODIFIED_DROPS_FIELDS = "not-modified-drops-fields" {
        topic: sweep,
        fields: ["cache-control", "content-location", "date", "etag", "expires", "vary"],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 leaves out a field the 200 carries",
        repair: [],
        default: Log,
        example: "GET /logo HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: image/png\n\n...\n~~~\nGET /logo HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "GET /logo HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: image/png\n\n...\n~~~\nGET /logo HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncache-control: max-age=600\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 304 to a replayed validator with a `Content-Length` that
    /// differs from the number of content octets of the 200 to the same GET. Judged over
    /// HTTP/2 only: hyper's HTTP/1 encoder drops `Content-Length` from an empty 304, while over
    /// HTTP/2 it reaches the client — axum 0.8 sets `content-length: 0` on every empty
    /// response, so every axum 304 over HTTP/2 (with hyper 1.x) breaks this rule unless the
    /// 200 was empty too.
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "a server MUST NOT send Content-Length in such a response unless its field
    /// value equals the decimal number of octets that would have been sent in the content of a
    /// 200 (OK) response to the same request." A cache that updates its stored response from
    /// the 304 takes the wrong length with it.
    NOT_MODIFIED_CONTENT_LENGTH_DIFFERS = "not-modified-content-length-differs" {
        topic: sweep,
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "304 Content-Length is not the length of the 200 content",
        repair: [],
        default: Log,
        example: "GET /logo HTTP/2\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /logo HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 0\n\n",
        near_miss: "GET /logo HTTP/2\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /logo HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep) that sends unsafe methods ([`Sweep::unsafe_methods`], or a
    /// target's declared methods), a 2xx to POST, PUT, PATCH or DELETE sent with an `If-Match`
    /// that lists only an entity tag the target never had, on a target whose GET returned a
    /// 200 — with an `ETag`, or without one to a PUT, PATCH or DELETE. (A POST to a target
    /// without entity tags is not judged: it may create a resource rather than change the
    /// target's, and RFC 9110 §13.2.1 has a server ignore preconditions with a method "that
    /// does not involve the selection or modification of a selected representation".)
    ///
    /// [`Sweep::unsafe_methods`]: crate::sweep::Sweep::unsafe_methods
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.1: "An origin server that evaluates an If-Match condition MUST NOT
    /// perform the requested method if the condition evaluates to false." `If-Match` is how
    /// clients prevent lost updates; a server that ignores it overwrites another client's
    /// change. The condition "is true if any of the listed tags match the entity tag of the
    /// selected representation": a resource that sends no entity tag has none to match, so the
    /// condition is false all the same. What the server answers instead is its choice: it
    /// "MAY indicate that the conditional request failed by responding with a 412
    /// (Precondition Failed)" (an earlier text, RFC 7232 §3.1, made the 412 or the 2xx a MUST;
    /// RFC 9110 does not), or, "if the request is a state-changing operation that appears to
    /// have already been applied to the selected representation", a 2xx — which the sweep's
    /// content, sent without a type and under a tag the resource never had, cannot be.
    ///
    /// A 2xx is taken as the method performed, except one that carries the GET's
    /// representation unchanged (a handler that answers every method as a GET performed
    /// nothing: that is `method-answered-as-get`).
    IF_MATCH_FAILED_BUT_PERFORMED = "if-match-failed-but-performed" {
        topic: sweep,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §13.1.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1",
        summary: "2xx to an unsafe method whose If-Match does not match",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v2\"\ncontent-type: text/plain\n\ntext\n~~~\nPUT /doc HTTP/1.1\nif-match: \"v1\"\n\n204 No Content\n\n",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v2\"\ncontent-type: text/plain\n\ntext\n~~~\nPUT /doc HTTP/1.1\nif-match: \"v1\"\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged meanwhile",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 206 whose `Content-Range` complete length, or a 416 whose
    /// `Content-Range: bytes */<length>`, is not the length of the content of the 200 to the
    /// same GET. Judged when the 200 has a validator and the 206 (or the 416, if it has one)
    /// shows the same, or when neither has one and every GET of the sweep got the same number
    /// of octets (the rule the HEAD comparison follows): otherwise the representation may have
    /// changed in between.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: the complete length is "the current length of the selected
    /// representation". Download managers preallocate and resume from it; a wrong length
    /// corrupts the assembled file.
    RANGE_LENGTH_DIFFERS_FROM_FULL = "range-length-differs-from-full" {
        topic: sweep,
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "Content-Range complete length is not the 200's length",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-0/50\ncontent-type: text/plain\n\nh",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-0/5\ncontent-type: text/plain\n\nh",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a single-part 206 whose content is not the bytes its
    /// `Content-Range` names in the content of the 200 to the same GET, both with the same
    /// validator (without one, the representation may have changed in between).
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: `Content-Range` "indicates where in the selected representation the
    /// enclosed partial content belongs"; §15.3.7: a 206 transfers "one or more parts of the
    /// selected representation". A client splices the part in at that offset; other bytes
    /// corrupt what it assembles.
    PARTIAL_CONTENT_DIFFERS_FROM_FULL = "partial-content-differs-from-full" {
        topic: sweep,
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 content is not that range of the 200 content",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\n\nhe",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\n\nel",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a GET with a `Range` in a unit nobody defines answered with
    /// another status than the same GET without it (a 416 is reported by
    /// `range-not-satisfiable-unknown-unit`).
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range
    /// unit it does not understand." Ignoring it means answering as if it were absent.
    RANGE_UNKNOWN_UNIT_NOT_IGNORED = "range-unknown-unit-not-ignored" {
        topic: sweep,
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "Range in an unknown unit changed the answer",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: pages=1-2\n\n400 Bad Request\ncontent-type: text/plain\n\nbad range",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: pages=1-2\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 206 to a `Range` inside the content that lacks one of
    /// `Cache-Control`, `Content-Location`, `ETag`, `Expires` and `Vary` the 200 to the same
    /// GET carried (the sweep sends no `If-Range`, the one case where they may be left out) —
    /// and `Date`, also on the RFC's list, when the sweep judges responses as received
    /// ([`Wire::Received`](crate::Wire::Received)): hyper adds it to every response it encodes.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: "The server generating a 206 response MUST generate the following header
    /// fields, in addition to those required in the subsections below, if the field would have
    /// been sent in a 200 (OK) response to the same request: Date, Cache-Control, ETag, Expires,
    /// Content-Location, and Vary." A cache combining the part with what it stored needs the
    /// same validator and freshness information.
    PARTIAL_CONTENT_DROPS_FIELDS = "partial-content-drops-fields" {
        topic: sweep,
        fields: ["cache-control", "content-location", "date", "etag", "expires", "vary"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 leaves out a field the 200 carries",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\netag: \"v1\"\n\nel",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\netag: \"v1\"\ncache-control: max-age=600\n\nel",
    }


    /// ### What it checks
    /// A 2xx to a QUERY request that carried no `Content-Type`.
    ///
    /// ### Why it matters
    /// RFC 10008 §2: "Servers MUST fail the request if the Content-Type request field is
    /// missing or is inconsistent with the request content." The content of a QUERY and its
    /// media type define the query; a server that answers one without a media type has guessed
    /// what was asked ("a server is not allowed to infer a media type from the request content",
    /// §2.1), and a cache keyed on the content and its metadata (§2.7) stores that guess. §2.1
    /// names the status: "it is incorrect by definition and needs to fail with a 4xx status
    /// code such as 400". The requirement is on the server that answers; whether the content
    /// is *inconsistent* with its type cannot be judged from the head, and is not.
    QUERY_SUCCESS_WITHOUT_CONTENT_TYPE = "query-success-without-content-type" {
        topic: query,
        fields: [],
        reads: [CONTENT_TYPE],
        requirement: Must,
        spec: "RFC 10008 §2",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-2",
        summary: "2xx to a QUERY without Content-Type",
        repair: [],
        default: Log,
        example: "QUERY /contacts HTTP/1.1\ncontent-length: 8\n\n200 OK\ncontent-type: text/csv\n\nname\nann",
        near_miss: "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n200 OK\ncontent-type: text/csv\n\nname\nann",
    }

    /// ### What it checks
    /// An `Accept-Query` field line that a recipient cannot take as RFC 10008 defines it: not a
    /// Structured Field List (RFC 9651 §4.2: a trailing comma, an uppercase parameter name,
    /// a space before `;`, …), a member that is not a Token or a String (a number, an inner
    /// list), a parameter whose value is neither (`q=0.5`, or a bare `;x`, which is the Boolean
    /// true), or a member that is not a media range of the forms allowed (`json`, `*/json`).
    ///
    /// ### Why it matters
    /// RFC 10008 §3: "Accept-Query contains a list of media ranges … using "Structured Fields"
    /// syntax", "represented by a List Structured Header Field of either Tokens or Strings";
    /// parameters are "mapped to Structured Field Parameters with the String or Token type";
    /// "The only supported uses of wildcards are "*/*" … or "xxxx/*"". The field "MUST be
    /// processed as specified in RFC 9651 §4", where a value that fails to parse is ignored
    /// whole: the client learns no format at all. Written like `Accept` (with `q` weights), it
    /// looks right and is lost. A rule of the field's grammar, on the server that sends it.
    ACCEPT_QUERY_INVALID = "accept-query-invalid" {
        topic: query,
        fields: ["accept-query"],
        requirement: Must,
        spec: "RFC 10008 §3",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-3",
        summary: "Accept-Query is not a Structured Fields list of media ranges",
        repair: [],
        default: Log,
        example: "OPTIONS /contacts HTTP/1.1\n\n200 OK\nallow: GET, HEAD, OPTIONS, QUERY\naccept-query: application/sql, text/*;q=0.5\n\n",
        near_miss: "OPTIONS /contacts HTTP/1.1\n\n200 OK\nallow: GET, HEAD, OPTIONS, QUERY\naccept-query: application/sql;charset=\"UTF-8\", \"text/*\"\n\n",
    }

    /// ### What it checks
    /// A 415 (Unsupported Media Type) to a QUERY that named its media type, with none of
    /// `Accept-Query`, `Accept` and `Accept-Encoding`: nothing tells the client which query
    /// formats (or content codings) would be accepted. A QUERY without `Content-Type` is not
    /// judged: RFC 10008 §2.1 calls that request "incorrect by definition" and suggests a 400,
    /// not a list of formats.
    ///
    /// ### Why it matters
    /// RFC 10008 §2.1: for a media type "not supported by the resource, a 415 (Unsupported Media
    /// Type) is appropriate … In both cases, the Accept-Query response field can be used to
    /// inform the client of the media types that are supported"; its Appendix A.3 shows `Accept`
    /// on the 415 as the alternative, and RFC 9110 §15.5.16 names `Accept-Encoding` for an
    /// unsupported coding. "can be used" is no requirement: advice.
    UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS = "unsupported-media-type-query-without-formats" {
        topic: query,
        fields: ["accept-query", "accept", "accept-encoding"],
        reads: [CONTENT_TYPE],
        requirement: Advisory,
        spec: "RFC 10008 §2.1",
        url: "https://www.rfc-editor.org/rfc/rfc10008#section-2.1",
        summary: "415 to QUERY naming no accepted format",
        repair: [],
        default: Log,
        example: "QUERY /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415 Unsupported Media Type\ncontent-type: text/plain\n\nno",
        near_miss: "QUERY /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415 Unsupported Media Type\naccept-query: application/sql\ncontent-type: text/plain\n\nno",
    }

    /// ### What it checks
    /// A 101 that switches to `websocket`, as the request offered, for a request whose method
    /// is not GET.
    ///
    /// ### Why it matters
    /// RFC 6455 §4.2.1, on the server: the client's opening handshake is "An HTTP/1.1 or higher
    /// GET request", and a server that finds "that the client did not send a handshake that
    /// matches the description below … MUST stop processing the client's handshake and return
    /// an HTTP response with an appropriate error code (such as 400 Bad Request)". The client
    /// side (§4.1): "The method of the request MUST be GET". A server that upgrades a POST has
    /// also consumed, or left unread, its content on a connection that now speaks WebSocket.
    WEBSOCKET_HANDSHAKE_NOT_GET = "websocket-handshake-not-get" {
        topic: interim,
        fields: ["upgrade"],
        reads: [UPGRADE],
        requirement: Must,
        spec: "RFC 6455 §4.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1",
        summary: "101 to WebSocket for a request that is not GET",
        repair: [],
        default: Log,
        example: "POST /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\ncontent-length: 0\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
    }

    /// ### What it checks
    /// A 408 (Request Timeout) to a request known to have no content (see
    /// `content-too-large-without-content` for how that is known): the service was called with
    /// the whole request, so nothing was still to arrive.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.9: 408 "indicates that the server did not receive a complete request
    /// message within the time that it was prepared to wait", and "If the client has an
    /// outstanding request in transit, it MAY repeat that request". Sent because the handler
    /// was slow (tower-http 0.7's `TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT,
    /// …)` does this), it tells the client that a request which may have run never arrived,
    /// and invites it to send it again; 503 or 504 say what happened. A request with content
    /// whose body the handler was still reading is not judged: the layer does not see how far
    /// it got. No requirement keyword applies: the status contradicts its definition. Advice.
    REQUEST_TIMEOUT_FOR_COMPLETE_REQUEST = "request-timeout-for-complete-request" {
        topic: request,
        fields: [],
        reads: [CONTENT],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.9",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.9",
        summary: "408 to a request that had arrived whole",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n408 Request Timeout\ncontent-type: text/plain\n\ntoo slow",
        near_miss: "POST /upload HTTP/1.1\ncontent-length: 1048576\n\n408 Request Timeout\nconnection: close\ncontent-type: text/plain\n\nthe upload stalled",
    }

    /// ### What it checks
    /// A `Content-Digest` on a response without content — to HEAD, a 204, a 304, or any
    /// response whose body is empty — whose digest, for an algorithm whose digest of empty
    /// content is fixed (`sha-256`, `sha-512`, and the deprecated `md5` and `sha`), is not
    /// that digest. A field that is no valid Dictionary, and other algorithms, are not judged.
    ///
    /// ### Why it matters
    /// RFC 9530 §2: `Content-Digest` carries digests "calculated using a hashing algorithm
    /// applied to the actual message content", and a response to HEAD, a 204 and a 304 have
    /// none; its Appendix B.2 example answers a HEAD with `Content-Digest` "computed on empty
    /// content" beside a `Repr-Digest` of the representation. A server that copies the GET's
    /// digest into a HEAD or 304 states one the client cannot verify, and one that verifies
    /// digests rejects the response; `Repr-Digest` (§3) is the field for the representation.
    /// RFC 9530 defines the value without a keyword: advice.
    CONTENT_DIGEST_WITHOUT_CONTENT = "content-digest-without-content" {
        topic: content,
        fields: ["content-digest"],
        requirement: Advisory,
        spec: "RFC 9530 §2",
        url: "https://www.rfc-editor.org/rfc/rfc9530#section-2",
        summary: "Content-Digest of content a response without content does not carry",
        repair: [],
        default: Log,
        example: "HEAD /items/123 HTTP/1.1\n\n200 OK\ncontent-type: application/json\ncontent-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\n\n",
        near_miss: "HEAD /items/123 HTTP/1.1\n\n200 OK\ncontent-type: application/json\ncontent-digest: sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a `Repr-Digest` that gives another value, for the same
    /// algorithm, on the HEAD or on a 206 than on the 200 to the same GET, when both show one
    /// representation (the same `ETag` and `Last-Modified`, at least one of them present).
    /// Without a validator nothing is compared: content generated anew has another digest by
    /// right.
    ///
    /// ### Why it matters
    /// RFC 9530 §3: `Repr-Digest` carries digests "calculated using a hashing algorithm applied
    /// to the entire selected representation data", which a HEAD and a range request select
    /// as their GET does (RFC 9110 §9.3.2, §14); its Appendix B examples give a HEAD and a 206
    /// the 200's `Repr-Digest`. Two values for one representation mean one is false, and a
    /// client that checks the whole after assembling ranges rejects it. RFC 9530 defines the
    /// value without a keyword: advice.
    REPR_DIGEST_DIFFERS = "repr-digest-differs" {
        topic: sweep,
        fields: ["repr-digest"],
        requirement: Advisory,
        spec: "RFC 9530 §3",
        url: "https://www.rfc-editor.org/rfc/rfc9530#section-3",
        summary: "Repr-Digest differs between a 200 and its HEAD or 206",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n{\"hello\": \"world\"}\n~~~\nHEAD /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\ncontent-type: application/json\n\n",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n{\"hello\": \"world\"}\n~~~\nHEAD /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), an `application/problem+json` response whose top-level
    /// `status` member is an integer other than the response's status code. Content that is
    /// content-coded, over 1 MiB, not one JSON object, or whose `status` is repeated or not an
    /// integer is not judged. The layer, which never buffers a body, cannot read it: the sweep
    /// reads every response to its end.
    ///
    /// ### Why it matters
    /// RFC 9457 §3.1.2: the `status` member "conveys the HTTP status code used for the
    /// convenience of the consumer. Generators MUST use the same status code in the actual
    /// HTTP response, to assure that generic HTTP software that does not understand this format
    /// still behaves correctly." A client that reads the problem and a proxy, cache or retry
    /// policy that reads the status then act on two different outcomes (a problem with
    /// `"status": 503` sent as 200 is cached as a success).
    PROBLEM_DETAILS_STATUS_DIFFERS = "problem-details-status-differs" {
        topic: sweep,
        fields: ["content-type"],
        requirement: Must,
        spec: "RFC 9457 §3.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9457#section-3.1.2",
        summary: "problem details whose status member is not the response's",
        repair: [],
        default: Log,
        example: "GET /account HTTP/1.1\n\n200 OK\ncontent-type: application/problem+json\n\n{\"type\": \"about:blank\", \"title\": \"Unavailable\", \"status\": 503}",
        near_miss: "GET /account HTTP/1.1\n\n503 Service Unavailable\ncontent-type: application/problem+json\n\n{\"type\": \"about:blank\", \"title\": \"Unavailable\", \"status\": 503}",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 2xx to the sweep's undefined method, `TRACE`, `PUT`,
    /// `PATCH` or `DELETE` that carries the representation the plain GET got: the same content
    /// (at least one octet), `Content-Type` and validators. (`POST`, `OPTIONS` and `QUERY` may
    /// rightly answer with the resource's representation and are not judged.)
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized
    /// or not implemented SHOULD respond with the 501 (Not Implemented) status code", and one
    /// that is known but not allowed for the resource can answer 405. A server that answers
    /// every method as a GET tells a client that its `DELETE` or `PUT` succeeded when nothing
    /// happened, and answers `TRACE` with something other than the reflected request that
    /// §9.3.8 asks for ("The final recipient of the request SHOULD reflect the message
    /// received … back to the client as the content of a 200 (OK) response"). Static file
    /// handlers that serve a file whatever the method do this.
    METHOD_ANSWERED_AS_GET = "method-answered-as-get" {
        topic: sweep,
        fields: ["content-type"],
        requirement: Should,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "a method the resource does not implement answered as a GET",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nDELETE /file HTTP/1.1\nif-match: \"x\"\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nDELETE /file HTTP/1.1\nif-match: \"x\"\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 404 to `OPTIONS`, `TRACE`, the sweep's undefined method or
    /// a declared `QUERY` on a target whose plain GET got a 2xx. (The unsafe methods are not
    /// judged: one sent in an earlier HTTP version may have deleted the resource.)
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or
    /// not implemented SHOULD respond with the 501 (Not Implemented) status code. An origin
    /// server that receives a request method that is recognized and implemented, but not
    /// allowed for the target resource, SHOULD respond with the 405 (Method Not Allowed) status
    /// code." A 404 says that there is no current representation of the target (§15.5.5),
    /// which its GET just showed there is: a client concludes the resource is gone, and a
    /// 405's `Allow` never tells it which methods it may use. Routers that match the method
    /// before the path answer this way (Express 4.22.3 answers `TRACE` with 404).
    METHOD_ANSWERED_NOT_FOUND = "method-answered-not-found" {
        topic: sweep,
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "404 to a method on a target that answers GET",
        repair: [],
        default: Log,
        example: "GET /items HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nitems\n~~~\nTRACE /items HTTP/1.1\n\n404 Not Found\ncontent-type: text/plain\n\nCannot TRACE /items",
        near_miss: "GET /items HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nitems\n~~~\nTRACE /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
    }
}
