//! `personvern ropa`: the record of processing activities (GDPR art. 30).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::load_or_report;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RopaFormat {
    /// Comma-separated values (one row per activity).
    Csv,
    /// A standalone HTML table.
    Html,
}

/// Arguments of `personvern ropa`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Language (default: the site's default language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// csv or html.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: RopaFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Writes the record.
pub fn run(args: Args) -> ExitCode {
    run_ropa(&args.dir, args.lang, args.format, args.output)
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
                super::eprint_diagnostics(&d, &sources);
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
