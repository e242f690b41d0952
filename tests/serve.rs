//! `personvern serve` and `personvern watch`, end to end: the real binary
//! runs as a child process on a copy of the starter site; the tests talk to
//! it over plain TCP (no HTTP client dependency) and watch its output
//! folder. Every wait is a poll with a deadline, never a fixed sleep, and
//! nothing asserts on timing.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

/// How long any single wait may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(15);
/// Pause between two polls.
const POLL: Duration = Duration::from_millis(20);

/// Polls `f` until it returns `Ok`, or panics after [`DEADLINE`] with the
/// last `Err` (a description of what was seen instead).
fn wait_for<T>(what: &str, mut f: impl FnMut() -> Result<T, String>) -> T {
    let end = Instant::now() + DEADLINE;
    loop {
        match f() {
            Ok(x) => return x,
            Err(last) => {
                if Instant::now() >= end {
                    panic!("timed out after {DEADLINE:?} waiting for {what}; last seen:\n{last}");
                }
            }
        }
        thread::sleep(POLL);
    }
}

/// A running `personvern` child process. Killed (and reaped) on drop, so a
/// failing assertion never leaks a server.
struct Proc {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

fn drain(mut r: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let buf = Arc::new(Mutex::new(String::new()));
    let b = buf.clone();
    thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        loop {
            match r.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if let Ok(mut s) = b.lock() {
                        s.push_str(&String::from_utf8_lossy(&chunk[..n]));
                    }
                }
            }
        }
    });
    buf
}

impl Proc {
    fn spawn(args: &[&str], cwd: &Path) -> Proc {
        let mut child = spawn_piped(args, cwd);
        let stdout = drain(child.stdout.take().expect("stdout"));
        let stderr = drain(child.stderr.take().expect("stderr"));
        Proc {
            child,
            stdout,
            stderr,
        }
    }

    fn stdout(&self) -> String {
        self.stdout.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Fails if the child has exited (with its stderr), so a crash is
    /// reported as such rather than as a timeout.
    fn alive(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(Some(status)) => panic!(
                "personvern exited early with {status}\nstdout:\n{}\nstderr:\n{}",
                self.stdout(),
                self.stderr()
            ),
            _ => Ok(()),
        }
    }

    /// Waits until the watcher is installed ("Watching … for changes" on
    /// stderr): an edit made before that would legitimately be missed.
    fn wait_watching(&mut self) {
        wait_for("the watcher to start", || {
            self.alive()?;
            let e = self.stderr();
            if e.contains("Watching ") {
                Ok(())
            } else {
                Err(e)
            }
        });
    }

    /// Waits until stderr, from byte `from` on, contains every needle in
    /// order (e.g. a diagnostic and then the "build failed" line of the same
    /// attempt).
    fn wait_stderr_seq(&mut self, from: usize, needles: &[&str]) -> String {
        wait_for(&format!("stderr to show {needles:?}"), || {
            self.alive()?;
            let e = self.stderr();
            let mut rest = e.get(from..).unwrap_or("");
            for n in needles {
                match rest.find(n) {
                    Some(i) => rest = &rest[i + n.len()..],
                    None => return Err(e.clone()),
                }
            }
            Ok(e[from..].to_string())
        })
    }

    /// Number of times `needle` occurs on stderr.
    fn stderr_count(&self, needle: &str) -> usize {
        self.stderr().matches(needle).count()
    }

    /// Waits until `needle` occurs on stderr more than `before` times.
    fn wait_stderr_count(&mut self, needle: &str, before: usize) {
        wait_for(&format!("stderr to show {needle:?} again"), || {
            self.alive()?;
            if self.stderr_count(needle) > before {
                Ok(())
            } else {
                Err(self.stderr())
            }
        });
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `personvern serve <site> --port 0`, once it serves and watches.
fn start_serve(site: &Path) -> (Proc, u16) {
    let mut p = Proc::spawn(
        &["serve", site.to_str().expect("utf-8 path"), "--port", "0"],
        site.parent().expect("parent"),
    );
    let port = wait_for("the `Serving … at http://127.0.0.1:PORT/` line", || {
        p.alive()?;
        let out = p.stdout();
        let line = out
            .lines()
            .find(|l| l.starts_with("Serving ") && l.ends_with('/'))
            .ok_or_else(|| format!("stdout: {out:?}\nstderr: {}", p.stderr()))?;
        let rest = line
            .split("http://127.0.0.1:")
            .nth(1)
            .ok_or_else(|| format!("no loopback URL in {line:?}"))?;
        rest.trim_end_matches('/')
            .parse::<u16>()
            .map_err(|e| format!("{line:?}: {e}"))
    });
    assert!(port > 0);
    p.wait_watching();
    (p, port)
}

/// A parsed HTTP response.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `GET <target>` exactly as written (no normalisation of `..`) and
/// reads the whole response.
fn get(port: u16, target: &str) -> Result<Response, String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(DEADLINE))
        .map_err(|e| e.to_string())?;
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| format!("write: {e}"))?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| format!("read: {e}"))?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("no header end in {:?}", String::from_utf8_lossy(&raw)))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| format!("bad status line {status_line:?}"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let resp = |body: Vec<u8>| Response {
        status,
        headers: headers.clone(),
        body: String::from_utf8_lossy(&body).into_owned(),
    };
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        let mut out = Vec::new();
        let mut rest = &body[..];
        loop {
            let eol = rest
                .windows(2)
                .position(|w| w == b"\r\n")
                .ok_or("truncated chunk")?;
            let size = usize::from_str_radix(
                String::from_utf8_lossy(&rest[..eol])
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim(),
                16,
            )
            .map_err(|e| format!("chunk size: {e}"))?;
            if size == 0 {
                break;
            }
            let start = eol + 2;
            out.extend_from_slice(rest.get(start..start + size).ok_or("truncated chunk")?);
            rest = rest.get(start + size + 2..).unwrap_or(&[]);
        }
        return Ok(resp(out));
    }
    if let Some(len) = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        if body.len() < len {
            return Err(format!("short body: {} of {len} bytes", body.len()));
        }
        body.truncate(len);
    }
    Ok(resp(body))
}

