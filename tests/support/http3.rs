//! HTTP/3 on loopback: a tower service behind a small h3 adapter (quinn 0.11 + h3 0.0.8, the
//! shape of the h3 examples and of the axum-over-h3 adapters), and an h3 client that returns
//! what reached it. Nothing between the service and the QUIC stream repairs a response: h3
//! 0.0.8 encodes the fields it is given (`Header::response` in `proto/headers.rs` checks none)
//! and sends every DATA frame it is handed, for HEAD, 1xx, 204 and 304 alike.

use std::{net::SocketAddr, sync::Arc};

use bytes::{Buf, Bytes, BytesMut};
use http::{response, HeaderMap, Request, Response};
use http_body_util::{BodyExt, Full};
use quinn::{
    crypto::rustls::{QuicClientConfig, QuicServerConfig},
    rustls::{
        self,
        pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer},
    },
};
use tower::{Service, ServiceExt};

/// A running HTTP/3 server: its UDP address and the self-signed certificate a client trusts.
pub(crate) struct H3Server {
    pub(crate) addr: SocketAddr,
    cert: CertificateDer<'static>,
}

/// What an h3 client received: the head as decoded, the DATA frames joined (or the stream
/// error that ended them) and the trailers.
#[derive(Debug)]
pub(crate) struct H3Response {
    pub(crate) parts: response::Parts,
    pub(crate) body: Result<Bytes, String>,
    pub(crate) trailers: Option<HeaderMap>,
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    // Deprecated in rustls 0.23.48 for its lack of post-quantum key exchange: a test server.
    #[allow(deprecated)]
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Serves `service` over HTTP/3 on `127.0.0.1:0`, one task per connection and per request.
/// The request's content is read whole before the service is called; the response's frames
/// are sent as the body yields them, trailers included, and a body error resets the stream.
pub(crate) async fn spawn_h3<S, B>(service: S) -> H3Server
where
    S: Service<Request<Full<Bytes>>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: std::fmt::Debug,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: std::fmt::Display + Send,
{
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let cert = CertificateDer::from(certified.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let mut tls = rustls::ServerConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.clone()], key)
        .unwrap();
    tls.alpn_protocols = vec![b"h3".to_vec()];
    let config =
        quinn::ServerConfig::with_crypto(Arc::new(QuicServerConfig::try_from(tls).unwrap()));
    let endpoint = quinn::Endpoint::server(config, "127.0.0.1:0".parse().unwrap()).unwrap();
    let addr = endpoint.local_addr().unwrap();
    tokio::spawn(async move {
        while let Some(incoming) = endpoint.accept().await {
            let service = service.clone();
            tokio::spawn(async move {
                let Ok(connection) = incoming.await else {
                    return;
                };
                let Ok(mut connection) =
                    h3::server::Connection::<_, Bytes>::new(h3_quinn::Connection::new(connection))
                        .await
                else {
                    return;
                };
                while let Ok(Some(resolver)) = connection.accept().await {
                    let service = service.clone();
                    tokio::spawn(async move {
                        let Ok((request, stream)) = resolver.resolve_request().await else {
                            return;
                        };
                        serve_one(service, request, stream).await;
                    });
                }
            });
        }
    });
    H3Server { addr, cert }
}

/// One exchange: the request read whole, the service called, the response sent frame by frame.
async fn serve_one<S, B, T>(
    service: S,
    request: Request<()>,
    mut stream: h3::server::RequestStream<T, Bytes>,
) where
    S: Service<Request<Full<Bytes>>, Response = Response<B>>,
    S::Error: std::fmt::Debug,
    B: http_body::Body,
    B::Error: std::fmt::Display,
    T: h3::quic::BidiStream<Bytes>,
{
    let mut content = BytesMut::new();
    while let Ok(Some(mut chunk)) = stream.recv_data().await {
        while chunk.has_remaining() {
            let piece = chunk.chunk();
            let len = piece.len();
            content.extend_from_slice(piece);
            chunk.advance(len);
        }
    }
    // h3 marks the request `Version::HTTP_3`: what the layer reads to know there is no hyper.
    let request = request.map(|()| Full::new(content.freeze()));
    let response = service.oneshot(request).await.expect("the service answers");
    let (parts, body) = response.into_parts();
    if stream
        .send_response(Response::from_parts(parts, ()))
        .await
        .is_err()
    {
        return;
    }
    let mut body = std::pin::pin!(body);
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else {
            stream.stop_stream(h3::error::Code::H3_INTERNAL_ERROR);
            return;
        };
        let sent = match frame.into_data() {
            Ok(mut data) => {
                let data = data.copy_to_bytes(data.remaining());
                if data.is_empty() {
                    Ok(())
                } else {
                    stream.send_data(data).await
                }
            }
            Err(frame) => match frame.into_trailers() {
                Ok(trailers) => stream.send_trailers(trailers).await,
                Err(_) => Ok(()),
            },
        };
        if sent.is_err() {
            return;
        }
    }
    let _ = stream.finish().await;
}

/// Sends `method path` (no content) over a fresh HTTP/3 connection and returns what arrived.
/// `Err` is a stream or connection error before the response head.
pub(crate) async fn h3(server: &H3Server, method: &str, path: &str) -> Result<H3Response, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(server.cert.clone()).unwrap();
    let mut tls = rustls::ClientConfig::builder_with_provider(provider())
        .with_protocol_versions(&[&rustls::version::TLS13])
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    tls.alpn_protocols = vec![b"h3".to_vec()];
    let mut endpoint = quinn::Endpoint::client("127.0.0.1:0".parse().unwrap()).unwrap();
    endpoint.set_default_client_config(quinn::ClientConfig::new(Arc::new(
        QuicClientConfig::try_from(tls).unwrap(),
    )));
    let connection = endpoint
        .connect(server.addr, "localhost")
        .unwrap()
        .await
        .map_err(|e| e.to_string())?;
    let (mut driver, mut send_request) = h3::client::new(h3_quinn::Connection::new(connection))
        .await
        .map_err(|e| e.to_string())?;
    let drive = tokio::spawn(async move {
        let _ = std::future::poll_fn(|cx| driver.poll_close(cx)).await;
    });
    let request = Request::builder()
        .method(method)
        .uri(format!("https://localhost{path}"))
        .body(())
        .unwrap();
    let result = async {
        let mut stream = send_request
            .send_request(request)
            .await
            .map_err(|e| e.to_string())?;
        stream.finish().await.map_err(|e| e.to_string())?;
        let head = stream.recv_response().await.map_err(|e| e.to_string())?;
        let mut content = BytesMut::new();
        let body = loop {
            match stream.recv_data().await {
                Ok(Some(mut chunk)) => {
                    content.extend_from_slice(&chunk.copy_to_bytes(chunk.remaining()));
                }
                Ok(None) => break Ok(content.freeze()),
                Err(e) => break Err(e.to_string()),
            }
        };
        let trailers = match body {
            Ok(_) => stream.recv_trailers().await.map_err(|e| e.to_string())?,
            Err(_) => None,
        };
        Ok(H3Response {
            parts: head.into_parts().0,
            body,
            trailers,
        })
    }
    .await;
    drop(send_request);
    drive.abort();
    endpoint.close(0u32.into(), b"done");
    result
}
