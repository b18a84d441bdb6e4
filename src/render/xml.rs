//! The one rule for text and numbers in the XML polku writes (SVG, BPMN, GraphML).

use std::borrow::Cow;

/// Text as XML 1.0 can hold it, the same in every document: characters it forbids even as
/// references (most C0 controls, U+FFFE, U+FFFF) become spaces. Tabs, line feeds and carriage
/// returns stay (the writers escape them in attributes).
pub fn text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(
            text.chars()
                .map(|c| if allowed(c) { c } else { ' ' })
                .collect(),
        )
    }
}

/// A coordinate: one decimal, never `NaN`, infinity or `-0`.
pub fn coordinate(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 {
        "0".to_string()
    } else if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_replaces_what_xml_cannot_hold_and_keeps_the_rest() {
        assert_eq!(text("a\u{0}b\u{1b}c\n\td\re"), "a b c\n\td\re");
        assert_eq!(text("\u{FFFE}ok"), " ok");
        assert!(matches!(text("tavallinen"), Cow::Borrowed(_)));
    }

    #[test]
    fn coordinates_have_one_decimal_and_no_negative_zero() {
        assert_eq!(coordinate(12.04), "12");
        assert_eq!(coordinate(12.06), "12.1");
        assert_eq!(coordinate(-0.04), "0");
        assert_eq!(coordinate(f64::NAN), "0");
        assert_eq!(coordinate(f64::INFINITY), "0");
        assert_eq!(coordinate(-3.25), "-3.3");
    }
}
