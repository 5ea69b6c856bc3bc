//! Load and faults against a real hyper server with the layer on loopback: 64 keep-alive
//! connections and 100 000 requests mixing a conforming handler, one handler per rule (each
//! rule's example exchange that HTTP/1.1 can carry), slow bodies, clients that hang up
//! mid-body, handlers that fail and bodies that fail mid-stream.
//!
//! Asserts: no framing error on the connections that stay open, violation counts exactly what
//! was sent, no panic anywhere, memory bounded. Stops by itself.

mod support;

use std::{
    collections::BTreeMap,
    pin::Pin,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    task::{Context, Poll},
    time::Duration,
};

use bytes::Bytes;
use http::{header, Method, Request, Response, Version};
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use support::exchange;
use tower::{service_fn, Layer};
use tower_status_conformance::{Action, Rule, StatusConformanceLayer, ViolationCounter};

const CONNECTIONS: usize = 64;
const TOTAL: usize = 100_000;
const FAULTS_EACH: usize = 200;

/// The rules whose example an HTTP/1.1 client can send as is.
fn carried_rules() -> Vec<Rule> {
    Rule::ALL
        .iter()
        .copied()
        .filter(|rule| {
            let e = exchange::parse(rule.example());
            e.request.version() == Version::HTTP_11
                && !e.response.status().is_informational()
                && e.request.method() != Method::CONNECT
        })
        .collect()
}

/// Response bodies the handlers use.
enum ServerBody {
    Full(Option<Bytes>),
    /// Ten frames, each after a round trip through the scheduler (`Pending`, then woken).
    Slow {
        left: usize,
        paused: bool,
    },
    /// One frame, then an error.
    Failing(bool),
}

#[derive(Debug)]
struct Failed;

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("failed on purpose")
    }
}

impl std::error::Error for Failed {}

impl Body for ServerBody {
    type Data = Bytes;
    type Error = Failed;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Failed>>> {
        match self.get_mut() {
            Self::Full(data) => Poll::Ready(data.take().map(|d| Ok(Frame::data(d)))),
            Self::Slow { left: 0, .. } => Poll::Ready(None),
            Self::Slow { paused, .. } if !*paused => {
                *paused = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Self::Slow { left, paused } => {
                *left -= 1;
                *paused = false;
                Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(&[b'x'; 4096])))))
            }
            Self::Failing(sent) if !*sent => {
                *sent = true;
                Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(b"partial")))))
            }
            Self::Failing(_) => Poll::Ready(Some(Err(Failed))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Self::Full(None) | Self::Slow { left: 0, .. })
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Full(data) => SizeHint::with_exact(data.as_ref().map_or(0, |d| d.len() as u64)),
            _ => SizeHint::default(),
        }
    }
}

async fn handler(request: Request<hyper::body::Incoming>) -> Result<Response<ServerBody>, Failed> {
    let path = request.uri().path().to_owned();
    let plain = |body: ServerBody| {
        let mut response = Response::new(body);
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        response
    };
    match path.as_str() {
        "/ok" => Ok(plain(ServerBody::Full(Some(Bytes::from_static(b"ok"))))),
        "/slow" => Ok(plain(ServerBody::Slow {
            left: 10,
            paused: false,
        })),
        "/error" => Err(Failed),
        "/body-error" => Ok(plain(ServerBody::Failing(false))),
        _ => {
            let rule = Rule::from_id(path.trim_start_matches("/rule/")).ok_or(Failed)?;
            let (parts, body) = exchange::parse(rule.example()).response.into_parts();
            let bytes = body.collect().await.unwrap().to_bytes();
            Ok(Response::from_parts(parts, ServerBody::Full(Some(bytes))))
        }
    }
}

/// The request for `path`: the rule's example request (its method and fields; a declared
/// length becomes a real body of that length), or a plain GET.
fn request_for(path: &str) -> Request<Full<Bytes>> {
    let Some(rule) = path.strip_prefix("/rule/").and_then(Rule::from_id) else {
        return Request::get(path)
            .header("host", "test")
            .body(Full::default())
            .unwrap();
    };
    let example = exchange::parse(rule.example()).request;
    let mut builder = Request::builder()
        .method(example.method().clone())
        .uri(format!("http://test{path}"));
    let mut body = Bytes::new();
    for (name, value) in example.headers() {
        if name == header::CONTENT_LENGTH {
            let len: usize = value.to_str().unwrap().parse().unwrap();
            body = Bytes::from(vec![b'x'; len.min(64)]);
        } else if name != header::TRANSFER_ENCODING {
            builder = builder.header(name, value);
        }
    }
    if example.uri().scheme().is_none() {
        // Origin-form like the example: send the path only.
        builder = builder.uri(path);
    }
    builder
        .header("host", "test")
        .body(Full::new(body))
        .unwrap()
}

