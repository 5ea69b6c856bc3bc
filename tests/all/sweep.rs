//! The sweep: every sweep rule's example and near miss, an app with one planted defect per sweep
//! rule beside conforming neighbours (through `oneshot` and through a real hyper server), a
//! conforming app that stays silent, and the bound on the requests sent.

use std::{collections::BTreeMap, convert::Infallible};

use http::{Method, Request, Response, Version};
use tower::service_fn;
use tower_status_conformance::{
    sweep::{Sweep, Target},
    Report, Rule, Scope,
};

/// The fields whose presence picks which exchange of an example answers a request.
const PROBE_FIELDS: [&str; 6] = [
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
    "if-match",
    "range",
    "accept-encoding",
];

fn probe_fields<B>(request: &Request<B>) -> Vec<&'static str> {
    PROBE_FIELDS
        .into_iter()
        .filter(|name| request.headers().contains_key(*name))
        .collect()
}

/// Sweeps a service, in the HTTP version of `text`'s first exchange, that answers the requests
/// of `text`'s exchanges (split at `~~~`) as they say, GET and HEAD otherwise with a plain 200, and every other method with 404.
async fn sweep_example(text: &'static str) -> Report {
    let exchanges: Vec<&'static str> = text.split("\n~~~\n").collect();
    let path = text.split(' ').nth(1).unwrap().to_owned();
    let version = crate::support::exchange::parse(text.split("\n~~~\n").next().unwrap())
        .request
        .version();
    let app = service_fn(move |request: Request<String>| {
        let exchanges = exchanges.clone();
        async move {
            for &exchange in &exchanges {
                let parsed = crate::support::exchange::parse(exchange);
                let wanted = probe_fields(&parsed.request);
                // The sweep sends every unsafe method with `If-Match`; an example that does not
                // name it answers them all the same. (A GET's `If-Match` is a probe of its own.)
                let mut sent = probe_fields(&request);
                let safe = [Method::GET, Method::HEAD].contains(request.method());
                sent.retain(|name| *name != "if-match" || safe || wanted.contains(name));
                if parsed.request.method() == request.method() && wanted == sent {
                    return Ok::<_, Infallible>(parsed.response);
                }
            }
            let fallback = match *request.method() {
                Method::GET => "GET / HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nother",
                Method::HEAD => "HEAD / HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\n",
                _ => "PUT / HTTP/1.1\n\n501 Not Implemented\ncontent-type: text/plain\n\nno",
            };
            Ok(crate::support::exchange::parse(fallback).response)
        }
    });
    Sweep::new()
        .versions([version])
        .unsafe_methods(true)
        .target(path)
        .run(app)
        .await
        .unwrap()
}

fn rules(report: &Report) -> Vec<Rule> {
    report.groups().map(|group| group.rule()).collect()
}

#[tokio::test]
async fn every_sweep_rule_has_an_example_it_flags_and_a_near_miss_it_does_not() {
    let sweep_rules: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|rule| rule.scope() == Scope::Sweep)
        .collect();
    assert_eq!(sweep_rules.len(), 25);
    for rule in sweep_rules {
        let flagged = sweep_example(rule.example()).await;
        assert!(
            rules(&flagged).contains(&rule),
            "`{rule}`: example not flagged:\n{flagged}"
        );
        let group = flagged.groups().find(|g| g.rule() == rule).unwrap();
        assert_eq!(group.count(), 1, "`{rule}` reported once per target");
        assert!(group.example().detail().is_some());
        let passed = sweep_example(rule.near_miss()).await;
        assert!(
            !rules(&passed).contains(&rule),
            "`{rule}`: near miss flagged:\n{passed}"
        );
    }
}

/// The layer never reports a sweep rule, whatever its action says.
#[tokio::test]
async fn the_layer_ignores_sweep_rules() {
    use tower::{Layer, ServiceExt};
    use tower_status_conformance::{Action, StatusConformanceLayer, Violations};

    let layer = StatusConformanceLayer::strict().action(Rule::HEAD_DIFFERS_FROM_GET, Action::Panic);
    let service = layer.layer(service_fn(|_: Request<String>| async {
        Ok::<_, Infallible>(Response::new(String::new()))
    }));
    let response = service
        .oneshot(Request::head("/").body(String::new()).unwrap())
        .await
        .unwrap();
    assert!(response.extensions().get::<Violations>().is_none());
}

/// Which rules fired on which target, for comparing whole reports.
pub(crate) fn findings(report: &Report) -> BTreeMap<String, Vec<&'static str>> {
    let mut out: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    for group in report.groups() {
        out.entry(group.route().unwrap_or("(none)").to_owned())
            .or_default()
            .push(group.rule().id());
    }
    out
}

pub(crate) mod app {
    //! An axum app: conforming resources, and one route per planted defect, each breaking
    //! exactly one sweep rule.

    use axum::{
        body::Body,
        http::{header, HeaderMap, Method, Response, StatusCode},
        routing::{get, MethodRouter},
        Router,
    };

    pub(super) const CONTENT: &str = "hello, sweep";
    const ETAG: &str = "\"v1\"";
    const LAST_MODIFIED: &str = "Sun, 06 Nov 1994 08:49:37 GMT";

