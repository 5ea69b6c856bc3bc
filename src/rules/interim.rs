//! 1xx and protocol upgrades: interim responses used as final ones or sent to HTTP/1.0, the 101
//! hand-off (`Upgrade`, `Connection`), 426, and the WebSocket handshake (`websocket` below).

mod websocket;

use crate::facts::MethodCode;
use http::{header, HeaderMap, Version};

use super::{Ctx, Fields, Repair};
use crate::{
    facts::{Field, Present, Value},
    syntax::list,
    Rule,
};

/// Any 1xx.
pub(super) fn informational(cx: &mut Ctx<'_>) {
    let old_client = cx.facts.version <= Version::HTTP_10;
    if old_client {
        cx.flag(Rule::INFORMATIONAL_TO_HTTP10);
    }
    if cx.code != 101 {
        cx.flag(Rule::INFORMATIONAL_AS_FINAL);
        if cx.code == 100 {
            cx.flag_if(Rule::CONTINUE_WITHOUT_EXPECT, |cx| {
                !cx.facts.has(Present::EXPECT_CONTINUE)
            });
        }
        return;
    }
    // HTTP/1.0 must ignore Upgrade (§7.8) and HTTP/2+ has no 101: the version rule says it all.
    if old_client {
        return;
    }
    if cx.facts.version >= Version::HTTP_2 {
        cx.flag(Rule::SWITCHING_PROTOCOLS_OVER_HTTP2);
        return;
    }
    cx.flag_if(Rule::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE, |cx| {
        !has_value(cx.headers, header::UPGRADE)
    });
    cx.flag_if(Rule::SWITCHING_PROTOCOLS_UNREQUESTED, |cx| {
        match cx.facts.get(Field::Upgrade) {
            Value::Absent => true,
            Value::Unknown => false,
            Value::Known(offer) => list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|chosen| !offered(offer, chosen)),
        }
    });
    websocket::check(cx);
}

/// 426 Upgrade Required.
pub(super) fn upgrade_required(cx: &mut Ctx<'_>) {
    // HTTP/2 and HTTP/3 forbid `Upgrade`: a 426 there cannot name a protocol.
    if cx.facts.version >= Version::HTTP_2 {
        return;
    }
    if !has_value(cx.headers, header::UPGRADE) {
        cx.flag(Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE);
        return;
    }
    let facts = cx.facts;
    if let Some(offer) = facts.get(Field::Upgrade).known() {
        cx.flag_if(Rule::UPGRADE_REQUIRED_ALREADY_OFFERED, |cx| {
            list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|demanded| offered(offer, demanded))
        });
    }
}

/// `Connection` options that contradict the response, whatever its status.
#[inline]
pub(super) fn connection(cx: &mut Ctx<'_>) {
    let (code, fields) = (cx.code, cx.fields);
    // The connection is handed over (101) or becomes a tunnel (2xx to CONNECT), yet `close`
    // asks to close it after this response (RFC 9112 §9.6).
    if fields.has(Fields::CONNECTION)
        && (code == 101 || (code / 100 == 2 && cx.method_is(MethodCode::Connect)))
    {
        cx.flag_if(Rule::CONNECTION_CLOSE_ON_HANDOFF, |cx| {
            has_connection_option(cx.headers, b"close")
        });
    }
    // A rejected CONNECT over HTTP/1.1 that leaves the connection open: what the client sent
    // after it, meant for the tunnel, would be read as requests (RFC 9931). hyper closes the
    // connection only after a `close` option, its own or the request's (which it honours);
    // a request with any `Connection` field is not judged, since which options it holds is
    // not kept. Over the wire a server may close without saying so: not judged as received.
    if code >= 300
        && cx.method_is(MethodCode::Connect)
        && cx.facts.version == Version::HTTP_11
        && cx.wire == crate::Wire::Hyper
    {
        cx.flag_if(Rule::CONNECT_REJECTED_WITHOUT_CLOSE, |cx| {
            let closes =
                cx.fields.has(Fields::CONNECTION) && has_connection_option(cx.headers, b"close");
            !closes && !cx.facts.has(Present::CONNECTION)
        });
    }
    if fields.has(Fields::UPGRADE) && cx.facts.version == Version::HTTP_11 {
        cx.flag_if(Rule::UPGRADE_WITHOUT_CONNECTION_OPTION, |cx| {
            !has_connection_option(cx.headers, b"upgrade")
        });
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::UPGRADE_WITHOUT_CONNECTION_OPTION => {
            add_connection_option(&mut repair.parts.headers, "upgrade");
        }
        Rule::CONNECT_REJECTED_WITHOUT_CLOSE => {
            add_connection_option(&mut repair.parts.headers, "close");
        }
        Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE => {
            if !repair.supply(header::UPGRADE) {
                return Some(false);
            }
            add_connection_option(&mut repair.parts.headers, "upgrade");
        }
        Rule::CONNECTION_CLOSE_ON_HANDOFF => {
            let headers = &mut repair.parts.headers;
            let kept = list::join(
                list::elements(headers.get_all(header::CONNECTION))
                    .filter(|option| !option.eq_ignore_ascii_case(b"close")),
            );
            if kept.is_empty() {
                headers.remove(header::CONNECTION);
            } else {
                headers.insert(header::CONNECTION, kept);
            }
        }
        _ => return None,
    }
    Some(true)
}

