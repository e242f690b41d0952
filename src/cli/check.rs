//! `personvern check`: every check, nothing written.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{cache_dir, print_report, quiet, site_name, summary, Format};

/// Arguments of `personvern check`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Neither read nor write the render cache of archived versions.
    #[arg(long)]
    pub no_cache: bool,
}

/// Checks the site and prints what it found.
pub fn run(args: Args) -> ExitCode {
    let Args {
        dir,
        format,
        deny_warnings,
        no_cache,
    } = args;
    let report = personvern::check_with(&dir, cache_dir(no_cache).as_deref());
    print_report(&report, format);
    let failed = report.diagnostics.has_errors()
        || (deny_warnings && report.diagnostics.warning_count() > 0);
    if format != Format::Json && (failed || !quiet()) {
        let s = summary(&report);
        let name = site_name(&dir);
        if s.is_empty() {
            eprintln!("{name}: no problems found");
        } else {
            eprintln!("{name}: {s}");
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
