//! Every lint rule: one edit of the (clean) starter site that triggers it,
//! the clean starter that does not, and waivers that turn it into a note.

mod common;
use common::*;

/// Runs `check --format json` and returns (exit code, codes found with severities).
fn findings(site: &std::path::Path) -> (Option<i32>, Vec<(String, String)>) {
    let o = run(
        &["check", site.to_str().expect("path"), "--format", "json"],
        site.parent().expect("parent"),
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("json: {e}\n{}", stdout(&o)));
    let list = v["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (o.status.code(), list)
}

type Edit = (&'static str, &'static str, &'static str);

/// (rule, edits that trigger it, expected severity)
fn cases() -> Vec<(&'static str, Vec<Edit>, &'static str)> {
    let org = "content/organisation.toml";
    let pro = "content/processing.toml";
    let ck = "content/cookies.toml";
    vec![
        ("contact-missing", vec![
            (org, "email = \"post@eksempelbedrift.no\"\n", ""),
            (org, "phone = \"+47 22 00 00 00\"\n", ""),
            (org, "addresses = [\n  { kind = \"visiting\", street = \"Storgata 1\", postal_code = \"0155\", city = \"Oslo\", country = \"NO\" },\n]\n", ""),
            (org, "email = \"personvern@eksempelbedrift.no\"\n\n[rights]", "\n[rights]"),
        ], "error"),
        ("dpo-status-missing", vec![(org, "dpo_appointed = false", "")], "error"),
        ("retention-missing", vec![(pro, "retention = { period = \"P1Y\", from = \"case_closed\" }\n", "")], "warning"),
        ("retention-vague", vec![(pro, "retention = { period = \"P1Y\", from = \"case_closed\" }", "retention = { criteria = { nb = \"Så lenge det er nødvendig.\", en = \"As long as necessary.\" } }")], "warning"),
        ("legitimate-interest-missing", vec![(pro, "legitimate_interest = { nb = \"Å kunne svare dem som tar kontakt med oss.\", en = \"Being able to answer people who contact us.\" }\n", "")], "error"),
        ("art9-condition-missing", vec![(pro, "[data_categories.usage]", "[data_categories.usage]\nspecial = true")], "error"),
        ("consent-withdrawal-missing", vec![(pro, "consent_withdrawal = { nb = \"Endre valget ditt i innstillingene for informasjonskapsler.\", en = \"Change your choice in the cookie settings.\" }\n", "")], "warning"),
        ("transfer-mechanism-missing", vec![(pro, "country = \"SE\"", "country = \"US\"")], "error"),
        ("joint-arrangement-missing", vec![(pro, "kind = \"processor\"", "kind = \"joint_controller\"")], "warning"),
        ("cookie-without-consent", vec![(pro, "legal_basis = \"consent\"", "legal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Statistikk.\", en = \"Statistics.\" }")], "error"),
        ("cookie-provider-undeclared", vec![(ck, "provider = \"analytics\"\n", "")], "error"),
        ("cookie-unlinked", vec![(ck, "activity = \"statistics\"\n", "")], "warning"),
        ("consent-settings-missing", vec![(ck, "change_consent = { nb = \"Du kan endre valget ditt når som helst via lenken «Innstillinger for informasjonskapsler» nederst på hver side.\", en = \"You can change your choice at any time with the “Cookie settings” link at the bottom of every page.\" }", "")], "warning"),
        ("browser-settings-consent", vec![(ck, "[cookie_policy]", "[cookie_policy]\nconsent = { nb = \"Ved å bruke nettstedet samtykker du til informasjonskapsler.\", en = \"By using this site you agree to cookies, as set in your browser settings.\" }")], "error"),
        ("authority-missing", vec![(org, "supervisory_authority = \"datatilsynet\"\n", "")], "warning"),
        ("rights-channel-missing", vec![(org, "[rights.channels.email]\nkind = \"email\"\nvalue = \"personvern@eksempelbedrift.no\"\n", ""), (org, "email = \"personvern@eksempelbedrift.no\"\n\n[rights]", "\n[rights]")], "warning"),
        ("section-empty", vec![(ck, "[cookie_policy]", "[sections.empty]\ntitle = { nb = \"Tom\", en = \"Empty\" }\nbody = { nb = \"## Bare en overskrift\", en = \"Text.\" }\n\n[cookie_policy]")], "error"),
        ("unused-entity", vec![(pro, "[data_subjects.visitors]", "[data_subjects.nobody]\nlabel = { nb = \"ingen\", en = \"nobody\" }\n\n[data_subjects.visitors]")], "warning"),
        ("response-time-too-long", vec![(org, "response_time = \"P1M\"", "response_time = \"P6W\"")], "error"),
        ("provision-missing", vec![(pro, "\nprovision = { requirement = \"voluntary\", consequence = { nb = \"Sier du nei, teller vi ikke besøket ditt i statistikken.\", en = \"If you say no, your visit is not counted in the statistics.\" } }", "")], "warning"),
        ("transfer-copy-missing", vec![(pro, "country = \"SE\"", "country = \"US\"\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"scc\"\ninstrument = \"EU 2021/914\"")], "warning"),
        ("starter-data", vec![(org, "legal_name = \"Eksempelbedrift AS\"", "legal_name = \"Eksempel AS\"")], "warning"),
    ]
}

#[test]
fn the_clean_starter_triggers_no_rule() {
    let (_t, site) = starter();
    let (code, found) = findings(&site);
    assert_eq!(code, Some(0));
    for r in personvern::check::lint::RULES {
        assert!(
            !found.iter().any(|(c, _)| c == r.id),
            "{} found on the clean starter",
            r.id
        );
    }
}

#[test]
fn every_rule_is_triggered_by_its_case() {
    let cases = cases();
    for r in personvern::check::lint::RULES {
        assert!(
            cases.iter().any(|(id, _, _)| *id == r.id),
            "no test case for rule {}",
            r.id
        );
    }
    for (id, edits, severity) in cases {
        let (_t, site) = starter();
        for (file, from, to) in &edits {
            edit(&site, file, from, to);
        }
        let (code, found) = findings(&site);
        assert!(
            found.iter().any(|(c, s)| c == id && s == severity),
            "{id}: expected a {severity}, got {found:?}"
        );
        let expected_exit = if found.iter().any(|(_, s)| s == "error") {
            1
        } else {
            0
        };
        assert_eq!(code, Some(expected_exit), "{id}: {found:?}");
    }
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "supervisory_authority = \"datatilsynet\"\n",
        "",
    );
    let p = site.parent().expect("parent");
    assert_eq!(run(&["check", "site"], p).status.code(), Some(0));
    let o = run(&["check", "site", "--deny-warnings"], p);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("warning[authority-missing]"));
    assert!(
        stderr(&o).contains("note: GDPR art. 13(2)(d)"),
        "legal source shown: {}",
        stderr(&o)
    );
}

