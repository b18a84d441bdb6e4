//! Every finding code has a workspace that triggers it and a near-miss that differs by one detail
//! and does not (`tests/fixtures/findings/<code>-<name>/{trigger,near-miss}/`). The findings of
//! each trigger are snapshot-tested as `polku check` prints them.

use std::path::{Path, PathBuf};

use polku::analysis::analyze;
use polku::diagnostic::Code;
use polku::render::report::diagnostics::to_plain_string;
use polku::workspace::load_dir;

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/findings")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs
}

fn code_of(dir: &Path) -> Code {
    let name = dir.file_name().unwrap().to_string_lossy();
    let (code, _) = name.split_once('-').unwrap();
    Code::parse(&code.to_uppercase()).unwrap_or_else(|| panic!("{name}: no such code"))
}

/// Codes of the active findings and analysis diagnostics of a fixture workspace.
fn codes(dir: &Path) -> (Vec<Code>, String) {
    let loaded = load_dir(dir).unwrap();
    assert!(
        loaded.diagnostics.is_empty(),
        "{} does not load cleanly:\n{}",
        dir.display(),
        to_plain_string(&loaded.sources, &loaded.diagnostics)
    );
    let diagnostics = analyze(&loaded.model).diagnostics();
    let text = to_plain_string(&loaded.sources, &diagnostics);
    (diagnostics.iter().map(|d| d.code).collect(), text)
}

#[test]
fn every_finding_code_has_a_trigger_and_a_near_miss() {
    let covered: Vec<Code> = cases().iter().map(|d| code_of(d)).collect();
    for code in Code::ALL
        .iter()
        .filter(|c| c.is_finding() || **c == Code::UnusedAllow)
    {
        assert!(
            covered.contains(code),
            "no fixture tests/fixtures/findings/{}-{}",
            code.as_str().to_lowercase(),
            code.name()
        );
    }
}

#[test]
fn triggers_produce_their_finding() {
    for dir in cases() {
        let code = code_of(&dir);
        let (found, text) = codes(&dir.join("trigger"));
        assert!(
            found.contains(&code),
            "{}: {code} not found in\n{text}",
            dir.display()
        );
        let only: Vec<_> = {
            let loaded = load_dir(&dir.join("trigger")).unwrap();
            analyze(&loaded.model)
                .diagnostics()
                .into_iter()
                .filter(|d| d.code == code)
                .map(|d| to_plain_string(&loaded.sources, &[d]))
                .collect()
        };
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(name, only.concat());
    }
}

#[test]
fn near_misses_do_not() {
    for dir in cases() {
        let code = code_of(&dir);
        let (found, text) = codes(&dir.join("near-miss"));
        assert!(
            !found.contains(&code),
            "{}: near-miss still has {code}:\n{text}",
            dir.display()
        );
    }
}

#[test]
fn an_allow_excuses_its_finding_and_keeps_the_reason() {
    let loaded = load_dir(Path::new("tests/fixtures/findings/g0206-dead-end/allowed")).unwrap();
    let analysis = analyze(&loaded.model);
    assert!(
        analysis
            .diagnostics()
            .iter()
            .all(|d| d.code != Code::DeadEnd)
    );
    let allowed: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.allowed.is_some())
        .collect();
    assert_eq!(allowed.len(), 1);
    assert_eq!(allowed[0].diagnostic.code, Code::DeadEnd);
    assert!(
        allowed[0]
            .allowed
            .as_deref()
            .unwrap()
            .contains("closes the case")
    );
}

#[test]
fn unknown_is_not_absent_an_unstated_consent_is_a_note_not_a_warning() {
    // The X0404 trigger is a handoff between organisations that does not state `consent`: the
    // one note lists it; nothing warns that consent is missing, because nobody said it is.
    let dir = Path::new("tests/fixtures/findings/x0404-unstated-handoffs/trigger");
    let (found, text) = codes(dir);
    assert!(found.contains(&Code::UnstatedHandoffs), "{text}");
    assert!(!found.contains(&Code::BoundaryWithoutConsent), "{text}");
    let loaded = load_dir(dir).unwrap();
    let warnings = analyze(&loaded.model)
        .diagnostics()
        .into_iter()
        .filter(|d| d.severity >= polku::diagnostic::Severity::Warning)
        .count();
    assert_eq!(warnings, 0, "{text}");
}
