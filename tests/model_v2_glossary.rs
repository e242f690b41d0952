//! Data model v2 (issue 16), item 14: a glossary of GDPR terms with
//! built-in definitions, built into a site and read back from the pages (nb
//! and en), the JSON, the JSON Schema and the diff, with both sides of
//! every new conditional sentence.

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

fn check_clean(site: &Path) {
    let o = run(
        &["check", site.to_str().expect("utf-8"), "--deny-warnings"],
        site,
    );
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
}

/// `check`'s output for a site that must fail.
fn check_fails(site: &Path) -> String {
    let o = run(
        &["check", site.to_str().expect("utf-8"), "--deny-warnings"],
        site,
    );
    assert!(!o.status.success(), "check passed:\n{}", stderr(&o));
    stderr(&o)
}

fn schema_accepts(site: &Path, rel: &str) {
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

/// The output JSON validates against the schema the build writes next to it.
fn output_valid(site: &Path) {
    for (data, schema) in [
        ("api/en.json", "api/notice.schema.json"),
        ("api/nb.json", "api/notice.schema.json"),
        ("api/policy.json", "api/policy.schema.json"),
    ] {
        let schema = json(site, schema);
        let v = jsonschema::validator_for(&schema).expect("schema compiles");
        let d = json(site, data);
        let errors: Vec<String> = v.iter_errors(&d).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{data}: {errors:#?}");
    }
}

fn set_glossary(site: &Path, terms: &str) {
    edit(
        site,
        ORG,
        "\n[controller]",
        &format!("glossary = {terms}\n\n[controller]"),
    );
}

/// The site released as 1.0 (effective 2026-02-01), for diffs.
fn released() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    let o = release(&site, "2026-01-15", "1.0", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site)
}

fn release(site: &Path, day: &str, version: &str, effective: &str) -> std::process::Output {
    set_document(site, version, effective);
    run_on(
        day,
        &[
            "release",
            "site",
            "--note-nb",
            "Endringer.",
            "--note-en",
            "Changes.",
        ],
        site.parent().expect("parent"),
    )
}

/// The one change to `entity.id` in `personvern diff --format json`.
fn change(site: &Path, entity: &str, id: &str) -> serde_json::Value {
    let o = run_on(
        "2026-06-01",
        &["diff", "site", "--format", "json"],
        site.parent().expect("parent"),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    v["changes"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["entity"] == entity && c["id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("{entity}.{id} not in diff: {v:#}"))
}

/// Releases 2.0 and builds; the changelog pages (nb, en).
fn changelog_after_release(site: &Path) -> (String, String) {
    let o = release(site, "2026-05-01", "2.0", "2026-07-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = site.parent().expect("parent");
    let o = run_on(
        "2026-08-01",
        &["build", "site", "--no-minify", "--output", "out"],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |rel: &str| {
        let html = fs::read_to_string(p.join("out").join(rel)).expect("changelog page");
        html.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    (
        read("nb/personvern/endringer/index.html"),
        read("en/privacy/changes/index.html"),
    )
}

// ---- 14. Glossary -------------------------------------------------------

/// Only the terms listed are defined, once each and in the GDPR's order,
/// in a section with a heading, an id and an entry in the contents.
#[test]
fn the_glossary_defines_the_listed_terms_in_both_languages() {
    let (_t, s) = starter();
    set_glossary(&s, "[\"processor\", \"personal_data\", \"processor\"]");
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h2 id=\"pv-glossary\">Definisjoner</h2>"),
        "{nb}"
    );
    assert!(
        en.contains("<h2 id=\"pv-glossary\">Definitions</h2>"),
        "{en}"
    );
    assert!(nb.contains("<a href=\"#pv-glossary\">Definisjoner</a>"));
    assert!(en.contains("<a href=\"#pv-glossary\">Definitions</a>"));
    assert!(nb.contains("Vi bruker disse begrepene slik de er definert i personvernforordningen."));
    assert!(en.contains(
        "We use these terms as the General Data Protection Regulation (GDPR) defines them."
    ));
    assert!(nb.contains("<dt id=\"pv-term-personal-data\">Personopplysninger</dt> <dd>Enhver opplysning om en identifisert eller identifiserbar fysisk person (den registrerte)."), "{nb}");
    assert!(nb.contains("(personvernforordningen artikkel 4 nr. 1)"));
    assert!(nb.contains("<dt id=\"pv-term-processor\">Databehandler</dt> <dd>En fysisk eller juridisk person, en offentlig myndighet, en institusjon eller et annet organ som behandler personopplysninger på vegne av den behandlingsansvarlige."));
    assert!(nb.contains("(personvernforordningen artikkel 4 nr. 8)"));
    assert!(en.contains("<dt id=\"pv-term-personal-data\">Personal data</dt> <dd>Any information relating to an identified or identifiable natural person (the data subject)."));
    assert!(en.contains("(Article 4(1) GDPR)"));
    assert!(en.contains("<dt id=\"pv-term-processor\">Processor</dt> <dd>A natural or legal person, public authority, agency or other body that processes personal data on behalf of the controller."));
    assert!(en.contains("(Article 4(8) GDPR)"));
    // The GDPR's order, each once; terms not listed are not defined.
    let pd = en.find("pv-term-personal-data").expect("personal data");
    let pr = en.find("pv-term-processor").expect("processor");
    assert!(
        pd < pr,
        "personal data (art. 4(1)) comes before processor (4(8))"
    );
    assert_eq!(en.matches("pv-term-processor").count(), 1);
    for other in [
        "pv-term-processing",
        "pv-term-controller",
        "pv-term-special-categories",
    ] {
        assert!(!en.contains(other) && !nb.contains(other), "{other}");
    }
    // The section comes first, before the controller.
    assert!(en.find("id=\"pv-glossary\"") < en.find("id=\"pv-controller\""));

    let j = json(&s, "api/en.json");
    let g = &j["notice"]["document"]["glossary_text"];
    assert_eq!(g.as_array().map(Vec::len), Some(2), "{g:#}");
    assert_eq!(g[0]["id"], "personal_data");
    assert_eq!(g[0]["term"], "Personal data");
    assert_eq!(g[0]["citation"], "Article 4(1) GDPR");
    assert_eq!(g[1]["id"], "processor");
    assert_eq!(
        json(&s, "api/nb.json")["notice"]["document"]["glossary_text"][1]["term"],
        "Databehandler"
    );
    assert_eq!(
        json(&s, "api/policy.json")["policy"]["document"]["glossary"],
        serde_json::json!(["processor", "personal_data", "processor"])
    );
    output_valid(&s);
}

/// All five terms, with the art. 4(2), 4(7) and 9(1) definitions.
#[test]
fn the_glossary_can_define_all_five_terms() {
    let (_t, s) = starter();
    set_glossary(
        &s,
        "[\"personal_data\", \"processing\", \"controller\", \"processor\", \"special_categories\"]",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<dt id=\"pv-term-processing\">Behandling</dt> <dd>Enhver operasjon eller rekke operasjoner som gjøres med personopplysninger, enten automatisert eller ikke,"));
    assert!(nb.contains("(personvernforordningen artikkel 4 nr. 2)"));
    assert!(nb.contains("<dt id=\"pv-term-controller\">Behandlingsansvarlig</dt> <dd>En fysisk eller juridisk person, en offentlig myndighet, en institusjon eller et annet organ som alene eller sammen med andre bestemmer formålet med behandlingen av personopplysninger og hvilke midler som skal brukes."));
    assert!(nb.contains("(personvernforordningen artikkel 4 nr. 7)"));
    assert!(nb.contains("<dt id=\"pv-term-special-categories\">Særlige kategorier av personopplysninger</dt> <dd>Personopplysninger om rasemessig eller etnisk opprinnelse,"));
    assert!(nb.contains("med mindre ett av vilkårene i artikkel 9 nr. 2 er oppfylt. <span class=\"pv-cite\">(personvernforordningen artikkel 9 nr. 1)</span>"));
    assert!(en.contains("<dt id=\"pv-term-processing\">Processing</dt> <dd>Any operation or set of operations performed on personal data, whether or not by automated means,"));
    assert!(en.contains("<dt id=\"pv-term-controller\">Controller</dt> <dd>The natural or legal person, public authority, agency or other body that, alone or jointly with others, determines the purposes and means of the processing of personal data."));
    assert!(en.contains(
        "<dt id=\"pv-term-special-categories\">Special categories of personal data</dt>"
    ));
    assert!(en.contains("unless one of the conditions in Article 9(2) applies. <span class=\"pv-cite\">(Article 9(1) GDPR)</span>"));
    let order: Vec<usize> = [
        "personal-data",
        "processing",
        "controller",
        "processor",
        "special-categories",
    ]
    .iter()
    .map(|t| en.find(&format!("pv-term-{t}\"")).expect("term"))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}

/// The other side: no glossary, no section, no contents entry, no JSON.
#[test]
fn without_a_glossary_there_is_no_definitions_section() {
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("pv-glossary") && !en.contains("pv-glossary"));
    assert!(!nb.contains("Definisjoner") && !en.contains("Definitions"));
    let j = json(&s, "api/en.json");
    assert!(j["notice"]["document"].get("glossary_text").is_none());
    assert!(json(&s, "api/policy.json")["policy"]["document"]
        .get("glossary")
        .is_none());
    // An empty list is no glossary either.
    let (_t, s) = starter();
    set_glossary(&s, "[]");
    check_clean(&s);
    let (_, en) = privacy(&s);
    assert!(!en.contains("pv-glossary"));
}

/// A misspelt term is an error at its place in the file, with the term
/// meant and the allowed ones.
#[test]
fn an_unknown_glossary_term_is_an_error_naming_the_term_meant() {
    let (_t, s) = starter();
    set_glossary(&s, "[\"personal_data\", \"procesor\"]");
    let e = check_fails(&s);
    let line = line_of(&s, ORG, "glossary =");
    assert!(e.contains(&format!("organisation.toml:{line}:")), "{e}");
    assert!(e.contains("`procesor` is not a valid `glossary`"), "{e}");
    assert!(e.contains("did you mean \"processor\"?"), "{e}");
    assert!(e.contains("\"special_categories\""), "{e}");
}

/// Adding definitions changes no processing: an editorial change.
#[test]
fn adding_a_glossary_is_an_editorial_change() {
    let (_t, s) = released();
    set_glossary(&s, "[\"personal_data\"]");
    let c = change(&s, "document", "document");
    assert_eq!(c["kind"], "changed", "{c:#}");
    assert_eq!(c["material"], false, "{c:#}");
    let (nb, en) = changelog_after_release(&s);
    assert!(nb.contains("definisjonene"), "{nb}");
    assert!(en.contains("the definitions"), "{en}");
}
