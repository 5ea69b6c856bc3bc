//! Real servers on 127.0.0.1:0 and clients that show what actually reaches the wire: raw TCP
//! bytes for HTTP/1.x (hyper's own client hides stray bodies and lengths) and the `h2` crate for
//! HTTP/2.

use std::{convert::Infallible, net::SocketAddr, time::Duration};

use bytes::Bytes;
use http::{response::Parts, Request, Response};
use http_body::Body;
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
    service::TowerToHyperService,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    time::timeout,
};

const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// Serves `service` with hyper-util's auto (HTTP/1 + h2c prior knowledge) builder, with
/// upgrades, on a fresh loopback port. The accept loop ends with the test's runtime.
pub(crate) async fn spawn_hyper<S, B>(service: S) -> SocketAddr
where
    S: tower::Service<Request<Incoming>, Response = Response<B>, Error = Infallible>
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection_with_upgrades(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// One HTTP/1.x response as bytes on the wire.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status_line: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl RawResponse {
    pub(crate) fn status(&self) -> u16 {
        self.status_line
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .expect("status line has a code")
    }

    /// The value of the header `name` (lowercase), if present once or more (first value).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A raw TCP connection speaking HTTP/1.x by hand.
pub(crate) struct RawConn {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl RawConn {
    pub(crate) async fn connect(addr: SocketAddr) -> Self {
        Self {
            stream: TcpStream::connect(addr).await.unwrap(),
            buf: Vec::new(),
        }
    }

    pub(crate) async fn send(&mut self, request: &str) {
        self.stream.write_all(request.as_bytes()).await.unwrap();
    }

    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 4096];
        let n = timeout(IO_TIMEOUT, self.stream.read(&mut chunk))
            .await
            .expect("server answered in time")
            .unwrap_or(0);
        self.buf.extend_from_slice(&chunk[..n]);
        n > 0
    }

    /// Reads one response. `bodiless` says the client knows no body follows (HEAD request, or
    /// a 1xx/204/304 status), as RFC 9112 §6.3 tells clients.
    pub(crate) async fn read_response(&mut self, head_request: bool) -> RawResponse {
        let head_end = loop {
            if let Some(i) = find(&self.buf, b"\r\n\r\n") {
                break i;
            }
            assert!(
                self.fill().await,
                "connection closed before a full head: {:?}",
                String::from_utf8_lossy(&self.buf)
            );
        };
        let head = String::from_utf8_lossy(&self.buf[..head_end]).into_owned();
        self.buf.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let status_line = lines.next().unwrap().to_owned();
        let headers: Vec<(String, String)> = lines
            .map(|line| {
                let (name, value) = line.split_once(':').unwrap();
                (name.trim().to_ascii_lowercase(), value.trim().to_owned())
            })
            .collect();
        let mut response = RawResponse {
            status_line,
            headers,
            body: Vec::new(),
        };
        let status = response.status();
        if head_request || matches!(status, 100..=199 | 204 | 304) {
            return response;
        }
        if let Some(len) = response.header("content-length") {
            let len: usize = len.parse().unwrap();
            while self.buf.len() < len {
                assert!(self.fill().await, "connection closed inside the body");
            }
            response.body = self.buf.drain(..len).collect();
        } else if response.header("transfer-encoding").is_some() {
            response.body = self.read_chunked().await;
        } else {
            while self.fill().await {}
            response.body = std::mem::take(&mut self.buf);
        }
        response
    }

    async fn read_chunked(&mut self) -> Vec<u8> {
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(i) = find(&self.buf, b"\r\n") {
                    break i;
                }
                assert!(self.fill().await, "connection closed inside a chunk size");
            };
            let size_line = String::from_utf8_lossy(&self.buf[..line_end]).into_owned();
            let size =
                usize::from_str_radix(size_line.split(';').next().unwrap().trim(), 16).unwrap();
            self.buf.drain(..line_end + 2);
            if size == 0 {
                // Trailer section, then the final CRLF.
                loop {
                    if let Some(i) = find(&self.buf, b"\r\n") {
                        let empty = i == 0;
                        self.buf.drain(..i + 2);
                        if empty {
                            return body;
                        }
                    } else {
                        assert!(self.fill().await, "connection closed inside trailers");
                    }
                }
            }
            while self.buf.len() < size + 2 {
                assert!(self.fill().await, "connection closed inside a chunk");
            }
            body.extend(self.buf.drain(..size));
            self.buf.drain(..2);
        }
    }

    /// Whatever else the server sends within `wait` (stray bytes after a response), and
    /// whether it closed the connection.
    pub(crate) async fn leftover(&mut self, wait: Duration) -> (Vec<u8>, bool) {
        let mut closed = false;
        let mut chunk = [0u8; 4096];
        while let Ok(read) = timeout(wait, self.stream.read(&mut chunk)).await {
            match read {
                Ok(0) | Err(_) => {
                    closed = true;
                    break;
                }
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
            }
        }
        (std::mem::take(&mut self.buf), closed)
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One request over a fresh raw connection that asks the server to close afterwards.
pub(crate) async fn h1(addr: SocketAddr, method: &str, path: &str, version: &str) -> RawResponse {
    let mut conn = RawConn::connect(addr).await;
    conn.send(&format!(
        "{method} {path} {version}\r\nhost: localhost\r\nconnection: close\r\n\r\n"
    ))
    .await;
    conn.read_response(method == "HEAD").await
}

/// What an HTTP/2 client got: the head and the DATA bytes, or the stream error.
#[derive(Debug)]
pub(crate) struct H2Response {
    pub(crate) parts: Parts,
    pub(crate) body: Result<Bytes, h2::Error>,
}

/// One HTTP/2 (prior knowledge) request over a fresh connection with the `h2` crate.
pub(crate) async fn h2(
    addr: SocketAddr,
    method: &str,
    path: &str,
) -> Result<H2Response, h2::Error> {
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (client, connection) = h2::client::handshake(tcp).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await?;
    let request = Request::builder()
        .method(method)
        .uri(format!("http://localhost{path}"))
        .body(())
        .unwrap();
    let (response, _) = client.send_request(request, true)?;
    let response = timeout(IO_TIMEOUT, response)
        .await
        .expect("h2 answer in time")?;
    let (parts, mut body) = response.into_parts();
    let mut data = Vec::new();
    let body = loop {
        match timeout(IO_TIMEOUT, body.data())
            .await
            .expect("h2 body in time")
        {
            None => break Ok(Bytes::from(data)),
            Some(Ok(chunk)) => {
                let _ = body.flow_control().release_capacity(chunk.len());
                data.extend_from_slice(&chunk);
            }
            Some(Err(err)) => break Err(err),
        }
    };
    Ok(H2Response { parts, body })
}

/// A hyper HTTP/1.1 client connection to `addr`, kept alive for many requests.
pub(crate) async fn h1_client<B>(addr: SocketAddr) -> hyper::client::conn::http1::SendRequest<B>
where
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let stream = TcpStream::connect(addr).await.unwrap();
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    sender
}

