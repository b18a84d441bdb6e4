//! Monthly flow of clients through the services (asiakasvirrat), and how each service with a
//! stated capacity copes with the load that reaches it.
//!
//! The pathway graph is read as an open queueing network: clients arrive from outside at the
//! entry services of the profiles, and every client-moving handoff sends its `share` of the
//! source's clients on. The load λ at each service then solves the traffic equations
//! λ = a + Pᵀλ, where a holds the external arrivals and P\[i\]\[j\] the share of i's clients that
//! go to j.
//!
//! A key design decision made in this module is to solve those equations exactly rather than by
//! walking routes or simulating clients. Loops (a client sent back and forth between two
//! services) and returns are the rule in child and youth services, and a walk would either miss
//! them or never end. Instead the graph of client-moving handoffs is cut into strongly connected
//! components, which are solved one by one in topological order: a service outside every loop is
//! one addition, a loop is one small linear system. A national workspace (≈13,000 services) is
//! mostly such small pieces, so the whole solve is close to linear in its size.
//!
//! Two more decisions follow from what a model can and cannot say:
//!
//! * A handoff without a `share` moves no one in the arithmetic. Unknown flow is not invented; the
//!   gap shows as a load that is too low, which a reader can question, rather than as a plausible
//!   number nobody wrote.
//! * A loop whose shares keep every client inside (a service sends everyone on, and everyone
//!   comes back) has no finite load: clients enter and never leave. Such services, and every
//!   service that receives clients from them, are reported as unbounded with an infinite load,
//!   instead of a large number that looks like a measurement. A trapping loop that no client
//!   reaches carries no load and is not unbounded: there is nobody to trap.
//!
//! The queue figures use the M/M/c model (Erlang C): clients arrive at random and are served by
//! `staff` workers in parallel, each taking `clients_per_month / staff` clients a month.

use petgraph::algo::kosaraju_scc;
use petgraph::visit::EdgeFiltered;

use crate::model::{Capacity, Handoff, HandoffKind, Model};

/// Calendar days in an average month (a Julian year of 365.25 days over 12 months), to turn the
/// monthly rates of the model into the day counts waits are written in.
const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// Largest loop solved by Gaussian elimination. Its cost grows with the cube of the size: 200
/// services take about half a millisecond, 400 several, so a national model cut into loops of
/// 400 would take a tenth of a second. Larger loops are solved iteratively, in time proportional
/// to their handoffs.
const DENSE_LIMIT: usize = 200;

/// A pivot smaller than this means the loop's equations have no unique solution: its shares keep
/// (all but a negligible part of) its clients inside.
const SINGULAR_PIVOT: f64 = 1e-12;

/// Relative change below which the iterative solve of a large loop has converged.
const TOLERANCE: f64 = 1e-13;

/// A relative change this small is the rounding of the sums themselves (some 45 ulp).
const ROUNDING_NOISE: f64 = 1e-14;

/// Most sweeps the iterative solve makes before it gives its best estimate; reached only by loops
/// of thousands of services that keep nearly all their clients inside.
const MAX_SWEEPS: usize = 10_000;

/// Monthly flow of clients through every service.
#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    /// External arrivals per month at each service (index = [`crate::model::ServiceIx`]), from
    /// the profiles' `arrivals_per_month` at their `entry`. Kept beside the load so a reader can
    /// tell how much of a service's load comes through handoffs.
    pub arrivals: Vec<f64>,
    /// Load: clients per month arriving at each service from outside and from handoffs (λ).
    pub load: Vec<f64>,
    /// True where the load is unbounded: a closed loop whose shares keep every client inside
    /// (λ = ∞), or a service that receives clients from one; `load` is `f64::INFINITY` there.
    pub unbounded: Vec<bool>,
}

