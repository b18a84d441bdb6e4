//! Measuring before placing: text widths, the size of every box, edge label and lane header.
//!
//! Widths come from the font the SVG draws with ([`super::metrics`]), and are shared with the
//! SVG writer, so text drawn there fits the boxes measured here.

use super::input::LayoutInput;
use super::metrics::Weight;

/// Font size of node labels.
pub(crate) const NODE_FONT: f64 = 12.0;
/// Line height of node labels.
pub(crate) const NODE_LINE: f64 = 16.0;
/// Horizontal padding inside a node; wide enough for the entry and exit markers.
pub(super) const NODE_PAD_X: f64 = 16.0;
/// Vertical padding inside a node.
pub(super) const NODE_PAD_Y: f64 = 8.0;
/// Height of the strip at the bottom of a node holding its finding badges.
pub(crate) const MARK_STRIP: f64 = 22.0;
/// Font size of the text in a finding badge: the box's own, so the figure ("600 %") is as
/// readable as the service's name wherever the name is.
pub(crate) const BADGE_FONT: f64 = 12.0;
/// Height of a finding badge.
pub(crate) const BADGE_H: f64 = 18.0;
/// Space between two badges of one box.
pub(crate) const BADGE_GAP: f64 = 4.0;
pub(super) const MIN_NODE_W: f64 = 96.0;
pub(super) const MIN_NODE_H: f64 = 36.0;
/// Least distance between two edge ends on one side of a node.
pub(super) const PORT_GAP: f64 = 10.0;

/// Font size of edge labels.
pub(crate) const LABEL_FONT: f64 = 11.0;
/// Line height of edge labels.
pub(crate) const LABEL_LINE: f64 = 14.0;
pub(super) const LABEL_PAD_X: f64 = 4.0;
pub(super) const LABEL_PAD_Y: f64 = 3.0;
/// Space kept clear around a label's box.
pub(super) const LABEL_GAP: f64 = 6.0;
/// Vertical space between the labels of two edges entering one node.
pub(super) const LABEL_SEP: f64 = 4.0;
/// Room between a label and its target for the arrow head.
pub(super) const ARROW_ROOM: f64 = 12.0;
/// Labels whose lines joined are at most this long are drawn on one line.
pub(super) const ONE_LINE: usize = 20;

/// Font size of lane labels.
pub(crate) const LANE_FONT: f64 = 13.0;
pub(super) const LANE_CHAR: f64 = 7.8;
/// Line height of lane labels.
pub(crate) const LANE_LINE: f64 = 17.0;
pub(super) const HEADER_PAD: f64 = 10.0;
pub(super) const HEADER_MIN: f64 = 150.0;
pub(super) const HEADER_MAX: f64 = 240.0;

/// Font size of the title.
pub(crate) const TITLE_FONT: f64 = 18.0;
pub(super) const TITLE_H: f64 = 44.0;

/// Font size of legend text.
pub(crate) const LEGEND_FONT: f64 = 12.0;
/// Height of one legend row.
pub(crate) const LEGEND_ROW: f64 = 24.0;
/// Width of the symbol slot at the left of a legend entry.
pub const LEGEND_SYMBOL_WIDTH: f64 = 34.0;
pub(super) const LEGEND_TITLE_H: f64 = 26.0;

pub(super) const MARGIN: f64 = 16.0;
/// Distance between two parallel tracks in a gutter or channel.
pub(super) const TRACK: f64 = 8.0;
/// Space between a gutter's edge and its first or last track.
pub(super) const GUTTER_PAD: f64 = 8.0;
/// Least height of the channel between two rows of a lane.
pub(super) const ROW_GAP: f64 = 14.0;
/// Least height of the channels at the top and bottom of a lane.
pub(super) const LANE_PAD: f64 = 14.0;
/// Space between a channel's edge and its first or last track.
pub(super) const CHANNEL_PAD: f64 = 8.0;
/// Two y values closer than this are treated as the same line.
pub(super) const SAME_Y: f64 = 2.5;

/// The width of `text` at `size` px in `weight`.
pub(super) fn text_width(text: &str, size: f64, weight: Weight) -> f64 {
    super::metrics::text_width(text, size, weight)
}

