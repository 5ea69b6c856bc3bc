//! The WebSocket opening handshake's answer (RFC 6455 §4.2.2), on a 101 that switches to
//! `websocket`.

use crate::facts::MethodCode;
use http::{header, HeaderMap};

use crate::{
    facts::{Field, Value},
    rules::Ctx,
    syntax::{list, single},
    Rule,
};

/// The GUID RFC 6455 §1.3 appends to the key.
const GUID: &[u8] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

pub(super) fn check(cx: &mut Ctx<'_>) {
    let is_websocket =
        |protocol: &[u8]| list::name_before(protocol, b'/').eq_ignore_ascii_case(b"websocket");
    let facts = cx.facts;
    // Only a switch the client asked for is a WebSocket handshake; any other 101 is
    // `switching-protocols-unrequested`.
    let offered = facts
        .get(Field::Upgrade)
        .known()
        .is_some_and(|offer| list::elements_of(offer).any(is_websocket));
    if !offered || !list::elements(cx.headers.get_all(header::UPGRADE)).any(is_websocket) {
        return;
    }
    // RFC 6455 §4.2.1: the opening handshake is "An HTTP/1.1 or higher GET request".
    cx.flag_if(Rule::WEBSOCKET_HANDSHAKE_NOT_GET, |cx| {
        !cx.method_is(MethodCode::Get)
    });
    cx.flag_if(Rule::WEBSOCKET_ACCEPT_INVALID, |cx| {
        let accept = single(cx.headers, header::SEC_WEBSOCKET_ACCEPT);
        match facts.get(Field::SecWebSocketKey) {
            Value::Known(key) => accept.map_or(true, |accept| !accepts(key, accept)),
            // No key: not a handshake a server may accept (RFC 6455 §4.2.1).
            Value::Absent => true,
            Value::Unknown => false,
        }
    });
    cx.flag_if(Rule::WEBSOCKET_NOT_OFFERED, |cx| {
        not_offered(
            cx.headers,
            header::SEC_WEBSOCKET_PROTOCOL,
            facts.get(Field::SecWebSocketProtocol),
        ) || not_offered(
            cx.headers,
            header::SEC_WEBSOCKET_EXTENSIONS,
            facts.get(Field::SecWebSocketExtensions),
        )
    });
}

/// Whether the response names a subprotocol or extension (by name, before any `;`
/// parameters) that the request's field did not offer. Compared case-insensitively, so only a
/// clear mismatch counts; an offer the layer did not keep is never judged.
fn not_offered(headers: &HeaderMap, name: header::HeaderName, offer: Value<'_>) -> bool {
    let mut chosen = list::elements(headers.get_all(name)).map(|e| list::name_before(e, b';'));
    match offer {
        Value::Unknown => false,
        Value::Absent => chosen.next().is_some(),
        Value::Known(offer) => chosen.any(|chosen| {
            !list::elements_of(offer)
                .any(|offered| list::name_before(offered, b';').eq_ignore_ascii_case(chosen))
        }),
    }
}

/// Whether `accept` is base64(SHA-1(key + GUID)) (RFC 6455 §4.2.2 step 5.4). The key is
/// used as sent, surrounding whitespace trimmed. Nothing is allocated.
pub(crate) fn accepts(key: &[u8], accept: &[u8]) -> bool {
    list::trim(accept) == base64(&sha1(&[list::trim(key), GUID]))
}

/// SHA-1 (FIPS 180-4) of the concatenation of `parts`. Used only to recompute the handshake
/// value, never for security.
fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut state: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut block = [0u8; 64];
    let mut filled = 0;
    let mut length: u64 = 0;
    let padding: [&[u8]; 1] = [&[0x80]];
    for &byte in parts.iter().chain(&padding).flat_map(|part| part.iter()) {
        block[filled] = byte;
        filled += 1;
        if filled == 64 {
            compress(&mut state, &block);
            filled = 0;
        }
    }
    for part in parts {
        length += part.len() as u64;
    }
    if filled > 56 {
        block[filled..].fill(0);
        compress(&mut state, &block);
        filled = 0;
    }
    block[filled..56].fill(0);
    block[56..].copy_from_slice(&(length * 8).to_be_bytes());
    compress(&mut state, &block);
    let mut digest = [0; 20];
    for (chunk, word) in digest.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    digest
}

fn compress(state: &mut [u32; 5], block: &[u8; 64]) {
    let mut w = [0u32; 80];
    for (i, word) in block.chunks_exact(4).enumerate() {
        w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
    }
    for i in 16..80 {
        w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
    }
    let [mut a, mut b, mut c, mut d, mut e] = *state;
    for (i, &word) in w.iter().enumerate() {
        let (f, k) = match i {
            0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
            20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
            40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
            _ => (b ^ c ^ d, 0xCA62_C1D6),
        };
        let t = a
            .rotate_left(5)
            .wrapping_add(f)
            .wrapping_add(e)
            .wrapping_add(k)
            .wrapping_add(word);
        e = d;
        d = c;
        c = b.rotate_left(30);
        b = a;
        a = t;
    }
    for (word, value) in state.iter_mut().zip([a, b, c, d, e]) {
        *word = word.wrapping_add(value);
    }
}

/// Standard base64 with padding (RFC 4648 §4) of a SHA-1 digest.
fn base64(digest: &[u8; 20]) -> [u8; 28] {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = [b'='; 28];
    for (chunk, encoded) in digest.chunks(3).zip(out.chunks_exact_mut(4)) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for (i, slot) in encoded.iter_mut().enumerate().take(chunk.len() + 1) {
            *slot = ALPHABET[(n >> (18 - 6 * i) & 63) as usize];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(digest: [u8; 20]) -> String {
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha1_test_vectors() {
        // FIPS 180-4 examples.
        assert_eq!(
            hex(sha1(&[b"abc"])),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(sha1(&[b""])),
            "da39a3ee5e6b4b0d3255bfef95601890afd80709"
        );
        assert_eq!(
            hex(sha1(&[
                b"abcdbcdecdefdefgefghfghighij",
                b"hijkijkljklmklmnlmnomnopnopq"
            ])),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
    }

    #[test]
    fn base64_of_a_digest() {
        let digest: [u8; 20] = *b"foobarfoobarfoobarfo";
        assert_eq!(&base64(&digest), b"Zm9vYmFyZm9vYmFyZm9vYmFyZm8=");
    }

    #[test]
    fn sha1_at_block_boundaries() {
        // 55, 56 and 64 bytes: the padding fits, just does not fit, and starts a new block.
        assert_eq!(
            hex(sha1(&[&[b'a'; 55]])),
            "c1c8bbdc22796e28c0e15163d20899b65621d65a"
        );
        assert_eq!(
            hex(sha1(&[&[b'a'; 56]])),
            "c2db330f6083854c99d4b5bfb6e8f29f201be699"
        );
        assert_eq!(
            hex(sha1(&[&[b'a'; 64]])),
            "0098ba824b5c16427bd7a1122a5a442a25ec644d"
        );
    }

    #[test]
    fn rfc_6455_example_handshake() {
        // RFC 6455 §1.3.
        assert!(accepts(
            b"dGhlIHNhbXBsZSBub25jZQ==",
            b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo="
        ));
        assert!(!accepts(
            b"dGhlIHNhbXBsZSBub25jZQ==",
            b"s3pPLMBiTxaQ9kYGzzhZRbK+xOp="
        ));
    }
}
