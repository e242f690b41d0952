//! Hardening: bad input must give clear errors, never a panic, a hang,
//! unescaped HTML, a half-written output folder or a file outside it.
//!
//! 1. atomic output, 2. determinism, 3. inert text in every field,
//! 4. ids and slugs that try to escape, 5. bad files, 6. property tests.

mod common;
use common::*;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A TOML basic string holding exactly `s`.
fn toml_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '"' => o.push_str("\\\""),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                o.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

/// Localized text with the same string in both languages.
fn loc(s: &str) -> String {
    let q = toml_str(s);
    format!("{{ nb = {q}, en = {q} }}")
}

/// Compiles in memory and panics with the rendered diagnostics on failure.
fn compile_ok(site: &Path) -> personvern::Compiled {
    match personvern::compile(site) {
        Ok(c) => c,
        Err(r) => panic!("compile failed:\n{}", r.render(false)),
    }
}

/// The HTML files of an output, as text.
fn html_pages(out: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    out.iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.clone(), String::from_utf8_lossy(b).into_owned()))
        .collect()
}

/// Codes of the error diagnostics of a report.
fn codes(r: &personvern::Report) -> Vec<String> {
    r.diagnostics.items.iter().map(|d| d.code.clone()).collect()
}

/// Hidden staging or backup folders left beside an output folder.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with('.') && (n.contains(".tmp-") || n.contains(".old-")))
                .collect()
        })
        .unwrap_or_default()
}

/// Every path (files and folders) under `dir` with the bytes of files.
fn full_tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, d: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for e in fs::read_dir(d).expect("read_dir").flatten() {
            let p = e.path();
            let rel = p
                .strip_prefix(root)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            let ft = e.file_type().expect("file type");
            if ft.is_dir() {
                out.insert(format!("{rel}/"), None);
                walk(root, &p, out);
            } else if ft.is_file() {
                out.insert(rel, Some(fs::read(&p).expect("read")));
            } else {
                out.insert(rel, None);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Result of running the binary with a deadline.
struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stderr: String,
    timed_out: bool,
}

/// Runs the personvern binary; kills it after `secs` seconds. Output is read
/// on threads so a chatty child cannot block on a full pipe.
fn run_timeout(args: &[&str], cwd: &Path, secs: u64) -> Run {
    use std::os::unix::process::ExitStatusExt;
    let mut child = spawn_piped(args, cwd);
    let mut so = child.stdout.take().expect("stdout");
    let mut se = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = so.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = se.read_to_end(&mut v);
        v
    });
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut timed_out = false;
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if Instant::now() > deadline {
            timed_out = true;
            let _ = child.kill();
            break child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    let _ = t_out.join();
    let err = t_err.join().unwrap_or_default();
    Run {
        code: status.code(),
        signal: status.signal(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
        timed_out,
    }
}

/// `personvern check <site>` must end within `secs`, without a signal,
/// with exit status 1 and an `error[<code>]`.
fn assert_check_error(site: &Path, secs: u64, code: &str) -> String {
    let r = run_timeout(
        &["check", site.to_str().expect("path")],
        site.parent().expect("parent"),
        secs,
    );
    assert!(!r.timed_out, "check did not finish within {secs} s");
    assert_eq!(
        r.signal, None,
        "check was killed by signal {:?} (crash, e.g. stack overflow):\n{}",
        r.signal, r.stderr
    );
    assert_eq!(r.code, Some(1), "exit status, stderr:\n{}", r.stderr);
    assert!(
        !r.stderr.contains("panicked"),
        "check panicked:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("error[{code}")),
        "expected error[{code}] in:\n{}",
        &r.stderr[..r.stderr.len().min(4000)]
    );
    r.stderr
}

/// A deterministic pseudo-random byte stream (xorshift64*).
fn noise(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

// ---------------------------------------------------------------------------
// A small HTML tokenizer, enough to tell real tags from escaped text.
// ---------------------------------------------------------------------------

/// A start tag: lowercase name and attributes (lowercase name, raw value).
#[derive(Debug)]
struct Tag {
    /// Byte offset of the `<`.
    at: usize,
    name: String,
    attrs: Vec<(String, String)>,
}

/// Start tags of an HTML document, the way a browser's tokenizer finds
/// them: `<` followed by an ASCII letter opens a tag; `&lt;` is text.
fn start_tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut i = 0;
    let mut tags = Vec::new();
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if html[i..].starts_with("<!--") {
            i = html[i + 4..]
                .find("-->")
                .map(|k| i + 4 + k + 3)
                .unwrap_or(b.len());
            continue;
        }
        if next == b'!' || next == b'?' || next == b'/' {
            i = html[i..].find('>').map(|k| i + k + 1).unwrap_or(b.len());
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let tags_at = i;
        // Tag name.
        let mut j = i + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        // Attributes.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let s = j;
            j += 1; // the first character belongs to the name, even `=`
            while j < b.len()
                && !b[j].is_ascii_whitespace()
                && b[j] != b'/'
                && b[j] != b'>'
                && b[j] != b'='
            {
                j += 1;
            }
            let aname = html[s..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    let ve = html[vs..]
                        .find(q as char)
                        .map(|k| vs + k)
                        .unwrap_or(b.len());
                    value = html[vs..ve].to_string();
                    j = ve + 1;
                } else {
                    let vs = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[vs..j].to_string();
                }
            }
            attrs.push((aname, value));
        }
        // The content of these elements is text (RCDATA) or raw text for
        // the browser: no tags start inside them until their end tag.
        let text_only = matches!(
            name.as_str(),
            "title"
                | "textarea"
                | "script"
                | "style"
                | "xmp"
                | "iframe"
                | "noembed"
                | "noframes"
                | "noscript"
        );
        if text_only && j < b.len() {
            let end = format!("</{name}");
            i = html[j..]
                .to_ascii_lowercase()
                .find(&end)
                .map(|k| j + k)
                .unwrap_or(b.len());
        } else {
            i = j;
        }
        tags.push(Tag {
            at: tags_at,
            name,
            attrs,
        });
    }
    tags
}

/// Decodes the character references our output can contain.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest.find(';').filter(|e| *e <= 12);
        let Some(e) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..e];
        let ch = if let Some(h) = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X")) {
            u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
        } else if let Some(d) = ent.strip_prefix('#') {
            d.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => None,
            }
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// True if a URL attribute value would run script or load something other
/// than a web page, mail or phone link (after entity decoding and the
/// whitespace a browser ignores).
fn dangerous_url(raw: &str) -> bool {
    dangerous_scheme(&decode_entities(raw))
}

/// [`dangerous_url`] on an already decoded URL.
fn dangerous_scheme(v: &str) -> bool {
    let cleaned: String = v
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let cleaned = cleaned
        .trim_matches(|c: char| c <= ' ')
        .to_ascii_lowercase();
    let Some(colon) = cleaned.find(':') else {
        return false;
    };
    let scheme = &cleaned[..colon];
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme && !matches!(scheme, "http" | "https" | "mailto" | "tel")
}

const FORBIDDEN_TAGS: &[&str] = &[
    "script", "img", "svg", "iframe", "object", "embed", "math", "frame", "frameset", "base",
    "form", "input", "button", "video", "audio", "source", "style", "template", "xmp",
];

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "poster",
    "background",
];

/// Everything in `html` that could run script or load a resource.
fn violations(html: &str) -> Vec<String> {
    let mut v = Vec::new();
    // Some context, for the failure message.
    let near = |at: usize| {
        let mut s = at.saturating_sub(60);
        while !html.is_char_boundary(s) {
            s -= 1;
        }
        let mut e = (at + 120).min(html.len());
        while !html.is_char_boundary(e) {
            e += 1;
        }
        format!("…{}…", &html[s..e])
    };
    let lower = html.to_ascii_lowercase();
    // Raw substrings first (escaped text never contains a raw `<`), then
    // real tags. `href="javascript:` as a substring is not enough: escaped
    // text such as `&lt;a href="javascript:x"&gt;` legitimately holds it,
    // so links are judged on the parsed attributes below.
    for needle in ["<script", "<img", "<svg", "<iframe"] {
        if let Some(at) = lower.find(needle) {
            v.push(format!("contains `{needle}`: {}", near(at)));
        }
    }
    for t in start_tags(html) {
        let at = near(t.at);
        if FORBIDDEN_TAGS.contains(&t.name.as_str()) {
            v.push(format!("<{}> tag: {at}", t.name));
        }
        for (n, val) in &t.attrs {
            if n.starts_with("on") {
                v.push(format!("event handler `{n}` on <{}>: {at}", t.name));
            }
            if URL_ATTRS.contains(&n.as_str()) && dangerous_url(val) {
                v.push(format!("{n}=\"{val}\" on <{}>: {at}", t.name));
            }
            if n == "style" || n == "srcset" {
                v.push(format!("`{n}` attribute on <{}>: {at}", t.name));
            }
            // A name with quotes or `<` means text broke out of an attribute.
            if n.contains(['"', '\'', '<']) {
                v.push(format!("broken attribute `{n}` on <{}>: {at}", t.name));
            }
        }
    }
    v
}

