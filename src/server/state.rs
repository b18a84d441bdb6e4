//! What the server holds between requests: the last good snapshot of the workspace (model and
//! analysis), the problems of the newest load when it failed, the event channel open pages listen
//! on, and the bounded cache of rendered diagrams.
//!
//! A reload never makes things worse for the reader: when the newest files have errors, the last
//! good snapshot stays served and the errors are shown over it ([`Live::problems`]); the next clean
//! load replaces the snapshot and clears them.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use serde::Serialize;
use tokio::sync::{Semaphore, broadcast, watch};

use crate::analysis::{self, Analysis};
use crate::diagnostic::{Code, Diagnostic, FileId, Severity};
use crate::model::PathwayIx;
use crate::render::report::diagnostics::{self, JsonDiagnostic};
use crate::workspace::Loaded;

/// One loaded and analysed version of the workspace. Immutable: requests share it by `Arc`.
pub struct Snapshot {
    /// The reload that produced it (1 for the first load).
    pub generation: u64,
    /// A hash of every file's path and text: the same files give the same hash, so rendered
    /// diagrams are cached (and ETags given) by content, not by time.
    pub hash: u64,
    /// The files, model and load diagnostics.
    pub loaded: Loaded,
    /// The analysis of the model.
    pub analysis: Analysis,
    /// When each file was last modified, as the file system says.
    pub modified: BTreeMap<PathBuf, SystemTime>,
    /// The pathways each finding concerns (index = finding), computed once: pages filter and
    /// count findings by pathway on every request.
    pub finding_pathways: Vec<Vec<PathwayIx>>,
}

impl Snapshot {
    /// The workspace as every renderer reads it.
    pub fn analysed(&self) -> crate::render::Analysed<'_> {
        crate::render::Analysed {
            loaded: &self.loaded,
            analysis: &self.analysis,
            finding_pathways: &self.finding_pathways,
        }
    }

    /// Analyses a load. `modified` is read from the file system by the caller.
    pub fn new(loaded: Loaded, generation: u64, modified: BTreeMap<PathBuf, SystemTime>) -> Self {
        let analysis = analysis::analyze(&loaded.model);
        let finding_pathways = analysis::pathways_of_each(&loaded.model, &analysis.findings);
        let mut h = std::hash::DefaultHasher::new();
        for (_, file) in loaded.sources.iter() {
            (&file.path, &file.text).hash(&mut h);
        }
        Snapshot {
            generation,
            hash: h.finish(),
            loaded,
            analysis,
            modified,
            finding_pathways,
        }
    }
}

/// Errors shown per file; the rest of a file's are counted ("and 312 more errors in x.toml").
/// The first errors of a file are the ones to fix; the later ones often follow from them.
pub const SHOWN_PER_FILE: usize = 20;

/// Bytes that [`Problems::text`] and [`Problems::diagnostics`] may take together, as JSON: a
/// broken file can have tens of thousands of errors, and the problems go to `/api/status`, into
/// every page and to every open page on each save.
pub const PROBLEMS_BUDGET: usize = 192 << 10;

/// Bytes of one printed diagnostic at most: its source line is printed in full, and a file can
/// be one long line.
const PRINTED_BYTES: usize = 8 << 10;

/// Characters kept of each text of a diagnostic (message, label, why, help): they quote the file.
const FIELD_CHARS: usize = 500;

/// Related locations kept per diagnostic.
const RELATED_SHOWN: usize = 3;

/// The errors of a load that was not served, for the overlay: the first [`SHOWN_PER_FILE`] of
/// each file within [`PROBLEMS_BUDGET`], and a count of the rest, so what is sent is bounded
/// whatever the files hold.
#[derive(Debug, Serialize)]
pub struct Problems {
    /// The reload that found them.
    pub generation: u64,
    /// Errors in the load, shown or not.
    pub errors: usize,
    /// The shown errors printed as `polku check` prints them (file:line:col, the line, a caret),
    /// without colour, then a line for each file with more.
    pub text: String,
    /// The shown errors as data.
    pub diagnostics: Vec<JsonDiagnostic>,
    /// Errors not shown, per file that has some shown (in the order of the first shown).
    pub more: Vec<More>,
    /// Errors not shown in files that have none shown (the budget was spent before them).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_elsewhere: Option<Elsewhere>,
    /// Errors per file, shown or not, for the overview's counts (not sent: it grows with the
    /// workspace, and the overview has a row per file anyway).
    #[serde(skip)]
    pub errors_by_file: BTreeMap<String, usize>,
}

