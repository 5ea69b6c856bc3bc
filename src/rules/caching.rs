//! Caching: statuses that must not be stored (RFC 6585) or are connection-specific (421), and
//! validators on a 200.

use http::header;

use super::{Ctx, Fields, Repair};
use crate::{
    facts::Present,
    syntax::{list, structured},
    Rule,
};

/// RFC 9213 §3: the targeted cache-control field of CDNs.
const CDN_CACHE_CONTROL: header::HeaderName = header::HeaderName::from_static("cdn-cache-control");

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

/// Whether the response lets some cache store it: a cache that reads `Cache-Control` and
/// `Expires`, or a CDN that obeys `CDN-Cache-Control` (RFC 9213), which then ignores both.
fn storable(cx: &Ctx<'_>) -> bool {
    (cx.fields.any(Fields::EXPIRES.union(Fields::CACHE_CONTROL)) && storable_by_cache_control(cx))
        || (cx.fields.has(Fields::CDN_CACHE_CONTROL) && storable_by_a_cdn(cx))
}

/// `Expires` or a storage directive in `Cache-Control`, and no `no-store`.
fn storable_by_cache_control(cx: &Ctx<'_>) -> bool {
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

/// RFC 9213 §2.2: a CDN whose target list has `CDN-Cache-Control` uses it when it has a
/// "valid, non-empty value", and then "MUST ignore the Cache-Control and Expires header
/// fields". Its members are Dictionary keys (§2.1); a line that fails to parse is ignored
/// (the CDN then falls back to `Cache-Control`, judged above).
fn storable_by_a_cdn(cx: &Ctx<'_>) -> bool {
    let mut storable = false;
    for line in cx.headers.get_all(CDN_CACHE_CONTROL) {
        let (mut members, mut no_store, mut permits) = (0, false, false);
        let parsed = structured::each_dictionary_key(line.as_bytes(), |key| {
            members += 1;
            no_store |= key == b"no-store";
            permits |= is_storage_directive(key);
            true
        });
        // An empty or unparsable line is ignored (§2.1).
        if parsed && members > 0 {
            if no_store {
                return false;
            }
            storable |= permits;
        }
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
            no_store_in(headers, header::CACHE_CONTROL);
            // A CDN that obeys `CDN-Cache-Control` ignores the `Cache-Control` just written
            // (RFC 9213 §2.2): it gets the same `no-store`.
            if headers.contains_key(CDN_CACHE_CONTROL) {
                no_store_in(headers, CDN_CACHE_CONTROL);
            }
        }
        _ => return None,
    }
    Some(true)
}

/// Rewrites the cache-control field `name` (`Cache-Control` or a targeted one, whose
/// Dictionary members read as its directives do) on one line: its storage directives and any
/// `no-store` removed, the other directives kept, then `no-store`.
fn no_store_in(headers: &mut http::HeaderMap, name: header::HeaderName) {
    let kept = list::join(
        list::elements(headers.get_all(&name))
            .filter(|directive| {
                let directive = list::name_before(directive, b'=');
                !is_storage_directive(directive) && !directive.eq_ignore_ascii_case(b"no-store")
            })
            .chain([&b"no-store"[..]]),
    );
    headers.insert(name, kept);
}
