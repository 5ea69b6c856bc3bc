//! What the checks need to know about the request and the body, captured in one pass over the
//! request headers without allocating.
//!
//! A value is either absent, known in full, or present with content the layer did not keep
//! ([`Value::Unknown`]: too long to copy, or a single-value field sent on several lines). No
//! rule may flag, or repair, on the content of an unknown value.

use std::sync::OnceLock;

use http::{header, HeaderMap, HeaderName, HeaderValue, Method, Request, Version};
use http_body::Body;

pub(crate) use crate::reads::Reads;
use crate::{names::ByNumber, syntax::list};

/// What a layer keeps of each request, decided once from what its enabled rules read.
///
/// The walk over the request's fields notes every field it knows (testing, field by field,
/// whether it is wanted would cost more than it saves when most are); what no enabled rule
/// reads is then dropped at once, so that the facts hold exactly the declared inputs. When no
/// enabled rule reads a request field, the walk is skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Capture {
    reads: Reads,
    /// The presence flags of what is read.
    present: Present,
    /// The value slots of what is read, one bit per [`Field`].
    slots: u16,
}

impl Capture {
    const ALL_SLOTS: u16 = (1 << Field::COUNT) - 1;

    pub(crate) fn new(reads: Reads) -> Self {
        // Built with the layer, not on its first request.
        noted_by_number();
        let inputs: [(Reads, Present, &[Field]); 20] = [
            (
                Reads::EXPECT,
                Present::EXPECT.union(Present::EXPECT_CONTINUE),
                &[],
            ),
            (
                Reads::IF_MATCH,
                Present::IF_MATCH.union(Present::IF_MATCH_TAG),
                &[],
            ),
            (
                Reads::IF_NONE_MATCH,
                Present::IF_NONE_MATCH,
                &[Field::IfNoneMatch],
            ),
            (
                Reads::IF_MODIFIED_SINCE,
                Present::IF_MODIFIED_SINCE,
                &[Field::IfModifiedSince],
            ),
            (
                Reads::IF_UNMODIFIED_SINCE,
                Present::IF_UNMODIFIED_SINCE,
                &[],
            ),
            (Reads::IF_RANGE, Present::IF_RANGE, &[Field::IfRange]),
            (Reads::RANGE, Present::RANGE, &[Field::Range]),
            (
                Reads::CONTENT_LENGTH,
                Present::CONTENT_LENGTH.union(Present::CONTENT_LENGTH_INVALID),
                &[],
            ),
            (Reads::TRANSFER_ENCODING, Present::TRANSFER_ENCODING, &[]),
            (Reads::NEGOTIATION, Present::NEGOTIATION, &[]),
            (Reads::UPGRADE, Present::UPGRADE, &[Field::Upgrade]),
            (Reads::HOST, Present::HOST.union(Present::HOST_LINES), &[]),
            (Reads::ORIGIN, Present::ORIGIN, &[]),
            (
                Reads::CORS_REQUEST_METHOD,
                Present::CORS_REQUEST_METHOD,
                &[],
            ),
            (Reads::FORWARDED, Present::FORWARDED, &[]),
            (Reads::CONTENT_TYPE, Present::CONTENT_TYPE, &[]),
            (Reads::CONTENT_ENCODING, Present::CONTENT_ENCODING, &[]),
            (Reads::CONNECTION, Present::CONNECTION, &[]),
            (
                Reads::SEC_WEBSOCKET,
                Present::default(),
                &[
                    Field::SecWebSocketKey,
                    Field::SecWebSocketProtocol,
                    Field::SecWebSocketExtensions,
                ],
            ),
            (
                Reads::URI,
                Present::SCHEME_HTTP.union(Present::SCHEME_HTTPS),
                &[Field::Authority],
            ),
        ];
        // What the layer itself reads: the target, an extension method's name, and where it
        // runs.
        let mut present = Present::default();
        #[cfg(feature = "axum")]
        {
            present = present.union(Present::INSIDE_AXUM_ROUTER);
        }
        let mut slots = 1 << Field::Target as u16 | 1 << Field::Method as u16;
        for (input, flags, fields) in inputs {
            if reads.any(input) {
                present = present.union(flags);
                for &field in fields {
                    slots |= 1 << field as u16;
                }
            }
        }
        Self {
            reads,
            present,
            slots,
        }
    }
}

/// A request field the walk notes; `Other` for the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Noted {
    #[default]
    Other,
    Expect,
    IfMatch,
    IfNoneMatch,
    IfModifiedSince,
    IfUnmodifiedSince,
    IfRange,
    Range,
    ContentLength,
    TransferEncoding,
    ContentType,
    ContentEncoding,
    Negotiation,
    Upgrade,
    Origin,
    CorsRequestMethod,
    Forwarded,
    Host,
    SecWebSocketKey,
    SecWebSocketProtocol,
    SecWebSocketExtensions,
}

