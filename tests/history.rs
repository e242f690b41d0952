//! Releases, the semantic diff and its classification, the changelog,
//! archived versions and version.json.

mod common;
use common::*;
use std::fs;

fn release(
    site: &std::path::Path,
    day: &str,
    version: &str,
    extra: &[&str],
) -> std::process::Output {
    // The release takes its version and date from [document]: set them as
    // a user would, then release.
    let mut effective = day;
    let mut args = vec!["release", "site"];
    let mut rest = extra.iter();
    while let Some(a) = rest.next() {
        if *a == "--effective" {
            effective = rest.next().copied().unwrap_or(day);
        } else {
            args.push(a);
        }
    }
    set_document(site, version, effective);
    run_on(day, &args, site.parent().expect("parent"))
}

fn diff_json(site: &std::path::Path) -> (Option<i32>, serde_json::Value) {
    let o = run_on(
        "2026-06-01",
        &["diff", "site", "--format", "json"],
        site.parent().expect("parent"),
    );
    let v = serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)));
    (o.status.code(), v)
}

/// A starter site with release 1.0 (effective 2026-02-01).
fn released() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, site) = starter();
    let o = release(
        &site,
        "2026-01-15",
        "1.0",
        &[
            "--effective",
            "2026-02-01",
            "--note-nb",
            "Første versjon.",
            "--note-en",
            "First version.",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (t, site)
}

const NEW_ACTIVITY: &str = "\n[activities.newsletter]\nname = { nb = \"Nyhetsbrev\", en = \"Newsletter\" }\npurposes = [{ nb = \"Sende nyhetsbrev.\", en = \"Send newsletters.\" }]\ndata_categories = [\"contact\"]\ndata_subjects = [\"enquirers\"]\nlegal_basis = \"consent\"\nconsent_withdrawal = { nb = \"Meld deg av i e-posten.\", en = \"Unsubscribe in the e-mail.\" }\nretention = { period = \"P2Y\", from = \"last_activity\" }\nrecipients = [\"email-provider\"]\n";

type Edit = (&'static str, &'static str, &'static str);

/// (edits, entity, id, kind, material reason or "" for editorial)
fn cases() -> Vec<(
    Vec<Edit>,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    let pro = "content/processing.toml";
    let ck = "content/cookies.toml";
    let org = "content/organisation.toml";
    vec![
        (vec![(pro, "\n[data_categories.contact]", &*Box::leak(format!("{NEW_ACTIVITY}\n[data_categories.contact]").into_boxed_str()))], "activities", "newsletter", "added", "new-purpose"),
        (vec![(pro, "[recipients.analytics]", "[recipients.crm]\nname = \"CRM AS\"\nkind = \"processor\"\nservice = { nb = \"Kundesystem\", en = \"CRM\" }\ncountry = \"NO\"\n\n[recipients.analytics]"), (pro, "recipients = [\"email-provider\"]", "recipients = [\"email-provider\", \"crm\"]")], "recipients", "crm", "added", "new-recipient"),
        (vec![(pro, "country = \"SE\"", "country = \"US\"\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"scc\"")], "transfers", "analytics-us", "added", "new-transfer"),
        (vec![(pro, "data_categories = [\"contact\"]", "data_categories = [\"contact\", \"usage\"]")], "activities", "enquiries", "changed", "new-data-category"),
        (vec![(pro, "legal_basis = \"legitimate_interests\"", "legal_basis = \"contract\"")], "activities", "enquiries", "changed", "legal-basis-changed"),
        (vec![(ck, "[cookies.stats]", "[cookies.ads]\nname = \"_ads\"\nprovider = \"analytics\"\nparty = \"third\"\ncategory = \"marketing\"\npurpose = { nb = \"Annonser.\", en = \"Ads.\" }\nduration = \"P3M\"\nactivity = \"statistics\"\n\n[cookies.stats]")], "cookies", "ads", "added", "new-tracking-cookie"),
        (vec![(ck, "[cookies.stats]", "[cookies.csrf]\nname = \"csrf\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"Sikkerhet.\", en = \"Security.\" }\nduration = \"session\"\n\n[cookies.stats]")], "cookies", "csrf", "added", ""),
        (vec![(pro, "retention = { period = \"P1Y\", from = \"case_closed\" }", "retention = { period = \"P3Y\", from = \"case_closed\" }")], "activities", "enquiries", "changed", "longer-retention"),
        (vec![(pro, "retention = { period = \"P14M\", from = \"collection\" }", "retention = { period = \"P6M\", from = \"collection\" }")], "activities", "statistics", "changed", ""),
        (vec![(pro, "Svare på spørsmål du sender oss.", "Svare raskt på spørsmål du sender oss.")], "activities", "enquiries", "changed", ""),
        // WP260 §§ 26–29: fewer ways to exercise rights, a longer wait,
        // automated decisions, longer-lived cookies.
        (vec![(org, "[rights.channels.email]\nkind = \"email\"\nvalue = \"personvern@eksempelbedrift.no\"\n", "")], "rights.channels", "email", "removed", "rights-channel-removed"),
        (vec![(org, "response_time = \"P1M\"", "response_time = \"P3W\"")], "rights", "rights", "changed", ""),
        (vec![(pro, "recipients = [\"email-provider\"]", "recipients = [\"email-provider\"]\nautomated_decision = { profiling = true, logic = { nb = \"Poeng.\", en = \"A score.\" }, consequences = { nb = \"Ingen.\", en = \"None.\" } }")], "activities", "enquiries", "changed", "new-automated-decision"),
        (vec![(ck, "duration = \"P13M\"", "duration = \"P25M\"")], "cookies", "stats", "changed", "longer-cookie-duration"),
        (vec![(ck, "duration = \"P13M\"", "duration = \"P6M\"")], "cookies", "stats", "changed", ""),
        // Issue 17 §4 / issue 16: a new joint controller (added, or a
        // recipient made one); a recipient now of every activity; a region
        // inside the EEA is no transfer.
        (vec![(pro, "[recipients.analytics]", "[recipients.partner]\nname = \"Partner AS\"\nkind = \"joint_controller\"\nservice = { nb = \"Felles arrangement\", en = \"Joint event\" }\ncountry = \"NO\"\n\n[recipients.analytics]"), (pro, "recipients = [\"email-provider\"]", "recipients = [\"email-provider\", \"partner\"]")], "recipients", "partner", "added", "new-joint-controller"),
        (vec![(pro, "kind = \"processor\"", "kind = \"joint_controller\"")], "recipients", "email-provider", "changed", "new-joint-controller"),
        (vec![(pro, "country = \"NO\"", "country = \"NO\"\nall_activities = true")], "recipients", "email-provider", "changed", "new-recipient"),
        (vec![(pro, "country = \"SE\"", "country = \"EEA\"")], "recipients", "analytics", "changed", ""),
    ]
}

#[test]
fn each_kind_of_change_is_found_and_classified() {
    for (edits, entity, id, kind, reason) in cases() {
        let (_t, site) = released();
        for (f, a, b) in &edits {
            edit(&site, f, a, b);
        }
        let (code, v) = diff_json(&site);
        let changes = v["changes"].as_array().expect("changes");
        let c = changes
            .iter()
            .find(|c| c["entity"] == entity && c["id"] == id)
            .unwrap_or_else(|| panic!("{entity}.{id} not in diff: {v:#}"));
        assert_eq!(c["kind"], kind, "{entity}.{id}");
        if reason.is_empty() {
            assert_eq!(
                c["material"], false,
                "{entity}.{id} should be editorial: {c:#}"
            );
        } else {
            assert_eq!(c["material"], true, "{entity}.{id}: {c:#}");
            assert_eq!(c["reason"], reason, "{entity}.{id}");
        }
        let any_material = changes.iter().any(|c| c["material"] == true);
        assert_eq!(
            code,
            Some(if any_material { 1 } else { 0 }),
            "exit code says whether a change is material"
        );
    }
}

#[test]
fn field_level_values_and_word_diff() {
    let (_t, site) = released();
    edit(
        &site,
        "content/processing.toml",
        "retention = { period = \"P1Y\", from = \"case_closed\" }",
        "retention = { period = \"P2Y\", from = \"case_closed\" }",
    );
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål du sender oss.",
        "Svare raskt på spørsmål du sender oss.",
    );
    let (_, v) = diff_json(&site);
    let c = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["id"] == "enquiries")
        .expect("enquiries changed")
        .clone();
    let fields = c["fields"].as_array().expect("fields");
    let ret = fields
        .iter()
        .find(|f| f["field"] == "retention")
        .expect("retention field");
    assert_eq!(ret["old"]["period"], "P1Y");
    assert_eq!(ret["new"]["period"], "P2Y");
    let purposes = fields
        .iter()
        .find(|f| f["field"] == "purposes")
        .expect("purposes field");
    assert_eq!(purposes["old"][0]["nb"], "Svare på spørsmål du sender oss.");
    let o = run_on(
        "2026-06-01",
        &["diff", "site"],
        site.parent().expect("parent"),
    );
    let text = stdout(&o);
    assert!(text.contains("retention.period: P1Y → P2Y"), "{text}");
    assert!(text.contains("[material: longer-retention]"), "{text}");
    let o = run_on(
        "2026-06-01",
        &["diff", "site", "--format", "markdown"],
        site.parent().expect("parent"),
    );
    assert!(
        stdout(&o).contains("- `activities.enquiries` changed (`longer-retention`)\n")
            && stdout(&o).contains("\n  - `retention.period`: P1Y → P2Y\n"),
        "{}",
        stdout(&o)
    );
    // Word-level diff of a text edit.
    let (_t, site) = released();
    edit(
        &site,
        "content/cookies.toml",
        "Husker valget ditt om informasjonskapsler.",
        "Husker valget ditt om alle informasjonskapsler.",
    );
    let (_, v) = diff_json(&site);
    let words = &v["changes"][0]["fields"][0]["words"]["nb"];
    assert!(
        words
            .as_array()
            .expect("word ops")
            .iter()
            .any(|op| op[0] == "+" && op[1].as_str().is_some_and(|w| w.contains("alle"))),
        "{v:#}"
    );
}

