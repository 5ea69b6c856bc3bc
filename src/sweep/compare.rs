//! The sweep rules: each compares exchanges of one target in one HTTP version.

use http::{header, HeaderMap, HeaderName, Method, StatusCode, Version};

use super::{
    exchange::{Exchange, Probe},
    Target,
};
use crate::{
    syntax::{
        self,
        range::{self, ContentRange},
    },
    Culprit, Route, Rule, Violation, Wire,
};

/// Every sweep finding for one target's exchanges in one version. `stable_length`: every GET
/// to the target, in every version swept, got the same number of octets — evidence that the
/// content does not change between requests when no validator says so.
/// `wire`: with [`Wire::Received`], the responses are what the server sent, so `Date` is
/// compared too (hyper adds it to what it encodes, so it is not otherwise).
pub(super) fn all(
    target: &Target,
    slot: &[Exchange],
    stable_length: bool,
    wire: Wire,
) -> Vec<Violation> {
    let mut found = Vec::new();
    // The route template the app named on its responses (an axum app with `RouterExt`), so
    // that the layer's findings and these share a group; else the target's path.
    let route = slot
        .iter()
        .find_map(|exchange| exchange.route.clone())
        .unwrap_or_else(|| Route::new(super::route_of(&target.path)));
    let mut flag = |rule: Rule, on: &Exchange, detail: String| {
        let violation = Violation::from_sweep(
            rule,
            on.method.clone(),
            on.version,
            &target.path,
            route.clone(),
            on.status,
            &on.headers,
            detail,
        )
        .with_exchange(on.index);
        // A 304's `content-length: 0` where the 200 had another length: what axum writes.
        let about_the_length = rule == Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS;
        found.push(
            match about_the_length.then(|| Culprit::recognise(&on.headers, on.length == 0)) {
                Some(Some(culprit)) => violation.with_culprit(culprit),
                _ => violation,
            },
        );
    };
    let plain = |method: &Method| {
        slot.iter()
            .find(|e| e.method == *method && e.probe == Probe::Plain)
    };
    let get = plain(&Method::GET);
    if let (Some(get), Some(head)) = (get, plain(&Method::HEAD)) {
        head_as_get(get, head, stable_length, &mut flag);
    }
    allow(target, slot, get, plain(&Method::OPTIONS), &mut flag);
    interim(slot, &mut flag);
    if let Some(get) = get {
        as_get(get, slot, &mut flag);
        not_found(get, slot, &mut flag);
        precondition_on_refusal(get, slot, &mut flag);
    }
    if let Some(get) = get.filter(|get| get.status == StatusCode::OK) {
        for exchange in slot.iter().filter(|e| e.method == Method::GET) {
            match exchange.probe {
                Probe::IfNoneMatch | Probe::IfModifiedSince => {
                    not_modified(get, exchange, wire, &mut flag);
                }
                Probe::RangeInside | Probe::RangePastEnd | Probe::RangeUnknownUnit => {
                    range(get, exchange, stable_length, wire, &mut flag);
                }
                Probe::RangeMultiple => {
                    // Coalesced into one part, it is judged as one; in two, part by part.
                    range(get, exchange, stable_length, wire, &mut flag);
                    let same = same_representation(get, exchange, stable_length);
                    super::parts::check(get, exchange, same, &mut flag);
                }
                Probe::AcceptEncoding => etag_across_codings(get, exchange, &mut flag),
                Probe::IfUnmodifiedSinceStale if exchange.status.is_success() => {
                    let detail = format!(
                        "GET with If-Unmodified-Since a second before the 200's Last-Modified answered {}",
                        exchange.status.as_u16()
                    );
                    flag(
                        Rule::IF_UNMODIFIED_SINCE_FAILED_BUT_PERFORMED,
                        exchange,
                        detail,
                    );
                }
                Probe::IfUnmodifiedSinceStaleIfMatchAny
                    if exchange.status == StatusCode::PRECONDITION_FAILED
                        && if_match_any_succeeded(slot) =>
                {
                    let detail = "GET with If-Match: * and If-Unmodified-Since a second before the 200's Last-Modified answered 412, with If-Match: * alone a 2xx: the date was evaluated although If-Match was there".to_owned();
                    flag(Rule::IF_UNMODIFIED_SINCE_NOT_IGNORED, exchange, detail);
                }
                Probe::IfMatchAny if exchange.status == StatusCode::PRECONDITION_FAILED => {
                    let detail = "GET with If-Match: * answered 412, without it 200: * is true of a resource that has a current representation".to_owned();
                    flag(Rule::PRECONDITION_FAILED_FOR_IF_MATCH_ANY, exchange, detail);
                }
                Probe::Plain
                | Probe::IfMatchStale
                | Probe::IfMatchAny
                | Probe::IfMatchStaleRefused
                | Probe::IfUnmodifiedSinceStale
                | Probe::IfUnmodifiedSinceStaleIfMatchAny => {}
            }
        }
        // With or without an `ETag` on the 200: a resource with no entity tag has none that
        // the stale tag could match, so the condition is false all the same (§13.1.1). Without
        // one, a POST is not judged: it may create a new resource rather than change the
        // target's representation, and §13.2.1 has conditions ignored by a method that "does
        // not involve the selection or modification of a selected representation".
        let tagged = get.single(header::ETAG).is_some();
        // A 2xx that shows the GET's representation unchanged performed nothing: the server
        // answered the method as a GET (`method-answered-as-get`), it did not change state.
        for exchange in slot
            .iter()
            .filter(|e| e.probe == Probe::IfMatchStale && !answered_as_get(get, e))
        {
            if exchange.status.is_success() && (tagged || exchange.method != Method::POST) {
                let tag = if tagged {
                    ""
                } else {
                    " (the resource sends no ETag: no tag can match)"
                };
                let detail = format!(
                    "{} with a stale If-Match answered {}{tag}",
                    exchange.method,
                    exchange.status.as_u16()
                );
                flag(Rule::IF_MATCH_FAILED_BUT_PERFORMED, exchange, detail);
            }
        }
    }
    for exchange in slot {
        if let Some(detail) = problem_status_differs(exchange) {
            flag(Rule::PROBLEM_DETAILS_STATUS_DIFFERS, exchange, detail);
        }
    }
    if let Some(get) = get.filter(|get| get.status == StatusCode::OK && get.has_validator()) {
        let others = slot.iter().filter(|e| {
            (e.method == Method::HEAD && e.probe == Probe::Plain && e.status == StatusCode::OK)
                || (e.probe == Probe::RangeInside && e.status == StatusCode::PARTIAL_CONTENT)
        });
        for other in others.filter(|other| get.same_validators(other)) {
            if let Some(detail) = repr_digest_differs(get, other) {
                flag(Rule::REPR_DIGEST_DIFFERS, other, detail);
            }
        }
    }
    found
}

