//! The proxy's connections to its one upstream: HTTP/1.1 over TCP or TLS, each carrying one exchange
//! at a time and given back for reuse only by the exchange that used it, once the proxy has
//! read its response to the end and judged its framing. A general-purpose client pool (such
//! as hyper-util's) takes a connection back as soon as hyper is done with it — before the
//! proxy has seen the response — and may hand it to a waiting request at once; an upstream
//! that sends octets after a response that ends with its header section (RFC 9112 §6.3) could
//! then answer another client with them.
//!
//! Limits: at most `in_use` connections carry an exchange at once (a request waits for one);
//! at most `idle_max` wait idle, each closed after `idle_timeout`.

use std::{
    sync::{Arc, Mutex, PoisonError, Weak},
    time::{Duration, Instant},
};

use http::{uri::Authority, Request, Response};
use hyper::{body::Incoming, client::conn::http1};
use hyper_util::rt::TokioIo;
use tokio::{
    io::{AsyncRead, AsyncWrite},
    net::TcpStream,
    sync::{OwnedSemaphorePermit, Semaphore},
};

use super::tls;

/// The upstream's connections: those idle, and a permit for each one in use.
pub(super) struct Pool {
    /// `host:port` to connect to.
    address: String,
    /// The host named in TLS (SNI, and the name the certificate must prove).
    host: String,
    /// For an `https://` upstream.
    tls: Option<tls::Configs>,
    idle: Mutex<Vec<Idle>>,
    idle_max: usize,
    idle_timeout: Duration,
    in_use: Arc<Semaphore>,
}

struct Idle {
    sender: http1::SendRequest<Incoming>,
    since: Instant,
}

/// A connection carrying one exchange. Dropped, it is closed; [`Connection::reuse`] gives it
/// back.
pub(super) struct Connection {
    sender: http1::SendRequest<Incoming>,
    /// Whether it carried an exchange before this one.
    reused: bool,
    pool: Arc<Pool>,
    _permit: OwnedSemaphorePermit,
}

/// Why no response came.
pub(super) enum SendError {
    /// The proxy is stopping.
    Stopping,
    /// The upstream could not be reached.
    Connect(std::io::Error),
    /// The TLS handshake with an `https://` upstream failed.
    Tls(tls::TlsError),
    /// The exchange failed (hyper's error: the request's content, the connection, the
    /// response).
    Exchange(hyper::Error),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Stopping => f.write_str("the proxy is stopping"),
            Self::Connect(error) => write!(f, "cannot connect: {error}"),
            Self::Tls(error) => write!(f, "{error}"),
            Self::Exchange(error) => write!(f, "{error}"),
        }
    }
}

impl Pool {
    /// A pool for `authority` (port 80 when it names none, 443 over TLS), over TLS when `tls`
    /// is given; a task closes idle connections past `idle_timeout` until the pool is dropped.
    pub(super) fn new(
        authority: &Authority,
        tls: Option<tls::Configs>,
        in_use: usize,
        idle_max: usize,
        idle_timeout: Duration,
    ) -> Arc<Self> {
        let address = match authority.port_u16() {
            Some(_) => authority.as_str().to_owned(),
            None if tls.is_some() => format!("{}:443", authority.host()),
            None => format!("{}:80", authority.host()),
        };
        // An IPv6 literal is named without its brackets.
        let host = authority.host().trim_matches(['[', ']']).to_owned();
        let pool = Arc::new(Self {
            address,
            host,
            tls,
            idle: Mutex::new(Vec::new()),
            idle_max,
            idle_timeout,
            in_use: Arc::new(Semaphore::new(in_use)),
        });
        tokio::spawn(close_idle(Arc::downgrade(&pool)));
        pool
    }

