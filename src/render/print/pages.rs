//! Where a picture goes on paper: one page when it fits with legible text, else tiles.
//!
//! Pure geometry over plain numbers, so the rule can be tested without drawing: the picture is
//! scaled to fit the page unless that would print its smallest text under [`MIN_TEXT_PT`]; then
//! it is printed at the scale that keeps that text legible and cut into tiles, row by row. Cuts
//! fall between boxes where they can, and every tile after the first in a row repeats the lane
//! headers at its left, so a reader of page 3 still knows whose lane a box is in. Tiles are
//! stacked down a page while they fit, like lines of text.

use crate::render::diagram::layout::Rect;

/// The smallest text a printed diagram may carry, in points (what a reader reads at arm's length).
pub const MIN_TEXT_PT: f64 = 7.0;
/// A picture is never printed larger than this many points per pixel (a small diagram is not
/// blown up to poster type).
const MAX_SCALE: f64 = 1.0;
/// Points per millimetre.
const PT_PER_MM: f64 = 72.0 / 25.4;

/// A paper size, always landscape: diagrams flow left to right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Paper {
    /// ISO A4, 297 × 210 mm.
    #[default]
    A4,
    /// ISO A3, 420 × 297 mm.
    A3,
}

impl Paper {
    /// Every paper size, in the order the CLI lists them.
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::A3];

    /// The name on the command line and in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
        }
    }

    /// Parses [`Paper::name`].
    pub fn parse(s: &str) -> Option<Paper> {
        Paper::ALL.into_iter().find(|p| p.name() == s)
    }

    /// Width and height in points, landscape.
    pub fn size(self) -> (f64, f64) {
        let (w, h) = match self {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        };
        (w * PT_PER_MM, h * PT_PER_MM)
    }

    /// The margin on every side, in points (10 mm: inside what office printers can reach).
    pub fn margin(self) -> f64 {
        10.0 * PT_PER_MM
    }
}

/// What the planner needs to know of a picture, in its own pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Picture {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The smallest text's font size.
    pub min_font: f64,
    /// The right edge of the lane headers (0 when the picture has none), repeated on tiles.
    pub header_right: f64,
    /// The top of the lane headers: above it is the title, which is not repeated.
    pub header_top: f64,
    /// The bottom of the lane headers: below it is the legend, which is not repeated either.
    pub header_bottom: f64,
    /// Where the title is (empty when none): only a tile it reaches into prints its rows.
    pub title: Rect,
    /// Where the legend is (empty when none), likewise.
    pub legend: Rect,
    /// The boxes, which a cut should not run through.
    pub boxes: Vec<Rect>,
    /// Where lanes meet, the best places for a horizontal cut.
    pub lane_breaks: Vec<f64>,
}

/// One piece of the picture on a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    /// The part of the picture, in its pixels.
    pub source: Rect,
    /// Where its top-left corner goes, in points from the page's top-left corner.
    pub at: (f64, f64),
    /// True for the lane headers repeated beside a later tile (drawn twice, counted once).
    pub repeated: bool,
}

/// One printed page.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// Points per picture pixel.
    pub scale: f64,
    /// What is drawn on it: the lane headers (on later tiles of a row) and the tile.
    pub pieces: Vec<Piece>,
}

/// How far before the next box a cut between boxes falls, in picture pixels.
const CUT_PAD: f64 = 12.0;

