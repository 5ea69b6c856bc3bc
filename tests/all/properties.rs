//! Properties over arbitrary exchanges: status 100..=999, standard and extension methods,
//! HTTP/0.9 to HTTP/3, header lines with duplicates, empty, non-UTF-8 and long values, and
//! bodies of every shape (empty, known size, unknown size, many frames, trailers, an error
//! mid-stream). `PROPTEST_CASES` sets the number of cases (256 by default here).

use std::{
    collections::{BTreeSet, VecDeque},
    convert::Infallible,
    fmt,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll},
};

use bytes::Bytes;
use futures_util::FutureExt;
use http::{
    header, HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode, Version,
};
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use proptest::prelude::*;
use tower::{service_fn, Layer, ServiceExt};
use tower_status_conformance::{
    check_all, Action, OnViolation, Rule, Scope, Stage, StatusConformanceLayer, Violation,
};

// ===== arbitrary exchanges =====

const NAMES: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "content-type",
    "content-encoding",
    "content-language",
    "content-range",
    "location",
    "allow",
    "etag",
    "last-modified",
    "expires",
    "cache-control",
    "upgrade",
    "connection",
    "keep-alive",
    "proxy-connection",
    "te",
    "proxy-authenticate",
    "www-authenticate",
    "retry-after",
    "strict-transport-security",
    "alt-svc",
    "accept-patch",
    "accept-ranges",
    "link",
    "expect",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
    "if-range",
    "range",
    "host",
    "accept",
    "access-control-request-method",
    "origin",
    "sec-websocket-key",
    "sec-websocket-protocol",
    "forwarded",
    "x-forwarded-proto",
    "x-other",
];

/// Values that mean something to some rule, plus arbitrary bytes.
fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"".to_vec()),
        Just(b"0".to_vec()),
        Just(b"5".to_vec()),
        Just(b"chunked".to_vec()),
        Just(b"max-age=60, public".to_vec()),
        Just(b"no-store".to_vec()),
        Just(b"\"v1\"".to_vec()),
        Just(b"W/\"v1\", *".to_vec()),
        Just(b"Sun, 06 Nov 1994 08:49:37 GMT".to_vec()),
        Just(b"Sunday, 06-Nov-94 08:49:37 GMT".to_vec()),
        Just(b"bytes=0-3, 5-".to_vec()),
        Just(b"bytes 0-3/10".to_vec()),
        Just(b"bytes */10".to_vec()),
        Just(b"GET, HEAD, POST".to_vec()),
        Just(b"websocket".to_vec()),
        Just(b"upgrade, keep-alive".to_vec()),
        Just(b"/elsewhere#frag".to_vec()),
        Just(b"100-continue".to_vec()),
        Just(b"https".to_vec()),
        Just(b"dGhlIHNhbXBsZSBub25jZQ==".to_vec()),
        Just(b"multipart/byteranges; boundary=x".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..64),
        proptest::collection::vec(
            prop_oneof![Just(b','), Just(b'"'), Just(b'a'), Just(0xe9u8)],
            0..2048
        ),
    ]
}

fn header_lines() -> impl Strategy<Value = Vec<(usize, Vec<u8>)>> {
    proptest::collection::vec((0..NAMES.len(), value()), 0..8)
}

fn headers(lines: &[(usize, Vec<u8>)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in lines {
        if let Ok(value) = HeaderValue::from_bytes(value) {
            map.append(HeaderName::from_static(NAMES[*name]), value);
        }
    }
    map
}

#[derive(Clone, Debug)]
enum Part {
    Data(Vec<u8>),
    Trailers(Vec<(usize, Vec<u8>)>),
    Error,
}

fn part() -> impl Strategy<Value = Part> {
    prop_oneof![
        6 => proptest::collection::vec(any::<u8>(), 0..300).prop_map(Part::Data),
        1 => header_lines().prop_map(Part::Trailers),
        1 => Just(Part::Error),
    ]
}

#[derive(Clone, Debug)]
struct Exchange {
    method: Method,
    version: Version,
    target: &'static str,
    request: Vec<(usize, Vec<u8>)>,
    status: u16,
    response: Vec<(usize, Vec<u8>)>,
    body: Vec<Part>,
    exact: bool,
}

fn exchange() -> impl Strategy<Value = Exchange> {
    let method = prop_oneof![
        Just(Method::GET),
        Just(Method::HEAD),
        Just(Method::POST),
        Just(Method::PUT),
        Just(Method::DELETE),
        Just(Method::CONNECT),
        Just(Method::OPTIONS),
        Just(Method::TRACE),
        Just(Method::PATCH),
        Just(Method::from_bytes(b"QUERY").unwrap()),
        Just(Method::from_bytes(b"M-SEARCH").unwrap()),
        Just(Method::from_bytes(b"A-VERY-LONG-EXTENSION-METHOD").unwrap()),
    ];
    let version = prop_oneof![
        Just(Version::HTTP_09),
        Just(Version::HTTP_10),
        Just(Version::HTTP_11),
        Just(Version::HTTP_2),
        Just(Version::HTTP_3),
    ];
    let target = prop_oneof![
        Just("/"), Just("/items/7?token=x"), Just("*"), Just("http://example.com/a"),
        Just("/elsewhere"), Just("https://example.com/elsewhere"), Just("/a/very/long/path/that/does/not/fit/in/the/inline/buffer/of/the/request/facts/at/all?q=1"),
    ];
    let status = prop_oneof![
        3 => prop_oneof![Just(101u16), Just(200), Just(204), Just(205), Just(206), Just(304),
            Just(301), Just(401), Just(405), Just(412), Just(416), Just(426), Just(429), Just(600)],
        2 => 100u16..=999,
    ];
    (
        (method, version, target, header_lines()),
        (
            status,
            header_lines(),
            proptest::collection::vec(part(), 0..6),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((method, version, target, request), (status, response, body, exact))| Exchange {
                method,
                version,
                target,
                request,
                status,
                response,
                body,
                exact,
            },
        )
}

#[derive(Debug, Clone, PartialEq)]
struct Failed;

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("body failed")
    }
}