/// Wraps text to at most `width` characters a line at spaces, cutting words longer than a line
/// so that nothing spills out of its box.
fn wrap_hard(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in crate::render::diagram::view::wrap(text, width) {
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

/// The drawn edges into one box with the same label words, two or more, in edge order.
fn bundles(ends: &[Option<(usize, usize)>], labels: &[Vec<String>]) -> Vec<Vec<usize>> {
    let mut groups: std::collections::BTreeMap<(usize, &[String]), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (e, end) in ends.iter().enumerate() {
        if let Some((a, b)) = *end
            && a != b
            && labels[e].iter().any(|l| !l.trim().is_empty())
        {
            groups.entry((b, labels[e].as_slice())).or_default().push(e);
        }
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

/// Size of an edge's label box, or `None` when the edge has no label text.
fn label_size(lines: &[String]) -> Option<(f64, f64)> {
    if lines.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let w = lines
        .iter()
        .map(|l| text_width(l, LABEL_FONT, Weight::Regular))
        .fold(0.0, f64::max);
    Some((
        w + 2.0 * LABEL_PAD_X,
        lines.len() as f64 * LABEL_LINE + 2.0 * LABEL_PAD_Y,
    ))
}

/// The sizes of everything to place, measured once.
pub(super) struct Measured {
    /// Each edge's ends, or `None` when one of them is not a box (the edge is not drawn).
    pub ends: Vec<Option<(usize, usize)>>,
    /// The lane of each box, clamped to the lanes that exist.
    pub lane_of: Vec<usize>,
    /// How many lanes the grid has: at least one, so every box has a lane.
    pub lane_count: usize,
    /// Each edge's label lines as drawn (see [`label_text`]).
    pub label_lines: Vec<Vec<String>>,
    /// Each edge's label box, when it has one.
    pub label_sizes: Vec<Option<(f64, f64)>>,
    /// Edges into one box with the same words ("Lähete · 1 arkipv" from five services), in edge
    /// order: they merge into one arrow into the box, with one label ending in "×n" (on the
    /// first), so a box is not fenced by repeats.
    pub bundles: Vec<Vec<usize>>,
    /// The bundle each edge is in, if any (an index into [`Measured::bundles`]).
    pub bundle_of: Vec<Option<usize>>,
    /// The least distance between edge ends on the left of each box.
    pub in_gap: Vec<f64>,
    /// Width and height of each box.
    pub sizes: Vec<(f64, f64)>,
    /// Width of the lane headers (one for all lanes).
    pub header_w: f64,
    /// Each lane's label wrapped to the header.
    pub lane_lines: Vec<Vec<String>>,
    /// The least height of each lane, for its label.
    pub lane_min_h: Vec<f64>,
    /// Each lane's group (its region; empty for none): lanes of one group stay together.
    pub lane_group: Vec<String>,
}

/// Measures the boxes, labels and lane headers of an input.
pub(super) fn measure(input: &LayoutInput<'_>) -> Measured {
    let n = input.boxes.len();
    let lane_count = input.lanes.len().max(1);
    let lane_of: Vec<usize> = input
        .boxes
        .iter()
        .map(|v| v.lane.min(lane_count - 1))
        .collect();
    let ends: Vec<Option<(usize, usize)>> = input
        .edges
        .iter()
        .map(|e| (e.from < n && e.to < n).then_some((e.from, e.to)))
        .collect();

    // Edge labels: drawn just before the arrow head, in a strip of the gutter kept for them.
    let mut label_lines: Vec<Vec<String>> =
        input.edges.iter().map(|e| label_text(e.label)).collect();
    let bundles = bundles(&ends, &label_lines);
    for bundle in &bundles {
        for &e in bundle {
            if let Some(last) = label_lines[e].last_mut() {
                last.push_str(&format!(" ×{}", bundle.len()));
            }
        }
    }
    let label_sizes: Vec<Option<(f64, f64)>> = label_lines.iter().map(|l| label_size(l)).collect();
    let mut bundle_of: Vec<Option<usize>> = vec![None; ends.len()];
    for (k, bundle) in bundles.iter().enumerate() {
        for &e in bundle {
            bundle_of[e] = Some(k);
        }
    }

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
        // A bundle enters its box as one arrow.
        if bundle_of[e].is_none_or(|k| bundles[k][0] == e) {
            ins[b] += 1;
        }
        if let Some((_, h)) = label_sizes[e] {
            in_gap[b] = in_gap[b].max(h + LABEL_SEP);
        }
    }
    let sizes: Vec<(f64, f64)> = input
        .boxes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let text = v
                .label
                .iter()
                .map(|l| text_width(l, NODE_FONT, Weight::Regular))
                .fold(0.0, f64::max);
            let badges = badge_strip_width(&v.badges);
            let w = (text.max(badges) + 2.0 * NODE_PAD_X).max(MIN_NODE_W);
            let lines = v.label.len().max(1) as f64;
            let strip = if v.badges.is_empty() { 0.0 } else { MARK_STRIP };
            let ports = ((outs[i] + 1) as f64 * PORT_GAP).max(ins[i] as f64 * in_gap[i]);
            let h = (lines * NODE_LINE + 2.0 * NODE_PAD_Y + strip)
                .max(ports)
                .max(MIN_NODE_H);
            (w, h)
        })
        .collect();

    // Lane headers.
    let longest_word = input
        .lanes
        .iter()
        .flat_map(|l| l.label.split_whitespace())
        .map(|w| text_width(w, LANE_FONT, Weight::Bold))
        .fold(0.0, f64::max);
    let header_w = (longest_word + 2.0 * HEADER_PAD).clamp(HEADER_MIN, HEADER_MAX);
    let header_chars = ((header_w - 2.0 * HEADER_PAD) / LANE_CHAR).floor() as usize;
    let lane_lines: Vec<Vec<String>> = (0..lane_count)
        .map(|l| {
            input
                .lanes
                .get(l)
                .map_or_else(Vec::new, |lane| wrap_hard(lane.label, header_chars))
        })
        .collect();
    let lane_min_h: Vec<f64> = lane_lines
        .iter()
        .map(|lines| lines.len() as f64 * LANE_LINE + 2.0 * HEADER_PAD)
        .collect();

    let lane_group: Vec<String> = (0..lane_count)
        .map(|l| {
            input
                .lanes
                .get(l)
                .map_or_else(String::new, |lane| lane.group.to_string())
        })
        .collect();

    Measured {
        lane_group,
        ends,
        lane_of,
        lane_count,
        label_lines,
        label_sizes,
        bundles,
        bundle_of,
        in_gap,
        sizes,
        header_w,
        lane_lines,
        lane_min_h,
    }
}

/// The width of one finding badge: its text and a little room on either side, at least a disc.
pub(crate) fn badge_width(text: &str) -> f64 {
    (text_width(text, BADGE_FONT, Weight::Bold) + 10.0).max(BADGE_H + 2.0)
}

/// The width of a box's row of badges, with the gaps between them.
pub(crate) fn badge_strip_width(badges: &[String]) -> f64 {
    let gaps = badges.len().saturating_sub(1) as f64 * BADGE_GAP;
    badges.iter().map(|b| badge_width(b)).sum::<f64>() + gaps
}
