//! Command-line interface of personvern.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use personvern::diagnostics::{self, stderr_colour};
use personvern::{serve, Report};

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
    },
    /// Rebuild into an output folder on every save (no server).
    Watch {
        /// Site folder (holds personvern.toml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (default: [site] output_dir, "public").
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the input TOML (for editors and CI).
    Schema,
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
        Command::Init { dir } => match personvern::init::init(&dir) {
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
            format,
        } => {
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
        } => run_serve(&dir, port, &bind, open),
        Command::Watch { dir, output } => run_watch(&dir, output),
        Command::Schema => {
            print!("{}", personvern::schema::schema_json());
            ExitCode::SUCCESS
        }
        Command::Check {
            dir,
            format,
            deny_warnings,
        } => {
            let report = personvern::check(&dir);
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
    explicit.unwrap_or_else(|| match personvern::load_site(dir) {
        Ok((site, _)) => personvern::output_dir(&site, None),
        Err(_) => dir.join("public"),
    })
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

fn run_serve(dir: &std::path::Path, port: u16, bind: &str, open: bool) -> ExitCode {
    if !dir.join(personvern::load::CONFIG_FILE).exists() {
        eprintln!(
            "error: no {} in {}",
            personvern::load::CONFIG_FILE,
            dir.display()
        );
        eprintln!("  = help: run `personvern init {}` first", dir.display());
        return ExitCode::from(2);
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let output = output_of(&root, None);
    let state: serve::Shared = Default::default();
    let mut rebuilder = serve::Rebuilder::new(&root);
    let first = rebuilder.build(true);
    report_attempt(&first, "");
    serve::publish(&state, &first);
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
    let (_watcher, rx) = match serve::watch(&root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    eprintln!("Watching {} for changes (Ctrl-C to stop)", dir.display());
    while let Some(changed) = serve::next_batch(
        &rx,
        &root,
        &output,
        std::time::Duration::from_millis(30),
        std::time::Duration::from_millis(500),
    ) {
        let attempt = rebuilder.build(serve::needs_new_renderer(&root, &changed));
        report_attempt(&attempt, &changed_label(&root, &changed));
        serve::publish(&state, &attempt);
    }
    ExitCode::SUCCESS
}

fn run_watch(dir: &std::path::Path, output: Option<PathBuf>) -> ExitCode {
    if !dir.join(personvern::load::CONFIG_FILE).exists() {
        eprintln!(
            "error: no {} in {}",
            personvern::load::CONFIG_FILE,
            dir.display()
        );
        return ExitCode::from(2);
    }
    let root = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let output = output
        .map(|o| std::path::absolute(&o).unwrap_or(o))
        .unwrap_or_else(|| output_of(&root, None));
    let mut rebuilder = serve::Rebuilder::new(&root);
    let write = |attempt: &serve::Attempt, label: &str| match attempt {
        serve::Attempt::Ok(out, took) => {
            match personvern::output::write_incremental(out, &output) {
                Ok(n) => {
                    eprintln!(
                        "{label}rebuilt in {} ms; {n} of {} files changed in {}",
                        took.as_millis(),
                        out.len(),
                        output.display()
                    );
                    let _ = std::io::stderr().flush();
                }
                Err(e) => eprintln!("error: {e}"),
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
    };
    let first = rebuilder.build(true);
    write(&first, "");
    let (_watcher, rx) = match serve::watch(&root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    eprintln!("Watching {} for changes (Ctrl-C to stop)", dir.display());
    while let Some(changed) = serve::next_batch(
        &rx,
        &root,
        &output,
        std::time::Duration::from_millis(30),
        std::time::Duration::from_millis(500),
    ) {
        let attempt = rebuilder.build(serve::needs_new_renderer(&root, &changed));
        write(&attempt, &changed_label(&root, &changed));
    }
    ExitCode::SUCCESS
}