impl std::error::Error for Failed {}

struct PropBody {
    frames: VecDeque<Result<Frame<Bytes>, Failed>>,
    exact: Option<u64>,
}

impl Body for PropBody {
    type Data = Bytes;
    type Error = Failed;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Failed>>> {
        Poll::Ready(self.frames.pop_front())
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        self.exact
            .map_or_else(SizeHint::default, SizeHint::with_exact)
    }
}

impl Exchange {
    fn request(&self) -> Request<String> {
        let mut request = Request::new(String::new());
        *request.method_mut() = self.method.clone();
        *request.version_mut() = self.version;
        *request.uri_mut() = self.target.parse().unwrap();
        *request.headers_mut() = headers(&self.request);
        request
    }

    fn response(&self) -> Response<PropBody> {
        let frames = self
            .body
            .iter()
            .map(|part| match part {
                Part::Data(data) => Ok(Frame::data(Bytes::copy_from_slice(data))),
                Part::Trailers(lines) => Ok(Frame::trailers(headers(lines))),
                Part::Error => Err(Failed),
            })
            .collect();
        let data: u64 = self
            .body
            .iter()
            .map(|p| {
                if let Part::Data(d) = p {
                    d.len() as u64
                } else {
                    0
                }
            })
            .sum();
        let clean = !self.body.iter().any(|p| matches!(p, Part::Error));
        // An exact size hint only when it is honest, as `http_body` requires.
        let exact = (self.exact && clean).then_some(data);
        let mut response = Response::new(PropBody { frames, exact });
        *response.status_mut() = StatusCode::from_u16(self.status).unwrap();
        *response.headers_mut() = headers(&self.response);
        response
    }
}

// ===== running it =====

#[derive(Clone, Default)]
struct Seen(Arc<Mutex<Vec<Violation>>>);

impl OnViolation for Seen {
    fn on_violation(&self, violation: &Violation) {
        self.0.lock().unwrap().push(violation.clone());
    }
}

/// What came out: status, headers, the body's bytes, trailers, or the body's error.
#[derive(Debug, PartialEq)]
struct Out {
    status: StatusCode,
    headers: HeaderMap,
    body: Result<(Bytes, Option<HeaderMap>), Failed>,
}

