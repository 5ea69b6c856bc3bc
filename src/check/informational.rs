//! 1xx: HTTP/1.0 clients, 1xx as final, 100 without `Expect`, and the 101 hand-off.

use http::{header, Version};

use super::{list, Ctx};
use crate::{
    facts::{Field, Present, Value},
    Rule,
};

pub(super) fn check(cx: &mut Ctx<'_>) {
    let old_client = cx.facts.version <= Version::HTTP_10;
    if old_client {
        cx.flag(Rule::INFORMATIONAL_TO_HTTP10);
    }
    if cx.code != 101 {
        cx.flag(Rule::INFORMATIONAL_AS_FINAL);
        if cx.code == 100 {
            cx.flag_if(Rule::CONTINUE_WITHOUT_EXPECT, |cx| {
                !cx.facts.has(Present::EXPECT_CONTINUE)
            });
        }
        return;
    }
    // HTTP/1.0 must ignore Upgrade (§7.8) and HTTP/2+ has no 101: the version rule says it all.
    if old_client {
        return;
    }
    if cx.facts.version >= Version::HTTP_2 {
        cx.flag(Rule::SWITCHING_PROTOCOLS_OVER_HTTP2);
        return;
    }
    cx.flag_if(Rule::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE, |cx| {
        list::elements(cx.headers.get_all(header::UPGRADE))
            .next()
            .is_none()
    });
    cx.flag_if(Rule::SWITCHING_PROTOCOLS_UNREQUESTED, |cx| {
        match cx.facts.get(Field::Upgrade) {
            Value::Absent => true,
            Value::Unknown => false,
            Value::Known(offer) => list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|chosen| !offered(offer, chosen)),
        }
    });
    super::websocket::check(cx);
}

/// Whether `chosen` (`name[/version]`) is in an `Upgrade` list. Names compare
/// case-insensitively and a missing version on either side matches any, so that only a clear
/// mismatch is reported.
pub(super) fn offered(offer: &[u8], chosen: &[u8]) -> bool {
    let (name, version) = split_protocol(chosen);
    list::elements_of(offer).any(|candidate| {
        let (offered_name, offered_version) = split_protocol(candidate);
        offered_name.eq_ignore_ascii_case(name)
            && match (version, offered_version) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => true,
            }
    })
}

fn split_protocol(protocol: &[u8]) -> (&[u8], Option<&[u8]>) {
    let name = list::name_before(protocol, b'/');
    let version = protocol
        .iter()
        .position(|&b| b == b'/')
        .map(|slash| &protocol[slash + 1..]);
    (name, version)
}
