//! Head-time work: check the response, apply each violation's action, wrap the body.

use std::sync::Arc;

use bytes::Bytes;
use http::{header, HeaderValue, Method, Response, StatusCode};
use http_body::Body;

use crate::{
    body::{ResponseBody, Watch},
    facts::{BodyShape, RequestFacts},
    rules::{self, content::prepare_for_dropped_content, BodyPlan},
    shared::Shared,
    violation::{Stage, Violations},
    Action, Culprit, Route, Rule, RuleOverrides, Violation,
};

/// Checks the head of `response` against the enabled rules, reading it where it lies (the
/// future moves the response only once, into what it returns). Only enabled rules (action
/// other than `Allow`) are checked.
#[inline]
pub(crate) fn check<B>(
    response: &Response<B>,
    facts: &RequestFacts,
    shared: &Shared,
) -> rules::HeadCheck
where
    B: Body<Data = Bytes>,
{
    #[cfg(feature = "metrics")]
    metrics::counter!("http_status_conformance_responses_total").increment(1);
    #[cfg_attr(not(feature = "openapi"), allow(unused_mut))]
    let mut found = rules::head(
        facts,
        response.status(),
        response.headers(),
        BodyShape::of(response.body()),
        shared.enabled,
        shared.wire,
    );
    // Out of line: without a contract, the hot path pays a test of the `Option` only.
    #[cfg(feature = "openapi")]
    if let Some(contract) = &shared.contract {
        rules::contract::check(&mut found, contract, response, facts, shared.enabled);
    }
    #[cfg(feature = "axum")]
    let found = crate::router::inside_router(found, facts, shared);
    found
}

/// The response as it goes out: untouched when `found` is clean (the hot path), else with each
/// finding's action applied.
#[inline]
pub(crate) fn conform<B>(
    response: Response<B>,
    facts: &mut RequestFacts,
    shared: &Arc<Shared>,
    found: rules::HeadCheck,
) -> Response<ResponseBody<B>>
where
    B: Body<Data = Bytes>,
{
    if found.is_clean() {
        return response.map(ResponseBody::passthrough);
    }
    act(response, facts, shared, found)
}

/// Applies each finding's action: the path of a response that breaks a rule, out of line.
#[inline(never)]
fn act<B>(
    response: Response<B>,
    facts: &mut RequestFacts,
    shared: &Arc<Shared>,
    found: rules::HeadCheck,
) -> Response<ResponseBody<B>>
where
    B: Body<Data = Bytes>,
{
    let (mut parts, body) = response.into_parts();
    let shape = BodyShape::of(&body);
    let (mut findings, mut watch) = (found.findings, found.watch);

    // Per-response overrides, read only when something was found. A rule they exempt is
    // dropped here; the others take the overriding action below.
    let overrides = parts.extensions.get::<RuleOverrides>().cloned();
    let action = |rule: Rule| {
        overrides
            .as_ref()
            .and_then(|overrides| overrides.get(rule))
            .unwrap_or_else(|| shared.action(rule))
    };
    if overrides.is_some() {
        // `Findings` is `Copy`: iterate a copy while removing from the original.
        for rule in found.findings.iter() {
            if action(rule) == Action::Allow {
                findings.remove(rule);
            }
        }
        if watch.is_some_and(|rule| action(rule) == Action::Allow) {
            watch = None;
        }
        if findings.is_empty() && watch.is_none() {
            return Response::from_parts(parts, ResponseBody::passthrough(body));
        }
    }

    let status = parts.status;
    // Read only when something is reported: nothing on the conforming path.
    let route = parts.extensions.get::<Route>().cloned();
    #[cfg(feature = "axum")]
    let route = route.or_else(|| crate::router::route_of(&parts.extensions));
    // Which of each rule's fields the response had is noted before any repair changes them.
    let head_violation = |rule: Rule, action: Action, headers: &http::HeaderMap| {
        Violation::new(rule, action, Stage::Head, status, facts, route.clone())
            .noting_fields(headers)
    };

    if let Some(rule) = findings.iter().find(|&rule| action(rule) == Action::Panic) {
        shared.report(&head_violation(rule, Action::Panic, &parts.headers));
        unreachable!("reporting a Panic violation panics");
    }

    let mut violations = Violations::default();

    if let Some(rejected) = findings.iter().find(|&rule| action(rule) == Action::Reject) {
        let mut replacement = None;
        for rule in findings.iter() {
            // The response is replaced, so no other action can apply: the rest are logged.
            let taken = match action(rule) {
                Action::Reject => Action::Reject,
                _ => Action::Log,
            };
            let violation = head_violation(rule, taken, &parts.headers);
            shared.report(&violation);
            if rule == rejected {
                replacement = Some(shared.reject_with.response_for_violation(&violation));
            }
            violations.push(violation);
        }
        let replacement = replacement.expect("the rejected rule is among the findings");
        return rejected_response(replacement, &facts.method(), violations);
    }

    let mut plan = BodyPlan::Keep;
    for rule in findings.iter() {
        let mut violation = head_violation(rule, action(rule), &parts.headers);
        // `Content-Length: 0` on an empty response that may not carry one: what axum adds to
        // every empty 204. Once repaired, nothing wrong reaches the client and the application
        // could not have avoided it: reported at DEBUG (see `StatusConformanceLayer::level`).
        let culprit = crate::rules::content::may_be_framework_framing(rule)
            .then(|| Culprit::recognise(&parts.headers, shape == BodyShape::Empty))
            .flatten();
        let framework_framing = culprit.is_some();
        if let Some(culprit) = culprit {
            violation = violation.with_culprit(culprit);
        }
        if violation.action() == Action::Repair
            && !crate::registry::repair(
                &violation,
                facts,
                &mut parts,
                shape,
                &mut plan,
                &shared.suppliers,
            )
        {
            violation.fall_back_to_log();
        }
        shared.report_quietly_if(
            &violation,
            framework_framing && violation.action() == Action::Repair,
        );
        violations.push(violation);
    }

    let body = match (plan, watch) {
        (BodyPlan::Empty, _) => ResponseBody::empty(),
        (BodyPlan::Keep, None) => ResponseBody::passthrough(body),
        (BodyPlan::Keep, Some(rule)) => {
            let watch = Watch::new(
                rule,
                action(rule),
                status,
                // The body watch outlives this call; the future is done with the facts.
                std::mem::take(facts),
                route,
                crate::violation::present_fields(rule, &parts.headers),
                Arc::clone(shared),
            );
            if watch.repairs() {
                prepare_for_dropped_content(rule, &mut parts.headers);
            }
            ResponseBody::watched(body, watch)
        }
    };
    if !violations.is_empty() {
        parts.extensions.insert(violations);
    }
    Response::from_parts(parts, body)
}

/// The reject response, framed correctly for the request.
fn rejected_response<B>(
    replacement: Response<Bytes>,
    method: &Method,
    violations: Violations,
) -> Response<ResponseBody<B>> {
    let (mut parts, data) = replacement.into_parts();
    // A reject response must itself conform: no status the layer would flag, a length that
    // matches, no content to HEAD.
    if matches!(parts.status.as_u16(), 100..=199 | 204 | 205 | 304 | 600..) {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
    }
    parts.headers.remove(header::TRANSFER_ENCODING);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(data.len()));
    parts.extensions.insert(violations);
    let body = if *method == Method::HEAD {
        ResponseBody::empty()
    } else {
        ResponseBody::replaced(data)
    };
    Response::from_parts(parts, body)
}
