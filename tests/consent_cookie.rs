//! `[cookie_policy] consent_cookie`: the declared cookie the consent banner
//! stores its choice in. Accepted when it names a strictly necessary
//! first-party HTTP cookie with an exact name and a lifetime; each other
//! case is one error at the value, with the fix.

mod common;

use common::*;

const FILE: &str = "content/cookies.toml";

fn check_with(value: &str, extra: &str) -> (String, usize) {
    let (_t, site) = starter();
    edit(
        &site,
        FILE,
        "consent_cookie = \"consent\"",
        &format!("consent_cookie = {value}"),
    );
    if !extra.is_empty() {
        append(&site, FILE, extra);
    }
    let line = line_of(&site, FILE, "consent_cookie =");
    let o = run(&["check", site.to_str().expect("utf-8 path")], &site);
    let mut out = stderr(&o);
    out.push_str(&stdout(&o));
    (out, line)
}

fn errors(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("error[")).collect()
}

#[test]
fn the_starter_names_its_consent_cookie_and_passes() {
    let (out, _) = check_with("\"consent\"", "");
    assert!(errors(&out).is_empty(), "{out}");
    assert!(!out.contains("consent_cookie"), "{out}");
}

#[test]
fn an_undeclared_cookie_is_one_unknown_reference() {
    let (out, line) = check_with("\"consnet\"", "");
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{out}");
    assert!(errs[0].starts_with("error[unknown-reference]"), "{out}");
    assert!(out.contains(&format!("cookies.toml:{line}:18")), "{out}");
    assert!(out.contains("did you mean `consent`?"), "{out}");
}

#[test]
fn a_cookie_that_needs_consent_cannot_store_the_consent() {
    let (out, line) = check_with("\"stats\"", "");
    let errs = errors(&out);
    assert_eq!(errs.len(), 1, "{out}");
    assert!(
        errs[0].contains("the cookie `stats` is not in the strictly_necessary category"),
        "{out}"
    );
    assert!(out.contains(&format!("cookies.toml:{line}:18")), "{out}");
    assert!(
        out.contains("help: name the strictly necessary first-party HTTP cookie"),
        "{out}"
    );
}

#[test]
fn a_pattern_or_a_session_cookie_is_refused() {
    let pattern = "\n[cookies.pattern]\nname = \"cc_*\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"Samtykke.\", en = \"Consent.\" }\nduration = \"P6M\"\n";
    let (out, _) = check_with("\"pattern\"", pattern);
    assert_eq!(errors(&out).len(), 1, "{out}");
    assert!(out.contains("has a pattern for a name"), "{out}");

    let session = "\n[cookies.sess]\nname = \"cc\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"Samtykke.\", en = \"Consent.\" }\nduration = \"session\"\n";
    let (out, _) = check_with("\"sess\"", session);
    assert_eq!(errors(&out).len(), 1, "{out}");
    assert!(out.contains("is a session cookie"), "{out}");
}