#[test]
fn html_checker_is_not_blind() {
    // The checker itself must see real tags and ignore escaped ones.
    let bad = [
        "<p>x</p><script>alert(1)</script>",
        "<p><IMG SRC=x>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"  JaVa&#x09;ScRiPt&colon;alert(1)\">x</a>",
        "<a title=\"x\" onmouseover=\"alert(1)\">x</a>",
        "<div\nonclick=alert(1)>",
        "<b/onclick=alert(1)>",
        // Not executable (title is RCDATA), but the raw text is still
        // reported: the pages must not contain `<script` at all.
        "<title>x <script>alert(1)</script></title>",
        "<p title=\"a\"\"onclick=x\">",
    ];
    for b in bad {
        assert!(!violations(b).is_empty(), "checker misses {b:?}");
    }
    let good = [
        "<p>&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;</p>",
        "<p title=\"x onclick=alert(1)\">ok</p>",
        "<a href=\"https://eksempelbedrift.no/?javascript:x\">ok</a>",
        "<a href=\"#activity-x\">ok</a>",
        "<a href=\"../../en/privacy/\">ok</a>",
        "<a href=\"mailto:a@b.no\">ok</a>",
        "<p>&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;</p>",
        "<title>a &lt;/title>&lt;b onclick=x></title><p>ok</p>",
        "<p>&lt;x onclick=alert(1)&gt;y &#x27;onmouseover=&#x27;alert(1)</p>",
    ];
    for g in good {
        assert!(
            violations(g).is_empty(),
            "false alarm on {g:?}: {:?}",
            violations(g)
        );
    }
    // And the real pages have links the checker looks at.
    let (_t, site) = starter();
    let c = compile_ok(&site);
    let pages = html_pages(&c.output);
    assert!(pages.len() >= 5);
    for (p, h) in &pages {
        let tags = start_tags(h);
        assert!(
            tags.iter()
                .any(|t| t.name == "a" && t.attrs.iter().any(|(n, _)| n == "href")),
            "{p}: no links found"
        );
        assert!(violations(h).is_empty(), "{p}: {:?}", violations(h));
    }
}

// ---------------------------------------------------------------------------
// 1. Atomic output
// ---------------------------------------------------------------------------

/// Builds the starter into `<tmp>/out` and returns (out, its tree).
fn good_build(site: &Path) -> (PathBuf, BTreeMap<String, Vec<u8>>) {
    let out = site.parent().expect("parent").join("out");
    if let Err(r) = personvern::build(site, Some(&out), false) {
        panic!("first build fails:\n{}", r.render(false));
    }
    let t = tree(&out);
    assert!(t.contains_key("nb/personvern/index.html"), "{:?}", t.keys());
    assert!(t.contains_key(".personvern-output"));
    (out, t)
}

/// A failing build must leave `out` byte-identical and no staging folder.
fn assert_failed_build_keeps(
    site: &Path,
    out: &Path,
    before: &BTreeMap<String, Vec<u8>>,
    code: &str,
) {
    let r = match personvern::build(site, Some(out), false) {
        Ok(_) => panic!("the build should fail with {code}"),
        Err(r) => r,
    };
    assert!(
        codes(&r).iter().any(|c| c == code),
        "expected {code}, got:\n{}",
        r.render(false)
    );
    assert_eq!(&tree(out), before, "the previous output changed");
    let parent = out.parent().expect("parent");
    assert!(
        leftovers(parent).is_empty(),
        "left behind: {:?}",
        leftovers(parent)
    );
}

#[test]
fn atomic_validation_error_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    edit(
        &site,
        "content/processing.toml",
        "data_categories = [\"contact\"]",
        "data_categories = [\"nosuch\"]",
    );
    assert_failed_build_keeps(&site, &out, &before, "unknown-reference");
}

#[test]
fn atomic_toml_syntax_error_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    append(
        &site,
        "content/cookies.toml",
        "\n[cookies.broken\nname = \n",
    );
    assert_failed_build_keeps(&site, &out, &before, "toml-syntax");
}

#[test]
fn atomic_template_value_error_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(
        site.join("templates/privacy.html"),
        "<!DOCTYPE html><p>{{ nosuch.value }}</p>\n",
    )
    .expect("write");
    assert_failed_build_keeps(&site, &out, &before, "render");
}

#[test]
fn atomic_template_syntax_error_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(
        site.join("templates/privacy.html"),
        "<!DOCTYPE html>{% if %}<p>{{ p. }}</p>{% endfor %}\n",
    )
    .expect("write");
    assert_failed_build_keeps(&site, &out, &before, "template-syntax");
}

#[test]
fn atomic_non_utf8_template_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    fs::create_dir_all(site.join("templates")).expect("mkdir");
    fs::write(site.join("templates/cookies.html"), b"<p>\xff\xfe</p>").expect("write");
    assert_failed_build_keeps(&site, &out, &before, "not-utf8");
}

#[test]
fn atomic_output_under_a_regular_file_fails_cleanly() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    let tmp = site.parent().expect("parent");
    // The new output's parent is a regular file: nothing can be created there.
    let blocker = tmp.join("blocker");
    fs::write(&blocker, "I am a file").expect("write");
    let target = blocker.join("public");
    let r = match personvern::build(&site, Some(&target), false) {
        Ok(_) => panic!("building under a regular file must fail"),
        Err(r) => r,
    };
    assert!(
        codes(&r).iter().any(|c| c == "write"),
        "{}",
        r.render(false)
    );
    assert_eq!(fs::read(&blocker).ok(), Some(b"I am a file".to_vec()));
    assert_eq!(tree(&out), before);
    assert!(leftovers(tmp).is_empty(), "{:?}", leftovers(tmp));
    // Same through the binary, under a file inside the previous output.
    let inside = out.join("index.html").join("sub");
    let o = run(
        &[
            "build",
            site.to_str().expect("path"),
            "--output",
            inside.to_str().expect("path"),
        ],
        tmp,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("error[write]"), "{}", stderr(&o));
    assert_eq!(tree(&out), before);
    assert!(leftovers(&out).is_empty() && leftovers(tmp).is_empty());
}

#[test]
fn atomic_staging_folder_that_cannot_be_created_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, _) = good_build(&site);
    // One file of the output gone, so the build has something to write (a
    // folder that holds its output already is left as it is, unstaged).
    fs::remove_file(out.join("sitemap.xml")).expect("rm");
    let before = tree(&out);
    let tmp = site.parent().expect("parent");
    // A regular file where the staging folder of this process would go.
    let blocker = tmp.join(format!(".out.tmp-{}", std::process::id()));
    fs::write(&blocker, "not a folder").expect("write");
    let r = match personvern::build(&site, Some(&out), false) {
        Ok(_) => panic!("the build should fail: its staging folder cannot be made"),
        Err(r) => r,
    };
    assert!(
        codes(&r).iter().any(|c| c == "write"),
        "{}",
        r.render(false)
    );
    assert_eq!(tree(&out), before);
    assert_eq!(fs::read(&blocker).ok(), Some(b"not a folder".to_vec()));
    assert!(leftovers(tmp).is_empty(), "{:?}", leftovers(tmp));
}

#[test]
fn atomic_failure_half_way_through_staging_keeps_previous_output() {
    let (_t, site) = starter();
    let (out, before) = good_build(&site);
    // A site static folder named like the theme's stylesheet: the stylesheet
    // is written into the staging folder first, then `assets/personvern.css/`
    // cannot be created. Files were already staged when the write fails.
    fs::create_dir_all(site.join("static/personvern.css")).expect("mkdir");
    fs::write(site.join("static/personvern.css/extra.css"), "p{}").expect("write");
    // (A file and a folder cannot both be `assets/personvern.css`, so this
    // build cannot succeed.)
    let r = match personvern::build(&site, Some(&out), false) {
        Ok(_) => panic!("a file and a folder at the same output path cannot both be written"),
        Err(r) => r,
    };
    assert!(
        codes(&r).iter().any(|c| c == "write"),
        "{}",
        r.render(false)
    );
    assert_eq!(tree(&out), before);
    let tmp = site.parent().expect("parent");
    assert!(leftovers(tmp).is_empty(), "{:?}", leftovers(tmp));
}

