//! Reading the snapshots in `history/`: releases as input, parsed once, lazily
//! when a render cache vouches for them, and kept between rebuilds in serve/watch.
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::history::{ReleaseMeta, HISTORY_DIR};
use crate::load::Site;
use crate::model::Policy;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// [`crate::history::content_hash`] of the policy, once known.
    content_hash: std::sync::OnceLock<String>,
    /// Key in the [`Trusted`] index, if the snapshot loaded cleanly and an
    /// index was in use.
    trust_key: Option<String>,
    /// [`crate::history::record::key`] of the snapshot's text.
    pub record_key: Option<String>,
    /// The snapshot loaded without a finding (parsed cleanly, or vouched
    /// for by the trusted index or its record, which hold only such).
    pub clean: bool,
    /// From the release's record, when it matched the snapshot: the changes
    /// since the release whose snapshot has the key given (`None`: the
    /// first release). Used only while that is still the previous release.
    pub recorded_diff: Option<(Option<String>, crate::history::diff::PolicyDiff)>,
    /// Snapshot file.
    pub path: PathBuf,
    /// Hash of the snapshot file's text (and of the size and time of its
    /// frozen pages): renders of unchanged releases are reused across
    /// rebuilds (see `Renderer`'s history cache).
    pub digest: u64,
    /// The release's frozen pages (`history/<version>/<lang>/<name>`) by
    /// `<lang>/<name>`; empty for a release made before pages were frozen
    /// (format 1), which is rendered again from its snapshot.
    pub frozen: BTreeMap<String, PathBuf>,
}

/// A trusted snapshot, read and parsed when its policy is first needed (its
/// text is not kept: on a site with a long history that is tens of MB).
struct Deferred {
    fid: usize,
    authorities: Arc<BTreeMap<String, crate::model::Authority>>,
    /// Digest of the authorities, for [`keep_snapshots`]' cache.
    auth: u64,
}

impl std::fmt::Debug for Deferred {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Deferred(file {})", self.fid)
    }
}

impl AsRef<ReleaseMeta> for Release {
    fn as_ref(&self) -> &ReleaseMeta {
        &self.meta
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
            record_key: None,
            clean: false,
            recorded_diff: None,
            path,
            digest,
            frozen: BTreeMap::new(),
        }
    }

    /// The changes since `previous` as the release's record holds them, if
    /// it holds them for that release (see [`crate::history::record`]).
    pub fn recorded_diff_since(
        &self,
        previous: Option<&Release>,
    ) -> Option<&crate::history::diff::PolicyDiff> {
        let (since, diff) = self.recorded_diff.as_ref()?;
        let prev_key = match previous {
            Some(p) => Some(p.record_key.as_ref()?),
            None => None,
        };
        (since.as_ref() == prev_key).then_some(diff)
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
            .get_or_init(|| crate::history::content_hash(self.policy()))
    }
}

/// For each release of `history` (sorted), its changes since the release
/// before it as its record holds them, where it does
/// ([`Release::recorded_diff_since`]).
pub fn recorded_diffs(history: &[Release]) -> Vec<Option<&crate::history::diff::PolicyDiff>> {
    (0..history.len())
        .map(|i| history[i].recorded_diff_since(i.checked_sub(1).map(|p| &history[p])))
        .collect()
}

/// Snapshots that loaded without any finding, by [`trust_key`]: their
/// release metadata (as TOML) and content hash. A snapshot found here is not
/// parsed at load; its policy is parsed only if something needs it (an
/// archived page or a diff that the render cache does not hold). Kept by
/// `build` in its cache folder (see [`crate::output::cache`]).
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
    crate::digest::hex(&crate::digest::key(&[
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

/// Finds the frozen pages of a release in `folder` (`history/<version>/`)
/// and folds their size and modification time into its digest, so that
/// caches of its archived pages follow an edit of one.
fn frozen_pages(folder: &Path, languages: &[String], release: &mut Release) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    release.digest.hash(&mut h);
    for lang in languages {
        for (_, name) in crate::history::FROZEN_PAGES {
            let p = folder.join(lang).join(name);
            if let Ok(m) = fs::metadata(&p) {
                let key = format!("{lang}/{name}");
                key.hash(&mut h);
                m.len().hash(&mut h);
                if let Ok(t) = m.modified() {
                    t.hash(&mut h);
                }
                release.frozen.insert(key, p);
            }
        }
    }
    if !release.frozen.is_empty() {
        release.digest = h.finish();
    }
}

/// Most release snapshots read from `history/`.
pub const MAX_SNAPSHOTS: usize = 1_000;

/// Most bytes read from `history/` in all.
pub const MAX_HISTORY_BYTES: u64 = 512 * 1024 * 1024;

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
    let rd = match fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) => {
            if fs::symlink_metadata(&dir).is_ok() {
                diags.push(
                    Diagnostic::error("io", format!("cannot read {}/: {e}", dir.display()))
                        .in_file(&dir)
                        .help("make history/ a folder readable by the user that builds the site"),
                );
            }
            return (releases, diags);
        }
    };
    let mut paths: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    let bytes: u64 = paths
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if paths.len() > MAX_SNAPSHOTS || bytes > MAX_HISTORY_BYTES {
        diags.push(
            Diagnostic::error(
                "input-too-large",
                format!(
                    "{} holds {} snapshots, {} MB; personvern reads at most {MAX_SNAPSHOTS} \
                     snapshots and {} MB",
                    dir.display(),
                    paths.len(),
                    bytes / (1024 * 1024),
                    MAX_HISTORY_BYTES / (1024 * 1024)
                ),
            )
            .in_file(&dir)
            .help("move the oldest releases out of history/ (they stay in version control)"),
        );
        return (releases, diags);
    }
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
        /// Found in the trusted index, or its record matched: metadata
        /// only, parsed on use.
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
                let rkey = crate::history::record::key(auth_json, text);
                // The release's record, if made from this very text.
                let record = crate::history::record::read(&path).filter(|r| r.key == rkey);
                let recorded = record
                    .as_ref()
                    .map(|r| (r.previous.clone(), r.diff.clone()));
                let known = record.map(|r| (r.meta, r.content_hash)).or_else(|| {
                    let t = trusted?.get(tkey.as_ref()?)?;
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
                (path, digest, fid, tkey, (rkey, recorded), r)
            })
            .collect()
    };
    cache.clear();
    for (path, digest, fid, tkey, (rkey, recorded), r) in parsed {
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
                    record_key: None,
                    clean: true,
                    recorded_diff: None,
                    path,
                    digest,
                    frozen: BTreeMap::new(),
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
                r.clean = clean;
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
        let mut release = release;
        release.record_key = Some(rkey);
        release.recorded_diff = recorded;
        frozen_pages(&dir.join(&stem), &authorities_site.languages, &mut release);
        let expected = crate::history::version_path(&release.meta.version);
        if stem != expected {
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
                .help(format!("rename it to {expected}.toml")),
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
