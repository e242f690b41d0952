//! Data model v2 (issue 16), legal bases and what follows from them: a
//! basis per purpose, national grounds beside the GDPR basis (e-mail
//! marketing under markedsføringsloven § 15), retention ending in deletion
//! or anonymisation, limits to rights, and disclosures in a business
//! transfer or for legal claims. Each is built into a site and read back
//! from the pages (nb and en), the JSON, the schema and the diff, with both
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

fn activity<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["notice"]["activities"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no activity {id} in {v:#}"))
}

fn check_clean(site: &Path) {
    let o = run(
        &["check", site.to_str().expect("utf-8"), "--deny-warnings"],
        site,
    );
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
}

/// `check` fails; its diagnostics (stderr).
fn check_fails(site: &Path) -> String {
    let o = run(&["check", site.to_str().expect("utf-8")], site);
    assert!(!o.status.success(), "check passed:\n{}", stderr(&o));
    stderr(&o)
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

/// Releases the site as 1.0 (so `diff` compares against it).
fn release_1_0(site: &Path) {
    set_document(site, "1.0", "2026-02-01");
    let o = run_on(
        "2026-01-15",
        &["release", "site"],
        site.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `personvern diff --format json` against the last release: exit code and
/// the changes.
fn diff_json(site: &Path) -> (Option<i32>, Vec<serde_json::Value>) {
    let o = run_on(
        "2026-06-01",
        &["diff", "site", "--format", "json"],
        site.parent().expect("parent"),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    (
        o.status.code(),
        v["changes"].as_array().cloned().unwrap_or_default(),
    )
}

/// The one change to `entity` `id`.
fn change<'a>(changes: &'a [serde_json::Value], entity: &str, id: &str) -> &'a serde_json::Value {
    changes
        .iter()
        .find(|c| c["entity"] == entity && c["id"] == id)
        .unwrap_or_else(|| panic!("{entity}.{id} not in diff: {changes:#?}"))
}

// ---- 1. Legal basis per purpose -----------------------------------------

const TWO_PURPOSES: &str = "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }, { nb = \"Føre oversikt over henvendelser.\", en = \"Keep a record of enquiries.\" }]";
const STARTER_PURPOSES: &str = "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }]";
const STARTER_BASIS: &str = "legal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Å kunne svare dem som tar kontakt med oss.\", en = \"Being able to answer people who contact us.\" }\n";

/// The enquiries activity with two purposes: the first on contract (for
/// the people who contact us), the second on a legal obligation.
fn per_purpose_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, s) = starter();
    edit(&s, PRO, STARTER_PURPOSES, TWO_PURPOSES);
    edit(
        &s,
        PRO,
        STARTER_BASIS,
        "bases = [\n  { purposes = [1], basis = \"contract\", subjects = [\"enquirers\"] },\n  { purposes = [2], basis = \"legal_obligation\", legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" } },\n]\n",
    );
    (t, s)
}

/// Each purpose with the basis that covers it, the group it applies to and
/// the law; `legal_basis` is the bases the entries name.
#[test]
fn bases_per_purpose_render_as_a_purpose_to_basis_list() {
    let (_t, s) = per_purpose_site();
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<ul class=\"pv-purpose-bases\"><li><strong>Svare på spørsmål du sender oss.</strong><ul><li>Nødvendig for å inngå eller oppfylle en avtale med deg <span class=\"pv-cite\">(personvernforordningen artikkel 6 nr. 1 bokstav b)</span>. Gjelder: personer som kontakter oss</li></ul></li>"), "{nb}");
    assert!(nb.contains("<li><strong>Føre oversikt over henvendelser.</strong><ul><li>Rettslig forpliktelse <span class=\"pv-cite\">(personvernforordningen artikkel 6 nr. 1 bokstav c)</span><br>Lovkrav: bokføringsloven § 13</li></ul></li>"), "{nb}");
    assert!(en.contains("<li><strong>Answer questions you send us.</strong><ul><li>Necessary to enter into or perform a contract with you <span class=\"pv-cite\">(Article 6(1)(b) GDPR)</span>. Applies to: people who contact us</li></ul></li>"), "{en}");
    assert!(en.contains("<li><strong>Keep a record of enquiries.</strong><ul><li>Legal obligation <span class=\"pv-cite\">(Article 6(1)(c) GDPR)</span><br>Legal requirement: the Bookkeeping Act, section 13</li></ul></li>"), "{en}");
    let j = json(&s, "api/en.json");
    let a = activity(&j, "enquiries");
    assert_eq!(
        a["legal_basis"],
        serde_json::json!(["contract", "legal_obligation"])
    );
    assert_eq!(a["bases"][0]["purposes"], serde_json::json!([1]));
    assert_eq!(a["bases"][0]["subjects"], serde_json::json!(["enquirers"]));
    assert_eq!(a["bases"][1]["basis_text"]["label"], "Legal obligation");
    assert_eq!(
        a["bases"][1]["basis_text"]["citation"],
        "Article 6(1)(c) GDPR"
    );
    assert_eq!(
        a["bases"][1]["legal_reference"],
        "the Bookkeeping Act, section 13"
    );
    let pj = json(&s, "api/policy.json");
    let pa = pj["policy"]["activities"]
        .as_array()
        .and_then(|v| v.iter().find(|a| a["id"] == "enquiries"))
        .expect("enquiries in policy.json");
    assert_eq!(
        pa["bases"][1]["legal_reference"]["nb"],
        "bokføringsloven § 13"
    );
}

