//! Sentences only where the data supports them (issue 15 §2): every built-in
//! sentence the default theme prints on a condition, built once on a site
//! where its premise holds (the sentence is there) and once on a site where
//! it does not (the sentence is absent), in Bokmål and English. The starter
//! site is the base; each case edits it one way or the other.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const ORG: &str = "content/organisation.toml";
const PRO: &str = "content/processing.toml";
const COO: &str = "content/cookies.toml";

#[derive(Clone, Copy)]
enum Page {
    Privacy,
    Cookies,
}

/// Builds the site and returns the page in Bokmål and English, whitespace
/// collapsed so that sentences, not line breaks, are compared.
fn pages(site: &Path, page: Page) -> (String, String) {
    build_unminified(site);
    match page {
        Page::Privacy => (
            page_text(site, "nb/personvern/index.html"),
            page_text(site, "en/privacy/index.html"),
        ),
        Page::Cookies => (
            page_text(site, "nb/informasjonskapsler/index.html"),
            page_text(site, "en/cookies/index.html"),
        ),
    }
}

fn site_with(setup: fn(&Path)) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, s) = starter();
    setup(&s);
    (t, s)
}

/// The premise holds: both texts are on the page; it does not: neither is.
fn check_case(page: Page, holds: fn(&Path), fails: fn(&Path), nb: &str, en: &str) {
    let (_t, s) = site_with(holds);
    let (p_nb, p_en) = pages(&s, page);
    assert!(p_nb.contains(nb), "premise holds, nb page lacks {nb:?}");
    assert!(p_en.contains(en), "premise holds, en page lacks {en:?}");
    let (_t, s) = site_with(fails);
    let (p_nb, p_en) = pages(&s, page);
    assert!(!p_nb.contains(nb), "premise fails, nb page has {nb:?}");
    assert!(!p_en.contains(en), "premise fails, en page has {en:?}");
}

/// One test per conditional sentence:
/// `name: page, premise holds, premise fails, Bokmål text, English text`.
macro_rules! cases {
    ($($name:ident: $page:ident, $holds:expr, $fails:expr, $nb:expr, $en:expr;)*) => {$(
        #[test]
        fn $name() {
            check_case(Page::$page, $holds, $fails, $nb, $en);
        }
    )*};
}

// ---- Edits of the starter site -------------------------------------------
//
// The starter: "enquiries" (legitimate interests, P1Y, recipient
// "email-provider", a processor in Norway) and "statistics" (consent, P14M,
// recipient "analytics", a processor in Sweden); a strictly necessary
// first-party cookie "consent" and a third-party statistics cookie "stats"
// from "analytics" feeding "statistics"; no DPO (dpo_appointed = false), a
// privacy contact with a role; response time P1M; no [security],
// [children] or [changes].

fn starter_as_is(_: &Path) {}

/// The e-mail provider becomes an independent controller.
fn one_controller(s: &Path) {
    edit(
        s,
        PRO,
        "kind = \"processor\"",
        "kind = \"independent_controller\"",
    );
}

fn no_processors(s: &Path) {
    one_controller(s);
    one_controller(s);
}

fn one_authority(s: &Path) {
    edit(
        s,
        PRO,
        "kind = \"processor\"",
        "kind = \"public_authority\"",
    );
}

const SCC_US: &str = "\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"scc\"\ninstrument = \"EU 2021/914\"\ncopy = { nb = \"Skriv til oss for å få en kopi.\", en = \"Write to us for a copy.\" }";

/// The analytics provider is in the US, with standard contractual clauses.
fn us_covered(s: &Path) {
    edit(
        s,
        PRO,
        "country = \"SE\"",
        &format!("country = \"US\"{SCC_US}"),
    );
}

/// The analytics provider is in the US with no transfer: the finding waived.
fn us_waived(s: &Path) {
    edit(
        s,
        PRO,
        "country = \"SE\"",
        "country = \"US\"\nwaive = { transfer-mechanism-missing = \"Under review with the provider.\" }",
    );
}

/// The analytics provider is in Sweden but also stores data in the US.
fn us_data_location(s: &Path) {
    edit(
        s,
        PRO,
        "country = \"SE\"",
        &format!("country = \"SE\"\ndata_locations = [\"US\"]{SCC_US}"),
    );
}

/// The analytics provider is in Sweden and also stores data in the US,
/// with no transfer: the finding waived.
fn us_data_location_waived(s: &Path) {
    edit(
        s,
        PRO,
        "country = \"SE\"",
        "country = \"SE\"\ndata_locations = [\"US\"]\nwaive = { transfer-mechanism-missing = \"Under review with the provider.\" }",
    );
}

