//! `polku serve` end to end, in a real headless Chromium: the built binary serves a copy of the
//! shipped workspace, and `tests/consumers/e2e.mjs` (playwright-core) reads the pages, clicks
//! through them, and edits, breaks and fixes a file while a page is open. Screenshots of each step
//! go to `$CARGO_TARGET_TMPDIR/e2e-screenshots/`.
//!
//! Like the consumer tests in `tests/exports.rs`, it fails when Node's packages or Chromium are
//! missing and `CI` is set; elsewhere it prints how to install them and passes.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running `polku serve`; killed if the test ends before it was stopped.
struct Served {
    child: Child,
    url: String,
    /// What it printed on stderr after the first line, as it comes.
    stderr: mpsc::Receiver<String>,
}

impl Served {
    /// Starts `polku serve DIR --port 0` and waits for the line that gives its address.
    fn start(dir: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_polku"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("polku serve starts");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            url: String::new(),
            stderr: rx,
        };
        let first = served
            .stderr
            .recv_timeout(Duration::from_secs(30))
            .expect("polku serve prints its address");
        // polku serve: N pathways from `DIR` at http://127.0.0.1:PORT/
        served.url = first
            .rsplit_once(" at ")
            .map(|(_, url)| url.trim().to_string())
            .filter(|url| url.starts_with("http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("no address in {first:?}"));
        served
    }

    /// Everything printed on stderr so far.
    fn log(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }

    /// Sends SIGTERM (as a service manager or Ctrl-C would) and returns how it exited, and its
    /// last words.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success(), "kill -TERM {pid}");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "polku serve did not stop within 10 s of SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        // The reader thread ends with the pipe; wait for its lines.
        let mut log = Vec::new();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_secs(2)) {
            log.push(line);
        }
        (status, log.join("\n"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_reader_and_a_writer_use_polku_serve_in_chromium() {
    let install = "npm ci --prefix tests/consumers; apt-get install chromium chromium-driver";
    let workspace = tempfile::tempdir().unwrap();
    copy_dir(Path::new("pathways"), workspace.path());
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
    let _ = std::fs::remove_dir_all(&shots);

    let served = Served::start(workspace.path());
    let run = Command::new("node")
        .arg("tests/consumers/e2e.mjs")
        .arg(&served.url)
        .arg(workspace.path())
        .arg(&shots)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            crate::support::skip(&format!("cannot run `node`: {e}"), install);
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {}
        Some(3) => {
            crate::support::skip(stderr.trim(), install);
            return;
        }
        code => panic!(
            "the browser test failed ({code:?}); screenshots in {}:\n{stderr}\npolku serve said:\n{}",
            shots.display(),
            served.log()
        ),
    }
    println!("{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("e2e.mjs prints JSON");
    println!("{report}");
    assert!(
        report["steps"].as_array().is_some_and(|s| s.len() >= 9),
        "every step ran: {report}"
    );
    for what in ["edit", "broken", "fixed"] {
        assert!(
            report["latency_ms"][what].is_u64(),
            "{what} latency measured"
        );
    }
    println!("screenshots in {}", shots.display());

    let (status, log) = served.stop();
    assert!(
        status.success(),
        "polku serve exits 0 on SIGTERM, not {status}:\n{log}"
    );
    assert!(
        log.lines().any(|l| l == "stopped"),
        "it says it stopped:\n{log}"
    );
}

/// axe-core on every page type of `polku serve` and `polku build`, in Finnish and Swedish, at a
/// desktop and a phone width: no violation of WCAG 2.1 A or AA (the level the Act on the
/// Provision of Digital Services asks of public-sector sites).
#[test]
fn every_page_type_of_serve_and_build_passes_axe_in_finnish_and_swedish() {
    let install = "npm ci --prefix tests/consumers; apt-get install chromium chromium-driver";
    let workspace = tempfile::tempdir().unwrap();
    copy_dir(Path::new("pathways"), workspace.path());
    let sites = tempfile::tempdir().unwrap();
    let mut urls = Vec::new();
    for lang in ["fi", "sv"] {
        let out = sites.path().join(lang);
        let built = Command::new(env!("CARGO_BIN_EXE_polku"))
            .args([
                "build",
                "pathways",
                "--no-diagrams",
                "--lang",
                lang,
                "--out",
            ])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        for page in [
            "index.html",
            "pathway-hango-svensk-servicekedja.html",
            "ecosystem.html",
        ] {
            let file = out.join(page);
            assert!(file.is_file(), "{}", file.display());
            urls.push(format!("file://{}", file.display()));
        }
    }
    let served = Served::start(workspace.path());
    for lang in ["fi", "sv"] {
        for path in [
            "/",
            "/pathways/hango-svensk-servicekedja",
            "/pathways/hehku-liikkuva-tuki?view=route&profile=hki-14v-koulupoissaolot-ahdistus",
            "/ecosystem",
            "/findings",
            "/no-such-page",
        ] {
            let sep = if path.contains('?') { '&' } else { '?' };
            urls.push(format!(
                "{}{}{sep}lang={lang}",
                served.url.trim_end_matches('/'),
                path
            ));
        }
    }
    let run = Command::new("node")
        .arg("tests/consumers/axe_check.mjs")
        .args(&urls)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            crate::support::skip(&format!("cannot run `node`: {e}"), install);
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {}
        Some(3) => {
            crate::support::skip(stderr.trim(), install);
            return;
        }
        code => panic!("axe_check.mjs failed ({code:?}):\n{stderr}"),
    }
    let report: Value = serde_json::from_slice(&out.stdout).expect("axe_check.mjs prints JSON");
    let pages = report.as_array().unwrap();
    assert_eq!(pages.len(), 2 * urls.len(), "every page at both widths");
    let failing: Vec<String> = pages
        .iter()
        .filter(|p| !p["violations"].as_array().unwrap().is_empty())
        .map(|p| format!("{} at {} px: {}", p["url"], p["width"], p["violations"]))
        .collect();
    assert!(
        failing.is_empty(),
        "axe violations:\n{}",
        failing.join("\n")
    );
}

/// The diagram viewer's filters (sector, profile, finding) and its k-step focus, on a shipped
/// pathway page of `polku serve` and of a built site (from `file://` and from a static web
/// server), at a desktop and a phone width: `tests/consumers/viewer_e2e.mjs` checks what stays lit
/// against the SVG's own data. Screenshots of a filtered and a focused view go to
/// `$CARGO_TARGET_TMPDIR/viewer/`.
#[test]
fn the_viewer_filters_and_focuses_in_serve_and_in_the_built_site() {
    let install = "npm ci --prefix tests/consumers; apt-get install chromium chromium-driver";
    let workspace = tempfile::tempdir().unwrap();
    copy_dir(Path::new("pathways"), workspace.path());
    let site = tempfile::tempdir().unwrap();
    let out = site.path().join("site");
    let built = Command::new(env!("CARGO_BIN_EXE_polku"))
        .args(["build", "--no-diagrams", "--lang", "fi", "--out"])
        .arg(&out)
        .arg(workspace.path())
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("viewer");
    let _ = std::fs::remove_dir_all(&shots);
    let served = Served::start(workspace.path());
    let run = Command::new("node")
        .arg("tests/consumers/viewer_e2e.mjs")
        .arg(&served.url)
        .arg(&out)
        .arg(&shots)
        .output();
    let out = match run {
        Ok(out) => out,
        Err(e) => {
            crate::support::skip(&format!("cannot run `node`: {e}"), install);
            return;
        }
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {}
        Some(3) => {
            crate::support::skip(stderr.trim(), install);
            return;
        }
        code => panic!(
            "the viewer test failed ({code:?}); screenshots in {}:\n{stderr}\npolku serve said:\n{}",
            shots.display(),
            served.log()
        ),
    }
    println!("{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).expect("viewer_e2e.mjs prints JSON");
    println!("{report}");
    let pages = report["pages"].as_array().expect("pages");
    for where_ in ["serve", "site-file", "site-http"] {
        assert!(
            pages.iter().any(
                |p| p["where"].as_str().is_some_and(|w| w.starts_with(where_))
                    && p["finding"].is_object()
            ),
            "{where_} was checked, a finding included: {report}"
        );
    }
    assert_eq!(report["no_script"], "ok", "{report}");
}
