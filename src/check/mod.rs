//! Pure checks: request facts + response head → the rules broken. Dispatch is one `match` on
//! the status code; no rule is looked at unless its status (or the request method) makes it
//! relevant.

pub(crate) mod cache;
mod content;
mod informational;
pub(crate) mod list;
mod method_not_allowed;

use http::{HeaderMap, Method, StatusCode};

use crate::{
    facts::{BodyShape, RequestFacts},
    Findings, Rule,
};

/// The result of checking a response head.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HeadCheck {
    /// Rules broken by what the head shows.
    pub(crate) findings: Findings,
    /// A rule that forbids content on a body whose size is unknown: decided at stream time.
    pub(crate) watch: Option<Rule>,
}

pub(crate) fn head(
    facts: &RequestFacts,
    status: StatusCode,
    headers: &HeaderMap,
    body: BodyShape,
) -> HeadCheck {
    let mut out = HeadCheck::default();
    let code = status.as_u16();
    match code {
        100..=199 => {
            informational::check(facts, code, headers, &mut out.findings);
            content::framing(headers, &mut out.findings);
        }
        204 => {
            content::forbid(Rule::NO_CONTENT_WITH_BODY, body, &mut out);
            content::framing(headers, &mut out.findings);
        }
        205 => content::forbid(Rule::RESET_CONTENT_WITH_BODY, body, &mut out),
        304 => content::forbid(Rule::NOT_MODIFIED_WITH_BODY, body, &mut out),
        405 => method_not_allowed::check(facts, headers, &mut out.findings),
        428 | 429 | 431 | 511 => cache::never_store(headers, &mut out.findings),
        600..=999 => out.findings.insert(Rule::STATUS_OUT_OF_RANGE),
        _ => {}
    }
    if facts.method == Method::CONNECT && status.is_success() {
        content::framing(headers, &mut out.findings);
    }
    if facts.method == Method::HEAD && !matches!(code, 100..=199 | 204 | 205 | 304) {
        content::forbid(Rule::HEAD_RESPONSE_WITH_BODY, body, &mut out);
    }
    out
}
