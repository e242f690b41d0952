//! Every count the default theme prints goes through Fluent plural rules:
//! each counted thing (cookies, cookies per category, marketing cookies,
//! recipients, processors, recipients outside the EEA) built with 0, 1 and 2
//! of it, in Bokmål and English, read back from the built pages.

mod common;

use common::*;
use std::fs;
use std::path::Path;

/// A starter site whose recipients (kind, country) and cookies (category)
/// are exactly the given ones. One activity uses every recipient; each
/// recipient outside the EEA has a transfer with standard contractual
/// clauses; cookies have no provider and no activity.
fn site(recipients: &[(&str, &str)], cookies: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, site) = starter();
    let mut p = String::from(
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
"#,
    );
    let ids: Vec<String> = (0..recipients.len()).map(|i| format!("\"r{i}\"")).collect();
    p.push_str(&format!("recipients = [{}]\n", ids.join(", ")));
    for (i, (kind, country)) in recipients.iter().enumerate() {
        p.push_str(&format!(
            "\n[recipients.r{i}]\nname = \"Mottaker {i} AS\"\nkind = \"{kind}\"\nservice = {{ nb = \"Tjeneste {i}\", en = \"Service {i}\" }}\ncountry = \"{country}\"\n"
        ));
        if !["NO", "SE", "DK", "DE", "FI"].contains(country) {
            p.push_str(&format!(
                "\n[transfers.r{i}]\nrecipient = \"r{i}\"\ncountry = \"{country}\"\nmechanism = \"scc\"\ninstrument = \"EU 2021/914\"\n"
            ));
        }
    }
    fs::write(site.join("content/processing.toml"), p).expect("write processing.toml");
    let mut c = String::from(
        "[cookie_policy]\nchange_consent = { nb = \"Endre valget ditt under «Innstillinger for informasjonskapsler».\", en = \"Change your choice under “Cookie settings”.\" }\n",
    );
    for (i, cat) in cookies.iter().enumerate() {
        c.push_str(&format!(
            "\n[cookies.c{i}]\nname = \"cookie_{i}\"\nparty = \"first\"\ncategory = \"{cat}\"\npurpose = {{ nb = \"Formål {i}.\", en = \"Purpose {i}.\" }}\nduration = \"P1M\"\n"
        ));
    }
    fs::write(site.join("content/cookies.toml"), c).expect("write cookies.toml");
    (tmp, site)
}

struct Pages {
    privacy_nb: String,
    privacy_en: String,
    cookies_nb: String,
    cookies_en: String,
}

fn build(site: &Path) -> Pages {
    build_unminified(site);
    Pages {
        privacy_nb: page_text(site, "nb/personvern/index.html"),
        privacy_en: page_text(site, "en/privacy/index.html"),
        cookies_nb: page_text(site, "nb/informasjonskapsler/index.html"),
        cookies_en: page_text(site, "en/cookies/index.html"),
    }
}

#[track_caller]
fn has(page: &str, text: &str) {
    assert!(page.contains(text), "page lacks {text:?}");
}

#[track_caller]
fn lacks(page: &str, text: &str) {
    assert!(!page.contains(text), "page has {text:?}");
}

#[test]
fn zero_cookies_one_recipient_no_transfer() {
    let (_t, s) = site(&[("processor", "NO")], &[]);
    let p = build(&s);
    // Recipients: one.
    has(
        &p.privacy_nb,
        "Vi deler personopplysninger med én mottaker.",
    );
    has(&p.privacy_en, "We share personal data with one recipient.");
    // Processors: all of one.
    has(&p.privacy_nb, "Mottakeren er en databehandler");
    has(&p.privacy_en, "The recipient is a processor");
    // Outside the EEA: none, so no sentence about it.
    lacks(&p.privacy_nb, "utenfor EØS.");
    lacks(&p.privacy_en, "outside the EEA.");
    // Cookies: none, so no count and the declaration says it lists none.
    lacks(&p.privacy_nb, "Nettstedet vårt bruker");
    lacks(&p.privacy_en, "Our website uses");
    has(
        &p.cookies_nb,
        "Denne oversikten nevner ingen informasjonskapsler",
    );
    has(&p.cookies_en, "This declaration lists no cookies");
    lacks(&p.cookies_en, "<caption>");
}

