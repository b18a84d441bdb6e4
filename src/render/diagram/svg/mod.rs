//! The native swimlane diagram as a standalone SVG document, drawn from a [`View`] and its
//! [`Layout`].
//!
//! A key design decision: user text is escaped by construction. Every element goes through one
//! small writer (`Xml`) whose element and attribute names are `&'static str` — so they can only
//! be literals of this file, never text from a model — and which escapes every text node and every
//! attribute value with `quick_xml::escape::escape` after dropping characters XML cannot carry.
//! User text never becomes a name, an `href`, a style, a script or an event handler; the only
//! references (`url(#…)` to markers) are fixed strings.

use std::borrow::Cow;

use super::layout::{
    BADGE_FONT, BADGE_GAP, BADGE_H, EdgePath, LABEL_FONT, LABEL_LINE, LANE_FONT, LANE_LINE, Layout,
    MARK_STRIP, NODE_FONT, NODE_LINE, Rect, TITLE_FONT, badge_strip_width, badge_width,
};
use super::palette::{
    BOUNDARY_COLOR, LOOP_COLOR, Pattern, WARNING, dark_fill, family, heat_color, sector_color,
};
use super::view::{Badge, View, ViewEdge, ViewNode};
use crate::analysis::bottlenecks::HIGH_UTILISATION;
use crate::i18n::Msg;
use crate::model::Lang;
use crate::render::xml::coordinate;

/// Default edge colour.
const EDGE_COLOR: &str = "#555555";
/// Edges and halos of the selected route.
const ROUTE_COLOR: &str = "#000000";
/// Fill of aggregated actor nodes (no sector).
const ACTOR_FILL: &str = "#DDDDDD";
/// Opacity of faded nodes and edges.
const FADED: &str = "0.3";

/// Writes an SVG document: the view drawn at the positions of the layout.
pub fn svg(view: &View, layout: &Layout) -> String {
    svg_with(view, layout, &Facets::default())
}

/// What a page's viewer filters a box by (`crate::render::viewer`), written on the box's group
/// as `data-sector`, `data-region` and `data-profiles`. Computed beside the view, from the model
/// and the analysis, because the view itself carries only what is drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeFacets {
    /// The sector's word (`school`), when the box is one service.
    pub sector: Option<&'static str>,
    /// The region the service is in.
    pub region: Option<String>,
    /// The ids of the profiles whose routes reach the service.
    pub profiles: Vec<String>,
}

/// The facets of a view's boxes, in the order of [`View::nodes`]; a box without an entry has
/// none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facets {
    /// Per box of the view.
    pub nodes: Vec<NodeFacets>,
}

/// Writes an SVG document like [`svg`], each box also carrying its facets: the SVG a page
/// inlines for its viewer. The files and downloads are written without them.
pub fn svg_with(view: &View, layout: &Layout, facets: &Facets) -> String {
    let mut x = Xml::default();
    let title = if view.title.trim().is_empty() {
        Cow::Owned(default_title(view.lang))
    } else {
        Cow::Borrowed(view.title.as_str())
    };
    let (w, h) = (coordinate(layout.width), coordinate(layout.height));
    let view_box = format!("0 0 {w} {h}");
    let drawing = drawing_rect(layout);
    let drawing = [drawing.x, drawing.y, drawing.width, drawing.height]
        .map(coordinate)
        .join(" ");
    x.start(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &w),
            ("height", &h),
            ("viewBox", &view_box),
            ("data-drawing", &drawing),
            ("role", "img"),
            ("aria-label", &title),
            ("font-family", "DejaVu Sans, Verdana, Arial, sans-serif"),
        ],
    );
    x.element("title", &[], &title);
    x.element("desc", &[], &description(view));
    defs(&mut x);
    x.empty(
        "rect",
        &[
            ("x", "0"),
            ("y", "0"),
            ("width", &w),
            ("height", &h),
            ("fill", "#FFFFFF"),
        ],
    );

    // Title.
    let t = layout.title;
    x.element(
        "text",
        &[
            ("x", &coordinate(t.x)),
            ("y", &coordinate(t.y + TITLE_FONT + 6.0)),
            ("font-size", &coordinate(TITLE_FONT)),
            ("font-weight", "bold"),
            ("fill", "#1A1A1A"),
            ("class", "diagram-title"),
        ],
        &view.title,
    );

    lanes(&mut x, view, layout);
    x.start("g", &[]);
    // Faded edges at the bottom, the selected route on top, so emphasis is never drawn over.
    let mut order: Vec<(usize, &EdgePath)> = layout
        .edges
        .iter()
        .filter_map(|p| {
            let e = view.edges.get(p.edge)?;
            Some((usize::from(!e.faded) + usize::from(e.on_route), p))
        })
        .collect();
    order.sort_by_key(|(rank, _)| *rank);
    for (_, path) in &order {
        edge_path(&mut x, view, &view.edges[path.edge], &path.points);
    }
    x.end("g");
    x.start("g", &[]);
    for nb in &layout.nodes {
        if let Some(node) = view.nodes.get(nb.node) {
            node_box(&mut x, view.lang, node, facets.nodes.get(nb.node), nb.rect);
        }
    }
    x.end("g");
    x.start("g", &[]);
    for (_, path) in &order {
        if let Some(r) = path.label
            && !path.label_lines.is_empty()
        {
            edge_label(&mut x, view, &view.edges[path.edge], r, &path.label_lines);
        }
    }
    x.end("g");
    legend(&mut x, layout);
    x.end("svg");
    x.out
}

