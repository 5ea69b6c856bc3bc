//! [`Route`]: the route template a response came from, for attributing violations.

use std::{fmt, sync::Arc};

/// The route template that produced a response (`/users/{id}`, not `/users/7`): the
/// OpenTelemetry `http.route`. A router, or a layer inside it, inserts it into the **response**
/// extensions; the layer then puts it on every [`Violation`](crate::Violation) of that response,
/// on its event (`http.route`) and, with
/// [`route_label`](crate::StatusConformanceLayer::route_label), on the metrics counter.
///
/// The response extensions carry it because the layer sits outside the router (where it sees
/// what reaches the wire) and the route is only known inside. With the `axum` feature,
/// `RouterExt::with_status_conformance` inserts it from axum's `MatchedPath`.
///
/// ```
/// use http::Response;
/// use tower_status_conformance::Route;
///
/// let mut response = Response::new(());
/// response.extensions_mut().insert(Route::new("/users/{id}"));
/// assert_eq!(response.extensions().get::<Route>().unwrap().as_str(), "/users/{id}");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Route(Arc<str>);

impl Route {
    /// A route template. Cheap to clone.
    pub fn new(template: impl Into<Arc<str>>) -> Self {
        Self(template.into())
    }

    /// The template.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}
