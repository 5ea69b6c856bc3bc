//! [`Client`]: the requests of a sweep sent over the wire to a running server (feature
//! `client`; `https://` with feature `tls`).

use std::{
    error::Error,
    fmt,
    future::Future,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use http::{header, uri::PathAndQuery, HeaderValue, Method, Request, Response, Uri, Version};
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use pin_project_lite::pin_project;
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpStream,
    time::{sleep_until, timeout_at, Instant, Sleep},
};
use tower_service::Service;

/// How long one request may take, response body included, unless [`Client::timeout`] says
/// otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// A client of one running server, as the tower service a [`Sweep`](super::Sweep) sends its
/// requests through: each request over a new connection, in the version the sweep gives it —
/// HTTP/1.0 and HTTP/1.1 as written, HTTP/2 with prior knowledge over `http://` and by ALPN
/// over `https://` (feature `tls`) — so that what is checked is what reached the client.
///
/// A request goes to the server of the base URL given to [`new`](Self::new), its path after
/// the base URL's path (`http://host/api` and a target `/items` ask for `/api/items`). Its
/// `Host` (HTTP/1.x) or URI authority (HTTP/2) is the sweep's: set
/// [`Sweep::authority`](super::Sweep::authority) to [`Client::authority`] unless the server
/// is to see another name. Each request, its response body included, has
/// [`timeout`](Self::timeout) to complete (10 s by default); one that does not is a failed
/// request of the sweep, and the sweep goes on.
///
/// A request answered 429 (Too Many Requests) or 503 (Service Unavailable) is sent again
/// after the answer's `Retry-After` (one second without one), at most twice and only when it
/// asks for 10 s or less: a sweep compares a target's answers, and a rate limit would
/// otherwise decide them. An answer that is still 429 or 503 is the response (its own rules
/// judge it; the sweep compares it with nothing, see
/// [`Report::inconclusive`](crate::Report::inconclusive)).
///
/// The interim (1xx) responses a server sends before the final one over HTTP/1, which no
/// layer sees, are recorded with the response, and the sweep judges them as received: a 1xx
/// to an HTTP/1.0 request is `informational-to-http10`.
///
/// ```
/// use tower_status_conformance::sweep::{Client, Sweep};
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
/// # let port = listener.local_addr()?.port();
/// # drop(listener);
/// // Nothing listens on `port`: every request fails, and the report says so.
/// let client = Client::new(&format!("http://127.0.0.1:{port}"))?;
/// let sweep = Sweep::new().authority(client.authority()).target("/");
/// let report = sweep.run(client).await?;
/// assert_eq!(report.failures().len(), 15);
/// assert!(report.failures()[0].error().starts_with("cannot connect to 127.0.0.1:"));
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    config: Arc<Config>,
}

#[derive(Clone)]
struct Config {
    https: bool,
    /// The host to connect to (and to name in TLS), without the brackets of an IPv6 literal.
    host: String,
    port: u16,
    authority: String,
    /// The base URL's path without its last `/`: prefixed to every request's path.
    prefix: String,
    timeout: Duration,
    #[cfg(feature = "tls")]
    tls: Result<tls::Configs, String>,
}

impl Client {
    /// A client of the server at `base`, an `http://` (or, with feature `tls`, `https://`)
    /// URL with an optional path, such as `http://127.0.0.1:8080` or `https://example.com/api`.
    ///
    /// # Errors
    ///
    /// When `base` is not such a URL: another scheme (or `https` without feature `tls`), no
    /// host, a query or fragment.
    pub fn new(base: &str) -> Result<Self, ClientError> {
        let invalid = |why: &str| ClientError::new(format!("invalid base URL `{base}`: {why}"));
        let uri: Uri = base
            .parse()
            .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
        let https = match uri.scheme_str() {
            Some("http") => false,
            Some("https") if cfg!(feature = "tls") => true,
            Some("https") => return Err(invalid("https needs the `tls` feature")),
            Some(other) => return Err(invalid(&format!("scheme `{other}` is not http or https"))),
            None => return Err(invalid("no scheme (http:// or https://)")),
        };
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        if authority.as_str().contains('@') {
            return Err(invalid("user information is not supported"));
        }
        if uri.query().is_some() {
            return Err(invalid("a query belongs to the targets, not the base"));
        }
        let host = authority.host();
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        if host.is_empty() {
            return Err(invalid("no host"));
        }
        let port = authority.port_u16().unwrap_or(if https { 443 } else { 80 });
        Ok(Self {
            config: Arc::new(Config {
                https,
                host: host.to_owned(),
                port,
                authority: authority.as_str().to_owned(),
                prefix: uri.path().trim_end_matches('/').to_owned(),
                timeout: DEFAULT_TIMEOUT,
                #[cfg(feature = "tls")]
                tls: tls::Configs::new(false),
            }),
        })
    }

