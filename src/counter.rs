//! [`ViolationCounter`]: lock-free counts per rule and action.

use std::{
    fmt,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc,
    },
};

use crate::{Action, OnViolation, Rule, Violation};

const ACTIONS: usize = Action::ALL.len();

fn slot(rule: Rule, action: Action) -> usize {
    let action = Action::ALL
        .iter()
        .position(|a| *a == action)
        .unwrap_or_default();
    rule.index() * ACTIONS + action
}

/// Counts violations per rule and per action taken, without locks.
///
/// Cheap to clone (clones share the counts) and usable directly as the
/// [`on_violation`](crate::StatusConformanceLayer::on_violation) hook, or beside another hook
/// as a pair: `.on_violation((counter.clone(), my_hook))`. Counts are exact: every reported
/// violation is counted, whatever the event rate limit drops from the logs.
///
/// # Example
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower::{service_fn, Layer, ServiceExt};
/// use tower_status_conformance::{Action, Rule, StatusConformanceLayer, ViolationCounter};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
///
/// let counter = ViolationCounter::new();
/// let service = StatusConformanceLayer::new()
///     .on_violation(counter.clone())
///     .layer(service_fn(|_req: Request<String>| async {
///         let res = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED).body(String::new());
///         Ok::<_, std::convert::Infallible>(res.unwrap())
///     }));
/// service.oneshot(Request::post("/").body(String::new()).unwrap()).await.unwrap();
///
/// assert_eq!(counter.get(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, Action::Log), 1);
/// assert_eq!(counter.total(), 1);
/// let snapshot: Vec<_> = counter.snapshot().collect();
/// assert_eq!(snapshot, [(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, Action::Log, 1)]);
/// # }
/// ```
#[derive(Clone)]
pub struct ViolationCounter {
    counts: Arc<[AtomicU64]>,
}

impl ViolationCounter {
    /// A counter at zero.
    #[must_use]
    pub fn new() -> Self {
        Self {
            counts: (0..Rule::COUNT * ACTIONS)
                .map(|_| AtomicU64::new(0))
                .collect(),
        }
    }

    /// Violations of `rule` reported with `action`.
    #[must_use]
    pub fn get(&self, rule: Rule, action: Action) -> u64 {
        self.counts[slot(rule, action)].load(Ordering::Relaxed)
    }

    /// Every violation counted so far.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// The non-zero counts, as `(rule, action, count)` in registry order. Each count is read
    /// atomically; the set is not one atomic snapshot while violations keep arriving.
    pub fn snapshot(&self) -> impl Iterator<Item = (Rule, Action, u64)> + '_ {
        Rule::ALL.iter().flat_map(move |&rule| {
            Action::ALL.iter().filter_map(move |&action| {
                let count = self.get(rule, action);
                (count > 0).then_some((rule, action, count))
            })
        })
    }
}

impl Default for ViolationCounter {
    fn default() -> Self {
        Self::new()
    }
}

impl OnViolation for ViolationCounter {
    fn on_violation(&self, violation: &Violation) {
        self.counts[slot(violation.rule(), violation.action())].fetch_add(1, Ordering::Relaxed);
    }
}

impl fmt::Debug for ViolationCounter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                self.snapshot()
                    .map(|(rule, action, count)| (format!("{rule}/{action}"), count)),
            )
            .finish()
    }
}
