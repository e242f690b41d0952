//! `personvern serve`: build in memory, serve on loopback, rebuild on save, reload open pages.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use personvern::serve;

use super::watch::{rebuild_on_changes, start_watching};
use super::{cache_dir, output_of, summary};

/// Arguments of `personvern serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Site folder (holds personvern.toml).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Port (0 picks a free one).
    #[arg(short, long, value_name = "PORT", default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on.
    #[arg(short, long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: String,
    /// Allow listening on an address other machines can reach (with
    /// --bind); the preview is then open to everyone on that network.
    #[arg(long)]
    pub allow_remote: bool,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Neither read nor write the render cache of archived versions.
    #[arg(long)]
    pub no_cache: bool,
}

/// Serves the site until interrupted.
pub fn run(args: Args) -> ExitCode {
    if !serve::is_loopback_bind(&args.bind) && !args.allow_remote {
        eprintln!(
            "error: --bind {} is reachable from other machines, and the preview has no access control\n  = help: use --bind 127.0.0.1 (the default), or add --allow-remote to make the preview reachable by others on purpose",
            args.bind
        );
        return ExitCode::from(2);
    }
    run_serve(
        &args.dir,
        args.port,
        &args.bind,
        args.open,
        cache_dir(args.no_cache),
    )
}

fn run_serve(
    dir: &std::path::Path,
    port: u16,
    bind: &str,
    open: bool,
    cache: Option<PathBuf>,
) -> ExitCode {
    let (root, _watcher, rx) = match start_watching(dir) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let output = output_of(&root, None);
    let state: serve::Shared = Default::default();
    let mut rebuilder = serve::Rebuilder::new(&root).with_cache(cache);
    let first = rebuilder.build(true);
    serve::publish(&state, &first);
    finish_serve(&mut rebuilder, &state, &first, "");
    let addr = match serve::start_server(bind, port, state.clone()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if !addr.ip().is_loopback() {
        eprintln!(
            "warning: --allow-remote: listening on {addr}; anyone who can reach this machine can read the preview"
        );
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
    eprintln!("Watching {} for changes (Ctrl-C to stop)", dir.display());
    rebuild_on_changes(
        &rx,
        &root,
        &output,
        &mut rebuilder,
        |rebuilder, attempt, label| {
            serve::publish(&state, attempt);
            finish_serve(rebuilder, &state, attempt, label);
        },
    );
    ExitCode::SUCCESS
}

/// After the pages of a build are published (and open pages reloaded):
/// makes and publishes its Markdown and JSON files, then reports.
fn finish_serve(
    rebuilder: &mut serve::Rebuilder,
    state: &serve::Shared,
    attempt: &serve::Attempt,
    changed: &str,
) {
    let t = std::time::Instant::now();
    if let Some(data) = rebuilder.finish() {
        let n = data.len();
        serve::publish_data(state, data);
        if let serve::Attempt::Ok(out, took) = attempt {
            eprintln!(
                "{changed}rebuilt {} files in {} ms (pages; Markdown and JSON {} ms more){}",
                out.len() + n,
                took.as_millis(),
                t.elapsed().as_millis(),
                match rebuilder.cached() {
                    0 => String::new(),
                    c => format!("; {c} archived pages from the cache"),
                }
            );
            return;
        }
    }
    report_attempt(attempt, changed);
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
            super::eprint_diagnostics(&r.diagnostics, &r.sources);
            eprintln!(
                "{changed}build failed with {}; still serving the last good build",
                summary(r)
            );
        }
    }
}
