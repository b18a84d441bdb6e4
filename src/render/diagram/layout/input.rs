//! What the layout engine lays out: boxes, lanes, edges and a worded legend, as plain data.
//!
//! A key design decision: this is not the [`View`](crate::render::diagram::view::View). The
//! engine knows nothing of services, findings, languages or colours, so it can be tested,
//! benchmarked and reused alone; [`LayoutInput::from`] on a view is the one adapter.

use crate::render::diagram::legend::Legend;

/// Everything the layout engine needs to know about a picture.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutInput {
    /// The title, measured so the picture is at least as wide.
    pub title: String,
    /// Lanes, top to bottom.
    pub lanes: Vec<LaneInput>,
    /// Boxes; the layout's [`NodeBox`](super::NodeBox)es come back in this order.
    pub boxes: Vec<BoxInput>,
    /// Edges; the layout's [`EdgePath`](super::EdgePath)s come back in this order.
    pub edges: Vec<EdgeInput>,
    /// The legend, already worded: the engine measures and places it, it does not word it.
    pub legend: Legend,
}

/// A lane: a horizontal band with its label in a header at the left.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneInput {
    /// The label, wrapped by the engine to the header's width.
    pub label: String,
}

/// A box to place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoxInput {
    /// Index into [`LayoutInput::lanes`]; a lane that does not exist means the last lane.
    pub lane: usize,
    /// The label, already broken into lines.
    pub label: Vec<String>,
    /// How many badges the box carries in a strip at its bottom.
    pub badges: usize,
    /// True when columns are counted from this box (it is an entry).
    pub entry: bool,
}

/// An edge to route from its source's right side to its target's left side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EdgeInput {
    /// Index into [`LayoutInput::boxes`] of the source; out of range means "not drawn".
    pub from: usize,
    /// Index into [`LayoutInput::boxes`] of the target; out of range means "not drawn".
    pub to: usize,
    /// The label's lines (empty when none).
    pub label: Vec<String>,
    /// True when the edge orders its ends into columns (its target goes right of its source,
    /// cycles broken); false for edges that only sit beside the boxes they join.
    pub ranked: bool,
}
