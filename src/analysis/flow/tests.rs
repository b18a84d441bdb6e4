use proptest::prelude::*;

use super::*;
use crate::diagnostic::{FileId, Origin};
use crate::model::{
    Eligibility, Handoff, HandoffKind, LocalText, ModelParts, Profile, Sector, Service, ServiceIx,
};

use HandoffKind::{Consultation, Referral, Return};

fn origin() -> Origin {
    Origin {
        file: FileId(0),
        span: 0..0,
    }
}

/// A model of `n` services s0, s1, …, the handoffs (from, to, kind, share) and the arrivals
/// (entry, clients per month), each arrival as its own profile.
fn model(
    n: usize,
    handoffs: &[(u32, u32, HandoffKind, Option<f64>)],
    arrivals: &[(u32, f64)],
) -> Model {
    let services = (0..n)
        .map(|i| Service {
            id: format!("s{i}"),
            name: LocalText::plain(format!("s{i}")),
            description: LocalText::default(),
            actor: None,
            sector: Sector::SocialWork,
            level: None,
            region: None,
            eligibility: Eligibility::default(),
            capacity: None,
            mean_service_time: None,
            wait: None,
            entry: Vec::new(),
            exit: false,
            illustrative: true,
            origin: origin(),
        })
        .collect();
    let handoffs = handoffs
        .iter()
        .map(|&(from, to, kind, share)| Handoff {
            from: ServiceIx(from),
            to: ServiceIx(to),
            kind,
            share,
            wait: None,
            protocol: None,
            consent: None,
            note: LocalText::default(),
            illustrative: true,
            origin: origin(),
        })
        .collect();
    let profiles = arrivals
        .iter()
        .enumerate()
        .map(|(p, &(entry, a))| Profile {
            id: format!("p{p}"),
            name: LocalText::plain(format!("p{p}")),
            description: LocalText::default(),
            age: 15,
            language: "fi".into(),
            needs: Vec::new(),
            entry: ServiceIx(entry),
            arrivals_per_month: Some(a),
            illustrative: true,
            origin: origin(),
        })
        .collect();
    Model::new(ModelParts {
        services,
        handoffs,
        profiles,
        ..ModelParts::default()
    })
}

/// Checks λ = a + Pᵀλ service by service, with P read straight from the handoffs.
fn assert_balanced(m: &Model, flow: &Flow, tolerance: f64) {
    let mut rhs = flow.arrivals.clone();
    for h in m.handoffs() {
        if let (true, Some(s)) = (h.kind.moves_client(), h.share) {
            rhs[h.to.index()] += s * flow.load[h.from.index()];
        }
    }
    for (j, (&l, &r)) in flow.load.iter().zip(&rhs).enumerate() {
        let scale = l.abs().max(r.abs()).max(1e-300);
        assert!(
            (l - r).abs() <= tolerance * scale,
            "service {j}: load {l} but arrivals and inflow give {r}"
        );
    }
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{actual} is not within {tolerance} of {expected}"
    );
}

/// The closed form C = (aᶜ/c!·c/(c−a)) / (Σₖ₌₀^{c−1} aᵏ/k! + aᶜ/c!·c/(c−a)), fine for small c.
fn erlang_c_closed_form(c: u32, a: f64) -> f64 {
    let mut term = 1.0; // aᵏ/k!
    let mut sum = 0.0;
    for k in 0..c {
        sum += term;
        term *= a / f64::from(k + 1);
    }
    let tail = term * f64::from(c) / (f64::from(c) - a);
    tail / (sum + tail)
}

