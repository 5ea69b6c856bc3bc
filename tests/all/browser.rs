//! A real browser's capture, recorded live: Debian's Chromium, driven by playwright-core
//! (`tests/browser/record-har.cjs`), loads a page of nginx and of an Express app on loopback
//! (every host mapped to 127.0.0.1, background traffic off), fetches files and JSON twice,
//! reloads, leaves and comes back; `check` of the HAR it wrote must find nothing — neither
//! server breaks a rule on these exchanges — while judging the revalidations Chromium records
//! as 200s as the 304s that crossed the wire. The committed captures of the same runs are
//! checked in `tests/all/har.rs`.
//!
//! Chromium is installed with `apt-get`, playwright-core with npm, when missing (`.ci/run`
//! installs both); when they cannot be, the test is skipped with a notice, or fails under CI.

use std::{path::Path, process::Command};

use crate::support::servers::{installed, node_modules, scratch, start_express, start_nginx};

const BIN: &str = env!("CARGO_BIN_EXE_tower-status-conformance");

/// Records `base` with Chromium into `har`, fetching `paths` besides the page's own; `None`
/// when Chromium or playwright-core is missing (the test is skipped, see `missing`).
fn record(base: &str, har: &Path, paths: &[&str]) -> Option<()> {
    let chromium = installed(&["/usr/bin/chromium", "chromium"], "chromium")?;
    let modules = node_modules(&["playwright-core@1"])?;
    let output = Command::new("node")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/browser/record-har.cjs"
        ))
        .arg(base)
        .arg(har)
        .args(paths)
        .env("NODE_PATH", &modules)
        .env("CHROMIUM", chromium)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the recorder failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(())
}

/// `check FILE --json`: the exit status, the report and stderr.
fn check(har: &Path) -> (i32, serde_json::Value, String) {
    let output = Command::new(BIN)
        .arg("check")
        .arg(har)
        .arg("--json")
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), report, stderr)
}

#[test]
fn a_live_chromium_capture_of_nginx_and_express_is_clean() {
    let dir = scratch("browser-captures");
    let Some((_nginx, nginx, _)) = start_nginx("browser-nginx") else {
        return;
    };
    let Some((_express, express, _)) = start_express("browser-express") else {
        return;
    };
    for (base, paths, revalidated) in [(&nginx, &[][..], 2), (&express, &["/api/items"][..], 3)] {
        let har = dir.join("capture.har");
        if record(base, &har, paths).is_none() {
            return;
        }
        let (code, report, stderr) = check(&har);
        assert_eq!(code, 0, "{base}: {report}\n{stderr}");
        assert_eq!(report["violations"], serde_json::json!([]), "{base}");
        assert_eq!(report["requests"], 5 + 2 * paths.len(), "{base}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "({revalidated} revalidation(s) the browser recorded as 200"
            )),
            "{base}: {stderr}"
        );
        assert!(
            stderr.contains("skipped 1 from the browser's cache"),
            "{base}: {stderr}"
        );
    }
}