/// Element names this module can write; anything else in its output is a bug.
const ELEMENTS: &[&str] = &[
    "svg", "title", "desc", "defs", "marker", "pattern", "path", "rect", "text", "tspan", "g",
    "circle",
];

/// Attribute names this module can write.
const ATTRIBUTES: &[&str] = &[
    "xmlns",
    "data-from",
    "data-to",
    "width",
    "height",
    "viewBox",
    "data-drawing",
    "role",
    "aria-label",
    "class",
    "data-key",
    "data-drill-param",
    "data-drill-value",
    "data-sector",
    "data-region",
    "data-profiles",
    "font-family",
    "font-size",
    "font-weight",
    "id",
    "refX",
    "refY",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "orient",
    "patternUnits",
    "patternTransform",
    "d",
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "stroke-linejoin",
    "stroke-linecap",
    "marker-start",
    "marker-end",
    "x",
    "y",
    "rx",
    "cx",
    "cy",
    "r",
    "text-anchor",
    "opacity",
    "aria-hidden",
    "focusable",
];

/// The one writer every byte of the document goes through. Names are `'static` literals; values
/// and text are escaped.
#[derive(Default)]
struct Xml {
    out: String,
}

impl Xml {
    fn open_tag(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        debug_assert!(
            ELEMENTS.contains(&name),
            "element {name} is not in ELEMENTS"
        );
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            debug_assert!(
                ATTRIBUTES.contains(key),
                "attribute {key} is not in ATTRIBUTES"
            );
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
    }

    fn start(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push('>');
    }

    fn empty(&mut self, name: &'static str, attrs: &[(&'static str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push_str("/>");
    }

    fn end(&mut self, name: &'static str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    fn text(&mut self, text: &str) {
        self.out.push_str(&escape(text));
    }

    fn element(&mut self, name: &'static str, attrs: &[(&'static str, &str)], text: &str) {
        self.start(name, attrs);
        self.text(text);
        self.end(name);
    }
}

/// Escapes text for an XML text node or a double-quoted attribute value: `& < > " '` become
/// references, after [`crate::render::xml::text`], the one rule for what XML cannot hold. A
/// carriage return also becomes a space here: it means nothing in a label, and an SVG is inlined
/// in HTML pages (`polku serve`), where a carriage return reference is a parse error.
fn escape(text: &str) -> Cow<'_, str> {
    let text = crate::render::xml::text(text);
    if text.contains('\r') {
        let clean = text.replace('\r', " ");
        return Cow::Owned(quick_xml::escape::escape(clean.as_str()).into_owned());
    }
    match text {
        Cow::Borrowed(t) => quick_xml::escape::escape(t),
        Cow::Owned(t) => Cow::Owned(quick_xml::escape::escape(t.as_str()).into_owned()),
    }
}