/// A 200 in another content coding than the GET's 200 that carries the same strong entity
/// tag (RFC 9110 §8.8.3): two representations under one strong validator.
fn etag_across_codings(
    get: &Exchange,
    coded: &Exchange,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    if coded.status != StatusCode::OK {
        return;
    }
    let (Some(tag), Some(other)) = (get.single(header::ETAG), coded.single(header::ETAG)) else {
        return;
    };
    if tag.as_bytes().starts_with(b"W/") || tag != other {
        return;
    }
    let (plain, asked) = (codings(get), codings(coded));
    if plain != asked {
        let named = |codings: &[String]| {
            if codings.is_empty() {
                "no coding".to_owned()
            } else {
                codings.join(", ")
            }
        };
        let detail = format!(
            "GET with Accept-Encoding: gzip answered 200 in {}, the plain GET's 200 in {}, under the same strong ETag",
            named(&asked),
            named(&plain)
        );
        flag(
            Rule::STRONG_ETAG_SHARED_ACROSS_CONTENT_CODINGS,
            coded,
            detail,
        );
    }
}

/// The content codings a response applied, in order and lowercase, `identity` left out (it is
/// no coding, RFC 9110 §8.4.1).
fn codings(exchange: &Exchange) -> Vec<String> {
    syntax::list::elements(exchange.headers.get_all(header::CONTENT_ENCODING))
        .map(|coding| String::from_utf8_lossy(coding).to_ascii_lowercase())
        .filter(|coding| coding != "identity")
        .collect()
}

/// An `application/problem+json` response (RFC 9457 §3) whose `status` member is not its
/// status code: what differs, or `None`. Content the sweep kept whole and did not get
/// content-coded is read; any other is not judged.
fn problem_status_differs(exchange: &Exchange) -> Option<String> {
    let media_type = syntax::single(&exchange.headers, header::CONTENT_TYPE)?;
    let essence = media_type.split(|&b| b == b';').next()?;
    if !syntax::list::trim(essence).eq_ignore_ascii_case(b"application/problem+json")
        || exchange.headers.contains_key(header::CONTENT_ENCODING)
    {
        return None;
    }
    let status = syntax::json::integer_member(exchange.content.as_deref()?, b"status")?;
    (status != u64::from(exchange.status.as_u16())).then(|| {
        format!(
            "\"status\": {status} in a {} response",
            exchange.status.as_u16()
        )
    })
}

/// RFC 9530 §3: `Repr-Digest`, a Dictionary of algorithm to the digest of the selected
/// representation.
const REPR_DIGEST: HeaderName = HeaderName::from_static("repr-digest");

/// The algorithms whose `Repr-Digest` value differs between `ok` and `other`, which show one
/// representation; `None` when none does (or either field is no valid Dictionary).
fn repr_digest_differs(ok: &Exchange, other: &Exchange) -> Option<String> {
    let digests = |exchange: &Exchange| -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
        let mut out = Vec::new();
        for line in exchange.headers.get_all(REPR_DIGEST) {
            let parsed =
                syntax::structured::each_dictionary_member(line.as_bytes(), |key, value| {
                    if let Some(digest) = syntax::structured::byte_sequence(value) {
                        out.push((key.to_vec(), digest.to_vec()));
                    }
                    true
                });
            if !parsed {
                return None;
            }
        }
        Some(out)
    };
    let (ours, theirs) = (digests(ok)?, digests(other)?);
    let differing: Vec<String> = ours
        .iter()
        .filter(|(key, value)| theirs.iter().any(|(k, v)| k == key && v != value))
        .map(|(key, _)| String::from_utf8_lossy(key).into_owned())
        .collect();
    (!differing.is_empty()).then(|| {
        format!(
            "Repr-Digest {} differs between the 200 and the {}{}",
            differing.join(", "),
            other.status.as_u16(),
            if other.method == Method::HEAD {
                " to HEAD"
            } else {
                ""
            }
        )
    })
}

/// Fields whose value is known only once the content is generated, or that belong to the
/// connection: a HEAD may leave them out (RFC 9110 §9.3.2) or the server adds them per message.
const NOT_COMPARED: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "etag",
    "content-md5",
    "digest",
    "content-digest",
    "repr-digest",
    "trailer",
    "date",
    "connection",
    "keep-alive",
];

/// Fields compared by value: they describe the representation, not the message.
const COMPARED_BY_VALUE: &[HeaderName] = &[
    header::CONTENT_TYPE,
    header::CONTENT_LANGUAGE,
    header::LOCATION,
    header::ALLOW,
];

/// The names of the fields of `exchange` that HEAD and GET must share.
fn compared_names(exchange: &Exchange) -> Vec<&str> {
    exchange
        .headers
        .keys()
        .map(HeaderName::as_str)
        .filter(|name| !NOT_COMPARED.contains(name))
        .collect()
}

/// HEAD answers as GET, minus the content (RFC 9110 §9.3.2, §8.6).
fn head_as_get(
    get: &Exchange,
    head: &Exchange,
    stable_length: bool,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    if get.status != head.status {
        let detail = format!(
            "GET answered {}, HEAD {}",
            get.status.as_u16(),
            head.status.as_u16()
        );
        flag(Rule::HEAD_DIFFERS_FROM_GET, head, detail);
        return;
    }
    let (on_get, on_head) = (compared_names(get), compared_names(head));
    let mut differences: Vec<String> = Vec::new();
    for name in on_get.iter().filter(|name| !on_head.contains(name)) {
        differences.push(format!("{name} missing on HEAD"));
    }
    for name in on_head.iter().filter(|name| !on_get.contains(name)) {
        differences.push(format!("{name} only on HEAD"));
    }
    for name in COMPARED_BY_VALUE {
        let (a, b) = (get.headers.get_all(name), head.headers.get_all(name));
        if a.iter().next().is_some() && b.iter().next().is_some() && !a.iter().eq(b.iter()) {
            differences.push(format!("{name} differs"));
        }
    }
    if !differences.is_empty() {
        flag(Rule::HEAD_DIFFERS_FROM_GET, head, differences.join(", "));
    }
    if let Some(length) = head.content_length() {
        // A HEAD of content generated anew may rightly have another length.
        if length != get.length && same_representation(get, head, stable_length) {
            let detail = format!(
                "Content-Length {length} on HEAD, {} octets on GET",
                get.length
            );
            flag(Rule::HEAD_CONTENT_LENGTH_DIFFERS_FROM_GET, head, detail);
        }
    }
}

