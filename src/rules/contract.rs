//! The contract of an API document: a response to a request the document describes whose
//! status the document does not give, and a declared operation refused. Judged only where a
//! contract is set (`StatusConformanceLayer::contract`, `sweep --contract`, the `openapi`
//! feature); without one these rules cost nothing and never report.

#[cfg(feature = "openapi")]
pub use self::judge::Contract;
#[cfg(feature = "openapi")]
pub(crate) use self::judge::{OperationContract, PathContract};

// The rules this module checks, each with its documentation, metadata and example
// exchanges; the index (`src/registry.rs`) gives each its number.
crate::rule::declare! {
    scope: Contract;
    repair: none;

    /// ### What it checks
    /// With a contract (an OpenAPI document, the `openapi` feature): a response to a request
    /// the document describes — an operation it declares, matched by path template, with no
    /// precondition (`If-Match`, `If-None-Match`, `If-Modified-Since`, `If-Unmodified-Since`,
    /// `If-Range`) or `Range` that the operation does not declare as a header parameter — whose
    /// status the operation's responses do not cover: not as a code, not by its range (`4XX`),
    /// and without a `default` response. A 405 or 501 is `documented-method-refused` instead.
    ///
    /// ### Why it matters
    /// OpenAPI 3.1 §4.8.16: "documentation is expected to cover a successful operation response
    /// and any known errors". Clients and SDKs generated from the document handle the statuses
    /// it lists; another one reaches the code path nobody wrote. Its example is judged against
    /// a document whose `GET /items/{id}` documents 200 and 404.
    UNDOCUMENTED_STATUS = "undocumented-status" {
        fields: [],
        reads: [PRECONDITIONS, RANGE],
        requirement: Should,
        spec: "OpenAPI 3.1 §4.8.16",
        url: "https://spec.openapis.org/oas/v3.1.1.html#responses-object",
        summary: "a status the API document does not give for the operation",
        repair: [],
        default: Log,
        example: "GET /items/7 HTTP/1.1\n\n500 Internal Server Error\ncontent-type: text/plain\n\nboom",
        near_miss: "GET /items/7 HTTP/1.1\n\n404 Not Found\ncontent-type: text/plain\n\nno such item",
    }

    /// ### What it checks
    /// With a contract (an OpenAPI document, the `openapi` feature): a 405 (Method Not Allowed)
    /// or 501 (Not Implemented) to an operation the document declares, matched by path
    /// template — unless the operation documents that status itself.
    ///
    /// ### Why it matters
    /// OpenAPI 3.1 §4.8.9: a Path Item "describes the operations available on a single path".
    /// A 405 says the target resource does not support the method (RFC 9110 §15.5.6), a 501
    /// that the server does not (§15.6.2): either contradicts the document, and every client
    /// generated from it. Its example is judged against a document that declares
    /// `DELETE /items/{id}`.
    DOCUMENTED_METHOD_REFUSED = "documented-method-refused" {
        fields: [],
        requirement: Should,
        spec: "OpenAPI 3.1 §4.8.9",
        url: "https://spec.openapis.org/oas/v3.1.1.html#path-item-object",
        summary: "an operation the API document declares answered 405 or 501",
        repair: [],
        default: Log,
        example: "DELETE /items/7 HTTP/1.1\n\n405 Method Not Allowed\nallow: GET, HEAD\n\n",
        near_miss: "DELETE /items/7 HTTP/1.1\n\n204 No Content\n\n",
    }
}

/// Adds to `found` the contract rule the response breaks, if it is enabled: the route
/// template from the response's [`Route`](crate::Route) when it has one, else its path.
#[cfg(feature = "openapi")]
#[inline(never)]
pub(crate) fn check<B>(
    found: &mut super::HeadCheck,
    contract: &Contract,
    response: &http::Response<B>,
    facts: &crate::facts::RequestFacts,
    enabled: crate::findings::Judged,
) {
    let route = response.extensions().get::<crate::Route>();
    let broken = contract.judge(
        &facts.method(),
        facts
            .get(crate::facts::Field::Target)
            .known()
            .unwrap_or_default(),
        route.map(crate::Route::as_str),
        response.status(),
        facts.present,
    );
    if let Some(rule) = broken.filter(|rule| enabled.contains(*rule)) {
        found.findings.insert(rule);
    }
}

#[cfg(feature = "openapi")]
mod judge {
    use http::{Method, StatusCode};

    use crate::{facts::Present, Rule};

    /// The most segments of a path the contract matches; a longer one is not judged.
    const MAX_SEGMENTS: usize = 32;

