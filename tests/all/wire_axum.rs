//! axum 0.8: where to put the layer, proven against axum's own 405, HEAD and 204 handling,
//! through `oneshot` and through `axum::serve` on the wire.

use std::convert::Infallible;

use crate::support::{
    wire::{h1, h2},
    Recorder,
};
use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    routing::get,
    Router,
};
use http_body_util::BodyExt;
use tower::{service_fn, ServiceExt};
use tower_status_conformance::{Culprit, Rule, StatusConformanceLayer, Violation};

fn app() -> Router {
    Router::new()
        .route("/r", get(|| async { "hello" }))
        .route("/nc", get(|| async { (StatusCode::NO_CONTENT, "hello") }))
        .route("/nc-empty", get(|| async { StatusCode::NO_CONTENT }))
        .route("/self405", get(|| async { StatusCode::METHOD_NOT_ALLOWED }))
        .route(
            "/r429",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [(header::CACHE_CONTROL, "max-age=3600")],
                    "slow down",
                )
            }),
        )
        .route_service(
            "/svc200",
            service_fn(|_req: Request<Body>| async {
                Ok::<_, Infallible>(axum::response::Response::new(Body::from("hello")))
            }),
        )
}

/// The recommended placement: the finished router becomes the fallback of an outer router, and
/// the layer wraps that. The layer then sees exactly what axum hands to hyper.
fn wrapped(recorder: &Recorder) -> Router {
    Router::new()
        .fallback_service(app())
        .layer(StatusConformanceLayer::new().on_violation(recorder.clone()))
}

async fn call(
    router: Router,
    method: Method,
    path: &str,
) -> (axum::http::response::Parts, bytes::Bytes) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .body(Body::empty())
        .unwrap();
    let (parts, body) = router.oneshot(request).await.unwrap().into_parts();
    (parts, body.collect().await.unwrap().to_bytes())
}

// ===== placement through oneshot =====

#[tokio::test]
async fn wrapped_router_reports_nothing_for_axums_own_405_and_head() {
    let recorder = Recorder::default();
    let (parts, _) = call(wrapped(&recorder), Method::POST, "/r").await;
    assert_eq!(parts.status, 405);
    assert_eq!(parts.headers["allow"], "GET,HEAD");
    let (parts, body) = call(wrapped(&recorder), Method::HEAD, "/r").await;
    assert_eq!(parts.headers["content-length"], "5");
    assert!(body.is_empty());
    let (parts, body) = call(wrapped(&recorder), Method::GET, "/r").await;
    assert_eq!((parts.status, &body[..]), (StatusCode::OK, &b"hello"[..]));
    assert!(recorder.take().is_empty(), "no false violations");
}

#[tokio::test]
async fn wrapped_router_sees_and_repairs_axums_204_length() {
    let recorder = Recorder::default();
    // Over HTTP/1.1 hyper's encoder drops the body (no finding) but sends axum's
    // `content-length: 5` (reported and repaired).
    let (parts, _) = call(wrapped(&recorder), Method::GET, "/nc").await;
    assert_eq!(parts.status, 204);
    assert!(
        parts.headers.get("content-length").is_none(),
        "axum's content-length: 5 is gone"
    );
    assert_eq!(recorder.ids(), ["forbidden-content-length"]);
    recorder.take();
    // Over HTTP/2 hyper sends both.
    let request = Request::get("/nc")
        .version(axum::http::Version::HTTP_2)
        .body(Body::empty())
        .unwrap();
    let (parts, body) = wrapped(&recorder)
        .oneshot(request)
        .await
        .unwrap()
        .into_parts();
    assert!(parts.headers.get("content-length").is_none());
    assert!(body.collect().await.unwrap().to_bytes().is_empty());
    assert_eq!(
        recorder.ids(),
        ["forbidden-content-length", "no-content-with-body"]
    );
    recorder.take();

    // Even an empty 204 leaves axum with `content-length: 0`. hyper's HTTP/1 encoder drops it
    // (not reported), its HTTP/2 server sends it as is (reported and repaired).
    let (parts, _) = call(wrapped(&recorder), Method::GET, "/nc-empty").await;
    assert_eq!(parts.headers["content-length"], "0");
    assert!(recorder.take().is_empty());
    let request = Request::get("/nc-empty")
        .version(axum::http::Version::HTTP_2)
        .body(Body::empty())
        .unwrap();
    let parts = wrapped(&recorder)
        .oneshot(request)
        .await
        .unwrap()
        .into_parts()
        .0;
    assert!(parts.headers.get("content-length").is_none());
    let reported = recorder.take();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].rule(), Rule::FORBIDDEN_CONTENT_LENGTH);
    // axum wrote it, not the handler: named so.
    assert_eq!(reported[0].culprit(), Some(Culprit::AxumContentLength));
}

#[tokio::test]
async fn wrapped_router_reports_a_handlers_405_without_allow() {
    let recorder = Recorder::default();
    let (parts, _) = call(wrapped(&recorder), Method::GET, "/self405").await;
    assert_eq!(parts.status, 405);
    assert_eq!(recorder.ids(), ["method-not-allowed-without-allow"]);
}

