//! A report rolled up by rule: one entry per rule, with every route it was seen on — a
//! server-wide defect reads once, not once per path.

use std::fmt;

use super::{telling, Report, ReportGroup};
use crate::{evidence::Recorded, Culprit, Requirement, Rule, Violation};

/// One rule broken on one or more routes, in a [`Report`] rolled up by rule
/// ([`Report::by_rule`]): the groups of that rule (those the framework caused apart from the
/// handlers').
#[derive(Clone, Debug)]
pub struct RuleGroup<'a> {
    groups: Vec<&'a ReportGroup>,
}

impl<'a> RuleGroup<'a> {
    /// The rule.
    #[must_use]
    pub fn rule(&self) -> Rule {
        self.groups[0].rule
    }

    /// How many violations of the rule were collected, on every route.
    #[must_use]
    pub fn count(&self) -> usize {
        self.groups.iter().map(|group| group.count).sum()
    }

    /// The routes it was seen on, in the report's order (`(no route)` when unknown).
    pub fn routes(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.groups
            .iter()
            .map(|group| group.route.as_deref().unwrap_or("(no route)"))
    }

    /// The groups rolled up, one per route.
    pub fn groups(&self) -> impl Iterator<Item = &'a ReportGroup> + '_ {
        self.groups.iter().copied()
    }

    /// The most telling example of all its routes (HTTP/1.1 first, as each group's is).
    #[must_use]
    pub fn example(&self) -> &'a Violation {
        // The first of the most telling: `min_by_key` keeps the first of equals.
        let best = self
            .groups
            .iter()
            .min_by_key(|group| std::cmp::Reverse(telling(group.example.version())))
            .unwrap_or(&self.groups[0]);
        &best.example
    }

    /// The component that caused these violations, as [`ReportGroup::culprit`].
    #[must_use]
    pub fn culprit(&self) -> Option<Culprit> {
        self.groups[0].culprit()
    }
}

/// How far up a requirement level sorts: MUST first.
fn severity(requirement: Requirement) -> u8 {
    match requirement {
        Requirement::Must => 0,
        Requirement::Should => 1,
        Requirement::Advisory => 2,
    }
}

impl Report {
    /// The groups rolled up by rule: the handlers' findings before the framework's, then MUST
    /// before SHOULD before advisory, then registry order.
    ///
    /// ```
    /// use tower_status_conformance::{Collector, Report};
    ///
    /// let report: Report = Collector::new().report();
    /// assert!(report.by_rule().is_empty());
    /// ```
    #[must_use]
    pub fn by_rule(&self) -> Vec<RuleGroup<'_>> {
        let mut rolled: Vec<RuleGroup<'_>> = Vec::new();
        for group in &self.groups {
            let framework = group.culprit().is_some();
            match rolled
                .iter_mut()
                .find(|r| r.rule() == group.rule && r.culprit().is_some() == framework)
            {
                Some(r) => r.groups.push(group),
                None => rolled.push(RuleGroup {
                    groups: vec![group],
                }),
            }
        }
        rolled.sort_by_key(|r| {
            (
                r.culprit().is_some(),
                severity(r.rule().requirement()),
                r.rule(),
            )
        });
        rolled
    }

    /// The report as text rolled up by rule ([`by_rule`](Self::by_rule)): what the
    /// command-line tool prints. `Display` gives one group per rule and route.
    #[must_use]
    pub fn rolled_up(&self) -> RolledUp<'_> {
        RolledUp(self)
    }
}

/// [`Report::rolled_up`]: the report as text, one entry per rule with the routes it was seen
/// on, the most severe first.
#[derive(Clone, Copy, Debug)]
pub struct RolledUp<'a>(&'a Report);

/// Routes named in full in a rolled-up entry; the rest are counted.
const ROUTES_SHOWN: usize = 8;

