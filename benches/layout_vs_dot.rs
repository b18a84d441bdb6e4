//! polku's own swimlane layout against Graphviz `dot` on the same graphs: for every shipped
//! pathway (lanes by organisation), the shipped ecosystem and the national-scale ecosystem at
//! three depths, the figures a reader feels — crossings, turns, edge length, area, overlaps and
//! the smallest text when the whole picture is fitted to A4 landscape.
//!
//! ```text
//! cargo bench --bench layout_vs_dot            # the table, then the verdict on the targets
//! cargo bench --bench layout_vs_dot -- --check # exit 1 when a target is missed
//! ```
//!
//! Both engines draw the same [`View`]: polku through [`layout`], Graphviz through the DOT that
//! `polku render --engine dot` writes, read back with `dot -Tjson` (positions, splines, text).
//! Lengths and areas are in units of the engine's own service-name font (polku 12 px, the DOT
//! 11 pt), so an engine does not win by printing smaller; the A4 column shows what that costs.
//!
//! - **crossings**: points where two different edges' lines cross, outside the boxes.
//! - **turns**: total turning of the edges, in right angles (an orthogonal bend is 1; a spline
//!   turning a quarter circle is 1 too).
//! - **length**: total edge length; **area**: the boxes', lines' and labels' bounding box.
//! - **overlaps**: an edge label over a box or another edge label, or two boxes over each other.
//! - **struck**: edge labels another edge's line passes through.
//! - **A4 pt**: the smallest text, in points, with the whole picture (title and legend too)
//!   fitted to A4 landscape within 10 mm margins (never enlarged).
//!
//! Targets on every shipped pathway: 0 overlaps; crossings and area at most dot's.
//! Without `--bench` (as `cargo test --benches` runs it) the national workspace is skipped.

use std::process::{Command, ExitCode, Stdio};

use polku::model::Lang;
use polku::render::diagram::dot::dot;
use polku::render::diagram::layout::{Layout, Rect, layout};
use polku::render::diagram::svg::svg;
use polku::render::diagram::view::{self, Focus, LaneBy, View, ViewKind, ViewOptions};
use serde_json::Value;

#[path = "generate/mod.rs"]
mod generate;

/// A point, in the engine's own units.
type P = (f64, f64);

/// A4 landscape less 10 mm margins, in points.
const A4: (f64, f64) = ((297.0 - 20.0) * 72.0 / 25.4, (210.0 - 20.0) * 72.0 / 25.4);
/// The service-name font: polku's box text, in px.
const POLKU_NODE_FONT: f64 = 12.0;

/// An axis-aligned box: left, top, right, bottom (or bottom, top in y-up coordinates).
#[derive(Clone, Copy, Debug)]
struct B(f64, f64, f64, f64);

impl B {
    fn overlaps(&self, o: &B) -> bool {
        self.0 < o.2 - 0.5 && o.0 < self.2 - 0.5 && self.1 < o.3 - 0.5 && o.1 < self.3 - 0.5
    }
    fn contains(&self, p: P, by: f64) -> bool {
        p.0 > self.0 - by && p.0 < self.2 + by && p.1 > self.1 - by && p.1 < self.3 + by
    }
    fn union(&self, o: &B) -> B {
        B(
            self.0.min(o.0),
            self.1.min(o.1),
            self.2.max(o.2),
            self.3.max(o.3),
        )
    }
    /// Whether the segment a–b passes through the inside of the box (shrunk by 1): the
    /// layout's own clipping, on the box as a layout rectangle.
    fn cut_by(&self, a: P, b: P) -> bool {
        let r = Rect {
            x: self.0,
            y: self.1,
            width: self.2 - self.0,
            height: self.3 - self.1,
        }
        .inflate(-1.0);
        r.width > 0.0 && r.height > 0.0 && r.cut_by(a, b)
    }
}

/// One drawing, engine-neutral: what the figures are computed from.
struct Drawing {
    /// The service-name font, for the units.
    unit: f64,
    boxes: Vec<B>,
    /// Each edge's line as a polyline, and its end boxes (indices into `boxes`).
    edges: Vec<(Vec<P>, usize, usize)>,
    labels: Vec<(B, usize)>,
    /// The whole picture's size and its smallest text, for the A4 fit.
    picture: (f64, f64),
    smallest_font: f64,
}

/// The figures of one drawing.
#[derive(Default)]
struct Figures {
    crossings: usize,
    turns: f64,
    length: f64,
    area: f64,
    overlaps: usize,
    struck: usize,
    a4_pt: f64,
}

