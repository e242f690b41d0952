//! personvern: a static bilingual privacy-notice and cookie-declaration
//! generator.
//!
//! The pipeline runs in one direction: [`load`] (TOML with spans) →
//! [`check`] → [`render`] (tera + Fluent) → [`output`] (atomic), over the
//! types in [`model`].
//! The same functions serve the command line, watch mode and programs that
//! embed personvern (a CMS plugin, a build step):
//!
//! ```
//! use std::path::Path;
//!
//! // Load, validate and render into memory: path -> bytes.
//! let compiled = match personvern::compile(Path::new("example-site")) {
//!     Ok(c) => c,
//!     Err(report) => panic!("{}", report.render(false)),
//! };
//! let fragment = &compiled.output["fragments/nb/privacy.html"];
//! assert!(String::from_utf8_lossy(fragment).starts_with("<div class=\"pv-fragment\""));
//! let notice: serde_json::Value = serde_json::from_slice(&compiled.output["api/en.json"]).unwrap();
//! assert_eq!(notice["lang"], "en");
//! ```
//!
//! Building into a folder, atomically (nothing is written if anything fails):
//!
//! ```
//! use personvern::BuildOptions;
//! use std::path::Path;
//!
//! let out = tempfile::tempdir().unwrap();
//! let opts = BuildOptions { output: Some(out.path().join("public")), ..BuildOptions::default() };
//! let report = personvern::build_with(Path::new("example-site"), &opts).map_err(|r| r.render(false)).unwrap();
//! assert!(report.files > 10);
//! assert!(out.path().join("public/nb/personvern/index.html").exists());
//! ```
//!
//! Checking without writing, as `personvern check` does:
//!
//! ```
//! let report = personvern::check(std::path::Path::new("example-site"));
//! assert!(!report.diagnostics.has_errors());
//! for d in &report.diagnostics.items {
//!     println!("{}", personvern::diagnostics::render_short(d, &report.sources));
//! }
//! ```
#![warn(missing_docs)]
// Diagnostics are rich (spans, help) and only built on the error path.
#![allow(clippy::result_large_err)]

pub mod model;

pub mod diagnostics;
pub mod digest;
pub mod reference;

pub mod history;
pub mod load;

pub mod check;
pub mod i18n;

pub mod output;
pub mod render;
pub mod scan;

pub mod serve;

use std::path::{Path, PathBuf};

use diagnostics::{Diagnostic, Diagnostics, SourceMap};
pub use load::Site;
pub use render::{Output, Renderer};

/// Problems found, with the files needed to show them.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Errors and warnings, sorted by file and position.
    pub diagnostics: Diagnostics,
    /// Files read.
    pub sources: SourceMap,
    /// Number of files written or rendered.
    pub files: usize,
    /// Time spent per phase (load, validate, templates, cache, render,
    /// diagnostics: sorting them, and with `build --timings` printing them;
    /// data: the Markdown and JSON made from the pages; minify, write, store).
    pub timings: Vec<(&'static str, std::time::Duration)>,
    /// What minification did, if it ran.
    pub minified: Option<MinifyReport>,
    /// Archived pages taken from the on-disk render cache.
    pub cached: usize,
    /// Releases whose record holds their changes for the snapshots as they
    /// are (see [`history::record`]), and releases in all.
    pub recorded: (usize, usize),
}

/// What minification did in a build ([`Report::minified`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MinifyReport {
    /// HTML and CSS bytes of the files minified, before.
    pub before: usize,
    /// And after.
    pub after: usize,
    /// Files minified around a body shared with another file, minified
    /// once (see [`output::minify::minify_shared`]).
    pub around_shared: usize,
    /// Archived pages frozen minified by `release`, not minified again (see
    /// [`output::minify::minify_parts`]).
    pub already: usize,
}

impl Report {
    /// Sorts the diagnostics by file and position, adding the time taken to
    /// the `diagnostics` phase of [`Report::timings`].
    pub fn sort_diagnostics(&mut self) {
        let t = std::time::Instant::now();
        self.diagnostics.sort(&self.sources);
        self.add_timing("diagnostics", t.elapsed());
    }

    /// Adds `d` to phase `name` of [`Report::timings`] (appended if new).
    pub fn add_timing(&mut self, name: &'static str, d: std::time::Duration) {
        match self.timings.iter_mut().find(|(n, _)| *n == name) {
            Some((_, t)) => *t += d,
            None => self.timings.push((name, d)),
        }
    }

