//! What a rejected response is replaced with.

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};

use crate::Violation;

/// Builds the response that replaces a [`Reject`](crate::Action::Reject)ed one.
///
/// Implemented for [`DefaultResponseForViolation`] and every `Fn(&Violation) -> Response<Bytes>`.
/// Whatever it returns, the layer then sets `Content-Length` to the body's length, and empties
/// the body when the request was HEAD; the violations are attached to its extensions.
///
/// # Example
///
/// ```
/// use bytes::Bytes;
/// use http::{Request, Response, StatusCode};
/// use tower::{service_fn, Layer, ServiceExt};
/// use tower_status_conformance::{StatusConformanceLayer, Violation};
/// use http_body_util::BodyExt;
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
///
/// let layer = StatusConformanceLayer::new().reject_with(|violation: &Violation| {
///     Response::builder()
///         .status(StatusCode::BAD_GATEWAY)
///         .body(Bytes::from(format!("rejected: {}", violation.rule())))
///         .unwrap()
/// });
/// let service = layer.layer(service_fn(|_req: Request<String>| async {
///     let res = Response::builder().status(600).body(String::from("leaked"));
///     Ok::<_, std::convert::Infallible>(res.unwrap())
/// }));
/// let res = service.oneshot(Request::get("/").body(String::new()).unwrap()).await.unwrap();
/// assert_eq!(res.status(), StatusCode::BAD_GATEWAY);
/// assert_eq!(res.headers()["content-length"], "29");
/// let body = res.into_body().collect().await.unwrap().to_bytes();
/// assert_eq!(body, "rejected: status-out-of-range");
/// # }
/// ```
pub trait ResponseForViolation {
    /// Builds the replacement for a response that broke `violation`'s rule.
    fn response_for_violation(&self, violation: &Violation) -> Response<Bytes>;
}

impl<F> ResponseForViolation for F
where
    F: Fn(&Violation) -> Response<Bytes>,
{
    fn response_for_violation(&self, violation: &Violation) -> Response<Bytes> {
        self(violation)
    }
}

/// The default reject response: `500 Internal Server Error`, `Cache-Control: no-store`, and a
/// one-line `text/plain` body naming the rule and its section. It never echoes the handler's
/// body or header values.
///
/// ```text
/// response rejected by status-conformance: `status-out-of-range` (RFC 9110 §15)
/// ```
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub struct DefaultResponseForViolation;

impl DefaultResponseForViolation {
    /// The default reject response.
    #[must_use]
    pub const fn new() -> Self {
        Self
    }
}

impl ResponseForViolation for DefaultResponseForViolation {
    fn response_for_violation(&self, violation: &Violation) -> Response<Bytes> {
        let rule = violation.rule();
        let body = format!(
            "response rejected by status-conformance: `{rule}` ({})\n",
            rule.spec()
        );
        let mut response = Response::new(Bytes::from(body));
        *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    }
}