    /// What a resource gets wrong.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub(super) enum Defect {
        None,
        HeadFields,
        HeadLength,
        NotModifiedFields,
        NotModifiedLength,
        IfMatchIgnored,
        RangeLength,
        RangeContent,
        RangeFields,
        RangeUnit,
        IfNoneMatchIgnored,
        IfModifiedSinceIgnored,
        IfUnmodifiedSinceIgnored,
        IfUnmodifiedSinceBesideIfMatch,
        ReprDigest,
        MultipartWithoutBoundary,
        PartWithoutContentRange,
        PartsOutOfOrder,
        PartWithoutType,
        IfMatchAnyRefused,
        EtagAcrossCodings,
    }

    /// [`CONTENT`] in the gzip coding (RFC 1952, no timestamp), as Python's `gzip.compress`
    /// writes it.
    const CONTENT_GZIP: [u8; 32] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 203, 72, 205, 201, 201, 215, 81, 40, 46, 79, 77, 45, 0, 0,
        75, 113, 247, 77, 12, 0, 0, 0,
    ];

    /// `Repr-Digest` of [`CONTENT`] (RFC 9530 §3), and a wrong one.
    const REPR_DIGEST: &str = "sha-256=:MLrA79ephX3nT5QNpgwZaQHrmxqt9rcjkCj44MzbbPc=:";
    const WRONG_REPR_DIGEST: &str = "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:";

    fn respond(
        status: StatusCode,
        fields: &[(header::HeaderName, &str)],
        body: &str,
    ) -> Response<Body> {
        let mut response = Response::builder().status(status);
        for (name, value) in fields {
            response = response.header(name, *value);
        }
        response.body(Body::from(body.to_owned())).unwrap()
    }

    /// A text resource with validators, conditional requests and single byte ranges.
    pub(super) fn resource(defect: Defect) -> MethodRouter {
        let read = move |method: Method, headers: HeaderMap| async move {
            read(defect, &method, &headers)
        };
        let write = move |headers: HeaderMap| async move {
            let matches = headers
                .get(header::IF_MATCH)
                .map_or(true, |tag| tag == ETAG || tag == "*");
            if matches || defect == Defect::IfMatchIgnored {
                respond(StatusCode::NO_CONTENT, &[], "")
            } else {
                let text = [(header::CONTENT_TYPE, "text/plain")];
                respond(StatusCode::PRECONDITION_FAILED, &text, "changed meanwhile")
            }
        };
        get(read).put(write)
    }

    fn read(defect: Defect, method: &Method, headers: &HeaderMap) -> Response<Body> {
        let len = CONTENT.len();
        let wrong = |defective: Defect, right: usize| if defect == defective { 99 } else { right };
        let text = (header::CONTENT_TYPE, "text/plain");
        let (etag, modified) = ((header::ETAG, ETAG), (header::LAST_MODIFIED, LAST_MODIFIED));
        let cache = (header::CACHE_CONTROL, "max-age=60");

        // RFC 9110 §13.2.2, step 1: `If-Match` decides alone when it is there.
        if let Some(tags) = headers.get(header::IF_MATCH) {
            let any = tags == "*" && defect != Defect::IfMatchAnyRefused;
            if tags != ETAG && !any {
                return respond(
                    StatusCode::PRECONDITION_FAILED,
                    &[text],
                    "changed meanwhile",
                );
            }
        }
        // Step 2, only without `If-Match`: a representation modified after the date fails the
        // request.
        let evaluated = !headers.contains_key(header::IF_MATCH)
            || defect == Defect::IfUnmodifiedSinceBesideIfMatch;
        let modified_since = headers
            .get(header::IF_UNMODIFIED_SINCE)
            .and_then(|date| httpdate::parse_http_date(date.to_str().ok()?).ok())
            .is_some_and(|date| date < httpdate::parse_http_date(LAST_MODIFIED).unwrap());
        if evaluated && modified_since && defect != Defect::IfUnmodifiedSinceIgnored {
            return respond(StatusCode::PRECONDITION_FAILED, &[text], "modified since");
        }
        let not_modified = match headers.get(header::IF_NONE_MATCH) {
            Some(tags) => {
                tags.to_str().unwrap_or("").contains(ETAG) && defect != Defect::IfNoneMatchIgnored
            }
            None => {
                headers
                    .get(header::IF_MODIFIED_SINCE)
                    .is_some_and(|date| date == LAST_MODIFIED)
                    && defect != Defect::IfModifiedSinceIgnored
            }
        };
        if not_modified {
            let mut fields = vec![etag];
            if defect != Defect::NotModifiedFields {
                fields.push(cache);
            }
            if defect == Defect::NotModifiedLength {
                fields.push((header::CONTENT_LENGTH, "3"));
            }
            return respond(StatusCode::NOT_MODIFIED, &fields, "");
        }

        // The content in gzip under the identity content's strong tag.
        let gzip = headers
            .get(header::ACCEPT_ENCODING)
            .is_some_and(|codings| codings.to_str().unwrap_or("").contains("gzip"));
        if gzip && defect == Defect::EtagAcrossCodings && !headers.contains_key(header::RANGE) {
            let mut response = respond(
                StatusCode::OK,
                &[
                    text,
                    etag,
                    modified,
                    cache,
                    (header::CONTENT_ENCODING, "gzip"),
                    (header::VARY, "accept-encoding"),
                ],
                "",
            );
            *response.body_mut() = Body::from(&CONTENT_GZIP[..]);
            return response;
        }

        if let Some(set) = headers
            .get(header::RANGE)
            .and_then(|r| r.to_str().ok()?.strip_prefix("bytes="))
            .filter(|set| set.contains(','))
        {
            return multipart(defect, set);
        }
        if let Some(range) = headers.get(header::RANGE).and_then(|r| r.to_str().ok()) {
            match range.strip_prefix("bytes=").and_then(|r| r.split_once('-')) {
                Some((first, last)) => {
                    let first: usize = first.parse().unwrap();
                    if first >= len {
                        let unsatisfied = format!("bytes */{len}");
                        let fields = [text, (header::CONTENT_RANGE, unsatisfied.as_str())];
                        return respond(StatusCode::RANGE_NOT_SATISFIABLE, &fields, "out of range");
                    }
                    let last = last
                        .parse()
                        .map_or(len - 1, |last: usize| last.min(len - 1));
                    let part = if defect == Defect::RangeContent {
                        &CONTENT[..=last - first]
                    } else {
                        &CONTENT[first..=last]
                    };
                    let complete = wrong(Defect::RangeLength, len);
                    let content_range = format!("bytes {first}-{last}/{complete}");
                    let mut fields = vec![
                        text,
                        etag,
                        modified,
                        (header::CONTENT_RANGE, content_range.as_str()),
                    ];
                    if defect != Defect::RangeFields {
                        fields.push(cache);
                    }
                    // A 206 selects the representation its 200 does: the same digest, which
                    // the planted defect gets wrong.
                    let digest = if defect == Defect::ReprDigest {
                        WRONG_REPR_DIGEST
                    } else {
                        REPR_DIGEST
                    };
                    fields.push((header::HeaderName::from_static("repr-digest"), digest));
                    return respond(StatusCode::PARTIAL_CONTENT, &fields, part);
                }
                None if defect == Defect::RangeUnit => {
                    return respond(StatusCode::BAD_REQUEST, &[text], "bytes only");
                }
                // Any other unit is ignored (RFC 9110 §14.2).
                None => {}
            }
        }

        let repr_digest = (header::HeaderName::from_static("repr-digest"), REPR_DIGEST);
        let mut fields = vec![text, etag, modified, repr_digest];
        if !(defect == Defect::HeadFields && method == Method::HEAD) {
            fields.push(cache);
        }
        if defect == Defect::HeadLength && method == Method::HEAD {
            fields.push((header::CONTENT_LENGTH, "3"));
        }
        respond(StatusCode::OK, &fields, CONTENT)
    }

    /// The parts of [`CONTENT`] a range set of `first-last` ranges names, in the order asked
    /// (RFC 9110 §14.6, §15.3.7.2), but for the planted defect.
    fn multipart(defect: Defect, set: &str) -> Response<Body> {
        let len = CONTENT.len();
        let mut ranges: Vec<(usize, usize)> = set
            .split(',')
            .filter_map(|spec| {
                let (first, last) = spec.trim().split_once('-')?;
                Some((
                    first.parse().ok()?,
                    last.parse::<usize>().ok()?.min(len - 1),
                ))
            })
            .collect();
        if defect == Defect::PartsOutOfOrder {
            ranges.reverse();
        }
        let mut content = String::new();
        for (n, (first, last)) in ranges.into_iter().enumerate() {
            content += "--B\r\n";
            if defect != Defect::PartWithoutType {
                content += "Content-Type: text/plain\r\n";
            }
            if !(defect == Defect::PartWithoutContentRange && n == 1) {
                content += &format!("Content-Range: bytes {first}-{last}/{len}\r\n");
            }
            content += &format!("\r\n{}\r\n", &CONTENT[first..=last]);
        }
        content += "--B--\r\n";
        let content_type = if defect == Defect::MultipartWithoutBoundary {
            "multipart/byteranges"
        } else {
            "multipart/byteranges; boundary=B"
        };
        let fields = [
            (header::CONTENT_TYPE, content_type),
            (header::ETAG, ETAG),
            (header::LAST_MODIFIED, LAST_MODIFIED),
            (header::CACHE_CONTROL, "max-age=60"),
            (header::HeaderName::from_static("repr-digest"), REPR_DIGEST),
        ];
        respond(StatusCode::PARTIAL_CONTENT, &fields, &content)
    }

    fn not_allowed(allow: &'static str) -> impl Fn() -> std::future::Ready<Response<Body>> + Clone {
        move || {
            std::future::ready(respond(
                StatusCode::METHOD_NOT_ALLOWED,
                &[(header::ALLOW, allow)],
                "",
            ))
        }
    }

    async fn plain() -> &'static str {
        "plain"
    }

    /// axum 0.8.9 sets `content-length: 0` on every empty response (`set_content_length` in
    /// `routing/route.rs`), and hyper 1.x sends it over HTTP/2 on 204 and 304, where RFC 9110
    /// §8.6 forbids it (a real finding: `axum_304_over_http2_carries_content_length_0`). A
    /// conforming app removes it; the planted defects use other values.
    fn conforming_framing(mut response: Response<Body>) -> Response<Body> {
        let empty = matches!(
            response.status(),
            StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED
        );
        if empty
            && response
                .headers()
                .get(header::CONTENT_LENGTH)
                .is_some_and(|v| v == "0")
        {
            response.headers_mut().remove(header::CONTENT_LENGTH);
        }
        response
    }

    /// The app as served: the router with axum's `content-length: 0` removed from 204 and 304.
    pub(crate) fn served() -> tower::util::MapResponse<Router, fn(Response<Body>) -> Response<Body>>
    {
        tower::util::MapResponse::new(router(), conforming_framing as fn(_) -> _)
    }

    pub(super) fn router() -> Router {
        Router::new()
            // Conforming neighbours.
            .route("/doc", resource(Defect::None))
            .route(
                "/items",
                get(|| async { ([(header::CONTENT_TYPE, "application/json")], "[]") }).post(
                    || async {
                        (
                            StatusCode::CREATED,
                            [(header::LOCATION, "/items/1")],
                            "created",
                        )
                    },
                ),
            )
            .route("/plain", get(plain))
            .route(
                "/moved",
                get(|| async { axum::response::Redirect::permanent("/doc") }),
            )
            // One planted defect per sweep rule.
            .route("/head-fields", resource(Defect::HeadFields))
            .route("/head-length", resource(Defect::HeadLength))
            // PUT is routed but refuses; axum's own 405s list it.
            .route("/allow-lists", get(plain).put(not_allowed("GET, HEAD")))
            // DELETE works (and refuses a stale `If-Match`), but the 405 for everything else
            // leaves it out.
            .route(
                "/allow-omits",
                get(plain)
                    .delete(|headers: HeaderMap| async move {
                        if headers.contains_key(header::IF_MATCH) {
                            StatusCode::PRECONDITION_FAILED
                        } else {
                            StatusCode::NO_CONTENT
                        }
                    })
                    .fallback(not_allowed("GET, HEAD")),
            )
            // OPTIONS advertises POST; the 405s (axum's) do not.
            .route(
                "/options",
                get(plain).options(|| async {
                    (
                        StatusCode::NO_CONTENT,
                        [(header::ALLOW, "GET, HEAD, OPTIONS, POST")],
                    )
                }),
            )
            .route("/304-fields", resource(Defect::NotModifiedFields))
            .route("/304-length", resource(Defect::NotModifiedLength))
            .route("/if-match", resource(Defect::IfMatchIgnored))
            .route("/range-length", resource(Defect::RangeLength))
            .route("/range-content", resource(Defect::RangeContent))
            .route("/range-fields", resource(Defect::RangeFields))
            .route("/range-unit", resource(Defect::RangeUnit))
            .route("/inm-ignored", resource(Defect::IfNoneMatchIgnored))
            .route("/ims-ignored", resource(Defect::IfModifiedSinceIgnored))
            .route("/ius-ignored", resource(Defect::IfUnmodifiedSinceIgnored))
            .route(
                "/ius-beside-if-match",
                resource(Defect::IfUnmodifiedSinceBesideIfMatch),
            )
            .route("/repr-digest", resource(Defect::ReprDigest))
            .route(
                "/multipart-boundary",
                resource(Defect::MultipartWithoutBoundary),
            )
            .route("/part-range", resource(Defect::PartWithoutContentRange))
            .route("/parts-order", resource(Defect::PartsOutOfOrder))
            .route("/part-type", resource(Defect::PartWithoutType))
            .route("/if-match-any", resource(Defect::IfMatchAnyRefused))
            .route("/etag-coding", resource(Defect::EtagAcrossCodings))
            // Evaluates `If-Match` before it finds that there is nothing here.
            .route(
                "/412-first",
                get(|headers: HeaderMap| async move {
                    let text = [(header::CONTENT_TYPE, "text/plain")];
                    if headers.contains_key(header::IF_MATCH) {
                        (StatusCode::PRECONDITION_FAILED, text, "changed meanwhile")
                    } else {
                        (StatusCode::NOT_FOUND, text, "no such thing")
                    }
                }),
            )
            // Its 405s are problem details that say 400 (RFC 9457 §3.1.2).
            .route(
                "/problem",
                get(plain).fallback(|| async {
                    (
                        StatusCode::METHOD_NOT_ALLOWED,
                        [
                            (header::ALLOW, "GET, HEAD"),
                            (header::CONTENT_TYPE, "application/problem+json"),
                        ],
                        r#"{"title": "Method not allowed", "status": 400}"#,
                    )
                }),
            )
    }

    /// Each planted route and the one rule it breaks.
    pub(super) const PLANTED: &[(&str, &str)] = &[
        ("/head-fields", "head-differs-from-get"),
        ("/head-length", "head-content-length-differs-from-get"),
        ("/allow-lists", "allow-lists-method-answered-405"),
        ("/allow-omits", "allow-omits-supported-method"),
        ("/options", "options-allow-differs-from-405"),
        ("/304-fields", "not-modified-drops-fields"),
        ("/304-length", "not-modified-content-length-differs"),
        ("/if-match", "if-match-failed-but-performed"),
        ("/range-length", "range-length-differs-from-full"),
        ("/range-content", "partial-content-differs-from-full"),
        ("/range-fields", "partial-content-drops-fields"),
        ("/range-unit", "range-unknown-unit-not-ignored"),
        ("/repr-digest", "repr-digest-differs"),
        ("/problem", "problem-details-status-differs"),
        ("/ius-ignored", "if-unmodified-since-failed-but-performed"),
        ("/ius-beside-if-match", "if-unmodified-since-not-ignored"),
        ("/412-first", "precondition-not-ignored-for-non-success"),
        ("/multipart-boundary", "partial-content-multipart-malformed"),
        ("/part-range", "partial-content-part-without-content-range"),
        ("/parts-order", "partial-content-parts-out-of-order"),
        ("/part-type", "partial-content-part-type-differs"),
        ("/if-match-any", "precondition-failed-for-if-match-any"),
        ("/etag-coding", "strong-etag-shared-across-content-codings"),
        // Requirements of the sweep list that single-exchange rules judge on the replays.
        ("/inm-ignored", "if-none-match-ignored"),
        ("/ims-ignored", "if-modified-since-ignored"),
    ];

    pub(super) const CONFORMING: &[&str] = &["/doc", "/items", "/plain", "/moved"];
}

