//! [`Violation`]: one broken rule on one response, and [`Violations`], the list attached to a
//! response's extensions.

use std::fmt;

use http::{HeaderMap, Method, StatusCode, Version};

use crate::{facts::RequestFacts, Action, Culprit, Route, Rule};

/// When a violation was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Stage {
    /// From the status, the headers and the body's size hint, before anything was sent: every
    /// action is available.
    Head,
    /// From a body frame, after the head went out: the status can no longer change, so
    /// [`Action::Reject`] acts as [`Action::Repair`].
    Stream,
    /// By a [sweep](crate::sweep), from comparing this exchange with others about the same
    /// resource. Nothing was acted on: the action is [`Action::Log`].
    Sweep,
    /// By the OpenAPI lint, from a response an API document describes (`openapi::lint`, the
    /// `openapi` feature): no exchange took place. The action is [`Action::Log`], the version
    /// HTTP/1.1 (the exchange the document's response is judged as), the route the JSON
    /// pointer of the documented response.
    Document,
}

impl Stage {
    /// `"head"`, `"stream"`, `"sweep"` or `"document"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Head => "head",
            Self::Stream => "stream",
            Self::Sweep => "sweep",
            Self::Document => "document",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One rule broken by one response, with the action the layer took.
///
/// Passed to [`OnViolation`](crate::OnViolation) hooks and to
/// [`ResponseForViolation`](crate::ResponseForViolation), and collected in [`Violations`].
/// Opaque so that later versions can carry more context without a breaking change.
///
/// `Display` gives the line used in panics and reject responses:
/// `` `rule-id` (RFC … §…): <summary>; <status> to <METHOD> <path> ``.
#[derive(Clone)]
pub struct Violation {
    rule: Rule,
    action: Action,
    stage: Stage,
    status: StatusCode,
    method: Method,
    version: Version,
    /// Path and query; `path()` and `query()` split it.
    target: Box<str>,
    route: Option<Route>,
    /// Which of the rule's fields ([`Rule::fields`]) the response had, one bit each in order.
    present: u8,
    /// For sweep rules: the names (never values) of what differed.
    detail: Option<Box<str>>,
    /// The component, not the application, that wrote what the rule is about.
    culprit: Option<Culprit>,
    /// For a sweep that records its exchanges: the index of the one it was found on.
    exchange: Option<usize>,
}

impl Violation {
    pub(crate) fn new(
        rule: Rule,
        action: Action,
        stage: Stage,
        status: StatusCode,
        facts: &RequestFacts,
        route: Option<Route>,
    ) -> Self {
        Self {
            rule,
            action,
            stage,
            status,
            method: facts.method(),
            version: facts.version,
            target: facts.target().into(),
            route,
            present: 0,
            detail: None,
            exchange: None,
            culprit: None,
        }
    }

    /// A finding of a sweep rule on the request and response that show it.
    #[allow(clippy::too_many_arguments)] // one per field of what a sweep saw
    pub(crate) fn from_sweep(
        rule: Rule,
        method: Method,
        version: Version,
        target: &str,
        route: Route,
        status: StatusCode,
        headers: &HeaderMap,
        detail: String,
    ) -> Self {
        Self {
            rule,
            action: Action::Log,
            stage: Stage::Sweep,
            status,
            method,
            version,
            target: target.into(),
            route: Some(route),
            present: present_fields(rule, headers),
            detail: Some(detail.into()),
            exchange: None,
            culprit: None,
        }
    }

    /// A finding of the OpenAPI lint: the response documented at `pointer` (a JSON pointer into
    /// the document), for the operation `method` on the path `template`, has `status` and
    /// breaks `rule`. The pointer is the route: each documented response is its own group.
    #[cfg(feature = "openapi")]
    pub(crate) fn from_document(
        rule: Rule,
        method: Method,
        template: &str,
        status: StatusCode,
        pointer: &str,
        headers: &HeaderMap,
    ) -> Self {
        Self {
            rule,
            action: Action::Log,
            stage: Stage::Document,
            status,
            method,
            version: Version::HTTP_11,
            target: template.into(),
            route: Some(Route::new(pointer)),
            present: present_fields(rule, headers),
            detail: None,
            exchange: None,
            culprit: None,
        }
    }

    /// Notes which of the rule's fields the response (as the inner service produced it) had.
    /// No allocation: a bit per field.
    pub(crate) fn noting_fields(self, headers: &HeaderMap) -> Self {
        let present = present_fields(self.rule, headers);
        self.with_present_fields(present)
    }

    /// Sets which of the rule's fields were present, as [`present_fields`] computed them.
    pub(crate) fn with_present_fields(mut self, present: u8) -> Self {
        self.present = present;
        self
    }

    /// The route, as the shared handle a report groups by.
    pub(crate) fn route_handle(&self) -> Option<&Route> {
        self.route.as_ref()
    }

    /// Attributes the violation to `route` when it has none.
    pub(crate) fn with_route(mut self, route: Option<Route>) -> Self {
        if self.route.is_none() {
            self.route = route;
        }
        self
    }

    /// Says which request of a sweep the violation was found on, unless it says what differed.
    pub(crate) fn with_detail(mut self, detail: impl Into<Box<str>>) -> Self {
        if self.detail.is_none() {
            self.detail = Some(detail.into());
        }
        self
    }

    /// Points at the exchange of a recording sweep it was found on.
    pub(crate) fn with_exchange(mut self, index: usize) -> Self {
        self.exchange = Some(index);
        self
    }

