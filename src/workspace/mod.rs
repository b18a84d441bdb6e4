//! Files → model: finding a workspace's files, parsing them, resolving references between them
//! and checking them, with a diagnostic for every problem.
//!
//! **Architecture Invariant:** loading never fails and never stops at the first problem. It
//! returns the model of everything that is valid together with *all* diagnostics ([`Loaded`]):
//! one bad file never hides the others' entities or findings. Only a folder that cannot be listed
//! at all is a [`LoadError`].
//!
//! The pipeline: read files ([`load_dir`]) → parse each into a spanned TOML tree → register every
//! id of every file ([`registry`]) → read each entity, resolving references ([`entities`]) →
//! renumber and assemble the [`Model`] → checks that need the whole model (shares, duplicates).

mod entities;
mod files;
mod reader;
mod registry;
pub mod schema;
pub mod starter;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, FileId, Severity, SourceFile, Sources};
use crate::model::{ActorIx, Handoff, HandoffIx, Model, ModelParts, NeedIx, ProfileIx, ServiceIx};
use reader::{FileCtx, TableReader, type_name};
use registry::{Kind, Registry, Renumber};

pub use files::{Files, MAX_FILE_BYTES, discover};
pub use reader::{check_id, suggest_id};

/// A loaded workspace: its sources, the model of everything valid, and every diagnostic.
#[derive(Debug)]
pub struct Loaded {
    /// The files, for printing diagnostics with their source lines.
    pub sources: Sources,
    /// Every valid entity.
    pub model: Model,
    /// Every problem found, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Number of diagnostics of this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// The workspace folder itself could not be read; nothing was loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist.
    NotFound(PathBuf),
    /// The path is a file, not a folder.
    NotADirectory(PathBuf),
    /// Listing the folder failed.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(
                f,
                "workspace folder `{}` does not exist; give the folder that holds your pathway files, or create one with `polku new NAME --dir {}`",
                p.display(),
                p.display()
            ),
            LoadError::NotADirectory(p) => write!(
                f,
                "`{}` is a file; give the workspace folder that holds it (all of its files are checked together)",
                p.display()
            ),
            LoadError::Io(p, e) => write!(f, "cannot list `{}`: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads every pathway file below `dir`.
pub fn load_dir(dir: &Path) -> Result<Loaded, LoadError> {
    Ok(Files::read(dir)?.load())
}

/// Loads a workspace from files already in memory (used by tests, fuzzing and the server).
pub fn load_sources(sources: Sources) -> Loaded {
    let mut loaded = build(sources, &[]);
    sort(&mut loaded.diagnostics);
    loaded
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| d.origin.as_ref().map(|o| (o.file, o.span.start)));
}

/// One file's parsed tree, or `None` when it has syntax errors or could not be read.
type Tree<'s> = Option<Spanned<DeTable<'s>>>;

/// polku's default statutory clocks; a workspace clock with the same id replaces one.
const BUILTIN_RULES: &str = include_str!("rules.toml");

fn build(mut sources: Sources, unreadable: &[FileId]) -> Loaded {
    let mut builtin = SourceFile::new("<polku built-in>/rules.toml", BUILTIN_RULES);
    builtin.builtin = true;
    sources.add(builtin);
    let mut diagnostics = Vec::new();
    let mut registry = Registry::default();
    let mut trees: Vec<Tree> = Vec::with_capacity(sources.len());
    let unreadable: std::collections::HashSet<FileId> = unreadable.iter().copied().collect();

    // Parse, and register every id, even of files with syntax errors, so that references to
    // their entities are not reported as unknown on top of the syntax error.
    for (file, source) in sources.iter() {
        if unreadable.contains(&file) {
            trees.push(None);
            continue;
        }
        let (tree, errors) = DeTable::parse_recoverable(&source.text);
        let mut cx = FileCtx {
            file,
            text: &source.text,
            diagnostics: &mut diagnostics,
        };
        for (e, repeats) in first_of_each(&errors) {
            let span = e.span().unwrap_or(0..0);
            let d = cx.error(
                Code::TomlSyntax,
                span.clone(),
                format!("invalid TOML: {}", e.message().trim_end()),
            );
            d.label = Some("here".into());
            if e.message().trim_end() == "duplicate key"
                && let Some(first) = first_definition(&source.text, span)
            {
                d.related.push(crate::diagnostic::Related {
                    origin: crate::diagnostic::Origin { file, span: first },
                    message: "first written here".into(),
                });
            }
            d.help = Some(if repeats == 0 {
                "fix the TOML syntax; the rest of this file is read once it parses".into()
            } else {
                format!(
                    "fix the TOML syntax; the rest of this file is read once it parses (the parser \
                     reports the same error {repeats} more {} after this one, most likely because \
                     of it)",
                    if repeats == 1 { "time" } else { "times" }
                )
            });
        }
        register_ids(
            &mut cx,
            &tree,
            &mut registry,
            errors.is_empty() && !source.builtin,
        );
        trees.push(errors.is_empty().then_some(tree));
    }

    let mut read = Read::default();
    for ((file, source), tree) in sources.iter().zip(&trees) {
        if let Some(tree) = tree {
            let mut cx = FileCtx {
                file,
                text: &source.text,
                diagnostics: &mut diagnostics,
            };
            read_file(&mut cx, tree.get_ref(), &registry, &mut read);
        }
    }
    let model = assemble(read, &registry, &mut diagnostics);
    Loaded {
        sources,
        model,
        diagnostics,
    }
}