/// No recipients at all: a site with one activity that names none, and only
/// the strictly necessary cookie.
fn no_recipients(s: &Path) {
    fs::write(
        s.join(PRO),
        r#"[data_categories.contact]
label = { nb = "Kontaktopplysninger", en = "Contact details" }

[data_subjects.enquirers]
label = { nb = "personer som kontakter oss", en = "people who contact us" }

[activities.enquiries]
name = { nb = "Henvendelser", en = "Enquiries" }
purposes = [{ nb = "Svare på spørsmål du sender oss.", en = "Answer questions you send us." }]
data_categories = ["contact"]
data_subjects = ["enquirers"]
legal_basis = "contract"
retention = { period = "P1Y", from = "case_closed" }
provision = { requirement = "voluntary", consequence = { nb = "Uten kontaktopplysninger kan vi ikke svare deg.", en = "Without contact details we cannot answer you." } }
"#,
    )
    .expect("write");
    let c = fs::read_to_string(s.join(COO)).expect("read");
    let c = &c[..c.find("[cookies.stats]").expect("stats cookie")];
    fs::write(s.join(COO), c).expect("write");
}

/// The enquiries activity does not list its recipients.
fn enquiries_recipients_not_listed(s: &Path) {
    edit(s, PRO, "recipients = [\"email-provider\"]\n", "");
}

const ENQ_RETENTION: &str = "retention = { period = \"P1Y\", from = \"case_closed\" }";

/// Enquiries: retention in words only.
fn retention_criteria_only(s: &Path) {
    edit(
        s,
        PRO,
        ENQ_RETENTION,
        "retention = { criteria = { nb = \"Vi sletter henvendelsen når vi har svart på den.\", en = \"We delete the enquiry once we have answered it.\" } }",
    );
}

/// Enquiries: no retention, the finding waived.
fn retention_waived(s: &Path) {
    edit(
        s,
        PRO,
        ENQ_RETENTION,
        "waive = { retention-missing = \"Enquiries are deleted when answered.\" }",
    );
}

/// A third activity whose retention is given only in words: the two
/// periods of the others are then not the range.
fn third_activity_criteria_only(s: &Path) {
    append(
        s,
        PRO,
        r#"
[activities.archive]
name = { nb = "Arkiv", en = "Archive" }
purposes = [{ nb = "Ta vare på avsluttede saker.", en = "Keep closed cases." }]
data_categories = ["contact"]
data_subjects = ["enquirers"]
legal_basis = "contract"
retention = { criteria = { nb = "Vi sletter saken når avtalen med deg er avsluttet.", en = "We delete the case when the contract with you has ended." } }
recipients = ["email-provider"]
provision = { requirement = "voluntary", consequence = { nb = "Uten opplysningene kan vi ikke ta vare på saken.", en = "Without the data we cannot keep the case." } }
"#,
    );
}

/// Both activities keep data for one year.
fn retention_equal(s: &Path) {
    edit(s, PRO, "period = \"P14M\"", "period = \"P1Y\"");
}

const DPO_FALSE: &str =
    "dpo_appointed = false            # say explicitly whether you have a personvernombud\n";

fn dpo_appointed(s: &Path) {
    edit(s, ORG, DPO_FALSE, "dpo_appointed = true\n");
}

/// Whether a DPO is appointed is not said; dpo-status-missing is waived.
fn dpo_waived(s: &Path) {
    edit(s, ORG, DPO_FALSE, "");
    append(
        s,
        ORG,
        "\n[waivers]\ndpo-status-missing = \"Decided by the board; see the internal record.\"\n",
    );
}

fn contact_without_role(s: &Path) {
    edit(
        s,
        ORG,
        "role = { nb = \"personvernansvarlig\", en = \"privacy officer\" }\n",
        "",
    );
}

/// No activity rests on consent: statistics on contract, the statistics
/// cookie linked to no activity.
fn no_consent(s: &Path) {
    edit(
        s,
        PRO,
        "legal_basis = \"consent\"",
        "legal_basis = \"contract\"",
    );
    edit(
        s,
        PRO,
        "consent_withdrawal = { nb = \"Endre valget ditt i innstillingene for informasjonskapsler.\", en = \"Change your choice in the cookie settings.\" }\n",
        "",
    );
    unlink_stats_cookie(s);
}

/// No activity rests on art. 6(1)(e) or (f): enquiries on contract.
fn no_objection(s: &Path) {
    edit(
        s,
        PRO,
        "legal_basis = \"legitimate_interests\"",
        "legal_basis = \"contract\"",
    );
    edit(
        s,
        PRO,
        "legitimate_interest = { nb = \"Å kunne svare dem som tar kontakt med oss.\", en = \"Being able to answer people who contact us.\" }\n",
        "",
    );
}

fn enquiries_public_task(s: &Path) {
    no_objection(s);
    edit(
        s,
        PRO,
        "legal_basis = \"contract\"",
        "legal_basis = \"public_task\"\nlegal_reference = { nb = \"Forvaltningsloven § 11.\", en = \"The Public Administration Act, section 11.\" }",
    );
}

/// No (e)/(f) activity, but the statistics cookie is a marketing cookie.
fn marketing_cookie_only(s: &Path) {
    no_objection(s);
    stats_marketing(s);
}

fn response_30_days(s: &Path) {
    edit(
        s,
        ORG,
        "response_time = \"P1M\"",
        "response_time = \"P30D\"",
    );
}

fn no_response_time(s: &Path) {
    edit(
        s,
        ORG,
        "response_time = \"P1M\"            # ISO 8601 duration: one month\n",
        "",
    );
}

