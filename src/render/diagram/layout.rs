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

use std::collections::HashMap;

use super::view::{Mark, View};
use crate::model::{Lang, Sector};

/// A rectangle.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// Index into [`View::lanes`].
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
    /// Index into [`View::nodes`].
    pub node: usize,
    /// The box.
    pub rect: Rect,
    /// Column (rank from the entries), from 0.
    pub column: usize,
}

/// How an edge is drawn: an orthogonal polyline from the source box's border to the target's.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    /// Index into [`View::edges`].
    pub edge: usize,
    /// Waypoints, first on the source box's border, last on the target's (the arrow head).
    /// Empty when the edge's endpoints are not nodes of the view (nothing to draw).
    pub points: Vec<(f64, f64)>,
    /// Where the label's box goes, when the edge has a label; it overlaps no node box.
    pub label: Option<Rect>,
    /// The label's lines as drawn in [`EdgePath::label`]: the view's lines, joined onto one line
    /// when short (a one-line label needs less height at the target).
    pub label_lines: Vec<String>,
}

/// What a legend entry explains; the renderer draws the matching symbol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendSymbol {
    /// A sector's fill colour.
    Sector(Sector),
    /// A finding's badge.
    Mark(Mark),
    /// A solid edge: the client moves.
    ClientMoves,
    /// A dashed edge: the client does not move.
    NoClientMove,
    /// An edge in the loop colour.
    Loop,
    /// An edge in the boundary colour with its marker.
    Boundary,
    /// A thick orange border: utilisation over 85 %.
    HighUtilisation,
    /// A thick red border: over capacity.
    OverCapacity,
    /// The entry marker on a node's left.
    Entry,
    /// The exit marker on a node's right.
    Exit,
    /// The emphasis of the selected profile's route.
    OnRoute,
    /// Nodes that stand for all services of an actor.
    Aggregated,
}

/// One legend entry: its symbol, its text in the view's language, where it goes.
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
    /// Area for the title at the top.
    pub title: Rect,
    /// Lanes, in view order.
    pub lanes: Vec<LaneBox>,
    /// Nodes, in view order.
    pub nodes: Vec<NodeBox>,
    /// Edges, in view order.
    pub edges: Vec<EdgePath>,
    /// Area for the legend, below the lanes.
    pub legend: Rect,
    /// The legend's heading (in the view's language), drawn at the top of [`Layout::legend`].
    pub legend_title: String,
    /// The legend's entries, placed inside [`Layout::legend`] below its heading; only what the
    /// view contains is explained.
    pub legend_items: Vec<LegendItem>,
}

// Metrics shared with the SVG writer, so text drawn there fits the boxes measured here. Widths
// are estimates for a sans-serif font (≈ 0.6 em per character): no font files are read.

/// Font size of node labels.
pub(crate) const NODE_FONT: f64 = 12.0;
/// Estimated width of one character of a node label.
const NODE_CHAR: f64 = 7.2;
/// Line height of node labels.
pub(crate) const NODE_LINE: f64 = 16.0;
/// Horizontal padding inside a node; wide enough for the entry and exit markers.
const NODE_PAD_X: f64 = 16.0;
/// Vertical padding inside a node.
const NODE_PAD_Y: f64 = 8.0;
/// Height of the strip at the bottom of a node holding its finding badges.
pub(crate) const MARK_STRIP: f64 = 20.0;
/// Width of one finding badge.
pub(crate) const MARK_WIDTH: f64 = 22.0;
const MIN_NODE_W: f64 = 96.0;
const MIN_NODE_H: f64 = 36.0;
/// Least distance between two edge ends on one side of a node.
const PORT_GAP: f64 = 10.0;

/// Font size of edge labels.
pub(crate) const LABEL_FONT: f64 = 11.0;
const LABEL_CHAR: f64 = 6.6;
/// Line height of edge labels.
pub(crate) const LABEL_LINE: f64 = 14.0;
const LABEL_PAD_X: f64 = 4.0;
const LABEL_PAD_Y: f64 = 3.0;
/// Space kept clear around a label's box.
const LABEL_GAP: f64 = 6.0;
/// Vertical space between the labels of two edges entering one node.
const LABEL_SEP: f64 = 4.0;
/// Room between a label and its target for the arrow head.
const ARROW_ROOM: f64 = 12.0;
/// Labels whose lines joined are at most this long are drawn on one line.
const ONE_LINE: usize = 20;

/// Font size of lane labels.
pub(crate) const LANE_FONT: f64 = 13.0;
const LANE_CHAR: f64 = 7.8;
/// Line height of lane labels.
pub(crate) const LANE_LINE: f64 = 17.0;
const HEADER_PAD: f64 = 10.0;
const HEADER_MIN: f64 = 150.0;
const HEADER_MAX: f64 = 240.0;

/// Font size of the title.
pub(crate) const TITLE_FONT: f64 = 18.0;
const TITLE_CHAR: f64 = 10.0;
const TITLE_H: f64 = 44.0;

/// Font size of legend text.
pub(crate) const LEGEND_FONT: f64 = 12.0;
const LEGEND_CHAR: f64 = 7.0;
/// Height of one legend row.
pub(crate) const LEGEND_ROW: f64 = 24.0;
/// Width of the symbol slot at the left of a legend entry.
pub const LEGEND_SYMBOL_WIDTH: f64 = 34.0;
const LEGEND_TITLE_H: f64 = 26.0;

const MARGIN: f64 = 16.0;
/// Distance between two parallel tracks in a gutter or channel.
const TRACK: f64 = 8.0;
/// Space between a gutter's edge and its first or last track.
const GUTTER_PAD: f64 = 12.0;
/// Least height of the channel between two rows of a lane.
const ROW_GAP: f64 = 18.0;
/// Least height of the channels at the top and bottom of a lane.
const LANE_PAD: f64 = 20.0;
/// Space between a channel's edge and its first or last track.
const CHANNEL_PAD: f64 = 8.0;
/// Two y values closer than this are treated as the same line.
const SAME_Y: f64 = 2.5;

/// Width of a text of `chars` characters at the given per-character estimate.
fn text_width(text: &str, per_char: f64) -> f64 {
    text.chars().count() as f64 * per_char
}

/// Wraps text to at most `width` characters a line at spaces, cutting words longer than a line
/// so that nothing spills out of its box.
fn wrap_hard(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in super::view::wrap(text, width) {
        let chars: Vec<char> = line.chars().collect();
        if chars.len() <= width {
            lines.push(line);
        } else {
            lines.extend(chars.chunks(width).map(|c| c.iter().collect::<String>()));
        }
    }
    lines
}

/// An edge's label lines as drawn: joined with a middle dot when that stays short.
fn label_text(lines: &[String]) -> Vec<String> {
    let lines: Vec<String> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    let joined = lines.join(" · ");
    if lines.len() > 1 && joined.chars().count() <= ONE_LINE {
        vec![joined]
    } else {
        lines
    }
}

/// Size of an edge's label box, or `None` when the edge has no label text.
fn label_size(lines: &[String]) -> Option<(f64, f64)> {
    if lines.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let w = lines
        .iter()
        .map(|l| text_width(l, LABEL_CHAR))
        .fold(0.0, f64::max);
    Some((
        w + 2.0 * LABEL_PAD_X,
        lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD_Y,
    ))
}

/// The legend's heading.
fn legend_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Fi => "Selite",
        Lang::Sv => "Teckenförklaring",
        Lang::En => "Legend",
    }
}

/// The fixed legend words in the view's language.
fn legend_text(symbol: LegendSymbol, lang: Lang) -> String {
    use LegendSymbol as S;
    let text = match (symbol, lang) {
        (S::Sector(s), _) => return s.label(lang).to_string(),
        (S::Mark(m), _) => return m.label(lang).to_string(),
        (S::ClientMoves, Lang::Fi) => "Asiakas siirtyy (lähete, paluu)",
        (S::ClientMoves, Lang::Sv) => "Klienten flyttas (remiss, återgång)",
        (S::ClientMoves, Lang::En) => "Client moves (referral, return)",
        (S::NoClientMove, Lang::Fi) => "Asiakas ei siirry (konsultaatio, yhteistyö, tieto)",
        (S::NoClientMove, Lang::Sv) => {
            "Klienten flyttas inte (konsultation, samarbete, information)"
        }
        (S::NoClientMove, Lang::En) => {
            "Client does not move (consultation, joint work, information)"
        }
        (S::Loop, Lang::Fi) => "Lähetekehä",
        (S::Loop, Lang::Sv) => "Remissloop",
        (S::Loop, Lang::En) => "Referral loop",
        (S::Boundary, Lang::Fi) => "Organisaatioraja ilman sovittua käytäntöä",
        (S::Boundary, Lang::Sv) => "Organisationsgräns utan överenskommen praxis",
        (S::Boundary, Lang::En) => "Crosses organisations without an agreed protocol",
        (S::HighUtilisation, Lang::Fi) => "Kuormitus yli 85 %",
        (S::HighUtilisation, Lang::Sv) => "Beläggning över 85 %",
        (S::HighUtilisation, Lang::En) => "Utilisation over 85 %",
        (S::OverCapacity, Lang::Fi) => "Kuormitus yli 100 %",
        (S::OverCapacity, Lang::Sv) => "Beläggning över 100 %",
        (S::OverCapacity, Lang::En) => "Utilisation over 100 %",
        (S::Entry, Lang::Fi) => "Sisääntulo",
        (S::Entry, Lang::Sv) => "Ingång",
        (S::Entry, Lang::En) => "Entry point",
        (S::Exit, Lang::Fi) => "Polku voi päättyä",
        (S::Exit, Lang::Sv) => "Stigen kan sluta",
        (S::Exit, Lang::En) => "Pathway may end",
        (S::OnRoute, Lang::Fi) => "Valitun profiilin reitti",
        (S::OnRoute, Lang::Sv) => "Den valda profilens rutt",
        (S::OnRoute, Lang::En) => "The selected profile's route",
        (S::Aggregated, Lang::Fi) => "Toimijan palvelut koottuna; (n) = palvelujen määrä",
        (S::Aggregated, Lang::Sv) => "Aktörens tjänster sammanförda; (n) = antal tjänster",
        (S::Aggregated, Lang::En) => "An actor's services together; (n) = number of services",
    };
    text.to_string()
}

