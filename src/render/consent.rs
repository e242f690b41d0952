//! Configuration for the consent banner [orestbida/cookieconsent] v3,
//! generated from the site's cookie data, so the banner and the cookie
//! declaration cannot disagree: the same cookies, categories, providers,
//! purposes and lifetimes, in every site language.
//!
//! [`cookieconsent_json`] gives the object `CookieConsent.run()` takes, as
//! JSON text to write to a file, with keys in the order cookieconsent shows
//! them; [`cookieconsent_config`] gives the same as a `serde_json::Value`
//! (whose keys are sorted). Two things JSON cannot carry are left to a
//! small loader:
//!
//! - **Patterns.** A cookie name with `*` (`_ga_*`) is cleared by a regular
//!   expression. JSON has no RegExp, so it is written
//!   `{ "name": "^_ga_", "regex": true }`; the loader turns it into one:
//!
//!   ```js
//!   const config = await (await fetch("/assets/cookieconsent.json")).json();
//!   for (const category of Object.values(config.categories))
//!     for (const item of category.autoClear?.cookies ?? [])
//!       if (item.regex) { item.name = new RegExp(item.name); delete item.regex; }
//!   await CookieConsent.run(config);
//!   ```
//! - **Callbacks** (`onAccept` of services, `onConsent`) are the site's own.
//!
//! **Revision.** `revision` is a number derived from what visitors are
//! asked to consent to ([`consent_revision`]): every cookie outside the
//! strictly necessary category, with its name, domain, category, provider,
//! purpose (in every language), lifetime and technology. cookieconsent asks
//! for consent again when the revision differs from the one stored with the
//! visitor's choice, so a release that adds such a cookie, or changes what
//! one is for or who sets it, asks again by itself; a change that needs no
//! new consent (a new strictly necessary cookie, a new privacy statement
//! version) keeps the choices visitors made.
//!
//! **Consent cookie.** With `[cookie_policy] consent_cookie = "<id>"` the
//! banner stores the choice in that declared cookie (`cookie.name`, and
//! `cookie.expiresAfterDays` from its lifetime); without it, in its default
//! `cc_cookie`, which the declaration should then list.
//!
//! **Language.** `language.autoDetect` is `"document"`: the banner speaks
//! the language of the host page's `<html lang>` when the site has it, and
//! the default language otherwise.
//!
//! All texts are HTML-escaped, because cookieconsent inserts them as HTML
//! (category titles and service labels, which it also uses as plain text,
//! have only `<` and `>` escaped, so "R&D" reads right in both places).
//! Category titles and descriptions, table headings and the consent rule
//! come from the locale (`cookie-category-<id>`, `col-name`, `cookie-domain`,
//! `col-purpose`, `col-duration`, `cookies-consent-rule`); the button labels
//! from [`button_labels`].
//!
//! [orestbida/cookieconsent]: https://cookieconsent.orestbida.com/

use serde::Serialize;
use serde_json::{json, Value};

use crate::i18n::{Lang, Locales};
use crate::load::Site;
use crate::model::markdown::to_plain;
use crate::model::{Cookie, CookieCategory, CookieDuration, Party, Technology};
use crate::render::escape_html;

/// Button and dialog labels of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ButtonLabels {
    /// Accept every category.
    pub accept_all: &'static str,
    /// Accept only the strictly necessary cookies.
    pub accept_necessary: &'static str,
    /// Open the preferences dialog.
    pub show_preferences: &'static str,
    /// Save the choices made in the preferences dialog.
    pub save_preferences: &'static str,
    /// Accessible name of the close button.
    pub close: &'static str,
    /// Title of the preferences dialog.
    pub preferences_title: &'static str,
}

/// Bokmål labels.
pub const BUTTONS_NB: ButtonLabels = ButtonLabels {
    accept_all: "Godta alle",
    accept_necessary: "Bare nødvendige",
    show_preferences: "Velg selv",
    save_preferences: "Lagre valgene",
    close: "Lukk",
    preferences_title: "Innstillinger for informasjonskapsler",
};

