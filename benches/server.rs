//! What a whole hyper server costs per request, with and without this layer and `TraceLayer`:
//! `benches/server.sh` runs `server` under callgrind and `client` beside it, for N and 11·N
//! requests on one keep-alive connection, so that start-up cancels out.
//!
//! `server <stack> <h1|h2> <port-file>`: serves one connection on `127.0.0.1:0` (its port
//! written to `port-file`), then exits. `client <h1|h2> <200|304|405|204> <requests> <port>`: sends
//! that many requests, one at a time, reading each response whole.
//!
//! The app is a `service_fn` answering `GET /item` with a JSON 200 (or a 304 to its `ETag`),
//! `POST` with a 204 that carries content (the violating path: `new()` repairs it), and every
//! other method with a 405 listing `GET, HEAD`. No tracing subscriber is installed, except in
//! the `trace_info` and `trace_debug` stacks: `TraceLayer` under a `fmt` subscriber (writing to
//! a sink) at INFO, as production servers run it (its DEBUG spans and events then disabled,
//! asked of the subscriber), and at DEBUG, where it records them.

use std::{convert::Infallible, time::Duration};

use bytes::Bytes;
use http::{header, Method, Request, Response, StatusCode, Version};
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tower::{service_fn, ServiceBuilder};
use tower_http::trace::TraceLayer;
use tower_status_conformance::StatusConformanceLayer;

const TAG: &str = "\"v1\"";
const JSON: &str = r#"{"id":1,"name":"widget","price":12.5,"tags":["a","b"]}"#;

async fn app(request: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let response = match *request.method() {
        Method::GET | Method::HEAD
            if request
                .headers()
                .get(header::IF_NONE_MATCH)
                .is_some_and(|tag| tag == TAG) =>
        {
            Response::builder()
                .status(StatusCode::NOT_MODIFIED)
                .header(header::ETAG, TAG)
                .header(header::CACHE_CONTROL, "max-age=60")
                .body(Full::default())
        }
        Method::GET | Method::HEAD => Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ETAG, TAG)
            .header(header::CACHE_CONTROL, "max-age=60")
            .body(Full::new(Bytes::from_static(JSON.as_bytes()))),
        // The violating path: a 204 with content, which `new()` repairs.
        Method::POST => Response::builder()
            .status(StatusCode::NO_CONTENT)
            .header(header::CONTENT_LENGTH, "4")
            .body(Full::new(Bytes::from_static(b"gone"))),
        _ => Response::builder()
            .status(StatusCode::METHOD_NOT_ALLOWED)
            .header(header::ALLOW, "GET, HEAD")
            .body(Full::default()),
    };
    Ok(response.expect("a valid response"))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["server", stack, protocol, port_file] => {
            runtime.block_on(serve(stack, protocol, port_file))
        }
        ["client", protocol, kind, requests, port] => runtime.block_on(drive(
            protocol,
            kind,
            requests.parse().expect("a number of requests"),
            port.parse().expect("a port"),
        )),
        // `cargo bench` runs every bench target without arguments: nothing to measure alone.
        _ => eprintln!("server.rs: run through benches/server.sh"),
    }
}

async fn serve(stack: &str, protocol: &str, port_file: &str) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("an address").port();
    std::fs::write(port_file, port.to_string()).expect("the port file");
    let (stream, _) = listener.accept().await.expect("one connection");
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(stream);
    macro_rules! serve_with {
        ($service:expr) => {{
            let service = hyper_util::service::TowerToHyperService::new($service);
            if protocol == "h2" {
                let _ = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                    .serve_connection(io, service)
                    .await;
            } else {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            }
        }};
    }
    match stack {
        "bare" => serve_with!(service_fn(app)),
        "trace" => serve_with!(ServiceBuilder::new()
            .layer(TraceLayer::new_for_http())
            .service(service_fn(app))),
        "new" => serve_with!(ServiceBuilder::new()
            .layer(StatusConformanceLayer::new())
            .service(service_fn(app))),
        "observe" => serve_with!(ServiceBuilder::new()
            .layer(StatusConformanceLayer::observe())
            .service(service_fn(app))),
        "trace_info" | "trace_debug" => {
            let level = if stack == "trace_info" {
                tracing::Level::INFO
            } else {
                tracing::Level::DEBUG
            };
            tracing_subscriber::fmt()
                .with_max_level(level)
                .with_writer(std::io::sink)
                .init();
            serve_with!(ServiceBuilder::new()
                .layer(TraceLayer::new_for_http())
                .service(service_fn(app)))
        }
        "trace_new" => serve_with!(ServiceBuilder::new()
            .layer(TraceLayer::new_for_http())
            .layer(StatusConformanceLayer::new())
            .service(service_fn(app))),
        other => panic!("unknown stack {other}"),
    }
}

fn request(kind: &str, version: Version) -> Request<Empty<Bytes>> {
    let uri = if version == Version::HTTP_2 {
        "http://localhost/item"
    } else {
        "/item"
    };
    let builder = Request::builder().uri(uri).version(version);
    let builder = match kind {
        "200" => builder.method(Method::GET),
        "304" => builder
            .method(Method::GET)
            .header(header::IF_NONE_MATCH, TAG),
        "405" => builder.method(Method::DELETE),
        "204" => builder.method(Method::POST),
        other => panic!("unknown request kind {other}"),
    };
    let builder = if version == Version::HTTP_2 {
        builder
    } else {
        builder.header(header::HOST, "localhost")
    };
    builder.body(Empty::new()).expect("a valid request")
}

async fn drive(protocol: &str, kind: &str, requests: usize, port: u16) {
    let stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("the server listens");
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(stream);
    if protocol == "h2" {
        let (mut sender, connection) =
            hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                .await
                .expect("an HTTP/2 connection");
        let connection = tokio::spawn(connection);
        for _ in 0..requests {
            let response = sender
                .send_request(request(kind, Version::HTTP_2))
                .await
                .expect("a response");
            response.into_body().collect().await.expect("a body");
        }
        drop(sender);
        let _ = tokio::time::timeout(Duration::from_secs(5), connection).await;
    } else {
        let (mut sender, connection) = hyper::client::conn::http1::handshake(io)
            .await
            .expect("an HTTP/1.1 connection");
        let connection = tokio::spawn(connection);
        for _ in 0..requests {
            sender.ready().await.expect("ready");
            let response = sender
                .send_request(request(kind, Version::HTTP_11))
                .await
                .expect("a response");
            response.into_body().collect().await.expect("a body");
        }
        drop(sender);
        let _ = tokio::time::timeout(Duration::from_secs(5), connection).await;
    }
}