/// `Allow` agrees with the methods the target refuses and accepts (RFC 9110 §15.5.6, §10.2.1).
fn allow(
    target: &Target,
    slot: &[Exchange],
    get: Option<&Exchange>,
    options: Option<&Exchange>,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    // The method probes: plain safe methods and the unsafe ones.
    let probes = || {
        slot.iter()
            .filter(|e| matches!(e.probe, Probe::Plain | Probe::IfMatchStale))
    };
    let Some((refusal, listed)) = probes()
        .filter(|e| e.status == StatusCode::METHOD_NOT_ALLOWED)
        .find_map(|e| Some((e, e.allow()?)))
    else {
        return;
    };
    let refused: Vec<&Exchange> = probes()
        .filter(|e| e.status == StatusCode::METHOD_NOT_ALLOWED)
        .collect();
    // A 405 that lists its own method is `method-not-allowed-lists-method`, already reported.
    let lists_itself = |e: &Exchange| {
        e.allow()
            .is_some_and(|own| own.iter().any(|m| m == e.method.as_str()))
    };
    let wrongly_listed: Vec<&str> = refused
        .iter()
        .filter(|e| listed.iter().any(|m| m == e.method.as_str()) && !lists_itself(e))
        .map(|e| e.method.as_str())
        .collect();
    if !wrongly_listed.is_empty() {
        let detail = format!("Allow lists {}, which got 405", wrongly_listed.join(", "));
        flag(Rule::ALLOW_LISTS_METHOD_ANSWERED_405, refusal, detail);
    }

    // A redirect is no evidence (a server may redirect any method before routing it), nor
    // a 2xx that shows the GET's representation to another method (answered as a GET).
    let reached = |e: &Exchange| {
        (e.status.is_success() && !get.is_some_and(|get| answered_as_get(get, e)))
            || e.status == StatusCode::PRECONDITION_FAILED
    };
    let mut supported: Vec<&str> = slot
        .iter()
        .filter(|e| reached(e))
        .map(|e| e.method.as_str())
        .collect();
    // A declared method the sweep sent and that did not get 405 is supported, whatever else
    // it got (a 400 or 415 to the sweep's empty request, say). One it did not send proves
    // nothing.
    if let Some(declared) = &target.methods {
        supported.extend(
            declared
                .iter()
                .filter(|m| {
                    probes().any(|e| e.method == **m) && !refused.iter().any(|e| e.method == **m)
                })
                .map(Method::as_str),
        );
    }
    supported.sort_unstable();
    supported.dedup();
    let omitted: Vec<&str> = supported
        .into_iter()
        .filter(|m| !listed.iter().any(|l| l == m))
        .collect();
    if !omitted.is_empty() {
        let detail = format!(
            "Allow leaves out {}, which did not get 405",
            omitted.join(", ")
        );
        flag(Rule::ALLOW_OMITS_SUPPORTED_METHOD, refusal, detail);
    }

    if let Some(options) = options.filter(|o| o.status.is_success()) {
        if let Some(advertised) = options.allow() {
            let set = |list: &[String]| {
                let mut set: Vec<String> = list.to_vec();
                set.sort_unstable();
                set.dedup();
                set
            };
            if set(&advertised) != set(&listed) {
                let detail = format!(
                    "OPTIONS lists {}; the 405 to {} lists {}",
                    set(&advertised).join(", "),
                    refusal.method,
                    set(&listed).join(", ")
                );
                flag(Rule::OPTIONS_ALLOW_DIFFERS_FROM_405, options, detail);
            }
        }
    }
}

/// The methods that may not be answered with the GET's representation (RFC 9110 §9.1,
/// §9.3.8): those the resource does not implement would get 501 or 405, and `TRACE` its own
/// request reflected.
fn as_get(get: &Exchange, slot: &[Exchange], flag: &mut impl FnMut(Rule, &Exchange, String)) {
    let judged = |method: &Method| {
        matches!(
            *method,
            Method::TRACE | Method::PUT | Method::PATCH | Method::DELETE
        ) || method.as_str() == super::UNKNOWN_METHOD
    };
    let answered: Vec<&Exchange> = slot
        .iter()
        .filter(|e| matches!(e.probe, Probe::Plain | Probe::IfMatchStale))
        .filter(|e| judged(&e.method) && answered_as_get(get, e))
        .collect();
    if let Some(first) = answered.first() {
        let methods: Vec<&str> = answered.iter().map(|e| e.method.as_str()).collect();
        let detail = format!(
            "{} answered {} with the GET's content, type and validators",
            methods.join(", "),
            first.status.as_u16()
        );
        flag(Rule::METHOD_ANSWERED_AS_GET, first, detail);
    }
}

/// A 404 to a method on a target whose GET found it (RFC 9110 §9.1: 501 or 405). Only the
/// safe probes, sent before any unsafe method could have removed the resource.
fn not_found(get: &Exchange, slot: &[Exchange], flag: &mut impl FnMut(Rule, &Exchange, String)) {
    if !get.status.is_success() {
        return;
    }
    let refused: Vec<&Exchange> = slot
        .iter()
        .filter(|e| e.probe == Probe::Plain && e.status == StatusCode::NOT_FOUND)
        .filter(|e| e.method != Method::GET && e.method != Method::HEAD)
        .collect();
    if let Some(first) = refused.first() {
        let methods: Vec<&str> = refused.iter().map(|e| e.method.as_str()).collect();
        let detail = format!(
            "{} answered 404, GET {}",
            methods.join(", "),
            get.status.as_u16()
        );
        flag(Rule::METHOD_ANSWERED_NOT_FOUND, first, detail);
    }
}

/// A 412 to the GET with a false `If-Match`, where the same GET without it got `get`'s status:
/// neither a 2xx nor a 412, so the condition had to be ignored (§13.2.1).
fn precondition_on_refusal(
    get: &Exchange,
    slot: &[Exchange],
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    let refused = slot.iter().find(|e| {
        e.probe == Probe::IfMatchStaleRefused && e.status == StatusCode::PRECONDITION_FAILED
    });
    if let Some(refused) = refused {
        let detail = format!(
            "GET with If-Match: a tag the resource cannot have answered 412, without it {}: a condition is ignored when the answer without it would be neither 2xx nor 412",
            get.status.as_u16()
        );
        flag(
            Rule::PRECONDITION_NOT_IGNORED_FOR_NON_SUCCESS,
            refused,
            detail,
        );
    }
}

/// The interim responses the client recorded (no layer sees them), judged as received: any
/// before the answer to an HTTP/1.0 request (RFC 9110 §15.2: "A server MUST NOT send a 1xx
/// response to an HTTP/1.0 client"), and a 100 to a request without `Expect: 100-continue`,
/// which the sweep never sends (§15.2.1).
fn interim(slot: &[Exchange], flag: &mut impl FnMut(Rule, &Exchange, String)) {
    for exchange in slot.iter().filter(|e| !e.interim.is_empty()) {
        let codes: Vec<String> = exchange
            .interim
            .iter()
            .map(|status| status.as_u16().to_string())
            .collect();
        if exchange.version == Version::HTTP_10 {
            let detail = format!(
                "{} before the final {} to an HTTP/1.0 request",
                codes.join(", "),
                exchange.status.as_u16()
            );
            flag(Rule::INFORMATIONAL_TO_HTTP10, exchange, detail);
        } else if exchange.interim.contains(&StatusCode::CONTINUE) {
            let detail = format!(
                "100 before the final {} to a request without Expect: 100-continue",
                exchange.status.as_u16()
            );
            flag(Rule::CONTINUE_WITHOUT_EXPECT, exchange, detail);
        }
    }
}

/// Whether the GET with `If-Match: *` alone got a 2xx: the server takes the field as true, so
/// that a 412 to the same beside a false `If-Unmodified-Since` is the date's doing. (Werkzeug
/// 3.1.8 answers `If-Match: *` with 412, date or not: that is not this rule's.)
fn if_match_any_succeeded(slot: &[Exchange]) -> bool {
    slot.iter()
        .any(|e| e.method == Method::GET && e.probe == Probe::IfMatchAny && e.status.is_success())
}

