//! The integration tests, one module per former test file, in one binary. As 29 binaries, each
//! linking the whole dependency tree, they built from scratch in 67 s and after a library change
//! in 26 s; as one, in 45 s and 9 s (2026-12-07). Three stay apart because
//! they set process-wide state: `tests/alloc.rs` (the global allocator), `tests/metrics.rs`
//! (the metrics recorder) and `tests/load_fault.rs` (the panic hook).
//!
//! Run one part with a filter: `cargo test --all-features --test all -- reference::`.

#[path = "../support/mod.rs"]
mod support;

mod actions;
mod axum_native;
#[cfg(feature = "cli")]
mod browser;
mod budget;
mod check_any_request;
#[cfg(feature = "cli")]
mod cli;
#[cfg(feature = "client")]
mod client;
mod collector;
#[cfg(all(feature = "openapi", feature = "axum"))]
mod contract;
#[cfg(feature = "cli")]
mod contract_cli;
mod coverage;
mod events;
mod future;
#[cfg(feature = "har")]
mod har;
mod hostile;
#[cfg(feature = "cli")]
mod openapi;
#[cfg(feature = "openapi")]
mod openapi_registries;
mod properties;
#[cfg(feature = "cli")]
mod proxy_hostile;
#[cfg(feature = "cli")]
mod proxy_load;
mod query;
mod readme;
mod real_components;
pub(crate) mod reference;
mod rules;
mod scoping;
#[cfg(feature = "cli")]
mod servers;
mod size;
mod stream_content_type;
mod streaming;
mod sweep;
mod sweep_concurrency;
mod traits;
mod verdicts;
mod wire_axum;
mod wire_h3;
mod wire_hyper;