#[test]
fn release_refusals_write_nothing() {
    let (_t, site) = released();
    let before = tree(&site.join("history"));
    let o = release(&site, "2026-03-01", "1.1", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("nothing changed since version 1.0"),
        "{}",
        stderr(&o)
    );
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål",
        "Besvare spørsmål",
    );
    let o = release(&site, "2026-03-01", "1.0", &["--effective", "2026-02-01"]);
    assert!(
        stderr(&o).contains("[document] version is \"1.0\"")
            && stderr(&o).contains("already released"),
        "{}",
        stderr(&o)
    );
    let o = release(&site, "2026-03-01", "1.1", &["--effective", "2026-01-01"]);
    assert!(
        stderr(&o).contains("does not take effect after the last one"),
        "{}",
        stderr(&o)
    );
    let o = release(&site, "2026-03-01", "1.1", &["--effective", "2026-02-20"]);
    assert!(stderr(&o).contains("before today"), "{}", stderr(&o));
    let o = release(&site, "2026-01-10", "1.1", &[]);
    assert!(
        stderr(&o).contains("take effect after the last one"),
        "published before the last release: {}",
        stderr(&o)
    );
    // A version is kept as written and named safely ("../evil" would be
    // history/evil.toml, see model_v2_cookies.rs); one with nothing to name
    // it by is refused.
    let o = release(&site, "2026-03-01", "…", &[]);
    assert!(
        stderr(&o).contains("has no ASCII letter or digit"),
        "{}",
        stderr(&o)
    );
    let o = release(&site, "2026-03-01", "1.1", &["--note-nb", "Bare norsk."]);
    assert!(stderr(&o).contains("has no `en` text"), "{}", stderr(&o));
    assert_eq!(
        tree(&site.join("history")),
        before,
        "refusals write nothing"
    );
    let o = release(&site, "2026-03-01", "1.1", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.join("history/1.1.toml").exists());
}

