//! A sweep over a small axum app with defects that no single exchange shows: run with
//! `cargo run --example sweep`. It prints the report, and the JSON form CI would keep.
//!
//! `/notes/{id}` keeps a note with an entity tag, but its HEAD leaves out `Cache-Control`, its
//! 304 does too, and its PUT ignores `If-Match` (a lost update waiting to happen); `/notes`
//! routes DELETE through a handler that answers 405, while axum's own 405s list DELETE. Not
//! planted: axum 0.8 gives the 304 a `content-length: 0`, which hyper sends over HTTP/2.

use axum::{
    extract::Path,
    http::{header, HeaderMap, Method, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use tower_status_conformance::{sweep::Sweep, Culprit, Rule};

const TAG: &str = "\"note-v3\"";

async fn note(method: Method, headers: HeaderMap, Path(id): Path<u32>) -> Response {
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|tag| tag == TAG)
    {
        // Defect: the 304 leaves out the `Cache-Control` the 200 carries.
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, TAG)]).into_response();
    }
    let mut response = (
        [(header::ETAG, TAG)],
        Json(serde_json::json!({ "id": id, "text": "buy milk" })),
    )
        .into_response();
    // Defect: only GET gets `Cache-Control`; HEAD (which axum answers with this handler) does not.
    if method == Method::GET {
        let cache = header::HeaderValue::from_static("private, max-age=60");
        response.headers_mut().insert(header::CACHE_CONTROL, cache);
    }
    response
}

/// Defect: the update ignores `If-Match`.
async fn update_note() -> StatusCode {
    StatusCode::OK
}

async fn list() -> Json<Vec<u32>> {
    Json(vec![1])
}

/// Defect: DELETE is routed, but refuses with a 405 of its own.
async fn delete_all() -> impl IntoResponse {
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, "GET, HEAD")],
    )
}

fn app() -> Router {
    Router::new()
        .route("/notes", get(list).delete(delete_all))
        .route("/notes/{id}", get(note).put(update_note))
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The app is a test instance: the unsafe methods (each with a stale `If-Match`) may run.
    let sweep = Sweep::new()
        .unsafe_methods(true)
        .targets(["/notes", "/notes/1"]);
    println!("at most {} requests", sweep.max_requests());
    let report = sweep
        .run(app())
        .await
        .expect("the app answers every request");

    println!("{report}");
    println!("{}", report.to_json());

    let found: Vec<(Rule, &str)> = report
        .groups()
        .map(|group| (group.rule(), group.route().unwrap_or("")))
        .collect();
    assert_eq!(
        found,
        [
            (Rule::HEAD_DIFFERS_FROM_GET, "/notes/1"),
            (Rule::ALLOW_LISTS_METHOD_ANSWERED_405, "/notes"),
            (Rule::NOT_MODIFIED_DROPS_FIELDS, "/notes/1"),
            (Rule::IF_MATCH_FAILED_BUT_PERFORMED, "/notes/1"),
            // Not the handler's: listed last, under the framework.
            (Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS, "/notes/1"),
        ],
        "the planted defects, each once"
    );
    let framework: Vec<Rule> = report
        .groups()
        .filter(|group| group.culprit() == Some(Culprit::AxumContentLength))
        .map(|group| group.rule())
        .collect();
    assert_eq!(framework, [Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS]);
}
