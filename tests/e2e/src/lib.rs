//! The end-to-end harness: a plain static file server (no fallback to index.html, like a bare CDN)
//! that can be told to fail a path, and headless Chromium driven through ChromeDriver.
//!
//! The site comes from `cargo xtask test`, which builds it and sets `QUIRE_E2E_SITE` (served at `/`)
//! and `QUIRE_E2E_SITE_BLOG` (built with `--base /blog/`, served at `/blog/`).

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A static file server on 127.0.0.1 serving `root` under the path prefix `mount`.
pub struct Server {
    pub origin: String,
    mount: String,
    failures: Arc<Mutex<HashMap<String, u16>>>,
}

impl Server {
    /// Serves `root` at `mount` (`/` or `/blog/`) on a free port.
    pub fn start(root: &Path, mount: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let failures: Arc<Mutex<HashMap<String, u16>>> = Arc::default();
        let (root, mount_owned, shared) = (root.to_path_buf(), mount.to_string(), failures.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, mount, failures) = (root.clone(), mount_owned.clone(), shared.clone());
                std::thread::spawn(move || {
                    let _ = serve_one(stream, &root, &mount, &failures);
                });
            }
        });
        Server {
            origin,
            mount: mount.to_string(),
            failures,
        }
    }

    /// The absolute URL of `path` (relative to the mount point: `posts/x/`).
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.origin,
            self.mount,
            path.trim_start_matches('/')
        )
    }

    /// Makes requests for `path` (relative to the mount point) answer `status` until [`Server::heal`].
    pub fn fail(&self, path: &str, status: u16) {
        let full = format!("{}{}", self.mount, path.trim_start_matches('/'));
        self.failures.lock().unwrap().insert(full, status);
    }

    pub fn heal(&self) {
        self.failures.lock().unwrap().clear();
    }
}

fn serve_one(
    stream: TcpStream,
    root: &Path,
    mount: &str,
    failures: &Mutex<HashMap<String, u16>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; requests here have no body.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
    let mut out = stream;
    if let Some(&status) = failures.lock().unwrap().get(&path) {
        return respond(&mut out, status, "text/plain", b"injected failure");
    }
    match resolve(root, mount, &path) {
        Some(file) => {
            let body = std::fs::read(&file)?;
            respond(&mut out, 200, content_type(&file), &body)
        }
        None => {
            let body =
                std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
            respond(&mut out, 404, "text/html; charset=utf-8", &body)
        }
    }
}

