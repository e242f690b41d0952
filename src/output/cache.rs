//! The on-disk render cache of `build`, `check`, `serve` and `watch`: what
//! a build would otherwise redo, kept from one run to the next.
//!
//! Per site (files named by a hash of the site's canonical path):
//! - `<site>.bin` / `<site>.unminified.bin`: the archived versions' pages
//!   (as written, minified or not) and the diffs between releases. Archived
//!   pages change only when a snapshot, the settings, the theme, the
//!   locales, the day (a release's status) or personvern itself changes,
//!   yet on a site with a long history they are most of the work. The
//!   entry is keyed by a SHA-256 of all those inputs.
//! - `<site>.snapshots.json`: the [`crate::load::snapshots::Trusted`] index, so
//!   unchanged snapshots are not parsed.
//! - `<site>.minified.bin`: the minify memo ([`crate::output::minify::minify_memo`]).
//!
//! An entry is used only under its exact key; a missing, unreadable or
//! damaged one (each file carries a checksum) only means the work is done
//! again. One entry of each kind per site, replaced atomically, so the
//! cache does not grow with edits; files no build has written for 30 days
//! are removed.
//!
//! Where: `PERSONVERN_CACHE_DIR`, else `$XDG_CACHE_HOME/personvern`, else
//! `~/.cache/personvern` (on Windows `%LOCALAPPDATA%\personvern\cache`).
//! `--no-cache` neither reads nor writes it. The library uses no cache
//! unless asked ([`crate::BuildOptions::cache_dir`], [`crate::check_with`],
//! [`crate::serve::Rebuilder::with_cache`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::digest::{hex, key};
use crate::history::diff::PolicyDiff;
use crate::output::Output;

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
    if let Some(h) = env("HOME") {
        return Some(PathBuf::from(h).join(".cache").join("personvern"));
    }
    // Windows has no HOME by default.
    env("LOCALAPPDATA").map(|d| PathBuf::from(d).join("personvern").join("cache"))
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

impl DiskCache {
    /// The file of the archived pages of the site in `root`: one for
    /// minified builds (`build`), one for unminified (`serve`, `watch`,
    /// `build --no-minify`), so using both does not evict either.
    pub fn pages_file(&self, root: &Path) -> PathBuf {
        let f = file_for(&self.dir, root);
        if self.minified {
            f
        } else {
            f.with_extension("unminified.bin")
        }
    }
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
    let name = hex(&h[..12]);
    dir.join(format!("{name}.bin"))
}

/// The snapshot index file of the site in `root` (see
/// [`crate::load::snapshots::Trusted`]).
pub fn index_file_for(dir: &Path, root: &Path) -> PathBuf {
    file_for(dir, root).with_extension("snapshots.json")
}