/// Every name the walk notes, with what it is.
static NOTED: [(HeaderName, Noted); 24] = [
    (header::EXPECT, Noted::Expect),
    (header::IF_MATCH, Noted::IfMatch),
    (header::IF_NONE_MATCH, Noted::IfNoneMatch),
    (header::IF_MODIFIED_SINCE, Noted::IfModifiedSince),
    (header::IF_UNMODIFIED_SINCE, Noted::IfUnmodifiedSince),
    (header::IF_RANGE, Noted::IfRange),
    (header::RANGE, Noted::Range),
    (header::CONTENT_LENGTH, Noted::ContentLength),
    (header::TRANSFER_ENCODING, Noted::TransferEncoding),
    (header::CONTENT_TYPE, Noted::ContentType),
    (header::CONTENT_ENCODING, Noted::ContentEncoding),
    (header::ACCEPT, Noted::Negotiation),
    (header::ACCEPT_CHARSET, Noted::Negotiation),
    (header::ACCEPT_ENCODING, Noted::Negotiation),
    (header::ACCEPT_LANGUAGE, Noted::Negotiation),
    (header::UPGRADE, Noted::Upgrade),
    (header::ORIGIN, Noted::Origin),
    (
        header::ACCESS_CONTROL_REQUEST_METHOD,
        Noted::CorsRequestMethod,
    ),
    (header::FORWARDED, Noted::Forwarded),
    (
        HeaderName::from_static("x-forwarded-proto"),
        Noted::Forwarded,
    ),
    (header::HOST, Noted::Host),
    (header::SEC_WEBSOCKET_KEY, Noted::SecWebSocketKey),
    (header::SEC_WEBSOCKET_PROTOCOL, Noted::SecWebSocketProtocol),
    (
        header::SEC_WEBSOCKET_EXTENSIONS,
        Noted::SecWebSocketExtensions,
    ),
];

/// [`NOTED`] by `http`'s number, built once (when the first layer is built).
#[inline]
fn noted_by_number() -> Option<&'static ByNumber<Noted>> {
    static TABLE: OnceLock<Option<ByNumber<Noted>>> = OnceLock::new();
    TABLE.get_or_init(|| ByNumber::build(&NOTED)).as_ref()
}

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
    /// `Content-Length` lines that are not one valid length (RFC 9110 §8.6: `1*DIGIT`, every
    /// line and list element the same).
    pub(crate) const CONTENT_LENGTH_INVALID: Self = Self(1 << 9);
    pub(crate) const TRANSFER_ENCODING: Self = Self(1 << 10);
    /// Any proactive-negotiation field (`Accept`, `Accept-Charset`, `Accept-Encoding`,
    /// `Accept-Language`).
    pub(crate) const NEGOTIATION: Self = Self(1 << 11);
    pub(crate) const UPGRADE: Self = Self(1 << 12);
    /// `If-Match` with an element other than `*`: a request that names the entity tag it
    /// expects.
    pub(crate) const IF_MATCH_TAG: Self = Self(1 << 13);
    /// More than one `Host` field line.
    pub(crate) const HOST_LINES: Self = Self(1 << 14);
    pub(crate) const HOST: Self = Self(1 << 15);
    /// The target URI's scheme is `http` (known for HTTP/2 and absolute-form requests only).
    pub(crate) const SCHEME_HTTP: Self = Self(1 << 16);
    /// `Access-Control-Request-Method`.
    pub(crate) const CORS_REQUEST_METHOD: Self = Self(1 << 17);
    /// `X-Forwarded-Proto` or `Forwarded`: the request came through a proxy.
    pub(crate) const FORWARDED: Self = Self(1 << 18);
    pub(crate) const ORIGIN: Self = Self(1 << 19);
    pub(crate) const CONTENT_TYPE: Self = Self(1 << 20);
    pub(crate) const CONTENT_ENCODING: Self = Self(1 << 21);
    /// The target URI's scheme is `https` (known for HTTP/2 and absolute-form requests only).
    pub(crate) const SCHEME_HTTPS: Self = Self(1 << 22);
    /// The request carries axum's `MatchedPath`: the layer runs inside an axum router, before
    /// axum finishes the response (with the `axum` feature).
    #[cfg(feature = "axum")]
    pub(crate) const INSIDE_AXUM_ROUTER: Self = Self(1 << 23);
    /// A `CONNECT` request's `Connection` field, whatever its options.
    pub(crate) const CONNECTION: Self = Self(1 << 24);

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

    /// The flags of `self` that are also in `other`.
    #[cfg(feature = "openapi")]
    pub(crate) const fn and(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The flags of `self` that are not in `other`.
    #[cfg(feature = "openapi")]
    pub(crate) const fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether no flag is set.
    #[cfg(feature = "openapi")]
    pub(crate) const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether the present flags among `flags` are exactly `only`.
    pub(crate) const fn only(self, flags: Self, only: Self) -> bool {
        self.0 & flags.0 == only.0
    }

    fn set(&mut self, flag: Self) {
        self.0 |= flag.0;
    }
}

/// The request values some rule compares, in slot order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    /// The request target's path and query.
    Target,
    Upgrade,
    IfNoneMatch,
    IfModifiedSince,
    IfRange,
    Range,
    /// The target URI's authority (HTTP/2 `:authority`, or an absolute-form target). `Host`
    /// is not kept: without the scheme, which an origin-form request does not show, an
    /// absolute URI cannot be compared anyway, and copying it would cost every request.
    Authority,
    SecWebSocketKey,
    SecWebSocketProtocol,
    SecWebSocketExtensions,
    /// The name of a method other than the nine of RFC 9110 and RFC 5789 (kept only then).
    Method,
}

impl Field {
    const COUNT: usize = 11;
    const ALL: [Self; Self::COUNT] = [
        Self::Target,
        Self::Upgrade,
        Self::IfNoneMatch,
        Self::IfModifiedSince,
        Self::IfRange,
        Self::Range,
        Self::Authority,
        Self::SecWebSocketKey,
        Self::SecWebSocketProtocol,
        Self::SecWebSocketExtensions,
        Self::Method,
    ];

