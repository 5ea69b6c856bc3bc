//! The report as the user asked for it (text or JSON on stdout, JUnit XML in a file), and the
//! outcome `--fail-on` makes of it.

use std::io::Write as _;

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
        let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
        std::fs::write(path, report.to_junit(suite, level(args.fail_on), &paths))
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

/// The least requirement level that fails the run.
fn level(fail_on: FailOn) -> Requirement {
    match fail_on {
        FailOn::Must => Requirement::Must,
        FailOn::Should => Requirement::Should,
        FailOn::Advisory => Requirement::Advisory,
    }
}

/// Whether `group` is at or above `fail_on`.
fn fails(group: &ReportGroup, fail_on: FailOn) -> bool {
    group.rule().requirement() <= level(fail_on)
}

/// `Failed` when a group is at or above `fail_on`; else `Incomplete` when a request got no
/// complete response; else `Passed`.
pub(crate) fn outcome(report: &Report, fail_on: FailOn) -> Outcome {
    if report.groups().any(|group| fails(group, fail_on)) {
        Outcome::Failed
    } else if report.failed() > 0 {
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
            report.failed()
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