    /// The statuses an API document gives each operation, by path template: what the layer
    /// and the sweep judge `undocumented-status` and `documented-method-refused` against.
    ///
    /// Built from an OpenAPI document ([`Document::contract`](crate::openapi::Document::contract))
    /// and given to the layer ([`StatusConformanceLayer::contract`]) or to a sweep (through
    /// [`Sweep::layer`]). A request is matched to a path by the route template of its response
    /// when it names one of the document's (axum's `MatchedPath`, through
    /// [`RouterExt::with_status_conformance`]), else by its path against the document's
    /// templates, concrete paths first (OpenAPI 3.1 §4.8.8), after any path of the document's
    /// `servers`. A path of more than 32 segments is not judged.
    ///
    /// [`StatusConformanceLayer::contract`]: crate::StatusConformanceLayer::contract
    /// [`Sweep::layer`]: crate::sweep::Sweep::layer
    /// [`RouterExt::with_status_conformance`]: crate::axum::RouterExt::with_status_conformance
    #[derive(Clone, Debug, Default)]
    pub struct Contract {
        bases: Vec<String>,
        /// Most literal characters first, so that the first match is the most concrete.
        paths: Vec<PathContract>,
    }

    /// One path template, compiled, and the operations declared on it.
    #[derive(Clone, Debug)]
    pub(crate) struct PathContract {
        template: String,
        segments: Vec<Segment>,
        /// The characters of the template outside its parameters.
        literal: usize,
        operations: Vec<OperationContract>,
    }

    /// One segment of a template: literal text, or literal pieces with a parameter between
    /// each two (`v{version}` is `["v", ""]`, `{id}` is `["", ""]`).
    #[derive(Clone, Debug)]
    enum Segment {
        Literal(Box<[u8]>),
        Pattern(Box<[Box<[u8]>]>),
    }

    /// One operation: its method, the statuses it documents, and whether it declares the
    /// precondition and range fields as header parameters.
    #[derive(Clone, Debug)]
    pub(crate) struct OperationContract {
        pub(crate) method: Method,
        /// The codes documented one by one.
        pub(crate) codes: Vec<u16>,
        /// The classes documented as a range: bit `n` for `nXX`.
        pub(crate) ranges: u8,
        pub(crate) default: bool,
        /// The request fields among the preconditions and `Range` it declares (`Present` bits).
        pub(crate) conditions: Present,
    }

    impl OperationContract {
        /// The flag of a request field among the preconditions and `Range`, by its lowercase
        /// name: what a header parameter of that name declares.
        pub(crate) fn condition(name: &str) -> Option<Present> {
            Some(match name {
                "if-match" => Present::IF_MATCH,
                "if-none-match" => Present::IF_NONE_MATCH,
                "if-modified-since" => Present::IF_MODIFIED_SINCE,
                "if-unmodified-since" => Present::IF_UNMODIFIED_SINCE,
                "if-range" => Present::IF_RANGE,
                "range" => Present::RANGE,
                _ => return None,
            })
        }

        fn covers(&self, code: u16) -> bool {
            self.default
                || self.codes.contains(&code)
                || (code / 100 < 8 && self.ranges & (1 << (code / 100)) != 0)
        }
    }

    impl PathContract {
        pub(crate) fn new(template: String, operations: Vec<OperationContract>) -> Self {
            let segments: Vec<Segment> = template.split('/').map(Segment::of).collect();
            let literal = segments
                .iter()
                .map(|segment| match segment {
                    Segment::Literal(text) => text.len(),
                    Segment::Pattern(pieces) => pieces.iter().map(|piece| piece.len()).sum(),
                })
                .sum();
            Self {
                template,
                segments,
                literal,
                operations,
            }
        }

        pub(crate) fn template(&self) -> &str {
            &self.template
        }

        pub(crate) fn operations_mut(&mut self) -> &mut Vec<OperationContract> {
            &mut self.operations
        }

        /// Whether `path`, of `count` segments, is an instance of the template.
        fn matches(&self, count: usize, path: &[u8]) -> bool {
            self.segments.len() == count
                && self
                    .segments
                    .iter()
                    .zip(path.split(|&b| b == b'/'))
                    .all(|(segment, text)| segment.matches(text))
        }
    }

    impl Segment {
        fn of(text: &str) -> Self {
            if !text.contains('{') {
                return Self::Literal(text.as_bytes().into());
            }
            let mut pieces = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.find('{') {
                pieces.push(rest.as_bytes()[..open].into());
                rest = rest[open..]
                    .find('}')
                    .map_or("", |close| &rest[open + close + 1..]);
            }
            pieces.push(rest.as_bytes().into());
            Self::Pattern(pieces.into())
        }

        fn matches(&self, text: &[u8]) -> bool {
            match self {
                Self::Literal(literal) => **literal == *text,
                Self::Pattern(pieces) => pattern_matches(pieces, text),
            }
        }
    }

