//! What the checks need to know about the request and the body, captured in one pass over the
//! request headers without allocating.

use http::{uri::PathAndQuery, HeaderName, HeaderValue, Method, Request, Version};
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

/// The parts of a request the rules look at, taken in `Service::call` before the request moves
/// into the inner service. Clones are reference-count bumps (`PathAndQuery`, `HeaderValue`) or
/// copies (standard methods), never new buffers.
#[derive(Clone, Debug)]
pub(crate) struct RequestFacts {
    pub(crate) method: Method,
    pub(crate) version: Version,
    pub(crate) path: Option<PathAndQuery>,
    pub(crate) present: Present,
    /// The first line of each field whose value a rule compares.
    pub(crate) upgrade: Option<HeaderValue>,
    pub(crate) if_none_match: Option<HeaderValue>,
    pub(crate) if_modified_since: Option<HeaderValue>,
    pub(crate) if_range: Option<HeaderValue>,
    pub(crate) range: Option<HeaderValue>,
}

impl RequestFacts {
    pub(crate) fn capture<B>(request: &Request<B>) -> Self {
        let mut facts = Self {
            method: request.method().clone(),
            version: request.version(),
            path: request.uri().path_and_query().cloned(),
            present: Present::default(),
            upgrade: None,
            if_none_match: None,
            if_modified_since: None,
            if_range: None,
            range: None,
        };
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
        let first = |slot: &mut Option<HeaderValue>| {
            if slot.is_none() {
                *slot = Some(value.clone());
            }
        };
        // `HeaderName::as_str` is always lowercase.
        let flag = match name.as_str() {
            "expect" => {
                if value.as_bytes().eq_ignore_ascii_case(b"100-continue") {
                    self.present.set(Present::EXPECT_CONTINUE);
                }
                Present::EXPECT
            }
            "if-match" => Present::IF_MATCH,
            "if-none-match" => {
                first(&mut self.if_none_match);
                Present::IF_NONE_MATCH
            }
            "if-modified-since" => {
                first(&mut self.if_modified_since);
                Present::IF_MODIFIED_SINCE
            }
            "if-unmodified-since" => Present::IF_UNMODIFIED_SINCE,
            "if-range" => {
                first(&mut self.if_range);
                Present::IF_RANGE
            }
            "range" => {
                first(&mut self.range);
                Present::RANGE
            }
            "content-length" => {
                if value.as_bytes().iter().any(|&b| b != b'0') {
                    self.present.set(Present::CONTENT);
                }
                Present::CONTENT_LENGTH
            }
            "transfer-encoding" => Present::TRANSFER_ENCODING,
            "accept" | "accept-charset" | "accept-encoding" | "accept-language" => {
                Present::NEGOTIATION
            }
            "upgrade" => {
                if self.present.has(Present::UPGRADE) {
                    self.present.set(Present::UPGRADE_LINES);
                }
                first(&mut self.upgrade);
                Present::UPGRADE
            }
            "access-control-request-method" => Present::CORS_PREFLIGHT,
            "host" => {
                if self.present.has(Present::HOST) {
                    self.present.set(Present::HOST_LINES);
                }
                Present::HOST
            }
            _ => return,
        };
        self.present.set(flag);
    }

    pub(crate) fn has(&self, flag: Present) -> bool {
        self.present.has(flag)
    }

    pub(crate) fn is_get_or_head(&self) -> bool {
        self.method == Method::GET || self.method == Method::HEAD
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
