//! Phase 4, routes: how each edge travels from its source's right side to its target's left
//! side — straight along a row, through one gutter, or through gutters and a channel — decided on
//! the provisional grid (the choices compare positions within one row, which later growth of the
//! channels shifts together).

use std::collections::HashMap;

use super::grid::{Grid, YGrid};
use super::measure::{SAME_Y, TRACK};
use super::ports::{Ports, PortsByCell};

/// The route of every drawn edge and the runs each channel must hold.
pub(super) struct Routing {
    /// Each edge's route; `None` for edges that are not drawn.
    pub routes: Vec<Option<Route>>,
    /// The runs in each channel (lane, gap), for track assignment.
    pub channel_runs: HashMap<(usize, usize), Vec<ChannelRun>>,
}

/// Chooses every edge's route on the provisional vertical positions `ygrid`. An edge routed
/// straight along its row gets its exit levelled with its entry in `ports`.
pub(super) fn routes(
    grid: &Grid,
    ygrid: &YGrid,
    ends: &[Option<(usize, usize)>],
    ports: &mut Ports,
) -> Routing {
    let (lane_of, rows, column) = (&grid.lane_of, &grid.rows, &grid.column);
    let (cell_node, lane_rows) = (&grid.cell_node, &grid.lane_rows);
    let node_top = |g: &YGrid, i: usize| grid.node_top(g, i);
    let port_in = &ports.into;
    let port_out = &mut ports.out;

    // Heights where edges leave and enter the nodes of each cell, for the checks below.
    let mut exits_at: PortsByCell = HashMap::new();
    let mut entries_at: PortsByCell = HashMap::new();
    for (e, (a, b)) in ends
        .iter()
        .enumerate()
        .filter_map(|(e, x)| x.map(|x| (e, x)))
    {
        let ya = node_top(ygrid, a) + port_out[e];
        exits_at
            .entry((lane_of[a], rows[a], column[a]))
            .or_default()
            .push((e, ya));
        let yb = node_top(ygrid, b) + port_in[e];
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
                let t = node_top(ygrid, j);
                y < t - 4.0 || y > t + grid.node_h[j] + 4.0
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
        let ys = node_top(ygrid, a) + port_out[e];
        let yt = node_top(ygrid, b) + port_in[e];
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

    Routing {
        routes,
        channel_runs,
    }
}

/// A horizontal run along a row at height y (provisional), between two positions counted in
/// half columns (gutter g is 2g, column c is 2c + 1).
type RowRun = (f64, usize, usize);

/// How an edge travels from its source's right side to its target's left side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum RouteKind {
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
    Channel {
        /// The lane the channel is in.
        lane: usize,
        /// The channel: the gap above row `gap`.
        gap: usize,
    },
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Route {
    /// How the edge travels.
    pub kind: RouteKind,
    /// The source box.
    pub from: usize,
    /// The target box.
    pub to: usize,
    /// The gutter after the source's column.
    pub go: usize,
    /// The gutter before the target's column.
    pub gi: usize,
    /// The track in the channel ([`RouteKind::Channel`] only).
    pub ch_track: usize,
    /// The track in gutter `go`.
    pub go_track: usize,
    /// The track in gutter `gi`.
    pub gi_track: usize,
}

/// A horizontal run in a channel between gutters `lo` and `hi`.
#[derive(Clone, Debug)]
pub(super) struct ChannelRun {
    /// The edge.
    pub edge: usize,
    /// The gutter where the run starts (the lower of the two).
    pub lo: usize,
    /// The gutter where it ends.
    pub hi: usize,
    /// The height of the edge's source port (provisional grid).
    pub ys: f64,
    /// The height of the edge's target port (provisional grid).
    pub yt: f64,
    /// The channel's middle (provisional grid).
    pub yc: f64,
    /// The track given by [`super::tracks::assign_channel_tracks`].
    pub track: usize,
}
