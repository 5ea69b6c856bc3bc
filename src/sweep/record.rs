//! The exchanges of a sweep kept as evidence ([`Sweep::record`](super::Sweep::record)): each
//! request as sent and the head of the response it got, so that a finding can be checked from
//! the report alone, without replaying it.

use http::{HeaderMap, Method, StatusCode, Version};

use super::{exchange::Exchange, FailedRequest};

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
    pub(super) fn new(
        request_headers: HeaderMap,
        target: &str,
        outcome: &Result<Exchange, FailedRequest>,
    ) -> Self {
        let (method, version, answer) = match outcome {
            Ok(exchange) => (
                exchange.method.clone(),
                exchange.version,
                Ok((exchange.status, exchange.headers.clone(), exchange.length)),
            ),
            Err(failed) => (
                failed.method().clone(),
                failed.version(),
                Err(failed.error().to_owned()),
            ),
        };
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
