//! Plain figures for the national-scale target: a workspace of 22 regions, ≈13,000 services,
//! ≈60,000 handoffs and 200 profiles in ≈500 files loads and validates in under 1 s, with a peak
//! memory under 300 MB.
//!
//! ```text
//! cargo bench --bench national                         # generate, time 5 loads, measure memory
//! cargo bench --bench national -- --runs 9             # more timed loads
//! cargo bench --bench national -- --check              # exit 1 when over a target
//! cargo bench --bench national -- --generate-only DIR  # only write the workspace to DIR
//! cargo bench --bench national -- --load DIR           # one load of DIR in this fresh process
//! /usr/bin/time -v BENCH_EXE --load DIR  # the same, measured from outside (BENCH_EXE: the
//!                                        # path `cargo bench --bench national --no-run` prints)
//! ```
//!
//! The peak memory reported is that of a fresh process that does nothing but one load (the
//! benchmark runs itself with `--load`), read from `VmHWM` in `/proc/self/status`; the same
//! process can be measured from outside with `/usr/bin/time -v … -- --load DIR`.
//!
//! Without `--bench` or a mode (as `cargo test --benches` runs it) it loads a small workspace
//! once, so the smoke run stays quick in debug builds.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[path = "generate/mod.rs"]
mod generate;

/// Load time target, per load.
const TIME_TARGET: Duration = Duration::from_secs(1);
/// Peak resident memory target of a process that loads the workspace: 300 MB.
const MEMORY_TARGET_BYTES: u64 = 300_000_000;

struct Args {
    bench: bool,
    generate_only: Option<PathBuf>,
    load: Option<PathBuf>,
    runs: Option<usize>,
    check: bool,
}

fn args() -> Args {
    let mut a = Args {
        bench: false,
        generate_only: None,
        load: None,
        runs: None,
        check: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => a.bench = true,
            "--generate-only" => {
                a.generate_only = Some(it.next().expect("--generate-only DIR").into())
            }
            "--load" => a.load = Some(it.next().expect("--load DIR").into()),
            "--runs" => {
                a.runs = Some(
                    it.next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .expect("--runs N, N ≥ 1"),
                )
            }
            "--check" => a.check = true,
            // Filters and flags cargo or a user may pass to every bench: not ours.
            _ => {}
        }
    }
    a
}

fn main() -> ExitCode {
    let args = args();
    if let Some(dir) = &args.generate_only {
        return generate_only(dir);
    }
    if let Some(dir) = &args.load {
        return load_only(dir, args.runs.unwrap_or(1));
    }
    if !args.bench {
        return smoke();
    }
    national(&args)
}

fn generate_only(dir: &Path) -> ExitCode {
    let start = Instant::now();
    let summary =
        generate::generate(dir, &generate::Spec::national()).expect("writes the workspace");
    println!(
        "wrote {} in {:.2} s: {} files, {:.1} MB, {} actors, {} needs, {} services, {} handoffs ({} across files), {} profiles",
        dir.display(),
        start.elapsed().as_secs_f64(),
        summary.files,
        summary.bytes as f64 / 1e6,
        summary.actors,
        summary.needs,
        summary.services,
        summary.handoffs,
        summary.cross_file_handoffs,
        summary.profiles
    );
    ExitCode::SUCCESS
}

/// One or more loads of `dir` in this process; prints the times and this process's peak memory.
fn load_only(dir: &Path, runs: usize) -> ExitCode {
    let baseline = memory("VmHWM");
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let loaded = polku::workspace::load_dir(dir).expect("the folder can be listed");
        times.push(start.elapsed());
        let errors = loaded.count(polku::diagnostic::Severity::Error);
        let warnings = loaded.count(polku::diagnostic::Severity::Warning);
        println!(
            "loaded {} files: {} services, {} handoffs, {} profiles, {errors} errors, {warnings} warnings in {}",
            generate::files_below(&loaded, dir),
            loaded.model.services().len(),
            loaded.model.handoffs().len(),
            loaded.model.profiles().len(),
            ms(*times.last().expect("one run"))
        );
    }
    let peak = memory("VmHWM").unwrap_or(0);
    println!("baseline_rss_kb {}", baseline.unwrap_or(0));
    println!("peak_rss_kb {peak}");
    ExitCode::SUCCESS
}

fn smoke() -> ExitCode {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let summary = generate::generate(dir.path(), &generate::Spec::smoke()).expect("writes");
    let loaded = generate::load_clean(dir.path());
    assert_eq!(loaded.model.services().len(), summary.services);
    assert_eq!(loaded.model.handoffs().len(), summary.handoffs);
    assert_eq!(loaded.model.profiles().len(), summary.profiles);
    println!(
        "smoke: {} files, {} services, {} handoffs, {} profiles load cleanly (run with `cargo bench --bench national` for the national figures)",
        summary.files, summary.services, summary.handoffs, summary.profiles
    );
    ExitCode::SUCCESS
}

