//! Releases: frozen, self-contained snapshots of the policy in the site's
//! `history/` folder (`history/<version>.toml`), written by `personvern
//! release` and read back for the changelog, archived pages and diffs.
//!
//! A snapshot is normalised TOML: a `[release]` table (version, dates,
//! material flag, notes) followed by the whole policy with every entity
//! keyed by id. It is loaded with the same loader as the live data, so it
//! keeps loading after the live files are reorganised.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The frozen policy (shared with the snapshot cache, see
    /// [`keep_snapshots`]); parsed on first use when the snapshot was
    /// [trusted](Trusted).
    policy: std::sync::OnceLock<Arc<Policy>>,
    /// What parsing on first use needs.
    deferred: Option<Arc<Deferred>>,
    /// [`crate::changelog::content_hash`] of the policy, once known.
    content_hash: std::sync::OnceLock<String>,
    /// Key in the [`Trusted`] index, if the snapshot loaded cleanly and an
    /// index was in use.
    trust_key: Option<String>,
    /// Snapshot file.
    pub path: PathBuf,
    /// Hash of the snapshot file's text: renders of unchanged releases are
    /// reused across rebuilds (see `Renderer`'s history cache).
    pub digest: u64,
}

/// A trusted snapshot, read and parsed when its policy is first needed (its
/// text is not kept: on a site with a long history that is tens of MB).
struct Deferred {
    fid: usize,
    authorities: Arc<BTreeMap<String, crate::registry::Authority>>,
    /// Digest of the authorities, for [`keep_snapshots`]' cache.
    auth: u64,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Deferred(file {})", self.fid)
    }
}

impl Release {
    /// A release from a parsed snapshot.
    pub fn new(meta: ReleaseMeta, policy: Arc<Policy>, path: PathBuf, digest: u64) -> Release {
        Release {
            meta,
            policy: std::sync::OnceLock::from(policy),
            deferred: None,
            content_hash: std::sync::OnceLock::new(),
            trust_key: None,
            path,
            digest,
        }
    }

    /// The frozen policy.
    pub fn policy(&self) -> &Arc<Policy> {
        self.policy
            .get_or_init(|| self.parse_deferred().unwrap_or_default())
    }

    /// Only trusted snapshots are deferred: their text loaded without a
    /// finding before, with this build of personvern and the same
    /// authorities, so it parses the same way again. (A snapshot rewritten
    /// while a build runs is parsed as it is now.)
    fn parse_deferred(&self) -> Option<Arc<Policy>> {
        let d = self.deferred.as_ref()?;
        let text = crate::load::read_text(&self.path).ok()?;
        let policy = crate::load::parse_snapshot(d.fid, &self.path, &text, &d.authorities).0?;
        let policy = Arc::new(policy);
        // Kept for the next load (serve, watch), as a parsed snapshot is.
        if KEEP.load(std::sync::atomic::Ordering::Relaxed) {
            if let Ok(mut c) = SNAPSHOTS.lock() {
                c.get_or_insert_with(SnapshotCache::new).insert(
                    self.path.clone(),
                    (
                        self.digest,
                        d.fid,
                        d.auth,
                        self.meta.clone(),
                        policy.clone(),
                    ),
                );
            }
        }
        Some(policy)
    }

    /// Hex SHA-256 of the normalised policy (`version.json`).
    pub fn content_hash(&self) -> &str {
        self.content_hash
            .get_or_init(|| crate::changelog::content_hash(self.policy()))
    }
}

/// Snapshots that loaded without any finding, by [`trust_key`]: their
/// release metadata (as TOML) and content hash. A snapshot found here is not
/// parsed at load; its policy is parsed only if something needs it (an
/// archived page or a diff that the render cache does not hold). Kept by
/// `build` in its cache folder (see [`crate::cache`]).
pub type Trusted = std::collections::HashMap<String, TrustedSnapshot>;

/// See [`Trusted`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct TrustedSnapshot {
    /// `[release]` metadata, as TOML.
    pub meta: String,
    /// [`Release::content_hash`].
    pub content_hash: String,
}

/// The key of a snapshot text in the [`Trusted`] index: a SHA-256 of this
/// build of personvern, the authority registry and the text.
pub fn trust_key(authorities_json: &str, text: &str) -> String {
    crate::cache::hex(&crate::cache::key(&[
        authorities_json.as_bytes(),
        text.as_bytes(),
    ]))
}

