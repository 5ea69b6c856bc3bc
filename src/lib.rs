//! Tower middleware that checks every outgoing HTTP response against the status-code semantics
//! of RFC 9110 (and RFC 9111, 9112, 9113, 6585), and for each violation logs it, repairs the
//! response or rejects it.
//!
//! PLACEHOLDER_DOCS

#![cfg_attr(not(test), warn(clippy::print_stdout, clippy::print_stderr))]

mod action;
pub mod body;
mod check;
mod conform;
mod facts;
mod findings;
pub mod future;
mod layer;
mod on_violation;
mod registry;
mod repair;
mod response;
mod rule;
mod service;
mod shared;
mod violation;

use http::{Request, Response};
use http_body::Body;

pub use self::{
    action::{Action, InvalidAction},
    findings::Findings,
    layer::StatusConformanceLayer,
    on_violation::OnViolation,
    response::{DefaultResponseForViolation, ResponseForViolation},
    rule::{InvalidRule, Requirement, Rule},
    service::StatusConformance,
    violation::{Stage, Violation, Violations},
};

/// Checks one exchange without any service: the rules `response` breaks as an answer to
/// `request`.
///
/// Only head-time findings: content of a body whose size hint is unknown is not looked at
/// (the service watches such bodies while they stream).
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
pub fn check<Q, B: Body>(request: &Request<Q>, response: &Response<B>) -> Findings {
    let facts = facts::RequestFacts::capture(request);
    let shape = facts::BodyShape::of(response.body());
    check::head(&facts, response.status(), response.headers(), shape).findings
}