#[test]
fn atomic_failed_build_through_the_binary_keeps_previous_output() {
    let (_t, site) = starter();
    let tmp = site.parent().expect("parent").to_path_buf();
    let o = run(&["build", "site"], &tmp);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let before = tree(&site.join("public"));
    for (i, tpl) in [
        "{{ nosuch.value }}",
        "{% if %}",
        "{{ t(id=\"no-such-message\") }}",
    ]
    .iter()
    .enumerate()
    {
        fs::create_dir_all(site.join("templates")).expect("mkdir");
        fs::write(site.join("templates/cookies.html"), tpl).expect("write");
        let o = run(&["build", "site"], &tmp);
        assert_eq!(o.status.code(), Some(1), "case {i}: {}", stderr(&o));
        assert!(stderr(&o).contains("error["), "case {i}: {}", stderr(&o));
        assert_eq!(tree(&site.join("public")), before, "case {i}");
        assert!(
            leftovers(&site).is_empty(),
            "case {i}: {:?}",
            leftovers(&site)
        );
    }
}

#[test]
fn an_existing_regular_file_at_the_output_path_is_not_replaced() {
    // `build` must refuse to replace what it did not write; a regular file
    // at the output path is certainly not its own output folder.
    let (_t, site) = starter();
    let tmp = site.parent().expect("parent");
    let target = tmp.join("notes.txt");
    fs::write(&target, "precious notes").expect("write");
    let r = personvern::build(&site, Some(&target), false);
    assert!(r.is_err(), "a regular file at the output path was replaced");
    assert_eq!(
        fs::read(&target).ok(),
        Some(b"precious notes".to_vec()),
        "the file was not kept"
    );
    let hidden: Vec<String> = fs::read_dir(tmp)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".notes.txt."))
        .collect();
    assert!(hidden.is_empty(), "left behind: {hidden:?}");
}

// ---------------------------------------------------------------------------
// 2. Determinism
// ---------------------------------------------------------------------------

fn example_site() -> PathBuf {
    repo().join("example-site")
}

/// Copies a folder creating its entries in reverse name order.
fn copy_reversed(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("mkdir");
    let mut entries: Vec<_> = fs::read_dir(from)
        .expect("read_dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries.reverse();
    for p in entries {
        let name = p.file_name().expect("name").to_owned();
        if name == "public" {
            continue;
        }
        if p.is_dir() {
            copy_reversed(&p, &to.join(&name));
        } else {
            fs::copy(&p, to.join(&name)).expect("copy");
        }
    }
}

#[test]
fn determinism_example_site_twice_into_different_folders() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = tmp.path().join("a/public");
    let b = tmp.path().join("somewhere/else/out");
    for o in [&a, &b] {
        if let Err(r) = personvern::build(&example_site(), Some(o), false) {
            panic!("example-site fails:\n{}", r.render(false));
        }
    }
    let ta = tree(&a);
    let tb = tree(&b);
    assert!(ta.len() >= 6, "{:?}", ta.keys());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb.get(k) == Some(v), "{k} differs between two builds");
    }
}

#[test]
fn determinism_files_created_in_reverse_order_and_another_process() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let a = tmp.path().join("a");
    if let Err(r) = personvern::build(&example_site(), Some(&a), false) {
        panic!("example-site fails:\n{}", r.render(false));
    }
    // Same site, files created in the opposite order, in another folder,
    // built by another process (other hash seeds, other pid).
    let copy = tmp.path().join("copy-of-site");
    copy_reversed(&example_site(), &copy);
    let b = tmp.path().join("b");
    let o = run(
        &[
            "build",
            copy.to_str().expect("path"),
            "--output",
            b.to_str().expect("path"),
        ],
        tmp.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let ta = tree(&a);
    let tb = tree(&b);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb.get(k) == Some(v), "{k} differs with reversed file order");
    }
    // And the in-memory compiles of the original and the copy match too.
    let orig = compile_ok(&example_site()).output;
    let c = compile_ok(&copy).output;
    assert_eq!(
        orig.keys().collect::<Vec<_>>(),
        c.keys().collect::<Vec<_>>()
    );
    for (k, v) in &orig {
        assert!(c.get(k) == Some(v), "{k} differs in memory");
    }
}

#[test]
fn determinism_entities_split_over_files_in_another_order() {
    // The same entities split differently over content files give the
    // same pages when their order of declaration is kept by file name.
    let (_t, site) = starter();
    let base = compile_ok(&site).output;
    let (_t2, site2) = starter();
    let text = fs::read_to_string(site2.join("content/cookies.toml")).expect("read");
    fs::remove_file(site2.join("content/cookies.toml")).expect("rm");
    // The same file under a name sorted elsewhere, created first.
    fs::write(site2.join("content/zz-cookies.toml"), text).expect("write");
    let other = compile_ok(&site2).output;
    assert_eq!(base, other);
}

// ---------------------------------------------------------------------------
// 3. Inert text in every field
// ---------------------------------------------------------------------------

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
    "[x](  JaVaScRiPt:alert(1))",
    "<svg onload=alert(1)>",
    "<iframe src=//evil>",
    "'onmouseover='alert(1)",
    "<x onclick=alert(1)>y",
    "[x](java&#x09;script&colon;alert(1))",
    "<javascript:alert(1)>",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "![x](https://evil.example/pixel.gif)",
    "<details open ontoggle=alert(1)>",
    "`<script>` </p><script>alert(1)</script>",
];

/// Puts `payload` (prefixed with a per-field marker) into every text field
/// of the starter site. Returns the markers.
fn poison_starter(site: &Path, payload: &str) -> Vec<String> {
    let mut markers = Vec::new();
    let mut mk = |field: &str| {
        let m = format!("MK{}Q", markers.len());
        markers.push(format!("{m}={field}"));
        format!("{m} {payload}")
    };
    let proc_ = "content/processing.toml";
    let org = "content/organisation.toml";
    let ck = "content/cookies.toml";
    let v = mk("activity name");
    edit(
        site,
        proc_,
        "name = { nb = \"Henvendelser\", en = \"Enquiries\" }",
        &format!("name = {}", loc(&v)),
    );
    let v = mk("purpose");
    edit(
        site,
        proc_,
        "purposes = [{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }]",
        &format!("purposes = [{}]", loc(&v)),
    );
    let v = mk("data category label");
    edit(
        site,
        proc_,
        "label = { nb = \"Kontaktopplysninger\", en = \"Contact details\" }",
        &format!("label = {}", loc(&v)),
    );
    let v = mk("data category examples");
    edit(
        site,
        proc_,
        "examples = { nb = \"navn, e-postadresse og telefonnummer\", en = \"name, e-mail address and phone number\" }",
        &format!("examples = {}", loc(&v)),
    );
    let v = mk("data subject label");
    edit(
        site,
        proc_,
        "label = { nb = \"personer som kontakter oss\", en = \"people who contact us\" }",
        &format!("label = {}", loc(&v)),
    );
    let v = mk("legitimate interest");
    edit(
        site,
        proc_,
        "legitimate_interest = { nb = \"Å kunne svare dem som tar kontakt med oss.\", en = \"Being able to answer people who contact us.\" }",
        &format!("legitimate_interest = {}", loc(&v)),
    );
    let v = mk("recipient name");
    edit(
        site,
        proc_,
        "name = \"Eksempel E-post AS\"",
        &format!(
            "name = {}\nprivacy_policy = \"https://www.eksempelbedrift.no/policy\"",
            toml_str(&v)
        ),
    );
    let v = mk("recipient service");
    edit(
        site,
        proc_,
        "service = { nb = \"E-posttjeneste\", en = \"E-mail service\" }",
        &format!("service = {}", loc(&v)),
    );
    let v = mk("cookie name");
    edit(
        site,
        ck,
        "name = \"cookie_consent\"",
        &format!("name = {}", toml_str(&v)),
    );
    let v = mk("cookie purpose");
    edit(
        site,
        ck,
        "purpose = { nb = \"Husker valget ditt om informasjonskapsler.\", en = \"Remembers your cookie choice.\" }",
        &format!("purpose = {}", loc(&v)),
    );
    let v = mk("cookie domain");
    edit(
        site,
        ck,
        "name = \"_stats_id\"",
        &format!("name = \"_stats_id\"\ndomain = {}", toml_str(&v)),
    );
    let v = mk("legal name");
    edit(
        site,
        org,
        "legal_name = \"Eksempelbedrift AS\"",
        &format!("legal_name = {}", toml_str(&v)),
    );
    let v = mk("trade name");
    edit(
        site,
        org,
        "trade_name = \"Eksempel\"",
        &format!("trade_name = {}", toml_str(&v)),
    );
    let v = mk("scope");
    let v2 = mk("introduction");
    edit(
        site,
        org,
        "scope = { nb = \"Denne erklæringen gjelder nettstedet www.eksempelbedrift.no.\", en = \"This statement covers the web site www.eksempelbedrift.no.\" }",
        &format!("scope = {}\nintroduction = {}", loc(&v), loc(&v2)),
    );
    let v = mk("privacy contact role");
    let v2 = mk("privacy contact note");
    let v3 = mk("privacy contact name");
    edit(
        site,
        org,
        "role = { nb = \"personvernansvarlig\", en = \"privacy officer\" }",
        &format!(
            "role = {}\nnote = {}\nname = {}",
            loc(&v),
            loc(&v2),
            toml_str(&v3)
        ),
    );
    let v = mk("section title");
    let v2 = mk("section body");
    let v3 = mk("cookie-page section title");
    let v4 = mk("cookie-page section body");
    let v5 = mk("cookie policy consent");
    append(
        site,
        org,
        &format!(
            "\n[sections.x]\ntitle = {}\nbody = {}\n\n[sections.y]\npage = \"cookies\"\ntitle = {}\nbody = {}\n",
            loc(&v),
            loc(&v2),
            loc(&v3),
            loc(&v4)
        ),
    );
    edit(
        site,
        ck,
        "[cookie_policy]\n",
        &format!("[cookie_policy]\nconsent = {}\n", loc(&v5)),
    );
    markers
}

