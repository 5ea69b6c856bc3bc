//! A sweep: a bounded, deterministic set of requests to each target of an app, to find what
//! one exchange cannot show — a HEAD that answers differently from its GET, an `Allow` that
//! lies, a 304 that drops fields of its 200, an ignored `If-Match`, a range that is not a part
//! of the whole.
//!
//! [`Sweep::run`] sends the requests through any tower service that takes `http::Request`
//! (an axum `Router`, or a client of a real server started by the test), checks every response
//! through a [`StatusConformanceLayer`] (the rules of [`Scope::Exchange`](crate::Scope)), then
//! compares the responses of each target (the rules of [`Scope::Sweep`](crate::Scope)), and
//! returns a [`Report`] like [`Collector::report`]'s, with the number of requests sent.
//!
//! # What is sent, per target and HTTP version
//!
//! Safe requests first, for every target and version, then the unsafe ones:
//!
//! 1. `GET`, `HEAD`, `OPTIONS`, `TRACE` and `SWEEP` (a method no one defines), and `QUERY`
//!    with content but no `Content-Type` when [`Target::methods`] names it (RFC 10008 §2: the
//!    server "MUST fail the request") — 5 or 6 requests;
//! 2. when the `GET` got a 200: `GET` and `HEAD` with `If-None-Match` set to its `ETag`, and
//!    `GET` with `Accept-Encoding: gzip` when that tag is strong and the 200 had content;
//!    `GET` with `If-Modified-Since` set to its `Last-Modified`, `GET` with
//!    `If-Unmodified-Since` a second before it (a false condition), the same beside
//!    `If-Match: *` (a true one, which makes the server ignore the date), and `If-Match: *`
//!    alone — each only when the field was there, up to 7; when the `GET` got neither a 2xx
//!    nor a 412 (nor a 429 or 503), instead, one `GET` with `If-Match` set to an entity tag the
//!    resource cannot have;
//! 3. when that 200 had content: `Range: bytes=…` inside it, `Range: bytes=<length>-` (not
//!    satisfiable), `Range: sweep-units=0-0` (an unknown unit) and, from 3 octets on, the
//!    first and the last octet as two ranges — up to 4;
//! 4. only when asked: the unsafe methods [`Target::methods`] names among `POST`, `PUT`,
//!    `PATCH` and `DELETE`, or all four with [`Sweep::unsafe_methods`], each with `If-Match`
//!    set to an entity tag the resource cannot have, and the same content without
//!    `Content-Type` — up to 4.
//!
//! That content (`tower-status-conformance` and a line feed) is there so that the 400 or 415 a
//! correct app gives a request it cannot read is not a finding the sweep caused: a 415 to a
//! request with no content at all is `unsupported-media-type-without-content`.
//!
//! **Safe by default.** A sweep can be pointed at a server that matters: without
//! [`Sweep::unsafe_methods`] or a [`Target::methods`] that names them, it sends no unsafe
//! method at all (a server that ignores `If-Match` would perform it), and the report says so
//! ([`Report::safe_only`]). The rules that compare unsafe requests
//! (`if-match-failed-but-performed`, and `Allow` against the statuses of `POST`, `PUT`,
//! `PATCH` and `DELETE`) then judge only what was sent.
//!
//! At most 16 requests per target and version, one more for a `QUERY` and up to 4 more unsafe
//! ones: [`Sweep::max_requests`] counts them for the targets given (48 per plain target with
//! the default versions HTTP/1.0, HTTP/1.1 and HTTP/2, 60 with the unsafe methods). A target's
//! requests go one at a time, in this order, every run the same; [`Sweep::concurrency`] sweeps
//! several targets at once (every target's safe requests still before any unsafe one), and the
//! report does not change with it. HTTP/1.x requests carry `Host: <authority>` and an
//! origin-form target; HTTP/2 requests an absolute URI `http://<authority><target>`.
//!
//! # Which rules report which defect
//!
//! Every response is checked by the layer's rules too ([`Scope::Exchange`](crate::Scope)):
//! their findings say which request of the sweep they broke on ([`Violation::detail`], `sent:`
//! in the report). Some defects the sweep looks for are reported by such a rule, judged on a
//! request only the sweep sends — so keep them when filtering a report to
//! [`Scope::Sweep`](crate::Scope):
//!
//! | requests | defect | rules |
//! |---|---|---|
//! | `GET` and `HEAD` | HEAD answered otherwise | `head-differs-from-get`, `head-content-length-differs-from-get` (sweep) |
//! | `OPTIONS`, `SWEEP`, the unsafe methods | `Allow` that lies, or is missing | `allow-lists-method-answered-405`, `allow-omits-supported-method`, `options-allow-differs-from-405` (sweep); `method-not-allowed-without-allow` (exchange) |
//! | `If-None-Match` and `If-Modified-Since` replays | the condition ignored | `if-none-match-ignored`, `if-modified-since-ignored` (exchange) |
//! | the same | a 304 unlike its 200 | `not-modified-drops-fields`, `not-modified-content-length-differs` (sweep) |
//! | stale `If-Match` (only when unsafe methods are sent) | a lost update | `if-match-failed-but-performed` (sweep) |
//! | `If-Unmodified-Since` a second before the 200's `Last-Modified` | the condition ignored | `if-unmodified-since-failed-but-performed` (sweep) |
//! | the same beside `If-Match: *` | a 412: the date evaluated though `If-Match` was there | `if-unmodified-since-not-ignored` (sweep) |
//! | `If-Match: *` alone | a 412 to a condition that is true | `precondition-failed-for-if-match-any` (sweep) |
//! | `Accept-Encoding: gzip` after a strong `ETag` | the content in another coding under the same strong tag | `strong-etag-shared-across-content-codings` (sweep) |
//! | stale `If-Match` on a `GET` that got neither 2xx nor 412 | a 412 that hides the 404, redirect or refusal | `precondition-not-ignored-for-non-success` (sweep) |
//! | the ranges | a part that is not of the whole, a unit not ignored | `range-length-differs-from-full`, `partial-content-differs-from-full`, `partial-content-drops-fields`, `range-unknown-unit-not-ignored` (sweep); `range-not-satisfiable-unknown-unit` (exchange) |
//! | the two ranges | a multipart answer that is not `multipart/byteranges`, a part without `Content-Range`, parts out of order, a part's type unlike the 200's | `partial-content-multipart-malformed`, `partial-content-part-without-content-range`, `partial-content-parts-out-of-order`, `partial-content-part-type-differs` (sweep); `range-not-satisfiable-for-satisfiable-range` (exchange) |
//! | `QUERY` without `Content-Type` | a query that does not fail | `query-success-without-content-type` (exchange) |
//! | `TRACE`, `SWEEP`, the unsafe methods | a method the resource does not implement answered as a GET | `method-answered-as-get` (sweep) |
//! | `OPTIONS`, `TRACE`, `SWEEP`, `QUERY` | a method refused as if the resource did not exist | `method-answered-not-found` (sweep) |
//! | any | a problem details `status` unlike the status; a `Repr-Digest` unlike the 200's | `problem-details-status-differs`, `repr-digest-differs` (sweep) |
//!
//! [`Violation::detail`]: crate::Violation::detail
//!
//! # What the comparisons assume
//!
//! That the app answers the same request the same way during the sweep: content and lengths
//! are compared only between responses that show the same representation (the same `ETag` and
//! `Last-Modified`; without either, a HEAD's `Content-Length` only when every GET of the target
//! got the same number of octets). An answer that is a 429 or a 503 is compared with nothing (it
//! answers the server's load, not the request): it is listed in [`Report::inconclusive`], and
//! the comparisons it would have taken part in are not drawn — so turn off rate limits for the
//! sweep, or let the `Client` wait out a `Retry-After`. Each response is read to its end (so that
//! the layer's stream-time rules run): leave out targets whose responses never end (server-sent
//! events, long polls), which would hold the sweep.
//!
//! # Through `oneshot` or over the wire
//!
//! Given the app itself, the layer sees each response before hyper encodes it, and the rules
//! that depend on what hyper changes on the way out (a `Content-Length` hyper drops over
//! HTTP/1.x, the `Date` it adds) account for hyper. Given a client of a running server —
//! [`Client`] (feature `client`), which sends each request over a new connection in the
//! sweep's HTTP version — what is checked is what reached the client; `tests/all/sweep.rs` does
//! both.
//! For a server that is not built on hyper, judge its responses as received, since no hyper
//! encoder stands between it and the client:
//! `.layer(StatusConformanceLayer::observe().wire(Wire::Received))` (see [`Wire`]).
//!
//! [`Wire`]: crate::Wire
//!
//! # Example
//!
//! ```
//! use http::{header, Request, Response, StatusCode};
//! use tower::service_fn;
//! use tower_status_conformance::{sweep::Sweep, Rule};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//!
//! // HEAD drops the `Cache-Control` that GET sends; every other method gets 405.
//! let app = service_fn(|request: Request<String>| async move {
//!     let response = match request.method().as_str() {
//!         "GET" => Response::builder()
//!             .header(header::CONTENT_TYPE, "text/plain")
//!             .header(header::CACHE_CONTROL, "max-age=60")
//!             .body("hello".to_owned()),
//!         "HEAD" => Response::builder().header(header::CONTENT_TYPE, "text/plain").body(String::new()),
//!         _ => Response::builder()
//!             .status(StatusCode::METHOD_NOT_ALLOWED)
//!             .header(header::ALLOW, "GET, HEAD")
//!             .body(String::new()),
//!     };
//!     Ok::<_, std::convert::Infallible>(response.unwrap())
//! });
//!
//! let report = Sweep::new().target("/hello").run(app).await.unwrap();
//! // 9 requests per version: 5 plain, 4 ranges; the 200 has no validator to replay, and no
//! // unsafe method is sent.
//! assert_eq!(report.requests(), Some(27));
//! assert!(report.safe_only());
//! assert_eq!(report.len(), 1);
//! assert_eq!(report.groups().next().unwrap().rule(), Rule::HEAD_DIFFERS_FROM_GET);
//! assert!(report.to_string().contains("found: cache-control missing on HEAD"));
//! # }
//! ```

