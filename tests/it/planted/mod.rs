//! Findings proven on planted problems: a seeded generator builds a healthy workspace (no
//! problem by construction, [`healthy`]), plants problems of random kinds at random places and
//! near misses that come close to each kind without being one ([`plants`]), and the analysis must
//! find every planted problem on its planted entities and nothing anywhere else.
//!
//! The test runs [`SEEDS`] seeds (`POLKU_PLANTED_SEEDS` for more) and prints precision and
//! recall per finding kind; a failing seed's workspace is written to
//! `target/tmp/planted-<seed>/` so it can be checked with `polku check`.

mod healthy;
mod plants;
mod workspace;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use polku::analysis::{Finding, analyze};
use polku::diagnostic::{Code, SourceFile, Sources};
use polku::model::Model;
use polku::render::report::diagnostics::to_plain_string;
use polku::workspace::load_sources;

use crate::generate::Rng;
use plants::{Expect, Garden, KINDS, Planted};
use workspace::Workspace;

/// Seeds the test runs by default.
const SEEDS: u64 = 4000;

/// The workspace of `seed` with its plants: up to four problems and up to three near misses.
pub fn planted(seed: u64) -> (Workspace, Vec<Planted>) {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
    let mut ws = healthy::workspace(&mut rng);
    let problems = rng.below(5);
    let near_misses = rng.below(4);
    let mut order: Vec<(Code, bool, bool)> = Vec::new();
    for near in [false, true] {
        for _ in 0..if near { near_misses } else { problems } {
            let (code, late) = KINDS[rng.below(KINDS.len())];
            order.push((code, late, near));
        }
    }
    rng.shuffle(&mut order);
    // Plants about who meets whom come last: they depend on the workspace's final profiles.
    order.sort_by_key(|&(_, late, _)| late);
    let mut planted = Vec::new();
    {
        let mut garden = Garden {
            ws: &mut ws,
            rng: &mut rng,
            touched: Default::default(),
            added: Default::default(),
            spof_regions: Default::default(),
            sector_pairs: Default::default(),
            heavy: Vec::new(),
        };
        for (code, _, near) in order {
            planted.extend(garden.plant(code, near));
        }
        garden.finish();
    }
    (ws, planted)
}

/// The healthy workspace of `seed`, with no plants.
pub fn healthy(seed: u64) -> Workspace {
    let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
    healthy::workspace(&mut rng)
}

/// A finding's code and the ids of its subjects.
fn subjects(model: &Model, f: &Finding) -> (Code, Vec<String>) {
    let ids = f.entities[..f.subjects]
        .iter()
        .map(|e| e.id(model))
        .collect();
    (f.diagnostic.code, ids)
}

fn matches(e: &Expect, code: Code, ids: &[String]) -> bool {
    e.code == code && e.ids.iter().all(|id| ids.contains(id))
}

/// What one seed gave: per code, planted / found / findings matched / false alarms.
#[derive(Default)]
struct Tally {
    near_misses: usize,
    planted: usize,
    found: usize,
    true_findings: usize,
    /// Findings that follow from a planted problem of another kind (its `tolerate`).
    consequences: usize,
    false_alarms: usize,
}

struct Outcome {
    tallies: BTreeMap<Code, Tally>,
    failures: Vec<String>,
}