/// Polls `GET target` until `ok` holds for a 200 response; returns it.
fn wait_page(
    p: &mut Proc,
    port: u16,
    target: &str,
    what: &str,
    ok: impl Fn(&str) -> bool,
) -> String {
    wait_for(what, || {
        p.alive()?;
        let r = get(port, target)?;
        if r.status == 200 && ok(&r.body) {
            Ok(r.body)
        } else {
            Err(format!("status {}\n{}", r.status, r.body))
        }
    })
}

/// `personvern watch SITE -o TMP/out`, once it is watching.
fn start_watch(tmp: &tempfile::TempDir, site: &Path) -> (Proc, PathBuf) {
    let out = tmp.path().join("out");
    let mut p = Proc::spawn(
        &[
            "watch",
            site.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ],
        tmp.path(),
    );
    p.wait_watching();
    (p, out)
}

/// A Server-Sent Events connection to `/__personvern/events`.
struct Events {
    stream: TcpStream,
    buf: String,
    /// Byte offset in `buf` up to which events have been consumed.
    seen: usize,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect for events");
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("read timeout");
        write!(
            stream,
            "GET /__personvern/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send events request");
        let mut ev = Events {
            stream,
            buf: String::new(),
            seen: 0,
        };
        // The stream is subscribed once the server has sent its head and the
        // first comment; only edits after this point are sure to be reported.
        ev.wait("the event stream to open", |b| b.contains(": connected"));
        let head_end = ev.buf.find("\r\n\r\n").expect("header end");
        let head = ev.buf[..head_end].to_string();
        assert!(head.starts_with("HTTP/1.1 200"), "events answer: {head}");
        assert!(
            head.to_ascii_lowercase()
                .contains("content-type: text/event-stream"),
            "events content type: {head}"
        );
        ev.seen = ev.buf.len();
        ev
    }

    fn read_some(&mut self) -> Result<(), String> {
        let mut chunk = [0u8; 4096];
        match self.stream.read(&mut chunk) {
            Ok(0) => Err(format!("event stream closed; got:\n{}", self.buf)),
            Ok(n) => {
                self.buf.push_str(&String::from_utf8_lossy(&chunk[..n]));
                Ok(())
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                Ok(())
            }
            Err(e) => Err(format!("event stream: {e}")),
        }
    }

    fn wait(&mut self, what: &str, ok: impl Fn(&str) -> bool) {
        let end = Instant::now() + DEADLINE;
        loop {
            if ok(&self.buf[self.seen..]) {
                return;
            }
            if let Err(e) = self.read_some() {
                panic!("{what}: {e}");
            }
            if Instant::now() >= end {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}; stream so far:\n{}",
                    self.buf
                );
            }
        }
    }

    /// Waits for an `event: reload` that arrived after the last one consumed,
    /// and consumes everything received so far.
    fn wait_reload(&mut self, what: &str) {
        self.wait(what, |b| b.contains("event: reload\ndata: "));
        self.seen = self.buf.len();
    }
}

/// Replaces the file as atomic-save editors do (VS Code with some file
/// systems, gedit, JetBrains "safe write"): the new contents go to a
/// scratch file in the same folder, which is then renamed over the original.
fn save_by_rename(site: &Path, rel: &str, from: &str, to: &str) {
    let p = site.join(rel);
    let s = fs::read_to_string(&p).expect("read");
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    let tmp = p.with_file_name(format!(
        ".goutputstream-{}",
        p.file_name().expect("name").to_string_lossy()
    ));
    fs::write(&tmp, s.replacen(from, to, 1)).expect("write scratch file");
    fs::rename(&tmp, &p).expect("rename over the original");
}

const PROCESSING: &str = "content/processing.toml";
const PURPOSE: &str = "Svare på spørsmål du sender oss.";
const NB_PRIVACY: &str = "/nb/personvern/";

#[test]
fn serve_pages_headers_and_reload_script() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);

    let r = get(port, NB_PRIVACY).expect("GET the nb privacy page");
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert!(r.body.contains(PURPOSE), "page lacks the activity purpose");
    assert!(
        r.body.contains("/__personvern/events") && r.body.contains("EventSource"),
        "served HTML lacks the reload script"
    );
    assert!(
        r.body.find("/__personvern/events") < r.body.rfind("</body>"),
        "the reload script is not inside <body>"
    );
    assert!(
        !r.body.contains("personvern-error"),
        "overlay on a good build"
    );

    for target in [
        "/",
        "/index.html",
        "/en/privacy/",
        "/nb/personvern/",
        "/nb/personvern/index.html?x=1",
    ] {
        let r = get(port, target).expect("GET");
        assert_eq!(r.status, 200, "{target}");
        assert!(
            r.header("Content-Type")
                .is_some_and(|c| c.starts_with("text/html")),
            "{target}"
        );
        assert!(
            r.body.contains("/__personvern/events"),
            "{target}: no reload script"
        );
    }

    // A folder without its trailing slash redirects, as a static host does.
    for (target, to) in [
        ("/nb/personvern", "/nb/personvern/"),
        ("/en/privacy?x=1", "/en/privacy/?x=1"),
    ] {
        let r = get(port, target).expect("GET folder");
        assert_eq!(r.status, 301, "{target}");
        assert_eq!(r.header("Location"), Some(to), "{target}");
    }
    let file = get(port, "/nb/personvern/index.html").expect("GET file");
    assert_eq!(file.status, 200, "a file is not redirected");

    let css = get(port, "/assets/personvern.css").expect("GET css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("Content-Type"), Some("text/css; charset=utf-8"));
    assert!(!css.body.is_empty());
    assert!(
        !css.body.contains("EventSource"),
        "script injected into CSS"
    );

    let missing = get(port, "/no/such/page/").expect("GET missing");
    assert_eq!(missing.status, 404);
    assert!(missing
        .header("Content-Type")
        .is_some_and(|c| c.starts_with("text/html")));
    assert!(
        missing.body.contains("<html") && missing.body.contains("404"),
        "{}",
        missing.body
    );

    for evil in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2f..%2f..%2fetc%2fpasswd",
        "/nb/../../../etc/passwd",
        "/..\\..\\etc\\passwd",
        "/%00",
        "/%zz",
        "//etc/passwd",
    ] {
        let r = get(port, evil).expect("GET traversal");
        assert_eq!(r.status, 404, "{evil} gave {}:\n{}", r.status, r.body);
        assert!(!r.body.contains("root:"), "{evil} leaked a file");
    }
    p.alive().expect("still running");
}