/// The other side: one basis for all purposes stays the simple list, with
/// no purpose → basis list and no "applies to".
#[test]
fn one_basis_for_all_purposes_stays_the_simple_form() {
    let (_t, s) = starter();
    edit(&s, PRO, STARTER_PURPOSES, TWO_PURPOSES);
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("pv-purpose-bases"));
    assert!(!en.contains("pv-purpose-bases"));
    assert!(!nb.contains("Gjelder:"));
    assert!(!en.contains("Applies to:"));
    assert!(
        en.contains(
            "<li>Legitimate interests <span class=\"pv-cite\">(Article 6(1)(f) GDPR)</span></li>"
        ),
        "{en}"
    );
    let j = json(&s, "api/en.json");
    assert!(activity(&j, "enquiries").get("bases").is_none());
}

/// Every purpose covered, numbers in range, each basis with what it needs,
/// groups among the activity's, and legal_basis (if written) the same
/// bases: each an error at the line, naming the fix.
#[test]
fn bases_are_validated_with_file_line_and_fix() {
    // Purpose 2 has no basis.
    let (_t, s) = per_purpose_site();
    edit(
        &s,
        PRO,
        "{ purposes = [2], basis",
        "{ purposes = [1], basis",
    );
    let e = check_fails(&s);
    assert!(
        e.contains("[activities.enquiries] bases gives no legal basis for purpose 2"),
        "{e}"
    );
    assert!(
        e.contains("add an entry with purposes = [2] and its basis"),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "processing.toml:{}",
            line_of(&s, PRO, "{ purposes = [1], basis = \"contract\"")
        )),
        "{e}"
    );

    // A purpose the activity does not have.
    let (_t, s) = per_purpose_site();
    edit(
        &s,
        PRO,
        "{ purposes = [2], basis",
        "{ purposes = [2, 3], basis",
    );
    let e = check_fails(&s);
    assert!(
        e.contains("[activities.enquiries] bases names purpose 3, but the activity has 2 purposes"),
        "{e}"
    );
    assert!(e.contains("number the purposes from 1 to 2"), "{e}");
    assert!(
        e.contains(&format!(
            "processing.toml:{}:",
            line_of(&s, PRO, "purposes = [2, 3]")
        )),
        "{e}"
    );

    // Legal obligation without the law; legitimate interests without the interest.
    let (_t, s) = per_purpose_site();
    edit(&s, PRO, ", legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" }", "");
    edit(
        &s,
        PRO,
        "basis = \"contract\"",
        "basis = \"legitimate_interests\"",
    );
    let e = check_fails(&s);
    assert!(e.contains("legal-reference-missing"), "{e}");
    assert!(
        e.contains("an entry is based on a legal obligation but does not say which law"),
        "{e}"
    );
    assert!(e.contains("legitimate-interest-missing"), "{e}");
    assert!(
        e.contains("an entry is based on legitimate interests but does not say which interest"),
        "{e}"
    );

    // A group of data subjects the activity does not concern.
    let (_t, s) = per_purpose_site();
    edit(
        &s,
        PRO,
        ", subjects = [\"enquirers\"]",
        ", subjects = [\"visitors\"]",
    );
    let e = check_fails(&s);
    assert!(e.contains("bases names the data subjects `visitors`, which are not among the activity's data_subjects"), "{e}");

    // legal_basis written beside bases must name the same bases.
    let (_t, s) = per_purpose_site();
    edit(
        &s,
        PRO,
        "bases = [",
        "legal_basis = \"contract\"\nbases = [",
    );
    let e = check_fails(&s);
    assert!(e.contains("basis-mismatch"), "{e}");
    assert!(
        e.contains(
            "legal_basis lists \"contract\", but bases uses \"contract\", \"legal_obligation\""
        ),
        "{e}"
    );

    // Neither legal_basis nor bases.
    let (_t, s) = starter();
    edit(&s, PRO, STARTER_BASIS, "");
    let e = check_fails(&s);
    assert!(
        e.contains("[activities.enquiries]: missing required key `legal_basis`"),
        "{e}"
    );
    assert!(
        e.contains(
            "or `bases = [{ purposes = [1], basis = \"contract\" }, …]` for a basis per purpose"
        ),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "processing.toml:{}:1",
            line_of(&s, PRO, "[activities.enquiries]")
        )),
        "{e}"
    );
}

