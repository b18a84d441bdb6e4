//! Model + analysis → documentation pages for Innokylä: an HTML page per pathway, an index and an
//! ecosystem page, and Markdown for pasting into Innokylä's form.
//!
//! Every page is first built as a [`Page`] — plain strings in sections, in Innokylä's order, with
//! empty sections left out — and then rendered by one of two writers: [`html`] (the minijinja
//! template `templates/page.html`, autoescaped, so user text is escaped by construction) and
//! [`markdown`]. Nothing here touches files: `polku build` writes what these functions return;
//! `polku serve` renders the same sections inside its pages ([`add_templates`]).
//!
//! **Architecture Invariant:** renderers only read; they never load files or change the model.

mod html;
mod markdown;
mod page;
mod sections;
mod texts;

use crate::analysis::Analysis;
use crate::diagnostic::Sources;
use crate::model::{Lang, Model, PathwayIx};
use crate::render::diagram::layout::{self, Layout};
use crate::render::diagram::view::{self, View, ViewKind, ViewOptions};
use crate::render::diagram::{dot, svg};
use crate::render::format::Format;

pub use html::{add_templates, html, pathway_html};
pub use markdown::{markdown, markdown_escape};
pub use page::{Cell, Figure, Link, Page, Section, Table};
pub use sections::{ecosystem_page, index_page, pathway_page};
pub use texts::{Texts, texts};

/// The page template; its name ends in `.html`, so minijinja escapes every value put into it.
const PAGE_TEMPLATE: &str = include_str!("../../../templates/page.html");
/// The sections of a page: the part `polku build` and `polku serve` both render.
const SECTIONS_TEMPLATE: &str = include_str!("../../../templates/sections.html");
/// The stylesheet every page links to (screen and print).
pub const STYLESHEET: &str = include_str!("../../../templates/style.css");
/// The stylesheet's file name in a built site.
pub const STYLESHEET_FILE: &str = "style.css";
/// The diagram viewer's template, which the pages and the server's pages include.
const VIEWER_TEMPLATE: &str = include_str!("../../../templates/viewer.html");
/// The diagram viewer's script (zoom, pan, search, filters, focus): a file of the built site and
/// a static file of the server.
pub const VIEWER_JS: &str = include_str!("../../../templates/viewer.js");
/// The viewer's file name in a built site.
pub const VIEWER_FILE: &str = "viewer.js";
/// The index page's file name.
pub const INDEX_FILE: &str = "index.html";
/// The ecosystem page's file name.
pub const ECOSYSTEM_FILE: &str = "ecosystem.html";
/// The base name of the ecosystem diagram files.
pub const ECOSYSTEM_DIAGRAM: &str = "ecosystem";
/// The folder of the Markdown files.
pub const MARKDOWN_DIR: &str = "markdown";

/// Everything a page is rendered from.
pub struct Site<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its sources (for the analysis report).
    pub sources: &'a Sources,
    /// The analysis of the whole model.
    pub analysis: &'a Analysis,
    /// The language of titles, fixed text and (with fallback) pathway text.
    pub lang: Lang,
    /// Whether pages get the analysis summary section.
    pub analysis_summary: bool,
    /// The pathways of each finding ([`crate::analysis::pathways_of_each`]), when the caller has
    /// them: a site of hundreds of pages then finds each page's findings by index instead of
    /// matching every finding against every pathway.
    pub finding_pathways: Option<&'a [Vec<PathwayIx>]>,
    /// How links are written: as the site's files, or as the server's addresses.
    pub linking: Linking,
}

/// Where a link of a page goes, named by what it leads to rather than by a file name, so that the
/// static site and the server each write it as they address things ([`Linking`]) and nobody
/// parses file names back into addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dest {
    /// The index page.
    Index,
    /// The ecosystem page.
    Ecosystem,
    /// A pathway's page (its id).
    Pathway(String),
    /// A pathway's Markdown (its id).
    Markdown(String),
    /// A diagram file: a pathway's (its id) or, without one, the ecosystem's.
    Diagram {
        /// The pathway; `None` for the ecosystem.
        pathway: Option<String>,
        /// Its format.
        format: Format,
    },
}

/// How a page's links are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Linking {
    /// As the files of the site `polku build` writes, relative to its root.
    #[default]
    Files,
    /// As the addresses of `polku serve`.
    Server,
}

impl Linking {
    /// The `href` of a link to `to`.
    pub fn href(self, to: &Dest) -> String {
        match (self, to) {
            (Linking::Files, Dest::Index) => INDEX_FILE.into(),
            (Linking::Files, Dest::Ecosystem) => ECOSYSTEM_FILE.into(),
            (Linking::Files, Dest::Pathway(id)) => format!("pathway-{id}.html"),
            (Linking::Files, Dest::Markdown(id)) => format!("{MARKDOWN_DIR}/{id}.md"),
            (Linking::Files, Dest::Diagram { pathway, format }) => match pathway {
                Some(id) => format!("pathway-{id}.{}", format.extension()),
                None => format!("{ECOSYSTEM_DIAGRAM}.{}", format.extension()),
            },
            (Linking::Server, Dest::Index) => "/".into(),
            (Linking::Server, Dest::Ecosystem) => "/ecosystem".into(),
            (Linking::Server, Dest::Pathway(id)) => format!("/pathways/{id}"),
            (Linking::Server, Dest::Markdown(id)) => {
                format!("/api/pathways/{id}/diagram?format=markdown")
            }
            (Linking::Server, Dest::Diagram { pathway, format }) => match pathway {
                Some(id) => format!("/api/pathways/{id}/diagram?format={}", format.name()),
                None => format!("/api/ecosystem/diagram?format={}", format.name()),
            },
        }
    }
}

