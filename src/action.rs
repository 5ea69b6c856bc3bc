//! What the layer does with a violation.

use std::fmt;

/// What [`StatusConformance`](crate::StatusConformance) does when a response breaks a rule.
///
/// Each rule has its own action (see [`Rule::default_action`](crate::Rule::default_action) and
/// [`StatusConformanceLayer::action`](crate::StatusConformanceLayer::action)).
///
/// | action | found at head time (status and headers known) | found at stream time (body frames) |
/// |---|---|---|
/// | `Allow` | nothing: no event, no hook, no change | nothing |
/// | `Log` | event + hook, response unchanged | event + hook on the first offending frame, frames pass |
/// | `Repair` | the rule's repair, then event + hook; a rule without a repair (or whose repair lacks configuration) is logged instead and reported as `Log` | offending frames are dropped, event + hook once |
/// | `Reject` | the response is replaced by the reject response (500 by default) | the head is already sent: acts as `Repair` and is reported as `Repair` |
/// | `Panic` | event + hook, then `panic!` naming the rule, section, method, path and status | same, from inside the body's `poll_frame` |
///
/// # Example
///
/// ```
/// use tower_status_conformance::Action;
///
/// assert_eq!(Action::Repair.to_string(), "repair");
/// assert_eq!("reject".parse::<Action>().unwrap(), Action::Reject);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Action {
    /// Ignore the violation entirely.
    Allow,
    /// Report the violation, change nothing.
    Log,
    /// Fix the response with the rule's documented repair, then report.
    Repair,
    /// Replace the whole response with the reject response, then report.
    Reject,
    /// Report, then panic. Meant for tests (see [`StatusConformanceLayer::strict`](crate::StatusConformanceLayer::strict)).
    Panic,
}

impl Action {
    /// Every action, mildest first. A slice, so that adding an action (the enum is
    /// `#[non_exhaustive]`) does not change the constant's type.
    pub const ALL: &'static [Self] = &[
        Self::Allow,
        Self::Log,
        Self::Repair,
        Self::Reject,
        Self::Panic,
    ];

    /// The lowercase name used in events, metrics labels and [`FromStr`](std::str::FromStr).
    ///
    /// ```
    /// assert_eq!(tower_status_conformance::Action::Log.as_str(), "log");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Allow => "allow",
            Self::Log => "log",
            Self::Repair => "repair",
            Self::Reject => "reject",
            Self::Panic => "panic",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for Action {
    type Err = InvalidAction;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .iter()
            .copied()
            .find(|action| action.as_str() == s)
            .ok_or(InvalidAction { _priv: () })
    }
}

/// The error returned when a string names no [`Action`].
///
/// ```
/// let err = "ignore".parse::<tower_status_conformance::Action>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown action (expected allow, log, repair, reject or panic)");
/// ```
pub struct InvalidAction {
    _priv: (),
}

impl fmt::Debug for InvalidAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvalidAction").finish()
    }
}

impl fmt::Display for InvalidAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown action (expected allow, log, repair, reject or panic)")
    }
}

impl std::error::Error for InvalidAction {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &action in Action::ALL {
            assert_eq!(action.as_str().parse::<Action>().unwrap(), action);
        }
        assert!("Log".parse::<Action>().is_err());
    }
}