fn national(args: &Args) -> ExitCode {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let start = Instant::now();
    let summary =
        generate::generate(dir.path(), &generate::Spec::national()).expect("writes the workspace");
    let generated = start.elapsed();

    // Valid before anything is measured: no error, no warning, every entity in the model.
    let loaded = generate::load_clean(dir.path());
    let model = &loaded.model;
    assert_eq!(generate::files_below(&loaded, dir.path()), summary.files);
    assert_eq!(model.services().len(), summary.services);
    assert_eq!(model.handoffs().len(), summary.handoffs);
    assert_eq!(model.profiles().len(), summary.profiles);
    println!("national-scale workspace (generated in {})", ms(generated));
    println!(
        "  files      {:>7}  ({:.1} MB)",
        summary.files,
        summary.bytes as f64 / 1e6
    );
    println!("  regions    {:>7}", generate::Spec::national().regions);
    println!("  pathways   {:>7}", model.pathways().len());
    println!("  actors     {:>7}", model.actors().len());
    println!("  needs      {:>7}", model.needs().len());
    println!("  services   {:>7}", model.services().len());
    println!(
        "  handoffs   {:>7}  ({} to a service of another file)",
        model.handoffs().len(),
        summary.cross_file_handoffs
    );
    println!("  profiles   {:>7}", model.profiles().len());
    println!("  clocks     {:>7}  (built in)", model.clocks().len());
    println!(
        "  diagnostics {:>6}  (0 errors, 0 warnings)",
        loaded.diagnostics.len()
    );
    drop(loaded);

    // Load time, in this process (files are in the page cache after the first load).
    let runs = args.runs.unwrap_or(5);
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let loaded = polku::workspace::load_dir(dir.path()).expect("loads");
            let took = start.elapsed();
            drop(std::hint::black_box(loaded));
            took
        })
        .collect();
    times.sort();
    let (min, median, max) = (times[0], times[times.len() / 2], times[times.len() - 1]);
    println!("load_dir, {} runs", times.len());
    println!("  min        {:>10}", ms(min));
    println!("  median     {:>10}", ms(median));
    println!("  max        {:>10}", ms(max));

    // Where the time goes, from outside the loader: reading the files versus parsing, resolving
    // and checking them in memory.
    let start = Instant::now();
    let mut sources = polku::diagnostic::Sources::new();
    for path in polku::workspace::discover(dir.path()).expect("lists") {
        let text = std::fs::read_to_string(&path).expect("reads");
        sources.add(polku::diagnostic::SourceFile::new(path, text));
    }
    let read = start.elapsed();
    let start = Instant::now();
    let loaded = polku::workspace::load_sources(sources);
    let in_memory = start.elapsed();
    drop(std::hint::black_box(loaded));
    println!(
        "  of one load: discover + read {}, parse + resolve + check {}",
        ms(read),
        ms(in_memory)
    );

    // Peak memory of a fresh process that only loads.
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe)
        .arg("--load")
        .arg(dir.path())
        .output()
        .expect("runs itself with --load");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(name)?.trim().parse::<u64>().ok())
    };
    let peak = field("peak_rss_kb").filter(|_| out.status.success());
    let baseline = field("baseline_rss_kb").unwrap_or(0);
    match peak {
        Some(kb) => println!(
            "peak RSS of a fresh process doing one load: {} (process baseline {})",
            mb(kb),
            mb(baseline)
        ),
        None => println!(
            "peak RSS: could not be measured ({})",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    println!(
        "  (this process, generator and {} loads included: {})",
        runs + 2,
        mb(memory("VmHWM").unwrap_or(0))
    );

    let time_ok = median < TIME_TARGET;
    let memory_ok = peak.is_some_and(|kb| kb * 1024 < MEMORY_TARGET_BYTES);
    println!(
        "target: load < {} ms: {}; peak memory < {} MB: {}",
        TIME_TARGET.as_millis(),
        verdict(time_ok),
        MEMORY_TARGET_BYTES / 1_000_000,
        verdict(memory_ok)
    );
    if args.check && !(time_ok && memory_ok) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT MET" }
}

/// `kB` (KiB) of /proc as MB and MiB.
fn mb(kib: u64) -> String {
    format!(
        "{:.1} MB = {:.1} MiB",
        kib as f64 * 1024.0 / 1e6,
        kib as f64 / 1024.0
    )
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// A `kB` field of `/proc/self/status` (`VmHWM` is the peak resident set), on Linux.
fn memory(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(field)?.strip_prefix(':')?;
        rest.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}
