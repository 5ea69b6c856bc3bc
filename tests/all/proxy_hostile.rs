//! The linting proxy between hostile clients and a hostile upstream (raw sockets on loopback):
//! what one upstream answer does to the connection never reaches another client; `Host` is
//! reconciled with the target; upgrades other than WebSocket, unknown transfer codings and
//! unasked-for 101s do not pass; a client's broken request is its own fault (400, not 502);
//! each limit holds (slow and large header sections, client and upstream connections, idle
//! upstream connections); and a signal before `--stop-after` still prints the report.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpListener, TcpStream},
    thread,
    time::Duration,
};

use crate::support::{
    proxy::{interrupt, raw},
    servers::Running,
};

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

/// Reads one request head from `reader`; `None` when the peer closed the connection.
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

/// An upstream that keeps connections open and answers `/no-content` with a 204 that claims
/// `Content-Length: 62`, then, a moment later, sends 62 octets that read as a response of their
/// own; anything else with `200 mine`.
fn hostile_upstream() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            thread::spawn(move || {
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                while let Some(head) = read_head(&mut reader) {
                    if head.starts_with("GET /echo-head ") {
                        // The whole header section the upstream got, as the content.
                        let _ = write!(
                            writer,
                            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{head}",
                            head.len()
                        );
                    } else if head.starts_with("GET /switch ") {
                        let _ = writer.write_all(b"HTTP/1.1 101 Switching Protocols\r\nupgrade: weird\r\nconnection: upgrade\r\n\r\n");
                    } else if head.starts_with("GET /both ") {
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 3\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
                    } else if head.starts_with("GET /echo-host ") {
                        // The `Host` lines the upstream got, as the content.
                        let hosts: Vec<&str> = head
                            .lines()
                            .filter(|line| line.to_ascii_lowercase().starts_with("host:"))
                            .collect();
                        let content = hosts.join("|");
                        let _ = write!(
                            writer,
                            "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n{content}",
                            content.len()
                        );
                    } else if head.starts_with("POST ") {
                        // Reads a chunked request body to its last chunk before answering.
                        let mut line = String::new();
                        while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                            if line == "0\r\n" {
                                break;
                            }
                            line.clear();
                        }
                        let _ =
                            writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nmine\n");
                    } else if head.starts_with("HEAD /file ") {
                        // The content a HEAD must not have, after a moment.
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 23\r\n\r\n");
                        thread::sleep(Duration::from_millis(300));
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 23\r\n\r\nanother client's bytes\n");
                    } else if head.starts_with("GET /unlengthed ") {
                        // Content whose end only the connection's close marks.
                        let _ = writer.write_all(
                            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nuntil close\n",
                        );
                        return;
                    } else if head.starts_with("GET /no-content ") {
                        let smuggled =
                            "HTTP/1.1 200 OK\r\ncontent-length: 23\r\n\r\nanother client's bytes\n";
                        let _ = write!(
                            writer,
                            "HTTP/1.1 204 No Content\r\ncontent-length: {}\r\n\r\n",
                            smuggled.len()
                        );
                        thread::sleep(Duration::from_millis(300));
                        let _ = writer.write_all(smuggled.as_bytes());
                    } else {
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-type: text/plain\r\n\r\nmine\n");
                    }
                }
            });
        }
    });
    addr
}

/// One client's request on a connection of its own; the whole answer.
fn get(proxy: SocketAddr, path: &str) -> String {
    raw(
        proxy,
        &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
    )
}

/// Starts the proxy in front of `upstream`, with `args`; its address.
fn start_proxy_with(upstream: SocketAddr, args: &[&str]) -> (Running, SocketAddr) {
    let (proxy, addr, _events) =
        crate::support::proxy::start_proxy(BIN, "127.0.0.1:0", &format!("http://{upstream}"), args);
    (proxy, addr)
}

fn start_proxy(upstream: SocketAddr) -> (Running, SocketAddr) {
    start_proxy_with(upstream, &[])
}

