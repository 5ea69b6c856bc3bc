//! `proxy`: the layer in front of any HTTP server. Clients speak HTTP/1.0, HTTP/1.1 or HTTP/2
//! (prior knowledge) to it; it forwards each request to the upstream over HTTP/1.1 (HTTP/1.0
//! requests as HTTP/1.0), checks the upstream's response as received, and streams it back.
//!
//! What passes unchanged: the status, the end-to-end fields and the content, frame by frame.
//! What a proxy must not pass (RFC 9110 §7.6.1): the connection-specific fields of either hop
//! (`Connection` and the fields it names, `Keep-Alive`, `Proxy-Connection`, `TE`,
//! `Transfer-Encoding`, `Upgrade`), which describe the upstream's connection, not the
//! client's — so the rules about them are not judged on the upstream. A WebSocket (HTTP/1.1
//! `Upgrade`) is passed through: the 101 and then the bytes both ways. `CONNECT` is refused
//! with a 501 that says so, logged, and the HTTP/1.1 connection closed after it (RFC 9931).
//!
//! An upstream connection is reused only once its response was read to the end (`pool`), and
//! never after a response that ends with its header section but announces content (a 1xx,
//! 204 or 304 with a `Content-Length` other than 0 or a `Transfer-Encoding`; any answer to
//! HEAD with either): octets a wrong server sends after it would otherwise reach the next
//! client as its answer (RFC 9112 §6.3).

mod pool;
// The library's TLS client configuration, for an `https://` upstream (the same file).
#[path = "../../sweep/client/tls.rs"]
mod tls;

use std::{
    convert::Infallible,
    future::Future,
    net::SocketAddr,
    pin::Pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use http::{
    header,
    uri::{Authority, PathAndQuery},
    HeaderMap, Method, Request, Response, Uri, Version,
};
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::conn::auto,
    service::TowerToHyperService,
};
use tokio::net::TcpListener;
use tower_layer::Layer;
use tower_service::Service;
use tower_status_conformance::{Action, Collector, FailedRequest, StatusConformanceLayer, Wire};

use crate::{output, Error, Outcome, ProxyArgs};

type ProxyBody = UnsyncBoxBody<Bytes, Box<dyn std::error::Error + Send + Sync>>;

