//! `personvern scan` against a fixture website served on loopback by the
//! test itself, in real headless Chromium (Debian's /usr/bin/chromium, which
//! tests/browser/install.sh installs; CI runs it first).
//!
//! The website has three origins, because browsers keep cookies per host,
//! not per port: the site itself on 127.0.0.1, a tracker on 127.0.0.2 (the
//! third party) and a CDN on 127.0.0.3, each on its own port. It
//!
//! - sets a first-party session cookie by header (`fx_session`, declared);
//! - sets `_fbp` from an inline script before consent (undeclared; the Open
//!   Cookie Database knows it as Meta's);
//! - writes localStorage `fx_ui` (declared strictly necessary);
//! - sets `_fx_an` from a consent-gated script, for two years (declared 13
//!   months);
//! - loads a pixel from the tracker after consent, which sets the
//!   third-party cookie `fx_tp` (declared first party, provider hosts wrong);
//! - loads a script from the CDN (a declared recipient's host);
//! - uses the generated cookieconsent configuration (`personvern build`)
//!   with the real vanilla-cookieconsent from tests/browser/node_modules.
//!
//! Nothing leaves the machine: every URL is on 127.0.0.0/8.

mod common;
use common::*;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Whether the browser and the npm package are there; without them the
/// tests are skipped with a message, except in CI, where install.sh put
/// them there and their absence is a failure.
fn ready() -> bool {
    let cc = cookieconsent_dir().join("cookieconsent.umd.js");
    let missing: Vec<String> = [Path::new(CHROMIUM).to_path_buf(), cc]
        .iter()
        .filter(|p| !p.is_file())
        .map(|p| p.display().to_string())
        .collect();
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "scan tests need {}: run tests/browser/install.sh",
        missing.join(" and ")
    );
    let skip_ok = std::env::var("CI").is_err()
        || std::env::var("PERSONVERN_SKIP_BROWSER").as_deref() == Ok("1");
    assert!(skip_ok, "{msg}");
    eprintln!("SKIPPED: {msg}");
    false
}

fn cookieconsent_dir() -> PathBuf {
    repo().join("tests/browser/node_modules/vanilla-cookieconsent/dist")
}

/// One response.
struct Resp {
    status: &'static str,
    headers: Vec<String>,
    body: Vec<u8>,
}

fn ok(ctype: &str, body: impl Into<Vec<u8>>) -> Resp {
    Resp {
        status: "200 OK",
        headers: vec![format!("Content-Type: {ctype}")],
        body: body.into(),
    }
}

type Handler = Arc<dyn Fn(&str) -> Option<Resp> + Send + Sync>;

/// Serves HTTP/1.1 on a loopback address with a handler; `None` from the
/// handler holds the connection open without answering (a page that never
/// loads). Returns the port.
fn serve(ip: &str, handler: Handler) -> u16 {
    let listener = TcpListener::bind((ip, 0)).expect("bind loopback");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let h = Arc::clone(&handler);
            std::thread::spawn(move || answer(stream, &*h));
        }
    });
    port
}

fn answer(mut stream: TcpStream, handler: &(dyn Fn(&str) -> Option<Resp> + Send + Sync)) {
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(20)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    loop {
        let mut h = String::new();
        match reader.read_line(&mut h) {
            Ok(0) | Err(_) => return,
            Ok(_) if h == "\r\n" || h == "\n" => break,
            Ok(_) => {}
        }
    }
    match handler(&path) {
        Some(r) => {
            let mut head = format!(
                "HTTP/1.1 {}\r\nConnection: close\r\nContent-Length: {}\r\n",
                r.status,
                r.body.len()
            );
            for h in &r.headers {
                head.push_str(h);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&r.body);
        }
        None => {
            // Never answer: hold the connection until the client gives up.
            let mut sink = [0u8; 64];
            let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(60)));
            let _ = stream.read(&mut sink);
        }
    }
}