pub(crate) fn planted_sweep() -> Sweep {
    Sweep::new()
        .unsafe_methods(true)
        .targets(app::CONFORMING.iter().copied())
        .targets(app::PLANTED.iter().map(|(path, _)| *path))
}

pub(crate) fn expected() -> BTreeMap<String, Vec<&'static str>> {
    app::PLANTED
        .iter()
        .map(|(path, rule)| ((*path).to_owned(), vec![*rule]))
        .collect()
}

#[tokio::test]
async fn every_planted_defect_is_reported_once_through_oneshot() {
    let sweep = planted_sweep();
    let bound = sweep.max_requests();
    let report = sweep.run(app::served()).await.unwrap();
    assert_eq!(findings(&report), expected(), "{report}");
    // Per version: 20 to each of the 21 resources with a strong tag (`/doc` and the 20
    // planted `resource`s); 13 to each of 5 without (no replay, but the range pair) and 12 to
    // `/items`, whose 2 octets are too few for it; 10 to each of the 2 whose GET gets no 200
    // (one replay) — 517; three versions.
    assert_eq!(report.requests(), Some(1551));
    // 16 safe and 4 unsafe requests per target and version at most.
    assert_eq!(bound, 29 * 3 * 20);

    // Every group says what it found: a sweep rule what differed, a single-exchange rule the
    // request of the sweep it broke on — so that filtering to sweep rules loses nothing unsaid.
    let details: BTreeMap<&str, (&str, Version)> = report
        .groups()
        .map(|group| {
            let example = group.example();
            (
                group.rule().id(),
                (example.detail().unwrap(), example.version()),
            )
        })
        .collect();
    assert_eq!(
        details["if-none-match-ignored"],
        (
            "GET with If-None-Match: the ETag of the GET's 200",
            Version::HTTP_11
        )
    );
    assert_eq!(
        details["if-modified-since-ignored"],
        (
            "GET with If-Modified-Since: the Last-Modified of the GET's 200",
            Version::HTTP_11
        )
    );
    let text = report.to_string();
    assert!(
        text.contains("  sent: GET with If-None-Match: the ETag of the GET's 200\n"),
        "{text}"
    );
}

#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_planted_defect_is_reported_once_over_the_wire() {
    let addr = crate::support::wire::spawn_hyper(app::served()).await;
    let report = planted_sweep()
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    assert_eq!(findings(&report), expected(), "{report}");
}

#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conforming_app_is_silent_through_oneshot_and_over_the_wire() {
    let sweep = || {
        Sweep::new()
            .unsafe_methods(true)
            .targets(app::CONFORMING.iter().copied())
    };
    let addr = crate::support::wire::spawn_hyper(app::served()).await;
    for report in [
        sweep().run(app::served()).await.unwrap(),
        sweep()
            .run(crate::support::wire::client(addr))
            .await
            .unwrap(),
    ] {
        assert!(report.is_empty(), "{report}");
        // `/doc` gets every probe (20 per version); `/items` and `/plain` have no validator
        // to replay (12, and 13 with the range pair that `/items`'s 2 octets are too few
        // for); `/moved`'s GET gets a 308, replayed with a stale `If-Match` (10).
        assert_eq!(report.requests(), Some(3 * (20 + 12 + 13 + 10)));
        assert_eq!(
            report.to_string(),
            "sweep: 165 requests sent\nno status-code violation"
        );
        assert_eq!(
            report.to_json(),
            r#"{"requests":165,"safe_only":false,"interrupted":false,"violations":[],"rules":[],"counts":{"must":0,"should":0,"advisory":0}}"#
        );
    }
}

