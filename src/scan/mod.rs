//! `personvern scan`: the live website checked against the declaration in
//! a real headless Chromium, driven over the DevTools protocol.
//!
//! The stages, one file each: [`crawl`] picks the pages, [`browser`]
//! starts Chromium and opens a fresh browser context per consent state,
//! [`observe`] records what a page stores and whom it contacts, [`compare`]
//! turns the observations and the site's declaration into findings,
//! [`report`] prints them (human, JSON, Markdown) and [`add`] appends the
//! undeclared cookies to `content/cookies.toml`.
//!
//! The scan imports from `load`, `model` and `reference` only: it reads a
//! loaded site and writes nothing but (with `--add`) the cookie file.

pub mod add;
pub mod browser;
pub mod compare;
pub mod crawl;
pub mod observe;
pub mod report;

pub use observe::run;

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

/// Version of the JSON report (`--format json`); see `scan-report.schema.json`.
pub const REPORT_VERSION: u32 = 1;

/// A consent state the scan visits the pages in, each in a fresh browser
/// context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Before any interaction with the consent banner.
    BeforeConsent,
    /// After "reject all" (only strictly necessary cookies).
    Rejected,
    /// After "accept all".
    Accepted,
}

impl ConsentState {
    /// The three states, in scan order.
    pub const ALL: [ConsentState; 3] = [
        ConsentState::BeforeConsent,
        ConsentState::Rejected,
        ConsentState::Accepted,
    ];

    /// Stable id, as in the JSON report.
    pub fn id(self) -> &'static str {
        match self {
            ConsentState::BeforeConsent => "before_consent",
            ConsentState::Rejected => "rejected",
            ConsentState::Accepted => "accepted",
        }
    }

    /// Words for reports.
    pub fn label(self) -> &'static str {
        match self {
            ConsentState::BeforeConsent => "before consent",
            ConsentState::Rejected => "after rejecting all",
            ConsentState::Accepted => "after accepting all",
        }
    }

    /// Whether only strictly necessary storage is allowed in this state.
    pub fn needs_consent_absent(self) -> bool {
        matches!(self, ConsentState::BeforeConsent | ConsentState::Rejected)
    }
}

/// How the scan answered the consent banner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BannerMethod {
    /// Through vanilla-cookieconsent's API (`CookieConsent.acceptCategory`),
    /// as the site's generated configuration is used.
    Cookieconsent,
    /// By clicking `[scan] accept_selector` / `reject_selector`.
    Selectors,
    /// No way to answer the banner: only the first state was scanned.
    None,
}

/// What `personvern scan` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The start URL.
    pub start: url::Url,
    /// More pages to visit (`--url`).
    pub extra: Vec<url::Url>,
    /// How many pages found by following links to visit besides the start.
    pub max_pages: usize,
    /// The Chromium executable.
    pub browser: PathBuf,
    /// Pause between two page visits.
    pub delay: Duration,
    /// Time limit for one page to load.
    pub page_timeout: Duration,
    /// Time limit for the whole scan.
    pub total_timeout: Duration,
    /// How long to wait after a page has loaded, for late scripts.
    pub settle: Duration,
    /// `[scan] accept_selector`.
    pub accept_selector: Option<String>,
    /// `[scan] reject_selector`.
    pub reject_selector: Option<String>,
}

/// One page visit.
#[derive(Debug, Clone, Serialize)]
pub struct Visit {
    /// The consent state.
    pub state: ConsentState,
    /// The URL asked for.
    pub url: String,
    /// The URL the page ended at (after redirects), when it loaded.
    pub final_url: Option<String>,
    /// Why the page could not be scanned, if it could not.
    pub error: Option<String>,
    /// Milliseconds from navigation to the end of the observation.
    pub millis: u64,
}

/// Who set a cookie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum Setter {
    /// A `Set-Cookie` header of the response to this URL.
    Header {
        /// URL of the response.
        url: String,
    },
    /// `document.cookie` written by a script from this URL.
    Script {
        /// URL of the script (the page's URL for an inline script).
        url: String,
    },
    /// The protocol did not tell.
    Unknown,
}

impl Setter {
    /// The URL that set the cookie, if known.
    pub fn url(&self) -> Option<&str> {
        match self {
            Setter::Header { url } | Setter::Script { url } => Some(url),
            Setter::Unknown => None,
        }
    }
}

/// A cookie seen in the browser's cookie jar.
#[derive(Debug, Clone, Serialize)]
pub struct SeenCookie {
    /// Consent state it was first seen in.
    pub state: ConsentState,
    /// Page after whose visit it was first seen.
    pub page: String,
    /// Name.
    pub name: String,
    /// Domain attribute (with its leading dot for a domain cookie).
    pub domain: String,
    /// Path attribute.
    pub path: String,
    /// Seconds from the visit until it expires; `None` for a session cookie.
    pub expires_in: Option<u64>,
    /// Secure attribute.
    pub secure: bool,
    /// HttpOnly attribute.
    pub http_only: bool,
    /// SameSite attribute, if set.
    pub same_site: Option<String>,
    /// Whether the cookie's domain is another site than the scanned one.
    pub third_party: bool,
    /// Who set it.
    pub set_by: Setter,
}