/// The index entries of `releases` that loaded cleanly, for the next load;
/// `None` when every one of them came from the index already (nothing new
/// to write).
pub fn trusted_entries(releases: &[Release]) -> Option<Trusted> {
    if releases.iter().all(|r| r.deferred.is_some()) {
        return None;
    }
    use rayon::prelude::*;
    let out = releases
        .par_iter()
        .filter_map(|r| {
            let k = r.trust_key.as_ref()?;
            let meta = toml::to_string(&r.meta).ok()?;
            let content_hash = r.content_hash().to_string();
            Some((k.clone(), TrustedSnapshot { meta, content_hash }))
        })
        .collect();
    Some(out)
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
    trusted: Option<&Trusted>,
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
    let auth_json = serde_json::to_string(&authorities_site.authorities).unwrap_or_default();
    let auth = if keep { digest_of(&auth_json) } else { 0 };
    let authorities = Arc::new(authorities_site.authorities.clone());
    enum Loaded {
        Parsed(Option<Arc<Policy>>, Option<ReleaseMeta>, Diagnostics),
        /// Found in the trusted index: metadata only, parsed on use.
        Trusted(ReleaseMeta, String),
    }
    let parsed: Vec<_> = {
        use rayon::prelude::*;
        let sources = &*sources;
        let cache = &cache;
        let auth_json = &auth_json;
        files
            .into_par_iter()
            .map(|(fid, path)| {
                let text = sources.get(fid).map(|f| f.text.as_str()).unwrap_or("");
                let digest = digest_of(text);
                let tkey = trusted.map(|_| trust_key(auth_json, text));
                let known = tkey
                    .as_ref()
                    .and_then(|k| trusted.and_then(|t| t.get(k)))
                    .and_then(|t| {
                        let meta = toml::from_str::<ReleaseMeta>(&t.meta).ok()?;
                        Some((meta, t.content_hash.clone()))
                    });
                // A policy parsed earlier in this process (serve, watch)
                // first, then the trusted index, else parse.
                let r = match (cache.get(&path), known) {
                    (Some((d, f, a, meta, policy)), _) if (*d, *f, *a) == (digest, fid, auth) => {
                        Loaded::Parsed(
                            Some(policy.clone()),
                            Some(meta.clone()),
                            Diagnostics::default(),
                        )
                    }
                    (_, Some((meta, hash))) => Loaded::Trusted(meta, hash),
                    _ => {
                        let (p, m, d) = crate::load::parse_snapshot(
                            fid,
                            &path,
                            text,
                            &authorities_site.authorities,
                        );
                        Loaded::Parsed(p.map(Arc::new), m, d)
                    }
                };
                (path, digest, fid, tkey, r)
            })
            .collect()
    };
    cache.clear();
    for (path, digest, fid, tkey, r) in parsed {
        let release = match r {
            Loaded::Trusted(meta, hash) => {
                // Nothing will point into it: its findings were none.
                drop(sources.take_text(fid));
                Release {
                    meta,
                    policy: std::sync::OnceLock::new(),
                    deferred: Some(Arc::new(Deferred {
                        fid,
                        authorities: authorities.clone(),
                        auth,
                    })),
                    content_hash: std::sync::OnceLock::from(hash),
                    trust_key: tkey,
                    path,
                    digest,
                }
            }
            Loaded::Parsed(policy, meta, d) => {
                let clean = d.items.is_empty();
                diags.extend(d);
                let (Some(policy), Some(meta)) = (policy, meta) else {
                    continue;
                };
                if keep && clean {
                    cache.insert(
                        path.clone(),
                        (digest, fid, auth, meta.clone(), policy.clone()),
                    );
                }
                let mut r = Release::new(meta, policy, path, digest);
                if clean {
                    r.trust_key = tkey;
                }
                r
            }
        };
        let stem = release
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        if stem != release.meta.version {
            diags.push(
                Diagnostic::error(
                    "release-file-name",
                    format!(
                        "{} holds version `{}`",
                        release.path.display(),
                        release.meta.version
                    ),
                )
                .in_file(&release.path)
                .help(format!("rename it to {}.toml", release.meta.version)),
            );
        }
        releases.push(release);
    }
    if keep {
        if let Ok(mut c) = SNAPSHOTS.lock() {
            *c = Some(cache);
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
