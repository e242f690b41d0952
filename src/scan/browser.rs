//! Chromium: found, and started headless with a new, empty profile (one
//! browser per consent state; a private context only to read robots.txt).
//!
//! Through the `headless_chrome` crate: a synchronous DevTools-protocol
//! client whose every call waits a bounded time (the transport's idle
//! timeout), with typed protocol methods and events, browser contexts, and
//! no browser download (its `fetch` feature is off).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::protocol::cdp::Runtime;
use headless_chrome::{Browser, LaunchOptions, Tab};

/// Names tried on PATH when `--browser` is not given.
const CANDIDATES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The Chromium to run: `--browser` if given (it must exist), else the
/// first of chromium, chromium-browser, google-chrome on PATH.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!(
                "--browser {}: no such file; install Debian's `chromium` (apt-get install chromium) or give the path of a Chromium or Chrome",
                p.display()
            ))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err("no Chromium found on PATH (looked for chromium, chromium-browser, google-chrome): install Debian's `chromium` (apt-get install chromium) or pass --browser PATH".to_string())
}

/// The flags Chromium runs with: headless, no GPU, nothing in the
/// background that talks to the network, and without the automation flag
/// (`navigator.webdriver` stays false), so that a site shows the scanner
/// the banner it shows visitors: cookieconsent hides itself from bots.
const ARGS: [&str; 10] = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-blink-features=AutomationControlled",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
];

/// Starts Chromium headless with a fresh profile (a new temporary
/// `--user-data-dir`, removed when the browser is dropped). Every protocol
/// call waits at most `call_timeout`.
pub fn launch(executable: &Path, call_timeout: Duration) -> Result<Running, String> {
    answers_version(executable)
        .map_err(|e| format!("could not start {} headless: {e}", executable.display()))?;
    let profile =
        fresh_profile().map_err(|e| format!("could not make a temporary browser profile: {e}"))?;
    // A debugging port chosen here: without one, the crate starts the
    // browser again on another port each time it finds no DevTools address
    // (up to 11 starts of 30 s each for a browser that dies at once).
    let port = std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("could not find a free port for the browser: {e}"))?;
    let args: Vec<&std::ffi::OsStr> = ARGS.iter().map(std::ffi::OsStr::new).collect();
    let opts = LaunchOptions {
        headless: true,
        sandbox: false,
        enable_gpu: false,
        path: Some(executable.to_path_buf()),
        ignore_certificate_errors: false,
        idle_browser_timeout: call_timeout,
        disable_default_args: true,
        args,
        window_size: Some((1280, 900)),
        user_data_dir: Some(profile.path().to_path_buf()),
        port: Some(port),
        ..LaunchOptions::default()
    };
    let browser = Browser::new(opts)
        .map_err(|e| format!("could not start {} headless: {e:#}", executable.display()))?;
    Ok(Running {
        browser,
        _profile: profile,
    })
}

/// Runs `<browser> --version` and waits at most 15 s for it: a program that
/// is not a working browser (it crashes, or exits with an error) is said in
/// words, with what it printed, before any profile or port is set up.
fn answers_version(executable: &Path) -> Result<(), String> {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(executable)
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("it could not be run ({e})"))?;
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                let err: String = err.trim().chars().take(300).collect();
                let status = status
                    .code()
                    .map_or_else(|| "a signal".to_string(), |c| format!("status {c}"));
                return Err(if err.is_empty() {
                    format!("asked for its version, it exited with {status}")
                } else {
                    format!("asked for its version, it exited with {status}: {err}")
                });
            }
            Ok(None) if std::time::Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("it did not answer `--version` within 15 s".to_string());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("waiting for it failed ({e})")),
        }
    }
}

/// A running browser and its profile folder (removed when dropped, after
/// the browser).
pub struct Running {
    /// The browser.
    pub browser: Browser,
    _profile: tempfile::TempDir,
}

/// A new, empty profile whose only setting allows third-party cookies, as
/// Chrome does by default for visitors; Chromium's own default blocks them
/// ("UserPreferences"), which would hide exactly the cookies a declaration
/// most needs to list.
fn fresh_profile() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("personvern-scan-")
        .tempdir()?;
    std::fs::create_dir_all(dir.path().join("Default"))?;
    std::fs::write(
        dir.path().join("Default").join("Preferences"),
        r#"{"profile":{"cookie_controls_mode":0,"block_third_party_cookies":false}}"#,
    )?;
    Ok(dir)
}

