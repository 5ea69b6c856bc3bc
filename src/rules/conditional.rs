//! Conditional requests: 304, 412 and 428, and 2xx that ignored a false condition.

use crate::facts::MethodCode;
use http::{header, StatusCode};

use super::{content, BodyPlan, Ctx, Fields, Repair};
use crate::{
    facts::{Field, Present, Value},
    syntax::{
        date,
        etag::{self, EntityTag},
        list,
    },
    Rule,
};

/// 304 Not Modified.
pub(super) fn not_modified(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::NOT_MODIFIED_TO_NON_GET_HEAD, |cx| {
        !cx.facts.selects_representation()
    });
    cx.flag_if(Rule::NOT_MODIFIED_UNCONDITIONAL, |cx| {
        !cx.facts
            .present
            .any(Present::IF_NONE_MATCH.union(Present::IF_MODIFIED_SINCE))
    });
    cx.flag_if(Rule::NOT_MODIFIED_WITHOUT_ETAG, |cx| {
        !cx.fields.has(Fields::ETAG)
            && cx
                .facts
                .get(Field::IfNoneMatch)
                .known()
                .is_some_and(|value| {
                    // Only entity tags (no `*`): the client then holds a response that had one.
                    let mut tags = list::elements_of(value).peekable();
                    tags.peek().is_some() && tags.all(|tag| EntityTag::parse(tag).is_some())
                })
    });
    if cx.facts.selects_representation() {
        cx.flag_if(Rule::NOT_MODIFIED_ETAG_MISMATCH, etag_mismatch);
    }
    cx.flag_if(Rule::NOT_MODIFIED_WITH_REPRESENTATION_METADATA, |cx| {
        cx.fields.any(Fields::REPRESENTATION_METADATA)
    });
    evaluated_where_ignored(cx);
}

/// A 304 whose own `ETag` matches none of the entity tags `If-None-Match` listed: the
/// condition was true, so the 304 came from another evaluation (`If-Modified-Since`, which
/// must then be ignored) or a wrong one. Not judged on `*`, on a list or an `ETag` that does
/// not parse, or on a field too long to keep.
fn etag_mismatch(cx: &Ctx<'_>) -> bool {
    let Some(field) = cx.facts.get(Field::IfNoneMatch).known() else {
        return false;
    };
    if !cx.fields.has(Fields::ETAG) {
        return false;
    }
    // The usual 304 sends back the very bytes the request listed: decided on the first line
    // alone, without parsing either.
    if crate::syntax::lines(cx.headers, &header::ETAG)
        .next()
        .is_some_and(|etag| crate::syntax::same_bytes(etag.as_bytes(), field))
    {
        return false;
    }
    let Some(current) = cx
        .single(Fields::ETAG, header::ETAG)
        .and_then(EntityTag::parse)
    else {
        return false;
    };
    // Every element an entity tag (`*` is not one), none of them matching.
    let mut tags = list::elements_of(field).peekable();
    tags.peek().is_some()
        && tags.all(|tag| EntityTag::parse(tag).is_some_and(|listed| !listed.weak_eq(current)))
}

/// 412 Precondition Failed.
pub(super) fn precondition_failed(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::PRECONDITION_FAILED_UNCONDITIONAL, |cx| {
        !cx.facts.present.any(Present::PRECONDITIONS)
    });
    evaluated_where_ignored(cx);
}

/// A 304 or 412 that can only come from a precondition the server had to ignore.
fn evaluated_where_ignored(cx: &mut Ctx<'_>) {
    if matches!(
        cx.facts.code,
        MethodCode::Connect | MethodCode::Options | MethodCode::Trace
    ) {
        cx.flag_if(Rule::PRECONDITION_ON_CONNECT_OPTIONS_TRACE, |cx| {
            cx.facts.present.any(Present::PRECONDITIONS)
        });
    } else if !cx.facts.selects_representation() {
        cx.flag_if(Rule::IF_MODIFIED_SINCE_ON_NON_GET_HEAD, |cx| {
            cx.facts
                .present
                .only(Present::PRECONDITIONS, Present::IF_MODIFIED_SINCE)
        });
    }
}

/// A 2xx to GET, HEAD or QUERY whose condition was false (RFC 9110 §13.1.2, §13.1.3; RFC 10008
/// §2.6).
#[inline]
pub(super) fn ignored(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    match facts.get(Field::IfNoneMatch) {
        Value::Known(field) => {
            cx.flag_if(Rule::IF_NONE_MATCH_IGNORED, |cx| {
                // A response without `ETag` (an empty 204, say) is decided without a lookup.
                etag::if_none_match_matches(field, cx.single(Fields::ETAG, header::ETAG))
            });
            // §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
            return;
        }
        // Present but not kept: what it says is unknown, and it still overrides
        // If-Modified-Since.
        Value::Unknown => return,
        Value::Absent => {}
    }
    if cx.code != 200 {
        return;
    }
    if let Some(since) = facts.get(Field::IfModifiedSince).known() {
        cx.flag_if(Rule::IF_MODIFIED_SINCE_IGNORED, |cx| {
            let modified = cx
                .single(Fields::LAST_MODIFIED, header::LAST_MODIFIED)
                .and_then(date::parse);
            match (modified, date::parse(since)) {
                (Some((modified, _)), Some((since, _))) => modified <= since,
                _ => false,
            }
        });
    }
}

