//! The `tracing` events: one per violation, stable field names, configurable level, nothing
//! sensitive. In a binary of their own: `tracing` caches callsite interest process-wide, and
//! tests without a subscriber running in parallel would make it flaky.

use crate::support::{
    events::{Capture, Captured},
    request, response, run, TestBody,
};
use http::{Method, Request, Response};
use tower_status_conformance::StatusConformanceLayer;

/// Serves one exchange through `layer` and returns the events it emitted.
fn events_of(
    layer: &StatusConformanceLayer,
    request: Request<String>,
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
    assert_eq!(field("requirement"), Some("advisory"));
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

#[test]
fn the_query_is_logged_only_when_asked() {
    let exchange = || {
        (
            request(Method::POST, "/items?token=secret"),
            response(405, &[], TestBody::empty()),
        )
    };
    let (req, res) = exchange();
    let quiet = events_of(&StatusConformanceLayer::new(), req, res);
    assert!(!format!("{:?}", quiet[0].fields).contains("secret"));
    assert!(!quiet[0].fields.contains_key("url.query"));

    let (req, res) = exchange();
    let loud = events_of(&StatusConformanceLayer::new().log_query(true), req, res);
    assert_eq!(loud[0].fields["url.query"], "token=secret");
    assert_eq!(loud[0].fields["url.path"], "/items");
}

#[test]
fn a_flood_is_logged_within_the_limit_while_counts_stay_exact() {
    use tower_status_conformance::{Action, Rule, ViolationCounter};

    const SENT: u64 = 10_000;
    let counter = ViolationCounter::new();
    let layer = StatusConformanceLayer::new().on_violation(counter.clone());
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    capture.during(|| {
        runtime.block_on(async {
            use tower::{service_fn, Layer, Service, ServiceExt};
            let mut service = layer.layer(service_fn(|_: Request<String>| async {
                Ok::<_, std::convert::Infallible>(response(405, &[], TestBody::empty()))
            }));
            for _ in 0..SENT {
                let svc = service.ready().await.unwrap();
                svc.call(request(Method::POST, "/flood")).await.unwrap();
            }
        })
    });
    let windows = started.elapsed().as_secs() + 1;
    let events = capture.events();
    assert_eq!(
        counter.get(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, Action::Log),
        SENT
    );
    assert!(
        events.len() as u64 <= 5 * (windows + 1),
        "{} events in {windows} window(s)",
        events.len()
    );
    let reported: u64 = events
        .iter()
        .map(|e| e.fields["suppressed"].parse::<u64>().unwrap())
        .sum();
    assert!(reported + events.len() as u64 <= SENT);
}

// How the next window reports what was suppressed is tested in `src/log_limit.rs` with a
// clock the test sets: here, an assertion about windows would depend on where the wall clock's
// second boundaries fall.

#[test]
fn events_land_inside_tower_http_request_spans() {
    use tower::{ServiceBuilder, ServiceExt};
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    capture.during(|| {
        runtime.block_on(async {
            let service = ServiceBuilder::new()
                .layer(tower_http::trace::TraceLayer::new_for_http())
                .layer(StatusConformanceLayer::new())
                .service_fn(|_: Request<http_body_util::Empty<bytes::Bytes>>| async {
                    Ok::<_, std::convert::Infallible>(response(
                        204,
                        &[],
                        TestBody::stream(&["late"]),
                    ))
                });
            let req = Request::get("/span")
                .version(http::Version::HTTP_2)
                .body(http_body_util::Empty::new())
                .unwrap();
            let res = service.oneshot(req).await.unwrap();
            http_body_util::BodyExt::collect(res.into_body())
                .await
                .unwrap();
        })
    });
    let ours: Vec<_> = capture
        .events()
        .into_iter()
        .filter(|e| e.target == "tower_status_conformance")
        .collect();
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].fields["stage"], "stream");
    assert_eq!(
        ours[0].span.as_deref(),
        Some("request"),
        "emitted inside TraceLayer's span"
    );
}

#[test]
fn no_secret_reaches_an_event() {
    let request = Request::builder()
        .method(Method::GET)
        .uri("/account?session=query-secret")
        .header("authorization", "Bearer authorization-secret")
        .header("cookie", "sid=cookie-secret")
        .body(String::new())
        .unwrap();
    let response = response(
        401,
        &[
            ("set-cookie", "sid=set-cookie-secret"),
            ("proxy-authenticate", "Basic realm=\"proxy-secret\""),
            ("retry-after", "soon-secret"),
            ("content-type", "text/plain"),
        ],
        TestBody::full("body-secret"),
    );
    let events = events_of(&StatusConformanceLayer::new(), request, response);
    assert!(events.len() >= 3, "{events:?}");
    for event in &events {
        let text = format!("{:?}", event.fields);
        assert!(!text.contains("secret"), "leaked: {text}");
    }
}

#[test]
fn the_log_budget_is_shared_by_every_service_of_one_layer() {
    // As with axum's `Router::layer`, which applies the layer once per route.
    use tower::{service_fn, Layer, ServiceExt};
    let layer = StatusConformanceLayer::new().log_limit(1);
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    capture.during(|| {
        runtime.block_on(async {
            for _ in 0..10 {
                let service = layer.layer(service_fn(|_: Request<String>| async {
                    Ok::<_, std::convert::Infallible>(response(405, &[], TestBody::empty()))
                }));
                service.oneshot(request(Method::POST, "/")).await.unwrap();
            }
        })
    });
    // Ten services with a budget each would log ten events. One budget logs one, or two if
    // the calls (microseconds apart) straddle a second boundary of the wall clock.
    let events = capture.events().len();
    assert!(
        (1..=2).contains(&events),
        "ten services, one budget: {events} events"
    );
}
