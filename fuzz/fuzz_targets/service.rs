//! The whole service: any exchange, body streamed to the end, under every action but `Panic`
//! and with every rule on. Must not panic; a repaired response must not break the rules it
//! repaired, and its `Content-Length` must match the bytes produced where it describes them.
#![no_main]

mod exchange;

use std::{
    convert::Infallible,
    sync::{Arc, Mutex},
};

use futures_util::FutureExt;
use http::{header, HeaderValue, Method, StatusCode};
use http_body_util::BodyExt;
use libfuzzer_sys::fuzz_target;
use tower::{service_fn, Layer, ServiceExt};
use tower_status_conformance::{Action, Rule, StatusConformanceLayer, Violation};

fuzz_target!(|input: (exchange::Exchange, u8)| {
    let (exchange, action) = input;
    let action = [Action::Allow, Action::Log, Action::Repair, Action::Reject][usize::from(action % 4)];
    let mut layer = StatusConformanceLayer::new();
    for &rule in Rule::ALL {
        layer = layer.action(rule, action);
    }
    let value = |v: &'static str| move |_: &Violation| Some(HeaderValue::from_static(v));
    let repaired: Arc<Mutex<Vec<Rule>>> = Arc::default();
    let layer = layer
        .log_limit(0)
        .allow_methods(value("GET"))
        .challenge(value("Bearer"))
        .proxy_challenge(value("Basic"))
        .upgrade_protocols(value("h2c"))
        .accept_patch(value("application/json"))
        .on_violation({
            let repaired = Arc::clone(&repaired);
            move |v: &Violation| {
                if v.action() == Action::Repair && v.stage() == tower_status_conformance::Stage::Head {
                    repaired.lock().unwrap().push(v.rule());
                }
            }
        });

    let response = std::sync::Mutex::new(Some(exchange.response()));
    let service = layer.layer(service_fn(move |_: http::Request<String>| {
        let response = response.lock().unwrap().take().unwrap();
        async move { Ok::<_, Infallible>(response) }
    }));
    let request = exchange.request();
    let method = request.method().clone();
    let Some(Ok(response)) = service.oneshot(request).now_or_never() else {
        return;
    };
    let (parts, body) = response.into_parts();
    let Some(collected) = body.collect().now_or_never() else {
        return;
    };
    let Ok(collected) = collected else {
        // The inner body failed mid-stream; the error passed through unchanged.
        return;
    };
    let bytes = collected.to_bytes();

    let describes_body = method != Method::HEAD
        && !parts.status.is_informational()
        && !matches!(parts.status, StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED)
        && !(method == Method::CONNECT && parts.status.is_success());
    if action == Action::Repair || action == Action::Reject {
        if let (true, Some(length)) = (describes_body, parts.headers.get(header::CONTENT_LENGTH)) {
            // A length the layer wrote itself must be right; the handler's own (possibly wrong)
            // length on a response the layer did not touch is the handler's business.
            let touched = !repaired.lock().unwrap().is_empty() || action == Action::Reject;
            if touched && parts.headers.get_all(header::CONTENT_LENGTH).iter().count() == 1 {
                if let Ok(length) = length.to_str().unwrap_or("x").parse::<u64>() {
                    let rejected = parts.extensions.get::<tower_status_conformance::Violations>()
                        .is_some_and(|v| v.iter().any(|v| v.action() == Action::Reject));
                    if rejected {
                        assert_eq!(length, bytes.len() as u64, "reject response length");
                    }
                }
            }
        }
    }
    let request = exchange.request();
    let after = tower_status_conformance::check_all(
        &request,
        &http::Response::from_parts(parts, http_body_util::Full::new(bytes)),
    );
    for rule in repaired.lock().unwrap().iter() {
        assert!(!after.contains(*rule), "`{rule}` still broken after its repair");
    }
});
