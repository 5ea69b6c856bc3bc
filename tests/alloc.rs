//! The layer adds no heap allocation to a conforming response, head and body, counted by a
//! global allocator, whether the request was built with `Request::builder` or parsed by hyper
//! (its values slices of one read buffer). (One documented exception: a body of unknown size on a response that
//! must not carry content is watched, and the watch state is one allocation.)

mod support;

use std::{alloc::System, convert::Infallible};

use futures_util::FutureExt;
use http::Request;
use http_body_util::BodyExt;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use support::{exchange, TestBody};
use tower::{service_fn, Layer, Service};
use tower_status_conformance::{Rule, Scope, StatusConformanceLayer};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// How the request's target and field values are held.
#[derive(Clone, Copy, Debug)]
enum Parsed {
    /// As `Request::builder` makes them: each value its own `Vec`-backed buffer.
    Builder,
    /// As hyper's parser hands them over: slices of one shared read buffer.
    Hyper,
}

/// `request` with its target and every field value sliced from one buffer, as hyper parses a
/// request head (a clone of such a value is a reference count, not a copy).
fn hyper_like(request: Request<String>) -> Request<String> {
    let (mut parts, body) = request.into_parts();
    let target = parts.uri.to_string();
    let mut text = target.clone().into_bytes();
    let mut ranges = Vec::new();
    for (name, value) in &parts.headers {
        ranges.push((name.clone(), text.len()..text.len() + value.len()));
        text.extend_from_slice(value.as_bytes());
    }
    let buffer = bytes::Bytes::from(text);
    parts.uri = http::Uri::from_maybe_shared(buffer.slice(..target.len())).unwrap();
    let mut headers = http::HeaderMap::with_capacity(ranges.len());
    for (name, range) in ranges {
        let value = http::HeaderValue::from_maybe_shared(buffer.slice(range)).unwrap();
        headers.append(name, value);
    }
    parts.headers = headers;
    Request::from_parts(parts, body)
}

/// Allocations made while serving `text` (its request held as `parsed` says), body included, without or with the layer. The
/// exchange is parsed before counting starts; the inner service moves a prepared response out.
/// The counter is process-wide, so this binary holds a single test.
fn serve(
    layered: bool,
    text: &'static str,
    body: Option<fn() -> TestBody>,
    parsed: Parsed,
) -> usize {
    let mut exchange = exchange::parse(text);
    if let Parsed::Hyper = parsed {
        exchange.request = hyper_like(exchange.request);
    }
    let mut response = Some(exchange.response);
    if let (Some(body), Some(response)) = (body, response.as_mut()) {
        *response.body_mut() = body();
    }
    let response = std::sync::Mutex::new(response);
    let inner = service_fn(move |_req: Request<String>| {
        let response = response.lock().unwrap().take().unwrap();
        async move { Ok::<_, Infallible>(response) }
    });
    let request = exchange.request;
    if layered {
        allocations_of(layer().layer(inner), request)
    } else {
        allocations_of(inner, request)
    }
}

/// The layer measured: `new()`, with the contract of the contract rules' example document
/// when `CONTRACT` is set (the contract rules' near misses are judged against it).
fn layer() -> StatusConformanceLayer {
    #[cfg(feature = "openapi")]
    if CONTRACT.load(std::sync::atomic::Ordering::Relaxed) {
        let document = tower_status_conformance::openapi::Document::from_json(
            r#"{"openapi": "3.1.0", "paths": {"/items/{id}": {
                "get": {"responses": {"200": {"description": "the item"},
                                      "304": {"description": "unchanged"},
                                      "404": {"description": "none"}}},
                "delete": {"responses": {"204": {"description": "deleted"}}}
            }}}"#,
        )
        .unwrap();
        return StatusConformanceLayer::new().contract(document.contract());
    }
    StatusConformanceLayer::new()
}

/// Whether the layer measured judges a contract too.
#[cfg(feature = "openapi")]
static CONTRACT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The fewest allocations over three runs of `serve`. The counter is process-wide, so a
/// thread of the test harness that allocates at the same moment adds to one run (seen once on
/// a loaded CI machine); what the layer allocates shows in every run, so the minimum keeps it.
fn fewest(layered: bool, text: &'static str, body: Option<fn() -> TestBody>) -> usize {
    fewest_as(layered, text, body, Parsed::Builder)
}

fn fewest_as(
    layered: bool,
    text: &'static str,
    body: Option<fn() -> TestBody>,
    parsed: Parsed,
) -> usize {
    (0..3)
        .map(|_| serve(layered, text, body, parsed))
        .min()
        .unwrap_or_default()
}

/// Heap allocations made by one call of `service` and the collection of its body.
fn allocations_of<S, B>(mut service: S, request: Request<String>) -> usize
where
    S: Service<Request<String>, Response = http::Response<B>, Error = Infallible>,
    B: http_body::Body<Data = bytes::Bytes>,
    B::Error: std::fmt::Debug,
{
    let region = Region::new(GLOBAL);
    let response = service.call(request).now_or_never().unwrap().unwrap();
    let _ = response
        .into_body()
        .collect()
        .now_or_never()
        .unwrap()
        .unwrap();
    region.change().allocations
}

#[test]
fn allocations_added_by_the_layer() {
    conforming_responses_cost_no_allocation();
    #[cfg(feature = "openapi")]
    a_contract_costs_no_allocation_on_a_conforming_response();
    #[cfg(feature = "har")]
    a_capture_is_read_in_memory_that_does_not_grow_with_its_entries();
    a_watched_body_costs_one_allocation();
    a_long_path_spills_to_the_heap_once();
}

