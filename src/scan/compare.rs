//! Findings: what the website did, compared with what the declaration says.
//!
//! | kind                 | severity | when                                                          |
//! |----------------------|----------|---------------------------------------------------------------|
//! | `set_before_consent` | error    | storage not declared strictly necessary, before consent or after rejecting all |
//! | `undeclared`         | error    | observed, matching no declared name or pattern                 |
//! | `not_seen`           | warning  | declared, observed in no state                                 |
//! | `mismatch`           | error    | lifetime longer than declared; third party declared first party |
//! | `mismatch`           | warning  | set by a host that is not among its provider's `hosts`         |
//! | `third_party_host`   | warning  | another site contacted that no recipient's `hosts` covers       |

use serde::Serialize;

use crate::load::Site;
use crate::model::{Cookie, CookieCategory, CookieDuration, Party, Technology};
use crate::reference::cookiedb::{self, glob};

use super::{host_covered, ConsentState, Observations, StorageKind};

/// Kind of finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Storage that needs consent, present before consent or after rejecting all.
    SetBeforeConsent,
    /// Observed but not declared.
    Undeclared,
    /// Declared but not observed.
    NotSeen,
    /// Observed differently from what is declared.
    Mismatch,
    /// Another site contacted that matches no declared recipient.
    ThirdPartyHost,
}

impl Kind {
    /// All kinds, in report order.
    pub const ALL: [Kind; 5] = [
        Kind::SetBeforeConsent,
        Kind::Undeclared,
        Kind::Mismatch,
        Kind::ThirdPartyHost,
        Kind::NotSeen,
    ];

    /// Stable id (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Kind::SetBeforeConsent => "set_before_consent",
            Kind::Undeclared => "undeclared",
            Kind::NotSeen => "not_seen",
            Kind::Mismatch => "mismatch",
            Kind::ThirdPartyHost => "third_party_host",
        }
    }

    /// Heading in reports.
    pub fn title(self) -> &'static str {
        match self {
            Kind::SetBeforeConsent => "Set before consent",
            Kind::Undeclared => "Undeclared",
            Kind::NotSeen => "Declared but not seen",
            Kind::Mismatch => "Different from the declaration",
            Kind::ThirdPartyHost => "Third-party hosts without a recipient",
        }
    }
}

/// Severity of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Makes `personvern scan` exit with 1.
    Error,
    /// Reported only.
    Warning,
}

/// What the Open Cookie Database knows about a name.
#[derive(Debug, Clone, Serialize)]
pub struct Known {
    /// Platform (`Google Analytics`).
    pub platform: String,
    /// Category, as personvern names them.
    pub category: CookieCategory,
    /// The database's description.
    pub description: String,
    /// The database's retention text.
    pub retention: String,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Kind.
    pub kind: Kind,
    /// Severity.
    pub severity: Severity,
    /// For a mismatch: `lifetime`, `party` or `provider_host`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<&'static str>,
    /// What it is about: `http_cookie`, `local_storage`, `session_storage`,
    /// `indexed_db` or `host`.
    pub technology: &'static str,
    /// The cookie or key name, or the host.
    pub name: String,
    /// Id of the declared entry (`[cookies.<id>]`), if one matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared: Option<String>,
    /// State it was seen in (absent for `not_seen`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<ConsentState>,
    /// Page it was first seen after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// One sentence for people.
    pub message: String,
    /// The Open Cookie Database's entry, for undeclared names it knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub known: Option<Known>,
}

fn tech_id(t: Technology) -> &'static str {
    match t {
        Technology::HttpCookie => "http_cookie",
        Technology::LocalStorage => "local_storage",
        Technology::SessionStorage => "session_storage",
        Technology::IndexedDb => "indexed_db",
        Technology::Pixel => "pixel",
        Technology::Fingerprint => "fingerprint",
        Technology::SdkIdentifier => "sdk_identifier",
        Technology::ServerRequest => "server_request",
    }
}

fn storage_tech(k: StorageKind) -> Technology {
    match k {
        StorageKind::LocalStorage => Technology::LocalStorage,
        StorageKind::SessionStorage => Technology::SessionStorage,
        StorageKind::IndexedDb => Technology::IndexedDb,
    }
}

/// The declared entry a name of a technology matches: an exact name first,
/// then the first pattern (`_ga_*`) that matches.
pub fn declared_for<'a>(
    site: &'a Site,
    tech: Technology,
    name: &str,
) -> Option<(&'a str, &'a Cookie)> {
    let mut pattern = None;
    for (id, c) in site.policy.cookies.iter() {
        if c.technology != tech {
            continue;
        }
        // A group declared without names matches no name.
        let Some(own) = c.name.as_deref() else {
            continue;
        };
        if own == name {
            return Some((id.as_str(), c));
        }
        if pattern.is_none() && own.contains('*') && glob(own, name) {
            pattern = Some((id.as_str(), c));
        }
    }
    pattern
}

