//! One table of exchanges: for every rule at least one response that breaks it and one
//! near-miss that does not (and breaks nothing else).

use http::{Method, Request, Response, StatusCode, Version};
use tower_status_conformance::Rule;

use super::body::TestBody;

pub(crate) struct Fixture {
    pub(crate) rule: Rule,
    pub(crate) name: &'static str,
    /// `true`: breaks `rule`; `false`: a near-miss that breaks no rule at all.
    pub(crate) violating: bool,
    /// Whether the violation can only be seen while the body streams.
    pub(crate) at_stream: bool,
    pub(crate) request: fn() -> Request<()>,
    pub(crate) response: fn() -> Response<TestBody>,
}

fn req(method: Method, version: Version, headers: &[(&str, &str)]) -> Request<()> {
    let mut builder = Request::builder()
        .method(method)
        .uri("/fixture")
        .version(version);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(()).unwrap()
}

fn res(status: u16, headers: &[(&str, &str)], body: TestBody) -> Response<TestBody> {
    let mut builder = Response::builder().status(StatusCode::from_u16(status).unwrap());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).unwrap()
}

fn get() -> Request<()> {
    req(Method::GET, Version::HTTP_11, &[])
}
fn post() -> Request<()> {
    req(Method::POST, Version::HTTP_11, &[])
}
fn head() -> Request<()> {
    req(Method::HEAD, Version::HTTP_11, &[])
}
fn websocket_offer() -> Request<()> {
    req(
        Method::GET,
        Version::HTTP_11,
        &[("upgrade", "websocket"), ("connection", "upgrade")],
    )
}
fn switching(upgrade: &str) -> Response<TestBody> {
    res(
        101,
        &[("upgrade", upgrade), ("connection", "upgrade")],
        TestBody::empty(),
    )
}

macro_rules! fixture {
    ($rule:ident, $name:literal, $violating:expr, $at_stream:expr, $request:expr, $response:expr) => {
        Fixture {
            rule: Rule::$rule,
            name: $name,
            violating: $violating,
            at_stream: $at_stream,
            request: $request,
            response: $response,
        }
    };
}

const BREAKS: bool = true;
const NEAR_MISS: bool = false;
const HEAD_TIME: bool = false;
const STREAM_TIME: bool = true;

