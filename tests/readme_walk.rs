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

/// `cookie add` (issue 19): the id comes from the pattern, so `_ga_*` does
/// not take the `ga` of `_ga`; a cookie declared already is refused; the
/// provider is filled in when one declared recipient names the database's
/// platform, and left as a comment when several name its controller; and
/// the snippet says the values are the database's own.
#[test]
fn cookie_add_picks_a_free_id_and_the_provider() {
    let t = tempfile::tempdir().expect("tempdir");
    let site = t.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let s = site.to_str().expect("utf-8 path");
    // The example declares _ga and _ga_* already.
    let o = run(&["cookie", "add", "_ga_*", s], &site);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("`_ga_*` is declared already, as [cookies."),
        "{}",
        stderr(&o)
    );
    // _gid: Google Analytics, a recipient of the example.
    let o = run(&["cookie", "add", "_gid", s], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    let snippet = stdout(&o);
    assert!(
        snippet.contains("[cookies.gid]\nname = \"_gid\"\nprovider = \"google-analytics\"\n"),
        "{snippet}"
    );
    assert!(
        stderr(&o).contains("provider = \"google-analytics\""),
        "{}",
        stderr(&o)
    );
    assert!(
        snippet.contains("the database's own values, unchanged"),
        "{snippet}"
    );
    // NID (platform and controller "Google"): two recipients are named
    // Google, so none is chosen and both are listed.
    let o = run(&["cookie", "add", "NID", s], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("# provider = \"…\""), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("Several declared recipients match")
            && err.contains("google-analytics")
            && err.contains("google-ads"),
        "{err}"
    );
    // The additions load; the one error is the provider left to choose for
    // the third-party NID.
    let o = run(&["check", s], &site);
    let out = stderr(&o) + &stdout(&o);
    let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        errors,
        ["error[cookie-provider-undeclared]: [cookies.nid] is a third-party cookie but names no provider"],
        "{out}"
    );

    // In the starter, `_ga_ABC123` (the wildcard entry `_ga_`) after `_ga`.
    let (_t2, starter) = starter();
    let s2 = starter.to_str().expect("utf-8 path");
    assert!(run(&["cookie", "add", "_ga", s2], &starter)
        .status
        .success());
    let o = run(&["cookie", "add", "_ga_ABC123", s2], &starter);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("[cookies.ga-star]\nname = \"_ga_*\""),
        "{}",
        stdout(&o)
    );
    let o = run(&["cookie", "add", "_gid", s2, "--id", "ga"], &starter);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[cookies.ga] already exists"),
        "{}",
        stderr(&o)
    );
}