fn known(name: &str) -> Option<Known> {
    cookiedb::lookup(name).first().map(|k| Known {
        platform: k.platform.clone(),
        category: k.category,
        description: k.description.clone(),
        retention: k.retention_text.clone(),
    })
}

/// A lifetime in words for messages (`13 months`, `2 days`, `5 minutes`).
pub fn lifetime_words(seconds: u64) -> String {
    let plural = |n: u64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    let m = crate::model::duration::SECONDS_PER_MONTH;
    if seconds >= m * 24 {
        plural((seconds + m / 2) / m, "month")
    } else if seconds >= 2 * 86_400 {
        plural((seconds + 43_200) / 86_400, "day")
    } else if seconds >= 2 * 3600 {
        plural((seconds + 1800) / 3600, "hour")
    } else {
        plural(seconds.div_ceil(60), "minute")
    }
}

/// The findings of a scan, in report order (kind, then name).
pub fn compare(site: &Site, obs: &Observations) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let scanned_states: Vec<ConsentState> = obs
        .states
        .iter()
        .filter(|s| s.scanned)
        .map(|s| s.state)
        .collect();
    let mut seen_ids: Vec<&str> = Vec::new();
    // Names already reported as undeclared, so each is listed once.
    let mut undeclared: Vec<(&'static str, String)> = Vec::new();

    for c in &obs.cookies {
        let decl = declared_for(site, Technology::HttpCookie, &c.name);
        if let Some((id, _)) = decl {
            seen_ids.push(id);
        }
        set_before_consent(
            &mut out,
            decl,
            c.state,
            "http_cookie",
            &c.name,
            &c.page,
            |why| {
                format!(
                "cookie `{}` ({}) was set {} on {}, and it is {why}; only strictly necessary cookies may be set without consent (ekomloven § 3-15)",
                c.name, c.domain, c.state.label(), c.page
            )
            },
        );
        match decl {
            None => {
                if !undeclared
                    .iter()
                    .any(|(t, n)| *t == "http_cookie" && *n == c.name)
                {
                    undeclared.push(("http_cookie", c.name.clone()));
                    let k = known(&c.name);
                    let hint = match &k {
                        Some(k) => format!(
                            "; the Open Cookie Database knows it as {} ({})",
                            k.platform,
                            k.category.id()
                        ),
                        None => String::new(),
                    };
                    out.push(Finding {
                        kind: Kind::Undeclared,
                        severity: Severity::Error,
                        detail: None,
                        technology: "http_cookie",
                        name: c.name.clone(),
                        declared: None,
                        state: Some(c.state),
                        page: Some(c.page.clone()),
                        message: format!(
                            "cookie `{}` ({}{}) was set {} on {} but matches no declared cookie{hint}",
                            c.name,
                            c.domain,
                            match c.set_by.url() {
                                Some(u) => format!(", set by {u}"),
                                None => String::new(),
                            },
                            c.state.label(),
                            c.page
                        ),
                        known: k,
                    });
                }
            }
            Some((id, d)) => mismatches(site, id, d, c, &mut out),
        }
    }

    for s in &obs.storage {
        let tech = storage_tech(s.kind);
        let decl = declared_for(site, tech, &s.name);
        if let Some((id, _)) = decl {
            seen_ids.push(id);
        }
        set_before_consent(
            &mut out,
            decl,
            s.state,
            tech_id(tech),
            &s.name,
            &s.page,
            |why| {
                format!(
                "{} `{}` ({}) was written {} on {}, and it is {why}; only strictly necessary storage may be used without consent (ekomloven § 3-15)",
                s.kind.label(),
                s.name,
                s.origin,
                s.state.label(),
                s.page
            )
            },
        );
        if decl.is_none()
            && !undeclared
                .iter()
                .any(|(t, n)| *t == tech_id(tech) && *n == s.name)
        {
            undeclared.push((tech_id(tech), s.name.clone()));
            out.push(Finding {
                kind: Kind::Undeclared,
                severity: Severity::Error,
                detail: None,
                technology: tech_id(tech),
                name: s.name.clone(),
                declared: None,
                state: Some(s.state),
                page: Some(s.page.clone()),
                message: format!(
                    "{} `{}` ({}) was written {} on {} but matches no declared {}",
                    s.kind.label(),
                    s.name,
                    s.origin,
                    s.state.label(),
                    s.page,
                    tech_id(tech)
                ),
                known: None,
            });
        }
    }

    // Declared but not seen: only technologies a browser can show, and only
    // when the scan reached pages at all.
    if !obs.pages().is_empty() {
        for (id, c) in site.policy.cookies.iter() {
            let observable = matches!(
                c.technology,
                Technology::HttpCookie
                    | Technology::LocalStorage
                    | Technology::SessionStorage
                    | Technology::IndexedDb
            );
            // A group declared without names cannot be looked for by name:
            // not seeing it says nothing.
            if !observable || c.name.is_none() || seen_ids.contains(&id.as_str()) {
                continue;
            }
            let states: Vec<&str> = scanned_states.iter().map(|s| s.label()).collect();
            out.push(Finding {
                kind: Kind::NotSeen,
                severity: Severity::Warning,
                detail: None,
                technology: tech_id(c.technology),
                name: c.name.clone().unwrap_or_default(),
                declared: Some(id.clone()),
                state: None,
                page: None,
                message: format!(
                    "[cookies.{id}] `{}` was declared but not seen on {} {} ({}); it may be set only after login or in a flow the scan did not reach",
                    c.name.as_deref().unwrap_or_default(),
                    obs.pages().len(),
                    if obs.pages().len() == 1 { "page" } else { "pages" },
                    states.join(", ")
                ),
                known: None,
            });
        }
    }

    // Third-party hosts no recipient covers.
    let mut hosts: Vec<&str> = Vec::new();
    for r in obs.requests.iter().filter(|r| r.third_party) {
        if hosts.contains(&r.host.as_str()) {
            continue;
        }
        hosts.push(&r.host);
        let covered = site
            .policy
            .recipients
            .iter()
            .any(|(_, rec)| rec.hosts.iter().any(|h| host_covered(&r.host, h)));
        if !covered {
            out.push(Finding {
                kind: Kind::ThirdPartyHost,
                severity: Severity::Warning,
                detail: None,
                technology: "host",
                name: r.host.clone(),
                declared: None,
                state: Some(r.state),
                page: Some(r.page.clone()),
                message: format!(
                    "{} was contacted {} from {} ({}), and no declared recipient lists it in `hosts`",
                    r.host,
                    r.state.label(),
                    r.page,
                    r.types.join(", ")
                ),
                known: None,
            });
        }
    }

    out.sort_by(|a, b| {
        let order = |k: Kind| Kind::ALL.iter().position(|x| *x == k);
        (order(a.kind), &a.name, a.state).cmp(&(order(b.kind), &b.name, b.state))
    });
    out
}

