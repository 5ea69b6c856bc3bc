//! [`Collector`]: every violation of a test run, for one assertion at the end and a report.

use std::{
    collections::BTreeMap,
    fmt::{self, Write as _},
    sync::{Arc, Mutex, PoisonError},
};

use http::Version;

use crate::{
    evidence::{FailedRequest, Recorded},
    Culprit, OnViolation, Requirement, Rule, Stage, Violation,
};

mod junit;
mod rollup;

pub use self::rollup::{RolledUp, RuleGroup};

/// Collects every reported violation, for a test suite's single assertion at the end.
///
/// Pass it to [`on_violation`](crate::StatusConformanceLayer::on_violation) (with
/// [`observe`](crate::StatusConformanceLayer::observe), so that responses stay as they are),
/// send the requests — through `oneshot` or to a real server in the same process, where a
/// [`strict`](crate::StatusConformanceLayer::strict) panic would only drop the connection —
/// then call [`assert_conforming`](Self::assert_conforming). Cheap to clone (clones share the
/// list) and usable from any thread.
///
/// # Example
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower::{service_fn, Layer, ServiceExt};
/// use tower_status_conformance::{Collector, StatusConformanceLayer};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
///
/// let collector = Collector::new();
/// let layer = StatusConformanceLayer::observe().on_violation(collector.clone());
/// let service = layer.layer(service_fn(|_: Request<String>| async {
///     let response = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED);
///     Ok::<_, std::convert::Infallible>(response.body(String::new()).unwrap())
/// }));
/// service.oneshot(Request::post("/items").body(String::new()).unwrap()).await.unwrap();
///
/// let report = collector.report();
/// assert_eq!(report.len(), 1);
/// assert!(report.to_string().contains("method-not-allowed-without-allow"));
/// assert!(report.to_json().starts_with("{\"requests\":null,\"violations\":"));
/// # }
/// ```
///
/// # Memory
///
/// What arrives is counted into its group (culprit, rule, route), so memory grows with the
/// groups, not with the findings — and at most [`MAX_GROUPS`](Self::MAX_GROUPS) groups are
/// kept: a finding whose group would be past them is counted in its rule's group without a
/// route, and the report says how many were ([`Report::unrouted`]). Of the requests that got
/// no complete response ([`on_failure`](Self::on_failure)), all are counted and the first
/// [`FAILURES_KEPT`](Self::FAILURES_KEPT) kept.
#[derive(Clone, Default)]
pub struct Collector {
    seen: Arc<Mutex<Seen>>,
    /// Whether a finding without a route is grouped under its path's template.
    infer_routes: bool,
}

/// What a collector saw.
#[derive(Default)]
struct Seen {
    groups: Groups,
    /// Findings counted without their route, their own group past `MAX_GROUPS`.
    unrouted: usize,
    /// The first `FAILURES_KEPT` requests that got no complete response.
    failures: Vec<FailedRequest>,
    /// All of them.
    failed: usize,
}

impl Collector {
    /// The most groups a collector keeps (see [Memory](Self#memory)).
    pub const MAX_GROUPS: usize = 10_000;

    /// The most failed requests a collector keeps as examples; it counts them all.
    pub const FAILURES_KEPT: usize = 20;

    /// An empty collector.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Groups a finding whose response named no [`Route`](crate::Route) under its path's
    /// template ([`Route::inferred`](crate::Route::inferred)), as for traffic that no router
    /// served (a proxy): the template is worked out only for a finding, not for every
    /// response. Clones made afterwards do the same.
    ///
    /// ```
    /// use http::{Request, Response, StatusCode};
    /// use tower::{service_fn, Layer, ServiceExt};
    /// use tower_status_conformance::{Collector, StatusConformanceLayer};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    ///
    /// let collector = Collector::new().inferring_routes();
    /// let layer = StatusConformanceLayer::observe().on_violation(collector.clone());
    /// let service = layer.layer(service_fn(|_: Request<String>| async {
    ///     let response = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED);
    ///     Ok::<_, std::convert::Infallible>(response.body(String::new()).unwrap())
    /// }));
    /// for id in [7, 8] {
    ///     let request = Request::delete(format!("/items/{id}")).body(String::new()).unwrap();
    ///     service.clone().oneshot(request).await.unwrap();
    /// }
    /// let report = collector.report();
    /// assert_eq!(report.len(), 1);
    /// assert_eq!(report.groups().next().unwrap().route(), Some("/items/{}"));
    /// # }
    /// ```
    #[must_use]
    pub fn inferring_routes(mut self) -> Self {
        self.infer_routes = true;
        self
    }

