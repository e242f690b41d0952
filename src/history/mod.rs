//! Releases: frozen, self-contained snapshots of the policy in the site's
//! `history/` folder (`history/<version>.toml`), written by `personvern
//! release` and read back for the changelog, archived pages and diffs.
//!
//! A snapshot is normalised TOML: a `[release]` table (version, dates,
//! material flag, notes) followed by the whole policy with every entity
//! keyed by id. It is loaded with the same loader as the live data, so it
//! keeps loading after the live files are reorganised.

pub mod diff;
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

/// Hex SHA-256 of the normalised policy: cites exactly one text.
pub fn content_hash(p: &Policy) -> String {
    use sha2::{Digest, Sha256};
    let v = diff::normalized(p);
    let bytes = serde_json::to_vec(&v).unwrap_or_default();
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
    fn versions() {
        assert!(version_ok("3.0") && version_ok("2026-12") && version_ok("v1_2"));
        for bad in ["", "../x", "a/b", ".hidden", "a b", "1..2"] {
            assert!(!version_ok(bad), "{bad}");
        }
    }
}
