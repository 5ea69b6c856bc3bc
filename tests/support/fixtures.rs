//! Exchanges beyond each rule's own example and near-miss (`Rule::example`,
//! `Rule::near_miss`): bodies that stream, other statuses and forms a rule covers, and further
//! near-misses. Written in the registry's exchange format.

use tower_status_conformance::{Rule, Wire};

use super::{
    body::TestBody,
    exchange::{self, Exchange},
};

#[derive(Clone)]
pub(crate) struct Fixture {
    pub(crate) rule: Rule,
    pub(crate) name: &'static str,
    /// `true`: breaks `rule`; `false`: a near-miss that breaks no rule that is on by default.
    pub(crate) violating: bool,
    /// Whether the violation can only be seen while the body streams.
    pub(crate) at_stream: bool,
    text: &'static str,
    /// A body that replaces the text's (known-size) one.
    body: Option<fn() -> TestBody>,
    /// The one wire the verdict holds on; `None`: the same on both.
    wire: Option<Wire>,
}

impl Fixture {
    /// The exchange as text (its body is the text's, whatever `body` replaces it with).
    pub(crate) fn text(&self) -> &'static str {
        self.text
    }

    /// The wires the verdict holds on.
    pub(crate) fn wires(&self) -> Vec<Wire> {
        match self.wire {
            Some(wire) => vec![wire],
            None => vec![Wire::Received, Wire::Hyper],
        }
    }

    /// The same exchange, its verdict holding on `wire` only.
    pub(crate) const fn on(self, wire: Wire) -> Self {
        Self {
            wire: Some(wire),
            ..self
        }
    }

    pub(crate) fn exchange(&self) -> Exchange {
        let mut exchange = exchange::parse(self.text);
        if let Some(body) = self.body {
            *exchange.response.body_mut() = body();
        }
        exchange
    }
}

const fn breaks(rule: Rule, name: &'static str, text: &'static str) -> Fixture {
    Fixture {
        rule,
        name,
        violating: true,
        at_stream: false,
        text,
        body: None,
        wire: None,
    }
}

const fn near(rule: Rule, name: &'static str, text: &'static str) -> Fixture {
    Fixture {
        rule,
        name,
        violating: false,
        at_stream: false,
        text,
        body: None,
        wire: None,
    }
}

const fn streaming(
    rule: Rule,
    name: &'static str,
    violating: bool,
    text: &'static str,
    body: fn() -> TestBody,
) -> Fixture {
    Fixture {
        rule,
        name,
        violating,
        at_stream: violating,
        text,
        body: Some(body),
        wire: None,
    }
}

/// The header that, once configured, lets `method-not-allowed-without-allow` be repaired.
pub(crate) const ALLOW_FOR_FIXTURES: &str = "GET, HEAD";