    /// The violations collected so far, grouped by rule and route.
    #[must_use]
    pub fn report(&self) -> Report {
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        // The handlers' groups first, then the framework's (`None` sorts before `Some`).
        Report {
            groups: seen.groups.values().cloned().collect(),
            unrouted: seen.unrouted,
            requests: None,
            sweep: false,
            documented: false,
            safe_only: false,
            failures: seen.failures.clone(),
            failed: seen.failed,
            inconclusive: Vec::new(),
            interrupted: false,
            hints: Vec::new(),
            exchanges: Vec::new(),
        }
    }

    /// Panics with the [`report`](Self::report) when any violation was collected.
    ///
    /// # Panics
    ///
    /// When a violation was collected; the message is the report's text.
    #[track_caller]
    pub fn assert_conforming(&self) {
        let report = self.report();
        assert!(report.is_empty(), "{report}");
    }

    /// Counts a request that got no complete response — one a proxy's upstream reset, left
    /// unanswered past its timeout, or whose content it cut short — and keeps it as an example
    /// when fewer than [`FAILURES_KEPT`](Self::FAILURES_KEPT) are. The report is then not
    /// [empty](Report::is_empty) ([`Report::failed`], [`Report::failures`]).
    ///
    /// ```
    /// use http::{Method, Version};
    /// use tower_status_conformance::{Collector, FailedRequest};
    ///
    /// let collector = Collector::new();
    /// for _ in 0..25 {
    ///     let failed = FailedRequest::new(Method::GET, "/items", Version::HTTP_11, "connection reset");
    ///     collector.on_failure(failed);
    /// }
    /// let report = collector.report();
    /// assert_eq!(report.failed(), 25);
    /// assert_eq!(report.failures().len(), Collector::FAILURES_KEPT);
    /// assert!(report.to_string().contains("25 request(s) got no complete response"));
    /// assert!(report.to_string().contains("and 5 more"));
    /// ```
    pub fn on_failure(&self, failed: FailedRequest) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.failed += 1;
        if seen.failures.len() < Self::FAILURES_KEPT {
            seen.failures.push(failed);
        }
    }

    /// Forgets what was collected.
    pub fn clear(&self) {
        *self.seen.lock().unwrap_or_else(PoisonError::into_inner) = Seen::default();
    }
}

impl Report {
    /// A report of nothing, counting nothing.
    #[cfg(feature = "har")]
    pub(crate) fn empty() -> Self {
        Collector::new().report()
    }
}

/// A collector's groups, in report order: by culprit (the handlers' first), rule and route.
type Groups = BTreeMap<(Option<Culprit>, Rule, Option<crate::Route>), ReportGroup>;

impl OnViolation for Collector {
    fn on_violation(&self, violation: &Violation) {
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let seen = &mut *seen;
        let route = match violation.route_handle() {
            Some(route) => Some(route.clone()),
            None if self.infer_routes => Some(crate::Route::inferred(violation.path())),
            None => None,
        };
        let mut key = (violation.culprit(), violation.rule(), route);
        if key.2.is_some()
            && seen.groups.len() >= Self::MAX_GROUPS
            && !seen.groups.contains_key(&key)
        {
            key.2 = None;
            seen.unrouted += 1;
        }
        match seen.groups.get_mut(&key) {
            Some(group) => {
                group.count += 1;
                if telling(violation.version()) > telling(group.example.version()) {
                    group.example = violation.clone();
                }
            }
            None => {
                let group = ReportGroup {
                    rule: violation.rule(),
                    route: key.2.as_ref().map(|route| route.as_str().to_owned()),
                    count: 1,
                    example: violation.clone(),
                };
                seen.groups.insert(key, group);
            }
        }
    }
}