/// The pages of a picture on a paper size.
pub fn plan(picture: &Picture, paper: Paper) -> Vec<Page> {
    let (pw, ph) = paper.size();
    let m = paper.margin();
    let (aw, ah) = (pw - 2.0 * m, ph - 2.0 * m);
    let (w, h) = (picture.width.max(1.0), picture.height.max(1.0));
    let fit = (aw / w).min(ah / h);
    let legible = MIN_TEXT_PT / picture.min_font.max(0.1);
    if fit >= legible {
        let scale = fit.min(MAX_SCALE).max(legible);
        return vec![Page {
            scale,
            pieces: vec![Piece {
                source: Rect {
                    x: 0.0,
                    y: 0.0,
                    width: w,
                    height: h,
                },
                at: (m, m),
                repeated: false,
            }],
        }];
    }
    let scale = legible;
    let (span_w, span_h) = (aw / scale, ah / scale);
    // Headers are repeated only when they leave most of the page for the tile itself.
    let header = if picture.header_right > 0.0 && picture.header_right < span_w / 3.0 {
        picture.header_right
    } else {
        0.0
    };
    let rows = cuts(0.0, h, span_h, span_h, |lo, hi| {
        best_cut(lo, hi, &picture.lane_breaks)
            .or_else(|| free_cut(lo, hi, picture.boxes.iter().map(|r| (r.y, r.bottom()))))
    });
    let columns = cuts(0.0, w, span_w, span_w - header, |lo, hi| {
        free_cut(lo, hi, picture.boxes.iter().map(|r| (r.x, r.right())))
    });
    // Tiles are strips, stacked down a page as long as they fit (a wide, low diagram reads like
    // lines of text, and leaves no page three-quarters blank), then onto the next page.
    let mut pages: Vec<Page> = Vec::new();
    let mut top = f64::INFINITY; // where the next strip goes on the last page
    for &(r0, r1) in &rows {
        for (k, &(x0, x1)) in columns.iter().enumerate() {
            // A tile keeps, of its rows, the lanes and whatever else it holds (the title, the
            // legend): a later tile of a wide diagram is as low as its lanes.
            let (y0, y1) = tile_rows(picture, (x0, x1), (r0, r1));
            // A strip with no box, label or legend entry in it (the empty end of the last
            // lanes) is not worth a page's room.
            let holds = |b: &Rect| b.x < x1 && b.right() > x0 && b.y < y1 && b.bottom() > y0;
            if !picture.boxes.is_empty() && !picture.boxes.iter().any(holds) {
                continue;
            }
            let strip = (y1 - y0) * scale;
            if pages.is_empty() || top + strip > m + ah + 1e-6 {
                pages.push(Page {
                    scale,
                    pieces: Vec::new(),
                });
                top = m;
            }
            let mut pieces = Vec::new();
            let mut left = m;
            let page_top = top;
            if k > 0 && header > 0.0 {
                let top = picture.header_top.clamp(y0, y1);
                let bottom = picture.header_bottom.clamp(y0, y1);
                if top < bottom {
                    pieces.push(Piece {
                        source: Rect {
                            x: 0.0,
                            y: top,
                            width: header,
                            height: bottom - top,
                        },
                        at: (m, page_top + (top - y0) * scale),
                        repeated: true,
                    });
                }
                left += header * scale;
            }
            pieces.push(Piece {
                source: Rect {
                    x: x0,
                    y: y0,
                    width: x1 - x0,
                    height: y1 - y0,
                },
                at: (left, page_top),
                repeated: false,
            });
            if let Some(page) = pages.last_mut() {
                page.pieces.extend(pieces);
            }
            top = page_top + strip + STRIP_GAP;
        }
    }
    pages
}

/// The rows of the tile from `x0` to `x1` within the row `r0`–`r1` worth printing: the lanes,
/// and the title or the legend where they reach into the tile.
fn tile_rows(picture: &Picture, (x0, x1): (f64, f64), (r0, r1): (f64, f64)) -> (f64, f64) {
    let (mut y0, mut y1) = (picture.header_top, picture.header_bottom);
    for r in [picture.title, picture.legend] {
        if r.width > 0.0 && r.x < x1 && r.right() > x0 {
            (y0, y1) = (y0.min(r.y), y1.max(r.bottom()));
        }
    }
    let (y0, y1) = (y0.clamp(r0, r1), y1.clamp(r0, r1));
    if y0 < y1 { (y0, y1) } else { (r0, r1) }
}