#[test]
fn loop_and_return_match_the_hand_computation() {
    // A = s0 gets 10 a month. A→B 0.5, A→C 0.3, B→C 0.4, C→B 0.2 (a return), C→D 0.5.
    // Ignored: a consultation D→A (moves no client) and a referral B→D with no share.
    //
    //   λA = 10
    //   λB = 0.5·λA + 0.2·λC = 5 + 0.2·λC
    //   λC = 0.3·λA + 0.4·λB = 3 + 0.4·λB
    //   ⇒ λB = 5 + 0.2·(3 + 0.4·λB) = 5.6 + 0.08·λB ⇒ λB = 5.6 / 0.92 = 140/23 ≈ 6.0870
    //   ⇒ λC = 3 + 0.4·140/23 = (69 + 56)/23 = 125/23 ≈ 5.4348
    //   λD = 0.5·λC = 125/46 ≈ 2.7174
    let m = model(
        4,
        &[
            (0, 1, Referral, Some(0.5)),
            (0, 2, Referral, Some(0.3)),
            (1, 2, Referral, Some(0.4)),
            (2, 1, Return, Some(0.2)),
            (2, 3, Referral, Some(0.5)),
            (3, 0, Consultation, Some(0.9)),
            (1, 3, Referral, None),
        ],
        &[(0, 10.0)],
    );
    let flow = solve(&m);
    assert_eq!(flow.arrivals, vec![10.0, 0.0, 0.0, 0.0]);
    close(flow.load[0], 10.0, 1e-9);
    close(flow.load[1], 140.0 / 23.0, 1e-9);
    close(flow.load[2], 125.0 / 23.0, 1e-9);
    close(flow.load[3], 125.0 / 46.0, 1e-9);
    assert_eq!(flow.unbounded, vec![false; 4]);
}

#[test]
fn parallel_handoffs_and_profiles_add_up() {
    // Two profiles enter s0 (4 + 6); s0 refers 0.25 and returns 0.15 to s1: 0.4 of 10 = 4.
    let m = model(
        2,
        &[(0, 1, Referral, Some(0.25)), (0, 1, Return, Some(0.15))],
        &[(0, 4.0), (0, 6.0)],
    );
    let flow = solve(&m);
    close(flow.load[0], 10.0, 1e-12);
    close(flow.load[1], 4.0, 1e-12);
}

#[test]
fn a_service_that_sends_clients_back_to_itself() {
    // λ = 6 + 0.25·λ ⇒ λ = 8; s1 gets 0.5·8 = 4.
    let m = model(
        2,
        &[(0, 0, Return, Some(0.25)), (0, 1, Referral, Some(0.5))],
        &[(0, 6.0)],
    );
    let flow = solve(&m);
    close(flow.load[0], 8.0, 1e-12);
    close(flow.load[1], 4.0, 1e-12);
}

#[test]
fn closed_loop_is_unbounded_and_the_rest_stays_finite() {
    // s0 gets 10 and sends 0.5 to s1 and 0.3 to s3. s1 and s2 send each other everyone.
    // s4 and s5 trap everyone too, but nobody reaches them.
    let m = model(
        6,
        &[
            (0, 1, Referral, Some(0.5)),
            (0, 3, Referral, Some(0.3)),
            (1, 2, Referral, Some(1.0)),
            (2, 1, Return, Some(1.0)),
            (4, 5, Referral, Some(1.0)),
            (5, 4, Referral, Some(1.0)),
        ],
        &[(0, 10.0)],
    );
    let flow = solve(&m);
    assert_eq!(flow.unbounded, vec![false, true, true, false, false, false]);
    assert_eq!(flow.load[1], f64::INFINITY);
    assert_eq!(flow.load[2], f64::INFINITY);
    close(flow.load[0], 10.0, 1e-12);
    close(flow.load[3], 3.0, 1e-12);
    assert_eq!(flow.load[4], 0.0);
    assert_eq!(flow.load[5], 0.0);
}

#[test]
fn shares_that_add_up_to_one_around_a_loop_are_unbounded() {
    // Shares written as fractions that do not sum to exactly 1.0 in floating point.
    let third = 1.0 / 3.0;
    let m = model(
        4,
        &[
            (0, 1, Referral, Some(0.1)),
            (1, 2, Referral, Some(0.1)),
            (1, 2, Referral, Some(0.2)),
            (1, 3, Referral, Some(0.7)),
            (2, 1, Return, Some(third)),
            (2, 3, Referral, Some(third)),
            (2, 1, Referral, Some(third)),
            (3, 1, Return, Some(1.0)),
        ],
        &[(0, 1.0)],
    );
    let flow = solve(&m);
    assert_eq!(flow.unbounded, vec![false, true, true, true]);
}

