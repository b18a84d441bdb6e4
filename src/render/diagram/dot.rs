//! View → Graphviz DOT, built on graphviz-rust's syntax tree.
//!
//! A key design decision made in this module is that user text reaches DOT only through
//! [`quoted`]: it becomes a double-quoted DOT string with backslashes, quotes and line breaks
//! escaped, so no label can close its string, start an attribute or use a Graphviz escape
//! sequence (`\N`, `\G`, `\l`). Attribute *names* are always literals of this file, and no
//! attribute that reads files (`image`, `shapefile`, `imagepath`, `fontpath`, a font path) is ever
//! emitted: the model has no way to ask for one.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::legend::{self, LegendSymbol};
use super::palette::{BOUNDARY_COLOR, LOOP_COLOR, dark_fill, heat_color, sector_color};
use super::view::{View, ViewEdge, ViewNode};

/// Escapes text for the inside of a double-quoted DOT string: `\` and `"` are escaped, line
/// breaks become `\n` (centred lines), other control characters are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// User text as a DOT id: always a quoted, escaped string.
pub fn quoted(text: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(text)))
}

/// An attribute whose name is a literal of this module and whose value is quoted text.
fn attr(name: &'static str, value: &str) -> Attribute {
    Attribute(Id::Plain(name.to_string()), quoted(value))
}

fn node_id(i: usize) -> NodeId {
    NodeId(Id::Plain(format!("n{i}")), None)
}

fn label_lines(lines: &[String]) -> String {
    lines.join("\n")
}

fn node(i: usize, n: &ViewNode) -> Stmt {
    let mut label = label_lines(&n.label);
    if !n.badges.is_empty() {
        let symbols: Vec<String> = n.badges.iter().map(|b| b.text()).collect();
        label = format!("{label}\n{}", symbols.join(" "));
    }
    let (fill, font) = match n.sector {
        Some(s) => (
            sector_color(s),
            if dark_fill(s) { "#FFFFFF" } else { "#000000" },
        ),
        None => ("#DDDDDD", "#000000"),
    };
    let mut attrs = vec![
        attr("label", &label),
        attr("tooltip", &n.tooltip),
        attr("fillcolor", fill),
        attr("fontcolor", font),
        attr("color", heat_color(n.utilisation)),
        attr(
            "penwidth",
            if n.utilisation
                .is_some_and(|u| u > crate::analysis::bottlenecks::HIGH_UTILISATION)
            {
                "3"
            } else if n.on_route {
                "2.5"
            } else {
                "1"
            },
        ),
    ];
    let mut style = vec!["rounded", "filled"];
    if n.entry || n.exit {
        style.push("bold");
    }
    if n.faded {
        attrs.push(attr("fillcolor", "#F2F2F2"));
        attrs.push(attr("fontcolor", "#999999"));
        attrs.push(attr("color", "#CCCCCC"));
    }
    attrs.push(attr("style", &style.join(",")));
    if n.entry {
        attrs.push(attr("peripheries", "2"));
    }
    Stmt::Node(Node::new(node_id(i), attrs))
}

fn edge(e: &ViewEdge) -> Stmt {
    let mut attrs = vec![attr("label", &label_lines(&e.label))];
    let mut color = "#444444";
    if e.in_loop {
        color = LOOP_COLOR;
    }
    if e.boundary_without_protocol {
        color = BOUNDARY_COLOR;
        attrs.push(attr("arrowtail", "tee"));
        attrs.push(attr("dir", "both"));
    }
    if e.faded {
        color = "#CCCCCC";
        attrs.push(attr("fontcolor", "#AAAAAA"));
    }
    if e.missing_collaboration {
        // Not a handoff: no head, no say in the ranks, dotted in the problem colour.
        color = LOOP_COLOR;
        attrs.push(attr("dir", "none"));
        attrs.push(attr("constraint", "false"));
        attrs.push(attr("style", "dotted"));
        attrs.push(attr("fontcolor", LOOP_COLOR));
    } else if !e.moves_client {
        attrs.push(attr("style", "dashed"));
    }
    attrs.push(attr("color", color));
    let width = if e.on_route || e.missing_collaboration {
        2.5
    } else if e.count > 1 {
        1.0 + (e.count as f64).ln()
    } else {
        1.0
    };
    attrs.push(attr("penwidth", &format!("{width:.1}")));
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(e.from)), Vertex::N(node_id(e.to))),
        attributes: attrs,
    })
}

/// How DOT draws one legend entry: a sample node, or a sample edge between two points.
enum Sample {
    /// A node with these attributes besides its label.
    Node(Vec<Attribute>),
    /// An edge with this style, colour and further attributes.
    Edge(&'static str, &'static str, Vec<Attribute>),
}

