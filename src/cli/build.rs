//! `polku build [DIR]`: documentation for Innokylä — an HTML site (index, one page per pathway, an
//! ecosystem page, diagrams) and Markdown per pathway for pasting into Innokylä's form.
//!
//! The site is built in a temporary folder beside `--out` and swapped in whole: a reader never
//! sees a half-written site, and a failed build leaves the old one as it was.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use super::Failure;
use super::output::resolve;
use super::shared::{Language, output_failure, view_failure};
use crate::diagnostic::Severity;
use crate::model::PathwayIx;
use crate::render::pipeline::{self, Drawing, Target};
use crate::render::site::{self, Diagram, Extras, Site};
use crate::render::{Analysed, Derived};
use crate::workspace;

/// The file that marks a folder as a site polku built, so that `--out` never replaces anything
/// else.
const MARKER: &str = ".polku-site";

/// Arguments of `polku build`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// The folder to write the site to; replaced whole when it holds a site polku built.
    #[arg(short, long, default_value = "site")]
    out: PathBuf,
    /// Language of titles, fixed text and pathway text (missing translations fall back).
    #[arg(long, value_enum, default_value_t = Language::Fi)]
    lang: Language,
    /// HTML pages, Markdown files for Innokylä's form, or both.
    #[arg(long, value_enum, default_value_t = Format::Both)]
    format: Format,
    /// Leave out the analysis summary (gaps and bottlenecks) from the pages.
    #[arg(long)]
    no_analysis: bool,
    /// Skip the PNG and PDF beside each SVG diagram (drawn natively; the SVG is always written).
    #[arg(long)]
    no_diagrams: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Html,
    Markdown,
    Both,
}

/// Builds the site; exits 1 when the workspace has load errors (the valid part is still built).
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let loaded = workspace::load_dir(&args.dir)?;
    let load_errors = loaded.count(Severity::Error) > 0;
    if load_errors {
        eprintln!(
            "warning: the workspace has load errors (see `polku check {}`); building the valid part",
            args.dir.display()
        );
    }
    let model = &loaded.model;
    let derived = Derived::of(model);
    let ws = derived.with(&loaded);
    let site = Site {
        model,
        sources: &loaded.sources,
        analysis: &derived.analysis,
        lang: args.lang.into(),
        analysis_summary: !args.no_analysis,
        finding_pathways: Some(&derived.finding_pathways),
        linking: site::Linking::Files,
    };
    // The folder the site will really replace, resolved once before anything is created: with
    // `nothere/../userdir` a check of the path as written looks at nothing, and once `nothere`
    // exists the same path names `userdir`.
    let out = &resolve(&args.out)?;
    check_out(out, &args.out)?;
    // A site folder that holds the workspace being read: replacing it would delete the sources.
    if let Ok(workspace) = args.dir.canonicalize()
        && workspace.starts_with(out)
    {
        return Err(Failure(format!(
            "`{}` holds the workspace `{}`; give a folder for the site outside it, e.g. --out site",
            args.out.display(),
            args.dir.display()
        )));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("/"),
    };
    std::fs::create_dir_all(&parent)
        .map_err(|e| Failure(format!("cannot create `{}`: {e}", parent.display())))?;
    let tmp = tempfile::Builder::new()
        .prefix(".polku-site-")
        .tempdir_in(&parent)
        .map_err(|e| Failure(format!("cannot write in `{}`: {e}", parent.display())))?;

    let html = args.format != Format::Markdown;
    let md = args.format != Format::Html;
    let writer = Writer {
        root: tmp.path(),
        lang: args.lang.into(),
        print: !args.no_diagrams,
    };

    writer.write(MARKER, b"")?;
    if md {
        std::fs::create_dir_all(tmp.path().join(site::MARKDOWN_DIR))?;
    }
    for i in 0..model.pathways().len() as u32 {
        let p = PathwayIx(i);
        let files = site::pathway_files(model, p);
        let diagram = site::pathway_diagram(&site, p).map_err(view_failure)?;
        let mut extras = writer.diagram(&ws, &diagram, Target::Pathway(Some(p)), &files.diagram)?;
        extras.markdown = md;
        // One page for both writers: the analysis summary is computed once per pathway.
        let mut page = site::pathway_page(&site, p, &diagram, extras);
        if html {
            writer.write(&files.page, site::html(&page).map_err(Failure)?.as_bytes())?;
        }
        if md {
            // The Markdown does not link to itself.
            for s in &mut page.sections {
                let own = site::Dest::Markdown(model.pathway(p).id.clone());
                s.links.retain(|l| l.to != own);
            }
            writer.write(&files.markdown, site::markdown(&page, "../").as_bytes())?;
        }
    }
    if html {
        let diagram = site::ecosystem_diagram(&site, Default::default()).map_err(view_failure)?;
        let extras = writer.diagram(&ws, &diagram, Target::Workspace, site::ECOSYSTEM_DIAGRAM)?;
        let page = site::ecosystem_page(&site, &diagram, extras);
        writer.write(
            site::ECOSYSTEM_FILE,
            site::html(&page).map_err(Failure)?.as_bytes(),
        )?;
        let index = site::html(&site::index_page(&site)).map_err(Failure)?;
        writer.write(site::INDEX_FILE, index.as_bytes())?;
        writer.write(site::STYLESHEET_FILE, site::STYLESHEET.as_bytes())?;
        writer.write(site::VIEWER_FILE, site::VIEWER_JS.as_bytes())?;
    }

    swap_in(tmp, out)?;
    eprintln!(
        "wrote {}: {} pathways{}{}",
        args.out.display(),
        model.pathways().len(),
        if html { ", HTML" } else { "" },
        if md { ", Markdown" } else { "" },
    );
    Ok(if load_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Refuses an `--out` (resolved, as written) that is a file, holds the folder polku runs in, or
/// is a non-empty folder polku did not build.
fn check_out(out: &Path, written: &Path) -> Result<(), Failure> {
    // The site is swapped in by renaming folders; the folder polku runs in (or one above it)
    // cannot be renamed away.
    if let Ok(here) = std::env::current_dir().and_then(|h| h.canonicalize())
        && here.starts_with(out)
    {
        return Err(Failure(format!(
            "`{}` is the folder polku runs in (or holds it); give a folder for the site, e.g. --out site",
            written.display()
        )));
    }
    match std::fs::symlink_metadata(out) {
        Err(_) => Ok(()),
        Ok(m) if !m.is_dir() => Err(Failure(format!(
            "`{}` exists and is not a folder",
            written.display()
        ))),
        Ok(_) => {
            let empty = std::fs::read_dir(out)?.next().is_none();
            if empty || out.join(MARKER).is_file() {
                Ok(())
            } else {
                let shown = if out == written {
                    format!("`{}`", written.display())
                } else {
                    format!("`{}` (that is, `{}`)", written.display(), out.display())
                };
                Err(Failure(format!(
                    "{shown} is not a site polku built (no {MARKER} file); choose another --out or \
                     remove it"
                )))
            }
        }
    }
}

/// Replaces `out` with the finished temporary folder: the old site is renamed aside, the new one
/// renamed into place, then the old one removed. Renames in one folder are atomic.
fn swap_in(tmp: tempfile::TempDir, out: &Path) -> Result<(), Failure> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Temporary folders are private; a site is meant to be read.
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))?;
    }
    let new = tmp.keep();
    let old = if out.exists() {
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let aside = new.with_file_name(format!(".{name}.old-{}", std::process::id()));
        if let Err(e) = std::fs::rename(out, &aside) {
            let _ = std::fs::remove_dir_all(&new);
            return Err(Failure(format!("cannot replace `{}`: {e}", out.display())));
        }
        Some(aside)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&new, out) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, out);
        }
        let _ = std::fs::remove_dir_all(&new);
        return Err(Failure(format!("cannot write `{}`: {e}", out.display())));
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(&old).map_err(|e| {
            Failure(format!(
                "the site is written, but the old one could not be removed from `{}`: {e}",
                old.display()
            ))
        })?;
    }
    Ok(())
}

