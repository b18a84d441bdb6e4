//! Writing output files so that a reader never sees half a file: write a temporary file in the
//! same folder, then rename it over the target.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;

/// Writes `bytes` to `path` atomically. With `overwrite` false an existing file is kept and an
/// error returned.
///
/// The new file gets the permissions an ordinary write would give it: those of the file it
/// replaces, else read-write for everyone less the umask (temporary files are private by default,
/// which a rename would otherwise keep). A symbolic link is followed, so the file it points to is
/// replaced and the link kept.
pub fn write_atomic(path: &Path, bytes: &[u8], overwrite: bool) -> std::io::Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path)?,
        _ => path.to_path_buf(),
    };
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".polku-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Created with this mode, less the umask, as an ordinary new file would be.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(existing.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if overwrite {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

/// The absolute path `out` names once every folder on the way exists: each existing prefix is
/// resolved with its symbolic links, and `..` after a folder that does not exist yet steps back
/// over it, as it will once that folder is created.
pub fn resolve(out: &Path) -> Result<PathBuf, super::Failure> {
    use std::path::Component;
    let here = std::env::current_dir()
        .map_err(|e| super::Failure(format!("cannot find the current folder: {e}")))?;
    let mut resolved = PathBuf::new();
    for component in here.join(out).components() {
        match component {
            Component::Prefix(_) | Component::RootDir => resolved.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
        }
        // What exists is resolved as the system will resolve it (links included); what does not
        // exist yet will be created as a plain folder.
        if let Ok(real) = resolved.canonicalize() {
            resolved = real;
        }
    }
    if resolved.parent().is_none() {
        return Err(super::Failure(format!(
            "`{}` is the root folder; give a folder or file below it",
            out.display()
        )));
    }
    Ok(resolved)
}

/// Refuses an output file that would be a `.toml` file in the workspace folder `workspace`:
/// written over a source it replaces the user's file (one export over `actors.toml` turned a
/// workspace into thousands of errors), and a new one would be read as part of the workspace.
pub fn refuse_workspace_file(output: &Path, workspace: &Path) -> Result<(), Failure> {
    let (Ok(target), Ok(folder)) = (resolve(output), workspace.canonicalize()) else {
        return Ok(());
    };
    if target.starts_with(&folder)
        && target
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
    {
        return Err(Failure(format!(
            "`{}` is a pathway file of the workspace `{}`; polku never writes over the files it \
             reads: write the output outside the workspace folder or with another extension",
            output.display(),
            workspace.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_refuses_to_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.toml");
        write_atomic(&p, b"one", false).unwrap();
        assert!(write_atomic(&p, b"two", false).is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one");
        write_atomic(&p, b"three", true).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_not_private_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("schema.json");
        write_atomic(&p, b"{}", true).unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_ne!(
            mode & 0o044,
            0,
            "readable by others as with an ordinary write (umask permitting): {mode:o}"
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"{ }", true).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.svg");
        let link = dir.path().join("link.svg");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", true).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }
}
