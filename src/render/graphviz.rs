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
