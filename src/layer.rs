//! [`StatusConformanceLayer`]: presets and builder.

use std::{fmt, sync::Arc};

use http::HeaderValue;
use tower_layer::Layer;
use tracing::Level;

use crate::{
    facts::Capture,
    findings::Judged,
    log_limit::LogLimiter,
    shared::{Hook, RejectWith, Shared, SkipIf},
    suppliers::Suppliers,
    Action, DefaultResponseForViolation, OnViolation, ResponseForViolation, Rule, Scope,
    StatusConformance, Violation, Wire,
};

/// Events per rule per second before the rest are suppressed (see
/// [`StatusConformanceLayer::log_limit`]).
const DEFAULT_LOG_LIMIT: u32 = 5;

/// Layer that applies [`StatusConformance`], which checks every response against the
/// status-code rules and logs, repairs or rejects each violation.
///
/// Start from a preset — [`new`](Self::new) (each rule's declared default),
/// [`observe`](Self::observe) (log only) or [`strict`](Self::strict) (panic, for tests) — and
/// adjust. Per-rule settings win over [`default_action`](Self::default_action), whatever the
/// order of the calls.
///
/// # Example
///
/// ```
/// use tower_status_conformance::{Action, Rule, StatusConformanceLayer};
///
/// let layer = StatusConformanceLayer::new()
///     .action(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD, Action::Repair)
///     .level(tracing::Level::ERROR);
/// assert_eq!(layer.action_for(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD), Action::Repair);
/// assert_eq!(layer.action_for(Rule::STATUS_OUT_OF_RANGE), Action::Reject);
///
/// let strict = StatusConformanceLayer::strict().action(Rule::STATUS_OUT_OF_RANGE, Action::Allow);
/// assert_eq!(strict.action_for(Rule::STATUS_OUT_OF_RANGE), Action::Allow);
/// assert_eq!(strict.action_for(Rule::NO_CONTENT_WITH_BODY), Action::Panic);
/// ```
///
/// The layer has no type parameters: the hook and the reject builder are kept behind shared
/// pointers, because they run only when a violation is found (one dynamic call each), and a
/// layer and service whose type does not change with them can be stored and named freely.
#[derive(Clone)]
#[must_use]
pub struct StatusConformanceLayer {
    overrides: [Option<Action>; Rule::COUNT],
    default_action: Option<Action>,
    level: Level,
    rule_levels: [Option<Level>; Rule::COUNT],
    log_limit: Arc<LogLimiter>,
    placement_warned: Arc<std::sync::atomic::AtomicBool>,
    log_query: bool,
    route_label: bool,
    on_violation: Hook,
    reject_with: RejectWith,
    suppliers: Suppliers,
    skip_if: Option<SkipIf>,
    wire: Wire,
    #[cfg(feature = "openapi")]
    contract: Option<Arc<crate::rules::contract::Contract>>,
}

impl StatusConformanceLayer {
    /// Each rule takes its declared default action ([`Rule::default_action`]): `Repair` where a
    /// lossless repair exists, `Reject` where the response cannot work for the client as sent,
    /// `Log` otherwise. Events are emitted at `WARN`.
    pub fn new() -> Self {
        Self {
            overrides: [None; Rule::COUNT],
            default_action: None,
            level: Level::WARN,
            rule_levels: [None; Rule::COUNT],
            placement_warned: Arc::default(),
            log_limit: Arc::new(LogLimiter::new(DEFAULT_LOG_LIMIT)),
            log_query: false,
            route_label: false,
            on_violation: Arc::new(()),
            reject_with: Arc::new(DefaultResponseForViolation),
            suppliers: Suppliers::default(),
            skip_if: None,
            wire: Wire::Hyper,
            #[cfg(feature = "openapi")]
            contract: None,
        }
    }

    /// Every rule that is on by default is `Log`: events and hooks only, nothing on the wire
    /// changes. The safe way to roll the layer out. Opt-in rules ([`Rule::is_opt_in`]) stay off.
    pub fn observe() -> Self {
        Self::new().default_action(Action::Log)
    }

    /// Every rule that is on by default is `Panic`: for tests, so that a handler that breaks a
    /// rule fails the test with a message naming the rule id, its section, the status, the
    /// method and the path. Opt-in rules ([`Rule::is_opt_in`]) stay off unless set with
    /// [`action`](Self::action). A test request is HTTP/1.1 unless it says otherwise, and over
    /// HTTP/1.x hyper hides some handler defects that it sends over HTTP/2 (see [`Wire`]): add
    /// `.wire(Wire::Received)` to fail on what the handler wrote whatever the version.
    pub fn strict() -> Self {
        Self::new().default_action(Action::Panic)
    }
}

