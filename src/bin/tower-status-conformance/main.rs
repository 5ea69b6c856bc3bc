//! `tower-status-conformance`: the crate's rules for any HTTP server — a sweep of a running
//! server, a linting proxy in front of one, a check of a HAR capture, and a lint of an OpenAPI
//! document. Built with
//! `cargo install tower-status-conformance --features cli`.

mod evidence;
mod har;
mod lint;
mod openapi;
mod output;
mod proxy;
mod sweep;

use std::{path::PathBuf, process::ExitCode};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Checks HTTP responses against the status-code semantics of RFC 9110 (and 9111, 9112,
/// 9113, 6585, 8297, 10008): a sweep of a running server, a linting proxy, or a HAR capture.
///
/// Exit status: 0 when nothing at or above `--fail-on` was found; 1 when something was; 2 when
/// the command could not run (a bad argument, an unreadable file or a capture with nothing to
/// check, a port in use, a server that cannot be reached); 3 when nothing at or above
/// `--fail-on` was found but some requests got no complete response (a timeout, a reset, an
/// upstream the proxy could not reach), so the run is incomplete. Findings below `--fail-on`
/// never fail a run, nor show as failures in the JUnit file. Ctrl-C prints the report so far
/// (and writes the JUnit file) and exits 130.
#[derive(Debug, Parser)]
#[command(name = "tower-status-conformance", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Sweep a running server: a bounded, deterministic set of requests per path, over
    /// HTTP/1.0, HTTP/1.1 and HTTP/2, each response checked, then the responses of each
    /// path compared (HEAD against GET, `Allow` against the statuses, 304 and 206 against
    /// the 200).
    ///
    /// Safe by default: only GET, HEAD, OPTIONS, TRACE, an undefined method (SWEEP) and,
    /// where the OpenAPI document declares it, QUERY are sent. `--unsafe` adds POST, PUT,
    /// PATCH and DELETE, each with an `If-Match` no resource can match — which a server that
    /// ignores `If-Match` performs: use it on a test instance only.
    Sweep(SweepArgs),
    /// Run a linting reverse proxy: every response of the upstream checked on its way to
    /// the client, events on stderr, the report on stdout at exit (Ctrl-C) and, with
    /// `--report-every`, periodically.
    Proxy(ProxyArgs),
    /// Check every exchange of HAR captures (as browsers' developer tools export them), each
    /// streamed: a capture of any size, several into one report.
    Check(CheckArgs),
    /// Check the responses an OpenAPI 3.0 or 3.1 document (JSON or YAML) describes, before any
    /// server answers: a 405 documented without `Allow`, content documented for a 204, a 304
    /// documented for POST, and every other rule a document can decide (`Rule::openapi`), each
    /// finding at its JSON pointer.
    Openapi(OpenapiArgs),
}

/// What a run reports, and which findings make it fail.
#[derive(Debug, Args)]
struct ReportArgs {
    /// Print the report as one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the report as a JUnit XML file (one test case per path), for CI test views.
    #[arg(long, value_name = "FILE")]
    junit: Option<PathBuf>,
    /// The least requirement level of a finding that makes the exit status 1.
    #[arg(long, value_enum, default_value_t = FailOn::Should, value_name = "LEVEL")]
    fail_on: FailOn,
    /// Accepted findings, as `--write-baseline` wrote them: a finding of the same rule on the
    /// same path (route) is left out of the report and the verdict, and counted.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write every finding of this run as a baseline to FILE (then accepted: the run passes
    /// unless a request got no complete response).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
}

/// `--fail-on`: a requirement level and those above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Only MUST findings (and requests without a complete response).
    Must,
    /// MUST and SHOULD findings.
    Should,
    /// Every finding.
    Advisory,
}

