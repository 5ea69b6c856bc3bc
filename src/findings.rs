//! [`Findings`]: the set of rules one response breaks.

use std::fmt;

use crate::Rule;

// The set is one machine word pair; the registry must fit in it.
const _: () = assert!(Rule::COUNT <= 128, "Findings holds at most 128 rules");

/// The set of rules a response breaks, as returned by [`check`](crate::check).
///
/// A `Copy` bit set: building, testing and iterating it never allocates. Iteration follows
/// registry order ([`Rule::ALL`]).
///
/// # Example
///
/// ```
/// use tower_status_conformance::{Findings, Rule};
///
/// let mut findings = Findings::new();
/// assert!(findings.is_empty());
/// findings.insert(Rule::NO_CONTENT_WITH_BODY);
/// findings.insert(Rule::FORBIDDEN_CONTENT_LENGTH);
/// assert_eq!(findings.len(), 2);
/// assert!(findings.contains(Rule::NO_CONTENT_WITH_BODY));
/// let ids: Vec<_> = findings.iter().map(Rule::id).collect();
/// assert_eq!(ids, ["forbidden-content-length", "no-content-with-body"]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Findings {
    bits: u128,
}

impl Findings {
    /// An empty set.
    #[must_use]
    pub const fn new() -> Self {
        Self { bits: 0 }
    }

    /// Adds a rule.
    pub fn insert(&mut self, rule: Rule) {
        self.bits |= 1 << rule.index();
    }

    /// Removes a rule.
    pub fn remove(&mut self, rule: Rule) {
        self.bits &= !(1 << rule.index());
    }

    /// Whether the set holds `rule`.
    #[must_use]
    pub const fn contains(&self, rule: Rule) -> bool {
        self.bits & (1 << rule.index()) != 0
    }

    /// Whether the response broke no rule.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many rules the response broke.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The rules, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = Rule> + '_ {
        // Visits the set bits only, lowest (earliest in the registry) first: testing every
        // rule of the registry instead cost ~2 800 instructions per violating response.
        let mut bits = self.bits;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            // A `u128` has at most 128 trailing zeros, and the bit set is a rule's index.
            let index = bits.trailing_zeros() as u8;
            bits &= bits - 1;
            Some(Rule(index))
        })
    }
}

impl fmt::Debug for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Rule> for Findings {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> Self {
        let mut findings = Self::new();
        for rule in iter {
            findings.insert(rule);
        }
        findings
    }
}
