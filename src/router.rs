//! The layer inside an axum router (the `axum` feature): what it reads of axum's routing (the
//! route template) and the findings it drops because axum changes the response after it.
//! Apart from the public integration (`crate::axum`), which builds layers, so that the flow
//! that uses these depends on no layer.

use std::sync::atomic::Ordering;

use ::axum::extract::MatchedPath;

use crate::{
    facts::{Present, RequestFacts},
    rules::HeadCheck,
    shared::Shared,
    Route, Rule,
};

/// The route template of a response, from axum's [`MatchedPath`] in its extensions.
pub(crate) fn route_of(extensions: &http::Extensions) -> Option<Route> {
    extensions
        .get::<MatchedPath>()
        .map(|matched| Route::new(matched.as_str()))
}

/// Inside an axum router (`Router::layer`, `route_layer`), the layer sees a response before
/// axum finishes it: axum then adds `Allow` to its own 405s, empties HEAD bodies, and empties a
/// 2xx to CONNECT. Those findings would be false, so they are dropped; the placement is
/// reported once at WARN with the fix. (A handler's own 405 without `Allow` is dropped with
/// them: only the wire-true placement can tell the two apart.)
pub(crate) fn inside_router(
    mut found: HeadCheck,
    facts: &RequestFacts,
    shared: &Shared,
) -> HeadCheck {
    if !facts.has(Present::INSIDE_AXUM_ROUTER) {
        return found;
    }
    if !shared.placement_warned.swap(true, Ordering::Relaxed) {
        tracing::warn!(
            target: "tower_status_conformance",
            "StatusConformanceLayer runs inside an axum Router (Router::layer or route_layer) \
             and sees responses before axum adds `Allow`, empties HEAD bodies and sets \
             `content-length`: findings axum fixes afterwards are dropped and some violations \
             are missed. Install it with `app.with_status_conformance(layer)` (or \
             `Router::new().fallback_service(app).layer(layer)`)."
        );
    }
    let findings = &mut found.findings;
    findings.remove(Rule::HEAD_RESPONSE_WITH_BODY);
    findings.remove(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
    if facts.method == http::Method::CONNECT {
        findings.remove(Rule::FORBIDDEN_CONTENT_LENGTH);
        findings.remove(Rule::FORBIDDEN_TRANSFER_ENCODING);
    }
    if found.watch == Some(Rule::HEAD_RESPONSE_WITH_BODY) {
        found.watch = None;
    }
    found
}
