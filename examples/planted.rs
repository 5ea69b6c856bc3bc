//! An axum server with planted status-code defects, for trying linters on (this crate's
//! command-line tool, REDbot, lint-http): `cargo run --example planted -- 127.0.0.1:8080`
//! serves until killed and prints its address; `benches/compare.sh` runs the tools on it.
//!
//! Each path breaks one rule and conforms otherwise; `/ok` breaks none. The defects reach the
//! client as written: axum and hyper leave them alone.

use axum::{
    http::{header, HeaderMap, Method, StatusCode},
    response::IntoResponse,
    routing::{any, get},
    Router,
};

/// (path, rule it breaks, section): the answer key of `benches/compare.sh`.
const PLANTED: &[(&str, &str, &str)] = &[
    ("/ok", "-", "-"),
    (
        "/no-allow",
        "method-not-allowed-without-allow",
        "RFC 9110 §15.5.6",
    ),
    ("/head-drift", "head-differs-from-get", "RFC 9110 §9.3.2"),
    (
        "/stale-304",
        "not-modified-drops-fields",
        "RFC 9110 §15.4.5",
    ),
    (
        "/no-content-type",
        "content-without-content-type",
        "RFC 9110 §8.3",
    ),
    (
        "/unauthorized",
        "unauthorized-without-challenge",
        "RFC 9110 §15.5.2",
    ),
    (
        "/busy",
        "never-store-status-marked-cacheable",
        "RFC 6585 §4",
    ),
];

const TAG: &str = "\"v7\"";

fn app() -> Router {
    Router::new()
        .route(
            "/ok",
            get(|headers: HeaderMap| async move {
                if headers.get(header::IF_NONE_MATCH).is_some_and(|t| t == TAG) {
                    return (
                        StatusCode::NOT_MODIFIED,
                        [(header::ETAG, TAG), (header::CACHE_CONTROL, "max-age=60")],
                    )
                        .into_response();
                }
                (
                    [
                        (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                        (header::ETAG, TAG),
                        (header::CACHE_CONTROL, "max-age=60"),
                    ],
                    "all good\n",
                )
                    .into_response()
            }),
        )
        // A 405 without `Allow` to everything but GET and HEAD.
        .route(
            "/no-allow",
            any(|method: Method| async move {
                match method {
                    Method::GET | Method::HEAD => {
                        ([(header::CONTENT_TYPE, "text/plain")], "read only\n").into_response()
                    }
                    _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
                }
            }),
        )
        // HEAD leaves out the `Cache-Control` that GET sends.
        .route(
            "/head-drift",
            get(|method: Method| async move {
                let cache =
                    (method == Method::GET).then_some([(header::CACHE_CONTROL, "max-age=60")]);
                (cache, [(header::CONTENT_TYPE, "text/plain")], "drift\n").into_response()
            }),
        )
        // The 304 leaves out the `Cache-Control` of its 200.
        .route(
            "/stale-304",
            get(|headers: HeaderMap| async move {
                if headers.get(header::IF_NONE_MATCH).is_some_and(|t| t == TAG) {
                    return (StatusCode::NOT_MODIFIED, [(header::ETAG, TAG)]).into_response();
                }
                (
                    [
                        (header::CONTENT_TYPE, "text/plain"),
                        (header::ETAG, TAG),
                        (header::CACHE_CONTROL, "max-age=60"),
                    ],
                    "cached\n",
                )
                    .into_response()
            }),
        )
        // Content without `Content-Type`.
        .route(
            "/no-content-type",
            get(|| async {
                let mut response = "what am I?\n".into_response();
                response.headers_mut().remove(header::CONTENT_TYPE);
                response
            }),
        )
        // A 401 without `WWW-Authenticate`.
        .route(
            "/unauthorized",
            get(|| async {
                (
                    StatusCode::UNAUTHORIZED,
                    [(header::CONTENT_TYPE, "text/plain")],
                    "log in first\n",
                )
            }),
        )
        // A 429 that shared caches may store.
        .route(
            "/busy",
            get(|| async {
                (
                    StatusCode::TOO_MANY_REQUESTS,
                    [
                        (header::CONTENT_TYPE, "text/plain"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                        (header::RETRY_AFTER, "60"),
                    ],
                    "slow down\n",
                )
            }),
        )
}

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            std::process::exit(2);
        }
    };
    let local = listener.local_addr().expect("a bound address");
    println!("listening on http://{local}");
    for (path, rule, section) in PLANTED {
        println!("  {path}: {rule} ({section})");
    }
    axum::serve(listener, app()).await.expect("serves");
}
