//! The report as the user asked for it (text or JSON on stdout, JUnit XML in a file), and the
//! outcome `--fail-on` makes of it.

use std::{collections::BTreeMap, fmt::Write as _, io::Write as _};

use tower_status_conformance::{Report, ReportGroup, Requirement};

use crate::{Error, FailOn, Outcome, ReportArgs};

/// Prints `report`, writes the JUnit file if asked (a test case for each of `paths`, and for
/// each other route of the report), and judges it. `interrupted`: the run was stopped by
/// Ctrl-C, and the report is of what it did until then.
pub(crate) fn finish(
    report: &Report,
    args: &ReportArgs,
    suite: &str,
    paths: &[String],
    interrupted: bool,
) -> Result<Outcome, Error> {
    if let Some(path) = &args.write_baseline {
        write_baseline(report, path)?;
    }
    let accepted = match args.baseline.as_ref().or(args.write_baseline.as_ref()) {
        Some(path) => read_baseline(path)?,
        None => Vec::new(),
    };
    let is_accepted = |group: &ReportGroup| {
        accepted
            .iter()
            .any(|(rule, route)| group.rule().id() == rule && group.route().unwrap_or("") == route)
    };
    let kept = report.retain(|group| !is_accepted(group));
    if kept.len() < report.len() {
        crate::note!(
            "{} finding group(s) accepted by the baseline, not reported",
            report.len() - kept.len()
        );
    }
    let report = &kept;
    let outcome = outcome(report, args.fail_on);
    let text = if args.json {
        format!("{}\n", report.to_json())
    } else {
        let mut text = report.rolled_up().to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&summary(report, args.fail_on, outcome));
        text.push('\n');
        text
    };
    emit(&text);
    if let Some(path) = &args.junit {
        std::fs::write(path, junit(report, suite, paths, args.fail_on))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(if interrupted {
        Outcome::Interrupted
    } else {
        outcome
    })
}

/// The first line of a baseline file, so that another JSON file is not taken for one.
const BASELINE_FORMAT: &str = "tower-status-conformance baseline 1";

/// Writes the findings of `report` (rule and route) to `path` as accepted.
fn write_baseline(report: &Report, path: &std::path::Path) -> Result<(), Error> {
    let accepted: Vec<serde_json::Value> = report
        .groups()
        .map(|group| {
            serde_json::json!({
                "rule": group.rule().id(),
                "route": group.route().unwrap_or(""),
                "requirement": group.rule().requirement().as_str(),
            })
        })
        .collect();
    let document = serde_json::json!({"format": BASELINE_FORMAT, "accepted": accepted});
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n")
        .map_err(|e| format!("cannot write the baseline {}: {e}", path.display()))?;
    crate::note!(
        "wrote {} accepted finding group(s) to {}",
        report.len(),
        path.display()
    );
    Ok(())
}

/// The accepted (rule id, route) pairs of the baseline at `path`.
pub(crate) fn read_baseline(path: &std::path::Path) -> Result<Vec<(String, String)>, Error> {
    let name = path.display();
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {name}: {e}"))?;
    let document: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("the baseline {name} is not JSON: {e}"))?;
    if document["format"] != BASELINE_FORMAT {
        return Err(format!(
            "{name} is not a baseline (written by --write-baseline): no \"format\": \"{BASELINE_FORMAT}\""
        ));
    }
    let entries = document["accepted"]
        .as_array()
        .ok_or_else(|| format!("the baseline {name} has no `accepted` array"))?;
    entries
        .iter()
        .map(
            |entry| match (entry["rule"].as_str(), entry["route"].as_str()) {
                (Some(rule), Some(route)) => Ok((rule.to_owned(), route.to_owned())),
                _ => Err(format!(
                    "the baseline {name} has an entry without `rule` and `route`: {entry}"
                )),
            },
        )
        .collect()
}

/// Writes `text` to standard output; a closed pipe (`| head`) ends the writing quietly.
pub(crate) fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

