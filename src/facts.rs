//! What the checks need to know about the request and the body, captured in one pass over the
//! request headers without allocating.

use http::{HeaderName, HeaderValue, Method, Request, Version};
use http_body::Body;

/// Request header fields whose presence some rule looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Present(u32);

impl Present {
    pub(crate) const EXPECT: Self = Self(1);
    pub(crate) const EXPECT_CONTINUE: Self = Self(1 << 1);
    pub(crate) const IF_MATCH: Self = Self(1 << 2);
    pub(crate) const IF_NONE_MATCH: Self = Self(1 << 3);
    pub(crate) const IF_MODIFIED_SINCE: Self = Self(1 << 4);
    pub(crate) const IF_UNMODIFIED_SINCE: Self = Self(1 << 5);
    pub(crate) const IF_RANGE: Self = Self(1 << 6);
    pub(crate) const RANGE: Self = Self(1 << 7);
    pub(crate) const CONTENT_LENGTH: Self = Self(1 << 8);
    /// A `Content-Length` other than `0`.
    pub(crate) const CONTENT: Self = Self(1 << 9);
    pub(crate) const TRANSFER_ENCODING: Self = Self(1 << 10);
    /// Any proactive-negotiation field (`Accept`, `Accept-Charset`, `Accept-Encoding`,
    /// `Accept-Language`).
    pub(crate) const NEGOTIATION: Self = Self(1 << 11);
    pub(crate) const UPGRADE: Self = Self(1 << 12);
    /// More than one `Upgrade` field line.
    pub(crate) const UPGRADE_LINES: Self = Self(1 << 13);
    /// More than one `Host` field line.
    pub(crate) const HOST_LINES: Self = Self(1 << 14);
    pub(crate) const HOST: Self = Self(1 << 15);
    /// The target URI's scheme is `http` (known for HTTP/2 and absolute-form requests only).
    pub(crate) const SCHEME_HTTP: Self = Self(1 << 16);
    /// `Access-Control-Request-Method`: a CORS preflight.
    pub(crate) const CORS_PREFLIGHT: Self = Self(1 << 17);
    /// `X-Forwarded-Proto` or `Forwarded`: the request came through a proxy.
    pub(crate) const FORWARDED: Self = Self(1 << 18);

    /// Every precondition field of RFC 9110 §13.1.
    pub(crate) const PRECONDITIONS: Self = Self(
        Self::IF_MATCH.0
            | Self::IF_NONE_MATCH.0
            | Self::IF_MODIFIED_SINCE.0
            | Self::IF_UNMODIFIED_SINCE.0
            | Self::IF_RANGE.0,
    );

    pub(crate) const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub(crate) const fn has(self, flag: Self) -> bool {
        self.0 & flag.0 != 0
    }

    /// Whether any of `flags` is present.
    pub(crate) const fn any(self, flags: Self) -> bool {
        self.0 & flags.0 != 0
    }

    /// Whether the present flags among `flags` are exactly `only`.
    pub(crate) const fn only(self, flags: Self, only: Self) -> bool {
        self.0 & flags.0 == only.0
    }

    fn set(&mut self, flag: Self) {
        self.0 |= flag.0;
    }
}

/// Bytes kept inline by [`RequestFacts`] before anything spills to the heap: enough for the
/// path and the compared fields of nearly every request.
const INLINE: usize = 96;

/// Where one captured value lives, packed in 32 bits: 0 for absent; otherwise the start in the
/// low 16 bits and the length in the high 15, the top bit saying the value spilled to the heap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Slot(u32);

impl Slot {
    const ABSENT: Self = Self(0);
    const SPILLED: u32 = 1 << 31;

    fn new(start: usize, len: usize, spilled: bool) -> Self {
        match (u16::try_from(start), u16::try_from(len)) {
            // A zero-length value is stored with start 1 so that it differs from absent.
            (Ok(start), Ok(len)) if len < 1 << 15 => {
                let start = if len == 0 { 1 } else { u32::from(start) };
                Self(start | u32::from(len) << 16 | if spilled { Self::SPILLED } else { 0 })
            }
            // Over 32 KiB in one field: not kept (the rules then treat it as absent).
            _ => Self::ABSENT,
        }
    }

