//! `polku export [DIR] --format mermaid|bpmn|graphml|json|markdown`: the model for other tools —
//! Mermaid for Markdown and GitHub, BPMN 2.0 for Camunda Modeler and bpmn.io, GraphML for Gephi,
//! yEd and Kumu, JSON for programs, Markdown for Innokylä's form. The bytes are those of
//! `polku serve`'s downloads: both come from [`pipeline::render`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::refuse_workspace_file;
use super::shared::{Language, deliver, output_failure, output_format, resolve_pathway};
use crate::diagnostic::Severity;
use crate::render::Derived;
use crate::render::pipeline::{self, Drawing, Target};
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
    /// The pathway (its id). Mermaid, BPMN and Markdown are of one pathway and need it when there
    /// are several; GraphML and JSON export the whole workspace without it, the pathway with it.
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
    Markdown,
}

impl From<Format> for pipeline::Format {
    fn from(f: Format) -> pipeline::Format {
        match f {
            Format::Mermaid => pipeline::Format::Mermaid,
            Format::Bpmn => pipeline::Format::Bpmn,
            Format::Graphml => pipeline::Format::Graphml,
            Format::Json => pipeline::Format::Json,
            Format::Markdown => pipeline::Format::Markdown,
        }
    }
}

/// The formats `polku export` writes.
const EXPORTS: [pipeline::Format; 5] = [
    pipeline::Format::Mermaid,
    pipeline::Format::Bpmn,
    pipeline::Format::Graphml,
    pipeline::Format::Json,
    pipeline::Format::Markdown,
];

/// Writes the export. Exits 1 when the workspace has load errors (the valid part is still
/// exported), like `check` and `analyze`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if let Some(output) = &args.output {
        refuse_workspace_file(output, &args.dir)?;
    }
    let format = output_format(
        Some(args.format.into()),
        args.output.as_deref(),
        &EXPORTS,
        pipeline::Format::Json,
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
    let derived = Derived::of(model);
    let ws = derived.with(&loaded);
    let request = pipeline::Request {
        target: match (pathway, format) {
            // Without a pathway, GraphML and JSON are of the whole workspace; the others draw
            // one pathway (the only one, or a failure that lists them).
            (None, pipeline::Format::Graphml | pipeline::Format::Json) => Target::Workspace,
            (p, _) => Target::Pathway(p),
        },
        drawing: Drawing::Lanes,
        profile: None,
        lang: args.lang.into(),
        format,
        engine: pipeline::Engine::Native,
        paper: pipeline::Paper::A4,
        focus: Default::default(),
    };
    let output =
        pipeline::render(&ws, &request, pipeline::Graphviz::default()).map_err(output_failure)?;
    deliver(args.output.as_deref(), &output.bytes, false)?;
    if let Some(path) = &args.output {
        eprintln!("wrote {}", path.display());
    }
    Ok(if load_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