/// Where the key of a "duplicate key" error at `span` was first written: the parser points only
/// at the second. For a table header (`[[actor]]` after `[actor]`) the earlier header or
/// top-level key of the same name; for a key, its earlier line in the same table.
fn first_definition(text: &str, span: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let key = text.get(span.clone())?.trim();
    if key.is_empty() {
        return None;
    }
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[..line_start];
    fn header_of(line: &str) -> Option<&str> {
        let t = line.trim();
        let inner = t.strip_prefix("[[").and_then(|t| t.split("]]").next());
        let inner = inner.or_else(|| t.strip_prefix('[').and_then(|t| t.split(']').next()));
        inner.map(str::trim)
    }
    fn key_of(line: &str) -> Option<&str> {
        let t = line.trim_start();
        let end = t.find(['=', '.', ' ', '\t'])?;
        Some(&t[..end])
    }
    let is_header = header_of(&text[line_start..]).is_some();
    // The lines before the error, with their byte offsets.
    let mut offset = 0;
    let lines: Vec<(usize, &str)> = before
        .split_inclusive('\n')
        .map(|l| {
            let at = offset;
            offset += l.len();
            (at, l)
        })
        .collect();
    let found = if is_header {
        let mut top = true;
        lines.iter().find_map(|&(at, line)| {
            if let Some(h) = header_of(line) {
                top = false;
                return (h == key).then(|| at + line.find(key).unwrap_or(0));
            }
            (top && key_of(line) == Some(key)).then(|| at + line.find(key).unwrap_or(0))
        })
    } else {
        let table = lines
            .iter()
            .rposition(|(_, l)| header_of(l).is_some())
            .map_or(0, |i| i + 1);
        lines[table..].iter().find_map(|&(at, line)| {
            (key_of(line) == Some(key)).then(|| at + line.find(key).unwrap_or(0))
        })
    };
    found.map(|at| at..at + key.len())
}

/// The first of each distinct syntax error, with how many more times the parser reported the
/// same message: after one unclosed bracket a recovering parser reports the same error again and
/// again (80 times for a line of 100,000 `[`), which only buries the first.
fn first_of_each(errors: &[toml::de::Error]) -> Vec<(&toml::de::Error, usize)> {
    let mut firsts: Vec<(&toml::de::Error, usize)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for e in errors {
        match seen.get(e.message()) {
            Some(&i) => firsts[i].1 += 1,
            None => {
                seen.insert(e.message(), firsts.len());
                firsts.push((e, 0));
            }
        }
    }
    firsts
}

