//! The layout's promises, on hand-made, random and shipped views.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::model::{Lang, Sector};
use crate::render::diagram::legend::LegendSymbol;
use crate::render::diagram::view::{
    self, Badge, Lane, LaneBy, Mark, ViewEdge, ViewKind, ViewNode, ViewOptions,
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
        badges: Vec::new(),
        utilisation: None,
        tooltip: String::new(),
        service: None,
        count: 1,
        drill: None,
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
        missing_collaboration: false,
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
                group: String::new(),
            })
            .collect(),
        nodes,
        edges,
        aggregated: false,
        sectors: vec![Sector::YouthWork],
        marks: Vec::new(),
    }
}

/// An edge's label lines that say something.
fn words(x: &ViewEdge) -> Vec<String> {
    x.label
        .iter()
        .filter(|s| !s.trim().is_empty())
        .cloned()
        .collect()
}

/// True when edges `a` and `b` are one bundle: into the same box with the same words. They merge
/// into one arrow, so they may share its last stretch and run behind its label.
fn bundled(v: &View, a: usize, b: usize) -> bool {
    let (x, y) = (&v.edges[a], &v.edges[b]);
    x.to == y.to && x.from != x.to && y.from != y.to && !words(x).is_empty() && words(x) == words(y)
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
        }
        let drawn = p.label.is_some() && !p.label_lines.is_empty();
        if !drawn && e.label.iter().any(|s| !s.trim().is_empty()) {
            // Unless it is bundled: another edge into the same box with the same words carries
            // the one label, "×n" for all of them.
            let siblings: Vec<usize> = (0..v.edges.len())
                .filter(|&j| {
                    let o = &v.edges[j];
                    o.to == e.to && o.from != o.to && o.from < n && words(o) == words(e)
                })
                .collect();
            let carriers: Vec<usize> = siblings
                .iter()
                .copied()
                .filter(|&j| l.edges[j].label.is_some() && !l.edges[j].label_lines.is_empty())
                .collect();
            let suffix = format!("×{}", siblings.len());
            let carried = carriers.len() == 1
                && l.edges[carriers[0]]
                    .label_lines
                    .last()
                    .is_some_and(|t| t.ends_with(&suffix));
            if siblings.len() < 2 || !carried {
                return Err(format!("edge {k} has a label but no place for it"));
            }
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
            if a.0 == b.0 || bundled(v, a.0, b.0) {
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
    // No line runs through another edge's drawn label (its own ends in its arrow beside it).
    for p in l.edges.iter().filter(|p| !p.label_lines.is_empty()) {
        let Some(r) = p.label else { continue };
        let inner = r.inflate(-1.0);
        if let Some(s) = segs
            .iter()
            .find(|s| s.0 != p.edge && !bundled(v, s.0, p.edge) && inner.cut_by(s.1, s.2))
        {
            return Err(format!(
                "edge {} runs through the label of edge {}",
                s.0, p.edge
            ));
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
fn a_back_edge_leaves_by_the_top_or_bottom_and_stays_short() {
    // A → B → C → D in one lane, and D returns to B: the return must not loop round D.
    let nodes = ["A", "B", "C", "D"].map(|t| node(0, &[t])).to_vec();
    let v = view(
        1,
        nodes,
        vec![
            edge(0, 1, true, &["Lähete"]),
            edge(1, 2, true, &[]),
            edge(2, 3, true, &[]),
            edge(3, 1, true, &["Paluu"]),
        ],
    );
    let l = layout(&v);
    check(&v, &l).unwrap();
    let (d, b) = (l.nodes[3].rect, l.nodes[1].rect);
    let back = &l.edges[3].points;
    let first = back[0];
    assert!(
        (first.1 - d.y).abs() < EPS || (first.1 - d.bottom()).abs() < EPS,
        "leaves D by its top or bottom: {back:?}"
    );
    assert!(first.0 > d.x && first.0 < d.right());
    assert!(
        back.iter().all(|p| p.0 <= d.right()),
        "never right of D: {back:?}"
    );
    assert!(back.len() <= 5, "up, back, down, in: {back:?}");
    assert_eq!(*back.last().unwrap(), (b.x, back.last().unwrap().1));
}

#[test]
fn boxes_stacked_in_one_column_are_joined_by_one_vertical_line() {
    // A refers to B, and B consults C in the lane below, in B's column: one straight line down,
    // its label on it between the boxes, not a detour through the gutter.
    let v = view(
        2,
        vec![node(0, &["A"]), node(0, &["B"]), node(1, &["C"])],
        vec![
            edge(0, 1, true, &["Lähete"]),
            edge(0, 2, true, &[]),
            edge(1, 2, false, &["Konsultaatio"]),
        ],
    );
    let l = layout(&v);
    check(&v, &l).unwrap();
    let (b, c) = (l.nodes[1].rect, l.nodes[2].rect);
    assert_eq!(l.nodes[1].column, l.nodes[2].column);
    let line = &l.edges[2].points;
    let (upper, lower) = if b.y < c.y { (b, c) } else { (c, b) };
    assert_eq!(line.len(), 2, "one straight line: {line:?}");
    assert!((line[0].0 - line[1].0).abs() < EPS, "vertical: {line:?}");
    let ys = [line[0].1, line[1].1];
    assert!(
        ys.contains(&upper.bottom()) && ys.contains(&lower.y),
        "{line:?}"
    );
    let label = l.edges[2].label.expect("a label");
    assert!(
        label.y >= upper.bottom() && label.bottom() <= lower.y,
        "{label:?}"
    );
    assert!(
        label.x < line[0].0 && label.right() > line[0].0,
        "on the line"
    );
}

#[test]
fn lanes_of_one_region_are_drawn_side_by_side() {
    // Lanes 0 and 2 are one region's; 1 is another's, and joins 0 to 2 through the middle.
    let mut v = view(
        3,
        vec![node(0, &["A"]), node(1, &["B"]), node(2, &["C"])],
        vec![edge(0, 1, true, &[]), edge(1, 2, true, &[])],
    );
    for (lane, group) in v.lanes.iter_mut().zip(["uusimaa", "hame", "uusimaa"]) {
        lane.group = group.to_string();
    }
    let l = layout(&v);
    check(&v, &l).unwrap();
    let (r0, r2) = (l.lanes[0].rect, l.lanes[2].rect);
    assert!(
        (r0.bottom() - r2.y).abs() < EPS || (r2.bottom() - r0.y).abs() < EPS,
        "{r0:?} and {r2:?} touch"
    );
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
fn edges_into_one_box_with_the_same_words_merge_into_one_arrow_with_a_count() {
    let nodes = vec![
        node(0, &["A"]),
        node(0, &["B"]),
        node(1, &["C"]),
        node(1, &["D"]),
    ];
    let v = view(
        2,
        nodes,
        vec![
            edge(0, 3, true, &["Lähete · 1 arkipv"]),
            edge(1, 3, true, &["Lähete · 1 arkipv"]),
            edge(2, 3, true, &["Lähete · 1 arkipv"]),
            edge(0, 2, true, &["Lähete · 1 arkipv"]),
            edge(1, 2, true, &["Konsultaatio"]),
        ],
    );
    let l = layout(&v);
    check(&v, &l).unwrap();
    let drawn: Vec<&Vec<String>> = l
        .edges
        .iter()
        .filter(|p| !p.label_lines.is_empty())
        .map(|p| &p.label_lines)
        .collect();
    assert_eq!(drawn.len(), 3, "{drawn:?}");
    let words = |t: &str| drawn.iter().filter(|l| l.join(" ") == t).count();
    assert_eq!(words("Lähete · 1 arkipv ×3"), 1, "{drawn:?}");
    // Into another box, or with other words, a label stands alone.
    assert_eq!(words("Lähete · 1 arkipv"), 1, "{drawn:?}");
    assert_eq!(words("Konsultaatio"), 1, "{drawn:?}");
    // The bundle merges into one arrow: one entry into D, one label place.
    let ends: Vec<(f64, f64)> = (0..3).map(|e| *l.edges[e].points.last().unwrap()).collect();
    assert!(ends.iter().all(|p| *p == ends[0]), "{ends:?}");
    assert_eq!((0..3).filter(|&e| l.edges[e].label.is_some()).count(), 1);
}

#[test]
fn bad_indices_and_long_labels_do_not_panic() {
    let long = "Lastensuojelun avohuollon tukitoimena järjestettävä perhekuntoutus ".repeat(8);
    let mut nodes = vec![node(7, &[long.as_str()]), node(0, &["Lyhyt"])];
    nodes[1].badges = Mark::ALL.into_iter().map(Badge::from).collect();
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
            v.badges = Mark::ALL[..f[2].parse::<usize>().unwrap()]
                .iter()
                .map(|m| Badge::from(*m))
                .collect();
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
    assert_eq!(grid::place_in_slots(&[2.0], 4), [2]);
    assert_eq!(grid::place_in_slots(&[0.0, 0.0, 3.0], 4), [0, 1, 3]);
    assert_eq!(grid::place_in_slots(&[5.0, 5.0], 3), [1, 2]);
    assert!(grid::place_in_slots(&[], 3).is_empty());
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
    for pathway in model.pathways().indices() {
        for lanes in [LaneBy::Actor, LaneBy::Sector] {
            let options = ViewOptions {
                pathway: Some(pathway),
                lanes,
                ..Default::default()
            };
            let v = view::build(model, &analysis, &options).expect("builds");
            let l = layout(&v);
            check(&v, &l).unwrap_or_else(|e| panic!("{}: {e}", model.pathway(pathway).id));
            flows_left_to_right(&v, &l)
                .unwrap_or_else(|e| panic!("{}: {e}", model.pathway(pathway).id));
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
        .map(|n| format!("{}:{}:{}", n.lane, lens(&n.label), n.badges.len()))
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
                    v.badges = marks.into_iter().map(|m| Mark::ALL[m].into()).collect();
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
    fn the_search_never_crosses_more_lines_than_the_first_plan(v in arb_view()) {
        let input = LayoutInput::from(&v);
        let m = measure::measure(&input);
        let order = refine::grouped(&m.lane_group);
        let (first, _) = place(&input, &m, &Plan::first(&input, &m, &order));
        let searched = layout(&v);
        prop_assert!(
            refine::crossings(&searched) <= refine::crossings(&first),
            "{} > {} in {}",
            refine::crossings(&searched),
            refine::crossings(&first),
            describe(&v)
        );
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

/// The engine alone: a hand-made input, no view, no language (its texts leaked to be `'static`).
fn input() -> LayoutInput<'static> {
    let b = |lane: usize, label: &str, entry: bool| BoxInput {
        lane,
        label: vec![label.to_string()].leak(),
        badges: Vec::new(),
        entry,
    };
    let e = |from: usize, to: usize, label: &[&str], ranked: bool| EdgeInput {
        from,
        to,
        label: label
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .leak(),
        ranked,
    };
    LayoutInput {
        title: "Input",
        lanes: vec![
            LaneInput {
                label: "Upper",
                group: "",
            },
            LaneInput {
                label: "Lower",
                group: "",
            },
        ],
        boxes: vec![b(0, "A", true), b(1, "B", false), b(0, "C", false)],
        edges: vec![
            e(0, 1, &["a to b"], true),
            e(1, 2, &[], true),
            e(2, 0, &["back"], true),
            e(2, 1, &["beside"], false),
        ],
        legend: crate::render::diagram::legend::Legend {
            title: "Key words".to_string(),
            entries: vec![crate::render::diagram::legend::LegendEntry {
                symbol: LegendSymbol::Loop,
                text: "Words the engine never chose".to_string(),
            }],
        },
    }
}

#[test]
fn the_engine_lays_out_an_input_without_a_view() {
    let l = arrange(&input());
    let columns: Vec<usize> = l.nodes.iter().map(|b| b.column).collect();
    assert_eq!(
        columns,
        [0, 1, 2],
        "ranked edges order columns, the back edge is broken"
    );
    let (lower, b) = (l.lanes[1].rect, l.nodes[1].rect);
    assert!(
        lower.y <= b.y && b.bottom() <= lower.bottom(),
        "B sits in its lane (wherever the search put the lane)"
    );
    let back = &l.edges[2].points;
    assert!(
        back[0].0 > back[back.len() - 1].0,
        "the back edge runs right to left"
    );
    assert_eq!(l.edges[0].label_lines, ["a to b"]);
    assert!(l.edges[1].label.is_none());
    for (i, b) in l.nodes.iter().enumerate() {
        for c in &l.nodes[..i] {
            assert!(!b.rect.overlaps(&c.rect));
        }
        for p in &l.edges {
            assert!(p.label.is_none_or(|r| !r.overlaps(&b.rect)));
        }
    }
}

#[test]
fn the_legend_is_placed_as_worded_by_the_input() {
    let l = arrange(&input());
    assert_eq!(l.legend_title, "Key words");
    assert_eq!(l.legend_items.len(), 1);
    let item = &l.legend_items[0];
    assert_eq!(
        (item.symbol, item.text.as_str()),
        (LegendSymbol::Loop, "Words the engine never chose")
    );
    assert!(l.legend.y >= l.lanes[1].rect.bottom() && item.rect.bottom() <= l.legend.bottom());
    // The picture widens for a long entry: the engine measures the words it is given.
    let mut long = input();
    long.legend.entries[0].text = "x".repeat(300);
    let wide = arrange(&long);
    let text_right = wide.legend_items[0].rect.x + LEGEND_SYMBOL_WIDTH + 300.0 * 7.0;
    assert!(wide.width > l.width && text_right <= wide.width);
}

#[test]
fn a_view_lays_out_as_its_input() {
    let mut v = view(
        2,
        vec![node(0, &["A"]), node(1, &["B", "toinen rivi"])],
        vec![edge(0, 1, true, &["Lähete"]), edge(1, 0, false, &[])],
    );
    v.nodes[0].entry = true;
    v.nodes[1].badges = vec![Mark::DeadEnd.into(), Mark::Unreachable.into()];
    let input = LayoutInput::from(&v);
    assert_eq!(input.boxes[1].badges, ["⊣", "∅"]);
    assert_eq!(input.boxes[1].label, ["B", "toinen rivi"]);
    assert!(input.boxes[0].entry && input.edges[0].ranked && !input.edges[1].ranked);
    assert_eq!(input.legend, crate::render::diagram::legend::legend(&v));
    assert_eq!(layout(&v), arrange(&input));
}
