//! Each rule's `reads` in the registry is complete: a rule captured with only what it declares
//! decides and repairs exactly as with every request input captured. A rule that read an input
//! it does not declare would see it absent when it is the only rule on.

use http::{Request, Response, StatusCode};

use super::{head, BodyPlan};
use crate::registry::repair;
use crate::{
    facts::{BodyShape, Capture, Reads, RequestFacts},
    findings::Judged,
    suppliers::Suppliers,
    violation::Stage,
    Action, Rule, Scope, Violation, Wire,
};

/// Exchanges where a rule's decision or repair depends on a request input that its example
/// and near miss leave out.
const CASES: &[(Rule, &str)] = &[
    (
        Rule::CONTINUE_WITHOUT_EXPECT,
        "POST /u HTTP/1.1\nexpect: 100-continue\ncontent-length: 1\n\n100\n\n",
    ),
    (
        Rule::OPTIONS_PATCH_WITHOUT_ACCEPT_PATCH,
        "OPTIONS /r HTTP/1.1\norigin: https://a.example\naccess-control-request-method: PATCH\n\n204\nallow: GET, PATCH\n\n",
    ),
    (
        Rule::NOT_ACCEPTABLE_WITHOUT_NEGOTIATION,
        "GET /r HTTP/1.1\naccept: application/xml\n\n406\ncontent-type: text/plain\n\nno",
    ),
    (
        Rule::NOT_MODIFIED_TO_NON_GET_HEAD,
        "POST /r HTTP/1.1\nif-none-match: \"a\"\n\n304\netag: \"a\"\n\n",
    ),
    (
        Rule::REDIRECT_MAY_CHANGE_POST_TO_GET,
        "POST http://example.com/a HTTP/1.1\n\n302\nlocation: http://example.com/a\n\n",
    ),
    (
        Rule::CONTENT_WITHOUT_CONTENT_TYPE,
        "GET /f HTTP/1.1\nrange: bytes=0-1\nif-range: \"a\"\n\n206\ncontent-range: bytes 0-1/10\netag: \"a\"\n\nab",
    ),
    (
        Rule::OK_WITHOUT_VALIDATOR,
        "GET /r HTTP/1.1\nif-none-match: \"a\"\n\n200\ncontent-type: text/plain\n\nx",
    ),
    (
        Rule::OK_WITHOUT_VALIDATOR,
        "GET /r HTTP/1.1\nif-modified-since: Sun, 06 Nov 1994 08:49:37 GMT\n\n200\ncontent-type: text/plain\n\nx",
    ),
    (
        Rule::OPTIONS_WITHOUT_CAPABILITIES,
        "OPTIONS /r HTTP/1.1\norigin: https://a.example\naccess-control-request-method: PUT\n\n204\naccess-control-allow-origin: https://a.example\n\n",
    ),
    (
        Rule::ALLOW_EXCLUDES_REQUEST_METHOD,
        "OPTIONS /r HTTP/1.1\norigin: https://a.example\naccess-control-request-method: PUT\n\n204\nallow: GET, PUT\n\n",
    ),
    (
        Rule::REDIRECT_TO_SELF,
        "GET http://example.com/a HTTP/1.1\n\n307\nlocation: http://example.com/a\n\n",
    ),
    (
        Rule::NOT_MODIFIED_UNCONDITIONAL,
        "GET /r HTTP/1.1\nif-none-match: \"a\"\n\n304\netag: \"a\"\n\n",
    ),
    (
        Rule::IF_MODIFIED_SINCE_IGNORED,
        "GET /r HTTP/1.1\nif-none-match: \"b\"\nif-modified-since: Mon, 07 Nov 1994 08:49:37 GMT\n\n200\nlast-modified: Sun, 06 Nov 1994 08:49:37 GMT\netag: \"a\"\ncontent-type: text/plain\n\nx",
    ),
    (
        Rule::LENGTH_REQUIRED_WITH_CONTENT_LENGTH,
        "POST /u HTTP/1.1\ncontent-length: 5\ntransfer-encoding: chunked\n\n411\ncontent-type: text/plain\n\nlength",
    ),
    (
        Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT,
        "POST /u HTTP/1.1\ncontent-length: 0\ncontent-type: application/json\n\n415\ncontent-type: text/plain\n\nno",
    ),
    (
        Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT,
        "POST /u HTTP/1.1\ncontent-length: 0\ncontent-encoding: br\n\n415\ncontent-type: text/plain\n\nno",
    ),
    (
        Rule::HSTS_OVER_HTTP,
        "GET http://example.com/ HTTP/1.1\nx-forwarded-proto: https\n\n200\nstrict-transport-security: max-age=60\ncontent-type: text/plain\n\nx",
    ),
];

