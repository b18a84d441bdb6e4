//! Plain figures for the analysis of the national-scale workspace (22 regions, ≈13,000 services,
//! ≈60,000 handoffs, 200 profiles), and global-graph figures to compare with networkx.
//!
//! Target: the full analysis (`polku::analysis::analyze`), betweenness included, in under 2 s in
//! release on 2 cores.
//!
//! ```text
//! cargo bench --bench analysis                          # generate, time analyze + parts + global graph
//! cargo bench --bench analysis -- --runs 9              # more timed runs of each figure
//! cargo bench --bench analysis -- --dir DIR             # use a workspace already written to DIR
//!                                                       # (e.g. by `cargo bench --bench national -- --generate-only DIR`)
//! cargo bench --bench analysis -- --json FILE           # also write the global-graph results to FILE
//!                                                       # (read by benches/compare/networkx_compare.py)
//! cargo bench --bench analysis -- --global-only         # skip the analysis figures
//! cargo bench --bench analysis -- --analysis-only       # skip the global-graph figures
//! cargo bench --bench analysis -- --check               # exit 1 when analyze's median is over 2 s
//! cargo bench --bench analysis -- --only-analyze        # nothing but analyze() `--runs` times, for
//!                                                       # a profiler (perf record -g BENCH_EXE --dir DIR --only-analyze)
//! cargo bench --bench analysis -- --generate-single SHAPE N DIR
//!                                                       # only write one pathway of N services shaped
//!                                                       # chain, random or scc to DIR (benches/single-pathway.sh)
//! ```
//!
//! **Analysis.** `analyze()` in total (min/median of the runs), then each of its parts called the
//! same way `analyze` calls them: `flow::solve`, `Model::new` (which builds the client graph), `routes::all`,
//! `gaps::find`, `clocks::find`, `bottlenecks::centrality`, `bottlenecks::find` and
//! `ecosystem::find`.
//!
//! **Global graph.** A petgraph `DiGraph` built here, directly from the loaded model: every
//! service is a node; every client-moving handoff (kind `referral` or `return`; a handoff without
//! `kind` is a referral) is an edge. Parallel handoffs between the same two services (a referral
//! and a return, say) become **one** edge, so the graph is the simple directed graph networkx's
//! `DiGraph` builds from the same files. Entry services are those with a non-empty `entry` or that
//! are some profile's `entry`. Timed on it:
//!
//! * reachability: the services reachable from any entry (one multi-source BFS), and the sum over
//!   every entry of the services reachable from it (one BFS per entry);
//! * strongly connected components: petgraph `tarjan_scc`;
//! * betweenness: rustworkx-core `betweenness_centrality(&graph, false, true, 50)` on the whole
//!   graph (normalised by 1/((n-1)(n-2)), as networkx's `normalized=True` for a directed graph),
//!   in parallel (rayon, all cores) and on one thread.
//!
//! Without `--bench` or `--dir` (as `cargo test --benches` runs it) it analyses a small workspace
//! once, so the smoke run stays quick in debug builds.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, VisitMap};
use polku::analysis::{self, bottlenecks, clocks, ecosystem, flow, gaps, routes};
use polku::model::{Idx, Model, ServiceIx};

#[path = "generate/mod.rs"]
mod generate;

/// Full analysis time target, per run.
const ANALYSIS_TARGET: Duration = Duration::from_secs(2);

/// `parallel_threshold` of the global betweenness: at least this many nodes run on rayon.
const PARALLEL_THRESHOLD: usize = 50;

struct Args {
    bench: bool,
    dir: Option<PathBuf>,
    runs: Option<usize>,
    json: Option<PathBuf>,
    analysis: bool,
    global: bool,
    only_analyze: bool,
    check: bool,
    generate_single: Option<(generate::single::Shape, usize, PathBuf)>,
}