/// Writes files into the temporary site folder.
struct Writer<'a> {
    root: &'a Path,
    lang: crate::model::Lang,
    /// Write the PNG and PDF beside each SVG.
    print: bool,
}

impl Writer<'_> {
    fn write(&self, name: &str, bytes: &[u8]) -> Result<(), Failure> {
        let path = self.root.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| Failure(format!("cannot write `{}`: {e}", path.display())))
    }

    /// Writes the SVG, and the PNG and PDF of the same picture unless told not to; says which
    /// extras were written.
    /// The files are the output pipeline's, so they are the bytes `polku render` and the
    /// server's downloads give for the same diagram.
    fn diagram(
        &self,
        ws: &Analysed,
        diagram: &Diagram,
        target: Target,
        base: &str,
    ) -> Result<Extras, Failure> {
        let mut extras = Extras::default();
        if diagram.view.nodes.is_empty() {
            return Ok(extras);
        }
        let formats: &[pipeline::Format] = if self.print {
            &[
                pipeline::Format::Svg,
                pipeline::Format::Png,
                pipeline::Format::Pdf,
            ]
        } else {
            &[pipeline::Format::Svg]
        };
        for &format in formats {
            let request = pipeline::Request {
                target,
                drawing: Drawing::Lanes,
                profile: None,
                lang: self.lang,
                format,
                engine: pipeline::Engine::Native,
                paper: pipeline::Paper::A4,
                focus: Default::default(),
            };
            match pipeline::render(ws, &request, pipeline::Graphviz::default()) {
                Ok(output) => {
                    self.write(&format!("{base}.{}", format.extension()), &output.bytes)?;
                    match format {
                        pipeline::Format::Png => extras.png = true,
                        pipeline::Format::Pdf => extras.pdf = true,
                        _ => {}
                    }
                }
                Err(e) if format == pipeline::Format::Svg => return Err(output_failure(e)),
                Err(e) => eprintln!("warning: no {} of `{base}`: {e}", format.extension()),
            }
        }
        Ok(extras)
    }
}
