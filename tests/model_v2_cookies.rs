//! Data model v2 (issue 16), items 3 and 7: cookies declared as a group
//! without individual names, lifetimes that are a range, vary or store
//! nothing; and versions as organisations write them ("Ver. 2.1"), with a
//! safe name in file names and URLs, and the document's own title in the
//! browser title. Both sides of every new conditional sentence.

mod common;

use common::*;
use std::fs;
use std::path::Path;

const ORG: &str = "content/organisation.toml";
const CK: &str = "content/cookies.toml";

fn privacy(site: &Path) -> (String, String) {
    build_unminified(site);
    (
        page_text(site, "nb/personvern/index.html"),
        page_text(site, "en/privacy/index.html"),
    )
}

fn cookie_pages(site: &Path) -> (String, String) {
    build_unminified(site);
    (
        page_text(site, "nb/informasjonskapsler/index.html"),
        page_text(site, "en/cookies/index.html"),
    )
}

fn json(site: &Path, rel: &str) -> serde_json::Value {
    let s = fs::read_to_string(site.join("public").join(rel)).expect("json output");
    serde_json::from_str(&s).expect("valid JSON")
}

fn cookie<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["notice"]["cookies"]
        .as_array()
        .and_then(|a| a.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no cookie {id} in {v:#}"))
}

fn check_clean(site: &Path) {
    let o = run(
        &["check", site.to_str().expect("utf-8"), "--deny-warnings"],
        site,
    );
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
}

/// `check` fails with an error containing every one of `needles`.
fn check_fails(site: &Path, needles: &[&str]) -> String {
    let o = run(&["check", site.to_str().expect("utf-8")], site);
    let e = stderr(&o);
    assert!(!o.status.success(), "check should fail:\n{e}");
    for n in needles {
        assert!(e.contains(n), "expected {n:?} in:\n{e}");
    }
    e
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

fn at(site: &Path, day: &str, args: &[&str]) -> std::process::Output {
    run_on(day, args, site.parent().expect("parent"))
}

/// Sets [document] version and effective date, then releases on `day`.
fn release(site: &Path, day: &str, version: &str, effective: &str) -> std::process::Output {
    set_document(site, version, effective);
    at(site, day, &["release", "site"])
}

fn diff_json(site: &Path) -> serde_json::Value {
    let o = at(site, "2026-06-01", &["diff", "site", "--format", "json"]);
    serde_json::from_str(&stdout(&o))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&o), stderr(&o)))
}

/// The reason a change to `cookies.<id>` has, or "" when editorial.
fn reason(d: &serde_json::Value, id: &str) -> String {
    let c = d["changes"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["entity"] == "cookies" && c["id"] == id))
        .unwrap_or_else(|| panic!("no change to cookies.{id}: {d:#}"));
    c["reason"].as_str().unwrap_or("").to_string()
}

const VIDEO_GROUP: &str = r#"
[cookies.video]
group = { nb = "Informasjonskapsler fra innebygde videoer", en = "Cookies from embedded videos" }
provider = "analytics"
party = "third"
category = "marketing"
purpose = { nb = "Spiller av innebygde videoer og måler visninger.", en = "Plays embedded videos and counts views." }
duration = "P1D..P2Y"
activity = "statistics"
"#;

// ---- 3. Cookie groups and lifetimes ------------------------------------