    /// Whether `text` is `pieces` with one or more octets between each two.
    fn pattern_matches(pieces: &[Box<[u8]>], text: &[u8]) -> bool {
        let Some((first, rest)) = pieces.split_first() else {
            return text.is_empty();
        };
        let Some(text) = text.strip_prefix(&**first) else {
            return false;
        };
        let Some((next, after)) = rest.split_first() else {
            return text.is_empty();
        };
        if after.is_empty() {
            // The last parameter: all but the last piece, at least one octet (`{id}` alone is
            // any non-empty segment).
            return text.len() > next.len() && text.ends_with(next);
        }
        // The parameter takes at least one octet; the rest matches what follows it, the
        // shortest parameter first.
        (1..=text.len())
            .any(|end| text[end..].starts_with(next) && pattern_matches(rest, &text[end..]))
    }

    impl Contract {
        pub(crate) fn new(bases: Vec<String>, mut paths: Vec<PathContract>) -> Self {
            paths.sort_by_key(|path| std::cmp::Reverse(path.literal));
            Self { bases, paths }
        }

        /// The number of operations the contract holds.
        #[must_use]
        pub fn operations(&self) -> usize {
            self.paths.iter().map(|path| path.operations.len()).sum()
        }

        /// The rule a response with `status` to `method` on `path` (with the route template
        /// `route`, when its response names one) breaks, if any. `present`: the preconditions
        /// and `Range` the request carried.
        pub(crate) fn judge(
            &self,
            method: &Method,
            path: &[u8],
            route: Option<&str>,
            status: StatusCode,
            present: Present,
        ) -> Option<Rule> {
            // The route template when the response names one the document has (axum's);
            // else the path (a capture's or a proxy's route is the path itself).
            let described = route
                .and_then(|route| {
                    self.paths
                        .iter()
                        .find(|candidate| same_template(&candidate.template, route))
                })
                .or_else(|| self.matching(path))?;
            let operation = described
                .operations
                .iter()
                .find(|operation| operation.method == *method)?;
            let code = status.as_u16();
            if operation.covers(code) {
                return None;
            }
            if matches!(code, 405 | 501) {
                return Some(Rule::DOCUMENTED_METHOD_REFUSED);
            }
            // A condition or range the document does not mention: not a request it describes.
            let asked = present.and(Present::PRECONDITIONS.union(Present::RANGE));
            if !asked.without(operation.conditions).is_empty() {
                return None;
            }
            Some(Rule::UNDOCUMENTED_STATUS)
        }

        /// The most concrete path whose template `path` (its query left out) matches, after
        /// the document's server path if it starts with one.
        fn matching(&self, path: &[u8]) -> Option<&PathContract> {
            let path = path
                .iter()
                .position(|&b| b == b'?')
                .map_or(path, |query| &path[..query]);
            let find = |path: &[u8]| {
                let count = path.iter().filter(|&&b| b == b'/').count() + 1;
                if count > MAX_SEGMENTS {
                    return None;
                }
                self.paths
                    .iter()
                    .find(|candidate| candidate.matches(count, path))
            };
            self.bases
                .iter()
                .filter_map(|base| path.strip_prefix(base.as_bytes()))
                .filter(|rest| rest.first() == Some(&b'/'))
                .find_map(find)
                .or_else(|| find(path))
        }
    }

    /// Whether two templates are the same with their parameters' names ignored (`/items/{id}`
    /// and `/items/{item_id}`; axum's catch-all `{*rest}` stands for any parameter).
    fn same_template(a: &str, b: &str) -> bool {
        shape(a).eq(shape(b))
    }

    /// A template's octets without its parameters' names.
    fn shape(template: &str) -> impl Iterator<Item = u8> + '_ {
        let mut inside = false;
        template.bytes().filter(move |&b| {
            let keep = !inside || b == b'}';
            inside = (inside || b == b'{') && b != b'}';
            keep
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn matches(template: &str, path: &str) -> bool {
            let contract = Contract::new(
                Vec::new(),
                vec![PathContract::new(template.to_owned(), Vec::new())],
            );
            contract.matching(path.as_bytes()).is_some()
        }

        #[test]
        fn templates_match_segment_by_segment() {
            assert!(matches("/items/{id}", "/items/7"));
            assert!(matches("/items/{id}", "/items/7?x=1"));
            assert!(!matches("/items/{id}", "/items/"));
            assert!(!matches("/items/{id}", "/items/7/notes"));
            assert!(matches("/v{version}/{format}", "/v1/json"));
            assert!(matches("/files/{name}.{ext}", "/files/a.b.txt"));
            assert!(!matches("/files/{name}.{ext}", "/files/readme"));
            assert!(matches("/", "/"));
            assert!(!matches("/a", &"/a".repeat(40)));
            assert!(same_template("/items/{id}", "/items/{item_id}"));
            assert!(same_template("/files/{*rest}", "/files/{path}"));
            assert!(!same_template("/items/{id}", "/items/new"));
        }
    }
}