/// Solves the traffic equations λ = a + Pᵀλ of the whole model.
///
/// a: the profiles' arrivals at their entry services. P: the shares of client-moving handoffs
/// ([`crate::model::HandoffKind::moves_client`]), summed over parallel handoffs; a handoff
/// without a share counts as 0. Loops and returns are included.
pub fn solve(model: &Model) -> Flow {
    let n = model.services().len();
    let mut arrivals = vec![0.0; n];
    for profile in model.profiles() {
        // NaN says nothing about how many arrive: treated like an unknown figure.
        if let Some(a) = profile.arrivals_per_month.filter(|a| !a.is_nan()) {
            arrivals[profile.entry.index()] += a;
        }
    }
    solve_arrivals(model, arrivals)
}

/// Where the clients arriving at one service go: the flow of one client a month arriving at
/// `entry` and nowhere else. Shares are the same for every client, so a profile's own flow is
/// this times its arrivals: what a finding about one profile counts, instead of every client.
pub fn from_entry(model: &Model, entry: crate::model::ServiceIx) -> Flow {
    let mut arrivals = vec![0.0; model.services().len()];
    arrivals[entry.index()] = 1.0;
    solve_arrivals(model, arrivals)
}

/// The flow forward only: as [`solve`], with `return` handoffs moving no one. A client who
/// comes back to a service and is sent on again is the same client; this flow counts how many
/// clients reach a service rather than how many visits it gets. `None` when no return carries a
/// share (the flow is then [`solve`]'s).
pub fn forward(model: &Model) -> Option<Flow> {
    let returns = model
        .handoffs()
        .iter()
        .any(|h| h.kind == HandoffKind::Return && h.share.is_some_and(|s| s > 0.0));
    if !returns {
        return None;
    }
    let mut arrivals = vec![0.0; model.services().len()];
    for profile in model.profiles() {
        if let Some(a) = profile.arrivals_per_month.filter(|a| !a.is_nan()) {
            arrivals[profile.entry.index()] += a;
        }
    }
    Some(solve_moving(model, arrivals, |h| {
        h.kind != HandoffKind::Return
    }))
}

/// Solves λ = a + Pᵀλ for the given external arrivals a (one per service).
pub(crate) fn solve_arrivals(model: &Model, arrivals: Vec<f64>) -> Flow {
    solve_moving(model, arrivals, |_| true)
}

/// [`solve_arrivals`] over the client-moving handoffs that `keep` keeps.
fn solve_moving(model: &Model, arrivals: Vec<f64>, keep: impl Fn(&Handoff) -> bool + Copy) -> Flow {
    let n = model.services().len();
    let moves = Transitions::new(model, keep);
    // Before a service's component is solved, `load` holds what reaches it so far: its arrivals
    // plus the inflow from components already solved. Topological order makes that all of it.
    let mut load = arrivals.clone();
    let mut unbounded = vec![false; n];
    let mut component = vec![usize::MAX; n];
    let mut local = vec![0u32; n];

    for (c, members) in components(model, keep).iter().enumerate() {
        for (l, &i) in members.iter().enumerate() {
            component[i] = c;
            local[i] = l as u32;
        }
        let bounded = solve_component(&moves, members, c, &component, &local, &mut load);
        for &i in members {
            if !bounded {
                load[i] = f64::INFINITY;
                unbounded[i] = true;
            }
            let x = load[i];
            if x == 0.0 {
                continue;
            }
            for (j, p) in moves.row(i) {
                if component[j] != c {
                    // p > 0, so an infinite load passes on as infinite, never as NaN.
                    load[j] += p * x;
                }
            }
        }
    }

    Flow {
        arrivals,
        load,
        unbounded,
    }
}

/// How a service copes with its load.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Queue {
    /// Load / capacity (ρ). At 1 or above the queue grows without end.
    pub utilisation: f64,
    /// Erlang C probability that a new client has to queue; `None` when staff is unknown or
    /// ρ ≥ 1.
    pub wait_probability: Option<f64>,
    /// Expected wait in queue in calendar days (M/M/c: C / (cμ − λ), converted from months with
    /// 365.25/12 days per month); `None` when staff unknown; `f64::INFINITY` when ρ ≥ 1.
    pub mean_queue_wait_days: Option<f64>,
}

