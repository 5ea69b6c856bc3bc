//! The opt-in REST profile: the status codes an API guideline expects per method.

use http::Method;

use super::Ctx;
use crate::Rule;

/// Methods in the table's column order.
const METHODS: [Method; 7] = [
    Method::GET,
    Method::HEAD,
    Method::PUT,
    Method::POST,
    Method::PATCH,
    Method::DELETE,
    Method::OPTIONS,
];

/// Rows of the table: for each code, whether it is expected per method (in `METHODS` order).
const TABLE: [(u16, [bool; 7]); 9] = [
    (201, [false, false, true, true, false, false, false]),
    (202, [false, false, false, true, false, false, true]),
    (204, [false, true, true, true, true, true, false]),
    (303, [false, false, false, true, false, false, false]),
    (304, [true, true, false, false, false, false, false]),
    (405, [true, true, true, true, true, true, false]),
    (409, [false, false, true, true, true, true, false]),
    (412, [false, false, true, true, true, true, false]),
    (413, [false, false, true, true, true, false, false]),
];

pub(super) fn check(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::REST_UNEXPECTED_STATUS_FOR_METHOD, |cx| {
        let Some(column) = METHODS.iter().position(|m| *m == cx.facts.method) else {
            return false;
        };
        TABLE
            .iter()
            .find(|(code, _)| *code == cx.code)
            .is_some_and(|(_, expected)| !expected[column])
    });
}
