//! Phase 6, geometry: the columns' and gutters' x positions, the boxes' rectangles, every
//! edge's waypoints and the place of its label.

use super::grid::{Grid, YGrid};
use super::measure::{ARROW_ROOM, GUTTER_PAD, LABEL_GAP, MARGIN, Measured, TRACK};
use super::ports::Ports;
use super::routes::{RouteKind, Routing};
use super::tracks::track_y;
use super::{EdgePath, Rect};

/// The boxes and edges in final coordinates.
pub(super) struct Geometry {
    /// Each box's rectangle.
    pub node_rects: Vec<Rect>,
    /// Each edge's path and label.
    pub edge_paths: Vec<EdgePath>,
    /// The right edge of the last gutter.
    pub content_right: f64,
}

/// Places columns and gutters left to right after the lane headers, each gutter wide enough for
/// its `gutter_tracks` and for the labels of the edges entering the next column, then draws
/// every route on the final vertical positions `ygrid`.
pub(super) fn geometry(
    m: &Measured,
    grid: &Grid,
    ygrid: &YGrid,
    ports: &Ports,
    routing: &Routing,
    gutter_tracks: &[usize],
) -> Geometry {
    let (n, columns, column) = (grid.lane_of.len(), grid.columns, &grid.column);
    let (sizes, label_sizes, label_lines) = (&m.sizes, &m.label_sizes, &m.label_lines);
    let header_w = m.header_w;
    let ys_of = |e: usize, a: usize| grid.node_top(ygrid, a) + ports.out[e];
    let yt_of = |e: usize, b: usize| grid.node_top(ygrid, b) + ports.into[e];

    // Horizontal positions: header, then gutter 0, column 0, gutter 1, … gutter C. Each gutter
    // holds its tracks and, beside them, a strip wide enough for the widest label of the edges
    // entering the next column: that spot is free of boxes whatever else happens.
    let mut col_w = vec![0.0f64; columns];
    for i in 0..n {
        col_w[column[i]] = col_w[column[i]].max(sizes[i].0);
    }
    // A node narrower than its column is centred, so part of its label may stand in the column.
    let mut strip_w = vec![0.0f64; columns + 1];
    for (e, route) in routing.routes.iter().enumerate() {
        if let (Some(r), Some((w, _))) = (route, label_sizes[e])
            && r.kind != RouteKind::Vertical
        {
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
        // The label strip keeps its own gap from the tracks (`LABEL_GAP`), so a gutter with
        // labels needs the pad only before its first track.
        gutter_w[g] = if strip_w[g] > 0.0 {
            (GUTTER_PAD + tracks + strip_w[g]).max(2.0 * GUTTER_PAD)
        } else {
            2.0 * GUTTER_PAD + tracks
        };
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
                y: grid.node_top(ygrid, i),
                width: sizes[i].0,
                height: sizes[i].1,
            }
        })
        .collect();

    // Where back edges leave their sources: top exits in the right half of the box, bottom
    // exits in the left half (boxes of a column share its centre line, so a box's bottom exits
    // never meet the top exits of the box below), ordered so the legs do not cross: all runs go
    // left, so the leftmost leg is the one whose run lies nearest the box.
    let mut back_x = vec![0.0; routing.routes.len()];
    {
        let mut legs: std::collections::HashMap<(usize, bool), Vec<(usize, f64)>> =
            std::collections::HashMap::new();
        for (e, route) in routing.routes.iter().enumerate() {
            if let Some(r) = route
                && let RouteKind::Back { lane, gap } = r.kind
            {
                let yc = track_y(&routing.channel_runs, ygrid, lane, gap, r.ch_track);
                let up = yc < node_rects[r.from].y;
                legs.entry((r.from, up)).or_default().push((e, yc));
            }
        }
        for ((a, up), mut list) in legs {
            let rect = node_rects[a];
            let half = rect.width / 2.0;
            if up {
                list.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            } else {
                list.sort_by(|x, y| x.1.total_cmp(&y.1).then(x.0.cmp(&y.0)));
            }
            let start = if up { rect.x + half } else { rect.x };
            let m = list.len() as f64;
            for (k, &(e, _)) in list.iter().enumerate() {
                back_x[e] = start + half * (k as f64 + 1.0) / (m + 1.0);
            }
        }
    }

    // Waypoints.
    let mut edge_paths: Vec<EdgePath> = Vec::with_capacity(routing.routes.len());
    for (e, route) in routing.routes.iter().enumerate() {
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
                let yc = track_y(&routing.channel_runs, ygrid, lane, gap, r.ch_track);
                let (x1, x2) = (track_x(r.go, r.go_track), track_x(r.gi, r.gi_track));
                vec![(xs, ys), (x1, ys), (x1, yc), (x2, yc), (x2, yt), (xt, yt)]
            }
            RouteKind::Back { lane, gap } => {
                let yc = track_y(&routing.channel_runs, ygrid, lane, gap, r.ch_track);
                let (xv, x2) = (back_x[e], track_x(r.gi, r.gi_track));
                let yv = if yc < sa.y { sa.y } else { sa.bottom() };
                vec![(xv, yv), (xv, yc), (x2, yc), (x2, yt), (xt, yt)]
            }
            RouteKind::Vertical => {
                let c = column[r.from];
                let xc = col_x[c] + col_w[c] / 2.0;
                if sa.y < tb.y {
                    vec![(xc, sa.bottom()), (xc, tb.y)]
                } else {
                    vec![(xc, sa.y), (xc, tb.bottom())]
                }
            }
        };
        let label = label_sizes[e].map(|(w, h)| {
            if r.kind == RouteKind::Vertical {
                // On the line, halfway between the two boxes (the way was kept clear and high
                // enough for it by the routing).
                let (upper, lower) = if sa.y < tb.y { (sa, tb) } else { (tb, sa) };
                let (xc, mid) = (points[0].0, (upper.bottom() + lower.y) / 2.0);
                Rect {
                    x: xc - w / 2.0,
                    y: mid - h / 2.0,
                    width: w,
                    height: h,
                }
            } else {
                // Just before the arrow head, level with the target's port: between the
                // gutter's tracks and the target, where no box, no line and no label is.
                Rect {
                    x: xt - ARROW_ROOM - w,
                    y: yt - h / 2.0,
                    width: w,
                    height: h,
                }
            }
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

    // A bundle's edges merge into one arrow: its one label goes on the first, the others have
    // none (their lines run into the same arrow head, behind it).
    for bundle in &m.bundles {
        for &e in bundle.iter().skip(1) {
            edge_paths[e].label = None;
            edge_paths[e].label_lines.clear();
        }
    }

    Geometry {
        node_rects,
        edge_paths,
        content_right,
    }
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
