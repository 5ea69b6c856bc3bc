//! Content and framing: which responses may carry content (and trailers), with which framing
//! fields (`Content-Length`, `Transfer-Encoding`, HTTP/2's connection-specific fields), how
//! content is labelled, and the statuses that call for content. Holds the only stream-time
//! rules: a body of unknown size on a response that must not have content is watched
//! (`crate::body`), and [`trailers_offend`] and [`prepare_for_dropped_content`] say what that
//! watch does.

use crate::facts::MethodCode;
use http::{header, HeaderMap, HeaderName, HeaderValue, Version};

use super::{BodyPlan, Ctx, Fields, Repair};
use crate::{
    facts::{BodyShape, Present},
    syntax::structured,
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let code = cx.code;
    let connect_success = cx.method_is(MethodCode::Connect) && cx.status.is_success();
    let forbidden = match code {
        100..=199 => Some(Rule::INFORMATIONAL_WITH_BODY),
        204 => Some(Rule::NO_CONTENT_WITH_BODY),
        205 => Some(Rule::RESET_CONTENT_WITH_BODY),
        304 => Some(Rule::NOT_MODIFIED_WITH_BODY),
        _ if cx.method_is(MethodCode::Head) => Some(Rule::HEAD_RESPONSE_WITH_BODY),
        _ => None,
    };
    // hyper's HTTP/1 encoder sends no content for 1xx, 204, 304 and HEAD (it never polls the
    // body): what these rules forbid does not reach the client. It sends a 205's. (Asked only
    // on those statuses: the conforming 200 pays nothing for it.)
    if let Some(rule) = forbidden {
        if code == 205 || !cx.wire.hyper_http1(cx.facts.version) {
            cx.forbid_content(rule);
        }
    }
    framing(cx, connect_success);
    let may_have_content = !matches!(code, 100..=199 | 204 | 205 | 304)
        && !cx.method_is(MethodCode::Head)
        && !connect_success;
    if cx.fields.has(Fields::CONTENT_DIGEST) && (!may_have_content || cx.body == BodyShape::Empty) {
        cx.flag_if(Rule::CONTENT_DIGEST_WITHOUT_CONTENT, |cx| {
            cx.headers
                .get_all(CONTENT_DIGEST)
                .iter()
                .any(|line| not_of_empty_content(line.as_bytes()))
        });
    }
    if !may_have_content {
        return;
    }
    // Without a type, unless a 206 to If-Range, which should not repeat it (RFC 9110 §15.3.7).
    let untyped = |cx: &Ctx<'_>| {
        !(cx.fields.has(Fields::CONTENT_TYPE) || (code == 206 && cx.facts.has(Present::IF_RANGE)))
    };
    match cx.body {
        BodyShape::Content { .. } if untyped(cx) => {
            // Received from a server that is not this app, the content decides
            // (`evident_media_type`): watched, its first octets read.
            if cx.wire == crate::Wire::Received {
                cx.watch_for_content(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
            } else {
                cx.flag(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
            }
        }
        BodyShape::Content { .. } => {}
        // Statuses whose definition asks for a description in the content.
        BodyShape::Empty => match code {
            202 => cx.flag(Rule::ACCEPTED_WITHOUT_CONTENT),
            300 => cx.flag(Rule::MULTIPLE_CHOICES_WITHOUT_CONTENT),
            303 => cx.flag(Rule::SEE_OTHER_WITHOUT_CONTENT),
            400..=599 => cx.flag(Rule::ERROR_WITHOUT_EXPLANATION),
            _ => {}
        },
        // A streamed body: content without a type shows only when its first bytes do. (No rule
        // that forbids content reaches here: `may_have_content` returned above.)
        BodyShape::Unknown if untyped(cx) => {
            cx.watch_for_content(Rule::CONTENT_WITHOUT_CONTENT_TYPE);
        }
        BodyShape::Unknown => {}
    }
}

/// RFC 9530 §2: `Content-Digest`, a Dictionary of algorithm to Byte Sequence.
const CONTENT_DIGEST: HeaderName = HeaderName::from_static("content-digest");

/// The digests of empty content, base64 without padding, for the algorithms of the IANA Hash
/// Algorithms for HTTP Digest Fields registry (RFC 9530 §5) that have one fixed output: the
/// two active ones and the deprecated `md5` and `sha`.
const EMPTY_DIGESTS: [(&[u8], &[u8]); 4] = [
    (b"sha-256", b"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"),
    (
        b"sha-512",
        b"z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg",
    ),
    (b"md5", b"1B2M2Y8AsgTpgAmY7PhCfg"),
    (b"sha", b"2jmj7l5rSw0yVb/vlWAYkK/YBwk"),
];

/// Whether a `Content-Digest` line gives, for an algorithm with a known digest of empty
/// content, another value. A line that is no valid Dictionary, an unknown algorithm and a
/// value that is no Byte Sequence are not judged (a recipient ignores them, RFC 9530 §2).
fn not_of_empty_content(line: &[u8]) -> bool {
    let mut wrong = false;
    let parsed = structured::each_dictionary_member(line, |algorithm, value| {
        let Some((_, empty)) = EMPTY_DIGESTS.iter().find(|(name, _)| *name == algorithm) else {
            return true;
        };
        if let Some(digest) = structured::byte_sequence(value) {
            wrong |= digest != *empty;
        }
        true
    });
    parsed && wrong
}

/// The framing fields: `Content-Length` and `Transfer-Encoding` where they are forbidden or
/// contradict each other, and connection-specific fields over HTTP/2.
#[inline]
fn framing(cx: &mut Ctx<'_>, connect_success: bool) {
    let (code, fields) = (cx.code, cx.fields);
    // RFC 9110 §8.6 and RFC 9112 §6.1: no framing header at all on these.
    let version = cx.facts.version;
    // What hyper removes on the way out never reaches the client (see `Wire`): over HTTP/1.x
    // `Transfer-Encoding` to an HTTP/1.0 client or on a response it cannot chunk (1xx, 204,
    // 304, HEAD, a 2xx to CONNECT); over HTTP/2 every connection-specific field.
    let sends_transfer_encoding = fields.has(Fields::TRANSFER_ENCODING)
        && !cx.wire.hyper_http2(version)
        && !(cx.wire.hyper_http1(version)
            && (version <= Version::HTTP_10
                || matches!(code, 100..=199 | 204 | 304)
                || connect_success
                || cx.method_is(MethodCode::Head)));
    if matches!(code, 100..=199 | 204) || connect_success {
        // hyper's HTTP/1 server writes no Content-Length for a 1xx or 204 whose body is empty
        // (it sends the other cases, and fails a 2xx to CONNECT that has one): the client never
        // sees it.
        let dropped_on_the_wire =
            !connect_success && cx.wire.hyper_http1(version) && cx.body == BodyShape::Empty;
        if fields.has(Fields::CONTENT_LENGTH) && !dropped_on_the_wire {
            cx.flag(Rule::FORBIDDEN_CONTENT_LENGTH);
        }
        if sends_transfer_encoding {
            cx.flag(Rule::FORBIDDEN_TRANSFER_ENCODING);
        }
        // Checked here, where a tunnel's answer already is, so that other statuses pay nothing.
        if connect_success {
            super::methods::connect_established(cx);
        }
    }
    if sends_transfer_encoding {
        cx.flag_if(Rule::TRANSFER_ENCODING_TO_HTTP10, |_| {
            version <= Version::HTTP_10
        });
        cx.flag_if(Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING, |cx| {
            cx.fields.has(Fields::CONTENT_LENGTH)
        });
    }
    if version >= Version::HTTP_2 && !cx.wire.hyper_http2(version) {
        cx.flag_if(Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, |cx| {
            cx.fields.any(Fields::CONNECTION_SPECIFIC)
        });
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::INFORMATIONAL_WITH_BODY | Rule::NOT_MODIFIED_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
        }
        Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2 => {
            crate::remove_connection_specific_fields(headers);
        }
        Rule::FORBIDDEN_CONTENT_LENGTH | Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING => {
            drop(headers.remove(header::CONTENT_LENGTH));
        }
        Rule::FORBIDDEN_TRANSFER_ENCODING | Rule::TRANSFER_ENCODING_TO_HTTP10 => {
            drop(headers.remove(header::TRANSFER_ENCODING));
        }
        Rule::NO_CONTENT_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            remove_framing(headers);
        }
        Rule::RESET_CONTENT_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            remove_framing(headers);
            // A 2xx to CONNECT must carry no framing header at all (RFC 9110 §8.6).
            if repair.facts.code != MethodCode::Connect {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
        }
        Rule::HEAD_RESPONSE_WITH_BODY => {
            *repair.plan = BodyPlan::Empty;
            // A 206's length is its Content-Range's to say; a body that disagrees with it
            // (`partial-content-length-mismatch`) is no measure of what a GET would send.
            let framed = headers.contains_key(header::CONTENT_LENGTH)
                || headers.contains_key(header::TRANSFER_ENCODING)
                || repair.parts.status == http::StatusCode::PARTIAL_CONTENT;
            if let (false, BodyShape::Content { exact: Some(len) }) = (framed, repair.body) {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            }
        }
        _ => return None,
    }
    Some(true)
}

