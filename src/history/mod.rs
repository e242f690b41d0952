//! Releases: frozen, self-contained snapshots of the policy in the site's
//! `history/` folder (`history/<version>.toml`), written by `personvern
//! release` and read back for the changelog, archived pages and diffs.
//!
//! A snapshot is normalised TOML: a `[release]` table (version, dates,
//! material flag, notes) followed by the whole policy with every entity
//! keyed by id. It is loaded with the same loader as the live data, so it
//! keeps loading after the live files are reorganised.

pub mod diff;
pub mod record;
pub mod snapshot;

use serde::Deserialize;

use crate::model::{Date, Policy, Text};

/// Folder of the snapshots, relative to the site root.
pub const HISTORY_DIR: &str = "history";

/// Snapshot format version. Format 2 releases also freeze their rendered
/// pages in `history/<version>/` (see [`FROZEN_PAGES`]); format 1 releases
/// are rendered again from the snapshot.
pub const FORMAT: i64 = 2;

/// The pages a release freezes per language, as
/// `history/<version>/<lang>/<name>`: the statement and the cookie
/// declaration, rendered when the release was made.
pub const FROZEN_PAGES: &[(&str, &str)] =
    &[("privacy", "privacy.html"), ("cookies", "cookies.html")];

/// Stands in a frozen page for the archive note's status class
/// (`superseded`, `current`, `upcoming`), which changes with the day:
/// filled in when the site is built.
pub const STATUS_MARK: &str = "pv-frozen-status-mark";

/// Stands in a frozen page for the archive note's text (see [`STATUS_MARK`]).
pub const NOTE_MARK: &str = "<!--pv-frozen-note-->";

/// [`NOTE_MARK`] in a frozen page stored minified (a comment would not
/// survive minification): an element of its own, which minify-html keeps.
pub const NOTE_SLOT: &str = "<pv-frozen-note></pv-frozen-note>";

/// Metadata of a release (`[release]` in the snapshot).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseMeta {
    /// Snapshot format.
    pub format: i64,
    /// Version string.
    pub version: String,
    /// Day the release was made (published).
    pub published: Date,
    /// Day it takes effect (may be later: advance notice).
    pub effective: Date,
    /// Declared or computed as material.
    pub material: bool,
    /// Notes to readers, per language.
    pub notes: Option<Text>,
    /// Why a material release takes effect with less notice than
    /// `[changes] advance_notice_days` promises (`--allow-short-notice`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_notice: Option<String>,
    /// The frozen pages are stored minified, as a build publishes them
    /// (the archive note as [`NOTE_SLOT`]), so a build does not minify them
    /// again. Absent (false) for pages stored as rendered
    /// (`release --no-minify`, and releases made before `release` minified
    /// them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pages_minified: bool,
}

/// Where a release stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Takes effect later.
    Upcoming,
    /// The version in force.
    Current,
    /// Replaced by a later version in force.
    Superseded,
}

impl Status {
    /// Stable id (`upcoming`, `current`, `superseded`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Upcoming => "upcoming",
            Status::Current => "current",
            Status::Superseded => "superseded",
        }
    }
}

