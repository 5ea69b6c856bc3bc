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

/// How many rules a [`Judged`] set holds: the rules a response can break, numbered apart from
/// the sweep rules (`Rule::slot`).
pub(crate) const JUDGED: usize = 128;

/// The set the layer keeps per response and per layer (the rules it breaks, the rules
/// enabled): one bit per rule a single response can break, by `Rule::slot`, in one word. The
/// sweep rules, which no single response breaks, have no bit: inserting one does nothing, and
/// none is ever contained. Half the size of [`Findings`], which the API returns.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Judged(u128);

impl Judged {
    /// Adds a rule; a sweep rule is left out.
    #[inline]
    pub(crate) fn insert(&mut self, rule: Rule) {
        if let Some(slot) = rule.slot() {
            self.0 |= 1 << slot;
        }
    }

    /// Removes a rule.
    #[inline]
    pub(crate) fn remove(&mut self, rule: Rule) {
        if let Some(slot) = rule.slot() {
            self.0 &= !(1 << slot);
        }
    }

    /// Whether the set holds `rule`.
    #[inline]
    pub(crate) const fn contains(&self, rule: Rule) -> bool {
        match rule.slot() {
            Some(slot) => self.0 & (1 << slot) != 0,
            None => false,
        }
    }

    /// Whether the set is empty.
    #[inline]
    pub(crate) const fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The rules, in registry order (slots follow it).
    pub(crate) fn iter(&self) -> impl Iterator<Item = Rule> + '_ {
        let mut bits = self.0;
        std::iter::from_fn(move || {
            if bits == 0 {
                return None;
            }
            let slot = bits.trailing_zeros();
            bits &= bits - 1;
            Some(Rule::from_slot(slot))
        })
    }
}

impl fmt::Debug for Judged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Rule> for Judged {
    fn from_iter<I: IntoIterator<Item = Rule>>(iter: I) -> Self {
        let mut judged = Self::default();
        for rule in iter {
            judged.insert(rule);
        }
        judged
    }
}

impl From<Judged> for Findings {
    fn from(judged: Judged) -> Self {
        judged.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{Findings, Judged};
    use crate::{Rule, Scope};

    /// Every rule a response can break has a slot of its own, in registry order, and comes
    /// back from it; a sweep rule has none and is never held.
    #[test]
    fn slots_number_the_rules_a_response_can_break_in_registry_order() {
        let judged: Vec<Rule> = Rule::ALL
            .iter()
            .copied()
            .filter(|rule| rule.scope() != Scope::Sweep)
            .collect();
        for (slot, &rule) in judged.iter().enumerate() {
            assert_eq!(rule.slot(), Some(u32::try_from(slot).unwrap()), "{rule}");
            assert_eq!(Rule::from_slot(rule.slot().unwrap()), rule);
        }
        let all: Judged = Rule::ALL.iter().copied().collect();
        assert_eq!(all.iter().collect::<Vec<_>>(), judged);
        for rule in Rule::ALL.iter().filter(|rule| rule.scope() == Scope::Sweep) {
            assert_eq!(rule.slot(), None, "{rule}");
            assert!(!all.contains(*rule));
            let mut one = Judged::default();
            one.insert(*rule);
            assert!(one.is_empty());
        }
    }

    #[test]
    fn a_judged_set_becomes_the_same_findings() {
        let mut judged = Judged::default();
        judged.insert(Rule::NO_CONTENT_WITH_BODY);
        judged.insert(Rule::FORBIDDEN_CONTENT_LENGTH);
        judged.insert(Rule::HEAD_DIFFERS_FROM_GET);
        judged.remove(Rule::FORBIDDEN_CONTENT_LENGTH);
        let findings = Findings::from(judged);
        assert_eq!(findings.len(), 1);
        assert!(findings.contains(Rule::NO_CONTENT_WITH_BODY));
    }

    /// The public set holds every rule, sweep rules included.
    #[test]
    fn findings_hold_every_rule() {
        let all: Findings = Rule::ALL.iter().copied().collect();
        assert_eq!(all.len(), Rule::COUNT);
        assert_eq!(all.iter().collect::<Vec<_>>(), Rule::ALL);
        let last = *Rule::ALL.last().unwrap();
        let mut one = Findings::new();
        one.insert(last);
        one.remove(last);
        assert!(one.is_empty());
    }
}