    /// Human-readable diagnostics (rustc style).
    pub fn render(&self, colour: bool) -> String {
        diagnostics::render_all(&self.diagnostics, &self.sources, colour)
    }
}

/// A site compiled in memory: the loaded data, and its rendered output.
pub struct Compiled {
    /// The loaded, validated site.
    pub site: Site,
    /// Rendered files.
    pub output: Output,
    /// Warnings (there are no errors when compilation succeeds).
    pub report: Report,
}

/// Loads and validates a site; on success returns it with any warnings.
pub fn load_site(root: &Path) -> Result<(Site, Report), Report> {
    let loaded = load::load(root);
    let mut report = Report {
        diagnostics: loaded.diagnostics,
        sources: loaded.sources,
        ..Report::default()
    };
    let Some(site) = loaded.site else {
        report.sort_diagnostics();
        return Err(report);
    };
    run_checks(&site, &mut report);
    report.sort_diagnostics();
    if report.diagnostics.has_errors() {
        return Err(report);
    }
    Ok((site, report))
}

/// Runs the checks on a loaded site, unless a file failed to parse: the
/// cross-checks would only repeat what that file hides.
fn run_checks(site: &Site, report: &mut Report) {
    let syntax_errors = report
        .diagnostics
        .items
        .iter()
        .any(|d| matches!(d.code.as_str(), "toml-syntax" | "invalid-date"));
    if !syntax_errors && site.policy.unparsed.is_empty() {
        report.diagnostics.extend(check::run(site));
    }
}

/// Loads, validates and renders a site in memory.
pub fn compile(root: &Path) -> Result<Compiled, Report> {
    compile_with(root, &mut None, None, true)
}

/// Like [`compile`], reusing the templates and locales in `cache` when they
/// were built for the same languages (watch mode passes the same cache on
/// every rebuild, and clears it when templates or locales change).
pub fn compile_cached(root: &Path, cache: &mut Option<Renderer>) -> Result<Compiled, Report> {
    compile_with(root, cache, None, false)
}

/// [`compile_cached`], taking archived pages from the on-disk cache when it
/// holds them ([`cache`]).
fn compile_with(
    root: &Path,
    cache: &mut Option<Renderer>,
    disk: Option<&output::cache::DiskCache>,
    one_shot: bool,
) -> Result<Compiled, Report> {
    // With a render cache, snapshots that loaded cleanly before are not
    // parsed again unless a page or diff needs them.
    let trusted = disk.map(|d| output::cache::read_index(&d.dir, root));
    let mut compiled = compile_pages_with(root, cache, disk, trusted.as_ref(), one_shot)?;
    if let Some(renderer) = cache.as_ref() {
        let t = std::time::Instant::now();
        let memo = open_memo(disk, root);
        let (data, _) = render_data_with_memo(renderer, &compiled.site, &compiled.output, &memo);
        compiled.output.extend(data);
        compiled.report.files = compiled.output.len();
        // Markdown and JSON made from the pages: a phase of their own.
        compiled.report.add_timing("data", t.elapsed());
    }
    Ok(compiled)
}

/// The memo of an earlier build, read from the render cache: minified
/// pages and Markdown exports by the digest of the bytes they were made
/// from (see [`output::minify::minify_memo`]). `Some(None)`: a render cache
/// without a (valid) memo.
type Memo = Option<Option<output::cache::OpenEntry>>;

/// The memo of the last build in the render cache `disk` (`None` without
/// a cache).
fn open_memo(disk: Option<&output::cache::DiskCache>, root: &Path) -> Memo {
    disk.map(|d| {
        output::cache::open(
            &output::cache::memo_file_for(&d.dir, root),
            &output::cache::memo_key(),
        )
    })
}

/// The Markdown and JSON made from the fragments in `pages`
/// ([`Renderer::render_data_memo`]), each Markdown export taken from `memo`
/// when it holds it; with this build's Markdown keys (memo key → path).
fn render_data_with_memo(
    renderer: &Renderer,
    site: &Site,
    pages: &Output,
    memo: &Memo,
) -> (Output, std::collections::BTreeMap<String, String>) {
    let lookup = |k: &str| -> Option<Vec<u8>> {
        match memo {
            Some(Some(e)) => e.page(k),
            _ => None,
        }
    };
    let lookup: &render::MarkdownMemo<'_> = &lookup;
    renderer.render_data_memo(site, pages, memo.is_some().then_some(lookup))
}