impl Default for StatusConformanceLayer {
    fn default() -> Self {
        Self::new()
    }
}

impl StatusConformanceLayer {
    /// Sets the action for one rule. Wins over [`default_action`](Self::default_action).
    pub fn action(mut self, rule: Rule, action: Action) -> Self {
        self.overrides[rule.index()] = Some(action);
        self
    }

    /// Sets the action for every rule that is on by default and not set with
    /// [`action`](Self::action), replacing the rules' declared defaults. Opt-in rules
    /// ([`Rule::is_opt_in`]) stay off. `Repair` on a rule without a repair logs instead.
    pub fn default_action(mut self, action: Action) -> Self {
        self.default_action = Some(action);
        self
    }

    /// The action this layer takes for `rule`.
    #[must_use]
    pub fn action_for(&self, rule: Rule) -> Action {
        let default = self.default_action.filter(|_| !rule.is_opt_in());
        self.overrides[rule.index()]
            .or(default)
            .unwrap_or_else(|| rule.default_action())
    }

    /// How many events per rule and per second go to `tracing` before the rest are suppressed.
    /// Defaults to 5.
    ///
    /// The policy: each rule has a budget of `per_second` events in each one-second window
    /// (windows count from this call, or from [`new`](StatusConformanceLayer::new)), shared by
    /// every service this layer wraps — with axum's `Router::layer`, by every route. Violations beyond
    /// it still reach the [`on_violation`](Self::on_violation) hook, the counters and the
    /// `Violations` extension — only the log line is dropped — and the next event that goes out
    /// for that rule carries `suppressed = <how many were dropped since the previous one>`.
    /// A violation whose action is `Panic` is always logged. `u32::MAX` logs every violation;
    /// `0` logs none.
    ///
    /// ```
    /// use tower_status_conformance::StatusConformanceLayer;
    ///
    /// let layer = StatusConformanceLayer::new().log_limit(1);
    /// # let _ = layer;
    /// ```
    pub fn log_limit(mut self, per_second: u32) -> Self {
        self.log_limit = Arc::new(LogLimiter::new(per_second));
        self
    }

    /// Adds the request's query string to the events as `url.query`. Off by default: queries
    /// often carry tokens and personal data.
    pub fn log_query(mut self, log_query: bool) -> Self {
        self.log_query = log_query;
        self
    }

    /// Adds the route template ([`Route`](crate::Route)) as a `route` label on the
    /// `http_status_conformance_violations_total` counter of the `metrics` feature. Off by
    /// default: a label multiplies the series. Route templates are bounded by the router; the
    /// raw path never becomes a label.
    pub fn route_label(mut self, route_label: bool) -> Self {
        self.route_label = route_label;
        self
    }

    /// The level of the `tracing` event emitted per violation. Defaults to [`Level::WARN`].
    ///
    /// One finding is logged at `DEBUG` instead, unless [`rule_level`](Self::rule_level) sets
    /// its rule: a `Content-Length: 0` on an empty response that must not have one (axum adds
    /// it to every empty 204), when the action repairs it. The framework wrote it, the
    /// application cannot remove it, and the repair is lossless, so nothing wrong reaches the
    /// client; the violation is still counted and passed to the hook.
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Which encoder the responses go through (default [`Wire::Hyper`]): the defects hyper
    /// removes on the way out are not reported under it. [`Wire::Received`] for a server that
    /// is not built on hyper, where every field reaches the client as the service wrote it.
    pub fn wire(mut self, wire: Wire) -> Self {
        self.wire = wire;
        self
    }

