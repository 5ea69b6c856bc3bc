//! [`ResponseBody`]: the body of every response that passed through the layer, and the
//! stream-time checks.

use std::{
    fmt,
    pin::Pin,
    sync::Arc,
    task::{ready, Context, Poll},
};

use bytes::Bytes;
use http::StatusCode;
use http_body::{Body, Frame, SizeHint};
use pin_project_lite::pin_project;

use crate::{
    facts::RequestFacts,
    shared::Shared,
    violation::{Stage, Violation},
    Action, Route, Rule,
};

/// How many offending frames a repairing body drops in one `poll_frame` before yielding, so a
/// body that is always ready cannot hog the executor.
const DROP_BUDGET: usize = 128;

pin_project! {
    /// The response body produced by [`StatusConformance`](crate::StatusConformance).
    ///
    /// Forwards the inner body's frames, `is_end_stream` and `size_hint` unchanged unless a
    /// rule's action changed them:
    ///
    /// - a head-time repair that removes content yields an empty body (`is_end_stream` is true,
    ///   exact size 0);
    /// - a rejected response yields the reject response's bytes;
    /// - a body of unknown size on a response that must not have content (204, 205, 304, a
    ///   response to HEAD) is *watched*: its first non-empty data frame (or, for 204 and 304, a
    ///   trailers frame) is a stream-time violation. With `Log` frames pass; with `Repair` or
    ///   `Reject` offending frames are dropped; with `Panic`, `poll_frame` panics.
    ///
    /// A server that never polls the body (hyper's HTTP/1 server does not poll the body of a
    /// 204, 304 or HEAD response) never triggers a stream-time check; nothing reaches the client
    /// in that case.
    pub struct ResponseBody<B> {
        #[pin]
        inner: Inner<B>,
    }
}

pin_project! {
    #[project = InnerProj]
    enum Inner<B> {
        Passthrough { #[pin] body: B },
        Empty,
        Replaced { data: Option<Bytes> },
        // Boxed: a watched body is rare, and keeping `Watch` inline would make every
        // `ResponseBody` five times the size of the state it carries on the common path.
        Watched { #[pin] body: B, watch: Box<Watch> },
    }
}

/// The stream-time state of a watched body.
pub(crate) struct Watch {
    rule: Rule,
    /// The action taken when content shows up: `Log`, `Repair` or `Panic`.
    taken: Action,
    status: StatusCode,
    facts: RequestFacts,
    route: Option<Route>,
    /// Which of the rule's fields the head had, for reports.
    present_fields: u8,
    report: Arc<Shared>,
    /// Whether there is nothing left to decide: the violation was reported, or the rule is
    /// judged on the content's first octets and they were clean.
    decided: bool,
}

impl Watch {
    pub(crate) fn new(
        rule: Rule,
        configured: Action,
        status: StatusCode,
        facts: RequestFacts,
        route: Option<Route>,
        present_fields: u8,
        report: Arc<Shared>,
    ) -> Self {
        // The head is gone by the time content shows up: rejecting means dropping the bytes —
        // for a rule whose repair drops them; one without a repair (content without a type)
        // can only be logged by then.
        let taken = match configured {
            Action::Reject | Action::Repair if !rule.can_repair() => Action::Log,
            Action::Reject => Action::Repair,
            other => other,
        };
        Self {
            rule,
            taken,
            status,
            facts,
            route,
            present_fields,
            report,
            decided: false,
        }
    }

    pub(crate) fn repairs(&self) -> bool {
        self.taken == Action::Repair
    }

    fn offending(&self, frame: &Frame<Bytes>) -> bool {
        match frame.data_ref() {
            Some(data) => !data.is_empty(),
            None => crate::rules::content::trailers_offend(self.rule, self.facts.version),
        }
    }

    /// Whether an offending `frame` is forgiven, judged as received
    /// (`rules::content::forgiven_as_received`). Out of line, and asked only of a frame that
    /// offends: the conforming path never comes here.
    #[cold]
    #[inline(never)]
    fn forgiven(&mut self, frame: &Frame<Bytes>) -> bool {
        if self.report.wire != crate::Wire::Received {
            return false;
        }
        let Some(data) = frame.data_ref() else {
            return false;
        };
        match crate::rules::content::forgiven_as_received(self.rule, data) {
            Some(forgiven) => {
                // Whatever the first octets show, nothing is left to decide after them.
                self.decided = forgiven;
                forgiven
            }
            None => false,
        }
    }

    fn report_once(&mut self) {
        if !self.decided {
            self.decided = true;
            let violation = Violation::new(
                self.rule,
                self.taken,
                Stage::Stream,
                self.status,
                &self.facts,
                self.route.clone(),
            )
            .with_present_fields(self.present_fields);
            self.report.report(&violation);
        }
    }
}

impl fmt::Debug for Watch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch")
            .field("rule", &self.rule)
            .field("taken", &self.taken)
            .field("status", &self.status)
            .field("decided", &self.decided)
            .finish_non_exhaustive()
    }
}