#[test]
fn serve_live_reload_through_good_bad_and_fixed_edits() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let mut events = Events::open(port);

    // A good edit: a reload event, then the new text.
    let v1 = "Svare på spørsmål (versjon 1).";
    edit(&site, PROCESSING, PURPOSE, v1);
    events.wait_reload("a reload after a good edit");
    wait_page(&mut p, port, NB_PRIVACY, "the new text", |b| {
        b.contains(v1) && !b.contains(PURPOSE) && !b.contains("personvern-error")
    });
    // The Markdown and JSON made from the pages follow (published just after them).
    wait_page(
        &mut p,
        port,
        "/nb/personvern/index.md",
        "the new Markdown",
        |b| b.contains(v1) && !b.contains(PURPOSE),
    );
    wait_page(&mut p, port, "/api/nb.json", "the new notice JSON", |b| {
        b.contains(v1) && !b.contains(PURPOSE)
    });

    // A bad edit (unknown key): a reload event; the last good page with the
    // error overlay on top.
    edit(
        &site,
        PROCESSING,
        "name = { nb = \"Henvendelser\"",
        "nmae = { nb = \"Henvendelser\"",
    );
    events.wait_reload("a reload after a bad edit");
    let body = wait_page(&mut p, port, NB_PRIVACY, "the error overlay", |b| {
        b.contains("id=\"personvern-error\"") && b.contains("nmae")
    });
    assert!(body.contains(v1), "the last good text is gone:\n{body}");
    let overlay = &body[body.find("id=\"personvern-error\"").expect("overlay")..];
    assert!(
        overlay.contains("unknown key"),
        "no diagnostic in overlay:\n{overlay}"
    );
    assert!(
        overlay.contains("nmae"),
        "overlay does not name the key:\n{overlay}"
    );
    assert!(
        overlay.contains("processing.toml"),
        "overlay does not name the file:\n{overlay}"
    );
    assert!(
        overlay.contains("did you mean"),
        "overlay lacks the hint:\n{overlay}"
    );
    assert!(
        body.contains("/__personvern/events"),
        "no reload script with overlay"
    );
    // Other pages, the 404 page too, show the overlay.
    let en = get(port, "/en/privacy/").expect("GET en");
    assert!(en.body.contains("id=\"personvern-error\""));
    let missing = get(port, "/nope").expect("GET 404");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("id=\"personvern-error\""));
    // CSS is never touched.
    // A folder without its trailing slash redirects, as a static host does.
    for (target, to) in [
        ("/nb/personvern", "/nb/personvern/"),
        ("/en/privacy?x=1", "/en/privacy/?x=1"),
    ] {
        let r = get(port, target).expect("GET folder");
        assert_eq!(r.status, 301, "{target}");
        assert_eq!(r.header("Location"), Some(to), "{target}");
    }
    let file = get(port, "/nb/personvern/index.html").expect("GET file");
    assert_eq!(file.status, 200, "a file is not redirected");

    let css = get(port, "/assets/personvern.css").expect("GET css");
    assert!(!css.body.contains("personvern-error"));

    // Broken TOML: still the last good text, now with a syntax error.
    fs::write(
        site.join(PROCESSING),
        fs::read_to_string(site.join(PROCESSING)).expect("read") + "\n[broken\n",
    )
    .expect("write");
    events.wait_reload("a reload after broken TOML");
    let body = wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the TOML syntax error overlay",
        |b| b.contains("id=\"personvern-error\"") && b.contains("toml-syntax"),
    );
    assert!(body.contains(v1), "the last good text is gone:\n{body}");
    assert!(!body.contains("nmae = "), "a failed build was published");

    // Fixed: no overlay, the newest text.
    let v2 = "Svare på spørsmål (versjon 2).";
    let fixed = fs::read_to_string(site.join(PROCESSING))
        .expect("read")
        .replace("\n[broken\n", "\n")
        .replace("nmae = ", "name = ")
        .replace(v1, v2);
    fs::write(site.join(PROCESSING), fixed).expect("write");
    events.wait_reload("a reload after the fix");
    wait_page(&mut p, port, NB_PRIVACY, "the fixed page", |b| {
        b.contains(v2) && !b.contains(v1) && !b.contains("personvern-error")
    });
    let missing = get(port, "/nope").expect("GET 404");
    assert!(
        !missing.body.contains("personvern-error"),
        "404 keeps a stale overlay"
    );
    p.alive().expect("still running");
}

