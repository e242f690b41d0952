//! Outputs for embedding the notice elsewhere: Markdown pages, JSON
//! (resolved per language, and language-neutral) with their JSON Schemas,
//! the sitemap, and HTML/CSS minification.

use serde_json::{json, Map, Value};

use crate::i18n::Lang;
use crate::load::Site;
use crate::model::{self, CookieDuration};
use crate::render::{Output, Renderer, PAGES};

/// Pretty JSON with a trailing newline (deterministic: serde_json keeps
/// object keys sorted without the `preserve_order` feature).
pub fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

/// An HTML fragment as Markdown (tables become pipe tables).
pub fn to_markdown(html: &str) -> String {
    let md = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["nav"])
        .build()
        .convert(html)
        .unwrap_or_default();
    let mut md = md.trim().to_string();
    md.push('\n');
    md
}

fn duration_text(lang: &Lang, d: &CookieDuration) -> String {
    match d {
        CookieDuration::Session => lang.msg("duration-session", None).unwrap_or_default(),
        CookieDuration::Period(p) => lang.duration(p).unwrap_or_else(|_| p.to_string()),
    }
}

fn msg(lang: &Lang, id: &str) -> String {
    lang.msg(id, None).unwrap_or_default()
}

/// The fully resolved notice in one language: every text in that language
/// (Markdown source), labels for every enum, durations and dates in words,
/// and the body HTML of each page.
pub fn notice_json(r: &Renderer, site: &Site, derived: &Value, lang: &Lang, out: &Output) -> Value {
    let tag = lang.tag.as_str();
    let p = &site.policy;
    let mut v = model::with_language(tag, || serde_json::to_value(p).unwrap_or(Value::Null));
    let base = site.config.base();
    if let Some(acts) = v.get_mut("activities").and_then(Value::as_array_mut) {
        for (a, (_, m)) in acts.iter_mut().zip(p.activities.iter()) {
            let bases: Vec<Value> = m
                .legal_basis
                .get_ref()
                .0
                .iter()
                .map(|b| json!({ "id": b.id(), "label": msg(lang, &format!("basis-{}", b.id())), "citation": msg(lang, &format!("basis-{}.citation", b.id())) }))
                .collect();
            a["legal_basis_text"] = json!(bases);
            if let Some(period) = m.retention.as_ref().and_then(|x| x.period.as_ref()) {
                a["retention_text"] = json!(lang.duration(period.get_ref()).unwrap_or_default());
            }
        }
    }
    if let Some(recs) = v.get_mut("recipients").and_then(Value::as_array_mut) {
        for (rj, (_, m)) in recs.iter_mut().zip(p.recipients.iter()) {
            let kind = model::enum_id(&m.kind);
            rj["kind_text"] = json!(msg(lang, &format!("recipient-kind-{kind}")));
            rj["country_text"] = json!(msg(lang, &format!("country-{}", m.country.get_ref())));
        }
    }
    if let Some(ts) = v.get_mut("transfers").and_then(Value::as_array_mut) {
        for (tj, (_, m)) in ts.iter_mut().zip(p.transfers.iter()) {
            let mech = model::enum_id(&m.mechanism);
            tj["mechanism_text"] = json!(msg(lang, &format!("mechanism-{mech}")));
            tj["mechanism_citation"] = json!(msg(lang, &format!("mechanism-{mech}.citation")));
            tj["country_text"] = json!(msg(lang, &format!("country-{}", m.country.get_ref())));
        }
    }
    if let Some(cs) = v.get_mut("cookies").and_then(Value::as_array_mut) {
        for (cj, (_, m)) in cs.iter_mut().zip(p.cookies.iter()) {
            cj["category_text"] = json!(msg(lang, &format!("cookie-category-{}", m.category.id())));
            cj["duration_text"] = json!(duration_text(lang, m.duration.get_ref()));
            let tech = model::enum_id(&m.technology);
            cj["technology_text"] = json!(msg(lang, &format!("technology-{tech}")));
        }
    }
    let mut urls = Map::new();
    let mut html = Map::new();
    for page in PAGES {
        let dir = r.page_dir(&site.config, tag, page);
        urls.insert(page.into(), json!(format!("{base}/{dir}")));
        let frag = out
            .get(&format!("fragments/{tag}/{page}.html"))
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        html.insert(page.into(), json!(frag));
    }
    let eff = p.document.effective_date.map(|d| lang.date(d));
    json!({
        "$schema": "notice.schema.json",
        "format": 1,
        "lang": tag,
        "version": p.document.version,
        "effective_date": p.document.effective_date,
        "effective_date_text": eff,
        "urls": urls,
        "html": html,
        "notice": v,
        "flags": {
            "any_consent": derived["any_consent"],
            "any_automated": derived["any_automated"],
            "third_country_recipients": derived["third_country_recipients"],
        },
    })
}

