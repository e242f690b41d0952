//! Data model v2 (issue 16), the controller side: joint controllers and the
//! essence of their arrangement (GDPR art. 26), the lead and other
//! supervisory authorities (art. 56, 77), and what is processed for
//! customers as a processor (data categories, special categories, sectors).
//! Each is built into a site and read back from the pages (nb and en), the
//! JSON, the schema, `check` and the diff, with both sides of every new
//! conditional sentence.

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

/// `check` (warnings allowed): its exit status and stderr.
fn check(site: &Path) -> (bool, String) {
    let o = run(&["check", site.to_str().expect("utf-8")], site);
    (o.status.success(), stderr(&o))
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

/// Releases the site as `version`, effective `effective`, on `day`.
fn release(site: &Path, day: &str, version: &str, effective: &str) {
    set_document(site, version, effective);
    let o = run_on(
        day,
        &[
            "release",
            "site",
            "--note-nb",
            "Ny versjon.",
            "--note-en",
            "New version.",
        ],
        site.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The live data against the last release: the changes, as JSON.
fn diff_changes(site: &Path) -> Vec<serde_json::Value> {
    let o = run_on(
        "2026-06-01",
        &["diff", "site", "--format", "json"],
        site.parent().expect("parent"),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    v["changes"].as_array().cloned().unwrap_or_default()
}

fn change<'a>(changes: &'a [serde_json::Value], entity: &str, id: &str) -> &'a serde_json::Value {
    changes
        .iter()
        .find(|c| c["entity"] == entity && c["id"] == id)
        .unwrap_or_else(|| panic!("{entity}.{id} not in diff: {changes:#?}"))
}

// ---- 8. Joint controllers (art. 26) ---------------------------------------

const PARTNER: &str = "[recipients.partner]\nname = \"Partner <Arrangement> AS\"\nkind = \"joint_controller\"\nservice = { nb = \"Felles kundeklubb\", en = \"Joint customer club\" }\ncountry = \"NO\"\n";
const ARRANGEMENT: &str = "arrangement = { nb = \"Partner AS gir deg informasjonen og svarer på forespørslene dine.\", en = \"Partner AS gives you the information and answers your requests.\" }\n";

/// A starter site whose enquiries go to a joint controller too; `extra`
/// is added to the joint controller's table.
fn with_partner(extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, s) = starter();
    edit(
        &s,
        PRO,
        "[recipients.analytics]",
        &format!("{PARTNER}{extra}\n[recipients.analytics]"),
    );
    edit(
        &s,
        PRO,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\", \"partner\"]",
    );
    (t, s)
}

/// The essence of the arrangement is shown under the joint controller's
/// name, with the art. 26(3) statement; the JSON carries it.
#[test]
fn a_joint_controller_shows_the_essence_of_the_arrangement() {
    let (_t, s) = with_partner(ARRANGEMENT);
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<h3 id=\"pv-joint-controllers\">Felles behandlingsansvar</h3>"),
        "{nb}"
    );
    assert!(
        en.contains("<h3 id=\"pv-joint-controllers\">Joint controllers</h3>"),
        "{en}"
    );
    assert!(nb.contains("Vi er felles behandlingsansvarlige med disse mottakerne: vi bestemmer sammen formålet med behandlingen og hvordan den skal gjøres (personvernforordningen artikkel 26). Nedenfor står hovedinnholdet i ordningen med hver av dem (artikkel 26 nr. 2). Uansett hva ordningen sier, kan du bruke rettighetene dine overfor hver av oss (artikkel 26 nr. 3)."));
    assert!(en.contains("Whatever the arrangement says, you can exercise your rights in respect of and against each of us (Article 26(3))."));
    // The name is escaped, the arrangement rendered under it.
    assert!(nb.contains("<h4>Partner &lt;Arrangement&gt; AS</h4> <p>Partner AS gir deg informasjonen og svarer på forespørslene dine.</p>"), "{nb}");
    assert!(en.contains("<p>Partner AS gives you the information and answers your requests.</p>"));
    assert!(!nb.contains("Denne erklæringen beskriver ikke hovedinnholdet i ordningen."));
    assert!(!en.contains("This statement does not describe the essence of the arrangement."));
    let j = json(&s, "api/en.json");
    assert_eq!(
        recipient(&j, "partner")["arrangement"],
        "Partner AS gives you the information and answers your requests."
    );
    assert!(recipient(&j, "email-provider")["arrangement"].is_null());
    // The output JSON keeps to its published schema.
    for (data, schema) in [
        ("api/en.json", "api/notice.schema.json"),
        ("api/policy.json", "api/policy.schema.json"),
    ] {
        let v = jsonschema::validator_for(&json(&s, schema)).expect("schema compiles");
        let errors: Vec<String> = v
            .iter_errors(&json(&s, data))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{data}: {errors:#?}");
    }
    let p = json(&s, "api/policy.json");
    let r = p["policy"]["recipients"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == "partner"))
        .expect("partner");
    assert_eq!(
        r["arrangement"]["nb"],
        "Partner AS gir deg informasjonen og svarer på forespørslene dine."
    );
}

