//! The values a repair needs that only the application knows (`Allow`, `WWW-Authenticate`,
//! …), supplied by callbacks configured on the layer, by rule.

use std::{fmt, sync::Arc};

use http::HeaderValue;

use crate::{Rule, Violation};

/// A callback that supplies the value of a header the layer cannot know (`Allow`,
/// `WWW-Authenticate`, …), for the repair of one rule.
pub(crate) type Supplier = Arc<dyn Fn(&Violation) -> Option<HeaderValue> + Send + Sync>;

/// The configured suppliers, by rule.
#[derive(Clone, Default)]
pub(crate) struct Suppliers(Vec<(Rule, Supplier)>);

impl Suppliers {
    pub(crate) fn set(&mut self, rule: Rule, supplier: Supplier) {
        self.0.retain(|(r, _)| *r != rule);
        self.0.push((rule, supplier));
    }

    pub(crate) fn contains(&self, rule: Rule) -> bool {
        self.0.iter().any(|(r, _)| *r == rule)
    }

    /// The value for the violation's rule, if a supplier is configured and returns one.
    pub(crate) fn value(&self, violation: &Violation) -> Option<HeaderValue> {
        let (_, supplier) = self.0.iter().find(|(rule, _)| *rule == violation.rule())?;
        supplier(violation)
    }
}

impl fmt::Debug for Suppliers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(rule, _)| rule))
            .finish()
    }
}
