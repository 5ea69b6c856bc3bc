//! `sweep`: the library's `Sweep` through its `Client`, against a running server.

use std::{
    future::Future,
    pin::Pin,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    task::{Context, Poll},
    time::Duration,
};

use http::{Request, Version};
use indicatif::{ProgressBar, ProgressStyle};
use tower_service::Service;
use tower_status_conformance::{
    sweep::{Client, ClientBody, ClientError, Sweep, Target},
    StatusConformanceLayer, Wire,
};

use crate::{openapi, output, Error, HttpVersion, Outcome, SweepArgs};

pub(crate) fn run(args: SweepArgs) -> Result<Outcome, Error> {
    if !(args.timeout.is_finite() && args.timeout > 0.0) {
        return Err(format!(
            "--timeout must be a positive number of seconds, not {}",
            args.timeout
        ));
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let client = Client::new(&args.base)
        .map_err(|e| e.to_string())?
        .insecure(args.insecure)
        .timeout(timeout);
    let targets = targets(&args)?;
    let mut versions: Vec<Version> = args
        .versions
        .as_deref()
        .unwrap_or(&[HttpVersion::Http10, HttpVersion::Http11, HttpVersion::Http2])
        .iter()
        .map(|version| match version {
            HttpVersion::Http10 => Version::HTTP_10,
            HttpVersion::Http11 => Version::HTTP_11,
            HttpVersion::Http2 => Version::HTTP_2,
        })
        .collect();
    let paths: Vec<String> = targets.iter().map(|t| t.path().to_owned()).collect();
    let authority = args
        .authority
        .clone()
        .unwrap_or_else(|| client.authority().to_owned());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    let probe_http2 = args.versions.is_none();
    // Every request the command sends waits for its turn, the preflight's too.
    let pace = args.rate.map(|rate| Arc::new(Pace::new(rate)));
    let speaks_http2 = runtime.block_on(preflight(
        &client,
        &paths[0],
        &authority,
        probe_http2,
        args.base.starts_with("https://"),
        pace.as_deref(),
    ))?;
    if let Some(refusal) = speaks_http2 {
        versions.retain(|v| *v != Version::HTTP_2);
        crate::note!("HTTP/2 left out: {refusal} (`--versions 1.0,1.1,2` sweeps it anyway)");
    }
    // Judged as received: the server may not be hyper, and no hyper encoder stands between
    // it and this client.
    let mut layer = StatusConformanceLayer::observe()
        .level(tracing::Level::DEBUG)
        .wire(Wire::Received);
    if let (true, Some(file)) = (args.contract, &args.openapi) {
        let (contract, lines) = openapi::contract(file)?;
        for line in lines {
            crate::note!("{line}");
        }
        layer = layer.contract(contract);
    }
    let sweep = Sweep::new()
        .versions(versions.iter().copied())
        .authority(authority)
        .unsafe_methods(args.unsafe_methods)
        .record(args.evidence || args.har.is_some())
        .concurrency(usize::from(args.concurrency))
        .layer(layer)
        .targets(targets);

    let bound = sweep.max_requests();
    let paced = args
        .rate
        .map_or_else(String::new, |rate| format!(", at most {rate} per second"));
    let at_once = match args
        .concurrency
        .min(u16::try_from(paths.len()).unwrap_or(u16::MAX))
    {
        0 | 1 => "one at a time".to_owned(),
        n => format!("{n} paths at once, each path's one at a time"),
    };
    crate::note!(
        "sweeping {} path(s) of {} over {}: at most {bound} requests, {at_once}{paced}, each within {} s",
        paths.len(),
        args.base,
        versions
            .iter()
            .map(|v| match *v {
                Version::HTTP_2 => "HTTP/2".to_owned(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        args.timeout,
    );
    if sweep.safe_only() {
        crate::note!("safe methods only: no POST, PUT, PATCH or DELETE (--unsafe sends them)");
    } else if args.unsafe_methods {
        crate::note!(
            "--unsafe: POST, PUT, PATCH and DELETE are sent, each with a stale If-Match that a server ignoring it performs"
        );
    } else {
        crate::note!(
            "unsafe methods are sent only where the OpenAPI document declares them (with --unsafe)"
        );
    }

    let progress = ProgressBar::new(bound as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} requests {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let counting = Counting {
        client,
        progress: progress.clone(),
        pace,
    };
    let interrupted = Arc::new(AtomicBool::new(false));
    let stop = {
        let interrupted = Arc::clone(&interrupted);
        async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                interrupted.store(true, Ordering::Relaxed);
            } else {
                std::future::pending::<()>().await;
            }
        }
    };
    let report = runtime
        .block_on(sweep.run_until(counting, stop))
        .map_err(|e| e.to_string())?;
    progress.finish_and_clear();
    if let Some(path) = &args.har {
        crate::evidence::write_har(&report, path, &args.base)?;
    }
    for hint in report.hints() {
        if hint.contains("(Allow), not sent") {
            crate::note!("hint: {hint}; `--unsafe` on a test instance, or `--openapi` with the methods declared, checks them");
        } else {
            crate::note!("hint: {hint}");
        }
    }
    if report.interrupted() {
        crate::note!(
            "interrupted after {} of at most {bound} requests; the report of what was answered:",
            report.requests().unwrap_or(0)
        );
    }
    output::finish(
        &report,
        &args.report,
        &format!("sweep {}", args.base),
        &paths,
        interrupted.load(Ordering::Relaxed),
    )
}

/// Before the sweep, a GET of the first path over HTTP/1.1: a server that cannot be reached
/// (refused, TLS failed, no answer in time) is an error, not a sweep of failures. And, when
/// `http2`, one over HTTP/2: `Some(why)` when the server does not speak it.
async fn preflight(
    client: &Client,
    path: &str,
    authority: &str,
    http2: bool,
    https: bool,
    pace: Option<&Pace>,
) -> Result<Option<String>, Error> {
    let get = |version: Version| {
        let uri = if version == Version::HTTP_2 {
            format!("http://{authority}{path}")
        } else {
            path.to_owned()
        };
        let mut request = Request::get(uri).version(version);
        if version != Version::HTTP_2 {
            request = request.header(http::header::HOST, authority);
        }
        request.body(String::new())
    };
    let send = |request: Request<String>| {
        let mut client = client.clone();
        async move {
            if let Some(pace) = pace {
                pace.turn().await;
            }
            let response = client.call(request).await?;
            http_body_util::BodyExt::collect(response.into_body()).await?;
            Ok::<(), ClientError>(())
        }
    };
    let request = get(Version::HTTP_11).map_err(|e| format!("path `{path}`: {e}"))?;
    match send(request).await {
        Ok(()) => {}
        // A slow answer is the sweep's to report, request by request, as any other would be.
        Err(e) if e.is_timeout() => {
            crate::note!("the first request got no complete response in time ({e}): each such request is a finding");
        }
        Err(e) => {
            let e = e.to_string();
            let hint = if https && e.contains("corrupt message") {
                " (is the server plain HTTP? try http://)"
            } else {
                ""
            };
            return Err(format!("cannot sweep {}: {e}{hint}", client.authority()));
        }
    }
    if !http2 {
        return Ok(None);
    }
    let request = get(Version::HTTP_2).map_err(|e| format!("path `{path}`: {e}"))?;
    Ok(send(request)
        .await
        .err()
        .map(|e| format!("the server does not answer HTTP/2 ({e})")))
}

/// The targets: the arguments, the paths file, the OpenAPI document — or `/`.
fn targets(args: &SweepArgs) -> Result<Vec<Target>, Error> {
    let mut paths: Vec<String> = args.paths.clone();
    if let Some(file) = &args.paths_file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        paths.extend(
            text.lines()
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with('#'))
                .map(str::to_owned),
        );
    }
    let mut targets = Vec::new();
    for path in paths {
        if !path.starts_with('/') {
            return Err(format!("path `{path}` does not start with `/`"));
        }
        targets.push(Target::new(path));
    }
    if let Some(file) = &args.openapi {
        targets.extend(openapi::document(file)?.sweep_targets(args.unsafe_methods));
    }
    if targets.is_empty() {
        targets.push(Target::new("/"));
    }
    Ok(targets)
}

/// The client, ticking the progress bar once per request, and sending no faster than
/// `--rate` allows.
#[derive(Clone)]
struct Counting {
    client: Client,
    progress: ProgressBar,
    pace: Option<Arc<Pace>>,
}

/// `--rate`: each request waits for its turn, `1 / rate` seconds after the one before was let
/// go. The turn is taken under the lock, so that a request let go late (a busy machine) pushes
/// the next one back rather than letting two go at once.
struct Pace {
    interval: Duration,
    last: tokio::sync::Mutex<Option<tokio::time::Instant>>,
}

impl Pace {
    fn new(rate: f64) -> Self {
        Self {
            interval: Duration::from_secs_f64(1.0 / rate),
            last: tokio::sync::Mutex::new(None),
        }
    }

    /// Waits until this request may be sent.
    async fn turn(&self) {
        let mut last = self.last.lock().await;
        if let Some(last) = *last {
            tokio::time::sleep_until(last + self.interval).await;
        }
        *last = Some(tokio::time::Instant::now());
    }
}

impl Service<Request<String>> for Counting {
    type Response = http::Response<ClientBody>;
    type Error = ClientError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, ClientError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ClientError>> {
        self.client.poll_ready(cx)
    }

    fn call(&mut self, request: Request<String>) -> Self::Future {
        self.progress
            .set_message(format!("{} {}", request.method(), request.uri().path()));
        let progress = self.progress.clone();
        let pace = self.pace.clone();
        // The client's future starts its timeout when first polled: after the turn.
        let response = self.client.call(request);
        Box::pin(async move {
            if let Some(pace) = pace {
                pace.turn().await;
            }
            let response = response.await;
            progress.inc(1);
            response
        })
    }
}