// `Client` (linked above) exists with the `client` feature only; without it, the link is text.
#![cfg_attr(not(feature = "client"), allow(rustdoc::broken_intra_doc_links))]
#[cfg(feature = "client")]
mod client;
pub(crate) mod compare;
mod exchange;
mod lanes;
pub(crate) mod parts;

#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use self::client::{Client, ClientBody, ClientError};
#[cfg(feature = "har")]
pub(crate) use self::compare::dropped_fields;
pub use crate::evidence::{FailedRequest, Recorded};

use std::cell::{Cell, RefCell};
use std::{
    error::Error,
    fmt,
    future::{poll_fn, Future},
    sync::{Arc, Mutex, PoisonError},
};

use bytes::Bytes;
use http::{header, HeaderValue, Method, Request, Response, Version};
use http_body::Body;
use tower_layer::Layer;
use tower_service::Service;

use self::{
    exchange::{Exchange, Probe},
    lanes::{RouteTagging, Shared, Tag, TargetRun},
};
use crate::{
    collector::telling, facts::is_query, Collector, OnViolation, Report, Route,
    StatusConformanceLayer, Violation,
};

/// The entity tag sent in `If-Match` with unsafe methods: no resource can have it.
const STALE_TAG: &str = "\"tower-status-conformance-stale\"";

