//! `--openapi FILE --contract` on `sweep`, `proxy` and `check`: an axum app that follows its
//! document except for one undocumented status and one refused declared operation is reported
//! with exactly those two contract findings — not for the sweep's conditional replays and
//! ranges, its undeclared methods, or the paths the document does not have.

use std::{
    net::SocketAddr,
    process::{Command, Output},
};

use serde_json::Value;
use tower_status_conformance::{Rule, Scope};

use crate::support::{
    proxy::{interrupt, raw, start_proxy},
    servers::{scratch, serve_axum},
};

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

/// The document the app follows, but for `GET /broken` (a 409 it does not give) and
/// `OPTIONS /legacy` (declared, answered 405 by axum).
const DOCUMENT: &str = r#"openapi: 3.0.3
info: {title: contract, version: "1"}
paths:
  /items/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer, example: 7}}]
    get:
      responses:
        "200": {description: the item, headers: {ETag: {schema: {type: string}}}}
        "404": {description: no such item}
  /broken:
    get:
      responses:
        "200": {description: fine, in theory}
  /legacy:
    get:
      responses:
        "200": {description: the old page}
    options:
      responses:
        "200": {description: what it allows}
"#;

mod app {
    //! What the document describes: an item with a validator (honoured), a route that answers
    //! a status the document does not give, and one that answers GET only.

    use axum::{
        extract::Path,
        http::{header, HeaderMap, StatusCode},
        response::IntoResponse,
        routing::get,
        Router,
    };

    pub(super) fn router() -> Router {
        Router::new()
            .route(
                "/items/{id}",
                get(|Path(id): Path<u32>, headers: HeaderMap| async move {
                    if id != 7 {
                        return StatusCode::NOT_FOUND.into_response();
                    }
                    let tag = "\"v7\"";
                    if headers
                        .get(header::IF_NONE_MATCH)
                        .is_some_and(|value| value.as_bytes() == tag.as_bytes())
                    {
                        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
                    }
                    ([(header::ETAG, tag)], "item seven").into_response()
                }),
            )
            .route(
                "/broken",
                get(|| async { (StatusCode::CONFLICT, "locked for maintenance") }),
            )
            .route("/legacy", get(|| async { "the old page" }))
    }
}

fn serve() -> SocketAddr {
    serve_axum(app::router())
}

fn document() -> String {
    let dir = scratch("contract-cli");
    let file = dir.join("api.yaml");
    std::fs::write(&file, DOCUMENT).unwrap();
    file.to_str().unwrap().to_owned()
}

/// The contract findings of a JSON report: `(rule, path of the example)`.
fn contract_findings(report: &Value) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|group| {
            Rule::from_id(group["rule"].as_str().unwrap())
                .is_some_and(|rule| rule.scope() == Scope::Contract)
        })
        .map(|group| {
            (
                group["rule"].as_str().unwrap().to_owned(),
                group["example"]["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

fn expected() -> Vec<(String, String)> {
    vec![
        ("documented-method-refused".to_owned(), "/legacy".to_owned()),
        ("undocumented-status".to_owned(), "/broken".to_owned()),
    ]
}

#[test]
fn a_sweep_with_the_contract_reports_exactly_the_two_breaches() {
    let addr = serve();
    let document = document();
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(BIN)
        .args([
            "sweep",
            &format!("http://{addr}"),
            "--openapi",
            &document,
            "--contract",
            "--json",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(stderr).unwrap();
    let report: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(contract_findings(&report), expected(), "{report}\n{stderr}");
    assert!(stderr.contains("contract: 4 operation(s)"), "{stderr}");
    // The two are SHOULD findings: the default `--fail-on should` fails the run.
    assert_eq!(status.code(), Some(1), "{stderr}");

    // Without `--contract`, the same sweep has no contract finding.
    let output = Command::new(BIN)
        .args([
            "sweep",
            &format!("http://{addr}"),
            "--openapi",
            &document,
            "--json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(contract_findings(&report), [], "{report}");
}

#[test]
fn the_proxy_with_the_contract_reports_the_two_breaches_it_forwards() {
    let addr = serve();
    let document = document();
    let (proxy, listening, _events) = start_proxy(
        BIN,
        "127.0.0.1:0",
        &format!("http://{addr}"),
        &["--openapi", &document, "--contract", "--json"],
    );
    for request in [
        "GET /items/7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        "GET /items/8 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        "GET /items/7 HTTP/1.1\r\nhost: x\r\nif-none-match: \"v7\"\r\nconnection: close\r\n\r\n",
        "GET /broken HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        "OPTIONS /legacy HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        "DELETE /legacy HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
        "GET /undocumented-path HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    ] {
        let response = raw(listening, request);
        assert!(response.starts_with("HTTP/1.1 "), "{response}");
    }
    let (_, stdout) = interrupt(proxy);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(contract_findings(&report), expected(), "{report}");
}

#[test]
fn check_with_the_contract_judges_a_capture_under_the_servers_path() {
    let entry = |method: &str, path: &str, status: u16| {
        serde_json::json!({
            "startedDateTime": "2026-12-07T10:00:00.000Z", "time": 1,
            "request": {"method": method, "url": format!("https://api.example.test/v1{path}"),
                        "httpVersion": "HTTP/1.1", "headers": [], "queryString": [],
                        "cookies": [], "headersSize": -1, "bodySize": 0},
            "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                         "headers": [{"name": "content-type", "value": "text/plain"}],
                         "cookies": [], "content": {"size": 2, "mimeType": "text/plain"},
                         "redirectURL": "", "headersSize": -1, "bodySize": 2},
            "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0}
        })
    };
    let har = serde_json::json!({"log": {"version": "1.2",
    "creator": {"name": "test", "version": "1"},
    "entries": [
        entry("GET", "/items/7", 200),
        entry("GET", "/items/8", 404),
        entry("GET", "/broken", 409),
        entry("OPTIONS", "/legacy", 405),
        entry("GET", "/elsewhere", 500),
    ]}});
    let dir = scratch("contract-check");
    let capture = dir.join("capture.har");
    std::fs::write(&capture, har.to_string()).unwrap();
    let document = dir.join("api.yaml");
    std::fs::write(
        &document,
        DOCUMENT.replace(
            "info: {title: contract, version: \"1\"}\n",
            "info: {title: contract, version: \"1\"}\nservers: [{url: \"https://api.example.test/v1\"}]\n",
        ),
    )
    .unwrap();
    let output = Command::new(BIN)
        .args([
            "check",
            capture.to_str().unwrap(),
            "--json",
            "--contract",
            "--openapi",
        ])
        .arg(&document)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String)> = contract_findings(&report)
        .into_iter()
        .map(|(rule, path)| (rule, path.trim_start_matches("/v1").to_owned()))
        .collect();
    assert_eq!(found, expected(), "{report}");

    // `--contract` needs the document, and the document alone is refused.
    for args in [&["--contract"][..], &["--openapi", "api.yaml"][..]] {
        let output = Command::new(BIN)
            .args(["check", capture.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}
