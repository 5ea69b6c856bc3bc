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
    for line in crate::syntax::lines(cx.headers, &header::CACHE_CONTROL) {
        let found = each_directive_name(line.as_bytes(), |name| {
            if name.eq_ignore_ascii_case(b"no-store") {
                return false;
            }
            storable |= is_storage_directive(name);
            true
        });
        if !found {
            return false;
        }
    }
    storable
}

/// Calls `each` with the name of every directive of one `Cache-Control` line (RFC 9111 §5.2:
/// a list of `token [ "=" value ]`), trimmed, empty elements included, until it returns
/// `false`; returns whether it never did. A line without a quote is split at its commas
/// directly, which gives the names `list::elements_of` gives (test
/// `directive_names_agree_with_the_list_parser`) without its quote tracking; a line with a
/// quoted value goes through the list parser.
#[inline]
fn each_directive_name(line: &[u8], mut each: impl FnMut(&[u8]) -> bool) -> bool {
    if line.contains(&b'"') {
        list::elements_of(line).all(|directive| each(list::name_before(directive, b'=')))
    } else {
        line.split(|&b| b == b',')
            .all(|directive| each(list::name_before(directive, b'=')))
    }
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

/// The status codes RFC 9110 §15.1 defines as heuristically cacheable.
const HEURISTICALLY_CACHEABLE: [u16; 12] =
    [200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501];

/// A response whose content coding names a dictionary (RFC 9842: `dcb`, `dcz`), which a cache
/// must not give to a client with another dictionary or none.
pub(super) fn dictionary_compressed(cx: &mut Ctx<'_>) {
    let dictionary = list::elements(cx.headers.get_all(header::CONTENT_ENCODING))
        .any(|coding| coding.eq_ignore_ascii_case(b"dcb") || coding.eq_ignore_ascii_case(b"dcz"));
    if !dictionary {
        return;
    }
    cx.flag_if(Rule::DICTIONARY_COMPRESSED_WITHOUT_VARY, |cx| {
        cacheable(cx)
            && !list::elements(cx.headers.get_all(header::VARY)).any(|name| {
                name == b"*" || name.eq_ignore_ascii_case(AVAILABLE_DICTIONARY.as_bytes())
            })
    });
}

/// `Available-Dictionary`, the request field a dictionary-compressed response varies on.
const AVAILABLE_DICTIONARY: &str = "available-dictionary";

/// Whether a cache may store the response (RFC 9111 §3): no `no-store`, and a heuristically
/// cacheable status or an explicit permission (`Expires`, a storage directive).
fn cacheable(cx: &Ctx<'_>) -> bool {
    let no_store = list::elements(cx.headers.get_all(header::CACHE_CONTROL))
        .any(|directive| list::name_before(directive, b'=').eq_ignore_ascii_case(b"no-store"));
    !no_store && (HEURISTICALLY_CACHEABLE.contains(&cx.code) || storable(cx))
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::DICTIONARY_COMPRESSED_WITHOUT_VARY => {
            let headers = &mut repair.parts.headers;
            let mut members: Vec<&[u8]> = list::elements(headers.get_all(header::VARY)).collect();
            for needed in [&b"accept-encoding"[..], AVAILABLE_DICTIONARY.as_bytes()] {
                if !members
                    .iter()
                    .any(|member| member.eq_ignore_ascii_case(needed))
                {
                    members.push(needed);
                }
            }
            let vary = list::join(members.into_iter());
            headers.insert(header::VARY, vary);
        }
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

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Exchange;
    repair: repair;

    /// ### What it checks
    /// A 200 to GET, HEAD or QUERY with neither `ETag` nor `Last-Modified`, when the exchange shows a
    /// validator is available: the request carried one back (`If-None-Match` or
    /// `If-Modified-Since`, so an earlier response had one), or the response lets caches store
    /// it (`Expires`, or `max-age`, `s-maxage`, `public`, `private`, `immutable`,
    /// `stale-while-revalidate`, `stale-if-error`, without `no-store`). A dynamic response that
    /// caches may not keep is not judged: it may have no validator to give. Off by default.
    ///
    /// ### Why it matters
    /// RFC 9110 §15.3.1: "In 200 responses to GET or HEAD, an origin server SHOULD send any
    /// available validator fields (Section 8.8) for the selected representation". Without one,
    /// caches cannot revalidate and refetch the whole body.
    OK_WITHOUT_VALIDATOR = "ok-without-validator" {
        fields: ["etag", "last-modified", "cache-control", "expires"],
        reads: [IF_NONE_MATCH, IF_MODIFIED_SINCE],
        requirement: Should,
        spec: "RFC 9110 §15.3.1",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.3.1",
        summary: "200 to GET, HEAD or QUERY without ETag or Last-Modified",
        repair: [],
        default: Allow,
        example: "GET /logo.png HTTP/1.1\n\n200 OK\ncontent-type: image/png\ncache-control: max-age=86400\n\nPNG",
        near_miss: "GET /logo.png HTTP/1.1\n\n200 OK\ncontent-type: image/png\ncache-control: max-age=86400\netag: \"v1\"\n\nPNG",
    }

    /// ### What it checks
    /// A 428, 429, 431 or 511 response that permits storage: `Cache-Control` with `max-age`,
    /// `s-maxage`, `public`, `private`, `immutable`, `stale-while-revalidate` or
    /// `stale-if-error`, or an `Expires` header, and no `no-store` directive; or a valid,
    /// non-empty `CDN-Cache-Control` with one of those directives and no `no-store`, which a CDN
    /// obeys instead of both (RFC 9213 §2.2: it "MUST ignore the Cache-Control and Expires
    /// header fields in that response"): `Cache-Control: no-store` beside `CDN-Cache-Control:
    /// max-age=60` is still stored by the CDN.
    ///
    /// ### Why it matters
    /// RFC 6585 (§3, §4, §5, §6) says of each of these statuses: "Responses with the … status code
    /// MUST NOT be stored by a cache." The MUST binds caches, not the origin, so breaking it is
    /// not the origin's violation: the level is advice. Yet a cache that does not know the code
    /// may store it all the same when explicit freshness allows (RFC 9111 §3 lets a cache store
    /// a response "containing … a max-age response directive" whatever its final status), so
    /// an origin that marks the response storable invites shared caches to serve one client's
    /// rate-limit or login page to others (a CDN served a cached 429 for minutes in
    /// CVEProject/cve-website#1374).
    NEVER_STORE_STATUS_MARKED_CACHEABLE = "never-store-status-marked-cacheable" {
        fields: ["cache-control", "expires", "cdn-cache-control"],
        requirement: Advisory,
        spec: "RFC 6585 §3–§6",
        url: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        summary: "428/429/431/511 marked storable",
        repair: ["Removes `Expires` and the storage-permitting `Cache-Control` directives listed above, keeps the other directives, and adds `no-store`; does the same to `CDN-Cache-Control` when it is there, so that a CDN that obeys it does not store the response either."],
        default: Repair,
        example: "GET /search HTTP/1.1\n\n429 Too Many Requests\ncache-control: public, max-age=3600\nretry-after: 3600\n\nslow down",
        near_miss: "GET /search HTTP/1.1\n\n429 Too Many Requests\ncache-control: no-store, max-age=0\nretry-after: 30\ncontent-type: text/plain\n\nslow down",
    }

    /// ### What it checks
    /// A 421 (Misdirected Request) with explicit freshness: `Cache-Control` `max-age`,
    /// `s-maxage` or `public`, or `Expires`, and no `no-store` — or the same in a valid
    /// `CDN-Cache-Control`, which a CDN obeys instead (RFC 9213 §2.2).
    ///
    /// ### Why it matters
    /// RFC 9110 §15.5.20 and Appendix B.3: a 421 is specific to the connection it came on and
    /// is no longer heuristically cacheable; marking it fresh lets a cache replay it to
    /// requests that would succeed. Advice.
    MISDIRECTED_MARKED_CACHEABLE = "misdirected-marked-cacheable" {
        fields: ["cache-control", "expires", "cdn-cache-control"],
        requirement: Advisory,
        spec: "RFC 9110 §15.5.20",
        url: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.20",
        summary: "421 marked cacheable",
        repair: ["As for `never-store-status-marked-cacheable`: removes the storage-permitting directives and `Expires`, adds `no-store`, in `CDN-Cache-Control` too."],
        default: Log,
        example: "GET /page HTTP/2\n\n421 Misdirected Request\ncache-control: max-age=600\ncontent-type: text/plain\n\nwrong server",
        near_miss: "GET /page HTTP/2\n\n421 Misdirected Request\ncache-control: no-store\ncontent-type: text/plain\n\nwrong server",
    }

    /// ### What it checks
    /// A response whose `Content-Encoding` is `dcb` or `dcz` (dictionary-compressed Brotli or
    /// Zstandard), which a cache may store (no `no-store`, and a heuristically cacheable status
    /// or an explicit permission), with a `Vary` that does not name `Available-Dictionary`
    /// (nor `*`).
    ///
    /// ### Why it matters
    /// RFC 9842 §6.2: "If the response is cacheable, it MUST include a "Vary" header to
    /// prevent caches serving dictionary-compressed resources to clients that don't support
    /// them or serving the response compressed with the wrong dictionary: `Vary:
    /// accept-encoding, available-dictionary`". A cache that keys the response on
    /// `Accept-Encoding` alone gives it to the next client with another dictionary, which
    /// cannot decode it.
    DICTIONARY_COMPRESSED_WITHOUT_VARY = "dictionary-compressed-without-vary" {
        fields: ["content-encoding", "vary", "cache-control"],
        requirement: Must,
        spec: "RFC 9842 §6.2",
        url: "https://www.rfc-editor.org/rfc/rfc9842#section-6.2",
        summary: "cacheable dictionary-compressed response without Vary: available-dictionary",
        repair: ["Adds `accept-encoding` and `available-dictionary` to `Vary`, where missing (the members it has stay, on one line)."],
        default: Log,
        example: "GET /app.v2.js HTTP/1.1\naccept-encoding: dcb, br, gzip\navailable-dictionary: :pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=:\n\n200 OK\ncontent-type: text/javascript\ncontent-encoding: dcb\nvary: accept-encoding\n\n(compressed)",
        near_miss: "GET /app.v2.js HTTP/1.1\naccept-encoding: dcb, br, gzip\navailable-dictionary: :pZGm1Av0IEBKARczz7exkNYsZb8LzaMrV7J32a2fFG4=:\n\n200 OK\ncontent-type: text/javascript\ncontent-encoding: dcb\nvary: accept-encoding, available-dictionary\n\n(compressed)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quote-free split gives the names the list parser gives, on well-formed and broken
    /// lines alike (empty elements, which the parser skips, carry no name).
    #[test]
    fn directive_names_agree_with_the_list_parser() {
        let lines: &[&[u8]] = &[
            b"no-store",
            b"max-age=60",
            b"public, max-age=3600, immutable",
            b"  private ,\tno-cache ,",
            b",,, , no-store",
            b"max-age = 60",
            b"s-maxage=60,stale-while-revalidate=30,stale-if-error=86400",
            b"NO-STORE",
            b"",
            b" ",
            b"=",
            b"=60, =",
            b"max-age=60=60",
            b"no-cache=\"set-cookie, authorization\", max-age=60",
            b"private=\"a,b\", no-store",
            b"x=\"unterminated, no-store",
            b"x=\"esc\\\"aped, no-store\", public",
            b"\xff\xfe, max-age=1",
        ];
        for line in lines {
            let mut fast = Vec::new();
            assert!(each_directive_name(line, |name| {
                if !name.is_empty() {
                    fast.push(name.to_vec());
                }
                true
            }));
            let general: Vec<Vec<u8>> = list::elements_of(line)
                .map(|directive| list::name_before(directive, b'=').to_vec())
                .filter(|name| !name.is_empty())
                .collect();
            assert_eq!(fast, general, "{:?}", String::from_utf8_lossy(line));
        }
    }
}
