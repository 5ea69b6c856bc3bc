//! Classes of wrong verdict fixed for issue 9 that the exchange text format cannot express:
//! request bodies, and the HEAD/206 pairing. (The others are fixtures in
//! `support/fixtures.rs`, run by `tests/all/rules.rs`.)

use std::{
    pin::Pin,
    task::{Context, Poll},
};

use crate::support::TestBody;
use bytes::Bytes;
use http::{Method, Request, Response, Version};
use http_body::{Body, Frame, SizeHint};
use tower::{Layer, ServiceExt};
use tower_status_conformance::{check_all, Findings, Rule, StatusConformanceLayer};

/// A request body as hyper hands one over for an HTTP/2 request that carries no
/// `Content-Length`: no size hint, and at its end or not depending on whether the HEADERS frame
/// ended the stream.
struct H2Body {
    ended: bool,
}

/// DATA frames still coming.
const STREAMING: H2Body = H2Body { ended: false };
/// The request ended with its HEADERS frame.
const ENDED: H2Body = H2Body { ended: true };

impl Body for H2Body {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.ended
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::new()
    }
}

fn post<B>(version: Version, length: Option<&str>, body: B) -> Request<B> {
    let mut request = Request::builder()
        .method(Method::POST)
        .uri("https://example.com/upload")
        .version(version);
    if let Some(length) = length {
        request = request.header("content-length", length);
    }
    request.body(body).unwrap()
}

fn status(code: u16, headers: &[(&str, &str)]) -> Response<TestBody> {
    let mut response = Response::builder().status(code);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(TestBody::full("refused")).unwrap()
}

/// What the layer finds on `response` to `request`, whose body is of any `Body` type: the layer
/// asks the body (hyper's `Incoming`) what `check` cannot.
fn through_layer<B>(request: Request<B>, response: Response<TestBody>) -> Findings
where
    B: Body + Send + 'static,
{
    let recorder = crate::support::Recorder::default();
    let layer = StatusConformanceLayer::observe().on_violation(recorder.clone());
    let response = std::sync::Mutex::new(Some(response));
    let service = layer.layer(tower::service_fn(move |_: Request<B>| {
        let response = response.lock().unwrap().take().unwrap();
        async move { Ok::<_, std::convert::Infallible>(response) }
    }));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(service.oneshot(request)).unwrap();
    recorder.take().iter().map(|v| v.rule()).collect()
}

/// Class 2: whether the request had content is asked of its body too (RFC 9113 §8.1), by the
/// layer; `check`, which takes any body type, asks only the framing fields of a body it does
/// not know, and then assumes nothing.
#[test]
fn an_http2_request_streaming_content_without_a_length_has_content() {
    let too_large = || status(413, &[("content-type", "text/plain")]);
    let found = through_layer(post(Version::HTTP_2, None, STREAMING), too_large());
    assert!(
        !found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );

    let unsupported = status(415, &[("content-type", "text/plain")]);
    let found = through_layer(post(Version::HTTP_2, None, STREAMING), unsupported);
    assert!(
        !found.contains(Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT),
        "{found:?}"
    );

    // A body that says it carries bytes counts as content, whatever the headers say.
    let found = check_all(
        &post(Version::HTTP_2, None, String::from("data")),
        &too_large(),
    );
    assert!(
        !found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );
}

#[test]
fn a_request_known_to_be_empty_has_no_content() {
    let too_large = status(413, &[("content-type", "text/plain")]);
    // An HTTP/2 request that ended with its HEADERS frame: the layer asks the body.
    let found = through_layer(
        post(Version::HTTP_2, None, ENDED),
        status(413, &[("content-type", "text/plain")]),
    );
    assert!(
        found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );
    // `check` does not know the body type, so assumes nothing.
    let found = check_all(&post(Version::HTTP_2, None, ENDED), &too_large);
    assert!(
        !found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );
    // `Content-Length: 0` decides, even before the body is asked.
    let found = check_all(&post(Version::HTTP_11, Some("0"), STREAMING), &too_large);
    assert!(
        found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );
    // An invalid length leaves it unknown.
    let found = check_all(
        &post(Version::HTTP_11, Some("zero"), String::new()),
        &too_large,
    );
    assert!(
        !found.contains(Rule::CONTENT_TOO_LARGE_WITHOUT_CONTENT),
        "{found:?}"
    );
}