/// A 204 ends with its header section whatever its `Content-Length` says (RFC 9112 §6.3), and
/// octets the upstream sends after it are no response: "A client MUST NOT process, cache, or
/// forward such extra data as a separate response." The proxy never reuses that upstream
/// connection, so the next clients get their own answers — in every preset, whatever the
/// layer makes of the 204 itself (forwarded, repaired, rejected).
#[test]
fn content_after_a_204_never_reaches_another_client() {
    for preset in [&[][..], &["--repair"], &["--strict"]] {
        let (_proxy, addr) = start_proxy_with(hostile_upstream(), preset);
        let first = get(addr, "/no-content");
        assert!(first.starts_with("HTTP/1.1 "), "{first}");
        // The next client comes at once: its request would go out on the upstream connection
        // before the smuggled octets arrive there, 300 ms after the 204, and read them as its
        // answer.
        for _ in 0..4 {
            let next = get(addr, "/other");
            assert!(
                !next.contains("another client's bytes"),
                "{preset:?}: {next}"
            );
            assert!(next.ends_with("\r\n\r\nmine\n"), "{preset:?}: {next}");
        }
    }
}

/// The same after a HEAD answered with content it must not have (RFC 9110 §9.3.2).
#[test]
fn content_after_a_head_never_reaches_another_client() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "HEAD /file HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut first = String::new();
    let _ = stream.read_to_string(&mut first);
    assert!(first.starts_with("HTTP/1.1 200 OK\r\n"), "{first}");
    for _ in 0..4 {
        let next = get(addr, "/other");
        assert!(!next.contains("another client's bytes"), "{next}");
        assert!(next.ends_with("\r\n\r\nmine\n"), "{next}");
    }
}

/// A request whose chunked content is malformed is the client's fault: a 400 that closes the
/// connection (RFC 9112 §7.1: the chunk size is hexadecimal), not a 502 naming the upstream.
#[test]
fn a_malformed_request_body_is_a_400_not_the_upstreams_fault() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = raw(
        addr,
        "POST /form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\nbad\r\n0\r\n\r\n",
    );
    assert!(
        answer.starts_with("HTTP/1.1 400 Bad Request\r\n"),
        "{answer}"
    );
    assert!(!answer.contains("upstream"), "{answer}");
}

