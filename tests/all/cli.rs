//! The `tower-status-conformance` binary against servers nobody here wrote — Python's
//! `http.server` and nginx, each in its default configuration, started by the test — and an
//! axum app with planted defects: `sweep`, `proxy` (HTTP/1.1, HTTP/2, a WebSocket through it)
//! and `check FILE.har`, their exit statuses, and one clear line for each error a user can make.
//!
//! nginx and Python are found on `PATH` (or `/usr/sbin/nginx`); `.ci/run` installs them.

use std::{
    io::{BufRead, BufReader, Read},
    net::{SocketAddr, TcpListener, TcpStream},
    process::{Command, Output, Stdio},
    sync::mpsc,
    thread,
    time::{Duration, Instant},
};

use crate::support::{
    proxy::{interrupt, raw},
    servers::{scratch, serve_axum, serve_on_own_runtime, start_nginx, start_python, Running},
};

fn start_proxy(upstream: &str, args: &[&str]) -> (Running, SocketAddr, mpsc::Receiver<String>) {
    crate::support::proxy::start_proxy(BIN, "127.0.0.1:0", upstream, args)
}

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

fn run(args: &[&str]) -> (i32, String, String) {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs");
    (
        status.code().expect("exited, not killed"),
        String::from_utf8(stdout).unwrap(),
        String::from_utf8(stderr).unwrap(),
    )
}

mod planted {
    //! An axum app: a conforming JSON resource, and two defects.

    use axum::{
        http::{header, Method, StatusCode},
        response::IntoResponse,
        routing::{any, get},
        Json, Router,
    };

    pub(super) fn app() -> Router {
        Router::new()
            .route("/ok", get(|| async { Json(vec![1, 2, 3]) }))
            // SHOULD: HEAD leaves out the `Cache-Control` GET carries (RFC 9110 §9.3.2).
            .route(
                "/head-fields",
                get(|method: Method| async move {
                    let cache =
                        (method == Method::GET).then_some([(header::CACHE_CONTROL, "max-age=60")]);
                    (cache, "text").into_response()
                }),
            )
            // MUST: a 405 without `Allow` (RFC 9110 §15.5.6) to everything but GET.
            .route(
                "/no-allow",
                any(|method: Method| async move {
                    if method == Method::GET || method == Method::HEAD {
                        "text".into_response()
                    } else {
                        StatusCode::METHOD_NOT_ALLOWED.into_response()
                    }
                }),
            )
            // The proxy's repair: a 429 marked cacheable (RFC 6585 §4).
            .route(
                "/busy",
                get(|| async {
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [
                            (header::CACHE_CONTROL, "max-age=60"),
                            (header::RETRY_AFTER, "1"),
                        ],
                        "slow down",
                    )
                }),
            )
            .route(
                "/ws",
                get(|ws: axum::extract::ws::WebSocketUpgrade| async move {
                    ws.on_upgrade(|mut socket| async move {
                        while let Some(Ok(message)) = socket.recv().await {
                            if socket.send(message).await.is_err() {
                                return;
                            }
                        }
                    })
                }),
            )
    }
}

