//! Every kind of bad input fails the build with a diagnostic that names the
//! file, line and column and gives a hint, and leaves earlier output alone.

mod common;
use common::*;

/// Runs `check` and returns stderr, asserting exit status 1.
fn check_fails(site: &std::path::Path) -> String {
    let o = run(
        &["check", site.to_str().expect("utf-8 path")],
        site.parent().expect("parent"),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "check should fail:\n{err}");
    err
}

#[test]
fn starter_site_is_clean() {
    let (_t, site) = starter();
    let o = run(&["check", "site"], site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("no problems found"), "{}", stderr(&o));
}

#[test]
fn unknown_key_names_file_line_column_and_suggests() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "purposes = [{ nb = \"Svare",
        "purpose = [{ nb = \"Svare",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[unknown-key]"), "{err}");
    assert!(err.contains("unknown key `purpose`"), "{err}");
    let line = line_of(&site, "content/processing.toml", "purpose = [");
    assert!(
        err.contains(&format!("content/processing.toml:{line}:1")),
        "{err}"
    );
    assert!(err.contains("help: did you mean `purposes`?"), "{err}");
}

#[test]
fn wrong_type_is_reported() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "version = \"1.0\"",
        "version = 1.0",
    );
    let err = check_fails(&site);
    assert!(
        err.contains("error[wrong-type]") || err.contains("error[invalid-value]"),
        "{err}"
    );
    let line = line_of(&site, "content/organisation.toml", "version = 1.0");
    assert!(
        err.contains(&format!("content/organisation.toml:{line}:11")),
        "{err}"
    );
}

#[test]
fn unknown_reference_points_at_the_id() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provder\"]",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[unknown-reference]"), "{err}");
    assert!(
        err.contains("`email-provder`, which is not declared in [recipients]"),
        "{err}"
    );
    assert!(
        err.contains("help: did you mean `email-provider`?"),
        "{err}"
    );
    assert!(
        err.contains("^^^^^^^^^^^^^^^"),
        "the id is underlined: {err}"
    );
}

#[test]
fn missing_translation_is_an_error() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        ", en = \"Usage data\" }",
        " }",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[missing-translation]"), "{err}");
    assert!(err.contains("label has no `en` text"), "{err}");
    assert!(err.contains("help: add en = \"…\""), "{err}");
}

#[test]
fn plain_string_where_localized_text_is_needed() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "label = { nb = \"Bruksdata\", en = \"Usage data\" }",
        "label = \"Bruksdata\"",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[text-not-localized]"), "{err}");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "recipients = [\"analytics\"]",
        "recipients = [\"nobody\"]",
    );
    edit(
        &site,
        "content/cookies.toml",
        "category = \"statistics\"",
        "category = \"stats\"",
    );
    edit(
        &site,
        "content/organisation.toml",
        "org_number = \"912 345 688\"",
        "org_number = \"912 345 687\"",
    );
    let err = check_fails(&site);
    for code in ["unknown-reference", "invalid-value", "invalid-org-number"] {
        assert!(
            err.contains(&format!("error[{code}]")),
            "{code} missing:\n{err}"
        );
    }
    assert!(err.contains("3 errors"), "{err}");
}

#[test]
fn org_number_check_digit() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "org_number = \"912 345 688\"",
        "org_number = \"912 345 687\"",
    );
    let err = check_fails(&site);
    assert!(err.contains("the check digit should be 8, not 7"), "{err}");
}

#[test]
fn bad_country_and_enum_values_get_hints() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "country = \"SE\"",
        "country = \"UK\"",
    );
    edit(
        &site,
        "content/cookies.toml",
        "category = \"statistics\"",
        "category = \"statistic\"",
    );
    let err = check_fails(&site);
    assert!(
        err.contains("error[invalid-country]") && err.contains("\"GB\""),
        "{err}"
    );
    assert!(err.contains("did you mean \"statistics\"?"), "{err}");
}

