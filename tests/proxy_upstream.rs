//! The linting proxy in front of a hostile upstream (raw sockets on loopback): what one
//! upstream answer does to the connection must never reach another client.

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpListener, TcpStream},
    process::{Command, Stdio},
    thread,
    time::Duration,
};

mod support;

use support::servers::Running;

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
                    if head.starts_with("HEAD /file ") {
                        // The content a HEAD must not have, after a moment.
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 23\r\n\r\n");
                        thread::sleep(Duration::from_millis(300));
                        let _ = writer.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 23\r\n\r\nanother client's bytes\n");
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

/// Starts the proxy in front of `upstream`; its address.
fn start_proxy(upstream: SocketAddr) -> (Running, SocketAddr) {
    let mut child = Command::new(BIN)
        .args([
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--upstream",
            &format!("http://{upstream}"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let proxy = Running(child);
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    thread::spawn(move || {
        let mut rest = String::new();
        let _ = stderr.read_to_string(&mut rest);
    });
    let addr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .unwrap()
        .parse()
        .unwrap();
    (proxy, addr)
}

/// One client's request on a connection of its own; the whole answer.
fn get(proxy: SocketAddr, path: &str) -> String {
    let mut stream = TcpStream::connect(proxy).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
}

/// A 204 ends with its header section whatever its `Content-Length` says (RFC 9112 §6.3), and
/// octets the upstream sends after it are no response: "A client MUST NOT process, cache, or
/// forward such extra data as a separate response." The proxy never reuses that upstream
/// connection, so the next clients get their own answers.
#[test]
fn content_after_a_204_never_reaches_another_client() {
    let (_proxy, addr) = start_proxy(hostile_upstream());
    let first = get(addr, "/no-content");
    assert!(first.starts_with("HTTP/1.1 204 No Content\r\n"), "{first}");
    // The next client comes at once: its request would go out on the upstream connection
    // before the smuggled octets arrive there, 300 ms after the 204, and read them as its
    // answer.
    for _ in 0..4 {
        let next = get(addr, "/other");
        assert!(!next.contains("another client's bytes"), "{next}");
        assert!(next.ends_with("\r\n\r\nmine\n"), "{next}");
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
