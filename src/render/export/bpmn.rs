//! BPMN 2.0 XML export with diagram interchange (DI), so a pathway opens laid out in bpmn.io or
//! Camunda Modeler.
//!
//! One `collaboration` with one `participant` (the pool, named by the view's title) whose
//! `process` has a `laneSet` with one `lane` per view lane (an actor, or a sector). Each node is a
//! `task`; each entry node gets a `startEvent` before it and each exit node an `endEvent` after
//! it, joined by sequence flows.
//!
//! A key design decision made in this module is how handoffs map to BPMN. A handoff that moves the
//! client (referral, return) is a `sequenceFlow`, named by its kind and wait ("Lähete · 7 pv"):
//! the client is the token that flows. A handoff that does not (consultation, joint work, shared
//! plan, information) is not a step of the client's process, so it is a directed `association`
//! between the two tasks — drawn dotted by modelers — with its kind and wait as the association's
//! `documentation` (BPMN associations have no name).
//!
//! **Architecture Invariant:** ids are made here (`Task_3`, `Lane_0`, `Flow_5`), never taken from
//! user text; user text appears only as attribute values and text written through quick-xml's
//! writer, which escapes it, after characters XML 1.0 cannot hold at all are replaced.
//!
//! Coordinates come from the [`Layout`] (the pool gets a 30-unit header left of the lanes; events
//! are placed beside their task where nothing else is). When the layout does not cover every node
//! and lane, a plain grid is used instead so the file is always complete and opens laid out.

use std::io;

use crate::render::xml::{coordinate, text as xml_text};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::analysis::bottlenecks::HIGH_UTILISATION;
use crate::render::diagram::layout::{Layout, Rect};
use crate::render::diagram::palette;
use crate::render::diagram::view::{View, ViewEdge, ViewNode};

/// BPMN 2.0 model namespace.
pub const BPMN_NS: &str = "http://www.omg.org/spec/BPMN/20100524/MODEL";
/// BPMN 2.0 diagram interchange namespace.
pub const BPMNDI_NS: &str = "http://www.omg.org/spec/BPMN/20100524/DI";
/// OMG diagram-common namespace (bounds, points).
pub const DC_NS: &str = "http://www.omg.org/spec/DD/20100524/DC";
/// OMG diagram-interchange namespace (waypoints).
pub const DI_NS: &str = "http://www.omg.org/spec/DD/20100524/DI";
/// bpmn-js's colour extension (Camunda Modeler, bpmn.io) and the OMG's non-normative one that
/// other tools read: the finding colours travel with the diagram.
const BIOC_NS: &str = "http://bpmn.io/schema/bpmn/biocolor/1.0";
const COLOR_NS: &str = "http://www.omg.org/spec/BPMN/non-normative/color/1.0";

/// Width of the pool's header left of the lanes, where modelers write the participant's name.
const POOL_HEADER: f64 = 30.0;
/// Diameter of start and end events.
const EVENT: f64 = 36.0;
/// Space between an event and its task.
const EVENT_GAP: f64 = 24.0;

