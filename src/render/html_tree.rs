//! A fast parser for the well-formed HTML personvern renders, into the tree
//! html5ever builds from it (the Markdown export's input, see
//! `markdown_export.rs`).
//!
//! html5ever's tokenizer and tree builder were most of the Markdown export's
//! time: they implement the whole HTML parsing algorithm, error recovery
//! included. The fragments personvern writes are valid HTML, where that
//! algorithm makes the plain tree of the tags as written. This parser builds
//! that tree for input on which html5ever provably would (every element
//! closed where it was opened, tables with their row groups, no element
//! whose content is parsed specially, character references it can decode
//! exactly) and returns `None` for anything else, which is then parsed by
//! html5ever. The tests hold it to html5ever, tree for tree.

use html5ever::tendril::StrTendril;
use html5ever::{ns, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::rc::Rc;

/// Elements that end an open `<p>` when they start (in a page with no
/// doctype, `<table>` does not, but it is refused with an open `<p>` too).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dd",
    "dt",
    "hr",
    "table",
];

/// Elements html5ever parses by rules of their own (raw text, head
/// content, forms, foreign content, ruby, implied table parts...): a page
/// with one is left to html5ever.
const REFUSED: &[&str] = &[
    "html",
    "head",
    "body",
    "frameset",
    "frame",
    "base",
    "basefont",
    "bgsound",
    "link",
    "meta",
    "noframes",
    "script",
    "style",
    "template",
    "title",
    "noscript",
    "iframe",
    "noembed",
    "xmp",
    "plaintext",
    "textarea",
    "select",
    "option",
    "optgroup",
    "form",
    "button",
    "image",
    "isindex",
    "math",
    "svg",
    "applet",
    "marquee",
    "object",
    "nobr",
    "rb",
    "rp",
    "rt",
    "rtc",
    "pre",
    "listing",
    "col",
    "colgroup",
    "keygen",
    "menuitem",
    "search",
];

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "br", "embed", "img", "input", "wbr", "hr", "param", "source", "track",
];

/// html5ever's "special" elements, where the search for an open `<li>`
/// (`<dd>`, `<dt>`) to close stops.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "s", "small", "strike", "strong", "tt", "u",
];

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0C)
}

/// The element's children allowed while a table part is the current
/// element (`None`: not a table part, anything goes).
fn table_children(parent: &str) -> Option<&'static [&'static str]> {
    match parent {
        "table" => Some(&["caption", "thead", "tbody", "tfoot"]),
        "thead" | "tbody" | "tfoot" => Some(&["tr"]),
        "tr" => Some(&["td", "th"]),
        _ => None,
    }
}

struct Builder {
    /// Open elements, `<html>` and `<body>` first.
    stack: Vec<(Handle, String)>,
    text: String,
    /// No token but whitespace yet (html5ever drops that whitespace).
    started: bool,
}

fn element(name: &str, attrs: Vec<Attribute>) -> Handle {
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(name)),
        attrs: RefCell::new(attrs),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

fn append(parent: &Handle, child: Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
    parent.children.borrow_mut().push(child);
}

impl Builder {
    fn current(&self) -> &(Handle, String) {
        // The stack always holds <html> and <body>.
        &self.stack[self.stack.len() - 1]
    }

    /// Writes the pending text into the current element (joined to a text
    /// node just before it, as html5ever does). `None`: text html5ever would
    /// move out of a table.
    fn flush(&mut self) -> Option<()> {
        if self.text.is_empty() {
            return Some(());
        }
        let text = std::mem::take(&mut self.text);
        if !self.started {
            let t = text.trim_start_matches([' ', '\t', '\n', '\x0C']);
            if t.is_empty() {
                return Some(());
            }
            if t.len() != text.len() {
                // Leading whitespace then text: dropped by html5ever before
                // the body starts.
                return self.flush_text(t.to_string());
            }
        }
        self.flush_text(text)
    }

    fn flush_text(&mut self, text: String) -> Option<()> {
        self.started = true;
        let (node, name) = self.current();
        if table_children(name).is_some() && !text.bytes().all(is_ws) {
            return None;
        }
        let last = node.children.borrow().last().cloned();
        if let Some(last) = last {
            if let NodeData::Text { contents } = &last.data {
                contents.borrow_mut().push_slice(&text);
                return Some(());
            }
        }
        append(
            node,
            Node::new(NodeData::Text {
                contents: RefCell::new(StrTendril::from(text)),
            }),
        );
        Some(())
    }

