//! Where a BPMN diagram's shapes go: the pool, lanes and tasks from the [`Layout`] (or a plain
//! grid when the layout does not cover every node and lane), start and end events beside their
//! task where nothing else is, and the flows' waypoints between the shapes' borders.

use crate::render::diagram::layout::{Layout, Rect};
use crate::render::diagram::view::View;

use super::{EVENT, EVENT_GAP, POOL_HEADER};

/// Where everything goes, in BPMN DI terms.
pub(super) struct Geometry {
    pub(super) participant: Rect,
    pub(super) lanes: Vec<Rect>,
    pub(super) nodes: Vec<Rect>,
    /// Start event of each node, when it is an entry.
    pub(super) starts: Vec<Option<Rect>>,
    /// End event of each node, when it is an exit.
    pub(super) ends: Vec<Option<Rect>>,
    /// Each view edge.
    pub(super) edges: Vec<EdgeGeometry>,
}

/// Waypoints and label box of an edge.
pub(super) struct EdgeGeometry {
    pub(super) points: Vec<(f64, f64)>,
    pub(super) label: Option<Rect>,
    /// False when the native drawing says this edge's words once, on another edge into the same
    /// task with the same words ("Lähete · 1 arkipv ×4"): the flow then keeps its words as
    /// documentation, not as a second label beside the first.
    pub(super) named: bool,
}

impl Geometry {
    pub(super) fn new(view: &View, layout: &Layout) -> Geometry {
        let nodes: Option<Vec<Rect>> = (0..view.nodes.len())
            .map(|i| layout.nodes.iter().find(|b| b.node == i).map(|b| b.rect))
            .collect();
        let lanes: Option<Vec<(Rect, f64)>> = (0..view.lanes.len())
            .map(|l| {
                layout
                    .lanes
                    .iter()
                    .find(|b| b.lane == l)
                    .map(|b| (b.rect, b.header_width))
            })
            .collect();
        let usable = |r: &Rect| [r.x, r.y, r.width, r.height].iter().all(|v| v.is_finite());
        let (nodes, lanes) = match (nodes, lanes) {
            (Some(n), Some(l)) if n.iter().all(usable) && l.iter().all(|(r, _)| usable(r)) => {
                (n, l)
            }
            _ => grid(view),
        };

        let mut edges: Vec<EdgeGeometry> = view
            .edges
            .iter()
            .enumerate()
            .map(|(e, edge)| {
                // A missing collaboration is no connection: nothing drawn, nothing in the way.
                if edge.missing_collaboration {
                    return EdgeGeometry {
                        points: Vec::new(),
                        label: None,
                        named: true,
                    };
                }
                let laid = layout.edges.iter().find(|p| p.edge == e);
                let wordless = edge.label.iter().all(|s| s.trim().is_empty());
                let named = wordless || laid.is_none_or(|p| !p.label_lines.is_empty());
                let points = laid.map(|p| p.points.clone()).unwrap_or_default();
                let ok =
                    points.len() >= 2 && points.iter().all(|(x, y)| x.is_finite() && y.is_finite());
                let (points, label) = match (ok, nodes.get(edge.from), nodes.get(edge.to)) {
                    (true, _, _) => (
                        points,
                        laid.and_then(|p| p.label).filter(|r| named && usable(r)),
                    ),
                    (false, Some(a), Some(b)) => (straight(*a, *b, false, false), None),
                    _ => (Vec::new(), None),
                };
                EdgeGeometry {
                    points,
                    label,
                    named,
                }
            })
            .collect();

        // Lanes and the pool tall enough for their titles, which modelers write turned a quarter
        // in a 30-unit header; flow labels beside their lines, not struck through by them.
        let mut nodes = nodes;
        let mut lanes = lanes;
        stretch_for_titles(view, &mut lanes, &mut nodes, &mut edges);
        clear_labels(&mut edges, &nodes, &lanes);

        // Events go where nothing else is: clear of every box, crossing as few edges as possible.
        let mut taken: Vec<Rect> = nodes.clone();
        taken.extend(edges.iter().filter_map(|e| e.label));
        let segments: Vec<Segment> = edges
            .iter()
            .flat_map(|e| e.points.windows(2).map(|w| (w[0], w[1])))
            .collect();
        let lane_of = |i: usize| lanes.get(view.nodes[i].lane).copied();
        let mut starts = vec![None; view.nodes.len()];
        let mut ends = vec![None; view.nodes.len()];
        for (i, node) in view.nodes.iter().enumerate() {
            for (wanted, before) in [(node.entry, true), (node.exit, false)] {
                if !wanted {
                    continue;
                }
                let obstacles = Obstacles {
                    boxes: &taken,
                    segments: &segments,
                    lane: lane_of(i),
                };
                let place = place_event(&nodes, i, before, &obstacles);
                taken.push(place);
                if before {
                    starts[i] = Some(place);
                } else {
                    ends[i] = Some(place);
                }
            }
        }

        // Events placed beyond the lanes' right end widen every lane (the pool stays a rectangle).
        let right = starts
            .iter()
            .chain(&ends)
            .flatten()
            .map(|r| r.x + r.width + EVENT_GAP)
            .fold(f64::NEG_INFINITY, f64::max);
        for (lane, _) in &mut lanes {
            if right > lane.x + lane.width {
                lane.width = right - lane.x;
            }
        }

        // The pool holds the lanes; a view without lanes holds its nodes and events.
        let mut participant = match lanes.iter().map(|(r, _)| *r).reduce(union) {
            Some(r) => r,
            None => {
                let shapes = nodes
                    .iter()
                    .chain(starts.iter().chain(&ends).flatten())
                    .copied();
                let r = shapes.reduce(union).unwrap_or(Rect {
                    x: 0.0,
                    y: 0.0,
                    width: 600.0,
                    height: 200.0,
                });
                Rect {
                    x: r.x - 2.0 * EVENT_GAP,
                    y: r.y - 2.0 * EVENT_GAP,
                    width: r.width + 4.0 * EVENT_GAP,
                    height: r.height + 4.0 * EVENT_GAP,
                }
            }
        };
        participant.x -= POOL_HEADER;
        participant.width += POOL_HEADER;
        Geometry {
            participant,
            lanes: lanes.into_iter().map(|(r, _)| r).collect(),
            nodes,
            starts,
            ends,
            edges,
        }
    }
}

