//! What the layout engine lays out: boxes, lanes, edges and a worded legend, as plain data.
//!
//! A key design decision: this is not the [`View`](crate::render::diagram::view::View). The
//! engine knows nothing of services, findings, languages or colours, so it can be tested,
//! benchmarked and reused alone; [`LayoutInput::from`] on a view is the one adapter. The input
//! borrows its texts from whoever owns them, so building it copies no string.

use crate::render::diagram::legend::Legend;

/// Everything the layout engine needs to know about a picture.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutInput<'a> {
    /// The title, measured so the picture is at least as wide.
    pub title: &'a str,
    /// Lanes, top to bottom.
    pub lanes: Vec<LaneInput<'a>>,
    /// Boxes; the layout's [`NodeBox`](super::NodeBox)es come back in this order.
    pub boxes: Vec<BoxInput<'a>>,
    /// Edges; the layout's [`EdgePath`](super::EdgePath)s come back in this order.
    pub edges: Vec<EdgeInput<'a>>,
    /// The legend, already worded: the engine measures and places it, it does not word it.
    pub legend: Legend,
}

/// A lane: a horizontal band with its label in a header at the left.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneInput<'a> {
    /// The label, wrapped by the engine to the header's width.
    pub label: &'a str,
    /// The lane's group (a region), empty for none: the engine may reorder lanes to shorten
    /// edges, but keeps the lanes of one group side by side, in the order groups first appear.
    pub group: &'a str,
}

/// A box to place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoxInput<'a> {
    /// Index into [`LayoutInput::lanes`]; a lane that does not exist means the last lane.
    pub lane: usize,
    /// The label, already broken into lines.
    pub label: &'a [String],
    /// The texts of the badges the box carries in a strip at its bottom.
    pub badges: Vec<String>,
    /// True when columns are counted from this box (it is an entry).
    pub entry: bool,
}

/// An edge to route from its source's right side to its target's left side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgeInput<'a> {
    /// Index into [`LayoutInput::boxes`] of the source; out of range means "not drawn".
    pub from: usize,
    /// Index into [`LayoutInput::boxes`] of the target; out of range means "not drawn".
    pub to: usize,
    /// The label's lines (empty when none).
    pub label: &'a [String],
    /// True when the edge orders its ends into columns (its target goes right of its source,
    /// cycles broken); false for edges that only sit beside the boxes they join.
    pub ranked: bool,
}