fn default_title(lang: Lang) -> String {
    lang.text(&Msg::ViewSvgTitle)
}

/// The document's description for screen readers: what is drawn, in the view's language.
fn description(view: &View) -> String {
    let n = view.nodes.len();
    let edges = view.edges.iter().filter(|e| e.from < n && e.to < n).count();
    let lanes: Vec<&str> = view.lanes.iter().map(|l| l.label.as_str()).collect();
    let (nodes, lanes, names) = (n.into(), view.lanes.len().into(), lanes.join(", ").into());
    let edges = edges.into();
    view.lang.text(&if view.aggregated {
        Msg::ViewSvgDescriptionActors {
            nodes,
            lanes,
            edges,
            names,
        }
    } else {
        Msg::ViewSvgDescriptionServices {
            nodes,
            lanes,
            edges,
            names,
        }
    })
}

fn lanes(x: &mut Xml, view: &View, layout: &Layout) {
    x.start("g", &[]);
    // Bands alternate from the top down, in the order the layout stacked them (which need not
    // be the view's).
    let mut stacked: Vec<usize> = (0..layout.lanes.len()).collect();
    stacked.sort_by(|&a, &b| layout.lanes[a].rect.y.total_cmp(&layout.lanes[b].rect.y));
    let mut position = vec![0; layout.lanes.len()];
    for (p, &k) in stacked.iter().enumerate() {
        position[k] = p;
    }
    for (k, lb) in layout.lanes.iter().enumerate() {
        let r = lb.rect;
        let fill = if position[k] % 2 == 0 {
            "#F3F5F7"
        } else {
            "#FFFFFF"
        };
        // `lane`: a page's viewer repeats the lane's header when the drawing's is panned away.
        x.start("g", &[("class", "lane")]);
        if let Some(lane) = view.lanes.get(lb.lane) {
            x.element("title", &[], &lane.label);
        }
        x.empty(
            "rect",
            &[
                ("x", &coordinate(r.x)),
                ("y", &coordinate(r.y)),
                ("width", &coordinate(r.width)),
                ("height", &coordinate(r.height)),
                ("fill", fill),
                ("stroke", "#B8C0C8"),
                ("stroke-width", "1"),
            ],
        );
        x.empty(
            "rect",
            &[
                ("x", &coordinate(r.x)),
                ("y", &coordinate(r.y)),
                ("width", &coordinate(lb.header_width)),
                ("height", &coordinate(r.height)),
                ("fill", "#E1E6EB"),
                ("stroke", "#B8C0C8"),
                ("stroke-width", "1"),
            ],
        );
        let lines = &lb.label_lines;
        let top = r.y + (r.height - lines.len() as f64 * LANE_LINE) / 2.0;
        multiline(
            x,
            r.x + lb.header_width / 2.0,
            top,
            LANE_LINE,
            LANE_FONT,
            lines,
            &[("font-weight", "bold"), ("fill", "#1A1A1A")],
        );
        x.end("g");
    }
    x.end("g");
}