#[test]
fn toml_syntax_error_has_position() {
    let (_t, site) = starter();
    append(
        &site,
        "content/cookies.toml",
        "\n[cookies.broken\nname = \"x\"\n",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[toml-syntax]"), "{err}");
    let line = line_of(&site, "content/cookies.toml", "[cookies.broken");
    assert!(
        err.contains(&format!("content/cookies.toml:{line}:")),
        "{err}"
    );
}

#[test]
fn key_after_table_header_explains_toml_scoping() {
    let (_t, site) = starter();
    append(
        &site,
        "content/organisation.toml",
        "security = { measures = [] }\n",
    );
    let err = check_fails(&site);
    assert!(
        err.contains("TOML puts every key after a [table] header into that table"),
        "{err}"
    );
}

#[test]
fn duplicate_singleton_table_across_files() {
    let (_t, site) = starter();
    append(
        &site,
        "content/cookies.toml",
        "\n[document]\nversion = \"2\"\n",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[duplicate-table]"), "{err}");
}

#[test]
fn unknown_authority_suggests_current_name() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "supervisory_authority = \"datatilsynet\"",
        "supervisory_authority = \"Datainspektionen\"",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[unknown-authority]"), "{err}");
    assert!(err.contains("supervisory_authority = \"imy\""), "{err}");
}

#[test]
fn unsafe_ids_and_slugs_are_rejected() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/cookies.toml",
        "[cookies.stats]",
        "[cookies.\"../../etc\"]",
    );
    append(
        &site,
        "personvern.toml",
        "\n[site.slugs.nb]\nprivacy = \"../x\"\n",
    );
    let err = check_fails(&site);
    assert!(err.contains("error[invalid-id]"), "{err}");
    assert!(err.contains("error[invalid-slug]"), "{err}");
}

#[test]
fn missing_site_folder_and_config() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(&["build", "nowhere"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error[no-site]"), "{}", stderr(&o));
    std::fs::create_dir_all(tmp.path().join("empty")).expect("mkdir");
    std::fs::write(tmp.path().join("empty/personvern.toml"), "").expect("write");
    let o = run(&["build", "empty"], tmp.path());
    assert!(stderr(&o).contains("error[empty-file]"), "{}", stderr(&o));
}

#[test]
fn non_utf8_file_is_a_clear_error() {
    let (_t, site) = starter();
    std::fs::write(
        site.join("content/latin1.toml"),
        b"[sections.x]\ntitle = \"Personvern for \xe6\xf8\xe5\"\n",
    )
    .expect("write");
    let err = check_fails(&site);
    assert!(
        err.contains("error[not-utf8]") && err.contains("latin1.toml:2:"),
        "{err}"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let (_t, site) = starter();
    let o = run(&["build", "site"], site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = tree(&site.join("public"));
    assert!(before.contains_key("nb/personvern/index.html"));
    edit(
        &site,
        "content/processing.toml",
        "legal_basis = \"consent\"",
        "legal_basis = \"consnet\"",
    );
    let o = run(&["build", "site"], site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("previous output was left untouched"),
        "{}",
        stderr(&o)
    );
    assert_eq!(tree(&site.join("public")), before);
}

#[test]
fn refuses_to_replace_a_foreign_folder() {
    let (_t, site) = starter();
    std::fs::create_dir_all(site.join("public")).expect("mkdir");
    std::fs::write(site.join("public/mine.txt"), "not personvern's").expect("write");
    let o = run(&["build", "site"], site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("refusing to replace"), "{}", stderr(&o));
    assert!(site.join("public/mine.txt").exists());
}

/// A country written by name or abbreviation gets exactly one finding,
/// `invalid-country`, whose help gives the ISO code; no follow-on
/// `transfer-mechanism-missing` repeats the wrong value.
#[test]
fn country_written_by_name_gets_the_code_and_nothing_else() {
    for (written, code) in [
        ("USA", "US"),
        ("UK", "GB"),
        ("us", "US"),
        ("Norway", "NO"),
        ("Norge", "NO"),
        ("Sverige", "SE"),
        ("United States", "US"),
    ] {
        let (_t, site) = starter();
        edit(
            &site,
            "content/processing.toml",
            "country = \"SE\"",
            &format!("country = \"{written}\""),
        );
        let o = run(
            &["check", "site", "--format", "json"],
            site.parent().expect("parent"),
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
        let items = v["diagnostics"].as_array().expect("diagnostics");
        let errors: Vec<&serde_json::Value> =
            items.iter().filter(|d| d["severity"] == "error").collect();
        assert_eq!(errors.len(), 1, "{written}: {items:#?}");
        let d = errors[0];
        assert_eq!(d["code"], "invalid-country", "{written}");
        let help = d["help"].as_str().unwrap_or_default();
        assert!(help.contains(&format!("\"{code}\"")), "{written}: {help}");
        assert!(
            !items
                .iter()
                .any(|d| d["code"] == "transfer-mechanism-missing"),
            "{written}: {items:#?}"
        );
    }
}