/// Whether `other`, the answer to a method that is neither GET nor HEAD, is a 2xx carrying the
/// representation the plain GET got: the same content (at least one octet, kept whole), the same
/// `Content-Type` and validators. A server that answers an unknown method, `TRACE`, `PUT` or
/// `DELETE` that way has handled it as a GET.
fn answered_as_get(get: &Exchange, other: &Exchange) -> bool {
    get.status == StatusCode::OK
        && other.status.is_success()
        && other.method != Method::GET
        && other.method != Method::HEAD
        && get.length > 0
        && get.content.is_some()
        && get.content == other.content
        && get
            .headers
            .get_all(header::CONTENT_TYPE)
            .iter()
            .eq(other.headers.get_all(header::CONTENT_TYPE).iter())
        && get.same_validators(other)
}

/// Fields a 304 (RFC 9110 §15.4.5) and a 206 (§15.3.7) must carry when the 200 does. `Date`,
/// also on both lists, is left out: hyper adds it to every response it encodes, so a service
/// that leaves it out of a 304 sends it all the same.
const KEPT_BY_304: &[HeaderName] = &[
    header::CACHE_CONTROL,
    header::CONTENT_LOCATION,
    header::ETAG,
    header::EXPIRES,
    header::VARY,
];

/// The fields of [`KEPT_BY_304`] that `ok` has and `other` lacks, or `None`.
fn dropped(ok: &Exchange, other: &Exchange, wire: Wire) -> Option<String> {
    dropped_fields(&ok.headers, &other.headers, other.status, wire)
}

/// The fields of [`KEPT_BY_304`] (and `Date`, judged as received) that the 200's `ok` has and
/// the `status` response's `other` lacks, as a detail, or `None`. Also for captures.
pub(crate) fn dropped_fields(
    ok: &HeaderMap,
    other: &HeaderMap,
    status: StatusCode,
    wire: Wire,
) -> Option<String> {
    let date = (wire == Wire::Received).then_some(&header::DATE);
    let dropped: Vec<&str> = KEPT_BY_304
        .iter()
        .chain(date)
        .filter(|name| ok.contains_key(*name) && !other.contains_key(*name))
        .map(HeaderName::as_str)
        .collect();
    (!dropped.is_empty()).then(|| format!("{} leaves out {}", status.as_u16(), dropped.join(", ")))
}

/// A 304 to a replayed validator stands in for the 200 (RFC 9110 §15.4.5, §8.6).
fn not_modified(
    ok: &Exchange,
    replay: &Exchange,
    wire: Wire,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    if replay.status != StatusCode::NOT_MODIFIED {
        return;
    }
    if let Some(detail) = dropped(ok, replay, wire) {
        flag(Rule::NOT_MODIFIED_DROPS_FIELDS, replay, detail);
    }
    // hyper's HTTP/1 encoder writes no `Content-Length` on an empty 304 (hyper 1.x,
    // `role.rs`): over HTTP/1.x what a service behind hyper set never reaches the client.
    // Received from any other server, the field is what it sent.
    let dropped_by_hyper = wire.hyper_http1(replay.version) && replay.length == 0;
    if let Some(length) = replay.content_length().filter(|_| !dropped_by_hyper) {
        if length != ok.length {
            let detail = if length == 0 && replay.length == 0 {
                format!(
                    "Content-Length 0 on the empty 304, {} octets in the 200",
                    ok.length
                )
            } else {
                format!(
                    "Content-Length {length} on the 304, {} octets in the 200",
                    ok.length
                )
            };
            flag(Rule::NOT_MODIFIED_CONTENT_LENGTH_DIFFERS, replay, detail);
        }
    }
}

/// Whether `other` shows the representation `ok` does: the same validators, or neither has
/// one and every GET of the sweep got the same number of octets (`stable_length`), which shows
/// that the length does not change — not that the bytes do not.
fn same_representation(ok: &Exchange, other: &Exchange, stable_length: bool) -> bool {
    if ok.has_validator() {
        ok.same_validators(other)
    } else {
        stable_length && !other.has_validator()
    }
}

