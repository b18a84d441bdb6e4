//! Past the loader: any valid workspace goes through the analysis, a what-if and every renderer
//! and export without a panic, and every output is well-formed where a parser can tell: SVG,
//! BPMN and GraphML read whole by an XML parser, DOT by graphviz-rust, Mermaid by Mermaid itself.

use polku::analysis::{analyze, whatif};
use polku::diagnostic::{SourceFile, Sources};
use polku::model::{Lang, PathwayIx};
use polku::render::diagram::view::{self, LaneBy, ViewKind, ViewOptions};
use polku::render::diagram::{dot, layout, svg};
use polku::render::export::{bpmn, graphml, json, mermaid};
use polku::workspace::load_sources;
use proptest::prelude::*;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Mutex, OnceLock};

const SECTORS: &[&str] = &[
    "child_welfare",
    "education",
    "pupil_welfare",
    "mental_health",
    "substance",
    "specialist_care",
];
const KINDS: &[&str] = &[
    "referral",
    "return",
    "consultation",
    "joint_work",
    "information",
];

/// A service: sector, actor, youngest age, age span, entry, exit, capacity.
type ServiceSpec = (usize, usize, u32, u32, bool, bool, Option<u32>);
/// A handoff: from, to, kind, wait.
type HandoffSpec = (usize, usize, usize, Option<u32>);
/// A profile: age, Swedish-speaking, entry, need, arrivals.
type ProfileSpec = (u32, bool, usize, usize, u32);

#[derive(Debug, Clone)]
struct Spec {
    services: Vec<ServiceSpec>,
    handoffs: Vec<HandoffSpec>,
    profiles: Vec<ProfileSpec>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let service = (
        0..SECTORS.len(),
        0usize..2,
        0u32..20,
        0u32..12,
        any::<bool>(),
        any::<bool>(),
        prop::option::of(0u32..30),
    );
    (
        prop::collection::vec(service, 1..9),
        prop::collection::vec(
            (
                0usize..9,
                0usize..9,
                0..KINDS.len(),
                prop::option::of(0u32..20),
            ),
            0..16,
        ),
        prop::collection::vec(
            (0u32..30, any::<bool>(), 0usize..9, 0usize..2, 0u32..10),
            0..4,
        ),
    )
        .prop_map(|(services, handoffs, profiles)| Spec {
            services,
            handoffs,
            profiles,
        })
}

/// A valid workspace: two actors, two needs, the services, handoffs (no self-handoffs, shares that
/// cannot add up past 1) and profiles.
fn workspace(s: &Spec) -> String {
    let n = s.services.len();
    let mut out = String::from(
        "[pathway]\nid = \"p\"\ntitle = \"P\"\n\n[[actor]]\nid = \"a0\"\nname = \"A\"\nkind = \"municipality\"\n\n\
         [[actor]]\nid = \"a1\"\nname = \"B\"\nkind = \"wellbeing_county\"\n\n[[need]]\nid = \"n0\"\nname = \"N0\"\n\n\
         [[need]]\nid = \"n1\"\nname = \"N1\"\n",
    );
    for (i, (sector, actor, lo, span, entry, exit, cap)) in s.services.iter().enumerate() {
        out.push_str(&format!(
            "\n[[service]]\nid = \"s{i}\"\nname = \"S{i} <&\\\">\"\nsector = \"{}\"\nactor = \"a{actor}\"\nexit = {exit}\n{}wait_days = {}\n",
            SECTORS[*sector],
            if *entry { "entry = [\"school\"]\n" } else { "" },
            lo % 5,
        ));
        out.push_str(&format!(
            "eligibility = {{ age_min = {lo}, age_max = {}, needs = [\"n{}\"] }}\n",
            lo + span,
            i % 2
        ));
        if let Some(c) = cap {
            out.push_str(&format!(
                "capacity = {{ clients_per_month = {c}, staff = {} }}\n",
                1 + c % 3
            ));
        }
    }
    for (from, to, kind, wait) in &s.handoffs {
        let (from, to) = (from % n, to % n);
        if from == to {
            continue;
        }
        out.push_str(&format!(
            "\n[[handoff]]\nfrom = \"s{from}\"\nto = \"s{to}\"\nkind = \"{}\"\nshare = {}\n{}",
            KINDS[*kind],
            1.0 / 17.0,
            wait.map_or(String::new(), |w| format!("wait_days = {w}\n")),
        ));
    }
    for (i, (age, sv, entry, need, arrivals)) in s.profiles.iter().enumerate() {
        out.push_str(&format!(
            "\n[[profile]]\nid = \"pr{i}\"\nname = \"P{i}\"\nage = {age}\nlanguage = \"{}\"\nneeds = [\"n{need}\"]\nentry = \"s{}\"\narrivals_per_month = {arrivals}\n",
            if *sv { "sv" } else { "fi" },
            entry % n,
        ));
    }
    out
}

