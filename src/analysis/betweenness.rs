//! Betweenness of services and handoffs within a pathway, by Brandes' algorithm: exact, or
//! estimated from a sample of sources when the pathway is too large for the exact count.
//!
//! Exact betweenness runs one breadth-first search per service over the whole pathway, so its
//! cost grows with services × (services + connections): a pathway of 10,000 services took 14 s
//! and one of 100,000 did not finish in 10 minutes. A key design decision made here is to cap
//! that work at [`EXACT_WORK_LIMIT`] (about a second) and, above it, to estimate instead as Brandes
//! and Pich do: the searches start from `k` services drawn at random with a fixed seed, and the
//! sums are scaled by n/k. Each estimate is an unbiased mean of k bounded terms, so Hoeffding's
//! inequality bounds its error, and the bound is part of the result ([`Sample::error_bound`]) and
//! of any finding that relies on it. [`crate::analysis::AnalysisOptions::exact_betweenness`]
//! asks for the exact count at any size.
//!
//! Both node and edge betweenness come from the same searches (rustworkx-core runs two), with
//! one set of buffers reused across sources, and the sources are split over the available cores.

use serde::Serialize;

/// Most work, in sources × (services + connections), spent on the exact betweenness of one
/// pathway; above it the betweenness is sampled. Measured with `benches/single-pathway.sh` and
/// `benches/analysis.rs` on this project's 2-core machine: a unit costs 5 ns on a chain and up to
/// 15 ns on 10,000 randomly connected services (memory, not arithmetic), so the limit is about a
/// second of CPU, half that on two cores. A pathway of 4,000 services with 20,000 connections is
/// still exact (9.6·10⁷); every pathway of the national benchmark workspace is.
pub const EXACT_WORK_LIMIT: u64 = 100_000_000;

/// Fewest sources of a sampled estimate, however large the pathway.
pub const MIN_SOURCES: usize = 200;

/// Confidence of [`Sample::error_bound`]: the bound holds for every service at once with
/// probability at least 1 − `FAILURE_PROBABILITY`.
pub const FAILURE_PROBABILITY: f64 = 0.05;

/// Seed of the sample of sources, fixed so that the same pathway always gives the same figures.
const SEED: u64 = 0x9011_b7a1_5eed_0001;

/// Below this much work the searches run on one thread: small pathways (all of a national
/// workspace's) give bit-identical figures on any machine and pay no thread start.
const PARALLEL_WORK: u64 = 20_000_000;

/// How a sampled betweenness was estimated.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Sample {
    /// Services the searches started from.
    pub sources: usize,
    /// Services of the pathway.
    pub services: usize,
    /// With probability at least 1 − [`FAILURE_PROBABILITY`], every service's normalised
    /// betweenness is within this of its exact value (Hoeffding's inequality over the `sources`
    /// bounded terms, with a union bound over the services).
    pub error_bound: f64,
}

/// Normalised betweenness of a directed graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Betweenness {
    /// Per node: the share of shortest paths between other nodes through it, normalised by
    /// 1/((n − 1)(n − 2)) as rustworkx-core and networkx do for directed graphs.
    pub nodes: Vec<f64>,
    /// Per edge, in the order given: normalised by 1/(n(n − 1)).
    pub edges: Vec<f64>,
    /// `None` when exact; how it was estimated otherwise.
    pub sampled: Option<Sample>,
}

/// Betweenness of the directed graph of `n` nodes and `edges` (from, to), without parallel
/// edges (a self-loop lies on no shortest path and counts 0); exact when `exact` or when the
/// work is within [`EXACT_WORK_LIMIT`].
pub fn betweenness(n: usize, edges: &[(u32, u32)], exact: bool) -> Betweenness {
    with_limit(n, edges, exact, EXACT_WORK_LIMIT)
}

