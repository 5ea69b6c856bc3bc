//! Plain hyper: a `tower::ServiceBuilder` stack with the layer, served by hyper-util on
//! loopback. Sends one request with a raw HTTP/1.1 client, prints the bytes, then exits.
//!
//! ```text
//! cargo run --example hyper
//! ```

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper_util::{
    rt::{TokioExecutor, TokioIo},
    server::conn::auto,
    service::TowerToHyperService,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceBuilder;
use tower_status_conformance::{StatusConformanceLayer, Violation};

async fn handler(_request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    // 429 marked cacheable for an hour: a shared cache would serve it to everyone.
    let response = Response::builder()
        .status(StatusCode::TOO_MANY_REQUESTS)
        .header("cache-control", "public, max-age=3600")
        .header("retry-after", "3600")
        .body(Full::new(Bytes::from_static(b"slow down")))
        .unwrap();
    Ok(response)
}

#[tokio::main]
async fn main() {
    let service = ServiceBuilder::new()
        .layer(
            StatusConformanceLayer::new().on_violation(|violation: &Violation| {
                println!(
                    "layer reported: {violation} (action: {})",
                    violation.action()
                );
            }),
        )
        .service_fn(handler);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });

    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut received = String::new();
    stream.read_to_string(&mut received).await.unwrap();
    println!("--- on the wire ---\n{received}");
    assert!(received.contains("cache-control: no-store"));
}
