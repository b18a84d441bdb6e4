//! Diagnostics as rustc-style terminal reports (codespan-reporting) and as JSON for editors and CI.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, FileId, Severity, Sources};

/// Lets codespan-reporting read our sources without copying them.
struct SourceDb<'a>(&'a Sources);

impl<'a> Files<'a> for SourceDb<'a> {
    type FileId = FileId;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<String, FilesError> {
        Ok(self.0.get(id).path.display().to_string())
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, FilesError> {
        Ok(&self.0.get(id).text)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.0.get(id).line_col(byte_index).0 - 1)
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        let file = self.0.get(id);
        let text = &file.text;
        let mut start = 0;
        for _ in 0..line_index {
            match text[start..].find('\n') {
                Some(n) => start += n + 1,
                None => {
                    return Err(FilesError::LineTooLarge {
                        given: line_index,
                        max: line_index,
                    });
                }
            }
        }
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |n| start + n + 1);
        Ok(start..end)
    }
}

fn to_codespan(d: &Diagnostic) -> cs::Diagnostic<FileId> {
    let severity = match d.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
        Severity::Note => cs::Severity::Note,
    };
    let mut labels = Vec::new();
    if let Some(o) = &d.origin {
        labels.push(
            cs::Label::primary(o.file, o.span.clone())
                .with_message(d.label.clone().unwrap_or_default()),
        );
    }
    for r in &d.related {
        labels.push(
            cs::Label::secondary(r.origin.file, r.origin.span.clone())
                .with_message(r.message.clone()),
        );
    }
    let mut notes = Vec::new();
    if let Some(note) = &d.note {
        notes.push(format!("why: {note}"));
    }
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    cs::Diagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// Writes every diagnostic to a colour-capable terminal stream.
pub fn emit(
    out: &mut dyn term::WriteStyle,
    sources: &Sources,
    diagnostics: &[Diagnostic],
) -> Result<(), FilesError> {
    let config = Config::default();
    let db = SourceDb(sources);
    for d in diagnostics {
        term::emit_to_write_style(out, &config, &db, &to_codespan(d))?;
    }
    Ok(())
}

/// Every diagnostic as plain text, the way `polku check` prints it without colour.
pub fn to_plain_string(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let config = Config::default();
    let db = SourceDb(sources);
    let mut out = String::new();
    for d in diagnostics {
        // Our Files impl only fails for offsets outside the file, which spans never are.
        let _ = term::emit_to_string(&mut out, &config, &db, &to_codespan(d));
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
