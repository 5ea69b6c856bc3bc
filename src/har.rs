//! [`check`]: every exchange of a HAR capture (what browsers' developer tools and many test
//! tools export) through the layer's rules, judged as received, and the one sweep comparison
//! a capture supports (feature `har`).
//!
//! A capture says what the browser got, not always the bytes it got: the content is stored
//! decoded (after `Content-Encoding`, and as text in the page's charset), and a 304's
//! `content.size` is the cached 200's. So the content's length is taken only where the capture
//! cannot be wrong about it — `bodySize` and `content.size` agree and no `Content-Encoding` was
//! applied — and is unknown otherwise, which keeps the rules about content length silent rather
//! than wrong. The content itself is not read. Entries that are not exchanges with a server
//! are skipped and counted: no response (status 0: blocked, aborted), answered from the
//! browser's cache (`_fromCache` in Chromium's DevTools export, a `_transferSize` of 0 in
//! Chromium's and Playwright's, an empty `timings` object in Firefox's), or by a service
//! worker. HTTP/2 pseudo-header fields, which browsers list among the headers, are left out.
//!
//! A browser's capture shows what the page received, and its cache makes responses of its
//! own: Chromium (through Playwright) records a revalidated page or `fetch()` as a 200 with
//! the 304's fields, no body octet transferred and the cached content's size (or `-1` when the
//! page read the content first). An answer to a conditional request (`If-None-Match`,
//! `If-Modified-Since`, `If-Range`) of which no body octet crossed the wire (`bodySize` 0) is
//! therefore judged as the 304 that did when recorded as a 200 ([`HarReport::revalidated`]
//! counts them), and skipped otherwise (a 206 the cache assembled from a 304). An empty 200
//! to a conditional request cannot be told from one, and is judged as a 304 too.
//!
//! A finding's route is its path's template ([`Route::inferred`]): a segment that identifies
//! one resource among many (all digits, a UUID, 16 hexadecimal digits or more) is `{}`, so
//! that a defect across the API's items is one group; its example keeps the path as
//! requested.
//!
//! Each finding points at its entry: [`Violation::exchange`](crate::Violation::exchange) is its
//! index in `log.entries` (`exchange` in JSON, `#N` in the rolled-up text).
//!
//! Across entries, a 304 to a GET is compared with an earlier 200 to a GET of the same URL
//! whose validator it revalidated (the `ETag` its `If-None-Match` lists, or the `Last-Modified`
//! its `If-Modified-Since` names; among the last 8 such 200s of the URL):
//! `not-modified-drops-fields`, `Date` included.
//!
//! A capture of any size can be checked: [`Captures`] parses and judges its entries one at a
//! time, and keeps the report's groups (one per rule and route), the distinct paths and those
//! last 200s per URL — memory grows with the API's URLs, not with the capture's entries. The other sweep
//! rules need requests a capture rarely has (a HEAD beside its GET, the 405s beside an
//! `OPTIONS`) or lengths it does not keep, and are not judged.
//!
//! ```
//! let capture = r#"{"log": {"version": "1.2", "entries": [{
//!     "request": {"method": "DELETE", "url": "https://example.test/items/1",
//!                 "httpVersion": "h2", "headers": [{"name": ":method", "value": "DELETE"}]},
//!     "response": {"status": 405, "httpVersion": "h2", "bodySize": 0,
//!                  "headers": [], "content": {"size": 0}}
//! }]}}"#;
//! let checked = tower_status_conformance::har::check(capture).unwrap();
//! assert_eq!(checked.checked(), 1);
//! let group = checked.report().groups().next().unwrap();
//! assert_eq!(group.rule().id(), "method-not-allowed-without-allow");
//! // The route is the path's template: one group for a defect on every item.
//! assert_eq!(group.route(), Some("/items/{}"));
//! ```

mod revalidation;
mod stream;