/// What an HTTP/2 client got for one request, trailers included.
#[derive(Debug)]
pub(crate) struct H2Exchange {
    pub(crate) parts: Parts,
    pub(crate) body: Bytes,
    pub(crate) trailers: Option<http::HeaderMap>,
}

/// One HTTP/2 (prior knowledge) request with headers and optional content, over a fresh
/// connection. `request`'s URI must be absolute (`http://localhost/…`).
pub(crate) async fn h2_exchange(
    addr: SocketAddr,
    request: Request<()>,
    content: Option<Bytes>,
) -> Result<H2Exchange, h2::Error> {
    let tcp = TcpStream::connect(addr).await.unwrap();
    let (client, connection) = h2::client::handshake(tcp).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await?;
    let (response, mut send) = client.send_request(request, content.is_none())?;
    if let Some(content) = content {
        // A server may answer (and close the stream) before reading the content — a rejection
        // that needs no body. The client's data is then moot; the answer is still read below.
        let _ = send.send_data(content, true);
    }
    let response = timeout(IO_TIMEOUT, response)
        .await
        .expect("h2 answer in time")?;
    let (parts, mut body) = response.into_parts();
    let mut data = Vec::new();
    while let Some(chunk) = timeout(IO_TIMEOUT, body.data())
        .await
        .expect("h2 body in time")
    {
        let chunk = chunk?;
        let _ = body.flow_control().release_capacity(chunk.len());
        data.extend_from_slice(&chunk);
    }
    let trailers = timeout(IO_TIMEOUT, body.trailers())
        .await
        .expect("h2 trailers in time")?;
    Ok(H2Exchange {
        parts,
        body: Bytes::from(data),
        trailers,
    })
}

/// The crate's own client of the server at `addr`, for sweeps over the wire (feature
/// `client`): a new connection per request, in the request's version.
#[cfg(feature = "client")]
pub(crate) fn client(addr: SocketAddr) -> tower_status_conformance::sweep::Client {
    tower_status_conformance::sweep::Client::new(&format!("http://{addr}"))
        .expect("a loopback address is a valid base URL")
}
