//! Snapshot tests of rendered pages: the starter site's four pages in both
//! languages. A change to templates, texts or rendering shows up as a
//! reviewed diff (`cargo insta review`, or INSTA_UPDATE=always).

use std::path::Path;

fn compiled() -> personvern::Compiled {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/starter");
    match personvern::compile(&root) {
        Ok(c) => c,
        Err(r) => panic!("starter site fails:\n{}", r.render(false)),
    }
}

fn page(c: &personvern::Compiled, p: &str) -> String {
    String::from_utf8(c.output.get(p).cloned().unwrap_or_else(|| panic!("no {p}"))).expect("utf-8")
}

#[test]
fn privacy_nb() {
    insta::assert_snapshot!(page(&compiled(), "nb/personvern/index.html"));
}

#[test]
fn privacy_en() {
    insta::assert_snapshot!(page(&compiled(), "en/privacy/index.html"));
}

#[test]
fn cookies_nb() {
    insta::assert_snapshot!(page(&compiled(), "nb/informasjonskapsler/index.html"));
}

#[test]
fn cookies_en() {
    insta::assert_snapshot!(page(&compiled(), "en/cookies/index.html"));
}

#[test]
fn root_index() {
    insta::assert_snapshot!(page(&compiled(), "index.html"));
}