/// No joint controller: no joint-controller section at all.
#[test]
fn no_joint_controller_no_joint_section() {
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("Felles behandlingsansvar"));
    assert!(!en.contains("pv-joint-controllers"));
    assert!(!en.contains("essence of the arrangement"));
}

/// A joint controller without the arrangement: `check` warns (and a waiver
/// silences it); the page says the arrangement is not described, never
/// leaves it to look like there is none.
#[test]
fn a_joint_controller_without_arrangement_warns_and_says_so() {
    let (_t, s) = with_partner("");
    let (ok, e) = check(&s);
    assert!(ok, "a warning only: {e}");
    assert!(e.contains("joint-arrangement-missing"), "{e}");
    assert!(
        e.contains("[recipients.partner] is a joint controller"),
        "{e}"
    );
    assert!(
        e.contains("processing.toml:"),
        "names the file and line: {e}"
    );
    assert!(e.contains("add arrangement = {"), "names the fix: {e}");
    let o = run(
        &["check", s.to_str().expect("utf-8"), "--deny-warnings"],
        &s,
    );
    assert!(!o.status.success());

    edit(
        &s,
        PRO,
        "kind = \"joint_controller\"\n",
        "kind = \"joint_controller\"\nwaive = { joint-arrangement-missing = \"The arrangement is being negotiated.\" }\n",
    );
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<h4>Partner &lt;Arrangement&gt; AS</h4> <p>Denne erklæringen beskriver ikke hovedinnholdet i ordningen.</p>"), "{nb}");
    assert!(
        en.contains("<p>This statement does not describe the essence of the arrangement.</p>"),
        "{en}"
    );
    assert!(recipient(&json(&s, "api/en.json"), "partner")["arrangement"].is_null());
}

/// An arrangement on a recipient that is not a joint controller is an
/// error at the arrangement, naming the fix.
#[test]
fn an_arrangement_on_a_processor_is_an_error() {
    let (_t, s) = starter();
    edit(
        &s,
        PRO,
        "country = \"NO\"\n",
        &format!("country = \"NO\"\n{ARRANGEMENT}"),
    );
    let (ok, e) = check(&s);
    assert!(!ok, "{e}");
    assert!(
        e.contains("[recipients.email-provider] has an arrangement, but its kind is `processor`, not `joint_controller`"),
        "{e}"
    );
    let line = fs::read_to_string(s.join(PRO))
        .expect("read")
        .lines()
        .position(|l| l.starts_with("arrangement ="))
        .expect("line")
        + 1;
    assert!(e.contains(&format!("processing.toml:{line}:")), "{e}");
    assert!(
        e.contains("write kind = \"joint_controller\", or remove arrangement"),
        "{e}"
    );
}