#[test]
fn serve_picks_up_save_by_rename() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let mut events = Events::open(port);

    let v1 = "Lagret via omdøping.";
    save_by_rename(&site, PROCESSING, PURPOSE, v1);
    events.wait_reload("a reload after a save by rename");
    wait_page(&mut p, port, NB_PRIVACY, "text saved by rename", |b| {
        b.contains(v1) && !b.contains("personvern-error")
    });

    // And again on the (new) file, which now has another inode.
    let v2 = "Lagret via omdøping igjen.";
    save_by_rename(&site, PROCESSING, v1, v2);
    events.wait_reload("a reload after a second save by rename");
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "text saved by a second rename",
        |b| b.contains(v2) && !b.contains(v1),
    );

    // vim's default on Unix: move the original to a backup (`file~`), write
    // a new file under the old name, delete the backup.
    let v3 = "Lagret som vim gjør.";
    let path = site.join(PROCESSING);
    let backup = site.join(format!("{PROCESSING}~"));
    let text = fs::read_to_string(&path).expect("read").replacen(v2, v3, 1);
    fs::rename(&path, &backup).expect("backup");
    fs::write(&path, text).expect("write new file");
    fs::remove_file(&backup).expect("remove backup");
    events.wait_reload("a reload after a vim-style save");
    wait_page(&mut p, port, NB_PRIVACY, "text saved vim-style", |b| {
        b.contains(v3) && !b.contains(v2) && !b.contains("personvern-error")
    });
}

#[test]
fn serve_picks_up_new_and_deleted_content_files() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let mut events = Events::open(port);

    let extra = site.join("content/extra.toml");
    fs::write(
        &extra,
        "[sections.extra]\ntitle = { nb = \"Ekstra seksjon\", en = \"Extra section\" }\nbody = { nb = \"Tekst i en ny fil.\", en = \"Text in a new file.\" }\n",
    )
    .expect("write new file");
    events.wait_reload("a reload after a new file");
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the section from the new file",
        |b| b.contains("Tekst i en ny fil.") && !b.contains("personvern-error"),
    );
    wait_page(
        &mut p,
        port,
        "/en/privacy/",
        "the English section from the new file",
        |b| b.contains("Text in a new file."),
    );

    // A new sub-folder, then a file in it. (The watcher adds a watch for a
    // new folder when it sees it created; the folder alone triggers a
    // rebuild, so waiting for that reload makes the order certain.)
    fs::create_dir_all(site.join("content/more")).expect("mkdir");
    events.wait_reload("a reload after a new folder");
    fs::write(
        site.join("content/more/deep.toml"),
        "[sections.deep]\ntitle = { nb = \"Dyp\", en = \"Deep\" }\nbody = { nb = \"Fra en undermappe.\", en = \"From a sub-folder.\" }\n",
    )
    .expect("write nested file");
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the section from the new folder",
        |b| b.contains("Fra en undermappe."),
    );
    events.wait_reload("a reload after a file in the new folder");

    fs::remove_file(&extra).expect("delete");
    events.wait_reload("a reload after a deletion");
    wait_page(&mut p, port, NB_PRIVACY, "the section to disappear", |b| {
        !b.contains("Tekst i en ny fil.")
            && b.contains("Fra en undermappe.")
            && !b.contains("personvern-error")
    });

    fs::remove_dir_all(site.join("content/more")).expect("delete folder");
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the folder's section to disappear",
        |b| !b.contains("Fra en undermappe.") && b.contains(PURPOSE),
    );
}

#[test]
fn serve_ignores_output_and_scratch_files() {
    // Files in ignored places (hidden folders, editor scratch files, the
    // output folder) must not break the site; a later real edit still works.
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    fs::create_dir_all(site.join(".git")).expect("mkdir");
    fs::write(site.join(".git/index"), "x").expect("write");
    fs::write(site.join("content/.processing.toml.swp"), "not toml [").expect("write");
    fs::write(site.join("content/processing.toml~"), "not toml [").expect("write");
    fs::create_dir_all(site.join("public")).expect("mkdir");
    fs::write(site.join("public/x.html"), "x").expect("write");
    let v1 = "Etter skrapfiler.";
    edit(&site, PROCESSING, PURPOSE, v1);
    let body = wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the edit after scratch files",
        |b| b.contains(v1),
    );
    assert!(
        !body.contains("personvern-error"),
        "a scratch file was read:\n{body}"
    );
}

/// Metadata of a file that must not be rewritten: inode (on Unix) and mtime.
fn identity(p: &Path) -> (u64, std::time::SystemTime) {
    let m = fs::metadata(p).expect("metadata");
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(&m);
    #[cfg(not(unix))]
    let ino = 0;
    (ino, m.modified().expect("mtime"))
}

