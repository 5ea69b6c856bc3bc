//! A response body for fixtures: known size, or frames whose size is unknown until they stream.

use std::{
    collections::VecDeque,
    convert::Infallible,
    pin::Pin,
    task::{Context, Poll},
};

use bytes::Bytes;
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};

#[derive(Debug)]
pub(crate) enum TestBody {
    /// Exact size known from the hint.
    Full(Option<Bytes>),
    /// Frames with no size hint: decided only while streaming.
    Stream(VecDeque<Frame<Bytes>>),
}

impl TestBody {
    pub(crate) fn empty() -> Self {
        Self::Full(None)
    }

    pub(crate) fn full(data: &'static str) -> Self {
        Self::Full((!data.is_empty()).then(|| Bytes::from_static(data.as_bytes())))
    }

    /// Unknown size; each `&str` is one data frame.
    pub(crate) fn stream(chunks: &[&'static str]) -> Self {
        Self::Stream(
            chunks
                .iter()
                .map(|c| Frame::data(Bytes::from_static(c.as_bytes())))
                .collect(),
        )
    }

    /// Unknown size, then a trailers frame.
    pub(crate) fn stream_with_trailers(chunks: &[&'static str]) -> Self {
        let Self::Stream(mut frames) = Self::stream(chunks) else {
            unreachable!()
        };
        let mut trailers = HeaderMap::new();
        trailers.insert("x-checksum", "abc".parse().unwrap());
        frames.push_back(Frame::trailers(trailers));
        Self::Stream(frames)
    }
}

impl Body for TestBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let frame = match self.get_mut() {
            Self::Full(data) => data.take().map(Frame::data),
            Self::Stream(frames) => frames.pop_front(),
        };
        Poll::Ready(frame.map(Ok))
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Self::Full(data) => data.is_none(),
            Self::Stream(frames) => frames.is_empty(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(data) => SizeHint::with_exact(data.as_ref().map_or(0, |d| d.len() as u64)),
            Self::Stream(_) => SizeHint::default(),
        }
    }
}
