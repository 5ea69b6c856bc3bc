//! `har::check` on captures: the revalidation comparison across entries, what a capture
//! cannot show kept silent, a capture REDbot 2.7.1 wrote of nginx and one Chromium recorded.

use serde_json::{json, Value};
use tower_status_conformance::{har, Rule};

fn entry(
    method: &str,
    url: &str,
    request: Value,
    status: u16,
    response: Value,
    size: i64,
) -> Value {
    json!({
        "startedDateTime": "2026-12-03T10:00:00.000Z",
        "time": 3.5,
        "request": {"method": method, "url": url, "httpVersion": "h2", "headers": request,
                    "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
        "response": {"status": status, "statusText": "", "httpVersion": "h2", "headers": response,
                     "cookies": [], "content": {"size": size, "mimeType": "text/plain"},
                     "redirectURL": "", "headersSize": -1, "bodySize": size},
        "cache": {}, "timings": {"send": 0, "wait": 3, "receive": 0.5}
    })
}

fn capture(entries: Vec<Value>) -> String {
    json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}})
        .to_string()
}

fn fields(pairs: &[(&str, &str)]) -> Value {
    Value::Array(
        pairs
            .iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect(),
    )
}

const URL: &str = "https://example.test/app.js?v=3";

fn ok() -> Value {
    entry(
        "GET",
        URL,
        fields(&[
            (":method", "GET"),
            (":path", "/app.js?v=3"),
            ("accept", "*/*"),
        ]),
        200,
        fields(&[
            ("content-type", "text/javascript"),
            ("content-length", "5"),
            ("etag", "\"a1\""),
            ("cache-control", "max-age=60"),
            ("date", "Thu, 03 Dec 2026 10:00:00 GMT"),
        ]),
        5,
    )
}

fn revalidated(tag: &str, response: &[(&str, &str)]) -> Value {
    entry(
        "GET",
        URL,
        fields(&[(":method", "GET"), ("if-none-match", tag)]),
        304,
        fields(response),
        0,
    )
}

#[test]
fn a_304_is_compared_with_the_200_it_revalidated() {
    let dropped = har::check(&capture(vec![
        ok(),
        revalidated(
            "\"a1\"",
            &[
                ("etag", "\"a1\""),
                ("date", "Thu, 03 Dec 2026 10:01:00 GMT"),
            ],
        ),
    ]))
    .unwrap();
    let groups: Vec<_> = dropped.report().groups().collect();
    assert_eq!(groups.len(), 1, "{}", dropped.report());
    assert_eq!(groups[0].rule(), Rule::NOT_MODIFIED_DROPS_FIELDS);
    assert_eq!(groups[0].route(), Some("/app.js"));
    assert_eq!(
        groups[0].example().detail(),
        Some("304 leaves out cache-control")
    );

    // Every field kept: nothing. `Date` left out: found, judged as received.
    let kept = har::check(&capture(vec![
        ok(),
        revalidated(
            "W/\"zz\", \"a1\"",
            &[
                ("etag", "\"a1\""),
                ("cache-control", "max-age=60"),
                ("date", "Thu, 03 Dec 2026 10:01:00 GMT"),
            ],
        ),
    ]))
    .unwrap();
    assert!(kept.report().is_empty(), "{}", kept.report());
    let no_date = har::check(&capture(vec![
        ok(),
        revalidated(
            "\"a1\"",
            &[("etag", "\"a1\""), ("cache-control", "max-age=60")],
        ),
    ]))
    .unwrap();
    assert_eq!(
        no_date.report().groups().next().unwrap().example().detail(),
        Some("304 leaves out date")
    );

    // A 304 to another tag than the 200's is another representation's: not compared.
    let other = har::check(&capture(vec![
        ok(),
        revalidated("\"a0\"", &[("etag", "\"a0\"")]),
    ]))
    .unwrap();
    assert!(other.report().is_empty(), "{}", other.report());
}

