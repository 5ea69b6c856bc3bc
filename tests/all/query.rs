//! RFC 10008 (the QUERY method): the specification's own examples, as exchanges, draw no
//! finding; the QUERY rules flag what the RFC forbids and nothing it allows.
//!
//! The examples are copied from RFC 10008 Appendix A with two changes: each request with
//! content carries the `Content-Length` the RFC says it omits "for brevity", and the dates,
//! written there as `Sun, 17 Nov 2024, 16:10:24 GMT` (a comma after the year, which no form of
//! RFC 9110 §5.6.7 allows), are written as IMF-fixdates. Two examples break a recommendation of
//! RFC 9110 that has nothing to do with QUERY; those findings are pinned, with the sentence.

use crate::support::{exchange, run, Recorder};
use tower_status_conformance::{check_all, StatusConformanceLayer};

/// RFC 10008 Appendix A, each request with its response (and §A.2's OPTIONS, §A.3's HEAD and
/// 415, §A.4's redirect and §A.5's conditional QUERY).
/// The third member is what the example breaks: none but two SHOULDs of RFC 9110.
const RFC_EXAMPLES: &[(&str, &str, &[&str])] = &[
    (
        "A.1 simple query",
        "QUERY /contacts HTTP/1.1\nhost: example.org\ncontent-type: application/x-www-form-urlencoded\naccept: application/json\ncontent-length: 68\n\n200 OK\ncontent-type: application/json\n\n[{\"surname\": \"Smith\"}]",
        &[],
    ),
    (
        "A.2 discovery of QUERY support",
        "OPTIONS /contacts HTTP/1.1\nhost: example.org\n\n200 OK\nallow: GET, QUERY, OPTIONS, HEAD\n\n",
        &[],
    ),
    (
        "A.3 discovery of QUERY formats",
        "HEAD /contacts HTTP/1.1\nhost: example.org\n\n200 OK\ncontent-type: application/xhtml\naccept-query: application/x-www-form-urlencoded, application/sql\n\n",
        &[],
    ),
    (
        "A.3 a 415 with Accept",
        "QUERY /contacts HTTP/1.1\nhost: example.org\ncontent-type: text/plain\ncontent-length: 5\n\n415 Unsupported Media Type\ncontent-type: application/xhtml\naccept: application/x-www-form-urlencoded, application/sql\n\n<p>use a query format</p>",
        &[],
    ),
    (
        "A.4 Content-Location and Location on a 200",
        "QUERY /contacts HTTP/1.1\nhost: example.org\ncontent-type: application/x-www-form-urlencoded\naccept: application/json\ncontent-length: 68\n\n200 OK\ncontent-type: application/json\ncontent-location: /contacts/stored-results/17\nlocation: /contacts/stored-queries/42\nlast-modified: Sat, 25 Aug 2012 23:34:45 GMT\ndate: Sun, 17 Nov 2024 16:10:24 GMT\n\n[{\"surname\": \"Smith\"}]",
        &[],
    ),
    (
        "A.4.1 GET of the Content-Location",
        "GET /contacts/stored-results/17 HTTP/1.1\nhost: example.org\naccept: application/json\n\n200 OK\nlast-modified: Sat, 25 Aug 2012 23:34:45 GMT\ndate: Sun, 17 Nov 2024 16:10:25 GMT\n\n[{\"surname\": \"Smith\"}]",
        // RFC 9110 §8.3: "A sender that generates a message containing content SHOULD
        // generate a Content-Type header field in that message"; the example has none.
        &["content-without-content-type"],
    ),
    (
        "A.4.2 GET of the Location",
        "GET /contacts/stored-queries/42 HTTP/1.1\nhost: example.org\naccept: application/json\n\n200 OK\ncontent-type: application/json\nlast-modified: Sun, 17 Nov 2024 16:12:01 GMT\netag: \"42-1\"\ndate: Sun, 17 Nov 2024 16:13:17 GMT\n\n[{\"surname\": \"Smith\"}]",
        &[],
    ),
    (
        "A.4.3 an indirect response (303)",
        "QUERY /contacts HTTP/1.1\nhost: example.org\ncontent-type: application/x-www-form-urlencoded\naccept: application/json\ncontent-length: 68\n\n303 See Other\ncontent-type: text/plain\ndate: Sun, 17 Nov 2024 16:13:17 GMT\nlocation: /contacts/stored-queries/42\n\nSee stored query at \"/contacts/stored-queries/42\".",
        &[],
    ),
    (
        "A.5 a QUERY with Location and Accept-Query",
        "QUERY /rfc-index.xml HTTP/1.1\nhost: example.org\ndate: Sun, 07 Sep 2025 00:00:00 GMT\ncontent-type: application/xslt+xml\naccept: text/csv\ncontent-length: 30\n\n200 OK\ndate: Sun, 07 Sep 2025 00:00:00 GMT\nlocation: /stored-queries/4815162342\ncontent-type: text/csv\naccept-query: \"application/sql\", \"application/xslt+xml\"\nlast-modified: Sun, 31 Aug 2025 08:44:00 GMT\nvary: Accept-Query, Content-Encoding, Content-Type\n\ndecade, total\n1960, 26\n",
        &[],
    ),
    (
        "A.5 a conditional QUERY answered 304",
        "QUERY /rfc-index.xml HTTP/1.1\nhost: example.org\ncontent-type: application/sql\naccept: text/csv\nif-modified-since: Sun, 31 Aug 2025 08:44:00 GMT\ncontent-length: 31\n\n304 Not Modified\ndate: Mon, 08 Sep 2025 11:00:00 GMT\ncontent-type: text/csv\nlocation: /stored-queries/4815162342\naccept-query: \"application/sql\", \"application/xslt+xml\"\nlast-modified: Sun, 31 Aug 2025 08:44:00 GMT\nvary: Accept-Query, Content-Type\n\n",
        // RFC 9110 §15.4.5: a 304's sender "SHOULD NOT generate representation metadata other
        // than the above listed fields"; the example repeats `Content-Type: text/csv`.
        &["not-modified-with-representation-metadata"],
    ),
    (
        "A.5 GET of the equivalent resource",
        "GET /stored-queries/4815162342 HTTP/1.1\nhost: example.org\naccept: text/csv\nif-modified-since: Sun, 31 Aug 2025 00:00:00 GMT\n\n200 OK\ndate: Sun, 21 Sep 2025 12:08:00 GMT\ncontent-type: text/csv\nlast-modified: Thu, 18 Sep 2025 19:56:00 GMT\nvary: Accept-Query, Content-Encoding, Content-Type\n\ndecade, total\n1960, 26\n",
        &[],
    ),
    (
        "A.6 an XSLT query",
        "QUERY /errata.json HTTP/1.1\nhost: example.org\ncontent-type: application/xslt+xml\naccept: application/xml, text/csv\ncontent-length: 40\n\n200 OK\ncontent-type: text/csv\naccept-query: \"application/jsonpath\", \"application/xslt+xml\"\ndate: Wed, 19 Feb 2025 17:10:01 GMT\n\nyear, total\n2000, 14\n",
        &[],
    ),
    (
        "A.6 a JSONPath query",
        "QUERY /errata.json HTTP/1.1\nhost: example.org\ncontent-type: application/jsonpath\naccept: application/json\ncontent-length: 60\n\n200 OK\ncontent-type: application/json\naccept-query: \"application/jsonpath\", \"application/xslt+xml\"\ndate: Thu, 20 Feb 2025 09:55:42 GMT\nlast-modified: Thu, 20 Feb 2025 06:10:01 GMT\n\n[\"RFC1185\"]",
        &[],
    ),
];

#[test]
fn rfc_10008_examples_draw_no_finding_from_check() {
    let mut wrong = Vec::new();
    for (name, text, pinned) in RFC_EXAMPLES {
        let exchange = exchange::parse(text);
        let findings = check_all(&exchange.request, &exchange.response);
        let ids: Vec<_> = findings.iter().map(|r| r.id()).collect();
        // Opt-in rules are advice a deployment turns on on purpose: not asserted here.
        let on_by_default: Vec<_> = findings
            .iter()
            .filter(|r| !r.is_opt_in())
            .map(|r| r.id())
            .collect();
        if on_by_default != *pinned {
            wrong.push(format!("{name}: {ids:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[tokio::test]
async fn rfc_10008_examples_draw_no_finding_through_the_layer() {
    let mut wrong = Vec::new();
    for (name, text, pinned) in RFC_EXAMPLES {
        let recorder = Recorder::default();
        let layer = StatusConformanceLayer::new().on_violation(recorder.clone());
        let exchange = exchange::parse(text);
        let out = run(&layer, exchange.request, exchange.response).await;
        let ids = recorder.ids();
        if ids != *pinned || out.parts.status != exchange::parse(text).response.status() {
            wrong.push(format!("{name}: {ids:?}, {}", out.parts.status));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
