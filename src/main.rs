//! Command-line interface of personvern.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use personvern::diagnostics::{self, stderr_colour};
use personvern::{serve, Report};

/// mimalloc (v2) instead of the system allocator: rendering builds and
/// drops many small JSON values and strings on several threads, where
/// glibc's malloc took about a quarter of the time (see BENCHMARKS.md).
/// Only the binary sets it; programs using the library choose their own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static bilingual privacy-notice and cookie-declaration generator.
///
/// One TOML description of an organisation becomes a privacy statement and
/// a cookie declaration in Norwegian Bokmål and English.
#[derive(Parser)]
#[command(name = "personvern", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    /// Diagnostics for people, in the style of rustc.
    Human,
    /// One line per diagnostic: file:line:col: severity[code]: message.
    Short,
    /// JSON, for CI.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    /// For a terminal.
    Text,
    /// A Markdown list (pull requests, release notes).
    Markdown,
    /// JSON with field-level old and new values.
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum RopaFormat {
    /// Comma-separated values (one row per activity).
    Csv,
    /// A standalone HTML table.
    Html,
}

#[derive(Subcommand)]
enum CookieAction {
    /// Show what the Open Cookie Database knows about a cookie (`_ga`, `_ga_*`).
    Lookup {
        /// Cookie name or pattern.
        name: String,
    },
    /// Add a known cookie to the site's content/cookies.toml, pre-filled.
    Add {
        /// Cookie name (exact, or a name the database matches by prefix).
        name: String,
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Id for the new [cookies.<id>] table (default: from the name).
        #[arg(long)]
        id: Option<String>,
        /// Recipient id of the provider, if declared.
        #[arg(long)]
        provider: Option<String>,
    },
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site folder with commented example data.
    Init {
        /// Folder to create (default: current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Build the site into its output folder (default: DIR/public).
    Build {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (default: [site] output_dir, "public").
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace an output folder that was not written by personvern.
        #[arg(long)]
        force: bool,
        /// Keep HTML and CSS unminified (for debugging templates).
        #[arg(long)]
        no_minify: bool,
        /// Render everything afresh: neither read nor write the render cache
        /// of archived versions (PERSONVERN_CACHE_DIR, else ~/.cache/personvern).
        #[arg(long)]
        no_cache: bool,
        /// Print the time spent in each phase.
        #[arg(long)]
        timings: bool,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Build, serve on loopback and rebuild on every save, with live reload.
    Serve {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port (0 picks a free one).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on.
        #[arg(short, long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Neither read nor write the render cache of archived versions.
        #[arg(long)]
        no_cache: bool,
    },
    /// Rebuild into an output folder on every save (no server).
    Watch {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (default: [site] output_dir, "public").
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Neither read nor write the render cache of archived versions.
        #[arg(long)]
        no_cache: bool,
    },
    /// Print the JSON Schema of the input TOML (for editors and CI).
    Schema,
    /// Look up or add known cookies (Open Cookie Database, Apache-2.0).
    Cookie {
        #[command(subcommand)]
        action: CookieAction,
    },
    /// Export the record of processing activities (GDPR art. 30).
    Ropa {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Language (default: the site's default language).
        #[arg(long)]
        lang: Option<String>,
        /// csv or html.
        #[arg(long, value_enum, default_value = "csv")]
        format: RopaFormat,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Freeze the current data as a release in history/.
    Release {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Version string of the release (e.g. 3.1).
        #[arg(long)]
        version: String,
        /// Date it takes effect, YYYY-MM-DD (default: today; may be in the future).
        #[arg(long)]
        effective: Option<String>,
        /// Mark the release as material even if no rule classifies a change so.
        #[arg(long)]
        material: bool,
        /// Release note in Norwegian Bokmål.
        #[arg(long)]
        note_nb: Option<String>,
        /// Release note in English.
        #[arg(long)]
        note_en: Option<String>,
        /// Release note in any language: LANG=TEXT (repeatable).
        #[arg(long = "note", value_name = "LANG=TEXT")]
        notes: Vec<String>,
    },
    /// Show what changed between releases (default: last release → working copy).
    ///
    /// Exit status: 0 when no change is material, 1 when a change is material
    /// (so CI can require a release note), 2 on errors.
    Diff {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Old version (default: the last release).
        #[arg(long)]
        from: Option<String>,
        /// New version (default: the working copy).
        #[arg(long)]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
    },
    /// Check the site without writing anything.
    Check {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Neither read nor write the render cache of archived versions.
        #[arg(long)]
        no_cache: bool,
    },
}

fn print_report(report: &Report, format: Format) {
    let mut err = std::io::stderr().lock();
    match format {
        Format::Human => {
            let _ = write!(err, "{}", report.render(stderr_colour()));
        }
        Format::Short => {
            for d in &report.diagnostics.items {
                let _ = writeln!(err, "{}", diagnostics::render_short(d, &report.sources));
            }
        }
        Format::Json => {
            let json = serde_json::json!({
                "errors": report.diagnostics.error_count(),
                "warnings": report.diagnostics.warning_count(),
                "waived": report.diagnostics.note_count(),
                "diagnostics": diagnostics::to_json(&report.diagnostics, &report.sources),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
        }
    }
}

fn summary(report: &Report) -> String {
    let plural = |n: usize, s: &str| {
        if n == 1 {
            format!("{n} {s}")
        } else {
            format!("{n} {s}s")
        }
    };
    let mut parts = Vec::new();
    let (e, w, n) = (
        report.diagnostics.error_count(),
        report.diagnostics.warning_count(),
        report.diagnostics.note_count(),
    );
    if e > 0 {
        parts.push(plural(e, "error"));
    }
    if w > 0 {
        parts.push(plural(w, "warning"));
    }
    if n > 0 {
        parts.push(format!("{} waived", n));
    }
    parts.join(", ")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir } => match personvern::output::starter::init(&dir) {
            Ok(files) => {
                eprintln!(
                    "Created a new site in {} ({} files).",
                    dir.display(),
                    files.len()
                );
                eprintln!(
                    "Next: edit {}/personvern.toml and content/*.toml, then run",
                    dir.display()
                );
                eprintln!("    personvern build {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Build {
            dir,
            output,
            force,
            no_minify,
            no_cache,
            timings,
            format,
        } => {
            let start = Instant::now();
            let opts = personvern::BuildOptions {
                output: output.clone(),
                force,
                minify: !no_minify,
                cache_dir: cache_dir(no_cache),
            };
            match personvern::build_with(&dir, &opts) {
                Ok(report) => {
                    print_report(&report, format);
                    if timings {
                        for (phase, d) in &report.timings {
                            eprintln!("  {phase:<10} {:>8.2} ms", d.as_secs_f64() * 1000.0);
                        }
                        if let Some((before, after)) = report.minified {
                            let saved = 100.0 * (before.saturating_sub(after)) as f64
                                / before.max(1) as f64;
                            eprintln!(
                                "  minified HTML/CSS: {before} → {after} bytes (−{saved:.1}%)"
                            );
                        }
                    }
                    let w = summary(&report);
                    let out = output.clone().unwrap_or_else(|| dir.join("public"));
                    eprintln!(
                        "Built {} files{} into {} in {} ms{}",
                        report.files,
                        match report.cached {
                            0 => String::new(),
                            n => format!(" ({n} archived pages from the cache)"),
                        },
                        out.display(),
                        start.elapsed().as_millis(),
                        if w.is_empty() {
                            String::new()
                        } else {
                            format!(" ({w})")
                        }
                    );
                    ExitCode::SUCCESS
                }
                Err(report) => {
                    print_report(&report, format);
                    eprintln!(
                        "error: build failed with {}; the previous output was left untouched",
                        summary(&report)
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            dir,
            port,
            bind,
            open,
            no_cache,
        } => run_serve(&dir, port, &bind, open, cache_dir(no_cache)),
        Command::Watch {
            dir,
            output,
            no_cache,
        } => run_watch(&dir, output, cache_dir(no_cache)),
        Command::Schema => {
            print!("{}", personvern::load::schema::schema_json());
            ExitCode::SUCCESS
        }
        Command::Release {
            dir,
            version,
            effective,
            material,
            note_nb,
            note_en,
            notes,
        } => run_release(&dir, version, effective, material, note_nb, note_en, notes),
        Command::Diff {
            dir,
            from,
            to,
            format,
        } => run_diff(&dir, from, to, format),
        Command::Cookie { action } => run_cookie(action),
        Command::Ropa {
            dir,
            lang,
            format,
            output,
        } => run_ropa(&dir, lang, format, output),
        Command::Check {
            dir,
            format,
            deny_warnings,
            no_cache,
        } => {
            let report = personvern::check_with(&dir, cache_dir(no_cache).as_deref());
            print_report(&report, format);
            let failed = report.diagnostics.has_errors()
                || (deny_warnings && report.diagnostics.warning_count() > 0);
            if format != Format::Json {
                let s = summary(&report);
                if s.is_empty() {
                    eprintln!("{}: no problems found", dir.display());
                } else {
                    eprintln!("{}: {s}", dir.display());
                }
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

fn output_of(dir: &std::path::Path, explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| personvern::load::config::output_dir_setting(dir))
}

/// After the pages of a build are published (and open pages reloaded):
/// makes and publishes its Markdown and JSON files, then reports.
fn finish_serve(
    rebuilder: &mut serve::Rebuilder,
    state: &serve::Shared,
    attempt: &serve::Attempt,
    changed: &str,
) {
    let t = std::time::Instant::now();
    if let Some(data) = rebuilder.finish() {
        let n = data.len();
        serve::publish_data(state, data);
        if let serve::Attempt::Ok(out, took) = attempt {
            eprintln!(
                "{changed}rebuilt {} files in {} ms (pages; Markdown and JSON {} ms more){}",
                out.len() + n,
                took.as_millis(),
                t.elapsed().as_millis(),
                match rebuilder.cached() {
                    0 => String::new(),
                    c => format!("; {c} archived pages from the cache"),
                }
            );
            return;
        }
    }
    report_attempt(attempt, changed);
}

fn report_attempt(attempt: &serve::Attempt, changed: &str) {
    match attempt {
        serve::Attempt::Ok(out, took) => {
            eprintln!(
                "{changed}rebuilt {} files in {} ms",
                out.len(),
                took.as_millis()
            );
        }
        serve::Attempt::Failed(r) => {
            eprint!("{}", r.render(stderr_colour()));
            eprintln!(
                "{changed}build failed with {}; still serving the last good build",
                summary(r)
            );
        }
    }
}

fn changed_label(root: &std::path::Path, changed: &std::collections::BTreeSet<PathBuf>) -> String {
    let existing: Vec<&PathBuf> = changed.iter().filter(|p| p.exists()).collect();
    let shown: Vec<&PathBuf> = if existing.is_empty() {
        changed.iter().collect()
    } else {
        existing
    };
    let names: Vec<String> = shown
        .iter()
        .take(3)
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .collect();
    let more = shown.len().saturating_sub(3);
    if more > 0 {
        format!("{} (+{more} more): ", names.join(", "))
    } else {
        format!("{}: ", names.join(", "))
    }
}

/// The render cache folder, unless `--no-cache`.
fn cache_dir(no_cache: bool) -> Option<PathBuf> {
    if no_cache {
        None
    } else {
        personvern::output::cache::default_dir()
    }
}

fn run_serve(
    dir: &std::path::Path,
    port: u16,
    bind: &str,
    open: bool,
    cache: Option<PathBuf>,
) -> ExitCode {
    let (root, _watcher, rx) = match start_watching(dir) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let output = output_of(&root, None);
    let state: serve::Shared = Default::default();
    let mut rebuilder = serve::Rebuilder::new(&root).with_cache(cache);
    let first = rebuilder.build(true);
    serve::publish(&state, &first);
    finish_serve(&mut rebuilder, &state, &first, "");
    let addr = match serve::start_server(bind, port, state.clone()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !addr.ip().is_loopback() {
        eprintln!("warning: listening on {addr}, which other machines can reach");
    }
    let url = format!("http://{addr}/");
    println!("Serving {} at {url}", dir.display());
    let _ = std::io::stdout().flush();
    if open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&url)
        .spawn();
    }
    eprintln!("Watching {} for changes (Ctrl-C to stop)", dir.display());
    rebuild_on_changes(
        &rx,
        &root,
        &output,
        &mut rebuilder,
        |rebuilder, attempt, label| {
            serve::publish(&state, attempt);
            finish_serve(rebuilder, &state, attempt, label);
        },
    );
    ExitCode::SUCCESS
}

/// Checks that `dir` holds a site and starts watching it (before the first
/// build, so a save during that build is not lost). Returns the canonical
/// root, the watcher (keep it alive) and its events.
fn start_watching(
    dir: &std::path::Path,
) -> Result<(PathBuf, notify::RecommendedWatcher, serve::Events), ExitCode> {
    if !dir.join(personvern::load::CONFIG_FILE).exists() {
        eprintln!(
            "error: no {} in {}",
            personvern::load::CONFIG_FILE,
            dir.display()
        );
        eprintln!("  = help: run `personvern init {}` first", dir.display());
        return Err(ExitCode::from(2));
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    match serve::watch(&root) {
        Ok((watcher, rx)) => Ok((root, watcher, rx)),
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", root.display());
            Err(ExitCode::from(2))
        }
    }
}

/// The rebuild loop of serve and watch: waits for a batch of changes,
/// rebuilds (with new templates and locales only when those changed), and
/// hands the attempt and a label naming the changed files to `publish`.
fn rebuild_on_changes(
    rx: &serve::Events,
    root: &std::path::Path,
    output: &std::path::Path,
    rebuilder: &mut serve::Rebuilder,
    mut publish: impl FnMut(&mut serve::Rebuilder, &serve::Attempt, &str),
) {
    while let Some(changed) = serve::next_batch(rx, root, output, serve::QUIET, serve::MAX_BATCH) {
        let attempt = rebuilder.build(serve::needs_new_renderer(root, &changed));
        publish(rebuilder, &attempt, &changed_label(root, &changed));
    }
}

fn run_watch(dir: &std::path::Path, output: Option<PathBuf>, cache: Option<PathBuf>) -> ExitCode {
    let (root, _watcher, rx) = match start_watching(dir) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let output = output
        .map(|o| std::path::absolute(&o).unwrap_or(o))
        .unwrap_or_else(|| output_of(&root, None));
    let mut rebuilder = serve::Rebuilder::new(&root).with_cache(cache);
    // The pages are written first (the Markdown and JSON of the previous
    // build are kept meanwhile), then the Markdown and JSON made from them.
    let mut data = std::sync::Arc::new(personvern::Output::new());
    let mut write = |rebuilder: &mut serve::Rebuilder, attempt: &serve::Attempt, label: &str| {
        match attempt {
            serve::Attempt::Ok(out, took) => {
                let pages = personvern::output::write_changed(out, &data, &output);
                let t = std::time::Instant::now();
                let rest = rebuilder.finish().map(|d| {
                    data = d;
                    personvern::output::write_changed(&data, out, &output)
                });
                match (pages, rest.unwrap_or(Ok(0))) {
                    (Ok(n), Ok(m)) => {
                        eprintln!(
                        "{label}rebuilt in {} ms (pages; Markdown and JSON {} ms more); {} of {} files changed in {}",
                        took.as_millis(),
                        t.elapsed().as_millis(),
                        n + m,
                        out.len() + data.len(),
                        output.display()
                    );
                        let _ = std::io::stderr().flush();
                    }
                    (Err(e), _) | (_, Err(e)) => eprintln!("error: {e}"),
                }
            }
            serve::Attempt::Failed(r) => {
                eprint!("{}", r.render(stderr_colour()));
                eprintln!(
                    "{label}build failed with {}; {} keeps the last good build",
                    summary(r),
                    output.display()
                );
            }
        }
    };
    let first = rebuilder.build(true);
    write(&mut rebuilder, &first, "");
    eprintln!("Watching {} for changes (Ctrl-C to stop)", dir.display());
    rebuild_on_changes(&rx, &root, &output, &mut rebuilder, write);
    ExitCode::SUCCESS
}

fn load_or_report(dir: &std::path::Path) -> Result<personvern::Site, ExitCode> {
    match personvern::load_site(dir) {
        Ok((site, _)) => Ok(site),
        Err(report) => {
            eprint!("{}", report.render(stderr_colour()));
            eprintln!(
                "error: {} has errors ({}); fix them first",
                dir.display(),
                summary(&report)
            );
            Err(ExitCode::from(2))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn run_release(
    dir: &std::path::Path,
    version: String,
    effective: Option<String>,
    material: bool,
    note_nb: Option<String>,
    note_en: Option<String>,
    notes: Vec<String>,
) -> ExitCode {
    let site = match load_or_report(dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let effective = match effective.as_deref().map(personvern::model::Date::parse) {
        Some(Err(e)) => {
            eprintln!("error: --effective: {e}");
            return ExitCode::from(2);
        }
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let mut all = Vec::new();
    if let Some(n) = note_nb {
        all.push(("nb".to_string(), n));
    }
    if let Some(n) = note_en {
        all.push(("en".to_string(), n));
    }
    for n in notes {
        match n.split_once('=') {
            Some((l, t)) => all.push((l.trim().to_string(), t.to_string())),
            None => {
                eprintln!("error: --note expects LANG=TEXT, got `{n}`");
                return ExitCode::from(2);
            }
        }
    }
    let req = personvern::output::release::ReleaseRequest {
        version: version.clone(),
        effective,
        material,
        notes: all,
    };
    match personvern::output::release::release(&site, &req) {
        Ok((path, d)) => {
            print!("{}", personvern::history::diff::to_text(&d));
            eprintln!(
                "Released version {version} as {} ({} changes{})",
                path.display(),
                d.changes.len(),
                if d.is_material() || material {
                    ", material"
                } else {
                    ""
                }
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("nothing was written");
            ExitCode::from(1)
        }
    }
}

fn run_diff(
    dir: &std::path::Path,
    from: Option<String>,
    to: Option<String>,
    format: DiffFormat,
) -> ExitCode {
    let site = match load_or_report(dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let find = |v: &str| site.history.iter().find(|r| r.meta.version == v);
    let old = match &from {
        Some(v) => match find(v) {
            Some(r) => r.policy(),
            None => {
                eprintln!(
                    "error: no release `{v}` in history/ (releases: {})",
                    site.history
                        .iter()
                        .map(|r| r.meta.version.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return ExitCode::from(2);
            }
        },
        None => match site.history.last() {
            Some(r) => r.policy(),
            None => {
                eprintln!("error: there are no releases yet; make one with `personvern release --version 1.0`");
                return ExitCode::from(2);
            }
        },
    };
    let new = match &to {
        Some(v) => match find(v) {
            Some(r) => r.policy(),
            None => {
                eprintln!("error: no release `{v}` in history/");
                return ExitCode::from(2);
            }
        },
        None => &site.policy,
    };
    let d = personvern::history::diff::diff(old, new, &site.regions.eea);
    match format {
        DiffFormat::Text => print!("{}", personvern::history::diff::to_text(&d)),
        DiffFormat::Markdown => print!("{}", personvern::history::diff::to_markdown(&d)),
        DiffFormat::Json => println!(
            "{}",
            serde_json::to_string_pretty(
                &serde_json::json!({ "material": d.is_material(), "changes": d.changes })
            )
            .unwrap_or_default()
        ),
    }
    if d.is_material() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_cookie(action: CookieAction) -> ExitCode {
    use personvern::reference::cookiedb;
    match action {
        CookieAction::Lookup { name } => {
            let found = cookiedb::lookup(&name);
            if found.is_empty() {
                eprintln!("no cookie named `{name}` in the Open Cookie Database");
                return ExitCode::from(1);
            }
            for k in found {
                let duration = match &k.duration {
                    Ok(d) => personvern::render::cookie_duration_str(d),
                    Err(e) => format!("unparsed: {e}"),
                };
                println!("{}{}", k.name, if k.wildcard { "* (pattern)" } else { "" });
                println!("  platform:  {} ({})", k.platform, k.controller);
                println!(
                    "  category:  {} (database: {})",
                    k.category.id(),
                    k.category_label
                );
                println!("  duration:  {duration} (database: {})", k.retention_text);
                if !k.domain.is_empty() {
                    println!("  domain:    {}", k.domain);
                }
                println!("  purpose:   {}", k.description);
                if !k.privacy_url.is_empty() {
                    println!("  privacy:   {}", k.privacy_url);
                }
                println!();
            }
            eprintln!("Source: Open Cookie Database (Apache-2.0), see content/LICENSE-open-cookie-database.txt");
            ExitCode::SUCCESS
        }
        CookieAction::Add {
            name,
            dir,
            id,
            provider,
        } => {
            let site = match load_or_report(&dir) {
                Ok(s) => s,
                Err(c) => return c,
            };
            let found = cookiedb::lookup(&name);
            let Some(k) = found.first() else {
                eprintln!(
                    "error: no cookie named `{name}` in the Open Cookie Database; add it by hand"
                );
                return ExitCode::from(1);
            };
            let id = id.unwrap_or_else(|| cookiedb::slug(&name));
            if site.policy.cookies.contains(&id) {
                eprintln!("error: [cookies.{id}] already exists; pass --id to choose another id");
                return ExitCode::from(1);
            }
            if let Some(p) = &provider {
                if !site.policy.recipients.contains(p) {
                    eprintln!("error: --provider `{p}` is not a declared recipient");
                    return ExitCode::from(1);
                }
            }
            let snippet = cookiedb::toml_snippet(k, &id, provider.as_deref());
            let path = dir.join("content").join("cookies.toml");
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push('\n');
            text.push_str(&snippet);
            if let Err(e) = std::fs::create_dir_all(dir.join("content"))
                .and_then(|_| std::fs::write(&path, text))
            {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::from(2);
            }
            print!("{snippet}");
            eprintln!("Added [cookies.{id}] to {}. Write the Norwegian purpose, check every value, then run `personvern check`.", path.display());
            ExitCode::SUCCESS
        }
    }
}

fn run_ropa(
    dir: &std::path::Path,
    lang: Option<String>,
    format: RopaFormat,
    output: Option<PathBuf>,
) -> ExitCode {
    let site = match load_or_report(dir) {
        Ok(s) => s,
        Err(c) => return c,
    };
    let tag = lang.unwrap_or_else(|| site.default_language.clone());
    let mut sources = personvern::diagnostics::SourceMap::default();
    let locales =
        match personvern::i18n::load_locales(dir, std::slice::from_ref(&tag), &mut sources) {
            Ok(l) => l,
            Err(d) => {
                eprint!(
                    "{}",
                    personvern::diagnostics::render_all(&d, &sources, stderr_colour())
                );
                return ExitCode::from(2);
            }
        };
    let Some(l) = locales.get(&tag) else {
        eprintln!("error: no locale `{tag}`");
        return ExitCode::from(2);
    };
    let text = match format {
        RopaFormat::Csv => personvern::render::ropa::ropa_csv(&site, l),
        RopaFormat::Html => personvern::render::ropa::ropa_html(&site, l),
    };
    match output {
        Some(p) => match std::fs::write(&p, text) {
            Ok(()) => {
                eprintln!(
                    "Wrote the record of processing activities to {}",
                    p.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {}: {e}", p.display());
                ExitCode::from(2)
            }
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
