//! The scan itself: the pages visited in each consent state, each state in
//! a fresh browser context, and after each page what it stored and whom it
//! contacted.
//!
//! Who set a cookie comes from the protocol where it tells: the
//! `Set-Cookie` headers of every response (`Network.responseReceivedExtraInfo`)
//! and, for `document.cookie`, a wrapper installed before any script of the
//! page runs that records the URL of the script on top of the stack.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::protocol::cdp::{Network, Page};
use headless_chrome::{Browser, Tab};
use serde_json::Value;
use url::Url;

use super::browser::{all_cookies, eval, explain_navigation_error, launch};
use super::crawl::{Frontier, Robots};
use super::{
    host_of, site_of, BannerMethod, ConsentState, Observations, Options, SeenCookie, SeenRequest,
    SeenStorage, Setter, StateRun, StorageKind, Visit,
};

/// Installed in every document before its scripts: records each
/// `document.cookie` write with the URL of the script that made it.
const COOKIE_WRAPPER: &str = r#"(() => {
  const rec = { writes: [] };
  try { Object.defineProperty(window, '__personvernScan', { value: rec }); } catch (e) { return; }
  const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (!d || !d.set || !d.get) return;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: d.enumerable,
    get() { return d.get.call(this); },
    set(v) {
      try {
        const name = String(v).split(';')[0].split('=')[0].trim();
        let url = location.href;
        // Frame 0 is this setter; frame 1 wrote the cookie. An inline or
        // inserted script has no URL of its own: it is the page's.
        const caller = String(new Error().stack || '').split('\n')[2] || '';
        const m = caller.trim().match(/(https?:\/\/[^\s()]+?):\d+:\d+\)?$/);
        if (m) url = m[1];
        if (rec.writes.length < 10000) rec.writes.push([name, url]);
      } catch (e) {}
      return d.set.call(this, v);
    },
  });
})();"#;

/// What a page shows after it settled: storage, links, cookie writes.
const PAGE_PROBE: &str = r#"(async () => {
  const o = { origin: location.origin, local: [], session: [], idb: [], links: [], writes: [] };
  try { o.local = Object.keys(localStorage); } catch (e) {}
  try { o.session = Object.keys(sessionStorage); } catch (e) {}
  try { if (indexedDB.databases) o.idb = (await indexedDB.databases()).map((d) => d.name); } catch (e) {}
  try { o.links = Array.from(document.links, (a) => a.href).slice(0, 5000); } catch (e) {}
  try { o.writes = (window.__personvernScan || { writes: [] }).writes; } catch (e) {}
  return o;
})()"#;

/// Most cookies, keys and request groups recorded per state: a site that
/// sets thousands is reported with these, and the note says so.
const MAX_RECORDS: usize = 2000;

/// How long to wait for the banner (its API or a selector) to appear.
const BANNER_WAIT: Duration = Duration::from_secs(10);

/// Network events of one tab, gathered by the event listener.
#[derive(Default)]
struct Shared {
    /// Request id → (URL, resource type).
    requests: BTreeMap<String, (String, String)>,
    /// Requests in arrival order: (URL, resource type), since the last take.
    log: Vec<(String, String)>,
    /// (cookie name, URL of the response whose Set-Cookie set it).
    header_sets: Vec<(String, String)>,
}

/// One browser context with one tab, for one consent state.
struct Session {
    tab: Arc<Tab>,
    shared: Arc<Mutex<Shared>>,
    state: ConsentState,
    page_timeout: Duration,
    /// Cookie name → URL of the script that wrote it (first write).
    script_sets: BTreeMap<String, String>,
    /// (name, domain, path) of cookies recorded in this state.
    seen_cookies: Vec<(String, String, String)>,
    /// (kind, name) of storage recorded in this state.
    seen_storage: Vec<(StorageKind, String)>,
    capped: bool,
}

fn cookie_names(set_cookie: &str) -> Vec<String> {
    set_cookie
        .lines()
        .filter_map(|l| l.split(';').next())
        .filter_map(|nv| nv.split_once('=').map(|(n, _)| n.trim().to_string()))
        .filter(|n| !n.is_empty())
        .collect()
}

