//! Hostile header values: every case below is at least 64 KiB of input, so a check or repair
//! that is worse than linear would not finish. Each case runs on a thread with a generous
//! watchdog, which turns such a blow-up into a clear failure instead of a hang (this is a guard
//! against hangs, not a speed measurement; speed is in `benches/`).

mod support;

use std::{sync::mpsc, thread, time::Duration};

use http::{header, HeaderValue, Method, Request, Response};
use support::{run, TestBody};
use tower_status_conformance::{check_all, Action, Rule, StatusConformanceLayer};

fn within_watchdog(name: &str, case: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        case();
        let _ = done.send(());
    });
    match finished.recv_timeout(Duration::from_secs(120)) {
        Ok(()) => worker.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            // The case panicked: report its own message.
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no answer in 120 s"),
    }
}

fn request(method: Method, headers: &[(&str, Vec<u8>)]) -> Request<()> {
    let mut request = Request::builder().method(method).uri("/hostile");
    for (name, value) in headers {
        request = request.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    request.body(()).unwrap()
}

fn response(status: u16, headers: &[(&str, Vec<u8>)]) -> Response<TestBody> {
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    response.body(TestBody::full("x")).unwrap()
}

/// Checks with every rule, then serves through a layer that repairs every rule.
fn check_and_repair(
    request: Request<()>,
    make: impl Fn() -> Response<TestBody>,
) -> (Vec<Rule>, support::Output) {
    let found = check_all(&request, &make()).iter().collect();
    let layer = Rule::ALL
        .iter()
        .fold(StatusConformanceLayer::new(), |l, &rule| {
            l.action(rule, Action::Repair)
        })
        .log_limit(0)
        .allow_methods(|_| Some(HeaderValue::from_static("GET")));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let out = runtime.block_on(run(&layer, request, make()));
    (found, out)
}

const BIG: usize = 1 << 20; // 1 MiB

#[test]
fn a_huge_cache_control_is_repaired() {
    within_watchdog("64 KiB Cache-Control", || {
        let mut value = b"max-age=60, ".repeat(64 * 1024 / 12);
        value.extend_from_slice(b"stale-if-error=\"unterminated");
        let make = || {
            response(
                429,
                &[
                    ("cache-control", value.clone()),
                    ("content-type", b"text/plain".to_vec()),
                ],
            )
        };
        let (found, out) = check_and_repair(request(Method::GET, &[]), make);
        assert!(found.contains(&Rule::NEVER_STORE_STATUS_MARKED_CACHEABLE));
        assert_eq!(out.parts.headers[header::CACHE_CONTROL], "no-store");
    });
}

#[test]
fn thousands_of_allow_entries() {
    within_watchdog("100 000 Allow entries", || {
        let mut value = b"GET, PUT, ".repeat(50_000);
        value.extend_from_slice(b"POST");
        let lines: Vec<_> = (0..1000)
            .map(|_| ("allow", b"PATCH, DELETE".to_vec()))
            .collect();
        let make = || {
            let mut headers = lines.clone();
            headers.push(("allow", value.clone()));
            response(405, &headers)
        };
        let (found, out) = check_and_repair(request(Method::POST, &[]), make);
        assert!(found.contains(&Rule::METHOD_NOT_ALLOWED_LISTS_METHOD));
        let allow = out.parts.headers[header::ALLOW].as_bytes();
        assert!(!allow.windows(4).any(|w| w == b"POST"));
    });
}

#[test]
fn malformed_retry_after_and_expires() {
    within_watchdog("broken dates", || {
        let garbage = vec![b'9'; BIG];
        for retry_after in [
            b"-1".to_vec(),
            b"1.5".to_vec(),
            b"Sun, 06 Nov 1994 08:49:37 UTC".to_vec(),
            b"Sun, 32 Nov 1994 08:49:37 GMT".to_vec(),
            b"Sunday, 06-Nov-94 25:49:37 GMT".to_vec(),
            b"Sun Nov 6 08:49:37 1994".to_vec(),
            vec![0xff; 29],
            [b"Sun, 06 Nov 1994 08:49:37 GMT".as_slice(), &[b' '; 4096]].concat(),
            garbage,
        ] {
            for expires in [b"0".to_vec(), b"yesterday".to_vec(), vec![0x80; 64 * 1024]] {
                let make = || {
                    response(
                        503,
                        &[
                            ("retry-after", retry_after.clone()),
                            ("expires", expires.clone()),
                            ("content-type", b"text/plain".to_vec()),
                        ],
                    )
                };
                let (_, out) = check_and_repair(request(Method::GET, &[]), make);
                let kept = out.parts.headers.get(header::RETRY_AFTER);
                // Only valid forms survive the repair (1 MiB of digits is valid delay-seconds).
                if let Some(kept) = kept {
                    let kept = kept.as_bytes();
                    assert!(
                        kept.iter().all(u8::is_ascii_digit) || kept.len() == 29,
                        "{:?}",
                        String::from_utf8_lossy(&kept[..kept.len().min(40)])
                    );
                }
            }
        }
    });
}

#[test]
fn megabyte_values_in_every_compared_field() {
    within_watchdog("1 MiB values", || {
        let quotes = b"\"a".repeat(BIG / 2);
        let commas = b",".repeat(BIG);
        let bad_uri = b"/a b".repeat(BIG / 4);
        let tags = b"W/\"x\", ".repeat(BIG / 7);
        let request = || {
            request(
                Method::GET,
                &[
                    ("if-none-match", tags.clone()),
                    ("if-range", quotes.clone()),
                    ("range", [b"bytes=".as_slice(), &commas].concat()),
                    ("upgrade", commas.clone()),
                    ("if-modified-since", bad_uri.clone()),
                ],
            )
        };
        for status in [101, 200, 206, 301, 304, 416, 426, 451] {
            let make = || {
                response(
                    status,
                    &[
                        ("location", bad_uri.clone()),
                        ("link", commas.clone()),
                        ("etag", quotes.clone()),
                        ("content-range", bad_uri.clone()),
                        ("connection", quotes.clone()),
                        ("upgrade", commas.clone()),
                        ("content-type", b"multipart/byteranges".to_vec()),
                    ],
                )
            };
            let (_found, _out) = check_and_repair(request(), make);
        }
    });
}
