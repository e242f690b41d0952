//! Rendering: the theme's tera templates, fed with a per-language view of
//! the validated model, every human sentence coming from Fluent.
//!
//! The [`Renderer`] (templates + locales) is built once and can be reused
//! for many renders of changing data (watch mode).

mod archive;
pub mod changelog;
pub mod consent;
mod context;
pub mod data;
mod derive;
mod functions;
mod html_tree;
pub mod markdown_export;
mod pages;
pub mod ropa;
pub mod sitemap;
mod theme;

pub use crate::output::Output;
use archive::HistoryCache;
pub use context::{LangData, PageSpec};
pub use derive::derive;
use functions::with_functions;
pub use pages::{markdown_key, MarkdownMemo};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
pub use theme::Theme;

use tera::Tera;

use crate::diagnostics::{Diagnostics, SourceMap};
use crate::i18n::{load_locales, Locales};
use crate::load::config::SiteConfig;

/// Page kinds of the statement.
pub const PAGES: [&str; 2] = ["privacy", "cookies"];

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
    /// Translation findings and the theme's warnings (ids refer to
    /// `sources`), computed once.
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
    /// File of each template (for errors while rendering it).
    template_paths: BTreeMap<String, std::path::PathBuf>,
    /// SHA-256 of the templates, static files and locale files: with
    /// [`history_inputs`], the key of the on-disk cache ([`crate::output::cache`]).
    digest: [u8; 32],
    /// The built-in theme's pages, with no template of the site's and no
    /// [`context::ROOT_MARK`] in a template or message: the body of each
    /// current page is then rendered once, for the page and its fragment
    /// (see `render_current`).
    shared_bodies: bool,
    /// The bodies shared by a page and its fragment in the last render, and
    /// where each copy sits (a build only: see [`Renderer::take_shared_bodies`]).
    shared_log: std::sync::Mutex<Vec<crate::output::minify::SharedBody>>,
    /// The archived pages of the last render that were frozen minified, and
    /// where their note is (a build only: see [`Renderer::take_minified_pages`]).
    minified_log: std::sync::Mutex<Vec<crate::output::minify::MinifiedAround>>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("languages", &self.languages)
            .finish()
    }
}

/// Empties one of the renderer's logs of the last render, returning what it
/// held (nothing if a thread panicked holding it).
fn take_log<T>(log: &std::sync::Mutex<Vec<T>>) -> Vec<T> {
    log.lock()
        .map(|mut l| std::mem::take(&mut *l))
        .unwrap_or_default()
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

/// A tera error in plain words, on one line: its messages from the
/// outermost to the cause (`source()` chain), joined by ": ".
fn tera_err(e: &tera::Error) -> String {
    tera_chain(e).join(": ")
}

fn tera_chain(e: &tera::Error) -> Vec<String> {
    use std::error::Error as _;
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = vec![one_line(e.to_string())];
    let mut src = e.source();
    while let Some(s) = src {
        out.push(one_line(s.to_string()));
        src = s.source();
    }
    out
}

std::thread_local! {
    /// Set while a template renders: a panic inside tera is caught and
    /// reported as `error[render]`, so the default hook stays quiet.
    static IN_TEMPLATE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Renders template `name`: a tera error, or a panic inside tera (tera
/// 1.20 slices a message at a byte that is not a character boundary when a
/// lookup by a non-ASCII key fails), becomes an `error[render]` about
/// `what`, never a crash.
pub(crate) fn render_template(
    tera: &Tera,
    name: &str,
    ctx: &tera::Context,
    what: &dyn Fn() -> String,
) -> Result<String, crate::diagnostics::Diagnostic> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_TEMPLATE.with(|f| f.get()) {
                previous(info);
            }
        }));
    });
    IN_TEMPLATE.with(|f| f.set(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| tera.render(name, ctx)));
    IN_TEMPLATE.with(|f| f.set(false));
    match r {
        Ok(Ok(html)) => Ok(html),
        Ok(Err(e)) => Err(render_failure(&what(), &e)),
        Err(_) => Err(crate::diagnostics::Diagnostic::error(
            "render",
            format!(
                "rendering {} failed in template `{name}`: the template engine stopped on a \
                 lookup it could not handle (a key with a non-ASCII character that the data \
                 does not hold)",
                what()
            ),
        )
        .help(
            "check the ids the template looks up (the site's templates/ or theme); every id \
             a template uses must be declared in the data",
        )),
    }
}

