//! Checking one exchange without a service: which rules, and which wire.

use std::any::Any;

use http::{Request, Response};
use http_body::Body;

use crate::{
    facts::{BodyShape, Capture, RequestContent, RequestFacts},
    findings::Judged,
    rules, Findings, Rule, Wire,
};

/// Checks exchanges without a service, with the rule set and the [`Wire`] spelt out;
/// [`check`](crate::check) and [`check_all`](crate::check_all) are its two common settings.
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower_status_conformance::{Checker, Rule, Wire};
///
/// // An exchange captured from a server: every field as received, opt-in rules too.
/// let checker = Checker::new().opt_in(true).wire(Wire::Received);
/// let request = Request::get("/missing").body(()).unwrap();
/// let response = Response::builder().status(StatusCode::NOT_FOUND).body(String::new()).unwrap();
/// assert!(checker.check(&request, &response).contains(Rule::ERROR_WITHOUT_EXPLANATION));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Checker {
    opt_in: bool,
    wire: Wire,
}

impl Checker {
    /// The rules that are on by default, judged as hyper would send the response
    /// ([`Wire::Hyper`]): what [`check`](crate::check) does.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the opt-in rules ([`Rule::is_opt_in`]) are checked too (default `false`).
    pub fn opt_in(mut self, opt_in: bool) -> Self {
        self.opt_in = opt_in;
        self
    }

    /// The wire the response is judged on (default [`Wire::Hyper`]).
    pub fn wire(mut self, wire: Wire) -> Self {
        self.wire = wire;
        self
    }

    /// The rules `response` breaks as an answer to `request`. See [`check`](crate::check) for
    /// what is read of the request body. The response's content is never read: content known
    /// to be there without a `Content-Type` is `content-without-content-type` on either wire
    /// (the layer, the sweep and the proxy, which see the content stream, judge it as received
    /// only when its first octets show its type).
    #[must_use]
    pub fn check<Q: Any, B: Body>(&self, request: &Request<Q>, response: &Response<B>) -> Findings {
        let rules: Judged = Rule::ALL
            .iter()
            .copied()
            .filter(|rule| self.opt_in || !rule.is_opt_in())
            .collect();
        let facts = RequestFacts::capture_with(
            request,
            Capture::new(rules.iter().map(Rule::reads).collect()),
            || RequestContent::of_any(request.body()),
        );
        let shape = BodyShape::of(response.body());
        let out = rules::head(
            &facts,
            response.status(),
            response.headers(),
            shape,
            rules,
            self.wire,
        );
        let mut findings = out.findings;
        // A rule watched for on content known to be there (as received, content without a
        // type waits for its first octets) is reported: a check reads no content.
        if let (Some(rule), BodyShape::Content { .. }) = (out.watch, shape) {
            findings.insert(rule);
        }
        findings.into()
    }
}
