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
}

/// Cookie lifetime: a duration or `session`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CookieDuration {
    /// Deleted when the browser closes.
    Session,
    /// Kept for a period.
    Period(Duration),
}

impl<'de> Deserialize<'de> for CookieDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "session" {
            return Ok(CookieDuration::Session);
        }
        Duration::parse(&s)
            .map(CookieDuration::Period)
            .map_err(|e| serde::de::Error::custom(format!("{e}, or \"session\"")))
    }
}

impl Serialize for CookieDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CookieDuration::Session => s.serialize_str("session"),
            CookieDuration::Period(d) => d.serialize(s),
        }
    }
}

/// `[cookies.<id>]`: a cookie or similar technology.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cookie {
    /// Exact name, or a pattern with `*` (`_ga_*`).
    pub name: String,
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
    /// Lifetime (`P13M`, `session`).
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

/// A cookie lifetime as written in the data (`session`, `P1Y`).
pub fn cookie_duration_str(d: &CookieDuration) -> String {
    match d {
        CookieDuration::Session => "session".into(),
        CookieDuration::Period(p) => p.to_string(),
    }
}
