//! Loopback load: a real hyper server (HTTP/1.1 keep-alive, and HTTP/2) without and with the
//! layer, driven by tokio clients in this process. Runs alternate A/B/A/B so that machine noise
//! hits both sides alike, and reports throughput and p99 latency per side and the ratio.
//!
//! `cargo bench --bench loopback [-- <seconds per run> <rounds>]`

#![allow(missing_docs)]

#[allow(dead_code)]
#[path = "../tests/support/wire.rs"]
mod wire;

use std::{
    convert::Infallible,
    net::SocketAddr,
    time::{Duration, Instant},
};

use bytes::Bytes;
use http::{header, HeaderValue, Request, Response};
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tower::{service_fn, Layer};
use tower_status_conformance::StatusConformanceLayer;

const CONNECTIONS: usize = 16;

async fn handler(_: Request<Incoming>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"hello, world")));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::ETAG, HeaderValue::from_static("\"v1\""));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

#[derive(Clone, Copy, PartialEq)]
enum Protocol {
    Http1,
    Http2,
}

/// Requests per second and latencies (µs) of one run of `seconds` against `addr`.
async fn run(addr: SocketAddr, protocol: Protocol, seconds: f64) -> (f64, Vec<u32>) {
    let deadline = Instant::now() + Duration::from_secs_f64(seconds);
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            tokio::spawn(async move {
                let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
                let _ = stream.set_nodelay(true);
                let io = TokioIo::new(stream);
                let mut latencies = Vec::with_capacity(64 * 1024);
                macro_rules! drive {
                    ($sender:expr) => {
                        while Instant::now() < deadline {
                            let request = Request::get("http://localhost/items/7")
                                .body(Empty::<Bytes>::new())
                                .unwrap();
                            let started = Instant::now();
                            $sender.ready().await.unwrap();
                            let response = $sender.send_request(request).await.unwrap();
                            response.into_body().collect().await.unwrap();
                            latencies.push(started.elapsed().as_micros() as u32);
                        }
                    };
                }
                match protocol {
                    Protocol::Http1 => {
                        let (mut sender, conn) =
                            hyper::client::conn::http1::handshake(io).await.unwrap();
                        tokio::spawn(conn);
                        drive!(sender);
                    }
                    Protocol::Http2 => {
                        let (mut sender, conn) =
                            hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                                .await
                                .unwrap();
                        tokio::spawn(conn);
                        drive!(sender);
                    }
                }
                latencies
            })
        })
        .collect();
    let mut all = Vec::new();
    for client in clients {
        all.extend(client.await.unwrap());
    }
    (all.len() as f64 / seconds, all)
}

fn p99(latencies: &mut [u32]) -> u32 {
    latencies.sort_unstable();
    latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let seconds: f64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(2.0);
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let bare = wire::spawn_hyper(service_fn(handler)).await;
        let layered =
            wire::spawn_hyper(StatusConformanceLayer::new().layer(service_fn(handler))).await;
        println!(
            "{CONNECTIONS} connections, {rounds} rounds of {seconds} s per side, alternating A/B"
        );
        println!(
            "{:<10} {:>12} {:>12} {:>8} {:>10} {:>10}",
            "protocol", "bare req/s", "layer req/s", "ratio", "p99 bare", "p99 layer"
        );
        for (name, protocol) in [("HTTP/1.1", Protocol::Http1), ("HTTP/2", Protocol::Http2)] {
            // Warm up both sides.
            run(bare, protocol, 0.5).await;
            run(layered, protocol, 0.5).await;
            let (mut a_rate, mut b_rate) = (0.0, 0.0);
            let (mut a_lat, mut b_lat) = (Vec::new(), Vec::new());
            for _ in 0..rounds {
                let (rate, lat) = run(bare, protocol, seconds).await;
                a_rate += rate;
                a_lat.extend(lat);
                let (rate, lat) = run(layered, protocol, seconds).await;
                b_rate += rate;
                b_lat.extend(lat);
            }
            let (a_rate, b_rate) = (a_rate / rounds as f64, b_rate / rounds as f64);
            println!(
                "{name:<10} {a_rate:>12.0} {b_rate:>12.0} {:>7.1}% {:>8}µs {:>8}µs",
                100.0 * b_rate / a_rate,
                p99(&mut a_lat),
                p99(&mut b_lat),
            );
        }
    });
}