/// The content of the QUERY and the unsafe probes, sent without `Content-Type`.
const PROBE_CONTENT: &str = "tower-status-conformance\n";

/// The method no specification defines, sent to see the `Allow` of the 405 it gets.
const UNKNOWN_METHOD: &str = "SWEEP";

/// Safe requests per target and version at most, beside a `QUERY`: 5 plain ones, 7 replaying
/// validators or asking for a coding (`If-None-Match` on GET and HEAD, `Accept-Encoding:
/// gzip` after a strong `ETag`, `If-Modified-Since`, a false `If-Unmodified-Since` alone and
/// beside `If-Match: *`, and `If-Match: *` alone), 4 ranges.
const SAFE_REQUESTS_PER_TARGET_AND_VERSION: usize = 16;

/// A sweep over an app's targets. See the [module docs](self) for what it sends. It can be
/// run again, or cloned and changed, as often as needed: [`run`](Self::run) takes it by
/// reference.
#[derive(Clone, Debug)]
#[must_use]
pub struct Sweep {
    targets: Vec<Target>,
    versions: Vec<Version>,
    authority: String,
    layer: StatusConformanceLayer,
    unsafe_methods: bool,
    record: bool,
    concurrency: usize,
}

/// One request target of a sweep: a path (with a query if the app needs one), and optionally
/// the methods the app means to support there.
///
/// ```
/// use http::Method;
/// use tower_status_conformance::sweep::Target;
///
/// let target = Target::new("/items/7").methods([Method::GET, Method::PUT, Method::DELETE]);
/// assert_eq!(target.path(), "/items/7");
/// ```
#[derive(Clone, Debug)]
pub struct Target {
    path: String,
    methods: Option<Vec<Method>>,
}

impl Target {
    /// A target path, such as `/items/7` or `/search?q=a`.
    #[must_use]
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            methods: None,
        }
    }

    /// The methods the app means to support at this target. The sweep then sends these among
    /// `POST`, `PUT`, `PATCH` and `DELETE`, and no other unsafe one, with or without
    /// [`Sweep::unsafe_methods`] (the safe probes are always sent), a `QUERY`
    /// when they include it (no other way tells the sweep that a target takes one), and counts
    /// each declared method it sent that does not get 405 as supported — even when it gets a
    /// 400 or 415 to the sweep's request without `Content-Type` — so that a 405 leaving it out of
    /// `Allow` is reported. Other methods are not sent.
    #[must_use]
    pub fn methods(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.methods = Some(methods.into_iter().collect());
        self
    }

    /// The path.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The methods declared with [`methods`](Self::methods); empty when none were.
    #[must_use]
    pub fn declared(&self) -> &[Method] {
        self.methods.as_deref().unwrap_or_default()
    }

    /// The unsafe methods sent to this target: those it declares, or all four when it declares
    /// none and the sweep sends them.
    fn unsafe_methods(&self, all_when_undeclared: bool) -> Vec<Method> {
        let all = [Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
        match &self.methods {
            None if all_when_undeclared => all.to_vec(),
            None => Vec::new(),
            Some(declared) => all.into_iter().filter(|m| declared.contains(m)).collect(),
        }
    }

    /// The most requests sent to this target in one HTTP version.
    fn max_requests(&self, all_unsafe_when_undeclared: bool) -> usize {
        let query = self.methods.iter().flatten().any(is_query);
        SAFE_REQUESTS_PER_TARGET_AND_VERSION
            + usize::from(query)
            + self.unsafe_methods(all_unsafe_when_undeclared).len()
    }
}