fn serve(layer: &StatusConformanceLayer, exchange: &Exchange) -> Out {
    let response = Mutex::new(Some(exchange.response()));
    let service = layer.layer(service_fn(move |_: Request<String>| {
        let response = response.lock().unwrap().take().unwrap();
        async move { Ok::<_, Infallible>(response) }
    }));
    let response = service
        .oneshot(exchange.request())
        .now_or_never()
        .unwrap()
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().now_or_never().unwrap().map(|collected| {
        let trailers = collected.trailers().cloned();
        (collected.to_bytes(), trailers)
    });
    Out {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

fn every_rule(action: Action, seen: &Seen) -> StatusConformanceLayer {
    let value = |v: &'static str| move |_: &Violation| Some(HeaderValue::from_static(v));
    Rule::ALL
        .iter()
        .fold(StatusConformanceLayer::new(), |layer, &rule| {
            layer.action(rule, action)
        })
        .log_limit(0)
        .allow_methods(value("GET, HEAD"))
        .challenge(value("Bearer"))
        .proxy_challenge(value("Basic"))
        .upgrade_protocols(value("h2c"))
        .accept_patch(value("application/json"))
        .on_violation(seen.clone())
}

const BODY_RULES: [Rule; 5] = [
    Rule::INFORMATIONAL_WITH_BODY,
    Rule::NO_CONTENT_WITH_BODY,
    Rule::RESET_CONTENT_WITH_BODY,
    Rule::NOT_MODIFIED_WITH_BODY,
    Rule::HEAD_RESPONSE_WITH_BODY,
];

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// No action but `Panic` panics, whatever comes in.
    #[test]
    fn never_panics_outside_the_panic_action(exchange in exchange()) {
        let _ = check_all(&exchange.request(), &exchange.response());
        for action in [Action::Allow, Action::Log, Action::Repair, Action::Reject] {
            let seen = Seen::default();
            serve(&every_rule(action, &seen), &exchange);
            serve(&StatusConformanceLayer::new().on_violation(seen.clone()), &exchange);
        }
    }

    /// A layer captures only what its enabled rules read of the request (each rule's `reads`
    /// in the registry): every rule, on its own, decides each exchange as it does with every
    /// rule on, when every request input is captured.
    #[test]
    fn each_rule_alone_decides_as_with_every_rule(exchange in exchange()) {
        let head_findings = |layer: StatusConformanceLayer, seen: &Seen| {
            serve(&layer.log_limit(0).on_violation(seen.clone()), &exchange);
            let seen = seen.0.lock().unwrap();
            seen.iter()
                .filter(|v| v.stage() == Stage::Head)
                .map(Violation::rule)
                .collect::<BTreeSet<Rule>>()
        };
        let every = Rule::ALL
            .iter()
            .fold(StatusConformanceLayer::new(), |layer, &rule| layer.action(rule, Action::Log));
        let all = head_findings(every, &Seen::default());
        for &rule in Rule::ALL.iter().filter(|rule| rule.scope() == Scope::Exchange) {
            let alone = StatusConformanceLayer::new()
                .default_action(Action::Allow)
                .action(rule, Action::Log);
            let alone = head_findings(alone, &Seen::default());
            prop_assert_eq!(
                alone.contains(&rule),
                all.contains(&rule),
                "`{}` alone decides otherwise",
                rule
            );
        }
    }

    /// `observe()` changes no status, header, byte, trailer or error.
    #[test]
    fn observe_changes_nothing(exchange in exchange()) {
        let seen = Seen::default();
        let bare = serve(&every_rule(Action::Allow, &seen), &exchange);
        let observed = serve(&StatusConformanceLayer::observe().on_violation(seen), &exchange);
        prop_assert_eq!(observed, bare);
    }

    /// Re-checking a repaired response finds no violation of a repaired rule and nothing new
    /// among the rules on by default; where the layer emptied or replaced the body,
    /// `Content-Length` matches the bytes produced.
    #[test]
    fn repairs_converge(exchange in exchange()) {
        // What the response breaks as the client would get it untouched (a body of unknown
        // size is judged by the bytes it turns out to have).
        let bare = serve(&every_rule(Action::Allow, &Seen::default()), &exchange);
        let Ok((bare_bytes, _)) = &bare.body else { return Ok(()) };
        let before: BTreeSet<Rule> = check_all(&exchange.request(), &{
            let mut response = Response::new(http_body_util::Full::new(bare_bytes.clone()));
            *response.status_mut() = bare.status;
            *response.headers_mut() = bare.headers.clone();
            response
        })
        .iter()
        .chain(check_all(&exchange.request(), &exchange.response()).iter())
        .collect();
        for action in [Action::Repair, Action::Reject] {
            let seen = Seen::default();
            let out = serve(&every_rule(action, &seen), &exchange);
            let seen = seen.0.lock().unwrap().clone();
            let Ok((bytes, _)) = out.body else { continue };

            let repaired: BTreeSet<Rule> = seen
                .iter()
                .filter(|v| v.action() == Action::Repair && v.stage() == Stage::Head)
                .map(Violation::rule)
                .collect();
            let rejected = seen.iter().any(|v| v.action() == Action::Reject);
            let mut response = Response::new(http_body_util::Full::new(bytes.clone()));
            *response.status_mut() = out.status;
            *response.headers_mut() = out.headers.clone();
            let after: BTreeSet<Rule> = check_all(&exchange.request(), &response).iter().collect();

            if !rejected {
                for rule in &repaired {
                    prop_assert!(!after.contains(rule), "`{}` still broken after its repair", rule);
                }
                let stream: BTreeSet<Rule> = seen.iter().filter(|v| v.stage() == Stage::Stream).map(Violation::rule).collect();
                let new: Vec<_> = after
                    .iter()
                    .filter(|r| !r.is_opt_in() && !before.contains(r) && !stream.contains(r))
                    .collect();
                prop_assert!(new.is_empty(), "repairs introduced {:?}", new);
            }

            let emptied = repaired.iter().any(|r| BODY_RULES.contains(r));
            let describes_body = exchange.method != Method::HEAD
                && !out.status.is_informational()
                && !matches!(out.status, StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED);
            if (emptied || rejected) && describes_body {
                if let Some(length) = out.headers.get(header::CONTENT_LENGTH) {
                    prop_assert_eq!(length.to_str().unwrap(), bytes.len().to_string());
                }
            }
        }
    }
}
