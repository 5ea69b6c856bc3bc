//! Auto traits and the shapes tower, hyper and axum need, checked at compile time.

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::Full;
use tower::service_fn;
use tower_status_conformance::{
    body::ResponseBody, future::ResponseFuture, StatusConformance, StatusConformanceLayer,
    Violation, ViolationCounter,
};

fn assert_send<T: Send>() {}
fn assert_sync<T: Sync>() {}
fn assert_clone<T: Clone>() {}

#[test]
fn layer_service_future_and_body_are_send_and_sync_when_their_parts_are() {
    assert_send::<StatusConformanceLayer>();
    assert_sync::<StatusConformanceLayer>();
    assert_clone::<StatusConformanceLayer>();
    assert_send::<StatusConformance<()>>();
    assert_sync::<StatusConformance<()>>();
    assert_clone::<StatusConformance<()>>();
    assert_send::<ResponseFuture<std::future::Ready<()>>>();
    assert_send::<ResponseBody<Full<Bytes>>>();
    assert_sync::<ResponseBody<Full<Bytes>>>();
}

/// With a hook and a reject builder configured, the service is still `StatusConformance<S>`:
/// a type users can name in a struct field or a function signature.
#[test]
fn a_configured_service_is_nameable() {
    use tower::Layer;
    fn handler_service() -> impl tower::Service<Request<String>> + Clone {
        service_fn(|_: Request<String>| async {
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
        })
    }
    struct App<S> {
        service: StatusConformance<S>,
    }
    let layer = StatusConformanceLayer::new()
        .on_violation((ViolationCounter::new(), |_: &Violation| {}))
        .reject_with(|_: &Violation| Response::new(Bytes::from_static(b"rejected")));
    let app = App {
        service: layer.layer(handler_service()),
    };
    let _: &StatusConformance<_> = &app.service;
    let _: fn(StatusConformance<()>) -> StatusConformance<()> = std::convert::identity;
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