    fn start(&mut self, name: &str, attrs: Vec<Attribute>, self_closing: bool) -> Option<()> {
        self.flush()?;
        let void = VOID.contains(&name);
        if REFUSED.contains(&name) || (self_closing && !void) {
            return None;
        }
        let parent = self.current().1.as_str();
        match table_children(parent) {
            Some(allowed) if !allowed.contains(&name) => return None,
            None if ["caption", "thead", "tbody", "tfoot", "tr", "td", "th"].contains(&name) => {
                return None
            }
            _ => {}
        }
        let open = |n: &str| self.stack.iter().any(|(_, x)| x == n);
        if CLOSES_P.contains(&name) && open("p") {
            return None;
        }
        let heading = |n: &str| matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if heading(name) && heading(parent) {
            return None;
        }
        if matches!(name, "li" | "dd" | "dt") {
            let closes: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
            for (_, n) in self.stack.iter().rev() {
                if closes.contains(&n.as_str()) {
                    return None;
                }
                if SPECIAL.contains(&n.as_str()) && !matches!(n.as_str(), "address" | "div" | "p") {
                    break;
                }
            }
        }
        if name == "a" && open("a") {
            return None;
        }
        if FORMATTING.contains(&name) && self.stack.iter().filter(|(_, x)| x == name).count() >= 2 {
            return None;
        }
        self.started = true;
        let node = element(name, attrs);
        append(&self.current().0.clone(), node.clone());
        if !void {
            self.stack.push((node, name.to_string()));
        }
        Some(())
    }

    fn end(&mut self, name: &str) -> Option<()> {
        self.flush()?;
        if self.stack.len() <= 2 || self.current().1 != name || VOID.contains(&name) {
            return None;
        }
        self.stack.pop();
        Some(())
    }

    fn comment(&mut self, text: &str) -> Option<()> {
        self.flush()?;
        if !self.started {
            // Before the body starts, html5ever puts a comment elsewhere.
            return None;
        }
        append(
            &self.current().0.clone(),
            Node::new(NodeData::Comment {
                contents: StrTendril::from(text),
            }),
        );
        Some(())
    }
}

/// Decodes the character reference at the start of `s` (just after `&`) as
/// html5ever does, or says it is none: `Some((text, bytes read))`, with
/// `text` empty for a lone `&`. `None`: a reference this parser leaves to
/// html5ever (numeric without `;`, named without `;`, or a character it
/// replaces).
fn char_ref(s: &[u8]) -> Option<(String, usize)> {
    match s.first() {
        Some(b'#') => {
            let (hex, digits) = match s.get(1) {
                Some(b'x' | b'X') => (true, &s[2..]),
                _ => (false, &s[1..]),
            };
            let n = digits
                .iter()
                .take_while(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            if n == 0 || n > 6 || digits.get(n) != Some(&b';') {
                return None;
            }
            let v = u32::from_str_radix(
                std::str::from_utf8(&digits[..n]).ok()?,
                if hex { 16 } else { 10 },
            )
            .ok()?;
            let ok = matches!(v, 0x09 | 0x0A | 0x20..=0x7E)
                || (v >= 0xA0 && !(0xFDD0..=0xFDEF).contains(&v) && v & 0xFFFE != 0xFFFE);
            let c = char::from_u32(v).filter(|_| ok)?;
            Some((c.to_string(), s.len() - digits.len() + n + 1))
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            // The longest name in html5ever's table that the text starts
            // with (the table holds every prefix of every name).
            let mut best = None;
            let text = std::str::from_utf8(&s[..s.len().min(40)])
                .ok()
                .or_else(|| {
                    // Cut inside a character: the name is ASCII anyway.
                    let end = s.iter().take(40).take_while(|b| b.is_ascii()).count();
                    std::str::from_utf8(&s[..end]).ok()
                })?;
            for (i, ch) in text.char_indices() {
                let name = &text[..i + ch.len_utf8()];
                match html5ever::data::NAMED_ENTITIES.get(name) {
                    Some(&(c1, c2)) => {
                        if c1 != 0 {
                            best = Some((name.len(), c1, c2));
                        }
                    }
                    None => break,
                }
            }
            match best {
                None => Some((String::new(), 0)),
                Some((len, c1, c2)) if s[len - 1] == b';' => {
                    let mut out = String::new();
                    out.push(char::from_u32(c1)?);
                    if c2 != 0 {
                        out.push(char::from_u32(c2)?);
                    }
                    Some((out, len))
                }
                // A legacy name without `;` (`&copy`): decoded or not by
                // where it stands.
                Some(_) => None,
            }
        }
        _ => Some((String::new(), 0)),
    }
}

/// Text (or an attribute value) up to `stop`, with its character
/// references decoded. Returns the text and the bytes read.
fn decode_until(s: &[u8], stop: impl Fn(u8) -> bool) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut i = 0;
    loop {
        let run = s[i..]
            .iter()
            .position(|&c| c == b'&' || c == 0 || c == b'\r' || stop(c))
            .map_or(s.len(), |k| i + k);
        out.push_str(std::str::from_utf8(&s[i..run]).ok()?);
        i = run;
        match s.get(i) {
            Some(b'&') => {
                let (text, n) = char_ref(&s[i + 1..])?;
                if n == 0 {
                    out.push('&');
                    i += 1;
                } else {
                    out.push_str(&text);
                    i += 1 + n;
                }
            }
            Some(0 | b'\r') => return None,
            _ => return Some((out, i)),
        }
    }
}

