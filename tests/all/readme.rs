//! The test snippets of README.md and TESTING.md, compiled and run: each region between
//! `// README: <name>` and `// README: end` below is, once unindented, a `rust` block of the
//! file named with it, line for line (`the_docs_show_these_snippets` checks it). The app they
//! test is this file's.

use axum::{
    extract::Path,
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    routing::get,
    Json, Router,
};

/// A small app that keeps status semantics: notes with an entity tag, conditional GET and PUT.
fn app() -> Router {
    const TAG: &str = "\"n1\"";
    async fn note(headers: HeaderMap, Path(id): Path<u32>) -> axum::response::Response {
        if headers
            .get(header::IF_NONE_MATCH)
            .is_some_and(|tag| tag == TAG)
        {
            return (StatusCode::NOT_MODIFIED, [(header::ETAG, TAG)]).into_response();
        }
        ([(header::ETAG, TAG)], Json(serde_json::json!({ "id": id }))).into_response()
    }
    async fn update(headers: HeaderMap) -> StatusCode {
        match headers.get(header::IF_MATCH) {
            Some(tag) if tag != TAG && tag != "*" => StatusCode::PRECONDITION_FAILED,
            _ => StatusCode::NO_CONTENT,
        }
    }
    Router::new()
        .route("/notes", get(|| async { Json(vec![1]) }))
        .route("/notes/{id}", get(note).put(update))
        .route("/items/{id}", get(|| async { "item" }))
}

mod sweep_snippet {
    use super::app;

    // README: sweep
    use http::Method;
    use tower_status_conformance::sweep::{Sweep, Target};

    #[tokio::test]
    async fn routes_keep_status_semantics() -> Result<(), Box<dyn std::error::Error>> {
        let report = Sweep::new()
            .target("/notes")
            // Only these unsafe methods are sent here, and each counts as supported unless it gets 405.
            .target(Target::new("/notes/1").methods([Method::GET, Method::PUT]))
            .run(app()) // any tower service taking `http::Request`: a `Router`, or a client of a real server
            .await?;
        std::fs::write("target/status-sweep.json", report.to_json())?;
        // What the framework caused (axum's `content-length: 0` on an empty 304) is reported
        // apart; the handlers' part must be clean.
        assert!(report.excluding_framework().is_empty(), "{report}");
        Ok(())
    }
    // README: end
}

mod strict_snippet {
    use super::app;

    // README: strict
    use axum::{body::Body, http::Request, Router};
    use tower::ServiceExt;
    use tower_status_conformance::StatusConformanceLayer;

    #[tokio::test]
    async fn handlers_respect_status_semantics() -> Result<(), Box<dyn std::error::Error>> {
        let app = Router::new()
            .fallback_service(app())
            .layer(StatusConformanceLayer::strict());
        let _response = app
            .oneshot(Request::get("/items/1").body(Body::empty())?)
            .await?;
        // A violating handler panics above, e.g. one that answers `(StatusCode::NO_CONTENT, "gone")`:
        // status-conformance: `forbidden-content-length` (RFC 9110 §8.6): Content-Length on a 1xx, a 204, or a 2xx to CONNECT; 204 No Content to GET /items/1
        Ok(())
    }
    // README: end
}

#[cfg(feature = "client")]
mod running_snippet {
    use super::app;

    // README: running
    use tower_status_conformance::sweep::{Client, Sweep};

    #[tokio::test]
    async fn the_served_app_keeps_status_semantics() -> Result<(), Box<dyn std::error::Error>> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let client = Client::new(&format!("http://{}", listener.local_addr()?))?;
        tokio::spawn(async move { axum::serve(listener, app()).await });
        let report = Sweep::new()
            .authority(client.authority())
            .targets(["/notes", "/notes/1"])
            .run(client) // HTTP/1.0, HTTP/1.1 and HTTP/2, each request on a new connection
            .await?;
        // Over HTTP/2, axum's `content-length: 0` on the empty 304 reaches the client.
        assert!(report.excluding_framework().is_empty(), "{report}");
        assert!(report.safe_only());
        Ok(())
    }
    // README: end
}