/// A group declared without names: its name, "not named one by one", the
/// range in words, on both pages, in the JSON and in the consent banner
/// (no cookie to clear, and it counts in the revision).
#[test]
fn a_cookie_group_is_declared_by_its_name_with_a_lifetime_range() {
    let (_t, plain) = starter();
    build_unminified(&plain);
    let before = json(&plain, "api/cookieconsent.json");

    let (_t2, s) = starter();
    append(&s, CK, VIDEO_GROUP);
    check_clean(&s);
    schema_accepts(&s, CK);
    let (nb, en) = cookie_pages(&s);
    assert!(
        nb.contains("Informasjonskapsler fra innebygde videoer"),
        "{nb}"
    );
    assert!(
        nb.contains("(en gruppe, ikke navngitt hver for seg)"),
        "{nb}"
    );
    assert!(nb.contains("Fra 1 dag til 2 år"), "{nb}");
    assert!(en.contains("Cookies from embedded videos"), "{en}");
    assert!(en.contains("(a group, not named one by one)"), "{en}");
    assert!(en.contains("From 1 day to 2 years"), "{en}");
    // A group holds an unknown number of cookies: no count of cookies.
    assert!(nb.contains("Markedsføring: én oppføring"), "{nb}");
    assert!(en.contains("Marketing: one entry"), "{en}");
    assert!(en.contains("Statistics: one cookie"), "{en}");
    let (pnb, pen) = privacy(&s);
    assert!(pnb.contains("Nettstedet vårt bruker informasjonskapsler og lignende teknologier, noen av dem omtalt samlet i grupper, ikke hver for seg. De som ikke er strengt nødvendige, krever samtykke."), "{pnb}");
    assert!(pen.contains("Our website uses cookies and similar technologies, some of them declared as groups, not one by one. Those that are not strictly necessary require your consent."), "{pen}");
    assert!(!pen.contains("Our website uses three cookies"), "{pen}");
    assert!(
        pen.contains(
            "Some of them are used for marketing, that is, to measure and target advertising."
        ),
        "{pen}"
    );
    assert!(pnb.contains(
        "Noen av dem brukes til markedsføring, det vil si til å måle og målrette annonser."
    ));
    assert!(!pen.contains("One of the cookies is used for marketing"));
    // The other side: without a group the pages count cookies.
    let (_, plain_en) = privacy(&plain);
    assert!(
        plain_en.contains("Our website uses two cookies and similar technologies."),
        "{plain_en}"
    );
    assert!(!plain_en.contains("declared as groups"));
    let plain_cookies = page_text(&plain, "en/cookies/index.html");
    assert!(plain_cookies.contains("Statistics: one cookie") && !plain_cookies.contains("entry"));
    // The named cookies keep their names and have no group note.
    assert!(en.contains("<code class=\"pv-cookie-name\">_stats_id</code>"));
    assert_eq!(en.matches("a group, not named one by one").count(), 1);

    let j = json(&s, "api/en.json");
    let c = cookie(&j, "video");
    assert!(c.get("name").is_none_or(|n| n.is_null()), "{c:#}");
    assert_eq!(c["group"], "Cookies from embedded videos");
    assert_eq!(c["duration"], "P1D..P2Y");
    assert_eq!(c["duration_text"], "From 1\u{a0}day to 2\u{a0}years");
    assert_eq!(
        cookie(&json(&s, "api/nb.json"), "video")["duration_text"],
        "Fra 1\u{a0}dag til 2\u{a0}år"
    );
    let p = json(&s, "api/policy.json");
    let pc = p["policy"]["cookies"]
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "video"))
        .unwrap_or_else(|| panic!("{p:#}"));
    assert_eq!(
        pc["group"]["nb"],
        "Informasjonskapsler fra innebygde videoer"
    );

    // The JSON outputs' own schemas accept a group and its lifetime.
    for (doc, schema) in [
        ("api/nb.json", "api/notice.schema.json"),
        ("api/en.json", "api/notice.schema.json"),
        ("api/policy.json", "api/policy.schema.json"),
        ("api/cookieconsent.json", "api/cookieconsent.schema.json"),
    ] {
        let v = jsonschema::validator_for(&json(&s, schema)).expect("schema compiles");
        let errs: Vec<String> = v
            .iter_errors(&json(&s, doc))
            .map(|e| e.to_string())
            .collect();
        assert!(errs.is_empty(), "{doc}: {errs:?}");
    }

    let cc = json(&s, "api/cookieconsent.json");
    let text = cc.to_string();
    assert!(
        text.contains("Cookies from embedded videos (a group, not named one by one)"),
        "{cc:#}"
    );
    assert!(text.contains(
        "Informasjonskapsler fra innebygde videoer (en gruppe, ikke navngitt hver for seg)"
    ));
    assert!(text.contains("From 1\u{a0}day to 2\u{a0}years"), "{text}");
    let clear = cc["categories"]["marketing"]["autoClear"].to_string();
    assert!(
        !clear.contains("video") && !clear.contains("group"),
        "{clear}"
    );
    assert_ne!(
        before["revision"], cc["revision"],
        "a new group asks consent again"
    );
    // The revision follows the group's name too.
    edit(
        &s,
        CK,
        "en = \"Cookies from embedded videos\"",
        "en = \"Video cookies\"",
    );
    build_unminified(&s);
    assert_ne!(
        json(&s, "api/cookieconsent.json")["revision"],
        cc["revision"]
    );
}

