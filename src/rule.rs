//! The [`Rule`] handle and its metadata. The rules themselves are declared once, beside their
//! checks in their topic modules, through the `declare!` macro defined here; `registry.rs`
//! numbers them through `index!`.

use std::fmt;

use crate::Action;

/// How strongly the cited specification words the requirement a rule checks.
///
/// ```
/// use tower_status_conformance::{Requirement, Rule};
///
/// assert_eq!(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW.requirement(), Requirement::Must);
/// assert_eq!(Requirement::Must.as_str(), "must");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Requirement {
    /// An absolute requirement (BCP 14 "MUST" / "MUST NOT") on the server that sent the
    /// response, or a rule of the message grammar or framing (a length, a range, the end of a
    /// message) that the specification states without a keyword but that no conforming message
    /// can break (each rule's docs quote which).
    Must,
    /// A recommendation (BCP 14 "SHOULD" / "SHOULD NOT") on the server.
    Should,
    /// No requirement on the server is broken: the response contradicts itself or the
    /// definition of its status, or the sentence binds someone else (a "MUST NOT be stored by
    /// a cache" is the cache's to keep, a "MUST be ignored" the recipient's), or the text says
    /// "can", "ought to" or "is appropriate".
    Advisory,
}

impl Requirement {
    /// The lowercase name used in events and tables.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Must => "must",
            Self::Should => "should",
            Self::Advisory => "advisory",
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What a rule needs to be decided: one exchange, or several about one resource.
///
/// ```
/// use tower_status_conformance::{Rule, Scope};
///
/// assert_eq!(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW.scope(), Scope::Exchange);
/// assert_eq!(Rule::HEAD_DIFFERS_FROM_GET.scope(), Scope::Sweep);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scope {
    /// Decided from one request and its response: the layer checks it.
    Exchange,
    /// Decided by comparing exchanges about one resource (a HEAD with its GET, a 304 with its
    /// 200): only a [sweep](crate::sweep) reports it. The layer ignores its action.
    Sweep,
    /// Decided against the contract of an API document: judged on one exchange, by the layer
    /// (and so by a sweep, the proxy and `check`), only where a contract is set
    /// (`StatusConformanceLayer::contract`, the `openapi` feature).
    Contract,
}

/// One status-code rule: an opaque, `Copy` handle into the registry.
///
/// The rules are associated constants ([`Rule::NO_CONTENT_WITH_BODY`], …); [`Rule::ALL`] lists
/// them in registry order. Ids (`"no-content-with-body"`) are stable: they are what events,
/// metrics labels and configuration use. New rules are added as new constants, which is not a
/// breaking change.
///
/// `Ord` is registry order, and the registry is append-only: a new rule sorts after every
/// existing one, so sorted listings (and [`Findings`](crate::Findings) iteration) never
/// reorder between releases.
///
/// `Display` and `Debug` print the id.
///
/// # Example
///
/// ```
/// use tower_status_conformance::{Action, Rule};
///
/// let rule = Rule::from_id("method-not-allowed-without-allow").unwrap();
/// assert_eq!(rule, Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW);
/// assert_eq!(rule.to_string(), "method-not-allowed-without-allow");
/// assert_eq!(rule.spec(), "RFC 9110 §15.5.6");
/// assert!(rule.spec_url().starts_with("https://www.rfc-editor.org/rfc/rfc9110"));
/// assert_eq!(rule.default_action(), Action::Repair);
/// assert!(Rule::ALL.contains(&rule));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rule(pub(crate) u8);

/// Everything the registry says about one rule.
#[derive(Debug)]
pub(crate) struct RuleInfo {
    pub(crate) id: &'static str,
    /// Judged per exchange, or only by a sweep.
    pub(crate) scope: Scope,
    /// The response fields the rule is about (lowercase names), present or missing.
    pub(crate) fields: &'static [&'static str],
    /// What the rule's check and repair read of the request besides its method, version and
    /// target: a layer captures only what its enabled rules read.
    pub(crate) reads: crate::reads::Reads,
    pub(crate) requirement: Requirement,
    pub(crate) spec: &'static str,
    pub(crate) url: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) explanation: &'static str,
    pub(crate) repair: Option<&'static str>,
    pub(crate) default_action: Action,
    pub(crate) example: &'static str,
    pub(crate) near_miss: &'static str,
    /// What in an OpenAPI document breaks the rule, when a document can show it.
    pub(crate) openapi: Option<&'static str>,
}