#[test]
fn inert_text_in_every_field() {
    for payload in PAYLOADS {
        let (_t, site) = starter();
        let markers = poison_starter(&site, payload);
        let c = compile_ok(&site);
        let pages = html_pages(&c.output);
        let all: String = pages.iter().map(|(_, h)| h.as_str()).collect();
        for m in &markers {
            let (tag, field) = m.split_once('=').expect("marker");
            assert!(
                all.contains(tag),
                "payload {payload:?}: the {field} field does not reach any page"
            );
        }
        for (p, h) in &pages {
            let v = violations(h);
            assert!(v.is_empty(), "payload {payload:?} in {p}: {v:?}");
        }
    }
}

#[test]
fn inert_text_through_the_binary_build() {
    // The same through `personvern build` on disk, for one strong payload.
    let (_t, site) = starter();
    poison_starter(
        &site,
        "<script>alert(1)</script>\"><img src=x onerror=alert(1)>",
    );
    let tmp = site.parent().expect("parent");
    let o = run(&["build", "site", "--output", "out"], tmp);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = tree(&tmp.join("out"));
    let pages = html_pages(&t);
    assert!(pages.len() >= 5);
    for (p, h) in &pages {
        assert!(violations(h).is_empty(), "{p}: {:?}", violations(h));
    }
    let nb = &t["nb/personvern/index.html"];
    let nb = String::from_utf8_lossy(nb);
    // `&lt;script&gt;`, or `&lt;script>` once minified: shown, as text.
    assert!(
        nb.contains("&lt;script") && nb.contains("alert(1)&lt;/script"),
        "escaped text not shown"
    );
}

#[test]
fn user_text_is_escaped_exactly_once() {
    // Escaping must not be applied twice: `<` and `&` in a name should be
    // shown as `<` and `&`, i.e. written `&lt;` / `&amp;`, never `&amp;lt;`.
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "name = { nb = \"Henvendelser\", en = \"Enquiries\" }",
        "name = { nb = \"Spørsmål & svar <kundeservice>\", en = \"Q & A <customer service>\" }",
    );
    edit(
        &site,
        "content/processing.toml",
        "label = { nb = \"personer som kontakter oss\", en = \"people who contact us\" }",
        "label = { nb = \"kunder & <leads>\", en = \"customers & <leads>\" }",
    );
    let c = compile_ok(&site);
    for (p, h) in html_pages(&c.output) {
        for bad in ["&amp;lt;", "&amp;gt;", "&amp;amp;"] {
            if let Some(i) = h.find(bad) {
                let s = i.saturating_sub(120);
                panic!(
                    "{p}: double-escaped text `{bad}`: …{}…",
                    &h[s..(i + 60).min(h.len())]
                );
            }
        }
    }
}

