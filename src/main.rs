//! Command-line interface of personvern.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use personvern::diagnostics::{self, stderr_colour};
use personvern::Report;

/// Static bilingual privacy-notice and cookie-declaration generator.
///
/// One TOML description of an organisation becomes a privacy statement and
/// a cookie declaration in Norwegian Bokmål and English.
#[derive(Parser)]
#[command(name = "personvern", version, about, long_about = None, propagate_version = true)]
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
        /// How to print diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
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
                "diagnostics": diagnostics::to_json(&report.diagnostics, &report.sources),
            });
            println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
        }
    }
}

fn summary(report: &Report) -> String {
    let e = report.diagnostics.error_count();
    let w = report.diagnostics.warning_count();
    let plural = |n: usize, s: &str| if n == 1 { format!("{n} {s}") } else { format!("{n} {s}s") };
    match (e, w) {
        (0, 0) => String::new(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Init { dir } => match personvern::init::init(&dir) {
            Ok(files) => {
                eprintln!("Created a new site in {} ({} files).", dir.display(), files.len());
                eprintln!("Next: edit {}/personvern.toml and content/*.toml, then run", dir.display());
                eprintln!("    personvern build {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Build { dir, output, force, format } => {
            let start = Instant::now();
            match personvern::build(&dir, output.as_deref(), force) {
                Ok(report) => {
                    print_report(&report, format);
                    let w = summary(&report);
                    let out = output.clone().unwrap_or_else(|| dir.join("public"));
                    eprintln!(
                        "Built {} files into {} in {} ms{}",
                        report.files,
                        out.display(),
                        start.elapsed().as_millis(),
                        if w.is_empty() { String::new() } else { format!(" ({w})") }
                    );
                    ExitCode::SUCCESS
                }
                Err(report) => {
                    print_report(&report, format);
                    eprintln!("error: build failed with {}; the previous output was left untouched", summary(&report));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { dir, format, deny_warnings } => {
            let report = personvern::check(&dir);
            print_report(&report, format);
            let failed = report.diagnostics.has_errors() || (deny_warnings && report.diagnostics.warning_count() > 0);
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
