//! One diagnostic type for everything polku reports about a workspace.
//!
//! A key design decision made in this module is that a [`Diagnostic`] carries a byte span into a
//! source file, not a line and column: spans are what the TOML parser gives and what the terminal
//! renderer needs, and lines and columns are derived from the [`Sources`] only when a diagnostic is
//! printed or serialised. The loader, the analysis, the CLI printer and the web page's error overlay
//! all use this one type.

pub mod hidden;

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

/// How serious a diagnostic is. `polku check` fails on errors, and on warnings with `--deny warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing, never fails a check.
    Note,
    /// Probably wrong or risky; fails only with `--deny warnings`.
    Warning,
    /// The file is wrong; the entity it concerns is left out of the model.
    Error,
}

impl Severity {
    /// The lower-case word used in printed output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $name:literal; )*) => {
        /// A stable diagnostic code. Codes never change meaning once released: editors, CI scripts
        /// and `allow` lists depend on them. The table in `docs/format.md` lists them all.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The short stable code, e.g. `E0009`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Parses a code written as `E0009` or as `unknown-reference`.
            pub fn parse(text: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.as_str() == text || c.name() == text)
            }

            /// True for codes of analysis findings (G, B, X), false for loading problems.
            pub fn is_finding(self) -> bool {
                !matches!(self.as_str().as_bytes()[0], b'E' | b'W')
            }

            /// A kebab-case name that says what the code means, e.g. `unknown-reference`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }
        }
    };
}

codes! {
    /// A file could not be read (permissions, not UTF-8, vanished).
    FileUnreadable = "E0001", "file-unreadable";
    /// The file is not valid TOML.
    TomlSyntax = "E0002", "toml-syntax";
    /// A value has the wrong type (a string where a number belongs, …).
    WrongType = "E0003", "wrong-type";
    /// A key that the format does not know.
    UnknownField = "E0004", "unknown-field";
    /// A value outside a fixed vocabulary (sector, level, kind, …).
    UnknownValue = "E0005", "unknown-value";
    /// A required key is missing.
    MissingField = "E0006", "missing-field";
    /// An id that is not kebab-case ASCII.
    InvalidId = "E0007", "invalid-id";
    /// Two entities of the same kind share an id.
    DuplicateId = "E0008", "duplicate-id";
    /// A reference to an id that no file defines.
    UnknownReference = "E0009", "unknown-reference";
    /// An age range whose minimum is above its maximum, or an impossible age.
    AgeRange = "E0010", "age-range";
    /// A handoff share outside 0..1.
    ShareRange = "E0011", "share-range";
    /// The shares of the handoffs leaving one service add up to more than 1.
    ShareSum = "E0012", "share-sum";
    /// A negative wait, duration, capacity or arrival rate.
    NegativeValue = "E0013", "negative-value";
    /// A handoff whose source and target are the same service.
    SelfHandoff = "E0014", "self-handoff";
    /// Two keys that say the same thing in different units, or contradict each other.
    ConflictingFields = "E0015", "conflicting-fields";
    /// A value of the right type that is still not acceptable (a bad date or language code).
    InvalidValue = "E0016", "invalid-value";
    /// A `[documentation]` section id that polku does not know (with a did-you-mean).
    UnknownSection = "E0017", "unknown-section";
    /// A bidi embedding, override or isolate in a text: it reorders how the text is shown.
    BidiControl = "E0018", "bidi-control";
    /// The same handoff (source, target and kind) is written twice.
    DuplicateHandoff = "W0101", "duplicate-handoff";
    /// The workspace folder holds no pathway file.
    EmptyWorkspace = "W0102", "empty-workspace";
    /// An `[[allow]]` that no finding matches: the problem it excused is gone, or the entry is wrong.
    UnusedAllow = "W0103", "unused-allow";
    /// A zero-width character or direction mark in a text: two different names can look the same.
    InvisibleCharacter = "W0104", "invisible-character";
    /// A profile's need that no reachable, eligible service addresses.
    UnmetNeed = "G0201", "unmet-need";
    /// Ages that no service of a region covers for a need (incl. the 17→18 transition).
    AgeCoverageGap = "G0202", "age-coverage-gap";
    /// A service on a profile's route that does not offer the profile's language.
    LanguageGap = "G0203", "language-gap";
    /// Services for need A all exclude need B while those for B exclude A.
    ExclusionTrap = "G0204", "exclusion-trap";
    /// A cycle of referrals along which no service addresses the client's need.
    ReferralLoop = "G0205", "referral-loop";
    /// A service with no way on that is not an exit.
    DeadEnd = "G0206", "dead-end";
    /// A service that no entry point reaches.
    UnreachableService = "G0207", "unreachable-service";
    /// A route whose waits break a statutory time limit.
    StatutoryClock = "G0208", "statutory-clock";
    /// A handoff between organisations with no agreed protocol.
    BoundaryWithoutProtocol = "B0301", "boundary-without-protocol";
    /// A handoff between organisations that moves the client without consent handling.
    BoundaryWithoutConsent = "B0302", "boundary-without-consent";
    /// A service loaded over 85 % of its capacity.
    HighUtilisation = "B0303", "high-utilisation";
    /// A service loaded over 100 % of its capacity: its queue grows without end.
    Overloaded = "B0304", "overloaded";
    /// A service whose removal cuts the pathway, or through which most clients pass.
    SinglePointOfFailure = "B0305", "single-point-of-failure";
    /// Sectors whose services share a profile's clients without any handoff between them.
    MissingCollaboration = "X0401", "missing-collaboration";
    /// An actor that no other actor's services hand clients to or from.
    IsolatedActor = "X0402", "isolated-actor";
    /// Services missing capacity, waits or owner, so the analysis cannot judge them.
    IncompleteModel = "X0403", "incomplete-model";
    /// Handoffs between organisations that do not say whether they follow an agreed protocol
    /// or handle consent: unknown, which is not absent, so one note lists what to fill in.
    UnstatedHandoffs = "X0404", "unstated-handoffs";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub u32);

