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
    // Archived pages are the releases' frozen pages: a broken template
    // made later does not reach them, so no error names a snapshot.
    assert!(!text.contains("history/1.0.toml"), "{text}");
    // A release without frozen pages is rendered from its snapshot: then
    // the error names the snapshot.
    fs::remove_dir_all(site.join("history/1.0")).expect("rm");
    let text = match personvern::compile(&site) {
        Ok(_) => panic!("a template with an unknown variable compiled"),
        Err(r) => r.render(false),
    };
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

// ---------------------------------------------------------------------------
// 2. Staging folders left by a killed build
// ---------------------------------------------------------------------------

/// The pid of a process that has ended.
fn dead_pid() -> u32 {
    let mut c = std::process::Command::new("true")
        .spawn()
        .expect("spawn true");
    let pid = c.id();
    c.wait().expect("wait");
    pid
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn stale_staging_folders_of_a_killed_build_are_removed() {
    let (tmp, site) = example_copy();
    let out = tmp.path().join("out");
    let public = out.join("public");
    fs::create_dir_all(&out).expect("mkdir");
    let dead = dead_pid();
    assert!(!Path::new(&format!("/proc/{dead}")).exists());
    let mut sleeper = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("spawn sleep");
    let live = sleeper.id();
    let mk = |name: &str| {
        let d = out.join(name);
        fs::create_dir_all(d.join("nb/personvern")).expect("mkdir");
        fs::write(d.join("nb/personvern/index.html"), "half").expect("write");
        d
    };
    let stale_tmp = mk(&format!(".public.tmp-{dead}"));
    let stale_old = mk(&format!(".public.old-{dead}"));
    let running = mk(&format!(".public.tmp-{live}"));
    let live_dir = mk(&format!(".public.old-{live}"));
    let other = mk(&format!(".other.tmp-{dead}"));
    let not_pid = mk(".public.tmp-12ab");
    // A link named like a staging folder is not followed or removed.
    let target = tmp.path().join("keep");
    fs::create_dir_all(&target).expect("mkdir");
    fs::write(target.join("precious"), "x").expect("write");
    let link = out.join(format!(".public.old-{}", dead_pid()));
    std::os::unix::fs::symlink(&target, &link).expect("symlink");

    let opts = personvern::BuildOptions {
        output: Some(public.clone()),
        ..personvern::BuildOptions::default()
    };
    let report = personvern::build_with(&site, &opts)
        .map_err(|r| r.render(false))
        .expect("build");
    assert!(public.join("nb/personvern/index.html").exists());
    assert!(!stale_tmp.exists(), "stale .public.tmp-<dead pid> was left");
    assert!(!stale_old.exists(), "stale .public.old-<dead pid> was left");
    let _ = sleeper.kill();
    let _ = sleeper.wait();
    assert!(
        running.exists(),
        "the folder of a running build was removed"
    );
    assert!(
        live_dir.exists(),
        "the folder of a running process was removed"
    );
    assert!(
        other.exists(),
        "another output's staging folder was removed"
    );
    assert!(not_pid.exists(), "a folder without a pid was removed");
    assert!(
        target.join("precious").exists(),
        "a link's target was removed"
    );
    assert!(fs::symlink_metadata(&link).is_ok(), "a link was removed");
    assert!(
        !report
            .diagnostics
            .items
            .iter()
            .any(|d| d.code == "leftover-folder"),
        "{}",
        report.render(false)
    );
}

#[test]
fn a_stale_staging_folder_that_cannot_be_removed_is_a_warning() {
    if is_root() {
        eprintln!("note: skipped, running as root: permissions cannot stop a removal");
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let (tmp, site) = example_copy();
    let out = tmp.path().join("out");
    let stale = out.join(format!(".public.tmp-{}", dead_pid()));
    fs::create_dir_all(stale.join("locked/inner")).expect("mkdir");
    fs::write(stale.join("locked/inner/f"), "x").expect("write");
    fs::set_permissions(stale.join("locked"), fs::Permissions::from_mode(0o500)).expect("chmod");
    let r = run(
        &[
            "build",
            site.to_str().expect("p"),
            "-o",
            out.join("public").to_str().expect("p"),
        ],
        tmp.path(),
    );
    fs::set_permissions(stale.join("locked"), fs::Permissions::from_mode(0o700)).expect("chmod");
    let err = stderr(&r);
    assert_eq!(r.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[leftover-folder]"), "{err}");
    assert!(err.contains(&stale.display().to_string()), "{err}");
}

// ---------------------------------------------------------------------------
// 3. Unreadable folders are errors, not silent skips
// ---------------------------------------------------------------------------

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn an_unreadable_folder_under_content_is_an_error() {
    if is_root() {
        eprintln!("note: skipped, running as root: every folder is readable");
        return;
    }
    let (_tmp, site) = example_copy();
    let sub = site.join("content/more");
    fs::create_dir_all(&sub).expect("mkdir");
    fs::write(
        sub.join("x.toml"),
        "[data_subjects.extra]\nname = { nb = \"a\", en = \"a\" }\n",
    )
    .expect("write");
    chmod(&sub, 0o000);
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    chmod(&sub, 0o755);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("error[io]"), "{err}");
    assert!(
        err.contains("cannot read") && err.contains("content/more/"),
        "{err}"
    );
}

#[test]
fn an_unreadable_content_folder_says_so() {
    if is_root() {
        eprintln!("note: skipped, running as root: every folder is readable");
        return;
    }
    let (_tmp, site) = example_copy();
    chmod(&site.join("content"), 0o000);
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    chmod(&site.join("content"), 0o755);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot read") && err.contains("content/"),
        "{err}"
    );
    assert!(!err.contains("no [controller] table"), "{err}");
}

/// What root cannot be stopped from reading, a file in content's place can
/// show: content/ that is not a folder, or a folder nested too deep, is an
/// error, never skipped in silence.
#[test]
fn content_that_is_not_a_folder_or_nested_too_deep_is_an_error() {
    let (_tmp, site) = example_copy();
    let deep = site.join("content/a/b/c/d/e");
    fs::create_dir_all(&deep).expect("mkdir");
    fs::write(deep.join("x.toml"), "# nothing\n").expect("write");
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[io]") && err.contains("content/a/b/c/d/e"),
        "{err}"
    );

    let (_tmp2, site) = example_copy();
    fs::remove_dir_all(site.join("content")).expect("rm");
    fs::write(site.join("content"), "not a folder").expect("write");
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("cannot read") && err.contains("content/"),
        "{err}"
    );
    assert!(!err.contains("no [controller] table"), "{err}");
}

