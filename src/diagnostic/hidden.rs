//! Characters a report never prints as they are, found and escaped in one place for the loader's
//! messages and the terminal printer alike.
//!
//! Control characters could retitle or clear the terminal (ESC, BEL) or cut a line (NUL, CR);
//! bidi controls reorder the text around them and zero-width characters hide in it, so two
//! different names can look the same (the "Trojan Source" characters). Tab and line feed are
//! layout and stay in source lines.

use std::borrow::Cow;

/// A character that changes how text is shown without being seen itself, with its Unicode name;
/// `true` for bidi embeddings, overrides and isolates, which reorder the text around them
/// (the "Trojan Source" characters), `false` for zero-width characters and direction marks.
pub fn hidden_char(c: char) -> Option<(bool, &'static str)> {
    Some(match c {
        '\u{202A}' => (true, "LEFT-TO-RIGHT EMBEDDING"),
        '\u{202B}' => (true, "RIGHT-TO-LEFT EMBEDDING"),
        '\u{202C}' => (true, "POP DIRECTIONAL FORMATTING"),
        '\u{202D}' => (true, "LEFT-TO-RIGHT OVERRIDE"),
        '\u{202E}' => (true, "RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => (true, "LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => (true, "RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => (true, "FIRST STRONG ISOLATE"),
        '\u{2069}' => (true, "POP DIRECTIONAL ISOLATE"),
        '\u{200E}' => (false, "LEFT-TO-RIGHT MARK"),
        '\u{200F}' => (false, "RIGHT-TO-LEFT MARK"),
        '\u{061C}' => (false, "ARABIC LETTER MARK"),
        '\u{200B}' => (false, "ZERO WIDTH SPACE"),
        '\u{200C}' => (false, "ZERO WIDTH NON-JOINER"),
        '\u{200D}' => (false, "ZERO WIDTH JOINER"),
        '\u{2060}' => (false, "WORD JOINER"),
        '\u{FEFF}' => (false, "ZERO WIDTH NO-BREAK SPACE"),
        _ => return None,
    })
}

/// True for a character a report never prints as it is: a control character other than tab and
/// line feed, or a [`hidden_char`].
pub fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || hidden_char(c).is_some()
}

/// `text` with every [hidden](is_hidden) character written as an escape (`\u{202E}`, `\u{001B}`),
/// and line feeds too when `one_line` (a message, a label, a file name).
pub fn escape(text: &str, one_line: bool) -> Cow<'_, str> {
    let hide = |c: char| is_hidden(c) || (one_line && c == '\n');
    if !text.chars().any(hide) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hide(c) {
            out.push_str(&code(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The escape of one character: `\u{202E}`.
pub fn code(c: char) -> String {
    format!("\\u{{{:04X}}}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_are_escaped_and_layout_kept() {
        assert_eq!(
            escape("a\u{202E}b\u{200B}c\u{1b}", true),
            "a\\u{202E}b\\u{200B}c\\u{001B}"
        );
        assert_eq!(escape("Päijät-Häme", true), "Päijät-Häme");
        assert!(matches!(escape("plain", false), Cow::Borrowed(_)));
        assert_eq!(escape("a\tb\nc", false), "a\tb\nc");
        assert_eq!(escape("a\nb", true), "a\\u{000A}b");
    }
}