/// What the legend explains: only what the view shows.
fn legend_symbols(view: &View) -> Vec<LegendSymbol> {
    use LegendSymbol as S;
    let mut out: Vec<S> = view.sectors.iter().map(|s| S::Sector(*s)).collect();
    if view.aggregated {
        out.push(S::Aggregated);
    }
    let n = view.nodes.len();
    let edges = view.edges.iter().filter(|e| e.from < n && e.to < n);
    let (mut moves, mut still, mut looped, mut boundary, mut route) =
        (false, false, false, false, false);
    for e in edges {
        moves |= e.moves_client;
        still |= !e.moves_client;
        looped |= e.in_loop;
        boundary |= e.boundary_without_protocol;
        route |= e.on_route;
    }
    let flags = [
        (view.nodes.iter().any(|v| v.entry), S::Entry),
        (view.nodes.iter().any(|v| v.exit), S::Exit),
        (moves, S::ClientMoves),
        (still, S::NoClientMove),
        (looped, S::Loop),
        (boundary, S::Boundary),
        (route || view.nodes.iter().any(|v| v.on_route), S::OnRoute),
        (
            view.nodes.iter().any(|v| {
                v.utilisation
                    .is_some_and(|u| u > crate::analysis::bottlenecks::HIGH_UTILISATION && u <= 1.0)
            }),
            S::HighUtilisation,
        ),
        (
            view.nodes
                .iter()
                .any(|v| v.utilisation.is_some_and(|u| u > 1.0)),
            S::OverCapacity,
        ),
    ];
    out.extend(
        flags
            .into_iter()
            .filter(|(present, _)| *present)
            .map(|(_, s)| s),
    );
    out.extend(view.marks.iter().map(|m| S::Mark(*m)));
    out
}

