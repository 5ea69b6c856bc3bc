//! Which response header fields are present, found in one pass over the header map: the index
//! every topic's checks consult before looking a field up.

use std::sync::OnceLock;

use http::{HeaderMap, HeaderName};

use crate::names::ByNumber;

/// Response header fields some rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Fields(u32);

macro_rules! fields {
    ($($konst:ident = $bit:literal, $name:literal,)*) => {
        impl Fields {
            $(pub(crate) const $konst: Self = Self(1 << $bit);)*
        }

        /// Every field some rule looks at, with its bit (a `static`: a `const` of names
        /// would be built, and dropped, at each use).
        static NAMES: [(HeaderName, u32); [$($bit),*].len()] =
            [$((HeaderName::from_static($name), Fields::$konst.0),)*];

        #[cfg(test)]
        #[test]
        fn every_name_is_classified_as_itself() {
            let parsed = |text: &str| HeaderName::from_bytes(text.as_bytes()).unwrap();
            $(assert_eq!(Fields::classify(&parsed($name)), Fields::$konst.0, $name);)*
            for other in ["date", "server", "vary", "x-etag", "content-typf", "e"] {
                assert_eq!(Fields::classify(&parsed(other)), 0, "{other}");
            }
            // By number and by comparison alike.
            let table = Fields::by_number().expect("http's names read as numbers");
            for (name, bit) in &NAMES {
                assert_eq!(ByNumber::classify(Some(table), &NAMES, name), *bit);
                assert_eq!(ByNumber::classify(None, &NAMES, name), *bit);
            }
        }
    };
}

impl Fields {
    /// Notes every field `headers` has, in one pass.
    pub(crate) fn of(headers: &HeaderMap) -> Self {
        let mut fields = Self::default();
        if headers.is_empty() {
            return fields;
        }
        let table = Self::by_number();
        for name in headers.keys() {
            fields.0 |= ByNumber::classify(table, &NAMES, name);
        }
        fields
    }

    /// The bit of a field name, 0 for the others.
    #[cfg(test)]
    fn classify(name: &HeaderName) -> u32 {
        ByNumber::classify(Self::by_number(), &NAMES, name)
    }

    /// [`NAMES`](NAMES) by `http`'s number, built once (when the first layer is built).
    #[inline]
    pub(crate) fn by_number() -> Option<&'static ByNumber<u32>> {
        static TABLE: OnceLock<Option<ByNumber<u32>>> = OnceLock::new();
        TABLE.get_or_init(|| ByNumber::build(&NAMES)).as_ref()
    }
}

// Each name with its bit.
fields! {
    CONTENT_LENGTH = 0, "content-length",
    TRANSFER_ENCODING = 1, "transfer-encoding",
    CONTENT_TYPE = 2, "content-type",
    CONTENT_ENCODING = 3, "content-encoding",
    CONTENT_LANGUAGE = 4, "content-language",
    CONTENT_RANGE = 5, "content-range",
    LOCATION = 6, "location",
    ALLOW = 7, "allow",
    ETAG = 8, "etag",
    LAST_MODIFIED = 9, "last-modified",
    EXPIRES = 10, "expires",
    CACHE_CONTROL = 11, "cache-control",
    UPGRADE = 12, "upgrade",
    CONNECTION = 13, "connection",
    KEEP_ALIVE = 14, "keep-alive",
    PROXY_CONNECTION = 15, "proxy-connection",
    TE = 16, "te",
    PROXY_AUTHENTICATE = 17, "proxy-authenticate",
    WWW_AUTHENTICATE = 18, "www-authenticate",
    RETRY_AFTER = 19, "retry-after",
    STRICT_TRANSPORT_SECURITY = 20, "strict-transport-security",
    ALT_SVC = 21, "alt-svc",
    ACCEPT_PATCH = 22, "accept-patch",
    ACCEPT_RANGES = 23, "accept-ranges",
    LINK = 24, "link",
    ACCEPT_QUERY = 25, "accept-query",
    ACCEPT = 26, "accept",
    ACCEPT_ENCODING = 27, "accept-encoding",
    CDN_CACHE_CONTROL = 28, "cdn-cache-control",
    CONTENT_DIGEST = 29, "content-digest",
    PROXY_STATUS = 30, "proxy-status",
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
