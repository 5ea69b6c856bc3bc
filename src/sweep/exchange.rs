//! One request of a sweep and the response it got, read to the end.

use std::error::Error;

use bytes::Bytes;
use http::{header::HeaderName, HeaderMap, HeaderValue, Method, Response, StatusCode, Version};
use http_body::Body;

use crate::{
    syntax::{self, list, range},
    Route,
};

/// Content kept per response for comparing ranges; longer content is only counted.
const KEPT: u64 = 1 << 20;

/// What a request of the sweep asks, beside its method.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Probe {
    /// No conditional or range field.
    Plain,
    /// `If-None-Match` with the `ETag` of the GET's 200.
    IfNoneMatch,
    /// `If-Modified-Since` with the `Last-Modified` of the GET's 200.
    IfModifiedSince,
    /// `If-Match` with a tag the resource cannot have.
    IfMatchStale,
    /// `If-Unmodified-Since` a second before the `Last-Modified` of the GET's 200: false.
    IfUnmodifiedSinceStale,
    /// The same `If-Unmodified-Since` beside `If-Match: *`, which is true and makes the server
    /// ignore it.
    IfUnmodifiedSinceStaleIfMatchAny,
    /// `If-Match: *` alone: what the server does with it without the date.
    IfMatchAny,
    /// `If-Match` with a tag the resource cannot have, on a GET that got neither a 2xx nor a
    /// 412 without it: the condition must be ignored.
    IfMatchStaleRefused,
    /// `Range: bytes=…` inside the GET's content.
    RangeInside,
    /// `Range: bytes=<length>-`: not satisfiable.
    RangePastEnd,
    /// `Range` in a unit no one defines.
    RangeUnknownUnit,
    /// `Range: bytes=0-0,<last>-<last>`: the first and the last octet, which a server may
    /// answer in two parts.
    RangeMultiple,
    /// `Accept-Encoding: gzip`, after a 200 with a strong `ETag` (the sweep sends no
    /// `Accept-Encoding` otherwise): a server that applies the coding sends another
    /// representation, which must not carry that tag.
    AcceptEncoding,
}

impl Probe {
    /// The request of the sweep, as a report names it: never a value.
    pub(super) fn describe(self, method: &Method) -> String {
        match self {
            Self::Plain if method.as_str() == super::UNKNOWN_METHOD => {
                format!("{method}, a method no specification defines")
            }
            Self::Plain if crate::facts::is_query(method) => {
                format!("{method} with content but no Content-Type")
            }
            Self::Plain => format!("plain {method}"),
            Self::IfNoneMatch => format!("{method} with If-None-Match: the ETag of the GET's 200"),
            Self::IfModifiedSince => {
                format!("{method} with If-Modified-Since: the Last-Modified of the GET's 200")
            }
            Self::IfUnmodifiedSinceStale => format!(
                "{method} with If-Unmodified-Since: a second before the Last-Modified of the GET's 200"
            ),
            Self::IfUnmodifiedSinceStaleIfMatchAny => format!(
                "{method} with If-Match: * and If-Unmodified-Since: a second before the Last-Modified of the GET's 200"
            ),
            Self::IfMatchAny => format!("{method} with If-Match: *"),
            Self::IfMatchStaleRefused => {
                format!("{method} with If-Match: a tag the resource cannot have")
            }
            Self::IfMatchStale => format!(
                "{method} with If-Match: a tag the resource cannot have, and content without Content-Type"
            ),
            Self::RangeInside => format!("{method} with Range: bytes inside the 200's content"),
            Self::RangePastEnd => {
                format!("{method} with Range: bytes from the 200's length on (not satisfiable)")
            }
            Self::RangeUnknownUnit => format!("{method} with Range in a unit no one defines"),
            Self::RangeMultiple => {
                format!("{method} with Range: the first and the last octet of the 200's content")
            }
            Self::AcceptEncoding => format!("{method} with Accept-Encoding: gzip"),
        }
    }

    /// The request field that carries the replayed value.
    pub(super) fn header(self) -> Option<HeaderName> {
        match self {
            Self::IfNoneMatch => Some(http::header::IF_NONE_MATCH),
            Self::IfModifiedSince => Some(http::header::IF_MODIFIED_SINCE),
            Self::IfUnmodifiedSinceStale | Self::IfUnmodifiedSinceStaleIfMatchAny => {
                Some(http::header::IF_UNMODIFIED_SINCE)
            }
            Self::RangeInside
            | Self::RangePastEnd
            | Self::RangeUnknownUnit
            | Self::RangeMultiple => Some(http::header::RANGE),
            Self::IfMatchAny | Self::IfMatchStaleRefused => Some(http::header::IF_MATCH),
            Self::AcceptEncoding => Some(http::header::ACCEPT_ENCODING),
            Self::Plain | Self::IfMatchStale => None,
        }
    }
}

