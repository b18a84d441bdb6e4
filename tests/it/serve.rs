//! `polku serve` through the real binary and real HTTP: every route (status, type, key content),
//! 404s and traversal attempts, caching with ETags, security headers, live reload over SSE with
//! the last good version kept while a file is broken, hostile labels, and graceful shutdown.
//!
//! Requests are written by hand on a `TcpStream`, so that a path is sent exactly as written
//! (`..%2f`, double-encoded, raw `..`): an HTTP client library would normalise some of them away.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

/// A running `polku serve` on a free port; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        Server::start_with(dir, &[])
    }

    fn start_with(dir: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_polku"))
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("polku starts");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Owned by a `Server` at once, so that it is killed and waited for even if this panics.
        let mut server = Server {
            child,
            port: 0,
            log: rx,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let line = server
                .log
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("polku serve prints its address");
            if let Some(url) = line.split(" at http://").nth(1) {
                server.port = url
                    .trim_end_matches('/')
                    .rsplit(':')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap();
                return server;
            }
        }
    }

    fn get(&self, path: &str) -> Response {
        self.request(path, &[])
    }

    fn request(&self, path: &str, headers: &[(&str, &str)]) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut head = format!("GET {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    /// Sends `head` exactly as written (request line and headers, no blank line) and reads the
    /// answer.
    fn raw(&self, head: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    /// Stops with SIGTERM and returns the exit status and the time it took.
    fn terminate(mut self) -> (std::process::ExitStatus, Duration) {
        let started = Instant::now();
        let ok = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, started.elapsed());
            }
            assert!(
                Instant::now() < deadline,
                "polku serve did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The log lines printed so far.
    fn log(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn parse(raw: &[u8]) -> Response {
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[split + 4..].to_vec();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            body = dechunk(&body);
        }
        Response {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(end) = body.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size = usize::from_str_radix(String::from_utf8_lossy(&body[..end]).trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[end + 2..end + 2 + size]);
        body = &body[end + 4 + size..];
    }
}

/// A copy of a workspace in a temp dir, so tests can edit it.
fn copy(from: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    std::fs::create_dir(&dir).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    (tmp, dir)
}

fn shipped_ids() -> Vec<String> {
    let loaded = polku::workspace::load_dir(Path::new("pathways")).unwrap();
    loaded
        .model
        .pathways()
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

fn assert_secure_headers(r: &Response) {
    let csp = r.header("content-security-policy").expect("CSP");
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("x-frame-options"), Some("DENY"));
}

fn html(r: &Response) -> scraper::Html {
    assert!(
        r.header("content-type")
            .is_some_and(|t| t.starts_with("text/html")),
        "{:?}",
        r.headers
    );
    let doc = scraper::Html::parse_document(&r.text());
    assert_eq!(
        doc.errors,
        Vec::<std::borrow::Cow<str>>::new(),
        "HTML parse errors"
    );
    doc
}

fn select(doc: &scraper::Html, css: &str) -> Vec<String> {
    doc.select(&scraper::Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>())
        .collect()
}

#[test]
fn every_page_answers_with_its_content_and_security_headers() {
    let server = Server::start(Path::new("pathways"));
    let ids = shipped_ids();

    let r = server.get("/");
    assert_eq!(r.status, 200);
    assert_secure_headers(&r);
    let doc = html(&r);
    let rows = select(&doc, "table.overview tbody tr");
    assert_eq!(rows.len(), ids.len(), "one row per pathway");
    assert!(r.text().contains("Hehku"));
    assert_eq!(select(&doc, "html[lang=fi]").len(), 1);
    // Counts: Päijät-Häme has an unmet need (a gap) in the shipped workspace.
    let ph = doc
        .select(
            &scraper::Selector::parse(
                "tr[data-pathway=paijat-hame-vaativan-tuen-konsultaatiomalli] td.bad",
            )
            .unwrap(),
        )
        .count();
    assert!(ph >= 1, "the gap is counted");

    for id in &ids {
        let r = server.get(&format!("/pathways/{id}"));
        assert_eq!(r.status, 200, "{id}");
        assert_secure_headers(&r);
        let doc = html(&r);
        assert_eq!(
            select(&doc, "#diagram svg").len(),
            1,
            "{id}: inline diagram"
        );
        assert!(
            !select(&doc, "#diagram svg .node").is_empty(),
            "{id}: nodes"
        );
        assert!(!select(&doc, ".service-detail").is_empty(), "{id}: details");
        assert!(
            !select(&doc, ".documentation section").is_empty(),
            "{id}: documentation"
        );
        // The only scripts are the app's own files.
        let scripts: Vec<_> = doc
            .select(&scraper::Selector::parse("script").unwrap())
            .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
            .collect();
        assert_eq!(scripts, ["/static/viewer.js", "/static/app.js"], "{id}");
    }

    let r = server.get("/ecosystem");
    assert_eq!(r.status, 200);
    let doc = html(&r);
    assert!(!select(&doc, "table.matrix tbody tr").is_empty());
    // The shipped workspace has sectors that share clients without a handoff (X0401).
    assert!(!select(&doc, "table.matrix td.missing").is_empty());

    let r = server.get("/findings");
    assert_eq!(r.status, 200);
    let doc = html(&r);
    let all = select(&doc, "table.findings-table tbody tr").len();
    assert!(all >= 6, "{all}");
    let r = server.get("/findings?code=G0201");
    let doc = html(&r);
    let codes = select(&doc, "table.findings-table tbody tr .code");
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c == "G0201"),
        "{codes:?}"
    );
    // Odd query strings give the page with its defaults, never an error page.
    for query in [
        "?page=-1",
        "?page=abc",
        "?page=0",
        "?page=1&page=2",
        "?lang=fi&lang=sv",
        "?%ff=1",
    ] {
        let r = server.get(&format!("/findings{query}"));
        assert_eq!(r.status, 200, "{query}");
        html(&r);
    }
    let r = server.get("/findings?code=G0201&page=abc");
    let doc = html(&r);
    let codes = select(&doc, "table.findings-table tbody tr .code");
    assert!(
        codes.iter().all(|c| c == "G0201"),
        "a bad page number keeps the filters"
    );
    // The kind of a finding is named in the page's language.
    let r = server.get("/findings?lang=sv");
    assert!(
        !r.text().contains("unmet-need</div>"),
        "no kebab-case names on the Swedish page"
    );
    assert!(r.text().contains("Otillgodosett behov"));
    let r = server.get("/findings?page=99");
    assert_eq!(r.status, 200, "a page past the end shows the last");
    assert_eq!(
        select(&html(&r), "table.findings-table tbody tr").len(),
        all
    );
    let r = server.get("/findings?region=Kymenlaakso");
    let doc = html(&r);
    assert!(select(&doc, "table.findings-table tbody tr").len() < all);

    for name in ["style.css", "serve.css", "app.js", "viewer.js"] {
        let r = server.get(&format!("/static/{name}"));
        assert_eq!(r.status, 200, "{name}");
        assert!(!r.body.is_empty());
    }
    assert!(
        server
            .get("/static/app.js")
            .header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
}

#[test]
fn language_is_chosen_by_query_and_remembered_by_cookie() {
    let server = Server::start(Path::new("pathways"));
    let r = server.get("/?lang=sv");
    assert_eq!(r.status, 200);
    let cookie = r.header("set-cookie").expect("the choice is remembered");
    assert!(cookie.starts_with("polku-lang=sv"), "{cookie}");
    let doc = html(&r);
    assert_eq!(select(&doc, "html[lang=sv]").len(), 1);
    assert!(r.text().contains("Servicestigar"));

    let r = server.request("/findings", &[("Cookie", "polku-lang=en")]);
    assert!(r.text().contains("<h1>Findings</h1>"), "the cookie decides");
    assert!(r.header("set-cookie").is_none());
    let r = server.request("/", &[("Accept-Language", "sv-FI,sv;q=0.9")]);
    assert!(
        r.text().contains("Servicestigar"),
        "else the browser's language"
    );
    // Findings are worded in the page's language, not in the analysis's English.
    let findings = server.get("/api/findings?lang=fi").json();
    let fi_page = html(&server.get("/findings?lang=fi"));
    let shown = select(&fi_page, "table.findings-table tbody tr").join("\n");
    for f in findings["findings"].as_array().unwrap() {
        let (message, headline) = (
            f["message"].as_str().unwrap(),
            f["headline"].as_str().unwrap(),
        );
        assert_ne!(message, headline);
        assert!(
            !shown.contains(message),
            "English on a Finnish page: {message}"
        );
        assert!(shown.contains(headline), "{headline}");
    }
    let r = server.get("/pathways/hango-svensk-servicekedja?lang=sv");
    assert!(r.text().contains("Hangö") || r.text().contains("Hanko"));
}

#[test]
fn the_api_serves_the_same_data_and_describes_itself() {
    let server = Server::start(Path::new("pathways"));
    let ids = shipped_ids();

    let status = server.get("/api/status").json();
    assert_eq!(status["generation"], 1);
    assert_eq!(status["pathways"], ids.len());
    assert!(status["problems"].is_null());

    let r = server.get("/api/pathways");
    assert_eq!(r.header("content-type"), Some("application/json"));
    let list = r.json();
    let listed: Vec<&str> = list["pathways"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), ids.len());
    for id in &ids {
        assert!(listed.contains(&id.as_str()));
    }
    // The overview's red figures are warnings, as `polku analyze` counts them: a note (a single
    // point of failure) is no bottleneck there.
    let analysed = crate::support::polku()
        .args(["analyze", "pathways", "--format", "json"])
        .output()
        .unwrap();
    let analysed: Value = serde_json::from_slice(&analysed.stdout).unwrap();
    let warned = |id: &str, family: char| {
        analysed["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "warning" && f["allowed"].is_null())
            .filter(|f| f["code"].as_str().unwrap().starts_with(family))
            .filter(|f| f["pathways"].as_array().unwrap().iter().any(|p| p == id))
            .count()
    };
    for row in list["pathways"].as_array().unwrap() {
        let id = row["id"].as_str().unwrap();
        assert_eq!(row["gaps"], warned(id, 'G'), "{id}: {row}");
        assert_eq!(row["bottlenecks"], warned(id, 'B'), "{id}: {row}");
    }

    let one = server
        .get("/api/pathways/hehku-liikkuva-tuki?lang=en")
        .json();
    assert_eq!(one["id"], "hehku-liikkuva-tuki");
    assert!(one["services"].as_array().unwrap().len() >= 5);
    assert!(one["handoffs"].as_array().unwrap().len() >= 5);

    // The same findings as `polku analyze`.
    let findings = server.get("/api/findings").json();
    let analyze = Command::new(env!("CARGO_BIN_EXE_polku"))
        .args(["analyze", "pathways", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&analyze.stdout).unwrap();
    let active = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["allowed"].is_null())
        .count();
    assert_eq!(findings["total"], active, "API and analyze agree");
    assert_eq!(findings["findings"].as_array().unwrap().len(), active);
    let gaps = server.get("/api/findings?code=unmet-need").json();
    assert!(
        gaps["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "G0201")
    );

    let page = server.get("/api/findings?offset=1&limit=2").json();
    assert_eq!(page["matching"], active);
    let two: Vec<&Value> = page["findings"].as_array().unwrap().iter().collect();
    assert_eq!(two.len(), 2);
    assert_eq!(
        two[0], &findings["findings"][1],
        "offset skips, ranking kept"
    );

    let bad = server.get("/api/findings?limit=abc");
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"].as_str().unwrap().contains("limit"),
        "{}",
        bad.text()
    );

    let eco = server.get("/api/ecosystem").json();
    assert_eq!(eco["pathways"], ids.len());
    assert!(!eco["matrix"]["rows"].as_array().unwrap().is_empty());

    let openapi = server.get("/api/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.1.0");
    let paths: Vec<&String> = openapi["paths"].as_object().unwrap().keys().collect();
    for path in &paths {
        // Every documented path answers (with the shipped pathway for {id}).
        let concrete = path.replace("{id}", "hehku-liikkuva-tuki");
        assert_eq!(server.get(&concrete).status, 200, "{path}");
    }
    assert_eq!(paths.len(), polku::server::api::PATHS.len());
}

#[test]
fn diagrams_come_in_every_format_with_etags() {
    let server = Server::start(Path::new("pathways"));
    let base = "/api/pathways/keski-uusimaa-nuorten-paihdepolku/diagram";
    let graphviz = Command::new("dot").arg("-V").output().is_ok();
    if !graphviz {
        crate::support::skip(
            "Graphviz `dot` is not installed, so PNG and PDF are not compared",
            "apt-get install graphviz",
        );
    }
    for (format, content_type, starts) in [
        ("svg", "image/svg+xml", "<svg"),
        ("dot", "text/vnd.graphviz", "digraph"),
        ("mermaid", "text/plain", "flowchart"),
        ("bpmn", "application/xml", "<?xml"),
        ("graphml", "application/graphml+xml", "<?xml"),
        ("json", "application/json", "{"),
        ("markdown", "text/markdown", "# "),
        ("png", "image/png", "\u{89}PNG"),
        ("pdf", "application/pdf", "%PDF"),
    ] {
        let r = server.get(&format!("{base}?format={format}&download=1"));
        if !graphviz && matches!(format, "png" | "pdf") {
            crate::support::skip(
                &format!(
                    "Graphviz `dot` is not installed, so {format} downloads are checked only to be 503"
                ),
                "apt-get install graphviz",
            );
            assert_eq!(r.status, 503);
            continue;
        }
        assert_eq!(r.status, 200, "{format}: {}", r.text());
        assert!(
            r.header("content-type").unwrap().starts_with(content_type),
            "{format}: {:?}",
            r.header("content-type")
        );
        let head = String::from_utf8_lossy(&r.body[..8.min(r.body.len())]).into_owned();
        let starts_ok = if format == "png" {
            r.body.starts_with(b"\x89PNG")
        } else {
            r.text().trim_start().starts_with(starts)
        };
        assert!(starts_ok, "{format}: {head}");
        let disposition = r.header("content-disposition").unwrap();
        assert!(
            disposition.starts_with("attachment; filename=\"keski-uusimaa-nuorten-paihdepolku-fi."),
            "{disposition}"
        );
    }

    // Views and profiles.
    let sector = server.get(&format!("{base}?view=sector")).text();
    let lanes = server.get(base).text();
    assert_ne!(sector, lanes);
    let loaded = polku::workspace::load_dir(Path::new("pathways")).unwrap();
    let p = loaded
        .model
        .pathway_by_id("keski-uusimaa-nuorten-paihdepolku")
        .unwrap();
    let profile = &loaded.model.profile(loaded.model.pathway(p).profiles[0]).id;
    let route = server.get(&format!("{base}?view=route&profile={profile}"));
    assert_eq!(route.status, 200);
    assert!(route.text().starts_with("<svg"));
    let eco = server.get("/api/ecosystem/diagram?format=svg&lang=en");
    assert_eq!(eco.status, 200);
    assert!(eco.text().starts_with("<svg"));

    // ETag: the browser's copy is still good until a file changes.
    let first = server.get(base);
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = server.request(base, &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = server.request(&format!("{base}?lang=sv"), &[("If-None-Match", &etag)]);
    assert_eq!(other.status, 200, "another language is another diagram");

    // The page itself never answers a choice with an error.
    let page = server.get("/pathways/keski-uusimaa-nuorten-paihdepolku?view=route&profile=");
    assert_eq!(
        page.status, 200,
        "the route view without a profile shows the first profile's"
    );
    let doc = html(&page);
    let chosen = doc
        .select(&scraper::Selector::parse("#profile option[selected]").unwrap())
        .next()
        .map(|o| o.value().attr("value").unwrap().to_string());
    assert_eq!(chosen.as_deref(), Some(profile.as_str()));
    let page = server.get("/pathways/keski-uusimaa-nuorten-paihdepolku?profile=renamed&lang=en");
    assert_eq!(page.status, 200);
    let doc = html(&page);
    assert!(
        select(&doc, "p.notice")[0].contains("renamed"),
        "an unknown profile is a notice"
    );

    // Bad parameters of the API say what to do.
    for (query, expect) in [
        ("?format=exe", "unknown format `exe`"),
        ("?view=tree", "unknown view `tree`"),
        ("?view=route", "needs a profile"),
        ("?profile=nobody", "unknown profile `nobody`"),
    ] {
        let r = server.get(&format!("{base}{query}"));
        assert_eq!(r.status, 400, "{query}");
        assert!(r.text().contains(expect), "{query}: {}", r.text());
    }
}

#[test]
fn unknown_paths_and_traversal_attempts_are_404_and_leak_nothing() {
    let server = Server::start(Path::new("pathways"));
    for path in [
        "/nope",
        "/pathways/nope",
        "/pathways/..%2f..%2fCargo.toml",
        "/pathways/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/pathways/%252e%252e%252fCargo.toml",
        "/pathways/..%252f..%252fetc%252fpasswd",
        "/pathways/../../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e%2fCargo.toml",
        "/static/%252e%252e%252fCargo.toml",
        "/static/../Cargo.toml",
        "/../../../etc/passwd",
        "/api/pathways/..%2f..%2fetc%2fpasswd",
        "/api/pathways/..%2fpathways%2fhehku-liikkuva-tuki.toml/diagram",
        "/api/nope",
    ] {
        let r = server.get(path);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        let text = r.text();
        assert!(
            !text.contains("[package]")
                && !text.contains("root:x:0")
                && !text.contains("[pathway]"),
            "{path} leaked a file"
        );
    }
    let r = server.get("/api/nope");
    assert_eq!(r.header("content-type"), Some("application/json"));
    let r = server.get("/pathways/nope");
    let doc = html(&r);
    assert!(
        select(&doc, "main p")[0].contains("/pathways/nope"),
        "the 404 page says what was not found"
    );
    assert_secure_headers(&r);

    // A page of another site that rebinds its name to 127.0.0.1 is refused.
    let r = server.request("/api/pathways", &[("Host", "evil.example")]);
    assert_eq!(r.status, 421);
    let r = server.request("/api/status", &[("Host", "localhost")]);
    assert_eq!(r.status, 200);
    let r = server.request("/api/status", &[("Host", "LOCALHOST")]);
    assert_eq!(r.status, 200, "host names are case-insensitive");
    // Language links are relative to the page: a path like `//elsewhere/x` never becomes an
    // off-site link.
    let r = server.get("//evil.example/x");
    let doc = html(&r);
    for a in doc.select(&scraper::Selector::parse(".langs a").unwrap()) {
        assert!(
            a.value().attr("href").unwrap().starts_with("?lang="),
            "{:?}",
            a.value()
        );
    }
}

#[test]
fn a_request_that_names_two_hosts_is_refused() {
    let server = Server::start(Path::new("pathways"));
    let port = server.port;
    // The first Host was checked, so `localhost` then `evil.example` passed the rebinding check.
    for (first, second) in [("localhost", "evil.example"), ("evil.example", "localhost")] {
        let r = server.raw(&format!(
            "GET /api/status HTTP/1.1\r\nHost: {first}\r\nHost: {second}\r\n"
        ));
        assert_eq!(r.status, 400, "Host: {first} + Host: {second}");
        assert!(r.text().contains("only one Host"), "{}", r.text());
    }
    let r = server.raw(&format!(
        "GET /api/status HTTP/1.1\r\nHost: localhost:{port}\r\nHost: localhost:{port}\r\n"
    ));
    assert_eq!(r.status, 400, "even twice the same");
    // An absolute request target names the host too; it must agree with Host.
    let r = server.raw(&format!(
        "GET http://evil.example/api/status HTTP/1.1\r\nHost: localhost:{port}\r\n"
    ));
    assert_eq!(r.status, 400, "{}", r.text());
    let r = server.raw(&format!(
        "GET http://localhost:{port}/api/status HTTP/1.1\r\nHost: evil.example\r\n"
    ));
    assert_eq!(r.status, 400, "{}", r.text());
    let r = server.raw("GET http://evil.example/api/status HTTP/1.1\r\nHost: evil.example\r\n");
    assert_eq!(r.status, 421, "agreeing, but not loopback");
    let r = server.raw(&format!(
        "GET http://localhost:{port}/api/status HTTP/1.1\r\nHost: LOCALHOST:{port}\r\n"
    ));
    assert_eq!(r.status, 200, "agreeing (case aside) and loopback");
    let r = server.raw(&format!(
        "GET /api/status HTTP/1.1\r\nHost: localhost:{port}\r\n"
    ));
    assert_eq!(r.status, 200);
}

/// True once the server has closed `stream` (or answered it): reads for up to `wait`.
fn closed_within(stream: &mut TcpStream, wait: Duration) -> bool {
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut buf = [0; 512];
    match stream.read(&mut buf) {
        // 0: closed; more: an answer (the server has given up on it either way).
        Ok(_n) => true,
        Err(e) => !matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ),
    }
}

#[test]
fn a_client_that_sends_its_headers_slowly_is_disconnected() {
    // The timeout is 10 s; shortened here so that the test takes about a second.
    let server = Server::start_with(Path::new("pathways"), &["--header-timeout", "1s"]);
    let head = format!(
        "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Slow: {}",
        server.port,
        "a".repeat(100)
    );
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let started = Instant::now();
    // One byte a second, the headers never ending: slowloris.
    let mut closed = false;
    for byte in head.bytes() {
        if slow.write_all(&[byte]).is_err() || closed_within(&mut slow, Duration::from_secs(1)) {
            closed = true;
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(6),
            "still open after 6 s"
        );
    }
    assert!(closed, "the whole head was sent without the server closing");
    let took = started.elapsed();
    assert!(took < Duration::from_secs(4), "closed after {took:?}");
    // A client that is not slow is served as before.
    assert_eq!(server.get("/api/status").status, 200);

    // An idle connection is closed too: it holds a connection just the same.
    let mut idle = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    assert!(
        closed_within(&mut idle, Duration::from_secs(4)),
        "an idle connection stays open"
    );
}

#[test]
fn connections_above_the_limit_wait_until_one_closes() {
    let server = Server::start_with(Path::new("pathways"), &["--max-connections", "2"]);
    let port = server.port;
    // Two clients hold both connections with headers that never end.
    let mut holders: Vec<TcpStream> = (0..2)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut third = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        third,
        "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    assert!(
        !closed_within(&mut third, Duration::from_millis(1500)),
        "a third connection was served while two were open"
    );
    holders.pop();
    third
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut raw = Vec::new();
    third.read_to_end(&mut raw).unwrap();
    assert_eq!(Response::parse(&raw).status, 200, "served once one closed");
    drop(holders);
}