#[test]
fn authority_urls_from_site_authorities_toml_are_checked() {
    // authorities.toml is site input like any other: its web site and
    // complaint page end up in href attributes.
    let (_t, site) = starter();
    fs::write(
        site.join("authorities.toml"),
        r#"[evil]
country = "NO"
name = { nb = "Tilsyn", en = "Authority" }
native_name = "Tilsyn"
postal_address = { nb = "Postboks 1", en = "PO Box 1" }
website = { nb = "javascript:alert(1)", en = "javascript:alert(1)" }
complaint_url = { nb = " JaVaScRiPt:alert(2)", en = "javascript:alert(2)" }
verified_on = 2026-01-01
"#,
    )
    .expect("write");
    edit(
        &site,
        "content/organisation.toml",
        "supervisory_authority = \"datatilsynet\"",
        "supervisory_authority = \"evil\"",
    );
    match personvern::compile(&site) {
        Err(r) => assert!(r.diagnostics.has_errors(), "{}", r.render(false)),
        Ok(c) => {
            for (p, h) in html_pages(&c.output) {
                assert!(violations(&h).is_empty(), "{p}: {:?}", violations(&h));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Ids and slugs that try to leave the output folder
// ---------------------------------------------------------------------------

const BAD_IDS: &[(&str, &str)] = &[
    ("\"../x\"", "../x"),
    ("\"a/b\"", "a/b"),
    ("\"a\\\\b\"", "a\\b"),
    ("\"a\\u0000b\"", "a\0b"),
    ("\"..\"", ".."),
    ("\"/etc/passwd\"", "/etc/passwd"),
    ("\"Caps\"", "Caps"),
    ("\"a b\"", "a b"),
    ("\"\"", ""),
];

/// An entity of each kind, for a given (quoted) id.
fn entity(kind: &str, key: &str) -> String {
    match kind {
        "activities" => format!(
            "[activities.{key}]\nname = {{ nb = \"A\", en = \"A\" }}\npurposes = [{{ nb = \"P\", en = \"P\" }}]\nlegal_basis = \"consent\"\n"
        ),
        "sections" => format!(
            "[sections.{key}]\ntitle = {{ nb = \"T\", en = \"T\" }}\nbody = {{ nb = \"B\", en = \"B\" }}\n"
        ),
        "cookies" => format!(
            "[cookies.{key}]\nname = \"c\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = {{ nb = \"P\", en = \"P\" }}\nduration = \"P1M\"\n"
        ),
        "recipients" => format!(
            "[recipients.{key}]\nname = \"R\"\nkind = \"processor\"\nservice = {{ nb = \"S\", en = \"S\" }}\ncountry = \"NO\"\n"
        ),
        "data_categories" => format!("[data_categories.{key}]\nlabel = {{ nb = \"L\", en = \"L\" }}\n"),
        "rights.channels" => format!("[rights.channels.{key}]\nkind = \"postal\"\nvalue = \"Box 1\"\n"),
        _ => unreachable!(),
    }
}

#[test]
fn unsafe_ids_are_rejected_in_every_collection() {
    for kind in [
        "activities",
        "sections",
        "cookies",
        "recipients",
        "data_categories",
        "rights.channels",
    ] {
        let (_t, site) = starter();
        let text: String = BAD_IDS
            .iter()
            .map(|(k, _)| entity(kind, k))
            .collect::<Vec<_>>()
            .join("\n");
        let file = if kind == "rights.channels" {
            // [rights] lives in organisation.toml; its channels must too.
            "content/organisation.toml"
        } else {
            "content/zz-bad.toml"
        };
        append(&site, file, &format!("\n{text}"));
        let r = personvern::check(&site);
        let bad: Vec<_> = r
            .diagnostics
            .items
            .iter()
            .filter(|d| d.code == "invalid-id")
            .collect();
        for (_, id) in BAD_IDS {
            assert!(
                bad.iter().any(|d| d.message.contains(&format!("`{id}`"))),
                "[{kind}.{id:?}] is not rejected:\n{}",
                r.render(false)
            );
        }
        // Rendering the diagnostics (NUL, backslash in ids) must not panic.
        let _ = r.render(true);
        for d in &r.diagnostics.items {
            let _ = personvern::diagnostics::render_short(d, &r.sources);
        }
    }
}

#[test]
fn unsafe_slugs_are_rejected() {
    for slug in [
        "../../etc",
        "a/b",
        "..",
        "a\\\\b",
        "/abs",
        "a\\u0000b",
        "ÆØÅ",
        "",
        "x y",
    ] {
        let (_t, site) = starter();
        append(
            &site,
            "personvern.toml",
            &format!("\n[site.slugs.en]\ncookies = \"{slug}\"\n"),
        );
        let r = personvern::check(&site);
        assert!(
            codes(&r).iter().any(|c| c == "invalid-slug"),
            "slug {slug:?} accepted:\n{}",
            r.render(false)
        );
    }
}

#[test]
fn escaping_ids_and_slugs_write_nothing_anywhere() {
    let (t, site) = starter();
    append(
        &site,
        "content/cookies.toml",
        "\n[cookies.\"../../escaped\"]\nname = \"c\"\nparty = \"first\"\ncategory = \"strictly_necessary\"\npurpose = { nb = \"P\", en = \"P\" }\nduration = \"P1M\"\n",
    );
    append(
        &site,
        "personvern.toml",
        "\n[site.slugs.nb]\nprivacy = \"../../etc\"\n[site.slugs.en]\ncookies = \"a/b\"\n",
    );
    let before = full_tree(t.path());
    let o = run(&["build", "site", "--output", "out"], t.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("error[invalid-id]"), "{e}");
    assert!(e.contains("error[invalid-slug]"), "{e}");
    assert_eq!(full_tree(t.path()), before, "files were written");
    assert!(!t.path().join("out").exists());
}

#[test]
fn unsafe_slug_from_a_site_locale_stays_inside_the_output() {
    // Slugs can also come from the site's own locale files.
    let (t, site) = starter();
    fs::create_dir_all(site.join("locales/nb")).expect("mkdir");
    fs::create_dir_all(site.join("locales/en")).expect("mkdir");
    fs::write(
        site.join("locales/nb/override.ftl"),
        "slug-privacy = ../../../evil-nb\n",
    )
    .expect("write");
    fs::write(site.join("locales/en/override.ftl"), "slug-cookies = a/b\n").expect("write");
    let before = full_tree(t.path());
    let out = t.path().join("out");
    let r = personvern::build(&site, Some(&out), false);
    let after = full_tree(t.path());
    for k in after.keys() {
        assert!(
            before.contains_key(k) || k.starts_with("out/") || k == "out/",
            "written outside the output folder: {k}"
        );
    }
    if r.is_ok() {
        for k in tree(&out).keys() {
            assert!(!k.contains(".."), "output path {k}");
            assert!(!k.contains("evil"), "unsafe slug used: {k}");
            assert!(!k.starts_with("en/a/"), "unsafe slug used: {k}");
        }
    }
}

#[test]
fn unsafe_language_tags_are_rejected() {
    for tag in ["../x", "a/b", "nb/../../x", "", "\\u0000", "en\\\\x"] {
        let (_t, site) = starter();
        edit(
            &site,
            "personvern.toml",
            "languages = [\"nb\", \"en\"]",
            &format!("languages = [\"nb\", \"en\", \"{tag}\"]"),
        );
        let r = personvern::check(&site);
        assert!(
            r.diagnostics.has_errors(),
            "language tag {tag:?} accepted:\n{}",
            r.render(false)
        );
    }
}

// ---------------------------------------------------------------------------
// 5. Bad files
// ---------------------------------------------------------------------------

#[test]
fn bad_file_non_utf8_content() {
    let (_t, site) = starter();
    // Invalid byte in a key, and a truncated multi-byte character at the end.
    fs::write(
        site.join("content/bad.toml"),
        b"[sections.x]\nti\xfftle = \"a\"\nbody = \"\xc3",
    )
    .expect("write");
    let r = personvern::check(&site);
    assert!(
        codes(&r).iter().any(|c| c == "not-utf8"),
        "{}",
        r.render(false)
    );
    let text = r.render(false);
    assert!(text.contains("bad.toml"), "{text}");
    let e = assert_check_error(&site, 60, "not-utf8");
    assert!(e.contains("bad.toml:2:"), "{e}");
}

#[test]
fn bad_file_non_utf8_personvern_toml() {
    let (_t, site) = starter();
    let mut bytes = fs::read(site.join("personvern.toml")).expect("read");
    bytes.extend_from_slice(b"\n# caf\xe9\n");
    fs::write(site.join("personvern.toml"), bytes).expect("write");
    let r = personvern::check(&site);
    assert!(
        codes(&r).iter().any(|c| c == "not-utf8"),
        "{}",
        r.render(false)
    );
}

#[test]
fn bad_file_empty_content_file_is_a_warning() {
    let (_t, site) = starter();
    fs::write(site.join("content/empty.toml"), "").expect("write");
    fs::write(site.join("content/blank.toml"), " \n\t\n\n").expect("write");
    fs::write(site.join("content/comments.toml"), "# nothing here yet\n").expect("write");
    let c = compile_ok(&site);
    let warnings: Vec<_> = c
        .report
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code == "empty-file")
        .collect();
    assert!(warnings.len() >= 2, "{}", c.report.render(false));
    assert!(!c.report.diagnostics.has_errors());
    assert!(c.output.contains_key("nb/personvern/index.html"));
    // The binary builds, and says so.
    let tmp = site.parent().expect("parent");
    let o = run(&["build", "site"], tmp);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[empty-file]"), "{}", stderr(&o));
}

#[test]
fn bad_file_empty_personvern_toml() {
    for text in ["", "   \n\n", "# only a comment\n"] {
        let (_t, site) = starter();
        fs::write(site.join("personvern.toml"), text).expect("write");
        let r = personvern::check(&site);
        assert!(r.diagnostics.has_errors(), "{text:?} accepted");
        assert!(
            codes(&r)
                .iter()
                .any(|c| c == "empty-file" || c == "missing-key"),
            "{text:?}: {}",
            r.render(false)
        );
        assert_check_error(&site, 60, "");
    }
}

#[test]
fn bad_file_50_mb_content_file() {
    let (_t, site) = starter();
    // Sparse: 50 MB of nothing, cheap to make.
    let f = fs::File::create(site.join("content/huge.toml")).expect("create");
    f.set_len(50 * 1024 * 1024).expect("set_len");
    drop(f);
    let start = Instant::now();
    let e = assert_check_error(&site, 60, "file-too-large");
    assert!(e.contains("huge.toml"), "{e}");
    assert!(start.elapsed() < Duration::from_secs(60));
}

#[test]
fn bad_file_large_content_file_with_real_lines() {
    let (_t, site) = starter();
    // 9 MB of valid-looking TOML lines (just over the 8 MB limit).
    let line = "# a comment line that repeats and repeats and repeats......\n";
    let text = line.repeat(9 * 1024 * 1024 / line.len() + 1);
    fs::write(site.join("content/big.toml"), text).expect("write");
    assert_check_error(&site, 60, "file-too-large");
    // And a 50 MB personvern.toml.
    let f = fs::OpenOptions::new()
        .append(true)
        .open(site.join("personvern.toml"))
        .expect("open");
    f.set_len(50 * 1024 * 1024).expect("set_len");
    drop(f);
    assert_check_error(&site, 60, "file-too-large");
}

/// Writes `text` to content/deep.toml and expects a clean error exit.
fn deep(name: &str, file: &str, text: String) {
    let (_t, site) = starter();
    if file == "personvern.toml" {
        append(&site, file, &text);
    } else {
        fs::write(site.join(file), text).expect("write");
    }
    let r = run_timeout(
        &["check", site.to_str().expect("path")],
        site.parent().expect("parent"),
        60,
    );
    assert!(!r.timed_out, "{name}: check hangs");
    assert_eq!(
        r.signal,
        None,
        "{name}: check crashed with signal {:?} (stack overflow?); stderr:\n{}",
        r.signal,
        &r.stderr[..r.stderr.len().min(2000)]
    );
    assert!(!r.stderr.contains("panicked"), "{name}: {}", r.stderr);
    assert_eq!(
        r.code,
        Some(1),
        "{name}: {}",
        &r.stderr[..r.stderr.len().min(2000)]
    );
    assert!(
        r.stderr.contains("error["),
        "{name}: {}",
        &r.stderr[..r.stderr.len().min(2000)]
    );
}

const DEPTH: usize = 100_000;

#[test]
fn bad_file_deeply_nested_arrays_unclosed() {
    deep(
        "unclosed arrays",
        "content/deep.toml",
        format!("a = {}\n", "[".repeat(DEPTH)),
    );
}

#[test]
fn bad_file_deeply_nested_arrays_closed() {
    deep(
        "closed arrays",
        "content/deep.toml",
        format!("a = {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
    );
}

#[test]
fn bad_file_deeply_nested_inline_tables() {
    deep(
        "inline tables",
        "content/deep.toml",
        format!("a = {}1{}\n", "{ b = ".repeat(DEPTH), " }".repeat(DEPTH)),
    );
}

#[test]
fn bad_file_deeply_nested_value_in_a_text_field() {
    // The nesting reaches serde (Text is an untagged enum).
    deep(
        "nested text field",
        "content/deep.toml",
        format!(
            "[sections.x]\ntitle = {}\"x\"{}\nbody = \"b\"\n",
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        ),
    );
}

#[test]
fn bad_file_deeply_nested_inline_tables_in_a_text_field() {
    deep(
        "nested inline tables in a text field",
        "content/deep.toml",
        format!(
            "[sections.x]\ntitle = {}\"x\"{}\nbody = \"b\"\n",
            "{ nb = ".repeat(DEPTH),
            " }".repeat(DEPTH)
        ),
    );
}

#[test]
fn bad_file_deeply_nested_in_personvern_toml() {
    deep(
        "nested in [site]",
        "personvern.toml",
        format!(
            "\n[site.slugs.nb]\nprivacy = {}{}\n",
            "[".repeat(DEPTH),
            "]".repeat(DEPTH)
        ),
    );
}

#[test]
fn bad_file_deeply_nested_dotted_keys_and_headers() {
    let key = vec!["a"; DEPTH].join(".");
    deep("dotted key", "content/deep.toml", format!("{key} = 1\n"));
    deep(
        "table header",
        "content/deep.toml",
        format!("[sections.{key}]\ntitle = \"x\"\n"),
    );
}

#[test]
fn bad_file_folder_named_like_a_content_file() {
    let (_t, site) = starter();
    // An empty folder named x.toml: not a file, not a crash.
    fs::create_dir_all(site.join("content/x.toml")).expect("mkdir");
    match personvern::compile(&site) {
        Ok(c) => assert!(c.output.contains_key("nb/personvern/index.html")),
        Err(r) => assert!(codes(&r).iter().any(|c| c == "io"), "{}", r.render(false)),
    }
    // A folder named like a file at the deepest level read is reported.
    let deep_dir = site.join("content/a/b/c/d/y.toml");
    fs::create_dir_all(&deep_dir).expect("mkdir");
    fs::write(deep_dir.join("inner.toml"), "[sections.z]\n").expect("write");
    let r = personvern::check(&site);
    assert!(
        r.diagnostics
            .items
            .iter()
            .any(|d| d.code == "io" && d.message.contains("y.toml")),
        "{}",
        r.render(false)
    );
    let e = assert_check_error(&site, 60, "io");
    assert!(e.contains("folder"), "{e}");
}

#[test]
fn bad_file_personvern_toml_as_folder() {
    let (_t, site) = starter();
    fs::remove_file(site.join("personvern.toml")).expect("rm");
    fs::create_dir_all(site.join("personvern.toml")).expect("mkdir");
    let r = personvern::check(&site);
    assert!(r.diagnostics.has_errors(), "{}", r.render(false));
    assert_check_error(&site, 60, "");
}

#[test]
fn bad_file_random_bytes_as_personvern_toml() {
    for seed in 1..=8u64 {
        let (_t, site) = starter();
        fs::write(site.join("personvern.toml"), noise(seed, 4096)).expect("write");
        let r = personvern::check(&site);
        assert!(r.diagnostics.has_errors(), "seed {seed}: accepted");
        let _ = r.render(false);
        assert_check_error(&site, 60, "");
    }
    // Random valid UTF-8 (printable noise) gets a syntax error.
    let (_t, site) = starter();
    let text: String = noise(99, 4096)
        .into_iter()
        .map(|b| char::from(b' ' + b % 95))
        .collect();
    fs::write(site.join("personvern.toml"), text).expect("write");
    assert_check_error(&site, 60, "toml-syntax");
}

#[test]
fn bad_file_random_bytes_as_content_file_through_the_binary() {
    for seed in 1..=4u64 {
        let (_t, site) = starter();
        fs::write(site.join("content/noise.toml"), noise(seed, 8192)).expect("write");
        assert_check_error(&site, 60, "");
    }
}

#[test]
fn bad_file_fifo_in_content_does_not_hang() {
    let (_t, site) = starter();
    let fifo = site.join("content/pipe.toml");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("mkfifo not available; skipped");
        return;
    }
    let r = run_timeout(
        &["check", site.to_str().expect("path")],
        site.parent().expect("parent"),
        20,
    );
    assert!(
        !r.timed_out,
        "check blocks forever reading a named pipe in content/"
    );
    assert_eq!(r.signal, None, "{}", r.stderr);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
}

#[test]
fn bad_file_symlink_to_an_endless_device_is_not_read_without_bound() {
    let (_t, site) = starter();
    std::os::unix::fs::symlink("/dev/zero", site.join("content/zero.toml")).expect("symlink");
    // Bound memory (1 GB of address space) and time, so a runaway read fails
    // fast instead of eating the machine. A correct reader stops after the
    // 8 MB limit (or refuses a non-regular file) and never gets near it.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 1000000; exec timeout 30 '{}' check '{}'",
            bin().display(),
            site.display()
        ))
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    use std::os::unix::process::ExitStatusExt;
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.signal(), None, "check crashed: {err}");
    assert_ne!(
        o.status.code(),
        Some(124),
        "check did not finish within 30 s"
    );
    // The link points outside the site, so it is skipped with a warning
    // (never read at all).
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[symlink-outside-site]"), "{err}");
    assert!(
        !err.contains("out of memory"),
        "the whole device was read until memory ran out:\n{err}"
    );
}

