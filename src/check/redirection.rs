//! 3xx.

use http::{header, Method};

use super::{conditional, Ctx, Fields};
use crate::{facts::BodyShape, Rule};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let empty_non_head = !cx.method_is(&Method::HEAD) && cx.body == BodyShape::Empty;
    match cx.code {
        300 if empty_non_head => cx.flag(Rule::MULTIPLE_CHOICES_WITHOUT_CONTENT),
        301 | 302 | 303 | 307 | 308 => {
            if !cx.fields.has(Fields::LOCATION) {
                cx.flag(Rule::REDIRECT_WITHOUT_LOCATION);
            } else {
                redirect_target(cx);
            }
            if cx.code == 303 && empty_non_head {
                cx.flag(Rule::SEE_OTHER_WITHOUT_CONTENT);
            }
        }
        304 => conditional::not_modified(cx),
        _ => {}
    }
}

fn redirect_target(cx: &mut Ctx<'_>) {
    if matches!(cx.code, 301 | 302) && cx.method_is(&Method::POST) {
        cx.flag(Rule::REDIRECT_MAY_CHANGE_POST_TO_GET);
    }
    // Post/redirect/get to the same URI is a pattern, not a loop.
    if cx.facts.is_get_or_head() {
        cx.flag_if(Rule::REDIRECT_TO_SELF, |cx| {
            let Some(own) = cx.facts.path_and_query() else {
                return false;
            };
            cx.headers.get(header::LOCATION).is_some_and(|location| {
                let location = location.as_bytes();
                location.starts_with(b"/") && !location.starts_with(b"//") && location == own
            })
        });
    }
}
