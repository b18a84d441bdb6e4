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

mod geometry;

use geometry::{Geometry, straight};

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
        // Light text on a dark fill: the label's colour is the label's, in the OMG extension
        // bpmn-js reads.
        if let Some(text) = paint.text {
            self.empty("bpmndi:BPMNLabel", &[("color:color", text)])?;
        }
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
    /// The label's colour, where the fill is too dark for the default black.
    text: Option<&'static str>,
}

impl Paint {
    /// A task: its sector's colour, and the warning or problem colour when it is near or over
    /// capacity.
    fn node(node: &ViewNode) -> Paint {
        let hot = node.utilisation.is_some_and(|u| u > HIGH_UTILISATION);
        Paint {
            fill: node.sector.map(palette::sector_color),
            stroke: hot.then(|| palette::heat_color(node.utilisation)),
            text: node
                .sector
                .filter(|s| palette::dark_fill(*s))
                .map(|_| palette::LIGHT_INK),
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
        Paint {
            fill: None,
            stroke,
            text: None,
        }
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
    /// Endpoints outside the view, or no handoff at all: left out.
    Skipped,
}

fn connections(view: &View) -> Vec<Connection> {
    view.edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            // A missing collaboration is the absence of a connection: BPMN has no word for it.
            if edge.from >= view.nodes.len()
                || edge.to >= view.nodes.len()
                || edge.missing_collaboration
            {
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
    for ((edge, connection), shape) in view.edges.iter().zip(&connections).zip(&geometry.edges) {
        if let Connection::Flow(id) = connection {
            let (from, to) = (format!("Task_{}", edge.from), format!("Task_{}", edge.to));
            let name = edge.label.join(" · ");
            if shape.named || name.is_empty() {
                xml.empty(
                    "bpmn:sequenceFlow",
                    &[
                        ("id", id),
                        ("name", &name),
                        ("sourceRef", &from),
                        ("targetRef", &to),
                    ],
                )?;
            } else {
                // Its words are drawn once, on a sibling flow into the same task.
                xml.start(
                    "bpmn:sequenceFlow",
                    &[("id", id), ("sourceRef", &from), ("targetRef", &to)],
                )?;
                xml.text("bpmn:documentation", &name)?;
                xml.end("bpmn:sequenceFlow")?;
            }
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
