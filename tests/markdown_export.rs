//! The Markdown export (`<page>/index.md`), read back with a GFM parser:
//! every table keeps all its columns, and each row's first cell is the
//! cookie or recipient it describes, for every page of the example site
//! and of the starter site `init` writes.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The tables of a Markdown text: rows of cells (plain text), header first.
fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
    let mut out: Vec<Vec<Vec<String>>> = Vec::new();
    let (mut table, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let (mut in_table, mut in_cell) = (false, false);
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                table = Vec::new();
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                out.push(std::mem::take(&mut table));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row = Vec::new(),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                table.push(std::mem::take(&mut row))
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cell.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                row.push(cell.trim().to_string());
            }
            Event::Text(t) | Event::Code(t) if in_table && in_cell => cell.push_str(&t),
            _ => {}
        }
    }
    out
}

/// The first cell without the note a pattern's name carries
/// (`intercom-session-* (name pattern: …)`).
fn first(row: &[String]) -> String {
    row[0]
        .split(" (")
        .next()
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn check_site(root: &Path) {
    let compiled = match personvern::compile(root) {
        Ok(c) => c,
        Err(r) => panic!("{}", r.render(false)),
    };
    let policy = &compiled.site.policy;
    // A cookie's name, or a group's name in each language.
    let cookie_names: BTreeSet<String> = policy
        .cookies
        .iter()
        .flat_map(|(_, c)| [c.label("en"), c.label("nb")])
        .collect();
    let recipient_names: BTreeSet<String> = policy
        .recipients
        .iter()
        .filter(|(_, r)| !r.category_only)
        .filter_map(|(_, r)| r.name.clone())
        .collect();
    // A recipient described only by its category shows the category.
    let category_only = policy
        .recipients
        .iter()
        .filter(|(_, r)| r.category_only)
        .count();
    let pages: Vec<(&String, &Vec<u8>)> = compiled
        .output
        .iter()
        .filter(|(p, _)| {
            p.ends_with("/index.md") && !p.contains("/v/") && !p.starts_with("fragments")
        })
        .collect();
    assert!(
        pages.len() >= 4,
        "expected a Markdown file per page and language, got {}",
        pages.len()
    );
    let mut cookie_tables = 0;
    let mut recipient_tables = 0;
    for (path, bytes) in pages {
        let md = String::from_utf8_lossy(bytes);
        for t in tables(&md) {
            let width = t[0].len();
            assert!(width >= 2, "{path}: a table with {width} column");
            for row in &t[1..] {
                assert_eq!(
                    row.len(),
                    width,
                    "{path}: a row with {} cells under {width} headings: {row:?}",
                    row.len()
                );
            }
            let firsts: BTreeSet<String> = t[1..].iter().map(|r| first(r)).collect();
            if firsts.iter().all(|f| cookie_names.contains(f)) {
                cookie_tables += 1;
            } else if t[1..]
                .iter()
                .filter(|r| !recipient_names.iter().any(|n| r[0].starts_with(n.as_str())))
                .count()
                <= category_only
                && t.len() - 1 > category_only
            {
                recipient_tables += 1;
            } else {
                let unmatched: Vec<&String> = t[1..]
                    .iter()
                    .map(|r| &r[0])
                    .filter(|f| !recipient_names.iter().any(|n| f.starts_with(n.as_str())))
                    .collect();
                panic!("{path}: first column is neither cookies nor recipients: {unmatched:?}");
            }
        }
        // Every cookie appears as the first cell of a row on the cookie page.
        if path.contains("cookie") || path.contains("informasjonskapsler") {
            let firsts: BTreeSet<String> = tables(&md)
                .iter()
                .flat_map(|t| t[1..].iter().map(|r| first(r)))
                .collect();
            let lang = path.split('/').next().unwrap_or("en");
            let expected: BTreeSet<String> =
                policy.cookies.iter().map(|(_, c)| c.label(lang)).collect();
            assert_eq!(
                firsts, expected,
                "{path}: cookie names (or group names) in the first column"
            );
        }
    }
    assert!(cookie_tables > 0, "no cookie table found");
    if !recipient_names.is_empty() {
        assert!(recipient_tables > 0, "no recipient table found");
    }
}

#[test]
fn example_site_tables_keep_their_first_column() {
    check_site(&common::repo().join("example-site"));
}

#[test]
fn starter_site_tables_keep_their_first_column() {
    let (_tmp, site) = common::starter();
    check_site(&site);
}
