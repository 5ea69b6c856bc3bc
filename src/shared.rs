//! The configuration every clone of the service shares, and how a violation is reported.

use std::{fmt, sync::Arc};

use http::HeaderValue;
use tracing::Level;

use crate::{Action, OnViolation, Rule, Violation};

/// The callback that supplies a missing `Allow` header.
pub(crate) type AllowMethods = Arc<dyn Fn(&Violation) -> Option<HeaderValue> + Send + Sync>;

/// Built once per `Layer::layer` call and shared (behind an `Arc`) by the service, its futures
/// and watched bodies.
pub(crate) struct Shared<V, R> {
    pub(crate) actions: [Action; Rule::COUNT],
    pub(crate) level: Level,
    pub(crate) on_violation: V,
    pub(crate) reject_with: R,
    pub(crate) allow_methods: Option<AllowMethods>,
}

impl<V, R> Shared<V, R> {
    pub(crate) fn action(&self, rule: Rule) -> Action {
        self.actions[rule.index()]
    }
}

impl<V, R> fmt::Debug for Shared<V, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("actions", &self.actions)
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

/// Reporting without naming the reject type: what a watched body needs at stream time.
pub(crate) trait Report: Send + Sync {
    /// Emits the event and calls the hook; panics afterwards when the action is `Panic`.
    fn report(&self, violation: &Violation);
}

impl<V, R> Report for Shared<V, R>
where
    V: OnViolation + Send + Sync,
    R: Send + Sync,
{
    fn report(&self, violation: &Violation) {
        emit(self.level, violation);
        self.on_violation.on_violation(violation);
        if violation.action() == Action::Panic {
            panic!("status-conformance: {violation}");
        }
    }
}

/// One event per violation, with the field names documented in the crate docs.
fn emit(level: Level, violation: &Violation) {
    macro_rules! emit_at {
        ($level:expr) => {
            tracing::event!(
                target: "tower_status_conformance",
                $level,
                rule = violation.rule().id(),
                requirement = violation.rule().requirement().as_str(),
                action = violation.action().as_str(),
                stage = violation.stage().as_str(),
                spec = violation.rule().spec(),
                http.response.status_code = violation.status().as_u16(),
                http.request.method = violation.method().as_str(),
                url.path = violation.path(),
                "response violates status-code semantics: {}",
                violation.rule().summary(),
            )
        };
    }
    match level {
        Level::ERROR => emit_at!(Level::ERROR),
        Level::WARN => emit_at!(Level::WARN),
        Level::INFO => emit_at!(Level::INFO),
        Level::DEBUG => emit_at!(Level::DEBUG),
        _ => emit_at!(Level::TRACE),
    }
}