#[test]
fn one_cookie_two_recipients_one_processor_one_transfer() {
    let (_t, s) = site(
        &[("processor", "NO"), ("independent_controller", "US")],
        &["strictly_necessary"],
    );
    let p = build(&s);
    has(
        &p.privacy_nb,
        "Vi deler personopplysninger med to mottakere.",
    );
    has(&p.privacy_en, "We share personal data with two recipients.");
    has(&p.privacy_nb, "Én av dem er en databehandler");
    has(&p.privacy_en, "One of them is a processor");
    has(
        &p.privacy_nb,
        "Én av mottakerne behandler opplysninger utenfor EØS.",
    );
    has(
        &p.privacy_en,
        "One of the recipients processes data outside the EEA.",
    );
    // One strictly necessary cookie: singular, and no consent sentence.
    has(&p.privacy_nb, "Nettstedet vårt bruker én informasjonskapsel eller lignende teknologi, og den er strengt nødvendig.");
    has(
        &p.privacy_en,
        "Our website uses one cookie or similar technology, and it is strictly necessary.",
    );
    has(
        &p.cookies_nb,
        "Strengt nødvendige: én informasjonskapsel</caption>",
    );
    has(&p.cookies_en, "Strictly necessary: one cookie</caption>");
    // No marketing cookie, so no marketing sentence.
    lacks(&p.privacy_nb, "markedsføring, det vil si");
    lacks(&p.privacy_en, "used for marketing");
}

#[test]
fn one_marketing_cookie_needs_consent_in_the_singular() {
    let (_t, s) = site(&[("processor", "NO")], &["marketing"]);
    let p = build(&s);
    has(&p.privacy_nb, "Nettstedet vårt bruker én informasjonskapsel eller lignende teknologi. Den er ikke strengt nødvendig og krever derfor samtykke.");
    has(&p.privacy_en, "Our website uses one cookie or similar technology. It is not strictly necessary, so it requires your consent.");
    has(&p.privacy_en, "One of the cookies is used for marketing");
    has(&p.cookies_en, "Marketing: one cookie</caption>");
    has(&p.cookies_nb, ": én informasjonskapsel</caption>");
}

#[test]
fn two_of_everything_in_the_plural() {
    let (_t, s) = site(
        &[("processor", "US"), ("processor", "IN")],
        &["marketing", "marketing"],
    );
    let p = build(&s);
    has(
        &p.privacy_nb,
        "Vi deler personopplysninger med to mottakere.",
    );
    has(&p.privacy_nb, "Alle er databehandlere");
    has(&p.privacy_en, "All of them are processors");
    has(
        &p.privacy_nb,
        "To av mottakerne behandler opplysninger utenfor EØS.",
    );
    has(
        &p.privacy_en,
        "Two of the recipients process data outside the EEA.",
    );
    has(&p.privacy_nb, "Nettstedet vårt bruker to informasjonskapsler og lignende teknologier. De som ikke er strengt nødvendige, krever samtykke.");
    has(&p.privacy_en, "Our website uses two cookies and similar technologies. Those that are not strictly necessary require your consent.");
    has(&p.privacy_en, "Two of the cookies are used for marketing");
    has(&p.cookies_en, "Marketing: two cookies</caption>");
    has(&p.cookies_nb, ": to informasjonskapsler</caption>");
    lacks(&p.privacy_en, "1 cookies");
    lacks(&p.privacy_en, "one cookies");
}

#[test]
fn zero_recipients_say_nothing_about_recipients() {
    let (_t, s) = site(&[], &["strictly_necessary", "strictly_necessary"]);
    let p = build(&s);
    lacks(&p.privacy_nb, "Vi deler personopplysninger med");
    lacks(&p.privacy_en, "We share personal data with");
    lacks(&p.privacy_en, "processor");
    has(
        &p.privacy_en,
        "Our website uses two cookies and similar technologies, all of them strictly necessary.",
    );
    has(
        &p.cookies_nb,
        "Strengt nødvendige: to informasjonskapsler</caption>",
    );
}