/// [`betweenness`] with another work limit, so that tests can sample small graphs.
fn with_limit(n: usize, edges: &[(u32, u32)], exact: bool, limit: u64) -> Betweenness {
    let graph = Csr::new(n, edges);
    let per_source = (n + edges.len()) as u64;
    let sources: Vec<u32> = if exact || (n as u64).saturating_mul(per_source) <= limit {
        (0..n as u32).collect()
    } else {
        let k = usize::try_from(limit / per_source.max(1))
            .unwrap_or(usize::MAX)
            .max(MIN_SOURCES)
            .min(n);
        sample(n, k)
    };
    let (mut nodes, mut edge_values) = accumulate(&graph, &sources);
    let sampled = (sources.len() < n).then(|| {
        let scale = n as f64 / sources.len() as f64;
        for x in nodes.iter_mut().chain(edge_values.iter_mut()) {
            *x *= scale;
        }
        Sample {
            sources: sources.len(),
            services: n,
            error_bound: error_bound(n, sources.len()),
        }
    });
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        nodes.iter_mut().for_each(|x| *x *= scale);
    }
    if n >= 2 {
        let scale = 1.0 / (n * (n - 1)) as f64;
        edge_values.iter_mut().for_each(|x| *x *= scale);
    }
    Betweenness {
        nodes,
        edges: edge_values,
        sampled,
    }
}

/// Hoeffding's bound for the mean of `k` terms in [0, n/(n − 1)] — one source's dependency of a
/// node, scaled by n and normalised — holding for all `n` nodes with probability
/// 1 − [`FAILURE_PROBABILITY`]: (n/(n − 1))·√(ln(2n/p)/(2k)).
pub fn error_bound(n: usize, k: usize) -> f64 {
    let (n, k) = (n as f64, k as f64);
    n / (n - 1.0) * ((2.0 * n / FAILURE_PROBABILITY).ln() / (2.0 * k)).sqrt()
}