impl fmt::Debug for Collector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        f.debug_struct("Collector")
            .field(
                "violations",
                &seen.groups.values().map(|group| group.count).sum::<usize>(),
            )
            .field("groups", &seen.groups.len())
            .field("failed", &seen.failed)
            .finish()
    }
}

/// The violations a [`Collector`] saw, grouped by rule and route, in registry order.
///
/// `Display` gives the text a failing test prints; [`to_json`](Self::to_json) the same report
/// for CI to keep. Neither contains a header value, a body byte or a query string — unless a
/// sweep was told to record its exchanges as evidence ([`Sweep::record`]).
///
/// [`Sweep::record`]: crate::sweep::Sweep::record
#[derive(Clone, Debug)]
pub struct Report {
    groups: Vec<ReportGroup>,
    /// Findings counted in their rule's group without their route (past `MAX_GROUPS`).
    unrouted: usize,
    /// Requests a sweep sent, or exchanges a collector's report covers; `None` when unknown.
    requests: Option<usize>,
    /// Whether a sweep made the report (`requests` counts what it sent).
    sweep: bool,
    /// Whether the OpenAPI lint made the report (`requests` counts the documented responses).
    documented: bool,
    /// Whether the sweep sent only safe methods.
    safe_only: bool,
    /// Requests that got no complete response: all of a sweep's, the first of a collector's.
    failures: Vec<FailedRequest>,
    /// How many requests got no complete response.
    failed: usize,
    /// Answers of a sweep that no comparison was drawn from (a 429 or a 503).
    inconclusive: Vec<String>,
    /// Whether the sweep was stopped before it sent every request.
    interrupted: bool,
    /// What a sweep left unchecked that the server advertised.
    hints: Vec<String>,
    /// Every exchange of a sweep that records them ([`Sweep::record`]).
    ///
    /// [`Sweep::record`]: crate::sweep::Sweep::record
    exchanges: Vec<Recorded>,
}

/// One rule broken on one route, in a [`Report`]: how often, and the first exchange that broke
/// it.
#[derive(Clone, Debug)]
pub struct ReportGroup {
    rule: Rule,
    route: Option<String>,
    count: usize,
    example: Violation,
}

impl ReportGroup {
    /// The rule.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The route (for a sweep, the target's path), when known.
    #[must_use]
    pub fn route(&self) -> Option<&str> {
        self.route.as_deref()
    }

    /// How many violations of the rule on the route were collected.
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }

    /// The most telling of them: the first in HTTP/1.1 (what a user reproduces with `curl`),
    /// else the first in HTTP/2, in HTTP/3, in HTTP/1.0.
    #[must_use]
    pub fn example(&self) -> &Violation {
        &self.example
    }

    /// The component, not the application's handlers, that caused every violation of the
    /// group (see [`Culprit`]); `None` for the handlers' own.
    #[must_use]
    pub fn culprit(&self) -> Option<Culprit> {
        self.example.culprit()
    }
}

impl Report {
    /// The groups, in registry order of their rules, then by route.
    pub fn groups(&self) -> impl Iterator<Item = &ReportGroup> {
        self.groups.iter()
    }

