//! The registry and the fixture table: every rule is documented, has a violating and a
//! conforming exchange, and its repair converges.

mod support;

use std::collections::BTreeSet;

use http::{header, Method, Response, StatusCode};
use http_body_util::Full;
use support::{fixtures, run, Recorder};
use tower_status_conformance::{check, Action, Rule, Stage, StatusConformanceLayer};

#[test]
fn registry_metadata_is_complete() {
    let mut ids = BTreeSet::new();
    for &rule in Rule::ALL {
        let id = rule.id();
        assert!(ids.insert(id), "duplicate id {id}");
        assert!(
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !id.starts_with('-')
                && !id.ends_with('-')
                && !id.contains("--"),
            "{id} is not kebab-case"
        );
        assert_eq!(Rule::from_id(id), Some(rule));
        assert_eq!(id.parse::<Rule>().unwrap(), rule);
        assert_eq!(rule.to_string(), id);
        assert!(
            rule.spec().starts_with("RFC "),
            "{id}: spec {}",
            rule.spec()
        );
        assert!(rule.spec().contains('§'), "{id}: spec names no section");
        assert!(
            rule.spec_url()
                .starts_with("https://www.rfc-editor.org/rfc/rfc")
                && rule.spec_url().contains("#section-"),
            "{id}: url {}",
            rule.spec_url()
        );
        let rfc = rule.spec().split_whitespace().nth(1).unwrap();
        assert!(
            rule.spec_url().contains(&format!("rfc{rfc}#")),
            "{id}: url does not point into RFC {rfc}"
        );
        assert!(
            !rule.summary().is_empty() && !rule.summary().ends_with('.'),
            "{id}: summary"
        );
        for heading in ["### What it checks", "### Why it matters"] {
            assert!(rule.explanation().contains(heading), "{id}: no `{heading}`");
        }
        assert_eq!(rule.can_repair(), rule.repair().is_some());
        if rule.default_action() == Action::Repair {
            assert!(rule.can_repair(), "{id}: default Repair without a repair");
        }
    }
    assert_eq!(ids.len(), Rule::COUNT);
}

#[test]
fn every_rule_has_a_violating_and_a_conforming_fixture() {
    let fixtures = fixtures::all();
    for &rule in Rule::ALL {
        for violating in [true, false] {
            assert!(
                fixtures
                    .iter()
                    .any(|f| f.rule == rule && f.violating == violating),
                "`{rule}` has no {} fixture",
                if violating { "violating" } else { "conforming" }
            );
        }
    }
}

#[tokio::test]
async fn each_fixture_is_flagged_exactly_when_it_violates() {
    for fixture in fixtures::all() {
        let head_time = check(&(fixture.request)(), &(fixture.response)());
        let recorder = Recorder::default();
        let layer = StatusConformanceLayer::observe().on_violation(recorder.clone());
        run(&layer, (fixture.request)(), (fixture.response)()).await;
        let reported = recorder.take();
        let name = format!("`{}` / {}", fixture.rule, fixture.name);

        if fixture.violating {
            let hit = reported
                .iter()
                .find(|v| v.rule() == fixture.rule)
                .unwrap_or_else(|| panic!("{name}: not reported; got {reported:?}"));
            let stage = if fixture.at_stream {
                Stage::Stream
            } else {
                Stage::Head
            };
            assert_eq!(hit.stage(), stage, "{name}");
            assert_eq!(hit.action(), Action::Log, "{name}");
            assert_eq!(
                head_time.contains(fixture.rule),
                !fixture.at_stream,
                "{name}: check()"
            );
        } else {
            assert!(
                reported.is_empty(),
                "{name}: near-miss reported {reported:?}"
            );
            assert!(head_time.is_empty(), "{name}: check() found {head_time:?}");
        }
    }
}

#[tokio::test]
async fn repairs_converge_and_introduce_nothing_new() {
    for fixture in fixtures::all().into_iter().filter(|f| f.violating) {
        let rule = fixture.rule;
        let name = format!("`{rule}` / {}", fixture.name);
        let mut before: BTreeSet<Rule> = check(&(fixture.request)(), &(fixture.response)())
            .iter()
            .collect();
        before.insert(rule);

        let recorder = Recorder::default();
        let layer = StatusConformanceLayer::observe()
            .action(rule, Action::Repair)
            .allow_methods(|_| Some(fixtures::allow_header()))
            .on_violation(recorder.clone());
        let out = run(&layer, (fixture.request)(), (fixture.response)()).await;
        let taken = recorder
            .take()
            .into_iter()
            .find(|v| v.rule() == rule)
            .unwrap_or_else(|| panic!("{name}: not reported"))
            .action();
        assert_eq!(
            taken,
            if rule.can_repair() {
                Action::Repair
            } else {
                Action::Log
            },
            "{name}: reported action"
        );
        if !rule.can_repair() {
            continue;
        }

        // Re-check the response as the client gets it.
        let request = (fixture.request)();
        let repaired = Response::from_parts(out.parts, Full::new(out.body.clone()));
        let after: BTreeSet<Rule> = check(&request, &repaired).iter().collect();
        assert!(!after.contains(&rule), "{name}: still broken after repair");
        assert!(
            after.is_subset(&before),
            "{name}: repair introduced {:?}",
            after.difference(&before)
        );
        if fixture.at_stream {
            assert!(out.body.is_empty(), "{name}: stream content not dropped");
        }
        assert_length_agrees(request.method(), &repaired, &name);
    }
}

/// Where a response can carry content, its `Content-Length` equals the bytes sent.
fn assert_length_agrees<B>(method: &Method, response: &Response<Full<B>>, name: &str)
where
    B: bytes::Buf,
    Full<B>: http_body::Body,
{
    use http_body::Body as _;
    let status = response.status();
    let describes_body = *method != Method::HEAD
        && status != StatusCode::NOT_MODIFIED
        && !status.is_informational()
        && status != StatusCode::NO_CONTENT;
    if let (true, Some(length)) = (
        describes_body,
        response.headers().get(header::CONTENT_LENGTH),
    ) {
        let sent = response.body().size_hint().exact().unwrap();
        assert_eq!(
            length.to_str().unwrap(),
            sent.to_string(),
            "{name}: Content-Length"
        );
    }
}

#[test]
fn presets_follow_the_registry() {
    let new = StatusConformanceLayer::new();
    let observe = StatusConformanceLayer::observe();
    let strict = StatusConformanceLayer::strict();
    for &rule in Rule::ALL {
        assert_eq!(new.action_for(rule), rule.default_action());
        assert_eq!(observe.action_for(rule), Action::Log);
        assert_eq!(strict.action_for(rule), Action::Panic);
    }
}
