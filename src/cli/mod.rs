//! The command line: one file per command, each with its arguments and a `run` that wires the
//! library together. No logic beyond wiring lives here.
//!
//! Exit codes are a contract scripts rely on: 0 success, 1 the workspace has errors (or warnings
//! with `--deny warnings`), 2 polku could not run (bad arguments, missing folder, I/O failure).

mod analyze;
mod build;
mod check;
mod export;
mod new;
pub mod output;
mod render;
mod schema;
mod serve;
mod shared;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Service pathways of child and youth services as graphs: check, analyse, render, serve.
#[derive(Parser, Debug)]
#[command(name = "polku", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a workspace: every file, every reference, every problem in one run.
    Check(check::Args),
    /// Analyse a workspace for gaps and bottlenecks; what-if with --set and --without.
    Analyze(analyze::Args),
    /// Draw a pathway or the ecosystem: SVG, PNG, PDF or DOT.
    Render(render::Args),
    /// Documentation for Innokylä: an HTML site and Markdown per pathway, in fi, sv or en.
    Build(build::Args),
    /// Serve the workspace as a local web app: pathways, findings, diagrams, live reload.
    Serve(serve::Args),
    /// Export for other tools: Mermaid, BPMN 2.0, GraphML or JSON.
    Export(export::Args),
    /// Write a commented starter pathway that passes `check`.
    New(new::Args),
    /// Print the JSON Schema of pathway files, for editor completion and validation.
    Schema(schema::Args),
}

/// A failure that stops a command before it could do its job (exit code 2).
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

/// Parses the arguments, runs the command and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Analyze(args) => analyze::run(args),
        Command::Render(args) => render::run(args),
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Export(args) => export::run(args),
        Command::New(args) => new::run(args),
        Command::Schema(args) => schema::run(args),
    };
    match result {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
