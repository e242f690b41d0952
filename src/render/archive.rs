//! Archived versions: renders of past releases kept between rebuilds and in
//! the on-disk render cache.
use super::*;
use crate::load::Site;
use std::sync::Arc;

/// See `Renderer::history_cache`.
pub(super) struct HistoryCache {
    pub(super) key: u64,
    pub(super) diffs: Arc<Vec<crate::history::diff::PolicyDiff>>,
    pub(super) archived: Output,
    /// Read from the on-disk cache: the pages are as a build wrote them
    /// (minified if it minifies), so they skip minification.
    pub(super) from_disk: bool,
    /// `archived` holds the pages (else only their paths: a one-shot
    /// renderer moves them into the output).
    pub(super) pages_kept: bool,
}

/// Everything an archived page depends on besides templates and locales:
/// the snapshots, the settings, the languages, the authorities (snapshots
/// name them by id) and the day (a release's status).
fn history_inputs(site: &Site) -> String {
    let mut s = String::new();
    for r in &site.history {
        // Relative to the site: `build site` and `serve` (absolute) agree.
        let path = r.path.strip_prefix(&site.root).unwrap_or(&r.path);
        s.push_str(&format!("{}\0{:016x}\0", path.display(), r.digest));
    }
    s.push_str(&serde_json::to_string(&site.config).unwrap_or_default());
    s.push('\0');
    s.push_str(&serde_json::to_string(&site.authorities).unwrap_or_default());
    s.push('\0');
    s.push_str(&site.languages.join(","));
    s.push('\0');
    s.push_str(&crate::history::today().to_string());
    s
}

/// [`history_inputs`] as the key of the in-memory cache.
pub(super) fn history_key(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    history_inputs(site).hash(&mut h);
    h.finish()
}

impl Renderer {
    /// The key of this site's entry in the on-disk cache.
    fn disk_key(&self, site: &Site, disk: &crate::output::cache::DiskCache) -> [u8; 32] {
        crate::digest::key(&[
            &self.digest,
            &[u8::from(disk.minified)],
            history_inputs(site).as_bytes(),
        ])
    }

    /// Takes the archived pages and release diffs of `site` from the on-disk
    /// cache if it holds them for exactly these inputs; returns how many
    /// pages it took (0: they will be rendered).
    pub fn load_disk_cache(&self, site: &Site, disk: &crate::output::cache::DiskCache) -> usize {
        if site.history.is_empty() {
            return 0;
        }
        let path = disk.pages_file(&site.root);
        let Some(entry) = crate::output::cache::open(&path, &self.disk_key(site, disk)) else {
            return 0;
        };
        if entry.diffs.len() != site.history.len() {
            return 0;
        }
        let n = entry.pages.len();
        // A one-shot render (build, check) loads the pages only when they
        // are written ([`Renderer::load_disk_pages`]); until then the
        // output holds them empty.
        let archived = if self.one_shot {
            entry
                .pages
                .iter()
                .map(|(name, _, _)| (name.clone(), Vec::new()))
                .collect()
        } else {
            match entry.load_pages() {
                Ok(p) => p,
                Err(_) => return 0,
            }
        };
        let diffs = Arc::new(entry.diffs.clone());
        if let (true, Ok(mut d)) = (self.one_shot, self.disk_pages.lock()) {
            *d = Some(entry);
        }
        if let Ok(mut c) = self.history_cache.lock() {
            *c = Some(HistoryCache {
                key: history_key(site),
                diffs,
                archived,
                from_disk: true,
                pages_kept: true,
            });
        }
        n
    }

    /// Fills in `out` the archived pages that [`Renderer::load_disk_cache`]
    /// left empty (one-shot renders), from the cache entry it checked.
    pub fn load_disk_pages(&self, out: &mut Output) -> std::io::Result<()> {
        let entry = match self.disk_pages.lock() {
            Ok(mut d) => d.take(),
            Err(_) => None,
        };
        if let Some(entry) = entry {
            out.extend(entry.load_pages()?);
        }
        Ok(())
    }

    /// Paths of the archived pages of the last render (kept in the on-disk
    /// cache as a whole, so not also in the minify memo).
    pub fn archived_paths(&self) -> std::collections::BTreeSet<String> {
        self.archived_keys(false)
    }

    /// Paths of the pages that came from the on-disk cache in the last
    /// render (already in their written form: not to be minified again).
    pub fn pages_from_disk(&self) -> std::collections::BTreeSet<String> {
        self.archived_keys(true)
    }

    fn archived_keys(&self, only_from_disk: bool) -> std::collections::BTreeSet<String> {
        match self.history_cache.lock() {
            Ok(c) => match c.as_ref() {
                Some(c) if c.from_disk || !only_from_disk => c.archived.keys().cloned().collect(),
                _ => Default::default(),
            },
            Err(_) => Default::default(),
        }
    }

    /// Stores the archived pages of the last render, as they are in `written`
    /// (the build's final bytes), with the release diffs, in the on-disk
    /// cache. Does nothing when they came from there or `site` has no
    /// history; returns whether it wrote.
    pub fn store_disk_cache(
        &self,
        site: &Site,
        disk: &crate::output::cache::DiskCache,
        written: &Output,
    ) -> std::io::Result<bool> {
        let Ok(c) = self.history_cache.lock() else {
            return Ok(false);
        };
        let Some(c) = c.as_ref() else {
            return Ok(false);
        };
        if c.from_disk || c.key != history_key(site) || site.history.is_empty() {
            return Ok(false);
        }
        let mut pages = Vec::new();
        for k in c.archived.keys() {
            match written.get(k) {
                Some(b) => pages.push((k.as_str(), b.as_slice())),
                None => return Ok(false),
            }
        }
        crate::output::cache::write_parts(
            &disk.pages_file(&site.root),
            &self.disk_key(site, disk),
            &c.diffs,
            &pages,
        )?;
        Ok(true)
    }
}
