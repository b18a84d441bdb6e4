//! Every DOT view of every shipped pathway is accepted by the real Graphviz `dot`, and the DOT of
//! the shipped pathways is snapshot-tested.

use std::path::Path;

use polku::analysis::analyze;
use polku::model::Lang;
use polku::render::diagram::view::{self, LaneBy, ViewKind, ViewOptions};
use polku::render::diagram::{dot, graphviz};
use polku::workspace::load_dir;

/// Every view the CLI can draw of the shipped workspace: per pathway lanes by actor and by sector,
/// each profile's route; and the ecosystem.
fn all_views() -> Vec<(String, view::View)> {
    let loaded = load_dir(Path::new("pathways")).unwrap();
    let m = &loaded.model;
    let a = analyze(m);
    let mut views = Vec::new();
    for (p, pathway) in m.pathways().iter_enumerated() {
        let base = ViewOptions {
            pathway: Some(p),
            ..ViewOptions::default()
        };
        for (name, lanes) in [("actor", LaneBy::Actor), ("sector", LaneBy::Sector)] {
            let v = view::build(m, &a, &ViewOptions { lanes, ..base }).unwrap();
            views.push((format!("{}-lanes-{name}", pathway.id), v));
        }
        for pr in &pathway.profiles {
            let opts = ViewOptions {
                kind: ViewKind::Route,
                profile: Some(*pr),
                lang: Lang::Sv,
                ..base
            };
            let v = view::build(m, &a, &opts).unwrap();
            views.push((format!("{}-route-{}", pathway.id, m.profile(*pr).id), v));
        }
    }
    let eco = view::build(
        m,
        &a,
        &ViewOptions {
            kind: ViewKind::Ecosystem,
            lang: Lang::En,
            ..ViewOptions::default()
        },
    )
    .unwrap();
    views.push(("ecosystem".into(), eco));
    views
}

#[test]
fn graphviz_parses_every_view() {
    if !graphviz::available() {
        crate::support::skip(
            "Graphviz `dot` is not installed, so DOT is not checked with the real dot",
            "apt-get install graphviz",
        );
        return;
    }
    for (name, v) in all_views() {
        let svg = graphviz::run(
            &dot::dot(&v),
            graphviz::Format::Svg,
            graphviz::Limits::default(),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Graphviz writes hyphens as character references.
        let svg = String::from_utf8(svg).unwrap().replace("&#45;", "-");
        assert!(svg.contains("<svg"), "{name}");
        for node in &v.nodes {
            let first = node.label[0]
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(svg.contains(&first), "{name}: label {first:?} missing");
        }
    }
}

#[test]
fn dot_of_the_shipped_pathways() {
    for (name, v) in all_views()
        .into_iter()
        .filter(|(n, _)| n.ends_with("-lanes-actor"))
    {
        insta::assert_snapshot!(format!("dot-{name}"), dot::dot(&v));
    }
}

/// Element and attribute names in an SVG (or any XML) document.
fn xml_names(
    xml: &str,
) -> (
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut elements, mut attributes) = (
        std::collections::BTreeSet::new(),
        std::collections::BTreeSet::new(),
    );
    loop {
        match reader.read_event().expect("the SVG is well-formed XML") {
            Event::Start(e) | Event::Empty(e) => {
                elements.insert(e.name().into_inner().to_string());
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    attributes.insert(a.key.into_inner().to_string());
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (elements, attributes)
}

#[test]
fn hostile_labels_cannot_add_elements_or_attributes_to_graphviz_svg() {
    if !graphviz::available() {
        crate::support::skip(
            "Graphviz `dot` is not installed, so its SVG of hostile labels is not checked",
            "apt-get install graphviz",
        );
        return;
    }
    let loaded = load_dir(Path::new("tests/fixtures/hostile")).unwrap();
    let m = &loaded.model;
    let a = analyze(m);
    let v = view::build(m, &a, &ViewOptions::default()).unwrap();
    let source = dot::dot(&v);
    // Graphviz accepts it: no label closed its string.
    let svg = graphviz::run(&source, graphviz::Format::Svg, graphviz::Limits::default()).unwrap();
    let svg = String::from_utf8(svg).unwrap();
    let (elements, attributes) = xml_names(&svg);
    // Graphviz wraps nodes that have a tooltip in <a xlink:title=…>, with no link.
    let allowed_elements = [
        "svg", "g", "title", "polygon", "path", "ellipse", "text", "polyline", "a",
    ];
    for e in &elements {
        assert!(
            allowed_elements.contains(&e.as_str()),
            "unexpected element <{e}>"
        );
    }
    let allowed_attributes = [
        "width",
        "height",
        "viewBox",
        "xmlns",
        "xmlns:xlink",
        "id",
        "class",
        "transform",
        "fill",
        "stroke",
        "points",
        "d",
        "x",
        "y",
        "text-anchor",
        "font-family",
        "font-size",
        "cx",
        "cy",
        "rx",
        "ry",
        "stroke-width",
        "stroke-dasharray",
        "fill-opacity",
        "stroke-opacity",
        "xlink:title",
    ];
    for a in &attributes {
        assert!(
            allowed_attributes.contains(&a.as_str()),
            "unexpected attribute {a}="
        );
    }
    assert!(!svg.contains("<script"), "no script element");
    // The text survived as text.
    assert!(
        svg.contains("&lt;script&gt;alert("),
        "the label is shown, escaped"
    );
    // No attribute that reads files or loads images is ever written.
    for bad in [
        "image=",
        "shapefile=",
        "imagepath=",
        "fontpath=",
        "URL=",
        "href=",
    ] {
        assert!(
            !source.contains(&format!(" {bad}")) && !source.contains(&format!("[{bad}")),
            "{bad} in DOT"
        );
    }
}
