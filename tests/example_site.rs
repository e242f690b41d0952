//! The shipped example site exercises every feature the core issue asks
//! for, builds clean, and its pages hold what the data says.

use std::collections::BTreeSet;
use std::path::Path;

use personvern::model::{CookieCategory, Party, TransferMechanism};

fn site() -> personvern::Compiled {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    match personvern::compile(&root) {
        Ok(c) => c,
        Err(r) => panic!("example-site fails:\n{}", r.render(false)),
    }
}

#[test]
fn builds_without_warnings() {
    let c = site();
    let d = &c.report.diagnostics;
    assert_eq!(
        d.error_count() + d.warning_count(),
        0,
        "{}",
        c.report.render(false)
    );
    // The example shows how waivers look: each has a written reason.
    assert!(d.items.iter().all(|x| x
        .note
        .as_deref()
        .is_some_and(|n| n.starts_with("waived because: "))));
}

#[test]
fn covers_the_required_features() {
    let c = site();
    let p = &c.site.policy;
    assert!(p.activities.len() >= 6, "at least 6 activities");
    let bases: BTreeSet<_> = p
        .activities
        .iter()
        .flat_map(|(_, a)| a.legal_basis.get_ref().0.clone())
        .collect();
    assert!(bases.len() >= 4, "different legal bases: {bases:?}");
    assert!(p.recipients.len() >= 6, "at least 6 recipients");
    let eea = &c.site.regions.eea;
    let outside: Vec<_> = p
        .recipients
        .iter()
        .filter(|(_, r)| {
            r.locations()
                .any(|c| c.get_ref() != "EEA" && !eea.contains(c.get_ref()))
        })
        .collect();
    assert!(!outside.is_empty(), "a recipient outside the EEA");
    for (id, _) in &outside {
        assert!(
            p.transfers
                .iter()
                .any(|(_, t)| t.recipient.as_ref().is_some_and(|r| r.get_ref() == *id)),
            "{id} has a transfer mechanism"
        );
    }
    assert!(p
        .transfers
        .iter()
        .any(|(_, t)| t.relies_on(TransferMechanism::Scc)));
    assert!(p.cookies.len() >= 15, "at least 15 cookies");
    for cat in CookieCategory::ALL {
        assert!(
            p.cookies.iter().any(|(_, k)| k.category == cat),
            "a cookie in {cat:?}"
        );
    }
    assert!(
        p.cookies
            .iter()
            .filter(|(_, k)| k.party == Party::Third)
            .count()
            >= 3,
        "third-party cookies"
    );
    assert!(!p.processor_contexts.is_empty(), "a processor-only context");
    assert!(p.sections.len() >= 2, "free sections");
    assert!(
        p.data_categories.iter().any(|(_, d)| d.special),
        "a special category"
    );
    assert!(
        p.activities
            .iter()
            .any(|(_, a)| a.automated_decision.is_some()),
        "an automated decision"
    );
}

#[test]
fn every_cookie_and_activity_is_on_the_pages() {
    let c = site();
    for lang_page in ["nb/informasjonskapsler/index.html", "en/cookies/index.html"] {
        let html = String::from_utf8_lossy(&c.output[lang_page]).into_owned();
        for (id, _) in c.site.policy.cookies.iter() {
            assert!(
                html.contains(&format!("<tr id=\"pv-cookie-{id}\">")),
                "{lang_page}: cookie {id}"
            );
        }
    }
    for lang_page in ["nb/personvern/index.html", "en/privacy/index.html"] {
        let html = String::from_utf8_lossy(&c.output[lang_page]).into_owned();
        for (id, a) in c.site.policy.activities.iter() {
            assert!(
                html.contains(&format!("id=\"pv-activity-{id}\"")),
                "{lang_page}: activity {id}"
            );
            let lang = &lang_page[..2];
            let name = personvern::model::markdown::render_inline(a.name.get_or_empty(lang));
            assert!(html.contains(&name), "{lang_page}: name of {id}");
        }
        for (id, _) in c.site.policy.recipients.iter() {
            assert!(
                html.contains(&format!("<tr id=\"pv-recipient-{id}\">")),
                "{lang_page}: recipient {id}"
            );
        }
    }
}

/// A recipient used for no activity and no cookie (the example's backup
/// sub-processor) has an empty "Used for" cell: truly empty, so that the
/// stylesheets' `td:empty` rules hide it with its label (the label is
/// generated from `data-label` where a table is shown as cards, in print and
/// on a phone), and the page states nothing for it (issue 19).
#[test]
fn an_empty_used_for_shows_no_label() {
    let c = site();
    let squeeze = |f: &str| -> String {
        String::from_utf8_lossy(&c.output[f])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let css = squeeze("assets/personvern.css");
    let fragment_css = squeeze("assets/personvern-fragment.css");
    for (page, label) in [
        ("nb/personvern/index.html", "Brukes til"),
        ("en/privacy/index.html", "Used for"),
    ] {
        let html = String::from_utf8_lossy(&c.output[page]).into_owned();
        let row = html
            .split("<tr id=\"pv-recipient-")
            .find(|r| r.starts_with("backup"))
            .unwrap_or_else(|| panic!("{page}: the backup recipient's row"));
        let row = &row[..row.find("</tr>").unwrap_or(row.len())];
        assert!(
            row.contains(&format!("<td data-label=\"{label}\"></td>")),
            "{page}: {row}"
        );
        // Every other recipient is used for something: its cell is not empty.
        assert_eq!(
            html.matches(&format!("<td data-label=\"{label}\"></td>"))
                .count(),
            1,
            "{page}"
        );
    }
    // (Compared without whitespace: the written stylesheets are minified.)
    assert!(css.contains(".pv-stacktd:empty{display:none"));
    assert!(css.contains(".pv-recipientstd:empty{display:none"));
    assert!(fragment_css.contains(".pv-fragment.pv-stacktd:empty{display:none"));
}

/// An e-mail address written in the example's text (how to withdraw consent
/// to the newsletter) is a link on the page, and the full stop after it is
/// not part of it (issue 19).
#[test]
fn addresses_in_the_text_are_links() {
    let c = site();
    for (page, before) in [
        ("nb/personvern/index.html", "eller skriv til "),
        ("en/privacy/index.html", "or write to "),
    ] {
        let html = String::from_utf8_lossy(&c.output[page]).into_owned();
        let linked = format!(
            "{before}<a href=\"mailto:personvern@nordlysbooking.no\">personvern@nordlysbooking.no</a>."
        );
        assert!(html.contains(&linked), "{page}: {linked}");
    }
}