/// A purpose that gets another basis is material; rewording an interest
/// inside `bases` is editorial; writing the same single basis as `bases`
/// changes nothing material.
#[test]
fn a_changed_basis_for_a_purpose_is_material() {
    let (_t, s) = per_purpose_site();
    release_1_0(&s);
    edit(&s, PRO, "basis = \"contract\", subjects = [\"enquirers\"]", "basis = \"legitimate_interests\", subjects = [\"enquirers\"], legitimate_interest = { nb = \"Å svare.\", en = \"Answering.\" }");
    let (code, ch) = diff_json(&s);
    let c = change(&ch, "activities", "enquiries");
    assert_eq!(c["material"], true, "{c:#}");
    assert_eq!(c["reason"], "legal-basis-changed");
    assert_eq!(code, Some(1));

    // The same bases, the interest reworded: editorial.
    let (_t, s) = per_purpose_site();
    edit(&s, PRO, "basis = \"contract\", subjects = [\"enquirers\"]", "basis = \"legitimate_interests\", subjects = [\"enquirers\"], legitimate_interest = { nb = \"Å svare.\", en = \"Answering.\" }");
    release_1_0(&s);
    edit(
        &s,
        PRO,
        "nb = \"Å svare.\", en = \"Answering.\"",
        "nb = \"Å svare deg.\", en = \"Answering you.\"",
    );
    let (code, ch) = diff_json(&s);
    let c = change(&ch, "activities", "enquiries");
    assert_eq!(c["material"], false, "{c:#}");
    assert_eq!(code, Some(0));
    // The changelog sentence names the field in words.
    set_document(&s, "1.1", "2026-03-01");
    let o = run_on(
        "2026-02-15",
        &["release", "site"],
        s.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    build_unminified(&s);
    let en = page_text(&s, "en/privacy/changes/index.html");
    let nb = page_text(&s, "nb/personvern/endringer/index.html");
    assert!(en.contains("the legal basis of each purpose"), "{en}");
    assert!(
        nb.contains("behandlingsgrunnlaget for hvert formål"),
        "{nb}"
    );

    // The single basis written as bases: the same basis for the purpose.
    let (_t, s) = starter();
    release_1_0(&s);
    edit(
        &s,
        PRO,
        "legal_basis = \"legitimate_interests\"\n",
        "bases = [{ purposes = [1], basis = \"legitimate_interests\" }]\n",
    );
    let (_, ch) = diff_json(&s);
    let c = change(&ch, "activities", "enquiries");
    assert_eq!(c["material"], false, "{c:#}");
}

// ---- 2. National grounds beside the GDPR basis ----------------------------

const NEWSLETTER: &str = "\n[activities.newsletter]\nname = { nb = \"Nyhetsbrev\", en = \"Newsletter\" }\npurposes = [{ nb = \"Sende tilbud til kunder.\", en = \"Send offers to customers.\" }]\ndata_categories = [\"contact\"]\ndata_subjects = [\"enquirers\"]\nlegal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Markedsføre egne varer.\", en = \"Marketing our own goods.\" }\nnational_ground = \"marketing_act_existing_customer\"\nretention = { period = \"P2Y\", from = \"end_of_contract\" }\nrecipients = [\"email-provider\"]\nprovision = { requirement = \"voluntary\" }\n";

const EXISTING_NB: &str = "Når du er kunde hos oss og vi har fått e-postadressen din i forbindelse med et kjøp, kan vi sende deg markedsføring på e-post uten å spørre om samtykke først, men bare om våre egne varer og tjenester som tilsvarer dem du har kjøpt. Du kan når som helst reservere deg mot slik markedsføring, enkelt og gratis, også i hver e-post vi sender (markedsføringsloven § 15).";
const EXISTING_EN: &str = "When you are our customer and we received your e-mail address in connection with a sale, we may send you marketing by e-mail without asking for your consent first, but only about our own goods and services similar to those you bought. You can refuse such marketing simply and free of charge at any time, including in every e-mail we send (section 15 of the Norwegian Marketing Control Act, markedsføringsloven).";
const CONSENT_NB: &str = "Vi sender deg markedsføring på e-post bare hvis du har samtykket til det på forhånd (markedsføringsloven § 15).";
const CONSENT_EN: &str = "We send you marketing by e-mail only if you have consented to it in advance (section 15 of the Norwegian Marketing Control Act, markedsføringsloven).";

/// The existing-customer ground: its own label (not "Legal requirement"),
/// the built-in wording citing markedsføringsloven § 15 and the right to
/// refuse in every message.
#[test]
fn marketing_act_existing_customer_has_its_own_wording() {
    let (_t, s) = starter();
    append(&s, PRO, NEWSLETTER);
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains(&format!(
            "<dt>Markedsføring på e-post</dt> <dd>{EXISTING_NB}</dd>"
        )),
        "{nb}"
    );
    assert!(
        en.contains(&format!(
            "<dt>Marketing by e-mail</dt> <dd>{EXISTING_EN}</dd>"
        )),
        "{en}"
    );
    // A ground that permits is not a legal requirement.
    assert!(!nb.contains("<dt>Lovkrav</dt>"));
    assert!(!en.contains("<dt>Legal requirement</dt>"));
    assert!(!en.contains(CONSENT_EN));
    let j = json(&s, "api/en.json");
    let a = activity(&j, "newsletter");
    assert_eq!(a["national_ground"], "marketing_act_existing_customer");
    assert_eq!(a["national_ground_text"], EXISTING_EN);
    assert_eq!(
        activity(&json(&s, "api/nb.json"), "newsletter")["national_ground_text"],
        EXISTING_NB
    );
}

