//! The registry and the per-rule exchanges: every rule is documented, its example breaks it,
//! its near-miss breaks nothing that is on by default, and its repair converges.

use std::collections::BTreeSet;

use crate::support::{exchange, fixtures, run, Recorder};
use http::{header, HeaderValue, Method, Response, StatusCode};
use http_body_util::Full;
use tower_status_conformance::{
    Action, Checker, Findings, Rule, Scope, Stage, StatusConformanceLayer, Wire,
};

/// Every rule, opt-in ones included, on `wire`.
fn check_on<Q: std::any::Any, B: http_body::Body>(
    wire: Wire,
    request: &http::Request<Q>,
    response: &Response<B>,
) -> Findings {
    Checker::new()
        .opt_in(true)
        .wire(wire)
        .check(request, response)
}

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
        assert!(rule.spec().contains('§'), "{id}: spec names no section");
        if rule.scope() == Scope::Contract {
            // The contract rules cite the OpenAPI Specification the document follows.
            assert!(
                rule.spec().starts_with("OpenAPI 3.1 §")
                    && rule
                        .spec_url()
                        .starts_with("https://spec.openapis.org/oas/v3.1.1.html#"),
                "{id}: spec {} at {}",
                rule.spec(),
                rule.spec_url()
            );
        } else {
            assert!(
                rule.spec().starts_with("RFC "),
                "{id}: spec {}",
                rule.spec()
            );
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
        }
        assert!(
            !rule.summary().is_empty() && !rule.summary().ends_with('.'),
            "{id}: summary"
        );
        for heading in ["### What it checks", "### Why it matters"] {
            assert!(rule.explanation().contains(heading), "{id}: no `{heading}`");
        }
        // That the documented repair is the one applied is `repairs_converge_and_introduce_nothing_new`.
        for field in rule.fields() {
            let name = header::HeaderName::from_bytes(field.as_bytes())
                .unwrap_or_else(|_| panic!("{id}: field {field:?}"));
            assert_eq!(name.as_str(), *field, "{id}: field names are lowercase");
        }
        if rule.default_action() == Action::Repair {
            assert!(rule.can_repair(), "{id}: default Repair without a repair");
        }
    }
    assert_eq!(ids.len(), Rule::COUNT);
}

/// A layer with every rule at `action` (opt-in ones included) and every header supplier.
fn everything_on(wire: Wire, action: Action) -> StatusConformanceLayer {
    let mut layer = StatusConformanceLayer::new().wire(wire);
    for &rule in Rule::ALL {
        layer = layer.action(rule, action);
    }
    let value = |v: &'static str| move |_: &_| Some(HeaderValue::from_static(v));
    layer
        .allow_methods(value(fixtures::ALLOW_FOR_FIXTURES))
        .challenge(value("Bearer realm=\"api\""))
        .proxy_challenge(value("Basic realm=\"proxy\""))
        .upgrade_protocols(value("TLS/1.3"))
        .accept_patch(value("application/merge-patch+json"))
        .on_violation(Recorder::default())
}

/// The wire a rule's example is judged on. A rule's own example shows what it forbids as it
/// reaches the client, whatever the server: it is judged as received (`Wire::Hyper` drops what
/// hyper removes on the way out; the fixtures cover both) — except for a rule whose finding
/// only hyper's behaviour makes true (`connect-rejected-without-close`: hyper keeps a connection
/// open unless a `close` option says otherwise; another server may close it without one).
fn example_wire(rule: Rule) -> Wire {
    if rule == Rule::CONNECT_REJECTED_WITHOUT_CLOSE {
        Wire::Hyper
    } else {
        Wire::Received
    }
}

fn on_by_default(findings: impl IntoIterator<Item = Rule>) -> BTreeSet<Rule> {
    findings.into_iter().filter(|r| !r.is_opt_in()).collect()
}

