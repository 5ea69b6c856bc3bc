//! Scoping: `skip_if` leaves whole requests unchecked; `RuleOverrides` on a response exempts
//! rules or changes their action for that response only. Shown on an axum app with a WebSocket
//! route, a mounted third-party service and a legacy endpoint.

use std::convert::Infallible;

use crate::support::Recorder;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode},
    response::IntoResponse,
    routing::{any, get},
    Extension, Router,
};
use http_body_util::BodyExt;
use tower::ServiceExt;
use tower_status_conformance::{Action, Rule, RuleOverrides, StatusConformanceLayer};

fn app() -> Router {
    Router::new()
        // A WebSocket endpoint checked elsewhere; here it answers 101 to anything.
        .route(
            "/ws",
            any(|| async {
                (
                    StatusCode::SWITCHING_PROTOCOLS,
                    [("upgrade", "websocket"), ("connection", "upgrade")],
                )
            }),
        )
        // A third-party service mounted under a prefix: its 405 carries no `Allow`.
        .nest_service(
            "/vendor",
            tower::service_fn(|_: Request<Body>| async {
                Ok::<_, Infallible>(StatusCode::METHOD_NOT_ALLOWED.into_response())
            }),
        )
        // A legacy endpoint that keeps its 405 without `Allow` and sends a body on a 204.
        .route("/legacy", get(legacy).delete(legacy_delete))
        .route("/current", get(|| async { StatusCode::METHOD_NOT_ALLOWED }))
}

async fn legacy() -> impl IntoResponse {
    let overrides = RuleOverrides::new().exempt(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
    (Extension(overrides), StatusCode::METHOD_NOT_ALLOWED)
}

async fn legacy_delete() -> impl IntoResponse {
    let overrides = RuleOverrides::new().action(Rule::NO_CONTENT_WITH_BODY, Action::Log);
    (StatusCode::NO_CONTENT, Extension(overrides), "gone")
}

fn layered(recorder: &Recorder) -> Router {
    let layer = StatusConformanceLayer::new()
        .skip_if(|request| {
            let path = request.uri.path();
            path == "/ws" || path.starts_with("/vendor")
        })
        .on_violation(recorder.clone());
    Router::new().fallback_service(app()).layer(layer)
}

async fn call(recorder: &Recorder, method: Method, path: &str) -> (u16, bytes::Bytes) {
    let request = Request::builder()
        .method(method)
        .uri(path)
        .version(http::Version::HTTP_2)
        .body(Body::empty())
        .unwrap();
    let response = layered(recorder).oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    (
        status,
        response.into_body().collect().await.unwrap().to_bytes(),
    )
}

#[tokio::test]
async fn skipped_requests_pass_unchecked_and_untouched() {
    let recorder = Recorder::default();
    // An unrequested 101 would be rejected with a 500 by `new()`.
    let (status, _) = call(&recorder, Method::GET, "/ws").await;
    assert_eq!(status, 101);
    let (status, _) = call(&recorder, Method::POST, "/vendor/api").await;
    assert_eq!(status, 405);
    assert!(recorder.take().is_empty());

    // The same defect outside the skipped prefixes is reported.
    call(&recorder, Method::GET, "/current").await;
    assert_eq!(recorder.ids(), ["method-not-allowed-without-allow"]);
}

#[tokio::test]
async fn a_response_can_exempt_a_rule_or_change_its_action() {
    let recorder = Recorder::default();
    let (status, _) = call(&recorder, Method::GET, "/legacy").await;
    assert_eq!(status, 405);
    assert!(recorder.take().is_empty(), "exempted on this response");

    // `new()` repairs a 204 with a body; this response asks for a log line only.
    let (status, body) = call(&recorder, Method::DELETE, "/legacy").await;
    assert_eq!(status, 204);
    assert_eq!(body, "gone", "logged, not repaired");
    let reported: Vec<_> = recorder
        .take()
        .iter()
        .map(|v| (v.rule(), v.action()))
        .collect();
    assert!(
        reported.contains(&(Rule::NO_CONTENT_WITH_BODY, Action::Log)),
        "{reported:?}"
    );
}

/// The same scoping on the wire: `axum::serve`, HTTP/1.1 and HTTP/2.
#[tokio::test]
async fn scoping_holds_on_the_wire() {
    use crate::support::wire::{h1, h2};

    let recorder = Recorder::default();
    let app = layered(&recorder);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    for (method, path, status) in [("POST", "/vendor/api", 405), ("GET", "/legacy", 405)] {
        assert_eq!(h1(addr, method, path, "HTTP/1.1").await.status(), status);
        assert_eq!(h2(addr, method, path).await.unwrap().parts.status, status);
    }
    // A 101 is a hand-off on HTTP/1.1 only; a skipped request's 101 goes out as the handler
    // sent it.
    assert_eq!(h1(addr, "GET", "/ws", "HTTP/1.1").await.status(), 101);
    assert!(recorder.take().is_empty(), "skipped or exempted");

    h2(addr, "GET", "/current").await.unwrap();
    assert_eq!(recorder.ids(), ["method-not-allowed-without-allow"]);
}
