//! `polku analyze` through the real binary: formats, scoping, what-if and exit codes.

use crate::support::polku;
use serde_json::Value;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = polku().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const OVERLOADED: &str = "tests/fixtures/findings/b0304-overloaded/trigger";

#[test]
fn text_report_has_the_managers_summary_then_all_findings() {
    let (code, out, err) = run(&["analyze", OVERLOADED]);
    assert_eq!(code, Some(0), "{err}");
    let order = [
        "SUMMARY",
        "TOP BOTTLENECKS",
        "UNMET NEEDS",
        "ROUTES",
        "ALL FINDINGS",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| out.find(h).unwrap_or_else(|| panic!("no {h} in\n{out}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert!(
        out.contains("kuraattori  12.0        10.0      120 %"),
        "{out}"
    );
    assert!(out.contains("warning[B0304]"), "{out}");
    assert!(out.contains("why: "), "{out}");
    // One of each is said in the singular.
    assert!(
        out.starts_with("polku analysis — 1 pathway, 1 service, 1 profile\n"),
        "{out}"
    );
    assert!(out.contains("(1 note)"), "{out}");
}

#[test]
fn json_report_carries_findings_flow_and_routes() {
    let (code, out, _) = run(&["analyze", OVERLOADED, "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    let b0304: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "B0304")
        .collect();
    assert_eq!(b0304.len(), 1);
    assert_eq!(b0304[0]["entities"][0], "kuraattori");
    assert_eq!(b0304[0]["affected_per_month"], 12.0);
    assert_eq!(b0304[0]["position"]["line"], 28);
    // The figures it rests on travel with it.
    assert_eq!(b0304[0]["evidence"]["kind"], "overloaded");
    assert_eq!(b0304[0]["evidence"]["load"]["load"], 12.0);
    assert_eq!(b0304[0]["evidence"]["load"]["capacity"], 10.0);
    let clock = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "G0208")
        .expect("the queue without end breaks the pupil-welfare clock");
    assert_eq!(clock["evidence"]["clock"], "oppilashuolto-7-koulupaivaa");
    // Unbounded: JSON has no infinity, so the elapsed days are null beside a finite limit.
    assert_eq!(clock["evidence"]["elapsed_days"], Value::Null);
    // 7 school days at 7/5 calendar days each.
    let limit = clock["evidence"]["limit_days"].as_f64().unwrap();
    assert!((limit - 9.8).abs() < 1e-9, "{limit}");
    let service = &v["services"].as_array().unwrap()[0];
    assert_eq!(service["utilisation"], 1.2);
    assert_eq!(v["routes"][0]["profile"], "oppilas");
    // The route reaches its service, through the kuraattori at 120 %: its queue has no end, so
    // the need is not met and the wait is unbounded.
    let route = &v["routes"][0];
    assert_eq!(route["met"], false);
    assert_eq!(route["reaches_service"], true);
    assert_eq!(route["wait_unbounded"], true);
    assert_eq!(route["wait_days"], Value::Null);
    assert_eq!(route["caveats"][0]["caveat"], "over_capacity");
    assert_eq!(route["caveats"][0]["service"], "kuraattori");
    assert_eq!(route["caveats"][0]["utilisation"], 1.2);
}

#[test]
fn markdown_report_is_a_document() {
    let (code, out, _) = run(&["analyze", OVERLOADED, "--format", "markdown"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("# polku analysis"), "{out}");
    assert!(out.contains("| service | load/month | capacity | utilisation | queue |"));
    assert!(out.contains("| B0304 `overloaded` | warning |"), "{out}");
}

#[test]
fn scope_by_pathway_and_profile() {
    let (code, out, _) = run(&[
        "analyze",
        "pathways",
        "--pathway",
        "hehku-liikkuva-tuki",
        "--format",
        "json",
    ]);
    assert_eq!(code, Some(0));
    let v: Value = serde_json::from_str(&out).unwrap();
    let profiles: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["profile"].as_str().unwrap())
        .collect();
    assert!(!profiles.is_empty());
    assert!(
        profiles.iter().all(|p| p.starts_with("hki-")),
        "{profiles:?}"
    );
    let (code, _, err) = run(&["analyze", "pathways", "--pathway", "hehku"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown pathway `hehku`"), "{err}");
    let (code, _, err) = run(&["analyze", "pathways", "--profile", "nobody"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown profile"), "{err}");
}

#[test]
fn what_if_shows_figures_side_by_side_and_what_changes() {
    let (code, out, err) = run(&[
        "analyze",
        OVERLOADED,
        "--set",
        "service.kuraattori.capacity=20",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("WHAT-IF"), "{out}");
    assert!(
        out.contains("highest utilisation     120.0 %  60.0 %"),
        "{out}"
    );
    // More capacity ends the overload, and with it the queue without end that broke the pupil
    // welfare clock.
    assert!(
        out.contains("resolved findings: 2\n  B0304 kuraattori\n  G0208 kuraattori oppilas"),
        "{out}"
    );
    let (_, out, _) = run(&[
        "analyze",
        OVERLOADED,
        "--without",
        "service.kuraattori",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["after"]["max_utilisation_percent"], Value::Null);
    let (code, _, err) = run(&["analyze", OVERLOADED, "--set", "service.nope.capacity=1"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("unknown service `nope`"), "{err}");
}

#[test]
fn load_errors_exit_1_but_the_valid_part_is_analysed() {
    let (code, out, err) = run(&["analyze", "tests/fixtures/invalid/e0009-unknown-reference"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("E0009"), "{err}");
    assert!(out.contains("SUMMARY"), "{out}");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    let (code, out, _) = run(&[
        "analyze",
        OVERLOADED,
        "--format",
        "markdown",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0));
    assert!(out.is_empty());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# polku analysis")
    );
}

#[test]
fn what_if_in_markdown_is_a_table() {
    let (code, out, _) = run(&[
        "analyze",
        OVERLOADED,
        "--set",
        "service.kuraattori.capacity=20",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("# What-if: before → after"), "{out}");
    assert!(
        out.contains("| highest utilisation | 120.0 % | 60.0 % |"),
        "{out}"
    );
    assert!(out.contains("- `B0304 kuraattori`"), "{out}");
}

#[test]
fn what_if_refuses_a_change_that_leaves_no_valid_model() {
    let (code, _, err) = run(&[
        "analyze",
        OVERLOADED,
        "--set",
        "service.kuraattori.capacity=0",
        "--set",
        "service.kuraattori.staff=0",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&[
        "analyze",
        "tests/fixtures/findings/b0305-single-point-of-failure/trigger",
        "--set",
        "handoff.arvio.a.share=0.9",
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("more than 1"), "{err}");
}

#[test]
fn exact_betweenness_is_a_flag_of_analyze_and_check() {
    // A small pathway is counted exactly either way: the flag changes nothing but is accepted.
    const SPOF: &str = "tests/fixtures/findings/b0305-single-point-of-failure/trigger";
    let (code, default, err) = run(&["analyze", SPOF, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, exact, err) = run(&["analyze", SPOF, "--format", "json", "--exact-betweenness"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(default, exact);
    let centrality: Value = serde_json::from_str(&exact).unwrap();
    assert!(!centrality["centrality"].as_array().unwrap().is_empty());
    let (code, out, err) = run(&["check", SPOF, "--exact-betweenness"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("B0305") || err.contains("B0305"), "{out}{err}");
}

#[test]
fn a_need_with_no_route_at_all_shows_no_wait() {
    // `ahdistus` is a need nothing in the workspace addresses: no route, so no "0 d".
    let dir = tempfile::tempdir().unwrap();
    let source =
        std::fs::read_to_string("tests/fixtures/findings/g0201-unmet-need/trigger/pathway.toml")
            .unwrap();
    let (head, profile) = source.split_once("[[profile]]").unwrap();
    let profile = profile.replace(
        "needs = [\"paihteet\"]",
        "needs = [\"paihteet\", \"ahdistus\"]",
    );
    std::fs::write(
        dir.path().join("pathway.toml"),
        format!("{head}[[profile]]{profile}"),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let (_, out, err) = run(&["analyze", path]);
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("ahdistus"))
        .unwrap_or_else(|| panic!("no route row for ahdistus in\n{out}{err}"));
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[..3], ["ahdistus", "—", "—"], "{row}");
    assert!(!row.contains(" d "), "{row}");
    let (_, json, _) = run(&["analyze", path, "--format", "json"]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let route = report["routes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["need"] == "ahdistus")
        .unwrap();
    assert_eq!(route["wait_days"], Value::Null, "{route}");
    assert_eq!(route["met"], false);
}
