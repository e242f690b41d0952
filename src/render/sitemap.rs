//! `sitemap.xml`.
use crate::load::Site;
use crate::render::{Renderer, PAGES};

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