#[tokio::test]
async fn every_rule_has_an_example_it_flags_and_a_near_miss_it_does_not() {
    // The sweep rules' examples are two exchanges: `tests/all/sweep.rs` checks them.
    for &rule in Rule::ALL.iter().filter(|r| r.scope() == Scope::Exchange) {
        let example = exchange::parse(rule.example());
        let found = check_on(example_wire(rule), &example.request, &example.response);
        assert!(
            found.contains(rule),
            "`{rule}`: example not flagged; found {found:?}"
        );

        let recorder = Recorder::default();
        let layer = everything_on(example_wire(rule), Action::Log).on_violation(recorder.clone());
        let example = exchange::parse(rule.example());
        run(&layer, example.request, example.response).await;
        assert!(
            recorder.ids().contains(&rule.id()),
            "`{rule}`: the service did not report it"
        );

        for wire in [Wire::Received, Wire::Hyper] {
            let near = exchange::parse(rule.near_miss());
            let found = check_on(wire, &near.request, &near.response);
            assert!(
                !found.contains(rule),
                "`{rule}`: near-miss flagged ({wire:?})"
            );
            let others = on_by_default(found.iter());
            assert!(
                others.is_empty(),
                "`{rule}`: near-miss breaks {others:?} ({wire:?})"
            );
        }
    }
}

#[tokio::test]
async fn each_fixture_is_flagged_exactly_when_it_violates() {
    for (fixture, wire) in fixtures::all()
        .into_iter()
        .flat_map(|f| f.wires().into_iter().map(move |w| (f.clone(), w)))
    {
        let exchange = fixture.exchange();
        let head_time = check_on(wire, &exchange.request, &exchange.response);
        let recorder = Recorder::default();
        let layer = everything_on(wire, Action::Log).on_violation(recorder.clone());
        let exchange = fixture.exchange();
        run(&layer, exchange.request, exchange.response).await;
        let reported = recorder.take();
        let name = format!("`{}` / {} ({wire:?})", fixture.rule, fixture.name);

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
            assert!(!hit.rule().is_opt_in() || fixture.rule.is_opt_in());
            assert_eq!(
                head_time.contains(fixture.rule),
                !fixture.at_stream,
                "{name}: check()"
            );
        } else {
            let reported = on_by_default(reported.iter().map(|v| v.rule()));
            assert!(
                reported.is_empty(),
                "{name}: near-miss reported {reported:?}"
            );
            let others = on_by_default(head_time.iter());
            assert!(others.is_empty(), "{name}: check() found {others:?}");
        }
    }
}

/// A layer captures only what its enabled rules read of the request (each rule's `reads` in
/// the registry; `src/rules/reads_tests.rs` checks each declaration against a full capture).
/// Through the whole service: every rule at `Repair`, on its own, acts on its example, its near
/// miss and each of its fixtures exactly as it does when every other rule is on (at `Log`,
/// which changes no response and captures every input): the same finding, the same response.
#[tokio::test]
async fn each_rule_alone_acts_as_with_every_rule() {
    let value = |v: &'static str| move |_: &_| Some(HeaderValue::from_static(v));
    let serve = |layer: StatusConformanceLayer, text: &'static str| async move {
        let recorder = Recorder::default();
        let layer = layer
            .allow_methods(value(fixtures::ALLOW_FOR_FIXTURES))
            .challenge(value("Bearer realm=\"api\""))
            .proxy_challenge(value("Basic realm=\"proxy\""))
            .upgrade_protocols(value("TLS/1.3"))
            .accept_patch(value("application/merge-patch+json"))
            .on_violation(recorder.clone());
        let exchange = exchange::parse(text);
        let out = run(&layer, exchange.request, exchange.response).await;
        let found = recorder
            .take()
            .iter()
            .map(|v| v.rule())
            .collect::<BTreeSet<_>>();
        (out, found)
    };
    let fixtures = fixtures::all();
    let texts = Rule::ALL
        .iter()
        .filter(|r| r.scope() == Scope::Exchange)
        .flat_map(|&rule| [(rule, rule.example()), (rule, rule.near_miss())])
        .chain(fixtures.iter().map(|f| (f.rule, f.text())));
    let mut compared = 0;
    for (rule, text) in texts {
        let alone = StatusConformanceLayer::new()
            .default_action(Action::Allow)
            .action(rule, Action::Repair);
        let (alone, alone_found) = serve(alone, text).await;
        let wide = Rule::ALL
            .iter()
            .fold(StatusConformanceLayer::new(), |layer, &other| {
                layer.action(other, Action::Log)
            })
            .action(rule, Action::Repair);
        let (wide, wide_found) = serve(wide, text).await;
        assert_eq!(
            alone_found.contains(&rule),
            wide_found.contains(&rule),
            "`{rule}` alone decides otherwise:\n{text}"
        );
        assert_eq!(
            (&alone.parts.status, &alone.parts.headers, &alone.body),
            (&wide.parts.status, &wide.parts.headers, &wide.body),
            "`{rule}` alone repairs otherwise:\n{text}"
        );
        compared += 1;
    }
    assert!(compared > 2 * 90, "{compared}");
}