/// A client that sends its header section slowly is closed after `--header-timeout`.
#[test]
fn a_slow_header_section_is_cut_off() {
    let (_proxy, addr) = start_proxy_with(hostile_upstream(), &["--header-timeout", "1"]);
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /other HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut answer = Vec::new();
    // The proxy closes the connection (with or without a 408): the read ends, it does not
    // time out.
    match stream.read_to_end(&mut answer) {
        Ok(_) => {}
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

/// `--stop-after` does not make the proxy deaf to signals: SIGINT before it prints the report.
#[test]
fn a_signal_before_stop_after_prints_the_report() {
    let (proxy, addr) = start_proxy_with(hostile_upstream(), &["--stop-after", "600"]);
    let answer = get(addr, "/other");
    assert!(answer.ends_with("mine\n"), "{answer}");
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.starts_with("1 exchange(s) checked\n"), "{stdout}");
}

/// `Host` reconciled with the target, or the request refused (RFC 9112 §3.2, §3.2.2): an
/// absolute-form target's authority wins over `Host`; two `Host` lines, or none in HTTP/1.1,
/// get a 400; an HTTP/1.0 request without one reaches the upstream with the upstream's.
#[test]
fn host_and_target_are_reconciled_or_refused() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let absolute = raw(
        addr,
        "GET http://example.test/echo-host HTTP/1.1\r\nHost: other.test\r\nConnection: close\r\n\r\n",
    );
    assert!(
        absolute.ends_with("\r\n\r\nhost: example.test"),
        "{absolute}"
    );
    let two = raw(
        addr,
        "GET /echo-host HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\nConnection: close\r\n\r\n",
    );
    assert!(two.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{two}");
    assert!(
        two.ends_with("more than one Host field (RFC 9112 §3.2)\n"),
        "{two}"
    );
    let none = raw(addr, "GET /echo-host HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(none.starts_with("HTTP/1.1 400 Bad Request\r\n"), "{none}");
    let one = raw(
        addr,
        "GET /echo-host HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n",
    );
    assert!(one.ends_with("\r\n\r\nhost: a.test"), "{one}");
    // HTTP/1.0 had no `Host`: the upstream gets its own authority, as a client of it would send.
    let old = raw(addr, "GET /echo-host HTTP/1.0\r\n\r\n");
    let upstream_host = old.rsplit("\r\n\r\n").next().unwrap();
    assert!(upstream_host.starts_with("host: 127.0.0.1:"), "{old}");
}

/// An HTTP/1.0 client that asks for keep-alive keeps its connection (the response says
/// `Connection: keep-alive`, without which hyper closes it); its request goes on as HTTP/1.0
/// with the proxy's own `Connection: keep-alive`, not the client's options, which are its
/// hop's.
#[test]
fn an_http10_client_that_asks_for_keep_alive_keeps_its_connection() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let mut client = TcpStream::connect(addr).unwrap();
    client
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(client.try_clone().unwrap());
    for _ in 0..2 {
        client
            .write_all(b"GET /echo-head HTTP/1.0\r\nHost: a.test\r\nConnection: keep-alive, x-private\r\nX-Private: 1\r\n\r\n")
            .unwrap();
        let head = read_head(&mut reader).expect("an answer on the same connection");
        assert!(head.starts_with("HTTP/1.0 200 OK\r\n"), "{head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("\r\nconnection: keep-alive\r\n"),
            "{head}"
        );
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .expect("a length");
        let mut content = vec![0; length];
        reader.read_exact(&mut content).unwrap();
        let upstream_got = String::from_utf8(content).unwrap().to_ascii_lowercase();
        assert!(
            upstream_got.starts_with("get /echo-head http/1.0\r\n"),
            "{upstream_got}"
        );
        assert!(
            upstream_got.contains("\r\nconnection: keep-alive\r\n"),
            "{upstream_got}"
        );
        assert!(!upstream_got.contains("x-private"), "{upstream_got}");
    }
}

/// Over HTTP/2, a `host` that names another entity than `:authority` is malformed (RFC 9113
/// §8.3.1): 400; without `host`, `:authority` is what the upstream gets as `Host`.
#[test]
fn an_http2_host_unlike_its_authority_is_refused() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let send = |host: Option<&'static str>| async move {
            let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut client, connection) = h2::client::handshake(tcp).await.unwrap();
            tokio::spawn(connection);
            let mut request = http::Request::get("http://a.test/echo-host");
            if let Some(host) = host {
                request = request.header("host", host);
            }
            let (response, _) = client
                .send_request(request.body(()).unwrap(), true)
                .unwrap();
            let response = response.await.unwrap();
            let status = response.status();
            let mut body = response.into_body();
            let mut content = Vec::new();
            while let Some(chunk) = body.data().await {
                content.extend_from_slice(&chunk.unwrap());
            }
            (status, String::from_utf8(content).unwrap())
        };
        let (status, content) = send(Some("b.test")).await;
        assert_eq!(status, 400, "{content}");
        assert_eq!(content, "host differs from :authority (RFC 9113 §8.3.1)\n");
        let (status, content) = send(None).await;
        assert_eq!(status, 200, "{content}");
        assert_eq!(content, "host: a.test");
    });
}

/// A 101 the client did not ask for (RFC 9110 §15.2.2) is the upstream's failure: a 502, and
/// its connection, now in another protocol, is not reused.
#[test]
fn an_unsolicited_101_is_a_502() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = raw(
        addr,
        "GET /switch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        answer.starts_with("HTTP/1.1 502 Bad Gateway\r\n"),
        "{answer}"
    );
    assert!(
        answer.ends_with("the upstream switched protocols unasked\n"),
        "{answer}"
    );
    assert!(get(addr, "/other").ends_with("mine\n"));
}

/// `Upgrade: h2c` is not tunneled (bytes the proxy would never parse): the request goes on as
/// HTTP/1.1, its `Upgrade`, `Connection` and the `HTTP2-Settings` it names removed.
#[test]
fn an_h2c_upgrade_is_not_tunneled() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = raw(
        addr,
        "GET /echo-head HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    let forwarded = answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        forwarded.starts_with("get /echo-head http/1.1\r\n"),
        "{forwarded}"
    );
    for field in ["upgrade:", "http2-settings:", "connection: upgrade"] {
        assert!(!forwarded.contains(field), "{field} forwarded: {forwarded}");
    }
}

