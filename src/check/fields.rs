//! Which response header fields are present, found in one pass over the header map, and the
//! rules about fields that apply whatever the status.

use http::{header, HeaderMap, Version};

use super::{list, Ctx};
use crate::{date, facts::Present, Rule};

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
                    fields.0 |= Self::classify(name.as_str().as_bytes());
                }
                fields
            }

            /// The bit of a (lowercase) field name, 0 for the others. A jump on (length, last
            /// byte, first byte) picks at most one candidate; only that one is compared.
            fn classify(name: &[u8]) -> u32 {
                let (Some(&first), Some(&last)) = (name.first(), name.last()) else {
                    return 0;
                };
                let (candidate, bit): (&[u8], u32) = match (name.len(), last, first) {
                    $($key => ($name.as_bytes(), Self::$konst.0),)*
                    _ => return 0,
                };
                if name == candidate {
                    bit
                } else {
                    0
                }
            }
        }

        #[cfg(test)]
        #[test]
        fn every_name_is_classified_as_itself() {
            $(assert_eq!(Fields::classify($name.as_bytes()), Fields::$konst.0, $name);)*
            for other in ["date", "server", "vary", "x-etag", "content-typf", "", "e"] {
                assert_eq!(Fields::classify(other.as_bytes()), 0, "{other}");
            }
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
}

impl Fields {
    /// Fields RFC 9113 §8.2.2 forbids in HTTP/2 (and RFC 9114 §4.2 in HTTP/3).
    pub(crate) const CONNECTION_SPECIFIC: Self = Self::CONNECTION
        .union(Self::KEEP_ALIVE)
        .union(Self::PROXY_CONNECTION)
        .union(Self::TRANSFER_ENCODING)
        .union(Self::UPGRADE)
        .union(Self::TE);
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

/// Rules about fields that may appear on any status.
pub(super) fn check(cx: &mut Ctx<'_>) {
    let fields = cx.fields;
    let code = cx.code;
    if fields.has(Fields::LOCATION) {
        cx.flag_if(Rule::LOCATION_OUTSIDE_REDIRECT, |_| {
            !matches!(code, 201 | 202 | 300..=399)
        });
        cx.flag_if(Rule::LOCATION_INVALID, |cx| {
            cx.headers
                .get_all(header::LOCATION)
                .iter()
                .any(|value| !is_uri_reference(value.as_bytes()))
        });
    }
    if fields.has(Fields::CONTENT_RANGE) {
        cx.flag_if(Rule::CONTENT_RANGE_OUTSIDE_PARTIAL, |_| {
            !matches!(code, 206 | 416)
        });
    }
    if fields.has(Fields::PROXY_AUTHENTICATE) {
        cx.flag_if(Rule::PROXY_AUTHENTICATE_OUTSIDE_407, |_| code != 407);
    }
    if fields.has(Fields::RETRY_AFTER) {
        cx.flag_if(Rule::RETRY_AFTER_INVALID, |cx| {
            retry_after_fix(cx.headers) != RetryAfterFix::Valid
        });
        cx.flag_if(Rule::RETRY_AFTER_OUTSIDE_DEFINED_STATUS, |_| {
            !matches!(code, 300..=399 | 413 | 429 | 503)
        });
    }
    if fields.has(Fields::STRICT_TRANSPORT_SECURITY) {
        cx.flag_if(Rule::HSTS_OVER_HTTP, |cx| {
            cx.facts.has(Present::SCHEME_HTTP) && !cx.facts.has(Present::FORWARDED)
        });
    }
    if fields.has(Fields::TRANSFER_ENCODING) {
        cx.flag_if(Rule::TRANSFER_ENCODING_TO_HTTP10, |cx| {
            cx.facts.version <= Version::HTTP_10
        });
        cx.flag_if(Rule::CONTENT_LENGTH_WITH_TRANSFER_ENCODING, |cx| {
            cx.fields.has(Fields::CONTENT_LENGTH)
        });
    }
    // The connection is handed over (101) or becomes a tunnel (2xx to CONNECT), yet `close`
    // asks to close it after this response (RFC 9112 §9.6).
    if fields.has(Fields::CONNECTION)
        && (code == 101 || (code / 100 == 2 && cx.method_is(&http::Method::CONNECT)))
    {
        cx.flag_if(Rule::CONNECTION_CLOSE_ON_HANDOFF, |cx| {
            has_connection_option(cx.headers, b"close")
        });
    }
    // RFC 9112 §3.2: an HTTP/1.1 request without one valid Host gets 400.
    if cx.facts.version == Version::HTTP_11 && matches!(code, 200..=399) {
        if cx.facts.has(Present::HOST_LINES) {
            cx.flag(Rule::DUPLICATE_HOST_NOT_REJECTED);
        } else if !cx.facts.has(Present::HOST) {
            cx.flag(Rule::MISSING_HOST_NOT_REJECTED);
        }
    }
    if cx.facts.version >= Version::HTTP_2 {
        cx.flag_if(Rule::CONNECTION_SPECIFIC_FIELD_OVER_HTTP2, |cx| {
            cx.fields.any(Fields::CONNECTION_SPECIFIC)
        });
    } else if fields.has(Fields::UPGRADE) && cx.facts.version == Version::HTTP_11 {
        cx.flag_if(Rule::UPGRADE_WITHOUT_CONNECTION_OPTION, |cx| {
            !has_connection_option(cx.headers, b"upgrade")
        });
    }
}

pub(crate) fn has_connection_option(headers: &HeaderMap, option: &[u8]) -> bool {
    list::elements(headers.get_all(header::CONNECTION)).any(|o| o.eq_ignore_ascii_case(option))
}

/// RFC 3986 `URI-reference`, checked by character class: every byte is unreserved, reserved
/// or part of a valid percent-encoding. Stricter structure (one `#`, brackets only around an IP
/// literal) is not checked.
fn is_uri_reference(value: &[u8]) -> bool {
    let mut bytes = value.iter();
    while let Some(&b) = bytes.next() {
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b);
        if b == b'%' {
            let hex = |b: Option<&u8>| b.is_some_and(u8::is_ascii_hexdigit);
            if !(hex(bytes.next()) && hex(bytes.next())) {
                return false;
            }
        } else if !allowed {
            return false;
        }
    }
    true
}