#[cfg(all(feature = "openapi", feature = "axum"))]
mod contract_snippet {
    use super::app;

    // README: contract
    use axum::{body::Body, http::Request};
    use tower::ServiceExt;
    use tower_status_conformance::{axum::RouterExt, openapi::Document, StatusConformanceLayer};

    #[tokio::test]
    async fn handlers_keep_the_documented_statuses() -> Result<(), Box<dyn std::error::Error>> {
        // The document you wrote, or the one utoipa or aide generate (`serde_json::to_value`).
        let document =
            Document::from_json(&std::fs::read_to_string("tests/data/openapi/notes.json")?)?;
        let app = app().with_status_conformance(
            StatusConformanceLayer::strict().contract(document.contract()),
        );
        let _response = app
            .oneshot(Request::get("/notes/1").body(Body::empty())?)
            .await?;
        // A status the document does not give `GET /notes/{id}` panics above, e.g. a 404:
        // status-conformance: `undocumented-status` (OpenAPI 3.1 §4.8.16): a status the API document does not give for the operation; 404 Not Found to GET /notes/1
        Ok(())
    }
    // README: end
}

/// What the contract snippet's comment says: a 404 the document does not give panics, with
/// that line.
#[cfg(all(feature = "openapi", feature = "axum"))]
#[tokio::test]
async fn the_contract_snippet_panics_on_an_undocumented_status() {
    use axum::{body::Body, http::Request};
    use futures_util::FutureExt as _;
    use tower::ServiceExt as _;
    use tower_status_conformance::{axum::RouterExt, openapi::Document, StatusConformanceLayer};

    let text = include_str!("../data/openapi/notes.json");
    let document = Document::from_json(text).unwrap();
    let app = Router::new()
        .route("/notes/{id}", get(|| async { StatusCode::NOT_FOUND }))
        .with_status_conformance(StatusConformanceLayer::strict().contract(document.contract()));
    let request = Request::get("/notes/1").body(Body::empty()).unwrap();
    let panicked = std::panic::AssertUnwindSafe(app.oneshot(request))
        .catch_unwind()
        .await
        .unwrap_err();
    let message = panicked
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains(
            "status-conformance: `undocumented-status` (OpenAPI 3.1 §4.8.16): a status the API \
             document does not give for the operation; 404 Not Found to GET /notes/1"
        ),
        "{message}"
    );
}

#[test]
fn the_docs_show_these_snippets() {
    let source = include_str!("readme.rs");
    for (name, file, text) in [
        ("sweep", "TESTING.md", include_str!("../../TESTING.md")),
        ("running", "TESTING.md", include_str!("../../TESTING.md")),
        ("strict", "README.md", include_str!("../../README.md")),
        ("contract", "README.md", include_str!("../../README.md")),
    ] {
        let start = format!("// README: {name}\n");
        let region = &source[source.find(&start).unwrap() + start.len()..];
        let region = &region[..region.find("    // README: end").unwrap()];
        let snippet: String = region
            .lines()
            .map(|line| line.strip_prefix("    ").unwrap_or(line))
            .map(|line| format!("{line}\n"))
            .collect();
        assert!(
            text.contains(&format!("```rust\n{snippet}```")),
            "{file} does not show the `{name}` snippet as compiled here:\n{snippet}"
        );
    }
}

/// What the sweep snippet's comment says: on this conforming app the sweep finds only axum's
/// `content-length: 0` on the empty 304, named as the framework's.
#[tokio::test]
async fn the_sweep_snippet_finds_only_the_framework() {
    use tower_status_conformance::{
        sweep::{Sweep, Target},
        Culprit,
    };
    let report = Sweep::new()
        .target("/notes")
        .target(Target::new("/notes/1").methods([http::Method::GET, http::Method::PUT]))
        .run(app())
        .await
        .unwrap();
    let culprits: Vec<_> = report.groups().map(|group| group.culprit()).collect();
    assert_eq!(culprits, [Some(Culprit::AxumContentLength)], "{report}");
}
