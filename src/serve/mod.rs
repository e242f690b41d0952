//! Watch mode and the preview server: rebuild on every save, reuse parsed
//! templates and Fluent bundles when only data changed, keep serving the
//! last good output when an edit is bad (with the diagnostics shown as an
//! overlay), and reload open pages through Server-Sent Events.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostics;
use crate::render::{escape_html, Output, Renderer};
use crate::Report;

/// File-system events from [`watch`].
pub type Events = Receiver<notify::Result<notify::Event>>;

/// Path of the event stream the injected script listens to.
pub const EVENTS_PATH: &str = "/__personvern/events";

/// Script injected before `</body>` in served HTML (never in `build` output).
pub const RELOAD_SCRIPT: &str = "<script>(function(){var s=new EventSource(\"/__personvern/events\");s.addEventListener(\"reload\",function(){location.reload();});})();</script>";

/// What the server shows: the last good output and the current error, if any.
#[derive(Default)]
pub struct State {
    /// Last good output: the pages.
    pub output: Arc<Output>,
    /// The Markdown and JSON files of the last good build; published a
    /// moment after its pages (see [`Rebuilder::finish`]).
    pub data: Arc<Output>,
    /// Diagnostics of the last failed build (plain text), if the last build failed.
    pub error: Option<String>,
    /// Incremented after every build attempt; clients reload when it changes.
    pub version: u64,
    /// Set when the server should stop.
    pub stopping: bool,
}

/// Shared state plus a condition variable to wake event streams.
pub type Shared = Arc<(Mutex<State>, Condvar)>;

/// True for editor scratch files that should not trigger a rebuild.
pub fn is_temp_file(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    name.starts_with(".#")
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bck")
        || name.ends_with(".kate-swp")
        || name.contains(".__jb_")
        || name == "4913"
        || name.starts_with(".personvern")
}

/// Whether a change at `path` matters for the site at `root` (not the
/// output folder, not hidden folders such as .git, not editor scratch files).
pub fn is_relevant(root: &Path, output: &Path, path: &Path) -> bool {
    if path.starts_with(output) || is_temp_file(path) {
        return false;
    }
    let rel = path.strip_prefix(root).unwrap_or(path);
    !rel.components().any(|c| {
        let s = c.as_os_str().to_string_lossy();
        (s.starts_with('.') && s != "." && s != "..") || s == "target" || s == "node_modules"
    })
}

/// True if the change needs templates/locales reloaded (not only data).
pub fn needs_new_renderer(root: &Path, changed: &BTreeSet<PathBuf>) -> bool {
    changed.iter().any(|p| {
        let rel = p.strip_prefix(root).unwrap_or(p);
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        matches!(
            first.as_str(),
            "templates" | "locales" | "themes" | "static" | "personvern.toml" | "authorities.toml"
        )
    })
}

/// Result of one build attempt in the loop.
pub enum Attempt {
    /// Built: output and time taken.
    Ok(Arc<Output>, Duration),
    /// Failed: the report.
    Failed(Report),
}

/// The rebuild loop state: the site, a cached renderer.
pub struct Rebuilder {
    root: PathBuf,
    renderer: Option<Renderer>,
    /// The site and pages of the last successful build, until `finish`.
    pending: Option<(crate::Site, Arc<Output>)>,
    /// The on-disk render cache (see [`crate::output::cache`]), if used: read when
    /// a renderer is made (the first build, a theme change), written after.
    disk: Option<crate::output::cache::DiskCache>,
    /// The snapshot index of the cache, for every load.
    trusted: Option<crate::load::snapshots::Trusted>,
    /// Archived pages the last build took from the on-disk cache.
    cached: usize,
    /// The last build made archived pages to store in the on-disk cache.
    store_due: bool,
}

/// Test-only: when the environment variable `PERSONVERN_TEST_PANIC` names a
/// file that exists in the site folder, a rebuild panics (to test that a
/// panic does not end `serve` or `watch`). Not for use outside tests.
#[doc(hidden)]
pub fn test_panic_hook(root: &Path) {
    if let Some(name) = std::env::var_os("PERSONVERN_TEST_PANIC") {
        if !name.is_empty() && root.join(&name).exists() {
            panic!("PERSONVERN_TEST_PANIC: injected panic");
        }
    }
}

