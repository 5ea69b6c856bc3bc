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
    DefaultResponseForViolation, OnViolation, ResponseForViolation, StatusConformanceLayer,
};

/// Middleware that checks every response of the inner service against the status-code rules.
///
/// Created by [`StatusConformanceLayer`]; see the [crate docs](crate) for what it does.
pub struct StatusConformance<S, V = (), R = DefaultResponseForViolation> {
    inner: S,
    shared: Arc<Shared<V, R>>,
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

impl<S, V, R> StatusConformance<S, V, R> {
    pub(crate) fn from_parts(inner: S, shared: Arc<Shared<V, R>>) -> Self {
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

impl<S: Clone, V, R> Clone for StatusConformance<S, V, R> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            shared: Arc::clone(&self.shared),
        }
    }
}

impl<S: fmt::Debug, V, R> fmt::Debug for StatusConformance<S, V, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StatusConformance")
            .field("inner", &self.inner)
            .field("config", &self.shared)
            .finish()
    }
}

impl<S, V, R, ReqBody, ResBody> Service<Request<ReqBody>> for StatusConformance<S, V, R>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ReqBody: Body,
    ResBody: Body<Data = Bytes>,
    V: OnViolation + Send + Sync + 'static,
    R: ResponseForViolation + Send + Sync + 'static,
{
    type Response = Response<ResponseBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, V, R>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let facts = RequestFacts::capture(&request);
        ResponseFuture::new(self.inner.call(request), facts, Arc::clone(&self.shared))
    }
}