/// A changed arrangement is material (who answers people's requests);
/// an unchanged one is no change.
#[test]
fn a_changed_arrangement_is_material() {
    let (_t, s) = with_partner(ARRANGEMENT);
    release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert!(
        diff_changes(&s).is_empty(),
        "the snapshot reads back unchanged"
    );
    edit(
        &s,
        PRO,
        "Partner AS gir deg informasjonen",
        "Vi gir deg informasjonen",
    );
    let changes = diff_changes(&s);
    let c = change(&changes, "recipients", "partner");
    assert_eq!(c["material"], true, "{c:#}");
    assert_eq!(c["reason"], "joint-arrangement-changed");
    // The changelog names the field in words.
    release(&s, "2026-03-01", "1.1", "2026-04-01");
    build_unminified(&s);
    let nb = page_text(&s, "nb/personvern/endringer/index.html");
    let en = page_text(&s, "en/privacy/changes/index.html");
    assert!(
        nb.contains("hovedinnholdet i ordningen for felles behandlingsansvar"),
        "{nb}"
    );
    assert!(
        en.contains("the essence of the joint controller arrangement"),
        "{en}"
    );
}

// ---- 11. Processor contexts ----------------------------------------------

const CONTEXT: &str = "\n[processor_contexts.booking]\nservice = { nb = \"Bookingsystemet vårt for klinikker\", en = \"Our booking system for clinics\" }\ndescription = { nb = \"Klinikken er behandlingsansvarlig.\", en = \"The clinic is the controller.\" }\n";

/// The data processed for customers, with special and criminal-offence
/// categories marked, and the customers' sectors.
#[test]
fn a_processor_context_lists_its_data_special_categories_and_sectors() {
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &format!("{CONTEXT}data_categories = [\"contact\", \"health\", \"records\"]\nsectors = [{{ nb = \"Helse\", en = \"Health care\" }}, {{ nb = \"Kommuner\", en = \"Municipalities\" }}]\n\n[data_categories.health]\nlabel = {{ nb = \"Helseopplysninger\", en = \"Health data\" }}\nexamples = {{ nb = \"timebestillinger hos lege\", en = \"appointments with a doctor\" }}\nspecial = true\n\n[data_categories.records]\nlabel = {{ nb = \"Vandelsopplysninger\", en = \"Criminal records\" }}\ncriminal = true\n"),
    );
    // Categories used only here are used: no unused-entity warning.
    check_clean(&s);
    schema_accepts(&s, PRO);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<p><strong>Kundenes bransjer:</strong> Helse, Kommuner</p>"),
        "{nb}"
    );
    assert!(
        en.contains("sectors:</strong> Health care, Municipalities</p>"),
        "{en}"
    );
    assert!(nb.contains("<p><strong>Personopplysninger vi behandler for kundene i denne tjenesten:</strong></p> <ul><li>Kontaktopplysninger: navn, e-postadresse og telefonnummer</li><li>Helseopplysninger: timebestillinger hos lege</li><li>Vandelsopplysninger</li></ul>"), "{nb}");
    assert!(en.contains("Personal data we process for the customers in this service"));
    let card = |page: &str| {
        let i = page.find("pv-processor-context-booking").expect("card");
        page[i..i + page[i..].find("</div>").expect("end")].to_string()
    };
    assert!(card(&nb).contains(
        "Omfatter særlige kategorier av personopplysninger (personvernforordningen artikkel 9)."
    ));
    assert!(card(&en).contains("Includes special categories of personal data (Article 9 GDPR)."));
    assert!(card(&nb).contains("Omfatter personopplysninger om straffedommer og lovovertredelser (personvernforordningen artikkel 10)."));
    assert!(card(&en).contains(
        "Includes personal data relating to criminal convictions and offences (Article 10 GDPR)."
    ));
    let j = json(&s, "api/en.json");
    let pc = &j["notice"]["processor_contexts"][0];
    assert_eq!(pc["id"], "booking");
    assert_eq!(
        pc["data_categories"],
        serde_json::json!(["contact", "health", "records"])
    );
    assert_eq!(
        pc["sectors"],
        serde_json::json!(["Health care", "Municipalities"])
    );
    let p = json(&s, "api/policy.json");
    assert_eq!(
        p["policy"]["processor_contexts"][0]["sectors"][0]["nb"],
        "Helse"
    );
}

