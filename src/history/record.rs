//! A release's record, `history/<version>/release.json`: what `personvern
//! release` knew when it made the release (its changes since the previous
//! release and its content hash), so that a build need not parse every old
//! snapshot again to compute them.
//!
//! A record is only a shortcut, never a second source: it is used only when
//! the snapshot's text, the previous snapshot's text, the authority
//! registry and the build of personvern are those it was made from (one
//! SHA-256 over all of them, [`key`]). Anything else, and the snapshot is
//! parsed and the changes computed as if there were no record; a record
//! with no snapshot, or one that does not parse, is ignored.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::history::diff::PolicyDiff;
use crate::history::ReleaseMeta;

/// File name of the record, in the release's folder (`history/<version>/`).
pub const FILE: &str = "release.json";

/// Most bytes read from one record.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The record of one release.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseRecord {
    /// Says what the file is, for a reader who finds it.
    pub about: String,
    /// [`key`] of the snapshot's text this record was made from.
    pub key: String,
    /// [`key`] of the previous release's snapshot text; `None` for the
    /// first release.
    pub previous: Option<String>,
    /// The release metadata, as in the snapshot's `[release]` table.
    pub meta: ReleaseMeta,
    /// [`crate::history::content_hash`] of the snapshot's policy.
    pub content_hash: String,
    /// Changes since the previous release (empty for the first).
    pub diff: PolicyDiff,
}

impl ReleaseRecord {
    /// A record of the snapshot whose [`key`] is `key`.
    pub fn new(
        key: String,
        previous: Option<String>,
        meta: ReleaseMeta,
        content_hash: String,
        diff: PolicyDiff,
    ) -> ReleaseRecord {
        ReleaseRecord {
            about: ABOUT.into(),
            key,
            previous,
            meta,
            content_hash,
            diff,
        }
    }
}

/// What [`ReleaseRecord::about`] says.
pub const ABOUT: &str = "Written by `personvern release` beside the snapshot: the changes since the previous release, used by builds of the same personvern while both snapshots are unchanged. Safe to delete; never edit.";

/// The key of a snapshot text: a SHA-256 of this build of personvern, the
/// authority registry (as JSON) and the text.
pub fn key(authorities_json: &str, text: &str) -> String {
    crate::digest::hex(&crate::digest::key(&[
        b"release-record",
        authorities_json.as_bytes(),
        text.as_bytes(),
    ]))
}

/// Where the record of the snapshot at `snapshot` (`history/<stem>.toml`)
/// is kept.
pub fn path_for(snapshot: &Path) -> PathBuf {
    let stem = snapshot.file_stem().unwrap_or_default();
    snapshot.with_file_name(stem).join(FILE)
}

/// The record beside `snapshot`, if there is one that reads; a record that
/// does not read is as good as none (the snapshot is parsed instead).
pub fn read(snapshot: &Path) -> Option<ReleaseRecord> {
    let p = path_for(snapshot);
    let m = std::fs::metadata(&p).ok()?;
    if !m.is_file() || m.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(&p).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The record as written (pretty JSON, trailing newline).
pub fn to_json(record: &ReleaseRecord) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(record).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Writes `record` beside `snapshot` ([`super::replace_file`], so a reader
/// never sees half a record); returns its path.
pub fn write(snapshot: &Path, record: &ReleaseRecord) -> Result<PathBuf, String> {
    let path = path_for(snapshot);
    super::replace_file(&path, &to_json(record))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_follows_the_text_and_the_registry() {
        let a = key("{}", "text");
        assert_eq!(a, key("{}", "text"));
        assert_ne!(a, key("{}", "text "));
        assert_ne!(a, key("{\"no\":1}", "text"));
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn the_record_sits_in_the_release_folder() {
        assert_eq!(
            path_for(Path::new("site/history/2.0.toml")),
            Path::new("site/history/2.0/release.json")
        );
    }

    #[test]
    fn an_unreadable_record_is_none() {
        let dir = tempfile::tempdir().expect("test file");
        let snap = dir.path().join("1.0.toml");
        assert!(read(&snap).is_none());
        let p = path_for(&snap);
        std::fs::create_dir_all(p.parent().unwrap()).expect("test file");
        std::fs::write(&p, b"{ not json").expect("test file");
        assert!(read(&snap).is_none());
    }
}
