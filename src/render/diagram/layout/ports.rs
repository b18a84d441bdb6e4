//! Phase 3, ports: where on its source's right side each edge leaves and where on its target's
//! left side it enters, as heights from the box's top. Back edges (target not right of the
//! source) leave by the source's top or bottom instead ([`super::routes::RouteKind::Back`]), so
//! they get no port on the right side. Edges between two boxes stacked in one column
//! ([`stacked`]) are one vertical line from the bottom of the upper box to the top of the lower
//! ([`super::routes::RouteKind::Vertical`]), with no port on either side.

use std::collections::HashMap;

use super::grid::{Grid, YGrid};
use super::measure::{Measured, SAME_Y};

/// Edge ends on one side of the nodes of each cell (lane, row, column): the edge and its height.
pub(super) type PortsByCell = HashMap<(usize, usize, usize), Vec<(usize, f64)>>;

/// Each edge's port heights, from the top of its source (`out`) and of its target (`into`).
pub(super) struct Ports {
    /// Where each edge leaves its source.
    pub out: Vec<f64>,
    /// Where each edge enters its target.
    pub into: Vec<f64>,
}

/// True when edge `a → b` goes back: its target is not right of its source. Such an edge leaves
/// by the top or bottom of its source, so it does not loop around it.
pub(super) fn goes_back(grid: &Grid, a: usize, b: usize) -> bool {
    grid.column[b] <= grid.column[a]
}

/// For each edge, whether it may be drawn as one vertical line: its two boxes stand in one
/// column with no box of that column between them (a consultation between a service and the one
/// below it, say), it is not merged into a bundle, and its label fits the column's width. Only
/// the first such edge of a pair of boxes is: two lines side by side would leave the labels in
/// doubt about which line is theirs.
pub(super) fn stacked(grid: &Grid, m: &Measured) -> Vec<bool> {
    let n = grid.lane_of.len();
    let mut col_w = vec![0.0f64; grid.columns];
    for i in 0..n {
        col_w[grid.column[i]] = col_w[grid.column[i]].max(m.sizes[i].0);
    }
    let level = |i: usize| (grid.lane_of[i], grid.rows[i]);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    m.ends
        .iter()
        .enumerate()
        .map(|(e, ends)| {
            let Some((a, b)) = *ends else { return false };
            let c = grid.column[a];
            if a == b || grid.column[b] != c || m.bundle_of[e].is_some() {
                return false;
            }
            let (lo, hi) = (level(a).min(level(b)), level(a).max(level(b)));
            let between = (0..n).any(|j| grid.column[j] == c && level(j) > lo && level(j) < hi);
            let fits = m.label_sizes[e].is_none_or(|(w, _)| w <= col_w[c]);
            let pair = (a.min(b), a.max(b));
            if between || !fits || pairs.contains(&pair) {
                return false;
            }
            pairs.push(pair);
            true
        })
        .collect()
}