/// The other sides: ordinary categories only (no special or criminal
/// note), and a context that names neither data nor sectors says nothing
/// about them (not "none").
#[test]
fn a_processor_context_says_only_what_it_is_given() {
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &format!("{CONTEXT}data_categories = [\"contact\"]\n"),
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<li>Kontaktopplysninger: navn, e-postadresse og telefonnummer</li>"));
    assert!(!nb.contains("Omfatter særlige kategorier"));
    assert!(!en.contains("Includes personal data relating to criminal"));
    assert!(!nb.contains("Kundenes bransjer"));
    assert!(!en.contains("sectors:"));

    let (_t, s) = starter();
    append(&s, PRO, CONTEXT);
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Bookingsystemet vårt for klinikker"));
    assert!(!nb.contains("Personopplysninger vi behandler for kundene"));
    assert!(!en.contains("Personal data we process for the customers"));
    assert!(!nb.contains("Kundenes bransjer"));
    let j = json(&s, "api/en.json");
    assert_eq!(
        j["notice"]["processor_contexts"][0]["data_categories"],
        serde_json::json!([])
    );
}

/// A data category that is not declared is an error naming the context.
#[test]
fn a_processor_context_with_an_unknown_category_is_an_error() {
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &format!("{CONTEXT}data_categories = [\"helth\"]\n"),
    );
    let (ok, e) = check(&s);
    assert!(!ok, "{e}");
    assert!(
        e.contains("[processor_contexts.booking] refers to `helth`, which is not declared in [data_categories]"),
        "{e}"
    );
}

/// What is processed for customers is not our processing: a new sector is
/// editorial; the diff says which field changed.
#[test]
fn processor_context_changes_are_editorial() {
    let (_t, s) = starter();
    append(
        &s,
        PRO,
        &format!("{CONTEXT}sectors = [{{ nb = \"Helse\", en = \"Health care\" }}]\n"),
    );
    release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert!(
        diff_changes(&s).is_empty(),
        "the snapshot reads back unchanged"
    );
    edit(
        &s,
        PRO,
        "sectors = [",
        "sectors = [{ nb = \"Skoler\", en = \"Schools\" }, ",
    );
    let changes = diff_changes(&s);
    let c = change(&changes, "processor_contexts", "booking");
    assert_eq!(c["material"], false, "{c:#}");
    assert_eq!(c["fields"][0]["field"], "sectors");
}

// ---- 13. Supervisory authorities (art. 56, 77) ---------------------------

const PLAIN_SA: &str = "supervisory_authority = \"datatilsynet\"\n";

fn with_authorities(table: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, s) = starter();
    edit(
        &s,
        ORG,
        PLAIN_SA,
        &format!("[supervisory_authority]\n{table}\n"),
    );
    (t, s)
}