pub(crate) fn run(args: ProxyArgs) -> Result<Outcome, Error> {
    let listen = listen_address(&args.listen)?;
    let upstream = upstream(&args.upstream, args.insecure)?;
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(crate::colour())
        .with_target(false)
        .init();
    let counts = Arc::new(Counts::default());
    // A finding's route is its path's template: the report's groups grow with the API's
    // routes, not with the items requested.
    let collector = Collector::new().inferring_routes();
    let (preset, layer) = if args.strict {
        (
            "strict: every violation rejected",
            StatusConformanceLayer::observe().default_action(Action::Reject),
        )
    } else if args.repair {
        (
            "repair: each rule's default action",
            StatusConformanceLayer::new(),
        )
    } else {
        (
            "observe: nothing changed",
            StatusConformanceLayer::observe(),
        )
    };
    // Judged as received from the upstream, which may not be hyper.
    let mut layer = layer.wire(Wire::Received).on_violation(collector.clone());
    // Read before listening (a bad document is an error before any client comes); said
    // after the `listening on` line, which stays the first.
    let mut contract_lines = Vec::new();
    if let (true, Some(file)) = (args.contract.contract, &args.contract.openapi) {
        let (contract, lines) = crate::openapi::contract(file)?;
        layer = layer.contract(contract);
        contract_lines = lines;
    }

    let runtime = match args.threads {
        Some(1) => tokio::runtime::Builder::new_current_thread(),
        Some(threads) => {
            let mut builder = tokio::runtime::Builder::new_multi_thread();
            builder.worker_threads(usize::from(threads));
            builder
        }
        None => tokio::runtime::Builder::new_multi_thread(),
    }
    .enable_all()
    .build()
    .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let periodic_collector = collector.clone();
    let report_args = &args.report;
    let (report_every, stop_after, upstream_url) =
        (args.report_every, args.stop_after, args.upstream.clone());
    let limits = Limits::of(&args)?;
    let served = Arc::clone(&counts);
    runtime.block_on(async move {
        let counts = served;
        let collector = periodic_collector;
        let listener = TcpListener::bind(listen)
            .await
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        let local = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
        // The address on a line of its own, first: with `--listen 127.0.0.1:0` a script reads
        // the port from it (`sed -n 's/^listening on //p'`).
        crate::note!("listening on http://{local}");
        crate::note!("forwarding to {upstream_url} ({preset})");
        for line in &contract_lines {
            crate::note!("{line}");
        }
        let pool = pool::Pool::new(
            &upstream.authority,
            upstream.tls.clone(),
            limits.upstream_max_connections,
            limits.upstream_idle_max,
            limits.upstream_idle,
        );
        let forward = Forward {
            upstream: Arc::new(upstream),
            pool,
            counts: Arc::clone(&counts),
            collector: collector.clone(),
            timeout: limits.upstream,
        };
        let service = layer.layer(forward);
        let connections = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
        let accept = async {
            loop {
                // At most `--max-connections` served at once: the next waits in the backlog.
                let Ok(permit) = Arc::clone(&connections).acquire_owned().await else {
                    return;
                };
                let (stream, _) = match listener.accept().await {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        // Out of file descriptors, say: wait rather than spin.
                        tracing::error!("accept failed: {error}");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let service = TowerToHyperService::new(service.clone());
                let mut builder = auto::Builder::new(TokioExecutor::new());
                builder
                    .http1()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header)
                    .max_buf_size(limits.max_header_size.max(8192));
                builder
                    .http2()
                    .timer(TokioTimer::new())
                    .max_concurrent_streams(limits.max_streams)
                    .max_header_list_size(
                        u32::try_from(limits.max_header_size).unwrap_or(u32::MAX),
                    );
                tokio::spawn(async move {
                    let _ = builder
                        .serve_connection_with_upgrades(TokioIo::new(stream), service)
                        .await;
                    drop(permit);
                });
            }
        };
        let periodic = async {
            let Some(every) = report_every.filter(|s| *s > 0) else {
                return std::future::pending::<()>().await;
            };
            let mut interval = tokio::time::interval(Duration::from_secs(every));
            interval.tick().await;
            loop {
                interval.tick().await;
                let report = collector.report().with_exchanges(counts.responses());
                let at = httpdate::fmt_http_date(std::time::SystemTime::now());
                if report_args.json {
                    output::emit(&format!("{}\n", report.to_json()));
                } else {
                    output::emit(&format!("--- report at {at} ---\n{}\n", report.rolled_up()));
                }
            }
        };
        // `--stop-after` or a signal, whichever comes first: both print the report.
        let stop = async {
            match stop_after {
                Some(secs) => {
                    tokio::select! {
                        () = tokio::time::sleep(Duration::from_secs(secs)) => {}
                        () = shutdown_signal() => {}
                    }
                }
                None => shutdown_signal().await,
            }
        };
        tokio::select! {
            () = accept => {}
            () = periodic => {}
            () = stop => {}
        }
        crate::note!("stopping; the report of what went through:");
        Ok::<(), Error>(())
    })?;
    // Connections still open are dropped with the runtime.
    runtime.shutdown_timeout(Duration::from_millis(100));
    // An upstream that did not answer is a run that did not check what it was meant to: the
    // report's failures make it incomplete (exit 3) unless findings fail it.
    output::finish(
        &collector.report().with_exchanges(counts.responses()),
        &args.report,
        "proxy",
        &[],
        false,
    )
}

/// What went through the proxy (the requests the upstream failed are counted by the
/// collector, in the report).
#[derive(Default)]
struct Counts {
    /// Responses the upstream gave, checked.
    upstream_responses: AtomicUsize,
}

impl Counts {
    fn responses(&self) -> usize {
        self.upstream_responses.load(Ordering::Relaxed)
    }
}

/// `--listen`: `host:port` (a name is resolved; its first address is taken), or `:port` for
/// loopback (`127.0.0.1`): a linting proxy is for local use, name `0.0.0.0:port` to listen on
/// every interface.
fn listen_address(given: &str) -> Result<SocketAddr, Error> {
    use std::net::ToSocketAddrs as _;
    let invalid = || format!("--listen `{given}` is not an address like 127.0.0.1:8080 or :8080");
    let full = match given.strip_prefix(':') {
        Some(port) => format!("127.0.0.1:{port}"),
        None => given.to_owned(),
    };
    full.to_socket_addrs()
        .map_err(|_| invalid())?
        .next()
        .ok_or_else(invalid)
}

