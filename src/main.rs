//! Command-line interface of personvern.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cli;

/// mimalloc (v2) instead of the system allocator: rendering builds and
/// drops many small JSON values and strings on several threads, where
/// glibc's malloc took about a quarter of the time (see BENCHMARKS.md).
/// Only the binary sets it; programs using the library choose their own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Static bilingual privacy-notice and cookie-declaration generator.
///
/// One TOML description of an organisation becomes a privacy statement and
/// a cookie declaration in Norwegian Bokmål and English.
#[derive(Parser)]
#[command(name = "personvern", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new site folder with commented example data.
    Init(cli::init::Args),
    /// Build the site into its output folder (default: DIR/public).
    Build(cli::build::Args),
    /// Build, serve on loopback and rebuild on every save, with live reload.
    Serve(cli::serve::Args),
    /// Rebuild into an output folder on every save (no server).
    Watch(cli::watch::Args),
    /// Print the JSON Schema of the input TOML (for editors and CI).
    Schema,
    /// Look up or add known cookies (Open Cookie Database, Apache-2.0).
    Cookie(cli::cookie::Args),
    /// Export the record of processing activities (GDPR art. 30).
    Ropa(cli::ropa::Args),
    /// Freeze the current data as a release in history/.
    Release(cli::release::Args),
    /// Show what changed between releases (default: last release → working copy).
    ///
    /// Exit status: 0 when no change is material, 1 when a change is material
    /// (so CI can require a release note), 2 on errors.
    Diff(cli::diff::Args),
    /// Check the site without writing anything.
    Check(cli::check::Args),
}

fn main() -> ExitCode {
    let command = Cli::parse().command;
    if !matches!(command, Command::Serve(_)) {
        quiet_on_closed_pipe();
    }
    match command {
        Command::Init(args) => cli::init::run(args),
        Command::Build(args) => cli::build::run(args),
        Command::Check(args) => cli::check::run(args),
        Command::Serve(args) => cli::serve::run(args),
        Command::Watch(args) => cli::watch::run(args),
        Command::Release(args) => cli::release::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Cookie(args) => cli::cookie::run(args),
        Command::Ropa(args) => cli::ropa::run(args),
        Command::Schema => cli::schema::run(),
    }
}

/// `personvern check | head` ends quietly when `head` has read enough, as
/// Unix tools do, instead of panicking on a closed pipe: the default action
/// of SIGPIPE (end the process) is restored. Not for `serve`, whose writes
/// to a closed connection must stay errors it handles.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called at the start of main, before any thread is started;
    // setting a signal's disposition to SIG_DFL has no other effect.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
