//! Instruction counts per request, for `valgrind --tool=callgrind`: runs one configuration a
//! given number of times. `benches/instructions.sh` runs it for N and 11·N iterations and
//! divides the difference by 10·N, which cancels start-up and is repeatable to the instruction
//! whatever the machine is doing.
//!
//! `cargo bench --bench instructions -- <configuration> <iterations>`

#![allow(missing_docs)]

use std::{convert::Infallible, hint::black_box};

use bytes::Bytes;
use futures_util::FutureExt;
use http::{header, HeaderValue, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use tower::{service_fn, Layer, Service};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_status_conformance::{Action, Rule, StatusConformanceLayer};

fn respond(status: StatusCode) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"hello")));
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

fn drive<S>(mut service: S, iterations: u64)
where
    S: Service<Request<String>>,
    S::Response: IntoBody,
    S::Error: std::fmt::Debug,
{
    for _ in 0..iterations {
        // Every HTTP/1.1 client sends Host (RFC 9112 §3.2).
        let request = Request::get("/items/7")
            .header("host", "example.com")
            .body(String::new())
            .unwrap();
        let response = service.call(request).now_or_never().unwrap().unwrap();
        black_box(response.into_bytes());
    }
}

/// Collects a response body that is ready at once.
trait IntoBody {
    fn into_bytes(self) -> Bytes;
}

impl<B> IntoBody for Response<B>
where
    B: http_body::Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    fn into_bytes(self) -> Bytes {
        self.into_body()
            .collect()
            .now_or_never()
            .unwrap()
            .unwrap()
            .to_bytes()
    }
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let config = args.next().unwrap_or_else(|| "bare".to_owned());
    let iterations: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);

    let ok =
        || service_fn(|_: Request<String>| async { Ok::<_, Infallible>(respond(StatusCode::OK)) });
    let status = |s: u16| {
        service_fn(move |_: Request<String>| async move {
            let mut response = respond(StatusCode::OK);
            *response.status_mut() = StatusCode::from_u16(s).unwrap();
            Ok::<_, Infallible>(response)
        })
    };
    let every_rule = || {
        let mut layer = StatusConformanceLayer::new();
        for &rule in Rule::ALL {
            if rule.is_opt_in() {
                layer = layer.action(rule, Action::Log);
            }
        }
        layer.log_limit(0)
    };
    match config.as_str() {
        "bare" => drive(ok(), iterations),
        "if_not_present" => drive(
            SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            )
            .layer(ok()),
            iterations,
        ),
        "observe" => drive(StatusConformanceLayer::observe().layer(ok()), iterations),
        "new" => drive(StatusConformanceLayer::new().layer(ok()), iterations),
        "every_rule" => drive(every_rule().layer(ok()), iterations),
        "repair_204" => drive(
            StatusConformanceLayer::new()
                .log_limit(0)
                .layer(status(204)),
            iterations,
        ),
        other => panic!("unknown configuration {other}"),
    }
}