fn run(seed: u64) -> Outcome {
    let (ws, planted) = planted(seed);
    let mut sources = Sources::new();
    for (path, text) in ws.files() {
        sources.add(SourceFile::new(path, text));
    }
    let loaded = load_sources(sources);
    let mut failures = Vec::new();
    if !loaded.diagnostics.is_empty() {
        failures.push(format!(
            "does not load cleanly:\n{}",
            to_plain_string(&loaded.sources, &loaded.diagnostics)
        ));
    }
    let analysis = analyze(&loaded.model);
    let findings: Vec<(Code, Vec<String>, &Finding)> = analysis
        .active()
        .map(|f| {
            let (code, ids) = subjects(&loaded.model, f);
            (code, ids, f)
        })
        .collect();
    let mut tallies: BTreeMap<Code, Tally> = BTreeMap::new();
    for p in planted.iter().filter(|p| p.near) {
        tallies.entry(p.code).or_default().near_misses += 1;
    }
    for p in &planted {
        for e in &p.expect {
            let t = tallies.entry(e.code).or_default();
            t.planted += 1;
            if findings.iter().any(|(c, ids, _)| matches(e, *c, ids)) {
                t.found += 1;
            } else {
                failures.push(format!("missed {} on {:?} ({})", e.code, e.ids, p.what));
            }
        }
    }
    for (code, ids, f) in &findings {
        let t = tallies.entry(*code).or_default();
        if planted
            .iter()
            .any(|p| p.expect.iter().any(|e| matches(e, *code, ids)))
        {
            t.true_findings += 1;
        } else if planted
            .iter()
            .any(|p| p.tolerate.iter().any(|e| matches(e, *code, ids)))
        {
            t.consequences += 1;
        } else {
            t.false_alarms += 1;
            failures.push(format!(
                "false alarm {code} on {ids:?}: {}",
                f.diagnostic.message
            ));
        }
    }
    if !failures.is_empty() {
        let what: Vec<&str> = planted.iter().map(|p| p.what.as_str()).collect();
        failures.insert(0, format!("seed {seed}, planted: {what:#?}"));
    }
    Outcome { tallies, failures }
}

fn seeds() -> u64 {
    std::env::var("POLKU_PLANTED_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEEDS)
}

/// Writes the workspace of `seed` to `dir`, to look at with `polku check`.
fn write(seed: u64, dir: &Path) {
    let (ws, _) = planted(seed);
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    for (path, text) in ws.files() {
        std::fs::write(dir.join(path), text).unwrap();
    }
}

#[test]
fn every_planted_problem_is_found_and_nothing_else() {
    let n = seeds();
    let mut total: BTreeMap<Code, Tally> = BTreeMap::new();
    let mut failed: Vec<(u64, Vec<String>)> = Vec::new();
    // Two threads: the machine's two cores, and each seed is independent.
    let outcomes: Vec<(u64, Outcome)> = std::thread::scope(|s| {
        let half = n / 2;
        let a = s.spawn(move || (0..half).map(|seed| (seed, run(seed))).collect::<Vec<_>>());
        let b = s.spawn(move || (half..n).map(|seed| (seed, run(seed))).collect::<Vec<_>>());
        let mut all = a.join().unwrap();
        all.extend(b.join().unwrap());
        all
    });
    for (seed, outcome) in outcomes {
        for (code, t) in outcome.tallies {
            let sum = total.entry(code).or_default();
            sum.planted += t.planted;
            sum.near_misses += t.near_misses;
            sum.found += t.found;
            sum.true_findings += t.true_findings;
            sum.false_alarms += t.false_alarms;
            sum.consequences += t.consequences;
        }
        if !outcome.failures.is_empty() {
            failed.push((seed, outcome.failures));
        }
    }
    let report = report(n, &total);
    let _ = std::fs::write(
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("planted-report.md"),
        &report,
    );
    // Straight to standard error: the table is the test's measurement, shown in every run.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "{report}");
    if let Some((seed, _)) = failed.first() {
        for (seed, _) in failed.iter().take(5) {
            write(
                *seed,
                &Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("planted-{seed}")),
            );
        }
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("planted-{seed}"));
        let shown: Vec<String> = failed.iter().take(5).map(|(_, f)| f.join("\n  ")).collect();
        panic!(
            "{} of {n} seeds failed; the first five are written beside {}:\n{}",
            failed.len(),
            dir.display(),
            shown.join("\n\n")
        );
    }
    // Every kind is planted, and near-missed, often enough to mean something (at 1,000 seeds
    // each is planted about a hundred times).
    let least = (n / 50) as usize;
    for code in KINDS.iter().map(|(c, _)| c) {
        let t = total.get(code);
        assert!(
            t.is_some_and(|t| t.planted >= least && t.near_misses >= least / 2),
            "{code} was planted or near-missed fewer than {least} times in {n} seeds: the generator hardly tests it"
        );
    }
}