/// Lays out a view. Never fails: an empty view gives an empty frame, edges whose endpoints are
/// not nodes of the view get no points, nodes whose lane does not exist go to the last lane.
pub fn layout(view: &View) -> Layout {
    let n = view.nodes.len();
    let lane_count = view.lanes.len().max(1);
    let lane_of: Vec<usize> = view
        .nodes
        .iter()
        .map(|v| v.lane.min(lane_count - 1))
        .collect();
    let ends: Vec<Option<(usize, usize)>> = view
        .edges
        .iter()
        .map(|e| (e.from < n && e.to < n).then_some((e.from, e.to)))
        .collect();

    // Edge labels: drawn just before the arrow head, in a strip of the gutter kept for them.
    let label_lines: Vec<Vec<String>> = view.edges.iter().map(|e| label_text(&e.label)).collect();
    let label_sizes: Vec<Option<(f64, f64)>> = label_lines.iter().map(|l| label_size(l)).collect();

    // Node sizes: the label, the finding badges, and room for every edge end on either side; on
    // the left, ends carrying a label are spaced by the label's height so labels never meet.
    let mut outs = vec![0usize; n];
    let mut ins = vec![0usize; n];
    let mut in_gap = vec![PORT_GAP; n];
    for (e, &(a, b)) in ends
        .iter()
        .enumerate()
        .filter_map(|(e, x)| x.as_ref().map(|x| (e, x)))
    {
        outs[a] += 1;
        ins[b] += 1;
        if let Some((_, h)) = label_sizes[e] {
            in_gap[b] = in_gap[b].max(h + LABEL_SEP);
        }
    }
    let sizes: Vec<(f64, f64)> = view
        .nodes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = v
                .label
                .iter()
                .map(|l| text_width(l, NODE_CHAR))
                .fold(0.0, f64::max);
            let badges = v.marks.len() as f64 * MARK_WIDTH;
            let w = (text.max(badges) + 2.0 * NODE_PAD_X).max(MIN_NODE_W);
            let lines = v.label.len().max(1) as f64;
            let strip = if v.marks.is_empty() { 0.0 } else { MARK_STRIP };
            let ports = ((outs[i] + 1) as f64 * PORT_GAP).max(ins[i] as f64 * in_gap[i]);
            let h = (lines * NODE_LINE + 2.0 * NODE_PAD_Y + strip)
                .max(ports)
                .max(MIN_NODE_H);
            (w, h)
        })
        .collect();

    let column = ranks(view, &ends);
    let columns = column.iter().map(|c| c + 1).max().unwrap_or(0);

    // Cells and rows, ordered to keep edges short and straight.
    let rows = order_rows(n, lane_count, &lane_of, &column, columns, &ends);
    let mut lane_rows = vec![1usize; lane_count];
    for i in 0..n {
        lane_rows[lane_of[i]] = lane_rows[lane_of[i]].max(rows[i] + 1);
    }
    let mut row_h: Vec<Vec<f64>> = lane_rows.iter().map(|&r| vec![MIN_NODE_H; r]).collect();
    for i in 0..n {
        let h = &mut row_h[lane_of[i]][rows[i]];
        *h = h.max(sizes[i].1);
    }
    let mut cell_node: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for i in 0..n {
        cell_node.insert((lane_of[i], rows[i], column[i]), i);
    }

    // Lane headers.
    let longest_word = view
        .lanes
        .iter()
        .flat_map(|l| l.label.split_whitespace())
        .map(|w| text_width(w, LANE_CHAR))
        .fold(0.0, f64::max);
    let header_w = (longest_word + 2.0 * HEADER_PAD).clamp(HEADER_MIN, HEADER_MAX);
    let header_chars = ((header_w - 2.0 * HEADER_PAD) / LANE_CHAR).floor() as usize;
    let lane_lines: Vec<Vec<String>> = (0..lane_count)
        .map(|l| {
            view.lanes
                .get(l)
                .map_or_else(Vec::new, |lane| wrap_hard(&lane.label, header_chars))
        })
        .collect();
    let lane_min_h: Vec<f64> = lane_lines
        .iter()
        .map(|lines| lines.len() as f64 * LANE_LINE + 2.0 * HEADER_PAD)
        .collect();

    // Channels: the gaps above, between and below each lane's rows.
    let base_channels: Vec<Vec<f64>> = lane_rows
        .iter()
        .map(|&r| {
            (0..=r)
                .map(|k| if k == 0 || k == r { LANE_PAD } else { ROW_GAP })
                .collect()
        })
        .collect();
    let top = MARGIN + TITLE_H;
    let ygrid = YGrid::new(top, &row_h, &base_channels, &lane_min_h);

    // Ports: where each edge leaves its source (right side) and enters its target (left side),
    // ordered by where the other end lies so fans do not cross at the node.
    let node_top = |g: &YGrid, i: usize| {
        g.row_top[lane_of[i]][rows[i]] + (row_h[lane_of[i]][rows[i]] - sizes[i].1) / 2.0
    };
    let centre = |g: &YGrid, i: usize| node_top(g, i) + sizes[i].1 / 2.0;
    let mut port_out = vec![0.0; ends.len()];
    let mut port_in = vec![0.0; ends.len()];
    {
        let mut by_out: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut by_in: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (e, (a, b)) in ends
            .iter()
            .enumerate()
            .filter_map(|(e, x)| x.map(|x| (e, x)))
        {
            by_out[a].push(e);
            by_in[b].push(e);
        }
        let key = |i: usize| (centre(&ygrid, i), column[i]);
        for i in 0..n {
            let h = sizes[i].1;
            let list = &mut by_out[i];
            list.sort_by(|&x, &y| {
                let (kx, ky) = (
                    key(ends[x].map_or(0, |e| e.1)),
                    key(ends[y].map_or(0, |e| e.1)),
                );
                kx.0.total_cmp(&ky.0).then(kx.1.cmp(&ky.1)).then(x.cmp(&y))
            });
            for (k, &e) in list.iter().enumerate() {
                port_out[e] = h * (k + 1) as f64 / (list.len() + 1) as f64;
            }
            let list = &mut by_in[i];
            list.sort_by(|&x, &y| {
                let (kx, ky) = (
                    key(ends[x].map_or(0, |e| e.0)),
                    key(ends[y].map_or(0, |e| e.0)),
                );
                kx.0.total_cmp(&ky.0).then(ky.1.cmp(&kx.1)).then(x.cmp(&y))
            });
            // Evenly spread when that leaves room enough, else packed around the middle.
            let m = list.len() as f64;
            let gap = (h / (m + 1.0)).max(in_gap[i]);
            for (k, &e) in list.iter().enumerate() {
                port_in[e] = h / 2.0 + (k as f64 - (m - 1.0) / 2.0) * gap;
            }
        }
    }

    // Where an edge leaves one node at exactly the height another edge enters the next node of
    // the same row, the two horizontal pieces could lie on one line in the gutter between them;
    // move such exits a little (they carry no labels), keeping exits that continue straight into
    // their own target.
    {
        let mut outs_of: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut entries: PortsByCell = HashMap::new();
        for (e, (a, b)) in ends
            .iter()
            .enumerate()
            .filter_map(|(e, x)| x.map(|x| (e, x)))
        {
            outs_of[a].push(e);
            let y = node_top(&ygrid, b) + port_in[e];
            entries
                .entry((lane_of[b], rows[b], column[b]))
                .or_default()
                .push((e, y));
        }
        let clear = SAME_Y + 0.5;
        for i in 0..n {
            let ins_here: &[(usize, f64)] = entries
                .get(&(lane_of[i], rows[i], column[i] + 1))
                .map_or(&[], |v| v.as_slice());
            let top = node_top(&ygrid, i);
            let h = sizes[i].1;
            let mut exits: Vec<usize> = outs_of[i].clone();
            exits.sort_by(|&x, &y| port_out[x].total_cmp(&port_out[y]));
            // First, level each exit with its target's entry when the target is further along
            // the same row and the height is free: the edge can then be one straight line.
            for k in 0..exits.len() {
                let e = exits[k];
                let Some((_, b)) = ends[e] else { continue };
                if lane_of[b] != lane_of[i] || rows[b] != rows[i] || column[b] <= column[i] {
                    continue;
                }
                let want = node_top(&ygrid, b) + port_in[e] - top;
                let lo = if k > 0 {
                    port_out[exits[k - 1]] + clear
                } else {
                    1.0
                };
                let hi = exits.get(k + 1).map_or(h - 1.0, |&o| port_out[o] - clear);
                let taken = ins_here
                    .iter()
                    .any(|&(e2, y2)| e2 != e && (top + want - y2).abs() < clear);
                if want > lo && want < hi && !taken {
                    port_out[e] = want;
                }
            }
            for k in 0..exits.len() {
                let e = exits[k];
                let blocked = |y: f64| {
                    ins_here
                        .iter()
                        .any(|&(e2, y2)| e2 != e && (y - y2).abs() < clear)
                        || exits
                            .iter()
                            .any(|&o| o != e && (top + port_out[o] - y).abs() < clear)
                };
                let y = top + port_out[e];
                if !blocked(y) {
                    continue;
                }
                let free = (1..)
                    .map(|t| t as f64 * 0.5)
                    .take_while(|d| *d < h)
                    .flat_map(|d| [y + d, y - d])
                    .find(|&c| c > top + 1.0 && c < top + h - 1.0 && !blocked(c));
                if let Some(c) = free {
                    port_out[e] = c - top;
                }
            }
        }
    }

    // Heights where edges leave and enter the nodes of each cell, for the checks below.
    let mut exits_at: PortsByCell = HashMap::new();
    let mut entries_at: PortsByCell = HashMap::new();
    for (e, (a, b)) in ends
        .iter()
        .enumerate()
        .filter_map(|(e, x)| x.map(|x| (e, x)))
    {
        let ya = node_top(&ygrid, a) + port_out[e];
        exits_at
            .entry((lane_of[a], rows[a], column[a]))
            .or_default()
            .push((e, ya));
        let yb = node_top(&ygrid, b) + port_in[e];
        entries_at
            .entry((lane_of[b], rows[b], column[b]))
            .or_default()
            .push((e, yb));
    }
    let meets = |at: &PortsByCell, cell: (usize, usize, usize), e: usize, y: f64| {
        at.get(&cell).is_some_and(|list| {
            list.iter()
                .any(|&(o, y2)| o != e && (y - y2).abs() < SAME_Y + 0.5)
        })
    };

    // Routes. Decided on the provisional grid: the choices compare positions within one row,
    // which later growth of the channels shifts together.
    let mut routes: Vec<Option<Route>> = vec![None; ends.len()];
    let mut row_runs: HashMap<(usize, usize), Vec<RowRun>> = HashMap::new();
    let mut channel_runs: HashMap<(usize, usize), Vec<ChannelRun>> = HashMap::new();
    let row_free = |lane: usize, row: usize, y: f64, cols: std::ops::Range<usize>| {
        cols.clone().all(|c| match cell_node.get(&(lane, row, c)) {
            Some(&j) => {
                let t = node_top(&ygrid, j);
                y < t - 4.0 || y > t + sizes[j].1 + 4.0
            }
            None => true,
        })
    };
    for (e, (a, b)) in ends
        .iter()
        .enumerate()
        .filter_map(|(e, x)| x.map(|x| (e, x)))
    {
        let (ca, cb) = (column[a], column[b]);
        let (go, gi) = (ca + 1, cb);
        let ys = node_top(&ygrid, a) + port_out[e];
        let yt = node_top(&ygrid, b) + port_in[e];
        let same_row = lane_of[a] == lane_of[b] && rows[a] == rows[b];
        let mut kind = None;
        if cb > ca {
            // A row run at y between two column positions (in half-column units) is free when
            // no box of the intermediate columns reaches y and no other run lies on it.
            let mut try_run = |lane: usize, row: usize, y: f64, lo: usize, hi: usize| {
                if !row_free(lane, row, y, ca + 1..cb) {
                    return false;
                }
                let runs = row_runs.entry((lane, row)).or_default();
                if runs
                    .iter()
                    .any(|&(y2, l2, h2)| (y - y2).abs() < SAME_Y && lo < h2 && l2 < hi)
                {
                    return false;
                }
                runs.push((y, lo, hi));
                true
            };
            if same_row
                && (ys - yt).abs() < 0.5
                && try_run(lane_of[a], rows[a], ys, 2 * ca + 1, 2 * cb + 1)
            {
                kind = Some(RouteKind::Straight);
                // Exactly level, so the line is straight.
                port_out[e] += yt - ys;
            } else if go == gi {
                kind = Some(RouteKind::Direct);
            } else if !meets(&exits_at, (lane_of[b], rows[b], ca), e, yt)
                && try_run(lane_of[b], rows[b], yt, 2 * go, 2 * cb + 1)
            {
                kind = Some(RouteKind::TargetLevel);
            } else if !meets(&entries_at, (lane_of[a], rows[a], cb), e, ys)
                && try_run(lane_of[a], rows[a], ys, 2 * ca + 1, 2 * gi)
            {
                kind = Some(RouteKind::SourceLevel);
            }
        }
        let kind = kind.unwrap_or_else(|| {
            // Through a channel: the one with the least climbing, then the least crowded.
            let (lo, hi) = (go.min(gi), go.max(gi));
            let (la, lb) = (lane_of[a].min(lane_of[b]), lane_of[a].max(lane_of[b]));
            let mut best = (f64::INFINITY, 0, 0);
            for (l, &lane_row_count) in lane_rows.iter().enumerate().take(lb + 1).skip(la) {
                for k in 0..=lane_row_count {
                    let yc = ygrid.channel_top[l][k] + ygrid.channel_h[l][k] / 2.0;
                    let crowd = channel_runs.get(&(l, k)).map_or(0, |runs| {
                        runs.iter().filter(|r| r.lo <= hi && lo <= r.hi).count()
                    });
                    let cost = (ys - yc).abs() + (yc - yt).abs() + crowd as f64 * TRACK * 1.5;
                    if cost < best.0 - 1e-9 {
                        best = (cost, l, k);
                    }
                }
            }
            let (_, l, k) = best;
            let yc = ygrid.channel_top[l][k] + ygrid.channel_h[l][k] / 2.0;
            channel_runs.entry((l, k)).or_default().push(ChannelRun {
                edge: e,
                lo,
                hi,
                ys,
                yt,
                yc,
                track: 0,
            });
            RouteKind::Channel { lane: l, gap: k }
        });
        routes[e] = Some(Route {
            kind,
            from: a,
            to: b,
            go,
            gi,
            ch_track: 0,
            go_track: 0,
            gi_track: 0,
        });
    }

    // Channel tracks, then the channels' final heights and the final vertical positions.
    let mut channels = base_channels.clone();
    for (&(l, k), runs) in channel_runs.iter_mut() {
        let tracks = assign_channel_tracks(runs);
        for r in runs.iter() {
            if let Some(route) = routes[r.edge].as_mut() {
                route.ch_track = r.track;
            }
        }
        let need = 2.0 * CHANNEL_PAD + tracks.saturating_sub(1) as f64 * TRACK;
        channels[l][k] = channels[l][k].max(need);
    }
    let ygrid = YGrid::new(top, &row_h, &channels, &lane_min_h);
    let track_y = |l: usize, k: usize, t: usize| {
        let count = channel_runs.get(&(l, k)).map_or(1, |runs| {
            runs.iter().map(|r| r.track + 1).max().unwrap_or(1)
        });
        let used = (count - 1) as f64 * TRACK;
        ygrid.channel_top[l][k] + (ygrid.channel_h[l][k] - used) / 2.0 + t as f64 * TRACK
    };
    let ys_of = |e: usize, a: usize| node_top(&ygrid, a) + port_out[e];
    let yt_of = |e: usize, b: usize| node_top(&ygrid, b) + port_in[e];

    // Gutter tracks.
    let mut gutter_segs: Vec<Vec<GutterSeg>> = vec![Vec::new(); columns + 1];
    for (e, route) in routes.iter().enumerate() {
        let Some(r) = route else { continue };
        let (ys, yt) = (ys_of(e, r.from), yt_of(e, r.to));
        use Side::{Left, Right};
        match r.kind {
            RouteKind::Straight => {}
            RouteKind::Direct | RouteKind::TargetLevel => {
                gutter_segs[r.go].push(GutterSeg::new(e, 0, (ys, Left), (yt, Right)))
            }
            RouteKind::SourceLevel => {
                gutter_segs[r.gi].push(GutterSeg::new(e, 1, (ys, Left), (yt, Right)))
            }
            RouteKind::Channel { lane, gap } => {
                let yc = track_y(lane, gap, r.ch_track);
                let forward = r.gi > r.go;
                let (out_side, in_side) = if forward {
                    (Right, Left)
                } else {
                    (Left, Right)
                };
                gutter_segs[r.go].push(GutterSeg::new(e, 0, (ys, Left), (yc, out_side)));
                gutter_segs[r.gi].push(GutterSeg::new(e, 1, (yc, in_side), (yt, Right)));
            }
        }
    }
    let mut gutter_tracks = vec![0usize; columns + 1];
    for (g, segs) in gutter_segs.iter_mut().enumerate() {
        gutter_tracks[g] = assign_gutter_tracks(segs);
        for s in segs.iter() {
            if let Some(r) = routes[s.edge].as_mut() {
                if s.slot == 0 {
                    r.go_track = s.track;
                } else {
                    r.gi_track = s.track;
                }
            }
        }
    }

    // Horizontal positions: header, then gutter 0, column 0, gutter 1, … gutter C. Each gutter
    // holds its tracks and, beside them, a strip wide enough for the widest label of the edges
    // entering the next column: that spot is free of boxes whatever else happens.
    let mut col_w = vec![0.0f64; columns];
    for i in 0..n {
        col_w[column[i]] = col_w[column[i]].max(sizes[i].0);
    }
    // A node narrower than its column is centred, so part of its label may stand in the column.
    let mut strip_w = vec![0.0f64; columns + 1];
    for (e, route) in routes.iter().enumerate() {
        if let (Some(r), Some((w, _))) = (route, label_sizes[e]) {
            let inset = (col_w[column[r.to]] - sizes[r.to].0) / 2.0;
            strip_w[r.gi] = strip_w[r.gi].max(w + ARROW_ROOM + LABEL_GAP - inset);
        }
    }
    let mut gutter_x = vec![0.0; columns + 1];
    let mut gutter_w = vec![0.0; columns + 1];
    let mut col_x = vec![0.0; columns];
    let mut x = MARGIN + header_w;
    for g in 0..=columns {
        let tracks = gutter_tracks[g] as f64 * TRACK;
        gutter_x[g] = x;
        gutter_w[g] = (2.0 * GUTTER_PAD + tracks + strip_w[g]).max(2.0 * GUTTER_PAD);
        x += gutter_w[g];
        if g < columns {
            col_x[g] = x;
            x += col_w[g];
        }
    }
    let content_right = x;
    let track_x = |g: usize, t: usize| gutter_x[g] + GUTTER_PAD + t as f64 * TRACK;

    let node_rects: Vec<Rect> = (0..n)
        .map(|i| {
            let c = column[i];
            Rect {
                x: col_x[c] + (col_w[c] - sizes[i].0) / 2.0,
                y: node_top(&ygrid, i),
                width: sizes[i].0,
                height: sizes[i].1,
            }
        })
        .collect();

    // Waypoints.
    let mut edge_paths: Vec<EdgePath> = Vec::with_capacity(ends.len());
    for (e, route) in routes.iter().enumerate() {
        let Some(r) = route else {
            edge_paths.push(EdgePath {
                edge: e,
                points: Vec::new(),
                label: None,
                label_lines: Vec::new(),
            });
            continue;
        };
        let (sa, tb) = (node_rects[r.from], node_rects[r.to]);
        let (ys, yt) = (ys_of(e, r.from), yt_of(e, r.to));
        let (xs, xt) = (sa.right(), tb.x);
        let points = match r.kind {
            RouteKind::Straight => vec![(xs, ys), (xt, yt)],
            RouteKind::Direct | RouteKind::TargetLevel => {
                let xg = track_x(r.go, r.go_track);
                vec![(xs, ys), (xg, ys), (xg, yt), (xt, yt)]
            }
            RouteKind::SourceLevel => {
                let xg = track_x(r.gi, r.gi_track);
                vec![(xs, ys), (xg, ys), (xg, yt), (xt, yt)]
            }
            RouteKind::Channel { lane, gap } => {
                let yc = track_y(lane, gap, r.ch_track);
                let (x1, x2) = (track_x(r.go, r.go_track), track_x(r.gi, r.gi_track));
                vec![(xs, ys), (x1, ys), (x1, yc), (x2, yc), (x2, yt), (xt, yt)]
            }
        };
        // The label ends just before the arrow head, level with the target's port: between the
        // gutter's tracks and the target, where no box, no other line and no other label is.
        let label = label_sizes[e].map(|(w, h)| Rect {
            x: xt - ARROW_ROOM - w,
            y: yt - h / 2.0,
            width: w,
            height: h,
        });
        edge_paths.push(EdgePath {
            edge: e,
            points: simplify(points),
            label,
            label_lines: if label.is_some() {
                label_lines[e].clone()
            } else {
                Vec::new()
            },
        });
    }

    let lanes_bottom = ygrid.bottom;

    // Title, legend, totals.
    let symbols = legend_symbols(view);
    let title_w = text_width(&view.title, TITLE_CHAR) + 2.0 * MARGIN;
    let legend_min: f64 = symbols
        .iter()
        .map(|s| {
            LEGEND_SYMBOL_WIDTH
                + text_width(&legend_text(*s, view.lang), LEGEND_CHAR)
                + 2.0 * MARGIN
        })
        .fold(0.0, f64::max);
    let width = (content_right + MARGIN)
        .max(title_w)
        .max(legend_min)
        .max(480.0);
    let inner = width - 2.0 * MARGIN;
    let legend_top = lanes_bottom + MARGIN;
    let mut legend_items = Vec::new();
    let (mut lx, mut ly) = (MARGIN, legend_top + LEGEND_TITLE_H);
    for s in symbols {
        let text = legend_text(s, view.lang);
        let w = LEGEND_SYMBOL_WIDTH + text_width(&text, LEGEND_CHAR) + 18.0;
        if lx > MARGIN && lx + w > MARGIN + inner {
            lx = MARGIN;
            ly += LEGEND_ROW;
        }
        legend_items.push(LegendItem {
            symbol: s,
            text,
            rect: Rect {
                x: lx,
                y: ly,
                width: w,
                height: LEGEND_ROW,
            },
        });
        lx += w;
    }
    let legend_h = if legend_items.is_empty() {
        LEGEND_TITLE_H
    } else {
        ly + LEGEND_ROW - legend_top
    };
    let legend = Rect {
        x: MARGIN,
        y: legend_top,
        width: inner,
        height: legend_h,
    };
    let height = legend.bottom() + MARGIN;

    let lanes = (0..view.lanes.len())
        .map(|l| LaneBox {
            lane: l,
            rect: Rect {
                x: MARGIN,
                y: ygrid.lane_top[l],
                width: inner,
                height: ygrid.lane_h[l],
            },
            header_width: header_w,
            label_lines: lane_lines[l].clone(),
        })
        .collect();
    let nodes = (0..n)
        .map(|i| NodeBox {
            node: i,
            rect: node_rects[i],
            column: column[i],
        })
        .collect();
    Layout {
        width,
        height,
        title: Rect {
            x: MARGIN,
            y: MARGIN,
            width: inner,
            height: TITLE_H,
        },
        lanes,
        nodes,
        edges: edge_paths,
        legend,
        legend_title: legend_heading(view.lang).to_string(),
        legend_items,
    }
}