use std::{
    collections::{BTreeMap, BTreeSet},
    convert::Infallible,
    fmt,
    future::Future,
    pin::pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll, Wake, Waker},
};

use bytes::Bytes;
use http::{header, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Uri, Version};
use http_body::{Body, Frame, SizeHint};
use serde_json::Value;
use tower_layer::Layer;
use tower_service::Service;

use crate::{Collector, OnViolation, Report, Route, StatusConformanceLayer, Violation, Wire};

/// What [`check`] found in a capture.
#[derive(Clone, Debug)]
pub struct HarReport {
    report: Report,
    checked: usize,
    revalidated: usize,
    skipped: BTreeMap<&'static str, usize>,
    unreadable: Vec<(usize, String)>,
    paths: Vec<String>,
}

impl HarReport {
    /// The findings, grouped by rule and URL path, as a [`Collector`]'s report.
    #[must_use]
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// How many entries were checked.
    #[must_use]
    pub fn checked(&self) -> usize {
        self.checked
    }

    /// How many of the checked entries a browser recorded as a 200 that its cache made from a
    /// 304 revalidation, and were judged as the 304 that crossed the wire.
    #[must_use]
    pub fn revalidated(&self) -> usize {
        self.revalidated
    }

    /// The entries skipped as no exchange with a server, by reason ("without a response",
    /// "from the browser's cache", "made by the browser's cache from a 304", "from a service
    /// worker", "not http or https").
    pub fn skipped(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.skipped.iter().map(|(why, count)| (*why, *count))
    }

    /// The entries that could not be read as an exchange: their index in `log.entries`, and
    /// why (an invalid field name, a status out of range…).
    #[must_use]
    pub fn unreadable(&self) -> &[(usize, String)] {
        &self.unreadable
    }

    /// The route templates of the checked entries' paths (see the [module docs](self)),
    /// sorted, each once.
    #[must_use]
    pub fn paths(&self) -> &[String] {
        &self.paths
    }
}

/// The capture is not one: not JSON, or no `log.entries` array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarError(String);

impl fmt::Display for HarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HarError {}

/// Checks every exchange of the HAR capture `json` (HAR 1.2, as Chrome, Firefox and most
/// tools export it): see the [module docs](self) for what is judged and what is skipped.
/// [`Captures`] reads captures of any size, and several into one report.
///
/// # Errors
///
/// When `json` is not JSON or has no `log.entries` array. An entry that cannot be read is not
/// an error: it is listed in [`HarReport::unreadable`].
pub fn check(json: &str) -> Result<HarReport, HarError> {
    let mut captures = Captures::new();
    captures.read(json.as_bytes())?;
    Ok(captures.report())
}

/// [`check`], each exchange also judged against `contract`, an API document's
/// (`undocumented-status`, `documented-method-refused`; the `openapi` feature). A capture's
/// paths include any base path of the document's `servers`, which the contract leaves out
/// before it matches them.
///
/// # Errors
///
/// As [`check`].
#[cfg(feature = "openapi")]
pub fn check_with_contract(
    json: &str,
    contract: crate::openapi::Contract,
) -> Result<HarReport, HarError> {
    let mut captures = Captures::new().contract(contract);
    captures.read(json.as_bytes())?;
    Ok(captures.report())
}

/// Captures read one after the other into one report, each streamed: its entries are parsed
/// and judged one at a time, so memory holds one entry, the report's groups (one per rule and
/// route, whatever the number of findings), the distinct paths, and for the comparison of
/// each 304 with the 200 it revalidated the last 8 answered 200 to a GET of each URL — not
/// the capture. [`check`] is one capture read from a string.
///
/// ```
/// use tower_status_conformance::har::Captures;
///
/// let capture = r#"{"log": {"entries": [{
///     "request": {"method": "GET", "url": "https://example.test/", "headers": []},
///     "response": {"status": 418, "headers": [], "content": {"size": 0}, "bodySize": 0}
/// }]}}"#;
/// let mut captures = Captures::new();
/// captures.read(capture.as_bytes()).unwrap();
/// captures.read(capture.as_bytes()).unwrap();
/// let report = captures.report();
/// assert_eq!(report.checked(), 2);
/// assert_eq!(report.report().groups().next().unwrap().count(), 2);
/// ```
#[derive(Debug)]
pub struct Captures {
    collector: Collector,
    entry_index: Arc<AtomicUsize>,
    replay: Replay,
    service: crate::StatusConformance<Replay>,
    out: HarReport,
    paths: BTreeSet<String>,
    revalidations: revalidation::Revalidations,
}

