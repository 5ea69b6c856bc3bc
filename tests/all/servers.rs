//! The `sweep` of servers teams run, in the configuration they get by default, started by the
//! tests on loopback: Apache and Caddy from Debian's packages, a Flask app (Werkzeug's
//! development server) from PyPI and an Express app from npm (`tests/servers/`). Each finding
//! was judged against the RFC sentence its rule quotes, replayed with curl, and pinned here; a
//! conforming server, and every part of one that conforms, gives none. (nginx and Python's
//! `http.server` are in `tests/all/cli.rs`.)
//!
//! What is missing is installed as `.ci/run` installs it (`apt-get`, `pip`, `npm`); a test
//! whose server cannot be had is skipped with a notice, or fails under CI.

use std::{collections::BTreeSet, process::Command};

use crate::support::{
    proxy::{interrupt, raw, start_proxy},
    servers::{
        start_apache, start_caddy, start_caddy_encoding, start_express, start_flask, start_nginx,
        start_nginx_with, Running,
    },
};

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

/// The static paths every server serves (`crate::support::servers::site`), a redirect to a
/// directory, and a path that does not exist.
const SITE: [&str; 7] = [
    "/",
    "/index.html",
    "/a.txt",
    "/sub/",
    "/sub",
    "/data.unknownext",
    "/missing",
];

/// Sweeps `base` at `paths` twice; both runs must give the same findings (rule and route), and
/// those are returned with the exit status.
fn sweep(base: &str, paths: &[&str]) -> (i32, BTreeSet<(String, String)>) {
    let once = || {
        let output = Command::new(BIN)
            .args(["sweep", base, "--json"])
            .args(paths)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let report: serde_json::Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{e}: {stdout}{}", String::from_utf8_lossy(&output.stderr)));
        assert!(report["failures"].is_null(), "{report}");
        assert!(report["inconclusive"].is_null(), "{report}");
        let found: BTreeSet<(String, String)> = report["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let rule = v["rule"].as_str().unwrap().to_owned();
                (rule, v["route"].as_str().unwrap_or("").to_owned())
            })
            .collect();
        (output.status.code().unwrap(), found)
    };
    let first = once();
    assert_eq!(
        once(),
        first,
        "the same server swept twice gave other verdicts"
    );
    first
}

fn each(rule: &str, routes: &[&str]) -> BTreeSet<(String, String)> {
    routes
        .iter()
        .map(|route| (rule.to_owned(), (*route).to_owned()))
        .collect()
}

/// The files a server serves, whose GET got a 200.
const FILES: [&str; 5] = ["/", "/a.txt", "/data.unknownext", "/index.html", "/sub/"];

/// Apache 2.4.67 (Debian), Debian's default modules. Its 416 carries no `Content-Range` (the
/// error document replaces the headers the range filter set). RFC 9110 §15.5.17: "A server
/// that generates a 416 response to a byte-range request SHOULD generate a Content-Range
/// header field specifying the current length of the selected representation".
///
/// On its files, a GET with `If-Match: *` and an `If-Unmodified-Since` a second before the
/// file's `Last-Modified` gets 412, while `If-Match: *` alone gets 200. RFC 9110 §13.1.4: "A
/// recipient MUST ignore If-Unmodified-Since if the request contains an If-Match header field".
/// `ap_meets_conditions` evaluates the date after a true `If-Match`.
///
/// Its `TRACE` reflects the request as `message/http`, its `SWEEP` gets 501: nothing else is
/// found.
#[test]
fn apache_416_has_no_content_range_and_ius_beside_if_match_is_evaluated() {
    let Some((_server, base, version)) = start_apache("apache-site") else {
        return;
    };
    assert!(
        version.starts_with("Server version: Apache/2.4."),
        "{version}"
    );
    let (code, found) = sweep(&base, &SITE);
    let mut expected = each("range-not-satisfiable-without-content-range", &FILES);
    expected.extend(each("if-unmodified-since-not-ignored", &FILES));
    assert_eq!(found, expected, "{version}");
    assert_eq!(code, 1);
}