// ---------------------------------------------------------------------------
// 6. Property tests
// ---------------------------------------------------------------------------

fn cfg(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Pieces that make Markdown and HTML interesting.
fn tricky_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("<svg/onload=alert(1)>".to_string()),
        Just("<iframe src=//evil>".to_string()),
        Just("<a href=\"javascript:alert(1)\">".to_string()),
        Just("[x](".to_string()),
        Just("](".to_string()),
        Just(")".to_string()),
        Just("![a](".to_string()),
        Just("javascript:".to_string()),
        Just("JaVaScRiPt:".to_string()),
        Just("java\tscript:".to_string()),
        Just("&#106;avascript&#58;".to_string()),
        Just("&colon;".to_string()),
        Just("data:text/html,<script>".to_string()),
        Just("vbscript:".to_string()),
        Just("<javascript:alert(1)>".to_string()),
        Just("<https://eksempelbedrift.no>".to_string()),
        Just("\n[r]: javascript:alert(1)\n".to_string()),
        Just("[r]".to_string()),
        Just(" onmouseover=alert(1) ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("&".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n    ".to_string()),
        Just("# ".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("~~".to_string()),
        Just("\\".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{feff}".to_string()),
        Just("{{ p }}".to_string()),
        Just("{% raw %}".to_string()),
        Just("{ $x }".to_string()),
        "[a-z ]{0,6}",
        any::<char>().prop_map(String::from),
    ]
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(tricky_piece(), 0..16).prop_map(|v| v.concat()),
        1 => any::<String>(),
        1 => "[<>&\"'\\\\\\x00-\\x1f\\x7f*_\\[\\]()!#`:/= a-zJS\u{a0}\u{2028}]{0,60}",
    ]
}

