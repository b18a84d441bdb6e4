//! polku's own swimlane layout: pure Rust, always available, no Graphviz needed.
//!
//! Lanes are horizontal bands (one per actor or sector, like a JHS 152 swimlane chart); columns
//! are ranks from the entry services with cycles broken; crossings are reduced within and between
//! lanes with barycentre sweeps; edges are routed orthogonally around the boxes with their labels.
//! The same coordinates feed the native SVG ([`super::svg`]) and BPMN DI ([`crate::render::export::bpmn`]).
//!
//! All coordinates are in SVG user units (pixels at 100 %), origin top-left, y growing down.
//!
//! A key design decision: the picture is a grid whose gaps hold no boxes. Each lane is split into
//! rows (a cell — one lane in one column — stacks its nodes in the lane's rows), so between the
//! rows of a lane, and between lanes, run horizontal *channels*; between the columns run vertical
//! *gutters*. An edge leaves its source on the right, travels only in gutters and channels (or
//! along a row where that row is empty), and enters its target on the left. Because gutters and
//! channels are empty of boxes by construction, no edge can cross a box, whatever the view; the
//! only work left is to give edges sharing a gutter or channel distinct tracks, and each gutter a
//! strip beside its tracks where the labels of the edges entering the next column always fit.

//! The engine runs in phases, each a function of its own module taking and returning plain data:
//! [`measure`] (sizes of boxes, labels and lane headers), [`ranks`] (columns from the entries,
//! cycles broken), [`grid`] (rows within lanes, crossing reduction, vertical positions),
//! [`ports`] (where edges leave and enter boxes), [`routes`] (which way each edge travels),
//! [`tracks`] (channel and gutter track assignment), [`geometry`] (x positions, rectangles,
//! waypoints, label places) and [`frame`] (title, legend placement, total size). The engine reads
//! a [`LayoutInput`], never the [`View`]; [`layout`] is the one adapter from a view.

mod frame;
mod geometry;
mod grid;
mod input;
mod measure;
mod metrics;
mod ports;
mod ranks;
mod refine;
mod routes;
mod tracks;

#[cfg(test)]
mod tests;

pub use input::{BoxInput, EdgeInput, LaneInput, LayoutInput};
pub use measure::LEGEND_SYMBOL_WIDTH;
pub(crate) use measure::{
    BADGE_FONT, BADGE_GAP, BADGE_H, LABEL_FONT, LABEL_LINE, LANE_FONT, LANE_LINE, LEGEND_FONT,
    MARK_STRIP, NODE_FONT, NODE_LINE, TITLE_FONT, badge_strip_width, badge_width,
};

use super::legend::{self, LegendSymbol};
use super::view::View;

/// A rectangle.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// The right edge, so callers need not add width to x themselves.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// The centre, where labels are anchored.
    pub fn center(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// True when the open interiors overlap: touching edges do not count, so boxes laid out side
    /// by side are not reported as colliding.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// This rectangle grown by `by` on every side (shrunk when negative).
    pub fn inflate(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            width: (self.width + 2.0 * by).max(0.0),
            height: (self.height + 2.0 * by).max(0.0),
        }
    }

    /// True when the segment from `a` to `b` passes through the open interior.
    pub fn cut_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        // Liang–Barsky clipping against the open rectangle.
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (p, q) in [
            (-dx, a.0 - self.x),
            (dx, self.right() - a.0),
            (-dy, a.1 - self.y),
            (dy, self.bottom() - a.1),
        ] {
            if p == 0.0 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        t0 < t1
    }
}

/// Where a lane is drawn: a band across the whole diagram, its label in a header at the left.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    /// Index into [`LayoutInput::lanes`] (and so into [`View::lanes`]).
    pub lane: usize,
    /// The band, including the header.
    pub rect: Rect,
    /// Width of the header at the left holding the lane's label.
    pub header_width: f64,
    /// The lane's label wrapped to the header's width, so every renderer breaks it the same way.
    pub label_lines: Vec<String>,
}

/// Where a node is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// Index into [`LayoutInput::boxes`] (and so into [`View::nodes`]).
    pub node: usize,
    /// The box.
    pub rect: Rect,
    /// Column (rank from the entries), from 0.
    pub column: usize,
}

