//! Tower middleware that checks every outgoing HTTP response against the status-code semantics
//! of RFC 9110 (and RFC 9111, 9112, 9113, 6585), and for each violation logs it, repairs the
//! response or rejects it.
//!
//! # Example
//!
//! ```
//! use std::convert::Infallible;
//!
//! use bytes::Bytes;
//! use http::{Request, Response, StatusCode};
//! use http_body_util::{BodyExt, Full};
//! use tower::{ServiceBuilder, ServiceExt};
//! use tower_status_conformance::{Rule, StatusConformanceLayer, Violations};
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//!
//! // A handler that answers "204 No Content" with content.
//! async fn handler(_: Request<Full<Bytes>>) -> Result<Response<Full<Bytes>>, Infallible> {
//!     let mut response = Response::new(Full::from("deleted"));
//!     *response.status_mut() = StatusCode::NO_CONTENT;
//!     Ok(response)
//! }
//!
//! let service = ServiceBuilder::new()
//!     .layer(StatusConformanceLayer::new())
//!     .service_fn(handler);
//!
//! // Over HTTP/2 hyper would send that content (over HTTP/1.x its encoder drops it, and the
//! // layer reports only what reaches the client: see `Wire`).
//! let request = Request::delete("/items/7").version(http::Version::HTTP_2).body(Full::default())?;
//! let response = service.oneshot(request).await?;
//! assert_eq!(response.status(), StatusCode::NO_CONTENT);
//! // Repaired: the content is gone, and the violation is attached for outer layers and tests.
//! let violations = response.extensions().get::<Violations>().unwrap();
//! assert!(violations.contains(Rule::NO_CONTENT_WITH_BODY));
//! assert!(response.into_body().collect().await?.to_bytes().is_empty());
//! # Ok(())
//! # }
//! ```
//!
//! # Placement with axum
//!
//! With the `axum` feature, `app.with_status_conformance(layer)` (see `axum::RouterExt`)
//! installs the layer around the *finished* router and names each violation's route. Without
//! it, wrap the finished router yourself:
//! `Router::new().fallback_service(app).layer(StatusConformanceLayer::new())`. Inside
//! `Router::layer` the layer runs before axum adds `Allow` to its own 405s, strips HEAD bodies
//! and adds `content-length`; with the feature it recognises that placement, warns once and
//! drops what axum fixes later. The README, `tests/all/wire_axum.rs` and `tests/all/axum_native.rs`
//! show both placements.
//!
//! # In tests
//!
//! [`StatusConformanceLayer::strict`] panics on the first violation; [`Collector`] keeps every
//! violation of a run for one [`assert_conforming`](Collector::assert_conforming) at the end,
//! with a report grouped by rule and route, also as JSON. A [`sweep::Sweep`] sends a bounded
//! set of requests to each target of an app and also reports the rules that need two exchanges
//! to decide ([`Scope::Sweep`]): a HEAD that drifts from its GET, an `Allow` that lies, a 304
//! that drops fields of its 200, an ignored `If-Match`, a range that is not part of the whole.
//!
//! # Scoping
//!
//! [`skip_if`](StatusConformanceLayer::skip_if) leaves whole requests unchecked;
//! [`RuleOverrides`] in a response's extensions exempts rules, or changes their action, on that
//! response.
//!
//! # Actions
//!
//! Each [`Rule`] has an [`Action`]: [`Allow`](Action::Allow), [`Log`](Action::Log),
//! [`Repair`](Action::Repair), [`Reject`](Action::Reject) or [`Panic`](Action::Panic). The
//! presets [`StatusConformanceLayer::new`] (each rule's [`Rule::default_action`]),
//! [`observe`](StatusConformanceLayer::observe) (all `Log`) and
//! [`strict`](StatusConformanceLayer::strict) (all `Panic`) set them all;
//! [`action`](StatusConformanceLayer::action) sets one. [`Action`] documents what each does
//! when the violation is found at head time and when it is found while the body streams.
//!
//! Whatever the actions, `Content-Length` agrees with the body that is sent (on a 304 and on a
//! HEAD response it keeps describing the representation, as RFC 9110 §8.6 allows), bodies are
//! never buffered, and a conforming response passes through with its body untouched.
//!
//! # Strict mode for tests
//!
//! [`StatusConformanceLayer::strict`] panics on the first violation with a message naming the
//! rule id, its section, the status, the method and the path:
//!
//! ```text
//! status-conformance: `method-not-allowed-without-allow` (RFC 9110 §15.5.6): 405 without an Allow header; 405 Method Not Allowed to POST /items/7
//! ```
//!
//! # Events
//!
//! One `tracing` event per reported violation, target `tower_status_conformance`, at the level
//! set with [`StatusConformanceLayer::level`] (`WARN` by default), with these fields:
//!
//! | field | example |
//! |---|---|
//! | `rule` | `no-content-with-body` |
//! | `requirement` | `must` |
//! | `action` | `repair` (the action taken) |
//! | `stage` | `head` or `stream` |
//! | `spec` | `RFC 9110 §15.3.5` |
//! | `http.response.status_code` | `204` |
//! | `http.request.method` | `DELETE` |
//! | `http.route` | `/items/{id}`, when the response names its [`Route`] (omitted otherwise) |
//! | `url.path` | `/items/7` (the query only as `url.query`, with [`StatusConformanceLayer::log_query`]) |
//! | `suppressed` | events of this rule dropped by the flood limit since the previous one |
//!
//! A repaired `Content-Length: 0` on an empty 204 (what axum adds) is logged at `DEBUG`;
//! [`rule_level`](StatusConformanceLayer::rule_level) sets the level of any rule.
//!
//! Each rule emits at most [`log_limit`](StatusConformanceLayer::log_limit) events per second
//! (5 by default); violations over the budget still reach hooks, counters and metrics. No
//! header value and no body byte is ever logged. Events are emitted inside the current span:
//! with `tower_http::trace::TraceLayer` outside this layer, inside the request's span. The same [`Violation`] goes to the
//! [`OnViolation`] hook and, when found at head time, into the response's [`Violations`]
//! extension.
//!
//! # Counting and metrics
//!
//! [`ViolationCounter`] counts violations per rule and action without locks; pass it to
//! [`on_violation`](StatusConformanceLayer::on_violation), alone or paired with another hook.
//!
//! # Feature flags
//!
//! None is on by default: the library alone depends on `http`, `http-body`, `bytes`, tower's
//! two trait crates, `pin-project-lite`, `tracing` and `httpdate`.
//!
//! - `metrics`: emits `http_status_conformance_violations_total{rule, action}` (plus `route`
//!   with [`route_label`](StatusConformanceLayer::route_label)) and
//!   `http_status_conformance_responses_total` through the `metrics` facade.
//! - `axum`: `axum::RouterExt::with_status_conformance`, the wire-true placement with route
//!   attribution, and recognition of a `Router::layer` placement (axum 0.8).
//! - `client`: `sweep::Client`, the over-the-wire client a sweep of a running server needs
//!   (HTTP/1.0, HTTP/1.1, HTTP/2 with prior knowledge; hyper, hyper-util, tokio).
//! - `tls`: `https://` for `sweep::Client` (rustls with the webpki roots, ALPN; implies
//!   `client`).
//! - `har`: `har::check`, every exchange of a HAR capture through the rules (`serde_json`).
//! - `openapi`: `openapi::lint`, the rules on the responses an OpenAPI 3.0 or 3.1 document
//!   describes, and `openapi::Contract` with `StatusConformanceLayer::contract`, every
//!   response judged against the statuses the document gives (`serde_json`).
//! - `cli`: the `tower-status-conformance` binary (implies `har`, `openapi` and `tls`; clap,
//!   tracing-subscriber, yaml_serde, hyper's server).
//!
//! # Minimum supported Rust version
//!
//! The library declares 1.75 (`rust-version`), and clippy's `incompatible_msrv` lint rejects
//! any standard-library API newer than that. What each feature's dependencies declare, at the
//! versions of `Cargo.lock`: none, `metrics`, `har` and `openapi` need at most 1.71.1; `axum` needs 1.80
//! (axum 0.8.9); `client`, `tls` and `cli` need 1.85 (tokio 1.54, hyper-util 0.1.21, clap 4.6).
//! Older releases of those dependencies may build on older toolchains; that is not tested: the
//! crate is built and tested with the latest stable only.
//!
//! # Guarantees
//!
//! What the layer promises under faults and bad input, each with the test that holds it to it:
//!
//! | promise | proven by |
//! |---|---|
//! | It never panics, whatever the status (100–999), method, version, header bytes or body shape, except with the `Panic` action. | `tests/all/properties.rs` `never_panics_outside_the_panic_action`; the `cargo fuzz` targets `check` and `service` (`fuzz/`); no panic in `tests/load_fault.rs` |
//! | `observe()` changes no status, header, byte, trailer or body error. | `tests/all/properties.rs` `observe_changes_nothing`; `tests/all/actions.rs` `observe_changes_no_byte_of_any_violating_exchange` |
//! | A repair fixes its rule and introduces no violation of a rule that is on by default. | `tests/all/properties.rs` `repairs_converge`; `tests/all/rules.rs` `repairs_converge_and_introduce_nothing_new` |
//! | Where the layer empties or replaces a body, `Content-Length` equals the bytes sent; keep-alive connections stay in sync. | `tests/all/properties.rs` `repairs_converge`; `tests/all/wire_hyper.rs` (second request on the same connection); `tests/load_fault.rs` |
//! | Nothing is lost beyond what a rule's repair documents: `Log` and `Allow` pass every frame, trailer and error through. | `tests/all/properties.rs` `observe_changes_nothing`; `tests/all/actions.rs` |
//! | Bodies are never buffered: memory stays flat while 2 GiB stream through watched bodies. | `tests/all/streaming.rs` |
//! | A conforming response costs no heap allocation, on requests built with `Request::builder` and on requests as hyper parses them (documented exceptions: a watched body, request values over 71 bytes together). | `tests/alloc.rs` |
//! | A rule that is off costs nothing per request: the layer keeps only what its enabled rules read of the request (each rule declares it), and each declaration is checked against a full capture. | `src/rules/reads_tests.rs`; `tests/all/rules.rs` `each_rule_alone_acts_as_with_every_rule`; `tests/all/properties.rs` `each_rule_alone_decides_as_with_every_rule` |
//! | Hostile values (1 MiB fields, 100 000 `Allow` entries, unterminated quotes, broken dates) are handled in one pass; a request value too long to keep counts as present with unknown content and never drives a finding or a repair. | `tests/all/hostile.rs` |
//! | No finding on real components that is not a real violation of what reaches the client. | `tests/all/real_components.rs` (the findings it pins are in `COMPARISON.md`) |
//! | What hyper removes on the way out is no finding (`Wire::Hyper`); a finding the framework caused names it (`Culprit`), and a conforming axum app swept over the wire has nothing attributed to it. | `tests/all/wire_hyper.rs` `what_hyper_removes_never_reaches_the_client_and_is_no_finding`; `tests/all/real_components.rs` (every finding's culprit); `tests/all/sweep.rs` `a_conforming_axum_app_has_nothing_attributed_to_it` |
//! | Over HTTP/3 (a service behind an h3 adapter, no hyper below it) every defect hyper would have removed is judged and repaired as it reaches the client; a conforming response draws no finding. | `tests/all/wire_h3.rs` (quinn 0.11 and h3 0.0.8 on loopback, each case without and with the layer) |
//! | RFC 10008's own QUERY examples draw no finding but the two SHOULDs of RFC 9110 they break. | `tests/all/query.rs` |
//! | The reject response never echoes the handler's body or header values (default: a 500 naming the rule; `.reject_with(...)` to change it). | `tests/all/actions.rs` `reject_replaces_the_response_and_never_echoes_it` |
//! | Events never carry a header value, a body byte or the query (unless `.log_query(true)`). | `tests/all/events.rs` `no_secret_reaches_an_event` |
//! | Counts are exact under concurrency, faults and log floods. | `tests/load_fault.rs` (64 connections, 100 000 requests, failing handlers and bodies, clients hanging up mid-body); `tests/metrics.rs`; `tests/all/events.rs` |
//!
//!
//! # Rules
//!
//! [`Rule::ALL`] lists them; each constant's docs say what it checks, why it matters (with the
//! RFC's words), its repair, its default, an exchange it flags and the nearest one it does not.
//! `RULES.md` is generated from the same declarations.
//!
//! Rules whose default is [`Action::Allow`] are opt-in ([`Rule::is_opt_in`]): they flag what
//! many applications do on purpose (no validators on a 200, empty error bodies, the REST
//! profile of [`StatusConformanceLayer::rest_profile`]). The presets leave them off;
//! [`StatusConformanceLayer::action`] turns one on. Rules set to `Allow` are not evaluated at
//! all, and a conforming response costs no heap allocation.
//!
//! Repairs that need a value only the application knows take it from a callback:
//! [`allow_methods`](StatusConformanceLayer::allow_methods),
//! [`challenge`](StatusConformanceLayer::challenge),
//! [`proxy_challenge`](StatusConformanceLayer::proxy_challenge),
//! [`upgrade_protocols`](StatusConformanceLayer::upgrade_protocols),
//! [`accept_patch`](StatusConformanceLayer::accept_patch). Repairs that change the status code
//! (2xx → 304, 304 → 412, 301/302 → 308/307) are never a default.

