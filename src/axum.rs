//! axum integration (the `axum` feature): the layer installed where it is wire-true, with the
//! route template on every violation.

use std::{
    future::Future,
    pin::Pin,
    task::{ready, Context, Poll},
};

use ::axum::{extract::MatchedPath, Router};
use http::{Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::StatusConformanceLayer;

/// Installs [`StatusConformanceLayer`] on an axum [`Router`] in the one placement that sees
/// what reaches the wire.
///
/// `app.with_status_conformance(layer)` is
/// `Router::new().fallback_service(app.route_layer(…)).layer(layer)`: the layer wraps the
/// finished router, so it sees the `Allow` axum adds to its own 405s, the HEAD bodies axum
/// strips and the `content-length` axum adds; and a route layer inside the router copies
/// axum's [`MatchedPath`] to the response, so every violation names its route
/// ([`Violation::route`](crate::Violation::route), the `http.route` event field). A plain
/// `app.layer(layer)` runs before axum finishes the response (see the README).
///
/// The route layer costs each routed request one clone of the matched path (a reference count)
/// and an insertion into the response extensions.
///
/// ```
/// use axum::{routing::get, Router};
/// use tower_status_conformance::{axum::RouterExt, StatusConformanceLayer};
///
/// let app: Router = Router::new()
///     .route("/users/{id}", get(|| async { "user" }))
///     .with_status_conformance(StatusConformanceLayer::new());
/// # let _ = app;
/// ```
pub trait RouterExt: sealed::Sealed {
    /// The router wrapped by `layer` where the layer is wire-true, with route attribution.
    fn with_status_conformance(self, layer: StatusConformanceLayer) -> Router;
}

impl RouterExt for Router {
    fn with_status_conformance(self, layer: StatusConformanceLayer) -> Self {
        Self::new()
            .fallback_service(self.route_layer(MatchedPathLayer))
            .layer(layer)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for ::axum::Router {}
}

/// Copies the request's [`MatchedPath`] to the response extensions.
#[derive(Clone, Copy, Debug)]
struct MatchedPathLayer;

impl<S> Layer<S> for MatchedPathLayer {
    type Service = MatchedPathService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        MatchedPathService { inner }
    }
}

#[derive(Clone, Debug)]
struct MatchedPathService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for MatchedPathService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = MatchedPathFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let matched = request.extensions().get::<MatchedPath>().cloned();
        MatchedPathFuture {
            inner: self.inner.call(request),
            matched,
        }
    }
}

pin_project! {
    struct MatchedPathFuture<F> {
        #[pin]
        inner: F,
        matched: Option<MatchedPath>,
    }
}

impl<F, B, E> Future for MatchedPathFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut response = ready!(this.inner.poll(cx))?;
        if let Some(matched) = this.matched.take() {
            response.extensions_mut().insert(matched);
        }
        Poll::Ready(Ok(response))
    }
}
