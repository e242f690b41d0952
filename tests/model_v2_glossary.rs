//! Data model v2 (issue 16), items 14, 4 and 10: a glossary of GDPR terms
//! with built-in definitions; a transfer declared as possible for a category
//! of recipients, with one or more mechanisms; a transfer to an
//! international organisation. Each is built into a site and read back from
//! the pages (nb and en), the JSON, the JSON Schema and the diff, with both
//! sides of every new conditional sentence.

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

// ---- 4. Transfers to a category of recipients ---------------------------

const CATEGORY_TRANSFER: &str = "\n[transfers.it-providers]\nrecipients_category = { nb = \"IT-leverandører\", en = \"IT service providers\" }\ncountry = \"worldwide\"\nmechanisms = [\"adequacy\", \"scc\"]\ncopy = { nb = \"Skriv til oss for å få en kopi.\", en = \"Write to us for a copy.\" }\n";

/// A transfer that may go to a category of recipients, worldwide, on one of
/// two mechanisms: "may be transferred", both mechanisms with their
/// articles, no claim that nothing leaves the EEA.
#[test]
fn a_category_transfer_says_the_data_may_be_transferred() {
    let (_t, s) = starter();
    append(&s, PRO, CATEGORY_TRANSFER);
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h3>IT-leverandører – Hele verden</h3>"),
        "{nb}"
    );
    assert!(
        en.contains("<h3>IT service providers – Worldwide</h3>"),
        "{en}"
    );
    assert!(nb.contains("Personopplysninger kan bli overført til mottakere i denne kategorien utenfor EU/EØS (Hele verden)."));
    assert!(en.contains("Personal data may be transferred to recipients in this category outside the EU/EEA (Worldwide)."));
    assert!(nb.contains("Personopplysninger kan bli overført ut av EU/EØS, til tredjeland, slik det står nedenfor. Vi overfører personopplysninger bare med et overføringsgrunnlag etter personvernforordningen kapittel V."), "{nb}");
    assert!(en.contains("Personal data may be transferred outside the EU/EEA, to third countries, as described below. We transfer personal data only on the basis of a transfer mechanism under Chapter V of the GDPR."));
    assert!(!en.contains("international organisation"));
    assert!(nb.contains("Hver overføring bygger på ett av disse overføringsgrunnlagene: <ul> <li>Adekvansbeslutning <span class=\"pv-cite\">(personvernforordningen artikkel 45)</span></li> <li>Standard personvernbestemmelser <span class=\"pv-cite\">(personvernforordningen artikkel 46 nr. 2 bokstav c)</span></li>"), "{nb}");
    assert!(en.contains("Each transfer is based on one of these transfer mechanisms: <ul> <li>Adequacy decision <span class=\"pv-cite\">(Article 45 GDPR)</span></li> <li>Standard contractual clauses <span class=\"pv-cite\">(Article 46(2)(c) GDPR)</span></li>"));
    // The summary says so too.
    assert!(nb.contains("Personopplysninger kan også bli overført ut av EØS til kategorien av mottakere som er beskrevet under «Overføring til land utenfor EØS»."), "{nb}");
    assert!(en.contains("Personal data may also be transferred outside the EEA to the category of recipients described under “Transfers outside the EEA”."));
    // No sentence written for one country or one recipient.
    assert!(!en.contains("has decided that the country ensures"));
    assert!(!nb.contains("Vi overfører ikke personopplysninger til land utenfor EU/EØS."));
    assert!(!en.contains("We do not transfer personal data to countries outside the EU/EEA."));
    assert!(!en.contains("The recipients below process personal data in countries outside"));

    let j = json(&s, "api/en.json");
    let t = &j["notice"]["transfers"][0];
    assert!(t["recipient"].is_null(), "{t:#}");
    assert_eq!(t["recipients_category"], "IT service providers");
    assert_eq!(t["recipient_text"], "IT service providers");
    assert_eq!(t["possible"], true);
    assert_eq!(t["country"], "worldwide");
    assert_eq!(t["destination_text"], "Worldwide");
    assert_eq!(t["mechanisms"], serde_json::json!(["adequacy", "scc"]));
    assert_eq!(
        t["mechanisms_text"][1]["label"],
        "Standard contractual clauses"
    );
    assert!(t.get("mechanism_text").is_none(), "{t:#}");
    let p = &json(&s, "api/policy.json")["policy"]["transfers"][0];
    assert_eq!(p["recipients_category"]["nb"], "IT-leverandører");
    output_valid(&s);
    // The record of processing lists it for every activity, as possible.
    let o = run(&["ropa", s.to_str().expect("utf-8"), "--lang", "en"], &s);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("IT service providers (possible transfer) – Worldwide: Adequacy decision (Article 45 GDPR) / Standard contractual clauses (Article 46(2)(c) GDPR)"), "{}", stdout(&o));
    let o = run(&["ropa", s.to_str().expect("utf-8"), "--lang", "nb"], &s);
    assert!(stdout(&o).contains("IT-leverandører (mulig overføring) – Hele verden: Adekvansbeslutning (personvernforordningen artikkel 45) / Standard personvernbestemmelser"), "{}", stdout(&o));
}

