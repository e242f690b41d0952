//! Minification of HTML and CSS, and the memo that skips pages whose bytes did not change.
use crate::output::Output;

/// Minifies HTML and CSS files in place (closing tags and quotes kept, so
/// the result still passes the HTML validator). Files named in `done` are
/// already minified (taken from the render cache) and left as they are.
/// Returns (before, after) bytes of the files it minified.
pub fn minify(out: &mut Output, done: &std::collections::BTreeSet<String>) -> (usize, usize) {
    let (before, after, _) = minify_memo(out, done, None, &Default::default());
    (before, after)
}

/// Minified files of an earlier build by [`minify_key`] (see
/// [`minify_memo`]): a map in memory, or a cache entry read on demand.
pub trait MinifyMemo: Sync {
    /// The minified bytes stored under `key`, if any.
    fn minified(&self, key: &str) -> Option<Vec<u8>>;
}

impl MinifyMemo for Output {
    fn minified(&self, key: &str) -> Option<Vec<u8>> {
        self.get(key).cloned()
    }
}

/// [`minify`], with the results of an earlier build: `memo` holds, by a
/// digest of a file's unminified bytes ([`minify_key`]), its minified
/// bytes, so a file whose bytes did not change since is not minified again
/// (minify is a pure function of the bytes). Returns the byte counts and
/// this build's memo keys (key → path of the file now holding those
/// minified bytes; files in `kept`, stored elsewhere, are left out).
pub fn minify_memo(
    out: &mut Output,
    done: &std::collections::BTreeSet<String>,
    memo: Option<&dyn MinifyMemo>,
    kept: &std::collections::BTreeSet<String>,
) -> (usize, usize, std::collections::BTreeMap<String, String>) {
    let m = minify_shared(out, done, memo, kept, &[]);
    (m.before, m.after, m.keys)
}

/// A body that several files hold (a page and its fragment: see
/// `render_current` in `render/pages.rs`), with its links starting at
/// `mark`, where each copy has its own root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedBody {
    /// The body as rendered, links starting at `mark` (written raw, or with
    /// `/` as `&#x2F;` as tera's `escape` filter writes it).
    pub marked: String,
    /// What stands for the start of each link.
    pub mark: &'static str,
    /// The files holding a copy of it.
    pub uses: Vec<BodyUse>,
}

/// Where a file holds a copy of a [`SharedBody`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyUse {
    /// Output path of the file.
    pub path: String,
    /// Byte range of the copy in the file's unminified bytes.
    pub range: std::ops::Range<usize>,
    /// The root the copy's links start at, in place of the mark.
    pub root: String,
}

/// What [`minify_shared`] did.
#[derive(Debug, Default)]
pub struct Minified {
    /// Bytes of the files it minified, before.
    pub before: usize,
    /// And after.
    pub after: usize,
    /// This build's memo keys (see [`minify_memo`]).
    pub keys: std::collections::BTreeMap<String, String>,
    /// Files made from a minified shared body and the rest of the file
    /// minified around it.
    pub composed: usize,
    /// Files minified already ([`MinifiedAround`]) and taken as they were,
    /// or with only their part minified.
    pub filled: usize,
}

/// What stands for a shared body while the rest of its file is minified:
/// an element of its own, which minify-html writes as it is.
const SLOT: &[u8] = b"<pv-shared-body></pv-shared-body>";

/// A root that minification leaves as it is wherever it stands (in an
/// attribute value, quoted or not, or in text), so it can be put in place
/// of the mark after minifying: no character HTML escapes or quotes, and
/// not empty (an empty attribute value is written without one).
fn plain_root(root: &str) -> bool {
    !root.is_empty()
        && root
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"./:_~-".contains(&c))
}

