//! What a rule reads of the request: a set of inputs, declared by each rule and captured by a
//! layer for its enabled rules only. Apart from the capture ([`crate::facts`]) so that a rule's
//! declaration depends on no capture code.

/// What a rule reads of the request besides its method, version and target (which are always
/// kept: every report names them). Each rule declares its inputs in the registry (`reads`); a
/// layer captures the union of its enabled rules' inputs and nothing else, so a rule that is
/// off costs nothing at request time, and a layer whose rules read no request field does not
/// walk the request's fields at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reads(u32);

impl Reads {
    pub(crate) const NONE: Self = Self(0);
    pub(crate) const EXPECT: Self = Self(1);
    pub(crate) const IF_MATCH: Self = Self(1 << 1);
    pub(crate) const IF_NONE_MATCH: Self = Self(1 << 2);
    pub(crate) const IF_MODIFIED_SINCE: Self = Self(1 << 3);
    pub(crate) const IF_UNMODIFIED_SINCE: Self = Self(1 << 4);
    pub(crate) const IF_RANGE: Self = Self(1 << 5);
    pub(crate) const RANGE: Self = Self(1 << 6);
    pub(crate) const CONTENT_LENGTH: Self = Self(1 << 7);
    pub(crate) const TRANSFER_ENCODING: Self = Self(1 << 8);
    /// `Accept`, `Accept-Charset`, `Accept-Encoding`, `Accept-Language`.
    pub(crate) const NEGOTIATION: Self = Self(1 << 9);
    pub(crate) const UPGRADE: Self = Self(1 << 10);
    pub(crate) const HOST: Self = Self(1 << 11);
    pub(crate) const ORIGIN: Self = Self(1 << 12);
    pub(crate) const CORS_REQUEST_METHOD: Self = Self(1 << 13);
    /// `X-Forwarded-Proto` and `Forwarded`.
    pub(crate) const FORWARDED: Self = Self(1 << 14);
    pub(crate) const CONTENT_TYPE: Self = Self(1 << 15);
    pub(crate) const CONTENT_ENCODING: Self = Self(1 << 16);
    /// `Sec-WebSocket-Key`, `Sec-WebSocket-Protocol`, `Sec-WebSocket-Extensions`.
    pub(crate) const SEC_WEBSOCKET: Self = Self(1 << 17);
    /// Every input found by walking the request's header fields.
    pub(crate) const FIELDS: Self = Self((1 << 18) - 1);
    /// The target URI's scheme and authority.
    pub(crate) const URI: Self = Self(1 << 18);
    /// Whether the request has content: its framing fields, then its body's size hint.
    pub(crate) const CONTENT: Self =
        Self(1 << 19 | Self::CONTENT_LENGTH.0 | Self::TRANSFER_ENCODING.0);
    /// Whether a `CONNECT` request has a `Connection` field: looked up for that method only,
    /// not found by the walk.
    pub(crate) const CONNECTION: Self = Self(1 << 20);
    /// Every precondition field of RFC 9110 §13.1.
    pub(crate) const PRECONDITIONS: Self = Self(
        Self::IF_MATCH.0
            | Self::IF_NONE_MATCH.0
            | Self::IF_MODIFIED_SINCE.0
            | Self::IF_UNMODIFIED_SINCE.0
            | Self::IF_RANGE.0,
    );
    /// Everything: what `check_all` and a layer with every rule on capture.
    #[cfg(test)]
    pub(crate) const ALL: Self = Self((1 << 21) - 1);

    #[inline]
    pub(crate) const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether any of `reads` is wanted.
    #[inline]
    pub(crate) const fn any(self, reads: Self) -> bool {
        self.0 & reads.0 != 0
    }

    /// Whether every input of `reads` is wanted.
    #[inline]
    pub(crate) const fn covers(self, reads: Self) -> bool {
        self.0 & reads.0 == reads.0
    }

    /// Each input of `self` on its own (`CONTENT` counts as its own input besides its fields).
    #[cfg(test)]
    pub(crate) fn each(self) -> impl Iterator<Item = Self> {
        (0..32)
            .map(|bit| Self(1 << bit))
            .filter(move |one| self.any(*one))
    }

    /// `self` without the inputs of `other`.
    #[cfg(test)]
    pub(crate) const fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }
}

/// What several rules read, together.
impl FromIterator<Self> for Reads {
    fn from_iter<I: IntoIterator<Item = Self>>(iter: I) -> Self {
        iter.into_iter().fold(Self::NONE, Self::union)
    }
}
