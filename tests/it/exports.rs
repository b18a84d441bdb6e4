//! Exports (Mermaid, BPMN 2.0, GraphML, JSON) of every shipped pathway and of a hostile
//! workspace: insta snapshots, structural checks, and real consumers reading what we write —
//! bpmn-moddle (npm) for BPMN, Mermaid itself (npm, under jsdom) for Mermaid, networkx (pip) for
//! GraphML — through the scripts in `tests/consumers/`.
//!
//! A consumer test fails when its tool is missing and `CI` is set; elsewhere it prints how to
//! install the tool and passes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use polku::analysis::{Analysis, analyze};
use polku::diagnostic::Severity;
use polku::model::{HandoffIx, Lang, Model, PathwayIx, ServiceIx};
use polku::render::diagram::layout::{self, Rect};
use polku::render::diagram::view::{self, View, ViewKind, ViewOptions};
use polku::render::export::{bpmn, graphml, json, mermaid};
use polku::workspace::load_dir;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::{Value, json};

const SHIPPED: &str = "pathways";
const HOSTILE: &str = "tests/fixtures/hostile";

struct Workspace {
    model: Model,
    analysis: Analysis,
}

fn load(dir: &str) -> Workspace {
    let loaded = load_dir(Path::new(dir)).unwrap();
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{dir} does not load: {errors:?}");
    let analysis = analyze(&loaded.model);
    Workspace {
        model: loaded.model,
        analysis,
    }
}

impl Workspace {
    fn pathways(&self) -> Vec<(PathwayIx, String)> {
        let list: Vec<_> = self
            .model
            .pathways()
            .iter_enumerated()
            .map(|(p, pathway)| (p, pathway.id.clone()))
            .collect();
        assert!(!list.is_empty(), "no pathways");
        list
    }

    fn view(&self, p: PathwayIx) -> View {
        let options = ViewOptions {
            kind: ViewKind::Lanes,
            pathway: Some(p),
            lang: Lang::Fi,
            ..ViewOptions::default()
        };
        view::build(&self.model, &self.analysis, &options).unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// Reading XML back with quick-xml.

/// One element of a parsed document.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    parent: Option<usize>,
}

/// Parses a whole document into its elements; panics on malformed XML and on anything but
/// elements, text and the declaration (no comments, CDATA, processing instructions, DOCTYPE).
fn parse_xml(text: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(text);
    let mut elements: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut roots = 0;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"));
        let start = |e: &quick_xml::events::BytesStart, open: &[usize]| {
            let mut attrs = BTreeMap::new();
            for a in e.attributes() {
                let a = a.unwrap_or_else(|err| panic!("bad attribute: {err}"));
                let key = a.key.as_ref().to_string();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned();
                assert!(
                    attrs.insert(key.clone(), value).is_none(),
                    "duplicate {key}"
                );
            }
            Element {
                name: e.name().as_ref().to_string(),
                attrs,
                text: String::new(),
                parent: open.last().copied(),
            }
        };
        match event {
            Event::Decl(_) => {}
            Event::Start(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                elements.push(start(&e, &open));
                open.push(elements.len() - 1);
            }
            Event::Empty(e) => {
                if open.is_empty() {
                    roots += 1;
                }
                elements.push(start(&e, &open));
            }
            Event::End(e) => {
                let i = open.pop().expect("end without start");
                assert_eq!(e.name().as_ref(), elements[i].name.as_str());
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                match open.last() {
                    Some(&i) => elements[i].text.push_str(&text),
                    None => assert!(text.trim().is_empty(), "text outside the root"),
                }
            }
            Event::GeneralRef(r) => {
                let i = *open.last().expect("reference outside the root");
                let resolved = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or_else(|| panic!("unknown entity &{};", r.xml10_content()))
                        .to_string(),
                };
                elements[i].text.push_str(&resolved);
            }
            Event::Eof => break,
            other => panic!("unexpected XML event {other:?}\n{text}"),
        }
    }
    assert!(open.is_empty(), "unclosed elements");
    assert_eq!(roots, 1, "one root element");
    elements
}

fn names(elements: &[Element]) -> BTreeSet<&str> {
    elements.iter().map(|e| e.name.as_str()).collect()
}

fn attr_names(elements: &[Element]) -> BTreeSet<&str> {
    elements
        .iter()
        .flat_map(|e| e.attrs.keys().map(String::as_str))
        .collect()
}

fn by_name<'a>(elements: &'a [Element], name: &str) -> Vec<&'a Element> {
    elements.iter().filter(|e| e.name == name).collect()
}

fn attr<'a>(e: &'a Element, name: &str) -> &'a str {
    e.attrs
        .get(name)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("{} has no {name}", e.name))
}

const BPMN_ELEMENTS: &[&str] = &[
    "bpmn:definitions",
    "bpmn:collaboration",
    "bpmn:participant",
    "bpmn:process",
    "bpmn:laneSet",
    "bpmn:lane",
    "bpmn:flowNodeRef",
    "bpmn:startEvent",
    "bpmn:endEvent",
    "bpmn:task",
    "bpmn:documentation",
    "bpmn:incoming",
    "bpmn:outgoing",
    "bpmn:sequenceFlow",
    "bpmn:association",
    "bpmndi:BPMNDiagram",
    "bpmndi:BPMNPlane",
    "bpmndi:BPMNShape",
    "bpmndi:BPMNEdge",
    "bpmndi:BPMNLabel",
    "dc:Bounds",
    "di:waypoint",
];

