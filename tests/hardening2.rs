//! Hardening, round 2: snapshots with unknown ids, render errors in plain
//! words, stale staging folders, unreadable folders, one-line diagnostics
//! with positions, bounded input, and a mutation fuzz over every input file.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};

/// A copy of the example site in a temporary folder.
fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    (tmp, site)
}

/// Replaces the line of `rel` that starts with `from` (its first match
/// after line `after`) by `to`; returns its 1-based number.
fn replace_line(site: &Path, rel: &str, after: usize, from: &str, to: &str) -> usize {
    let path = site.join(rel);
    let text = fs::read_to_string(&path).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let i = lines
        .iter()
        .enumerate()
        .position(|(i, l)| i >= after && l.starts_with(from))
        .unwrap_or_else(|| panic!("no line starting with {from:?} in {rel}"));
    lines[i] = to.to_string();
    fs::write(&path, lines.join("\n") + "\n").expect("write");
    i + 1
}

// ---------------------------------------------------------------------------
// 1. Snapshots that refer to unknown ids; render errors in plain words
// ---------------------------------------------------------------------------

fn snapshot_unknown_id(id: &str) {
    let (_tmp, site) = example_copy();
    let line = replace_line(
        &site,
        "history/3.0.toml",
        0,
        "recipients = [\"newsletter\"]",
        &format!("recipients = [\"{id}\"]"),
    );
    for cmd in ["check", "build"] {
        let out = run(
            &[cmd, site.to_str().expect("path")],
            site.parent().expect("p"),
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        assert!(!err.contains("panicked"), "{cmd} panicked:\n{err}");
        assert!(
            !err.contains("Error {"),
            "{cmd} printed a debug dump:\n{err}"
        );
        assert!(
            err.contains("error[unknown-reference]"),
            "{cmd}: no unknown-reference error:\n{err}"
        );
        assert!(
            err.contains(&format!("history/3.0.toml:{line}:15")),
            "{cmd}: the error does not name the snapshot, line {line}, column 15:\n{err}"
        );
        assert!(err.contains(&format!("`{id}`")), "{cmd}: {err}");
    }
    let out = run(
        &["check", "--format", "json", site.to_str().expect("path")],
        site.parent().expect("p"),
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("check --format json prints JSON");
    let d = v
        .as_array()
        .into_iter()
        .flatten()
        .chain(v["diagnostics"].as_array().into_iter().flatten())
        .find(|d| d["code"] == "unknown-reference")
        .unwrap_or_else(|| panic!("no unknown-reference in {v}"));
    assert_eq!(d["line"], line);
    assert_eq!(d["column"], 15);
}

#[test]
fn snapshot_with_a_non_ascii_unknown_id_is_an_error_not_a_panic() {
    snapshot_unknown_id("ø");
}

#[test]
fn snapshot_with_an_ascii_unknown_id_is_an_error_with_a_location() {
    snapshot_unknown_id("nope");
}

#[test]
fn render_errors_name_the_template_in_plain_words() {
    let (_tmp, site) = example_copy();
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(site.join("templates/privacy.html"), "{{ nope.x }}\n").expect("write");
    let r = match personvern::compile(&site) {
        Ok(_) => panic!("a template with an unknown variable compiled"),
        Err(r) => r,
    };
    let text = r.render(false);
    let render: Vec<_> = r
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code == "render")
        .collect();
    assert!(!render.is_empty(), "no error[render]:\n{text}");
    for d in render {
        assert!(
            d.message.contains("template `privacy.html`"),
            "the message does not name the template: {}",
            d.message
        );
        assert!(d.message.contains("nope.x"), "{}", d.message);
        assert!(
            !d.message.contains("Error {") && !d.message.contains("kind: Msg"),
            "a debug dump: {}",
            d.message
        );
        assert!(!d.message.contains('\n'), "{}", d.message);
        assert!(d.help.is_some());
    }
    // Archived pages are rendered from snapshots: their errors name them.
    assert!(text.contains("history/1.0.toml"), "{text}");
}

#[test]
fn a_template_lookup_by_a_non_ascii_key_is_an_error_not_a_panic() {
    let (_tmp, site) = example_copy();
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(
        site.join("templates/privacy.html"),
        "{{ by_id.recipients[\"ø\"].x }}\n",
    )
    .expect("write");
    let out = run(
        &["check", site.to_str().expect("path")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("error[render]"), "{err}");
    assert!(err.contains("template `privacy.html`"), "{err}");
}
