//! The main job, end to end: one axum app whose handlers each break a status-code rule, served
//! twice on loopback — bare, and behind `StatusConformanceLayer::new()` — and exercised over
//! HTTP/1.1, HTTP/1.0 and HTTP/2. For every rule it prints what the client received without
//! and with the layer, and what the layer reported. Exits 0 when done.
//!
//! ```text
//! cargo run --example demo
//! ```

#[allow(dead_code)]
#[path = "../tests/support/wire.rs"]
mod wire;

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use axum::{
    body::Body,
    http::{header, HeaderValue, Request, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Router,
};
use tower_status_conformance::{StatusConformanceLayer, Violation};

/// One handler per rule.
fn app() -> Router {
    let raw =
        |status: u16, headers: &'static [(&'static str, &'static str)], body: &'static str| {
            move || async move {
                let mut response = Response::new(Body::from(body));
                *response.status_mut() = StatusCode::from_u16(status).unwrap();
                for (name, value) in headers {
                    response
                        .headers_mut()
                        .append(*name, HeaderValue::from_static(value));
                }
                response
            }
        };
    Router::new()
        .route("/600", get(raw(600, &[], "internal code")))
        .route(
            "/103",
            get(raw(103, &[("link", "</app.css>; rel=preload")], "")),
        )
        .route(
            "/101",
            get(raw(
                101,
                &[("upgrade", "websocket"), ("connection", "upgrade")],
                "",
            )),
        )
        .route("/101-bare", get(raw(101, &[("connection", "upgrade")], "")))
        .route("/nc-empty", get(|| async { StatusCode::NO_CONTENT }))
        .route(
            "/private",
            get(raw(401, &[("content-type", "text/plain")], "log in first")),
        )
        .route(
            "/nc",
            get(|| async { (StatusCode::NO_CONTENT, "hello").into_response() }),
        )
        .route(
            "/205",
            post(|| async { (StatusCode::RESET_CONTENT, "form cleared") }),
        )
        .route("/304", get(raw(304, &[("etag", "\"v1\"")], "stale copy")))
        // A plain tower service: axum does not strip its HEAD bodies.
        .route_service(
            "/file",
            tower::service_fn(|_req: Request<Body>| async {
                Ok::<_, std::convert::Infallible>(Response::new(Body::from("file contents")))
            }),
        )
        .route("/self405", get(|| async { StatusCode::METHOD_NOT_ALLOWED }))
        .route("/lists", post(raw(405, &[("allow", "GET, POST")], "")))
        .route(
            "/limited",
            get(|| async {
                let headers = [
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                    (header::RETRY_AFTER, "3600"),
                ];
                (StatusCode::TOO_MANY_REQUESTS, headers, "slow down")
            }),
        )
}

/// How each rule is exercised: protocol, method, path, extra request headers.
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    ("status-out-of-range", "HTTP/1.1", "GET", "/600", ""),
    ("informational-as-final", "HTTP/1.1", "GET", "/103", ""),
    (
        "informational-to-http10",
        "HTTP/1.0",
        "GET",
        "/101",
        "upgrade: websocket\r\n",
    ),
    (
        "switching-protocols-without-upgrade",
        "HTTP/1.1",
        "GET",
        "/101-bare",
        "upgrade: websocket\r\nconnection: upgrade\r\n",
    ),
    (
        "switching-protocols-unrequested",
        "HTTP/1.1",
        "GET",
        "/101",
        "",
    ),
    (
        "switching-protocols-over-http2",
        "HTTP/2",
        "GET",
        "/101",
        "",
    ),
    ("forbidden-content-length", "HTTP/2", "GET", "/nc-empty", ""),
    (
        "unauthorized-without-challenge",
        "HTTP/1.1",
        "GET",
        "/private",
        "",
    ),
    ("no-content-with-body", "HTTP/2", "GET", "/nc", ""),
    ("reset-content-with-body", "HTTP/1.1", "POST", "/205", ""),
    ("not-modified-with-body", "HTTP/2", "GET", "/304", ""),
    ("head-response-with-body", "HTTP/2", "HEAD", "/file", ""),
    (
        "method-not-allowed-without-allow",
        "HTTP/1.1",
        "GET",
        "/self405",
        "",
    ),
    (
        "method-not-allowed-lists-method",
        "HTTP/1.1",
        "POST",
        "/lists",
        "",
    ),
    (
        "never-store-status-marked-cacheable",
        "HTTP/1.1",
        "GET",
        "/limited",
        "",
    ),
];

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// What the client saw, on one line.
async fn fetch(addr: SocketAddr, version: &str, method: &str, path: &str, extra: &str) -> String {
    const SHOWN: [&str; 7] = [
        "content-length",
        "transfer-encoding",
        "allow",
        "cache-control",
        "expires",
        "upgrade",
        "www-authenticate",
    ];
    if version == "HTTP/2" {
        return match wire::h2(addr, method, path).await {
            Err(err) => format!("stream error: {err}"),
            Ok(response) => {
                let mut line = format!(":status {}", response.parts.status.as_u16());
                for name in SHOWN {
                    if let Some(value) = response.parts.headers.get(name) {
                        line += &format!(" | {name}: {}", value.to_str().unwrap_or("?"));
                    }
                }
                match response.body {
                    Ok(data) if data.is_empty() => line + " | no DATA",
                    Ok(data) => line + &format!(" | DATA {:?}", String::from_utf8_lossy(&data)),
                    Err(err) => line + &format!(" | body error: {err}"),
                }
            }
        };
    }
    let mut conn = wire::RawConn::connect(addr).await;
    conn.send(&format!(
        "{method} {path} {version}\r\nhost: demo\r\n{extra}connection: close\r\n\r\n"
    ))
    .await;
    let response = conn.read_response(method == "HEAD").await;
    let mut line = response.status_line.clone();
    for name in SHOWN {
        if let Some(value) = response.header(name) {
            line += &format!(" | {name}: {value}");
        }
    }
    if !response.body.is_empty() {
        line += &format!(" | body {:?}", String::from_utf8_lossy(&response.body));
    }
    line
}

