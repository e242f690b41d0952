//! Helpers shared by the integration tests: run the real binary on sites
//! copied into temporary folders.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_personvern"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The render cache of the binaries the tests run: a folder in the
/// temporary directory, not the user's ~/.cache/personvern. Shared by
/// concurrent tests, which is safe: entries are keyed by all their inputs
/// and replaced atomically.
pub fn test_cache() -> PathBuf {
    std::env::temp_dir().join("personvern-test-cache")
}

pub fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PERSONVERN_CACHE_DIR", test_cache())
        .output()
        .expect("the personvern binary runs")
}

/// Starts the binary with its output piped (read it on threads, so a
/// chatty child cannot block on a full pipe) and no input.
pub fn spawn_piped(args: &[&str], cwd: &Path) -> std::process::Child {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PERSONVERN_CACHE_DIR", test_cache())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the personvern binary starts")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    for e in fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let p = e.path();
        let name = e.file_name();
        if name == "public" {
            continue;
        }
        if p.is_dir() {
            copy_dir(&p, &to.join(&name));
        } else {
            fs::copy(&p, to.join(&name)).expect("copy");
        }
    }
}

/// A temporary copy of the built-in starter site (`content/starter`), as
/// `init` writes it: it still holds the example values, so `check` warns
/// `starter-data`.
pub fn raw_starter() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content/starter"), &site);
    (tmp, site)
}

/// The starter site as a user has made it their own: the example domain
/// `example.no` replaced by `eksempelbedrift.no` and the name `Eksempel AS`
/// by `Eksempelbedrift AS`, so it is clean (no `starter-data`).
pub fn starter() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = raw_starter();
    for rel in ["personvern.toml", "content/organisation.toml"] {
        let p = site.join(rel);
        let s = fs::read_to_string(&p).expect("read");
        let s = s
            .replace("example.no", "eksempelbedrift.no")
            .replace("\"Eksempel AS\"", "\"Eksempelbedrift AS\"");
        fs::write(&p, s).expect("write");
    }
    (tmp, site)
}

/// Replaces `from` by `to` in a file of the site; panics if `from` is absent,
/// so a test cannot silently test nothing.
pub fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let p = site.join(rel);
    let s = fs::read_to_string(&p).expect("read");
    assert!(s.contains(from), "{rel} does not contain {from:?}");
    fs::write(&p, s.replacen(from, to, 1)).expect("write");
}

pub fn append(site: &Path, rel: &str, text: &str) {
    let p = site.join(rel);
    let mut s = fs::read_to_string(&p).unwrap_or_default();
    s.push_str(text);
    fs::write(&p, s).expect("write");
}

/// All files under a folder, relative path -> bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, d: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(d).expect("read_dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("prefix")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// 1-based line number of the first line of a site file containing `needle`.
pub fn line_of(site: &Path, rel: &str, needle: &str) -> usize {
    let s = fs::read_to_string(site.join(rel)).expect("read");
    s.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("{rel} has no line containing {needle:?}"))
}

/// Runs the binary with `PERSONVERN_TODAY` set, so release dates are fixed.
pub fn run_on(day: &str, args: &[&str], cwd: &Path) -> Output {
    Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PERSONVERN_CACHE_DIR", test_cache())
        .env("PERSONVERN_TODAY", day)
        .output()
        .expect("the personvern binary runs")
}

/// Builds a site into its `public/` with `--no-minify`; panics with the
/// diagnostics if the build fails.
pub fn build_unminified(site: &Path) {
    let o = run(
        &["build", site.to_str().expect("utf-8 path"), "--no-minify"],
        site,
    );
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

/// A built page (`public/<rel>`) with whitespace collapsed, so that
/// sentences, not line breaks, are compared.
pub fn page_text(site: &Path, rel: &str) -> String {
    let html = fs::read_to_string(site.join("public").join(rel)).expect("page");
    html.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sets `[document] version` and `effective_date` in
/// `content/organisation.toml`: `personvern release` takes both from there.
pub fn set_document(site: &Path, version: &str, effective: &str) {
    let p = site.join("content/organisation.toml");
    let s = fs::read_to_string(&p).expect("read");
    let mut out = String::new();
    let mut in_doc = false;
    for line in s.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_doc = t.starts_with("[document]");
        }
        if in_doc && t.starts_with("version =") {
            out.push_str(&format!("version = \"{version}\"\n"));
        } else if in_doc && t.starts_with("effective_date =") {
            out.push_str(&format!("effective_date = {effective}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    fs::write(&p, out).expect("write");
}

/// TOML as JSON, dates as strings (as editors' schema validators see them).
pub fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::json!(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}