/// A tag's name at the start of `s`: ASCII letters, digits and `-`,
/// lower-cased. Returns it and the bytes read.
fn tag_name(s: &[u8]) -> (String, usize) {
    let n = s
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    (String::from_utf8_lossy(&s[..n]).to_ascii_lowercase(), n)
}

/// Parses a start tag after its name: attributes, then `>` or `/>`.
/// Returns the attributes, whether it closed itself, and the bytes read.
fn attributes(s: &[u8]) -> Option<(Vec<Attribute>, bool, usize)> {
    let mut attrs: Vec<Attribute> = Vec::new();
    let mut i = 0;
    loop {
        let ws = s[i..].iter().take_while(|c| is_ws(**c)).count();
        i += ws;
        match s.get(i)? {
            b'>' => return Some((attrs, false, i + 1)),
            b'/' => return (s.get(i + 1) == Some(&b'>')).then_some((attrs, true, i + 2)),
            _ if ws == 0 && !attrs.is_empty() => return None,
            _ => {}
        }
        let n = s[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || b"-_:.".contains(c))
            .count();
        if n == 0 {
            return None;
        }
        let name = String::from_utf8_lossy(&s[i..i + n]).to_ascii_lowercase();
        i += n;
        let value = if s.get(i) == Some(&b'=') {
            i += 1;
            match s.get(i)? {
                q @ (b'"' | b'\'') => {
                    let q = *q;
                    let (v, n) = decode_until(&s[i + 1..], |c| c == q)?;
                    if s.get(i + 1 + n) != Some(&q) {
                        return None;
                    }
                    i += n + 2;
                    if !s
                        .get(i)
                        .is_some_and(|c| is_ws(*c) || *c == b'>' || *c == b'/')
                    {
                        return None;
                    }
                    v
                }
                _ => {
                    let (v, n) = decode_until(&s[i..], |c| is_ws(c) || b"\"'<=`>".contains(&c))?;
                    if n == 0 || !s.get(i + n).is_some_and(|c| is_ws(*c) || *c == b'>') {
                        return None;
                    }
                    i += n;
                    v
                }
            }
        } else {
            String::new()
        };
        if attrs.iter().any(|a| &*a.name.local == name.as_str()) {
            return None;
        }
        attrs.push(Attribute {
            name: QualName::new(None, ns!(), LocalName::from(name)),
            value: StrTendril::from(value),
        });
    }
}