/// The fixture: the site folder (a copy of example-site with the fixture's
/// cookies and recipients) and the website's start URL.
struct Fixture {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    start: String,
    tracker: String,
}

fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let _ = std::fs::remove_dir_all(site.join("public"));
    let fx = repo().join("tests/fixtures/scan");
    std::fs::copy(fx.join("cookies.toml"), site.join("content/cookies.toml")).expect("cookies");
    std::fs::copy(
        fx.join("recipients.toml"),
        site.join("content/zz-scan-recipients.toml"),
    )
    .expect("recipients");
    // The example's text mentions LinkedIn and YouTube cookies; the fixture
    // declares none, which the linter may warn about, never an error.
    let out = tmp.path().join("built");
    let b = run(
        &[
            "build",
            site.to_str().expect("utf-8"),
            "--output",
            out.to_str().expect("utf-8"),
        ],
        tmp.path(),
    );
    assert!(
        b.status.success(),
        "build of the fixture site: {}",
        stderr(&b)
    );
    let config = std::fs::read(out.join("api/cookieconsent.json")).expect("api/cookieconsent.json");

    let cdn_port = serve(
        "127.0.0.3",
        Arc::new(|path: &str| match path {
            "/cdn.js" => Some(ok("text/javascript", "window.fxCdn = true;")),
            _ => Some(Resp {
                status: "404 Not Found",
                headers: vec![],
                body: b"no".to_vec(),
            }),
        }),
    );
    let tracker_port = serve(
        "127.0.0.2",
        Arc::new(|path: &str| match path {
            p if p.starts_with("/pixel.gif") => Some(Resp {
                status: "200 OK",
                headers: vec![
                    "Content-Type: image/gif".to_string(),
                    "Set-Cookie: fx_tp=abc; Max-Age=600; Path=/; SameSite=None; Secure".to_string(),
                ],
                body: b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(),
            }),
            _ => Some(Resp {
                status: "404 Not Found",
                headers: vec![],
                body: b"no".to_vec(),
            }),
        }),
    );
    let cc = cookieconsent_dir();
    let umd = std::fs::read(cc.join("cookieconsent.umd.js")).expect("cookieconsent.umd.js");
    let css = std::fs::read(cc.join("cookieconsent.css")).expect("cookieconsent.css");
    let tracker = format!("http://127.0.0.2:{tracker_port}");
    let page = move |title: &str, links: &str| -> String {
        format!(
            r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title><link rel="stylesheet" href="/cc/cookieconsent.css"></head>
<body>
<main><h1>{title}</h1>{links}</main>
<script src="http://127.0.0.3:{cdn_port}/cdn.js"></script>
<script>
document.cookie = "_fbp=fb.1.1700000000.123; max-age=7776000; path=/";
localStorage.setItem("fx_ui", "closed");
</script>
<script type="text/plain" data-category="statistics">
document.cookie = "_fx_an=1; max-age=63072000; path=/";
</script>
<script type="text/plain" data-category="marketing">
new Image().src = "http://127.0.0.2:{tracker_port}/pixel.gif";
</script>
<script src="/cc/cookieconsent.umd.js"></script>
<script>
fetch("/api/cookieconsent.json").then((r) => r.json()).then((config) => {{
  for (const category of Object.values(config.categories))
    for (const item of (category.autoClear && category.autoClear.cookies) || [])
      if (item.regex) {{ item.name = new RegExp(item.name); delete item.regex; }}
  return CookieConsent.run(config);
}});
</script>
</body>
</html>
"#
        )
    };
    let index = page(
        "Fixture home",
        r#"<p><a href="/about">About</a> <a href="/private/area">Private</a> <a href="https://example.invalid/">elsewhere</a></p>"#,
    );
    let about = page("About the fixture", r#"<p><a href="/">Home</a></p>"#);
    let site_port = serve(
        "127.0.0.1",
        Arc::new(move |path: &str| match path {
            "/" => Some(Resp {
                status: "200 OK",
                headers: vec![
                    "Content-Type: text/html; charset=utf-8".to_string(),
                    "Set-Cookie: fx_session=s1; Path=/; HttpOnly; SameSite=Lax".to_string(),
                ],
                body: index.clone().into_bytes(),
            }),
            "/about" => Some(ok("text/html; charset=utf-8", about.clone())),
            "/robots.txt" => Some(ok("text/plain", "User-agent: *\nDisallow: /private\n")),
            "/cc/cookieconsent.umd.js" => Some(ok("text/javascript", umd.clone())),
            "/cc/cookieconsent.css" => Some(ok("text/css", css.clone())),
            "/api/cookieconsent.json" => Some(ok("application/json", config.clone())),
            "/loop" => Some(Resp {
                status: "302 Found",
                headers: vec!["Location: /loop".to_string()],
                body: vec![],
            }),
            "/hang" => None,
            _ => Some(Resp {
                status: "404 Not Found",
                headers: vec![],
                body: b"not found".to_vec(),
            }),
        }),
    );
    Fixture {
        _tmp: tmp,
        site,
        start: format!("http://127.0.0.1:{site_port}/"),
        tracker,
    }
}

