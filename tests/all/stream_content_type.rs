//! Content without `Content-Type` on a body of unknown size (a stream, or what a client reads
//! off a chunked response) is found when its first bytes stream, as on a body of known size at
//! head time: logged whatever the action (it has no repair, and the head is gone), every frame
//! passed on.

use std::convert::Infallible;

use crate::support::body::TestBody;
use http::{Request, Response};
use http_body_util::BodyExt;
use tower::{service_fn, Layer, ServiceExt};
use tower_status_conformance::{Action, Collector, Rule, Stage, StatusConformanceLayer};

async fn run(
    layer: StatusConformanceLayer,
    body: fn() -> TestBody,
    content_type: bool,
) -> (Collector, Vec<u8>, bool) {
    let collector = Collector::new();
    let service =
        layer
            .on_violation(collector.clone())
            .layer(service_fn(move |_: Request<String>| {
                let mut response = Response::builder();
                if content_type {
                    response = response.header("content-type", "text/event-stream");
                }
                let response = response.body(body()).unwrap();
                async move { Ok::<_, Infallible>(response) }
            }));
    let response = service
        .oneshot(Request::get("/events").body(String::new()).unwrap())
        .await
        .unwrap();
    let reported_at_head = !collector.report().is_empty();
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (collector, bytes, reported_at_head)
}

#[tokio::test]
async fn a_stream_without_content_type_is_found_when_it_streams() {
    for layer in [
        StatusConformanceLayer::new(),
        StatusConformanceLayer::observe(),
        // No repair and no head left to reject: logged.
        StatusConformanceLayer::new().action(Rule::CONTENT_WITHOUT_CONTENT_TYPE, Action::Repair),
        StatusConformanceLayer::new().action(Rule::CONTENT_WITHOUT_CONTENT_TYPE, Action::Reject),
    ] {
        let (collector, bytes, at_head) = run(
            layer,
            || TestBody::stream(&["data: 1\n\n", "data: 2\n\n"]),
            false,
        )
        .await;
        assert!(!at_head, "unknown at head time");
        assert_eq!(bytes, b"data: 1\n\ndata: 2\n\n", "every frame passes");
        let report = collector.report();
        let groups: Vec<_> = report.groups().collect();
        assert_eq!(groups.len(), 1, "{report}");
        assert_eq!(groups[0].rule(), Rule::CONTENT_WITHOUT_CONTENT_TYPE);
        assert_eq!(groups[0].example().stage(), Stage::Stream);
        assert_eq!(groups[0].example().action(), Action::Log);
    }
}

#[tokio::test]
async fn a_typed_or_empty_stream_is_not() {
    let (collector, _, _) = run(
        StatusConformanceLayer::new(),
        || TestBody::stream(&["x"]),
        true,
    )
    .await;
    assert!(collector.report().is_empty(), "{}", collector.report());
    let (collector, bytes, _) = run(
        StatusConformanceLayer::new(),
        || TestBody::stream(&[]),
        false,
    )
    .await;
    assert!(bytes.is_empty());
    assert!(collector.report().is_empty(), "{}", collector.report());
}

/// Over the wire: hyper chunks the stream, and a sweep reading it through `sweep::Client`
/// finds it the same.
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chunked_response_without_content_type_is_found_by_a_sweep() {
    use http::Version;
    use tower_status_conformance::sweep::Sweep;

    let app = service_fn(|request: Request<hyper::body::Incoming>| async move {
        let body = match *request.method() {
            http::Method::GET => TestBody::stream(&["chunk one ", "chunk two"]),
            _ => TestBody::empty(),
        };
        let status =
            if request.method() == http::Method::GET || request.method() == http::Method::HEAD {
                200
            } else {
                405
            };
        let mut response = Response::builder().status(status);
        if status == 405 {
            response = response.header("allow", "GET, HEAD");
        }
        Ok::<_, Infallible>(response.body(body).unwrap())
    });
    let addr = crate::support::wire::spawn_hyper(app).await;
    let report = Sweep::new()
        .versions([Version::HTTP_11, Version::HTTP_2])
        .target("/stream")
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    let rules: Vec<Rule> = report.groups().map(|group| group.rule()).collect();
    assert!(
        rules.contains(&Rule::CONTENT_WITHOUT_CONTENT_TYPE),
        "{report}"
    );
}