#[test]
fn watch_rebuilds_keeps_last_good_output_and_skips_unchanged_files() {
    let (tmp, site) = starter();
    let (mut p, out) = start_watch(&tmp, &site);
    let page = out.join("nb/personvern/index.html");
    let css = out.join("assets/personvern.css");
    wait_for("the first output", || {
        if out.join(".personvern-output").exists() && page.exists() && css.exists() {
            Ok(())
        } else {
            Err(p.stderr())
        }
    });
    let first = fs::read_to_string(&page).expect("read page");
    assert!(first.contains(PURPOSE));
    assert!(
        !first.contains("/__personvern/events"),
        "watch output has the reload script"
    );
    let css_id = identity(&css);

    // A good edit: the page changes, the stylesheet is left alone.
    let rebuilt = "files changed in";
    let before = p.stderr_count(rebuilt);
    let v1 = "Svare på spørsmål (watch 1).";
    edit(&site, PROCESSING, PURPOSE, v1);
    wait_for("the page to change", || {
        let s = fs::read_to_string(&page).map_err(|e| e.to_string())?;
        if s.contains(v1) {
            Ok(())
        } else {
            Err(p.stderr())
        }
    });
    p.wait_stderr_count(rebuilt, before);
    assert_eq!(identity(&css), css_id, "an unchanged file was rewritten");
    let good = tree(&out);
    assert!(String::from_utf8_lossy(&good["nb/personvern/index.html"]).contains(v1));
    // The Markdown and JSON made from the pages are written after them (the
    // end of this test compares the whole folder with a clean build).
    for f in ["nb/personvern/index.md", "api/nb.json"] {
        assert!(
            String::from_utf8_lossy(&good[f]).contains(v1),
            "{f} is stale"
        );
    }
    // A bad edit: nothing in the output changes, and stderr explains why.
    // (Wait for the diagnostic, then the "build failed" line of the same
    // attempt: an editor's write may also be seen half-done, as an empty
    // file, which fails differently.)
    let from = p.stderr().len();
    edit(
        &site,
        PROCESSING,
        "name = { nb = \"Henvendelser\"",
        "nmae = { nb = \"Henvendelser\"",
    );
    let err = p.wait_stderr_seq(from, &["unknown key `nmae`", "build failed"]);
    assert!(
        err.contains("processing.toml"),
        "diagnostic without file:\n{err}"
    );
    assert!(
        err.contains("did you mean `name`?"),
        "diagnostic without hint:\n{err}"
    );
    assert!(tree(&out) == good, "a failed build changed the output");

    // Broken TOML: same.
    let from = p.stderr().len();
    fs::write(
        site.join(PROCESSING),
        fs::read_to_string(site.join(PROCESSING)).expect("read") + "\n[broken\n",
    )
    .expect("write");
    p.wait_stderr_seq(from, &["toml-syntax", "build failed"]);
    assert!(tree(&out) == good, "a failed build changed the output");
    assert_eq!(identity(&css), css_id);

    // The next good edit recovers.
    let v2 = "Svare på spørsmål (watch 2).";
    let fixed = fs::read_to_string(site.join(PROCESSING))
        .expect("read")
        .replace("\n[broken\n", "\n")
        .replace("nmae = ", "name = ")
        .replace(v1, v2);
    fs::write(site.join(PROCESSING), fixed).expect("write");
    wait_for("the page to recover", || {
        let s = fs::read_to_string(&page).map_err(|e| e.to_string())?;
        if s.contains(v2) && !s.contains(v1) {
            Ok(())
        } else {
            Err(p.stderr())
        }
    });
    assert_eq!(identity(&css), css_id, "an unchanged file was rewritten");

    // The incremental output matches a clean build of the same site (watch
    // does not minify, so the build is unminified too).
    let clean = tmp.path().join("clean");
    let b = run(
        &[
            "build",
            site.to_str().expect("utf-8"),
            "--output",
            clean.to_str().expect("utf-8"),
            "--no-minify",
        ],
        tmp.path(),
    );
    assert!(b.status.success(), "{}", stderr(&b));
    wait_for("watch output to equal a clean build", || {
        let mut w = tree(&out);
        let mut c = tree(&clean);
        w.remove(".personvern-output");
        c.remove(".personvern-output");
        let differ: Vec<&String> = w
            .keys()
            .chain(c.keys())
            .filter(|k| w.get(*k) != c.get(*k))
            .collect();
        if differ.is_empty() {
            Ok(())
        } else {
            Err(format!("files that differ: {differ:?}"))
        }
    });
    p.alive().expect("still running");
}

#[test]
fn watch_removes_files_no_longer_produced() {
    // Renaming a page (a new slug) removes the old file from the output.
    let (tmp, site) = starter();
    let (mut p, out) = start_watch(&tmp, &site);
    let en = out.join("en/privacy/index.html");
    wait_for("the English page", || {
        if en.exists() {
            Ok(())
        } else {
            Err(p.stderr())
        }
    });
    append(
        &site,
        "personvern.toml",
        "\n[site.slugs.en]\nprivacy = \"privacy-notice\"\n",
    );
    wait_for("the English page to be removed", || {
        p.alive()?;
        if en.exists() {
            Err(p.stderr())
        } else {
            Ok(())
        }
    });
    let renamed =
        fs::read_to_string(out.join("en/privacy-notice/index.html")).expect("renamed page");
    assert!(renamed.contains("Answer questions you send us."));
    assert!(out.join("nb/personvern/index.html").exists());
}

#[test]
fn serve_reloads_site_locales_templates_and_static_files() {
    // Changes outside content/ need the cached templates and Fluent bundles
    // rebuilt; they must show up like data edits do.
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let mut events = Events::open(port);
    let heading = |b: &str| b.contains("<h2 id=\"pv-toc\">Innhold</h2>");
    assert!(
        heading(&get(port, NB_PRIVACY).expect("GET").body),
        "default heading"
    );

    fs::create_dir_all(site.join("locales/nb")).expect("mkdir");
    fs::write(
        site.join("locales/nb/main.ftl"),
        "toc-heading = Innholdsliste A\n",
    )
    .expect("write");
    events.wait_reload("a reload after a new locale file");
    wait_page(&mut p, port, NB_PRIVACY, "the overridden message", |b| {
        b.contains("<h2 id=\"pv-toc\">Innholdsliste A</h2>")
    });
    fs::write(
        site.join("locales/nb/main.ftl"),
        "toc-heading = Innholdsliste B\n",
    )
    .expect("write");
    wait_page(&mut p, port, NB_PRIVACY, "the edited message", |b| {
        b.contains("<h2 id=\"pv-toc\">Innholdsliste B</h2>")
    });
    // A data edit after a locale edit keeps the override (cached bundles).
    let v1 = "Etter lokal melding.";
    edit(&site, PROCESSING, PURPOSE, v1);
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the data edit with the override kept",
        |b| b.contains(v1) && b.contains("Innholdsliste B"),
    );

    fs::create_dir_all(site.join("static")).expect("mkdir");
    fs::write(site.join("static/notice.txt"), "hello from static\n").expect("write");
    let txt = wait_for("the new static file", || {
        p.alive()?;
        let r = get(port, "/assets/notice.txt")?;
        if r.status == 200 {
            Ok(r)
        } else {
            Err(format!("status {}", r.status))
        }
    });
    assert_eq!(txt.body, "hello from static\n");
    assert_eq!(
        txt.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );

    // A broken template override: overlay, last good page; removed: back.
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(site.join("templates/index.html"), "{% if %}broken").expect("write");
    let body = wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the template error overlay",
        |b| {
            b.find("id=\"personvern-error\"")
                .is_some_and(|i| b[i..].contains("template-syntax"))
        },
    );
    assert!(body.contains(v1), "last good page gone:\n{body}");
    fs::remove_file(site.join("templates/index.html")).expect("rm");
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the overlay to go after removing the template",
        |b| !b.contains("personvern-error") && b.contains(v1),
    );

    fs::remove_dir_all(site.join("locales")).expect("rm");
    wait_page(&mut p, port, NB_PRIVACY, "the built-in message back", |b| {
        heading(b) && b.contains(v1)
    });
}

