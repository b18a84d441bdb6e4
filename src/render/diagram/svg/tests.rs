//! The SVG writer's promises: valid XML, user text kept as text, every shipped view drawn.

use std::collections::BTreeSet;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::*;
use crate::model::Sector;
use crate::render::diagram::layout::layout;
use crate::render::diagram::view::{self, Lane, LaneBy, Mark, ViewKind, ViewOptions};

/// What a parsed document holds: element names, attribute names, attribute values, text.
#[derive(Default)]
struct Parsed {
    elements: BTreeSet<String>,
    attributes: BTreeSet<String>,
    values: Vec<String>,
    text: String,
    titles: usize,
}

/// Parses the document as XML, failing on anything a conforming reader rejects.
fn parse(doc: &str) -> Parsed {
    let mut reader = Reader::from_str(doc);
    let mut out = Parsed::default();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not XML: {e}"));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if matches!(event, Event::Start(_)) {
                    depth += 1;
                }
                let name = e.name().as_ref().to_string();
                if name == "title" {
                    out.titles += 1;
                }
                out.elements.insert(name);
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    out.attributes.insert(a.key.as_ref().to_string());
                    out.values.push(
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .expect("escaped value")
                            .into_owned(),
                    );
                }
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) => out.text.push_str(&t),
            Event::GeneralRef(r) => {
                let name: &str = &r;
                let c = match name {
                    "lt" => '<',
                    "gt" => '>',
                    "amp" => '&',
                    "quot" => '"',
                    "apos" => '\'',
                    _ => r
                        .resolve_char_ref()
                        .ok()
                        .flatten()
                        .expect("a known reference"),
                };
                out.text.push(c);
            }
            Event::Eof => break,
            Event::CData(_)
            | Event::PI(_)
            | Event::DocType(_)
            | Event::Decl(_)
            | Event::Comment(_) => {
                panic!("unexpected {event:?}")
            }
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    out
}

fn assert_safe(p: &Parsed) {
    let allowed_elements: BTreeSet<String> = ELEMENTS.iter().map(|s| s.to_string()).collect();
    let allowed_attributes: BTreeSet<String> = ATTRIBUTES.iter().map(|s| s.to_string()).collect();
    assert!(
        p.elements.is_subset(&allowed_elements),
        "elements {:?}",
        p.elements
    );
    assert!(
        p.attributes.is_subset(&allowed_attributes),
        "attributes {:?}",
        p.attributes
    );
    assert!(!p.elements.contains("script") && !p.elements.contains("foreignObject"));
    assert!(
        p.attributes
            .iter()
            .all(|a| !a.starts_with("on") && !a.contains("href") && a != "style")
    );
    // The only references are to the markers defined in the document.
    for v in &p.values {
        if v.contains("url(") {
            assert!(
                [
                    "url(#arrow)",
                    "url(#arrow-route)",
                    "url(#arrow-loop)",
                    "url(#arrow-boundary)",
                    "url(#boundary)",
                    "url(#stripes-dark)",
                    "url(#stripes-light)",
                    "url(#dots-dark)",
                    "url(#dots-light)"
                ]
                .contains(&v.as_str()),
                "reference {v}"
            );
        }
    }
}

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"onload=\"x",
    "' onmouseover='y",
    "]]>",
    "&amp; &lt;",
    "line\nbreak\r\tand\u{0}\u{1b}control",
    "{} digraph G { node [shape=box image=\"/etc/passwd\"] } -> subgraph",
    "<svg onload=alert(2)><a href=\"javascript:x\">",
    "<!-- comment --> <?pi?> <![CDATA[x]]>",
];

