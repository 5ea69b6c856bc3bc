//! QUERY (RFC 10008): a success to a QUERY without a media type, the syntax of `Accept-Query`,
//! and a 415 to QUERY that names no format. What QUERY changes in other topics (safety,
//! conditional requests, ranges, `Location` on a 2xx) lives with those topics.

use http::header::HeaderName;

use super::{Ctx, Fields};
use crate::{
    facts::Present,
    syntax::structured::{self, Bare},
    Rule,
};

const ACCEPT_QUERY: HeaderName = HeaderName::from_static("accept-query");

/// A 2xx to QUERY.
pub(super) fn success(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::QUERY_SUCCESS_WITHOUT_CONTENT_TYPE, |cx| {
        !cx.facts.has(Present::CONTENT_TYPE)
    });
}

/// A 415 to QUERY.
pub(super) fn unsupported_media_type(cx: &mut Ctx<'_>) {
    // `Accept` is RFC 10008 Appendix A.3's alternative; `Accept-Encoding` answers a 415 for
    // an unsupported content coding (RFC 9110 §15.5.16).
    cx.flag_if(Rule::UNSUPPORTED_MEDIA_TYPE_QUERY_WITHOUT_FORMATS, |cx| {
        cx.facts.has(Present::CONTENT_TYPE)
            && !cx.fields.any(
                Fields::ACCEPT_QUERY
                    .union(Fields::ACCEPT)
                    .union(Fields::ACCEPT_ENCODING),
            )
    });
}

/// Any response with `Accept-Query`.
pub(super) fn accept_query(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::ACCEPT_QUERY_INVALID, |cx| {
        !cx.headers.get_all(ACCEPT_QUERY).iter().all(|line| {
            structured::each_member(line.as_bytes(), |member| {
                let range = match member.item {
                    Bare::Token(text) | Bare::String(text) => text,
                    Bare::Other => return false,
                };
                member.text_parameters && structured::is_media_range(range)
            })
        })
    });
}
