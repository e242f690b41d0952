//! A seeded mutation fuzz over every input file of the example site,
//! `history/` snapshots included: byte flips, truncation, duplicated and
//! deleted lines, type swaps, long strings, deep nesting, CR-only line
//! ends, a BOM, bad UTF-8 and unknown (non-ASCII) ids. Each case loads,
//! checks and renders the site in memory and renders its diagnostics in
//! every format; none may panic, and every diagnostic must have a file,
//! line and column and fit on one line.
//!
//! `PERSONVERN_FUZZ_CASES` sets the number of cases (default 300) and
//! `PERSONVERN_FUZZ_SEED` the seed, so CI can run longer, bounded runs.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

const VALUES: &[&str] = &[
    "\"x\"",
    "1",
    "-0",
    "1e400",
    "nan",
    "true",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{ nb = 1 }",
    "{ nb = \"\", en = \"\" }",
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "07:32:00",
    "\"\"",
    "\"ø\"",
    "[\"ø\"]",
    "[\"nope\"]",
    "\"\\u202Eevil\"",
    "\"P99999999Y\"",
    "\"<script>alert(1)</script>\"",
    "\"[x](javascript:alert(1))\"",
];

const PIECES: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "=",
    "\"",
    "'''",
    "\"\"\"",
    "{",
    "}",
    ",",
    ".",
    "#",
    "\\u0000",
    "\\",
    "\n[activities.x]\n",
    "\n[recipients.ø]\n",
    "\n[[cookies]]\n",
    "\n[release]\n",
];

const IDS: &[&str] = &["ø", "æøå", "nope", "\u{202E}x", "a.b", "../x", "", " ", "Ω"];

fn lines(text: &[u8]) -> Vec<Vec<u8>> {
    text.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect()
}

/// One mutation of `text`; returns its name.
fn mutate(rng: &mut Rng, text: &mut Vec<u8>) -> &'static str {
    let n = text.len().max(1);
    match rng.below(13) {
        0 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(text.len());
                if let Some(b) = text.get_mut(i) {
                    *b = rng.next() as u8;
                }
            }
            "byte flips"
        }
        1 => {
            text.truncate(rng.below(n));
            "truncation"
        }
        2 => {
            let mut l = lines(text);
            let i = rng.below(l.len());
            let dup = l[i].clone();
            l.insert(i, dup);
            *text = l.join(&b'\n');
            "duplicated line"
        }
        3 => {
            let mut l = lines(text);
            for _ in 0..=rng.below(3) {
                if !l.is_empty() {
                    let i = rng.below(l.len());
                    l.remove(i);
                }
            }
            *text = l.join(&b'\n');
            "deleted lines"
        }
        4 => {
            // Type swap: the value of a `key = value` line.
            let mut l = lines(text);
            let with_eq: Vec<usize> = (0..l.len()).filter(|i| l[*i].contains(&b'=')).collect();
            if let Some(&i) = with_eq.get(rng.below(with_eq.len())) {
                let line = &l[i];
                let eq = line.iter().position(|b| *b == b'=').unwrap_or(0);
                let mut new = line[..=eq].to_vec();
                new.push(b' ');
                new.extend_from_slice(rng.pick(VALUES).as_bytes());
                l[i] = new;
            }
            *text = l.join(&b'\n');
            "type swap"
        }
        5 => {
            // A long string inside the first quoted string after a point.
            let from = rng.below(n);
            if let Some(q) = text.iter().skip(from).position(|b| *b == b'"') {
                let len = *rng.pick(&[200usize, 10_001, 100_000]);
                let filler: Vec<u8> = b"_a_ ".iter().copied().cycle().take(len).collect();
                let at = from + q + 1;
                text.splice(at..at, filler);
            }
            "long string"
        }
        6 => {
            let depth = *rng.pick(&[64usize, 500, 5_000]);
            let nest = if rng.below(2) == 0 {
                format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
            } else {
                format!("{}1{}", "{a=".repeat(depth), "}".repeat(depth))
            };
            let mut l = lines(text);
            let i = rng.below(l.len());
            l.insert(i, format!("deep = {nest}").into_bytes());
            *text = l.join(&b'\n');
            "deep nesting"
        }
        7 => {
            for b in text.iter_mut() {
                if *b == b'\n' {
                    *b = b'\r';
                }
            }
            "CR-only line ends"
        }
        8 => {
            text.splice(0..0, [0xEF, 0xBB, 0xBF]);
            "BOM"
        }
        9 => {
            let bad: &[&[u8]] = &[b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf0\x9f", b"\x00"];
            let i = rng.below(n).min(text.len());
            text.splice(i..i, rng.pick(bad).iter().copied());
            "bad UTF-8"
        }
        10 => {
            // An id (in a reference list or a table header) made unknown.
            let s = String::from_utf8_lossy(text).into_owned();
            let quoted: Vec<(usize, usize)> = s
                .match_indices("[\"")
                .filter_map(|(i, _)| {
                    let start = i + 2;
                    let end = start + s[start..].find('"')?;
                    Some((start, end))
                })
                .collect();
            if let Some(&(a, b)) = quoted.get(rng.below(quoted.len())) {
                text.splice(a..b, rng.pick(IDS).bytes());
            }
            "unknown id"
        }
        11 => {
            let i = rng.below(n).min(text.len());
            text.splice(i..i, rng.pick(PIECES).bytes());
            "syntax piece"
        }
        _ => {
            // A header's id replaced (the entity disappears for its users).
            let s = String::from_utf8_lossy(text).into_owned();
            let heads: Vec<usize> = s
                .match_indices("\n[")
                .map(|(i, _)| i + 2)
                .filter(|i| s[*i..].find('.').is_some_and(|d| d < 40))
                .collect();
            if let Some(&h) = heads.get(rng.below(heads.len())) {
                let dot = h + s[h..].find('.').unwrap_or(0) + 1;
                let end = dot + s[dot..].find(']').unwrap_or(0);
                if end > dot {
                    text.splice(dot..end, rng.pick(IDS).bytes());
                }
            }
            "renamed id"
        }
    }
}