/// The consent ground, on the activity and in an entry of `bases`; with
/// none, nothing about marketing by e-mail is said.
#[test]
fn marketing_act_consent_and_no_national_ground() {
    let (_t, s) = starter();
    append(&s, PRO, NEWSLETTER);
    edit(
        &s,
        PRO,
        "national_ground = \"marketing_act_existing_customer\"",
        "national_ground = \"marketing_act_consent\"",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains(CONSENT_NB), "{nb}");
    assert!(en.contains(CONSENT_EN), "{en}");
    assert!(!en.contains(EXISTING_EN));

    // In an entry of bases: under that purpose's basis.
    let (_t, s) = starter();
    append(&s, PRO, &NEWSLETTER.replace(
        "legal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Markedsføre egne varer.\", en = \"Marketing our own goods.\" }\nnational_ground = \"marketing_act_existing_customer\"\n",
        "bases = [{ purposes = [1], basis = \"consent\", national_ground = \"marketing_act_consent\" }]\nconsent_withdrawal = { nb = \"Meld deg av i e-posten.\", en = \"Unsubscribe in the e-mail.\" }\n",
    ));
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains(&format!(
            "(personvernforordningen artikkel 6 nr. 1 bokstav a)</span><br>{CONSENT_NB}</li>"
        )),
        "{nb}"
    );
    assert!(
        en.contains(&format!(
            "(Article 6(1)(a) GDPR)</span><br>{CONSENT_EN}</li>"
        )),
        "{en}"
    );
    let j = json(&s, "api/en.json");
    assert_eq!(
        activity(&j, "newsletter")["bases"][0]["national_ground_text"],
        CONSENT_EN
    );

    // No national ground: nothing said.
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &NEWSLETTER.replace(
            "national_ground = \"marketing_act_existing_customer\"\n",
            "",
        ),
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Markedsføring på e-post"));
    assert!(!nb.contains("markedsføringsloven"));
    assert!(!en.contains("Marketing Control Act"));
}

