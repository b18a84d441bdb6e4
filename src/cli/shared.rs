//! Arguments and look-ups more than one command uses.

use clap::ValueEnum;

use super::Failure;
use crate::diagnostic::did_you_mean;
use crate::model::{Lang, Model, PathwayIx, ProfileIx};
use crate::render::diagram::view::ViewError;
use crate::render::pipeline::{self, Format};

/// `--lang fi|sv|en`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Language {
    /// suomi
    Fi,
    /// svenska
    Sv,
    /// English
    En,
}

impl From<Language> for Lang {
    fn from(l: Language) -> Lang {
        match l {
            Language::Fi => Lang::Fi,
            Language::Sv => Lang::Sv,
            Language::En => Lang::En,
        }
    }
}

/// An unknown id, with the closest known one or the list.
pub fn unknown<'a>(kind: &str, id: &str, ids: impl Iterator<Item = &'a str>) -> Failure {
    let ids: Vec<&str> = ids.collect();
    match did_you_mean(id, ids.iter().copied()) {
        Some(m) => Failure(format!("unknown {kind} `{id}`; did you mean `{m}`?")),
        None => Failure(format!(
            "unknown {kind} `{id}`; the workspace has: {}",
            ids.join(", ")
        )),
    }
}

/// The pathway with this id, or a failure that lists them.
pub fn resolve_pathway(model: &Model, id: &str) -> Result<PathwayIx, Failure> {
    model.pathway_by_id(id).ok_or_else(|| {
        unknown(
            "pathway",
            id,
            model.pathways().iter().map(|p| p.id.as_str()),
        )
    })
}

/// The profile with this id, or a failure that lists them.
pub fn resolve_profile(model: &Model, id: &str) -> Result<ProfileIx, Failure> {
    model.profile_by_id(id).ok_or_else(|| {
        unknown(
            "profile",
            id,
            model.profiles().iter().map(|p| p.id.as_str()),
        )
    })
}

/// The terminal words for a view that could not be built: with the flags that fix it.
pub fn view_failure(e: ViewError) -> Failure {
    match e {
        ViewError::PathwayNeeded(ids) => Failure(format!(
            "the workspace has several pathways: choose a pathway with --pathway: {}",
            ids.join(", ")
        )),
        ViewError::ProfileNeeded => {
            Failure("the route view needs a profile: --profile ID".to_string())
        }
    }
}

/// The terminal words for an output the pipeline could not make.
pub fn output_failure(e: pipeline::Error) -> Failure {
    match e {
        pipeline::Error::View(e) => view_failure(e),
        pipeline::Error::PerPathway(format) => Failure(format!(
            "{} is made per pathway: choose a pathway with --pathway",
            format.name()
        )),
        e => Failure(e.to_string()),
    }
}

/// Writes an output to `path` atomically, or to standard output (never binary bytes to a
/// terminal).
pub fn deliver(path: Option<&std::path::Path>, bytes: &[u8], binary: bool) -> Result<(), Failure> {
    use std::io::{IsTerminal, Write};
    match path {
        Some(path) => {
            super::output::write_atomic(path, bytes, true)
                .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))?;
            Ok(())
        }
        None => {
            let mut out = std::io::stdout().lock();
            if binary && out.is_terminal() {
                return Err(Failure("binary output: give a file with -o FILE".into()));
            }
            out.write_all(bytes)?;
            Ok(())
        }
    }
}

/// Extensions of formats polku does not write, refused even with `--format`.
const FOREIGN: &[&str] = &[
    "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "ico", "heic", "avif", "html", "htm",
    "doc", "docx", "odt", "xls", "xlsx", "ppt", "pptx", "zip", "toml",
];

/// The format an `-o` file asks for: the one `--format` names, else the one its extension names
/// (else `default`). A file whose extension names another format, a format not `allowed`, or
/// (without `--format`) no format at all is refused: `-o x.jpg` must not hold SVG.
pub fn output_format(
    given: Option<Format>,
    output: Option<&std::path::Path>,
    allowed: &[Format],
    default: Format,
) -> Result<Format, Failure> {
    let ext = output
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().into_owned());
    let by_ext = ext.as_deref().map(Format::from_extension);
    let names = || {
        allowed
            .iter()
            .map(|f| format!(".{}", f.extension()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let format = match (given, by_ext) {
        (Some(f), None) => f,
        (Some(f), Some(Some(e))) if e == f => f,
        (Some(f), Some(Some(e))) => {
            return Err(Failure(format!(
                "--format {} does not match the file name `{}` (a .{} file); name the file .{}",
                f.name(),
                output.map_or(String::new(), |p| p.display().to_string()),
                e.extension(),
                f.extension()
            )));
        }
        (None, None) => default,
        (None, Some(Some(e))) => e,
        // With --format, a name polku gives no meaning (`model.xml`, `flow.txt`) is the user's
        // choice; an image or page extension would still be a lie about what the file holds.
        (Some(f), Some(None))
            if !FOREIGN.contains(&ext.as_deref().unwrap_or("").to_ascii_lowercase().as_str()) =>
        {
            f
        }
        (_, Some(None)) => {
            return Err(Failure(format!(
                "polku cannot write a .{} file; give a file ending in one of: {}",
                ext.unwrap_or_default(),
                names()
            )));
        }
    };
    if !allowed.contains(&format) {
        return Err(Failure(format!(
            "this command writes {}; for .{} use {}",
            names(),
            format.extension(),
            if matches!(
                format,
                Format::Svg | Format::Png | Format::Pdf | Format::Dot
            ) {
                "polku render"
            } else {
                "polku export"
            }
        )));
    }
    Ok(format)
}