/// A category transfer whose country is not stated, on one mechanism:
/// "not stated", never a guessed country; the mechanism's own explanation.
#[test]
fn a_category_transfer_without_a_country_says_it_is_not_stated() {
    let (_t, s) = starter();
    append(&s, PRO, "\n[transfers.support]\nrecipients_category = { nb = \"Kundestøtteleverandører\", en = \"Customer support providers\" }\nmechanism = \"scc\"\ncopy = { nb = \"Skriv til oss.\", en = \"Write to us.\" }\n");
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h3>Kundestøtteleverandører – Ikke oppgitt</h3>"),
        "{nb}"
    );
    assert!(
        en.contains("<h3>Customer support providers – Not stated</h3>"),
        "{en}"
    );
    assert!(nb.contains("Personopplysninger kan bli overført til mottakere i denne kategorien utenfor EU/EØS. Denne erklæringen oppgir ikke til hvilke land."));
    assert!(en.contains("Personal data may be transferred to recipients in this category outside the EU/EEA. This statement does not say to which countries."));
    assert!(en.contains("Standard contractual clauses <span class=\"pv-cite\">(Article 46(2)(c) GDPR)</span>. The transfer is based on an agreement"));
    assert!(!en.contains("Each transfer is based on one of these"));
    assert!(en.contains("Personal data may also be transferred outside the EEA to the category of recipients described under"));
    let j = json(&s, "api/en.json");
    let t = &j["notice"]["transfers"][0];
    assert!(t["country"].is_null());
    assert_eq!(t["country_text"], "Not stated");
    assert_eq!(t["mechanism_text"], "Standard contractual clauses");
    output_valid(&s);
}

/// The other side: a transfer to a named recipient in a named country is
/// said as a fact, with the usual introduction; no "may".
#[test]
fn a_named_transfer_is_not_said_to_be_possible() {
    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"", "country = \"US\"\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"scc\"\ncopy = { nb = \"Skriv til oss.\", en = \"Write to us.\" }");
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(en.contains("The recipients below process personal data in countries outside the EU/EEA (third countries). We transfer personal data there only"));
    assert!(!nb.contains("kan bli overført") && !en.contains("may be transferred"));
    assert!(!nb.contains("kan også bli overført") && !en.contains("may also be transferred"));
    assert!(!en.contains("international organisation"));
    let t = &json(&s, "api/en.json")["notice"]["transfers"][0];
    assert_eq!(t["possible"], false);
    assert_eq!(t["recipient_text"], "Eksempel Analyse AB");
    assert_eq!(t["destination_text"], "United States");
    assert!(t.get("recipients_category").is_none());
}

/// A category transfer says nothing about a named recipient: one outside
/// the EEA still needs its own transfer. A transfer for that recipient
/// without a country covers it.
#[test]
fn a_category_transfer_does_not_cover_a_named_recipient() {
    let (_t, s) = starter();
    edit(&s, PRO, "country = \"SE\"", "country = \"US\"");
    append(&s, PRO, CATEGORY_TRANSFER);
    let e = check_fails(&s);
    assert!(e.contains("transfer-mechanism-missing"), "{e}");
    assert!(
        e.contains("[recipients.analytics] processes data in US"),
        "{e}"
    );
    // The error stops the build; waived, the page names the uncovered
    // country and does not say every transfer has a mechanism.
    edit(
        &s,
        PRO,
        "country = \"US\"",
        "country = \"US\"\nwaive = { transfer-mechanism-missing = \"asked the provider\" }",
    );
    let (nb, en) = privacy(&s);
    assert!(en.contains("Personal data is or may be transferred outside the EU/EEA, to third countries, as described below.</p>"), "{en}");
    assert!(!en.contains("We transfer personal data only on the basis"));
    assert!(
        nb.contains("Eksempel Analyse AB behandler personopplysninger utenfor EU/EØS (USA)."),
        "{nb}"
    );
    edit(
        &s,
        PRO,
        "\nwaive = { transfer-mechanism-missing = \"asked the provider\" }",
        "",
    );

    append(&s, PRO, "\n[transfers.analytics]\nrecipient = \"analytics\"\nmechanism = \"scc\"\ncopy = { nb = \"Skriv til oss.\", en = \"Write to us.\" }\n");
    check_clean(&s);
    let (_, en) = privacy(&s);
    assert!(
        en.contains("<h3>Eksempel Analyse AB – Not stated</h3>"),
        "{en}"
    );
    assert!(!en.contains("processes personal data outside the EU/EEA (United States)."));
}