/// Whether the field has at least one non-empty element.
fn has_value(headers: &HeaderMap, name: header::HeaderName) -> bool {
    list::elements(headers.get_all(name)).next().is_some()
}

fn has_connection_option(headers: &HeaderMap, option: &[u8]) -> bool {
    list::elements(headers.get_all(header::CONNECTION)).any(|o| o.eq_ignore_ascii_case(option))
}

/// Adds `option` to `Connection` unless it is there, keeping the other options.
fn add_connection_option(headers: &mut HeaderMap, option: &'static str) {
    if has_connection_option(headers, option.as_bytes()) {
        return;
    }
    // Connection options are tokens (RFC 9110 §7.6.1): anything else is dropped.
    let joined = list::join(
        list::elements(headers.get_all(header::CONNECTION))
            .filter(|element| list::is_token(element))
            .chain([option.as_bytes()]),
    );
    headers.insert(header::CONNECTION, joined);
}

/// Whether `chosen` (`name[/version]`) is in an `Upgrade` list. Names compare
/// case-insensitively and a missing version on either side matches any, so that only a clear
/// mismatch is reported.
fn offered(offer: &[u8], chosen: &[u8]) -> bool {
    let (name, version) = split_protocol(chosen);
    list::elements_of(offer).any(|candidate| {
        let (offered_name, offered_version) = split_protocol(candidate);
        offered_name.eq_ignore_ascii_case(name)
            && match (version, offered_version) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => true,
            }
    })
}