/// The integration tests' exchange parser and body, shared so that the registry's exchanges
/// mean the same here as in `tests/all/rules.rs`.
#[path = "../../tests/support"]
#[allow(dead_code)]
mod support {
    pub(crate) mod body;
    pub(crate) mod exchange;
}

/// The request and response of `text`, and what the response head says of its body.
fn parse(text: &'static str) -> (Request<String>, Response<()>, BodyShape) {
    let exchange = support::exchange::parse(text);
    let shape = BodyShape::of(exchange.response.body());
    (exchange.request, exchange.response.map(drop), shape)
}

/// What `rule` alone finds, and the head its repair leaves, with `facts`.
fn act(
    rule: Rule,
    facts: &RequestFacts,
    response: &Response<()>,
    shape: BodyShape,
) -> (bool, Option<(StatusCode, http::HeaderMap, BodyPlan)>) {
    let only: Judged = [rule].into_iter().collect();
    let out = head(
        facts,
        response.status(),
        response.headers(),
        shape,
        only,
        Wire::Received,
    );
    // A body watched for the rule (as received, content without a type is judged by its
    // first octets) counts as found: what the request decides is whether it is watched.
    let found = out.findings.contains(rule) || out.watch == Some(rule);
    if !found {
        return (false, None);
    }
    let violation = Violation::new(
        rule,
        Action::Repair,
        Stage::Head,
        response.status(),
        facts,
        None,
    );
    let (mut parts, ()) = response.clone().into_parts();
    let mut plan = BodyPlan::Keep;
    let repaired = repair(
        &violation,
        facts,
        &mut parts,
        shape,
        &mut plan,
        &Suppliers::default(),
    );
    (
        true,
        repaired.then_some((parts.status, parts.headers, plan)),
    )
}

#[test]
fn each_rule_decides_and_repairs_with_only_what_it_reads() {
    let texts = Rule::ALL
        .iter()
        .filter(|rule| rule.scope() == Scope::Exchange)
        .flat_map(|&rule| [(rule, rule.example()), (rule, rule.near_miss())])
        .chain(CASES.iter().copied());
    let mut compared = 0;
    for (rule, text) in texts {
        let (request, response, shape) = parse(text);
        let alone = RequestFacts::capture(&request, Capture::new(rule.reads()));
        let everything = RequestFacts::capture(&request, Capture::new(Reads::ALL));
        assert_eq!(
            act(rule, &alone, &response, shape),
            act(rule, &everything, &response, shape),
            "`{rule}` acts otherwise with only what it declares it reads:\n{text}"
        );
        compared += 1;
    }
    assert_eq!(
        compared,
        2 * Rule::ALL
            .iter()
            .filter(|r| r.scope() == Scope::Exchange)
            .count()
            + CASES.len()
    );
}

/// With every rule on, a layer captures every request input: the rules together read all.
#[test]
fn every_input_is_read_by_some_rule() {
    assert_eq!(
        Rule::ALL.iter().map(|rule| rule.reads()).collect::<Reads>(),
        Reads::ALL
    );
}

/// Each case exercises an input: without one of the inputs the rule declares, it acts
/// otherwise.
#[test]
fn each_case_depends_on_a_request_input() {
    for &(rule, text) in CASES {
        let (request, response, shape) = parse(text);
        let everything = RequestFacts::capture(&request, Capture::new(Reads::ALL));
        let expected = act(rule, &everything, &response, shape);
        let depends = rule.reads().each().any(|input| {
            let without =
                RequestFacts::capture(&request, Capture::new(rule.reads().without(input)));
            act(rule, &without, &response, shape) != expected
        });
        assert!(depends, "`{rule}`: the case depends on no input:\n{text}");
    }
}