/// Adding or changing a national ground is a material change of what
/// allows the processing.
#[test]
fn a_changed_national_ground_is_material() {
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &NEWSLETTER.replace(
            "national_ground = \"marketing_act_existing_customer\"\n",
            "",
        ),
    );
    release_1_0(&s);
    edit(&s, PRO, "retention = { period = \"P2Y\", from = \"end_of_contract\" }", "national_ground = \"marketing_act_existing_customer\"\nretention = { period = \"P2Y\", from = \"end_of_contract\" }");
    let (code, ch) = diff_json(&s);
    let c = change(&ch, "activities", "newsletter");
    assert_eq!(c["reason"], "legal-basis-changed", "{c:#}");
    assert_eq!(code, Some(1));
}

// ---- 12. Retention, then deletion or anonymisation -------------------------

/// `then = "anonymise"` with what remains; `then = "delete"`; and neither
/// (today's sentence only).
#[test]
fn retention_then_anonymise_or_delete() {
    let (_t, s) = starter();
    edit(&s, PRO, "retention = { period = \"P1Y\", from = \"case_closed\" }", "retention = { period = \"P1Y\", from = \"case_closed\", then = \"anonymise\", remains = { nb = \"antall henvendelser per måned\", en = \"the number of enquiries per month\" } }");
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("1 år etter at saken er avsluttet. Deretter anonymiserer vi opplysningene, slik at de ikke lenger kan knyttes til deg. Det som blir igjen: antall henvendelser per måned</dd>"), "{nb}");
    assert!(en.contains("after the case is closed. Then we anonymise the data, so that it can no longer be linked to you. What remains: the number of enquiries per month</dd>"), "{en}");
    assert!(!en.contains("Then we delete the data."));
    let j = json(&s, "api/en.json");
    let a = activity(&j, "enquiries");
    assert_eq!(a["retention"]["then"], "anonymise");
    assert_eq!(
        a["retention"]["remains"],
        "the number of enquiries per month"
    );
    assert_eq!(
        a["retention_then_text"],
        "Then we anonymise the data, so that it can no longer be linked to you."
    );

    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "from = \"case_closed\" }",
        "from = \"case_closed\", then = \"delete\" }",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("etter at saken er avsluttet. Deretter sletter vi opplysningene.</dd>"),
        "{nb}"
    );
    assert!(
        en.contains("after the case is closed. Then we delete the data.</dd>"),
        "{en}"
    );
    assert!(!en.contains("Then we anonymise"));

    // Not stated: neither sentence.
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(nb.contains("etter at saken er avsluttet.</dd>"), "{nb}");
    assert!(!nb.contains("Deretter"));
    assert!(!en.contains("Then we"));
    assert!(activity(&json(&s, "api/en.json"), "enquiries")
        .get("retention_then_text")
        .is_none());

    // What remains after deletion: an error naming the fix.
    let (_t, s) = starter();
    edit(&s, PRO, "from = \"case_closed\" }", "from = \"case_closed\", then = \"delete\", remains = { nb = \"tall\", en = \"numbers\" } }");
    let e = check_fails(&s);
    assert!(e.contains("remains-without-anonymisation"), "{e}");
    assert!(e.contains("add then = \"anonymise\" to retention"), "{e}");
    assert!(
        e.contains(&format!(
            "processing.toml:{}:",
            line_of(&s, PRO, "remains = ")
        )),
        "{e}"
    );
}

// ---- 15. Limits to rights ---------------------------------------------------