/// What a browser stores differs from what was on the wire: a compressed 200 whose decoded
/// content is longer than its `Content-Length`, a 304 whose `content.size` is the cached
/// 200's. Neither is a finding; entries without a response or from the cache are skipped.
#[test]
fn what_a_capture_cannot_show_is_not_judged() {
    let mut compressed = entry(
        "GET",
        "https://example.test/big.json",
        fields(&[(":method", "GET"), ("accept-encoding", "gzip, br")]),
        200,
        fields(&[
            ("content-type", "application/json"),
            ("content-encoding", "br"),
            ("content-length", "40"),
        ]),
        900,
    );
    compressed["response"]["bodySize"] = json!(40);
    let mut cached_size = revalidated(
        "\"a1\"",
        &[
            ("etag", "\"a1\""),
            ("cache-control", "max-age=60"),
            ("date", "Thu, 03 Dec 2026 10:01:00 GMT"),
        ],
    );
    cached_size["response"]["content"]["size"] = json!(5);
    let mut from_cache = ok();
    from_cache["_fromCache"] = json!("disk");
    let mut blocked = ok();
    blocked["response"]["status"] = json!(0);
    let checked = har::check(&capture(vec![
        ok(),
        compressed,
        cached_size,
        from_cache,
        blocked,
    ]))
    .unwrap();
    assert!(checked.report().is_empty(), "{}", checked.report());
    assert_eq!(checked.checked(), 3);
    let skipped: Vec<_> = checked.skipped().collect();
    assert_eq!(
        skipped,
        [("from the browser's cache", 1), ("without a response", 1)]
    );
    assert_eq!(checked.paths(), ["/app.js", "/big.json"]);
}

#[test]
fn a_bad_entry_is_listed_and_a_bad_file_is_an_error() {
    let mut bad = ok();
    bad["response"]["headers"] = fields(&[("bad name", "x")]);
    let checked = har::check(&capture(vec![bad, ok()])).unwrap();
    assert_eq!(checked.checked(), 1);
    assert_eq!(
        checked.unreadable(),
        [(0, "invalid field name `bad name`".to_owned())]
    );
    assert!(har::check("[1, 2]")
        .unwrap_err()
        .to_string()
        .contains("no `log.entries`"));
    assert!(har::check("<html>")
        .unwrap_err()
        .to_string()
        .starts_with("not JSON"));
}

/// A HAR that REDbot 2.7.1 (`redbot -o har`) wrote of nginx 1.22.1 serving a text file: read
/// as it is, and clean.
#[test]
fn a_capture_redbot_wrote_of_nginx_is_clean() {
    let checked = har::check(include_str!("../data/redbot-nginx.har")).unwrap();
    assert_eq!(checked.checked(), 1);
    assert!(checked.unreadable().is_empty());
    assert!(checked.report().is_empty(), "{}", checked.report());
}

/// A HAR that Chromium 148 (Debian) recorded through playwright-core 1.65
/// (`tests/browser/record-har.cjs`) of nginx 1.22.1 serving a page and a text file: a load, two
/// `fetch()`es, a reload, a navigation and a step back. Chromium records the two revalidations
/// as 200s with no body octet transferred (nginx answered 304, as curl shows), and the step
/// back as a memory-cache entry (`_transferSize` 0). The first are judged as the 304s that
/// crossed the wire, the last is skipped: nginx breaks no rule here, and nothing is reported.
#[test]
fn a_capture_chromium_recorded_of_nginx_is_clean() {
    let checked = har::check(include_str!("../data/chromium-nginx.har")).unwrap();
    assert!(
        checked.unreadable().is_empty(),
        "{:?}",
        checked.unreadable()
    );
    assert!(checked.report().is_empty(), "{}", checked.report());
    assert_eq!(checked.checked(), 5);
    assert_eq!(checked.revalidated(), 2);
    assert_eq!(
        checked.skipped().collect::<Vec<_>>(),
        [("from the browser's cache", 1)]
    );
}

/// The same shapes, with a server that ignores the condition: a revalidation that brought the
/// content again (body octets transferred) is a 200 on the wire, and judged as one.
#[test]
fn a_revalidation_that_transferred_content_is_judged_as_a_200() {
    let recorded: Value = serde_json::from_str(include_str!("../data/chromium-nginx.har")).unwrap();
    let mut entries = recorded["log"]["entries"].as_array().unwrap().clone();
    let revalidation = entries
        .iter_mut()
        .find(|e| e["response"]["bodySize"] == json!(0))
        .unwrap();
    let size = revalidation["response"]["content"]["size"].clone();
    revalidation["response"]["bodySize"] = size;
    let checked = har::check(&capture(entries)).unwrap();
    assert_eq!(checked.revalidated(), 1);
    let rules: Vec<&str> = checked.report().groups().map(|g| g.rule().id()).collect();
    assert!(rules.contains(&"if-none-match-ignored"), "{rules:?}");
}

/// Field values with octets above 0x7F (obs-text, RFC 9110 §5.5), as a capture keeps them, are
/// read, not refused.
#[test]
fn a_field_value_with_non_ascii_octets_is_read() {
    let mut entry = ok();
    entry["response"]["headers"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "x-note", "value": "café"}));
    let checked = har::check(&capture(vec![entry])).unwrap();
    assert!(
        checked.unreadable().is_empty(),
        "{:?}",
        checked.unreadable()
    );
    assert_eq!(checked.checked(), 1);
}