fn security_measures(s: &Path) {
    append(
        s,
        ORG,
        "\n[security]\nmeasures = [{ nb = \"Tilgangsstyring\", en = \"Access control\" }]\n",
    );
}

fn security_note_only(s: &Path) {
    append(
        s,
        ORG,
        "\n[security]\nnote = { nb = \"Vi krypterer alle sikkerhetskopier.\", en = \"We encrypt every backup.\" }\n",
    );
}

fn children_min_age(s: &Path) {
    append(s, ORG, "\n[children]\nmin_age = 13\n");
}

const ANNOUNCEMENT: &str = "\n[changes]\nannouncement = { nb = \"Vi varsler endringer på nettstedet.\", en = \"We announce changes on the website.\" }\n";

fn changes_with_notice(s: &Path) {
    append(s, ORG, &format!("{ANNOUNCEMENT}advance_notice_days = 7\n"));
}

fn changes_without_notice(s: &Path) {
    append(s, ORG, ANNOUNCEMENT);
}

/// An automated decision on `activity` (the text before its next table).
fn automated(s: &Path, before: &str, solely: bool, profiling: bool, ground: &str) {
    let ground = if ground.is_empty() {
        String::new()
    } else {
        format!(", ground = \"{ground}\"")
    };
    edit(
        s,
        PRO,
        before,
        &format!(
            "automated_decision = {{ profiling = {profiling}, solely_automated = {solely}{ground}, logic = {{ nb = \"Vi sorterer henvendelser etter emneord.\", en = \"We sort enquiries by keyword.\" }}, consequences = {{ nb = \"Henvendelsen går til riktig avdeling.\", en = \"The enquiry goes to the right department.\" }} }}\n\n{before}"
        ),
    );
}

fn enquiries_solely_contract(s: &Path) {
    automated(s, "[activities.statistics]", true, true, "contract");
}

fn enquiries_solely_law(s: &Path) {
    automated(s, "[activities.statistics]", true, true, "law");
}

/// A solely automated decision on a consent-based activity whose art. 22(2)
/// ground is the law: the art. 6 basis does not bring the art. 22(3)
/// safeguards with it.
fn statistics_solely_law(s: &Path) {
    automated(s, "[recipients.email-provider]", true, false, "law");
}

fn enquiries_profiling_not_solely(s: &Path) {
    automated(s, "[activities.statistics]", false, true, "");
}

fn enquiries_not_profiling_not_solely(s: &Path) {
    automated(s, "[activities.statistics]", false, false, "");
}

const CONTACT_EXAMPLES: &str = "examples = { nb = \"navn, e-postadresse og telefonnummer\", en = \"name, e-mail address and phone number\" }";

fn special_category(s: &Path) {
    edit(
        s,
        PRO,
        CONTACT_EXAMPLES,
        &format!("{CONTACT_EXAMPLES}\nspecial = true"),
    );
    edit(
        s,
        PRO,
        ENQ_RETENTION,
        &format!("{ENQ_RETENTION}\nspecial_category_condition = \"legal_claims\""),
    );
}

fn criminal_category(s: &Path) {
    edit(
        s,
        PRO,
        CONTACT_EXAMPLES,
        &format!("{CONTACT_EXAMPLES}\ncriminal = true"),
    );
}

/// No activity rests on consent or contract: statistics on legitimate
/// interests (its cookie then linked to no activity).
fn no_portable_basis(s: &Path) {
    edit(
        s,
        PRO,
        "legal_basis = \"consent\"",
        "legal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Å forbedre nettstedet.\", en = \"Improving the website.\" }",
    );
    edit(
        s,
        PRO,
        "consent_withdrawal = { nb = \"Endre valget ditt i innstillingene for informasjonskapsler.\", en = \"Change your choice in the cookie settings.\" }\n",
        "",
    );
    unlink_stats_cookie(s);
}

fn processor_context(s: &Path) {
    append(
        s,
        ORG,
        "\n[processor_contexts.hosting]\nservice = { nb = \"Nettbutikkdrift\", en = \"Web shop hosting\" }\ndescription = { nb = \"Vi drifter nettbutikker for kundene våre.\", en = \"We host web shops for our customers.\" }\n",
    );
}

/// Enquiries name a public source, or one that is not public.
fn source(s: &Path, public: bool) {
    edit(
        s,
        PRO,
        "[activities.enquiries]",
        &format!("[sources.register]\nkind = \"public_register\"\nname = \"Brønnøysundregistrene\"\npublicly_accessible = {public}\n\n[activities.enquiries]"),
    );
    edit(
        s,
        PRO,
        ENQ_RETENTION,
        &format!("{ENQ_RETENTION}\nsources = [\"register\"]"),
    );
}

fn public_source(s: &Path) {
    source(s, true);
}

fn private_source(s: &Path) {
    source(s, false);
}

fn one_joint_controller(s: &Path) {
    edit(
        s,
        PRO,
        "kind = \"processor\"",
        "kind = \"joint_controller\"",
    );
}