    /// How long one request may take, from connecting to the end of the response body
    /// (default 10 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        Arc::make_mut(&mut self.config).timeout = timeout;
        self
    }

    /// Accepts any certificate over `https://` — for a test server with a self-signed one
    /// (feature `tls`). Default `false`: the server must prove its name to the webpki roots.
    #[cfg(feature = "tls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tls")))]
    #[must_use]
    pub fn insecure(mut self, insecure: bool) -> Self {
        Arc::make_mut(&mut self.config).tls = tls::Configs::new(insecure);
        self
    }

    /// The authority of the base URL (`host` or `host:port`, as given).
    #[must_use]
    pub fn authority(&self) -> &str {
        &self.config.authority
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = &self.config;
        f.debug_struct("Client")
            .field("https", &config.https)
            .field("authority", &config.authority)
            .field("prefix", &config.prefix)
            .field("timeout", &config.timeout)
            .finish_non_exhaustive()
    }
}

impl Service<Request<String>> for Client {
    type Response = Response<ClientBody>;
    type Error = ClientError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, ClientError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ClientError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<String>) -> Self::Future {
        let config = Arc::clone(&self.config);
        Box::pin(async move {
            let (parts, content) = config.rewrite(request)?.into_parts();
            let head = parts.method == Method::HEAD;
            let mut retries = RETRIES;
            let (deadline, mut response, interim) = loop {
                let deadline = Instant::now() + config.timeout;
                let late = || ClientError::timeout(config.timeout);
                let mut request = Request::from_parts(parts.clone(), content.clone());
                // The 1xx responses before the final one, which no layer sees: a sweep judges
                // them as received.
                let interim = Arc::new(std::sync::Mutex::new(Vec::new()));
                let sink = Arc::clone(&interim);
                hyper::ext::on_informational(&mut request, move |informational| {
                    sink.lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(informational.status());
                });
                let response = timeout_at(deadline, config.send(request))
                    .await
                    .map_err(|_| late())??;
                let wait = retry_wait(&response).filter(|_| retries > 0);
                let Some(wait) = wait else {
                    break (deadline, response, interim);
                };
                retries -= 1;
                // The answer is thrown away, read first so that the server is not cut off.
                let _ = timeout_at(
                    deadline,
                    http_body_util::BodyExt::collect(response.into_body()),
                )
                .await;
                tokio::time::sleep(wait).await;
            };
            // On a response to HEAD, and on a 1xx, 204 or 304, `Content-Length` describes
            // another message's content (RFC 9110 §8.6): only octets that arrive count.
            let framed = !head
                && !response.status().is_informational()
                && !matches!(response.status().as_u16(), 204 | 304);
            let interim = std::mem::take(
                &mut *interim
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            if !interim.is_empty() {
                response
                    .extensions_mut()
                    .insert(super::exchange::Interim(interim));
            }
            Ok(response.map(|body| ClientBody {
                inner: body,
                deadline: sleep_until(deadline),
                timeout: config.timeout,
                framed,
            }))
        })
    }
}

/// How often a request answered 429 or 503 is sent again.
const RETRIES: u32 = 2;

/// The longest `Retry-After` waited out; a 429 or 503 asking for longer is the answer.
const LONGEST_WAIT: Duration = Duration::from_secs(10);

/// How long to wait before sending a request again that got `response`: for a 429 (RFC 6585
/// §4) or a 503 (RFC 9110 §15.6.4), its `Retry-After` (delta-seconds or an HTTP-date, §10.2.3),
/// one second without one, `None` when it asks for longer than [`LONGEST_WAIT`] or the status
/// is another.
fn retry_wait<B>(response: &Response<B>) -> Option<Duration> {
    if !matches!(response.status().as_u16(), 429 | 503) {
        return None;
    }
    let Some(value) = response.headers().get(header::RETRY_AFTER) else {
        return Some(Duration::from_secs(1));
    };
    let value = value.to_str().ok()?.trim();
    let wait = if value.bytes().all(|b| b.is_ascii_digit()) {
        Duration::from_secs(value.parse().ok()?)
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or_default()
    };
    (wait <= LONGEST_WAIT).then_some(wait)
}

impl Config {
    /// The request as it goes to this server: the base path before its own, an absolute URI
    /// in the server's scheme for HTTP/2, an origin-form one with `Host` for HTTP/1.x.
    fn rewrite(&self, request: Request<String>) -> Result<Request<String>, ClientError> {
        let (mut parts, body) = request.into_parts();
        let own = parts.uri.path_and_query().map_or("/", PathAndQuery::as_str);
        let path = format!("{}{own}", self.prefix);
        let invalid = |e: http::Error| ClientError::new(format!("invalid request target: {e}"));
        if parts.version == Version::HTTP_2 {
            let authority = parts
                .uri
                .authority()
                .map_or(self.authority.as_str(), |a| a.as_str())
                .to_owned();
            let scheme = if self.https { "https" } else { "http" };
            parts.uri = Uri::builder()
                .scheme(scheme)
                .authority(authority)
                .path_and_query(path)
                .build()
                .map_err(invalid)?;
        } else {
            if !parts.headers.contains_key(header::HOST) {
                let host = HeaderValue::from_str(&self.authority)
                    .map_err(|e| invalid(http::Error::from(e)))?;
                parts.headers.insert(header::HOST, host);
            }
            parts.uri = Uri::builder()
                .path_and_query(path)
                .build()
                .map_err(invalid)?;
        }
        Ok(Request::from_parts(parts, body))
    }