fn hostile_view() -> View {
    let text = |k: usize| HOSTILE[k % HOSTILE.len()].to_string();
    let node = |k: usize, lane: usize| view::ViewNode {
        key: text(k),
        label: vec![text(k), text(k + 1)],
        lane,
        sector: Some(Sector::ALL[k % Sector::ALL.len()]),
        entry: k == 0,
        exit: k == 3,
        faded: k == 2,
        on_route: k == 1,
        badges: vec![
            Mark::UnmetNeed.into(),
            Badge::Mark {
                mark: Mark::LanguageGap,
                figure: Some("sv → fi".into()),
            },
            Badge::Load {
                figure: "600 %".into(),
                over: true,
            },
        ],
        utilisation: Some(k as f64 * 0.4),
        tooltip: text(k + 2),
        service: None,
        count: 1,
        drill: None,
    };
    let edge = |from: usize, to: usize, k: usize| view::ViewEdge {
        from,
        to,
        kind: None,
        label: vec![text(k), text(k + 4)],
        moves_client: k % 2 == 0,
        in_loop: k == 1,
        boundary_without_protocol: k == 2,
        missing_collaboration: false,
        faded: k == 3,
        on_route: k == 4,
        handoff: None,
        count: 1,
    };
    View {
        title: HOSTILE.join(" "),
        lang: Lang::Sv,
        lanes: (0..2)
            .map(|l| Lane {
                key: text(l),
                label: text(l + 5),
                group: String::new(),
            })
            .collect(),
        nodes: (0..4).map(|k| node(k, k % 2)).collect(),
        edges: vec![
            edge(0, 1, 0),
            edge(1, 2, 1),
            edge(2, 3, 2),
            edge(3, 0, 3),
            edge(0, 3, 4),
            edge(1, 0, 5),
        ],
        aggregated: false,
        sectors: Sector::ALL.to_vec(),
        marks: Mark::ALL.to_vec(),
    }
}

#[test]
fn hostile_labels_stay_text() {
    let v = hostile_view();
    let doc = svg(&v, &layout(&v));
    let parsed = parse(&doc);
    assert_safe(&parsed);
    // The user's words are there, as text, minus what XML cannot carry.
    assert!(parsed.text.contains("<script>alert(1)</script>"));
    assert!(
        parsed
            .text
            .contains("<svg onload=alert(2)><a href=\"javascript:x\">")
    );
    assert!(parsed.text.contains("]]>"));
    assert!(parsed.text.contains("&amp; &lt;"));
    assert!(
        parsed.text.contains("and  control"),
        "what XML cannot hold becomes a space"
    );
    assert!(!doc.contains('\u{0}') && !doc.contains('\u{1b}'));
    // A title for the document, each lane, node, edge and badge.
    assert!(parsed.titles >= 1 + v.lanes.len() + v.nodes.len() + v.edges.len());
}

#[test]
fn an_empty_view_is_a_valid_document() {
    let v = View {
        title: String::new(),
        lang: Lang::En,
        lanes: Vec::new(),
        nodes: Vec::new(),
        edges: Vec::new(),
        aggregated: false,
        sectors: Vec::new(),
        marks: Vec::new(),
    };
    let doc = svg(&v, &layout(&v));
    let parsed = parse(&doc);
    assert_safe(&parsed);
    assert!(doc.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
}

#[test]
fn every_shipped_view_renders_a_valid_svg() {
    let loaded = crate::workspace::load_dir(Path::new("pathways")).expect("loads");
    let model = &loaded.model;
    let analysis = crate::analysis::analyze(model);
    let mut options = Vec::new();
    for p in model.pathways().indices() {
        let pathway = Some(p);
        for lanes in [LaneBy::Actor, LaneBy::Sector] {
            for lang in Lang::ALL {
                options.push(ViewOptions {
                    pathway,
                    lanes,
                    lang,
                    ..Default::default()
                });
            }
        }
        for k in model.profiles().indices() {
            let profile = Some(k);
            options.push(ViewOptions {
                kind: ViewKind::Route,
                pathway,
                profile,
                ..Default::default()
            });
        }
    }
    options.push(ViewOptions {
        kind: ViewKind::Ecosystem,
        ..Default::default()
    });
    options.push(ViewOptions {
        kind: ViewKind::Ecosystem,
        aggregate_above: 0,
        ..Default::default()
    });
    let mut rendered = 0;
    for o in &options {
        let Ok(v) = view::build(model, &analysis, o) else {
            continue;
        };
        let l = layout(&v);
        let doc = svg(&v, &l);
        let parsed = parse(&doc);
        assert_safe(&parsed);
        let drawn = l.edges.iter().filter(|e| e.points.len() >= 2).count();
        assert!(
            parsed.titles > v.nodes.len() + drawn,
            "{}: a title per node and edge",
            v.title
        );
        assert!(parsed.text.contains(&v.title));
        rendered += 1;
    }
    assert!(rendered >= options.len() / 2);
}