/// The lead authority is called so (art. 56) and the others are listed,
/// each with its complaint channels; the art. 77 sentence stays.
#[test]
fn lead_and_other_authorities_render_with_their_complaint_channels() {
    let (_t, s) = with_authorities(
        "id = \"datatilsynet\"\nlead = true\nothers = [\"imy\", \"datatilsynet-dk\"]\n",
    );
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<p>Vår ledende tilsynsmyndighet (personvernforordningen artikkel 56) er Datatilsynet.</p>"), "{nb}");
    assert!(en.contains("<p>Our lead supervisory authority (Article 56 GDPR) is the Norwegian Data Protection Authority (Datatilsynet).</p>"), "{en}");
    assert!(nb.contains(
        "Du kan også klage til tilsynsmyndigheten i EØS-landet der du bor eller arbeider"
    ));
    assert!(
        en.contains("<p>You can also complain to these supervisory authorities:</p>"),
        "{en}"
    );
    assert!(
        nb.contains("<p>Du kan også klage til disse tilsynsmyndighetene:</p>"),
        "{nb}"
    );
    assert!(
        nb.contains("<dt id=\"pv-authority-imy\">Integritetsskyddsmyndigheten (IMY), Sverige</dt>"),
        "{nb}"
    );
    assert!(nb.contains("Postadresse: Box 8114, 104 20 Stockholm, Sverige"));
    assert!(en.contains("<dt id=\"pv-authority-datatilsynet-dk\">The Danish Data Protection Agency (Datatilsynet)</dt>"), "{en}");
    assert!(
        en.contains(">How to complain to the Swedish Authority for Privacy Protection (IMY)</a>"),
        "{en}"
    );
    assert!(en.contains(
        "href=\"https://www.imy.se/en/individuals/forms-and-e-services/file-a-complaint/\""
    ));
    assert!(
        nb.contains(">Slik klager du til Datatilsynet, Danmark</a>"),
        "{nb}"
    );
    let j = json(&s, "api/en.json");
    let sa = &j["notice"]["supervisory_authority"];
    assert_eq!(sa["id"], "datatilsynet");
    assert_eq!(sa["lead"], true);
    assert_eq!(sa["others"][0]["id"], "imy");
    assert_eq!(sa["others"][1]["authority"]["country"], "DK");
    let p = json(&s, "api/policy.json");
    assert_eq!(
        p["policy"]["supervisory_authority"]["others"][1]["id"],
        "datatilsynet-dk"
    );
}

/// The other sides: a plain id, or a table without `lead`, never calls the
/// authority the lead one; one other authority is "this", not "these".
#[test]
fn an_authority_is_called_lead_only_when_the_notice_says_so() {
    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("ledende tilsynsmyndighet"));
    assert!(!en.contains("lead supervisory authority"));
    assert!(!en.contains("You can also complain to these"));
    assert!(!en.contains("You can also complain to this"));
    let sa = &json(&s, "api/en.json")["notice"]["supervisory_authority"];
    assert_eq!(sa["lead"], false);
    assert_eq!(sa["others"], serde_json::json!([]));

    let (_t, s) = with_authorities("id = \"imy\"\nothers = [\"datatilsynet\"]\n");
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(!nb.contains("ledende tilsynsmyndighet"));
    assert!(!en.contains("lead supervisory authority"));
    assert!(
        en.contains("you can complain to the Swedish Authority for Privacy Protection (IMY)."),
        "{en}"
    );
    assert!(
        en.contains("<p>You can also complain to this supervisory authority:</p>"),
        "{en}"
    );
    assert!(
        nb.contains("<p>Du kan også klage til denne tilsynsmyndigheten:</p>"),
        "{nb}"
    );
    assert!(
        nb.contains("<dt id=\"pv-authority-datatilsynet\">Datatilsynet</dt>"),
        "{nb}"
    );
}

/// An authority from the site's own authorities.toml can be one of the
/// others (the README documents the file's format).
#[test]
fn another_authority_from_the_sites_authorities_toml() {
    let (_t, s) = with_authorities("id = \"datatilsynet\"\nothers = [\"ico\"]\n");
    fs::write(
        s.join("authorities.toml"),
        "[ico]\ncountry = \"GB\"\nname = { nb = \"Information Commissioner's Office (Storbritannia)\", en = \"The Information Commissioner's Office (UK)\" }\nnative_name = \"Information Commissioner's Office\"\npostal_address = { nb = \"Wycliffe House, Water Lane, Wilmslow, SK9 5AF, Storbritannia\", en = \"Wycliffe House, Water Lane, Wilmslow, SK9 5AF, United Kingdom\" }\nwebsite = { nb = \"https://ico.org.uk/\", en = \"https://ico.org.uk/\" }\ncomplaint_url = { nb = \"https://ico.org.uk/make-a-complaint/\", en = \"https://ico.org.uk/make-a-complaint/\" }\nverified_on = 2026-11-01\n",
    )
    .expect("write");
    check_clean(&s);
    let (_nb, en) = privacy(&s);
    assert!(
        en.contains("<dt id=\"pv-authority-ico\">The Information Commissioner"),
        "{en}"
    );
    assert!(en.contains("Office (UK)</dt>"), "{en}");
    assert!(en.contains("href=\"https://ico.org.uk/make-a-complaint/\""));
}