/// A HAR that Chromium 148 recorded through playwright-core 1.65 of the Express 4.22.3 app of
/// `tests/servers/express_app.js`: its static files and its JSON collection (a weak `ETag`)
/// revalidated, each recorded as a 200; judged as the 304s Express sent, nothing is found.
#[test]
fn a_capture_chromium_recorded_of_express_is_clean() {
    let checked = har::check(include_str!("../data/chromium-express.har")).unwrap();
    assert!(checked.report().is_empty(), "{}", checked.report());
    assert_eq!(checked.checked(), 7);
    assert_eq!(checked.revalidated(), 3);
}

/// A HAR that Chromium (through playwright-core) recorded of the same Express app in a CI run
/// (2026-12-07), where the revalidated `fetch()` of `/api/items` was recorded with
/// `content.size` -1 (unknown: the page read the content before the recorder did). Judged as
/// a 200, its matching `If-None-Match` made a false `if-none-match-ignored`, once in several
/// runs; no body octet crossed the wire, so it is the 304 Express sent.
#[test]
fn a_revalidation_recorded_with_an_unknown_size_is_the_304_that_crossed_the_wire() {
    let checked = har::check(include_str!("../data/chromium-express-unknown-size.har")).unwrap();
    assert!(checked.report().is_empty(), "{}", checked.report());
    assert_eq!(checked.checked(), 7);
    assert_eq!(checked.revalidated(), 3);
}

/// A HAR that mitmproxy 11.0.2 (`mitmdump --mode reverse:… --set hardump=…`, a non-browser
/// tool) wrote of curl's requests to nginx 1.22.1: a page, a HEAD, a revalidation (304), a
/// range (206), an OPTIONS, a 404. The one finding is nginx's real one: its 405 has no
/// `Allow` (RFC 9110 §15.5.6 MUST).
#[test]
fn a_capture_mitmproxy_wrote_of_nginx_has_only_its_real_defect() {
    let checked = har::check(include_str!("../data/mitmproxy-nginx.har")).unwrap();
    assert!(
        checked.unreadable().is_empty(),
        "{:?}",
        checked.unreadable()
    );
    assert_eq!(checked.checked(), 8);
    assert_eq!(checked.revalidated(), 0);
    let groups: Vec<(&str, Option<&str>)> = checked
        .report()
        .groups()
        .map(|group| (group.rule().id(), group.route()))
        .collect();
    assert_eq!(groups, [("method-not-allowed-without-allow", Some("/"))]);
}

/// A HAR Chromium 148 recorded (`tests/browser/record-media-har.cjs`, playwright-core 1.65) of
/// an `<audio>` element on nginx 1.22.1, loaded and reloaded twice: the first range is a real
/// 206; on the first reload the media comes from the memory cache (`_transferSize` 0), on the
/// second the media cache revalidates it (`Range` with `If-None-Match`, a 304 on the wire) and
/// Chromium records a 206 it assembled itself, with no body octet transferred and no
/// `Content-Range`. Judged as sent that would be a 206 without `Content-Range` (MUST); both are
/// skipped and counted, the page's revalidations judged as 304s, and nothing is found.
#[test]
fn a_range_chromium_assembled_from_its_cache_is_skipped() {
    let checked = har::check(include_str!("../data/chromium-nginx-media.har")).unwrap();
    assert!(checked.report().is_empty(), "{}", checked.report());
    assert_eq!(checked.checked(), 4);
    assert_eq!(checked.revalidated(), 2);
    assert_eq!(
        checked.skipped().collect::<Vec<_>>(),
        [
            ("from the browser's cache", 1),
            ("made by the browser's cache from a 304", 1)
        ]
    );
}

/// Each finding of a capture points at its entry in `log.entries`.
#[test]
fn each_finding_points_at_its_entry() {
    let checked = har::check(include_str!("../data/mitmproxy-nginx.har")).unwrap();
    let group = checked.report().groups().next().unwrap();
    assert_eq!(group.example().exchange(), Some(5));
    let capture: Value = serde_json::from_str(include_str!("../data/mitmproxy-nginx.har")).unwrap();
    let entry = &capture["log"]["entries"][5];
    assert_eq!(entry["request"]["method"], "OPTIONS");
    assert_eq!(entry["response"]["status"], 405);
    assert!(checked
        .report()
        .rolled_up()
        .to_string()
        .contains("\n  in exchange #5\n"));
}