const BPMN_ATTRIBUTES: &[&str] = &[
    "xmlns:bpmn",
    "xmlns:bpmndi",
    "xmlns:dc",
    "xmlns:di",
    "xmlns:bioc",
    "xmlns:color",
    "bioc:fill",
    "bioc:stroke",
    "color:background-color",
    "color:border-color",
    "id",
    "targetNamespace",
    "exporter",
    "name",
    "processRef",
    "isExecutable",
    "sourceRef",
    "targetRef",
    "associationDirection",
    "bpmnElement",
    "color:color",
    "isHorizontal",
    "x",
    "y",
    "width",
    "height",
];

const GRAPHML_ELEMENTS: &[&str] = &["graphml", "key", "graph", "node", "edge", "data"];
const GRAPHML_ATTRIBUTES: &[&str] = &[
    "xmlns",
    "xmlns:xsi",
    "xsi:schemaLocation",
    "id",
    "for",
    "attr.name",
    "attr.type",
    "edgedefault",
    "source",
    "target",
    "key",
];

fn subset(what: &str, got: BTreeSet<&str>, allowed: &[&str]) {
    let extra: Vec<&str> = got.into_iter().filter(|n| !allowed.contains(n)).collect();
    assert!(extra.is_empty(), "{what} we never write: {extra:?}");
}

/// Checks a BPMN document against its view: only our element and attribute names, safe ids,
/// names as in the view, every reference resolving, every element drawn. Returns the elements.
fn check_bpmn(view: &View, text: &str) -> Vec<Element> {
    let doc = parse_xml(text);
    subset("BPMN elements", names(&doc), BPMN_ELEMENTS);
    subset("BPMN attributes", attr_names(&doc), BPMN_ATTRIBUTES);

    let ids: BTreeSet<&str> = doc
        .iter()
        .filter_map(|e| e.attrs.get("id").map(String::as_str))
        .collect();
    assert_eq!(
        ids.len(),
        doc.iter().filter(|e| e.attrs.contains_key("id")).count(),
        "ids are unique"
    );
    for id in &ids {
        assert!(
            id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'),
            "id {id:?} is made by polku, never user text"
        );
    }
    for e in &doc {
        for key in ["sourceRef", "targetRef", "processRef", "bpmnElement"] {
            if let Some(r) = e.attrs.get(key) {
                assert!(ids.contains(r.as_str()), "{key}={r} resolves");
            }
        }
        if ["bpmn:flowNodeRef", "bpmn:incoming", "bpmn:outgoing"].contains(&e.name.as_str()) {
            assert!(
                ids.contains(e.text.as_str()),
                "{} {} resolves",
                e.name,
                e.text
            );
        }
    }

    let tasks = by_name(&doc, "bpmn:task");
    assert_eq!(tasks.len(), view.nodes.len());
    for (i, node) in view.nodes.iter().enumerate() {
        let task = tasks
            .iter()
            .find(|t| attr(t, "id") == format!("Task_{i}"))
            .unwrap();
        assert_eq!(attr(task, "name"), node.label.join(" "));
    }
    // Finding colours in both colour extensions: the sector's fill, the problem colour on a
    // service over capacity; every colour a literal #RRGGBB.
    let shapes = by_name(&doc, "bpmndi:BPMNShape");
    for (i, node) in view.nodes.iter().enumerate() {
        let shape = shapes
            .iter()
            .find(|s| attr(s, "bpmnElement") == format!("Task_{i}"))
            .unwrap();
        let fill = shape.attrs.get("bioc:fill").map(String::as_str);
        assert_eq!(
            fill,
            node.sector
                .map(polku::render::diagram::palette::sector_color)
        );
        assert_eq!(
            shape
                .attrs
                .get("color:background-color")
                .map(String::as_str),
            fill
        );
        if node.utilisation.is_some_and(|u| u > 1.0) {
            assert_eq!(
                attr(shape, "bioc:stroke"),
                polku::render::diagram::palette::PROBLEM
            );
        }
    }
    for e in &doc {
        for (k, v) in &e.attrs {
            if k.starts_with("bioc:") || k.starts_with("color:") {
                assert!(
                    v.len() == 7
                        && v.starts_with('#')
                        && v[1..].bytes().all(|b| b.is_ascii_hexdigit()),
                    "{k}={v}"
                );
            }
        }
    }
    let lanes = by_name(&doc, "bpmn:lane");
    assert_eq!(lanes.len(), view.lanes.len());
    for (lane, l) in lanes.iter().zip(&view.lanes) {
        assert_eq!(attr(lane, "name"), l.label);
    }
    let entries = view.nodes.iter().filter(|n| n.entry).count();
    let exits = view.nodes.iter().filter(|n| n.exit).count();
    let moving = view.edges.iter().filter(|e| e.moves_client).count();
    assert_eq!(by_name(&doc, "bpmn:startEvent").len(), entries);
    assert_eq!(by_name(&doc, "bpmn:endEvent").len(), exits);
    assert_eq!(
        by_name(&doc, "bpmn:sequenceFlow").len(),
        moving + entries + exits
    );
    // A missing collaboration is no connection at all.
    let handoffs = view
        .edges
        .iter()
        .filter(|e| !e.missing_collaboration)
        .count();
    assert_eq!(by_name(&doc, "bpmn:association").len(), handoffs - moving);

    // Diagram interchange: every participant, lane, flow node and connection is drawn once.
    let drawn: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "bpmndi:BPMNShape" || e.name == "bpmndi:BPMNEdge")
        .map(|e| attr(e, "bpmnElement"))
        .collect();
    let drawable = doc.iter().filter(|e| {
        [
            "bpmn:participant",
            "bpmn:lane",
            "bpmn:task",
            "bpmn:startEvent",
            "bpmn:endEvent",
            "bpmn:sequenceFlow",
            "bpmn:association",
        ]
        .contains(&e.name.as_str())
    });
    for e in drawable {
        let id = attr(e, "id");
        assert_eq!(
            drawn.iter().filter(|d| **d == id).count(),
            1,
            "{id} drawn once"
        );
    }
    for b in by_name(&doc, "dc:Bounds") {
        for k in ["x", "y", "width", "height"] {
            let v: f64 = attr(b, k).parse().unwrap();
            assert!(v.is_finite());
        }
    }
    for e in by_name(&doc, "bpmndi:BPMNEdge") {
        let i = doc.iter().position(|x| std::ptr::eq(x, e)).unwrap();
        let points = doc
            .iter()
            .filter(|p| p.name == "di:waypoint" && p.parent == Some(i))
            .count();
        assert!(points >= 2, "{} has waypoints", attr(e, "id"));
    }
    doc
}

