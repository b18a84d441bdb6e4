//! Phase 7, refine: the phases' first plan improved by local search on the finished picture.
//!
//! A key design decision: the barycentre sweeps of [`super::grid::order_rows`] minimise how far
//! edges climb, which is only a proxy for what a reader sees — lines crossing. So the search
//! places whole candidate plans (another lane order within the region groups, a box in another
//! row, two rows of a lane swapped, a box one column along where its edges allow, an edge through
//! another channel) and keeps a candidate when its finished picture has fewer crossings, or as
//! many in less area. Every
//! candidate is a full layout, so routing, tracks and labels are judged as drawn; the budget of
//! [`EVALUATIONS`] and the size limit of [`MAX_BOXES`] keep it to a fraction of a second.

use super::measure::Measured;
use super::{Layout, Plan};

/// How many candidate plans one layout may place.
pub(super) const EVALUATIONS: usize = 4000;

/// Above this many boxes (or [`MAX_EDGES`] edges) the first plan is kept: the search would cost
/// more than it saves, and such pictures are read by drill-down, not as a whole.
pub(super) const MAX_BOXES: usize = 60;

/// See [`MAX_BOXES`].
pub(super) const MAX_EDGES: usize = 160;

/// How much larger (as a factor of the first plan's area) a candidate may be and still win on
/// crossings: one crossing fewer is not worth a picture half again as big.
const AREA_SLACK: f64 = 1.1;

/// The lanes in their order with each group's lanes moved up to the group's first lane: groups
/// in the order they first appear, lanes within a group in their own order.
pub(super) fn grouped(groups: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(groups.len());
    for l in 0..groups.len() {
        if order.iter().any(|&o| groups[o] == groups[l]) {
            continue;
        }
        order.extend((l..groups.len()).filter(|&k| groups[k] == groups[l]));
    }
    order
}

/// True when every group's lanes stand side by side in `order`.
fn contiguous(order: &[usize], groups: &[String]) -> bool {
    order.iter().enumerate().all(|(p, &l)| {
        p == 0
            || groups[order[p - 1]] == groups[l]
            || !order[..p - 1].iter().any(|&o| groups[o] == groups[l])
    })
}

/// One change to a plan.
#[derive(Clone, Copy, Debug)]
enum Move {
    /// The lane at position `from` moves to position `to`.
    Lane { from: usize, to: usize },
    /// A box to another row of its lane (swapping with the box there, if any).
    Row { node: usize, row: usize },
    /// Two rows of a lane exchange all their boxes.
    SwapRows { lane: usize, a: usize, b: usize },
    /// A box one column right (`true`) or left.
    Column { node: usize, right: bool },
    /// An edge through another of its channels.
    Channel { edge: usize, rank: usize },
}

/// How good a finished picture is: crossings first, then area (coarsely, so rounding does not
/// decide), then the total length of the lines.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
struct Score {
    crossings: usize,
    area: f64,
    length: f64,
}

fn score(l: &Layout) -> Score {
    let mut length = 0.0;
    for p in &l.edges {
        for w in p.points.windows(2) {
            length += (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs();
        }
    }
    // The drawing's own extent (boxes, lines, labels), not the frame: the title and the legend
    // set the frame's width on small pictures whatever the search does.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut grow = |x: f64, y: f64| {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    };
    for b in &l.nodes {
        grow(b.rect.x, b.rect.y);
        grow(b.rect.right(), b.rect.bottom());
    }
    for p in &l.edges {
        p.points.iter().for_each(|&(x, y)| grow(x, y));
        if let Some(r) = p.label {
            grow(r.x, r.y);
            grow(r.right(), r.bottom());
        }
    }
    let area = if x1 > x0 { (x1 - x0) * (y1 - y0) } else { 0.0 };
    Score {
        crossings: crossings(l),
        area: (area / 1000.0).round(),
        length: length.round(),
    }
}

/// Points where a horizontal piece of one edge crosses a vertical piece of another, inside both
/// (meeting at an end is not crossing): the figure the layout benchmark counts too.
pub(super) fn crossings(l: &Layout) -> usize {
    const EPS: f64 = 0.5;
    let mut horizontal: Vec<(usize, f64, f64, f64)> = Vec::new();
    let mut vertical: Vec<(usize, f64, f64, f64)> = Vec::new();
    for (e, p) in l.edges.iter().enumerate() {
        for w in p.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if (y0 - y1).abs() < 1e-9 && (x0 - x1).abs() > 1e-9 {
                horizontal.push((e, y0, x0.min(x1), x0.max(x1)));
            } else if (x0 - x1).abs() < 1e-9 && (y0 - y1).abs() > 1e-9 {
                vertical.push((e, x0, y0.min(y1), y0.max(y1)));
            }
        }
    }
    let mut count = 0;
    for &(e, y, xa, xb) in &horizontal {
        for &(f, x, ya, yb) in &vertical {
            if e != f && x > xa + EPS && x < xb - EPS && y > ya + EPS && y < yb - EPS {
                count += 1;
            }
        }
    }
    count
}

