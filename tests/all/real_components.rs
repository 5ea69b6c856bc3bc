//! Real components behind the layer, on the wire, over HTTP/1.0, HTTP/1.1 and HTTP/2: tower-http
//! 0.7 (`ServeDir`, `CorsLayer`, `CompressionLayer`, `ValidateRequestHeaderLayer`,
//! `TimeoutLayer`, `RequestBodyLimitLayer`, `CatchPanicLayer`), axum 0.8 (extractor
//! rejections, `WebSocketUpgrade`, `Sse`, its own 404s and 405s) and a tonic 0.14 gRPC service,
//! served by `axum::serve`.
//!
//! The layer runs with `observe()` (every rule that is on by default, logging) in the
//! wire-true placement. Every exchange's findings are compared with the pinned list: each
//! pinned finding names the component, the RFC section and why the response really breaks it;
//! any other finding fails the suite. COMPARISON.md "What it finds in popular crates" lists the pins.

use std::{
    collections::BTreeSet, convert::Infallible, net::SocketAddr, path::PathBuf, time::Duration,
};

use crate::support::{
    wire::{h2_exchange, RawConn},
    Recorder,
};
use axum::{
    body::Body,
    extract::{
        ws::{Message, WebSocket, WebSocketUpgrade},
        Path, Query,
    },
    http::{header, Method, Request, StatusCode},
    response::{
        sse::{Event, Sse},
        IntoResponse,
    },
    routing::{any, get},
    Json, Router,
};
use bytes::{Buf, BufMut, Bytes};
use futures_util::{SinkExt, StreamExt};
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    cors::{Any, CorsLayer},
    limit::RequestBodyLimitLayer,
    services::ServeDir,
    timeout::TimeoutLayer,
    validate_request::ValidateRequestHeaderLayer,
};
use tower_status_conformance::{Culprit, Rule, StatusConformanceLayer};

// ===== the app =====

#[derive(serde::Deserialize, serde::Serialize)]
struct Item {
    name: String,
}

#[derive(serde::Deserialize)]
struct Search {
    #[allow(dead_code)]
    page: u32,
}

/// The file `ServeDir` serves: 13 bytes.
const HELLO: &str = "hello, world\n";

/// The directory `ServeDir` serves, written once per test process: rewriting it would change
/// the validators (`ServeDir` derives its ETag from the modification time) under a test that
/// has just read them.
fn static_dir() -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!(
            "tower-status-conformance-real-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("hello.txt"), HELLO).unwrap();
        std::fs::write(dir.join("sub").join("index.html"), "<p>sub</p>").unwrap();
        dir
    })
    .clone()
}

fn app(dir: PathBuf) -> Router {
    let api = Router::new()
        .route(
            "/api/items",
            get(|| async { Json(vec![Item { name: "a".into() }]) })
                .put(|Json(_): Json<Vec<Item>>| async { StatusCode::NO_CONTENT })
                .post(|Json(item): Json<Item>| async move {
                    (
                        StatusCode::CREATED,
                        [(header::LOCATION, "/api/items/2")],
                        Json(item),
                    )
                }),
        )
        .route(
            "/api/items/{id}",
            get(|Path(id): Path<u32>| async move {
                Json(Item {
                    name: id.to_string(),
                })
            }),
        )
        .route(
            "/api/search",
            get(|Query(_): Query<Search>| async { Json(Vec::<Item>::new()) }),
        )
        .layer(CompressionLayer::new())
        .layer(CorsLayer::new().allow_origin(Any).allow_methods([
            Method::GET,
            Method::PUT,
            Method::POST,
        ]));
    #[allow(deprecated)] // `bearer` is deprecated in tower-http 0.7 but still shipped and used.
    let bearer = ValidateRequestHeaderLayer::bearer("secret");
    #[allow(deprecated)]
    let basic = ValidateRequestHeaderLayer::basic("user", "password");
    Router::new()
        .merge(api)
        .route(
            "/json-only",
            get(|| async { Json(Vec::<Item>::new()) })
                .layer(ValidateRequestHeaderLayer::accept("application/json")),
        )
        .route("/bearer", get(|| async { "secret" }).layer(bearer))
        .route("/basic", get(|| async { "secret" }).layer(basic))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            })
            .layer(TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                Duration::from_millis(20),
            )),
        )
        .route(
            "/upload",
            axum::routing::post(|body: Bytes| async move { body.len().to_string() })
                .layer(RequestBodyLimitLayer::new(10)),
        )
        .route(
            "/panic",
            get(|| async {
                if true {
                    panic!("handler bug");
                }
                "unreachable"
            })
            .layer(CatchPanicLayer::new()),
        )
        .route("/sse", get(sse))
        .route("/ws", any(ws))
        .route_service("/echo.Echo/Say", tower::service_fn(grpc))
        .nest_service("/static", ServeDir::new(dir))
}

async fn sse() -> impl IntoResponse {
    let events = futures_util::stream::iter(
        ["one", "two", "three"].map(|data| Ok::<_, Infallible>(Event::default().data(data))),
    );
    Sse::new(events)
}

async fn ws(upgrade: WebSocketUpgrade) -> impl IntoResponse {
    upgrade
        .protocols(["chat"])
        .on_upgrade(|mut socket: WebSocket| async move {
            if let Some(Ok(Message::Text(text))) = socket.recv().await {
                let _ = socket.send(Message::Text(text)).await;
            }
        })
}

