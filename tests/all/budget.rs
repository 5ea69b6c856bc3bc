//! A repairing watched body drops offending frames, but only a bounded number per
//! `poll_frame`: a body that is always ready with content must not keep one task on the
//! executor forever. Polled by hand with a counting waker.

use std::{
    convert::Infallible,
    pin::Pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll, Wake, Waker},
};

use bytes::Bytes;
use futures_util::FutureExt;
use http::{Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use tower::{service_fn, Layer, Service};
use tower_status_conformance::StatusConformanceLayer;

/// Always ready with one byte of content; counts its polls and gives up (with an error, not a
/// hang) if polled far more often than any budget allows.
struct Endless {
    polls: Arc<AtomicUsize>,
}

const GIVE_UP: usize = 100_000;

impl Body for Endless {
    type Data = Bytes;
    type Error = &'static str;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, &'static str>>> {
        if self.polls.fetch_add(1, Ordering::Relaxed) >= GIVE_UP {
            return Poll::Ready(Some(Err("polled without a budget")));
        }
        Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b"x")))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::new()
    }
}

#[derive(Default)]
struct CountingWaker(AtomicUsize);

impl Wake for CountingWaker {
    fn wake(self: Arc<Self>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

#[test]
fn dropping_frames_yields_after_a_bounded_number() {
    let polls = Arc::new(AtomicUsize::new(0));
    let body_polls = Arc::clone(&polls);
    // `new()` repairs `no-content-with-body`: every frame of this 204 is dropped.
    let mut service = StatusConformanceLayer::new().layer(service_fn(move |_: Request<String>| {
        let polls = Arc::clone(&body_polls);
        async move {
            let mut response = Response::new(Endless { polls });
            *response.status_mut() = StatusCode::NO_CONTENT;
            Ok::<_, Infallible>(response)
        }
    }));
    let response = service
        // Over HTTP/2: over HTTP/1.x hyper never polls a 204's body, and nothing is watched.
        .call(
            Request::builder()
                .version(http::Version::HTTP_2)
                .body(String::new())
                .unwrap(),
        )
        .now_or_never()
        .unwrap()
        .unwrap();
    let mut body = response.into_body();
    let counter = Arc::new(CountingWaker::default());
    let waker = Waker::from(Arc::clone(&counter));
    let mut cx = Context::from_waker(&waker);

    let first = Pin::new(&mut body).poll_frame(&mut cx);
    let dropped = polls.load(Ordering::Relaxed);
    assert!(first.is_pending(), "yields instead of looping: {first:?}");
    assert!(
        (1..=1024).contains(&dropped),
        "{dropped} frames dropped in one poll"
    );
    assert_eq!(
        counter.0.load(Ordering::Relaxed),
        1,
        "and asks to be polled again"
    );

    // The next poll drops the next batch, the same size.
    assert!(Pin::new(&mut body).poll_frame(&mut cx).is_pending());
    assert_eq!(polls.load(Ordering::Relaxed), 2 * dropped);
    assert_eq!(counter.0.load(Ordering::Relaxed), 2);
}