fn scan(fx: &Fixture, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "scan",
        fx.start.as_str(),
        "--site",
        fx.site.to_str().expect("utf-8"),
        "--browser",
        CHROMIUM,
        "--delay",
        "0",
        "--wait",
        "0.7",
        "--page-timeout",
        "15",
        "--timeout",
        "120",
    ];
    args.extend_from_slice(extra);
    run(&args, &fx.site)
}

fn findings<'a>(report: &'a Value, kind: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["kind"] == kind).collect())
        .unwrap_or_default()
}

fn names(fs: &[&Value]) -> Vec<String> {
    let mut n: Vec<String> = fs
        .iter()
        .map(|f| f["name"].as_str().unwrap_or("").to_string())
        .collect();
    n.sort();
    n.dedup();
    n
}

fn validate(report: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("scan-report.schema.json"))
            .expect("scan-report.schema.json"),
    )
    .expect("schema is JSON");
    let v = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = v
        .iter_errors(report)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "report does not match scan-report.schema.json: {errors:#?}"
    );
}

#[test]
fn scan_finds_each_kind_of_finding() {
    if !ready() {
        return;
    }
    let fx = fixture();
    let before = tree(&fx.site);
    let o = scan(&fx, &["--format", "json", "--pages", "5"]);
    let text = stdout(&o);
    let report: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("JSON report ({e}): {text}\n{}", stderr(&o)));
    validate(&report);
    assert_eq!(
        o.status.code(),
        Some(1),
        "error findings exit 1: {}",
        stderr(&o)
    );
    assert_eq!(report["version"], 1);
    assert_eq!(report["incomplete"], false, "{text}");
    assert_eq!(
        tree(&fx.site),
        before,
        "without --add the site's files are untouched"
    );
    let distinct_cookies: std::collections::BTreeSet<&str> = report["observations"]["cookies"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["name"].as_str()).collect())
        .unwrap_or_default();
    eprintln!(
        "fixture scan: {} pages, {} states, cookies {:?}, {} errors, {} warnings, {} ms",
        report["pages"].as_array().map_or(0, Vec::len),
        report["observations"]["states"]
            .as_array()
            .map_or(0, Vec::len),
        distinct_cookies,
        report["errors"],
        report["warnings"],
        report["millis"]
    );

    // Pages: the start, the linked page; not the page robots.txt disallows.
    let pages: Vec<&str> = report["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        pages,
        [fx.start.clone(), format!("{}about", fx.start)],
        "{text}"
    );
    let disallowed = report["observations"]["robots_disallowed"].to_string();
    assert!(disallowed.contains("/private/area"), "{disallowed}");

    // All three states, through cookieconsent's API.
    let states = report["observations"]["states"].as_array().expect("states");
    assert_eq!(states.len(), 3, "{text}");
    for s in &states[1..] {
        assert_eq!(s["method"], "cookieconsent", "{s}");
        assert_eq!(s["scanned"], true, "{s}");
    }

    // Observations: attributes and who set each cookie.
    let cookies = report["observations"]["cookies"]
        .as_array()
        .expect("cookies");
    let cookie = |name: &str, state: &str| {
        cookies
            .iter()
            .find(|c| c["name"] == name && c["state"] == state)
            .unwrap_or_else(|| panic!("cookie {name} {state} not observed: {text}"))
    };
    let session = cookie("fx_session", "before_consent");
    assert_eq!(session["http_only"], true);
    assert_eq!(session["expires_in"], Value::Null, "a session cookie");
    assert_eq!(session["set_by"]["by"], "header");
    assert_eq!(session["set_by"]["url"], fx.start.as_str());
    assert_eq!(session["third_party"], false);
    let fbp = cookie("_fbp", "before_consent");
    assert_eq!(fbp["set_by"]["by"], "script", "{fbp}");
    let fbp_life = fbp["expires_in"].as_u64().expect("persistent");
    assert!((7_775_000..=7_776_000).contains(&fbp_life), "{fbp_life}");
    let tp = cookie("fx_tp", "accepted");
    assert_eq!(tp["third_party"], true);
    assert_eq!(tp["secure"], true);
    assert_eq!(tp["same_site"], "None");
    assert_eq!(tp["set_by"]["by"], "header");
    assert!(
        tp["set_by"]["url"]
            .as_str()
            .unwrap_or("")
            .starts_with(&format!("{}/pixel.gif", fx.tracker)),
        "{tp}"
    );
    assert!(
        !cookies
            .iter()
            .any(|c| c["name"] == "_fx_an" && c["state"] != "accepted"),
        "the statistics cookie waits for consent"
    );
    assert!(!cookies
        .iter()
        .any(|c| c["name"] == "fx_tp" && c["state"] != "accepted"));
    cookie("fx_consent", "rejected");
    let storage = report["observations"]["storage"].to_string();
    assert!(
        storage.contains("\"fx_ui\"") && storage.contains("local_storage"),
        "{storage}"
    );

    // set before consent: _fbp, before consent and after rejecting all; not
    // the strictly necessary session cookie or storage key.
    let sbc = findings(&report, "set_before_consent");
    assert_eq!(names(&sbc), ["_fbp"], "{text}");
    let sbc_states: Vec<&str> = sbc.iter().filter_map(|f| f["state"].as_str()).collect();
    assert!(
        sbc_states.contains(&"before_consent") && sbc_states.contains(&"rejected"),
        "{sbc_states:?}"
    );
    assert!(sbc.iter().all(|f| f["severity"] == "error"));

    // undeclared: _fbp, with the Open Cookie Database's entry.
    let und = findings(&report, "undeclared");
    assert_eq!(names(&und), ["_fbp"], "{text}");
    assert!(
        und[0]["known"]["platform"]
            .as_str()
            .unwrap_or("")
            .contains("Facebook")
            || und[0]["known"]["platform"]
                .as_str()
                .unwrap_or("")
                .contains("Meta"),
        "{}",
        und[0]
    );
    assert_eq!(und[0]["known"]["category"], "marketing");

    // not seen: only the login cookie.
    let ns = findings(&report, "not_seen");
    assert_eq!(names(&ns), ["fx_login"], "{text}");
    assert_eq!(ns[0]["severity"], "warning");

    // mismatch: lifetime of _fx_an, party and provider host of fx_tp.
    let mm = findings(&report, "mismatch");
    let detail = |name: &str, d: &str| mm.iter().any(|f| f["name"] == name && f["detail"] == d);
    assert!(detail("_fx_an", "lifetime"), "{text}");
    assert!(detail("fx_tp", "party"), "{text}");
    assert!(detail("fx_tp", "provider_host"), "{text}");
    assert_eq!(mm.len(), 3, "no other mismatch: {text}");

    // third-party hosts: the tracker, not the CDN (fx-cdn lists it).
    let tph = findings(&report, "third_party_host");
    assert_eq!(
        names(&tph),
        [fx.tracker.trim_start_matches("http://").to_string()],
        "{text}"
    );
    let requests = report["observations"]["requests"].to_string();
    assert!(
        requests.contains("127.0.0.3"),
        "the CDN was contacted: {requests}"
    );

    // The human and Markdown forms group the same findings.
    let h = scan(&fx, &["--pages", "0"]);
    assert_eq!(h.status.code(), Some(1));
    let human = stdout(&h);
    for heading in [
        "Set before consent",
        "Undeclared",
        "Different from the declaration",
        "Declared but not seen",
        "Third-party hosts without a recipient",
    ] {
        assert!(human.contains(heading), "{heading} in: {human}");
    }
    assert!(human.contains("Open Cookie Database:"), "{human}");
    let m = scan(&fx, &["--pages", "0", "--format", "markdown"]);
    let md = stdout(&m);
    assert!(md.starts_with("## personvern scan: "), "{md}");
    assert!(
        md.contains("### Undeclared (1)") && md.contains("| error | `_fbp` |"),
        "{md}"
    );
}