/// Edge ends on one side of the nodes of each cell (lane, row, column): the edge and its height.
type PortsByCell = HashMap<(usize, usize, usize), Vec<(usize, f64)>>;

/// A horizontal run along a row at height y (provisional), between two positions counted in
/// half columns (gutter g is 2g, column c is 2c + 1).
type RowRun = (f64, usize, usize);

/// How an edge travels from its source's right side to its target's left side.
#[derive(Clone, Copy, Debug, PartialEq)]
enum RouteKind {
    /// One straight line along a row (both ports at the same height).
    Straight,
    /// Into the gutter between the two adjacent columns, up or down, into the target.
    Direct,
    /// Down or up in the gutter after the source, then along the target's row.
    TargetLevel,
    /// Along the source's row, then down or up in the gutter before the target.
    SourceLevel,
    /// Gutter after the source, a channel (lane `lane`, gap `gap` above row `gap`), gutter before
    /// the target: back edges, and forward edges whose rows are blocked.
    Channel { lane: usize, gap: usize },
}

#[derive(Clone, Copy, Debug)]
struct Route {
    kind: RouteKind,
    from: usize,
    to: usize,
    /// The gutter after the source's column.
    go: usize,
    /// The gutter before the target's column.
    gi: usize,
    ch_track: usize,
    go_track: usize,
    gi_track: usize,
}

