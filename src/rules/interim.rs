//! 1xx and protocol upgrades: interim responses used as final ones or sent to HTTP/1.0, the 101
//! hand-off (`Upgrade`, `Connection`), 426, and the WebSocket handshake (`websocket` below).

mod websocket;

use http::{header, HeaderMap, Version};

use super::{Ctx, Fields, Repair};
use crate::{
    facts::{Field, Present, Value},
    syntax::list,
    Rule,
};

/// Any 1xx.
pub(super) fn informational(cx: &mut Ctx<'_>) {
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
        !has_value(cx.headers, header::UPGRADE)
    });
    cx.flag_if(Rule::SWITCHING_PROTOCOLS_UNREQUESTED, |cx| {
        match cx.facts.get(Field::Upgrade) {
            Value::Absent => true,
            Value::Unknown => false,
            Value::Known(offer) => list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|chosen| !offered(offer, chosen)),
        }
    });
    websocket::check(cx);
}

/// 426 Upgrade Required.
pub(super) fn upgrade_required(cx: &mut Ctx<'_>) {
    // HTTP/2 and HTTP/3 forbid `Upgrade`: a 426 there cannot name a protocol.
    if cx.facts.version >= Version::HTTP_2 {
        return;
    }
    if !has_value(cx.headers, header::UPGRADE) {
        cx.flag(Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE);
        return;
    }
    let facts = cx.facts;
    if let Some(offer) = facts.get(Field::Upgrade).known() {
        cx.flag_if(Rule::UPGRADE_REQUIRED_ALREADY_OFFERED, |cx| {
            list::elements(cx.headers.get_all(header::UPGRADE))
                .any(|demanded| offered(offer, demanded))
        });
    }
}

/// `Connection` options that contradict the response, whatever its status.
#[inline]
pub(super) fn connection(cx: &mut Ctx<'_>) {
    let (code, fields) = (cx.code, cx.fields);
    // The connection is handed over (101) or becomes a tunnel (2xx to CONNECT), yet `close`
    // asks to close it after this response (RFC 9112 §9.6).
    if fields.has(Fields::CONNECTION)
        && (code == 101 || (code / 100 == 2 && cx.method_is(&http::Method::CONNECT)))
    {
        cx.flag_if(Rule::CONNECTION_CLOSE_ON_HANDOFF, |cx| {
            has_connection_option(cx.headers, b"close")
        });
    }
    if fields.has(Fields::UPGRADE) && cx.facts.version == Version::HTTP_11 {
        cx.flag_if(Rule::UPGRADE_WITHOUT_CONNECTION_OPTION, |cx| {
            !has_connection_option(cx.headers, b"upgrade")
        });
    }
}

pub(super) fn repair(repair: &mut Repair<'_>) -> Option<bool> {
    match repair.violation.rule() {
        Rule::UPGRADE_WITHOUT_CONNECTION_OPTION => {
            add_connection_option(&mut repair.parts.headers, "upgrade");
        }
        Rule::UPGRADE_REQUIRED_WITHOUT_UPGRADE => {
            if !repair.supply(header::UPGRADE) {
                return Some(false);
            }
            add_connection_option(&mut repair.parts.headers, "upgrade");
        }
        Rule::CONNECTION_CLOSE_ON_HANDOFF => {
            let headers = &mut repair.parts.headers;
            let kept = list::join(
                list::elements(headers.get_all(header::CONNECTION))
                    .filter(|option| !option.eq_ignore_ascii_case(b"close")),
            );
            if kept.is_empty() {
                headers.remove(header::CONNECTION);
            } else {
                headers.insert(header::CONNECTION, kept);
            }
        }
        _ => return None,
    }
    Some(true)
}

/// Whether the field has at least one non-empty element.
fn has_value(headers: &HeaderMap, name: header::HeaderName) -> bool {
    list::elements(headers.get_all(name)).next().is_some()
}

fn has_connection_option(headers: &HeaderMap, option: &[u8]) -> bool {
    list::elements(headers.get_all(header::CONNECTION)).any(|o| o.eq_ignore_ascii_case(option))
}

/// Adds `option` to `Connection` unless it is there, keeping the other options.
fn add_connection_option(headers: &mut HeaderMap, option: &'static str) {
    if has_connection_option(headers, option.as_bytes()) {
        return;
    }
    // Connection options are tokens (RFC 9110 §7.6.1): anything else is dropped.
    let joined = list::join(
        list::elements(headers.get_all(header::CONNECTION))
            .filter(|element| list::is_token(element))
            .chain([option.as_bytes()]),
    );
    headers.insert(header::CONNECTION, joined);
}

/// Whether `chosen` (`name[/version]`) is in an `Upgrade` list. Names compare
/// case-insensitively and a missing version on either side matches any, so that only a clear
/// mismatch is reported.
fn offered(offer: &[u8], chosen: &[u8]) -> bool {
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
