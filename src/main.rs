//! Command-line interface of personvern.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

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
    #[command(flatten)]
    global: cli::Global,
}

/// The commands, in the order a new user needs them.
#[derive(Subcommand)]
enum Command {
    /// Create a new site folder with commented example data.
    Init(cli::init::Args),
    /// Build the site into its output folder ([site] output_dir, "public").
    Build(cli::build::Args),
    /// Check the site without writing anything.
    Check(cli::check::Args),
    /// Build, serve on loopback and rebuild on every save, with live reload.
    Serve(cli::serve::Args),
    /// Rebuild into an output folder on every save (no server).
    Watch(cli::watch::Args),
    /// Freeze the current data as a release in history/.
    Release(cli::release::Args),
    /// Show what changed between releases (default: last release → working copy).
    ///
    /// Exit status: 0 when no change is material, 1 when a change is material
    /// (so CI can require a release note), 2 on errors.
    Diff(cli::diff::Args),
    /// Look up or add known cookies (Open Cookie Database, Apache-2.0).
    Cookie(cli::cookie::Args),
    /// Export the record of processing activities (GDPR art. 30).
    Ropa(cli::ropa::Args),
    /// Check the live website against the declaration in headless Chromium.
    ///
    /// Exit status: 0 when the website matches, 1 on findings of error
    /// severity, 2 on usage errors or when the browser or the website failed
    /// (with a report of what was scanned).
    Scan(cli::scan::Args),
    /// Print the JSON Schema of the input TOML (for editors and CI).
    Schema,
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    ///
    /// bash: personvern completions bash > ~/.local/share/bash-completion/completions/personvern
    /// zsh: personvern completions zsh > "${fpath[1]}/_personvern"
    /// fish: personvern completions fish > ~/.config/fish/completions/personvern.fish
    Completions(cli::completions::Args),
    /// Print the manual page (roff), e.g. personvern man > personvern.1
    Man,
}

fn main() -> ExitCode {
    // First, so that parsing the arguments faults in no huge page either.
    set_transparent_huge_pages(false);
    let Cli { command, global } = Cli::parse();
    cli::set_global(global);
    if !matches!(command, Command::Serve(_)) {
        quiet_on_closed_pipe();
    }
    if !matches!(command, Command::Serve(_) | Command::Watch(_)) {
        keep_freed_memory();
    }
    if matches!(command, Command::Scan(_)) {
        set_transparent_huge_pages(true);
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
        Command::Scan(args) => cli::scan::run(args),
        Command::Schema => cli::schema::run(),
        Command::Completions(args) => cli::completions::run(args, Cli::command()),
        Command::Man => cli::completions::man(Cli::command()),
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

/// A command that runs once keeps the memory it frees for its next
/// allocations instead of handing it back to the system after mimalloc's
/// default 10 ms: a build frees and allocates hundreds of megabytes of
/// rendered pages, and every page handed back was faulted in and zeroed
/// again (about a tenth of the CPU time of a 2,300-cookie build, for 4 to
/// 14 MB more peak RSS on it; see BENCHMARKS.md). `serve` and `watch` run for
/// hours and keep the default, so they give memory back between rebuilds.
fn keep_freed_memory() {
    // `mi_option_purge_delay` of mimalloc v2's mimalloc.h (between
    // eager_commit_delay, 14, and use_numa_nodes, 16, which libmimalloc-sys
    // names); the crate has no constant for it.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: mi_option_set only stores the option's value; it is called at
    // the start of main, before any other thread runs.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
    }
}

/// No transparent huge pages for this process (`allowed` false). mimalloc asks the kernel
/// for them on its 1 GiB arena (`madvise(MADV_HUGEPAGE)`, which the usual
/// `madvise` setting of Linux honours), so the first touch of any byte of a
/// 2 MiB stretch faulted in and zeroed all of it: on example-site 34 of the
/// 48 MB of peak RSS were such pages, and zeroing them was up to 40% of the
/// CPU samples of a large build (see BENCHMARKS.md). The flag is checked at
/// each fault, so it also covers memory mapped before main. `scan` gives
/// the system's default back (`allowed` true): the flag would pass to the
/// browser it starts.
fn set_transparent_huge_pages(allowed: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets or clears a flag of this
    // process; the call has no other effect, and a kernel without it
    // returns an error that changes nothing (the build then runs as before).
    unsafe {
        libc::prctl(
            libc::PR_SET_THP_DISABLE,
            libc::c_ulong::from(!allowed),
            0,
            0,
            0,
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = allowed;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the README's command table: first cell -> whole row.
    fn readme_command_rows() -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).unwrap_or_default();
        readme
            .lines()
            .skip_while(|l| !l.starts_with("| command |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .map(|l| {
                l.trim_start_matches('|')
                    .split(" | ")
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    /// Every command of the CLI, and every flag and argument of each (from
    /// clap), is in the README's command table.
    #[test]
    fn readme_command_table_lists_every_flag() {
        use clap::CommandFactory;
        let rows = readme_command_rows();
        assert!(rows.len() >= 10, "README command table not found: {rows:?}");
        let mut missing = Vec::new();
        let cli = Cli::command();
        let mut commands: Vec<(String, clap::Command)> = Vec::new();
        for sub in cli.get_subcommands() {
            if sub.has_subcommands() {
                for inner in sub.get_subcommands() {
                    commands.push((
                        format!("{} {}", sub.get_name(), inner.get_name()),
                        inner.clone(),
                    ));
                }
            } else {
                commands.push((sub.get_name().to_string(), sub.clone()));
            }
        }
        for (name, cmd) in &commands {
            // The row that documents it: its first cell names the command.
            let Some(row) = rows.iter().find(|r| {
                r.split('`')
                    .skip(1)
                    .step_by(2)
                    .any(|c| c == name.as_str() || c.starts_with(&format!("{name} ")))
            }) else {
                missing.push(format!("command `{name}`"));
                continue;
            };
            let cell: String = row
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|c| c == &name.as_str() || c.starts_with(&format!("{name} ")))
                .collect::<Vec<_>>()
                .join(" ");
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                // The global options have their own line under the table.
                if id == "help" || id == "version" || arg.is_global_set() {
                    continue;
                }
                let words: Vec<&str> = cell
                    .split(|c: char| c.is_whitespace() || "[]|".contains(c))
                    .collect();
                let shown = if arg.is_positional() {
                    let v = arg
                        .get_value_names()
                        .and_then(|v| v.first().map(|s| s.to_string()))
                        .unwrap_or_else(|| id.to_uppercase());
                    words.iter().any(|w| *w == v)
                } else {
                    let long = arg.get_long().map(|l| format!("--{l}"));
                    let short = arg.get_short().map(|c| format!("-{c}"));
                    [long, short]
                        .into_iter()
                        .flatten()
                        .any(|f| words.iter().any(|w| *w == f))
                };
                if !shown {
                    missing.push(format!(
                        "`{name}` {}",
                        arg.get_long().map_or(id.to_string(), |l| format!("--{l}"))
                    ));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "README's command table does not list: {}",
            missing.join(", ")
        );
    }

    #[test]
    fn cli_definition_is_valid() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