/// The file a URL path names: a file, or a folder's index.html. Never anything outside `root`.
fn resolve(root: &Path, mount: &str, path: &str) -> Option<PathBuf> {
    let relative = path.strip_prefix(mount.trim_end_matches('/'))?;
    let decoded = percent_decode(relative);
    if decoded.split('/').any(|seg| seg == "..") {
        return None;
    }
    let candidate = root.join(decoded.trim_start_matches('/'));
    if candidate.is_file() {
        Some(candidate)
    } else if candidate.is_dir() && path.ends_with('/') {
        Some(candidate.join("index.html")).filter(|p| p.is_file())
    } else {
        None
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(out: &mut TcpStream, status: u16, kind: &str, body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    };
    write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    out.write_all(body)?;
    out.flush()
}

/// A headless Chromium session through a ChromeDriver of our own; both end when it is dropped.
pub struct Browser {
    pub client: Client,
    driver: std::process::Child,
    _profile: TempDir,
}

impl Browser {
    /// Starts ChromeDriver and a fresh headless Chromium; `javascript` false disables scripts.
    pub async fn start(javascript: bool) -> Browser {
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        let driver = std::process::Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start chromedriver (run `cargo xtask setup`)");
        let profile = TempDir::new("quire-e2e-profile");
        let mut args = vec![
            "--headless=new".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-dev-shm-usage".into(),
            "--disable-quic".into(),
            "--no-first-run".into(),
            "--disable-background-networking".into(),
            "--disable-component-update".into(),
            "--disable-sync".into(),
            "--window-size=1280,900".into(),
            format!("--user-data-dir={}", profile.0.display()),
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false".into());
        }
        let mut options = serde_json::json!({ "args": args });
        if let Ok(binary) = std::env::var("QUIRE_CHROMIUM") {
            options["binary"] = binary.into();
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), options);
        let url = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("could not start a Chromium session: {e}"),
            }
        };
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    /// Waits (up to 10 s) for an element matching `css` and returns it.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await;
        match found {
            Ok(element) => element,
            Err(e) => panic!("no element `{css}` on {}: {e}", self.url().await),
        }
    }

    /// From now on, records what the page reports as errors: `console.error` (where a Rust panic is
    /// printed), uncaught exceptions and unhandled promise rejections. Read them with [`Browser::errors`].
    pub async fn record_errors(&self) {
        self.eval(
            "window.__errors = [];
             const original = console.error;
             console.error = (...args) => { window.__errors.push(args.map(String).join(' ')); original(...args); };
             addEventListener('error', e => window.__errors.push(String(e.message)));
             addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
             return true",
        )
        .await;
    }

    /// The errors recorded since [`Browser::record_errors`].
    pub async fn errors(&self) -> Vec<String> {
        match self.eval("return window.__errors || []").await {
            serde_json::Value::Array(items) => items
                .into_iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Clicks the first element matching `css`, once it exists.
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("click");
    }

    /// Waits (up to 10 s) until the first element matching `css` has exactly the text `text`.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let script = format!(
            "return document.querySelector({})?.textContent === {}",
            serde_json::Value::from(css),
            serde_json::Value::from(text)
        );
        self.wait_until(&format!("`{css}` to read {text:?}"), &script)
            .await;
    }

    /// The text of the first element matching `css`, once it exists. The static page gives way to
    /// the app while a test reads it, so an element that goes stale is looked up again.
    pub async fn text(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            match self.find(css).await.text().await {
                Ok(text) => return text,
                Err(e) if started.elapsed() > Duration::from_secs(10) => {
                    panic!("cannot read `{css}`: {e}")
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    }

    /// Waits until the app has taken over from the static page and shows a view in `<main>`.
    pub async fn wait_for_app(&self) {
        self.wait_until(
            "the app to take over",
            "return !document.getElementById('prerendered') && !!document.querySelector('.app main > *') \
             && !document.querySelector('.app [aria-busy]')",
        )
        .await;
    }

    /// Runs `script` (a function body with `return`) and returns its JSON result.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns true (up to 10 s).
    pub async fn wait_until(&self, what: &str, script: &str) {
        let started = Instant::now();
        loop {
            if self.eval(script).await == serde_json::Value::Bool(true) {
                return;
            }
            if started.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what} on {}", self.url().await);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// Resizes the browser window (the viewport follows).
    pub async fn set_window(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize window");
    }

    /// Saves a PNG of the viewport to `name` in `QUIRE_E2E_OUT` (default target/e2e/out).
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = out_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let png = self.client.screenshot().await.expect("screenshot");
        let path = dir.join(name);
        std::fs::write(&path, png).unwrap();
        path
    }

    pub async fn close(self) {
        let Browser {
            client, mut driver, ..
        } = self;
        let _ = client.close().await;
        let _ = driver.kill();
        let _ = driver.wait();
    }
}

/// Where the site under test was built, from the environment `cargo xtask test` sets.
pub fn site_dir(var: &str) -> PathBuf {
    let dir = PathBuf::from(std::env::var(var).unwrap_or_else(|_| {
        panic!("{var} is not set: run the end-to-end tests through `cargo xtask test`")
    }));
    assert!(
        dir.join("index.html").is_file(),
        "{} has no index.html: build the site first",
        dir.display()
    );
    dir
}

pub fn out_dir() -> PathBuf {
    std::env::var("QUIRE_E2E_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from("target/e2e/out"))
}

/// Reads a file of the built site as JSON.
pub fn read_json(site: &Path, relative: &str) -> serde_json::Value {
    let mut text = String::new();
    std::fs::File::open(site.join(relative))
        .and_then(|mut f| f.read_to_string(&mut text))
        .unwrap_or_else(|e| panic!("read {relative}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