/// `varies` and `not_stored` are said as such, never as a period; a period
/// is still said in words (the other side).
#[test]
fn varying_and_not_stored_lifetimes_are_said_as_such() {
    let (_t, s) = starter();
    edit(&s, CK, "duration = \"P13M\"", "duration = \"varies\"");
    append(
        &s,
        CK,
        r#"
[cookies.ping]
group = { nb = "Målepiksler", en = "Measurement pixels" }
provider = "analytics"
party = "third"
category = "statistics"
technology = "pixel"
purpose = { nb = "Teller besøk.", en = "Counts visits." }
duration = "not_stored"
activity = "statistics"

[cookies.server-ping]
group = { nb = "Statistikk sendt fra serveren vår", en = "Statistics sent from our server" }
provider = "analytics"
party = "third"
category = "statistics"
technology = "server_request"
purpose = { nb = "Teller sidevisninger uten å lagre noe i nettleseren.", en = "Counts page views without storing anything in the browser." }
duration = "not_stored"
activity = "statistics"
"#,
    );
    check_clean(&s);
    schema_accepts(&s, CK);
    let (nb, en) = cookie_pages(&s);
    assert!(nb.contains("Varierer"), "{nb}");
    assert!(en.contains("Varies"), "{en}");
    assert!(nb.contains("Lagrer ingenting på enheten"));
    assert!(nb.contains("Forespørsel fra serveren vår"), "{nb}");
    assert!(en.contains("Request from our server"), "{en}");
    assert_eq!(
        en.matches("Stores nothing on your device").count(),
        2,
        "{en}"
    );
    assert!(en.contains("Stores nothing on your device"));
    assert!(!en.contains("13 months"));
    let j = json(&s, "api/en.json");
    assert_eq!(cookie(&j, "stats")["duration"], "varies");
    assert_eq!(cookie(&j, "stats")["duration_text"], "Varies");
    assert_eq!(cookie(&j, "ping")["duration"], "not_stored");
    let v = jsonschema::validator_for(&json(&s, "api/notice.schema.json")).expect("schema");
    let errs: Vec<String> = v.iter_errors(&j).map(|e| e.to_string()).collect();
    assert!(errs.is_empty(), "api/en.json: {errs:?}");
    assert_eq!(
        cookie(&j, "ping")["duration_text"],
        "Stores nothing on your device"
    );

    let (_t, s) = starter();
    let (_, en) = cookie_pages(&s);
    assert!(en.contains("13 months"));
    assert!(!en.contains("Varies"));
    assert!(!en.contains("a group, not named one by one"));
}

/// A cookie gives a name or a group, not both and not neither; only a
/// technology that stores nothing may say `not_stored`; a range goes from
/// shorter to longer; the consent banner's cookie is one named cookie.
#[test]
fn names_groups_and_lifetimes_are_validated_with_the_fix() {
    let (_t, s) = starter();
    append(&s, CK, VIDEO_GROUP);
    edit(
        &s,
        CK,
        "[cookies.video]\n",
        "[cookies.video]\nname = \"vid\"\n",
    );
    check_fails(
        &s,
        &[
            "[cookies.video] has both a name and a group",
            "cookies.toml:",
        ],
    );

    let (_t, s) = starter();
    append(&s, CK, VIDEO_GROUP);
    edit(&s, CK, "group = { nb = \"Informasjonskapsler fra innebygde videoer\", en = \"Cookies from embedded videos\" }\n", "");
    check_fails(
        &s,
        &[
            "[cookies.video] has neither a name nor a group",
            "group = {",
        ],
    );

    let (_t, s) = starter();
    edit(&s, CK, "duration = \"P13M\"", "duration = \"not_stored\"");
    check_fails(
        &s,
        &[
            "duration = \"not_stored\", but its technology (http_cookie) stores data on the device",
            "set technology = \"pixel\", \"fingerprint\" or \"server_request\"",
        ],
    );

    let (_t, s) = starter();
    edit(
        &s,
        CK,
        "duration = \"P13M\"",
        "duration = \"P13M\"\ntechnology = \"server_request\"",
    );
    check_fails(
        &s,
        &[
            "is a request to a server, which stores nothing on the device",
            "write duration = \"not_stored\"",
        ],
    );

    let (_t, s) = starter();
    edit(&s, CK, "duration = \"P13M\"", "duration = \"P2Y..P1D\"");
    check_fails(&s, &["write the shorter first"]);

    let (_t, s) = starter();
    append(
        &s,
        CK,
        &VIDEO_GROUP
            .replace("marketing", "strictly_necessary")
            .replace("third", "first")
            .replace("P1D..P2Y", "P6M"),
    );
    edit(
        &s,
        CK,
        "consent_cookie = \"consent\"",
        "consent_cookie = \"video\"",
    );
    check_fails(&s, &["is a group of cookies declared without a name"]);
}

