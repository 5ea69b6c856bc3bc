//! The configuration every clone of the service shares. How it reports a violation is in
//! `reporting.rs`; the repairs' header suppliers are in `suppliers.rs`.

use std::{fmt, sync::Arc};

use tracing::Level;

use crate::{
    facts::Capture, findings::Judged, log_limit::LogLimiter, suppliers::Suppliers, Action,
    OnViolation, ResponseForViolation, Rule,
};

/// The hook, behind one pointer: called once per violation, never for a conforming response.
pub(crate) type Hook = Arc<dyn OnViolation + Send + Sync>;

/// The reject-response builder, behind one pointer: called once per rejected response.
pub(crate) type RejectWith = Arc<dyn ResponseForViolation + Send + Sync>;

/// The request predicate of `skip_if`: called once per request when configured.
pub(crate) type SkipIf = Arc<dyn Fn(&http::request::Parts) -> bool + Send + Sync>;

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
    pub(crate) enabled: Judged,
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
    /// The API document's contract the responses are judged against too, if any.
    #[cfg(feature = "openapi")]
    pub(crate) contract: Option<Arc<crate::rules::contract::Contract>>,
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
