//! Diagnostics as rustc-style terminal reports (codespan-reporting) and as JSON for editors and CI.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, FileId, Severity, SourceFile, Sources};

use crate::diagnostic::hidden::{code, escape, is_hidden};

/// A line longer than this (in characters) is shown only around the problem.
const LONG_LINE: usize = 160;
/// Characters shown on either side of a problem in a long line.
const CONTEXT: usize = 60;
/// A label spanning more lines than this is shown on its first line only.
const MAX_LABEL_LINES: usize = 8;

/// One stretch of an [`Excerpt`]'s text and the original bytes it shows.
#[derive(Debug)]
struct Piece {
    /// Bytes of the original file.
    orig: std::ops::Range<usize>,
    /// Where its text starts in the excerpt.
    shown: usize,
    /// True when the text is the original bytes; false for an escape or a `…` for a cut.
    verbatim: bool,
}

/// What a report shows of one source file for one diagnostic: only the lines its labels touch,
/// with hidden characters escaped and long lines cut to the part around the problem. Built per
/// diagnostic, so printing is proportional to what is shown, never to the size of the file, and a
/// file's text reaches the terminal only as the lines of its problems.
#[derive(Debug)]
struct Excerpt {
    name: String,
    text: String,
    /// The original 0-based line index of each shown line, and its range in `text`.
    lines: Vec<(usize, std::ops::Range<usize>)>,
    pieces: Vec<Piece>,
}

impl Excerpt {
    /// The excerpt of `file` that shows the byte ranges `spans` (already clamped).
    fn new(file: &SourceFile, spans: &[std::ops::Range<usize>]) -> Excerpt {
        let mut wanted: Vec<usize> = Vec::new();
        for span in spans {
            let first = file.line_index(span.start);
            let last = file.line_index(span.end.max(span.start + 1) - 1).max(first);
            wanted.extend(first..=last);
        }
        wanted.sort_unstable();
        wanted.dedup();
        // codespan-reporting shows a single line between two labelled ones rather than a gap.
        let between: Vec<usize> = wanted
            .windows(2)
            .filter(|w| w[1] == w[0] + 2)
            .map(|w| w[0] + 1)
            .collect();
        wanted.extend(between);
        wanted.sort_unstable();
        let mut excerpt = Excerpt {
            name: escape(&file.path.display().to_string(), true).into_owned(),
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
            pieces: Vec::new(),
        };
        for line in wanted {
            let range = file.line_range(line);
            let start = excerpt.text.len();
            let windows = windows(&file.text, range.clone(), spans);
            let mut at = range.start;
            for window in windows {
                if window.start > at {
                    excerpt.cut(at..window.start);
                }
                excerpt.copy(&file.text, window.clone());
                at = window.end;
            }
            if at < range.end {
                excerpt.cut(at..range.end);
            }
            if file.text[range.end..].starts_with('\n') {
                excerpt.verbatim(&file.text, range.end..range.end + 1);
            }
            excerpt.lines.push((line, start..excerpt.text.len()));
        }
        excerpt
    }

    /// Shows the original bytes `range`, escaping hidden characters.
    fn copy(&mut self, text: &str, range: std::ops::Range<usize>) {
        let mut run = range.start;
        for (i, c) in text[range.clone()].char_indices() {
            let i = range.start + i;
            // A line break's carriage return is layout, not a hidden character.
            let crlf = c == '\r' && text[i + 1..].starts_with('\n');
            if is_hidden(c) && !crlf {
                self.verbatim(text, run..i);
                self.pieces.push(Piece {
                    orig: i..i + c.len_utf8(),
                    shown: self.text.len(),
                    verbatim: false,
                });
                self.text.push_str(&code(c));
                run = i + c.len_utf8();
            }
        }
        self.verbatim(text, run..range.end);
    }

    fn verbatim(&mut self, text: &str, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.pieces.push(Piece {
            orig: range.clone(),
            shown: self.text.len(),
            verbatim: true,
        });
        self.text.push_str(&text[range]);
    }

    /// Leaves out the original bytes `range` of a long line, showing `…` in their place (and the
    /// line break, when the range held it).
    fn cut(&mut self, range: std::ops::Range<usize>) {
        self.pieces.push(Piece {
            orig: range,
            shown: self.text.len(),
            verbatim: false,
        });
        self.text.push('…');
    }