/// Exactly one of recipient / recipients_category, of mechanism /
/// mechanisms; at most one of country / international_organisation;
/// adequacy alone cannot cover "worldwide".
#[test]
fn transfer_keys_that_conflict_or_are_missing_are_errors() {
    let cases: [(&str, &str); 6] = [
        ("[transfers.x]\nmechanism = \"scc\"\n", "[transfers.x] names no recipient"),
        ("[transfers.x]\nrecipient = \"analytics\"\nrecipients_category = { nb = \"IT\", en = \"IT\" }\ncountry = \"US\"\nmechanism = \"scc\"\n", "[transfers.x] has both recipient and recipients_category"),
        ("[transfers.x]\nrecipients_category = { nb = \"IT\", en = \"IT\" }\ncountry = \"US\"\ninternational_organisation = \"WHO\"\nmechanism = \"scc\"\n", "[transfers.x] has both country and international_organisation"),
        ("[transfers.x]\nrecipients_category = { nb = \"IT\", en = \"IT\" }\nmechanism = \"scc\"\nmechanisms = [\"bcr\"]\n", "[transfers.x] has both mechanism and mechanisms"),
        ("[transfers.x]\nrecipients_category = { nb = \"IT\", en = \"IT\" }\n", "[transfers.x] names no transfer mechanism"),
        ("[transfers.x]\nrecipients_category = { nb = \"IT\", en = \"IT\" }\ncountry = \"worldwide\"\nmechanism = \"adequacy\"\n", "[transfers.x]: the EU has no adequacy decision for worldwide"),
    ];
    for (toml, msg) in cases {
        let (_t, s) = starter();
        append(&s, PRO, &format!("\n{toml}"));
        let e = check_fails(&s);
        assert!(e.contains(msg), "{msg}: {e}");
        assert!(e.contains("processing.toml:"), "{e}");
        assert!(e.contains("help:"), "{e}");
    }
}

/// Adding a category transfer is material (new transfer), and the changelog
/// names it by its category and region, in words.
#[test]
fn a_new_category_transfer_is_a_material_change() {
    let (_t, s) = released();
    append(&s, PRO, CATEGORY_TRANSFER);
    let c = change(&s, "transfers", "it-providers");
    assert_eq!(c["kind"], "added");
    assert_eq!(c["material"], true, "{c:#}");
    assert_eq!(c["reason"], "new-transfer");
    let (nb, en) = changelog_after_release(&s);
    assert!(
        nb.contains("Overføringen «IT-leverandører (Hele verden)» er lagt til."),
        "{nb}"
    );
    assert!(
        en.contains("The transfer “IT service providers (Worldwide)” was added."),
        "{en}"
    );

    // A change of the mechanisms is material too.
    let (_t, s) = starter();
    append(&s, PRO, CATEGORY_TRANSFER);
    let o = release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    edit(
        &s,
        PRO,
        "mechanisms = [\"adequacy\", \"scc\"]",
        "mechanisms = [\"adequacy\", \"derogation\"]",
    );
    let c = change(&s, "transfers", "it-providers");
    assert_eq!(c["reason"], "transfer-mechanism-changed", "{c:#}");
}

// ---- 10. International organisations ------------------------------------

const WHO: &str = "\n[recipients.who]\nname = \"WHO\"\nkind = \"independent_controller\"\nservice = { nb = \"Melding om smittsomme sykdommer\", en = \"Reporting of communicable diseases\" }\ncountry = \"CH\"\n\n[transfers.who]\nrecipient = \"who\"\ninternational_organisation = { nb = \"Verdens helseorganisasjon\", en = \"the World Health Organization\" }\nmechanism = \"derogation\"\n";

fn with_who() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, s) = starter();
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\", \"who\"]",
    );
    append(&s, PRO, WHO);
    (t, s)
}