/// The tree html5ever's `parse_document` builds from `html` (a document
/// node, `<html>` with an empty `<head>` and a `<body>` holding the
/// content), if `html` is HTML on which this parser is sure to build it;
/// `None` otherwise.
pub fn parse(html: &str) -> Option<Handle> {
    let doc = Node::new(NodeData::Document);
    let root = element("html", Vec::new());
    append(&doc, root.clone());
    append(&root, element("head", Vec::new()));
    let body = element("body", Vec::new());
    append(&root, body.clone());
    let mut b = Builder {
        stack: vec![(root, "html".into()), (body, "body".into())],
        text: String::new(),
        started: false,
    };
    let s = html.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'<' {
            let (t, n) = decode_until(&s[i..], |c| c == b'<')?;
            b.text.push_str(&t);
            i += n;
            continue;
        }
        let rest = &s[i + 1..];
        match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, n) = tag_name(rest);
                let (attrs, closed, m) = attributes(&rest[n..])?;
                b.start(&name, attrs, closed)?;
                i += 1 + n + m;
            }
            Some(b'/') => {
                let (name, n) = tag_name(&rest[1..]);
                if n == 0
                    || !rest[1..].first().is_some_and(u8::is_ascii_alphabetic)
                    || rest.get(1 + n) != Some(&b'>')
                {
                    return None;
                }
                b.end(&name)?;
                i += 1 + 1 + n + 1;
            }
            Some(b'!') if rest.starts_with(b"!--") => {
                let body = &rest[3..];
                if body.starts_with(b">") || body.starts_with(b"->") {
                    return None;
                }
                let end = memchr::memmem::find(body, b"-->")?;
                let text = &body[..end];
                if memchr::memmem::find(text, b"--!>").is_some()
                    || text.contains(&0)
                    || text.contains(&b'\r')
                {
                    return None;
                }
                b.comment(std::str::from_utf8(text).ok()?)?;
                i += 1 + 3 + end + 3;
            }
            Some(b'!' | b'?') => return None,
            _ => {
                // A `<` that starts no tag is text.
                b.text.push('<');
                i += 1;
            }
        }
    }
    b.flush()?;
    (b.stack.len() == 2).then_some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree html5ever builds, as htmd parses.
    fn html5ever_tree(html: &str) -> Handle {
        htmd::HtmlToMarkdown::new()
            .html_to_tree(html)
            .expect("html5ever parses anything")
    }

    /// A tree written out: kinds, names, attributes, texts, and each
    /// node's parent link checked.
    fn dump(node: &Handle, out: &mut String, depth: usize) {
        let pad = "  ".repeat(depth);
        match &node.data {
            NodeData::Document => out.push_str(&format!("{pad}#document\n")),
            NodeData::Element { name, attrs, .. } => {
                out.push_str(&format!("{pad}<{} {:?}>", name.local, name.ns));
                for a in attrs.borrow().iter() {
                    out.push_str(&format!(" {}{:?}={:?}", a.name.local, a.name.ns, &*a.value));
                }
                out.push('\n');
            }
            NodeData::Text { contents } => {
                out.push_str(&format!("{pad}{:?}\n", &**contents.borrow()))
            }
            NodeData::Comment { contents } => {
                out.push_str(&format!("{pad}<!--{:?}-->\n", &**contents))
            }
            other => out.push_str(&format!("{pad}{other:?}\n")),
        }
        for c in node.children.borrow().iter() {
            let parent = c.parent.take();
            let up = parent.as_ref().and_then(std::rc::Weak::upgrade);
            assert!(up.is_some_and(|p| Rc::ptr_eq(&p, node)), "parent link");
            c.parent.set(parent);
            dump(c, out, depth + 1);
        }
    }

    fn text_of(node: &Handle) -> String {
        let mut s = String::new();
        dump(node, &mut s, 0);
        s
    }

    /// Parsed by this parser (not refused), to html5ever's tree.
    fn same(html: &str) {
        let fast = parse(html).unwrap_or_else(|| panic!("refused: {html:?}"));
        assert_eq!(text_of(&fast), text_of(&html5ever_tree(html)), "{html:?}");
    }

    #[test]
    fn well_formed_html_parses_to_html5evers_tree() {
        for html in [
            "",
            "   \n",
            "<div class=\"pv-fragment\" lang=\"en\">\n<h2 id=\"a\">Heading</h2>\n<p>Text &amp; more &lt;b&gt; &quot;q&quot; &#x27;s &#39; &#xE5;&nbsp;&aring; R&D &Dagger; a&b & c</p>\n</div>\n",
            "  leading <b>bold</b> text",
            "<p>a<br>b<br/>c<img src=x alt='y z' data-x=\"&amp;a=1&b=2\" hidden></p>",
            "<ul>\n  <li>one <ul><li>nested</li></ul></li>\n  <li><p>para</p></li>\n</ul>",
            "<dl><dt>Term</dt><dd>Def <dl><dt>x</dt><dd>y</dd></dl></dd></dl>",
            "<table>\n<caption>C</caption>\n<thead>\n<tr><th scope=\"col\">A</th><th>B</th></tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td><a href=\"#x\">2</a></td>\n</tr>\n</tbody>\n</table>\n",
            "<p>x<!-- a comment -->y<!-- x --->z</p>",
            "<section><article><h3>A</h3><p><code>c</code> <strong><em>x</em></strong> <a href=\"https://e.no/?a=1&amp;b=2\">l</a></p></article></section>",
            "<p>1 < 2 and a <3</p><nav><a href=a>x</a></nav>",
            "<span lang=\"nb\" xml:lang=\"nb\">blåbær – ✓</span>",
            "<pv-shared-body></pv-shared-body><p>after</p>",
            "<p>&#128512; &#x1F600; &#9;</p>",
            "<b><b>twice</b></b>",
        ] {
            same(html);
        }
    }

    #[test]
    fn html_html5ever_would_mend_is_refused() {
        for html in [
            "<p>open",
            "<p><div>block in p</div></p>",
            "<p>a<table><tbody><tr><td>x</td></tr></tbody></table></p>",
            "<b><i>x</b></i>",
            "<ul><li>a<li>b</ul>",
            "<table><tr><td>x</td></tr></table>",
            "<table>text<tbody></tbody></table>",
            "<td>cell</td>",
            "<h2><h3>x</h3></h2>",
            "<a href=x><a href=y>x</a></a>",
            "<b><b><b>three</b></b></b>",
            "<div/>",
            "<pre>\nx</pre>",
            "<script>x</script>",
            "<title>x</title>",
            "<textarea>x</textarea>",
            "<svg><circle/></svg>",
            "<!-- first -->",
            "<!DOCTYPE html><p>x</p>",
            "<p>&copy 2026</p>",
            "<p>&notit;</p>",
            "<p>&#65</p>",
            "<p>&#0;</p>",
            "<p>&#x80;</p>",
            "<p>a\r\nb</p>",
            "<p>a\0b</p>",
            "<p a=1 a=2>x</p>",
            "<p a=\"1\"b=\"2\">x</p>",
            "<p a=x\"y>x</p>",
            "</p>",
            "<p>x</div>",
            "<br></br>",
            "<p>a<!-->b</p>",
            "<p>a<?php x ?></p>",
        ] {
            if let Some(t) = parse(html) {
                panic!("{html:?} parsed:\n{}", text_of(&t));
            }
        }
    }

    /// The fragments of the example site and of the test fixtures (the
    /// HTML the Markdown export is given, with its row headers made cells
    /// as the export does) are all taken by this parser, to html5ever's
    /// trees.
    #[test]
    fn the_fragments_personvern_renders_take_the_fast_path() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for site in [
            "example-site",
            "tests/fixtures/seed-000",
            "tests/fixtures/seed-001",
            "tests/fixtures/seed-004",
        ] {
            let compiled = crate::compile(&root.join(site)).expect("the site builds");
            for (path, bytes) in &compiled.output {
                if !path.starts_with("fragments/") || !path.ends_with(".html") {
                    continue;
                }
                let html = crate::render::markdown_export::row_headers_as_cells(
                    std::str::from_utf8(bytes).expect("UTF-8"),
                );
                let fast = parse(&html).unwrap_or_else(|| panic!("{site}: {path} refused"));
                assert_eq!(
                    text_of(&fast),
                    text_of(&html5ever_tree(&html)),
                    "{site}: {path}"
                );
                seen += 1;
            }
        }
        assert!(seen >= 12, "{seen} fragments");
    }

    #[test]
    fn refused_html_still_converts_the_same() {
        // The Markdown export falls back to html5ever: the same Markdown.
        let html = "<ul><li>a<li>b</ul><p>&copy 2026</p>";
        assert!(parse(html).is_none());
        assert_eq!(
            crate::render::markdown_export::to_markdown(html),
            format!("{}\n", htmd::convert(html).expect("convert").trim())
        );
    }
}