/// `k` distinct nodes of `0..n` drawn with the fixed seed (a partial Fisher–Yates shuffle).
fn sample(n: usize, k: usize) -> Vec<u32> {
    let mut all: Vec<u32> = (0..n as u32).collect();
    let mut state = SEED;
    for i in 0..k {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let j = i + (z % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(k);
    all.sort_unstable();
    all
}

/// Out- and in-adjacency in compressed rows. The searches read only neighbours, and edge
/// dependencies are summed per in-row position (next to the row being read) and put back in the
/// given edge order at the end: on 100,000 services the searches wait on memory, not arithmetic.
struct Csr {
    out_start: Vec<usize>,
    /// Target of each out-edge.
    out: Vec<u32>,
    in_start: Vec<usize>,
    /// Source of each in-edge.
    into: Vec<u32>,
    /// Given index of each in-edge.
    into_edge: Vec<u32>,
}

impl Csr {
    fn new(n: usize, edges: &[(u32, u32)]) -> Self {
        let rows = |key: fn(&(u32, u32)) -> (u32, u32)| {
            let mut start = vec![0usize; n + 1];
            for e in edges {
                start[key(e).0 as usize + 1] += 1;
            }
            for i in 0..n {
                start[i + 1] += start[i];
            }
            let mut next = start.clone();
            let mut row = vec![0u32; edges.len()];
            let mut ix = vec![0u32; edges.len()];
            for (e, edge) in edges.iter().enumerate() {
                let (from, to) = key(edge);
                row[next[from as usize]] = to;
                ix[next[from as usize]] = e as u32;
                next[from as usize] += 1;
            }
            (start, row, ix)
        };
        let (out_start, out, _) = rows(|&(a, b)| (a, b));
        let (in_start, into, into_edge) = rows(|&(a, b)| (b, a));
        Csr {
            out_start,
            out,
            in_start,
            into,
            into_edge,
        }
    }

    fn nodes(&self) -> usize {
        self.out_start.len() - 1
    }
}

/// Unnormalised node and edge dependencies summed over `sources`, on as many threads as the work
/// and the machine allow; each thread sums its own share, added in thread order.
fn accumulate(graph: &Csr, sources: &[u32]) -> (Vec<f64>, Vec<f64>) {
    let work = sources.len() as u64 * (graph.nodes() + graph.out.len()) as u64;
    let threads = if work < PARALLEL_WORK {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    };
    if threads == 1 {
        let (nodes, positions) = Searches::new(graph).run(sources);
        return (nodes, by_edge(graph, positions));
    }
    let chunk = sources.len().div_ceil(threads);
    let parts: Vec<(Vec<f64>, Vec<f64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = sources
            .chunks(chunk)
            .map(|part| scope.spawn(move || Searches::new(graph).run(part)))
            .collect();
        handles
            .into_iter()
            // A search cannot panic short of a bug; carry one on rather than hide it.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut parts = parts.into_iter();
    let (mut nodes, mut edges) = parts.next().unwrap_or_default();
    for (n, e) in parts {
        nodes.iter_mut().zip(n).for_each(|(a, b)| *a += b);
        edges.iter_mut().zip(e).for_each(|(a, b)| *a += b);
    }
    (nodes, by_edge(graph, edges))
}

/// Edge sums from in-row positions back to the given edge order.
fn by_edge(graph: &Csr, by_position: Vec<f64>) -> Vec<f64> {
    let mut edges = vec![0.0; by_position.len()];
    for (&e, x) in graph.into_edge.iter().zip(by_position) {
        edges[e as usize] = x;
    }
    edges
}

/// One node's state during a search, kept together: a search touches all three of a neighbour
/// at once, and one cache line instead of three is what the large pathways wait on.
#[derive(Clone, Copy)]
struct State {
    /// Distance from the source; `u32::MAX` when not reached.
    dist: u32,
    /// Shortest paths from the source.
    sigma: f64,
    /// Dependency of the source on this node.
    delta: f64,
}

const UNREACHED: State = State {
    dist: u32::MAX,
    sigma: 0.0,
    delta: 0.0,
};

/// The buffers of Brandes' searches, reused from one source to the next: each source costs the
/// nodes and edges it reaches, never a fresh allocation of the whole graph.
struct Searches<'g> {
    graph: &'g Csr,
    state: Vec<State>,
    /// Reached nodes in order of distance.
    order: Vec<u32>,
    nodes: Vec<f64>,
    /// Edge dependencies by in-row position.
    edges: Vec<f64>,
}

impl<'g> Searches<'g> {
    fn new(graph: &'g Csr) -> Self {
        let n = graph.nodes();
        Searches {
            graph,
            state: vec![UNREACHED; n],
            order: Vec::with_capacity(n),
            nodes: vec![0.0; n],
            edges: vec![0.0; graph.out.len()],
        }
    }

    fn run(mut self, sources: &[u32]) -> (Vec<f64>, Vec<f64>) {
        for &s in sources {
            self.source(s as usize);
        }
        (self.nodes, self.edges)
    }

    /// Adds the dependencies of every node and edge on `s`.
    fn source(&mut self, s: usize) {
        let g = self.graph;
        let state = &mut self.state;
        self.order.clear();
        state[s] = State {
            dist: 0,
            sigma: 1.0,
            delta: 0.0,
        };
        self.order.push(s as u32);
        let mut head = 0;
        while head < self.order.len() {
            let v = self.order[head] as usize;
            head += 1;
            let State { dist, sigma, .. } = state[v];
            let next = dist + 1;
            for &w in &g.out[g.out_start[v]..g.out_start[v + 1]] {
                let reached = &mut state[w as usize];
                if reached.dist == u32::MAX {
                    reached.dist = next;
                    self.order.push(w);
                }
                if reached.dist == next {
                    reached.sigma += sigma;
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let State { dist, sigma, delta } = state[w];
            let coeff = (1.0 + delta) / sigma;
            let before = dist.wrapping_sub(1);
            let row = g.in_start[w]..g.in_start[w + 1];
            for (&v, acc) in g.into[row.clone()].iter().zip(&mut self.edges[row]) {
                let v = &mut state[v as usize];
                if v.dist == before {
                    let c = v.sigma * coeff;
                    *acc += c;
                    v.delta += c;
                }
            }
            if w != s {
                self.nodes[w] += delta;
            }
        }
        for &v in &self.order {
            state[v as usize] = UNREACHED;
        }
    }
}

#[cfg(test)]
mod tests {
    use petgraph::graph::{DiGraph, NodeIndex};
    use proptest::prelude::*;

    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> DiGraph<(), ()> {
        let mut g = DiGraph::new();
        for _ in 0..n {
            g.add_node(());
        }
        for &(a, b) in edges {
            g.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
        }
        g
    }

    /// Simple directed graphs: no self-loops, no parallel edges.
    fn simple() -> impl Strategy<Value = (usize, Vec<(u32, u32)>)> {
        (2usize..40).prop_flat_map(|n| {
            (
                Just(n),
                prop::collection::btree_set((0..n as u32, 0..n as u32), 0..120)
                    .prop_map(|set| set.into_iter().filter(|(a, b)| a != b).collect::<Vec<_>>()),
            )
        })
    }

    proptest! {
        #[test]
        fn exact_matches_rustworkx((n, edges) in simple()) {
            let g = graph(n, &edges);
            let nodes = rustworkx_core::centrality::betweenness_centrality(&g, false, true, usize::MAX);
            let by_edge = rustworkx_core::centrality::edge_betweenness_centrality(&g, true, usize::MAX);
            let ours = betweenness(n, &edges, false);
            prop_assert_eq!(ours.sampled, None);
            for (v, (got, expected)) in ours.nodes.iter().zip(&nodes).enumerate() {
                let expected = expected.unwrap_or(0.0);
                prop_assert!((got - expected).abs() <= 1e-12, "node {}: {} vs {}", v, got, expected);
            }
            prop_assert_eq!(ours.edges.len(), edges.len());
            for (e, (got, expected)) in ours.edges.iter().zip(&by_edge).enumerate() {
                let expected = expected.unwrap_or(0.0);
                prop_assert!((got - expected).abs() <= 1e-12, "edge {}: {} vs {}", e, got, expected);
            }
        }

        #[test]
        fn every_source_sampled_is_exact((n, edges) in simple()) {
            let graph = Csr::new(n, &edges);
            let all: Vec<u32> = (0..n as u32).collect();
            let mut shuffled = sample(n, n);
            shuffled.reverse();
            let (a, _) = accumulate(&graph, &all);
            let (b, _) = accumulate(&graph, &shuffled);
            for (x, y) in a.iter().zip(&b) {
                prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0));
            }
        }
    }

    /// A chain 0 → 1 → … → n−1: node i lies on i·(n − 1 − i) of the (n − 1)(n − 2) pairs.
    fn chain(n: u32) -> Vec<(u32, u32)> {
        (0..n - 1).map(|i| (i, i + 1)).collect()
    }

    #[test]
    fn a_large_pathway_is_sampled_within_its_bound() {
        // With a limit of 10⁶, 2,000 services and 1,999 connections take 250 sources.
        let n = 2_000u32;
        let edges = chain(n);
        let b = with_limit(n as usize, &edges, false, 1_000_000);
        let sample = b.sampled.expect("sampled above the limit");
        assert_eq!((sample.sources, sample.services), (250, n as usize));
        close(sample.error_bound, error_bound(2000, 250), 0.0);
        assert!(
            sample.error_bound > 0.1 && sample.error_bound < 0.2,
            "{sample:?}"
        );
        let norm = f64::from(n - 1) * f64::from(n - 2);
        let worst = (0..n)
            .map(|i| {
                let exact = f64::from(i) * f64::from(n - 1 - i) / norm;
                (b.nodes[i as usize] - exact).abs()
            })
            .fold(0.0, f64::max);
        assert!(
            worst <= sample.error_bound,
            "off by {worst}, bound {}",
            sample.error_bound
        );
        // The middle of the chain carries a quarter of all routes, and the estimate says so.
        assert!((b.nodes[(n / 2) as usize] - 0.25).abs() < 0.05);
    }

    #[test]
    fn exact_on_request_at_any_size() {
        // A ring is far above a limit of 10⁴, and still exact when asked: every node lies on
        // (n − 1)(n − 2)/2 of the routes between others, normalised 1/2.
        let n = 500u32;
        let edges: Vec<(u32, u32)> = chain(n).into_iter().chain([(n - 1, 0)]).collect();
        assert!(
            with_limit(n as usize, &edges, false, 10_000)
                .sampled
                .is_some()
        );
        let exact = with_limit(n as usize, &edges, true, 10_000);
        assert_eq!(exact.sampled, None);
        for x in &exact.nodes {
            close(*x, 0.5, 1e-12);
        }
    }

    #[test]
    fn the_bound_shrinks_with_the_sample() {
        close(
            error_bound(100_000, 1_000),
            (4e6f64.ln() / 2000.0).sqrt() * 100_000.0 / 99_999.0,
            1e-15,
        );
        assert!(error_bound(100_000, 4_000) < error_bound(100_000, 1_000) / 1.9);
    }

    fn close(a: f64, b: f64, tolerance: f64) {
        assert!(
            (a - b).abs() <= tolerance,
            "{a} is not within {tolerance} of {b}"
        );
    }

    #[test]
    fn the_sample_is_fixed_and_distinct() {
        let a = sample(1000, 300);
        assert_eq!(a, sample(1000, 300));
        let mut d = a.clone();
        d.dedup();
        assert_eq!(d.len(), 300);
        assert!(a.iter().all(|&v| v < 1000));
    }
}
