//! Checks the law asks for that are not lint rules (they cannot be waived),
//! each tested on both sides, and the sentences they guard.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const PRO: &str = "content/processing.toml";

fn check(site: &Path) -> (Option<i32>, String) {
    let o = run(&["check", site.to_str().expect("utf-8 path")], site);
    (o.status.code(), stderr(&o) + &stdout(&o))
}

fn codes(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let start = l.find('[')?;
            let end = l.find(']')?;
            (l.starts_with("error[") || l.starts_with("warning["))
                .then(|| l[start + 1..end].to_string())
        })
        .collect()
}

/// The analytics recipient moved to the US, on adequacy, with `instrument`.
fn us_adequacy(instrument: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    let mut transfer = String::from(
        "country = \"US\"\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"adequacy\"",
    );
    if let Some(i) = instrument {
        transfer.push_str(&format!("\ninstrument = \"{i}\""));
    }
    edit(&site, PRO, "country = \"SE\"", &transfer);
    (t, site)
}

#[test]
fn us_adequacy_needs_the_data_privacy_framework() {
    let (_t, site) = us_adequacy(None);
    let (code, out) = check(&site);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(codes(&out), ["adequacy-not-certified"], "{out}");
    let line = line_of(&site, PRO, "[transfers.analytics-us]");
    assert!(out.contains(&format!("processing.toml:{line}:")), "{out}");
    assert!(
        out.contains("instrument = \"EU-US Data Privacy Framework\""),
        "{out}"
    );

    let (_t, site) = us_adequacy(Some("EU 2021/914"));
    assert_eq!(codes(&check(&site).1), ["adequacy-not-certified"]);

    let (_t, site) = us_adequacy(Some("EU-US Data Privacy Framework"));
    let (code, out) = check(&site);
    assert_eq!(code, Some(0), "{out}");
    assert!(codes(&out).is_empty(), "{out}");
}

fn automated(ground: Option<&str>, solely: bool) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    let mut ad = format!(
        "\nautomated_decision = {{ profiling = true, solely_automated = {solely}, logic = {{ nb = \"Poeng.\", en = \"A score.\" }}, consequences = {{ nb = \"Ingen faktura.\", en = \"No invoice.\" }}"
    );
    if let Some(g) = ground {
        ad.push_str(&format!(", ground = \"{g}\""));
    }
    ad.push_str(" }");
    edit(
        &site,
        PRO,
        "recipients = [\"email-provider\"]",
        &format!("recipients = [\"email-provider\"]{ad}"),
    );
    (t, site)
}

fn built_en(site: &Path) -> String {
    build_unminified(site);
    page_text(site, "en/privacy/index.html")
}

#[test]
fn a_solely_automated_decision_needs_its_article_22_2_ground() {
    let (_t, site) = automated(None, true);
    let (code, out) = check(&site);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(codes(&out), ["automated-ground-missing"], "{out}");
    assert!(
        out.contains("add ground = \"contract\", \"law\" or \"explicit_consent\""),
        "{out}"
    );

    // Not solely automated: no ground needed, no safeguards sentence.
    let (_t, site) = automated(None, false);
    let (code, out) = check(&site);
    assert_eq!(code, Some(0), "{out}");
    let page = built_en(&site);
    assert!(
        page.contains("This involves profiling."),
        "profiling stated"
    );
    assert!(
        !page.contains("Article 22(3)"),
        "no safeguards without a solely automated decision"
    );
}

#[test]
fn the_ground_decides_which_safeguards_are_stated() {
    let (_t, site) = automated(Some("contract"), true);
    let page = built_en(&site);
    assert!(page.contains("The decision is necessary to enter into or perform a contract with you (Article 22(2)(a) GDPR)."));
    assert!(page.contains("to contest the decision (Article 22(3) GDPR)"));

    let (_t, site) = automated(Some("explicit_consent"), true);
    let page = built_en(&site);
    assert!(page.contains("based on your explicit consent (Article 22(2)(c) GDPR)"));
    assert!(page.contains("(Article 22(3) GDPR)"));

    // Under (b) the law lays the safeguards down: 22(3) is not claimed.
    let (_t, site) = automated(Some("law"), true);
    let page = built_en(&site);
    assert!(page.contains("authorised by law, which also lays down measures"));
    assert!(!page.contains("Article 22(3)"));
}

#[test]
fn browser_consent_phrasing_is_caught_in_any_text() {
    let (_t, site) = starter();
    edit(
        &site,
        PRO,
        "purposes = [{ nb = \"Forstå hvordan nettstedet brukes, slik at vi kan forbedre det.\"",
        "purposes = [{ nb = \"Ved å bruke nettstedet godtar du at vi måler besøket.\"",
    );
    let (code, out) = check(&site);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(codes(&out), ["browser-settings-consent"], "{out}");
    let line = line_of(&site, PRO, "Ved å bruke nettstedet godtar du");
    assert!(out.contains(&format!("processing.toml:{line}:")), "{out}");
    assert!(
        out.contains("[activities.statistics] purpose treats"),
        "{out}"
    );
}