/// The BPMN up to the diagram interchange: the process, which is what the snapshot fixes. The DI
/// follows the layout engine's coordinates and is checked by structure instead.
fn bpmn_process(text: &str) -> &str {
    let end = text.find("  <bpmndi:BPMNDiagram").unwrap_or(text.len());
    &text[..end]
}

// ---------------------------------------------------------------------------------------------
// Mermaid.

/// Every label of a Mermaid flowchart: the text between `["` and `"]` (nodes, subgraphs) and
/// between `|"` and `"|` (edges). Panics when a line that should hold one does not.
fn mermaid_labels(text: &str) -> Vec<String> {
    let mut labels = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("subgraph ") {
            let (_, label) = rest.split_once("[\"").expect("subgraph label quoted");
            labels.push(label.strip_suffix("\"]").expect("closes").to_string());
        } else if line
            .split_whitespace()
            .nth(1)
            .is_some_and(|arrow| arrow.starts_with("--") || arrow.starts_with("-.-"))
        {
            if let Some((_, rest)) = line.split_once("|\"") {
                let (label, _) = rest.split_once("\"|").expect("edge label closes");
                labels.push(label.to_string());
            }
        } else if let Some((id, label)) = line.split_once("[\"") {
            assert!(
                id.starts_with('n') && id[1..].bytes().all(|b| b.is_ascii_digit()),
                "{line}"
            );
            labels.push(label.strip_suffix("\"]").expect("closes").to_string());
        }
    }
    labels
}

/// Checks the shape of a Mermaid flowchart: every line is one we write, every label quoted with
/// nothing inside that Mermaid could read as syntax.
fn check_mermaid(view: &View, text: &str) {
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    let known = [
        "subgraph lane",
        "end",
        "%% n",
        "n",
        "classDef ",
        "class ",
        "style n",
        "linkStyle ",
    ];
    for line in lines {
        let line = line.trim();
        assert!(
            known.iter().any(|k| line.starts_with(k)),
            "unexpected line {line:?}"
        );
        if let Some(comment) = line.strip_prefix("%% ") {
            assert!(
                comment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b':' || b == b' '),
                "{comment}"
            );
        }
    }
    let labels = mermaid_labels(text);
    let nodes = view.nodes.len();
    let lanes = view
        .lanes
        .iter()
        .enumerate()
        .filter(|(l, _)| view.nodes.iter().any(|n| n.lane == *l))
        .count();
    let edge_labels = view.edges.iter().filter(|e| !e.label.is_empty()).count();
    assert_eq!(labels.len(), nodes + lanes + edge_labels, "{text}");
    for label in &labels {
        // Our markup: `<br>` between lines and entity codes `#name;` / `#123;`. Nothing else.
        let mut inside = label.replace("<br>", "");
        while let Some(at) = inside.find('#') {
            let end = inside[at..].find(';').map(|e| at + e);
            let code = end.map(|end| &inside[at + 1..end]);
            assert!(
                code.is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric())),
                "stray # in label {label:?}"
            );
            inside.replace_range(at..=end.unwrap_or(at), "");
        }
        for bad in ['"', '<', '>', '|', ';', '%', '`', '#', '\n', '\r'] {
            assert!(!inside.contains(bad), "{bad:?} in label {label:?}");
        }
    }
}

#[test]
fn mermaid_of_every_shipped_pathway() {
    let ws = load(SHIPPED);
    for (p, id) in ws.pathways() {
        let view = ws.view(p);
        let text = mermaid::mermaid(&view);
        check_mermaid(&view, &text);
        assert!(text.contains("subgraph lane0[\""), "{text}");
        insta::assert_snapshot!(format!("mermaid-{id}"), text);
    }
}

#[test]
fn hostile_labels_stay_quoted_in_mermaid() {
    let ws = load(HOSTILE);
    let view = ws.view(PathwayIx(0));
    let text = mermaid::mermaid(&view);
    check_mermaid(&view, &text);
    for bad in ["<script", "%%{", "\"]; subgraph", "]]>", "x-->y"] {
        assert!(!text.contains(bad), "{bad:?} in\n{text}");
    }
    // Words like `end`, `click` and `graph TD` are in the labels, but only inside quotes:
    // check_mermaid has checked that every line is one we write.
    assert!(text.contains("click n0 call alert(1)"));
    insta::assert_snapshot!("mermaid-hostile", text);
}

// ---------------------------------------------------------------------------------------------
// BPMN.

#[test]
fn bpmn_of_every_shipped_pathway() {
    let ws = load(SHIPPED);
    for (p, id) in ws.pathways() {
        let view = ws.view(p);
        let text = bpmn::bpmn(&view, &layout::layout(&view));
        check_bpmn(&view, &text);
        insta::assert_snapshot!(format!("bpmn-{id}"), bpmn_process(&text));
    }
}

