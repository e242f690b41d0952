//! The commands, one file each; `main.rs` parses the arguments and calls
//! the command's `run`. What they share: printing a report, its summary
//! line, the cache folder and the output folder of a site.

pub mod build;
pub mod check;
pub mod cookie;
pub mod diff;
pub mod init;
pub mod release;
pub mod ropa;
pub mod schema;
pub mod serve;
pub mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use personvern::diagnostics::{self, stderr_colour};
use personvern::Report;

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
