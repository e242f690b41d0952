//! Translation completeness of site locale overrides.

mod common;
use common::*;
use std::fs;

fn with_ftl(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    for (lang, text) in files {
        fs::create_dir_all(site.join("locales").join(lang)).expect("mkdir");
        fs::write(site.join("locales").join(lang).join("site.ftl"), text).expect("write");
    }
    (t, site)
}

fn check(site: &std::path::Path) -> (Option<i32>, String) {
    let o = run(&["check", "site"], site.parent().expect("parent"));
    (o.status.code(), stderr(&o))
}

#[test]
fn message_missing_in_one_language() {
    let (_t, site) = with_ftl(&[("nb", "summary-extra = Ekstra\n")]);
    let (code, err) = check(&site);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "error[translation-missing]: message `summary-extra` exists in `nb` but not in `en`"
        ),
        "{err}"
    );
    assert!(err.contains("locales/nb/site.ftl:1:1"), "{err}");
}

#[test]
fn variables_must_match() {
    let (_t, site) = with_ftl(&[(
        "en",
        "summary-who-text = { $organisation } is responsible.\n",
    )]);
    let (code, err) = check(&site);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error[translation-variables]"), "{err}");
    assert!(
        err.contains("{ $org }") && err.contains("{ $organisation }"),
        "{err}"
    );
}

#[test]
fn identical_text_is_probably_untranslated() {
    let (_t, site) = with_ftl(&[("nb", "summary-heading = In short\n")]);
    let (code, err) = check(&site);
    assert_eq!(code, Some(0), "a warning only: {err}");
    assert!(err.contains("warning[translation-identical]: message `summary-heading` is identical in `nb` and `en`"), "{err}");
}

#[test]
fn unused_site_messages_are_reported() {
    let (_t, site) = with_ftl(&[
        ("nb", "summry-heading = Kort\n"),
        ("en", "summry-heading = Briefly\n"),
    ]);
    let (_, err) = check(&site);
    assert!(
        err.contains(
            "warning[message-unused]: message `summry-heading` is not used by any template"
        ),
        "{err}"
    );
}

#[test]
fn fluent_syntax_errors_point_into_the_file() {
    let (_t, site) = with_ftl(&[("nb", "ok = Fint\nbroken = { $x\n")]);
    let (code, err) = check(&site);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error[ftl-syntax]") && err.contains("locales/nb/site.ftl:"),
        "{err}"
    );
}

#[test]
fn correct_overrides_are_clean() {
    let (_t, site) = with_ftl(&[
        ("nb", "summary-heading = Det viktigste\n"),
        ("en", "summary-heading = The essentials\n"),
    ]);
    let (code, err) = check(&site);
    assert_eq!(code, Some(0));
    assert!(err.contains("no problems found"), "{err}");
}