/// The analytics provider in `country` on `mechanism`, with `instrument`.
fn transfer(s: &Path, country: &str, mechanism: &str, instrument: &str) {
    edit(
        s,
        PRO,
        "country = \"SE\"",
        &format!("country = \"{country}\"\n\n[transfers.analytics-out]\nrecipient = \"analytics\"\ncountry = \"{country}\"\nmechanism = \"{mechanism}\"\ninstrument = \"{instrument}\"\ncopy = {{ nb = \"Skriv til oss for å få en kopi.\", en = \"Write to us for a copy.\" }}"),
    );
}

fn us_dpf(s: &Path) {
    transfer(s, "US", "adequacy", "EU-US Data Privacy Framework");
}

fn canada_adequacy(s: &Path) {
    transfer(s, "CA", "adequacy", "PIPEDA; Decision 2002/2/EC");
}

fn canada_scc(s: &Path) {
    transfer(s, "CA", "scc", "EU 2021/914");
}

fn with_document_last_reviewed(s: &Path) {
    edit(
        s,
        ORG,
        "effective_date = 2026-01-01     # a TOML date, no quotes",
        "effective_date = 2026-01-01\nlast_reviewed = 2026-01-01",
    );
}

// Cookies.

fn unlink_stats_cookie(s: &Path) {
    edit(s, COO, "activity = \"statistics\"", "");
}

fn stats_marketing(s: &Path) {
    edit(
        s,
        COO,
        "category = \"statistics\"",
        "category = \"marketing\"",
    );
}

fn stats_first_party(s: &Path) {
    edit(s, COO, "party = \"third\"", "party = \"first\"");
}

fn marketing_first_party_only(s: &Path) {
    stats_marketing(s);
    stats_first_party(s);
}

/// The third-party cookie names no provider; the finding is waived.
fn stats_provider_waived(s: &Path) {
    edit(
        s,
        COO,
        "provider = \"analytics\"",
        "waive = { cookie-provider-undeclared = \"The provider is being confirmed.\" }",
    );
}

fn stats_technology(s: &Path, technology: &str) {
    edit(
        s,
        COO,
        "duration = \"P13M\"",
        &format!("duration = \"P13M\"\ntechnology = \"{technology}\""),
    );
}

fn stats_pixel(s: &Path) {
    stats_technology(s, "pixel");
}

fn stats_fingerprint(s: &Path) {
    stats_technology(s, "fingerprint");
}

fn stats_local_storage(s: &Path) {
    stats_technology(s, "local_storage");
}