/// Whether `html` begins and ends with a tag, whitespace aside: then the
/// text on either side of it, inside a layout element such as `<main>` or
/// `<div>`, is whitespace only, which minify-html drops there as it does
/// at the top level, and it is minified the same way alone.
fn whole_elements(html: &[u8]) -> bool {
    let t = html.trim_ascii();
    t.first() == Some(&b'<') && t.last() == Some(&b'>')
}

/// [`minify_memo`], with the bodies that pages share with their fragments
/// minified once for all their files. minify-html (closing tags kept)
/// writes an element from its tag, attributes and children alone, so a
/// body made of whole elements, between tags of a layout element, minifies
/// to the same bytes alone as in its file: the file is minified with a
/// [`SLOT`] in the body's place, and the slot replaced by the minified body
/// with the file's root in place of the mark. A body or file that does not
/// meet those conditions is minified whole. The same bytes as [`minify`]
/// (the tests below, and tests/build.rs on example-site, compare the two).
pub fn minify_shared(
    out: &mut Output,
    done: &std::collections::BTreeSet<String>,
    memo: Option<&dyn MinifyMemo>,
    kept: &std::collections::BTreeSet<String>,
    shared: &[SharedBody],
) -> Minified {
    minify_parts(out, done, memo, kept, shared, &[])
}

/// The settings of every minification here: closing tags and the `<html>`
/// and `<head>` tags kept (the result still validates), CSS minified,
/// scripts left alone.
fn config() -> minify_html::Cfg {
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    cfg
}

/// One HTML page minified as a build minifies it (for the pages `release`
/// freezes in their published form).
pub fn minify_page(html: &[u8]) -> Vec<u8> {
    escape_title(&minify_html::minify(html, &config()))
}

/// A file that is minified already but for one part, written into it since
/// (an archived page's note, filled in on the day of the build: see
/// `render_archived` in `render/changelog.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinifiedAround {
    /// Output path of the file.
    pub path: String,
    /// Byte range of the part not yet minified, if any: the whole content
    /// of its element.
    pub part: Option<std::ops::Range<usize>>,
}

/// Elements whose content minify-html writes the same way alone as in a
/// page (whitespace collapsed, not kept as it is, not raw text), so a part
/// that is the whole content of one is minified on its own, inside the
/// same element.
const PART_PARENTS: &[&[u8]] = &[
    b"p",
    b"div",
    b"span",
    b"section",
    b"aside",
    b"header",
    b"footer",
    b"main",
    b"article",
    b"nav",
    b"strong",
    b"em",
    b"b",
    b"i",
    b"small",
    b"li",
    b"dd",
    b"dt",
    b"td",
    b"th",
    b"figcaption",
    b"blockquote",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
];

/// A file minified but for `part` (see [`MinifiedAround`]), with the part
/// minified: the part is minified alone inside an element of the name of
/// its parent, which gives the bytes minifying the whole file would, when
/// the part is the whole content of that element, begins and ends with no
/// whitespace (minify-html trims and collapses whitespace there by what is
/// beside it), and sits in no `<pre>`. `None` otherwise.
fn fill_part(bytes: &[u8], part: std::ops::Range<usize>) -> Option<Vec<u8>> {
    if part.start > part.end || part.end > bytes.len() {
        return None;
    }
    let (before, text, after) = (
        &bytes[..part.start],
        &bytes[part.clone()],
        &bytes[part.end..],
    );
    if text.trim_ascii().len() != text.len() || memchr::memmem::find(before, b"<pre").is_some() {
        return None;
    }
    // The parent: the last tag before the part opens it, the first after
    // closes it.
    if before.last() != Some(&b'>') {
        return None;
    }
    let lt = memchr::memrchr(b'<', before)?;
    let tag = &before[lt + 1..];
    let end = tag
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..end];
    if !PART_PARENTS.contains(&name) {
        return None;
    }
    let close = [b"</", name, b">"].concat();
    if !after.starts_with(&close) {
        return None;
    }
    let open = [b"<", name, b">"].concat();
    let alone = minify_page(&[&open[..], text, &close[..]].concat());
    let inner = alone.strip_prefix(&open[..])?.strip_suffix(&close[..])?;
    Some([before, inner, after].concat())
}

