//! The responses the wire tests serve, one per path, each breaking one rule (or none: any other
//! path gets a plain 200), shared by the HTTP/1, HTTP/2 (`wire_hyper`) and HTTP/3 (`wire_h3`)
//! suites so that each stack is tried on the same defects.

use http::Response;

use super::TestBody;

/// The response for `path`.
pub(crate) fn respond(path: &str) -> Response<TestBody> {
    let (status, headers, body): (u16, &[(&str, &str)], TestBody) = match path {
        "/204-body" => (204, &[], TestBody::full("hello")),
        "/204-cl-body" => (204, &[("content-length", "5")], TestBody::full("hello")),
        "/204-cl0" => (204, &[("content-length", "0")], TestBody::empty()),
        "/204-stream" => (204, &[], TestBody::stream(&["hel", "lo"])),
        "/204-trailers" => (204, &[], TestBody::stream_with_trailers(&[])),
        "/205-body" => (205, &[], TestBody::full("hello")),
        "/304-body" => (304, &[("etag", "\"v1\"")], TestBody::full("hello")),
        "/429" => (
            429,
            &[("cache-control", "max-age=3600"), ("retry-after", "60")],
            TestBody::full("slow down"),
        ),
        "/429-cdn" => (
            429,
            &[
                ("cache-control", "no-store"),
                ("cdn-cache-control", "max-age=3600"),
            ],
            TestBody::full("slow down"),
        ),
        "/405" => (405, &[], TestBody::empty()),
        "/600" => (600, &[], TestBody::full("x")),
        "/101" => (
            101,
            &[("upgrade", "websocket"), ("connection", "upgrade")],
            TestBody::empty(),
        ),
        "/103" => (103, &[("link", "</a.css>; rel=preload")], TestBody::empty()),
        "/stream" => (200, &[], TestBody::stream(&["hel", "lo"])),
        "/204-te" => (204, &[("transfer-encoding", "chunked")], TestBody::empty()),
        "/te" => (
            200,
            &[
                ("transfer-encoding", "chunked"),
                ("content-type", "text/plain"),
            ],
            TestBody::stream(&["hel", "lo"]),
        ),
        "/connection" => (
            200,
            &[
                ("connection", "keep-alive"),
                ("keep-alive", "timeout=5"),
                ("content-type", "text/plain"),
            ],
            TestBody::full("ok"),
        ),
        _ => (200, &[("content-type", "text/plain")], TestBody::full("ok")),
    };
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body).unwrap()
}