/// What a title's characters take in bpmn-js's 12 px Arial, generously: Finnish words are long
/// and a title that wraps into a third line spills out of its header.
const TITLE_CHAR: f64 = 6.4;
/// bpmn-js's padding around a title, along the header.
const TITLE_PADDING: f64 = 16.0;

/// The height a lane or pool needs for its title to wrap into the two lines its header holds:
/// the shorter of the two halves at the best break between words, or the longest word.
fn title_room(title: &str) -> f64 {
    let words: Vec<f64> = title
        .split_whitespace()
        .map(|w| w.chars().count() as f64 * TITLE_CHAR)
        .collect();
    let run =
        |ws: &[f64]| ws.iter().sum::<f64>() + ws.len().saturating_sub(1) as f64 * TITLE_CHAR * 0.55;
    let best = (0..=words.len())
        .map(|k| run(&words[..k]).max(run(&words[k..])))
        .fold(f64::INFINITY, f64::min);
    if best.is_finite() {
        best + TITLE_PADDING
    } else {
        0.0
    }
}

/// The height a lane of `height` needs for its title: [`title_room`], or, when the lane is
/// nearly as tall as the title on one line (bpmn-js then sets it on one line, touching the
/// lane's ends), that line with its padding.
fn title_need(title: &str, height: f64) -> f64 {
    let one_line = title.chars().count() as f64 * TITLE_CHAR;
    // Our width per letter is an upper estimate: real lines run down to about four fifths.
    if height > one_line * 0.8 && height < one_line + TITLE_PADDING {
        one_line + TITLE_PADDING
    } else {
        title_room(title)
    }
}