/// Writes a view as BPMN 2.0 XML with diagram interchange taken from `layout`.
pub fn bpmn(view: &View, layout: &Layout) -> String {
    let geometry = Geometry::new(view, layout);
    let mut xml = Xml(Writer::new_with_indent(Vec::new(), b' ', 2));
    // Writing into a Vec cannot fail; `let _` keeps the function total without unwrap.
    let _ = write_definitions(&mut xml, view, &geometry);
    let mut text = String::from_utf8(xml.0.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

/// Where everything goes, in BPMN DI terms.
struct Geometry {
    participant: Rect,
    lanes: Vec<Rect>,
    nodes: Vec<Rect>,
    /// Start event of each node, when it is an entry.
    starts: Vec<Option<Rect>>,
    /// End event of each node, when it is an exit.
    ends: Vec<Option<Rect>>,
    /// Each view edge.
    edges: Vec<EdgeGeometry>,
}

/// Waypoints and label box of an edge.
struct EdgeGeometry {
    points: Vec<(f64, f64)>,
    label: Option<Rect>,
}

impl Geometry {
    fn new(view: &View, layout: &Layout) -> Geometry {
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

        // Events go where nothing else is: clear of every box, crossing as few edges as possible.
        let mut taken: Vec<Rect> = nodes.clone();
        taken.extend(layout.edges.iter().filter_map(|e| e.label).filter(usable));
        let segments: Vec<Segment> = layout
            .edges
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
        let mut lanes = lanes;
        for (lane, _) in &mut lanes {
            if right > lane.x + lane.width {
                lane.width = right - lane.x;
            }
        }

        let edges = view
            .edges
            .iter()
            .enumerate()
            .map(|(e, edge)| {
                let laid = layout.edges.iter().find(|p| p.edge == e);
                let points = laid.map(|p| p.points.clone()).unwrap_or_default();
                let ok =
                    points.len() >= 2 && points.iter().all(|(x, y)| x.is_finite() && y.is_finite());
                let (points, label) = match (ok, nodes.get(edge.from), nodes.get(edge.to)) {
                    (true, _, _) => (points, laid.and_then(|p| p.label).filter(usable)),
                    (false, Some(a), Some(b)) => (straight(*a, *b, false, false), None),
                    _ => (Vec::new(), None),
                };
                EdgeGeometry { points, label }
            })
            .collect();

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
/// the event would cross, for a connection to the task that would cross another task, for being
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
                let wrong_side = if before {
                    x > task.x
                } else {
                    x < task.x + task.width
                };
                let score = (x - ix).hypot(y - iy)
                    + size_penalty
                    + 200.0 * crossings as f64
                    + 300.0 * blocked as f64
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
fn straight(from: Rect, to: Rect, from_round: bool, to_round: bool) -> Vec<(f64, f64)> {
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

/// A thin wrapper over quick-xml's writer: attribute values and text are escaped by it.
struct Xml(Writer<Vec<u8>>);

impl Xml {
    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.0.write_event(Event::Start(element(name, attrs)))
    }

    fn end(&mut self, name: &str) -> io::Result<()> {
        self.0.write_event(Event::End(BytesEnd::new(name)))
    }

    fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> io::Result<()> {
        self.0.write_event(Event::Empty(element(name, attrs)))
    }

    fn text(&mut self, name: &str, text: &str) -> io::Result<()> {
        self.0
            .create_element(name)
            .write_text_content(BytesText::new(&xml_text(text)))?;
        Ok(())
    }

    fn bounds(&mut self, r: Rect) -> io::Result<()> {
        let (x, y, w, h) = (
            coordinate(r.x),
            coordinate(r.y),
            coordinate(r.width.max(0.0)),
            coordinate(r.height.max(0.0)),
        );
        self.empty(
            "dc:Bounds",
            &[("x", &x), ("y", &y), ("width", &w), ("height", &h)],
        )
    }

    fn shape(&mut self, element_id: &str, r: Rect, horizontal: bool) -> io::Result<()> {
        self.colored_shape(element_id, r, horizontal, Paint::default())
    }

    fn colored_shape(
        &mut self,
        element_id: &str,
        r: Rect,
        horizontal: bool,
        paint: Paint,
    ) -> io::Result<()> {
        let id = format!("{element_id}_di");
        let mut attrs = vec![("id", id.as_str()), ("bpmnElement", element_id)];
        if horizontal {
            attrs.push(("isHorizontal", "true"));
        }
        paint.push(&mut attrs);
        self.start("bpmndi:BPMNShape", &attrs)?;
        self.bounds(r)?;
        self.end("bpmndi:BPMNShape")
    }

    fn edge(
        &mut self,
        element_id: &str,
        points: &[(f64, f64)],
        label: Option<Rect>,
        paint: Paint,
    ) -> io::Result<()> {
        let id = format!("{element_id}_di");
        let mut attrs = vec![("id", id.as_str()), ("bpmnElement", element_id)];
        paint.push(&mut attrs);
        self.start("bpmndi:BPMNEdge", &attrs)?;
        for (x, y) in points {
            self.empty(
                "di:waypoint",
                &[("x", &coordinate(*x)), ("y", &coordinate(*y))],
            )?;
        }
        if let Some(r) = label {
            self.start("bpmndi:BPMNLabel", &[])?;
            self.bounds(r)?;
            self.end("bpmndi:BPMNLabel")?;
        }
        self.end("bpmndi:BPMNEdge")
    }
}

/// The colours of one shape or edge in both colour extensions; none by default.
#[derive(Clone, Copy, Default)]
struct Paint {
    fill: Option<&'static str>,
    stroke: Option<&'static str>,
}

impl Paint {
    /// A task: its sector's colour, and the warning or problem colour when it is near or over
    /// capacity.
    fn node(node: &ViewNode) -> Paint {
        let hot = node.utilisation.is_some_and(|u| u > HIGH_UTILISATION);
        Paint {
            fill: node.sector.map(palette::sector_color),
            stroke: hot.then(|| palette::heat_color(node.utilisation)),
        }
    }

    /// A flow on a referral loop or across organisations without a protocol.
    fn edge(edge: &ViewEdge) -> Paint {
        let stroke = if edge.in_loop {
            Some(palette::LOOP_COLOR)
        } else if edge.boundary_without_protocol {
            Some(palette::BOUNDARY_COLOR)
        } else {
            None
        };
        Paint { fill: None, stroke }
    }

    fn push<'a>(self, attrs: &mut Vec<(&'a str, &'a str)>) {
        if let Some(fill) = self.fill {
            attrs.push(("bioc:fill", fill));
            attrs.push(("color:background-color", fill));
        }
        if let Some(stroke) = self.stroke {
            attrs.push(("bioc:stroke", stroke));
            attrs.push(("color:border-color", stroke));
        }
    }
}

fn element<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        start.push_attribute((*key, xml_text(value).as_ref()));
    }
    start
}

/// How a view edge appears in the process.
enum Connection {
    /// The client moves: a sequence flow.
    Flow(String),
    /// Information or collaboration only: an association.
    Association(String),
    /// Endpoints outside the view: left out.
    Skipped,
}

fn connections(view: &View) -> Vec<Connection> {
    view.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            if edge.from >= view.nodes.len() || edge.to >= view.nodes.len() {
                Connection::Skipped
            } else if edge.moves_client {
                Connection::Flow(format!("Flow_{e}"))
            } else {
                Connection::Association(format!("Association_{e}"))
            }
        })
        .collect()
}

