//! Hostile header values: every case below is at least 64 KiB of input, so a check or repair
//! that is worse than linear would not finish. Each case runs on a thread with a generous
//! watchdog, which turns such a blow-up into a clear failure instead of a hang (this is a guard
//! against hangs, not a speed measurement; speed is in `benches/`).

use std::{collections::BTreeSet, sync::mpsc, thread, time::Duration};

use crate::support::{run, TestBody};
use http::{header, HeaderValue, Method, Request, Response};
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

fn request(method: Method, headers: &[(&str, Vec<u8>)]) -> Request<String> {
    let mut request = Request::builder().method(method).uri("/hostile");
    for (name, value) in headers {
        request = request.header(*name, HeaderValue::from_bytes(value).unwrap());
    }
    request.body(String::new()).unwrap()
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
    request: Request<String>,
    make: impl Fn() -> Response<TestBody>,
) -> (Vec<Rule>, crate::support::Output) {
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
                let (found, out) = check_and_repair(request(Method::GET, &[]), make);
                // 1 MiB of digits is valid delay-seconds; every other value is not.
                let valid = retry_after.iter().all(u8::is_ascii_digit);
                assert_eq!(
                    found.contains(&Rule::RETRY_AFTER_INVALID),
                    !valid,
                    "{:?}",
                    String::from_utf8_lossy(&retry_after[..retry_after.len().min(40)])
                );
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
        // Every request value is too long to keep: present, content unknown. Only what the
        // response shows, and the presence of the request fields, may be reported. The request
        // is HTTP/1.1, where hyper sends no content on a 101 or 304: their body is no finding.
        use Rule as R;
        let common = [R::UPGRADE_WITHOUT_CONNECTION_OPTION, R::LOCATION_INVALID];
        let expected: [(u16, &[Rule]); 8] = [
            (
                101,
                &[
                    R::SWITCHING_PROTOCOLS_WITHOUT_UPGRADE,
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::LOCATION_OUTSIDE_REDIRECT,
                ],
            ),
            (
                200,
                &[
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::LOCATION_OUTSIDE_REDIRECT,
                    R::MISSING_HOST_NOT_REJECTED,
                ],
            ),
            (
                206,
                &[
                    R::PARTIAL_CONTENT_MULTIPART_WITH_CONTENT_RANGE,
                    R::LOCATION_OUTSIDE_REDIRECT,
                    R::MISSING_HOST_NOT_REJECTED,
                ],
            ),
            (
                301,
                &[
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::MISSING_HOST_NOT_REJECTED,
                ],
            ),
            (
                304,
                &[
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::NOT_MODIFIED_WITH_REPRESENTATION_METADATA,
                    R::MISSING_HOST_NOT_REJECTED,
                ],
            ),
            (416, &[R::LOCATION_OUTSIDE_REDIRECT]),
            (
                426,
                &[
                    R::UPGRADE_REQUIRED_WITHOUT_UPGRADE,
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::LOCATION_OUTSIDE_REDIRECT,
                ],
            ),
            (
                451,
                &[
                    R::CONTENT_RANGE_OUTSIDE_PARTIAL,
                    R::LOCATION_OUTSIDE_REDIRECT,
                    R::UNAVAILABLE_FOR_LEGAL_REASONS_WITHOUT_BLOCKED_BY,
                ],
            ),
        ];
        for (status, rules) in expected {
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
            let (found, out) = check_and_repair(request(), make);
            let found: BTreeSet<Rule> = found.into_iter().collect();
            let expected: BTreeSet<Rule> = common.iter().chain(rules).copied().collect();
            assert_eq!(found, expected, "{status}");
            // No repair changed the status on the strength of a value it could not read.
            assert_eq!(out.parts.status, status, "{status}");
        }
    });
}

/// Issue 9, class 8: a value too long to keep is "present, content unknown".
#[test]
fn an_unreadable_if_none_match_never_turns_a_200_into_a_304() {
    within_watchdog("40 KiB If-None-Match", || {
        let tags = b"\"v0\", ".repeat(40 * 1024 / 6);
        let date = b"Sun, 06 Nov 1994 08:49:37 GMT".to_vec();
        let request = || {
            request(
                Method::GET,
                &[
                    ("if-none-match", tags.clone()),
                    ("if-modified-since", date.clone()),
                ],
            )
        };
        // The representation is as old as If-Modified-Since: were If-None-Match absent, the 200
        // would ignore a false condition. It is present, so If-Modified-Since does not count.
        let make = || {
            response(
                200,
                &[
                    ("last-modified", date.clone()),
                    ("etag", b"\"v1\"".to_vec()),
                    ("content-type", b"text/plain".to_vec()),
                ],
            )
        };
        let (found, out) = check_and_repair(request(), make);
        assert!(
            !found.contains(&Rule::IF_MODIFIED_SINCE_IGNORED),
            "{found:?}"
        );
        assert!(!found.contains(&Rule::IF_NONE_MATCH_IGNORED), "{found:?}");
        assert_eq!(out.parts.status, 200);
        assert_eq!(out.body, "x");
    });
}

#[test]
fn an_unreadable_upgrade_offer_never_rejects_a_valid_101() {
    within_watchdog("40 KiB Upgrade", || {
        let offer = [b"x-padding, ".repeat(40 * 1024 / 11), b"websocket".to_vec()].concat();
        let request = Request::builder()
            .uri("/chat")
            .header("host", "example.com")
            .header("connection", "upgrade")
            .header("upgrade", HeaderValue::from_bytes(&offer).unwrap())
            .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
            .body(String::new())
            .unwrap();
        let response = Response::builder()
            .status(101)
            .header("upgrade", "websocket")
            .header("connection", "upgrade")
            .header("sec-websocket-accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
            .body(TestBody::empty())
            .unwrap();
        assert_eq!(
            check_all(&request, &response).iter().collect::<Vec<_>>(),
            []
        );
        // The default preset rejects an unrequested 101 with a 500; this one must pass.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let out = runtime.block_on(run(&StatusConformanceLayer::new(), request, response));
        assert_eq!(out.parts.status, 101);
    });
}