/// Makes every lane tall enough for its title, and the lanes together tall enough for the pool's
/// (the bottom lane takes what the pool still needs). A lane's content moves down by what the
/// lanes above it grew, plus half its own growth, so it stays centred; waypoints and labels
/// move with the lane they are in, so lines stay straight and joined.
fn stretch_for_titles(
    view: &View,
    lanes: &mut [(Rect, f64)],
    nodes: &mut [Rect],
    edges: &mut [EdgeGeometry],
) {
    if lanes.is_empty() {
        return;
    }
    let mut grow: Vec<f64> = lanes
        .iter()
        .zip(&view.lanes)
        .map(|((r, _), l)| (title_need(&l.label, r.height) - r.height).max(0.0))
        .collect();
    grow.resize(lanes.len(), 0.0);
    // The layout may stack the lanes in another order than the view lists them.
    let mut stacked: Vec<usize> = (0..lanes.len()).collect();
    stacked.sort_by(|&a, &b| lanes[a].0.y.total_cmp(&lanes[b].0.y));
    let height: f64 = lanes.iter().map(|(r, _)| r.height).sum::<f64>() + grow.iter().sum::<f64>();
    let pool_short = title_room(&view.title) - height;
    if pool_short > 0.0
        && let Some(&bottom) = stacked.last()
    {
        grow[bottom] += pool_short;
    }
    if grow.iter().all(|g| *g == 0.0) {
        return;
    }
    let original: Vec<Rect> = lanes.iter().map(|(r, _)| *r).collect();
    let mut above = vec![0.0; lanes.len()];
    let mut sum = 0.0;
    for &k in &stacked {
        above[k] = sum;
        sum += grow[k];
    }
    let total: f64 = grow.iter().sum();
    let top = original.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
    // How far a point at height `y` moves: by its lane's shift; above the lanes not at all,
    // below them by everything.
    let shift = |y: f64| -> f64 {
        match original.iter().position(|r| y >= r.y && y < r.y + r.height) {
            Some(k) => above[k] + grow[k] / 2.0,
            None if y < top => 0.0,
            None => total,
        }
    };
    for (k, (r, _)) in lanes.iter_mut().enumerate() {
        r.y += above[k];
        r.height += grow[k];
    }
    for (i, r) in nodes.iter_mut().enumerate() {
        let k = view.nodes.get(i).map_or(0, |n| n.lane.min(grow.len() - 1));
        r.y += above[k] + grow[k] / 2.0;
    }
    for e in edges.iter_mut() {
        for p in &mut e.points {
            p.1 += shift(p.1);
        }
        if let Some(l) = &mut e.label {
            l.y += shift(l.y + l.height / 2.0);
        }
    }
}

/// The gap between a flow label and the line it names.
const LABEL_GAP: f64 = 3.0;

/// Moves each flow label that a line passes through to beside its own flow: above or below a
/// level piece, left or right of an upright one, at its middle or towards either end, wherever
/// the fewest lines pass and no task, other label or lane header is covered. bpmn-js draws flow
/// labels without a background, so a label the native layout set on its line reads struck
/// through.
fn clear_labels(edges: &mut [EdgeGeometry], nodes: &[Rect], lanes: &[(Rect, f64)]) {
    let segments: Vec<Segment> = edges
        .iter()
        .flat_map(|e| e.points.windows(2).map(|w| (w[0], w[1])))
        .collect();
    let struck = |r: &Rect| {
        let inner = Rect {
            x: r.x + 1.0,
            y: r.y + 1.0,
            width: (r.width - 2.0).max(0.0),
            height: (r.height - 2.0).max(0.0),
        };
        segments.iter().filter(|s| crosses(&inner, **s)).count()
    };
    let in_header = |r: &Rect| {
        lanes.iter().any(|(l, header)| {
            overlaps(
                r,
                &Rect {
                    width: *header,
                    ..*l
                },
                0.0,
            )
        })
    };
    for e in 0..edges.len() {
        let Some(label) = edges[e].label else {
            continue;
        };
        if struck(&label) == 0 {
            continue;
        }
        let others: Vec<Rect> = edges
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != e)
            .filter_map(|(_, g)| g.label)
            .collect();
        let (w, h) = (label.width, label.height);
        let mut candidates = Vec::new();
        for &((x0, y0), (x1, y1)) in edges[e]
            .points
            .windows(2)
            .map(|p| (p[0], p[1]))
            .collect::<Vec<_>>()
            .iter()
        {
            let level = (y1 - y0).abs() <= (x1 - x0).abs();
            let length = if level {
                (x1 - x0).abs()
            } else {
                (y1 - y0).abs()
            };
            if length < 12.0 {
                continue;
            }
            // Nearest the middle first; then towards the ends, and a label's height further out.
            for t in [0.5, 0.25, 0.75, 0.1, 0.9] {
                let (mx, my) = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
                for gap in [LABEL_GAP, LABEL_GAP + h] {
                    if level {
                        candidates.push(Rect {
                            x: mx - w / 2.0,
                            y: my - gap - h,
                            width: w,
                            height: h,
                        });
                        candidates.push(Rect {
                            x: mx - w / 2.0,
                            y: my + gap,
                            width: w,
                            height: h,
                        });
                    } else {
                        candidates.push(Rect {
                            x: mx + gap + 1.0,
                            y: my - h / 2.0,
                            width: w,
                            height: h,
                        });
                        candidates.push(Rect {
                            x: mx - gap - 1.0 - w,
                            y: my - h / 2.0,
                            width: w,
                            height: h,
                        });
                    }
                }
            }
        }
        let score = |r: &Rect| {
            let covered = nodes
                .iter()
                .chain(&others)
                .filter(|b| overlaps(r, b, 1.0))
                .count();
            struck(r) * 10 + covered * 100 + usize::from(in_header(r)) * 100
        };
        let best = candidates
            .iter()
            .map(|r| (score(r), *r))
            .min_by_key(|(s, _)| *s);
        if let Some((s, r)) = best
            && s < score(&label)
        {
            edges[e].label = Some(r);
        }
    }
}

