//! The page model both writers read: a [`Page`] of [`Section`]s with paragraphs, lists, a
//! [`Table`], a [`Figure`] and [`Link`]s — plain strings, in the order they are shown.

use serde::Serialize;

use super::Dest;
use super::texts::Texts;
use crate::render::viewer::Viewer;

/// One page, ready for either writer.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The `lang` of the document.
    pub lang: &'static str,
    /// The one `<h1>`.
    pub title: String,
    /// The lead paragraph under the title; may be empty.
    pub lead: String,
    /// Sections in order; none is empty.
    pub sections: Vec<Section>,
    /// Fixed text of the page frame.
    pub texts: &'static Texts,
    /// Whether the page is the index (no link to itself).
    pub is_index: bool,
}

/// One section of a page. Only the non-empty parts are shown.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    /// Stable id (the HTML anchor), e.g. `basic`, `services`.
    pub id: &'static str,
    /// Title in the page's language.
    pub title: String,
    /// Label–value pairs.
    pub facts: Vec<(String, String)>,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// List items.
    pub list: Vec<String>,
    /// Whether the list is ordered (phases).
    pub ordered: bool,
    /// A table.
    pub table: Option<Table>,
    /// A figure (an image file beside the page).
    pub figure: Option<Figure>,
    /// Links to files beside the page or other pages.
    pub links: Vec<Link>,
}

impl Section {
    pub(super) fn new(id: &'static str, title: &str) -> Self {
        Section {
            id,
            title: title.to_string(),
            ..Section::default()
        }
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
            && self.paragraphs.is_empty()
            && self.list.is_empty()
            && self.table.as_ref().is_none_or(|t| t.rows.is_empty())
            && self.figure.is_none()
            && self.links.is_empty()
    }
}

/// A table with a header row.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells; a cell may be empty.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: text, optionally linking somewhere.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// A relative link, when the cell links.
    pub href: Option<String>,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell { text, href: None }
    }
}

/// A diagram: an image beside the page, shown in the diagram viewer when the page has one.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// Relative file name.
    pub src: String,
    /// Alternative text.
    pub alt: String,
    /// The interactive viewer of the same diagram (inline SVG, filters): the HTML page shows it
    /// instead of the image; the Markdown links the image.
    pub viewer: Option<Viewer>,
}

/// A link.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// What it leads to.
    #[serde(skip)]
    pub to: Dest,
    /// Its target, as the page's [`super::Linking`] writes `to`.
    pub href: String,
    /// Text.
    pub text: String,
}
