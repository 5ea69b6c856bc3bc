//! The [`OnViolation`] hook.

use crate::Violation;

/// Called once for every violation that is not [`Allow`](crate::Action::Allow)ed, after the
/// action was applied (and before a [`Panic`](crate::Action::Panic)).
///
/// Implemented for `()` (does nothing, the default), for every `Fn(&Violation)`, for
/// [`ViolationCounter`](crate::ViolationCounter), and for a pair of hooks `(A, B)`. The hook is
/// shared by all clones of the service, so it takes `&self`; count with atomics, not `&mut`.
///
/// # Example
///
/// ```
/// use std::sync::{atomic::{AtomicUsize, Ordering}, Arc};
/// use http::{Request, Response, StatusCode};
/// use tower::{service_fn, Layer, ServiceExt};
/// use tower_status_conformance::{StatusConformanceLayer, Violation};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
///
/// let seen = Arc::new(AtomicUsize::new(0));
/// let layer = StatusConformanceLayer::new().on_violation({
///     let seen = Arc::clone(&seen);
///     move |violation: &Violation| {
///         assert_eq!(violation.rule().id(), "method-not-allowed-without-allow");
///         seen.fetch_add(1, Ordering::Relaxed);
///     }
/// });
/// let service = layer.layer(service_fn(|_req: Request<String>| async {
///     let res = Response::builder().status(StatusCode::METHOD_NOT_ALLOWED).body(String::new());
///     Ok::<_, std::convert::Infallible>(res.unwrap())
/// }));
/// service.oneshot(Request::post("/").body(String::new()).unwrap()).await.unwrap();
/// assert_eq!(seen.load(Ordering::Relaxed), 1);
/// # }
/// ```
pub trait OnViolation {
    /// Handles one violation.
    fn on_violation(&self, violation: &Violation);
}

impl OnViolation for () {
    #[inline]
    fn on_violation(&self, _: &Violation) {}
}

impl<F> OnViolation for F
where
    F: Fn(&Violation),
{
    fn on_violation(&self, violation: &Violation) {
        self(violation);
    }
}

/// Two hooks, called in order: `.on_violation((counter, my_hook))`.
impl<A, B> OnViolation for (A, B)
where
    A: OnViolation,
    B: OnViolation,
{
    fn on_violation(&self, violation: &Violation) {
        self.0.on_violation(violation);
        self.1.on_violation(violation);
    }
}