    /// The excerpt offset that shows the original offset `offset`.
    fn shown(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.orig.start <= offset);
        match i.checked_sub(1).map(|i| &self.pieces[i]) {
            Some(p) if offset < p.orig.end && p.verbatim => p.shown + (offset - p.orig.start),
            Some(p) if offset < p.orig.end => p.shown,
            Some(p) => {
                // Just past a piece: the end of what it shows.
                let end = self.pieces.get(i).map_or(self.text.len(), |n| n.shown);
                if p.verbatim {
                    (p.shown + p.orig.len()).min(end)
                } else {
                    end
                }
            }
            None => 0,
        }
    }

    /// The original offset that the excerpt offset `shown` shows.
    fn original(&self, shown: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.shown <= shown);
        match i.checked_sub(1).map(|i| &self.pieces[i]) {
            Some(p) if p.verbatim => (p.orig.start + (shown - p.shown)).min(p.orig.end),
            Some(p) => p.orig.start,
            None => 0,
        }
    }
}

/// The parts of the line `line` of `text` to show: the whole line when it is short, else the
/// stretches around the spans on it, merged where they meet. Ends fall on character boundaries.
fn windows(
    text: &str,
    line: std::ops::Range<usize>,
    spans: &[std::ops::Range<usize>],
) -> Vec<std::ops::Range<usize>> {
    let body = &text[line.clone()];
    if body.len() <= LONG_LINE || body.chars().count() <= LONG_LINE {
        return vec![line];
    }
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    // CONTEXT characters are at most 4 × CONTEXT bytes; counting bytes keeps this cheap on
    // lines of megabytes.
    let reach = CONTEXT;
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for span in spans {
        if span.end < line.start || span.start > line.end {
            continue;
        }
        let start = span.start.max(line.start);
        let end = span.end.min(line.end).min(start + LONG_LINE);
        let from = floor(start.saturating_sub(reach).max(line.start));
        let to = ceil((end + reach).min(line.end));
        match out.iter_mut().find(|w| w.start <= to && from <= w.end) {
            Some(w) => *w = w.start.min(from)..w.end.max(to),
            None => out.push(from..to),
        }
    }
    out.sort_by_key(|w| w.start);
    // Windows merged as they came can still overlap once sorted: merge again, so no text is
    // shown twice.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(out.len());
    for w in out {
        match merged.last_mut() {
            Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
            _ => merged.push(w),
        }
    }
    let mut out = merged;
    if out.is_empty() {
        out.push(line.start..ceil((line.start + LONG_LINE).min(line.end)));
    }
    out
}

/// The excerpts one diagnostic shows, as codespan-reporting's files, with the files they are of.
struct Excerpts<'s> {
    shown: Vec<Excerpt>,
    files: Vec<&'s SourceFile>,
}

impl<'a> Files<'a> for Excerpts<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, FilesError> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, FilesError> {
        let lines = &self.get(id)?.lines;
        let i = lines.partition_point(|(_, r)| r.start <= byte_index);
        Ok(lines[i.saturating_sub(1)].0)
    }

    fn line_range(
        &'a self,
        id: usize,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        let excerpt = self.get(id)?;
        match excerpt.lines.binary_search_by_key(&line_index, |(l, _)| *l) {
            Ok(i) => Ok(excerpt.lines[i].1.clone()),
            // A line no label touches: codespan-reporting asks only for its neighbours' sake.
            Err(_) => Ok(excerpt.text.len()..excerpt.text.len()),
        }
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, FilesError> {
        let _ = line_index;
        let excerpt = self.get(id)?;
        Ok(self.files[id].line_col(excerpt.original(byte_index)).1)
    }
}

impl Excerpts<'_> {
    fn get(&self, id: usize) -> Result<&Excerpt, FilesError> {
        self.shown.get(id).ok_or(FilesError::FileMissing)
    }
}

/// A label's span clamped to its file and, when it spans many lines, to its first line.
fn clamp(file: &SourceFile, span: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let len = file.text.len();
    let start = span.start.min(len);
    let end = span.end.clamp(start, len);
    let first = file.line_index(start);
    if file.line_index(end) - first >= MAX_LABEL_LINES {
        start..file.line_range(first).end.max(start)
    } else {
        start..end
    }
}

