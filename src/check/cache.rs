//! Statuses that caches must never store (RFC 6585).

use http::{header, HeaderMap};

use super::list;
use crate::{Findings, Rule};

/// `Cache-Control` directives that permit a cache to store a response (RFC 9111 §3, §5.2.2)
/// or extend its use (RFC 5861, RFC 8246).
pub(crate) const STORAGE_DIRECTIVES: [&[u8]; 7] = [
    b"max-age",
    b"s-maxage",
    b"public",
    b"private",
    b"immutable",
    b"stale-while-revalidate",
    b"stale-if-error",
];

pub(super) fn never_store(headers: &HeaderMap, findings: &mut Findings) {
    let mut storable = headers.contains_key(header::EXPIRES);
    for directive in list::elements(headers.get_all(header::CACHE_CONTROL)) {
        let name = list::name_before(directive, b'=');
        if name.eq_ignore_ascii_case(b"no-store") {
            return;
        }
        storable |= is_storage_directive(name);
    }
    if storable {
        findings.insert(Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE);
    }
}

pub(crate) fn is_storage_directive(name: &[u8]) -> bool {
    STORAGE_DIRECTIVES
        .iter()
        .any(|storage| name.eq_ignore_ascii_case(storage))
}