/// How a service with this capacity copes with a load of `load_per_month` clients.
///
/// μ per worker is `clients_per_month / staff`. A capacity of 0 gives an infinite utilisation
/// when any client arrives, and 0 when none does. `staff = 0` beside a positive
/// `clients_per_month` contradicts itself and counts as unknown staff.
///
/// `None` when the figures cannot describe a queue: a load or capacity that is negative or not a
/// number. A service without any capacity has no [`Capacity`] to pass; callers write
/// `service.capacity.as_ref().and_then(|c| queue(load, c))`.
pub fn queue(load_per_month: f64, capacity: &Capacity) -> Option<Queue> {
    let lambda = load_per_month;
    let total = capacity.clients_per_month;
    if lambda.is_nan() || total.is_nan() || lambda < 0.0 || total < 0.0 {
        return None;
    }
    let utilisation = if lambda == 0.0 { 0.0 } else { lambda / total };
    if utilisation.is_nan() {
        // An unbounded load on an unbounded capacity.
        return None;
    }
    let staff = capacity.staff.filter(|&c| c > 0 || total == 0.0);
    let (wait_probability, mean_queue_wait_days) = match staff {
        None => (None, None),
        Some(_) if lambda == 0.0 => (Some(0.0), Some(0.0)),
        Some(_) if utilisation >= 1.0 => (None, Some(f64::INFINITY)),
        Some(c) => {
            // a = λ/μ = λ·c/(cμ) = ρ·c Erlangs.
            let p = erlang_c(c, utilisation * f64::from(c));
            (Some(p), Some(p / (total - lambda) * DAYS_PER_MONTH))
        }
    };
    Some(Queue {
        utilisation,
        wait_probability,
        mean_queue_wait_days,
    })
}

/// Largest number of servers for which [`erlang_c`] runs the Erlang B recursion over every
/// worker, as it always has: any real team, and a few microseconds. Above it the recursion would
/// cost a second per 10⁸ workers (`staff = 4294967295` took 75 s), so [`erlang_c_large`] takes
/// over; the two agree to about 1e-12 (a property test compares them below this limit).
pub const EXACT_SERVERS: u32 = 10_000;

/// Natural log of a relative error that no `f64` can show (e⁻⁴⁰ ≈ 4·10⁻¹⁸, below half an ulp).
const NEGLIGIBLE_LN: f64 = -40.0;

/// Erlang C: probability of waiting in an M/M/c queue with c servers and offered load a = λ/μ
/// Erlangs (a < c). Computed via the stable Erlang B recursion
/// B₀ = 1, Bₖ = a·Bₖ₋₁ / (k + a·Bₖ₋₁), C = c·B / (c − a·(1 − B)), which never forms the
/// factorials and powers of the closed form and so neither overflows nor loses precision.
/// Above [`EXACT_SERVERS`] servers the same B comes from [`erlang_c_large`] in time that does
/// not grow with c (or as √c near full load), since a `staff` of billions is accepted.
///
/// At or above a = c every client waits: the result is 1. With no load it is 0.
pub fn erlang_c(servers: u32, offered_load: f64) -> f64 {
    let a = offered_load;
    let c = f64::from(servers);
    if a.is_nan() {
        return f64::NAN;
    }
    if a <= 0.0 {
        return 0.0;
    }
    if a >= c {
        return 1.0;
    }
    if servers > EXACT_SERVERS {
        return erlang_c_large(servers, a);
    }
    let mut b = 1.0;
    for k in 1..=servers {
        b = a * b / (f64::from(k) + a * b);
        if b == 0.0 {
            // Underflow: it stays 0 for every further k, so stop instead of counting to c.
            break;
        }
    }
    c * b / (c - a * (1.0 - b))
}