/// Class 1: on HEAD, Content-Length describes what a GET would send (RFC 9110 §8.6).
#[test]
fn a_206_to_head_is_not_measured_by_its_empty_body() {
    let head = Request::builder()
        .method(Method::HEAD)
        .uri("/video")
        .header("range", "bytes=0-3")
        .body(String::new())
        .unwrap();
    let partial = |length: &str| {
        Response::builder()
            .status(206)
            .header("content-range", "bytes 0-3/9")
            .header("content-length", length)
            .header("content-type", "video/mp4")
            .body(TestBody::empty())
            .unwrap()
    };
    let found = check_all(&head, &partial("4"));
    assert!(
        !found.contains(Rule::PARTIAL_CONTENT_LENGTH_MISMATCH),
        "{found:?}"
    );
    // Range handling is defined for GET only: that stays a finding (RFC 9110 §14.2).
    assert!(found.contains(Rule::RANGE_STATUS_FOR_NON_GET), "{found:?}");
    // A declared length that contradicts the range is still one.
    let found = check_all(&head, &partial("9"));
    assert!(
        found.contains(Rule::PARTIAL_CONTENT_LENGTH_MISMATCH),
        "{found:?}"
    );
}

/// Found by `tests/all/properties.rs`: repairing the body of a 206 to HEAD added a
/// `Content-Length` measured from that body (5), which contradicted its `Content-Range` (4
/// octets) and so introduced `partial-content-length-mismatch`. A 206's length is the range's.
#[tokio::test]
async fn repairing_a_head_206_body_adds_no_length_from_it() {
    // Over HTTP/2, where hyper would send the body, so that the layer repairs it.
    let head = || {
        Request::builder()
            .method(Method::HEAD)
            .uri("/")
            .version(Version::HTTP_2)
            .header("range", "bytes=0-3")
            .body(String::new())
            .unwrap()
    };
    let partial = Response::builder()
        .status(206)
        .header("content-range", "bytes 0-3/10")
        .header("content-type", "video/mp4")
        .body(TestBody::full("\0\0\0\0\0"))
        .unwrap();
    let recorder = crate::support::Recorder::default();
    let layer = StatusConformanceLayer::new()
        .action(
            Rule::HEAD_RESPONSE_WITH_BODY,
            tower_status_conformance::Action::Repair,
        )
        .on_violation(recorder.clone());
    let out = crate::support::run(&layer, head(), partial).await;
    let repaired: Vec<_> = recorder
        .take()
        .into_iter()
        .filter(|v| v.rule() == Rule::HEAD_RESPONSE_WITH_BODY)
        .map(|v| v.action())
        .collect();
    assert_eq!(repaired, [tower_status_conformance::Action::Repair]);
    assert!(out.body.is_empty());
    assert_eq!(out.parts.headers.get("content-length"), None);
    let repaired = Response::from_parts(out.parts, String::new());
    assert!(!check_all(&head(), &repaired).contains(Rule::PARTIAL_CONTENT_LENGTH_MISMATCH));
}

/// Class 7 for `Expect`, a list field (RFC 9110 §10.1.1): `100-continue` may come second, on a
/// second line.
#[test]
fn expect_is_read_as_a_list_over_every_line() {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/upload")
        .header("expect", "x-custom")
        .header("expect", "x-other, 100-Continue")
        .header("content-length", "1")
        .body(String::new())
        .unwrap();
    let interim = Response::builder()
        .status(100)
        .body(TestBody::empty())
        .unwrap();
    let found = check_all(&request, &interim);
    assert!(!found.contains(Rule::CONTINUE_WITHOUT_EXPECT), "{found:?}");
    assert!(found.contains(Rule::INFORMATIONAL_AS_FINAL), "{found:?}");
}

/// Found by the property tests: turning a 301 answering POST into a 308 keeps the method, and
/// with `Location` pointing at the request itself the client would re-send the POST forever.
/// The opt-in repair declines there: the violation is logged, the status stays.
#[tokio::test]
async fn a_post_redirect_to_itself_is_not_made_a_loop() {
    use tower_status_conformance::{Action, StatusConformanceLayer};

    let recorder = crate::support::Recorder::default();
    let layer = StatusConformanceLayer::new()
        .action(Rule::REDIRECT_MAY_CHANGE_POST_TO_GET, Action::Repair)
        .on_violation(recorder.clone());
    let request = Request::post("/form").body(String::new()).unwrap();
    let response = Response::builder()
        .status(301)
        .header("location", "/form")
        .body(TestBody::empty())
        .unwrap();
    let out = crate::support::run(&layer, request, response).await;
    assert_eq!(out.parts.status, 301);
    let reported: Vec<_> = recorder
        .take()
        .iter()
        .map(|v| (v.rule(), v.action()))
        .collect();
    assert_eq!(
        reported,
        [(Rule::REDIRECT_MAY_CHANGE_POST_TO_GET, Action::Log)]
    );

    // Elsewhere the repair applies.
    let request = Request::post("/form").body(String::new()).unwrap();
    let response = Response::builder()
        .status(301)
        .header("location", "/done")
        .body(TestBody::empty())
        .unwrap();
    assert_eq!(
        crate::support::run(&layer, request, response)
            .await
            .parts
            .status,
        308
    );
}