/// `init` writes example values; `check --deny-warnings` reports them
/// (the deploy gate), while the starter still builds at once.
#[test]
fn the_starter_as_init_writes_it_warns_about_its_example_values() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("my-site");
    let s = site.to_str().expect("utf-8 path");
    let o = run(&["init", s], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&["build", s], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning[starter-data]"),
        "{}",
        stderr(&o)
    );
    let o = run(&["check", s, "--deny-warnings"], tmp.path());
    let out = stderr(&o) + &stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert_eq!(codes(&out), ["starter-data"], "{out}");
    assert!(out.contains("Eksempel AS, post@example.no"), "{out}");

    // Replaced by the organisation's own values: clean.
    for rel in ["personvern.toml", "content/organisation.toml"] {
        let p = site.join(rel);
        let text = fs::read_to_string(&p).expect("read");
        fs::write(
            &p,
            text.replace("example.no", "bedrift.no")
                .replace("Eksempel AS", "Bedrift AS"),
        )
        .expect("write");
    }
    let o = run(&["check", s, "--deny-warnings"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
}

/// `last_reviewed` may not lie after a release's publication: `release`
/// refuses a review dated after today, and a snapshot that says so anyway
/// is an error at its `last_reviewed`.
#[test]
fn a_release_is_not_reviewed_after_it_was_published() {
    let (_t, site) = starter();
    let s = site.to_str().expect("utf-8 path");
    edit(
        &site,
        "content/organisation.toml",
        "[document]\n",
        "[document]\nlast_reviewed = 2026-12-10\n",
    );
    set_document(&site, "1.0", "2026-12-02");
    let o = run_on("2026-12-02", &["release", s], &site);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("[document] last_reviewed is 2026-12-10, after today (2026-12-02)"),
        "{}",
        stderr(&o)
    );
    assert!(!site.join("history/1.0.toml").exists());

    edit(
        &site,
        "content/organisation.toml",
        "last_reviewed = 2026-12-10",
        "last_reviewed = 2026-12-01",
    );
    let o = run_on("2026-12-02", &["release", s], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run_on("2026-12-02", &["check", s], &site);
    assert!(o.status.success(), "{}", stderr(&o));

    // A snapshot edited by hand to a later review date.
    let snap = "history/1.0.toml";
    let text = fs::read_to_string(site.join(snap)).expect("snapshot");
    assert!(text.contains("last_reviewed = \"2026-12-01\""), "{text}");
    fs::write(
        site.join(snap),
        text.replacen(
            "last_reviewed = \"2026-12-01\"",
            "last_reviewed = \"2026-12-05\"",
            1,
        ),
    )
    .expect("write");
    let o = run_on("2026-12-02", &["check", s], &site);
    let out = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert_eq!(codes(&out), ["invalid-date"], "{out}");
    let line = line_of(&site, snap, "last_reviewed = \"2026-12-05\"");
    assert!(out.contains(&format!("history/1.0.toml:{line}:1")), "{out}");
    assert!(
        out.contains(
            "[document] was last reviewed 2026-12-05, after the release was published (2026-12-02)"
        ),
        "{out}"
    );
}

/// The analytics recipient moved to Canada, on adequacy, with `instrument`.
fn ca_adequacy(instrument: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    let mut transfer = String::from(
        "country = \"CA\"\n\n[transfers.analytics-ca]\nrecipient = \"analytics\"\ncountry = \"CA\"\nmechanism = \"adequacy\"",
    );
    if let Some(i) = instrument {
        transfer.push_str(&format!("\ninstrument = \"{i}\""));
    }
    edit(&site, PRO, "country = \"SE\"", &transfer);
    (t, site)
}

#[test]
fn canadian_adequacy_needs_pipeda() {
    let (_t, site) = ca_adequacy(None);
    let (code, out) = check(&site);
    assert_eq!(code, Some(1), "{out}");
    assert_eq!(codes(&out), ["adequacy-not-certified"], "{out}");
    assert!(out.contains("instrument = \"PIPEDA\""), "{out}");

    let (_t, site) = ca_adequacy(Some("PIPEDA"));
    let (code, out) = check(&site);
    assert_eq!(code, Some(0), "{out}");
    assert!(codes(&out).is_empty(), "{out}");
    let o = run(&["build", site.to_str().expect("utf-8 path")], &site);
    assert!(o.status.success(), "{}", stderr(&o));
    let nb = fs::read_to_string(site.join("public/nb/personvern/index.html")).expect("nb page");
    assert!(nb.contains("Mottakeren er omfattet av PIPEDA."), "{nb}");
    let en = fs::read_to_string(site.join("public/en/privacy/index.html")).expect("en page");
    assert!(en.contains("The recipient is subject to PIPEDA."), "{en}");
}

#[test]
fn children_min_age_is_an_age_for_children() {
    for (age, ok) in [(0, false), (1, true), (13, true), (18, true), (21, false)] {
        let (_t, site) = starter();
        append(&site, PRO, &format!("\n[children]\nmin_age = {age}\n"));
        let (code, out) = check(&site);
        if ok {
            assert_eq!(code, Some(0), "min_age {age}: {out}");
        } else {
            assert_eq!(code, Some(1), "min_age {age}: {out}");
            assert_eq!(codes(&out), ["invalid-value"], "min_age {age}: {out}");
            assert!(out.contains(&format!("min_age = {age}")), "{out}");
        }
    }
}

/// `obliged_by_law` (the person's duty) and `statutory` (our own legal
/// obligation) say different things, and each only when it is the data's.
#[test]
fn a_duty_of_the_person_is_told_apart_from_our_legal_obligation() {
    let person = "You are required by law to give us the data.";
    let ours = "We need the data to meet a requirement set by law.";
    for (requirement, present, absent) in [
        ("obliged_by_law", person, ours),
        ("statutory", ours, person),
        ("voluntary", "Voluntary.", person),
    ] {
        let (_t, site) = starter();
        edit(
            &site,
            PRO,
            "provision = { requirement = \"voluntary\", consequence = { nb = \"Sier du nei",
            &format!("provision = {{ requirement = \"{requirement}\", consequence = {{ nb = \"Sier du nei"),
        );
        let page = built_en(&site);
        assert!(page.contains(present), "{requirement}: {present}");
        assert!(!page.contains(absent), "{requirement}: {absent}");
    }
}
