//! The linting proxy under load while its upstream fails some requests: 64 client connections
//! send 12 800 requests (`PROXY_LOAD_REQUESTS=100000` for more; the proxy's peak resident
//! memory is printed, `--nocapture` shows it), and the upstream (raw sockets on loopback) closes the connection
//! instead of answering some, cuts the content of some short, stalls before the head or in
//! the middle of the content of a few, and answers some with a 405 without `Allow` (a MUST
//! finding). Which request gets what depends only on its path, so the report's counts are
//! exact: the responses checked, the findings, the requests that got no complete response.
//! Afterwards the upstream holds no connection but the idle ones the proxy keeps for reuse.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpListener, TcpStream},
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    thread,
    time::Duration,
};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::rt::TokioIo;

use crate::support::proxy::interrupt;

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

const CONNECTIONS: usize = 64;

/// Requests per client connection: 200 (12 800 in all), or `PROXY_LOAD_REQUESTS` spread over
/// the connections.
fn per_connection() -> usize {
    std::env::var("PROXY_LOAD_REQUESTS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .map_or(200, |n| n.div_ceil(CONNECTIONS))
}

/// The peak resident memory of process `pid` in KiB (`VmHWM`), where `/proc` has it.
fn peak_resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// What the upstream does with request `i`, by its path's first segment.
fn fault(i: usize) -> &'static str {
    match (i % 100, i % 1000) {
        (_, 4) => "stall",
        (_, 5) => "stall-body",
        (1, _) => "close",
        (2, _) => "cut",
        (3, _) => "bad",
        _ => "ok",
    }
}

/// Reads one request head; `None` when the peer closed the connection.
fn read_head(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        head.push_str(&line);
        if line == "\r\n" {
            return Some(head);
        }
    }
}

/// The faulty upstream, a thread per connection; `open` counts its connections not yet
/// closed by either side.
fn faulty_upstream(open: Arc<AtomicUsize>) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            open.fetch_add(1, Ordering::SeqCst);
            let open = Arc::clone(&open);
            thread::spawn(move || {
                serve(stream);
                open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    addr
}

fn serve(stream: TcpStream) {
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    while let Some(head) = read_head(&mut reader) {
        let kind = head.split('/').nth(1).unwrap_or("");
        let answer: &[u8] = match kind {
            "ok" => b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 5\r\n\r\nfine\n",
            "bad" => b"HTTP/1.1 405 Method Not Allowed\r\ncontent-length: 0\r\n\r\n",
            "cut" => b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\nonly ten\r\n",
            "stall-body" => b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 10\r\n\r\nhalf\n",
            // "close": no answer at all; "stall": none until the proxy gives up.
            _ => b"",
        };
        let _ = writer.write_all(answer);
        match kind {
            "ok" | "bad" => continue,
            // Held open until the proxy closes it (its timeout), then gone.
            "stall" | "stall-body" => {
                let _ = reader.read_to_end(&mut Vec::new());
            }
            _ => {}
        }
        return;
    }
}

/// One client connection's requests, in turn over HTTP/1.1 keep-alive, a new connection
/// whenever the last one failed; the statuses received (a failed exchange as 0).
async fn client(proxy: SocketAddr, first: usize, count: usize) -> Vec<u16> {
    let mut sender: Option<hyper::client::conn::http1::SendRequest<Empty<Bytes>>> = None;
    let mut statuses = Vec::new();
    for i in first..first + count {
        // A connection the proxy closed after a failed exchange is replaced; the request is
        // sent once, on one that is ready.
        let s = loop {
            if sender.as_ref().map_or(true, |s| s.is_closed()) {
                let tcp = tokio::net::TcpStream::connect(proxy).await.unwrap();
                let (s, connection) = hyper::client::conn::http1::handshake(TokioIo::new(tcp))
                    .await
                    .unwrap();
                tokio::spawn(connection);
                sender = Some(s);
            }
            let s = sender.as_mut().unwrap();
            if s.ready().await.is_ok() {
                break s;
            }
            sender = None;
        };
        let request = http::Request::get(format!("/{}/{i}", fault(i)))
            .header("host", "upstream.test")
            .body(Empty::new())
            .unwrap();
        let status = match s.send_request(request).await {
            Ok(response) => {
                let status = response.status().as_u16();
                match response.into_body().collect().await {
                    Ok(_) => status,
                    Err(_) => {
                        sender = None;
                        0
                    }
                }
            }
            Err(_) => {
                sender = None;
                0
            }
        };
        statuses.push(status);
    }
    statuses
}

#[test]
fn under_load_with_upstream_faults_the_counts_are_exact() {
    let open = Arc::new(AtomicUsize::new(0));
    let upstream = faulty_upstream(Arc::clone(&open));
    let (proxy, addr, _events) = crate::support::proxy::start_proxy(
        BIN,
        "127.0.0.1:0",
        &format!("http://{upstream}"),
        &[
            "--upstream-timeout",
            "1",
            "--upstream-idle-max",
            "32",
            "--json",
        ],
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let per_connection = per_connection();
    let statuses: Vec<u16> = runtime.block_on(async {
        let clients: Vec<_> = (0..CONNECTIONS)
            .map(|c| tokio::spawn(client(addr, c * per_connection, per_connection)))
            .collect();
        let mut all = Vec::new();
        for c in clients {
            all.extend(c.await.unwrap());
        }
        all
    });

    let total = CONNECTIONS * per_connection;
    let of = |kind: &str| (0..total).filter(|&i| fault(i) == kind).count();
    let (close, cut, bad, stall, stall_body) = (
        of("close"),
        of("cut"),
        of("bad"),
        of("stall"),
        of("stall-body"),
    );
    if per_connection == 200 {
        assert_eq!(
            (close, cut, bad, stall, stall_body),
            (128, 128, 128, 13, 13)
        );
    }
    // What the clients saw: a 502 for each close, a 504 for each stall, a cut response for
    // each cut and each stall in the content.
    let count = |status: u16| statuses.iter().filter(|&&s| s == status).count();
    assert_eq!(count(502), close);
    assert_eq!(count(504), stall);
    assert_eq!(count(0), cut + stall_body);
    assert_eq!(count(405), bad);
    assert_eq!(count(200), total - close - stall - cut - stall_body - bad);

    // Nothing held: the connections the proxy still has are the idle ones it keeps (32 at
    // most, as told), each stalled one closed at its timeout.
    thread::sleep(Duration::from_millis(500));
    let still_open = open.load(Ordering::SeqCst);
    assert!(still_open <= 32, "{still_open} upstream connections open");

    if let Some(kib) = peak_resident_kib(proxy.0.id()) {
        eprintln!(
            "{total} requests over {CONNECTIONS} connections: the proxy's peak resident memory {kib} KiB"
        );
    }
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 1, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    // Every head the upstream sent was checked; what it did not send, failed.
    assert_eq!(report["requests"], total - close - stall);
    assert_eq!(report["failed"], close + stall + cut + stall_body);
    assert_eq!(report["failures"].as_array().unwrap().len(), 20);
    assert_eq!(report["counts"]["must"], bad, "{stdout}");
    assert_eq!(report["counts"]["should"], 0, "{stdout}");
    let violations = report["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{stdout}");
    assert_eq!(violations[0]["rule"], "method-not-allowed-without-allow");
    assert_eq!(violations[0]["route"], "/bad/{}");
}