    /// Judges every response against the contract of an API document too (the `openapi`
    /// feature): `undocumented-status` and `documented-method-refused`, with the actions this
    /// layer gives them (`Log` by default; `strict()` panics, for tests). Without a contract
    /// neither rule is checked, and nothing of it is paid.
    ///
    /// ```
    /// use http::{Request, Response, StatusCode};
    /// use tower::{service_fn, Layer, ServiceExt};
    /// use tower_status_conformance::{openapi::Document, Rule, StatusConformanceLayer, Violations};
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() {
    ///
    /// let document = Document::from_json(r#"{"openapi": "3.1.0", "paths": {
    ///     "/items/{id}": {"get": {"responses": {"200": {"description": "the item"}}}}
    /// }}"#).unwrap();
    /// let layer = StatusConformanceLayer::observe().contract(document.contract());
    /// let service = layer.layer(service_fn(|_req: Request<String>| async {
    ///     let res = Response::builder().status(StatusCode::IM_A_TEAPOT).body(String::new());
    ///     Ok::<_, std::convert::Infallible>(res.unwrap())
    /// }));
    /// let request = Request::get("/items/7").body(String::new()).unwrap();
    /// let response = service.oneshot(request).await.unwrap();
    /// let found = response.extensions().get::<Violations>().unwrap();
    /// assert!(found.contains(Rule::UNDOCUMENTED_STATUS));
    /// # }
    /// ```
    #[cfg(feature = "openapi")]
    pub fn contract(mut self, contract: crate::rules::contract::Contract) -> Self {
        self.contract = Some(Arc::new(contract));
        self
    }

    /// The wire this layer judges responses on.
    pub(crate) fn wire_model(&self) -> Wire {
        self.wire
    }

    /// The level of the events of one rule, whatever [`level`](Self::level) says.
    ///
    /// ```
    /// use tower_status_conformance::{Rule, StatusConformanceLayer};
    ///
    /// let layer = StatusConformanceLayer::new()
    ///     .rule_level(Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA, tracing::Level::DEBUG);
    /// # let _ = layer;
    /// ```
    pub fn rule_level(mut self, rule: Rule, level: Level) -> Self {
        self.rule_levels[rule.index()] = Some(level);
        self
    }

    /// Supplies the `Allow` header that repairs `method-not-allowed-without-allow`.
    ///
    /// The callback gets the violation (method, path, status) and returns the methods the
    /// target resource supports, or `None` to leave the response alone (the violation is then
    /// reported as `Log`). The same shape serves [`challenge`](Self::challenge),
    /// [`proxy_challenge`](Self::proxy_challenge),
    /// [`upgrade_protocols`](Self::upgrade_protocols) and [`accept_patch`](Self::accept_patch).
    ///
    /// ```
    /// use http::HeaderValue;
    /// use tower_status_conformance::{Rule, StatusConformanceLayer};
    ///
    /// let layer = StatusConformanceLayer::new().allow_methods(|violation| {
    ///     violation
    ///         .path()
    ///         .starts_with("/items")
    ///         .then(|| HeaderValue::from_static("GET, HEAD, PUT"))
    /// });
    /// assert!(layer.supplies(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW));
    /// ```
    pub fn allow_methods<F>(self, allow: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.supply(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, allow)
    }

    /// Supplies the `WWW-Authenticate` challenge that repairs `unauthorized-without-challenge`
    /// (see [`allow_methods`](Self::allow_methods)).
    pub fn challenge<F>(self, challenge: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.supply(Rule::UNAUTHORIZED_WITHOUT_CHALLENGE, challenge)
    }

    /// Supplies the `Proxy-Authenticate` challenge that repairs
    /// `proxy-auth-required-without-challenge` (see [`allow_methods`](Self::allow_methods)).
    pub fn proxy_challenge<F>(self, challenge: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.supply(Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE, challenge)
    }

    /// Supplies the `Upgrade` protocols that repair `upgrade-required-without-upgrade` (see
    /// [`allow_methods`](Self::allow_methods)).
    pub fn upgrade_protocols<F>(self, protocols: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.supply(Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE, protocols)
    }

    /// Supplies the `Accept-Patch` media types that repair
    /// `unsupported-media-type-patch-without-accept-patch` (see
    /// [`allow_methods`](Self::allow_methods)). That rule is `Log` by default: set it to
    /// `Repair` to use this.
    pub fn accept_patch<F>(self, media_types: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.supply(
            Rule::UNSUPPORTED_MEDIA_TYPE_PATCH_WITHOUT_ACCEPT_PATCH,
            media_types,
        )
    }

    /// Whether a header supplier is configured for `rule`.
    #[must_use]
    pub fn supplies(&self, rule: Rule) -> bool {
        self.suppliers.contains(rule)
    }

    fn supply<F>(mut self, rule: Rule, supplier: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.suppliers.set(rule, Arc::new(supplier));
        self
    }

    /// Turns on the opt-in method profile: `rest-unexpected-status-for-method` becomes `Log`
    /// (unless set with [`action`](Self::action)). It flags the success codes that the
    /// definitions of PUT and DELETE in RFC 9110 do not name; see
    /// [`Rule::REST_UNEXPECTED_STATUS_FOR_METHOD`] for the table.
    ///
    /// ```
    /// use tower_status_conformance::{Action, Rule, StatusConformanceLayer};
    ///
    /// let layer = StatusConformanceLayer::new().rest_profile();
    /// assert_eq!(layer.action_for(Rule::REST_UNEXPECTED_STATUS_FOR_METHOD), Action::Log);
    /// ```
    pub fn rest_profile(mut self) -> Self {
        let slot = &mut self.overrides[Rule::REST_UNEXPECTED_STATUS_FOR_METHOD.index()];
        slot.get_or_insert(Action::Log);
        self
    }

    /// Calls `on_violation` for every reported violation (see [`OnViolation`]), replacing the
    /// previous hook. `()`, the default, does nothing. To keep two hooks, pass a pair:
    /// `.on_violation((counter, hook))`.
    pub fn on_violation<V>(mut self, on_violation: V) -> Self
    where
        V: OnViolation + Send + Sync + 'static,
    {
        self.on_violation = Arc::new(on_violation);
        self
    }

    /// Checks no response to a request for which `skip` returns `true`: a WebSocket route, a
    /// third-party service mounted in the router, a legacy endpoint. `skip` sees the request
    /// head (method, URI, version, headers, extensions) and runs once per request; responses to
    /// skipped requests pass through untouched. To exempt single rules on one response instead,
    /// attach [`RuleOverrides`](crate::RuleOverrides) to it.
    ///
    /// ```
    /// use tower_status_conformance::StatusConformanceLayer;
    ///
    /// // A gRPC-Web service mounted under /grpc answers 405 without `Allow`; leave it alone.
    /// let layer = StatusConformanceLayer::new()
    ///     .skip_if(|request| request.uri.path().starts_with("/grpc/"));
    /// # let _ = layer;
    /// ```
    pub fn skip_if<F>(mut self, skip: F) -> Self
    where
        F: Fn(&http::request::Parts) -> bool + Send + Sync + 'static,
    {
        self.skip_if = Some(Arc::new(skip));
        self
    }

    /// Builds reject responses with `reject_with` instead of [`DefaultResponseForViolation`].
    pub fn reject_with<R>(mut self, reject_with: R) -> Self
    where
        R: ResponseForViolation + Send + Sync + 'static,
    {
        self.reject_with = Arc::new(reject_with);
        self
    }
}

impl<S> Layer<S> for StatusConformanceLayer {
    type Service = StatusConformance<S>;

