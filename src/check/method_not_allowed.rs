//! 405 and its `Allow` header.

use http::{header, HeaderMap};

use super::list;
use crate::{facts::RequestFacts, Findings, Rule};

pub(super) fn check(facts: &RequestFacts, headers: &HeaderMap, findings: &mut Findings) {
    let lines = headers.get_all(header::ALLOW);
    if lines.iter().next().is_none() {
        findings.insert(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
        return;
    }
    // Method names are case-sensitive (RFC 9110 §9.1).
    let method = facts.method.as_str().as_bytes();
    if list::elements(lines).any(|allowed| allowed == method) {
        findings.insert(Rule::METHOD_NOT_ALLOWED_LISTS_METHOD);
    }
}