    const fn debug_name(self) -> &'static str {
        match self {
            Self::Target => "target",
            Self::Upgrade => "upgrade",
            Self::IfNoneMatch => "if_none_match",
            Self::IfModifiedSince => "if_modified_since",
            Self::IfRange => "if_range",
            Self::Range => "range",
            Self::Authority => "authority",
            Self::SecWebSocketKey => "sec_websocket_key",
            Self::SecWebSocketProtocol => "sec_websocket_protocol",
            Self::SecWebSocketExtensions => "sec_websocket_extensions",
            Self::Method => "method",
        }
    }

    /// Whether the field is a list (RFC 9110 §5.6.1): several lines are one value joined with
    /// commas (§5.3). Any other field sent on several lines has no single value.
    const fn is_list(self) -> bool {
        matches!(
            self,
            Self::Upgrade
                | Self::IfNoneMatch
                | Self::SecWebSocketProtocol
                | Self::SecWebSocketExtensions
        )
    }

    fn name(self) -> Option<HeaderName> {
        Some(match self {
            Self::Upgrade => header::UPGRADE,
            Self::IfNoneMatch => header::IF_NONE_MATCH,
            Self::SecWebSocketProtocol => header::SEC_WEBSOCKET_PROTOCOL,
            Self::SecWebSocketExtensions => header::SEC_WEBSOCKET_EXTENSIONS,
            _ => return None,
        })
    }
}

/// The request method in one byte: the methods of RFC 9110 and RFC 5789 by code, and QUERY
/// (RFC 10008) by name, which `http` knows as `Method::QUERY` from 1.5 on and as an extension
/// method before. Any other method's name is kept as [`Field::Method`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MethodCode {
    Get,
    Head,
    Post,
    Put,
    Delete,
    Connect,
    Options,
    Trace,
    Patch,
    Query,
    Other,
}

impl MethodCode {
    #[inline]
    pub(crate) fn of(method: &Method) -> Self {
        match *method {
            Method::GET => Self::Get,
            Method::HEAD => Self::Head,
            Method::POST => Self::Post,
            Method::PUT => Self::Put,
            Method::DELETE => Self::Delete,
            Method::CONNECT => Self::Connect,
            Method::OPTIONS => Self::Options,
            Method::TRACE => Self::Trace,
            Method::PATCH => Self::Patch,
            _ if is_query(method) => Self::Query,
            _ => Self::Other,
        }
    }

    /// The method's name, for a code other than `Other`.
    const fn name(self) -> Option<&'static [u8]> {
        Some(match self {
            Self::Get => b"GET",
            Self::Head => b"HEAD",
            Self::Post => b"POST",
            Self::Put => b"PUT",
            Self::Delete => b"DELETE",
            Self::Connect => b"CONNECT",
            Self::Options => b"OPTIONS",
            Self::Trace => b"TRACE",
            Self::Patch => b"PATCH",
            Self::Query => b"QUERY",
            Self::Other => return None,
        })
    }
}

/// A captured request value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Value<'a> {
    Absent,
    /// The whole value (every line of a list field, joined with `", "`).
    Known(&'a [u8]),
    /// Present, but not kept: no rule may depend on its content.
    Unknown,
}

impl<'a> Value<'a> {
    #[cfg(test)]
    pub(crate) const fn is_present(self) -> bool {
        !matches!(self, Self::Absent)
    }

    /// The content, when it is known.
    pub(crate) const fn known(self) -> Option<&'a [u8]> {
        match self {
            Self::Known(bytes) => Some(bytes),
            _ => None,
        }
    }
}

/// What the request says about its own content (RFC 9112 §6.3, RFC 9113 §8.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RequestContent {
    /// Known to be empty: `Content-Length: 0`, or a body that says it is at its end.
    Empty,
    /// Known to carry content: a positive `Content-Length`, or a body that says so.
    Present,
    /// Not known: chunked, an invalid length, or an HTTP/2 stream of unknown size.
    Unknown,
}

/// Bytes kept inline by [`RequestFacts`] before anything spills to the heap: enough for the
/// path and the compared fields of nearly every request. 71 with its one-byte length and the
/// spill pointer makes [`Text`] 88 bytes and the facts 120, the most that moves without a
/// `memcpy` call (BENCHMARKS.md, "The lean carrier").
const INLINE: usize = 71;

/// Where one captured value lives, packed in 16 bits: 0 for absent, all ones for unknown; a
/// value inline has its start in the low 7 bits and its length in the next 7; one that spilled
/// to the heap has the top bit set and its place among the spilled values below it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Slot(u16);

impl Slot {
    const ABSENT: Self = Self(0);
    const UNKNOWN: Self = Self(u16::MAX);
    const SPILLED: u16 = 1 << 15;
    /// Longer values are not kept.
    const MAX_LEN: usize = (1 << 15) - 2;
    /// Spilled bytes at most, all values together: past it, a value is present but unknown.
    const MAX_SPILL: usize = u16::MAX as usize;

    /// A value at `start..start + len` of the inline buffer (`INLINE` < 128: 7 bits each).
    const fn inline(start: usize, len: usize) -> Self {
        // A zero-length value is stored with start 1 so that it differs from absent.
        let start = if len == 0 { 1 } else { start };
        Self(start as u16 | (len as u16) << 7)
    }

    /// Where a value kept inline lives (not for `ABSENT`, `UNKNOWN` or a spilled one).
    const fn range(self) -> std::ops::Range<usize> {
        let len = ((self.0 >> 7) & 0x7f) as usize;
        let start = if len == 0 {
            0
        } else {
            (self.0 & 0x7f) as usize
        };
        start..start + len
    }

    /// The place among the spilled values, for a spilled one.
    const fn spilled(self) -> Option<usize> {
        if self.0 & Self::SPILLED != 0 && self.0 != Self::UNKNOWN.0 {
            Some((self.0 & !Self::SPILLED) as usize)
        } else {
            None
        }
    }
}

