//! `sweep::Client` against real servers on loopback: each HTTP version as the sweep gives it,
//! the base path, `https://` with ALPN (a self-signed certificate, refused unless insecure),
//! the time bound on a server that stalls, and a clear error for each bad base URL.

use std::{convert::Infallible, net::SocketAddr, time::Duration};

use bytes::Bytes;
use http::{header, Request, Response, Version};
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
};
use tokio::net::TcpListener;
use tower::{Service, ServiceExt};
use tower_status_conformance::sweep::{Client, Sweep};

/// What the server saw of a request: version, target, `Host`, URI authority.
async fn echo(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let host = request
        .headers()
        .get(header::HOST)
        .map_or("-", |h| h.to_str().unwrap());
    let authority = request.uri().authority().map_or("-", |a| a.as_str());
    let path = request.uri().path_and_query().unwrap().as_str();
    let seen = format!(
        "{:?} {path} host={host} authority={authority}",
        request.version()
    );
    Ok(Response::builder()
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Full::new(Bytes::from(seen)))
        .unwrap())
}

/// A hyper server (HTTP/1 and HTTP/2 prior knowledge) on `127.0.0.1:0`.
async fn serve_plain() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            tokio::spawn(
                auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), hyper::service::service_fn(echo))
                    .into_owned(),
            );
        }
    });
    addr
}

async fn send(client: &mut Client, request: Request<String>) -> String {
    let response = client.ready().await.unwrap().call(request).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    String::from_utf8(body.to_vec()).unwrap()
}

#[tokio::test]
async fn each_request_goes_in_its_version_after_the_base_path() {
    let addr = serve_plain().await;
    let mut client = Client::new(&format!("http://{addr}/api/")).unwrap();
    assert_eq!(client.authority(), addr.to_string());

    let http10 = Request::get("/items?q=1")
        .version(Version::HTTP_10)
        .header(header::HOST, "example.test")
        .body(String::new())
        .unwrap();
    assert_eq!(
        send(&mut client, http10).await,
        "HTTP/1.0 /api/items?q=1 host=example.test authority=-"
    );
    let http11 = Request::get("/items").body(String::new()).unwrap();
    assert_eq!(
        send(&mut client, http11).await,
        format!("HTTP/1.1 /api/items host={addr} authority=-")
    );
    let http2 = Request::get("http://localhost/items")
        .version(Version::HTTP_2)
        .body(String::new())
        .unwrap();
    assert_eq!(
        send(&mut client, http2).await,
        "HTTP/2.0 /api/items host=- authority=localhost"
    );
}

/// The sweep through the shipped client: a conforming axum app over the wire reports nothing,
/// in all three versions.
#[tokio::test]
async fn a_sweep_through_the_client_of_a_conforming_axum_app_is_empty() {
    use axum::{routing::get, Json, Router};

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/items", get(|| async { Json(vec![1, 2]) }));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let client = Client::new(&format!("http://{addr}")).unwrap();
    let report = Sweep::new()
        .authority(client.authority())
        .target("/items")
        .run(client)
        .await
        .unwrap();
    assert!(report.is_empty(), "{report}");
    // No validator to replay: 5 plain requests and 4 ranges per version.
    assert_eq!(report.requests(), Some(27));
}

/// A server that accepts and never answers, and one that sends a head and stalls its body:
/// each request fails within the client's timeout, and the sweep goes on.
#[tokio::test]
async fn a_stalled_server_is_a_failed_request_within_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let client = Client::new(&format!("http://{silent}"))
        .unwrap()
        .timeout(Duration::from_millis(200));
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .target("/")
        .run(client)
        .await
        .unwrap();
    assert_eq!(report.failures().len(), 5, "{report}");
    for failed in report.failures() {
        assert_eq!(failed.error(), "no complete response within 200 ms");
    }

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let stalling = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = hyper::service::service_fn(|_: Request<Incoming>| async {
                let never = futures_util::stream::pending::<Result<Frame<Bytes>, Infallible>>();
                Ok::<_, Infallible>(
                    Response::builder()
                        .header(header::CONTENT_TYPE, "text/plain")
                        .body(StreamBody::new(never))
                        .unwrap(),
                )
            });
            tokio::spawn(
                auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .into_owned(),
            );
        }
    });
    let client = Client::new(&format!("http://{stalling}"))
        .unwrap()
        .timeout(Duration::from_millis(200));
    let report = Sweep::new()
        .versions([Version::HTTP_2])
        .target("/")
        .run(client)
        .await
        .unwrap();
    let stalled: Vec<&str> = report.failures().iter().map(|f| f.error()).collect();
    // Each got a head and a body that never ends (hyper 1.12's HTTP/2 server holds even the
    // HEAD's stream open until the handler's body ends).
    assert_eq!(
        stalled, ["no complete response within 200 ms"; 5],
        "{report}"
    );
}

