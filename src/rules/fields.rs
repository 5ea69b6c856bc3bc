//! Which response header fields are present, found in one pass over the header map: the index
//! every topic's checks consult before looking a field up.

use http::{HeaderMap, HeaderName};

/// Response header fields some rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields(u32);

macro_rules! fields {
    ($($konst:ident = $bit:literal, $name:literal, $key:pat,)*) => {
        impl Fields {
            $(pub(crate) const $konst: Self = Self(1 << $bit);)*

            /// Notes every field `headers` has, in one pass.
            pub(crate) fn of(headers: &HeaderMap) -> Self {
                let mut fields = Self::default();
                for name in headers.keys() {
                    fields.0 |= Self::classify(name);
                }
                fields
            }

            /// The bit of a field name, 0 for the others. A jump on (length, last byte, first
            /// byte) picks at most one candidate; only that one is compared, as a `HeaderName`:
            /// for the names `http` knows, that compares two small integers instead of the text.
            fn classify(name: &HeaderName) -> u32 {
                let text = name.as_str().as_bytes();
                let (Some(&first), Some(&last)) = (text.first(), text.last()) else {
                    return 0;
                };
                match (text.len(), last, first) {
                    $($key if {
                        // `static`: compared by reference, no temporary to drop.
                        static NAME: HeaderName = HeaderName::from_static($name);
                        *name == NAME
                    } => Self::$konst.0,)*
                    _ => 0,
                }
            }
        }

        #[cfg(test)]
        #[test]
        fn every_name_is_classified_as_itself() {
            $(assert_eq!(
                Fields::classify(&HeaderName::from_static($name)),
                Fields::$konst.0,
                $name,
            );)*
            for other in ["date", "server", "vary", "x-etag", "content-typf", "e"] {
                assert_eq!(Fields::classify(&HeaderName::from_static(other)), 0, "{other}");
            }
            // Parsed from the wire, as a server's map holds them: the same bits.
            $(assert_eq!(
                Fields::classify(&HeaderName::from_bytes($name.as_bytes()).unwrap()),
                Fields::$konst.0,
                $name,
            );)*
        }
    };
}

// Each name with its jump key (length, last byte, first byte); the keys are unique.
fields! {
    CONTENT_LENGTH = 0, "content-length", (14, b'h', b'c'),
    TRANSFER_ENCODING = 1, "transfer-encoding", (17, b'g', b't'),
    CONTENT_TYPE = 2, "content-type", (12, b'e', b'c'),
    CONTENT_ENCODING = 3, "content-encoding", (16, b'g', b'c'),
    CONTENT_LANGUAGE = 4, "content-language", (16, b'e', b'c'),
    CONTENT_RANGE = 5, "content-range", (13, b'e', b'c'),
    LOCATION = 6, "location", (8, b'n', b'l'),
    ALLOW = 7, "allow", (5, b'w', b'a'),
    ETAG = 8, "etag", (4, b'g', b'e'),
    LAST_MODIFIED = 9, "last-modified", (13, b'd', b'l'),
    EXPIRES = 10, "expires", (7, b's', b'e'),
    CACHE_CONTROL = 11, "cache-control", (13, b'l', b'c'),
    UPGRADE = 12, "upgrade", (7, b'e', b'u'),
    CONNECTION = 13, "connection", (10, b'n', b'c'),
    KEEP_ALIVE = 14, "keep-alive", (10, b'e', b'k'),
    PROXY_CONNECTION = 15, "proxy-connection", (16, b'n', b'p'),
    TE = 16, "te", (2, b'e', b't'),
    PROXY_AUTHENTICATE = 17, "proxy-authenticate", (18, b'e', b'p'),
    WWW_AUTHENTICATE = 18, "www-authenticate", (16, b'e', b'w'),
    RETRY_AFTER = 19, "retry-after", (11, b'r', b'r'),
    STRICT_TRANSPORT_SECURITY = 20, "strict-transport-security", (25, b'y', b's'),
    ALT_SVC = 21, "alt-svc", (7, b'c', b'a'),
    ACCEPT_PATCH = 22, "accept-patch", (12, b'h', b'a'),
    ACCEPT_RANGES = 23, "accept-ranges", (13, b's', b'a'),
    LINK = 24, "link", (4, b'k', b'l'),
    ACCEPT_QUERY = 25, "accept-query", (12, b'y', b'a'),
    ACCEPT = 26, "accept", (6, b't', b'a'),
    ACCEPT_ENCODING = 27, "accept-encoding", (15, b'g', b'a'),
    CDN_CACHE_CONTROL = 28, "cdn-cache-control", (17, b'l', b'c'),
    CONTENT_DIGEST = 29, "content-digest", (14, b't', b'c'),
    PROXY_STATUS = 30, "proxy-status", (12, b's', b'p'),
}

impl Fields {
    /// Fields RFC 9113 §8.2.2 forbids in HTTP/2 (and RFC 9114 §4.2 in HTTP/3).
    pub(crate) const CONNECTION_SPECIFIC: Self = Self::CONNECTION
        .union(Self::KEEP_ALIVE)
        .union(Self::PROXY_CONNECTION)
        .union(Self::TRANSFER_ENCODING)
        .union(Self::UPGRADE)
        .union(Self::TE);
    /// Fields checked on any status where present (`rules::head`).
    pub(crate) const CHECKED_WHEREVER_PRESENT: Self = Self::LOCATION
        .union(Self::CONTENT_RANGE)
        .union(Self::PROXY_AUTHENTICATE)
        .union(Self::RETRY_AFTER)
        .union(Self::STRICT_TRANSPORT_SECURITY)
        .union(Self::ACCEPT_QUERY)
        .union(Self::CONTENT_ENCODING)
        .union(Self::PROXY_STATUS);
    /// Representation metadata that 304s and If-Range 206s should not repeat.
    pub(crate) const REPRESENTATION_METADATA: Self = Self::CONTENT_TYPE
        .union(Self::CONTENT_ENCODING)
        .union(Self::CONTENT_LANGUAGE);

    pub(crate) const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub(crate) const fn has(self, field: Self) -> bool {
        self.0 & field.0 != 0
    }

    pub(crate) const fn any(self, fields: Self) -> bool {
        self.0 & fields.0 != 0
    }
}
