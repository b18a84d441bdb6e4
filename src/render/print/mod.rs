//! Print-ready pictures without Graphviz or a browser: polku's own SVG drawn to PNG by resvg and
//! to PDF pages by svg2pdf, so the attachment of an Innokylä page is the picture the page shows.
//!
//! A key design decision: the fonts are embedded in the binary (DejaVu Sans, the first family
//! the SVG names; `assets/fonts/`), and no system font is read. The same picture then comes out
//! on a laptop, in CI and on a server without fonts, and the text measured by the layout is the
//! text drawn.
//!
//! Paper and tiling are planned by [`pages`]; this module only draws.

pub mod pages;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use pdf_writer::{Content, Finish, Name, Pdf, Rect as PdfRect, Ref, TextStr};
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use pages::Picture;
pub use pages::{MIN_TEXT_PT, Paper};

use super::diagram::layout::{Layout, Rect};

/// The fonts every printed picture is drawn with.
static FONTS: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut db = fontdb::Database::new();
    db.load_font_data(include_bytes!("../../../assets/fonts/DejaVuSans.ttf").to_vec());
    db.load_font_data(include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf").to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    Arc::new(db)
});

/// The most pixels a PNG may have (about 8000 × 4000): beyond that it is drawn smaller, so a
/// national ecosystem cannot ask for gigabytes.
const MAX_PIXELS: f64 = 32.0e6;
/// Pixels per SVG pixel in a PNG: twice, sharp on a high-density screen and in a document.
const PNG_ZOOM: f64 = 2.0;

/// Why a picture could not be printed. None of these should happen with polku's own SVG; they
/// are reported, never a panic.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The SVG could not be read.
    #[error("the diagram could not be read for printing: {0}")]
    Svg(#[from] usvg::Error),
    /// svg2pdf failed.
    #[error("the PDF could not be made: {0}")]
    Pdf(String),
    /// The PNG could not be drawn or encoded.
    #[error("the PNG could not be made: {0}")]
    Png(String),
}

/// Parses an SVG with the embedded fonts.
fn tree(svg: &str) -> Result<usvg::Tree, Error> {
    let options = usvg::Options {
        fontdb: FONTS.clone(),
        font_family: "DejaVu Sans".to_string(),
        ..usvg::Options::default()
    };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// The smallest font size of any text in the picture, in its pixels (after transforms).
pub fn smallest_font(tree: &usvg::Tree) -> Option<f64> {
    fn walk(group: &usvg::Group, min: &mut Option<f64>) {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => walk(g, min),
                usvg::Node::Text(t) => {
                    let (sx, sy) = t.abs_transform().get_scale();
                    let zoom = f64::from((sx * sy).abs().sqrt());
                    for span in t.chunks().iter().flat_map(|c| c.spans()) {
                        let size = f64::from(span.font_size().get()) * zoom;
                        *min = Some(min.map_or(size, |m: f64| m.min(size)));
                    }
                }
                _ => {}
            }
        }
    }
    let mut min = None;
    walk(tree.root(), &mut min);
    min
}

/// What the planner needs of a drawn picture and its layout.
fn picture(tree: &usvg::Tree, layout: Option<&Layout>) -> Picture {
    let size = tree.size();
    let (header_right, header_span, boxes, lane_breaks) = match layout {
        Some(l) => (
            l.lanes
                .iter()
                .map(|lane| lane.rect.x + lane.header_width)
                .fold(0.0, f64::max),
            // The lanes may be stacked in another order than the view lists them.
            (
                l.lanes
                    .iter()
                    .map(|lane| lane.rect.y)
                    .fold(f64::INFINITY, f64::min),
                l.lanes
                    .iter()
                    .map(|lane| lane.rect.bottom())
                    .fold(0.0, f64::max),
            ),
            // Boxes, edge labels and the legend's entries: no cut runs through a word.
            l.nodes
                .iter()
                .map(|n| n.rect)
                .chain(
                    l.edges
                        .iter()
                        .filter(|e| !e.label_lines.is_empty())
                        .filter_map(|e| e.label),
                )
                .chain(l.legend_items.iter().map(|i| i.rect))
                .collect(),
            l.lanes.iter().map(|lane| lane.rect.bottom()).collect(),
        ),
        None => (0.0, (0.0, 0.0), Vec::new(), Vec::new()),
    };
    let (header_top, header_bottom) = if header_span.0.is_finite() {
        header_span
    } else {
        (0.0, 0.0)
    };
    Picture {
        width: f64::from(size.width()),
        height: f64::from(size.height()),
        min_font: smallest_font(tree).unwrap_or(12.0),
        header_right,
        header_top,
        header_bottom,
        title: layout.map_or_else(Rect::default, |l| l.title),
        // The legend's entries (and its heading), not its band across the lanes' width.
        legend: layout.map_or_else(Rect::default, |l| {
            let right = l
                .legend_items
                .iter()
                .map(|i| i.rect.right())
                .fold(l.legend.x + 120.0, f64::max);
            Rect {
                width: right - l.legend.x,
                ..l.legend
            }
        }),
        boxes,
        lane_breaks,
    }
}