/// Erlang C for any number of servers without a step per server, for 0 < a < c.
///
/// Erlang B is a ratio of Poisson probabilities: B(c, a) = p(c) / P(X ≤ c) for X ~ Poisson(a),
/// p(k) = e⁻ᵃ·aᵏ/k!. Two cases, chosen by a sound bound rather than a guess:
///
/// * Far below full load the upper tail is negligible. Chernoff's bound
///   P(X ≥ m) ≤ exp(m·ln(a/m) + m − a) for m = c + 1 > a says when it is below e⁻⁴⁰ (so
///   P(X ≤ c) = 1 to the last bit) and then B = p(c), computed in log space with Stirling's
///   series: constant time.
/// * Otherwise c is within √(80·(c+1)) of a (the bound is at most exp(−(m − a)²/2m)), and
///   P(X ≤ c)/p(c) = Σₖ p(k)/p(c) is summed from k = c down, each term the last times k/a,
///   stopping once the terms, which shrink geometrically below k = a, cannot add a relative
///   e⁻⁴⁰: about 20·√c steps (some 10⁶ for c = 4·10⁹), only near full load.
///
/// Then C = c·B / (c − a·(1 − B)) as in [`erlang_c`].
fn erlang_c_large(servers: u32, a: f64) -> f64 {
    let c = f64::from(servers);
    let m = c + 1.0;
    let b = if log_ratio_term(m, a) < NEGLIGIBLE_LN {
        ln_poisson_at(c, a).exp()
    } else {
        let negligible = NEGLIGIBLE_LN.exp();
        let (mut k, mut t, mut sum) = (c, 1.0f64, 1.0f64);
        while k >= 1.0 {
            // t = p(k)/p(c) → p(k − 1)/p(c).
            t *= k / a;
            k -= 1.0;
            sum += t;
            let r = k / a;
            // Below the mode each further ratio is under r: the rest is at most t·r/(1 − r).
            if r < 1.0 && t * r <= sum * negligible * (1.0 - r) {
                break;
            }
        }
        1.0 / sum
    };
    c * b / (c - a * (1.0 - b))
}

/// c·ln(a/c) + c − a for 0 < a < c: the log of e⁻ᵃ·aᶜ·eᶜ/cᶜ, both Chernoff's bound and the
/// heart of ln p(c). Near a = c its two terms are huge and cancel, so there it is summed as
/// −c·Σₙ≥₂ xⁿ/n with x = (c − a)/c, whose terms have one sign.
fn log_ratio_term(c: f64, a: f64) -> f64 {
    let x = (c - a) / c;
    if x >= 0.5 {
        return c * (a / c).ln() + (c - a);
    }
    let (mut power, mut n, mut sum) = (x, 1.0f64, 0.0f64);
    loop {
        power *= x;
        n += 1.0;
        let term = power / n;
        sum += term;
        // x < 0.5: under 60 terms. `<=` also ends it when xⁿ underflows to 0.
        if term <= sum * 1e-17 {
            break;
        }
    }
    -c * sum
}

/// ln p(c) = ln(e⁻ᵃ·aᶜ/c!) for 0 < a < c. Stirling's series for ln c! is written as
/// c·ln c − c + ½·ln(2πc) + s(c), so that c·ln a − a − c·ln c + c comes from
/// [`log_ratio_term`] without cancellation; s(c) to its c⁻⁷ term is exact to 10⁻¹⁴ from c = 20.
fn ln_poisson_at(c: f64, a: f64) -> f64 {
    if c < 20.0 {
        let ln_factorial: f64 = (2..=c as u32).map(|k| f64::from(k).ln()).sum();
        return c * a.ln() - a - ln_factorial;
    }
    let inv = 1.0 / c;
    let inv2 = inv * inv;
    let series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
    log_ratio_term(c, a) - 0.5 * (std::f64::consts::TAU * c).ln() - series
}

/// The matrix P by rows: client-moving handoffs with a positive share, parallel handoffs summed.
struct Transitions {
    /// Row i is `to[start[i]..start[i + 1]]`, sorted by target.
    start: Vec<usize>,
    to: Vec<usize>,
    share: Vec<f64>,
}