fn args() -> Args {
    let mut a = Args {
        bench: false,
        dir: None,
        runs: None,
        json: None,
        analysis: true,
        global: true,
        only_analyze: false,
        check: false,
        generate_single: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => a.bench = true,
            "--dir" => a.dir = Some(it.next().expect("--dir DIR").into()),
            "--json" => a.json = Some(it.next().expect("--json FILE").into()),
            "--runs" => {
                a.runs = Some(
                    it.next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .expect("--runs N, N ≥ 1"),
                )
            }
            "--analysis-only" => a.global = false,
            "--global-only" => a.analysis = false,
            "--only-analyze" => a.only_analyze = true,
            "--check" => a.check = true,
            "--generate-single" => {
                let usage = "--generate-single chain|random|scc N DIR";
                let shape = it
                    .next()
                    .and_then(|s| generate::single::Shape::parse(&s))
                    .expect(usage);
                let n = it.next().and_then(|n| n.parse().ok()).expect(usage);
                let dir = it.next().expect(usage).into();
                a.generate_single = Some((shape, n, dir));
            }
            // Filters and flags cargo or a user may pass to every bench: not ours.
            _ => {}
        }
    }
    a
}

fn main() -> ExitCode {
    let args = args();
    if let Some((shape, n, dir)) = &args.generate_single {
        let start = Instant::now();
        let s =
            generate::single::single(dir, *shape, *n, 0x9011_c0de).expect("writes the workspace");
        println!(
            "wrote {} in {}: one {} pathway, {} services, {} handoffs, {:.1} MB",
            dir.display(),
            ms(start.elapsed()),
            shape.name(),
            s.services,
            s.handoffs,
            s.bytes as f64 / 1e6
        );
        return ExitCode::SUCCESS;
    }
    let full = args.bench || args.dir.is_some();
    let temp = tempfile::tempdir().expect("a temporary folder");
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => {
            let spec = if full {
                generate::Spec::national()
            } else {
                generate::Spec::smoke()
            };
            let start = Instant::now();
            let summary = generate::generate(temp.path(), &spec).expect("writes the workspace");
            println!(
                "generated {} files, {} services, {} handoffs, {} profiles in {}",
                summary.files,
                summary.services,
                summary.handoffs,
                summary.profiles,
                ms(start.elapsed())
            );
            temp.path().to_owned()
        }
    };
    let start = Instant::now();
    let loaded = generate::load_clean(&dir);
    let model = &loaded.model;
    println!(
        "workspace {}: {} services, {} handoffs, {} profiles, {} pathways (loaded in {})",
        dir.display(),
        model.services().len(),
        model.handoffs().len(),
        model.profiles().len(),
        model.pathways().len(),
        ms(start.elapsed())
    );
    println!(
        "threads: {} (rayon), {} available",
        rayon_threads(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let runs = if full { args.runs.unwrap_or(5) } else { 1 };

    if args.only_analyze {
        // Nothing but analyze(), for a profiler: `perf record -g BENCH_EXE --dir DIR --only-analyze`.
        let (total, _) = time(runs, || analysis::analyze(model));
        row("analyze (total)", &total);
        return ExitCode::SUCCESS;
    }
    let mut ok = true;
    let mut analysis_json = serde_json::Map::new();
    if args.analysis {
        ok &= analysis_figures(model, runs, &mut analysis_json);
    }
    if args.global {
        let mut out = global_figures(model, runs);
        if let Some(path) = &args.json {
            out["workspace"] = dir.display().to_string().into();
            out["analysis_times_ms"] = analysis_json.into();
            let text = serde_json::to_string_pretty(&out).expect("serialises");
            std::fs::write(path, text).expect("writes the JSON file");
            println!("wrote {}", path.display());
        }
    }
    if args.check && !ok {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

// ---------------------------------------------------------------------------------------------
// Timing.

/// Min, median and max of some runs.
#[derive(Clone, Copy)]
struct Stats {
    min: Duration,
    median: Duration,
    max: Duration,
    runs: usize,
}

impl Stats {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "min": self.min.as_secs_f64() * 1e3,
            "median": self.median.as_secs_f64() * 1e3,
            "max": self.max.as_secs_f64() * 1e3,
            "runs": self.runs,
        })
    }
}