#[tokio::test]
async fn repairs_converge_and_introduce_nothing_new() {
    let examples = Rule::ALL
        .iter()
        .filter(|r| r.scope() == Scope::Exchange)
        .map(|&rule| {
            let parsed = move || exchange::parse(rule.example());
            (rule, format!("`{rule}` / its example"), false, parsed)
        });
    for (rule, name, at_stream, make) in examples {
        converges(example_wire(rule), rule, &name, at_stream, || {
            let e = make();
            (e.request, e.response)
        })
        .await;
    }
    for fixture in fixtures::all().into_iter().filter(|f| f.violating) {
        for wire in fixture.wires() {
            let name = format!("`{}` / {} ({wire:?})", fixture.rule, fixture.name);
            converges(wire, fixture.rule, &name, fixture.at_stream, || {
                let e = fixture.exchange();
                (e.request, e.response)
            })
            .await;
        }
    }
}

async fn converges(
    wire: Wire,
    rule: Rule,
    name: &str,
    at_stream: bool,
    make: impl Fn() -> (http::Request<String>, Response<crate::support::TestBody>),
) {
    let (request, response) = make();
    let mut before: BTreeSet<Rule> = check_on(wire, &request, &response).iter().collect();
    before.insert(rule);

    let recorder = Recorder::default();
    let layer = everything_on(wire, Action::Allow)
        .action(rule, Action::Repair)
        .on_violation(recorder.clone());
    let (request, response) = make();
    let out = run(&layer, request, response).await;
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
        return;
    }
    // Re-check the response as the client gets it.
    let (request, _) = make();
    let repaired = Response::from_parts(out.parts, Full::new(out.body.clone()));
    // Opt-in rules are not held to this: a repair may, say, leave a 412 without an
    // explanation (`error-without-explanation`), which only matters to those who turn it on.
    let after: BTreeSet<Rule> = check_on(wire, &request, &repaired)
        .iter()
        .filter(|r| !r.is_opt_in() || before.contains(r))
        .collect();
    assert!(!after.contains(&rule), "{name}: still broken after repair");
    assert!(
        after.is_subset(&before),
        "{name}: repair introduced {:?}",
        after.difference(&before).collect::<Vec<_>>()
    );
    if at_stream {
        assert!(out.body.is_empty(), "{name}: stream content not dropped");
    }
    assert_length_agrees(request.method(), &repaired, name);
}

/// Where a response can carry content, its `Content-Length` equals the bytes sent.
fn assert_length_agrees(method: &Method, response: &Response<Full<bytes::Bytes>>, name: &str) {
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
        let on = |action| {
            if rule.is_opt_in() {
                Action::Allow
            } else {
                action
            }
        };
        assert_eq!(observe.action_for(rule), on(Action::Log), "{rule}");
        assert_eq!(strict.action_for(rule), on(Action::Panic), "{rule}");
    }
    let opted = StatusConformanceLayer::strict().action(Rule::OK_WITHOUT_VALIDATOR, Action::Log);
    assert_eq!(opted.action_for(Rule::OK_WITHOUT_VALIDATOR), Action::Log);
}