// ---------------------------------------------------------------------------
// 4. Every diagnostic has a position, on one line, without raw controls
// ---------------------------------------------------------------------------

/// `check --format json` and `--format short` on `site`: the diagnostics.
fn json_and_short(site: &Path) -> (Vec<serde_json::Value>, String) {
    let out = run(
        &["check", "--format", "json", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&out)));
    let short = run(
        &["check", "--format", "short", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    (
        v["diagnostics"].as_array().cloned().unwrap_or_default(),
        stderr(&short) + &stdout(&short),
    )
}

#[test]
fn every_diagnostic_has_a_file_and_line_in_json() {
    // not-utf8, unknown-theme, empty-file: the ones that had none.
    type Make = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Make)> = vec![
        (
            "not-utf8",
            Box::new(|s: &Path| {
                fs::write(
                    s.join("content/latin1.toml"),
                    b"# ok\nname = \"Troms\xf8\"\n",
                )
                .expect("write")
            }),
        ),
        (
            "unknown-theme",
            Box::new(|s: &Path| {
                let p = s.join("personvern.toml");
                let t = fs::read_to_string(&p).expect("read");
                let t: String = t
                    .lines()
                    .map(|l| {
                        if l.starts_with("theme") {
                            "theme = \"nope\"\n".to_string()
                        } else {
                            format!("{l}\n")
                        }
                    })
                    .collect();
                assert!(t.contains("theme = \"nope\""));
                fs::write(p, t).expect("write");
            }),
        ),
        (
            "empty-file",
            Box::new(|s: &Path| fs::write(s.join("content/empty.toml"), "").expect("write")),
        ),
    ];
    for (code, make) in cases {
        let (_tmp, site) = example_copy();
        make(&site);
        let (diags, short) = json_and_short(&site);
        let d = diags
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {diags:?}"));
        for d in &diags {
            assert!(d["file"].is_string(), "{code}: no file: {d}");
            assert!(
                d["line"].as_u64().is_some_and(|l| l >= 1),
                "{code}: no line: {d}"
            );
            assert!(
                d["column"].as_u64().is_some_and(|c| c >= 1),
                "{code}: no column: {d}"
            );
            let m = d["message"].as_str().unwrap_or("");
            assert!(!m.contains('\n') && !m.contains('\r'), "{code}: {m:?}");
        }
        if code == "not-utf8" {
            assert_eq!(d["line"], 2, "{d}");
            assert_eq!(d["column"], 14, "{d}");
        }
        if code == "unknown-theme" {
            assert!(
                d["file"]
                    .as_str()
                    .unwrap_or("")
                    .ends_with("personvern.toml"),
                "{d}"
            );
        }
        // --format short: one line per diagnostic, each with path:line:col.
        for l in short
            .lines()
            .filter(|l| l.contains("error[") || l.contains("warning["))
        {
            let head = l.split(": ").next().unwrap_or("");
            assert!(
                head.rsplit(':').take(2).all(|n| n.parse::<usize>().is_ok()),
                "{code}: a short line without line and column: {l}"
            );
        }
    }
}