/// Kind of browser storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageKind {
    /// `localStorage`.
    LocalStorage,
    /// `sessionStorage`.
    SessionStorage,
    /// An IndexedDB database.
    IndexedDb,
}

impl StorageKind {
    /// Words for reports.
    pub fn label(self) -> &'static str {
        match self {
            StorageKind::LocalStorage => "localStorage key",
            StorageKind::SessionStorage => "sessionStorage key",
            StorageKind::IndexedDb => "IndexedDB database",
        }
    }
}

/// A key of web storage or an IndexedDB database, of the page's origin.
#[derive(Debug, Clone, Serialize)]
pub struct SeenStorage {
    /// Consent state it was first seen in.
    pub state: ConsentState,
    /// Page after whose visit it was first seen.
    pub page: String,
    /// Which storage.
    pub kind: StorageKind,
    /// The key or database name.
    pub name: String,
    /// Origin of the storage.
    pub origin: String,
}

/// Requests of one page to one other host, in one state.
#[derive(Debug, Clone, Serialize)]
pub struct SeenRequest {
    /// Consent state.
    pub state: ConsentState,
    /// The page that made them.
    pub page: String,
    /// Host asked.
    pub host: String,
    /// Resource types (`Script`, `Image`, `XHR`, …), sorted.
    pub types: Vec<String>,
    /// How many requests.
    pub count: usize,
    /// Whether the host is another site than the scanned one.
    pub third_party: bool,
}

/// What one consent state showed.
#[derive(Debug, Clone, Serialize)]
pub struct StateRun {
    /// The state.
    pub state: ConsentState,
    /// How the banner was answered (for the first state: `none`).
    pub method: BannerMethod,
    /// Whether the state was scanned (the banner could be answered).
    pub scanned: bool,
    /// What happened, when the state could not be reached.
    pub note: Option<String>,
}

/// Everything a scan saw.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Observations {
    /// Pages in visit order, each state's visits.
    pub visits: Vec<Visit>,
    /// The states and how each was reached.
    pub states: Vec<StateRun>,
    /// Cookies, in the order first seen; one entry per state a cookie was
    /// seen in.
    pub cookies: Vec<SeenCookie>,
    /// Storage keys and databases, per state.
    pub storage: Vec<SeenStorage>,
    /// Requests to other hosts.
    pub requests: Vec<SeenRequest>,
    /// Links not followed because robots.txt disallows them.
    pub robots_disallowed: Vec<String>,
    /// A fault that stopped the scan early (browser missing or crashed,
    /// start page unreachable, time limit), if any.
    pub fault: Option<String>,
    /// Wall-clock milliseconds the scan took.
    pub millis: u64,
}

impl Observations {
    /// The distinct pages visited (loaded) in any state, in order.
    pub fn pages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in &self.visits {
            if v.error.is_none() && !out.contains(&v.url) {
                out.push(v.url.clone());
            }
        }
        out
    }

    /// Whether the scan is incomplete: a fault, or a page that failed.
    pub fn incomplete(&self) -> bool {
        self.fault.is_some() || self.visits.iter().any(|v| v.error.is_some())
    }
}

/// The host and port of a URL's origin, as the report names hosts.
pub fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?.to_string();
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host,
    })
}

/// The registrable part of a host name, approximately: the last two labels
/// (three when the second-to-last is a common second-level label such as
/// `co` in `example.co.uk`), an IP address or `localhost` as a whole. Two
/// hosts are the same site when these agree.
pub fn site_of(host: &str) -> String {
    let host = host.trim_start_matches('.').to_ascii_lowercase();
    let host = host.rsplit_once(':').map_or(host.as_str(), |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) && !h.contains(':') {
            h
        } else {
            host.as_str()
        }
    });
    if host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[') {
        return host.to_string();
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() <= 2 {
        return labels.join(".");
    }
    let second = labels[labels.len() - 2];
    let take = if ["co", "com", "org", "net", "gov", "ac", "edu", "priv"].contains(&second) {
        3
    } else {
        2
    };
    labels[labels.len() - take.min(labels.len())..].join(".")
}

/// Whether `host` is covered by a host entry (`example.com` covers
/// `example.com` and `www.example.com`).
pub fn host_covered(host: &str, entry: &str) -> bool {
    let entry = entry
        .trim()
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches('.')
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    let bare = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
    !entry.is_empty()
        && [host.as_str(), bare]
            .iter()
            .any(|h| *h == entry || h.ends_with(&format!(".{entry}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_of_hosts() {
        assert_eq!(site_of("www.example.no"), "example.no");
        assert_eq!(site_of(".example.no"), "example.no");
        assert_eq!(site_of("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(site_of("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(site_of("localhost:9000"), "localhost");
        assert_ne!(
            site_of("www.example.no"),
            site_of("www.google-analytics.com")
        );
    }

    #[test]
    fn hosts_covered() {
        assert!(host_covered(
            "www.google-analytics.com",
            "google-analytics.com"
        ));
        assert!(host_covered(
            "google-analytics.com",
            ".google-analytics.com"
        ));
        assert!(host_covered("localhost:9000", "localhost"));
        assert!(host_covered("localhost:9000", "localhost:9000"));
        assert!(!host_covered(
            "evilgoogle-analytics.com",
            "google-analytics.com"
        ));
        assert!(!host_covered("example.com", ""));
    }
}