// A gRPC echo service with tonic's server machinery and a raw-bytes codec (no code generation).

#[derive(Clone, Copy, Default)]
struct RawCodec;

struct RawCoder;

impl tonic::codec::Codec for RawCodec {
    type Encode = Bytes;
    type Decode = Bytes;
    type Encoder = RawCoder;
    type Decoder = RawCoder;

    fn encoder(&mut self) -> RawCoder {
        RawCoder
    }

    fn decoder(&mut self) -> RawCoder {
        RawCoder
    }
}

impl tonic::codec::Encoder for RawCoder {
    type Item = Bytes;
    type Error = tonic::Status;

    fn encode(
        &mut self,
        item: Bytes,
        dst: &mut tonic::codec::EncodeBuf<'_>,
    ) -> Result<(), tonic::Status> {
        dst.put(item);
        Ok(())
    }
}

impl tonic::codec::Decoder for RawCoder {
    type Item = Bytes;
    type Error = tonic::Status;

    fn decode(
        &mut self,
        src: &mut tonic::codec::DecodeBuf<'_>,
    ) -> Result<Option<Bytes>, tonic::Status> {
        Ok(Some(src.copy_to_bytes(src.remaining())))
    }
}

async fn grpc(request: Request<Body>) -> Result<axum::response::Response, Infallible> {
    let echo = tower::service_fn(|request: tonic::Request<Bytes>| async move {
        let message = request.into_inner();
        if message.is_empty() {
            return Err(tonic::Status::invalid_argument("empty message"));
        }
        Ok(tonic::Response::new(message))
    });
    let response = tonic::server::Grpc::new(RawCodec)
        .unary(echo, request)
        .await;
    Ok(response.into_response())
}

// ===== serving and clients =====

/// Serves the app with `axum::serve` behind the layer in the wire-true placement.
async fn serve(recorder: &Recorder) -> SocketAddr {
    serve_with(StatusConformanceLayer::observe(), recorder).await
}