    /// Whether nothing was collected: no violation, and no request of a sweep failed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.failed == 0
    }

    /// How many requests the [sweep](crate::sweep::Sweep) that made this report sent, or how
    /// many exchanges it covers when set by [`with_exchanges`](Self::with_exchanges) (a
    /// capture's, a proxy's); `None` for a [`Collector`]'s report otherwise.
    #[must_use]
    pub fn requests(&self) -> Option<usize> {
        self.requests
    }

    /// The report, saying that it covers `exchanges` exchanges ([`requests`](Self::requests),
    /// `requests` in JSON, a first line in text): for a [`Collector`] that watched a known
    /// number of responses, so that a report of nothing checked is not read as a clean one.
    ///
    /// ```
    /// use tower_status_conformance::Collector;
    ///
    /// let report = Collector::new().report().with_exchanges(3);
    /// assert_eq!(report.requests(), Some(3));
    /// assert!(report.to_string().starts_with("3 exchange(s) checked\n"));
    /// assert!(report.to_json().starts_with("{\"requests\":3,\"violations\":"));
    /// ```
    #[must_use]
    pub fn with_exchanges(mut self, exchanges: usize) -> Self {
        self.requests = Some(exchanges);
        self.sweep = false;
        self
    }

    /// Whether the [sweep](crate::sweep::Sweep) that made this report sent only safe methods
    /// (its default: see [`Sweep::unsafe_methods`](crate::sweep::Sweep::unsafe_methods));
    /// `false` for a [`Collector`]'s report.
    #[must_use]
    pub fn safe_only(&self) -> bool {
        self.safe_only
    }

    /// The report of the OpenAPI lint, covering `responses` documented responses:
    /// `documented_responses` in JSON, a first line in text, and one line per finding.
    #[cfg(feature = "openapi")]
    pub(crate) fn with_documented_responses(mut self, responses: usize) -> Self {
        self.requests = Some(responses);
        self.sweep = false;
        self.documented = true;
        self
    }

    /// Whether the OpenAPI lint made the report: its route is each finding's JSON pointer, and
    /// its count ([`requests`](Self::requests)) the documented responses judged.
    #[must_use]
    pub fn documented(&self) -> bool {
        self.documented
    }

    pub(crate) fn with_requests(mut self, requests: usize, safe_only: bool) -> Self {
        self.requests = Some(requests);
        self.safe_only = safe_only;
        self.sweep = true;
        self
    }

    pub(crate) fn with_failures(mut self, failures: Vec<FailedRequest>) -> Self {
        self.failed = failures.len();
        self.failures = failures;
        self
    }

    /// The report without the groups a framework caused ([`ReportGroup::culprit`]): what the
    /// handlers (and the layers the application added) are to fix. Requests that failed stay.
    ///
    /// ```
    /// use tower_status_conformance::Collector;
    ///
    /// let report = Collector::new().report();
    /// assert!(report.excluding_framework().is_empty());
    /// ```
    #[must_use]
    pub fn excluding_framework(&self) -> Self {
        Self {
            groups: self
                .groups
                .iter()
                .filter(|group| group.culprit().is_none())
                .cloned()
                .collect(),
            unrouted: self.unrouted,
            requests: self.requests,
            sweep: self.sweep,
            documented: self.documented,
            safe_only: self.safe_only,
            failures: self.failures.clone(),
            failed: self.failed,
            inconclusive: self.inconclusive.clone(),
            interrupted: self.interrupted,
            hints: self.hints.clone(),
            exchanges: self.exchanges.clone(),
        }
    }

    /// The answers of a [sweep](crate::sweep) that it drew no comparison from, one line each
    /// (`GET /search HTTP/1.1 got 429 Too Many Requests`): a 429 or a 503 says that the server
    /// did not answer the request for what it is, so comparing it with the target's other
    /// answers would judge the rate limit, not the resource. The single-exchange rules still
    /// judge it. Empty for a collector's report.
    #[must_use]
    pub fn inconclusive(&self) -> &[String] {
        &self.inconclusive
    }

    /// Whether the [sweep](crate::sweep) was stopped before it sent every request
    /// ([`Sweep::run_until`](crate::sweep::Sweep::run_until)): the report is of what was
    /// answered until then.
    #[must_use]
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }

    /// The exchanges of a sweep that records them ([`Sweep::record`]), target by target in
    /// the order the targets were given, each target's in the order sent (whatever the
    /// sweep's [concurrency](crate::sweep::Sweep::concurrency)): each finding's
    /// [`Violation::exchange`] is an index here. Empty otherwise.
    ///
    /// [`Sweep::record`]: crate::sweep::Sweep::record
    #[must_use]
    pub fn exchanges(&self) -> &[Recorded] {
        &self.exchanges
    }

    pub(crate) fn with_exchanges_recorded(mut self, exchanges: Vec<Recorded>) -> Self {
        self.exchanges = exchanges;
        self
    }

    /// What a [sweep](crate::sweep) could not check, one line each: per target, the unsafe
    /// methods an `Allow` lists that a safe sweep did not send (send them to a test instance
    /// with [`Sweep::unsafe_methods`], or declare them with [`Target::methods`]), and a target
    /// whose GET never got a 2xx or 3xx (a path copied wrong sweeps next to nothing). Not
    /// findings.
    ///
    /// [`Sweep::unsafe_methods`]: crate::sweep::Sweep::unsafe_methods
    /// [`Target::methods`]: crate::sweep::Target::methods
    #[must_use]
    pub fn hints(&self) -> &[String] {
        &self.hints
    }

    pub(crate) fn with_hints(mut self, hints: Vec<String>) -> Self {
        self.hints = hints;
        self
    }

    pub(crate) fn with_interrupted(mut self, interrupted: bool) -> Self {
        self.interrupted = interrupted;
        self
    }

    pub(crate) fn with_inconclusive(mut self, inconclusive: Vec<String>) -> Self {
        self.inconclusive = inconclusive;
        self
    }

    /// The report with only the groups `keep` accepts: findings a team has accepted (a rule,
    /// a route, a culprit) taken out before an assertion or a verdict. Requests, failures and
    /// inconclusive answers are kept.
    ///
    /// ```
    /// use http::{Request, Response, StatusCode};
    /// use tower::{service_fn, Layer, ServiceExt};
    /// use tower_status_conformance::{Collector, Rule, StatusConformanceLayer};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    /// let collector = Collector::new();
    /// let app = StatusConformanceLayer::observe()
    ///     .on_violation(collector.clone())
    ///     .layer(service_fn(|_: Request<String>| async {
    ///         let response = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED);
    ///         Ok::<_, std::convert::Infallible>(response.body(String::new()).unwrap())
    ///     }));
    /// app.oneshot(Request::delete("/vendor/x").body(String::new()).unwrap()).await.unwrap();
    /// let report = collector.report();
    /// assert_eq!(report.len(), 1);
    /// // A third-party service whose 405 has no `Allow`, accepted:
    /// let accepted = report.retain(|group| {
    ///     !(group.rule() == Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW
    ///         && group.example().path().starts_with("/vendor"))
    /// });
    /// assert!(accepted.is_empty());
    /// # }
    /// ```
    #[must_use]
    pub fn retain(&self, mut keep: impl FnMut(&ReportGroup) -> bool) -> Self {
        Self {
            groups: self
                .groups
                .iter()
                .filter(|group| keep(group))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The requests that got no complete response (the service or the body failed them): all
    /// of a [sweep](crate::sweep)'s, in the order sent; the first
    /// [`Collector::FAILURES_KEPT`] a collector was told of ([`Collector::on_failure`]).
    #[must_use]
    pub fn failures(&self) -> &[FailedRequest] {
        &self.failures
    }

    /// How many requests got no complete response: [`failures`](Self::failures)' length, or
    /// more when a collector kept only the first of them.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// How many findings are counted in their rule's group without their route, because the
    /// collector already held [`Collector::MAX_GROUPS`] groups; 0 almost always.
    #[must_use]
    pub fn unrouted(&self) -> usize {
        self.unrouted
    }

    /// The number of (rule, route) groups.
    #[must_use]
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// The report as one JSON object: `{"requests", "violations": [{"rule", "requirement",
    /// "spec", "url", "summary", "route", "count", "culprit", "example": {"method", "path",
    /// "version", "status", "fields": [{"name", "present"}], "detail"}}]}`. `requests` is the
    /// number a sweep sent or the exchanges covered ([`Report::requests`]; `null` when
    /// unknown), followed for a sweep by `safe_only` ([`Report::safe_only`]) and `interrupted`
    /// ([`Report::interrupted`]); `route` is `null` when unknown; `culprit`
    /// is `{"component", "what"}` for a violation the framework caused ([`Culprit`]), `null`
    /// for the handlers' own, which come first; `fields` are the response fields the rule is
    /// about ([`Rule::fields`]), each present or missing; `detail` is what a sweep rule found
    /// different, or which of a sweep's requests a single-exchange rule broke on
    /// ([`Violation::detail`]), `null` otherwise. `rules` rolls the groups up by rule ([`Report::by_rule`]): `[{"rule", "requirement", "count",
    /// "framework", "routes"}]`, the most severe first. `counts` gives the findings
    /// (each group's `count`) per requirement level: `{"must", "should", "advisory"}`.
    /// `"unrouted": N` follows when findings were counted without their route
    /// ([`Report::unrouted`]). When a request got no complete response, `"failed": N` (how
    /// many, [`Report::failed`]) and `"failures": [{"method", "path", "version", "error"}]`
    /// (those kept, see [`Report::failures`]) follow; when a sweep drew no comparison from some answers,
    /// an `"inconclusive": ["…"]` member (see [`Report::inconclusive`]). A sweep that records
    /// its exchanges adds `"exchanges"` (see [`Report::exchanges`]: `{"method", "target",
    /// "version", "request_headers", "status", "response_headers", "length", "error"}`, fields
    /// as `[name, value]`), and each example's `exchange` is an index in it (`null` otherwise).
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut json = match self.requests {
            Some(responses) if self.documented => {
                format!("{{\"documented_responses\":{responses},\"violations\":[")
            }
            Some(requests) if !self.sweep => format!("{{\"requests\":{requests},\"violations\":["),
            Some(requests) => format!(
                "{{\"requests\":{requests},\"safe_only\":{},\"interrupted\":{},\"violations\":[",
                self.safe_only, self.interrupted
            ),
            None => String::from("{\"requests\":null,\"violations\":["),
        };
        for (i, group) in self.groups.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            let rule = group.rule;
            let example = &group.example;
            let _ = write!(
                json,
                "{{\"rule\":{},\"requirement\":{},\"spec\":{},\"url\":{},\"summary\":{},\"route\":{},\"count\":{},\"culprit\":{},\"example\":{{\"method\":{},\"path\":{},\"version\":{},\"status\":{},\"fields\":[",
                string(rule.id()),
                string(rule.requirement().as_str()),
                string(rule.spec()),
                string(rule.spec_url()),
                string(rule.summary()),
                group.route.as_deref().map_or_else(|| "null".to_owned(), string),
                group.count,
                group.culprit().map_or_else(
                    || "null".to_owned(),
                    |culprit| format!(
                        "{{\"component\":{},\"what\":{}}}",
                        string(culprit.component()),
                        string(culprit.what())
                    )
                ),
                string(example.method().as_str()),
                string(example.path()),
                version(example),
                example.status().as_u16(),
            );
            for (j, (field, present)) in example.fields().enumerate() {
                if j > 0 {
                    json.push(',');
                }
                let _ = write!(json, "{{\"name\":{},\"present\":{present}}}", string(field));
            }
            let detail = example.detail().map_or_else(|| "null".to_owned(), string);
            let exchange = example
                .exchange()
                .map_or_else(|| "null".to_owned(), |index| index.to_string());
            let _ = write!(json, "],\"detail\":{detail},\"exchange\":{exchange}}}}}");
        }
        json.push(']');
        let count = |level: Requirement| -> usize {
            self.groups
                .iter()
                .filter(|group| group.rule.requirement() == level)
                .map(|group| group.count)
                .sum()
        };
        json.push_str(",\"rules\":[");
        for (i, rolled) in self.by_rule().iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            let _ = write!(
                json,
                "{{\"rule\":{},\"requirement\":{},\"count\":{},\"framework\":{},\"routes\":[",
                string(rolled.rule().id()),
                string(rolled.rule().requirement().as_str()),
                rolled.count(),
                rolled.culprit().is_some(),
            );
            for (j, route) in rolled.routes().enumerate() {
                if j > 0 {
                    json.push(',');
                }
                json.push_str(&string(route));
            }
            json.push_str("]}");
        }
        json.push(']');
        let _ = write!(
            json,
            ",\"counts\":{{\"must\":{},\"should\":{},\"advisory\":{}}}",
            count(Requirement::Must),
            count(Requirement::Should),
            count(Requirement::Advisory)
        );
        if self.unrouted > 0 {
            let _ = write!(json, ",\"unrouted\":{}", self.unrouted);
        }
        if self.failed > 0 {
            let _ = write!(json, ",\"failed\":{}", self.failed);
            json.push_str(",\"failures\":[");
            for (i, failed) in self.failures.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                let _ = write!(
                    json,
                    "{{\"method\":{},\"path\":{},\"version\":{},\"error\":{}}}",
                    string(failed.method().as_str()),
                    string(failed.target()),
                    string(&format!("{:?}", failed.version())),
                    string(failed.error()),
                );
            }
            json.push(']');
        }
        if !self.exchanges.is_empty() {
            json.push_str(",\"exchanges\":[");
            for (i, recorded) in self.exchanges.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                write_recorded(&mut json, recorded);
            }
            json.push(']');
        }
        if !self.inconclusive.is_empty() {
            json.push_str(",\"inconclusive\":[");
            for (i, line) in self.inconclusive.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                json.push_str(&string(line));
            }
            json.push(']');
        }
        json.push('}');
        json
    }
}