#[test]
fn a_clean_declaration_exits_zero() {
    if !ready() {
        return;
    }
    let fx = fixture();
    // Declare what the fixture does, as it does it.
    let c = fx.site.join("content/cookies.toml");
    let text = std::fs::read_to_string(&c).expect("cookies.toml");
    let text = text
        .replace("duration = \"P13M\"", "duration = \"P24M\"")
        .replace("[cookies.fx-login]", "[cookies.fx-login]\nwaive = {}\n")
        .replace(
            "provider = \"fx-adnet\"\nparty = \"first\"",
            "provider = \"fx-adnet\"\nparty = \"third\"",
        );
    let text = text.split("# Set only after login").next().unwrap_or("").to_string()
        + "\n[cookies.fbp]\nname = \"_fbp\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\nduration = \"P3M\"\npurpose.nb = \"Test.\"\npurpose.en = \"Test.\"\n";
    std::fs::write(&c, text).expect("write");
    let r = fx.site.join("content/zz-scan-recipients.toml");
    let rtext = std::fs::read_to_string(&r)
        .expect("recipients")
        .replace("hosts = [\"ads.example\"]", "hosts = [\"127.0.0.2\"]");
    std::fs::write(&r, rtext).expect("write");
    let o = scan(&fx, &["--format", "json", "--pages", "0"]);
    let text = stdout(&o);
    let report: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}\n{}", stderr(&o)));
    validate(&report);
    assert_eq!(report["findings"], serde_json::json!([]), "{text}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The human report of a complete, clean scan says it matches.
    let o = scan(&fx, &["--pages", "0"]);
    assert!(
        stdout(&o).contains("the website matches the declaration"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("not a clean result"));
}

#[test]
fn add_appends_the_undeclared_cookies_and_keeps_the_file() {
    if !ready() {
        return;
    }
    let fx = fixture();
    let path = fx.site.join("content/cookies.toml");
    let original = std::fs::read_to_string(&path).expect("cookies.toml");
    let o = scan(&fx, &["--add", "--pages", "0"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--add: appended [cookies.fbp]"),
        "{}",
        stderr(&o)
    );
    let after = std::fs::read_to_string(&path).expect("cookies.toml");
    assert!(
        after.starts_with(&original),
        "the file's text, comments and order are kept:\n{after}"
    );
    let added = &after[original.len()..];
    let doc: toml::Table = after.parse().expect("still TOML");
    let fbp = &doc["cookies"]["fbp"];
    assert_eq!(fbp["name"].as_str(), Some("_fbp"));
    assert_eq!(
        fbp["category"].as_str(),
        Some("marketing"),
        "from the Open Cookie Database"
    );
    assert_eq!(
        fbp["duration"].as_str(),
        Some("P3M"),
        "from the observation (90 days)"
    );
    assert_eq!(fbp["party"].as_str(), Some("first"));
    assert!(
        fbp["purpose"]["nb"]
            .as_str()
            .unwrap_or("")
            .starts_with("TODO"),
        "{added}"
    );
    assert!(
        added.contains("# Added by `personvern scan --add`"),
        "{added}"
    );
    assert!(added.contains("Open Cookie Database"), "{added}");
    // The purpose still to write keeps `check` from passing it as done.
    let c = run(&["check", fx.site.to_str().expect("utf-8")], &fx.site);
    assert!(
        !c.status.success() || stderr(&c).contains("TODO"),
        "{}",
        stderr(&c)
    );
}

#[test]
fn faults_exit_two_with_a_partial_report() {
    if !ready() {
        return;
    }
    let fx = fixture();
    let site = fx.site.to_str().expect("utf-8");
    let before = tree(&fx.site);
    let run_scan = |url: &str, extra: &[&str]| {
        let mut args = vec![
            "scan",
            url,
            "--site",
            site,
            "--browser",
            CHROMIUM,
            "--delay",
            "0",
            "--wait",
            "0.2",
            "--page-timeout",
            "4",
            "--timeout",
            "60",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let o = run(&args, &fx.site);
        let report: Value = serde_json::from_str(&stdout(&o))
            .unwrap_or_else(|e| panic!("{url}: {e}: {}\n{}", stdout(&o), stderr(&o)));
        validate(&report);
        (o, report)
    };
    // Unreachable: a port nobody listens on.
    let dead = TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let (o, r) = run_scan(&format!("http://127.0.0.1:{dead}/"), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(r["incomplete"], true);
    assert!(
        r["fault"]
            .as_str()
            .unwrap_or("")
            .contains("the host refused the connection"),
        "{r}"
    );
    assert!(
        stderr(&o).contains("could not be scanned"),
        "{}",
        stderr(&o)
    );
    // TLS: https to a server that answers in plain HTTP at once.
    let plain = TcpListener::bind("127.0.0.1:0").expect("bind");
    let plain_port = plain.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for mut s in plain.incoming().flatten() {
            let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        }
    });
    let (o, r) = run_scan(&format!("https://127.0.0.1:{plain_port}/"), &[]);
    assert_eq!(o.status.code(), Some(2));
    let fault = r["fault"].as_str().unwrap_or("");
    assert!(
        fault.contains("a TLS error") && fault.contains("ERR_SSL"),
        "{r}"
    );
    // A redirect loop.
    let (o, r) = run_scan(&format!("{}loop", fx.start), &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        r["fault"]
            .as_str()
            .unwrap_or("")
            .contains("a redirect loop (net::ERR_TOO_MANY_REDIRECTS)"),
        "{r}"
    );
    // A page that never finishes loading, given with --url: the other pages
    // are reported, and the scan says it is incomplete.
    let t = std::time::Instant::now();
    let hang = format!("{}hang", fx.start);
    let (o, r) = run_scan(&fx.start, &["--pages", "0", "--url", &hang]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        t.elapsed().as_secs() < 90,
        "bounded: {:?} {}",
        t.elapsed(),
        r["observations"]["visits"]
    );
    let visits = r["observations"]["visits"].as_array().expect("visits");
    assert!(
        visits.iter().any(|v| v["url"] == hang
            && v["error"]
                .as_str()
                .unwrap_or("")
                .contains("did not finish loading within 4 s")),
        "{r}"
    );
    assert!(
        r["pages"]
            .as_array()
            .expect("pages")
            .iter()
            .any(|p| p == fx.start.as_str()),
        "{r}"
    );
    assert!(
        !findings(&r, "undeclared").is_empty(),
        "the partial report has the findings: {r}"
    );
    // A browser that dies at once.
    let dead_browser = fx.site.parent().expect("tmp").join("crashing-chromium");
    std::fs::write(&dead_browser, "#!/bin/sh\necho 'crashed' >&2\nexit 134\n").expect("write");
    std::fs::set_permissions(
        &dead_browser,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    let o = run(
        &[
            "scan",
            &fx.start,
            "--site",
            site,
            "--browser",
            dead_browser.to_str().expect("utf-8"),
            "--format",
            "json",
        ],
        &fx.site,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).expect("a report even so");
    validate(&r);
    assert!(
        r["fault"]
            .as_str()
            .unwrap_or("")
            .contains("could not start"),
        "{r}"
    );
    // Its human report: no findings in a scan that never ran is not a
    // clean result.
    let o = run(
        &[
            "scan",
            &fx.start,
            "--site",
            site,
            "--browser",
            dead_browser.to_str().expect("utf-8"),
        ],
        &fx.site,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stdout(&o).contains("not a clean result"), "{}", stdout(&o));
    assert!(!stdout(&o).contains("matches the declaration"));
    // A missing browser.
    let o = run(
        &[
            "scan",
            &fx.start,
            "--site",
            site,
            "--browser",
            "/nonexistent/chromium",
        ],
        &fx.site,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("apt-get install chromium"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&fx.site), before, "the site's files are untouched");
}

#[test]
fn selectors_answer_a_banner_without_cookieconsent_and_none_scans_one_state() {
    if !ready() {
        return;
    }
    // A website with its own banner: two buttons, and a cookie after accept.
    let page = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Own banner</title></head><body>
<div id="banner"><button id="yes" onclick="document.cookie='own_stat=1; max-age=60; path=/'">Accept</button>
<button id="no" onclick="document.cookie='own_choice=no; max-age=60; path=/'">Reject</button></div></body></html>"#;
    let port = serve(
        "127.0.0.1",
        Arc::new(move |_p: &str| Some(ok("text/html", page))),
    );
    let fx_tmp = tempfile::tempdir().expect("tempdir");
    let site = fx_tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let start = format!("http://127.0.0.1:{port}/");
    let scan_own = |site: &Path| {
        let o = run(
            &[
                "scan",
                &start,
                "--site",
                site.to_str().expect("utf-8"),
                "--browser",
                CHROMIUM,
                "--delay",
                "0",
                "--wait",
                "0.3",
                "--pages",
                "0",
                "--format",
                "json",
            ],
            site,
        );
        let r: Value = serde_json::from_str(&stdout(&o))
            .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
        validate(&r);
        r
    };
    // Without selectors: the first state only, and it says so.
    let r = scan_own(&site);
    let states = r["observations"]["states"].as_array().expect("states");
    assert_eq!(states[0]["scanned"], true);
    assert!(
        states[1..]
            .iter()
            .all(|s| s["scanned"] == false && s["note"].as_str().unwrap_or("").contains("[scan]")),
        "{r}"
    );
    let human = {
        let o = run(
            &[
                "scan",
                &start,
                "--site",
                site.to_str().expect("utf-8"),
                "--browser",
                CHROMIUM,
                "--delay",
                "0",
                "--wait",
                "0.3",
                "--pages",
                "0",
            ],
            &site,
        );
        stdout(&o)
    };
    assert!(
        human.contains("after accepting all: not scanned"),
        "{human}"
    );
    // With [scan] selectors: both answers are clicked.
    append(
        &site,
        "personvern.toml",
        "\n[scan]\naccept_selector = \"#yes\"\nreject_selector = \"#no\"\n",
    );
    let r = scan_own(&site);
    let states = r["observations"]["states"].as_array().expect("states");
    assert!(
        states[1..]
            .iter()
            .all(|s| s["scanned"] == true && s["method"] == "selectors"),
        "{r}"
    );
    let cookies = r["observations"]["cookies"].as_array().expect("cookies");
    assert!(
        cookies
            .iter()
            .any(|c| c["name"] == "own_stat" && c["state"] == "accepted"),
        "{r}"
    );
    assert!(
        cookies
            .iter()
            .any(|c| c["name"] == "own_choice" && c["state"] == "rejected"),
        "{r}"
    );
    assert!(
        !cookies
            .iter()
            .any(|c| c["name"] == "own_stat" && c["state"] != "accepted"),
        "{r}"
    );
}

#[test]
fn the_report_schema_file_is_generated() {
    let generated = serde_json::to_string_pretty(&personvern::scan::report::json_schema())
        .expect("json")
        + "\n";
    let path = repo().join("scan-report.schema.json");
    if std::env::var("PERSONVERN_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &generated).expect("write");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(committed, generated, "scan-report.schema.json is stale: PERSONVERN_BLESS=1 cargo test --test scan the_report_schema_file_is_generated");
}

#[test]
fn usage_errors_exit_two_before_any_browser() {
    let o = run(
        &["scan", "ftp://example.no/", "--browser", "/nonexistent"],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not an http or https URL"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &[
            "scan",
            "http://127.0.0.1:9/",
            "--site",
            "example-site",
            "--page-timeout",
            "0",
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("more than 0 seconds"), "{}", stderr(&o));
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(
        &[
            "scan",
            "http://127.0.0.1:9/",
            "--site",
            tmp.path().to_str().expect("utf-8"),
        ],
        tmp.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "a folder without a site: {}",
        stderr(&o)
    );
}

#[test]
fn a_site_that_sets_thousands_of_cookies_and_keys_is_reported_bounded() {
    if !ready() {
        return;
    }
    let page = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Many</title></head><body><script>
for (let i = 0; i < 3000; i++) { document.cookie = "many_" + i + "=1; path=/; max-age=60"; localStorage.setItem("key_" + i, "1"); }
</script></body></html>"#;
    let port = serve(
        "127.0.0.1",
        Arc::new(move |_p: &str| Some(ok("text/html", page))),
    );
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let before = tree(&site);
    let start = format!("http://127.0.0.1:{port}/");
    let t = std::time::Instant::now();
    let o = run(
        &[
            "scan",
            &start,
            "--site",
            site.to_str().expect("utf-8"),
            "--browser",
            CHROMIUM,
            "--delay",
            "0",
            "--wait",
            "0.3",
            "--pages",
            "0",
            "--format",
            "json",
        ],
        &site,
    );
    let r: Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(&o)));
    validate(&r);
    assert_eq!(
        o.status.code(),
        Some(1),
        "undeclared storage is an error: {}",
        stderr(&o)
    );
    assert!(t.elapsed().as_secs() < 120, "{:?}", t.elapsed());
    let obs = &r["observations"];
    let keys = obs["storage"]
        .as_array()
        .expect("storage")
        .iter()
        .filter(|s| s["state"] == "before_consent")
        .count();
    assert_eq!(keys, 2000, "capped at 2000 records per state");
    assert!(
        obs["states"][0]["note"]
            .as_str()
            .unwrap_or("")
            .contains("more than 2000 records"),
        "{}",
        obs["states"]
    );
    // Chromium itself keeps at most a few hundred cookies per host.
    let cookies = obs["cookies"].as_array().expect("cookies").len();
    assert!(cookies > 0 && cookies <= 2000, "{cookies}");
    assert_eq!(tree(&site), before);
}

#[test]
fn a_misspelt_scan_setting_is_an_error_naming_the_file() {
    let (_t, site) = starter();
    append(
        &site,
        "personvern.toml",
        "\n[scan]\nacept_selector = \"#yes\"\n",
    );
    let o = run(&["check", site.to_str().expect("utf-8")], &site);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("personvern.toml") && err.contains("acept_selector"),
        "{err}"
    );
    let (_t2, ok_site) = starter();
    append(
        &ok_site,
        "personvern.toml",
        "\n[scan]\naccept_selector = \"#yes\"\nreject_selector = \"#no\"\n",
    );
    let o = run(&["check", ok_site.to_str().expect("utf-8")], &ok_site);
    assert!(o.status.success(), "{}", stderr(&o));
}
