//! The connection-specific header fields of one hop, removed where they must not pass: by the
//! repair of `connection-specific-field-over-http2`, and by the command line's proxy on both
//! hops.

use http::{header, HeaderMap, HeaderName};

use crate::syntax::list;

/// Removes the connection-specific fields from `headers` (RFC 9110 §7.6.1): `Connection` and
/// every field it names, `Keep-Alive`, `Proxy-Connection`, `TE`, `Transfer-Encoding` and
/// `Upgrade`. They describe one connection, so "a proxy or gateway MUST parse a received
/// Connection header field before a message is forwarded and, for each connection-option in
/// this field, remove any header or trailer field(s) from the message with the same name as
/// the connection-option, and then remove the Connection header field itself", and HTTP/2
/// forbids them (RFC 9113 §8.2.2). `Connection` is read as a list, quoted strings and empty
/// elements included.
///
/// ```
/// use http::HeaderMap;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("connection", "keep-alive, x-hop".parse().unwrap());
/// headers.insert("keep-alive", "timeout=5".parse().unwrap());
/// headers.insert("x-hop", "1".parse().unwrap());
/// headers.insert("content-type", "text/plain".parse().unwrap());
/// tower_status_conformance::remove_connection_specific_fields(&mut headers);
/// assert_eq!(headers.len(), 1);
/// assert!(headers.contains_key("content-type"));
/// ```
pub fn remove_connection_specific_fields(headers: &mut HeaderMap) {
    // Most messages carry none: one pass over the names, instead of six removals that each
    // hash a name.
    if !headers.keys().any(|name| ALWAYS_REMOVED.contains(name)) {
        return;
    }
    let named: Vec<HeaderName> = list::elements(headers.get_all(header::CONNECTION))
        .filter_map(|option| HeaderName::from_bytes(option).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in ALWAYS_REMOVED {
        headers.remove(name);
    }
}

/// The fields [`remove_connection_specific_fields`] removes whatever `Connection` names.
const ALWAYS_REMOVED: [HeaderName; 6] = [
    header::CONNECTION,
    HeaderName::from_static("keep-alive"),
    HeaderName::from_static("proxy-connection"),
    header::TE,
    header::TRANSFER_ENCODING,
    header::UPGRADE,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn map(fields: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in fields {
            headers.append(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn each_connection_specific_field_alone_is_removed() {
        for name in [
            "connection",
            "keep-alive",
            "proxy-connection",
            "te",
            "transfer-encoding",
            "upgrade",
        ] {
            let mut headers = map(&[(name, "x"), ("content-type", "text/plain")]);
            remove_connection_specific_fields(&mut headers);
            assert_eq!(headers, map(&[("content-type", "text/plain")]), "{name}");
        }
    }

    #[test]
    fn a_message_without_them_is_unchanged() {
        let fields = [
            ("content-type", "text/plain"),
            ("x-hop", "1"),
            ("vary", "connection"),
        ];
        let mut headers = map(&fields);
        remove_connection_specific_fields(&mut headers);
        assert_eq!(headers, map(&fields));
    }

    #[test]
    fn the_fields_connection_names_go_with_it() {
        let mut headers = map(&[
            ("connection", "x-hop, \"quoted\", , close"),
            ("x-hop", "1"),
            ("x-kept", "2"),
        ]);
        remove_connection_specific_fields(&mut headers);
        assert_eq!(headers, map(&[("x-kept", "2")]));
    }
}