/// Writes a file of the history (a record, a frozen page, a snapshot
/// rewritten) whole or not at all: a temporary file in the same folder,
/// with the permissions of the file it replaces, renamed into place, so a
/// reader never sees half of it. Creates the folder if needed.
pub fn replace_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut tmp =
        tempfile::NamedTempFile::new_in(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if let Ok(m) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    std::io::Write::write_all(&mut tmp, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    tmp.persist(path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// Today's date: `PERSONVERN_TODAY` (YYYY-MM-DD) if set, else the system
/// clock (UTC). Builds are byte-identical for the same input on the same day.
pub fn today() -> Date {
    if let Ok(s) = std::env::var("PERSONVERN_TODAY") {
        if let Ok(d) = Date::parse(s.trim()) {
            return d;
        }
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 to a date (see [`Date::from_days`]).
pub fn civil_from_days(z: i64) -> Date {
    Date::from_days(z)
}

/// A version string usable as a file and URL name.
pub fn version_ok(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 40
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
        && !v.starts_with('.')
        && !v.contains("..")
}

/// Longest version slug, in bytes.
pub const MAX_SLUG: usize = 40;

/// The name of a version in file names and URLs (`history/<slug>.toml`,
/// `…/versjoner/<slug>/`), derived from the version as the organisation
/// writes it. A version that is already such a name (`3.0`, `2024-A`,
/// `v1_2`) is its own slug, so its URLs never change; otherwise a leading
/// "Ver." / "Version" / "Versjon" is dropped, æ ø å become ae o a, and
/// every other run of characters that is not an ASCII letter, a digit,
/// `.`, `-` or `_` becomes one `-` ("Ver. 2.1" → `2.1`, "Utgave 3 (mars)"
/// → `Utgave-3-mars`). `None` when nothing usable is left (no ASCII letter
/// or digit).
pub fn version_slug(v: &str) -> Option<String> {
    let v = v.trim();
    if version_ok(v) {
        return Some(v.to_string());
    }
    let lower = v.to_lowercase();
    let mut rest = v;
    for prefix in ["versjon", "version", "ver.", "ver", "v."] {
        if lower.starts_with(prefix) && v.is_char_boundary(prefix.len()) {
            let after = &v[prefix.len()..];
            // "Ver. 2.1", "Version 3", "Ver.2", but not "Vera 1".
            if prefix.ends_with('.') || after.starts_with(|c: char| c.is_whitespace() || c == '.') {
                let after = after.trim_start_matches(|c: char| c.is_whitespace() || c == '.');
                if after.chars().any(|c| c.is_ascii_alphanumeric()) {
                    rest = after;
                }
            }
            break;
        }
    }
    let mut out = String::new();
    for c in rest.chars() {
        let mapped: &str = match c {
            'æ' => "ae",
            'Æ' => "AE",
            'ø' | 'ö' => "o",
            'Ø' | 'Ö' => "O",
            'å' | 'ä' => "a",
            'Å' | 'Ä' => "A",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if c == '.' && !out.ends_with(['.', '-']) {
            out.push('.');
        } else if !out.ends_with(['-', '.']) {
            out.push('-');
        }
    }
    let mut slug = out.trim_matches(['-', '.', '_']).to_string();
    if slug.len() > MAX_SLUG {
        slug.truncate(MAX_SLUG);
        slug = slug.trim_end_matches(['-', '.', '_']).to_string();
    }
    (version_ok(&slug) && slug.bytes().any(|b| b.is_ascii_alphanumeric())).then_some(slug)
}

/// [`version_slug`], or for a version that has none (refused by `check`
/// and `release`, so only a hand-edited snapshot) a name made of its hash,
/// so that no path is ever built from unsafe text.
pub fn version_path(v: &str) -> String {
    version_slug(v).unwrap_or_else(|| {
        use sha2::{Digest, Sha256};
        let h = crate::digest::hex(&Sha256::digest(v.as_bytes()));
        format!("v-{}", &h[..12])
    })
}

/// What is wrong with `version` as the version of a new release, given the
/// versions already released: `None` when it can be released. `check` and
/// `release` both ask this, so they agree.
pub fn version_problem<'a>(
    version: &str,
    released: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let version = version.trim();
    if version.is_empty() {
        return Some("is empty".into());
    }
    if version.chars().any(char::is_control) {
        return Some("contains a line break or another control character".into());
    }
    if version.chars().count() > 100 {
        return Some("is longer than 100 characters".into());
    }
    let Some(slug) = version_slug(version) else {
        return Some(format!(
            "`{version}` has no ASCII letter or digit to name it by in file names and URLs"
        ));
    };
    for r in released {
        if r != version && version_slug(r).as_deref() == Some(slug.as_str()) {
            return Some(format!(
                "`{version}` and the released version `{r}` would both be named `{slug}` in file names and URLs (history/{slug}.toml, the archive)"
            ));
        }
    }
    None
}

/// Hex SHA-256 of the normalised policy: cites exactly one text.
pub fn content_hash(p: &Policy) -> String {
    content_hash_of(&diff::normalized(p))
}

/// [`content_hash`] of a policy already [normalised](diff::normalized).
pub fn content_hash_of(normalized: &serde_json::Value) -> String {
    use sha2::{Digest, Sha256};
    let bytes = serde_json::to_vec(normalized).unwrap_or_default();
    crate::digest::hex(&Sha256::digest(&bytes))
}

/// The statuses of releases (sorted oldest first) on `day`.
pub fn statuses<R: AsRef<ReleaseMeta>>(releases: &[R], day: Date) -> Vec<Status> {
    let current = releases.iter().rposition(|r| r.as_ref().effective <= day);
    releases
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if r.as_ref().effective > day {
                Status::Upcoming
            } else if Some(i) == current {
                Status::Current
            } else {
                Status::Superseded
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(
            civil_from_days(0),
            Date {
                year: 1970,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(20_454),
            Date {
                year: 2026,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            civil_from_days(11_016),
            Date {
                year: 2000,
                month: 2,
                day: 29
            }
        );
    }

    #[test]
    fn slugs() {
        // Versions that are names already keep them (their URLs stay).
        for v in ["3.0", "2024-A", "v1_2", "Ver.2.1"] {
            assert_eq!(version_slug(v).as_deref(), Some(v));
        }
        for (v, slug) in [
            ("Ver. 2.1", "2.1"),
            ("ver 3", "3"),
            ("Version 3 B", "3-B"),
            ("Versjon 4.0", "4.0"),
            ("Utgave 3 (mars)", "Utgave-3-mars"),
            ("Vera 1", "Vera-1"),
            ("Ver. ", "Ver."),
            ("ø", "o"),
            ("2026/01", "2026-01"),
            ("../etc", "etc"),
            ("Høst 2024", "Host-2024"),
            ("  Ver.  2.1 ", "2.1"),
        ] {
            assert_eq!(version_slug(v).as_deref(), Some(slug), "{v}");
        }
        for bad in ["", "…", "///", "«»"] {
            assert_eq!(version_slug(bad), None, "{bad}");
        }
        assert!(version_path("…").starts_with("v-"));
        assert_eq!(version_path("Ver. 2.1"), "2.1");
        let long = "x".repeat(60);
        assert_eq!(version_slug(&long).map(|s| s.len()), Some(MAX_SLUG));
    }

    #[test]
    fn version_problems() {
        assert_eq!(version_problem("Ver. 2.2", ["2.1"]), None);
        let clash = version_problem("Ver. 2.1", ["2.0", "2.1"]).unwrap_or_default();
        assert!(
            clash.contains("`Ver. 2.1`") && clash.contains("`2.1`"),
            "{clash}"
        );
        assert!(version_problem(" ", Vec::<&str>::new()).is_some());
        assert!(version_problem("…", Vec::<&str>::new()).is_some());
        // The same version is not a clash with itself (it is released already).
        assert_eq!(version_problem("2.1", ["2.1"]), None);
    }

    #[test]
    fn versions() {
        assert!(version_ok("3.0") && version_ok("2026-12") && version_ok("v1_2"));
        for bad in ["", "../x", "a/b", ".hidden", "a b", "1..2"] {
            assert!(!version_ok(bad), "{bad}");
        }
    }
}