/// axum 0.8.9 + hyper 1.12: the empty 304 of a handler carries axum's `content-length: 0` to
/// HTTP/2 clients, while the 200 it stands in for has 12 octets (RFC 9110 §8.6). Over HTTP/1.x
/// hyper drops it, so only the HTTP/2 exchange is reported.
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_304_over_http2_carries_content_length_0() {
    let addr = crate::support::wire::spawn_hyper(app::router()).await;
    let report = Sweep::new()
        .target("/doc")
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    let groups: Vec<_> = report.groups().collect();
    assert_eq!(groups.len(), 1, "{report}");
    assert_eq!(groups[0].rule(), Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS);
    assert_eq!(groups[0].example().version(), Version::HTTP_2);
    assert_eq!(
        groups[0].example().detail(),
        Some("Content-Length 0 on the empty 304, 12 octets in the 200")
    );
    // Named as the framework's doing, apart from the handlers'.
    assert_eq!(
        groups[0].culprit(),
        Some(tower_status_conformance::Culprit::AxumContentLength)
    );
    let text = report.to_string();
    assert!(
        text.contains("caused by the framework, not by the handlers"),
        "{text}"
    );
    assert!(
        text.contains("  culprit: axum 0.8 adds `content-length: 0` to every empty response"),
        "{text}"
    );
    assert!(
        report
            .to_json()
            .contains(r#""culprit":{"component":"axum 0.8","what":"#),
        "{}",
        report.to_json()
    );
}

/// The report of a failing sweep, as text and JSON: grouped by rule and target, with the
/// requirement, the section and its link, the count, one exchange, the fields the rule is
/// about and what differed — never a field value.
#[tokio::test]
async fn a_failing_report_reads_as_documented() {
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .target("/304-fields")
        .run(app::served())
        .await
        .unwrap();
    assert_eq!(
        report.to_string(),
        "sweep: 16 requests sent, safe methods only (no POST, PUT, PATCH or DELETE)\n\
         1 status-code violation(s) in 1 group(s):\n\
         \n\
         `not-modified-drops-fields` (must, RFC 9110 §15.4.5 https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5) on /304-fields: 1 time(s)\n  \
         304 leaves out a field the 200 carries\n  \
         e.g. GET /304-fields HTTP/1.1 -> 304 Not Modified\n  \
         fields: cache-control (absent), content-location (absent), date (absent), etag, expires (absent), vary (absent)\n  \
         found: 304 leaves out cache-control\n"
    );
    assert_eq!(
        report.to_json(),
        concat!(
            r#"{"requests":16,"safe_only":true,"interrupted":false,"violations":[{"rule":"not-modified-drops-fields","requirement":"must","#,
            r#""spec":"RFC 9110 §15.4.5","url":"https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5","#,
            r#""summary":"304 leaves out a field the 200 carries","route":"/304-fields","count":1,"culprit":null,"#,
            r#""example":{"method":"GET","path":"/304-fields","version":"HTTP/1.1","status":304,"#,
            r#""fields":[{"name":"cache-control","present":false},{"name":"content-location","present":false},"#,
            r#"{"name":"date","present":false},"#,
            r#"{"name":"etag","present":true},{"name":"expires","present":false},"#,
            r#"{"name":"vary","present":false}],"detail":"304 leaves out cache-control","exchange":null}}],"#,
            r#""rules":[{"rule":"not-modified-drops-fields","requirement":"must","count":1,"framework":false,"routes":["/304-fields"]}],"#,
            r#""counts":{"must":1,"should":0,"advisory":0}}"#,
        )
    );
}

/// Sweeps one target of a service built from `answer` over HTTP/1.1, and returns the findings
/// of sweep rules as (rule, detail).
async fn sweep_one<F>(answer: F) -> Vec<(Rule, String)>
where
    F: Fn(&Method, &http::HeaderMap) -> Response<String> + Clone + Send + 'static,
{
    let app = service_fn(move |request: Request<String>| {
        let answer = answer.clone();
        async move { Ok::<_, Infallible>(answer(request.method(), request.headers())) }
    });
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .unsafe_methods(true)
        .target("/r")
        .run(app)
        .await
        .unwrap();
    report
        .groups()
        .filter(|group| group.rule().scope() == Scope::Sweep)
        .map(|group| (group.rule(), group.example().detail().unwrap().to_owned()))
        .collect()
}

fn text(status: u16, fields: &[(&str, &str)], body: &str) -> Response<String> {
    let mut response = Response::builder().status(status);
    for (name, value) in fields {
        response = response.header(*name, *value);
    }
    response.body(body.to_owned()).unwrap()
}

#[tokio::test]
async fn a_head_with_another_status_than_get_is_reported() {
    let found = sweep_one(|method, _| match *method {
        Method::GET => text(200, &[("content-type", "text/plain")], "hi"),
        Method::HEAD => text(404, &[("content-type", "text/plain")], ""),
        _ => text(405, &[("allow", "GET")], ""),
    })
    .await;
    assert_eq!(
        found,
        [(
            Rule::HEAD_DIFFERS_FROM_GET,
            "GET answered 200, HEAD 404".to_owned()
        )]
    );
}

/// Two ranges answered in parts that are right, but under a `Content-Range` of the whole
/// message as well (the layer's `partial-content-multipart-with-content-range`): the content
/// is parts, so it is not compared with the range that field names.
#[tokio::test]
async fn a_multipart_answer_with_a_content_range_of_its_own_is_read_as_parts() {
    let found = sweep_one(|method, headers| {
        let tagged = [("content-type", "text/plain"), ("etag", "\"v1\"")];
        match (method.as_str(), headers.get("range").map(|r| r.to_str().unwrap())) {
            ("GET", Some("bytes=0-0,4-4")) => text(
                206,
                &[
                    ("content-type", "multipart/byteranges; boundary=B"),
                    ("content-range", "bytes 0-4/5"),
                    ("etag", "\"v1\""),
                ],
                "--B\r\ncontent-type: text/plain\r\ncontent-range: bytes 0-0/5\r\n\r\nh\r\n--B\r\ncontent-type: text/plain\r\ncontent-range: bytes 4-4/5\r\n\r\no\r\n--B--\r\n",
            ),
            ("GET", _) => text(200, &tagged, "hello"),
            ("HEAD", _) => text(200, &tagged, ""),
            _ => text(405, &[("allow", "GET, HEAD")], ""),
        }
    })
    .await;
    assert_eq!(found, []);
}

#[tokio::test]
async fn a_method_answered_412_is_supported_a_redirect_is_not() {
    // POST is routed (its stale `If-Match` gets 412), DELETE redirects (as a server may
    // redirect any method before routing it); the 405s list neither. Only POST is evidence.
    let found = sweep_one(|method, _| match *method {
        Method::GET | Method::HEAD => text(200, &[("content-type", "text/plain")], "hi"),
        Method::POST => text(412, &[("content-type", "text/plain")], "changed"),
        Method::DELETE => text(303, &[("location", "/elsewhere")], ""),
        _ => text(405, &[("allow", "GET, HEAD")], ""),
    })
    .await;
    assert_eq!(
        found,
        [(
            Rule::ALLOW_OMITS_SUPPORTED_METHOD,
            "Allow leaves out POST, which did not get 405".to_owned()
        )]
    );
}

/// A static handler that answers every method but PATCH with the unchanged file: PUT and
/// DELETE with a stale `If-Match` got a 200, but performed nothing — no
/// `if-match-failed-but-performed` — and their 200 is no evidence that the 405 to PATCH should
/// list them. What it does wrong is answer them as a GET.
#[tokio::test]
async fn a_method_answered_as_get_performed_nothing() {
    let found = sweep_one(|method, _| match *method {
        Method::PATCH => text(405, &[("allow", "GET, HEAD")], ""),
        Method::HEAD => text(
            200,
            &[("content-type", "text/plain"), ("etag", "\"f\"")],
            "",
        ),
        _ => text(
            200,
            &[("content-type", "text/plain"), ("etag", "\"f\"")],
            "file",
        ),
    })
    .await;
    let rules: Vec<Rule> = found.iter().map(|(rule, _)| *rule).collect();
    assert!(
        !rules.contains(&Rule::IF_MATCH_FAILED_BUT_PERFORMED),
        "{found:?}"
    );
    assert!(
        !rules.contains(&Rule::ALLOW_OMITS_SUPPORTED_METHOD),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            Rule::METHOD_ANSWERED_AS_GET,
            "TRACE, SWEEP, PUT, DELETE answered 200 with the GET's content, type and validators"
                .to_owned()
        )),
        "{found:?}"
    );
}

#[tokio::test]
async fn a_416_with_another_complete_length_is_reported() {
    let found = sweep_one(|method, headers| match (method, headers.get("range")) {
        (&Method::GET, Some(range)) if range.to_str().unwrap().starts_with("bytes=2-") => text(
            416,
            &[
                ("content-type", "text/plain"),
                ("content-range", "bytes */99"),
            ],
            "no",
        ),
        (&Method::GET | &Method::HEAD, _) => text(
            200,
            &[("content-type", "text/plain"), ("etag", "\"v1\"")],
            "hi",
        ),
        _ => text(405, &[("allow", "GET, HEAD")], ""),
    })
    .await;
    assert_eq!(
        found,
        [(
            Rule::RANGE_LENGTH_DIFFERS_FROM_FULL,
            "416 says 99 octets, the 200 has 2".to_owned()
        )]
    );
}

