//! `personvern release`: freezes the current data as `history/<version>.toml`.
use crate::history::diff::{self, PolicyDiff};
use crate::history::snapshot::snapshot_toml;
use crate::history::{today, version_ok, ReleaseMeta, FORMAT, HISTORY_DIR};
use crate::load::Site;
use crate::model::{Date, Text};
use std::fs;
use std::path::PathBuf;

/// What `personvern release` asks for.
#[derive(Debug, Clone)]
pub struct ReleaseRequest {
    /// Version string.
    pub version: String,
    /// Effective date (default: today).
    pub effective: Option<Date>,
    /// Declared material.
    pub material: bool,
    /// Notes per language.
    pub notes: Vec<(String, String)>,
}

/// Freezes the site's current data as a release. Returns the snapshot path
/// and the diff against the previous release.
pub fn release(site: &Site, req: &ReleaseRequest) -> Result<(PathBuf, PolicyDiff), String> {
    if !version_ok(&req.version) {
        return Err(format!(
            "`{}` cannot be used as a version: use letters, digits, `.`, `-` and `_` (e.g. 3.1 or 2026-12)",
            req.version
        ));
    }
    let today = today();
    let effective = req.effective.unwrap_or(today);
    let releases = &site.history;
    if releases.iter().any(|r| r.meta.version == req.version) {
        return Err(format!(
            "version {} already exists in {HISTORY_DIR}/; choose a new version",
            req.version
        ));
    }
    if let Some(last) = releases.last() {
        if effective < last.meta.effective {
            return Err(format!(
                "dates go backwards: version {} takes effect {}, after the requested {effective}",
                last.meta.version, last.meta.effective
            ));
        }
        if today < last.meta.published {
            return Err(format!(
                "dates go backwards: version {} was published {}, after today ({today})",
                last.meta.version, last.meta.published
            ));
        }
    }
    for (table, reviewed) in [
        ("[document]", site.policy.document.last_reviewed),
        ("[cookie_policy]", site.policy.cookie_policy.last_reviewed),
    ] {
        if let Some(reviewed) = reviewed {
            if reviewed > today {
                return Err(format!(
                    "{table} last_reviewed is {reviewed}, after today ({today}): a release cannot say it was reviewed on a day still to come; set last_reviewed to the day of the review"
                ));
            }
        }
    }
    let d = match releases.last() {
        Some(last) => diff::diff(last.policy(), &site.policy, &site.regions.eea),
        None => PolicyDiff::default(),
    };
    if let Some(last) = releases.last() {
        if d.is_empty() {
            return Err(format!(
                "nothing changed since version {}; there is nothing to release",
                last.meta.version
            ));
        }
    }
    let mut notes = Text::default();
    for (lang, text) in &req.notes {
        if !site.languages.contains(lang) {
            return Err(format!(
                "a note is given for `{lang}`, which is not a site language ({})",
                site.languages.join(", ")
            ));
        }
        notes.map.insert(lang.clone(), text.clone());
    }
    if !notes.map.is_empty() {
        if let Some(missing) = site.languages.iter().find(|l| !notes.map.contains_key(*l)) {
            return Err(format!("the release note has no `{missing}` text; give one for every language (--note-{missing} \"…\")"));
        }
    }
    let meta = ReleaseMeta {
        format: FORMAT,
        version: req.version.clone(),
        published: today,
        effective,
        material: req.material || d.is_material(),
        notes: (!notes.map.is_empty()).then_some(notes),
    };
    let text = snapshot_toml(&site.policy, &meta);
    let dir = site.root.join(HISTORY_DIR);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("{}.toml", req.version));
    let mut tmp =
        tempfile::NamedTempFile::new_in(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    tmp.persist_noclobber(&path)
        .map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok((path, d))
}
