//! Several targets swept at once ([`Sweep::concurrency`](super::Sweep::concurrency)) through
//! one service, with each target's requests still one at a time and in order, and a report
//! that does not depend on which target finished first.
//!
//! Each lane takes the next target, sends its requests and keeps what they got in that
//! target's [`TargetRun`]; the layer's findings go to the target's own list, numbered within
//! it. Once the lanes are done, [`TargetRun`]s are joined in target order: the report is the
//! same whatever the concurrency and the timing.

use std::{
    cell::RefCell,
    fmt,
    future::{poll_fn, Future},
    pin::Pin,
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll},
};

use tower_service::Service;

use super::{exchange::Exchange, FailedRequest, Recorded, Sent};
use crate::{OnViolation, Route, Violation};

/// The one service every lane sends through: tower lets a service's futures run at once, and
/// lanes borrow it only inside `poll_ready` and `call`, never across an `.await` (a lane calls
/// in the same poll in which the service said it was ready, so no other lane takes its turn).
pub(super) struct Shared<'a, S>(pub(super) &'a RefCell<S>);

impl<S, R> Service<R> for Shared<'_, S>
where
    S: Service<R>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.borrow_mut().poll_ready(cx)
    }

    fn call(&mut self, request: R) -> S::Future {
        self.0.borrow_mut().call(request)
    }
}

/// Runs `lanes` to their ends, together on this task; the first error ends them all.
pub(super) async fn all<F, E>(lanes: impl IntoIterator<Item = F>) -> Result<(), E>
where
    F: Future<Output = Result<(), E>>,
{
    let mut lanes: Vec<Option<Pin<Box<F>>>> =
        lanes.into_iter().map(|lane| Some(Box::pin(lane))).collect();
    poll_fn(|cx| {
        let mut running = false;
        for slot in &mut lanes {
            let Some(lane) = slot else { continue };
            match lane.as_mut().poll(cx) {
                Poll::Ready(Ok(())) => *slot = None,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => running = true,
            }
        }
        if running {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    })
    .await
}

/// What the requests sent to one target got, in the order sent.
pub(super) struct TargetRun {
    /// Per HTTP version of the sweep, the exchanges, each numbered within this target.
    pub(super) slots: Vec<Vec<Exchange>>,
    /// Requests sent (answered or failed).
    pub(super) sent: usize,
    pub(super) failures: Vec<FailedRequest>,
    /// Every exchange, for a sweep that records them.
    pub(super) recorded: Vec<Recorded>,
}

impl TargetRun {
    pub(super) fn new(versions: usize) -> Self {
        Self {
            slots: vec![Vec::new(); versions],
            sent: 0,
            failures: Vec::new(),
            recorded: Vec::new(),
        }
    }

    /// Counts `sent`, records it (when its request's fields were kept), and keeps its
    /// exchange in the slot of version `v`, or its failure.
    pub(super) fn keep(&mut self, v: usize, sent: Sent, target: &str) {
        let index = self.sent;
        self.sent += 1;
        if let Some(headers) = sent.request_headers {
            let (method, version, answer) = match &sent.outcome {
                Ok(exchange) => (
                    exchange.method.clone(),
                    exchange.version,
                    Ok((exchange.status, exchange.headers.clone(), exchange.length)),
                ),
                Err(failed) => (
                    failed.method().clone(),
                    failed.version(),
                    Err(failed.error().to_owned()),
                ),
            };
            self.recorded
                .push(Recorded::new(method, target, version, headers, answer));
        }
        match sent.outcome {
            Ok(mut exchange) => {
                exchange.index = index;
                self.slots[v].push(exchange);
            }
            Err(failed) => self.failures.push(failed),
        }
    }
}

/// What a lane's layer is checking: the target (its place and route), the request's
/// description, and its number within the target when recording.
#[derive(Clone)]
pub(super) struct Tag {
    pub(super) target: usize,
    pub(super) route: Route,
    pub(super) request: String,
    pub(super) index: Option<usize>,
}

/// A lane's layer hook: each finding gets the current target as its route (when it has none)
/// and the request as its detail, and goes to that target's list.
pub(super) struct RouteTagging {
    /// Per target, the layer's findings, in the order found.
    pub(super) found: Arc<Mutex<Vec<Vec<Violation>>>>,
    pub(super) current: Arc<Mutex<Option<Tag>>>,
}

impl OnViolation for RouteTagging {
    fn on_violation(&self, violation: &Violation) {
        let current = self
            .current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        // A lane checks nothing before it has tagged its first request.
        let Some(tag) = current else { return };
        let mut tagged = violation
            .clone()
            .with_route(Some(tag.route))
            .with_detail(tag.request);
        if let Some(index) = tag.index {
            tagged = tagged.with_exchange(index);
        }
        let mut found = self.found.lock().unwrap_or_else(PoisonError::into_inner);
        found[tag.target].push(tagged);
    }
}

impl fmt::Debug for RouteTagging {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteTagging").finish_non_exhaustive()
    }
}