/// Checks rendered Markdown for anything active.
fn markdown_is_inert(html: &str) -> Result<(), TestCaseError> {
    let v = violations(html);
    prop_assert!(v.is_empty(), "{:?} in {:?}", v, html);
    Ok(())
}

proptest! {
    #![proptest_config(cfg(512))]

    #[test]
    fn prop_markdown_never_panics_and_stays_inert(s in tricky_string()) {
        let b = personvern::model::markdown::render_block(&s, 2);
        markdown_is_inert(&b)?;
        let b0 = personvern::model::markdown::render_block(&s, 0);
        markdown_is_inert(&b0)?;
        let i = personvern::model::markdown::render_inline(&s);
        markdown_is_inert(&i)?;
        let _ = personvern::model::markdown::to_plain(&s);
        // safe_url agrees with the checker on whatever it accepts.
        if personvern::model::markdown::safe_url(&s) {
            prop_assert!(!dangerous_scheme(&s), "safe_url accepts {:?}", s);
        }
    }
}

/// The starter site, with a `{}`-placeholder in three text fields: a
/// section body (block Markdown), an activity purpose (inline Markdown)
/// and a recipient name (plain text).
///
/// Property tests compile many times; the templates and locales (which the
/// cases do not touch) are loaded once and reused through
/// `compile_cached`, the same path `watch` takes. `new()` checks that this
/// gives exactly what `compile` gives.
struct FieldSite {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    processing: String,
    cache: std::cell::RefCell<Option<personvern::Renderer>>,
}

impl FieldSite {
    fn new() -> FieldSite {
        let (tmp, root) = starter();
        let processing = fs::read_to_string(root.join("content/processing.toml")).expect("read");
        assert!(processing.contains("Svare på spørsmål du sender oss."));
        assert!(processing.contains("name = \"Eksempel E-post AS\""));
        let site = FieldSite {
            _tmp: tmp,
            root,
            processing,
            cache: std::cell::RefCell::new(None),
        };
        site.set("plain *text* <b>");
        let fresh = compile_ok(&site.root).output;
        let cached = site.compile().map(|c| c.output).ok();
        assert_eq!(
            cached.as_ref(),
            Some(&fresh),
            "compile_cached differs from compile"
        );
        site
    }

    // The library's own result type (lib.rs allows the lint too).
    #[allow(clippy::result_large_err)]
    fn compile(&self) -> Result<personvern::Compiled, personvern::Report> {
        personvern::compile_cached(&self.root, &mut self.cache.borrow_mut())
    }

    fn set(&self, value: &str) {
        let p = self
            .processing
            .replacen(
                "{ nb = \"Svare på spørsmål du sender oss.\", en = \"Answer questions you send us.\" }",
                &loc(value),
                1,
            )
            .replacen("name = \"Eksempel E-post AS\"", &format!("name = {}", toml_str(value)), 1);
        fs::write(self.root.join("content/processing.toml"), p).expect("write");
        fs::write(
            self.root.join("content/zz-section.toml"),
            format!(
                "[sections.fuzz]\ntitle = {}\nbody = {}\n",
                loc(value),
                loc(value)
            ),
        )
        .expect("write");
    }
}

thread_local! {
    static FIELD_SITE: FieldSite = FieldSite::new();
}

proptest! {
    #![proptest_config(cfg(64))]

    #[test]
    fn prop_random_text_in_fields_is_escaped(s in tricky_string()) {
        let value = format!("QZ{s}ZQ");
        FIELD_SITE.with(|site| {
            site.set(&value);
            let c = match site.compile() {
                Ok(c) => c,
                Err(r) => {
                    return Err(TestCaseError::fail(format!(
                        "rejected {:?}:\n{}",
                        value,
                        r.render(false)
                    )))
                }
            };
            let pages = html_pages(&c.output);
            let all: String = pages.iter().map(|(_, h)| h.as_str()).collect();
            prop_assert!(all.contains("QZ"), "the text does not reach the pages");
            for (p, h) in &pages {
                let v = violations(h);
                prop_assert!(v.is_empty(), "{}: {:?} for {:?}", p, v, value);
                if value.contains('<') {
                    prop_assert!(!h.contains(&value), "{}: {:?} appears unescaped", p, value);
                }
            }
            Ok::<(), TestCaseError>(())
        })?;
    }
}

/// Byte soup biased towards TOML syntax.
fn toml_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"[[".to_vec()),
        Just(b"=".to_vec()),
        Just(b" = ".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"'".to_vec()),
        Just(b"\"\"\"".to_vec()),
        Just(b"'''".to_vec()),
        Just(b"{".to_vec()),
        Just(b"}".to_vec()),
        Just(b",".to_vec()),
        Just(b".".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"#".to_vec()),
        Just(b"\\u0000".to_vec()),
        Just(b"\\".to_vec()),
        Just(b"sections".to_vec()),
        Just(b"activities".to_vec()),
        Just(b"cookies".to_vec()),
        Just(b"document".to_vec()),
        Just(b"site".to_vec()),
        Just(b"title".to_vec()),
        Just(b"body".to_vec()),
        Just(b"nb".to_vec()),
        Just(b"en".to_vec()),
        Just(b"name".to_vec()),
        Just(b"1979-05-27".to_vec()),
        Just(b"07:32:00".to_vec()),
        Just(b"1e400".to_vec()),
        Just(b"0x".to_vec()),
        Just(b"inf".to_vec()),
        Just(b"true".to_vec()),
        Just("æøå".as_bytes().to_vec()),
        Just(b"\xc3".to_vec()),
        Just(b"\xff".to_vec()),
        "[a-z_-]{1,6}".prop_map(|s| s.into_bytes()),
        any::<u8>().prop_map(|b| vec![b]),
    ];
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512),
        3 => prop::collection::vec(piece, 0..64).prop_map(|v| v.concat()),
    ]
}

proptest! {
    #![proptest_config(cfg(128))]

    #[test]
    fn prop_random_bytes_as_content_file_never_panic(bytes in toml_bytes()) {
        FIELD_SITE.with(|site| {
            fs::write(site.root.join("content/zz-fuzz.toml"), &bytes).expect("write");
            let r = match site.compile() {
                Ok(c) => c.report,
                Err(r) => r,
            };
            // Rendering the diagnostics, in every format, must not panic either.
            let _ = r.render(false);
            let _ = r.render(true);
            for d in &r.diagnostics.items {
                let _ = personvern::diagnostics::render_short(d, &r.sources);
            }
            let _ = personvern::diagnostics::to_json(&r.diagnostics, &r.sources);
            fs::remove_file(site.root.join("content/zz-fuzz.toml")).expect("rm");
            Ok::<(), TestCaseError>(())
        })?;
    }
}

// ---------------------------------------------------------------------------
// 7. The output folder never replaces the site's sources
// ---------------------------------------------------------------------------

/// `build` with `args` must fail with exit status 1, an `error[output-dir]`
/// naming `named`, and leave every source file of the site as it was.
fn assert_output_refused(site: &Path, args: &[&str], named: &str) -> String {
    let before = full_tree(site);
    let o = run(args, site.parent().expect("parent"));
    let e = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[output-dir]"), "{e}");
    assert!(e.contains(named), "the error does not name {named}:\n{e}");
    assert!(!e.contains("panicked"), "{e}");
    assert_eq!(full_tree(site), before, "the site's files changed");
    e
}

#[test]
fn output_folder_that_is_the_site_is_refused() {
    let (_t, site) = starter();
    let s = site.to_str().expect("path");
    let canon = fs::canonicalize(&site).expect("canon");
    let e = assert_output_refused(
        &site,
        &["build", s, "-o", s, "--force"],
        &canon.display().to_string(),
    );
    assert!(e.contains("site folder"), "{e}");
    // The same folder spelled differently (trailing `/.`).
    let dotted = format!("{s}/.");
    assert_output_refused(
        &site,
        &["build", s, "-o", &dotted, "--force"],
        "site folder",
    );
}

#[test]
fn output_folder_above_the_site_is_refused() {
    let (t, site) = starter();
    let s = site.to_str().expect("path");
    let parent = fs::canonicalize(t.path()).expect("canon");
    let e = assert_output_refused(
        &site,
        &["build", s, "-o", parent.to_str().expect("path"), "--force"],
        &parent.display().to_string(),
    );
    assert!(e.contains("contains the site folder"), "{e}");
}