#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]

mod action;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod body;
mod checker;
mod collector;
mod conform;
mod connection;
mod counter;
mod culprit;
mod evidence;
mod facts;
mod findings;
pub mod future;
#[cfg(feature = "har")]
#[cfg_attr(docsrs, doc(cfg(feature = "har")))]
pub mod har;
mod layer;
mod log_limit;
mod names;
mod on_violation;
#[cfg(feature = "openapi")]
pub mod openapi;
mod overrides;
mod reads;
mod registry;
mod reporting;
mod response;
mod route;
#[cfg(feature = "axum")]
mod router;
mod rule;
mod rules;
mod service;
mod shared;
mod suppliers;
pub mod sweep;
mod syntax;
mod violation;
mod wire;

use std::any::Any;

use http::{Request, Response};
use http_body::Body;

pub use self::{
    action::{Action, InvalidAction},
    checker::Checker,
    collector::{Collector, Report, ReportGroup, RolledUp, RuleGroup},
    connection::remove_connection_specific_fields,
    counter::ViolationCounter,
    culprit::Culprit,
    evidence::FailedRequest,
    findings::Findings,
    layer::StatusConformanceLayer,
    on_violation::OnViolation,
    overrides::RuleOverrides,
    response::{DefaultResponseForViolation, ResponseForViolation},
    route::Route,
    rule::{InvalidRule, Requirement, Rule, Scope},
    service::StatusConformance,
    violation::{Stage, Violation, Violations},
    wire::Wire,
};