/// The proxy's limits (`--header-timeout`, `--upstream-timeout`, `--upstream-idle-timeout`,
/// `--upstream-idle-max`,
/// `--upstream-max-connections`, `--max-connections`, `--max-streams`, `--max-header-size`).
#[derive(Clone, Copy)]
struct Limits {
    header: Duration,
    upstream_idle: Duration,
    /// For the response head, and between two parts of its content.
    upstream: Duration,
    upstream_idle_max: usize,
    upstream_max_connections: usize,
    max_connections: usize,
    max_streams: u32,
    max_header_size: usize,
}

impl Limits {
    fn of(args: &ProxyArgs) -> Result<Self, Error> {
        let positive = |name: &str, value: u64| {
            if value == 0 {
                Err(format!("{name} must be at least 1"))
            } else {
                Ok(value)
            }
        };
        positive("--header-timeout", args.header_timeout)?;
        positive("--upstream-idle-timeout", args.upstream_idle_timeout)?;
        positive("--upstream-timeout", args.upstream_timeout)?;
        positive("--max-connections", args.max_connections as u64)?;
        positive(
            "--upstream-max-connections",
            args.upstream_max_connections as u64,
        )?;
        positive("--max-header-size", args.max_header_size as u64)?;
        positive("--max-streams", u64::from(args.max_streams))?;
        Ok(Self {
            header: Duration::from_secs(args.header_timeout),
            upstream_idle: Duration::from_secs(args.upstream_idle_timeout),
            upstream: Duration::from_secs(args.upstream_timeout),
            upstream_idle_max: args
                .upstream_idle_max
                .unwrap_or(args.upstream_max_connections),
            upstream_max_connections: args.upstream_max_connections,
            max_connections: args.max_connections,
            max_streams: args.max_streams,
            max_header_size: args.max_header_size,
        })
    }
}

/// Ctrl-C, or SIGTERM where there is one.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// The upstream's authority, and its TLS configuration when it is `https://`; the proxy
/// forwards paths as they come.
struct Upstream {
    authority: Authority,
    tls: Option<tls::Configs>,
}

fn upstream(url: &str, insecure: bool) -> Result<Upstream, Error> {
    let invalid = |why: &str| format!("invalid --upstream `{url}`: {why}");
    let uri: Uri = url
        .parse()
        .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
    let tls = match uri.scheme_str() {
        Some("http") => None,
        Some("https") => {
            Some(tls::Configs::new(insecure).map_err(|e| format!("TLS is not available: {e}"))?)
        }
        Some(other) => return Err(invalid(&format!("scheme `{other}` is not http or https"))),
        None => return Err(invalid("no scheme (http://host:port)")),
    };
    if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
        return Err(invalid(
            "a path or query is not supported: paths are forwarded as received",
        ));
    }
    let authority = uri.authority().cloned().ok_or_else(|| invalid("no host"))?;
    Ok(Upstream { authority, tls })
}

/// Forwards each request to the upstream; the layer around it checks what comes back.
#[derive(Clone)]
struct Forward {
    upstream: Arc<Upstream>,
    pool: Arc<pool::Pool>,
    counts: Arc<Counts>,
    /// Where a request the upstream failed is counted.
    collector: Collector,
    /// `--upstream-timeout`.
    timeout: Duration,
}

impl Service<Request<Incoming>> for Forward {
    type Response = Response<ProxyBody>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response<ProxyBody>, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Incoming>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move { Ok(this.forward(request).await) })
    }
}