/// The SVG as a PNG at twice its size (less for a picture so large it would pass [`MAX_PIXELS`]).
pub fn png(svg: &str) -> Result<Vec<u8>, Error> {
    let tree = tree(svg)?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let zoom = PNG_ZOOM.min((MAX_PIXELS / (w * h)).sqrt());
    let (pw, ph) = ((w * zoom).ceil() as u32, (h * zoom).ceil() as u32);
    let mut pixmap = tiny_skia::Pixmap::new(pw.max(1), ph.max(1))
        .ok_or_else(|| Error::Png(format!("no canvas of {pw} × {ph} pixels")))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(zoom as f32, zoom as f32),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| Error::Png(e.to_string()))
}

/// The SVG as a PDF on landscape pages of `paper`: one page when it fits with text of at least
/// [`MIN_TEXT_PT`], else tiles with the lane headers repeated. `layout` is the layout the SVG
/// was drawn from, for the lane headers and for cuts between boxes; without it tiles are cut
/// evenly. The diagram is one XObject drawn clipped on each page, so tiling does not repeat it.
pub fn pdf(
    svg: &str,
    layout: Option<&Layout>,
    paper: Paper,
    title: &str,
) -> Result<Vec<u8>, Error> {
    let tree = tree(svg)?;
    let picture = picture(&tree, layout);
    let plan = pages::plan(&picture, paper);
    let (page_w, page_h) = paper.size();

    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let page_tree = alloc.bump();
    let (chunk, svg_ref) = svg2pdf::to_chunk(&tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| Error::Pdf(e.to_string()))?;
    let mut renumbered = HashMap::new();
    let chunk = chunk.renumber(|old| *renumbered.entry(old).or_insert_with(|| alloc.bump()));
    let svg_id = renumbered[&svg_ref];
    let ids: Vec<(Ref, Ref)> = plan.iter().map(|_| (alloc.bump(), alloc.bump())).collect();

    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree)
        .kids(ids.iter().map(|(page, _)| *page))
        .count(plan.len() as i32);
    let name = Name(b"Diagram");
    for (page, &(page_id, content_id)) in plan.iter().zip(&ids) {
        let mut writer = pdf.page(page_id);
        writer.media_box(PdfRect::new(0.0, 0.0, page_w as f32, page_h as f32));
        writer.parent(page_tree);
        writer.contents(content_id);
        writer.resources().x_objects().pair(name, svg_id);
        writer.finish();
        let mut content = Content::new();
        for piece in &page.pieces {
            draw_piece(&mut content, name, &picture, page.scale, piece, page_h);
        }
        pdf.stream(content_id, &content.finish());
    }
    pdf.extend(&chunk);
    pdf.document_info(alloc.bump())
        .title(TextStr(title))
        .producer(TextStr("polku"));
    Ok(pdf.finish())
}

/// Draws one piece of the picture: clipped to its rectangle, the whole XObject scaled and moved
/// so the piece's source lands at its place. PDF's y axis points up; the picture's down.
fn draw_piece(
    content: &mut Content,
    name: Name,
    picture: &Picture,
    scale: f64,
    piece: &pages::Piece,
    page_h: f64,
) {
    let Rect {
        x: sx,
        y: sy,
        width: sw,
        height: shh,
    } = piece.source;
    let (w, h) = (sw * scale, shh * scale);
    let left = piece.at.0;
    let top = page_h - piece.at.1;
    content.save_state();
    content.rect(left as f32, (top - h) as f32, w as f32, h as f32);
    content.clip_nonzero();
    content.end_path();
    let tx = left - sx * scale;
    let ty = top - (picture.height - sy) * scale;
    content.transform([
        (picture.width * scale) as f32,
        0.0,
        0.0,
        (picture.height * scale) as f32,
        tx as f32,
        ty as f32,
    ]);
    content.x_object(name);
    content.restore_state();
}
