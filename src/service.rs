//! The [`StatusConformance`] service.

use std::{
    fmt,
    sync::Arc,
    task::{Context, Poll},
};

use bytes::Bytes;
use http::{Request, Response};
use http_body::Body;
use tower_service::Service;

use crate::{
    body::ResponseBody, facts::RequestFacts, future::ResponseFuture, shared::Shared,
    StatusConformanceLayer,
};

/// Middleware that checks every response of the inner service against the status-code rules.
///
/// Created by [`StatusConformanceLayer`]; see the [crate docs](crate) for what it does. The
/// hook ([`on_violation`](StatusConformanceLayer::on_violation)) and the reject response
/// ([`reject_with`](StatusConformanceLayer::reject_with)) live in the shared configuration, so
/// the type names only the inner service, whatever the configuration:
///
/// ```
/// use std::convert::Infallible;
///
/// use http::{Request, Response};
/// use tower::service_fn;
/// use tower_layer::Layer;
/// use tower_status_conformance::{StatusConformance, StatusConformanceLayer, ViolationCounter};
///
/// async fn handler(_: Request<String>) -> Result<Response<String>, Infallible> {
///     Ok(Response::new(String::new()))
/// }
///
/// struct App<S> {
///     service: StatusConformance<S>,
/// }
///
/// let layer = StatusConformanceLayer::new()
///     .on_violation(ViolationCounter::new())
///     .reject_with(|_: &tower_status_conformance::Violation| Response::new("no".into()));
/// let app = App { service: layer.layer(service_fn(handler)) };
/// # let _ = app.service;
/// ```
pub struct StatusConformance<S> {
    inner: S,
    shared: Arc<Shared>,
}

impl<S> StatusConformance<S> {
    /// Wraps `inner` with each rule's default action ([`StatusConformanceLayer::new`]).
    pub fn new(inner: S) -> Self {
        tower_layer::Layer::layer(&StatusConformanceLayer::new(), inner)
    }

    /// A [`StatusConformanceLayer`] with each rule's default action.
    pub fn layer() -> StatusConformanceLayer {
        StatusConformanceLayer::new()
    }
}

impl<S> StatusConformance<S> {
    pub(crate) fn from_parts(inner: S, shared: Arc<Shared>) -> Self {
        Self { inner, shared }
    }

    /// A reference to the inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// A mutable reference to the inner service.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// The inner service.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: Clone> Clone for StatusConformance<S> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S: fmt::Debug> fmt::Debug for StatusConformance<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusConformance")
            .field("inner", &self.inner)
            .field("config", &self.shared)
            .finish()
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for StatusConformance<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ReqBody: Body,
    ResBody: Body<Data = Bytes>,
{
    type Response = Response<ResponseBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        if self.shared.skip_if.is_some() {
            return self.call_unless_skipped(request);
        }
        let facts = RequestFacts::capture(&request, self.shared.capture);
        ResponseFuture::new(self.inner.call(request), facts, Arc::clone(&self.shared))
    }
}

impl<S> StatusConformance<S> {
    /// `call` when `skip_if` is configured: out of line, so that the common call stays small.
    #[inline(never)]
    fn call_unless_skipped<ReqBody, ResBody>(
        &mut self,
        request: Request<ReqBody>,
    ) -> ResponseFuture<S::Future>
    where
        S: Service<Request<ReqBody>, Response = Response<ResBody>>,
        ReqBody: Body,
    {
        let (parts, body) = request.into_parts();
        let skipped = self
            .shared
            .skip_if
            .as_ref()
            .is_some_and(|skip| skip(&parts));
        let request = Request::from_parts(parts, body);
        if skipped {
            return ResponseFuture::skipped(self.inner.call(request));
        }
        let facts = RequestFacts::capture(&request, self.shared.capture);
        ResponseFuture::new(self.inner.call(request), facts, Arc::clone(&self.shared))
    }
}