pub(crate) fn all() -> Vec<Fixture> {
    vec![
        // status-out-of-range
        fixture!(
            STATUS_OUT_OF_RANGE,
            "600 from a handler",
            BREAKS,
            HEAD_TIME,
            get,
            || { res(600, &[], TestBody::full("x")) }
        ),
        fixture!(STATUS_OUT_OF_RANGE, "999", BREAKS, HEAD_TIME, get, || {
            res(999, &[], TestBody::empty())
        }),
        fixture!(
            STATUS_OUT_OF_RANGE,
            "599 is in range",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || { res(599, &[], TestBody::full("x")) }
        ),
        // informational-as-final
        fixture!(
            INFORMATIONAL_AS_FINAL,
            "103 as final",
            BREAKS,
            HEAD_TIME,
            get,
            || { res(103, &[("link", "</s.css>; rel=preload")], TestBody::empty()) }
        ),
        fixture!(
            INFORMATIONAL_AS_FINAL,
            "100 as final",
            BREAKS,
            HEAD_TIME,
            post,
            || { res(100, &[], TestBody::empty()) }
        ),
        fixture!(
            INFORMATIONAL_AS_FINAL,
            "101 hand-off is final",
            NEAR_MISS,
            HEAD_TIME,
            websocket_offer,
            || switching("websocket")
        ),
        // informational-to-http10
        fixture!(
            INFORMATIONAL_TO_HTTP10,
            "101 to HTTP/1.0",
            BREAKS,
            HEAD_TIME,
            || req(
                Method::GET,
                Version::HTTP_10,
                &[("upgrade", "websocket"), ("connection", "upgrade")]
            ),
            || switching("websocket")
        ),
        fixture!(
            INFORMATIONAL_TO_HTTP10,
            "101 to HTTP/1.1",
            NEAR_MISS,
            HEAD_TIME,
            websocket_offer,
            || switching("websocket")
        ),
        // switching-protocols-without-upgrade
        fixture!(
            SWITCHING_PROTOCOLS_WITHOUT_UPGRADE,
            "101 without Upgrade",
            BREAKS,
            HEAD_TIME,
            websocket_offer,
            || res(101, &[("connection", "upgrade")], TestBody::empty())
        ),
        fixture!(
            SWITCHING_PROTOCOLS_WITHOUT_UPGRADE,
            "101 with an empty Upgrade",
            BREAKS,
            HEAD_TIME,
            websocket_offer,
            || res(
                101,
                &[("upgrade", " , "), ("connection", "upgrade")],
                TestBody::empty()
            )
        ),
        fixture!(
            SWITCHING_PROTOCOLS_WITHOUT_UPGRADE,
            "101 naming the offered protocol",
            NEAR_MISS,
            HEAD_TIME,
            websocket_offer,
            || switching("websocket")
        ),
        // switching-protocols-unrequested
        fixture!(
            SWITCHING_PROTOCOLS_UNREQUESTED,
            "101 to a request without Upgrade",
            BREAKS,
            HEAD_TIME,
            get,
            || switching("websocket")
        ),
        fixture!(
            SWITCHING_PROTOCOLS_UNREQUESTED,
            "101 to a protocol not offered",
            BREAKS,
            HEAD_TIME,
            || req(
                Method::GET,
                Version::HTTP_11,
                &[("upgrade", "h2c, foo/2"), ("connection", "upgrade")]
            ),
            || switching("websocket")
        ),
        fixture!(
            SWITCHING_PROTOCOLS_UNREQUESTED,
            "101 naming an offered protocol in another case",
            NEAR_MISS,
            HEAD_TIME,
            || req(
                Method::GET,
                Version::HTTP_11,
                &[("upgrade", "h2c, WebSocket"), ("connection", "upgrade")]
            ),
            || switching("websocket")
        ),
        // switching-protocols-over-http2
        fixture!(
            SWITCHING_PROTOCOLS_OVER_HTTP2,
            "101 on HTTP/2",
            BREAKS,
            HEAD_TIME,
            || req(Method::GET, Version::HTTP_2, &[]),
            || switching("websocket")
        ),
        fixture!(
            SWITCHING_PROTOCOLS_OVER_HTTP2,
            "200 to an HTTP/2 extended CONNECT (RFC 8441)",
            NEAR_MISS,
            HEAD_TIME,
            || req(Method::CONNECT, Version::HTTP_2, &[]),
            || res(200, &[], TestBody::stream(&[]))
        ),
        // forbidden-content-length
        fixture!(
            FORBIDDEN_CONTENT_LENGTH,
            "204 with content-length: 0",
            BREAKS,
            HEAD_TIME,
            get,
            || { res(204, &[("content-length", "0")], TestBody::empty()) }
        ),
        fixture!(
            FORBIDDEN_CONTENT_LENGTH,
            "2xx to CONNECT with Content-Length",
            BREAKS,
            HEAD_TIME,
            || req(Method::CONNECT, Version::HTTP_11, &[]),
            || res(200, &[("content-length", "0")], TestBody::stream(&[]))
        ),
        fixture!(
            FORBIDDEN_CONTENT_LENGTH,
            "101 with Content-Length",
            BREAKS,
            HEAD_TIME,
            websocket_offer,
            || res(
                101,
                &[
                    ("upgrade", "websocket"),
                    ("connection", "upgrade"),
                    ("content-length", "0")
                ],
                TestBody::empty()
            )
        ),
        fixture!(
            FORBIDDEN_CONTENT_LENGTH,
            "304 may carry the 200's Content-Length",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || {
                res(
                    304,
                    &[("content-length", "5"), ("etag", "\"v1\"")],
                    TestBody::empty(),
                )
            }
        ),
        // forbidden-transfer-encoding
        fixture!(
            FORBIDDEN_TRANSFER_ENCODING,
            "204 with Transfer-Encoding",
            BREAKS,
            HEAD_TIME,
            get,
            || { res(204, &[("transfer-encoding", "chunked")], TestBody::empty()) }
        ),
        fixture!(
            FORBIDDEN_TRANSFER_ENCODING,
            "304 to GET may carry Transfer-Encoding",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || { res(304, &[("transfer-encoding", "chunked")], TestBody::empty()) }
        ),
        // no-content-with-body
        fixture!(
            NO_CONTENT_WITH_BODY,
            "204 with a known body",
            BREAKS,
            HEAD_TIME,
            get,
            || {
                res(
                    204,
                    &[("content-type", "text/plain")],
                    TestBody::full("hello"),
                )
            }
        ),
        fixture!(
            NO_CONTENT_WITH_BODY,
            "204 with a streaming body",
            BREAKS,
            STREAM_TIME,
            get,
            || { res(204, &[], TestBody::stream(&["", "hel", "lo"])) }
        ),
        fixture!(
            NO_CONTENT_WITH_BODY,
            "204 with trailers only",
            BREAKS,
            STREAM_TIME,
            get,
            || { res(204, &[], TestBody::stream_with_trailers(&[])) }
        ),
        fixture!(
            NO_CONTENT_WITH_BODY,
            "204 with an empty stream",
            NEAR_MISS,
            STREAM_TIME,
            get,
            || { res(204, &[], TestBody::stream(&["", ""])) }
        ),
        fixture!(
            NO_CONTENT_WITH_BODY,
            "204, empty body",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || { res(204, &[], TestBody::empty()) }
        ),
        // reset-content-with-body
        fixture!(
            RESET_CONTENT_WITH_BODY,
            "205 with content",
            BREAKS,
            HEAD_TIME,
            post,
            || { res(205, &[], TestBody::full("hello")) }
        ),
        fixture!(
            RESET_CONTENT_WITH_BODY,
            "205 with a streaming body",
            BREAKS,
            STREAM_TIME,
            post,
            || { res(205, &[], TestBody::stream(&["hello"])) }
        ),
        fixture!(
            RESET_CONTENT_WITH_BODY,
            "205 with content-length: 0",
            NEAR_MISS,
            HEAD_TIME,
            post,
            || { res(205, &[("content-length", "0")], TestBody::empty()) }
        ),
        // not-modified-with-body
        fixture!(
            NOT_MODIFIED_WITH_BODY,
            "304 with content",
            BREAKS,
            HEAD_TIME,
            get,
            || { res(304, &[("etag", "\"v1\"")], TestBody::full("hello")) }
        ),
        fixture!(
            NOT_MODIFIED_WITH_BODY,
            "304 with a streaming body",
            BREAKS,
            STREAM_TIME,
            get,
            || { res(304, &[], TestBody::stream(&["hello"])) }
        ),
        fixture!(
            NOT_MODIFIED_WITH_BODY,
            "304 with the metadata a 200 would carry",
            NEAR_MISS,
            HEAD_TIME,
            || req(
                Method::GET,
                Version::HTTP_11,
                &[("if-none-match", "\"v1\"")]
            ),
            || res(
                304,
                &[
                    ("etag", "\"v1\""),
                    ("content-length", "5"),
                    ("cache-control", "max-age=60"),
                    ("vary", "accept-encoding"),
                    ("expires", "Thu, 01 Jan 2099 00:00:00 GMT"),
                    ("date", "Thu, 01 Jan 2026 00:00:00 GMT"),
                    ("content-location", "/fixture.txt"),
                ],
                TestBody::empty()
            )
        ),
        // head-response-with-body
        fixture!(
            HEAD_RESPONSE_WITH_BODY,
            "HEAD answered with content",
            BREAKS,
            HEAD_TIME,
            head,
            || {
                res(
                    200,
                    &[("content-type", "text/plain")],
                    TestBody::full("hello"),
                )
            }
        ),
        fixture!(
            HEAD_RESPONSE_WITH_BODY,
            "HEAD answered with a stream",
            BREAKS,
            STREAM_TIME,
            head,
            || { res(200, &[], TestBody::stream(&["hello"])) }
        ),
        fixture!(
            HEAD_RESPONSE_WITH_BODY,
            "HEAD with the GET length and no content",
            NEAR_MISS,
            HEAD_TIME,
            head,
            || { res(200, &[("content-length", "5")], TestBody::empty()) }
        ),
        // method-not-allowed-without-allow
        fixture!(
            METHOD_NOT_ALLOWED_WITHOUT_ALLOW,
            "405 without Allow",
            BREAKS,
            HEAD_TIME,
            post,
            || { res(405, &[], TestBody::full("no")) }
        ),
        fixture!(
            METHOD_NOT_ALLOWED_WITHOUT_ALLOW,
            "405 with an empty Allow",
            NEAR_MISS,
            HEAD_TIME,
            post,
            || { res(405, &[("allow", "")], TestBody::empty()) }
        ),
        // method-not-allowed-lists-method
        fixture!(
            METHOD_NOT_ALLOWED_LISTS_METHOD,
            "405 whose Allow lists POST",
            BREAKS,
            HEAD_TIME,
            post,
            || {
                res(
                    405,
                    &[("allow", "GET, POST"), ("allow", "HEAD")],
                    TestBody::empty(),
                )
            }
        ),
        fixture!(
            METHOD_NOT_ALLOWED_LISTS_METHOD,
            "405 listing `post` (methods are case-sensitive)",
            NEAR_MISS,
            HEAD_TIME,
            post,
            || { res(405, &[("allow", "GET,HEAD,post")], TestBody::empty()) }
        ),
        // never-store-status-marked-cacheable
        fixture!(
            NEVER_STORE_STATUS_MARKED_CACHEABLE,
            "429 with max-age",
            BREAKS,
            HEAD_TIME,
            get,
            || {
                res(
                    429,
                    &[
                        ("cache-control", "public, max-age=3600"),
                        ("retry-after", "3600"),
                    ],
                    TestBody::full("slow down"),
                )
            }
        ),
        fixture!(
            NEVER_STORE_STATUS_MARKED_CACHEABLE,
            "511 with Expires",
            BREAKS,
            HEAD_TIME,
            get,
            || {
                res(
                    511,
                    &[("expires", "Thu, 01 Jan 2099 00:00:00 GMT")],
                    TestBody::full("log in"),
                )
            }
        ),
        fixture!(
            NEVER_STORE_STATUS_MARKED_CACHEABLE,
            "431 with s-maxage in a second line",
            BREAKS,
            HEAD_TIME,
            get,
            || {
                res(
                    431,
                    &[
                        ("cache-control", "no-transform"),
                        ("cache-control", "S-MaxAge=60"),
                    ],
                    TestBody::empty(),
                )
            }
        ),
        fixture!(
            NEVER_STORE_STATUS_MARKED_CACHEABLE,
            "429 with no-store",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || {
                res(
                    429,
                    &[
                        ("cache-control", "no-store, max-age=0"),
                        ("retry-after", "30"),
                    ],
                    TestBody::full("slow down"),
                )
            }
        ),
        fixture!(
            NEVER_STORE_STATUS_MARKED_CACHEABLE,
            "429 with no-cache only",
            NEAR_MISS,
            HEAD_TIME,
            get,
            || {
                res(
                    429,
                    &[("cache-control", "no-cache, must-revalidate")],
                    TestBody::empty(),
                )
            }
        ),
    ]
}

/// The header that, once configured, lets `method-not-allowed-without-allow` be repaired.
pub(crate) const ALLOW_FOR_FIXTURES: &str = "GET, HEAD";

pub(crate) fn allow_header() -> http::HeaderValue {
    http::HeaderValue::from_static(ALLOW_FOR_FIXTURES)
}
