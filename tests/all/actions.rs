//! Every action end to end through `tower::ServiceExt::oneshot`, at head time and at stream
//! time, and the events and extensions users read.

use std::panic::AssertUnwindSafe;

use crate::support::{fixtures, request, response, run, Recorder, TestBody};
use futures_util::FutureExt;
use http::{header, Method, Request, Response, StatusCode, Version};
use tower_status_conformance::{Action, Rule, Scope, Stage, StatusConformanceLayer, Violations};

fn header<'a>(out: &'a crate::support::Output, name: &str) -> Option<&'a str> {
    out.parts.headers.get(name).map(|v| v.to_str().unwrap())
}

// ===== Allow and Log =====

#[tokio::test]
async fn allow_does_nothing_at_all() {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new()
        .default_action(Action::Allow)
        .on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::GET, "/"),
        response(204, &[("content-length", "5")], TestBody::full("hello")),
    )
    .await;
    assert_eq!(out.parts.status, 204);
    assert_eq!(header(&out, "content-length"), Some("5"));
    assert_eq!(out.body, "hello");
    assert!(out.parts.extensions.get::<Violations>().is_none());
    assert!(recorder.take().is_empty());
}

#[tokio::test]
async fn observe_changes_no_byte_of_any_violating_exchange() {
    let mut cases: Vec<(String, Box<dyn Fn() -> crate::support::exchange::Exchange>)> = Vec::new();
    for &rule in Rule::ALL.iter().filter(|r| r.scope() == Scope::Exchange) {
        let make = move || crate::support::exchange::parse(rule.example());
        cases.push((format!("`{rule}` / its example"), Box::new(make)));
    }
    for fixture in fixtures::all().into_iter().filter(|f| f.violating) {
        let name = format!("`{}` / {}", fixture.rule, fixture.name);
        cases.push((name, Box::new(move || fixture.exchange())));
    }
    let bare_layer = StatusConformanceLayer::new().default_action(Action::Allow);
    for (name, make) in cases {
        let (e, o) = (make(), make());
        let bare = run(&bare_layer, e.request, e.response).await;
        let observed = run(&StatusConformanceLayer::observe(), o.request, o.response).await;
        assert_eq!(observed.parts.status, bare.parts.status, "{name}");
        assert_eq!(observed.parts.headers, bare.parts.headers, "{name}");
        assert_eq!(observed.body, bare.body, "{name}");
        assert_eq!(observed.trailers, bare.trailers, "{name}");
    }
}

#[tokio::test]
async fn log_reports_once_per_rule_and_attaches_violations() {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::observe().on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::GET, "/items?secret=1"),
        response(
            204,
            &[("content-length", "5"), ("transfer-encoding", "chunked")],
            TestBody::full("hello"),
        ),
    )
    .await;
    // Over HTTP/2 hyper strips `Transfer-Encoding` (a connection-specific field), so the two
    // rules about it are not reported: the client never sees it.
    assert_eq!(
        recorder.ids(),
        ["forbidden-content-length", "no-content-with-body"]
    );
    let violations = out.parts.extensions.get::<Violations>().expect("attached");
    assert_eq!(violations.len(), 2);
    for violation in violations {
        assert_eq!(violation.action(), Action::Log);
        assert_eq!(violation.stage(), Stage::Head);
        assert_eq!(violation.status(), StatusCode::NO_CONTENT);
        assert_eq!(violation.method(), Method::GET);
        assert_eq!(violation.version(), Version::HTTP_2);
        assert_eq!(violation.path(), "/items", "no query string");
    }
}

// ===== Repair at head time =====

#[tokio::test]
async fn repair_strips_a_204_body_and_its_framing() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/"),
        response(
            204,
            &[("content-length", "5"), ("content-type", "text/plain")],
            TestBody::full("hello"),
        ),
    )
    .await;
    assert_eq!(out.parts.status, 204);
    assert_eq!(header(&out, "content-length"), None);
    assert_eq!(
        header(&out, "content-type"),
        Some("text/plain"),
        "other headers kept"
    );
    assert!(out.body.is_empty());
}

#[tokio::test]
async fn repair_of_a_205_sends_an_explicit_zero_length() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::POST, "/"),
        response(205, &[], TestBody::full("hello")),
    )
    .await;
    assert_eq!(header(&out, "content-length"), Some("0"));
    assert!(out.body.is_empty());
}

