//! Rendering: the theme's tera templates, fed with a per-language view of
//! the validated model, every human sentence coming from Fluent.
//!
//! The [`Renderer`] (templates + locales) is built once and can be reused
//! for many renders of changing data (watch mode).

pub mod changelog;
pub mod consent;
pub mod data;
pub mod markdown_export;
pub mod ropa;
pub mod sitemap;

pub use crate::output::Output;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::{json, Map, Value};
use tera::Tera;

use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::i18n::{load_locales, Locales};
use crate::load::config::SiteConfig;
use crate::load::Site;
use crate::model::duration::Duration;
use crate::model::markdown;
use crate::model::{self, CookieCategory, CookieDuration, Date, LegalBasis};
use crate::reference;

/// Built-in section keys whose headings are messages `<key>-heading`.
pub const SECTION_KEYS: &[&str] = &[
    "controller",
    "processor_contexts",
    "activities",
    "recipients",
    "transfers",
    "cookies",
    "rights",
    "automated",
    "security",
    "children",
    "complaints",
    "changes",
    "consent",
    "change",
    "browser",
    "changelog",
];

/// Page kinds of the statement.
pub const PAGES: [&str; 2] = ["privacy", "cookies"];

/// Per-language, page-independent context data (see `Renderer::lang_data`).
pub struct LangData {
    policy: Value,
    by_id: Value,
    authority: Value,
}

/// Templates and locales of a site, reusable across renders.
pub struct Renderer {
    tera: Tera,
    /// One Tera per language, with that language's functions registered.
    teras: BTreeMap<String, Tera>,
    locales: Arc<Locales>,
    /// Static files of the theme and site (`assets/...`), path -> bytes.
    statics: Output,
    /// Languages this renderer was built for.
    pub languages: Vec<String>,
    /// Files read (templates, locales), for diagnostics.
    pub sources: SourceMap,
    /// Translation findings (ids refer to `sources`), computed once.
    pub i18n_findings: Diagnostics,
    /// Renders of the release history kept from the last render (watch
    /// mode): archived pages and diffs are reused while the snapshots and
    /// settings they depend on are unchanged. Templates and locales need no
    /// key: a new `Renderer` is made when they change.
    history_cache: std::sync::Mutex<Option<HistoryCache>>,
    /// A checked cache entry whose pages are read when the output is
    /// written (see [`Renderer::load_disk_pages`]).
    disk_pages: std::sync::Mutex<Option<crate::output::cache::OpenEntry>>,
    /// Renders once (a build): archived pages are moved into the output
    /// rather than copied and kept for the next render.
    one_shot: bool,
    /// SHA-256 of the templates, static files and locale files: with
    /// [`history_inputs`], the key of the on-disk cache ([`crate::output::cache`]).
    digest: [u8; 32],
}

/// See `Renderer::history_cache`.
struct HistoryCache {
    key: u64,
    diffs: Arc<Vec<crate::history::diff::PolicyDiff>>,
    archived: Output,
    /// Read from the on-disk cache: the pages are as a build wrote them
    /// (minified if it minifies), so they skip minification.
    from_disk: bool,
    /// `archived` holds the pages (else only their paths: a one-shot
    /// renderer moves them into the output).
    pages_kept: bool,
}

/// Everything an archived page depends on besides templates and locales:
/// the snapshots, the settings, the languages, the authorities (snapshots
/// name them by id) and the day (a release's status).
fn history_inputs(site: &Site) -> String {
    let mut s = String::new();
    for r in &site.history {
        // Relative to the site: `build site` and `serve` (absolute) agree.
        let path = r.path.strip_prefix(&site.root).unwrap_or(&r.path);
        s.push_str(&format!("{}\0{:016x}\0", path.display(), r.digest));
    }
    s.push_str(&serde_json::to_string(&site.config).unwrap_or_default());
    s.push('\0');
    s.push_str(&serde_json::to_string(&site.authorities).unwrap_or_default());
    s.push('\0');
    s.push_str(&site.languages.join(","));
    s.push('\0');
    s.push_str(&crate::history::today().to_string());
    s
}

/// [`history_inputs`] as the key of the in-memory cache.
fn history_key(site: &Site) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    history_inputs(site).hash(&mut h);
    h.finish()
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("languages", &self.languages)
            .finish()
    }
}

fn read_dir_files(dir: &Path, prefix: &str, out: &mut Vec<(String, PathBuf)>, depth: usize) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let rel = format!("{prefix}{name}");
        if p.is_dir() && depth < 8 {
            read_dir_files(&p, &format!("{rel}/"), out, depth + 1);
        } else if p.is_file() {
            out.push((rel, p));
        }
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