async fn serve_with(layer: StatusConformanceLayer, recorder: &Recorder) -> SocketAddr {
    let app = Router::new()
        .fallback_service(app(static_dir()))
        .layer(layer.on_violation(recorder.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Version {
    Http10,
    Http11,
    Http2,
}

const ALL: &[Version] = &[Version::Http10, Version::Http11, Version::Http2];

/// What reached the client.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

async fn send(
    addr: SocketAddr,
    version: Version,
    method: &str,
    target: &str,
    fields: &[(String, String)],
    content: &str,
) -> Reply {
    if version == Version::Http2 {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("http://localhost{target}"));
        for (name, value) in fields {
            request = request.header(name, value);
        }
        let content = (!content.is_empty()).then(|| Bytes::copy_from_slice(content.as_bytes()));
        let got = h2_exchange(addr, request.body(()).unwrap(), content)
            .await
            .unwrap_or_else(|err| panic!("{method} {target} over h2: {err}"));
        return Reply {
            status: got.parts.status.as_u16(),
            headers: got
                .parts
                .headers
                .iter()
                .map(|(n, v)| (n.to_string(), String::from_utf8_lossy(v.as_bytes()).into()))
                .collect(),
            body: got.body,
        };
    }
    let line = if version == Version::Http10 {
        "HTTP/1.0"
    } else {
        "HTTP/1.1"
    };
    let mut head = format!("{method} {target} {line}\r\nhost: localhost\r\nconnection: close\r\n");
    for (name, value) in fields {
        head += &format!("{name}: {value}\r\n");
    }
    if !content.is_empty() {
        head += &format!("content-length: {}\r\n", content.len());
    }
    head += "\r\n";
    head += content;
    let mut conn = RawConn::connect(addr).await;
    conn.send(&head).await;
    let raw = conn.read_response(method == "HEAD").await;
    Reply {
        status: raw.status(),
        headers: raw.headers.clone(),
        body: Bytes::from(raw.body),
    }
}

// ===== the pinned findings =====

/// One finding the suite expects: on which versions, and why it is a real violation.
struct Pin {
    rule: Rule,
    versions: &'static [Version],
    why: &'static str,
}

struct Case {
    name: &'static str,
    method: &'static str,
    target: &'static str,
    fields: Vec<(String, String)>,
    content: &'static str,
    /// The status every version gets.
    status: u16,
    pins: &'static [Pin],
}

const JSON: (&str, &str) = ("content-type", "application/json");

fn cases() -> Vec<Case> {
    let case = |name, method, target, fields: &[(&str, &str)], content, status, pins| Case {
        name,
        method,
        target,
        fields: owned(fields),
        content,
        status,
        pins,
    };
    vec![
        // axum handlers, extractors and their rejections; CompressionLayer; CorsLayer.
        case("axum JSON list", "GET", "/api/items", &[], "", 200, &[]),
        case(
            "axum JSON list, gzip",
            "GET",
            "/api/items",
            &[("accept-encoding", "gzip")],
            "",
            200,
            &[],
        ),
        case(
            "axum HEAD of a GET route, gzip",
            "HEAD",
            "/api/items",
            &[("accept-encoding", "gzip")],
            "",
            200,
            &[],
        ),
        case(
            "axum PUT answered 204",
            "PUT",
            "/api/items",
            &[JSON],
            "[]",
            204,
            &[Pin {
                rule: Rule::FORBIDDEN_CONTENT_LENGTH,
                versions: &[Version::Http2],
                why: "axum 0.8.9 adds `content-length: 0` to an empty 204 and hyper 1.x sends it \
                      over HTTP/2 (its HTTP/1 encoder drops it); RFC 9110 §8.6: a server MUST \
                      NOT send Content-Length in a 204",
            }],
        ),
        case(
            "axum POST answered 201 + Location",
            "POST",
            "/api/items",
            &[JSON],
            r#"{"name":"b"}"#,
            201,
            &[],
        ),
        case(
            "axum Json rejection: no content, no type",
            "POST",
            "/api/items",
            &[],
            "",
            415,
            &[Pin {
                rule: Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT,
                versions: ALL,
                why: "axum 0.8.9 `Json` answers 415 to a request with no content and no \
                      Content-Type: there is no format to refuse (RFC 9110 §15.5.16)",
            }],
        ),
        case(
            "axum Json rejection: invalid JSON",
            "POST",
            "/api/items",
            &[JSON],
            "{",
            400,
            &[],
        ),
        case(
            "axum Json rejection: wrong type",
            "POST",
            "/api/items",
            &[("content-type", "text/plain")],
            "x",
            415,
            &[],
        ),
        case(
            "axum Path rejection",
            "GET",
            "/api/items/abc",
            &[],
            "",
            400,
            &[],
        ),
        case(
            "axum Query rejection",
            "GET",
            "/api/search?page=x",
            &[],
            "",
            400,
            &[],
        ),
        case(
            "axum 405 with Allow",
            "DELETE",
            "/api/items",
            &[],
            "",
            405,
            &[],
        ),
        case("axum 404", "GET", "/nowhere", &[], "", 404, &[]),
        case(
            "CorsLayer preflight",
            "OPTIONS",
            "/api/items",
            &[
                ("origin", "https://app.example"),
                ("access-control-request-method", "PUT"),
            ],
            "",
            200,
            &[],
        ),
        case(
            "plain OPTIONS to a route without it",
            "OPTIONS",
            "/api/items",
            &[],
            "",
            200,
            // tower-http 0.7.1 `CorsLayer` answers an OPTIONS without `Origin` as a preflight
            // (200, with `Access-Control-Allow-Methods`), and axum 0.8.9 adds its route's
            // `Allow: GET,HEAD,PUT,POST`: a CORS protocol answer, which describes CORS, not the
            // resource, so its `Allow` is not judged against the method.
            &[],
        ),
        // tower-http ValidateRequestHeaderLayer and TimeoutLayer.
        case(
            "ValidateRequestHeaderLayer::accept",
            "GET",
            "/json-only",
            &[("accept", "text/html")],
            "",
            406,
            &[],
        ),
        case(
            "ValidateRequestHeaderLayer::accept, matching",
            "GET",
            "/json-only",
            &[("accept", "application/json")],
            "",
            200,
            &[],
        ),
        case(
            "ValidateRequestHeaderLayer::bearer",
            "GET",
            "/bearer",
            &[],
            "",
            401,
            &[Pin {
                rule: Rule::UNAUTHORIZED_WITHOUT_CHALLENGE,
                versions: ALL,
                why: "tower-http 0.7.1 `ValidateRequestHeaderLayer::bearer` answers 401 without \
                      WWW-Authenticate; RFC 9110 §15.5.2: the server MUST send one",
            }],
        ),
        case(
            "ValidateRequestHeaderLayer::basic",
            "GET",
            "/basic",
            &[],
            "",
            401,
            &[],
        ),
        case(
            "TimeoutLayer",
            "GET",
            "/slow",
            &[],
            "",
            408,
            &[Pin {
                rule: Rule::REQUEST_TIMEOUT_FOR_COMPLETE_REQUEST,
                versions: ALL,
                why: "tower-http 0.7.1 `TimeoutLayer::with_status_code(REQUEST_TIMEOUT, ..)` \
                      answers a slow handler with 408 although the GET had arrived whole: RFC \
                      9110 §15.5.9 (408: the server \"did not receive a complete request\") \
                      invites the client to repeat a request that may have run (advisory)",
            }],
        ),
        // Over HTTP/2 the content comes in DATA frames without Content-Length (RFC 9113 §8.1):
        // the 413 is right, and the request had content.
        case(
            "RequestBodyLimitLayer, content over the limit",
            "POST",
            "/upload",
            &[],
            "0123456789abcdef",
            413,
            &[],
        ),
        case(
            "RequestBodyLimitLayer, content under the limit",
            "POST",
            "/upload",
            &[],
            "0123",
            200,
            &[],
        ),
        case("CatchPanicLayer", "GET", "/panic", &[], "", 500, &[]),
        // axum Sse.
        case("axum Sse", "GET", "/sse", &[], "", 200, &[]),
        // tower-http ServeDir.
        case(
            "ServeDir GET",
            "GET",
            "/static/hello.txt",
            &[],
            "",
            200,
            &[],
        ),
        case(
            "ServeDir HEAD",
            "HEAD",
            "/static/hello.txt",
            &[],
            "",
            200,
            &[],
        ),
        case(
            "ServeDir GET, gzip accepted",
            "GET",
            "/static/hello.txt",
            &[("accept-encoding", "gzip")],
            "",
            200,
            &[],
        ),
        case(
            "ServeDir If-Modified-Since in the future",
            "GET",
            "/static/hello.txt",
            &[("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT")],
            "",
            304,
            &[],
        ),
        case(
            "ServeDir If-None-Match: *",
            "GET",
            "/static/hello.txt",
            &[("if-none-match", "*")],
            "",
            304,
            &[],
        ),
        case(
            "ServeDir one range",
            "GET",
            "/static/hello.txt",
            &[("range", "bytes=0-4")],
            "",
            206,
            &[],
        ),
        case(
            "ServeDir suffix range",
            "GET",
            "/static/hello.txt",
            &[("range", "bytes=-3")],
            "",
            206,
            &[],
        ),
        case(
            "ServeDir unsatisfiable range",
            "GET",
            "/static/hello.txt",
            &[("range", "bytes=100-200")],
            "",
            416,
            &[],
        ),
        case(
            "ServeDir range to HEAD",
            "HEAD",
            "/static/hello.txt",
            &[("range", "bytes=0-4")],
            "",
            206,
            &[Pin {
                rule: Rule::RANGE_STATUS_FOR_NON_GET,
                versions: ALL,
                why: "tower-http 0.7.1 `ServeDir` answers a ranged HEAD with 206; RFC 9110 §14.2: \
                      range handling is defined for GET only and a server MUST ignore Range \
                      for other methods (HEAD gets the 200 head)",
            }],
        ),
        case(
            "ServeDir two satisfiable ranges",
            "GET",
            "/static/hello.txt",
            &[("range", "bytes=0-1, 4-5")],
            "",
            416,
            &[
                Pin {
                    rule: Rule::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE,
                    versions: ALL,
                    why: "tower-http 0.7.1 `ServeDir` rejects every multi-range request with 416 \
                      although both ranges are satisfiable; RFC 9110 §15.5.17 defines 416 for \
                      unsatisfiable or excessive ranges, and a server that cannot serve several \
                      ranges may ignore Range and send 200 (§14.2)",
                },
                Pin {
                    rule: Rule::CONTENT_WITHOUT_CONTENT_TYPE,
                    versions: ALL,
                    why: "tower-http 0.7.1 `ServeDir` removes Content-Type from that 416 although \
                      its content is the text \"Cannot serve multipart range requests\"; RFC \
                      9110 §8.3: a sender SHOULD generate Content-Type for content whose type \
                      it knows",
                },
            ],
        ),
        case(
            "ServeDir range in an unknown unit",
            "GET",
            "/static/hello.txt",
            &[("range", "items=0-1")],
            "",
            416,
            &[Pin {
                rule: Rule::RANGE_NOT_SATISFIABLE_UNKNOWN_UNIT,
                versions: ALL,
                why: "tower-http 0.7.1 `ServeDir` answers a Range in a unit it does not \
                      understand with 416 (and `Accept-Ranges: bytes`); RFC 9110 §14.2: it MUST \
                      ignore such a Range",
            }],
        ),
        case(
            "ServeDir range unit in upper case",
            "GET",
            "/static/hello.txt",
            &[("range", "BYTES=0-4")],
            "",
            416,
            &[Pin {
                rule: Rule::RANGE_NOT_SATISFIABLE_FOR_SATISFIABLE_RANGE,
                versions: ALL,
                why: "tower-http 0.7.1 `ServeDir` compares the range unit case-sensitively and \
                      rejects `BYTES=0-4` with 416; RFC 9110 §14.1: range units are \
                      case-insensitive, so the range was satisfiable",
            }],
        ),
        case(
            "ServeDir missing file",
            "GET",
            "/static/missing.txt",
            &[],
            "",
            404,
            &[],
        ),
        case(
            "ServeDir POST",
            "POST",
            "/static/hello.txt",
            &[],
            "",
            405,
            &[],
        ),
        case(
            "ServeDir directory without slash",
            "GET",
            "/static/sub",
            &[],
            "",
            307,
            &[],
        ),
        case(
            "ServeDir directory index",
            "GET",
            "/static/sub/",
            &[],
            "",
            200,
            &[],
        ),
    ]
}

fn owned(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

/// The rules found for one exchange.
fn found(recorder: &Recorder) -> BTreeSet<Rule> {
    let taken = recorder.take();
    // Findings the framework caused name it (a `Culprit`); a handler's or a layer's name none.
    for violation in &taken {
        let expected = FRAMEWORK
            .iter()
            .find(|(rule, _)| *rule == violation.rule())
            .map(|(_, culprit)| *culprit);
        assert_eq!(violation.culprit(), expected, "{violation}");
    }
    taken.into_iter().map(|v| v.rule()).collect()
}

/// The rules whose pinned findings on these components the framework caused, and its name.
const FRAMEWORK: &[(Rule, Culprit)] = &[
    // axum 0.8.9's `content-length: 0` on an empty 204, sent by hyper over HTTP/2.
    (Rule::FORBIDDEN_CONTENT_LENGTH, Culprit::AxumContentLength),
];

/// Sends every case over every version; returns the mismatches, the number of exchanges and
/// the number of findings.
async fn run_cases(
    addr: SocketAddr,
    recorder: &Recorder,
    cases: Vec<Case>,
) -> (Vec<String>, usize, usize) {
    run_cases_with(addr, recorder, cases, |_, _| BTreeSet::new()).await
}

/// [`run_cases`], with `extra(case, reply)` added to each exchange's pinned findings.
async fn run_cases_with(
    addr: SocketAddr,
    recorder: &Recorder,
    cases: Vec<Case>,
    extra: impl Fn(&Case, &Reply) -> BTreeSet<Rule>,
) -> (Vec<String>, usize, usize) {
    let mut failures = Vec::new();
    let (mut exchanges, mut findings) = (0, 0);
    for case in cases {
        for &version in ALL {
            let reply = send(
                addr,
                version,
                case.method,
                case.target,
                &case.fields,
                case.content,
            )
            .await;
            exchanges += 1;
            // Stream-time findings are reported while the body is sent; the reply is complete.
            let got = found(recorder);
            findings += got.len();
            let mut want: BTreeSet<Rule> = case
                .pins
                .iter()
                .filter(|pin| pin.versions.contains(&version))
                .map(|pin| pin.rule)
                .collect();
            want.extend(extra(&case, &reply));
            // `REPORT=1 cargo test --all-features --test all -- real_components:: --nocapture` lists every finding.
            if std::env::var_os("REPORT").is_some() {
                eprintln!(
                    "REPORT\t{}\t{version:?}\t{}\t{got:?}",
                    case.name, reply.status
                );
            }
            if reply.status != case.status {
                failures.push(format!(
                    "{} over {version:?}: status {} (expected {})",
                    case.name, reply.status, case.status
                ));
            }
            if case.method == "HEAD" && !reply.body.is_empty() {
                failures.push(format!(
                    "{} over {version:?}: content in a HEAD response",
                    case.name
                ));
            }
            if got != want {
                let missing: Vec<_> = case
                    .pins
                    .iter()
                    .filter(|pin| want.contains(&pin.rule) && !got.contains(&pin.rule))
                    .map(|pin| format!("{}: {}", pin.rule, pin.why))
                    .collect();
                failures.push(format!(
                    "{} over {version:?} ({} {}): found {got:?}, pinned {want:?}; missing: {missing:?}",
                    case.name, case.method, reply.status
                ));
            }
        }
    }
    (failures, exchanges, findings)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_components_produce_exactly_the_pinned_findings() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;
    let (failures, exchanges, findings) = run_cases(addr, &recorder, cases()).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{exchanges} exchanges, {findings} findings, all pinned");
}

/// `ServeDir` with the validators it sends: conditional and `If-Range` requests built from them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn servedir_validators() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;
    let first = send(addr, Version::Http11, "GET", "/static/hello.txt", &[], "").await;
    let etag = first
        .header("etag")
        .expect("ServeDir sends ETag")
        .to_owned();
    let modified = first
        .header("last-modified")
        .expect("ServeDir sends Last-Modified")
        .to_owned();
    assert!(found(&recorder).is_empty());
    let case = |name, fields: Vec<(&str, String)>, status, pins| Case {
        name,
        method: "GET",
        target: "/static/hello.txt",
        fields: fields.into_iter().map(|(n, v)| (n.to_owned(), v)).collect(),
        content: "",
        status,
        pins,
    };
    const EXTRA_METADATA: Pin = Pin {
        rule: Rule::PARTIAL_CONTENT_IF_RANGE_EXTRA_METADATA,
        versions: ALL,
        why: "tower-http 0.7.1 `ServeDir` sends Content-Type on a 206 to an If-Range request; \
              RFC 9110 §15.3.7: the sender SHOULD NOT generate representation fields beyond \
              those required, the client has them already",
    };
    let cases = vec![
        case(
            "If-None-Match with the current tag",
            vec![("if-none-match", etag.clone())],
            304,
            &[],
        ),
        case(
            "If-None-Match with another tag",
            vec![("if-none-match", "\"old\"".into())],
            200,
            &[],
        ),
        case(
            "If-None-Match with the current tag on a second line",
            vec![
                ("if-none-match", "\"old\"".into()),
                ("if-none-match", etag.clone()),
            ],
            200,
            &[Pin {
                rule: Rule::IF_NONE_MATCH_IGNORED,
                versions: ALL,
                why: "tower-http 0.7.1 `ServeDir` reads only the first If-None-Match field line; \
                      RFC 9110 §5.3 makes both lines one list, which matches the current tag, \
                      so §13.1.2 requires 304",
            }],
        ),
        case(
            "If-Modified-Since equal to Last-Modified",
            vec![("if-modified-since", modified.clone())],
            304,
            &[],
        ),
        case(
            "If-Match with another tag",
            vec![("if-match", "\"old\"".into())],
            412,
            &[],
        ),
        case(
            "If-Range with the current tag",
            vec![("range", "bytes=0-4".into()), ("if-range", etag.clone())],
            206,
            &[EXTRA_METADATA],
        ),
        case(
            "If-Range with the current date",
            vec![
                ("range", "bytes=0-4".into()),
                ("if-range", modified.clone()),
            ],
            206,
            &[EXTRA_METADATA],
        ),
        case(
            "If-Range with another tag",
            vec![
                ("range", "bytes=0-4".into()),
                ("if-range", "\"old\"".into()),
            ],
            206,
            &[
                Pin {
                    rule: Rule::PARTIAL_CONTENT_IF_RANGE_MISMATCH,
                    versions: ALL,
                    why:
                        "tower-http 0.7.1 `ServeDir` does not evaluate If-Range: a tag that is not \
                      the current ETag still gets 206; RFC 9110 §13.1.5: the server MUST ignore \
                      Range then and send the whole representation",
                },
                EXTRA_METADATA,
            ],
        ),
    ];
    let (failures, _, _) = run_cases(addr, &recorder, cases).await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ===== WebSocket =====

/// A completed handshake with a real WebSocket client (tokio-tungstenite) over HTTP/1.1, and a
/// message echoed through the upgraded connection.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_over_http11_with_a_real_client() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;
    let stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(format!(
            "ws://{addr}/ws"
        ))
        .unwrap();
    request
        .headers_mut()
        .insert("sec-websocket-protocol", "superchat, chat".parse().unwrap());
    let (mut socket, response) = tokio_tungstenite::client_async(request, stream)
        .await
        .expect("the handshake completes");
    assert_eq!(response.status(), 101);
    assert_eq!(response.headers()["sec-websocket-protocol"], "chat");
    socket
        .send(tokio_tungstenite::tungstenite::Message::text("ping"))
        .await
        .unwrap();
    let echoed = socket.next().await.unwrap().unwrap();
    assert_eq!(echoed.into_text().unwrap().as_str(), "ping");
    assert_eq!(found(&recorder), BTreeSet::new());
}

/// The same upgrade asked over HTTP/1.0, which has no 101 (RFC 9110 §15.2, §7.8).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_over_http10() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;
    let mut conn = RawConn::connect(addr).await;
    conn.send(
        "GET /ws HTTP/1.0\r\nhost: localhost\r\nconnection: upgrade\r\nupgrade: websocket\r\n\
         sec-websocket-version: 13\r\nsec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
    )
    .await;
    let reply = conn.read_response(false).await;
    // axum 0.8.9 refuses it with 426 (hyper records no upgrade for HTTP/1.0), but without the
    // Upgrade field RFC 9110 §15.5.22 requires in a 426 ("The server MUST send an Upgrade
    // header field in a 426 response to indicate the required protocol(s)").
    assert_eq!(reply.status(), 426, "{reply:?}");
    assert_eq!(reply.header("upgrade"), None);
    assert_eq!(
        found(&recorder),
        BTreeSet::from([Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE])
    );
}

/// WebSocket over HTTP/2 with extended CONNECT (RFC 8441): axum answers 200.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn websocket_over_http2_extended_connect() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (client, connection) = h2::client::handshake(tcp).await.unwrap();
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.unwrap();
    // The server's SETTINGS arrive with the first exchange; wait for them.
    for _ in 0..100 {
        if client.is_extended_connect_protocol_enabled() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        client = client.ready().await.unwrap();
    }
    assert!(
        client.is_extended_connect_protocol_enabled(),
        "axum::serve enables RFC 8441"
    );
    let mut request = Request::builder()
        .method(Method::CONNECT)
        .uri("http://localhost/ws")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-protocol", "chat")
        .body(())
        .unwrap();
    request
        .extensions_mut()
        .insert(h2::ext::Protocol::from_static("websocket"));
    let (response, _send) = client.send_request(request, false).unwrap();
    let response = tokio::time::timeout(Duration::from_secs(5), response)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["sec-websocket-protocol"], "chat");
    assert_eq!(found(&recorder), BTreeSet::new());
}

