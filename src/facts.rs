//! What the checks need to know about the request and the body, captured without allocating.

use http::{header, uri::PathAndQuery, HeaderMap, HeaderValue, Method, Request, Version};
use http_body::Body;

/// The `Upgrade` offer of the request.
#[derive(Clone, Debug)]
pub(crate) enum UpgradeOffer {
    /// No `Upgrade` header.
    None,
    /// Exactly one `Upgrade` field line (the usual case), kept to compare protocol names.
    One(HeaderValue),
    /// Several field lines: an offer exists, names are not compared.
    Many,
}

/// The parts of a request the rules look at, taken in `Service::call` before the request moves
/// into the inner service. Clones are reference-count bumps (`PathAndQuery`, `HeaderValue`) or
/// copies (standard methods), never new buffers.
#[derive(Clone, Debug)]
pub(crate) struct RequestFacts {
    pub(crate) method: Method,
    pub(crate) version: Version,
    pub(crate) path: Option<PathAndQuery>,
    pub(crate) upgrade: UpgradeOffer,
}

impl RequestFacts {
    pub(crate) fn capture<B>(request: &Request<B>) -> Self {
        Self {
            method: request.method().clone(),
            version: request.version(),
            path: request.uri().path_and_query().cloned(),
            // Only an HTTP/1.1 request can offer an upgrade (HTTP/1.0 must ignore it, RFC 9110
            // §7.8; HTTP/2 forbids the field): skip the header lookup for the others.
            upgrade: if request.version() == Version::HTTP_11 {
                UpgradeOffer::of(request.headers())
            } else {
                UpgradeOffer::None
            },
        }
    }
}

impl UpgradeOffer {
    fn of(headers: &HeaderMap) -> Self {
        let mut values = headers.get_all(header::UPGRADE).iter();
        match (values.next(), values.next()) {
            (None, _) => Self::None,
            (Some(one), None) => Self::One(one.clone()),
            (Some(_), Some(_)) => Self::Many,
        }
    }
}

/// What the head of the response says about its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyShape {
    /// Known to be empty (`is_end_stream`, or an exact size hint of 0).
    Empty,
    /// Known to carry at least one byte; the exact size when the hint gives it.
    Content { exact: Option<u64> },
    /// Unknown until it streams.
    Unknown,
}

impl BodyShape {
    pub(crate) fn of<B: Body>(body: &B) -> Self {
        if body.is_end_stream() {
            return Self::Empty;
        }
        let hint = body.size_hint();
        match hint.exact() {
            Some(0) => Self::Empty,
            exact if hint.lower() > 0 => Self::Content { exact },
            _ => Self::Unknown,
        }
    }
}
