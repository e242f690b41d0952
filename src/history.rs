//! Releases: frozen, self-contained snapshots of the policy in the site's
//! `history/` folder (`history/<version>.toml`), written by `personvern
//! release` and read back for the changelog, archived pages and diffs.
//!
//! A snapshot is normalised TOML: a `[release]` table (version, dates,
//! material flag, notes) followed by the whole policy with every entity
//! keyed by id. It is loaded with the same loader as the live data, so it
//! keeps loading after the live files are reorganised.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::diff::{self, PolicyDiff};
use crate::load::Site;
use crate::model::{Date, Policy, Text};

/// Folder of the snapshots, relative to the site root.
pub const HISTORY_DIR: &str = "history";

/// Snapshot format version.
pub const FORMAT: i64 = 1;

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
}

/// A loaded release.
#[derive(Debug, Clone)]
pub struct Release {
    /// Metadata.
    pub meta: ReleaseMeta,
    /// The frozen policy (shared with the snapshot cache, see [`keep_snapshots`]).
    pub policy: std::sync::Arc<Policy>,
    /// Snapshot file.
    pub path: PathBuf,
    /// Hash of the snapshot file's text: renders of unchanged releases are
    /// reused across rebuilds (see `Renderer`'s history cache).
    pub digest: u64,
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

/// Days since 1970-01-01 to a date (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    Date {
        year: (if m <= 2 { y + 1 } else { y }) as i32,
        month: m,
        day: d,
    }
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

/// The statuses of releases (sorted oldest first) on `day`.
pub fn statuses(releases: &[Release], day: Date) -> Vec<Status> {
    let current = releases.iter().rposition(|r| r.meta.effective <= day);
    releases
        .iter()
        .enumerate()
        .map(|(i, r)| {
            if r.meta.effective > day {
                Status::Upcoming
            } else if Some(i) == current {
                Status::Current
            } else {
                Status::Superseded
            }
        })
        .collect()
}

/// Snapshots kept between loads when [`keep_snapshots`] is on: path ->
/// (text digest, file id, authorities digest, parsed release).
type SnapshotCache =
    std::collections::HashMap<PathBuf, (u64, usize, u64, ReleaseMeta, std::sync::Arc<Policy>)>;

static KEEP: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static SNAPSHOTS: std::sync::Mutex<Option<SnapshotCache>> = std::sync::Mutex::new(None);

/// Keep parsed snapshots in memory and reuse them on the next load while
/// their text, file id and the authority registry are unchanged. `serve`
/// and `watch` turn this on: releases never change while one edits the
/// current data, and parsing them is most of a large site's load time.
/// Off by default (a single build would only pay for the copy).
pub fn keep_snapshots(on: bool) {
    KEEP.store(on, std::sync::atomic::Ordering::Relaxed);
    if !on {
        if let Ok(mut c) = SNAPSHOTS.lock() {
            *c = None;
        }
    }
}

fn digest_of<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

/// Loads every snapshot in `history/`, sorted by effective date, then
/// publication date, then version.
pub fn load_history(
    site_root: &Path,
    authorities_site: &Site,
    sources: &mut SourceMap,
) -> (Vec<Release>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let dir = site_root.join(HISTORY_DIR);
    let mut releases = Vec::new();
    let Ok(rd) = fs::read_dir(&dir) else {
        return (releases, diags);
    };
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    // Read and register every file in order (file ids stay stable), then
    // parse them in parallel: on a site with many large releases this is
    // most of the loading time.
    let mut files = Vec::new();
    for path in paths {
        match crate::load::read_text(&path) {
            Ok(t) => {
                let fid = sources.add(path.clone(), t);
                files.push((fid, path));
            }
            Err(d) => diags.push(d),
        }
    }
    let keep = KEEP.load(std::sync::atomic::Ordering::Relaxed);
    let mut cache = if keep {
        SNAPSHOTS
            .lock()
            .ok()
            .and_then(|mut c| c.take())
            .unwrap_or_default()
    } else {
        SnapshotCache::new()
    };
    let auth = if keep {
        digest_of(&serde_json::to_string(&authorities_site.authorities).unwrap_or_default())
    } else {
        0
    };
    let parsed: Vec<_> = {
        use rayon::prelude::*;
        let sources = &*sources;
        let cache = &cache;
        files
            .into_par_iter()
            .map(|(fid, path)| {
                let text = sources.get(fid).map(|f| f.text.as_str()).unwrap_or("");
                let digest = digest_of(text);
                let r = match cache.get(&path) {
                    Some((d, f, a, meta, policy)) if (*d, *f, *a) == (digest, fid, auth) => (
                        Some(policy.clone()),
                        Some(meta.clone()),
                        Diagnostics::default(),
                    ),
                    _ => {
                        let (p, m, d) =
                            crate::load::parse_snapshot(fid, &path, text, authorities_site);
                        (p.map(std::sync::Arc::new), m, d)
                    }
                };
                (path, digest, fid, r)
            })
            .collect()
    };
    cache.clear();
    let parsed: Vec<_> = parsed
        .into_iter()
        .map(|(path, digest, fid, r)| {
            if let (true, (Some(policy), Some(meta), d)) = (keep, &r) {
                if d.items.is_empty() {
                    cache.insert(
                        path.clone(),
                        (digest, fid, auth, meta.clone(), policy.clone()),
                    );
                }
            }
            (path, digest, r)
        })
        .collect();
    if keep {
        if let Ok(mut c) = SNAPSHOTS.lock() {
            *c = Some(cache);
        }
    }
    for (path, digest, (policy, meta, d)) in parsed {
        diags.extend(d);
        if let (Some(policy), Some(meta)) = (policy, meta) {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if stem != meta.version {
                diags.push(
                    Diagnostic::error(
                        "release-file-name",
                        format!("{} holds version `{}`", path.display(), meta.version),
                    )
                    .in_file(&path)
                    .help(format!("rename it to {}.toml", meta.version)),
                );
            }
            releases.push(Release {
                meta,
                policy,
                path,
                digest,
            });
        }
    }
    releases.sort_by(|a, b| {
        (a.meta.effective, a.meta.published, &a.meta.version).cmp(&(
            b.meta.effective,
            b.meta.published,
            &b.meta.version,
        ))
    });
    (releases, diags)
}

