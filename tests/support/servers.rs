//! Real servers nobody here wrote, started by the tests on `127.0.0.1` (a free port), each in
//! the configuration a team gets by default, serving [`site`]: Python's `http.server`, nginx,
//! Apache and Caddy from Debian's packages, and a Flask and an Express app
//! (`tests/servers/`) from PyPI and npm. What is missing is installed the way `.ci/run`
//! installs it (`apt-get`, `pip`, `npm`), so that `cargo test --all-features` needs nothing
//! installed by hand on a Debian machine where the tests run as root. What still cannot be had
//! skips its test with one line on stderr, except under CI (`CI` set), where it fails.

use std::{
    io::{BufRead, BufReader},
    net::{SocketAddr, TcpListener, TcpStream},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    thread,
    time::{Duration, Instant},
};

/// A child process killed when the test ends, however it ends.
pub(crate) struct Running(pub(crate) Child);

impl Drop for Running {
    fn drop(&mut self) {
        // SIGTERM first: Apache's parent stops its worker processes on it, not on SIGKILL.
        if let Ok(Some(_)) = self.0.try_wait() {
            return;
        }
        let pid = self.0.id().to_string();
        let _ = Command::new("kill")
            .args(["-TERM", &pid])
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a test does when something it needs is missing and could not be installed: under CI
/// (`CI` set, as `.ci/run` sets it) it fails; elsewhere it is skipped with one line saying so.
pub(crate) fn missing<T>(what: &str, fix: &str) -> Option<T> {
    missing_under(std::env::var_os("CI").is_some(), what, fix)
}

/// [`missing`], told whether this is CI.
pub(crate) fn missing_under<T>(ci: bool, what: &str, fix: &str) -> Option<T> {
    assert!(!ci, "{what} is missing under CI: {fix}");
    eprintln!("skipped: {what} is missing ({fix}); under CI this fails");
    None
}

/// The first of `candidates` that runs; when none does, Debian's `package` is installed first
/// (as `.ci/run` does), so that `cargo test --all-features` needs nothing installed by hand on a
/// Debian machine where the tests run as root; `None` (see [`missing`]) when that fails. Once
/// per process, whichever test asks first.
pub(crate) fn installed(
    candidates: &[&'static str],
    package: &'static str,
) -> Option<&'static str> {
    use std::{collections::HashMap, sync::Mutex};
    static FOUND: Mutex<Option<HashMap<&'static str, &'static str>>> = Mutex::new(None);
    let mut found = FOUND
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let found = found.get_or_insert_with(HashMap::new);
    if let Some(binary) = found.get(package) {
        return Some(binary);
    }
    let runs = |binary: &&str| {
        // Each names its version its own way.
        let version = if binary.contains("nginx") || binary.contains("apache2") {
            "-v"
        } else if binary.contains("caddy") {
            "version"
        } else {
            "--version"
        };
        Command::new(binary)
            .arg(version)
            .output()
            .is_ok_and(|output| output.status.success())
    };
    let binary = candidates.iter().copied().find(runs).or_else(|| {
        eprintln!("{package} is missing: installing it with apt-get");
        let install = || {
            Command::new("apt-get")
                .args(["install", "-y", "-q", package])
                .env("DEBIAN_FRONTEND", "noninteractive")
                .output()
                .is_ok_and(|output| output.status.success())
        };
        let _ = install()
            || (Command::new("apt-get")
                .args(["update", "-q"])
                .output()
                .is_ok()
                && install());
        candidates.iter().copied().find(runs)
    });
    let Some(binary) = binary else {
        return missing(package, &format!("apt-get install -y {package}"));
    };
    found.insert(package, binary);
    Some(binary)
}

/// A directory of its own under the target directory, emptied first.
pub(crate) fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A scratch directory for `name` with [`site`] in its `www` directory: both paths.
fn scratch_site(name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    let root = dir.join("www");
    std::fs::create_dir_all(&root).unwrap();
    site(&root);
    (dir, root)
}

/// The files the static servers serve.
pub(crate) fn site(dir: &Path) {
    std::fs::write(
        dir.join("index.html"),
        "<!doctype html><title>t</title>hello\n",
    )
    .unwrap();
    std::fs::write(dir.join("a.txt"), "plain text, thirty-one octets\n").unwrap();
    // A type no server knows by its extension: RFC 9110 §8.3 lets it go without Content-Type.
    std::fs::write(dir.join("data.unknownext"), "some bytes\n").unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub/index.html"), "<p>sub</p>\n").unwrap();
    // Large enough for every server's compression to apply (600 octets), and modified long
    // ago: Apache tags a file changed within the last second as weak.
    let page = dir.join("page.txt");
    std::fs::write(&page, "plain text, thirty-one octets\n".repeat(20)).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&page)
        .unwrap()
        .set_modified(std::time::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        .unwrap();
}

pub(crate) fn wait_for(addr: SocketAddr) {
    let start = Instant::now();
    while TcpStream::connect(addr).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{addr} never listened"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// Python's `http.server` on `127.0.0.1:0`, serving [`site`], and its base URL.
pub(crate) fn start_python(name: &str) -> Option<(Running, String)> {
    let dir = scratch(name);
    site(&dir);
    let python = installed(&["python3"], "python3")?;
    let mut child = Command::new(python)
        .args([
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
        ])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 is installed (.ci/run installs it)");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let server = Running(child);
    // "Serving HTTP on 127.0.0.1 port 41235 (http://127.0.0.1:41235/) ..."
    let port = line
        .split(" port ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"));
    let base = format!("http://127.0.0.1:{port}");
    Some((server, base))
}

/// nginx in its default static configuration on a port `127.0.0.1:0` gave, serving [`site`]:
/// the process, its base URL and `nginx -v`.
pub(crate) fn start_nginx(name: &str) -> Option<(Running, String, String)> {
    start_nginx_with(name, "")
}

/// [`start_nginx`] with `directives` added to its `http` block (e.g. `gzip on;`).
pub(crate) fn start_nginx_with(name: &str, directives: &str) -> Option<(Running, String, String)> {
    let (dir, root) = scratch_site(name);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {dir}/nginx.pid;\n\
         error_log {dir}/error.log;\nevents {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {dir}/body;\n  \
         proxy_temp_path {dir}/proxy;\n  fastcgi_temp_path {dir}/fastcgi;\n  uwsgi_temp_path {dir}/uwsgi;\n  \
         scgi_temp_path {dir}/scgi;\n  {directives}\n  server {{\n    listen 127.0.0.1:{port};\n    root {root};\n  }}\n}}\n",
        dir = dir.display(),
        root = root.display(),
    );
    let config_file = dir.join("nginx.conf");
    std::fs::write(&config_file, config).unwrap();
    let nginx = installed(&["nginx", "/usr/sbin/nginx"], "nginx-light")?;
    let mut command = Command::new(nginx);
    command
        .arg("-c")
        .arg(&config_file)
        .arg("-e")
        .arg(dir.join("error.log"));
    let (server, base) = serve_on(command, port);
    let version = Command::new(nginx).arg("-v").output().unwrap();
    let version = String::from_utf8_lossy(&version.stderr).trim().to_owned();
    Some((server, base, version))
}