/// Like [`compile_cached`], but renders only the pages
/// ([`Renderer::render_pages`]); [`Renderer::render_data`] on the result
/// adds the Markdown and JSON files. `serve` and `watch` publish the pages
/// first, so the browser reloads sooner.
pub fn compile_pages(root: &Path, cache: &mut Option<Renderer>) -> Result<Compiled, Report> {
    compile_pages_with(root, cache, None, None, false)
}

pub(crate) fn compile_pages_with(
    root: &Path,
    cache: &mut Option<Renderer>,
    disk: Option<&output::cache::DiskCache>,
    trusted: Option<&load::snapshots::Trusted>,
    one_shot: bool,
) -> Result<Compiled, Report> {
    let t = std::time::Instant::now();
    // Without a renderer to reuse, the theme is parsed while the site loads
    // (it needs only the theme's name, read from personvern.toml alone).
    let (loaded, mut theme) = if cache.is_none() {
        let (l, t) = rayon::join(
            || load::load_with(root, trusted),
            || render::Theme::load(root, &load::config::theme_setting(root)),
        );
        (l, Some(t))
    } else {
        (load::load_with(root, trusted), None)
    };
    let mut report = Report {
        diagnostics: loaded.diagnostics,
        sources: loaded.sources,
        timings: vec![("load", t.elapsed())],
        ..Report::default()
    };
    let Some(site) = loaded.site else {
        report.sort_diagnostics();
        return Err(report);
    };
    let recorded = load::snapshots::recorded_diffs(&site.history);
    report.recorded = (recorded.iter().flatten().count(), recorded.len());
    let t = std::time::Instant::now();
    run_checks(&site, &mut report);
    report.timings.push(("validate", t.elapsed()));
    let t = std::time::Instant::now();
    if cache.as_ref().is_none_or(|r| r.languages != site.languages) {
        *cache = None;
        let made = match theme.take() {
            Some(t) => Renderer::with_theme(t, root, &site.config, &site.languages),
            None => Renderer::new(root, &site.config, &site.languages),
        };
        match made {
            Ok(mut r) => {
                if one_shot {
                    r.set_one_shot();
                }
                *cache = Some(r)
            }
            Err((d, s)) => {
                let off = report.sources.append(&s);
                report.diagnostics.extend_shifted(d, off);
                report.sort_diagnostics();
                return Err(report);
            }
        }
    }
    report.timings.push(("templates", t.elapsed()));
    let Some(renderer) = cache.as_ref() else {
        return Err(report);
    };
    if !renderer.i18n_findings.is_empty() {
        let off = report.sources.append(&renderer.sources);
        report
            .diagnostics
            .extend_shifted(renderer.i18n_findings.clone(), off);
    }
    if report.diagnostics.has_errors() {
        report.sort_diagnostics();
        return Err(report);
    }
    if let Some(d) = disk {
        let t = std::time::Instant::now();
        report.cached = renderer.load_disk_cache(&site, d);
        report.timings.push(("cache", t.elapsed()));
    }
    let t = std::time::Instant::now();
    let rendered = renderer.render_pages(&site);
    report.timings.push(("render", t.elapsed()));
    match rendered {
        Ok(output) => {
            report.files = output.len();
            report.sort_diagnostics();
            Ok(Compiled {
                site,
                output,
                report,
            })
        }
        Err(d) => {
            report.diagnostics.extend(d);
            report.sort_diagnostics();
            Err(report)
        }
    }
}

/// Output folder of a site: `--output`, else `[site] output_dir` under the root.
pub fn output_dir(site: &Site, explicit: Option<&Path>) -> PathBuf {
    explicit
        .map(Path::to_path_buf)
        .unwrap_or_else(|| site.root.join(site.config.output_dir.get_ref()))
}

/// An error if `target` may not be the output folder of `site` (see
/// [`output::unsafe_output_dir`]), or if `[site] output_dir` leaves the site
/// and `from_config` (no `--output` was given). Checked before anything is
/// written, by `build` and `watch`.
pub fn output_dir_problem(
    site: &Site,
    root: &Path,
    target: &Path,
    from_config: bool,
) -> Option<Diagnostic> {
    if from_config {
        let setting = &site.config.output_dir;
        if let Some(msg) = output::bad_output_dir_setting(setting.get_ref()) {
            let d = Diagnostic::error("output-dir", msg).help(output::BAD_OUTPUT_DIR_HELP);
            let span = setting.span();
            return Some(if span.is_empty() {
                d.in_file(root.join(load::CONFIG_FILE))
            } else {
                d.at(site.config_file, span)
            });
        }
    }
    output::unsafe_output_dir(root, target).map(|msg| {
        Diagnostic::error("output-dir", msg)
            .in_file(target)
            .help(output::UNSAFE_OUTPUT_HELP)
    })
}