/// Mismatches of one observed cookie with its declared entry.
/// A cookie or storage key present before consent or after rejecting all
/// that is not declared strictly necessary: an error (ekomloven § 3-15).
/// `message` is given why it is not allowed ("not declared", or the
/// category it is declared under) and words the finding for its technology.
fn set_before_consent(
    out: &mut Vec<Finding>,
    decl: Option<(&str, &Cookie)>,
    state: ConsentState,
    technology: &'static str,
    name: &str,
    page: &str,
    message: impl FnOnce(&str) -> String,
) {
    if !state.needs_consent_absent()
        || decl.is_some_and(|(_, d)| d.category == CookieCategory::StrictlyNecessary)
    {
        return;
    }
    let why = match decl {
        Some((id, d)) => format!("declared as {} in [cookies.{id}]", d.category.id()),
        None => "not declared".to_string(),
    };
    out.push(Finding {
        kind: Kind::SetBeforeConsent,
        severity: Severity::Error,
        detail: None,
        technology,
        name: name.to_string(),
        declared: decl.map(|(id, _)| id.to_string()),
        state: Some(state),
        page: Some(page.to_string()),
        message: message(&why),
        known: None,
    });
}

fn mismatches(site: &Site, id: &str, d: &Cookie, c: &super::SeenCookie, out: &mut Vec<Finding>) {
    let base = |detail: &'static str, severity: Severity, message: String| Finding {
        kind: Kind::Mismatch,
        severity,
        detail: Some(detail),
        technology: "http_cookie",
        name: c.name.clone(),
        declared: Some(id.to_string()),
        state: Some(c.state),
        page: Some(c.page.clone()),
        message,
        known: None,
    };
    // Lifetime: a day's slack for clocks and rounding.
    if let Some(seen) = c.expires_in {
        let longer = match d.duration.get_ref() {
            CookieDuration::Session => {
                Some("`session` (deleted when the browser closes)".to_string())
            }
            CookieDuration::Period(p) if seen > p.approx_seconds() + 86_400 => Some(format!(
                "`{p}` (about {})",
                lifetime_words(p.approx_seconds())
            )),
            CookieDuration::Range(_, b) if seen > b.approx_seconds() + 86_400 => Some(format!(
                "`{}` (at most about {})",
                crate::model::cookie_duration_str(d.duration.get_ref()),
                lifetime_words(b.approx_seconds())
            )),
            CookieDuration::Period(_)
            | CookieDuration::Range(..)
            | CookieDuration::Varies
            | CookieDuration::NotStored => None,
        };
        if let Some(declared) = longer {
            out.push(base(
                "lifetime",
                Severity::Error,
                format!(
                    "cookie `{}` lasts {} but [cookies.{id}] declares {declared}",
                    c.name,
                    lifetime_words(seen)
                ),
            ));
        }
    }
    if c.third_party && d.party == Party::First {
        out.push(base(
            "party",
            Severity::Error,
            format!(
                "cookie `{}` is a third-party cookie (domain {}) but [cookies.{id}] declares it first party",
                c.name, c.domain
            ),
        ));
    }
    // Who set it: a host of the provider, when the declaration names one.
    let setter_host = c.set_by.url().and_then(super::host_of);
    if let (Some(p), Some(host)) = (d.provider.as_ref(), setter_host) {
        if let Some(rec) = site.policy.recipients.get(p.get_ref()) {
            let own = c.set_by.url().is_some_and(|u| {
                super::host_of(u)
                    .is_some_and(|h| super::site_of(&h) == super::site_of(&c.page_host()))
            });
            if !own && !rec.hosts.iter().any(|h| host_covered(&host, h)) {
                out.push(base(
                    "provider_host",
                    Severity::Warning,
                    format!(
                        "cookie `{}` was set by {host}, which is not among the `hosts` of its provider [recipients.{}]",
                        c.name,
                        p.get_ref()
                    ),
                ));
            }
        }
    }
}

