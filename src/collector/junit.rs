//! The report as JUnit XML ([`Report::to_junit`]).

use std::{collections::BTreeMap, fmt::Write as _};

use super::{Report, ReportGroup};
use crate::{Requirement, Scope};

impl Report {
    /// The report as JUnit XML, for a CI job's test view: one test suite named `suite`; one
    /// test case per route (and per one of `routes` with no finding, such as a sweep's
    /// targets), failing with one `<failure>` that lists every finding at or above `fail_at`
    /// there — those below it go to `<system-out>`, never as a failure, so that the file
    /// agrees with an exit status decided by the same level; one erroring test case per
    /// request that got no complete response ([`Report::failures`]).
    ///
    /// ```
    /// use tower_status_conformance::{Collector, Requirement};
    ///
    /// let report = Collector::new().report();
    /// let xml = report.to_junit("sweep", Requirement::Should, &["/", "/items"]);
    /// assert!(xml.contains(r#"<testsuite name="sweep" tests="2" failures="0" errors="0">"#));
    /// assert!(xml.contains(r#"<testcase classname="sweep" name="/items">"#));
    /// ```
    #[must_use]
    pub fn to_junit(&self, suite: &str, fail_at: Requirement, routes: &[&str]) -> String {
        junit(self, suite, fail_at, routes)
    }
}

fn junit(report: &Report, suite: &str, fail_at: Requirement, paths: &[&str]) -> String {
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
        .filter(|groups| groups.iter().any(|group| fails(group, fail_at)))
        .count();
    // One test case per failed request kept, and one for those not kept.
    let unkept = report.failed() - report.failures().len();
    let errors = report.failures().len() + usize::from(unkept > 0);
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
            groups.iter().partition(|group| fails(group, fail_at));
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
    if unkept > 0 {
        let _ = writeln!(
            xml,
            "<testcase classname=\"{}\" name=\"{unkept} more\"><error message=\"{unkept} more request(s) got no complete response\"/></testcase>",
            escape(suite),
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
        let label = if rule.scope() == Scope::Sweep {
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

/// Whether `group` is at or above `fail_at`.
fn fails(group: &ReportGroup, fail_at: Requirement) -> bool {
    group.rule().requirement() <= fail_at
}