impl From<&str> for Target {
    fn from(path: &str) -> Self {
        Self::new(path)
    }
}

impl From<String> for Target {
    fn from(path: String) -> Self {
        Self::new(path)
    }
}

impl Default for Sweep {
    fn default() -> Self {
        Self::new()
    }
}

impl Sweep {
    /// A sweep with no target yet, over HTTP/1.0, HTTP/1.1 and HTTP/2, with authority
    /// `localhost` and [`StatusConformanceLayer::observe`] for the single-exchange rules, its
    /// events at `DEBUG` (the report is the sweep's output).
    pub fn new() -> Self {
        Self {
            targets: Vec::new(),
            versions: vec![Version::HTTP_10, Version::HTTP_11, Version::HTTP_2],
            authority: "localhost".to_owned(),
            layer: StatusConformanceLayer::observe().level(tracing::Level::DEBUG),
            unsafe_methods: false,
            record: false,
            concurrency: 1,
        }
    }

    /// Whether to send `POST`, `PUT`, `PATCH` and `DELETE` (each with a stale `If-Match`) to
    /// the targets that do not declare their [`methods`](Target::methods); default `false`.
    ///
    /// Only for a test instance of the app: a handler that ignores `If-Match` performs the
    /// request (creates, overwrites, deletes). What they add: `if-match-failed-but-performed`,
    /// and an `Allow` checked against the statuses those methods get.
    pub fn unsafe_methods(mut self, send: bool) -> Self {
        self.unsafe_methods = send;
        self
    }

    /// Whether to keep every exchange as evidence (default `false`): each request as sent and
    /// the head of the response it got, in [`Report::exchanges`], with each finding pointing
    /// at the one it was found on ([`Violation::exchange`](crate::Violation::exchange)). The
    /// report then holds header values, which reports otherwise never do.
    pub fn record(mut self, record: bool) -> Self {
        self.record = record;
        self
    }

    /// How many targets are swept at once (default 1; 0 counts as 1). Each target's requests
    /// still go one at a time and in order, since its comparisons depend on it (a validator
    /// is replayed after the GET that gave it); the service gets up to this many requests at
    /// once, one per target.
    ///
    /// The report does not depend on it: exchanges, failures and findings are reported target
    /// by target, in the order the targets were given, as a sweep one at a time reports them.
    ///
    /// ```
    /// use tower::service_fn;
    /// use tower_status_conformance::sweep::Sweep;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = service_fn(|_: http::Request<String>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// let sweep = Sweep::new().targets(["/a", "/b", "/c"]).record(true);
    /// let one = sweep.run(app).await.unwrap();
    /// let three = sweep.clone().concurrency(3).run(app).await.unwrap();
    /// assert_eq!(one.requests(), three.requests());
    /// assert_eq!(one.to_string(), three.to_string());
    /// # }
    /// ```
    pub fn concurrency(mut self, targets: usize) -> Self {
        self.concurrency = targets.max(1);
        self
    }

    /// Adds a target: a path, or a [`Target`] with its methods.
    pub fn target(mut self, target: impl Into<Target>) -> Self {
        self.targets.push(target.into());
        self
    }

    /// Adds several targets.
    pub fn targets<T: Into<Target>>(mut self, targets: impl IntoIterator<Item = T>) -> Self {
        self.targets.extend(targets.into_iter().map(Into::into));
        self
    }

    /// The HTTP versions each target is swept with, in this order (default: 1.0, 1.1, 2).
    pub fn versions(mut self, versions: impl IntoIterator<Item = Version>) -> Self {
        self.versions = versions.into_iter().collect();
        self
    }

    /// The authority sent as `Host` (HTTP/1.x) and in the absolute URI (HTTP/2); default
    /// `localhost`.
    pub fn authority(mut self, authority: impl Into<String>) -> Self {
        self.authority = authority.into();
        self
    }

    /// The layer configuration the single-exchange rules are checked with (default
    /// [`StatusConformanceLayer::observe`] with events at `DEBUG`), and which turns rules off:
    /// a rule set to [`Action::Allow`](crate::Action::Allow) — a sweep rule too — is not
    /// reported. Its [`on_violation`] hook is replaced by the
    /// sweep's collector, and any action is taken on the responses as the sweep receives them:
    /// keep `observe()` (or rule settings on top of it) to see the app as it is.
    ///
    /// [`on_violation`]: StatusConformanceLayer::on_violation
    pub fn layer(mut self, layer: StatusConformanceLayer) -> Self {
        self.layer = layer;
        self
    }