/// How an edge is drawn: an orthogonal polyline from the source box's border to the target's.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    /// Index into [`LayoutInput::edges`] (and so into [`View::edges`]).
    pub edge: usize,
    /// Waypoints, first on the source box's border, last on the target's (the arrow head).
    /// Empty when the edge's endpoints are not nodes of the view (nothing to draw).
    pub points: Vec<(f64, f64)>,
    /// Where the label's box goes, when the edge has a label; it overlaps no node box.
    pub label: Option<Rect>,
    /// The label's lines as drawn in [`EdgePath::label`]: the view's lines, joined onto one line
    /// when short (a one-line label needs less height at the target). Edges into one box with
    /// the same words are a bundle: they merge into one arrow (their last stretch is one line)
    /// and say the words once, on the first, with "×n"; the others have no label.
    pub label_lines: Vec<String>,
}

/// One legend entry placed: its symbol, its words (as the input gave them), where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// What to draw in the symbol slot at the entry's left.
    pub symbol: LegendSymbol,
    /// The explanation.
    pub text: String,
    /// The whole entry: a symbol slot of [`LEGEND_SYMBOL_WIDTH`] then the text.
    pub rect: Rect,
}

/// A laid-out view.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Area for the title at the top, as wide as its words.
    pub title: Rect,
    /// Lanes, in view order.
    pub lanes: Vec<LaneBox>,
    /// Nodes, in view order.
    pub nodes: Vec<NodeBox>,
    /// Edges, in view order.
    pub edges: Vec<EdgePath>,
    /// Area for the legend, below the lanes.
    pub legend: Rect,
    /// The legend's heading (as the input worded it), drawn at the top of [`Layout::legend`].
    pub legend_title: String,
    /// The legend's entries, placed inside [`Layout::legend`] below its heading; only what the
    /// view contains is explained.
    pub legend_items: Vec<LegendItem>,
}

/// Lays out a view: [`arrange`] on the view's [`LayoutInput`].
pub fn layout(view: &View) -> Layout {
    arrange(&LayoutInput::from(view))
}

impl<'a> From<&'a View> for LayoutInput<'a> {
    /// The one adapter between the view and the layout engine: what the engine measures and
    /// places, with the legend worded in the view's language.
    fn from(view: &'a View) -> LayoutInput<'a> {
        LayoutInput {
            title: &view.title,
            lanes: view
                .lanes
                .iter()
                .map(|l| LaneInput {
                    label: &l.label,
                    group: &l.group,
                })
                .collect(),
            boxes: view
                .nodes
                .iter()
                .map(|v| BoxInput {
                    lane: v.lane,
                    label: &v.label,
                    badges: v.badges.iter().map(|b| b.text()).collect(),
                    entry: v.entry,
                })
                .collect(),
            edges: view
                .edges
                .iter()
                .map(|e| EdgeInput {
                    from: e.from,
                    to: e.to,
                    label: &e.label,
                    ranked: e.moves_client,
                })
                .collect(),
            legend: legend::legend(view),
        }
    }
}

/// Lays out an input: measured once, placed by the phases from the first [`Plan`], then
/// improved by [`refine`] (other lane orders, rows and columns, each placed in full and kept
/// when it crosses fewer lines). Never fails: an empty input gives an empty frame, edges whose
/// endpoints are not boxes get no points, boxes whose lane does not exist go to the last lane.
pub fn arrange(input: &LayoutInput<'_>) -> Layout {
    let m = measure::measure(input);
    let starts = refine::lane_orders(&m.lane_group);
    refine::refine(
        &m,
        |order| Plan::first(input, &m, order),
        &starts,
        |plan| place(input, &m, plan),
    )
}

/// What the search may change: where each box goes and the order of the lanes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Plan {
    /// Each box's column.
    pub column: Vec<usize>,
    /// Each box's row within its lane (distinct within a cell; gaps are dropped when placed).
    pub rows: Vec<usize>,
    /// The lanes from top to bottom, as indices into the input's lanes.
    pub lane_order: Vec<usize>,
    /// For each edge through a channel, which of its channels it takes, by rank (0: the
    /// cheapest, see [`routes::routes`]).
    pub channel: Vec<usize>,
}