/// `to.copy_from_slice(from)` for slices of one length, without a `memcpy` call up to 32
/// bytes: two overlapping fixed-size copies (the first and the last bytes) instead, as `memcpy`
/// does itself past its call. A call costs about 29 instructions, and most kept values (a path,
/// an entity tag) are short.
#[inline]
fn copy_short(to: &mut [u8], from: &[u8]) {
    let n = from.len();
    match n {
        0 => {}
        1..=3 => {
            to[0] = from[0];
            to[n / 2] = from[n / 2];
            to[n - 1] = from[n - 1];
        }
        4..=7 => {
            to[..4].copy_from_slice(&from[..4]);
            to[n - 4..].copy_from_slice(&from[n - 4..]);
        }
        8..=16 => {
            to[..8].copy_from_slice(&from[..8]);
            to[n - 8..].copy_from_slice(&from[n - 8..]);
        }
        17..=32 => {
            to[..16].copy_from_slice(&from[..16]);
            to[n - 16..].copy_from_slice(&from[n - 16..]);
        }
        _ => to.copy_from_slice(from),
    }
}

/// Copies of the few request values the rules compare (path, `Upgrade`, `If-None-Match`, …).
///
/// Copied rather than cloned: cloning a `Bytes` that came from a `Vec` (every request built
/// with `Request::builder`) allocates, while copying a few dozen bytes into a fixed buffer does
/// not. Values that do not fit go to one heap buffer, each behind its length (4 bytes, little
/// endian). The buffer is small on purpose: it travels inside every response future, and
/// moving a large future costs every request.
#[derive(Clone)]
struct Text {
    inline: [u8; INLINE],
    used: u8,
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

    /// Keeps `bytes`: in place in the common case (one value that fits inline), through
    /// [`keep_parts`](Self::keep_parts), out of line, otherwise.
    #[inline]
    fn keep(&mut self, bytes: &[u8]) -> Slot {
        let used = usize::from(self.used);
        if let Some(room) = self.inline.get_mut(used..used + bytes.len()) {
            copy_short(room, bytes);
            // `INLINE` fits in a u8.
            self.used += bytes.len() as u8;
            return Slot::inline(used, bytes.len());
        }
        self.keep_long(bytes)
    }

    #[cold]
    #[inline(never)]
    fn keep_long(&mut self, bytes: &[u8]) -> Slot {
        self.keep_parts(|| [bytes].into_iter())
    }

    /// Keeps the concatenation of the parts `parts()` yields as one value (walked twice: to
    /// measure, then to copy).
    fn keep_parts<'p, I>(&mut self, parts: impl Fn() -> I) -> Slot
    where
        I: Iterator<Item = &'p [u8]>,
    {
        let len: usize = parts().map(<[u8]>::len).sum();
        if len > Slot::MAX_LEN {
            return Slot::UNKNOWN;
        }
        let used = usize::from(self.used);
        if let Some(room) = self.inline.get_mut(used..used + len) {
            let mut at = 0;
            for part in parts() {
                room[at..at + part.len()].copy_from_slice(part);
                at += part.len();
            }
            // `INLINE` fits in a u8.
            self.used += len as u8;
            return Slot::inline(used, len);
        }
        let spilled = self.spill.as_deref().unwrap_or_default();
        if spilled.len() + 4 + len > Slot::MAX_SPILL {
            return Slot::UNKNOWN;
        }
        let place = Self::records(spilled).count();
        // One allocation: the values spilled before and this one, behind its length.
        let mut spill = Vec::with_capacity(spilled.len() + 4 + len);
        spill.extend_from_slice(spilled);
        // At most `MAX_LEN`: fits in a u32.
        spill.extend_from_slice(&(len as u32).to_le_bytes());
        for part in parts() {
            spill.extend_from_slice(part);
        }
        self.spill = Some(spill.into_boxed_slice());
        // At most `MAX_SPILL / 4` values: below the top bit.
        Slot(Slot::SPILLED | place as u16)
    }

    /// The values of a spill buffer, in the order they spilled.
    fn records(mut spill: &[u8]) -> impl Iterator<Item = &[u8]> {
        std::iter::from_fn(move || {
            let len = spill.get(..4)?;
            let len = u32::from_le_bytes([len[0], len[1], len[2], len[3]]) as usize;
            let value = spill.get(4..4 + len)?;
            spill = &spill[4 + len..];
            Some(value)
        })
    }

    fn get(&self, slot: Slot) -> Value<'_> {
        if slot == Slot::ABSENT {
            return Value::Absent;
        }
        if slot == Slot::UNKNOWN {
            return Value::Unknown;
        }
        let bytes = match slot.spilled() {
            Some(place) => self
                .spill
                .as_deref()
                .and_then(|spill| Self::records(spill).nth(place)),
            None => self.inline.get(slot.range()),
        };
        bytes.map_or(Value::Unknown, Value::Known)
    }
}

/// The parts of a request the rules look at, taken in `Service::call` before the request moves
/// into the inner service, in one pass over its header fields and without allocating (see
/// [`Text`]).
#[derive(Clone)]
pub(crate) struct RequestFacts {
    /// The method; [`method`](Self::method) rebuilds the `Method`, for reports.
    pub(crate) code: MethodCode,
    pub(crate) version: Version,
    pub(crate) present: Present,
    pub(crate) content: RequestContent,
    text: Text,
    slots: [Slot; Field::COUNT],
}

/// State of the one pass over the request's fields.
struct Pass {
    /// List fields seen on more than one line, one bit per [`Field`].
    repeated: u16,
    length: Length,
}