/// Precision and recall per finding kind, as a Markdown table.
fn report(seeds: u64, total: &BTreeMap<Code, Tally>) -> String {
    let mut out = format!(
        "planted problems over {seeds} seeds\n\n| code | planted | found | recall | near misses | findings | consequences | false alarms | precision |\n|---|---|---|---|---|---|---|---|---|\n"
    );
    for (code, t) in total {
        let recall = if t.planted == 0 {
            1.0
        } else {
            t.found as f64 / t.planted as f64
        };
        let all = t.true_findings + t.false_alarms;
        let precision = if all == 0 {
            1.0
        } else {
            t.true_findings as f64 / all as f64
        };
        let _ = writeln!(
            out,
            "| {code} {} | {} | {} | {:.3} | {} | {} | {} | {} | {:.3} |",
            code.name(),
            t.planted,
            t.found,
            recall,
            t.near_misses,
            all,
            t.consequences,
            t.false_alarms,
            precision
        );
    }
    out
}

#[test]
fn the_healthy_workspaces_raise_nothing() {
    for seed in 0..200 {
        let ws = healthy(seed);
        let mut sources = Sources::new();
        for (path, text) in ws.files() {
            sources.add(SourceFile::new(path, text));
        }
        let loaded = load_sources(sources);
        let diagnostics: Vec<_> = loaded
            .diagnostics
            .iter()
            .cloned()
            .chain(analyze(&loaded.model).diagnostics())
            .collect();
        assert!(
            diagnostics.is_empty(),
            "healthy seed {seed}:\n{}",
            to_plain_string(&loaded.sources, &diagnostics)
        );
    }
}

/// The seed of the shipped healthy workspace `tests/fixtures/healthy/`: two regions, one
/// bilingual with a service in each language, one written in two pathway files with its profiles
/// in a shared file, returns to the school, children's and young people's mental-health
/// services, adult social work from 23, and child welfare handing over to aftercare at 18.
const HEALTHY_FIXTURE_SEED: u64 = 29;

const HEALTHY_FIXTURE: &str = "tests/fixtures/healthy";

#[test]
fn the_shipped_healthy_workspace_is_the_generators() {
    let files = healthy(HEALTHY_FIXTURE_SEED).files();
    if std::env::var_os("POLKU_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(HEALTHY_FIXTURE);
        std::fs::create_dir_all(HEALTHY_FIXTURE).unwrap();
        for (path, text) in &files {
            std::fs::write(Path::new(HEALTHY_FIXTURE).join(path), text).unwrap();
        }
    }
    for (path, text) in &files {
        let shipped = std::fs::read_to_string(Path::new(HEALTHY_FIXTURE).join(path))
            .unwrap_or_else(|e| panic!("{HEALTHY_FIXTURE}/{path}: {e} (POLKU_BLESS=1 writes it)"));
        assert_eq!(
            &shipped, text,
            "{HEALTHY_FIXTURE}/{path} differs (POLKU_BLESS=1 rewrites it)"
        );
    }
}

#[test]
fn polku_check_finds_nothing_in_the_healthy_workspace() {
    let out = crate::support::polku()
        .args(["check", HEALTHY_FIXTURE])
        .output()
        .unwrap();
    let stderr = crate::support::stderr(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{stderr}");
    for word in ["warning[", "note[", "error["] {
        assert!(
            !stdout.contains(word) && !stderr.contains(word),
            "{stdout}{stderr}"
        );
    }
}