/// One recorded exchange as JSON: `{"method", "target", "version", "request_headers",
/// "status", "response_headers", "length", "error"}`, header fields as `[name, value]` pairs
/// (values as text, octets above 0x7F replaced).
fn write_recorded(json: &mut String, recorded: &Recorded) {
    let fields = |json: &mut String, headers: &http::HeaderMap| {
        json.push('[');
        for (i, (name, value)) in headers.iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            let value = String::from_utf8_lossy(value.as_bytes());
            let _ = write!(json, "[{},{}]", string(name.as_str()), string(&value));
        }
        json.push(']');
    };
    let _ = write!(
        json,
        "{{\"method\":{},\"target\":{},\"version\":{},\"request_headers\":",
        string(recorded.method().as_str()),
        string(recorded.target()),
        string(&format!("{:?}", recorded.version())),
    );
    fields(json, recorded.request_headers());
    match recorded.status() {
        Some(status) => {
            let _ = write!(
                json,
                ",\"status\":{},\"response_headers\":",
                status.as_u16()
            );
        }
        None => json.push_str(",\"status\":null,\"response_headers\":"),
    }
    match recorded.response_headers() {
        Some(headers) => fields(json, headers),
        None => json.push_str("null"),
    }
    let length = recorded
        .length()
        .map_or_else(|| "null".to_owned(), |length| length.to_string());
    let error = recorded.error().map_or_else(|| "null".to_owned(), string);
    let _ = write!(json, ",\"length\":{length},\"error\":{error}}}");
}

