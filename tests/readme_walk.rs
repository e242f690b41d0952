//! Differences found by walking README.md top to bottom as a new user, each
//! kept fixed by a test.

mod common;

use common::*;
use std::io::Read;
use std::process::{Command, Stdio};

/// README: `cookie add` fills in a cookie "with the Norwegian purpose marked
/// as still to be written". `check` warns about the placeholder (so
/// `check --deny-warnings`, the deploy gate, refuses it), and is clean once
/// the text is written.
#[test]
fn a_placeholder_from_cookie_add_is_reported_until_written() {
    let (_t, site) = starter();
    let s = site.to_str().expect("utf-8 path");
    let o = run(&["cookie", "add", "_ga", s], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["check", s, "--deny-warnings"], &site);
    let out = stderr(&o) + &stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let placeholders: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("warning[placeholder-text]"))
        .collect();
    assert_eq!(placeholders.len(), 1, "{out}");
    assert!(
        placeholders[0].contains("[cookies.ga] purpose: the `nb` text is still a placeholder"),
        "{out}"
    );
    assert!(!out.contains("error["), "{out}");
    let line = line_of(&site, "content/cookies.toml", "TODO: skriv");
    assert!(
        out.contains(&format!("content/cookies.toml:{line}:")),
        "{out}"
    );

    edit(
        &site,
        "content/cookies.toml",
        "TODO: skriv formålet på norsk",
        "Skiller besøkende fra hverandre i statistikken.",
    );
    let o = run(&["check", s], &site);
    let out = stderr(&o) + &stdout(&o);
    assert!(o.status.success(), "{out}");
    assert!(!out.contains("placeholder"), "{out}");
}

/// `personvern check --format json | head -1` ends quietly: no panic
/// message when the reader closes the pipe early.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(bin())
        .args(["check", "example-site", "--format", "json"])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .env("PERSONVERN_CACHE_DIR", test_cache())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    // Close the pipe before the child writes, as `head` does once it has
    // read enough.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read stderr");
    let status = child.wait().expect("wait");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert_ne!(status.code(), Some(101), "{err}");
}
