//! Built-in files (theme, locales, reference data in `content/`) embedded in
//! the binary, and the reference data read from them: supervisory
//! authorities and country groups.

use std::collections::BTreeMap;

use crate::model::{Authority, Regions};

pub mod cookiedb;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// All built-in files as `(path, bytes)`, e.g. `("locales/nb/main.ftl", ..)`.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// A built-in file by path.
pub fn file(path: &str) -> Option<&'static [u8]> {
    embedded::FILES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, b)| *b)
}

/// Built-in files under a folder prefix (e.g. `locales/nb/`).
pub fn files_under(prefix: &str) -> Vec<(&'static str, &'static [u8])> {
    embedded::FILES
        .iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .copied()
        .collect()
}

/// Parses the built-in authority registry.
pub fn builtin_authorities() -> Result<BTreeMap<String, Authority>, String> {
    let text =
        file("content/authorities.toml").ok_or("built-in content/authorities.toml is missing")?;
    let text = std::str::from_utf8(text).map_err(|e| e.to_string())?;
    toml::from_str(text).map_err(|e| format!("built-in content/authorities.toml: {e}"))
}

/// Parses the built-in country groups.
pub fn regions() -> Result<Regions, String> {
    let text = file("content/regions.toml").ok_or("built-in content/regions.toml is missing")?;
    let text = std::str::from_utf8(text).map_err(|e| e.to_string())?;
    toml::from_str(text).map_err(|e| format!("built-in content/regions.toml: {e}"))
}

/// Valid ISO 3166-1 alpha-2 codes: those with a name in the built-in English locale.
pub fn country_codes() -> Vec<String> {
    let mut codes: Vec<String> = files_under("locales/en/")
        .into_iter()
        .filter_map(|(_, b)| std::str::from_utf8(b).ok())
        .flat_map(|t| {
            t.lines()
                .filter_map(|l| l.strip_prefix("country-"))
                .filter_map(|l| l.split_whitespace().next())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_has_datatilsynet_and_imy() {
        let a = builtin_authorities().unwrap_or_default();
        assert_eq!(
            a.get("datatilsynet").map(|a| a.country.as_str()),
            Some("NO")
        );
        assert!(a
            .get("imy")
            .is_some_and(|a| a.former_names.iter().any(|n| n == "Datainspektionen")));
    }

    #[test]
    fn regions_and_countries() {
        let r = regions().expect("regions parse");
        assert_eq!(r.eea.len(), 30);
        let codes = country_codes();
        assert!(codes.contains(&"NO".to_string()) && codes.contains(&"US".to_string()));
        for c in r.eea.iter().chain(&r.adequacy) {
            assert!(codes.contains(c), "{c} has no country name");
        }
    }
}