fn json_to_toml(v: &Value) -> Option<toml::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => toml::Value::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => toml::Value::String(s.clone()),
        Value::Array(a) => toml::Value::Array(a.iter().filter_map(json_to_toml).collect()),
        Value::Object(o) => {
            let mut t = toml::Table::new();
            for (k, v) in o {
                if let Some(x) = json_to_toml(v) {
                    t.insert(k.clone(), x);
                }
            }
            toml::Value::Table(t)
        }
    })
}

/// A list of `{ id, … }` objects as a table keyed by id.
fn keyed(list: &Value) -> Value {
    let mut m = serde_json::Map::new();
    for e in list.as_array().into_iter().flatten() {
        if let Some(id) = e.get("id").and_then(Value::as_str) {
            let mut e = e.clone();
            if let Some(o) = e.as_object_mut() {
                o.remove("id");
            }
            m.insert(id.to_string(), e);
        }
    }
    Value::Object(m)
}

/// The snapshot text of `policy` as release `meta`.
pub fn snapshot_toml(policy: &Policy, meta: &ReleaseMeta) -> String {
    let mut v = diff::normalized(policy);
    if let Some(o) = v.as_object_mut() {
        for c in diff::COLLECTIONS.iter().filter(|c| !c.contains('.')) {
            if let Some(list) = o.get(*c) {
                let k = keyed(list);
                o.insert((*c).to_string(), k);
            }
        }
        if let Some(ch) = o.get("rights").and_then(|r| r.get("channels")).cloned() {
            o["rights"]["channels"] = keyed(&ch);
        }
        let sa = o
            .get("supervisory_authority")
            .and_then(|s| s.get("id"))
            .cloned();
        if let Some(sa) = sa {
            o.insert("supervisory_authority".into(), sa);
        }
        o["document"]["version"] = Value::String(meta.version.clone());
        o["document"]["effective_date"] = Value::String(meta.effective.to_string());
        o.retain(|_, x| !x.is_null() && x.as_object().is_none_or(|m| !m.is_empty()));
    }
    let mut table = toml::Table::new();
    if let Some(toml::Value::Table(t)) =
        json_to_toml(&serde_json::to_value(meta).unwrap_or(Value::Null))
    {
        table.insert("release".into(), toml::Value::Table(t));
    }
    // Plain keys first: TOML puts keys after a table header into that table.
    if let Some(toml::Value::Table(data)) = json_to_toml(&v) {
        let (plain, tables): (Vec<_>, Vec<_>) = data.into_iter().partition(|(_, x)| !x.is_table());
        let mut ordered = toml::Table::new();
        for (k, x) in plain.into_iter().chain(tables) {
            ordered.insert(k, x);
        }
        let body = toml::to_string_pretty(&ordered).unwrap_or_default();
        let head = toml::to_string_pretty(&table).unwrap_or_default();
        return format!(
            "# personvern release snapshot, version {}.\n# Written by `personvern release`; do not edit. It is self-contained: it does\n# not depend on the live files in content/, and is loaded with the same loader.\n\n{body}\n{head}",
            meta.version
        );
    }
    String::new()
}

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
    let d = match releases.last() {
        Some(last) => diff::diff(&last.policy, &site.policy, &site.regions.eea),
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
