//! Live reload: watches the workspace folder, and after each burst of changes re-reads only the
//! changed files, loads and analyses again, and hands the result to [`Shared::apply`], which
//! serves it or shows its errors over the last good version.
//!
//! The watch is armed before the first read ([`arm`]), so an edit made while a large workspace is
//! still loading is not lost: its events wait in the channel. The work runs on its own thread
//! ([`Armed::run`]): loading and analysing are blocking, and the debouncer coalesces a burst of
//! saves into one reload. When the folder itself goes away (deleted, or replaced by a copy) the
//! pages are told, and the watch is armed again once a folder is back.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::state::{Event, Shared};
use crate::workspace::{Files, LoadError, Loaded};

type Watch = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// A watch armed on a folder, its events waiting until [`Armed::run`] takes them.
pub struct Armed {
    dir: PathBuf,
    debounce: Duration,
    _watch: Watch,
    events: mpsc::Receiver<DebounceEventResult>,
}

/// Starts watching `dir`; events are kept until [`Armed::run`].
pub fn arm(dir: &Path, debounce: Duration) -> Result<Armed, String> {
    let (tx, events) = mpsc::channel::<DebounceEventResult>();
    let watch = watch(dir, debounce, tx)?;
    Ok(Armed {
        dir: dir.to_owned(),
        debounce,
        _watch: watch,
        events,
    })
}

fn watch(
    dir: &Path,
    debounce: Duration,
    tx: mpsc::Sender<DebounceEventResult>,
) -> Result<Watch, String> {
    let mut watch = new_debouncer(debounce, None, tx).map_err(|e| e.to_string())?;
    if let Err(e) = watch.watch(dir, RecursiveMode::Recursive) {
        // A recursive watch fails whole when one folder below cannot be watched (no read
        // access). Watch every folder that can be, one by one, rather than none: the loader
        // reports the unreadable one, and edits everywhere else still reload.
        watch
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|_| format!("{}: {e}", dir.display()))?;
        let mut stack = vec![dir.to_owned()];
        while let Some(folder) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    let path = entry.path();
                    if watch.watch(&path, RecursiveMode::NonRecursive).is_ok() {
                        stack.push(path);
                    }
                }
            }
        }
    }
    Ok(watch)
}

/// When each file of a load was last modified.
pub fn modified(loaded: &Loaded) -> BTreeMap<PathBuf, SystemTime> {
    loaded
        .sources
        .iter()
        .filter(|(_, f)| !f.builtin)
        .filter_map(|(_, f)| {
            let time = std::fs::metadata(&f.path).and_then(|m| m.modified()).ok()?;
            Some((f.path.clone(), time))
        })
        .collect()
}

impl Armed {
    /// Reloads on every change, on a thread of its own, for as long as the process runs.
    pub fn run(self, files: Files, shared: Arc<Shared>) -> Result<(), String> {
        std::thread::Builder::new()
            .name("polku-watch".into())
            .spawn(move || self.work(files, shared))
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn work(mut self, mut files: Files, shared: Arc<Shared>) {
        loop {
            let result = match self.events.recv() {
                Ok(r) => r,
                // The watch is gone (it is never dropped while this runs): nothing more to do.
                Err(_) => return,
            };
            let paths: Vec<PathBuf> = match result {
                Ok(events) => events
                    .into_iter()
                    .filter(|e| !e.kind.is_access())
                    .flat_map(|e| e.event.paths)
                    .collect(),
                Err(errors) => {
                    for e in errors {
                        eprintln!("watch: {e}");
                    }
                    Vec::new()
                }
            };
            if paths.is_empty() && self.dir.is_dir() {
                continue;
            }
            let started = Instant::now();
            let touched = match files.refresh(&paths) {
                Ok(t) => t,
                Err(LoadError::NotFound(_) | LoadError::NotADirectory(_)) => {
                    files = self.wait_for_folder(&shared);
                    vec![self.dir.clone()]
                }
                Err(e) => {
                    shared.report(format!("{e}"));
                    continue;
                }
            };
            if touched.is_empty() {
                continue;
            }
            // A bug in loading or analysis must not end live reload for the session.
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
                let loaded = files.load();
                let times = modified(&loaded);
                shared.apply(loaded, times)
            }));
            // The load's parse trees and, after a reload, the old snapshot are freed now.
            super::memory::give_back();
            let names: Vec<String> = touched
                .iter()
                .map(|p| {
                    p.strip_prefix(files.dir())
                        .unwrap_or(p)
                        .display()
                        .to_string()
                })
                .collect();
            match outcome {
                Ok(Event::Reload(g)) => eprintln!(
                    "reloaded ({}) in {} ms: generation {g}",
                    names.join(", "),
                    started.elapsed().as_millis()
                ),
                Ok(Event::Problems(p)) => eprintln!(
                    "{} has errors; still serving the last good version:\n{}",
                    names.join(", "),
                    p.text.trim_end()
                ),
                Err(_) => shared.report(format!(
                    "polku failed while loading {}; this is a bug in polku — the last good version stays served",
                    names.join(", ")
                )),
            }
        }
    }

    /// The folder is gone: tells the pages, waits until a folder is there again, arms a new
    /// watch on it and reads it whole.
    fn wait_for_folder(&mut self, shared: &Shared) -> Files {
        shared.report(format!(
            "the workspace folder `{}` is gone; the last good version stays served until it is back",
            self.dir.display()
        ));
        loop {
            // Drain what the old watch still says; then look again.
            match self.events.recv_timeout(Duration::from_millis(250)) {
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {}
            }
            if !self.dir.is_dir() {
                continue;
            }
            let (tx, events) = mpsc::channel();
            match watch(&self.dir, self.debounce, tx) {
                Ok(w) => {
                    self._watch = w;
                    self.events = events;
                }
                Err(e) => {
                    eprintln!("watch: {e}");
                    continue;
                }
            }
            if let Ok(files) = Files::read(&self.dir) {
                eprintln!("the workspace folder is back; watching it again");
                return files;
            }
        }
    }
}
