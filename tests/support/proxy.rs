//! The command-line tool's `proxy` as the tests start, talk to and stop it. The binary's path
//! is given by each test (`env!("CARGO_BIN_EXE_…")` exists only where the `cli` feature built
//! it).

use std::{
    io::{BufRead, BufReader, Read, Write},
    net::{SocketAddr, TcpStream},
    process::{Command, Stdio},
    sync::mpsc,
    thread,
    time::Duration,
};

use super::servers::Running;

/// `bin proxy --listen <listen> --upstream <upstream> <args>`: the process, the address it
/// printed alone on its first line, and its later stderr lines (the events).
pub(crate) fn start_proxy(
    bin: &str,
    listen: &str,
    upstream: &str,
    args: &[&str],
) -> (Running, SocketAddr, mpsc::Receiver<String>) {
    let mut child = Command::new(bin)
        .args(["proxy", "--listen", listen, "--upstream", upstream])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    // Killed however the test ends, from here on.
    let proxy = Running(child);
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr: SocketAddr = line
        .trim_end()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .parse()
        .unwrap_or_else(|_| panic!("not an address alone: {line}"));
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    (proxy, addr, rx)
}

/// Sends SIGINT (what Ctrl-C sends) to a running command: its exit status and its stdout.
pub(crate) fn interrupt(mut running: Running) -> (i32, String) {
    let pid = running.0.id().to_string();
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    let mut stdout = String::new();
    running
        .0
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = running.0.wait().unwrap();
    (
        status.code().expect("exited by itself after SIGINT"),
        stdout,
    )
}

/// What `request` got on a new connection, read until the server closed it (a connection
/// the server keeps open fails the test after 10 s).
pub(crate) fn raw(addr: SocketAddr, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap_or_else(|e| {
        panic!(
            "the server did not close the connection ({e}): {}",
            String::from_utf8_lossy(&response)
        )
    });
    String::from_utf8_lossy(&response).into_owned()
}