/// Facts of no request in particular: what a body watch's facts are replaced with once taken.
impl Default for RequestFacts {
    fn default() -> Self {
        Self {
            code: MethodCode::Get,
            version: Version::HTTP_11,
            present: Present::default(),
            content: RequestContent::Unknown,
            text: Text::new(),
            slots: [Slot::ABSENT; Field::COUNT],
        }
    }
}

impl RequestFacts {
    /// Captures the method, version and target, and what `plan` reads.
    pub(crate) fn capture<B: Body>(request: &Request<B>, plan: Capture) -> Self {
        Self::capture_with(request, plan, || RequestContent::of_body(request.body()))
    }

    /// [`capture`](Self::capture) for a request whose body need not be a `Body`: `body` says
    /// what it knows of the content, asked only when no framing field does.
    pub(crate) fn capture_with<Q>(
        request: &Request<Q>,
        plan: Capture,
        body: impl FnOnce() -> RequestContent,
    ) -> Self {
        let wanted = plan.reads;
        let code = MethodCode::of(request.method());
        let mut facts = Self {
            code,
            version: request.version(),
            present: Present::default(),
            content: RequestContent::Unknown,
            text: Text::new(),
            slots: [Slot::ABSENT; Field::COUNT],
        };
        if code == MethodCode::Other {
            facts.keep(Field::Method, request.method().as_str().as_bytes());
        }
        let uri = request.uri();
        if let Some(target) = uri.path_and_query() {
            facts.keep(Field::Target, target.as_str().as_bytes());
        }
        if wanted.any(Reads::URI) {
            match uri.scheme_str() {
                Some("http") => facts.present.set(Present::SCHEME_HTTP),
                Some("https") => facts.present.set(Present::SCHEME_HTTPS),
                _ => {}
            }
            if let Some(authority) = uri.authority() {
                facts.keep(Field::Authority, authority.as_str().as_bytes());
            }
        }
        // axum's `MatchedPath` on the request: the router has routed it, the layer runs
        // inside the router.
        #[cfg(feature = "axum")]
        if request
            .extensions()
            .get::<::axum::extract::MatchedPath>()
            .is_some()
        {
            facts.present.set(Present::INSIDE_AXUM_ROUTER);
        }
        // `Connection` matters to a rejected CONNECT alone (RFC 9931): other requests pay one
        // comparison of the method, not an arm of the walk below.
        if code == MethodCode::Connect
            && wanted.any(Reads::CONNECTION)
            && request.headers().contains_key(header::CONNECTION)
        {
            facts.present.set(Present::CONNECTION);
        }
        if !wanted.any(Reads::FIELDS) {
            return facts;
        }
        // One pass over the fields instead of a lookup per field: most requests carry fewer
        // fields than the rules look for.
        let mut pass = Pass {
            repeated: 0,
            length: Length::Absent,
        };
        // What each name is, by `http`'s number for it (`crate::names`); only the few the rules
        // read go further.
        let table = noted_by_number();
        for (name, value) in request.headers() {
            let noted = ByNumber::classify(table, &NOTED, name);
            if noted != Noted::Other {
                facts.note(noted, value, &mut pass);
            }
        }
        if pass.repeated != 0 {
            facts.join_repeated(request.headers(), pass.repeated);
        }
        if pass.length == Length::Invalid {
            facts.present.set(Present::CONTENT_LENGTH_INVALID);
        }
        if wanted.covers(Reads::CONTENT) {
            facts.content = request_content(facts.present, pass.length, body);
        }
        // Drop what no enabled rule reads.
        facts.present = Present(facts.present.0 & plan.present.0);
        if plan.slots != Capture::ALL_SLOTS {
            for field in Field::ALL {
                if plan.slots & (1 << field as u16) == 0 {
                    facts.slots[field as usize] = Slot::ABSENT;
                }
            }
        }
        facts
    }

    #[inline]
    fn keep(&mut self, field: Field, bytes: &[u8]) {
        self.slots[field as usize] = self.text.keep(bytes);
    }

    /// Notes one request field line the walk recognised.
    fn note(&mut self, noted: Noted, value: &HeaderValue, pass: &mut Pass) {
        let bytes = value.as_bytes();
        let (flag, field) = match noted {
            Noted::Other => return,
            Noted::Expect => {
                // `Expect` is a list (RFC 9110 §10.1.1), possibly over several lines.
                if list::elements_of(bytes).any(|e| e.eq_ignore_ascii_case(b"100-continue")) {
                    self.present.set(Present::EXPECT_CONTINUE);
                }
                (Present::EXPECT, None)
            }
            Noted::IfMatch => {
                if list::elements_of(bytes).any(|element| element != b"*") {
                    self.present.set(Present::IF_MATCH_TAG);
                }
                (Present::IF_MATCH, None)
            }
            Noted::IfNoneMatch => (Present::IF_NONE_MATCH, Some(Field::IfNoneMatch)),
            Noted::IfModifiedSince => (Present::IF_MODIFIED_SINCE, Some(Field::IfModifiedSince)),
            Noted::IfUnmodifiedSince => (Present::IF_UNMODIFIED_SINCE, None),
            Noted::IfRange => (Present::IF_RANGE, Some(Field::IfRange)),
            Noted::Range => (Present::RANGE, Some(Field::Range)),
            Noted::ContentLength => {
                pass.length.add(bytes);
                (Present::CONTENT_LENGTH, None)
            }
            Noted::TransferEncoding => (Present::TRANSFER_ENCODING, None),
            Noted::ContentType => (Present::CONTENT_TYPE, None),
            Noted::ContentEncoding => (Present::CONTENT_ENCODING, None),
            Noted::Negotiation => (Present::NEGOTIATION, None),
            Noted::Upgrade => (Present::UPGRADE, Some(Field::Upgrade)),
            Noted::Origin => (Present::ORIGIN, None),
            Noted::CorsRequestMethod => (Present::CORS_REQUEST_METHOD, None),
            Noted::Forwarded => (Present::FORWARDED, None),
            Noted::Host => {
                if self.present.has(Present::HOST) {
                    self.present.set(Present::HOST_LINES);
                }
                (Present::HOST, None)
            }
            Noted::SecWebSocketKey => (Present::default(), Some(Field::SecWebSocketKey)),
            Noted::SecWebSocketProtocol => (Present::default(), Some(Field::SecWebSocketProtocol)),
            Noted::SecWebSocketExtensions => {
                (Present::default(), Some(Field::SecWebSocketExtensions))
            }
        };
        self.present.set(flag);
        let Some(field) = field else {
            return;
        };
        let slot = &mut self.slots[field as usize];
        if *slot == Slot::ABSENT {
            *slot = self.text.keep(bytes);
        } else if field.is_list() {
            // Joined once every line has been seen (RFC 9110 §5.3).
            pass.repeated |= 1 << field as u16;
        } else {
            // A single-value field on several lines has no one value (RFC 9110 §5.3).
            *slot = Slot::UNKNOWN;
        }
    }

