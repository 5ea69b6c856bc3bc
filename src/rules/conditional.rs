//! Conditional requests: 304, 412 and 428, and 2xx that ignored a false condition.

use http::{header, Method, StatusCode};

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
    cx.flag_if(Rule::NOT_MODIFIED_WITH_REPRESENTATION_METADATA, |cx| {
        cx.fields.any(Fields::REPRESENTATION_METADATA)
    });
    evaluated_where_ignored(cx);
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
    let method = &cx.facts.method;
    if matches!(*method, Method::CONNECT | Method::OPTIONS | Method::TRACE) {
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