/// `page.txt` (600 octets of text) asked for plainly and with `Accept-Encoding: gzip`: the
/// `Content-Encoding` and `ETag` of each answer.
fn codings_and_tags(base: &str) -> [(Option<String>, String); 2] {
    let addr = base.trim_start_matches("http://").parse().unwrap();
    ["", "accept-encoding: gzip\r\n"].map(|coding| {
        let response = raw(
            addr,
            &format!("GET /page.txt HTTP/1.1\r\nhost: x\r\n{coding}connection: close\r\n\r\n"),
        );
        let head = response
            .split("\r\n\r\n")
            .next()
            .unwrap()
            .to_ascii_lowercase();
        let field = |name: &str| {
            head.lines()
                .find_map(|line| line.strip_prefix(name).map(|value| value.trim().to_owned()))
        };
        (field("content-encoding:"), field("etag:").unwrap())
    })
}

/// Compression switched on, as sites run it: the sweep asks for `page.txt` in gzip after its
/// strong tag. nginx 1.22.1 (`gzip on`) makes the tag of what it compresses weak
/// (`ngx_http_weak_etag`), Apache 2.4 (`mod_deflate`, on in Debian's default modules) appends
/// `-gzip` to it (`DeflateAlterETag`): both right, no finding. Caddy 2.6.2 (`encode gzip`)
/// sends the gzip content under the identity content's strong tag. RFC 9110 §8.8.1: "if the
/// origin server sends the same validator for a representation with a gzip content coding
/// applied as it does for a representation with no content coding, then that validator is
/// weak", and §8.8.3 has such a tag marked weak (MUST). Caddy 2.8.0 appends the coding to the
/// tag (`encode: Improve Etag handling`, caddyserver/caddy#5849).
#[test]
fn a_strong_tag_across_codings_is_found_on_caddy_2_6_and_not_on_nginx_or_apache() {
    // Their other findings on a file are pinned by the tests above.
    let shared = (
        "strong-etag-shared-across-content-codings".to_owned(),
        "/page.txt".to_owned(),
    );
    if let Some((_server, base, version)) = start_nginx_with(
        "nginx-gzip",
        "gzip on; gzip_types text/plain; gzip_min_length 1;",
    ) {
        let [plain, coded] = codings_and_tags(&base);
        assert_eq!(
            (plain.0.as_deref(), coded.0.as_deref()),
            (None, Some("gzip"))
        );
        assert_eq!(coded.1, format!("w/{}", plain.1), "{version}");
        let (_, found) = sweep(&base, &["/page.txt"]);
        assert!(!found.contains(&shared), "{version}: {found:?}");
    }
    if let Some((_server, base, version)) = start_apache("apache-deflate") {
        let [plain, coded] = codings_and_tags(&base);
        assert_eq!(
            (plain.0.as_deref(), coded.0.as_deref()),
            (None, Some("gzip"))
        );
        assert!(!plain.1.starts_with("w/"), "{version}: {plain:?}");
        assert_eq!(coded.1, format!("{}-gzip\"", plain.1.trim_end_matches('"')));
        let (_, found) = sweep(&base, &["/page.txt"]);
        assert!(!found.contains(&shared), "{version}: {found:?}");
    }
    if let Some((_server, base, version)) = start_caddy_encoding("caddy-encode") {
        assert_eq!(
            version.split(' ').nth(1).unwrap_or(""),
            "2.6.2",
            "{version}"
        );
        let (code, found) = sweep(&base, &["/page.txt"]);
        assert!(found.contains(&shared), "{version}: {found:?}");
        assert_eq!(code, 1);
    }
}

/// Caddy 2.6.2 (Debian), `caddy file-server`: it serves a file whatever the method — `TRACE`
/// and the undefined `SWEEP` get the file with a 200. RFC 9110 §9.1: "An origin server that
/// receives a request method that is unrecognized or not implemented SHOULD respond with the
/// 501 (Not Implemented) status code"; §9.3.8 has `TRACE` reflect the request. A file of a type
/// it does not know goes without `Content-Type`, which §8.3 allows: not reported.
#[test]
fn caddy_answers_every_method_as_get() {
    let Some((_server, base, version)) = start_caddy("caddy-site") else {
        return;
    };
    assert!(version.starts_with("Caddy 2."), "{version}");
    let (code, found) = sweep(&base, &SITE);
    assert_eq!(found, each("method-answered-as-get", &FILES), "{version}");
    assert_eq!(code, 1);
}

