//! Criterion benchmark of loading and validating a national-scale workspace.
//!
//! `cargo bench --bench load` generates the workspace of [`generate::Spec::national`] (22
//! regions, 486 files, ≈13,000 services, ≈60,000 handoffs, 200 profiles) once into a temporary
//! folder, checks that it loads with no error and no warning, and then measures
//! `polku::workspace::load_dir` on it. The target is under 1 s per load in release.
//!
//! Without `--bench` (as `cargo test --benches` runs it) a small workspace of the same shape is
//! used, so the smoke run stays quick in debug builds.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

#[path = "generate/mod.rs"]
mod generate;

fn load(c: &mut Criterion) {
    let full = std::env::args().any(|a| a == "--bench");
    let spec = if full {
        generate::Spec::national()
    } else {
        generate::Spec::smoke()
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let summary = generate::generate(dir.path(), &spec).expect("the workspace is written");
    let loaded = generate::load_clean(dir.path());
    assert_eq!(loaded.model.services().len(), summary.services);
    assert_eq!(loaded.model.handoffs().len(), summary.handoffs);
    assert_eq!(loaded.model.profiles().len(), summary.profiles);
    drop(loaded);
    eprintln!(
        "workspace: {} files, {:.1} MB, {} services, {} handoffs ({} across files), {} profiles",
        summary.files,
        summary.bytes as f64 / 1e6,
        summary.services,
        summary.handoffs,
        summary.cross_file_handoffs,
        summary.profiles
    );

    let mut group = c.benchmark_group("load");
    // One load takes a good part of a second: a few flat samples are enough.
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.warm_up_time(Duration::from_secs(2));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(summary.bytes));
    let name = if full { "national" } else { "smoke" };
    group.bench_function(name, |b| {
        b.iter(|| polku::workspace::load_dir(black_box(dir.path())).expect("loads"))
    });
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