/// Starts `command`, a server told to listen on `127.0.0.1:port`, output discarded, and waits
/// until it does: the process and its base URL.
fn serve_on(mut command: Command, port: u16) -> (Running, String) {
    let child = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Running(child);
    wait_for(SocketAddr::from(([127, 0, 0, 1], port)));
    (server, format!("http://127.0.0.1:{port}"))
}

/// A free port on `127.0.0.1` for a server that cannot be given port 0.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Apache (Debian's 2.4) with Debian's default modules and their settings
/// (`/etc/apache2/mods-enabled`), serving [`site`]: the process, its base URL and its version.
pub(crate) fn start_apache(name: &str) -> Option<(Running, String, String)> {
    let apache = installed(&["/usr/sbin/apache2", "apache2"], "apache2")?;
    let (dir, root) = scratch_site(name);
    let port = free_port();
    let config = format!(
        "ServerRoot /etc/apache2\nPidFile {dir}/httpd.pid\nMutex file:{dir} default\n\
         Listen 127.0.0.1:{port}\nServerName 127.0.0.1\n\
         Include /etc/apache2/mods-enabled/*.load\nInclude /etc/apache2/mods-enabled/*.conf\n\
         TypesConfig /etc/mime.types\nErrorLog {dir}/error.log\nDocumentRoot {root}\n\
         <Directory {root}>\n  Options Indexes FollowSymLinks\n  AllowOverride None\n  \
         Require all granted\n</Directory>\n",
        dir = dir.display(),
        root = root.display(),
    );
    let config_file = dir.join("httpd.conf");
    std::fs::write(&config_file, config).unwrap();
    let mut command = Command::new(apache);
    command.arg("-f").arg(&config_file).arg("-DFOREGROUND");
    let (server, base) = serve_on(command, port);
    let version = Command::new(apache).arg("-v").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout);
    let version = version.lines().next().unwrap_or("").trim().to_owned();
    Some((server, base, version))
}

/// Caddy (Debian's 2.6) as `caddy file-server`, serving [`site`]: the process, its base URL
/// and its version.
pub(crate) fn start_caddy(name: &str) -> Option<(Running, String, String)> {
    let caddy = installed(&["caddy", "/usr/bin/caddy"], "caddy")?;
    let dir = scratch(name);
    site(&dir);
    let port = free_port();
    let mut command = Command::new(caddy);
    command
        .args([
            "file-server",
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--root",
        ])
        .arg(&dir);
    Some(serve_caddy(caddy, command, &dir, port))
}

