//! `<page>/index.md`: the rendered page as Markdown.

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