/// Flask 3.1 on Werkzeug 3.1: a static file asked for in a range unit no one defines gets a
/// 416. RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a
/// range unit it does not understand." Its routes (a page, a JSON collection and item, a 404)
/// break nothing; `TRACE` and `SWEEP` get a 405 with `Allow`. Its static files also ignore
/// `If-Unmodified-Since`: one a second before a file's `Last-Modified` gets the file with 200
/// (Werkzeug's `make_conditional` evaluates `If-None-Match`, `If-Modified-Since`, `If-Match`
/// and `If-Range`, never `If-Unmodified-Since`). RFC 9110 §13.1.4: "When an origin server
/// receives a request that selects a representation and that request includes an
/// If-Unmodified-Since header field without an If-Match header field, the origin server MUST
/// evaluate the If-Unmodified-Since condition prior to performing the method." Its 412 to
/// `If-Match: *` beside a false date is not `if-unmodified-since-not-ignored`: it answers
/// `If-Match: *` alone with 412 too (`is_resource_modified` looks `*` up among the strong tags),
/// so the date played no part. That 412 is `precondition-failed-for-if-match-any` (advisory):
/// RFC 9110 §13.1.1, "If the field value is "*", the condition is true if the origin server
/// has a current representation for the target resource", and a 412 says a condition
/// "evaluated to false" (§15.5.13).
///
/// Its static files also answer two ranges (the first and the last octet) with 416: Werkzeug's
/// `Range.range_for_length` serves "exactly one range" and `_process_range_request` refuses
/// the rest. RFC 9110 §14.2: for a valid, satisfiable range set "the server SHOULD send a 206
/// (Partial Content) response"; a 416 is for none satisfiable or "an excessive number of small
/// or overlapping ranges" (§15.5.17), and "A server MAY ignore the Range header field".
#[test]
fn flask_static_files_refuse_an_unknown_range_unit_and_two_ranges() {
    let Some((_server, base, version)) = start_flask("flask-site") else {
        return;
    };
    let static_files = [
        "/static/a.txt",
        "/static/data.unknownext",
        "/static/index.html",
    ];
    let mut paths = vec!["/", "/api/items", "/api/items/1", "/missing"];
    paths.extend(static_files);
    let (code, found) = sweep(&base, &paths);
    let mut expected = each("range-not-satisfiable-unknown-unit", &static_files);
    expected.extend(each(
        "if-unmodified-since-failed-but-performed",
        &static_files,
    ));
    expected.extend(each(
        "range-not-satisfiable-for-satisfiable-range",
        &static_files,
    ));
    expected.extend(each("precondition-failed-for-if-match-any", &static_files));
    assert_eq!(found, expected, "{version}");
    assert_eq!(code, 1);
}

/// Express 4.22.3: `TRACE` to a route, and `OPTIONS` or `TRACE` to a static file, get a 404
/// although the path answers GET (RFC 9110 §9.1: 405 for a method "recognized and implemented,
/// but not allowed for the target resource", 501 for one not implemented); its automatic
/// `OPTIONS` answer lists `GET,HEAD,POST` (or `GET,HEAD`) without `OPTIONS` (advisory, §10.2.1:
/// `Allow` "lists the set of methods advertised as supported"); and its 404 page names the
/// method, so a HEAD's `Content-Length` (147, "Cannot HEAD /missing") is not the GET's (146).
/// RFC 9110 §8.6: a server "MUST NOT send Content-Length in such a response unless its field
/// value equals the decimal number of octets that would have been sent in the content of a
/// response if the same request had used the GET method". Its rate-limited route answers a
/// 429 to the fourth request in a second: the sweep waits out its `Retry-After`, compares
/// nothing with a 429, and gives the same verdicts on both runs.
#[test]
fn express_refuses_methods_with_404() {
    let Some((_server, base, version)) = start_express("express-site") else {
        return;
    };
    let mut paths = SITE.to_vec();
    // `/api/search` is rate-limited (3 a second, then a 429 with `Retry-After: 1`): the
    // client waits the limit out, and the verdicts are those of the route, the same each run.
    paths.extend(["/api/items", "/api/items/1", "/api/search"]);
    let (code, found) = sweep(&base, &paths);
    let mut expected = each(
        "method-answered-not-found",
        &[
            "/",
            "/a.txt",
            "/api/items",
            "/api/items/1",
            "/api/search",
            "/data.unknownext",
            "/index.html",
            "/sub/",
        ],
    );
    expected.extend(each(
        "allow-excludes-request-method",
        &["/api/items", "/api/items/1", "/api/search"],
    ));
    expected.extend(each("head-content-length-differs-from-get", &["/missing"]));
    assert_eq!(found, expected, "{version}");
    assert_eq!(code, 1);
}