/// Content generated anew for each request, without validators: a HEAD whose `Content-Length`
/// is its own content's, and ranges of content that changed in between, are not violations.
#[tokio::test]
async fn content_generated_anew_is_not_compared() {
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };
    let calls = Arc::new(AtomicUsize::new(0));
    let app = service_fn(move |request: Request<String>| {
        let n = calls.fetch_add(1, Ordering::Relaxed);
        async move {
            // A body whose length changes from call to call.
            let body = "x".repeat(5 + n % 7);
            let length = body.len().to_string();
            let fields = [
                ("content-type", "text/plain"),
                ("content-length", length.as_str()),
            ];
            let bytes = |range: &http::HeaderValue| range.as_bytes().starts_with(b"bytes=");
            let response = match (request.method(), request.headers().get("range")) {
                (&Method::GET, Some(range)) if bytes(range) => {
                    let range = format!("bytes 0-0/{}", body.len() + 1);
                    text(
                        206,
                        &[("content-type", "text/plain"), ("content-range", &range)],
                        "y",
                    )
                }
                (&Method::GET, _) => text(200, &fields, &body),
                (&Method::HEAD, _) => text(200, &fields, ""),
                _ => text(405, &[("allow", "GET, HEAD")], ""),
            };
            Ok::<_, Infallible>(response)
        }
    });
    let report = Sweep::new().target("/now").run(app).await.unwrap();
    let sweep_findings: Vec<Rule> = report
        .groups()
        .map(|group| group.rule())
        .filter(|rule| rule.scope() == Scope::Sweep)
        .collect();
    assert_eq!(sweep_findings, [], "{report}");
}

/// A 304 without the `Date` its 200 has is not reported as hyper will send it (hyper adds
/// `Date` to every response); judged as received, it is.
#[tokio::test]
async fn date_is_compared_only_as_received() {
    let answer = |method: &Method, headers: &http::HeaderMap| {
        let date = ("date", "Sun, 06 Nov 1994 08:49:37 GMT");
        match (method, headers.get("if-none-match")) {
            (&Method::GET | &Method::HEAD, Some(_)) => text(304, &[("etag", "\"v1\"")], ""),
            (&Method::GET | &Method::HEAD, None) => text(
                200,
                &[("content-type", "text/plain"), ("etag", "\"v1\""), date],
                if method == Method::GET { "hi" } else { "" },
            ),
            _ => text(405, &[("allow", "GET, HEAD")], ""),
        }
    };
    assert_eq!(sweep_one(answer).await, []);

    let app = service_fn(move |request: Request<String>| async move {
        Ok::<_, Infallible>(answer(request.method(), request.headers()))
    });
    let layer = tower_status_conformance::StatusConformanceLayer::observe()
        .wire(tower_status_conformance::Wire::Received);
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .layer(layer)
        .target("/r")
        .run(app)
        .await
        .unwrap();
    let found: Vec<(Rule, Option<&str>)> = report
        .groups()
        .map(|group| (group.rule(), group.example().detail()))
        .collect();
    assert_eq!(
        found,
        [(Rule::NOT_MODIFIED_DROPS_FIELDS, Some("304 leaves out date"))],
        "{report}"
    );
}

/// An empty 304 with `Content-Length: 0` over HTTP/1.1: hyper would drop the field on its way
/// out, so through the app it is no finding; received from a server (no hyper between it and
/// the client), the field reached the client and says the 200 had no content (RFC 9110 §8.6).
#[tokio::test]
async fn an_empty_304_with_content_length_0_is_judged_as_received() {
    let answer =
        |method: &Method, headers: &http::HeaderMap| match (method, headers.get("if-none-match")) {
            (&Method::GET | &Method::HEAD, Some(_)) => {
                text(304, &[("etag", "\"v1\""), ("content-length", "0")], "")
            }
            (&Method::GET | &Method::HEAD, None) => text(
                200,
                &[("content-type", "text/plain"), ("etag", "\"v1\"")],
                if method == Method::GET { "hi" } else { "" },
            ),
            _ => text(405, &[("allow", "GET, HEAD")], ""),
        };
    let run = |wire| async move {
        let app = service_fn(move |request: Request<String>| async move {
            Ok::<_, Infallible>(answer(request.method(), request.headers()))
        });
        let report = Sweep::new()
            .versions([Version::HTTP_11])
            .layer(tower_status_conformance::StatusConformanceLayer::observe().wire(wire))
            .target("/r")
            .run(app)
            .await
            .unwrap();
        report
            .groups()
            .map(|group| group.rule())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(tower_status_conformance::Wire::Hyper).await, []);
    assert_eq!(
        run(tower_status_conformance::Wire::Received).await,
        [Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS]
    );
}

/// A declared method that gets an error other than 405 is supported; an undeclared one that
/// gets the same error is not judged.
#[tokio::test]
async fn declared_methods_count_as_supported_unless_refused() {
    let app = || {
        service_fn(|request: Request<String>| async move {
            let response = match *request.method() {
                Method::GET | Method::HEAD => text(200, &[("content-type", "text/plain")], "hi"),
                // The handler wants JSON content; the sweep sends none.
                Method::POST => text(415, &[("content-type", "text/plain")], "json only"),
                _ => text(405, &[("allow", "GET, HEAD")], ""),
            };
            Ok::<_, Infallible>(response)
        })
    };
    let sweep = |target: Target| Sweep::new().versions([Version::HTTP_11]).target(target);
    let declared = sweep(Target::new("/r").methods([
        Method::GET,
        Method::POST,
        Method::from_bytes(b"PURGE").unwrap(),
    ]))
    .run(app())
    .await
    .unwrap();
    let found: Vec<_> = declared
        .groups()
        .filter(|group| group.rule().scope() == Scope::Sweep)
        .map(|group| (group.rule(), group.example().detail().unwrap().to_owned()))
        .collect();
    assert_eq!(
        found,
        [(
            Rule::ALLOW_OMITS_SUPPORTED_METHOD,
            "Allow leaves out POST, which did not get 405".to_owned()
        )]
    );
    // Only POST among the unsafe methods was sent: 5 safe + 3 ranges + 1.
    assert_eq!(declared.requests(), Some(9));

    let undeclared = sweep(Target::new("/r")).run(app()).await.unwrap();
    assert!(
        undeclared
            .groups()
            .all(|group| group.rule().scope() == Scope::Exchange),
        "{undeclared}"
    );
}

/// A target that is not a valid request target is a clear error, not a panic.
#[tokio::test]
async fn an_invalid_target_is_an_error_naming_the_request() {
    let app = service_fn(|_: Request<String>| async {
        Ok::<_, Infallible>(text(200, &[("content-type", "text/plain")], "hi"))
    });
    let error = Sweep::new()
        .target("/has space")
        .run(app)
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("sweep request GET /has space HTTP/1.0 failed: "),
        "{message}"
    );
    assert!(std::error::Error::source(&error).is_some());
}

/// A resource that takes QUERY (RFC 10008): `strict` fails a QUERY without `Content-Type`
/// with 400, as §2 requires; otherwise it answers it as if the query were understood.
fn query_app(
    strict: bool,
) -> impl tower::Service<
    Request<String>,
    Response = Response<String>,
    Error = Infallible,
    Future = impl Send,
> + Clone {
    service_fn(move |request: Request<String>| async move {
        const ALLOW: &str = "GET, HEAD, OPTIONS, QUERY";
        let typed = request.headers().contains_key(http::header::CONTENT_TYPE);
        let response = match request.method().as_str() {
            "GET" | "HEAD" => Response::builder()
                .header("content-type", "text/csv")
                .header("accept-query", "application/sql")
                .body(
                    if request.method() == Method::GET {
                        "name\n"
                    } else {
                        ""
                    }
                    .to_owned(),
                ),
            "OPTIONS" => Response::builder()
                .status(204)
                .header("allow", ALLOW)
                .header("accept-query", "application/sql")
                .body(String::new()),
            "QUERY" if strict && !typed => Response::builder()
                .status(400)
                .header("content-type", "text/plain")
                .body("a QUERY needs a Content-Type".to_owned()),
            "QUERY" => Response::builder()
                .header("content-type", "text/csv")
                .body("name\n".to_owned()),
            _ => Response::builder()
                .status(405)
                .header("allow", ALLOW)
                .body(String::new()),
        };
        Ok::<_, Infallible>(response.unwrap())
    })
}

