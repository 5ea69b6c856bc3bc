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
use http::{header, HeaderMap, HeaderValue, Method, Request, Response, StatusCode, Uri};
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

/// A request as hyper's parser hands it over: the target and every header value are slices of
/// one read buffer (a reference count each), not copies.
struct HyperLike {
    buffer: Bytes,
    /// Where the target and each header value sit in `buffer`.
    ranges: Vec<(Option<header::HeaderName>, std::ops::Range<usize>)>,
    method: Method,
}

impl HyperLike {
    fn new(method: Method) -> Self {
        let parts: [(Option<header::HeaderName>, &str); 6] = [
            (None, "/items/7"),
            (Some(header::HOST), "example.com"),
            (Some(header::USER_AGENT), "Mozilla/5.0 (X11; Linux x86_64)"),
            (Some(header::ACCEPT), "text/html,application/json;q=0.9"),
            (Some(header::ACCEPT_ENCODING), "gzip, deflate, br"),
            // A revalidation, so that the 304 configuration is a conforming answer.
            (Some(header::IF_NONE_MATCH), "\"v1\""),
        ];
        let mut text = Vec::new();
        let mut ranges = Vec::new();
        for (name, value) in parts {
            ranges.push((name, text.len()..text.len() + value.len()));
            text.extend_from_slice(value.as_bytes());
        }
        Self {
            buffer: Bytes::from(text),
            ranges,
            method,
        }
    }

    fn request(&self) -> Request<String> {
        let mut request = Request::new(String::new());
        *request.method_mut() = self.method.clone();
        let mut headers = HeaderMap::with_capacity(self.ranges.len());
        for (name, range) in &self.ranges {
            let slice = self.buffer.slice(range.clone());
            match name {
                None => *request.uri_mut() = Uri::from_maybe_shared(slice).unwrap(),
                Some(name) => {
                    headers.insert(name.clone(), HeaderValue::from_maybe_shared(slice).unwrap());
                }
            }
        }
        *request.headers_mut() = headers;
        request
    }
}

fn drive_hyper_like<S>(mut service: S, method: Method, iterations: u64)
where
    S: Service<Request<String>>,
    S::Response: IntoBody,
    S::Error: std::fmt::Debug,
{
    let source = HyperLike::new(method);
    for _ in 0..iterations {
        let response = service
            .call(source.request())
            .now_or_never()
            .unwrap()
            .unwrap();
        black_box(response.into_bytes());
    }
}

