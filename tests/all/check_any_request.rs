//! `check` takes a request with a body of any type: the head decides, and what the body is
//! known to hold only where no framing field says.

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use tower_status_conformance::{check, check_all, Rule};

fn response(status: StatusCode) -> Response<String> {
    Response::builder()
        .status(status)
        .header("content-type", "text/plain")
        .body("no".to_owned())
        .unwrap()
}

#[test]
fn a_request_without_a_body_type_is_checked() {
    let request = Request::post("/items").body(()).unwrap();
    let findings = check(&request, &response(StatusCode::METHOD_NOT_ALLOWED));
    assert_eq!(
        findings.iter().collect::<Vec<_>>(),
        [Rule::METHOD_NOT_ALLOWED_WITHOUT_ALLOW]
    );
}

#[test]
fn what_each_body_type_says_of_the_content() {
    let unsupported = response(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let flagged = |findings: tower_status_conformance::Findings| {
        findings.contains(Rule::UNSUPPORTED_MEDIA_TYPE_WITHOUT_CONTENT)
    };
    // No content: `()`, or an empty container.
    assert!(flagged(check_all(
        &Request::post("/").body(()).unwrap(),
        &unsupported
    )));
    assert!(flagged(check_all(
        &Request::post("/").body(String::new()).unwrap(),
        &unsupported
    )));
    assert!(flagged(check_all(
        &Request::post("/").body(Bytes::new()).unwrap(),
        &unsupported
    )));
    // Content: a non-empty container, or a Content-Length that says so whatever the body.
    assert!(!flagged(check_all(
        &Request::post("/").body("{}").unwrap(),
        &unsupported
    )));
    assert!(!flagged(check_all(
        &Request::post("/").body(b"{}".to_vec()).unwrap(),
        &unsupported
    )));
    let declared = Request::post("/")
        .header("content-length", "2")
        .body(())
        .unwrap();
    assert!(!flagged(check_all(&declared, &unsupported)));
    // A body type `check` does not know is not taken to be empty: no finding rather than a
    // false one.
    let full = Request::post("/")
        .body(Full::new(Bytes::from_static(b"{}")))
        .unwrap();
    assert!(!flagged(check_all(&full, &unsupported)));
    let empty_full = Request::post("/").body(Full::new(Bytes::new())).unwrap();
    assert!(!flagged(check_all(&empty_full, &unsupported)));
    // Content-Length: 0 says it for any body type.
    let zero = Request::post("/")
        .header("content-length", "0")
        .body(Full::new(Bytes::new()))
        .unwrap();
    assert!(flagged(check_all(&zero, &unsupported)));
}