#[test]
fn snapshots_keep_loading_after_the_live_files_change_shape() {
    let (_t, site) = released();
    // Move all data from content/ into personvern.toml: the same data, another shape.
    let mut all = String::new();
    for f in ["organisation.toml", "processing.toml", "cookies.toml"] {
        let s = fs::read_to_string(site.join("content").join(f)).expect("read");
        all.push_str(&s.replace("#:schema ../personvern.schema.json\n", ""));
        all.push('\n');
    }
    fs::remove_dir_all(site.join("content")).expect("rm");
    // Plain keys must stay above the [site] table.
    let cfg = fs::read_to_string(site.join("personvern.toml")).expect("read");
    let all = all.replace("supervisory_authority = \"datatilsynet\"\n", "");
    fs::write(
        site.join("personvern.toml"),
        format!("supervisory_authority = \"datatilsynet\"\n{cfg}\n{all}"),
    )
    .expect("write");
    let (code, v) = diff_json(&site);
    assert_eq!(code, Some(0));
    assert_eq!(v["changes"].as_array().map(Vec::len), Some(0), "{v:#}");
}

#[test]
fn changelog_archives_upcoming_and_version_json() {
    let (_t, site) = released();
    edit(&site, "content/cookies.toml", "[cookies.stats]", "[cookies.ads]\nname = \"_ads\"\nprovider = \"analytics\"\nparty = \"third\"\ncategory = \"marketing\"\npurpose = { nb = \"Måle annonser.\", en = \"Measure ads.\" }\nduration = \"P3M\"\nactivity = \"statistics\"\n\n[cookies.stats]");
    let o = release(
        &site,
        "2026-05-01",
        "2.0",
        &[
            "--effective",
            "2026-07-01",
            "--note-nb",
            "Annonsemåling.",
            "--note-en",
            "Ad measurement.",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = site.parent().expect("parent");
    // On 2026-06-01, 1.0 is in force and 2.0 is upcoming.
    let o = run_on(
        "2026-06-01",
        &["build", "site", "--no-minify", "--output", "out"],
        p,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = tree(&p.join("out"));
    let get = |k: &str| {
        String::from_utf8_lossy(
            t.get(k)
                .unwrap_or_else(|| panic!("no {k}: {:?}", t.keys().collect::<Vec<_>>())),
        )
        .into_owned()
    };
    let nb = get("nb/personvern/endringer/index.html");
    let en = get("en/privacy/changes/index.html");
    assert!(
        nb.contains("<h3 class=\"pv-material\">Vesentlige endringer</h3>\n<ul class=\"pv-changes pv-material\">\n<li>Informasjonskapselen «_ads» er lagt til.</li>"),
        "{nb}"
    );
    assert!(
        en.contains("<h3 class=\"pv-material\">Material changes</h3>\n<ul class=\"pv-changes pv-material\">\n<li>The cookie “_ads” was added.</li>"),
        "{en}"
    );
    assert!(
        nb.contains("Kommende") && nb.contains("Gjeldende"),
        "statuses"
    );
    assert!(
        nb.find("Versjon 2.0") < nb.find("Versjon 1.0"),
        "newest first"
    );
    assert!(en.contains("Published 1\u{a0}May\u{a0}2026, effective from 1\u{a0}July\u{a0}2026."));
    let main = get("nb/personvern/index.html");
    assert!(
        main.contains("En ny versjon (2.0) gjelder fra 1.\u{a0}juli\u{a0}2026."),
        "upcoming banner"
    );
    let archived = get("nb/personvern/versjoner/1.0/index.html");
    assert!(
        archived.contains("Dette er versjon 1.0, som er den gjeldende versjonen."),
        "{}",
        &archived[..archived.len().min(3000)]
    );
    assert!(t.contains_key("en/privacy/versions/2.0/index.html"));
    assert!(get("en/privacy/versions/2.0/index.html")
        .contains("This is version 2.0, which takes effect on 1\u{a0}July\u{a0}2026."));
    let feed = get("en/privacy/changes/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 2);
    let vj: serde_json::Value = serde_json::from_str(&get("version.json")).expect("json");
    assert_eq!(vj["version"], "1.0");
    assert_eq!(vj["upcoming"][0]["version"], "2.0");
    assert_eq!(
        vj["archived_url"]["en"],
        "https://www.eksempelbedrift.no/en/privacy/versions/1.0/"
    );
    assert_eq!(vj["content_hash"].as_str().map(str::len), Some(64));
    // After 1 July, 2.0 is in force and 1.0 superseded.
    let o = run_on(
        "2026-07-02",
        &["build", "site", "--no-minify", "--output", "out2"],
        p,
    );
    assert_eq!(o.status.code(), Some(0));
    let t2 = tree(&p.join("out2"));
    let old = String::from_utf8_lossy(&t2["en/privacy/versions/1.0/index.html"]).into_owned();
    assert!(
        old.contains("This is version 1.0, which is no longer in force."),
        "superseded"
    );
    let vj: serde_json::Value = serde_json::from_slice(&t2["version.json"]).expect("json");
    assert_eq!(vj["version"], "2.0");
    assert_ne!(vj["content_hash"], serde_json::Value::Null);
}

/// A copy of example-site in a temporary folder.
fn example_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let site = t.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    (t, site)
}

/// Loads a site in-process, failing the test with its diagnostics.
fn load(s: &std::path::Path) -> personvern::Site {
    match personvern::load_site(s) {
        Ok((site, _)) => site,
        Err(r) => panic!("{}", r.render(false)),
    }
}

/// `serve` and `watch` keep one renderer between rebuilds, and it keeps its
/// renders of the archived versions. After an edit of the current data or
/// of a snapshot, its output must be exactly what a fresh renderer makes.
#[test]
fn reused_renderer_matches_a_fresh_one_after_edits() {
    let (_t, site) = example_copy();
    let fresh = |s: &personvern::Site| {
        personvern::Renderer::new(&s.root, &s.config, &s.languages)
            .map_err(|_| "templates")
            .and_then(|r| r.render(s).map_err(|_| "render"))
            .expect("fresh render")
    };
    let s0 = load(&site);
    let kept = personvern::Renderer::new(&site, &s0.config, &s0.languages).expect("renderer");
    let first = kept.render(&s0).expect("first render");
    let archived = "nb/personvern/versjoner/2.0/index.html";
    assert!(first.contains_key(archived));

    // 1. The current data changes; the snapshots do not.
    edit(
        &site,
        "content/activities.toml",
        "Sende deg nyhetsbrevet vårt",
        "Sende deg det månedlige nyhetsbrevet vårt",
    );
    let s1 = load(&site);
    let again = kept.render(&s1).expect("second render");
    assert_ne!(again, first, "the edit must show");
    assert_eq!(again, fresh(&s1));
    assert_eq!(
        again[archived], first[archived],
        "an unchanged snapshot renders the same"
    );

    // 2. A frozen page changes: its archived page must follow.
    edit(
        &site,
        "history/2.0/nb/privacy.html",
        "Vi holder til i Tromsø",
        "Vi holder til i Bodø",
    );
    let s2 = load(&site);
    let third = kept.render(&s2).expect("third render");
    assert_eq!(third, fresh(&s2));
    assert!(String::from_utf8_lossy(&third[archived]).contains("Bodø"));
    assert!(!String::from_utf8_lossy(&again[archived]).contains("Bodø"));
}

/// With `keep_snapshots` (serve and watch), an unchanged snapshot is not
/// parsed again (the same parsed policy is shared), and a changed one is.
#[test]
fn kept_snapshots_are_reused_only_while_unchanged() {
    let (_t, site) = example_copy();
    personvern::load::snapshots::keep_snapshots(true);
    let a = load(&site);
    let b = load(&site);
    let released = fs::read_dir(site.join("history"))
        .expect("history")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count();
    assert!(released >= 4, "the example has its releases");
    assert_eq!(a.history.len(), released);
    for (x, y) in a.history.iter().zip(&b.history) {
        assert!(
            std::sync::Arc::ptr_eq(x.policy(), y.policy()),
            "{} parsed again",
            x.meta.version
        );
    }
    edit(
        &site,
        "history/2.0.toml",
        "Vi holder til i Tromsø",
        "Vi holder til i Bodø",
    );
    let c = load(&site);
    let find = |s: &personvern::Site, v: &str| {
        s.history
            .iter()
            .find(|r| r.meta.version == v)
            .map(|r| r.policy().clone())
            .expect("release")
    };
    assert!(!std::sync::Arc::ptr_eq(&find(&b, "2.0"), &find(&c, "2.0")));
    assert!(std::sync::Arc::ptr_eq(&find(&b, "1.0"), &find(&c, "1.0")));
    let text = serde_json::to_string(&*find(&c, "2.0")).expect("json");
    assert!(text.contains("Bodø") && !text.contains("Tromsø. Vi"));
    // A broken snapshot is reported even though a good copy was kept.
    edit(&site, "history/2.0.toml", "[release]", "[release");
    match personvern::load_site(&site) {
        Ok(_) => panic!("a broken snapshot loaded"),
        Err(r) => assert!(r.render(false).contains("2.0.toml"), "{}", r.render(false)),
    }
}

/// The first release says it is the first (there is nothing to compare it
/// with), not "No changes … (0 changes)"; a later release counts its changes.
#[test]
fn first_release_says_so_and_a_later_one_counts_changes() {
    let (_t, site) = starter();
    let o = release(&site, "2026-01-15", "1.0", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the first release"), "{err}");
    assert!(!err.contains("0 changes"), "{err}");
    assert!(!stdout(&o).contains("No changes"), "{}", stdout(&o));
    edit(
        &site,
        "content/organisation.toml",
        "legal_name = \"Eksempelbedrift AS\"",
        "legal_name = \"Nytt Navn AS\"",
    );
    let o = release(&site, "2026-01-16", "1.1", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(!err.contains("the first release"), "{err}");
    assert!(err.contains(": 1 change since version 1.0"), "{err}");
}

/// A longer response time is material; a transfer whose mechanism changes,
/// or that is removed, is material.
#[test]
fn response_time_and_transfer_mechanism_changes_are_material() {
    let (_t, site) = starter();
    let org = "content/organisation.toml";
    edit(
        &site,
        org,
        "response_time = \"P1M\"",
        "response_time = \"P2W\"",
    );
    let o = release(&site, "2026-01-15", "1.0", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    edit(
        &site,
        org,
        "response_time = \"P2W\"",
        "response_time = \"P1M\"",
    );
    let (code, v) = diff_json(&site);
    let c = v["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["entity"] == "rights")
        .cloned()
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(c["reason"], "longer-response-time", "{c:#}");
    assert_eq!(code, Some(1));

    // A site released with a transfer on standard contractual clauses.
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "country = \"SE\"",
        "country = \"US\"\n\n[transfers.analytics-us]\nrecipient = \"analytics\"\ncountry = \"US\"\nmechanism = \"scc\"\ninstrument = \"EU 2021/914\"\ncopy = { nb = \"Skriv til oss.\", en = \"Write to us.\" }",
    );
    let o = release(&site, "2026-01-15", "1.0", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    edit(
        &site,
        "content/processing.toml",
        "mechanism = \"scc\"",
        "mechanism = \"bcr\"",
    );
    let (code, v) = diff_json(&site);
    let c = &v["changes"][0];
    assert_eq!(
        (c["entity"].as_str(), c["reason"].as_str()),
        (Some("transfers"), Some("transfer-mechanism-changed")),
        "{v:#}"
    );
    assert_eq!(code, Some(1));
    edit(
        &site,
        "content/processing.toml",
        "mechanism = \"bcr\"",
        "mechanism = \"scc\"",
    );
    let (code, v) = diff_json(&site);
    assert_eq!(code, Some(0), "back to the released data: {v:#}");
}