/// The interim (1xx) responses that came before a response, in the order received, as the
/// sweep's [`Client`](super::Client) records them (`hyper::ext::on_informational`) in the
/// response's extensions.
#[derive(Clone, Debug)]
pub(crate) struct Interim(pub(crate) Vec<StatusCode>);

/// A request the sweep sent and the response it read.
#[derive(Clone, Debug)]
pub(super) struct Exchange {
    pub(super) method: Method,
    pub(super) version: Version,
    pub(super) probe: Probe,
    pub(super) status: StatusCode,
    pub(super) headers: HeaderMap,
    /// Content octets received.
    pub(super) length: u64,
    /// The content, when no longer than [`KEPT`].
    pub(super) content: Option<Vec<u8>>,
    /// The route template the app put on the response, if any.
    pub(super) route: Option<Route>,
    /// Its place among the requests the sweep sent (`Report::exchanges` when recording).
    pub(super) index: usize,
    /// The interim responses before it, when the client recorded them.
    pub(super) interim: Vec<StatusCode>,
}

impl Exchange {
    /// Reads `response` to its end (so that the layer's stream-time rules run too).
    pub(super) async fn read<B>(
        method: Method,
        version: Version,
        probe: Probe,
        response: Response<B>,
    ) -> Result<Self, Box<dyn Error + Send + Sync>>
    where
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn Error + Send + Sync>>,
    {
        let (parts, body) = response.into_parts();
        // Where the layer finds a response's route: the app's `Route`, or axum's matched path.
        let route = parts.extensions.get::<Route>().cloned();
        let interim = parts
            .extensions
            .get::<Interim>()
            .map(|interim| interim.0.clone())
            .unwrap_or_default();
        #[cfg(feature = "axum")]
        let route = route.or_else(|| crate::router::route_of(&parts.extensions));
        let mut body = std::pin::pin!(body);
        let mut length = 0u64;
        let mut content = Some(Vec::new());
        while let Some(frame) = std::future::poll_fn(|cx| body.as_mut().poll_frame(cx)).await {
            let Ok(data) = frame.map_err(Into::into)?.into_data() else {
                continue;
            };
            length += data.len() as u64;
            match &mut content {
                Some(kept) if length <= KEPT => kept.extend_from_slice(&data),
                _ => content = None,
            }
        }
        Ok(Self {
            method,
            version,
            probe,
            status: parts.status,
            headers: parts.headers,
            length,
            content,
            route,
            index: 0,
            interim,
        })
    }

    /// Whether the server refused the request for its load, not for what it asks: a 429
    /// (RFC 6585 §4) or a 503 (RFC 9110 §15.6.4).
    pub(super) fn unavailable(&self) -> bool {
        matches!(
            self.status,
            StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE
        )
    }

    /// The value of a field that appears exactly once.
    pub(super) fn single(&self, name: HeaderName) -> Option<&HeaderValue> {
        syntax::single_value(&self.headers, name)
    }

    /// The single `Content-Length`, when valid.
    pub(super) fn content_length(&self) -> Option<u64> {
        syntax::single(&self.headers, http::header::CONTENT_LENGTH).and_then(range::number)
    }

    /// Whether `self` has a validator (`ETag` or `Last-Modified`).
    pub(super) fn has_validator(&self) -> bool {
        self.headers.contains_key(http::header::ETAG)
            || self.headers.contains_key(http::header::LAST_MODIFIED)
    }

    /// Whether `self` and `other` show the same representation: equal `ETag` and
    /// `Last-Modified` (absent in both counts as equal).
    pub(super) fn same_validators(&self, other: &Self) -> bool {
        [http::header::ETAG, http::header::LAST_MODIFIED]
            .into_iter()
            .all(|name| {
                self.headers
                    .get_all(&name)
                    .iter()
                    .eq(other.headers.get_all(&name).iter())
            })
    }

    /// The methods an `Allow` lists (every line), or `None` without `Allow`.
    pub(super) fn allow(&self) -> Option<Vec<String>> {
        let lines = self.headers.get_all(http::header::ALLOW);
        lines.iter().next()?;
        let methods = list::elements(lines).filter_map(|method| std::str::from_utf8(method).ok());
        Some(methods.map(str::to_owned).collect())
    }
}