#[test]
fn a_bad_base_url_is_one_clear_error() {
    let cases = [
        ("ftp://example.com", "scheme `ftp` is not http or https"),
        ("example.com", "no scheme (http:// or https://)"),
        ("http://example.com/?q=1", "a query belongs to the targets"),
        (
            "http://user@example.com",
            "user information is not supported",
        ),
        (
            "http://exa mple.com",
            "invalid base URL `http://exa mple.com`: ",
        ),
    ];
    for (base, expected) in cases {
        let error = Client::new(base).unwrap_err().to_string();
        assert!(error.contains(expected), "{base}: {error}");
        assert!(!error.contains('\n'), "{error}");
    }
}

#[cfg(feature = "tls")]
mod https {
    //! A TLS server with a self-signed certificate for `localhost`, ALPN `h2` and `http/1.1`.

    use super::*;

    async fn serve_tls() -> SocketAddr {
        let acceptor = crate::support::tls::self_signed_localhost();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(tls) = acceptor.accept(stream).await else {
                        return;
                    };
                    let _ = auto::Builder::new(TokioExecutor::new())
                        .serve_connection(TokioIo::new(tls), hyper::service::service_fn(echo))
                        .await;
                });
            }
        });
        addr
    }

    #[tokio::test]
    async fn https_uses_alpn_and_refuses_a_self_signed_certificate_unless_insecure() {
        let addr = serve_tls().await;
        let base = format!("https://localhost:{}", addr.port());
        let mut client = Client::new(&base).unwrap().insecure(true);
        let http11 = Request::get("/a").body(String::new()).unwrap();
        assert_eq!(
            send(&mut client, http11).await,
            format!("HTTP/1.1 /a host=localhost:{} authority=-", addr.port())
        );
        let http2 = Request::get("http://localhost/a")
            .version(Version::HTTP_2)
            .body(String::new())
            .unwrap();
        assert_eq!(
            send(&mut client, http2).await,
            "HTTP/2.0 /a host=- authority=localhost"
        );

        let mut strict = Client::new(&base).unwrap();
        let error = strict
            .ready()
            .await
            .unwrap()
            .call(Request::get("/a").body(String::new()).unwrap())
            .await
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("TLS with localhost failed: ") && error.contains("certificate"),
            "{error}"
        );
    }
}

/// An HTTP/2 server (the `h2` crate, as other servers frame it) that answers every request
/// with `Content-Length: 5` and, to HEAD, `head_content` as DATA — none: an empty DATA frame
/// that ends the stream.
async fn serve_h2_head(head_content: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(answer_h2_head(stream, head_content));
        }
    });
    addr
}

/// Serves one connection of [`serve_h2_head`].
async fn answer_h2_head<T>(stream: T, head_content: &'static [u8])
where
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut connection = h2::server::handshake(stream).await.unwrap();
    while let Some(Ok((request, mut respond))) = connection.accept().await {
        let response = Response::builder()
            .header(header::CONTENT_TYPE, "text/plain")
            .header(header::CONTENT_LENGTH, "5")
            .body(())
            .unwrap();
        let mut send = respond.send_response(response, false).unwrap();
        let content = if request.method() == http::Method::HEAD {
            head_content
        } else {
            &b"hello"[..]
        };
        send.send_data(Bytes::from_static(content), true).unwrap();
    }
}

/// Only octets that arrived are content: `Content-Length` on a HEAD response describes the
/// GET's (RFC 9110 §8.6), and hyper's HTTP/2 client gave it as the body's size before 1.13
/// (`ClientBody` trusts that size only where the field frames the message). An empty DATA
/// frame ending the stream is no content: not reported. Five octets are (h2
/// refuses them as a protocol error, so the request got no complete response: reported).
#[tokio::test]
async fn a_head_over_http2_is_judged_by_the_octets_that_arrived() {
    for (head_content, expected) in [(&b""[..], false), (&b"hello"[..], true)] {
        let addr = serve_h2_head(head_content).await;
        let client = Client::new(&format!("http://{addr}")).unwrap();
        head_verdict(client, head_content, expected).await;
    }
}

