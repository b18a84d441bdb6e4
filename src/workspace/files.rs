//! Reading a workspace folder from disk: which files it has ([`discover`]), what reading each
//! gave ([`Files`]), and re-reading only what changed for live reload ([`Files::refresh`]).
//!
//! **Architecture Invariant:** nothing outside the workspace folder is ever read — a link that
//! resolves outside is reported by name, with nothing of what it leads to — and no single file
//! or folder stops the others from loading.

use std::path::{Path, PathBuf};

use super::{LoadError, Loaded, build, sort};
use crate::diagnostic::{Code, Diagnostic, Severity, SourceFile, Sources};

/// Finds every `*.toml` file below `dir`, sorted, skipping hidden folders and `target`.
pub fn discover(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    Ok(discover_all(dir)?.files)
}

/// What listing a workspace folder found: the pathway files, and the folders below it that could
/// not be listed (reported, and the rest read: one unreadable folder never hides the others).
#[derive(Clone, Debug, Default, PartialEq)]
struct Discovered {
    files: Vec<PathBuf>,
    unlisted: Vec<(PathBuf, String)>,
}

fn discover_all(dir: &Path) -> Result<Discovered, LoadError> {
    if !dir.exists() {
        return Err(LoadError::NotFound(dir.to_owned()));
    }
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_owned()));
    }
    let mut found = Discovered::default();
    let mut stack = vec![dir.to_owned()];
    while let Some(folder) = stack.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            // Only the workspace folder itself is a reason not to load at all.
            Err(e) if folder == dir => return Err(LoadError::Io(folder, e)),
            Err(e) => {
                found.unlisted.push((folder, e.to_string()));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    found.unlisted.push((folder.clone(), e.to_string()));
                    break;
                }
            };
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            // `file_type` does not follow links: a linked folder is not entered (a link to `.`
            // would otherwise read the workspace again and again); a linked file is kept, and
            // reading it checks where it leads.
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let toml = path.extension().is_some_and(|e| e == "toml");
            if file_type.is_dir() {
                stack.push(path);
            } else if toml {
                // Also pipes and devices named *.toml: reading says what they are.
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    found.unlisted.sort();
    Ok(found)
}

/// The largest pathway file polku reads. Real pathway files are kilobytes; a national workspace
/// is a few megabytes in all. Parsing keeps a tree about 30 times the file's size.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// What reading one file from disk gave.
#[derive(Clone, Debug, PartialEq)]
enum FileRead {
    /// UTF-8 text.
    Text(std::sync::Arc<str>),
    /// Not UTF-8: a lossy copy (so the report can show the line), the first bad byte, and
    /// whether the bytes look like UTF-16.
    NotUtf8 {
        lossy: String,
        at: usize,
        utf16: bool,
    },
    /// A link that leads outside the workspace folder: never read, so that a link to
    /// `/etc/shadow` or `/proc/self/environ` in a cloned repository shows nothing of it.
    Outside,
    /// A link to nothing.
    Dangling,
    /// Not a regular file (a folder, a pipe, a device).
    NotAFile,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// The file could not be read.
    Failed(String),
}

impl FileRead {
    /// Reads `path`, a file found below the workspace folder whose real (canonical) path is
    /// `root`.
    fn from_disk(path: &Path, root: &Path) -> FileRead {
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(_) if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) => {
                return FileRead::Dangling;
            }
            Err(e) => return FileRead::Failed(e.to_string()),
        };
        let Ok(inside) = real.strip_prefix(root) else {
            return FileRead::Outside;
        };
        // Discovery never enters hidden folders or `target` (`.git`, `.env` files, builds): a
        // link into one is not read either.
        let skipped = inside
            .parent()
            .into_iter()
            .flat_map(Path::components)
            .any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name.starts_with('.') || name == "target"
            });
        if skipped {
            return FileRead::Outside;
        }
        // Opening a named pipe for reading waits for a writer: look before opening.
        match std::fs::metadata(&real) {
            Ok(m) if !m.is_file() => return FileRead::NotAFile,
            Ok(_) => {}
            Err(e) => return FileRead::Failed(e.to_string()),
        }
        // The real path is read, not the link: what was checked is what is read.
        let file = match std::fs::File::open(&real) {
            Ok(file) => file,
            Err(e) => return FileRead::Failed(e.to_string()),
        };
        match file.metadata() {
            Ok(m) if !m.is_file() => return FileRead::NotAFile,
            Ok(m) if m.len() > MAX_FILE_BYTES => return FileRead::TooLarge(m.len()),
            Ok(_) => {}
            Err(e) => return FileRead::Failed(e.to_string()),
        }
        let mut bytes = Vec::new();
        use std::io::Read;
        // Bounded even if the file grows while it is read.
        if let Err(e) = file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
            return FileRead::Failed(e.to_string());
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return FileRead::TooLarge(bytes.len() as u64);
        }
        match String::from_utf8(bytes) {
            Ok(text) => FileRead::Text(text.into()),
            Err(e) => {
                let bytes = e.as_bytes();
                FileRead::NotUtf8 {
                    at: e.utf8_error().valid_up_to(),
                    utf16: looks_like_utf16(bytes),
                    lossy: String::from_utf8_lossy(bytes).into_owned(),
                }
            }
        }
    }
}

