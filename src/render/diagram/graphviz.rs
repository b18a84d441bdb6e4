//! Runs Graphviz's `dot` program to lay out DOT as SVG, PNG or PDF.
//!
//! This is the one render module with I/O: it starts a process. Laying out a large graph can take
//! minutes (2,000 nodes with long edges: 15 s to minutes), so every run has a time limit and an
//! output size limit, and a missing `dot` is a clear error, not a panic: callers fall back to the
//! native swimlane engine.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What `dot` should produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// A raster image.
    Png,
    /// A document for printing and Innokylä attachments.
    Pdf,
}

impl Format {
    fn flag(self) -> &'static str {
        match self {
            Format::Svg => "-Tsvg",
            Format::Png => "-Tpng",
            Format::Pdf => "-Tpdf",
        }
    }
}

/// Limits for one run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Wall-clock time allowed.
    pub time: Duration,
    /// Largest output accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(30),
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why `dot` did not produce output.
#[derive(Debug)]
pub enum Error {
    /// `dot` is not installed (not on the PATH).
    NotInstalled,
    /// It ran out of time and was stopped.
    TimedOut(Duration),
    /// Its output passed the size limit and was stopped.
    TooLarge(usize),
    /// It failed; its error output.
    Failed(String),
    /// Talking to it failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotInstalled => write!(
                f,
                "Graphviz `dot` is not installed; install it (Debian/Ubuntu: apt-get install graphviz) or use --engine lanes"
            ),
            Error::TimedOut(t) => write!(
                f,
                "Graphviz `dot` did not finish in {} s and was stopped; render a smaller view (one pathway, or the aggregated ecosystem) or use --engine lanes",
                t.as_secs()
            ),
            Error::TooLarge(n) => write!(f, "Graphviz output passed {n} bytes and was stopped"),
            Error::Failed(msg) => write!(f, "Graphviz `dot` failed: {}", msg.trim()),
            Error::Io(e) => write!(f, "could not run Graphviz `dot`: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// True when `dot` can be run.
pub fn available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Lays out `source` with `dot` into `format`, within `limits`.
pub fn run(source: &str, format: Format, limits: Limits) -> Result<Vec<u8>, Error> {
    let mut child = match Command::new("dot")
        .arg(format.flag())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotInstalled),
        Err(e) => return Err(Error::Io(e)),
    };
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = source.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        // A broken pipe means dot exited early; its status says why.
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let max = limits.max_bytes;
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = (&mut stdout).take(max as u64 + 1).read_to_end(&mut out);
        read.map(|_| out)
    });
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = (&mut stderr).take(64 * 1024).read_to_string(&mut text);
        text
    });

    let start = Instant::now();
    let status = loop {
        match child.try_wait().map_err(Error::Io)? {
            Some(status) => break status,
            None if start.elapsed() > limits.time => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::TimedOut(limits.time));
            }
            None => std::thread::sleep(Duration::from_millis(5)),
        }
    };
    let _ = writer.join();
    let out = reader
        .join()
        .map_err(|_| Error::Failed("reading output failed".into()))?
        .map_err(Error::Io)?;
    let err = errors.join().unwrap_or_default();
    if out.len() > max {
        return Err(Error::TooLarge(max));
    }
    if !status.success() {
        return Err(Error::Failed(err));
    }
    Ok(out)
}

/// The installed Graphviz's version line (`dot - graphviz version …`), part of every cache key so
/// an upgrade never serves an old layout.
pub fn version() -> Option<String> {
    let out = Command::new("dot").arg("-V").output().ok()?;
    let text = String::from_utf8_lossy(&out.stderr).trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// A folder of finished layouts, keyed by a hash of the DOT source, the format and the Graphviz
/// version. Large views take `dot` seconds to minutes; the same view is laid out once.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: std::path::PathBuf,
}

impl Cache {
    /// A cache in `dir` (created when first written).
    pub fn new(dir: impl Into<std::path::PathBuf>) -> Self {
        Cache { dir: dir.into() }
    }

    /// The user's cache folder for polku: `$XDG_CACHE_HOME/polku/dot`, else `~/.cache/polku/dot`.
    pub fn user() -> Option<Self> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".cache"))
            })?;
        Some(Cache::new(base.join("polku").join("dot")))
    }

    fn path(&self, source: &str, format: Format, version: &str) -> std::path::PathBuf {
        use std::hash::{Hash, Hasher};
        // SipHash with fixed keys: the same input gives the same name in every run.
        let mut h = std::hash::DefaultHasher::new();
        (source, format.flag(), version, env!("CARGO_PKG_VERSION")).hash(&mut h);
        let ext = match format {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
        };
        self.dir
            .join(format!("{:016x}-{}.{ext}", h.finish(), source.len()))
    }

    /// The layout of `source` from the cache, else from `dot` (then stored). Returns the output
    /// and whether it came from the cache. A cache that cannot be read or written is skipped: the
    /// layout is still made.
    pub fn run(
        &self,
        source: &str,
        format: Format,
        limits: Limits,
    ) -> Result<(Vec<u8>, bool), Error> {
        let version = version().ok_or(Error::NotInstalled)?;
        let path = self.path(source, format, &version);
        if let Ok(bytes) = std::fs::read(&path) {
            return Ok((bytes, true));
        }
        let bytes = run(source, format, limits)?;
        if std::fs::create_dir_all(&self.dir).is_ok() {
            // Written whole or not at all: a temp file renamed into place.
            if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir)
                && tmp.write_all(&bytes).is_ok()
            {
                let _ = tmp.persist(&path);
            }
        }
        Ok((bytes, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_or_says_it_is_missing() {
        match run("digraph { a -> b }", Format::Svg, Limits::default()) {
            Ok(svg) => assert!(String::from_utf8_lossy(&svg).contains("<svg")),
            Err(Error::NotInstalled) => assert!(!available()),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn the_cache_lays_out_once_and_serves_the_same_bytes() {
        if !available() {
            assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("dot"));
        let (first, hit) = cache
            .run("digraph { a -> b }", Format::Svg, Limits::default())
            .unwrap();
        assert!(!hit);
        let (second, hit) = cache
            .run("digraph { a -> b }", Format::Svg, Limits::default())
            .unwrap();
        assert!(hit);
        assert_eq!(first, second);
        let (_, hit) = cache
            .run("digraph { a -> c }", Format::Svg, Limits::default())
            .unwrap();
        assert!(!hit, "another source is another entry");
        let (_, hit) = cache
            .run("digraph { a -> b }", Format::Png, Limits::default())
            .unwrap();
        assert!(!hit, "another format is another entry");
        assert_eq!(
            std::fs::read_dir(dir.path().join("dot")).unwrap().count(),
            3
        );
    }

    #[test]
    fn syntax_errors_and_size_limits_are_errors() {
        if !available() {
            assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz");
            return;
        }
        assert!(matches!(
            run("digraph { a -> ", Format::Svg, Limits::default()),
            Err(Error::Failed(_))
        ));
        let tiny = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert!(matches!(
            run("digraph { a -> b }", Format::Svg, tiny),
            Err(Error::TooLarge(10))
        ));
    }
}
