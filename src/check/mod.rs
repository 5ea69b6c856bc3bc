//! Pure checks: request facts + response head → the rules broken.
//!
//! Dispatch is one `match` on the status class, then on the code; a rule is only evaluated
//! when its status (or the request method) makes it relevant and it is enabled. The response
//! fields are noted in one pass ([`Fields`]) so that absent fields cost nothing more.

mod cache;
mod conditional;
mod content;
pub(crate) mod etag;
pub(crate) mod fields;
mod informational;
pub(crate) mod list;
mod partial;
mod redirection;
mod rest;
mod status;
mod success;
mod unsuccessful;
mod uri;
mod websocket;

use http::{HeaderMap, Method, StatusCode};

pub(crate) use self::{cache::is_storage_directive, fields::Fields};
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

/// Everything a check looks at, and where it writes.
pub(crate) struct Ctx<'a> {
    pub(crate) facts: &'a RequestFacts,
    pub(crate) status: StatusCode,
    pub(crate) code: u16,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) fields: Fields,
    pub(crate) body: BodyShape,
    enabled: Findings,
    out: HeadCheck,
}

impl Ctx<'_> {
    /// Flags `rule` if it is enabled.
    pub(crate) fn flag(&mut self, rule: Rule) {
        if self.enabled.contains(rule) {
            self.out.findings.insert(rule);
        }
    }

    /// Flags `rule` if it is enabled and `broken` (evaluated only then) says so.
    pub(crate) fn flag_if(&mut self, rule: Rule, broken: impl FnOnce(&Self) -> bool) {
        if self.enabled.contains(rule) && broken(self) {
            self.out.findings.insert(rule);
        }
    }

    /// `rule` forbids content: a known non-empty body breaks it now, an unknown one is watched.
    pub(crate) fn forbid_content(&mut self, rule: Rule) {
        match self.body {
            BodyShape::Empty => {}
            BodyShape::Content { .. } => self.flag(rule),
            BodyShape::Unknown if self.enabled.contains(rule) => self.out.watch = Some(rule),
            BodyShape::Unknown => {}
        }
    }

    pub(crate) fn method_is(&self, method: &Method) -> bool {
        self.facts.method == *method
    }
}

/// Checks a response head against every rule in `enabled`.
pub(crate) fn head(
    facts: &RequestFacts,
    status: StatusCode,
    headers: &HeaderMap,
    body: BodyShape,
    enabled: Findings,
) -> HeadCheck {
    let mut cx = Ctx {
        facts,
        status,
        code: status.as_u16(),
        headers,
        fields: Fields::of(headers),
        body,
        enabled,
        out: HeadCheck::default(),
    };
    match cx.code {
        100..=199 => informational::check(&mut cx),
        200..=299 => success::check(&mut cx),
        300..=399 => redirection::check(&mut cx),
        400..=599 => unsuccessful::check(&mut cx),
        _ => cx.flag(Rule::STATUS_OUT_OF_RANGE),
    }
    status::check(&mut cx);
    fields::check(&mut cx);
    content::check(&mut cx);
    rest::check(&mut cx);
    cx.out
}