#[test]
fn hostile_labels_are_escaped_on_every_page() {
    let server = Server::start(Path::new("tests/fixtures/hostile"));
    for path in [
        "/",
        "/pathways/vihamielinen",
        "/pathways/vihamielinen?view=sector",
        "/pathways/vihamielinen?view=route&profile=nuori",
        "/ecosystem",
        "/findings",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        let doc = html(&r);
        let scripts: Vec<_> = doc
            .select(&scraper::Selector::parse("script").unwrap())
            .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
            .collect();
        assert_eq!(
            scripts,
            ["/static/viewer.js", "/static/app.js"],
            "{path}: no injected script"
        );
        for element in doc
            .root_element()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
        {
            for (name, value) in element.value().attrs() {
                assert!(!name.starts_with("on"), "{path}: event handler {name}");
                assert!(
                    !value
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("javascript:"),
                    "{path}: {name}={value}"
                );
            }
        }
    }
    let json = server.get("/api/pathways/vihamielinen").json();
    assert_eq!(json["id"], "vihamielinen");
}

/// Reads server-sent events from `/events` on a background thread.
fn events(port: u16) -> mpsc::Receiver<(String, Value)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut event = String::new();
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(name) = line.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                let value: Value = serde_json::from_str(data).unwrap_or(Value::Null);
                if tx.send((event.clone(), value)).is_err() {
                    break;
                }
            }
        }
    });
    rx
}