/// At stream time: whether a trailers frame breaks `rule` (a data frame does when it is not
/// empty). "cannot contain content or trailers": RFC 9110 §15.2 (1xx), §15.3.5 (204), §15.4.5
/// (304); RFC 9112 §6.3 adds responses to HEAD in HTTP/1.x.
pub(crate) fn trailers_offend(rule: Rule, version: Version) -> bool {
    match rule {
        Rule::INFORMATIONAL_WITH_BODY
        | Rule::NO_CONTENT_WITH_BODY
        | Rule::NOT_MODIFIED_WITH_BODY => true,
        Rule::HEAD_RESPONSE_WITH_BODY => version < Version::HTTP_2,
        _ => false,
    }
}

/// The findings of this topic that axum makes false when the layer runs inside its router:
/// axum empties the body of every response to HEAD, and the body and framing of a 2xx to
/// CONNECT, after the layer has seen them (axum 0.8.9 `src/routing/route.rs`, `RouteFuture`).
#[cfg(feature = "axum")]
pub(crate) fn fixed_by_axum_after_the_layer(method: MethodCode) -> &'static [Rule] {
    if method == MethodCode::Connect {
        &[
            Rule::HEAD_RESPONSE_WITH_BODY,
            Rule::FORBIDDEN_CONTENT_LENGTH,
            Rule::FORBIDDEN_TRANSFER_ENCODING,
        ]
    } else {
        &[Rule::HEAD_RESPONSE_WITH_BODY]
    }
}