/// Starts `command`, a Caddy told to listen on `127.0.0.1:port`, with its state (certificates,
/// autosave) under `dir`, not in `$HOME`: the process, its base URL and its version.
fn serve_caddy(
    caddy: &str,
    mut command: Command,
    dir: &Path,
    port: u16,
) -> (Running, String, String) {
    command
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"));
    let (server, base) = serve_on(command, port);
    let version = Command::new(caddy).arg("version").output().unwrap();
    let version = String::from_utf8_lossy(&version.stdout).trim().to_owned();
    (server, base, format!("Caddy {version}"))
}

/// Caddy (Debian's 2.6) from a Caddyfile that compresses (`encode gzip`) what `file_server`
/// serves of [`site`]: the process, its base URL and its version.
pub(crate) fn start_caddy_encoding(name: &str) -> Option<(Running, String, String)> {
    let caddy = installed(&["caddy", "/usr/bin/caddy"], "caddy")?;
    let (dir, root) = scratch_site(name);
    let port = free_port();
    let config = dir.join("Caddyfile");
    std::fs::write(
        &config,
        format!(
            "{{\n  admin off\n  auto_https off\n}}\nhttp://127.0.0.1:{port} {{\n  root * {root}\n  \
             encode gzip\n  file_server\n}}\n",
            root = root.display()
        ),
    )
    .unwrap();
    let mut command = Command::new(caddy);
    command
        .args(["run", "--adapter", "caddyfile", "--config"])
        .arg(&config);
    Some(serve_caddy(caddy, command, &dir, port))
}

/// Starts `command`, which prints `listening on <port>` first, and returns it with its base URL.
fn start_printing_port(mut command: Command) -> (Running, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Running(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let port = line
        .trim_end()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"));
    (server, format!("http://127.0.0.1:{port}"))
}

/// The Flask app `tests/servers/flask_app.py` under Werkzeug's development server, with
/// [`site`] as its static folder (`/static/…`): the process, its base URL and the versions.
pub(crate) fn start_flask(name: &str) -> Option<(Running, String, String)> {
    let python = installed(&["python3"], "python3")?;
    let version = || {
        Command::new(python)
            .args(["-c", "import importlib.metadata as m; print('Flask', m.version('flask'), 'Werkzeug', m.version('werkzeug'))"])
            .output()
            .ok()
            .filter(|output| output.status.success())
            .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let version = version().or_else(|| {
        eprintln!("flask is missing: installing it with pip");
        let _ = Command::new(python)
            .args(["-m", "pip", "install", "-q", "flask==3.1.*"])
            .status();
        version()
    });
    let Some(version) = version else {
        return missing("flask", "pip install flask");
    };
    let dir = scratch(name);
    site(&dir);
    let mut command = Command::new(python);
    command
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/servers/flask_app.py"
        ))
        .arg(&dir);
    let (server, base) = start_printing_port(command);
    Some((server, base, version))
}

/// The `node_modules` directory under the target directory, with each of `packages` (npm
/// names with a version range, `express@4`) installed there with npm when it is missing.
pub(crate) fn node_modules(packages: &[&str]) -> Option<PathBuf> {
    let modules = Path::new(env!("CARGO_TARGET_TMPDIR")).join("node/node_modules");
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            let name = package.rsplit_once('@').map_or(*package, |(name, _)| name);
            !modules.join(name).join("package.json").exists()
        })
        .collect();
    if !missing.is_empty() {
        eprintln!("{} missing: installing with npm", missing.join(", "));
        let prefix = modules.parent().unwrap();
        std::fs::create_dir_all(prefix).unwrap();
        let installed = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(prefix)
            .args(&missing)
            .status()
            .is_ok_and(|status| status.success());
        if !installed {
            return self::missing(&missing.join(", "), "npm install");
        }
    }
    Some(modules)
}

/// The Express app `tests/servers/express_app.js` on Node.js, with [`site`] served by
/// `express.static`: the process, its base URL and Express's version.
pub(crate) fn start_express(name: &str) -> Option<(Running, String, String)> {
    let modules = node_modules(&["express@4"])?;
    let package = modules.join("express/package.json");
    let version = std::fs::read_to_string(&package).unwrap();
    let version: serde_json::Value = serde_json::from_str(&version).unwrap();
    let version = format!("Express {}", version["version"].as_str().unwrap_or("?"));
    let dir = scratch(name);
    site(&dir);
    let mut command = Command::new("node");
    command
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/servers/express_app.js"
        ))
        .arg(&dir)
        .env("NODE_PATH", &modules);
    let (server, base) = start_printing_port(command);
    Some((server, base, version))
}

/// Serves on `127.0.0.1:0` with a runtime of its own, for the life of the test: `serve` gets
/// the bound listener.
pub(crate) fn serve_on_own_runtime<F, Fut>(serve: F) -> std::net::SocketAddr
where
    F: FnOnce(tokio::net::TcpListener) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            serve(listener).await;
        });
    });
    rx.recv().unwrap()
}

/// An axum app served on `127.0.0.1:0`.
pub(crate) fn serve_axum(app: axum::Router) -> std::net::SocketAddr {
    serve_on_own_runtime(|listener| async move { axum::serve(listener, app).await.unwrap() })
}