impl Plan {
    /// The phases' own choice for lanes stacked in `lane_order`: columns by rank, rows by
    /// barycentre sweeps.
    fn first(input: &LayoutInput<'_>, m: &measure::Measured, lane_order: &[usize]) -> Plan {
        let entry: Vec<bool> = input.boxes.iter().map(|b| b.entry).collect();
        let ranked: Vec<bool> = input.edges.iter().map(|e| e.ranked).collect();
        let mut column = ranks::ranks(&entry, &ranked, &m.ends);
        ranks::spread_isolated(&mut column, &m.lane_of, &m.ends);
        let columns = column.iter().map(|c| c + 1).max().unwrap_or(0);
        let n = m.lane_of.len();
        let mut position = vec![0; m.lane_count];
        for (p, &l) in lane_order.iter().enumerate() {
            position[l] = p;
        }
        let stacked: Vec<usize> = m.lane_of.iter().map(|&l| position[l]).collect();
        let rows = grid::order_rows(n, m.lane_count, &stacked, &column, columns, &m.ends);
        Plan {
            column,
            rows,
            lane_order: lane_order.to_vec(),
            channel: vec![0; m.ends.len()],
        }
    }
}

/// Places a plan: the phases after the ranks, on the plan's columns, rows, lane order and
/// channels. Also returns, for each edge, how many channels it could have taken (0: none).
fn place(input: &LayoutInput<'_>, m: &measure::Measured, plan: &Plan) -> (Layout, Vec<usize>) {
    let mut position = vec![0; m.lane_count];
    for (p, &l) in plan.lane_order.iter().enumerate() {
        position[l] = p;
    }
    let lane_of: Vec<usize> = m.lane_of.iter().map(|&l| position[l]).collect();
    let lane_min_h: Vec<f64> = plan.lane_order.iter().map(|&l| m.lane_min_h[l]).collect();
    let node_h: Vec<f64> = m.sizes.iter().map(|s| s.1).collect();
    let grid = grid::grid(
        m.lane_count,
        &lane_of,
        plan.column.clone(),
        plan.rows.clone(),
        node_h,
    );

    // Ports and routes on the provisional vertical positions; the channels then grow to hold
    // their tracks, which gives the final ones.
    let top = measure::MARGIN + measure::TITLE_H;
    let provisional = grid::YGrid::new(top, &grid.row_h, &grid.base_channels, &lane_min_h);
    // Stacked boxes' edges are vertical unless another edge's run crosses their way; those are
    // routed again with the others (each pass turns at least one back, so this ends).
    let mut vertical = ports::stacked(&grid, m);
    let (ports, mut routing) = loop {
        let mut ports = ports::ports(&grid, &provisional, m, &vertical);
        let routing = routes::routes(
            &grid,
            &provisional,
            &m.ends,
            &mut ports,
            &plan.channel,
            &vertical,
            &m.label_sizes,
        );
        if routing.blocked.is_empty() {
            break (ports, routing);
        }
        for &e in &routing.blocked {
            vertical[e] = false;
        }
    };
    let channels = tracks::channel_tracks(&mut routing, &grid.base_channels);
    let ygrid = grid::YGrid::new(top, &grid.row_h, &channels, &lane_min_h);
    let gutter_tracks = tracks::gutter_tracks(&grid, &ygrid, &ports, &mut routing);
    let geometry = geometry::geometry(m, &grid, &ygrid, &ports, &routing, &gutter_tracks);
    let frame = frame::frame(
        input.title,
        &input.legend,
        geometry.content_right,
        ygrid.bottom,
    );

    let lanes = (0..input.lanes.len())
        .map(|l| LaneBox {
            lane: l,
            rect: Rect {
                x: measure::MARGIN,
                y: ygrid.lane_top[position[l]],
                width: frame.inner,
                height: ygrid.lane_h[position[l]],
            },
            header_width: m.header_w,
            label_lines: m.lane_lines[l].clone(),
        })
        .collect();
    let nodes = geometry
        .node_rects
        .iter()
        .enumerate()
        .map(|(i, &rect)| NodeBox {
            node: i,
            rect,
            column: grid.column[i],
        })
        .collect();
    let layout = Layout {
        width: frame.width,
        height: frame.height,
        title: frame.title,
        lanes,
        nodes,
        edges: geometry.edge_paths,
        legend: frame.legend,
        legend_title: input.legend.title.clone(),
        legend_items: frame.legend_items,
    };
    (layout, routing.choices)
}