/// Errors of one file that were not shown.
#[derive(Debug, Serialize, PartialEq)]
pub struct More {
    /// The file as shown to users; absent for problems of the whole workspace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// How many were not shown.
    pub errors: usize,
}

/// Errors in files of which none were shown.
#[derive(Debug, Serialize, PartialEq)]
pub struct Elsewhere {
    /// How many files.
    pub files: usize,
    /// How many errors in them.
    pub errors: usize,
}

impl Problems {
    /// The errors of `loaded`, or `None` when it has none.
    pub fn of(loaded: &Loaded, generation: u64) -> Option<Problems> {
        let mut errors: Vec<&Diagnostic> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if errors.is_empty() {
            return None;
        }
        // Root causes first: a file that does not parse loses its entities, and the references
        // to them in other files follow from that. The sort is stable, so each group keeps its
        // file order.
        errors.sort_by_key(|d| !matches!(d.code, Code::TomlSyntax | Code::FileUnreadable));
        let sources = &loaded.sources;
        let file_of = |d: &Diagnostic| d.origin.as_ref().map(|o| o.file);
        let name = |f: FileId| sources.get(f).path.display().to_string();
        // Per file: errors in all, and shown; files in the order of their first shown error.
        let mut counts: BTreeMap<Option<FileId>, (usize, usize)> = BTreeMap::new();
        let mut order: Vec<Option<FileId>> = Vec::new();
        let mut text = String::new();
        let mut diagnostics = Vec::new();
        let mut used = 0;
        let mut full = false;
        for d in &errors {
            let file = file_of(d);
            let (all, shown) = counts.entry(file).or_insert((0, 0));
            *all += 1;
            if full || *shown >= SHOWN_PER_FILE {
                continue;
            }
            let mut printed = diagnostics::to_plain_string(sources, std::slice::from_ref(*d));
            clip_bytes(&mut printed, PRINTED_BYTES);
            let mut json = diagnostics::to_json(sources, std::slice::from_ref(*d));
            json.iter_mut().for_each(clip_json);
            let size = json_len(&printed) + json.first().map_or(0, json_len);
            if used + size > PROBLEMS_BUDGET {
                full = true;
                continue;
            }
            used += size;
            if *shown == 0 {
                order.push(file);
            }
            *shown += 1;
            text.push_str(&printed);
            diagnostics.extend(json);
        }
        let more: Vec<More> = order
            .iter()
            .filter_map(|f| {
                let (all, shown) = counts[f];
                (all > shown).then(|| More {
                    file: f.map(name),
                    errors: all - shown,
                })
            })
            .collect();
        let unshown: Vec<usize> = counts
            .values()
            .filter(|(_, shown)| *shown == 0)
            .map(|(all, _)| *all)
            .collect();
        let more_elsewhere = (!unshown.is_empty()).then(|| Elsewhere {
            files: unshown.len(),
            errors: unshown.iter().sum(),
        });
        for m in &more {
            let place = m
                .file
                .as_deref()
                .map_or("the workspace".to_string(), |f| f.to_string());
            text.push_str(&format!(
                "and {} more {} in {place}\n",
                m.errors,
                plural(m.errors)
            ));
        }
        if let Some(e) = &more_elsewhere {
            text.push_str(&format!(
                "and {} more {} in {} other {}\n",
                e.errors,
                plural(e.errors),
                e.files,
                if e.files == 1 { "file" } else { "files" }
            ));
        }
        if !more.is_empty() || more_elsewhere.is_some() {
            text.push_str(&format!(
                "{} errors in all; `polku check` lists every one (the first of a file often cause the rest)\n",
                errors.len()
            ));
        }
        let errors_by_file = counts
            .iter()
            .filter_map(|(f, (all, _))| Some((name((*f)?), *all)))
            .collect();
        Some(Problems {
            generation,
            errors: errors.len(),
            text,
            diagnostics,
            more,
            more_elsewhere,
            errors_by_file,
        })
    }

    /// A problem that is not in a file (the folder is gone, a bug in polku).
    pub fn message(generation: u64, text: String) -> Problems {
        Problems {
            generation,
            errors: 0,
            text,
            diagnostics: Vec::new(),
            more: Vec::new(),
            more_elsewhere: None,
            errors_by_file: BTreeMap::new(),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "error" } else { "errors" }
}

/// Bytes `value` takes as JSON.
fn json_len(value: &impl Serialize) -> usize {
    serde_json::to_vec(value).map_or(0, |v| v.len())
}

/// Cuts `s` to at most `max` bytes (at a character boundary), marking the cut.
fn clip_bytes(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push_str("…\n");
    }
}

