//! `personvern watch`: the rebuild loop without a server, writing into a folder.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use personvern::serve;

use super::{cache_dir, output_of, summary};

/// Arguments of `personvern watch`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Output folder (default: [site] output_dir, "public").
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Neither read nor write the render cache of archived versions.
    #[arg(long)]
    pub no_cache: bool,
}

/// Rebuilds into the output folder until interrupted.
pub fn run(args: Args) -> ExitCode {
    run_watch(&args.dir, args.output, cache_dir(args.no_cache))
}

fn run_watch(dir: &std::path::Path, output: Option<PathBuf>, cache: Option<PathBuf>) -> ExitCode {
    let (root, _watcher, rx) = match start_watching(dir) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let from_config = output.is_none();
    let output = output
        .map(|o| std::path::absolute(&o).unwrap_or(o))
        .unwrap_or_else(|| output_of(&root, None));
    if let Err(code) = refuse_unsafe_output(&root, &output, from_config) {
        return code;
    }
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
                super::eprint_diagnostics(&r.diagnostics, &r.sources);
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

/// Refuses an output folder that would replace the site's sources, or an
/// `output_dir` in personvern.toml that leaves the site (see
/// `personvern::output_dir_problem`), before the first build writes.
fn refuse_unsafe_output(
    root: &std::path::Path,
    output: &std::path::Path,
    from_config: bool,
) -> Result<(), ExitCode> {
    use personvern::output::{bad_output_dir_setting, unsafe_output_dir};
    let config = root.join(personvern::load::CONFIG_FILE);
    let setting = personvern::load::config::output_dir_value(root);
    let problem = match setting.as_deref().and_then(bad_output_dir_setting) {
        Some(msg) if from_config => Some((
            msg,
            config.display().to_string(),
            personvern::output::BAD_OUTPUT_DIR_HELP,
        )),
        _ => unsafe_output_dir(root, output).map(|msg| {
            (
                msg,
                output.display().to_string(),
                personvern::output::UNSAFE_OUTPUT_HELP,
            )
        }),
    };
    match problem {
        Some((msg, at, help)) => {
            eprintln!("error[output-dir]: {msg}\n  --> {at}\n  = help: {help}");
            Err(ExitCode::from(1))
        }
        None => Ok(()),
    }
}

/// Checks that `dir` holds a site and starts watching it (before the first
/// build, so a save during that build is not lost). Returns the canonical
/// root, the watcher (keep it alive) and its events.
pub(super) fn start_watching(
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
pub(super) fn rebuild_on_changes(
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
