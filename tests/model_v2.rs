//! Data model v2 (issue 16): what real notices say, including "not known"
//! and "not named", built into a site and read back from the pages (nb and
//! en) and the JSON, with both sides of every new conditional sentence.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const ORG: &str = "content/organisation.toml";
const PRO: &str = "content/processing.toml";

fn privacy(site: &Path) -> (String, String) {
    build_unminified(site);
    (
        page_text(site, "nb/personvern/index.html"),
        page_text(site, "en/privacy/index.html"),
    )
}

fn json(site: &Path, rel: &str) -> serde_json::Value {
    let s = fs::read_to_string(site.join("public").join(rel)).expect("json output");
    serde_json::from_str(&s).expect("valid JSON")
}

fn recipient<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["notice"]["recipients"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no recipient {id} in {v:#}"))
}

fn check_clean(site: &Path) {
    let o = run(
        &["check", site.to_str().expect("utf-8"), "--deny-warnings"],
        site,
    );
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
}

fn schema_accepts(site: &Path, rel: &str) {
    // The JSON Schema that editors use accepts the new fields.
    let schema: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(repo().join("personvern.schema.json")).expect("schema"),
    )
    .expect("schema is JSON");
    let data: toml::Value =
        toml::from_str(&fs::read_to_string(site.join(rel)).expect("read")).expect("TOML");
    let data = to_json(&data);
    let v = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = v.iter_errors(&data).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{rel}: {errors:#?}");
}

// ---- 4. Unknown or unnamed ----------------------------------------------

/// The analytics provider's country is not stated: the page says "not
/// stated" and names it among the recipients whose country is not given;
/// "we do not transfer outside the EU/EEA" is not said.
#[test]
fn a_country_not_stated_is_said_so_and_no_transfer_claim_is_made() {
    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"\n", "");
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Ikke oppgitt"), "{nb}");
    assert!(en.contains("Not stated"), "{en}");
    assert!(nb.contains("Denne erklæringen oppgir ikke i hvilket land disse mottakerne behandler personopplysninger:"));
    assert!(en.contains(
        "This statement does not say in which country these recipients process personal data:"
    ));
    assert!(!nb.contains("Vi overfører ikke personopplysninger til land utenfor EU/EØS."));
    assert!(!en.contains("We do not transfer personal data to countries outside the EU/EEA."));
    let j = json(&s, "api/en.json");
    let r = recipient(&j, "analytics");
    assert!(r["country"].is_null(), "{r:#}");
    assert_eq!(r["country_text"], "Not stated");
    assert_eq!(
        json(&s, "api/nb.json")["notice"]["recipients"][1]["country_text"],
        "Ikke oppgitt"
    );
}

/// The other side: every country stated, inside the EEA: the "does not say"
/// sentence is absent and "we do not transfer" is said.
#[test]
fn every_country_stated_inside_the_eea_says_no_transfer() {
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Ikke oppgitt"));
    assert!(!en.contains("Not stated"));
    assert!(!en.contains("This statement does not say in which country"));
    assert!(nb.contains("Vi overfører ikke personopplysninger til land utenfor EU/EØS."));
    assert!(en.contains("We do not transfer personal data to countries outside the EU/EEA."));
}

/// `EEA` is a region inside the EEA: no transfer is needed and none is
/// claimed missing; `worldwide` is outside it and needs a transfer.
#[test]
fn regions_render_and_count_as_inside_or_outside_the_eea() {
    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"", "country = \"EEA\"");
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("EU/EØS"));
    assert!(en.contains("EU/EEA"));
    assert!(en.contains("We do not transfer personal data to countries outside the EU/EEA."));
    assert_eq!(
        recipient(&json(&s, "api/en.json"), "analytics")["country_text"],
        "EU/EEA"
    );

    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"", "country = \"worldwide\"");
    let o = run(&["check", s.to_str().expect("utf-8")], &s);
    assert!(
        stderr(&o).contains("transfer-mechanism-missing"),
        "worldwide is outside the EEA: {}",
        stderr(&o)
    );
    edit(
        &s,
        PRO,
        "country = \"worldwide\"",
        "country = \"worldwide\"\n\n[transfers.analytics-world]\nrecipient = \"analytics\"\ncountry = \"worldwide\"\nmechanism = \"scc\"\ncopy = { nb = \"Skriv til oss.\", en = \"Write to us.\" }",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Hele verden"), "{nb}");
    assert!(en.contains("Worldwide"), "{en}");
    assert!(!en.contains("We do not transfer personal data to countries outside the EU/EEA."));

    // A region in the wrong case is an error naming the fix.
    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"", "country = \"eea\"");
    let o = run(&["check", s.to_str().expect("utf-8")], &s);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(e.contains("write the region as \"EEA\""), "{e}");
    assert!(
        e.contains("processing.toml:"),
        "names the file and line: {e}"
    );
}

