//! `polku new NAME [--dir DIR]`: write a commented starter pathway that passes `check`.

use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::output::write_atomic;
use crate::workspace::{check_id, starter::starter, suggest_id};

/// Arguments of `polku new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The new pathway's id and file name, kebab-case (e.g. `nuorten-mielenterveyspolku`).
    name: String,
    /// The workspace folder to write it in; created if missing.
    #[arg(long, default_value = "pathways")]
    dir: PathBuf,
}

/// Writes `DIR/NAME.toml`, never over an existing file.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if let Err(why) = check_id(&args.name) {
        return Err(Failure(format!(
            "`{}` cannot be a pathway id: {why}; try `{}`",
            args.name,
            suggest_id(&args.name)
        )));
    }
    std::fs::create_dir_all(&args.dir)
        .map_err(|e| Failure(format!("cannot create `{}`: {e}", args.dir.display())))?;
    let path = args.dir.join(format!("{}.toml", args.name));
    if path.exists() {
        return Err(Failure(format!(
            "`{}` already exists; choose another name or delete the file first",
            path.display()
        )));
    }
    write_atomic(&path, starter(&args.name).as_bytes(), false)
        .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
    println!("created {}", path.display());
    println!(
        "next: edit it, then run `polku check {}`",
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