impl Transitions {
    fn new(model: &Model, keep: impl Fn(&Handoff) -> bool) -> Self {
        let n = model.services().len();
        let moving = || {
            model.handoffs().iter().filter_map(|h| {
                let s = h.share?;
                // `s > 0.0` also drops NaN: no flow is made up from a figure that is not one.
                (h.kind.moves_client() && s > 0.0 && keep(h)).then_some((
                    h.from.index(),
                    h.to.index(),
                    s,
                ))
            })
        };
        // Counting sort by source, then each (short) row sorted by target and merged.
        let mut start = vec![0usize; n + 1];
        for (from, _, _) in moving() {
            start[from + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut edges = vec![(0usize, 0.0f64); start[n]];
        for (from, to, s) in moving() {
            edges[next[from]] = (to, s);
            next[from] += 1;
        }
        let mut merged = Transitions {
            start: Vec::with_capacity(n + 1),
            to: Vec::with_capacity(edges.len()),
            share: Vec::with_capacity(edges.len()),
        };
        merged.start.push(0);
        for i in 0..n {
            let row = &mut edges[start[i]..start[i + 1]];
            row.sort_unstable_by_key(|&(to, _)| to);
            let row_start = merged.to.len();
            for &(to, s) in row.iter() {
                if merged.to.len() > row_start && merged.to.last() == Some(&to) {
                    *merged.share.last_mut().expect("a share per target") += s;
                } else {
                    merged.to.push(to);
                    merged.share.push(s);
                }
            }
            merged.start.push(merged.to.len());
        }
        merged
    }

    /// Where service i sends its clients, with the share.
    fn row(&self, i: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let r = self.start[i]..self.start[i + 1];
        self.to[r.clone()]
            .iter()
            .copied()
            .zip(self.share[r].iter().copied())
    }
}

/// The strongly connected components of the flow in topological order (sources first).
///
/// The flow moves along the handoffs that carry a positive share, so this reads a filtered view
/// of the model's client graph (a handoff without a share moves no one in the arithmetic) rather
/// than all of it; without that, a loop closed only by a handoff of unknown share would be solved
/// as one system. Kosaraju rather than Tarjan: petgraph's Tarjan recurses once per service along
/// a path, and a loop of thousands of services would overflow a thread's stack; Kosaraju is
/// iterative. Inside a component the services come in depth-first order along the handoffs, so an
/// iterative sweep in that order carries clients forward in one pass.
fn components(model: &Model, keep: impl Fn(&Handoff) -> bool) -> Vec<Vec<usize>> {
    let carries = |e: petgraph::graph::EdgeReference<'_, crate::model::HandoffIx>| {
        let h = model.handoff(*e.weight());
        // `s > 0.0` also drops NaN, as in `Transitions::new`.
        h.share.is_some_and(|s| s > 0.0) && keep(h)
    };
    let graph = EdgeFiltered::from_fn(model.client_graph().graph(), carries);
    // Kosaraju lists the components in reverse topological order.
    kosaraju_scc(&graph)
        .into_iter()
        .rev()
        .map(|scc| scc.into_iter().map(|v| v.index()).collect())
        .collect()
}

/// The traffic equations of one strongly connected component in its own numbering:
/// x_j = b_j + Σ_i p_ij·x_i.
struct System {
    /// What reaches each service from outside the component (arrivals and upstream inflow).
    b: Vec<f64>,
    /// Handoffs inside the component as (from, to, share); self-handoffs included.
    edges: Vec<(u32, u32, f64)>,
}

/// Solves component `c` in place in `load`; false when its load is unbounded.
fn solve_component(
    moves: &Transitions,
    members: &[usize],
    c: usize,
    component: &[usize],
    local: &[u32],
    load: &mut [f64],
) -> bool {
    if members.iter().any(|&i| load[i].is_infinite()) {
        return false;
    }
    if members.iter().all(|&i| load[i] == 0.0) {
        // Nobody reaches it, so nobody is trapped in it, whatever its shares.
        return true;
    }
    if let [i] = *members {
        // Outside every loop, or a service that sends clients back to itself.
        let own: f64 = moves.row(i).filter(|&(j, _)| j == i).map(|(_, p)| p).sum();
        if own == 0.0 {
            return true;
        }
        if 1.0 - own < SINGULAR_PIVOT {
            return false;
        }
        load[i] /= 1.0 - own;
        return true;
    }
    let mut edges = Vec::new();
    for &i in members {
        for (j, p) in moves.row(i) {
            if component[j] == c {
                edges.push((local[i], local[j], p));
            }
        }
    }
    let system = System {
        b: members.iter().map(|&i| load[i]).collect(),
        edges,
    };
    let solution = if system.traps_everyone() {
        None
    } else if members.len() <= DENSE_LIMIT {
        system.solve_dense()
    } else {
        system.solve_iterative()
    };
    match solution {
        Some(x) => {
            for (&i, x) in members.iter().zip(x) {
                load[i] = x;
            }
            true
        }
        None => false,
    }
}

impl System {
    /// True when every service sends at least all its clients on inside the component: nobody
    /// ever leaves, so the loop is singular. (In a valid model no service sends out more than
    /// everyone, so a loop with any way out, an exit share or an unassigned one, is bounded.)
    fn traps_everyone(&self) -> bool {
        let mut kept = vec![0.0; self.b.len()];
        for &(i, _, p) in &self.edges {
            kept[i as usize] += p;
        }
        kept.iter().all(|&k| k >= 1.0 - SINGULAR_PIVOT)
    }

