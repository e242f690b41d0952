//! Writing output atomically: everything is written into a staging folder
//! beside the target, which then replaces the target. A failed or
//! interrupted build never leaves a half-written or emptied output folder.

pub mod cache;
pub mod minify;
pub mod release;
pub mod starter;

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Rendered output: path relative to the output folder -> bytes. Ordered,
/// so writing and hashing are deterministic.
pub type Output = std::collections::BTreeMap<String, Vec<u8>>;

/// Marker file that identifies a folder personvern may replace.
pub const MARKER: &str = ".personvern-output";

/// True if a relative output path stays inside the output folder.
pub fn safe_rel_path(rel: &str) -> bool {
    if rel.is_empty() || rel.contains('\0') || rel.contains('\\') {
        return false;
    }
    let p = Path::new(rel);
    p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Errors while writing output.
#[derive(Debug)]
pub enum WriteError {
    /// The target exists, is not empty and was not made by personvern.
    NotOurs(PathBuf),
    /// A path in the output would leave the output folder.
    UnsafePath(String),
    /// Filesystem error with the path involved.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotOurs(p) => write!(
                f,
                "{} exists and was not written by personvern; refusing to replace it (pass --force, or choose another --output)",
                p.display()
            ),
            WriteError::UnsafePath(p) => write!(f, "output path `{p}` would leave the output folder"),
            WriteError::Io(p, e) => write!(f, "{}: {e}", p.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io_at(p: &Path) -> impl Fn(io::Error) -> WriteError + '_ {
    move |e| WriteError::Io(p.to_path_buf(), e)
}

fn is_replaceable(dir: &Path) -> bool {
    if !dir.exists() {
        return true;
    }
    if !dir.is_dir() {
        // A regular file (or anything else) at the output path is never ours.
        return false;
    }
    match fs::read_dir(dir) {
        Ok(mut rd) => rd.next().is_none() || dir.join(MARKER).exists(),
        Err(_) => false,
    }
}

/// Whether process `pid` is running (`/proc/<pid>` on Linux, `kill(pid, 0)`
/// elsewhere on Unix); unknown counts as running.
fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") && Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    #[cfg(unix)]
    {
        let Ok(p) = libc::pid_t::try_from(pid) else {
            return true;
        };
        // SAFETY: signal 0 sends nothing; it only asks whether `p` exists.
        let r = unsafe { libc::kill(p, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Removes the staging folders `.<name>.tmp-<pid>` and `.<name>.old-<pid>`
/// in `parent` that an interrupted build of this output left behind: only
/// those of this output's name, only folders, only when process `<pid>` is
/// gone. Returns a message per folder that could not be removed.
fn remove_stale_staging(parent: &Path, name: &str) -> Vec<String> {
    remove_stale_staging_with(parent, name, |p| fs::remove_dir_all(p))
}

/// [`remove_stale_staging`] with the removal given (a test makes it fail,
/// which permissions cannot do for root).
fn remove_stale_staging_with(
    parent: &Path,
    name: &str,
    remove: impl Fn(&Path) -> std::io::Result<()>,
) -> Vec<String> {
    let mut notes = Vec::new();
    let Ok(rd) = fs::read_dir(parent) else {
        return notes;
    };
    let own = std::process::id();
    for e in rd.flatten() {
        let file = e.file_name();
        let Some(file) = file.to_str() else { continue };
        let Some(rest) = file
            .strip_prefix('.')
            .and_then(|f| f.strip_prefix(name))
            .and_then(|f| f.strip_prefix(".tmp-").or_else(|| f.strip_prefix(".old-")))
        else {
            continue;
        };
        let Ok(pid) = rest.parse::<u32>() else {
            continue;
        };
        if pid == own || !rest.bytes().all(|b| b.is_ascii_digit()) || process_alive(pid) {
            continue;
        }
        let path = e.path();
        // Never follow a link: only a real folder is ours to remove.
        if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        if let Err(err) = remove(&path) {
            notes.push(format!(
                "cannot remove {}, left by an interrupted build (process {pid}): {err}; delete it by hand",
                path.display()
            ));
        }
    }
    notes
}

/// Writes `output` to `target`, replacing it as a whole.
///
/// The files go to `<target>.tmp-<pid>` first; only when all are written is
/// the old folder moved aside and the new one renamed into place. If the
/// target exists, is non-empty and has no marker file, nothing is written
/// unless `force` is set. A target that holds exactly `output` already (a
/// build of unchanged sources) is left as it is.
///
/// Staging folders of this output left by an interrupted build (whose
/// process is gone) are removed first. Returns what could not be cleaned
/// up (a stale staging folder, or the previous output once replaced), one
/// message each: the new output is in place all the same.
pub fn write_atomic(
    output: &Output,
    target: &Path,
    force: bool,
) -> Result<Vec<String>, WriteError> {
    for rel in output.keys() {
        if !safe_rel_path(rel) {
            return Err(WriteError::UnsafePath(rel.clone()));
        }
    }
    if target.exists() && !target.is_dir() {
        // Even --force never turns a file into a folder.
        return Err(WriteError::NotOurs(target.to_path_buf()));
    }
    if target.exists() && !force && !is_replaceable(target) {
        return Err(WriteError::NotOurs(target.to_path_buf()));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_at(&parent))?;
    let mut notes = remove_stale_staging(&parent, &name);
    // A build that changes nothing writes nothing: the folder is left as
    // it is (an atomic no-op), its files and their dates untouched.
    if holds_exactly(target, output) {
        return Ok(notes);
    }
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&staging);
    let result = (|| {
        fs::create_dir_all(&staging).map_err(io_at(&staging))?;
        let previous = target.is_dir().then_some(target);
        for (rel, bytes) in output {
            let path = staging.join(rel);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(io_at(dir))?;
            }
            if !previous.is_some_and(|p| link_if_same(&p.join(rel), bytes, &path)) {
                fs::write(&path, bytes).map_err(io_at(&path))?;
            }
        }
        fs::write(staging.join(MARKER), MARKER_TEXT).map_err(io_at(&staging))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if target.exists() {
        fs::rename(target, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            WriteError::Io(target.to_path_buf(), e)
        })?;
    }
    if let Err(e) = fs::rename(&staging, target) {
        // Put the previous output back.
        let _ = fs::rename(&old, target);
        let _ = fs::remove_dir_all(&staging);
        return Err(WriteError::Io(target.to_path_buf(), e));
    }
    if let Err(e) = fs::remove_dir_all(&old) {
        if fs::symlink_metadata(&old).is_ok() {
            notes.push(format!(
                "the new output is in place, but the previous one, moved to {}, cannot be removed: {e}; delete it by hand",
                old.display()
            ));
        }
    }
    Ok(notes)
}

/// The marker file's content.
const MARKER_TEXT: &[u8] =
    b"This folder is written by personvern build and replaced on every build.\n";

/// `target` is an output folder of personvern holding exactly `output`:
/// the marker, every file with its bytes, and nothing else (no other file,
/// folder, link or empty folder). Each file is one [`link_if_same`] would
/// keep ([`is_unshared_copy`]), so the folder is what writing `output`
/// would make.
fn holds_exactly(target: &Path, output: &Output) -> bool {
    fn walk(root: &Path, dir: &Path, output: &Output, seen: &mut usize) -> bool {
        let Ok(rd) = fs::read_dir(dir) else {
            return false;
        };
        let mut empty = true;
        for e in rd {
            let Ok(e) = e else { return false };
            empty = false;
            let p = e.path();
            let Ok(m) = fs::symlink_metadata(&p) else {
                return false;
            };
            if m.is_dir() {
                if !walk(root, &p, output, seen) {
                    return false;
                }
                continue;
            }
            let Some(rel) = p.strip_prefix(root).ok().and_then(Path::to_str) else {
                return false;
            };
            let expected = if rel == MARKER {
                MARKER_TEXT
            } else {
                match output.get(rel) {
                    Some(b) => b.as_slice(),
                    None => return false,
                }
            };
            if !is_unshared_copy(&p, &m, expected) {
                return false;
            }
            *seen += 1;
        }
        !empty
    }
    if !target.join(MARKER).is_file() {
        return false;
    }
    let mut seen = 0;
    walk(target, target, output, &mut seen) && seen == output.len() + 1
}

/// The file at `path`, whose metadata is `m`, is a plain file that no
/// other path links to and holds exactly `bytes` (never on systems other
/// than Unix, where the links are not known).
fn is_unshared_copy(path: &Path, m: &fs::Metadata, bytes: &[u8]) -> bool {
    #[cfg(unix)]
    let single = {
        use std::os::unix::fs::MetadataExt;
        m.nlink() == 1
    };
    #[cfg(not(unix))]
    let single = false;
    single
        && m.is_file()
        && m.len() == bytes.len() as u64
        && fs::read(path).is_ok_and(|b| b == bytes)
}

/// Puts the previous output's file `old` into the staging folder as `new`
/// (a hard link) when it holds exactly `bytes`: an unchanged file is not
/// written again, and keeps its modification time, so a deploy by `rsync`
/// or a CDN upload by date skips it. Only a plain file that no other path
/// links to is taken (nothing outside the output ever shares the new one);
/// false, and nothing done, in every other case, and wherever a link cannot
/// be made (the caller then writes the file).
fn link_if_same(old: &Path, bytes: &[u8], new: &Path) -> bool {
    fs::symlink_metadata(old).is_ok_and(|m| is_unshared_copy(old, &m, bytes))
        && fs::hard_link(old, new).is_ok()
}

/// Updates `target` in place: writes only files whose bytes changed and
/// removes files that are no longer produced. Used by watch mode, where a
/// browser may be reading the folder. Each file is replaced atomically
/// (written to a temporary file, then renamed).
pub fn write_incremental(output: &Output, target: &Path) -> Result<usize, WriteError> {
    write_changed(output, &Output::new(), target)
}

/// Like [`write_incremental`] for output that comes in parts (watch mode
/// writes the pages first, then the Markdown and JSON made from them):
/// writes the files of `output` whose bytes changed, and removes files that
/// are in neither `output` nor `keep`.
pub fn write_changed(output: &Output, keep: &Output, target: &Path) -> Result<usize, WriteError> {
    for rel in output.keys() {
        if !safe_rel_path(rel) {
            return Err(WriteError::UnsafePath(rel.clone()));
        }
    }
    if target.exists() && !is_replaceable(target) {
        return Err(WriteError::NotOurs(target.to_path_buf()));
    }
    fs::create_dir_all(target).map_err(io_at(target))?;
    let mut written = 0;
    for (rel, bytes) in output {
        let path = target.join(rel);
        if fs::read(&path).is_ok_and(|old| old == *bytes) {
            continue;
        }
        let dir = path.parent().unwrap_or(target);
        fs::create_dir_all(dir).map_err(io_at(dir))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_at(dir))?;
        // Same permissions as `build` (tempfile creates files as 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(fs::Permissions::from_mode(0o644))
                .map_err(io_at(&path))?;
        }
        io::Write::write_all(&mut tmp, bytes).map_err(io_at(&path))?;
        tmp.persist(&path)
            .map_err(|e| WriteError::Io(path.clone(), e.error))?;
        written += 1;
    }
    let marker = target.join(MARKER);
    if !marker.exists() {
        fs::write(
            &marker,
            b"This folder is written by personvern and replaced on every build.\n",
        )
        .map_err(io_at(&marker))?;
    }
    // Remove stale files.
    let mut existing = Vec::new();
    collect_files(target, target, &mut existing);
    for rel in existing {
        if rel != MARKER && !output.contains_key(&rel) && !keep.contains_key(&rel) {
            let _ = fs::remove_file(target.join(&rel));
        }
    }
    Ok(written)
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_files(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The folders a site reads its sources from; an output folder inside one
/// of them would replace (delete) those sources.
pub const INPUT_DIRS: &[&str] = &[
    "content",
    "static",
    "templates",
    "history",
    "locales",
    "themes",
];

/// `path` made absolute and canonical, even when it does not exist yet: its
/// nearest existing ancestor is canonicalized and the rest appended (`.`
/// dropped, `..` taken lexically).
pub fn canonical_or_ancestor(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut base = abs.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    let canon = loop {
        if let Ok(c) = fs::canonicalize(&base) {
            break c;
        }
        match (base.file_name(), base.parent()) {
            (Some(n), Some(p)) => {
                rest.push(n.to_os_string());
                base = p.to_path_buf();
            }
            _ => break base,
        }
    };
    let mut out = canon;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::ParentDir) => {
                out.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => out.push(part),
        }
    }
    out
}

/// Why `target` may not be the output folder of the site in `root`: it is,
/// contains or lies above the site folder, or lies inside one of its input
/// folders ([`INPUT_DIRS`]). `None` when it is safe (e.g. `public/`).
pub fn unsafe_output_dir(root: &Path, target: &Path) -> Option<String> {
    let root = canonical_or_ancestor(root);
    let t = canonical_or_ancestor(target);
    if t == root {
        return Some(format!(
            "the output folder {} is the site folder itself; building would replace the site's sources",
            t.display()
        ));
    }
    if root.starts_with(&t) {
        return Some(format!(
            "the output folder {} contains the site folder {}; building would replace the site's sources",
            t.display(),
            root.display()
        ));
    }
    for dir in INPUT_DIRS {
        let input = canonical_or_ancestor(&root.join(dir));
        if t.starts_with(&input) {
            return Some(format!(
                "the output folder {} lies inside the site's input folder {}; building would replace its files",
                t.display(),
                input.display()
            ));
        }
    }
    None
}

/// Help for an [`unsafe_output_dir`] error.
pub const UNSAFE_OUTPUT_HELP: &str = "choose an output folder outside the site's sources: the default `public/` inside the site, or a folder beside it (--output ../site-public)";

/// Why `[site] output_dir` is not acceptable: it must be a relative path
/// that stays inside the site (no absolute path, no `..` escaping).
pub fn bad_output_dir_setting(setting: &str) -> Option<String> {
    let p = Path::new(setting);
    if setting.trim().is_empty() {
        return Some("output_dir is empty".to_string());
    }
    if p.is_absolute() || p.has_root() || setting.starts_with('/') || setting.starts_with('\\') {
        return Some(format!(
            "output_dir `{setting}` is an absolute path; it must stay inside the site"
        ));
    }
    let mut depth: i64 = 0;
    for c in p.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            _ => {
                return Some(format!(
                    "output_dir `{setting}` is not a relative path inside the site"
                ))
            }
        }
        if depth < 0 {
            return Some(format!(
                "output_dir `{setting}` leaves the site folder (`..`); it must stay inside the site"
            ));
        }
    }
    None
}