/// A byte-order mark of UTF-16, or text where every other byte is zero (ASCII in UTF-16).
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    let sample = &bytes[..bytes.len().min(512)];
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    half >= 4 && (zeros(0) * 10 >= half * 9 || zeros(1) * 10 >= half * 9)
}

/// The files of a workspace folder as last read from disk. `polku serve` keeps one and, when the
/// watcher reports changes, re-reads only those files ([`Files::refresh`]) before loading again.
#[derive(Clone, Debug)]
pub struct Files {
    dir: PathBuf,
    /// The folder's real path: files that resolve outside it are not read.
    root: PathBuf,
    files: std::collections::BTreeMap<PathBuf, FileRead>,
    /// Folders below `dir` that could not be listed, with why.
    unlisted: Vec<(PathBuf, String)>,
}

impl Files {
    /// Finds and reads every pathway file below `dir`.
    pub fn read(dir: &Path) -> Result<Files, LoadError> {
        let found = discover_all(dir)?;
        let root = dir
            .canonicalize()
            .map_err(|e| LoadError::Io(dir.to_owned(), e))?;
        let files = found
            .files
            .into_iter()
            .map(|path| {
                let read = FileRead::from_disk(&path, &root);
                (path, read)
            })
            .collect();
        Ok(Files {
            dir: dir.to_owned(),
            root,
            files,
            unlisted: found.unlisted,
        })
    }