/// File names of one pathway's outputs, relative to the site's root.
pub struct PathwayFiles {
    /// The HTML page.
    pub page: String,
    /// The diagram's base name; `.svg`, `.png`, `.pdf` are added.
    pub diagram: String,
    /// The Markdown file.
    pub markdown: String,
}

/// Where a pathway's files go in a site.
pub fn pathway_files(model: &Model, p: PathwayIx) -> PathwayFiles {
    let id = &model.pathway(p).id;
    let files = Linking::Files;
    PathwayFiles {
        page: files.href(&Dest::Pathway(id.clone())),
        diagram: format!("pathway-{id}"),
        markdown: files.href(&Dest::Markdown(id.clone())),
    }
}

/// A diagram: the view and its native swimlane layout.
pub struct Diagram {
    /// The view.
    pub view: View,
    /// Its layout.
    pub layout: Layout,
}

impl Diagram {
    /// The native SVG.
    pub fn svg(&self) -> String {
        svg::svg(&self.view, &self.layout)
    }

    /// The Graphviz source, for PNG and PDF.
    pub fn dot(&self) -> String {
        dot::dot(&self.view)
    }
}

/// The lanes diagram of a pathway.
pub fn pathway_diagram(site: &Site, p: PathwayIx) -> Result<Diagram, view::ViewError> {
    diagram(site, ViewKind::Lanes, Some(p), view::Focus::All)
}

/// The ecosystem diagram of the whole workspace.
pub fn ecosystem_diagram(site: &Site, focus: view::Focus) -> Result<Diagram, view::ViewError> {
    diagram(site, ViewKind::Ecosystem, None, focus)
}

fn diagram(
    site: &Site,
    kind: ViewKind,
    pathway: Option<PathwayIx>,
    focus: view::Focus,
) -> Result<Diagram, view::ViewError> {
    let options = ViewOptions {
        kind,
        pathway,
        lang: site.lang,
        focus,
        ..ViewOptions::default()
    };
    let view = view::build(site.model, site.analysis, &options)?;
    let layout = layout::layout(&view);
    Ok(Diagram { view, layout })
}

/// Downloadable diagram formats written beside the SVG (by Graphviz, when installed).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras {
    /// A PNG is written.
    pub png: bool,
    /// A PDF is written.
    pub pdf: bool,
    /// A Markdown file is written for the pathway.
    pub markdown: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DocSection;

    #[test]
    fn links_are_written_as_site_files_or_server_addresses() {
        let hehku = || "hehku".to_string();
        let png = Dest::Diagram {
            pathway: Some(hehku()),
            format: Format::Png,
        };
        let eco = Dest::Diagram {
            pathway: None,
            format: Format::Svg,
        };
        for (to, file, address) in [
            (Dest::Index, "index.html", "/"),
            (Dest::Ecosystem, "ecosystem.html", "/ecosystem"),
            (
                Dest::Pathway(hehku()),
                "pathway-hehku.html",
                "/pathways/hehku",
            ),
            (
                Dest::Markdown(hehku()),
                "markdown/hehku.md",
                "/api/pathways/hehku/diagram?format=markdown",
            ),
            (
                png,
                "pathway-hehku.png",
                "/api/pathways/hehku/diagram?format=png",
            ),
            (eco, "ecosystem.svg", "/api/ecosystem/diagram?format=svg"),
        ] {
            assert_eq!(Linking::Files.href(&to), file);
            assert_eq!(Linking::Server.href(&to), address);
        }
    }

    #[test]
    fn fixed_section_titles_are_the_default_section_titles() {
        for lang in Lang::ALL {
            let t = texts(lang);
            for (section, title) in [
                (DocSection::Basic, &t.basic),
                (DocSection::CoreIdea, &t.core_idea),
                (DocSection::OperatingEnvironment, &t.operating_environment),
                (DocSection::Purpose, &t.purpose),
                (DocSection::TargetGroups, &t.target_groups),
                (DocSection::Actors, &t.actors),
                (DocSection::Phases, &t.phases),
                (DocSection::Services, &t.services),
                (DocSection::Handoffs, &t.handoffs),
                (DocSection::Routes, &t.routes),
                (DocSection::Conditions, &t.conditions),
                (DocSection::Indicators, &t.indicators),
                (DocSection::Evaluation, &t.evaluation),
                (DocSection::Contact, &t.contact),
                (DocSection::Analysis, &t.analysis),
                (DocSection::Attachments, &t.attachments),
            ] {
                assert_eq!(section.label(lang), title, "{section:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn markdown_escape_keeps_text_in_one_cell() {
        assert_eq!(markdown_escape("a | b\nc"), "a \\| b c");
        assert_eq!(markdown_escape("<script>"), "\\<script\\>");
    }
}