    /// Keeps every line of each repeated list field as one value, joined with `", "`.
    fn join_repeated(&mut self, headers: &HeaderMap, repeated: u16) {
        for field in Field::ALL {
            let Some(name) = field.name().filter(|_| repeated & (1 << field as u16) != 0) else {
                continue;
            };
            let parts = || {
                let lines = headers.get_all(&name).into_iter().enumerate();
                lines.flat_map(|(i, line)| {
                    let separator: &[u8] = if i == 0 { b"" } else { b", " };
                    [separator, line.as_bytes()]
                })
            };
            self.slots[field as usize] = self.text.keep_parts(parts);
        }
    }

    pub(crate) fn has(&self, flag: Present) -> bool {
        self.present.has(flag)
    }

    pub(crate) fn get(&self, field: Field) -> Value<'_> {
        self.text.get(self.slots[field as usize])
    }

    /// The request's method (for reports; the checks compare [`code`](Self::code)).
    pub(crate) fn method(&self) -> Method {
        // Parsed back from the name it was kept as (standard names give the standard
        // methods). An extension method's name too long to keep (over `Slot::MAX_LEN`) has
        // none left: it is reported as `EXTENSION`.
        Method::from_bytes(self.method_name())
            .unwrap_or_else(|_| Method::from_bytes(b"EXTENSION").expect("a token"))
    }

    /// The method's name, as the request spelled it; empty for an extension method too long
    /// to keep.
    pub(crate) fn method_name(&self) -> &[u8] {
        self.code
            .name()
            .unwrap_or_else(|| self.get(Field::Method).known().unwrap_or_default())
    }

    pub(crate) fn is_get_or_head(&self) -> bool {
        matches!(self.code, MethodCode::Get | MethodCode::Head)
    }

    /// GET, HEAD or QUERY: the methods whose 2xx carries a selected representation, for which
    /// conditional requests are defined (RFC 9110 §13; RFC 10008 §2.6: "The selected
    /// representation of a QUERY request is the same as for a GET request to the equivalent
    /// resource").
    pub(crate) fn selects_representation(&self) -> bool {
        self.is_get_or_head() || self.code == MethodCode::Query
    }

    /// Whether the request is a QUERY (RFC 10008).
    pub(crate) fn is_query(&self) -> bool {
        self.code == MethodCode::Query
    }

    /// A CORS preflight (Fetch §3.2.2): OPTIONS with `Origin` and
    /// `Access-Control-Request-Method`. It asks about another request; its answer is the CORS
    /// protocol's, not the resource's.
    pub(crate) fn is_cors_preflight(&self) -> bool {
        self.code == MethodCode::Options
            && self.present.has(Present::ORIGIN)
            && self.present.has(Present::CORS_REQUEST_METHOD)
    }

    /// The path and query as text; `""` when there is none or it was not kept.
    pub(crate) fn target(&self) -> &str {
        // Copied from a `PathAndQuery`, which is ASCII.
        std::str::from_utf8(self.get(Field::Target).known().unwrap_or_default()).unwrap_or_default()
    }
}

/// QUERY (RFC 10008), compared by name: `http` has `Method::QUERY` from 1.5 on and parses
/// `QUERY` as an extension method before, and this crate accepts every `http` 1.x.
pub(crate) fn is_query(method: &Method) -> bool {
    method.as_str() == "QUERY"
}

/// The `Content-Length` lines seen so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Length {
    Absent,
    Valid(u64),
    Invalid,
}

impl Length {
    /// Takes one line: a list of lengths that must all be the same valid number (RFC 9110
    /// §8.6 lets a recipient accept `42, 42`; anything else is invalid).
    fn add(&mut self, line: &[u8]) {
        let mut elements = 0;
        for element in line.split(|&b| b == b',').map(list::trim) {
            elements += 1;
            let parsed = parse_length(element);
            *self = match (*self, parsed) {
                (Self::Invalid, _) | (_, None) => Self::Invalid,
                (Self::Absent, Some(n)) => Self::Valid(n),
                (Self::Valid(seen), Some(n)) if seen == n => Self::Valid(n),
                (Self::Valid(_), Some(_)) => Self::Invalid,
            };
        }
        if elements == 0 {
            *self = Self::Invalid;
        }
    }
}

/// `1*DIGIT` that fits in a `u64`.
fn parse_length(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}