const CONSENT_COOKIE: &str = "[cookies.consent]
name = \"cookie_consent\"
party = \"first\"
category = \"strictly_necessary\"
purpose = { nb = \"Husker valget ditt om informasjonskapsler.\", en = \"Remembers your cookie choice.\" }
duration = \"P6M\"
";

/// No strictly necessary cookie: the consent cookie is not declared.
fn no_necessary_cookie(s: &Path) {
    edit(s, COO, "consent_cookie = \"consent\"\n", "");
    edit(s, COO, CONSENT_COOKIE, "");
}

/// No cookies at all.
fn no_cookies(s: &Path) {
    no_necessary_cookie(s);
    let c = fs::read_to_string(s.join(COO)).expect("read");
    let c = &c[..c.find("[cookies.stats]").expect("stats cookie")];
    fs::write(s.join(COO), c).expect("write");
    // The statistics activity stays; it no longer has a cookie.
}

/// Only the strictly necessary consent cookie, and no text on changing
/// consent.
fn only_necessary_cookies(s: &Path) {
    only_necessary_cookies_with_change_text(s);
    let c = fs::read_to_string(s.join(COO)).expect("read");
    let start = c.find("change_consent = ").expect("change_consent");
    let end = start + c[start..].find('\n').expect("line end") + 1;
    fs::write(s.join(COO), format!("{}{}", &c[..start], &c[end..])).expect("write");
}

/// Only the strictly necessary consent cookie; the site still says how to
/// change a choice.
fn only_necessary_cookies_with_change_text(s: &Path) {
    let c = fs::read_to_string(s.join(COO)).expect("read");
    let c = &c[..c.find("[cookies.stats]").expect("stats cookie")];
    fs::write(s.join(COO), c).expect("write");
}

fn last_reviewed(s: &Path) {
    edit(
        s,
        COO,
        "[cookie_policy]\n",
        "[cookie_policy]\nlast_reviewed = 2025-12-01\n",
    );
}

cases! {
    // Summary: who receives the data.
    summary_processors_all:
        Privacy, starter_as_is, one_controller,
        "Alle er databehandlere som behandler opplysningene på våre vegne.",
        "All of them are processors that process the data on our behalf.";
    summary_processors_some:
        Privacy, one_controller, starter_as_is,
        "Én av dem er en databehandler som behandler opplysningene på våre vegne.",
        "One of them is a processor that processes the data on our behalf.";
    summary_transfers_text:
        Privacy, us_data_location, starter_as_is,
        "Én av mottakerne behandler opplysninger utenfor EØS.",
        "One of the recipients processes data outside the EEA.";
    summary_transfers_covered:
        Privacy, us_covered, us_waived,
        "Hvilket overføringsgrunnlag vi bruker, står under",
        "The transfer mechanism we use is given under";
    // Summary: retention.
    summary_retention_range:
        Privacy, starter_as_is, retention_criteria_only,
        "Fra 1 år til 14 måneder, avhengig av formålet.",
        "From 1 year to 14 months, depending on the purpose.";
    summary_retention_range_needs_every_activity:
        Privacy, starter_as_is, third_activity_criteria_only,
        "avhengig av formålet.",
        "depending on the purpose.";
    summary_retention_text:
        Privacy, retention_equal, retention_waived,
        "Lagringstiden står under hver behandling nedenfor.",
        "The retention period is given for each processing activity below.";
    summary_retention_text_with_criteria:
        Privacy, retention_criteria_only, starter_as_is,
        "Lagringstiden står under hver behandling nedenfor.",
        "The retention period is given for each processing activity below.";
    // Rights in the summary and the rights section.
    summary_withdraw_text:
        Privacy, starter_as_is, no_consent,
        "Har du samtykket til en behandling, kan du når som helst trekke samtykket tilbake.",
        "Where you have given consent, you can withdraw it at any time.";
    right_withdraw:
        Privacy, starter_as_is, no_consent,
        "<dt>Rett til å trekke tilbake samtykke</dt>",
        "<dt>Right to withdraw consent</dt>";
    summary_objection_legitimate_interests:
        Privacy, starter_as_is, no_objection,
        "<strong>Du kan protestere mot behandling som bygger på berettiget interesse",
        "<strong>You can object, on grounds relating to your particular situation";
    summary_objection_public_task:
        Privacy, enquiries_public_task, no_objection,
        "<strong>Du kan protestere mot behandling som bygger på berettiget interesse",
        "<strong>You can object, on grounds relating to your particular situation";
    objection_block_marketing_cookies:
        Privacy, marketing_cookie_only, no_objection,
        "<div class=\"pv-banner pv-objection\"> <h3 id=\"pv-objection\">Rett til å protestere</h3>",
        "<div class=\"pv-banner pv-objection\"> <h3 id=\"pv-objection\">Right to object</h3>";
    objection_in_the_list_otherwise:
        Privacy, no_objection, starter_as_is,
        "<dt>Rett til å protestere</dt>",
        "<dt>Right to object</dt>";
    rights_response_month:
        Privacy, starter_as_is, response_30_days,
        "Vi svarer uten ugrunnet opphold og senest én måned etter at vi har mottatt henvendelsen.",
        "We answer without undue delay and in any event within one month of receiving your request.";
    rights_response_time:
        Privacy, response_30_days, starter_as_is,
        "senest 30 dager etter at vi har mottatt henvendelsen.",
        "in any event within 30 days of receiving your request.";
    rights_response_extension:
        Privacy, starter_as_is, no_response_time,
        "kan fristen forlenges med inntil to måneder til.",
        "the period may be extended by up to two further months.";
    summary_rights_portability:
        Privacy, starter_as_is, no_portable_basis,
        "utlevere dem til deg eller en annen virksomhet (dataportabilitet)",
        "receive it or have it sent to another organisation (data portability)";
    summary_automated_item:
        Privacy, enquiries_solely_contract, starter_as_is,
        "Henvendelser</a>: helautomatisk avgjørelse med profilering</li>",
        "Enquiries</a>: a decision made by automated means alone, with profiling</li>";
    // Who is responsible.
    dpo_not_appointed:
        Privacy, starter_as_is, dpo_waived,
        "Vi har ikke oppnevnt personvernombud.",
        "We have not appointed a data protection officer.";
    dpo_appointed_sentence:
        Privacy, dpo_appointed, dpo_waived,
        "Vi har oppnevnt personvernombud.",
        "We have appointed a data protection officer.";
    privacy_contact_role:
        Privacy, starter_as_is, contact_without_role,
        "Spørsmål om personvern kan du rette til vår kontaktperson for personvern (personvernansvarlig).",
        "Questions about privacy go to our privacy contact (privacy officer).";
    privacy_contact_norole:
        Privacy, contact_without_role, starter_as_is,
        "Spørsmål om personvern kan du rette til vår kontaktperson for personvern.",
        "Questions about privacy go to our privacy contact.";
    // Activities.
    activities_intro_complete:
        Privacy, starter_as_is, enquiries_recipients_not_listed,
        "hvor lenge vi lagrer opplysningene, og hvem som mottar dem.",
        "how long we keep the data, and who receives it.";
    activities_intro_partial:
        Privacy, enquiries_recipients_not_listed, starter_as_is,
        "Hver behandling er beskrevet nedenfor, med formål og behandlingsgrunnlag.",
        "Each processing activity is described below, with its purpose and legal basis.";
    activity_recipients_field:
        Privacy, starter_as_is, enquiries_recipients_not_listed,
        "<dt>Mottakere</dt> <dd><ul><li><a href=\"#pv-recipient-email-provider\">",
        "<dt>Recipients</dt> <dd><ul><li><a href=\"#pv-recipient-email-provider\">";
    special_category_note:
        Privacy, special_category, starter_as_is,
        "Omfatter særlige kategorier av personopplysninger (personvernforordningen artikkel 9).",
        "Includes special categories of personal data (Article 9 GDPR).";
    criminal_note:
        Privacy, criminal_category, starter_as_is,
        "Omfatter personopplysninger om straffedommer og lovovertredelser (personvernforordningen artikkel 10).",
        "Includes personal data relating to criminal convictions and offences (Article 10 GDPR).";
    source_public:
        Privacy, public_source, private_source,
        "(Brønnøysundregistrene, offentlig tilgjengelig)",
        "(Brønnøysundregistrene, publicly available)";
    processor_intro:
        Privacy, processor_context, starter_as_is,
        "I tjenestene nedenfor behandler vi personopplysninger bare på vegne av kundene våre.",
        "In the services below we process personal data only on behalf of our customers.";
    // Recipients.
    recipients_intro_processors:
        Privacy, starter_as_is, no_processors,
        "Databehandlere behandler personopplysninger på våre vegne og bare etter våre instrukser.",
        "Processors process personal data on our behalf and only on our instructions.";
    recipients_intro_controllers:
        Privacy, one_controller, starter_as_is,
        "Selvstendig behandlingsansvarlige er selv ansvarlige for sin behandling etter personvernregelverket.",
        "Independent controllers are themselves responsible for their processing under data protection law.";
    recipients_intro_authorities:
        Privacy, one_authority, starter_as_is,
        "Offentlige myndigheter behandler opplysningene etter de lovene som gjelder for dem.",
        "Public authorities process the data under the laws that apply to them.";
    recipients_intro_joint:
        Privacy, one_joint_controller, starter_as_is,
        "Når vi er felles behandlingsansvarlige med en mottaker, kan du bruke rettighetene dine overfor hver av oss",
        "Where we are joint controllers with a recipient, you can exercise your rights against each of us";
    recipients_none:
        Privacy, no_recipients, starter_as_is,
        "Denne erklæringen nevner ingen mottakere av personopplysninger.",
        "This statement names no recipients of personal data.";
    // Transfers.
    transfers_intro:
        Privacy, us_covered, us_waived,
        "Vi overfører personopplysninger dit bare med et overføringsgrunnlag etter personvernforordningen kapittel V.",
        "We transfer personal data there only on the basis of a transfer mechanism under Chapter V of the GDPR.";
    transfers_intro_partial:
        Privacy, us_waived, us_covered,
        "(tredjeland).</p>",
        "(third countries).</p>";
    transfer_location_uncovered:
        Privacy, us_waived, us_covered,
        "<li>Eksempel Analyse AB behandler personopplysninger utenfor EU/EØS (USA).</li>",
        "<li>Eksempel Analyse AB processes personal data outside the EU/EEA (United States).</li>";
    transfer_location_also_uncovered:
        Privacy, us_data_location_waived, us_data_location,
        "<li>Eksempel Analyse AB behandler også personopplysninger utenfor EU/EØS (USA).</li>",
        "<li>Eksempel Analyse AB also processes personal data outside the EU/EEA (United States).</li>";
    transfers_none:
        Privacy, starter_as_is, us_waived,
        "Vi overfører ikke personopplysninger til land utenfor EU/EØS.",
        "We do not transfer personal data to countries outside the EU/EEA.";
    transfers_none_not_with_a_data_location_outside:
        Privacy, starter_as_is, us_data_location,
        "Vi overfører ikke personopplysninger til land utenfor EU/EØS.",
        "We do not transfer personal data to countries outside the EU/EEA.";
    transfers_none_not_with_a_transfer:
        Privacy, starter_as_is, us_covered,
        "Vi overfører ikke personopplysninger til land utenfor EU/EØS.",
        "We do not transfer personal data to countries outside the EU/EEA.";
    transfers_none_stated:
        Privacy, no_recipients, starter_as_is,
        "Denne erklæringen nevner ingen overføringer av personopplysninger til land utenfor EU/EØS.",
        "This statement names no transfers of personal data to countries outside the EU/EEA.";
    adequacy_us_certified:
        Privacy, us_dpf, us_covered,
        "Mottakeren er sertifisert.",
        "The recipient is certified.";
    adequacy_us_names_the_framework:
        Privacy, us_dpf, us_covered,
        "virksomheter i USA som er sertifisert under EU-US Data Privacy Framework",
        "US organisations certified under the EU-US Data Privacy Framework";
    adequacy_canada:
        Privacy, canada_adequacy, canada_scc,
        "for mottakere som er omfattet av PIPEDA",
        "for recipients subject to PIPEDA";
    adequacy_canada_covered:
        Privacy, canada_adequacy, canada_scc,
        "Mottakeren er omfattet av PIPEDA.",
        "The recipient is subject to PIPEDA.";
    scc_explanation:
        Privacy, canada_scc, canada_adequacy,
        "Overføringen bygger på en avtale med mottakeren etter EU-kommisjonens standard personvernbestemmelser",
        "The transfer is based on an agreement with the recipient under the European Commission's standard contractual clauses";
    // Automated decisions.
    // The section exists only when an activity declares an automated
    // decision: no activity declaring one is "not stated", and the notice
    // does not turn it into "we make none".
    automated_section:
        Privacy, enquiries_profiling_not_solely, starter_as_is,
        "<h2 id=\"pv-automated\">",
        "<h2 id=\"pv-automated\">";
    automated_profiling:
        Privacy, enquiries_profiling_not_solely, enquiries_not_profiling_not_solely,
        "Behandlingen omfatter profilering.",
        "This involves profiling.";
    automated_solely:
        Privacy, enquiries_solely_contract, enquiries_profiling_not_solely,
        "Avgjørelsen tas helautomatisk, uten at noe menneske er involvert.",
        "The decision is made by automated means alone, without any person involved.";
    automated_safeguards:
        Privacy, enquiries_solely_contract, enquiries_solely_law,
        "Du har rett til å få et menneske til å vurdere saken",
        "You have the right to have a person review the decision";
    automated_safeguards_follow_the_ground_not_the_basis:
        Privacy, enquiries_solely_contract, statistics_solely_law,
        "Du har rett til å få et menneske til å vurdere saken",
        "You have the right to have a person review the decision";
    automated_ground_law:
        Privacy, enquiries_solely_law, enquiries_solely_contract,
        "Avgjørelsen er hjemlet i lov",
        "The decision is authorised by law";
    // Security, children, changes.
    security_intro:
        Privacy, security_measures, security_note_only,
        "Vi beskytter personopplysningene med tekniske og organisatoriske tiltak.",
        "We protect personal data with technical and organisational measures.";
    children_min_age_sentence:
        Privacy, children_min_age, starter_as_is,
        "Tjenestene våre er ikke beregnet på barn under 13 år.",
        "Our services are not intended for children under 13.";
    changes_advance:
        Privacy, changes_with_notice, changes_without_notice,
        "Vesentlige endringer varsler vi minst sju dager før de trer i kraft.",
        "We announce material changes at least seven days before they take effect.";
    changes_advance_needs_a_changes_table:
        Privacy, changes_with_notice, starter_as_is,
        "Vesentlige endringer varsler vi",
        "We announce material changes";
    document_last_reviewed:
        Privacy, with_document_last_reviewed, starter_as_is,
        "Sist gjennomgått 1. januar 2026.",
        "Last reviewed 1 January 2026.";
    // The cookie summary on the privacy statement.
    cookies_section:
        Privacy, starter_as_is, no_cookies,
        "Les oversikten over informasjonskapsler",
        "Read the cookie declaration";
    // The cookie declaration.
    cookies_none:
        Cookies, no_cookies, starter_as_is,
        "Denne oversikten nevner ingen informasjonskapsler eller lignende teknologier.",
        "This declaration lists no cookies or similar technologies.";
    cookies_intro_list:
        Cookies, starter_as_is, no_cookies,
        "Nedenfor står informasjonskapslene og teknologiene nettstedet vårt bruker",
        "This page lists the cookies and similar technologies our website uses";
    cookies_consent_rule:
        Cookies, starter_as_is, no_cookies,
        "Strengt nødvendige informasjonskapsler kan settes uten samtykke, fordi de trengs for å levere tjenesten du selv ber om.",
        "Strictly necessary cookies can be set without consent, because they are needed to provide the service you have asked for.";
    cookies_last_reviewed:
        Cookies, last_reviewed, starter_as_is,
        "Vi gikk sist gjennom denne oversikten",
        "We last reviewed this list on";
    strictly_necessary_exemption:
        Cookies, starter_as_is, no_necessary_cookie,
        "Disse informasjonskapslene er strengt nødvendige for å levere tjenesten du selv ber om. Derfor settes de uten samtykke.",
        "These cookies are strictly necessary to provide the service you have asked for, so they are set without consent.";
    cookies_browser_necessary:
        Cookies, starter_as_is, no_necessary_cookie,
        "Blokkerer du strengt nødvendige informasjonskapsler, slutter deler av nettstedet å virke.",
        "If you block strictly necessary cookies, parts of the website stop working.";
    change_consent_section:
        Cookies, starter_as_is, only_necessary_cookies,
        "<h2 id=\"pv-change\">Endre eller trekke tilbake samtykket</h2>",
        "<h2 id=\"pv-change\">Changing or withdrawing your consent</h2>";
    change_consent_section_when_the_site_says_how:
        Cookies, only_necessary_cookies_with_change_text, only_necessary_cookies,
        "<h2 id=\"pv-change\">Endre eller trekke tilbake samtykket</h2>",
        "<h2 id=\"pv-change\">Changing or withdrawing your consent</h2>";
    cookie_category_consent_only:
        Cookies, starter_as_is, unlink_stats_cookie,
        "Vi setter dem bare hvis du samtykker.",
        "We set them only if you consent.";
    cookie_category_third_party:
        Cookies, stats_marketing, marketing_first_party_only,
        "Noen av dem settes av andre virksomheter (tredjepart)",
        "Some of them are set by other companies (third parties)";
    cookie_first_party_provider:
        Cookies, stats_first_party, starter_as_is,
        "Satt på vårt domene (førstepart) – opplysningene går til <a href=",
        "Set on our domain (first party) – the data goes to <a href=";
    cookie_third_party_provider:
        Cookies, starter_as_is, stats_first_party,
        "Eksempel Analyse AB</a> <span class=\"pv-small\">(tredjepart)</span>",
        "Eksempel Analyse AB</a> <span class=\"pv-small\">(third party)</span>";
    cookie_third_party_unnamed:
        Cookies, stats_provider_waived, starter_as_is,
        "En tredjepart (ikke navngitt)",
        "A third party (not named)";
    cookie_pixel_stores_nothing:
        Cookies, stats_pixel, stats_local_storage,
        "Lagrer ingenting på enheten",
        "Stores nothing on your device";
    cookie_fingerprint_stores_nothing:
        Cookies, stats_fingerprint, starter_as_is,
        "Lagrer ingenting på enheten",
        "Stores nothing on your device";
    cookie_links_its_activity:
        Cookies, starter_as_is, unlink_stats_cookie,
        "Behandling: <a href=\"../../nb/personvern/#pv-activity-statistics\">Besøksstatistikk</a>",
        "Processing activity: <a href=\"../../en/privacy/#pv-activity-statistics\">Visitor statistics</a>";
    activity_lists_its_cookies:
        Privacy, starter_as_is, unlink_stats_cookie,
        "<dt>Informasjonskapsler som brukes</dt>",
        "<dt>Cookies used</dt>";
    cookie_states_its_basis:
        Cookies, starter_as_is, unlink_stats_cookie,
        "Behandlingsgrunnlag: Samtykke",
        "Legal basis: Consent";
}

/// Sentences the theme must never print whatever the data, on sites that
/// vary roles, transfers, waivers and cookies.
#[test]
fn sentences_without_a_premise_never_appear() {
    let never = [
        // Processors counted, not guessed.
        "de fleste",
        "most of them",
        // Claims about the banner the site does not make.
        "like enkelt å avslå",
        "as easy to refuse",
        "as easy as accepting",
        "forhåndsvalgt",
        "pre-selected",
        "preselected",
        // A theme cannot know that a page has no tracking.
        "sporing",
        "tracking",
        // Not stated is not none.
        "ingen mottakere utenfor",
        "no recipients outside",
        // A waived DPO status is not "no DPO"; a waived third-party
        // provider is not the organisation.
        "Eksempelbedrift AS <span class=\"pv-small\">(tredjepart)",
        "Eksempelbedrift AS <span class=\"pv-small\">(third party)",
    ];
    let sites: [fn(&Path); 7] = [
        starter_as_is,
        one_controller,
        us_waived,
        dpo_waived,
        enquiries_recipients_not_listed,
        stats_provider_waived,
        marketing_first_party_only,
    ];
    for setup in sites {
        let (_t, s) = site_with(setup);
        for page in [Page::Privacy, Page::Cookies] {
            let (nb, en) = pages(&s, page);
            for text in never {
                assert!(!nb.contains(text), "nb page has {text:?}");
                assert!(!en.contains(text), "en page has {text:?}");
            }
        }
    }
}

/// A waived DPO status prints no sentence about a DPO at all.
#[test]
fn a_waived_dpo_status_says_nothing_about_a_dpo() {
    let (_t, s) = site_with(dpo_waived);
    let (nb, en) = pages(&s, Page::Privacy);
    assert!(!nb.contains("personvernombud."), "nb mentions a DPO");
    assert!(
        !en.contains("data protection officer."),
        "en mentions a DPO"
    );
    // The contact is still given.
    assert!(nb.contains("vår kontaktperson for personvern"));
    assert!(en.contains("our privacy contact"));
}

/// "Free of charge" is never said without the art. 12(5) qualification
/// after it.
#[test]
fn free_of_charge_always_has_the_article_12_5_qualification() {
    let (_t, s) = starter();
    let (nb, en) = pages(&s, Page::Privacy);
    let qualified = |page: &str, free: &[&str], qualification: &str| {
        let mut found = 0;
        for f in free {
            for (i, _) in page.match_indices(f) {
                found += 1;
                let after: String = page[i..].chars().take(300).collect();
                assert!(
                    after.contains(qualification),
                    "{f:?} without {qualification:?}: {after}"
                );
            }
        }
        assert!(found >= 2, "expected the summary and the rights section");
    };
    qualified(&nb, &["gratis", "koster ingenting"], "åpenbart grunnløs");
    qualified(&en, &["free of charge"], "manifestly unfounded");
}

/// The consent banner's cookie table says the same as the declaration: a
/// pixel stores nothing on the device.
#[test]
fn banner_pixel_stores_nothing() {
    let banner = |setup: fn(&Path)| {
        let (_t, s) = site_with(setup);
        pages(&s, Page::Cookies);
        fs::read_to_string(s.join("public/api/cookieconsent.json")).expect("banner config")
    };
    let pixel = banner(stats_pixel);
    assert!(pixel.contains("Lagrer ingenting på enheten"), "{pixel}");
    assert!(pixel.contains("Stores nothing on your device"), "{pixel}");
    let storage = banner(stats_local_storage);
    assert!(
        !storage.contains("Lagrer ingenting på enheten"),
        "{storage}"
    );
    assert!(
        !storage.contains("Stores nothing on your device"),
        "{storage}"
    );
}
