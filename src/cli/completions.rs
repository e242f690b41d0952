//! `personvern completions SHELL` and `personvern man`: a shell completion
//! script and the manual page, made from the same command definitions as
//! `--help` (clap_complete, clap_mangen), so they cannot fall behind.

use std::io::Write;
use std::process::ExitCode;

/// Arguments of `personvern completions`.
#[derive(clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Prints the completion script for `args.shell` on stdout.
pub fn run(args: Args, mut cmd: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "personvern", &mut out);
    write_out(&out)
}

/// Prints the manual page (roff) on stdout: `personvern man > personvern.1`.
pub fn man(cmd: clap::Command) -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
        eprintln!("error: cannot make the manual page: {e}");
        return ExitCode::from(2);
    }
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            ExitCode::from(2)
        }
    }
}