fn write_definitions(xml: &mut Xml, view: &View, geometry: &Geometry) -> io::Result<()> {
    xml.0
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.start(
        "bpmn:definitions",
        &[
            ("xmlns:bpmn", BPMN_NS),
            ("xmlns:bpmndi", BPMNDI_NS),
            ("xmlns:dc", DC_NS),
            ("xmlns:di", DI_NS),
            ("xmlns:bioc", BIOC_NS),
            ("xmlns:color", COLOR_NS),
            ("id", "Definitions_1"),
            ("targetNamespace", "urn:polku:bpmn"),
            ("exporter", "polku"),
        ],
    )?;
    xml.start("bpmn:collaboration", &[("id", "Collaboration_1")])?;
    xml.empty(
        "bpmn:participant",
        &[
            ("id", "Participant_1"),
            ("name", &view.title),
            ("processRef", "Process_1"),
        ],
    )?;
    xml.end("bpmn:collaboration")?;

    let connections = connections(view);
    xml.start(
        "bpmn:process",
        &[("id", "Process_1"), ("isExecutable", "false")],
    )?;
    write_lanes(xml, view)?;
    for (i, node) in view.nodes.iter().enumerate() {
        let task = format!("Task_{i}");
        if node.entry {
            xml.start("bpmn:startEvent", &[("id", &format!("StartEvent_{i}"))])?;
            xml.text("bpmn:outgoing", &format!("Flow_Start_{i}"))?;
            xml.end("bpmn:startEvent")?;
        }
        xml.start(
            "bpmn:task",
            &[("id", &task), ("name", &node.label.join(" "))],
        )?;
        if !node.tooltip.is_empty() {
            xml.text("bpmn:documentation", &node.tooltip)?;
        }
        if node.entry {
            xml.text("bpmn:incoming", &format!("Flow_Start_{i}"))?;
        }
        for (e, edge) in view.edges.iter().enumerate() {
            if let (Connection::Flow(id), true) = (&connections[e], edge.to == i) {
                xml.text("bpmn:incoming", id)?;
            }
        }
        for (e, edge) in view.edges.iter().enumerate() {
            if let (Connection::Flow(id), true) = (&connections[e], edge.from == i) {
                xml.text("bpmn:outgoing", id)?;
            }
        }
        if node.exit {
            xml.text("bpmn:outgoing", &format!("Flow_End_{i}"))?;
        }
        xml.end("bpmn:task")?;
        if node.exit {
            xml.start("bpmn:endEvent", &[("id", &format!("EndEvent_{i}"))])?;
            xml.text("bpmn:incoming", &format!("Flow_End_{i}"))?;
            xml.end("bpmn:endEvent")?;
        }
    }
    for (i, node) in view.nodes.iter().enumerate() {
        let task = format!("Task_{i}");
        if node.entry {
            let (id, start) = (format!("Flow_Start_{i}"), format!("StartEvent_{i}"));
            xml.empty(
                "bpmn:sequenceFlow",
                &[("id", &id), ("sourceRef", &start), ("targetRef", &task)],
            )?;
        }
        if node.exit {
            let (id, end) = (format!("Flow_End_{i}"), format!("EndEvent_{i}"));
            xml.empty(
                "bpmn:sequenceFlow",
                &[("id", &id), ("sourceRef", &task), ("targetRef", &end)],
            )?;
        }
    }
    for (edge, connection) in view.edges.iter().zip(&connections) {
        if let Connection::Flow(id) = connection {
            let (from, to) = (format!("Task_{}", edge.from), format!("Task_{}", edge.to));
            let name = edge.label.join(" · ");
            xml.empty(
                "bpmn:sequenceFlow",
                &[
                    ("id", id),
                    ("name", &name),
                    ("sourceRef", &from),
                    ("targetRef", &to),
                ],
            )?;
        }
    }
    // Artifacts come after every flow element in a process.
    for (edge, connection) in view.edges.iter().zip(&connections) {
        if let Connection::Association(id) = connection {
            let (from, to) = (format!("Task_{}", edge.from), format!("Task_{}", edge.to));
            xml.start(
                "bpmn:association",
                &[
                    ("id", id),
                    ("associationDirection", "One"),
                    ("sourceRef", &from),
                    ("targetRef", &to),
                ],
            )?;
            xml.text("bpmn:documentation", &edge.label.join(" · "))?;
            xml.end("bpmn:association")?;
        }
    }
    xml.end("bpmn:process")?;

    write_diagram(xml, view, geometry, &connections)?;
    xml.end("bpmn:definitions")
}