/// The diff classifies a new group needing consent as a new tracking
/// cookie, a longer range as a longer lifetime, a stated lifetime that now
/// varies as changed, and a shorter one as editorial; the changelog says
/// the lifetimes as they are.
#[test]
fn group_changes_are_classified_like_cookie_changes() {
    let (_t, s) = starter();
    let o = release(&s, "2026-01-15", "1.0", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    append(&s, CK, VIDEO_GROUP);
    assert_eq!(reason(&diff_json(&s), "video"), "new-tracking-cookie");
    // Strictly necessary: no consent, editorial as for a named cookie.
    let (video_marketing, video_necessary) = (
        "category = \"marketing\"\npurpose = { nb = \"Spiller",
        "category = \"strictly_necessary\"\npurpose = { nb = \"Spiller",
    );
    edit(&s, CK, video_marketing, video_necessary);
    assert_eq!(reason(&diff_json(&s), "video"), "");
    edit(&s, CK, video_necessary, video_marketing);

    // A named cookie in the same release, for the other side of the
    // changelog's sentence.
    append(
        &s,
        CK,
        "\n[cookies.vid]\nname = \"_vid\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"Husker lydvalget.\", en = \"Remembers the sound setting.\" }\nduration = \"P1D\"\n",
    );
    let o = release(&s, "2026-02-02", "1.1", "2026-03-15");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    edit(&s, CK, "duration = \"P1D..P2Y\"", "duration = \"P1D..P3Y\"");
    assert_eq!(reason(&diff_json(&s), "video"), "longer-cookie-duration");
    edit(&s, CK, "duration = \"P1D..P3Y\"", "duration = \"P1D..P1Y\"");
    assert_eq!(reason(&diff_json(&s), "video"), "");
    edit(&s, CK, "duration = \"P1D..P1Y\"", "duration = \"varies\"");
    assert_eq!(reason(&diff_json(&s), "video"), "cookie-duration-changed");

    let o = release(&s, "2026-03-16", "1.2", "2026-05-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = at(&s, "2026-05-02", &["build", "site", "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nb = page_text(&s, "nb/personvern/endringer/index.html");
    let en = page_text(&s, "en/privacy/changes/index.html");
    assert!(
        nb.contains("Lagringstiden for «Informasjonskapsler fra innebygde videoer» er endret fra «Fra 1 dag til 2 år» til «Varierer»."),
        "{nb}"
    );
    assert!(
        nb.contains("Gruppen av informasjonskapsler «Informasjonskapsler fra innebygde videoer» er lagt til."),
        "{nb}"
    );
    assert!(
        en.contains("The cookie group “Cookies from embedded videos” was added."),
        "{en}"
    );
    assert!(
        nb.contains("Informasjonskapselen «_vid» er lagt til."),
        "{nb}"
    );
    assert!(en.contains("The cookie “_vid” was added."), "{en}");
    assert!(
        en.contains("The lifetime of “Cookies from embedded videos” has changed from “From 1 day to 2 years” to “Varies”."),
        "{en}"
    );
}

// ---- 7. Versions as organisations write them -----------------------------

/// "Ver. 2.1" is kept as written on the pages and in the JSON, and named
/// `2.1` in file names and URLs: the snapshot, the frozen pages, the
/// archive, the changelog anchor and version.json.
#[test]
fn a_version_as_written_is_kept_and_named_safely_in_urls() {
    let (_t, s) = starter();
    set_document(&s, "Ver. 2.1", "2026-02-01");
    check_clean(&s);
    schema_accepts(&s, ORG);
    let (nb, en) = privacy(&s);
    assert!(nb.contains("Ver. 2.1"), "{nb}");
    assert!(en.contains("Ver. 2.1"), "{en}");
    assert_eq!(json(&s, "api/en.json")["version"], "Ver. 2.1");

    let o = at(&s, "2026-01-15", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let snap = fs::read_to_string(s.join("history/2.1.toml")).expect("history/2.1.toml");
    assert!(snap.contains("version = \"Ver. 2.1\""), "{snap}");
    assert!(s.join("history/2.1/nb/privacy.html").is_file());
    let o = at(&s, "2026-03-01", &["check", "site", "--deny-warnings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = at(&s, "2026-03-01", &["build", "site", "--no-minify"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let archived = page_text(&s, "nb/personvern/versjoner/2.1/index.html");
    assert!(archived.contains("Ver. 2.1"), "{archived}");
    assert!(s
        .join("public/en/privacy/versions/2.1/index.html")
        .is_file());
    let cl = page_text(&s, "en/privacy/changes/index.html");
    assert!(cl.contains("id=\"pv-v-2-1\""), "{cl}");
    let v = json(&s, "version.json");
    assert_eq!(v["version"], "Ver. 2.1");
    assert!(
        v["archived_url"]["en"]
            .as_str()
            .is_some_and(|u| u.ends_with("/en/privacy/versions/2.1/")),
        "{v:#}"
    );

    // A path in a version never leaves history/: it is only text.
    let (_t, s) = starter();
    let o = release(&s, "2026-01-15", "../../evil", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(s.join("history/evil.toml").is_file());
    assert!(
        !s.join("evil.toml").exists() && !s.parent().expect("parent").join("evil.toml").exists()
    );

    // The other side: a version that is a name already is its own.
    let (_t, s) = starter();
    let o = release(&s, "2026-01-15", "2024-A", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(s.join("history/2024-A.toml").is_file());
}

/// Two versions named alike in URLs, or a version with nothing to name it
/// by: `check` and `release` refuse both, naming both versions.
#[test]
fn check_and_release_agree_on_which_versions_can_be_released() {
    let (_t, s) = starter();
    let o = release(&s, "2026-01-15", "2.1", "2026-02-01");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    append(&s, CK, VIDEO_GROUP);
    set_document(&s, "Ver. 2.1", "2026-04-01");
    let o = at(&s, "2026-02-02", &["check", "site"]);
    let e = stderr(&o);
    assert!(!o.status.success(), "{e}");
    assert!(
        e.contains("`Ver. 2.1` and the released version `2.1` would both be named `2.1`"),
        "{e}"
    );
    assert!(e.contains("organisation.toml:"), "{e}");
    let o = at(&s, "2026-02-02", &["release", "site"]);
    let e = stderr(&o);
    assert!(!o.status.success(), "{e}");
    assert!(
        e.contains("`Ver. 2.1` and the released version `2.1`"),
        "{e}"
    );
    assert!(!s.join("history/Ver. 2.1.toml").exists());

    // The other side: another version is released.
    set_document(&s, "Ver. 2.2", "2026-04-01");
    let o = at(&s, "2026-02-02", &["check", "site"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = at(&s, "2026-02-02", &["release", "site"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(s.join("history/2.2.toml").is_file());

    let (_t, s) = starter();
    set_document(&s, "…", "2026-02-01");
    check_fails(
        &s,
        &[
            "has no ASCII letter or digit",
            "personvern release` would refuse it",
        ],
    );
    let o = at(&s, "2026-01-15", &["release", "site"]);
    assert!(!o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("has no ASCII letter or digit"));
    assert!(!s.join("history").exists());
}

/// The browser title is the document's own title when it has one, and the
/// generic "Privacy statement" otherwise.
#[test]
fn the_browser_title_uses_the_document_title() {
    let (_t, s) = starter();
    edit(
        &s,
        ORG,
        "[document]\n",
        "[document]\ntitle = { nb = \"Personvern- og databeskyttelseserklæring\", en = \"Privacy and Data Protection Policy\" }\n",
    );
    check_clean(&s);
    let (nb, en) = privacy(&s);
    assert!(
        nb.contains("<title>Personvern- og databeskyttelseserklæring – "),
        "{nb}"
    );
    assert!(
        en.contains("<title>Privacy and Data Protection Policy – "),
        "{en}"
    );

    let (_t, s) = starter();
    let (nb, en) = privacy(&s);
    assert!(nb.contains("<title>Personvernerklæring – "), "{nb}");
    assert!(en.contains("<title>Privacy statement – "), "{en}");
}