/// A plain grid for when the layout does not cover the view: one band per lane, each lane's nodes
/// side by side in view order, with room for events between them.
fn grid(view: &View) -> (Vec<Rect>, Vec<(Rect, f64)>) {
    const HEADER: f64 = 30.0;
    const TASK_W: f64 = 160.0;
    const TASK_H: f64 = 80.0;
    const STEP: f64 = TASK_W + 2.0 * (EVENT + 2.0 * EVENT_GAP);
    const LANE_H: f64 = 160.0;
    let lanes = view.lanes.len().max(1);
    let mut in_lane = vec![0usize; lanes];
    let nodes: Vec<Rect> = view
        .nodes
        .iter()
        .map(|n| {
            let lane = n.lane.min(lanes - 1);
            let k = in_lane[lane];
            in_lane[lane] += 1;
            Rect {
                x: HEADER + EVENT + 2.0 * EVENT_GAP + k as f64 * STEP,
                y: lane as f64 * LANE_H + (LANE_H - TASK_H) / 2.0,
                width: TASK_W,
                height: TASK_H,
            }
        })
        .collect();
    let columns = in_lane.iter().copied().max().unwrap_or(0).max(1);
    let width = HEADER + columns as f64 * STEP;
    let lane_rects = (0..view.lanes.len())
        .map(|l| {
            (
                Rect {
                    x: 0.0,
                    y: l as f64 * LANE_H,
                    width,
                    height: LANE_H,
                },
                HEADER,
            )
        })
        .collect();
    (nodes, lane_rects)
}

/// A straight piece of an edge.
type Segment = ((f64, f64), (f64, f64));

/// What an event must keep clear of.
struct Obstacles<'a> {
    /// Task boxes, edge labels and events already placed: never overlapped.
    boxes: &'a [Rect],
    /// Edge segments: crossed as little as possible.
    segments: &'a [Segment],
    /// The task's lane and its header width: the event stays inside the lane's body.
    lane: Option<(Rect, f64)>,
}

/// Smaller events, used where a full-size one does not fit.
const SMALL_EVENT: f64 = 24.0;
/// How far from its ideal spot an event is looked for, and in which steps.
const SEARCH: f64 = 144.0;
const SEARCH_STEP: f64 = 8.0;

/// Where the start (`before`) or end event of task `i` goes.
///
/// The ideal spot is centred beside the task, [`EVENT_GAP`] to its left (start) or right (end).
/// Spots on a grid around it are scored by their distance from it, plus penalties for each edge
/// the event would cross, for a connection to the task that would cross another task or strike
/// a label or event through, for being
/// on the wrong side of the task and for the smaller size; spots outside the lane's body or
/// overlapping a box are never taken. When no spot is allowed, the ideal one is used.
fn place_event(tasks: &[Rect], i: usize, before: bool, obstacles: &Obstacles) -> Rect {
    let task = tasks[i];
    let (_, cy) = center(task);
    let spot = |size: f64, x: f64, y: f64| Rect {
        x: x - size / 2.0,
        y: y - size / 2.0,
        width: size,
        height: size,
    };
    let ideal_x = |size: f64| {
        if before {
            task.x - EVENT_GAP - size / 2.0
        } else {
            task.x + task.width + EVENT_GAP + size / 2.0
        }
    };
    // Beyond the lane's right end is allowed at a price: the lanes are widened to hold it.
    let inside = |r: &Rect| {
        obstacles.lane.is_none_or(|(l, header)| {
            r.x >= l.x + header.max(POOL_HEADER) + 2.0
                && r.y >= l.y + 2.0
                && r.y + r.height <= l.y + l.height - 2.0
        })
    };
    let beyond = |r: &Rect| {
        obstacles
            .lane
            .is_some_and(|(l, _)| r.x + r.width > l.x + l.width - 2.0)
    };
    // Only what lies near the task can be in the way.
    let reach = SEARCH + EVENT_GAP + 2.0 * EVENT;
    let window = Rect {
        x: task.x - reach,
        y: task.y - reach,
        width: task.width + 2.0 * reach,
        height: task.height + 2.0 * reach,
    };
    let boxes: Vec<&Rect> = obstacles
        .boxes
        .iter()
        .filter(|b| overlaps(&window, b, 4.0))
        .collect();
    let segments: Vec<Segment> = obstacles
        .segments
        .iter()
        .copied()
        .filter(|s| crosses(&window, *s))
        .collect();
    let others: Vec<&Rect> = tasks
        .iter()
        .enumerate()
        .filter(|(j, t)| *j != i && overlaps(&window, t, 0.0))
        .map(|(_, t)| t)
        .collect();
    let steps = (SEARCH / SEARCH_STEP) as i32;
    let mut best: Option<(f64, Rect)> = None;
    for (size, size_penalty) in [(EVENT, 0.0), (SMALL_EVENT, 60.0)] {
        let (ix, iy) = (ideal_x(size), cy);
        for dx in -steps..=steps {
            for dy in -steps..=steps {
                let (x, y) = (
                    ix + f64::from(dx) * SEARCH_STEP,
                    iy + f64::from(dy) * SEARCH_STEP,
                );
                let r = spot(size, x, y);
                if !inside(&r) || boxes.iter().any(|b| overlaps(&r, b, 4.0)) {
                    continue;
                }
                let crossings = segments.iter().filter(|s| crosses(&r, **s)).count();
                let link = (center(r), center(task));
                let blocked = others.iter().filter(|t| crosses(t, link)).count();
                // Nor through a flow's label or another event: it would strike it through.
                let struck = boxes
                    .iter()
                    .filter(|b| ***b != task && crosses(b, link))
                    .count();
                let wrong_side = if before {
                    x > task.x
                } else {
                    x < task.x + task.width
                };
                let score = (x - ix).hypot(y - iy)
                    + size_penalty
                    + 200.0 * crossings as f64
                    + 300.0 * blocked as f64
                    + 250.0 * struck as f64
                    + if wrong_side { 80.0 } else { 0.0 }
                    + if beyond(&r) { 400.0 } else { 0.0 };
                if best.is_none_or(|(b, _)| score < b) {
                    best = Some((score, r));
                }
            }
        }
    }
    best.map_or(spot(EVENT, ideal_x(EVENT), cy), |(_, r)| r)
}

