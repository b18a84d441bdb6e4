//! `polku render [DIR]`: a pathway (or the ecosystem) as a diagram — SVG, PNG, PDF or DOT.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::refuse_workspace_file;
use super::shared::{
    Language, deliver, output_failure, output_format, resolve_pathway, resolve_profile,
};
use crate::diagnostic::Severity;
use crate::render::Derived;
use crate::render::diagram::graphviz;
use crate::render::diagram::view::{Focus, ViewKind};
use crate::render::pipeline::{self, Drawing, Target};
use crate::workspace;

/// Arguments of `polku render`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// The pathway to draw (its id); needed for lanes and route views when there are several.
    #[arg(long)]
    pathway: Option<String>,
    /// Which diagram.
    #[arg(long, value_enum, default_value_t = View::Lanes)]
    view: View,
    /// Lanes by organisation or by sector.
    #[arg(long, value_enum, default_value_t = Lanes::Actor)]
    lanes: Lanes,
    /// The profile whose route to draw (route view).
    #[arg(long)]
    profile: Option<String>,
    /// The ecosystem of one region (as the services' or actors' `region` says; `-` for services
    /// without one). A large ecosystem is summed up into regions, a region into organisations.
    #[arg(long, conflicts_with = "actor")]
    region: Option<String>,
    /// The ecosystem of one organisation (its actor id; `-` for services without one).
    #[arg(long)]
    actor: Option<String>,
    /// Label language; missing translations fall back to the others.
    #[arg(long, value_enum, default_value_t = Language::Fi)]
    lang: Language,
    /// Layout engine: `lanes` (polku's own swimlanes, always available, in every format) or
    /// `dot` (Graphviz, when installed). Default: lanes; DOT source needs neither.
    #[arg(long, value_enum, default_value_t = Engine::Lanes)]
    engine: Engine,
    /// Paper of a PDF, landscape: a wide diagram is tiled across pages with its lane headers
    /// repeated, so no text is under 7 pt.
    #[arg(long, value_enum, default_value_t = PaperArg::A4)]
    paper: PaperArg,
    /// Output format; by default taken from the `-o` file's extension, else SVG.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Seconds Graphviz may take before it is stopped.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Do not use or fill the cache of Graphviz layouts ($XDG_CACHE_HOME/polku/dot).
    #[arg(long)]
    no_cache: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum View {
    Lanes,
    Route,
    Ecosystem,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Lanes {
    Actor,
    Sector,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Engine {
    Lanes,
    Dot,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum PaperArg {
    A4,
    A3,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Svg,
    Png,
    Pdf,
    Dot,
}

impl From<Format> for pipeline::Format {
    fn from(f: Format) -> pipeline::Format {
        match f {
            Format::Svg => pipeline::Format::Svg,
            Format::Png => pipeline::Format::Png,
            Format::Pdf => pipeline::Format::Pdf,
            Format::Dot => pipeline::Format::Dot,
        }
    }
}

/// The formats `polku render` writes.
const DIAGRAMS: [pipeline::Format; 4] = [
    pipeline::Format::Svg,
    pipeline::Format::Png,
    pipeline::Format::Pdf,
    pipeline::Format::Dot,
];

/// Renders the diagram; says on standard error which engine it used. Exits 1 when the workspace
/// has load errors (the valid part is still drawn), like `check` and `analyze`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if let Some(output) = &args.output {
        refuse_workspace_file(output, &args.dir)?;
    }
    let format = output_format(
        args.format.map(Into::into),
        args.output.as_deref(),
        &DIAGRAMS,
        pipeline::Format::Svg,
    )?;
    let loaded = workspace::load_dir(&args.dir)?;
    let load_errors = loaded.count(Severity::Error) > 0;
    if load_errors {
        eprintln!(
            "warning: the workspace has load errors (see `polku check {}`); drawing the valid part",
            args.dir.display()
        );
    }
    let model = &loaded.model;
    let pathway = args
        .pathway
        .as_deref()
        .map(|id| resolve_pathway(model, id))
        .transpose()?;
    let profile = args
        .profile
        .as_deref()
        .map(|id| resolve_profile(model, id))
        .transpose()?;
    if (args.region.is_some() || args.actor.is_some()) && args.view != View::Ecosystem {
        return Err(Failure(
            "--region and --actor choose a part of the ecosystem: add `--view ecosystem`".into(),
        ));
    }
    let focus =
        Focus::resolve(model, args.region.as_deref(), args.actor.as_deref()).map_err(Failure)?;
    let engine = args.engine;
    let request = pipeline::Request {
        target: match args.view {
            View::Ecosystem => Target::Workspace,
            _ => Target::Pathway(pathway),
        },
        drawing: match (args.view, args.lanes) {
            (View::Route, _) => Drawing::Route,
            (_, Lanes::Sector) => Drawing::Sector,
            _ => Drawing::Lanes,
        },
        profile,
        lang: args.lang.into(),
        format,
        engine: match engine {
            Engine::Lanes => pipeline::Engine::Native,
            Engine::Dot => pipeline::Engine::Graphviz,
        },
        paper: match args.paper {
            PaperArg::A4 => pipeline::Paper::A4,
            PaperArg::A3 => pipeline::Paper::A3,
        },
        focus,
    };
    let derived = Derived::of(model);
    let ws = derived.with(&loaded);
    let cache = graphviz::Cache::user().filter(|_| !args.no_cache);
    let run = pipeline::Graphviz {
        limits: graphviz::Limits {
            time: std::time::Duration::from_secs(args.timeout),
            ..graphviz::Limits::default()
        },
        cache: cache.as_ref(),
    };
    let output = pipeline::render(&ws, &request, run).map_err(output_failure)?;
    if output.cached {
        eprintln!("(layout from the cache)");
    }
    let what = output.view.map_or(String::new(), |v| {
        format!(
            "{} view, {} nodes, {} edges, engine {}",
            match v.kind {
                ViewKind::Lanes => "lanes",
                ViewKind::Route => "route",
                ViewKind::Ecosystem if v.aggregated =>
                    "ecosystem (summed up by organisation or region)",
                ViewKind::Ecosystem => "ecosystem",
            },
            v.nodes,
            v.edges,
            match (engine, format) {
                (_, pipeline::Format::Dot) => "none (DOT source)",
                (Engine::Lanes, _) => "lanes (polku's own swimlane layout)",
                (Engine::Dot, _) => "dot (Graphviz)",
            }
        )
    });
    deliver(args.output.as_deref(), &output.bytes, format.is_binary())?;
    match &args.output {
        Some(path) => eprintln!("wrote {}: {what}", path.display()),
        None => eprintln!("rendered {what}"),
    }
    Ok(if load_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
