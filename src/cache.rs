//! The on-disk render cache of `personvern build`: the archived versions'
//! pages (as written, so already minified when the build minifies) and the
//! diffs between releases, kept from one build to the next.
//!
//! Archived pages change only when a snapshot, the settings, the theme, the
//! locales, personvern itself or the day (a release's status) changes, yet
//! they are most of the work of a site with a long history: each release
//! adds a full page per language. The entry is keyed by a SHA-256 of all
//! those inputs, so a stale entry is never used; a missing, unreadable or
//! damaged entry only means the pages are rendered again. There is one
//! entry per site (the newest), so the cache does not grow with edits.
//!
//! Where: `PERSONVERN_CACHE_DIR`, else `$XDG_CACHE_HOME/personvern`, else
//! `~/.cache/personvern`; one file per site folder, removed when no build
//! has written it for 30 days. `build --no-cache`
//! neither reads nor writes it. The library uses no cache unless
//! [`crate::BuildOptions::cache_dir`] is set.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::diff::PolicyDiff;
use crate::render::Output;

/// Identity of this build of personvern (code, built-in theme, locales and
/// data), set by build.rs.
pub const BUILD_ID: &str = env!("PERSONVERN_BUILD_ID");

const MAGIC: &[u8] = b"personvern-cache 1\n";

/// The default cache folder, if the environment names one.
pub fn default_dir() -> Option<PathBuf> {
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    if let Some(d) = env("PERSONVERN_CACHE_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Some(d) = env("XDG_CACHE_HOME") {
        return Some(PathBuf::from(d).join("personvern"));
    }
    env("HOME").map(|h| PathBuf::from(h).join(".cache").join("personvern"))
}

/// Where a build keeps its cache, and whether its pages are minified (a
/// minified and an unminified build do not share entries).
#[derive(Debug, Clone)]
pub struct DiskCache {
    /// Cache folder.
    pub dir: PathBuf,
    /// The build minifies HTML.
    pub minified: bool,
}

/// One site's cached archived pages and release diffs.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// SHA-256 of everything the pages depend on.
    pub key: [u8; 32],
    /// Diffs between consecutive releases.
    pub diffs: Vec<PolicyDiff>,
    /// Archived pages: output path → bytes.
    pub pages: Output,
}

/// The cache file of the site in `root` (by its canonical path).
pub fn file_for(dir: &Path, root: &Path) -> PathBuf {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let h = Sha256::digest(canonical.to_string_lossy().as_bytes());
    let name: String = h[..12].iter().map(|b| format!("{b:02x}")).collect();
    dir.join(format!("{name}.bin"))
}

/// The snapshot index file of the site in `root` (see
/// [`crate::history::Trusted`]).
pub fn index_file_for(dir: &Path, root: &Path) -> PathBuf {
    file_for(dir, root).with_extension("snapshots.json")
}