#[derive(Debug, Args)]
struct SweepArgs {
    /// The server: `http://host:port` (HTTP/2 with prior knowledge) or `https://host`
    /// (HTTP/2 by ALPN), with an optional base path that every path is appended to.
    #[arg(value_name = "BASE_URL")]
    base: String,
    /// Paths to sweep (with a query if the server needs one), e.g. `/` `/items/1`. Default:
    /// `/` when no paths are given here, with `--paths-file` or with `--openapi`.
    #[arg(value_name = "PATH")]
    paths: Vec<String>,
    /// A file of paths, one per line (blank lines and lines starting with `#` skipped).
    #[arg(long, value_name = "FILE")]
    paths_file: Option<PathBuf>,
    /// An OpenAPI 3 document (JSON or YAML): each of its paths, with its parameters' example values
    /// (`1` where none is given) and required query parameters. A declared `query` operation
    /// is sent as QUERY; declared unsafe methods only with `--unsafe` (then only those, and a
    /// 405 leaving one that did not get 405 out of `Allow` is a finding).
    #[arg(long, value_name = "FILE")]
    openapi: Option<PathBuf>,
    /// Also judge every response against the `--openapi` document's contract:
    /// `undocumented-status` (a status the operation does not document) and
    /// `documented-method-refused` (a declared operation answered 405 or 501).
    #[arg(long, requires = "openapi")]
    contract: bool,
    /// Also send POST, PUT, PATCH and DELETE (each with a stale `If-Match`): test instances
    /// only, a server that ignores `If-Match` performs them.
    #[arg(long = "unsafe")]
    unsafe_methods: bool,
    /// The HTTP versions to sweep with, in order, e.g. `1.1,2`. Default: 1.0, 1.1 and 2, with
    /// HTTP/2 left out (and the output saying so) when the server does not speak it — with
    /// prior knowledge over `http://`, by ALPN over `https://` — which it need not.
    #[arg(long, value_delimiter = ',', value_name = "VERSIONS")]
    versions: Option<Vec<HttpVersion>>,
    /// The name sent as `Host` (HTTP/1.x) and `:authority` (HTTP/2). Default: the base
    /// URL's.
    #[arg(long, value_name = "NAME")]
    authority: Option<String>,
    /// Seconds each request may take, response body included; one that takes longer is a
    /// finding, and the sweep goes on.
    #[arg(long, default_value_t = 10.0, value_name = "SECS")]
    timeout: f64,
    /// At most this many requests per second (e.g. `5`, `0.5`), for a server that must not be
    /// hammered, whatever `--concurrency`; the wait is not counted in `--timeout`. Default: as
    /// fast as the server answers.
    #[arg(long, value_name = "PER_SECOND", value_parser = requests_per_second)]
    rate: Option<f64>,
    /// Sweep this many paths at once (default 1). Each path's requests still go one at a time
    /// and in order, and the report is the same whatever N.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=256))]
    concurrency: u16,
    /// Accept any TLS certificate (a self-signed test server).
    #[arg(long)]
    insecure: bool,
    /// Show with each finding the exchange it was found on: the request as sent and the
    /// response's status and fields, with their values (and every exchange in `--json`).
    #[arg(long)]
    evidence: bool,
    /// Also write every exchange of the sweep to FILE as a HAR 1.2 capture (request and
    /// response fields, content sizes; `check FILE` reads it).
    #[arg(long, value_name = "FILE")]
    har: Option<PathBuf>,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--rate`: a number of requests per second above 0.
fn requests_per_second(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err(format!(
            "`{text}` is not a number of requests per second above 0"
        )),
    }
}

/// `--versions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum HttpVersion {
    #[value(name = "1.0")]
    Http10,
    #[value(name = "1.1")]
    Http11,
    #[value(name = "2")]
    Http2,
}

#[derive(Debug, Args)]
struct ProxyArgs {
    /// The address to listen on, e.g. `127.0.0.1:8080` (port 0: any free port, printed).
    #[arg(long, value_name = "ADDR")]
    listen: String,
    /// The server to forward to: `http://host:port` or `https://host:port`, over HTTP/1.1.
    #[arg(long, value_name = "URL")]
    upstream: String,
    /// Accept any TLS certificate from an `https://` upstream (a self-signed test server).
    #[arg(long)]
    insecure: bool,
    /// Log every violation and change nothing (the default).
    #[arg(long, conflicts_with_all = ["repair", "strict"])]
    observe: bool,
    /// Repair what has a lossless repair, reject what cannot work as sent, log the rest
    /// (each rule's default action).
    #[arg(long, conflicts_with = "strict")]
    repair: bool,
    /// Reject every response that breaks a rule (the client gets a 500 naming the rule).
    #[arg(long)]
    strict: bool,
    /// Also print the report every SECS seconds.
    #[arg(long, value_name = "SECS")]
    report_every: Option<u64>,
    /// Stop after this many seconds, as on Ctrl-C (for scripted runs); Ctrl-C or SIGTERM
    /// before then stops it too.
    #[arg(long, value_name = "SECS")]
    stop_after: Option<u64>,
    /// Seconds a client has to send a request's header section; a slower one is closed.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    header_timeout: u64,
    /// Seconds the upstream has to send a response's header section, and then each part of
    /// its content (nginx's `proxy_read_timeout`); a request it leaves waiting longer gets a
    /// 504, or its content is cut, and counts as failed.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    upstream_timeout: u64,
    /// Seconds an idle upstream connection is kept for reuse.
    #[arg(long, default_value_t = 30, value_name = "SECS")]
    upstream_idle_timeout: u64,
    /// Idle upstream connections kept for reuse, at most; by default as many as
    /// `--upstream-max-connections`, so that a burst's connections are not closed only to be
    /// opened again by the next one (each idle one closes after `--upstream-idle-timeout`).
    #[arg(long, value_name = "N")]
    upstream_idle_max: Option<usize>,
    /// Upstream connections in use at once, at most (one per request in flight, its response
    /// body included); more requests wait for one.
    #[arg(long, default_value_t = 256, value_name = "N")]
    upstream_max_connections: usize,
    /// Client connections served at once, at most; more wait to be accepted.
    #[arg(long, default_value_t = 1024, value_name = "N")]
    max_connections: usize,
    /// HTTP/2 streams open at once on one client connection, at most (announced in the
    /// connection's settings; RFC 9113 §6.5.2 advises no fewer than 100).
    #[arg(long, default_value_t = 100, value_name = "N")]
    max_streams: u32,
    /// Threads serving connections (nginx's `worker_processes`); by default one per core.
    /// With 1, every connection is served on the main thread, without a scheduler's
    /// hand-offs: the cheapest per request when the proxy shares its machine.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Octets of a request's header section, at most (HTTP/1.1 buffer, never below 8192, and
    /// HTTP/2 header list); a larger one gets 431 (HTTP/1.1) or a stream reset (HTTP/2).
    #[arg(long, default_value_t = 64 * 1024, value_name = "OCTETS")]
    max_header_size: usize,
    #[command(flatten)]
    contract: ContractArgs,
    #[command(flatten)]
    report: ReportArgs,
}

/// `--openapi FILE --contract`, for the subcommands that read a document only for its contract.
#[derive(Debug, Args)]
struct ContractArgs {
    /// An OpenAPI 3 document (JSON or YAML) whose contract `--contract` judges.
    #[arg(long, value_name = "FILE", requires = "contract")]
    openapi: Option<PathBuf>,
    /// Also judge every response against the `--openapi` document's contract:
    /// `undocumented-status` (a status the operation does not document) and
    /// `documented-method-refused` (a declared operation answered 405 or 501).
    #[arg(long, requires = "openapi")]
    contract: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// HAR files (JSON, HAR 1.2), read one after the other into one report, each streamed
    /// (memory holds one entry, not the file); a directory stands for its `*.har` files, `-`
    /// for standard input.
    #[arg(value_name = "FILE.har", required = true)]
    har: Vec<PathBuf>,
    #[command(flatten)]
    contract: ContractArgs,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Debug, Args)]