/// 428 Precondition Required.
pub(super) fn precondition_required(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::PRECONDITION_REQUIRED_ALREADY_CONDITIONAL, |cx| {
        cx.facts.has(Present::IF_MATCH_TAG)
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::NOT_MODIFIED_WITH_REPRESENTATION_METADATA => {
            content::remove_representation_metadata(headers);
        }
        Rule::NOT_MODIFIED_TO_NON_GET_HEAD => {
            // RFC 9110 §13.1.2 decides the status only for a false If-None-Match; without one a
            // 412 would be as wrong as the 304.
            if !repair.facts.has(Present::IF_NONE_MATCH) {
                return Some(false);
            }
            repair.parts.status = StatusCode::PRECONDITION_FAILED;
            // A 304's content is never sent (hyper drops it over HTTP/1.x): it must not become
            // the 412's. The 304's length described a 200; the 412 frames its own (empty)
            // body. `Location` and `Retry-After` mean something on a 3xx and nothing on a 412.
            *repair.plan = BodyPlan::Empty;
            let headers = &mut repair.parts.headers;
            content::remove_framing(headers);
            headers.remove(header::LOCATION);
            headers.remove(header::RETRY_AFTER);
        }
        Rule::IF_NONE_MATCH_IGNORED | Rule::IF_MODIFIED_SINCE_IGNORED => {
            repair.parts.status = StatusCode::NOT_MODIFIED;
            *repair.plan = BodyPlan::Empty;
            let headers = &mut repair.parts.headers;
            content::remove_representation_metadata(headers);
            headers.remove(header::CONTENT_RANGE);
            headers.remove(header::TRANSFER_ENCODING);
        }
        _ => return None,
    }
    Some(true)
}

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 304 (Not Modified) to a method other than GET, HEAD and QUERY.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.2: when `If-None-Match` evaluates to false the server "MUST respond with
    /// either a) the 304 (Not Modified) status code if the request method is GET or HEAD or b)
    /// the 412 (Precondition Failed) status code for all other request methods". RFC 10008
    /// §2.6 defines conditional QUERY as for GET ("The selected representation of a QUERY
    /// request is the same as for a GET request to the equivalent resource"), and its own
    /// example (Appendix A.5) answers a conditional QUERY with 304; a 304 to QUERY is not
    /// reported.
    NOT_MODIFIED_TO_NON_GET_HEAD = "not-modified-to-non-get-head" {
        fields: [],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §13.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2",
        summary: "304 to a method other than GET, HEAD or QUERY",
        repair: ["Changes the status to 412 Precondition Failed when the request carried `If-None-Match`, the case RFC 9110 §13.1.2 decides, drops any content (a 304's is never sent) and removes `Content-Length`, `Transfer-Encoding`, `Location` and `Retry-After`, which described the 304 (opt-in: the default is `Log`); without `If-None-Match` the violation is reported as `Log`."],
        default: Log,
        example: "PUT /items/7 HTTP/1.1\nif-none-match: *\ncontent-length: 2\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "PUT /items/7 HTTP/1.1\nif-none-match: *\ncontent-length: 2\n\n412 Precondition Failed\netag: \"v1\"\ncontent-type: text/plain\n\nexists",
        openapi: "a 304 response documented for an operation other than `get`, `head` or `query`",
    }

    /// ### What it checks
    /// A 304 to a request with neither `If-None-Match` nor `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: 304 says a conditional GET or HEAD "would have resulted in a 200 (OK)
    /// response if it were not for the fact that the condition evaluated to false". Without a
    /// condition the client has no stored response to reuse.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    NOT_MODIFIED_UNCONDITIONAL = "not-modified-unconditional" {
        fields: [],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Advisory,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 to an unconditional request",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\n\n304 Not Modified\netag: \"v1\"\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304 Not Modified\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\n\n",
    }

    /// ### What it checks
    /// A 304 without `ETag` to a request whose `If-None-Match` lists only entity tags (no `*`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: the server MUST generate the fields a 200 would have carried, `ETag`
    /// among them; a client that validated with an entity tag got one in that 200. Without it the
    /// cache cannot tell which stored response the 304 refreshes.
    NOT_MODIFIED_WITHOUT_ETAG = "not-modified-without-etag" {
        fields: ["etag"],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 to If-None-Match without ETag",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\n\n",
    }

    /// ### What it checks
    /// A 304 to GET, HEAD or QUERY whose `ETag` matches none of the entity tags the request's
    /// `If-None-Match` lists (weak comparison). Not judged when the list holds `*` or anything
    /// that is not an entity tag, when the `ETag` does not parse, or when `If-None-Match` is
    /// too long for the layer to keep.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.2: "If the field value is a list of entity tags, the condition is false
    /// if one of the listed tags matches the entity tag of the selected representation", and
    /// only a false condition calls for a 304. §15.4.5 makes the 304's `ETag` the one a 200
    /// would carry, the selected representation's: one that matches no listed tag shows the
    /// condition was true. The 304 then came from `If-Modified-Since`, which §13.1.3 forbids
    /// ("A recipient MUST ignore If-Modified-Since if the request contains an If-None-Match
    /// header field"), or from a wrong comparison; the client keeps a stale representation and
    /// a cache pairs it with the new tag. nginx 1.22.1, Apache 2.4.67, Caddy 2.6.2, Werkzeug
    /// 3.1 and Express 4.22 each answer a stale tag beside a current date with 200
    /// (`tests/all/servers.rs`); so does Apache to a tag `mod_deflate` suffixed with `-gzip`.
    NOT_MODIFIED_ETAG_MISMATCH = "not-modified-etag-mismatch" {
        fields: ["etag"],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §13.1.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.3",
        summary: "304 whose ETag matches no tag of If-None-Match",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304 Not Modified\netag: \"v2\"\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v0\", W/\"v1\"\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n304 Not Modified\netag: \"v1\"\n\n",
    }

    /// ### What it checks
    /// A 304 carrying `Content-Type`, `Content-Encoding` or `Content-Language`.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.4.5: "a sender SHOULD NOT generate representation metadata other than the
    /// above listed fields unless said metadata exists for the purpose of guiding cache updates".
    /// Caches merge a 304's fields into the stored response, so a stray `Content-Type` can
    /// relabel it.
    NOT_MODIFIED_WITH_REPRESENTATION_METADATA = "not-modified-with-representation-metadata" {
        fields: ["content-type", "content-encoding", "content-language"],
        requirement: Should,
        spec: "RFC 9110 §15.4.5",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.4.5",
        summary: "304 with Content-Type, Content-Encoding or Content-Language",
        repair: ["Removes `Content-Type`, `Content-Encoding` and `Content-Language`; keeps `ETag`, `Last-Modified`, `Content-Location` and the caching fields."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-type: text/html\n\n",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v1\"\n\n304 Not Modified\netag: \"v1\"\ncontent-location: /items/7.html\nvary: accept\n\n",
        openapi: "a 304 response documented with content (its media type a `Content-Type`), `Content-Encoding` or `Content-Language`",
    }

    /// ### What it checks
    /// A 2xx to GET, HEAD or QUERY although its `ETag` matches the request's `If-None-Match` (weak
    /// comparison, every field line of the list), or `If-None-Match: *` was sent. An
    /// `If-None-Match` too long for the layer to keep is never judged.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.2: when `If-None-Match` evaluates to false "the origin server MUST NOT
    /// perform the requested method; instead, the origin server MUST respond with either a) the
    /// 304 (Not Modified) status code if the request method is GET or HEAD or b) the 412
    /// (Precondition Failed) status code for all other request methods". Sending the whole body
    /// again wastes the revalidation the client asked for. RFC 10008 §2.6 defines a conditional
    /// QUERY as for GET (its 304 is `not-modified-to-non-get-head`'s exception), so a QUERY is
    /// judged and repaired like a GET.
    IF_NONE_MATCH_IGNORED = "if-none-match-ignored" {
        fields: ["etag"],
        reads: [IF_NONE_MATCH],
        requirement: Must,
        spec: "RFC 9110 §13.1.2",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2",
        summary: "2xx although If-None-Match matches",
        repair: ["Changes the response into a 304: status 304, body removed, `Content-Type`, `Content-Encoding`, `Content-Language`, `Content-Range` and `Transfer-Encoding` removed, the other fields (including `Content-Length`) kept (opt-in: the default is `Log`)."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-none-match: W/\"v1\"\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nitem 7",
        near_miss: "GET /items/7 HTTP/1.1\nif-none-match: \"v0\"\n\n200 OK\netag: \"v1\"\ncontent-type: text/plain\n\nitem 7",
    }

    /// ### What it checks
    /// A 200 to GET, HEAD or QUERY (RFC 10008 §2.6) without `If-None-Match` (of any length),
    /// whose `Last-Modified` is not later than the request's `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.3: if the selected representation's last modification date is earlier or
    /// equal to the date provided, the condition is false, and §13.2.2 then calls for a 304. The
    /// full body is sent again for nothing.
    IF_MODIFIED_SINCE_IGNORED = "if-modified-since-ignored" {
        fields: ["last-modified"],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Should,
        spec: "RFC 9110 §13.1.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.3",
        summary: "200 although If-Modified-Since is not older",
        repair: ["Changes the response into a 304, as the repair of `if-none-match-ignored` does (opt-in: the default is `Log`)."],
        default: Log,
        example: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200 OK\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nitem 7",
        near_miss: "GET /items/7 HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200 OK\nlast-modified: Mon, 07 Nov 1994 08:49:37 GMT\ncontent-type: text/plain\n\nitem 7",
    }

    /// ### What it checks
    /// A 304 or 412 to a method other than GET, HEAD and QUERY whose only precondition was
    /// `If-Modified-Since`.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.1.3: "A recipient MUST ignore the If-Modified-Since header field if … the
    /// request method is neither GET nor HEAD." A status that can only come from evaluating it
    /// shows it was not ignored. QUERY is exempt: RFC 10008 §2.6 defines its conditional
    /// requests as GET's, and its example (Appendix A.5) answers `If-Modified-Since` on a QUERY
    /// with 304.
    IF_MODIFIED_SINCE_ON_NON_GET_HEAD = "if-modified-since-on-non-get-head" {
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Must,
        spec: "RFC 9110 §13.1.3",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.1.3",
        summary: "304/412 from If-Modified-Since on a method other than GET, HEAD or QUERY",
        repair: [],
        default: Log,
        example: "POST /items HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "POST /items HTTP/1.1\nif-unmodified-since: Sun, 06 Nov 1994 08:49:37 GMT\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
    }

    /// ### What it checks
    /// A 304 or 412 to CONNECT, OPTIONS or TRACE.
    ///
    /// ### Why it matters
    /// RFC 9110 §13.2.1: "a server MUST ignore the conditional request header fields defined by
    /// this specification when received with a request method that does not involve the
    /// selection or modification of a selected representation, such as CONNECT, OPTIONS, or
    /// TRACE."
    PRECONDITION_ON_CONNECT_OPTIONS_TRACE = "precondition-on-connect-options-trace" {
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Must,
        spec: "RFC 9110 §13.2.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-13.2.1",
        summary: "304/412 to CONNECT, OPTIONS or TRACE",
        repair: [],
        default: Log,
        example: "OPTIONS /items HTTP/1.1\nif-match: \"v1\"\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "OPTIONS /items HTTP/1.1\nif-match: \"v1\"\n\n204 No Content\nallow: GET, HEAD, OPTIONS\n\n",
    }

    /// ### What it checks
    /// A 412 (Precondition Failed) to a request without any precondition field (`If-Match`,
    /// `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`, `If-Range`).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.13: 412 means "one or more conditions given in the request header fields
    /// evaluated to false"; with none given, the client cannot tell what to change.
    /// No requirement keyword applies: the status contradicts its definition. Advice.
    PRECONDITION_FAILED_UNCONDITIONAL = "precondition-failed-unconditional" {
        fields: [],
        reads: [PRECONDITIONS],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.13",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        summary: "412 to an unconditional request",
        repair: [],
        default: Log,
        example: "PUT /items/7 HTTP/1.1\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
        near_miss: "PUT /items/7 HTTP/1.1\nif-match: \"v1\"\ncontent-length: 2\n\n412 Precondition Failed\ncontent-type: text/plain\n\nchanged",
    }

    /// ### What it checks
    /// A 428 (Precondition Required) to a request whose `If-Match` names an entity tag.
    ///
    /// ### Why it matters
    /// RFC 6585 §3: 428 "indicates that the origin server requires the request to be
    /// conditional", typically to prevent lost updates; a request with `If-Match: "tag"` is
    /// conditional in exactly that way. (`If-Match: *` and the date conditions are not judged:
    /// a server may insist on an entity tag.) Advice.
    PRECONDITION_REQUIRED_ALREADY_CONDITIONAL = "precondition-required-already-conditional" {
        fields: [],
        reads: [IF_MATCH],
        requirement: Advisory,
        spec: "RFC 6585 §3",
        url: "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        summary: "428 to a request that carried If-Match",
        repair: [],
        default: Log,
        example: "PUT /doc HTTP/1.1\nif-match: \"v3\"\ncontent-length: 2\n\n428 Precondition Required\ncontent-type: text/plain\n\nsend If-Match",
        near_miss: "PUT /doc HTTP/1.1\ncontent-length: 2\n\n428 Precondition Required\ncontent-type: text/plain\n\nsend If-Match",
    }
}