    /// Forgets the exchange it was found on (a sweep that keeps none).
    pub(crate) fn without_exchange(mut self) -> Self {
        self.exchange = None;
        self
    }

    /// Names the component that wrote what the violation is about.
    pub(crate) fn with_culprit(mut self, culprit: Culprit) -> Self {
        self.culprit = Some(culprit);
        self
    }

    /// A repair that could not be made is reported as what it became.
    pub(crate) fn fall_back_to_log(&mut self) {
        self.action = Action::Log;
    }

    /// The rule broken.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The action the layer took: the configured one, or what it fell back to (a rule without a
    /// repair is logged; a rejection at stream time is a repair). See [`Action`].
    #[must_use]
    pub fn action(&self) -> Action {
        self.action
    }

    /// Whether it was found at head time or while the body streamed.
    #[must_use]
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The status of the response as the inner service produced it.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The request method.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request's HTTP version.
    #[must_use]
    pub fn version(&self) -> Version {
        self.version
    }

    /// The request path, without the query (`""` for authority-form CONNECT targets).
    #[must_use]
    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(&self.target, |(path, _)| path)
    }

    /// The route template the response came from (`/users/{id}`), when the router said so
    /// (see [`Route`]).
    #[must_use]
    pub fn route(&self) -> Option<&str> {
        self.route.as_ref().map(Route::as_str)
    }

    /// The response fields the rule is about ([`Rule::fields`]) and whether the response, as
    /// the inner service produced it, had each — names only, never values.
    pub fn fields(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        self.rule
            .fields()
            .iter()
            .enumerate()
            .map(|(i, &name)| (name, self.present & (1 << i) != 0))
    }

    /// For a finding of a [sweep](crate::sweep): what differed between the exchanges, as field
    /// names, methods, statuses and lengths — never a field value — for a sweep rule
    /// ([`Stage::Sweep`]); for a single-exchange rule broken on a sweep's request, which request
    /// it was (`"GET with If-None-Match: the ETag of the GET's 200"`, after `sent:` in a
    /// report). `None` for the layer's findings outside a sweep.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The index of the exchange it was found on: in
    /// [`Report::exchanges`](crate::Report::exchanges) for a sweep that records them
    /// ([`Sweep::record`](crate::sweep::Sweep::record)), in the capture's `log.entries` for
    /// `har::check` (feature `har`); `None` otherwise.
    #[must_use]
    pub fn exchange(&self) -> Option<usize> {
        self.exchange
    }

    /// The component, not the application's handlers, that put the violation in the response,
    /// when the layer or the sweep can tell (see [`Culprit`]).
    #[must_use]
    pub fn culprit(&self) -> Option<Culprit> {
        self.culprit
    }

    /// The request's query string, without the `?`. Not logged unless
    /// [`StatusConformanceLayer::log_query`](crate::StatusConformanceLayer::log_query) says so.
    #[must_use]
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }
}

/// Which of `rule`'s fields ([`Rule::fields`]) `headers` has, one bit each in order.
pub(crate) fn present_fields(rule: Rule, headers: &HeaderMap) -> u8 {
    // Comparing names already parsed is cheaper than `contains_key(&str)`, which parses the
    // name again for every lookup.
    rule.fields()
        .iter()
        .enumerate()
        .filter(|(_, field)| headers.keys().any(|name| name.as_str() == **field))
        .fold(0, |bits, (i, _)| bits | 1 << i)
}

impl fmt::Debug for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Violation")
            .field("rule", &self.rule)
            .field("action", &self.action)
            .field("stage", &self.stage)
            .field("status", &self.status)
            .field("method", &self.method)
            .field("version", &self.version)
            .field("path", &self.path())
            .field("route", &self.route())
            .field("culprit", &self.culprit)
            .finish()
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` ({}): {}; {} to {} {}",
            self.rule,
            self.rule.spec(),
            self.rule.summary(),
            self.status,
            self.method,
            self.path(),
        )
    }
}

/// The violations found at head time, attached to the response's extensions (also to a reject
/// response) whenever there is at least one. Violations found at stream time cannot be attached:
/// the head has already gone.
///
/// # Example
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower::{service_fn, ServiceExt};
/// use tower_status_conformance::{Action, Rule, StatusConformanceLayer, Violations};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
///
/// let service = StatusConformanceLayer::observe().layer(service_fn(|_req: Request<String>| async {
///     let res = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED).body(String::new());
///     Ok::<_, std::convert::Infallible>(res.unwrap())
/// }));
/// # use tower::Layer as _;
/// let res = service.oneshot(Request::post("/items").body(String::new()).unwrap()).await.unwrap();
///
/// let violations = res.extensions().get::<Violations>().unwrap();
/// assert!(violations.contains(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW));
/// let first = violations.iter().next().unwrap();
/// assert_eq!(first.action(), Action::Log);
/// assert_eq!(first.path(), "/items");
/// # }
/// ```
#[derive(Clone, Debug, Default)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    pub(crate) fn push(&mut self, violation: Violation) {
        self.list.push(violation);
    }

    /// The violations, in registry order of their rules.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.list.iter()
    }

    /// Whether one of them breaks `rule`.
    #[must_use]
    pub fn contains(&self, rule: Rule) -> bool {
        self.list.iter().any(|violation| violation.rule == rule)
    }

    /// How many there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}
