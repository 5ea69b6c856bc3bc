//! Reading an OpenAPI 3.0 or 3.1 document: its operations and, for each, the responses it
//! documents (status key, header names, media types), with `$ref`s resolved within the
//! document.

use std::fmt;

use http::Method;
use serde_json::{Map, Value};

use crate::rules::contract::{Contract, OperationContract, PathContract};

/// The operation keys of a Path Item Object, in the order OpenAPI lists them (`query` is
/// OpenAPI 3.2's, for RFC 10008's QUERY).
const OPERATIONS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// How many `$ref`s in a row are followed before the chain is taken for a loop.
const MAX_REF_HOPS: usize = 32;

/// An OpenAPI 3.0 or 3.1 document, as far as status semantics go: each operation and the
/// responses it documents.
///
/// Read from JSON ([`from_json`](Self::from_json)) or from a [`serde_json::Value`]
/// ([`from_value`](Self::from_value): what a document generator such as utoipa or aide gives
/// through `serde_json::to_value`; a YAML document parsed into a `Value` too). `$ref`s within
/// the document (`#/components/responses/…`, path items) are followed; one into another file is
/// not, and the response it names is listed in [`skipped`](Self::skipped).
///
/// ```
/// use tower_status_conformance::openapi::Document;
///
/// let document = Document::from_json(r##"{
///     "openapi": "3.1.0",
///     "paths": {"/items/{id}": {"get": {"responses": {
///         "200": {"description": "the item"},
///         "404": {"$ref": "#/components/responses/NotFound"}
///     }}}},
///     "components": {"responses": {"NotFound": {"description": "no such item"}}}
/// }"##).unwrap();
/// assert_eq!(document.operations(), 1);
/// assert_eq!(document.responses(), 2);
/// ```
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) operations: Vec<Operation>,
    /// The paths of the document's `servers` (`/v1` of `https://api.example.com/v1`), that
    /// request paths start with before the document's own.
    pub(crate) bases: Vec<String>,
    skipped: Vec<String>,
}

/// One operation: a method on a path template.
#[derive(Clone, Debug)]
pub(crate) struct Operation {
    pub(crate) method: Method,
    pub(crate) template: String,
    pub(crate) responses: Vec<Documented>,
    /// Its parameters, the path's first then its own, `$ref`s followed.
    pub(crate) parameters: Vec<Value>,
}

impl Operation {
    /// The names of its header parameters, lowercase.
    fn header_parameters(&self) -> impl Iterator<Item = String> + '_ {
        self.parameters
            .iter()
            .filter(|parameter| parameter.get("in").and_then(Value::as_str) == Some("header"))
            .filter_map(|parameter| parameter.get("name").and_then(Value::as_str))
            .map(str::to_ascii_lowercase)
    }
}

/// One response an operation documents.
#[derive(Clone, Debug)]
pub(crate) struct Documented {
    /// The key as written: a code (`"405"`), a range (`"4XX"`) or `"default"`.
    pub(crate) key: String,
    /// The JSON pointer of the response in the operation (where a `$ref` is, not where it
    /// leads).
    pub(crate) pointer: String,
    /// The documented header names, lowercase.
    pub(crate) headers: Vec<String>,
    /// The media types of the documented content, lowercase; empty when none is documented.
    pub(crate) media_types: Vec<String>,
}

/// Why a document could not be read: one line for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentError(String);

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DocumentError {}