#[test]
fn hostile_labels_stay_inside_bpmn_attributes_and_text() {
    let ws = load(HOSTILE);
    let view = ws.view(PathwayIx(0));
    let text = bpmn::bpmn(&view, &layout::layout(&view));
    let doc = check_bpmn(&view, &text);
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("<![CDATA["), "{text}");
    assert!(!text.contains("<evil"), "{text}");
    // The text comes back exactly as the view has it.
    let participant = &by_name(&doc, "bpmn:participant")[0];
    assert_eq!(attr(participant, "name"), view.title);
    let koulu = view.nodes.iter().position(|n| n.key == "koulu").unwrap();
    let documentation = doc
        .iter()
        .find(|e| {
            e.name == "bpmn:documentation"
                && e.parent
                    .is_some_and(|p| doc[p].attrs.get("id") == Some(&format!("Task_{koulu}")))
        })
        .unwrap();
    assert_eq!(documentation.text, view.nodes[koulu].tooltip);
    assert!(
        documentation
            .text
            .contains("<script>alert('x')</script> \"quoted\" &")
    );
    insta::assert_snapshot!("bpmn-hostile", bpmn_process(&text));
}

#[test]
fn bpmn_di_follows_the_layout() {
    let ws = load(HOSTILE);
    let view = ws.view(PathwayIx(0));
    // The engine's layout with coordinates set by hand (so the test does not depend on how the
    // engine places things): lanes tall enough for the fixture's long titles (shorter lanes grow
    // to hold theirs), nodes 220 apart, the first edge with a bend and a label box.
    const H: f64 = 1000.0;
    let mut layout = layout::layout(&view);
    assert_eq!(layout.lanes.len(), view.lanes.len());
    assert_eq!(layout.nodes.len(), view.nodes.len());
    for lane in &mut layout.lanes {
        lane.rect = Rect {
            x: 0.0,
            y: H * lane.lane as f64,
            width: 900.0,
            height: H,
        };
        lane.header_width = 120.0;
    }
    for node in &mut layout.nodes {
        let lane = view.nodes[node.node].lane;
        node.rect = Rect {
            x: 200.0 + 220.0 * node.node as f64,
            y: H * lane as f64 + 60.0,
            width: 140.0,
            height: 70.0,
        };
    }
    let first = layout.edges.iter_mut().find(|e| e.edge == 0).unwrap();
    first.points = vec![
        (340.0, 95.0),
        (380.0, 95.0),
        (380.0, H + 95.0),
        (420.0, H + 95.0),
    ];
    first.label = Some(Rect {
        x: 385.0,
        y: 150.0,
        width: 60.0,
        height: 30.0,
    });
    layout.height = H * view.lanes.len() as f64;
    let text = bpmn::bpmn(&view, &layout);
    let doc = check_bpmn(&view, &text);
    let bounds_of = |element: &str| -> [f64; 4] {
        let shape = doc
            .iter()
            .position(|e| e.name == "bpmndi:BPMNShape" && attr(e, "bpmnElement") == element)
            .unwrap();
        let b = doc
            .iter()
            .find(|e| e.name == "dc:Bounds" && e.parent == Some(shape))
            .unwrap();
        ["x", "y", "width", "height"].map(|k| attr(b, k).parse().unwrap())
    };
    for (i, n) in layout.nodes.iter().enumerate() {
        let r = n.rect;
        assert_eq!(
            bounds_of(&format!("Task_{i}")),
            [r.x, r.y, r.width, r.height]
        );
    }
    for (l, lane) in layout.lanes.iter().enumerate() {
        let r = lane.rect;
        assert_eq!(
            bounds_of(&format!("Lane_{l}")),
            [r.x, r.y, r.width, r.height]
        );
    }
    // The pool's header is left of the lanes.
    assert_eq!(
        bounds_of("Participant_1"),
        [-30.0, 0.0, 930.0, layout.height]
    );
    // Events sit inside their task's lane, beside the task, clear of every task.
    for (i, node) in view.nodes.iter().enumerate() {
        for (event, present) in [("StartEvent", node.entry), ("EndEvent", node.exit)] {
            if !present {
                continue;
            }
            let [x, y, w, h] = bounds_of(&format!("{event}_{i}"));
            let lane = layout.lanes[node.lane].rect;
            assert!(
                x >= lane.x + 120.0 && x + w <= lane.x + lane.width,
                "{event}_{i}"
            );
            assert!(y >= lane.y && y + h <= lane.y + lane.height, "{event}_{i}");
            for n in &layout.nodes {
                let r = n.rect;
                let clear =
                    x + w <= r.x || r.x + r.width <= x || y + h <= r.y || r.y + r.height <= y;
                assert!(clear, "{event}_{i} overlaps node {}", n.node);
            }
        }
    }
    // The first edge keeps its bends and label box.
    let edge = doc
        .iter()
        .position(|e| {
            e.name == "bpmndi:BPMNEdge"
                && ["Flow_0", "Association_0"].contains(&attr(e, "bpmnElement"))
        })
        .unwrap();
    let points: Vec<(f64, f64)> = doc
        .iter()
        .filter(|e| e.name == "di:waypoint" && e.parent == Some(edge))
        .map(|e| (attr(e, "x").parse().unwrap(), attr(e, "y").parse().unwrap()))
        .collect();
    let first = layout.edges.iter().find(|e| e.edge == 0).unwrap();
    assert_eq!(points, first.points);
}

#[test]
fn bpmn_without_a_layout_still_draws_everything() {
    let ws = load(SHIPPED);
    let view = ws.view(PathwayIx(0));
    let mut empty = layout::layout(&view);
    empty.lanes.clear();
    empty.nodes.clear();
    empty.edges.clear();
    check_bpmn(&view, &bpmn::bpmn(&view, &empty));
}

// ---------------------------------------------------------------------------------------------
// GraphML.

