//! The commands, one file each; `main.rs` parses the arguments and calls
//! the command's `run`. What they share: printing a report, its summary
//! line, the cache folder and the output folder of a site.

pub mod build;
pub mod check;
pub mod completions;
pub mod cookie;
pub mod diff;
pub mod init;
pub mod release;
pub mod ropa;
pub mod scan;
pub mod schema;
pub mod serve;
pub mod watch;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::ValueEnum;
use personvern::diagnostics::{self, Diagnostics, Severity};
use personvern::Report;

/// When to colour diagnostics (`--color`).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug, Default)]
pub enum Color {
    /// On a terminal, unless NO_COLOR is set.
    #[default]
    Auto,
    /// Always, even into a pipe or a file.
    Always,
    /// Never.
    Never,
}

/// Options every command takes (before or after the command's name).
#[derive(clap::Args, Clone, Copy, Debug, Default)]
pub struct Global {
    /// When to colour diagnostics.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        global = true
    )]
    pub color: Color,
    /// Print errors only: no warnings, no waived findings, no summary line
    /// when all went well.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print every waived finding with its reason (by default they are
    /// summed up in one line).
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// 0: auto colour, normal; bit 0/1: colour always/never; bit 2: quiet; bit 3: verbose.
static GLOBAL: AtomicU8 = AtomicU8::new(0);

/// Records the global options for the printing functions below.
pub fn set_global(g: Global) {
    let mut bits = match g.color {
        Color::Auto => 0,
        Color::Always => 1,
        Color::Never => 2,
    };
    if g.quiet {
        bits |= 4;
    }
    if g.verbose {
        bits |= 8;
    }
    GLOBAL.store(bits, Ordering::Relaxed);
}

/// Whether diagnostics on stderr are coloured (`--color`, else a terminal
/// without NO_COLOR).
pub fn colour() -> bool {
    match GLOBAL.load(Ordering::Relaxed) & 3 {
        1 => true,
        2 => false,
        _ => diagnostics::stderr_colour(),
    }
}

/// `--quiet`: errors only.
pub fn quiet() -> bool {
    GLOBAL.load(Ordering::Relaxed) & 4 != 0
}

fn verbose() -> bool {
    GLOBAL.load(Ordering::Relaxed) & 8 != 0
}

/// The name to call a site folder by in a summary: as given, or for `.`
/// (and other paths without a name) the folder's own name.
pub fn site_name(dir: &Path) -> String {
    if dir.file_name().is_some() {
        return dir.display().to_string();
    }
    std::fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

/// The findings to print in full: without waived ones (summed up by
/// [`waived_line`]) unless `--verbose`, and errors only with `--quiet`.
fn shown(d: &Diagnostics) -> Diagnostics {
    let mut out = Diagnostics::default();
    for x in &d.items {
        let keep = match x.severity {
            Severity::Error => true,
            Severity::Warning => !quiet(),
            Severity::Note => verbose(),
        };
        if keep {
            out.items.push(x.clone());
        }
    }
    out
}

/// One line for the waived findings not printed in full.
fn waived_line(d: &Diagnostics) -> Option<String> {
    if verbose() || quiet() {
        return None;
    }
    let mut codes: Vec<&str> = d
        .items
        .iter()
        .filter(|x| x.severity == Severity::Note)
        .map(|x| x.code.as_str())
        .collect();
    if codes.is_empty() {
        return None;
    }
    let n = codes.len();
    codes.sort_unstable();
    codes.dedup();
    Some(format!(
        "note: {n} {} waived ({}); --verbose shows {} with the reasons",
        if n == 1 { "finding" } else { "findings" },
        codes.join(", "),
        if n == 1 { "it" } else { "them" }
    ))
}

/// Prints diagnostics in human form on stderr (as [`print_report`] does),
/// for commands that have no `--format`.
pub fn eprint_diagnostics(d: &Diagnostics, sources: &personvern::diagnostics::SourceMap) {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}",
        diagnostics::render_all(&shown(d), sources, colour())
    );
    if let Some(line) = waived_line(d) {
        let _ = writeln!(err, "{line}\n");
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics for people, in the style of rustc.
    Human,
    /// One line per diagnostic: file:line:col: severity[code]: message.
    Short,
    /// JSON, for CI.
    Json,
}

pub fn print_report(report: &Report, format: Format) {
    let mut err = std::io::stderr().lock();
    match format {
        Format::Human => {
            drop(err);
            eprint_diagnostics(&report.diagnostics, &report.sources);
        }
        Format::Short => {
            for d in &shown(&report.diagnostics).items {
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

pub fn summary(report: &Report) -> String {
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

/// The render cache folder, unless `--no-cache`.
pub fn cache_dir(no_cache: bool) -> Option<PathBuf> {
    if no_cache {
        None
    } else {
        personvern::output::cache::default_dir()
    }
}

pub fn output_of(dir: &std::path::Path, explicit: Option<PathBuf>) -> PathBuf {
    explicit.unwrap_or_else(|| personvern::load::config::output_dir_setting(dir))
}

pub fn load_or_report(dir: &std::path::Path) -> Result<personvern::Site, ExitCode> {
    match personvern::load_site(dir) {
        Ok((site, _)) => Ok(site),
        Err(report) => {
            eprint_diagnostics(&report.diagnostics, &report.sources);
            eprintln!(
                "error: {} has errors ({}); fix them first",
                dir.display(),
                summary(&report)
            );
            Err(ExitCode::from(2))
        }
    }
}
