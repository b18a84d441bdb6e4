//! Live reload: watches the workspace folder, and after each burst of changes re-reads only the
//! changed files, loads and analyses again, and hands the result to [`Shared::apply`], which
//! serves it or shows its errors over the last good version.
//!
//! The watcher runs on its own thread: loading and analysing are blocking work, and a burst of
//! saves is coalesced by the debouncer so one save is one reload.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::state::{Event, Shared};
use crate::workspace::{Files, Loaded};
use std::sync::Arc;

/// Keeps the watch alive; dropping it stops watching.
pub struct Watcher {
    _debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
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

/// Starts watching `files`' folder.
pub fn start(mut files: Files, shared: Arc<Shared>, debounce: Duration) -> Result<Watcher, String> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(debounce, None, tx).map_err(|e| e.to_string())?;
    debouncer
        .watch(files.dir(), RecursiveMode::Recursive)
        .map_err(|e| format!("{}: {e}", files.dir().display()))?;
    std::thread::Builder::new()
        .name("polku-watch".into())
        .spawn(move || {
            for result in rx {
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
                        continue;
                    }
                };
                if paths.is_empty() {
                    continue;
                }
                let started = Instant::now();
                let touched = match files.refresh(&paths) {
                    Ok(t) => t,
                    Err(e) => {
                        eprintln!("watch: {e}");
                        continue;
                    }
                };
                if touched.is_empty() {
                    continue;
                }
                let loaded = files.load();
                let times = modified(&loaded);
                let event = shared.apply(loaded, times);
                let names: Vec<String> = touched
                    .iter()
                    .map(|p| {
                        p.strip_prefix(files.dir())
                            .unwrap_or(p)
                            .display()
                            .to_string()
                    })
                    .collect();
                match event {
                    Event::Reload(g) => eprintln!(
                        "reloaded ({}) in {} ms: generation {g}",
                        names.join(", "),
                        started.elapsed().as_millis()
                    ),
                    Event::Problems(p) => eprintln!(
                        "{} has errors; still serving the last good version:\n{}",
                        names.join(", "),
                        p.text.trim_end()
                    ),
                }
            }
        })
        .map_err(|e| e.to_string())?;
    Ok(Watcher {
        _debouncer: debouncer,
    })
}