/// A horizontal run in a channel between gutters `lo` and `hi`.
#[derive(Clone, Debug)]
struct ChannelRun {
    edge: usize,
    lo: usize,
    hi: usize,
    ys: f64,
    yt: f64,
    yc: f64,
    track: usize,
}

/// Gives each run in one channel a track so that runs sharing a gutter never share a line, and
/// orders the tracks so runs turning up lie above runs turning down (fewer crossings). Returns
/// the number of tracks.
fn assign_channel_tracks(runs: &mut [ChannelRun]) -> usize {
    // 0: both legs above (inner runs nearest the top), 1: one up one down, 2: both below (inner
    // runs nearest the bottom).
    let key = |r: &ChannelRun| {
        let up = usize::from(r.ys < r.yc) + usize::from(r.yt < r.yc);
        let span = (r.hi - r.lo) as f64;
        match up {
            2 => (0, span, r.lo),
            1 => (
                1,
                if r.ys < r.yc {
                    -(r.lo as f64)
                } else {
                    r.lo as f64
                },
                r.lo,
            ),
            _ => (2, -span, r.lo),
        }
    };
    runs.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(ka.2.cmp(&kb.2))
            .then(a.edge.cmp(&b.edge))
    });
    let mut count = 0;
    for i in 0..runs.len() {
        let (lo, hi) = (runs[i].lo, runs[i].hi);
        let track = runs[..i]
            .iter()
            .filter(|r| r.lo <= hi && lo <= r.hi)
            .map(|r| r.track + 1)
            .max()
            .unwrap_or(0);
        runs[i].track = track;
        count = count.max(track + 1);
    }
    count
}

/// Which way a vertical segment's end continues horizontally.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    Left,
    Right,
}

/// A vertical segment of an edge in a gutter, with where its two ends continue.
#[derive(Clone, Copy, Debug)]
struct GutterSeg {
    edge: usize,
    /// 0: the segment in the gutter after the source; 1: before the target.
    slot: u8,
    a: (f64, Side),
    b: (f64, Side),
    track: usize,
}

impl GutterSeg {
    fn new(edge: usize, slot: u8, a: (f64, Side), b: (f64, Side)) -> Self {
        GutterSeg {
            edge,
            slot,
            a,
            b,
            track: 0,
        }
    }

    fn span(&self) -> (f64, f64) {
        (self.a.0.min(self.b.0), self.a.0.max(self.b.0))
    }

    fn overlaps(&self, other: &GutterSeg) -> bool {
        let ((a0, a1), (b0, b1)) = (self.span(), other.span());
        a0 < b1 + SAME_Y + 2.0 && b0 < a1 + SAME_Y + 2.0
    }

    fn has(&self, side: Side, y: f64) -> bool {
        [self.a, self.b]
            .iter()
            .any(|&(y2, s)| s == side && (y - y2).abs() < SAME_Y)
    }
}

/// Gives each vertical segment in one gutter a track (0 = leftmost). Overlapping segments get
/// distinct tracks in an order that avoids crossings where it can; a segment whose end continues
/// to the left at height y always lies left of one whose end continues to the right at the same
/// height, or their horizontal pieces would lie on top of each other. Returns the track count.
fn assign_gutter_tracks(segs: &mut [GutterSeg]) -> usize {
    use Side::{Left, Right};
    let key = |s: &GutterSeg| -> (u8, f64) {
        match (s.a.1, s.b.1) {
            (Left, Left) => (0, (s.a.0 - s.b.0).abs()),
            (Right, Right) => (3, -(s.a.0 - s.b.0).abs()),
            _ => {
                let (yl, yr) = if s.a.1 == Left {
                    (s.a.0, s.b.0)
                } else {
                    (s.b.0, s.a.0)
                };
                if yr >= yl { (1, -yl) } else { (2, yl) }
            }
        }
    };
    segs.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0)
            .then(ka.1.total_cmp(&kb.1))
            .then(a.edge.cmp(&b.edge))
    });
    for i in 0..segs.len() {
        let me = segs[i];
        let mut lo_pref = 0;
        let mut lo_hard = 0;
        let mut hi_hard: Option<usize> = None;
        for other in &segs[..i] {
            if me.overlaps(other) {
                lo_pref = lo_pref.max(other.track + 1);
            }
            for &(y, side) in [me.a, me.b].iter() {
                match side {
                    Left if other.has(Right, y) => {
                        hi_hard = Some(hi_hard.map_or(other.track, |h: usize| h.min(other.track)))
                    }
                    Right if other.has(Left, y) => lo_hard = lo_hard.max(other.track + 1),
                    _ => {}
                }
            }
        }
        let want = lo_pref.max(lo_hard);
        let track = match hi_hard {
            // `hi` is the track the segment must stay left of.
            Some(hi) if want >= hi && lo_hard <= hi => {
                let free = (lo_hard..hi)
                    .rev()
                    .find(|&t| segs[..i].iter().all(|o| o.track != t || !me.overlaps(o)));
                match free {
                    Some(t) => t,
                    None => {
                        // Open a new track just left of `hi`.
                        for o in segs[..i].iter_mut() {
                            if o.track >= hi {
                                o.track += 1;
                            }
                        }
                        hi
                    }
                }
            }
            _ => want,
        };
        segs[i].track = track;
    }
    segs.iter().map(|s| s.track + 1).max().unwrap_or(0)
}

