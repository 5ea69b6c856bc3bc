//! `sweep --har FILE`: the sweep's exchanges as a HAR 1.2 capture, the evidence behind each
//! finding in the format browsers' tools and `check` read.

use std::path::Path;

use http::{HeaderMap, Version};
use serde_json::{json, Value};
use tower_status_conformance::{sweep::Recorded, Report};

use crate::Error;

/// Writes every exchange `report` recorded to `path`; `base` is the sweep's base URL, which
/// each target follows.
pub(crate) fn write_har(report: &Report, path: &Path, base: &str) -> Result<(), Error> {
    let base = base.trim_end_matches('/');
    let entries: Vec<Value> = report
        .exchanges()
        .iter()
        .map(|recorded| entry(recorded, base))
        .collect();
    let document = json!({
        "log": {
            "version": "1.2",
            "creator": {"name": "tower-status-conformance", "version": env!("CARGO_PKG_VERSION")},
            "entries": entries,
        }
    });
    let text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n")
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    crate::note!(
        "wrote the {} exchange(s) of the sweep to {}",
        report.exchanges().len(),
        path.display()
    );
    Ok(())
}

/// One HAR entry. Timings are not measured (0); a request that got no complete response has
/// status 0, as browsers record one, and its error in `_error`.
fn entry(recorded: &Recorded, base: &str) -> Value {
    let version = match recorded.version() {
        Version::HTTP_10 => "HTTP/1.0",
        Version::HTTP_2 => "HTTP/2.0",
        _ => "HTTP/1.1",
    };
    let url = format!("{base}{}", recorded.target());
    let (status, headers, size) = match (
        recorded.status(),
        recorded.response_headers(),
        recorded.length(),
    ) {
        (Some(status), Some(headers), Some(length)) => (
            status.as_u16(),
            fields(headers),
            i64::try_from(length).unwrap_or(-1),
        ),
        _ => (0, Vec::new(), -1),
    };
    let mime = recorded
        .response_headers()
        .and_then(|headers| headers.get(http::header::CONTENT_TYPE))
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .unwrap_or_default();
    let mut entry = json!({
        "startedDateTime": "1970-01-01T00:00:00.000Z",
        "time": 0,
        "request": {
            "method": recorded.method().as_str(),
            "url": url,
            "httpVersion": version,
            "headers": fields(recorded.request_headers()),
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": -1,
        },
        "response": {
            "status": status,
            "statusText": "",
            "httpVersion": version,
            "headers": headers,
            "cookies": [],
            "content": {"size": size, "mimeType": mime},
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": size,
        },
        "cache": {},
        "timings": {"send": 0, "wait": 0, "receive": 0},
    });
    if let Some(error) = recorded.error() {
        entry["_error"] = Value::from(error);
    }
    entry
}

/// Header fields as HAR's `[{"name", "value"}]`, values as text.
fn fields(headers: &HeaderMap) -> Vec<Value> {
    headers
        .iter()
        .map(|(name, value)| {
            json!({"name": name.as_str(), "value": String::from_utf8_lossy(value.as_bytes())})
        })
        .collect()
}