/// Whether the request has content: the framing fields first (RFC 9112 §6.3), then what the
/// body itself says (an HTTP/2 request's DATA frames need no `Content-Length`, RFC 9113 §8.1).
fn request_content(
    present: Present,
    length: Length,
    body: impl FnOnce() -> RequestContent,
) -> RequestContent {
    if present.has(Present::TRANSFER_ENCODING) {
        return RequestContent::Unknown;
    }
    match length {
        Length::Valid(0) => return RequestContent::Empty,
        Length::Valid(_) => return RequestContent::Present,
        Length::Invalid => return RequestContent::Unknown,
        Length::Absent => {}
    }
    body()
}

impl RequestContent {
    /// What a body says of itself: at its end, or with a size hint (read as a response body's
    /// is, [`BodyShape::of`]).
    pub(crate) fn of_body<B: Body>(body: &B) -> Self {
        match BodyShape::of(body) {
            BodyShape::Empty => Self::Empty,
            BodyShape::Content { .. } => Self::Present,
            BodyShape::Unknown => Self::Unknown,
        }
    }

    /// What a body of any type shows: `()` is no content, and the byte containers tests build
    /// requests with (`String`, `&'static str`, `Vec<u8>`, `Bytes`) have their length; of any
    /// other type (a `Body` included) nothing is known.
    pub(crate) fn of_any<Q: std::any::Any>(body: &Q) -> Self {
        let body: &dyn std::any::Any = body;
        let length = if body.is::<()>() {
            0
        } else if let Some(text) = body.downcast_ref::<String>() {
            text.len()
        } else if let Some(text) = body.downcast_ref::<&'static str>() {
            text.len()
        } else if let Some(bytes) = body.downcast_ref::<Vec<u8>>() {
            bytes.len()
        } else if let Some(bytes) = body.downcast_ref::<bytes::Bytes>() {
            bytes.len()
        } else {
            return Self::Unknown;
        };
        if length == 0 {
            Self::Empty
        } else {
            Self::Present
        }
    }
}

