//! What a report keeps of a sweep's exchanges, apart from the sweep's flow so that a report
//! depends on no sweep: the requests that got no complete response ([`FailedRequest`]) and,
//! for a recording sweep ([`Sweep::record`](crate::sweep::Sweep::record)), each request as
//! sent and the head of the response it got ([`Recorded`]), so that a finding can be checked
//! from the report alone, without replaying it.

use std::fmt;

use http::{HeaderMap, Method, StatusCode, Version};

/// A request that got no complete response — of a [`Sweep`](crate::sweep::Sweep), the service
/// failed it or the response body failed while it was read; of a proxy, its upstream did — kept
/// in [`Report::failures`](crate::Report::failures): an app that does not answer a request has
/// answered it worst of all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailedRequest {
    pub(crate) method: Method,
    pub(crate) target: String,
    pub(crate) version: Version,
    pub(crate) error: String,
}

impl FailedRequest {
    /// A request that got no complete response, and why (as [`Collector::on_failure`] takes
    /// it).
    ///
    /// [`Collector::on_failure`]: crate::Collector::on_failure
    #[must_use]
    pub fn new(
        method: Method,
        target: impl Into<String>,
        version: Version,
        error: impl Into<String>,
    ) -> Self {
        Self {
            method,
            target: target.into(),
            version,
            error: error.into(),
        }
    }

    /// The request method.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request target (path and query), as the sweep's `Target` gave it.
    #[must_use]
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The HTTP version the request was sent in.
    #[must_use]
    pub fn version(&self) -> Version {
        self.version
    }

    /// What failed, as the service's or the body's error displays itself.
    #[must_use]
    pub fn error(&self) -> &str {
        &self.error
    }
}

impl fmt::Display for FailedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {:?}: {}",
            self.method, self.target, self.version, self.error
        )
    }
}

/// One request of a recording sweep and what it got, in the order sent:
/// [`Report::exchanges`](crate::Report::exchanges).
#[derive(Clone, Debug)]
pub struct Recorded {
    method: Method,
    target: String,
    version: Version,
    request_headers: HeaderMap,
    answer: Result<(StatusCode, HeaderMap, u64), String>,
}

impl Recorded {
    pub(crate) fn new(
        method: Method,
        target: &str,
        version: Version,
        request_headers: HeaderMap,
        answer: Result<(StatusCode, HeaderMap, u64), String>,
    ) -> Self {
        Self {
            method,
            target: target.to_owned(),
            version,
            request_headers,
            answer,
        }
    }

    /// The request method.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The request target, as the sweep's target gave it.
    #[must_use]
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The HTTP version it was sent in.
    #[must_use]
    pub fn version(&self) -> Version {
        self.version
    }

    /// The request's header fields as the sweep set them (`Host` for HTTP/1.x; a client may
    /// add its own on the wire).
    #[must_use]
    pub fn request_headers(&self) -> &HeaderMap {
        &self.request_headers
    }

    /// The response's status, when one came.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        self.answer.as_ref().ok().map(|(status, _, _)| *status)
    }

    /// The response's header fields, as received, when one came.
    #[must_use]
    pub fn response_headers(&self) -> Option<&HeaderMap> {
        self.answer.as_ref().ok().map(|(_, headers, _)| headers)
    }

    /// How many content octets arrived, when a response came.
    #[must_use]
    pub fn length(&self) -> Option<u64> {
        self.answer.as_ref().ok().map(|(_, _, length)| *length)
    }

    /// Why no complete response came, for a request that got none.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.answer.as_ref().err().map(String::as_str)
    }
}
