//! Prometheus metrics for status-code violations: an axum app behind the layer with the
//! `metrics` feature, `metrics-exporter-prometheus` as the recorder and a `/metrics` route.
//! Serves on loopback, sends a few violating requests to itself, prints the scrape, exits.
//!
//! ```text
//! cargo run --example metrics --features metrics,axum
//! ```

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    routing::get,
    Router,
};
use http_body_util::BodyExt;
use hyper_util::rt::TokioIo;
use metrics_exporter_prometheus::PrometheusBuilder;
use tower_status_conformance::{axum::RouterExt, StatusConformanceLayer, ViolationCounter};

/// One GET on the connection, once it can take the next request.
async fn fetch(
    sender: &mut hyper::client::conn::http1::SendRequest<Body>,
    path: &str,
) -> bytes::Bytes {
    let request = Request::get(path)
        .header("host", "demo")
        .body(Body::empty())
        .unwrap();
    sender.ready().await.unwrap();
    let response = sender.send_request(request).await.unwrap();
    response.into_body().collect().await.unwrap().to_bytes()
}

#[tokio::main]
async fn main() {
    let prometheus = PrometheusBuilder::new()
        .install_recorder()
        .expect("no other recorder installed");
    // The in-process counter works without the feature; here it sits beside the metrics.
    let counter = ViolationCounter::new();

    let app = Router::new()
        .route(
            "/deleted",
            get(|| async { (StatusCode::NO_CONTENT, "deleted") }),
        )
        .route(
            "/limited",
            get(|| async {
                let headers = [(header::CACHE_CONTROL, "public, max-age=3600")];
                (StatusCode::TOO_MANY_REQUESTS, headers, "slow down")
            }),
        )
        .route("/metrics", get(move || async move { prometheus.render() }));
    // The `route` label (opt-in) names the route template, never the raw path.
    let app = app.with_status_conformance(
        StatusConformanceLayer::new()
            .on_violation(counter.clone())
            .route_label(true),
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    for _ in 0..3 {
        fetch(&mut sender, "/deleted").await;
        fetch(&mut sender, "/limited").await;
    }
    let scrape = fetch(&mut sender, "/metrics").await;
    println!("--- GET /metrics ---");
    for line in String::from_utf8_lossy(&scrape).lines() {
        if line.contains("http_status_conformance") {
            println!("{line}");
        }
    }
    println!("--- ViolationCounter ---");
    for (rule, action, count) in counter.snapshot() {
        println!("{rule} ({action}): {count}");
    }
    // Per round: the 204's `content-length: 7` (axum's, which hyper sends over HTTP/1.1; its
    // encoder drops the content itself, so that is no finding) and the storable 429.
    assert_eq!(counter.total(), 6);
}
