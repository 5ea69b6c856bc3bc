//! Per-request cost of the layer on a trivial service, next to the bare service and to the
//! cheapest real tower-http-style layer users already run (a closure that inserts a header if
//! absent, which is what `SetResponseHeaderLayer::if_not_present` does).
//!
//! `cargo bench --bench overhead`

#![allow(missing_docs)] // criterion_group! generates an undocumented pub fn

use std::{convert::Infallible, hint::black_box};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, Criterion};
use http::{header, HeaderValue, Request, Response, StatusCode};
use http_body_util::Full;
use tower::{service_fn, Layer, Service, ServiceExt};
use tower_status_conformance::StatusConformanceLayer;

fn respond(status: StatusCode, body: &'static [u8]) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=60"),
    );
    headers.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(header::SERVER, HeaderValue::from_static("bench"));
    response
}

/// Drives one request through `service` on the current thread, without a runtime: every future
/// here is ready at once.
fn call<S>(service: &mut S, request: Request<()>) -> S::Response
where
    S: Service<Request<()>>,
    S::Error: std::fmt::Debug,
{
    let future = service.call(request);
    futures_util::FutureExt::now_or_never(future)
        .expect("ready at once")
        .unwrap()
}

fn bench(c: &mut Criterion) {
    let ok = || {
        service_fn(|_: Request<()>| async {
            Ok::<_, Infallible>(respond(StatusCode::OK, b"hello"))
        })
    };
    let no_content = || {
        service_fn(|_: Request<()>| async {
            Ok::<_, Infallible>(respond(StatusCode::NO_CONTENT, b"hello"))
        })
    };
    let request = || Request::get("/items/7").body(()).unwrap();

    let mut group = c.benchmark_group("per_request");
    let mut bare = ok();
    group.bench_function("bare", |b| b.iter(|| black_box(call(&mut bare, request()))));

    let mut peer = ok().map_response(|mut response: Response<Full<Bytes>>| {
        response
            .headers_mut()
            .entry(header::X_CONTENT_TYPE_OPTIONS)
            .or_insert(HeaderValue::from_static("nosniff"));
        response
    });
    group.bench_function("insert_header_if_absent", |b| {
        b.iter(|| black_box(call(&mut peer, request())))
    });

    for (name, layer) in [
        ("conformance_observe", StatusConformanceLayer::observe()),
        ("conformance_new", StatusConformanceLayer::new()),
    ] {
        let mut service = layer.layer(ok());
        group.bench_function(name, |b| {
            b.iter(|| black_box(call(&mut service, request())))
        });
    }

    let mut repairing = StatusConformanceLayer::new().layer(no_content());
    group.bench_function("conformance_new_repairing_204_body", |b| {
        b.iter(|| black_box(call(&mut repairing, request())))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