    fn range(self) -> Option<(std::ops::Range<usize>, bool)> {
        if self == Self::ABSENT {
            return None;
        }
        let len = ((self.0 >> 16) & 0x7fff) as usize;
        let start = if len == 0 {
            0
        } else {
            (self.0 & 0xffff) as usize
        };
        Some((start..start + len, self.0 & Self::SPILLED != 0))
    }
}

/// Copies of the few request values the rules compare (path, `Upgrade`, `If-None-Match`, …).
///
/// Copied rather than cloned: cloning a `Bytes` that came from a `Vec` (every request built
/// with `Request::builder`) allocates, while copying a few dozen bytes into a fixed buffer does
/// not. Values that do not fit go to one heap buffer. The buffer is small on purpose: it
/// travels inside every response future, and moving a large future costs every request.
#[derive(Clone)]
struct Text {
    inline: [u8; INLINE],
    used: u16,
    /// Values that did not fit; `None` (nothing allocated) for nearly every request.
    spill: Option<Box<[u8]>>,
}

impl Text {
    const fn new() -> Self {
        Self {
            inline: [0; INLINE],
            used: 0,
            spill: None,
        }
    }

    fn keep(&mut self, bytes: &[u8]) -> Slot {
        let used = usize::from(self.used);
        if let Some(room) = self.inline.get_mut(used..used + bytes.len()) {
            room.copy_from_slice(bytes);
            // `INLINE` fits in a u16.
            self.used += bytes.len() as u16;
            return Slot::new(used, bytes.len(), false);
        }
        let mut spill = self.spill.take().map(Vec::from).unwrap_or_default();
        let start = spill.len();
        spill.extend_from_slice(bytes);
        self.spill = Some(spill.into_boxed_slice());
        Slot::new(start, bytes.len(), true)
    }

    fn get(&self, slot: Slot) -> Option<&[u8]> {
        let (range, spilled) = slot.range()?;
        if spilled {
            self.spill.as_deref()?.get(range)
        } else {
            self.inline.get(range)
        }
    }
}

/// The parts of a request the rules look at, taken in `Service::call` before the request moves
/// into the inner service, in one pass over its header fields and without allocating (see
/// [`Text`]).
#[derive(Clone)]
pub(crate) struct RequestFacts {
    pub(crate) method: Method,
    pub(crate) version: Version,
    pub(crate) present: Present,
    text: Text,
    path_and_query: Slot,
    upgrade: Slot,
    if_none_match: Slot,
    if_modified_since: Slot,
    if_range: Slot,
    range: Slot,
}

impl RequestFacts {
    pub(crate) fn capture<B>(request: &Request<B>) -> Self {
        let mut facts = Self {
            method: request.method().clone(),
            version: request.version(),
            present: Present::default(),
            text: Text::new(),
            path_and_query: Slot::ABSENT,
            upgrade: Slot::ABSENT,
            if_none_match: Slot::ABSENT,
            if_modified_since: Slot::ABSENT,
            if_range: Slot::ABSENT,
            range: Slot::ABSENT,
        };
        if let Some(target) = request.uri().path_and_query() {
            facts.path_and_query = facts.text.keep(target.as_str().as_bytes());
        }
        if request.uri().scheme() == Some(&http::uri::Scheme::HTTP) {
            facts.present.set(Present::SCHEME_HTTP);
        }
        // One pass over the fields instead of a lookup per field: most requests carry fewer
        // fields than the rules look for.
        for (name, value) in request.headers() {
            facts.note(name, value);
        }
        facts
    }

