//! Building sites: pages, languages, overrides, determinism, safety.

mod common;
use common::*;
use std::fs;

fn build_ok(site: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.with_file_name(format!(
        "{}-out",
        site.file_name().and_then(|n| n.to_str()).unwrap_or("site")
    ));
    let o = run(
        &[
            "build",
            site.to_str().expect("path"),
            "--no-minify",
            "--output",
            out.to_str().expect("path"),
        ],
        site.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "build failed:\n{}", stderr(&o));
    assert!(
        !stderr(&o).contains("warning"),
        "unexpected warnings:\n{}",
        stderr(&o)
    );
    tree(&out)
}

fn page(t: &std::collections::BTreeMap<String, Vec<u8>>, p: &str) -> String {
    String::from_utf8(
        t.get(p)
            .unwrap_or_else(|| panic!("no {p} in output: {:?}", t.keys().collect::<Vec<_>>()))
            .clone(),
    )
    .expect("utf-8")
}

#[test]
fn starter_builds_all_pages_in_both_languages() {
    let (_t, site) = starter();
    let t = build_ok(&site);
    for p in [
        "index.html",
        "nb/personvern/index.html",
        "nb/informasjonskapsler/index.html",
        "en/privacy/index.html",
        "en/cookies/index.html",
        "assets/personvern.css",
    ] {
        assert!(t.contains_key(p), "{p} missing");
    }
    let nb = page(&t, "nb/personvern/index.html");
    let en = page(&t, "en/privacy/index.html");
    assert!(
        nb.starts_with("<!DOCTYPE html>\n<html lang=\"nb\">"),
        "{}",
        &nb[..80]
    );
    assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // Alternates for both languages, absolute, and a switcher to the same page.
    assert!(
        nb.contains(
            r#"<link rel="alternate" hreflang="en" href="https://www.eksempelbedrift.no/en/privacy/">"#
        ),
        "{nb}"
    );
    assert!(nb.contains(
        r#"<link rel="alternate" hreflang="nb" href="https://www.eksempelbedrift.no/nb/personvern/">"#
    ));
    assert!(
        nb.contains(r#"<a href="../../en/privacy/" hreflang="en" lang="en">English</a>"#),
        "{nb}"
    );
    assert!(
        en.contains(r#"<a href="../../nb/personvern/" hreflang="nb" lang="nb">Norsk (bokmål)</a>"#)
    );
    // Locale dates and plural durations, with non-breaking spaces.
    assert!(
        nb.contains("gjelder fra 1.\u{a0}januar\u{a0}2026"),
        "nb date"
    );
    assert!(
        en.contains("effective from 1\u{a0}January\u{a0}2026"),
        "en date"
    );
    assert!(nb.contains("14\u{a0}måneder fra innsamlingen"));
    assert!(en.contains("14\u{a0}months from collection"));
    // Legal basis with citation in each language's style.
    assert!(nb.contains("personvernforordningen artikkel 6 nr. 1 bokstav a"));
    assert!(en.contains("Article 6(1)(a) GDPR"));
    // The org's own facts, in each language.
    assert!(
        nb.contains("Svare på spørsmål du sender oss.")
            && en.contains("Answer questions you send us.")
    );
    // Summary layer linking to the detailed sections.
    assert!(nb.contains(r##"<dt><a href="#pv-controller">Hvem som er ansvarlig</a></dt>"##));
    assert!(
        nb.contains(r#"id="pv-controller""#)
            && nb.contains(r#"id="pv-rights""#)
            && nb.contains(r#"id="pv-complaints""#)
    );
    // Cookie declaration: one row per cookie, grouped by category.
    let ck = page(&t, "nb/informasjonskapsler/index.html");
    assert_eq!(ck.matches("<tr id=\"pv-cookie-").count(), 2);
    assert!(ck.contains("<h2 id=\"pv-strictly-necessary\">Strengt nødvendige</h2>"));
    assert!(ck.contains("<h2 id=\"pv-statistics\">Statistikk</h2>"));
    assert!(
        !ck.contains("<h2 id=\"pv-marketing\">"),
        "empty categories get no table"
    );
    // Self-contained: nothing is loaded from another host.
    for (p, b) in &t {
        let s = String::from_utf8_lossy(b);
        assert!(!s.contains("src=\"http"), "{p} loads a remote resource");
        assert!(!s.contains("<script"), "{p} has a script");
        assert!(
            !s.contains("stylesheet\" href=\"http"),
            "{p} loads a remote stylesheet"
        );
    }
}

#[test]
fn output_is_deterministic() {
    let (_t, site) = starter();
    let a = build_ok(&site);
    let b = build_ok(&site);
    assert_eq!(a, b);
}

#[test]
fn user_text_is_inert_html() {
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "Svare på spørsmål du sender oss.",
        "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))",
    );
    edit(
        &site,
        "content/processing.toml",
        "name = \"Eksempel E-post AS\"",
        "name = \"<b onmouseover=alert(4)>Evil</b>\"",
    );
    edit(
        &site,
        "content/organisation.toml",
        "legal_name = \"Eksempelbedrift AS\"",
        "legal_name = \"Eks\\\"><script>alert(5)</script>\"",
    );
    let t = build_ok(&site);
    for (p, b) in t.iter().filter(|(p, _)| p.ends_with(".html")) {
        let s = String::from_utf8_lossy(b);
        assert!(!s.contains("<script"), "{p}: raw script");
        assert!(!s.contains("<img"), "{p}: raw img");
        assert!(!s.contains("<b onmouseover"), "{p}: raw event handler");
        assert!(!s.contains("href=\"javascript:"), "{p}: javascript link");
    }
    let nb = page(&t, "nb/personvern/index.html");
    assert!(
        nb.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped text is still shown"
    );
    assert!(nb.contains("&lt;b onmouseover=alert(4)&gt;Evil"));
}

#[test]
fn site_overrides_templates_and_messages() {
    let (_t, site) = starter();
    fs::create_dir_all(site.join("locales/nb")).expect("mkdir");
    fs::write(
        site.join("locales/nb/site.ftl"),
        "summary-heading = Det viktigste først\n",
    )
    .expect("write");
    fs::create_dir_all(site.join("templates/partials")).expect("mkdir");
    fs::write(site.join("templates/partials/children.html"), "<section aria-labelledby=\"children\"><h2 id=\"children\">{{ t(id=\"children-heading\") }}</h2><p class=\"site-override\">Egen tekst</p></section>\n").expect("write");
    append(
        &site,
        "content/organisation.toml",
        "\n[children]\nmin_age = 16\n",
    );
    let t = build_ok(&site);
    let nb = page(&t, "nb/personvern/index.html");
    assert!(
        nb.contains("<h2 id=\"pv-summary\">Det viktigste først</h2>"),
        "message override"
    );
    assert!(
        page(&t, "en/privacy/index.html").contains("<h2 id=\"pv-summary\">In short</h2>"),
        "other language untouched"
    );
    assert!(
        nb.contains("<p class=\"site-override\">Egen tekst</p>"),
        "template override"
    );
}

#[test]
fn a_new_language_needs_only_locale_files() {
    let (_t, site) = starter();
    // Nynorsk: copy the built-in Bokmål texts as a stand-in translation.
    fs::create_dir_all(site.join("locales/nn")).expect("mkdir");
    for f in ["main.ftl", "countries.ftl"] {
        let s = fs::read_to_string(repo().join("locales/nb").join(f)).expect("read");
        let s = s.replace(
            "slug-privacy = personvern",
            "slug-privacy = personvernerklaering",
        );
        fs::write(site.join("locales/nn").join(f), s).expect("write");
    }
    edit(
        &site,
        "personvern.toml",
        "languages = [\"nb\", \"en\"]",
        "languages = [\"nb\", \"en\", \"nn\"]",
    );
    // Every text needs an nn version: add them by giving each `en = ` a twin.
    for f in [
        "content/organisation.toml",
        "content/processing.toml",
        "content/cookies.toml",
    ] {
        let p = site.join(f);
        let s = fs::read_to_string(&p).expect("read");
        let re_nb = s.replace("{ nb = \"", "{ nn = \"(nn) \", nb = \"");
        fs::write(&p, re_nb).expect("write");
    }
    let out = site.with_file_name("nn-out");
    let o = run(
        &[
            "build",
            "site",
            "--no-minify",
            "--output",
            out.to_str().expect("path"),
        ],
        site.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The stand-in copy is flagged as untranslated, as it should be.
    assert!(
        stderr(&o).contains("warning[translation-identical]"),
        "{}",
        stderr(&o)
    );
    let t = tree(&out);
    let nn = page(&t, "nn/personvernerklaering/index.html");
    assert!(nn.starts_with("<!DOCTYPE html>\n<html lang=\"nn\">"));
    assert!(nn.contains("hreflang=\"nn\""));
    assert!(page(&t, "en/privacy/index.html").contains("hreflang=\"nn\""));
}

#[test]
fn language_tag_no_is_written_nb() {
    let (_t, site) = starter();
    edit(
        &site,
        "personvern.toml",
        "languages = [\"nb\", \"en\"]",
        "languages = [\"no\", \"en\"]",
    );
    edit(
        &site,
        "personvern.toml",
        "default_language = \"nb\"",
        "default_language = \"no\"",
    );
    let o = run(
        &["build", "site", "--no-minify"],
        site.parent().expect("parent"),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[non-canonical-language]"));
    let t = tree(&site.join("public"));
    assert!(page(&t, "nb/personvern/index.html").contains("<html lang=\"nb\">"));
    assert!(!t.keys().any(|k| k.starts_with("no/")));
}

#[test]
fn init_creates_a_site_that_builds_and_refuses_to_overwrite() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(&["init", "my-site"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // It points to the README section that exists (tests/readme.rs keeps
    // that section generated).
    assert!(
        stderr(&o).contains("section \"Data reference\""),
        "{}",
        stderr(&o)
    );
    let o = run(&["build", "my-site"], tmp.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(tmp
        .path()
        .join("my-site/public/nb/personvern/index.html")
        .exists());
    let before = fs::read(tmp.path().join("my-site/personvern.toml")).expect("read");
    let o = run(&["init", "my-site"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already holds a site"));
    assert_eq!(
        fs::read(tmp.path().join("my-site/personvern.toml")).expect("read"),
        before
    );
}

#[test]
fn seed_fixtures_build_clean_in_both_languages() {
    for seed in ["seed-000", "seed-001", "seed-004"] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let site = tmp.path().join(seed);
        copy_dir(&repo().join("tests/fixtures").join(seed), &site);
        let t = build_ok(&site);
        let html: Vec<&String> = t
            .keys()
            .filter(|k| k.ends_with("index.html") && k.contains('/'))
            .collect();
        assert_eq!(html.len(), 4, "{seed}: {html:?}");
        for p in html {
            let s = page(&t, p);
            let lang = p.split('/').next().unwrap_or("");
            assert!(s.contains(&format!("<html lang=\"{lang}\">")), "{seed} {p}");
        }
    }
}

#[test]
fn build_minifies_by_default() {
    let (_t, site) = starter();
    let p = site.parent().expect("parent");
    let o = run(&["build", "site", "--output", "min"], p);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["build", "site", "--no-minify", "--output", "full"], p);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (min, full) = (tree(&p.join("min")), tree(&p.join("full")));
    assert_eq!(
        min.keys().collect::<Vec<_>>(),
        full.keys().collect::<Vec<_>>()
    );
    for f in ["nb/personvern/index.html", "assets/personvern.css"] {
        assert!(
            min[f].len() < full[f].len(),
            "{f}: {} vs {}",
            min[f].len(),
            full[f].len()
        );
    }
    let html = String::from_utf8_lossy(&min["nb/personvern/index.html"]).into_owned();
    // Closing tags are kept, so the result still validates.
    assert!(
        html.contains("</html>") && html.contains("</p>") && html.contains("lang=nb")
            || html.contains("lang=\"nb\""),
        "{}",
        &html[..200]
    );
}

#[test]
fn embedding_outputs_exist_and_fragments_have_no_wrapper() {
    let (_t, site) = starter();
    let t = build_ok(&site);
    for f in [
        "fragments/nb/privacy.html",
        "fragments/en/cookies.html",
        "nb/personvern/index.md",
        "en/cookies/index.md",
        "api/nb.json",
        "api/en.json",
        "api/policy.json",
        "api/notice.schema.json",
        "api/policy.schema.json",
        "assets/personvern-fragment.css",
        "sitemap.xml",
        "version.json",
    ] {
        assert!(t.contains_key(f), "{f} missing");
    }
    let frag = page(&t, "fragments/nb/privacy.html");
    for bad in [
        "<html",
        "<head",
        "<body",
        "<script",
        "<style",
        " style=",
        "<!DOCTYPE",
    ] {
        assert!(!frag.contains(bad), "fragment contains {bad}");
    }
    assert!(frag.starts_with("<div class=\"pv-fragment\" lang=\"nb\">"));
    assert!(
        frag.contains("id=\"pv-controller\"") && frag.contains("id=\"pv-rights\""),
        "stable anchors"
    );
    assert!(
        frag.contains("href=\"https://www.eksempelbedrift.no/nb/informasjonskapsler/\""),
        "links are absolute in fragments"
    );
    // Every class name is prefixed so it cannot collide with the host site.
    let re_class = frag
        .split("class=\"")
        .skip(1)
        .map(|c| c.split('"').next().unwrap_or(""))
        .collect::<Vec<_>>();
    for c in re_class.iter().flat_map(|c| c.split_whitespace()) {
        assert!(c.starts_with("pv-"), "class {c} is not prefixed");
    }
    // So is every id, and every in-page link and reference to one (issue 19):
    // a host page's own `#summary` or `#rights` cannot clash with ours.
    for f in [
        "fragments/nb/privacy.html",
        "fragments/en/cookies.html",
        "nb/personvern/index.html",
        "en/cookies/index.html",
    ] {
        let html = page(&t, f);
        let mut ids = 0;
        for attr in ["id=\"", "aria-labelledby=\"", "aria-describedby=\""] {
            for v in html.split(attr).skip(1) {
                let v = v.split('"').next().unwrap_or("");
                assert!(v.starts_with("pv-"), "{f}: {attr}{v} is not prefixed");
                ids += 1;
            }
        }
        // Links to an anchor, on this page or the other one
        // (…/informasjonskapsler/#pv-cookie-…). `#cookie-settings` is the
        // example's own link, in its content, to the host site's settings.
        for v in html.split("href=\"").skip(1) {
            let v = v.split('"').next().unwrap_or("").replace("&#x2F;", "/");
            if let Some((_, anchor)) = v.split_once('#') {
                assert!(
                    anchor.starts_with("pv-") || anchor == "cookie-settings",
                    "{f}: a link to #{anchor} is not prefixed"
                );
            }
        }
        assert!(ids > 10, "{f}: only {ids} ids and anchors");
    }
    let md = page(&t, "nb/personvern/index.md");
    assert!(md.contains("## Hvem som er ansvarlig"), "{md}");
    assert!(!md.contains("<div"), "markdown has no HTML wrapper");
    let sm = page(&t, "sitemap.xml");
    assert_eq!(sm.matches("<url>").count(), 4);
    assert!(sm.contains(
        r#"<xhtml:link rel="alternate" hreflang="en" href="https://www.eksempelbedrift.no/en/privacy/"/>"#
    ));
}

#[test]
fn json_outputs_validate_against_their_schemas() {
    let (_t, site) = starter();
    let t = build_ok(&site);
    let load = |p: &str| -> serde_json::Value { serde_json::from_slice(&t[p]).expect("json") };
    for (doc, schema) in [
        ("api/nb.json", "api/notice.schema.json"),
        ("api/en.json", "api/notice.schema.json"),
        ("api/policy.json", "api/policy.schema.json"),
    ] {
        let v = jsonschema::validator_for(&load(schema)).expect("schema compiles");
        let errs: Vec<String> = v.iter_errors(&load(doc)).map(|e| e.to_string()).collect();
        assert!(errs.is_empty(), "{doc}: {errs:?}");
        // The schema is not vacuous: an empty object fails it.
        assert!(
            !v.is_valid(&serde_json::json!({})),
            "{schema} accepts anything"
        );
    }
    let nb = load("api/nb.json");
    assert_eq!(nb["lang"], "nb");
    assert_eq!(nb["notice"]["activities"][0]["name"], "Henvendelser");
    assert_eq!(
        nb["notice"]["cookies"][1]["duration_text"],
        "13\u{a0}måneder"
    );
    assert_eq!(
        load("api/policy.json")["policy"]["activities"][0]["name"]["en"],
        "Enquiries"
    );
}

#[test]
fn role_texts_are_shown_as_written() {
    for (nb, en) in [("CISO", "CISO"), ("Personvernansvarlig", "Privacy lead")] {
        let (_t, site) = starter();
        edit(
            &site,
            "content/organisation.toml",
            "role = { nb = \"personvernansvarlig\", en = \"privacy officer\" }",
            &format!("role = {{ nb = \"{nb}\", en = \"{en}\" }}"),
        );
        let out = build_ok(&site);
        let nb_page = page(&out, "nb/personvern/index.html");
        let en_page = page(&out, "en/privacy/index.html");
        assert!(
            nb_page.contains(&format!("({nb})")),
            "nb role {nb:?} not as written"
        );
        assert!(
            en_page.contains(&format!("({en})")),
            "en role {en:?} not as written"
        );
    }
}

/// Builds `site` unminified and without the render cache into `out`.
fn build_into(
    site: &std::path::Path,
    out: &std::path::Path,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    build_into_with(site, out, &["--no-minify"]).0
}

/// Builds `site` into `out` with `extra` flags (and no render cache);
/// returns the files written and what the build printed.
fn build_into_with(
    site: &std::path::Path,
    out: &std::path::Path,
    extra: &[&str],
) -> (std::collections::BTreeMap<String, Vec<u8>>, String) {
    let mut args = vec![
        "build",
        site.to_str().expect("path"),
        "--no-cache",
        "--output",
        out.to_str().expect("path"),
    ];
    args.extend_from_slice(extra);
    let o = run_on("2026-12-03", &args, site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(0), "build failed:\n{}", stderr(&o));
    (tree(out), stderr(&o))
}

#[test]
fn a_page_and_its_fragment_rendered_from_one_body_are_the_bytes_of_two_renders() {
    // With the built-in theme the body of each page is rendered once and
    // used for the page and its fragment; a template of the site's turns
    // that off (the site's templates may do anything with page.fragment),
    // so the same site with a copy of a built-in template renders both.
    let t = tempfile::tempdir().expect("tempdir");
    let site = t.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let once = build_into(&site, &t.path().join("once"));
    // Minified, each shared body is minified once for its two files
    // (output/minify.rs), which --timings counts.
    let (once_min, printed) = build_into_with(&site, &t.path().join("once-min"), &["--timings"]);
    let composed = "files minified around a body minified once for them:";
    assert!(
        printed.contains(&format!("{composed} 8")),
        "two pages and two fragments in two languages: {printed}"
    );
    let partial = "partials/version.html";
    let builtin = fs::read_to_string(repo().join("themes/default/templates").join(partial))
        .expect("built-in template");
    fs::create_dir_all(site.join("templates/partials")).expect("mkdir");
    fs::write(site.join("templates").join(partial), builtin).expect("write");
    let twice = build_into(&site, &t.path().join("twice"));
    let (twice_min, printed) = build_into_with(&site, &t.path().join("twice-min"), &["--timings"]);
    assert!(printed.contains(&format!("{composed} 0")), "{printed}");
    assert_eq!(once.len(), twice.len());
    for (path, bytes) in &once {
        assert!(
            twice.get(path) == Some(bytes),
            "{path} differs between the two ways"
        );
    }
    assert_eq!(once_min.len(), twice_min.len());
    for (path, bytes) in &once_min {
        assert!(
            twice_min.get(path) == Some(bytes),
            "{path} differs between the two ways, minified"
        );
    }
    // The two copies differ where they must: the page has its heading and
    // relative links, the fragment no heading and absolute links.
    let whole = page(&once, "en/cookies/index.html");
    let fragment = page(&once, "fragments/en/cookies.html");
    assert!(whole.contains("<h1>"), "page without its heading");
    assert!(!fragment.contains("<h1>"), "fragment with a heading");
    assert!(
        whole.contains("href=\"../../en/privacy/#pv-activity-"),
        "no relative link in the page"
    );
    assert!(
        fragment.contains("href=\"https://www.nordlysbooking.no/en/privacy/#pv-activity-"),
        "no absolute link in the fragment"
    );
    // The link built with tera's `escape` filter (the cookie's provider).
    assert!(
        fragment.contains(
            "https:&#x2F;&#x2F;www.nordlysbooking.no&#x2F;en&#x2F;privacy&#x2F;#pv-recipient-"
        ),
        "provider link"
    );
    assert!(
        whole.contains("..&#x2F;..&#x2F;en&#x2F;privacy&#x2F;#pv-recipient-"),
        "provider link"
    );
}

#[test]
fn a_text_holding_the_link_mark_is_shown_as_written() {
    // The mark that stands for a link's start while a body is shared is
    // made of a Unicode noncharacter; a site text holding it is never
    // taken for a link: such a site renders each body twice.
    let t = tempfile::tempdir().expect("tempdir");
    let site = t.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    edit(
        &site,
        "content/cookies.toml",
        "purpose.en = \"Used by YouTube to adapt",
        "purpose.en = \"\\uFDD0pv/root\\uFDD0 Used by YouTube to adapt",
    );
    let out = build_into(&site, &t.path().join("out"));
    for p in ["en/cookies/index.html", "fragments/en/cookies.html"] {
        let html = page(&out, p);
        assert!(
            html.contains("\u{FDD0}pv/root\u{FDD0} Used by YouTube"),
            "{p}: the text was changed"
        );
        assert!(
            !html.contains("https://www.nordlysbooking.no/ Used by YouTube"),
            "{p}"
        );
        assert!(!html.contains("../../ Used by YouTube"), "{p}");
    }
}

/// `build` replaces its output as a whole, but a file whose bytes did not
/// change is the previous build's file (the same inode, so its date stays),
/// and a changed one is new; a build that changes nothing leaves the folder
/// itself as it is.
#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_writes_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let (t, site) = starter();
    let out = t.path().join("out");
    let build = || {
        let o = run(&["build", "site", "--output", "out"], t.path());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    let ino = |rel: &str| std::fs::metadata(out.join(rel)).expect("stat").ino();
    build();
    let (css, page) = (
        ino("assets/personvern.css"),
        ino("nb/personvern/index.html"),
    );
    // Nothing changed: the output folder is left as it is, not replaced.
    let folder = || std::fs::metadata(&out).expect("stat").ino();
    let first = folder();
    build();
    assert_eq!(folder(), first, "nothing changed: the folder is kept");
    assert_eq!(ino("nb/personvern/index.html"), page);
    edit(
        &site,
        "content/organisation.toml",
        "\"Eksempelbedrift AS\"",
        "\"Eksempelbedrift Norge AS\"",
    );
    build();
    assert_ne!(folder(), first, "a change: the folder is replaced");
    assert_eq!(ino("assets/personvern.css"), css, "unchanged: kept");
    assert_ne!(ino("nb/personvern/index.html"), page, "changed: written");
    let html = std::fs::read_to_string(out.join("nb/personvern/index.html")).expect("page");
    assert!(html.contains("Eksempelbedrift Norge AS"), "{html}");
}
