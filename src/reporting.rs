//! How a violation is reported: the metrics counter, one `tracing` event within the log
//! budget, the hook, and the panic of the `Panic` action.

use tracing::Level;

use crate::{shared::Shared, Action, Violation};

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