#[test]
fn terminal_output_escapes_bidi_and_control_characters() {
    let (_tmp, site) = example_copy();
    // An unknown reference whose id holds a bidi override, an escape
    // sequence and a carriage return (TOML escapes, so the file is valid).
    let id = "a\\u202Eevil\\u001B[2J\\r";
    replace_line(
        &site,
        "history/3.0.toml",
        0,
        "recipients = [\"newsletter\"]",
        &format!("recipients = [\"{id}\"]"),
    );
    fs::write(
        site.join("content/bidi.toml"),
        "[data_subjects.x\u{202E}y]\nname = { nb = \"a\", en = \"b\" }\n",
    )
    .expect("write");
    for format in ["human", "short", "json"] {
        let out = run(
            &["check", "--format", format, site.to_str().expect("p")],
            site.parent().expect("p"),
        );
        let all = stderr(&out) + &stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{all}");
        for bad in ['\u{202E}', '\u{1B}', '\r'] {
            assert!(!all.contains(bad), "{format}: raw {bad:?} in:\n{all}");
        }
        assert!(
            all.contains("\\u{202E}"),
            "{format}: not shown escaped:\n{all}"
        );
    }
}

// ---------------------------------------------------------------------------
// 5. Bounded resources
// ---------------------------------------------------------------------------

#[test]
fn a_long_line_with_many_carriage_returns_gives_bounded_output() {
    let (_tmp, site) = example_copy();
    let mut t = String::from("[data_subjects.x]\nname = { nb = \"");
    for _ in 0..1000 {
        t.push_str(&"a".repeat(100));
        t.push('\r');
    }
    t.push_str("\", en = \"b\" }\n");
    assert!(t.len() > 100_000);
    fs::write(site.join("content/cr.toml"), &t).expect("write");
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("error[toml-syntax]"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.len() < 64 * 1024,
        "check printed {} bytes for one 101 kB file",
        err.len()
    );
    // The parser's recovery finds errors that follow from the first: only
    // the first is shown.
    assert_eq!(err.matches("error[toml-syntax]").count(), 1, "{err}");
    for l in err.lines() {
        assert!(l.chars().count() < 600, "a line of {} characters", l.len());
    }
}

#[test]
fn a_text_field_longer_than_the_limit_is_an_error_at_its_position() {
    let (_tmp, site) = example_copy();
    let body = "_a_ ".repeat(1_000_000);
    fs::write(
        site.join("content/long.toml"),
        format!("[sections.long]\ntitle = {{ nb = \"T\", en = \"T\" }}\nbody = {{ nb = \"{body}\", en = \"x\" }}\n"),
    )
    .expect("write");
    let t = std::time::Instant::now();
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let secs = t.elapsed().as_secs_f64();
    let err = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("at most 10000 characters"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("content/long.toml:3:"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(err.len() < 8 * 1024, "{} bytes of output", err.len());
    assert!(secs < 20.0, "took {secs:.1} s");
    // A text at the limit is fine.
    let ok = "a".repeat(personvern::model::MAX_TEXT_CHARS);
    fs::write(
        site.join("content/long.toml"),
        format!("[sections.long]\ntitle = {{ nb = \"T\", en = \"T\" }}\nbody = {{ nb = \"{ok}\", en = \"x\" }}\n"),
    )
    .expect("write");
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    assert!(!stderr(&out).contains("at most 10000"), "{}", stderr(&out));
}

#[test]
fn too_many_files_or_entities_are_refused_clearly() {
    let (_tmp, site) = example_copy();
    let many = site.join("content/many");
    fs::create_dir_all(&many).expect("mkdir");
    for i in 0..=personvern::load::MAX_CONTENT_FILES {
        fs::write(many.join(format!("f{i}.toml")), "# empty\n").expect("write");
    }
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[input-too-large]") && err.contains("at most 1000"),
        "{err}"
    );
    fs::remove_dir_all(&many).expect("rm");

    let mut t = String::new();
    for i in 0..=personvern::load::MAX_ENTITIES {
        t.push_str(&format!(
            "[data_subjects.s{i}]\nlabel = {{ nb = \"a\", en = \"b\" }}\n"
        ));
    }
    fs::write(site.join("content/subjects.toml"), t).expect("write");
    let out = run(
        &["check", site.to_str().expect("p")],
        site.parent().expect("p"),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[input-too-large]") && err.contains("entities"),
        "{err}"
    );
}