    async fn send(&self, request: Request<String>) -> Result<Response<Incoming>, ClientError> {
        let address = format!("{}:{}", self.host, self.port);
        let tcp = TcpStream::connect((self.host.as_str(), self.port))
            .await
            .map_err(|e| ClientError::with(format!("cannot connect to {address}"), e))?;
        let _ = tcp.set_nodelay(true);
        if self.https {
            #[cfg(feature = "tls")]
            {
                let http2 = request.version() == Version::HTTP_2;
                let configs = self
                    .tls
                    .as_ref()
                    .map_err(|e| ClientError::new(format!("TLS is not available: {e}")))?;
                let stream = configs
                    .connect(&self.host, tcp, http2)
                    .await
                    .map_err(|e| match e.source {
                        Some(source) => ClientError::with(e.what, source),
                        None => ClientError::new(e.what),
                    })?;
                return exchange(stream, request).await;
            }
        }
        exchange(tcp, request).await
    }
}

/// One request over a new connection on `io`: HTTP/2 for `Version::HTTP_2`, HTTP/1 otherwise
/// (hyper writes the request's version, so an HTTP/1.0 request goes out as HTTP/1.0).
async fn exchange<T>(io: T, request: Request<String>) -> Result<Response<Incoming>, ClientError>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = TokioIo::new(io);
    let failed = |what: &str, e: hyper::Error| ClientError::with(what.to_owned(), e);
    if request.version() == Version::HTTP_2 {
        let (mut sender, connection) =
            hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                .await
                .map_err(|e| failed("HTTP/2 handshake failed", e))?;
        tokio::spawn(connection);
        sender
            .send_request(request)
            .await
            .map_err(|e| failed("HTTP/2 request failed", e))
    } else {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
            .await
            .map_err(|e| failed("HTTP/1 handshake failed", e))?;
        tokio::spawn(connection);
        sender
            .send_request(request)
            .await
            .map_err(|e| failed("HTTP/1 request failed", e))
    }
}

pin_project! {
    /// The body of a response a [`Client`] received: hyper's, failing with a [`ClientError`]
    /// when the request's time is up before it ends.
    pub struct ClientBody {
        #[pin]
        inner: Incoming,
        #[pin]
        deadline: Sleep,
        timeout: Duration,
        // Whether `Content-Length` frames this message, so that hyper's size hint (which
        // over HTTP/2 it takes from that field on any response, HEAD included) holds.
        framed: bool,
    }
}

impl fmt::Debug for ClientBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBody")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Body for ClientBody {
    type Data = Bytes;
    type Error = ClientError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, ClientError>>> {
        let this = self.project();
        match this.inner.poll_frame(cx) {
            Poll::Ready(frame) => Poll::Ready(frame.map(|frame| {
                frame.map_err(|e| ClientError::with("response body failed".to_owned(), e))
            })),
            Poll::Pending => match this.deadline.poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(ClientError::timeout(*this.timeout)))),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        if self.framed {
            self.inner.size_hint()
        } else if self.inner.is_end_stream() {
            SizeHint::with_exact(0)
        } else {
            SizeHint::default()
        }
    }
}

/// Why a [`Client`] got no (complete) response: one line, naming what failed.
#[derive(Debug)]
pub struct ClientError {
    message: String,
    source: Option<Box<dyn Error + Send + Sync>>,
    timed_out: bool,
}

impl ClientError {
    fn new(message: String) -> Self {
        Self {
            message,
            source: None,
            timed_out: false,
        }
    }

    fn with(message: String, source: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        Self {
            message,
            source: Some(source.into()),
            timed_out: false,
        }
    }

    fn timeout(timeout: Duration) -> Self {
        Self {
            timed_out: true,
            ..Self::new(format!(
                "no complete response within {} ms",
                timeout.as_millis()
            ))
        }
    }

    /// Whether the request failed by taking longer than [`Client::timeout`], rather than by
    /// a refused connection, a failed handshake or a broken response.
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        self.timed_out
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        // The whole chain on one line: hyper's own errors say only "error trying to connect"
        // or "connection closed before message completed"; their source says why.
        let mut source = self.source.as_deref().map(|s| s as &(dyn Error + 'static));
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

impl Error for ClientError {}

#[cfg(feature = "tls")]
mod tls;