/// The diagnostic as codespan-reporting's, over the excerpts it shows.
fn to_codespan<'s>(sources: &'s Sources, d: &Diagnostic) -> (Excerpts<'s>, cs::Diagnostic<usize>) {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    // (file, clamped span, primary, message) of every label.
    let mut labels: Vec<(FileId, std::ops::Range<usize>, bool, &str)> = Vec::new();
    if let Some(o) = &d.origin {
        let span = clamp(sources.get(o.file), &o.span);
        labels.push((o.file, span, true, d.label.as_deref().unwrap_or("")));
    }
    for r in &d.related {
        let span = clamp(sources.get(r.origin.file), &r.origin.span);
        labels.push((r.origin.file, span, false, &r.message));
    }
    let mut ids: Vec<FileId> = labels.iter().map(|l| l.0).collect();
    ids.sort_unstable();
    ids.dedup();
    let files: Vec<&SourceFile> = ids.iter().map(|&id| sources.get(id)).collect();
    let shown: Vec<Excerpt> = ids
        .iter()
        .zip(&files)
        .map(|(id, file)| {
            let spans: Vec<_> = labels
                .iter()
                .filter(|l| l.0 == *id)
                .map(|l| l.1.clone())
                .collect();
            Excerpt::new(file, &spans)
        })
        .collect();
    let cs_labels = labels
        .iter()
        .map(|(file, span, primary, message)| {
            let i = ids.binary_search(file).unwrap_or(0);
            let span = shown[i].shown(span.start)..shown[i].shown(span.end);
            let label = if *primary {
                cs::Label::primary(i, span)
            } else {
                cs::Label::secondary(i, span)
            };
            label.with_message(escape(message, true))
        })
        .collect();
    let mut notes = Vec::new();
    if let Some(note) = &d.note {
        notes.push(format!("why: {}", escape(note, false)));
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {}", escape(help, false)));
    }
    let diagnostic = cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(escape(&d.message, true))
        .with_labels(cs_labels)
        .with_notes(notes);
    (Excerpts { shown, files }, diagnostic)
}

/// Writes every diagnostic to a colour-capable terminal stream.
pub fn emit(
    out: &mut dyn term::WriteStyle,
    sources: &Sources,
    diagnostics: &[Diagnostic],
) -> Result<(), FilesError> {
    let config = Config::default();
    for d in diagnostics {
        let (files, diagnostic) = to_codespan(sources, d);
        term::emit_to_write_style(out, &config, &files, &diagnostic)?;
    }
    Ok(())
}

/// Every diagnostic as plain text, the way `polku check` prints it without colour.
pub fn to_plain_string(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let config = Config::default();
    let mut out = String::new();
    for d in diagnostics {
        let (files, diagnostic) = to_codespan(sources, d);
        // Our Files impl only fails for ids it did not make, which labels never have.
        let _ = term::emit_to_string(&mut out, &config, &files, &diagnostic);
    }
    out
}

/// A position in a file, 1-based, column in characters.
#[derive(Serialize, Debug, PartialEq)]
pub struct Position {
    /// The file, as shown to users.
    pub file: String,
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
    /// Line where the span ends.
    pub end_line: usize,
    /// Column where the span ends (exclusive).
    pub end_column: usize,
}

/// One diagnostic in the JSON format of `polku check --format json`.
#[derive(Serialize, Debug)]
pub struct JsonDiagnostic {
    /// `error`, `warning` or `note`.
    pub severity: Severity,
    /// Stable code, e.g. `E0009`.
    pub code: &'static str,
    /// The code's name, e.g. `unknown-reference`.
    pub name: &'static str,
    /// Where; absent for a problem of the whole workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// Text under the caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Why it matters (analysis findings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Other places that explain it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated>,
}

/// A secondary location in JSON.
#[derive(Serialize, Debug)]
pub struct JsonRelated {
    /// Where.
    pub position: Position,
    /// What is there.
    pub message: String,
}

fn position(sources: &Sources, origin: &crate::diagnostic::Origin) -> Position {
    let file = sources.get(origin.file);
    let (line, column) = file.line_col(origin.span.start);
    let (end_line, end_column) = file.line_col(origin.span.end);
    Position {
        file: file.path.display().to_string(),
        line,
        column,
        end_line,
        end_column,
    }
}

/// The JSON form of each diagnostic.
pub fn to_json(sources: &Sources, diagnostics: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            code: d.code.as_str(),
            name: d.code.name(),
            position: d.origin.as_ref().map(|o| position(sources, o)),
            message: d.message.clone(),
            label: d.label.clone(),
            why: d.note.clone(),
            help: d.help.clone(),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    position: position(sources, &r.origin),
                    message: r.message.clone(),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_on_a_long_line_never_overlap() {
        let text = "x".repeat(600);
        let spans = [100..101, 400..401, 200..300];
        let w = windows(&text, 0..text.len(), &spans);
        for pair in w.windows(2) {
            assert!(pair[0].end < pair[1].start, "{w:?}");
        }
        for s in &spans {
            assert!(
                w.iter().any(|w| w.start <= s.start && s.end <= w.end),
                "{s:?} in {w:?}"
            );
        }
    }
}