// ===== gRPC =====

/// A gRPC message: the 5-byte prefix (uncompressed, length) and the bytes.
fn grpc_frame(message: &[u8]) -> Bytes {
    let mut frame = Vec::with_capacity(5 + message.len());
    frame.push(0);
    frame.extend_from_slice(&u32::try_from(message.len()).unwrap().to_be_bytes());
    frame.extend_from_slice(message);
    Bytes::from(frame)
}

fn grpc_request() -> Request<()> {
    Request::builder()
        .method(Method::POST)
        .uri("http://localhost/echo.Echo/Say")
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .unwrap()
}

/// tonic's answer reaches the client unchanged: the message, and `grpc-status` in trailers (or,
/// for an error before any message, in the head).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tonic_grpc_status_reaches_the_client_unchanged() {
    let recorder = Recorder::default();
    let addr = serve(&recorder).await;

    let ok = h2_exchange(addr, grpc_request(), Some(grpc_frame(b"hello")))
        .await
        .unwrap();
    assert_eq!(ok.parts.status, 200);
    assert_eq!(ok.parts.headers["content-type"], "application/grpc");
    assert_eq!(ok.body, grpc_frame(b"hello"));
    let trailers = ok.trailers.expect("gRPC status travels in trailers");
    assert_eq!(trailers["grpc-status"], "0");
    assert_eq!(found(&recorder), BTreeSet::new());

    let error = h2_exchange(addr, grpc_request(), Some(grpc_frame(b"")))
        .await
        .unwrap();
    assert_eq!(error.parts.status, 200);
    let status = error
        .parts
        .headers
        .get("grpc-status")
        .or_else(|| error.trailers.as_ref().and_then(|t| t.get("grpc-status")))
        .expect("grpc-status in the head or the trailers");
    assert_eq!(status, "3", "INVALID_ARGUMENT");
    assert_eq!(found(&recorder), BTreeSet::new());
}

