//! Data-driven loader tests: every folder under `tests/fixtures/invalid/` is a workspace whose
//! diagnostics, as `polku check` prints them, are snapshot-tested; its name starts with the code
//! it must produce. Every folder under `tests/fixtures/valid/` must load without a diagnostic.

use std::path::{Path, PathBuf};

use polku::diagnostic::{Code, Severity};
use polku::model::{HandoffIx, PathwayIx};
use polku::render::report::diagnostics::{to_json, to_plain_string};
use polku::workspace::load_dir;

fn folders(kind: &str) -> Vec<PathBuf> {
    let root = Path::new("tests/fixtures").join(kind);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures in {}", root.display());
    dirs
}

fn name(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn invalid_fixtures_report_their_code_and_match_snapshots() {
    for dir in folders("invalid") {
        let name = name(&dir);
        let loaded = load_dir(&dir).unwrap();
        let text = to_plain_string(&loaded.sources, &loaded.diagnostics);
        insta::assert_snapshot!(name.clone(), text);
        if let Some(code) = name.split('-').next().filter(|c| c.len() == 5) {
            assert!(
                loaded
                    .diagnostics
                    .iter()
                    .any(|d| d.code.as_str().eq_ignore_ascii_case(code)),
                "{name}: no {code} in\n{text}"
            );
        }
    }
}

#[test]
fn every_loader_code_has_an_invalid_fixture() {
    let names: Vec<String> = folders("invalid").iter().map(|d| name(d)).collect();
    for code in Code::ALL
        .iter()
        .filter(|c| !c.is_finding() && **c != Code::UnusedAllow)
    {
        let prefix = format!("{}-{}", code.as_str().to_lowercase(), code.name());
        assert!(
            names.contains(&prefix),
            "no fixture tests/fixtures/invalid/{prefix}"
        );
    }
}

#[test]
fn valid_fixtures_load_cleanly() {
    for dir in folders("valid") {
        let loaded = load_dir(&dir).unwrap();
        assert_eq!(
            to_plain_string(&loaded.sources, &loaded.diagnostics),
            "",
            "{}",
            dir.display()
        );
        assert!(!loaded.model.pathways().is_empty());
    }
}

#[test]
fn shared_files_join_the_pathway() {
    let loaded = load_dir(Path::new("tests/fixtures/valid/shared-files")).unwrap();
    let m = &loaded.model;
    let p = m.pathway(PathwayIx(0));
    let ids: Vec<&str> = p
        .services
        .iter()
        .map(|s| m.service(*s).id.as_str())
        .collect();
    assert_eq!(ids, ["koulu", "nuorisoasema"]);
    let profiles: Vec<&str> = p
        .profiles
        .iter()
        .map(|s| m.profile(*s).id.as_str())
        .collect();
    assert_eq!(
        profiles,
        ["nuori-15"],
        "a shared profile joins the pathway of its entry"
    );
    assert_eq!(m.actor(p.owner.unwrap()).id, "hyvinvointialue");
    assert_eq!(p.created.as_deref(), Some("2024-05-16"));
    let h = m.handoff(HandoffIx(0));
    assert_eq!(h.wait.unwrap().calendar_days(), 7.0);
}

#[test]
fn one_run_reports_all_five_errors_in_three_files() {
    let loaded = load_dir(Path::new("tests/fixtures/invalid/five-errors-three-files")).unwrap();
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let codes: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E0005", "E0006", "E0004", "E0010", "E0009"]);
    let mut files: Vec<_> = errors
        .iter()
        .map(|d| d.origin.as_ref().unwrap().file)
        .collect();
    files.dedup();
    assert_eq!(files.len(), 3);
    // The valid rest of the broken workspace is still modelled.
    assert_eq!(loaded.model.pathways().len(), 1);
    assert_eq!(loaded.model.services().len(), 2);
}

#[test]
fn json_positions_are_one_based_lines_and_character_columns() {
    let loaded = load_dir(Path::new("tests/fixtures/invalid/e0009-unknown-reference")).unwrap();
    let json = serde_json::to_value(to_json(&loaded.sources, &loaded.diagnostics)).unwrap();
    insta::assert_json_snapshot!("json-e0009", json);
}