impl Default for Captures {
    fn default() -> Self {
        Self::new()
    }
}

impl Captures {
    /// No capture read yet.
    #[must_use]
    pub fn new() -> Self {
        Self::on(StatusConformanceLayer::observe())
    }

    /// Judges every exchange against `contract` too, an API document's
    /// (`undocumented-status`, `documented-method-refused`; the `openapi` feature).
    #[cfg(feature = "openapi")]
    #[must_use]
    pub fn contract(self, contract: crate::openapi::Contract) -> Self {
        Self::on(StatusConformanceLayer::observe().contract(contract))
    }

    fn on(layer: StatusConformanceLayer) -> Self {
        let collector = Collector::new();
        let entry_index = Arc::new(AtomicUsize::new(0));
        let layer = layer
            .level(tracing::Level::DEBUG)
            .wire(Wire::Received)
            .on_violation(EntryTagging {
                collector: collector.clone(),
                index: Arc::clone(&entry_index),
            });
        let replay = Replay::default();
        Self {
            collector,
            entry_index,
            service: layer.layer(replay.clone()),
            replay,
            out: HarReport {
                report: Report::empty(),
                checked: 0,
                revalidated: 0,
                skipped: BTreeMap::new(),
                unreadable: Vec::new(),
                paths: Vec::new(),
            },
            paths: BTreeSet::new(),
            revalidations: revalidation::Revalidations::default(),
        }
    }

    /// Reads and judges one capture, its entries one at a time. Each finding's
    /// [`exchange`](crate::Violation::exchange) is its entry's index in this capture's
    /// `log.entries`.
    ///
    /// # Errors
    ///
    /// When the capture is not JSON or has no `log.entries` array; the entries read before the
    /// error stay judged.
    pub fn read(&mut self, capture: impl std::io::Read) -> Result<(), HarError> {
        stream::for_each_entry(capture, |index, entry| self.entry(index, &entry))
    }

    fn entry(&mut self, index: usize, entry: &Value) {
        let exchange = match exchange(entry) {
            Ok(Entry::Exchange(exchange)) => *exchange,
            Ok(Entry::Skipped(why)) => {
                *self.out.skipped.entry(why).or_default() += 1;
                return;
            }
            Err(why) => {
                self.out.unreadable.push((index, why));
                return;
            }
        };
        self.out.checked += 1;
        self.out.revalidated += usize::from(exchange.revalidated);
        if !self.paths.contains(&exchange.route) {
            self.paths.insert(exchange.route.clone());
        }
        let compared = self.revalidations.see(index, &exchange);
        self.entry_index.store(index, Ordering::Relaxed);
        self.replay.answer_with(exchange.response);
        // The head is judged when the response future resolves, at once: the inner service is
        // ready. The body is not polled (see `Captured`).
        let service = &mut self.service;
        if let Poll::Ready(Ok(())) = service.poll_ready(&mut Context::from_waker(&noop())) {
            let _ = poll_once(service.call(exchange.request));
        }
        if let Some(violation) = compared {
            self.collector.on_violation(&violation);
        }
    }

    /// What the captures read so far show.
    #[must_use]
    pub fn report(&self) -> HarReport {
        let mut out = self.out.clone();
        out.paths = self.paths.iter().cloned().collect();
        out.report = self.collector.report().with_exchanges(out.checked);
        out
    }
}