/// What the `Retry-After` repair has to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RetryAfterFix {
    Valid,
    /// Replace every line with this one value.
    Replace(http::HeaderValue),
    Remove,
}

pub(crate) fn retry_after_fix(headers: &HeaderMap) -> RetryAfterFix {
    let mut lines = headers.get_all(header::RETRY_AFTER).iter();
    let Some(first) = lines.next() else {
        return RetryAfterFix::Valid;
    };
    let several = lines.next().is_some();
    let value = list::trim(first.as_bytes());
    let exact = value.len() == first.len();
    let date = date::parse(value);
    // Decide before building anything: the valid case allocates nothing.
    let valid_form = (!value.is_empty() && value.iter().all(u8::is_ascii_digit))
        || matches!(date, Some((_, date::Form::ImfFixdate)));
    if valid_form && exact && !several {
        return RetryAfterFix::Valid;
    }
    let normalised = if valid_form {
        http::HeaderValue::from_bytes(value).ok()
    } else {
        date.and_then(|(timestamp, _)| http::HeaderValue::from_str(&date::format(timestamp)).ok())
    };
    normalised.map_or(RetryAfterFix::Remove, RetryAfterFix::Replace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_references() {
        for good in [
            &b""[..],
            b"/",
            b"/a%20b?q=1#x",
            b"https://ex.com:8080/p",
            b"../up",
            b"mailto:a@b",
        ] {
            assert!(
                is_uri_reference(good),
                "{:?}",
                String::from_utf8_lossy(good)
            );
        }
        for bad in [
            &b"/a b"[..],
            b"/%zz",
            b"/%2",
            b"/\"q\"",
            b"/caf\xc3\xa9",
            b"/<x>",
        ] {
            assert!(!is_uri_reference(bad), "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn retry_after_forms() {
        let fix = |lines: &[&'static str]| {
            let mut headers = HeaderMap::new();
            for line in lines {
                headers.append(header::RETRY_AFTER, http::HeaderValue::from_static(line));
            }
            retry_after_fix(&headers)
        };
        assert_eq!(fix(&["120"]), RetryAfterFix::Valid);
        assert_eq!(
            fix(&["Sun, 06 Nov 1994 08:49:37 GMT"]),
            RetryAfterFix::Valid
        );
        assert_eq!(
            fix(&["Sunday, 06-Nov-94 08:49:37 GMT"]),
            RetryAfterFix::Replace(http::HeaderValue::from_static(
                "Sun, 06 Nov 1994 08:49:37 GMT"
            ))
        );
        assert_eq!(
            fix(&["120", "60"]),
            RetryAfterFix::Replace(http::HeaderValue::from_static("120"))
        );
        assert_eq!(
            fix(&[" 120 "]),
            RetryAfterFix::Replace(http::HeaderValue::from_static("120"))
        );
        for bad in ["-1", "1.5", "soon", "", "+5"] {
            assert_eq!(fix(&[bad]), RetryAfterFix::Remove, "{bad:?}");
        }
    }
}
