//! One output pipeline: a target and a format in, bytes out.
//!
//! A key design decision made in this module is that `polku render`, `polku export` and the
//! downloads of `polku serve` all call [`render`], the way mdBook calls its renderers from one
//! place: the CLI and the server only choose the [`Request`] and decide where the bytes go. Four
//! places chose formats before, and they drifted (`export --format json --pathway X` wrote the
//! whole workspace while the server gave the pathway). A test holds the CLI's files and the
//! server's responses to the same bytes for every target and format.
//!
//! Errors are typed ([`Error`]): the CLI words them with its flags, the server with its query
//! parameters; no message here names either.

use super::diagram::view::{self, Focus, LaneBy, View, ViewError, ViewKind, ViewOptions};
use super::diagram::{dot, graphviz, layout, svg};
use super::export::{bpmn, graphml, json, mermaid};
use super::{Analysed, print, site};

pub use super::format::Format;
use crate::model::{Lang, PathwayIx, ProfileIx, ServiceIx};

/// What to draw or export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// One pathway (or the only one, when `None` and the workspace has one).
    Pathway(Option<PathwayIx>),
    /// The whole workspace: the ecosystem diagram, or every entity in the exports.
    Workspace,
}

/// Which drawing of a pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Drawing {
    /// Lanes by organisation.
    Lanes,
    /// Lanes by sector.
    Sector,
    /// A profile's route through the pathway.
    Route,
}

impl Drawing {
    /// Every drawing, in the order the pages offer them.
    pub const ALL: [Drawing; 3] = [Drawing::Lanes, Drawing::Sector, Drawing::Route];

    /// The name in URLs and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Drawing::Lanes => "lanes",
            Drawing::Sector => "sector",
            Drawing::Route => "route",
        }
    }

    /// Parses [`Drawing::name`].
    pub fn parse(s: &str) -> Option<Drawing> {
        Drawing::ALL.into_iter().find(|d| d.name() == s)
    }
}

/// Which layout engine draws a picture (SVG, PNG, PDF); DOT comes from neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Engine {
    /// polku's own swimlane layout: always available, keeps lanes as aligned bands.
    #[default]
    Native,
    /// Graphviz `dot`.
    Graphviz,
}

pub use super::print::Paper;

/// One output to make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Request {
    /// What.
    pub target: Target,
    /// Which drawing of a pathway (the workspace has one: the ecosystem).
    pub drawing: Drawing,
    /// The profile whose route is drawn (route drawing) or marked.
    pub profile: Option<ProfileIx>,
    /// Language of labels and text; missing translations fall back.
    pub lang: Lang,
    /// The format.
    pub format: Format,
    /// The engine of a picture.
    pub engine: Engine,
    /// The paper of a PDF (landscape).
    pub paper: Paper,
    /// The part of the ecosystem a workspace drawing shows (a region, an organisation).
    pub focus: Focus,
}

impl Request {
    /// The view options of this request's diagram.
    pub fn view_options(&self) -> ViewOptions {
        ViewOptions {
            kind: match (self.target, self.drawing) {
                (Target::Workspace, _) => ViewKind::Ecosystem,
                (Target::Pathway(_), Drawing::Route) => ViewKind::Route,
                (Target::Pathway(_), _) => ViewKind::Lanes,
            },
            lanes: match self.drawing {
                Drawing::Sector => LaneBy::Sector,
                _ => LaneBy::Actor,
            },
            pathway: match self.target {
                Target::Pathway(p) => p,
                Target::Workspace => None,
            },
            profile: self.profile,
            lang: self.lang,
            focus: self.focus,
            ..ViewOptions::default()
        }
    }
}

/// How Graphviz is run: its limits and, for the CLI, the cache of finished layouts.
#[derive(Clone, Copy, Default)]
pub struct Graphviz<'c> {
    /// Time and output-size limits of one `dot` run.
    pub limits: graphviz::Limits,
    /// Where finished layouts are kept, if anywhere.
    pub cache: Option<&'c graphviz::Cache>,
}

/// What [`render`] made.
#[derive(Debug)]
pub struct Output {
    /// The bytes.
    pub bytes: Vec<u8>,
    /// The view that was drawn, for diagrams and the exports drawn from one.
    pub view: Option<ViewSummary>,
    /// True when Graphviz's layout came from the cache.
    pub cached: bool,
}

/// What a drawn view held, for the CLI's one line on standard error.
#[derive(Clone, Copy, Debug)]
pub struct ViewSummary {
    /// The kind of view.
    pub kind: ViewKind,
    /// Whether an ecosystem view was aggregated into actors.
    pub aggregated: bool,
    /// Boxes drawn.
    pub nodes: usize,
    /// Arrows drawn.
    pub edges: usize,
}