impl Rule {
    /// The index of this rule in [`Rule::ALL`].
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }

    /// What the rule reads of the request besides its method, version and target.
    pub(crate) fn reads(self) -> crate::reads::Reads {
        self.info().reads
    }

    /// The response header fields the rule is about, as lowercase names: the fields whose
    /// presence, absence or value breaks it (`["allow"]` for a 405 without `Allow`). Empty for
    /// rules about the status or the request alone.
    ///
    /// ```
    /// use tower_status_conformance::Rule;
    ///
    /// assert_eq!(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW.fields(), ["allow"]);
    /// assert!(Rule::STATUS_UNREGISTERED.fields().is_empty());
    /// ```
    #[must_use]
    pub fn fields(self) -> &'static [&'static str] {
        self.info().fields
    }

    /// Whether the layer checks the rule on each exchange, or only a
    /// [sweep](crate::sweep) can, by comparing exchanges.
    #[must_use]
    pub fn scope(self) -> Scope {
        self.info().scope
    }

    /// The stable kebab-case id, e.g. `"no-content-with-body"`.
    #[must_use]
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// How strongly the specification words the requirement.
    #[must_use]
    pub fn requirement(self) -> Requirement {
        self.info().requirement
    }

    /// The section the rule comes from, e.g. `"RFC 9110 §15.3.5"`.
    #[must_use]
    pub fn spec(self) -> &'static str {
        self.info().spec
    }

    /// A link to that section on rfc-editor.org.
    #[must_use]
    pub fn spec_url(self) -> &'static str {
        self.info().url
    }

    /// One line saying what the rule flags.
    #[must_use]
    pub fn summary(self) -> &'static str {
        self.info().summary
    }

    /// The full explanation in Markdown: the same text as the constant's rustdoc.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        self.info().explanation
    }

    /// What [`Action::Repair`] does for this rule, or `None` when the rule has no repair (then
    /// `Repair` falls back to `Log`).
    #[must_use]
    pub fn repair(self) -> Option<&'static str> {
        self.info().repair
    }

    /// Whether the rule has a repair.
    #[must_use]
    pub fn can_repair(self) -> bool {
        self.info().repair.is_some()
    }

    /// The action [`StatusConformanceLayer::new`](crate::StatusConformanceLayer::new) takes.
    #[must_use]
    pub fn default_action(self) -> Action {
        self.info().default_action
    }

    /// Whether the rule is off unless enabled: its default action is [`Action::Allow`]. The
    /// presets leave such rules off; [`StatusConformanceLayer::action`] turns one on.
    ///
    /// [`StatusConformanceLayer::action`]: crate::StatusConformanceLayer::action
    #[must_use]
    pub fn is_opt_in(self) -> bool {
        self.default_action() == Action::Allow
    }

    /// An exchange that breaks the rule, as text: the request head, a blank line, the response
    /// head (status code first), a blank line, the response body.
    ///
    /// The text is for reading (it is in the rule's docs and `RULES.md`) and for this crate's
    /// tests. Its exact content and layout are not part of the semver contract: an example may
    /// be rewritten, and the format may change, in any release.
    ///
    /// ```
    /// use tower_status_conformance::Rule;
    ///
    /// assert_eq!(
    ///     Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW.example(),
    ///     "POST /items HTTP/1.1\n\n405 Method Not Allowed\n\n",
    /// );
    /// ```
    #[must_use]
    pub fn example(self) -> &'static str {
        self.info().example
    }

    /// The nearest exchange that does *not* break the rule (nor any rule on by default), in the
    /// format of [`example`](Self::example), with the same (lack of) stability.
    #[must_use]
    pub fn near_miss(self) -> &'static str {
        self.info().near_miss
    }

    /// What in an OpenAPI document breaks the rule, when a document can show it, as a
    /// sentence fragment (`"a 405 response documented without an \`Allow\` header"`); `None`
    /// for a rule that only a response can show, and for the opt-in rules. The OpenAPI lint
    /// (`openapi::lint`, the `openapi` feature, and `tower-status-conformance openapi`) checks
    /// exactly the rules that have one.
    ///
    /// ```
    /// use tower_status_conformance::Rule;
    ///
    /// assert!(Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW.openapi().is_some());
    /// assert_eq!(Rule::IF_NONE_MATCH_IGNORED.openapi(), None);
    /// ```
    #[must_use]
    pub fn openapi(self) -> Option<&'static str> {
        self.info().openapi
    }

    /// Looks a rule up by its id.
    ///
    /// ```
    /// use tower_status_conformance::Rule;
    ///
    /// assert_eq!(Rule::from_id("status-out-of-range"), Some(Rule::STATUS_OUT_OF_RANGE));
    /// assert_eq!(Rule::from_id("no-such-rule"), None);
    /// ```
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|rule| rule.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