/// The language-neutral policy: every entity with its id, texts as
/// `{ lang: text }` maps, enums as ids.
pub fn policy_json(site: &Site) -> Value {
    json!({
        "$schema": "policy.schema.json",
        "format": 1,
        "languages": site.languages,
        "default_language": site.default_language,
        "base_url": site.config.base_url.get_ref(),
        "policy": serde_json::to_value(&site.policy).unwrap_or(Value::Null),
    })
}

/// JSON Schemas of `api/<lang>.json` and `api/policy.json`: the stable
/// interface for CMS integrations.
pub fn output_schemas() -> Vec<(&'static str, String)> {
    let text_local = json!({ "type": "string" });
    let text_map = json!({ "type": "object", "additionalProperties": { "type": "string" } });
    let entity = |text: &Value, required: &[&str], extra: Value| {
        let mut props = Map::new();
        props.insert(
            "id".into(),
            json!({ "type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$" }),
        );
        if let Value::Object(e) = extra {
            props.extend(e);
        }
        let _ = text;
        json!({ "type": "object", "required": required, "properties": props })
    };
    let defs = |text: &Value| {
        json!({
            "activity": entity(text, &["id", "name", "purposes", "legal_basis"], json!({
                "name": text, "purposes": { "type": "array", "items": text },
                "legal_basis": { "type": "array", "items": { "enum": ["consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"] } },
                "data_categories": { "type": "array", "items": { "type": "string" } },
                "recipients": { "type": "array", "items": { "type": "string" } }
            })),
            "recipient": entity(text, &["id", "name", "kind", "service", "country"], json!({
                "name": { "type": "string" }, "service": text, "country": { "type": "string", "pattern": "^[A-Z]{2}$" },
                "kind": { "enum": ["processor", "sub_processor", "independent_controller", "joint_controller", "public_authority", "group_company"] }
            })),
            "transfer": entity(text, &["id", "recipient", "country", "mechanism"], json!({
                "recipient": { "type": "string" }, "country": { "type": "string", "pattern": "^[A-Z]{2}$" },
                "mechanism": { "enum": ["adequacy", "scc", "bcr", "code_of_conduct", "certification", "derogation"] }
            })),
            "cookie": entity(text, &["id", "name", "party", "category", "purpose", "duration"], json!({
                "name": { "type": "string" }, "purpose": text, "party": { "enum": ["first", "third"] },
                "category": { "enum": ["strictly_necessary", "preferences", "statistics", "marketing"] },
                "duration": { "type": "string", "pattern": "^(session|P.+)$" }
            })),
        })
    };
    let policy_body = |text: &Value| {
        json!({
            "type": "object",
            "required": ["document", "controller", "activities", "recipients", "transfers", "cookies"],
            "properties": {
                "document": { "type": "object", "required": ["version"], "properties": { "version": { "type": "string" }, "effective_date": { "type": ["string", "null"] } } },
                "controller": { "type": "object", "required": ["legal_name"] },
                "activities": { "type": "array", "items": { "$ref": "#/$defs/activity" } },
                "recipients": { "type": "array", "items": { "$ref": "#/$defs/recipient" } },
                "transfers": { "type": "array", "items": { "$ref": "#/$defs/transfer" } },
                "cookies": { "type": "array", "items": { "$ref": "#/$defs/cookie" } },
                "sections": { "type": "array", "items": { "type": "object", "required": ["id", "title", "body"], "properties": { "title": text, "body": text } } }
            }
        })
    };
    let notice = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "notice.schema.json",
        "title": "personvern resolved notice (one language)",
        "type": "object",
        "required": ["format", "lang", "version", "urls", "html", "notice"],
        "properties": {
            "format": { "const": 1 },
            "lang": { "type": "string" },
            "version": { "type": "string" },
            "effective_date": { "type": ["string", "null"], "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
            "effective_date_text": { "type": ["string", "null"] },
            "urls": { "type": "object", "required": ["privacy", "cookies"], "additionalProperties": { "type": "string", "format": "uri" } },
            "html": { "type": "object", "required": ["privacy", "cookies"], "additionalProperties": { "type": "string" } },
            "notice": policy_body(&text_local),
            "flags": { "type": "object" }
        },
        "$defs": defs(&text_local)
    });
    let policy = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "policy.schema.json",
        "title": "personvern policy (language-neutral)",
        "type": "object",
        "required": ["format", "languages", "default_language", "base_url", "policy"],
        "properties": {
            "format": { "const": 1 },
            "languages": { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            "default_language": { "type": "string" },
            "base_url": { "type": "string" },
            "policy": policy_body(&text_map)
        },
        "$defs": defs(&text_map)
    });
    vec![
        (
            "notice.schema.json",
            String::from_utf8_lossy(&pretty(&notice)).into_owned(),
        ),
        (
            "policy.schema.json",
            String::from_utf8_lossy(&pretty(&policy)).into_owned(),
        ),
    ]
}

