//! Safe Markdown for text fields: raw HTML is shown as text, links are kept
//! only with safe schemes (http, https, mailto, tel, relative), images are
//! replaced by their text (pages must not load anything from elsewhere), and
//! headings are shifted below the section heading they appear in.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// True if a link target cannot run script: http(s), mailto, tel, or a
/// relative/fragment URL. Control characters and whitespace are ignored the
/// way browsers ignore them (`java\tscript:`).
pub fn safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = cleaned.find(':');
    let path_start = cleaned.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => matches!(&cleaned[..c], "http" | "https" | "mailto" | "tel"),
    }
}

/// A web address as print shows it after a link: no scheme, no `www.`, no
/// query or fragment, no trailing slash, and a long path cut to its start
/// ("example.no/personvern/…"). None for anything but http(s).
pub fn short_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return None;
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() {
        return None;
    }
    const MAX: usize = 40;
    let mut out = host.to_string();
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if out.chars().count() + 1 + seg.chars().count() > MAX {
            out.push_str("/…");
            return Some(out);
        }
        out.push('/');
        out.push_str(seg);
    }
    Some(out)
}

/// Gives every http(s) link in rendered HTML a `data-pv-url` with its short
/// address (print shows it after the link), unless the link's text already is
/// the address. The href is already escaped, and the short form is cut from
/// it, so the attribute needs no further escaping.
fn mark_links(html: &str) -> String {
    const OPEN: &str = "<a href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        let start = i + OPEN.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let Some(end) = rest.find('"') else { break };
        let href = &rest[..end];
        out.push_str(href);
        out.push('"');
        rest = &rest[end + 1..];
        let text = rest
            .find('>')
            .and_then(|g| rest[g + 1..].find("</a>").map(|e| &rest[g + 1..g + 1 + e]));
        if let Some(short) = short_url(href) {
            let same = text.is_some_and(|t| {
                let t = t.trim().trim_end_matches('/');
                // The text is an address itself (an autolinked one, say,
                // whose href is percent-encoded): print shows it already.
                let lower = t.to_ascii_lowercase();
                lower.starts_with("https://")
                    || lower.starts_with("http://")
                    || t == href.trim_end_matches('/')
                    || t == short
                    || short_url(t).as_deref() == Some(short.as_str())
            });
            if !same && !short.contains('&') {
                out.push_str(" data-pv-url=\"");
                out.push_str(&short);
                out.push('"');
            }
        }
    }
    out.push_str(rest);
    out
}

