//! An axum app behind the layer, installed with the one call of the `axum` feature: the layer
//! sees what axum sends, every event names the route (`http.route`), and a mounted third-party
//! service is left unchecked (`skip_if`). Serves on loopback, sends four requests to itself,
//! prints what came back and the events the layer logged, then exits.
//!
//! ```text
//! cargo run --example axum --features axum
//! ```

use axum::{
    body::Body,
    http::{HeaderValue, Request, StatusCode},
    routing::{delete, get},
    Router,
};
use http_body_util::BodyExt;
use tower_status_conformance::{axum::RouterExt, Action, Rule, StatusConformanceLayer};

fn app() -> Router {
    Router::new()
        .route("/items", get(|| async { "[]" }))
        // A common slip: "deleted, nothing to show" with a body.
        .route(
            "/items/{id}",
            delete(|| async { (StatusCode::NO_CONTENT, "deleted") }),
        )
        .route("/admin", get(|| async { StatusCode::METHOD_NOT_ALLOWED }))
        // A third-party service mounted as is: its 405 has no `Allow`, and it is not ours to fix.
        .nest_service(
            "/vendor",
            tower::service_fn(|_: Request<Body>| async {
                Ok::<_, std::convert::Infallible>(axum::response::IntoResponse::into_response(
                    StatusCode::METHOD_NOT_ALLOWED,
                ))
            }),
        )
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt().with_target(true).init();

    let conformance = StatusConformanceLayer::new()
        // `/admin` answers 405 on purpose; say which methods it supports so `Allow` is added.
        .allow_methods(|violation| {
            (violation.path() == "/admin").then(|| HeaderValue::from_static("POST"))
        })
        // Opt in to a repair that is `Log` by default.
        .action(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD, Action::Repair)
        // Leave the mounted vendor service unchecked.
        .skip_if(|request| request.uri.path().starts_with("/vendor"));
    // Wire-true placement and route attribution in one call; the events below carry
    // `http.route="/items/{id}"` next to `url.path="/items/7"`.
    let app = app().with_status_conformance(conformance);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let (mut client, connection) = hyper::client::conn::http1::handshake(
        hyper_util::rt::TokioIo::new(tokio::net::TcpStream::connect(addr).await.unwrap()),
    )
    .await
    .unwrap();
    tokio::spawn(connection);
    for (method, path) in [
        ("DELETE", "/items/7"),
        ("GET", "/admin"),
        ("GET", "/items"),
        ("POST", "/vendor/api"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "localhost")
            .body(Body::empty())
            .unwrap();
        client.ready().await.unwrap();
        let response = client.send_request(request).await.unwrap();
        let status = response.status();
        let headers = format!("{:?}", response.headers());
        let body = response.into_body().collect().await.unwrap().to_bytes();
        println!("{method} {path} -> {status} {headers} {body:?}");
    }
}
