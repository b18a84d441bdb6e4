//! Plain figures for polku's own swimlane layout: the largest shipped pathway should lay out in
//! under 5 ms, the aggregated national-scale ecosystem view in under 200 ms.
//!
//! ```text
//! cargo bench --bench layout                 # shipped pathways, then the national ecosystem
//! cargo bench --bench layout -- --runs 500   # more timed runs of each shipped view
//! cargo bench --bench layout -- --check      # exit 1 when over a target
//! cargo bench --bench layout -- --svg DIR    # also write every shipped view as SVG into DIR
//! ```
//!
//! Without `--bench` (as `cargo test --benches` runs it) it lays out the shipped views a few
//! times and skips the national workspace, so the smoke run stays quick in debug builds.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use polku::model::Lang;
use polku::render::diagram::layout::{LayoutInput, arrange, layout};
use polku::render::diagram::svg::svg;
use polku::render::diagram::view::{self, LaneBy, View, ViewKind, ViewOptions};

#[path = "generate/mod.rs"]
mod generate;

/// Layout of the largest shipped pathway.
const PATHWAY_TARGET: Duration = Duration::from_millis(5);
/// Layout of the aggregated national-scale ecosystem view.
const NATIONAL_TARGET: Duration = Duration::from_millis(200);

struct Args {
    bench: bool,
    runs: Option<usize>,
    check: bool,
    svg: Option<PathBuf>,
}

fn args() -> Args {
    let mut a = Args {
        bench: false,
        runs: None,
        check: false,
        svg: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => a.bench = true,
            "--check" => a.check = true,
            "--runs" => {
                a.runs = Some(
                    it.next()
                        .and_then(|n| n.parse().ok())
                        .filter(|&n| n > 0)
                        .expect("--runs N, N ≥ 1"),
                )
            }
            "--svg" => a.svg = Some(it.next().expect("--svg DIR").into()),
            // Filters and flags cargo or a user may pass to every bench: not ours.
            _ => {}
        }
    }
    a
}

/// Median, min and max of `runs` timed calls.
fn time(runs: usize, mut f: impl FnMut()) -> (Duration, Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[times.len() / 2], times[0], times[times.len() - 1])
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "NOT MET" }
}

/// Every view of the shipped workspace worth drawing, with a file name for each.
fn shipped_views(
    model: &polku::model::Model,
    analysis: &polku::analysis::Analysis,
) -> Vec<(String, View)> {
    let mut out = Vec::new();
    for pathway in model.pathways().indices() {
        let id = &model.pathway(pathway).id;
        for (lanes, by) in [(LaneBy::Actor, "actor"), (LaneBy::Sector, "sector")] {
            for (lang, code) in [(Lang::Fi, "fi"), (Lang::Sv, "sv"), (Lang::En, "en")] {
                let options = ViewOptions {
                    pathway: Some(pathway),
                    lanes,
                    lang,
                    ..Default::default()
                };
                if let Ok(v) = view::build(model, analysis, &options) {
                    out.push((format!("{id}-lanes-{by}-{code}"), v));
                }
            }
        }
        for (k, profile) in model.profiles().iter_enumerated() {
            if !model.pathway(pathway).services.contains(&profile.entry) {
                continue;
            }
            let options = ViewOptions {
                kind: ViewKind::Route,
                pathway: Some(pathway),
                profile: Some(k),
                ..Default::default()
            };
            if let Ok(v) = view::build(model, analysis, &options) {
                out.push((format!("{id}-route-{}", profile.id), v));
            }
        }
    }
    let options = ViewOptions {
        kind: ViewKind::Ecosystem,
        ..Default::default()
    };
    if let Ok(v) = view::build(model, analysis, &options) {
        out.push(("ecosystem".to_string(), v));
    }
    out
}