fn intersection(a: P, b: P, c: P, d: P) -> Option<P> {
    let r = (b.0 - a.0, b.1 - a.1);
    let s = (d.0 - c.0, d.1 - c.1);
    let den = r.0 * s.1 - r.1 * s.0;
    if den.abs() < 1e-9 {
        return None;
    }
    let t = ((c.0 - a.0) * s.1 - (c.1 - a.1) * s.0) / den;
    let u = ((c.0 - a.0) * r.1 - (c.1 - a.1) * r.0) / den;
    // Half-open on both, so a crossing at a shared sample point counts once.
    ((0.0..1.0).contains(&t) && (0.0..1.0).contains(&u)).then_some((a.0 + t * r.0, a.1 + t * r.1))
}

fn figures(d: &Drawing) -> Figures {
    let mut f = Figures::default();
    let segs: Vec<(usize, P, P)> = d
        .edges
        .iter()
        .enumerate()
        .flat_map(|(e, (pts, _, _))| pts.windows(2).map(move |w| (e, w[0], w[1])))
        .filter(|(_, a, b)| a != b)
        .collect();
    for (i, &(e, a, b)) in segs.iter().enumerate() {
        for &(g, c, q) in &segs[i + 1..] {
            if e == g {
                continue;
            }
            if let Some(p) = intersection(a, b, c, q)
                && !d.boxes.iter().any(|r| r.contains(p, 2.0))
            {
                f.crossings += 1;
            }
        }
    }
    for (pts, _, _) in &d.edges {
        for w in pts.windows(2) {
            f.length += ((w[1].0 - w[0].0).powi(2) + (w[1].1 - w[0].1).powi(2)).sqrt();
        }
        let mut heading: Option<f64> = None;
        for w in pts.windows(2) {
            if w[0] == w[1] {
                continue;
            }
            let h = (w[1].1 - w[0].1).atan2(w[1].0 - w[0].0);
            if let Some(prev) = heading {
                let mut turn = (h - prev).abs() % std::f64::consts::TAU;
                if turn > std::f64::consts::PI {
                    turn = std::f64::consts::TAU - turn;
                }
                f.turns += turn / std::f64::consts::FRAC_PI_2;
            }
            heading = Some(h);
        }
    }
    let mut all: Option<B> = None;
    let mut grow = |b: B| all = Some(all.map_or(b, |a| a.union(&b)));
    d.boxes.iter().for_each(|b| grow(*b));
    d.labels.iter().for_each(|(b, _)| grow(*b));
    for (pts, _, _) in &d.edges {
        for &p in pts {
            grow(B(p.0, p.1, p.0, p.1));
        }
    }
    if let Some(b) = all {
        f.area = (b.2 - b.0) * (b.3 - b.1) / (d.unit * d.unit);
    }
    f.length /= d.unit;
    for (i, b) in d.boxes.iter().enumerate() {
        f.overlaps += d.boxes[i + 1..].iter().filter(|o| b.overlaps(o)).count();
    }
    for (i, (l, e)) in d.labels.iter().enumerate() {
        f.overlaps += d.boxes.iter().filter(|b| b.overlaps(l)).count();
        f.overlaps += d.labels[i + 1..]
            .iter()
            .filter(|(o, _)| o.overlaps(l))
            .count();
        // Lines that merge into the label's own arrow (a bundle: same box, same arrow head) run
        // behind it as its own line does.
        let merged = |g: usize| {
            let (ours, theirs) = (&d.edges[*e], &d.edges[g]);
            ours.2 == theirs.2 && ours.0.last() == theirs.0.last()
        };
        if segs
            .iter()
            .any(|&(g, a, b)| g != *e && !merged(g) && l.cut_by(a, b))
        {
            f.struck += 1;
        }
    }
    let (w, h) = d.picture;
    f.a4_pt = d.smallest_font * (A4.0 / w).min(A4.1 / h).min(1.0);
    f
}

/// polku's drawing of a view.
fn native(v: &View, l: &Layout) -> Drawing {
    let b = |r: &Rect| B(r.x, r.y, r.right(), r.bottom());
    let smallest = svg(v, l)
        .split("font-size=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
        .fold(f64::INFINITY, f64::min);
    let box_of: std::collections::HashMap<usize, usize> = l
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.node, i))
        .collect();
    Drawing {
        unit: POLKU_NODE_FONT,
        boxes: l.nodes.iter().map(|n| b(&n.rect)).collect(),
        edges: l
            .edges
            .iter()
            .filter(|p| p.points.len() > 1)
            .map(|p| {
                let e = &v.edges[p.edge];
                let end = |n: usize| box_of.get(&n).copied().unwrap_or(usize::MAX);
                (p.points.clone(), end(e.from), end(e.to))
            })
            .collect(),
        labels: l
            .edges
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.label_lines.is_empty())
            .filter_map(|(i, p)| Some((b(&p.label?), i)))
            .collect(),
        picture: (l.width, l.height),
        smallest_font: smallest,
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(0.0)
}