/// Help for a [`bad_output_dir_setting`] error.
pub const BAD_OUTPUT_DIR_HELP: &str = "write a folder inside the site, e.g. output_dir = \"public\", or pass the folder on the command line with --output";

#[cfg(test)]
mod tests {

    #[test]
    fn a_stale_staging_folder_that_cannot_be_removed_is_reported() {
        let tmp = tempfile::tempdir().expect("tempdir");
        // Process ids above the kernel's pid_max (4194304) never run.
        let stale = tmp.path().join(".public.old-4294967");
        fs::create_dir_all(stale.join("x")).expect("mkdir");
        let other = tmp.path().join(".other.old-4294967");
        fs::create_dir_all(&other).expect("mkdir");
        let notes = remove_stale_staging_with(tmp.path(), "public", |_| {
            Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "denied",
            ))
        });
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains(&stale.display().to_string()), "{notes:?}");
        assert!(notes[0].contains("process 4294967"), "{notes:?}");
        assert!(notes[0].contains("delete it by hand"), "{notes:?}");
        assert!(stale.exists() && other.exists());
        // With a working removal the folder goes, and another output's stays.
        assert!(remove_stale_staging(tmp.path(), "public").is_empty());
        assert!(!stale.exists() && other.exists());
    }

    use super::*;

    #[test]
    fn rejects_escaping_paths() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "a\\b", "", "a\0b"] {
            assert!(!safe_rel_path(bad), "{bad:?}");
        }
        assert!(safe_rel_path("nb/personvern/index.html"));
    }

    #[test]
    fn refuses_foreign_folder_and_keeps_it() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("site");
        fs::create_dir_all(&target).expect("mkdir");
        fs::write(target.join("precious.txt"), "keep").expect("write");
        let mut out = Output::new();
        out.insert("index.html".into(), b"x".to_vec());
        assert!(matches!(
            write_atomic(&out, &target, false),
            Err(WriteError::NotOurs(_))
        ));
        assert_eq!(
            fs::read_to_string(target.join("precious.txt"))
                .ok()
                .as_deref(),
            Some("keep")
        );
    }

    #[test]
    fn replaces_previous_output() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("a.html".into(), b"1".to_vec());
        write_atomic(&out, &target, false).expect("first write");
        let mut out2 = Output::new();
        out2.insert("b.html".into(), b"2".to_vec());
        write_atomic(&out2, &target, false).expect("second write");
        assert!(!target.join("a.html").exists());
        assert_eq!(fs::read(target.join("b.html")).ok(), Some(b"2".to_vec()));
        // No staging folders left behind.
        let leftovers: Vec<_> = fs::read_dir(tmp.path())
            .expect("ls")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty());
    }

    /// A file whose bytes are unchanged is the previous build's file (the
    /// same inode, so its date stays); a changed one is written anew; the
    /// previous output is gone either way and no file is left shared.
    #[cfg(unix)]
    #[test]
    fn an_unchanged_file_is_kept_and_a_changed_one_written() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("same/a.html".into(), b"same".to_vec());
        out.insert("b.html".into(), b"old".to_vec());
        out.insert("c.html".into(), b"abc".to_vec());
        write_atomic(&out, &target, false).expect("first write");
        let ino = |rel: &str| fs::metadata(target.join(rel)).expect("stat").ino();
        let before = (ino("same/a.html"), ino("b.html"), ino("c.html"));
        // Another file linked to c.html: it is not taken, as it is shared.
        fs::hard_link(target.join("c.html"), tmp.path().join("elsewhere")).expect("link");
        out.insert("b.html".into(), b"new".to_vec());
        write_atomic(&out, &target, false).expect("second write");
        assert_eq!(ino("same/a.html"), before.0, "unchanged: kept");
        assert_ne!(ino("b.html"), before.1, "changed: written");
        assert_ne!(ino("c.html"), before.2, "shared elsewhere: written");
        assert_eq!(fs::read(target.join("b.html")).ok(), Some(b"new".to_vec()));
        assert_eq!(fs::read(target.join("c.html")).ok(), Some(b"abc".to_vec()));
        for rel in ["same/a.html", "b.html", "c.html"] {
            let m = fs::metadata(target.join(rel)).expect("stat");
            assert_eq!(m.nlink(), 1, "{rel} is shared with the old output");
        }
        assert_eq!(
            fs::read(tmp.path().join("elsewhere")).ok(),
            Some(b"abc".to_vec())
        );
    }

    /// An output folder that holds exactly the output already is left as
    /// it is (the same folder, not replaced); anything else in it, or
    /// missing from it, or differing, makes the build replace it, which
    /// leaves exactly the output.
    #[cfg(unix)]
    #[test]
    fn a_folder_holding_exactly_the_output_is_left_as_it_is() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("a/b.html".into(), b"page".to_vec());
        out.insert("c.css".into(), b"css".to_vec());
        write_atomic(&out, &target, false).expect("first write");
        let folder = || fs::metadata(&target).expect("stat").ino();
        let first = folder();
        write_atomic(&out, &target, false).expect("again");
        assert_eq!(folder(), first, "nothing changed: the folder is kept");
        type Change = Box<dyn Fn(&Path)>;
        let changes: Vec<(&str, Change)> = vec![
            (
                "an extra file",
                Box::new(|t| fs::write(t.join("x.html"), "x").expect("w")),
            ),
            (
                "an empty folder",
                Box::new(|t| fs::create_dir(t.join("empty")).expect("mkdir")),
            ),
            (
                "a changed byte",
                Box::new(|t| fs::write(t.join("c.css"), "csS").expect("w")),
            ),
            (
                "a missing file",
                Box::new(|t| fs::remove_file(t.join("a/b.html")).expect("rm")),
            ),
            (
                "no marker",
                Box::new(|t| fs::write(t.join(MARKER), "").expect("w")),
            ),
            (
                "a link in place of a file",
                Box::new(|t| {
                    let p = t.join("c.css");
                    fs::rename(&p, t.join("../real.css")).expect("mv");
                    std::os::unix::fs::symlink(t.join("../real.css"), &p).expect("ln");
                }),
            ),
            (
                "a file shared with another path",
                Box::new(|t| {
                    let _ = fs::remove_file(t.join("../shared"));
                    fs::hard_link(t.join("c.css"), t.join("../shared")).expect("link")
                }),
            ),
        ];
        for (what, change) in changes {
            let before = folder();
            change(&target);
            write_atomic(&out, &target, false).expect(what);
            assert_ne!(folder(), before, "{what}: the folder is replaced");
            let mut files = Vec::new();
            collect_files(&target, &target, &mut files);
            files.sort();
            assert_eq!(files, [MARKER, "a/b.html", "c.css"], "{what}");
            assert_eq!(
                fs::read(target.join("c.css")).ok(),
                Some(b"css".to_vec()),
                "{what}"
            );
            let m = fs::symlink_metadata(target.join("c.css")).expect("stat");
            assert!(m.is_file() && m.nlink() == 1, "{what}");
            assert!(!target.join("empty").exists(), "{what}");
            // And the next build, with nothing changed, keeps it.
            let now = folder();
            write_atomic(&out, &target, false).expect(what);
            assert_eq!(folder(), now, "{what}: kept once it is the output");
        }
    }

    #[test]
    fn incremental_skips_unchanged() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let target = tmp.path().join("public");
        let mut out = Output::new();
        out.insert("a.html".into(), b"1".to_vec());
        out.insert("b.html".into(), b"1".to_vec());
        assert_eq!(write_incremental(&out, &target).ok(), Some(2));
        out.insert("b.html".into(), b"2".to_vec());
        assert_eq!(write_incremental(&out, &target).ok(), Some(1));
        out.remove("a.html");
        write_incremental(&out, &target).expect("third");
        assert!(!target.join("a.html").exists());
    }
}