/// A response that breaks no rule, for `status` answering `method`.
fn conforming(status: u16, method: &Method) -> Response<Full<Bytes>> {
    let empty = matches!(status, 204 | 304) || *method == Method::HEAD;
    let mut response = Response::new(Full::new(if empty {
        Bytes::new()
    } else {
        Bytes::from_static(b"hello")
    }));
    *response.status_mut() = StatusCode::from_u16(status).unwrap();
    let headers = response.headers_mut();
    match status {
        204 => {}
        304 => {
            headers.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
        }
        _ => {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        }
    }
    if status == 200 {
        // A validator other than the one the request sends back: no 304 is due.
        headers.insert(header::ETAG, HeaderValue::from_static("\"v2\""));
    }
    match status {
        405 => drop(headers.insert(header::ALLOW, HeaderValue::from_static("POST"))),
        429 => drop(headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))),
        _ => {}
    }
    response
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
        // A realistic stack on requests as hyper parses them (which accept gzip): tracing,
        // this layer, compression, a 200 handler. `stack_bare` omits this layer.
        "stack_bare" | "stack_new" => {
            use tower_http::{compression::CompressionLayer, trace::TraceLayer};
            let inner = service_fn(|_: Request<String>| async {
                Ok::<_, Infallible>(conforming(200, &Method::GET))
            });
            let stack = tower::ServiceBuilder::new().layer(TraceLayer::new_for_http());
            if config == "stack_new" {
                let service = stack
                    .layer(StatusConformanceLayer::new())
                    .layer(CompressionLayer::new())
                    .service(inner);
                drive_hyper_like(service, Method::GET, iterations);
            } else {
                let service = stack.layer(CompressionLayer::new()).service(inner);
                drive_hyper_like(service, Method::GET, iterations);
            }
        }
        // `hyper_<layer>_<status>` (`head` for a 200 to HEAD): requests as hyper parses them.
        other if other.starts_with("hyper_") => {
            let mut parts = other.trim_start_matches("hyper_").rsplitn(2, '_');
            let (which, layer) = (parts.next().unwrap(), parts.next().unwrap());
            let (method, status) = match which {
                "head" => (Method::HEAD, 200),
                code => (Method::GET, code.parse().unwrap()),
            };
            // The exchange must break no rule: this measures the conforming path.
            let findings = tower_status_conformance::check_all(
                &HyperLike::new(method.clone()).request(),
                &conforming(status, &method),
            );
            assert!(findings.is_empty(), "{other}: {findings:?}");
            let response_method = method.clone();
            // `big…`: a handler whose future holds 512 bytes across an await, as an async
            // handler's state machine does, rather than a ready response alone. Its arms repeat
            // the ones below on purpose: folding both into one generic function moved `new()`
            // by +71 instructions with the library unchanged (the compiler inlines the layer
            // into its caller differently), and BENCHMARKS.md's figures come from this driver.
            if let Some(layer) = layer.strip_prefix("big") {
                let inner = service_fn(move |_: Request<String>| {
                    let response = conforming(status, &response_method);
                    async move {
                        let state = [7u8; 512];
                        std::future::ready(()).await;
                        black_box(&state);
                        Ok::<_, Infallible>(response)
                    }
                });
                match layer {
                    "bare" => drive_hyper_like(inner, method, iterations),
                    "peer" => drive_hyper_like(
                        SetResponseHeaderLayer::if_not_present(
                            header::X_CONTENT_TYPE_OPTIONS,
                            HeaderValue::from_static("nosniff"),
                        )
                        .layer(inner),
                        method,
                        iterations,
                    ),
                    "new" => drive_hyper_like(
                        StatusConformanceLayer::new().layer(inner),
                        method,
                        iterations,
                    ),
                    other => panic!("unknown layer big{other}"),
                }
                return;
            }
            let inner = service_fn(move |_: Request<String>| {
                let response = conforming(status, &response_method);
                async move { Ok::<_, Infallible>(response) }
            });
            match layer {
                "bare" => drive_hyper_like(inner, method, iterations),
                "peer" => drive_hyper_like(
                    SetResponseHeaderLayer::if_not_present(
                        header::X_CONTENT_TYPE_OPTIONS,
                        HeaderValue::from_static("nosniff"),
                    )
                    .layer(inner),
                    method,
                    iterations,
                ),
                "floor" => drive_hyper_like(floor::FloorLayer.layer(inner), method, iterations),
                // Only rules that read no request field (framing, content, `Allow`, caching of
                // 429): the capture skips the walk over the request's fields.
                "framing" => {
                    let layer = [
                        Rule::STATUS_OUT_OF_RANGE,
                        Rule::NO_CONTENT_WITH_BODY,
                        Rule::NOT_MODIFIED_WITH_BODY,
                        Rule::HEAD_RESPONSE_WITH_BODY,
                        Rule::FORBIDDEN_CONTENT_LENGTH,
                        Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING,
                        Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW,
                        Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE,
                    ]
                    .into_iter()
                    .fold(
                        StatusConformanceLayer::new().default_action(Action::Allow),
                        |layer, rule| layer.action(rule, Action::Repair),
                    );
                    drive_hyper_like(layer.layer(inner), method, iterations);
                }
                // `new()` with the contract of a document that gives every status measured
                // (`bash benches/instructions.sh N contract`, the `openapi` feature).
                #[cfg(feature = "openapi")]
                "contract" => {
                    let document = tower_status_conformance::openapi::Document::from_json(
                        r#"{"openapi": "3.1.0", "paths": {"/items/{id}": {
                            "get": {"responses": {"200": {"description": "the item"},
                                                  "304": {"description": "unchanged"},
                                                  "405": {"description": "read-only"},
                                                  "429": {"description": "slow down"}}},
                            "head": {"responses": {"200": {"description": "the item"}}}
                        }}}"#,
                    )
                    .unwrap();
                    drive_hyper_like(
                        StatusConformanceLayer::new()
                            .contract(document.contract())
                            .layer(inner),
                        method,
                        iterations,
                    );
                }
                "new" => drive_hyper_like(
                    StatusConformanceLayer::new().layer(inner),
                    method,
                    iterations,
                ),
                other => panic!("unknown layer {other}"),
            }
        }
        // `lookup_<walk|hash|none>_<names>`: one look-up of `ETag`, the last of `names` names
        // of a response's map, by walking its lines (as `syntax::lines` does in a small map) or
        // through `HeaderMap::get_all`; `none` builds the map only.
        config if config.starts_with("lookup_") => {
            let mut parts = config["lookup_".len()..].split('_');
            let how = parts.next().unwrap_or_default().to_owned();
            let names: usize = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
            lookups::run(&how, names, iterations);
        }
        other => panic!("unknown configuration {other}"),
    }
}