struct OpenapiArgs {
    /// The document (JSON or YAML; `-` for standard input). `$ref`s within it are followed.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    #[command(flatten)]
    report: ReportArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let report = match &cli.command {
        Command::Sweep(args) => &args.report,
        Command::Proxy(args) => &args.report,
        Command::Check(args) => &args.report,
        Command::Openapi(args) => &args.report,
    };
    // A baseline that cannot be read is found before the run, not after it.
    if let Some(Err(error)) = report.baseline.as_deref().map(output::read_baseline) {
        note!("tower-status-conformance: {error}");
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Sweep(args) => sweep::run(args),
        Command::Proxy(args) => proxy::run(args),
        Command::Check(args) => har::run(args),
        Command::Openapi(args) => lint::run(args),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            note!("tower-status-conformance: {error}");
            ExitCode::from(2)
        }
    }
}

/// `eprintln!` that ends quietly when standard error is closed (`2>&1 | head`), instead of
/// panicking.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// Whether standard error is a terminal that takes colour: not when redirected, not when
/// `NO_COLOR` is set to anything (<https://no-color.org>).
pub(crate) fn colour() -> bool {
    use std::io::IsTerminal as _;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
}

/// How a command that ran ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Nothing at or above `--fail-on`, every request answered.
    Passed,
    /// Findings at or above `--fail-on`.
    Failed,
    /// Nothing at or above `--fail-on`, but some requests got no complete response.
    Incomplete,
    /// Stopped by Ctrl-C before the end; the report so far was printed.
    Interrupted,
}

impl Outcome {
    fn exit_code(self) -> ExitCode {
        match self {
            Self::Passed => ExitCode::SUCCESS,
            Self::Failed => ExitCode::from(1),
            Self::Incomplete => ExitCode::from(3),
            Self::Interrupted => ExitCode::from(130),
        }
    }
}

/// A command that could not run: one line for the user.
type Error = String;