#[test]
fn entity_waiver_turns_a_finding_into_a_note_with_its_reason() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "retention = { period = \"P1Y\", from = \"case_closed\" }\n",
        "waive = { retention-missing = \"Enquiries are deleted when answered.\" }\n",
    );
    let (code, found) = findings(&site);
    assert_eq!(code, Some(0));
    assert!(
        found.contains(&("retention-missing".to_string(), "note".to_string())),
        "{found:?}"
    );
    let o = run(
        &["check", "site", "--verbose"],
        site.parent().expect("parent"),
    );
    assert!(
        stderr(&o).contains("waived because: Enquiries are deleted when answered."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn document_waiver_and_bad_waivers() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "dpo_appointed = false",
        "",
    );
    append(
        &site,
        "content/cookies.toml",
        "\n[waivers]\ndpo-status-missing = \"Decided by the board; see the internal record.\"\n",
    );
    let (code, found) = findings(&site);
    assert_eq!(code, Some(0), "{found:?}");
    assert!(found.contains(&("dpo-status-missing".to_string(), "note".to_string())));

    let (_t, site) = starter();
    edit(&site, "content/processing.toml", "[activities.statistics]", "[activities.statistics]\nwaive = { retention-mising = \"typo\", consent-withdrawal-missing = \" \" }");
    let (code, found) = findings(&site);
    assert_eq!(code, Some(1));
    assert!(found.iter().any(|(c, _)| c == "unknown-rule"), "{found:?}");
    assert!(
        found.iter().any(|(c, _)| c == "waiver-without-reason"),
        "{found:?}"
    );
}