#[tokio::test]
async fn router_layer_alone_sees_responses_before_axum_finishes_them() {
    // Pins down why the README's placement is needed: inside `Router::layer` the layer runs
    // before axum adds `Allow`, strips HEAD bodies and adds `content-length`.
    let recorder = Recorder::default();
    let inner = || app().layer(StatusConformanceLayer::observe().on_violation(recorder.clone()));
    call(inner(), Method::POST, "/r").await;
    call(inner(), Method::HEAD, "/r").await;
    // Without the `axum` feature the layer cannot tell where it is: a false violation, fixed
    // by axum later (the HEAD body, which axum strips too, is no finding over HTTP/1.1, where
    // hyper's encoder drops it). With it, the layer sees axum's `MatchedPath` on the request,
    // drops them and says once where to put it (`tests/all/axum_native.rs`).
    let expected: &[&str] = if cfg!(feature = "axum") {
        &[]
    } else {
        &["method-not-allowed-without-allow"]
    };
    assert_eq!(recorder.ids(), expected);
    let (parts, _) = call(inner(), Method::GET, "/nc").await;
    assert_eq!(
        parts.headers["content-length"], "5",
        "added by axum after the layer ran"
    );
    assert!(
        !recorder.ids().contains(&"forbidden-content-length"),
        "missed"
    );
}

#[tokio::test]
#[should_panic(
    expected = "status-conformance: `forbidden-content-length` (RFC 9110 §8.6): Content-Length on a 1xx, a 204, or a 2xx to CONNECT; 204 No Content to GET /nc"
)]
async fn strict_mode_fails_a_test_that_hits_a_violating_handler() {
    let app = Router::new()
        .fallback_service(app())
        .layer(StatusConformanceLayer::strict());
    let request = Request::get("/nc").body(Body::empty()).unwrap();
    let _ = app.oneshot(request).await;
}

#[test]
fn fits_router_layer_and_the_service_bounds_axum_needs() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>(_: &T) {}
    let layer = StatusConformanceLayer::new()
        .on_violation(|_: &Violation| {})
        .allow_methods(|_| None);
    assert_send_sync(&layer);
    let _router: Router = app().layer(layer.clone());
    let _router: Router = Router::new().fallback_service(app()).layer(layer);
}

// ===== on the wire through axum::serve =====

async fn serve(router: Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

#[tokio::test]
async fn axum_204_reaches_the_wire_clean_over_http1_and_http2() {
    let bare = serve(app()).await;
    let response = h1(bare, "GET", "/nc", "HTTP/1.1").await;
    assert_eq!(
        response.header("content-length"),
        Some("5"),
        "axum 0.8 sends it today"
    );
    let response = h2(bare, "GET", "/nc").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello", "and the DATA over HTTP/2");

    let recorder = Recorder::default();
    let addr = serve(wrapped(&recorder)).await;
    let response = h1(addr, "GET", "/nc", "HTTP/1.1").await;
    assert_eq!(response.status(), 204);
    assert_eq!(response.header("content-length"), None);
    let response = h2(addr, "GET", "/nc").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.parts.headers.get("content-length").is_none());
    assert!(response.body.unwrap().is_empty());
    let response = h2(addr, "GET", "/nc-empty").await.unwrap();
    assert!(
        response.parts.headers.get("content-length").is_none(),
        "no content-length: 0 either"
    );
}

#[tokio::test]
async fn axum_429_with_max_age_goes_out_as_no_store() {
    let recorder = Recorder::default();
    let addr = serve(wrapped(&recorder)).await;
    let response = h1(addr, "GET", "/r429", "HTTP/1.1").await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_eq!(response.body, b"slow down");
    assert_eq!(recorder.ids(), ["never-store-status-marked-cacheable"]);
}

#[tokio::test]
async fn axum_405_and_head_on_the_wire() {
    let recorder = Recorder::default();
    let addr = serve(wrapped(&recorder)).await;
    let response = h1(addr, "POST", "/r", "HTTP/1.1").await;
    assert_eq!(
        (response.status(), response.header("allow")),
        (405, Some("GET,HEAD"))
    );
    let response = h1(addr, "HEAD", "/r", "HTTP/1.1").await;
    assert_eq!(response.header("content-length"), Some("5"));
    assert!(recorder.take().is_empty());

    let response = h1(addr, "GET", "/self405", "HTTP/1.1").await;
    assert_eq!((response.status(), response.header("allow")), (405, None));
    assert_eq!(
        recorder.take()[0].rule(),
        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW
    );
}

#[tokio::test]
async fn route_service_head_body_breaks_http2_without_the_layer_only() {
    let bare = serve(app()).await;
    assert!(
        h2(bare, "HEAD", "/svc200").await.unwrap().body.is_err(),
        "client resets the stream"
    );

    let recorder = Recorder::default();
    let addr = serve(wrapped(&recorder)).await;
    let response = h2(addr, "HEAD", "/svc200").await.unwrap();
    assert_eq!(response.parts.status, 200);
    assert_eq!(response.parts.headers["content-length"], "5");
    assert!(response.body.unwrap().is_empty());
    assert_eq!(recorder.ids(), ["head-response-with-body"]);
}
