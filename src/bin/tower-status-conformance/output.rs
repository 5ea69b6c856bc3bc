//! The report as the user asked for it (text or JSON on stdout, JUnit XML in a file), and the
//! outcome `--fail-on` makes of it.

use std::{collections::BTreeMap, fmt::Write as _};

use tower_status_conformance::{Report, ReportGroup, Requirement};

use crate::{Error, FailOn, Outcome, ReportArgs};

/// Prints `report`, writes the JUnit file if asked (a test case for each of `paths`, and for
/// each other route of the report), and judges it.
pub(crate) fn finish(
    report: &Report,
    args: &ReportArgs,
    suite: &str,
    paths: &[String],
) -> Result<Outcome, Error> {
    if args.json {
        println!("{}", report.to_json());
    } else {
        print!("{report}");
        if !report.to_string().ends_with('\n') {
            println!();
        }
    }
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(report, suite, paths))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(outcome(report, args.fail_on))
}

/// `Failed` when a group is at or above `fail_on`, or a request got no complete response.
pub(crate) fn outcome(report: &Report, fail_on: FailOn) -> Outcome {
    let fails = |group: &ReportGroup| {
        matches!(
            (group.rule().requirement(), fail_on),
            (_, FailOn::Advisory)
                | (Requirement::Must | Requirement::Should, FailOn::Should)
                | (Requirement::Must, FailOn::Must)
        )
    };
    if !report.failures().is_empty() || report.groups().any(fails) {
        Outcome::Failed
    } else {
        Outcome::Passed
    }
}

/// One test suite; one test case per path (route), failing with one `<failure>` per rule
/// broken there; one erroring test case per request that got no complete response.
fn junit(report: &Report, suite: &str, paths: &[String]) -> String {
    let mut by_route: BTreeMap<&str, Vec<&ReportGroup>> = BTreeMap::new();
    for path in paths {
        // A sweep names a target's findings by its path without the query.
        by_route
            .entry(path.split('?').next().unwrap_or(path))
            .or_default();
    }
    for group in report.groups() {
        by_route
            .entry(group.route().unwrap_or("(no route)"))
            .or_default()
            .push(group);
    }
    let failures = by_route
        .values()
        .filter(|groups| !groups.is_empty())
        .count();
    let errors = report.failures().len();
    let tests = by_route.len() + errors;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites><testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">",
        escape(suite),
    );
    for (route, groups) in &by_route {
        let _ = writeln!(
            xml,
            "<testcase classname=\"{}\" name=\"{}\">",
            escape(suite),
            escape(route)
        );
        for group in groups {
            let rule = group.rule();
            let example = group.example();
            let mut text = format!(
                "{} ({}, {} {}): {}\ne.g. {} {} {:?} -> {}",
                rule.id(),
                rule.requirement(),
                rule.spec(),
                rule.spec_url(),
                rule.summary(),
                example.method(),
                example.path(),
                example.version(),
                example.status()
            );
            if let Some(detail) = example.detail() {
                let _ = write!(text, "\nfound: {detail}");
            }
            if let Some(culprit) = group.culprit() {
                let _ = write!(text, "\ncaused by the framework: {culprit}");
            }
            let _ = writeln!(
                xml,
                "<failure type=\"{}\" message=\"{}: {}\">{}</failure>",
                escape(rule.id()),
                escape(rule.id()),
                escape(rule.summary()),
                escape(&text)
            );
        }
        xml.push_str("</testcase>\n");
    }
    for failed in report.failures() {
        let _ = writeln!(
            xml,
            "<testcase classname=\"{}\" name=\"{}\"><error message=\"{}\"/></testcase>",
            escape(suite),
            escape(&format!(
                "{} {} {:?}",
                failed.method(),
                failed.target(),
                failed.version()
            )),
            escape(failed.error())
        );
    }
    xml.push_str("</testsuite></testsuites>\n");
    xml
}

/// XML text and attribute escaping; control characters (not allowed in XML 1.0) dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