fn tera_err(e: &tera::Error) -> String {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// A theme's templates (parsed) and static files: the part of a
/// [`Renderer`] that needs no site data, so a build parses it while the
/// site loads.
pub struct Theme {
    name: String,
    root: std::path::PathBuf,
    tera: Tera,
    templates: BTreeMap<String, (String, PathBuf)>,
    statics: Output,
    sources: SourceMap,
    diags: Diagnostics,
}

impl Theme {
    /// Reads and parses the built-in theme, the site's theme `theme` (unless
    /// `default`) and the site's own `templates/` and `static/`.
    pub fn load(root: &Path, theme: &str) -> Theme {
        let mut sources = SourceMap::default();
        let mut diags = Diagnostics::default();

        // Templates: name -> (source text, path for messages).
        let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
        let mut statics: Output = BTreeMap::new();
        for (p, bytes) in reference::files_under("themes/default/") {
            let rel = &p["themes/default/".len()..];
            if let Some(name) = rel.strip_prefix("templates/") {
                templates.insert(
                    name.to_string(),
                    (
                        String::from_utf8_lossy(bytes).into_owned(),
                        PathBuf::from(p),
                    ),
                );
            } else if let Some(name) = rel.strip_prefix("static/") {
                statics.insert(name.to_string(), bytes.to_vec());
            }
        }
        let mut layers = Vec::new();
        if theme != "default" {
            let tdir = root.join("themes").join(theme);
            if !tdir.is_dir() {
                diags.push(
                    Diagnostic::error("unknown-theme", format!("theme `{theme}` not found"))
                        .in_file(&tdir)
                        .help("use theme = \"default\", or put the theme in themes/<name>/ inside the site"),
                );
            }
            layers.push(tdir);
        }
        layers.push(root.to_path_buf());
        for layer in &layers {
            let mut files = Vec::new();
            read_dir_files(&layer.join("templates"), "", &mut files, 0);
            for (name, path) in files {
                match crate::load::read_text(&path) {
                    Ok(t) => {
                        templates.insert(name, (t, path));
                    }
                    Err(d) => diags.push(d),
                }
            }
            let mut files = Vec::new();
            read_dir_files(&layer.join("static"), "", &mut files, 0);
            for (name, path) in files {
                match std::fs::read(&path) {
                    Ok(b) => {
                        statics.insert(name, b);
                    }
                    Err(e) => diags.push(
                        Diagnostic::error("io", format!("cannot read {}: {e}", path.display()))
                            .in_file(&path),
                    ),
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Same escaping as tera's default, minus `/` → `&#x2F;` (valid, but it
        // bloats every URL and is not needed inside quoted attributes).
        tera.set_escape_fn(escape_html);
        let raw: Vec<(String, String)> = templates
            .iter()
            .map(|(n, (t, _))| (n.clone(), t.clone()))
            .collect();
        for (n, (t, p)) in &templates {
            if n.ends_with(".html") {
                sources.add(p.clone(), t.clone());
            }
        }
        if let Err(e) = add_templates(&mut tera, raw) {
            let msg = tera_err(&e);
            let file = templates
                .iter()
                .find(|(n, _)| msg.contains(&format!("'{n}'")))
                .map(|(_, (_, p))| p.clone());
            let mut d = Diagnostic::error("template-syntax", format!("template error: {msg}"))
                .help("fix the template syntax (see https://keats.github.io/tera/docs/)");
            if let Some(f) = file {
                d = d.in_file(f);
            }
            diags.push(d);
        }
        tera.register_filter("md", MdFilter { inline: false });
        tera.register_filter("mdi", MdFilter { inline: true });
        tera.register_filter("plain", PlainFilter);
        Theme {
            name: theme.to_string(),
            root: root.to_path_buf(),
            tera,
            templates,
            statics,
            sources,
            diags,
        }
    }
}

impl Renderer {
    /// Loads templates (built-in theme, site theme, site `templates/`),
    /// static files and locales.
    pub fn new(
        root: &Path,
        config: &SiteConfig,
        languages: &[String],
    ) -> Result<Renderer, (Diagnostics, SourceMap)> {
        Renderer::with_theme(Theme::load(root, &config.theme), root, config, languages)
    }

    /// [`Renderer::new`] with the theme already loaded (by [`Theme::load`]
    /// for `config.theme`; loaded again if it was for another theme).
    pub fn with_theme(
        theme: Theme,
        root: &Path,
        config: &SiteConfig,
        languages: &[String],
    ) -> Result<Renderer, (Diagnostics, SourceMap)> {
        let theme = if theme.name == config.theme && theme.root == root {
            theme
        } else {
            Theme::load(root, &config.theme)
        };
        let Theme {
            tera,
            templates,
            statics,
            mut sources,
            mut diags,
            ..
        } = theme;

        let locales = match load_locales(root, languages, &mut sources) {
            Ok(l) => Some(l),
            Err(d) => {
                diags.extend(d);
                None
            }
        };
        let digest = {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            let mut part = |b: &[u8]| {
                h.update((b.len() as u64).to_le_bytes());
                h.update(b);
            };
            for (name, (text, _)) in &templates {
                part(name.as_bytes());
                part(text.as_bytes());
            }
            for (name, bytes) in &statics {
                part(name.as_bytes());
                part(bytes);
            }
            for f in sources.files() {
                part(f.path.to_string_lossy().as_bytes());
                part(f.text.as_bytes());
            }
            h.finalize().into()
        };
        match locales {
            Some(l) if !diags.has_errors() => {
                let texts: Vec<&str> = templates.values().map(|(t, _)| t.as_str()).collect();
                let i18n_findings = crate::check::translations::check(&l, languages, &texts);
                let locales = Arc::new(l);
                let teras = languages
                    .iter()
                    .map(|lang| (lang.clone(), with_functions(&tera, &locales, lang)))
                    .collect();
                Ok(Renderer {
                    history_cache: std::sync::Mutex::new(None),
                    disk_pages: std::sync::Mutex::new(None),
                    one_shot: false,
                    tera,
                    teras,
                    locales,
                    statics,
                    languages: languages.to_vec(),
                    sources,
                    i18n_findings,
                    digest,
                })
            }
            _ => Err((diags, sources)),
        }
    }

    /// Marks this renderer as used for one render (a build): archived pages
    /// are moved into the output instead of kept for a next render, which
    /// saves their size in memory.
    pub fn set_one_shot(&mut self) {
        self.one_shot = true;
    }

    /// The key of this site's entry in the on-disk cache.
    fn disk_key(&self, site: &Site, disk: &crate::output::cache::DiskCache) -> [u8; 32] {
        crate::digest::key(&[
            &self.digest,
            &[u8::from(disk.minified)],
            history_inputs(site).as_bytes(),
        ])
    }

    /// Takes the archived pages and release diffs of `site` from the on-disk
    /// cache if it holds them for exactly these inputs; returns how many
    /// pages it took (0: they will be rendered).
    pub fn load_disk_cache(&self, site: &Site, disk: &crate::output::cache::DiskCache) -> usize {
        if site.history.is_empty() {
            return 0;
        }
        let path = disk.pages_file(&site.root);
        let Some(entry) = crate::output::cache::open(&path, &self.disk_key(site, disk)) else {
            return 0;
        };
        if entry.diffs.len() != site.history.len() {
            return 0;
        }
        let n = entry.pages.len();
        // A one-shot render (build, check) loads the pages only when they
        // are written ([`Renderer::load_disk_pages`]); until then the
        // output holds them empty.
        let archived = if self.one_shot {
            entry
                .pages
                .iter()
                .map(|(name, _, _)| (name.clone(), Vec::new()))
                .collect()
        } else {
            match entry.load_pages() {
                Ok(p) => p,
                Err(_) => return 0,
            }
        };
        let diffs = Arc::new(entry.diffs.clone());
        if let (true, Ok(mut d)) = (self.one_shot, self.disk_pages.lock()) {
            *d = Some(entry);
        }
        if let Ok(mut c) = self.history_cache.lock() {
            *c = Some(HistoryCache {
                key: history_key(site),
                diffs,
                archived,
                from_disk: true,
                pages_kept: true,
            });
        }
        n
    }

    /// Fills in `out` the archived pages that [`Renderer::load_disk_cache`]
    /// left empty (one-shot renders), from the cache entry it checked.
    pub fn load_disk_pages(&self, out: &mut Output) -> std::io::Result<()> {
        let entry = match self.disk_pages.lock() {
            Ok(mut d) => d.take(),
            Err(_) => None,
        };
        if let Some(entry) = entry {
            out.extend(entry.load_pages()?);
        }
        Ok(())
    }

    /// Paths of the archived pages of the last render (kept in the on-disk
    /// cache as a whole, so not also in the minify memo).
    pub fn archived_paths(&self) -> std::collections::BTreeSet<String> {
        self.archived_keys(false)
    }

    /// Paths of the pages that came from the on-disk cache in the last
    /// render (already in their written form: not to be minified again).
    pub fn pages_from_disk(&self) -> std::collections::BTreeSet<String> {
        self.archived_keys(true)
    }

    fn archived_keys(&self, only_from_disk: bool) -> std::collections::BTreeSet<String> {
        match self.history_cache.lock() {
            Ok(c) => match c.as_ref() {
                Some(c) if c.from_disk || !only_from_disk => c.archived.keys().cloned().collect(),
                _ => Default::default(),
            },
            Err(_) => Default::default(),
        }
    }

    /// Stores the archived pages of the last render, as they are in `written`
    /// (the build's final bytes), with the release diffs, in the on-disk
    /// cache. Does nothing when they came from there or `site` has no
    /// history; returns whether it wrote.
    pub fn store_disk_cache(
        &self,
        site: &Site,
        disk: &crate::output::cache::DiskCache,
        written: &Output,
    ) -> std::io::Result<bool> {
        let Ok(c) = self.history_cache.lock() else {
            return Ok(false);
        };
        let Some(c) = c.as_ref() else {
            return Ok(false);
        };
        if c.from_disk || c.key != history_key(site) || site.history.is_empty() {
            return Ok(false);
        }
        let mut pages = Vec::new();
        for k in c.archived.keys() {
            match written.get(k) {
                Some(b) => pages.push((k.as_str(), b.as_slice())),
                None => return Ok(false),
            }
        }
        crate::output::cache::write_parts(
            &disk.pages_file(&site.root),
            &self.disk_key(site, disk),
            &c.diffs,
            &pages,
        )?;
        Ok(true)
    }

    /// The locales.
    pub fn locales(&self) -> &Locales {
        &self.locales
    }

    /// Slug of a page in a language: site setting, else the locale's `slug-<page>`.
    pub fn slug(&self, config: &SiteConfig, lang: &str, page: &str) -> String {
        let configured = config.slugs.get(lang).and_then(|s| match page {
            "privacy" => s.privacy.as_ref(),
            _ => s.cookies.as_ref(),
        });
        if let Some(s) = configured {
            return s.get_ref().clone();
        }
        self.locales
            .get(lang)
            .and_then(|l| l.msg(&format!("slug-{page}"), None).ok())
            .filter(|s| crate::load::config::is_safe_slug(s))
            .unwrap_or_else(|| page.to_string())
    }

    /// Path of a page relative to the output root, e.g. `nb/personvern/`.
    pub fn page_dir(&self, config: &SiteConfig, lang: &str, page: &str) -> String {
        format!("{lang}/{}/", self.slug(config, lang, page))
    }

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
        let mut ctx = self.lang_context(site, &site.policy, derived, lang);
        for page in PAGES {
            let dir = self.page_dir(&site.config, lang, page);
            let alt = |l: &str| self.page_dir(&site.config, l, page);
            for fragment in [false, true] {
                self.set_page(
                    &mut ctx,
                    site,
                    lang,
                    &PageSpec {
                        page,
                        dir: &dir,
                        fragment,
                        alt: &alt,
                        extra: json!({}),
                    },
                );
                let template = if fragment {
                    "fragment.html".to_string()
                } else {
                    format!("{page}.html")
                };
                match tera.render(&template, &ctx) {
                    Ok(html) if fragment => {
                        // Body-only fragment for CMSs (its Markdown comes in `render_data`).
                        out.insert(format!("fragments/{lang}/{page}.html"), html.into_bytes());
                    }
                    Ok(html) => {
                        out.insert(format!("{dir}index.html"), html.into_bytes());
                    }
                    Err(e) => diags.push(
                        Diagnostic::error("render", format!("rendering the {page} {} in `{lang}`: {}", if fragment { "fragment" } else { "page" }, tera_err(&e)))
                            .help("a template uses a value or message that does not exist; check the template and the locale files"),
                    ),
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
                },
            );
            match tera.render("index.html", &ctx) {
                Ok(html) => {
                    out.insert("index.html".to_string(), html.into_bytes());
                }
                Err(e) => diags.push(Diagnostic::error(
                    "render",
                    format!("rendering index.html: {}", tera_err(&e)),
                )),
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
        let data = self.data_with(site, &out, &derived);
        out.extend(data);
        Ok(out)
    }

    /// The machine-readable files made from the pages: each page as
    /// Markdown (from its fragment), the notice JSON of each language,
    /// `api/policy.json` and `version.json`. `serve` and `watch` publish the
    /// pages first and these a moment later.
    pub fn render_data(&self, site: &Site, pages: &Output) -> Output {
        self.data_with(site, pages, &derive(&site.policy, &site.regions))
    }

    fn data_with(&self, site: &Site, pages: &Output, derived: &Value) -> Output {
        use rayon::prelude::*;
        let per_lang = || -> Vec<Output> {
            site.languages
                .par_iter()
                .map(|lang| {
                    let mut out = Output::new();
                    let Some(l) = self.locales.get(lang) else {
                        return out;
                    };
                    for page in PAGES {
                        let dir = self.page_dir(&site.config, lang, page);
                        if let Some(html) = pages.get(&format!("fragments/{lang}/{page}.html")) {
                            let md = crate::render::markdown_export::to_markdown(
                                &String::from_utf8_lossy(html),
                            );
                            out.insert(format!("{dir}index.md"), md.into_bytes());
                        }
                    }
                    let notice = crate::render::data::notice_json(self, site, derived, l, pages);
                    out.insert(
                        format!("api/{lang}.json"),
                        crate::render::data::pretty(&notice),
                    );
                    out
                })
                .collect()
        };
        let shared = || -> Output {
            let mut out = Output::new();
            out.insert(
                "api/policy.json".into(),
                crate::render::data::pretty(&crate::render::data::policy_json(site)),
            );
            out.insert(
                "version.json".into(),
                crate::render::data::pretty(&crate::render::changelog::version_json(self, site)),
            );
            out
        };
        let (langs, mut out) = rayon::join(per_lang, shared);
        for o in langs {
            out.extend(o);
        }
        out
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

    /// The Tera instance of a language (its functions registered).
    pub fn tera_for(&self, lang: &str) -> &Tera {
        self.teras.get(lang).unwrap_or(&self.tera)
    }

    /// The page-independent part of the template context for one language
    /// and one version of the policy: the localized policy (`p`), lookups by
    /// id (`by_id`), the authority, derived facts (`d`) and site facts.
    /// Built once and reused for every page of that language and version
    /// ([`Renderer::set_page`] replaces only the page's own keys), because
    /// tera copies whatever is inserted.
    pub fn lang_context(
        &self,
        site: &Site,
        policy: &model::Policy,
        derived: &Value,
        lang: &str,
    ) -> tera::Context {
        let data = self.lang_data(policy, lang);
        let title = site
            .config
            .title
            .as_ref()
            .and_then(|t| t.get(lang).map(str::to_string))
            .unwrap_or_else(|| {
                policy
                    .controller
                    .trade_name
                    .clone()
                    .unwrap_or_else(|| policy.controller.legal_name.clone())
            });
        let org = policy
            .controller
            .trade_name
            .clone()
            .unwrap_or_else(|| policy.controller.legal_name.clone());
        let mut m = Map::new();
        m.insert("lang".into(), json!(lang));
        m.insert(
            "site".into(),
            json!({ "title": title, "org": org, "base_url": site.config.base(), "robots": site.config.robots, "default_language": site.default_language }),
        );
        m.insert("p".into(), data.policy);
        m.insert("by_id".into(), data.by_id);
        m.insert("authority".into(), data.authority);
        m.insert("d".into(), derived.clone());
        m.insert(
            "generator".into(),
            json!(format!("personvern {}", env!("CARGO_PKG_VERSION"))),
        );
        tera::Context::from_value(Value::Object(m)).unwrap_or_default()
    }

    /// Sets the page's own keys (`page`, `langs`, `x`, `history`) in a
    /// context made by [`Renderer::lang_context`].
    pub fn set_page(&self, ctx: &mut tera::Context, site: &Site, lang: &str, spec: &PageSpec) {
        let base = site.config.base();
        let dir = spec.dir;
        // Fragments are pasted into other sites: their links must be absolute.
        let root = if spec.fragment {
            format!("{base}/")
        } else {
            "../".repeat(dir.matches('/').count())
        };
        let mut langs = Vec::new();
        for l in &site.languages {
            let mut urls = Map::new();
            for p in PAGES {
                let d = self.page_dir(&site.config, l, p);
                urls.insert(
                    p.to_string(),
                    json!({ "rel": format!("{root}{d}"), "abs": format!("{base}/{d}") }),
                );
            }
            let name = self
                .locales
                .get(l)
                .and_then(|x| x.msg("language-name", None).ok())
                .unwrap_or_else(|| l.clone());
            let label = |id: &str| {
                self.locales
                    .get(l)
                    .and_then(|x| x.msg(id, None).ok())
                    .unwrap_or_default()
            };
            let labels =
                json!({ "privacy": label("nav-privacy"), "cookies": label("nav-cookies") });
            let a = (spec.alt)(l);
            let alt_urls = json!({ "rel": format!("{root}{a}"), "abs": format!("{base}/{a}") });
            langs.push(json!({ "tag": l, "name": name, "urls": urls, "alt": alt_urls, "labels": labels, "current": l == lang }));
        }
        let links = json!({
            "privacy": format!("{root}{}", self.page_dir(&site.config, lang, "privacy")),
            "cookies": format!("{root}{}", self.page_dir(&site.config, lang, "cookies")),
        });
        ctx.insert("langs", &langs);
        ctx.insert("page", &json!({ "kind": spec.page, "dir": dir, "root": root, "url": format!("{base}/{dir}"), "links": links, "fragment": spec.fragment }));
        ctx.insert("x", &spec.extra);
        ctx.insert(
            "history",
            &crate::render::changelog::banner_data(self, site, lang, &root),
        );
    }

    /// The per-language parts of the template context that do not depend
    /// on the page: the localized policy, lookups by id and the authority.
    fn lang_data(&self, policy: &model::Policy, lang: &str) -> LangData {
        let policy_v =
            model::with_language(lang, || serde_json::to_value(policy).unwrap_or(Value::Null));
        // Lookups by id for every entity list (templates resolve references with them).
        let mut by_id = Map::new();
        if let Value::Object(obj) = &policy_v {
            for (k, v) in obj {
                if let Value::Array(items) = v {
                    by_id.insert(k.clone(), Value::Object(index_by_id(items)));
                }
            }
        }
        if let Some(ch) = policy_v
            .pointer("/rights/channels")
            .and_then(Value::as_array)
        {
            by_id.insert("channels".into(), Value::Object(index_by_id(ch)));
        }
        let authority = policy.supervisory_authority.authority.as_ref().map(|a| {
            // Fall back to English, then to the native name, for languages the registry lacks.
            let pick = |t: &model::Text| {
                t.get(lang)
                    .or_else(|| t.get("en"))
                    .or_else(|| t.map.values().next().map(String::as_str))
                    .unwrap_or("")
                    .to_string()
            };
            json!({
                "id": policy.supervisory_authority.id.get_ref(),
                "name": a.name.get(lang).map(str::to_string).unwrap_or_else(|| a.native_name.clone()),
                "postal_address": pick(&a.postal_address),
                "phone": a.phone,
                "email": a.email,
                "website": pick(&a.website),
                "complaint_url": pick(&a.complaint_url),
                "verified_on": a.verified_on,
            })
        });
        LangData {
            policy: policy_v,
            by_id: Value::Object(by_id),
            authority: authority.unwrap_or(Value::Null),
        }
    }
}

/// What distinguishes one page from another of the same language and version.
pub struct PageSpec<'a> {
    /// Page kind: `privacy`, `cookies`, `changelog` or `index`.
    pub page: &'a str,
    /// Folder of the page relative to the output root.
    pub dir: &'a str,
    /// Body-only fragment (absolute links).
    pub fragment: bool,
    /// Folder of the same page in another language.
    pub alt: &'a dyn Fn(&str) -> String,
    /// Page-specific data (`x` in templates).
    pub extra: Value,
}

/// Parses templates in parallel (parsing is most of the start-up time of a
/// build), then lets tera check inheritance and macro imports as
/// `add_raw_templates` does.
fn add_templates(tera: &mut Tera, raw: Vec<(String, String)>) -> tera::Result<()> {
    use rayon::prelude::*;
    let parsed: Vec<tera::Result<tera::Template>> = raw
        .par_iter()
        .map(|(name, text)| {
            tera::Template::new(name, None, text)
                .map_err(|e| tera::Error::chain(format!("Failed to parse '{name}'"), e))
        })
        .collect();
    for t in parsed {
        let t = t?;
        tera.templates.insert(t.name.clone(), t);
    }
    // No new templates: runs only the checks over those inserted above.
    tera.add_raw_templates(Vec::<(&str, &str)>::new())
}

/// A copy of `tera` with the functions of `lang` registered.
fn with_functions(tera: &Tera, locales: &Arc<Locales>, lang: &str) -> Tera {
    let mut tera = tera.clone();
    let tag = lang.to_string();
    tera.register_function(
        "t",
        TFn {
            locales: locales.clone(),
            lang: tag.clone(),
        },
    );
    tera.register_function(
        "date",
        DateFn {
            locales: locales.clone(),
            lang: tag.clone(),
        },
    );
    tera.register_function(
        "duration",
        DurationFn {
            locales: locales.clone(),
            lang: tag.clone(),
        },
    );
    tera.register_function(
        "join_list",
        JoinFn {
            locales: locales.clone(),
            lang: tag,
        },
    );
    tera
}

/// `[{ id, … }]` as `{ id: { id, … } }`, for lookups by id in templates.
fn index_by_id(items: &[Value]) -> Map<String, Value> {
    items
        .iter()
        .filter_map(|it| {
            it.get("id")
                .and_then(Value::as_str)
                .map(|id| (id.to_string(), it.clone()))
        })
        .collect()
}

/// Ids of entities grouped by the id each one refers to (`key`), in order.
fn group_ids<'a, T: 'a>(
    items: impl Iterator<Item = (&'a String, &'a T)>,
    key: impl Fn(&'a T) -> Option<&'a str>,
) -> HashMap<&'a str, Vec<&'a str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for (id, item) in items {
        if let Some(k) = key(item) {
            out.entry(k).or_default().push(id.as_str());
        }
    }
    out
}

/// Language-neutral facts derived from the model, for templates: lookups by
/// id, reverse links, groupings and flags.
pub fn derive(p: &model::Policy, regions: &crate::model::Regions) -> Value {
    let eea = &regions.eea;
    let outside = |c: &str| !eea.iter().any(|x| x == c);
    let mut rec_activities: HashMap<&str, Vec<&str>> = HashMap::new();
    for (aid, a) in p.activities.iter() {
        for r in &a.recipients {
            rec_activities
                .entry(r.get_ref().as_str())
                .or_default()
                .push(aid);
        }
    }
    let rec_transfers = group_ids(p.transfers.iter(), |t| Some(t.recipient.get_ref().as_str()));
    let rec_cookies = group_ids(p.cookies.iter(), |c| {
        c.provider.as_ref().map(|x| x.get_ref().as_str())
    });
    let mut recipients = Map::new();
    for (id, r) in p.recipients.iter() {
        let locs: Vec<&str> = std::iter::once(r.country.get_ref().as_str())
            .chain(r.data_locations.iter().map(|c| c.get_ref().as_str()))
            .collect();
        recipients.insert(
            id.clone(),
            json!({
                "activities": rec_activities.get(id.as_str()).cloned().unwrap_or_default(),
                "transfers": rec_transfers.get(id.as_str()).cloned().unwrap_or_default(),
                "outside_eea": locs.iter().any(|c| outside(c)),
                "cookies": rec_cookies.get(id.as_str()).cloned().unwrap_or_default(),
            }),
        );
    }
    let activity_cookies = group_ids(p.cookies.iter(), |c| {
        c.activity.as_ref().map(|a| a.get_ref().as_str())
    });
    let mut activities = Map::new();
    let mut any_consent = false;
    let mut any_li = false;
    let mut periods: Vec<Duration> = Vec::new();
    for (id, a) in p.activities.iter() {
        let bases = &a.legal_basis.get_ref().0;
        any_consent |= bases.contains(&LegalBasis::Consent);
        any_li |= bases.contains(&LegalBasis::LegitimateInterests);
        if let Some(d) = a.retention.as_ref().and_then(|r| r.period.as_ref()) {
            periods.push(*d.get_ref());
        }
        let special = a.data_categories.iter().any(|r| {
            p.data_categories
                .get(r.get_ref())
                .is_some_and(|c| c.special)
        });
        activities.insert(
            id.clone(),
            json!({
                "special": special,
                "cookies": activity_cookies.get(id.as_str()).cloned().unwrap_or_default(),
                "transfers": a.recipients.iter().flat_map(|r| rec_transfers.get(r.get_ref().as_str()).cloned().unwrap_or_default()).collect::<Vec<_>>(),
            }),
        );
    }
    periods.sort_by_key(|d| d.approx_seconds());
    let mut groups = Vec::new();
    for cat in CookieCategory::ALL {
        let ids: Vec<&str> = p
            .cookies
            .iter()
            .filter(|(_, c)| c.category == cat)
            .map(|(k, _)| k.as_str())
            .collect();
        groups.push(json!({ "category": cat.id(), "cookies": ids }));
    }
    let mut after: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (id, s) in p.sections.iter() {
        let page = model::enum_id(&s.page);
        let place = model::enum_id(&s.after);
        after.entry(format!("{page}:{place}")).or_default().push(id);
    }
    let third_country: Vec<&str> = p
        .recipients
        .iter()
        .filter(|(_, r)| {
            outside(r.country.get_ref()) || r.data_locations.iter().any(|c| outside(c.get_ref()))
        })
        .map(|(k, _)| k.as_str())
        .collect();
    // Sections of each page, in order, with free sections after their anchor.
    let section_list = |page: &str, builtin: &[(&str, bool)]| -> Vec<Value> {
        let mut v = Vec::new();
        for (key, present) in builtin {
            if *present {
                v.push(json!({ "key": key, "anchor": key.replace('_', "-"), "msg": format!("{}-heading", key.replace('_', "-")) }));
            }
            let mut ids: Vec<&str> = after
                .get(&format!("{page}:{key}"))
                .cloned()
                .unwrap_or_default();
            if *key == "end" {
                // Sections anchored to something this page does not have go last.
                for (k, extra) in &after {
                    let Some(place) = k.strip_prefix(&format!("{page}:")) else {
                        continue;
                    };
                    if !builtin.iter().any(|(b, _)| *b == place) {
                        ids.extend(extra.iter().copied());
                    }
                }
            }
            for id in ids {
                v.push(json!({ "key": "custom", "id": id, "anchor": format!("section-{id}") }));
            }
        }
        v
    };
    let privacy_sections = section_list(
        "privacy",
        &[
            ("summary", false),
            ("controller", true),
            ("processor_contexts", !p.processor_contexts.is_empty()),
            ("activities", true),
            ("recipients", true),
            ("transfers", true),
            ("cookies", !p.cookies.is_empty()),
            ("rights", true),
            ("automated", true),
            ("security", p.security.is_some()),
            ("children", p.children.is_some()),
            ("complaints", true),
            ("changes", true),
            ("end", false),
        ],
    );
    let mut cookie_builtin: Vec<(&str, bool)> = vec![("summary", false), ("consent", true)];
    let cat_keys: Vec<String> = CookieCategory::ALL
        .iter()
        .map(|c| format!("category_{}", c.id()))
        .collect();
    for (i, c) in CookieCategory::ALL.iter().enumerate() {
        cookie_builtin.push((
            cat_keys[i].as_str(),
            p.cookies.iter().any(|(_, k)| k.category == *c),
        ));
    }
    cookie_builtin.extend([
        ("cookies", false),
        ("change", true),
        ("browser", true),
        ("end", false),
    ]);
    let mut cookie_sections = section_list("cookies", &cookie_builtin);
    for s in &mut cookie_sections {
        if let Some(k) = s
            .get("key")
            .and_then(Value::as_str)
            .and_then(|k| k.strip_prefix("category_"))
        {
            let k = k.to_string();
            s["category"] = json!(k);
            s["anchor"] = json!(k.replace('_', "-"));
        }
    }
    json!({
        "privacy_sections": privacy_sections,
        "cookie_sections": cookie_sections,
        "recipients": recipients,
        "activities": activities,
        "cookie_groups": groups,
        "sections_after": after,
        "any_consent": any_consent,
        "any_legitimate_interest": any_li,
        "any_automated": p.activities.iter().any(|(_, a)| a.automated_decision.is_some()),
        "any_special": p.data_categories.iter().any(|(_, c)| c.special),
        "any_third_party_cookie": p.cookies.iter().any(|(_, c)| c.party == model::Party::Third),
        "third_country_recipients": third_country,
        "retention_min": periods.first().map(|d| d.to_string()),
        "retention_max": periods.last().map(|d| d.to_string()),
        "cookie_count": p.cookies.len(),
        "consent_cookie_count": p.cookies.iter().filter(|(_, c)| c.category != CookieCategory::StrictlyNecessary).count(),
        "eea": eea,
    })
}

fn lang_of<'a>(locales: &'a Locales, lang: &str) -> tera::Result<&'a crate::i18n::Lang> {
    locales
        .get(lang)
        .ok_or_else(|| tera::Error::msg(format!("no locale `{lang}`")))
}

/// `t(id="message-id", arg=value, …)`: a Fluent message, arguments escaped
/// (except `name_html=` ones, which templates build from escaped parts),
/// output trusted (messages may contain markup).
struct TFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for TFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let id = args
            .get("id")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs id=\"message-id\""))?;
        let lang = lang_of(&self.locales, &self.lang)?;
        let mut fargs = FluentArgs::new();
        let mut keys: Vec<&String> = args.keys().filter(|k| *k != "id").collect();
        keys.sort();
        for k in keys {
            let v = &args[k];
            // `name_html=…` passes trusted markup built by the template (whose
            // own values were escaped there); everything else is escaped here.
            if let (Some(name), tera::Value::String(s)) = (k.strip_suffix("_html"), v) {
                fargs.set(name.replace('_', "-"), FluentValue::from(s.clone()));
                continue;
            }
            let fv = match v {
                tera::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or(0.0)),
                tera::Value::String(s) => FluentValue::from(escape_html(s)),
                tera::Value::Bool(b) => FluentValue::from(if *b { "true" } else { "false" }),
                tera::Value::Null => FluentValue::from(""),
                other => FluentValue::from(escape_html(&other.to_string())),
            };
            fargs.set(k.replace('_', "-"), fv);
        }
        lang.msg(id, Some(&fargs))
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `date(d="2026-01-01")`: a long localized date.
struct DateFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for DateFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let s = args
            .get("d")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("date() needs d=\"YYYY-MM-DD\""))?;
        let d = Date::parse(s).map_err(tera::Error::msg)?;
        Ok(tera::Value::String(
            lang_of(&self.locales, &self.lang)?.date(d),
        ))
    }
}