impl std::str::FromStr for Rule {
    type Err = InvalidRule;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_id(s).ok_or(InvalidRule { _priv: () })
    }
}

/// The error returned when a string is not the id of any [`Rule`].
///
/// ```
/// let err = "no-such-rule".parse::<tower_status_conformance::Rule>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown status-conformance rule");
/// ```
pub struct InvalidRule {
    _priv: (),
}

impl fmt::Debug for InvalidRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InvalidRule").finish()
    }
}

impl fmt::Display for InvalidRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown status-conformance rule")
    }
}

impl std::error::Error for InvalidRule {}

/// Declares the rules of one module (a topic of `src/rules/`, or the sweep's comparisons), beside
/// their checks: each constant with its rustdoc, and, in a `declared` module the index
/// (`src/registry.rs`) gathers, its [`RuleInfo`] and the module's repair. Doc comments become
/// both rustdoc and `Rule::explanation`.
///
/// The header says whether the module's rules are judged per exchange or by a sweep, and names
/// the function that repairs them (`fn(&mut Repair<'_>) -> Option<bool>`), or `none`. A rule's
/// number comes from its place in the index: a rule declared here but not indexed does not
/// compile (`Rule::numbered` fails at compile time), nor one indexed but not declared.
macro_rules! declare {
    (
        scope: $scope:ident;
        repair: $repair_fn:ident;
        $(
            $(#[doc = $doc:literal])*
            $konst:ident = $id:literal {
                fields: [$($field:literal),* $(,)?],
                $(reads: [$($read:ident),* $(,)?],)?
                requirement: $req:ident,
                spec: $spec:literal,
                url: $url:literal,
                summary: $summary:literal,
                repair: [$($repair:literal)?],
                default: $default:ident,
                example: $example:literal,
                near_miss: $near_miss:literal,
                $(openapi: $openapi:literal,)?
            }
        )*
    ) => {
        impl $crate::Rule {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = "### Repair"]
                #[doc = $crate::rule::declare!(@repair_doc $($repair)?)]
                #[doc = ""]
                #[doc = "### Example"]
                #[doc = "Flagged (request head, blank line, response head, blank line, body):"]
                #[doc = "```text"]
                #[doc = $example]
                #[doc = "```"]
                #[doc = "Not flagged:"]
                #[doc = "```text"]
                #[doc = $near_miss]
                #[doc = "```"]
                #[doc = $crate::rule::declare!(@openapi_doc $($openapi)?)]
                #[doc = ""]
                #[doc = concat!(
                    "**Id** `", $id, "` · **", stringify!($req), "** · [", $spec, "](", $url,
                    ") · default action [`", stringify!($default), "`](crate::Action::", stringify!($default), ")",
                    " · code: `", file!(), "`"
                )]
                pub const $konst: $crate::Rule = $crate::Rule(Self::numbered(stringify!($konst)));
            )*
        }

        /// What this module declares of its rules, gathered by the index (`src/registry.rs`).
        pub(crate) mod declared {
            /// The repair of this module's rules.
            pub(crate) const REPAIR: Option<$crate::rules::RepairFn> =
                $crate::rule::declare!(@repair_fn $repair_fn);
            $(
                // Numbered even where no check uses it yet: unlisted in the index, it fails here.
                const _: $crate::Rule = $crate::Rule::$konst;
                pub(crate) const $konst: $crate::rule::RuleInfo = $crate::rule::RuleInfo {
                    id: $id,
                    scope: $crate::Scope::$scope,
                    fields: &[$($field),*],
                    reads: $crate::reads::Reads::NONE $($(.union($crate::reads::Reads::$read))*)?,
                    requirement: $crate::Requirement::$req,
                    spec: $spec,
                    url: $url,
                    summary: $summary,
                    explanation: concat!($($doc, "\n",)*),
                    repair: $crate::rule::declare!(@repair_opt $($repair)?),
                    default_action: $crate::Action::$default,
                    example: $example,
                    near_miss: $near_miss,
                    openapi: $crate::rule::declare!(@openapi_opt $($openapi)?),
                };
            )*
        }
    };
    (@repair_doc $repair:literal) => { $repair };
    (@repair_doc) => { "None: `Repair` falls back to `Log`." };
    (@repair_opt $repair:literal) => { Some($repair) };
    (@repair_opt) => { None };
    (@openapi_doc $openapi:literal) => {
        concat!(
            "\n### In an OpenAPI document\n",
            "Flagged by `openapi::lint` and `tower-status-conformance openapi`: ",
            $openapi, "."
        )
    };
    (@openapi_doc) => { "" };
    (@openapi_opt $openapi:literal) => { Some($openapi) };
    (@openapi_opt) => { None };
    (@repair_fn none) => { None };
    (@repair_fn $repair_fn:ident) => { Some(super::$repair_fn) };
}