/// Checks the top level of a file and registers the ids it defines.
fn register_ids(cx: &mut FileCtx, tree: &Spanned<DeTable>, registry: &mut Registry, report: bool) {
    let mut top = TableReader::new(tree.get_ref(), tree.span(), "the file");
    for kind in Kind::ALL {
        let Some(entries) = entries(cx, &mut top, kind, report) else {
            continue;
        };
        let Some(table) = registry.table_mut(kind) else {
            continue;
        };
        for entry in entries {
            let Some(id) = entry.get_ref().as_table().and_then(|t| t.get("id")) else {
                continue;
            };
            let Some(text) = id.get_ref().as_str() else {
                continue;
            };
            if check_id(text).is_err() {
                continue;
            }
            let origin = cx.origin(id.span());
            if let Err(first) = table.register(text, origin) {
                if report {
                    let first = first.clone();
                    let d = cx.error(
                        Code::DuplicateId,
                        id.span(),
                        format!("{} id `{text}` is already used", kind.key()),
                    );
                    d.label = Some("second definition".into());
                    d.help = Some(format!(
                        "ids of {}s are shared by the whole workspace: rename one, or delete the copy and refer to the first by id",
                        kind.key()
                    ));
                    d.related.push(crate::diagnostic::Related {
                        origin: first,
                        message: "first defined here".into(),
                    });
                }
            }
        }
    }
    if let Some(value) = top.raw("pathway") {
        match value.get_ref() {
            DeValue::Table(pathway) => {
                let id = pathway
                    .get("id")
                    .and_then(|id| Some((id.get_ref().as_str()?, id.span())));
                if let Some((id, span)) = id.filter(|(id, _)| check_id(id).is_ok()) {
                    let origin = cx.origin(span.clone());
                    if let Err(first) = registry.pathways.register(id, origin)
                        && report
                    {
                        let first = first.clone();
                        let d = cx.error(
                            Code::DuplicateId,
                            span,
                            format!("pathway id `{id}` is already used"),
                        );
                        d.label = Some("second pathway with this id".into());
                        d.help = Some("every pathway needs its own id: rename this one".into());
                        d.related.push(crate::diagnostic::Related {
                            origin: first,
                            message: "first defined here".into(),
                        });
                    }
                }
            }
            other if report => {
                let d = cx.error(
                    Code::WrongType,
                    value.span(),
                    format!("`pathway` must be a table, not {}", type_name(other)),
                );
                d.label = Some("expected a table".into());
                d.help = Some("write the pathway's fields under a [pathway] header".into());
            }
            _ => {}
        }
    }
    if let Some(value) = top.raw("documentation")
        && report
        && !value.get_ref().is_table()
    {
        let d = cx.error(
            Code::WrongType,
            value.span(),
            format!(
                "`documentation` must be a table, not {}",
                type_name(value.get_ref())
            ),
        );
        d.label = Some("expected a table".into());
        d.help = Some("write the page layout under a [documentation] header".into());
    }
    if report {
        top.finish(cx);
    }
}

/// The array of tables `[[kind]]` at the top of a file.
fn entries<'t, 'i>(
    cx: &mut FileCtx,
    top: &mut TableReader<'t, 'i>,
    kind: Kind,
    report: bool,
) -> Option<&'t [Spanned<DeValue<'i>>]> {
    let value = top.raw(kind.key())?;
    let key = kind.key();
    match value.get_ref() {
        DeValue::Array(items) => {
            if report {
                for item in items.iter().filter(|i| !i.get_ref().is_table()) {
                    let d = cx.error(
                        Code::WrongType,
                        item.span(),
                        format!(
                            "each `{key}` must be a table, not {}",
                            type_name(item.get_ref())
                        ),
                    );
                    d.label = Some("expected a table".into());
                    d.help = Some(format!("write each {key} under its own [[{key}]] header"));
                }
            }
            Some(items)
        }
        other => {
            if report {
                let d = cx.error(
                    Code::WrongType,
                    value.span(),
                    format!("`{key}` must be a list of tables, not {}", type_name(other)),
                );
                d.label = Some(format!("write [[{key}]], with double brackets"));
                d.help = Some(format!(
                    "each {key} starts with its own [[{key}]] header, even when there is only one"
                ));
            }
            None
        }
    }
}

/// Entities read from all files, with registry positions in their references.
#[derive(Default)]
struct Read {
    actors: Vec<(u32, crate::model::Actor)>,
    needs: Vec<(u32, crate::model::Need)>,
    services: Vec<(u32, crate::model::Service)>,
    handoffs: Vec<Handoff>,
    profiles: Vec<(u32, crate::model::Profile)>,
    clocks: Vec<(u32, crate::model::Clock)>,
    allows: Vec<crate::model::Allow>,
    pathways: Vec<(FileId, entities::PathwayRead)>,
    documentation: Vec<entities::DocumentationRead>,
}