/// Runs `f` `runs` times; the result of each run is dropped outside the timed part. Returns the
/// times and the last result.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Stats, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let start = Instant::now();
        let out = std::hint::black_box(f());
        times.push(start.elapsed());
        last = Some(out);
    }
    times.sort();
    let stats = Stats {
        min: times[0],
        median: times[times.len() / 2],
        max: times[times.len() - 1],
        runs,
    };
    (stats, last.expect("at least one run"))
}

fn row(name: &str, s: &Stats) {
    println!(
        "  {name:<44} min {:>10}  median {:>10}  max {:>10}",
        ms(s.min),
        ms(s.median),
        ms(s.max)
    );
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

// ---------------------------------------------------------------------------------------------
// Analysis.

fn analysis_figures(
    model: &Model,
    runs: usize,
    json: &mut serde_json::Map<String, serde_json::Value>,
) -> bool {
    let (total, result) = time(runs, || analysis::analyze(model));
    println!(
        "analyze(): {} findings ({} active), {} profiles routed, {} pathways' centrality; {} runs",
        result.findings.len(),
        result.active().count(),
        result.routes.len(),
        result.centrality.len(),
        runs
    );
    row("analyze (total)", &total);
    json.insert("analyze".into(), total.json());
    drop(result);

    // The parts, called as analyze calls them.
    let flow = flow::solve(model);
    let routes = routes::all(model, &flow);
    let centrality = bottlenecks::centrality(model, &flow, Default::default());
    let parts: Vec<(&str, Stats)> = vec![
        ("flow::solve", time(runs, || flow::solve(model)).0),
        (
            "clone + Model::new (ids, client graph, loops)",
            time(runs, || Model::new(model.clone().into_parts())).0,
        ),
        ("routes::all", time(runs, || routes::all(model, &flow)).0),
        (
            "gaps::find",
            time(runs, || gaps::find(model, &routes, &flow)).0,
        ),
        (
            "clocks::find",
            time(runs, || clocks::find(model, &routes, &flow)).0,
        ),
        (
            "bottlenecks::centrality",
            time(runs, || {
                bottlenecks::centrality(model, &flow, Default::default())
            })
            .0,
        ),
        (
            "bottlenecks::find",
            time(runs, || bottlenecks::find(model, &flow, &centrality)).0,
        ),
        (
            "ecosystem::find",
            time(runs, || ecosystem::find(model, &routes)).0,
        ),
    ];
    println!("parts of analyze");
    let mut sum = Duration::ZERO;
    for (name, stats) in &parts {
        row(name, stats);
        json.insert((*name).into(), stats.json());
        sum += stats.median;
    }
    println!(
        "  sum of the parts' medians: {} (analyze median {}; the rest is ranking, allows, drops)",
        ms(sum),
        ms(total.median)
    );

    let met = total.median < ANALYSIS_TARGET;
    println!(
        "target: analyze < {} ms (median): {}",
        ANALYSIS_TARGET.as_millis(),
        if met { "met" } else { "NOT MET" }
    );
    met
}

/// The whole directed graph of client-moving handoffs, parallel handoffs merged.
struct Global {
    graph: DiGraph<ServiceIx, ()>,
    entries: Vec<NodeIndex>,
    client_moving_handoffs: usize,
}

fn global_graph(model: &Model) -> Global {
    let n = model.services().len();
    let mut graph = DiGraph::with_capacity(n, model.handoffs().len());
    for s in model.service_indices() {
        graph.add_node(s);
    }
    let mut pairs: Vec<(u32, u32)> = model
        .handoffs()
        .iter()
        .filter(|h| h.kind.moves_client())
        .map(|h| (h.from.0, h.to.0))
        .collect();
    let client_moving_handoffs = pairs.len();
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
    }
    let mut is_entry = vec![false; n];
    for (i, s) in model.services().iter().enumerate() {
        is_entry[i] = !s.entry.is_empty();
    }
    for p in model.profiles() {
        is_entry[p.entry.index()] = true;
    }
    let entries = (0..n)
        .filter(|&i| is_entry[i])
        .map(NodeIndex::new)
        .collect();
    Global {
        graph,
        entries,
        client_moving_handoffs,
    }
}