fn input_files(site: &Path) -> Vec<PathBuf> {
    let mut out = vec![site.join("personvern.toml")];
    for dir in ["content", "history"] {
        let mut v: Vec<PathBuf> = fs::read_dir(site.join(dir))
            .expect("ls")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        v.sort();
        out.extend(v);
    }
    out
}

/// Compiles in memory and renders every diagnostic in every format;
/// returns whether the site compiled.
fn exercise(site: &Path) -> bool {
    let (ok, report) = match personvern::compile(site) {
        Ok(c) => (true, c.report),
        Err(r) => (false, r),
    };
    let _ = report.render(false);
    let _ = report.render(true);
    for d in &report.diagnostics.items {
        let line = personvern::diagnostics::render_short(d, &report.sources);
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "a short line breaks: {line:?}"
        );
    }
    for d in personvern::diagnostics::to_json(&report.diagnostics, &report.sources) {
        assert!(
            d.file.is_some() && d.line.is_some() && d.column.is_some(),
            "error[{}] has no file, line and column: {}",
            d.code,
            d.message
        );
    }
    ok
}

#[test]
fn fuzz_mutated_input_files_never_panic() {
    let cases: usize = std::env::var("PERSONVERN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("PERSONVERN_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1818);
    let tmp = tempfile::tempdir().expect("tempdir");
    let site = tmp.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let files = input_files(&site);
    assert!(files.iter().any(|f| f.starts_with(site.join("history"))));
    let originals: Vec<Vec<u8>> = files.iter().map(|f| fs::read(f).expect("read")).collect();
    let mut rng = Rng(seed | 1);
    let mut panics = Vec::new();
    let mut per_kind = std::collections::BTreeMap::<&str, usize>::new();
    let started = std::time::Instant::now();
    let mut compiled = 0;
    for case in 0..cases {
        let fi = rng.below(files.len());
        let mut text = originals[fi].clone();
        let mut done = Vec::new();
        for _ in 0..=rng.below(3) {
            let k = mutate(&mut rng, &mut text);
            *per_kind.entry(k).or_default() += 1;
            done.push(k);
        }
        fs::write(&files[fi], &text).expect("write");
        let r = std::panic::catch_unwind(|| exercise(&site));
        if let Ok(true) = r {
            compiled += 1;
        }
        if let Err(p) = r {
            let msg = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let keep = tmp.path().join(format!("panic-{case}.toml"));
            let _ = fs::write(&keep, &text);
            panics.push(format!(
                "case {case} ({}; {}): {msg}",
                files[fi]
                    .strip_prefix(&site)
                    .unwrap_or(&files[fi])
                    .display(),
                done.join(", ")
            ));
        }
        fs::write(&files[fi], &originals[fi]).expect("restore");
    }
    eprintln!(
        "fuzz: {cases} cases (seed {seed:#x}) in {:.1} s, {compiled} compiled and rendered, {} panics; mutations: {per_kind:?}",
        started.elapsed().as_secs_f64(),
        panics.len()
    );
    if !panics.is_empty() {
        // Keep the failing inputs for a look.
        let kept = tmp.keep();
        panic!(
            "{} of {cases} cases panicked (inputs kept in {}):\n{}",
            panics.len(),
            kept.display(),
            panics.join("\n")
        );
    }
}
