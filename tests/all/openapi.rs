//! The rules on an OpenAPI document (`openapi::lint`, `tower-status-conformance openapi`):
//! a document with one planted defect per rule a document can decide, each response naming
//! in `x-planted` the rules it breaks, is reported exactly so; its corrected twin (OpenAPI 3.1
//! JSON beside the planted 3.0 YAML) reports nothing; and the command's exit statuses, JSON
//! and JUnit agree with each other.

use std::collections::BTreeSet;

use serde_json::Value;
use tower_status_conformance::{
    openapi::{self, Document},
    Rule,
};

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");
const PLANTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/openapi/planted.yaml"
);
const CORRECTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/openapi/corrected.json"
);

fn yaml(path: &str) -> Value {
    yaml_serde::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `(pointer, rule id)` for every rule a response of `document` names in `x-planted`, read
/// independently of the library (a `$ref` to a response followed once).
fn planted(document: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (key, response) in responses {
                let response = match response.get("$ref").and_then(Value::as_str) {
                    Some(reference) => document.pointer(&reference[1..]).unwrap(),
                    None => response,
                };
                for rule in response["x-planted"].as_array().into_iter().flatten() {
                    let pointer = format!(
                        "/paths/{}/{method}/responses/{key}",
                        path.replace('~', "~0").replace('/', "~1")
                    );
                    out.insert((pointer, rule.as_str().unwrap().to_owned()));
                }
            }
        }
    }
    out
}

fn found(report: &tower_status_conformance::Report) -> BTreeSet<(String, String)> {
    report
        .groups()
        .map(|group| {
            (
                group.route().unwrap().to_owned(),
                group.rule().id().to_owned(),
            )
        })
        .collect()
}

#[test]
fn each_planted_defect_is_reported_at_its_pointer_and_nothing_else() {
    let document = yaml(PLANTED);
    let report = openapi::lint(&Document::from_value(&document).unwrap());
    let expected = planted(&document);
    let found = found(&report);
    let missed: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:#?}\nnot planted {extra:#?}"
    );
    // 33 responses under a code; `4XX` and `default` have no status to judge.
    assert_eq!(report.requests(), Some(33));
}

#[test]
fn every_rule_a_document_can_decide_is_planted() {
    let planted: BTreeSet<String> = planted(&yaml(PLANTED))
        .into_iter()
        .map(|(_, rule)| rule)
        .collect();
    for rule in Rule::ALL {
        let decided = rule.openapi().is_some();
        assert!(
            !(decided && rule.is_opt_in()),
            "{rule}: opt-in, not run on documents"
        );
        assert_eq!(
            decided,
            planted.contains(rule.id()),
            "{rule}: a document can decide it ({decided}), so it is planted, and only then"
        );
    }
}

#[test]
fn the_corrected_twin_is_clean() {
    let text = std::fs::read_to_string(CORRECTED).unwrap();
    let report = openapi::lint(&Document::from_json(&text).unwrap());
    assert!(report.is_empty(), "{report}");
    assert_eq!(report.requests(), Some(26));
}

fn run(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    crate::support::run_with_input(BIN, args, stdin.map(str::as_bytes))
}

#[test]
fn the_command_fails_on_the_planted_document_and_passes_its_twin() {
    let (code, out, err) = run(&["openapi", PLANTED], None);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.starts_with("33 documented response(s) checked\n38 finding(s):\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "/paths/~1planted/get/responses/405: `method-not-allowed-without-allow` (must, \
             RFC 9110 §15.5.6) a 405 response documented without an `Allow` header\n"
        ),
        "{out}"
    );
    assert!(
        err.contains("checked 33 documented response(s) of 7 operation(s)"),
        "{err}"
    );

    let (code, out, err) = run(&["openapi", CORRECTED], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.starts_with("26 documented response(s) checked\nno status-code violation"),
        "{out}"
    );
}

#[test]
fn json_junit_and_the_exit_status_agree() {
    let dir = crate::support::servers::scratch("openapi-junit");
    let junit = dir.join("openapi.xml");
    let junit = junit.to_str().unwrap();
    let (code, out, _) = run(&["openapi", PLANTED, "--json", "--junit", junit], None);
    assert_eq!(code, 1);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["documented_responses"], 33);
    let violations = json["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 38);
    assert!(violations.iter().all(|v| v["example"]["version"].is_null()));
    let counts = &json["counts"];
    assert_eq!(
        counts["must"].as_u64().unwrap()
            + counts["should"].as_u64().unwrap()
            + counts["advisory"].as_u64().unwrap(),
        38
    );
    let xml = std::fs::read_to_string(junit).unwrap();
    // A test case per documented response; a failure per response with a MUST or SHOULD
    // finding (the default `--fail-on`).
    assert!(xml.contains(" tests=\"33\""), "{xml}");
    let failing: BTreeSet<&str> = violations
        .iter()
        .filter(|v| v["requirement"] != "advisory")
        .map(|v| v["route"].as_str().unwrap())
        .collect();
    assert!(
        xml.contains(&format!(" failures=\"{}\"", failing.len())),
        "{xml}"
    );

    // Only advisory findings below `--fail-on should`: the run passes.
    let advisory_only = r#"{"openapi": "3.1.0", "paths": {"/": {"get": {"responses": {
        "200": {"description": "ok"}, "418": {"description": "teapot"}}}}}}"#;
    let (code, out, _) = run(&["openapi", "-"], Some(advisory_only));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("`status-418-unused`"), "{out}");
    let (code, _, _) = run(
        &["openapi", "-", "--fail-on", "advisory"],
        Some(advisory_only),
    );
    assert_eq!(code, 1);
}

#[test]
fn what_cannot_be_judged_is_one_line_and_exit_2() {
    let cases = [
        (
            "{\"swagger\": \"2.0\", \"paths\": {}}",
            "is not an OpenAPI 3 document: no `openapi` version field",
        ),
        (
            "openapi: 3.0.0\npaths: {\"/\": {get: {responses: {default: {description: x}}}}}\n",
            "no response documented under a status code",
        ),
        ("{not json", "is not valid JSON"),
    ];
    for (text, why) in cases {
        let (code, out, err) = run(&["openapi", "-"], Some(text));
        assert_eq!(code, 2, "{text}: {out}{err}");
        assert!(out.is_empty(), "{out}");
        let last = err.lines().last().unwrap();
        assert!(
            last.starts_with("tower-status-conformance: ") && last.contains(why),
            "{err}"
        );
    }
    let (code, _, err) = run(&["openapi", "/nonexistent/api.yaml"], None);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read /nonexistent/api.yaml"), "{err}");
}

#[test]
fn a_ref_into_another_file_is_named_and_not_judged() {
    let text = r#"{"openapi": "3.0.3", "paths": {"/": {"get": {"responses": {
        "200": {"description": "ok"},
        "404": {"$ref": "errors.yaml#/NotFound"}}}}}}"#;
    let (code, out, err) = run(&["openapi", "-"], Some(text));
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(
            "not judged: /paths/~1/get/responses/404: `$ref` errors.yaml#/NotFound is in \
             another document, not followed"
        ),
        "{err}"
    );
    assert!(
        out.starts_with("1 documented response(s) checked\n"),
        "{out}"
    );
}
