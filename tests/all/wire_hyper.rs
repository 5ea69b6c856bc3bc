//! What reaches the client from a real hyper server, without and with the layer: HTTP/1.1 and
//! HTTP/1.0 as raw bytes, HTTP/2 through the `h2` crate.

use std::{convert::Infallible, time::Duration};

use crate::support::{
    wire::{h1, h2, spawn_hyper, RawConn},
    wire_cases::respond,
    Recorder, TestBody,
};
use http::{HeaderValue, Request, Response};
use hyper::body::Incoming;
use tower::{service_fn, Layer};
use tower_status_conformance::{Action, Rule, StatusConformanceLayer};

/// Handlers that each break one rule, selected by path.
async fn case(request: Request<Incoming>) -> Result<Response<TestBody>, Infallible> {
    if request.method() == http::Method::CONNECT {
        let response = Response::builder()
            .status(405)
            .header("allow", "GET, HEAD")
            .body(TestBody::empty());
        return Ok(response.unwrap());
    }
    // A QUERY handler that answers whatever it was sent, typed or not.
    if request.uri().path() == "/contacts" && request.method().as_str() == "QUERY" {
        let response = Response::builder()
            .header("content-type", "text/csv")
            .body(TestBody::full("name\nann\n"));
        return Ok(response.unwrap());
    }
    Ok(respond(request.uri().path()))
}

async fn bare() -> std::net::SocketAddr {
    spawn_hyper(service_fn(case)).await
}

async fn with(layer: StatusConformanceLayer) -> std::net::SocketAddr {
    spawn_hyper(layer.layer(service_fn(case))).await
}

async fn with_default() -> (std::net::SocketAddr, Recorder) {
    let recorder = Recorder::default();
    (
        with(StatusConformanceLayer::new().on_violation(recorder.clone())).await,
        recorder,
    )
}

// ===== 204 =====

#[tokio::test]
async fn h1_204_with_length_and_body_is_repaired_and_the_connection_stays_in_sync() {
    // Without the layer hyper writes the handler's length on a 204 while dropping the body.
    let response = h1(bare().await, "GET", "/204-cl-body", "HTTP/1.1").await;
    assert_eq!(response.status(), 204);
    assert_eq!(
        response.header("content-length"),
        Some("5"),
        "hyper sends it today"
    );

    let (addr, recorder) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("GET /204-cl-body HTTP/1.1\r\nhost: x\r\n\r\n")
        .await;
    let first = conn.read_response(false).await;
    assert_eq!(first.status(), 204);
    assert_eq!(first.header("content-length"), None);
    assert_eq!(first.header("transfer-encoding"), None);
    // Same connection: the next response must parse cleanly.
    conn.send("GET /ok HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await;
    let second = conn.read_response(false).await;
    assert_eq!(second.status_line, "HTTP/1.1 200 OK");
    assert_eq!(second.body, b"ok");
    let (stray, closed) = conn.leftover(Duration::from_millis(300)).await;
    assert!(stray.is_empty() && closed, "stray bytes: {stray:?}");
    // The body never reached the client (hyper's HTTP/1 encoder drops a 204's content): only
    // the length it sent is a finding.
    assert_eq!(recorder.ids(), ["forbidden-content-length"]);
}

#[tokio::test]
async fn h2_204_body_reaches_the_client_without_the_layer_and_not_with_it() {
    let response = h2(bare().await, "GET", "/204-body").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert_eq!(
        response.body.unwrap(),
        "hello",
        "hyper sends the DATA today"
    );

    let (addr, _) = with_default().await;
    let response = h2(addr, "GET", "/204-body").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.parts.headers.get("content-length").is_none());
    assert!(response.body.unwrap().is_empty());
}

#[tokio::test]
async fn h2_204_streaming_body_is_dropped_at_stream_time() {
    let response = h2(bare().await, "GET", "/204-stream").await.unwrap();
    assert_eq!(
        response.body.unwrap(),
        "hello",
        "hyper sends the DATA today"
    );

    let (addr, recorder) = with_default().await;
    let response = h2(addr, "GET", "/204-stream").await.unwrap();
    assert_eq!(response.parts.status, 204);
    assert!(response.body.unwrap().is_empty());
    let reported = recorder.take();
    assert_eq!(reported.len(), 1);
    assert_eq!(reported[0].stage(), tower_status_conformance::Stage::Stream);
}

#[tokio::test]
async fn h1_204_streaming_body_is_never_polled_by_hyper() {
    // hyper's HTTP/1 server does not poll a 204's body: nothing reaches the wire and nothing
    // is reported (the documented limit of stream-time checks).
    let (addr, recorder) = with_default().await;
    let response = h1(addr, "GET", "/204-stream", "HTTP/1.1").await;
    assert_eq!(response.status(), 204);
    assert!(recorder.take().is_empty());
}