/// [`minify_shared`], with files that are minified already but for one
/// part ([`MinifiedAround`]): only that part is minified (see
/// [`fill_part`]; a file where it cannot be is minified whole), and a file
/// with no such part is left as it is.
pub fn minify_parts(
    out: &mut Output,
    done: &std::collections::BTreeSet<String>,
    memo: Option<&dyn MinifyMemo>,
    kept: &std::collections::BTreeSet<String>,
    shared: &[SharedBody],
    around: &[MinifiedAround],
) -> Minified {
    let cfg = config();
    let parts: std::collections::HashMap<&str, &Option<std::ops::Range<usize>>> =
        around.iter().map(|a| (a.path.as_str(), &a.part)).collect();
    let filled = std::sync::atomic::AtomicUsize::new(0);
    // The copies of each body that can be minified once, by path.
    let mut slots: std::collections::HashMap<&str, (usize, &BodyUse)> = Default::default();
    for (i, body) in shared.iter().enumerate() {
        let usable = whole_elements(body.marked.as_bytes())
            && memchr::memmem::find(body.marked.as_bytes(), SLOT).is_none();
        if !usable {
            continue;
        }
        for u in body.uses.iter().filter(|u| plain_root(&u.root)) {
            slots.insert(u.path.as_str(), (i, u));
        }
    }
    let bodies: Vec<std::sync::OnceLock<String>> =
        shared.iter().map(|_| std::sync::OnceLock::new()).collect();
    let composed = std::sync::atomic::AtomicUsize::new(0);
    let whole = |bytes: &[u8]| escape_title(&minify_html::minify(bytes, &cfg));
    let compose = |bytes: &[u8], i: usize, u: &BodyUse| -> Option<Vec<u8>> {
        let r = u.range.clone();
        let clean = r.start <= r.end
            && r.end <= bytes.len()
            && bytes[..r.start].trim_ascii_end().last() == Some(&b'>')
            && bytes[r.end..].trim_ascii_start().first() == Some(&b'<')
            && whole_elements(&bytes[r.clone()]);
        if !clean {
            return None;
        }
        let mut rest = Vec::with_capacity(bytes.len() - r.len() + SLOT.len());
        rest.extend_from_slice(&bytes[..r.start]);
        rest.extend_from_slice(SLOT);
        rest.extend_from_slice(&bytes[r.end..]);
        let rest = whole(&rest);
        // The slot, once: a second one (the file had such an element of
        // its own) leaves the file minified whole.
        let at = memchr::memmem::find(&rest, SLOT)?;
        if memchr::memmem::find(&rest[at + 1..], SLOT).is_some() {
            return None;
        }
        let body = bodies[i].get_or_init(|| {
            String::from_utf8_lossy(&whole(shared[i].marked.as_bytes())).into_owned()
        });
        let body = body.replace(shared[i].mark, &u.root);
        let mut file = Vec::with_capacity(rest.len() - SLOT.len() + body.len());
        file.extend_from_slice(&rest[..at]);
        file.extend_from_slice(body.as_bytes());
        file.extend_from_slice(&rest[at + SLOT.len()..]);
        composed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(file)
    };
    // Files differ in size by a factor of a thousand (a page of a large
    // site against a sitemap); rayon's work stealing keeps both cores busy.
    use rayon::prelude::*;
    let mut files: Vec<(&String, &mut Vec<u8>)> = out
        .iter_mut()
        .filter(|(p, _)| (p.ends_with(".html") || p.ends_with(".css")) && !done.contains(*p))
        .collect();
    let cfg = &cfg;
    // (bytes before, after, memo key and path)
    type One = (usize, usize, Option<(String, String)>);
    let results: Vec<One> = files
        .par_iter_mut()
        .map(|(path, bytes)| {
            // Minified already: only its part, if it has one, is minified
            // now (not counted: its bytes before are not the file's).
            if let Some(part) = parts.get(path.as_str()) {
                let m = match part {
                    None => Some(std::mem::take(*bytes)),
                    Some(p) => fill_part(bytes, p.clone()),
                };
                match m {
                    Some(m) => {
                        filled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        **bytes = m;
                        return (0, 0, None);
                    }
                    None => {
                        let before = bytes.len();
                        **bytes = whole(bytes);
                        return (before, bytes.len(), None);
                    }
                }
            }
            let before = bytes.len();
            let key = memo
                .filter(|_| !kept.contains(*path))
                .map(|_| minify_key(path, bytes));
            let known = key.as_ref().and_then(|k| memo.and_then(|m| m.minified(k)));
            **bytes = match known {
                Some(m) => m,
                None if path.ends_with(".html") => slots
                    .get(path.as_str())
                    .and_then(|&(i, u)| compose(bytes, i, u))
                    .unwrap_or_else(|| whole(bytes)),
                None => {
                    let wrapped = format!("<style>{}</style>", String::from_utf8_lossy(bytes));
                    let m = minify_html::minify(wrapped.as_bytes(), cfg);
                    let css = String::from_utf8_lossy(&m);
                    css.trim_start_matches("<style>")
                        .trim_end_matches("</style>")
                        .as_bytes()
                        .to_vec()
                }
            };
            (before, bytes.len(), key.map(|k| (k, path.to_string())))
        })
        .collect();
    let mut m = Minified {
        composed: composed.into_inner(),
        filled: filled.into_inner(),
        ..Minified::default()
    };
    for (b, a, entry) in results {
        m.before += b;
        m.after += a;
        if let Some((k, p)) = entry {
            m.keys.insert(k, p);
        }
    }
    m
}