const LIMITS: &str = "\n[rights.limits]\naccess = { nb = \"Retten til innsyn gjelder ikke opplysninger som er underlagt taushetsplikt (personopplysningsloven § 16).\", en = \"The right of access does not cover data subject to a duty of confidentiality (Personal Data Act, section 16).\" }\nobjection = { nb = \"Vi kan fortsette når vi trenger opplysningene for et rettskrav.\", en = \"We may continue where we need the data for a legal claim.\" }\n";

/// A limit is shown beside its right (and in the right to object's own
/// box); a right without one shows none.
#[test]
fn limits_to_rights_are_shown_beside_the_right() {
    let (_t, s) = starter();
    append(&s, ORG, LIMITS);
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("(personvernforordningen artikkel 15).<p class=\"pv-note\">Begrensninger i denne retten: Retten til innsyn gjelder ikke opplysninger som er underlagt taushetsplikt (personopplysningsloven § 16).</p></dd>"), "{nb}");
    assert!(en.contains("(Article 15 GDPR).<p class=\"pv-note\">Limits to this right: The right of access does not cover data subject to a duty of confidentiality (Personal Data Act, section 16).</p></dd>"), "{en}");
    // The starter rests on legitimate interests: the right to object has its own box.
    assert!(en.contains("<p class=\"pv-note\">Limits to this right: We may continue where we need the data for a legal claim.</p> </div>"), "{en}");
    assert_eq!(en.matches("Limits to this right").count(), 2, "{en}");
    let j = json(&s, "api/en.json");
    assert_eq!(
        j["notice"]["rights"]["limits"]["access"],
        "The right of access does not cover data subject to a duty of confidentiality (Personal Data Act, section 16)."
    );
    assert!(j["notice"]["rights"]["limits"].get("erasure").is_none());

    // None: nothing shown.
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Begrensninger i denne retten"));
    assert!(!en.contains("Limits to this right"));
    assert!(json(&s, "api/en.json")["notice"]["rights"]
        .get("limits")
        .is_none());

    // A right that does not exist: the known ones are named.
    let (_t, s) = starter();
    append(
        &s,
        ORG,
        "\n[rights.limits]\ninsight = { nb = \"…\", en = \"…\" }\n",
    );
    let e = check_fails(&s);
    assert!(e.contains("insight"), "{e}");
    assert!(e.contains("access"), "{e}");
}

/// A right newly limited is material.
#[test]
fn a_new_limit_to_a_right_is_material() {
    let (_t, s) = starter();
    release_1_0(&s);
    append(&s, ORG, LIMITS);
    let (code, ch) = diff_json(&s);
    let c = change(&ch, "rights", "rights");
    assert_eq!(c["reason"], "right-limited", "{c:#}");
    assert_eq!(code, Some(1));
}

// ---- 9. Disclosures in a business transfer or for legal claims -------------

const BT_NB: &str = "Hvis vi selger, fusjonerer eller overdrar hele eller deler av virksomheten, kan vi utlevere personopplysninger til kjøperen eller en mulig kjøper og deres rådgivere, i den grad det er nødvendig for transaksjonen. Grunnlaget er vår berettigede interesse i å gjennomføre transaksjonen (personvernforordningen artikkel 6 nr. 1 bokstav f).";
const BT_EN: &str = "If we sell, merge or transfer all or part of our business, we may disclose personal data to the buyer or a prospective buyer and their advisers, to the extent necessary for the transaction. The basis is our legitimate interest in carrying out the transaction (Article 6(1)(f) GDPR).";
const LC_NB: &str = "Vi kan utlevere personopplysninger til domstoler, advokater eller motparten når det er nødvendig for å fastsette, gjøre gjeldende eller forsvare rettskrav. Grunnlaget er vår berettigede interesse i å ivareta vår rettsstilling (personvernforordningen artikkel 6 nr. 1 bokstav f).";
const LC_EN: &str = "We may disclose personal data to courts, lawyers or the other party where this is necessary to establish, exercise or defend legal claims. The basis is our legitimate interest in safeguarding our legal position (Article 6(1)(f) GDPR).";
const LC_SPECIAL_EN: &str = "For special categories of personal data, the condition is that the processing is necessary to establish, exercise or defend legal claims (Article 9(2)(f) GDPR).";