/// The least a layer that reads the request's and the response's header fields can do: one
/// pass over each, a cheap test per name, the target copied into the future (as any check that
/// compares it with the response must keep it once the request has moved on). No rule. Its
/// cost is the floor under any implementation of this crate's checks, measured in the same run.
mod floor {
    use std::{
        future::Future,
        pin::Pin,
        task::{ready, Context, Poll},
    };

    use http::{Request, Response};
    use tower::{Layer, Service};

    #[derive(Clone, Copy)]
    pub(super) struct FloorLayer;

    impl<S> Layer<S> for FloorLayer {
        type Service = Floor<S>;
        fn layer(&self, inner: S) -> Floor<S> {
            Floor(inner)
        }
    }

    pub(super) struct Floor<S>(S);

    impl<S, B, R> Service<Request<B>> for Floor<S>
    where
        S: Service<Request<B>, Response = Response<R>>,
    {
        type Response = Response<R>;
        type Error = S::Error;
        type Future = FloorFuture<S::Future>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
            self.0.poll_ready(cx)
        }

        fn call(&mut self, request: Request<B>) -> Self::Future {
            let mut seen = 0u32;
            for name in request.headers().keys() {
                seen |= 1 << (name.as_str().len() & 31);
            }
            let mut target = [0u8; 32];
            let path = request.uri().path().as_bytes();
            let len = path.len().min(target.len());
            target[..len].copy_from_slice(&path[..len]);
            FloorFuture {
                inner: self.0.call(request),
                seen,
                target,
            }
        }
    }

    pin_project_lite::pin_project! {
        pub struct FloorFuture<F> {
            #[pin]
            inner: F,
            seen: u32,
            target: [u8; 32],
        }
    }

    impl<F, R, E> Future for FloorFuture<F>
    where
        F: Future<Output = Result<Response<R>, E>>,
    {
        type Output = F::Output;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            let this = self.project();
            let response = ready!(this.inner.poll(cx))?;
            let mut seen = *this.seen;
            for name in response.headers().keys() {
                seen |= 1 << (name.as_str().len() & 31);
            }
            std::hint::black_box((seen, &this.target));
            Poll::Ready(Ok(response))
        }
    }
}

/// The two ways of finding a response field's lines that `syntax::lines` chooses between
/// (`bash benches/instructions.sh N lookups`).
mod lookups {
    use std::hint::black_box;

    use http::{header, HeaderMap, HeaderName, HeaderValue};

    fn walked<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a HeaderValue> {
        let mut found = None;
        for (line_name, value) in headers {
            if line_name == name {
                found = Some(value);
            } else if found.is_some() {
                break;
            }
        }
        found
    }

    fn hashed<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a HeaderValue> {
        headers.get_all(name).iter().next()
    }

    pub(super) fn run(how: &str, names: usize, iterations: u64) {
        let others = [
            header::CONTENT_TYPE,
            header::CACHE_CONTROL,
            header::VARY,
            header::LAST_MODIFIED,
            header::ACCEPT_RANGES,
            header::CONTENT_LANGUAGE,
            header::X_FRAME_OPTIONS,
            header::X_CONTENT_TYPE_OPTIONS,
            header::STRICT_TRANSPORT_SECURITY,
            header::REFERRER_POLICY,
            header::CONTENT_SECURITY_POLICY,
        ];
        let mut headers = HeaderMap::new();
        for other in others.iter().take(names.saturating_sub(1)) {
            headers.insert(other.clone(), HeaderValue::from_static("x"));
        }
        headers.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
        let mut found = 0;
        for _ in 0..iterations {
            let headers = black_box(&headers);
            found += match how {
                "walk" => usize::from(walked(headers, &header::ETAG).is_some()),
                "hash" => usize::from(hashed(headers, &header::ETAG).is_some()),
                _ => 0,
            };
        }
        black_box(found);
    }
}