fn counts(counter: &ViolationCounter) -> BTreeMap<(Rule, Action), u64> {
    counter.snapshot().map(|(r, a, n)| ((r, a), n)).collect()
}

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn load_with_faults_keeps_framing_counts_and_memory() {
    let panics = Arc::new(AtomicUsize::new(0));
    let default_hook = std::panic::take_hook();
    std::panic::set_hook({
        let panics = Arc::clone(&panics);
        Box::new(move |info| {
            panics.fetch_add(1, Ordering::Relaxed);
            default_hook(info);
        })
    });

    let counter = ViolationCounter::new();
    let service = StatusConformanceLayer::new()
        .log_limit(0)
        .on_violation(counter.clone())
        .layer(service_fn(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let service = hyper_util::service::TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = hyper_util::server::conn::auto::Builder::new(
                    hyper_util::rt::TokioExecutor::new(),
                )
                .serve_connection(TokioIo::new(stream), service)
                .await;
            });
        }
    });

    // Calibrate: what one request of each kind is reported as, over the same wire.
    let mut paths: Vec<String> = carried_rules()
        .iter()
        .map(|r| format!("/rule/{}", r.id()))
        .collect();
    paths.push("/ok".into());
    paths.push("/slow".into());
    let mut per_path: BTreeMap<String, BTreeMap<(Rule, Action), u64>> = BTreeMap::new();
    for path in &paths {
        let before = counts(&counter);
        let mut sender = support::wire::h1_client::<Full<Bytes>>(addr).await;
        let response = sender.send_request(request_for(path)).await.unwrap();
        response.into_body().collect().await.unwrap();
        let after = counts(&counter);
        let delta = after
            .iter()
            .map(|(k, v)| (*k, v - before.get(k).copied().unwrap_or(0)))
            .filter(|(_, v)| *v > 0)
            .collect();
        per_path.insert(path.clone(), delta);
    }
    assert!(
        per_path.values().filter(|v| !v.is_empty()).count() > 40,
        "most examples report"
    );
    let calibrated = counts(&counter);
    let rss_before = rss_kib();

    // Load: 64 keep-alive connections, round-robin over the paths.
    let sent: Arc<Vec<AtomicUsize>> = Arc::new(paths.iter().map(|_| AtomicUsize::new(0)).collect());
    let per_client = (TOTAL - 3 * FAULTS_EACH) / CONNECTIONS;
    let paths = Arc::new(paths);
    let clients: Vec<_> = (0..CONNECTIONS)
        .map(|client| {
            let (paths, sent) = (Arc::clone(&paths), Arc::clone(&sent));
            tokio::spawn(async move {
                let mut sender = support::wire::h1_client::<Full<Bytes>>(addr).await;
                for i in 0..per_client {
                    let which = (client + i) % paths.len();
                    sender.ready().await.expect("connection closed under load");
                    let response = sender.send_request(request_for(&paths[which])).await;
                    let response = response.expect("framing error on a kept-alive connection");
                    response
                        .into_body()
                        .collect()
                        .await
                        .expect("framing error in a body");
                    sent[which].fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();

    // Faults, each on a connection of its own: failing handlers, failing bodies, and clients
    // that hang up in the middle of a slow body.
    let faults = tokio::spawn(async move {
        for _ in 0..FAULTS_EACH {
            let mut sender = support::wire::h1_client::<Full<Bytes>>(addr).await;
            assert!(sender.send_request(request_for("/error")).await.is_err());

            // The error may cut the connection before or after the head went out.
            let mut sender = support::wire::h1_client::<Full<Bytes>>(addr).await;
            if let Ok(response) = sender.send_request(request_for("/body-error")).await {
                assert!(response.into_body().collect().await.is_err());
            }

            let mut sender = support::wire::h1_client::<Full<Bytes>>(addr).await;
            let response = sender.send_request(request_for("/slow")).await.unwrap();
            let mut body = response.into_body();
            let _ = body.frame().await;
            drop(body);
            drop(sender);
        }
    });

    for client in clients {
        tokio::time::timeout(Duration::from_secs(300), client)
            .await
            .expect("in time")
            .unwrap();
    }
    faults.await.unwrap();

    // Exact counts: calibration plus, per path, its report times the requests sent.
    let mut expected = calibrated;
    for (i, path) in paths.iter().enumerate() {
        let n = sent[i].load(Ordering::Relaxed) as u64;
        for (key, per_request) in &per_path[path] {
            *expected.entry(*key).or_default() += per_request * n;
        }
    }
    let total_sent: usize = sent.iter().map(|n| n.load(Ordering::Relaxed)).sum();
    assert_eq!(
        total_sent + 3 * FAULTS_EACH + paths.len(),
        per_client * CONNECTIONS + 3 * FAULTS_EACH + paths.len()
    );
    assert_eq!(counts(&counter), expected, "violation counts");
    assert_eq!(panics.load(Ordering::Relaxed), 0, "panics");
    let grown = rss_kib().saturating_sub(rss_before);
    assert!(grown < 64 * 1024, "resident memory grew by {grown} KiB");
}