#[tokio::test]
async fn a_declared_query_is_sent_without_content_type_and_must_fail() {
    let target =
        || Target::new("/contacts").methods([Method::GET, Method::HEAD, "QUERY".parse().unwrap()]);
    let strict = Sweep::new()
        .target(target())
        .run(query_app(true))
        .await
        .unwrap();
    assert!(strict.is_empty(), "{strict}");
    // Per version: the 5 safe probes, the QUERY, four ranges (no validator to replay).
    assert_eq!(strict.requests(), Some(3 * 10));

    let lax = Sweep::new()
        .target(target())
        .run(query_app(false))
        .await
        .unwrap();
    let rules: Vec<Rule> = lax.groups().map(|g| g.rule()).collect();
    assert_eq!(rules, [Rule::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE], "{lax}");

    // Without the declaration no QUERY is sent: the sweep cannot know the target takes one.
    let undeclared = Sweep::new()
        .target("/contacts")
        .run(query_app(false))
        .await
        .unwrap();
    assert!(undeclared.is_empty(), "{undeclared}");
}

/// axum 0.8.9's `Json` extractor answers a request without `Content-Type: application/json`
/// with 415. The sweep's POST carries content (without a type), so that 415 is a correct
/// refusal and not `unsupported-media-type-without-content`, which a request with no content
/// at all would make it.
#[tokio::test]
async fn a_json_handler_refusing_the_probes_is_not_reported() {
    use axum::{routing::post, Json, Router};
    let app = Router::new().route(
        "/items",
        post(|Json(item): Json<serde_json::Value>| async move { Json(item) })
            .get(|| async { "items" }),
    );
    let report = Sweep::new()
        .target(Target::new("/items").methods([Method::GET, Method::POST]))
        .run(app)
        .await
        .unwrap();
    assert!(report.is_empty(), "{report}");
}

/// Without a validator, every GET of the sweep getting the same number of octets shows a
/// stable length, as for a HEAD's `Content-Length`: a 206 whose complete length is another is
/// reported. Its bytes are not compared (content generated anew may differ at equal length).
#[tokio::test]
async fn a_206_of_a_stable_length_without_validators_is_compared() {
    let app = |complete: usize, part: &'static str| {
        service_fn(move |request: Request<String>| async move {
            let body = "0123456789".repeat(10);
            let response = match (request.method(), request.headers().get("range")) {
                (&Method::GET, Some(range)) if range.as_bytes().starts_with(b"bytes=") => {
                    let content_range = format!("bytes 1-7/{complete}");
                    text(
                        206,
                        &[
                            ("content-type", "text/plain"),
                            ("content-range", &content_range),
                        ],
                        part,
                    )
                }
                (&Method::GET, _) => text(200, &[("content-type", "text/plain")], &body),
                (&Method::HEAD, _) => text(200, &[("content-type", "text/plain")], ""),
                _ => text(405, &[("allow", "GET, HEAD")], ""),
            };
            Ok::<_, Infallible>(response)
        })
    };
    let sweep_rules = |report: &Report| -> Vec<Rule> {
        report
            .groups()
            .map(|group| group.rule())
            .filter(|rule| rule.scope() == Scope::Sweep)
            .collect()
    };
    let claims_200 = Sweep::new()
        .target("/digits")
        .run(app(200, "1234567"))
        .await
        .unwrap();
    assert_eq!(
        sweep_rules(&claims_200),
        [Rule::RANGE_LENGTH_DIFFERS_FROM_FULL],
        "{claims_200}"
    );
    assert!(claims_200
        .to_string()
        .contains("206 says 200 octets, the 200 has 100"));
    // The right length, and other bytes than the 200's: not judged without a validator.
    let other_bytes = Sweep::new()
        .target("/digits")
        .run(app(100, "abcdefg"))
        .await
        .unwrap();
    assert_eq!(sweep_rules(&other_bytes), [], "{other_bytes}");
}

/// The conforming neighbours served by axum as is (without the test's `conforming_framing`),
/// over the wire in HTTP/1.0, 1.1 and 2: whatever is found, nothing is the application's —
/// every group names the framework as its culprit.
#[cfg(feature = "client")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conforming_axum_app_has_nothing_attributed_to_it() {
    let addr = crate::support::wire::spawn_hyper(app::router()).await;
    let report = Sweep::new()
        .targets(app::CONFORMING.iter().copied())
        .run(crate::support::wire::client(addr))
        .await
        .unwrap();
    let mine: Vec<_> = report.groups().filter(|g| g.culprit().is_none()).collect();
    assert!(mine.is_empty(), "{report}");
    // axum's `content-length: 0` on the empty 304 of `/doc`, over HTTP/2.
    assert_eq!(report.len(), 1, "{report}");
}

/// A sweep runs as often as needed, and a clone is a sweep of its own.
#[tokio::test]
async fn a_sweep_runs_again_and_clones() {
    let sweep = planted_sweep();
    let first = sweep.run(app::served()).await.unwrap();
    let second = sweep.run(app::served()).await.unwrap();
    assert_eq!(first.to_json(), second.to_json());
    let narrower = sweep.clone().versions([Version::HTTP_11]);
    let third = narrower.run(app::served()).await.unwrap();
    assert_eq!(third.requests(), Some(1551 / 3));
    assert_eq!(
        sweep.run(app::served()).await.unwrap().to_json(),
        first.to_json()
    );
}

/// A request the service fails is recorded and the sweep goes on: the failure is a finding
/// of its own, and the other requests are still judged.
#[tokio::test]
async fn a_failed_request_is_recorded_and_the_sweep_goes_on() {
    let app = service_fn(|request: Request<String>| async move {
        if request.method() == Method::HEAD && request.version() == Version::HTTP_2 {
            return Err::<Response<String>, _>(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "stream reset",
            ));
        }
        Ok(match *request.method() {
            Method::GET => text(200, &[("content-type", "text/plain")], "hello"),
            Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
            _ => text(405, &[("allow", "GET, HEAD")], ""),
        })
    });
    let report = Sweep::new().target("/r").run(app).await.unwrap();
    let failures = report.failures();
    assert_eq!(failures.len(), 1, "{report}");
    assert_eq!(failures[0].method(), Method::HEAD);
    assert_eq!(failures[0].version(), Version::HTTP_2);
    assert_eq!(failures[0].target(), "/r");
    assert!(failures[0].error().contains("stream reset"));
    assert!(!report.is_empty());
    // Every other request was sent and judged: nothing else to report.
    assert_eq!(report.len(), 0, "{report}");
    assert_eq!(report.requests(), Some(3 * 9));
    let text = report.to_string();
    assert!(
        text.contains("1 request(s) got no complete response (each is a finding):\n  HEAD /r HTTP/2.0: stream reset"),
        "{text}"
    );
    assert!(
        report.to_json().ends_with(
            r#""violations":[],"rules":[],"counts":{"must":0,"should":0,"advisory":0},"failed":1,"failures":[{"method":"HEAD","path":"/r","version":"HTTP/2.0","error":"stream reset"}]}"#
        ),
        "{}",
        report.to_json()
    );
}

/// Without being told, a sweep sends no unsafe method — not to a target without declared
/// methods, and to a declared one only what it declares — and its report says so.
#[tokio::test]
async fn a_sweep_is_safe_by_default() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let app = {
        let seen = std::sync::Arc::clone(&seen);
        service_fn(move |request: Request<String>| {
            seen.lock().unwrap().push(request.method().clone());
            async move {
                Ok::<_, Infallible>(match *request.method() {
                    Method::GET => text(200, &[("content-type", "text/plain")], "hello"),
                    Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
                    _ => text(405, &[("allow", "GET, HEAD")], ""),
                })
            }
        })
    };
    let sweep = Sweep::new().versions([Version::HTTP_11]).target("/r");
    assert!(sweep.safe_only());
    let report = sweep.run(app.clone()).await.unwrap();
    assert!(report.safe_only());
    assert_eq!(report.requests(), Some(9));
    assert_eq!(report.requests(), Some(seen.lock().unwrap().len()));
    let unsafe_methods = [Method::POST, Method::PUT, Method::PATCH, Method::DELETE];
    assert!(
        !seen
            .lock()
            .unwrap()
            .iter()
            .any(|m| unsafe_methods.contains(m)),
        "{seen:?}"
    );
    assert!(report
        .to_string()
        .starts_with("sweep: 9 requests sent, safe methods only"));

    seen.lock().unwrap().clear();
    let declared = Sweep::new()
        .versions([Version::HTTP_11])
        .target(Target::new("/r").methods([Method::GET, Method::DELETE]));
    let report = declared.run(app.clone()).await.unwrap();
    assert!(!report.safe_only());
    let unsafe_sent: Vec<Method> = seen
        .lock()
        .unwrap()
        .iter()
        .filter(|m| unsafe_methods.contains(m))
        .cloned()
        .collect();
    assert_eq!(unsafe_sent, [Method::DELETE]);

    seen.lock().unwrap().clear();
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .unsafe_methods(true)
        .target("/r")
        .run(app)
        .await
        .unwrap();
    assert_eq!(report.requests(), Some(13));
    assert_eq!(report.requests(), Some(seen.lock().unwrap().len()));
}