/// Why an output could not be made. The CLI and the server word these for their users.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The view could not be built (no pathway chosen, no profile for a route).
    #[error(transparent)]
    View(#[from] ViewError),
    /// The format is made per pathway only.
    #[error("{} is made per pathway", .0.name())]
    PerPathway(Format),
    /// Graphviz failed, or is not installed.
    #[error(transparent)]
    Graphviz(#[from] graphviz::Error),
    /// A PNG or PDF could not be drawn.
    #[error(transparent)]
    Print(#[from] print::Error),
    /// A template of the documentation page failed.
    #[error("the documentation page could not be written: {0}")]
    Page(String),
    /// JSON could not be written.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

/// Makes one output of an analysed workspace. Blocking: layout, and `dot` for Graphviz outputs.
pub fn render(ws: &Analysed, request: &Request, graphviz_run: Graphviz) -> Result<Output, Error> {
    let model = &ws.loaded.model;
    let analysis = ws.analysis;
    let pathway = match request.target {
        Target::Pathway(Some(p)) => Some(p),
        Target::Pathway(None) if model.pathways().len() == 1 => Some(PathwayIx(0)),
        Target::Pathway(None) => {
            return Err(ViewError::PathwayNeeded(
                model.pathways().iter().map(|p| p.id.clone()).collect(),
            )
            .into());
        }
        Target::Workspace => None,
    };
    let text = |s: String| Output {
        bytes: s.into_bytes(),
        view: None,
        cached: false,
    };
    match request.format {
        Format::Json => {
            let json = match pathway {
                Some(p) => serde_json::to_string_pretty(&json::pathway_json(ws, p, request.lang))?,
                None => serde_json::to_string_pretty(&json::json(model, analysis))?,
            };
            Ok(text(json + "\n"))
        }
        Format::Graphml => {
            let services: Vec<ServiceIx> = match pathway {
                Some(p) => model.pathway(p).services.clone(),
                None => model.service_indices().collect(),
            };
            Ok(text(graphml::graphml(
                model,
                analysis,
                &services,
                request.lang,
            )))
        }
        Format::Markdown => {
            let p = pathway.ok_or(Error::PerPathway(Format::Markdown))?;
            let site = site::Site {
                model,
                sources: &ws.loaded.sources,
                analysis,
                lang: request.lang,
                analysis_summary: true,
                finding_pathways: Some(ws.finding_pathways),
                linking: site::Linking::Files,
            };
            let diagram = site::pathway_diagram(&site, p)?;
            let page = site::pathway_page(&site, p, &diagram, site::Extras::default());
            Ok(text(site::markdown(&page, "")))
        }
        _ => {
            let mut options = request.view_options();
            options.pathway = pathway;
            let view = view::build(model, analysis, &options)?;
            let (bytes, cached) = draw(&view, request, graphviz_run)?;
            Ok(Output {
                bytes,
                view: Some(ViewSummary {
                    kind: options.kind,
                    aggregated: view.aggregated,
                    nodes: view.nodes.len(),
                    edges: view.edges.len(),
                }),
                cached,
            })
        }
    }
}

/// Draws or exports a view in a format made from a view.
fn draw(view: &View, request: &Request, graphviz_run: Graphviz) -> Result<(Vec<u8>, bool), Error> {
    let graphviz_format = match (request.format, request.engine) {
        (Format::Svg, Engine::Native) => {
            return Ok((svg::svg(view, &layout::layout(view)).into_bytes(), false));
        }
        // The picture the pages show, on paper: polku's own layout, no Graphviz.
        (Format::Png, Engine::Native) => {
            let picture = svg::svg(view, &layout::layout(view));
            return Ok((print::png(&picture)?, false));
        }
        (Format::Pdf, Engine::Native) => {
            let layout = layout::layout(view);
            let picture = svg::svg(view, &layout);
            let pdf = print::pdf(&picture, Some(&layout), request.paper, &view.title)?;
            return Ok((pdf, false));
        }
        (Format::Dot, _) => return Ok((dot::dot(view).into_bytes(), false)),
        (Format::Mermaid, _) => return Ok((mermaid::mermaid(view).into_bytes(), false)),
        (Format::Bpmn, _) => {
            return Ok((bpmn::bpmn(view, &layout::layout(view)).into_bytes(), false));
        }
        (Format::Png, _) => graphviz::Format::Png,
        (Format::Pdf, _) => graphviz::Format::Pdf,
        _ => graphviz::Format::Svg,
    };
    let source = dot::dot(view);
    Ok(match graphviz_run.cache {
        Some(cache) => cache.run(&source, graphviz_format, graphviz_run.limits)?,
        None => (
            graphviz::run(&source, graphviz_format, graphviz_run.limits)?,
            false,
        ),
    })
}