/// True when the segment passes through the rectangle (Liang–Barsky clipping).
fn crosses(r: &Rect, ((x0, y0), (x1, y1)): Segment) -> bool {
    let (dx, dy) = (x1 - x0, y1 - y0);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, x0 - r.x),
        (dx, r.x + r.width - x0),
        (-dy, y0 - r.y),
        (dy, r.y + r.height - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 < t1
}

fn overlaps(a: &Rect, b: &Rect, margin: f64) -> bool {
    a.x < b.x + b.width + margin
        && b.x < a.x + a.width + margin
        && a.y < b.y + b.height + margin
        && b.y < a.y + a.height + margin
}

fn union(a: Rect, b: Rect) -> Rect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    Rect {
        x,
        y,
        width: (a.x + a.width).max(b.x + b.width) - x,
        height: (a.y + a.height).max(b.y + b.height) - y,
    }
}

fn center(r: Rect) -> (f64, f64) {
    (r.x + r.width / 2.0, r.y + r.height / 2.0)
}

/// A straight connection between two shapes, from border to border along the line joining their
/// centres (a circle's border when the shape is an event).
pub(super) fn straight(from: Rect, to: Rect, from_round: bool, to_round: bool) -> Vec<(f64, f64)> {
    let (a, b) = (center(from), center(to));
    vec![border(from, b, from_round), border(to, a, to_round)]
}

/// Where the line from the centre of `r` towards `toward` leaves `r`.
fn border(r: Rect, toward: (f64, f64), round: bool) -> (f64, f64) {
    let (cx, cy) = center(r);
    let (dx, dy) = (toward.0 - cx, toward.1 - cy);
    if dx == 0.0 && dy == 0.0 {
        return (cx, cy);
    }
    let t = if round {
        (r.width / 2.0) / (dx * dx + dy * dy).sqrt()
    } else {
        let tx = if dx == 0.0 {
            f64::INFINITY
        } else {
            (r.width / 2.0) / dx.abs()
        };
        let ty = if dy == 0.0 {
            f64::INFINITY
        } else {
            (r.height / 2.0) / dy.abs()
        };
        tx.min(ty)
    };
    (cx + dx * t, cy + dy * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flow_meets_a_shape_on_its_border() {
        let r = Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 50.0,
        };
        assert_eq!(border(r, (200.0, 25.0), false), (100.0, 25.0));
        assert_eq!(border(r, (50.0, 200.0), false), (50.0, 50.0));
        let c = Rect {
            x: 0.0,
            y: 0.0,
            width: 36.0,
            height: 36.0,
        };
        assert_eq!(border(c, (100.0, 18.0), true), (36.0, 18.0));
    }
}