impl Forward {
    async fn forward(&self, mut request: Request<Incoming>) -> Response<ProxyBody> {
        if request.method() == Method::CONNECT {
            // RFC 9931 (updating RFC 9112 §9.6): after refusing a CONNECT, a server closes the
            // HTTP/1.1 connection — the client may already be sending the tunnel's bytes.
            // Over HTTP/2 the refusal ends only its stream.
            tracing::warn!(
                "CONNECT {} refused with 501: this proxy does not tunnel (use it as a reverse proxy, or for http:// URLs)",
                request.uri()
            );
            let mut refusal = text(
                http::StatusCode::NOT_IMPLEMENTED,
                "this proxy does not tunnel CONNECT\n",
            );
            if request.version() < Version::HTTP_2 {
                refusal
                    .headers_mut()
                    .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
            }
            return refusal;
        }
        let client_version = request.version();
        // An HTTP/1.0 client's connection stays open only when it asks and the response says
        // so (RFC 9112 Appendix C.2.2): hyper closes it otherwise.
        let client_keep_alive = client_version == Version::HTTP_10
            && has_connection_option(request.headers(), "keep-alive");
        let method = request.method().clone();
        let upgrade = client_version == Version::HTTP_11 && wants_upgrade(request.headers());
        let client_upgrade = upgrade.then(|| hyper::upgrade::on(&mut request));
        let (mut parts, body) = request.into_parts();
        // Origin-form: the upstream is an origin server, not a proxy (RFC 9112 §3.2.1). An
        // HTTP/1.1 target usually is one already, and goes on as received.
        let origin_form = if parts.uri.scheme().is_none() && parts.uri.authority().is_none() {
            None
        } else {
            let mut origin = http::uri::Parts::default();
            origin.path_and_query = Some(
                parts
                    .uri
                    .path_and_query()
                    .cloned()
                    .unwrap_or_else(|| PathAndQuery::from_static("/")),
            );
            let Ok(uri) = Uri::from_parts(origin) else {
                return text(http::StatusCode::BAD_REQUEST, "invalid request target\n");
            };
            Some(uri)
        };
        if let Some(coding) = unknown_transfer_coding(&parts.headers) {
            // hyper decodes `chunked` only; forwarding the rest without its
            // `Transfer-Encoding` (a connection-specific field) would hand the upstream coded
            // octets as the content. RFC 9112 §6.1: "A server that receives a request message
            // with a transfer coding it does not understand SHOULD respond with 501".
            tracing::warn!("request refused with 501: transfer coding `{coding}`");
            let mut refusal = text(
                http::StatusCode::NOT_IMPLEMENTED,
                &format!("transfer coding `{coding}` is not supported; send the content chunked\n"),
            );
            refusal
                .headers_mut()
                .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
            return refusal;
        }
        if let Err(why) = reconcile_host(&mut parts) {
            tracing::warn!("request refused with 400: {why}");
            let mut refusal = text(http::StatusCode::BAD_REQUEST, &format!("{why}\n"));
            if parts.version < Version::HTTP_2 {
                refusal
                    .headers_mut()
                    .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
            }
            return refusal;
        }
        if let Some(uri) = origin_form {
            parts.uri = uri;
        }
        if !parts.headers.contains_key(header::HOST) {
            // An HTTP/1.0 request without one: the upstream's own.
            if let Ok(host) = http::HeaderValue::from_str(self.upstream.authority.as_str()) {
                parts.headers.insert(header::HOST, host);
            }
        }
        let kept_upgrade = upgrade
            .then(|| parts.headers.get(header::UPGRADE).cloned())
            .flatten();
        if !upgrade {
            if let Some(protocol) = parts.headers.get(header::UPGRADE) {
                tracing::info!(
                    "Upgrade `{}` not forwarded: only WebSocket is tunneled",
                    String::from_utf8_lossy(protocol.as_bytes())
                );
            }
        }
        tower_status_conformance::remove_connection_specific_fields(&mut parts.headers);
        if let Some(protocol) = kept_upgrade {
            parts
                .headers
                .insert(header::CONNECTION, "upgrade".parse().expect("a token"));
            parts.headers.insert(header::UPGRADE, protocol);
        }
        parts.version = if parts.version == Version::HTTP_10 {
            Version::HTTP_10
        } else {
            Version::HTTP_11
        };
        // An HTTP/1.0 request goes on as one, so that the upstream answers as it answers such
        // a client (and the rules judge that answer), with this hop's own `keep-alive` (RFC
        // 9112 Appendix C.2.2), without which the upstream would close the connection.
        let old_client = parts.version == Version::HTTP_10;
        if old_client {
            parts.headers.insert(
                header::CONNECTION,
                http::HeaderValue::from_static("keep-alive"),
            );
        }
        let head = parts.method == Method::HEAD;
        // What a failure is reported as: the request as the client sent it.
        let failure = Failure {
            collector: self.collector.clone(),
            method,
            target: parts.uri.clone(),
            version: client_version,
        };
        let upstream_request = Request::from_parts(parts, body);
        let sent = tokio::time::timeout(self.timeout, self.pool.send(upstream_request)).await;
        let Ok(sent) = sent else {
            let error = format!(
                "upstream {}: no response within {} s (--upstream-timeout)",
                self.upstream.authority,
                self.timeout.as_secs()
            );
            tracing::error!("{error}");
            failure.report(&error);
            return text(http::StatusCode::GATEWAY_TIMEOUT, &format!("{error}\n"));
        };
        let upstream_version;
        let (mut response, connection) = match sent {
            // The version is the hop's: an HTTP/1.0 upstream's answer goes to an HTTP/1.1
            // client as HTTP/1.1 (hyper writes the response's version).
            Ok((mut response, connection)) => {
                self.counts
                    .upstream_responses
                    .fetch_add(1, Ordering::Relaxed);
                upstream_version = response.version();
                *response.version_mut() = client_version;
                (response, connection)
            }
            Err(pool::SendError::Stopping) => {
                return text(
                    http::StatusCode::SERVICE_UNAVAILABLE,
                    "the proxy is stopping\n",
                );
            }
            // The client's content could not be read (a malformed chunk, a connection cut in
            // the middle): the client's fault, a 400, not the upstream's (RFC 9112 §7.1).
            Err(pool::SendError::Exchange(error)) if client_body_failed(&error) => {
                tracing::warn!("the request's content could not be read: {error}");
                let mut refusal = text(
                    http::StatusCode::BAD_REQUEST,
                    "the request's content could not be read\n",
                );
                refusal
                    .headers_mut()
                    .insert(header::CONNECTION, http::HeaderValue::from_static("close"));
                return refusal;
            }
            Err(error) => {
                tracing::error!("upstream {}: {error}", self.upstream.authority);
                failure.report(&format!("upstream {}: {error}", self.upstream.authority));
                return text(
                    http::StatusCode::BAD_GATEWAY,
                    &format!("upstream {} failed: {error}\n", self.upstream.authority),
                );
            }
        };
        // RFC 9112 §6.3: such a response ends with its header section, and whatever octets
        // follow on the connection are no response ("A client MUST NOT process, cache, or
        // forward such extra data as a separate response"). Reused, the connection would hand
        // them to the next client as its answer: it is closed once the response is sent.
        // Nor is one that answered in HTTP/1.0: hyper's client would send every later request
        // on it as HTTP/1.0 (an upgrade would be lost).
        let reusable = !untrusted_framing(head, &response) && upstream_version != Version::HTTP_10;
        // A HEAD's `Content-Length` is the GET's, rightly: said only for the statuses.
        if untrusted_framing(false, &response) {
            tracing::warn!(
                "upstream {}: a {} that announces content; its connection is not reused",
                self.upstream.authority,
                response.status()
            );
        }
        if response.status() == http::StatusCode::SWITCHING_PROTOCOLS {
            if let Some(client_upgrade) = client_upgrade {
                let upstream_upgrade = hyper::upgrade::on(&mut response);
                tokio::spawn(async move {
                    if let (Ok(client), Ok(upstream)) =
                        (client_upgrade.await, upstream_upgrade.await)
                    {
                        let _ = tokio::io::copy_bidirectional(
                            &mut TokioIo::new(client),
                            &mut TokioIo::new(upstream),
                        )
                        .await;
                    }
                    // Counted as in use until the tunnel closes.
                    drop(connection);
                });
                // The 101 keeps its `Connection` and `Upgrade`: they are the switch itself.
                return response.map(|body| body.map_err(Into::into).boxed_unsync());
            }
            // A switch nobody asked for (RFC 9110 §15.2.2: a server "MUST NOT switch to a
            // protocol that was not indicated by the client"): the upstream connection now
            // speaks something else (it is closed), and the client is told the upstream
            // failed.
            drop(connection);
            let error = format!(
                "upstream {}: a 101 to a request that did not ask to upgrade",
                self.upstream.authority
            );
            tracing::error!("{error}");
            failure.report(&error);
            return text(
                http::StatusCode::BAD_GATEWAY,
                "the upstream switched protocols unasked\n",
            );
        }
        tower_status_conformance::remove_connection_specific_fields(response.headers_mut());
        // Only where the content is delimited without closing: hyper closes a connection whose
        // HTTP/1.0 response has no length.
        let delimited = head
            || matches!(response.status().as_u16(), 204 | 304)
            || response.headers().contains_key(header::CONTENT_LENGTH);
        if client_keep_alive && delimited {
            response.headers_mut().insert(
                header::CONNECTION,
                http::HeaderValue::from_static("keep-alive"),
            );
        }
        let timeout = self.timeout;
        response.map(|body| Held::new(body, connection, reusable, timeout, failure).boxed_unsync())
    }
}