fn point(v: &Value) -> P {
    (num(&v[0]), num(&v[1]))
}

/// A cubic Bézier spline's control points as a polyline, 16 pieces a curve.
fn sample(ctrl: &[P]) -> Vec<P> {
    let mut out = vec![ctrl[0]];
    for c in ctrl[1..].chunks(3) {
        let [c1, c2, p1] = [c[0], c[1], c[c.len() - 1]];
        let p0 = *out.last().unwrap();
        for k in 1..=16 {
            let t = f64::from(k) / 16.0;
            let m = 1.0 - t;
            let f = |a: f64, b: f64, c: f64, d: f64| {
                m * m * m * a + 3.0 * m * m * t * b + 3.0 * m * t * t * c + t * t * t * d
            };
            out.push((f(p0.0, c1.0, c2.0, p1.0), f(p0.1, c1.1, c2.1, p1.1)));
        }
    }
    out
}

/// The text boxes and smallest font of an object's xdot label operations.
fn texts(ops: &Value) -> (Option<B>, f64) {
    let (mut size, mut smallest, mut b): (f64, f64, Option<B>) = (14.0, f64::INFINITY, None);
    for op in ops.as_array().into_iter().flatten() {
        match op["op"].as_str() {
            Some("F") => size = num(&op["size"]),
            Some("T") => {
                let (x, y) = point(&op["pt"]);
                let w = num(&op["width"]);
                let x0 = match op["align"].as_str() {
                    Some("l") => x,
                    Some("r") => x - w,
                    _ => x - w / 2.0,
                };
                let t = B(x0, y - 0.25 * size, x0 + w, y + 0.85 * size);
                b = Some(b.map_or(t, |o| o.union(&t)));
                smallest = smallest.min(size);
            }
            _ => {}
        }
    }
    (b, smallest)
}

/// Graphviz's drawing of the same view, or `None` when `dot` is not installed or fails.
fn graphviz(v: &View) -> Option<Drawing> {
    let mut child = Command::new("dot")
        .arg("-Tjson")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let source = dot(v);
    let writer = {
        let mut stdin = child.stdin.take()?;
        std::thread::spawn(move || std::io::Write::write_all(&mut stdin, source.as_bytes()))
    };
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    if !out.status.success() {
        return None;
    }
    let g: Value = serde_json::from_slice(&out.stdout).ok()?;
    let objects = g["objects"].as_array()?;
    let subgraphs = num(&g["_subgraph_cnt"]) as usize;
    // The legend's sample nodes are not part of the drawing compared.
    let legend: std::collections::HashSet<usize> = objects[..subgraphs]
        .iter()
        .filter(|s| s["name"].as_str() == Some("cluster_legend"))
        .flat_map(|s| s["nodes"].as_array().into_iter().flatten())
        .map(|n| num(n) as usize)
        .collect();
    let mut smallest = f64::INFINITY;
    let mut boxes = Vec::new();
    let mut index = std::collections::HashMap::new();
    for node in &objects[subgraphs..] {
        let id = num(&node["_gvid"]) as usize;
        let (_, font) = texts(&node["_ldraw_"]);
        smallest = smallest.min(font);
        if legend.contains(&id) {
            continue;
        }
        let (x, y) = {
            let pos = node["pos"].as_str().unwrap_or("0,0");
            let (a, b) = pos.split_once(',').unwrap_or(("0", "0"));
            (a.parse().unwrap_or(0.0), b.parse().unwrap_or(0.0))
        };
        let (w, h) = (num(&node["width"]) * 72.0, num(&node["height"]) * 72.0);
        index.insert(id, boxes.len());
        boxes.push(B(x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0));
    }
    for s in &objects[..subgraphs] {
        smallest = smallest.min(texts(&s["_ldraw_"]).1);
    }
    let mut edges = Vec::new();
    let mut labels = Vec::new();
    for e in g["edges"].as_array().into_iter().flatten() {
        let (tail, head) = (num(&e["tail"]) as usize, num(&e["head"]) as usize);
        let (label, font) = texts(&e["_ldraw_"]);
        smallest = smallest.min(font);
        let (Some(&a), Some(&b)) = (index.get(&tail), index.get(&head)) else {
            continue;
        };
        let mut line = Vec::new();
        for op in e["_draw_"].as_array().into_iter().flatten() {
            if matches!(op["op"].as_str(), Some("b" | "B")) {
                let ctrl: Vec<P> = op["points"].as_array()?.iter().map(point).collect();
                if ctrl.len() >= 4 {
                    line.extend(sample(&ctrl));
                }
            }
        }
        if let Some(l) = label {
            labels.push((l, edges.len()));
        }
        edges.push((line, a, b));
    }
    let bb: Vec<f64> = g["bb"]
        .as_str()?
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    Some(Drawing {
        unit: 11.0,
        boxes,
        edges,
        labels,
        picture: (bb[2] - bb[0], bb[3] - bb[1]),
        smallest_font: smallest,
    })
}

