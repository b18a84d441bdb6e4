//! Phase 7, frame: the title above the lanes, the legend below them (its worded entries measured
//! and flowed into rows), and the picture's total size.

use super::measure::{
    LEGEND_FONT, LEGEND_ROW, LEGEND_SYMBOL_WIDTH, LEGEND_TITLE_H, MARGIN, TITLE_FONT, TITLE_H,
    text_width,
};
use super::metrics::Weight;
use super::{LegendItem, Rect};
use crate::render::diagram::legend::Legend;

/// The picture's frame around the lanes.
pub(super) struct Frame {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The width inside the margins, which the lanes span.
    pub inner: f64,
    /// Area for the title, as wide as its words.
    pub title: Rect,
    /// Area for the legend.
    pub legend: Rect,
    /// The legend's entries, placed.
    pub legend_items: Vec<LegendItem>,
}

/// The widest a legend's rows run, in pixels: one A4 landscape tile at 7 pt for 11 px text.
const LEGEND_FLOW: f64 = 1100.0;

/// Frames content that ends at `content_right` and `lanes_bottom`: wide enough for the title and
/// the widest legend entry, the legend's entries flowed left to right into rows below the lanes.
pub(super) fn frame(title: &str, legend: &Legend, content_right: f64, lanes_bottom: f64) -> Frame {
    let title_w = text_width(title, TITLE_FONT, Weight::Bold) + 2.0 * MARGIN;
    let legend_min: f64 = legend
        .entries
        .iter()
        .map(|s| {
            LEGEND_SYMBOL_WIDTH + text_width(&s.text, LEGEND_FONT, Weight::Regular) + 2.0 * MARGIN
        })
        .fold(0.0, f64::max);
    let width = (content_right + MARGIN)
        .max(title_w)
        .max(legend_min)
        .max(480.0);
    let inner = width - 2.0 * MARGIN;
    // Entries flow into rows at most LEGEND_FLOW wide, however wide the lanes: a printed wide
    // diagram is tiled, and a legend no wider than one tile is never cut between pages.
    let flow = inner.min(LEGEND_FLOW.max(legend_min - 2.0 * MARGIN));
    let legend_top = lanes_bottom + MARGIN;
    let mut legend_items = Vec::new();
    let (mut lx, mut ly) = (MARGIN, legend_top + LEGEND_TITLE_H);
    for entry in &legend.entries {
        let text = entry.text.clone();
        let w = LEGEND_SYMBOL_WIDTH + text_width(&text, LEGEND_FONT, Weight::Regular) + 18.0;
        if lx > MARGIN && lx + w > MARGIN + flow {
            lx = MARGIN;
            ly += LEGEND_ROW;
        }
        legend_items.push(LegendItem {
            symbol: entry.symbol,
            text,
            rect: Rect {
                x: lx,
                y: ly,
                width: w,
                height: LEGEND_ROW,
            },
        });
        lx += w;
    }
    let legend_h = if legend_items.is_empty() {
        LEGEND_TITLE_H
    } else {
        ly + LEGEND_ROW - legend_top
    };
    let legend_rect = Rect {
        x: MARGIN,
        y: legend_top,
        width: flow,
        height: legend_h,
    };
    Frame {
        width,
        height: legend_rect.bottom() + MARGIN,
        inner,
        // As wide as its words, so a printed tile knows whether the title reaches into it.
        title: Rect {
            x: MARGIN,
            y: MARGIN,
            width: (title_w - 2.0 * MARGIN).clamp(0.0, inner),
            height: TITLE_H,
        },
        legend: legend_rect,
        legend_items,
    }
}
