//! `--openapi FILE`: an OpenAPI 3 document (JSON or YAML) read into the library's
//! `openapi::Document`, for the sweep's targets, the contract and the lint.

use std::path::Path;

use serde_json::Value;
use tower_status_conformance::openapi::{Contract, Document};

use crate::Error;

/// The document in `file` (`-`: standard input), read.
pub(crate) fn document(file: &Path) -> Result<Document, Error> {
    Document::from_value(&read_value(file)?)
        .map_err(|why| format!("{} is not an OpenAPI 3 document: {why}", name(file)))
}

/// How `file` is named in messages.
pub(crate) fn name(file: &Path) -> String {
    if file.as_os_str() == "-" {
        "standard input".to_owned()
    } else {
        file.display().to_string()
    }
}

/// The contract of the document in `file` (`--openapi FILE --contract`), and the lines to
/// print about it: what it holds, and what of the document was not read.
pub(crate) fn contract(file: &Path) -> Result<(Contract, Vec<String>), Error> {
    let document = document(file)?;
    let contract = document.contract();
    let mut lines = vec![format!(
        "contract: {} operation(s) of {}",
        contract.operations(),
        name(file)
    )];
    lines.extend(
        document
            .skipped()
            .iter()
            .map(|skipped| format!("contract: not read: {skipped}")),
    );
    Ok((contract, lines))
}

/// The document in `file` (`-`: standard input), JSON or YAML, as a JSON value.
fn read_value(file: &Path) -> Result<Value, Error> {
    let name = name(file);
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| format!("{name} is not valid JSON: {e}"))
    } else {
        yaml_serde::from_str(&text)
            .map_err(|e| format!("{name} is neither JSON nor valid YAML: {e}"))
    }
}
