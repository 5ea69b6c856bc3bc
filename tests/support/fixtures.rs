//! Exchanges beyond each rule's own example and near-miss (`Rule::example`,
//! `Rule::near_miss`): bodies that stream, other statuses and forms a rule covers, and further
//! near-misses. Written in the registry's exchange format.

use tower_status_conformance::Rule;

use super::{
    body::TestBody,
    exchange::{self, Exchange},
};

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
}

impl Fixture {
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
    }
}

/// The header that, once configured, lets `method-not-allowed-without-allow` be repaired.
pub(crate) const ALLOW_FOR_FIXTURES: &str = "GET, HEAD";

pub(crate) fn all() -> Vec<Fixture> {
    use Rule as R;
    vec![
        breaks(R::STATUS_OUT_OF_RANGE, "999", "GET / HTTP/1.1\n\n999\n\n"),
        breaks(R::INFORMATIONAL_AS_FINAL, "100 as final", "POST /u HTTP/1.1\nexpect: 100-continue\ncontent-length: 1\n\n100\n\n"),
        breaks(R::CONTINUE_WITHOUT_EXPECT, "100 to HTTP/2 without Expect", "POST /u HTTP/2\n\n100\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE, "101 with an empty Upgrade", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101\nupgrade: ,\nconnection: upgrade\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 to a protocol not offered", "GET /ws HTTP/1.1\nupgrade: h2c, foo/2\nconnection: upgrade\n\n101\nupgrade: websocket\nconnection: upgrade\n\n"),
        breaks(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 to another version", "GET /ws HTTP/1.1\nupgrade: foo/2\nconnection: upgrade\n\n101\nupgrade: foo/3\nconnection: upgrade\n\n"),
        near(R::SWITCHING_PROTOCOLS_UNREQUESTED, "101 naming the protocol without a version", "GET /ws HTTP/1.1\nupgrade: foo/2\nconnection: upgrade\n\n101\nupgrade: foo\nconnection: upgrade\n\n"),
        streaming(R::INFORMATIONAL_WITH_BODY, "101 with a streaming body", true, "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101\nupgrade: websocket\nconnection: upgrade\n\n", || TestBody::stream(&["", "hi"])),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "2xx to CONNECT with Content-Length", "CONNECT example.com:443 HTTP/1.1\n\n200\ncontent-length: 0\n\n"),
        breaks(R::FORBIDDEN_CONTENT_LENGTH, "101 with Content-Length", "GET /ws HTTP/1.1\nupgrade: websocket\nconnection: upgrade\n\n101\nupgrade: websocket\nconnection: upgrade\ncontent-length: 0\n\n"),
        breaks(R::FORBIDDEN_TRANSFER_ENCODING, "2xx to CONNECT with Transfer-Encoding", "CONNECT example.com:443 HTTP/1.1\n\n200\ntransfer-encoding: chunked\n\n"),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with a streaming body", true, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream(&["", "hel", "lo"])),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with trailers only", true, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream_with_trailers(&[])),
        streaming(R::NO_CONTENT_WITH_BODY, "204 with an empty stream", false, "GET / HTTP/1.1\n\n204\n\n", || TestBody::stream(&["", ""])),
        streaming(R::RESET_CONTENT_WITH_BODY, "205 with a streaming body", true, "POST / HTTP/1.1\ncontent-length: 0\n\n205\n\n", || TestBody::stream(&["hello"])),
        streaming(R::NOT_MODIFIED_WITH_BODY, "304 with a streaming body", true, "GET / HTTP/1.1\nif-none-match: \"v1\"\n\n304\netag: \"v1\"\n\n", || TestBody::stream(&["hello"])),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with a stream", true, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&["hello"])),
        streaming(R::HEAD_RESPONSE_WITH_BODY, "HEAD answered with an empty stream", false, "HEAD / HTTP/1.1\n\n200\ncontent-type: text/plain\n\n", || TestBody::stream(&[""])),
        breaks(R::METHOD_NOT_ALLOWED_LISTS_METHOD, "405 listing the method on a second line", "POST / HTTP/1.1\n\n405\nallow: GET\nallow: HEAD, POST\n\n"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "511 with Expires", "GET / HTTP/1.1\n\n511\nexpires: Thu, 01 Jan 2099 00:00:00 GMT\ncontent-type: text/plain\n\nlog in"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "431 with S-MaxAge on a second line", "GET / HTTP/1.1\n\n431\ncache-control: no-transform\ncache-control: S-MaxAge=60\ncontent-type: text/plain\n\ntoo big"),
        breaks(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "428 with private", "PUT /x HTTP/1.1\ncontent-length: 1\n\n428\ncache-control: private\ncontent-type: text/plain\n\nneed If-Match"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 with no-cache only", "GET / HTTP/1.1\n\n429\ncache-control: no-cache, must-revalidate\ncontent-type: text/plain\n\nslow down"),
        near(R::NEVER_STORE_STATUS_MARKED_CACHEABLE, "429 with max-age inside a quoted extension", "GET / HTTP/1.1\n\n429\ncache-control: ext=\"max-age=60\"\ncontent-type: text/plain\n\nslow down"),
        near(R::UPGRADE_REQUIRED_WITHOUT_UPGRADE, "426 over HTTP/2 (Upgrade is forbidden there)", "GET / HTTP/2\n\n426\ncontent-type: text/plain\n\nuse HTTP/3"),
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
        breaks(R::RETRY_AFTER_INVALID, "two Retry-After lines", "GET / HTTP/1.1\n\n503\nretry-after: 120\nretry-after: 60\ncontent-type: text/plain\n\nbusy"),
        breaks(R::RETRY_AFTER_INVALID, "an obsolete date form", "GET / HTTP/1.1\n\n503\nretry-after: Sun Nov  6 08:49:37 1994\ncontent-type: text/plain\n\nbusy"),
        breaks(R::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, "TE: trailers in a response", "GET / HTTP/2\n\n200\nte: trailers\ncontent-type: text/plain\n\nx"),
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
    ]
}