impl Rebuilder {
    /// A rebuilder for the site at `root`. Turns on
    /// [`crate::load::snapshots::keep_snapshots`] for the process.
    pub fn new(root: &Path) -> Self {
        crate::load::snapshots::keep_snapshots(true);
        Rebuilder {
            root: root.to_path_buf(),
            renderer: None,
            pending: None,
            disk: None,
            trusted: None,
            cached: 0,
            store_due: false,
        }
    }

    /// Uses the render cache in `dir` (unminified entries: serve and watch
    /// do not minify), as `build` does: a site with a long history starts
    /// in a fraction of the time when its releases are unchanged.
    pub fn with_cache(mut self, dir: Option<PathBuf>) -> Self {
        self.trusted = dir
            .as_ref()
            .map(|d| crate::output::cache::read_index(d, &self.root));
        self.disk = dir.map(|dir| crate::output::cache::DiskCache {
            dir,
            minified: false,
        });
        self
    }

    /// Archived pages the last build took from the on-disk cache.
    pub fn cached(&self) -> usize {
        self.cached
    }

    /// Builds the pages, reusing the renderer unless `reload_theme` is set.
    /// [`Rebuilder::finish`] then makes the rest of the output.
    pub fn build(&mut self, reload_theme: bool) -> Attempt {
        let start = Instant::now();
        if reload_theme {
            self.renderer = None;
        }
        self.pending = None;
        // The on-disk cache only when a renderer is made: afterwards the
        // renderer keeps the archived pages in memory.
        let disk = self.disk.as_ref().filter(|_| self.renderer.is_none());
        self.store_due = disk.is_some();
        // A panic in a rebuild must not end serve or watch: it becomes a
        // failed attempt, and the last good build keeps being served.
        let root = self.root.clone();
        let trusted = self.trusted.as_ref();
        let renderer = &mut self.renderer;
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            test_panic_hook(&root);
            crate::compile_pages_with(&root, renderer, disk, trusted, false)
        }));
        match result {
            Ok(Ok(c)) => {
                self.cached = c.report.cached;
                let pages = Arc::new(c.output);
                self.pending = Some((c.site, pages.clone()));
                Attempt::Ok(pages, start.elapsed())
            }
            Ok(Err(r)) => Attempt::Failed(r),
            Err(payload) => {
                // The renderer may be half-updated: start afresh next time.
                self.renderer = None;
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                let mut report = crate::Report::default();
                report.diagnostics.push(
                    crate::diagnostics::Diagnostic::error(
                        "internal",
                        format!("internal error while building: {msg}; please report it"),
                    )
                    .in_file(self.root.join(crate::load::CONFIG_FILE)),
                );
                Attempt::Failed(report)
            }
        }
    }

    /// The Markdown and JSON files of the last successful [`Rebuilder::build`]
    /// (once; `None` if it failed or was already finished).
    pub fn finish(&mut self) -> Option<Arc<Output>> {
        let (site, pages) = self.pending.take()?;
        let renderer = self.renderer.as_ref()?;
        let data = Arc::new(renderer.render_data(&site, &pages));
        if let (true, Some(d)) = (std::mem::take(&mut self.store_due), &self.disk) {
            // Failing to write the cache costs only the next start's time.
            if let Ok(Some(index)) = crate::store_history(renderer, &site, d, &pages) {
                self.trusted = Some(index);
            }
        }
        Some(data)
    }
}

