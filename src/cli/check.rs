//! `polku check [DIR]`: load the workspace and print every diagnostic, then one summary line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};

use super::Failure;
use crate::analysis;
use crate::diagnostic::{Code, Severity};
use crate::render::report::diagnostics;
use crate::workspace;

/// Arguments of `polku check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// `text` for people, `json` for editors and CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long, value_enum)]
    deny: Option<Deny>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Show at most N diagnostics of one code in one file, and a count of the rest (text only;
    /// 0 shows all; JSON always has all).
    #[arg(long, value_name = "N", default_value_t = 10)]
    max_repeats: usize,
    /// Count betweenness exactly on every pathway, however large (slow: a pathway of 100,000
    /// services takes many minutes). By default a pathway above about 5,000 services gets a sampled
    /// estimate whose error bound its findings state.
    #[arg(long)]
    exact_betweenness: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Format {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Deny {
    Warnings,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the check; exit 0 clean, 1 errors (or warnings with `--deny warnings`).
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let loaded = workspace::load_dir(&args.dir)?;
    // Findings of the analysis are reported with the load diagnostics: one bad file never hides
    // the findings of the good ones.
    let mut all = loaded.diagnostics.clone();
    let options = analysis::AnalysisOptions {
        exact_betweenness: args.exact_betweenness,
    };
    all.extend(analysis::analyze_with(&loaded.model, options).diagnostics());
    let count = |s: Severity| all.iter().filter(|d| d.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    match args.format {
        Format::Json => {
            let report = serde_json::json!({
                "workspace": args.dir.display().to_string(),
                "files": loaded.sources.user_files(),
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diagnostics::to_json(&loaded.sources, &all),
            });
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Text => {
            let choice = match args.color {
                Color::Auto if std::io::IsTerminal::is_terminal(&std::io::stderr()) => {
                    ColorChoice::Auto
                }
                Color::Auto | Color::Never => ColorChoice::Never,
                Color::Always => ColorChoice::Always,
            };
            let mut err = StandardStream::stderr(choice);
            let capped = crate::diagnostic::cap_repeats(&all, args.max_repeats);
            let shown: Vec<_> = capped.shown.into_iter().cloned().collect();
            diagnostics::emit(&mut err, &loaded.sources, &shown)?;
            if !capped.omitted.is_empty() {
                let total: usize = capped.omitted.iter().map(|o| o.2).sum();
                let list: Vec<String> = capped
                    .omitted
                    .iter()
                    .map(|(file, code, n)| {
                        let place = file.map_or("the workspace".to_string(), |f| {
                            format!(
                                "`{}`",
                                crate::diagnostic::hidden::escape(
                                    &loaded.sources.get(f).path.display().to_string(),
                                    true
                                )
                            )
                        });
                        format!("{n} more {code} {} in {place}", code.name())
                    })
                    .collect();
                eprintln!(
                    "note: {total} repeated diagnostics not shown: {}. Show them all with \
                     --max-repeats 0, or --format json\n",
                    list.join("; ")
                );
            }
            let m = &loaded.model;
            // A file with syntax errors (or unreadable) is left out whole: say so, or its
            // pathway seems to vanish from the counts.
            let mut left_out: Vec<_> = loaded
                .diagnostics
                .iter()
                .filter(|d| matches!(d.code, Code::TomlSyntax | Code::FileUnreadable))
                .filter_map(|d| d.origin.as_ref().map(|o| o.file))
                .collect();
            left_out.sort_unstable();
            left_out.dedup();
            let left_out = match left_out.len() {
                0 => String::new(),
                n => format!(
                    " ({} left out until {} errors are fixed)",
                    plural(n, "file"),
                    if n == 1 { "its" } else { "their" }
                ),
            };
            eprintln!(
                "checked {} in `{}`{left_out}: {} pathways, {} services, {} handoffs, {} profiles — {}, {}",
                plural(loaded.sources.user_files(), "file"),
                args.dir.display(),
                m.pathways().len(),
                m.services().len(),
                m.handoffs().len(),
                m.profiles().len(),
                plural(errors, "error"),
                plural(warnings, "warning"),
            );
        }
    }
    let failed = errors > 0 || (matches!(args.deny, Some(Deny::Warnings)) && warnings > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
