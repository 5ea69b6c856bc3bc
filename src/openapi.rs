//! The rules on an API document: every response an OpenAPI 3.0 or 3.1 document describes,
//! checked before any server answers (the `openapi` feature; `tower-status-conformance openapi
//! FILE` on the command line).
//!
//! A documented response is judged as the exchange it describes: a request with the
//! operation's method, answered over HTTP/1.1 with the documented status, a field for each
//! documented header and content when the response documents any (its first media type as
//! `Content-Type`). The rules are the crate's own checks, judged as received
//! ([`Wire::Received`]) — the same code that judges a server's
//! responses — but only the rules a document can decide report: those whose
//! [`Rule::openapi`] says what in a document breaks them, and that are on
//! by default. A rule that reads a header's value, the request's headers or the content's
//! bytes cannot be decided from a document and is not run on one.
//!
//! What is not judged, and why:
//!
//! - Responses under a range (`4XX`) or `default`: they have no status to judge.
//! - A response whose `$ref` points into another file, or to nothing ([`Document::skipped`]).
//! - A missing description of content or validators: a document that leaves out an error's
//!   content or a 200's `ETag` usually leaves it undescribed, not absent. A missing header a
//!   status requires (`Allow` on a 405, `WWW-Authenticate` on a 401) is reported: clients and
//!   the servers generated from the document rely on what it says the status carries.
//!
//! Each finding's route ([`ReportGroup::route`](crate::ReportGroup::route)) is the JSON pointer
//! of the documented response, where a `$ref` to it is used
//! (`/paths/~1items~1{id}/get/responses/405`); its path is the path template, its status the
//! documented code.
//!
//! ```
//! use tower_status_conformance::{openapi::{self, Document}, Rule};
//!
//! let document = Document::from_json(r#"{
//!     "openapi": "3.1.0",
//!     "paths": {"/items/{id}": {
//!         "get": {"responses": {"200": {"description": "the item"}}},
//!         "delete": {"responses": {
//!             "204": {"description": "deleted", "content": {"application/json": {}}},
//!             "405": {"description": "read-only item"}
//!         }}
//!     }}
//! }"#).unwrap();
//! let report = openapi::lint(&document);
//! let found: Vec<(Rule, &str)> = report
//!     .groups()
//!     .map(|group| (group.rule(), group.route().unwrap()))
//!     .collect();
//! assert_eq!(found, [
//!     (Rule::NO_CONTENT_WITH_BODY, "/paths/~1items~1{id}/delete/responses/204"),
//!     (Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW, "/paths/~1items~1{id}/delete/responses/405"),
//! ]);
//! assert_eq!(report.requests(), Some(3)); // the documented responses judged
//! ```

mod document;
mod targets;

use http::{HeaderMap, HeaderName, HeaderValue, Request, Response, StatusCode};

pub use self::document::{Document, DocumentError};
use self::document::{Documented, Operation};
pub use crate::rules::contract::Contract;
use crate::{Checker, Collector, OnViolation, Report, Rule, Violation, Wire};

/// Checks every response `document` documents against the rules a document can decide (see
/// the [module docs](self)). The report counts the responses judged
/// ([`Report::requests`]); responses under a range or `default` are not among them.
#[must_use]
pub fn lint(document: &Document) -> Report {
    let collector = Collector::new();
    let mut judged = 0;
    for operation in &document.operations {
        for response in &operation.responses {
            let Some(status) = status_of(&response.key) else {
                continue;
            };
            judged += 1;
            for violation in judge(operation, response, status) {
                collector.on_violation(&violation);
            }
        }
    }
    collector.report().with_documented_responses(judged)
}

/// The status of a response key: a code from 100 to 999, as `http` takes them (600–999 are
/// `status-out-of-range`). A range, `default` or another key has none.
fn status_of(key: &str) -> Option<StatusCode> {
    if key.len() != 3 || !key.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    StatusCode::from_bytes(key.as_bytes()).ok()
}

/// The findings of one documented response, judged as the exchange it describes.
fn judge(operation: &Operation, response: &Documented, status: StatusCode) -> Vec<Violation> {
    let mut request = Request::new(());
    *request.method_mut() = operation.method.clone();
    // A 416 answers a range request: judged as one, its `Content-Range` is what is asked.
    if status == StatusCode::RANGE_NOT_SATISFIABLE {
        request
            .headers_mut()
            .insert(http::header::RANGE, HeaderValue::from_static("bytes=0-0"));
    }
    let headers = fields(response, status);
    let body = if response.media_types.is_empty() {
        String::new()
    } else {
        String::from("documented content")
    };
    let mut exchange = Response::new(body);
    *exchange.status_mut() = status;
    *exchange.headers_mut() = headers;
    Checker::new()
        .wire(Wire::Received)
        .check(&request, &exchange)
        .iter()
        .filter(|rule| rule.openapi().is_some())
        .map(|rule: Rule| {
            Violation::from_document(
                rule,
                operation.method.clone(),
                &operation.template,
                status,
                &response.pointer,
                exchange.headers(),
            )
        })
        .collect()
}

/// The response fields a documented response stands for: each documented header with a value
/// that is valid for it (a document says which fields are sent, not what they say, so no rule
/// that reads a value is run), and `Content-Type` from the documented content. OpenAPI ignores
/// a header documented as `Content-Type` (the content's media types say it); a name that is not
/// a field name is left out.
fn fields(response: &Documented, status: StatusCode) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for name in &response.headers {
        let Ok(name) = HeaderName::from_bytes(name.as_bytes()) else {
            continue;
        };
        if name == http::header::CONTENT_TYPE {
            continue;
        }
        let value = match name.as_str() {
            "content-range" if status == StatusCode::RANGE_NOT_SATISFIABLE => "bytes */0",
            "content-range" => "bytes 0-0/1",
            "content-length" => "0",
            "transfer-encoding" => "chunked",
            "location" => "/",
            "retry-after" => "1",
            "link" => "<https://example.invalid/>; rel=\"blocked-by\"",
            "www-authenticate" | "proxy-authenticate" => "Bearer",
            "upgrade" => "websocket",
            "allow" => "GET",
            _ => "documented",
        };
        headers.append(name, HeaderValue::from_static(value));
    }
    if let Some(media_type) = media_type(response) {
        headers.insert(http::header::CONTENT_TYPE, media_type);
    }
    headers
}

/// The `Content-Type` of documented content. Of several media types the one no rule objects
/// to is taken: for a 206, `multipart/byteranges` when no `Content-Range` is documented (its
/// ranges are in its parts), another type when one is.
fn media_type(response: &Documented) -> Option<HeaderValue> {
    let multipart = |media: &&String| media.starts_with("multipart/byteranges");
    let has_range = response.headers.iter().any(|name| name == "content-range");
    let chosen = if has_range {
        response
            .media_types
            .iter()
            .find(|media| !multipart(media))
            .or_else(|| response.media_types.first())
    } else {
        response
            .media_types
            .iter()
            .find(multipart)
            .or_else(|| response.media_types.first())
    }?;
    let value = if chosen.starts_with("multipart/byteranges") {
        // The boundary a multipart type needs; the document does not give it.
        "multipart/byteranges; boundary=documented".to_owned()
    } else {
        chosen.clone()
    };
    Some(
        HeaderValue::from_str(&value)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    )
}
