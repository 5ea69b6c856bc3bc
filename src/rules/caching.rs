//! Caching: statuses that must not be stored (RFC 6585) or are connection-specific (421), and
//! validators on a 200.

use http::header;

use super::{Ctx, Fields, Repair};
use crate::{facts::Present, syntax::list, Rule};

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

fn is_storage_directive(name: &[u8]) -> bool {
    STORAGE_DIRECTIVES
        .iter()
        .any(|storage| name.eq_ignore_ascii_case(storage))
}

/// Whether the response lets a cache store it: `Expires` or a storage directive, and no
/// `no-store`.
fn storable(cx: &Ctx<'_>) -> bool {
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

/// 428, 429, 431, 511 and 421 marked storable.
pub(super) fn never_store(cx: &mut Ctx<'_>) {
    match cx.code {
        428 | 429 | 431 | 511 => cx.flag_if(Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE, storable),
        421 => cx.flag_if(Rule::MISDIRECTED_MARKED_CACHEABLE, storable),
        _ => {}
    }
}

/// A 200 to GET, HEAD or QUERY without validators, where one is shown to be available: the
/// request carried one back, or the response lets caches store it.
#[inline]
pub(super) fn ok(cx: &mut Ctx<'_>) {
    if !cx.facts.selects_representation() {
        return;
    }
    cx.flag_if(Rule::OK_WITHOUT_VALIDATOR, |cx| {
        !cx.fields.any(Fields::ETAG.union(Fields::LAST_MODIFIED))
            && (cx
                .facts
                .present
                .any(Present::IF_NONE_MATCH.union(Present::IF_MODIFIED_SINCE))
                || storable(cx))
    });
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE | Rule::MISDIRECTED_MARKED_CACHEABLE => {
            let headers = &mut repair.parts.headers;
            headers.remove(header::EXPIRES);
            let kept = list::join(
                list::elements(headers.get_all(header::CACHE_CONTROL))
                    .filter(|directive| !is_storage_directive(list::name_before(directive, b'=')))
                    .chain([&b"no-store"[..]]),
            );
            headers.insert(header::CACHE_CONTROL, kept);
        }
        _ => return None,
    }
    Some(true)
}