impl Document {
    /// Reads a document from its JSON text.
    ///
    /// # Errors
    ///
    /// When the text is not JSON, or not an OpenAPI 3 document (see
    /// [`from_value`](Self::from_value)).
    pub fn from_json(text: &str) -> Result<Self, DocumentError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| DocumentError(format!("not valid JSON: {e}")))?;
        Self::from_value(&value)
    }

    /// Reads a document already parsed.
    ///
    /// # Errors
    ///
    /// When it has no `openapi` field of version 3 (a Swagger 2.0 document is not read), no
    /// `paths` object, a path that does not start with `/`, or a path item or responses object
    /// that is not an object.
    pub fn from_value(document: &Value) -> Result<Self, DocumentError> {
        let version = document
            .get("openapi")
            .and_then(Value::as_str)
            .ok_or_else(|| {
                DocumentError(
                    "no `openapi` version field (a Swagger 2.0 document is not read)".to_owned(),
                )
            })?;
        if !version.starts_with("3.") {
            return Err(DocumentError(format!("`openapi` is {version}, not 3.x")));
        }
        let paths = document
            .get("paths")
            .and_then(Value::as_object)
            .ok_or_else(|| DocumentError("no `paths` object".to_owned()))?;
        let mut read = Self {
            operations: Vec::new(),
            bases: server_paths(document),
            skipped: Vec::new(),
        };
        for (template, item) in paths {
            // Specification extensions (`x-…`) are not paths.
            if template.starts_with("x-") {
                continue;
            }
            if !template.starts_with('/') {
                return Err(DocumentError(format!(
                    "path `{template}` does not start with `/`"
                )));
            }
            let pointer = format!("/paths/{}", escape(template));
            let item = match resolve(document, item) {
                Ok(item) => item,
                Err(why) => {
                    read.skipped.push(format!("{pointer}: {why}"));
                    continue;
                }
            };
            let item = item
                .as_object()
                .ok_or_else(|| DocumentError(format!("{pointer} is not a path item object")))?;
            for key in OPERATIONS {
                let Some(operation) = item.get(key) else {
                    continue;
                };
                // Every operation key is a method name: nothing is skipped here.
                let Ok(method) = Method::from_bytes(key.to_ascii_uppercase().as_bytes()) else {
                    continue;
                };
                let pointer = format!("{pointer}/{key}");
                let responses = read.read_responses(document, operation, &pointer)?;
                let parameters = [item.get("parameters"), operation.get("parameters")]
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_array)
                    .flatten()
                    .filter_map(|parameter| resolve(document, parameter).ok())
                    .cloned()
                    .collect();
                read.operations.push(Operation {
                    method,
                    template: template.clone(),
                    responses,
                    parameters,
                });
            }
        }
        Ok(read)
    }

    fn read_responses(
        &mut self,
        document: &Value,
        operation: &Value,
        pointer: &str,
    ) -> Result<Vec<Documented>, DocumentError> {
        // OpenAPI 3.0 requires `responses`; 3.1 lets an operation leave it out.
        let Some(responses) = operation.get("responses") else {
            return Ok(Vec::new());
        };
        let responses = responses.as_object().ok_or_else(|| {
            DocumentError(format!("{pointer}/responses is not a responses object"))
        })?;
        let mut out = Vec::new();
        for (key, response) in responses {
            // Specification extensions (`x-…`) are not responses.
            if key.starts_with("x-") {
                continue;
            }
            let pointer = format!("{pointer}/responses/{}", escape(key));
            let response = match resolve(document, response) {
                Ok(response) => response,
                Err(why) => {
                    self.skipped.push(format!("{pointer}: {why}"));
                    continue;
                }
            };
            let names = |member: &str| -> Vec<String> {
                response
                    .get(member)
                    .and_then(Value::as_object)
                    .map(Map::keys)
                    .into_iter()
                    .flatten()
                    .map(|name| name.to_ascii_lowercase())
                    .collect()
            };
            out.push(Documented {
                key: key.clone(),
                pointer,
                headers: names("headers"),
                media_types: names("content"),
            });
        }
        Ok(out)
    }

    /// The number of operations (a method on a path).
    #[must_use]
    pub fn operations(&self) -> usize {
        self.operations.len()
    }

    /// The number of responses the operations document.
    #[must_use]
    pub fn responses(&self) -> usize {
        self.operations.iter().map(|op| op.responses.len()).sum()
    }

    /// The JSON pointer of every response documented under a status code: those
    /// [`lint`](super::lint) judges.
    pub fn locations(&self) -> impl Iterator<Item = &str> + '_ {
        self.operations
            .iter()
            .flat_map(|op| &op.responses)
            .filter(|response| super::status_of(&response.key).is_some())
            .map(|response| response.pointer.as_str())
    }

    /// The contract the document states: the statuses each operation documents, for the
    /// layer ([`StatusConformanceLayer::contract`](crate::StatusConformanceLayer::contract))
    /// to judge `undocumented-status` and `documented-method-refused` by.
    ///
    /// ```
    /// use tower_status_conformance::openapi::Document;
    ///
    /// let document = Document::from_json(r#"{"openapi": "3.1.0", "paths": {
    ///     "/items/{id}": {"get": {"responses": {"200": {"description": "the item"}}}}
    /// }}"#).unwrap();
    /// assert_eq!(document.contract().operations(), 1);
    /// ```
    #[must_use]
    pub fn contract(&self) -> Contract {
        let mut paths: Vec<PathContract> = Vec::new();
        for operation in &self.operations {
            let mut contract = OperationContract {
                method: operation.method.clone(),
                codes: Vec::new(),
                ranges: 0,
                default: false,
                conditions: crate::facts::Present::default(),
            };
            for response in &operation.responses {
                let key = response.key.as_bytes();
                match key {
                    b"default" => contract.default = true,
                    [class @ b'1'..=b'5', x, y]
                        if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') =>
                    {
                        contract.ranges |= 1 << (class - b'0');
                    }
                    _ => {
                        if let Some(status) = super::status_of(&response.key) {
                            contract.codes.push(status.as_u16());
                        }
                    }
                }
            }
            for name in operation.header_parameters() {
                if let Some(flag) = OperationContract::condition(&name) {
                    contract.conditions = contract.conditions.union(flag);
                }
            }
            match paths
                .iter_mut()
                .find(|path| path.template() == operation.template)
            {
                Some(path) => path.operations_mut().push(contract),
                None => paths.push(PathContract::new(
                    operation.template.clone(),
                    vec![contract],
                )),
            }
        }
        Contract::new(self.bases.clone(), paths)
    }

    /// What was not read, one line each with its JSON pointer and why: a `$ref` into another
    /// file, to nothing in the document, or in a loop.
    #[must_use]
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }
}

