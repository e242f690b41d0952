//! `personvern schema`: the JSON Schema of the input TOML.

use std::process::ExitCode;

/// Prints the schema.
pub fn run() -> ExitCode {
    print!("{}", personvern::load::schema::schema_json());
    ExitCode::SUCCESS
}
