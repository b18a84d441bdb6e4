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
use crate::diagnostic::{Code, Severity};
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

/// The errors of a load that was not served, for the overlay.
#[derive(Debug, Serialize)]
pub struct Problems {
    /// The reload that found them.
    pub generation: u64,
    /// Printed as `polku check` prints them (file:line:col, the line, a caret), without colour.
    pub text: String,
    /// The same as data.
    pub diagnostics: Vec<JsonDiagnostic>,
}

impl Problems {
    /// The errors of `loaded`, or `None` when it has none.
    pub fn of(loaded: &Loaded, generation: u64) -> Option<Problems> {
        let mut errors: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect();
        // Root causes first: a file that does not parse loses its entities, and the references
        // to them in other files follow from that. The sort is stable, so each group keeps its
        // file order.
        errors.sort_by_key(|d| !matches!(d.code, Code::TomlSyntax | Code::FileUnreadable));
        (!errors.is_empty()).then(|| Problems {
            generation,
            text: diagnostics::to_plain_string(&loaded.sources, &errors),
            diagnostics: diagnostics::to_json(&loaded.sources, &errors),
        })
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
    /// At most this many `dot` processes at once.
    pub dot: Semaphore,
    /// Becomes `true` when the server shuts down: event streams end so connections can close.
    pub shutdown: watch::Receiver<bool>,
    /// The templates.
    pub templates: minijinja::Environment<'static>,
    /// Whether Graphviz was found at start (PNG and PDF).
    pub graphviz: bool,
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
            let problems = Arc::new(Problems {
                generation: live.generation,
                text: message,
                diagnostics: Vec::new(),
            });
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
                let mut live = self.live.write().unwrap_or_else(|e| e.into_inner());
                live.snapshot = snapshot;
                live.problems = None;
                live.generation = generation;
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