    fn layer(&self, inner: S) -> Self::Service {
        let mut actions = [Action::Log; Rule::COUNT];
        for &rule in Rule::ALL {
            actions[rule.index()] = self.action_for(rule);
        }
        let enabled = Rule::ALL
            .iter()
            .copied()
            .filter(|rule| {
                let judged = match rule.scope() {
                    Scope::Exchange => true,
                    #[cfg(feature = "openapi")]
                    Scope::Contract => self.contract.is_some(),
                    _ => false,
                };
                actions[rule.index()] != Action::Allow && judged
            })
            .collect::<Judged>();
        // The response's names by number, built with the layer rather than on its first
        // response (the request's are built by `Capture::new`).
        crate::rules::Fields::by_number();
        let shared = Shared {
            actions,
            enabled,
            capture: Capture::new(enabled.iter().map(Rule::reads).collect()),
            level: self.level,
            rule_levels: self.rule_levels,
            log_limit: Arc::clone(&self.log_limit),
            log_query: self.log_query,
            route_label: self.route_label,
            on_violation: Arc::clone(&self.on_violation),
            reject_with: Arc::clone(&self.reject_with),
            suppliers: self.suppliers.clone(),
            skip_if: self.skip_if.clone(),
            placement_warned: Arc::clone(&self.placement_warned),
            wire: self.wire,
            #[cfg(feature = "openapi")]
            contract: self.contract.clone(),
        };
        StatusConformance::from_parts(inner, Arc::new(shared))
    }
}

impl StatusConformanceLayer {
    /// For `Debug`: the operations of the contract, if one is set.
    #[cfg(feature = "openapi")]
    fn contract_operations(&self) -> Option<usize> {
        self.contract.as_ref().map(|contract| contract.operations())
    }

    /// For `Debug`: no contract without the `openapi` feature.
    #[cfg(not(feature = "openapi"))]
    #[allow(clippy::unused_self)] // the same call as with the feature
    fn contract_operations(&self) -> Option<usize> {
        None
    }
}

impl fmt::Debug for StatusConformanceLayer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusConformanceLayer")
            .field("overrides", &self.overrides)
            .field("default_action", &self.default_action)
            .field("level", &self.level)
            .field(
                "rule_levels",
                &Rule::ALL
                    .iter()
                    .filter_map(|&rule| Some((rule, self.rule_levels[rule.index()]?)))
                    .collect::<Vec<_>>(),
            )
            .field("log_limit", &self.log_limit)
            .field("log_query", &self.log_query)
            .field("route_label", &self.route_label)
            .field("suppliers", &self.suppliers)
            .field("skip_if", &self.skip_if.is_some())
            .field("wire", &self.wire)
            .field("contract", &self.contract_operations())
            .finish()
    }
}