fn conforming_responses_cost_no_allocation() {
    let cases: Vec<&'static str> = Rule::ALL
        .iter()
        .filter(|rule| rule.scope() == Scope::Exchange)
        .map(|rule| rule.near_miss())
        .chain([
            "GET /items/7?page=2 HTTP/1.1\naccept: application/json\nuser-agent: test\n\n200 OK\ncontent-type: application/json\ncontent-length: 2\n\n[]",
            "GET /items/7 HTTP/2\nif-none-match: \"v1\"\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304 Not Modified\netag: \"v1\"\n\n",
        ])
        .collect();
    assert_no_allocation(&cases);
}

/// That serving each of `cases` with the layer allocates no more than without it, the request
/// built by `http`'s builder or sliced from one buffer as hyper parses it.
fn assert_no_allocation(cases: &[&'static str]) {
    for &text in cases {
        for parsed in [Parsed::Builder, Parsed::Hyper] {
            let bare = fewest_as(false, text, None, parsed);
            let layered = fewest_as(true, text, None, parsed);
            assert_eq!(
                layered,
                bare,
                "the layer allocated {} time(s) for ({parsed:?}):\n{text}",
                layered - bare
            );
        }
    }
}

/// With a contract, a documented status to a described request: nothing allocated either.
#[cfg(feature = "openapi")]
fn a_contract_costs_no_allocation_on_a_conforming_response() {
    CONTRACT.store(true, std::sync::atomic::Ordering::Relaxed);
    let cases: Vec<&'static str> = Rule::ALL
        .iter()
        .filter(|rule| rule.scope() == Scope::Contract)
        .map(|rule| rule.near_miss())
        .chain([
            "GET /items/7?page=2 HTTP/1.1\naccept: application/json\n\n200 OK\ncontent-type: application/json\ncontent-length: 2\n\n[]",
            "GET /elsewhere HTTP/1.1\n\n200 OK\ncontent-type: text/plain\ncontent-length: 2\n\nok",
        ])
        .collect();
    assert_no_allocation(&cases);
    CONTRACT.store(false, std::sync::atomic::Ordering::Relaxed);
}

/// A HAR capture of `entries` entries, produced as it is read: 20 URLs, each entry a GET
/// answered 405 without `Allow` (a finding on each), a 200 with an `ETag`, or its 304.
#[cfg(feature = "har")]
struct Capture {
    entries: usize,
    next: usize,
    pending: Vec<u8>,
}

#[cfg(feature = "har")]
impl std::io::Read for Capture {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.next > self.entries {
                return Ok(0);
            }
            self.pending = match self.next {
                0 => br#"{"log": {"version": "1.2", "entries": ["#.to_vec(),
                n if n == self.entries => b"]}}".to_vec(),
                n => {
                    let (status, fields) = match n % 3 {
                        0 => (405, String::new()),
                        1 => (200, r#"{"name": "etag", "value": "\"v\""}"#.to_owned()),
                        _ => (304, r#"{"name": "etag", "value": "\"v\""}"#.to_owned()),
                    };
                    format!(
                        r#"{}{{"request": {{"method": "GET", "url": "https://example.test/items/{}",
                        "headers": [{{"name": "x-request-id", "value": "{n:032x}"}}]}},
                        "response": {{"status": {status}, "headers": [{fields}],
                        "content": {{"size": 0}}, "bodySize": 0}}}}"#,
                        if n > 1 { "," } else { "" },
                        n % 20,
                    )
                    .into_bytes()
                }
            };
            self.next += 1;
        }
        let n = out.len().min(self.pending.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

/// The octets a capture's reading keeps once read: what `Captures` holds (groups, paths, the
/// 200s a 304 may revalidate), not the entries.
#[cfg(feature = "har")]
fn kept_after_reading(entries: usize) -> isize {
    let mut captures = tower_status_conformance::har::Captures::new();
    let capture = Capture {
        entries,
        next: 0,
        pending: Vec::new(),
    };
    let region = Region::new(GLOBAL);
    captures.read(capture).unwrap();
    let change = region.change();
    // `bytes_allocated` and `bytes_deallocated` include what reallocations grew and shrank.
    let kept = change.bytes_allocated as isize - change.bytes_deallocated as isize;
    assert_eq!(captures.report().checked(), entries - 1);
    kept
}

/// Ten times the entries, the same memory kept: a capture of any size can be read.
#[cfg(feature = "har")]
fn a_capture_is_read_in_memory_that_does_not_grow_with_its_entries() {
    let small = kept_after_reading(2_001);
    let large = kept_after_reading(20_001);
    assert!(
        large <= small + 4096,
        "reading 10x the entries kept {large} octets, against {small}"
    );
}

fn a_watched_body_costs_one_allocation() {
    let text = "HEAD /file HTTP/2\n\n200 OK\ncontent-type: text/plain\n\n";
    let body = || TestBody::stream(&[""]);
    assert_eq!(
        fewest(true, text, Some(body)) - fewest(false, text, Some(body)),
        1
    );
    // Over HTTP/1.1 hyper never polls a HEAD body: nothing to watch, nothing allocated.
    let text = "HEAD /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\n";
    assert_eq!(
        fewest(true, text, Some(body)),
        fewest(false, text, Some(body))
    );
}

fn a_long_path_spills_to_the_heap_once() {
    let text: &'static str = Box::leak(
        format!(
            "GET /{} HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nx",
            "a".repeat(300)
        )
        .into_boxed_str(),
    );
    assert_eq!(fewest(true, text, None) - fewest(false, text, None), 1);
}