/// Checks one exchange without any service: the rules that are on by default
/// ([`Rule::is_opt_in`] is false) that `response` breaks as an answer to `request`. See
/// [`check_all`] to include the opt-in rules.
///
/// Only head-time findings: content of a body whose size hint is unknown is not looked at
/// (the service watches such bodies while they stream).
///
/// The response is judged as hyper 1.x would send it ([`Wire::Hyper`], the layer's view): what
/// hyper's encoder removes on the way out — content on a HEAD, 1xx, 204 or 304 over HTTP/1.x,
/// `Transfer-Encoding` it cannot send, connection-specific fields over HTTP/2 — is not a
/// finding, because the client never receives it. To lint an exchange as a client received it
/// (a capture, a HAR file), use [`Checker`] with [`Wire::Received`].
///
/// The request's body can be of any type (`Request<()>` included): only the head is read,
/// and whether the request had content is taken from `Content-Length` and
/// `Transfer-Encoding`, else from the body when it is `()` (none), a `String`, a
/// `&'static str`, a `Vec<u8>` or a `Bytes`; of any other body nothing is assumed, and the two
/// rules that need to know (`content-too-large-without-content`,
/// `unsupported-media-type-without-content`) stay silent.
///
/// # Example
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower_status_conformance::{check, Rule};
///
/// let request = Request::post("/items").body(()).unwrap();
/// let response = Response::builder()
///     .status(StatusCode::METHOD_NOT_ALLOWED)
///     .body(String::new())
///     .unwrap();
/// let findings = check(&request, &response);
/// assert_eq!(findings.iter().collect::<Vec<_>>(), [Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW]);
///
/// let fixed = Response::builder()
///     .status(StatusCode::METHOD_NOT_ALLOWED)
///     .header("allow", "GET, HEAD")
///     .body(String::new())
///     .unwrap();
/// assert!(check(&request, &fixed).is_empty());
/// ```
pub fn check<Q: Any, B: Body>(request: &Request<Q>, response: &Response<B>) -> Findings {
    Checker::new().check(request, response)
}

/// Like [`check`], with every rule, opt-in ones included.
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower_status_conformance::{check_all, Rule};
///
/// let request = Request::get("/missing").body(String::new()).unwrap();
/// let response = Response::builder().status(StatusCode::NOT_FOUND).body(String::new()).unwrap();
/// assert!(check_all(&request, &response).contains(Rule::ERROR_WITHOUT_EXPLANATION));
/// ```
pub fn check_all<Q: Any, B: Body>(request: &Request<Q>, response: &Response<B>) -> Findings {
    Checker::new().opt_in(true).check(request, response)
}
