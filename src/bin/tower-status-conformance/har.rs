//! `check FILE.har`: every exchange of a HAR 1.2 capture through the layer, judged as received.
//!
//! A capture says what the browser got, not always the bytes it got: the content is stored
//! decoded (after `Content-Encoding`, and as text in the page's charset), and a 304's
//! `content.size` is the cached 200's. So the content's length is taken only where the capture
//! cannot be wrong about it — `bodySize` and `content.size` agree and no `Content-Encoding` was
//! applied — and is unknown otherwise, which keeps the rules about content length silent
//! rather than wrong. Entries that are not exchanges with a server are skipped and counted:
//! no response (status 0: blocked, aborted), answered from the browser's cache, or by a
//! service worker.

use std::{
    collections::BTreeMap,
    convert::Infallible,
    path::Path,
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri, Version};
use http_body::{Body, Frame, SizeHint};
use serde_json::Value;
use tower_layer::Layer;
use tower_service::Service;
use tower_status_conformance::{Collector, Route, StatusConformanceLayer, Wire};

use crate::{output, CheckArgs, Error, Outcome};

pub(crate) fn run(args: CheckArgs) -> Result<Outcome, Error> {
    let name = args.har.display().to_string();
    let capture = read(&args.har)?;
    let collector = Collector::new();
    let layer = StatusConformanceLayer::observe()
        .level(tracing::Level::DEBUG)
        .wire(Wire::Received)
        .on_violation(collector.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let mut paths = Vec::new();
    for exchange in capture.exchanges {
        paths.push(exchange.route.clone());
        let mut service = layer.clone().layer(Replay(Some(exchange.response)));
        runtime.block_on(async {
            // The head is judged when the response future resolves; the body is not polled
            // (see `Captured`).
            let _ = std::future::poll_fn(|cx| service.poll_ready(cx)).await;
            let _ = service.call(exchange.request).await;
        });
    }
    paths.sort();
    paths.dedup();
    let skipped: Vec<String> = capture
        .skipped
        .iter()
        .map(|(why, count)| format!("{count} {why}"))
        .collect();
    eprintln!(
        "checked {} exchange(s) of {name}{}",
        capture.checked,
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; skipped {}", skipped.join(", "))
        }
    );
    for (entry, why) in &capture.unreadable {
        eprintln!("entry {entry} not checked: {why}");
    }
    output::finish(
        &collector.report(),
        &args.report,
        &format!("check {name}"),
        &paths,
    )
}

/// What a HAR file gave.
struct Capture {
    exchanges: Vec<Exchange>,
    checked: usize,
    /// Entries that are not exchanges with a server, by reason.
    skipped: BTreeMap<&'static str, usize>,
    /// Entries that could not be made into an exchange: index and reason.
    unreadable: Vec<(usize, String)>,
}

struct Exchange {
    request: Request<String>,
    response: Response<Captured>,
    route: String,
}

fn read(file: &Path) -> Result<Capture, Error> {
    let name = file.display();
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {name}: {e}"))?;
    let document: Value =
        serde_json::from_str(&text).map_err(|e| format!("{name} is not JSON: {e}"))?;
    let entries = document
        .get("log")
        .and_then(|log| log.get("entries"))
        .and_then(Value::as_array)
        .ok_or_else(|| format!("{name} is not a HAR file: no `log.entries` array"))?;
    let mut capture = Capture {
        exchanges: Vec::new(),
        checked: 0,
        skipped: BTreeMap::new(),
        unreadable: Vec::new(),
    };
    for (index, entry) in entries.iter().enumerate() {
        match exchange(entry) {
            Ok(Entry::Exchange(exchange)) => {
                capture.checked += 1;
                capture.exchanges.push(*exchange);
            }
            Ok(Entry::Skipped(why)) => *capture.skipped.entry(why).or_default() += 1,
            Err(why) => capture.unreadable.push((index, why)),
        }
    }
    Ok(capture)
}

