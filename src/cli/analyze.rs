//! `polku analyze [DIR]`: gaps and bottlenecks, as a ranked summary then every finding; with
//! `--set`/`--without`, what changes when the model does.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::{refuse_workspace_file, write_atomic};
use super::shared::{resolve_pathway, resolve_profile};
use crate::analysis::{self, whatif};
use crate::diagnostic::Severity;
use crate::render::report::analysis::{Report, Scope, comparison_markdown, comparison_text};
use crate::render::report::diagnostics;
use crate::workspace;

/// Arguments of `polku analyze`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// Only this pathway (its id).
    #[arg(long)]
    pathway: Option<String>,
    /// Only this client profile (its id).
    #[arg(long)]
    profile: Option<String>,
    /// `text` for people, `markdown` for documents, `json` for programs.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// What-if: change a figure and compare, e.g. `service.nuorisoasema.capacity=60`,
    /// `service.ID.staff=4`, `service.ID.wait_days=10`, `handoff.FROM.TO.wait_days=10`,
    /// `handoff.FROM.TO.share=0.3`. Repeatable.
    #[arg(long = "set", value_name = "EXPR")]
    set: Vec<String>,
    /// What-if: remove a service and its handoffs, e.g. `service.nuorisoasema`. Repeatable.
    /// A what-if compares key figures and findings of the whole workspace.
    #[arg(long, value_name = "EXPR")]
    without: Vec<String>,
    /// Write the report to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Count betweenness exactly on every pathway, however large (slow: a pathway of 100,000
    /// services takes many minutes). By default a pathway above about 5,000 services gets a sampled
    /// estimate whose error bound its findings state.
    #[arg(long)]
    exact_betweenness: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Text,
    Markdown,
    Json,
}

/// Runs the analysis; exit 0 when the workspace loaded without errors, 1 when it has errors (the
/// valid part is still analysed).
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if let Some(output) = &args.output {
        refuse_workspace_file(output, &args.dir)?;
    }
    let loaded = workspace::load_dir(&args.dir)?;
    let model = &loaded.model;
    let load_errors = loaded.count(Severity::Error);
    if load_errors > 0 {
        eprint!(
            "{}",
            diagnostics::to_plain_string(&loaded.sources, &loaded.diagnostics)
        );
        eprintln!(
            "warning: the workspace has {load_errors} load errors; analysing the valid part only"
        );
    }
    let scope = Scope {
        pathway: args
            .pathway
            .as_deref()
            .map(|id| resolve_pathway(model, id))
            .transpose()?,
        profile: args
            .profile
            .as_deref()
            .map(|id| resolve_profile(model, id))
            .transpose()?,
    };
    let options = analysis::AnalysisOptions {
        exact_betweenness: args.exact_betweenness,
    };
    let analysis = analysis::analyze_with(model, options);
    let text = if args.set.is_empty() && args.without.is_empty() {
        let report = Report {
            model,
            sources: &loaded.sources,
            analysis: &analysis,
            scope,
        };
        match args.format {
            Format::Text => report.text(),
            Format::Markdown => report.markdown(),
            Format::Json => serde_json::to_string_pretty(&report.json())? + "\n",
        }
    } else {
        if args.pathway.is_some() || args.profile.is_some() {
            eprintln!(
                "note: a what-if compares the whole workspace; --pathway and --profile do not narrow it"
            );
        }
        let mut changes = Vec::new();
        for expr in &args.set {
            changes.push(whatif::parse_set(model, expr).map_err(Failure)?);
        }
        for expr in &args.without {
            changes.push(whatif::parse_without(model, expr).map_err(Failure)?);
        }
        let changed = whatif::apply(model, &changes).map_err(Failure)?;
        let after = analysis::analyze_with(&changed, options);
        let comparison = whatif::compare(model, &analysis, &changed, &after);
        match args.format {
            Format::Json => serde_json::to_string_pretty(&comparison)? + "\n",
            Format::Text => comparison_text(&comparison),
            Format::Markdown => comparison_markdown(&comparison),
        }
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes(), true)
                .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(if load_errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
