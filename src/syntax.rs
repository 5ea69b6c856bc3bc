//! Parsers for the syntax of field values: lists and quoted strings, entity tags, HTTP dates,
//! ranges, URI references and Structured Field lists; and of `multipart/byteranges` content,
//! which a sweep compares. Pure functions on bytes: linear in the input, free of panics,
//! and they allocate nothing (except where a function says so). What a rule makes of a value
//! lives with the rule, in `crate::rules`.

pub(crate) mod date;
pub(crate) mod etag;
pub(crate) mod json;
pub(crate) mod list;
pub(crate) mod multipart;
pub(crate) mod range;
pub(crate) mod structured;
pub(crate) mod uri;

use http::{header::HeaderName, HeaderMap, HeaderValue};

/// The value of a field that must appear once (RFC 9110 §5.3); `None` when it is absent or
/// repeated (then it has no one value to compare).
pub(crate) fn single(headers: &HeaderMap, name: HeaderName) -> Option<&[u8]> {
    single_value(headers, name).map(HeaderValue::as_bytes)
}

/// [`single`], as the `HeaderValue` (for a sweep, which sends it back).
pub(crate) fn single_value(headers: &HeaderMap, name: HeaderName) -> Option<&HeaderValue> {
    let mut lines = headers.get_all(name).into_iter();
    let first = lines.next()?;
    lines.next().is_none().then_some(first)
}