#[test]
fn unbounded_load_passes_downstream() {
    // s2 sends everyone back and half on to s3 (1.5 in all: an invalid model, but the loop
    // then multiplies its clients); s3 receives from the loop, s4 beside it does not.
    let m = model(
        5,
        &[
            (0, 1, Referral, Some(0.5)),
            (0, 4, Referral, Some(0.5)),
            (1, 2, Referral, Some(1.0)),
            (2, 1, Return, Some(1.0)),
            (2, 3, Referral, Some(0.5)),
        ],
        &[(0, 10.0)],
    );
    let flow = solve(&m);
    assert_eq!(flow.unbounded, vec![false, true, true, true, false]);
    assert_eq!(flow.load[3], f64::INFINITY);
    close(flow.load[4], 5.0, 1e-12);
}

#[test]
fn a_loop_that_multiplies_clients_is_unbounded() {
    // Each sends 0.6 to the other and 0.6 back to itself: shares above 1 without a singular
    // matrix; the only solution is negative.
    let m = model(
        2,
        &[
            (0, 1, Referral, Some(0.6)),
            (1, 0, Referral, Some(0.6)),
            (0, 0, Return, Some(0.6)),
            (1, 1, Return, Some(0.6)),
        ],
        &[(0, 1.0)],
    );
    assert_eq!(solve(&m).unbounded, vec![true, true]);
}

/// A ring of `n` services, each sending `share` on to the next, with chords every 7th
/// service; large enough to go to the iterative solver.
fn ring(n: u32, share: f64, chords: bool) -> Model {
    let mut handoffs = Vec::new();
    for i in 0..n {
        handoffs.push((i, (i + 1) % n, Referral, Some(share)));
        if chords && i % 7 == 0 {
            handoffs.push((i, (i * 31 + 5) % n, Return, Some(0.04)));
        }
    }
    model(n as usize, &handoffs, &[(0, 10.0), (n / 2, 3.0)])
}

#[test]
fn large_loop_is_solved_iteratively() {
    let m = ring(1000, 0.9, true);
    let flow = solve(&m);
    assert!(flow.unbounded.iter().all(|u| !u));
    assert_balanced(&m, &flow, 1e-10);
}

#[test]
fn large_loop_that_keeps_nearly_everyone_converges() {
    // One ring, 10 arriving at s0: λ₀ = 10 / (1 − sⁿ), λₖ = sᵏ·λ₀ for the others.
    let (n, s) = (600u32, 0.9999);
    let m = model(
        n as usize,
        &(0..n)
            .map(|i| (i, (i + 1) % n, Referral, Some(s)))
            .collect::<Vec<_>>(),
        &[(0, 10.0)],
    );
    let flow = solve(&m);
    let l0 = 10.0 / (1.0 - s.powi(n as i32));
    for k in 0..n as usize {
        let expected = s.powi(k as i32) * l0;
        close(flow.load[k], expected, 1e-9 * expected);
    }
}

#[test]
fn iterative_solve_is_exact_for_a_trickle_against_the_sweep() {
    // Service i sends 0.95 to i − 1 (0 to the last), numbered so each sweep carries clients
    // one step only. 1 arrives at service 0: x₀ = 1/(1 − 0.95ⁿ), x₍ₙ₋ₘ₎ = 0.95ᵐ·x₀, down to
    // ~1e-13 of x₀ at the far end, which must be as exact, relatively, as x₀.
    let (n, s) = (600u32, 0.95f64);
    let system = System {
        b: (0..n).map(|i| if i == 0 { 1.0 } else { 0.0 }).collect(),
        edges: (0..n).map(|i| (i, (i + n - 1) % n, s)).collect(),
    };
    let x = system.solve_iterative().expect("bounded");
    let x0 = 1.0 / (1.0 - s.powi(n as i32));
    close(x[0], x0, 1e-12 * x0);
    for m in 1..n {
        let expected = s.powi(m as i32) * x0;
        close(x[(n - m) as usize], expected, 1e-9 * expected);
    }
}