/// A request as its client sent it, to report when the upstream fails it.
struct Failure {
    collector: Collector,
    method: Method,
    /// Origin-form: the path and query.
    target: Uri,
    version: Version,
}

impl Failure {
    fn report(&self, error: &str) {
        self.collector.on_failure(FailedRequest::new(
            self.method.clone(),
            self.target.to_string(),
            self.version,
            error,
        ));
    }
}

/// A response body that holds the upstream connection carrying it, counted in use until the
/// body ended: then given back for reuse when `reusable`, else closed — as it is when the body
/// fails or is dropped before its end. Content the upstream cuts short (its connection closed
/// or reset before the end its framing announced) or stops sending for `--upstream-timeout`
/// fails the body — the client's response is cut too — and counts the request as failed.
struct Held {
    body: Incoming,
    /// `None` once the body ended.
    connection: Option<pool::Connection>,
    reusable: bool,
    /// How long the upstream may send nothing, and the deadline for its next frame: set the
    /// first time the content is not there yet (most small responses never wait).
    timeout: Duration,
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    failure: Failure,
}

impl Held {
    fn new(
        body: Incoming,
        connection: pool::Connection,
        reusable: bool,
        timeout: Duration,
        failure: Failure,
    ) -> Self {
        let mut held = Self {
            body,
            connection: Some(connection),
            reusable,
            timeout,
            deadline: None,
            failure,
        };
        // hyper may never poll a body that is empty from the start.
        if http_body::Body::is_end_stream(&held.body) {
            held.ended();
        }
        held
    }

