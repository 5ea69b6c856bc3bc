//! Content and framing: what may carry content, with which framing headers, and how it is
//! labelled.

use http::{Method, Version};

use super::{Ctx, Fields};
use crate::{
    facts::{BodyShape, Present},
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let code = cx.code;
    let connect_success = cx.method_is(&Method::CONNECT) && cx.status.is_success();
    match code {
        100..=199 => cx.forbid_content(Rule::INFORMATIONAL_WITH_BODY),
        204 => cx.forbid_content(Rule::NO_CONTENT_WITH_BODY),
        205 => cx.forbid_content(Rule::RESET_CONTENT_WITH_BODY),
        304 => cx.forbid_content(Rule::NOT_MODIFIED_WITH_BODY),
        _ if cx.method_is(&Method::HEAD) => cx.forbid_content(Rule::HEAD_RESPONSE_WITH_BODY),
        _ => {}
    }
    // RFC 9110 §8.6 and RFC 9112 §6.1: no framing header at all on these.
    if matches!(code, 100..=199 | 204) || connect_success {
        let fields = cx.fields;
        // hyper's HTTP/1 server writes no Content-Length for a 1xx or 204 whose body is empty
        // (it sends the other cases, and fails a 2xx to CONNECT that has one): the client never
        // sees it.
        let dropped_on_the_wire =
            !connect_success && cx.facts.version < Version::HTTP_2 && cx.body == BodyShape::Empty;
        if fields.has(Fields::CONTENT_LENGTH) && !dropped_on_the_wire {
            cx.flag(Rule::FORBIDDEN_CONTENT_LENGTH);
        }
        if fields.has(Fields::TRANSFER_ENCODING) {
            cx.flag(Rule::FORBIDDEN_TRANSFER_ENCODING);
        }
    }
    let may_have_content = !matches!(code, 100..=199 | 204 | 205 | 304)
        && !cx.method_is(&Method::HEAD)
        && !connect_success;
    if !may_have_content {
        return;
    }
    match cx.body {
        BodyShape::Content { .. } => cx.flag_if(Rule::CONTENT_WITHOUT_CONTENT_TYPE, |cx| {
            // A 206 to If-Range should not repeat the type (RFC 9110 §15.3.7).
            let if_range_partial = code == 206 && cx.facts.has(Present::IF_RANGE);
            !(cx.fields.has(Fields::CONTENT_TYPE) || if_range_partial)
        }),
        BodyShape::Empty if (400..=599).contains(&code) => cx.flag(Rule::ERROR_WITHOUT_EXPLANATION),
        _ => {}
    }
}