#[test]
fn serve_starts_on_a_broken_site_and_recovers() {
    let (_tmp, site) = starter();
    edit(
        &site,
        PROCESSING,
        "name = { nb = \"Henvendelser\"",
        "nmae = { nb = \"Henvendelser\"",
    );
    let (mut p, port) = start_serve(&site);
    let mut events = Events::open(port);
    let r = get(port, NB_PRIVACY).expect("GET");
    assert_eq!(r.status, 404, "no good build yet, so no page");
    assert!(r.body.contains("id=\"personvern-error\""), "{}", r.body);
    assert!(r.body.contains("nmae"));
    assert!(
        r.body.contains("/__personvern/events"),
        "the 404 page must reload too"
    );

    edit(&site, PROCESSING, "nmae = ", "name = ");
    events.wait_reload("a reload after the fix");
    wait_page(&mut p, port, NB_PRIVACY, "the page after the fix", |b| {
        b.contains(PURPOSE) && !b.contains("personvern-error")
    });
}

#[test]
fn serve_one_stalled_client_does_not_block_others() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    // Client A pipelines many requests and then stops reading, like a
    // suspended tab or `curl … | less`: ~24 MB of pages that nobody reads.
    let mut a = TcpStream::connect(("127.0.0.1", port)).expect("connect A");
    a.set_read_timeout(Some(DEADLINE)).expect("timeout");
    let req = format!("GET {NB_PRIVACY} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let mut w = a.try_clone().expect("clone");
    let writer = thread::spawn(move || {
        for _ in 0..2000 {
            if w.write_all(req.as_bytes()).is_err() {
                break;
            }
        }
    });
    // Read the start of A's first response: the server is working on A.
    let mut first = [0u8; 64];
    let n = a.read(&mut first).expect("A gets an answer");
    assert!(String::from_utf8_lossy(&first[..n]).starts_with("HTTP/1.1 200"));
    // Other clients must still be served while A's responses pile up.
    for i in 0..50 {
        let r = get(port, "/assets/personvern.css")
            .unwrap_or_else(|e| panic!("request {i} of client B while A stalls: {e}"));
        assert_eq!(r.status, 200);
    }
    p.alive().expect("still running");
    drop(a);
    let _ = writer.join();
}

#[test]
fn serve_picks_up_an_edit_saved_during_the_first_build() {
    // Saves a new version of a data file every 40 ms from the moment serve
    // starts until it says it is watching. The first build reads the file
    // long before that (rendering takes most of the build), so the last
    // versions are saved while it renders. Whatever was saved last must be
    // served in the end. (A correct server passes whatever the timing; this
    // one misses the edits saved between its first read and the start of
    // its watcher.)
    let (_tmp, site) = starter();
    let mut p = Proc::spawn(
        &["serve", site.to_str().expect("utf-8"), "--port", "0"],
        site.parent().expect("parent"),
    );
    let mut current = PURPOSE.to_string();
    let end = Instant::now() + DEADLINE;
    for i in 0.. {
        if p.stderr().contains("Watching ") {
            break;
        }
        p.alive().expect("running");
        assert!(Instant::now() < end, "serve did not start:\n{}", p.stderr());
        let next = format!("Lagret under oppstart nr. {i}.");
        edit(&site, PROCESSING, &current, &next);
        current = next;
        thread::sleep(Duration::from_millis(40));
    }
    assert_ne!(current, PURPOSE, "no edit was saved during startup");
    let port = {
        let out = p.stdout();
        let line = out
            .lines()
            .find(|l| l.starts_with("Serving "))
            .expect("Serving line")
            .to_string();
        line.rsplit(':')
            .next()
            .and_then(|s| s.trim_end_matches('/').parse::<u16>().ok())
            .expect("port")
    };
    wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        &format!("{current:?}, saved during the first build"),
        |b| b.contains(&current),
    );
}

#[cfg(unix)]
#[test]
fn watch_output_files_are_as_readable_as_build_output() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, site) = starter();
    let (_watch, out) = start_watch(&tmp, &site);
    let clean = tmp.path().join("clean");
    let b = run(
        &[
            "build",
            site.to_str().expect("utf-8"),
            "-o",
            clean.to_str().expect("utf-8"),
        ],
        tmp.path(),
    );
    assert!(b.status.success(), "{}", stderr(&b));
    let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let mut wrong = Vec::new();
    for rel in tree(&clean).keys() {
        let (w, c) = (out.join(rel), clean.join(rel));
        if w.exists() && mode(&w) != mode(&c) {
            wrong.push(format!("{rel}: watch {:o}, build {:o}", mode(&w), mode(&c)));
        }
    }
    assert!(wrong.is_empty(), "modes differ:\n{}", wrong.join("\n"));
}

