//! Conditional requests: 304, 412, and 2xx that ignored a false condition.

use http::{header, Method};

use super::{etag, etag::EntityTag, Ctx, Fields};
use crate::{date, facts::Present, Rule};

/// 304 Not Modified.
pub(super) fn not_modified(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::NOT_MODIFIED_TO_NON_GET_HEAD, |cx| {
        !cx.facts.is_get_or_head()
    });
    cx.flag_if(Rule::NOT_MODIFIED_UNCONDITIONAL, |cx| {
        !cx.facts
            .present
            .any(Present::IF_NONE_MATCH.union(Present::IF_MODIFIED_SINCE))
    });
    cx.flag_if(Rule::NOT_MODIFIED_WITHOUT_ETAG, |cx| {
        !cx.fields.has(Fields::ETAG)
            && cx.facts.if_none_match().is_some_and(|value| {
                // Only entity tags (no `*`): the client then holds a response that had one.
                let mut tags = super::list::elements_of(value).peekable();
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
    } else if !cx.facts.is_get_or_head() {
        cx.flag_if(Rule::IF_MODIFIED_SINCE_ON_NON_GET_HEAD, |cx| {
            cx.facts
                .present
                .only(Present::PRECONDITIONS, Present::IF_MODIFIED_SINCE)
        });
    }
}

/// A 2xx to GET or HEAD whose condition was false (RFC 9110 §13.1.2, §13.1.3).
pub(super) fn ignored(cx: &mut Ctx<'_>) {
    let facts = cx.facts;
    if let Some(field) = facts.if_none_match() {
        cx.flag_if(Rule::IF_NONE_MATCH_IGNORED, |cx| {
            let current = cx
                .headers
                .get(header::ETAG)
                .and_then(|value| EntityTag::parse(value.as_bytes()));
            etag::if_none_match_matches(field, current)
        });
        // §13.1.3: If-Modified-Since is ignored when If-None-Match is present.
        return;
    }
    if cx.code != 200 {
        return;
    }
    if let Some(since) = facts.if_modified_since() {
        cx.flag_if(Rule::IF_MODIFIED_SINCE_IGNORED, |cx| {
            let modified = cx
                .headers
                .get(header::LAST_MODIFIED)
                .and_then(|value| date::parse(value.as_bytes()));
            match (modified, date::parse(since)) {
                (Some((modified, _)), Some((since, _))) => modified <= since,
                _ => false,
            }
        });
    }
}