/// Drops repeated points and merges collinear runs, keeping the first and last point.
fn simplify(points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for p in points {
        if let Some(&last) = out.last()
            && (last.0 - p.0).abs() < 1e-9
            && (last.1 - p.1).abs() < 1e-9
        {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let vertical = (a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9;
            let horizontal = (a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9;
            if vertical || horizontal {
                out.pop();
            }
        }
        out.push(p);
    }
    if out.len() == 1 {
        // Source and target ports coincide: keep two points so the path has both ends.
        out.push(out[0]);
    }
    out
}

/// Vertical positions: lanes top to bottom, each a stack of channel, row, channel, …, channel.
struct YGrid {
    lane_top: Vec<f64>,
    lane_h: Vec<f64>,
    row_top: Vec<Vec<f64>>,
    channel_top: Vec<Vec<f64>>,
    channel_h: Vec<Vec<f64>>,
    bottom: f64,
}

impl YGrid {
    fn new(top: f64, row_h: &[Vec<f64>], channels: &[Vec<f64>], lane_min_h: &[f64]) -> YGrid {
        let mut g = YGrid {
            lane_top: Vec::new(),
            lane_h: Vec::new(),
            row_top: Vec::new(),
            channel_top: Vec::new(),
            channel_h: channels.to_vec(),
            bottom: top,
        };
        let mut y = top;
        for (l, rows) in row_h.iter().enumerate() {
            let natural: f64 = rows.iter().sum::<f64>() + channels[l].iter().sum::<f64>();
            // A lane too short for its label grows evenly in its top and bottom channels, so
            // its nodes stay centred on the header.
            let extra = (lane_min_h.get(l).copied().unwrap_or(0.0) - natural).max(0.0);
            let last = rows.len();
            g.channel_h[l][0] += extra / 2.0;
            g.channel_h[l][last] += extra / 2.0;
            g.lane_top.push(y);
            let mut rt = Vec::with_capacity(rows.len());
            let mut ct = Vec::with_capacity(rows.len() + 1);
            let mut yy = y;
            for (k, h) in rows.iter().enumerate() {
                ct.push(yy);
                yy += g.channel_h[l][k];
                rt.push(yy);
                yy += h;
            }
            ct.push(yy);
            yy += g.channel_h[l][last];
            g.row_top.push(rt);
            g.channel_top.push(ct);
            g.lane_h.push(yy - y);
            y = yy;
        }
        g.bottom = y;
        g
    }
}

/// Columns: ranks by longest path from the entries over client-moving edges, after breaking
/// cycles at the back edges of a depth-first search that starts from the entries.
fn ranks(view: &View, ends: &[Option<(usize, usize)>]) -> Vec<usize> {
    let n = view.nodes.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut has_in = vec![false; n];
    for (e, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end
            && a != b
            && view.edges[e].moves_client
        {
            out[a].push((e, b));
            has_in[b] = true;
        }
    }
    let mut roots: Vec<usize> = (0..n).filter(|&i| view.nodes[i].entry).collect();
    if roots.is_empty() {
        roots = (0..n).filter(|&i| !has_in[i]).collect();
    }
    // Iterative DFS (long chains must not overflow the stack); 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    let mut back = vec![false; ends.len()];
    for start in roots.into_iter().chain(0..n) {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state[start] = 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if let Some(&(e, w)) = out[v].get(top.1) {
                top.1 += 1;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => back[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // Longest path over the remaining (acyclic) edges, in topological order.
    let mut indeg = vec![0usize; n];
    for list in &out {
        for &(e, w) in list {
            if !back[e] {
                indeg[w] += 1;
            }
        }
    }
    let sources: Vec<bool> = indeg.iter().map(|&d| d == 0).collect();
    let mut rank = vec![0usize; n];
    let mut queue: Vec<usize> = (0..n).filter(|&i| indeg[i] == 0).collect();
    let mut topo = Vec::with_capacity(n);
    while let Some(v) = queue.pop() {
        topo.push(v);
        for &(e, w) in &out[v] {
            if back[e] {
                continue;
            }
            rank[w] = rank[w].max(rank[v] + 1);
            indeg[w] -= 1;
            if indeg[w] == 0 {
                queue.push(w);
            }
        }
    }
    // A source that is not an entry sits just before its first successor, not far left.
    for &v in topo.iter().rev() {
        if sources[v] && !view.nodes[v].entry {
            let succ = out[v]
                .iter()
                .filter(|(e, _)| !back[*e])
                .map(|&(_, w)| rank[w])
                .min();
            if let Some(s) = succ {
                rank[v] = rank[v].max(s.saturating_sub(1));
            }
        }
    }
    // Nodes no client moves to or from sit beside the services they consult or inform.
    let moving: Vec<bool> = (0..n).map(|i| has_in[i] || !out[i].is_empty()).collect();
    let mut after: Vec<Option<usize>> = vec![None; n];
    let mut before: Vec<Option<usize>> = vec![None; n];
    for &(a, b) in ends.iter().flatten() {
        if a == b {
            continue;
        }
        if !moving[b] && moving[a] {
            after[b] = Some(after[b].map_or(rank[a] + 1, |r| r.max(rank[a] + 1)));
        }
        if !moving[a] && moving[b] {
            before[a] = Some(before[a].map_or(rank[b], |r| r.min(rank[b])));
        }
    }
    for i in (0..n).filter(|&i| !moving[i]) {
        rank[i] = match (after[i], before[i]) {
            (Some(r), _) => r,
            (None, Some(r)) => r.saturating_sub(1),
            _ => 0,
        };
    }
    // No empty columns.
    let mut used: Vec<usize> = rank.clone();
    used.sort_unstable();
    used.dedup();
    rank.iter()
        .map(|r| used.binary_search(r).unwrap_or(0))
        .collect()
}

/// Rows within each lane: nodes of one cell (lane, column) get distinct rows; barycentre sweeps
/// move each node towards the rows of its neighbours so edges stay short and straight.
fn order_rows(
    n: usize,
    lanes: usize,
    lane_of: &[usize],
    column: &[usize],
    columns: usize,
    ends: &[Option<(usize, usize)>],
) -> Vec<usize> {
    let mut cells: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for i in 0..n {
        cells.entry((lane_of[i], column[i])).or_default().push(i);
    }
    let mut lane_rows = vec![1usize; lanes];
    for (&(l, _), list) in &cells {
        lane_rows[l] = lane_rows[l].max(list.len());
    }
    let mut offset = vec![0usize; lanes];
    for l in 1..lanes {
        offset[l] = offset[l - 1] + lane_rows[l - 1] + 1;
    }
    let mut row = vec![0usize; n];
    for list in cells.values() {
        for (k, &i) in list.iter().enumerate() {
            row[i] = k;
        }
    }
    let mut nbrs: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in ends.iter().flatten() {
        if a != b {
            nbrs[a].push(b);
            nbrs[b].push(a);
        }
    }
    let by_column: Vec<Vec<(usize, usize)>> = {
        let mut v: Vec<Vec<(usize, usize)>> = vec![Vec::new(); columns];
        let mut keys: Vec<(usize, usize)> = cells.keys().copied().collect();
        keys.sort_unstable();
        for (l, c) in keys {
            v[c].push((l, c));
        }
        v
    };
    let cost = |row: &[usize]| -> f64 {
        ends.iter()
            .flatten()
            .filter(|(a, b)| a != b)
            .map(|&(a, b)| {
                let (pa, pb) = (offset[lane_of[a]] + row[a], offset[lane_of[b]] + row[b]);
                pa.abs_diff(pb) as f64
            })
            .sum()
    };
    let mut best = (cost(&row), row.clone());
    for pass in 0..8 {
        let down = pass % 2 == 0;
        let order: Vec<usize> = if down {
            (0..columns).collect()
        } else {
            (0..columns).rev().collect()
        };
        for c in order {
            for &(l, _) in &by_column[c] {
                let list = &cells[&(l, c)];
                let mut wanted: Vec<(f64, usize, usize)> = list
                    .iter()
                    .map(|&i| {
                        let pos =
                            |j: usize| (offset[lane_of[j]] + row[j]) as f64 - offset[l] as f64;
                        let side: Vec<f64> = nbrs[i]
                            .iter()
                            .filter(|&&j| if down { column[j] < c } else { column[j] > c })
                            .map(|&j| pos(j))
                            .collect();
                        let all: Vec<f64> = if side.is_empty() {
                            nbrs[i].iter().map(|&j| pos(j)).collect()
                        } else {
                            side
                        };
                        let want = if all.is_empty() {
                            row[i] as f64
                        } else {
                            all.iter().sum::<f64>() / all.len() as f64
                        };
                        (want, row[i], i)
                    })
                    .collect();
                wanted.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let desired: Vec<f64> = wanted.iter().map(|w| w.0).collect();
                let slots = place_in_slots(&desired, lane_rows[l]);
                for (k, w) in wanted.iter().enumerate() {
                    row[w.2] = slots[k];
                }
            }
        }
        let c = cost(&row);
        if c < best.0 {
            best = (c, row.clone());
        }
    }
    best.1
}

/// Puts ordered items into `slots` slots, strictly increasing, minimising the total distance to
/// where each item wants to be (dynamic programming over items × slots).
fn place_in_slots(desired: &[f64], slots: usize) -> Vec<usize> {
    let m = desired.len();
    if m == 0 {
        return Vec::new();
    }
    let slots = slots.max(m);
    let free = slots - m; // item k may take slots k ..= k + free
    let width = free + 1;
    let mut cost = vec![f64::INFINITY; m * width];
    let mut from = vec![0usize; m * width];
    for k in 0..m {
        let mut best_prev = (f64::INFINITY, 0usize);
        for d in 0..width {
            let slot = k + d;
            if k > 0 {
                // The previous item may sit at any slot before this one: offsets 0 ..= d.
                let prev = cost[(k - 1) * width + d];
                if prev < best_prev.0 {
                    best_prev = (prev, d);
                }
            }
            let here = (slot as f64 - desired[k]).abs();
            cost[k * width + d] = if k == 0 { here } else { best_prev.0 + here };
            from[k * width + d] = best_prev.1;
        }
    }
    let mut d = (0..width)
        .min_by(|&a, &b| cost[(m - 1) * width + a].total_cmp(&cost[(m - 1) * width + b]))
        .unwrap_or(0);
    let mut out = vec![0; m];
    for k in (0..m).rev() {
        out[k] = k + d;
        d = from[k * width + d];
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::render::diagram::view::{
        self, Lane, LaneBy, ViewEdge, ViewKind, ViewNode, ViewOptions,
    };

    const EPS: f64 = 1e-6;

    /// A segment of an edge's path: the edge and its two ends.
    type Segment = (usize, (f64, f64), (f64, f64));

    fn node(lane: usize, label: &[&str]) -> ViewNode {
        ViewNode {
            key: label.join(" "),
            label: label.iter().map(|s| s.to_string()).collect(),
            lane,
            sector: Some(Sector::YouthWork),
            entry: false,
            exit: false,
            faded: false,
            on_route: false,
            marks: Vec::new(),
            utilisation: None,
            tooltip: String::new(),
            service: None,
            count: 1,
        }
    }

    fn edge(from: usize, to: usize, moves_client: bool, label: &[&str]) -> ViewEdge {
        ViewEdge {
            from,
            to,
            kind: None,
            label: label.iter().map(|s| s.to_string()).collect(),
            moves_client,
            in_loop: false,
            boundary_without_protocol: false,
            faded: false,
            on_route: false,
            handoff: None,
            count: 1,
        }
    }

    fn view(lanes: usize, nodes: Vec<ViewNode>, edges: Vec<ViewEdge>) -> View {
        View {
            title: "Testipolku".to_string(),
            lang: Lang::Fi,
            lanes: (0..lanes)
                .map(|l| Lane {
                    key: format!("l{l}"),
                    label: format!("Kaista {l}"),
                })
                .collect(),
            nodes,
            edges,
            aggregated: false,
            sectors: vec![Sector::YouthWork],
            marks: Vec::new(),
        }
    }

    fn on_border(r: &Rect, p: (f64, f64)) -> bool {
        let within_x = p.0 >= r.x - EPS && p.0 <= r.right() + EPS;
        let within_y = p.1 >= r.y - EPS && p.1 <= r.bottom() + EPS;
        let on_x = (p.0 - r.x).abs() < EPS || (p.0 - r.right()).abs() < EPS;
        let on_y = (p.1 - r.y).abs() < EPS || (p.1 - r.bottom()).abs() < EPS;
        within_x && within_y && (on_x || on_y)
    }

    fn finite(r: &Rect) -> bool {
        [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite())
    }

    /// Every geometric promise of the layout; returns the first broken one.
    fn check(v: &View, l: &Layout) -> Result<(), String> {
        let n = v.nodes.len();
        if l.nodes.len() != n || l.edges.len() != v.edges.len() {
            return Err("one box per node and one path per edge, in view order".into());
        }
        if l.lanes.len() != v.lanes.len() {
            return Err("one band per lane".into());
        }
        let all_finite = [l.width, l.height].iter().all(|x| x.is_finite())
            && finite(&l.title)
            && finite(&l.legend)
            && l.lanes.iter().all(|b| finite(&b.rect))
            && l.nodes.iter().all(|b| finite(&b.rect))
            && l.legend_items.iter().all(|i| finite(&i.rect))
            && l.edges.iter().all(|e| {
                e.points.iter().all(|p| p.0.is_finite() && p.1.is_finite())
                    && e.label.is_none_or(|r| finite(&r))
            });
        if !all_finite {
            return Err("a coordinate is not finite".into());
        }
        for (i, b) in l.nodes.iter().enumerate() {
            if b.node != i {
                return Err(format!("node box {i} is for node {}", b.node));
            }
            for c in &l.nodes[..i] {
                if b.rect.overlaps(&c.rect) {
                    return Err(format!("nodes {} and {} overlap", b.node, c.node));
                }
            }
            if let Some(lane) = l
                .lanes
                .get(v.nodes[i].lane.min(v.lanes.len().saturating_sub(1)))
            {
                let band = lane.rect;
                let inside = b.rect.x >= band.x + lane.header_width
                    && b.rect.right() <= band.right()
                    && b.rect.y >= band.y
                    && b.rect.bottom() <= band.bottom();
                if !inside {
                    return Err(format!("node {i} is outside its lane band"));
                }
            }
        }
        let mut labels: Vec<Rect> = Vec::new();
        for (k, p) in l.edges.iter().enumerate() {
            let e = &v.edges[k];
            if p.edge != k {
                return Err(format!("path {k} is for edge {}", p.edge));
            }
            if e.from >= n || e.to >= n {
                if !p.points.is_empty() || p.label.is_some() {
                    return Err(format!("edge {k} has no endpoints but is drawn"));
                }
                continue;
            }
            if p.points.len() < 2 {
                return Err(format!("edge {k} has fewer than two points"));
            }
            let (first, last) = (p.points[0], p.points[p.points.len() - 1]);
            if !on_border(&l.nodes[e.from].rect, first) {
                return Err(format!("edge {k} does not start on its source's border"));
            }
            if !on_border(&l.nodes[e.to].rect, last) {
                return Err(format!("edge {k} does not end on its target's border"));
            }
            for w in p.points.windows(2) {
                if (w[0].0 - w[1].0).abs() > EPS && (w[0].1 - w[1].1).abs() > EPS {
                    return Err(format!("edge {k} has a slanted segment"));
                }
                for b in &l.nodes {
                    if b.rect.cut_by(w[0], w[1]) {
                        return Err(format!("edge {k} passes through node {}", b.node));
                    }
                }
            }
            if let Some(r) = p.label {
                if let Some(b) = l.nodes.iter().find(|b| b.rect.overlaps(&r)) {
                    return Err(format!("the label of edge {k} overlaps node {}", b.node));
                }
                if labels.iter().any(|o| o.overlaps(&r)) {
                    return Err(format!("the label of edge {k} overlaps another label"));
                }
                labels.push(r);
            } else if e.label.iter().any(|s| !s.trim().is_empty()) {
                return Err(format!("edge {k} has a label but no place for it"));
            }
        }
        // No two edges share a stretch of line: each would hide where the other goes.
        let segs: Vec<Segment> = l
            .edges
            .iter()
            .flat_map(|p| p.points.windows(2).map(move |w| (p.edge, w[0], w[1])))
            .collect();
        for (i, a) in segs.iter().enumerate() {
            for b in &segs[..i] {
                if a.0 == b.0 {
                    continue;
                }
                let horizontal = |s: &Segment| (s.1.1 - s.2.1).abs() < EPS;
                let overlap = |a0: f64, a1: f64, b0: f64, b1: f64| {
                    a0.min(a1).max(b0.min(b1)) + 0.5 < a0.max(a1).min(b0.max(b1))
                };
                let shared = if horizontal(a) && horizontal(b) {
                    (a.1.1 - b.1.1).abs() < 0.5 && overlap(a.1.0, a.2.0, b.1.0, b.2.0)
                } else if !horizontal(a) && !horizontal(b) {
                    (a.1.0 - b.1.0).abs() < 0.5 && overlap(a.1.1, a.2.1, b.1.1, b.2.1)
                } else {
                    false
                };
                if shared {
                    return Err(format!("edges {} and {} share a stretch of line", a.0, b.0));
                }
            }
        }
        let below = l
            .lanes
            .iter()
            .map(|b| b.rect.bottom())
            .fold(l.title.bottom(), f64::max);
        if l.legend.y < below || l.legend.bottom() > l.height || l.width <= 0.0 {
            return Err("the legend is not below the lanes inside the picture".into());
        }
        Ok(())
    }

    #[test]
    fn an_empty_view_gives_a_frame_with_its_lanes() {
        let l = layout(&view(2, Vec::new(), Vec::new()));
        assert!(l.nodes.is_empty() && l.edges.is_empty());
        assert_eq!(l.lanes.len(), 2);
        assert!(l.lanes[0].rect.bottom() <= l.lanes[1].rect.y + EPS);
        check(&view(2, Vec::new(), Vec::new()), &l).unwrap();
        let none = view(0, Vec::new(), Vec::new());
        check(&none, &layout(&none)).unwrap();
    }

    #[test]
    fn one_node_sits_in_its_lane() {
        let v = view(1, vec![node(0, &["Nuorisoasema"])], Vec::new());
        let l = layout(&v);
        check(&v, &l).unwrap();
        assert_eq!(l.nodes[0].column, 0);
    }

    #[test]
    fn columns_follow_client_moving_edges_and_break_cycles() {
        // 0 → 1 → 2 → 1 (a loop back), 3 consults 1 (no move), 4 → 2 with nothing before it.
        let nodes = (0..5)
            .map(|i| node(i % 2, &[&format!("Palvelu {i}")]))
            .collect();
        let mut v = view(
            2,
            nodes,
            vec![
                edge(0, 1, true, &["Lähete"]),
                edge(1, 2, true, &["Lähete", "7 pv"]),
                edge(2, 1, true, &["Paluu"]),
                edge(3, 1, false, &["Konsultaatio"]),
                edge(4, 2, true, &[]),
            ],
        );
        v.nodes[0].entry = true;
        let l = layout(&v);
        check(&v, &l).unwrap();
        let col: Vec<usize> = l.nodes.iter().map(|b| b.column).collect();
        assert_eq!(&col[..3], &[0, 1, 2], "longest path from the entry");
        assert_eq!(
            col[4], 1,
            "a source that is not an entry sits just before its successor"
        );
        assert_eq!(
            col[3], 0,
            "a consultation does not set the consulting service's rank"
        );
        // The loop's back edge runs right to left, through a channel.
        let back = &l.edges[2].points;
        assert!(back.first().unwrap().0 > back.last().unwrap().0);
    }

    #[test]
    fn two_cycles_and_parallel_edges_get_distinct_lines() {
        let nodes = vec![node(0, &["A"]), node(0, &["B"]), node(1, &["C"])];
        let v = view(
            2,
            nodes,
            vec![
                edge(0, 1, true, &["Lähete"]),
                edge(0, 1, true, &["Lähete"]),
                edge(1, 0, true, &["Paluu"]),
                edge(0, 2, false, &["Tiedonsiirto"]),
                edge(0, 2, false, &["Tiedonsiirto"]),
                edge(2, 0, false, &["Tiedonsiirto"]),
            ],
        );
        check(&v, &layout(&v)).unwrap();
    }

    #[test]
    fn bad_indices_and_long_labels_do_not_panic() {
        let long = "Lastensuojelun avohuollon tukitoimena järjestettävä perhekuntoutus ".repeat(8);
        let mut nodes = vec![node(7, &[long.as_str()]), node(0, &["Lyhyt"])];
        nodes[1].marks = Mark::ALL.to_vec();
        let mut v = view(
            1,
            nodes,
            vec![
                edge(0, 9, true, &["x"]),
                edge(0, 1, true, &[long.as_str()]),
                edge(1, 1, true, &["itse"]),
            ],
        );
        v.lanes[0].label = long.clone();
        let l = layout(&v);
        check(&v, &l).unwrap();
        assert!(l.edges[0].points.is_empty());
        assert!(
            l.lanes[0].label_lines.len() > 1,
            "the lane label is wrapped"
        );
    }

    #[test]
    fn the_legend_lists_what_the_view_shows() {
        let mut v = view(
            1,
            vec![node(0, &["A"]), node(0, &["B"])],
            vec![edge(0, 1, false, &[])],
        );
        v.nodes[0].utilisation = Some(1.2);
        v.marks = vec![Mark::DeadEnd];
        let l = layout(&v);
        let symbols: Vec<LegendSymbol> = l.legend_items.iter().map(|i| i.symbol).collect();
        assert!(symbols.contains(&LegendSymbol::NoClientMove));
        assert!(!symbols.contains(&LegendSymbol::ClientMoves));
        assert!(symbols.contains(&LegendSymbol::OverCapacity));
        assert!(symbols.contains(&LegendSymbol::Mark(Mark::DeadEnd)));
        assert!(
            l.legend_items
                .iter()
                .all(|i| l.legend.x <= i.rect.x && i.rect.bottom() <= l.legend.bottom())
        );
    }

    /// Rebuilds a view from [`describe`]'s text, to study a failure.
    fn undescribe(text: &str) -> View {
        let lanes: usize = text.split_whitespace().nth(1).unwrap().parse().unwrap();
        let inner = |key: &str| {
            let start = text.find(key).unwrap() + key.len() + 2;
            let end = start + text[start..].find(']').unwrap();
            text[start..end]
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let lines = |lens: &str| -> Vec<String> {
            lens.split(',')
                .filter(|l| !l.is_empty())
                .map(|l| "x".repeat(l.parse().unwrap()))
                .collect()
        };
        let nodes = inner("nodes")
            .iter()
            .map(|n| {
                let f: Vec<&str> = n.split(':').collect();
                let label = lines(f[1]);
                let label: Vec<&str> = label.iter().map(|s| s.as_str()).collect();
                let mut v = node(f[0].parse().unwrap(), &label);
                v.marks = Mark::ALL[..f[2].parse::<usize>().unwrap()].to_vec();
                v
            })
            .collect();
        let edges = inner("edges")
            .iter()
            .map(|e| {
                let f: Vec<&str> = e.split(':').collect();
                let (a, b) = f[0].split_once('>').unwrap();
                let label = lines(f[2]);
                let label: Vec<&str> = label.iter().map(|s| s.as_str()).collect();
                edge(a.parse().unwrap(), b.parse().unwrap(), f[1] == "m", &label)
            })
            .collect();
        view(lanes, nodes, edges)
    }

    #[test]
    #[ignore = "a tool: VIEW='<text a failure printed>' cargo test reproduce -- --ignored --nocapture"]
    fn reproduce_a_described_view() {
        let v = undescribe(&std::env::var("VIEW").unwrap_or_default());
        let l = layout(&v);
        for n in &l.nodes {
            eprintln!("{:?}", n);
        }
        for e in &l.edges {
            eprintln!("{} {:?}", e.edge, e.points);
        }
        eprintln!("{:?}", check(&v, &l));
    }

    #[test]
    fn slots_keep_order_and_stay_close() {
        assert_eq!(place_in_slots(&[2.0], 4), [2]);
        assert_eq!(place_in_slots(&[0.0, 0.0, 3.0], 4), [0, 1, 3]);
        assert_eq!(place_in_slots(&[5.0, 5.0], 3), [1, 2]);
        assert!(place_in_slots(&[], 3).is_empty());
    }

    /// Every moving edge drawn right to left closes a cycle of moving edges.
    fn flows_left_to_right(v: &View, l: &Layout) -> Result<(), String> {
        let n = v.nodes.len();
        let reaches = |from: usize, to: usize| {
            let mut seen = vec![false; n];
            let mut stack = vec![from];
            while let Some(x) = stack.pop() {
                if x == to {
                    return true;
                }
                if std::mem::replace(&mut seen[x], true) {
                    continue;
                }
                stack.extend(
                    v.edges
                        .iter()
                        .filter(|e| e.moves_client && e.from == x && e.to < n)
                        .map(|e| e.to),
                );
            }
            false
        };
        for e in v
            .edges
            .iter()
            .filter(|e| e.moves_client && e.from < n && e.to < n)
        {
            if l.nodes[e.to].column <= l.nodes[e.from].column && !reaches(e.to, e.from) {
                return Err(format!(
                    "{} → {} runs right to left outside any cycle",
                    e.from, e.to
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn shipped_views_keep_every_promise() {
        let loaded = crate::workspace::load_dir(Path::new("pathways")).expect("loads");
        let model = &loaded.model;
        let analysis = crate::analysis::analyze(model);
        let mut checked = 0;
        for p in 0..model.pathways.len() {
            for lanes in [LaneBy::Actor, LaneBy::Sector] {
                let options = ViewOptions {
                    pathway: Some(crate::model::PathwayIx(p as u32)),
                    lanes,
                    ..Default::default()
                };
                let v = view::build(model, &analysis, &options).expect("builds");
                let l = layout(&v);
                check(&v, &l).unwrap_or_else(|e| panic!("{}: {e}", model.pathways[p].id));
                flows_left_to_right(&v, &l)
                    .unwrap_or_else(|e| panic!("{}: {e}", model.pathways[p].id));
                checked += 1;
            }
        }
        let options = ViewOptions {
            kind: ViewKind::Ecosystem,
            ..Default::default()
        };
        let v = view::build(model, &analysis, &options).expect("builds");
        let l = layout(&v);
        check(&v, &l).unwrap();
        flows_left_to_right(&v, &l).unwrap();
        let aggregated = ViewOptions {
            kind: ViewKind::Ecosystem,
            aggregate_above: 0,
            ..Default::default()
        };
        let v = view::build(model, &analysis, &aggregated).expect("builds");
        assert!(v.aggregated);
        check(&v, &layout(&v)).unwrap();
        assert!(checked >= 2);
    }

    /// A failing view in a few lines: lanes, nodes (lane, label line lengths, marks), edges
    /// (ends, moving or not, label line lengths).
    fn describe(v: &View) -> String {
        let lens = |lines: &[String]| {
            lines
                .iter()
                .map(|l| l.chars().count().to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let nodes: Vec<String> = v
            .nodes
            .iter()
            .map(|n| format!("{}:{}:{}", n.lane, lens(&n.label), n.marks.len()))
            .collect();
        let edges: Vec<String> = v
            .edges
            .iter()
            .map(|e| {
                format!(
                    "{}>{}:{}:{}",
                    e.from,
                    e.to,
                    if e.moves_client { "m" } else { "-" },
                    lens(&e.label)
                )
            })
            .collect();
        format!(
            "lanes {} nodes [{}] edges [{}]",
            v.lanes.len(),
            nodes.join(" "),
            edges.join(" ")
        )
    }

    fn arb_line() -> impl Strategy<Value = String> {
        "[a-zA-Zäö0-9 ·<&>\"-]{0,30}"
    }

    /// Random small views: 1–4 lanes, up to 12 nodes (some in lanes that do not exist), up to 30
    /// edges (parallel ones, 2-cycles, self-loops and a few with endpoints outside the view).
    fn arb_view() -> impl Strategy<Value = View> {
        (1usize..5, 0usize..13)
            .prop_flat_map(|(lanes, n)| {
                let node = (
                    0..=lanes,
                    prop::collection::vec(arb_line(), 0..4),
                    any::<(bool, bool)>(),
                    prop::collection::vec(0usize..6, 0..3),
                );
                let edge = (
                    0..=n,
                    0..=n,
                    any::<bool>(),
                    prop::collection::vec(arb_line(), 0..3),
                );
                let edges = if n == 0 { 0 } else { 30 };
                (
                    Just(lanes),
                    prop::collection::vec(node, n),
                    prop::collection::vec(edge, 0..=edges),
                )
            })
            .prop_map(|(lanes, nodes, edges)| {
                let nodes = nodes
                    .into_iter()
                    .map(|(lane, label, (entry, exit), marks)| {
                        let label: Vec<&str> = label.iter().map(|s| s.as_str()).collect();
                        let mut v = node(lane, &label);
                        v.entry = entry;
                        v.exit = exit;
                        v.marks = marks.into_iter().map(|m| Mark::ALL[m]).collect();
                        v
                    })
                    .collect();
                let edges = edges
                    .into_iter()
                    .map(|(from, to, moves, label)| {
                        let label: Vec<&str> = label.iter().map(|s| s.as_str()).collect();
                        edge(from, to, moves, &label)
                    })
                    .collect();
                view(lanes, nodes, edges)
            })
    }

    /// Cases per property: 256, or `PROPTEST_CASES` for a longer hunt.
    fn cases() -> u32 {
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256)
    }

    /// Random acyclic views: every edge from a lower to a higher node index, all moving.
    fn arb_dag() -> impl Strategy<Value = View> {
        (1usize..4, 2usize..12)
            .prop_flat_map(|(lanes, n)| {
                (
                    Just(lanes),
                    prop::collection::vec(0..lanes, n),
                    prop::collection::vec((0..n, 0..n), 0..25),
                )
            })
            .prop_map(|(lanes, node_lanes, pairs)| {
                let nodes = node_lanes
                    .iter()
                    .enumerate()
                    .map(|(i, &l)| node(l, &[&format!("P{i}")]))
                    .collect();
                let edges = pairs
                    .into_iter()
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| edge(a.min(b), a.max(b), true, &["Lähete"]))
                    .collect();
                view(lanes, nodes, edges)
            })
    }

    proptest! {
        // No regression files: a failure prints the case (see `describe`) instead.
        #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::with_cases(cases()) })]

        #[test]
        fn random_views_keep_every_promise(v in arb_view()) {
            let l = layout(&v);
            prop_assert!(check(&v, &l).is_ok(), "{} in {}", check(&v, &l).unwrap_err(), describe(&v));
        }

        #[test]
        fn columns_flow_left_to_right_along_client_moves(v in arb_dag()) {
            let l = layout(&v);
            for e in &v.edges {
                prop_assert!(l.nodes[e.from].column < l.nodes[e.to].column);
            }
            prop_assert!(check(&v, &l).is_ok(), "{} in {}", check(&v, &l).unwrap_err(), describe(&v));
        }
    }
}
