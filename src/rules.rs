//! The rules, one module per topic. Each topic module declares its rules (documentation,
//! metadata, examples) beside their checks, their repairs and any stream-time handling; the
//! index (`src/registry.rs`) numbers them.
//!
//! [`head`] below is the dispatch table: one `match` on the status, then the field rules that
//! apply whatever the status. A rule is only evaluated when its status (or the request method)
//! makes it relevant and it is enabled. [`repair`] hands a violation to its topic's repair.

pub(crate) mod auth;
pub(crate) mod caching;
pub(crate) mod conditional;
pub(crate) mod content;
pub(crate) mod contract;
pub(crate) mod fields;
pub(crate) mod interim;
pub(crate) mod methods;
pub(crate) mod query;
pub(crate) mod ranges;
#[cfg(test)]
mod reads_tests;
pub(crate) mod redirects;
pub(crate) mod request;
pub(crate) mod response_fields;
pub(crate) mod status_code;

use crate::facts::MethodCode;
use http::{response::Parts, HeaderMap, HeaderName, StatusCode};

pub(crate) use self::fields::Fields;
use crate::{
    facts::{BodyShape, RequestFacts},
    findings::Judged,
    suppliers::Suppliers,
    Rule, Violation, Wire,
};

/// The findings that axum makes false when the layer runs inside its router (`Router::layer`,
/// `route_layer`): what it changes in a response after the layer has seen it, topic by topic.
#[cfg(feature = "axum")]
pub(crate) fn fixed_by_axum_after_the_layer(method: MethodCode) -> impl Iterator<Item = Rule> {
    let content = content::fixed_by_axum_after_the_layer(method);
    let methods = methods::FIXED_BY_AXUM_AFTER_THE_LAYER;
    content.iter().chain(methods).copied()
}

/// The result of checking a response head.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct HeadCheck {
    /// Rules broken by what the head shows.
    pub(crate) findings: Judged,
    /// A rule that content breaks, on a body whose size is unknown: decided at stream time.
    pub(crate) watch: Option<Rule>,
}

impl HeadCheck {
    /// Nothing found: the response passes through untouched.
    #[inline]
    pub(crate) fn is_clean(&self) -> bool {
        self.findings.is_empty() && self.watch.is_none()
    }
}

/// Everything a check looks at, and where it writes.
pub(crate) struct Ctx<'a> {
    pub(crate) facts: &'a RequestFacts,
    pub(crate) status: StatusCode,
    pub(crate) code: u16,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) fields: Fields,
    pub(crate) body: BodyShape,
    /// Which encoder the response goes through.
    pub(crate) wire: Wire,
    enabled: Judged,
    out: HeadCheck,
}

impl Ctx<'_> {
    /// Flags `rule` if it is enabled.
    #[inline]
    pub(crate) fn flag(&mut self, rule: Rule) {
        if self.enabled.contains(rule) {
            self.out.findings.insert(rule);
        }
    }

    /// Flags `rule` if it is enabled and `broken` (evaluated only then) says so.
    #[inline]
    pub(crate) fn flag_if(&mut self, rule: Rule, broken: impl FnOnce(&Self) -> bool) {
        if self.enabled.contains(rule) && broken(self) {
            self.out.findings.insert(rule);
        }
    }

    /// `rule` forbids content: a known non-empty body breaks it now, an unknown one is watched.
    #[inline]
    pub(crate) fn forbid_content(&mut self, rule: Rule) {
        match self.body {
            BodyShape::Empty => {}
            BodyShape::Content { .. } => self.flag(rule),
            BodyShape::Unknown if self.enabled.contains(rule) => self.out.watch = Some(rule),
            BodyShape::Unknown => {}
        }
    }

    /// `rule` is broken by content on a body whose size is unknown: watched, unless a rule that
    /// forbids content already is.
    #[inline]
    pub(crate) fn watch_for_content(&mut self, rule: Rule) {
        if self.enabled.contains(rule) && self.out.watch.is_none() {
            self.out.watch = Some(rule);
        }
    }

    /// The one value of the response field `name` (see [`single`](crate::syntax::single)),
    /// looked up only when the field pass saw it (`field`, its bit).
    #[inline]
    pub(crate) fn single(&self, field: Fields, name: HeaderName) -> Option<&[u8]> {
        if self.fields.has(field) {
            crate::syntax::single(self.headers, name)
        } else {
            None
        }
    }

    #[inline]
    pub(crate) fn method_is(&self, method: MethodCode) -> bool {
        self.facts.code == method
    }
}