/// Reads an XML document whole, every event to the end, and returns the name of its one root
/// element, or the first error: well-formed, balanced and one root, not just a good first event.
fn xml_root(text: &str) -> Result<String, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let (mut depth, mut roots, mut root) = (0usize, 0usize, String::new());
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                if depth == 0 {
                    roots += 1;
                    root = e.name().as_ref().to_string();
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 0 => {
                roots += 1;
                root = e.name().as_ref().to_string();
            }
            Event::End(_) => depth = depth.checked_sub(1).ok_or("an end without a start")?,
            Event::Eof => break,
            _ => {}
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(root),
        (0, n) => Err(format!("{n} root elements")),
        (d, _) => Err(format!("{d} elements left open")),
    }
}

const MERMAID_INSTALL: &str = "npm ci --prefix tests/consumers";

/// Mermaid's own parser (`tests/consumers/mermaid_check.mjs --lines`) in one node process that
/// stays up for the whole run: loading Mermaid under jsdom takes a second or two, a parse a few
/// milliseconds, and the property test makes hundreds of texts one case at a time.
struct Mermaid {
    _child: Child,
    to: ChildStdin,
    from: BufReader<ChildStdout>,
}

impl Mermaid {
    /// Starts the parser, or says through the shared skip (a failure in CI) that node or the npm
    /// packages are missing and returns `None`.
    fn start() -> Option<Mermaid> {
        let spawned = Command::new("node")
            .args(["tests/consumers/mermaid_check.mjs", "--lines"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(e) => {
                crate::support::skip(&format!("cannot run `node`: {e}"), MERMAID_INSTALL);
                return None;
            }
        };
        let to = child.stdin.take().expect("piped stdin");
        let mut from = BufReader::new(child.stdout.take().expect("piped stdout"));
        let hello = read_answer(&mut from);
        if hello["ready"] == true {
            Some(Mermaid {
                _child: child,
                to,
                from,
            })
        } else if let Some(why) = hello["missing"].as_str() {
            let _ = child.wait();
            crate::support::skip(why, MERMAID_INSTALL);
            None
        } else {
            panic!("mermaid_check.mjs did not start: {hello}");
        }
    }

    /// The diagram type Mermaid reads `text` as (`flowchart-v2`), or its parse error.
    fn parse(&mut self, text: &str) -> Result<String, String> {
        let line = serde_json::to_string(text).expect("a string is JSON");
        writeln!(self.to, "{line}")
            .and_then(|()| self.to.flush())
            .expect("mermaid_check.mjs stopped reading");
        let answer = read_answer(&mut self.from);
        match answer["ok"].as_bool() {
            Some(true) => Ok(answer["type"].as_str().unwrap_or_default().to_string()),
            Some(false) => Err(answer["error"].as_str().unwrap_or_default().to_string()),
            None => panic!("mermaid_check.mjs answered {answer}"),
        }
    }
}

/// One JSON line from the parser; a closed pipe means it died.
fn read_answer(from: &mut impl BufRead) -> serde_json::Value {
    let mut line = String::new();
    let n = from
        .read_line(&mut line)
        .expect("reading mermaid_check.mjs");
    assert!(n > 0, "mermaid_check.mjs exited without answering");
    serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"))
}

/// Parses `text` with the one shared [`Mermaid`], or `None` when it is not installed (skipped
/// once). The process ends with the test binary: its stdin closes and it reads to the end.
fn mermaid_parse(text: &str) -> Option<Result<String, String>> {
    static MERMAID: OnceLock<Mutex<Option<Mermaid>>> = OnceLock::new();
    let mut parser = MERMAID
        .get_or_init(|| Mutex::new(Mermaid::start()))
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    parser.as_mut().map(|m| m.parse(text))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_stage_handles_any_valid_workspace(s in spec()) {
        let mut sources = Sources::new();
        sources.add(SourceFile::new("p.toml", workspace(&s)));
        let loaded = load_sources(sources);
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.severity == polku::diagnostic::Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        let m = &loaded.model;
        let a = analyze(m);
        let _ = polku::render::report::diagnostics::to_plain_string(&loaded.sources, &a.diagnostics());

        // A what-if that removes a service.
        let without = whatif::parse_without(m, "service.s0").unwrap();
        let changed = whatif::apply(m, &[without]).unwrap();
        let after = analyze(&changed);
        let _ = whatif::compare(m, &a, &changed, &after);

        // Every view, engine and export.
        let base = ViewOptions { pathway: Some(PathwayIx(0)), ..ViewOptions::default() };
        let mut views = vec![
            view::build(m, &a, &base).unwrap(),
            view::build(m, &a, &ViewOptions { lanes: LaneBy::Sector, lang: Lang::Sv, ..base }).unwrap(),
            view::build(m, &a, &ViewOptions { kind: ViewKind::Ecosystem, aggregate_above: 3, ..base }).unwrap(),
        ];
        if !m.profiles().is_empty() {
            views.push(view::build(m, &a, &ViewOptions { kind: ViewKind::Route, profile: Some(polku::model::ProfileIx(0)), ..base }).unwrap());
        }
        for v in &views {
            let l = layout::layout(v);
            prop_assert!(l.width.is_finite() && l.height.is_finite());
            let picture = svg::svg(v, &l);
            prop_assert_eq!(xml_root(&picture), Ok("svg".to_string()));
            prop_assert_eq!(xml_root(&bpmn::bpmn(v, &l)), Ok("bpmn:definitions".to_string()));
            let source = dot::dot(v);
            prop_assert!(graphviz_rust::parse(&source).is_ok(), "DOT that graphviz-rust cannot parse:\n{}", source);
            let text = mermaid::mermaid(v);
            if let Some(parsed) = mermaid_parse(&text) {
                prop_assert_eq!(parsed, Ok("flowchart-v2".to_string()), "Mermaid that Mermaid cannot parse:\n{}", text);
            }
        }
        let all: Vec<_> = m.services().indices().collect();
        prop_assert_eq!(xml_root(&graphml::graphml(m, &a, &all, Lang::Fi)), Ok("graphml".to_string()));
        prop_assert!(json::json(m, &a).is_object());
    }
}

#[test]
fn the_xml_check_reads_documents_whole() {
    assert_eq!(xml_root("<a><b/></a>"), Ok("a".to_string()));
    assert!(xml_root("<a><b></a>").is_err(), "mismatched end");
    assert!(xml_root("<a/><b/>").is_err(), "two roots");
    assert!(xml_root("<a><b>").is_err(), "left open");
}

#[test]
fn the_mermaid_check_rejects_a_broken_text() {
    let Some(good) = mermaid_parse("flowchart LR\n  n0[\"a\"] --> n1[\"b\"]") else {
        return;
    };
    assert_eq!(good, Ok("flowchart-v2".to_string()));
    let broken = mermaid_parse("flowchart LR\n  n0[\"a\" --> n1").expect("started above");
    assert!(broken.is_err(), "{broken:?}");
    let not_a_flowchart = mermaid_parse("sequenceDiagram\n  A->>B: hi").expect("started above");
    assert_ne!(not_a_flowchart, Ok("flowchart-v2".to_string()));
}