#[test]
fn output_folder_inside_an_input_folder_is_refused() {
    let (_t, site) = starter();
    let s = site.to_str().expect("path");
    fs::create_dir_all(site.join("static")).expect("mkdir");
    fs::write(site.join("static/keep.css"), "a{}").expect("write");
    for (dir, sub) in [
        ("content", "content"),
        ("content", "content/out"),
        ("static", "static"),
        ("templates", "templates/out"),
        ("history", "history/x"),
        ("locales", "locales"),
    ] {
        let out = site.join(sub);
        let e = assert_output_refused(
            &site,
            &["build", s, "-o", out.to_str().expect("path"), "--force"],
            &format!("/{dir}"),
        );
        assert!(e.contains("input folder"), "{sub}: {e}");
    }
    assert!(
        !site.join("content/out").exists(),
        "content/out was written"
    );
}

#[test]
fn output_folder_checks_in_the_library() {
    let (_t, site) = starter();
    let r = personvern::build_with(
        &site,
        &personvern::BuildOptions {
            output: Some(site.join("content")),
            force: true,
            cache_dir: None,
            ..personvern::BuildOptions::default()
        },
    );
    let Err(r) = r else {
        panic!("build_with into content/ succeeded")
    };
    assert!(
        codes(&r).iter().any(|c| c == "output-dir"),
        "{}",
        r.render(false)
    );
    assert!(
        site.join("content/processing.toml").exists(),
        "sources deleted"
    );
    // The default public/ is fine.
    let ok = personvern::build_with(
        &site,
        &personvern::BuildOptions {
            cache_dir: None,
            ..personvern::BuildOptions::default()
        },
    );
    assert!(
        ok.is_ok(),
        "{}",
        ok.err().map(|r| r.render(false)).unwrap_or_default()
    );
    assert!(site
        .join("public")
        .join(personvern::output::MARKER)
        .exists());
}

#[test]
fn output_dir_in_the_config_must_stay_inside_the_site() {
    for bad in ["..", "../out", "public/../../x", "/tmp/personvern-out-abs"] {
        let (t, site) = starter();
        edit(
            &site,
            "personvern.toml",
            "output_dir = \"public\"",
            &format!("output_dir = \"{bad}\""),
        );
        let line = line_of(&site, "personvern.toml", "output_dir = ");
        let s = site.to_str().expect("path");
        let e = assert_output_refused(&site, &["build", s, "--force"], "personvern.toml");
        assert!(
            e.contains(&format!("personvern.toml:{line}:")),
            "{bad}: no line:column of personvern.toml:\n{e}"
        );
        assert!(!Path::new("/tmp/personvern-out-abs").exists());
        assert!(
            !t.path().join("out").exists(),
            "{bad}: written outside the site"
        );
        // Given on the command line, a folder outside the site is fine.
        let out = t.path().join("elsewhere");
        let o = run(&["build", s, "-o", out.to_str().expect("path")], t.path());
        assert_eq!(o.status.code(), Some(0), "{bad}: {}", stderr(&o));
        assert!(out.join(personvern::output::MARKER).exists());
    }
}

#[test]
fn watch_refuses_an_unsafe_output_folder() {
    let (_t, site) = starter();
    let s = site.to_str().expect("path");
    let before = full_tree(&site);
    let r = run_timeout(
        &["watch", s, "-o", s, "--no-cache"],
        site.parent().expect("p"),
        30,
    );
    assert!(!r.timed_out, "watch started into the site folder");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("error[output-dir]"), "{}", r.stderr);
    assert_eq!(full_tree(&site), before);
    edit(
        &site,
        "personvern.toml",
        "output_dir = \"public\"",
        "output_dir = \"../up\"",
    );
    let r = run_timeout(&["watch", s, "--no-cache"], site.parent().expect("p"), 30);
    assert!(!r.timed_out, "watch started with output_dir = ../up");
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("personvern.toml"), "{}", r.stderr);
    assert!(!site.parent().expect("p").join("up").exists());
}

// ---------------------------------------------------------------------------
// 8. A rebuild that panics does not end serve or watch
// ---------------------------------------------------------------------------

#[test]
fn a_panicking_rebuild_is_a_failed_attempt() {
    let (_t, site) = starter();
    std::env::set_var("PERSONVERN_TEST_PANIC", "panic-now");
    let mut rb = personvern::serve::Rebuilder::new(&fs::canonicalize(&site).expect("canon"));
    let first = rb.build(true);
    assert!(
        matches!(first, personvern::serve::Attempt::Ok(..)),
        "first build failed"
    );
    fs::write(site.join("panic-now"), "").expect("write");
    match rb.build(false) {
        personvern::serve::Attempt::Failed(r) => {
            assert_eq!(codes(&r), vec!["internal".to_string()]);
            let text = r.render(false);
            assert!(text.contains("internal error while building"), "{text}");
            assert!(text.contains("injected panic"), "{text}");
            assert!(text.contains("please report it"), "{text}");
        }
        personvern::serve::Attempt::Ok(..) => panic!("the injected panic did not happen"),
    }
    fs::remove_file(site.join("panic-now")).expect("rm");
    assert!(
        matches!(rb.build(false), personvern::serve::Attempt::Ok(..)),
        "the rebuilder did not recover after a panic"
    );
}

// ---------------------------------------------------------------------------
// 9. Links to files outside the site are never read
// ---------------------------------------------------------------------------

#[test]
fn symlinks_outside_the_site_are_skipped_with_a_warning() {
    use std::os::unix::fs::symlink;
    let (t, site) = starter();
    let secret = t.path().join("secret.txt");
    fs::write(&secret, "TOPSECRET-FILE").expect("write");
    let secret_dir = t.path().join("secret-dir");
    fs::create_dir_all(&secret_dir).expect("mkdir");
    fs::write(secret_dir.join("inner.css"), "TOPSECRET-DIR").expect("write");
    fs::write(secret_dir.join("inner.toml"), "[sections.leak]\ntitle = { nb = \"TOPSECRET-TOML\", en = \"TOPSECRET-TOML\" }\nbody = { nb = \"x\", en = \"x\" }\n").expect("write");
    fs::create_dir_all(site.join("static")).expect("mkdir");
    symlink(&secret, site.join("static/secret.txt")).expect("symlink");
    symlink(&secret_dir, site.join("static/dir")).expect("symlink");
    symlink("/proc/self/environ", site.join("static/env")).expect("symlink");
    symlink("../../secret.txt", site.join("static/rel.txt")).expect("symlink");
    symlink(&secret_dir, site.join("content/linked")).expect("symlink");
    // A link to a file inside the site still works.
    fs::write(site.join("inside.css"), "INSIDE-OK").expect("write");
    symlink(site.join("inside.css"), site.join("static/inside.css")).expect("symlink");

    let c = compile_ok(&site);
    let all: Vec<u8> = c.output.values().flatten().copied().collect();
    let all = String::from_utf8_lossy(&all);
    assert!(
        !all.contains("TOPSECRET"),
        "a file outside the site was published"
    );
    assert!(!all.contains("PATH="), "the environment was published");
    assert!(
        !c.output.keys().any(|k| k.ends_with("/env") || k == "env"),
        "{:?}",
        c.output.keys()
    );
    let inside: Vec<_> = c
        .output
        .iter()
        .filter(|(k, _)| k.ends_with("inside.css"))
        .collect();
    assert!(
        inside.len() == 1 && inside[0].1.as_slice() == b"INSIDE-OK",
        "a link inside the site no longer works: {:?}",
        c.output.keys().collect::<Vec<_>>()
    );
    let text = c.report.render(false);
    let warned: Vec<_> = c
        .report
        .diagnostics
        .items
        .iter()
        .filter(|d| d.code == "symlink-outside-site")
        .collect();
    assert!(warned.len() >= 5, "{text}");
    assert!(
        text.contains("static/env") && text.contains("/proc/"),
        "{text}"
    );
    assert!(
        text.contains("static/rel.txt") && text.contains("secret.txt"),
        "{text}"
    );
    assert!(text.contains("content/linked"), "{text}");
    // Through the binary: check and build warn the same way.
    let s = site.to_str().expect("path");
    let o = run(&["check", s], t.path());
    assert!(
        stderr(&o).contains("symlink-outside-site"),
        "{}",
        stderr(&o)
    );
    let o = run(&["build", s], t.path());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let built = tree(&site.join("public"));
    assert!(built
        .values()
        .all(|b| !String::from_utf8_lossy(b).contains("TOPSECRET")));
    assert!(!built.keys().any(|k| k.ends_with("/env") || k == "env"));
}