/// A centred block of lines starting at `top`, one `tspan` per line.
fn multiline(
    x: &mut Xml,
    cx: f64,
    top: f64,
    line: f64,
    size: f64,
    lines: &[String],
    extra: &[(&'static str, &str)],
) {
    let cxs = coordinate(cx);
    let size_s = coordinate(size);
    let mut attrs: Vec<(&'static str, &str)> =
        vec![("font-size", &size_s), ("text-anchor", "middle")];
    attrs.extend_from_slice(extra);
    x.start("text", &attrs);
    for (i, l) in lines.iter().enumerate() {
        // Baseline: the middle of the line box plus a third of the font size.
        let y = coordinate(top + i as f64 * line + line / 2.0 + size * 0.35);
        x.element("tspan", &[("x", &cxs), ("y", &y)], l);
    }
    x.end("text");
}

/// An edge's colour and arrow head; a missing collaboration has no head (nothing is handed
/// over) and the problem colour.
fn edge_style(edge: &ViewEdge) -> (&'static str, &'static str) {
    if edge.missing_collaboration {
        (LOOP_COLOR, "none")
    } else if edge.in_loop {
        (LOOP_COLOR, "url(#arrow-loop)")
    } else if edge.boundary_without_protocol {
        (BOUNDARY_COLOR, "url(#arrow-boundary)")
    } else if edge.on_route {
        (ROUTE_COLOR, "url(#arrow-route)")
    } else {
        (EDGE_COLOR, "url(#arrow)")
    }
}

fn path_data(points: &[(f64, f64)]) -> String {
    let mut d = String::new();
    for (i, p) in points.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&coordinate(p.0));
        d.push(',');
        d.push_str(&coordinate(p.1));
        d.push(' ');
    }
    d.trim_end().to_string()
}

fn node_name(view: &View, i: usize) -> String {
    view.nodes
        .get(i)
        .map_or_else(String::new, |n| n.label.join(" "))
}

/// An edge's dash pattern: dashed where the client does not move, dotted where a collaboration
/// is missing, solid where the client moves.
fn edge_dash(edge: &ViewEdge) -> Option<&'static str> {
    if edge.missing_collaboration {
        Some(MISSING_DASH)
    } else if !edge.moves_client {
        Some(NO_MOVE_DASH)
    } else {
        None
    }
}

/// The dashes of a handoff along which the client does not move.
const NO_MOVE_DASH: &str = "6 4";
/// The dots of a missing collaboration (round caps make them dots).
const MISSING_DASH: &str = "0.1 5";

/// The group of an edge's line or label: `class="edge"` with the keys of the boxes it joins, so a
/// page lights a finding's arrows with its boxes (`polku serve`'s app.js).
fn edge_group<'v>(view: &'v View, edge: &ViewEdge) -> Vec<(&'static str, &'v str)> {
    let key = |i: usize| view.nodes.get(i).map_or("", |n| n.key.as_str());
    // A missing collaboration is not a handoff: a viewer's k-step focus does not walk it.
    let class = if edge.missing_collaboration {
        "edge missing"
    } else {
        "edge"
    };
    let mut group = vec![
        ("class", class),
        ("data-from", key(edge.from)),
        ("data-to", key(edge.to)),
    ];
    if edge.faded {
        group.push(("opacity", FADED));
    }
    group
}

fn edge_path(x: &mut Xml, view: &View, edge: &ViewEdge, points: &[(f64, f64)]) {
    if points.len() < 2 {
        return;
    }
    let (color, arrow) = edge_style(edge);
    x.start("g", &edge_group(view, edge));
    let mut title = format!(
        "{} → {}",
        node_name(view, edge.from),
        node_name(view, edge.to)
    );
    let label: Vec<&str> = edge
        .label
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !s.trim().is_empty())
        .collect();
    if !label.is_empty() {
        title.push_str(": ");
        title.push_str(&label.join(", "));
    }
    x.element("title", &[], &title);
    let d = path_data(points);
    let width = if edge.on_route || edge.missing_collaboration {
        "2.6"
    } else {
        "1.4"
    };
    let mut attrs: Vec<(&'static str, &str)> = vec![
        ("d", &d),
        ("fill", "none"),
        ("stroke", color),
        ("stroke-width", width),
        ("stroke-linejoin", "round"),
        ("marker-end", arrow),
    ];
    if let Some(dash) = edge_dash(edge) {
        attrs.push(("stroke-dasharray", dash));
        if edge.missing_collaboration {
            attrs.push(("stroke-linecap", "round"));
        }
    }
    if edge.boundary_without_protocol {
        attrs.push(("marker-start", "url(#boundary)"));
    }
    x.empty("path", &attrs);
    x.end("g");
}

