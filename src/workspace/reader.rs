//! Typed reading of one TOML table, collecting a diagnostic for every problem.
//!
//! A key design decision made in this module is not to deserialise with serde: serde stops at the
//! first error of a document, and users must see every problem of every file in one run. Instead a
//! [`TableReader`] walks the spanned tree the `toml` crate parses, is asked for each field by name
//! and type, and afterwards reports every key nobody asked for as unknown, with a did-you-mean from
//! the keys that were asked for. So the list of known fields is exactly the code that reads them.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, FileId, Origin, did_you_mean};
use crate::model::{DayUnit, Duration, LocalText, Vocabulary};

mod values;

use values::*;
pub use values::{check_id, compact, shown, suggest_id, suggest_word};

/// Where the diagnostics of one file go while it is read.
pub struct FileCtx<'a> {
    /// The file being read.
    pub file: FileId,
    /// The file's text, to find the line a table starts on.
    pub text: &'a str,
    /// Every diagnostic found so far.
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl FileCtx<'_> {
    /// An origin in this file.
    pub fn origin(&self, span: Range<usize>) -> Origin {
        Origin {
            file: self.file,
            span,
        }
    }

    /// Records an error.
    pub fn error(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::error(code, self.origin(span), message);
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Records a warning.
    pub fn warning(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = Diagnostic::warning(code, self.origin(span), message);
        self.diagnostics.push(d);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// The first line of `span`: where a table's header is, so that an error about a whole table
    /// underlines one line rather than the whole table.
    pub fn head(&self, span: Range<usize>) -> Range<usize> {
        let start = span.start.min(self.text.len());
        let end = self.text[start..]
            .find('\n')
            .map_or(span.end, |n| (start + n).min(span.end));
        start..end.max(start)
    }
}

/// A name for what a TOML value is, as users see it.
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        // nan and inf are written as floats but are no "number with decimals".
        DeValue::Float(f) if f.as_str().to_ascii_lowercase().contains("nan") => "nan",
        DeValue::Float(f) if f.as_str().to_ascii_lowercase().contains("inf") => "infinity",
        DeValue::Float(_) => "a number with decimals",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Reads the fields of one table. Create one per table, ask for each field, then [`finish`].
///
/// [`finish`]: TableReader::finish
pub struct TableReader<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    what: String,
    /// Dotted path of the table in the format (`service.eligibility`), for the schema test.
    path: String,
    asked: Vec<String>,
}

#[cfg(test)]
thread_local! {
    /// Every table read on this thread with the keys asked of it: lets the schema test compare the
    /// loader's fields with the schema's.
    pub static KNOWN_FIELDS: std::cell::RefCell<Vec<(String, Vec<String>)>> = Default::default();
}

impl<'t, 'i> TableReader<'t, 'i> {
    /// A reader for `table`, written at `span`; `what` names it in messages ("service", "pathway").
    pub fn new(table: &'t DeTable<'i>, span: Range<usize>, what: impl Into<String>) -> Self {
        let what = what.into();
        TableReader {
            table,
            span,
            path: what.clone(),
            what,
            asked: Vec::new(),
        }
    }

    /// What this table is, for messages.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// Where the table is written.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// Names the table in messages after its id is known ("service `nuorisoasema`").
    pub fn set_name(&mut self, id: &str) {
        if !self.what.contains('`') {
            self.what = format!("{} `{id}`", self.what);
        }
    }

    fn take(&mut self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.asked.push(key.to_owned());
        self.table.get(key)
    }

    /// The raw value of `key`, recorded as known; for tables whose shape the caller checks itself.
    pub fn raw(&mut self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.take(key)
    }