#[tokio::test]
async fn repair_of_a_304_keeps_its_representation_metadata() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/"),
        response(
            304,
            &[("content-length", "5"), ("etag", "\"v1\"")],
            TestBody::full("hello"),
        ),
    )
    .await;
    assert_eq!(
        header(&out, "content-length"),
        Some("5"),
        "a 304's length describes the 200"
    );
    assert_eq!(header(&out, "etag"), Some("\"v1\""));
    assert!(out.body.is_empty());
}

#[tokio::test]
async fn repair_of_a_head_body_keeps_the_get_length() {
    let layer = StatusConformanceLayer::new();
    let out = run(
        &layer,
        request(Method::HEAD, "/"),
        response(200, &[], TestBody::full("hello")),
    )
    .await;
    assert_eq!(
        header(&out, "content-length"),
        Some("5"),
        "the length a GET would carry"
    );
    assert!(out.body.is_empty());

    let out = run(
        &layer,
        request(Method::HEAD, "/"),
        response(200, &[("content-length", "7")], TestBody::full("hello")),
    )
    .await;
    assert_eq!(
        header(&out, "content-length"),
        Some("7"),
        "a handler's length is kept"
    );
}

#[tokio::test]
async fn repair_makes_a_never_store_status_uncacheable() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/"),
        response(
            429,
            &[
                ("cache-control", "public, max-age=3600, no-transform"),
                ("cache-control", "stale-if-error=60"),
                ("expires", "Thu, 01 Jan 2099 00:00:00 GMT"),
                ("retry-after", "3600"),
            ],
            TestBody::full("slow down"),
        ),
    )
    .await;
    assert_eq!(
        header(&out, "cache-control"),
        Some("no-transform, no-store")
    );
    assert_eq!(
        out.parts
            .headers
            .get_all(header::CACHE_CONTROL)
            .iter()
            .count(),
        1
    );
    assert_eq!(header(&out, "expires"), None);
    assert_eq!(header(&out, "retry-after"), Some("3600"));
    assert_eq!(out.body, "slow down");
}

