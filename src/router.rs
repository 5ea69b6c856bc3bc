//! The layer inside an axum router (the `axum` feature): what it reads of axum's routing (the
//! route template) and the findings it drops because axum changes the response after it.
//! Apart from the public integration (`crate::axum`), which builds layers, so that the flow
//! that uses these depends on no layer.

use std::sync::atomic::Ordering;

use ::axum::extract::MatchedPath;

use crate::{
    facts::{Present, RequestFacts},
    rules::{self, HeadCheck},
    shared::Shared,
    Route,
};

/// The route template of a response, from axum's [`MatchedPath`] in its extensions.
pub(crate) fn route_of(extensions: &http::Extensions) -> Option<Route> {
    extensions
        .get::<MatchedPath>()
        .map(|matched| Route::new(matched.as_str()))
}

/// Inside an axum router (`Router::layer`, `route_layer`), the layer sees a response before
/// axum finishes it. The findings axum makes false afterwards
/// ([`rules::fixed_by_axum_after_the_layer`]) are dropped; the placement is reported once at
/// WARN with the fix.
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
    for rule in rules::fixed_by_axum_after_the_layer(facts.code) {
        found.findings.remove(rule);
        if found.watch == Some(rule) {
            found.watch = None;
        }
    }
    found
}