#[tokio::main]
async fn main() {
    let reported: Arc<Mutex<Vec<Violation>>> = Arc::default();
    let layer = StatusConformanceLayer::new()
        // The layer cannot know a resource's methods; tell it so a 405 can be repaired.
        .allow_methods(|violation| {
            (violation.path() == "/self405").then(|| HeaderValue::from_static("GET, HEAD"))
        })
        .on_violation({
            let reported = Arc::clone(&reported);
            move |violation: &Violation| reported.lock().unwrap().push(violation.clone())
        });
    let bare = serve(app()).await;
    // The recommended axum placement: wrap the finished router, so the layer sees exactly what
    // axum hands to hyper (see the README).
    let checked = serve(Router::new().fallback_service(app()).layer(layer)).await;

    println!("One axum app, served bare on {bare} and behind StatusConformanceLayer::new() on {checked}.\n");
    let mut reported_total = 0;
    for (rule, version, method, path, extra) in CASES {
        let without = fetch(bare, version, method, path, extra).await;
        let with = fetch(checked, version, method, path, extra).await;
        let found: Vec<String> = reported
            .lock()
            .unwrap()
            .drain(..)
            .map(|v| format!("{} ({})", v.rule(), v.action()))
            .collect();
        reported_total += found.len();
        assert!(
            found.iter().any(|f| f.starts_with(&format!("{rule} "))),
            "the layer did not report `{rule}`: {found:?}"
        );
        println!("{rule}\n  {method} {path} over {version}");
        println!("  without the layer: {without}");
        println!("  with the layer:    {with}");
        println!("  reported:          {}\n", found.join(", "));
    }
    println!(
        "{} rules exercised, {reported_total} violations reported.",
        CASES.len()
    );
}
