//! Phase 4, routes: how each edge travels from its source's right side to its target's left
//! side — straight along a row, through one gutter, or through gutters and a channel — decided on
//! the provisional grid (the choices compare positions within one row, which later growth of the
//! channels shifts together).

use std::collections::HashMap;

use super::grid::{Grid, YGrid};
use super::measure::{LABEL_GAP, SAME_Y, TRACK};
use super::ports::{Ports, PortsByCell, goes_back};

/// The route of every drawn edge and the runs each channel must hold.
pub(super) struct Routing {
    /// Each edge's route; `None` for edges that are not drawn.
    pub routes: Vec<Option<Route>>,
    /// The runs in each channel (lane, gap), for track assignment.
    pub channel_runs: HashMap<(usize, usize), Vec<ChannelRun>>,
    /// For each edge through a channel, how many channels it could take (0: it takes none).
    pub choices: Vec<usize>,
    /// How much higher a channel must be than its tracks need, for the label of a vertical
    /// edge across it ([`RouteKind::Vertical`]): (lane, gap) → extra height.
    pub room: HashMap<(usize, usize), f64>,
    /// Edges asked to be vertical whose way is crossed by another edge's run (it would strike
    /// their label): they are to be routed as the others.
    pub blocked: Vec<usize>,
}

/// Chooses every edge's route on the provisional vertical positions `ygrid`. An edge routed
/// straight along its row gets its exit levelled with its entry in `ports`. An edge through a
/// channel takes the `rank[e]`-th cheapest of the channels it could take (0: the cheapest; the
/// refinement tries others). Edges marked `vertical` (see [`super::ports::stacked`]) are routed
/// after all others, as one vertical line when no other run crosses their way.
pub(super) fn routes(
    grid: &Grid,
    ygrid: &YGrid,
    ends: &[Option<(usize, usize)>],
    ports: &mut Ports,
    rank: &[usize],
    vertical: &[bool],
    label_sizes: &[Option<(f64, f64)>],
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
        .filter(|&(e, _)| !vertical[e])
    {
        if !goes_back(grid, a, b) {
            let ya = node_top(ygrid, a) + port_out[e];
            exits_at
                .entry((lane_of[a], rows[a], column[a]))
                .or_default()
                .push((e, ya));
        }
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
    let mut choices = vec![0usize; ends.len()];
    let mut room: HashMap<(usize, usize), f64> = HashMap::new();
    let mut blocked = Vec::new();
    let row_free = |lane: usize, row: usize, y: f64, cols: std::ops::Range<usize>| {
        cols.clone().all(|c| match cell_node.get(&(lane, row, c)) {
            Some(&j) => {
                let t = node_top(ygrid, j);
                y < t - 4.0 || y > t + grid.node_h[j] + 4.0
            }
            None => true,
        })
    };
    // Vertical edges last: their way must be clear of every other run.
    let order = (0..ends.len())
        .filter(|&e| !vertical[e])
        .chain((0..ends.len()).filter(|&e| vertical[e]));
    for (e, (a, b)) in order.filter_map(|e| ends[e].map(|x| (e, x))) {
        let (ca, cb) = (column[a], column[b]);
        let (go, gi) = (ca + 1, cb);
        if vertical[e] {
            let level = |i: usize| (lane_of[i], rows[i]);
            let (u, w) = if level(a) < level(b) { (a, b) } else { (b, a) };
            let (channels, crossed_rows) = between(grid, u, w);
            let crosses = |lo: usize, hi: usize| lo <= ca && ca < hi;
            let struck = channels.iter().any(|c| {
                channel_runs
                    .get(c)
                    .is_some_and(|runs| runs.iter().any(|r| crosses(r.lo, r.hi)))
            });
            // Runs along rows: those between the boxes, and those in the two boxes' own rows
            // that pass below the upper box or above the lower one (a row is as tall as its
            // tallest box).
            let (way_top, way_bottom) = (node_top(ygrid, u) + grid.node_h[u], node_top(ygrid, w));
            let struck = struck
                || crossed_rows.iter().chain([&level(u), &level(w)]).any(|c| {
                    row_runs.get(c).is_some_and(|runs| {
                        runs.iter().any(|&(y, lo, hi)| {
                            lo < 2 * ca + 1 && 2 * ca + 1 < hi && y > way_top && y < way_bottom
                        })
                    })
                });
            if struck {
                blocked.push(e);
                continue;
            }
            // The label stands on the line, in the middle of the way: the channel below the
            // upper box grows when the way is shorter than the label with its margins.
            if let Some((_, h)) = label_sizes[e] {
                let gap = node_top(ygrid, w) - node_top(ygrid, u) - grid.node_h[u];
                let extra = h + 2.0 * LABEL_GAP - gap;
                if extra > 0.0 {
                    let slot = room.entry((lane_of[u], rows[u] + 1)).or_insert(0.0);
                    *slot = slot.max(extra);
                }
            }
            routes[e] = Some(Route::new(RouteKind::Vertical, (a, b), (go, gi)));
            continue;
        }
        if goes_back(grid, a, b) {
            let yt = node_top(ygrid, b) + port_in[e];
            let candidates = back_channels(grid, ygrid, &channel_runs, a, b, yt);
            choices[e] = candidates.len();
            let (lane, gap, ys) = pick(candidates, rank.get(e).copied().unwrap_or(0));
            let yc = ygrid.channel_top[lane][gap] + ygrid.channel_h[lane][gap] / 2.0;
            channel_runs
                .entry((lane, gap))
                .or_default()
                .push(ChannelRun {
                    edge: e,
                    lo: gi,
                    hi: ca + 1,
                    ys,
                    yt,
                    yc,
                    track: 0,
                });
            routes[e] = Some(Route::new(RouteKind::Back { lane, gap }, (a, b), (go, gi)));
            continue;
        }
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
            // The gutters are free from top to bottom, so the lanes just beyond the two the
            // edge joins are candidates too (ranked last by their climbing).
            let (la, lb) = (la.saturating_sub(1), (lb + 1).min(lane_rows.len() - 1));
            let mut candidates: Vec<(f64, usize, usize, f64)> = Vec::new();
            for (l, &lane_row_count) in lane_rows.iter().enumerate().take(lb + 1).skip(la) {
                for k in 0..=lane_row_count {
                    let yc = ygrid.channel_top[l][k] + ygrid.channel_h[l][k] / 2.0;
                    let crowd = channel_runs.get(&(l, k)).map_or(0, |runs| {
                        runs.iter().filter(|r| r.lo <= hi && lo <= r.hi).count()
                    });
                    let cost = (ys - yc).abs() + (yc - yt).abs() + crowd as f64 * TRACK * 1.5;
                    candidates.push((cost, l, k, ys));
                }
            }
            choices[e] = candidates.len();
            let (l, k, _) = pick(candidates, rank.get(e).copied().unwrap_or(0));
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
        routes[e] = Some(Route::new(kind, (a, b), (go, gi)));
    }

    Routing {
        routes,
        channel_runs,
        choices,
        room,
        blocked,
    }
}

/// A place in the vertical stack of lanes: (lane, gap) for a channel, (lane, row) for a row.
type Level = (usize, usize);

/// What lies between box `u` and box `w` below it in one column: the channels and the rows a
/// vertical line from one to the other passes.
fn between(grid: &Grid, u: usize, w: usize) -> (Vec<Level>, Vec<Level>) {
    let (mut channels, mut rows) = (Vec::new(), Vec::new());
    let (mut l, mut k) = (grid.lane_of[u], grid.rows[u] + 1);
    let end = (grid.lane_of[w], grid.rows[w]);
    loop {
        channels.push((l, k));
        if (l, k) == end {
            break;
        }
        if k < grid.lane_rows[l] {
            rows.push((l, k));
            k += 1;
        } else if l + 1 < grid.lane_rows.len() {
            (l, k) = (l + 1, 0);
        } else {
            break;
        }
    }
    (channels, rows)
}

/// The candidate of the given rank: candidates are (cost, lane, gap, height the edge leaves its
/// source at), ranked by cost, then top to bottom; a rank past the last means the last.
fn pick(mut candidates: Vec<(f64, usize, usize, f64)>, rank: usize) -> (usize, usize, f64) {
    candidates.sort_by(|a, b| a.0.total_cmp(&b.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    candidates
        .get(rank.min(candidates.len().saturating_sub(1)))
        .map_or((0, 0, 0.0), |c| (c.1, c.2, c.3))
}

/// The channels a back edge `a → b` could run in, with their costs and the height where it
/// leaves `a` (its top or its bottom): those its source can reach straight up or down without
/// passing a box (the ones just above and below it, and further while the cells of its column
/// are empty), within the lanes the edge joins. The cost is the climbing to the target's entry
/// `yt`, and how crowded the channel is.
fn back_channels(
    grid: &Grid,
    ygrid: &YGrid,
    channel_runs: &HashMap<(usize, usize), Vec<ChannelRun>>,
    a: usize,
    b: usize,
    yt: f64,
) -> Vec<(f64, usize, usize, f64)> {
    let (la, ra, ca) = grid.cell(a);
    let (lo_lane, hi_lane) = (la.min(grid.lane_of[b]), la.max(grid.lane_of[b]));
    let top = grid.node_top(ygrid, a);
    let bottom = top + grid.node_h[a];
    let (lo, hi) = (grid.column[b], ca + 1);
    let empty = |l: usize, r: usize| !grid.cell_node.contains_key(&(l, r, ca));
    // Channels reachable upwards: channel k of lane l lies above row k of l.
    let mut reachable: Vec<(usize, usize, f64)> = Vec::new();
    let (mut l, mut k) = (la, ra);
    loop {
        reachable.push((l, k, top));
        if k > 0 && empty(l, k - 1) {
            k -= 1;
        } else if k == 0 && l > lo_lane {
            l -= 1;
            k = grid.lane_rows[l];
        } else {
            break;
        }
    }
    let (mut l, mut k) = (la, ra + 1);
    loop {
        reachable.push((l, k, bottom));
        if k < grid.lane_rows[l] && empty(l, k) {
            k += 1;
        } else if k == grid.lane_rows[l] && l < hi_lane {
            l += 1;
            k = 0;
        } else {
            break;
        }
    }
    reachable
        .into_iter()
        .map(|(l, k, ys)| {
            let yc = ygrid.channel_top[l][k] + ygrid.channel_h[l][k] / 2.0;
            let crowd = channel_runs.get(&(l, k)).map_or(0, |runs| {
                runs.iter().filter(|r| r.lo <= hi && lo <= r.hi).count()
            });
            let cost = (ys - yc).abs() + (yc - yt).abs() + crowd as f64 * TRACK * 1.5;
            (cost, l, k, ys)
        })
        .collect()
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
    /// Out of the source's top (a channel above it) or bottom (below), back along the channel
    /// to the gutter before the target, into the target: edges whose target is not right of
    /// their source, drawn short instead of looping around the source.
    Back {
        /// The lane the channel is in.
        lane: usize,
        /// The channel: the gap above row `gap`.
        gap: usize,
    },
    /// Straight down from the source's bottom into the target's top, or up from its top into
    /// the target's bottom: two boxes stacked in one column with nothing between them.
    Vertical,
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

impl Route {
    /// A route of `kind` from box `a` to box `b`, leaving by gutter `go` and entering by `gi`,
    /// before its tracks are given.
    fn new(kind: RouteKind, (from, to): (usize, usize), (go, gi): (usize, usize)) -> Route {
        Route {
            kind,
            from,
            to,
            go,
            gi,
            ch_track: 0,
            go_track: 0,
            gi_track: 0,
        }
    }
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
