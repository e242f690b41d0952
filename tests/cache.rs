//! The on-disk render cache of `personvern build`: archived versions are
//! taken from it only when every input is unchanged, the output is the same
//! byte for byte as a build without it, and a damaged or unwritable cache
//! never fails a build.

mod common;
use common::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of example-site (3 releases, 2 languages: 6 archived pages) and
/// an empty cache folder of its own.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let cache = tmp.path().join("cache");
    (tmp, site, cache)
}

fn build(cache: &Path, day: &str, args: &[&str], cwd: &Path) -> Output {
    let o = Command::new(bin())
        .arg("build")
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("PERSONVERN_CACHE_DIR", cache)
        .env("PERSONVERN_TODAY", day)
        .output()
        .expect("the personvern binary runs");
    assert!(o.status.success(), "build {args:?} failed:\n{}", stderr(&o));
    o
}

/// The example site's releases (`history/<version>.toml`).
fn releases() -> usize {
    fs::read_dir(repo().join("example-site/history"))
        .expect("history")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "toml"))
        })
        .count()
}

fn reused(o: &Output) -> bool {
    // Each release × 2 languages × statement and cookie declaration.
    stderr(o).contains(&format!(
        "({} archived pages from the cache)",
        releases() * 4
    ))
}

/// Every file of a folder: relative path → bytes.
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .expect("under")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    out
}