fn next_event(rx: &mpsc::Receiver<(String, Value)>) -> (String, Value) {
    rx.recv_timeout(Duration::from_secs(10))
        .expect("an event within 10 s")
}

#[test]
fn live_reload_serves_edits_and_keeps_the_last_good_version_while_a_file_is_broken() {
    let (_tmp, dir) = copy("pathways");
    let file = dir.join("hehku-liikkuva-tuki.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let server = Server::start(&dir);
    let rx = events(server.port);
    let (name, data) = next_event(&rx);
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(1))
    );

    let etag = server
        .get("/api/pathways/hehku-liikkuva-tuki/diagram")
        .header("etag")
        .unwrap()
        .to_string();

    // An edit is served.
    let edited = original.replacen(
        "title = { fi = \"Hehku",
        "title = { fi = \"Hehku (muokattu)",
        1,
    );
    assert_ne!(edited, original);
    std::fs::write(&file, &edited).unwrap();
    let (name, data) = next_event(&rx);
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(2))
    );
    assert!(
        server
            .get("/pathways/hehku-liikkuva-tuki")
            .text()
            .contains("Hehku (muokattu)")
    );
    let r = server.request(
        "/api/pathways/hehku-liikkuva-tuki/diagram",
        &[("If-None-Match", &etag)],
    );
    assert_eq!(r.status, 200, "an edit gives the diagram a new ETag");

    // A broken file: its errors are told, with file and line; the last good version stays.
    std::fs::write(&file, edited.replacen("[pathway]", "[pathway", 1)).unwrap();
    let (name, data) = next_event(&rx);
    assert_eq!(name, "problems");
    let text = data["text"].as_str().unwrap();
    assert!(text.contains("hehku-liikkuva-tuki.toml:"), "{text}");
    assert_eq!(
        data["diagnostics"][0]["code"], "E0002",
        "the syntax error comes before what follows from it: {text}"
    );
    let position = &data["diagnostics"][0]["position"];
    assert!(position["line"].as_u64().unwrap() >= 1, "{data}");
    let page = server.get("/pathways/hehku-liikkuva-tuki");
    assert_eq!(page.status, 200, "the last good version is still served");
    let doc = html(&page);
    assert!(page.text().contains("Hehku (muokattu)"));
    let overlay = doc
        .select(&scraper::Selector::parse("#problems").unwrap())
        .next()
        .unwrap();
    assert!(
        overlay.value().attr("hidden").is_none(),
        "the overlay shows"
    );
    assert!(select(&doc, "#problems-text")[0].contains("hehku-liikkuva-tuki.toml:"));
    let status = server.get("/api/status").json();
    assert_eq!(
        (
            status["generation"].as_u64(),
            status["served_generation"].as_u64()
        ),
        (Some(3), Some(2))
    );
    let overview = html(&server.get("/"));
    let errors = select(&overview, "tr[data-pathway=hehku-liikkuva-tuki] td.bad");
    assert!(!errors.is_empty(), "the overview counts the file's errors");
    let rows = server.get("/api/pathways").json();
    let row = rows["pathways"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "hehku-liikkuva-tuki")
        .unwrap()
        .clone();
    assert!(
        row["errors"].as_u64().unwrap() >= 1,
        "and so does the API: {row}"
    );

    // Fixed: the overlay goes, the page is current.
    std::fs::write(&file, &original).unwrap();
    let (name, data) = next_event(&rx);
    assert_eq!(
        (name.as_str(), &data["generation"]),
        ("reload", &Value::from(4))
    );
    let page = server.get("/pathways/hehku-liikkuva-tuki");
    let doc = html(&page);
    assert!(!page.text().contains("Hehku (muokattu)"));
    let overlay = doc
        .select(&scraper::Selector::parse("#problems").unwrap())
        .next()
        .unwrap();
    assert!(overlay.value().attr("hidden").is_some());

    // A new file is noticed too.
    std::fs::write(
        dir.join("uusi.toml"),
        polku::workspace::starter::starter("uusi"),
    )
    .unwrap();
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    let list = server.get("/api/pathways").json();
    assert!(
        list["pathways"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == "uusi")
    );
    let log = server.log().join("\n");
    assert!(log.contains("reloaded (hehku-liikkuva-tuki.toml)"), "{log}");
}

