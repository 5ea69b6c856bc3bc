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
    let named: Vec<HeaderName> = list::elements(headers.get_all(header::CONNECTION))
        .filter_map(|option| HeaderName::from_bytes(option).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in [
        header::CONNECTION,
        HeaderName::from_static("keep-alive"),
        HeaderName::from_static("proxy-connection"),
        header::TE,
        header::TRANSFER_ENCODING,
        header::UPGRADE,
    ] {
        headers.remove(name);
    }
}
