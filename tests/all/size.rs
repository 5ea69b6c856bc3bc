//! What the layer adds to the future a server keeps per request: every byte is copied each
//! time the future moves (BENCHMARKS.md: moving it is the largest single cost on a conforming
//! request). This pins the size so that growth is a decision, not an accident.

use std::{convert::Infallible, future::Ready, mem::size_of};

use bytes::Bytes;
use http::Response;
use http_body_util::Full;
use tower_status_conformance::{body::ResponseBody, future::ResponseFuture};

type Inner = Ready<Result<Response<Full<Bytes>>, Infallible>>;

#[test]
fn the_future_adds_at_most_136_bytes() {
    // 2026-11-30: the request facts (method, version, flags, the 96-byte inline copy of the
    // request values and their 10 slots) and the shared configuration's `Arc`: 200 bytes.
    // 2026-12-03: +8 for the flag that marks the future done, so that completing it no longer
    // replaces its state (moving the response once more): 40 fewer instructions per request.
    // 2026-12-07: 136. The facts are 120 bytes (the method as a one-byte code, 16-bit slots,
    // a 71-byte inline copy), which moves without a `memcpy` call, and sit beside the
    // configuration's `Arc` instead of inside a state enum: 53–62 fewer instructions on every
    // status (BENCHMARKS.md, "The lean carrier").
    let added = size_of::<ResponseFuture<Inner>>() - size_of::<Inner>();
    assert!(added <= 136, "the future grew: +{added} bytes");
}

#[test]
fn the_body_wrapper_adds_at_most_16_bytes() {
    let added = size_of::<ResponseBody<Full<Bytes>>>() - size_of::<Full<Bytes>>();
    assert!(added <= 16, "the body wrapper grew: +{added} bytes");
}
