//! The colours of every diagram, in one place, chosen so that colours that mean different things
//! can be told apart — by everyone, on screen and on paper.
//!
//! Twelve sectors cannot all get colours that stay distinguishable under colour-vision
//! deficiency (CIEDE2000 ≥ 15 between every pair, also as a deuteranope sees them), so sectors are
//! grouped into seven *families* of related services, one colour each, and the sectors within a
//! family are told apart by a pattern band across the top of their boxes ([`Pattern`]). One
//! colour, [`PROBLEM`], means "a problem here" (over capacity, a referral loop) and no sector uses
//! it; [`WARNING`] means "a risk" (near capacity, a crossing without an agreed protocol). The
//! tests below compute all of it.

use crate::model::Sector;

/// A problem: over capacity, a referral loop, the badge of a finding.
pub const PROBLEM: &str = "#B2182B";
/// A risk: utilisation near capacity, a handoff across organisations without a protocol.
pub const WARNING: &str = "#E69F00";
/// Text on light fills.
pub const DARK_INK: &str = "#1A1A1A";
/// Text on dark fills.
pub const LIGHT_INK: &str = "#FFFFFF";

/// Services that belong together in the field: one colour each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// Child welfare, family services, social work.
    Social,
    /// Education and pupil welfare.
    School,
    /// Primary and school health care.
    Health,
    /// Mental health services and specialist (hospital) care.
    Psychiatric,
    /// Substance-use services.
    Substance,
    /// Youth work.
    Youth,
    /// NGOs' support.
    Civic,
}

impl Family {
    /// Every family, in legend order.
    pub const ALL: [Family; 7] = [
        Family::Social,
        Family::School,
        Family::Health,
        Family::Psychiatric,
        Family::Substance,
        Family::Youth,
        Family::Civic,
    ];

    /// The family's fill colour.
    pub fn color(self) -> &'static str {
        match self {
            Family::Social => "#F2D0F0",
            Family::School => "#F3EC9C",
            Family::Health => "#006650",
            Family::Psychiatric => "#56B4E9",
            Family::Substance => "#5B3A8E",
            Family::Youth => "#FF4499",
            Family::Civic => "#906090",
        }
    }
}

/// How a sector is told apart from the others of its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// The family's first sector: the plain colour.
    Plain,
    /// Diagonal stripes across the top of the box.
    Stripes,
    /// Dots across the top of the box.
    Dots,
}

/// A sector's family and its pattern within it.
pub fn family(sector: Sector) -> (Family, Pattern) {
    use Pattern::*;
    match sector {
        Sector::ChildWelfare => (Family::Social, Plain),
        Sector::FamilyServices => (Family::Social, Stripes),
        Sector::SocialWork => (Family::Social, Dots),
        Sector::Education => (Family::School, Plain),
        Sector::PupilWelfare => (Family::School, Stripes),
        Sector::PrimaryHealth => (Family::Health, Plain),
        Sector::SchoolHealth => (Family::Health, Stripes),
        Sector::SpecialistCare => (Family::Psychiatric, Plain),
        Sector::MentalHealth => (Family::Psychiatric, Stripes),
        Sector::Substance => (Family::Substance, Plain),
        Sector::YouthWork => (Family::Youth, Plain),
        Sector::NgoSupport => (Family::Civic, Plain),
    }
}

/// A sector's fill colour: its family's.
pub fn sector_color(sector: Sector) -> &'static str {
    family(sector).0.color()
}

/// The text colour that reads best on `fill` (a `#RRGGBB` colour): by WCAG contrast, not by a
/// list, so a new colour cannot get unreadable text.
pub fn ink_on(fill: &str) -> &'static str {
    if contrast(fill, DARK_INK) >= contrast(fill, LIGHT_INK) {
        DARK_INK
    } else {
        LIGHT_INK
    }
}

/// True when text on this sector's colour is white.
pub fn dark_fill(sector: Sector) -> bool {
    ink_on(sector_color(sector)) == LIGHT_INK
}

/// Border colour for a utilisation: grey when fine, the warning near capacity, the problem over it.
pub fn heat_color(utilisation: Option<f64>) -> &'static str {
    match utilisation {
        Some(u) if u > 1.0 => PROBLEM,
        Some(u) if u > crate::analysis::bottlenecks::HIGH_UTILISATION => WARNING,
        _ => "#555555",
    }
}

/// Colour of edges on a referral loop.
pub const LOOP_COLOR: &str = PROBLEM;
/// Colour of boundary handoffs without a protocol.
pub const BOUNDARY_COLOR: &str = WARNING;

/// `#RRGGBB` as its three bytes; anything else is black (all colours here are literals).
pub(crate) fn rgb(hex: &str) -> [u8; 3] {
    let byte = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    [byte(1), byte(3), byte(5)]
}