/// A recipient described only by its category: no name needed; the pages
/// and the JSON call it by its category in each language.
#[test]
fn a_recipient_named_only_by_category() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "name = \"Eksempel Analyse AB\"",
        "category = { nb = \"Analyseleverandører\", en = \"Analytics providers\" }",
    );
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Analyseleverandører"));
    assert!(en.contains("Analytics providers"));
    assert!(!en.contains("Eksempel Analyse AB"));
    // Not "Processor (not named)": the category is what the notice says.
    assert!(!en.contains("Processor (not named)"));
    let r = recipient(&json(&s, "api/en.json"), "analytics").clone();
    assert_eq!(r["label_text"], "Analytics providers");
    assert!(r["name"].is_null());
    assert_eq!(
        recipient(&json(&s, "api/nb.json"), "analytics")["label_text"],
        "Analyseleverandører"
    );

    // Neither a name nor a category: one clear error at the recipient.
    let (_t, s) = starter();
    edit(&s, PRO, "name = \"Eksempel Analyse AB\"\n", "");
    let o = run(&["check", s.to_str().expect("utf-8")], &s);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(
        e.contains("[recipients.analytics] has neither a name nor a category"),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "processing.toml:{}",
            line_of(&s, PRO, "[recipients.analytics]")
        )),
        "{e}"
    );
}

/// `dpo_appointed = "not_stated"`: nothing about a DPO is said (neither
/// "appointed" nor "not appointed"), and check does not ask for it.
#[test]
fn dpo_not_stated_says_nothing_about_a_dpo() {
    let (_t, s) = starter();
    edit(
        &s,
        ORG,
        "dpo_appointed = false",
        "dpo_appointed = \"not_stated\"",
    );
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    for (page, words) in [(&nb, "personvernombud"), (&en, "data protection officer")] {
        assert!(!page.to_lowercase().contains(words), "{words} on the page");
    }
    assert_eq!(
        json(&s, "api/en.json")["notice"]["privacy_contact"]["dpo_appointed"],
        "not_stated"
    );
    // The other side: false says "no DPO".
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(nb.to_lowercase().contains("personvernombud"));
    assert!(en.to_lowercase().contains("data protection officer"));
    // Any other text is a clear error that names the three values.
    let (_t, s) = starter();
    edit(
        &s,
        ORG,
        "dpo_appointed = false",
        "dpo_appointed = \"unknown\"",
    );
    let o = run(&["check", s.to_str().expect("utf-8")], &s);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(e.contains("\"not_stated\""), "{e}");
}

// ---- 4, 6. Addresses -------------------------------------------------------

/// A recipient's address is shown (street, postal code, city, region,
/// country); an address without a postal code shows no invented one.
#[test]
fn recipient_addresses_render_with_only_the_parts_given() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "country = \"SE\"",
        "country = \"SE\"\naddress = { street = \"Storgatan 1\", city = \"Malmö\", region = \"Skåne\", country = \"SE\" }",
    );
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    for page in [&nb, &en] {
        assert!(page.contains("Storgatan 1<br>Malmö, Skåne<br>"), "{page}");
    }
    assert!(nb.contains("Malmö, Skåne<br>Sverige"));
    assert!(en.contains("Malmö, Skåne<br>Sweden"));
    let r = recipient(&json(&s, "api/en.json"), "analytics").clone();
    assert!(r["address"]["postal_code"].is_null());
    assert_eq!(r["address"]["region"], "Skåne");

    // With a postal code it comes before the city.
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "country = \"SE\"",
        "country = \"SE\"\naddress = { street = \"Storgatan 1\", postal_code = \"211 34\", city = \"Malmö\", country = \"SE\" }",
    );
    let (_, en) = privacy(&s);
    assert!(en.contains("Storgatan 1<br>211 34 Malmö<br>Sweden"), "{en}");
}