/// The value of a field of a raw HTTP/1.1 response (its first line of that name).
fn field<'a>(response: &'a str, name: &str) -> Option<&'a str> {
    response.split("\r\n\r\n").next()?.lines().find_map(|line| {
        let (field, value) = line.split_once(':')?;
        field.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// Revalidation on every real server, judged as received through the proxy: the current
/// entity tag gets a 304 carrying it, and a stale tag beside the current date gets the file
/// with a 200 — the date is ignored, as RFC 9110 §13.1.3 requires ("A recipient MUST ignore
/// If-Modified-Since if the request contains an If-None-Match header field"). So neither
/// `not-modified-etag-mismatch` nor `if-none-match-ignored`, nor anything else, is found.
#[test]
fn revalidation_with_a_stale_tag_and_a_current_date_gets_200_everywhere() {
    type Start = fn(&str) -> Option<(Running, String, String)>;
    let servers: [(&str, Start, &str); 5] = [
        ("nginx-revalidation", start_nginx, "/a.txt"),
        ("apache-revalidation", start_apache, "/a.txt"),
        ("caddy-revalidation", start_caddy, "/a.txt"),
        ("flask-revalidation", start_flask, "/static/a.txt"),
        ("express-revalidation", start_express, "/a.txt"),
    ];
    for (name, start, path) in servers {
        let Some((_server, base, version)) = start(name) else {
            continue;
        };
        let (proxy, addr, _events) = start_proxy(BIN, "127.0.0.1:0", &base, &["--json"]);
        let get = |fields: &str| {
            raw(
                addr,
                &format!("GET {path} HTTP/1.1\r\nHost: x\r\n{fields}Connection: close\r\n\r\n"),
            )
        };
        let first = get("");
        assert!(first.starts_with("HTTP/1.1 200"), "{version}: {first}");
        let etag = field(&first, "etag").unwrap_or_else(|| panic!("{version}: {first}"));
        let modified =
            field(&first, "last-modified").unwrap_or_else(|| panic!("{version}: {first}"));
        let fresh = get(&format!("If-None-Match: {etag}\r\n"));
        assert!(fresh.starts_with("HTTP/1.1 304"), "{version}: {fresh}");
        assert_eq!(field(&fresh, "etag"), Some(etag), "{version}: {fresh}");
        let stale = get(&format!(
            "If-None-Match: \"stale\"\r\nIf-Modified-Since: {modified}\r\n"
        ));
        assert!(stale.starts_with("HTTP/1.1 200"), "{version}: {stale}");
        let (code, stdout) = interrupt(proxy);
        let report: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
        assert_eq!(report["requests"], 3, "{version}: {stdout}");
        assert_eq!(
            report["violations"],
            serde_json::json!([]),
            "{version}: {stdout}"
        );
        assert_eq!(code, 0, "{version}: {stdout}");
    }
}

/// A server that cannot be had skips its test with a notice, except under CI, where the test
/// fails naming what is missing and how to install it.
#[test]
fn a_missing_server_skips_its_test_except_under_ci() {
    use crate::support::servers::missing_under;

    assert_eq!(
        missing_under::<()>(false, "caddy", "apt-get install -y caddy"),
        None
    );
    let failed =
        std::panic::catch_unwind(|| missing_under::<()>(true, "caddy", "apt-get install -y caddy"))
            .unwrap_err();
    let message = failed.downcast_ref::<String>().unwrap();
    assert_eq!(
        message,
        "caddy is missing under CI: apt-get install -y caddy"
    );
}
