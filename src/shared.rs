//! The configuration every clone of the service shares, and how a violation is reported.

use std::{fmt, sync::Arc};

use http::HeaderValue;
use tracing::Level;

use crate::{
    facts::Capture, log_limit::LogLimiter, Action, Findings, OnViolation, ResponseForViolation,
    Rule, Violation,
};

/// The hook, behind one pointer: called once per violation, never for a conforming response.
pub(crate) type Hook = Arc<dyn OnViolation + Send + Sync>;

/// The reject-response builder, behind one pointer: called once per rejected response.
pub(crate) type RejectWith = Arc<dyn ResponseForViolation + Send + Sync>;

/// The request predicate of `skip_if`: called once per request when configured.
pub(crate) type SkipIf = Arc<dyn Fn(&http::request::Parts) -> bool + Send + Sync>;

/// A callback that supplies the value of a header the layer cannot know (`Allow`,
/// `WWW-Authenticate`, …), for the repair of one rule.
pub(crate) type Supplier = Arc<dyn Fn(&Violation) -> Option<HeaderValue> + Send + Sync>;

/// The configured suppliers, by rule.
#[derive(Clone, Default)]
pub(crate) struct Suppliers(Vec<(Rule, Supplier)>);

impl Suppliers {
    pub(crate) fn set(&mut self, rule: Rule, supplier: Supplier) {
        self.0.retain(|(r, _)| *r != rule);
        self.0.push((rule, supplier));
    }

    pub(crate) fn contains(&self, rule: Rule) -> bool {
        self.0.iter().any(|(r, _)| *r == rule)
    }

    /// The value for the violation's rule, if a supplier is configured and returns one.
    pub(crate) fn value(&self, violation: &Violation) -> Option<HeaderValue> {
        let (_, supplier) = self.0.iter().find(|(rule, _)| *rule == violation.rule())?;
        supplier(violation)
    }
}

impl fmt::Debug for Suppliers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(rule, _)| rule))
            .finish()
    }
}

/// Built once per `Layer::layer` call and shared (behind an `Arc`) by the service, its futures
/// and watched bodies. The hook and the reject builder are trait objects, so no type of the
/// service, its future or its body names them: a violation costs one dynamic call, a conforming
/// response none.
///
/// Aligned to a cache line so that the `Arc`'s reference counts, written by every request on
/// whichever core serves it, do not share a line with the fields every request reads.
#[repr(align(64))]
pub(crate) struct Shared {
    pub(crate) actions: [Action; Rule::COUNT],
    /// The rules whose action is not `Allow`: the only ones checked.
    pub(crate) enabled: Findings,
    /// What the enabled rules read of the request: all that a request's capture keeps.
    pub(crate) capture: Capture,
    pub(crate) level: Level,
    pub(crate) rule_levels: [Option<Level>; Rule::COUNT],
    pub(crate) log_limit: Arc<LogLimiter>,
    pub(crate) log_query: bool,
    /// Whether the metrics counter carries the route template (see `route_label`).
    #[cfg_attr(not(feature = "metrics"), allow(dead_code))]
    pub(crate) route_label: bool,
    pub(crate) on_violation: Hook,
    pub(crate) reject_with: RejectWith,
    pub(crate) suppliers: Suppliers,
    pub(crate) skip_if: Option<SkipIf>,
    /// Whether the warning about a placement inside an axum router went out; shared by every
    /// service one layer makes (axum's `Router::layer` makes one per route and method).
    #[cfg_attr(not(feature = "axum"), allow(dead_code))]
    pub(crate) placement_warned: Arc<std::sync::atomic::AtomicBool>,
    /// Which encoder the responses go through.
    pub(crate) wire: crate::Wire,
}

impl Shared {
    pub(crate) fn action(&self, rule: Rule) -> Action {
        self.actions[rule.index()]
    }
}

impl fmt::Debug for Shared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shared")
            .field("actions", &self.actions)
            .field("level", &self.level)
            .field("log_limit", &self.log_limit)
            .field("log_query", &self.log_query)
            .field("route_label", &self.route_label)
            .field("suppliers", &self.suppliers)
            .field("skip_if", &self.skip_if.is_some())
            .finish()
    }
}

impl Shared {
    /// Emits the event and calls the hook; panics afterwards when the action is `Panic`.
    pub(crate) fn report(&self, violation: &Violation) {
        self.report_quietly_if(violation, false);
    }

    /// [`report`](Self::report), at `DEBUG` when `quiet` (framing the framework added and the
    /// layer repaired) unless the rule's level is set.
    pub(crate) fn report_quietly_if(&self, violation: &Violation, quiet: bool) {
        #[cfg(feature = "metrics")]
        match violation.route().filter(|_| self.route_label) {
            Some(route) => metrics::counter!(
                "http_status_conformance_violations_total",
                "rule" => violation.rule().id(),
                "action" => violation.action().as_str(),
                "route" => route.to_owned(),
            )
            .increment(1),
            None => metrics::counter!(
                "http_status_conformance_violations_total",
                "rule" => violation.rule().id(),
                "action" => violation.action().as_str(),
            )
            .increment(1),
        }
        let panics = violation.action() == Action::Panic;
        // A panic is always logged: it is the one event that explains the crash.
        let admitted = if panics {
            Some(0)
        } else {
            self.log_limit.admit(violation.rule())
        };
        if let Some(suppressed) = admitted {
            let level = self.rule_levels[violation.rule().index()].unwrap_or(if quiet {
                Level::DEBUG
            } else {
                self.level
            });
            emit(level, violation, suppressed, self.log_query);
        }
        self.on_violation.on_violation(violation);
        if panics {
            panic!("status-conformance: {violation}");
        }
    }
}

/// One event per violation, with the field names documented in the crate docs.
fn emit(level: Level, violation: &Violation, suppressed: u64, log_query: bool) {
    macro_rules! emit_at {
        ($level:expr $(, $query:expr)?) => {
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
                http.route = violation.route(),
                url.path = violation.path(),
                $(url.query = $query,)?
                suppressed,
                "response violates status-code semantics: {}",
                violation.rule().summary(),
            )
        };
    }
    macro_rules! emit {
        ($($query:expr)?) => {
            match level {
                Level::ERROR => emit_at!(Level::ERROR $(, $query)?),
                Level::WARN => emit_at!(Level::WARN $(, $query)?),
                Level::INFO => emit_at!(Level::INFO $(, $query)?),
                Level::DEBUG => emit_at!(Level::DEBUG $(, $query)?),
                _ => emit_at!(Level::TRACE $(, $query)?),
            }
        };
    }
    match violation.query().filter(|_| log_query) {
        Some(query) => emit!(query),
        None => emit!(),
    }
}
