//! Future types.

use std::{
    future::Future,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
};

use bytes::Bytes;
use http::Response;
use http_body::Body;
use pin_project_lite::pin_project;

use crate::{
    body::ResponseBody,
    conform::{check, conform},
    facts::RequestFacts,
    shared::Shared,
};

pin_project! {
    /// Response future of [`StatusConformance`](crate::StatusConformance).
    ///
    /// When the inner future yields a response, checks its head and applies each violation's
    /// action (see [`Action`](crate::Action)); errors of the inner service pass through as they
    /// are.
    ///
    /// # Panics
    ///
    /// When a violated rule's action is [`Action::Panic`](crate::Action::Panic), or when polled
    /// after it completed.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        // What a check needs, side by side rather than in an enum, so that building the future
        // writes each in place: the facts (120 bytes, moved without a `memcpy` call) and the
        // configuration, `None` when the request matched `skip_if`.
        facts: RequestFacts,
        shared: Option<Arc<Shared>>,
        // Set once the response is out. The fields stay as they are (until the future drops):
        // replacing them would move the facts, or the response past them.
        done: bool,
    }
}

impl<F> ResponseFuture<F> {
    pub(crate) fn new(inner: F, facts: RequestFacts, shared: Arc<Shared>) -> Self {
        Self {
            inner,
            facts,
            shared: Some(shared),
            done: false,
        }
    }

    /// The request matched `skip_if`: the response passes through unchecked.
    pub(crate) fn skipped(inner: F) -> Self {
        Self {
            inner,
            facts: RequestFacts::default(),
            shared: None,
            done: false,
        }
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Body<Data = Bytes>,
{
    type Output = Result<Response<ResponseBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        assert!(!*this.done, "future polled after completion");
        let polled = this.inner.poll(cx);
        // The response is checked where the inner future put it, and moved once, into what
        // this returns; the facts are read where they are.
        let found = match (&polled, &*this.shared) {
            (Poll::Pending, _) => return Poll::Pending,
            (Poll::Ready(Ok(response)), Some(shared)) => Some(check(response, this.facts, shared)),
            // Skipped, or the inner service failed: nothing to check.
            _ => None,
        };
        // Ready here: `Pending` returned above. Matching `polled` by value only now keeps the
        // response in place during the check.
        let Poll::Ready(result) = polled else {
            return Poll::Pending;
        };
        // Done whatever the outcome: an error is the future's output too.
        *this.done = true;
        let response = result?;
        Poll::Ready(Ok(match (found, this.shared) {
            (Some(found), Some(shared)) => conform(response, this.facts, shared, found),
            _ => response.map(ResponseBody::passthrough),
        }))
    }
}

impl<F> std::fmt::Debug for ResponseFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseFuture")
            .field("inner", &std::any::type_name::<F>())
            .finish_non_exhaustive()
    }
}