pub(crate) fn all() -> Vec<Fixture> {
    use Rule as R;
    vec![
        breaks(R::STATUS_OUT_OF_RANGE, "999", "GET / HTTP/1.1\n\n999\n\n"),
        breaks(R::STATUS_510_OBSOLETED, "an empty 510 over HTTP/2", "POST /orders HTTP/2\ncontent-length: 2\n\n510\n\n"),
        near(R::STATUS_510_OBSOLETED, "511, the code after it", "GET / HTTP/1.1\n\n511\ncontent-type: text/plain\n\nlog in to the network"),
        breaks(R::INFORMATIONAL_AS_FINAL, "100 as final", "POST /u HTTP/1.1\nexpect: 100-continue\ncontent-length: 1\n\n100\n\n"),
        breaks(R::CONTINUE_WITHOUT_EXPECT, "100 to HTTP/2 without Expect", "POST /u HTTP/2\n\n100\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE, "101 with an empty Upgrade", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101\nupgrade: ,\nconnection: upgrade\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 to a protocol not offered", "GET /ws HTTP/1.1\nupgrade: h2c, foo/2\nconnection: upgrade\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 to another version", "GET /ws HTTP/1.1\nupgrade: foo/2\nconnection: upgrade\n\n101\nupgrade: foo/3\nconnection: upgrade\n\n"),
        near(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 naming the protocol without a version", "GET /ws HTTP/1.1\nupgrade: foo/2\nconnection: upgrade\n\n101\nupgrade: foo\nconnection: upgrade\n\n"),
        streaming(R::INFORMATIONAL_WITH_BODY, "101 with a streaming body", true, "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n", || TestBody::stream(&["", "hi"])).on(Wire::Received),
        streaming(R::INFORMATIONAL_WITH_BODY, "101 with a streaming body: hyper sends none of it", false, "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n", || TestBody::stream(&["", "hi"])).on(Wire::Hyper),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "2xx to CONNECT with Content-Length", "CONNECT example.com:443 HTTP/1.1\n\n200\ncontent-length: 0\n\n"),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "101 with Content-Length over HTTP/1.1 and a body", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\ncontent-length: 2\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\nhi"),
        near(R::FORBIDDEN_CONTENT_LENGTH, "an empty 101 with Content-Length over HTTP/1.1 (hyper does not send it)", "GET /u HTTP/1.1\nupgrade: foo/2\nconnection: upgrade\n\n101\nupgrade: foo/2\nconnection: upgrade\ncontent-length: 0\n\n").on(Wire::Hyper),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "an empty 100 with Content-Length over HTTP/1.1 as received (a peer's case)", "POST /u HTTP/1.1\nexpect: 100-continue\ncontent-length: 1\n\n100\ncontent-length: 0\n\n").on(Wire::Received),
        near(R::FORBIDDEN_CONTENT_LENGTH, "an empty 204 with Content-Length: 0 over HTTP/1.1 (hyper does not send it)", "DELETE /items/7 HTTP/1.1\n\n204\ncontent-length: 0\n\n").on(Wire::Hyper),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "an empty 204 with Content-Length: 0 over HTTP/1.1 as received", "DELETE /items/7 HTTP/1.1\n\n204\ncontent-length: 0\n\n").on(Wire::Received),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "an empty 204 with Content-Length: 0 over HTTP/2 (hyper sends it)", "DELETE /items/7 HTTP/2\n\n204\ncontent-length: 0\n\n"),
        breaks(R::FORBIDDEN_TRANSFER_ENCODING, "2xx to CONNECT with Transfer-Encoding", "CONNECT example.com:443 HTTP/1.1\n\n200\ntransfer-encoding: chunked\n\n").on(Wire::Received),
        near(R::FORBIDDEN_TRANSFER_ENCODING, "2xx to CONNECT with Transfer-Encoding: hyper sends none of it", "CONNECT example.com:443 HTTP/1.1\n\n200\ntransfer-encoding: chunked\n\n").on(Wire::Hyper),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with a streaming body", true, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream(&["", "hel", "lo"])).on(Wire::Received),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with a streaming body: hyper sends none of it", false, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream(&["", "hel", "lo"])).on(Wire::Hyper),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with trailers only", true, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream_with_trailers(&[])).on(Wire::Received),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with trailers only: hyper sends none of it", false, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream_with_trailers(&[])).on(Wire::Hyper),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with an empty stream", false, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream(&["", ""])),
        streaming(R::RESET_CONTENT_WITH_BODY, "205 with a streaming body", true, "POST / HTTP/1.1\ncontent-length: 0\n\n205\n\n", || TestBody::stream(&["hello"])),
        streaming(R::NOT_MODIFIED_WITH_BODY, "304 with a streaming body", true, "GET / HTTP/1.1\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\n\n", || TestBody::stream(&["hello"])).on(Wire::Received),
        streaming(R::NOT_MODIFIED_WITH_BODY, "304 with a streaming body: hyper sends none of it", false, "GET / HTTP/1.1\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\n\n", || TestBody::stream(&["hello"])).on(Wire::Hyper),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with a stream", true, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&["hello"])).on(Wire::Received),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with a streaming body over HTTP/2", true, "GET / HTTP/2\n\n204\n\n", || TestBody::stream(&["", "hel", "lo"])),
        streaming(R::NOT_MODIFIED_WITH_BODY, "304 with a streaming body over HTTP/2", true, "GET / HTTP/2\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\n\n", || TestBody::stream(&["hello"])),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with a stream over HTTP/2", true, "HEAD / HTTP/2\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&["hello"])),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with a stream: hyper sends none of it", false, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&["hello"])).on(Wire::Hyper),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with an empty stream", false, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&[""])),
        breaks(R::METHOD_NOT_ALLOWED_LISTS_METHOD, "405 listing the method on a second line", "POST / HTTP/1.1\n\n405\nallow: GET\nallow: HEAD, POST\n\n"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "511 with Expires", "GET / HTTP/1.1\n\n511\nexpires: Thu, 01 Jan 2099 00:00:00 GMT\ncontent-type: text/plain\n\nlog in"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "431 with S-MaxAge on a second line", "GET / HTTP/1.1\n\n431\ncache-control: no-transform\ncache-control: S-MaxAge=60\ncontent-type: text/plain\n\ntoo big"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "428 with private", "PUT /x HTTP/1.1\ncontent-length: 1\n\n428\ncache-control: private\ncontent-type: text/plain\n\nneed If-Match"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 with no-store, but max-age for CDNs (RFC 9213)", "GET / HTTP/1.1\n\n429\ncache-control: no-store\ncdn-cache-control: max-age=60\ncontent-type: text/plain\n\nslow down"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "511 storable only by CDNs, on a second line", "GET / HTTP/1.1\n\n511\ncdn-cache-control: must-revalidate\ncdn-cache-control: s-maxage=600\ncontent-type: text/plain\n\nlog in"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 storable by browsers' rules, no-store for CDNs, no freshness", "GET / HTTP/1.1\n\n429\ncache-control: no-cache\ncdn-cache-control: no-store\ncontent-type: text/plain\n\nslow down"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 whose CDN-Cache-Control a CDN ignores (not a Structured Field)", "GET / HTTP/1.1\n\n429\ncache-control: no-store\ncdn-cache-control: Max-Age=60\ncontent-type: text/plain\n\nslow down"),
        breaks(R::MISDIRECTED_MARKED_CACHEABLE, "421 fresh for CDNs", "GET / HTTP/2\n\n421\ncdn-cache-control: max-age=600\ncontent-type: text/plain\n\nwrong server"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 with no-cache only", "GET / HTTP/1.1\n\n429\ncache-control: no-cache, must-revalidate\ncontent-type: text/plain\n\nslow down"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 with max-age inside a quoted extension", "GET / HTTP/1.1\n\n429\ncache-control: ext=\"max-age=60\"\ncontent-type: text/plain\n\nslow down"),
        near(R::UPGRADE_REQUIRED_WITHOUT_UPGRADE, "426 over HTTP/2 (Upgrade is forbidden there)", "GET / HTTP/2\n\n426\ncontent-type: text/plain\n\nuse HTTP/3"),
        near(R::ALLOW_EXCLUDES_REQUEST_METHOD, "an OPTIONS without Origin answered as a preflight (tower-http's CorsLayer) with the route's Allow (axum)", "OPTIONS /api HTTP/1.1\n\n200\naccess-control-allow-methods: GET,PUT,POST\naccess-control-allow-origin: *\nallow: GET,HEAD,PUT,POST\n\n"),
        breaks(R::ALLOW_EXCLUDES_REQUEST_METHOD, "an OPTIONS answered by the resource, Allow without OPTIONS", "OPTIONS /api HTTP/1.1\n\n200\nallow: GET,HEAD,PUT,POST\n\n"),
        near(R::OPTIONS_WITHOUT_CAPABILITIES, "a CORS preflight answer", "OPTIONS /api HTTP/1.1\norigin: https://app.example\naccess-control-request-method: PUT\n\n204\naccess-control-allow-methods: PUT\naccess-control-allow-origin: https://app.example\n\n"),
        near(R::REDIRECT_TO_SELF, "post/redirect/get to the same URI", "POST /form HTTP/1.1\ncontent-length: 1\n\n303\nlocation: /form\n\n"),
        near(R::REDIRECT_TO_SELF, "an absolute Location is not compared", "GET /page HTTP/1.1\n\n302\nlocation: https://other.example/page\n\n"),
        breaks(R::IF_NONE_MATCH_IGNORED, "If-None-Match: * answered with 200", "GET /x HTTP/1.1\nif-none-match: *\n\n200\ncontent-type: text/plain\n\nx"),
        breaks(R::IF_NONE_MATCH_IGNORED, "a matching tag answered with 206", "GET /x HTTP/1.1\nif-none-match: \"v1\"\nrange: bytes=0-0\n\n206\netag: \"v1\"\ncontent-range: bytes 0-0/9\ncontent-type: text/plain\n\nx"),
        near(R::IF_NONE_MATCH_IGNORED, "a matching tag to PUT", "PUT /x HTTP/1.1\nif-none-match: \"v1\"\ncontent-length: 1\n\n200\netag: \"v1\"\ncontent-type: text/plain\n\nx"),
        breaks(R::IF_MODIFIED_SINCE_IGNORED, "an obsolete date form, equal", "GET /x HTTP/1.1\nif-modified-since: Sunday, 06-Nov-94 08:49:37 GMT\n\n200\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nx"),
        near(R::IF_MODIFIED_SINCE_IGNORED, "If-None-Match takes precedence", "GET /x HTTP/1.1\nif-none-match: \"v0\"\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200\netag: \"v1\"\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nx"),
        near(R::IF_MODIFIED_SINCE_IGNORED, "an invalid date is ignored", "GET /x HTTP/1.1\nif-modified-since: yesterday\n\n200\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nx"),
        breaks(R::PARTIAL_CONTENT_IF_RANGE_MISMATCH, "If-Range date older than Last-Modified", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: Sun, 06 Nov 1994 08:49:37 GMT\n\n206\nlast-modified: Mon, 07 Nov 1994 08:49:37 GMT\ncontent-range: bytes 0-0/9\n\nx"),
        near(R::PARTIAL_CONTENT_IF_RANGE_MISMATCH, "If-Range date equal to Last-Modified", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: Sun, 06 Nov 1994 08:49:37 GMT\n\n206\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-range: bytes 0-0/9\n\nx"),
        breaks(R::PARTIAL_CONTENT_IF_RANGE_MISMATCH, "a weak tag never matches If-Range", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: W/\"v1\"\n\n206\netag: W/\"v1\"\ncontent-range: bytes 0-0/9\n\nx"),
        breaks(R::PARTIAL_CONTENT_LENGTH_MISMATCH, "Content-Length other than the range", "GET /v HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/9\ncontent-length: 9\ncontent-type: text/plain\n\nabcd"),
        breaks(R::PARTIAL_CONTENT_LENGTH_MISMATCH, "last-pos beyond the complete length", "GET /v HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/2\ncontent-type: text/plain\n\nabcd"),
        breaks(R::PARTIAL_CONTENT_LENGTH_MISMATCH, "last-pos before first-pos", "GET /v HTTP/1.1\nrange: bytes=3-0\n\n206\ncontent-range: bytes 3-0/9\ncontent-type: text/plain\n\nabcd"),
        near(R::PARTIAL_CONTENT_LENGTH_MISMATCH, "unknown complete length", "GET /v HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/*\ncontent-type: text/plain\n\nabcd"),
        breaks(R::RANGE_STATUS_FOR_NON_GET, "206 to HEAD", "HEAD /v HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/9\ncontent-type: text/plain\ncontent-length: 4\n\n"),
        near(R::RETRY_AFTER_OUTSIDE_DEFINED_STATUS, "202 with the time to poll again (Azure's long-running operations)", "PUT /vms/1 HTTP/1.1\ncontent-length: 2\n\n202\nlocation: /operations/7\nretry-after: 10\ncontent-type: application/json\n\n{}"),
        breaks(R::RETRY_AFTER_INVALID, "two Retry-After lines", "GET / HTTP/1.1\n\n503\nretry-after: 120\nretry-after: 60\ncontent-type: text/plain\n\nbusy"),
        breaks(R::RETRY_AFTER_INVALID, "an obsolete date form", "GET / HTTP/1.1\n\n503\nretry-after: Sun Nov  6 08:49:37 1994\ncontent-type: text/plain\n\nbusy"),
        breaks(R::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, "TE: trailers in a response", "GET / HTTP/2\n\n200\nte: trailers\ncontent-type: text/plain\n\nx").on(Wire::Received),
        near(R::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, "TE: trailers in a response: hyper's HTTP/2 server strips it", "GET / HTTP/2\n\n200\nte: trailers\ncontent-type: text/plain\n\nx").on(Wire::Hyper),
        breaks(R::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, "Connection over HTTP/3 (not hyper's)", "GET / HTTP/3\n\n200\nconnection: close\ncontent-type: text/plain\n\nx"),
        breaks(R::HSTS_OVER_HTTP, "HTTP/2 with :scheme http", "GET http://example.com/ HTTP/2\n\n200\nstrict-transport-security: max-age=60\ncontent-type: text/plain\n\nx"),
        near(R::HSTS_OVER_HTTP, "origin-form HTTP/1.1 (scheme unknown)", "GET / HTTP/1.1\n\n200\nstrict-transport-security: max-age=60\ncontent-type: text/plain\n\nx"),
        near(
            R::HSTS_OVER_HTTP,
            "through a proxy that terminated TLS",
            "GET http://example.com/ HTTP/2\nx-forwarded-proto: https\n\n200\nstrict-transport-security: max-age=60\ncontent-type: text/plain\n\nx",
        ),
        breaks(R::UNAUTHORIZED_WITHOUT_CHALLENGE, "an empty WWW-Authenticate", "GET / HTTP/1.1\n\n401\nwww-authenticate: \ncontent-type: text/plain\n\nlog in"),
        breaks(R::LOCATION_INVALID, "a bad percent-encoding", "GET / HTTP/1.1\n\n301\nlocation: /a%zz\n\n"),
        near(R::CONTENT_WITHOUT_CONTENT_TYPE, "206 to If-Range without a type", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: \"v1\"\n\n206\netag: \"v1\"\ncontent-range: bytes 0-0/9\n\nx"),
        near(R::CONTENT_TOO_LARGE_WITHOUT_CONTENT, "chunked request content", "POST /u HTTP/1.1\ntransfer-encoding: chunked\n\n413\ncontent-type: text/plain\n\ntoo large"),
        // Issue 9, class 3: CORS preflights are answered by the CORS layer, not the resource.
        near(R::ALLOW_EXCLUDES_REQUEST_METHOD, "a CORS preflight answered with the resource's Allow", "OPTIONS /api HTTP/1.1\norigin: https://app.example\naccess-control-request-method: PUT\n\n200\nallow: GET, PUT\naccess-control-allow-methods: PUT\naccess-control-allow-origin: https://app.example\n\n"),
        breaks(R::ALLOW_EXCLUDES_REQUEST_METHOD, "a plain OPTIONS whose Allow omits OPTIONS", "OPTIONS /api HTTP/1.1\n\n200\nallow: GET, PUT\n\n"),
        breaks(R::OPTIONS_WITHOUT_CAPABILITIES, "Access-Control-Request-Method without Origin is no preflight", "OPTIONS /api HTTP/1.1\naccess-control-request-method: PUT\n\n204\n\n"),
        // Class 4: a MUST-level claim needs the validator to compare.
        near(R::PARTIAL_CONTENT_IF_RANGE_MISMATCH, "206 without ETag to an If-Range tag", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: \"v1\"\n\n206\ncontent-range: bytes 0-0/9\n\nx"),
        near(R::PARTIAL_CONTENT_IF_RANGE_MISMATCH, "206 without Last-Modified to an If-Range date", "GET /v HTTP/1.1\nrange: bytes=0-0\nif-range: Sun, 06 Nov 1994 08:49:37 GMT\n\n206\ncontent-range: bytes 0-0/9\n\nx"),
        // Class 5: an invalid length is no defined length.
        near(R::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, "411 to an invalid Content-Length", "POST /u HTTP/1.1\ncontent-length: 1x\n\n411\ncontent-type: text/plain\n\nlength required"),
        near(R::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, "411 to two different lengths", "POST /u HTTP/1.1\ncontent-length: 3\ncontent-length: 4\n\n411\ncontent-type: text/plain\n\nlength required"),
        near(R::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, "411 to a length that Transfer-Encoding overrides", "POST /u HTTP/1.1\ncontent-length: 3\ntransfer-encoding: chunked\n\n411\ncontent-type: text/plain\n\nlength required"),
        breaks(R::LENGTH_REQUIRED_WITH_CONTENT_LENGTH, "411 to a repeated valid length", "POST /u HTTP/1.1\ncontent-length: 3, 3\n\n411\ncontent-type: text/plain\n\nlength required"),
        // Class 6: range units are case-insensitive.
        breaks(R::PARTIAL_CONTENT_MULTIPART_FOR_SINGLE_RANGE, "one range in an upper-case unit", "GET /v HTTP/1.1\nrange: BYTES=0-3\n\n206\ncontent-type: multipart/byteranges; boundary=x\n\n--x--"),
        breaks(R::RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE, "416 to an upper-case byte range", "GET /v HTTP/1.1\nrange: Bytes=200-\n\n416\ncontent-type: text/plain\n\nout of range"),
        near(R::RANGE_NOT_SATISFIABLE_WITHOUT_CONTENT_RANGE, "an upper-case unit in Content-Range", "GET /v HTTP/1.1\nrange: bytes=200-\n\n416\ncontent-range: BYTES */100\ncontent-type: text/plain\n\nout of range"),
        near(R::PARTIAL_CONTENT_LENGTH_MISMATCH, "an upper-case unit in Content-Range of a 206", "GET /v HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: Bytes 0-3/9\ncontent-type: text/plain\n\nabcd"),
        // Class 7: list fields are read on every line.
        near(R::SWITCHING_PROTOCOLS_UNREQUESTED, "the protocol offered on a second Upgrade line", "GET /ws HTTP/1.1\nupgrade: h2c\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n"),
        breaks(R::IF_NONE_MATCH_IGNORED, "the matching tag on a second If-None-Match line", "GET /x HTTP/1.1\nif-none-match: \"v0\"\nif-none-match: \"v1\"\n\n200\netag: \"v1\"\ncontent-type: text/plain\n\nx"),
        breaks(R::UPGRADE_REQUIRED_ALREADY_OFFERED, "426 demanding what a second Upgrade line offered", "GET / HTTP/1.1\nupgrade: h2c\nupgrade: TLS/1.3\n\n426\nupgrade: TLS/1.3\nconnection: upgrade\ncontent-type: text/plain\n\nuse TLS"),
        near(R::WEBSOCKET_NOT_OFFERED, "an extension offered on a second line, with parameters", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\nsec-websocket-extensions: x-foo\nsec-websocket-extensions: permessage-deflate; client_max_window_bits\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nsec-websocket-extensions: permessage-deflate; server_no_context_takeover\n\n"),
        breaks(R::WEBSOCKET_NOT_OFFERED, "an extension nobody offered", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\nsec-websocket-extensions: permessage-deflate\n\n"),
        breaks(R::WEBSOCKET_ACCEPT_INVALID, "no Sec-WebSocket-Accept", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\n\n"),
        breaks(R::WEBSOCKET_ACCEPT_INVALID, "a handshake without a key", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n"),
        // Class 9: opt-in rules, re-derived.
        near(R::OK_WITHOUT_VALIDATOR, "a dynamic 200 that caches may not keep", "GET /api/now HTTP/1.1\n\n200\ncontent-type: application/json\n\n{}"),
        breaks(R::OK_WITHOUT_VALIDATOR, "a 200 to a request that sent a validator back", "GET /logo.png HTTP/1.1\nif-none-match: \"v1\"\n\n200\ncontent-type: image/png\n\nPNG"),
        near(R::REST_UNEXPECTED_STATUS_FOR_METHOD, "412 to GET", "GET /doc HTTP/1.1\nif-match: \"v1\"\n\n412\ncontent-type: text/plain\n\nchanged"),
        near(R::REST_UNEXPECTED_STATUS_FOR_METHOD, "405 to OPTIONS", "OPTIONS /doc HTTP/1.1\n\n405\nallow: GET, HEAD\ncontent-type: text/plain\n\nno"),
        near(R::REST_UNEXPECTED_STATUS_FOR_METHOD, "303 to GET", "GET /doc HTTP/1.1\n\n303\nlocation: /about-doc\ncontent-type: text/plain\n\nsee /about-doc"),
        near(R::REST_UNEXPECTED_STATUS_FOR_METHOD, "201 to PUT", "PUT /doc HTTP/1.1\ncontent-length: 2\n\n201\nlocation: /doc\n\n"),
        breaks(R::REST_UNEXPECTED_STATUS_FOR_METHOD, "205 to PUT", "PUT /doc HTTP/1.1\ncontent-length: 2\n\n205\ncontent-length: 0\n\n"),
        // Class 10: Location on 202 points to a status monitor.
        near(R::LOCATION_OUTSIDE_REDIRECT, "202 with a status monitor", "POST /jobs HTTP/1.1\ncontent-length: 2\n\n202\nlocation: /jobs/7\ncontent-type: text/plain\n\nqueued"),
        // Misses: 416 to a unit the server ignores, or to a satisfiable range.
        breaks(R::RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT, "416 to a unit Accept-Ranges does not list", "GET /v HTTP/1.1\nrange: items=0-9\n\n416\naccept-ranges: bytes\ncontent-type: text/plain\n\nno"),
        near(R::RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT, "416 in the server's own unit", "GET /v HTTP/1.1\nrange: items=500-\n\n416\naccept-ranges: items\ncontent-range: items */100\ncontent-type: text/plain\n\nno"),
        breaks(R::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE, "416 to a single satisfiable range", "GET /v HTTP/1.1\nrange: bytes=0-9\n\n416\ncontent-range: bytes */100\ncontent-type: text/plain\n\nno"),
        breaks(R::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE, "416 to a suffix range", "GET /v HTTP/1.1\nrange: bytes=-10\n\n416\ncontent-range: bytes */100\ncontent-type: text/plain\n\nno"),
        near(R::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE, "416 to overlapping ranges", "GET /v HTTP/1.1\nrange: bytes=0-9, 5-20\n\n416\ncontent-range: bytes */100\ncontent-type: text/plain\n\nno"),
        near(R::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE, "416 to an empty representation", "GET /v HTTP/1.1\nrange: bytes=0-9\n\n416\ncontent-range: bytes */0\ncontent-type: text/plain\n\nno"),
        // Misses: redirects resolved against the effective request URI.
        breaks(R::REDIRECT_TO_SELF, "a relative reference to the same path", "GET /a/b?x=1 HTTP/1.1\n\n302\nlocation: b?x=1\n\n"),
        breaks(R::REDIRECT_TO_SELF, "an absolute reference over HTTP/2", "GET https://example.com/a HTTP/2\n\n301\nlocation: https://example.com/a#top\n\n"),
        breaks(R::REDIRECT_TO_SELF, "307 keeps POST", "POST /form HTTP/1.1\ncontent-length: 1\n\n307\nlocation: /form\n\n"),
        near(R::REDIRECT_TO_SELF, "303 turns POST into GET", "POST /form HTTP/1.1\ncontent-length: 1\n\n303\nlocation: /form\ncontent-type: text/plain\n\nsee /form"),
        near(R::REDIRECT_TO_SELF, "http to https on the same path", "GET http://example.com/a HTTP/1.1\nhost: example.com\n\n301\nlocation: https://example.com/a\n\n"),
        near(R::REDIRECT_TO_SELF, "an absolute reference when the scheme is unknown", "GET /a HTTP/1.1\nhost: example.com\n\n301\nlocation: https://example.com/a\n\n"),
        near(R::REDIRECT_TO_SELF, "a redirect that sets a cookie", "GET /login HTTP/1.1\n\n302\nlocation: /login\nset-cookie: session=1\n\n"),
        near(R::REDIRECT_TO_SELF, "a redirect that asks the client to wait", "GET /job/7 HTTP/1.1\n\n307\nlocation: /job/7\nretry-after: 5\n\n"),
        // httpolice's notice 1085 cases, and RFC 3986 §6.2.2–§6.2.3 normalization.
        breaks(R::REDIRECT_TO_SELF, "an absolute Location with the default port", "GET http://example.com/a HTTP/1.1\nhost: example.com\n\n302\nlocation: http://example.com:80/a\n\n"),
        breaks(R::REDIRECT_TO_SELF, "an encoded unreserved character", "GET https://example.com/~a HTTP/2\n\n308\nlocation: https://EXAMPLE.com/%7Ea\n\n"),
        breaks(R::REDIRECT_TO_SELF, "301 keeps PUT", "PUT http://example.com/doc HTTP/1.1\nhost: example.com\ncontent-length: 1\n\n301\nlocation: http://example.com/doc\n\n"),
        breaks(R::REDIRECT_TO_SELF, "300 whose preferred choice is itself", "GET /doc HTTP/1.1\n\n300\nlocation: /doc\ncontent-type: text/html\n\n<a href=\"/doc.en\">en</a>"),
        near(R::REDIRECT_TO_SELF, "300 preferring another representation", "GET /doc HTTP/1.1\n\n300\nlocation: /doc.en\ncontent-type: text/html\n\n<a href=\"/doc.en\">en</a>"),
        near(R::REDIRECT_TO_SELF, "an encoded slash is another path", "GET /a/b HTTP/1.1\n\n302\nlocation: /a%2Fb\n\n"),
        near(R::REDIRECT_TO_SELF, "another port", "GET http://example.com/a HTTP/1.1\nhost: example.com\n\n302\nlocation: http://example.com:8080/a\n\n"),
        near(R::REDIRECT_TO_SELF, "303 turns PUT into GET", "PUT /doc HTTP/1.1\ncontent-length: 1\n\n303\nlocation: /doc\ncontent-type: text/plain\n\nsee /doc"),
        breaks(R::WEBSOCKET_HANDSHAKE_NOT_GET, "101 to a WebSocket HEAD", "HEAD /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\n\n101\nupgrade: websocket\nconnection: upgrade\nsec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n\n"),
        near(R::WEBSOCKET_HANDSHAKE_NOT_GET, "400 to a WebSocket POST", "POST /chat HTTP/1.1\nupgrade: websocket\nconnection: upgrade\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\ncontent-length: 0\n\n400\ncontent-type: text/plain\n\nthe handshake is a GET"),
        breaks(R::CONTENT_DIGEST_WITHOUT_CONTENT, "a 304 with its 200's sha-512", "GET /items/123 HTTP/2\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\ncontent-digest: sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:\n\n"),
        breaks(R::CONTENT_DIGEST_WITHOUT_CONTENT, "an empty 200 with a digest of content", "GET /empty HTTP/1.1\n\n200\ncontent-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:, md5=:1B2M2Y8AsgTpgAmY7PhCfg==:\n\n"),
        near(R::CONTENT_DIGEST_WITHOUT_CONTENT, "a 204 with the empty digests, unpadded, and an unknown algorithm", "PUT /items/123 HTTP/1.1\ncontent-length: 2\n\n204\ncontent-digest: sha-512=:z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg:, blake3=:AAAA:\nrepr-digest: sha-256=:d435Qo+nKZ+gLcUHn7GQtQ72hiBVAgqoLsZnZPiTGPk=:\n\n"),
        near(R::CONTENT_DIGEST_WITHOUT_CONTENT, "a 200 with content and its digest", "GET /items/123 HTTP/1.1\n\n200\ncontent-type: application/json\ncontent-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\n\n{\"hello\": \"world\"}\n"),
        near(R::CONTENT_DIGEST_WITHOUT_CONTENT, "a Content-Digest that is no Dictionary (ignored by recipients)", "HEAD /items/123 HTTP/1.1\n\n200\ncontent-type: application/json\ncontent-digest: SHA-256=abc\n\n"),
        // Peers' checks.
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with trailers over HTTP/1.1", true, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream_with_trailers(&[])).on(Wire::Received),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with trailers over HTTP/1.1: hyper sends none of it", false, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream_with_trailers(&[])).on(Wire::Hyper),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with trailers over HTTP/2", false, "HEAD / HTTP/2\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream_with_trailers(&[])),
        streaming(R::NOT_MODIFIED_WITH_BODY, "304 with trailers only", true, "GET / HTTP/2\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\n\n", || TestBody::stream_with_trailers(&[])),
        breaks(R::CONNECTION_CLOSE_ON_HANDOFF, "2xx to CONNECT with close", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n200\nconnection: close\n\n"),
        near(R::CONNECTION_CLOSE_ON_HANDOFF, "close on a 502 to CONNECT", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n502\nconnection: close\ncontent-type: text/plain\n\nno tunnel"),
        breaks(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "dcz on a 200 without Vary", "GET /app.v2.js HTTP/1.1\navailable-dictionary: :pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=:\n\n200\ncontent-type: text/javascript\ncontent-encoding: DCZ\n\nx"),
        breaks(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "dcb on a 201 marked storable", "POST /bundles HTTP/1.1\ncontent-length: 2\n\n201\nlocation: /bundles/1\ncontent-type: text/javascript\ncontent-encoding: dcb\ncache-control: max-age=60\nvary: accept-encoding\n\nx"),
        near(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "dcb marked no-store", "GET /app.v2.js HTTP/1.1\n\n200\ncontent-type: text/javascript\ncontent-encoding: dcb\ncache-control: private, no-store\n\nx"),
        near(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "dcb with Vary: *", "GET /app.v2.js HTTP/1.1\n\n200\ncontent-type: text/javascript\ncontent-encoding: dcb\nvary: *\n\nx"),
        near(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "dcb on a 201 caches may not store", "POST /bundles HTTP/1.1\ncontent-length: 2\n\n201\nlocation: /bundles/1\ncontent-type: text/javascript\ncontent-encoding: dcb\n\nx"),
        near(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "br, without a dictionary", "GET /app.v2.js HTTP/1.1\n\n200\ncontent-type: text/javascript\ncontent-encoding: br\nvary: accept-encoding\n\nx"),
        near(R::DICTIONARY_COMPRESSED_WITHOUT_VARY, "Vary over two lines", "GET /app.v2.js HTTP/1.1\n\n200\ncontent-type: text/javascript\ncontent-encoding: dcb\nvary: accept-encoding\nvary: Available-Dictionary\n\nx"),
        breaks(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "no port at all", "CONNECT example.com HTTP/1.1\nhost: example.com\n\n200\n\n"),
        breaks(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "port 0", "CONNECT example.com:0 HTTP/1.1\nhost: example.com:0\n\n200\n\n"),
        breaks(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "port 65536", "CONNECT 192.0.2.7:65536 HTTP/1.1\nhost: 192.0.2.7:65536\n\n204\n\n"),
        breaks(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "a signed port", "CONNECT example.com:+443 HTTP/1.1\nhost: example.com:+443\n\n200\n\n"),
        breaks(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "an IPv6 literal without a port", "CONNECT [2001:db8::1] HTTP/1.1\nhost: [2001:db8::1]\n\n200\n\n"),
        near(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "an IPv6 literal with its port", "CONNECT [2001:db8::1]:8443 HTTP/1.1\nhost: [2001:db8::1]:8443\n\n200\n\n"),
        near(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "an empty port rejected", "CONNECT example.com: HTTP/1.1\nhost: example.com:\n\n400\nconnection: close\ncontent-type: text/plain\n\nno port"),
        near(R::CONNECT_TO_INVALID_PORT_ACCEPTED, "port 65535", "CONNECT example.com:65535 HTTP/1.1\nhost: example.com:65535\n\n200\n\n"),
        breaks(R::URI_TOO_LONG_FOR_SHORT_TARGET, "an empty 414 to /", "GET / HTTP/2\n\n414\n\n"),
        near(R::URI_TOO_LONG_FOR_SHORT_TARGET, "a 414 to a target of 8 000 octets", format!("GET /{} HTTP/1.1\n\n414\ncontent-type: text/plain\n\ntoo long", "a".repeat(7999)).leak()),
        near(R::NOT_IMPLEMENTED_FOR_GET_OR_HEAD, "an intermediary refusing to forward incrementally (RFC 10036)", "GET /events HTTP/1.1\nincremental: ?1\n\n501\nproxy-status: cdn.example; error=incremental_refused\ncontent-type: text/plain\n\nnot forwarded incrementally"),
        breaks(R::NOT_IMPLEMENTED_FOR_GET_OR_HEAD, "a Proxy-Status with another error", "GET /events HTTP/1.1\n\n501\nproxy-status: cdn.example; error=proxy_internal_error\ncontent-type: text/plain\n\nbroken"),
        breaks(R::NOT_IMPLEMENTED_FOR_GET_OR_HEAD, "a Proxy-Status line that does not parse", "GET /events HTTP/1.1\n\n501\nproxy-status: cdn.example; error=incremental_refused, (\ncontent-type: text/plain\n\nbroken"),
        near(R::NOT_IMPLEMENTED_FOR_STANDARD_METHOD, "an incremental POST refused by an intermediary", "POST /upload HTTP/1.1\nincremental: ?1\ncontent-length: 2\n\n501\nproxy-status: edge; error=incremental_refused\ncontent-type: text/plain\n\nnot forwarded incrementally"),
        breaks(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "a 403 for a DNS error, downstream of the origin", "GET / HTTP/1.1\n\n403\nproxy-status: origin-lb, cdn.example; error=dns_error; rcode=\"NXDOMAIN\"\ncontent-type: text/plain\n\nno such host"),
        breaks(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "a 500 for http_request_error", "GET / HTTP/2\n\n500\nproxy-status: edge; error=http_request_error\ncontent-type: text/plain\n\nbad request"),
        near(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "RFC 9209's own example: a 429 the reverse proxy generated", "GET / HTTP/1.1\n\n429\nproxy-status: SomeReverseProxy; error=http_request_error, SomeCDN\ncontent-type: text/plain\n\nslow down"),
        near(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "a 429 for connection_limit_reached (RFC 10036)", "POST /upload HTTP/1.1\ncontent-length: 2\n\n429\nproxy-status: edge; error=connection_limit_reached\ncontent-type: text/plain\n\ntry later"),
        near(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "an error type nobody registered", "GET / HTTP/1.1\n\n500\nproxy-status: edge; error=x_vendor_error\ncontent-type: text/plain\n\noops"),
        near(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "a member without an error", "GET / HTTP/1.1\n\n200\nproxy-status: cdn.example; received-status=200; next-hop=origin\ncontent-type: text/plain\n\nok"),
        near(R::PROXY_STATUS_ERROR_STATUS_DIFFERS, "a line that does not parse", "GET / HTTP/1.1\n\n500\nproxy-status: edge; error=connection_timeout, (\ncontent-type: text/plain\n\noops"),
        breaks(R::NOT_MODIFIED_ETAG_MISMATCH, "a stale tag answered 304 from the date, to HEAD", "HEAD /x HTTP/1.1\nif-none-match: \"v1\"\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304\netag: \"v2\"\n\n"),
        breaks(R::NOT_MODIFIED_ETAG_MISMATCH, "none of two lines' tags matches", "GET /x HTTP/1.1\nif-none-match: \"a\"\nif-none-match: \"b\"\n\n304\netag: W/\"c\"\n\n"),
        near(R::NOT_MODIFIED_ETAG_MISMATCH, "If-None-Match: *", "GET /x HTTP/1.1\nif-none-match: *\n\n304\netag: \"v2\"\n\n"),
        near(R::NOT_MODIFIED_ETAG_MISMATCH, "a list with something not a tag", "GET /x HTTP/1.1\nif-none-match: \"v1\", v1\n\n304\netag: \"v2\"\n\n"),
        near(R::NOT_MODIFIED_ETAG_MISMATCH, "the tag matched on a second line", "GET /x HTTP/1.1\nif-none-match: \"a\"\nif-none-match: W/\"b\"\n\n304\netag: \"b\"\n\n"),
        near(R::NOT_MODIFIED_ETAG_MISMATCH, "a 304 from If-Modified-Since alone", "GET /x HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304\netag: \"v2\"\n\n"),
        breaks(R::CONNECT_REJECTED_WITHOUT_CLOSE, "a 502 to CONNECT, the connection kept", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n502\ncontent-type: text/plain\n\nno tunnel").on(Wire::Hyper),
        near(R::CONNECT_REJECTED_WITHOUT_CLOSE, "as received: the server may close without saying so", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n502\ncontent-type: text/plain\n\nno tunnel").on(Wire::Received),
        near(R::CONNECT_REJECTED_WITHOUT_CLOSE, "the request's close, which hyper honours", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\nconnection: close\n\n403\ncontent-type: text/plain\n\nno tunnel").on(Wire::Hyper),
        near(R::CONNECT_REJECTED_WITHOUT_CLOSE, "over HTTP/2 (RFC 9931 binds HTTP/1.1 only)", "CONNECT example.com:443 HTTP/2\n\n403\ncontent-type: text/plain\n\nno tunnel"),
        near(R::CONNECT_REJECTED_WITHOUT_CLOSE, "a 200 to CONNECT: the tunnel", "CONNECT example.com:443 HTTP/1.1\nhost: example.com:443\n\n200\n\n"),
        near(R::DUPLICATE_HOST_NOT_REJECTED, "two Host lines answered with 400", "GET /page HTTP/1.1\nhost: a.example\nhost: b.example\n\n400\ncontent-type: text/plain\n\nbad host"),
        near(R::DUPLICATE_HOST_NOT_REJECTED, "two Host lines over HTTP/2 (RFC 9112 does not apply)", "GET /page HTTP/2\nhost: a.example\nhost: b.example\n\n200\ncontent-type: text/plain\n\nhello"),
        near(R::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT, "an empty request with a Content-Encoding", "POST /items HTTP/1.1\ncontent-encoding: br\ncontent-length: 0\n\n415\naccept-encoding: gzip\ncontent-type: text/plain\n\nno br"),
        near(R::PRECONDITION_REQUIRED_ALREADY_CONDITIONAL, "If-Match: * only", "PUT /doc HTTP/1.1\nif-match: *\ncontent-length: 2\n\n428\ncontent-type: text/plain\n\nsend a tag"),
        // QUERY (RFC 10008): safe, conditional and ranged as GET is, Location on its 2xx.
        near(R::LOCATION_OUTSIDE_REDIRECT, "200 to QUERY naming its equivalent resource", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n200\nlocation: /stored-queries/42\ncontent-type: text/csv\n\nname\nann"),
        breaks(R::LOCATION_OUTSIDE_REDIRECT, "400 to QUERY with Location", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n400\nlocation: /stored-queries/42\ncontent-type: text/plain\n\nbad query"),
        near(R::NOT_MODIFIED_TO_NON_GET_HEAD, "304 to QUERY with If-None-Match", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-none-match: \"r1\"\n\n304\netag: \"r1\"\n\n"),
        near(R::IF_MODIFIED_SINCE_ON_NON_GET_HEAD, "304 to QUERY with If-Modified-Since", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\n\n"),
        breaks(R::IF_MODIFIED_SINCE_ON_NON_GET_HEAD, "304 to POST with If-Modified-Since", "POST /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\n\n"),
        breaks(R::IF_NONE_MATCH_IGNORED, "200 to QUERY whose ETag matches", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-none-match: \"r1\"\n\n200\netag: \"r1\"\ncontent-type: text/csv\n\nname\nann"),
        breaks(R::IF_MODIFIED_SINCE_IGNORED, "200 to QUERY not modified since", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/csv\n\nname\nann"),
        near(R::RANGE_STATUS_FOR_NON_GET, "206 to a ranged QUERY", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/8\ncontent-type: text/csv\n\nname"),
        near(R::RANGE_STATUS_FOR_NON_GET, "416 to a ranged QUERY", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nrange: bytes=90-99\n\n416\ncontent-range: bytes */8\ncontent-type: text/plain\n\nno"),
        breaks(R::RANGE_STATUS_FOR_NON_GET, "206 to a ranged HEAD", "HEAD /video HTTP/1.1\nrange: bytes=0-3\n\n206\ncontent-range: bytes 0-3/100\ncontent-type: video/mp4\n\n"),
        near(R::STATE_CHANGING_STATUS_TO_SAFE_METHOD, "201 to QUERY that stored the query", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n201\nlocation: /stored-queries/42\ncontent-type: text/csv\n\nname\nann"),
        near(R::STATE_CHANGING_STATUS_TO_SAFE_METHOD, "409 to QUERY: a conflict with the state, no change of it", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\n\n409\ncontent-type: text/plain\n\nconflict"),
        near(R::STATE_CHANGING_STATUS_TO_SAFE_METHOD, "409 to GET on an empty repository (GitHub)", "GET /repos/o/r/commits HTTP/1.1\n\n409\ncontent-type: application/json\n\n{\"message\":\"Git Repository is empty.\"}"),
        near(R::STATE_CHANGING_STATUS_TO_SAFE_METHOD, "202 to GET while the statistics are computed (GitHub)", "GET /repos/o/r/stats/contributors HTTP/1.1\n\n202\ncontent-type: application/json\n\n{}"),
        breaks(R::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, "204 to an empty QUERY without Content-Type", "QUERY /contacts HTTP/1.1\ncontent-length: 0\n\n204\n\n"),
        breaks(R::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, "200 to a QUERY over HTTP/2 without Content-Type", "QUERY /contacts HTTP/2\n\n200\ncontent-type: text/csv\n\nname\nann"),
        near(R::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, "400 to a QUERY without Content-Type", "QUERY /contacts HTTP/1.1\ncontent-length: 8\n\n400\ncontent-type: text/plain\n\nsay what the query is"),
        near(R::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, "200 to a POST without Content-Type", "POST /contacts HTTP/1.1\ncontent-length: 8\n\n200\ncontent-type: text/csv\n\nname\nann"),
        breaks(R::ACCEPT_QUERY_INVALID, "a trailing comma", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: application/sql,\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "an uppercase parameter name", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: application/sql;Charset=UTF-8\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "a wildcard type with a subtype", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: */json\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "a member that is no media range", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: sql\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "a Boolean parameter", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: application/sql;strict\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "a leading digit as a Token", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: 3gpp-query/x\n\n"),
        breaks(R::ACCEPT_QUERY_INVALID, "the second of two lines", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: application/sql\naccept-query: (a/b)\n\n"),
        near(R::ACCEPT_QUERY_INVALID, "a leading digit as a String, on two lines", "OPTIONS /q HTTP/1.1\n\n204\nallow: OPTIONS, QUERY\naccept-query: \"3gpp-query/x\"\naccept-query: */*\n\n"),
        near(R::ACCEPT_QUERY_INVALID, "RFC 10008 §3's example on a 200 to GET", "GET /q HTTP/1.1\n\n200\naccept-query: \"application/jsonpath\", application/sql;charset=\"UTF-8\"\ncontent-type: text/plain\n\nquery me"),
        near(R::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, "415 to QUERY with Accept (RFC 10008 A.3)", "QUERY /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415\naccept: application/sql\ncontent-type: text/plain\n\nno"),
        near(R::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, "415 to QUERY for its content coding", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-encoding: br\ncontent-length: 5\n\n415\naccept-encoding: gzip\ncontent-type: text/plain\n\nno br"),
        near(R::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, "415 to a QUERY without Content-Type (axum's Json extractor)", "QUERY /contacts HTTP/1.1\ncontent-length: 5\n\n415\ncontent-type: text/plain\n\nExpected request with `Content-Type: application/json`"),
        near(R::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, "415 to POST naming nothing", "POST /contacts HTTP/1.1\ncontent-type: text/plain\ncontent-length: 5\n\n415\ncontent-type: text/plain\n\nno"),
        breaks(R::OK_WITHOUT_VALIDATOR, "200 to a conditional QUERY without validators", "QUERY /contacts HTTP/1.1\ncontent-type: application/sql\ncontent-length: 8\nif-none-match: \"r0\"\n\n200\ncontent-type: text/csv\n\nname\nann"),
    ]
}
