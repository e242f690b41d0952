//! Site settings: the `[site]` table of `personvern.toml`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::model::Text;

/// `[site]`: where the site lives, which languages, which theme.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL the site is published at (`https://www.example.no/`).
    #[schemars(with = "String")]
    pub base_url: Spanned<String>,
    /// Languages, as BCP 47 tags. A locale folder must exist for each.
    #[serde(default = "default_languages")]
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    /// Default language (first of `languages` when absent).
    #[schemars(with = "Option<String>")]
    pub default_language: Option<Spanned<String>>,
    /// Theme name (`default`, or a folder under the site's `themes/`).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Site title per language (defaults to the organisation's name).
    pub title: Option<Text>,
    /// Output folder relative to the site root; it must stay inside the
    /// site (no absolute path, no `..` leaving it). `--output` overrides it.
    #[serde(default = "default_output_spanned")]
    #[schemars(with = "String")]
    pub output_dir: Spanned<String>,
    /// Page slugs per language: `[site.slugs.nb] privacy = "personvern"`.
    #[serde(default)]
    pub slugs: BTreeMap<String, Slugs>,
    /// Content of `<meta name="robots">` (e.g. "noindex").
    pub robots: Option<String>,
}

/// `[scan]`: how `personvern scan` finds the website's consent banner
/// when the site does not use the generated cookieconsent configuration
/// (with it, the scanner uses the library's own API and needs neither).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScanConfig {
    /// CSS selector of the banner's "accept all" button
    /// (`"#consent .accept-all"`).
    pub accept_selector: Option<String>,
    /// CSS selector of the banner's "reject all" (necessary only) button.
    pub reject_selector: Option<String>,
}

/// A string setting of `[site]` as personvern.toml alone sets it, read
/// without loading the site.
fn site_setting(root: &std::path::Path, key: &str) -> Option<String> {
    let text = crate::load::read_text(&root.join(crate::load::CONFIG_FILE)).ok()?;
    let table = text.parse::<toml::Table>().ok()?;
    table.get("site")?.get(key)?.as_str().map(str::to_string)
}

/// The output folder a site's `personvern.toml` names (`[site] output_dir`,
/// default `public`), read without loading the site. `serve` and `watch`
/// need it before the first build, to ignore their own output, even when the
/// site has errors (and loading a large site twice would double start-up).
pub fn output_dir_setting(root: &std::path::Path) -> std::path::PathBuf {
    root.join(site_setting(root, "output_dir").unwrap_or_else(default_output))
}

/// `[site] output_dir` exactly as personvern.toml writes it, if it does
/// (read from that file alone, like [`output_dir_setting`]).
pub fn output_dir_value(root: &std::path::Path) -> Option<String> {
    site_setting(root, "output_dir")
}

/// `[site] theme` as personvern.toml sets it (default `default`), read
/// from that file alone: lets the theme be parsed while the site loads. The
/// loaded site's setting is what counts (see `Theme::load`).
pub fn theme_setting(root: &std::path::Path) -> String {
    site_setting(root, "theme").unwrap_or_else(default_theme)
}

impl SiteConfig {
    /// `base_url` without its trailing `/`, for joining with page paths.
    pub fn base(&self) -> &str {
        self.base_url.get_ref().trim_end_matches('/')
    }
}

/// Slugs of the pages in one language.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Slugs {
    /// Privacy statement slug.
    #[schemars(with = "Option<String>")]
    pub privacy: Option<Spanned<String>>,
    /// Cookie declaration slug.
    #[schemars(with = "Option<String>")]
    pub cookies: Option<Spanned<String>>,
}

fn default_languages() -> Vec<Spanned<String>> {
    vec![
        Spanned::new(0..0, "nb".to_string()),
        Spanned::new(0..0, "en".to_string()),
    ]
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_output() -> String {
    "public".to_string()
}

fn default_output_spanned() -> Spanned<String> {
    Spanned::new(0..0, default_output())
}

/// Canonical form of a language tag: `no`, `nb-NO` and `NB` become `nb`;
/// region subtags are kept in canonical case (`en-GB`). Returns `None` for
/// something that is not a tag.
pub fn canonical_lang(tag: &str) -> Option<String> {
    let id: unic_langid::LanguageIdentifier = tag.parse().ok()?;
    let lang = id.language.as_str().to_string();
    if lang == "und" {
        return None;
    }
    let lang = if lang == "no" { "nb".to_string() } else { lang };
    // nb-NO and nn-NO say nothing more than nb / nn.
    let region = id.region.map(|r| r.as_str().to_string());
    match region {
        Some(r) if !(r == "NO" && (lang == "nb" || lang == "nn")) => Some(format!("{lang}-{r}")),
        _ => Some(lang),
    }
}

/// A slug is safe if it is non-empty lowercase ASCII letters, digits and `-`
/// (and letters æøå are not allowed, to keep URLs plain).
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
}

/// An entity id is safe: lowercase ASCII letters, digits, `-` and `_`,
/// starting with a letter or digit (so it can never escape a folder or
/// break an HTML id).
pub fn is_safe_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && s.as_bytes()[0].is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_tags() {
        assert_eq!(canonical_lang("no").as_deref(), Some("nb"));
        assert_eq!(canonical_lang("nb-NO").as_deref(), Some("nb"));
        assert_eq!(canonical_lang("NB").as_deref(), Some("nb"));
        assert_eq!(canonical_lang("en").as_deref(), Some("en"));
        assert_eq!(canonical_lang("en-gb").as_deref(), Some("en-GB"));
        assert_eq!(canonical_lang("sv").as_deref(), Some("sv"));
        assert_eq!(canonical_lang("not a tag"), None);
    }

    #[test]
    fn ids_and_slugs() {
        assert!(is_safe_id("google-analytics"));
        assert!(is_safe_id("ga_4"));
        for bad in ["", "../x", "a/b", "a\\b", "Caps", "a\0b", "-x", "æ"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
        assert!(is_safe_slug("informasjonskapsler"));
        assert!(!is_safe_slug("../etc"));
        assert!(!is_safe_slug("a/b"));
    }
}

#[cfg(test)]
mod output_dir_tests {
    use super::output_dir_setting;

    #[test]
    fn output_dir_is_read_from_the_config_alone() {
        let t = tempfile::tempdir().expect("tempdir");
        let root = t.path();
        assert_eq!(output_dir_setting(root), root.join("public"), "no config");
        let cfg = root.join("personvern.toml");
        std::fs::write(
            &cfg,
            "[site]\nbase_url = \"https://x.no/\"\noutput_dir = \"site-out\"\n[broken",
        )
        .expect("write");
        assert_eq!(
            output_dir_setting(root),
            root.join("public"),
            "unparseable config"
        );
        std::fs::write(
            &cfg,
            "[site]\nbase_url = \"https://x.no/\"\noutput_dir = \"site-out\"\n",
        )
        .expect("write");
        assert_eq!(output_dir_setting(root), root.join("site-out"));
    }
}