/// Waits for the next batch of relevant changes: the first event, then
/// more until the folder has been quiet for `quiet` (at most `max`).
pub fn next_batch(
    rx: &Events,
    root: &Path,
    output: &Path,
    quiet: Duration,
    max: Duration,
) -> Option<BTreeSet<PathBuf>> {
    let mut changed = BTreeSet::new();
    let mut rescan = false;
    let take = |ev: notify::Result<notify::Event>,
                changed: &mut BTreeSet<PathBuf>,
                rescan: &mut bool| match ev {
        Ok(ev) => {
            if ev.need_rescan() {
                *rescan = true;
            }
            match ev.kind {
                EventKind::Access(_) => {}
                EventKind::Any | EventKind::Other => *rescan = true,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => {
                    for p in ev.paths {
                        if is_relevant(root, output, &p) {
                            changed.insert(p);
                        }
                    }
                }
            }
        }
        Err(_) => *rescan = true,
    };
    loop {
        let ev = rx.recv().ok()?;
        take(ev, &mut changed, &mut rescan);
        if !changed.is_empty() || rescan {
            break;
        }
    }
    let start = Instant::now();
    while start.elapsed() < max {
        match rx.recv_timeout(quiet) {
            Ok(ev) => take(ev, &mut changed, &mut rescan),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    if rescan {
        changed.insert(root.join("personvern.toml"));
    }
    Some(changed)
}

/// Quiet period the watcher waits for after a change (editors write a file
/// in several steps), and the longest a batch may grow.
pub const QUIET: Duration = Duration::from_millis(10);
/// See [`QUIET`].
pub const MAX_BATCH: Duration = Duration::from_millis(500);

/// Starts watching the site folder; events arrive on the returned channel.
pub fn watch(root: &Path) -> notify::Result<(notify::RecommendedWatcher, Events)> {
    let (tx, rx) = channel();
    let mut w = notify::recommended_watcher(move |ev| {
        let _ = tx.send(ev);
    })?;
    w.watch(root, RecursiveMode::Recursive)?;
    Ok((w, rx))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Maps a request URL to a key of the output map, or `None` if the URL
/// tries to leave the output folder or is malformed.
pub fn resolve(url: &str, output: &Output) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let path = percent_decode(path)?;
    let mut parts = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() {
        return Some("index.html".into());
    }
    if output.contains_key(&joined) {
        return Some(joined);
    }
    let index = format!("{joined}/index.html");
    output.contains_key(&index).then_some(index)
}

/// Where a folder URL without its trailing slash ("/nb/personvern") should
/// go ("/nb/personvern/", query kept), as a static host redirects it; `None`
/// when the URL is not such a folder.
pub fn folder_redirect(url: &str, output: &Output) -> Option<String> {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let path = path.split('#').next().unwrap_or("");
    if path.is_empty() || path.ends_with('/') || path.chars().any(|c| c.is_control()) {
        return None;
    }
    let key = resolve(path, output)?;
    if !key.ends_with("/index.html") || output.contains_key(path.trim_start_matches('/')) {
        return None;
    }
    let mut to = format!("{path}/");
    if let Some(q) = query {
        to.push('?');
        to.push_str(q);
    }
    Some(to)
}

/// The error overlay shown on top of the last good page.
pub fn overlay(error: &str) -> String {
    format!(
        "<div id=\"personvern-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:99999;background:#1d1f21;color:#f8f8f2;font:14px/1.45 ui-monospace,monospace;padding:1rem 1.25rem;border-top:4px solid #e0443e\"><strong style=\"color:#ff8a80\">personvern: the last edit has errors; showing the last good build.</strong><pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:.75rem 0 0\">{}</pre></div>",
        escape_html(error)
    )
}

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let s = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if let Some(e) = error {
        extra.push_str(&overlay(e));
    }
    extra.push_str(RELOAD_SCRIPT);
    match s.rfind("</body>") {
        Some(i) => format!("{}{}{}", &s[..i], extra, &s[i..]).into_bytes(),
        None => format!("{s}{extra}").into_bytes(),
    }
}

fn not_found_page(error: Option<&str>) -> Vec<u8> {
    let body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>404 Not found</title></head><body><h1>404 Not found</h1><p>No page at this address. <a href=\"/\">Start page</a></p></body></html>";
    inject(body.as_bytes(), error)
}

/// Answers one HTTP request from the shared state.
pub fn respond(state: &Shared, url: &str) -> (u16, &'static str, Vec<u8>) {
    let (lock, _) = &**state;
    let (pages, data, error) = match lock.lock() {
        Ok(s) => (s.output.clone(), s.data.clone(), s.error.clone()),
        Err(_) => return (500, "text/plain; charset=utf-8", b"internal error".to_vec()),
    };
    let found = resolve(url, &pages)
        .map(|k| (k, &pages))
        .or_else(|| resolve(url, &data).map(|k| (k, &data)));
    match found.map(|(key, output)| (output.get(&key).cloned().unwrap_or_default(), key)) {
        Some((bytes, key)) => {
            let ct = content_type(&key);
            if ct.starts_with("text/html") {
                (200, ct, inject(&bytes, error.as_deref()))
            } else {
                (200, ct, bytes)
            }
        }
        None => (
            404,
            "text/html; charset=utf-8",
            not_found_page(error.as_deref()),
        ),
    }
}

fn serve_events(state: Shared, mut writer: std::net::TcpStream) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\n";
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.write_all(b": connected\n\n"))
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    let (lock, cvar) = &*state;
    let Ok(mut guard) = lock.lock() else { return };
    let mut seen = guard.version;
    loop {
        let (g, timeout) = match cvar.wait_timeout(guard, Duration::from_secs(15)) {
            Ok(x) => x,
            Err(_) => return,
        };
        guard = g;
        if guard.stopping {
            return;
        }
        let msg = if guard.version != seen {
            seen = guard.version;
            format!("event: reload\ndata: {seen}\n\n")
        } else if timeout.timed_out() {
            ": ping\n\n".to_string()
        } else {
            continue;
        };
        drop(guard);
        if writer
            .write_all(msg.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
        guard = match lock.lock() {
            Ok(g) => g,
            Err(_) => return,
        };
    }
}