/// A resource with no entity tag has none that a stale `If-Match` could match: a PUT it
/// performs is reported; a POST (which may create another resource) is not judged, and a 412
/// passes.
#[tokio::test]
async fn a_stale_if_match_obeyed_without_an_etag_is_reported() {
    let found = sweep_one(|method, headers| match *method {
        Method::GET => text(200, &[("content-type", "text/plain")], "hello"),
        Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
        Method::PUT | Method::POST => text(204, &[], ""),
        Method::DELETE if headers.contains_key("if-match") => {
            text(412, &[("content-type", "text/plain")], "changed")
        }
        _ => text(405, &[("allow", "GET, HEAD, POST, PUT, DELETE")], ""),
    })
    .await;
    assert_eq!(
        found,
        [(
            Rule::IF_MATCH_FAILED_BUT_PERFORMED,
            "PUT with a stale If-Match answered 204 (the resource sends no ETag: no tag can match)"
                .to_owned()
        )]
    );
}

/// Targets that differ only by query share their route, and each is still compared: both
/// findings count in the route's group.
#[tokio::test]
async fn targets_differing_by_query_are_each_compared() {
    let app = service_fn(|request: Request<String>| async move {
        Ok::<_, Infallible>(match *request.method() {
            Method::GET => text(
                200,
                &[
                    ("content-type", "text/plain"),
                    ("cache-control", "max-age=5"),
                ],
                "found",
            ),
            Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
            _ => text(405, &[("allow", "GET, HEAD")], ""),
        })
    });
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .targets(["/search?q=a", "/search?q=b"])
        .run(app)
        .await
        .unwrap();
    let groups: Vec<(Rule, Option<&str>, usize)> = report
        .groups()
        .map(|group| (group.rule(), group.route(), group.count()))
        .collect();
    assert_eq!(
        groups,
        [(Rule::HEAD_DIFFERS_FROM_GET, Some("/search"), 2)],
        "{report}"
    );
}

/// An axum app that names its routes (`RouterExt`): the layer's findings and the sweep's on
/// one route share its template, so the route shows once in the report.
#[cfg(feature = "axum")]
#[tokio::test]
async fn a_route_template_names_both_kinds_of_findings() {
    use axum::{http::StatusCode, response::IntoResponse, routing::any, Router};
    use tower_status_conformance::{axum::RouterExt, StatusConformanceLayer};

    let app = Router::new()
        .route(
            "/notes/{id}",
            any(|method: Method| async move {
                match method {
                    // HEAD leaves out the `Cache-Control` of GET: a sweep rule.
                    Method::GET => ([("cache-control", "max-age=5")], "note").into_response(),
                    Method::HEAD => "note".into_response(),
                    // A 405 without `Allow`: a single-exchange rule.
                    _ => StatusCode::METHOD_NOT_ALLOWED.into_response(),
                }
            }),
        )
        .with_status_conformance(StatusConformanceLayer::observe());
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .targets(["/notes/1"])
        .run(app)
        .await
        .unwrap();
    let groups: Vec<(&str, Option<&str>)> = report
        .groups()
        .map(|group| (group.rule().id(), group.route()))
        .collect();
    assert_eq!(
        groups,
        [
            ("method-not-allowed-without-allow", Some("/notes/{id}")),
            ("head-differs-from-get", Some("/notes/{id}")),
        ],
        "{report}"
    );
}

/// The module docs' table of which rule reports which defect names every sweep rule, and only
/// rules that exist.
#[test]
fn the_defect_table_names_every_sweep_rule() {
    let docs = include_str!("../../src/sweep.rs");
    let table: Vec<&str> = docs
        .lines()
        .filter(|line| line.starts_with("//! | ") && !line.starts_with("//! |---"))
        .skip(1)
        .collect();
    let named: Vec<&str> = table
        .iter()
        .flat_map(|line| line.split('`').skip(1).step_by(2))
        .filter(|id| Rule::from_id(id).is_some())
        .collect();
    for rule in Rule::ALL.iter().filter(|rule| rule.scope() == Scope::Sweep) {
        assert!(named.contains(&rule.id()), "`{rule}` is not in the table");
    }
    for line in &table {
        for id in line.split('`').skip(1).step_by(2) {
            // What looks like a rule id (lowercase words joined by `-`) must be one.
            if id.contains('-') && id.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                assert!(Rule::from_id(id).is_some(), "`{id}` is not a rule");
            }
        }
    }
}

/// A conforming static resource behind a rate limiter that refuses every `n`th request with a
/// 429: whichever requests it refuses, no comparison is drawn from a refusal — the findings
/// are the same for every `n`, none — and each refusal is listed as inconclusive.
#[tokio::test]
async fn a_rate_limited_answer_is_compared_with_nothing() {
    use std::sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    };

    let resource = |method: &Method, headers: &http::HeaderMap| {
        let fields = [
            ("content-type", "text/plain"),
            ("etag", "\"v1\""),
            ("accept-ranges", "bytes"),
        ];
        let body = if *method == Method::GET { "hello" } else { "" };
        match (method, headers.get("if-none-match"), headers.get("range")) {
            (&Method::GET | &Method::HEAD, Some(_), _) => text(304, &[("etag", "\"v1\"")], ""),
            (&Method::GET, None, Some(range)) if range == "bytes=1-4" => text(
                206,
                &[
                    ("content-type", "text/plain"),
                    ("etag", "\"v1\""),
                    ("content-range", "bytes 1-4/5"),
                ],
                "ello",
            ),
            (&Method::GET, None, Some(range)) if range == "bytes=5-" => {
                text(416, &[("content-range", "bytes */5")], "")
            }
            (&Method::GET | &Method::HEAD, ..) => text(200, &fields, body),
            (&Method::OPTIONS, ..) => text(204, &[("allow", "GET, HEAD, OPTIONS")], ""),
            _ => text(405, &[("allow", "GET, HEAD, OPTIONS")], ""),
        }
    };
    for every in [0, 2, 3, 5, 7] {
        let sent = Arc::new(AtomicUsize::new(0));
        let app = service_fn(move |request: Request<String>| {
            let n = sent.fetch_add(1, Ordering::Relaxed) + 1;
            async move {
                let response = if every > 0 && n % every == 0 {
                    let content = if request.method() == Method::HEAD {
                        ""
                    } else {
                        "slow down"
                    };
                    text(
                        429,
                        &[("retry-after", "1"), ("content-type", "text/plain")],
                        content,
                    )
                } else {
                    resource(request.method(), request.headers())
                };
                Ok::<_, Infallible>(response)
            }
        });
        let report = Sweep::new().target("/r").run(app).await.unwrap();
        assert!(report.groups().next().is_none(), "every {every}: {report}");
        assert_eq!(
            report.inconclusive().is_empty(),
            every == 0,
            "every {every}: {report}"
        );
        if every > 0 {
            assert!(report.to_string().contains("got 429 Too Many Requests"));
            assert!(report.to_json().contains("\"inconclusive\":["));
        }
    }
}

/// Judged as received, content without `Content-Type` is reported only when its type shows:
/// RFC 9110 §8.3 lets a server that does not know the type (a static file of an unknown
/// extension) leave the field out. Through the app (`Wire::Hyper`) the handler knows what it
/// wrote, and any such content is reported.
#[tokio::test]
async fn content_without_a_type_is_judged_by_what_it_shows_as_received() {
    use tower_status_conformance::{StatusConformanceLayer, Wire};

    for (content, evident) in [
        ("some bytes\n", false),
        ("[section]\nkey = value\n", false),
        ("  {\"id\": 1}", true),
        ("[1, 2]", true),
        ("<!DOCTYPE html><title>t</title>", true),
        ("\u{feff}<?xml version=\"1.0\"?><a/>", true),
    ] {
        for wire in [Wire::Received, Wire::Hyper] {
            let app = service_fn(move |request: Request<String>| async move {
                let response = match *request.method() {
                    Method::GET => text(200, &[], content),
                    Method::HEAD => text(200, &[], ""),
                    _ => text(405, &[("allow", "GET, HEAD")], ""),
                };
                Ok::<_, Infallible>(response)
            });
            let report = Sweep::new()
                .versions([Version::HTTP_11])
                .layer(StatusConformanceLayer::observe().wire(wire))
                .target("/file")
                .run(app)
                .await
                .unwrap();
            let found = report
                .groups()
                .any(|g| g.rule() == Rule::CONTENT_WITHOUT_CONTENT_TYPE);
            let expected = evident || wire == Wire::Hyper;
            assert_eq!(found, expected, "{content:?} {wire:?}: {report}");
        }
    }
}

