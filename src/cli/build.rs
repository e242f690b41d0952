//! `personvern build`: load, check, render and write the site atomically.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{cache_dir, output_of, print_report, quiet, summary, Format};

/// Arguments of `personvern build`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output folder (default: [site] output_dir, "public").
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Replace an output folder that was not written by personvern.
    #[arg(long)]
    pub force: bool,
    /// Keep HTML and CSS unminified (for debugging templates).
    #[arg(long)]
    pub no_minify: bool,
    /// Render everything afresh: neither read nor write the render cache
    /// of archived versions (PERSONVERN_CACHE_DIR, else ~/.cache/personvern).
    #[arg(long)]
    pub no_cache: bool,
    /// Print the time spent in each phase.
    #[arg(long)]
    pub timings: bool,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

/// Builds the site.
pub fn run(args: Args) -> ExitCode {
    let Args {
        dir,
        output,
        force,
        no_minify,
        no_cache,
        timings,
        format,
    } = args;
    let start = Instant::now();
    let opts = personvern::BuildOptions {
        output: output.clone(),
        force,
        minify: !no_minify,
        cache_dir: cache_dir(no_cache),
    };
    match personvern::build_with(&dir, &opts) {
        Ok(mut report) => {
            let t = Instant::now();
            print_report(&report, format);
            report.add_timing("diagnostics", t.elapsed());
            if timings {
                for (phase, d) in &report.timings {
                    eprintln!("  {phase:<11} {:>8.2} ms", d.as_secs_f64() * 1000.0);
                }
                if let Some(m) = report.minified {
                    let (before, after) = (m.before, m.after);
                    let saved =
                        100.0 * (before.saturating_sub(after)) as f64 / before.max(1) as f64;
                    eprintln!("  minified HTML/CSS: {before} → {after} bytes (−{saved:.1}%)");
                    eprintln!(
                        "  files minified around a body minified once for them: {}",
                        m.around_shared
                    );
                    eprintln!(
                        "  archived pages frozen minified, not minified again: {}",
                        m.already
                    );
                }
                let (recorded, releases) = report.recorded;
                if releases > 0 {
                    eprintln!(
                        "  releases whose changes were read from their records: {recorded} of {releases}"
                    );
                }
            }
            let w = summary(&report);
            // The folder written: -o, else [site] output_dir.
            let out = output_of(&dir, output.clone());
            if quiet() {
                return ExitCode::SUCCESS;
            }
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