impl std::fmt::Debug for RequestFacts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("RequestFacts");
        debug
            .field("method", &self.method())
            .field("version", &self.version)
            .field("present", &self.present)
            .field("content", &self.content);
        for field in Field::ALL {
            if let value @ (Value::Known(_) | Value::Unknown) = self.get(field) {
                let text = value.known().map(String::from_utf8_lossy);
                debug.field(field.debug_name(), &text);
            }
        }
        debug.finish()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(lines: &[(&str, &str)]) -> RequestFacts {
        let mut request = Request::builder().uri("/p");
        for (name, value) in lines {
            request = request.header(*name, *value);
        }
        RequestFacts::capture(
            &request
                .body(http_body_util::Empty::<bytes::Bytes>::new())
                .unwrap(),
            Capture::new(Reads::ALL),
        )
    }

    #[test]
    fn noted_names_are_told_by_number_and_by_comparison_alike() {
        let table = noted_by_number().expect("http's names read as numbers");
        for (name, noted) in &NOTED {
            let parsed = HeaderName::from_bytes(name.as_str().as_bytes()).unwrap();
            assert_eq!(
                ByNumber::classify(Some(table), &NOTED, &parsed),
                *noted,
                "{name}"
            );
            assert_eq!(ByNumber::classify(None, &NOTED, &parsed), *noted, "{name}");
        }
    }

    /// Every field name `note` knows is recognised — parsed from text, as hyper does — and a
    /// name of the same length, first and last byte is not.
    #[test]
    fn every_noted_name_is_recognised() {
        let cases: &[(&str, &str, Present)] = &[
            ("expect", "100-continue", Present::EXPECT_CONTINUE),
            ("if-match", "\"a\"", Present::IF_MATCH_TAG),
            ("if-none-match", "\"a\"", Present::IF_NONE_MATCH),
            ("if-modified-since", "x", Present::IF_MODIFIED_SINCE),
            ("if-unmodified-since", "x", Present::IF_UNMODIFIED_SINCE),
            ("if-range", "x", Present::IF_RANGE),
            ("range", "bytes=0-1", Present::RANGE),
            ("content-length", "1", Present::CONTENT_LENGTH),
            ("transfer-encoding", "chunked", Present::TRANSFER_ENCODING),
            ("content-type", "text/plain", Present::CONTENT_TYPE),
            ("content-encoding", "gzip", Present::CONTENT_ENCODING),
            ("accept", "*/*", Present::NEGOTIATION),
            ("accept-charset", "utf-8", Present::NEGOTIATION),
            ("accept-encoding", "gzip", Present::NEGOTIATION),
            ("accept-language", "en", Present::NEGOTIATION),
            ("upgrade", "websocket", Present::UPGRADE),
            ("origin", "https://a.example", Present::ORIGIN),
            (
                "access-control-request-method",
                "PUT",
                Present::CORS_REQUEST_METHOD,
            ),
            ("x-forwarded-proto", "https", Present::FORWARDED),
            ("forwarded", "proto=https", Present::FORWARDED),
            ("host", "a.example", Present::HOST),
        ];
        for (name, value, flag) in cases {
            assert!(facts(&[(name, value)]).has(*flag), "{name}");
            // Same length, first and last byte: not the field.
            let mut twin = name.as_bytes().to_vec();
            let middle = twin.len() / 2;
            twin[middle] = if twin[middle] == b'q' { b'z' } else { b'q' };
            let twin = String::from_utf8(twin).unwrap();
            assert!(!facts(&[(&twin, value)]).has(*flag), "{twin}");
        }
        for name in [
            "sec-websocket-key",
            "sec-websocket-protocol",
            "sec-websocket-extensions",
        ] {
            let field = match name.len() {
                17 => Field::SecWebSocketKey,
                22 => Field::SecWebSocketProtocol,
                _ => Field::SecWebSocketExtensions,
            };
            assert_eq!(
                facts(&[(name, "v")]).get(field),
                Value::Known(b"v"),
                "{name}"
            );
        }
    }

    #[test]
    fn list_fields_join_every_line() {
        let facts = facts(&[
            ("upgrade", "a"),
            ("if-none-match", "\"x\""),
            ("upgrade", "b/2"),
        ]);
        assert_eq!(facts.get(Field::Upgrade), Value::Known(b"a, b/2"));
        assert_eq!(facts.get(Field::IfNoneMatch), Value::Known(b"\"x\""));
    }

    #[test]
    fn a_single_value_field_on_two_lines_is_unknown() {
        let facts = facts(&[("range", "bytes=0-1"), ("range", "bytes=2-3")]);
        assert_eq!(facts.get(Field::Range), Value::Unknown);
        assert_eq!(facts.get(Field::IfRange), Value::Absent);
    }

    #[test]
    fn a_value_too_long_to_keep_is_unknown_not_absent() {
        let long = "a".repeat(Slot::MAX_LEN + 1);
        let captured = facts(&[("if-none-match", &long), ("upgrade", "websocket")]);
        assert_eq!(captured.get(Field::IfNoneMatch), Value::Unknown);
        assert_eq!(captured.get(Field::Upgrade), Value::Known(b"websocket"));
        // Many long values: past what a slot can address, still unknown rather than absent.
        let big = "b".repeat(Slot::MAX_LEN);
        let facts = facts(&[
            ("if-modified-since", &big),
            ("if-range", &big),
            ("range", &big),
            ("sec-websocket-key", &big),
        ]);
        for field in [
            Field::IfModifiedSince,
            Field::IfRange,
            Field::Range,
            Field::SecWebSocketKey,
        ] {
            assert!(facts.get(field).is_present(), "{field:?}");
        }
        assert_eq!(facts.get(Field::SecWebSocketKey), Value::Unknown);
    }

    #[test]
    fn short_copies_copy_every_byte() {
        let source: Vec<u8> = (1..=40).collect();
        for n in 0..=source.len() {
            let mut to = vec![0; n];
            super::copy_short(&mut to, &source[..n]);
            assert_eq!(to, source[..n], "{n} bytes");
        }
    }

    #[test]
    fn values_that_spill_are_found_in_the_order_they_spilled() {
        let long = |c: &str, n| c.repeat(n);
        let (inm, upgrade, range) = (long("a", 60), long("b", 40), long("c", 50));
        let facts = facts(&[
            ("if-none-match", &inm),
            ("upgrade", &upgrade),
            ("range", &range),
            ("if-range", ""),
        ]);
        // `/p` and the tag fit the 71 inline bytes; the next two spill, one after the other.
        assert_eq!(facts.get(Field::Target), Value::Known(b"/p"));
        assert_eq!(facts.get(Field::IfNoneMatch), Value::Known(inm.as_bytes()));
        assert_eq!(facts.get(Field::Upgrade), Value::Known(upgrade.as_bytes()));
        assert_eq!(facts.get(Field::Range), Value::Known(range.as_bytes()));
        // An empty value is known, not absent.
        assert_eq!(facts.get(Field::IfRange), Value::Known(b""));
    }

    #[test]
    fn the_facts_move_without_a_memcpy_call() {
        // LLVM moves up to 120 bytes with vector moves; from 128 on it calls `memcpy`.
        assert!(std::mem::size_of::<RequestFacts>() <= 120);
    }

    #[test]
    fn every_method_keeps_its_name() {
        for method in [
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::CONNECT,
            Method::OPTIONS,
            Method::TRACE,
            Method::PATCH,
            Method::from_bytes(b"QUERY").unwrap(),
            Method::from_bytes(b"PROPFIND").unwrap(),
            Method::from_bytes(b"A-VERY-LONG-EXTENSION-METHOD-NAME").unwrap(),
        ] {
            let request = Request::builder()
                .method(method.clone())
                .uri("/p")
                .body(())
                .unwrap();
            let facts = RequestFacts::capture_with(&request, Capture::new(Reads::ALL), || {
                RequestContent::Empty
            });
            assert_eq!(facts.method(), method);
            assert_eq!(facts.method_name(), method.as_str().as_bytes());
            assert_eq!(facts.code, MethodCode::of(&method));
            assert_eq!(facts.is_query(), method.as_str() == "QUERY");
        }
        // A name past what the facts keep has no name left: reported by a placeholder.
        let long = Method::from_bytes("X".repeat(Slot::MAX_LEN + 1).as_bytes()).unwrap();
        let request = Request::builder().method(long).uri("/p").body(()).unwrap();
        let facts = RequestFacts::capture_with(&request, Capture::new(Reads::ALL), || {
            RequestContent::Empty
        });
        assert_eq!(facts.code, MethodCode::Other);
        assert_eq!(facts.method_name(), b"");
        assert_eq!(facts.method().as_str(), "EXTENSION");
    }

    #[test]
    fn content_length_validity() {
        let length = |lines: &[&[u8]]| {
            let mut length = Length::Absent;
            for line in lines {
                length.add(line);
            }
            length
        };
        assert_eq!(length(&[b"42"]), Length::Valid(42));
        assert_eq!(length(&[b"42, 42", b"42"]), Length::Valid(42));
        for invalid in [
            &[&b"4 2"[..]][..],
            &[b"-1"],
            &[b""],
            &[b"1", b"2"],
            &[b"99999999999999999999999"],
            &[b"0x10"],
        ] {
            assert_eq!(length(invalid), Length::Invalid, "{invalid:?}");
        }
    }
}