/// Whether a finding of `rule` may be what a framework writes rather than the application: a
/// `Content-Length` that should not be there, which axum 0.8 adds as `0` to every empty
/// response ([`Culprit::AxumContentLength`](crate::Culprit::AxumContentLength)).
pub(crate) fn may_be_framework_framing(rule: Rule) -> bool {
    rule == Rule::FORBIDDEN_CONTENT_LENGTH
}

/// At stream time, judged as received (`Wire::Received`): whether a frame that offends `rule`
/// is forgiven, or `None` when the rule forgives nothing. Content without a type offends only
/// when its first octets show the type the server left out ([`evident_media_type`]); whatever
/// they show, nothing is left to decide after them.
pub(crate) fn forgiven_as_received(rule: Rule, data: &[u8]) -> Option<bool> {
    (rule == Rule::CONTENT_WITHOUT_CONTENT_TYPE).then(|| !evident_media_type(data))
}

/// A watched body whose content may be dropped must not be framed by a length that counts it.
/// On a 204 no framing header is ever valid; on a 205 only `Content-Length: 0` is. On 304 and
/// HEAD responses the headers describe the selected representation and stay.
pub(crate) fn prepare_for_dropped_content(rule: Rule, headers: &mut HeaderMap) {
    match rule {
        Rule::NO_CONTENT_WITH_BODY => remove_framing(headers),
        Rule::RESET_CONTENT_WITH_BODY
            if headers
                .get(header::CONTENT_LENGTH)
                .is_some_and(|length| length != "0") =>
        {
            headers.remove(header::CONTENT_LENGTH);
        }
        _ => {}
    }
}

/// Removes `Content-Length` and `Transfer-Encoding`.
pub(super) fn remove_framing(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::TRANSFER_ENCODING);
}