/// Space between two strips stacked on one page, in points.
const STRIP_GAP: f64 = 14.0;

/// Cuts `[start, end)` into spans: the first at most `first` long, the others at most `rest`;
/// `choose(lo, hi)` may move a cut back to a better place within `[lo, hi]`.
fn cuts(
    start: f64,
    end: f64,
    first: f64,
    rest: f64,
    choose: impl Fn(f64, f64) -> Option<f64>,
) -> Vec<(f64, f64)> {
    let rest = rest.max(1.0);
    let mut out = Vec::new();
    let mut at = start;
    let mut span = first.max(1.0);
    while end - at > span {
        let limit = at + span;
        // A better cut is taken only in the span's second half, so a tile is never a sliver.
        let cut = choose(at + span / 2.0, limit).unwrap_or(limit);
        out.push((at, cut));
        at = cut;
        span = rest;
    }
    out.push((at, end));
    out
}

/// The last of `breaks` in `[lo, hi]`.
fn best_cut(lo: f64, hi: f64, breaks: &[f64]) -> Option<f64> {
    breaks
        .iter()
        .copied()
        .filter(|b| (lo..=hi).contains(b))
        .fold(None, |best: Option<f64>, b| {
            Some(best.map_or(b, |x| x.max(b)))
        })
}