/// The path of each of the document's `servers` URLs that has one, its variables replaced by
/// their defaults, without a trailing `/` (OpenAPI 3.1 §4.8.5: a URL may be relative).
fn server_paths(document: &Value) -> Vec<String> {
    let servers = document.get("servers").and_then(Value::as_array);
    let mut out = Vec::new();
    for server in servers.into_iter().flatten() {
        let Some(url) = server.get("url").and_then(Value::as_str) else {
            continue;
        };
        let mut url = url.to_owned();
        if let Some(variables) = server.get("variables").and_then(Value::as_object) {
            for (name, variable) in variables {
                if let Some(default) = variable.get("default").and_then(Value::as_str) {
                    url = url.replace(&format!("{{{name}}}"), default);
                }
            }
        }
        let path = match url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("", |slash| &rest[slash..]),
            None => url.as_str(),
        };
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .trim_end_matches('/');
        if path.starts_with('/') && !out.iter().any(|known| known == path) {
            out.push(path.to_owned());
        }
    }
    out
}

/// `value`, or what its `$ref` leads to within `document`, followed through chains of `$ref`s.
fn resolve<'a>(document: &'a Value, mut value: &'a Value) -> Result<&'a Value, String> {
    for _ in 0..MAX_REF_HOPS {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Ok(value);
        };
        let Some(fragment) = reference.strip_prefix('#') else {
            return Err(format!(
                "`$ref` {reference} is in another document, not followed"
            ));
        };
        value = document
            .pointer(&percent_decode(fragment))
            .ok_or_else(|| format!("`$ref` {reference} leads to nothing in the document"))?;
    }
    Err(format!("more than {MAX_REF_HOPS} `$ref`s in a row"))
}