fn shift(level: HeadingLevel, by: usize) -> HeadingLevel {
    let n = level as usize + by;
    match n {
        0 | 1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Renders Markdown to sanitized HTML. `heading_shift` moves `#` headings
/// down (2 makes `#` an `<h3>`).
pub fn render_block(md: &str, heading_shift: usize) -> String {
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut skip_link_end = Vec::new();
    let mut in_image = 0usize;
    let events: Vec<Event> = Parser::new_ext(md, opts)
        .filter_map(|ev| match ev {
            Event::Html(s) | Event::InlineHtml(s) => Some(Event::Text(s)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if safe_url(&dest_url) {
                    skip_link_end.push(false);
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                } else {
                    skip_link_end.push(true);
                    None
                }
            }
            Event::End(TagEnd::Link) => {
                if skip_link_end.pop().unwrap_or(false) {
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                None
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Some(Event::Start(Tag::Heading {
                level: shift(level, heading_shift),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => {
                Some(Event::End(TagEnd::Heading(shift(level, heading_shift))))
            }
            Event::Text(t) if in_image > 0 => Some(Event::Text(t)),
            Event::FootnoteReference(s) => Some(Event::Text(CowStr::from(format!("[{s}]")))),
            other => Some(other),
        })
        .collect();
    let mut out = String::new();
    html::push_html(&mut out, autolink(events).into_iter());
    mark_links(&out)
}

/// Links the bare web addresses (`https://…`, `http://…`) and e-mail
/// addresses in text, which CommonMark leaves as text, using `linkify`
/// (which knows where an address ends: not at a trailing full stop, comma
/// or closing parenthesis). Text inside a link, inline code, a code block or
/// an image's text is left alone. The links are ordinary link events, so
/// pulldown-cmark escapes them like any other; only http(s) and mailto come
/// out of it.
fn autolink(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url, linkify::LinkKind::Email]);
    let mut out = Vec::with_capacity(events.len());
    let mut inside = 0usize; // depth of links, code blocks and images
    for ev in events {
        match &ev {
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_) | Tag::Image { .. }) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock | TagEnd::Image) => {
                inside = inside.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &ev else {
            out.push(ev);
            continue;
        };
        if inside > 0 || !(text.contains("://") || text.contains('@')) {
            out.push(ev);
            continue;
        }
        for span in finder.spans(text) {
            let part = span.as_str().to_string();
            let dest = match span.kind() {
                Some(linkify::LinkKind::Email) => Some(format!("mailto:{part}")),
                Some(linkify::LinkKind::Url) => {
                    let lower = part.to_ascii_lowercase();
                    (lower.starts_with("https://") || lower.starts_with("http://"))
                        .then(|| part.clone())
                }
                _ => None,
            };
            match dest {
                Some(dest) => {
                    out.push(Event::Start(Tag::Link {
                        link_type: pulldown_cmark::LinkType::Autolink,
                        dest_url: CowStr::from(dest),
                        title: CowStr::from(""),
                        id: CowStr::from(""),
                    }));
                    out.push(Event::Text(CowStr::from(part)));
                    out.push(Event::End(TagEnd::Link));
                }
                None => out.push(Event::Text(CowStr::from(part))),
            }
        }
    }
    out
}

/// Renders a short text: Markdown inline formatting without the wrapping
/// paragraph when the text is one paragraph.
pub fn render_inline(md: &str) -> String {
    if is_plain_text(md) {
        return md.to_string();
    }
    let block = render_block(md, 2);
    let trimmed = block.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        if !inner.contains("<p>") {
            return inner.to_string();
        }
    }
    block
}

/// A text Markdown leaves as it is: one line that starts with a letter,
/// ends with no space, and has no character Markdown or HTML give a
/// meaning to (emphasis, code, links, escapes, entities, tags, tables,
/// strikethrough, quotes that HTML escapes) and no address the autolinker
/// would link. Most texts of a notice (names, purposes, labels) are such
/// sentences; [`render_inline`] and [`to_plain`] return them unchanged
/// without running the parser (the same bytes: see the test
/// `plain_texts_render_as_the_parser_renders_them`).
fn is_plain_text(md: &str) -> bool {
    let mut chars = md.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_alphabetic()
        && !md.ends_with(char::is_whitespace)
        && !md.contains("://")
        && md.chars().all(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '\\' | '`'
                        | '*'
                        | '_'
                        | '['
                        | ']'
                        | '!'
                        | '<'
                        | '>'
                        | '&'
                        | '~'
                        | '|'
                        | '#'
                        | '"'
                        | '@'
                        | '='
                        | '{'
                        | '}'
                        | '$'
                        | '^'
                )
        })
}

/// Markdown reduced to plain text (for `<title>`, attributes, JSON summaries).
pub fn to_plain(md: &str) -> String {
    if is_plain_text(md) {
        return md.to_string();
    }
    let mut out = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_texts_render_as_the_parser_renders_them() {
        // The texts the shortcut takes give the parser's bytes; the
        // others go through the parser.
        let words = [
            "Brukes",
            "av",
            "YouTube",
            "til",
            "å",
            "tilpasse",
            "videokvaliteten",
            "1.",
            "2)",
            "-",
            "+",
            "(valgfritt)",
            "«sitat»",
            "it's",
            "50 %",
            "–",
            "—",
            "…",
            "a:b",
            "x/y",
            "e.g.,",
            "Ærlig",
            "ø",
            "30",
            "dager;",
            "?",
            "\u{a0}",
            "ca.",
            "www.example.no",
            "kl.",
            "10:30",
            "A.",
            "i",
            "b-c",
            "'x'",
            ",",
            ".",
            ":",
            ";",
            "\u{2009}",
            "%",
        ];
        let mut n = 0;
        for a in words {
            for b in words {
                for c in words.iter().step_by(3) {
                    for text in [
                        format!("{a} {b} {c}"),
                        format!("{a}{b} {c}"),
                        format!("{a}  {b}{c}"),
                    ] {
                        let parsed = {
                            let block = render_block(&text, 2);
                            let trimmed = block.trim_end();
                            match trimmed
                                .strip_prefix("<p>")
                                .and_then(|s| s.strip_suffix("</p>"))
                            {
                                Some(inner) if !inner.contains("<p>") => inner.to_string(),
                                _ => block.clone(),
                            }
                        };
                        if is_plain_text(&text) {
                            n += 1;
                            assert_eq!(render_inline(&text), parsed, "{text:?}");
                            let plain: String = {
                                let mut out = String::new();
                                for ev in Parser::new(&text) {
                                    match ev {
                                        Event::Text(t)
                                        | Event::Code(t)
                                        | Event::Html(t)
                                        | Event::InlineHtml(t) => out.push_str(&t),
                                        Event::SoftBreak | Event::HardBreak => out.push(' '),
                                        Event::End(TagEnd::Paragraph) => out.push(' '),
                                        _ => {}
                                    }
                                }
                                out.trim().to_string()
                            };
                            assert_eq!(to_plain(&text), plain, "{text:?}");
                        }
                    }
                }
            }
        }
        // Most of the combinations were taken by the shortcut: the test
        // compares something.
        assert!(n > 20_000, "{n}");
        for not_plain in [
            "*a*",
            "a_b_",
            "1. a",
            "- a",
            "a\nb",
            "a <b>",
            "a & b",
            "a ",
            " a",
            "see https://x.no",
            "a@b.no",
            "a [b](c)",
            "a  \n",
        ] {
            assert!(!is_plain_text(not_plain), "{not_plain:?}");
        }
    }

    #[test]
    fn bare_addresses_are_linked() {
        let h = render_inline("Write to personvern@example.no or see https://example.no/vilkår.");
        assert!(
            h.contains("<a href=\"mailto:personvern@example.no\">personvern@example.no</a>"),
            "{h}"
        );
        // The full stop ends the sentence, not the address.
        assert!(
            h.contains("<a href=\"https://example.no/vilk%C3%A5r\">https://example.no/vilkår</a>."),
            "{h}"
        );
        // Not inside a link or code, and nothing but http(s) and mailto.
        let h = render_inline("[https://a.example](https://b.example) `https://c.example` javascript://x ftp://d.example");
        assert_eq!(h.matches("<a ").count(), 1, "{h}");
        assert!(h.contains("<code>https://c.example</code>"), "{h}");
        let h = render_block("```\nhttps://e.example\n```\n", 0);
        assert!(!h.contains("<a "), "{h}");
        // The address is escaped like any text: no way out of the attribute.
        let h = render_inline("https://x.example/?a=\"><script>alert(1)</script>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("\"><"), "{h}");
        // Text without an address is unchanged.
        assert_eq!(render_inline("Ingen adresse her."), "Ingen adresse her.");
    }

    #[test]
    fn raw_html_is_escaped() {
        let h = render_block(
            "hi <script>alert(1)</script> <img src=x onerror=alert(1)>",
            0,
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn unsafe_links_are_dropped() {
        for u in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            let h = render_inline(&format!("[click]({u})"));
            assert!(!h.contains("href"), "{u}: {h}");
            assert!(h.contains("click"), "{u}: {h}");
        }
        let h = render_inline("[ok](https://example.no/a?b=1)");
        assert!(h.contains("href=\"https://example.no/a?b=1\""), "{h}");
        assert!(render_inline("[rel](#rights)").contains("href=\"#rights\""));
        assert!(render_inline("[m](mailto:a@b.no)").contains("href=\"mailto:a@b.no\""));
    }

    #[test]
    fn print_addresses_are_short() {
        assert_eq!(
            short_url("https://www.example.no/").as_deref(),
            Some("example.no")
        );
        assert_eq!(
            short_url("https://example.no/a/b?x=1#y").as_deref(),
            Some("example.no/a/b")
        );
        assert_eq!(
            short_url("https://policies.google.com/privacy/frameworks/long-page").as_deref(),
            Some("policies.google.com/privacy/frameworks/…")
        );
        assert_eq!(short_url("mailto:a@b.no"), None);
        let h = render_inline("[policy](https://example.no/p?b=1&c=2)");
        assert!(h.contains("data-pv-url=\"example.no/p\""), "{h}");
        let h = render_inline("<https://example.no/p>");
        assert!(!h.contains("data-pv-url"), "{h}");
        assert!(!render_inline("[r](#rights)").contains("data-pv-url"));
    }

    #[test]
    fn images_become_text() {
        let h = render_inline("![tracking pixel](https://tracker.example/p.gif)");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("tracking pixel"), "{h}");
    }

    #[test]
    fn headings_shift() {
        assert!(render_block("# A", 2).contains("<h3>A</h3>"));
        assert!(render_block("###### A", 2).contains("<h6>A</h6>"));
    }

    #[test]
    fn inline_strips_single_paragraph() {
        assert_eq!(render_inline("*a* b"), "<em>a</em> b");
        assert!(render_inline("a\n\nb").contains("<p>b</p>"));
        assert_eq!(to_plain("**Hei** [du](https://x.no)"), "Hei du");
    }
}
