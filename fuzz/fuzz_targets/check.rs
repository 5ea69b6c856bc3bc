//! The checker alone: any exchange, every rule (opt-in included). Must not panic.
#![no_main]

mod exchange;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|exchange: exchange::Exchange| {
    let request = exchange.request();
    let response = exchange.response();
    let _ = tower_status_conformance::check_all(&request, &response);
});