    fn ended(&mut self) {
        if let Some(connection) = self.connection.take() {
            if self.reusable {
                connection.reuse();
            }
        }
    }

    /// The upstream failed the content: its connection is closed, the request counted.
    fn failed(&mut self, error: &str) {
        self.connection = None;
        self.failure.report(error);
    }
}

impl http_body::Body for Held {
    type Data = Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let Poll::Ready(frame) = Pin::new(&mut self.body).poll_frame(cx) else {
            let timeout = self.timeout;
            let deadline = self
                .deadline
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
            if deadline.as_mut().poll(cx).is_ready() {
                let error = format!(
                    "the upstream sent no content for {} s (--upstream-timeout)",
                    self.timeout.as_secs()
                );
                self.failed(&error);
                return Poll::Ready(Some(Err(error.into())));
            }
            return Poll::Pending;
        };
        match &frame {
            None => self.ended(),
            Some(Err(error)) => {
                let error = format!("the upstream's content failed: {error}");
                self.failed(&error);
            }
            Some(Ok(_)) if self.body.is_end_stream() => self.ended(),
            Some(Ok(_)) => {
                let next = tokio::time::Instant::now() + self.timeout;
                if let Some(deadline) = &mut self.deadline {
                    deadline.as_mut().reset(next);
                }
            }
        }
        Poll::Ready(frame.map(|frame| frame.map_err(Into::into)))
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// The `Host` the upstream gets, from the one the client sent and its target, or why the
/// request is refused (a 400):
///
/// - more than one `Host` line: RFC 9112 §3.2, "A server MUST respond with a 400 (Bad Request)
///   status code to any HTTP/1.1 request message that lacks a Host header field and to any
///   request message that contains more than one Host header field line";
/// - none in HTTP/1.1, the same sentence (HTTP/1.0 had no `Host`; the upstream's is sent);
/// - an absolute-form target (HTTP/1.x): its authority, whatever `Host` said — §3.2.2, a server
///   "MUST ignore the received Host header field (if any) and instead use the host information
///   of the request-target";
/// - over HTTP/2, a `host` that names another entity than `:authority`: RFC 9113 §8.3.1, "A
///   server SHOULD treat a request as malformed" then; without `host`, `:authority` is sent.
fn reconcile_host(parts: &mut http::request::Parts) -> Result<(), &'static str> {
    let mut hosts = parts.headers.get_all(header::HOST).iter();
    let host = hosts.next();
    if hosts.next().is_some() {
        return Err("more than one Host field (RFC 9112 §3.2)");
    }
    let Some(authority) = parts.uri.authority() else {
        return if parts.version == Version::HTTP_11 && host.is_none() {
            Err("no Host field (RFC 9112 §3.2)")
        } else {
            Ok(())
        };
    };
    match host {
        Some(host) if parts.version == Version::HTTP_2 => {
            if host
                .as_bytes()
                .eq_ignore_ascii_case(authority.as_str().as_bytes())
            {
                Ok(())
            } else {
                Err("host differs from :authority (RFC 9113 §8.3.1)")
            }
        }
        _ => {
            let value = http::HeaderValue::from_str(authority.as_str())
                .map_err(|_| "an invalid authority in the request target")?;
            parts.headers.insert(header::HOST, value);
            Ok(())
        }
    }
}