impl super::SeenCookie {
    /// Host of the page it was first seen on.
    pub fn page_host(&self) -> String {
        super::host_of(&self.page).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::{SeenCookie, Setter, Visit};

    fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
        let _ = std::fs::create_dir_all(to);
        for e in std::fs::read_dir(from).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                copy_dir(&p, &to.join(e.file_name()));
            } else {
                let _ = std::fs::copy(&p, to.join(e.file_name()));
            }
        }
    }

    /// The starter site with a first-party statistics group declared
    /// without names.
    fn site_with_group() -> (tempfile::TempDir, Site) {
        let t = tempfile::tempdir().expect("tempdir");
        let root = t.path().join("site");
        copy_dir(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/starter"),
            &root,
        );
        let ck = root.join("content/cookies.toml");
        let mut s = std::fs::read_to_string(&ck).expect("cookies.toml");
        s.push_str("\n[cookies.login]\ngroup = { nb = \"Innloggingscookies\", en = \"Login cookies\" }\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"Holder deg innlogget.\", en = \"Keep you logged in.\" }\nduration = \"varies\"\n");
        std::fs::write(&ck, s).expect("write");
        let site = match crate::load_site(&root) {
            Ok((site, _)) => site,
            Err(r) => panic!("{}", r.render(false)),
        };
        (t, site)
    }

    fn observed(names: &[&str]) -> Observations {
        let page = "https://www.example.no/".to_string();
        Observations {
            visits: vec![Visit {
                state: ConsentState::BeforeConsent,
                url: page.clone(),
                final_url: Some(page.clone()),
                error: None,
                millis: 1,
            }],
            cookies: names
                .iter()
                .map(|n| SeenCookie {
                    state: ConsentState::BeforeConsent,
                    page: page.clone(),
                    name: n.to_string(),
                    domain: "www.example.no".into(),
                    path: "/".into(),
                    expires_in: None,
                    secure: true,
                    http_only: true,
                    same_site: None,
                    third_party: false,
                    set_by: Setter::Unknown,
                })
                .collect(),
            ..Default::default()
        }
    }

    /// A group has no name to look for: it is never "declared but not
    /// seen", and it does not cover an observed cookie (which stays
    /// undeclared); a named cookie not seen is still reported.
    #[test]
    fn a_declared_group_is_neither_not_seen_nor_a_match() {
        let (_t, site) = site_with_group();
        let found = compare(&site, &observed(&["sess_x"]));
        assert!(
            !found.iter().any(|f| f.declared.as_deref() == Some("login")),
            "{found:#?}"
        );
        assert!(found
            .iter()
            .any(|f| f.kind == Kind::NotSeen && f.declared.as_deref() == Some("consent")));
        assert!(found
            .iter()
            .any(|f| f.kind == Kind::Undeclared && f.name == "sess_x"));
    }
}