/// A request in a transfer coding the proxy does not decode (`gzip, chunked`) is refused with
/// 501 (RFC 9112 §6.1) rather than forwarded as coded octets without its `Transfer-Encoding`.
#[test]
fn a_transfer_coding_other_than_chunked_is_a_501() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = raw(
        addr,
        "POST /form HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
    );
    assert!(
        answer.starts_with("HTTP/1.1 501 Not Implemented\r\n"),
        "{answer}"
    );
    assert!(answer.contains("transfer coding `gzip`"), "{answer}");
}

/// An upstream answer with both `Content-Length` and `Transfer-Encoding: chunked`: the chunked
/// framing wins and the `Content-Length` is not forwarded (RFC 9112 §6.3: an intermediary "MUST
/// first remove the received Content-Length field"), so the client gets all of the content.
#[test]
fn content_length_beside_chunked_is_not_forwarded() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = get(addr, "/both");
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("content-length: 3"),
        "{answer}"
    );
    assert!(
        answer.ends_with("hello\r\n0\r\n\r\n") || answer.ends_with("\r\n\r\nhello"),
        "{answer}"
    );
}

/// `--upstream-max-connections 3`: twenty clients at once against an upstream that takes its
/// time get their answers, over no more than three upstream connections at a time.
#[test]
fn upstream_connections_are_capped() {
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = listener.local_addr().unwrap();
    let open = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    {
        let (open, most) = (Arc::clone(&open), Arc::clone(&most));
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let (open, most) = (Arc::clone(&open), Arc::clone(&most));
                thread::spawn(move || {
                    let now = open.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    let mut writer = stream.try_clone().unwrap();
                    let mut reader = BufReader::new(stream);
                    while read_head(&mut reader).is_some() {
                        thread::sleep(Duration::from_millis(100));
                        let _ =
                            writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nmine\n");
                    }
                    open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
    }
    let (_proxy, addr) = start_proxy_with(upstream, &["--upstream-max-connections", "3"]);
    let clients: Vec<_> = (0..20)
        .map(|_| thread::spawn(move || get(addr, "/slow")))
        .collect();
    for client in clients {
        let answer = client.join().unwrap();
        assert!(answer.ends_with("\r\n\r\nmine\n"), "{answer}");
    }
    let most = most.load(Ordering::SeqCst);
    assert!(
        (1..=3).contains(&most),
        "{most} upstream connections at once"
    );
}

/// `--max-header-size`: a header section larger than it gets a 431 (RFC 6585 §5) over
/// HTTP/1.1; one within it goes through.
#[test]
fn a_header_section_over_the_limit_gets_431() {
    let (_proxy, addr) = start_proxy_with(hostile_upstream(), &["--max-header-size", "16384"]);
    let large = "x".repeat(20_000);
    let answer = raw(
        addr,
        &format!("GET /other HTTP/1.1\r\nHost: x\r\nX-Large: {large}\r\nConnection: close\r\n\r\n"),
    );
    assert!(
        answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
        "{answer}"
    );
    let within = "x".repeat(8_000);
    let answer = raw(
        addr,
        &format!(
            "GET /other HTTP/1.1\r\nHost: x\r\nX-Large: {within}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(answer.ends_with("\r\n\r\nmine\n"), "{answer}");
}

/// `--max-connections 1`: while one client holds its connection, the next waits to be served,
/// and is served once the first leaves.
#[test]
fn client_connections_are_capped() {
    let (_proxy, addr) = start_proxy_with(hostile_upstream(), &["--max-connections", "1"]);
    let holder = TcpStream::connect(addr).unwrap();
    let mut waiting = TcpStream::connect(addr).unwrap();
    waiting
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    waiting
        .write_all(b"GET /other HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 1];
    let kind = waiting.read(&mut first).unwrap_err().kind();
    assert!(
        matches!(
            kind,
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
        "{kind:?}: answered while the other connection was open"
    );
    drop(holder);
    waiting
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut answer = String::new();
    waiting.read_to_string(&mut answer).unwrap();
    assert!(answer.ends_with("\r\n\r\nmine\n"), "{answer}");
}

/// `--upstream-idle-timeout 1`: an upstream connection left idle is closed by the proxy about
/// a second later, not kept open indefinitely.
#[test]
fn an_idle_upstream_connection_is_closed() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = listener.local_addr().unwrap();
    let (closed, was_closed) = std::sync::mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let closed = closed.clone();
            thread::spawn(move || {
                let mut writer = stream.try_clone().unwrap();
                let mut reader = BufReader::new(stream);
                while read_head(&mut reader).is_some() {
                    let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nmine\n");
                }
                let _ = closed.send(());
            });
        }
    });
    let (_proxy, addr) = start_proxy_with(upstream, &["--upstream-idle-timeout", "1"]);
    assert!(get(addr, "/idle").ends_with("mine\n"));
    // Closed by the proxy while it still runs (its pool checks every half timeout).
    was_closed
        .recv_timeout(Duration::from_secs(15))
        .expect("the idle upstream connection was never closed");
}

/// The same with clients at once: while one client gets 204s that announce content, others
/// ask for their own answers concurrently, so a request waits for an upstream connection at
/// the moment the 204 arrives. The connection is judged before anyone can have it: no client
/// ever reads the octets sent after a 204.
#[test]
fn content_after_a_204_never_reaches_a_concurrent_client() {
    use std::sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    };

    let (_proxy, addr) = start_proxy(hostile_upstream());
    let done = Arc::new(AtomicBool::new(false));
    let others: Vec<_> = (0..8)
        .map(|_| {
            let done = Arc::clone(&done);
            thread::spawn(move || {
                let mut answers = Vec::new();
                while !done.load(Ordering::SeqCst) {
                    answers.push(get(addr, "/other"));
                }
                answers
            })
        })
        .collect();
    for _ in 0..20 {
        let first = get(addr, "/no-content");
        assert!(first.starts_with("HTTP/1.1 204 No Content\r\n"), "{first}");
    }
    // Long enough for the last smuggled octets, 300 ms after their 204, to have been sent.
    thread::sleep(Duration::from_millis(400));
    done.store(true, Ordering::SeqCst);
    let mut count = 0;
    for other in others {
        for answer in other.join().unwrap() {
            count += 1;
            assert!(!answer.contains("another client's bytes"), "{answer}");
            assert!(answer.ends_with("\r\n\r\nmine\n"), "{answer}");
        }
    }
    assert!(count > 20, "only {count} concurrent answers");
}

/// Upstream connections are pooled: sound exchanges one after another share one; a 204 that
/// announces content closes its connection, and the next exchange opens another.
#[test]
fn sound_exchanges_share_an_upstream_connection() {
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };

    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = listener.local_addr().unwrap();
    let opened = Arc::new(AtomicUsize::new(0));
    {
        let opened = Arc::clone(&opened);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                opened.fetch_add(1, Ordering::SeqCst);
                thread::spawn(move || {
                    let mut writer = stream.try_clone().unwrap();
                    let mut reader = BufReader::new(stream);
                    while let Some(head) = read_head(&mut reader) {
                        let answer: &[u8] = if head.starts_with("GET /empty ") {
                            b"HTTP/1.1 204 No Content\r\n\r\n"
                        } else if head.starts_with("GET /announcing ") {
                            b"HTTP/1.1 204 No Content\r\ncontent-length: 5\r\n\r\n"
                        } else {
                            b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nmine\n"
                        };
                        let _ = writer.write_all(answer);
                    }
                });
            }
        });
    }
    let (_proxy, addr) = start_proxy(upstream);
    for path in ["/a", "/empty", "/b", "/empty", "/c"] {
        assert!(get(addr, path).starts_with("HTTP/1.1 2"));
    }
    assert_eq!(
        opened.load(Ordering::SeqCst),
        1,
        "sound exchanges not pooled"
    );
    assert!(get(addr, "/announcing").starts_with("HTTP/1.1 204 "));
    assert!(get(addr, "/d").ends_with("mine\n"));
    assert_eq!(
        opened.load(Ordering::SeqCst),
        2,
        "reused after a 204 announcing content"
    );
}