/// The first transfer coding of the request other than `chunked`, if any.
fn unknown_transfer_coding(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::TRANSFER_ENCODING)
        .iter()
        .flat_map(|v| v.as_bytes().split(|&b| b == b','))
        .map(|coding| String::from_utf8_lossy(coding).trim().to_ascii_lowercase())
        .find(|coding| !coding.is_empty() && coding != "chunked")
}

/// Whether forwarding failed because the client's request content failed to arrive: hyper
/// reports the body it was given failing as a user error.
fn client_body_failed(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(error);
    while let Some(cause) = source {
        if cause
            .downcast_ref::<hyper::Error>()
            .is_some_and(|e| e.is_user() || e.is_body_write_aborted())
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// Whether `response` (to a HEAD when `head`) is one that ends with its header section (a
/// 1xx other than 101, a 204, a 304, any answer to HEAD) yet announces content with a
/// `Content-Length` other than 0 or a `Transfer-Encoding`: the octets a server that gets this
/// wrong sends after it are no part of any response. A HEAD's `Content-Length` rightly
/// describes the GET (RFC 9110 §9.3.2), but a server that sends the content anyway is common
/// enough that its connection is not reused either: a HEAD costs a new upstream connection.
fn untrusted_framing<B>(head: bool, response: &Response<B>) -> bool {
    let status = response.status();
    let bodiless = (status.is_informational() && status != http::StatusCode::SWITCHING_PROTOCOLS)
        || matches!(status.as_u16(), 204 | 304);
    let announces = response.headers().contains_key(header::TRANSFER_ENCODING)
        || response
            .headers()
            .get_all(header::CONTENT_LENGTH)
            .iter()
            .any(|length| length.as_bytes() != b"0");
    (bodiless || head) && announces
}

/// Whether the request asks for a WebSocket (RFC 6455 §4.1), the one upgrade the proxy
/// tunnels: any other (`h2c`, say) is a connection-specific request of this hop, removed
/// before forwarding, so that bytes the proxy never parses do not pass (RFC 9110 §7.8 lets a
/// server ignore `Upgrade`).
fn wants_upgrade(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::UPGRADE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|protocol| {
            let name = protocol.trim().split('/').next().unwrap_or("");
            name.eq_ignore_ascii_case("websocket")
        })
        && has_connection_option(headers, "upgrade")
}

/// Whether `Connection` lists `option`.
fn has_connection_option(headers: &HeaderMap, option: &str) -> bool {
    headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|token| token.trim().eq_ignore_ascii_case(option))
}

/// A response of the proxy's own.
fn text(status: http::StatusCode, message: &str) -> Response<ProxyBody> {
    let mut response = Response::new(
        Full::new(Bytes::from(message.to_owned()))
            .map_err(|never| match never {})
            .boxed_unsync(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8".parse().expect("valid"),
    );
    response
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Limits;
    use crate::{Cli, Command};

    fn limits(extra: &[&str]) -> Limits {
        let base = [
            "tsc",
            "proxy",
            "--listen",
            ":0",
            "--upstream",
            "http://127.0.0.1:1",
        ];
        let cli = Cli::try_parse_from(base.iter().chain(extra)).unwrap();
        let Command::Proxy(args) = cli.command else {
            unreachable!("a proxy command")
        };
        Limits::of(&args).unwrap()
    }

    /// Idle upstream connections are kept up to the connections in use, unless told otherwise:
    /// a burst's connections are not closed only to be opened again.
    #[test]
    fn idle_upstream_connections_default_to_the_in_use_limit() {
        assert_eq!(limits(&[]).upstream_idle_max, 256);
        assert_eq!(
            limits(&["--upstream-max-connections", "7"]).upstream_idle_max,
            7
        );
        let told = limits(&[
            "--upstream-max-connections",
            "7",
            "--upstream-idle-max",
            "3",
        ]);
        assert_eq!(
            (told.upstream_idle_max, told.upstream_max_connections),
            (3, 7)
        );
    }
}