#[test]
fn a_large_broken_file_sends_only_its_first_errors_and_a_count_of_the_rest() {
    // The bound of `/api/status` and of a `problems` event (state::PROBLEMS_BUDGET is 192 KiB for
    // the text and the diagnostics; the rest is a few fields).
    const BOUND: usize = 256 << 10;
    let (_tmp, dir) = copy("pathways");
    let server = Server::start(&dir);
    let rx = events(server.port);
    let _ = next_event(&rx);

    // 50 KB of unknown fields: one error each, 2,500 in one file; and one in another file.
    let big = dir.join("hehku-liikkuva-tuki.toml");
    let mut text = std::fs::read_to_string(&big).unwrap();
    for i in 0..2500 {
        text.push_str(&format!("bogus_field_{i:05} = 1\n"));
    }
    assert!(text.len() > 50_000);
    let small = dir.join("keski-uusimaa-nuorten-paihdepolku.toml");
    let small_text = std::fs::read_to_string(&small).unwrap() + "another_bogus = 1\n";
    std::fs::write(&small, small_text).unwrap();
    std::fs::write(&big, text).unwrap();
    let loaded = polku::workspace::load_dir(&dir).unwrap();
    let total = loaded.count(polku::diagnostic::Severity::Error);
    let in_big = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == polku::diagnostic::Severity::Error)
        .filter(|d| {
            d.origin.as_ref().is_some_and(|o| {
                loaded
                    .sources
                    .get(o.file)
                    .path
                    .ends_with("hehku-liikkuva-tuki.toml")
            })
        })
        .count();
    assert!(in_big >= 2500, "{in_big}");

    // Both writes may come as one reload or two: take the problems event of the big file.
    let mut data = Value::Null;
    while !data["text"].as_str().unwrap_or("").contains("bogus_field_") {
        let (name, d) = next_event(&rx);
        assert_eq!(name, "problems");
        data = d;
    }
    let sent = serde_json::to_string(&data).unwrap().len();
    assert!(sent < BOUND, "a problems event of {sent} bytes");
    assert_eq!(data["errors"].as_u64(), Some(total as u64));

    let r = server.get("/api/status");
    assert!(
        r.body.len() < BOUND,
        "/api/status of {} bytes",
        r.body.len()
    );
    let problems = &r.json()["problems"];
    assert_eq!(problems["errors"].as_u64(), Some(total as u64));
    let files = |file: &str| {
        problems["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["position"]["file"].as_str().unwrap().ends_with(file))
            .count()
    };
    assert_eq!(
        files("hehku-liikkuva-tuki.toml"),
        20,
        "the first 20 of the file"
    );
    assert_eq!(
        files("keski-uusimaa-nuorten-paihdepolku.toml"),
        1,
        "another file's error is not crowded out"
    );
    let more = problems["more"].as_array().unwrap();
    assert_eq!(more.len(), 1, "{more:?}");
    assert!(
        more[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("hehku-liikkuva-tuki.toml")
    );
    assert_eq!(more[0]["errors"].as_u64(), Some(in_big as u64 - 20));
    let text = problems["text"].as_str().unwrap();
    assert!(
        text.contains(&format!("and {} more errors in ", in_big - 20)),
        "{}",
        &text[text.len().saturating_sub(500)..]
    );
    assert!(
        !text.contains("bogus_field_02499"),
        "the last is counted, not shown"
    );

    // The overview still counts every error of the file, and the page's overlay is as bounded.
    let rows = server.get("/api/pathways").json();
    let row = rows["pathways"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "hehku-liikkuva-tuki")
        .unwrap()
        .clone();
    assert_eq!(row["errors"].as_u64(), Some(in_big as u64), "{row}");
    let page = server.get("/");
    // (HTML escapes quotes and slashes, so the page's copy of the text may be larger.)
    assert!(
        page.body.len() < 2 * BOUND,
        "a page of {} bytes",
        page.body.len()
    );
}

#[test]
fn live_reload_goes_on_after_the_folder_is_deleted_and_recreated() {
    let (_tmp, dir) = copy("pathways");
    let server = Server::start(&dir);
    let rx = events(server.port);
    let _ = next_event(&rx);
    let backup = dir.with_file_name("backup");
    std::fs::rename(&dir, &backup).unwrap();
    let (name, data) = next_event(&rx);
    assert_eq!(name, "problems", "pages are told the folder is gone");
    assert!(data["text"].as_str().unwrap().contains("is gone"), "{data}");
    assert_eq!(
        server.get("/api/pathways").json()["pathways"]
            .as_array()
            .unwrap()
            .len(),
        shipped_ids().len(),
        "the last good version stays"
    );

    // A new folder (a new inode: what `rm -rf` and `cp -r` make) comes back in its place, then is
    // edited: both are served.
    let staging = dir.with_file_name("staging");
    std::fs::create_dir(&staging).unwrap();
    for entry in std::fs::read_dir(&backup).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, staging.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::rename(&staging, &dir).unwrap();
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    let file = dir.join("hehku-liikkuva-tuki.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("title = { fi = \"Hehku", "title = { fi = \"Hehku 2", 1),
    )
    .unwrap();
    let (name, _) = next_event(&rx);
    assert_eq!(name, "reload");
    assert!(
        server
            .get("/pathways/hehku-liikkuva-tuki?lang=fi")
            .text()
            .contains("Hehku 2")
    );
}

#[test]
fn a_workspace_with_errors_at_start_is_served_with_its_problems() {
    let (_tmp, dir) = copy("pathways");
    let file = dir.join("hehku-liikkuva-tuki.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("[pathway]", "[pathway", 1)).unwrap();
    let server = Server::start(&dir);
    let status = server.get("/api/status").json();
    assert!(
        status["problems"]["text"]
            .as_str()
            .unwrap()
            .contains("hehku-liikkuva-tuki.toml")
    );
    let doc = html(&server.get("/"));
    assert_eq!(
        select(&doc, "table.overview tbody tr").len(),
        shipped_ids().len() - 1
    );
    let overlay = doc
        .select(&scraper::Selector::parse("#problems").unwrap())
        .next()
        .unwrap();
    assert!(overlay.value().attr("hidden").is_none());
}

#[test]
fn sigterm_stops_it_gracefully_even_with_a_page_listening() {
    let server = Server::start(Path::new("pathways"));
    let rx = events(server.port);
    let _ = next_event(&rx);
    let (status, took) = server.terminate();
    assert!(status.success(), "{status}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_polku"))
        .args(["serve", "pathways", "--port", &port])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is in use") && err.contains("--port"), "{err}");

    let out = Command::new(env!("CARGO_BIN_EXE_polku"))
        .args(["serve", "no-such-folder", "--port", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not exist"));
}

/// Issue 11: one output pipeline. For every target and format, the file `polku render` or
/// `polku export` writes is byte for byte the server's download. (`export --format json
/// --pathway X` wrote the whole workspace while the server gave the pathway.)
#[test]
fn the_cli_writes_the_same_bytes_as_the_server_serves_for_every_target_and_format() {
    let server = Server::start(Path::new("pathways"));
    let out = tempfile::tempdir().unwrap();
    let graphviz = Command::new("dot").arg("-V").output().is_ok();
    if !graphviz {
        crate::support::skip(
            "Graphviz `dot` is not installed, so PNG and PDF are not compared",
            "apt-get install graphviz",
        );
    }
    let pathway = "hango-svensk-servicekedja";
    let profile = "hango-15v-svensk-missbruk-angest";
    // (CLI arguments, server path): every format of a pathway, its drawings, and the workspace.
    let mut cases: Vec<(Vec<String>, String)> = Vec::new();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for format in ["svg", "png", "pdf", "dot"] {
        if !graphviz && matches!(format, "png" | "pdf") {
            continue;
        }
        let mut args = s(&["render", "pathways", "--pathway", pathway, "--lang", "sv"]);
        args.extend(s(&["--format", format, "--engine", "lanes"]));
        if format != "svg" {
            args.truncate(args.len() - 2);
            args.extend(s(&["--no-cache"]));
        }
        cases.push((
            args,
            format!("/api/pathways/{pathway}/diagram?format={format}&lang=sv"),
        ));
    }
    for (view, extra) in [
        ("sector", &["--lanes", "sector"][..]),
        ("route", &["--view", "route", "--profile", profile][..]),
    ] {
        let mut args = s(&[
            "render",
            "pathways",
            "--pathway",
            pathway,
            "--lang",
            "sv",
            "--format",
            "svg",
            "--engine",
            "lanes",
        ]);
        args.extend(s(extra));
        let profile_query = if view == "route" {
            format!("&profile={profile}")
        } else {
            String::new()
        };
        cases.push((
            args,
            format!(
                "/api/pathways/{pathway}/diagram?format=svg&lang=sv&view={view}{profile_query}"
            ),
        ));
    }
    for format in ["mermaid", "bpmn", "graphml", "json", "markdown"] {
        cases.push((
            s(&[
                "export",
                "pathways",
                "--pathway",
                pathway,
                "--lang",
                "sv",
                "--format",
                format,
            ]),
            format!("/api/pathways/{pathway}/diagram?format={format}&lang=sv"),
        ));
    }
    cases.push((
        s(&[
            "render",
            "pathways",
            "--view",
            "ecosystem",
            "--format",
            "svg",
            "--engine",
            "lanes",
            "--lang",
            "en",
        ]),
        "/api/ecosystem/diagram?format=svg&lang=en".into(),
    ));
    for format in ["graphml", "json"] {
        cases.push((
            s(&["export", "pathways", "--format", format, "--lang", "en"]),
            format!("/api/ecosystem/diagram?format={format}&lang=en"),
        ));
    }
    for (i, (args, path)) in cases.iter().enumerate() {
        let file = out.path().join(format!("out-{i}"));
        let run = Command::new(env!("CARGO_BIN_EXE_polku"))
            .args(args)
            .arg("-o")
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let served = server.get(path);
        assert_eq!(served.status, 200, "{path}");
        let written = std::fs::read(&file).unwrap();
        if args.iter().any(|a| a == "pdf") {
            // A PDF carries its creation time; the rest of it must agree in size.
            assert!(
                written.starts_with(b"%PDF") && served.body.starts_with(b"%PDF"),
                "{path}"
            );
            continue;
        }
        assert!(written == served.body, "{args:?} and {path} differ");
    }
    // The pathway's JSON is the pathway's, not the whole workspace's.
    let json: Value = serde_json::from_slice(
        &std::fs::read(out.path().join(format!(
                "out-{}",
                cases
                    .iter()
                    .position(|(a, _)| a.contains(&"json".to_string())
                        && a.contains(&pathway.to_string()))
                    .unwrap()
            )))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(json["id"], pathway);
    assert!(json.get("model").is_none());
}

/// `schema` with `additionalProperties: false` on every object that lists its properties: the
/// published document leaves room for fields added later, but the test holds each answer to
/// exactly its type, so a field sent and not documented fails too.
fn closed(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            map.values_mut().for_each(closed);
        }
        Value::Array(items) => items.iter_mut().for_each(closed),
        _ => {}
    }
}

/// Checks `r`, the answer to a GET of `path` (the template `template`), against the schema the
/// OpenAPI document gives for its status and media type.
fn assert_documented(openapi: &Value, template: &str, path: &str, r: &Response) {
    let media = r.header("content-type").unwrap_or_default();
    let media = media.split(';').next().unwrap_or_default().trim();
    let schema = &openapi["paths"][template]["get"]["responses"][r.status.to_string()]["content"]
        [media]["schema"];
    assert!(
        schema.is_object(),
        "{path}: {} {media} is not documented",
        r.status
    );
    // The refs are `#/components/schemas/…`: give the schema the document's components.
    let mut schema = schema.clone();
    schema["components"] = openapi["components"].clone();
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
    closed(&mut schema);
    let validator = jsonschema::draft202012::new(&schema)
        .unwrap_or_else(|e| panic!("{template}: the documented schema does not compile: {e}"));
    let body = r.json();
    let errors: Vec<String> = validator
        .iter_errors(&body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{path}: the answer is not what /api/openapi.json says:\n{}",
        errors.join("\n")
    );
}

#[test]
fn every_json_answer_of_the_api_validates_against_the_openapi_document() {
    let server = Server::start(Path::new("pathways"));
    let openapi = server.get("/api/openapi.json").json();
    let pathway = "hehku-liikkuva-tuki";
    let examples = [
        ("/api/status", "/api/status".to_string(), 200),
        ("/api/pathways", "/api/pathways?lang=sv".into(), 200),
        ("/api/pathways", "/api/pathways?lang=xx".into(), 200),
        (
            "/api/pathways/{id}",
            format!("/api/pathways/{pathway}?lang=en"),
            200,
        ),
        (
            "/api/pathways/{id}",
            "/api/pathways/no-such-pathway".into(),
            404,
        ),
        (
            "/api/pathways/{id}/diagram",
            format!("/api/pathways/{pathway}/diagram?format=json&lang=fi"),
            200,
        ),
        (
            "/api/pathways/{id}/diagram",
            "/api/pathways/no-such-pathway/diagram?format=json".into(),
            404,
        ),
        ("/api/findings", "/api/findings".into(), 200),
        (
            "/api/findings",
            format!("/api/findings?code=unmet-need&severity=warning&pathway={pathway}&lang=sv"),
            200,
        ),
        (
            "/api/findings",
            "/api/findings?offset=2&limit=3".into(),
            200,
        ),
        ("/api/findings", "/api/findings?limit=abc".into(), 400),
        ("/api/ecosystem", "/api/ecosystem?lang=sv".into(), 200),
        (
            "/api/ecosystem/diagram",
            "/api/ecosystem/diagram?format=json".into(),
            200,
        ),
        ("/api/openapi.json", "/api/openapi.json".into(), 200),
    ];
    for (template, path, status) in &examples {
        let r = server.get(path);
        assert_eq!(r.status, *status, "{path}: {}", r.text());
        assert_documented(&openapi, template, path, &r);
    }
    // Every path is tried.
    let tried: std::collections::BTreeSet<&str> = examples.iter().map(|e| e.0).collect();
    let documented: std::collections::BTreeSet<&str> = openapi["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(tried, documented);

    // `problems` is filled only while the newest load has errors.
    let (_tmp, dir) = copy("pathways");
    let file = dir.join(format!("{pathway}.toml"));
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("[pathway]", "[pathway", 1)).unwrap();
    let broken = Server::start(&dir);
    let r = broken.get("/api/status");
    assert!(r.json()["problems"].is_object(), "{}", r.text());
    assert_documented(&openapi, "/api/status", "/api/status", &r);
}

/// The cells of a page's sector matrix: `(handoffs, missing)` by row and column.
fn matrix_cells(doc: &scraper::Html) -> Vec<Vec<(usize, bool)>> {
    let row = scraper::Selector::parse("table.matrix tbody tr").unwrap();
    let cell = scraper::Selector::parse("td").unwrap();
    doc.select(&row)
        .map(|r| {
            r.select(&cell)
                .map(|c| {
                    let text = c.text().collect::<String>();
                    let count = text.split_whitespace().next().unwrap().parse().unwrap();
                    (count, c.value().classes().any(|k| k == "missing"))
                })
                .collect()
        })
        .collect()
}

/// The ecosystem of a workspace of national shape (22 regions, 198 organisations, 3,696 services)
/// through the web page: the first screen sums it up into at most 150 boxes, each box and the
/// page's list lead one level down (region → organisation → service), every service is drawn
/// within three clicks, every screen stays within 150 boxes, the breadcrumbs lead back up, and
/// each page's sector matrix says "missing" only where its own services share clients and no
/// handoff links the two sectors among them.
#[test]
fn the_national_ecosystem_drills_down_to_every_service_in_three_clicks() {
    use crate::generate::{Spec, generate};
    let tmp = tempfile::tempdir().unwrap();
    let spec = Spec {
        regions: 22,
        municipalities: 6,
        pathways_per_region: 7,
        services_per_file: 24,
        handoffs_per_file: 48,
        profiles: 44,
        cross_file: 0.0,
        seed: 7,
    };
    generate(tmp.path(), &spec).unwrap();
    let loaded = polku::workspace::load_dir(tmp.path()).unwrap();
    let model = &loaded.model;
    // More organisations than a screen holds, and regions larger than one.
    let running: std::collections::BTreeSet<_> =
        model.services().iter().filter_map(|s| s.actor).collect();
    assert!(running.len() > 150, "{} organisations", running.len());
    assert!(model.services().len() > 22 * 150);
    let services: std::collections::BTreeSet<String> =
        model.services().iter().map(|s| s.id.clone()).collect();

    let server = Server::start(tmp.path());
    let node = scraper::Selector::parse("#diagram svg .node").unwrap();
    let link = scraper::Selector::parse("nav.drill a").unwrap();
    let crumb = scraper::Selector::parse("nav.crumbs a").unwrap();
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    let mut frontier = vec!["/ecosystem?lang=fi".to_string()];
    let mut pages = 0;
    for clicks in 0..=3 {
        let mut next = Vec::new();
        for path in frontier.drain(..) {
            let r = server.get(&path);
            assert_eq!(r.status, 200, "{path}");
            let doc = html(&r);
            pages += 1;
            let boxes: Vec<scraper::ElementRef> = doc.select(&node).collect();
            assert!(
                !boxes.is_empty() && boxes.len() <= 150,
                "{path}: {} boxes",
                boxes.len()
            );
            if clicks == 0 {
                assert_eq!(boxes.len(), 22, "one box per region first");
                assert!(doc.select(&crumb).next().is_none());
            } else {
                let up: Vec<String> = doc
                    .select(&crumb)
                    .map(|a| a.value().attr("href").unwrap().to_string())
                    .collect();
                assert!(
                    up.first()
                        .is_some_and(|h| h.starts_with("/ecosystem?lang=")),
                    "{path}: {up:?}"
                );
            }
            let drills = boxes
                .iter()
                .filter(|b| b.value().attr("data-drill-param").is_some())
                .count();
            let links: Vec<String> = doc
                .select(&link)
                .map(|a| a.value().attr("href").unwrap().to_string())
                .collect();
            assert_eq!(links.len(), drills, "{path}: a link for every box to open");
            for b in &boxes {
                let key = b.value().attr("data-key").unwrap();
                if b.value().attr("data-drill-param").is_none() && services.contains(key) {
                    seen.entry(key.to_string()).or_insert(clicks);
                }
            }
            for (row, cells) in matrix_cells(&doc).iter().enumerate() {
                for (col, &(count, missing)) in cells.iter().enumerate() {
                    if missing {
                        let back = matrix_cells(&doc)[col][row].0;
                        assert_eq!((count, back), (0, 0), "{path}: missing beside handoffs");
                    }
                }
            }
            next.extend(links);
        }
        frontier = next;
    }
    assert!(
        frontier.is_empty(),
        "nothing left to open after three clicks"
    );
    let missed: Vec<&String> = services.iter().filter(|s| !seen.contains_key(*s)).collect();
    assert!(
        missed.is_empty(),
        "{} services never drawn: {missed:?}",
        missed.len()
    );
    assert!(seen.values().all(|&c| c <= 3));
    assert!(
        pages > 1 + 22,
        "regions and their organisations were opened"
    );
    // A name that is not there is a 404 that says which are.
    let r = server.get("/ecosystem?region=Atlantis");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Atlantis"), "{}", r.text());
    let r = server.get("/api/ecosystem?region=Atlantis");
    assert_eq!(r.status, 404);
    let r = server.get("/api/ecosystem?actor=-");
    assert_eq!(r.status, 200, "{}", r.text());
}
