//! Phase 5, tracks: edges sharing a channel or a gutter get distinct parallel tracks, in an
//! order that avoids crossings where it can; channels grow to hold their tracks.

use std::collections::HashMap;

use super::grid::{Grid, YGrid};
use super::measure::{CHANNEL_PAD, SAME_Y, TRACK};
use super::ports::Ports;
use super::routes::{ChannelRun, RouteKind, Routing};

/// Gives every channel run its track and returns the channels' heights: `base_channels` grown
/// where a channel holds more tracks than fit.
pub(super) fn channel_tracks(routing: &mut Routing, base_channels: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let Routing {
        routes,
        channel_runs,
        room,
        ..
    } = routing;
    let mut channels = base_channels.to_vec();
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
    // Room for vertical edges' labels: the way across a channel holds none of its tracks.
    for (&(l, k), &extra) in room.iter() {
        channels[l][k] = channels[l][k].max(base_channels[l][k] + extra);
    }
    channels
}

/// The height of track `t` of channel (`l`, `k`) in the final vertical positions: the channel's
/// tracks centred in it.
pub(super) fn track_y(
    channel_runs: &HashMap<(usize, usize), Vec<ChannelRun>>,
    ygrid: &YGrid,
    l: usize,
    k: usize,
    t: usize,
) -> f64 {
    let count = channel_runs.get(&(l, k)).map_or(1, |runs| {
        runs.iter().map(|r| r.track + 1).max().unwrap_or(1)
    });
    let used = (count - 1) as f64 * TRACK;
    ygrid.channel_top[l][k] + (ygrid.channel_h[l][k] - used) / 2.0 + t as f64 * TRACK
}

/// Gives every vertical piece of every route its gutter track, on the final vertical positions
/// `ygrid`; returns how many tracks each gutter (0 ..= columns) holds.
pub(super) fn gutter_tracks(
    grid: &Grid,
    ygrid: &YGrid,
    ports: &Ports,
    routing: &mut Routing,
) -> Vec<usize> {
    let columns = grid.columns;
    let ys_of = |e: usize, a: usize| grid.node_top(ygrid, a) + ports.out[e];
    let yt_of = |e: usize, b: usize| grid.node_top(ygrid, b) + ports.into[e];

    // Gutter tracks.
    let mut gutter_segs: Vec<Vec<GutterSeg>> = vec![Vec::new(); columns + 1];
    for (e, route) in routing.routes.iter().enumerate() {
        let Some(r) = route else { continue };
        let (ys, yt) = (ys_of(e, r.from), yt_of(e, r.to));
        use Side::{Left, Right};
        match r.kind {
            RouteKind::Straight | RouteKind::Vertical => {}
            RouteKind::Direct | RouteKind::TargetLevel => {
                gutter_segs[r.go].push(GutterSeg::new(e, 0, (ys, Left), (yt, Right)))
            }
            RouteKind::SourceLevel => {
                gutter_segs[r.gi].push(GutterSeg::new(e, 1, (ys, Left), (yt, Right)))
            }
            RouteKind::Channel { lane, gap } => {
                let yc = track_y(&routing.channel_runs, ygrid, lane, gap, r.ch_track);
                let forward = r.gi > r.go;
                let (out_side, in_side) = if forward {
                    (Right, Left)
                } else {
                    (Left, Right)
                };
                gutter_segs[r.go].push(GutterSeg::new(e, 0, (ys, Left), (yc, out_side)));
                gutter_segs[r.gi].push(GutterSeg::new(e, 1, (yc, in_side), (yt, Right)));
            }
            RouteKind::Back { lane, gap } => {
                // Only the leg into the target is in a gutter; the run comes from the right.
                let yc = track_y(&routing.channel_runs, ygrid, lane, gap, r.ch_track);
                gutter_segs[r.gi].push(GutterSeg::new(e, 1, (yc, Right), (yt, Right)));
            }
        }
    }
    let mut gutter_tracks = vec![0usize; columns + 1];
    for (g, segs) in gutter_segs.iter_mut().enumerate() {
        gutter_tracks[g] = assign_gutter_tracks(segs);
        for s in segs.iter() {
            if let Some(r) = routing.routes[s.edge].as_mut() {
                if s.slot == 0 {
                    r.go_track = s.track;
                } else {
                    r.gi_track = s.track;
                }
            }
        }
    }

    gutter_tracks
}

/// Gives each run in one channel a track so that runs sharing a gutter never share a line, and
/// orders the tracks so runs turning up lie above runs turning down (fewer crossings). Returns
/// the number of tracks.
pub(super) fn assign_channel_tracks(runs: &mut [ChannelRun]) -> usize {
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
            // Runs alike but for their entry: the one entering lower lies nearer the top, so
            // two legs into one gutter nest instead of crossing.
            .then(b.yt.total_cmp(&a.yt))
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