/// A JSON string literal.
fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of a report entry after its example: what the finding's detail says (a sweep
/// rule what differed, `found:`; a single-exchange rule which request it was, `sent:`) and
/// the component that caused it.
fn write_detail_and_culprit(f: &mut fmt::Formatter<'_>, example: &Violation) -> fmt::Result {
    if let Some(detail) = example.detail() {
        let label = if example.stage() == Stage::Sweep {
            "found"
        } else {
            "sent"
        };
        writeln!(f, "  {label}: {detail}")?;
    }
    if let Some(culprit) = example.culprit() {
        writeln!(f, "  culprit: {culprit}")?;
    }
    Ok(())
}

/// The version of an example as the text report shows it: `HTTP/1.1`, or `(documented)` for
/// a finding of the OpenAPI lint, which saw no exchange.
pub(crate) fn shown_version(example: &Violation) -> String {
    if example.stage() == Stage::Document {
        "(documented)".to_owned()
    } else {
        format!("{:?}", example.version())
    }
}

/// The version of an example in JSON: `"HTTP/1.1"`, or `null` for a documented response.
fn version(example: &Violation) -> String {
    if example.stage() == Stage::Document {
        "null".to_owned()
    } else {
        string(&format!("{:?}", example.version()))
    }
}

/// How telling an example in `version` is: HTTP/1.1 most (what a user reproduces with
/// `curl`), then HTTP/2 and HTTP/3, HTTP/1.0 least (few clients still send it).
pub(crate) fn telling(version: Version) -> u8 {
    match version {
        Version::HTTP_11 => 4,
        Version::HTTP_2 => 3,
        Version::HTTP_3 => 2,
        Version::HTTP_10 => 1,
        _ => 0,
    }
}