/// `duration(d="P13M")` or `duration(d="session")`: words in the locale.
struct DurationFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for DurationFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let s = args
            .get("d")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("duration() needs d=\"P1Y\""))?;
        let lang = lang_of(&self.locales, &self.lang)?;
        if s == "session" {
            return lang
                .msg("duration-session", None)
                .map(tera::Value::String)
                .map_err(tera::Error::msg);
        }
        let d = Duration::parse(s).map_err(tera::Error::msg)?;
        lang.duration(&d)
            .map(tera::Value::String)
            .map_err(tera::Error::msg)
    }
}

/// `join_list(items=[…])`: "a, b og c". Items are escaped.
struct JoinFn {
    locales: Arc<Locales>,
    lang: String,
}

impl tera::Function for JoinFn {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let items: Vec<String> = args
            .get("items")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| x.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let lang = lang_of(&self.locales, &self.lang)?;
        let safe = args.get("safe").and_then(|v| v.as_bool()).unwrap_or(false);
        let items: Vec<String> = if safe {
            items
        } else {
            items.iter().map(|s| escape_html(s)).collect()
        };
        Ok(tera::Value::String(lang.join_list(&items)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct MdFilter {
    inline: bool,
}

impl tera::Filter for MdFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let s = value.as_str().unwrap_or("");
        Ok(tera::Value::String(if self.inline {
            markdown::render_inline(s)
        } else {
            markdown::render_block(s, 2)
        }))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct PlainFilter;

impl tera::Filter for PlainFilter {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        // An array gives an array (`items | map(attribute="name") | plain`).
        Ok(match value {
            tera::Value::Array(items) => tera::Value::Array(
                items
                    .iter()
                    .map(|v| tera::Value::String(markdown::to_plain(v.as_str().unwrap_or(""))))
                    .collect(),
            ),
            v => tera::Value::String(markdown::to_plain(v.as_str().unwrap_or(""))),
        })
    }
}

/// Retention min/max and cookie lifetimes use [`CookieDuration`]; re-exported for templates' tests.
pub fn cookie_duration_str(d: &CookieDuration) -> String {
    match d {
        CookieDuration::Session => "session".into(),
        CookieDuration::Period(p) => p.to_string(),
    }
}
