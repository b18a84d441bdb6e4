//! `polku render [DIR]`: a pathway (or the ecosystem) as a diagram — SVG, PNG, PDF or DOT.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::{refuse_workspace_file, write_atomic};
use super::shared::{Language, resolve_pathway, resolve_profile};
use crate::analysis;
use crate::diagnostic::Severity;
use crate::render::view::{self, LaneBy, ViewKind, ViewOptions};
use crate::render::{dot, graphviz, layout, svg};
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
    /// Label language; missing translations fall back to the others.
    #[arg(long, value_enum, default_value_t = Language::Fi)]
    lang: Language,
    /// Layout engine: `lanes` (polku's own swimlanes, always available, SVG) or `dot` (Graphviz).
    /// Default: lanes for the lanes view, dot for the others when Graphviz is installed.
    #[arg(long, value_enum)]
    engine: Option<Engine>,
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
enum Format {
    Svg,
    Png,
    Pdf,
    Dot,
}

/// Renders the diagram; says on standard error which engine it used. Exits 1 when the workspace
/// has load errors (the valid part is still drawn), like `check` and `analyze`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    if let Some(output) = &args.output {
        refuse_workspace_file(output, &args.dir)?;
    }
    let format = args.format.unwrap_or_else(|| {
        let ext = args
            .output
            .as_deref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str());
        match ext.map(str::to_ascii_lowercase).as_deref() {
            Some("png") => Format::Png,
            Some("pdf") => Format::Pdf,
            Some("dot" | "gv") => Format::Dot,
            _ => Format::Svg,
        }
    });
    let loaded = workspace::load_dir(&args.dir)?;
    let load_errors = loaded.count(Severity::Error) > 0;
    if load_errors {
        eprintln!(
            "warning: the workspace has load errors (see `polku check {}`); drawing the valid part",
            args.dir.display()
        );
    }
    let model = &loaded.model;
    let options = ViewOptions {
        kind: match args.view {
            View::Lanes => ViewKind::Lanes,
            View::Route => ViewKind::Route,
            View::Ecosystem => ViewKind::Ecosystem,
        },
        lanes: match args.lanes {
            Lanes::Actor => LaneBy::Actor,
            Lanes::Sector => LaneBy::Sector,
        },
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
        lang: args.lang.into(),
        ..ViewOptions::default()
    };
    let analysis = analysis::analyze(model);
    let view = view::build(model, &analysis, &options).map_err(Failure)?;

    let engine = match (args.engine, format) {
        (_, Format::Dot) => Engine::Dot,
        (Some(e), _) => e,
        // The native engine writes SVG only; PNG and PDF come from Graphviz.
        (None, Format::Png | Format::Pdf) => Engine::Dot,
        (None, Format::Svg) if options.kind == ViewKind::Lanes => Engine::Lanes,
        (None, Format::Svg) if graphviz::available() => Engine::Dot,
        (None, Format::Svg) => Engine::Lanes,
    };
    if engine == Engine::Lanes && format != Format::Svg {
        return Err(Failure(
            "the lanes engine writes SVG; use --format svg, or --engine dot for PNG and PDF".into(),
        ));
    }
    let bytes = match (engine, format) {
        (_, Format::Dot) => dot::dot(&view).into_bytes(),
        (Engine::Lanes, _) => svg::svg(&view, &layout::layout(&view)).into_bytes(),
        (Engine::Dot, format) => {
            let format = match format {
                Format::Png => graphviz::Format::Png,
                Format::Pdf => graphviz::Format::Pdf,
                _ => graphviz::Format::Svg,
            };
            let limits = graphviz::Limits {
                time: std::time::Duration::from_secs(args.timeout),
                ..graphviz::Limits::default()
            };
            let source = dot::dot(&view);
            match graphviz::Cache::user().filter(|_| !args.no_cache) {
                Some(cache) => {
                    let (bytes, hit) = cache.run(&source, format, limits)?;
                    if hit {
                        eprintln!("(layout from the cache)");
                    }
                    bytes
                }
                None => graphviz::run(&source, format, limits)?,
            }
        }
    };
    let what = format!(
        "{} view, {} nodes, {} edges, engine {}",
        match options.kind {
            ViewKind::Lanes => "lanes",
            ViewKind::Route => "route",
            ViewKind::Ecosystem if view.aggregated => "ecosystem (aggregated by actor)",
            ViewKind::Ecosystem => "ecosystem",
        },
        view.nodes.len(),
        view.edges.len(),
        match (engine, format) {
            (_, Format::Dot) => "none (DOT source)",
            (Engine::Lanes, _) => "lanes (polku's own swimlane layout)",
            (Engine::Dot, _) => "dot (Graphviz)",
        }
    );
    match &args.output {
        Some(path) => {
            write_atomic(path, &bytes, true)
                .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
            eprintln!("wrote {}: {what}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            if matches!(format, Format::Png | Format::Pdf) && out.is_terminal() {
                return Err(Failure("binary output: give a file with -o FILE".into()));
            }
            out.write_all(&bytes)?;
            eprintln!("rendered {what}");
        }
    }
    Ok(if load_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