/// `--max-streams 7`: an HTTP/2 client is told it may open 7 streams at once (the
/// connection's SETTINGS_MAX_CONCURRENT_STREAMS, RFC 9113 §6.5.2), and h2 refuses streams
/// beyond it; the default is 100.
#[test]
fn http2_streams_per_connection_are_capped() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for (args, expected) in [(&["--max-streams", "7"][..], 7), (&[][..], 100)] {
        let (_proxy, addr) = start_proxy_with(hostile_upstream(), args);
        let announced = runtime.block_on(async {
            let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
            let (mut client, connection) = h2::client::handshake(tcp).await.unwrap();
            tokio::spawn(connection);
            let request = http::Request::get("http://a.test/other").body(()).unwrap();
            let (response, _) = client.send_request(request, true).unwrap();
            // Answered: the proxy's settings arrived before.
            assert_eq!(response.await.unwrap().status(), 200);
            client.current_max_send_streams()
        });
        assert_eq!(announced, expected, "{args:?}");
    }
}

/// Out of file descriptors (here a soft limit of 24 set on the running proxy, and 40 clients
/// connecting), the proxy's accepts fail: it waits 100 ms after each failure rather than
/// retrying at once, a few tries a second instead of a core spent spinning, and serves again
/// once descriptors are free.
#[test]
fn out_of_descriptors_the_proxy_waits_rather_than_spins() {
    let (proxy, addr, events) = crate::support::proxy::start_proxy(
        BIN,
        "127.0.0.1:0",
        &format!("http://{}", hostile_upstream()),
        &[],
    );
    let limited = std::process::Command::new("prlimit")
        .args(["--pid", &proxy.0.id().to_string(), "--nofile=24:"])
        .status()
        .unwrap();
    assert!(limited.success());
    let held: Vec<TcpStream> = (0..40).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // The window the failures are counted in: 2 s is 20 tries at one per 100 ms; a loop that
    // spins makes thousands.
    thread::sleep(Duration::from_secs(2));
    let failures = events
        .try_iter()
        .filter(|line| line.contains("accept failed"))
        .count();
    assert!(
        (1..=40).contains(&failures),
        "{failures} failed accepts in 2 s"
    );
    drop(held);
    let limited = std::process::Command::new("prlimit")
        .args(["--pid", &proxy.0.id().to_string(), "--nofile=1024:"])
        .status()
        .unwrap();
    assert!(limited.success());
    assert!(get(addr, "/other").ends_with("mine\n"));
}