/// Unknown, repeated and misspelt authorities are errors at the id, with
/// the fix; an unknown key in the table is one too.
#[test]
fn other_authorities_are_checked() {
    let (_t, s) = with_authorities("id = \"datatilsynet\"\nothers = [\"imyy\"]\n");
    let (ok, e) = check(&s);
    assert!(!ok);
    assert!(
        e.contains("unknown supervisory authority `imyy` in [supervisory_authority] others"),
        "{e}"
    );
    assert!(e.contains("did you mean \"imy\"?"), "{e}");
    let line = fs::read_to_string(s.join(ORG))
        .expect("read")
        .lines()
        .position(|l| l.starts_with("others ="))
        .expect("line")
        + 1;
    assert!(e.contains(&format!("organisation.toml:{line}:11")), "{e}");

    let (_t, s) = with_authorities("id = \"datatilsynet\"\nothers = [\"Datainspektionen\"]\n");
    let (_, e) = check(&s);
    assert!(
        e.contains(
            "`Datainspektionen` is the former name of Integritetsskyddsmyndigheten; write \"imy\""
        ),
        "{e}"
    );

    let (_t, s) = with_authorities("id = \"datatilsynet\"\nothers = [\"imy\", \"datatilsynet\"]\n");
    let (ok, e) = check(&s);
    assert!(!ok);
    assert!(e.contains("[supervisory_authority] others names `datatilsynet` twice (or names the main authority)"), "{e}");

    let (_t, s) = with_authorities("id = \"datatilsynet\"\nlead_authority = true\n");
    let (ok, e) = check(&s);
    assert!(!ok);
    assert!(e.contains("lead_authority"), "{e}");
}

/// Another main authority is material (where people complain, art.
/// 13(2)(d)); naming more authorities is editorial; the table form is
/// written to the snapshot and read back unchanged.
#[test]
fn authority_changes_in_the_diff() {
    let (_t, s) = with_authorities("id = \"datatilsynet\"\nlead = true\n");
    release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert!(
        diff_changes(&s).is_empty(),
        "the snapshot reads back unchanged"
    );
    let snap = fs::read_dir(s.join("history"))
        .expect("history")
        .flatten()
        .map(|e| fs::read_to_string(e.path()).unwrap_or_default())
        .collect::<String>();
    assert!(snap.contains("[supervisory_authority]"), "{snap}");
    assert!(snap.contains("lead = true"), "{snap}");

    edit(
        &s,
        ORG,
        "lead = true\n",
        "lead = true\nothers = [\"imy\"]\n",
    );
    let changes = diff_changes(&s);
    let c = change(&changes, "supervisory_authority", "supervisory_authority");
    assert_eq!(c["material"], false, "{c:#}");
    assert_eq!(c["fields"][0]["field"], "others");

    edit(&s, ORG, "id = \"datatilsynet\"", "id = \"tietosuoja\"");
    let changes = diff_changes(&s);
    let c = change(&changes, "supervisory_authority", "supervisory_authority");
    assert_eq!(c["material"], true, "{c:#}");
    assert_eq!(c["reason"], "supervisory-authority-changed");
    release(&s, "2026-03-01", "1.1", "2026-04-01");
    build_unminified(&s);
    let en = page_text(&s, "en/privacy/changes/index.html");
    assert!(
        en.contains("which supervisory authority you can complain to"),
        "{en}"
    );
    assert!(
        en.contains("the other supervisory authorities we name"),
        "{en}"
    );
}
