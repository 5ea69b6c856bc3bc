//! 1xx: HTTP/1.0 clients, 1xx as final, and the 101 hand-off.

use http::{header, HeaderMap, Version};

use super::list;
use crate::{
    facts::{RequestFacts, UpgradeOffer},
    Findings, Rule,
};

pub(super) fn check(facts: &RequestFacts, code: u16, headers: &HeaderMap, findings: &mut Findings) {
    let old_client = facts.version <= Version::HTTP_10;
    if old_client {
        findings.insert(Rule::INFORMATIONAL_TO_HTTP10);
    }
    if code != 101 {
        findings.insert(Rule::INFORMATIONAL_AS_FINAL);
        return;
    }
    // HTTP/1.0 must ignore Upgrade (§7.8) and HTTP/2+ has no 101: the version rule says it all.
    if old_client {
        return;
    }
    if facts.version >= Version::HTTP_2 {
        findings.insert(Rule::SWITCHING_PROTOCOLS_OVER_HTTP2);
        return;
    }
    let mut protocols = list::elements(headers.get_all(header::UPGRADE)).peekable();
    if protocols.peek().is_none() {
        findings.insert(Rule::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE);
    }
    let unrequested = match &facts.upgrade {
        UpgradeOffer::None => true,
        UpgradeOffer::Many => false,
        UpgradeOffer::One(offer) => protocols.any(|chosen| !offered(offer.as_bytes(), chosen)),
    };
    if unrequested {
        findings.insert(Rule::SWITCHING_PROTOCOLS_UNREQUESTED);
    }
}

/// Whether `chosen` (`name[/version]`) is in the request's offer. Names compare
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