enum Entry {
    Exchange(Box<Exchange>),
    Skipped(&'static str),
}

fn exchange(entry: &Value) -> Result<Entry, String> {
    let request = entry.get("request").ok_or("no `request`")?;
    let response = entry.get("response").ok_or("no `response`")?;
    let status = response
        .get("status")
        .and_then(Value::as_u64)
        .ok_or("no `response.status` number")?;
    if status == 0 {
        return Ok(Entry::Skipped("without a response"));
    }
    if entry.get("_fromCache").is_some_and(|c| !c.is_null()) {
        return Ok(Entry::Skipped("from the browser's cache"));
    }
    if entry
        .get("_fetchedViaServiceWorker")
        .and_then(Value::as_bool)
        == Some(true)
        || response
            .get("_fetchedViaServiceWorker")
            .and_then(Value::as_bool)
            == Some(true)
    {
        return Ok(Entry::Skipped("from a service worker"));
    }

    let method = text(request, "method")?;
    let method =
        Method::from_bytes(method.as_bytes()).map_err(|_| format!("invalid method `{method}`"))?;
    let url = text(request, "url")?;
    let uri: Uri = url
        .parse()
        .map_err(|e| format!("invalid URL `{url}`: {e}"))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Ok(Entry::Skipped("not http or https"));
    }
    let version = version(
        response
            .get("httpVersion")
            .and_then(Value::as_str)
            .or_else(|| request.get("httpVersion").and_then(Value::as_str))
            .unwrap_or(""),
    );
    let content = request
        .get("postData")
        .and_then(|data| data.get("text"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let route = uri.path().to_owned();
    let mut built = Request::builder().method(method).uri(uri).version(version);
    for (name, value) in headers(request)? {
        built = built.header(name, value);
    }
    let request = built.body(content).map_err(|e| e.to_string())?;

    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(|| format!("invalid status {status}"))?;
    let mut built = Response::builder().status(status).version(version);
    let mut encoded = false;
    for (name, value) in headers(response)? {
        encoded |= name == http::header::CONTENT_ENCODING
            && !value.as_bytes().eq_ignore_ascii_case(b"identity");
        built = built.header(name, value);
    }
    let body_size = response.get("bodySize").and_then(Value::as_i64);
    let content_size = response
        .get("content")
        .and_then(|content| content.get("size"))
        .and_then(Value::as_i64);
    let shape = match (body_size, content_size) {
        (Some(body), Some(content)) if body == content && body >= 0 && !encoded => {
            Shape::Exact(body.unsigned_abs())
        }
        _ => Shape::Unknown,
    };
    let mut response = built.body(Captured(shape)).map_err(|e| e.to_string())?;
    response.extensions_mut().insert(Route::new(route.as_str()));
    Ok(Entry::Exchange(Box::new(Exchange {
        request,
        response,
        route,
    })))
}

fn text<'a>(object: &'a Value, key: &str) -> Result<&'a str, String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("no `{key}` string"))
}

/// The HTTP version a HAR names: `HTTP/1.1`, `h2`, `HTTP/2.0`, `h3`… (HTTP/1.1 when absent
/// or unknown).
fn version(name: &str) -> Version {
    match name.to_ascii_lowercase().as_str() {
        "http/1.0" => Version::HTTP_10,
        "h2" | "http/2" | "http/2.0" => Version::HTTP_2,
        "h3" | "http/3" | "http/3.0" => Version::HTTP_3,
        _ => Version::HTTP_11,
    }
}

/// The header fields of a request or response, without HTTP/2 pseudo-headers (which
/// browsers list among them).
fn headers(message: &Value) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let list = message
        .get("headers")
        .and_then(Value::as_array)
        .ok_or("no `headers` array")?;
    let mut out = Vec::new();
    for header in list {
        let name = text(header, "name")?;
        if name.starts_with(':') {
            continue;
        }
        let value = text(header, "value")?;
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("invalid field name `{name}`"))?;
        let value =
            HeaderValue::from_str(value).map_err(|_| format!("invalid value of field `{name}`"))?;
        out.push((name, value));
    }
    Ok(out)
}

/// Serves the one captured response.
struct Replay(Option<Response<Captured>>);

impl Service<Request<String>> for Replay {
    type Response = Response<Captured>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Response<Captured>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<String>) -> Self::Future {
        let response = self
            .0
            .take()
            .unwrap_or_else(|| Response::new(Captured(Shape::Unknown)));
        std::future::ready(Ok(response))
    }
}

/// What the capture says of the content's length on the wire.
#[derive(Clone, Copy)]
enum Shape {
    Exact(u64),
    Unknown,
}

/// A response body that only says its length; never polled (the capture's content is not what
/// was on the wire, see the module docs), and empty if it were.
struct Captured(Shape);

impl Body for Captured {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        matches!(self.0, Shape::Exact(0))
    }

    fn size_hint(&self) -> SizeHint {
        match self.0 {
            Shape::Exact(length) => SizeHint::with_exact(length),
            Shape::Unknown => SizeHint::default(),
        }
    }
}