// ===== 205, 304 =====

#[tokio::test]
async fn h1_205_content_is_sent_today_and_repaired_with_the_layer() {
    let response = h1(bare().await, "POST", "/205-body", "HTTP/1.1").await;
    assert_eq!(response.body, b"hello", "hyper sends a 205's content today");

    let (addr, _) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("POST /205-body HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n")
        .await;
    let first = conn.read_response(false).await;
    assert_eq!(first.status(), 205);
    assert_eq!(first.header("content-length"), Some("0"));
    assert!(first.body.is_empty());
    conn.send("GET /ok HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await;
    assert_eq!(conn.read_response(false).await.body, b"ok");
}

#[tokio::test]
async fn h2_304_content_is_repaired() {
    let response = h2(bare().await, "GET", "/304-body").await.unwrap();
    assert_eq!(response.body.unwrap(), "hello", "hyper sends it today");
    let (addr, _) = with_default().await;
    let response = h2(addr, "GET", "/304-body").await.unwrap();
    assert_eq!(response.parts.status, 304);
    assert_eq!(response.parts.headers["etag"], "\"v1\"");
    assert!(response.body.unwrap().is_empty());
}

// ===== HEAD =====

#[tokio::test]
async fn h2_head_with_a_streaming_body_breaks_the_stream_without_the_layer() {
    let response = h2(bare().await, "HEAD", "/stream").await.unwrap();
    assert!(
        response.body.is_err(),
        "the h2 client resets a HEAD stream that carries DATA"
    );

    let (addr, recorder) = with_default().await;
    let response = h2(addr, "HEAD", "/stream").await.unwrap();
    assert_eq!(response.parts.status, 200);
    assert!(response.body.unwrap().is_empty());
    assert_eq!(recorder.ids(), ["head-response-with-body"]);
}

// ===== 429 =====

#[tokio::test]
async fn cacheable_429_gets_no_store_on_every_protocol() {
    let response = h1(bare().await, "GET", "/429", "HTTP/1.1").await;
    assert_eq!(
        response.header("cache-control"),
        Some("max-age=3600"),
        "sent as is today"
    );

    let (addr, _) = with_default().await;
    let response = h1(addr, "GET", "/429", "HTTP/1.1").await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_eq!(response.header("retry-after"), Some("60"));
    assert_eq!(response.body, b"slow down");

    let response = h2(addr, "GET", "/429").await.unwrap();
    assert_eq!(response.parts.headers["cache-control"], "no-store");
    assert_eq!(response.body.unwrap(), "slow down");

    // `Cache-Control: no-store` alone does not stop a CDN that obeys `CDN-Cache-Control`
    // (RFC 9213 §2.2): the repair gives it `no-store` as well.
    let response = h1(addr, "GET", "/429-cdn", "HTTP/1.1").await;
    assert_eq!(response.header("cache-control"), Some("no-store"));
    assert_eq!(response.header("cdn-cache-control"), Some("no-store"));
}

// ===== 1xx =====

#[tokio::test]
async fn no_101_reaches_an_http10_client() {
    let response = h1(bare().await, "GET", "/101", "HTTP/1.0").await;
    assert_eq!(
        response.status_line, "HTTP/1.0 101 Switching Protocols",
        "hyper sends it today"
    );

    let (addr, recorder) = with_default().await;
    let response = h1(addr, "GET", "/101", "HTTP/1.0").await;
    assert_eq!(response.status_line, "HTTP/1.0 500 Internal Server Error");
    assert!(String::from_utf8_lossy(&response.body).contains("informational-to-http10"));
    assert_eq!(recorder.ids(), ["informational-to-http10"]);
}

#[tokio::test]
async fn unrequested_101_is_rejected_and_the_connection_survives() {
    let (addr, recorder) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("GET /101 HTTP/1.1\r\nhost: x\r\n\r\n").await;
    let first = conn.read_response(false).await;
    assert_eq!(first.status(), 500);
    conn.send("GET /ok HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await;
    assert_eq!(conn.read_response(false).await.body, b"ok");
    assert_eq!(recorder.ids(), ["switching-protocols-unrequested"]);
}

#[tokio::test]
async fn h2_101_is_rejected_instead_of_a_protocol_error() {
    let without = h2(bare().await, "GET", "/101").await;
    assert!(
        without.is_err(),
        "a final 101 on HTTP/2 is malformed: {without:?}"
    );

    let (addr, _) = with_default().await;
    let response = h2(addr, "GET", "/101").await.unwrap();
    assert_eq!(response.parts.status, 500);
}

#[tokio::test]
async fn a_final_103_becomes_a_500_that_keeps_the_connection() {
    // hyper replaces it with a bare 500 and closes the connection.
    let mut conn = RawConn::connect(bare().await).await;
    conn.send("GET /103 HTTP/1.1\r\nhost: x\r\n\r\n").await;
    assert_eq!(conn.read_response(false).await.status(), 500);
    assert!(
        conn.leftover(Duration::from_millis(300)).await.1,
        "hyper closes the connection"
    );

    let (addr, _) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("GET /103 HTTP/1.1\r\nhost: x\r\n\r\n").await;
    let first = conn.read_response(false).await;
    assert_eq!(first.status(), 500);
    assert!(String::from_utf8_lossy(&first.body).contains("informational-as-final"));
    conn.send("GET /ok HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .await;
    assert_eq!(conn.read_response(false).await.body, b"ok");
}

// ===== 405 =====

#[tokio::test]
async fn a_405_without_allow_is_reported_and_repaired_when_configured() {
    let (addr, recorder) = with_default().await;
    let response = h1(addr, "POST", "/405", "HTTP/1.1").await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.header("allow"), None);
    let reported = recorder.take();
    assert_eq!(reported[0].rule(), Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
    assert_eq!(reported[0].action(), Action::Log);

    let recorder = Recorder::default();
    let addr = with(
        StatusConformanceLayer::new()
            .allow_methods(|_| Some(HeaderValue::from_static("GET, HEAD")))
            .on_violation(recorder.clone()),
    )
    .await;
    let response = h1(addr, "POST", "/405", "HTTP/1.1").await;
    assert_eq!(response.header("allow"), Some("GET, HEAD"));
    let response = h2(addr, "POST", "/405").await.unwrap();
    assert_eq!(response.parts.headers["allow"], "GET, HEAD");
    assert!(recorder.take().iter().all(|v| v.action() == Action::Repair));
}

// ===== 600 =====

#[tokio::test]
async fn status_600_never_reaches_the_wire_unless_allowed() {
    let response = h1(bare().await, "GET", "/600", "HTTP/1.1").await;
    assert_eq!(
        response.status_line, "HTTP/1.1 600 <none>",
        "hyper sends it today"
    );

    let (addr, _) = with_default().await;
    assert_eq!(h1(addr, "GET", "/600", "HTTP/1.1").await.status(), 500);
    assert_eq!(h2(addr, "GET", "/600").await.unwrap().parts.status, 500);

    let allowed = with(
        StatusConformanceLayer::new()
            .action(Rule::STATUS_OUT_OF_RANGE, Action::Allow)
            .on_violation(Recorder::default()),
    )
    .await;
    assert_eq!(h1(allowed, "GET", "/600", "HTTP/1.1").await.status(), 600);
}

// ===== what hyper removes on the way out =====

/// hyper 1.12 removes these defects itself: the bare server's bytes show they never reach the
/// client, so the layer (`Wire::Hyper`) reports none of them. `Wire::Received` judges the
/// same responses as a capture would show them if a server sent them as written.
#[tokio::test]
async fn what_hyper_removes_never_reaches_the_client_and_is_no_finding() {
    let bare = bare().await;
    // `Transfer-Encoding` on a 204 over HTTP/1.1 (`forbidden-transfer-encoding`).
    let response = h1(bare, "GET", "/204-te", "HTTP/1.1").await;
    assert_eq!(response.status(), 204);
    assert_eq!(response.header("transfer-encoding"), None);
    // `Transfer-Encoding` to an HTTP/1.0 client (`transfer-encoding-to-http10`): hyper closes
    // the connection to delimit the content instead.
    let response = h1(bare, "GET", "/te", "HTTP/1.0").await;
    assert_eq!(response.header("transfer-encoding"), None);
    assert_eq!(response.body, b"hello");
    // A HEAD answered with content over HTTP/1.1 (`head-response-with-body`).
    let response = h1(bare, "HEAD", "/", "HTTP/1.1").await;
    assert_eq!(response.status(), 200);
    assert!(response.body.is_empty());
    // Connection-specific fields over HTTP/2 (`connection-specific-field-over-http2`).
    let response = h2(bare, "GET", "/connection").await.unwrap();
    assert!(response.parts.headers.get("connection").is_none());
    assert!(response.parts.headers.get("keep-alive").is_none());

    let (addr, recorder) = with_default().await;
    h1(addr, "GET", "/204-te", "HTTP/1.1").await;
    h1(addr, "GET", "/te", "HTTP/1.0").await;
    h1(addr, "HEAD", "/", "HTTP/1.1").await;
    h2(addr, "GET", "/connection").await.unwrap();
    assert_eq!(
        recorder.ids(),
        Vec::<&str>::new(),
        "nothing wrong reached the client"
    );

    // The same heads, judged as received.
    use tower_status_conformance::{Checker, Wire};
    let received = Checker::new().wire(Wire::Received);
    let head = |method: &str, version: http::Version| {
        Request::builder()
            .method(method)
            .uri("/")
            .version(version)
            .body(())
            .unwrap()
    };
    let te_204 = Response::builder()
        .status(204)
        .header("transfer-encoding", "chunked")
        .body(String::new())
        .unwrap();
    assert!(received
        .check(&head("GET", http::Version::HTTP_11), &te_204)
        .contains(Rule::FORBIDDEN_TRANSFER_ENCODING));
    let keep_alive = Response::builder()
        .header("connection", "keep-alive")
        .header("content-type", "text/plain")
        .body("ok".to_owned())
        .unwrap();
    assert!(received
        .check(&head("GET", http::Version::HTTP_2), &keep_alive)
        .contains(Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2));
}

// ===== QUERY (RFC 10008) =====

/// A real QUERY over HTTP/1.1: hyper passes the method through, and a 2xx to one without
/// `Content-Type` is reported (§2: "Servers MUST fail the request"); with one, nothing is.
#[tokio::test]
async fn a_query_without_content_type_answered_200_is_reported() {
    let (addr, recorder) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("QUERY /contacts HTTP/1.1\r\nhost: x\r\ncontent-length: 8\r\n\r\nname=ann")
        .await;
    let response = conn.read_response(false).await;
    assert_eq!(response.status(), 200);
    assert_eq!(recorder.ids(), ["query-success-without-content-type"]);
    recorder.take();
    conn.send(
        "QUERY /contacts HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 8\r\nconnection: close\r\n\r\nname=ann",
    )
    .await;
    let response = conn.read_response(false).await;
    assert_eq!(response.status(), 200);
    assert!(recorder.take().is_empty());
}

// ===== CONNECT =====

/// A rejected HTTP/1.1 CONNECT: hyper keeps the connection open for a next request, so what the
/// client sent for the tunnel would be read as one (RFC 9931). The layer reports it, and its
/// repair's `close` makes hyper close the connection after the 405.
#[tokio::test]
async fn a_rejected_connect_is_kept_open_by_hyper_until_repaired() {
    let connect = "CONNECT example.com:443 HTTP/1.1\r\nhost: example.com:443\r\n\r\n";
    let (addr, recorder) = with_default().await;
    let mut conn = RawConn::connect(addr).await;
    conn.send(connect).await;
    let response = conn.read_response(false).await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.header("connection"), None);
    let (_, closed) = conn.leftover(Duration::from_millis(300)).await;
    assert!(!closed, "hyper closed the connection by itself");
    assert_eq!(recorder.ids(), ["connect-rejected-without-close"]);

    let recorder = Recorder::default();
    let addr = with(
        StatusConformanceLayer::new()
            .action(Rule::CONNECT_REJECTED_WITHOUT_CLOSE, Action::Repair)
            .on_violation(recorder.clone()),
    )
    .await;
    let mut conn = RawConn::connect(addr).await;
    conn.send(connect).await;
    let response = conn.read_response(false).await;
    assert_eq!(response.status(), 405);
    assert_eq!(response.header("connection"), Some("close"));
    let (_, closed) = conn.leftover(Duration::from_secs(5)).await;
    assert!(closed, "the connection stayed open after `close`");
    assert_eq!(recorder.ids(), ["connect-rejected-without-close"]);
}

/// hyper 1.13 hands a `CONNECT` to an empty port to the service, and a service that opens the
/// tunnel is reported (RFC 9110 §9.3.6: "A server MUST reject a CONNECT request that targets
/// an empty or invalid port number").
#[tokio::test]
async fn a_tunnel_to_an_empty_port_is_reported() {
    let recorder = Recorder::default();
    let tunnel = service_fn(|_: Request<Incoming>| async {
        Ok::<_, Infallible>(Response::new(TestBody::empty()))
    });
    let addr = spawn_hyper(
        StatusConformanceLayer::new()
            .on_violation(recorder.clone())
            .layer(tunnel),
    )
    .await;
    let mut conn = RawConn::connect(addr).await;
    conn.send("CONNECT example.com: HTTP/1.1\r\nhost: example.com:\r\n\r\n")
        .await;
    let response = conn.read_response(true).await;
    assert_eq!(response.status(), 200);
    assert_eq!(recorder.ids(), ["connect-to-invalid-port-accepted"]);
}
