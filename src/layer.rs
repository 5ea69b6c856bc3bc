//! [`StatusConformanceLayer`]: presets and builder.

use std::{fmt, sync::Arc};

use http::HeaderValue;
use tower_layer::Layer;
use tracing::Level;

use crate::{
    shared::{AllowMethods, Shared},
    Action, DefaultResponseForViolation, OnViolation, ResponseForViolation, Rule,
    StatusConformance, Violation,
};

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
#[derive(Clone)]
#[must_use]
pub struct StatusConformanceLayer<V = (), R = DefaultResponseForViolation> {
    overrides: [Option<Action>; Rule::COUNT],
    default_action: Option<Action>,
    level: Level,
    on_violation: V,
    reject_with: R,
    allow_methods: Option<AllowMethods>,
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
            on_violation: (),
            reject_with: DefaultResponseForViolation,
            allow_methods: None,
        }
    }

    /// Every rule is `Log`: events and hooks only, nothing on the wire changes. The safe way to
    /// roll the layer out.
    pub fn observe() -> Self {
        Self::new().default_action(Action::Log)
    }

    /// Every rule is `Panic`: for tests, so that a handler that breaks a rule fails the test
    /// with a message naming the rule id, its section, the status, the method and the path.
    pub fn strict() -> Self {
        Self::new().default_action(Action::Panic)
    }
}

impl Default for StatusConformanceLayer {
    fn default() -> Self {
        Self::new()
    }
}

impl<V, R> StatusConformanceLayer<V, R> {
    /// Sets the action for one rule. Wins over [`default_action`](Self::default_action).
    pub fn action(mut self, rule: Rule, action: Action) -> Self {
        self.overrides[rule.index()] = Some(action);
        self
    }

    /// Sets the action for every rule not set with [`action`](Self::action), replacing the
    /// rules' declared defaults. `Repair` on a rule without a repair logs instead.
    pub fn default_action(mut self, action: Action) -> Self {
        self.default_action = Some(action);
        self
    }

    /// The action this layer takes for `rule`.
    #[must_use]
    pub fn action_for(&self, rule: Rule) -> Action {
        self.overrides[rule.index()]
            .or(self.default_action)
            .unwrap_or_else(|| rule.default_action())
    }

    /// The level of the `tracing` event emitted per violation. Defaults to [`Level::WARN`].
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Supplies the `Allow` header that repairs `method-not-allowed-without-allow`.
    ///
    /// The callback gets the violation (method, path, status) and returns the methods the
    /// target resource supports, or `None` to leave the response alone (the violation is then
    /// reported as `Log`).
    ///
    /// ```
    /// use http::HeaderValue;
    /// use tower_status_conformance::StatusConformanceLayer;
    ///
    /// let layer = StatusConformanceLayer::new().allow_methods(|violation| {
    ///     violation
    ///         .path()
    ///         .starts_with("/items")
    ///         .then(|| HeaderValue::from_static("GET, HEAD, PUT"))
    /// });
    /// # let _ = layer;
    /// ```
    pub fn allow_methods<F>(mut self, allow_methods: F) -> Self
    where
        F: Fn(&Violation) -> Option<HeaderValue> + Send + Sync + 'static,
    {
        self.allow_methods = Some(Arc::new(allow_methods));
        self
    }

    /// Calls `on_violation` for every reported violation (see [`OnViolation`]). `()`, the
    /// default, does nothing.
    pub fn on_violation<NewV>(self, on_violation: NewV) -> StatusConformanceLayer<NewV, R>
    where
        NewV: OnViolation,
    {
        StatusConformanceLayer {
            overrides: self.overrides,
            default_action: self.default_action,
            level: self.level,
            on_violation,
            reject_with: self.reject_with,
            allow_methods: self.allow_methods,
        }
    }

    /// Builds reject responses with `reject_with` instead of [`DefaultResponseForViolation`].
    pub fn reject_with<NewR>(self, reject_with: NewR) -> StatusConformanceLayer<V, NewR>
    where
        NewR: ResponseForViolation,
    {
        StatusConformanceLayer {
            overrides: self.overrides,
            default_action: self.default_action,
            level: self.level,
            on_violation: self.on_violation,
            reject_with,
            allow_methods: self.allow_methods,
        }
    }
}

impl<S, V, R> Layer<S> for StatusConformanceLayer<V, R>
where
    V: Clone,
    R: Clone,
{
    type Service = StatusConformance<S, V, R>;

    fn layer(&self, inner: S) -> Self::Service {
        let mut actions = [Action::Log; Rule::COUNT];
        for &rule in Rule::ALL {
            actions[rule.index()] = self.action_for(rule);
        }
        let shared = Shared {
            actions,
            level: self.level,
            on_violation: self.on_violation.clone(),
            reject_with: self.reject_with.clone(),
            allow_methods: self.allow_methods.clone(),
        };
        StatusConformance::from_parts(inner, Arc::new(shared))
    }
}

impl<V, R> fmt::Debug for StatusConformanceLayer<V, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusConformanceLayer")
            .field("overrides", &self.overrides)
            .field("default_action", &self.default_action)
            .field("level", &self.level)
            .field("on_violation", &std::any::type_name::<V>())
            .field("reject_with", &std::any::type_name::<R>())
            .field(
                "allow_methods",
                &self.allow_methods.as_ref().map(|_| "<fn>"),
            )
            .finish()
    }
}
