//! Statuses that must not be stored (RFC 6585) or are connection-specific (421).

use http::header;

use super::{list, Ctx, Fields};
use crate::Rule;

/// `Cache-Control` directives that permit a cache to store a response (RFC 9111 §3, §5.2.2)
/// or extend its use (RFC 5861, RFC 8246).
const STORAGE_DIRECTIVES: [&[u8]; 7] = [
    b"max-age",
    b"s-maxage",
    b"public",
    b"private",
    b"immutable",
    b"stale-while-revalidate",
    b"stale-if-error",
];

pub(crate) fn is_storage_directive(name: &[u8]) -> bool {
    STORAGE_DIRECTIVES
        .iter()
        .any(|storage| name.eq_ignore_ascii_case(storage))
}

/// Whether the response lets a cache store it: `Expires` or a storage directive, and no
/// `no-store`.
pub(super) fn storable(cx: &Ctx<'_>) -> bool {
    if !cx.fields.any(Fields::EXPIRES.union(Fields::CACHE_CONTROL)) {
        return false;
    }
    let mut storable = cx.fields.has(Fields::EXPIRES);
    for directive in list::elements(cx.headers.get_all(header::CACHE_CONTROL)) {
        let name = list::name_before(directive, b'=');
        if name.eq_ignore_ascii_case(b"no-store") {
            return false;
        }
        storable |= is_storage_directive(name);
    }
    storable
}

pub(super) fn check(cx: &mut Ctx<'_>) {
    match cx.code {
        428 | 429 | 431 | 511 => cx.flag_if(Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE, storable),
        421 => cx.flag_if(Rule::MISDIRECTED_MARKED_CACHEABLE, storable),
        _ => {}
    }
}