/// Cuts `s` to at most `max` characters, marking the cut.
fn clip_chars(s: &mut String, max: usize) {
    if let Some((end, _)) = s.char_indices().nth(max) {
        s.truncate(end);
        s.push('…');
    }
}

/// Bounds one diagnostic's texts and related locations.
fn clip_json(d: &mut JsonDiagnostic) {
    clip_chars(&mut d.message, FIELD_CHARS);
    for text in [&mut d.label, &mut d.why, &mut d.help]
        .into_iter()
        .flatten()
    {
        clip_chars(text, FIELD_CHARS);
    }
    d.related.truncate(RELATED_SHOWN);
    for r in &mut d.related {
        clip_chars(&mut r.message, FIELD_CHARS);
    }
}

/// What is served now.
pub struct Live {
    /// The newest reload's number, good or not.
    pub generation: u64,
    /// The last good snapshot (at start: whatever loaded, errors or not).
    pub snapshot: Arc<Snapshot>,
    /// The errors of the newest load, when it was not served.
    pub problems: Option<Arc<Problems>>,
}

/// Sent to every open page.
#[derive(Clone, Debug)]
pub enum Event {
    /// A new snapshot is served: pages reload.
    Reload(u64),
    /// The newest files have errors: pages show them and keep their content.
    Problems(Arc<Problems>),
}

/// A rendered response body with its type and entity tag.
pub struct Rendered {
    /// The bytes.
    pub body: axum::body::Bytes,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// `ETag`, quoted.
    pub etag: String,
}

/// Rendered diagrams by key, least recently used out first, bounded by count and by bytes.
pub struct RenderCache {
    entries: lru::LruCache<u64, Arc<Rendered>>,
    bytes: usize,
    max_bytes: usize,
}

impl RenderCache {
    /// A cache of at most `entries` entries and `max_bytes` bytes.
    pub fn new(entries: NonZeroUsize, max_bytes: usize) -> Self {
        RenderCache {
            entries: lru::LruCache::new(entries),
            bytes: 0,
            max_bytes,
        }
    }

    /// The entry, marked as used.
    pub fn get(&mut self, key: u64) -> Option<Arc<Rendered>> {
        self.entries.get(&key).cloned()
    }