/// A transfer to an international organisation names it as one, not as a
/// country; it covers the organisation's seat (the recipient's country).
#[test]
fn a_transfer_to_an_international_organisation_is_named_as_such() {
    let (_t, s) = with_who();
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h3>WHO – Verdens helseorganisasjon</h3>"),
        "{nb}"
    );
    assert!(
        en.contains("<h3>WHO – the World Health Organization</h3>"),
        "{en}"
    );
    assert!(nb.contains("Personopplysninger blir overført til en internasjonal organisasjon (Verdens helseorganisasjon)."));
    assert!(en.contains("Personal data is transferred to an international organisation (the World Health Organization)."));
    assert!(nb.contains("Personopplysninger blir overført ut av EU/EØS, til internasjonale organisasjoner, slik det står nedenfor. Vi overfører personopplysninger bare"), "{nb}");
    assert!(en.contains("Personal data is transferred outside the EU/EEA, to international organisations, as described below. We transfer personal data only on the basis"));
    assert!(!en.contains("may be transferred to an international organisation"));
    assert!(nb.contains("Unntak for særlige situasjoner"));
    assert!(
        !en.contains("WHO processes personal data outside the EU/EEA"),
        "the seat is covered: {en}"
    );
    let t = &json(&s, "api/en.json")["notice"]["transfers"][0];
    assert_eq!(
        t["international_organisation"],
        "the World Health Organization"
    );
    assert_eq!(t["destination_text"], "the World Health Organization");
    assert!(
        t["country"].is_null() && t["country_text"].is_null(),
        "{t:#}"
    );
    assert_eq!(t["possible"], false);
    output_valid(&s);
    let o = run(&["ropa", s.to_str().expect("utf-8"), "--lang", "en"], &s);
    assert!(stdout(&o).contains("WHO – the World Health Organization (international organisation): Derogation for a specific situation (Article 49(1) GDPR)"), "{}", stdout(&o));
}

/// A category of recipients at an international organisation: "may".
/// Adequacy alone for an organisation is a warning to check.
#[test]
fn a_possible_transfer_to_an_international_organisation_and_adequacy() {
    let (_t, s) = starter();
    append(&s, PRO, "\n[transfers.un]\nrecipients_category = { nb = \"FN-organer\", en = \"UN bodies\" }\ninternational_organisation = { nb = \"FN\", en = \"the United Nations\" }\nmechanism = \"derogation\"\n");
    check_clean(&s);
    append(&s, PRO, CATEGORY_TRANSFER);
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Personopplysninger kan også bli overført ut av EØS til kategoriene av mottakere som er beskrevet under «Overføring til land utenfor EØS»."), "{nb}");
    assert!(en.contains("Personal data may also be transferred outside the EEA to the categories of recipients described under “Transfers outside the EEA”."));
    assert!(nb.contains("<h3>FN-organer – FN</h3>"), "{nb}");
    assert!(nb.contains("Personopplysninger kan bli overført ut av EU/EØS, til tredjeland eller internasjonale organisasjoner, slik det står nedenfor."), "{nb}");
    assert!(en.contains("Personal data may be transferred outside the EU/EEA, to third countries or international organisations, as described below."));
    assert!(
        nb.contains("Personopplysninger kan bli overført til en internasjonal organisasjon (FN).")
    );
    assert!(en.contains(
        "Personal data may be transferred to an international organisation (the United Nations)."
    ));

    let (_t, s) = starter();
    append(&s, PRO, "\n[transfers.un]\nrecipients_category = { nb = \"FN-organer\", en = \"UN bodies\" }\ninternational_organisation = { nb = \"FN\", en = \"the United Nations\" }\nmechanism = \"adequacy\"\n");
    let e = check_fails(&s);
    assert!(e.contains("no-adequacy-decision"), "{e}");
    assert!(
        e.contains("no adequacy decision for an international organisation"),
        "{e}"
    );
    let (_, en) = privacy(&s);
    assert!(en.contains("The European Commission has decided that the international organisation ensures an adequate level of protection."));
    assert!(!en.contains("has decided that the country ensures"));
}

/// A transfer moved from a country to an international organisation is a
/// new transfer (material).
#[test]
fn a_new_international_organisation_is_a_material_change() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\", \"who\"]",
    );
    append(&s, PRO, &WHO.replace("international_organisation = { nb = \"Verdens helseorganisasjon\", en = \"the World Health Organization\" }", "country = \"CH\"").replace("mechanism = \"derogation\"", "mechanism = \"adequacy\""));
    check_clean(&s);
    let o = release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    edit(&s, PRO, "[transfers.who]\nrecipient = \"who\"\ncountry = \"CH\"", "[transfers.who]\nrecipient = \"who\"\ninternational_organisation = { nb = \"Verdens helseorganisasjon\", en = \"the World Health Organization\" }");
    edit(
        &s,
        PRO,
        "mechanism = \"adequacy\"",
        "mechanism = \"derogation\"",
    );
    let c = change(&s, "transfers", "who");
    assert_eq!(c["material"], true, "{c:#}");
    let (nb, en) = changelog_after_release(&s);
    assert!(nb.contains("WHO (Verdens helseorganisasjon)"), "{nb}");
    assert!(en.contains("WHO (the World Health Organization)"), "{en}");
}