/// The lane orders the search starts from: the input's, with each group's lanes together
/// ([`grouped`]), then every other order that keeps groups together, up to [`STARTS`] in all.
pub(super) fn lane_orders(groups: &[String]) -> Vec<Vec<usize>> {
    let first = grouped(groups);
    let mut out = vec![first.clone()];
    if groups.len() > MAX_PERMUTED_LANES {
        return out;
    }
    // Heap's algorithm, iteratively: every permutation of the first order.
    let mut order = first.clone();
    let mut c = vec![0usize; order.len()];
    let mut i = 0;
    while i < order.len() && out.len() < STARTS {
        if c[i] < i {
            if i % 2 == 0 {
                order.swap(0, i);
            } else {
                order.swap(c[i], i);
            }
            if contiguous(&order, groups) && !out.contains(&order) {
                out.push(order.clone());
            }
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    out
}

/// At most this many lane orders start a search.
const STARTS: usize = 24;

/// Above this many lanes only the input's order starts a search (the lane moves still try
/// others): their permutations are too many to sample fairly.
const MAX_PERMUTED_LANES: usize = 5;

/// The best layout found by descents from the first plan of each of `starts` (lane orders):
/// `first` makes a lane order's first plan, `place` lays out a plan in full and says how many
/// channels each edge could take. The first start's picture is never beaten by a worse one.
pub(super) fn refine(
    m: &Measured,
    first: impl Fn(&[usize]) -> Plan,
    starts: &[Vec<usize>],
    place: impl Fn(&Plan) -> (Layout, Vec<usize>),
) -> Layout {
    let plan = first(&starts[0]);
    let (layout, choices) = place(&plan);
    let drawn = m.ends.iter().flatten().filter(|(a, b)| a != b).count();
    if drawn == 0 || m.lane_of.len() > MAX_BOXES || m.ends.len() > MAX_EDGES {
        return layout;
    }
    let score0 = score(&layout);
    let area_limit = score0.area * AREA_SLACK;
    // Each descent may spend a share of what is left, so later starts get their turn.
    let mut budget = EVALUATIONS;
    let share = |budget: &mut usize| {
        let s = (*budget / 3).max(1).min(*budget);
        *budget -= s;
        s
    };
    let mut mine = share(&mut budget);
    let mut best = descend(
        m,
        (score0, plan, layout, choices),
        area_limit,
        &mut mine,
        &place,
    );
    budget += mine;
    for order in &starts[1..] {
        if budget == 0 {
            break;
        }
        let plan = first(order);
        budget -= 1;
        let (layout, choices) = place(&plan);
        let s = score(&layout);
        let mut mine = share(&mut budget);
        let found = descend(m, (s, plan, layout, choices), area_limit, &mut mine, &place);
        budget += mine;
        if found.0.area <= area_limit && found.0 < best.0 {
            best = found;
        }
    }
    best.2
}

/// A placed plan with its score and how many channels each edge could take.
type Placed = (Score, Plan, Layout, Vec<usize>);

/// Local search from `start`: every move, kept when it scores better, until no move helps or
/// the budget is spent.
fn descend(
    m: &Measured,
    start: Placed,
    area_limit: f64,
    budget: &mut usize,
    place: &impl Fn(&Plan) -> (Layout, Vec<usize>),
) -> Placed {
    let mut best = start;
    'search: loop {
        let mut improved = false;
        for mv in moves(&best.1, m, &best.3) {
            let Some(candidate) = apply(&best.1, mv, m) else {
                continue;
            };
            if *budget == 0 {
                break 'search;
            }
            *budget -= 1;
            let (layout, choices) = place(&candidate);
            let s = score(&layout);
            if s.area <= area_limit && s < best.0 {
                best = (s, candidate, layout, choices);
                improved = true;
            }
        }
        if improved {
            continue;
        }
        // A local optimum for single moves: try two moves at once (a box to another row and
        // an edge through another channel, say), which one move alone cannot reach.
        for first in moves(&best.1, m, &best.3) {
            let Some(half) = apply(&best.1, first, m) else {
                continue;
            };
            for second in moves(&half, m, &best.3) {
                let Some(candidate) = apply(&half, second, m) else {
                    continue;
                };
                if *budget == 0 {
                    break 'search;
                }
                *budget -= 1;
                let (layout, choices) = place(&candidate);
                let s = score(&layout);
                if s.area <= area_limit && s < best.0 {
                    best = (s, candidate, layout, choices);
                    continue 'search;
                }
            }
        }
        break;
    }
    best
}

/// Every move worth trying on `plan`, lanes first (they change the most); `choices` says how
/// many channels each edge could take as `plan` placed it.
fn moves(plan: &Plan, m: &Measured, choices: &[usize]) -> Vec<Move> {
    let lanes = plan.lane_order.len();
    let mut out = Vec::new();
    for from in 0..lanes {
        for to in 0..lanes {
            if from != to {
                out.push(Move::Lane { from, to });
            }
        }
    }
    let n = plan.rows.len();
    let mut lane_rows = vec![0usize; m.lane_count];
    for i in 0..n {
        lane_rows[m.lane_of[i]] = lane_rows[m.lane_of[i]].max(plan.rows[i] + 1);
    }
    let touched: Vec<bool> = (0..n)
        .map(|i| {
            m.ends
                .iter()
                .flatten()
                .any(|&(a, b)| a != b && (a == i || b == i))
        })
        .collect();
    for (lane, &count) in lane_rows.iter().enumerate() {
        for a in 0..count {
            for b in a + 1..count {
                out.push(Move::SwapRows { lane, a, b });
            }
        }
    }
    for node in (0..n).filter(|&i| touched[i]) {
        // Every other row of the lane, and one new row below the others.
        for row in 0..=lane_rows[m.lane_of[node]] {
            if row != plan.rows[node] {
                out.push(Move::Row { node, row });
            }
        }
        out.push(Move::Column { node, right: true });
        out.push(Move::Column { node, right: false });
    }
    // The few cheapest channels of each edge that takes one.
    for (edge, &count) in choices.iter().enumerate() {
        for rank in (0..count.min(CHANNEL_RANKS)).filter(|&r| r != plan.channel[edge]) {
            out.push(Move::Channel { edge, rank });
        }
    }
    out
}

/// How many of an edge's cheapest channels the search tries.
const CHANNEL_RANKS: usize = 4;

/// `plan` changed by `mv`, or `None` when the move does not apply (or changes nothing).
fn apply(plan: &Plan, mv: Move, m: &Measured) -> Option<Plan> {
    let mut p = plan.clone();
    let n = p.rows.len();
    match mv {
        Move::Lane { from, to } => {
            let lane = p.lane_order.remove(from);
            p.lane_order.insert(to, lane);
            if !contiguous(&p.lane_order, &m.lane_group) {
                return None;
            }
        }
        Move::Row { node, row } => {
            let here = (m.lane_of[node], p.column[node]);
            if let Some(other) =
                (0..n).find(|&j| (m.lane_of[j], p.column[j]) == here && p.rows[j] == row)
            {
                p.rows[other] = p.rows[node];
            }
            p.rows[node] = row;
        }
        Move::SwapRows { lane, a, b } => {
            for i in (0..n).filter(|&i| m.lane_of[i] == lane) {
                if p.rows[i] == a {
                    p.rows[i] = b;
                } else if p.rows[i] == b {
                    p.rows[i] = a;
                }
            }
        }
        Move::Column { node, right } => {
            let c = p.column[node];
            let to = if right { c + 1 } else { c.checked_sub(1)? };
            // Edges that go forward keep going forward.
            let forward_kept = m.ends.iter().flatten().all(|&(a, b)| {
                if a == b || (a != node && b != node) || p.column[b] <= p.column[a] {
                    return true;
                }
                let col = |i: usize| if i == node { to } else { p.column[i] };
                col(b) > col(a)
            });
            if !forward_kept {
                return None;
            }
            let lane = m.lane_of[node];
            let taken = |row: usize| {
                (0..n).any(|j| {
                    j != node && m.lane_of[j] == lane && p.column[j] == to && p.rows[j] == row
                })
            };
            if taken(p.rows[node]) {
                let free = (0..).find(|&r| !taken(r))?;
                p.rows[node] = free;
            }
            p.column[node] = to;
            // No empty column.
            let mut used = p.column.clone();
            used.sort_unstable();
            used.dedup();
            for c in p.column.iter_mut() {
                *c = used.binary_search(c).unwrap_or(0);
            }
        }
        Move::Channel { edge, rank } => p.channel[edge] = rank,
    }
    (p != *plan).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::{contiguous, grouped};

    #[test]
    fn lanes_of_one_region_stay_together_in_the_order_regions_first_appear() {
        let groups: Vec<String> = ["u", "h", "u", "", "h"].map(String::from).to_vec();
        assert_eq!(grouped(&groups), [0, 2, 1, 4, 3]);
        assert!(contiguous(&[0, 2, 1, 4, 3], &groups));
        assert!(contiguous(&[1, 4, 3, 2, 0], &groups));
        assert!(!contiguous(&[0, 1, 2, 4, 3], &groups));
    }
}
