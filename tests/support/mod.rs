//! Shared test support: fixture bodies and exchanges, a violation recorder, an event capture,
//! and helpers to drive a service once.
#![allow(dead_code, unreachable_pub)]

pub(crate) mod body;
pub(crate) mod events;
pub(crate) mod exchange;
pub(crate) mod fixtures;
pub(crate) mod http3;
pub(crate) mod proxy;
pub(crate) mod servers;
pub(crate) mod tls;
pub(crate) mod wire;
pub(crate) mod wire_cases;

use std::{
    convert::Infallible,
    sync::{Arc, Mutex},
};

use bytes::Bytes;
use http::{response::Parts, HeaderMap, Method, Request, Response};
use http_body_util::BodyExt;
use tower::{service_fn, Layer, ServiceExt};
use tower_status_conformance::{OnViolation, StatusConformanceLayer, Violation};

pub(crate) use body::TestBody;

/// An `OnViolation` hook that keeps every violation.
#[derive(Clone, Default)]
pub(crate) struct Recorder(Arc<Mutex<Vec<Violation>>>);

impl Recorder {
    pub(crate) fn take(&self) -> Vec<Violation> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }

    pub(crate) fn ids(&self) -> Vec<&'static str> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(|v| v.rule().id())
            .collect()
    }
}

impl OnViolation for Recorder {
    fn on_violation(&self, violation: &Violation) {
        self.0.lock().unwrap().push(violation.clone());
    }
}

/// What came out of the service: the head, the bytes of the body, its trailers.
#[derive(Debug)]
pub(crate) struct Output {
    pub(crate) parts: Parts,
    pub(crate) body: Bytes,
    pub(crate) trailers: Option<HeaderMap>,
}

/// Serves one `response` for `request` through `layer`, and collects the whole body.
pub(crate) async fn run(
    layer: &StatusConformanceLayer,
    request: Request<String>,
    response: Response<TestBody>,
) -> Output {
    let response = Mutex::new(Some(response));
    let service = layer.layer(service_fn(move |_req: Request<String>| {
        let response = response.lock().unwrap().take().expect("served once");
        async move { Ok::<_, Infallible>(response) }
    }));
    let response = service.oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let collected = body.collect().await.unwrap();
    let trailers = collected.trailers().cloned();
    Output {
        parts,
        body: collected.to_bytes(),
        trailers,
    }
}

/// A request with no body, over HTTP/2: where hyper sends every byte and field of the
/// response it is given (over HTTP/1.x its encoder drops the content of a HEAD, 1xx, 204 or 304
/// response, which the layer then does not report; see `Wire`).
pub(crate) fn request(method: Method, path: &str) -> Request<String> {
    Request::builder()
        .method(method)
        .uri(path)
        .version(http::Version::HTTP_2)
        .body(String::new())
        .unwrap()
}

/// [`request`] over HTTP/1.1.
pub(crate) fn request_h1(method: Method, path: &str) -> Request<String> {
    Request::builder()
        .method(method)
        .uri(path)
        .body(String::new())
        .unwrap()
}

/// A response with the given status, header lines and body.
pub(crate) fn response(
    status: u16,
    headers: &[(&str, &str)],
    body: TestBody,
) -> Response<TestBody> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body).unwrap()
}

/// Runs the binary `bin` with `args`, `stdin` written to its standard input (closed at once
/// when `None`): its exit status, standard output and standard error.
pub(crate) fn run_with_input(
    bin: &str,
    args: &[&str],
    stdin: Option<&[u8]>,
) -> (i32, String, String) {
    use std::{
        io::Write as _,
        process::{Command, Stdio},
    };
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().expect("exited, not killed"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}
