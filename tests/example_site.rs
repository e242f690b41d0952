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
                .any(|(_, t)| t.recipient.get_ref() == *id),
            "{id} has a transfer mechanism"
        );
    }
    assert!(p
        .transfers
        .iter()
        .any(|(_, t)| t.mechanism == TransferMechanism::Scc));
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
                html.contains(&format!("<tr id=\"cookie-{id}\">")),
                "{lang_page}: cookie {id}"
            );
        }
    }
    for lang_page in ["nb/personvern/index.html", "en/privacy/index.html"] {
        let html = String::from_utf8_lossy(&c.output[lang_page]).into_owned();
        for (id, a) in c.site.policy.activities.iter() {
            assert!(
                html.contains(&format!("id=\"activity-{id}\"")),
                "{lang_page}: activity {id}"
            );
            let lang = &lang_page[..2];
            let name = personvern::model::markdown::render_inline(a.name.get_or_empty(lang));
            assert!(html.contains(&name), "{lang_page}: name of {id}");
        }
        for (id, _) in c.site.policy.recipients.iter() {
            assert!(
                html.contains(&format!("<tr id=\"recipient-{id}\">")),
                "{lang_page}: recipient {id}"
            );
        }
    }
}