    /// The most requests [`run`](Self::run) sends: per target and version 16 safe ones, one
    /// more for a declared `QUERY`, and the unsafe methods sent (see the [module docs](self)).
    ///
    /// ```
    /// use http::Method;
    /// use tower_status_conformance::sweep::{Sweep, Target};
    ///
    /// let sweep = Sweep::new().target("/a");
    /// assert_eq!(sweep.max_requests(), 48);
    /// assert_eq!(sweep.clone().unsafe_methods(true).max_requests(), 60);
    /// let sweep = sweep.target(Target::new("/b").methods([Method::GET, Method::PUT]));
    /// assert_eq!(sweep.max_requests(), 48 + 51);
    /// assert!(!sweep.safe_only());
    /// ```
    #[must_use]
    pub fn max_requests(&self) -> usize {
        let per_version: usize = self
            .targets
            .iter()
            .map(|target| target.max_requests(self.unsafe_methods))
            .sum();
        per_version * self.versions.len()
    }

    /// Whether this sweep sends no unsafe method: none of its targets declares one and
    /// [`unsafe_methods`](Self::unsafe_methods) is off.
    #[must_use]
    pub fn safe_only(&self) -> bool {
        self.targets
            .iter()
            .all(|target| target.unsafe_methods(self.unsafe_methods).is_empty())
    }

    /// Sends the requests through `service`, checks each response through the layer and
    /// compares the responses of each target; the report has both kinds of findings, each
    /// attributed to its target as the route, and [`Report::requests`] set.
    ///
    /// A request the service fails, or whose response body fails (a connection reset, say), is
    /// itself a finding: it is kept in [`Report::failures`], the report is not
    /// [`is_empty`](Report::is_empty), and the sweep goes on with the next request.
    ///
    /// # Errors
    ///
    /// When a target cannot make a request (an invalid path), or the service fails
    /// `poll_ready` (a tower service is then unusable): the request is named in the
    /// [`SweepError`].
    pub async fn run<S, B>(&self, service: S) -> Result<Report, SweepError>
    where
        S: Service<Request<String>, Response = Response<B>>,
        S::Error: Into<Box<dyn Error + Send + Sync>>,
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
    {
        self.run_until(service, std::future::pending()).await
    }

