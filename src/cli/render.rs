//! `polku render [DIR]`: a pathway (or the ecosystem) as a diagram — SVG, PNG, PDF or DOT.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::write_atomic;
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
    let format = output_format(
        "render",
        args.format,
        args.output.as_deref(),
        &[
            (Format::Svg, "svg", &["svg"]),
            (Format::Png, "png", &["png"]),
            (Format::Pdf, "pdf", &["pdf"]),
            (Format::Dot, "dot", &["dot", "gv"]),
        ],
    )?
    .unwrap_or(Format::Svg);
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

/// The format to write to `output`, for `polku {command}`: `given` (`--format`) if any, else the
/// one the file's extension names; `formats` lists each format with its `--format` value and the
/// extensions it is written under. One rule, for `render` and `export` alike: a file with an
/// extension must have one of its format's, so `-o x.jpg` never gets SVG in it and `--format png
/// -o x.svg` never a PNG named `.svg`. A file without an extension takes any format. `None` when
/// neither says (the caller's default).
pub(super) fn output_format<F: Copy + PartialEq>(
    command: &str,
    given: Option<F>,
    output: Option<&Path>,
    formats: &[(F, &str, &[&str])],
) -> Result<Option<F>, Failure> {
    let Some(ext) = output
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    else {
        return Ok(given);
    };
    let file = output.map_or_else(String::new, |p| p.display().to_string());
    let by_extension = formats
        .iter()
        .find(|(_, _, exts)| exts.contains(&ext.as_str()));
    let all: Vec<String> = formats
        .iter()
        .flat_map(|(_, _, exts)| exts.iter().map(|e| format!(".{e}")))
        .collect();
    let fits = |g: F| {
        formats
            .iter()
            .any(|(f, _, exts)| *f == g && exts.contains(&ext.as_str()))
    };
    match (given, by_extension) {
        (None, Some((f, _, _))) => Ok(Some(*f)),
        (Some(g), _) if fits(g) => Ok(Some(g)),
        (Some(g), found) => {
            let (name, exts) = formats
                .iter()
                .find(|(f, _, _)| *f == g)
                .map(|(_, name, exts)| (*name, *exts))
                .unwrap_or_default();
            let wanted: Vec<String> = exts.iter().map(|e| format!(".{e}")).collect();
            let named = match found {
                Some((_, other, _)) => format!("names a `{other}` file"),
                None => format!("has an extension `polku {command}` does not write"),
            };
            Err(Failure(format!(
                "`--format {name}` but `{file}` {named}: name the file {}, or leave out \
                 --format to take the format from the extension",
                wanted.join(" or ")
            )))
        }
        (None, None) => Err(Failure(format!(
            "cannot write `{file}`: `polku {command}` writes {} files; name the file so, or \
             choose with --format (a file without an extension takes any format)",
            all.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FORMATS: &[(Format, &str, &[&str])] = &[
        (Format::Svg, "svg", &["svg"]),
        (Format::Png, "png", &["png"]),
        (Format::Dot, "dot", &["dot", "gv"]),
    ];

    fn choose(given: Option<Format>, file: &str) -> Result<Option<Format>, String> {
        output_format("render", given, Some(Path::new(file)), FORMATS).map_err(|f| f.0)
    }

    #[test]
    fn the_extension_and_format_must_agree() {
        assert_eq!(choose(None, "x.PNG"), Ok(Some(Format::Png)));
        assert_eq!(choose(None, "x.gv"), Ok(Some(Format::Dot)));
        assert_eq!(choose(Some(Format::Dot), "x.dot"), Ok(Some(Format::Dot)));
        assert_eq!(choose(Some(Format::Png), "x"), Ok(Some(Format::Png)));
        assert_eq!(choose(None, "x"), Ok(None));
        assert_eq!(
            output_format("render", Some(Format::Svg), None, FORMATS).map_err(|f| f.0),
            Ok(Some(Format::Svg))
        );
        let jpg = choose(None, "x.jpg").unwrap_err();
        assert_eq!(
            jpg,
            "cannot write `x.jpg`: `polku render` writes .svg, .png, .dot, .gv files; name the \
             file so, or choose with --format (a file without an extension takes any format)"
        );
        let clash = choose(Some(Format::Png), "x.svg").unwrap_err();
        assert_eq!(
            clash,
            "`--format png` but `x.svg` names a `svg` file: name the file .png, or leave out \
             --format to take the format from the extension"
        );
        // An extension two formats share is either's.
        let shared: &[(Format, &str, &[&str])] = &[
            (Format::Svg, "svg", &["xml"]),
            (Format::Png, "png", &["xml"]),
        ];
        let png = output_format(
            "export",
            Some(Format::Png),
            Some(Path::new("a.xml")),
            shared,
        );
        assert_eq!(png.map_err(|f| f.0), Ok(Some(Format::Png)));
        let unknown = choose(Some(Format::Dot), "x.jpg").unwrap_err();
        assert!(unknown.contains("name the file .dot or .gv"), "{unknown}");
    }
}
