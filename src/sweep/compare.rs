//! The sweep rules: each compares exchanges of one target in one HTTP version.

use http::{header, HeaderMap, HeaderName, Method, StatusCode};

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
        found.push(
            match Culprit::recognise(rule, &on.headers, on.length == 0) {
                Some(culprit) => violation.with_culprit(culprit),
                None => violation,
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
    if let Some(get) = get {
        as_get(get, slot, &mut flag);
        not_found(get, slot, &mut flag);
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
                Probe::Plain | Probe::IfMatchStale => {}
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