// ---- 5. Recipients of every activity; none vs not stated ------------------

/// A recipient marked `all_activities` is listed under every activity and
/// marked "All processing activities" in the table.
#[test]
fn a_recipient_of_every_activity_is_listed_under_each() {
    let (_t, s) = starter();
    edit(&s, PRO, "recipients = [\"email-provider\"]\n", "");
    edit(
        &s,
        PRO,
        "country = \"NO\"",
        "country = \"NO\"\nall_activities = true",
    );
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Alle behandlingsaktiviteter"));
    assert!(en.contains("All processing activities"));
    // Listed under both activities: the statistics card has both.
    let card = |page: &str, id: &str| -> String {
        let start = page
            .find(&format!("id=\"pv-activity-{id}\""))
            .expect("card");
        let end = page[start..].find("</article>").expect("end") + start;
        page[start..end].to_string()
    };
    for id in ["enquiries", "statistics"] {
        assert!(card(&en, id).contains("Eksempel E-post AS"), "{id}");
    }
    assert!(card(&en, "statistics").contains("Eksempel Analyse AB"));
    assert!(!card(&en, "enquiries").contains("Eksempel Analyse AB"));
    let j = json(&s, "api/en.json");
    assert_eq!(recipient(&j, "email-provider")["all_activities"], true);

    // The other side: without it the table lists the activity by name.
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Alle behandlingsaktiviteter"));
    assert!(!en.contains("All processing activities"));
}

/// `recipients = []` says "none"; leaving recipients out says nothing.
#[test]
fn recipients_none_differs_from_not_stated() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = []",
    );
    // The e-mail provider is then unused: say what it is used for instead.
    edit(
        &s,
        PRO,
        "country = \"NO\"",
        "country = \"NO\"\nwaive = { unused-entity = \"kept for the next activity\" }",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Vi utleverer ikke disse personopplysningene til andre."));
    assert!(en.contains("We do not disclose this personal data to anyone else."));
    let j = json(&s, "api/policy.json");
    assert_eq!(
        j["policy"]["activities"][0]["recipients"],
        serde_json::json!([])
    );

    let (_t, s) = starter();
    edit(&s, PRO, "recipients = [\"email-provider\"]\n", "");
    edit(
        &s,
        PRO,
        "country = \"NO\"",
        "country = \"NO\"\nwaive = { unused-entity = \"kept for the next activity\" }",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Vi utleverer ikke disse personopplysningene til andre."));
    assert!(!en.contains("We do not disclose this personal data to anyone else."));
    let j = json(&s, "api/policy.json");
    assert!(j["policy"]["activities"][0]["recipients"].is_null());

    // "None" is not said when a recipient serves every activity.
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = []",
    );
    edit(
        &s,
        PRO,
        "country = \"NO\"",
        "country = \"NO\"\nall_activities = true",
    );
    let (_, en) = privacy(&s);
    assert!(!en.contains("We do not disclose this personal data to anyone else."));
}

// ---- 7. Document metadata -------------------------------------------------

/// The notice's own title heads the statement; a "last modified" date is
/// shown apart from the effective date and the last review.
#[test]
fn document_title_and_last_modified() {
    let (_t, s) = starter();
    edit(
        &s,
        ORG,
        "[document]\n",
        "[document]\ntitle = { nb = \"Personvern- og databeskyttelsespolicy\", en = \"Privacy and Data Protection Policy\" }\nlast_modified = 2025-12-01\n",
    );
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h1>Personvern- og databeskyttelsespolicy</h1>"),
        "{nb}"
    );
    assert!(en.contains("<h1>Privacy and Data Protection Policy</h1>"));
    assert!(nb.contains("Sist endret 1. desember 2025."), "{nb}");
    assert!(en.contains("Last modified 1 December 2025."), "{en}");
    let j = json(&s, "api/en.json");
    assert_eq!(j["notice"]["document"]["last_modified"], "2025-12-01");
    assert_eq!(
        j["notice"]["document"]["title"],
        "Privacy and Data Protection Policy"
    );

    // The other side: the built-in heading, no "last modified".
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Sist endret"));
    assert!(!en.contains("Last modified"));
    assert!(!en.contains("Privacy and Data Protection Policy"));
}
