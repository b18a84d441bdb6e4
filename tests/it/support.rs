//! What every feature's tests use: the binary under test, its standard error as text, and the
//! one way a test skips.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// `polku` as built for these tests.
pub fn polku() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("polku").unwrap()
}

/// A finished command's standard error as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Where the skips of a `cargo test` run are listed, one line each after a `run <id>` line:
/// `target/tmp/polku-skipped.txt` (or `$POLKU_SKIP_LOG`).
pub fn skip_log() -> PathBuf {
    std::env::var_os("POLKU_SKIP_LOG")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_TARGET_TMPDIR")).join("polku-skipped.txt"))
}

/// Says that the calling test skips (the rest of) its check because `why` — a tool is missing;
/// `install` says how to get it — and returns, so the test can return or go on without it.
/// With `CI` set it panics instead: CI installs every tool, so a skip there is a failure.
pub fn skip(why: &str, install: &str) {
    skip_to(std::env::var_os("CI").is_some(), &skip_log(), why, install);
}

/// [`skip`] with its inputs explicit. The line goes straight to the process's standard error,
/// not through `println!`/`eprintln!`: libtest captures those for a passing test, so a skip said
/// that way was never seen in a plain `cargo test`. It is also appended to `log`, which a script
/// (`.ci/run`) counts after the run.
pub fn skip_to(ci: bool, log: &Path, why: &str, install: &str) {
    if ci {
        panic!("{why}; CI must have it: {install}");
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("(unnamed test)")
        .to_owned();
    // One test binary: the thread's name is the test's path (`module::test`).
    let line = format!("skipped: {test}: {why}; install with `{install}`");
    let _ = writeln!(std::io::stderr().lock(), "{line}");
    if let Err(e) = append(log, &line) {
        let _ = writeln!(
            std::io::stderr().lock(),
            "(cannot list it in {}: {e})",
            log.display()
        );
    }
}

/// Appends `line` to `log`, first emptying a log of an earlier run: the test binaries of one
/// `cargo test` are children of the same cargo process, so its id tells the runs apart.
fn append(log: &Path, line: &str) -> std::io::Result<()> {
    static LOCK: Mutex<()> = Mutex::new(());
    let _held = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    #[cfg(unix)]
    let run = format!("run {}", std::os::unix::process::parent_id());
    // Elsewhere each test binary starts its own list.
    #[cfg(not(unix))]
    let run = format!("run {}", std::process::id());
    let old = std::fs::read_to_string(log).unwrap_or_default();
    let mut text = if old.lines().next() == Some(run.as_str()) {
        old
    } else {
        format!("{run}\n")
    };
    text.push_str(line);
    text.push('\n');
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(log, text)
}