/// The layer's hook for a capture: the collector, each finding pointing at its entry.
struct EntryTagging {
    collector: Collector,
    index: Arc<AtomicUsize>,
}

impl OnViolation for EntryTagging {
    fn on_violation(&self, violation: &Violation) {
        let index = self.index.load(Ordering::Relaxed);
        self.collector
            .on_violation(&violation.clone().with_exchange(index));
    }
}

impl fmt::Debug for EntryTagging {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntryTagging").finish_non_exhaustive()
    }
}

/// Polls a future that is ready at once (the layer over [`Replay`]); `None` if it is not.
fn poll_once<F: Future>(future: F) -> Option<F::Output> {
    let future = pin!(future);
    match future.poll(&mut Context::from_waker(&noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// A waker that does nothing: nothing here waits.
fn noop() -> Waker {
    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }
    Waker::from(Arc::new(Noop))
}

struct Exchange {
    request: Request<String>,
    response: Response<Captured>,
    route: String,
    /// Recorded as a 200 the browser's cache made from a 304, and judged as the 304.
    revalidated: bool,
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
    if from_cache(entry, response) {
        return Ok(Entry::Skipped("from the browser's cache"));
    }
    let by_worker =
        |v: &Value| v.get("_fetchedViaServiceWorker").and_then(Value::as_bool) == Some(true);
    if by_worker(entry) || by_worker(response) {
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
    let route = Route::inferred(uri.path()).as_str().to_owned();
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
        encoded |=
            name == header::CONTENT_ENCODING && !value.as_bytes().eq_ignore_ascii_case(b"identity");
        built = built.header(name, value);
    }
    let body_size = response.get("bodySize").and_then(Value::as_i64);
    let content_size = response
        .get("content")
        .and_then(|content| content.get("size"))
        .and_then(Value::as_i64);
    let mut shape = match (body_size, content_size) {
        (Some(body), Some(content)) if body == content && body >= 0 && !encoded => {
            Shape::Exact(body.unsigned_abs())
        }
        _ => Shape::Unknown,
    };
    // Content that did not cross the wire, on the answer to a conditional request: the
    // browser's cache made this response from a 304 (Chromium, through Playwright, records a
    // revalidated page or fetch as a 200 with the 304's fields and the cached content's size).
    let conditional = [
        header::IF_NONE_MATCH,
        header::IF_MODIFIED_SINCE,
        header::IF_RANGE,
    ]
    .iter()
    .any(|name| request.headers().contains_key(name));
    // No body octet crossed the wire: the cached content's size, an unknown one (-1: Playwright
    // records it so when the page read the content before the recorder could) or an empty
    // resource's 0 — from the wire, an empty 200 cannot be told from a revalidation, and a
    // finding on a guess would be false as often as not.
    let made_by_cache = conditional && body_size == Some(0);
    let revalidated = made_by_cache && status == StatusCode::OK;
    if revalidated {
        built = built.status(StatusCode::NOT_MODIFIED);
        shape = Shape::Exact(0);
    } else if made_by_cache && status == StatusCode::PARTIAL_CONTENT {
        return Ok(Entry::Skipped("made by the browser's cache from a 304"));
    }
    let mut response = built.body(Captured(shape)).map_err(|e| e.to_string())?;
    response.extensions_mut().insert(Route::new(route.as_str()));
    Ok(Entry::Exchange(Box::new(Exchange {
        request,
        response,
        route,
        revalidated,
    })))
}

/// Whether a browser answered the entry from its own cache, with nothing on the wire:
/// Chromium's DevTools export marks it `_fromCache`; Playwright's (which has no `_fromCache`)
/// and Chromium's give it a `_transferSize` of 0 (a response that crossed the wire has at
/// least its header section); Firefox gives it an empty `timings` object.
fn from_cache(entry: &Value, response: &Value) -> bool {
    entry.get("_fromCache").is_some_and(|c| !c.is_null())
        || response.get("_transferSize").and_then(Value::as_i64) == Some(0)
        || entry
            .get("timings")
            .and_then(Value::as_object)
            .is_some_and(serde_json::Map::is_empty)
}

fn text<'a>(object: &'a Value, key: &str) -> Result<&'a str, String> {
    object
        .get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("no `{key}` string"))
}

