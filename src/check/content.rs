//! Content and framing rules: 1xx, 204, 205, 304, HEAD, 2xx to CONNECT.

use http::{header, HeaderMap};

use super::HeadCheck;
use crate::{facts::BodyShape, Findings, Rule};

/// `rule` forbids content: a known non-empty body breaks it now, an unknown one is watched.
pub(super) fn forbid(rule: Rule, body: BodyShape, out: &mut HeadCheck) {
    match body {
        BodyShape::Empty => {}
        BodyShape::Content { .. } => out.findings.insert(rule),
        BodyShape::Unknown => out.watch = Some(rule),
    }
}

/// RFC 9110 §8.6 and RFC 9112 §6.1: no `Content-Length` / `Transfer-Encoding` at all.
pub(super) fn framing(headers: &HeaderMap, findings: &mut Findings) {
    if headers.contains_key(header::CONTENT_LENGTH) {
        findings.insert(Rule::FORBIDDEN_CONTENT_LENGTH);
    }
    if headers.contains_key(header::TRANSFER_ENCODING) {
        findings.insert(Rule::FORBIDDEN_TRANSFER_ENCODING);
    }
}
