//! The extra outputs made from a site's data: the record of processing
//! activities (CSV and HTML) and the cookieconsent configuration, checked on
//! the example site.

use std::path::PathBuf;

use personvern::diagnostics::SourceMap;
use personvern::i18n::{load_locales, Locales};
use personvern::model::markdown::to_plain;
use personvern::model::CookieCategory;
use personvern::reference::cookiedb::parse_csv;
use personvern::render::{consent, ropa};
use personvern::Site;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("example-site")
}

fn site() -> Site {
    match personvern::compile(&root()) {
        Ok(c) => c.site,
        Err(r) => panic!("the example site compiles:\n{}", r.render(false)),
    }
}

fn locales(site: &Site) -> Locales {
    load_locales(&root(), &site.languages, &mut SourceMap::default())
        .unwrap_or_else(|_| panic!("the locales of {:?} load", site.languages))
}

#[test]
fn ropa_csv_has_one_row_per_activity() {
    let site = site();
    let locales = locales(&site);
    for (tag, headers) in [("nb", &ropa::HEADERS_NB), ("en", &ropa::HEADERS_EN)] {
        let lang = locales.get(tag).expect("language");
        let csv = ropa::ropa_csv(&site, lang);
        let rows = parse_csv(&csv).expect("the record is valid CSV");
        assert_eq!(rows.len(), site.policy.activities.len() + 1, "{tag}");
        assert_eq!(rows[0], headers.map(str::to_string).to_vec(), "{tag}");
        for row in &rows {
            assert_eq!(row.len(), ropa::COLUMN_COUNT, "{row:?}");
            assert!(
                row.iter().all(|c| !c.is_empty()),
                "{tag}: empty cell in {row:?}"
            );
        }
        for ((id, act), row) in site.policy.activities.iter().zip(&rows[1..]) {
            assert_eq!(&row[0], id);
            assert_eq!(row[1], to_plain(act.name.get_or_empty(tag)), "{tag}");
            assert!(row[12].contains(&site.policy.controller.legal_name));
        }
        assert!(csv.ends_with("\r\n"));
    }
}

#[test]
fn ropa_csv_names_every_activity_in_bokmal() {
    let site = site();
    let locales = locales(&site);
    let csv = ropa::ropa_csv(&site, locales.get("nb").expect("nb"));
    for (id, act) in site.policy.activities.iter() {
        let name = to_plain(act.name.get_or_empty("nb"));
        assert!(csv.contains(&name), "the name of {id} ({name}) is missing");
    }
    // Legal terms come from the locale, with their citations.
    assert!(csv.contains("personvernforordningen artikkel 6 nr. 1 bokstav a"));
    assert!(csv.contains("Behandlingsgrunnlag (art. 6)"));
}

#[test]
fn ropa_csv_quotes_commas_quotes_and_newlines() {
    let mut site = site();
    let (_, act) = site
        .policy
        .activities
        .iter_mut()
        .next()
        .expect("an activity");
    act.name
        .map
        .insert("nb".into(), "Navn, med \"sitat\"".into());
    let recipient_id = act
        .own_recipients()
        .first()
        .map(|r| r.get_ref().clone())
        .expect("the first activity has a recipient");
    let recipient = site
        .policy
        .recipients
        .get_mut(&recipient_id)
        .expect("recipient");
    recipient.name = Some("Firma \"Nord\", avd.\nTromsø".into());

    let locales = locales(&site);
    let csv = ropa::ropa_csv(&site, locales.get("nb").expect("nb"));
    assert!(csv.contains(",\"Navn, med \"\"sitat\"\"\","), "{csv}");
    let rows = parse_csv(&csv).expect("valid CSV");
    assert_eq!(rows.len(), site.policy.activities.len() + 1);
    assert_eq!(rows[1][1], "Navn, med \"sitat\"");
    assert!(
        rows[1][5].contains("Firma \"Nord\", avd.\nTromsø"),
        "{:?}",
        rows[1][5]
    );
}

#[test]
fn ropa_html_is_a_standalone_escaped_document() {
    let mut site = site();
    site.policy
        .activities
        .iter_mut()
        .next()
        .expect("an activity")
        .1
        .name
        .map
        .insert("nb".into(), "<script>alert(1)</script>".into());
    let locales = locales(&site);
    let html = ropa::ropa_html(&site, locales.get("nb").expect("nb"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">"));
    assert!(!html.contains("<script"), "unescaped script");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_eq!(html.matches("<caption").count(), 1);
    assert_eq!(html.matches("<th scope=\"col\">").count(), 12);
    assert_eq!(
        html.matches("<th scope=\"row\">").count(),
        site.policy.activities.len()
    );
    assert!(html.contains(&site.policy.controller.legal_name));
    assert!(html.trim_end().ends_with("</html>"));
    // Printable in landscape, words wrapped whole (issue 19): in print each
    // activity is a block whose fields stand under their labels.
    assert!(html.contains("@page{size:A4 landscape"), "landscape print");
    assert!(!html.contains("overflow-wrap:anywhere"), "mid-word breaks");
    assert!(html.contains("content:attr(data-label)"));
    assert_eq!(
        html.matches("<td data-label=\"Formål med behandlingen\">")
            .count(),
        site.policy.activities.len()
    );

    let en = ropa::ropa_html(&site, locales.get("en").expect("en"));
    assert!(en.contains("<html lang=\"en\">") && en.contains("Record of processing activities"));
}

