//! The legend drawn in the SVG below the lanes, and the same entries as HTML for a page to show
//! beside the diagram: one symbol per mark, drawn by one function for both.

use super::super::layout::{
    LEGEND_FONT, LEGEND_SYMBOL_WIDTH, Layout, LegendItem, Rect, badge_width,
};
use super::super::legend::LegendSymbol;
use super::super::palette::{BOUNDARY_COLOR, LOOP_COLOR, heat_color, sector_color};
use super::{
    ACTOR_FILL, EDGE_COLOR, MISSING_DASH, NO_MOVE_DASH, ROUTE_COLOR, Xml, pattern_band, pill,
};
use crate::render::xml::coordinate;

pub(super) fn legend(x: &mut Xml, layout: &Layout) {
    let r = layout.legend;
    x.start("g", &[("class", "diagram-legend")]);
    x.element(
        "text",
        &[
            ("x", &coordinate(r.x)),
            ("y", &coordinate(r.y + 16.0)),
            ("font-size", "13"),
            ("font-weight", "bold"),
            ("fill", "#1A1A1A"),
        ],
        &layout.legend_title,
    );
    for item in &layout.legend_items {
        legend_item(x, item);
    }
    x.end("g");
}

fn legend_item(x: &mut Xml, item: &LegendItem) {
    legend_symbol(x, item);
    let r = item.rect;
    x.element(
        "text",
        &[
            ("x", &coordinate(r.x + LEGEND_SYMBOL_WIDTH)),
            ("y", &coordinate(r.y + r.height / 2.0 + LEGEND_FONT * 0.35)),
            ("font-size", &coordinate(LEGEND_FONT)),
            ("fill", "#1A1A1A"),
        ],
        &item.text,
    );
}

/// One legend entry for a page to show in HTML beside the diagram: its symbol as a small SVG
/// (the diagram's own drawing of it) and its words as text.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LegendHtml {
    /// A standalone `<svg>` of the symbol. Its markers and patterns are the diagram's
    /// (`url(#arrow)`), so it is shown on the page that holds the diagram.
    pub symbol: String,
    /// The entry's words.
    pub text: String,
}

/// The legend of a drawn layout as HTML entries, in the legend's order.
pub fn legend_html(layout: &Layout) -> Vec<LegendHtml> {
    layout
        .legend_items
        .iter()
        .map(|item| {
            let r = item.rect;
            let mut x = Xml::default();
            let view_box = format!(
                "{} {} {} {}",
                coordinate(r.x),
                coordinate(r.y),
                coordinate(LEGEND_SYMBOL_WIDTH),
                coordinate(r.height)
            );
            x.start(
                "svg",
                &[
                    ("xmlns", "http://www.w3.org/2000/svg"),
                    ("width", &coordinate(LEGEND_SYMBOL_WIDTH)),
                    ("height", &coordinate(r.height)),
                    ("viewBox", &view_box),
                    ("aria-hidden", "true"),
                    ("focusable", "false"),
                    ("font-family", "DejaVu Sans, Verdana, Arial, sans-serif"),
                ],
            );
            legend_symbol(&mut x, item);
            x.end("svg");
            LegendHtml {
                symbol: x.out,
                text: item.text.clone(),
            }
        })
        .collect()
}

/// The symbol of a legend entry, in the entry's symbol slot.
fn legend_symbol(x: &mut Xml, item: &LegendItem) {
    use LegendSymbol as S;
    let r = item.rect;
    let (sx, cy) = (r.x, r.y + r.height / 2.0);
    let line =
        |x: &mut Xml, color: &str, arrow: &str, dash: Option<&str>, width: &str, start: bool| {
            let d = format!(
                "M{},{} L{},{}",
                coordinate(sx + 2.0),
                coordinate(cy),
                coordinate(sx + 26.0),
                coordinate(cy)
            );
            let mut attrs: Vec<(&'static str, &str)> = vec![
                ("d", &d),
                ("fill", "none"),
                ("stroke", color),
                ("stroke-width", width),
                ("marker-end", arrow),
            ];
            if let Some(dash) = dash {
                attrs.push(("stroke-dasharray", dash));
                attrs.push(("stroke-linecap", "round"));
            }
            if start {
                attrs.push(("marker-start", "url(#boundary)"));
            }
            x.empty("path", &attrs);
        };
    let swatch = |x: &mut Xml, fill: &str, stroke: &str, width: &str| {
        x.empty(
            "rect",
            &[
                ("x", &coordinate(sx + 2.0)),
                ("y", &coordinate(cy - 7.0)),
                ("width", "24"),
                ("height", "14"),
                ("rx", "3"),
                ("fill", fill),
                ("stroke", stroke),
                ("stroke-width", width),
            ],
        );
    };
    match item.symbol {
        S::Sector(s) => {
            swatch(x, sector_color(s), "#555555", "1");
            let band = Rect {
                x: sx + 4.0,
                y: cy - 5.5,
                width: 20.0,
                height: 5.0,
            };
            pattern_band(x, Some(s), band);
        }
        S::Aggregated => swatch(x, ACTOR_FILL, "#555555", "1"),
        S::Mark(m) => {
            let w = badge_width(m.symbol());
            pill(x, sx + 14.0 - w / 2.0, cy, w, m.symbol(), LOOP_COLOR, None);
        }
        S::ClientMoves => line(x, EDGE_COLOR, "url(#arrow)", None, "1.4", false),
        S::NoClientMove => line(
            x,
            EDGE_COLOR,
            "url(#arrow)",
            Some(NO_MOVE_DASH),
            "1.4",
            false,
        ),
        S::Loop => line(x, LOOP_COLOR, "url(#arrow-loop)", None, "1.4", false),
        S::MissingCollaboration => line(x, LOOP_COLOR, "none", Some(MISSING_DASH), "2.6", false),
        S::Boundary => line(x, BOUNDARY_COLOR, "url(#arrow-boundary)", None, "1.4", true),
        S::OnRoute => line(x, ROUTE_COLOR, "url(#arrow-route)", None, "2.6", false),
        S::HighUtilisation => swatch(x, "#FFFFFF", heat_color(Some(0.9)), "3.5"),
        S::OverCapacity => swatch(x, "#FFFFFF", heat_color(Some(1.5)), "3.5"),
        S::Entry => {
            swatch(x, "#FFFFFF", "#555555", "1");
            let d = format!(
                "M{},{} L{},{} L{},{} z",
                coordinate(sx + 5.0),
                coordinate(cy - 5.0),
                coordinate(sx + 11.0),
                coordinate(cy),
                coordinate(sx + 5.0),
                coordinate(cy + 5.0)
            );
            x.empty("path", &[("d", &d), ("fill", "#1A1A1A")]);
        }
        S::Exit => {
            swatch(x, "#FFFFFF", "#555555", "1");
            x.empty(
                "rect",
                &[
                    ("x", &coordinate(sx + 19.0)),
                    ("y", &coordinate(cy - 5.0)),
                    ("width", "4"),
                    ("height", "10"),
                    ("fill", "#1A1A1A"),
                ],
            );
        }
    }
}