impl Session {
    /// A new tab: in a private context (`private`) or in the browser's
    /// own fresh profile.
    fn open(
        browser: &Browser,
        state: ConsentState,
        opts: &Options,
        private: bool,
    ) -> Result<Session, String> {
        let tab = if private {
            browser
                .new_context()
                .and_then(|c| c.new_tab())
                .map_err(|e| format!("the browser did not open a private context: {e:#}"))?
        } else {
            browser
                .new_tab()
                .map_err(|e| format!("the browser did not open a tab: {e:#}"))?
        };
        tab.set_default_timeout(opts.page_timeout);
        let shared = Arc::new(Mutex::new(Shared::default()));
        let sink = Arc::clone(&shared);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            let Ok(mut s) = sink.lock() else { return };
            match event {
                Event::NetworkRequestWillBeSent(e) => {
                    let p = &e.params;
                    let kind = p
                        .Type
                        .as_ref()
                        .map(|t| format!("{t:?}"))
                        .unwrap_or_else(|| "Other".to_string());
                    if s.log.len() < 100_000 {
                        s.log.push((p.request.url.clone(), kind.clone()));
                    }
                    s.requests
                        .insert(p.request_id.clone(), (p.request.url.clone(), kind));
                }
                Event::NetworkResponseReceivedExtraInfo(e) => {
                    let p = &e.params;
                    let url = s.requests.get(&p.request_id).map(|r| r.0.clone());
                    let Some(url) = url else { return };
                    let Some(headers) = p.headers.0.as_ref().and_then(Value::as_object) else {
                        return;
                    };
                    for (k, v) in headers {
                        if k.eq_ignore_ascii_case("set-cookie") {
                            for name in cookie_names(v.as_str().unwrap_or("")) {
                                if s.header_sets.len() < 100_000 {
                                    s.header_sets.push((name, url.clone()));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }))
        .map_err(|e| format!("could not listen to the browser: {e:#}"))?;
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .map_err(|e| format!("the browser refused Network.enable: {e:#}"))?;
        tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
            source: COOKIE_WRAPPER.to_string(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .map_err(|e| format!("the browser refused a script: {e:#}"))?;
        Ok(Session {
            tab,
            shared,
            state,
            page_timeout: opts.page_timeout,
            script_sets: BTreeMap::new(),
            seen_cookies: Vec::new(),
            seen_storage: Vec::new(),
            capped: false,
        })
    }

    /// Keeps who wrote which cookie in the current document, before it goes.
    fn harvest_writes(&mut self) {
        let Ok(writes) = eval(
            &self.tab,
            "(window.__personvernScan || { writes: [] }).writes",
        ) else {
            return;
        };
        self.keep_writes(&writes);
    }

    fn keep_writes(&mut self, writes: &Value) {
        for w in writes.as_array().into_iter().flatten() {
            if let (Some(n), Some(u)) = (
                w.get(0).and_then(Value::as_str),
                w.get(1).and_then(Value::as_str),
            ) {
                self.script_sets
                    .entry(n.to_string())
                    .or_insert_with(|| u.to_string());
            }
        }
    }

    /// Loads a page and waits for it (bounded); `Err` when it did not load.
    fn load(&mut self, url: &Url) -> Result<String, String> {
        self.harvest_writes();
        let too_slow = || {
            format!(
                "the page did not finish loading within {} s (--page-timeout)",
                self.page_timeout.as_secs_f64()
            )
        };
        if let Err(e) = self.tab.navigate_to(url.as_str()) {
            let e = format!("{e:#}");
            // The protocol client's own timeout: no answer to the navigation.
            if e.contains("never came") {
                return Err(too_slow());
            }
            return Err(explain_navigation_error(&e));
        }
        if self.tab.wait_until_navigated().is_err() {
            return Err(too_slow());
        }
        Ok(self.tab.get_url())
    }

    /// Visits a page and records what it did; returns the visit and the
    /// page's links.
    fn visit(&mut self, url: &Url, opts: &Options, obs: &mut Observations) -> (Visit, Vec<String>) {
        let t = Instant::now();
        let loaded = self.load(url);
        std::thread::sleep(opts.settle);
        let (links, error) = match &loaded {
            Ok(_) => match self.record(url.as_str(), &opts.start, obs) {
                Ok(links) => (links, None),
                Err(e) => (Vec::new(), Some(e)),
            },
            Err(e) => {
                let _ = self.tab.stop_loading();
                (Vec::new(), Some(e.clone()))
            }
        };
        let visit = Visit {
            state: self.state,
            url: url.to_string(),
            final_url: loaded.as_ref().ok().cloned(),
            error,
            millis: t.elapsed().as_millis() as u64,
        };
        (visit, links)
    }

    /// Records cookies, storage and requests after a page; returns its links.
    fn record(
        &mut self,
        page: &str,
        start: &Url,
        obs: &mut Observations,
    ) -> Result<Vec<String>, String> {
        let probe = eval(&self.tab, PAGE_PROBE)?;
        let strings = |key: &str| -> Vec<String> {
            probe
                .get(key)
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        if let Some(writes) = probe.get("writes") {
            self.keep_writes(writes);
        }
        let origin = probe
            .get("origin")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let start_site = site_of(start.host_str().unwrap_or(""));
        // Cookies of the whole context.
        let cookies = all_cookies(&self.tab)?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0);
        let (header_sets, log) = {
            let mut s = self
                .shared
                .lock()
                .map_err(|_| "internal: lock".to_string())?;
            (s.header_sets.clone(), std::mem::take(&mut s.log))
        };
        for c in cookies {
            let key = (c.name.clone(), c.domain.clone(), c.path.clone());
            if self.seen_cookies.contains(&key) {
                continue;
            }
            if self.seen_cookies.len() >= MAX_RECORDS {
                self.capped = true;
                break;
            }
            self.seen_cookies.push(key);
            let bare = c.domain.trim_start_matches('.');
            let from_header = header_sets.iter().find(|(n, u)| {
                *n == c.name
                    && host_of(u).is_some_and(|h| {
                        let h = h
                            .rsplit_once(':')
                            .map_or(h.as_str(), |(x, _)| x)
                            .to_string();
                        h == bare || h.ends_with(&format!(".{bare}"))
                    })
            });
            let set_by = match (from_header, self.script_sets.get(&c.name)) {
                (Some((_, u)), _) => Setter::Header { url: u.clone() },
                (None, Some(u)) => Setter::Script { url: u.clone() },
                (None, None) => Setter::Unknown,
            };
            obs.cookies.push(SeenCookie {
                state: self.state,
                page: page.to_string(),
                name: c.name.clone(),
                domain: c.domain.clone(),
                path: c.path.clone(),
                expires_in: c.expires.map(|e| (e - now).max(0.0).round() as u64),
                secure: c.secure,
                http_only: c.http_only,
                same_site: c.same_site.clone(),
                third_party: site_of(bare) != start_site,
                set_by,
            });
        }
        for (kind, names) in [
            (StorageKind::LocalStorage, strings("local")),
            (StorageKind::SessionStorage, strings("session")),
            (StorageKind::IndexedDb, strings("idb")),
        ] {
            for name in names {
                if self.seen_storage.contains(&(kind, name.clone())) {
                    continue;
                }
                if self.seen_storage.len() >= MAX_RECORDS {
                    self.capped = true;
                    break;
                }
                self.seen_storage.push((kind, name.clone()));
                obs.storage.push(SeenStorage {
                    state: self.state,
                    page: page.to_string(),
                    kind,
                    name,
                    origin: origin.clone(),
                });
            }
        }
        let own = host_of(start.as_str()).unwrap_or_default();
        for (url, kind) in log {
            let Some(host) = host_of(&url) else { continue };
            if host == own {
                continue;
            }
            let room = obs.requests.len() < MAX_RECORDS * 3;
            let existing = obs
                .requests
                .iter_mut()
                .find(|r| r.state == self.state && r.page == page && r.host == host);
            match existing {
                Some(r) => {
                    r.count += 1;
                    if !r.types.contains(&kind) {
                        r.types.push(kind);
                        r.types.sort();
                    }
                }
                None if room => obs.requests.push(SeenRequest {
                    state: self.state,
                    page: page.to_string(),
                    third_party: site_of(&host) != start_site,
                    host,
                    types: vec![kind],
                    count: 1,
                }),
                None => self.capped = true,
            }
        }
        Ok(strings("links"))
    }

    /// Waits (bounded) for the banner and answers it: reject all or accept all.
    fn answer(&mut self, method: BannerMethod, opts: &Options) -> Result<(), String> {
        let accept = self.state == ConsentState::Accepted;
        let (ready, act) = match method {
            BannerMethod::Cookieconsent => (
                "typeof window.CookieConsent === 'object' && typeof CookieConsent.acceptCategory === 'function' && !!document.getElementById('cc-main')".to_string(),
                if accept {
                    "(CookieConsent.acceptCategory('all'), CookieConsent.validConsent())".to_string()
                } else {
                    "(CookieConsent.acceptCategory([]), CookieConsent.validConsent())".to_string()
                },
            ),
            BannerMethod::Selectors => {
                let sel = if accept { &opts.accept_selector } else { &opts.reject_selector };
                let Some(sel) = sel else {
                    return Err("no selector for this state in [scan]".to_string());
                };
                let sel = serde_json::to_string(sel).unwrap_or_default();
                (
                    format!("!!document.querySelector({sel})"),
                    format!("(() => {{ const b = document.querySelector({sel}); if (!b) return false; b.click(); return true; }})()"),
                )
            }
            BannerMethod::None => return Err("no way to answer the banner".to_string()),
        };
        let until = Instant::now() + BANNER_WAIT.min(opts.page_timeout);
        loop {
            if eval(&self.tab, &ready)? == Value::Bool(true) {
                break;
            }
            if Instant::now() >= until {
                return Err(match method {
                    BannerMethod::Selectors => format!(
                        "the {} selector matched nothing within {} s",
                        if accept { "accept" } else { "reject" },
                        BANNER_WAIT.as_secs()
                    ),
                    _ => format!(
                        "cookieconsent did not start within {} s",
                        BANNER_WAIT.as_secs()
                    ),
                });
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        if eval(&self.tab, &act)? != Value::Bool(true) {
            return Err("the banner did not take the answer".to_string());
        }
        std::thread::sleep(opts.settle);
        self.harvest_writes();
        Ok(())
    }
}

/// How the banner can be answered on the current page.
fn banner_method(session: &Session, opts: &Options) -> BannerMethod {
    let cc = eval(
        &session.tab,
        "typeof window.CookieConsent === 'object' && typeof CookieConsent.acceptCategory === 'function'",
    );
    if cc == Ok(Value::Bool(true)) {
        BannerMethod::Cookieconsent
    } else if opts.accept_selector.is_some() || opts.reject_selector.is_some() {
        BannerMethod::Selectors
    } else {
        BannerMethod::None
    }
}

/// robots.txt of the start URL's origin, read in a throwaway context
/// (so it sets nothing in the contexts that are scanned). Missing or
/// unreadable: no rules.
fn robots(browser: &Browser, start: &Url, opts: &Options) -> Robots {
    let Ok(url) = start.join("/robots.txt") else {
        return Robots::default();
    };
    let Ok(mut s) = Session::open(browser, ConsentState::BeforeConsent, opts, true) else {
        return Robots::default();
    };
    let text = match s.load(&url) {
        Ok(_) => eval(
            &s.tab,
            "document.contentType === 'text/plain' ? document.body.innerText : ''",
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default(),
        Err(_) => String::new(),
    };
    s.close();
    Robots::parse(&text)
}

impl Session {
    fn close(&mut self) {
        let _ = self.tab.close(false);
    }
}

/// Runs the scan. Never panics on what the website does; a fault (no
/// browser, an unreachable start page, the time limit) ends it early with
/// what was seen so far and the fault said in `Observations::fault`.
pub fn run(opts: &Options) -> Observations {
    let t0 = Instant::now();
    let deadline = t0 + opts.total_timeout;
    let mut obs = Observations::default();
    let result = scan(opts, deadline, &mut obs);
    if let Err(f) = result {
        obs.fault = Some(f);
    }
    obs.millis = t0.elapsed().as_millis() as u64;
    obs
}

/// Runs `f` with a freshly started Chromium (a new, empty profile), and
/// ends that browser afterwards. The protocol client gives up on a browser
/// that sends nothing for its idle timeout; while a tab waits for a slow
/// page the browser is asked for its version twice a second, so only a
/// dead browser goes quiet.
fn with_browser<T>(
    opts: &Options,
    f: impl FnOnce(&Browser) -> Result<T, String>,
) -> Result<T, String> {
    let running = launch(&opts.browser, opts.page_timeout + Duration::from_secs(1))?;
    let browser = &running.browser;
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|sc| {
        sc.spawn(|| {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(500));
                if browser.get_version().is_err() {
                    break;
                }
            }
        });
        let r = f(browser);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        r
    })
}

fn out_of_time(opts: &Options) -> String {
    format!(
        "the time limit of {} s was reached",
        opts.total_timeout.as_secs()
    )
}

/// Each consent state in its own browser with a fresh profile: a
/// first-time visitor, not a private window (Chromium blocks third-party
/// cookies in private windows, which visitors mostly do not use).
fn scan(opts: &Options, deadline: Instant, obs: &mut Observations) -> Result<(), String> {
    let (pages, method) = with_browser(opts, |b| first_state(b, opts, deadline, obs))?;
    for state in [ConsentState::Rejected, ConsentState::Accepted] {
        let has_selector = match state {
            ConsentState::Accepted => opts.accept_selector.is_some(),
            _ => opts.reject_selector.is_some(),
        };
        if method == BannerMethod::None || (method == BannerMethod::Selectors && !has_selector) {
            obs.states.push(StateRun {
                state,
                method: BannerMethod::None,
                scanned: false,
                note: Some(format!(
                    "the start page has no cookieconsent API (window.CookieConsent) and personvern.toml sets no [scan] {}",
                    if state == ConsentState::Accepted { "accept_selector" } else { "reject_selector" }
                )),
            });
            continue;
        }
        if Instant::now() >= deadline {
            return Err(out_of_time(opts));
        }
        with_browser(opts, |b| {
            answered_state(b, state, method, &pages, opts, deadline, obs)
        })?;
    }
    Ok(())
}

/// Before consent: the pages are found here. Returns them and how the
/// banner can be answered.
fn first_state(
    browser: &Browser,
    opts: &Options,
    deadline: Instant,
    obs: &mut Observations,
) -> Result<(Vec<Url>, BannerMethod), String> {
    let robots = robots(browser, &opts.start, opts);
    let mut session = Session::open(browser, ConsentState::BeforeConsent, opts, false)?;
    let mut frontier = Frontier::new(&opts.start, opts.max_pages, robots);
    let mut pages: Vec<Url> = Vec::new();
    let mut method = BannerMethod::None;
    let mut first = true;
    let mut queue_extra = opts.extra.clone().into_iter();
    let mut result = Ok(());
    while let Some(url) = frontier.next_page().or_else(|| queue_extra.next()) {
        if pages.iter().any(|p| p.as_str() == url.as_str()) {
            continue;
        }
        if Instant::now() >= deadline {
            result = Err(out_of_time(opts));
            break;
        }
        if !first {
            std::thread::sleep(opts.delay);
        }
        let (visit, links) = session.visit(&url, opts, obs);
        let failed = visit.error.clone();
        obs.visits.push(visit);
        if first {
            if let Some(e) = failed {
                obs.states.push(StateRun {
                    state: ConsentState::BeforeConsent,
                    method: BannerMethod::None,
                    scanned: false,
                    note: Some(format!("the start page failed: {e}")),
                });
                return Err(format!("the start page {url} could not be scanned: {e}"));
            }
            method = banner_method(&session, opts);
            first = false;
        }
        frontier.add_links(links.iter().map(String::as_str));
        pages.push(url);
    }
    obs.robots_disallowed = frontier.disallowed.clone();
    let capped = session.capped;
    session.close();
    obs.states.push(StateRun {
        state: ConsentState::BeforeConsent,
        method: BannerMethod::None,
        scanned: true,
        note: capped.then(|| format!("more than {MAX_RECORDS} records; the rest are not listed")),
    });
    result.map(|()| (pages, method))
}

/// After rejecting or accepting all: the banner answered on the start
/// page, then every page visited again.
fn answered_state(
    browser: &Browser,
    state: ConsentState,
    method: BannerMethod,
    pages: &[Url],
    opts: &Options,
    deadline: Instant,
    obs: &mut Observations,
) -> Result<(), String> {
    let run = |scanned: bool, note: Option<String>| StateRun {
        state,
        method,
        scanned,
        note,
    };
    let mut session = Session::open(browser, state, opts, false)?;
    if let Err(e) = session.load(&opts.start) {
        obs.states
            .push(run(false, Some(format!("the start page failed: {e}"))));
        return Err(format!(
            "the start page {} could not be scanned {}: {e}",
            opts.start,
            state.label()
        ));
    }
    std::thread::sleep(opts.settle);
    if let Err(e) = session.answer(method, opts) {
        obs.states.push(run(false, Some(e)));
        session.close();
        return Ok(());
    }
    for (i, url) in pages.iter().enumerate() {
        if Instant::now() >= deadline {
            obs.states
                .push(run(true, Some("stopped at the time limit".to_string())));
            return Err(out_of_time(opts));
        }
        if i > 0 {
            std::thread::sleep(opts.delay);
        }
        let (visit, _) = session.visit(url, opts, obs);
        obs.visits.push(visit);
    }
    let capped = session.capped;
    session.close();
    obs.states.push(run(
        true,
        capped.then(|| format!("more than {MAX_RECORDS} records; the rest are not listed")),
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cookie_names;

    #[test]
    fn set_cookie_lines() {
        assert_eq!(
            cookie_names("sid=1; Path=/; HttpOnly\ntp = x; SameSite=None\n=bad\nnoequals"),
            ["sid", "tp"]
        );
    }
}
