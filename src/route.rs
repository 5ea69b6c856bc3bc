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

    /// The template of a request path seen without a router (a capture, a proxy): each
    /// segment that identifies one resource among many — all digits, a UUID, or 16 hexadecimal
    /// digits or more — becomes `{}`; a name (`/items/new`, `/v1`) stays. One defect across an
    /// API's items is then one report group, and a report's groups grow with the API's routes,
    /// not with its items.
    ///
    /// ```
    /// use tower_status_conformance::Route;
    ///
    /// assert_eq!(Route::inferred("/items/499/notes/7").as_str(), "/items/{}/notes/{}");
    /// assert_eq!(Route::inferred("/items/new").as_str(), "/items/new");
    /// ```
    #[must_use]
    pub fn inferred(path: &str) -> Self {
        let identifies = |segment: &str| {
            let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
            let uuid = segment.len() == 36
                && segment.split('-').map(str::len).eq([8, 4, 4, 4, 12])
                && hex(&segment.replace('-', ""));
            (!segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()))
                || uuid
                || (segment.len() >= 16 && hex(segment))
        };
        if !path.split('/').any(identifies) {
            return Self::new(path);
        }
        let template: Vec<&str> = path
            .split('/')
            .map(|segment| if identifies(segment) { "{}" } else { segment })
            .collect();
        Self::new(template.join("/"))
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

#[cfg(test)]
mod tests {
    use super::Route;

    #[test]
    fn identifiers_become_parameters_and_names_stay() {
        for (path, expected) in [
            ("/items/1", "/items/{}"),
            ("/items/499/notes/7", "/items/{}/notes/{}"),
            ("/users/123e4567-e89b-12d3-a456-426614174000", "/users/{}"),
            ("/objects/5f2b6c1e9d3a4b7c8e1f0a2b", "/objects/{}"),
            ("/items/new", "/items/new"),
            ("/v1/items", "/v1/items"),
            ("/files/cafe", "/files/cafe"),
            ("/", "/"),
        ] {
            assert_eq!(Route::inferred(path).as_str(), expected, "{path}");
        }
    }
}