/// The memo key of a file for [`minify_memo`]: SHA-256 of personvern's
/// build (its minifier settings), the kind of file (HTML and CSS are
/// minified differently) and the bytes.
pub fn minify_key(path: &str, bytes: &[u8]) -> String {
    let kind: &[u8] = if path.ends_with(".css") {
        b"css"
    } else {
        b"html"
    };
    crate::digest::hex(&crate::digest::key(&[b"minify", kind, bytes]))
}

/// minify-html decodes `&lt;` where HTML allows a raw `<` (inside quoted
/// attribute values and `<title>`). Harmless to browsers, but a page must
/// never contain a raw `<script` anywhere, so `<` and `>` are escaped again
/// inside attribute values and the title.
fn escape_title(html: &[u8]) -> Vec<u8> {
    // Every byte this looks at is ASCII, and no byte of a multi-byte UTF-8
    // character is, so it walks the bytes, copying the runs between the
    // bytes that matter (memchr finds them) instead of a character at a
    // time: this pass reads every minified byte of the site.
    let s = String::from_utf8_lossy(html);
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len() + 16);
    let mut i = 0;
    let mut in_title = false;
    while i < b.len() {
        // Outside a tag: the next `<`.
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) else {
            out.extend_from_slice(&b[i..]);
            break;
        };
        out.extend_from_slice(&b[i..lt]);
        let rest = &b[lt..];
        if in_title && !rest.starts_with(b"</title") {
            out.extend_from_slice(b"&lt;");
            i = lt + 1;
            continue;
        }
        let next = b.get(lt + 1).copied().unwrap_or(b' ');
        out.push(b'<');
        i = lt + 1;
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
            continue;
        }
        in_title = rest.starts_with(b"<title");
        // Inside the tag, up to its `>`; quoted values get `<` and `>`
        // escaped.
        let mut quote: Option<u8> = None;
        while i < b.len() {
            let found = match quote {
                Some(q) => memchr::memchr3(q, b'<', b'>', &b[i..]),
                None => memchr::memchr3(b'"', b'\'', b'>', &b[i..]),
            };
            let Some(k) = found.map(|k| i + k) else {
                out.extend_from_slice(&b[i..]);
                i = b.len();
                break;
            };
            out.extend_from_slice(&b[i..k]);
            i = k + 1;
            match (quote, b[k]) {
                (Some(q), c) if c == q => {
                    quote = None;
                    out.push(c);
                }
                (Some(_), b'<') => out.extend_from_slice(b"&lt;"),
                (Some(_), _) => out.extend_from_slice(b"&gt;"),
                (None, b'>') => {
                    out.push(b'>');
                    break;
                }
                (None, c) => {
                    quote = Some(c);
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character-at-a-time pass this module used before: the oracle
    /// the byte-level [`escape_title`] is held against.
    fn escape_title_by_chars(html: &[u8]) -> Vec<u8> {
        let s = String::from_utf8_lossy(html);
        let mut out = String::with_capacity(s.len() + 16);
        let mut chars = s.char_indices().peekable();
        let mut in_tag = false;
        let mut quote: Option<char> = None;
        let mut in_title = false;
        while let Some((i, c)) = chars.next() {
            if in_tag {
                match (quote, c) {
                    (Some(q), c) if c == q => {
                        quote = None;
                        out.push(c);
                    }
                    (Some(_), '<') => out.push_str("&lt;"),
                    (Some(_), '>') => out.push_str("&gt;"),
                    (Some(_), c) => out.push(c),
                    (None, '"') | (None, '\'') => {
                        quote = Some(c);
                        out.push(c);
                    }
                    (None, '>') => {
                        in_tag = false;
                        out.push(c);
                    }
                    (None, c) => out.push(c),
                }
                continue;
            }
            if c == '<' {
                let rest = &s[i..];
                if in_title && !rest.starts_with("</title") {
                    out.push_str("&lt;");
                    continue;
                }
                let next = chars.peek().map(|(_, n)| *n).unwrap_or(' ');
                if next.is_ascii_alphabetic() || next == '/' || next == '!' {
                    in_tag = true;
                    in_title = rest.starts_with("<title");
                    out.push(c);
                    continue;
                }
            }
            out.push(c);
        }
        out.into_bytes()
    }

    /// A page and its fragment holding one body (as `render_current`
    /// makes them), each with its own root in place of the mark.
    fn shared_pair(body: &str, page_root: &str, fragment_root: &str) -> (Output, SharedBody) {
        const MARK: &str = "\u{FDD0}pv/root\u{FDD0}";
        const MARK_ESCAPED: &str = "\u{FDD0}pv&#x2F;root\u{FDD0}";
        let own = |root: &str| {
            body.replace(MARK, root)
                .replace(MARK_ESCAPED, &root.replace('/', "&#x2F;"))
        };
        let head = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>\n<main id=\"m\">\n<h1>Heading</h1>";
        let page = format!("{head}{}\n</main>\n</body>\n</html>\n", own(page_root));
        let fragment = format!(
            "<div class=\"pv-fragment\" lang=\"en\">\n{}\n</div>\n",
            own(fragment_root)
        );
        let mut out = Output::new();
        out.insert("en/p/index.html".into(), page.clone().into_bytes());
        out.insert("fragments/en/p.html".into(), fragment.into_bytes());
        let shared = SharedBody {
            marked: body.to_string(),
            mark: MARK,
            uses: vec![
                BodyUse {
                    path: "en/p/index.html".into(),
                    range: head.len()..head.len() + own(page_root).len(),
                    root: page_root.into(),
                },
                BodyUse {
                    path: "fragments/en/p.html".into(),
                    range: "<div class=\"pv-fragment\" lang=\"en\">\n".len()
                        .."<div class=\"pv-fragment\" lang=\"en\">\n".len()
                            + own(fragment_root).len(),
                    root: fragment_root.into(),
                },
            ],
        };
        (out, shared)
    }

    /// Minifies `out` both ways: each file whole, and with `shared`
    /// minified once. Returns the files both ways and how many were composed.
    fn both_ways(out: &Output, shared: &SharedBody) -> (Output, Output, usize) {
        let mut whole = out.clone();
        minify(&mut whole, &Default::default());
        let mut once = out.clone();
        let m = minify_shared(
            &mut once,
            &Default::default(),
            None,
            &Default::default(),
            std::slice::from_ref(shared),
        );
        (whole, once, m.composed)
    }

    #[test]
    fn a_shared_body_minified_once_gives_the_bytes_of_each_file_minified_whole() {
        let body = "\n<p class=\" a  b \">See  <a href=\"\u{FDD0}pv/root\u{FDD0}en/x/#y\">the   list</a> &amp; <a href=\"\u{FDD0}pv&#x2F;root\u{FDD0}en&#x2F;z\">more</a>.</p>\n<ul>\n  <li> one  <strong>two</strong> </li>\n</ul>\n<p title=\"a &lt;b&gt;\">\u{FDD0}pv/root\u{FDD0}</p>\n";
        let (out, shared) = shared_pair(body, "../../", "https://www.example.no/");
        let (whole, once, composed) = both_ways(&out, &shared);
        assert_eq!(composed, 2, "both files made from the body minified once");
        assert_eq!(whole, once);
        let fragment = String::from_utf8_lossy(&once["fragments/en/p.html"]).into_owned();
        assert!(
            fragment.contains("href=https://www.example.no/en/x/#y"),
            "{fragment}"
        );
        assert!(!fragment.contains('\u{FDD0}'), "{fragment}");
    }

    #[test]
    fn a_body_or_root_minification_could_change_is_minified_in_its_file() {
        // Text at the edge of the body (it would be trimmed alone), a root
        // with a character minification writes differently, and an empty
        // root: each file minified whole, the same bytes.
        let cases = [
            (
                "Text first <p><a href=\"\u{FDD0}pv/root\u{FDD0}x\">x</a></p>",
                "../",
                "https://e.no/",
            ),
            (
                "<p><a href=\"\u{FDD0}pv/root\u{FDD0}x\">x</a></p> text last",
                "../",
                "https://e.no/",
            ),
            (
                "<p><a href=\"\u{FDD0}pv/root\u{FDD0}x\">x</a></p>",
                "../",
                "https://e.no/?a=1&b=2/",
            ),
            (
                "<p><a href=\"\u{FDD0}pv/root\u{FDD0}\">x</a></p>",
                "",
                "https://e.no/",
            ),
        ];
        for (body, page_root, fragment_root) in cases {
            let (out, shared) = shared_pair(body, page_root, fragment_root);
            let (whole, once, composed) = both_ways(&out, &shared);
            assert_eq!(whole, once, "{body}");
            assert!(composed < 2, "{body}: {composed} composed");
        }
    }

    #[test]
    fn the_byte_level_pass_gives_the_bytes_of_the_character_pass() {
        use proptest::prelude::*;
        let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config {
            cases: 4096,
            ..Default::default()
        });
        // Pieces that move the pass between its states, with text and
        // multi-byte characters between them.
        let piece = prop::sample::select(vec![
            "<", ">", "\"", "'", "<title>", "</title>", "<titlex", "</", "<!", "<a ", "<b>", "a",
            " ", "=", "&lt;", "æ", "ø", "—", "\u{FDD0}", "<script>", "x<", "<1", "\n",
        ]);
        runner
            .run(&prop::collection::vec(piece, 0..40), |parts| {
                let html = parts.concat();
                prop_assert_eq!(
                    escape_title(html.as_bytes()),
                    escape_title_by_chars(html.as_bytes())
                );
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        // Invalid UTF-8 is read as the character pass read it.
        let bad = b"<p title=\"\xff<\">\xfe</p>";
        assert_eq!(escape_title(bad), escape_title_by_chars(bad));
    }

    #[test]
    fn reescapes_attributes_and_title() {
        let html = "<html><head><title>a <script>x</script></title><meta content='b <img src=x>' name=d></head><body><p>c &lt;b&gt;</p></body></html>";
        let out = String::from_utf8(escape_title(html.as_bytes())).unwrap_or_default();
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        assert!(
            out.contains("<title>a &lt;script>x&lt;/script></title>"),
            "{out}"
        );
        assert!(out.contains("content='b &lt;img src=x&gt;'"), "{out}");
        assert!(out.contains("<p>c &lt;b&gt;</p>"), "{out}");
    }

    #[test]
    fn minified_pages_keep_closing_tags() {
        let mut out = Output::new();
        out.insert("a.html".into(), b"<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<title>T</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n".to_vec());
        out.insert("a.css".into(), b"body {\n  color: red;\n}\n".to_vec());
        let (before, after) = minify(&mut out, &Default::default());
        assert!(after < before);
        let html = String::from_utf8_lossy(&out["a.html"]).into_owned();
        assert!(html.contains("</p>") && html.contains("</html>"), "{html}");
        assert_eq!(String::from_utf8_lossy(&out["a.css"]), "body{color:red}");
    }

    #[test]
    fn the_minify_memo_is_keyed_by_the_unminified_bytes() {
        let page = b"<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<title>T</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n".to_vec();
        let mut plain = Output::new();
        plain.insert("a.html".into(), page.clone());
        plain.insert("b.html".into(), b"<p>b</p>".to_vec());
        let mut first = plain.clone();
        let (_, _, memo) = minify_memo(
            &mut first,
            &Default::default(),
            Some(&Output::new()),
            &Default::default(),
        );
        let mut paths: Vec<&String> = memo.values().collect();
        paths.sort();
        assert_eq!(
            paths,
            ["a.html", "b.html"],
            "keys name the files holding the minified bytes"
        );
        assert_eq!(memo.len(), 2);
        let mut again = plain.clone();
        minify(&mut again, &Default::default());
        assert_eq!(first, again, "a memo changes nothing by itself");
        // A memo entry is used for exactly the bytes it was made from.
        let mut memo = Output::new();
        memo.insert(minify_key("a.html", &page), b"FROM MEMO".to_vec());
        assert_ne!(minify_key("a.html", &page), minify_key("a.css", &page));
        let mut out = plain.clone();
        let (_, _, next) = minify_memo(
            &mut out,
            &Default::default(),
            Some(&memo),
            &Default::default(),
        );
        assert_eq!(out["a.html"], b"FROM MEMO");
        assert_eq!(out["b.html"], again["b.html"]);
        assert_eq!(next.len(), 2, "the next memo holds this build's files only");
    }

    /// A page as `release` freezes it (minified, the note as a slot) and
    /// the same page as rendered with `note` in place: (the frozen page
    /// with the note written in, the note's range in it, the page as
    /// rendered).
    fn frozen(note: &str, around: (&str, &str)) -> (Vec<u8>, std::ops::Range<usize>, Vec<u8>) {
        let page = |n: &str| {
            format!(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T 1.0</title>\n</head>\n<body>\n<p class=\"pv-banner  pv-banner-current\" role=\"note\">{}{n}{}</p>\n<main>\n<h1> Heading </h1>\n<p>Text  &amp; more.</p>\n</main>\n</body>\n</html>\n",
                around.0, around.1
            )
        };
        let slot = "<pv-frozen-note></pv-frozen-note>";
        let stored = String::from_utf8_lossy(&minify_page(page(slot).as_bytes())).into_owned();
        let at = stored.find(slot).expect("the slot survives minification");
        let mut filled = stored.clone();
        filled.replace_range(at..at + slot.len(), note);
        (
            filled.into_bytes(),
            at..at + note.len(),
            page(note).into_bytes(),
        )
    }

    /// [`minify_parts`] with no memo and no shared body.
    fn minify_around(out: &mut Output, around: &[MinifiedAround]) -> Minified {
        minify_parts(
            out,
            &Default::default(),
            None,
            &Default::default(),
            &[],
            around,
        )
    }

    #[test]
    fn a_frozen_pages_note_minified_alone_gives_the_page_minified_whole() {
        let note = "This is  version <b>1.0</b>, which  takes effect on 1&nbsp;May. <a href=\"../../en/privacy/?a=1&amp;b=2\">Read  the <em>version</em> in force</a> <a href=\"x\">now</a>.";
        let (bytes, part, page) = frozen(note, ("", ""));
        let filled = fill_part(&bytes, part.clone()).expect("the note is the whole of its <p>");
        assert_eq!(
            String::from_utf8_lossy(&filled),
            String::from_utf8_lossy(&minify_page(&page))
        );
        assert!(
            !filled.windows(8).any(|w| w == b"takes  e"),
            "the note is minified"
        );
        // Through minify_parts: counted as filled, not as minified.
        let mut out = Output::new();
        out.insert("en/privacy/versions/1.0/index.html".into(), bytes.clone());
        out.insert("en/other/index.html".into(), page.clone());
        let m = minify_around(
            &mut out,
            &[MinifiedAround {
                path: "en/privacy/versions/1.0/index.html".into(),
                part: Some(part),
            }],
        );
        assert_eq!(m.filled, 1);
        assert_eq!(m.before, page.len(), "only the other page counted");
        assert_eq!(
            out["en/privacy/versions/1.0/index.html"],
            minify_page(&page)
        );
        assert_eq!(out["en/other/index.html"], minify_page(&page));
    }

    #[test]
    fn a_note_that_cannot_be_minified_alone_leaves_its_page_minified_whole() {
        // Whitespace at an edge of the note, text beside it in its element,
        // an element whose whitespace is kept, a range out of the file.
        for (note, around) in [
            (" Leading space.", ("", "")),
            ("Trailing space. ", ("", "")),
            ("The note.", ("Note: ", "")),
            ("The note.", ("", " <b>after</b>")),
        ] {
            let (bytes, part, _) = frozen(note, around);
            assert_eq!(fill_part(&bytes, part), None, "{note:?} in {around:?}");
        }
        let pre = b"<pre class=x>The note.</pre>";
        assert_eq!(fill_part(pre, 13..22), None, "in <pre>");
        let title = b"<title>The note.</title>";
        assert_eq!(fill_part(title, 7..16), None, "in <title>");
        let p = b"<p>The note.</p>";
        assert!(fill_part(p, 3..12).is_some());
        assert_eq!(fill_part(p, 3..40), None, "out of the file");
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 9..3;
        assert_eq!(fill_part(p, reversed), None, "reversed");
        // minify_parts minifies such a page whole, and takes a page with
        // no part as it is.
        let (bytes, part, page) = frozen("The note.", ("Note:  ", ""));
        let done = b"<p>as it is  </p>".to_vec();
        let mut out = Output::new();
        out.insert("a.html".into(), bytes.clone());
        out.insert("b.html".into(), done.clone());
        let m = minify_around(
            &mut out,
            &[
                MinifiedAround {
                    path: "a.html".into(),
                    part: Some(part),
                },
                MinifiedAround {
                    path: "b.html".into(),
                    part: None,
                },
            ],
        );
        assert_eq!(m.filled, 1, "b.html only");
        assert_eq!(m.before, bytes.len(), "a.html minified whole, counted");
        assert_eq!(out["a.html"], minify_page(&page), "the same page");
        assert_eq!(out["b.html"], done, "b.html as it was");
    }
}