/// `error[render]` for a template that failed while rendering `what`
/// (e.g. "archived version 3.0 in `en`"): names the template, says why in
/// the words of the innermost cause, and never shows a debug dump.
fn render_failure(what: &str, e: &tera::Error) -> crate::diagnostics::Diagnostic {
    let mut chain = tera_chain(e);
    let template = chain.first().and_then(|m| {
        let rest = m.strip_prefix("Failed to render '")?;
        Some(rest[..rest.find('\'')?].to_string())
    });
    let msg = match template {
        Some(t) => {
            chain.remove(0);
            let why = if chain.is_empty() {
                "unknown cause".to_string()
            } else {
                chain.join(": ")
            };
            format!("rendering {what} failed in template `{t}`: {why}")
        }
        None => format!("rendering {what} failed: {}", chain.join(": ")),
    };
    crate::diagnostics::Diagnostic::error("render", msg).help(
        "a template uses a value or message that does not exist: check the template (the site's \
         templates/ or theme) and the locale files; with the built-in theme, report it as a bug",
    )
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
            overridden,
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
        let shared_bodies = !overridden
            && !sources
                .files()
                .any(|f| f.text.contains(context::ROOT_MARK_CHAR));
        match locales {
            Some(l) if !diags.has_errors() => {
                let texts: Vec<&str> = templates.values().map(|(t, _)| t.as_str()).collect();
                let mut i18n_findings = crate::check::translations::check(&l, languages, &texts);
                // The theme's warnings (e.g. skipped links outside the site)
                // are reported with every build, like the translation findings.
                i18n_findings.extend(diags);
                let locales = Arc::new(l);
                let teras = languages
                    .iter()
                    .map(|lang| (lang.clone(), with_functions(&tera, &locales, lang)))
                    .collect();
                let template_paths = templates
                    .iter()
                    .map(|(n, (_, p))| (n.clone(), p.clone()))
                    .collect();
                Ok(Renderer {
                    template_paths,
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
                    shared_bodies,
                    shared_log: std::sync::Mutex::new(Vec::new()),
                    minified_log: std::sync::Mutex::new(Vec::new()),
                })
            }
            _ => Err((diags, sources)),
        }
    }

    /// Points a render error of template `name` at the template's file.
    pub(crate) fn at_template(
        &self,
        d: crate::diagnostics::Diagnostic,
        name: &str,
    ) -> crate::diagnostics::Diagnostic {
        match self.template_paths.get(name) {
            Some(p) => d.in_file(p),
            None => d,
        }
    }

    /// Marks this renderer as used for one render (a build): archived pages
    /// are moved into the output instead of kept for a next render, which
    /// saves their size in memory.
    pub fn set_one_shot(&mut self) {
        self.one_shot = true;
    }

    /// Records that the page at `path` is minified already, but for the
    /// bytes `part` (a one-shot renderer only: others are not minified).
    pub(crate) fn minified_already(&self, path: &str, part: Option<std::ops::Range<usize>>) {
        if let (true, Ok(mut log)) = (self.one_shot, self.minified_log.lock()) {
            log.push(crate::output::minify::MinifiedAround {
                path: path.to_string(),
                part,
            });
        }
    }

    /// The pages of the last render of a one-shot renderer that are
    /// minified already but for one part (archived pages frozen minified),
    /// by path. Taken: a second call returns none.
    pub fn take_minified_pages(&self) -> Vec<crate::output::minify::MinifiedAround> {
        let mut v = take_log(&self.minified_log);
        v.sort_by(|a, b| a.path.cmp(&b.path));
        v
    }

    /// The bodies that pages and their fragments shared in the last render
    /// of a one-shot renderer ([`Renderer::set_one_shot`]; none otherwise),
    /// in the order of their first file. Taken: a second call returns none.
    pub fn take_shared_bodies(&self) -> Vec<crate::output::minify::SharedBody> {
        let mut v = take_log(&self.shared_log);
        v.sort_by(|a, b| {
            a.uses
                .first()
                .map(|u| &u.path)
                .cmp(&b.uses.first().map(|u| &u.path))
        });
        v
    }
}

impl Renderer {
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
}