/// Where something was written: a file and a byte range in it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Origin {
    /// The file.
    pub file: FileId,
    /// Byte range in the file's text.
    pub span: Range<usize>,
}

/// A secondary location shown with a diagnostic ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    /// Where.
    pub origin: Origin,
    /// What it is.
    pub message: String,
}

/// One problem or observation, with where it is and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The file and span; `None` for a problem of the whole workspace (e.g. an empty folder).
    pub origin: Option<Origin>,
    /// One line: what is wrong.
    pub message: String,
    /// Text shown under the caret, pointing at the offending snippet.
    pub label: Option<String>,
    /// Why it matters (analysis findings): shown as a note before the help.
    pub note: Option<String>,
    /// One line: how to fix it.
    pub help: Option<String>,
    /// Other places that explain this one.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// An error with the given code at `origin`.
    pub fn error(
        code: Code,
        origin: impl Into<Option<Origin>>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Error, code, origin, message)
    }

    /// A warning with the given code at `origin`.
    pub fn warning(
        code: Code,
        origin: impl Into<Option<Origin>>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, origin, message)
    }

    fn new(
        severity: Severity,
        code: Code,
        origin: impl Into<Option<Origin>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            origin: origin.into(),
            message: message.into(),
            label: None,
            note: None,
            help: None,
            related: Vec::new(),
        }
    }

    /// Adds the text shown under the caret.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary location.
    pub fn with_related(mut self, origin: Origin, message: impl Into<String>) -> Self {
        self.related.push(Related {
            origin,
            message: message.into(),
        });
        self
    }
}

/// One source file of a workspace, as read from disk (or given by a test).
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the folder `polku` was pointed at, where possible.
    pub path: PathBuf,
    /// The file's text; empty when it could not be read. Shared, so that the server's copy of the
    /// files as read and the sources of a load are one text, not two.
    pub text: std::sync::Arc<str>,
    /// True for polku's own built-in files (default rules), which are not the user's.
    pub builtin: bool,
    /// Byte offsets where each line starts, for line and column look-ups.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// A file with its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<std::sync::Arc<str>>) -> Self {
        let text: std::sync::Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            builtin: false,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// 0-based index of the line that holds the byte offset `offset` (past the end: the last).
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of the 0-based line `line`, without its line feed (past the end: empty, at the
    /// end of the text).
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len()..self.text.len();
        };
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(self.text.len(), |&next| next - 1);
        start..end
    }

    /// The text of the 1-based line `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

/// All source files of a workspace, indexed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// No files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The file with this id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Every file with its id.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Number of the user's files (built-in rules not counted).
    pub fn user_files(&self) -> usize {
        self.files.iter().filter(|f| !f.builtin).count()
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when there are no files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Diagnostics with repeats capped: at most `max` of one code in one file are kept (0: all),
/// in their order; the rest are counted per file and code. A file that an export overwrote gave
/// 7,538 errors, which bury the few that say what happened.
#[derive(Debug, Default)]
pub struct Capped<'a> {
    /// The diagnostics to show.
    pub shown: Vec<&'a Diagnostic>,
    /// (file, code, how many were left out), in order of file and code.
    pub omitted: Vec<(Option<FileId>, Code, usize)>,
}

/// Caps repeats of one code in one file at `max` (0: no cap); see [`Capped`].
pub fn cap_repeats(diagnostics: &[Diagnostic], max: usize) -> Capped<'_> {
    let mut counts: std::collections::BTreeMap<(Option<FileId>, Code), usize> =
        std::collections::BTreeMap::new();
    let mut capped = Capped::default();
    for d in diagnostics {
        let n = counts
            .entry((d.origin.as_ref().map(|o| o.file), d.code))
            .or_default();
        *n += 1;
        if max == 0 || *n <= max {
            capped.shown.push(d);
        }
    }
    capped.omitted = counts
        .into_iter()
        .filter(|_| max > 0)
        .filter(|(_, n)| *n > max)
        .map(|((file, code), n)| (file, code, n - max))
        .collect();
    capped
}

/// "Did you mean …?": the candidate closest to `input`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(input, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("a.toml", "a = 1\nnimi = \"Päijät\"x\n");
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 16));
        assert_eq!(f.line_text(2), "nimi = \"Päijät\"x");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(10_000), (3, 1));
    }

    #[test]
    fn did_you_mean_finds_typos_and_ignores_strangers() {
        let ids = ["nuorisoasema", "perheneuvola", "koulukuraattori"];
        assert_eq!(did_you_mean("nuorisoasma", ids), Some("nuorisoasema"));
        assert_eq!(did_you_mean("zzz", ids), None);
    }

    #[test]
    fn codes_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert!(seen.insert(c.name()), "{} twice", c.name());
        }
    }
}