/// Both disclosures with their built-in wording; legal claims cites art.
/// 9(2)(f) only where the activity has special category data.
#[test]
fn disclosures_in_a_business_transfer_and_for_legal_claims() {
    let (_t, s) = starter();
    edit(&s, PRO, "recipients = [\"email-provider\"]", "recipients = [\"email-provider\"]\ndisclosures = [\"business_transfer\", \"legal_claims\"]");
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains(&format!(
            "<dt>Annen utlevering</dt> <dd><ul><li>{BT_NB}</li><li>{LC_NB}</li></ul></dd>"
        )),
        "{nb}"
    );
    assert!(
        en.contains(&format!(
            "<dt>Other disclosures</dt> <dd><ul><li>{BT_EN}</li><li>{LC_EN}</li></ul></dd>"
        )),
        "{en}"
    );
    assert!(!en.contains(LC_SPECIAL_EN));
    let j = json(&s, "api/en.json");
    let a = activity(&j, "enquiries");
    assert_eq!(
        a["disclosures"],
        serde_json::json!(["business_transfer", "legal_claims"])
    );
    assert_eq!(a["disclosures_text"][1]["text"], LC_EN);

    // Special category data: the art. 9(2)(f) condition is added.
    let (_t, s) = starter();
    edit(&s, PRO, "recipients = [\"email-provider\"]", "recipients = [\"email-provider\"]\ndisclosures = [\"legal_claims\"]\nspecial_category_condition = \"legal_claims\"");
    edit(
        &s,
        PRO,
        "label = { nb = \"Kontaktopplysninger\", en = \"Contact details\" }",
        "label = { nb = \"Kontaktopplysninger\", en = \"Contact details\" }\nspecial = true",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(
        en.contains(&format!("<li>{LC_EN} {LC_SPECIAL_EN}</li>")),
        "{en}"
    );
    assert!(
        nb.contains("(personvernforordningen artikkel 9 nr. 2 bokstav f).</li>"),
        "{nb}"
    );
    assert_eq!(
        activity(&json(&s, "api/en.json"), "enquiries")["disclosures_text"][0]["text"],
        format!("{LC_EN} {LC_SPECIAL_EN}")
    );

    // None: nothing said.
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Annen utlevering"));
    assert!(!en.contains("Other disclosures"));
}

/// The disclosures rest on legitimate interests: the right to object is
/// shown on its own even where no activity names that basis.
#[test]
fn disclosures_bring_the_right_to_object() {
    let (_t, s) = starter();
    edit(&s, PRO, STARTER_BASIS, "legal_basis = \"contract\"\n");
    edit(
        &s,
        PRO,
        "requirement = \"voluntary\", consequence = { nb = \"Uten",
        "requirement = \"contractual\", consequence = { nb = \"Uten",
    );
    let (_nb, en) = privacy(&s);
    assert!(
        !en.contains("id=\"pv-objection\""),
        "no basis (e) or (f): {en}"
    );
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\"]\ndisclosures = [\"legal_claims\"]",
    );
    let (nb, en) = privacy(&s);
    assert!(en.contains("id=\"pv-objection\""), "{en}");
    assert!(nb.contains("id=\"pv-objection\""), "{nb}");
}

/// Adding a disclosure is material (a new kind of recipient).
#[test]
fn a_new_disclosure_is_material() {
    let (_t, s) = starter();
    release_1_0(&s);
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\"]\ndisclosures = [\"business_transfer\"]",
    );
    let (code, ch) = diff_json(&s);
    let c = change(&ch, "activities", "enquiries");
    assert_eq!(c["reason"], "new-disclosure", "{c:#}");
    assert_eq!(code, Some(1));
}

// ---- The record of processing (art. 30) ------------------------------------