impl Report {
    /// What the report says before its groups: requests, failures, inconclusive answers; and
    /// `no status-code violation` when there is nothing else.
    fn write_preamble(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let (Some(responses), true) = (self.requests, self.documented) {
            writeln!(f, "{responses} documented response(s) checked")?;
        } else if let (Some(exchanges), false) = (self.requests, self.sweep) {
            writeln!(f, "{exchanges} exchange(s) checked")?;
        } else if let Some(requests) = self.requests {
            if self.interrupted {
                writeln!(
                    f,
                    "sweep interrupted: the report of what was answered until then"
                )?;
            }
            if self.safe_only {
                writeln!(
                    f,
                    "sweep: {requests} requests sent, safe methods only (no POST, PUT, PATCH or DELETE)"
                )?;
            } else {
                writeln!(f, "sweep: {requests} requests sent")?;
            }
        }
        if self.failed > 0 {
            writeln!(
                f,
                "{} request(s) got no complete response (each is a finding):",
                self.failed
            )?;
            for failed in &self.failures {
                writeln!(f, "  {failed}")?;
            }
            if self.failed > self.failures.len() {
                writeln!(f, "  … and {} more", self.failed - self.failures.len())?;
            }
            if !self.groups.is_empty() {
                writeln!(f)?;
            }
        }
        if !self.inconclusive.is_empty() {
            writeln!(
                f,
                "{} answer(s) rate-limited or unavailable, compared with nothing (not a finding; sweep again with the limit off):",
                self.inconclusive.len()
            )?;
            for line in &self.inconclusive {
                writeln!(f, "  {line}")?;
            }
        }
        if self.unrouted > 0 {
            writeln!(
                f,
                "{} finding(s) counted under their rule without their route: more than {} (rule, route) groups",
                self.unrouted,
                Collector::MAX_GROUPS
            )?;
        }
        if self.groups.is_empty() && self.failed == 0 {
            f.write_str("no status-code violation")?;
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_preamble(f)?;
        if self.groups.is_empty() {
            return Ok(());
        }
        let total: usize = self.groups.iter().map(|group| group.count).sum();
        writeln!(
            f,
            "{total} status-code violation(s) in {} group(s):",
            self.groups.len()
        )?;
        let mut framework_heading = false;
        for group in &self.groups {
            let rule = group.rule;
            let example = &group.example;
            if group.culprit().is_some() && !framework_heading {
                framework_heading = true;
                writeln!(
                    f,
                    "\ncaused by the framework, not by the handlers (see each `culprit`):"
                )?;
            }
            writeln!(
                f,
                "\n`{}` ({}, {} {}) on {}: {} time(s)\n  {}\n  e.g. {} {} {} -> {}",
                rule,
                rule.requirement(),
                rule.spec(),
                rule.spec_url(),
                group.route.as_deref().unwrap_or("(no route)"),
                group.count,
                rule.summary(),
                example.method(),
                example.path(),
                shown_version(example),
                example.status(),
            )?;
            let fields: Vec<String> = example
                .fields()
                .map(|(field, present)| {
                    if present {
                        field.to_owned()
                    } else {
                        format!("{field} (absent)")
                    }
                })
                .collect();
            if !fields.is_empty() {
                writeln!(f, "  fields: {}", fields.join(", "))?;
            }
            write_detail_and_culprit(f, example)?;
        }
        Ok(())
    }
}