/// The index: every rule's number, by its place in the list, and the table of what the
/// modules declare. Generates `Rule::ALL`, `Rule::COUNT`, `Rule::info`, `Rule::numbered` (the
/// compile-time lookup the declarations take their numbers from) and the repair of each rule.
macro_rules! index {
    ($($konst:ident in $($module:ident)::+),* $(,)?) => {
        impl $crate::Rule {
            /// Every rule, in registry order.
            pub const ALL: &'static [$crate::Rule] = &[$($crate::Rule::$konst,)*];

            /// The number of rules.
            pub const COUNT: usize = Self::ALL.len();

            /// Everything the registry says about this rule.
            pub(crate) fn info(self) -> &'static $crate::rule::RuleInfo {
                &INFOS[usize::from(self.0)]
            }

            /// The number of the rule whose constant is named `name`: its place in the index.
            /// Evaluated at compile time; a name the index does not list fails the build.
            pub(crate) const fn numbered(name: &str) -> u8 {
                let mut i = 0;
                while i < ORDER.len() {
                    if $crate::rule::same(ORDER[i], name) {
                        #[allow(clippy::cast_possible_truncation)]
                        return i as u8;
                    }
                    i += 1;
                }
                panic!("a rule is declared but not listed in the index (src/registry.rs)")
            }
        }

        const ORDER: &[&str] = &[$(stringify!($konst),)*];

        /// Whether each rule, in index order, is judged only by a sweep.
        const SWEEP: &[bool] = &[$(matches!(
            $crate::$($module)::+::declared::$konst.scope,
            $crate::Scope::Sweep
        ),)*];

        /// Each rule's place among the rules a response can break (every scope but a
        /// sweep's), in index order; `u8::MAX` for a sweep rule. The layer keeps its sets of
        /// rules in one word by it ([`crate::findings::Judged`]), however many sweep rules
        /// there are.
        const SLOTS: [u8; ORDER.len()] = {
            let mut slots = [u8::MAX; ORDER.len()];
            let (mut i, mut next) = (0, 0);
            while i < ORDER.len() {
                if !SWEEP[i] {
                    slots[i] = next;
                    next += 1;
                }
                i += 1;
            }
            assert!(
                next as usize <= $crate::findings::JUDGED,
                "more rules a response can break than a Judged set holds"
            );
            slots
        };

        /// The rule in each place of [`SLOTS`].
        const BY_SLOT: [u8; $crate::findings::JUDGED] = {
            let mut rules = [u8::MAX; $crate::findings::JUDGED];
            let mut i = 0;
            while i < ORDER.len() {
                if SLOTS[i] != u8::MAX {
                    #[allow(clippy::cast_possible_truncation)]
                    {
                        rules[SLOTS[i] as usize] = i as u8;
                    }
                }
                i += 1;
            }
            rules
        };

        impl $crate::Rule {
            /// This rule's place among the rules a response can break; `None` for a sweep rule.
            pub(crate) const fn slot(self) -> Option<u32> {
                match SLOTS[self.0 as usize] {
                    u8::MAX => None,
                    slot => Some(slot as u32),
                }
            }

            /// The rule in place `slot` of [`Rule::slot`].
            pub(crate) const fn from_slot(slot: u32) -> Self {
                Self(BY_SLOT[slot as usize])
            }
        }

        static INFOS: &[$crate::rule::RuleInfo] = &[$($crate::$($module)::+::declared::$konst,)*];

        /// The repair of each rule (its module's), in index order.
        pub(crate) static REPAIRS: &[Option<$crate::rules::RepairFn>] =
            &[$($crate::$($module)::+::declared::REPAIR,)*];
    };
}

/// Whether two strings are equal, at compile time.
pub(crate) const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub(crate) use declare;
pub(crate) use index;