/// Rows of every cookie table in one language's preferences dialog.
fn table_rows(config: &serde_json::Value, tag: &str) -> Vec<serde_json::Value> {
    config["language"]["translations"][tag]["preferencesModal"]["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter_map(|s| s["cookieTable"]["body"].as_array())
        .flatten()
        .cloned()
        .collect()
}

#[test]
fn consent_config_lists_every_cookie_in_every_language() {
    let site = site();
    let locales = locales(&site);
    let config = consent::cookieconsent_config(&site, &locales);
    assert_eq!(config["language"]["default"], "nb");
    for tag in ["nb", "en"] {
        let rows = table_rows(&config, tag);
        assert_eq!(rows.len(), site.policy.cookies.len(), "{tag}");
        for (_, c) in site.policy.cookies.iter() {
            // A named cookie by its name; a group by its name with a note
            // that its cookies are not named one by one.
            let label = c.label(tag);
            assert!(
                rows.iter().any(|r| match &c.name {
                    Some(_) => r["name"] == label.as_str(),
                    None => r["name"]
                        .as_str()
                        .is_some_and(|n| n.starts_with(&format!("{label} ("))),
                }),
                "{tag}: {label} missing"
            );
        }
        let t = &config["language"]["translations"][tag];
        let labels = consent::button_labels(tag);
        assert_eq!(t["consentModal"]["acceptAllBtn"], labels.accept_all);
        assert_eq!(
            t["preferencesModal"]["acceptNecessaryBtn"],
            labels.accept_necessary
        );
    }
    let nb_rows = table_rows(&config, "nb");
    assert!(nb_rows.iter().any(|r| r["expiration"] == "13\u{a0}måneder"));
    assert!(table_rows(&config, "en")
        .iter()
        .any(|r| r["expiration"] == "13\u{a0}months"));

    let cats = config["categories"].as_object().expect("categories");
    assert_eq!(cats["necessary"]["readOnly"], true);
    assert_eq!(cats["necessary"]["enabled"], true);
    assert_eq!(cats["statistics"]["readOnly"], false);
    let clear = cats["statistics"]["autoClear"]["cookies"]
        .as_array()
        .expect("statistics cookies are cleared on rejection");
    assert!(clear.contains(&serde_json::json!({ "name": "_ga" })));
    assert!(clear.contains(&serde_json::json!({ "name": "^_ga_", "regex": true })));
    assert!(cats["statistics"]["services"]["google-analytics"]["label"]
        .as_str()
        .is_some_and(|l| l.contains("Google")));
}

#[test]
fn consent_json_keeps_the_column_order() {
    let site = site();
    let locales = locales(&site);
    let text = consent::cookieconsent_json(&site, &locales);
    let parsed: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(parsed, consent::cookieconsent_config(&site, &locales));
    let headers = text.find("\"headers\"").expect("a cookie table");
    let pos = |key: &str| {
        text[headers..]
            .find(&format!("\"{key}\":"))
            .expect("header key")
    };
    assert!(pos("name") < pos("domain"));
    assert!(pos("domain") < pos("description"));
    assert!(pos("description") < pos("expiration"));
    let cat = |key: &str| text.find(&format!("\"{key}\": {{")).expect("category");
    assert!(cat("necessary") < cat("preferences"));
    assert!(cat("statistics") < cat("marketing"));
    // A recipient name with `&` stays readable; markup cannot be formed.
    assert!(text.contains("Intercom R&D"), "service labels keep `&`");
}

/// The revision changes exactly when what visitors consent to changes: a
/// cookie needing consent added, or its purpose changed. The document
/// version, and strictly necessary cookies, leave it as it is.
#[test]
fn consent_revision_follows_what_needs_consent() {
    let base = site();
    let locales = locales(&base);
    let rev = |s: &Site| consent::cookieconsent_config(s, &locales)["revision"].clone();
    let a = rev(&base);
    assert!(a.as_u64().is_some_and(|r| r > 0), "{a}");
    assert_eq!(a, rev(&base), "the revision is deterministic");

    let mut s = base.clone();
    s.policy.document.version.push_str("-changed");
    assert_eq!(
        rev(&s),
        a,
        "a new document version alone does not ask again"
    );

    let necessary_id = base
        .policy
        .cookies
        .iter()
        .find(|(_, c)| c.category == CookieCategory::StrictlyNecessary)
        .map(|(id, _)| id.clone())
        .expect("a strictly necessary cookie");
    let mut s = base.clone();
    s.policy.cookies.retain(|id, _| *id != necessary_id);
    assert_eq!(rev(&s), a, "strictly necessary cookies do not count");

    let marketing_id = base
        .policy
        .cookies
        .iter()
        .find(|(_, c)| c.category == CookieCategory::Marketing)
        .map(|(id, _)| id.clone())
        .expect("a marketing cookie");
    let mut s = base.clone();
    s.policy.cookies.retain(|id, _| *id != marketing_id);
    assert_ne!(
        rev(&s),
        a,
        "removing a marketing cookie changes the revision"
    );

    let mut s = base.clone();
    for (id, c) in s.policy.cookies.iter_mut() {
        if *id == marketing_id {
            c.purpose.map.insert("en".into(), "Something else.".into());
        }
    }
    assert_ne!(rev(&s), a, "a changed purpose asks again");
}

/// `[cookie_policy] consent_cookie` becomes cookieconsent's `cookie`
/// option (the declared name and lifetime); without it there is none.
#[test]
fn consent_cookie_option_follows_the_declaration() {
    let base = site();
    let locales = locales(&base);
    let config = consent::cookieconsent_config(&base, &locales);
    assert_eq!(config["cookie"]["name"], "nb_consent");
    // P6M is 182 whole days.
    assert_eq!(config["cookie"]["expiresAfterDays"], 182);
    assert_eq!(config["language"]["autoDetect"], "document");
    let mut s = base.clone();
    s.policy.cookie_policy.consent_cookie = None;
    let config = consent::cookieconsent_config(&s, &locales);
    assert!(config.get("cookie").is_none(), "{:?}", config.get("cookie"));
}

#[test]
fn consent_categories_without_cookies_are_absent() {
    let mut site = site();
    site.policy
        .cookies
        .retain(|_, c| c.category != CookieCategory::Preferences);
    let locales = locales(&site);
    let config = consent::cookieconsent_config(&site, &locales);
    let cats = config["categories"].as_object().expect("categories");
    assert!(!cats.contains_key("preferences"), "{cats:?}");
    assert!(cats.contains_key("necessary") && cats.contains_key("marketing"));
    for tag in ["nb", "en"] {
        let sections = config["language"]["translations"][tag]["preferencesModal"]["sections"]
            .as_array()
            .expect("sections");
        assert!(sections
            .iter()
            .all(|s| s["linkedCategory"] != "preferences"));
        assert_eq!(table_rows(&config, tag).len(), site.policy.cookies.len());
    }

    // With no cookies at all, only the necessary category remains.
    site.policy.cookies.clear();
    let config = consent::cookieconsent_config(&site, &locales);
    let keys: Vec<&String> = config["categories"]
        .as_object()
        .expect("categories")
        .keys()
        .collect();
    assert_eq!(keys, ["necessary"]);
}

/// Every build writes the consent-banner configuration beside the other
/// JSON files, valid against its schema (also written), listing every
/// declared cookie in every language.
#[test]
fn every_build_writes_the_cookieconsent_configuration() {
    let compiled = match personvern::compile(&root()) {
        Ok(c) => c,
        Err(r) => panic!("{}", r.render(false)),
    };
    let config: serde_json::Value = serde_json::from_slice(
        compiled
            .output
            .get("api/cookieconsent.json")
            .expect("api/cookieconsent.json in the output"),
    )
    .expect("valid JSON");
    let schema: serde_json::Value = serde_json::from_slice(
        compiled
            .output
            .get("api/cookieconsent.schema.json")
            .expect("its schema in the output"),
    )
    .expect("valid JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&config)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    for lang in &compiled.site.languages {
        let tables: Vec<&serde_json::Value> = config["language"]["translations"][lang]
            ["preferencesModal"]["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .filter_map(|s| s.get("cookieTable"))
            .collect();
        let names: std::collections::BTreeSet<String> = tables
            .iter()
            .flat_map(|t| t["body"].as_array().into_iter().flatten())
            .filter_map(|r| r["name"].as_str())
            .map(|n| {
                n.trim_start_matches("<code>")
                    .trim_end_matches("</code>")
                    .to_string()
            })
            .collect();
        for (_, c) in compiled.site.policy.cookies.iter() {
            let shown = names.iter().any(|n| n.contains(c.label(lang).as_str()));
            assert!(
                shown,
                "{lang}: cookie {} not in the banner's tables",
                c.label(lang)
            );
        }
    }
}
