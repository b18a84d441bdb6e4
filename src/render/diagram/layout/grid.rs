//! Phase 2, grid: rows within lanes (crossings reduced by barycentre sweeps), row heights and
//! the channels between rows, then the vertical positions of lanes, rows and channels.

use std::collections::HashMap;

use super::measure::{LANE_PAD, MIN_NODE_H, ROW_GAP};

/// The grid of lanes, rows and columns every box sits in, before any vertical coordinate.
pub(super) struct Grid {
    /// The lane of each box.
    pub lane_of: Vec<usize>,
    /// The column of each box.
    pub column: Vec<usize>,
    /// How many columns there are.
    pub columns: usize,
    /// The row of each box within its lane.
    pub rows: Vec<usize>,
    /// How many rows each lane has (at least one).
    pub lane_rows: Vec<usize>,
    /// The height of each row of each lane: its tallest box.
    pub row_h: Vec<Vec<f64>>,
    /// The height of each box.
    pub node_h: Vec<f64>,
    /// The box in each cell (lane, row, column), when there is one.
    pub cell_node: HashMap<(usize, usize, usize), usize>,
    /// The least height of the channels above, between and below each lane's rows.
    pub base_channels: Vec<Vec<f64>>,
}

impl Grid {
    /// The cell (lane, row, column) of box `i`.
    pub fn cell(&self, i: usize) -> (usize, usize, usize) {
        (self.lane_of[i], self.rows[i], self.column[i])
    }

    /// The top of box `i` in the vertical positions `g`: centred in its row.
    pub fn node_top(&self, g: &YGrid, i: usize) -> f64 {
        let (l, r) = (self.lane_of[i], self.rows[i]);
        g.row_top[l][r] + (self.row_h[l][r] - self.node_h[i]) / 2.0
    }

    /// The middle height of box `i` in the vertical positions `g`.
    pub fn centre(&self, g: &YGrid, i: usize) -> f64 {
        self.node_top(g, i) + self.node_h[i] / 2.0
    }
}

/// The grid of boxes placed in cells: `lane_of`, `column` (from [`super::ranks::ranks`]) and
/// `rows` (from [`order_rows`], distinct within a cell) say each box's lane (top to bottom),
/// column and row, `node_h` its height. Rows no box uses are dropped.
pub(super) fn grid(
    lane_count: usize,
    lane_of: &[usize],
    column: Vec<usize>,
    mut rows: Vec<usize>,
    node_h: Vec<f64>,
) -> Grid {
    let n = lane_of.len();
    let columns = column.iter().map(|c| c + 1).max().unwrap_or(0);
    // Renumber each lane's rows 0, 1, … in order, so an empty row takes no height.
    for l in 0..lane_count {
        let mut used: Vec<usize> = (0..n)
            .filter(|&i| lane_of[i] == l)
            .map(|i| rows[i])
            .collect();
        used.sort_unstable();
        used.dedup();
        for i in (0..n).filter(|&i| lane_of[i] == l) {
            rows[i] = used.binary_search(&rows[i]).unwrap_or(0);
        }
    }
    let mut lane_rows = vec![1usize; lane_count];
    for i in 0..n {
        lane_rows[lane_of[i]] = lane_rows[lane_of[i]].max(rows[i] + 1);
    }
    let mut row_h: Vec<Vec<f64>> = lane_rows.iter().map(|&r| vec![MIN_NODE_H; r]).collect();
    for i in 0..n {
        let h = &mut row_h[lane_of[i]][rows[i]];
        *h = h.max(node_h[i]);
    }
    let mut cell_node: HashMap<(usize, usize, usize), usize> = HashMap::new();
    for i in 0..n {
        cell_node.insert((lane_of[i], rows[i], column[i]), i);
    }

    // Channels: the gaps above, between and below each lane's rows.
    let base_channels: Vec<Vec<f64>> = lane_rows
        .iter()
        .map(|&r| {
            (0..=r)
                .map(|k| if k == 0 || k == r { LANE_PAD } else { ROW_GAP })
                .collect()
        })
        .collect();
    Grid {
        lane_of: lane_of.to_vec(),
        column,
        columns,
        rows,
        lane_rows,
        row_h,
        node_h,
        cell_node,
        base_channels,
    }
}

/// Vertical positions: lanes top to bottom, each a stack of channel, row, channel, …, channel.
pub(super) struct YGrid {
    /// The top of each lane.
    pub lane_top: Vec<f64>,
    /// The height of each lane.
    pub lane_h: Vec<f64>,
    /// The top of each row of each lane.
    pub row_top: Vec<Vec<f64>>,
    /// The top of each channel of each lane (channel k lies above row k).
    pub channel_top: Vec<Vec<f64>>,
    /// The height of each channel of each lane.
    pub channel_h: Vec<Vec<f64>>,
    /// The bottom of the last lane.
    pub bottom: f64,
}

impl YGrid {
    /// Stacks the lanes from `top`: rows of `row_h`, channels of `channels`, each lane at least
    /// `lane_min_h` high.
    pub fn new(top: f64, row_h: &[Vec<f64>], channels: &[Vec<f64>], lane_min_h: &[f64]) -> YGrid {
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

/// Rows within each lane: nodes of one cell (lane, column) get distinct rows; barycentre sweeps
/// move each node towards the rows of its neighbours so edges stay short and straight.
pub(super) fn order_rows(
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
pub(super) fn place_in_slots(desired: &[f64], slots: usize) -> Vec<usize> {
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
    use super::*;

    #[test]
    fn boxes_of_one_cell_get_rows_of_their_own_and_follow_their_neighbours() {
        // Lane 0: 0 and 1 in column 0, 2 in column 1 joined to 1; lane 1: 3 in column 0.
        let (lanes, column) = ([0, 0, 0, 1], vec![0, 0, 1, 0]);
        let rows = order_rows(4, 2, &lanes, &column, 2, &[Some((1, 2)), None]);
        let g = grid(2, &lanes, column, rows, vec![40.0, 60.0, 36.0, 36.0]);
        assert_ne!(g.rows[0], g.rows[1]);
        assert_eq!(g.rows[2], g.rows[1], "2 sits level with its neighbour 1");
        assert_eq!(g.lane_rows, [2, 1]);
        assert_eq!(g.row_h[0][g.rows[1]], 60.0);
        assert_eq!(g.cell_node[&g.cell(3)], 3);
        let y = YGrid::new(60.0, &g.row_h, &g.base_channels, &[0.0, 200.0]);
        assert_eq!(y.lane_top[0], 60.0);
        assert!(y.lane_h[1] >= 200.0, "a lane grows for its label");
        assert!(g.node_top(&y, 3) > y.lane_top[1]);
    }
}
