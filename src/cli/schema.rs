//! `polku schema [-o FILE]`: print the JSON Schema of pathway files.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::output::write_atomic;
use crate::workspace::schema::json_schema;

/// Arguments of `polku schema`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the schema to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Prints or writes the schema.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let schema = json_schema();
    match args.output {
        Some(path) => {
            write_atomic(&path, format!("{schema}\n").as_bytes(), true)
                .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        None => println!("{schema}"),
    }
    Ok(ExitCode::SUCCESS)
}