/// Sweeps the HEAD server behind `client` over HTTP/2 and checks whether a HEAD with content
/// was reported (as a finding, or as a request h2 refused) as `expected`.
async fn head_verdict(client: Client, head_content: &[u8], expected: bool) {
    use tower_status_conformance::{Rule, StatusConformanceLayer, Wire};

    let report = Sweep::new()
        .authority(client.authority())
        .versions([Version::HTTP_2])
        .layer(StatusConformanceLayer::observe().wire(Wire::Received))
        .target("/file")
        .run(client)
        .await
        .unwrap();
    let flagged = report
        .groups()
        .any(|g| g.rule() == Rule::HEAD_RESPONSE_WITH_BODY)
        || report
            .failures()
            .iter()
            .any(|f| f.method() == http::Method::HEAD);
    assert_eq!(flagged, expected, "{head_content:?}: {report}");
    if !expected {
        assert!(report.failures().is_empty(), "{report}");
    }
}

/// The same HEAD over HTTP/2 by ALPN over TLS: the empty DATA frame is no content there either.
#[cfg(feature = "tls")]
#[tokio::test]
async fn a_head_over_http2_with_tls_is_judged_by_the_octets_that_arrived() {
    for (head_content, expected) in [(&b""[..], false), (&b"hello"[..], true)] {
        let acceptor = crate::support::tls::self_signed_localhost();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    if let Ok(tls) = acceptor.accept(stream).await {
                        answer_h2_head(tls, head_content).await;
                    }
                });
            }
        });
        let client = Client::new(&format!("https://localhost:{}", addr.port()))
            .unwrap()
            .insecure(true);
        head_verdict(client, head_content, expected).await;
    }
}

/// A server written by hand that sends `103 Early Hints` before every answer, whatever the
/// request's version: over HTTP/1.1 that is allowed, over HTTP/1.0 it is not (RFC 9110 §15.2:
/// "A server MUST NOT send a 1xx response to an HTTP/1.0 client"). hyper's server sends no
/// interim response but `100 Continue`, so the bytes are written here.
async fn serve_early_hints() -> SocketAddr {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    let Ok(read @ 1..) = stream.read(&mut buffer).await else {
                        return;
                    };
                    head.extend_from_slice(&buffer[..read]);
                }
                let head = String::from_utf8_lossy(&head);
                let method = head.split(' ').next().unwrap_or_default();
                let last = if matches!(method, "GET" | "HEAD") {
                    "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n"
                } else {
                    "HTTP/1.1 405 Method Not Allowed\r\nallow: GET, HEAD\r\ncontent-length: 0\r\n"
                };
                let body = if method == "GET" && last.contains("200") {
                    "hi"
                } else {
                    ""
                };
                let response = format!(
                    "HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n{last}connection: close\r\n\r\n{body}"
                );
                let _ = stream.write_all(response.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    addr
}

/// The client records the interim responses no layer sees, and the sweep judges them as
/// received: a 103 to each HTTP/1.0 request is reported, the same 103 over HTTP/1.1 is not.
#[tokio::test]
async fn interim_responses_are_recorded_and_one_to_http10_is_reported() {
    let addr = serve_early_hints().await;
    let client = Client::new(&format!("http://{addr}")).unwrap();
    let report = Sweep::new()
        .authority(client.authority())
        .versions([Version::HTTP_10, Version::HTTP_11])
        .target("/")
        .run(client)
        .await
        .unwrap();
    let groups: Vec<_> = report.groups().collect();
    assert_eq!(groups.len(), 1, "{report}");
    let group = &groups[0];
    assert_eq!(group.rule().id(), "informational-to-http10", "{report}");
    assert_eq!(group.example().version(), Version::HTTP_10);
    assert_eq!(
        group.example().detail(),
        Some("103 before the final 200 to an HTTP/1.0 request")
    );

    let client = Client::new(&format!("http://{addr}")).unwrap();
    let report = Sweep::new()
        .authority(client.authority())
        .versions([Version::HTTP_11])
        .target("/")
        .run(client)
        .await
        .unwrap();
    assert!(report.is_empty(), "{report}");
}
