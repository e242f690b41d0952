//! Cookies and similar technologies, and the cookie policy.
use super::*;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use toml::Spanned;

/// Cookie category.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CookieCategory {
    /// Needed for the service the user asked for; no consent needed.
    StrictlyNecessary,
    /// Preferences / functional.
    Preferences,
    /// Statistics / analytics.
    Statistics,
    /// Marketing / advertising.
    Marketing,
}

impl CookieCategory {
    /// All categories in display order.
    pub const ALL: [CookieCategory; 4] = [
        CookieCategory::StrictlyNecessary,
        CookieCategory::Preferences,
        CookieCategory::Statistics,
        CookieCategory::Marketing,
    ];
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            CookieCategory::StrictlyNecessary => "strictly_necessary",
            CookieCategory::Preferences => "preferences",
            CookieCategory::Statistics => "statistics",
            CookieCategory::Marketing => "marketing",
        }
    }
}

/// First or third party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// Set by our own domain.
    First,
    /// Set by another domain.
    Third,
}

/// Storage technology.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Technology {
    /// HTTP cookie.
    #[default]
    HttpCookie,
    /// Web storage: localStorage.
    LocalStorage,
    /// Web storage: sessionStorage.
    SessionStorage,
    /// IndexedDB.
    IndexedDb,
    /// Tracking pixel.
    Pixel,
    /// Device fingerprinting.
    Fingerprint,
    /// SDK / app identifier.
    SdkIdentifier,
    /// A request the site's server sends to another (a server-side
    /// analytics ping): nothing is stored on or read from the device, so
    /// its duration is `not_stored`.
    ServerRequest,
}

/// Cookie lifetime: a duration, `session`, a range, `varies` or
/// `not_stored`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieDuration {
    /// Deleted when the browser closes.
    Session,
    /// Kept for a period.
    Period(Duration),
    /// Kept for between the first and the second period (`P1D..P2Y`): a
    /// group of cookies whose lifetimes differ.
    Range(Duration, Duration),
    /// The lifetime varies and the notice gives no period (`varies`): said
    /// as such, never as a period.
    Varies,
    /// Nothing is stored on the device (`not_stored`): a pixel, a
    /// fingerprint or a request to a server, which has no lifetime there.
    NotStored,
}

impl CookieDuration {
    /// Parses `session`, `varies`, `not_stored`, an ISO 8601 duration or a
    /// range of two (`P1D..P2Y`, the shorter first).
    pub fn parse(s: &str) -> Result<CookieDuration, String> {
        match s {
            "session" => return Ok(CookieDuration::Session),
            "varies" => return Ok(CookieDuration::Varies),
            "not_stored" => return Ok(CookieDuration::NotStored),
            _ => {}
        }
        let alternatives = "or \"session\", a range \"P1D..P2Y\", \"varies\" or \"not_stored\"";
        if let Some((a, b)) = s.split_once("..") {
            let a = Duration::parse(a.trim()).map_err(|e| format!("{e}, {alternatives}"))?;
            let b = Duration::parse(b.trim()).map_err(|e| format!("{e}, {alternatives}"))?;
            if a.approx_seconds() >= b.approx_seconds() {
                return Err(format!(
                    "the range `{s}` does not go from a shorter to a longer period; write the shorter first (\"P1D..P2Y\"), or one period"
                ));
            }
            return Ok(CookieDuration::Range(a, b));
        }
        Duration::parse(s)
            .map(CookieDuration::Period)
            .map_err(|e| format!("{e}, {alternatives}"))
    }

    /// The longest time it may be kept, in seconds (0 for a session cookie
    /// and for nothing stored); `None` when it varies without a stated
    /// period.
    pub fn max_seconds(&self) -> Option<u64> {
        match self {
            CookieDuration::Session | CookieDuration::NotStored => Some(0),
            CookieDuration::Period(p) => Some(p.approx_seconds()),
            CookieDuration::Range(_, b) => Some(b.approx_seconds()),
            CookieDuration::Varies => None,
        }
    }
}

impl<'de> Deserialize<'de> for CookieDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CookieDuration::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl Serialize for CookieDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&cookie_duration_str(self))
    }
}

/// `[cookies.<id>]`: a cookie or similar technology.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cookie {
    /// Exact name, or a pattern with `*` (`_ga_*`). Leave it out for a
    /// group of cookies declared together (give `group` instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A group of cookies or similar technologies declared together, where
    /// the notice names none of them one by one ("Login cookies", "Cookies
    /// from embedded videos"): the group's name, shown in place of a cookie
    /// name. Give either `name` or `group`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Text>,
    /// Recipient that provides it (id); absent means the organisation itself.
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub provider: Option<Ref>,
    /// First or third party.
    pub party: Party,
    /// Domain that sets it.
    pub domain: Option<String>,
    /// Category: strictly necessary cookies need no consent, the others do.
    pub category: CookieCategory,
    /// What the cookie is used for.
    pub purpose: Text,
    /// Lifetime: `P13M`, `session`, a range `P1D..P2Y` (a group whose
    /// cookies live for different periods), `varies` (the notice gives no
    /// period) or `not_stored` (a pixel, a fingerprint or a server request
    /// stores nothing on the device; the only duration of a
    /// `server_request`).
    #[schemars(with = "CookieDuration")]
    pub duration: Spanned<CookieDuration>,
    /// Technology: an HTTP cookie, browser storage, a pixel, …
    #[serde(default)]
    pub technology: Technology,
    /// Activity the data feeds (id).
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub activity: Option<Ref>,
    /// What it stores.
    pub data: Option<Text>,
    /// Lint rules waived for this entity: `{ rule-id = "reason" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub waive: BTreeMap<String, String>,
    #[serde(skip)]
    #[allow(missing_docs)]
    pub origin: Origin,
}

/// `[cookie_policy]`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CookiePolicy {
    /// How consent is asked (banner text, settings).
    pub consent: Option<Text>,
    /// How to change or withdraw consent (Markdown, may link to settings).
    pub change_consent: Option<Text>,
    /// Date the cookie list was last reviewed.
    pub last_reviewed: Option<Date>,
    /// The cookie (an id in `[cookies]`) in which the consent banner stores
    /// the visitor's choice. The banner configuration
    /// (`api/cookieconsent.json`) then uses its name and lifetime; without
    /// it the banner stores the choice in its default `cc_cookie`.
    #[serde(default, serialize_with = "ser_opt_ref")]
    #[schemars(with = "Option<String>")]
    pub consent_cookie: Option<Ref>,
}

/// A cookie lifetime as written in the data (`session`, `P1Y`,
/// `P1D..P2Y`, `varies`, `not_stored`).
pub fn cookie_duration_str(d: &CookieDuration) -> String {
    match d {
        CookieDuration::Session => "session".into(),
        CookieDuration::Period(p) => p.to_string(),
        CookieDuration::Range(a, b) => format!("{a}..{b}"),
        CookieDuration::Varies => "varies".into(),
        CookieDuration::NotStored => "not_stored".into(),
    }
}

impl Cookie {
    /// The cookie's name, or for a group its name in `lang` (the default
    /// language's, else any), for messages and plain-text outputs.
    pub fn label(&self, lang: &str) -> String {
        match (&self.name, &self.group) {
            (Some(n), _) => n.clone(),
            (None, Some(g)) => g
                .get(lang)
                .or_else(|| g.map.values().next().map(String::as_str))
                .unwrap_or_default()
                .to_string(),
            (None, None) => String::new(),
        }
    }

    /// True for a group declared without individual names.
    pub fn is_group(&self) -> bool {
        self.name.is_none()
    }
}