/// The same exchanges with every opt-in rule turned on as well. The only additional finding is
/// `error-without-explanation`, exactly on the 4xx answers that reached the client with no
/// content (RFC 9110 §15.5: the server SHOULD send an explanation): axum's 405 and 404,
/// tower-http's 401, 406, 408 and 416, `ServeDir`'s 404 and 405. `ok-without-validator` stays
/// silent on the JSON API (no validator is shown to be available) and on `ServeDir` (it sends
/// both validators).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn opt_in_rules_on_real_components() {
    let everything = Rule::ALL
        .iter()
        .fold(StatusConformanceLayer::observe(), |layer, &rule| {
            layer.action(rule, tower_status_conformance::Action::Log)
        });
    let recorder = Recorder::default();
    let addr = serve_with(everything, &recorder).await;
    let (failures, _, _) = run_cases_with(addr, &recorder, cases(), |case, reply| {
        let empty_error = reply.status >= 400 && reply.body.is_empty() && case.method != "HEAD";
        empty_error
            .then_some(Rule::ERROR_WITHOUT_EXPLANATION)
            .into_iter()
            .collect()
    })
    .await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A sweep of the same app over the wire (its endless `/sse` and the gRPC endpoint left out),
/// and of `ServeDir` served by hyper alone: the single-exchange findings pinned above, and the
/// real violations that only the sweep's other methods and comparisons show.
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sweep_of_real_components_finds_exactly_the_pinned_violations() {
    use tower_status_conformance::sweep::Sweep;

    let addr = crate::support::wire::spawn_hyper(app(static_dir())).await;
    // A test instance: the unsafe methods are sent too.
    let report = Sweep::new()
        .unsafe_methods(true)
        .targets([
            "/api/items",
            "/api/items/1",
            "/api/search",
            "/json-only",
            "/bearer",
            "/basic",
            "/upload",
            "/panic",
            "/static/hello.txt",
            "/static/sub/",
            "/static/missing",
            "/ws",
            "/slow",
        ])
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    let found: BTreeSet<(&str, &str)> = report
        .groups()
        .map(|group| (group.rule().id(), group.route().unwrap()))
        .collect();
    let cors_routes = ["/api/items", "/api/items/1", "/api/search"];
    let mut expected: BTreeSet<(&str, &str)> = [
        // Pinned above: `ValidateRequestHeaderLayer::bearer` (tower-http 0.7.1), `ServeDir`
        // with `Range: <unknown unit>`. axum's `Json` rejection (a 415) answers the sweep's
        // POST, which carries content without `Content-Type`: a correct refusal, not the
        // `unsupported-media-type-without-content` that a request with no content at all
        // (the sweep's probe before) drew.
        ("unauthorized-without-challenge", "/bearer"),
        ("range-not-satisfiable-unknown-unit", "/static/hello.txt"),
        ("range-not-satisfiable-unknown-unit", "/static/sub/"),
        // Pinned above: tower-http's `TimeoutLayer` answers the slow GET (and HEAD) with 408.
        ("request-timeout-for-complete-request", "/slow"),
        // `ServeDir` (tower-http 0.7.1) answers the sweep's two ranges (the first and the last
        // octet) with a 416 whose content, "Cannot serve multipart range requests", goes
        // without `Content-Type` (it removes the field). RFC 9110 §14.2: for a valid,
        // satisfiable range set "the server SHOULD send a 206 (Partial Content) response"; a
        // 416 is for none satisfiable or "an excessive number of small or overlapping ranges"
        // (§15.5.17). §8.3: a sender of content "SHOULD generate a Content-Type header field".
        // Its `ignore_multi_range_requests(true)` answers with the 200 instead, which is
        // right (§14.2: "A server MAY ignore the Range header field").
        (
            "range-not-satisfiable-for-satisfiable-range",
            "/static/hello.txt",
        ),
        (
            "range-not-satisfiable-for-satisfiable-range",
            "/static/sub/",
        ),
        ("content-without-content-type", "/static/hello.txt"),
        ("content-without-content-type", "/static/sub/"),
    ]
    .into_iter()
    .collect();
    for route in cors_routes {
        // The sweep's finding: the same routes' 405s (axum's, to PATCH and the others) leave
        // OPTIONS out of `Allow` although OPTIONS gets a 200 there — RFC 9110 §15.5.6 wants
        // "the target resource's currently supported methods".
        expected.insert(("allow-omits-supported-method", route));
    }
    // axum 0.8.9 `WebSocketUpgrade` (`any(ws)`): its `MethodNotGet` rejection is a 405 without
    // `Allow` (RFC 9110 §15.5.6 MUST), to every method but GET — HEAD included, which therefore
    // gets 405 where GET (without the upgrade fields) gets 400 (RFC 9110 §9.3.2).
    expected.insert(("method-not-allowed-without-allow", "/ws"));
    expected.insert(("head-differs-from-get", "/ws"));
    assert_eq!(found, expected, "{report}");
    assert_eq!(report.requests(), Some(474), "requests sent");
    for group in report.groups() {
        if group.rule() == Rule::ALLOW_OMITS_SUPPORTED_METHOD {
            assert_eq!(
                group.example().detail(),
                Some("Allow leaves out OPTIONS, which did not get 405")
            );
        }
    }

    // `ServeDir` served by hyper alone, swept as a server that matters (safe methods only):
    // the unknown-unit 416 and its 416 to two ranges (above); with
    // `ignore_multi_range_requests(true)`, only the unknown-unit 416.
    let report = sweep_serve_dir(ServeDir::new(static_dir())).await;
    assert_eq!(
        rules_and_routes(&report),
        [
            ("content-without-content-type", "/hello.txt"),
            ("content-without-content-type", "/sub/"),
            ("range-not-satisfiable-unknown-unit", "/hello.txt"),
            ("range-not-satisfiable-unknown-unit", "/sub/"),
            ("range-not-satisfiable-for-satisfiable-range", "/hello.txt"),
            ("range-not-satisfiable-for-satisfiable-range", "/sub/"),
        ],
        "{report}"
    );
    assert!(report.safe_only());
    assert_eq!(report.requests(), Some(114), "requests sent to ServeDir");

    let report =
        sweep_serve_dir(ServeDir::new(static_dir()).ignore_multi_range_requests(true)).await;
    assert_eq!(
        rules_and_routes(&report),
        [
            ("range-not-satisfiable-unknown-unit", "/hello.txt"),
            ("range-not-satisfiable-unknown-unit", "/sub/"),
        ],
        "{report}"
    );
}