    fn note(&mut self, name: &HeaderName, value: &HeaderValue) {
        let bytes = value.as_bytes();
        // `HeaderName::as_str` is always lowercase.
        let (flag, slot) = match name.as_str() {
            "expect" => {
                if bytes.eq_ignore_ascii_case(b"100-continue") {
                    self.present.set(Present::EXPECT_CONTINUE);
                }
                (Present::EXPECT, None)
            }
            "if-match" => (Present::IF_MATCH, None),
            "if-none-match" => (Present::IF_NONE_MATCH, Some(&mut self.if_none_match)),
            "if-modified-since" => (
                Present::IF_MODIFIED_SINCE,
                Some(&mut self.if_modified_since),
            ),
            "if-unmodified-since" => (Present::IF_UNMODIFIED_SINCE, None),
            "if-range" => (Present::IF_RANGE, Some(&mut self.if_range)),
            "range" => (Present::RANGE, Some(&mut self.range)),
            "content-length" => {
                if bytes.iter().any(|&b| b != b'0') {
                    self.present.set(Present::CONTENT);
                }
                (Present::CONTENT_LENGTH, None)
            }
            "transfer-encoding" => (Present::TRANSFER_ENCODING, None),
            "accept" | "accept-charset" | "accept-encoding" | "accept-language" => {
                (Present::NEGOTIATION, None)
            }
            "upgrade" => {
                if self.present.has(Present::UPGRADE) {
                    self.present.set(Present::UPGRADE_LINES);
                }
                (Present::UPGRADE, Some(&mut self.upgrade))
            }
            "access-control-request-method" => (Present::CORS_PREFLIGHT, None),
            "x-forwarded-proto" | "forwarded" => (Present::FORWARDED, None),
            "host" => {
                if self.present.has(Present::HOST) {
                    self.present.set(Present::HOST_LINES);
                }
                (Present::HOST, None)
            }
            _ => return,
        };
        self.present.set(flag);
        // The first line of a field is the one compared.
        if let Some(slot) = slot.filter(|slot| **slot == Slot::ABSENT) {
            *slot = self.text.keep(bytes);
        }
    }

    pub(crate) fn has(&self, flag: Present) -> bool {
        self.present.has(flag)
    }

    pub(crate) fn is_get_or_head(&self) -> bool {
        self.method == Method::GET || self.method == Method::HEAD
    }

    /// The request target's path and query (`None` for an authority-form CONNECT).
    pub(crate) fn path_and_query(&self) -> Option<&[u8]> {
        self.text.get(self.path_and_query)
    }

    /// The path and query as text; `""` when there is none.
    pub(crate) fn target(&self) -> &str {
        // Copied from a `PathAndQuery`, which is ASCII.
        std::str::from_utf8(self.path_and_query().unwrap_or_default()).unwrap_or_default()
    }

    pub(crate) fn upgrade(&self) -> Option<&[u8]> {
        self.text.get(self.upgrade)
    }

    pub(crate) fn if_none_match(&self) -> Option<&[u8]> {
        self.text.get(self.if_none_match)
    }

    pub(crate) fn if_modified_since(&self) -> Option<&[u8]> {
        self.text.get(self.if_modified_since)
    }

    pub(crate) fn if_range(&self) -> Option<&[u8]> {
        self.text.get(self.if_range)
    }

    pub(crate) fn range(&self) -> Option<&[u8]> {
        self.text.get(self.range)
    }
}

fn text(bytes: Option<&[u8]>) -> Option<std::borrow::Cow<'_, str>> {
    bytes.map(String::from_utf8_lossy)
}

impl std::fmt::Debug for RequestFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestFacts")
            .field("method", &self.method)
            .field("version", &self.version)
            .field("present", &self.present)
            .field("path_and_query", &text(self.path_and_query()))
            .field("upgrade", &text(self.upgrade()))
            .field("if_none_match", &text(self.if_none_match()))
            .field("if_modified_since", &text(self.if_modified_since()))
            .field("if_range", &text(self.if_range()))
            .field("range", &text(self.range()))
            .finish()
    }
}

/// What the head of the response says about its body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BodyShape {
    /// Known to be empty (`is_end_stream`, or an exact size hint of 0).
    Empty,
    /// Known to carry at least one byte; the exact size when the hint gives it.
    Content { exact: Option<u64> },
    /// Unknown until it streams.
    Unknown,
}

impl BodyShape {
    pub(crate) fn of<B: Body>(body: &B) -> Self {
        if body.is_end_stream() {
            return Self::Empty;
        }
        let hint = body.size_hint();
        match hint.exact() {
            Some(0) => Self::Empty,
            exact if hint.lower() > 0 => Self::Content { exact },
            _ => Self::Unknown,
        }
    }
}