/// A row of the table.
fn row(name: &str, engine: &str, f: &Figures) {
    println!(
        "{name:<48} {engine:<6} {:>9} {:>7.0} {:>8.0} {:>9.0} {:>8} {:>6} {:>6.1}",
        f.crossings, f.turns, f.length, f.area, f.overlaps, f.struck, f.a4_pt
    );
}

/// Compares the engines on one view; returns whether polku met the targets on it.
fn compare(name: &str, v: &View, targets: bool) -> bool {
    let l = layout(v);
    let ours = figures(&native(v, &l));
    row(name, "polku", &ours);
    let Some(theirs) = graphviz(v).map(|d| figures(&d)) else {
        println!("{name:<48} dot    (not installed, or failed on this graph)");
        return ours.overlaps == 0;
    };
    row("", "dot", &theirs);
    if !targets {
        return true;
    }
    let mut missed = Vec::new();
    if ours.overlaps > 0 {
        missed.push(format!("{} overlaps", ours.overlaps));
    }
    if ours.crossings > theirs.crossings {
        missed.push(format!(
            "crossings {} > dot's {}",
            ours.crossings, theirs.crossings
        ));
    }
    if ours.area > theirs.area {
        missed.push(format!("area {:.0} > dot's {:.0}", ours.area, theirs.area));
    }
    if !missed.is_empty() {
        println!("{:<48} missed: {}", "", missed.join(", "));
    }
    missed.is_empty()
}

fn heading() {
    println!(
        "{:<48} {:<6} {:>9} {:>7} {:>8} {:>9} {:>8} {:>6} {:>6}",
        "view", "engine", "crossings", "turns", "length", "area", "overlaps", "struck", "A4 pt"
    );
}

fn main() -> ExitCode {
    let bench = std::env::args().any(|a| a == "--bench");
    let check = std::env::args().any(|a| a == "--check");
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let loaded = polku::workspace::load_dir(&dir).expect("the shipped workspace loads");
    let (model, analysis) = (&loaded.model, polku::analysis::analyze(&loaded.model));
    println!(
        "lengths in the service-name font's size, areas in its square (polku 12 px, dot 11 pt)"
    );
    heading();
    let mut ok = true;
    for pathway in model.pathways().indices() {
        let options = ViewOptions {
            pathway: Some(pathway),
            lanes: LaneBy::Actor,
            lang: Lang::Fi,
            ..Default::default()
        };
        let v = view::build(model, &analysis, &options).expect("a shipped pathway's view");
        ok &= compare(&model.pathway(pathway).id, &v, true);
    }
    let ecosystem = ViewOptions {
        kind: ViewKind::Ecosystem,
        ..Default::default()
    };
    let v = view::build(model, &analysis, &ecosystem).expect("the shipped ecosystem");
    compare("ecosystem (shipped)", &v, false);
    if bench {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        generate::generate(tmp.path(), &generate::Spec::national()).expect("writes the workspace");
        let national = generate::load_clean(tmp.path());
        let (model, analysis) = (&national.model, polku::analysis::analyze(&national.model));
        let largest = model
            .actors()
            .indices()
            .max_by_key(|&a| {
                model
                    .services()
                    .iter()
                    .filter(|s| s.actor == Some(a))
                    .count()
            })
            .expect("the national workspace has organisations");
        for (name, focus) in [
            ("national ecosystem, first screen", Focus::All),
            ("national ecosystem, one region", Focus::Region(Some(0))),
            (
                "national ecosystem, largest organisation",
                Focus::Actor(Some(largest)),
            ),
        ] {
            let options = ViewOptions { focus, ..ecosystem };
            let v = view::build(model, &analysis, &options).expect("a national ecosystem view");
            compare(&format!("{name} ({} boxes)", v.nodes.len()), &v, false);
        }
    } else {
        println!("(run with `cargo bench --bench layout_vs_dot` for the national-scale views)");
    }
    println!(
        "targets on every shipped pathway (0 overlaps; crossings and area ≤ dot's): {}",
        if ok { "met" } else { "MISSED" }
    );
    if check && !ok {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
