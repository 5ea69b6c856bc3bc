//! [`Findings`]: the set of rules one response breaks.

use std::fmt;

use crate::Rule;

// The set is two `u128` words, one bit per rule of the registry: a rule's index is a `u8`.
const _: () = assert!(Rule::COUNT <= 256, "Findings holds at most 256 rules");

/// The word of the set that holds `rule`'s bit, and the bit in it.
const fn place(rule: Rule) -> (usize, u32) {
    let index = rule.index();
    (index >> 7, (index & 127) as u32)
}

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
    bits: [u128; 2],
}

impl Findings {
    /// An empty set.
    #[must_use]
    pub const fn new() -> Self {
        Self { bits: [0; 2] }
    }

    /// Adds a rule.
    pub fn insert(&mut self, rule: Rule) {
        let (word, bit) = place(rule);
        self.bits[word] |= 1 << bit;
    }

    /// Removes a rule.
    pub fn remove(&mut self, rule: Rule) {
        let (word, bit) = place(rule);
        self.bits[word] &= !(1 << bit);
    }

    /// Whether the set holds `rule`.
    #[must_use]
    pub const fn contains(&self, rule: Rule) -> bool {
        let (word, bit) = place(rule);
        self.bits[word] & (1 << bit) != 0
    }

    /// Whether the response broke no rule.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.bits[0] | self.bits[1] == 0
    }

    /// How many rules the response broke.
    #[must_use]
    pub const fn len(&self) -> usize {
        (self.bits[0].count_ones() + self.bits[1].count_ones()) as usize
    }

    /// The rules, in registry order.
    pub fn iter(&self) -> impl Iterator<Item = Rule> + '_ {
        // Visits the set bits only, lowest (earliest in the registry) first: testing every
        // rule of the registry instead cost ~2 800 instructions per violating response.
        let [mut low, mut high] = self.bits;
        std::iter::from_fn(move || {
            let (bits, base) = if low != 0 {
                (&mut low, 0)
            } else if high != 0 {
                (&mut high, 128)
            } else {
                return None;
            };
            // Below 128 in a non-zero `u128`; with the word's base, a rule's index (a `u8`).
            let index = base + bits.trailing_zeros() as u8;
            *bits &= *bits - 1;
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