    /// True when the table has `key`; does not record it as known.
    pub fn contains(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// True when the table has `key` (and records it as known).
    pub fn has(&mut self, key: &str) -> bool {
        self.take(key).is_some()
    }

    fn wrong_type(
        &self,
        cx: &mut FileCtx,
        key: &str,
        value: &Spanned<DeValue>,
        expected: &str,
        example: &str,
    ) {
        let found = type_name(value.get_ref());
        cx.error(
            Code::WrongType,
            value.span(),
            format!("`{key}` in {} must be {expected}, not {found}", self.what),
        )
        .label = Some(format!("expected {expected}"));
        if let Some(d) = cx.diagnostics.last_mut() {
            d.help = Some(format!("write it like this: {key} = {example}"));
        }
    }

    fn missing(&self, cx: &mut FileCtx, key: &str, example: &str) {
        let span = cx.head(self.span.clone());
        let d = cx.error(
            Code::MissingField,
            span,
            format!("{} has no `{key}`, which is required", self.what),
        );
        d.label = Some(format!("`{key}` missing here"));
        d.help = Some(format!("add a line: {key} = {example}"));
    }

    /// An optional string.
    pub fn string(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<String>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(value.span(), s.to_string())),
            _ => {
                self.wrong_type(cx, key, value, "a string", "\"…\"");
                None
            }
        }
    }

    /// An optional string that people read (a region, a contact, a law): checked for hidden
    /// characters like the texts are.
    pub fn label(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<String>> {
        let s = self.string(cx, key)?;
        check_hidden(
            cx,
            &format!("`{key}` of {}", self.what),
            s.span(),
            s.get_ref(),
        );
        Some(s)
    }

    /// A required string.
    pub fn required_string(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<String>> {
        if !self.table.contains_key(key) {
            self.asked.push(key.to_owned());
            self.missing(cx, key, "\"…\"");
            return None;
        }
        self.string(cx, key)
    }

    /// The table's required `id`, checked to be kebab-case ASCII.
    pub fn id(&mut self, cx: &mut FileCtx) -> Option<Spanned<String>> {
        if !self.table.contains_key("id") {
            self.asked.push("id".to_owned());
            self.missing(cx, "id", "\"a-kebab-case-id\"");
            return None;
        }
        let id = self.string(cx, "id")?;
        if let Err(why) = check_id(id.get_ref()) {
            let suggestion = suggest_id(id.get_ref());
            let d = cx.error(
                Code::InvalidId,
                id.span(),
                format!("invalid id `{}`: {why}", shown(id.get_ref())),
            );
            d.label = Some("not a kebab-case id".into());
            d.help = Some(format!(
                "ids use lower-case a–z, digits and single hyphens, e.g. `{suggestion}`"
            ));
            return None;
        }
        self.set_name(id.get_ref());
        Some(id)
    }

    /// Human text: a plain string or a `{ fi, sv, en }` table.
    pub fn text(&mut self, cx: &mut FileCtx, key: &str) -> LocalText {
        match self.take(key) {
            Some(value) => self.local_text(cx, key, value).unwrap_or_default(),
            None => LocalText::default(),
        }
    }

    /// Required human text.
    pub fn required_text(&mut self, cx: &mut FileCtx, key: &str) -> Option<LocalText> {
        if !self.table.contains_key(key) {
            self.asked.push(key.to_owned());
            self.missing(cx, key, "\"…\" or { fi = \"…\", sv = \"…\", en = \"…\" }");
            return None;
        }
        let value = self.take(key)?;
        self.local_text(cx, key, value)
    }

    /// A list of human texts.
    pub fn text_list(&mut self, cx: &mut FileCtx, key: &str) -> Vec<LocalText> {
        let Some(items) = self.array(cx, key, "[\"…\", { fi = \"…\", sv = \"…\" }]") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| self.local_text(cx, key, item))
            .collect()
    }

    fn local_text(
        &self,
        cx: &mut FileCtx,
        key: &str,
        value: &Spanned<DeValue>,
    ) -> Option<LocalText> {
        match value.get_ref() {
            DeValue::String(s) => {
                check_hidden(cx, &format!("`{key}` of {}", self.what), value.span(), s);
                Some(LocalText::plain(s.to_string()))
            }
            DeValue::Table(t) => {
                let mut r = TableReader::new(t, value.span(), format!("`{key}` of {}", self.what));
                let lang = |r: &mut TableReader, cx: &mut FileCtx, lang: &str| {
                    let text = r.string(cx, lang)?;
                    let what = format!("`{key}.{lang}` of {}", self.what);
                    check_hidden(cx, &what, text.span(), text.get_ref());
                    Some(text.into_inner())
                };
                let text = LocalText {
                    plain: None,
                    fi: lang(&mut r, cx, "fi"),
                    sv: lang(&mut r, cx, "sv"),
                    en: lang(&mut r, cx, "en"),
                };
                r.finish(cx);
                Some(text)
            }
            _ => {
                self.wrong_type(
                    cx,
                    key,
                    value,
                    "text (a string or a { fi, sv, en } table)",
                    "{ fi = \"…\", sv = \"…\", en = \"…\" }",
                );
                None
            }
        }
    }

    fn array(
        &mut self,
        cx: &mut FileCtx,
        key: &str,
        example: &str,
    ) -> Option<&'t [Spanned<DeValue<'i>>]> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Array(items) => Some(items),
            _ => {
                self.wrong_type(cx, key, value, "a list", example);
                None
            }
        }
    }

    /// A list of strings (ids, codes).
    pub fn string_list(&mut self, cx: &mut FileCtx, key: &str) -> Vec<Spanned<String>> {
        let Some(items) = self.array(cx, key, "[\"…\", \"…\"]") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(s) => Some(Spanned::new(item.span(), s.to_string())),
                _ => {
                    self.wrong_type(cx, key, item, "a list of strings", "[\"…\", \"…\"]");
                    None
                }
            })
            .collect()
    }

    /// A TOML integer as written: its value, or its text when it does not fit in an `i64`.
    fn whole(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<Result<i64, String>>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Integer(i) => Some(Spanned::new(
                value.span(),
                i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| written_integer(i)),
            )),
            _ => {
                self.wrong_type(cx, key, value, "a whole number", "15");
                None
            }
        }
    }

    /// An optional integer. One beyond what an `i64` holds is reported as too large (or too
    /// small), not as "not an integer": it is one, and the user must learn the allowed range.
    pub fn integer(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<i64>> {
        let n = self.whole(cx, key)?;
        let span = n.span();
        match n.into_inner() {
            Ok(n) => Some(Spanned::new(span, n)),
            Err(text) => {
                let what = if text.starts_with('-') {
                    "too small"
                } else {
                    "too large"
                };
                let d = cx.error(
                    Code::InvalidValue,
                    span,
                    format!("`{key}` in {} is {what}: {}", self.what, shorten(&text)),
                );
                d.label = Some(format!(
                    "whole numbers here go from {} to {}",
                    i64::MIN,
                    i64::MAX
                ));
                d.help = Some("write a whole number within that range".into());
                None
            }
        }
    }

    /// An optional number (integer or decimal). `nan` and `inf` are refused as what they are,
    /// not as "a number with decimals" (which they are written as, but which is allowed), and a
    /// number too large for an `f64` as too large.
    pub fn number(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<f64>> {
        let value = self.take(key)?;
        let (parsed, written) = match value.get_ref() {
            DeValue::Integer(i) => (integer_as_f64(i), written_integer(i)),
            DeValue::Float(f) => {
                let text = f.as_str().replace('_', "");
                (text.parse::<f64>().ok(), text)
            }
            _ => {
                self.wrong_type(cx, key, value, "a number", "12.5");
                return None;
            }
        };
        let n = parsed.unwrap_or(f64::INFINITY);
        if n.is_finite() {
            return Some(Spanned::new(value.span(), n));
        }
        let lower = written.to_ascii_lowercase();
        let (message, label) = if lower.contains("nan") || lower.contains("inf") {
            (
                format!(
                    "`{key}` in {} is not a finite number: `{}`",
                    self.what,
                    shorten(&written)
                ),
                "nan and inf are not amounts",
            )
        } else {
            (
                format!(
                    "`{key}` in {} is too large: `{}`",
                    self.what,
                    shorten(&written)
                ),
                "numbers here are at most about 1.8e308",
            )
        };
        let d = cx.error(Code::InvalidValue, value.span(), message);
        d.label = Some(label.into());
        d.help = Some(format!("write an amount, e.g. {key} = 12.5"));
        None
    }

    /// An optional number that must not be negative.
    pub fn non_negative(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<f64>> {
        let n = self.number(cx, key)?;
        if *n.get_ref() < 0.0 {
            let d = cx.error(
                Code::NegativeValue,
                n.span(),
                format!(
                    "`{key}` in {} is negative ({})",
                    self.what,
                    compact(*n.get_ref())
                ),
            );
            d.label = Some("must be 0 or more".into());
            d.help = Some(format!(
                "write the {} as a positive number",
                key.replace('_', " ")
            ));
            return None;
        }
        Some(n)
    }

    /// An optional age in whole years, 0 to 130; the message says which bound it breaks.
    pub fn age(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<u32>> {
        let n = self.whole(cx, key)?;
        let span = n.span();
        let (shown, below) = match n.into_inner() {
            Ok(age) if (0..=130).contains(&age) => {
                return u32::try_from(age).ok().map(|a| Spanned::new(span, a));
            }
            Ok(age) => (age.to_string(), age < 0),
            Err(text) => {
                let below = text.starts_with('-');
                (shorten(&text), below)
            }
        };
        let bound = if below { "below 0" } else { "above 130" };
        let d = cx.error(
            Code::AgeRange,
            span,
            format!("`{key}` in {} is not an age: {shown} is {bound}", self.what),
        );
        d.label = Some("ages are whole years from 0 to 130".into());
        d.help = Some(format!("write the age in years, e.g. {key} = 17"));
        None
    }

    /// An optional boolean.
    pub fn boolean(&mut self, cx: &mut FileCtx, key: &str) -> Option<bool> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(cx, key, value, "true or false", "true");
                None
            }
        }
    }

    /// An optional word from a fixed vocabulary.
    pub fn word<V: Vocabulary>(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<V>> {
        let s = self.string(cx, key)?;
        self.parse_word(cx, &s)
    }

    /// A required word from a fixed vocabulary.
    pub fn required_word<V: Vocabulary>(
        &mut self,
        cx: &mut FileCtx,
        key: &str,
    ) -> Option<Spanned<V>> {
        if !self.table.contains_key(key) {
            self.asked.push(key.to_owned());
            let example = format!("\"{}\"", V::words()[0]);
            self.missing(cx, key, &example);
            if let Some(d) = cx.diagnostics.last_mut() {
                d.help = Some(format!(
                    "add a line: {key} = {example} (one of: {})",
                    V::words().join(", ")
                ));
            }
            return None;
        }
        self.word(cx, key)
    }

    /// A list of words from a fixed vocabulary.
    pub fn word_list<V: Vocabulary>(&mut self, cx: &mut FileCtx, key: &str) -> Vec<V> {
        self.string_list(cx, key)
            .iter()
            .filter_map(|s| self.parse_word(cx, s).map(Spanned::into_inner))
            .collect()
    }

    fn parse_word<V: Vocabulary>(
        &self,
        cx: &mut FileCtx,
        s: &Spanned<String>,
    ) -> Option<Spanned<V>> {
        if let Some(v) = V::parse(s.get_ref()) {
            return Some(Spanned::new(s.span(), v));
        }
        let words = V::words();
        let d = cx.error(
            Code::UnknownValue,
            s.span(),
            format!(
                "unknown {} `{}` in {}",
                V::WHAT,
                shown(s.get_ref()),
                self.what
            ),
        );
        d.label = Some(format!("not a known {}", V::WHAT));
        d.help = Some(match suggest_word::<V>(s.get_ref()) {
            Some(m) => format!("did you mean {m}? allowed: {}", words.join(", ")),
            None => format!("allowed: {}", words.join(", ")),
        });
        None
    }

    /// A duration whose unit is in the field name: `{base}_days`, `{base}_working_days` or
    /// `{base}_school_days`. Writing more than one is an error.
    pub fn duration(&mut self, cx: &mut FileCtx, base: &str) -> Option<Spanned<Duration>> {
        let mut found: Option<(Spanned<Duration>, String)> = None;
        for unit in DayUnit::ALL {
            let key = format!("{base}{}", unit.suffix());
            if let Some(n) = self.non_negative(cx, &key) {
                let here = Spanned::new(
                    n.span(),
                    Duration {
                        amount: *n.get_ref(),
                        unit,
                    },
                );
                if let Some((first, first_key)) = &found {
                    let d = cx.error(
                        Code::ConflictingFields,
                        here.span(),
                        format!("{} gives both `{first_key}` and `{key}`", self.what),
                    );
                    d.label = Some("second value here".into());
                    d.help = Some("keep one: the unit is in the field name".into());
                    let origin = cx.origin(first.span());
                    if let Some(d) = cx.diagnostics.last_mut() {
                        d.related.push(crate::diagnostic::Related {
                            origin,
                            message: "first value here".into(),
                        });
                    }
                    continue;
                }
                found = Some((here, key));
            }
        }
        found.map(|(d, _)| d)
    }

    /// A date: a TOML local date (`2024-05-16`) or the same in a string.
    pub fn date(&mut self, cx: &mut FileCtx, key: &str) -> Option<Spanned<String>> {
        let value = self.take(key)?;
        let text = match value.get_ref() {
            DeValue::Datetime(d) if d.date.is_some() && d.time.is_none() => {
                return Some(Spanned::new(value.span(), d.to_string()));
            }
            DeValue::String(s) => s.to_string(),
            _ => {
                self.wrong_type(cx, key, value, "a date", "2024-05-16");
                return None;
            }
        };
        if is_iso_date(&text) {
            Some(Spanned::new(value.span(), text))
        } else {
            let d = cx.error(
                Code::InvalidValue,
                value.span(),
                format!("`{key}` in {} is not a date: `{}`", self.what, shown(&text)),
            );
            d.label = Some("expected YYYY-MM-DD".into());
            d.help = Some(format!("write the date as {key} = 2024-05-16"));
            None
        }
    }

    /// A sub-table, to read with its own reader.
    pub fn table(&mut self, cx: &mut FileCtx, key: &str) -> Option<TableReader<'t, 'i>> {
        let value = self.take(key)?;
        match value.get_ref() {
            DeValue::Table(t) => {
                let mut r = TableReader::new(t, value.span(), format!("`{key}` of {}", self.what));
                r.path = format!("{}.{key}", self.path);
                Some(r)
            }
            _ => {
                self.wrong_type(cx, key, value, "a table", "{ … }");
                None
            }
        }
    }

    /// Reports every key that was not asked for as unknown, with a did-you-mean.
    pub fn finish(self, cx: &mut FileCtx) {
        self.finish_as(cx, Code::UnknownField, "field", "not a field of this table");
    }

    /// Like [`finish`](TableReader::finish), for a table whose keys name things rather than
    /// fields (the sections of `[documentation.titles]`): an unknown key is reported with `code`
    /// as an unknown `noun`, with `label` under it and a did-you-mean from the keys asked for.
    pub fn finish_as(self, cx: &mut FileCtx, code: Code, noun: &str, label: &str) {
        #[cfg(test)]
        KNOWN_FIELDS.with(|k| k.borrow_mut().push((self.path.clone(), self.asked.clone())));
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !self.asked.iter().any(|a| a == k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        for (key, _) in unknown {
            let name = key.get_ref();
            let d = cx.error(
                code,
                key.span(),
                format!("unknown {noun} `{}` in {}", shown(name), self.what),
            );
            d.label = Some(label.into());
            d.help = Some(
                match did_you_mean(name, self.asked.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => {
                        let mut known = self.asked.clone();
                        known.dedup();
                        format!("the {noun}s here are: {}", known.join(", "))
                    }
                },
            );
        }
    }
}

#[cfg(test)]
mod tests;