#[test]
fn large_closed_loop_is_unbounded() {
    let flow = solve(&ring(1000, 1.0, false));
    assert!(flow.unbounded.iter().all(|&u| u));
}

#[test]
fn large_loop_with_too_many_shares_is_unbounded() {
    // Row sums of 1.04 where the chords are: the sweeps grow without end.
    let flow = solve(&ring(1000, 1.0, true));
    assert!(flow.unbounded.iter().all(|&u| u));
}

#[test]
fn erlang_c_matches_exact_and_published_values() {
    // M/M/1: the probability of waiting is ρ = a.
    for a in [0.1, 0.5, 0.8, 0.99] {
        close(erlang_c(1, a), a, 1e-12);
    }
    // Exact: c = 2, a = 1 → (1/2·2/1)/(1 + 1 + 1) = 1/3; c = 3, a = 2 → 4/(5 + 4) = 4/9.
    close(erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
    close(erlang_c(3, 2.0), 4.0 / 9.0, 1e-12);
    // Erlang C tables: c = 5, a = 4 → 0.5541; c = 10, a = 8 → 0.4092. The closed form gives
    // 0.554113… and 0.409245…, so the table values are right to their 4 decimals.
    close(erlang_c_closed_form(5, 4.0), 0.5541, 1e-4);
    close(erlang_c_closed_form(10, 8.0), 0.4092, 1e-4);
    close(erlang_c(5, 4.0), 0.5541, 1e-4);
    close(erlang_c(10, 8.0), 0.4092, 1e-4);
    for (c, a) in [(5, 4.0), (10, 8.0), (20, 15.5), (7, 0.3)] {
        close(erlang_c(c, a), erlang_c_closed_form(c, a), 1e-12);
    }
}

#[test]
fn erlang_c_at_the_edges() {
    assert_eq!(erlang_c(3, 0.0), 0.0);
    assert_eq!(erlang_c(3, 3.0), 1.0);
    assert_eq!(erlang_c(0, 1.0), 1.0);
    // Many servers lightly loaded: the recursion underflows and stops early.
    assert_eq!(erlang_c(u32::MAX, 1.0), 0.0);
    // Large values stay finite where the closed form overflows.
    let big = erlang_c(1000, 990.0);
    assert!(big > 0.0 && big < 1.0);
}

#[test]
fn erlang_c_for_billions_of_servers() {
    // Far below full load nobody waits; the recursion would take seconds to say so.
    for c in [1_000_000_000, u32::MAX] {
        assert_eq!(erlang_c(c, 0.9 * f64::from(c)), 0.0);
        assert_eq!(erlang_c(c, 1.0), 0.0);
    }
    // Near full load (a = c − β·√c) Halfin and Whitt's limit holds to O(1/√c):
    // C → 1 / (1 + β·Φ(β)/φ(β)); for β = 1, Φ(1) = 0.841344746, φ(1) = 0.241970725.
    let limit = 1.0 / (1.0 + 0.841_344_746 / 0.241_970_725);
    for c in [1_000_000_000u32, u32::MAX] {
        let a = f64::from(c) - f64::from(c).sqrt();
        close(erlang_c(c, a), limit, 1e-4);
    }
    // Above the exact limit the large path joins the recursion without a jump.
    let c = EXACT_SERVERS + 1;
    let a = f64::from(c) - 2.0 * f64::from(c).sqrt();
    let below = erlang_c(EXACT_SERVERS, a - 1.0);
    let above = erlang_c(c, a);
    assert!((above - below).abs() < 1e-3, "{below} then {above}");
}

#[test]
fn a_huge_staff_on_a_busy_service_is_analysed() {
    // `staff = 2³² − 1` workers: the recursion over each took about a minute (2⁶³ − 1 loaded as
    // this many took 75 s; it is now refused by the loader).
    let m = crate::analysis::test_model(
        r#"
[[need]]
id = "huoli"
name = "Huoli"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]
capacity = { clients_per_month = 10.0, staff = 4294967295 }

[[profile]]
id = "lapsi"
name = "Lapsi"
age = 10
language = "fi"
needs = ["huoli"]
entry = "koulu"
arrivals_per_month = 9.5
"#,
    );
    let analysis = crate::analysis::analyze(&m);
    let capacity = m.service(ServiceIx(0)).capacity.expect("a capacity");
    assert_eq!(capacity.staff, Some(u32::MAX));
    let q = queue(analysis.flow.load[0], &capacity).expect("a queue");
    close(q.utilisation, 0.95, 1e-12);
    assert_eq!(q.wait_probability, Some(0.0));
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.diagnostic.code == crate::diagnostic::Code::HighUtilisation)
    );
}

