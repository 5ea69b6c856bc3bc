//! The `metrics` feature end to end: an axum app behind the layer, a Prometheus exporter, 8
//! concurrent keep-alive clients, and a scrape over HTTP that must show exact counts.
#![cfg(feature = "metrics")]

mod support;

use std::collections::BTreeMap;

use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    routing::get,
    Extension, Router,
};
use http_body_util::BodyExt;
use metrics_exporter_prometheus::PrometheusBuilder;
use tower_status_conformance::{Route, StatusConformanceLayer};

const CLIENTS: usize = 8;
const ROUNDS: usize = 40;

/// Parses `name{a="x",b="y"} 12` lines of the Prometheus text format.
fn samples(text: &str, name: &str) -> Vec<(BTreeMap<String, String>, u64)> {
    text.lines()
        .filter(|line| line.starts_with(name) && !line.starts_with('#'))
        .map(|line| {
            let (series, value) = line.rsplit_once(' ').unwrap();
            let labels = series
                .strip_prefix(name)
                .unwrap()
                .trim_matches(|c| c == '{' || c == '}')
                .split(',')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap();
                    (k.to_owned(), v.trim_matches('"').to_owned())
                })
                .collect();
            (labels, value.parse().unwrap())
        })
        .collect()
}

async fn get_on(
    sender: &mut hyper::client::conn::http1::SendRequest<Body>,
    path: &str,
) -> (StatusCode, bytes::Bytes) {
    let request = Request::get(path)
        .header("host", "test")
        .body(Body::empty())
        .unwrap();
    sender.ready().await.unwrap();
    let response = sender.send_request(request).await.unwrap();
    let status = response.status();
    (
        status,
        response.into_body().collect().await.unwrap().to_bytes(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scrape_shows_exact_counts_under_concurrent_load() {
    let handle = PrometheusBuilder::new().install_recorder().unwrap();
    let app = Router::new()
        // A router names its routes with `Route` (the `axum` feature does it from `MatchedPath`).
        .route(
            "/nc",
            get(|| async { (StatusCode::NO_CONTENT, Extension(Route::new("/nc")), "gone") }),
        )
        .route(
            "/limited",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::CACHE_CONTROL, "max-age=60")],
                    "slow down",
                )
            }),
        )
        .route("/ok", get(|| async { "ok" }))
        .route("/metrics", get(move || async move { handle.render() }));
    let app = Router::new()
        .fallback_service(app)
        .layer(StatusConformanceLayer::new().route_label(true));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let connect = move || support::wire::h1_client::<Body>(addr);
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            tokio::spawn(async move {
                let mut sender = connect().await;
                for _ in 0..ROUNDS {
                    assert_eq!(get_on(&mut sender, "/nc").await.0, StatusCode::NO_CONTENT);
                    assert_eq!(get_on(&mut sender, "/limited").await.0, 429);
                    assert_eq!(get_on(&mut sender, "/ok").await.1, "ok");
                }
            })
        })
        .collect();
    for client in clients {
        client.await.unwrap();
    }

    let mut sender = connect().await;
    let (status, body) = get_on(&mut sender, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    let text = String::from_utf8(body.to_vec()).unwrap();
    let sent = (CLIENTS * ROUNDS) as u64;

    let mut violations: BTreeMap<(String, String, Option<String>), u64> = BTreeMap::new();
    for (labels, value) in samples(&text, "http_status_conformance_violations_total") {
        let key = (
            labels["rule"].clone(),
            labels["action"].clone(),
            labels.get("route").cloned(),
        );
        violations.insert(key, value);
    }
    // With `route_label(true)`, a response that names its route is counted under it. The
    // 204's body is not `no-content-with-body` over HTTP/1.1: hyper's encoder drops it.
    let expected: BTreeMap<(String, String, Option<String>), u64> = [
        ("forbidden-content-length", Some("/nc")),
        ("never-store-status-marked-cacheable", None),
    ]
    .into_iter()
    .map(|(rule, route)| {
        let key = (
            rule.to_owned(),
            "repair".to_owned(),
            route.map(str::to_owned),
        );
        (key, sent)
    })
    .collect();
    assert_eq!(violations, expected, "scrape:\n{text}");

    // Every response the layer checked, the scrape itself excepted (rendered before it).
    let checked = samples(&text, "http_status_conformance_responses_total");
    assert_eq!(checked, [(BTreeMap::new(), 3 * sent)], "scrape:\n{text}");
}
