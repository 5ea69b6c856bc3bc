//! Per-request cost of the layer on a trivial service, next to the bare service and to the
//! cheapest real tower-http layer (`SetResponseHeaderLayer::if_not_present`); violating
//! responses; and a large body watched frame by frame.
//!
//! `cargo bench --bench overhead`

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn

use std::{
    convert::Infallible,
    hint::black_box,
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use futures_util::FutureExt;
use http::{header, HeaderValue, Method, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full};
use tower::{service_fn, Layer, Service};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_status_conformance::{Action, Rule, StatusConformanceLayer};

fn respond(
    status: u16,
    extra: Option<(header::HeaderName, &'static str)>,
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"hello")));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::SERVER, HeaderValue::from_static("bench"));
    if let Some((name, value)) = extra {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// One request through `service`, polled once (every future here is ready at once), body
/// collected.
fn call<S, B>(service: &mut S) -> Bytes
where
    S: Service<Request<String>, Response = Response<B>>,
    S::Error: std::fmt::Debug,
    B: Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    // Every HTTP/1.1 client sends Host (RFC 9112 §3.2).
    let request = Request::get("/items/7")
        .header("host", "example.com")
        .body(String::new())
        .unwrap();
    let response = service.call(request).now_or_never().unwrap().unwrap();
    response
        .into_body()
        .collect()
        .now_or_never()
        .unwrap()
        .unwrap()
        .to_bytes()
}

fn every_rule() -> StatusConformanceLayer {
    Rule::ALL
        .iter()
        .filter(|rule| rule.is_opt_in())
        .fold(StatusConformanceLayer::new(), |layer, &rule| {
            layer.action(rule, Action::Log)
        })
}

fn per_request(c: &mut Criterion) {
    let ok = || service_fn(|_: Request<String>| async { Ok::<_, Infallible>(respond(200, None)) });
    let mut group = c.benchmark_group("per_request");

    let mut bare = ok();
    group.bench_function("bare", |b| b.iter(|| black_box(call(&mut bare))));
    let mut peer = SetResponseHeaderLayer::if_not_present(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    )
    .layer(ok());
    group.bench_function("set_header_if_not_present", |b| {
        b.iter(|| black_box(call(&mut peer)))
    });
    for (name, layer) in [
        ("conformance_observe", StatusConformanceLayer::observe()),
        ("conformance_new", StatusConformanceLayer::new()),
        ("conformance_every_rule", every_rule()),
    ] {
        let mut service = layer.layer(ok());
        group.bench_function(name, |b| b.iter(|| black_box(call(&mut service))));
    }
    group.finish();

    // Violating responses, with the default layer; events are not logged (no subscriber).
    let mut group = c.benchmark_group("violating");
    let cases: [(&str, u16, Option<(header::HeaderName, &'static str)>); 3] = [
        ("repair_204_with_body", 204, None),
        (
            "repair_429_max_age",
            429,
            Some((header::CACHE_CONTROL, "max-age=3600")),
        ),
        ("reject_600", 600, None),
    ];
    for (name, status, extra) in cases {
        let mut service = StatusConformanceLayer::new().log_limit(0).layer(service_fn(
            move |_: Request<String>| {
                let extra = extra.clone();
                async move { Ok::<_, Infallible>(respond(status, extra)) }
            },
        ));
        group.bench_function(name, |b| b.iter(|| black_box(call(&mut service))));
    }
    group.finish();
}

/// A body of `frames` frames of one shared 64 KiB buffer, size unknown until it streams.
struct Frames {
    chunk: Bytes,
    left: usize,
}

impl Body for Frames {
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
        Poll::Ready(Some(Ok(Frame::data(self.chunk.clone()))))
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

const FRAME: usize = 64 * 1024;
const FRAMES: usize = 16 * 1024; // 1 GiB

/// Polls every frame of a body and counts its bytes, as a server writing it would.
fn drain<B: Body<Data = Bytes>>(body: B) -> usize
where
    B::Error: std::fmt::Debug,
{
    let mut body = std::pin::pin!(body);
    let waker = futures_util::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    let mut bytes = 0;
    loop {
        match body.as_mut().poll_frame(&mut cx) {
            Poll::Ready(Some(frame)) => {
                bytes += frame.unwrap().data_ref().map_or(0, Bytes::len);
            }
            Poll::Ready(None) => return bytes,
            Poll::Pending => {}
        }
    }
}

fn streaming(c: &mut Criterion) {
    let chunk = Bytes::from(vec![7u8; FRAME]);
    let mut group = c.benchmark_group("stream_1gib_64kib_frames");
    group.throughput(Throughput::Bytes((FRAME * FRAMES) as u64));
    group.sample_size(10);

    let body = || Frames {
        chunk: chunk.clone(),
        left: FRAMES,
    };
    group.bench_function("bare", |b| {
        b.iter_batched(body, |body| black_box(drain(body)), BatchSize::SmallInput)
    });
    // The same body through the layer: on a GET 200 it is passed through; on a HEAD response
    // it is watched frame by frame, and `Log` lets every frame through while `Repair` drops
    // them.
    let cases = [
        ("unwatched", Method::GET, Action::Log),
        ("watched_log", Method::HEAD, Action::Log),
        ("watched_repair", Method::HEAD, Action::Repair),
    ];
    for (name, method, action) in cases {
        let chunk = chunk.clone();
        let mut service = StatusConformanceLayer::new()
            .action(Rule::HEAD_RESPONSE_WITH_BODY, action)
            .log_limit(0)
            .layer(service_fn(move |_: Request<String>| {
                let body = Frames {
                    chunk: chunk.clone(),
                    left: FRAMES,
                };
                async move { Ok::<_, Infallible>(Response::new(body)) }
            }));
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let request = Request::builder()
                        .method(method.clone())
                        .body(String::new())
                        .unwrap();
                    service
                        .call(request)
                        .now_or_never()
                        .unwrap()
                        .unwrap()
                        .into_body()
                },
                |body| black_box(drain(body)),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, per_request, streaming);
criterion_main!(benches);