fn read_file(cx: &mut FileCtx, tree: &DeTable, registry: &Registry, read: &mut Read) {
    let span = 0..cx.text.len();
    let mut top = TableReader::new(tree, span, "the file");
    for kind in Kind::ALL {
        let Some(items) = top.raw(kind.key()).and_then(|v| v.get_ref().as_array()) else {
            continue;
        };
        for item in items.iter() {
            let Some(table) = item.get_ref().as_table() else {
                continue;
            };
            let mut r = TableReader::new(table, item.span(), kind.key());
            match kind {
                Kind::Actor => read.actors.extend(entities::actor(cx, &mut r, registry)),
                Kind::Need => read.needs.extend(entities::need(cx, &mut r, registry)),
                Kind::Service => read
                    .services
                    .extend(entities::service(cx, &mut r, registry)),
                Kind::Handoff => read
                    .handoffs
                    .extend(entities::handoff(cx, &mut r, registry)),
                Kind::Profile => read
                    .profiles
                    .extend(entities::profile(cx, &mut r, registry)),
                Kind::Clock => read.clocks.extend(entities::clock(cx, &mut r, registry)),
                Kind::Allow => read.allows.extend(entities::allow(cx, &mut r)),
            }
            r.finish(cx);
        }
    }
    if let Some(value) = top.raw("pathway")
        && let DeValue::Table(table) = value.get_ref()
    {
        let mut r = TableReader::new(table, value.span(), "pathway");
        if let Some(p) = entities::pathway(cx, &mut r, registry) {
            read.pathways.push((cx.file, p));
        }
        r.finish(cx);
    }
    if let Some(value) = top.raw("documentation")
        && let DeValue::Table(table) = value.get_ref()
    {
        let mut r = TableReader::new(table, value.span(), "documentation");
        read.documentation.push(entities::documentation(cx, &mut r));
        r.finish(cx);
    }
}

/// Renumbers what was read into model indices, drops entities whose required references point
/// at invalid entities, fills in pathway membership and runs the checks that need all files.
fn assemble(read: Read, registry: &Registry, diagnostics: &mut Vec<Diagnostic>) -> Model {
    let actors = Renumber::new(registry.actors.len(), read.actors.iter().map(|(p, _)| *p));
    let needs = Renumber::new(registry.needs.len(), read.needs.iter().map(|(p, _)| *p));
    let services = Renumber::new(
        registry.services.len(),
        read.services.iter().map(|(p, _)| *p),
    );
    let need_list = |list: &[NeedIx]| -> Vec<NeedIx> {
        list.iter()
            .filter_map(|n| needs.get(n.0).map(NeedIx))
            .collect()
    };
    let service_list = |list: &[ServiceIx]| -> Vec<ServiceIx> {
        list.iter()
            .filter_map(|s| services.get(s.0).map(ServiceIx))
            .collect()
    };

    let renumber = |s: ServiceIx| services.get(s.0).map(ServiceIx);
    let mut parts = ModelParts {
        actors: read.actors.into_iter().map(|(_, a)| a).collect(),
        needs: read.needs.into_iter().map(|(_, n)| n).collect(),
        services: read
            .services
            .into_iter()
            .map(|(_, mut s)| {
                s.actor = s.actor.and_then(|a| actors.get(a.0)).map(ActorIx);
                s.eligibility.needs = need_list(&s.eligibility.needs);
                s.eligibility.excludes = need_list(&s.eligibility.excludes);
                s
            })
            .collect(),
        handoffs: read
            .handoffs
            .into_iter()
            .filter_map(|mut h| {
                h.from = ServiceIx(services.get(h.from.0)?);
                h.to = ServiceIx(services.get(h.to.0)?);
                Some(h)
            })
            .collect(),
        profiles: read
            .profiles
            .into_iter()
            .filter_map(|(_, mut p)| {
                p.entry = ServiceIx(services.get(p.entry.0)?);
                p.needs = need_list(&p.needs);
                Some(p)
            })
            .collect(),
        // A clock whose selector named only services that turned out invalid is dropped: an
        // empty list would match every service.
        clocks: read
            .clocks
            .into_iter()
            .filter_map(|(_, mut c)| {
                let from_ok = c.from.as_mut().is_none_or(|f| f.remap(renumber));
                (c.to.remap(renumber) && from_ok).then_some(c)
            })
            .collect(),
        allows: read.allows,
        ..ModelParts::default()
    };

    // One page layout per workspace: the first `[documentation]` (in file order) counts.
    let mut layouts = read.documentation.into_iter();
    if let Some(first) = layouts.next() {
        for other in layouts {
            diagnostics.push(
                Diagnostic::error(
                    Code::ConflictingFields,
                    other.origin,
                    "`[documentation]` is written in a second place".to_string(),
                )
                .with_label("second page layout, not used")
                .with_help("a workspace has one page layout: merge the two tables into one")
                .with_related(first.origin.clone(), "the layout in use"),
            );
        }
        parts.documentation = first.documentation;
    }

    // Which file defined what, for pathway membership.
    let mut by_file: HashMap<FileId, Members> = HashMap::new();
    for (i, s) in parts.services.iter_enumerated() {
        by_file.entry(s.origin.file).or_default().0.push(i);
    }
    for (i, h) in parts.handoffs.iter_enumerated() {
        by_file.entry(h.origin.file).or_default().1.push(i);
    }
    for (i, p) in parts.profiles.iter_enumerated() {
        by_file.entry(p.origin.file).or_default().2.push(i);
    }
    // Profiles of files without a `[pathway]` (shared files) belong to every pathway their entry
    // service is a member of: index them by entry once, so that membership is linear in the size
    // of the workspace (a list search here made loading grow with the cube of the file count).
    let pathway_files: std::collections::HashSet<FileId> =
        read.pathways.iter().map(|(f, _)| *f).collect();
    let mut shared_by_entry: HashMap<ServiceIx, Vec<ProfileIx>> = HashMap::new();
    for (i, profile) in parts.profiles.iter_enumerated() {
        if !pathway_files.contains(&profile.origin.file) {
            shared_by_entry.entry(profile.entry).or_default().push(i);
        }
    }
    for (file, p) in read.pathways {
        let mut pathway = p.pathway;
        pathway.owner = p.owner.and_then(|a| actors.get(a)).map(ActorIx);
        let (own_services, handoffs, own_profiles) = by_file.remove(&file).unwrap_or_default();
        let mut members = own_services;
        members.extend(service_list(
            &p.includes.iter().map(|&i| ServiceIx(i)).collect::<Vec<_>>(),
        ));
        for h in &handoffs {
            let h = &parts.handoffs[*h];
            members.extend([h.from, h.to]);
        }
        dedup_keep_order(&mut members);
        let mut shared: Vec<ProfileIx> = members
            .iter()
            .filter_map(|m| shared_by_entry.get(m))
            .flatten()
            .copied()
            .collect();
        // Shared profiles after the file's own, in the order they were written.
        shared.sort_unstable();
        let mut profiles = own_profiles;
        profiles.extend(shared);
        pathway.services = members;
        pathway.handoffs = handoffs;
        pathway.profiles = profiles;
        parts.pathways.push(pathway);
    }

    let model = Model::new(parts);
    check_shares(&model, diagnostics);
    check_duplicate_handoffs(&model, diagnostics);
    model
}