#[test]
fn serve_starts_from_the_render_cache_and_serves_the_same_archived_pages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let archived = "/nb/personvern/versjoner/1.0/";
    // First start (nothing cached for this folder): the archived pages are
    // rendered, then stored before the server starts.
    let (p, port) = start_serve(&site);
    assert!(!p.stderr().contains("from the cache"), "{}", p.stderr());
    let first = get(port, archived).expect("archived page");
    assert_eq!(first.status, 200);
    drop(p);
    // Second start: taken from the cache, and the same bytes are served.
    let (p, port) = start_serve(&site);
    assert!(
        p.stderr().contains(" archived pages from the cache"),
        "{}",
        p.stderr()
    );
    let second = get(port, archived).expect("archived page");
    assert_eq!(second.status, 200);
    assert_eq!(first.body, second.body);
    drop(p);
    // --no-cache renders them again.
    let mut p = Proc::spawn(
        &[
            "serve",
            site.to_str().expect("utf-8 path"),
            "--port",
            "0",
            "--no-cache",
        ],
        tmp.path(),
    );
    p.wait_watching();
    assert!(!p.stderr().contains("from the cache"), "{}", p.stderr());
}

#[test]
fn serve_survives_a_panicking_rebuild_and_keeps_the_last_good_page() {
    let (_t, site) = starter();
    // Test-only hook (see serve::test_panic_hook): a rebuild panics while
    // this file exists in the site folder. The child inherits the variable.
    std::env::set_var("PERSONVERN_TEST_PANIC", "panic-on-rebuild");
    let (mut p, port) = start_serve(&site);
    wait_page(&mut p, port, NB_PRIVACY, "the first page", |b| {
        b.contains(PURPOSE)
    });
    fs::write(site.join("panic-on-rebuild"), "").expect("write");
    edit(&site, PROCESSING, PURPOSE, "Helt ny tekst etter panikk.");
    let body = wait_page(
        &mut p,
        port,
        NB_PRIVACY,
        "the internal error overlay",
        |b| b.contains("id=\"personvern-error\""),
    );
    let overlay = &body[body.find("id=\"personvern-error\"").expect("overlay")..];
    assert!(
        overlay.contains("internal error while building"),
        "{overlay}"
    );
    assert!(overlay.contains("please report it"), "{overlay}");
    assert!(body.contains(PURPOSE), "the last good page is not served");
    assert!(!body.contains("Helt ny tekst etter panikk."));
    p.alive().expect("serve ended after a panicking rebuild");
    // Once the cause is gone, the next edit builds again.
    fs::remove_file(site.join("panic-on-rebuild")).expect("rm");
    edit(
        &site,
        PROCESSING,
        "Helt ny tekst etter panikk.",
        "Tekst etter bedring.",
    );
    wait_page(&mut p, port, NB_PRIVACY, "the recovered page", |b| {
        b.contains("Tekst etter bedring.") && !b.contains("id=\"personvern-error\"")
    });
}