fn main() -> ExitCode {
    let args = args();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let loaded = polku::workspace::load_dir(&dir).expect("the shipped workspace loads");
    let model = &loaded.model;
    let analysis = polku::analysis::analyze(model);
    let views = shipped_views(model, &analysis);

    if let Some(out) = &args.svg {
        std::fs::create_dir_all(out).expect("creates the SVG folder");
        for (name, v) in &views {
            let path = out.join(format!("{name}.svg"));
            std::fs::write(&path, svg(v, &layout(v))).expect("writes the SVG");
        }
        println!("wrote {} SVGs to {}", views.len(), out.display());
    }

    let runs = args.runs.unwrap_or(if args.bench { 200 } else { 3 });
    println!("native swimlane layout, shipped views ({runs} runs each, median [min–max])");
    let mut largest: Option<(usize, Duration)> = None;
    for (name, v) in views
        .iter()
        .filter(|(name, _)| !name.ends_with("-sv") && !name.ends_with("-en"))
    {
        let (median, min, max) = time(runs, || {
            std::hint::black_box(layout(std::hint::black_box(v)));
        });
        let l = layout(v);
        let (svg_median, _, _) = time(runs.min(50), || {
            std::hint::black_box(svg(v, &l));
        });
        println!(
            "  {name:<60} {:>3} nodes {:>3} edges {:>3} lanes  layout {} [{}–{}]  svg {}",
            v.nodes.len(),
            v.edges.len(),
            v.lanes.len(),
            ms(median),
            ms(min),
            ms(max),
            ms(svg_median)
        );
        if name.contains("-lanes-") && largest.is_none_or(|(n, _)| v.nodes.len() > n) {
            largest = Some((v.nodes.len(), median));
        }
    }
    let pathway_ok = largest.is_some_and(|(_, t)| t < PATHWAY_TARGET);
    if let Some((nodes, t)) = largest {
        println!(
            "largest shipped pathway ({nodes} services): layout {}; target < {} ms: {}",
            ms(t),
            PATHWAY_TARGET.as_millis(),
            verdict(pathway_ok)
        );
    }
    // Graphviz: DOT generation and `dot`'s own time for the largest shipped pathway.
    if let Some((name, v)) = views
        .iter()
        .filter(|(name, _)| name.contains("-lanes-actor"))
        .max_by_key(|(_, v)| v.nodes.len())
    {
        let (dot_median, _, _) = time(runs, || {
            std::hint::black_box(polku::render::diagram::dot::dot(std::hint::black_box(v)));
        });
        let source = polku::render::diagram::dot::dot(v);
        let limits = polku::render::diagram::graphviz::Limits::default();
        if polku::render::diagram::graphviz::available() {
            let (dot_time, _, _) = time(runs.min(10), || {
                let out = polku::render::diagram::graphviz::run(
                    &source,
                    polku::render::diagram::graphviz::Format::Svg,
                    limits,
                );
                std::hint::black_box(out.expect("dot lays out the shipped pathway"));
            });
            println!(
                "graphviz, {name}: DOT generation {}, `dot -Tsvg` {}",
                ms(dot_median),
                ms(dot_time)
            );
        } else {
            println!(
                "graphviz, {name}: DOT generation {} (`dot` not installed)",
                ms(dot_median)
            );
        }
    }
    if !args.bench {
        println!("(run with `cargo bench --bench layout` for the national-scale figures)");
        return ExitCode::SUCCESS;
    }

    // The aggregated national-scale ecosystem.
    let tmp = tempfile::tempdir().expect("a temporary folder");
    generate::generate(tmp.path(), &generate::Spec::national()).expect("writes the workspace");
    let national = generate::load_clean(tmp.path());
    let analysis = polku::analysis::analyze(&national.model);
    let options = ViewOptions {
        kind: ViewKind::Ecosystem,
        ..Default::default()
    };
    let v = view::build(&national.model, &analysis, &options).expect("builds the ecosystem view");
    let (median, min, max) = time(5, || {
        std::hint::black_box(layout(std::hint::black_box(&v)));
    });
    // The engine alone, on an input prepared once: what `layout` costs beyond the adapter.
    let input = LayoutInput::from(&v);
    let (engine_median, _, _) = time(5, || {
        std::hint::black_box(arrange(std::hint::black_box(&input)));
    });
    let l = layout(&v);
    let (svg_median, _, _) = time(5, || {
        std::hint::black_box(svg(&v, &l));
    });
    println!(
        "national-scale ecosystem ({} services aggregated into {} actor nodes, {} edges, {} lanes, {} columns): layout {} [{}–{}] (engine alone {}), svg {} ({:.1} MB, {:.0}×{:.0} px)",
        national.model.services().len(),
        v.nodes.len(),
        v.edges.len(),
        v.lanes.len(),
        l.nodes.iter().map(|n| n.column + 1).max().unwrap_or(0),
        ms(median),
        ms(min),
        ms(max),
        ms(engine_median),
        ms(svg_median),
        svg(&v, &l).len() as f64 / 1e6,
        l.width,
        l.height
    );
    let (dot_median, dot_min, _) = time(5, || {
        let v =
            view::build(&national.model, &analysis, &options).expect("builds the ecosystem view");
        std::hint::black_box(polku::render::diagram::dot::dot(&v));
    });
    println!(
        "national-scale ecosystem: view + DOT generation {} [{}] ({} KB of DOT); target < 200 ms: {}",
        ms(dot_median),
        ms(dot_min),
        polku::render::diagram::dot::dot(&v).len() / 1024,
        verdict(dot_median < NATIONAL_TARGET)
    );
    let national_ok = median < NATIONAL_TARGET && dot_median < NATIONAL_TARGET;
    println!(
        "target: national ecosystem layout < {} ms: {}",
        NATIONAL_TARGET.as_millis(),
        verdict(national_ok)
    );
    if let Some(out) = &args.svg {
        std::fs::write(out.join("national-ecosystem.svg"), svg(&v, &l)).expect("writes the SVG");
    }
    if args.check && !(pathway_ok && national_ok) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
