//! The `axum` feature: `RouterExt::with_status_conformance` installs the layer where it is
//! wire-true and names each violation's route. Proven on a conforming app (no WARN event over
//! HTTP/1.0, HTTP/1.1 and HTTP/2) and on a violating route.
#![cfg(feature = "axum")]

use crate::support::{
    events::Capture,
    wire::{h1, h2},
    Recorder,
};
use axum::{
    extract::Path,
    http::{header, StatusCode},
    response::Redirect,
    routing::get,
    Json, Router,
};
use tower_status_conformance::{
    axum::RouterExt, Action, Rule, StatusConformanceLayer, ViolationCounter,
};
use tracing::Level;

/// Handlers that break no rule: a JSON GET, a POST answering 201 with `Location`, a DELETE
/// answering an empty 204 (or 412 to an `If-Match`: the item has no entity tag, so no tag can
/// match), a permanent redirect; axum adds its own 405s and HEAD handling.
fn conforming_app() -> Router {
    Router::new()
        .route(
            "/items",
            get(|| async { Json(vec![1, 2]) }).post(|| async {
                (
                    StatusCode::CREATED,
                    [(header::LOCATION, "/items/3")],
                    Json(3),
                )
            }),
        )
        .route(
            "/items/{id}",
            get(|Path(id): Path<u32>| async move { Json(id) }).delete(
                |headers: http::HeaderMap| async move {
                    if headers.contains_key(header::IF_MATCH) {
                        StatusCode::PRECONDITION_FAILED
                    } else {
                        StatusCode::NO_CONTENT
                    }
                },
            ),
        )
        .route("/old", get(|| async { Redirect::permanent("/items") }))
}

const EXCHANGES: [(&str, &str); 8] = [
    ("GET", "/items"),
    ("HEAD", "/items"),
    ("POST", "/items"),
    ("GET", "/items/7"),
    ("HEAD", "/items/7"),
    ("DELETE", "/items/7"),
    ("GET", "/old"),
    ("PUT", "/items"),
];

/// Serves `app` and sends every exchange over HTTP/1.0, HTTP/1.1 and HTTP/2; the layer's
/// events, captured on this thread (the runtime has one).
fn events(app: Router) -> Vec<crate::support::events::Captured> {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    capture.during(|| {
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            tokio::spawn(async move { axum::serve(listener, app).await });
            for (method, path) in EXCHANGES {
                for version in ["HTTP/1.0", "HTTP/1.1"] {
                    h1(addr, method, path, version).await;
                }
                h2(addr, method, path).await.unwrap();
            }
        })
    });
    capture
        .events()
        .into_iter()
        .filter(|event| event.target == "tower_status_conformance")
        .collect()
}

#[test]
fn a_conforming_app_logs_no_warning_with_the_one_liner() {
    let counter = ViolationCounter::new();
    let app = conforming_app()
        .with_status_conformance(StatusConformanceLayer::new().on_violation(counter.clone()));
    let events = events(app);
    let warnings: Vec<_> = events.iter().filter(|e| e.level <= Level::WARN).collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
    // axum's `content-length: 0` on the empty 204 reaches an HTTP/2 client (hyper's HTTP/1
    // encoder drops it): repaired and counted once, logged at DEBUG.
    assert_eq!(
        counter.get(Rule::FORBIDDEN_CONTENT_LENGTH, Action::Repair),
        1
    );
    assert_eq!(counter.total(), 1);
    let debug: Vec<_> = events
        .iter()
        .filter(|e| e.level == Level::DEBUG)
        .map(|e| (e.fields["rule"].as_str(), e.fields["http.route"].as_str()))
        .collect();
    assert_eq!(debug, [("forbidden-content-length", "/items/{id}")]);
}

#[test]
fn a_rule_level_wins_over_the_framework_framing_default() {
    let layer =
        StatusConformanceLayer::new().rule_level(Rule::FORBIDDEN_CONTENT_LENGTH, Level::INFO);
    let events = events(conforming_app().with_status_conformance(layer));
    let info: Vec<_> = events
        .iter()
        .filter(|e| e.level == Level::INFO)
        .map(|e| e.fields["rule"].as_str())
        .collect();
    assert_eq!(info, ["forbidden-content-length"]);
}

#[tokio::test]
async fn violations_name_their_route() {
    let recorder = Recorder::default();
    let app = Router::new()
        .route(
            "/items/{id}",
            get(|| async { "item" }).put(|| async { StatusCode::METHOD_NOT_ALLOWED }),
        )
        .with_status_conformance(StatusConformanceLayer::observe().on_violation(recorder.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let response = h1(addr, "PUT", "/items/7", "HTTP/1.1").await;
    assert_eq!(response.status(), 405);
    let violations = recorder.take();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].rule(), Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
    assert_eq!(violations[0].route(), Some("/items/{id}"));
    assert_eq!(violations[0].path(), "/items/7");

    // A response from outside any route (the router's 404 fallback) has no route.
    h1(addr, "GET", "/nowhere", "HTTP/1.1").await;
    assert!(recorder.take().is_empty());
}
/// The line every axum user writes first. The layer recognises it (axum's `MatchedPath` is
/// on the request), says so once, and drops what axum fixes after it: axum 0.8.9 gave 8 false
/// WARN events here before (HEAD bodies it strips later, its own 405s before it adds `Allow`).
#[test]
fn router_layer_placement_is_named_once_and_reports_nothing_false() {
    let counter = ViolationCounter::new();
    let events =
        events(conforming_app().layer(StatusConformanceLayer::new().on_violation(counter.clone())));
    let warnings: Vec<_> = events.iter().filter(|e| e.level <= Level::WARN).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(!warnings[0].fields.contains_key("rule"));
    assert!(warnings[0].fields["message"].contains("with_status_conformance"));
    // Axum adds `content-length` after this placement, so the 204's reaches no finding here:
    // nothing at all is reported.
    assert_eq!(counter.total(), 0);
}

/// A sweep of the same app over the wire, every method and probe on each route (the unsafe
/// ones too): nothing is reported. (The DELETE's stale `If-Match` gets 412, so its 204 with
/// axum's `content-length: 0` over HTTP/2, a finding of a single exchange above, is not sent.)
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_of_the_conforming_app_finds_nothing() {
    let addr = crate::support::wire::spawn_hyper(conforming_app()).await;
    let report = tower_status_conformance::sweep::Sweep::new()
        .unsafe_methods(true)
        .targets(["/items", "/items/1", "/old"])
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    assert!(report.is_empty(), "{report}");
    // `/old` redirects: its GET is replayed once, with a stale `If-Match`, which it ignores.
    assert_eq!(report.requests(), Some(105));
}