fn linear(c: u8) -> f64 {
    let c = f64::from(c) / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// WCAG relative luminance.
fn luminance(hex: &str) -> f64 {
    let [r, g, b] = rgb(hex).map(linear);
    0.2126 * r + 0.7152 * g + 0.0722 * b
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// sRGB as a deuteranope sees it: Machado, Oliveira and Fernandes (2009), severity 1.0, on
    /// linear RGB.
    fn deuteranope(c: [u8; 3]) -> [u8; 3] {
        const M: [[f64; 3]; 3] = [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ];
        let l = c.map(linear);
        let encode = |v: f64| {
            let v = v.clamp(0.0, 1.0);
            let s = if v <= 0.0031308 {
                12.92 * v
            } else {
                1.055 * v.powf(1.0 / 2.4) - 0.055
            };
            (s * 255.0).round() as u8
        };
        let row = |i: usize| encode(M[i][0] * l[0] + M[i][1] * l[1] + M[i][2] * l[2]);
        [row(0), row(1), row(2)]
    }

    /// CIEDE2000 between two sRGB colours.
    fn delta_e(a: [u8; 3], b: [u8; 3]) -> f32 {
        let c = |[r, g, b]: [u8; 3]| rgb::RGB8::new(r, g, b);
        empfindung::cie00::diff(c(a), c(b))
    }

    /// The colours that mean different things: every family, the problem and the warning.
    fn meanings() -> Vec<(String, &'static str)> {
        let mut all: Vec<(String, &'static str)> = Family::ALL
            .iter()
            .map(|f| (format!("{f:?}"), f.color()))
            .collect();
        all.push(("problem".into(), PROBLEM));
        all.push(("warning".into(), WARNING));
        all
    }

    #[test]
    fn colours_that_mean_different_things_are_distinguishable_also_for_deuteranopes() {
        let all = meanings();
        let mut worst = (f32::MAX, String::new());
        for (i, (a, ca)) in all.iter().enumerate() {
            for (b, cb) in &all[i + 1..] {
                let (x, y) = (rgb(ca), rgb(cb));
                let seen = delta_e(x, y);
                let deut = delta_e(deuteranope(x), deuteranope(y));
                let d = seen.min(deut);
                if d < worst.0 {
                    worst = (
                        d,
                        format!("{a} {ca} / {b} {cb}: {seen:.1}, deuteranope {deut:.1}"),
                    );
                }
            }
        }
        assert!(worst.0 >= 15.0, "closest pair: {}", worst.1);
    }

    #[test]
    fn the_simulation_and_the_difference_are_the_published_ones() {
        // Pure red looks dark yellow-brown to a deuteranope, red and green nearly alike; the
        // difference is the crate's documented example.
        let red = deuteranope([255, 0, 0]);
        assert!(red[0] > 120 && red[1] > 90 && red[2] < 30, "{red:?}");
        let seen = delta_e([255, 0, 0], [0, 128, 0]);
        let deut = delta_e(red, deuteranope([0, 128, 0]));
        assert!(
            deut < seen / 3.0,
            "red and green nearly alike: {seen} → {deut}"
        );
        let d = delta_e([234, 76, 76], [76, 187, 234]);
        assert!((d - 58.90164).abs() < 1e-3, "{d}");
    }

    #[test]
    fn text_on_every_fill_has_at_least_aa_contrast() {
        for sector in Sector::ALL {
            let fill = sector_color(*sector);
            let c = contrast(fill, ink_on(fill));
            assert!(c >= 4.5, "{sector:?} {fill}: {c:.2}");
        }
    }

    #[test]
    fn no_sector_uses_the_problem_or_the_warning_colour_and_families_share_only_within() {
        for sector in Sector::ALL {
            let c = sector_color(*sector);
            assert_ne!(c, PROBLEM, "{sector:?}");
            assert_ne!(c, WARNING, "{sector:?}");
        }
        // Within a family every sector has its own pattern; at most eight families.
        assert!(Family::ALL.len() <= 8);
        for f in Family::ALL {
            let patterns: Vec<Pattern> = Sector::ALL
                .iter()
                .map(|s| family(*s))
                .filter(|(g, _)| *g == f)
                .map(|(_, p)| p)
                .collect();
            assert!(!patterns.is_empty(), "{f:?} has no sector");
            for (i, p) in patterns.iter().enumerate() {
                assert!(!patterns[i + 1..].contains(p), "{f:?}: {patterns:?}");
            }
        }
    }

    #[test]
    fn contrast_is_wcag_s() {
        assert!((contrast("#000000", "#FFFFFF") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#FFFFFF") - 4.48).abs() < 0.01);
    }
}