fn edge_label(x: &mut Xml, view: &View, edge: &ViewEdge, r: Rect, lines: &[String]) {
    x.start("g", &edge_group(view, edge));
    let border = if edge.missing_collaboration {
        LOOP_COLOR
    } else if edge.boundary_without_protocol {
        BOUNDARY_COLOR
    } else {
        "#B0B0B0"
    };
    x.empty(
        "rect",
        &[
            ("x", &coordinate(r.x)),
            ("y", &coordinate(r.y)),
            ("width", &coordinate(r.width)),
            ("height", &coordinate(r.height)),
            ("rx", "3"),
            ("fill", "#FFFFFF"),
            ("stroke", border),
            ("stroke-width", "0.8"),
        ],
    );
    let top = r.y + (r.height - lines.len() as f64 * LABEL_LINE) / 2.0;
    multiline(
        x,
        r.center().0,
        top,
        LABEL_LINE,
        LABEL_FONT,
        lines,
        &[("fill", "#1A1A1A")],
    );
    x.end("g");
}

fn node_box(x: &mut Xml, lang: Lang, node: &ViewNode, facets: Option<&NodeFacets>, r: Rect) {
    // `class` and `data-key` let a page find a service's box (polku serve highlights findings and
    // opens a service's details); the key is the service (or actor) id.
    let mut group: Vec<(&'static str, &str)> = vec![("class", "node"), ("data-key", &node.key)];
    // A summed-up box names the view one level down, for a page to open on a click.
    if let Some(d) = &node.drill {
        group.push(("data-drill-param", d.param));
        group.push(("data-drill-value", &d.value));
    }
    let profiles = facets.map(|f| f.profiles.join(" ")).unwrap_or_default();
    if let Some(f) = facets {
        if let Some(sector) = f.sector {
            group.push(("data-sector", sector));
        }
        if let Some(region) = &f.region {
            group.push(("data-region", region));
        }
        if !profiles.is_empty() {
            group.push(("data-profiles", &profiles));
        }
    }
    if node.faded {
        group.push(("opacity", FADED));
    }
    x.start("g", &group);
    let tip = if node.tooltip.trim().is_empty() {
        node.label.join(" ")
    } else {
        node.tooltip.clone()
    };
    x.element("title", &[], &tip);
    if node.on_route {
        let halo = r.inflate(3.5);
        x.empty(
            "rect",
            &[
                ("x", &coordinate(halo.x)),
                ("y", &coordinate(halo.y)),
                ("width", &coordinate(halo.width)),
                ("height", &coordinate(halo.height)),
                ("rx", "9"),
                ("fill", "none"),
                ("stroke", ROUTE_COLOR),
                ("stroke-width", "2"),
            ],
        );
    }
    let fill = node.sector.map_or(ACTOR_FILL, sector_color);
    let ink = if node.sector.is_some_and(dark_fill) {
        "#FFFFFF"
    } else {
        "#1A1A1A"
    };
    let hot = node.utilisation.is_some_and(|u| u > HIGH_UTILISATION);
    x.empty(
        "rect",
        &[
            ("x", &coordinate(r.x)),
            ("y", &coordinate(r.y)),
            ("width", &coordinate(r.width)),
            ("height", &coordinate(r.height)),
            ("rx", "6"),
            ("fill", fill),
            ("stroke", heat_color(node.utilisation)),
            ("stroke-width", if hot { "3.5" } else { "1.2" }),
        ],
    );
    if !node.faded {
        let band = Rect {
            x: r.x + 7.0,
            y: r.y + 2.5,
            width: (r.width - 14.0).max(0.0),
            height: 5.0,
        };
        pattern_band(x, node.sector, band);
    }
    let strip = if node.badges.is_empty() {
        0.0
    } else {
        MARK_STRIP
    };
    let lines = node.label.len() as f64;
    let top = r.y + (r.height - strip - lines * NODE_LINE) / 2.0;
    multiline(
        x,
        r.center().0,
        top,
        NODE_LINE,
        NODE_FONT,
        &node.label,
        &[("fill", ink)],
    );
    let cy = r.y + (r.height - strip) / 2.0;
    if node.entry {
        let d = format!(
            "M{},{} L{},{} L{},{} z",
            coordinate(r.x + 4.0),
            coordinate(cy - 6.0),
            coordinate(r.x + 11.0),
            coordinate(cy),
            coordinate(r.x + 4.0),
            coordinate(cy + 6.0)
        );
        x.empty("path", &[("d", &d), ("fill", ink)]);
    }
    if node.exit {
        x.empty(
            "rect",
            &[
                ("x", &coordinate(r.right() - 9.0)),
                ("y", &coordinate(cy - 6.0)),
                ("width", "4"),
                ("height", "12"),
                ("fill", ink),
            ],
        );
    }
    let texts: Vec<String> = node.badges.iter().map(Badge::text).collect();
    let mut bx = r.center().0 - badge_strip_width(&texts) / 2.0;
    let cy = r.bottom() - MARK_STRIP / 2.0;
    for (badge, text) in node.badges.iter().zip(&texts) {
        let w = badge_width(text);
        let title = match badge {
            Badge::Mark { mark, .. } => mark.label(lang),
            Badge::Load { over, figure } => format!(
                "{} {figure}",
                lang.text(if *over {
                    &Msg::LegendOverCapacity
                } else {
                    &Msg::LegendHighUtilisation
                })
            ),
        };
        let stroke = if badge.problem() { LOOP_COLOR } else { WARNING };
        pill(x, bx, cy, w, text, stroke, Some(&title));
        bx += w + BADGE_GAP;
    }
    x.end("g");
}

/// A finding's badge: a white pill edged in the problem (or warning) colour, with the mark's
/// symbol and its figure; as wide as its text, so "600 %" and "sv → fi" stay readable.
fn pill(
    x: &mut Xml,
    left: f64,
    cy: f64,
    width: f64,
    text: &str,
    stroke: &str,
    title: Option<&str>,
) {
    // A problem's badge says so, for a page's viewer to find the box to open on.
    let class = if stroke == LOOP_COLOR {
        "badge problem"
    } else {
        "badge"
    };
    x.start("g", &[("class", class)]);
    if let Some(t) = title {
        x.element("title", &[], t);
    }
    x.empty(
        "rect",
        &[
            ("x", &coordinate(left)),
            ("y", &coordinate(cy - BADGE_H / 2.0)),
            ("width", &coordinate(width)),
            ("height", &coordinate(BADGE_H)),
            ("rx", &coordinate(BADGE_H / 2.0)),
            ("fill", "#FFFFFF"),
            ("stroke", stroke),
            ("stroke-width", "1.5"),
        ],
    );
    x.element(
        "text",
        &[
            ("x", &coordinate(left + width / 2.0)),
            ("y", &coordinate(cy + BADGE_FONT * 0.35)),
            ("font-size", &coordinate(BADGE_FONT)),
            ("font-weight", "bold"),
            ("text-anchor", "middle"),
            ("fill", "#1A1A1A"),
        ],
        text,
    );
    x.end("g");
}

/// The lanes with their boxes, lines and labels, without the title and the legend: what a
/// page's viewer shows when the page says the title and the legend in HTML (`data-drawing`).
fn drawing_rect(layout: &Layout) -> Rect {
    let mut rects: Vec<Rect> = layout.lanes.iter().map(|l| l.rect).collect();
    rects.extend(layout.nodes.iter().map(|n| n.rect));
    rects.extend(layout.edges.iter().filter_map(|e| e.label));
    let whole = Rect {
        x: 0.0,
        y: 0.0,
        width: layout.width,
        height: layout.height,
    };
    let Some(first) = rects.first().copied() else {
        return whole;
    };
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.right(), first.bottom());
    for r in &rects {
        (x0, y0, x1, y1) = (
            x0.min(r.x),
            y0.min(r.y),
            x1.max(r.right()),
            y1.max(r.bottom()),
        );
    }
    for p in layout.edges.iter().flat_map(|e| &e.points) {
        (x0, y0, x1, y1) = (x0.min(p.0), y0.min(p.1), x1.max(p.0), y1.max(p.1));
    }
    // A little of the margin, so the lanes' borders are not on the box's edge.
    let pad = 4.0;
    Rect {
        x: (x0 - pad).max(0.0),
        y: (y0 - pad).max(0.0),
        width: (x1 - x0 + 2.0 * pad).min(layout.width),
        height: (y1 - y0 + 2.0 * pad).min(layout.height),
    }
}

mod defs;
mod legend_svg;
use defs::{defs, pattern_band};
use legend_svg::legend;
pub use legend_svg::{LegendHtml, legend_html};

#[cfg(test)]
mod tests;
