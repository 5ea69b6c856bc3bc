//! Fields whose rules depend on the status but no other topic: `Retry-After` (its syntax and
//! the statuses that define it), `Strict-Transport-Security` over plain HTTP, `Alt-Svc` on 421,
//! and the `blocked-by` link of 451.

use http::header;

use super::{Ctx, Fields, Repair};
use crate::{
    facts::Present,
    syntax::{date, list},
    Rule,
};

/// `Retry-After`, whatever the status.
pub(super) fn retry_after(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::RETRY_AFTER_INVALID, |cx| {
        retry_after_fix(cx.headers) != RetryAfterFix::Valid
    });
    cx.flag_if(Rule::RETRY_AFTER_OUTSIDE_DEFINED_STATUS, |_| {
        !matches!(code, 300..=399 | 413 | 429 | 503)
    });
}

/// `Strict-Transport-Security`, whatever the status.
pub(super) fn strict_transport_security(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::HSTS_OVER_HTTP, |cx| {
        cx.facts.has(Present::SCHEME_HTTP) && !cx.facts.has(Present::FORWARDED)
    });
}

/// 421 Misdirected Request.
pub(super) fn misdirected(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::MISDIRECTED_WITH_ALT_SVC, |cx| {
        cx.fields.has(Fields::ALT_SVC)
    });
}

/// 451 Unavailable For Legal Reasons.
pub(super) fn unavailable_for_legal_reasons(cx: &mut Ctx<'_>) {
    cx.flag_if(
        Rule::UNAVAILABLE_FOR_LEGAL_REASONS_WITHOUT_BLOCKED_BY,
        |cx| {
            !cx.headers.get_all(header::LINK).iter().any(|link| {
                link.as_bytes()
                    .windows(b"blocked-by".len())
                    .any(|w| w.eq_ignore_ascii_case(b"blocked-by"))
            })
        },
    );
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    let headers = &mut repair.parts.headers;
    match repair.violation.rule() {
        Rule::MISDIRECTED_WITH_ALT_SVC => drop(headers.remove("alt-svc")),
        Rule::RETRY_AFTER_INVALID => match retry_after_fix(headers) {
            RetryAfterFix::Valid => {}
            RetryAfterFix::Replace(value) => drop(headers.insert(header::RETRY_AFTER, value)),
            RetryAfterFix::Remove => drop(headers.remove(header::RETRY_AFTER)),
        },
        Rule::HSTS_OVER_HTTP => drop(headers.remove(header::STRICT_TRANSPORT_SECURITY)),
        _ => return None,
    }
    Some(true)
}

/// Whether `Retry-After` says how long to wait: valid, or in a form its repair normalises. An
/// unreadable one (which the repair removes) says nothing.
pub(super) fn retry_after_is_a_delay(headers: &http::HeaderMap) -> bool {
    retry_after_fix(headers) != RetryAfterFix::Remove
}

/// What the `Retry-After` repair has to do.
#[derive(Clone, Debug, PartialEq, Eq)]
enum RetryAfterFix {
    Valid,
    /// Replace every line with this one value.
    Replace(http::HeaderValue),
    Remove,
}

fn retry_after_fix(headers: &http::HeaderMap) -> RetryAfterFix {
    let mut lines = headers.get_all(header::RETRY_AFTER).iter();
    let Some(first) = lines.next() else {
        return RetryAfterFix::Valid;
    };
    let several = lines.next().is_some();
    let value = list::trim(first.as_bytes());
    let exact = value.len() == first.len();
    let date = date::parse(value);
    // Decide before building anything: the valid case allocates nothing.
    let valid_form = (!value.is_empty() && value.iter().all(u8::is_ascii_digit))
        || matches!(date, Some((_, date::Form::ImfFixdate)));
    if valid_form && exact && !several {
        return RetryAfterFix::Valid;
    }
    let normalised = if valid_form {
        http::HeaderValue::from_bytes(value).ok()
    } else {
        date.and_then(|(timestamp, _)| http::HeaderValue::from_str(&date::format(timestamp)).ok())
    };
    normalised.map_or(RetryAfterFix::Remove, RetryAfterFix::Replace)
}

#[cfg(test)]
mod tests {
    use http::{HeaderMap, HeaderValue};

    use super::*;

    #[test]
    fn retry_after_forms() {
        let fix = |lines: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for line in lines {
                headers.append(header::RETRY_AFTER, HeaderValue::from_static(line));
            }
            retry_after_fix(&headers)
        };
        assert_eq!(fix(&["120"]), RetryAfterFix::Valid);
        assert_eq!(
            fix(&["Sun, 06 Nov 1994 08:49:37 GMT"]),
            RetryAfterFix::Valid
        );
        assert_eq!(
            fix(&["Sunday, 06-Nov-94 08:49:37 GMT"]),
            RetryAfterFix::Replace(HeaderValue::from_static("Sun, 06 Nov 1994 08:49:37 GMT"))
        );
        assert_eq!(
            fix(&["120", "60"]),
            RetryAfterFix::Replace(HeaderValue::from_static("120"))
        );
        assert_eq!(
            fix(&[" 120 "]),
            RetryAfterFix::Replace(HeaderValue::from_static("120"))
        );
        for bad in ["-1", "1.5", "soon", "", "+5"] {
            assert_eq!(fix(&[bad]), RetryAfterFix::Remove, "{bad:?}");
        }
    }
}
