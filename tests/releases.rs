//! Releases v2 (issue 17): one source for the version and effective date,
//! advance notice kept, a frozen archive.

mod common;
use common::*;
use std::fs;

fn at(site: &std::path::Path, day: &str, args: &[&str]) -> std::process::Output {
    run_on(day, args, site.parent().expect("parent"))
}

/// A starter site released as 1.0 on 2026-01-15, effective 2026-02-01.
fn released() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    set_document(&site, "1.0", "2026-02-01");
    let o = at(&site, "2026-01-15", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site)
}

const NEW_ACTIVITY: &str = "\n[activities.newsletter]\nname = { nb = \"Nyhetsbrev\", en = \"Newsletter\" }\npurposes = [{ nb = \"Sende nyhetsbrev.\", en = \"Send newsletters.\" }]\ndata_categories = [\"contact\"]\ndata_subjects = [\"enquirers\"]\nlegal_basis = \"consent\"\nconsent_withdrawal = { nb = \"Meld deg av i e-posten.\", en = \"Unsubscribe in the e-mail.\" }\nretention = { period = \"P2Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\nprovision = { requirement = \"voluntary\" }\n";

fn add_activity(site: &std::path::Path) {
    let p = site.join("content/processing.toml");
    let mut s = fs::read_to_string(&p).expect("read");
    s.push_str(NEW_ACTIVITY);
    fs::write(&p, s).expect("write");
}

fn page(out: &std::collections::BTreeMap<String, Vec<u8>>, k: &str) -> String {
    String::from_utf8_lossy(
        out.get(k)
            .unwrap_or_else(|| panic!("no {k}: {:?}", out.keys().collect::<Vec<_>>())),
    )
    .into_owned()
}

#[test]
fn the_release_takes_version_and_date_from_document_and_every_page_agrees() {
    let (_t, site) = released();
    let snap = fs::read_to_string(site.join("history/1.0.toml")).expect("snapshot");
    assert!(
        snap.contains("version = \"1.0\"") && snap.contains("effective = \"2026-02-01\""),
        "{snap}"
    );
    let o = at(
        &site,
        "2026-03-01",
        &["build", "site", "--no-minify", "--output", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tree(&site.parent().expect("parent").join("out"));
    let v: serde_json::Value = serde_json::from_slice(&out["version.json"]).expect("json");
    assert_eq!(v["version"], "1.0");
    assert_eq!(v["effective_date"], "2026-02-01");
    for (live, cl, archived) in [
        (
            "nb/personvern/index.html",
            "nb/personvern/endringer/index.html",
            "nb/personvern/versjoner/1.0/index.html",
        ),
        (
            "en/privacy/index.html",
            "en/privacy/changes/index.html",
            "en/privacy/versions/1.0/index.html",
        ),
    ] {
        let date = if live.starts_with("nb") {
            "1.\u{a0}februar\u{a0}2026"
        } else {
            "1\u{a0}February\u{a0}2026"
        };
        for k in [live, cl, archived] {
            let p = page(&out, k);
            assert!(p.contains(date), "{k} gives the effective date {date}");
            assert!(
                !p.contains("2.\u{a0}februar") && !p.contains("2\u{a0}February"),
                "{k}: one date"
            );
        }
    }
    let feed = page(&out, "en/privacy/changes/atom.xml");
    assert!(
        feed.contains("1\u{a0}February\u{a0}2026") || feed.contains("1 February 2026"),
        "{feed}"
    );

    // --version / --effective that disagree with [document] are refused,
    // naming the line to change.
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål",
        "Besvare spørsmål",
    );
    set_document(&site, "1.1", "2026-03-01");
    let line = line_of(&site, "content/organisation.toml", "version = \"1.1\"");
    let before = tree(&site.join("history"));
    let o = at(
        &site,
        "2026-02-20",
        &["release", "site", "--version", "2.0"],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("--version 2.0 disagrees with [document] version = \"1.1\""),
        "{err}"
    );
    assert!(
        err.contains(&format!("content/organisation.toml:{line}")),
        "{err}"
    );
    let o = at(
        &site,
        "2026-02-20",
        &["release", "site", "--effective", "2026-03-02"],
    );
    assert!(
        stderr(&o).contains(
            "--effective 2026-03-02 disagrees with [document] effective_date = 2026-03-01"
        ),
        "{}",
        stderr(&o)
    );
    // Unchanged: the version exists, or the date is not after the last one.
    set_document(&site, "1.0", "2026-02-01");
    let o = at(&site, "2026-02-20", &["release", "site"]);
    assert!(
        stderr(&o).contains("[document] version is \"1.0\""),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("already released"), "{}", stderr(&o));
    set_document(&site, "1.1", "2026-02-01");
    let o = at(&site, "2026-01-20", &["release", "site"]);
    assert!(
        stderr(&o).contains("take effect after the last one"),
        "{}",
        stderr(&o)
    );
    // Before publication.
    set_document(&site, "1.1", "2026-02-10");
    let o = at(&site, "2026-02-20", &["release", "site"]);
    assert!(
        stderr(&o).contains("before today (2026-02-20)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        tree(&site.join("history")),
        before,
        "refusals write nothing"
    );
    // Matching flags are accepted.
    set_document(&site, "1.1", "2026-03-01");
    let o = at(
        &site,
        "2026-02-20",
        &[
            "release",
            "site",
            "--version",
            "1.1",
            "--effective",
            "2026-03-01",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("1 change since version 1.0"),
        "singular: {err}"
    );
    assert!(err.contains("in force from 2026-03-01"), "{err}");
}

fn check(site: &std::path::Path, day: &str) -> (Option<i32>, String) {
    let o = at(site, day, &["check", "site", "--deny-warnings"]);
    (o.status.code(), stderr(&o))
}

#[test]
fn check_reports_a_document_that_disagrees_with_the_releases() {
    let (_t, site) = released();
    let (code, err) = check(&site, "2026-01-20");
    assert!(
        !err.contains("release-mismatch") && !err.contains("unreleased"),
        "{err}"
    );
    let _ = code;
    // The released version with another date.
    set_document(&site, "1.0", "2026-02-02");
    let line = line_of(
        &site,
        "content/organisation.toml",
        "effective_date = 2026-02-02",
    );
    let (code, err) = check(&site, "2026-01-20");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("error[release-mismatch]"), "{err}");
    assert!(
        err.contains("takes effect 2026-02-02, but the release"),
        "{err}"
    );
    assert!(
        err.contains(&format!("content/organisation.toml:{line}:")),
        "{err}"
    );
    // A new version, not yet released: the pages and the changelog would differ.
    set_document(&site, "1.1", "2026-03-01");
    let (code, err) = check(&site, "2026-01-20");
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("warning[unreleased-version]"), "{err}");
    // A new version that would not take effect after the last one.
    set_document(&site, "1.1", "2026-01-25");
    let (_, err) = check(&site, "2026-01-20");
    assert!(
        err.contains("error[release-mismatch]")
            && err.contains("does not take effect after the last one"),
        "{err}"
    );
    // The released version, with changed content.
    set_document(&site, "1.0", "2026-02-01");
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål",
        "Besvare spørsmål",
    );
    let (code, err) = check(&site, "2026-01-20");
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("warning[unreleased-changes]") && err.contains("1 change since release 1.0"),
        "{err}"
    );
}

