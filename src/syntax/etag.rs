//! Entity tags (RFC 9110 §8.8.3) and their comparisons (§8.8.3.2).

use super::list;

/// An entity-tag: `W/"xyz"` or `"xyz"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct EntityTag<'a> {
    pub(crate) weak: bool,
    /// The opaque tag, quotes included.
    pub(crate) opaque: &'a [u8],
}

impl<'a> EntityTag<'a> {
    pub(crate) fn parse(bytes: &'a [u8]) -> Option<Self> {
        let opaque = without_weak_prefix(bytes);
        let weak = opaque.len() != bytes.len();
        is_opaque_tag(opaque).then_some(Self { weak, opaque })
    }

    /// Strong comparison: both strong and the same opaque tag.
    pub(crate) fn strong_eq(self, other: Self) -> bool {
        !self.weak && !other.weak && self.opaque == other.opaque
    }

    /// Weak comparison: the same opaque tag, weakness ignored.
    pub(crate) fn weak_eq(self, other: Self) -> bool {
        self.opaque == other.opaque
    }
}

/// The response's entity tag, when it has exactly one valid `ETag`.
#[inline]
pub(crate) fn current_tag(headers: &http::HeaderMap) -> Option<EntityTag<'_>> {
    super::single(headers, http::header::ETAG).and_then(EntityTag::parse)
}

/// Whether an `If-None-Match` value (`*` or a list of entity tags) matches the response's
/// `ETag` line `etag` by weak comparison, as §13.1.2 evaluates it. `etag` is `None` when the
/// response has no one `ETag`: only `*` can match then. An `etag` that is not an entity-tag
/// matches nothing but `*`.
#[inline]
pub(crate) fn if_none_match_matches(field: &[u8], etag: Option<&[u8]>) -> bool {
    // The common value, one tag: without a comma it is one element (a comma inside a tag
    // would be one too), so no quote-aware splitting is needed, and it is compared with the
    // `ETag` as bytes before either is parsed. Weak comparison ignores only the `W/` prefix,
    // so two tags that differ once it is removed cannot match — the usual outcome, a stale
    // tag, is decided without parsing — and two that are equal are one tag, checked once.
    if !field.contains(&b',') {
        let element = list::trim(field);
        if element == b"*" {
            return true;
        }
        let Some(etag) = etag else {
            return false;
        };
        let opaque = without_weak_prefix(element);
        return super::same_bytes(opaque, without_weak_prefix(etag)) && is_opaque_tag(opaque);
    }
    let current = etag.and_then(EntityTag::parse);
    list::elements_of(field).any(|element| {
        element == b"*"
            || current.is_some_and(|current| {
                EntityTag::parse(element).is_some_and(|listed| listed.weak_eq(current))
            })
    })
}

/// `tag` without a leading `W/` (the weakness indicator, §8.8.3).
fn without_weak_prefix(tag: &[u8]) -> &[u8] {
    tag.strip_prefix(b"W/").unwrap_or(tag)
}

/// Whether `opaque` is an opaque-tag: a quoted string without a quote inside (§8.8.3).
fn is_opaque_tag(opaque: &[u8]) -> bool {
    matches!(opaque, [b'"', inner @ .., b'"'] if !inner.contains(&b'"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_compares_as_rfc_9110_table() {
        // The example table of RFC 9110 §8.8.3.2.
        let w1 = EntityTag::parse(b"W/\"1\"").unwrap();
        let w2 = EntityTag::parse(b"W/\"2\"").unwrap();
        let s1 = EntityTag::parse(b"\"1\"").unwrap();
        assert!(!w1.strong_eq(w1) && w1.weak_eq(w1));
        assert!(!w1.strong_eq(w2) && !w1.weak_eq(w2));
        assert!(!w1.strong_eq(s1) && w1.weak_eq(s1));
        assert!(s1.strong_eq(s1) && s1.weak_eq(s1));
        assert_eq!(EntityTag::parse(b"1"), None);
        assert_eq!(EntityTag::parse(b"\"a\"b\""), None);
        assert_eq!(EntityTag::parse(b"\""), None);
    }

    /// The one-tag path decides as the general list splitter does.
    #[test]
    fn a_single_tag_is_decided_as_a_list_is() {
        let general = |field: &[u8], etag: Option<&[u8]>| {
            let current = etag.and_then(EntityTag::parse);
            list::elements_of(field).any(|element| {
                element == b"*"
                    || current.is_some_and(|current| {
                        EntityTag::parse(element).is_some_and(|listed| listed.weak_eq(current))
                    })
            })
        };
        let fields: [&[u8]; 16] = [
            b"\"v2\"",
            b" \"v2\"\t",
            b"W/\"v2\"",
            b"*",
            b" * ",
            b"",
            b"  ",
            b"\"v3\"",
            b"v2",
            b"\"a,b\"",
            b"\"v2\", ",
            b"W/v2",
            b"\"a\"b\"",
            b"\"",
            b"W/",
            b"w/\"v2\"",
        ];
        // Valid tags, and `ETag` lines that are not one (they match nothing but `*`).
        let etags: [Option<&[u8]>; 10] = [
            Some(b"\"v2\""),
            Some(b"W/\"v2\""),
            Some(b"\"a,b\""),
            Some(b"v2"),
            Some(b"W/v2"),
            Some(b"\"a\"b\""),
            Some(b"\""),
            Some(b""),
            Some(b"W/"),
            None,
        ];
        for etag in etags {
            for field in fields.into_iter().chain(etags.into_iter().flatten()) {
                assert_eq!(
                    if_none_match_matches(field, etag),
                    general(field, etag),
                    "{:?} against {:?}",
                    String::from_utf8_lossy(field),
                    etag.map(String::from_utf8_lossy)
                );
            }
        }
    }

    #[test]
    fn if_none_match_lists_and_star() {
        let current = Some(&b"\"v2\""[..]);
        assert!(if_none_match_matches(b"\"v1\", W/\"v2\"", current));
        assert!(!if_none_match_matches(b"\"v1\"", current));
        assert!(if_none_match_matches(b"*", None));
        assert!(!if_none_match_matches(b"\"v1\"", None));
    }
}
