//! The sweep's targets from a document: each path made concrete with its parameters' example
//! values, and the methods it declares.

use http::Method;
use serde_json::Value;

use super::Document;
use crate::sweep::Target;

impl Document {
    /// A [sweep](crate::sweep) target for each path: its parameters replaced by their example
    /// values (`example`, the first of `examples`, the schema's `example`, `default` or first
    /// `enum` value, else `1`, or a nil UUID for `format: uuid`), its required query
    /// parameters appended, and the methods it declares — the unsafe ones (POST, PUT, PATCH,
    /// DELETE) only with `unsafe_methods`: a document says what the server supports, not that
    /// a run may change its state.
    ///
    /// ```
    /// use tower_status_conformance::openapi::Document;
    ///
    /// let document = Document::from_json(r#"{"openapi": "3.1.0", "paths": {"/items/{id}": {
    ///     "parameters": [{"name": "id", "in": "path", "schema": {"example": 7}}],
    ///     "get": {"responses": {"200": {"description": "the item"}}},
    ///     "delete": {"responses": {"204": {"description": "deleted"}}}
    /// }}}"#).unwrap();
    /// let targets = document.sweep_targets(false);
    /// assert_eq!(targets[0].path(), "/items/7");
    /// ```
    #[must_use]
    pub fn sweep_targets(&self, unsafe_methods: bool) -> Vec<Target> {
        let mut paths: Vec<(&str, Vec<Method>, Vec<&Value>)> = Vec::new();
        for operation in &self.operations {
            let index = match paths
                .iter()
                .position(|(template, ..)| *template == operation.template)
            {
                Some(index) => index,
                None => {
                    paths.push((&operation.template, Vec::new(), Vec::new()));
                    paths.len() - 1
                }
            };
            let (_, methods, parameters) = &mut paths[index];
            methods.push(operation.method.clone());
            parameters.extend(&operation.parameters);
        }
        paths
            .into_iter()
            .map(|(template, methods, parameters)| {
                let methods = methods
                    .into_iter()
                    .filter(|method| unsafe_methods || is_safe(method));
                Target::new(concrete(template, &parameters)).methods(methods)
            })
            .collect()
    }
}

/// Safe (RFC 9110 §9.2.1), QUERY included (RFC 10008 §2).
fn is_safe(method: &Method) -> bool {
    method.is_safe() || crate::facts::is_query(method)
}

/// `template` with each `{name}` replaced by the parameter's example, and the required
/// query parameters appended.
fn concrete(template: &str, parameters: &[&Value]) -> String {
    let find = |name: &str, location: &str| {
        parameters.iter().copied().find(|p| {
            p.get("name").and_then(Value::as_str) == Some(name)
                && p.get("in").and_then(Value::as_str) == Some(location)
        })
    };
    let mut path = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        path.push_str(&rest[..open]);
        path.push_str(&encode(&example(find(name, "path"))));
        rest = &rest[open + close + 1..];
    }
    path.push_str(rest);
    let mut seen = Vec::new();
    for parameter in parameters {
        let required = parameter.get("required").and_then(Value::as_bool) == Some(true);
        let query = parameter.get("in").and_then(Value::as_str) == Some("query");
        let Some(name) = parameter.get("name").and_then(Value::as_str) else {
            continue;
        };
        if required && query && !seen.contains(&name) {
            seen.push(name);
            path.push(if seen.len() == 1 { '?' } else { '&' });
            path.push_str(&encode(name));
            path.push('=');
            path.push_str(&encode(&example(Some(parameter))));
        }
    }
    path
}

/// A parameter's example value: `example`, the first of `examples`, the schema's `example`,
/// `default` or first `enum` value, else a placeholder of its type (`1`, or a nil UUID).
fn example(parameter: Option<&Value>) -> String {
    let Some(parameter) = parameter else {
        return "1".to_owned();
    };
    let schema = parameter.get("schema");
    let candidates = [
        parameter.get("example"),
        parameter
            .get("examples")
            .and_then(Value::as_object)
            .and_then(|examples| examples.values().next())
            .and_then(|example| example.get("value")),
        schema.and_then(|s| s.get("example")),
        schema.and_then(|s| s.get("default")),
        schema
            .and_then(|s| s.get("enum"))
            .and_then(Value::as_array)
            .and_then(|values| values.first()),
    ];
    for candidate in candidates.into_iter().flatten() {
        match candidate {
            Value::String(text) => return text.clone(),
            Value::Number(number) => return number.to_string(),
            Value::Bool(flag) => return flag.to_string(),
            _ => {}
        }
    }
    match schema.and_then(|s| s.get("format")).and_then(Value::as_str) {
        Some("uuid") => "00000000-0000-0000-0000-000000000000".to_owned(),
        _ => "1".to_owned(),
    }
}

/// Percent-encodes what may not stand in a path segment or query component as is.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$'()*+,;:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use http::Method;

    use super::Document;

    #[test]
    fn paths_get_their_examples_and_methods() {
        let document = serde_json::json!({
            "openapi": "3.1.0",
            "paths": {
                "/items/{id}": {
                    "parameters": [{"name": "id", "in": "path", "required": true,
                                    "schema": {"type": "integer", "example": 7}}],
                    "get": {}, "put": {}, "delete": {}
                },
                "/users/{user}/notes/{note}": {
                    "get": {"parameters": [
                        {"name": "user", "in": "path", "example": "ann b"},
                        {"name": "note", "in": "path", "schema": {"format": "uuid"}},
                        {"name": "q", "in": "query", "required": true,
                         "examples": {"one": {"value": "a&b"}}},
                        {"name": "page", "in": "query"}
                    ]}
                },
                "/search": {"query": {}, "post": {}},
                "x-codegen-contextRoot": "/api"
            }
        });
        let document = Document::from_value(&document).unwrap();
        let read = |unsafe_methods| -> Vec<(String, Vec<Method>)> {
            document
                .sweep_targets(unsafe_methods)
                .iter()
                .map(|target| (target.path().to_owned(), target.declared().to_vec()))
                .collect()
        };
        let query = Method::from_bytes(b"QUERY").unwrap();
        let notes = "/users/ann%20b/notes/00000000-0000-0000-0000-000000000000?q=a%26b";
        assert_eq!(
            read(true),
            [
                (
                    "/items/7".to_owned(),
                    vec![Method::GET, Method::PUT, Method::DELETE]
                ),
                ("/search".to_owned(), vec![Method::POST, query.clone()]),
                (notes.to_owned(), vec![Method::GET]),
            ]
        );
        assert_eq!(
            read(false),
            [
                ("/items/7".to_owned(), vec![Method::GET]),
                ("/search".to_owned(), vec![query]),
                (notes.to_owned(), vec![Method::GET]),
            ]
        );
    }
}
