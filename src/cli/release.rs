//! `personvern release`: freeze the current data as `history/<version>.toml`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::load_or_report;

/// Arguments of `personvern release`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Version string of the release (e.g. 3.1).
    #[arg(long, value_name = "VERSION")]
    pub version: String,
    /// Date it takes effect, YYYY-MM-DD (default: today; may be in the future).
    #[arg(long, value_name = "DATE")]
    pub effective: Option<String>,
    /// Mark the release as material even if no rule classifies a change so.
    #[arg(long)]
    pub material: bool,
    /// Release note in Norwegian Bokmål.
    #[arg(long, value_name = "TEXT")]
    pub note_nb: Option<String>,
    /// Release note in English.
    #[arg(long, value_name = "TEXT")]
    pub note_en: Option<String>,
    /// Release note in any language: LANG=TEXT (repeatable).
    #[arg(long = "note", value_name = "LANG=TEXT")]
    pub notes: Vec<String>,
}

/// Makes the release.
pub fn run(args: Args) -> ExitCode {
    run_release(
        &args.dir,
        args.version,
        args.effective,
        args.material,
        args.note_nb,
        args.note_en,
        args.notes,
    )
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
    let first = site.history.is_empty();
    match personvern::output::release::release(&site, &req) {
        Ok((path, _)) if first => {
            eprintln!(
                "Released version {version} as {}: the first release, so there is no earlier version to compare with{}",
                path.display(),
                if material { " (marked material)" } else { "" }
            );
            ExitCode::SUCCESS
        }
        Ok((path, d)) => {
            print!("{}", personvern::history::diff::to_text(&d));
            let n = d.changes.len();
            eprintln!(
                "Released version {version} as {} ({n} {}{})",
                path.display(),
                if n == 1 { "change" } else { "changes" },
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
