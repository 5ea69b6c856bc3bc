//! A server `LATENCY_MS` away, for `benches/sweep.sh`: hyper (HTTP/1.x and HTTP/2 by prior
//! knowledge) on a free loopback port, every answer held back `LATENCY_MS` before it is sent.
//! Each path is a small JSON document with an entity tag, answered as RFC 9110 asks (a 304 to
//! a matching `If-None-Match`, a 405 with `Allow` to any method but GET and HEAD, `Range`
//! ignored, which §14.2 allows), so a sweep of it has nothing to report and its time is the
//! sweep's own. Prints `listening on http://ADDR` and serves until killed.
//!
//! `cargo bench --bench slow_server -- [LATENCY_MS]`

#![allow(missing_docs)]

#[allow(dead_code)]
#[path = "../tests/support/wire.rs"]
mod wire;

use std::{convert::Infallible, io::Write, time::Duration};

use bytes::Bytes;
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use tower::service_fn;

const TAG: &str = "\"v1\"";

async fn answer(
    latency: Duration,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    tokio::time::sleep(latency).await;
    let mut response = Response::new(Full::new(Bytes::new()));
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Ok(response);
    }
    response
        .headers_mut()
        .insert(header::ETAG, HeaderValue::from_static(TAG));
    let matches = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|value| value.as_bytes() == TAG.as_bytes());
    if matches {
        *response.status_mut() = StatusCode::NOT_MODIFIED;
        return Ok(response);
    }
    let content = format!("{{\"path\":\"{}\"}}", request.uri().path());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    *response.body_mut() = Full::new(Bytes::from(content));
    Ok(response)
}

fn main() {
    let latency = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with("--"))
        .and_then(|ms| ms.parse().ok())
        .map_or(Duration::from_millis(50), Duration::from_millis);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let addr = wire::spawn_hyper(service_fn(move |request| answer(latency, request))).await;
        println!("listening on http://{addr}");
        std::io::stdout().flush().unwrap();
        std::future::pending::<()>().await;
    });
}
