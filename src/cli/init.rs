//! `personvern init`: a new site with commented example data.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `personvern init`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder to create.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

/// Creates the starter site.
pub fn run(args: Args) -> ExitCode {
    let dir = args.dir;
    match personvern::output::starter::init(&dir) {
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
            eprintln!(
                "Every key is described in the README of personvern, section \"Data reference\"."
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
