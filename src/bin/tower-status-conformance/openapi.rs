//! `--openapi FILE`: the paths of an OpenAPI 3 document (JSON or YAML), each made concrete
//! with its parameters' example values, and the methods it declares.

use std::path::Path;

use http::Method;
use serde_json::Value;

use crate::Error;

/// One path of the document, ready to request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Declared {
    /// The path with every `{parameter}` replaced, and the required query parameters.
    pub(crate) path: String,
    /// The operations the path declares, as methods.
    pub(crate) methods: Vec<Method>,
}

/// The operation keys of a Path Item Object (OpenAPI 3.0 and 3.1; `query` is 3.2's).
const OPERATIONS: [&str; 9] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

pub(crate) fn read(file: &Path) -> Result<Vec<Declared>, Error> {
    let name = file.display();
    parse(&read_value(file)?).map_err(|why| format!("{name} is not an OpenAPI 3 document: {why}"))
}

/// The contract of the document in `file` (`--openapi FILE --contract`), and the lines to
/// print about it: what it holds, and what of the document was not read.
pub(crate) fn contract(
    file: &Path,
) -> Result<(tower_status_conformance::openapi::Contract, Vec<String>), Error> {
    let document = tower_status_conformance::openapi::Document::from_value(&read_value(file)?)
        .map_err(|why| format!("{} is not an OpenAPI 3 document: {why}", file.display()))?;
    let contract = document.contract();
    let mut lines = vec![format!(
        "contract: {} operation(s) of {}",
        contract.operations(),
        file.display()
    )];
    lines.extend(
        document
            .skipped()
            .iter()
            .map(|skipped| format!("contract: not read: {skipped}")),
    );
    Ok((contract, lines))
}

/// The document in `file` (`-`: standard input), JSON or YAML, as a JSON value.
pub(crate) fn read_value(file: &Path) -> Result<Value, Error> {
    let name = file.display();
    let text = if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {name}: {e}"))?
    };
    if text.trim_start().starts_with('{') {
        serde_json::from_str(&text).map_err(|e| format!("{name} is not valid JSON: {e}"))
    } else {
        yaml_serde::from_str(&text)
            .map_err(|e| format!("{name} is neither JSON nor valid YAML: {e}"))
    }
}

pub(crate) fn parse(document: &Value) -> Result<Vec<Declared>, String> {
    let version = document
        .get("openapi")
        .and_then(Value::as_str)
        .ok_or("no `openapi` version field (a Swagger 2.0 document is not read)")?;
    if !version.starts_with("3.") {
        return Err(format!("`openapi` is {version}, not 3.x"));
    }
    let paths = document
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("no `paths` object")?;
    let mut out = Vec::new();
    for (template, item) in paths {
        // Specification extensions (`x-…`) are not paths.
        if template.starts_with("x-") {
            continue;
        }
        if !template.starts_with('/') {
            return Err(format!("path `{template}` does not start with `/`"));
        }
        let item = item
            .as_object()
            .ok_or_else(|| format!("path `{template}` is not an object"))?;
        let shared = parameters(item.get("parameters"));
        let mut methods = Vec::new();
        let mut operation_parameters = Vec::new();
        for key in OPERATIONS {
            if let Some(operation) = item.get(key) {
                let method = Method::from_bytes(key.to_ascii_uppercase().as_bytes())
                    .map_err(|e| format!("operation `{key}`: {e}"))?;
                methods.push(method);
                operation_parameters.extend(parameters(operation.get("parameters")));
            }
        }
        // Path-level parameters first; an operation's own fill in what they leave out.
        let all: Vec<&Value> = shared.into_iter().chain(operation_parameters).collect();
        out.push(Declared {
            path: concrete(template, &all),
            methods,
        });
    }
    Ok(out)
}

fn parameters(list: Option<&Value>) -> Vec<&Value> {
    list.and_then(Value::as_array)
        .map(|list| list.iter().collect())
        .unwrap_or_default()
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
    use super::*;

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
        assert_eq!(
            parse(&document).unwrap(),
            [
                Declared {
                    path: "/items/7".to_owned(),
                    methods: vec![Method::GET, Method::PUT, Method::DELETE],
                },
                Declared {
                    path: "/search".to_owned(),
                    methods: vec![Method::POST, Method::from_bytes(b"QUERY").unwrap()],
                },
                Declared {
                    path: "/users/ann%20b/notes/00000000-0000-0000-0000-000000000000?q=a%26b"
                        .to_owned(),
                    methods: vec![Method::GET],
                },
            ]
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
        ];
        for (document, why) in cases {
            let error = parse(&document).unwrap_err();
            assert!(error.contains(why), "{error}");
        }
    }
}