/// The HTTP version a HAR names: `HTTP/1.1`, `h2`, `HTTP/2.0`, `h3`… (HTTP/1.1 when absent or
/// unknown). Chromium wrote QUIC drafts as `h3-29` or `http/2+quic/46` and SPDY as
/// `spdy/3.1`: semantics that are HTTP/3's and HTTP/2's, with no connection-specific field.
fn version(name: &str) -> Version {
    let name = name.to_ascii_lowercase();
    match name.as_str() {
        "http/1.0" => Version::HTTP_10,
        "h2" | "http/2" | "http/2.0" => Version::HTTP_2,
        "h3" | "http/3" | "http/3.0" => Version::HTTP_3,
        _ if name.starts_with("h3-") || name.starts_with("http/2+quic") => Version::HTTP_3,
        _ if name.starts_with("spdy/") => Version::HTTP_2,
        _ => Version::HTTP_11,
    }
}

/// The header fields of a request or response, without HTTP/2 pseudo-header fields.
fn headers(message: &Value) -> Result<Vec<(HeaderName, HeaderValue)>, String> {
    let list = message
        .get("headers")
        .and_then(Value::as_array)
        .ok_or("no `headers` array")?;
    let mut out = Vec::new();
    // As the reader keeps them: `[name, value]` pairs, `null` for an element that is no field.
    for field in list {
        let (Some(name), Some(value)) = (
            field.get(0).and_then(Value::as_str),
            field.get(1).and_then(Value::as_str),
        ) else {
            return Err("a header field without a `name` and `value` string".to_owned());
        };
        if name.starts_with(':') {
            continue;
        }
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("invalid field name `{name}`"))?;
        // As bytes: a capture keeps what servers send, and RFC 9110 §5.5 allows octets
        // above 0x7F (obs-text) in a field value, which `HeaderValue::from_str` refuses.
        let value = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|_| format!("invalid value of field `{name}`"))?;
        out.push((name, value));
    }
    Ok(out)
}

/// Serves the one captured response.
/// The inner service a capture is judged through: it answers each request with the response
/// put in its slot for it. Built once per [`Captures`]: the layer over it is not rebuilt for
/// every entry.
#[derive(Clone, Default)]
struct Replay(Arc<std::sync::Mutex<Option<Response<Captured>>>>);

impl fmt::Debug for Replay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Replay").finish_non_exhaustive()
    }
}

impl Replay {
    fn answer_with(&self, response: Response<Captured>) {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(response);
    }
}

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
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
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
/// was on the wire), and empty if it were.
struct Captured(Shape);

impl Body for Captured {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
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

#[cfg(test)]
mod tests {
    use http::Version;

    #[test]
    fn every_name_a_browser_wrote_gives_its_version() {
        for (name, expected) in [
            ("HTTP/1.0", Version::HTTP_10),
            ("http/1.1", Version::HTTP_11),
            ("", Version::HTTP_11),
            ("unknown", Version::HTTP_11),
            ("h2", Version::HTTP_2),
            ("HTTP/2.0", Version::HTTP_2),
            ("spdy/3.1", Version::HTTP_2),
            ("h3", Version::HTTP_3),
            ("HTTP/3", Version::HTTP_3),
            ("h3-29", Version::HTTP_3),
            ("http/2+quic/46", Version::HTTP_3),
        ] {
            assert_eq!(super::version(name), expected, "{name:?}");
        }
    }
}