/// English labels.
pub const BUTTONS_EN: ButtonLabels = ButtonLabels {
    accept_all: "Accept all",
    accept_necessary: "Necessary only",
    show_preferences: "Let me choose",
    save_preferences: "Save my choices",
    close: "Close",
    preferences_title: "Cookie settings",
};

/// Labels for a language tag: Bokmål for `nb` (and `no`), English otherwise.
pub fn button_labels(tag: &str) -> &'static ButtonLabels {
    let primary = tag.split('-').next().unwrap_or(tag);
    if primary.eq_ignore_ascii_case("nb") || primary.eq_ignore_ascii_case("no") {
        &BUTTONS_NB
    } else {
        &BUTTONS_EN
    }
}

/// cookieconsent category name of a cookie category.
pub fn category_key(c: CookieCategory) -> &'static str {
    match c {
        CookieCategory::StrictlyNecessary => "necessary",
        CookieCategory::Preferences => "preferences",
        CookieCategory::Statistics => "statistics",
        CookieCategory::Marketing => "marketing",
    }
}

/// A 32-bit FNV-1a hash of a string, never 0 (0 switches revisions off
/// in cookieconsent). The same text always gives the same number; any
/// change gives a different one (barring a 1 in 4 billion clash).
pub fn revision(text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in text.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    if h == 0 {
        1
    } else {
        h
    }
}

/// The revision of what a site asks consent for: the [`revision`] of a
/// canonical text of every cookie that needs consent (category, name,
/// domain, technology, provider id and name, lifetime, purpose in each
/// language), in declaration order. Strictly necessary cookies, the
/// document version and all other texts do not count.
pub fn consent_revision(site: &Site) -> u32 {
    let mut text = String::new();
    for (id, c) in site.policy.cookies.iter() {
        if c.category == CookieCategory::StrictlyNecessary {
            continue;
        }
        let provider = c.provider.as_ref().map(|p| {
            let pid = p.get_ref().as_str();
            let name = site
                .policy
                .recipients
                .get(pid)
                .and_then(|r| r.label(""))
                .unwrap_or_default();
            format!("{pid}={name}")
        });
        let purpose: Vec<String> = c
            .purpose
            .map
            .iter()
            .map(|(l, t)| format!("{l}={t}"))
            .collect();
        // A named cookie counts by its name (as it always has, so the
        // revision of a site without groups stays the same); a group by its
        // name in each language.
        let name = match (&c.name, &c.group) {
            (Some(n), _) => n.clone(),
            (None, Some(g)) => {
                let texts: Vec<String> = g.map.iter().map(|(l, t)| format!("{l}={t}")).collect();
                format!("group\u{1d}{}", texts.join("\u{1d}"))
            }
            (None, None) => String::new(),
        };
        text.push_str(&format!(
            "{id}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{}\u{1f}{}\u{1f}{}\u{1e}",
            category_key(c.category),
            name,
            c.domain.as_deref().unwrap_or(""),
            c.technology,
            provider.unwrap_or_default(),
            crate::model::cookie_duration_str(c.duration.get_ref()),
            purpose.join("\u{1f}"),
        ));
    }
    revision(&text)
}

