//! [`Culprit`]: a component other than the application that put a violation in a response.

use std::fmt;

use http::{header, HeaderMap};

/// A component outside the application's handlers that put a violation in the response: the
/// handler did not write it and cannot remove it. Reports list these apart from the
/// handlers' ([`Report`](crate::Report)), once per rule and route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Culprit {
    /// axum 0.8's `content-length` on every response whose size it knows, `0` on an empty one
    /// (`set_content_length` in axum 0.8.9 `src/routing/route.rs`; axum's `main` of 2026-08-20,
    /// unreleased, still adds it to a 204 and a 304, and no longer to HEAD): on an empty 204 or
    /// 304 it reaches HTTP/2 clients (hyper's HTTP/1 encoder drops it). Recognised by what it
    /// writes, so a handler that sets `content-length: 0` itself is named the same.
    AxumContentLength,
}

impl Culprit {
    /// The culprit of a finding about a `Content-Length` that should not be there (the
    /// layer's, `rules::content::may_be_framework_framing`) or that is not the 200's (the
    /// sweep's), in a response with `headers` whose content is `empty`: recognised by what it
    /// writes, a `content-length: 0` on an empty response.
    pub(crate) fn recognise(headers: &HeaderMap, empty: bool) -> Option<Self> {
        let zero_length = headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length == "0");
        (empty && zero_length).then_some(Self::AxumContentLength)
    }

    /// The component and the version that behaves so, as `name version`.
    #[must_use]
    pub const fn component(self) -> &'static str {
        match self {
            Self::AxumContentLength => "axum 0.8",
        }
    }

    /// What it does, in a sentence.
    #[must_use]
    pub const fn what(self) -> &'static str {
        match self {
            Self::AxumContentLength => {
                "adds `content-length: 0` to every empty response, a 204 or 304 included; \
                 hyper sends it over HTTP/2"
            }
        }
    }
}

impl fmt::Display for Culprit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.component(), self.what())
    }
}
