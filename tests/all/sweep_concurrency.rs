//! `Sweep::concurrency`: several targets at once over the wire, against a server whose answers
//! take longer on some paths than on others (so targets finish out of order), gives the report
//! of a sweep one at a time — the same findings, counts, failures and recorded exchanges in the
//! same order — with never more requests in flight than asked, and each target's requests in
//! the order a sweep one at a time sends them.
#![cfg(feature = "client")]

use std::{
    collections::BTreeMap,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use http::Request;
use hyper::body::Incoming;
use tower::{service_fn, ServiceExt};
use tower_status_conformance::Report;

use crate::sweep::{app, expected, findings, planted_sweep};

/// What the server saw: per path, each request's method, version and the fields that make it a
/// probe, in the order received; and the most requests it held at once.
#[derive(Default)]
struct Seen {
    per_path: Mutex<BTreeMap<String, Vec<String>>>,
    /// Whether each request, in the order received, was a safe probe (not POST, PUT, PATCH or
    /// DELETE: the unsafe methods the sweep sends).
    safe_in_order: Mutex<Vec<bool>>,
    in_flight: AtomicUsize,
    peak: AtomicUsize,
}

/// Serves the sweep's planted app, each answer delayed by 1 to 4 ms depending on the path.
async fn serve_slowly(seen: Arc<Seen>) -> std::net::SocketAddr {
    let service = service_fn(move |request: Request<Incoming>| {
        let seen = Arc::clone(&seen);
        async move {
            let path = request.uri().path().to_owned();
            let fields: Vec<&str> = ["if-none-match", "if-modified-since", "if-match", "range"]
                .into_iter()
                .filter(|name| request.headers().contains_key(*name))
                .collect();
            let line = format!("{} {:?} {fields:?}", request.method(), request.version());
            seen.per_path
                .lock()
                .unwrap()
                .entry(path.clone())
                .or_default()
                .push(line);
            seen.safe_in_order
                .lock()
                .unwrap()
                .push(!["POST", "PUT", "PATCH", "DELETE"].contains(&request.method().as_str()));
            let now = seen.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            seen.peak.fetch_max(now, Ordering::SeqCst);
            let delay = 1 + path.bytes().map(u64::from).sum::<u64>() % 4;
            tokio::time::sleep(Duration::from_millis(delay)).await;
            let response = app::served().oneshot(request).await;
            seen.in_flight.fetch_sub(1, Ordering::SeqCst);
            response
        }
    });
    crate::support::wire::spawn_hyper(service).await
}

/// `json` with the value of every recorded `date` field left out: the runs are seconds apart.
fn without_dates(json: &str) -> String {
    let mut parts = json.split(r#"["date",""#);
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let rest = part.split_once(r#""]"#).map_or(part, |(_, rest)| rest);
        out.push_str(r#"["date"]"#);
        out.push_str(rest);
    }
    out
}

/// The recorded exchanges as method, target, version and status, in the report's order.
fn exchanges(report: &Report) -> Vec<String> {
    report
        .exchanges()
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?}",
                e.method(),
                e.target(),
                e.version(),
                e.status()
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_targets_at_once_give_the_report_of_one_at_a_time() {
    let one_seen = Arc::new(Seen::default());
    let one_addr = serve_slowly(Arc::clone(&one_seen)).await;
    let one = planted_sweep()
        .record(true)
        .run(crate::support::wire::client(one_addr))
        .await
        .unwrap();
    assert_eq!(one_seen.peak.load(Ordering::SeqCst), 1);

    let four_seen = Arc::new(Seen::default());
    let four_addr = serve_slowly(Arc::clone(&four_seen)).await;
    let four = planted_sweep()
        .record(true)
        .concurrency(4)
        .run(crate::support::wire::client(four_addr))
        .await
        .unwrap();
    let peak = four_seen.peak.load(Ordering::SeqCst);
    assert!((2..=4).contains(&peak), "{peak} requests at once");

    assert_eq!(findings(&four), expected(), "{four}");
    assert_eq!(four.requests(), one.requests());
    assert_eq!(four.to_string(), one.to_string());
    assert_eq!(
        without_dates(&four.to_json()),
        without_dates(&one.to_json())
    );
    assert_eq!(exchanges(&four), exchanges(&one));
    assert!(!exchanges(&one).is_empty());
    // Each finding points at the same exchange in both reports.
    let pointed = |report: &Report| -> Vec<Option<usize>> {
        report.groups().map(|g| g.example().exchange()).collect()
    };
    assert_eq!(pointed(&four), pointed(&one));
    assert!(pointed(&one).iter().all(Option::is_some));
    // Each path got the same requests in the same order.
    assert_eq!(
        *four_seen.per_path.lock().unwrap(),
        *one_seen.per_path.lock().unwrap()
    );
    // Every safe probe before the first unsafe one, at once or not.
    for seen in [&one_seen, &four_seen] {
        let order = seen.safe_in_order.lock().unwrap();
        let first_unsafe = order.iter().position(|safe| !safe).unwrap();
        assert!(order[first_unsafe..].iter().all(|safe| !safe));
    }
}