/// Whether `group` is at or above `fail_on`.
fn fails(group: &ReportGroup, fail_on: FailOn) -> bool {
    matches!(
        (group.rule().requirement(), fail_on),
        (_, FailOn::Advisory)
            | (Requirement::Must | Requirement::Should, FailOn::Should)
            | (Requirement::Must, FailOn::Must)
    )
}

/// `Failed` when a group is at or above `fail_on`; else `Incomplete` when a request got no
/// complete response; else `Passed`.
pub(crate) fn outcome(report: &Report, fail_on: FailOn) -> Outcome {
    if report.groups().any(|group| fails(group, fail_on)) {
        Outcome::Failed
    } else if !report.failures().is_empty() {
        Outcome::Incomplete
    } else {
        Outcome::Passed
    }
}

/// The last line of a text report: the findings per requirement level, and what decided the
/// exit status.
fn summary(report: &Report, fail_on: FailOn, outcome: Outcome) -> String {
    let count = |level: Requirement| -> usize {
        report
            .groups()
            .filter(|group| group.rule().requirement() == level)
            .map(ReportGroup::count)
            .sum()
    };
    let levels = match fail_on {
        FailOn::Must => "MUST",
        FailOn::Should => "MUST or SHOULD",
        FailOn::Advisory => "any",
    };
    let verdict = match outcome {
        Outcome::Failed => format!("failed: {levels} findings fail the run (--fail-on)"),
        Outcome::Incomplete => format!(
            "incomplete: {} request(s) got no complete response (exit 3)",
            report.failures().len()
        ),
        Outcome::Passed | Outcome::Interrupted => {
            format!("passed: no {levels} finding (--fail-on)")
        }
    };
    format!(
        "summary: {} MUST, {} SHOULD, {} advisory finding(s); {verdict}",
        count(Requirement::Must),
        count(Requirement::Should),
        count(Requirement::Advisory),
    )
}

/// One test suite; one test case per path (route), failing with one `<failure>` that lists
/// every finding at or above `fail_on` there (those below it in `<system-out>`, never as a
/// failure, so that the file agrees with the exit status); one erroring test case per request
/// that got no complete response.
fn junit(report: &Report, suite: &str, paths: &[String], fail_on: FailOn) -> String {
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
        .filter(|groups| groups.iter().any(|group| fails(group, fail_on)))
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
        let (failing, below): (Vec<&ReportGroup>, Vec<&ReportGroup>) =
            groups.iter().partition(|group| fails(group, fail_on));
        if !failing.is_empty() {
            let ids: Vec<&str> = failing.iter().map(|group| group.rule().id()).collect();
            let text: Vec<String> = failing.iter().map(|group| describe(group)).collect();
            let _ = writeln!(
                xml,
                "<failure type=\"{}\" message=\"{} finding(s): {}\">{}</failure>",
                escape(failing[0].rule().requirement().as_str()),
                failing.len(),
                escape(&ids.join(", ")),
                escape(&text.join("\n\n"))
            );
        }
        if !below.is_empty() {
            let text: Vec<String> = below.iter().map(|group| describe(group)).collect();
            let _ = writeln!(
                xml,
                "<system-out>below --fail-on, not failing:\n{}</system-out>",
                escape(&text.join("\n\n"))
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

/// One finding group as the JUnit file tells it: as the text report does.
fn describe(group: &ReportGroup) -> String {
    let rule = group.rule();
    let example = group.example();
    let mut text = format!(
        "{} ({}, {} {}): {}, {} time(s)\ne.g. {} {} {:?} -> {}",
        rule.id(),
        rule.requirement(),
        rule.spec(),
        rule.spec_url(),
        rule.summary(),
        group.count(),
        example.method(),
        example.path(),
        example.version(),
        example.status()
    );
    if let Some(detail) = example.detail() {
        let label = if rule.scope() == tower_status_conformance::Scope::Sweep {
            "found"
        } else {
            "sent"
        };
        let _ = write!(text, "\n{label}: {detail}");
    }
    if let Some(culprit) = group.culprit() {
        let _ = write!(text, "\ncaused by the framework: {culprit}");
    }
    text
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