    /// [`run`](Self::run), stopped early when `stop` completes (Ctrl-C, a deadline): the
    /// request in flight is dropped, the comparisons are drawn from the answers received, and
    /// the report says so ([`Report::interrupted`]).
    ///
    /// ```
    /// use tower::service_fn;
    /// use tower_status_conformance::sweep::Sweep;
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let app = service_fn(|_: http::Request<String>| async {
    ///     Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    /// });
    /// // Stopped before the first request: nothing sent, and the report says so.
    /// let report = Sweep::new().target("/").run_until(app, async {}).await.unwrap();
    /// assert!(report.interrupted());
    /// assert_eq!(report.requests(), Some(0));
    /// # }
    /// ```
    ///
    /// # Errors
    ///
    /// As [`run`](Self::run).
    pub async fn run_until<S, B, F>(&self, service: S, stop: F) -> Result<Report, SweepError>
    where
        S: Service<Request<String>, Response = Response<B>>,
        S::Error: Into<Box<dyn Error + Send + Sync>>,
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
        F: Future<Output = ()>,
    {
        let mut stop = std::pin::pin!(stop);
        let mut interrupted = false;
        let service = RefCell::new(service);
        let runs: Vec<RefCell<TargetRun>> = self
            .targets
            .iter()
            .map(|_| RefCell::new(TargetRun::new(self.versions.len())))
            .collect();
        let found = Arc::new(Mutex::new(vec![Vec::new(); self.targets.len()]));
        // Every target's safe requests before any unsafe one.
        for unsafe_phase in [false, true] {
            let next = Cell::new(0);
            let lanes = (0..self.concurrency.min(self.targets.len()))
                .map(|_| self.lane(&service, &next, &runs, &found, unsafe_phase));
            match until(lanes::all(lanes), stop.as_mut()).await {
                Some(done) => done?,
                None => {
                    interrupted = true;
                    break;
                }
            }
        }

        // Joined in target order, each target's requests numbered after those before it.
        let collector = Collector::new();
        let found = std::mem::take(&mut *found.lock().unwrap_or_else(PoisonError::into_inner));
        let mut runs: Vec<TargetRun> = runs.into_iter().map(RefCell::into_inner).collect();
        let (mut sent, mut failures, mut recorded) = (0, Vec::new(), Vec::new());
        for (run, found) in runs.iter_mut().zip(found) {
            for violation in found {
                let violation = match violation.exchange() {
                    Some(index) => violation.with_exchange(sent + index),
                    None => violation,
                };
                collector.on_violation(&violation);
            }
            for exchange in run.slots.iter_mut().flatten() {
                exchange.index += sent;
            }
            sent += run.sent;
            failures.append(&mut run.failures);
            recorded.append(&mut run.recorded);
        }

        // A sweep rule is reported once per target: in the most telling version that shows
        // it (HTTP/1.1 first, as the report's examples are chosen).
        let mut order: Vec<usize> = (0..self.versions.len()).collect();
        order.sort_by_key(|&v| std::cmp::Reverse(telling(self.versions[v])));
        let mut found: Vec<Violation> = Vec::new();
        let mut inconclusive: Vec<String> = Vec::new();
        let mut hints: Vec<String> = Vec::new();
        for (target, run) in self.targets.iter().zip(&mut runs) {
            let slots = &mut run.slots;
            // A 429 or a 503 answers the server's load, not the request: compared with the
            // target's other answers it would read as a HEAD unlike its GET, a Range not
            // ignored… and change from run to run. Its own rules have judged it already.
            for slot in slots.iter_mut() {
                slot.retain(|e| {
                    let unavailable = e.unavailable();
                    if unavailable {
                        inconclusive.push(format!(
                            "{} {} {:?} got {}",
                            e.method, target.path, e.version, e.status
                        ));
                    }
                    !unavailable
                });
            }
            let slots = &*slots;
            hints.extend(unsent_advertised(target, slots, self.unsafe_methods));
            hints.extend(never_found(target, slots));
            let mut lengths = slots.iter().flatten().filter_map(|e| {
                (e.method == Method::GET && e.probe == Probe::Plain).then_some(e.length)
            });
            let first = lengths.next();
            let stable_length = lengths.next().is_some_and(|second| {
                Some(second) == first && lengths.all(|other| Some(other) == first)
            });
            // Once per target, not per route: targets that differ only by query share a route
            // (their findings count together in its group) but each is compared on its own.
            let mut here: Vec<Violation> = Vec::new();
            for slot in order.iter().map(|&v| &slots[v]) {
                for violation in compare::all(target, slot, stable_length, self.layer.wire_model())
                {
                    // `compare` names the exchange each finding is on: kept when recording.
                    let violation = if self.record {
                        violation
                    } else {
                        violation.without_exchange()
                    };
                    if !here.iter().any(|seen| seen.rule() == violation.rule()) {
                        here.push(violation);
                    }
                }
            }
            found.extend(here);
        }
        // A sweep rule set to `Allow` on the layer is off, as a single-exchange rule is.
        found.retain(|violation| self.layer.action_for(violation.rule()) != crate::Action::Allow);
        for violation in &found {
            collector.on_violation(violation);
        }
        Ok(collector
            .report()
            .with_requests(sent, self.safe_only())
            .with_failures(failures)
            .with_exchanges_recorded(recorded)
            .with_inconclusive(inconclusive)
            .with_hints(hints)
            .with_interrupted(interrupted))
    }

    /// One lane of the sweep: takes the next target not yet taken and sends it this phase's
    /// requests, one at a time, until none is left.
    async fn lane<S, B>(
        &self,
        service: &RefCell<S>,
        next: &Cell<usize>,
        runs: &[RefCell<TargetRun>],
        found: &Arc<Mutex<Vec<Vec<Violation>>>>,
        unsafe_phase: bool,
    ) -> Result<(), SweepError>
    where
        S: Service<Request<String>, Response = Response<B>>,
        S::Error: Into<Box<dyn Error + Send + Sync>>,
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
    {
        let current = Arc::new(Mutex::new(None));
        let hook = RouteTagging {
            found: Arc::clone(found),
            current: Arc::clone(&current),
        };
        let mut service = self.layer.clone().on_violation(hook).layer(Shared(service));
        loop {
            let t = next.get();
            let Some(target) = self.targets.get(t) else {
                return Ok(());
            };
            next.set(t + 1);
            let route = Route::new(route_of(&target.path));
            let tag = |method: &Method, probe: Probe| {
                *current.lock().unwrap_or_else(PoisonError::into_inner) = Some(Tag {
                    target: t,
                    route: route.clone(),
                    request: probe.describe(method),
                    index: self.record.then(|| runs[t].borrow().sent),
                });
            };
            for (v, &version) in self.versions.iter().enumerate() {
                let probes = if unsafe_phase {
                    unsafe_probes(target, self.unsafe_methods)
                } else {
                    safe_probes(target)
                };
                for (method, probe) in probes {
                    tag(&method, probe);
                    let sent = self
                        .send(&mut service, target, version, method, probe, None)
                        .await?;
                    runs[t].borrow_mut().keep(v, sent, &target.path);
                }
                if unsafe_phase {
                    continue;
                }
                let replays = follow_ups(&runs[t].borrow().slots[v]);
                for (method, probe, value) in replays {
                    tag(&method, probe);
                    let sent = self
                        .send(&mut service, target, version, method, probe, Some(value))
                        .await?;
                    runs[t].borrow_mut().keep(v, sent, &target.path);
                }
            }
        }
    }

    /// Sends one request and reads its whole response; its outcome is `Err` when the service
    /// or the body failed it (the sweep goes on), the result `Err` when the sweep cannot.
    async fn send<S, B>(
        &self,
        service: &mut S,
        target: &Target,
        version: Version,
        method: Method,
        probe: Probe,
        value: Option<HeaderValue>,
    ) -> Result<Sent, SweepError>
    where
        S: Service<Request<String>, Response = Response<B>>,
        S::Error: Into<Box<dyn Error + Send + Sync>>,
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
    {
        let error = |source: Box<dyn Error + Send + Sync>| SweepError {
            method: method.clone(),
            target: target.path.clone(),
            version,
            source,
        };
        let request = self
            .request(target, version, method.clone(), probe, value)
            .map_err(|e| error(e.into()))?;
        poll_fn(|cx| service.poll_ready(cx))
            .await
            .map_err(|e| error(e.into()))?;
        let failed = |source: Box<dyn Error + Send + Sync>| FailedRequest {
            method: method.clone(),
            target: target.path.clone(),
            version,
            error: source.to_string(),
        };
        let request_headers = self.record.then(|| request.headers().clone());
        let outcome = match service.call(request).await {
            Ok(response) => Exchange::read(method.clone(), version, probe, response)
                .await
                .map_err(failed),
            Err(e) => Err(failed(e.into())),
        };
        Ok(Sent {
            request_headers,
            outcome,
        })
    }

    fn request(
        &self,
        target: &Target,
        version: Version,
        method: Method,
        probe: Probe,
        value: Option<HeaderValue>,
    ) -> Result<Request<String>, http::Error> {
        let content = match method {
            Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE => "",
            _ if method.as_str() == UNKNOWN_METHOD => "",
            _ => PROBE_CONTENT,
        };
        let mut builder = Request::builder().method(method).version(version);
        builder = if version == Version::HTTP_2 {
            builder.uri(format!("http://{}{}", self.authority, target.path))
        } else {
            builder
                .uri(target.path.as_str())
                .header(header::HOST, self.authority.as_str())
        };
        if let (Some(name), Some(value)) = (probe.header(), value) {
            builder = builder.header(name, value);
        }
        if probe == Probe::IfUnmodifiedSinceStaleIfMatchAny {
            builder = builder.header(header::IF_MATCH, "*");
        } else if probe == Probe::IfMatchStale {
            builder = builder.header(header::IF_MATCH, STALE_TAG);
        }
        builder.body(content.to_owned())
    }
}

/// What the safe sweep left out at `target` although the server advertised it: the unsafe
/// methods an `Allow` (of an OPTIONS or a 405) lists that were not sent, as a hint, or `None`.
fn unsent_advertised(target: &Target, slots: &[Vec<Exchange>], all: bool) -> Option<String> {
    let sent = target.unsafe_methods(all);
    let mut advertised: Vec<String> = slots
        .iter()
        .flatten()
        .filter_map(Exchange::allow)
        .flatten()
        .filter(|method| {
            ["POST", "PUT", "PATCH", "DELETE"].contains(&method.as_str())
                && !sent.iter().any(|m| m.as_str() == method)
        })
        .collect();
    advertised.sort_unstable();
    advertised.dedup();
    (!advertised.is_empty()).then(|| {
        format!(
            "{} advertises {} (Allow), not sent: the If-Match and Allow rules of those methods are unchecked there",
            target.path,
            advertised.join(", ")
        )
    })
}

/// A target whose GET never got a 2xx or a 3xx in any version: most comparisons need one,
/// and a path copied wrong sweeps nothing — said as a hint, or `None`.
fn never_found(target: &Target, slots: &[Vec<Exchange>]) -> Option<String> {
    let gets: Vec<&Exchange> = slots
        .iter()
        .flatten()
        .filter(|e| e.method == Method::GET && e.probe == Probe::Plain)
        .collect();
    let found = gets
        .iter()
        .any(|e| e.status.is_success() || e.status.is_redirection());
    let first = gets.first()?;
    (!found).then(|| {
        format!(
            "{} never answered GET with a 2xx or 3xx (it got {}): little was compared there; is the path right?",
            target.path,
            first.status.as_u16()
        )
    })
}

/// One request sent: the fields it carried (when recording) and what it got.
struct Sent {
    request_headers: Option<http::HeaderMap>,
    outcome: Result<Exchange, FailedRequest>,
}

/// `work`'s output, or `None` when `stop` completes first (`work` is then dropped).
async fn until<T>(
    work: impl Future<Output = T>,
    mut stop: std::pin::Pin<&mut impl Future<Output = ()>>,
) -> Option<T> {
    let mut work = std::pin::pin!(work);
    poll_fn(|cx| {
        if stop.as_mut().poll(cx).is_ready() {
            return std::task::Poll::Ready(None);
        }
        work.as_mut().poll(cx).map(Some)
    })
    .await
}

/// The safe probes sent to every target first, and a QUERY to a target that declares one.
fn safe_probes(target: &Target) -> Vec<(Method, Probe)> {
    let unknown = Method::from_bytes(UNKNOWN_METHOD.as_bytes()).expect("a valid token");
    let mut probes = vec![
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::TRACE,
        unknown,
    ];
    // Named as declared (`Method::QUERY` needs `http` 1.5; "QUERY" parses with any 1.x).
    if let Some(query) = target.methods.iter().flatten().find(|m| is_query(m)) {
        probes.push(query.clone());
    }
    probes
        .into_iter()
        .map(|method| (method, Probe::Plain))
        .collect()
}

/// The unsafe methods sent, each with a stale `If-Match`.
fn unsafe_probes(target: &Target, all_when_undeclared: bool) -> Vec<(Method, Probe)> {
    target
        .unsafe_methods(all_when_undeclared)
        .into_iter()
        .map(|method| (method, Probe::IfMatchStale))
        .collect()
}

/// The requests that replay what the `GET` got: validators and ranges.
fn follow_ups(slot: &[Exchange]) -> Vec<(Method, Probe, HeaderValue)> {
    let mut out = Vec::new();
    let Some(get) = slot
        .iter()
        .find(|e| e.method == Method::GET && e.probe == Probe::Plain)
    else {
        return out;
    };
    if get.status != http::StatusCode::OK {
        // Refused or redirected without a condition: with one, the answer must not change to
        // 412 (§13.2.1). A 429 or 503 says nothing of the resource (`Report::inconclusive`).
        let refused = !get.status.is_success()
            && ![
                http::StatusCode::PRECONDITION_FAILED,
                http::StatusCode::TOO_MANY_REQUESTS,
                http::StatusCode::SERVICE_UNAVAILABLE,
            ]
            .contains(&get.status);
        if refused {
            out.push((
                Method::GET,
                Probe::IfMatchStaleRefused,
                HeaderValue::from_static(STALE_TAG),
            ));
        }
        return out;
    }
    if let Some(etag) = get.single(header::ETAG) {
        out.push((Method::GET, Probe::IfNoneMatch, etag.clone()));
        out.push((Method::HEAD, Probe::IfNoneMatch, etag.clone()));
        // A strong tag names one representation's octets (§8.8.1): the content in a coding
        // the 200 did not have is another representation, which must not carry it (§8.8.3).
        if get.length > 0 && !etag.as_bytes().starts_with(b"W/") {
            out.push((
                Method::GET,
                Probe::AcceptEncoding,
                HeaderValue::from_static("gzip"),
            ));
        }
    }
    if let Some(date) = get.single(header::LAST_MODIFIED) {
        out.push((Method::GET, Probe::IfModifiedSince, date.clone()));
        // A date the representation was modified after: the condition is false (§13.1.4).
        let before = crate::syntax::date::parse(date.as_bytes())
            .filter(|(modified, _)| *modified > 0)
            .and_then(|(modified, _)| {
                HeaderValue::from_str(&crate::syntax::date::format(modified - 1)).ok()
            });
        if let Some(before) = before {
            out.push((Method::GET, Probe::IfUnmodifiedSinceStale, before.clone()));
            // The GET's 200 shows a current representation, so `If-Match: *` is true (§13.1.1)
            // and the date must be ignored; `If-Match: *` alone shows what the server does
            // without the date, so that a 412 is laid at the date's door only when it is the
            // date's.
            out.push((Method::GET, Probe::IfUnmodifiedSinceStaleIfMatchAny, before));
            out.push((
                Method::GET,
                Probe::IfMatchAny,
                HeaderValue::from_static("*"),
            ));
        }
    }
    if get.length > 0 {
        // A range inside the content that skips its first byte, so that content from the
        // wrong offset shows.
        let (first, last) = if get.length == 1 {
            (0, 0)
        } else {
            (1, get.length.min(8) - 1)
        };
        let ranges = [
            (Probe::RangeInside, format!("bytes={first}-{last}")),
            (Probe::RangePastEnd, format!("bytes={}-", get.length)),
        ];
        for (probe, range) in ranges {
            if let Ok(value) = HeaderValue::from_str(&range) {
                out.push((Method::GET, probe, value));
            }
        }
        out.push((
            Method::GET,
            Probe::RangeUnknownUnit,
            HeaderValue::from_static("sweep-units=0-0"),
        ));
        // Two ranges with a gap between them, in order: a server may coalesce them or answer
        // in two parts (§15.3.7.2), and a 416 is `range-not-satisfiable-for-satisfiable-range`.
        if get.length >= 3 {
            let last = get.length - 1;
            if let Ok(value) = HeaderValue::from_str(&format!("bytes=0-0,{last}-{last}")) {
                out.push((Method::GET, Probe::RangeMultiple, value));
            }
        }
    }
    out
}

/// The route a target's findings are grouped under: its path without the query.
fn route_of(path: &str) -> &str {
    path.split('?').next().unwrap_or(path)
}

/// A [`Sweep`] could not go on: a target made no valid request, or the service failed
/// `poll_ready`.
#[derive(Debug)]
pub struct SweepError {
    method: Method,
    target: String,
    version: Version,
    source: Box<dyn Error + Send + Sync>,
}

impl fmt::Display for SweepError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "sweep request {} {} {:?} failed: {}",
            self.method, self.target, self.version, self.source
        )
    }
}

impl Error for SweepError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&*self.source)
    }
}