/// What the proxy refuses or does not forward is logged, once, with the reason: each request
/// below leaves exactly one line naming it.
#[test]
fn each_refusal_is_logged_once_with_its_reason() {
    let (_proxy, addr, events) = crate::support::proxy::start_proxy(
        BIN,
        "127.0.0.1:0",
        &format!("http://{}", hostile_upstream()),
        &[],
    );
    let first = events.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(first.starts_with("forwarding to "), "{first}");
    let cases = [
        ("CONNECT a.test:443 HTTP/1.1\r\nHost: a.test:443\r\n\r\n", "CONNECT a.test:443 refused with 501"),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", "refused with 501: transfer coding `gzip`"),
        ("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n", "refused with 400: more than one Host field"),
        ("GET /switch HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "a 101 to a request that did not ask to upgrade"),
        ("GET /other HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, close\r\nUpgrade: h2c\r\n\r\n", "Upgrade `h2c` not forwarded"),
    ];
    for (request, reason) in cases {
        let _ = raw(addr, request);
        let mut lines = Vec::new();
        while let Ok(line) = events.recv_timeout(Duration::from_millis(300)) {
            lines.push(line);
        }
        let naming = lines.iter().filter(|line| line.contains(reason)).count();
        assert_eq!(naming, 1, "`{reason}` in {lines:#?}");
        assert_eq!(lines.len(), 1, "{lines:#?}");
    }
    let _ = get(addr, "/no-content");
    let mut lines = Vec::new();
    while let Ok(line) = events.recv_timeout(Duration::from_millis(300)) {
        lines.push(line);
    }
    let naming = lines
        .iter()
        .filter(|line| {
            line.contains("a 204 No Content that announces content; its connection is not reused")
        })
        .count();
    assert_eq!(naming, 1, "{lines:#?}");
}

/// An HTTP/1.0 client that asks for keep-alive, for content whose length the upstream does not
/// say: hyper must end that content by closing the connection, so the response does not say
/// `keep-alive`, and the connection closes after it.
#[test]
fn an_http10_client_is_closed_after_content_without_a_length() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let answer = raw(
        addr,
        "GET /unlengthed HTTP/1.0\r\nHost: a.test\r\nConnection: keep-alive\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.0 200 OK\r\n"), "{answer}");
    assert!(
        !answer.to_ascii_lowercase().contains("keep-alive"),
        "{answer}"
    );
    assert!(answer.ends_with("\r\n\r\nuntil close\n"), "{answer}");
}
