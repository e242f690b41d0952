//! The command line as a new user meets it: help in the order of use,
//! value names that say what to write, completions and a man page, the
//! folder a build wrote, the site's name in the summary, and the global
//! --quiet, --verbose and --color.

mod common;

use common::*;

fn both(o: &std::process::Output) -> String {
    stderr(o) + &stdout(o)
}

#[test]
fn help_lists_commands_in_the_order_a_user_needs_them() {
    let o = run(&["--help"], &repo());
    let out = stdout(&o);
    let order = [
        "init",
        "build",
        "check",
        "serve",
        "watch",
        "release",
        "diff",
        "cookie",
        "ropa",
        "schema",
        "completions",
        "man",
    ];
    let pos: Vec<usize> = order
        .iter()
        .map(|c| {
            out.find(&format!("\n  {c} "))
                .unwrap_or_else(|| panic!("{c} missing:\n{out}"))
        })
        .collect();
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{out}");
    for flag in ["--color <WHEN>", "--quiet", "--verbose"] {
        assert!(out.contains(flag), "{flag}: {out}");
    }
}

#[test]
fn value_names_say_what_to_write_and_defaults_are_not_doubled() {
    let o = run(&["release", "--help"], &repo());
    let out = stdout(&o);
    for v in [
        "--effective <DATE>",
        "--note-nb <TEXT>",
        "--note-en <TEXT>",
        "--version <VERSION>",
    ] {
        assert!(out.contains(v), "{v}: {out}");
    }
    for cmd in [
        "init", "build", "check", "serve", "watch", "release", "diff", "ropa",
    ] {
        let o = run(&[cmd, "--help"], &repo());
        let out = stdout(&o);
        assert!(!out.contains("(default: current folder)"), "{cmd}: {out}");
        assert_eq!(out.matches("[default: .]").count(), 1, "{cmd}: {out}");
    }
    let o = run(&["build", "--help"], &repo());
    assert!(stdout(&o).contains("--output <DIR>"), "{}", stdout(&o));
}

#[test]
fn completions_and_the_man_page_cover_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell], &repo());
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let out = stdout(&o);
        for cmd in ["init", "build", "check", "serve", "release", "completions"] {
            assert!(out.contains(cmd), "{shell} completes no {cmd}");
        }
    }
    let o = run(&["completions", "tcsh"], &repo());
    assert_eq!(o.status.code(), Some(2), "{}", both(&o));
    let o = run(&["man"], &repo());
    assert!(o.status.success());
    let man = stdout(&o);
    assert!(man.contains(".TH personvern 1"), "{man}");
    for cmd in [
        "personvern\\-build(1)",
        "personvern\\-check(1)",
        "personvern\\-serve(1)",
    ] {
        assert!(man.contains(cmd), "{cmd}: {man}");
    }
}

#[test]
fn build_names_the_folder_it_wrote() {
    let (_t, site) = starter();
    edit(
        &site,
        "personvern.toml",
        "output_dir = \"public\"",
        "output_dir = \"dist\"",
    );
    let o = run(&["build", "."], &site);
    assert!(o.status.success(), "{}", both(&o));
    assert!(site.join("dist/index.html").is_file());
    assert!(stderr(&o).contains("into ./dist in"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("public"), "{}", stderr(&o));
}

#[test]
fn the_summary_names_the_site_not_dot() {
    let (_t, site) = starter();
    let o = run(&["check", "."], &site);
    assert!(o.status.success(), "{}", both(&o));
    assert_eq!(stderr(&o).trim(), "site: no problems found");
}

#[test]
fn quiet_prints_errors_only() {
    let (_t, site) = starter();
    // A warning only: quiet prints nothing and succeeds.
    edit(
        &site,
        "content/cookies.toml",
        "activity = \"statistics\"\n",
        "",
    );
    let o = run(&["--quiet", "check", "."], &site);
    assert!(o.status.success(), "{}", both(&o));
    assert_eq!(both(&o), "");
    let o = run(&["build", ".", "-q"], &site);
    assert!(o.status.success(), "{}", both(&o));
    assert_eq!(both(&o), "");
    // Without --quiet the warning is there.
    let o = run(&["check", "."], &site);
    assert!(
        stderr(&o).contains("warning[cookie-unlinked]"),
        "{}",
        both(&o)
    );
    // An error is printed even with --quiet, and the warning is not.
    edit(
        &site,
        "content/processing.toml",
        "legal_basis = \"consent\"",
        "legal_basis = \"consnet\"",
    );
    let o = run(&["check", ".", "--quiet"], &site);
    assert_eq!(o.status.code(), Some(1));
    let out = both(&o);
    assert!(out.contains("error[invalid-value]"), "{out}");
    assert!(!out.contains("warning["), "{out}");
}

#[test]
fn waived_findings_are_one_line_unless_verbose() {
    let o = run(&["check", "example-site"], &repo());
    let out = stderr(&o);
    assert!(o.status.success(), "{out}");
    assert!(!out.contains("waived because"), "{out}");
    assert!(
        out.contains("note: 2 findings waived (cookie-unlinked, cookie-without-consent); --verbose shows them with the reasons"),
        "{out}"
    );
    let o = run(&["check", "example-site", "--verbose"], &repo());
    let out = stderr(&o);
    assert_eq!(out.matches("waived because").count(), 2, "{out}");
    assert!(!out.contains("--verbose shows"), "{out}");
}

#[test]
fn color_always_and_never_override_the_terminal_test() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "legal_basis = \"consent\"",
        "legal_basis = \"consnet\"",
    );
    // run() sets NO_COLOR and pipes stderr: auto means no colour.
    let o = run(&["check", "."], &site);
    assert!(!stderr(&o).contains("\x1b["), "{}", stderr(&o));
    let o = run(&["check", ".", "--color", "always"], &site);
    assert!(stderr(&o).contains("\x1b["), "{}", stderr(&o));
    let o = run(&["check", ".", "--color", "never"], &site);
    assert!(!stderr(&o).contains("\x1b["), "{}", stderr(&o));
}
