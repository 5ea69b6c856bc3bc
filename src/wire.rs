//! Which encoder a checked response goes through: what the client receives depends on it.

/// What a checked response is, and so which of its defects reach the client.
///
/// The layer sees a response before the server encodes it, and hyper 1.x, which every tower
/// server is built on, removes some defects on the way out: over HTTP/1.x it sends no content
/// for HEAD, 1xx, 204 and 304, no `Transfer-Encoding` to an HTTP/1.0 client or on a response
/// that cannot be chunked, and no `Content-Length` on an empty 1xx or 204; over HTTP/2 it
/// strips the connection-specific fields (`Connection` and the fields it names, `Keep-Alive`,
/// `Proxy-Connection`, `Transfer-Encoding`, `Upgrade`, `TE`). Under [`Wire::Hyper`] those are
/// not findings: nothing wrong reaches the client. A response captured from the wire (a HAR
/// file, a proxy in front of any server) has already been encoded: [`Wire::Received`] judges
/// every field and byte as it is.
///
/// A request that arrived over HTTP/3 (`Version::HTTP_3`, as h3 marks it) has no hyper below
/// the layer: under either variant every defect of its response is judged, and repaired, as
/// it would reach the client (h3 0.0.8 sends every field and DATA frame it is handed).
///
/// ```
/// use http::{Request, Response, StatusCode};
/// use tower_status_conformance::{Checker, Rule, Wire};
///
/// // A HEAD answered with content: hyper's HTTP/1.1 encoder would drop it; a capture shows
/// // that it was sent.
/// let request = Request::head("/file").body(()).unwrap();
/// let response = Response::builder()
///     .header("content-type", "text/plain")
///     .body("hello".to_owned())
///     .unwrap();
/// assert!(Checker::new().check(&request, &response).is_empty());
/// let received = Checker::new().wire(Wire::Received).check(&request, &response);
/// assert!(received.contains(Rule::HEAD_RESPONSE_WITH_BODY));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Wire {
    /// A response a hyper 1.x server is about to encode: the layer's view, and
    /// [`check`](crate::check)'s. What hyper removes is not reported.
    #[default]
    Hyper,
    /// A response as a client received it: a capture, or what a server other than hyper sent.
    Received,
}

impl Wire {
    /// Whether hyper's HTTP/1 encoder writes this response: it then sends no content for HEAD,
    /// 1xx, 204, 304 and a 2xx to CONNECT (`Server::can_have_body` in hyper 1.13
    /// `proto/h1/role.rs`), and no `Transfer-Encoding` where it cannot chunk.
    pub(crate) fn hyper_http1(self, version: http::Version) -> bool {
        self == Self::Hyper && version < http::Version::HTTP_2
    }

    /// Whether hyper's HTTP/2 server sends this response: it strips the connection-specific
    /// fields (`strip_connection_headers` in hyper 1.13 `proto/h2/mod.rs`).
    pub(crate) fn hyper_http2(self, version: http::Version) -> bool {
        self == Self::Hyper && version == http::Version::HTTP_2
    }
}