/// Removes the representation metadata that 304s and `If-Range` 206s should not repeat.
pub(super) fn remove_representation_metadata(headers: &mut HeaderMap) {
    headers.remove(header::CONTENT_TYPE);
    headers.remove(header::CONTENT_ENCODING);
    headers.remove(header::CONTENT_LANGUAGE);
}

/// Whether the first octets of some content show its media type beyond doubt: HTML, XML or
/// SVG markup, a JSON object or array, or the signature of a PNG, GIF, JPEG, WebP or PDF file.
/// RFC 9110 §8.3 lets a sender leave `Content-Type` out when "the intended media type of the
/// enclosed representation is unknown to the sender" — a static server serving a file whose
/// extension it does not know. Judging a server as received, the content without a type is
/// reported only when its type could not have been unknown. Plain text has no signature (any
/// printable octets could be of a dozen text-based types) and is not judged.
pub(crate) fn evident_media_type(first: &[u8]) -> bool {
    const SIGNATURES: &[&[u8]] = &[
        b"\x89PNG\r\n\x1a\n",
        b"GIF87a",
        b"GIF89a",
        b"\xFF\xD8\xFF",
        b"%PDF-",
    ];
    if SIGNATURES
        .iter()
        .any(|signature| first.starts_with(signature))
        || (first.len() >= 12 && first.starts_with(b"RIFF") && &first[8..12] == b"WEBP")
    {
        return true;
    }
    let text = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let skip_space =
        |bytes: &'_ [u8]| -> usize { bytes.iter().take_while(|b| b.is_ascii_whitespace()).count() };
    let text = &text[skip_space(text)..];
    let starts_with = |prefix: &[u8]| {
        text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if ["<!doctype html", "<html", "<?xml", "<svg"]
        .iter()
        .any(|prefix| starts_with(prefix.as_bytes()))
    {
        return true;
    }
    // A JSON object opens with a member name or closes at once; an array with a value.
    match text.split_first() {
        Some((b'{', rest)) => matches!(rest.get(skip_space(rest)), Some(b'"' | b'}')),
        Some((b'[', rest)) => matches!(
            rest.get(skip_space(rest)),
            Some(b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
        ),
        _ => false,
    }
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

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
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.2",
        summary: "1xx with content",
        repair: ["Replaces the body with an empty one. At stream time, drops every data and trailers frame."],
        default: Repair,
        example: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\nswitching",
        near_miss: "GET /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101 Switching Protocols\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n",
        openapi: "content documented for a 1xx response",
    }

    /// ### What it checks
    /// A response to an HTTP/2 or HTTP/3 request carrying a connection-specific field:
    /// `Connection`, `Keep-Alive`, `Proxy-Connection`, `Transfer-Encoding`, `Upgrade` or `TE`.
    /// Over HTTP/2 under `Wire::Hyper` (the layer's model) not reported: hyper 1.13's HTTP/2
    /// server strips them (`strip_connection_headers`), so the client never gets them. Over
    /// HTTP/3 nothing does: h3 0.0.8 encodes them, and its client accepts them.
    ///
    /// ### Why it matters
    /// RFC 9113 §8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing
    /// connection-specific header fields"; RFC 9114 §4.2: "An endpoint MUST NOT generate an
    /// HTTP/3 field section containing connection-specific fields; any message containing
    /// connection-specific fields MUST be treated as malformed." hyper strips them with a
    /// warning that is compiled out by default, so the handler never learns; behind an h3
    /// adapter a stricter client refuses the response.
    CONNECTION_SPECIFIC_FIELD_OVER_HTTP2 = "connection-specific-field-over-http2" {
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
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "Content-Length on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Content-Length` header."],
        default: Repair,
        example: "DELETE /items/7 HTTP/2\n\n204 No Content\ncontent-length: 0\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 512\n\n",
        openapi: "a `Content-Length` header documented for a 1xx or 204 response",
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
        fields: ["transfer-encoding"],
        requirement: Must,
        spec: "RFC 9112 §6.1",
        url: "https://www.rfc-editor.org/rfc/rfc9112#section-6.1",
        summary: "Transfer-Encoding on a 1xx, a 204, or a 2xx to CONNECT",
        repair: ["Removes the `Transfer-Encoding` header."],
        default: Repair,
        example: "DELETE /items/7 HTTP/1.1\n\n204 No Content\ntransfer-encoding: chunked\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ntransfer-encoding: chunked\n\n",
        openapi: "a `Transfer-Encoding` header documented for a 1xx or 204 response",
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
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.3.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5",
        summary: "204 with content",
        repair: ["Replaces the body with an empty one and removes `Content-Length` and `Transfer-Encoding`. For a body of unknown size the two headers are removed at head time (no framing header is valid on a 204) and every data and trailers frame is dropped at stream time."],
        default: Repair,
        example: "DELETE /items/7 HTTP/2\n\n204 No Content\ncontent-type: text/plain\n\ndeleted",
        near_miss: "DELETE /items/7 HTTP/2\n\n204 No Content\n\n",
        openapi: "content documented for a 204 response",
    }

    /// ### What it checks
    /// A 205 (Reset Content) response whose body has content (head time or stream time, as for
    /// `no-content-with-body`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.6: "a server MUST NOT generate content in a 205 response". Neither hyper
    /// nor axum special-cases 205: the content reaches the client on every protocol.
    RESET_CONTENT_WITH_BODY = "reset-content-with-body" {
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.3.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.6",
        summary: "205 with content",
        repair: ["Replaces the body with an empty one, sets `Content-Length: 0` and removes `Transfer-Encoding` (a 205 is framed like any other response, RFC 9112 §6.3, so an explicit zero length is what tells the client no content follows). At stream time, drops every data frame; a `Content-Length` other than `0` is removed at head time so framing stays correct."],
        default: Repair,
        example: "POST /form HTTP/1.1\ncontent-length: 0\n\n205 Reset Content\ncontent-type: text/plain\n\ncleared",
        near_miss: "POST /form HTTP/1.1\ncontent-length: 0\n\n205 Reset Content\ncontent-length: 0\n\n",
        openapi: "content documented for a 205 response",
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
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 with content",
        repair: ["Replaces the body with an empty one. `Content-Length` and `Transfer-Encoding` are kept: on a 304 they describe the representation a 200 would carry (RFC 9110 §8.6, RFC 9112 §6.1). At stream time, drops every data and trailers frame."],
        default: Repair,
        example: "GET /items/7 HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\nstale copy",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 5\ncache-control: max-age=60\nvary: accept-encoding\nexpires: Thu, 01 Jan 2099 00:00:00 GMT\ndate: Thu, 01 Jan 2026 00:00:00 GMT\ncontent-location: /items/7.json\n\n",
        openapi: "content documented for a 304 response",
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
        fields: ["content-length", "transfer-encoding"],
        requirement: Must,
        spec: "RFC 9110 §9.3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2",
        summary: "response to HEAD with content",
        repair: ["Replaces the body with an empty one. When the response has neither `Content-Length` nor `Transfer-Encoding` and the body's size was known, sets `Content-Length` to that size (the value a GET would carry, RFC 9110 §8.6). At stream time, drops every data frame."],
        default: Repair,
        example: "HEAD /items/7 HTTP/2\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "HEAD /items/7 HTTP/2\n\n200 OK\ncontent-type: text/plain\ncontent-length: 5\n\n",
        openapi: "content documented for a response of a `head` operation",
    }

    /// ### What it checks
    /// A 202 (Accepted) with no content. Off by default: many APIs answer 202 with an empty
    /// body on purpose.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.3: the representation sent with a 202 "ought to describe the request's
    /// current status and point to (or embed) a status monitor". Advice.
    ACCEPTED_WITHOUT_CONTENT = "accepted-without-content" {
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
    /// A 300 (Multiple Choices) to a method other than HEAD with no content.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.1: "For request methods other than HEAD, the server SHOULD generate content
    /// in the 300 response containing a list of representation metadata and URI reference(s)
    /// from which the user or user agent can choose the one most preferred."
    MULTIPLE_CHOICES_WITHOUT_CONTENT = "multiple-choices-without-content" {
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
    /// A 4xx or 5xx response with no content, to a method other than HEAD. Off by default: axum
    /// and hyper send empty 404, 405 and 500 responses of their own.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5 and §15.6: "the server SHOULD send a representation containing an
    /// explanation of the error situation"; RFC 6585 says the same of 428, 429, 431 and 511.
    ERROR_WITHOUT_EXPLANATION = "error-without-explanation" {
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
}
