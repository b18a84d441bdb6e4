//! `polku export [DIR] --format mermaid|bpmn|graphml|json`: the model for other tools — Mermaid for
//! Markdown and GitHub, BPMN 2.0 for Camunda Modeler and bpmn.io, GraphML for Gephi, yEd and Kumu,
//! JSON for programs.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::write_atomic;
use super::shared::{Language, resolve_pathway};
use crate::analysis;
use crate::diagnostic::Severity;
use crate::model::ServiceIx;
use crate::render::view::{self, ViewOptions};
use crate::render::{bpmn, graphml, json, layout, mermaid};
use crate::workspace;

/// Arguments of `polku export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    format: Format,
    /// The pathway (its id). Mermaid and BPMN draw one pathway and need it when there are several;
    /// GraphML and JSON export the whole workspace without it.
    #[arg(long)]
    pathway: Option<String>,
    /// Label language; missing translations fall back to the others.
    #[arg(long, value_enum, default_value_t = Language::Fi)]
    lang: Language,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Mermaid,
    Bpmn,
    Graphml,
    Json,
}

/// Writes the export. Exits 1 when the workspace has load errors (the valid part is still
/// exported), like `check` and `analyze`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    // Refuses `--format bpmn -o x.json`, before anything is loaded (see `output_format`).
    super::render::output_format(
        "export",
        Some(args.format),
        args.output.as_deref(),
        &[
            (Format::Mermaid, "mermaid", &["mmd", "mermaid"]),
            (Format::Bpmn, "bpmn", &["bpmn", "xml"]),
            (Format::Graphml, "graphml", &["graphml", "xml"]),
            (Format::Json, "json", &["json"]),
        ],
    )?;
    let loaded = workspace::load_dir(&args.dir)?;
    let load_errors = loaded.count(Severity::Error) > 0;
    if load_errors {
        eprintln!(
            "warning: the workspace has load errors (see `polku check {}`); exporting the valid part",
            args.dir.display()
        );
    }
    let model = &loaded.model;
    let pathway = args
        .pathway
        .as_deref()
        .map(|id| resolve_pathway(model, id))
        .transpose()?;
    let analysis = analysis::analyze(model);
    let options = ViewOptions {
        pathway,
        lang: args.lang.into(),
        ..ViewOptions::default()
    };
    let text = match args.format {
        Format::Mermaid => {
            mermaid::mermaid(&view::build(model, &analysis, &options).map_err(Failure)?)
        }
        Format::Bpmn => {
            let v = view::build(model, &analysis, &options).map_err(Failure)?;
            bpmn::bpmn(&v, &layout::layout(&v))
        }
        Format::Graphml => {
            let services: Vec<ServiceIx> = match pathway {
                Some(p) => model.pathway(p).services.clone(),
                None => (0..model.services.len() as u32).map(ServiceIx).collect(),
            };
            graphml::graphml(model, &analysis, &services, args.lang.into())
        }
        Format::Json => serde_json::to_string_pretty(&json::json(model, &analysis))? + "\n",
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), true)
                .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if load_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
