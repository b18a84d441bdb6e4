//! GraphML export with typed attributes, for network tools: Gephi, yEd, Kumu, Cytoscape, networkx.
//!
//! Nodes are services, edges handoffs, each with typed `<key>`s (strings, doubles, booleans) so
//! a tool can size nodes by capacity, colour them by sector or utilisation and weight edges by
//! share without parsing labels. Every figure is the model's or the analysis's own number: waits
//! in calendar days, loads and capacities per month. A figure that is unknown (or infinite, as
//! the load in a closed loop) is left out of the node rather than written as a guess.
//!
//! **Architecture Invariant:** the document is written with quick-xml's writer, which escapes
//! every attribute value and text; names and notes are user text and appear only there. Node ids
//! are the services' kebab-case ids (checked again here; a service whose id is not kebab-case
//! gets `_s<index>`), edge ids are made here (`e0`, `e1`…).

use std::collections::BTreeSet;
use std::io;

use crate::render::xml::text as xml_text;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::analysis::{Analysis, flow};
use crate::model::{Lang, Model, ServiceIx};

/// The GraphML namespace.
pub const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// The type of a GraphML attribute (`attr.type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrType {
    /// `string`
    String,
    /// `double`
    Double,
    /// `boolean`
    Boolean,
}

impl AttrType {
    /// The word GraphML uses.
    pub fn as_str(self) -> &'static str {
        match self {
            AttrType::String => "string",
            AttrType::Double => "double",
            AttrType::Boolean => "boolean",
        }
    }
}

/// The node attributes written, in order: name and type.
pub const NODE_KEYS: &[(&str, AttrType)] = &[
    ("label", AttrType::String),
    ("sector", AttrType::String),
    ("actor", AttrType::String),
    ("actor_name", AttrType::String),
    ("level", AttrType::String),
    ("capacity_per_month", AttrType::Double),
    ("arrivals_per_month", AttrType::Double),
    ("load_per_month", AttrType::Double),
    ("utilisation", AttrType::Double),
    ("wait_days", AttrType::Double),
    ("entry", AttrType::Boolean),
    ("exit", AttrType::Boolean),
    ("unbounded", AttrType::Boolean),
    ("illustrative", AttrType::Boolean),
];

/// The edge attributes written, in order: name and type.
pub const EDGE_KEYS: &[(&str, AttrType)] = &[
    ("kind", AttrType::String),
    ("label", AttrType::String),
    ("moves_client", AttrType::Boolean),
    ("share", AttrType::Double),
    ("wait_days", AttrType::Double),
    ("protocol", AttrType::String),
    ("consent", AttrType::Boolean),
    ("note", AttrType::String),
    ("illustrative", AttrType::Boolean),
];

/// One attribute value.
#[derive(Clone, Debug, PartialEq)]
pub enum Data {
    /// A string.
    Text(String),
    /// A finite number.
    Number(f64),
    /// A boolean.
    Flag(bool),
}

/// Attributes of a node or edge: name (one of [`NODE_KEYS`] or [`EDGE_KEYS`]) and value; only
/// those known are present.
pub type Attrs = Vec<(&'static str, Data)>;

/// A node of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The node id.
    pub id: String,
    /// Its attributes.
    pub attrs: Attrs,
}

/// An edge of the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// The edge id.
    pub id: String,
    /// The source node's id.
    pub source: String,
    /// The target node's id.
    pub target: String,
    /// Its attributes.
    pub attrs: Attrs,
}

/// The graph polku writes. The GraphML text is written from this, and the tests compare what a
/// consumer reads back with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    /// Nodes, in the order given.
    pub nodes: Vec<Node>,
    /// Edges, in model order.
    pub edges: Vec<Edge>,
}

/// The services' node ids: their own ids when kebab-case (always, for a loaded model).
fn node_id(model: &Model, s: ServiceIx) -> String {
    let id = &model.service(s).id;
    let kebab = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if kebab {
        id.clone()
    } else {
        format!("_s{}", s.0)
    }
}