/// A resource whose HEAD leaves out the `Cache-Control` its GET carries
/// (`head-differs-from-get`); other methods get a 405 with `fields_of_405`.
fn head_drops_cache_control(method: &Method, fields_of_405: &[(&str, &str)]) -> Response<String> {
    match *method {
        Method::GET => text(
            200,
            &[
                ("content-type", "text/plain"),
                ("cache-control", "max-age=60"),
            ],
            "hi",
        ),
        Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
        _ => text(405, fields_of_405, ""),
    }
}

/// `.action(rule, Action::Allow)` on the sweep's layer turns a sweep rule off, as it does a
/// single-exchange rule; the report's `retain` takes out what a team accepted.
#[tokio::test]
async fn a_sweep_rule_set_to_allow_is_not_reported() {
    use tower_status_conformance::{Action, StatusConformanceLayer};

    let run = |layer: StatusConformanceLayer| async move {
        let app = service_fn(|request: Request<String>| async move {
            Ok::<_, Infallible>(head_drops_cache_control(
                request.method(),
                &[("allow", "GET, HEAD")],
            ))
        });
        Sweep::new()
            .versions([Version::HTTP_11])
            .layer(layer)
            .target("/r")
            .run(app)
            .await
            .unwrap()
    };
    let report = run(StatusConformanceLayer::observe()).await;
    assert_eq!(rules(&report), [Rule::HEAD_DIFFERS_FROM_GET], "{report}");
    assert!(report
        .retain(|group| group.rule() != Rule::HEAD_DIFFERS_FROM_GET)
        .is_empty());
    let allowed =
        StatusConformanceLayer::observe().action(Rule::HEAD_DIFFERS_FROM_GET, Action::Allow);
    let report = run(allowed).await;
    assert!(report.is_empty(), "{report}");
}

/// One defect on every path reads once, rolled up by rule: the routes listed, the counts
/// summed, the most severe rule first (`Report::by_rule`, `Report::rolled_up`, `rules` in
/// JSON).
#[tokio::test]
async fn a_server_wide_defect_rolls_up_into_one_entry() {
    // Its 405 has no `Allow`: MUST, so it comes first.
    let app = service_fn(|request: Request<String>| async move {
        Ok::<_, Infallible>(head_drops_cache_control(request.method(), &[]))
    });
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .targets(["/a", "/b", "/c"])
        .run(app)
        .await
        .unwrap();
    assert_eq!(report.len(), 6, "{report}");
    let rolled = report.by_rule();
    let summary: Vec<(Rule, usize, Vec<&str>)> = rolled
        .iter()
        .map(|r| (r.rule(), r.count(), r.routes().collect()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW,
                9,
                vec!["/a", "/b", "/c"]
            ),
            (Rule::HEAD_DIFFERS_FROM_GET, 3, vec!["/a", "/b", "/c"]),
        ]
    );
    let text = report.rolled_up().to_string();
    assert!(
        text.contains("12 status-code violation(s) of 2 rule(s):\n\n`method-not-allowed-without-allow` (must, "),
        "{text}"
    );
    assert!(text.contains("): 3 time(s) on 3 route(s)\n  HEAD answered with another status or other fields than GET\n  on: /a, /b, /c\n"), "{text}");
    assert!(
        report.to_json().contains(r#""rules":[{"rule":"method-not-allowed-without-allow","requirement":"must","count":9,"framework":false,"routes":["/a","/b","/c"]},"#),
        "{}",
        report.to_json()
    );
}

/// A safe sweep that sees `Allow` list unsafe methods it did not send says what it left
/// unchecked (a hint, not a finding); one that sent them does not.
#[tokio::test]
async fn a_safe_sweep_says_which_advertised_methods_it_left_unchecked() {
    let answer = |method: &Method, _: &http::HeaderMap| match *method {
        Method::GET => text(200, &[("content-type", "text/plain")], "hi"),
        Method::HEAD => text(200, &[("content-type", "text/plain")], ""),
        Method::PUT | Method::DELETE => text(412, &[("content-type", "text/plain")], "stale"),
        _ => text(405, &[("allow", "GET, HEAD, PUT, DELETE")], ""),
    };
    let run = |unsafe_methods: bool| async move {
        let app = service_fn(move |request: Request<String>| async move {
            Ok::<_, Infallible>(answer(request.method(), request.headers()))
        });
        Sweep::new()
            .versions([Version::HTTP_11])
            .unsafe_methods(unsafe_methods)
            .target("/doc")
            .run(app)
            .await
            .unwrap()
    };
    let safe = run(false).await;
    assert!(safe.is_empty(), "{safe}");
    assert_eq!(
        safe.hints(),
        ["/doc advertises DELETE, PUT (Allow), not sent: the If-Match and Allow rules of those methods are unchecked there"]
    );
    assert!(run(true).await.hints().is_empty());
}

/// A target whose GET never got a 2xx or 3xx is said to be so (a path copied wrong sweeps next
/// to nothing), as a hint, not a finding.
#[tokio::test]
async fn a_target_that_is_never_found_is_said_to_be() {
    let app = service_fn(|request: Request<String>| async move {
        let response = match request.uri().path() {
            "/here" if request.method() == Method::GET => {
                text(200, &[("content-type", "text/plain")], "hi")
            }
            "/here" if request.method() == Method::HEAD => {
                text(200, &[("content-type", "text/plain")], "")
            }
            "/here" => text(405, &[("allow", "GET, HEAD")], ""),
            _ => text(404, &[("content-type", "text/plain")], "no"),
        };
        Ok::<_, Infallible>(response)
    });
    let report = Sweep::new()
        .versions([Version::HTTP_11])
        .targets(["/here", "/typo"])
        .run(app)
        .await
        .unwrap();
    assert!(report.is_empty(), "{report}");
    assert_eq!(
        report.hints(),
        ["/typo never answered GET with a 2xx or 3xx (it got 404): little was compared there; is the path right?"]
    );
}

/// What `strong-etag-shared-across-content-codings` does not judge: a server that answers
/// `Accept-Encoding: gzip` in the coding its plain GET already had, one that names `identity`
/// (no coding, RFC 9110 §8.4.1), and a weak tag shared across codings (weak tags need not
/// differ, §8.8.1).
#[tokio::test]
async fn a_shared_tag_is_judged_only_when_strong_and_the_codings_differ() {
    let rule = Rule::STRONG_ETAG_SHARED_ACROSS_CONTENT_CODINGS;
    let both_gzip = "GET /doc HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-encoding: gzip\ncontent-type: text/plain\n\n(gzip)\n~~~\nGET /doc HTTP/1.1\naccept-encoding: gzip\n\n200 OK\netag: \"v1\"\ncontent-encoding: gzip\ncontent-type: text/plain\n\n(gzip)";
    let identity = "GET /doc HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello, world\n~~~\nGET /doc HTTP/1.1\naccept-encoding: gzip\n\n200 OK\netag: \"v1\"\ncontent-encoding: identity\ncontent-type: text/plain\n\nhello, world";
    let weak = "GET /doc HTTP/1.1\n\n200 OK\netag: W/\"v1\"\ncontent-type: text/plain\n\nhello, world\n~~~\nGET /doc HTTP/1.1\naccept-encoding: gzip\n\n200 OK\netag: W/\"v1\"\ncontent-encoding: gzip\ncontent-type: text/plain\n\n(gzip)";
    for text in [both_gzip, identity, weak] {
        let report = sweep_example(text).await;
        assert!(!rules(&report).contains(&rule), "{text}\n{report}");
    }
    // The weak tag's GET with `Accept-Encoding` is not even sent: the 5 plain requests, the
    // two `If-None-Match` replays, 4 ranges and 4 unsafe methods (no `Last-Modified`, so no
    // date replays); after a strong tag, one more.
    assert_eq!(sweep_example(weak).await.requests(), Some(15));
    assert_eq!(sweep_example(identity).await.requests(), Some(16));
}