fn write_lanes(xml: &mut Xml, view: &View) -> io::Result<()> {
    if view.lanes.is_empty() {
        return Ok(());
    }
    xml.start("bpmn:laneSet", &[("id", "LaneSet_1")])?;
    for (l, lane) in view.lanes.iter().enumerate() {
        xml.start(
            "bpmn:lane",
            &[("id", &format!("Lane_{l}")), ("name", &lane.label)],
        )?;
        for (i, node) in view.nodes.iter().enumerate().filter(|(_, n)| n.lane == l) {
            if node.entry {
                xml.text("bpmn:flowNodeRef", &format!("StartEvent_{i}"))?;
            }
            xml.text("bpmn:flowNodeRef", &format!("Task_{i}"))?;
            if node.exit {
                xml.text("bpmn:flowNodeRef", &format!("EndEvent_{i}"))?;
            }
        }
        xml.end("bpmn:lane")?;
    }
    xml.end("bpmn:laneSet")
}

fn write_diagram(
    xml: &mut Xml,
    view: &View,
    g: &Geometry,
    connections: &[Connection],
) -> io::Result<()> {
    let paint = |e: usize| view.edges.get(e).map(Paint::edge).unwrap_or_default();
    xml.start("bpmndi:BPMNDiagram", &[("id", "BPMNDiagram_1")])?;
    xml.start(
        "bpmndi:BPMNPlane",
        &[("id", "BPMNPlane_1"), ("bpmnElement", "Collaboration_1")],
    )?;
    xml.shape("Participant_1", g.participant, true)?;
    for (l, rect) in g.lanes.iter().enumerate() {
        xml.shape(&format!("Lane_{l}"), *rect, true)?;
    }
    for (i, rect) in g.nodes.iter().enumerate() {
        let task = format!("Task_{i}");
        if let Some(start) = g.starts[i] {
            xml.shape(&format!("StartEvent_{i}"), start, false)?;
            xml.edge(
                &format!("Flow_Start_{i}"),
                &straight(start, *rect, true, false),
                None,
                Paint::default(),
            )?;
        }
        let paint = view.nodes.get(i).map(Paint::node).unwrap_or_default();
        xml.colored_shape(&task, *rect, false, paint)?;
        if let Some(end) = g.ends[i] {
            xml.shape(&format!("EndEvent_{i}"), end, false)?;
            xml.edge(
                &format!("Flow_End_{i}"),
                &straight(*rect, end, false, true),
                None,
                Paint::default(),
            )?;
        }
    }
    for (e, connection) in connections.iter().enumerate() {
        let Some(edge) = g.edges.get(e) else { continue };
        match connection {
            Connection::Flow(id) => xml.edge(id, &edge.points, edge.label, paint(e))?,
            Connection::Association(id) => xml.edge(id, &edge.points, None, paint(e))?,
            Connection::Skipped => {}
        }
    }
    xml.end("bpmndi:BPMNPlane")?;
    xml.end("bpmndi:BPMNDiagram")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borders_and_numbers() {
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
        assert_eq!(coordinate(-0.04), "0");
        assert_eq!(coordinate(f64::NAN), "0");
        assert_eq!(coordinate(12.345), "12.3");
        assert_eq!(coordinate(120.0), "120");
    }
}