/// Reads the site's snapshot index; an empty one if there is none or it is
/// unreadable (its keys make any entry safe to use: see
/// [`crate::history::trust_key`]).
pub fn read_index(dir: &Path, root: &Path) -> crate::history::Trusted {
    std::fs::read(index_file_for(dir, root))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the site's snapshot index atomically.
pub fn write_index(
    dir: &Path,
    root: &Path,
    index: &crate::history::Trusted,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let sorted: std::collections::BTreeMap<_, _> = index.iter().collect();
    let bytes = serde_json::to_vec(&sorted).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(&bytes)?;
    tmp.persist(index_file_for(dir, root))
        .map_err(|e| e.error)?;
    Ok(())
}

/// A SHA-256 over length-prefixed parts.
pub fn key(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(BUILD_ID.as_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// Reads the entry at `path` if it holds `key`; `None` for anything else
/// (no file, another key, a damaged or truncated file: the body carries a
/// checksum).
pub fn read(path: &Path, key: &[u8; 32]) -> Option<Entry> {
    let bytes = std::fs::read(path).ok()?;
    let mut r = Reader(&bytes);
    if r.take(MAGIC.len())? != MAGIC || r.take(32)? != key {
        return None;
    }
    let sum = r.u64()?;
    if checksum(r.0) != sum {
        return None;
    }
    let diffs_len = r.len()?;
    let diffs: Vec<PolicyDiff> = serde_json::from_slice(r.take(diffs_len)?).ok()?;
    let count = r.len()?;
    let mut pages = Output::new();
    for _ in 0..count {
        let n = r.len()?;
        let name = std::str::from_utf8(r.take(n)?).ok()?.to_string();
        let n = r.len()?;
        pages.insert(name, r.take(n)?.to_vec());
    }
    if !r.0.is_empty() {
        return None;
    }
    Some(Entry {
        key: *key,
        diffs,
        pages,
    })
}

/// Detects damage (a disk or a program writing into the file), not
/// tampering: whoever can write the cache can write the output too.
fn checksum(body: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    h.write(body);
    h.finish()
}

/// Writes `entry` to `path` atomically (a temporary file, then a rename):
/// a build that stops half-way leaves the previous entry or none.
pub fn write(path: &Path, entry: &Entry) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let diffs = serde_json::to_vec(&entry.diffs).map_err(std::io::Error::other)?;
    let size = 16
        + diffs.len()
        + entry
            .pages
            .iter()
            .map(|(k, v)| 16 + k.len() + v.len())
            .sum::<usize>();
    let mut body = Vec::with_capacity(size);
    let mut part = |b: &[u8]| {
        body.extend_from_slice(&(b.len() as u64).to_le_bytes());
        body.extend_from_slice(b);
    };
    part(&diffs);
    body.extend_from_slice(&(entry.pages.len() as u64).to_le_bytes());
    for (name, bytes) in &entry.pages {
        body.extend_from_slice(&(name.len() as u64).to_le_bytes());
        body.extend_from_slice(name.as_bytes());
        body.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        body.extend_from_slice(bytes);
    }
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        w.write_all(MAGIC)?;
        w.write_all(&entry.key)?;
        w.write_all(&checksum(&body).to_le_bytes())?;
        w.write_all(&body)?;
        w.flush()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    prune(dir, path);
    Ok(())
}

/// Entries not written for [`MAX_AGE`] belong to sites that are gone or no
/// longer built here: removed, so the folder does not grow without bound.
fn prune(dir: &Path, keep: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > MAX_AGE);
        if old && p != keep && p.extension().is_some_and(|x| x == "bin" || x == "json") {
            let _ = std::fs::remove_file(&p);
        }
    }
}

/// See [`prune`].
pub const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u64(&mut self) -> Option<u64> {
        let b: [u8; 8] = self.take(8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    }
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        let mut pages = Output::new();
        pages.insert(
            "nb/personvern/versjoner/1.0/index.html".into(),
            b"<p>1</p>".to_vec(),
        );
        pages.insert(
            "en/privacy/versions/1.0/index.html".into(),
            vec![0, 255, 10],
        );
        Entry {
            key: key(&[b"a", b"b"]),
            diffs: vec![PolicyDiff::default()],
            pages,
        }
    }

    #[test]
    fn an_entry_reads_back_only_under_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin");
        let e = entry();
        write(&path, &e).unwrap();
        assert_eq!(read(&path, &e.key), Some(e.clone()));
        assert_eq!(read(&path, &key(&[b"a", b"c"])), None);
        // Length prefixes keep ("ab", "") and ("a", "b") apart.
        assert_ne!(key(&[b"ab", b""]), key(&[b"a", b"b"]));
    }

    #[test]
    fn damaged_entries_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin");
        let e = entry();
        write(&path, &e).unwrap();
        let good = std::fs::read(&path).unwrap();
        for cut in [0, 5, MAGIC.len() + 10, good.len() - 1] {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert_eq!(read(&path, &e.key), None, "truncated at {cut}");
        }
        let mut longer = good.clone();
        longer.push(0);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(read(&path, &e.key), None);
        // A flipped bit anywhere after the key (in a page, say).
        let mut flipped = good.clone();
        let at = good.len() - 3;
        flipped[at] ^= 0x01;
        std::fs::write(&path, &flipped).unwrap();
        assert_eq!(read(&path, &e.key), None);
        assert_eq!(read(&dir.path().join("missing.bin"), &e.key), None);
    }

    #[test]
    fn writing_removes_only_old_entries() {
        let dir = tempfile::tempdir().unwrap();
        let long_ago = std::time::SystemTime::now() - MAX_AGE - std::time::Duration::from_secs(60);
        let old_entry = dir.path().join("old.bin");
        let old_other = dir.path().join("notes.txt");
        let recent = dir.path().join("recent.bin");
        for p in [&old_entry, &old_other, &recent] {
            std::fs::write(p, b"x").unwrap();
        }
        for p in [&old_entry, &old_other] {
            let f = std::fs::File::options().write(true).open(p).unwrap();
            f.set_modified(long_ago).unwrap();
        }
        write(&dir.path().join("new.bin"), &entry()).unwrap();
        assert!(!old_entry.exists());
        assert!(old_other.exists(), "not an entry: left alone");
        assert!(recent.exists());
        assert!(dir.path().join("new.bin").exists());
    }
}
