//! What reaches an HTTP/3 client from a service behind an h3 adapter (quinn 0.11, h3 0.0.8),
//! without and with the layer. Here no hyper stands between the layer and the wire: h3 sends
//! every field and DATA frame it is handed, so the defects hyper would have removed over
//! HTTP/1.1 or HTTP/2 reach the client, and the layer (which sees `Version::HTTP_3`) reports and
//! repairs them.

use std::convert::Infallible;

use crate::support::{
    http3::{h3, spawn_h3, H3Server},
    wire_cases::respond,
    Recorder, TestBody,
};
use axum::{http::StatusCode, routing::get, Router};
use bytes::Bytes;
use http::{Request, Response, Version};
use http_body_util::Full;
use tower::{service_fn, Layer};
use tower_status_conformance::{Culprit, Rule, Stage, StatusConformanceLayer};

/// The shared wire cases (`support::wire_cases`), and `/version`, which says the version the
/// service saw.
async fn case(request: Request<Full<Bytes>>) -> Result<Response<TestBody>, Infallible> {
    if request.uri().path() == "/version" {
        let version = match request.version() {
            Version::HTTP_3 => "HTTP/3",
            _ => "other",
        };
        let response = Response::builder()
            .header("content-type", "text/plain")
            .body(TestBody::full(version));
        return Ok(response.unwrap());
    }
    Ok(respond(request.uri().path()))
}

async fn bare() -> H3Server {
    spawn_h3(service_fn(case)).await
}

async fn with_default() -> (H3Server, Recorder) {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new().on_violation(recorder.clone());
    (spawn_h3(layer.layer(service_fn(case))).await, recorder)
}

#[tokio::test]
async fn a_conforming_response_crosses_http3_untouched_and_unreported() {
    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/version").await.unwrap();
    assert_eq!(response.parts.status, 200);
    assert_eq!(response.parts.version, Version::HTTP_3);
    assert_eq!(response.parts.headers["content-type"], "text/plain");
    // The service (and so the layer) saw the request as HTTP/3.
    assert_eq!(response.body.unwrap(), "HTTP/3");
    let response = h3(&server, "GET", "/").await.unwrap();
    assert_eq!(response.body.unwrap(), "ok");
    assert!(recorder.take().is_empty(), "no false finding over HTTP/3");
}

// ===== connection-specific fields (RFC 9114 §4.2) =====

#[tokio::test]
async fn connection_specific_fields_reach_an_h3_client_without_the_layer_and_not_with_it() {
    // h3 0.0.8 encodes them, and its client accepts them, although RFC 9114 §4.2 says "An
    // endpoint MUST NOT generate an HTTP/3 field section containing connection-specific fields".
    let bare = bare().await;
    let response = h3(&bare, "GET", "/connection").await.unwrap();
    assert_eq!(response.parts.headers["connection"], "keep-alive");
    assert_eq!(response.parts.headers["keep-alive"], "timeout=5");
    let response = h3(&bare, "GET", "/te").await.unwrap();
    assert_eq!(response.parts.headers["transfer-encoding"], "chunked");
    assert_eq!(response.body.unwrap(), "hello", "sent as plain DATA frames");

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/connection").await.unwrap();
    assert!(response.parts.headers.get("connection").is_none());
    assert!(response.parts.headers.get("keep-alive").is_none());
    assert_eq!(response.body.unwrap(), "ok");
    assert_eq!(recorder.ids(), ["connection-specific-field-over-http2"]);
    recorder.take();
    let response = h3(&server, "GET", "/te").await.unwrap();
    assert!(response.parts.headers.get("transfer-encoding").is_none());
    assert_eq!(response.body.unwrap(), "hello");
    assert_eq!(recorder.ids(), ["connection-specific-field-over-http2"]);
}

// ===== 204 and 304 (RFC 9110 §8.6, §15.3.5, §15.4.5) =====

#[tokio::test]
async fn a_204_length_and_content_both_reach_an_h3_client_and_both_are_repaired() {
    // Over HTTP/1.1 hyper would drop the content (and only the length is a finding).
    let response = h3(&bare().await, "GET", "/204-cl-body").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert_eq!(response.parts.headers["content-length"], "5");
    assert_eq!(response.body.unwrap(), "hello", "h3 sends the DATA");

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/204-cl-body").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.parts.headers.get("content-length").is_none());
    assert!(response.body.unwrap().is_empty());
    assert_eq!(
        recorder.ids(),
        ["forbidden-content-length", "no-content-with-body"]
    );
}

#[tokio::test]
async fn an_empty_204s_length_zero_is_a_finding_over_http3_only() {
    // hyper's HTTP/1 encoder writes no `Content-Length` on an empty 204, so the layer does not
    // report it there; h3 sends it.
    let response = h3(&bare().await, "GET", "/204-cl0").await.unwrap();
    assert_eq!(response.parts.headers["content-length"], "0");

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/204-cl0").await.unwrap();
    assert!(response.parts.headers.get("content-length").is_none());
    assert_eq!(recorder.ids(), ["forbidden-content-length"]);
}