    /// Solves (I − Pᵀ) x = b by Gaussian elimination with partial pivoting; `None` when the
    /// system is singular or its only solution is negative, which happens only when shares add
    /// up to more than everyone and the loop multiplies its clients.
    fn solve_dense(&self) -> Option<Vec<f64>> {
        let k = self.b.len();
        let mut a = vec![0.0; k * k];
        for r in 0..k {
            a[r * k + r] = 1.0;
        }
        for &(i, j, p) in &self.edges {
            // Equation j gathers what reaches j: x_j − Σ_i p_ij x_i = b_j.
            a[j as usize * k + i as usize] -= p;
        }
        let mut x = self.b.clone();
        for col in 0..k {
            let pivot_row = (col..k)
                .max_by(|&r, &s| a[r * k + col].abs().total_cmp(&a[s * k + col].abs()))
                .expect("a row at or below the diagonal");
            let pivot = a[pivot_row * k + col];
            if pivot.abs() < SINGULAR_PIVOT {
                return None;
            }
            if pivot_row != col {
                for c2 in col..k {
                    a.swap(col * k + c2, pivot_row * k + c2);
                }
                x.swap(col, pivot_row);
            }
            let (upper, lower) = a.split_at_mut((col + 1) * k);
            let pivot_line = &upper[col * k..];
            for (r, row) in lower.chunks_exact_mut(k).enumerate() {
                let f = row[col] / pivot;
                if f == 0.0 {
                    // Handoff graphs are sparse: most rows have nothing to eliminate.
                    continue;
                }
                row[col] = 0.0;
                for c2 in col + 1..k {
                    row[c2] -= f * pivot_line[c2];
                }
                x[col + 1 + r] -= f * x[col];
            }
        }
        for r in (0..k).rev() {
            let row = &a[r * k..(r + 1) * k];
            let s: f64 = x[r] - (r + 1..k).map(|c2| row[c2] * x[c2]).sum::<f64>();
            x[r] = s / row[r];
        }
        finish(x)
    }

