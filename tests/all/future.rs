//! What the response future does once it has yielded its output: polled again, it panics (as
//! its docs say), whether the response was checked or skipped or the inner service failed, and
//! it never polls the inner future a second time.

use std::{
    convert::Infallible,
    future::Future,
    panic::{catch_unwind, AssertUnwindSafe},
    pin::pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll},
};

use http::{Request, Response, StatusCode};
use tower::{service_fn, Layer, Service};
use tower_status_conformance::StatusConformanceLayer;

fn polled_twice(layer: StatusConformanceLayer, path: &'static str) -> (StatusCode, usize, bool) {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let mut service = layer.layer(service_fn(move |_: Request<String>| {
        let polls = Arc::clone(&counted);
        std::future::poll_fn(move |_| {
            polls.fetch_add(1, Ordering::SeqCst);
            Poll::Ready(Ok::<_, Infallible>(Response::new(String::from("hello"))))
        })
    }));
    let request = Request::builder().uri(path).body(String::new()).unwrap();
    let mut future = pin!(service.call(request));
    let waker = futures_util::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let Poll::Ready(Ok(response)) = future.as_mut().poll(&mut cx) else {
        panic!("a ready service yields at once");
    };
    let again = catch_unwind(AssertUnwindSafe(|| {
        let _ = future.as_mut().poll(&mut cx);
    }));
    (
        response.status(),
        polls.load(Ordering::SeqCst),
        again.is_err(),
    )
}

#[test]
fn a_failed_future_panics_when_polled_after_its_error() {
    let polls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&polls);
    let mut service = StatusConformanceLayer::new().layer(service_fn(move |_: Request<String>| {
        let polls = Arc::clone(&counted);
        std::future::poll_fn(move |_| {
            polls.fetch_add(1, Ordering::SeqCst);
            Poll::Ready(Err::<Response<String>, _>("inner failed"))
        })
    }));
    let mut future = pin!(service.call(Request::new(String::new())));
    let waker = futures_util::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let Poll::Ready(Err(error)) = future.as_mut().poll(&mut cx) else {
        panic!("the inner error passes through at once");
    };
    assert_eq!(error, "inner failed");
    let again = catch_unwind(AssertUnwindSafe(|| {
        let _ = future.as_mut().poll(&mut cx);
    }));
    assert!(again.is_err(), "a second poll must panic");
    assert_eq!(
        polls.load(Ordering::SeqCst),
        1,
        "the inner future is not polled again"
    );
}

#[test]
fn a_checked_future_panics_when_polled_after_its_response() {
    let (status, polls, panicked) = polled_twice(StatusConformanceLayer::new(), "/");
    assert_eq!(status, StatusCode::OK);
    assert!(panicked, "a second poll must panic");
    assert_eq!(polls, 1, "the inner future is not polled again");
}

#[test]
fn a_skipped_future_panics_when_polled_after_its_response() {
    let layer = StatusConformanceLayer::new().skip_if(|parts| parts.uri.path() == "/skip");
    let (status, polls, panicked) = polled_twice(layer, "/skip");
    assert_eq!(status, StatusCode::OK);
    assert!(panicked, "a second poll must panic");
    assert_eq!(polls, 1, "the inner future is not polled again");
}