impl<B> ResponseBody<B> {
    pub(crate) fn passthrough(body: B) -> Self {
        Self {
            inner: Inner::Passthrough { body },
        }
    }

    pub(crate) fn empty() -> Self {
        Self {
            inner: Inner::Empty,
        }
    }

    pub(crate) fn replaced(data: Bytes) -> Self {
        Self {
            inner: Inner::Replaced {
                data: (!data.is_empty()).then_some(data),
            },
        }
    }

    pub(crate) fn watched(body: B, watch: Watch) -> Self {
        Self {
            inner: Inner::Watched {
                body,
                watch: Box::new(watch),
            },
        }
    }
}

impl<B> Body for ResponseBody<B>
where
    B: Body<Data = Bytes>,
{
    type Data = Bytes;
    type Error = B::Error;

    #[inline]
    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, B::Error>>> {
        match self.project().inner.project() {
            InnerProj::Passthrough { body } => body.poll_frame(cx),
            InnerProj::Empty => Poll::Ready(None),
            InnerProj::Replaced { data } => Poll::Ready(data.take().map(|d| Ok(Frame::data(d)))),
            InnerProj::Watched { mut body, watch } => {
                // Once `Log` or `Panic` has reported (or the first octets were clean), there
                // is nothing left to decide: the frames pass as they would unwatched.
                if watch.decided && !watch.repairs() {
                    return body.poll_frame(cx);
                }
                for _ in 0..DROP_BUDGET {
                    let frame = match ready!(body.as_mut().poll_frame(cx)) {
                        Some(Ok(frame)) => frame,
                        other => return Poll::Ready(other),
                    };
                    if !watch.offending(&frame) || watch.forgiven(&frame) {
                        return Poll::Ready(Some(Ok(frame)));
                    }
                    watch.report_once();
                    if !watch.repairs() {
                        return Poll::Ready(Some(Ok(frame)));
                    }
                }
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.inner {
            Inner::Passthrough { body } | Inner::Watched { body, .. } => body.is_end_stream(),
            Inner::Empty => true,
            Inner::Replaced { data } => data.is_none(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Passthrough { body } => body.size_hint(),
            Inner::Empty => SizeHint::with_exact(0),
            Inner::Replaced { data } => {
                SizeHint::with_exact(data.as_ref().map_or(0, |d| d.len() as u64))
            }
            Inner::Watched { body, watch } if watch.repairs() => {
                // Any byte may be dropped: only the upper bound survives.
                let mut hint = SizeHint::new();
                if let Some(upper) = body.size_hint().upper() {
                    hint.set_upper(upper);
                }
                hint
            }
            Inner::Watched { body, .. } => body.size_hint(),
        }
    }
}

impl<B> fmt::Debug for ResponseBody<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &self.inner {
            Inner::Passthrough { .. } => "Passthrough",
            Inner::Empty => "Empty",
            Inner::Replaced { .. } => "Replaced",
            Inner::Watched { .. } => "Watched",
        };
        f.debug_struct("ResponseBody").field("kind", &kind).finish()
    }
}