#[test]
fn advance_notice_is_kept_or_the_shortening_is_recorded() {
    let (_t, site) = released();
    add_activity(&site);
    // No promise: a material release is made, with a warning.
    set_document(&site, "2.0", "2026-03-05");
    let o = at(&site, "2026-03-01", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "warning: this release is material, but [changes] advance_notice_days is not set"
        ) && err.contains("WP260"),
        "{err}"
    );
    let o = at(
        &site,
        "2026-03-10",
        &["build", "site", "--no-minify", "--output", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tree(&site.parent().expect("parent").join("out"));
    assert!(!page(&out, "en/privacy/changes/index.html")
        .contains("We announce material changes at least"));
    assert!(!page(&out, "nb/personvern/endringer/index.html")
        .contains("Vesentlige endringer varsler vi"));

    // A promise of 30 days.
    edit(&site, "content/organisation.toml", "[document]\n", "[changes]\nadvance_notice_days = 30\nannouncement = { nb = \"Vi varsler på e-post.\", en = \"We notify by e-mail.\" }\n\n[document]\n");
    edit(&site, "content/processing.toml", "retention = { period = \"P2Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\nprovision", "retention = { period = \"P3Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\nprovision");
    set_document(&site, "3.0", "2026-04-01");
    let before = tree(&site.join("history"));
    let o = at(&site, "2026-03-20", &["release", "site"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("promises 30 days of notice, so it can take effect 2026-04-19 at the earliest, not 2026-04-01"), "{err}");
    assert!(err.contains("--allow-short-notice"), "{err}");
    assert_eq!(tree(&site.join("history")), before);
    let o = at(
        &site,
        "2026-03-20",
        &["release", "site", "--allow-short-notice", "  "],
    );
    assert!(stderr(&o).contains("needs a reason"), "{}", stderr(&o));
    let o = at(
        &site,
        "2026-03-20",
        &[
            "release",
            "site",
            "--allow-short-notice",
            "Required by law from 1 April.",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning:"), "{}", stderr(&o));
    let snap = fs::read_to_string(site.join("history/3.0.toml")).expect("snapshot");
    assert!(
        snap.contains("short_notice = \"Required by law from 1 April.\""),
        "{snap}"
    );
    // Enough notice: no reason needed, and one given is refused.
    add_line_to_retention(&site);
    set_document(&site, "4.0", "2026-05-20");
    let o = at(
        &site,
        "2026-04-20",
        &["release", "site", "--allow-short-notice", "x"],
    );
    assert!(stderr(&o).contains("is not needed"), "{}", stderr(&o));
    let o = at(&site, "2026-04-20", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The changelog promises notice now that the site does.
    let o = at(
        &site,
        "2026-06-01",
        &["build", "site", "--no-minify", "--output", "out2"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tree(&site.parent().expect("parent").join("out2"));
    assert!(page(&out, "en/privacy/changes/index.html")
        .contains("We announce material changes at least 30\u{a0}days before they take effect."));
    assert!(page(&out, "nb/personvern/endringer/index.html")
        .contains("Vesentlige endringer varsler vi minst 30\u{a0}dager før de trer i kraft."));
}

fn add_line_to_retention(site: &std::path::Path) {
    edit(site, "content/processing.toml", "period = \"P3Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\nprovision", "period = \"P4Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\nprovision");
}

#[test]
fn archived_pages_are_frozen_when_released() {
    let (_t, site) = released();
    let parent = site.parent().expect("parent").to_path_buf();
    for f in [
        "nb/privacy.html",
        "nb/cookies.html",
        "en/privacy.html",
        "en/cookies.html",
    ] {
        assert!(site.join("history/1.0").join(f).is_file(), "{f} frozen");
    }
    let build = |dir: &str| {
        let o = at(
            &site,
            "2026-03-01",
            &["build", "site", "--no-minify", "--output", dir],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        tree(&parent.join(dir))
    };
    let before = build("out1");
    let archived = [
        "nb/personvern/versjoner/1.0/index.html",
        "nb/personvern/versjoner/1.0/informasjonskapsler/index.html",
        "en/privacy/versions/1.0/index.html",
        "en/privacy/versions/1.0/cookies/index.html",
    ];
    // Archived statements link to the archived cookie declaration beside them.
    // (The pages are frozen minified: attribute values lose their quotes.)
    assert!(page(&before, archived[0])
        .contains("href=../../../../nb/personvern/versjoner/1.0/informasjonskapsler/>"));
    assert!(
        page(&before, archived[2]).contains("href=../../../../en/privacy/versions/1.0/cookies/>")
    );
    assert!(page(&before, archived[3]).contains("This is version 1.0, the version in force."));

    // After the release: a corrected built-in message, a corrected
    // registry entry and a site template.
    fs::create_dir_all(site.join("locales/en")).expect("mkdir");
    fs::write(site.join("locales/en/fix.ftl"), "complaints-heading = Complaints (corrected)\ncookies-browser-text = Corrected browser text.\n").expect("write");
    fs::create_dir_all(site.join("locales/nb")).expect("mkdir");
    fs::write(site.join("locales/nb/fix.ftl"), "complaints-heading = Klage (rettet)\ncookies-browser-text = Rettet tekst om nettleseren.\n").expect("write");
    let reg = fs::read_to_string(repo().join("content/authorities.toml")).expect("registry");
    let dt = &reg[reg.find("[datatilsynet]").expect("entry")..reg.find("[imy]").expect("next")];
    fs::write(
        site.join("authorities.toml"),
        dt.replace("+47 22 39 69 00", "+47 22 00 00 00"),
    )
    .expect("write");
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    let tpl =
        fs::read_to_string(repo().join("themes/default/templates/privacy.html")).expect("template");
    fs::write(
        site.join("templates/privacy.html"),
        tpl.replace(
            "{% block main %}",
            "{% block main %}<p>TEMPLATE CHANGED</p>",
        ),
    )
    .expect("write");
    let after = build("out2");
    // The changes took effect on the live pages...
    let live = page(&after, "en/privacy/index.html");
    assert!(live.contains("TEMPLATE CHANGED"), "{live}");
    assert!(live.contains("(corrected)"), "{live}");
    assert!(live.contains("+47 22 00 00 00"), "{live}");
    assert!(
        page(&after, "nb/informasjonskapsler/index.html").contains("Rettet tekst om nettleseren.")
    );
    // ...and not on the archived ones.
    for k in archived {
        assert_eq!(page(&before, k), page(&after, k), "{k} is byte-identical");
    }
    // An archived page of a release without frozen pages (format 1) is
    // rendered again, so the same change shows there.
    for f in ["nb", "en"] {
        fs::remove_dir_all(site.join("history/1.0").join(f)).expect("rm");
    }
    let old = build("out3");
    assert!(page(&old, archived[2]).contains("TEMPLATE CHANGED"));
    let o = at(&site, "2026-03-01", &["check", "site"]);
    assert!(
        stderr(&o).contains("warning[frozen-pages-missing]: release 1.0 froze its pages in history/1.0/, but none is there"),
        "{}",
        stderr(&o)
    );
}

/// `diff --format markdown` is fit for a pull request: CommonMark renders
/// it as headings and nested lists; an nb-only edit shows nb's own old and
/// new words (not English on both sides); list items, not raw JSON; user
/// text cannot add markup.
#[test]
fn diff_markdown_renders_as_a_list_with_each_languages_words() {
    let (_t, site) = released();
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål",
        "Besvare *spørsmål*",
    );
    add_activity(&site);
    let o = at(
        &site,
        "2026-03-01",
        &["diff", "site", "--format", "markdown"],
    );
    assert_eq!(o.status.code(), Some(1), "material: {}", stderr(&o));
    let md = stdout(&o);
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH),
    );
    assert!(
        html.contains("<h3>Material changes (announce them before they take effect): 1</h3>"),
        "{html}"
    );
    assert!(html.contains("<h3>Editorial changes: 1</h3>"), "{html}");
    assert!(
        html.contains("<ul>\n<li>\n<p><code>activities.") || html.contains("<li><code>activities."),
        "{html}"
    );
    assert!(
        html.contains("<code>purposes[1]</code> (nb): <del>Svare</del> <strong>Besvare"),
        "{html}"
    );
    assert!(
        html.contains("*spørsmål*") || html.contains("\\*spørsmål\\*"),
        "escaped: {html}"
    );
    assert!(
        !html.contains("<em>spørsmål</em>"),
        "user text adds no markup: {html}"
    );
    assert!(
        !md.contains("(en):") || !md.contains("Answer"),
        "the unchanged English is not shown: {md}"
    );
    assert!(!md.contains("{\""), "no raw JSON: {md}");

    // A table removed: its sub-fields, each language's text on its own line.
    edit(&site, "content/processing.toml", "provision = { requirement = \"voluntary\", consequence = { nb = \"Uten kontaktopplysninger kan vi ikke svare deg.\", en = \"Without contact details we cannot answer you.\" } }\n", "");
    let o = at(&site, "2026-03-01", &["diff", "site"]);
    let text = stdout(&o);
    assert!(
        text.contains("provision.requirement: voluntary → —"),
        "{text}"
    );
    assert!(
        text.contains(
            "provision.consequence (nb): [-Uten kontaktopplysninger kan vi ikke svare deg.-]"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "provision.consequence (en): [-Without contact details we cannot answer you.-]"
        ),
        "{text}"
    );
    assert!(
        text.contains("purposes[1] (nb): [-Svare-]{+Besvare"),
        "{text}"
    );
    assert!(!text.contains("{\""), "no raw JSON: {text}");
}

/// The changelog says each change in a sentence with its values, names
/// added and removed items (never an id), and puts material changes under
/// one heading per release; an editorial release has no such heading.
#[test]
fn changelog_sentences_have_the_values_in_both_languages() {
    let (_t, site) = released();
    // Editorial: a data subject added to an activity is named.
    edit(
        &site,
        "content/processing.toml",
        "data_subjects = [\"enquirers\"]",
        "data_subjects = [\"enquirers\", \"visitors\"]",
    );
    set_document(&site, "1.1", "2026-02-10");
    let o = at(&site, "2026-02-05", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Material: longer retention and cookie lifetime, a new purpose, a new
    // recipient and a data category no longer processed.
    edit(
        &site,
        "content/processing.toml",
        "retention = { period = \"P14M\", from = \"collection\" }",
        "retention = { period = \"P26M\", from = \"collection\" }",
    );
    edit(
        &site,
        "content/cookies.toml",
        "duration = \"P13M\"",
        "duration = \"P25M\"",
    );
    edit(&site, "content/processing.toml", "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }]", "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }, { nb = \"Forbedre svarene våre.\", en = \"Improve our answers.\" }]");
    edit(
        &site,
        "content/processing.toml",
        "data_categories = [\"usage\"]\ndata_subjects = [\"visitors\"]",
        "data_categories = [\"usage\", \"contact\"]\ndata_subjects = [\"visitors\"]",
    );
    set_document(&site, "2.0", "2026-04-01");
    let o = at(&site, "2026-03-01", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = at(
        &site,
        "2026-05-01",
        &["build", "site", "--no-minify", "--output", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tree(&site.parent().expect("parent").join("out"));
    let nb = page(&out, "nb/personvern/endringer/index.html");
    let en = page(&out, "en/privacy/changes/index.html");
    for s in [
        "Vi lagrer nå opplysningene i «Besøksstatistikk» i 26 måneder i stedet for 14 måneder.",
        "Informasjonskapselen «_stats_id» lagres nå i 25 måneder i stedet for 13 måneder.",
        "Nytt formål for «Henvendelser»: Forbedre svarene våre.",
        "Vi behandler nå også denne typen personopplysninger for «Besøksstatistikk»: «Kontaktopplysninger».",
        "«Henvendelser» gjelder nå også «besøkende på nettstedet».",
    ] {
        assert!(page_text(&nb).contains(s), "nb: {s}\n{}", page_text(&nb));
    }
    for s in [
        "We now keep the data for “Visitor statistics” for 26 months instead of 14 months.",
        "The cookie “_stats_id” is now stored for 25 months instead of 13 months.",
        "New purpose for “Enquiries”: Improve our answers.",
        "We now also process this personal data for “Visitor statistics”: “Contact details”.",
        "“Enquiries” now also concerns “web site visitors”.",
    ] {
        assert!(page_text(&en).contains(s), "en: {s}\n{}", page_text(&en));
    }
    // Marked once per release, not on every line; the editorial release 1.1
    // has only the other heading.
    assert_eq!(nb.matches("Vesentlige endringer</h3>").count(), 1, "{nb}");
    assert_eq!(en.matches("Material changes</h3>").count(), 1, "{en}");
    assert_eq!(en.matches("Other changes</h3>").count(), 1, "{en}");
    assert!(!nb.contains("Vesentlig endring:") && !en.contains("Material change:"));
    assert!(
        !en.contains("visitors”") || en.contains("web site visitors”"),
        "labels, not ids"
    );
    let feed = page(&out, "en/privacy/changes/atom.xml");
    assert!(feed.contains("Material changes&lt;/h3&gt;"), "{feed}");
}

/// Whitespace collapsed and tags dropped, for sentence checks.
fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Changes of a legal basis, a transfer mechanism, a recipient's country, a
/// cookie's category, the response time and a new profiling each get a
/// sentence of their own with the old and the new value in words, in both
/// languages; a change whose old value is not stated says no old value.
#[test]
fn changelog_value_sentences_for_bases_transfers_places_categories_and_rights() {
    let (_t, site) = starter();
    append(
        &site,
        "content/processing.toml",
        "\n[recipients.partner]\nname = \"Eksempel Partner AS\"\nkind = \"joint_controller\"\nservice = { nb = \"Felles kampanje\", en = \"Joint campaign\" }\ncountry = \"NO\"\nwaive = { joint-arrangement-missing = \"Given in 2.0.\" }\n\n[recipients.crm]\nname = \"Eksempel CRM Inc.\"\nkind = \"processor\"\nservice = { nb = \"Kundesystem\", en = \"CRM\" }\ncountry = \"US\"\n\n[transfers.crm-us]\nrecipient = \"crm\"\ncountry = \"US\"\nmechanism = \"scc\"\n",
    );
    edit(
        &site,
        "content/processing.toml",
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provider\", \"crm\", \"partner\"]",
    );
    set_document(&site, "1.0", "2026-02-01");
    let o = at(&site, "2026-01-15", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    edit(
        &site,
        "content/processing.toml",
        "legal_basis = \"legitimate_interests\"\nlegitimate_interest = { nb = \"Å kunne svare dem som tar kontakt med oss.\", en = \"Being able to answer people who contact us.\" }",
        "legal_basis = \"contract\"",
    );
    edit(
        &site,
        "content/processing.toml",
        "mechanism = \"scc\"",
        "mechanism = \"bcr\"",
    );
    edit(
        &site,
        "content/processing.toml",
        "country = \"SE\"",
        "country = \"DK\"",
    );
    edit(
        &site,
        "content/cookies.toml",
        "category = \"statistics\"",
        "category = \"marketing\"",
    );
    edit(
        &site,
        "content/organisation.toml",
        "response_time = \"P1M\"",
        "response_time = \"P14D\"",
    );
    // The e-mail provider's country is no longer stated: no old → new value.
    edit(&site, "content/processing.toml", "country = \"NO\"\n", "");
    edit(
        &site,
        "content/processing.toml",
        "provision = { requirement = \"voluntary\", consequence = { nb = \"Uten",
        "automated_decision = { profiling = true, logic = { nb = \"Vi sorterer henvendelser etter tema.\", en = \"We sort enquiries by topic.\" }, consequences = { nb = \"Svaret kommer fra rett person.\", en = \"The answer comes from the right person.\" } }\nprovision = { requirement = \"voluntary\", consequence = { nb = \"Uten",
    );
    // A ground of Norwegian law, and a joint controller's arrangement, now given.
    edit(
        &site,
        "content/processing.toml",
        "legal_basis = \"consent\"\n",
        "legal_basis = \"consent\"\nnational_ground = \"marketing_act_consent\"\n",
    );
    edit(
        &site,
        "content/processing.toml",
        "kind = \"joint_controller\"\n",
        "kind = \"joint_controller\"\narrangement = { nb = \"Vi gir informasjonen, partneren svarer på spørsmål om sin bruk.\", en = \"We give the information, the partner answers questions about its use.\" }\n",
    );
    // Only what happens at the end of the retention period is new.
    edit(
        &site,
        "content/processing.toml",
        "retention = { period = \"P14M\", from = \"collection\" }",
        "retention = { period = \"P14M\", from = \"collection\", then = \"anonymise\" }",
    );
    edit(
        &site,
        "content/processing.toml",
        "retention = { period = \"P1Y\", from = \"case_closed\" }",
        "retention = { period = \"P1Y\", from = \"case_closed\", then = \"delete\" }",
    );
    // A recipient described by its category is named by it, not by its service.
    append(
        &site,
        "content/processing.toml",
        "\n[recipients.accountants]\ncategory = { nb = \"Regnskapsbyråer\", en = \"Accounting firms\" }\nkind = \"processor\"\nservice = { nb = \"Fører regnskapet vårt.\", en = \"Keep our accounts.\" }\nall_activities = true\n",
    );
    set_document(&site, "2.0", "2026-04-01");
    let o = at(&site, "2026-03-01", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = at(
        &site,
        "2026-05-01",
        &["build", "site", "--no-minify", "--output", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = tree(&site.parent().expect("parent").join("out"));
    let nb = page_text(&page(&out, "nb/personvern/endringer/index.html"));
    let en = page_text(&page(&out, "en/privacy/changes/index.html"));
    assert!(
        nb.contains("Mottakeren «Regnskapsbyråer» er lagt til."),
        "{nb}"
    );
    assert!(
        en.contains("The recipient “Accounting firms” was added."),
        "{en}"
    );
    assert!(!en.contains("“Keep our accounts.”"), "{en}");
    for s in [
        "Behandlingsgrunnlaget for «Henvendelser» er nå «Nødvendig for å inngå eller oppfylle en avtale med deg» i stedet for «Interesseavveining – berettiget interesse».",
        "Overføringer til Eksempel CRM Inc. (USA) bygger nå på «Bindende virksomhetsregler» i stedet for «Standard personvernbestemmelser».",
        "«Eksempel Analyse AB» er nå etablert i Danmark i stedet for Sverige.",
        "Informasjonskapselen «_stats_id» er nå i kategorien «Markedsføring» i stedet for «Statistikk».",
        "Vi svarer nå på henvendelser om rettighetene dine innen 14 dager i stedet for 1 måned.",
        "«Henvendelser» omfatter nå profilering.",
        "For «Besøksstatistikk» oppgir erklæringen nå regelen i markedsføringsloven § 15 for markedsføring på e-post: bare med samtykke på forhånd.",
        "Erklæringen beskriver nå hovedinnholdet i ordningen for felles behandlingsansvar med «Eksempel Partner AS».",
        "Erklæringen sier nå hva som skjer når lagringstiden for «Besøksstatistikk» er ute: vi anonymiserer opplysningene.",
        "Erklæringen sier nå hva som skjer når lagringstiden for «Henvendelser» er ute: vi sletter opplysningene.",
    ] {
        assert!(nb.contains(s), "nb: {s}\n{nb}");
    }
    for s in [
        "The legal basis for “Enquiries” is now “Necessary to enter into or perform a contract with you” instead of “Legitimate interests”.",
        "Transfers to Eksempel CRM Inc. (United States) now rely on “Binding corporate rules” instead of “Standard contractual clauses”.",
        "“Eksempel Analyse AB” is now established in Denmark instead of Sweden.",
        "The cookie “_stats_id” is now in the category “Marketing” instead of “Statistics”.",
        "We now answer requests about your rights within 14 days instead of 1 month.",
        "“Enquiries” now involves profiling.",
        "For “Visitor statistics” the statement now gives the rule of the Marketing Control Act (markedsføringsloven § 15) for marketing by e-mail: only with your prior consent.",
        "The statement now describes the essence of the joint-controller arrangement with “Eksempel Partner AS”.",
        "The statement now says what happens when the retention period for “Visitor statistics” ends: we anonymise the data.",
        "The statement now says what happens when the retention period for “Enquiries” ends: we delete the data.",
    ] {
        assert!(en.contains(s), "en: {s}\n{en}");
    }
    // The country no longer stated is not given a value on either side.
    assert!(
        !en.contains("established in Not stated") && !en.contains("instead of Norway"),
        "{en}"
    );
    assert!(
        !nb.contains("etablert i Ikke oppgitt") && !nb.contains("i stedet for Norge"),
        "{nb}"
    );
    assert!(en.contains("“Eksempel E-post AS” has changed."), "{en}");
    // These changes are said in their own sentences, not in the generic one.
    assert!(!en.contains("concerns legal basis"), "{en}");
    assert!(!en.contains("concerns automated decisions"), "{en}");
    assert!(!en.contains("concerns retention period"), "{en}");
    assert!(
        !en.contains("concerns the rules for marketing by e-mail"),
        "{en}"
    );
    assert!(
        !en.contains("concerns the essence of the joint controller arrangement"),
        "{en}"
    );
    assert!(
        !en.contains("concerns transfer mechanism") && !en.contains("concerns category"),
        "{en}"
    );
    assert!(
        !en.contains("The information about your rights has changed")
            && !en.contains("response_time"),
        "{en}"
    );
}

/// Two copies of a starter site with releases 1.0 (effective 2026-02-01)
/// and 2.0 (effective 2026-04-01), made with `extra` given to `release`;
/// `base` replaces the theme's base.html of the site before releasing.
fn two_releases(extra: &[&str], base: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    if let Some(b) = base {
        fs::create_dir_all(site.join("templates")).expect("mkdir");
        fs::write(site.join("templates/base.html"), b).expect("write");
    }
    set_document(&site, "1.0", "2026-02-01");
    let o = at(&site, "2026-01-15", &[&["release", "site"], extra].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    add_activity(&site);
    set_document(&site, "2.0", "2026-04-01");
    let o = at(&site, "2026-02-20", &[&["release", "site"], extra].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site)
}

/// `release` stores the frozen pages minified, as `build` publishes them,
/// and a build then writes them as they are, with only the archive note
/// filled in and minified: the same bytes as pages frozen readable
/// (`release --no-minify`) minified whole by the build, on a day with an
/// upcoming release and on one with a superseded one.
#[test]
fn frozen_pages_stored_minified_give_the_pages_a_build_minifies() {
    let (_a, minified) = two_releases(&[], None);
    let (_b, readable) = two_releases(&["--no-minify"], None);
    let privacy = "history/1.0/en/privacy.html";
    let stored = fs::read_to_string(minified.join(privacy)).expect("frozen page");
    assert!(stored.contains(personvern::history::NOTE_SLOT), "{stored}");
    assert!(!stored.contains(personvern::history::NOTE_MARK));
    assert!(stored.lines().count() < 5, "stored minified");
    let snap = fs::read_to_string(minified.join("history/1.0.toml")).expect("snapshot");
    assert!(snap.contains("pages_minified = true"), "{snap}");
    let plain = fs::read_to_string(readable.join(privacy)).expect("frozen page");
    assert!(plain.contains(personvern::history::NOTE_MARK));
    assert!(plain.lines().count() > 100, "stored readable");
    let snap = fs::read_to_string(readable.join("history/1.0.toml")).expect("snapshot");
    assert!(!snap.contains("pages_minified"), "{snap}");
    let build = |site: &std::path::Path, day: &str, extra: &[&str]| {
        let o = at(
            site,
            day,
            &[&["build", "site", "--output", "out", "--timings"], extra].concat(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        (
            tree(&site.parent().expect("parent").join("out")),
            stderr(&o),
        )
    };
    let archived = [
        (
            "en/privacy/versions/1.0/index.html",
            "en/privacy/versions/2.0/index.html",
        ),
        (
            "nb/personvern/versjoner/1.0/index.html",
            "nb/personvern/versjoner/2.0/index.html",
        ),
    ];
    for (day, notes) in [
        (
            "2026-03-01",
            ["the version in force", "which takes effect on"],
        ),
        (
            "2026-05-01",
            ["which is no longer in force", "the version in force"],
        ),
    ] {
        let (a, err_a) = build(&minified, day, &[]);
        let (b, err_b) = build(&readable, day, &[]);
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
        for (k, v) in &a {
            assert!(v == &b[k], "{day}: {k} differs");
        }
        assert!(
            err_a.contains("archived pages frozen minified, not minified again: 8"),
            "{err_a}"
        );
        assert!(
            err_b.contains("archived pages frozen minified, not minified again: 0"),
            "{err_b}"
        );
        // 1.0's note, then 2.0's.
        assert!(page(&a, archived[0].0).contains(notes[0]), "{day}");
        assert!(page(&a, archived[0].1).contains(notes[1]), "{day}");
        // Unminified builds fill the note in as well.
        let (a, _) = build(&minified, day, &["--no-minify"]);
        for (k, v) in &a {
            let text = String::from_utf8_lossy(v);
            assert!(!text.contains("pv-frozen"), "{day}: a mark left in {k}");
        }
        assert!(page(&a, archived[0].0).contains(notes[0]), "{day}");
        assert!(page(&a, archived[1].1).contains("versjon 2.0"), "{day}");
    }
}

/// A theme that writes the archive note beside other text in its element,
/// or twice: the note cannot be minified alone there, so the build minifies
/// such a page whole, to the same bytes as a page frozen readable, and the
/// page holds the note.
#[test]
fn a_frozen_note_beside_other_text_or_twice_is_minified_with_its_page() {
    let base =
        fs::read_to_string(repo().join("themes/default/templates/base.html")).expect("template");
    let needle = "role=\"note\">{{ x.archived.text | safe }}";
    assert!(base.contains(needle), "the theme writes the note so");
    for (theme, note) in [
        (
            "role=\"note\">Note:  {{ x.archived.text | safe }}",
            "Note: This is version 1.0, the version in force.",
        ),
        (
            "role=\"note\">{{ x.archived.text | safe }}</p><p>{{ x.archived.text | safe }}",
            "This is version 1.0, the version in force.</p><p>This is version 1.0, the version in force.",
        ),
    ] {
        let base = base.replace(needle, theme);
        let (_a, minified) = two_releases(&[], Some(&base));
        let (_b, readable) = two_releases(&["--no-minify"], Some(&base));
        let build = |site: &std::path::Path| {
            let o = at(
                site,
                "2026-03-01",
                &["build", "site", "--output", "out", "--timings"],
            );
            assert!(o.status.success(), "{}", stderr(&o));
            (tree(&site.parent().expect("parent").join("out")), stderr(&o))
        };
        let (a, err) = build(&minified);
        let (b, _) = build(&readable);
        assert!(
            err.contains("archived pages frozen minified, not minified again: 0"),
            "{err}"
        );
        let k = "en/privacy/versions/1.0/index.html";
        assert!(page(&a, k).contains(note), "{}", page(&a, k));
        assert_eq!(page(&a, k), page(&b, k));
    }
}

/// `release` writes a record of each release's changes beside its snapshot
/// (`history/<version>/release.json`); a build takes the changelog from it
/// only while the release's snapshot and the one before it are the texts it
/// was made from, and otherwise from the snapshots, as without a record.
#[test]
fn the_release_record_is_used_only_for_the_snapshots_it_was_made_from() {
    let (_t, site) = two_releases(&[], None);
    let record = site.join("history/2.0/release.json");
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_slice(&fs::read(p).expect("record")).expect("record JSON")
    };
    let first = read(&site.join("history/1.0/release.json"));
    let second = read(&record);
    assert!(first["previous"].is_null(), "{first}");
    assert!(first["diff"]["changes"]
        .as_array()
        .is_some_and(Vec::is_empty));
    assert_eq!(second["previous"], first["key"]);
    assert_eq!(second["meta"]["version"], "2.0");
    let added = &second["diff"]["changes"][0];
    assert_eq!(
        (&added["entity"], &added["id"], &added["kind"]),
        (
            &serde_json::json!("activities"),
            &serde_json::json!("newsletter"),
            &serde_json::json!("added")
        ),
        "{second}"
    );
    let changelog = || {
        let o = at(
            &site,
            "2026-05-01",
            &[
                "build",
                "site",
                "--no-minify",
                "--no-cache",
                "--timings",
                "--output",
                "out",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        let out = tree(&site.parent().expect("parent").join("out"));
        let en = page_text(&page(&out, "en/privacy/changes/index.html"));
        (en, out, stderr(&o))
    };
    let read_from =
        |n: usize| format!("releases whose changes were read from their records: {n} of 2");
    // The changelog as the snapshots say it, not as a marked record does.
    let computed = |en: &str| {
        assert!(
            !en.contains("Recorded only") && en.contains("“Newsletter”"),
            "{en}"
        );
    };
    // A snapshot edited by hand (a comment added); returns its text before.
    let edit_by_hand = |p: &std::path::Path| {
        let text = fs::read_to_string(p).expect("snapshot");
        fs::write(p, format!("{text}\n# edited by hand\n")).expect("write");
        text
    };
    // With the records and without them: the same files.
    let (en, with, err) = changelog();
    assert!(en.contains("“Newsletter”"), "{en}");
    assert!(err.contains(&read_from(2)), "{err}");
    let kept = fs::read(&record).expect("record");
    let first_kept = fs::read(site.join("history/1.0/release.json")).expect("record");
    fs::remove_file(&record).expect("rm");
    fs::remove_file(site.join("history/1.0/release.json")).expect("rm");
    let (_, without, err) = changelog();
    assert!(err.contains(&read_from(0)), "{err}");
    assert_eq!(
        with.keys().collect::<Vec<_>>(),
        without.keys().collect::<Vec<_>>()
    );
    for (k, v) in &with {
        assert!(v == &without[k], "{k} differs with the records");
    }
    // The record is what the build reads: a name changed in it (and only
    // there) shows on the changelog...
    let marked = String::from_utf8_lossy(&kept).replace("\"Newsletter\"", "\"Recorded only\"");
    assert_ne!(marked.as_bytes(), kept.as_slice());
    fs::write(&record, &marked).expect("write");
    fs::write(site.join("history/1.0/release.json"), &first_kept).expect("write");
    let (en, _, err) = changelog();
    assert!(err.contains(&read_from(2)), "{err}");
    assert!(en.contains("“Recorded only”"), "{en}");
    // ...while the snapshot is the text it was made from; not once the
    // snapshot is edited...
    let snap = site.join("history/2.0.toml");
    let text = edit_by_hand(&snap);
    let (en, _, err) = changelog();
    assert!(err.contains(&read_from(1)), "{err}");
    computed(&en);
    fs::write(&snap, &text).expect("write");
    let (en, _, err) = changelog();
    assert!(err.contains(&read_from(2)), "{err}");
    assert!(en.contains("“Recorded only”"), "{en}");
    // ...nor once the release before it is.
    edit_by_hand(&site.join("history/1.0.toml"));
    let (en, _, err) = changelog();
    // 1.0's record no longer fits its text, nor 2.0's the one before it.
    assert!(err.contains(&read_from(0)), "{err}");
    computed(&en);
    // `release --refresh-records` writes them again from the snapshots as
    // they are now: both are read again, and say what the snapshots say.
    let o = at(
        &site,
        "2026-05-01",
        &["release", "site", "--refresh-records"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Wrote the records of 2 releases"),
        "{}",
        stderr(&o)
    );
    let (en, _, err) = changelog();
    assert!(err.contains(&read_from(2)), "{err}");
    computed(&en);
    assert_eq!(
        read(&site.join("history/2.0/release.json"))["diff"],
        second["diff"]
    );
    // It makes no release and takes no release options.
    assert!(!site.join("history/3.0.toml").exists());
    let o = at(
        &site,
        "2026-05-01",
        &["release", "site", "--refresh-records", "--material"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// `release --minify-frozen` stores the frozen pages of releases made with
/// `--no-minify` minified and marks them so, and nothing else of theirs
/// changes: a build then writes those pages as they are and publishes the
/// same bytes as before, the records are written again (the snapshots'
/// texts changed) and read, and a second run changes nothing. Between the
/// pages and the snapshot (an interrupted run) a build still shows the note.
#[test]
fn minify_frozen_stores_readable_frozen_pages_minified_and_the_site_builds_the_same() {
    let (_t, site) = two_releases(&["--no-minify"], None);
    let build = |extra: &[&str]| {
        let o = at(
            &site,
            "2026-05-01",
            &[
                &[
                    "build",
                    "site",
                    "--no-cache",
                    "--timings",
                    "--output",
                    "out",
                ],
                extra,
            ]
            .concat(),
        );
        assert!(o.status.success(), "{}", stderr(&o));
        (
            tree(&site.parent().expect("parent").join("out")),
            stderr(&o),
        )
    };
    let (before, err) = build(&[]);
    assert!(
        err.contains("archived pages frozen minified, not minified again: 0"),
        "{err}"
    );
    let privacy = site.join("history/1.0/en/privacy.html");
    let snap = site.join("history/1.0.toml");
    let readable = fs::read_to_string(&privacy).expect("frozen page");
    let snap_before = fs::read_to_string(&snap).expect("snapshot");
    assert!(readable.contains(personvern::history::NOTE_MARK));
    assert!(!snap_before.contains("pages_minified"), "{snap_before}");
    let o = at(&site, "2026-05-01", &["release", "site", "--minify-frozen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let said = stderr(&o);
    assert!(
        said.contains("Stored 8 frozen pages of releases minified: 1.0, 2.0"),
        "{said}"
    );
    assert!(
        said.contains("Wrote the records of 2 releases again"),
        "{said}"
    );
    let stored = fs::read_to_string(&privacy).expect("frozen page");
    assert!(stored.contains(personvern::history::NOTE_SLOT), "{stored}");
    assert!(!stored.contains(personvern::history::NOTE_MARK));
    assert!(stored.len() < readable.len() && stored.lines().count() < 5);
    // The snapshot gains the mark and nothing else.
    let snap_after = fs::read_to_string(&snap).expect("snapshot");
    assert_eq!(
        snap_after.replace("pages_minified = true\n", ""),
        snap_before
    );
    assert!(!site.join("history/3.0.toml").exists());
    let (after, err) = build(&[]);
    assert!(
        err.contains("archived pages frozen minified, not minified again: 8"),
        "{err}"
    );
    assert!(
        err.contains("releases whose changes were read from their records: 2 of 2"),
        "{err}"
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (k, v) in &before {
        assert!(
            v == &after[k],
            "{k} differs once the pages are stored minified"
        );
    }
    let o = at(&site, "2026-05-01", &["release", "site", "--minify-frozen"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("nothing was changed"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&privacy).expect("page"), stored);
    // Interrupted after the pages: the snapshot still says readable, and the
    // note is filled in all the same.
    fs::write(&snap, &snap_before).expect("write");
    let (between, _) = build(&[]);
    let page_1 = "en/privacy/versions/1.0/index.html";
    let html = page(&between, page_1);
    assert!(!html.contains("pv-frozen"), "{html}");
    assert!(html.contains("which is no longer in force"), "{html}");
    // It makes no release and takes no release options.
    let o = at(
        &site,
        "2026-05-01",
        &["release", "site", "--minify-frozen", "--no-minify"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}