#[test]
fn mm1_queue_wait_in_days() {
    // λ = 8, μ = 10 a month, one worker: ρ = 0.8, C = 0.8, Wq = C/(μ − λ) = 0.8/2 = 0.4 months
    // = 0.4 · 365.25/12 = 12.175 days.
    let q = queue(
        8.0,
        &Capacity {
            clients_per_month: 10.0,
            staff: Some(1),
        },
    )
    .expect("a queue");
    close(q.utilisation, 0.8, 1e-12);
    close(q.wait_probability.expect("staff known"), 0.8, 1e-12);
    close(q.mean_queue_wait_days.expect("staff known"), 12.175, 1e-9);
}

#[test]
fn mmc_queue_wait_in_days() {
    // 3 workers taking 30 a month in all (μ = 10 each), λ = 20: a = 2, C = 4/9,
    // Wq = (4/9)/(30 − 20) months.
    let q = queue(
        20.0,
        &Capacity {
            clients_per_month: 30.0,
            staff: Some(3),
        },
    )
    .expect("a queue");
    close(q.utilisation, 2.0 / 3.0, 1e-12);
    close(q.wait_probability.expect("staff known"), 4.0 / 9.0, 1e-12);
    close(
        q.mean_queue_wait_days.expect("staff known"),
        4.0 / 90.0 * DAYS_PER_MONTH,
        1e-9,
    );
}

#[test]
fn queue_without_staff_overloaded_or_without_capacity() {
    let cap = |clients_per_month, staff| Capacity {
        clients_per_month,
        staff,
    };
    let q = queue(5.0, &cap(10.0, None)).expect("a queue");
    assert_eq!(
        (q.utilisation, q.wait_probability, q.mean_queue_wait_days),
        (0.5, None, None)
    );

    let q = queue(12.0, &cap(10.0, Some(2))).expect("a queue");
    close(q.utilisation, 1.2, 1e-12);
    assert_eq!(q.wait_probability, None);
    assert_eq!(q.mean_queue_wait_days, Some(f64::INFINITY));

    let q = queue(f64::INFINITY, &cap(10.0, Some(2))).expect("a queue");
    assert_eq!(q.utilisation, f64::INFINITY);
    assert_eq!(q.mean_queue_wait_days, Some(f64::INFINITY));

    let q = queue(3.0, &cap(0.0, Some(0))).expect("a queue");
    assert_eq!(q.utilisation, f64::INFINITY);
    assert_eq!(q.mean_queue_wait_days, Some(f64::INFINITY));

    let q = queue(0.0, &cap(0.0, Some(0))).expect("a queue");
    assert_eq!(
        (q.utilisation, q.wait_probability, q.mean_queue_wait_days),
        (0.0, Some(0.0), Some(0.0))
    );

    assert_eq!(queue(f64::NAN, &cap(10.0, Some(1))), None);
    assert_eq!(queue(1.0, &cap(-1.0, Some(1))), None);
}

