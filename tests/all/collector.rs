//! The collecting mode for tests: every violation of a run, one assertion at the end, a report
//! grouped by rule and route, and its JSON form — through `oneshot` and through a real server
//! in the same process, where a `strict()` panic would only drop the connection.

use crate::support::wire::{h1, h2};
use axum::{
    extract::Path,
    http::{header, StatusCode},
    routing::get,
    Extension, Router,
};
use tower::ServiceExt;
use tower_status_conformance::{Collector, Route, StatusConformanceLayer};

fn app() -> Router {
    Router::new()
        .route(
            "/items/{id}",
            get(|Path(id): Path<u32>| async move {
                // Deleted items answer 204 with a leftover body (a planted defect).
                if id == 0 {
                    return (
                        StatusCode::NO_CONTENT,
                        Extension(Route::new("/items/{id}")),
                        "gone",
                    );
                }
                (StatusCode::OK, Extension(Route::new("/items/{id}")), "item")
            }),
        )
        .route(
            "/limited",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [
                        (header::CACHE_CONTROL, "max-age=60"),
                        (header::SET_COOKIE, "secret=1"),
                    ],
                    "slow down",
                )
            }),
        )
}

fn collected(collector: &Collector) -> Router {
    Router::new()
        .fallback_service(app())
        .layer(StatusConformanceLayer::observe().on_violation(collector.clone()))
}

#[tokio::test]
async fn a_conforming_run_passes_the_assertion() {
    let collector = Collector::new();
    let request = axum::http::Request::get("/items/7")
        .body(axum::body::Body::empty())
        .unwrap();
    collected(&collector).oneshot(request).await.unwrap();
    collector.assert_conforming();
    assert_eq!(collector.report().to_string(), "no status-code violation");
    assert_eq!(
        collector.report().to_json(),
        r#"{"requests":null,"violations":[],"rules":[],"counts":{"must":0,"should":0,"advisory":0}}"#
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_server_run_fails_once_with_a_grouped_report() {
    let collector = Collector::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = collected(&collector);
    tokio::spawn(async move { axum::serve(listener, app).await });

    for _ in 0..3 {
        h1(addr, "GET", "/items/0", "HTTP/1.1").await;
    }
    h2(addr, "GET", "/items/0").await.unwrap();
    h1(addr, "GET", "/limited?token=abc", "HTTP/1.1").await;
    h1(addr, "GET", "/items/7", "HTTP/1.1").await;

    let report = collector.report();
    // On /items/{id}: `forbidden-content-length` 4 times (axum's `content-length: 4`, which
    // hyper sends on every version), `no-content-with-body` once (over HTTP/2: over HTTP/1.1
    // hyper's encoder drops the body, so it never reaches the client); `never-store-status-
    // marked-cacheable` without a route.
    assert_eq!(report.len(), 3, "{report}");
    let text = report.to_string();
    // TESTING.md shows the start of this report as it reads.
    assert!(
        text.starts_with(concat!(
            "6 status-code violation(s) in 3 group(s):\n\n",
            "`forbidden-content-length` (must, RFC 9110 §8.6 https://www.rfc-editor.org/rfc/rfc9110#section-8.6) on /items/{id}: 4 time(s)\n",
            "  Content-Length on a 1xx, a 204, or a 2xx to CONNECT\n",
            "  e.g. GET /items/0 HTTP/1.1 -> 204 No Content\n",
            "  fields: content-length\n\n",
            "`no-content-with-body` (must, RFC 9110 §15.3.5 https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5) on /items/{id}: 1 time(s)\n",
            "  204 with content\n",
            "  e.g. GET /items/0 HTTP/2.0 -> 204 No Content\n",
            "  fields: content-length, transfer-encoding (absent)\n",
        )),
        "{text}"
    );
    assert!(
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/TESTING.md"))
            .unwrap()
            .contains(&text[..text.find("\n\n`never-store").unwrap()]),
        "TESTING.md shows another report"
    );
    assert!(
        text.contains("`no-content-with-body` (must, RFC 9110 §15.3.5 https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5) on /items/{id}: 1 time(s)"),
        "{text}"
    );
    assert!(
        text.contains("e.g. GET /items/0 HTTP/1.1 -> 204 No Content"),
        "{text}"
    );
    assert!(text.contains("on (no route): 1 time(s)"), "{text}");
    // The fields each rule is about, by name, present or absent; never a value, the query or
    // the body.
    assert!(
        text.contains("  fields: content-length, transfer-encoding (absent)"),
        "{text}"
    );
    assert!(
        text.contains("  fields: cache-control, expires (absent), cdn-cache-control (absent)"),
        "{text}"
    );
    for secret in ["secret=1", "token", "max-age=60", "gone"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }

    let json = report.to_json();
    assert!(
        json.starts_with(r#"{"requests":null,"violations":[{"rule":"#),
        "{json}"
    );
    assert!(
        json.contains(r#""route":"/items/{id}","count":4"#),
        "{json}"
    );
    assert!(json.contains(r#""route":null,"count":1"#), "{json}");
    assert!(
        json.contains(r#""fields":[{"name":"cache-control","present":true},{"name":"expires","present":false},{"name":"cdn-cache-control","present":false}]"#),
        "{json}"
    );
    for secret in ["secret=1", "token", "gone"] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }

    // One assertion fails once, with the report as its message.
    let failure = std::panic::catch_unwind(|| collector.assert_conforming()).unwrap_err();
    let message = failure.downcast_ref::<String>().unwrap();
    assert_eq!(message, &text);

    collector.clear();
    collector.assert_conforming();
}

/// A collector keeps at most `MAX_GROUPS` groups: a finding on a route past them (a crawler's
/// ten thousand slugs, say) is counted under its rule without its route, and the report says
/// how many were. Every finding is still counted.
#[tokio::test]
async fn groups_past_the_cap_are_counted_without_their_route() {
    let collector = Collector::new();
    let layer = StatusConformanceLayer::observe().on_violation(collector.clone());
    let app = tower::Layer::layer(
        &layer,
        tower::service_fn(|request: http::Request<String>| async move {
            let mut response = http::Response::new(String::new());
            *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            response
                .extensions_mut()
                .insert(Route::new(request.uri().path().to_owned()));
            Ok::<_, std::convert::Infallible>(response)
        }),
    );
    let routes = Collector::MAX_GROUPS + 5;
    for i in 0..routes {
        let request = http::Request::post(format!("/slug-{i}"))
            .body(String::new())
            .unwrap();
        app.clone().oneshot(request).await.unwrap();
    }
    let report = collector.report();
    assert_eq!(report.len(), Collector::MAX_GROUPS + 1);
    assert_eq!(report.unrouted(), 5);
    let unrouted = report.groups().find(|g| g.route().is_none()).unwrap();
    assert_eq!(unrouted.count(), 5);
    assert_eq!(report.groups().map(|g| g.count()).sum::<usize>(), routes);
    assert!(report.to_string().contains(
        "5 finding(s) counted under their rule without their route: more than 10000 (rule, route) groups"
    ));
    assert!(report.to_json().contains(r#""unrouted":5"#));
}