/// Reads the site's snapshot index; an empty one if there is none or it is
/// unreadable (its keys make any entry safe to use: see
/// [`crate::load::snapshots::trust_key`]).
pub fn read_index(dir: &Path, root: &Path) -> crate::load::snapshots::Trusted {
    std::fs::read(index_file_for(dir, root))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the site's snapshot index atomically.
pub fn write_index(
    dir: &Path,
    root: &Path,
    index: &crate::load::snapshots::Trusted,
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

/// The minify memo file of the site in `root` (see
/// [`crate::output::minify::minify_memo`]).
pub fn memo_file_for(dir: &Path, root: &Path) -> PathBuf {
    file_for(dir, root).with_extension("minified.bin")
}

/// The key under which the minify memo is stored (one per build of
/// personvern: its entries' own keys carry the file digests).
pub fn memo_key() -> [u8; 32] {
    key(&[b"minify-memo"])
}

/// Reads the entry at `path` if it holds `key`; `None` for anything else
/// (no file, another key, a damaged or truncated file: the body carries a
/// checksum).
pub fn read(path: &Path, key: &[u8; 32]) -> Option<Entry> {
    let open = open(path, key)?;
    let pages = open.load_pages().ok()?;
    Some(Entry {
        key: *key,
        diffs: open.diffs,
        pages,
    })
}

/// An entry checked whole (key, lengths, checksum) with its pages still
/// in the file: a build loads them only when it writes its output, after
/// rendering, so they do not add to the render's memory (and `check`
/// never loads them).
#[derive(Debug)]
pub struct OpenEntry {
    file: std::sync::Mutex<std::fs::File>,
    /// Diffs between consecutive releases.
    pub diffs: Vec<PolicyDiff>,
    /// Each page: output path, offset in the file, length.
    pub pages: Vec<(String, u64, u64)>,
}

impl OpenEntry {
    /// Reads the pages. The file was opened before it was checked, so a
    /// build that replaces the entry meanwhile does not change what is read.
    pub fn load_pages(&self) -> std::io::Result<Output> {
        let mut out = Output::new();
        for (name, offset, len) in &self.pages {
            out.insert(name.clone(), self.read_at(*offset, *len)?);
        }
        Ok(out)
    }

    /// The names of the pages, in the entry's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.pages.iter().map(|(n, _, _)| n.as_str())
    }

    /// One page's bytes, read now.
    pub fn page(&self, name: &str) -> Option<Vec<u8>> {
        let i = self
            .pages
            .binary_search_by(|(n, _, _)| n.as_str().cmp(name))
            .ok()?;
        let (_, offset, len) = &self.pages[i];
        self.read_at(*offset, *len).ok()
    }

    fn read_at(&self, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut b = vec![0u8; usize::try_from(len).map_err(std::io::Error::other)?];
        let mut f = self
            .file
            .lock()
            .map_err(|_| std::io::Error::other("cache file lock poisoned"))?;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(&mut b)?;
        Ok(b)
    }
}

/// The minify memo read from the cache, page by page on demand.
impl crate::output::minify::MinifyMemo for OpenEntry {
    fn minified(&self, key: &str) -> Option<Vec<u8>> {
        self.page(key)
    }
}

/// Opens and checks the entry at `path` if it holds `key`, reading it once
/// through a small buffer (see [`OpenEntry`]).
pub fn open(path: &Path, key: &[u8; 32]) -> Option<OpenEntry> {
    use std::hash::Hasher;
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut r = std::io::BufReader::with_capacity(1 << 16, file.try_clone().ok()?);
    let mut head = vec![0u8; MAGIC.len() + 32 + 8];
    r.read_exact(&mut head).ok()?;
    if &head[..MAGIC.len()] != MAGIC || &head[MAGIC.len()..MAGIC.len() + 32] != key {
        return None;
    }
    let sum = u64::from_le_bytes(head[MAGIC.len() + 32..].try_into().ok()?);
    let pos = std::cell::Cell::new(head.len() as u64);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    // Reads `n` bytes (kept if `keep`), hashing them; fails past the end.
    let mut chunk = |n: u64, keep: bool| -> Option<Vec<u8>> {
        if pos.get().checked_add(n)? > size {
            return None;
        }
        pos.set(pos.get() + n);
        let mut kept = Vec::new();
        let mut left = n;
        let mut buf = [0u8; 1 << 16];
        while left > 0 {
            let k = left.min(buf.len() as u64) as usize;
            r.read_exact(&mut buf[..k]).ok()?;
            h.write(&buf[..k]);
            if keep {
                kept.extend_from_slice(&buf[..k]);
            }
            left -= k as u64;
        }
        Some(kept)
    };
    let len = |b: Vec<u8>| -> Option<u64> { Some(u64::from_le_bytes(b.try_into().ok()?)) };
    let n = len(chunk(8, true)?)?;
    let diffs: Vec<PolicyDiff> = serde_json::from_slice(&chunk(n, true)?).ok()?;
    let count = len(chunk(8, true)?)?;
    let mut pages = Vec::new();
    for _ in 0..count {
        let n = len(chunk(8, true)?)?;
        let name = String::from_utf8(chunk(n, true)?).ok()?;
        let n = len(chunk(8, true)?)?;
        // The page starts here; its bytes are checked, not kept.
        let at = pos.get();
        chunk(n, false)?;
        pages.push((name, at, n));
    }
    if pos.get() != size || h.finish() != sum {
        return None;
    }
    // Written from a BTreeMap: sorted, so [`OpenEntry::page`] can search.
    if !pages.windows(2).all(|w| w[0].0 < w[1].0) {
        return None;
    }
    Some(OpenEntry {
        file: std::sync::Mutex::new(file),
        diffs,
        pages,
    })
}

/// Writes `entry` to `path` atomically (a temporary file, then a rename):
/// a build that stops half-way leaves the previous entry or none.
pub fn write(path: &Path, entry: &Entry) -> std::io::Result<()> {
    let pages: Vec<(&str, &[u8])> = entry
        .pages
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_slice()))
        .collect();
    write_parts(path, &entry.key, &entry.diffs, &pages)
}

/// [`write()`] from borrowed parts (no copy of the pages): the body is
/// streamed to the file and its checksum filled in at the end.
pub fn write_parts(
    path: &Path,
    key: &[u8; 32],
    diffs: &[PolicyDiff],
    pages: &[(&str, &[u8])],
) -> std::io::Result<()> {
    use std::hash::Hasher;
    use std::io::{Seek, SeekFrom};
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let diffs = serde_json::to_vec(diffs).map_err(std::io::Error::other)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        w.write_all(MAGIC)?;
        w.write_all(key)?;
        w.write_all(&0u64.to_le_bytes())?;
        let mut put = |w: &mut std::io::BufWriter<_>, b: &[u8]| -> std::io::Result<()> {
            h.write(b);
            w.write_all(b)
        };
        put(&mut w, &(diffs.len() as u64).to_le_bytes())?;
        put(&mut w, &diffs)?;
        put(&mut w, &(pages.len() as u64).to_le_bytes())?;
        for (name, bytes) in pages {
            put(&mut w, &(name.len() as u64).to_le_bytes())?;
            put(&mut w, name.as_bytes())?;
            put(&mut w, &(bytes.len() as u64).to_le_bytes())?;
            put(&mut w, bytes)?;
        }
        w.seek(SeekFrom::Start((MAGIC.len() + 32) as u64))?;
        w.write_all(&h.finish().to_le_bytes())?;
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

/// How long an unwritten cache file is kept (30 days).
pub const MAX_AGE: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

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

    /// `entry()` written to a file in a new folder.
    fn written() -> (tempfile::TempDir, PathBuf, Entry) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.bin");
        let e = entry();
        write(&path, &e).unwrap();
        (dir, path, e)
    }

    #[test]
    fn an_entry_reads_back_only_under_its_key() {
        let (_dir, path, e) = written();
        assert_eq!(read(&path, &e.key), Some(e.clone()));
        assert_eq!(read(&path, &key(&[b"a", b"c"])), None);
        // Length prefixes keep ("ab", "") and ("a", "b") apart.
        assert_ne!(key(&[b"ab", b""]), key(&[b"a", b"b"]));
    }

    #[test]
    fn damaged_entries_are_ignored() {
        let (dir, path, e) = written();
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
