//! Authentication: 401 and 407 without their challenge, `Proxy-Authenticate` outside 407.

use http::{header, HeaderMap};

use super::{Ctx, Repair};
use crate::{syntax::list, Rule};

/// 401 Unauthorized.
pub(super) fn unauthorized(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::UNAUTHORIZED_WITHOUT_CHALLENGE, |cx| {
        !has_value(cx.headers, header::WWW_AUTHENTICATE)
    });
}

/// 407 Proxy Authentication Required.
pub(super) fn proxy_authentication_required(cx: &mut Ctx<'_>) {
    cx.flag_if(Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE, |cx| {
        !has_value(cx.headers, header::PROXY_AUTHENTICATE)
    });
}

/// `Proxy-Authenticate` on a status other than 407.
pub(super) fn proxy_authenticate_elsewhere(cx: &mut Ctx<'_>) {
    let code = cx.code;
    cx.flag_if(Rule::PROXY_AUTHENTICATE_OUTSIDE_407, |_| code != 407);
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::UNAUTHORIZED_WITHOUT_CHALLENGE => Some(repair.supply(header::WWW_AUTHENTICATE)),
        Rule::PROXY_AUTH_REQUIRED_WITHOUT_CHALLENGE => {
            Some(repair.supply(header::PROXY_AUTHENTICATE))
        }
        _ => None,
    }
}

/// Whether the field has at least one non-empty element (an empty challenge is none).
fn has_value(headers: &HeaderMap, name: header::HeaderName) -> bool {
    list::elements(headers.get_all(name)).next().is_some()
}