/// Services reachable from any of `starts` (the starts included): one multi-source BFS.
fn reachable_from_any(g: &DiGraph<ServiceIx, ()>, starts: &[NodeIndex]) -> usize {
    let Some(&first) = starts.first() else {
        return 0;
    };
    let mut bfs = Bfs::new(g, first);
    for &s in &starts[1..] {
        if bfs.discovered.visit(s) {
            bfs.stack.push_back(s);
        }
    }
    let mut count = 0;
    while bfs.next(g).is_some() {
        count += 1;
    }
    count
}

/// Sum over `starts` of the services reachable from each (itself included): one BFS per start.
fn reachable_per_start(g: &DiGraph<ServiceIx, ()>, starts: &[NodeIndex]) -> usize {
    let mut total = 0;
    for &s in starts {
        let mut bfs = Bfs::new(g, s);
        while bfs.next(g).is_some() {
            total += 1;
        }
    }
    total
}

/// Normalised betweenness of the whole graph computed one weakly connected component at a time
/// (no shortest path leaves a component), rescaled by the whole graph's 1/((n-1)(n-2)). The same
/// values, but each source's BFS state is sized to its component instead of the whole graph.
fn betweenness_by_component(g: &DiGraph<ServiceIx, ()>) -> Vec<f64> {
    let n = g.node_count();
    let mut sets = petgraph::unionfind::UnionFind::<usize>::new(n);
    for e in g.raw_edges() {
        sets.union(e.source().index(), e.target().index());
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for v in 0..n {
        members[sets.find(v)].push(v);
    }
    let mut values = vec![0.0; n];
    let mut local = vec![0usize; n];
    for part in members.iter().filter(|m| m.len() > 2) {
        let mut sub: DiGraph<(), ()> = DiGraph::with_capacity(part.len(), 0);
        for (i, &v) in part.iter().enumerate() {
            local[v] = i;
            sub.add_node(());
        }
        for &v in part {
            for w in g.neighbors(NodeIndex::new(v)) {
                sub.add_edge(
                    NodeIndex::new(local[v]),
                    NodeIndex::new(local[w.index()]),
                    (),
                );
            }
        }
        let b = rustworkx_core::centrality::betweenness_centrality(
            &sub,
            false,
            false,
            PARALLEL_THRESHOLD,
        );
        for (i, &v) in part.iter().enumerate() {
            values[v] = b[i].unwrap_or(0.0);
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        for x in &mut values {
            *x *= scale;
        }
    }
    values
}

fn global_figures(model: &Model, runs: usize) -> serde_json::Value {
    let (build, global) = time(runs, || global_graph(model));
    let g = &global.graph;
    println!(
        "global client-moving graph: {} nodes, {} edges ({} client-moving handoffs, parallel ones merged), {} entry services; {} runs",
        g.node_count(),
        g.edge_count(),
        global.client_moving_handoffs,
        global.entries.len(),
        runs
    );
    row("build DiGraph from the model", &build);

    let (reach_any, reached) = time(runs, || reachable_from_any(g, &global.entries));
    let (reach_each, reached_sum) = time(runs, || reachable_per_start(g, &global.entries));
    // polku's own reachability over its ClientGraph, for reference; it must agree.
    let client_graph = model.client_graph();
    let starts = client_graph.entries();
    let (reach_polku, seen) = time(runs, || client_graph.reachable(starts));
    let reached_polku = seen.iter().filter(|s| **s).count();
    assert_eq!(
        reached, reached_polku,
        "petgraph BFS and ClientGraph::reachable disagree"
    );
    assert_eq!(client_graph.entries().len(), global.entries.len());
    row("reachability from any entry (petgraph Bfs)", &reach_any);
    row("  the same by ClientGraph::reachable", &reach_polku);
    row("reachability from each entry (one Bfs each)", &reach_each);
    println!(
        "  reachable from any entry: {reached} of {}; summed over the {} entries: {reached_sum}",
        g.node_count(),
        global.entries.len()
    );

    let (scc, components) = time(runs, || petgraph::algo::tarjan_scc(g));
    let mut sizes: Vec<usize> = components.iter().map(Vec::len).filter(|&l| l > 1).collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    row("strongly connected components (tarjan_scc)", &scc);
    println!(
        "  {} components, {} with more than one service (largest {}, {} services in them)",
        components.len(),
        sizes.len(),
        sizes.first().copied().unwrap_or(0),
        sizes.iter().sum::<usize>()
    );

    let (between_parallel, betweenness) = time(runs, || {
        rustworkx_core::centrality::betweenness_centrality(g, false, true, PARALLEL_THRESHOLD)
    });
    let (between_one, betweenness_one) = time(runs, || {
        rustworkx_core::centrality::betweenness_centrality(g, false, true, usize::MAX)
    });
    let values: Vec<f64> = betweenness.iter().map(|b| b.unwrap_or(0.0)).collect();
    let max_diff = values
        .iter()
        .zip(&betweenness_one)
        .map(|(a, b)| (a - b.unwrap_or(0.0)).abs())
        .fold(0.0, f64::max);
    assert!(
        max_diff < 1e-12,
        "parallel and sequential betweenness differ by {max_diff}"
    );
    row(
        &format!("betweenness (rustworkx-core, {} threads)", rayon_threads()),
        &between_parallel,
    );
    row("betweenness (rustworkx-core, 1 thread)", &between_one);
    let (between_parts, by_parts) = time(runs, || betweenness_by_component(g));
    let parts_diff = values
        .iter()
        .zip(&by_parts)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f64::max);
    assert!(
        parts_diff < 1e-12,
        "per-component betweenness differs by {parts_diff}"
    );
    row(
        "betweenness per weak component (same values)",
        &between_parts,
    );
    let mut order: Vec<usize> = (0..values.len()).collect();
    let id = |i: usize| model.service(ServiceIx::new(i)).id.as_str();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(id(a).cmp(id(b))));
    println!("  top 5 betweenness (normalised):");
    for &i in order.iter().take(5) {
        println!("    {:<52} {:.6e}", id(i), values[i]);
    }

    serde_json::json!({
        "nodes": g.node_count(),
        "edges": g.edge_count(),
        "client_moving_handoffs": global.client_moving_handoffs,
        "entries": global.entries.len(),
        "threads": rayon_threads(),
        "reach": {
            "from_any_entry": reached,
            "per_entry_total": reached_sum,
        },
        "scc": {
            "count": components.len(),
            "nontrivial": sizes.len(),
            "largest": sizes.first().copied().unwrap_or(0),
            "nontrivial_sizes": sizes,
        },
        "betweenness": {
            "top": order.iter().take(10).map(|&i| serde_json::json!([id(i), values[i]])).collect::<Vec<_>>(),
            "nonzero": order.iter().filter(|&&i| values[i] != 0.0).map(|&i| (id(i).to_owned(), serde_json::Value::from(values[i]))).collect::<serde_json::Map<_, _>>(),
        },
        "times_ms": {
            "build": build.json(),
            "reach_any": reach_any.json(),
            "reach_any_client_graph": reach_polku.json(),
            "reach_per_entry": reach_each.json(),
            "scc": scc.json(),
            "betweenness": between_parallel.json(),
            "betweenness_1_thread": between_one.json(),
            "betweenness_by_component": between_parts.json(),
        },
    })
}