/// The record lists each purpose with its basis, the entries' law, the
/// national ground and what happens when the retention period ends.
#[test]
fn the_record_of_processing_has_bases_per_purpose_and_the_end_of_retention() {
    let (_t, s) = per_purpose_site();
    edit(
        &s,
        PRO,
        "retention = { period = \"P1Y\", from = \"case_closed\" }",
        "retention = { period = \"P1Y\", from = \"case_closed\", then = \"anonymise\", remains = { nb = \"antall henvendelser\", en = \"the number of enquiries\" } }\nnational_ground = \"marketing_act_consent\"",
    );
    check_clean(&s);
    let o = run(
        &[
            "ropa",
            s.to_str().expect("utf-8"),
            "--lang",
            "en",
            "--format",
            "csv",
        ],
        &s,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    assert!(csv.contains("Answer questions you send us. – Necessary to enter into or perform a contract with you"), "{csv}");
    assert!(
        csv.contains("Keep a record of enquiries. – Legal obligation"),
        "{csv}"
    );
    assert!(
        csv.contains("Legal requirement: the Bookkeeping Act, section 13")
            || csv.contains("the Bookkeeping Act, section 13"),
        "{csv}"
    );
    assert!(csv.contains(CONSENT_EN), "{csv}");
    assert!(
        csv.contains("Then we anonymise the data, so that it can no longer be linked to you."),
        "{csv}"
    );
    assert!(
        csv.contains("What remains: the number of enquiries"),
        "{csv}"
    );

    // The simple form: the bases without purposes, nothing about the end.
    let (_t, s) = starter();
    let o = run(
        &[
            "ropa",
            s.to_str().expect("utf-8"),
            "--lang",
            "en",
            "--format",
            "csv",
        ],
        &s,
    );
    let csv = stdout(&o);
    assert!(!csv.contains(" – Legitimate interests"), "{csv}");
    assert!(!csv.contains("Then we"), "{csv}");
}

/// Purposes covered by the same entries of `bases` are said once,
/// together; when that is every purpose, "All the purposes above".
#[test]
fn purposes_with_the_same_bases_are_said_together() {
    const THREE: &str = "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }, { nb = \"Føre oversikt over henvendelser.\", en = \"Keep a record of enquiries.\" }, { nb = \"Følge opp saken.\", en = \"Follow up the case.\" }]";
    let (_t, s) = starter();
    edit(&s, PRO, STARTER_PURPOSES, THREE);
    edit(
        &s,
        PRO,
        STARTER_BASIS,
        "bases = [\n  { purposes = [1, 3], basis = \"contract\" },\n  { purposes = [2], basis = \"legal_obligation\", legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" } },\n]\n",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<li><strong>Svare på spørsmål du sender oss.</strong><br><strong>Følge opp saken.</strong><ul><li>Nødvendig for å inngå"), "{nb}");
    assert!(en.contains("<li><strong>Answer questions you send us.</strong><br><strong>Follow up the case.</strong><ul><li>Necessary to enter into"), "{en}");
    assert!(
        en.contains("<li><strong>Keep a record of enquiries.</strong><ul><li>Legal obligation"),
        "{en}"
    );
    assert!(!en.contains("All the purposes above") && !nb.contains("Alle formålene ovenfor"));

    // Every purpose on the same two bases, per group of data subjects.
    edit(
        &s,
        PRO,
        "bases = [\n  { purposes = [1, 3], basis = \"contract\" },\n  { purposes = [2], basis = \"legal_obligation\", legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" } },\n]\n",
        "bases = [\n  { purposes = [1, 2, 3], basis = \"contract\", subjects = [\"enquirers\"] },\n  { purposes = [1, 2, 3], basis = \"legal_obligation\", legal_reference = { nb = \"bokføringsloven § 13\", en = \"the Bookkeeping Act, section 13\" } },\n]\n",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<ul class=\"pv-purpose-bases\"><li><strong>Alle formålene ovenfor</strong><ul><li>Nødvendig for å inngå"), "{nb}");
    assert!(en.contains("<ul class=\"pv-purpose-bases\"><li><strong>All the purposes above</strong><ul><li>Necessary to enter into"), "{en}");
    assert_eq!(
        en.matches("Follow up the case.").count(),
        1,
        "said once, as a purpose"
    );
}

/// A data subject group in `bases` that is not declared is one clear
/// error at the id (never a template failure while rendering).
#[test]
fn an_unknown_data_subject_in_bases_is_one_error_at_the_id() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        STARTER_BASIS,
        "bases = [{ purposes = [1], basis = \"contract\", subjects = [\"nope\"] }]\n",
    );
    let e = check_fails(&s);
    assert!(
        e.contains("error[unknown-reference]: [activities.enquiries] bases refers to `nope`, which is not declared in [data_subjects]"),
        "{e}"
    );
    assert_eq!(e.matches("error[").count(), 1, "{e}");
    assert!(!e.contains("error[render]"), "{e}");
}