/// Evaluates a JavaScript expression in the page, awaiting a promise, and
/// returns its value as JSON (`null` for undefined).
pub fn eval(tab: &Arc<Tab>, expression: &str) -> Result<serde_json::Value, String> {
    let r = tab
        .call_method(Runtime::Evaluate {
            expression: expression.to_string(),
            return_by_value: Some(true),
            generate_preview: None,
            silent: Some(true),
            await_promise: Some(true),
            include_command_line_api: None,
            user_gesture: Some(true),
            object_group: None,
            context_id: None,
            throw_on_side_effect: None,
            timeout: Some(10_000.0),
            disable_breaks: None,
            repl_mode: None,
            allow_unsafe_eval_blocked_by_csp: None,
            unique_context_id: None,
            serialization_options: None,
        })
        .map_err(|e| format!("the browser did not answer: {e:#}"))?;
    if let Some(ex) = r.exception_details {
        return Err(format!("script error in the page: {}", ex.text));
    }
    Ok(r.result.value.unwrap_or(serde_json::Value::Null))
}

/// `Network.getAllCookies`, answered as plain JSON: the crate's typed
/// `Cookie` lags behind Chromium's (fields come and go between versions),
/// and a cookie list that fails to decode would hide every cookie.
#[derive(Debug, serde::Serialize)]
pub struct GetAllCookiesRaw {}

impl headless_chrome::protocol::cdp::types::Method for GetAllCookiesRaw {
    const NAME: &'static str = "Network.getAllCookies";
    type ReturnObject = serde_json::Value;
}

/// One cookie of the browser's jar, as the protocol gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct JarCookie {
    /// Name.
    pub name: String,
    /// Domain.
    pub domain: String,
    /// Path.
    pub path: String,
    /// Expiry in seconds since the epoch; `None` for a session cookie.
    pub expires: Option<f64>,
    /// HttpOnly.
    pub http_only: bool,
    /// Secure.
    pub secure: bool,
    /// SameSite, if set.
    pub same_site: Option<String>,
}

/// Every cookie of the tab's browser context.
pub fn all_cookies(tab: &Arc<Tab>) -> Result<Vec<JarCookie>, String> {
    let v = tab
        .call_method(GetAllCookiesRaw {})
        .map_err(|e| format!("the browser did not give its cookies: {e:#}"))?;
    let s = |c: &serde_json::Value, k: &str| {
        c.get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let b = |c: &serde_json::Value, k: &str| {
        c.get(k)
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    };
    Ok(v.get("cookies")
        .and_then(serde_json::Value::as_array)
        .map(|a| {
            a.iter()
                .map(|c| JarCookie {
                    name: s(c, "name"),
                    domain: s(c, "domain"),
                    path: s(c, "path"),
                    expires: if b(c, "session") {
                        None
                    } else {
                        c.get("expires")
                            .and_then(serde_json::Value::as_f64)
                            .filter(|e| *e > 0.0)
                    },
                    http_only: b(c, "httpOnly"),
                    secure: b(c, "secure"),
                    same_site: c
                        .get("sameSite")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default())
}

/// A navigation error in words, with Chromium's code kept
/// (`net::ERR_CONNECTION_REFUSED` → "the host refused the connection (…)").
pub fn explain_navigation_error(raw: &str) -> String {
    let words = [
        ("ERR_NAME_NOT_RESOLVED", "the host name does not resolve"),
        (
            "ERR_CONNECTION_REFUSED",
            "the host refused the connection (nothing listens on that port)",
        ),
        (
            "ERR_CONNECTION_TIMED_OUT",
            "the host did not answer in time",
        ),
        ("ERR_ADDRESS_UNREACHABLE", "the host is unreachable"),
        ("ERR_INTERNET_DISCONNECTED", "there is no network"),
        ("ERR_TOO_MANY_REDIRECTS", "a redirect loop"),
        ("ERR_CERT_", "a TLS certificate error"),
        ("ERR_SSL_", "a TLS error"),
        (
            "ERR_CONNECTION_CLOSED",
            "the host closed the connection without an answer",
        ),
        ("ERR_CONNECTION_RESET", "the connection was reset"),
        ("ERR_EMPTY_RESPONSE", "the host sent an empty response"),
    ];
    match words.iter().find(|(code, _)| raw.contains(code)) {
        Some((_, w)) => format!("{w} ({})", raw.trim_start_matches("Navigate failed: ")),
        None => raw.to_string(),
    }
}
