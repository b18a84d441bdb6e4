//! The document's definitions — arrow heads, the boundary marker, the patterns that tell the
//! sectors of a colour family apart — and the pattern band drawn with them.

use super::{
    BOUNDARY_COLOR, EDGE_COLOR, LOOP_COLOR, Pattern, ROUTE_COLOR, Xml, coordinate, dark_fill,
    family,
};
use crate::render::diagram::layout::Rect;

/// Arrow heads (one per edge colour) and the boundary marker.
pub(super) fn defs(x: &mut Xml) {
    x.start("defs", &[]);
    for (id, color) in [
        ("arrow", EDGE_COLOR),
        ("arrow-route", ROUTE_COLOR),
        ("arrow-loop", LOOP_COLOR),
        ("arrow-boundary", BOUNDARY_COLOR),
    ] {
        x.start(
            "marker",
            &[
                ("id", id),
                ("viewBox", "0 0 10 10"),
                ("refX", "10"),
                ("refY", "5"),
                ("markerWidth", "9"),
                ("markerHeight", "9"),
                ("markerUnits", "userSpaceOnUse"),
                ("orient", "auto"),
            ],
        );
        x.empty("path", &[("d", "M0,0 L10,5 L0,10 z"), ("fill", color)]);
        x.end("marker");
    }
    x.start(
        "marker",
        &[
            ("id", "boundary"),
            ("viewBox", "0 0 12 12"),
            ("refX", "1"),
            ("refY", "6"),
            ("markerWidth", "12"),
            ("markerHeight", "12"),
            ("markerUnits", "userSpaceOnUse"),
            ("orient", "auto"),
        ],
    );
    x.empty(
        "path",
        &[
            ("d", "M1,6 L6,1 L11,6 L6,11 z"),
            ("fill", "#FFFFFF"),
            ("stroke", BOUNDARY_COLOR),
            ("stroke-width", "2"),
        ],
    );
    x.end("marker");
    // The patterns that tell the sectors of one colour family apart (palette.rs), in dark ink for
    // light fills and light ink for dark ones.
    for (id, ink) in [("dark", "#1A1A1A"), ("light", "#FFFFFF")] {
        let stripes = format!("stripes-{id}");
        x.start(
            "pattern",
            &[
                ("id", &stripes),
                ("width", "6"),
                ("height", "6"),
                ("patternUnits", "userSpaceOnUse"),
                ("patternTransform", "rotate(45)"),
            ],
        );
        x.empty(
            "rect",
            &[
                ("x", "0"),
                ("y", "0"),
                ("width", "2.4"),
                ("height", "6"),
                ("fill", ink),
            ],
        );
        x.end("pattern");
        let dots = format!("dots-{id}");
        x.start(
            "pattern",
            &[
                ("id", &dots),
                ("width", "5"),
                ("height", "5"),
                ("patternUnits", "userSpaceOnUse"),
            ],
        );
        x.empty(
            "circle",
            &[("cx", "2.5"), ("cy", "2.5"), ("r", "1.3"), ("fill", ink)],
        );
        x.end("pattern");
    }
    x.end("defs");
}

/// The band across the top of a box (or a legend swatch) that says which sector of its colour
/// family it is; nothing for a family's first sector.
pub(super) fn pattern_band(x: &mut Xml, sector: Option<crate::model::Sector>, r: Rect) {
    let Some(sector) = sector else { return };
    let ink = if dark_fill(sector) { "light" } else { "dark" };
    let fill = match family(sector).1 {
        Pattern::Plain => return,
        Pattern::Stripes => format!("url(#stripes-{ink})"),
        Pattern::Dots => format!("url(#dots-{ink})"),
    };
    x.empty(
        "rect",
        &[
            ("x", &coordinate(r.x)),
            ("y", &coordinate(r.y)),
            ("width", &coordinate(r.width)),
            ("height", &coordinate(r.height)),
            ("fill", &fill),
            ("opacity", "0.55"),
        ],
    );
}