fn pathway_services(model: &Model, p: PathwayIx) -> Vec<ServiceIx> {
    model.pathway(p).services.clone()
}

fn check_graphml(text: &str, services: usize, handoffs: usize) -> Vec<Element> {
    let doc = parse_xml(text);
    subset("GraphML elements", names(&doc), GRAPHML_ELEMENTS);
    subset("GraphML attributes", attr_names(&doc), GRAPHML_ATTRIBUTES);
    assert_eq!(by_name(&doc, "node").len(), services);
    assert_eq!(by_name(&doc, "edge").len(), handoffs);
    let keys: BTreeSet<&str> = by_name(&doc, "key").iter().map(|k| attr(k, "id")).collect();
    for d in by_name(&doc, "data") {
        assert!(
            keys.contains(attr(d, "key")),
            "data key {} declared",
            attr(d, "key")
        );
    }
    let nodes: BTreeSet<&str> = by_name(&doc, "node")
        .iter()
        .map(|n| attr(n, "id"))
        .collect();
    for e in by_name(&doc, "edge") {
        assert!(nodes.contains(attr(e, "source")) && nodes.contains(attr(e, "target")));
    }
    doc
}

fn handoffs_within(model: &Model, services: &[ServiceIx]) -> usize {
    model
        .handoffs()
        .iter()
        .filter(|h| services.contains(&h.from) && services.contains(&h.to))
        .count()
}

#[test]
fn graphml_of_every_shipped_pathway() {
    let ws = load(SHIPPED);
    for (p, id) in ws.pathways() {
        let services = pathway_services(&ws.model, p);
        let text = graphml::graphml(&ws.model, &ws.analysis, &services, Lang::Fi);
        check_graphml(&text, services.len(), handoffs_within(&ws.model, &services));
        insta::assert_snapshot!(format!("graphml-{id}"), text);
    }
}

#[test]
fn hostile_labels_stay_inside_graphml_text() {
    let ws = load(HOSTILE);
    let services: Vec<ServiceIx> = ws.model.services().indices().collect();
    let text = graphml::graphml(&ws.model, &ws.analysis, &services, Lang::Fi);
    let doc = check_graphml(&text, services.len(), ws.model.handoffs().len());
    assert!(!text.contains("<script"), "{text}");
    assert!(!text.contains("<node id=\"injected\""), "{text}");
    // Names and notes come back exactly (less what XML cannot hold at all).
    let labels: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "data" && attr(e, "key") == "n_label")
        .map(|e| e.text.as_str())
        .collect();
    for s in ws.model.services() {
        assert!(labels.contains(&s.name.get(Lang::Fi)), "{:?}", s.name);
    }
    let notes: Vec<&str> = doc
        .iter()
        .filter(|e| e.name == "data" && attr(e, "key") == "e_note")
        .map(|e| e.text.as_str())
        .collect();
    assert!(notes.contains(&ws.model.handoff(HandoffIx(0)).note.get(Lang::Fi)));
    insta::assert_snapshot!("graphml-hostile", text);
}

// ---------------------------------------------------------------------------------------------
// JSON.