/// `sitemap.xml` with every page and its language alternates.
pub fn sitemap(r: &Renderer, site: &Site) -> String {
    let base = site.config.base();
    let esc = crate::render::escape_html;
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let lastmod = site.policy.document.effective_date.map(|d| d.to_string());
    for page in PAGES {
        for lang in &site.languages {
            let url = format!("{base}/{}", r.page_dir(&site.config, lang, page));
            s.push_str(&format!("  <url>\n    <loc>{}</loc>\n", esc(&url)));
            if let Some(m) = &lastmod {
                s.push_str(&format!("    <lastmod>{m}</lastmod>\n"));
            }
            for alt in &site.languages {
                let a = format!("{base}/{}", r.page_dir(&site.config, alt, page));
                s.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{}\"/>\n",
                    esc(&a)
                ));
            }
            s.push_str("  </url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}

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
    let mut cfg = minify_html::Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_css = true;
    cfg.minify_js = false;
    // Files differ in size by a factor of a thousand (a page of a large
    // site against a sitemap); rayon's work stealing keeps both cores busy.
    use rayon::prelude::*;
    let mut files: Vec<(&String, &mut Vec<u8>)> = out
        .iter_mut()
        .filter(|(p, _)| (p.ends_with(".html") || p.ends_with(".css")) && !done.contains(*p))
        .collect();
    let cfg = &cfg;
    // (bytes before, after, memo key and path)
    type Minified = (usize, usize, Option<(String, String)>);
    let results: Vec<Minified> = files
        .par_iter_mut()
        .map(|(path, bytes)| {
            let before = bytes.len();
            let key = memo
                .filter(|_| !kept.contains(*path))
                .map(|_| minify_key(path, bytes));
            let known = key.as_ref().and_then(|k| memo.and_then(|m| m.minified(k)));
            **bytes = match known {
                Some(m) => m,
                None if path.ends_with(".html") => escape_title(&minify_html::minify(bytes, cfg)),
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
    let mut next = std::collections::BTreeMap::new();
    let (mut before, mut after) = (0, 0);
    for (b, a, entry) in results {
        before += b;
        after += a;
        if let Some((k, p)) = entry {
            next.insert(k, p);
        }
    }
    (before, after, next)
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
    crate::cache::hex(&crate::cache::key(&[b"minify", kind, bytes]))
}

/// minify-html decodes `&lt;` where HTML allows a raw `<` (inside quoted
/// attribute values and `<title>`). Harmless to browsers, but a page must
/// never contain a raw `<script` anywhere, so `<` and `>` are escaped again
/// inside attribute values and the title.
fn escape_title(html: &[u8]) -> Vec<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