/// Turns off Nagle's algorithm on the listening socket (accepted sockets
/// inherit it on Linux). With Nagle on, the last segment of a response
/// can wait for the browser's delayed ACK, about 40 ms on every reused
/// connection.
fn no_delay(listener: &std::net::TcpListener) {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let on: libc::c_int = 1;
        // SAFETY: a valid socket descriptor owned by `listener`, and a
        // pointer to an int that lives through the call, with its size.
        unsafe {
            libc::setsockopt(
                listener.as_raw_fd(),
                libc::IPPROTO_TCP,
                libc::TCP_NODELAY,
                (&on as *const libc::c_int).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            );
        }
    }
    #[cfg(not(unix))]
    let _ = listener;
}

/// Most connections the preview server holds at once (page requests and
/// event streams together); more are answered `503` and closed.
pub const MAX_CONNECTIONS: usize = 64;

/// Time a client has to send a request's line and headers (and, on a kept
/// connection, to start the next request).
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Longest request line and headers, in bytes.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;

/// Whether `addr` may be listened on without `--allow-remote`: a loopback
/// address (`127.0.0.1`, `::1`) or `localhost`.
pub fn is_loopback_bind(addr: &str) -> bool {
    addr.eq_ignore_ascii_case("localhost")
        || addr
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether a request's `Host` names this server: the address it listens on
/// or `localhost`, with this port or none. Anything else (a DNS name that
/// was made to point at 127.0.0.1 by a web page, DNS rebinding) is refused.
pub fn host_allowed(host: &str, listen: std::net::SocketAddr) -> bool {
    let host = host.trim();
    let (name, port) = match host.rsplit_once(':') {
        // An IPv6 literal without a port ends in `]`.
        Some((n, p)) if !p.contains(']') && (n.starts_with('[') || !n.contains(':')) => {
            (n, Some(p))
        }
        _ => (host, None),
    };
    if let Some(p) = port {
        if p.parse::<u16>().ok() != Some(listen.port()) {
            return false;
        }
    }
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    if bare.eq_ignore_ascii_case("localhost") {
        return listen.ip().is_loopback() || listen.ip().is_unspecified();
    }
    match bare.parse::<std::net::IpAddr>() {
        // Listening on every address (0.0.0.0, with --allow-remote): any
        // address literal of this machine; a DNS name never.
        Ok(ip) => ip == listen.ip() || listen.ip().is_unspecified(),
        Err(_) => false,
    }
}

/// One request's head: method, target, version, headers (names lowercased).
struct Head {
    method: String,
    target: String,
    version: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn parse_head(raw: &[u8]) -> Option<Head> {
    let text = std::str::from_utf8(raw).ok()?;
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let target = first.next()?.to_string();
    let version = first.next()?.to_string();
    if first.next().is_some() || !version.starts_with("HTTP/1.") || method.is_empty() {
        return None;
    }
    let mut headers = Vec::new();
    for l in lines.filter(|l| !l.is_empty()) {
        let (k, v) = l.split_once(':')?;
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    Some(Head {
        method,
        target,
        version,
        headers,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// Writes a whole response; `close` ends the connection after it.
fn write_response(
    stream: &mut std::net::TcpStream,
    status: u16,
    ct: &str,
    body: &[u8],
    extra: &str,
    head_only: bool,
    close: bool,
) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {ct}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n{extra}",
        reason(status),
        body.len()
    );
    if close {
        out.push_str("Connection: close\r\n");
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

/// Reads one request head into `buf` (which may already hold bytes of it),
/// within `HEADER_TIMEOUT`. Returns the head's length including the blank
/// line, `Ok(None)` on a closed or timed-out connection, `Err(431)` if it
/// is too long.
fn read_head(stream: &mut std::net::TcpStream, buf: &mut Vec<u8>) -> Result<Option<usize>, u16> {
    use std::io::Read;
    let deadline = Instant::now() + HEADER_TIMEOUT;
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            return Ok(Some(i + 4));
        }
        if buf.len() > MAX_HEAD_BYTES {
            return Err(431);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Ok(None);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Ends a connection after its last answer: stops writing, then discards
/// (never keeps) what the client still sends, briefly and boundedly, so
/// that the answer is not lost to a reset of the connection.
fn linger_close(mut stream: std::net::TcpStream) {
    use std::io::Read;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    let mut left: usize = 256 * 1024;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

/// Serves the requests of one connection (kept alive between requests
/// unless the client asks otherwise or sent a body, which is never read).
fn handle_connection(stream: std::net::TcpStream, listen: std::net::SocketAddr, state: Shared) {
    if let Some(s) = serve_connection(stream, listen, state) {
        linger_close(s);
    }
}

/// [`handle_connection`]; returns the stream when it is to be closed after
/// an answer (not after an event stream or a timeout).
fn serve_connection(
    mut stream: std::net::TcpStream,
    listen: std::net::SocketAddr,
    state: Shared,
) -> Option<std::net::TcpStream> {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let text = "text/plain; charset=utf-8";
    let mut buf = Vec::new();
    loop {
        let len = match read_head(&mut stream, &mut buf) {
            Ok(Some(n)) => n,
            Ok(None) => return None,
            Err(status) => {
                let _ = write_response(
                    &mut stream,
                    status,
                    text,
                    b"request headers too large\n",
                    "",
                    false,
                    true,
                );
                return Some(stream);
            }
        };
        let head = parse_head(&buf[..len]);
        buf.drain(..len);
        let Some(head) = head else {
            let _ = write_response(&mut stream, 400, text, b"bad request\n", "", false, true);
            return Some(stream);
        };
        let head_only = head.method == "HEAD";
        // A body is never read: the connection ends after the answer.
        let has_body = head.header("transfer-encoding").is_some()
            || head
                .header("content-length")
                .is_some_and(|v| v.trim() != "0");
        let close = has_body
            || head.version == "HTTP/1.0"
            || head
                .header("connection")
                .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        if head.method != "GET" && !head_only {
            let _ = write_response(
                &mut stream,
                405,
                text,
                b"only GET and HEAD are allowed\n",
                "Allow: GET, HEAD\r\n",
                false,
                true,
            );
            return Some(stream);
        }
        match head.header("host") {
            Some(h) if host_allowed(h, listen) => {}
            Some(_) => {
                let _ = write_response(
                    &mut stream,
                    421,
                    text,
                    b"this preview answers only to its own address or localhost\n",
                    "",
                    head_only,
                    true,
                );
                return Some(stream);
            }
            None => {
                let _ = write_response(
                    &mut stream,
                    400,
                    text,
                    b"no Host header\n",
                    "",
                    head_only,
                    true,
                );
                return Some(stream);
            }
        }
        if head.target.split('?').next() == Some(EVENTS_PATH) && !head_only {
            serve_events(state, stream);
            return None;
        }
        let redirect = {
            let (lock, _) = &*state;
            lock.lock().ok().and_then(|s| {
                folder_redirect(&head.target, &s.output)
                    .or_else(|| folder_redirect(&head.target, &s.data))
            })
        };
        if let Some(to) = redirect {
            let extra = format!("Location: {to}\r\n");
            let body = format!("moved to {to}\n");
            if write_response(
                &mut stream,
                301,
                text,
                body.as_bytes(),
                &extra,
                head_only,
                close,
            )
            .is_err()
            {
                return None;
            }
            if close {
                return Some(stream);
            }
            continue;
        }
        let (status, ct, body) = respond(&state, &head.target);
        if write_response(&mut stream, status, ct, &body, "", head_only, close).is_err() {
            return None;
        }
        if close {
            return Some(stream);
        }
    }
}

/// Decrements the connection count when a connection's thread ends.
struct Slot(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// Starts the HTTP server on a thread. Returns the bound address.
///
/// It answers `GET` and `HEAD` only (`405` otherwise), never reads a
/// request body, answers only requests whose `Host` is its own address or
/// `localhost` (`421` otherwise), gives a client [`HEADER_TIMEOUT`] to send
/// a request's headers, and holds at most [`MAX_CONNECTIONS`] connections.
pub fn start_server(bind: &str, port: u16, state: Shared) -> Result<std::net::SocketAddr, String> {
    let listener = std::net::TcpListener::bind((bind, port)).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            format!(
                "cannot listen on {bind}:{port}: the address is already in use (another `personvern serve`?); choose another port (--port {}) or let the system pick a free one (--port 0)",
                port.wrapping_add(1).max(1024)
            )
        } else {
            format!("cannot listen on {bind}:{port}: {e}")
        }
    })?;
    no_delay(&listener);
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot listen on {bind}:{port}: {e}"))?;
    let active = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let mut stream = match conn {
                Ok(s) => s,
                Err(_) => {
                    // Out of descriptors, or a connection reset before it
                    // was accepted: try again shortly.
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            if active.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= MAX_CONNECTIONS {
                active.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                // Discard what the client already sent (without waiting),
                // so that closing does not reset the connection and lose
                // the answer.
                if stream.set_nonblocking(true).is_ok() {
                    use std::io::Read;
                    let mut sink = [0u8; 4096];
                    for _ in 0..16 {
                        if !matches!(stream.read(&mut sink), Ok(n) if n > 0) {
                            break;
                        }
                    }
                    let _ = stream.set_nonblocking(false);
                }
                let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
                let _ = write_response(
                    &mut stream,
                    503,
                    "text/plain; charset=utf-8",
                    b"too many connections\n",
                    "Retry-After: 1\r\n",
                    false,
                    true,
                );
                let _ = stream.shutdown(std::net::Shutdown::Write);
                continue;
            }
            let slot = Slot(active.clone());
            let st = state.clone();
            // Each connection on its own thread: a client that stops
            // reading must not block everyone else.
            let spawned = std::thread::Builder::new().spawn(move || {
                let _slot = slot;
                handle_connection(stream, addr, st);
            });
            drop(spawned);
        }
    });
    Ok(addr)
}

/// Publishes the Markdown and JSON files of the last good build (from
/// [`Rebuilder::finish`]), without a reload event: the pages did not change.
pub fn publish_data(state: &Shared, data: Arc<Output>) {
    let (lock, _) = &**state;
    if let Ok(mut s) = lock.lock() {
        s.data = data;
    }
}

/// The overlay's text of a failed build: the number of errors and
/// warnings, then the findings with paths relative to the site folder (the
/// folder of its `personvern.toml`, the first file read).
pub fn overlay_text(r: &crate::Report) -> String {
    let (e, w) = (r.diagnostics.error_count(), r.diagnostics.warning_count());
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut head = count(e, "error", "errors");
    if w > 0 {
        head.push_str(&format!(", {}", count(w, "warning", "warnings")));
    }
    let mut text = diagnostics::render_all(&r.diagnostics, &r.sources, false);
    let site = r
        .sources
        .files()
        .next()
        .filter(|f| f.path.file_name().is_some_and(|n| n == "personvern.toml"))
        .and_then(|f| f.path.parent())
        .map(|p| p.display().to_string())
        .filter(|p| !p.is_empty());
    if let Some(site) = site {
        text = text.replace(&format!("--> {site}/"), "--> ");
    }
    format!("{head}\n\n{text}")
}

/// Records a build attempt in the shared state and wakes event streams.
pub fn publish(state: &Shared, attempt: &Attempt) {
    let (lock, cvar) = &**state;
    if let Ok(mut s) = lock.lock() {
        match attempt {
            Attempt::Ok(out, _) => {
                s.output = out.clone();
                s.error = None;
            }
            Attempt::Failed(r) => s.error = Some(overlay_text(r)),
        }
        s.version += 1;
    }
    cvar.notify_all();
}

#[cfg(test)]
mod overlay_tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).expect("copy");
            }
        }
    }

    #[test]
    fn the_overlay_counts_findings_and_shows_paths_relative_to_the_site() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let site = tmp.path().join("site");
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("content/starter"),
            &site,
        );
        let f = site.join("content/processing.toml");
        let text = std::fs::read_to_string(&f).expect("read");
        std::fs::write(
            &f,
            text.replacen("legal_basis = \"consent\"", "legal_basis = \"consnet\"", 1),
        )
        .expect("write");
        let report = crate::check(&site);
        let shown = overlay_text(&report);
        assert!(shown.starts_with("1 error\n\n"), "{shown}");
        assert!(shown.contains("--> content/processing.toml:"), "{shown}");
        assert!(
            !shown.contains(&tmp.path().display().to_string()),
            "{shown}"
        );
    }
}
