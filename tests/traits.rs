//! Auto traits and the shapes tower, hyper and axum need, checked at compile time.

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use tower::service_fn;
use tower_status_conformance::{
    body::ResponseBody, future::ResponseFuture, DefaultResponseForViolation, StatusConformance,
    StatusConformanceLayer, Violation,
};

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}
fn assert_clone<T: Clone>() {}

#[test]
fn layer_service_future_and_body_are_send_and_sync_when_their_parts_are() {
    type Hook = fn(&Violation);
    assert_send::<StatusConformanceLayer>();
    assert_sync::<StatusConformanceLayer>();
    assert_clone::<StatusConformanceLayer<Hook>>();
    assert_send::<StatusConformance<(), Hook, DefaultResponseForViolation>>();
    assert_sync::<StatusConformance<(), Hook, DefaultResponseForViolation>>();
    assert_clone::<StatusConformance<(), Hook, DefaultResponseForViolation>>();
    assert_send::<ResponseFuture<std::future::Ready<()>, Hook, DefaultResponseForViolation>>();
    assert_send::<ResponseBody<Full<Bytes>>>();
    assert_sync::<ResponseBody<Full<Bytes>>>();
}

#[tokio::test]
async fn response_future_is_send_for_a_send_inner_service() {
    use tower::{Layer, ServiceExt};
    let service = StatusConformanceLayer::new().layer(service_fn(|_: Request<String>| async {
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"ok"))))
    }));
    let handle = tokio::spawn(service.oneshot(Request::new(String::new())));
    assert_eq!(handle.await.unwrap().unwrap().status(), 200);
}

#[test]
fn debug_output_names_the_configuration() {
    let layer = StatusConformanceLayer::new().on_violation(|_: &Violation| {});
    let text = format!("{layer:?}");
    assert!(text.starts_with("StatusConformanceLayer"), "{text}");
    assert!(text.contains("level: Level(Warn)"), "{text}");
}

#[test]
fn the_body_wrapper_stays_small() {
    // The watched state is boxed so every response does not carry it: the wrapper adds at most
    // a discriminant and a pointer to the inner body.
    use std::mem::size_of;
    let overhead = size_of::<ResponseBody<Full<Bytes>>>() - size_of::<Full<Bytes>>();
    assert!(overhead <= 16, "ResponseBody adds {overhead} bytes");
}