/// A JSON pointer token for `key` (RFC 6901 §3: `~` as `~0`, `/` as `~1`).
fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A URI fragment's percent-encoding undone (RFC 6901 §6), so that `#/components/responses/
/// Not%20Found` finds `Not Found`. A `%` not followed by two hex digits stays as it is.
fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                #[allow(clippy::cast_possible_truncation)] // two hex digits: below 256
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_followed_within_the_document_and_reported_otherwise() {
        let document = serde_json::json!({
            "openapi": "3.0.3",
            "paths": {
                "/a/{id}": {"$ref": "#/components/pathItems/A"},
                "x-codegen-contextRoot": "/api",
                "/b": {"get": {"responses": {
                    "404": {"$ref": "#/components/responses/Not%20Found"},
                    "409": {"$ref": "other.yaml#/components/responses/Conflict"},
                    "410": {"$ref": "#/components/responses/Missing"},
                    "x-extra": {"description": "not a response"}
                }}}
            },
            "components": {
                "pathItems": {"A": {"delete": {"responses": {"204": {
                    "description": "gone", "headers": {"X-Trace": {"schema": {}}}
                }}}}},
                "responses": {"Not Found": {"$ref": "#/components/responses/Base"},
                              "Base": {"description": "no", "content": {"Application/JSON": {}}}}
            }
        });
        let read = Document::from_value(&document).unwrap();
        assert_eq!(read.operations(), 2);
        let delete = &read.operations[0];
        assert_eq!(
            (&delete.method, delete.template.as_str()),
            (&Method::DELETE, "/a/{id}")
        );
        assert_eq!(
            delete.responses[0].pointer,
            "/paths/~1a~1{id}/delete/responses/204"
        );
        assert_eq!(delete.responses[0].headers, ["x-trace"]);
        let get = &read.operations[1];
        assert_eq!(get.responses.len(), 1);
        assert_eq!(get.responses[0].media_types, ["application/json"]);
        assert_eq!(
            read.skipped(),
            [
                "/paths/~1b/get/responses/409: `$ref` other.yaml#/components/responses/Conflict \
                 is in another document, not followed",
                "/paths/~1b/get/responses/410: `$ref` #/components/responses/Missing leads to \
                 nothing in the document",
            ]
        );
    }

    #[test]
    fn a_ref_loop_ends() {
        let document = serde_json::json!({
            "openapi": "3.1.0",
            "paths": {"/": {"get": {"responses": {"200": {"$ref": "#/components/responses/A"}}}}},
            "components": {"responses": {"A": {"$ref": "#/components/responses/A"}}}
        });
        let read = Document::from_value(&document).unwrap();
        assert!(
            read.skipped()[0].contains("more than 32 `$ref`s"),
            "{:?}",
            read.skipped()
        );
    }

    #[test]
    fn what_is_not_openapi_3_says_why() {
        let cases = [
            (
                serde_json::json!({"swagger": "2.0"}),
                "no `openapi` version",
            ),
            (serde_json::json!({"openapi": "2.5"}), "not 3.x"),
            (serde_json::json!({"openapi": "3.0.3"}), "no `paths`"),
            (
                serde_json::json!({"openapi": "3.0.3", "paths": {"items": {}}}),
                "does not start with `/`",
            ),
            (
                serde_json::json!({"openapi": "3.0.3", "paths": {"/": {"get": {"responses": []}}}}),
                "/paths/~1/get/responses is not a responses object",
            ),
        ];
        for (document, why) in cases {
            let error = Document::from_value(&document).unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
        }
        assert!(Document::from_json("{")
            .unwrap_err()
            .to_string()
            .starts_with("not valid JSON"));
    }
}