fn cache_files(cache: &Path) -> Vec<PathBuf> {
    match fs::read_dir(cache) {
        Ok(rd) => rd.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

const DAY: &str = "2026-11-23";

#[test]
fn a_second_build_takes_archived_pages_from_the_cache_and_writes_the_same_bytes() {
    let (tmp, _site, cache) = setup();
    let p = tmp.path();
    let first = build(&cache, DAY, &["site", "--output", "a"], p);
    assert!(!reused(&first), "{}", stderr(&first));
    let names: Vec<String> = cache_files(&cache)
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(
        names.len(),
        3,
        "archived pages, snapshot index, minify memo: {names:?}"
    );
    assert!(names.iter().any(|n| n.ends_with(".snapshots.json")));
    assert!(names.iter().any(|n| n.ends_with(".minified.bin")));
    let second = build(&cache, DAY, &["site", "--output", "b"], p);
    assert!(reused(&second), "{}", stderr(&second));
    let fresh = build(&cache, DAY, &["site", "--output", "c", "--no-cache"], p);
    assert!(!reused(&fresh));
    let (a, b, c) = (
        files(&p.join("a")),
        files(&p.join("b")),
        files(&p.join("c")),
    );
    assert!(
        a.keys().any(|k| k.contains("versjoner/1.0/")),
        "archived pages built"
    );
    assert_eq!(a, b, "cached build differs from the first");
    assert_eq!(a, c, "cached build differs from one without the cache");
    // An unminified build has entries of its own: cached pages are as written.
    let full = build(&cache, DAY, &["site", "--output", "d", "--no-minify"], p);
    assert!(!reused(&full), "a minified entry was used unminified");
    let full2 = build(&cache, DAY, &["site", "--output", "e", "--no-minify"], p);
    assert!(reused(&full2));
    let (d, e) = (files(&p.join("d")), files(&p.join("e")));
    assert_eq!(d, e);
    assert_ne!(a, d);
}

#[test]
fn a_changed_snapshot_or_day_is_rendered_again() {
    let (tmp, site, cache) = setup();
    let p = tmp.path();
    build(&cache, DAY, &["site", "--output", "out"], p);
    // The archived page is the release's frozen page: an edit of it shows.
    let snap = site.join("history/1.0/nb/privacy.html");
    let text = fs::read_to_string(&snap).expect("frozen page");
    let old = "Sende deg nyhetsbrevet vårt";
    assert!(text.contains(old));
    fs::write(
        &snap,
        text.replace(old, "Sende deg det nye nyhetsbrevet vårt"),
    )
    .expect("edit");
    let o = build(&cache, DAY, &["site", "--output", "out"], p);
    assert!(!reused(&o), "an edited snapshot reused the cache");
    let page =
        fs::read_to_string(p.join("out/nb/personvern/versjoner/1.0/index.html")).expect("page");
    assert!(
        page.contains("det nye nyhetsbrevet"),
        "archived page not rendered again"
    );
    assert!(reused(&build(&cache, DAY, &["site", "--output", "out"], p)));
    // Another day can change a release's status: no reuse. The snapshots
    // are then parsed only as the archived pages need them (the snapshot
    // index knows their metadata), and the output is what a build without
    // any cache makes.
    let o = build(&cache, "2026-11-24", &["site", "--output", "out"], p);
    assert!(!reused(&o));
    let index = cache_files(&cache)
        .into_iter()
        .find(|f| f.to_string_lossy().ends_with(".snapshots.json"))
        .expect("a snapshot index");
    let idx: serde_json::Value =
        serde_json::from_slice(&fs::read(&index).expect("index")).expect("json");
    assert_eq!(
        idx.as_object().map(|o| o.len()),
        Some(releases()),
        "one entry per snapshot: {idx}"
    );
    build(
        &cache,
        "2026-11-24",
        &["site", "--output", "fresh", "--no-cache"],
        p,
    );
    assert_eq!(files(&p.join("out")), files(&p.join("fresh")));
    // A site template changes the pages: no reuse.
    let tpl = site.join("templates/partials");
    fs::create_dir_all(&tpl).expect("mkdir");
    let version = fs::read_to_string(repo().join("themes/default/templates/partials/version.html"))
        .expect("template");
    fs::write(
        tpl.join("version.html"),
        format!("{version}<!-- site override -->"),
    )
    .expect("write");
    let o = build(
        &cache,
        "2026-11-24",
        &["site", "--output", "out", "--no-minify"],
        p,
    );
    assert!(!reused(&o));
    let page =
        fs::read_to_string(p.join("out/nb/personvern/versjoner/1.0/index.html")).expect("page");
    // The archived page is frozen: a template changed after the release
    // does not reach it (it does reach the live page).
    assert!(
        !page.contains("site override"),
        "template change in the frozen archived page"
    );
    let live = fs::read_to_string(p.join("out/nb/personvern/index.html")).expect("page");
    assert!(
        live.contains("site override"),
        "template change not in the live page"
    );
}

#[test]
fn a_damaged_or_unwritable_cache_never_fails_a_build() {
    let (tmp, _site, cache) = setup();
    let p = tmp.path();
    build(&cache, DAY, &["site", "--output", "a"], p);
    let named = |suffix: &str| {
        cache_files(&cache)
            .into_iter()
            .find(|f| {
                let n = f.to_string_lossy();
                n.ends_with(suffix) && !n.ends_with(".minified.bin")
                    || suffix == ".minified.bin" && n.ends_with(suffix)
            })
            .expect("a cache file")
    };
    let entry = named(".bin");
    let good = fs::read(&entry).expect("read");
    // Cut short, then with a flipped byte in the middle of the pages.
    fs::write(&entry, &good[..good.len() / 2]).expect("truncate");
    let o = build(&cache, DAY, &["site", "--output", "b"], p);
    assert!(!reused(&o));
    assert_eq!(
        fs::read(&entry).expect("rewritten"),
        good,
        "the damaged entry was replaced"
    );
    // One flipped bit in the last page: the checksum catches it.
    let mut flipped = good.clone();
    let at = good.len() - 10;
    flipped[at] ^= 0x01;
    fs::write(&entry, &flipped).expect("flip");
    let o = build(&cache, DAY, &["site", "--output", "c"], p);
    assert!(!reused(&o), "a damaged page was used");
    assert_eq!(files(&p.join("a")), files(&p.join("b")));
    assert_eq!(files(&p.join("a")), files(&p.join("c")));
    // The minify memo: a flipped bit in its last page (the CSS, or a page)
    // is caught too, and the files are minified afresh.
    let memo = named(".minified.bin");
    let mut m = fs::read(&memo).expect("memo");
    let at = m.len() - 10;
    m[at] ^= 0x01;
    fs::write(&memo, &m).expect("flip");
    build(&cache, DAY, &["site", "--output", "m"], p);
    assert_eq!(files(&p.join("a")), files(&p.join("m")));
    // A regular file where the cache folder should be: built, with a warning.
    let blocked = p.join("not-a-dir");
    fs::write(&blocked, "x").expect("file");
    let o = build(&blocked, DAY, &["site", "--output", "d"], p);
    assert!(
        stderr(&o).contains("could not write the render cache"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files(&p.join("a")), files(&p.join("d")));
    assert_eq!(fs::read(&blocked).expect("still there"), b"x");
}

#[test]
fn check_uses_the_cache_and_still_reports_a_broken_snapshot() {
    let (tmp, site, cache) = setup();
    let p = tmp.path();
    let check = |day: &str| {
        Command::new(bin())
            .args(["check", "site"])
            .current_dir(p)
            .env("NO_COLOR", "1")
            .env("PERSONVERN_CACHE_DIR", &cache)
            .env("PERSONVERN_TODAY", day)
            .output()
            .expect("the personvern binary runs")
    };
    assert!(check(DAY).status.success());
    // check stores unminified pages (as serve and watch use them).
    assert!(
        cache_files(&cache)
            .iter()
            .any(|f| f.to_string_lossy().ends_with(".unminified.bin")),
        "{:?}",
        cache_files(&cache)
    );
    assert!(check(DAY).status.success());
    let snap = site.join("history/2.0.toml");
    let text = fs::read_to_string(&snap).expect("snapshot");
    fs::write(&snap, text.replacen("[controller]", "[controller\n", 1)).expect("break");
    let o = check(DAY);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("history/2.0.toml"), "{}", stderr(&o));
}

/// The Markdown of a page comes from the memo when it holds the key of that
/// page's fragment bytes, and is converted afresh when it does not; either
/// way the keys name the Markdown files, for the next build's memo.
#[test]
fn markdown_is_taken_from_the_memo_by_the_digest_of_its_fragment() {
    let mut renderer = None;
    let compiled = personvern::compile_pages(&repo().join("example-site"), &mut renderer)
        .unwrap_or_else(|r| panic!("example-site compiles: {}", r.render(false)));
    let renderer = renderer.expect("a renderer");
    let fragment = compiled
        .output
        .get("fragments/nb/privacy.html")
        .expect("the nb privacy fragment");
    let key = personvern::render::markdown_key(fragment);
    let md_path = "nb/personvern/index.md";
    let (fresh, fresh_keys) = renderer.render_data_memo(&compiled.site, &compiled.output, None);
    assert!(fresh_keys.is_empty(), "no memo, no keys: {fresh_keys:?}");
    let converted = fresh.get(md_path).expect("the nb privacy Markdown").clone();
    assert!(converted.len() > 1000, "a converted page");
    let memo = |k: &str| (k == key).then(|| b"from the memo\n".to_vec());
    let (memoized, keys) = renderer.render_data_memo(&compiled.site, &compiled.output, Some(&memo));
    assert_eq!(
        memoized.get(md_path).map(Vec::as_slice),
        Some(&b"from the memo\n"[..])
    );
    assert_eq!(keys.get(&key).map(String::as_str), Some(md_path));
    // The other pages' Markdown is not in this memo: converted as without one.
    let cookies = "nb/informasjonskapsler/index.md";
    assert_eq!(memoized.get(cookies), fresh.get(cookies));
    assert!(fresh.contains_key(cookies));
    assert_eq!(keys.len(), 4, "two pages in two languages: {keys:?}");
    // Everything else is the same with and without the memo.
    for (path, bytes) in &fresh {
        if path != md_path {
            assert_eq!(memoized.get(path), Some(bytes), "{path}");
        }
    }
}
