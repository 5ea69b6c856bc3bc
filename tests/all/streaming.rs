//! A watched body is never buffered: streaming 1 GiB of freshly allocated 64 KiB frames
//! through a watched HEAD body keeps the process's peak memory where it was.

use std::{
    convert::Infallible,
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use futures_util::FutureExt;
use http::{Method, Request, Response};
use http_body::{Body, Frame, SizeHint};
use tower::{service_fn, Layer, Service};
use tower_status_conformance::{Action, Rule, StatusConformanceLayer};

const FRAME: usize = 64 * 1024;
const FRAMES: usize = 16 * 1024;

/// `FRAMES` frames, each a new allocation, of unknown total size.
struct Fresh {
    left: usize,
}

impl Body for Fresh {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        self.left -= 1;
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(vec![1u8; FRAME])))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

/// The process's peak resident set (VmHWM), in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn stream(action: Action) -> usize {
    let mut service = StatusConformanceLayer::new()
        .action(Rule::HEAD_RESPONSE_WITH_BODY, action)
        .log_limit(0)
        .layer(service_fn(|_: Request<String>| async {
            Ok::<_, Infallible>(Response::new(Fresh { left: FRAMES }))
        }));
    // Over HTTP/2: over HTTP/1.x hyper never polls a HEAD body, and nothing is watched.
    let request = Request::builder()
        .method(Method::HEAD)
        .version(http::Version::HTTP_2)
        .body(String::new())
        .unwrap();
    let body = service
        .call(request)
        .now_or_never()
        .unwrap()
        .unwrap()
        .into_body();
    let mut body = std::pin::pin!(body);
    let waker = futures_util::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut bytes = 0;
    loop {
        match body.as_mut().poll_frame(&mut cx) {
            Poll::Ready(Some(frame)) => bytes += frame.unwrap().data_ref().map_or(0, Bytes::len),
            Poll::Ready(None) => return bytes,
            Poll::Pending => {}
        }
    }
}

#[test]
fn a_gibibyte_through_a_watched_body_keeps_memory_flat() {
    // Warm up the allocator so its first arenas do not count.
    stream(Action::Log);
    let before = peak_kib();
    assert_eq!(
        stream(Action::Log),
        FRAME * FRAMES,
        "Log lets every byte through"
    );
    assert_eq!(stream(Action::Repair), 0, "Repair drops every byte");
    let grown = peak_kib().saturating_sub(before);
    assert!(
        grown < 8 * 1024,
        "peak memory grew by {grown} KiB while streaming 2 GiB"
    );
}