/// Checks a response head against every rule in `enabled`.
pub(crate) fn head(
    facts: &RequestFacts,
    status: StatusCode,
    headers: &HeaderMap,
    body: BodyShape,
    enabled: Judged,
    wire: Wire,
) -> HeadCheck {
    let mut cx = Ctx {
        facts,
        status,
        code: status.as_u16(),
        headers,
        fields: Fields::of(headers),
        body,
        wire,
        enabled,
        out: HeadCheck::default(),
    };
    let cx = &mut cx;
    match cx.code {
        100..=199 => interim::informational(cx),
        200..=299 => {
            match cx.code {
                200 => caching::ok(cx),
                201 => redirects::created(cx),
                206 => ranges::partial_content(cx),
                _ => {}
            }
            methods::success(cx);
            if cx.facts.is_get_or_head() {
                conditional::ignored(cx);
            } else if cx.facts.is_query() {
                query::success(cx);
                conditional::ignored(cx);
            }
        }
        300..=399 => match cx.code {
            300 => redirects::multiple_choices(cx),
            301 | 302 | 303 | 307 | 308 => redirects::redirect(cx),
            304 => conditional::not_modified(cx),
            _ => {}
        },
        400..=599 => {
            match cx.code {
                401 => auth::unauthorized(cx),
                405 => methods::method_not_allowed(cx),
                406 => request::not_acceptable(cx),
                407 => auth::proxy_authentication_required(cx),
                408 => request::request_timeout(cx),
                411 => request::length_required(cx),
                412 => conditional::precondition_failed(cx),
                413 => request::content_too_large(cx),
                414 => request::uri_too_long(cx),
                415 => {
                    methods::unsupported_patch(cx);
                    request::unsupported_media_type(cx);
                    if cx.facts.is_query() {
                        query::unsupported_media_type(cx);
                    }
                }
                416 => ranges::not_satisfiable(cx),
                417 => request::expectation_failed(cx),
                421 => response_fields::misdirected(cx),
                426 => interim::upgrade_required(cx),
                428 => conditional::precondition_required(cx),
                451 => response_fields::unavailable_for_legal_reasons(cx),
                501 => methods::not_implemented(cx),
                505 => request::version_not_supported(cx),
                _ => {}
            }
            caching::never_store(cx);
        }
        _ => {}
    }
    status_code::check(cx);
    content::check(cx);
    interim::connection(cx);
    request::host(cx);
    // The fields few responses carry, tested once together: a response with none of them
    // pays one test instead of one per field.
    let fields = cx.fields;
    if fields.any(Fields::CHECKED_WHEREVER_PRESENT) {
        if fields.has(Fields::LOCATION) {
            redirects::location(cx);
        }
        if fields.has(Fields::CONTENT_RANGE) {
            ranges::content_range_elsewhere(cx);
        }
        if fields.has(Fields::PROXY_AUTHENTICATE) {
            auth::proxy_authenticate_elsewhere(cx);
        }
        if fields.has(Fields::RETRY_AFTER) {
            response_fields::retry_after(cx);
        }
        if fields.has(Fields::STRICT_TRANSPORT_SECURITY) {
            response_fields::strict_transport_security(cx);
        }
        if fields.has(Fields::ACCEPT_QUERY) {
            query::accept_query(cx);
        }
        if fields.has(Fields::CONTENT_ENCODING) {
            caching::dictionary_compressed(cx);
        }
        if fields.has(Fields::PROXY_STATUS) {
            response_fields::proxy_status(cx);
        }
    }
    methods::profile(cx);
    cx.out
}

/// What happens to the body after the head-time repairs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyPlan {
    Keep,
    Empty,
}

/// What a repair works on.
pub(crate) struct Repair<'a> {
    pub(crate) violation: &'a Violation,
    pub(crate) facts: &'a RequestFacts,
    pub(crate) parts: &'a mut Parts,
    pub(crate) body: BodyShape,
    pub(crate) plan: &'a mut BodyPlan,
    pub(crate) suppliers: &'a Suppliers,
}

impl Repair<'_> {
    /// Inserts the configured value for the rule's missing header; `false` without one.
    pub(crate) fn supply(&mut self, name: HeaderName) -> bool {
        match self.suppliers.value(self.violation) {
            Some(value) => {
                self.parts.headers.insert(name, value);
                true
            }
            None => false,
        }
    }
}

/// A topic's repair: `Some(repaired)` for a rule it repairs, `None` for one it has no repair
/// for.
pub(crate) type RepairFn = fn(&mut Repair<'_>) -> Option<bool>;
