//! How wide text is drawn: the advance widths of the DejaVu Sans faces that the SVG names first
//! and the printed pictures embed (`assets/fonts/`), read with ttf-parser from the same bytes.
//!
//! Measuring with the real font, not a flat width per character, sizes every box, label and
//! gutter to its words: a name of narrow letters no longer gets the room of one of wide ones.
//! Browsers without DejaVu Sans fall back to Verdana, whose letters are about as wide; the
//! [`SLACK`] covers the difference and kerning.

use std::sync::LazyLock;

/// The weight a text is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// Room added to every measured width, as a factor: other fonts and renderers differ a little.
const SLACK: f64 = 1.05;

/// The width of a character the font has no glyph for, in ems (a wide letter's).
const MISSING_EM: f64 = 0.7;

/// Advance widths, in ems, of one face: a table for the Latin letters (every Finnish and
/// Swedish one), the font itself for the rest.
struct Face {
    face: ttf_parser::Face<'static>,
    latin: Vec<f64>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Option<Face> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let mut f = Face {
            face,
            latin: Vec::new(),
        };
        f.latin = (0u32..0x250)
            .map(|c| char::from_u32(c).map_or(MISSING_EM, |c| f.lookup(c)))
            .collect();
        Some(f)
    }

    fn lookup(&self, c: char) -> f64 {
        let per_em = f64::from(self.face.units_per_em());
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(MISSING_EM, |a| f64::from(a) / per_em)
    }

    fn em(&self, c: char) -> f64 {
        self.latin
            .get(c as usize)
            .copied()
            .unwrap_or_else(|| self.lookup(c))
    }
}

static REGULAR: LazyLock<Option<Face>> =
    LazyLock::new(|| Face::load(include_bytes!("../../../../assets/fonts/DejaVuSans.ttf")));
static BOLD: LazyLock<Option<Face>> = LazyLock::new(|| {
    Face::load(include_bytes!(
        "../../../../assets/fonts/DejaVuSans-Bold.ttf"
    ))
});

/// The width of `text` drawn at `size` px in `weight`, with [`SLACK`].
pub(crate) fn text_width(text: &str, size: f64, weight: Weight) -> f64 {
    let face = match weight {
        Weight::Regular => &*REGULAR,
        Weight::Bold => &*BOLD,
    };
    let ems: f64 = match face {
        Some(f) => text.chars().map(|c| f.em(c)).sum(),
        None => text.chars().count() as f64 * MISSING_EM,
    };
    ems * size * SLACK
}

#[cfg(test)]
mod tests {
    use super::{Weight, text_width};

    #[test]
    fn widths_follow_the_letters_and_the_weight() {
        let narrow = text_width("iiiiiiiiii", 12.0, Weight::Regular);
        let wide = text_width("WWWWWWWWWW", 12.0, Weight::Regular);
        assert!(narrow * 3.0 < wide, "{narrow} {wide}");
        let regular = text_width("Lastensuojelu", 12.0, Weight::Regular);
        let bold = text_width("Lastensuojelu", 12.0, Weight::Bold);
        assert!(bold > regular);
        // DejaVu Sans sets "Lastensuojelu" about 6.9 em wide (each letter's advance summed).
        assert!((regular / 12.0 / 1.05 - 6.9).abs() < 0.2, "{regular}");
        assert_eq!(text_width("", 12.0, Weight::Bold), 0.0);
        // Characters outside the table are measured from the font too.
        assert!(text_width("→", 12.0, Weight::Regular) > 0.0);
    }
}