fn rules_in(json: &str) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(json).expect("--json prints JSON");
    report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["rule"].as_str().unwrap().to_owned(),
                v["route"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn sweep_of_an_axum_app_reports_the_planted_defects_and_fails_by_level() {
    let addr = serve_axum(planted::app());
    let base = format!("http://{addr}");
    let junit = scratch("sweep-junit").join("report.xml");
    let (code, stdout, stderr) = run(&[
        "sweep",
        &base,
        "/ok",
        "/head-fields",
        "/no-allow",
        "--json",
        "--junit",
        junit.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}\n{stderr}");
    // The bound, and that no unsafe method was sent, before anything else.
    assert!(
        stderr.contains("over HTTP/1.0, HTTP/1.1, HTTP/2: at most 144 requests"),
        "{stderr}"
    );
    assert!(stderr.contains("safe methods only"), "{stderr}");
    let mut found = rules_in(&stdout);
    found.sort();
    assert_eq!(
        found,
        [
            (
                "head-differs-from-get".to_owned(),
                "/head-fields".to_owned()
            ),
            (
                "method-not-allowed-without-allow".to_owned(),
                "/no-allow".to_owned()
            ),
        ],
        "{stdout}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(r#"tests="3" failures="2" errors="0""#),
        "{xml}"
    );
    assert!(
        xml.contains(r#"<testcase classname="sweep http://"#),
        "{xml}"
    );
    assert!(xml.contains("name=\"/ok\">\n</testcase>"), "{xml}");
    assert!(
        xml.contains(
            r#"<failure type="must" message="1 finding(s): method-not-allowed-without-allow""#
        ),
        "{xml}"
    );

    // The SHOULD alone does not fail `--fail-on must`; the MUST does.
    let (code, stdout, _) = run(&["sweep", &base, "/head-fields", "--fail-on", "must"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("`head-differs-from-get` (should"),
        "{stdout}"
    );
    let (code, _, _) = run(&["sweep", &base, "/no-allow", "--fail-on", "must"]);
    assert_eq!(code, 1);
    let (code, stdout, _) = run(&["sweep", &base, "/ok"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("no status-code violation\nsummary: 0 MUST, 0 SHOULD, 0 advisory finding(s); passed: no MUST or SHOULD finding (--fail-on)\n"),
        "{stdout}"
    );
}

#[test]
fn sweep_sends_unsafe_methods_only_when_told() {
    let addr = serve_axum(planted::app());
    let base = format!("http://{addr}");
    let (_, stdout, stderr) = run(&["sweep", &base, "/ok", "--versions", "1.1", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["safe_only"], true);
    assert_eq!(report["requests"], 9, "{stderr}");
    let (_, stdout, stderr) = run(&[
        "sweep",
        &base,
        "/ok",
        "--versions",
        "1.1",
        "--json",
        "--unsafe",
    ]);
    assert!(
        stderr.contains("--unsafe: POST, PUT, PATCH and DELETE are sent"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["safe_only"], false);
    assert_eq!(report["requests"], 13);
}

#[test]
fn sweep_reads_paths_from_a_file_and_an_openapi_document() {
    let addr = serve_axum(planted::app());
    let base = format!("http://{addr}");
    let dir = scratch("sweep-inputs");
    let paths = dir.join("paths.txt");
    std::fs::write(&paths, "# the conforming one\n/ok\n\n").unwrap();
    let (code, stdout, stderr) = run(&[
        "sweep",
        &base,
        "--paths-file",
        paths.to_str().unwrap(),
        "--versions",
        "1.1",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("sweeping 1 path(s)"), "{stderr}");

    let openapi = dir.join("openapi.json");
    let document = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "planted", "version": "1"},
        "paths": {
            "/no-allow": {"get": {}, "delete": {}},
            "/{name}": {"parameters": [{"name": "name", "in": "path", "required": true,
                                         "example": "ok"}],
                        "get": {}}
        }
    });
    std::fs::write(&openapi, document.to_string()).unwrap();
    // The same document in YAML, as most are written.
    let yaml = dir.join("openapi.yaml");
    std::fs::write(
        &yaml,
        "openapi: 3.0.3\ninfo: {title: planted, version: '1'}\npaths:\n  /no-allow:\n    get: {}\n    delete: {}\n  \"/{name}\":\n    parameters:\n      - {name: name, in: path, required: true, example: ok}\n    get: {}\n",
    )
    .unwrap();
    for document in [openapi, yaml] {
        let (code, stdout, stderr) = run(&[
            "sweep",
            &base,
            "--openapi",
            document.to_str().unwrap(),
            "--versions",
            "1.1",
            "--json",
        ]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(stderr.contains("sweeping 2 path(s)"), "{stderr}");
        assert_eq!(
            rules_in(&stdout),
            [(
                "method-not-allowed-without-allow".to_owned(),
                "/no-allow".to_owned()
            )]
        );
        // Declared, but unsafe: not sent without `--unsafe`.
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(report["safe_only"], true);
    }
}

#[test]
fn every_user_error_is_one_line_and_exit_2() {
    let dir = scratch("user-errors");
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let not_json = dir.join("capture.har");
    std::fs::write(&not_json, "<html>not a capture</html>").unwrap();
    let not_har = dir.join("other.har");
    std::fs::write(&not_har, r#"{"entries": []}"#).unwrap();
    let yaml = dir.join("openapi.yaml");
    std::fs::write(&yaml, "openapi: 3.0.0\npaths: [unclosed\n").unwrap();
    let swagger = dir.join("swagger.json");
    std::fs::write(&swagger, r#"{"swagger": "2.0", "paths": {}}"#).unwrap();
    let refused_url = format!("http://{refused}");
    let cases: [(&[&str], &str); 10] = [
        (
            &["sweep", "http://127.0.0.1:1", "--timeout", "0"],
            "--timeout must be a positive number of seconds, not 0",
        ),
        (
            &["sweep", "ftp://example.com"],
            "scheme `ftp` is not http or https",
        ),
        (
            &["sweep", "localhost:8080"],
            "no scheme (http:// or https://)",
        ),
        (&["sweep", &refused_url], "cannot connect to 127.0.0.1:"),
        (
            &["sweep", &refused_url, "items"],
            "path `items` does not start with `/`",
        ),
        (
            &["sweep", &refused_url, "--openapi", yaml.to_str().unwrap()],
            "is neither JSON nor valid YAML",
        ),
        (
            &[
                "sweep",
                &refused_url,
                "--openapi",
                swagger.to_str().unwrap(),
            ],
            "a Swagger 2.0 document is not read",
        ),
        (&["check", not_json.to_str().unwrap()], "is not JSON"),
        (
            &["check", not_har.to_str().unwrap()],
            "is not a HAR file: no `log.entries` array",
        ),
        (
            &[
                "proxy",
                "--listen",
                "nowhere",
                "--upstream",
                "http://127.0.0.1:1",
            ],
            "is not an address like 127.0.0.1:8080",
        ),
    ];
    for (args, expected) in cases {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    // clap's own usage errors exit 2 too.
    let (code, _, stderr) = run(&["sweep"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("<BASE_URL>"), "{stderr}");
    let (code, _, stderr) = run(&[
        "proxy",
        "--listen",
        ":0",
        "--upstream",
        "http://127.0.0.1:1",
        "--threads",
        "0",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--threads"), "{stderr}");
}

#[test]
fn every_option_is_in_the_help() {
    let (code, top, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for command in ["sweep", "proxy", "check"] {
        assert!(top.contains(command), "{top}");
    }
    let options: [(&str, &[&str]); 3] = [
        (
            "sweep",
            &[
                "--paths-file",
                "--openapi",
                "--unsafe",
                "--versions",
                "--authority",
                "--timeout",
                "--insecure",
                "--evidence",
                "--har",
                "--json",
                "--junit",
                "--fail-on",
                "--baseline",
                "--write-baseline",
                "Safe by default",
            ],
        ),
        (
            "proxy",
            &[
                "--listen",
                "--upstream",
                "--observe",
                "--repair",
                "--strict",
                "--report-every",
                "--stop-after",
                "--header-timeout",
                "--upstream-idle-timeout",
                "--upstream-idle-max",
                "--upstream-max-connections",
                "--max-connections",
                "--threads",
                "--max-header-size",
                "--json",
                "--junit",
                "--fail-on",
            ],
        ),
        ("check", &["FILE.har", "--json", "--junit", "--fail-on"]),
    ];
    for (command, expected) in options {
        let (code, help, _) = run(&[command, "--help"]);
        assert_eq!(code, 0);
        for option in expected {
            assert!(
                help.contains(option),
                "`{command} --help` lacks {option}:\n{help}"
            );
        }
    }
}

/// Python's `http.server` (3.11), default configuration. It evaluates `If-Modified-Since` but
/// not `If-Unmodified-Since`: a GET whose `If-Unmodified-Since` is a second before a file's
/// `Last-Modified` gets the file with 200. RFC 9110 §13.1.4: "When an origin server receives a
/// request that selects a representation and that request includes an If-Unmodified-Since
/// header field without an If-Match header field, the origin server MUST evaluate the
/// If-Unmodified-Since condition prior to performing the method" (its source has no
/// `If-Unmodified-Since` at all). Nothing else it sends breaks a rule. It does not speak
/// HTTP/2, which it need not, and the sweep says so and leaves it out.
#[test]
fn python_http_server_ignores_only_if_unmodified_since() {
    let Some((_server, base)) = start_python("python-site") else {
        return;
    };
    let (code, stdout, stderr) = run(&[
        "sweep",
        &base,
        "/",
        "/index.html",
        "/a.txt",
        "/sub/",
        "/sub",
        "/missing",
        "--json",
    ]);
    assert!(
        stderr.contains("HTTP/2 left out: the server does not answer HTTP/2"),
        "{stderr}"
    );
    assert_eq!(code, 1, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(&str, &str)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["rule"].as_str().unwrap(), v["route"].as_str().unwrap()))
        .collect();
    let rule = "if-unmodified-since-failed-but-performed";
    assert_eq!(
        found,
        [
            (rule, "/"),
            (rule, "/a.txt"),
            (rule, "/index.html"),
            (rule, "/sub/")
        ],
        "{stdout}"
    );
}

/// nginx (Debian's 1.22.1), default static configuration. What it breaks, each checked against
/// the RFC and replayed with curl:
///
/// - its 405 (to OPTIONS, TRACE and a method it does not know) carries no `Allow` — RFC 9110
///   §15.5.6: "The origin server MUST generate an Allow header field in a 405 response
///   containing a list of the target resource's currently supported methods";
/// - on its files (every path whose GET got a 200 with `Last-Modified`), a GET with
///   `If-Match: *` and an `If-Unmodified-Since` a second before that date gets 412, while
///   `If-Match: *` alone gets 200 — RFC 9110 §13.1.4: "A recipient MUST ignore
///   If-Unmodified-Since if the request contains an If-Match header field".
///   `ngx_http_not_modified_header_filter` tests the date first, whatever `If-Match` says.
///
/// Nothing else.
#[test]
fn nginx_405_has_no_allow_and_ius_beside_if_match_is_evaluated() {
    let Some((_server, base, version)) = start_nginx("nginx") else {
        return;
    };
    let targets = ["/", "/index.html", "/a.txt", "/sub/", "/sub", "/missing"];
    let mut args = vec!["sweep", &base];
    args.extend(targets);
    args.push("--json");
    let (code, stdout, stderr) = run(&args);
    assert!(stderr.contains("HTTP/2 left out"), "{stderr}");
    assert_eq!(code, 1, "{version}: {stdout}{stderr}");
    let refused = targets
        .iter()
        .map(|t| ("method-not-allowed-without-allow", *t));
    let files = ["/", "/index.html", "/a.txt", "/sub/"]
        .into_iter()
        .map(|t| ("if-unmodified-since-not-ignored", t));
    let mut expected: Vec<(String, String)> = refused
        .chain(files)
        .map(|(rule, target)| (rule.to_owned(), target.to_owned()))
        .collect();
    expected.sort();
    let mut found = rules_in(&stdout);
    found.sort();
    assert_eq!(found, expected, "{version}: {stdout}");
}

#[test]
fn proxy_passes_responses_through_and_reports_on_ctrl_c() {
    let upstream = serve_axum(planted::app());
    let (proxy, addr, events) = start_proxy(&format!("http://{upstream}"), &[]);

    let ok = raw(
        addr,
        "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
    assert!(ok.ends_with("\r\n\r\n[1,2,3]"), "{ok}");
    let refused = raw(addr, "DELETE /no-allow HTTP/1.0\r\n\r\n");
    assert!(
        refused.starts_with("HTTP/1.0 405 Method Not Allowed\r\n"),
        "{refused}"
    );
    // Observed, not changed.
    let busy = raw(
        addr,
        "GET /busy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(busy.contains("cache-control: max-age=60\r\n"), "{busy}");
    // RFC 9931: the connection is closed after the refusal, without the client asking.
    let connect = raw(
        addr,
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    );
    assert!(connect.contains("\r\nconnection: close\r\n"), "{connect}");
    assert!(
        connect.starts_with("HTTP/1.1 501 Not Implemented\r\n"),
        "{connect}"
    );
    assert!(
        connect.ends_with("this proxy does not tunnel CONNECT\n"),
        "{connect}"
    );

    // HTTP/2 with prior knowledge, and a WebSocket through the proxy.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client =
            tower_status_conformance::sweep::Client::new(&format!("http://{addr}")).unwrap();
        let request = http::Request::get("http://x/ok")
            .version(http::Version::HTTP_2)
            .body(String::new())
            .unwrap();
        let response = tower::ServiceExt::oneshot(client, request).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.version(), http::Version::HTTP_2);

        use futures_util::{SinkExt, StreamExt};
        let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let (mut socket, response) =
            tokio_tungstenite::client_async(format!("ws://{addr}/ws"), stream)
                .await
                .expect("the upgrade passes through");
        assert_eq!(response.status(), 101);
        socket
            .send(tokio_tungstenite::tungstenite::Message::text("ping"))
            .await
            .unwrap();
        let echoed = socket.next().await.unwrap().unwrap();
        assert_eq!(echoed.into_text().unwrap().as_str(), "ping");
    });

    let (code, stdout) = interrupt(proxy);
    let events: Vec<String> = events.try_iter().collect();
    assert!(
        events
            .iter()
            .any(|e| e.contains("method-not-allowed-without-allow")),
        "{events:?}"
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("`method-not-allowed-without-allow` (must"),
        "{stdout}"
    );
    assert!(
        stdout.contains("`never-store-status-marked-cacheable`"),
        "{stdout}"
    );
}

#[test]
fn proxy_repairs_with_repair() {
    let upstream = serve_axum(planted::app());
    // On one thread: every connection served by the main thread's runtime.
    let (proxy, addr, _events) = start_proxy(
        &format!("http://{upstream}"),
        &["--repair", "--threads", "1"],
    );
    let busy = raw(
        addr,
        "GET /busy HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        busy.starts_with("HTTP/1.1 429 Too Many Requests\r\n"),
        "{busy}"
    );
    assert!(busy.contains("cache-control: no-store\r\n"), "{busy}");
    assert!(busy.ends_with("slow down"), "{busy}");
    let (code, stdout) = interrupt(proxy);
    // An advisory finding: below the default `--fail-on should`.
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("`never-store-status-marked-cacheable` (advisory"),
        "{stdout}"
    );
}

/// The proxy groups findings by the path's template (`Route::inferred`): a defect on every
/// item of an API is one group, and the report's memory grows with the routes, not the items.
#[test]
fn proxy_groups_an_apis_items_under_one_route() {
    let app = axum::Router::new().route(
        "/items/{id}",
        axum::routing::delete(|| async { axum::http::StatusCode::METHOD_NOT_ALLOWED }),
    );
    let upstream = serve_axum(app);
    let (proxy, addr, _events) = start_proxy(&format!("http://{upstream}"), &["--json"]);
    for id in 1..=5 {
        let response = raw(
            addr,
            &format!("DELETE /items/{id} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert!(response.starts_with("HTTP/1.1 405"), "{response}");
    }
    let (_, stdout) = interrupt(proxy);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let groups: Vec<(&str, &str, u64)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| {
            (
                group["rule"].as_str().unwrap(),
                group["route"].as_str().unwrap(),
                group["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [("method-not-allowed-without-allow", "/items/{}", 5)],
        "{stdout}"
    );
}

#[test]
fn proxy_rejects_with_strict() {
    let upstream = serve_axum(planted::app());
    let (proxy, addr, _events) = start_proxy(&format!("http://{upstream}"), &["--strict"]);
    let refused = raw(
        addr,
        "DELETE /no-allow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        refused.starts_with("HTTP/1.1 500 Internal Server Error\r\n"),
        "{refused}"
    );
    assert!(
        refused.contains("method-not-allowed-without-allow"),
        "{refused}"
    );
    let ok = raw(
        addr,
        "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(ok.starts_with("HTTP/1.1 200 OK\r\n"), "{ok}");
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 1, "{stdout}");
}

#[test]
fn check_har_judges_each_exchange_as_received() {
    let dir = scratch("har");
    let har = dir.join("capture.har");
    let entry = |method: &str,
                 url: &str,
                 version: &str,
                 status: u16,
                 headers: serde_json::Value,
                 body_size: i64,
                 content_size: i64| {
        let mut request_headers = serde_json::json!([
            {"name": ":authority", "value": "example.test"},
            {"name": ":method", "value": method},
            {"name": "accept", "value": "*/*"}
        ]);
        if status == 304 {
            request_headers
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"name": "if-none-match", "value": "\"a\""}));
        }
        serde_json::json!({
            "startedDateTime": "2026-12-03T10:00:00.000Z",
            "time": 12.5,
            "request": {"method": method, "url": url, "httpVersion": version,
                        "headers": request_headers,
                        "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": status, "statusText": "", "httpVersion": version,
                         "headers": headers, "cookies": [],
                         "content": {"size": content_size, "mimeType": "text/plain"},
                         "redirectURL": "", "headersSize": -1, "bodySize": body_size},
            "cache": {}, "timings": {"send": 0, "wait": 10, "receive": 2}
        })
    };
    let capture = serde_json::json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [
        // Conforming.
        entry("GET", "https://example.test/ok", "h2", 200,
              serde_json::json!([{"name": "content-type", "value": "text/plain"}, {"name": "content-length", "value": "5"}]), 5, 5),
        // MUST: a 405 without Allow.
        entry("DELETE", "https://example.test/items/1", "h2", 405,
              serde_json::json!([{"name": "content-type", "value": "text/plain"}]), 3, 3),
        // A compressed 200 whose stored content is longer than its Content-Length: no finding.
        entry("GET", "https://example.test/big", "http/1.1", 200,
              serde_json::json!([{"name": "Content-Type", "value": "text/plain"}, {"name": "Content-Encoding", "value": "gzip"},
                                 {"name": "Content-Length", "value": "40"}]), 40, 900),
        // A 304 whose content size is the cached 200's: no finding either.
        entry("GET", "https://example.test/ok", "h2", 304,
              serde_json::json!([{"name": "etag", "value": "\"a\""}]), 0, 5),
        // Blocked: no response.
        entry("GET", "https://tracker.test/pixel", "", 0, serde_json::json!([]), -1, 0),
    ]}});
    std::fs::write(&har, capture.to_string()).unwrap();
    let (code, stdout, stderr) = run(&["check", har.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("checked 4 exchange(s) of"), "{stderr}");
    assert!(stderr.contains("skipped 1 without a response"), "{stderr}");
    assert_eq!(
        rules_in(&stdout),
        // The route is the path's template; the example keeps the path.
        [(
            "method-not-allowed-without-allow".to_owned(),
            "/items/{}".to_owned()
        )],
        "{stdout}"
    );
    assert!(stdout.contains(r#""path":"/items/1""#), "{stdout}");
}

/// A streamed response stays streamed through the proxy: the upstream sends its second chunk
/// only after the client has read the first (were the proxy to buffer, the client would wait
/// in vain, and the test fail at its time bound). And `--report-every` prints the report while
/// the proxy runs.
#[test]
fn proxy_streams_and_reports_periodically() {
    use std::{io::Write, sync::Mutex};

    let (release, released) = mpsc::channel::<()>();
    let released = std::sync::Arc::new(Mutex::new(released));
    let app = axum::Router::new().route(
        "/stream",
        axum::routing::get(move || {
            let released = std::sync::Arc::clone(&released);
            async move {
                let (tx, rx) = tokio::sync::mpsc::channel::<Result<String, std::io::Error>>(1);
                tokio::spawn(async move {
                    let _ = tx.send(Ok("[\"first chunk\"]\n".to_owned())).await;
                    let wait = tokio::task::spawn_blocking(move || {
                        released
                            .lock()
                            .unwrap()
                            .recv_timeout(Duration::from_secs(10))
                    });
                    if matches!(wait.await, Ok(Ok(()))) {
                        let _ = tx.send(Ok("[\"second chunk\"]\n".to_owned())).await;
                    }
                });
                let stream = futures_util::stream::unfold(rx, |mut rx| async move {
                    rx.recv().await.map(|item| (item, rx))
                });
                // JSON without `Content-Type`: a finding at stream time (its first octets show
                // the type the server left out), for the periodic report.
                axum::response::Response::new(axum::body::Body::from_stream(stream))
            }
        }),
    );
    let upstream = serve_axum(app);
    let (mut proxy, addr, _events) =
        start_proxy(&format!("http://{upstream}"), &["--report-every", "1"]);

    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    while !String::from_utf8_lossy(&seen).contains("first chunk") {
        let read = stream
            .read(&mut buffer)
            .expect("the first chunk arrives alone");
        assert!(read > 0, "closed early: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buffer[..read]);
    }
    assert!(!String::from_utf8_lossy(&seen).contains("second chunk"));
    release.send(()).unwrap();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).unwrap();
    assert!(String::from_utf8_lossy(&rest).contains("second chunk"));

    // The periodic report, while the proxy still runs.
    let mut stdout = BufReader::new(proxy.0.stdout.take().unwrap());
    let start = Instant::now();
    let mut line = String::new();
    while !line.contains("content-without-content-type") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "stdout closed");
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no periodic report"
        );
    }
    assert!(proxy.0.try_wait().unwrap().is_none(), "still running");
}

/// The planted app over TLS with a self-signed certificate for `localhost` (HTTP/1.1 or
/// HTTP/2 by ALPN): its `https://localhost:PORT` base.
fn planted_over_self_signed_tls() -> String {
    let acceptor = crate::support::tls::self_signed_localhost();
    let addr = serve_on_own_runtime(|listener| async move {
        let app = planted::app();
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let app = app.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let service = hyper_util::service::TowerToHyperService::new(app);
                let _ = hyper_util::server::conn::auto::Builder::new(
                    hyper_util::rt::TokioExecutor::new(),
                )
                .serve_connection_with_upgrades(hyper_util::rt::TokioIo::new(tls), service)
                .await;
            });
        }
    });
    format!("https://localhost:{}", addr.port())
}

/// `https://` with a self-signed certificate: refused with one line, swept with `--insecure`.
#[test]
fn sweep_over_tls_needs_insecure_for_a_self_signed_certificate() {
    let base = planted_over_self_signed_tls();

    let (code, _, stderr) = run(&["sweep", &base, "/ok"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("TLS with localhost failed"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");

    let (code, stdout, stderr) = run(&["sweep", &base, "/ok", "/no-allow", "--insecure", "--json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    // HTTP/2 by ALPN: all three versions swept.
    assert!(
        stderr.contains("over HTTP/1.0, HTTP/1.1, HTTP/2:"),
        "{stderr}"
    );
    assert_eq!(
        rules_in(&stdout),
        [(
            "method-not-allowed-without-allow".to_owned(),
            "/no-allow".to_owned()
        )],
        "{stdout}"
    );
}

/// An `https://` upstream: with a self-signed certificate each request is a 502 that names the
/// TLS failure (and a failure in the report) unless `--insecure`; with it, the upstream's
/// answers are forwarded and judged.
#[test]
fn proxy_to_an_https_upstream_needs_insecure_for_a_self_signed_certificate() {
    let upstream = planted_over_self_signed_tls();
    let send = |proxy: SocketAddr, method: &str, path: &str| {
        raw(
            proxy,
            &format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        )
    };

    let (refusing, proxy, _) = start_proxy(&upstream, &["--json"]);
    let answer = send(proxy, "GET", "/ok");
    assert!(answer.starts_with("HTTP/1.1 502 "), "{answer}");
    assert!(answer.contains("TLS with localhost failed"), "{answer}");
    let (code, stdout) = interrupt(refusing);
    assert_eq!(code, 3, "{stdout}");
    assert!(stdout.contains(r#""failed":1"#), "{stdout}");

    let (trusting, proxy, _) = start_proxy(&upstream, &["--insecure", "--json"]);
    let answer = send(proxy, "GET", "/ok");
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("[1,2,3]"), "{answer}");
    let answer = send(proxy, "POST", "/no-allow");
    assert!(answer.starts_with("HTTP/1.1 405 "), "{answer}");
    let (code, stdout) = interrupt(trusting);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.starts_with(r#"{"requests":2,"#), "{stdout}");
    assert_eq!(
        rules_in(&stdout),
        [(
            "method-not-allowed-without-allow".to_owned(),
            "/no-allow".to_owned()
        )],
        "{stdout}"
    );
}

/// The proxy in front of the servers nobody here wrote: their bytes reach the client, and the
/// report on Ctrl-C has what the sweep found of them — nginx's 405 without `Allow`, nothing of
/// Python's `http.server` (an HTTP/1.0 server, whose answers the proxy forwards to an HTTP/1.1
/// client).
#[test]
fn proxy_in_front_of_nginx_and_python() {
    let Some((_nginx, nginx_base, version)) = start_nginx("nginx-proxied") else {
        return;
    };
    let (proxy, addr, _events) = start_proxy(&nginx_base, &[]);
    let file = raw(
        addr,
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(file.starts_with("HTTP/1.1 200 OK\r\n"), "{file}");
    assert!(
        file.ends_with("\r\n\r\nplain text, thirty-one octets\n"),
        "{file}"
    );
    let refused = raw(
        addr,
        "OPTIONS /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        refused.starts_with("HTTP/1.1 405 Not Allowed\r\n"),
        "{refused}"
    );
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 1, "{version}: {stdout}");
    assert!(
        stdout.contains("`method-not-allowed-without-allow` (must"),
        "{version}: {stdout}"
    );
    assert!(
        stdout.contains("1 status-code violation(s) of 1 rule(s):"),
        "{stdout}"
    );

    let Some((_python, python_base)) = start_python("python-proxied") else {
        return;
    };
    let (proxy, addr, _events) = start_proxy(&python_base, &[]);
    let file = raw(
        addr,
        "GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(file.starts_with("HTTP/1.1 200 OK\r\n"), "{file}");
    assert!(
        file.ends_with("\r\n\r\nplain text, thirty-one octets\n"),
        "{file}"
    );
    let head = raw(addr, "HEAD / HTTP/1.0\r\n\r\n");
    assert!(head.starts_with("HTTP/1.0 200 OK\r\n"), "{head}");
    let options = raw(
        addr,
        "OPTIONS / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(options.starts_with("HTTP/1.1 501 "), "{options}");
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.ends_with("no status-code violation\nsummary: 0 MUST, 0 SHOULD, 0 advisory finding(s); passed: no MUST or SHOULD finding (--fail-on)\n"),
        "{stdout}"
    );
}

/// An app whose only finding is advisory: its OPTIONS lists PUT, its 405s do not
/// (`options-allow-differs-from-405`).
fn serve_advisory_only() -> SocketAddr {
    use axum::{
        http::{header, Method, StatusCode},
        response::IntoResponse,
        routing::any,
    };
    serve_axum(axum::Router::new().route(
        "/thing",
        any(|method: Method| async move {
            match method {
                Method::GET | Method::HEAD => "thing".into_response(),
                Method::OPTIONS => {
                    ([(header::ALLOW, "GET, HEAD, OPTIONS, PUT")], "options").into_response()
                }
                _ => (
                    StatusCode::METHOD_NOT_ALLOWED,
                    [(header::ALLOW, "GET, HEAD, OPTIONS")],
                )
                    .into_response(),
            }
        }),
    ))
}

/// Findings below `--fail-on` neither fail the run nor show as JUnit failures; at or above it
/// they do both, in one `<failure>` per test case. The summary line says which.
#[test]
fn junit_agrees_with_the_exit_status() {
    let base = format!("http://{}", serve_advisory_only());
    let junit = scratch("junit-agrees").join("report.xml");
    let junit_arg = junit.to_str().unwrap();
    let (code, stdout, stderr) = run(&["sweep", &base, "/thing", "--junit", junit_arg]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("`options-allow-differs-from-405` (advisory"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("summary: 0 MUST, 0 SHOULD, 1 advisory finding(s); passed: no MUST or SHOULD finding (--fail-on)\n"),
        "{stdout}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(r#"tests="1" failures="0" errors="0""#),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(
        xml.contains("<system-out>below --fail-on, not failing:\noptions-allow-differs-from-405"),
        "{xml}"
    );

    let (code, stdout, _) = run(&[
        "sweep",
        &base,
        "/thing",
        "--junit",
        junit_arg,
        "--fail-on",
        "advisory",
    ]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.ends_with("failed: any findings fail the run (--fail-on)\n"),
        "{stdout}"
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains(r#"tests="1" failures="1" errors="0""#),
        "{xml}"
    );
    assert_eq!(xml.matches("<failure").count(), 1, "{xml}");

    let (_, json, _) = run(&["sweep", &base, "/thing", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        report["counts"],
        serde_json::json!({"must": 0, "should": 0, "advisory": 1})
    );
}

/// `sweep … | head -1` and `2>&1 | head -1`: the closed pipe ends the output quietly, and the
/// exit status is still the run's, not a panic's 101.
#[test]
fn a_closed_pipe_ends_quietly() {
    let base = format!("http://{}", serve_advisory_only());
    for close_stderr in [false, true] {
        let mut child = Command::new(BIN)
            .args(["sweep", &base, "/thing", "/a", "/b"])
            .stdout(Stdio::piped())
            .stderr(if close_stderr {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "stderr closed too: {close_stderr}");
    }
}

/// Ctrl-C during a sweep: the report of what was answered, the JUnit file, exit 130.
#[test]
fn ctrl_c_during_a_sweep_prints_the_report_so_far() {
    // Answers the first connection (the sweep's preflight), then never again.
    let addr = serve_on_own_runtime(|listener| async move {
        let (first, _) = listener.accept().await.unwrap();
        let service = hyper::service::service_fn(|_| async {
            Ok::<_, std::convert::Infallible>(http::Response::new(http_body_util::Full::new(
                bytes::Bytes::from_static(b"hi"),
            )))
        });
        tokio::spawn(
            hyper::server::conn::http1::Builder::new()
                .serve_connection(hyper_util::rt::TokioIo::new(first), service),
        );
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            held.push(stream);
        }
    });
    let junit = scratch("ctrl-c-sweep").join("report.xml");
    let mut child = Running(
        Command::new(BIN)
            .args([
                "sweep",
                &format!("http://{addr}"),
                "/",
                "--versions",
                "1.1",
                "--timeout",
                "60",
            ])
            .args(["--junit", junit.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut stderr = BufReader::new(child.0.stderr.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("sweeping ") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the sweep never started"
        );
    }
    // The first request of the sweep is in flight, held by the server.
    thread::sleep(Duration::from_millis(300));
    let (code, stdout) = interrupt(child);
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(code, 130, "{stdout}{rest}");
    assert!(
        rest.contains("interrupted after 0 of at most 16 requests"),
        "{rest}"
    );
    assert!(
        stdout.starts_with("sweep interrupted: the report of what was answered until then\n"),
        "{stdout}"
    );
    assert!(std::fs::read_to_string(&junit)
        .unwrap()
        .contains("<testsuite"));
}

/// A proxy whose upstream does not answer: each client gets a 502, and the run is incomplete
/// (exit 3), with the count of what was checked (none) in the report.
#[test]
fn a_proxy_whose_upstream_fails_fails_the_run() {
    let dead = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let (proxy, addr, _events) = start_proxy(&format!("http://{dead}"), &["--json"]);
    let answer = raw(
        addr,
        "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        answer.starts_with("HTTP/1.1 502 Bad Gateway\r\n"),
        "{answer}"
    );
    let (code, stdout) = interrupt(proxy);
    assert_eq!(code, 3, "{stdout}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["requests"], 0);
}

/// `--listen :0`: loopback, any free port, the address alone on the first line; events on a
/// pipe carry no colour.
#[test]
fn proxy_listen_port_0_prints_the_address_alone_and_no_colour() {
    let upstream = format!("http://{}", serve_axum(planted::app()));
    // `start_proxy` reads the address alone on the first line, or fails.
    let (proxy, addr, events) = crate::support::proxy::start_proxy(BIN, ":0", &upstream, &[]);
    assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");
    let _ = raw(addr, "DELETE /no-allow HTTP/1.0\r\n\r\n");
    let _ = interrupt(proxy);
    // The reader ends with the process's stderr: every line is in.
    let events: String = events.iter().collect::<Vec<_>>().join("\n");
    assert!(
        events.contains("method-not-allowed-without-allow"),
        "{events}"
    );
    assert!(!events.contains('\x1b'), "{events:?}");
}

/// A capture with nothing to check is not a pass; one with exchanges counts them.
#[test]
fn check_counts_what_it_checked_and_refuses_an_empty_capture() {
    let dir = scratch("check-counts");
    let empty = dir.join("empty.har");
    std::fs::write(&empty, r#"{"log": {"version": "1.2", "entries": []}}"#).unwrap();
    let (code, stdout, stderr) = run(&["check", empty.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.starts_with("tower-status-conformance:"))
            .count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("no exchange with a server to check"),
        "{stderr}"
    );

    let chromium = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/chromium-nginx.har");
    let (code, stdout, stderr) = run(&["check", chromium, "--json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["requests"], 5);
    assert!(
        stderr.contains("2 revalidation(s) the browser recorded as 200"),
        "{stderr}"
    );
}

/// `check` reads several captures into one report: files, a directory of `*.har` files, and
/// standard input (`-`), each streamed.
#[test]
fn check_reads_several_captures_a_directory_and_standard_input() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    let nginx = format!("{data}/chromium-nginx.har");
    let express = format!("{data}/chromium-express.har");
    let requests = |args: &[&str], stdin: Option<&str>| {
        let input = stdin.map(|file| std::fs::read(file).unwrap());
        let args = [args, &["--json"]].concat();
        let (code, stdout, stderr) = crate::support::run_with_input(BIN, &args, input.as_deref());
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        (report["requests"].as_u64().unwrap(), stderr)
    };
    // 5 and 7 exchanges.
    let (both, stderr) = requests(&["check", &nginx, &express], None);
    assert_eq!(both, 12, "{stderr}");
    assert!(
        stderr.contains("checked 12 exchange(s) of 2 captures"),
        "{stderr}"
    );
    let (piped, stderr) = requests(&["check", "-"], Some(&express));
    assert_eq!(piped, 7, "{stderr}");
    assert!(stderr.contains("of standard input"), "{stderr}");
    let dir = scratch("captures-dir");
    for file in [&nginx, &express] {
        let name = std::path::Path::new(file).file_name().unwrap();
        std::fs::copy(file, dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("notes.txt"), "not a capture").unwrap();
    let (in_dir, _) = requests(&["check", dir.to_str().unwrap()], None);
    assert_eq!(in_dir, 12);

    let empty = scratch("captures-none");
    let (code, _, stderr) = run(&["check", empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no .har file in the directory"), "{stderr}");
}

/// `sweep --concurrency 3`: the server gets the paths' requests at once (never more than 3), the
/// report is the one `--concurrency 1` prints, the bound line says it, `--rate` still spaces
/// every request; 0 is one line and exit 2.
#[test]
fn sweep_concurrency_sends_paths_at_once_with_the_same_report() {
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };

    let in_flight = Arc::new(AtomicUsize::new(0));
    let peak = Arc::new(AtomicUsize::new(0));
    let (now, most) = (Arc::clone(&in_flight), Arc::clone(&peak));
    // It answers every method with a 200 and no `Allow`: findings on every path.
    let app = axum::Router::new().fallback(move || {
        let (now, most) = (Arc::clone(&now), Arc::clone(&most));
        async move {
            most.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            now.fetch_sub(1, Ordering::SeqCst);
            "ok"
        }
    });
    let base = format!("http://{}", serve_axum(app));
    let sweep = |concurrency: &str| {
        run(&[
            "sweep",
            &base,
            "/a",
            "/b",
            "/c",
            "/d",
            "--versions",
            "1.1",
            "--json",
            "--concurrency",
            concurrency,
        ])
    };
    let (code_one, one, _) = sweep("1");
    assert_eq!(peak.swap(0, Ordering::SeqCst), 1);
    let (code_three, three, stderr) = sweep("3");
    assert!(
        stderr.contains("3 paths at once, each path's one at a time, each within 10 s"),
        "{stderr}"
    );
    assert_eq!(peak.load(Ordering::SeqCst), 3);
    assert_eq!((code_three, &three), (code_one, &one));
    // A group per path, and the rule's line in the summary.
    assert_eq!(
        three
            .matches(r#""rule":"options-without-capabilities""#)
            .count(),
        4 + 1
    );

    let (code, _, stderr) = sweep("0");
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: invalid value '0' for '--concurrency <N>'"),
        "{stderr}"
    );
}

/// `sweep --rate 20`: the server sees the requests at least 1/20 s apart (a lower bound, which
/// a slow machine cannot break), and the bound line says the rate; a rate that is not a
/// positive number is one line and exit 2.
#[test]
fn sweep_rate_spaces_the_requests() {
    use std::{
        sync::{Arc, Mutex},
        time::Instant,
    };

    let arrivals = Arc::new(Mutex::new(Vec::<Instant>::new()));
    let seen = Arc::clone(&arrivals);
    let app = axum::Router::new().fallback(move || {
        let seen = Arc::clone(&seen);
        async move {
            seen.lock().unwrap().push(Instant::now());
            "ok"
        }
    });
    let base = format!("http://{}", serve_axum(app));
    let (_, _, stderr) = run(&["sweep", &base, "/", "--versions", "1.1", "--rate", "20"]);
    assert!(
        stderr.contains("one at a time, at most 20 per second, each within 10 s"),
        "{stderr}"
    );
    let arrivals = arrivals.lock().unwrap();
    assert!(arrivals.len() >= 5, "{} requests", arrivals.len());
    for pair in arrivals.windows(2) {
        let gap = pair[1] - pair[0];
        // 50 ms apart when sent; 10 ms of slack for the connections' set-up.
        assert!(
            gap >= Duration::from_millis(40),
            "{gap:?} between two requests"
        );
    }

    for rate in ["0", "-1", "fast", "inf"] {
        let (code, stdout, stderr) = run(&["sweep", &base, &format!("--rate={rate}")]);
        assert_eq!(code, 2, "{rate}: {stdout}{stderr}");
        assert!(
            stderr.contains("is not a number of requests per second above 0"),
            "{stderr}"
        );
    }
}

/// `--write-baseline` accepts today's findings; `--baseline` leaves them out of the report and
/// the verdict (and counts them), so that only new ones fail the run.
#[test]
fn a_baseline_accepts_known_findings() {
    let base = format!("http://{}", serve_advisory_only());
    let dir = scratch("baseline");
    let baseline = dir.join("baseline.json");
    let baseline_arg = baseline.to_str().unwrap();
    let strict = ["--fail-on", "advisory"];
    let (code, _, _) = run(&[&["sweep", &base, "/thing"][..], &strict].concat());
    assert_eq!(code, 1);
    let (code, stdout, stderr) = run(&[
        &["sweep", &base, "/thing", "--write-baseline", baseline_arg][..],
        &strict,
    ]
    .concat());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stderr.contains("wrote 1 accepted finding group(s)"),
        "{stderr}"
    );
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(
        written["accepted"][0]["rule"],
        "options-allow-differs-from-405"
    );
    let (code, stdout, stderr) = run(&[
        &["sweep", &base, "/thing", "--baseline", baseline_arg][..],
        &strict,
    ]
    .concat());
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("no status-code violation"), "{stdout}");
    assert!(
        stderr.contains("1 finding group(s) accepted by the baseline"),
        "{stderr}"
    );
    // A new path's finding is not in the baseline.
    let (code, _, _) = run(&[
        &[
            "sweep",
            &base,
            "/thing",
            "/other",
            "--baseline",
            baseline_arg,
        ][..],
        &strict,
    ]
    .concat());
    assert_eq!(code, 0, "/other is a 404 without finding");

    let not_one = dir.join("not-a-baseline.json");
    std::fs::write(&not_one, "{}").unwrap();
    let (code, _, stderr) = run(&[
        "sweep",
        &base,
        "/thing",
        "--baseline",
        not_one.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().last().unwrap_or(""), format!("tower-status-conformance: {} is not a baseline (written by --write-baseline): no \"format\": \"tower-status-conformance baseline 1\"", not_one.display()));
}

/// `--evidence`: each finding points at the exchange it was found on, with the fields' values;
/// `--har FILE` writes every exchange as a HAR that `check` reads, and finds the same
/// single-exchange defects in.
#[test]
fn sweep_evidence_and_its_har() {
    let addr = serve_axum(planted::app());
    let base = format!("http://{addr}");
    let har = scratch("sweep-evidence").join("sweep.har");
    let (code, stdout, stderr) = run(&[
        "sweep",
        &base,
        "/no-allow",
        "--versions",
        "1.1",
        "--evidence",
        "--json",
        "--har",
        har.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let exchanges = report["exchanges"].as_array().unwrap();
    assert_eq!(
        exchanges.len(),
        report["requests"].as_u64().unwrap() as usize
    );
    let group = &report["violations"][0];
    assert_eq!(group["rule"], "method-not-allowed-without-allow");
    let index = group["example"]["exchange"].as_u64().unwrap() as usize;
    let exchange = &exchanges[index];
    assert_eq!(exchange["method"], group["example"]["method"]);
    assert_eq!(exchange["status"], 405);
    assert!(
        exchange["request_headers"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!(["host", addr.to_string()])),
        "{exchange}"
    );

    let (_, text, _) = run(&[
        "sweep",
        &base,
        "/no-allow",
        "--versions",
        "1.1",
        "--evidence",
    ]);
    assert!(
        text.contains("\n  > OPTIONS /no-allow HTTP/1.1 [host: "),
        "{text}"
    );
    assert!(text.contains("\n  < 405 Method Not Allowed ["), "{text}");

    let (code, checked, stderr) = run(&["check", har.to_str().unwrap(), "--json"]);
    assert_eq!(code, 1, "{checked}{stderr}");
    assert!(
        stderr.contains(&format!("checked {} exchange(s)", exchanges.len())),
        "{stderr}"
    );
    assert_eq!(
        rules_in(&checked),
        [(
            "method-not-allowed-without-allow".to_owned(),
            "/no-allow".to_owned()
        )]
    );
}