    /// Stores an entry; one larger than the whole budget is not stored.
    pub fn put(&mut self, key: u64, value: Arc<Rendered>) {
        let size = value.body.len();
        if size > self.max_bytes {
            return;
        }
        if let Some((_, old)) = self.entries.push(key, value) {
            self.bytes -= old.body.len();
        }
        self.bytes += size;
        while self.bytes > self.max_bytes {
            match self.entries.pop_lru() {
                Some((_, old)) => self.bytes -= old.body.len(),
                None => break,
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// Everything the handlers share.
pub struct Shared {
    /// What is served now.
    pub live: RwLock<Live>,
    /// Reloads and problems, to every open page.
    pub events: broadcast::Sender<Event>,
    /// Rendered diagrams.
    pub cache: Mutex<RenderCache>,
    /// Becomes `true` when the server shuts down: event streams end so connections can close.
    pub shutdown: watch::Receiver<bool>,
    /// The templates.
    pub templates: minijinja::Environment<'static>,
    /// Tells this run of the server from earlier ones: generations restart at 1, so a page
    /// compares `instance-generation`, and ETags include it so no tag outlives a restart (which
    /// may bring another renderer or another Graphviz).
    pub instance: u64,
    /// At most this many pages and diagrams are built at once (blocking work, memory).
    pub renders: Semaphore,
}

impl Shared {
    /// The version a page shows and live reload compares: instance and generation.
    pub fn version(&self, generation: u64) -> String {
        format!("{:x}-{generation}", self.instance)
    }
}

/// The handlers' state.
pub type AppState = Arc<Shared>;

impl Shared {
    /// The snapshot now served.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.live
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .snapshot
            .clone()
    }

    /// The newest generation and its problems.
    pub fn status(&self) -> (u64, Option<Arc<Problems>>) {
        let live = self.live.read().unwrap_or_else(|e| e.into_inner());
        (live.generation, live.problems.clone())
    }

    /// Tells every open page of a problem that is not in a file (the folder is gone, a bug),
    /// keeping the last good snapshot served.
    pub fn report(&self, message: String) {
        eprintln!("{message}");
        let problems = {
            let mut live = self.live.write().unwrap_or_else(|e| e.into_inner());
            live.generation += 1;
            let problems = Arc::new(Problems::message(live.generation, message));
            live.problems = Some(problems.clone());
            problems
        };
        let _ = self.events.send(Event::Problems(problems));
    }

    /// Takes a new load: serves it when it has no errors, else keeps the last good snapshot and
    /// records its problems. Tells every open page. Returns the event sent.
    pub fn apply(&self, loaded: Loaded, modified: BTreeMap<PathBuf, SystemTime>) -> Event {
        // Only the watcher calls this, one load at a time; the analysis runs before the lock is
        // taken, so requests are never held up by it.
        let generation = self.status().0 + 1;
        let event = match Problems::of(&loaded, generation) {
            Some(problems) => {
                let problems = Arc::new(problems);
                let mut live = self.live.write().unwrap_or_else(|e| e.into_inner());
                live.problems = Some(problems.clone());
                live.generation = generation;
                Event::Problems(problems)
            }
            None => {
                let snapshot = Arc::new(Snapshot::new(loaded, generation, modified));
                let old = {
                    let mut live = self.live.write().unwrap_or_else(|e| e.into_inner());
                    live.problems = None;
                    live.generation = generation;
                    std::mem::replace(&mut live.snapshot, snapshot)
                };
                // Freed outside the lock (it is large), unless a request still holds it.
                drop(old);
                Event::Reload(generation)
            }
        };
        // No open page is not an error.
        let _ = self.events.send(event.clone());
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(n: usize) -> Arc<Rendered> {
        Arc::new(Rendered {
            body: axum::body::Bytes::from(vec![b'x'; n]),
            content_type: "text/plain",
            etag: String::new(),
        })
    }

    #[test]
    fn problems_stay_in_budget_and_count_what_they_do_not_show() {
        // 300 files of 30 long errors each: 9,000 errors, megabytes printed.
        let mut sources = crate::diagnostic::Sources::new();
        for f in 0..300 {
            let mut text = String::from("[[actor]]\nid = \"a\"\n");
            for i in 0..30 {
                text.push_str(&format!("bogus_{i}_{} = 1\n", "x".repeat(200)));
            }
            sources.add(crate::diagnostic::SourceFile::new(
                format!("f{f:03}.toml"),
                text,
            ));
        }
        let loaded = crate::workspace::load_sources(sources);
        let total = loaded.count(Severity::Error);
        assert!(total >= 9000, "{total}");
        let p = Problems::of(&loaded, 7).unwrap();
        let sent = serde_json::to_string(&p).unwrap().len();
        assert!(sent < PROBLEMS_BUDGET + (16 << 10), "{sent} bytes");
        assert_eq!(p.errors, total);
        let shown = p.diagnostics.len();
        let counted: usize = p.more.iter().map(|m| m.errors).sum::<usize>()
            + p.more_elsewhere.as_ref().map_or(0, |e| e.errors);
        assert_eq!(shown + counted, total, "every error is shown or counted");
        let elsewhere = p.more_elsewhere.as_ref().expect("files with none shown");
        assert_eq!(count_full(&p), 0, "30 errors a file, 20 shown at most");
        assert_eq!(p.more.len() + elsewhere.files, 300);
        assert!(p.more.iter().all(|m| m.errors >= 10));
        assert!(p.text.contains(&format!(
            "and {} more errors in {} other files",
            elsewhere.errors, elsewhere.files
        )));
        assert_eq!(p.errors_by_file.values().sum::<usize>(), total);
        assert_eq!(p.errors_by_file.len(), 300);
    }

    /// Files whose every error was shown.
    fn count_full(p: &Problems) -> usize {
        let files: std::collections::BTreeSet<_> = p
            .diagnostics
            .iter()
            .filter_map(|d| d.position.as_ref().map(|pos| pos.file.clone()))
            .collect();
        files.len() - p.more.len()
    }

    #[test]
    fn the_cache_is_bounded_by_entries_and_by_bytes() {
        let mut cache = RenderCache::new(NonZeroUsize::new(3).unwrap(), 100);
        for key in 0..5 {
            cache.put(key, rendered(10));
        }
        assert_eq!((cache.len(), cache.bytes()), (3, 30));
        assert!(cache.get(0).is_none() && cache.get(4).is_some());
        cache.put(9, rendered(95));
        assert_eq!(
            (cache.len(), cache.bytes()),
            (1, 95),
            "older entries made room"
        );
        cache.put(10, rendered(101));
        assert!(cache.get(10).is_none(), "larger than the budget: not kept");
        cache.put(9, rendered(5));
        assert_eq!(cache.bytes(), 5, "a replaced entry's bytes are given back");
    }
}