/// Spreads the ports of every box over its sides, ordered by where the other end lies so fans
/// do not cross at the box; `in_gap` is the least distance between two entries of each box, and
/// the edges of one bundle (`bundle_of`) share one entry. Edges drawn `vertical` get no port.
pub(super) fn ports(grid: &Grid, ygrid: &YGrid, m: &Measured, vertical: &[bool]) -> Ports {
    let (ends, in_gap, bundle_of) = (&m.ends, &m.in_gap, &m.bundle_of);
    let n = grid.lane_of.len();
    // Ports: where each edge leaves its source (right side) and enters its target (left side),
    // ordered by where the other end lies so fans do not cross at the node.
    let mut out = vec![0.0; ends.len()];
    let mut into = vec![0.0; ends.len()];
    {
        let mut by_out: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut by_in: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (e, (a, b)) in ends
            .iter()
            .enumerate()
            .filter_map(|(e, x)| x.map(|x| (e, x)))
            .filter(|&(e, _)| !vertical[e])
        {
            if !goes_back(grid, a, b) {
                by_out[a].push(e);
            }
            by_in[b].push(e);
        }
        let key = |i: usize| (grid.centre(ygrid, i), grid.column[i]);
        for i in 0..n {
            let h = grid.node_h[i];
            let list = &mut by_out[i];
            list.sort_by(|&x, &y| {
                let (kx, ky) = (
                    key(ends[x].map_or(0, |e| e.1)),
                    key(ends[y].map_or(0, |e| e.1)),
                );
                kx.0.total_cmp(&ky.0).then(kx.1.cmp(&ky.1)).then(x.cmp(&y))
            });
            for (k, &e) in list.iter().enumerate() {
                out[e] = h * (k + 1) as f64 / (list.len() + 1) as f64;
            }
            // Entries: one per edge, one per bundle (its edges merge into one arrow), ordered
            // by where their sources lie (a bundle by its sources' middle).
            let mut groups: Vec<(f64, usize, Vec<usize>)> = Vec::new();
            for &e in &by_in[i] {
                let (y, c) = key(ends[e].map_or(0, |x| x.0));
                match bundle_of[e]
                    .and_then(|k| groups.iter().position(|g| bundle_of[g.2[0]] == Some(k)))
                {
                    Some(g) => groups[g].2.push(e),
                    None => groups.push((y, c, vec![e])),
                }
            }
            for g in &mut groups {
                let ys: Vec<f64> =
                    g.2.iter()
                        .map(|&e| key(ends[e].map_or(0, |x| x.0)).0)
                        .collect();
                g.0 = ys.iter().sum::<f64>() / ys.len() as f64;
            }
            groups.sort_by(|x, y| {
                x.0.total_cmp(&y.0)
                    .then(y.1.cmp(&x.1))
                    .then(x.2[0].cmp(&y.2[0]))
            });
            // Evenly spread when that leaves room enough, else packed around the middle.
            let m = groups.len() as f64;
            let gap = (h / (m + 1.0)).max(in_gap[i]);
            for (k, g) in groups.iter().enumerate() {
                for &e in &g.2 {
                    into[e] = h / 2.0 + (k as f64 - (m - 1.0) / 2.0) * gap;
                }
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
            .filter(|&(e, _)| !vertical[e])
        {
            if !goes_back(grid, a, b) {
                outs_of[a].push(e);
            }
            let y = grid.node_top(ygrid, b) + into[e];
            entries.entry(grid.cell(b)).or_default().push((e, y));
        }
        let clear = SAME_Y + 0.5;
        for (i, outs_here) in outs_of.iter().enumerate() {
            let ins_here: &[(usize, f64)] = entries
                .get(&(grid.lane_of[i], grid.rows[i], grid.column[i] + 1))
                .map_or(&[], |v| v.as_slice());
            let top = grid.node_top(ygrid, i);
            let h = grid.node_h[i];
            let mut exits: Vec<usize> = outs_here.clone();
            exits.sort_by(|&x, &y| out[x].total_cmp(&out[y]));
            // First, level each exit with its target's entry when the target is further along
            // the same row and the height is free: the edge can then be one straight line.
            for k in 0..exits.len() {
                let e = exits[k];
                let Some((_, b)) = ends[e] else { continue };
                if grid.lane_of[b] != grid.lane_of[i]
                    || grid.rows[b] != grid.rows[i]
                    || grid.column[b] <= grid.column[i]
                {
                    continue;
                }
                let want = grid.node_top(ygrid, b) + into[e] - top;
                let lo = if k > 0 {
                    out[exits[k - 1]] + clear
                } else {
                    1.0
                };
                let hi = exits.get(k + 1).map_or(h - 1.0, |&o| out[o] - clear);
                let taken = ins_here
                    .iter()
                    .any(|&(e2, y2)| e2 != e && (top + want - y2).abs() < clear);
                if want > lo && want < hi && !taken {
                    out[e] = want;
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
                            .any(|&o| o != e && (top + out[o] - y).abs() < clear)
                };
                let y = top + out[e];
                if !blocked(y) {
                    continue;
                }
                let free = (1..)
                    .map(|t| t as f64 * 0.5)
                    .take_while(|d| *d < h)
                    .flat_map(|d| [y + d, y - d])
                    .find(|&c| c > top + 1.0 && c < top + h - 1.0 && !blocked(c));
                if let Some(c) = free {
                    out[e] = c - top;
                }
            }
        }
    }

    Ports { out, into }
}