fn split_protocol(protocol: &[u8]) -> (&[u8], Option<&[u8]>) {
    let name = list::name_before(protocol, b'/');
    let version = protocol
        .iter()
        .position(|&b| b == b'/')
        .map(|slash| &protocol[slash + 1..]);
    (name, version)
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

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
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §15",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15",
        summary: "a 1xx other than 101 used as the final response",
        repair: [],
        default: Reject,
        example: "GET /page HTTP/1.1\n\n103 Early Hints\nlink: </app.css>; rel=preload\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        openapi: "a 1xx other than 101 documented as a response (an operation's responses are final)",
    }

    /// ### What it checks
    /// Any 1xx response, 101 included, to a request made with HTTP/1.0 (or 0.9). The layer
    /// sees a 1xx only as the final response; a [sweep](crate::sweep) over the wire also judges
    /// the interim responses its client records before the final one (HTTP/1).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.2: "Since HTTP/1.0 did not define any 1xx status codes, a server MUST NOT
    /// send a 1xx response to an HTTP/1.0 client." §7.8 adds that a server MUST ignore an
    /// `Upgrade` received in an HTTP/1.0 request, so a 101 is never a valid answer. hyper sends
    /// `HTTP/1.0 101 Switching Protocols` as is.
    INFORMATIONAL_TO_HTTP10 = "informational-to-http10" {
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
        fields: ["upgrade"],
        requirement: Must,
        spec: "RFC 9110 §15.2.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2.2",
        summary: "101 without an Upgrade header",
        repair: [],
        default: Log,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101 Switching Protocols\nconnection: upgrade\n\n",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        openapi: "a 101 response documented without an `Upgrade` header",
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
    /// status code"; RFC 9114 §4.5: "HTTP/3 does not support the HTTP Upgrade mechanism
    /// (Section 7.8 of \[HTTP\]) or the 101 (Switching Protocols) informational status code".
    /// hyper sends it as a final `:status 101` with `END_STREAM`, and clients reset the stream
    /// with `PROTOCOL_ERROR`; h3 0.0.8 sends it as the final status too, and its client takes
    /// it as one.
    SWITCHING_PROTOCOLS_OVER_HTTP2 = "switching-protocols-over-http2" {
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
    /// A 100 (Continue) to a request that did not carry `Expect: 100-continue`: as the final
    /// response through the layer, and, in a [sweep](crate::sweep) over the wire, as an interim
    /// response its client records (the sweep never sends the expectation).
    ///
    /// ### Why it matters
    /// RFC 9110 §10.1.1 and §15.2.1: 100 answers an `Expect: 100-continue` request. Clients must
    /// tolerate an unexpected 1xx, so no requirement is broken, but a service that returns a 100
    /// on its own has misunderstood the status (it is also `informational-as-final`).
    CONTINUE_WITHOUT_EXPECT = "continue-without-expect" {
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
        fields: ["upgrade"],
        requirement: Must,
        spec: "RFC 9110 §15.5.22",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.22",
        summary: "426 without an Upgrade header",
        repair: ["Adds the `Upgrade` value returned by the callback given to `StatusConformanceLayer::upgrade_protocols`, and `upgrade` to `Connection`. Without a callback, or when it returns `None`, the violation is reported as `Log`."],
        default: Repair,
        example: "GET /api HTTP/1.1\n\n426 Upgrade Required\ncontent-type: text/plain\n\nuse TLS",
        near_miss: "GET /api HTTP/1.1\n\n426 Upgrade Required\nupgrade: TLS/1.3\nconnection: upgrade\ncontent-type: text/plain\n\nuse TLS",
        openapi: "a 426 response documented without an `Upgrade` header",
    }

    /// ### What it checks
    /// A 426 whose `Upgrade` names a protocol the request already offered in its own `Upgrade`.
    ///
    /// ### Why it matters
    /// RFC 9110 §7.8: a server that is willing to switch to an offered protocol answers 101; a
    /// 426 demanding what the client offered leaves the client nothing to change. Advice, not a
    /// violation.
    UPGRADE_REQUIRED_ALREADY_OFFERED = "upgrade-required-already-offered" {
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
    /// A response of 300 or above to `CONNECT` over HTTP/1.1 without the `close` connection
    /// option, to a request that carried no `Connection` field: hyper (1.13) keeps such a
    /// connection open for the next request (`tests/all/wire_hyper.rs`). Judged on what
    /// hyper sends (`Wire::Hyper`) only: a server that is not hyper may close the connection
    /// without the option.
    ///
    /// ### Why it matters
    /// RFC 9931 §8 (updating RFC 9112; HTTP/1.1 only): "proxy servers MUST close the
    /// underlying connection when rejecting a CONNECT request, without processing any further
    /// requests on that connection. This requirement applies whether or not the request
    /// includes a "close" connection option." A client may send the tunnel's first bytes
    /// before the answer arrives; a connection kept open reads them as HTTP requests, which
    /// an attacker who controls those bytes can smuggle. The sentence binds proxies, and
    /// whether the server is one is deployment knowledge, so the rule is advice. A proxy built
    /// on the layer closes them with `.action(Rule::CONNECT_REJECTED_WITHOUT_CLOSE,
    /// Action::Repair)`; the crate's own `proxy` does so itself.
    CONNECT_REJECTED_WITHOUT_CLOSE = "connect-rejected-without-close" {
        fields: ["connection"],
        reads: [CONNECTION],
        requirement: Advisory,
        spec: "RFC 9931 §8",
        url: "https://www.rfc-editor.org/rfc/rfc9931#section-8",
        summary: "rejected HTTP/1.1 CONNECT without Connection: close",
        repair: ["Adds the `close` option to `Connection` (the other options stay): hyper closes the connection after the response."],
        default: Log,
        example: "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
        near_miss: "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n405 Method Not Allowed\nallow: GET, HEAD\nconnection: close\n\n",
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
}