/// The services, handoffs and profiles one file defines.
type Members = (Vec<ServiceIx>, Vec<HandoffIx>, Vec<ProfileIx>);

fn dedup_keep_order<T: Copy + Eq + std::hash::Hash>(items: &mut Vec<T>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|x| seen.insert(*x));
}

/// The shares of the handoffs leaving one service cannot add up to more than everyone.
fn check_shares(model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut by_source: HashMap<ServiceIx, Vec<&Handoff>> = HashMap::new();
    for h in model.handoffs().iter().filter(|h| h.share.is_some()) {
        by_source.entry(h.from).or_default().push(h);
    }
    let mut over: Vec<_> = by_source
        .into_iter()
        .filter(|(_, hs)| hs.iter().filter_map(|h| h.share).sum::<f64>() > 1.0 + 1e-9)
        .collect();
    over.sort_by_key(|(s, _)| *s);
    for (source, handoffs) in over {
        let total: f64 = handoffs.iter().filter_map(|h| h.share).sum();
        let service = model.service(source);
        let mut d = Diagnostic::error(
            Code::ShareSum,
            handoffs[0].origin.clone(),
            format!(
                "the shares of the handoffs leaving `{}` add up to {:.2}, more than 1",
                service.id,
                total
            ),
        )
        .with_label("one of the handoffs")
        .with_help("a share is the fraction of the service's clients that take the handoff; lower them so they add up to 1 or less");
        for h in &handoffs[1..] {
            d = d.with_related(
                h.origin.clone(),
                format!(
                    "share {} to `{}`",
                    h.share.unwrap_or(0.0),
                    model.service(h.to).id
                ),
            );
        }
        d.label = Some(format!(
            "share {} to `{}`",
            handoffs[0].share.unwrap_or(0.0),
            model.service(handoffs[0].to).id
        ));
        diagnostics.push(d);
    }
}

fn check_duplicate_handoffs(model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(ServiceIx, ServiceIx, crate::model::HandoffKind), &Handoff> =
        HashMap::new();
    for h in model.handoffs() {
        if let Some(first) = seen.get(&(h.from, h.to, h.kind)) {
            diagnostics.push(
                Diagnostic::warning(
                    Code::DuplicateHandoff,
                    h.origin.clone(),
                    format!(
                        "handoff `{}` → `{}` ({}) is written twice",
                        model.service(h.from).id,
                        model.service(h.to).id,
                        h.kind.as_str()
                    ),
                )
                .with_label("second copy")
                .with_help("keep one; flows and shares count each copy")
                .with_related(first.origin.clone(), "first written here"),
            );
        } else {
            seen.insert((h.from, h.to, h.kind), h);
        }
    }
}

#[cfg(test)]
mod tests;
