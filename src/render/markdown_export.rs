//! `<page>/index.md`: the rendered page as Markdown.

/// An HTML fragment as Markdown (tables become pipe tables).
pub fn to_markdown(html: &str) -> String {
    let html = row_headers_as_cells(html);
    let converter = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["nav"])
        .build();
    // The tree html5ever would build, made by the fast parser when it can
    // be sure of it (see `html_tree.rs`), else by html5ever.
    let tree = match crate::render::html_tree::parse(&html) {
        Some(t) => Ok(t),
        None => converter.html_to_tree(&html),
    };
    let md = tree
        .map(|t| converter.tree_to_markdown(&t))
        .unwrap_or_default();
    let mut md = md.trim().to_string();
    md.push('\n');
    md
}

/// Row-header cells (`<th scope="row">`: the cookie name or the recipient
/// in the first column) as ordinary cells. The converter drops a `<th>` in
/// a body row, which put every other cell under the wrong heading; a pipe
/// table has no row headers, so nothing is lost.
pub(crate) fn row_headers_as_cells(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Cells do not nest, so the next `</th>` closes the converted cell.
    let mut in_row_header = false;
    loop {
        let open = rest.find("<th");
        let close = rest.find("</th>");
        match (open, close) {
            (Some(o), c) if c.is_none_or(|c| o < c) => {
                let after = &rest[o + 3..];
                let end = after.find('>');
                let is_th = after.starts_with(['>', ' ', '\t', '\n', '\r']);
                match end {
                    Some(e) if is_th => {
                        let attrs = &after[..e];
                        out.push_str(&rest[..o]);
                        if attrs.contains("scope=\"row\"") || attrs.contains("scope=row") {
                            out.push_str("<td");
                            in_row_header = true;
                        } else {
                            out.push_str("<th");
                        }
                        out.push_str(attrs);
                        out.push('>');
                        rest = &after[e + 1..];
                    }
                    _ => {
                        out.push_str(&rest[..o + 3]);
                        rest = after;
                    }
                }
            }
            (_, Some(c)) => {
                out.push_str(&rest[..c]);
                out.push_str(if in_row_header { "</td>" } else { "</th>" });
                in_row_header = false;
                rest = &rest[c + 5..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_headers_become_cells_and_column_headers_stay() {
        let html = r#"<table><thead><tr><th scope="col">Name</th><th scope="col">Purpose</th></tr></thead><tbody><tr><th scope="row"><code>_ga</code></th><td>Statistics</td></tr></tbody></table>"#;
        let fixed = row_headers_as_cells(html);
        assert!(fixed.contains(r#"<td scope="row"><code>_ga</code></td><td>Statistics</td>"#));
        assert!(fixed.contains(r#"<th scope="col">Name</th>"#));
        let md = to_markdown(html);
        let row = md.lines().find(|l| l.contains("_ga")).unwrap_or_default();
        let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells, ["`_ga`", "Statistics"]);
    }

    #[test]
    fn text_without_tables_is_unchanged() {
        let html = "<p>a <thead-like> text with <three> words</p>";
        assert_eq!(row_headers_as_cells(html), html);
    }
}
