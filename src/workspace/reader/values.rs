//! Values as the reader checks and quotes them: numbers as written, vocabulary suggestions,
//! hidden characters in texts, ids and dates.

use std::ops::Range;

use super::FileCtx;
use crate::diagnostic::Code;
use crate::diagnostic::hidden::{escape, hidden_char};
use crate::model::Vocabulary;

/// An integer as its user wrote it, for messages: the digits with the radix prefix of TOML.
pub(super) fn written_integer(i: &toml::de::DeInteger) -> String {
    let (sign, digits) = match i.as_str().strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", i.as_str().trim_start_matches('+')),
    };
    let prefix = match i.radix() {
        16 => "0x",
        8 => "0o",
        2 => "0b",
        _ => "",
    };
    format!("{sign}{prefix}{digits}")
}

/// A TOML integer of any size as an `f64` (infinite when beyond it).
pub(super) fn integer_as_f64(i: &toml::de::DeInteger) -> Option<f64> {
    if let Ok(n) = i64::from_str_radix(i.as_str(), i.radix()) {
        return Some(n as f64);
    }
    if i.radix() == 10 {
        return i.as_str().parse::<f64>().ok();
    }
    // Hexadecimal, octal and binary integers are never negative in TOML.
    u128::from_str_radix(i.as_str().trim_start_matches('+'), i.radix())
        .map(|n| n as f64)
        .ok()
        .or(Some(f64::INFINITY))
}

/// A number as written, cut to a length a message can show (a file may hold 100,000 digits).
pub(super) fn shorten(written: &str) -> String {
    const MAX: usize = 40;
    let count = written.chars().count();
    if count <= MAX {
        return written.to_string();
    }
    let head: String = written.chars().take(20).collect();
    format!("{head}… ({count} characters)")
}

/// A number for a message: as Rust's `{}` writes it for everyday sizes, in exponent form when very
/// large or very small, because `{}` of `1e308` is 309 digits.
pub fn compact(n: f64) -> String {
    let size = n.abs();
    if size != 0.0 && !(1e-6..1e15).contains(&size) {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

/// The word of vocabulary `V` an unknown `value` most likely means, quoted for a message with
/// the label or synonym it was found by: "`warm_handoff` (Saattaen vaihtaen)".
pub fn suggest_word<V: Vocabulary>(value: &str) -> Option<String> {
    let (word, name) = V::closest(value)?;
    Some(if name == word {
        format!("`{word}`")
    } else {
        format!("`{word}` ({name})")
    })
}

/// A value of a file quoted in a message: hidden and control characters escaped
/// ([`escape`]) and cut after 100 characters, because a message names the value, it does
/// not reprint it (the source line under it shows where it is).
pub fn shown(value: &str) -> String {
    const MAX: usize = 100;
    let count = value.chars().count();
    if count <= MAX {
        return escape(value, true).into_owned();
    }
    let head: String = value.chars().take(MAX).collect();
    format!("{}… ({count} characters)", escape(&head, true))
}

/// Reports the first hidden character of a text (`what`, written at `span`): an error for a bidi
/// control, a warning for an invisible one, because either lets two different names look the
/// same. Points at the character itself when it is written raw in the file, else at the value.
pub(super) fn check_hidden(cx: &mut FileCtx, what: &str, span: Range<usize>, text: &str) {
    let mut found = text
        .chars()
        .enumerate()
        .filter_map(|(i, c)| hidden_char(c).map(|h| (i, c, h)));
    let Some((index, c, (reorders, name))) = found.next() else {
        return;
    };
    let more = found.count();
    // The same character earlier in the text, to find this one among the raw ones of the source.
    let earlier = text.chars().take(index).filter(|x| *x == c).count();
    let at = cx
        .text
        .get(span.clone())
        .and_then(|raw| raw.match_indices(c).nth(earlier))
        .map_or(span.clone(), |(offset, _)| {
            let start = span.start + offset;
            start..start + c.len_utf8()
        });
    let message = format!(
        "{what} contains U+{:04X} {name} (`{}`) at character {}{}",
        u32::from(c),
        escape(&c.to_string(), true),
        index + 1,
        match more {
            0 => String::new(),
            1 => ", and 1 more such character".into(),
            n => format!(", and {n} more such characters"),
        }
    );
    let d = if reorders {
        let d = cx.error(Code::BidiControl, at, message);
        d.label = Some("reorders how the text around it is shown".into());
        d
    } else {
        let d = cx.warning(Code::InvisibleCharacter, at, message);
        d.label = Some("an invisible character".into());
        d
    };
    d.help = Some(
        "remove it (retype the text if it came from a copy): it makes a text look different from what it is, so two different names can look the same"
            .into(),
    );
}

/// Why `id` is not a valid id: ids are kebab-case ASCII so they are stable in URLs, file names and
/// other tools.
pub fn check_id(id: &str) -> Result<(), &'static str> {
    if id.is_empty() {
        return Err("it is empty");
    }
    if id.len() > 80 {
        return Err("it is longer than 80 characters");
    }
    if !id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("it may only contain a–z, 0–9 and `-`");
    }
    if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Err("hyphens go between words, one at a time");
    }
    Ok(())
}

/// A valid id close to `id`: Finnish and Swedish letters folded, other characters made hyphens.
pub fn suggest_id(id: &str) -> String {
    let folded: String = id
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
            _ => '-',
        })
        .collect();
    let parts: Vec<&str> = folded.split('-').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        "my-id".into()
    } else {
        parts.join("-")
    }
}

pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| s.get(r).and_then(|p| p.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}