/// A range response is a part of the 200's content (RFC 9110 §14.2, §14.4, §15.5.17).
/// `stable_length`: see [`all`].
fn range(
    ok: &Exchange,
    ranged: &Exchange,
    stable_length: bool,
    wire: Wire,
    flag: &mut impl FnMut(Rule, &Exchange, String),
) {
    if ranged.probe == Probe::RangeUnknownUnit {
        if ranged.status != ok.status && ranged.status != StatusCode::RANGE_NOT_SATISFIABLE {
            let detail = format!(
                "{} to a Range in an unknown unit, {} without it",
                ranged.status.as_u16(),
                ok.status.as_u16()
            );
            flag(Rule::RANGE_UNKNOWN_UNIT_NOT_IGNORED, ranged, detail);
        }
        return;
    }
    if ranged.status == StatusCode::PARTIAL_CONTENT && ranged.probe == Probe::RangeInside {
        if let Some(detail) = dropped(ok, ranged, wire) {
            flag(Rule::PARTIAL_CONTENT_DROPS_FIELDS, ranged, detail);
        }
    }
    // The other comparisons hold only for the same representation. Validators show it; without
    // any, as for a HEAD's length, every GET getting the same number of octets shows that the
    // length does not change — but not that the bytes do not (content generated anew), so then
    // only the complete length is compared.
    let same_representation = same_representation(ok, ranged, stable_length);
    if !ok.has_validator() && !same_representation {
        return;
    }
    let Some(content_range) = syntax::single(&ranged.headers, header::CONTENT_RANGE) else {
        return;
    };
    // A multipart 206 with a `Content-Range` of its own is the layer's finding
    // (`partial-content-multipart-with-content-range`); its content is parts, not that range.
    if ranged.status == StatusCode::PARTIAL_CONTENT
        && crate::rules::ranges::is_multipart(&ranged.headers)
    {
        return;
    }
    match (ranged.status, range::content_range(content_range)) {
        (
            StatusCode::PARTIAL_CONTENT,
            ContentRange::Satisfied {
                first,
                last,
                complete,
            },
        ) if same_representation => {
            if let Some(complete) = complete.filter(|c| *c != ok.length) {
                let detail = format!("206 says {complete} octets, the 200 has {}", ok.length);
                flag(Rule::RANGE_LENGTH_DIFFERS_FROM_FULL, ranged, detail);
                return;
            }
            let (Some(whole), Some(part), true) =
                (&ok.content, &ranged.content, ok.has_validator())
            else {
                return;
            };
            let expected = usize::try_from(first)
                .ok()
                .zip(usize::try_from(last).ok())
                .and_then(|(first, last)| whole.get(first..=last));
            if expected.is_some_and(|expected| expected != part.as_slice()) {
                let detail = format!("206 content is not octets {first}-{last} of the 200");
                flag(Rule::PARTIAL_CONTENT_DIFFERS_FROM_FULL, ranged, detail);
            }
        }
        // A 416 need not carry the validators; one that does must show the same.
        (StatusCode::RANGE_NOT_SATISFIABLE, ContentRange::Unsatisfied { complete })
            if complete != ok.length && (same_representation || !ranged.has_validator()) =>
        {
            let detail = format!("416 says {complete} octets, the 200 has {}", ok.length);
            flag(Rule::RANGE_LENGTH_DIFFERS_FROM_FULL, ranged, detail);
        }
        _ => {}
    }
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Sweep;
    repair: none;

    /// ### What it checks
    /// In a [sweep](crate::sweep), a HEAD answered with another status than the GET to the same
    /// target, or with other header fields: a field the GET response had is missing, or one it
    /// did not have is added, or `Content-Type`, `Content-Language`, `Location` or `Allow`
    /// differs. Fields whose value is determined only while generating the content
    /// (`Content-Length`, `Transfer-Encoding`, `ETag`, digests, `Trailer`) and the fields of
    /// the connection (`Date`, `Connection`, `Keep-Alive`) are not compared.
    ///
    /// ### Why it matters
    /// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT
    /// send content in the response. … The server SHOULD send the same header fields in
    /// response to a HEAD request as it would have sent if the request method had been GET.
    /// However, a server MAY omit header fields for which a value is determined only while
    /// generating the content." Clients and caches use HEAD to learn what a GET would return;
    /// a HEAD that answers differently misleads them (axum issues 730, 747 and 3741).
    HEAD_DIFFERS_FROM_GET = "head-differs-from-get" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §9.3.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2",
        summary: "HEAD answered with another status or other fields than GET",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\na,b\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\n\n",
        near_miss: "GET /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\na,b\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\ncontent-type: text/csv\ncache-control: max-age=60\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a `Content-Length` on the response to HEAD that differs from
    /// the number of content octets the GET to the same target returned, with the same status
    /// and the same representation: the same validators, or none and content of the same length
    /// in every GET of the sweep (content generated anew for the HEAD may rightly differ).
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "a server MUST NOT send Content-Length in such a response unless its field
    /// value equals the decimal number of octets that would have been sent in the content of a
    /// response if the same request had used the GET method." Clients size downloads and
    /// progress bars from it.
    HEAD_CONTENT_LENGTH_DIFFERS_FROM_GET = "head-content-length-differs-from-get" {
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "Content-Length on HEAD is not the length of the GET content",
        repair: [],
        default: Log,
        example: "GET /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\ncontent-length: 0\n\n",
        near_miss: "GET /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nHEAD /report HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\ncontent-length: 5\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 405 whose `Allow` lists a method that itself got 405 at
    /// the same target (a 405 that lists its own request method is
    /// `method-not-allowed-lists-method`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6: "The origin server MUST generate an Allow header field in a 405
    /// response containing a list of the target resource's currently supported methods." A
    /// method that is refused is not supported; a client that retries with it fails again.
    ALLOW_LISTS_METHOD_ANSWERED_405 = "allow-lists-method-answered-405" {
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 Allow lists a method that gets 405",
        repair: [],
        default: Log,
        example: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
        near_miss: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 405 whose `Allow` leaves out a method the same target
    /// answered with a 2xx or a 412 (the method reached the resource), or a method the sweep
    /// was told the target supports ([`Target::methods`](crate::sweep::Target::methods)) and
    /// that, sent, did not get 405.
    ///
    /// Not evidence: a redirect (a server may redirect every method, `/dir` to `/dir/`, before
    /// routing any), and a 2xx that carries the GET's representation unchanged to another
    /// method (a static handler that answers every method as GET performed nothing; that is
    /// `method-answered-as-get`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.6: the 405's `Allow` must contain "the target resource's currently
    /// supported methods". A client reading it concludes that the method it left out cannot be
    /// used.
    ALLOW_OMITS_SUPPORTED_METHOD = "allow-omits-supported-method" {
        fields: ["allow"],
        requirement: Must,
        spec: "RFC 9110 §15.5.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        summary: "405 Allow leaves out a method the resource supports",
        repair: [],
        default: Log,
        example: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
        near_miss: "PUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, DELETE\n\n\n~~~\nDELETE /items HTTP/1.1\n\n204 No Content\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a successful OPTIONS whose `Allow` lists another set of
    /// methods than a 405 to the same target.
    ///
    /// ### Why it matters
    /// RFC 9110 §10.2.1: `Allow` "lists the set of methods advertised as supported by the
    /// target resource"; both responses describe the same resource, and at most one of them
    /// can be right. No requirement keyword: advice.
    OPTIONS_ALLOW_DIFFERS_FROM_405 = "options-allow-differs-from-405" {
        fields: ["allow"],
        requirement: Advisory,
        spec: "RFC 9110 §10.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-10.2.1",
        summary: "OPTIONS and 405 list different Allow sets",
        repair: [],
        default: Log,
        example: "OPTIONS /items HTTP/1.1\n\n204 No Content\nallow: GET, HEAD, POST, OPTIONS\n\n\n~~~\nPUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD, OPTIONS\n\n",
        near_miss: "OPTIONS /items HTTP/1.1\n\n204 No Content\nallow: GET, HEAD, POST, OPTIONS\n\n\n~~~\nPUT /items HTTP/1.1\n\n405 Method Not Allowed\nallow: OPTIONS, POST, HEAD, GET\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 304 to a replayed validator (`If-None-Match` with the
    /// `ETag`, or `If-Modified-Since` with the `Last-Modified` of the 200 to the same GET) that
    /// lacks one of `Cache-Control`, `Content-Location`, `ETag`, `Expires` and `Vary` the 200
    /// carried — and `Date`, also on the RFC's list, when the sweep judges responses as received
    /// ([`Wire::Received`](crate::Wire::Received), as the command-line sweep does): under
    /// [`Wire::Hyper`](crate::Wire::Hyper) hyper adds `Date` to every response it encodes, after
    /// every tower layer.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "The server generating a 304 response MUST generate any of the
    /// following header fields that would have been sent in a 200 (OK) response to the same
    /// request: Content-Location, Date, ETag, and Vary; Cache-Control and Expires". A cache
    /// updates its stored response from the 304; a field left out keeps a stale value (an old
    /// freshness lifetime) or loses the one that said how to select the response.
    NOT_MODIFIED_DROPS_FIELDS = "not-modified-drops-fields" {
        fields: ["cache-control", "content-location", "date", "etag", "expires", "vary"],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 leaves out a field the 200 carries",
        repair: [],
        default: Log,
        example: "GET /logo HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: image/png\n\n...\n~~~\nGET /logo HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "GET /logo HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: image/png\n\n...\n~~~\nGET /logo HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncache-control: max-age=600\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 304 to a replayed validator with a `Content-Length` that
    /// differs from the number of content octets of the 200 to the same GET. Judged over
    /// HTTP/2 only: hyper's HTTP/1 encoder drops `Content-Length` from an empty 304, while over
    /// HTTP/2 it reaches the client — axum 0.8 sets `content-length: 0` on every empty
    /// response, so every axum 304 over HTTP/2 (with hyper 1.x) breaks this rule unless the
    /// 200 was empty too.
    ///
    /// ### Why it matters
    /// RFC 9110 §8.6: "a server MUST NOT send Content-Length in such a response unless its field
    /// value equals the decimal number of octets that would have been sent in the content of a
    /// 200 (OK) response to the same request." A cache that updates its stored response from
    /// the 304 takes the wrong length with it.
    NOT_MODIFIED_CONTENT_LENGTH_DIFFERS = "not-modified-content-length-differs" {
        fields: ["content-length"],
        requirement: Must,
        spec: "RFC 9110 §8.6",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.6",
        summary: "304 Content-Length is not the length of the 200 content",
        repair: [],
        default: Log,
        example: "GET /logo HTTP/2\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /logo HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-length: 0\n\n",
        near_miss: "GET /logo HTTP/2\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /logo HTTP/2\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep) that sends unsafe methods ([`Sweep::unsafe_methods`], or a
    /// target's declared methods), a 2xx to POST, PUT, PATCH or DELETE sent with an `If-Match`
    /// that lists only an entity tag the target never had, on a target whose GET returned a
    /// 200 — with an `ETag`, or without one to a PUT, PATCH or DELETE. (A POST to a target
    /// without entity tags is not judged: it may create a resource rather than change the
    /// target's, and RFC 9110 §13.2.1 has a server ignore preconditions with a method "that
    /// does not involve the selection or modification of a selected representation".)
    ///
    /// [`Sweep::unsafe_methods`]: crate::sweep::Sweep::unsafe_methods
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.1: "An origin server that evaluates an If-Match condition MUST NOT
    /// perform the requested method if the condition evaluates to false." `If-Match` is how
    /// clients prevent lost updates; a server that ignores it overwrites another client's
    /// change. The condition "is true if any of the listed tags match the entity tag of the
    /// selected representation": a resource that sends no entity tag has none to match, so the
    /// condition is false all the same. What the server answers instead is its choice: it
    /// "MAY indicate that the conditional request failed by responding with a 412
    /// (Precondition Failed)" (an earlier text, RFC 7232 §3.1, made the 412 or the 2xx a MUST;
    /// RFC 9110 does not), or, "if the request is a state-changing operation that appears to
    /// have already been applied to the selected representation", a 2xx — which the sweep's
    /// content, sent without a type and under a tag the resource never had, cannot be.
    ///
    /// A 2xx is taken as the method performed, except one that carries the GET's
    /// representation unchanged (a handler that answers every method as a GET performed
    /// nothing: that is `method-answered-as-get`).
    IF_MATCH_FAILED_BUT_PERFORMED = "if-match-failed-but-performed" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §13.1.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1",
        summary: "2xx to an unsafe method whose If-Match does not match",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v2\"\ncontent-type: text/plain\n\ntext\n~~~\nPUT /doc HTTP/1.1\nif-match: \"v1\"\n\n204 No Content\n\n",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v2\"\ncontent-type: text/plain\n\ntext\n~~~\nPUT /doc HTTP/1.1\nif-match: \"v1\"\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged meanwhile",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 2xx to a GET whose `If-Unmodified-Since` is a second
    /// before the `Last-Modified` of the 200 the same GET got without it. Sent only when that
    /// 200 has a `Last-Modified` (a resource without a modification date may ignore the
    /// field), and without `If-Match` (which would make the server ignore it).
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.4: "When an origin server receives a request that selects a
    /// representation and that request includes an If-Unmodified-Since header field without an
    /// If-Match header field, the origin server MUST evaluate the If-Unmodified-Since condition
    /// prior to performing the method", and "An origin server that evaluates an
    /// If-Unmodified-Since condition MUST NOT perform the requested method if the condition
    /// evaluates to false"; it is true only "If the selected representation's last
    /// modification date is earlier than or equal to the date provided in the field value".
    /// The 2xx the section allows instead of a 412 is for "a state-changing operation that
    /// appears to have already been applied", which a GET is not. A client that asks for a
    /// representation only if it has not changed — to resume a download, or to check before
    /// acting on what it holds — gets the changed one as if it had not.
    IF_UNMODIFIED_SINCE_FAILED_BUT_PERFORMED = "if-unmodified-since-failed-but-performed" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §13.1.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.4",
        summary: "2xx to a GET whose If-Unmodified-Since is false",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-unmodified-since: Sun, 06 Nov 1994 08:49:36 GMT\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-unmodified-since: Sun, 06 Nov 1994 08:49:36 GMT\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged since",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 412 to a GET with `If-Match: *` and an
    /// `If-Unmodified-Since` a second before the `Last-Modified` of the 200 the same GET got
    /// without them, where the same GET with `If-Match: *` alone got a 2xx. Sent only when that
    /// 200 has a `Last-Modified`. The second request is the control: a server that refuses
    /// `If-Match: *` whatever the date has not shown that it evaluated the date, and is not
    /// reported here (Werkzeug 3.1.8's `is_resource_modified` looks `*` up among the strong
    /// tags, finds nothing, and answers `If-Match: *` alone with 412).
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.4: "A recipient MUST ignore If-Unmodified-Since if the request contains
    /// an If-Match header field; the condition in If-Match is considered to be a more accurate
    /// replacement for the condition in If-Unmodified-Since, and the two are only combined for
    /// the sake of interoperating with older intermediaries that might not implement
    /// If-Match." The `If-Match` is true: §13.1.1 "If the field value is "*", the condition is
    /// true if the origin server has a current representation for the target resource", which
    /// the 200 showed. So by §13.2.2 the server goes on past both (step 1 "if true, continue
    /// to step 3"), and a 412 can only come from the date it had to ignore. A client that
    /// sends both — as RFC 9110 expects of one talking through older intermediaries — is
    /// refused a representation whose tag still matches.
    ///
    /// nginx 1.22.1 tests `If-Unmodified-Since` before and apart from `If-Match`
    /// (`ngx_http_not_modified_header_filter`); Apache 2.4.67 evaluates it after a true
    /// `If-Match` (`ap_meets_conditions`). Both answer this request 412.
    IF_UNMODIFIED_SINCE_NOT_IGNORED = "if-unmodified-since-not-ignored" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §13.1.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.4",
        summary: "412 from If-Unmodified-Since beside a true If-Match",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-match: *\nif-unmodified-since: Sun, 06 Nov 1994 08:49:36 GMT\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged since",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-match: *\nif-unmodified-since: Sun, 06 Nov 1994 08:49:36 GMT\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 412 to a GET with `If-Match: *`, where the same GET
    /// without it got a 200 (sent only when that 200 has a `Last-Modified`, as the control of
    /// `if-unmodified-since-not-ignored`).
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.1: "If the field value is "*", the condition is true if the origin
    /// server has a current representation for the target resource", which the 200 showed;
    /// §15.5.13: 412 "indicates that one or more conditions given in the request header fields
    /// evaluated to false when tested on the server". A client that asks to act only if the
    /// resource exists is told it does not. No keyword applies: the status contradicts its
    /// definition. Advice. Werkzeug 3.1.8's static files do it: `is_resource_modified` looks
    /// `*` up among the strong tags and finds nothing.
    PRECONDITION_FAILED_FOR_IF_MATCH_ANY = "precondition-failed-for-if-match-any" {
        fields: [],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.13",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        summary: "412 to If-Match: * on a resource that has a representation",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-match: *\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext\n~~~\nGET /doc HTTP/1.1\nif-match: *\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\ntext",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 200 to a GET with `Accept-Encoding: gzip` whose
    /// `Content-Encoding` differs from that of the plain GET's 200 (a coding applied, or
    /// another one) while both carry the same strong `ETag`. Sent only after a 200 with a
    /// strong `ETag` and content. A server that answers in the same coding, tags the coded
    /// content otherwise (Apache 2.4's `mod_deflate` appends `-gzip`) or weak (nginx 1.22's
    /// `gzip`) is not reported. `identity` counts as no coding.
    ///
    /// ### Why it matters
    /// RFC 9110 §8.8.1: "a validator is weak if it is shared by two or more representations of
    /// a given resource at the same time, unless those representations have identical
    /// representation data. For example, if the origin server sends the same validator for a
    /// representation with a gzip content coding applied as it does for a representation with
    /// no content coding, then that validator is weak." §8.8.3: "If an origin server provides
    /// an entity tag for a representation and the generation of that entity tag does not
    /// satisfy all of the characteristics of a strong validator (Section 8.8.1), then the
    /// origin server MUST mark the entity tag as weak by prefixing its opaque value with
    /// "W/"". A cache that revalidates its gzip copy with the tag gets a 304 for the identity
    /// one, and a client that resumes a download with `If-Range` splices octets of one coding
    /// onto the other (§8.8.3.3). Caddy 2.6.2's `encode` keeps the tag (2.8.0 appends the
    /// coding to it), and tower-http 0.7.1's `CompressionLayer` passes the inner service's
    /// `ETag` through (`compression/future.rs`), so `ServeDir`'s strong tag behind it is
    /// reported; `ServeDir::precompressed_gzip` tags the `.gz` file with its own.
    STRONG_ETAG_SHARED_ACROSS_CONTENT_CODINGS = "strong-etag-shared-across-content-codings" {
        fields: ["etag", "content-encoding"],
        requirement: Must,
        spec: "RFC 9110 §8.8.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3",
        summary: "the same strong ETag on the content in two content codings",
        repair: [],
        default: Log,
        example: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello, world\n~~~\nGET /doc HTTP/1.1\naccept-encoding: gzip\n\n200 OK\netag: \"v1\"\ncontent-encoding: gzip\nvary: accept-encoding\ncontent-type: text/plain\n\n(gzip)",
        near_miss: "GET /doc HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello, world\n~~~\nGET /doc HTTP/1.1\naccept-encoding: gzip\n\n200 OK\netag: \"v1-gzip\"\ncontent-encoding: gzip\nvary: accept-encoding\ncontent-type: text/plain\n\n(gzip)",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 412 to a GET with `If-Match` set to a tag the resource
    /// cannot have, where the same GET without it got a status other than 2xx and 412 (a 404,
    /// a redirect, a 401, a 405, …). Not sent after a 429 or a 503, which say nothing of the
    /// resource.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.2.1: "A server MUST ignore all received preconditions if its response to
    /// the same request without those conditions, prior to processing the request content,
    /// would have been a status code other than a 2xx (Successful) or 412 (Precondition
    /// Failed). In other words, redirects and failures that can be detected before significant
    /// processing occurs take precedence over the evaluation of preconditions." A client told
    /// 412 believes the resource changed under it and refetches or gives up, when it should
    /// have been told that the resource is missing, moved or closed to it.
    PRECONDITION_NOT_IGNORED_FOR_NON_SUCCESS = "precondition-not-ignored-for-non-success" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §13.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.2.1",
        summary: "412 where the request without its condition gets neither 2xx nor 412",
        repair: [],
        default: Log,
        example: "GET /gone HTTP/1.1\n\n404 Not Found\ncontent-type: text/plain\n\nno such thing\n~~~\nGET /gone HTTP/1.1\nif-match: \"stale\"\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged meanwhile",
        near_miss: "GET /gone HTTP/1.1\n\n404 Not Found\ncontent-type: text/plain\n\nno such thing\n~~~\nGET /gone HTTP/1.1\nif-match: \"stale\"\n\n404 Not Found\ncontent-type: text/plain\n\nno such thing",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 206 whose `Content-Range` complete length, or a 416 whose
    /// `Content-Range: bytes */<length>`, is not the length of the content of the 200 to the
    /// same GET. Judged when the 200 has a validator and the 206 (or the 416, if it has one)
    /// shows the same, or when neither has one and every GET of the sweep got the same number
    /// of octets (the rule the HEAD comparison follows): otherwise the representation may have
    /// changed in between.
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: the complete length is "the current length of the selected
    /// representation". Download managers preallocate and resume from it; a wrong length
    /// corrupts the assembled file.
    RANGE_LENGTH_DIFFERS_FROM_FULL = "range-length-differs-from-full" {
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "Content-Range complete length is not the 200's length",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-0/50\ncontent-type: text/plain\n\nh",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=0-0\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 0-0/5\ncontent-type: text/plain\n\nh",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a single-part 206 whose content is not the bytes its
    /// `Content-Range` names in the content of the 200 to the same GET, both with the same
    /// validator (without one, the representation may have changed in between).
    ///
    /// ### Why it matters
    /// RFC 9110 §14.4: `Content-Range` "indicates where in the selected representation the
    /// enclosed partial content belongs"; §15.3.7: a 206 transfers "one or more parts of the
    /// selected representation". A client splices the part in at that offset; other bytes
    /// corrupt what it assembles.
    PARTIAL_CONTENT_DIFFERS_FROM_FULL = "partial-content-differs-from-full" {
        fields: ["content-range"],
        requirement: Must,
        spec: "RFC 9110 §14.4",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.4",
        summary: "206 content is not that range of the 200 content",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\n\nhe",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\netag: \"v1\"\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\n\nel",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a GET with a `Range` in a unit nobody defines answered with
    /// another status than the same GET without it (a 416 is reported by
    /// `range-not-satisfiable-unknown-unit`).
    ///
    /// ### Why it matters
    /// RFC 9110 §14.2: "An origin server MUST ignore a Range header field that contains a range
    /// unit it does not understand." Ignoring it means answering as if it were absent.
    RANGE_UNKNOWN_UNIT_NOT_IGNORED = "range-unknown-unit-not-ignored" {
        fields: [],
        requirement: Must,
        spec: "RFC 9110 §14.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-14.2",
        summary: "Range in an unknown unit changed the answer",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: pages=1-2\n\n400 Bad Request\ncontent-type: text/plain\n\nbad range",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: pages=1-2\n\n200 OK\ncontent-type: text/plain\n\nhello",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 206 to a `Range` inside the content that lacks one of
    /// `Cache-Control`, `Content-Location`, `ETag`, `Expires` and `Vary` the 200 to the same
    /// GET carried (the sweep sends no `If-Range`, the one case where they may be left out) —
    /// and `Date`, also on the RFC's list, when the sweep judges responses as received
    /// ([`Wire::Received`](crate::Wire::Received)): hyper adds it to every response it encodes.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.7: "The server generating a 206 response MUST generate the following header
    /// fields, in addition to those required in the subsections below, if the field would have
    /// been sent in a 200 (OK) response to the same request: Date, Cache-Control, ETag, Expires,
    /// Content-Location, and Vary." A cache combining the part with what it stored needs the
    /// same validator and freshness information.
    PARTIAL_CONTENT_DROPS_FIELDS = "partial-content-drops-fields" {
        fields: ["cache-control", "content-location", "date", "etag", "expires", "vary"],
        requirement: Must,
        spec: "RFC 9110 §15.3.7",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.7",
        summary: "206 leaves out a field the 200 carries",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\netag: \"v1\"\n\nel",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\ncache-control: max-age=600\ncontent-type: text/plain\n\nhello\n~~~\nGET /file HTTP/1.1\nrange: bytes=1-2\n\n206 Partial Content\ncontent-range: bytes 1-2/5\ncontent-type: text/plain\netag: \"v1\"\ncache-control: max-age=600\n\nel",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a `Repr-Digest` that gives another value, for the same
    /// algorithm, on the HEAD or on a 206 than on the 200 to the same GET, when both show one
    /// representation (the same `ETag` and `Last-Modified`, at least one of them present).
    /// Without a validator nothing is compared: content generated anew has another digest by
    /// right.
    ///
    /// ### Why it matters
    /// RFC 9530 §3: `Repr-Digest` carries digests "calculated using a hashing algorithm applied
    /// to the entire selected representation data", which a HEAD and a range request select
    /// as their GET does (RFC 9110 §9.3.2, §14); its Appendix B examples give a HEAD and a 206
    /// the 200's `Repr-Digest`. Two values for one representation mean one is false, and a
    /// client that checks the whole after assembling ranges rejects it. RFC 9530 defines the
    /// value without a keyword: advice.
    REPR_DIGEST_DIFFERS = "repr-digest-differs" {
        fields: ["repr-digest"],
        requirement: Advisory,
        spec: "RFC 9530 §3",
        url: "https://www.rfc-editor.org/rfc/rfc9530#section-3",
        summary: "Repr-Digest differs between a 200 and its HEAD or 206",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n{\"hello\": \"world\"}\n~~~\nHEAD /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\ncontent-type: application/json\n\n",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n{\"hello\": \"world\"}\n~~~\nHEAD /file HTTP/1.1\n\n200 OK\netag: \"v1\"\nrepr-digest: sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\ncontent-type: application/json\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), an `application/problem+json` response whose top-level
    /// `status` member is an integer other than the response's status code. Content that is
    /// content-coded, over 1 MiB, not one JSON object, or whose `status` is repeated or not an
    /// integer is not judged. The layer, which never buffers a body, cannot read it: the sweep
    /// reads every response to its end.
    ///
    /// ### Why it matters
    /// RFC 9457 §3.1.2: the `status` member "conveys the HTTP status code used for the
    /// convenience of the consumer. Generators MUST use the same status code in the actual
    /// HTTP response, to assure that generic HTTP software that does not understand this format
    /// still behaves correctly." A client that reads the problem and a proxy, cache or retry
    /// policy that reads the status then act on two different outcomes (a problem with
    /// `"status": 503` sent as 200 is cached as a success).
    PROBLEM_DETAILS_STATUS_DIFFERS = "problem-details-status-differs" {
        fields: ["content-type"],
        requirement: Must,
        spec: "RFC 9457 §3.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9457#section-3.1.2",
        summary: "problem details whose status member is not the response's",
        repair: [],
        default: Log,
        example: "GET /account HTTP/1.1\n\n200 OK\ncontent-type: application/problem+json\n\n{\"type\": \"about:blank\", \"title\": \"Unavailable\", \"status\": 503}",
        near_miss: "GET /account HTTP/1.1\n\n503 Service Unavailable\ncontent-type: application/problem+json\n\n{\"type\": \"about:blank\", \"title\": \"Unavailable\", \"status\": 503}",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 2xx to the sweep's undefined method, `TRACE`, `PUT`,
    /// `PATCH` or `DELETE` that carries the representation the plain GET got: the same content
    /// (at least one octet), `Content-Type` and validators. (`POST`, `OPTIONS` and `QUERY` may
    /// rightly answer with the resource's representation and are not judged.)
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized
    /// or not implemented SHOULD respond with the 501 (Not Implemented) status code", and one
    /// that is known but not allowed for the resource can answer 405. A server that answers
    /// every method as a GET tells a client that its `DELETE` or `PUT` succeeded when nothing
    /// happened, and answers `TRACE` with something other than the reflected request that
    /// §9.3.8 asks for ("The final recipient of the request SHOULD reflect the message
    /// received … back to the client as the content of a 200 (OK) response"). Static file
    /// handlers that serve a file whatever the method do this.
    METHOD_ANSWERED_AS_GET = "method-answered-as-get" {
        fields: ["content-type"],
        requirement: Should,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "a method the resource does not implement answered as a GET",
        repair: [],
        default: Log,
        example: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nDELETE /file HTTP/1.1\nif-match: \"x\"\n\n200 OK\ncontent-type: text/plain\n\nhello",
        near_miss: "GET /file HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nhello\n~~~\nDELETE /file HTTP/1.1\nif-match: \"x\"\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
    }

    /// ### What it checks
    /// In a [sweep](crate::sweep), a 404 to `OPTIONS`, `TRACE`, the sweep's undefined method or
    /// a declared `QUERY` on a target whose plain GET got a 2xx. (The unsafe methods are not
    /// judged: one sent in an earlier HTTP version may have deleted the resource.)
    ///
    /// ### Why it matters
    /// RFC 9110 §9.1: "An origin server that receives a request method that is unrecognized or
    /// not implemented SHOULD respond with the 501 (Not Implemented) status code. An origin
    /// server that receives a request method that is recognized and implemented, but not
    /// allowed for the target resource, SHOULD respond with the 405 (Method Not Allowed) status
    /// code." A 404 says that there is no current representation of the target (§15.5.5),
    /// which its GET just showed there is: a client concludes the resource is gone, and a
    /// 405's `Allow` never tells it which methods it may use. Routers that match the method
    /// before the path answer this way (Express 4.22.3 answers `TRACE` with 404).
    METHOD_ANSWERED_NOT_FOUND = "method-answered-not-found" {
        fields: [],
        requirement: Should,
        spec: "RFC 9110 §9.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-9.1",
        summary: "404 to a method on a target that answers GET",
        repair: [],
        default: Log,
        example: "GET /items HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nitems\n~~~\nTRACE /items HTTP/1.1\n\n404 Not Found\ncontent-type: text/plain\n\nCannot TRACE /items",
        near_miss: "GET /items HTTP/1.1\n\n200 OK\ncontent-type: text/plain\n\nitems\n~~~\nTRACE /items HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
    }
}