#[test]
fn json_stands_alone_with_ids_findings_and_flow() {
    for dir in [SHIPPED, HOSTILE] {
        let ws = load(dir);
        let v = json::json(&ws.model, &ws.analysis);
        assert_eq!(v["format"], "polku");
        assert_eq!(v["format_version"], 1);
        let model = &v["model"];
        let services = model["services"].as_array().unwrap();
        assert_eq!(services.len(), ws.model.services().len());
        for (s, service) in services.iter().zip(ws.model.services()) {
            let actor = service.actor.map(|a| ws.model.actor(a).id.clone());
            assert_eq!(s["actor_id"], json!(actor));
            assert_eq!(s["id"], json!(service.id));
        }
        for (h, handoff) in model["handoffs"]
            .as_array()
            .unwrap()
            .iter()
            .zip(ws.model.handoffs())
        {
            let (from, to) = (
                &ws.model.service(handoff.from).id,
                &ws.model.service(handoff.to).id,
            );
            assert_eq!(h["from_id"], json!(from));
            assert_eq!(h["to_id"], json!(to));
            assert_eq!(h["id"], json!(format!("{from}->{to}")));
        }
        for (p, pathway) in model["pathways"]
            .as_array()
            .unwrap()
            .iter()
            .zip(ws.model.pathways())
        {
            let ids: Vec<&str> = pathway
                .services
                .iter()
                .map(|s| ws.model.service(*s).id.as_str())
                .collect();
            assert_eq!(p["service_ids"], json!(ids));
        }
        let findings = v["findings"].as_array().unwrap();
        assert_eq!(findings.len(), ws.analysis.findings.len());
        for (f, finding) in findings.iter().zip(&ws.analysis.findings) {
            assert_eq!(f["code"], finding.diagnostic.code.as_str());
            assert_eq!(f["name"], finding.diagnostic.code.name());
            for key in ["severity", "message", "why", "fix", "allowed"] {
                assert!(f.get(key).is_some(), "{key}");
            }
            let ids: Vec<Value> = finding
                .entities
                .iter()
                .map(|e| json!(e.id(&ws.model)))
                .collect();
            let got: Vec<Value> = f["entities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].clone())
                .collect();
            assert_eq!(got, ids);
        }
        let flow = v["flow"].as_array().unwrap();
        assert_eq!(flow.len(), ws.model.services().len());
        for (f, load) in flow.iter().zip(&ws.analysis.flow.load) {
            if load.is_finite() {
                assert_eq!(f["load_per_month"].as_f64(), Some(*load));
            } else {
                assert!(f["load_per_month"].is_null());
            }
        }
        // Plain JSON text, readable back.
        let again: Value = serde_json::from_str(&serde_json::to_string(&v).unwrap()).unwrap();
        assert_eq!(
            again["findings"].as_array().map(Vec::len),
            Some(findings.len())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Real consumers.

/// What running a consumer gave.
enum Consumer {
    /// It read the file; its stdout.
    Read(String),
    /// The tool or its package is missing (and `CI` is not set): the test passes after saying so.
    Missing,
}

/// Runs `program args…` for a consumer script. Exit code 3 (and failing to start the program)
/// mean "not installed": a failure when `CI` is set, else a printed skip.
fn consume(program: &str, args: &[&str], install: &str) -> Consumer {
    let missing = |why: String| {
        crate::support::skip(&why, install);
        Consumer::Missing
    };
    let out = match Command::new(program).args(args).output() {
        Ok(out) => out,
        Err(e) => return missing(format!("cannot run `{program}`: {e}")),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => Consumer::Read(String::from_utf8_lossy(&out.stdout).into_owned()),
        Some(3) => missing(stderr.trim().to_string()),
        code => panic!("{program} {args:?} exited with {code:?}:\n{stderr}"),
    }
}

/// A workspace and the lanes view of each of its pathways.
fn exports_of(dir: &str) -> (Workspace, Vec<(String, View)>) {
    let ws = load(dir);
    let views = ws
        .pathways()
        .into_iter()
        .map(|(p, id)| (id, ws.view(p)))
        .collect();
    (ws, views)
}

#[test]
fn bpmn_moddle_reads_every_bpmn_export_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in [SHIPPED, HOSTILE] {
        let (_, views) = exports_of(dir);
        for (id, view) in views {
            let text = bpmn::bpmn(&view, &layout::layout(&view));
            let file = tmp.path().join(format!("{id}.bpmn"));
            std::fs::write(&file, &text).unwrap();
            let summary = match consume(
                "node",
                &["tests/consumers/bpmn_check.mjs", file.to_str().unwrap()],
                "npm ci --prefix tests/consumers",
            ) {
                Consumer::Read(out) => out,
                Consumer::Missing => return,
            };
            let s: Value = serde_json::from_str(&summary).unwrap();
            // What bpmn-moddle read is what we exported.
            assert_eq!(s["participants"][0]["name"], json!(view.title), "{id}");
            assert_eq!(s["participants"][0]["process"], "Process_1");
            let lanes: Vec<&Value> = s["lanes"].as_array().unwrap().iter().collect();
            assert_eq!(lanes.len(), view.lanes.len(), "{id}");
            for (lane, l) in lanes.iter().zip(&view.lanes) {
                assert_eq!(lane["name"], json!(l.label));
            }
            let tasks = s["tasks"].as_array().unwrap();
            assert_eq!(tasks.len(), view.nodes.len(), "{id}");
            for (i, node) in view.nodes.iter().enumerate() {
                let task = tasks
                    .iter()
                    .find(|t| t["id"] == format!("Task_{i}"))
                    .unwrap();
                assert_eq!(task["name"], json!(node.label.join(" ")), "{id}");
                let lane = &lanes[node.lane];
                assert!(
                    lane["flowNodes"]
                        .as_array()
                        .unwrap()
                        .contains(&json!(format!("Task_{i}"))),
                    "Task_{i} in its lane"
                );
            }
            let entries = view.nodes.iter().filter(|n| n.entry).count();
            let exits = view.nodes.iter().filter(|n| n.exit).count();
            assert_eq!(s["startEvents"], entries, "{id}");
            assert_eq!(s["endEvents"], exits, "{id}");
            let flows = s["sequenceFlows"].as_array().unwrap();
            let associations = s["associations"].as_array().unwrap();
            let handoffs = view
                .edges
                .iter()
                .filter(|e| !e.missing_collaboration)
                .count();
            for (e, edge) in view.edges.iter().enumerate() {
                if edge.missing_collaboration {
                    continue;
                }
                let (from, to) = (format!("Task_{}", edge.from), format!("Task_{}", edge.to));
                let found = if edge.moves_client {
                    flows
                        .iter()
                        .find(|f| f["id"] == format!("Flow_{e}"))
                        .inspect(|f| {
                            // Named, or (a bundle's words drawn once on a sibling) documented.
                            let words = json!(edge.label.join(" · "));
                            let bundled = f["name"].is_null() && f["documentation"] == words;
                            assert!(f["name"] == words || bundled, "{id}: {f}");
                        })
                } else {
                    associations
                        .iter()
                        .find(|a| a["id"] == format!("Association_{e}"))
                };
                let found = found.unwrap_or_else(|| panic!("{id}: edge {e} missing"));
                assert_eq!(
                    (&found["source"], &found["target"]),
                    (&json!(from), &json!(to))
                );
            }
            assert_eq!(
                flows.len(),
                view.edges.iter().filter(|e| e.moves_client).count() + entries + exits
            );
            let shapes = 1 + view.lanes.len() + view.nodes.len() + entries + exits;
            assert_eq!(s["shapes"], shapes, "{id}");
            assert_eq!(s["edges"], handoffs + entries + exits, "{id}");
        }
    }
}

/// Text as Mermaid shows it: what `mermaid::escape` turns into spaces, as spaces, and a
/// no-break space (`600 %`) as the `&nbsp;` Mermaid's own sanitiser writes for it.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                " ".to_string()
            } else if c == '\u{a0}' {
                "&nbsp;".to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn mermaid_parses_every_export_back_to_the_same_graph() {
    // Loading Mermaid takes a second or two: one run reads every file.
    let tmp = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, View)> = Vec::new();
    for dir in [SHIPPED, HOSTILE] {
        cases.extend(exports_of(dir).1);
    }
    let files: Vec<String> = cases
        .iter()
        .map(|(id, view)| {
            let file = tmp.path().join(format!("{id}.mmd"));
            std::fs::write(&file, mermaid::mermaid(view)).unwrap();
            file.to_str().unwrap().to_string()
        })
        .collect();
    let mut args = vec!["tests/consumers/mermaid_check.mjs"];
    args.extend(files.iter().map(String::as_str));
    let summaries = match consume("node", &args, "npm ci --prefix tests/consumers") {
        Consumer::Read(out) => out,
        Consumer::Missing => return,
    };
    let summaries: Vec<Value> = serde_json::from_str(&summaries).unwrap();
    assert_eq!(summaries.len(), cases.len());
    for ((id, view), s) in cases.iter().zip(&summaries) {
        assert_eq!(s["type"], "flowchart-v2", "{id}");
        // Exactly our nodes, each with its label as the view has it.
        let vertices = s["vertices"].as_array().unwrap();
        assert_eq!(vertices.len(), view.nodes.len(), "{id}: {vertices:?}");
        for (i, node) in view.nodes.iter().enumerate() {
            let v = vertices
                .iter()
                .find(|v| v["id"] == format!("n{i}"))
                .unwrap_or_else(|| panic!("{id}: n{i} missing"));
            let mut lines: Vec<String> = node.label.iter().map(|l| shown(l)).collect();
            if !node.badges.is_empty() {
                let symbols: Vec<String> = node.badges.iter().map(|b| shown(&b.text())).collect();
                lines.push(symbols.join(" "));
            }
            assert_eq!(v["text"], json!(lines.join("<br>")), "{id}: n{i}");
            let class = match (node.faded, node.sector) {
                (true, _) => "faded",
                (false, Some(sector)) => sector.as_str(),
                (false, None) => "actor",
            };
            assert_eq!(v["classes"], json!([class]), "{id}: n{i}");
        }
        // Exactly our edges, solid when the client moves, dotted otherwise.
        let edges = s["edges"].as_array().unwrap();
        assert_eq!(edges.len(), view.edges.len(), "{id}");
        for (e, edge) in edges.iter().zip(&view.edges) {
            assert_eq!(e["start"], json!(format!("n{}", edge.from)), "{id}");
            assert_eq!(e["end"], json!(format!("n{}", edge.to)), "{id}");
            let stroke = if edge.moves_client {
                "normal"
            } else {
                "dotted"
            };
            assert_eq!(e["stroke"], stroke, "{id}");
            let label: Vec<String> = edge.label.iter().map(|l| shown(l)).collect();
            assert_eq!(e["text"], json!(label.join(" · ")), "{id}");
        }
        // One subgraph per lane that has nodes, holding exactly that lane's nodes.
        let subgraphs = s["subgraphs"].as_array().unwrap();
        let used: Vec<usize> = (0..view.lanes.len())
            .filter(|l| view.nodes.iter().any(|n| n.lane == *l))
            .collect();
        assert_eq!(subgraphs.len(), used.len(), "{id}");
        for l in used {
            let sg = subgraphs
                .iter()
                .find(|g| g["id"] == format!("lane{l}"))
                .unwrap_or_else(|| panic!("{id}: lane{l} missing"));
            assert_eq!(sg["title"], json!(shown(&view.lanes[l].label)), "{id}");
            let mut members: Vec<String> = sg["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect();
            members.sort();
            let mut want: Vec<String> = (0..view.nodes.len())
                .filter(|i| view.nodes[*i].lane == l)
                .map(|i| format!("n{i}"))
                .collect();
            want.sort();
            assert_eq!(members, want, "{id}: lane{l}");
        }
    }
}

/// What networkx must read back: the services and handoffs with their figures, computed here
/// from the model and the analysis (not from the GraphML writer).
fn graphml_expectations(ws: &Workspace, services: &[ServiceIx]) -> Value {
    let m = &ws.model;
    let finite = |v: f64| v.is_finite().then_some(v);
    let mut nodes = serde_json::Map::new();
    for &s in services {
        let service = m.service(s);
        let load = ws.analysis.flow.load[s.index()];
        let mut attrs = serde_json::Map::new();
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                attrs.insert(k.to_string(), v);
            }
        };
        put("label", Some(json!(service.name.get(Lang::Fi))));
        put("sector", Some(json!(service.sector.as_str())));
        let actor = service.actor.map(|a| m.actor(a));
        put("actor", actor.map(|a| json!(a.id)));
        put("actor_name", actor.map(|a| json!(a.name.get(Lang::Fi))));
        put("level", service.level.map(|l| json!(l.as_str())));
        put(
            "capacity_per_month",
            service.capacity.map(|c| json!(c.clients_per_month)),
        );
        put(
            "arrivals_per_month",
            finite(ws.analysis.flow.arrivals[s.index()]).map(|a| json!(a)),
        );
        put("load_per_month", finite(load).map(|l| json!(l)));
        put(
            "utilisation",
            service
                .capacity
                .and_then(|c| polku::analysis::flow::queue(load, &c))
                .and_then(|q| finite(q.utilisation))
                .map(|u| json!(u)),
        );
        put("wait_days", service.wait.map(|w| json!(w.calendar_days())));
        put("entry", Some(json!(!service.entry.is_empty())));
        put("exit", Some(json!(service.exit)));
        put(
            "unbounded",
            Some(json!(ws.analysis.flow.unbounded[s.index()])),
        );
        put("illustrative", Some(json!(service.illustrative)));
        nodes.insert(service.id.clone(), Value::Object(attrs));
    }
    let edges: Vec<Value> = m
        .handoffs()
        .iter()
        .enumerate()
        .filter(|(_, h)| services.contains(&h.from) && services.contains(&h.to))
        .map(|(i, h)| {
            let mut attrs = serde_json::Map::new();
            let mut put = |k: &str, v: Option<Value>| {
                if let Some(v) = v {
                    attrs.insert(k.to_string(), v);
                }
            };
            put("kind", Some(json!(h.kind.as_str())));
            put("label", Some(json!(h.kind.label(Lang::Fi))));
            put("moves_client", Some(json!(h.kind.moves_client())));
            put("share", h.share.map(|s| json!(s)));
            put("wait_days", h.wait.map(|w| json!(w.calendar_days())));
            put("protocol", h.protocol.map(|p| json!(p.as_str())));
            put("consent", h.consent.map(|c| json!(c)));
            put(
                "note",
                (!h.note.is_empty()).then(|| json!(h.note.get(Lang::Fi))),
            );
            put("illustrative", Some(json!(h.illustrative)));
            json!({
                "id": format!("e{i}"),
                "source": m.service(h.from).id,
                "target": m.service(h.to).id,
                "attrs": attrs,
            })
        })
        .collect();
    let types = |keys: &[(&str, graphml::AttrType)]| -> Value {
        keys.iter()
            .map(|(k, t)| (k.to_string(), json!(t.as_str())))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    json!({
        "node_types": types(graphml::NODE_KEYS),
        "edge_types": types(graphml::EDGE_KEYS),
        "nodes": nodes,
        "edges": edges,
    })
}

#[test]
fn networkx_reads_back_every_graphml_export() {
    let tmp = tempfile::tempdir().unwrap();
    for dir in [SHIPPED, HOSTILE] {
        let ws = load(dir);
        let mut cases: Vec<(String, Vec<ServiceIx>)> = ws
            .pathways()
            .into_iter()
            .map(|(p, id)| (id, pathway_services(&ws.model, p)))
            .collect();
        let all: Vec<ServiceIx> = ws.model.services().indices().collect();
        cases.push((format!("{}-workspace", dir.replace('/', "-")), all));
        for (id, services) in cases {
            let text = graphml::graphml(&ws.model, &ws.analysis, &services, Lang::Fi);
            let file = tmp.path().join(format!("{id}.graphml"));
            let expected = tmp.path().join(format!("{id}.json"));
            std::fs::write(&file, &text).unwrap();
            let want = graphml_expectations(&ws, &services);
            std::fs::write(&expected, serde_json::to_string_pretty(&want).unwrap()).unwrap();
            let out = match consume(
                "python3",
                &[
                    "tests/consumers/graphml_check.py",
                    file.to_str().unwrap(),
                    expected.to_str().unwrap(),
                ],
                "pip install networkx",
            ) {
                Consumer::Read(out) => out,
                Consumer::Missing => return,
            };
            let counts: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(counts["nodes"], services.len(), "{id}");
            assert_eq!(
                counts["edges"],
                handoffs_within(&ws.model, &services),
                "{id}"
            );
        }
    }
}

/// bpmn-js, the viewer BPMN users open our files in, draws every shipped pathway as a reader
/// accepts it: no import warning, one start event per entry and end events
/// only at exits, no two flow nodes on one another, no label struck through by a flow or lying
/// on a task, every lane and pool title within its header, and the tasks in their sector
/// colours. The screenshots are kept under the target directory's `bpmn-js/` for looking at.
#[test]
fn bpmn_js_draws_every_shipped_pathway_with_clear_labels_and_fitting_titles() {
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bpmn-js");
    std::fs::create_dir_all(&shots).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut views = Vec::new();
    for (id, view) in exports_of(SHIPPED).1 {
        let file = tmp.path().join(format!("{id}.bpmn"));
        std::fs::write(&file, bpmn::bpmn(&view, &layout::layout(&view))).unwrap();
        files.push(file.to_str().unwrap().to_string());
        views.push((id, view));
    }
    let mut args = vec!["tests/consumers/bpmn_js_check.mjs", shots.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    let report = match consume(
        "node",
        &args,
        "npm ci --prefix tests/consumers; apt-get install chromium",
    ) {
        Consumer::Read(out) => out,
        Consumer::Missing => return,
    };
    let report: Vec<Value> = serde_json::from_str(&report).unwrap();
    assert_eq!(report.len(), views.len());
    for (r, (id, view)) in report.iter().zip(&views) {
        let list = |key: &str| r[key].as_array().unwrap().clone();
        assert!(list("warnings").is_empty(), "{id}: {:?}", r["warnings"]);
        let entries = view.nodes.iter().filter(|n| n.entry).count();
        let exits = view.nodes.iter().filter(|n| n.exit).count();
        assert_eq!(r["starts"], json!(entries), "{id}");
        assert_eq!(r["ends"], json!(exits), "{id}");
        assert_eq!(
            r["nodes"],
            json!(view.nodes.len() + entries + exits),
            "{id}"
        );
        assert!(
            list("overlapping").is_empty(),
            "{id}: {:?}",
            r["overlapping"]
        );
        assert!(list("struck").is_empty(), "{id}: {:?}", r["struck"]);
        assert!(list("onNodes").is_empty(), "{id}: {:?}", r["onNodes"]);
        let titles = list("titles");
        assert_eq!(titles.len(), 1 + view.lanes.len(), "{id}: pool and lanes");
        for t in &titles {
            assert_eq!(t["fits"], json!(true), "{id}: {t}");
        }
        let coloured = view.nodes.iter().filter(|n| n.sector.is_some()).count();
        assert_eq!(list("coloured").len(), coloured, "{id}");
        let shot = std::fs::metadata(r["shot"].as_str().unwrap()).unwrap();
        assert!(shot.len() > 10_000, "{id}: a picture was taken");
    }
}