#[tokio::test]
async fn a_streamed_204_body_and_its_trailers_are_dropped_at_stream_time() {
    let bare = bare().await;
    let response = h3(&bare, "GET", "/204-stream").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello", "h3 sends the DATA");
    let response = h3(&bare, "GET", "/204-trailers").await.unwrap();
    assert_eq!(
        response.trailers.unwrap()["x-checksum"],
        "abc",
        "and a trailer section"
    );

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/204-stream").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.body.unwrap().is_empty());
    let response = h3(&server, "GET", "/204-trailers").await.unwrap();
    assert!(response.body.unwrap().is_empty());
    assert!(response.trailers.is_none());
    let reported = recorder.take();
    assert_eq!(reported.len(), 2);
    assert!(reported
        .iter()
        .all(|v| v.rule() == Rule::NO_CONTENT_WITH_BODY && v.stage() == Stage::Stream));
}

#[tokio::test]
async fn a_304s_content_is_repaired() {
    let response = h3(&bare().await, "GET", "/304-body").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello", "h3 sends it");

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/304-body").await.unwrap();
    assert_eq!(response.parts.status, 304);
    assert_eq!(response.parts.headers["etag"], "\"v1\"");
    assert!(response.body.unwrap().is_empty());
    // The client asked without a condition: that 304 is a finding of its own.
    assert_eq!(
        recorder.ids(),
        ["not-modified-with-body", "not-modified-unconditional"]
    );
}

// ===== HEAD (RFC 9110 §9.3.2) =====

#[tokio::test]
async fn content_to_head_reaches_an_h3_client_and_the_repair_keeps_its_length() {
    let bare = bare().await;
    let response = h3(&bare, "HEAD", "/").await.unwrap();
    assert_eq!(response.body.unwrap(), "ok", "h3 sends DATA on a HEAD");
    let response = h3(&bare, "HEAD", "/stream").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello");

    let (server, recorder) = with_default().await;
    let response = h3(&server, "HEAD", "/").await.unwrap();
    assert_eq!(response.parts.status, 200);
    assert!(response.body.unwrap().is_empty());
    // The length a GET would have: the repair adds what the known body said.
    assert_eq!(response.parts.headers["content-length"], "2");
    let response = h3(&server, "HEAD", "/stream").await.unwrap();
    assert!(response.body.unwrap().is_empty());
    assert_eq!(
        recorder.ids(),
        ["head-response-with-body", "head-response-with-body"]
    );
}

// ===== 1xx as a final response (RFC 9114 §4.5, RFC 9110 §15.2) =====

#[tokio::test]
async fn a_final_101_or_103_becomes_a_500() {
    // RFC 9114 §4.5: HTTP/3 "does not support the 101 (Switching Protocols) informational
    // status code". h3 0.0.8 sends whatever status it is given as the response's head.
    let bare = bare().await;
    assert_eq!(
        h3(&bare, "GET", "/101").await.unwrap().parts.status,
        101,
        "h3 sends it as the final status"
    );
    assert_eq!(h3(&bare, "GET", "/103").await.unwrap().parts.status, 103);

    let (server, recorder) = with_default().await;
    let response = h3(&server, "GET", "/101").await.unwrap();
    assert_eq!(response.parts.status, 500);
    assert!(response.parts.headers.get("upgrade").is_none());
    // Its `Upgrade` and `Connection` are connection-specific fields over HTTP/3 as well.
    assert_eq!(
        recorder.ids(),
        [
            "switching-protocols-over-http2",
            "connection-specific-field-over-http2"
        ]
    );
    recorder.take();
    let response = h3(&server, "GET", "/103").await.unwrap();
    assert_eq!(response.parts.status, 500);
    assert_eq!(recorder.ids(), ["informational-as-final"]);
}

// ===== an axum app behind the adapter =====

fn app() -> Router {
    Router::new()
        .route("/r", get(|| async { "hello" }))
        .route("/nc-empty", get(|| async { StatusCode::NO_CONTENT }))
}

#[tokio::test]
async fn axums_length_zero_on_a_204_reaches_an_h3_client_and_the_layer_removes_it() {
    // axum 0.8.9 adds `Content-Length: 0` to every empty response (`set_content_length` in
    // `routing/route.rs`); hyper drops it from a 204 over HTTP/1, h3 sends it.
    let bare = spawn_h3(app()).await;
    let response = h3(&bare, "GET", "/nc-empty").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert_eq!(response.parts.headers["content-length"], "0");

    let recorder = Recorder::default();
    let wrapped = Router::new()
        .fallback_service(app())
        .layer(StatusConformanceLayer::new().on_violation(recorder.clone()));
    let server = spawn_h3(wrapped).await;
    let response = h3(&server, "GET", "/nc-empty").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.parts.headers.get("content-length").is_none());
    let reported = recorder.take();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].rule(), Rule::FORBIDDEN_CONTENT_LENGTH);
    assert_eq!(reported[0].culprit(), Some(Culprit::AxumContentLength));
    // axum's own HEAD handling (the body emptied, its length kept) is no finding.
    let response = h3(&server, "HEAD", "/r").await.unwrap();
    assert_eq!(response.parts.headers["content-length"], "5");
    assert!(response.body.unwrap().is_empty());
    let response = h3(&server, "GET", "/r").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello");
    assert!(recorder.take().is_empty());
}