/// The last place in `[lo, hi]` that no interval covers: late in the last free gap, a little
/// before the box that ends it, so the tile holds as much as it can and the next starts clean.
fn free_cut(lo: f64, hi: f64, intervals: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let mut spans: Vec<(f64, f64)> = intervals.filter(|(a, b)| *b > lo && *a < hi).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Free gaps between the merged intervals, within [lo, hi].
    let mut gaps = Vec::new();
    let mut covered_to = lo;
    for (a, b) in spans {
        if a > covered_to {
            gaps.push((covered_to, a));
        }
        covered_to = covered_to.max(b);
    }
    if covered_to < hi {
        gaps.push((covered_to, hi));
    }
    gaps.last().map(|(a, b)| {
        if *b >= hi {
            // Free up to the limit: cut as late as possible.
            hi
        } else {
            (b - CUT_PAD).max((a + b) / 2.0)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn picture(width: f64, height: f64, min_font: f64) -> Picture {
        Picture {
            width,
            height,
            min_font,
            header_right: 150.0,
            header_top: 40.0,
            header_bottom: height,
            title: Rect {
                x: 0.0,
                y: 0.0,
                width,
                height: 40.0,
            },
            legend: Rect::default(),
            boxes: Vec::new(),
            lane_breaks: Vec::new(),
        }
    }

    #[test]
    fn a_small_picture_is_one_page_at_most_full_size() {
        let pages = plan(&picture(600.0, 300.0, 10.0), Paper::A4);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].scale, 1.0);
    }

    #[test]
    fn a_wide_picture_is_tiled_with_the_lane_headers_repeated() {
        let pages = plan(&picture(4000.0, 400.0, 10.0), Paper::A4);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        assert_eq!(pages[0].pieces.len(), 1);
        for page in &pages[1..] {
            assert_eq!(page.pieces.len(), 2, "headers and tile");
            assert_eq!(page.pieces[0].source.x, 0.0);
            assert_eq!(page.pieces[0].source.y, 40.0, "the title is not repeated");
            assert_eq!(page.pieces[0].source.width, 150.0);
        }
        // Nor is the legend below the lanes: the headers stop where the lanes do.
        let mut p = picture(4000.0, 400.0, 10.0);
        p.header_bottom = 300.0;
        for page in &plan(&p, Paper::A4)[1..] {
            assert_eq!(page.pieces[0].source.bottom(), 300.0);
        }
    }

    #[test]
    fn a_wide_low_picture_is_stacked_in_strips_on_one_page() {
        // 4000 × 100 px at 7 pt for 10 px text: four strips 70 pt high, not four pages.
        let pages = plan(&picture(4000.0, 100.0, 10.0), Paper::A4);
        assert_eq!(pages.len(), 1);
        let strips: Vec<&Piece> = pages[0].pieces.iter().filter(|p| !p.repeated).collect();
        assert_eq!(strips.len(), 4);
        assert!(
            strips.windows(2).all(|w| w[1].at.1 > w[0].at.1),
            "top to bottom"
        );
    }

    #[test]
    fn a_strip_with_nothing_in_it_is_not_printed() {
        // Boxes only in the first 1000 px of a 4000 px picture: one strip, not four.
        let mut p = picture(4000.0, 100.0, 10.0);
        p.boxes = vec![Rect {
            x: 200.0,
            y: 50.0,
            width: 120.0,
            height: 40.0,
        }];
        let pages = plan(&p, Paper::A4);
        assert_eq!(
            pages
                .iter()
                .flat_map(|p| &p.pieces)
                .filter(|p| !p.repeated)
                .count(),
            1
        );
    }

    #[test]
    fn a_cut_falls_between_boxes() {
        let mut p = picture(2000.0, 400.0, 10.0);
        // Boxes every 200 px, 120 wide: a free gap from 120 to 200, 320 to 400, …
        p.boxes = (0..10)
            .map(|i| Rect {
                x: i as f64 * 200.0,
                y: 50.0,
                width: 120.0,
                height: 40.0,
            })
            .collect();
        let pages = plan(&p, Paper::A4);
        for page in &pages {
            let tile = page.pieces.last().unwrap().source;
            for b in &p.boxes {
                let cut_through = |x: f64| x > b.x && x < b.right();
                assert!(
                    !cut_through(tile.x) && !cut_through(tile.right()),
                    "{tile:?} cuts {b:?}"
                );
            }
        }
    }

    proptest! {
        /// Every pixel of the picture is printed once, on a page it fits, with text at least
        /// MIN_TEXT_PT tall.
        #[test]
        fn tiles_cover_the_picture_legibly(
            w in 100.0f64..20_000.0,
            h in 100.0f64..8_000.0,
            font in 6.0f64..20.0,
            a3 in any::<bool>(),
        ) {
            let paper = if a3 { Paper::A3 } else { Paper::A4 };
            let (pw, ph) = paper.size();
            let m = paper.margin();
            let pages = plan(&picture(w, h, font), paper);
            let mut area = 0.0;
            for page in &pages {
                prop_assert!(page.scale * font >= MIN_TEXT_PT - 1e-9);
                let mut right: f64 = 0.0;
                for piece in &page.pieces {
                    let pr = piece.at.0 + piece.source.width * page.scale;
                    let pb = piece.at.1 + piece.source.height * page.scale;
                    prop_assert!(piece.at.0 >= m - 1e-6 && pr <= pw - m + 1e-6, "{piece:?} {pr}");
                    prop_assert!(piece.at.1 >= m - 1e-6 && pb <= ph - m + 1e-6, "{piece:?} {pb}");
                    right = right.max(pr);
                }
                for tile in page.pieces.iter().filter(|p| !p.repeated) {
                    area += tile.source.width * tile.source.height;
                }
                // Strips stacked on one page do not overlap.
                let mut strips: Vec<(f64, f64)> = page
                    .pieces
                    .iter()
                    .filter(|p| !p.repeated)
                    .map(|p| (p.at.1, p.at.1 + p.source.height * page.scale))
                    .collect();
                strips.sort_by(|a, b| a.0.total_cmp(&b.0));
                prop_assert!(strips.windows(2).all(|w| w[0].1 <= w[1].0 + 1e-6), "{strips:?}");
            }
            prop_assert!((area - w * h).abs() < 1e-6 * w * h, "covered {area} of {}", w * h);
        }
    }
}
