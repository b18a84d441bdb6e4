//! Figures as pages and reports write them, in one place.

/// An age range as people write it: `13–17`, `18–`, `–12`.
pub fn ages(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}–"),
        (None, Some(b)) => format!("–{b}"),
        (None, None) => String::new(),
    }
}

/// A figure with at most one decimal: `3`, `0.5`.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