/// The graph of `services` (duplicates ignored) and the handoffs between them, with labels in
/// `lang`.
pub fn graph(model: &Model, analysis: &Analysis, services: &[ServiceIx], lang: Lang) -> Graph {
    let mut seen = BTreeSet::new();
    let services: Vec<ServiceIx> = services
        .iter()
        .copied()
        .filter(|s| s.index() < model.services().len() && seen.insert(*s))
        .collect();
    let number = |v: f64| v.is_finite().then_some(Data::Number(v));
    let nodes = services
        .iter()
        .map(|&s| {
            let service = model.service(s);
            let load = analysis
                .flow
                .load
                .get(s.index())
                .copied()
                .unwrap_or(f64::NAN);
            let arrivals = analysis
                .flow
                .arrivals
                .get(s.index())
                .copied()
                .unwrap_or(f64::NAN);
            let unbounded = analysis
                .flow
                .unbounded
                .get(s.index())
                .copied()
                .unwrap_or(false);
            let queue = service.capacity.and_then(|c| flow::queue(load, &c));
            let actor = service.actor.map(|a| model.actor(a));
            let attrs: Vec<(&'static str, Option<Data>)> = vec![
                (
                    "label",
                    Some(Data::Text(service.name.get(lang).to_string())),
                ),
                (
                    "sector",
                    Some(Data::Text(service.sector.as_str().to_string())),
                ),
                ("actor", actor.map(|a| Data::Text(a.id.clone()))),
                (
                    "actor_name",
                    actor.map(|a| Data::Text(a.name.get(lang).to_string())),
                ),
                (
                    "level",
                    service.level.map(|l| Data::Text(l.as_str().to_string())),
                ),
                (
                    "capacity_per_month",
                    service.capacity.and_then(|c| number(c.clients_per_month)),
                ),
                ("arrivals_per_month", number(arrivals)),
                ("load_per_month", number(load)),
                ("utilisation", queue.and_then(|q| number(q.utilisation))),
                (
                    "wait_days",
                    service.wait.and_then(|w| number(w.calendar_days())),
                ),
                ("entry", Some(Data::Flag(!service.entry.is_empty()))),
                ("exit", Some(Data::Flag(service.exit))),
                ("unbounded", Some(Data::Flag(unbounded))),
                ("illustrative", Some(Data::Flag(service.illustrative))),
            ];
            Node {
                id: node_id(model, s),
                attrs: known(attrs),
            }
        })
        .collect();
    let edges = model
        .handoffs()
        .iter()
        .enumerate()
        .filter(|(_, h)| seen.contains(&h.from) && seen.contains(&h.to))
        .map(|(i, h)| {
            let attrs: Vec<(&'static str, Option<Data>)> = vec![
                ("kind", Some(Data::Text(h.kind.as_str().to_string()))),
                ("label", Some(Data::Text(h.kind.label(lang).to_string()))),
                ("moves_client", Some(Data::Flag(h.kind.moves_client()))),
                ("share", h.share.and_then(number)),
                ("wait_days", h.wait.and_then(|w| number(w.calendar_days()))),
                (
                    "protocol",
                    h.protocol.map(|p| Data::Text(p.as_str().to_string())),
                ),
                ("consent", h.consent.map(Data::Flag)),
                (
                    "note",
                    (!h.note.is_empty()).then(|| Data::Text(h.note.get(lang).to_string())),
                ),
                ("illustrative", Some(Data::Flag(h.illustrative))),
            ];
            Edge {
                id: format!("e{i}"),
                source: node_id(model, h.from),
                target: node_id(model, h.to),
                attrs: known(attrs),
            }
        })
        .collect();
    Graph { nodes, edges }
}

fn known(attrs: Vec<(&'static str, Option<Data>)>) -> Attrs {
    attrs
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Writes the services (a pathway's, or all of the workspace's) and the handoffs between them as
/// GraphML, labels in `lang`.
pub fn graphml(model: &Model, analysis: &Analysis, services: &[ServiceIx], lang: Lang) -> String {
    write(&graph(model, analysis, services, lang))
}

/// Writes a [`Graph`] as GraphML.
pub fn write(graph: &Graph) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail; `let _` keeps the function total without unwrap.
    let _ = write_graph(&mut w, graph);
    let mut text = String::from_utf8(w.into_inner()).unwrap_or_default();
    text.push('\n');
    text
}

fn start<'a>(name: &'a str, attrs: &[(&str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        start.push_attribute((*key, xml_text(value).as_ref()));
    }
    start
}

fn write_graph(w: &mut Writer<Vec<u8>>, graph: &Graph) -> io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "graphml",
        &[
            ("xmlns", GRAPHML_NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )))?;
    for (target, keys, prefix) in [("node", NODE_KEYS, "n_"), ("edge", EDGE_KEYS, "e_")] {
        for (name, ty) in keys {
            let id = format!("{prefix}{name}");
            w.write_event(Event::Empty(start(
                "key",
                &[
                    ("id", &id),
                    ("for", target),
                    ("attr.name", name),
                    ("attr.type", ty.as_str()),
                ],
            )))?;
        }
    }
    w.write_event(Event::Start(start(
        "graph",
        &[("id", "G"), ("edgedefault", "directed")],
    )))?;
    for node in &graph.nodes {
        w.write_event(Event::Start(start("node", &[("id", &node.id)])))?;
        write_data(w, "n_", &node.attrs)?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for edge in &graph.edges {
        w.write_event(Event::Start(start(
            "edge",
            &[
                ("id", &edge.id),
                ("source", &edge.source),
                ("target", &edge.target),
            ],
        )))?;
        write_data(w, "e_", &edge.attrs)?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))
}

fn write_data(w: &mut Writer<Vec<u8>>, prefix: &str, attrs: &[(&str, Data)]) -> io::Result<()> {
    for (name, value) in attrs {
        let text = match value {
            Data::Text(t) => xml_text(t).into_owned(),
            Data::Number(n) => n.to_string(),
            Data::Flag(b) => b.to_string(),
        };
        let key = format!("{prefix}{name}");
        w.create_element("data")
            .with_attribute(("key", key.as_str()))
            .write_text_content(BytesText::new(&text))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_typed_keys_and_escaped_data() {
        let g = Graph {
            nodes: vec![
                Node {
                    id: "a".into(),
                    attrs: vec![
                        ("label", Data::Text("<b>&\"x\"".into())),
                        ("entry", Data::Flag(true)),
                    ],
                },
                Node {
                    id: "b".into(),
                    attrs: vec![("capacity_per_month", Data::Number(12.5))],
                },
            ],
            edges: vec![Edge {
                id: "e0".into(),
                source: "a".into(),
                target: "b".into(),
                attrs: vec![("share", Data::Number(0.25))],
            }],
        };
        let text = write(&g);
        assert!(text.contains(r#"<key id="n_capacity_per_month" for="node" attr.name="capacity_per_month" attr.type="double"/>"#), "{text}");
        assert!(
            text.contains("<data key=\"n_label\">&lt;b&gt;&amp;&quot;x&quot;</data>"),
            "{text}"
        );
        assert!(text.contains("<data key=\"n_entry\">true</data>"), "{text}");
        assert!(
            text.contains("<edge id=\"e0\" source=\"a\" target=\"b\">"),
            "{text}"
        );
        assert!(text.contains("<data key=\"e_share\">0.25</data>"), "{text}");
    }
}
