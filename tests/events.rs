//! The `tracing` events: one per violation, stable field names, configurable level, nothing
//! sensitive. In a binary of their own: `tracing` caches callsite interest process-wide, and
//! tests without a subscriber running in parallel would make it flaky.

mod support;

use http::{Method, Request, Response};
use support::{
    events::{Capture, Captured},
    request, response, run, TestBody,
};
use tower_status_conformance::StatusConformanceLayer;

/// Serves one exchange through `layer` and returns the events it emitted.
fn events_of(
    layer: &StatusConformanceLayer,
    request: Request<()>,
    response: Response<TestBody>,
) -> Vec<Captured> {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    capture.during(|| runtime.block_on(run(layer, request, response)));
    capture.events()
}

#[test]
fn one_event_per_violation_with_stable_fields() {
    let events = events_of(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/limited?token=secret"),
        response(
            429,
            &[
                ("cache-control", "max-age=60"),
                ("authorization", "Bearer x"),
                ("content-type", "text/plain"),
            ],
            TestBody::full("slow"),
        ),
    );
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event.level, tracing::Level::WARN);
    assert_eq!(event.target, "tower_status_conformance");
    let field = |name: &str| event.fields.get(name).map(String::as_str);
    assert_eq!(field("rule"), Some("never-store-status-marked-cacheable"));
    assert_eq!(field("requirement"), Some("must"));
    assert_eq!(field("action"), Some("repair"));
    assert_eq!(field("stage"), Some("head"));
    assert_eq!(field("spec"), Some("RFC 6585 §3–§6"));
    assert_eq!(field("http.response.status_code"), Some("429"));
    assert_eq!(field("http.request.method"), Some("GET"));
    assert_eq!(field("url.path"), Some("/limited"));
    let all = format!("{:?}", event.fields);
    assert!(!all.contains("secret") && !all.contains("Bearer"), "{all}");
}

#[test]
fn the_event_level_is_configurable() {
    let events = events_of(
        &StatusConformanceLayer::observe().level(tracing::Level::ERROR),
        request(Method::POST, "/"),
        response(405, &[], TestBody::empty()),
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, tracing::Level::ERROR);
}

#[test]
fn a_stream_time_violation_emits_its_event_when_the_frame_arrives() {
    let events = events_of(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/"),
        response(204, &[], TestBody::stream(&["late"])),
    );
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fields["stage"], "stream");
    assert_eq!(events[0].fields["action"], "repair");
}