impl fmt::Display for RolledUp<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.0;
        report.write_preamble(f)?;
        if report.groups.is_empty() {
            return Ok(());
        }
        if report.documented {
            return write_each(f, report);
        }
        let rolled = report.by_rule();
        let total: usize = rolled.iter().map(RuleGroup::count).sum();
        writeln!(
            f,
            "{total} status-code violation(s) of {} rule(s):",
            rolled.len()
        )?;
        let mut framework_heading = false;
        for entry in &rolled {
            let rule = entry.rule();
            if entry.culprit().is_some() && !framework_heading {
                framework_heading = true;
                writeln!(
                    f,
                    "\ncaused by the framework, not by the handlers (see each `culprit`):"
                )?;
            }
            let routes: Vec<&str> = entry.routes().collect();
            writeln!(
                f,
                "\n`{}` ({}, {} {}): {} time(s) on {} route(s)\n  {}",
                rule,
                rule.requirement(),
                rule.spec(),
                rule.spec_url(),
                entry.count(),
                routes.len(),
                rule.summary(),
            )?;
            let shown = routes.len().min(ROUTES_SHOWN);
            write!(f, "  on: {}", routes[..shown].join(", "))?;
            if routes.len() > shown {
                write!(f, " and {} more", routes.len() - shown)?;
            }
            writeln!(f)?;
            let example = entry.example();
            writeln!(
                f,
                "  e.g. {} {} {} -> {}",
                example.method(),
                example.path(),
                super::shown_version(example),
                example.status(),
            )?;
            super::write_detail_and_culprit(f, example)?;
            if let Some(index) = example.exchange() {
                match report.exchanges.get(index) {
                    Some(recorded) => write_evidence(f, recorded)?,
                    // A capture's finding: the entry of `log.entries` holds the evidence.
                    None => writeln!(f, "  in exchange #{index}")?,
                }
            }
        }
        Ok(())
    }
}

/// A report of the OpenAPI lint: one line per finding, as a linter prints them, by JSON
/// pointer: where, which rule (level, section), what the document shows.
fn write_each(f: &mut fmt::Formatter<'_>, report: &Report) -> fmt::Result {
    let mut groups: Vec<&ReportGroup> = report.groups.iter().collect();
    groups.sort_by(|a, b| (&a.route, a.rule).cmp(&(&b.route, b.rule)));
    writeln!(f, "{} finding(s):", groups.len())?;
    for group in groups {
        let rule = group.rule;
        writeln!(
            f,
            "{}: `{}` ({}, {}) {}",
            group.route.as_deref().unwrap_or("(no location)"),
            rule,
            rule.requirement(),
            rule.spec(),
            rule.openapi().unwrap_or_else(|| rule.summary()),
        )?;
    }
    Ok(())
}

/// The most of a header section's text shown as evidence.
const EVIDENCE_BOUND: usize = 400;

/// A header section on one line, `name: value; name: value`, cut at [`EVIDENCE_BOUND`].
fn one_line(headers: &http::HeaderMap) -> String {
    let mut line = String::new();
    for (name, value) in headers {
        if !line.is_empty() {
            line.push_str("; ");
        }
        line.push_str(name.as_str());
        line.push_str(": ");
        line.push_str(&String::from_utf8_lossy(value.as_bytes()));
        if line.len() > EVIDENCE_BOUND {
            let mut cut = EVIDENCE_BOUND;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            line.truncate(cut);
            line.push('…');
            break;
        }
    }
    line
}

/// The exchange a finding was seen on: the request as sent, the response's head as received.
fn write_evidence(f: &mut fmt::Formatter<'_>, recorded: &Recorded) -> fmt::Result {
    writeln!(
        f,
        "  > {} {} {:?} [{}]",
        recorded.method(),
        recorded.target(),
        recorded.version(),
        one_line(recorded.request_headers())
    )?;
    match (
        recorded.status(),
        recorded.response_headers(),
        recorded.length(),
    ) {
        (Some(status), Some(headers), Some(length)) => writeln!(
            f,
            "  < {status} [{}] {length} content octet(s)",
            one_line(headers)
        ),
        _ => writeln!(
            f,
            "  < no complete response: {}",
            recorded.error().unwrap_or("")
        ),
    }
}