/// Options for [`build_with`].
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Output folder (default: `[site] output_dir` under the root).
    pub output: Option<PathBuf>,
    /// Replace an output folder that personvern did not write.
    pub force: bool,
    /// Minify HTML and CSS (default true).
    pub minify: bool,
    /// Folder of the render cache (see [`cache`]): archived pages are taken
    /// from it when their inputs are unchanged, and stored after a build.
    /// `None` (the default): no cache. The command line uses
    /// [`output::cache::default_dir`] unless `--no-cache` is given.
    pub cache_dir: Option<PathBuf>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            output: None,
            force: false,
            minify: true,
            cache_dir: None,
        }
    }
}

/// Builds a site into its output folder (or `out`), atomically, minified.
/// On any error nothing is written and the previous output stays as it was.
pub fn build(root: &Path, out: Option<&Path>, force: bool) -> Result<Report, Report> {
    build_with(
        root,
        &BuildOptions {
            output: out.map(Path::to_path_buf),
            force,
            ..BuildOptions::default()
        },
    )
}

/// Builds with explicit options; see [`BuildOptions`].
pub fn build_with(root: &Path, opts: &BuildOptions) -> Result<Report, Report> {
    let disk = opts.cache_dir.as_ref().map(|dir| output::cache::DiskCache {
        dir: dir.clone(),
        minified: opts.minify,
    });
    let mut renderer = None;
    // With a render cache, snapshots that loaded cleanly before are not
    // parsed again unless a page or diff needs them.
    let trusted = disk
        .as_ref()
        .map(|d| output::cache::read_index(&d.dir, root));
    let compiled = compile_pages_with(root, &mut renderer, disk.as_ref(), trusted.as_ref(), true)?;
    let target = output_dir(&compiled.site, opts.output.as_deref());
    let mut report = compiled.report;
    if let Some(d) = output_dir_problem(&compiled.site, root, &target, opts.output.is_none()) {
        report.diagnostics.push(d);
        return Err(report);
    }
    let mut output = compiled.output;
    // The memo of the last build: minified pages and Markdown exports.
    let old = open_memo(disk.as_ref(), root);
    // The Markdown and JSON are made from the fragments as rendered, while
    // the pages are minified: the two run side by side, the data from a
    // copy of the fragments (a few files).
    let fragments: Output = output
        .iter()
        .filter(|(k, _)| k.starts_with("fragments/"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let data_job = || {
        let t = std::time::Instant::now();
        let (data, keys) = match renderer.as_ref() {
            Some(r) => render_data_with_memo(r, &compiled.site, &fragments, &old),
            None => Default::default(),
        };
        (data, keys, t.elapsed())
    };
    let minify_job = || {
        let t = std::time::Instant::now();
        if !opts.minify {
            return (None, t.elapsed());
        }
        let done = renderer
            .as_ref()
            .map(Renderer::pages_from_disk)
            .unwrap_or_default();
        // Pages whose bytes are unchanged since the last build are not
        // minified again (see output::minify::minify_memo); the memo also
        // holds the Markdown exports.
        let kept = renderer
            .as_ref()
            .map(Renderer::archived_paths)
            .unwrap_or_default();
        let empty = Output::new();
        let lookup: Option<&dyn output::minify::MinifyMemo> = match &old {
            Some(Some(e)) => Some(e),
            Some(None) => Some(&empty),
            None => None,
        };
        // Bodies a page shares with its fragment are minified once.
        let shared = renderer
            .as_ref()
            .map(Renderer::take_shared_bodies)
            .unwrap_or_default();
        // Archived pages frozen minified are not minified again.
        let around = renderer
            .as_ref()
            .map(Renderer::take_minified_pages)
            .unwrap_or_default();
        let m = output::minify::minify_parts(&mut output, &done, lookup, &kept, &shared, &around);
        (Some(m), t.elapsed())
    };
    let ((data, md_keys, data_time), (minified, minify_time)) = rayon::join(data_job, minify_job);
    drop(fragments);
    output.extend(data);
    report.files = output.len();
    // Markdown and JSON made from the pages: a phase of their own (it runs
    // beside minify, so the two overlap).
    report.add_timing("data", data_time);
    let mut memo = None;
    if let Some(m) = minified {
        let (before, after, mut next) = (m.before, m.after, m.keys);
        next.extend(md_keys);
        report.minified = Some(MinifyReport {
            before,
            after,
            around_shared: m.composed,
            already: m.filled,
        });
        let same = match &old {
            Some(Some(e)) => e.names().eq(next.keys().map(String::as_str)),
            _ => false,
        };
        if old.is_some() && !same {
            memo = Some(next);
        }
    }
    report.timings.push(("minify", minify_time));
    // Archived pages from the cache are read now, after rendering, so they
    // do not add to its memory.
    if let Some(r) = &renderer {
        if let Err(e) = r.load_disk_pages(&mut output) {
            report.diagnostics.push(
                Diagnostic::error("cache", format!("cannot read the render cache: {e}"))
                    .in_file(disk.as_ref().map(|d| d.dir.clone()).unwrap_or_default())
                    .help("build again with --no-cache; nothing was written"),
            );
            return Err(report);
        }
    }
    // The output and the cache are written at the same time: the cache's
    // entries are keyed by their inputs, so they are valid whether or not
    // the output could be written.
    let write = || {
        let t = std::time::Instant::now();
        (
            output::write_atomic(&output, &target, opts.force),
            t.elapsed(),
        )
    };
    let store = || {
        let t = std::time::Instant::now();
        let (Some(d), Some(r)) = (&disk, &renderer) else {
            return (Ok(()), None);
        };
        let stored = store_history(r, &compiled.site, d, &output).and_then(|_| match memo {
            // The memo's bytes are the output's own (no copy).
            Some(keys) => {
                let pages: Vec<(&str, &[u8])> = keys
                    .iter()
                    .filter_map(|(k, path)| Some((k.as_str(), output.get(path)?.as_slice())))
                    .collect();
                output::cache::write_parts(
                    &output::cache::memo_file_for(&d.dir, root),
                    &output::cache::memo_key(),
                    &[],
                    &pages,
                )
            }
            None => Ok(()),
        });
        (stored, Some(t.elapsed()))
    };
    let ((written, write_time), (stored, store_time)) = rayon::join(write, store);
    report.timings.push(("write", write_time));
    if let Some(t) = store_time {
        report.timings.push(("store", t));
    }
    if let (Err(e), Some(d)) = (stored, &disk) {
        report.diagnostics.push(
            Diagnostic::warning(
                "cache",
                format!("could not write the render cache in {}: {e}", d.dir.display()),
            )
            .in_file(&d.dir)
            .help("the site was built; set PERSONVERN_CACHE_DIR to a writable folder, or build with --no-cache"),
        );
    }
    match written {
        Ok(notes) => {
            for n in notes {
                report.diagnostics.push(
                    Diagnostic::warning("leftover-folder", n)
                        .in_file(&target)
                        .help("personvern removes its staging folders; this one it could not (check its permissions)"),
                );
            }
            Ok(report)
        }
        Err(e) => {
            report
                .diagnostics
                .push(Diagnostic::error("write", e.to_string()).in_file(&target));
            Err(report)
        }
    }
}

/// Runs every check without writing anything.
pub fn check(root: &Path) -> Report {
    check_with(root, None)
}

/// [`check`], with the render cache in `cache_dir` (see [`cache`]): a site
/// with a long, unchanged history is checked in a fraction of the time
/// (its archived pages rendered cleanly before with the same templates).
/// What it renders is stored for the next check, `serve` and `watch`.
pub fn check_with(root: &Path, cache_dir: Option<&Path>) -> Report {
    let disk = cache_dir.map(|dir| output::cache::DiskCache {
        dir: dir.to_path_buf(),
        minified: false,
    });
    let mut renderer = None;
    match compile_with(root, &mut renderer, disk.as_ref(), true) {
        Ok(c) => {
            if let (Some(d), Some(r)) = (&disk, &renderer) {
                // A cache that cannot be written costs only time.
                let _ = store_history(r, &c.site, d, &c.output);
            }
            c.report
        }
        Err(r) => r,
    }
}

/// Stores the archived pages and diffs `r` rendered for `site` (bytes as in
/// `written`) and the site's snapshot index in the on-disk cache. Returns
/// the index if it wrote a new one.
pub(crate) fn store_history(
    r: &Renderer,
    site: &Site,
    d: &output::cache::DiskCache,
    written: &Output,
) -> std::io::Result<Option<load::snapshots::Trusted>> {
    r.store_disk_cache(site, d, written)?;
    let index = load::snapshots::trusted_entries(&site.history);
    if let Some(i) = &index {
        output::cache::write_index(&d.dir, &site.root, i)?;
    }
    Ok(index)
}