    /// Sends `request` on an idle connection or a new one: the response and the connection
    /// that carries it (until its body is read, the connection cannot carry another).
    ///
    /// A request an idle connection could not take (the upstream closed it meanwhile) goes out
    /// again on a new connection; one that was sent is never sent twice.
    pub(super) async fn send(
        self: &Arc<Self>,
        request: Request<Incoming>,
    ) -> Result<(Response<Incoming>, Connection), SendError> {
        let permit = Arc::clone(&self.in_use)
            .acquire_owned()
            .await
            .map_err(|_| SendError::Stopping)?;
        let Some(sender) = self.take_idle().await else {
            return Box::pin(self.send_on_new(request, permit)).await;
        };
        let mut connection = Connection {
            sender,
            reused: true,
            pool: Arc::clone(self),
            _permit: permit,
        };
        match connection.sender.try_send_request(request).await {
            Ok(response) => Ok((response, connection)),
            Err(mut error) => match error.take_message() {
                Some(request) if connection.reused => {
                    let Connection {
                        _permit: permit, ..
                    } = connection;
                    Box::pin(self.send_on_new(request, permit)).await
                }
                _ => Err(SendError::Exchange(error.into_error())),
            },
        }
    }

    /// Sends `request` on a new connection: the rare path, boxed by its callers so that its
    /// state (a TLS handshake's, say) is not moved with every exchange's future.
    async fn send_on_new(
        self: &Arc<Self>,
        request: Request<Incoming>,
        permit: OwnedSemaphorePermit,
    ) -> Result<(Response<Incoming>, Connection), SendError> {
        let mut fresh = self.connect(permit).await?;
        let response = fresh
            .sender
            .send_request(request)
            .await
            .map_err(SendError::Exchange)?;
        Ok((response, fresh))
    }

    /// The most recently used idle connection that can take a request, those closed or past
    /// their time dropped on the way.
    async fn take_idle(&self) -> Option<http1::SendRequest<Incoming>> {
        loop {
            let Idle { mut sender, since } = self
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .pop()?;
            if sender.is_closed() || since.elapsed() >= self.idle_timeout {
                continue;
            }
            if sender.is_ready() {
                return Some(sender);
            }
            // Given back as soon as its response ended, hyper may not have readied it yet; an
            // error here is a connection the upstream closed. Bounded, as the one wait nothing
            // else bounds.
            let ready = tokio::time::timeout(Duration::from_secs(1), sender.ready());
            // Boxed, as the rare wait.
            if let Ok(Ok(())) = Box::pin(ready).await {
                return Some(sender);
            }
        }
    }

    async fn connect(
        self: &Arc<Self>,
        permit: OwnedSemaphorePermit,
    ) -> Result<Connection, SendError> {
        let stream = TcpStream::connect(&self.address)
            .await
            .map_err(SendError::Connect)?;
        let _ = stream.set_nodelay(true);
        let sender = match &self.tls {
            Some(configs) => {
                let stream = configs
                    .connect(&self.host, stream, false)
                    .await
                    .map_err(SendError::Tls)?;
                handshake(stream).await?
            }
            None => handshake(stream).await?,
        };
        Ok(Connection {
            sender,
            reused: false,
            pool: Arc::clone(self),
            _permit: permit,
        })
    }
}

/// HTTP/1.1 on `io`, its connection driven by a task of its own.
async fn handshake<T>(io: T) -> Result<http1::SendRequest<Incoming>, SendError>
where
    T: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (sender, connection) = http1::Builder::new()
        .handshake(TokioIo::new(io))
        .await
        .map_err(SendError::Exchange)?;
    // With upgrades: a WebSocket's 101 hands the connection to the tunnel.
    tokio::spawn(async move {
        let _ = connection.with_upgrades().await;
    });
    Ok(sender)
}

impl Connection {
    /// Gives the connection back for another exchange; call only once its response was read
    /// to the end and its framing judged sound. Closed instead when `idle_max` are idle.
    pub(super) fn reuse(self) {
        if self.sender.is_closed() {
            return;
        }
        let mut idle = self
            .pool
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if idle.len() < self.pool.idle_max {
            idle.push(Idle {
                sender: self.sender,
                since: Instant::now(),
            });
        }
    }
}

/// Closes the idle connections past their time, every half `idle_timeout` (at least every
/// 100 ms), until the pool is gone.
async fn close_idle(pool: Weak<Pool>) {
    let every = pool
        .upgrade()
        .map_or(Duration::from_secs(1), |pool| pool.idle_timeout / 2)
        .max(Duration::from_millis(100));
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        let Some(pool) = pool.upgrade() else { return };
        let timeout = pool.idle_timeout;
        pool.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|idle| idle.since.elapsed() < timeout && !idle.sender.is_closed());
    }
}