/// `serve_dir` served by hyper alone, swept over the wire with the safe methods.
#[cfg(feature = "client")]
async fn sweep_serve_dir(serve_dir: ServeDir) -> tower_status_conformance::Report {
    let addr = crate::support::wire::spawn_hyper(serve_dir).await;
    tower_status_conformance::sweep::Sweep::new()
        .targets(["/hello.txt", "/sub/", "/sub"])
        .run(crate::support::wire::client(addr))
        .await
        .unwrap()
}

/// `CompressionLayer` over `ServeDir` (tower-http 0.7.1), as apps serve their assets: the
/// gzip content goes out under the strong `ETag` `ServeDir` derives from the file, which names
/// the identity content — a real `strong-etag-shared-across-content-codings` (RFC 9110 §8.8.3:
/// a tag that is not unique across the resource's representations "MUST" be weak;
/// `compression/future.rs` touches `Content-Encoding`, `Content-Length` and `Accept-Ranges`
/// only). `ServeDir::precompressed_gzip` serves `page.txt.gz` under that file's own tag and is
/// clean.
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compression_over_serve_dir_shares_the_strong_tag_and_precompressed_files_do_not() {
    use std::io::Write;
    use tower::Layer;

    let dir = std::env::temp_dir().join(format!(
        "tower-status-conformance-coded-{}",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    // Above `CompressionLayer`'s default 32-octet floor.
    let page = HELLO.repeat(10);
    std::fs::write(dir.join("page.txt"), &page).unwrap();
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(page.as_bytes()).unwrap();
    std::fs::write(dir.join("page.txt.gz"), gzip.finish().unwrap()).unwrap();

    let sweep = |addr| async move {
        tower_status_conformance::sweep::Sweep::new()
            .versions([http::Version::HTTP_11])
            .target("/page.txt")
            .run(crate::support::wire::client(addr))
            .await
            .unwrap()
    };
    let compressed = CompressionLayer::new().layer(ServeDir::new(&dir));
    let report = sweep(crate::support::wire::spawn_hyper(compressed).await).await;
    assert!(
        rules_and_routes(&report)
            .contains(&("strong-etag-shared-across-content-codings", "/page.txt")),
        "{report}"
    );
    let group = report
        .groups()
        .find(|g| g.rule() == Rule::STRONG_ETAG_SHARED_ACROSS_CONTENT_CODINGS)
        .unwrap();
    assert_eq!(
        group.example().detail(),
        Some("GET with Accept-Encoding: gzip answered 200 in gzip, the plain GET's 200 in no coding, under the same strong ETag")
    );

    let precompressed = ServeDir::new(&dir).precompressed_gzip();
    let addr = crate::support::wire::spawn_hyper(precompressed).await;
    // The coded file is served, under its own tag.
    let mut tags = Vec::new();
    for coding in ["", "accept-encoding: gzip\r\n"] {
        let mut conn = crate::support::wire::RawConn::connect(addr).await;
        conn.send(&format!(
            "GET /page.txt HTTP/1.1\r\nhost: x\r\n{coding}connection: close\r\n\r\n"
        ))
        .await;
        let response = conn.read_response(false).await;
        assert_eq!(response.status(), 200);
        tags.push((
            response.header("content-encoding").map(str::to_owned),
            response.header("etag").unwrap().to_owned(),
        ));
    }
    assert_eq!(
        (tags[0].0.as_deref(), tags[1].0.as_deref()),
        (None, Some("gzip"))
    );
    assert_ne!(tags[0].1, tags[1].1);
    let report = sweep(addr).await;
    assert!(
        !rules_and_routes(&report)
            .iter()
            .any(|(rule, _)| *rule == "strong-etag-shared-across-content-codings"),
        "{report}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(feature = "client")]
fn rules_and_routes(report: &tower_status_conformance::Report) -> Vec<(&'static str, &str)> {
    report
        .groups()
        .map(|group| (group.rule().id(), group.route().unwrap()))
        .collect()
}