/// Two mistakes saved at once (a legal basis that does not exist, a
/// country written `USA`): the overlay lists exactly those two errors, the
/// first mistake on top, with no follow-on error or warning, and the same
/// findings as `personvern check` gives for the same files.
#[test]
fn serve_overlay_lists_one_finding_per_mistake_with_the_real_one_on_top() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    wait_page(&mut p, port, NB_PRIVACY, "the first page", |b| {
        b.contains(PURPOSE)
    });
    let path = site.join(PROCESSING);
    let text = fs::read_to_string(&path).expect("read");
    for needle in ["legal_basis = \"legitimate_interests\"", "country = \"SE\""] {
        assert!(text.contains(needle), "starter has no {needle:?}");
    }
    let bad = text
        .replacen(
            "legal_basis = \"legitimate_interests\"",
            "legal_basis = \"contact\"",
            1,
        )
        .replacen("country = \"SE\"", "country = \"USA\"", 1);
    fs::write(&path, bad).expect("write");
    let body = wait_page(&mut p, port, NB_PRIVACY, "the error overlay", |b| {
        b.contains("id=\"personvern-error\"") && b.contains("USA")
    });
    let overlay = &body[body.find("id=\"personvern-error\"").expect("overlay")..];
    // The diagnostics, as in the terminal: the text of the <pre>.
    let overlay = &overlay[overlay.find("<pre").expect("a <pre> in the overlay")..];
    let overlay = &overlay[overlay.find('>').map_or(0, |i| i + 1)..];
    let overlay = &overlay[..overlay.find("</pre>").unwrap_or(overlay.len())];
    let findings: Vec<&str> = overlay
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("note["))
        .collect();
    assert_eq!(
        findings.len(),
        2,
        "expected one finding per mistake, got:\n{overlay}"
    );
    assert!(
        findings[0].starts_with("error[invalid-value]") && findings[0].contains("`contact`"),
        "the first mistake is not on top:\n{overlay}"
    );
    assert!(
        findings[1].starts_with("error[invalid-country]") && findings[1].contains("`USA`"),
        "the second mistake is not listed:\n{overlay}"
    );
    assert!(
        overlay.contains("did you mean &quot;contract&quot;?")
            || overlay.contains("did you mean \"contract\"?"),
        "{overlay}"
    );
    assert!(
        overlay.contains("&quot;US&quot;") || overlay.contains("\"US\""),
        "{overlay}"
    );
    assert!(
        !overlay.contains("not declared"),
        "a follow-on error:\n{overlay}"
    );

    // `check` on the same files reports the same two findings in the same order.
    let o = run(
        &["check", site.to_str().expect("utf-8 path")],
        site.parent().expect("parent"),
    );
    let check = stderr(&o);
    let checked: Vec<&str> = check
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning[") || l.starts_with("note["))
        .collect();
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let shown: Vec<String> = findings.iter().map(|l| unescape(l)).collect();
    assert_eq!(shown, checked, "serve and check disagree");
}

// ---------------------------------------------------------------------------
// The preview server's limits: methods, Host, header timeout, connections
// ---------------------------------------------------------------------------

/// Sends `request` as written and reads the answer until the server closes
/// the connection (or [`DEADLINE`]).
fn raw(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(DEADLINE)).expect("timeout");
    s.write_all(request).expect("write");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn serve_answers_only_get_and_head_and_reads_no_body() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"] {
        // Announces 200 MB and sends none of it: the answer must not wait
        // for the body.
        let r = raw(
            port,
            format!(
                "{method} / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 209715200\r\n\r\nxx"
            )
            .as_bytes(),
        );
        assert!(r.starts_with("HTTP/1.1 405"), "{method}: {r}");
        assert!(r.contains("Allow: GET, HEAD\r\n"), "{method}: {r}");
    }
    let r = raw(
        port,
        format!(
            "HEAD {NB_PRIVACY} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    );
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    let (head, body) = r.split_once("\r\n\r\n").expect("head");
    assert!(
        head.contains("Content-Length: ") && !head.contains("Content-Length: 0"),
        "{head}"
    );
    assert!(body.is_empty(), "HEAD answered with a body");
    // A GET with a body is answered, and the connection closed (the body
    // is never read).
    let r = raw(
        port,
        format!("GET {NB_PRIVACY} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 1000000\r\n\r\nabc")
            .as_bytes(),
    );
    assert!(r.starts_with("HTTP/1.1 200"), "{}", &r[..r.len().min(300)]);
    assert!(
        r.contains("Connection: close"),
        "{}",
        &r[..r.len().min(300)]
    );
    p.alive().expect("still running");
}

#[test]
fn serve_answers_only_its_own_address_or_localhost() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let ask = |host: &str| {
        let r = raw(
            port,
            format!("GET {NB_PRIVACY} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        r.split(' ').nth(1).unwrap_or("").to_string()
    };
    for host in [
        format!("127.0.0.1:{port}"),
        "127.0.0.1".to_string(),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
    ] {
        assert_eq!(ask(&host), "200", "Host: {host}");
    }
    // DNS rebinding: a name that resolves to 127.0.0.1 is still refused.
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        format!("10.0.0.1:{port}"),
    ] {
        assert_eq!(ask(&host), "421", "Host: {host}");
    }
    let r = raw(port, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert!(r.starts_with("HTTP/1.1 400"), "no Host: {r}");
    p.alive().expect("still running");
}

/// Threads of a running process (Linux).
fn threads(pid: u32) -> Option<usize> {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn serve_caps_connections_and_times_out_half_sent_headers() {
    let (_tmp, site) = starter();
    let (mut p, port) = start_serve(&site);
    let before = threads(p.child.id());
    // 200 slow clients, each with half a request.
    let mut slow = Vec::new();
    for _ in 0..200 {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .expect("write");
        slow.push(s);
    }
    thread::sleep(Duration::from_millis(500));
    if let (Some(b), Some(now)) = (before, threads(p.child.id())) {
        assert!(
            now <= b + 64 + 4,
            "{now} threads (from {b}) for 200 slow clients"
        );
    }
    // The server answers those beyond its cap at once with 503.
    let mut refused = 0;
    for s in &mut slow {
        s.set_read_timeout(Some(Duration::from_millis(100)))
            .expect("timeout");
        let mut b = [0u8; 12];
        if let Ok(n) = s.read(&mut b) {
            if String::from_utf8_lossy(&b[..n]).starts_with("HTTP/1.1 503") {
                refused += 1;
            }
        }
    }
    assert!(
        refused >= 200 - 64,
        "only {refused} of 200 connections were refused"
    );
    // Half-sent headers are dropped after the header timeout, and the
    // server is free again.
    let t = Instant::now();
    let s = &mut slow[0];
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut b = [0u8; 64];
    let n = s.read(&mut b).unwrap_or(0);
    assert!(
        n == 0 || String::from_utf8_lossy(&b[..n]).is_empty(),
        "answered a half request"
    );
    assert!(t.elapsed() < Duration::from_secs(15), "no header timeout");
    wait_for("a normal GET after the slow clients are dropped", || {
        let r = get(port, NB_PRIVACY)?;
        (r.status == 200)
            .then_some(())
            .ok_or(format!("status {}", r.status))
    });
    drop(slow);
    p.alive().expect("still running");
}

#[test]
fn serve_needs_allow_remote_to_listen_beyond_loopback() {
    let (_tmp, site) = starter();
    let out = run(
        &[
            "serve",
            site.to_str().expect("p"),
            "--bind",
            "0.0.0.0",
            "--port",
            "0",
        ],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--allow-remote"), "{err}");
    assert!(personvern::serve::is_loopback_bind("127.0.0.1"));
    assert!(personvern::serve::is_loopback_bind("::1"));
    assert!(personvern::serve::is_loopback_bind("localhost"));
    assert!(!personvern::serve::is_loopback_bind("0.0.0.0"));
    assert!(!personvern::serve::is_loopback_bind("192.168.1.10"));
}

#[test]
fn serve_on_a_port_in_use_suggests_another() {
    let (_t, site) = starter();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_personvern"))
        .args(["serve", site.to_str().expect("utf-8 path"), "--port", &port])
        .output()
        .expect("run serve");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("already in use"), "{err}");
    assert!(err.contains("--port 0"), "{err}");
    drop(taken);
}
