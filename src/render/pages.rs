//! Page assembly: the current pages per language, the archived ones, the
//! root page and the shared files; then the Markdown and JSON beside them.
use super::archive::{history_key, HistoryCache};
use super::context::{page_root, BODY_MARK, ROOT_MARK, ROOT_MARK_TERA_ESCAPED};
use super::*;
use crate::diagnostics::Diagnostics;
use crate::load::Site;
use serde_json::{json, Value};
use std::sync::Arc;

/// Looks up the Markdown of an earlier build by [`markdown_key`].
pub type MarkdownMemo<'a> = dyn Fn(&str) -> Option<Vec<u8>> + Sync + 'a;

/// The memo key of the Markdown made from a fragment's bytes (the build of
/// personvern is part of every key, see [`crate::digest::key`]).
pub fn markdown_key(fragment: &[u8]) -> String {
    crate::digest::hex(&crate::digest::key(&[b"markdown", fragment]))
}

impl Renderer {
    /// The current pages of one language, all from one context: both pages,
    /// their fragments, the changelog with its feed, and in the default
    /// language the root page.
    fn render_current(
        &self,
        site: &Site,
        derived: &Value,
        hist: &crate::render::changelog::HistoryData,
        lang: &str,
    ) -> (Output, Diagnostics) {
        let mut out = Output::new();
        let mut diags = Diagnostics::default();
        if self.locales.get(lang).is_none() {
            return (out, diags);
        }
        let tera = self.tera_for(lang);
        let (mut ctx, marked) = self.lang_context_marked(site, &site.policy, derived, lang);
        let shared = self.shared_bodies && !marked;
        for page in PAGES {
            let dir = self.page_dir(&site.config, lang, page);
            let alt = |l: &str| self.page_dir(&site.config, l, page);
            let spec = |fragment: bool, root: Option<&'static str>| PageSpec {
                page,
                dir: &dir,
                fragment,
                alt: &alt,
                extra: json!({}),
                root,
            };
            let what = |fragment: bool| {
                move || {
                    format!(
                        "the {page} {} in `{lang}`",
                        if fragment { "fragment" } else { "page" }
                    )
                }
            };
            // The body of the page and of its fragment differ only in the
            // heading (the fragment has none) and in where links start
            // (relative in the page, absolute in the fragment). With the
            // built-in theme the body is rendered once, as the fragment's,
            // with links starting at ROOT_MARK; each copy puts its own root
            // there, and the page adds its heading. The same bytes as
            // rendering both (tests/pages.rs compares the two ways).
            let body = if shared {
                self.set_page(&mut ctx, site, lang, &spec(true, Some(ROOT_MARK)));
                let template = format!("{page}-body.html");
                match crate::render::render_template(tera, &template, &ctx, &what(true)) {
                    Ok(b) => Some(b),
                    Err(d) => {
                        diags.push(self.at_template(d, &template));
                        continue;
                    }
                }
            } else {
                None
            };
            let mut uses = Vec::new();
            for fragment in [false, true] {
                let path = if fragment {
                    format!("fragments/{lang}/{page}.html")
                } else {
                    format!("{dir}index.html")
                };
                self.set_page(&mut ctx, site, lang, &spec(fragment, None));
                let mut shared_body = None;
                // Where the body's copy starts in `own` (after the heading).
                let mut heading_len = 0;
                let mut root_used = String::new();
                if let Some(body) = &body {
                    let root = page_root(site.config.base(), &dir, fragment);
                    let mut own = body
                        .replace(ROOT_MARK, &escape_html(&root))
                        .replace(ROOT_MARK_TERA_ESCAPED, &tera::escape_html(&root));
                    if !fragment {
                        let heading = "partials/page-heading.html";
                        match crate::render::render_template(tera, heading, &ctx, &what(false)) {
                            Ok(h) => {
                                heading_len = h.len();
                                own.insert_str(0, &h);
                            }
                            Err(d) => {
                                diags.push(self.at_template(d, heading));
                                continue;
                            }
                        }
                    }
                    shared_body = Some(own);
                    root_used = root;
                    // The template writes the mark where the body goes, and
                    // the body is put there after: tera would copy it twice.
                    ctx.insert("page_body", BODY_MARK);
                }
                let template = if fragment {
                    "fragment.html".to_string()
                } else {
                    format!("{page}.html")
                };
                let mut rendered =
                    crate::render::render_template(tera, &template, &ctx, &what(fragment));
                if let (Some(own), Ok(html)) = (shared_body.take(), &mut rendered) {
                    ctx.remove("page_body");
                    match html.find(BODY_MARK) {
                        Some(at) => {
                            html.replace_range(at..at + BODY_MARK.len(), &own);
                            uses.push(crate::output::minify::BodyUse {
                                path: path.clone(),
                                range: at + heading_len..at + own.len(),
                                root: std::mem::take(&mut root_used),
                            });
                        }
                        None => {
                            diags.push(self.at_template(
                                crate::diagnostics::Diagnostic::error(
                                    "render",
                                    format!("{template} does not write page_body"),
                                ),
                                &template,
                            ));
                            continue;
                        }
                    }
                }
                // The fragment is the body only, for CMSs (its Markdown
                // comes in `render_data`).
                match rendered {
                    Ok(html) => {
                        out.insert(path, html.into_bytes());
                    }
                    Err(d) => diags.push(self.at_template(d, &template)),
                }
            }
            if let (Some(marked), true) = (body, self.one_shot && !uses.is_empty()) {
                if let Ok(mut log) = self.shared_log.lock() {
                    log.push(crate::output::minify::SharedBody {
                        marked,
                        mark: ROOT_MARK,
                        uses,
                    });
                }
            }
        }
        // The root page, in the default language, from the same context.
        if lang == site.default_language {
            let alt = |l: &str| self.page_dir(&site.config, l, "privacy");
            self.set_page(
                &mut ctx,
                site,
                lang,
                &PageSpec {
                    page: "index",
                    dir: "",
                    fragment: false,
                    alt: &alt,
                    extra: json!({}),
                    root: None,
                },
            );
            match crate::render::render_template(tera, "index.html", &ctx, &|| {
                "index.html".to_string()
            }) {
                Ok(html) => {
                    out.insert("index.html".to_string(), html.into_bytes());
                }
                Err(d) => diags.push(self.at_template(d, "index.html")),
            }
        }
        crate::render::changelog::render_changelog(
            self, site, hist, lang, &mut ctx, &mut out, &mut diags,
        );
        (out, diags)
    }

    /// Renders every file: [`Renderer::render_pages`], then
    /// [`Renderer::render_data`]. Errors carry template and message
    /// problems; nothing is written.
    pub fn render(&self, site: &Site) -> Result<Output, Diagnostics> {
        let (mut out, derived) = self.pages_and_derived(site)?;
        let (data, _) = self.data_with(site, &out, &derived, None);
        out.extend(data);
        Ok(out)
    }

    /// The machine-readable files made from the pages: each page as
    /// Markdown (from its fragment), the notice JSON of each language,
    /// `api/policy.json`, the consent-banner configuration
    /// `api/cookieconsent.json` and `version.json`. `serve` and `watch` publish the
    /// pages first and these a moment later.
    pub fn render_data(&self, site: &Site, pages: &Output) -> Output {
        self.render_data_memo(site, pages, None).0
    }

    /// [`Renderer::render_data`], taking each page's Markdown from `memo`
    /// (the Markdown of an earlier build by [`markdown_key`] of the fragment
    /// it was made from: the conversion is a pure function of those bytes)
    /// when it holds it. Returns the files, and this build's Markdown keys
    /// (key → path of the Markdown file) for the next build's memo.
    pub fn render_data_memo(
        &self,
        site: &Site,
        pages: &Output,
        memo: Option<&MarkdownMemo<'_>>,
    ) -> (Output, BTreeMap<String, String>) {
        self.data_with(site, pages, &derive(&site.policy, &site.regions), memo)
    }

    fn data_with(
        &self,
        site: &Site,
        pages: &Output,
        derived: &Value,
        memo: Option<&MarkdownMemo<'_>>,
    ) -> (Output, BTreeMap<String, String>) {
        use rayon::prelude::*;
        // One job per file: the Markdown of each (language, page) and the
        // notice JSON of each language are independent, and of very
        // different sizes (a cookie page of thousands of rows against a
        // short privacy page), so rayon balances them across the cores
        // better than one job per language. The merge is by path.
        enum Job<'a> {
            Markdown(&'a str, &'static str),
            Notice(&'a str),
            Shared,
        }
        let mut jobs = Vec::new();
        for lang in &site.languages {
            if self.locales.get(lang).is_none() {
                continue;
            }
            for page in PAGES {
                jobs.push(Job::Markdown(lang, page));
            }
            jobs.push(Job::Notice(lang));
        }
        jobs.push(Job::Shared);
        let parts: Vec<(Output, Vec<(String, String)>)> = jobs
            .par_iter()
            .map(|job| {
                let mut out = Output::new();
                let mut keys = Vec::new();
                match job {
                    Job::Markdown(lang, page) => {
                        let dir = self.page_dir(&site.config, lang, page);
                        if let Some(html) = pages.get(&format!("fragments/{lang}/{page}.html")) {
                            let path = format!("{dir}index.md");
                            let key = memo.map(|_| markdown_key(html));
                            let known = key.as_ref().and_then(|k| memo.and_then(|m| m(k)));
                            let md = known.unwrap_or_else(|| {
                                crate::render::markdown_export::to_markdown(
                                    &String::from_utf8_lossy(html),
                                )
                                .into_bytes()
                            });
                            if let Some(k) = key {
                                keys.push((k, path.clone()));
                            }
                            out.insert(path, md);
                        }
                    }
                    Job::Notice(lang) => {
                        if let Some(l) = self.locales.get(lang) {
                            let notice =
                                crate::render::data::notice_json(self, site, derived, l, pages);
                            out.insert(
                                format!("api/{lang}.json"),
                                crate::render::data::pretty(&notice),
                            );
                        }
                    }
                    Job::Shared => {
                        out.insert(
                            "api/policy.json".into(),
                            crate::render::data::pretty(&crate::render::data::policy_json(site)),
                        );
                        out.insert(
                            "api/cookieconsent.json".into(),
                            crate::render::consent::cookieconsent_json(site, &self.locales)
                                .into_bytes(),
                        );
                        out.insert(
                            "version.json".into(),
                            crate::render::data::pretty(&crate::render::changelog::version_json(
                                self, site,
                            )),
                        );
                    }
                }
                (out, keys)
            })
            .collect();
        let mut out = Output::new();
        let mut keys = BTreeMap::new();
        for (o, k) in parts {
            out.extend(o);
            keys.extend(k);
        }
        (out, keys)
    }

    /// Renders the pages of every language (HTML pages, fragments, feeds,
    /// sitemap, assets): everything a browser asks for. Errors carry
    /// template and message problems; nothing is written.
    ///
    /// The work is split into independent jobs (the current pages of each
    /// language, each archived version in each language, the shared files)
    /// that run in parallel; the merge is by path in a `BTreeMap`, so the
    /// result does not depend on timing.
    pub fn render_pages(&self, site: &Site) -> Result<Output, Diagnostics> {
        self.pages_and_derived(site).map(|(out, _)| out)
    }

    /// [`Renderer::render_pages`], with the derived facts it computed (so
    /// [`Renderer::render`] does not compute them again).
    fn pages_and_derived(&self, site: &Site) -> Result<(Output, Value), Diagnostics> {
        use rayon::prelude::*;
        enum Job<'a> {
            Current(&'a str),
            Archived(&'a str, usize),
            Shared,
        }
        let key = history_key(site);
        let cached = self
            .history_cache
            .lock()
            .ok()
            .and_then(|mut c| c.take())
            .filter(|c| c.key == key && c.pages_kept);
        let (derived, diffs) = rayon::join(
            || derive(&site.policy, &site.regions),
            || match &cached {
                Some(c) => c.diffs.clone(),
                None => Arc::new(crate::render::changelog::release_diffs(site)),
            },
        );
        let hist = crate::render::changelog::HistoryData::new(site, diffs.clone());
        let mut jobs: Vec<Job> = Vec::new();
        // Largest first, so the pool is not left waiting on one long job.
        for lang in &site.languages {
            jobs.push(Job::Current(lang));
        }
        if cached.is_none() {
            for i in (0..site.history.len()).rev() {
                for lang in &site.languages {
                    jobs.push(Job::Archived(lang, i));
                }
            }
        }
        jobs.push(Job::Shared);
        let results: Vec<(Output, Diagnostics)> = jobs
            .par_iter()
            .map(|job| match job {
                Job::Current(lang) => self.render_current(site, &derived, &hist, lang),
                Job::Archived(lang, i) => {
                    crate::render::changelog::render_archived(self, site, &hist, lang, *i)
                }
                Job::Shared => (self.render_shared(site), Diagnostics::default()),
            })
            .collect();
        let mut out = Output::new();
        let mut archived = Output::new();
        let mut diags = Diagnostics::default();
        for (job, (o, d)) in jobs.iter().zip(results) {
            if matches!(job, Job::Archived(..)) {
                archived.extend(o);
            } else {
                out.extend(o);
            }
            diags.extend(d);
        }
        let reused = cached.is_some();
        let mut from_disk = false;
        if let Some(c) = cached {
            archived = c.archived;
            from_disk = c.from_disk;
        }
        // Kept for the next render: renders reused from the cache (a failure
        // of the current pages does not touch them), or made now without error.
        let keep = reused || !diags.has_errors();
        let pages_kept = !self.one_shot;
        if !diags.has_errors() {
            if pages_kept {
                out.extend(archived.iter().map(|(k, v)| (k.clone(), v.clone())));
            } else {
                // Nothing renders again: only the paths are kept (for the
                // on-disk cache), the pages move into the output.
                let paths = archived.keys().map(|k| (k.clone(), Vec::new())).collect();
                out.append(&mut archived);
                archived = paths;
            }
        }
        if let (true, Ok(mut c)) = (keep, self.history_cache.lock()) {
            *c = Some(HistoryCache {
                key,
                diffs,
                archived,
                from_disk,
                pages_kept,
            });
        }
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((out, derived))
    }

    /// Files shared by the languages: static assets, the output JSON
    /// Schemas and the sitemap.
    fn render_shared(&self, site: &Site) -> Output {
        let mut out = self
            .statics
            .iter()
            .map(|(k, v)| (format!("assets/{k}"), v.clone()))
            .collect::<Output>();
        for (name, schema) in crate::render::data::output_schemas() {
            out.insert(format!("api/{name}"), schema.into_bytes());
        }
        out.insert(
            "sitemap.xml".into(),
            crate::render::sitemap::sitemap(self, site).into_bytes(),
        );
        out
    }
}