#[tokio::test]
async fn allow_is_added_only_when_configured() {
    let recorder = Recorder::default();
    let unconfigured = StatusConformanceLayer::new().on_violation(recorder.clone());
    let out = run(
        &unconfigured,
        request(Method::POST, "/items"),
        response(405, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(header(&out, "allow"), None);
    assert_eq!(
        recorder.take()[0].action(),
        Action::Log,
        "no repair without configuration"
    );

    let configured = StatusConformanceLayer::new()
        .allow_methods(|v| {
            (v.path() == "/items").then(|| http::HeaderValue::from_static("GET, HEAD"))
        })
        .on_violation(recorder.clone());
    let out = run(
        &configured,
        request(Method::POST, "/items"),
        response(405, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(header(&out, "allow"), Some("GET, HEAD"));
    assert_eq!(recorder.take()[0].action(), Action::Repair);

    let out = run(
        &configured,
        request(Method::POST, "/other"),
        response(405, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(header(&out, "allow"), None, "callback returned None");
    assert_eq!(recorder.take()[0].action(), Action::Log);
}

#[tokio::test]
async fn repair_removes_the_request_method_from_allow() {
    let layer =
        StatusConformanceLayer::new().action(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD, Action::Repair);
    let out = run(
        &layer,
        request(Method::POST, "/"),
        response(
            405,
            &[("allow", "GET, POST"), ("allow", "HEAD")],
            TestBody::empty(),
        ),
    )
    .await;
    assert_eq!(header(&out, "allow"), Some("GET, HEAD"));

    let out = run(
        &layer,
        request(Method::POST, "/"),
        response(405, &[("allow", "POST")], TestBody::empty()),
    )
    .await;
    assert_eq!(
        header(&out, "allow"),
        Some(""),
        "an empty Allow: no method is allowed"
    );
}

#[tokio::test]
async fn repair_of_an_out_of_range_status_sets_500_and_keeps_the_rest() {
    let layer = StatusConformanceLayer::new().action(Rule::STATUS_OUT_OF_RANGE, Action::Repair);
    let out = run(
        &layer,
        request(Method::GET, "/"),
        response(600, &[("x-app", "1")], TestBody::full("body")),
    )
    .await;
    assert_eq!(out.parts.status, 500);
    assert_eq!(header(&out, "x-app"), Some("1"));
    assert_eq!(out.body, "body");
}

#[tokio::test]
async fn repair_without_a_repair_falls_back_to_log() {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new()
        .default_action(Action::Repair)
        .on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::GET, "/"),
        response(103, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(out.parts.status, 103, "unchanged");
    let violation = &recorder.take()[0];
    assert_eq!(violation.rule(), Rule::INFORMATIONAL_AS_FINAL);
    assert_eq!(violation.action(), Action::Log);
}

// ===== Reject =====

#[tokio::test]
async fn reject_replaces_the_response_and_never_echoes_it() {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new().on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::GET, "/x"),
        response(
            600,
            &[
                ("x-secret", "token"),
                ("content-length", "0"),
                ("transfer-encoding", "chunked"),
            ],
            TestBody::full("private"),
        ),
    )
    .await;
    assert_eq!(out.parts.status, 500);
    assert_eq!(header(&out, "x-secret"), None);
    assert_eq!(header(&out, "cache-control"), Some("no-store"));
    assert_eq!(
        header(&out, "content-type"),
        Some("text/plain; charset=utf-8")
    );
    let text = std::str::from_utf8(&out.body).unwrap();
    assert_eq!(
        text,
        "response rejected by status-conformance: `status-out-of-range` (RFC 9110 §15)\n"
    );
    assert_eq!(
        header(&out, "content-length"),
        Some(text.len().to_string().as_str())
    );
    let violations = out.parts.extensions.get::<Violations>().unwrap();
    assert!(violations.contains(Rule::STATUS_OUT_OF_RANGE));
    assert_eq!(recorder.take()[0].action(), Action::Reject);
}

#[tokio::test]
async fn reject_of_a_head_request_sends_no_content() {
    let layer = StatusConformanceLayer::new();
    let out = run(
        &layer,
        request(Method::HEAD, "/"),
        response(600, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(out.parts.status, 500);
    assert!(out.body.is_empty());
    let length: usize = header(&out, "content-length").unwrap().parse().unwrap();
    assert!(length > 0, "the length a GET would carry");
}

#[tokio::test]
async fn reject_logs_the_other_findings() {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new().on_violation(recorder.clone());
    // A 101 to HTTP/1.0 (reject) that also carries a Content-Length (repair, now moot).
    let request = Request::builder()
        .version(Version::HTTP_10)
        .uri("/ws")
        .header("upgrade", "websocket")
        .body(String::new())
        .unwrap();
    let out = run(
        &layer,
        request,
        response(
            101,
            &[("upgrade", "websocket"), ("location", "/elsewhere")],
            TestBody::empty(),
        ),
    )
    .await;
    assert_eq!(out.parts.status, 500);
    let actions: Vec<_> = recorder
        .take()
        .iter()
        .map(|v| (v.rule().id(), v.action()))
        .collect();
    assert_eq!(
        actions,
        [
            ("informational-to-http10", Action::Reject),
            ("location-outside-redirect", Action::Log)
        ]
    );
}

#[tokio::test]
async fn a_custom_reject_response_is_framed_for_the_request() {
    let layer =
        StatusConformanceLayer::new().reject_with(|_: &tower_status_conformance::Violation| {
            Response::builder()
                .status(204)
                .header("transfer-encoding", "chunked")
                .body(bytes::Bytes::from_static(b"oops"))
                .unwrap()
        });
    let out = run(
        &layer,
        request(Method::GET, "/"),
        response(999, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(
        out.parts.status, 500,
        "a no-content status cannot carry the reject body"
    );
    assert_eq!(header(&out, "content-length"), Some("4"));
    assert_eq!(header(&out, "transfer-encoding"), None);
    assert_eq!(out.body, "oops");
}

// ===== Panic =====

async fn panic_message(
    layer: StatusConformanceLayer,
    request: Request<String>,
    response: Response<TestBody>,
) -> String {
    let result = AssertUnwindSafe(run(&layer, request, response))
        .catch_unwind()
        .await;
    let payload = result.expect_err("should panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap()
}

#[tokio::test]
async fn strict_panics_with_rule_section_status_method_and_path() {
    let message = panic_message(
        StatusConformanceLayer::strict(),
        request(Method::POST, "/items/7"),
        response(405, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(
        message,
        "status-conformance: `method-not-allowed-without-allow` (RFC 9110 §15.5.6): 405 without an Allow header; 405 Method Not Allowed to POST /items/7"
    );
}

#[tokio::test]
async fn strict_panics_at_stream_time_too() {
    let message = panic_message(
        StatusConformanceLayer::strict(),
        request(Method::GET, "/stream"),
        response(204, &[], TestBody::stream(&["", "late"])),
    )
    .await;
    assert!(
        message.starts_with("status-conformance: `no-content-with-body` (RFC 9110 §15.3.5)"),
        "{message}"
    );
    assert!(
        message.ends_with("204 No Content to GET /stream"),
        "{message}"
    );
}

// ===== Stream time =====

async fn stream_204(
    action: Action,
) -> (
    crate::support::Output,
    Vec<tower_status_conformance::Violation>,
) {
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new()
        .action(Rule::NO_CONTENT_WITH_BODY, action)
        .on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::GET, "/"),
        response(204, &[], TestBody::stream(&["", "he", "llo"])),
    )
    .await;
    (out, recorder.take())
}

#[tokio::test]
async fn stream_time_log_passes_frames_and_reports_once() {
    let (out, reported) = stream_204(Action::Log).await;
    assert_eq!(out.body, "hello");
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].stage(), Stage::Stream);
    assert_eq!(reported[0].action(), Action::Log);
    assert!(
        out.parts.extensions.get::<Violations>().is_none(),
        "the head left before"
    );
}

#[tokio::test]
async fn stream_time_repair_drops_the_content() {
    let (out, reported) = stream_204(Action::Repair).await;
    assert!(out.body.is_empty());
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].action(), Action::Repair);
}

#[tokio::test]
async fn stream_time_reject_acts_as_repair() {
    let (out, reported) = stream_204(Action::Reject).await;
    assert_eq!(out.parts.status, 204, "the status was already sent");
    assert!(out.body.is_empty());
    assert_eq!(reported[0].action(), Action::Repair);
}

#[tokio::test]
async fn stream_time_allow_passes_everything() {
    let (out, reported) = stream_204(Action::Allow).await;
    assert_eq!(out.body, "hello");
    assert!(reported.is_empty());
}

#[tokio::test]
async fn stream_time_repair_drops_204_trailers() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::GET, "/"),
        response(204, &[], TestBody::stream_with_trailers(&["x"])),
    )
    .await;
    assert!(out.body.is_empty());
    assert!(out.trailers.is_none());
}

#[tokio::test]
async fn stream_time_repair_of_a_205_removes_a_non_zero_length_up_front() {
    let out = run(
        &StatusConformanceLayer::new(),
        request(Method::POST, "/"),
        response(
            205,
            &[("content-length", "5")],
            TestBody::stream(&["hello"]),
        ),
    )
    .await;
    assert_eq!(header(&out, "content-length"), None);
    assert!(out.body.is_empty());
}

#[tokio::test]
async fn many_offending_frames_are_dropped_without_hogging() {
    let chunks: Vec<&'static str> = std::iter::repeat("x").take(1000).collect();
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new().on_violation(recorder.clone());
    let out = run(
        &layer,
        request(Method::HEAD, "/"),
        response(200, &[], TestBody::stream(&chunks)),
    )
    .await;
    assert!(out.body.is_empty());
    assert_eq!(recorder.take().len(), 1, "reported once");
}

#[tokio::test]
async fn a_counter_sits_beside_another_hook() {
    use tower_status_conformance::ViolationCounter;
    let counter = ViolationCounter::new();
    let recorder = Recorder::default();
    let layer = StatusConformanceLayer::new().on_violation((counter.clone(), recorder.clone()));
    run(
        &layer,
        request(Method::GET, "/"),
        response(600, &[], TestBody::empty()),
    )
    .await;
    run(
        &layer,
        request(Method::POST, "/"),
        response(405, &[], TestBody::empty()),
    )
    .await;
    assert_eq!(counter.get(Rule::STATUS_OUT_OF_RANGE, Action::Reject), 1);
    assert_eq!(
        counter.get(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, Action::Log),
        1
    );
    assert_eq!(counter.total(), 2);
    assert_eq!(
        recorder.ids(),
        ["status-out-of-range", "method-not-allowed-without-allow"]
    );
    let clone = counter.clone();
    assert_eq!(clone.snapshot().count(), 2, "clones share the counts");
}

/// Over HTTP/1.1 hyper's encoder drops a 204's content, so `strict()` passes it; judged as
/// the handler wrote it (`Wire::Received`), the same exchange fails the test.
#[tokio::test]
async fn strict_on_the_received_wire_fails_what_hyper_would_hide() {
    use tower_status_conformance::Wire;
    let exchange = || {
        (
            crate::support::request_h1(Method::GET, "/items/1"),
            response(204, &[], TestBody::full("hello")),
        )
    };
    let (request, body) = exchange();
    let out = run(&StatusConformanceLayer::strict(), request, body).await;
    assert_eq!(out.parts.status, StatusCode::NO_CONTENT);
    let (request, body) = exchange();
    let strict = StatusConformanceLayer::strict().wire(Wire::Received);
    let panicked = tokio::spawn(async move { run(&strict, request, body).await })
        .await
        .unwrap_err();
    assert!(panicked.is_panic());
}