/// The sample of a legend symbol, drawn the way [`node`] and [`edge`] draw what it explains.
fn sample(symbol: LegendSymbol) -> Sample {
    use LegendSymbol as S;
    let white = || attr("fillcolor", "#FFFFFF");
    match symbol {
        S::Sector(s) => Sample::Node(vec![
            attr("fillcolor", sector_color(s)),
            attr(
                "fontcolor",
                if dark_fill(s) { "#FFFFFF" } else { "#000000" },
            ),
        ]),
        S::Mark(_) | S::Aggregated => Sample::Node(vec![white()]),
        S::Entry => Sample::Node(vec![
            white(),
            attr("style", "rounded,filled,bold"),
            attr("peripheries", "2"),
        ]),
        S::Exit => Sample::Node(vec![white(), attr("style", "rounded,filled,bold")]),
        S::OnRoute => Sample::Node(vec![white(), attr("penwidth", "2.5")]),
        S::HighUtilisation => Sample::Node(vec![
            white(),
            attr("color", heat_color(Some(0.9))),
            attr("penwidth", "3"),
        ]),
        S::OverCapacity => Sample::Node(vec![
            white(),
            attr("color", heat_color(Some(1.1))),
            attr("penwidth", "3"),
        ]),
        S::ClientMoves => Sample::Edge("solid", "#444444", Vec::new()),
        S::NoClientMove => Sample::Edge("dashed", "#444444", Vec::new()),
        S::Loop => Sample::Edge("solid", LOOP_COLOR, Vec::new()),
        S::Boundary => Sample::Edge(
            "solid",
            BOUNDARY_COLOR,
            vec![attr("arrowtail", "tee"), attr("dir", "both")],
        ),
        S::MissingCollaboration => Sample::Edge(
            "dotted",
            LOOP_COLOR,
            vec![attr("dir", "none"), attr("penwidth", "2.5")],
        ),
    }
}

/// The view's legend as a cluster: the entries and words of [`legend::legend`], the same the
/// SVG draws, with node samples in a row and edge samples below.
fn legend(view: &View, first_id: usize) -> Subgraph {
    let worded = legend::legend(view);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &worded.title),
            attr("style", "rounded"),
            attr("color", "#999999"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("style", "rounded,filled"),
        ])),
    ];
    let mut next = first_id;
    let mut push = |attrs: Vec<Attribute>, stmts: &mut Vec<Stmt>| -> usize {
        stmts.push(Stmt::Node(Node::new(node_id(next), attrs)));
        next += 1;
        next - 1
    };
    // Node samples chained by invisible edges, so they run in a row rather than a tall column.
    let mut entries = Vec::new();
    let mut edges = Vec::new();
    for entry in &worded.entries {
        let text = match entry.symbol {
            LegendSymbol::Mark(m) => format!("{}  {}", m.symbol(), entry.text),
            _ => entry.text.clone(),
        };
        match sample(entry.symbol) {
            Sample::Node(attrs) => {
                let mut all = vec![attr("label", &text)];
                all.extend(attrs);
                entries.push(push(all, &mut stmts));
            }
            Sample::Edge(style, color, attrs) => edges.push((text, style, color, attrs)),
        }
    }
    for pair in entries.windows(2) {
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(pair[0])), Vertex::N(node_id(pair[1]))),
            attributes: vec![attr("style", "invis")],
        }));
    }
    // Edge samples: an edge between two small points each.
    for (text, style, color, extra) in edges {
        let mut point = || {
            push(
                vec![
                    attr("label", ""),
                    attr("shape", "point"),
                    attr("width", "0.05"),
                ],
                &mut stmts,
            )
        };
        let a = point();
        let b = point();
        let mut attributes = vec![
            attr("label", &text),
            attr("style", style),
            attr("color", color),
        ];
        attributes.extend(extra);
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(a)), Vertex::N(node_id(b))),
            attributes,
        }));
    }
    Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts,
    }
}

/// The DOT syntax tree of a view: one cluster per lane, flowing left to right.
pub fn graph(view: &View) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("label", &view.title),
            attr("labelloc", "t"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "18"),
            attr("newrank", "true"),
            attr("nodesep", "0.3"),
            attr("ranksep", "0.6"),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", "box"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "9"),
        ])),
    ];
    for (l, lane) in view.lanes.iter().enumerate() {
        let mut lane_stmts = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", &lane.label),
            attr("style", "filled"),
            attr("fillcolor", if l % 2 == 0 { "#F7F7F7" } else { "#EDEDED" }),
            attr("color", "#BBBBBB"),
            attr("labeljust", "l"),
        ]))];
        for (i, n) in view.nodes.iter().enumerate().filter(|(_, n)| n.lane == l) {
            lane_stmts.push(node(i, n));
        }
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_lane_{l}")),
            stmts: lane_stmts,
        }));
    }
    for e in &view.edges {
        stmts.push(edge(e));
    }
    if !view.aggregated {
        stmts.push(Stmt::Subgraph(legend(view, view.nodes.len())));
    }
    Graph::DiGraph {
        id: Id::Plain("polku".into()),
        strict: false,
        stmts,
    }
}

/// The view as DOT text.
pub fn dot(view: &View) -> String {
    graph(view).print(&mut PrinterContext::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Sector;
    use crate::render::diagram::view::Mark;

    #[test]
    fn escaping_keeps_user_text_inside_its_string() {
        assert_eq!(escape(r#"a "b" \N c"#), r#"a \"b\" \\N c"#);
        assert_eq!(escape("rivi\nrivi"), "rivi\\nrivi");
        assert_eq!(escape("x\u{7}y"), "xy");
        let Id::Escaped(s) = quoted("\"; image=\"/etc/passwd") else {
            panic!()
        };
        assert_eq!(s, "\"\\\"; image=\\\"/etc/passwd\"");
    }

    #[test]
    fn marks_are_listed_in_the_label() {
        let n = ViewNode {
            key: "a".into(),
            label: vec!["A".into()],
            lane: 0,
            sector: Some(Sector::Substance),
            entry: false,
            exit: false,
            faded: false,
            on_route: false,
            badges: vec![Mark::DeadEnd.into()],
            utilisation: Some(1.2),
            tooltip: String::new(),
            service: None,
            count: 1,
            drill: None,
        };
        let text = node(0, &n).print(&mut PrinterContext::default());
        assert!(text.contains("label=\"A\\n⊣\""), "{text}");
        assert!(text.contains("color=\"#B2182B\""), "{text}");
    }
}
