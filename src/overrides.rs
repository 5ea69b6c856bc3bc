//! [`RuleOverrides`]: per-response exemptions and actions, attached by a handler or an inner
//! layer.

use std::fmt;

use crate::{Action, Rule};

/// Exempts rules from, or changes their action on, one response. A handler or a layer inside
/// the conformance layer inserts it into the **response** extensions; the layer applies it to
/// the violations it finds on that response (a rule the configuration turned off stays off).
///
/// For whole routes or requests, see
/// [`StatusConformanceLayer::skip_if`](crate::StatusConformanceLayer::skip_if).
///
/// # Example
///
/// A legacy endpoint that must keep answering 405 without `Allow`, and whose empty 204 is
/// worth only a log line:
///
/// ```
/// use axum::{http::StatusCode, response::IntoResponse, Extension};
/// use tower_status_conformance::{Action, Rule, RuleOverrides};
///
/// async fn legacy() -> impl IntoResponse {
///     let overrides = RuleOverrides::new()
///         .exempt(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW)
///         .action(Rule::NO_CONTENT_WITH_BODY, Action::Log);
///     (Extension(overrides), StatusCode::METHOD_NOT_ALLOWED)
/// }
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct RuleOverrides {
    /// Few entries, searched linearly; read only when a response breaks a rule.
    actions: Vec<(Rule, Action)>,
}

impl RuleOverrides {
    /// No override.
    pub fn new() -> Self {
        Self::default()
    }

    /// `rule` is not reported on this response ([`Action::Allow`]).
    pub fn exempt(self, rule: Rule) -> Self {
        self.action(rule, Action::Allow)
    }

    /// `rule` takes `action` on this response.
    pub fn action(mut self, rule: Rule, action: Action) -> Self {
        self.actions.retain(|(r, _)| *r != rule);
        self.actions.push((rule, action));
        self
    }

    /// The overriding action for `rule`, if any.
    #[must_use]
    pub fn get(&self, rule: Rule) -> Option<Action> {
        self.actions
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|&(_, action)| action)
    }
}

impl fmt::Debug for RuleOverrides {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.actions.iter().map(|(rule, action)| (rule, action)))
            .finish()
    }
}