/// A random network: `n` services, handoffs of every kind, some without a share, and the
/// shares leaving each service scaled to add up to at most 0.9.
fn network() -> impl Strategy<Value = Model> {
    (1usize..12, any::<bool>()).prop_flat_map(|(n, dag)| {
        let kinds = prop::sample::select(HandoffKind::ALL.to_vec());
        (
            prop::collection::vec(
                (
                    0..n as u32,
                    0..n as u32,
                    kinds,
                    prop::option::weighted(0.85, 0.0..1.0),
                ),
                0..40,
            ),
            prop::collection::vec(0.0..0.9f64, n),
            prop::collection::vec((0..n as u32, 0.0..100.0f64), 0..5),
        )
            .prop_map(move |(mut handoffs, budget, arrivals)| {
                if dag {
                    // Handoffs only forward: no loops.
                    handoffs.retain(|h| h.0 != h.1);
                    for h in &mut handoffs {
                        if h.0 > h.1 {
                            (h.0, h.1) = (h.1, h.0);
                        }
                    }
                }
                let mut total = vec![0.0; n];
                for h in &handoffs {
                    total[h.0 as usize] += h.3.unwrap_or(0.0);
                }
                for h in &mut handoffs {
                    let i = h.0 as usize;
                    h.3 = h.3.map(|s| {
                        if total[i] > budget[i] {
                            s * budget[i] / total[i]
                        } else {
                            s
                        }
                    });
                }
                model(n, &handoffs, &arrivals)
            })
    })
}

proptest! {
    #[test]
    fn erlang_c_large_agrees_with_the_recursion(
        c in 1u32..=2000,
        load in prop_oneof![0.000_001..0.999_999f64, -6.0..6.0f64],
        near in any::<bool>(),
    ) {
        // Half the cases anywhere below full load, half within a few √c of it, where the
        // sum of the large path runs.
        let cf = f64::from(c);
        let a = if near { cf - load.abs() * cf.sqrt() } else { load.abs().min(0.999_999) * cf };
        prop_assume!(a > 0.0 && a < cf);
        let exact = erlang_c(c, a);
        let fast = erlang_c_large(c, a);
        if exact > 1e-290 {
            prop_assert!((fast - exact).abs() <= 1e-12 * exact, "c {c} a {a}: {exact} vs {fast}");
        } else {
            prop_assert!(fast <= 1e-280, "c {c} a {a}: {exact} vs {fast}");
        }
    }
}

proptest! {
    #[test]
    fn random_networks_balance(m in network()) {
        let flow = solve(&m);
        prop_assert!(flow.unbounded.iter().all(|u| !u));
        assert_balanced(&m, &flow, 1e-9);
        for (l, a) in flow.load.iter().zip(&flow.arrivals) {
            prop_assert!(*l >= *a * (1.0 - 1e-12), "load {} below arrivals {}", l, a);
        }
    }

    #[test]
    fn dense_and_iterative_solves_agree(
        (b, edges) in (2usize..30).prop_flat_map(|k| (
            prop::collection::vec(0.0..50.0f64, k),
            prop::collection::vec((0..k as u32, 0..k as u32, 0.0..0.3f64), 0..60),
        ))
    ) {
        // At most 60 handoffs of 0.3 over ≥ 2 services can send out more than 0.9 of one
        // service; scale each row to at most 0.9.
        let mut edges = edges;
        let mut total = vec![0.0; b.len()];
        for e in &edges {
            total[e.0 as usize] += e.2;
        }
        for e in &mut edges {
            let t = total[e.0 as usize];
            if t > 0.9 {
                e.2 *= 0.9 / t;
            }
        }
        let system = System { b, edges };
        let dense = system.solve_dense().expect("bounded");
        let iterative = system.solve_iterative().expect("bounded");
        for (d, i) in dense.iter().zip(&iterative) {
            prop_assert!((d - i).abs() <= 1e-9 * d.abs().max(1e-12), "dense {} iterative {}", d, i);
        }
    }
}