    /// Solves x = b + Pᵀx by Gauss–Seidel sweeps until the relative change (and the change still
    /// to come, estimated from how fast it shrinks) is below [`TOLERANCE`].
    ///
    /// Started from below, the sweeps rise monotonically to the solution when the loop lets
    /// clients out and without end when it does not. When the change shrinks by a steady ratio
    /// r, the rest of the way is about r/(1 − r) times the last step, and taking it at once
    /// (Aitken's extrapolation) spares the many sweeps a loop that keeps most clients needs.
    /// `None` when the sweeps grow without end.
    fn solve_iterative(&self) -> Option<Vec<f64>> {
        let k = self.b.len();
        // What reaches each service from inside the component, by target.
        let mut start = vec![0usize; k + 1];
        let mut own = vec![0.0; k];
        for &(i, j, p) in &self.edges {
            if i == j {
                own[j as usize] += p;
            } else {
                start[j as usize + 1] += 1;
            }
        }
        for j in 0..k {
            start[j + 1] += start[j];
        }
        let mut next = start.clone();
        let mut from = vec![0u32; start[k]];
        let mut share = vec![0.0; start[k]];
        for &(i, j, p) in &self.edges {
            if i != j {
                let e = &mut next[j as usize];
                from[*e] = i;
                share[*e] = p;
                *e += 1;
            }
        }
        if own.iter().any(|&d| 1.0 - d < SINGULAR_PIVOT) {
            return None;
        }
        let keep: Vec<f64> = own.iter().map(|&d| 1.0 / (1.0 - d)).collect();

        let mut x: Vec<f64> = self.b.iter().zip(&keep).map(|(b, k)| b * k).collect();
        let mut step = vec![0.0; k];
        let mut last_change = f64::NAN;
        let mut last_ratio = f64::NAN;
        let mut ratio = f64::NAN;
        for _ in 0..MAX_SWEEPS {
            let mut change = 0.0f64;
            let mut size = 0.0f64;
            for j in 0..k {
                let inflow: f64 = (start[j]..start[j + 1])
                    .map(|e| share[e] * x[from[e] as usize])
                    .sum();
                let new = (self.b[j] + inflow) * keep[j];
                step[j] = new - x[j];
                x[j] = new;
                if step[j] != 0.0 {
                    // Relative to each service's own load, so that a service reached by a
                    // thin trickle is as exact as the busiest one.
                    change = change.max((step[j] / new).abs());
                }
                size = size.max(new.abs());
            }
            if !size.is_finite() {
                return None;
            }
            ratio = change / last_change;
            // Unknown (NaN) on the first sweep and right after a jump: then only no change at
            // all counts as converged.
            let rest = if change == 0.0 {
                0.0
            } else if ratio < 1.0 {
                change * ratio / (1.0 - ratio)
            } else {
                f64::INFINITY
            };
            // At the rounding noise of f64 the ratio of two changes is noise too (it may read
            // ≥ 1 for ever): a change that small is converged whatever it says.
            // (Only when the ratio says nothing: a loop shrinking slowly must go on.)
            let noise = change <= ROUNDING_NOISE && (ratio.is_nan() || ratio >= 1.0);
            if change <= TOLERANCE && (rest <= TOLERANCE || noise) {
                return finish(x);
            }
            let steady = (ratio - last_ratio).abs() <= 0.01 * (1.0 - ratio);
            if (0.5..1.0).contains(&ratio) && steady {
                let factor = ratio / (1.0 - ratio);
                for (x, s) in x.iter_mut().zip(&step) {
                    *x += s * factor;
                }
                // The jump breaks the steady shrinking: measure it afresh.
                last_change = f64::NAN;
                last_ratio = f64::NAN;
            } else {
                last_change = change;
                last_ratio = ratio;
            }
        }
        // Out of sweeps: a loop that still does not shrink keeps (practically) everyone.
        if ratio.is_nan() || ratio >= 1.0 - 1e-9 {
            return None;
        }
        finish(x)
    }
}

/// A solution of a component's equations, unless it is not finite or is negative: with nothing
/// but non-negative inflow and shares, only a loop that multiplies its clients gives that.
fn finish(mut x: Vec<f64>) -> Option<Vec<f64>> {
    let size = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if !size.is_finite() || x.iter().any(|&v| v < -1e-9 * size) {
        return None;
    }
    for v in &mut x {
        // Rounding below zero where the true value is (close to) zero.
        *v = v.max(0.0);
    }
    Some(x)
}

#[cfg(test)]
mod tests;