/// An `autoClear` item for a cookie name: `{ "name": "_ga" }`, or for a
/// pattern with `*` a regular expression source marked `"regex": true`
/// (`_ga_*` → `{ "name": "^_ga_", "regex": true }`).
pub fn clear_item(name: &str) -> Value {
    if !name.contains('*') {
        return json!({ "name": name });
    }
    let escaped: Vec<String> = name
        .split('*')
        .map(|part| {
            let mut out = String::new();
            for c in part.chars() {
                if "\\^$.|?*+()[]{}/".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            out
        })
        .collect();
    let mut re = format!("^{}", escaped.join(".*"));
    if name.ends_with('*') {
        // An open end needs no `.*`: the expression is not anchored there.
        while let Some(stripped) = re.strip_suffix(".*") {
            re = stripped.to_string();
        }
    } else {
        re.push('$');
    }
    json!({ "name": re, "regex": true })
}

fn msg(lang: &Lang, id: &str) -> String {
    lang.msg(id, None).unwrap_or_else(|_| id.to_string())
}

fn cookies_in(site: &Site, cat: CookieCategory) -> Vec<&Cookie> {
    site.policy
        .cookies
        .iter()
        .filter(|(_, c)| c.category == cat)
        .map(|(_, c)| c)
        .collect()
}

/// Categories the config holds: necessary always, the others when the site
/// has cookies in them.
fn used_categories(site: &Site) -> Vec<CookieCategory> {
    CookieCategory::ALL
        .into_iter()
        .filter(|&c| c == CookieCategory::StrictlyNecessary || !cookies_in(site, c).is_empty())
        .collect()
}

/// Text for a place cookieconsent uses both as HTML (`innerHTML`) and as
/// plain text (`textContent` of the toggle's label): category titles and
/// service labels. `<` and `>` are escaped, so no markup can be formed; `&`
/// is left as it is, so "R&D" reads the same in both places.
fn label_text(s: &str) -> String {
    s.replace('<', "&lt;").replace('>', "&gt;")
}

/// A JSON object whose keys keep the order they were inserted in
/// (cookieconsent takes the column order of a cookie table from the key
/// order of its `headers`; `serde_json::Value` sorts keys).
#[derive(Debug, Clone, Default)]
struct Ordered<T>(Vec<(String, T)>);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Config {
    mode: &'static str,
    revision: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie: Option<ConsentCookie>,
    categories: Ordered<Category>,
    language: Language,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Category {
    enabled: bool,
    read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    services: Option<Ordered<Service>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_clear: Option<AutoClear>,
}

/// Where cookieconsent stores the visitor's choice.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ConsentCookie {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_after_days: Option<u64>,
}

#[derive(Debug, Serialize)]
struct Service {
    label: String,
}

#[derive(Debug, Serialize)]
struct AutoClear {
    cookies: Vec<Value>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Language {
    default: String,
    auto_detect: &'static str,
    translations: Ordered<Translation>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Translation {
    consent_modal: ConsentModal,
    preferences_modal: PreferencesModal,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ConsentModal {
    title: String,
    description: String,
    accept_all_btn: String,
    accept_necessary_btn: String,
    show_preferences_btn: String,
    /// Set as an attribute by cookieconsent, not parsed as HTML.
    close_icon_label: String,
    footer: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PreferencesModal {
    title: String,
    accept_all_btn: String,
    accept_necessary_btn: String,
    save_preferences_btn: String,
    close_icon_label: String,
    sections: Vec<Section>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Section {
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    linked_category: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cookie_table: Option<CookieTable>,
}

#[derive(Debug, Serialize)]
struct CookieTable {
    headers: Row,
    body: Vec<Row>,
}

/// A row of a cookie table; the field order is the column order.
#[derive(Debug, Serialize)]
struct Row {
    name: String,
    domain: String,
    description: String,
    expiration: String,
}

fn category_config(site: &Site, cat: CookieCategory) -> Category {
    let cookies = cookies_in(site, cat);
    let necessary = cat == CookieCategory::StrictlyNecessary;
    let mut services: Vec<(String, Service)> = Vec::new();
    for c in &cookies {
        let Some(p) = &c.provider else { continue };
        let id = p.get_ref();
        if services.iter().any(|(k, _)| k == id) {
            continue;
        }
        let label = site
            .policy
            .recipients
            .get(id)
            // The recipient's name, or its category when the notice names
            // only a category (never the internal id, unless it has neither).
            .and_then(|r| r.label(&site.default_language))
            .unwrap_or_else(|| id.clone());
        services.push((
            id.clone(),
            Service {
                label: label_text(&label),
            },
        ));
    }
    // Only first-party HTTP cookies can be erased by a script on the site;
    // necessary cookies are never rejected, so they are never cleared.
    let mut clear: Vec<Value> = Vec::new();
    if !necessary {
        for c in &cookies {
            if c.technology != Technology::HttpCookie || c.party != Party::First {
                continue;
            }
            // A group declared without names has no name to clear.
            let Some(name) = &c.name else { continue };
            let item = clear_item(name);
            if !clear.contains(&item) {
                clear.push(item);
            }
        }
    }
    Category {
        enabled: necessary,
        read_only: necessary,
        services: (!services.is_empty()).then_some(Ordered(services)),
        auto_clear: (!clear.is_empty()).then_some(AutoClear { cookies: clear }),
    }
}

fn page_url(site: &Site, lang: &Lang, page: &str) -> String {
    let configured = site.config.slugs.get(&lang.tag).and_then(|s| match page {
        "privacy" => s.privacy.as_ref(),
        _ => s.cookies.as_ref(),
    });
    let slug = match configured {
        Some(s) => s.get_ref().clone(),
        None => lang
            .msg(&format!("slug-{page}"), None)
            .ok()
            .filter(|s| crate::load::config::is_safe_slug(s))
            .unwrap_or_else(|| page.to_string()),
    };
    format!("{}/{}/{}/", site.config.base(), lang.tag, slug)
}

/// The name column: the cookie's name, or for a group its name in this
/// language and a note that its cookies are not named one by one.
fn name_text(lang: &Lang, c: &Cookie) -> String {
    match &c.name {
        Some(n) => n.clone(),
        None => format!(
            "{} ({})",
            c.label(&lang.tag),
            msg(lang, "cookie-group-unnamed")
        ),
    }
}

/// The lifetime column, as on the cookie declaration: a pixel or a
/// fingerprint stores nothing on the device, so it has no lifetime there.
fn lifetime_text(lang: &Lang, c: &Cookie) -> String {
    match c.technology {
        Technology::Pixel | Technology::Fingerprint | Technology::ServerRequest => {
            msg(lang, "cookie-pixel-duration")
        }
        _ => lang.cookie_duration_text(c.duration.get_ref()),
    }
}

fn translation(site: &Site, lang: &Lang) -> Translation {
    let b = button_labels(&lang.tag);
    let e = escape_html;
    let rule = e(&msg(lang, "cookies-consent-rule"));
    let cookie_link = format!(
        "<a href=\"{}\">{}</a>",
        e(&page_url(site, lang, "cookies")),
        e(&msg(lang, "cookies-section-link"))
    );
    let privacy_link = format!(
        "<a href=\"{}\">{}</a>",
        e(&page_url(site, lang, "privacy")),
        e(&msg(lang, "nav-privacy"))
    );

    let mut sections = vec![Section {
        title: e(&msg(lang, "consent-heading")),
        description: rule.clone(),
        linked_category: None,
        cookie_table: None,
    }];
    for cat in used_categories(site) {
        let id = cat.id();
        let body: Vec<Row> = cookies_in(site, cat)
            .into_iter()
            .map(|c| Row {
                name: e(&name_text(lang, c)),
                domain: e(c.domain.as_deref().unwrap_or("")),
                description: e(&to_plain(c.purpose.get_or_empty(&lang.tag))),
                expiration: e(&lifetime_text(lang, c)),
            })
            .collect();
        sections.push(Section {
            title: label_text(&msg(lang, &format!("cookie-category-{id}"))),
            description: e(&msg(lang, &format!("cookie-category-{id}.description"))),
            linked_category: Some(category_key(cat)),
            cookie_table: (!body.is_empty()).then(|| CookieTable {
                headers: Row {
                    name: e(&msg(lang, "col-name")),
                    domain: e(&msg(lang, "cookie-domain")),
                    description: e(&msg(lang, "col-purpose")),
                    expiration: e(&msg(lang, "col-duration")),
                },
                body,
            }),
        });
    }
    sections.push(Section {
        title: e(&msg(lang, "cookie-page-title")),
        description: format!("{cookie_link} · {privacy_link}"),
        linked_category: None,
        cookie_table: None,
    });

    Translation {
        consent_modal: ConsentModal {
            title: e(&msg(lang, "cookies-heading")),
            description: rule,
            accept_all_btn: e(b.accept_all),
            accept_necessary_btn: e(b.accept_necessary),
            show_preferences_btn: e(b.show_preferences),
            close_icon_label: b.close.to_string(),
            footer: format!("{cookie_link}\n{privacy_link}"),
        },
        preferences_modal: PreferencesModal {
            title: e(b.preferences_title),
            accept_all_btn: e(b.accept_all),
            accept_necessary_btn: e(b.accept_necessary),
            save_preferences_btn: e(b.save_preferences),
            close_icon_label: b.close.to_string(),
            sections,
        },
    }
}

/// The declared cookie `[cookie_policy] consent_cookie` names, as
/// cookieconsent's `cookie` option: its name, and its lifetime in whole days
/// (at least 1). The check stage has made sure it is a strictly necessary
/// first-party HTTP cookie with an exact name and a period for a lifetime.
fn consent_cookie(site: &Site) -> Option<ConsentCookie> {
    let r = site.policy.cookie_policy.consent_cookie.as_ref()?;
    let c = site.policy.cookies.get(r.get_ref())?;
    let expires_after_days = match c.duration.get_ref() {
        CookieDuration::Period(p) => Some((p.approx_seconds() / 86_400).max(1)),
        _ => None,
    };
    Some(ConsentCookie {
        name: c.name.clone()?,
        expires_after_days,
    })
}

fn config(site: &Site, locales: &Locales) -> Config {
    let categories = used_categories(site)
        .into_iter()
        .map(|cat| (category_key(cat).to_string(), category_config(site, cat)))
        .collect();
    let translations = site
        .languages
        .iter()
        .filter_map(|tag| {
            locales
                .get(tag)
                .map(|l| (tag.clone(), translation(site, l)))
        })
        .collect();
    Config {
        mode: "opt-in",
        revision: consent_revision(site),
        cookie: consent_cookie(site),
        categories: Ordered(categories),
        language: Language {
            default: site.default_language.clone(),
            auto_detect: "document",
            translations: Ordered(translations),
        },
    }
}

/// The cookieconsent v3 configuration for a site: `mode` opt-in, the
/// [`revision`] of the document version, one category per cookie category
/// in use (`necessary` always, read-only and enabled; `preferences`,
/// `statistics`, `marketing` only when the site has cookies in them), each
/// with `services` (one per providing recipient, labelled with its name)
/// and `autoClear.cookies` (the first-party HTTP cookies of the category;
/// see the module documentation for patterns), and `language` with the
/// default language and one translation per site language in `locales`:
/// consent and preferences dialogs, and per category a section with its
/// title, description and a cookie table (name, domain, purpose, lifetime).
///
/// A `serde_json::Value` keeps object keys sorted, which puts the cookie
/// table columns in alphabetical order when it is printed. To write the
/// file, use [`cookieconsent_json`], which keeps the intended order.
pub fn cookieconsent_config(site: &Site, locales: &Locales) -> Value {
    serde_json::to_value(config(site, locales)).unwrap_or(Value::Null)
}

/// The same configuration as [`cookieconsent_config`], as pretty-printed
/// JSON text with keys in the intended order (table columns name, domain,
/// description, expiration; categories necessary, preferences, statistics,
/// marketing; languages in site order). This is the text to write to a file.
pub fn cookieconsent_json(site: &Site, locales: &Locales) -> String {
    let mut s = serde_json::to_string_pretty(&config(site, locales)).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_become_regex_sources() {
        assert_eq!(clear_item("_ga"), json!({ "name": "_ga" }));
        assert_eq!(
            clear_item("_ga_*"),
            json!({ "name": "^_ga_", "regex": true })
        );
        assert_eq!(
            clear_item("intercom-id-*"),
            json!({ "name": "^intercom-id-", "regex": true })
        );
        assert_eq!(
            clear_item("a*b.c"),
            json!({ "name": "^a.*b\\.c$", "regex": true })
        );
        assert_eq!(clear_item("*x*"), json!({ "name": "^.*x", "regex": true }));
    }

    #[test]
    fn revision_is_stable_and_nonzero() {
        assert_eq!(revision("3.0"), revision("3.0"));
        assert_ne!(revision("3.0"), revision("3.1"));
        assert_ne!(revision(""), 0);
    }

    #[test]
    fn labels_fall_back_to_english() {
        assert_eq!(button_labels("nb").accept_all, "Godta alle");
        assert_eq!(button_labels("de").accept_all, "Accept all");
    }
}