    /// The workspace folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when the folder has no pathway files.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Brings the set up to date after `changed` paths changed on disk: lists the folder again
    /// (new and removed files), re-reads the changed files that are still there and keeps every
    /// other file's text. Returns the paths that were read again, added or removed (empty when
    /// nothing that matters changed, e.g. a temp file an editor wrote and removed).
    pub fn refresh(&mut self, changed: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
        let found = discover_all(&self.dir)?;
        let mut touched = Vec::new();
        if found.unlisted != self.unlisted {
            // A folder became readable or unreadable: what it holds was added or removed above.
            touched.extend(found.unlisted.iter().map(|(p, _)| p.clone()));
            touched.extend(self.unlisted.iter().map(|(p, _)| p.clone()));
            self.unlisted = found.unlisted;
        }
        let now = found.files;
        self.files.retain(|path, _| {
            let keep = now.binary_search(path).is_ok();
            if !keep {
                touched.push(path.clone());
            }
            keep
        });
        let changed: std::collections::HashSet<PathBuf> = changed
            .iter()
            .flat_map(|c| [Some(c.clone()), c.canonicalize().ok()])
            .flatten()
            .collect();
        for path in now {
            let changed =
                changed.contains(&path) || path.canonicalize().is_ok_and(|c| changed.contains(&c));
            if changed || !self.files.contains_key(&path) {
                let mut read = FileRead::from_disk(&path, &self.root);
                // An editor that saves in place truncates the file, then writes it: an empty read
                // of a file that had text is most likely the moment between, so look again.
                let was_text =
                    matches!(self.files.get(&path), Some(FileRead::Text(t)) if !t.is_empty());
                if was_text && read == FileRead::Text("".into()) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    read = FileRead::from_disk(&path, &self.root);
                }
                if self.files.get(&path) != Some(&read) {
                    self.files.insert(path.clone(), read);
                    touched.push(path);
                }
            }
        }
        touched.sort();
        touched.dedup();
        Ok(touched)
    }

    /// Parses, resolves and checks the files as read.
    pub fn load(&self) -> Loaded {
        let dir = &self.dir;
        let mut sources = Sources::new();
        let mut diagnostics = Vec::new();
        let mut unreadable = Vec::new();
        for (folder, e) in &self.unlisted {
            let shown = folder
                .strip_prefix(dir)
                .map_or(folder.clone(), |p| dir.join(p));
            diagnostics.push(
                Diagnostic::error(
                    Code::FileUnreadable,
                    None,
                    format!(
                        "cannot list the folder `{}`: {e}; its files are not checked",
                        shown.display()
                    ),
                )
                .with_help("give yourself read access to the folder (chmod u+rx), or move it out of the workspace"),
            );
        }
        for (path, read) in &self.files {
            let shown = path.strip_prefix(dir).map_or(path.clone(), |p| dir.join(p));
            // Problems of a file that was not read: reported by its name, with nothing of it.
            let mut unread = |message: String, help: &str| {
                let id = sources.add(SourceFile::new(shown.clone(), ""));
                unreadable.push(id);
                diagnostics
                    .push(Diagnostic::error(Code::FileUnreadable, None, message).with_help(help));
            };
            match read {
                FileRead::Text(text) => {
                    sources.add(SourceFile::new(shown, text.clone()));
                }
                FileRead::NotUtf8 { lossy, at, utf16 } => {
                    let at = *at;
                    let id = sources.add(SourceFile::new(shown.clone(), lossy.clone()));
                    unreadable.push(id);
                    let label = if *utf16 {
                        "this byte is not UTF-8 (the file looks like UTF-16)"
                    } else {
                        "this byte is not UTF-8 (the file is probably Latin-1 or Windows-1252)"
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            Code::FileUnreadable,
                            crate::diagnostic::Origin { file: id, span: at..at + '\u{FFFD}'.len_utf8() },
                            format!("`{}` is not UTF-8 text", shown.display()),
                        )
                        .with_label(label)
                        .with_help("save the file as UTF-8 (most editors: File → Save with encoding → UTF-8)"),
                    );
                }
                FileRead::Outside => unread(
                    format!(
                        "`{}` is a link to a file outside the workspace folder (or into a hidden folder or `target`); it is not read",
                        shown.display()
                    ),
                    "polku reads only files inside the workspace folder: copy the file in, or remove the link",
                ),
                FileRead::Dangling => unread(
                    format!(
                        "`{}` is a link to a file that does not exist",
                        shown.display()
                    ),
                    "remove the link, or point it at a pathway file inside the workspace",
                ),
                FileRead::NotAFile => unread(
                    format!("`{}` is not a regular file", shown.display()),
                    "pathway files are plain text files ending in .toml: rename or remove this one",
                ),
                FileRead::TooLarge(bytes) => unread(
                    format!(
                        "`{}` is {} MB; polku reads pathway files of up to {} MB",
                        shown.display(),
                        bytes / (1024 * 1024),
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                    "split it into several files (ids are shared by the whole workspace), or check that it is a pathway file",
                ),
                FileRead::Failed(e) => unread(
                    format!("cannot read `{}`: {e}", shown.display()),
                    "check that the file exists and that you may read it",
                ),
            }
        }
        let mut loaded = build(sources, &unreadable);
        diagnostics.append(&mut loaded.diagnostics);
        loaded.diagnostics = diagnostics;
        sort(&mut loaded.diagnostics);
        if loaded.model.pathways().is_empty() && loaded.count(Severity::Error) == 0 {
            loaded.diagnostics.push(
                Diagnostic::warning(
                    Code::EmptyWorkspace,
                    None,
                    format!("no pathway in `{}`", dir.display()),
                )
                .with_help(
                    "a pathway is a .toml file with a [pathway] table; start one with `polku new NAME`",
                ),
            );
        }
        loaded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::{load_dir, starter};

    #[test]
    fn refresh_rereads_only_what_changed_and_notices_new_and_removed_files() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::fs::write(&a, starter::starter("a")).unwrap();
        std::fs::write(&b, starter::starter("b")).unwrap();
        let mut files = Files::read(dir.path()).unwrap();
        assert_eq!(files.len(), 2);
        let before = files.load();
        assert_eq!(before.diagnostics, vec![]);

        // A change the watcher reports but that left the bytes as they were is no change.
        assert_eq!(
            files.refresh(std::slice::from_ref(&a)).unwrap(),
            Vec::<PathBuf>::new()
        );

        // A file changed behind the set's back is not re-read until it is reported.
        std::fs::write(&b, "[pathway\n").unwrap();
        std::fs::write(&a, starter::starter("a") + "\n# edited\n").unwrap();
        assert_eq!(
            files.refresh(std::slice::from_ref(&a)).unwrap(),
            vec![a.clone()]
        );
        assert_eq!(
            files.load().count(Severity::Error),
            0,
            "b.toml kept its old text"
        );

        let c = dir.path().join("c.toml");
        std::fs::write(&c, starter::starter("c")).unwrap();
        std::fs::remove_file(&a).unwrap();
        assert_eq!(files.refresh(&[]).unwrap(), vec![a.clone(), c.clone()]);
        assert_eq!(files.len(), 2);
        assert_eq!(
            files.refresh(std::slice::from_ref(&b)).unwrap(),
            vec![b.clone()]
        );
        let after = files.load();
        assert_eq!(after.count(Severity::Error), 1);
        assert_eq!(after.diagnostics[0].code, Code::TomlSyntax);
    }

    #[test]
    fn a_file_caught_between_truncate_and_write_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, starter::starter("a")).unwrap();
        let mut files = Files::read(dir.path()).unwrap();
        // An editor saving in place: the file is empty for a moment, then written.
        std::fs::write(&a, "").unwrap();
        let writer = {
            let a = a.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                std::fs::write(&a, starter::starter("a") + "\n# saved\n").unwrap();
            })
        };
        files.refresh(std::slice::from_ref(&a)).unwrap();
        writer.join().unwrap();
        let loaded = files.load();
        assert_eq!(loaded.diagnostics, vec![]);
        assert_eq!(
            loaded.model.pathways().len(),
            1,
            "the written text, not the empty moment"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_folder_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), starter::starter("a")).unwrap();
        std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
        let loaded = load_dir(dir.path()).unwrap();
        assert_eq!(loaded.sources.user_files(), 1);
        assert_eq!(loaded.diagnostics, vec![]);
    }
}
