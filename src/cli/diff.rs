//! `personvern diff`: what changed between releases, entity by entity.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::load_or_report;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DiffFormat {
    /// For a terminal.
    Text,
    /// A Markdown list (pull requests, release notes).
    Markdown,
    /// JSON with field-level old and new values.
    Json,
}

/// Arguments of `personvern diff`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Old version (default: the last release).
    #[arg(long, value_name = "VERSION")]
    pub from: Option<String>,
    /// New version (default: the working copy).
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
}

/// Prints the changes; the exit status says whether one is material.
pub fn run(args: Args) -> ExitCode {
    run_diff(&args.dir, args.from, args.to, args.format)
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
