//! Bottlenecks: services loaded beyond their capacity, handoffs between organisations without an
//! agreed protocol or consent, and single points of failure.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::betweenness::{self, Sample};
use super::flow::{self, Flow};
use super::payload::{Load, Payload};
use super::{AnalysisOptions, Entity, Finding, FindingBuilder, days};
use crate::diagnostic::Severity;
use crate::model::{HandoffIx, HandoffKind, Model, PathwayIx, Protocol, ServiceIx};

/// Utilisation above which a service is a bottleneck: queues grow steeply past 85 %.
pub const HIGH_UTILISATION: f64 = 0.85;

/// Every bottleneck finding.
pub fn find(model: &Model, flow: &Flow, centrality: &[Centrality]) -> Vec<Finding> {
    let mut out = Vec::new();
    boundaries(model, flow, &mut out);
    utilisation(model, flow, &mut out);
    for c in centrality {
        single_points(model, c, &mut out);
    }
    out
}

fn crosses_organisations(model: &Model, h: HandoffIx) -> bool {
    let h = model.handoff(h);
    match (model.service(h.from).actor, model.service(h.to).actor) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

fn handoff_flow(model: &Model, flow: &Flow, h: HandoffIx) -> Option<f64> {
    let handoff = model.handoff(h);
    let load = flow.load[handoff.from.index()];
    handoff.share.map(|s| s * load).filter(|f| f.is_finite())
}

/// Handoffs across organisations: an explicit `protocol = "none"` is B0301, an explicit
/// `consent = false` B0302 (warnings); a protocol or consent left unstated is unknown, not
/// absent, so those handoffs are listed in one X0404 note saying what to fill in.
fn boundaries(model: &Model, flow: &Flow, out: &mut Vec<Finding>) {
    let mut unstated: Vec<(HandoffIx, Vec<&'static str>)> = Vec::new();
    for i in 0..model.handoffs().len() as u32 {
        let ix = HandoffIx(i);
        if !crosses_organisations(model, ix) {
            continue;
        }
        let h = model.handoff(ix);
        let (from, to) = (model.service(h.from), model.service(h.to));
        let actor = |s: &crate::model::Service| s.actor.map_or("?", |a| model.actor(a).id.as_str());
        let between = format!(
            "`{}` ({}) → `{}` ({})",
            from.id,
            actor(from),
            to.id,
            actor(to)
        );
        let needs_protocol = h.kind.moves_client()
            || matches!(h.kind, HandoffKind::JointWork | HandoffKind::SharedPlan);
        let needs_consent = h.kind != HandoffKind::Consultation;
        let missing: Vec<&'static str> = [
            (needs_protocol && h.protocol.is_none(), "`protocol`"),
            (needs_consent && h.consent.is_none(), "`consent`"),
        ]
        .into_iter()
        .filter_map(|(unstated, key)| unstated.then_some(key))
        .collect();
        if !missing.is_empty() {
            unstated.push((ix, missing));
        }
        if needs_protocol && h.protocol == Some(Protocol::None) {
            out.push(
                FindingBuilder::new(
                    Payload::BoundaryWithoutProtocol { handoff: ix },
                    h.origin.clone(),
                    format!("handoff {between} crosses organisations with no agreed protocol"),
                )
                .label("`protocol = \"none\"`")
                .why("Transitions between organisations are where continuity breaks: without an agreed way the client is told where to go and often never arrives.")
                .fix("agree a protocol and write it: `protocol = \"warm_handoff\"` (saattaen vaihtaen), \"written_referral\" or \"shared_plan\"")
                .entities([Entity::Handoff(ix), Entity::Service(h.from), Entity::Service(h.to)])
                .affected(handoff_flow(model, flow, ix))
                .build(),
            );
        }
        if needs_consent && h.consent == Some(false) {
            out.push(
                FindingBuilder::new(
                    Payload::BoundaryWithoutConsent { handoff: ix },
                    h.origin.clone(),
                    format!("handoff {between} passes client information between organisations without consent handling"),
                )
                .label("`consent = false`")
                .why("Client information may pass between organisations only with the client's or guardian's consent or a statutory basis; without it the next service starts from nothing.")
                .fix("ask consent as part of the handoff and write `consent = true`, or make it an anonymous consultation")
                .entities([Entity::Handoff(ix), Entity::Service(h.from), Entity::Service(h.to)])
                .affected(handoff_flow(model, flow, ix))
                .build(),
            );
        }
    }
    if let Some(&(first, _)) = unstated.first() {
        let list: Vec<String> = unstated
            .iter()
            .map(|(ix, missing)| {
                let h = model.handoff(*ix);
                format!(
                    "`{}` → `{}` ({})",
                    model.service(h.from).id,
                    model.service(h.to).id,
                    missing.join(", ")
                )
            })
            .collect();
        let entities = unstated.iter().flat_map(|(ix, _)| {
            let h = model.handoff(*ix);
            [
                Entity::Handoff(*ix),
                Entity::Service(h.from),
                Entity::Service(h.to),
            ]
        });
        out.push(
            FindingBuilder::new(
                Payload::UnstatedHandoffs {
                    handoffs: unstated.iter().map(|(ix, _)| *ix).collect(),
                },
                model.handoff(first).origin.clone(),
                format!(
                    "{} between organisations {} not say how {}: {}",
                    if unstated.len() == 1 { "1 handoff".to_string() } else { format!("{} handoffs", unstated.len()) },
                    if unstated.len() == 1 { "does" } else { "do" },
                    "the client is handed over (`protocol`) or whether consent is handled (`consent`)",
                    list.join("; ")
                ),
            )
            .severity(Severity::Note)
            .label("protocol or consent not stated")
            .why("Unknown is not absent: the analysis warns only where a file says there is no protocol or no consent, and cannot judge these handoffs until their files say.")
            .fix("state each: `protocol = \"warm_handoff\"` (or \"written_referral\", \"shared_plan\", \"none\") and `consent = true` or `consent = false`")
            .entities(entities)
            .build(),
        );
    }
}

fn utilisation(model: &Model, flow: &Flow, out: &mut Vec<Finding>) {
    for (i, s) in model.services().iter_enumerated() {
        let Some(capacity) = &s.capacity else {
            continue;
        };
        let load = flow.load[i.index()];
        if flow.unbounded[i.index()] {
            out.push(
                FindingBuilder::new(
                    Payload::Overloaded {
                        service: i,
                        load: Load::Unbounded,
                    },
                    s.origin.clone(),
                    format!("`{}` is on a closed loop: clients never leave it", s.id),
                )
                    .label("load grows without end")
                    .why("When the shares around a loop send every client back in, the queue grows every month.")
                    .fix("give the loop a way out: lower a share or add an exit")
                    .entities([Entity::Service(i)])
                    .build(),
            );
            continue;
        }
        let Some(q) = flow::queue(load, capacity) else {
            continue;
        };
        if q.utilisation <= HIGH_UTILISATION {
            continue;
        }
        let wait = match q.mean_queue_wait_days {
            Some(w) if w.is_finite() => format!(", expected queue {} days", days(w)),
            _ => String::new(),
        };
        let figures = format!(
            "{:.1} clients/month for a capacity of {:.1} ({:.0} %{wait})",
            load,
            capacity.clients_per_month,
            q.utilisation * 100.0
        );
        let service = i;
        let figures_of = if load.is_finite() && capacity.clients_per_month > 0.0 {
            Load::Bounded {
                load,
                capacity: capacity.clients_per_month,
            }
        } else {
            Load::Unbounded
        };
        let (payload, label, why) = if q.utilisation > 1.0 {
            (
                Payload::Overloaded {
                    service,
                    load: figures_of,
                },
                "more clients than capacity".to_string(),
                format!(
                    "{:.1} more children arrive each month than the service can take: its queue grows every month and the waits on every route through it with it.",
                    load - capacity.clients_per_month
                ),
            )
        } else {
            (
                Payload::HighUtilisation {
                    service,
                    load: figures_of,
                },
                "over 85 % loaded".to_string(),
                "Above 85 % utilisation queues grow steeply with any variation: a few extra referrals turn into weeks of waiting.".to_string(),
            )
        };
        out.push(
            FindingBuilder::new(payload, s.origin.clone(), format!("`{}` is loaded at {figures}", s.id))
                .label(label)
                .why(why)
                .fix(format!(
                    "raise the capacity of `{}` (try `polku analyze --set service.{}.capacity=N`), or route part of its clients elsewhere",
                    s.id, s.id
                ))
                .entities([Entity::Service(i)])
                .affected(Some(load))
                .build(),
        );
    }
}

/// Structural importance of services and handoffs within one pathway.
#[derive(Clone, Debug, Serialize)]
pub struct Centrality {
    /// The pathway.
    pub pathway: PathwayIx,
    /// Per service of the pathway: normalised betweenness, whether removing it cuts the pathway
    /// into pieces, and the share of the pathway's arriving clients that pass through it.
    pub services: Vec<ServiceCentrality>,
    /// Per client-moving handoff of the pathway: normalised edge betweenness.
    pub handoffs: Vec<(HandoffIx, f64)>,
    /// `None` when the betweenness is exact; how it was estimated on a pathway too large to
    /// count exactly (see [`betweenness`]).
    pub sampled: Option<Sample>,
}

/// Structural importance of one service.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceCentrality {
    /// The service.
    pub service: ServiceIx,
    /// Normalised betweenness: the share of shortest routes between other services through it.
    pub betweenness: f64,
    /// True when removing it disconnects the pathway (an articulation point).
    pub articulation: bool,
    /// For an entry that is an articulation point: whether removing it cuts services off from the
    /// pathway's other entries (false for every other service).
    pub cuts_other_entries: bool,
    /// Share of the pathway's clients per month (those arriving at its services and those sent
    /// in from other pathways) that reach it; returns not counted, so a client coming back is
    /// not counted twice.
    pub flow_share: Option<f64>,
}

/// Betweenness, articulation points and flow shares of every pathway; betweenness is sampled on
/// pathways too large to count exactly unless `options` asks for exact.
pub fn centrality(model: &Model, flow: &Flow, options: AnalysisOptions) -> Vec<Centrality> {
    // A service -> position-in-pathway table reused across pathways: each pathway costs the
    // client-moving handoffs leaving its services (from the model's client graph), not a scan of
    // every handoff of the model.
    let mut position = vec![u32::MAX; model.services().len()];
    // How many clients reach each service: returns bring the same clients back, and counting
    // their visits would make a service that clients return to look as if most passed it.
    let forward = flow::forward(model);
    let reached = forward.as_ref().unwrap_or(flow);
    model
        .pathways()
        .indices()
        .map(|p| pathway_centrality(model, reached, p, &mut position, options))
        .collect()
}

fn pathway_centrality(
    model: &Model,
    flow: &Flow,
    p: PathwayIx,
    position: &mut [u32],
    options: AnalysisOptions,
) -> Centrality {
    let pathway = model.pathway(p);
    let members = &pathway.services;
    // First position of each member (as a linear search would find it).
    for (i, s) in members.iter().enumerate().rev() {
        position[s.index()] = i as u32;
    }
    let graph = model.client_graph();
    let mut edges: Vec<HandoffIx> = members
        .iter()
        .flat_map(|&s| graph.out(s))
        .filter(|h| position[model.handoff(*h).to.index()] != u32::MAX)
        .collect();
    // In handoff order, as a scan of the model's handoffs adds them.
    //
    // The measures need a graph of their own, taken from the client graph: only the pathway's
    // members, renumbered from 0 (betweenness counts pairs of members), and parallel handoffs
    // merged into one connection. A filtered view of the whole graph would keep the parallel
    // edges and the model's numbering, and so count other shortest paths.
    edges.sort_unstable();
    edges.dedup();
    let mut directed: DiGraph<ServiceIx, HandoffIx> =
        DiGraph::with_capacity(members.len(), edges.len());
    let mut undirected: UnGraph<ServiceIx, ()> = UnGraph::with_capacity(members.len(), edges.len());
    for &s in members {
        directed.add_node(s);
        undirected.add_node(s);
    }
    let mut onward: Vec<bool> = Vec::with_capacity(edges.len());
    for &h in &edges {
        let handoff = model.handoff(h);
        let a = NodeIndex::new(position[handoff.from.index()] as usize);
        let b = NodeIndex::new(position[handoff.to.index()] as usize);
        // Parallel handoffs (a referral and a return) are one connection: counting both would
        // double the shortest paths through it.
        let e = directed.update_edge(a, b, h);
        undirected.update_edge(a, b, ());
        // Whether some handoff of the connection sends clients on (not only back).
        if onward.len() <= e.index() {
            onward.resize(e.index() + 1, false);
        }
        onward[e.index()] |= handoff.kind != HandoffKind::Return;
    }
    // The pathway's clients: those arriving at its services and those sent in from services of
    // other pathways (a pathway of the services that a region's doors refer to has no arrivals
    // of its own). Returns carry no one in the flow this reads.
    let arriving: f64 = members
        .iter()
        .map(|s| {
            let sent_in: f64 = graph
                .into(*s)
                .map(|h| model.handoff(h))
                .filter(|h| position[h.from.index()] == u32::MAX && h.kind != HandoffKind::Return)
                .filter_map(|h| Some(h.share.filter(|x| *x > 0.0)? * flow.load[h.from.index()]))
                .sum();
            flow.arrivals[s.index()] + sent_in
        })
        .sum();
    for s in members {
        position[s.index()] = u32::MAX;
    }
    let pairs: Vec<(u32, u32)> = directed
        .raw_edges()
        .iter()
        .map(|e| (e.source().index() as u32, e.target().index() as u32))
        .collect();
    let between = betweenness::betweenness(members.len(), &pairs, options.exact_betweenness);
    let cut = rustworkx_core::connectivity::articulation_points(&undirected, None);
    let entries: Vec<usize> = (0..members.len())
        .filter(|&i| model.client_graph().is_entry(members[i]))
        .collect();
    let services = members
        .iter()
        .enumerate()
        .map(|(i, &s)| ServiceCentrality {
            service: s,
            betweenness: between.nodes[i],
            articulation: cut.contains(&NodeIndex::new(i)),
            cuts_other_entries: between.nodes[i] >= CUT_BETWEENNESS
                && cut.contains(&NodeIndex::new(i))
                && graph.is_entry(s)
                && cuts_other_entries(&directed, &onward, &entries, i),
            flow_share: (arriving > 0.0 && flow.load[s.index()].is_finite())
                .then(|| (flow.load[s.index()] / arriving).min(1.0)),
        })
        .collect();
    let handoffs = directed
        .edge_indices()
        .map(|e| (directed[e], between.edges[e.index()]))
        .collect();
    Centrality {
        pathway: p,
        services,
        handoffs,
        sampled: between.sampled,
    }
}

/// Whether removing entry `v` cuts clients who arrive at another entry off from services they
/// reach now: they are sent on through it. Returns do not count (`onward` says, per connection,
/// whether some handoff of it sends clients on): a client coming back to a door and sent on from
/// there again is that door's client. (The services only `v`'s own clients reach hang off their
/// door; that is what a door is, not a single point of failure.)
fn cuts_other_entries(
    graph: &DiGraph<ServiceIx, HandoffIx>,
    onward: &[bool],
    entries: &[usize],
    v: usize,
) -> bool {
    let n = graph.node_count();
    let search = |from: usize, direction: Direction, skip: Option<usize>| {
        let mut seen = vec![false; n];
        seen[from] = true;
        let mut stack = vec![from];
        while let Some(a) = stack.pop() {
            if Some(a) == skip {
                continue;
            }
            for edge in graph.edges_directed(NodeIndex::new(a), direction) {
                let b = match direction {
                    Direction::Outgoing => edge.target(),
                    Direction::Incoming => edge.source(),
                }
                .index();
                if onward[edge.id().index()] && !seen[b] {
                    seen[b] = true;
                    stack.push(b);
                }
            }
        }
        seen
    };
    // The entries that send clients to `v`: one search backwards from it.
    let upstream = search(v, Direction::Incoming, None);
    /// Past this many entries sending clients through `v`, it is taken to cut them (each costs
    /// two searches; with that many the answer is nearly always yes).
    const MOST_ENTRIES_TESTED: usize = 64;
    let senders: Vec<usize> = entries
        .iter()
        .copied()
        .filter(|&e| e != v && upstream[e])
        .take(MOST_ENTRIES_TESTED + 1)
        .collect();
    if senders.len() > MOST_ENTRIES_TESTED {
        return true;
    }
    senders.iter().any(|&e| {
        let with = search(e, Direction::Outgoing, None);
        let without = search(e, Direction::Outgoing, Some(v));
        (0..n).any(|s| s != v && with[s] && !without[s])
    })
}

/// The share of shortest routes through a cut vertex that makes it a single point of failure.
const CUT_BETWEENNESS: f64 = 0.2;

/// A service is a single point of failure when removing it cuts its pathway and many routes pass
/// through it, or when most of the pathway's clients pass through it. Entry points are excepted
/// unless clients arriving at another entry depend on them: every client passes their own door,
/// and the returns that come back to it do not make the door a bottleneck.
fn single_points(model: &Model, c: &Centrality, out: &mut Vec<Finding>) {
    for sc in &c.services {
        let service = model.service(sc.service);
        let is_entry =
            !service.entry.is_empty() || model.profiles().iter().any(|p| p.entry == sc.service);
        let through_most = sc.flow_share.is_some_and(|f| f > 0.5) && !is_entry;
        let cuts = sc.articulation
            && sc.betweenness >= CUT_BETWEENNESS
            && (!is_entry || sc.cuts_other_entries);
        if !(through_most || cuts) {
            continue;
        }
        let mut why = Vec::new();
        if sc.articulation {
            why.push("removing it cuts the pathway in two".to_string());
        }
        if sc.betweenness > 0.0 {
            why.push(match c.sampled {
                None => format!(
                    "{:.0} % of shortest routes pass through it",
                    sc.betweenness * 100.0
                ),
                Some(s) => format!(
                    "about {:.0} % of shortest routes pass through it (estimated from routes starting at {} of its {} services: within ±{:.0} points with 95 % confidence)",
                    sc.betweenness * 100.0,
                    s.sources,
                    s.services,
                    s.error_bound * 100.0
                ),
            });
        }
        if let Some(f) = sc.flow_share.filter(|f| *f > 0.0) {
            why.push(format!(
                "{:.0} % of the pathway's clients reach it",
                f * 100.0
            ));
        }
        out.push(
            FindingBuilder::new(
                Payload::SinglePointOfFailure {
                    service: sc.service,
                },
                service.origin.clone(),
                format!(
                    "`{}` is a single point of failure of pathway `{}`: {}",
                    service.id,
                    model.pathway(c.pathway).id,
                    why.join(", ")
                ),
            )
            .severity(Severity::Note)
            .label("the pathway depends on this service")
            .why("When one service carries the pathway, a vacancy, sick leave or the end of a project funding stops every route through it.")
            .fix("add a second route around it (another service or a direct handoff), or secure its staffing")
            .entities([Entity::Service(sc.service)])
            .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use petgraph::graph::DiGraph;
    use proptest::prelude::*;

    /// Betweenness by brute force: for every ordered pair (s, t), count all shortest paths and
    /// those through v; normalised by (n-1)(n-2) for directed graphs.
    fn brute_force(n: usize, edges: &[(usize, usize)]) -> Vec<f64> {
        let adj: Vec<Vec<usize>> = (0..n)
            .map(|u| edges.iter().filter(|e| e.0 == u).map(|e| e.1).collect())
            .collect();
        let bfs = |s: usize| {
            let mut dist = vec![usize::MAX; n];
            let mut count = vec![0f64; n];
            dist[s] = 0;
            count[s] = 1.0;
            let mut q = VecDeque::from([s]);
            while let Some(u) = q.pop_front() {
                for &w in &adj[u] {
                    if dist[w] == usize::MAX {
                        dist[w] = dist[u] + 1;
                        q.push_back(w);
                    }
                    if dist[w] == dist[u] + 1 {
                        count[w] += count[u];
                    }
                }
            }
            (dist, count)
        };
        let all: Vec<_> = (0..n).map(bfs).collect();
        let mut b = vec![0.0; n];
        for s in 0..n {
            for t in 0..n {
                if s == t || all[s].0[t] == usize::MAX {
                    continue;
                }
                for v in 0..n {
                    if v == s || v == t || all[s].0[v] == usize::MAX || all[v].0[t] == usize::MAX {
                        continue;
                    }
                    if all[s].0[v] + all[v].0[t] == all[s].0[t] {
                        b[v] += all[s].1[v] * all[v].1[t] / all[s].1[t];
                    }
                }
            }
        }
        let norm = if n > 2 {
            ((n - 1) * (n - 2)) as f64
        } else {
            1.0
        };
        b.iter().map(|x| x / norm).collect()
    }

    proptest! {
        #[test]
        fn betweenness_matches_brute_force(
            n in 3usize..9,
            raw in prop::collection::vec((0usize..9, 0usize..9), 0..24),
        ) {
            let edges: Vec<(usize, usize)> = raw
                .into_iter()
                .map(|(a, b)| (a % n, b % n))
                .filter(|(a, b)| a != b)
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut g: DiGraph<(), ()> = DiGraph::new();
            for _ in 0..n {
                g.add_node(());
            }
            for (a, b) in &edges {
                g.add_edge(NodeIndex::new(*a), NodeIndex::new(*b), ());
            }
            let ours = rustworkx_core::centrality::betweenness_centrality(&g, false, true, 500);
            let expected = brute_force(n, &edges);
            for v in 0..n {
                prop_assert!((ours[v].unwrap() - expected[v]).abs() < 1e-9, "node {v}: {:?} vs {:?}", ours, expected);
            }
        }
    }

    use super::NodeIndex;

    #[test]
    fn a_sampled_betweenness_states_its_error_bound() {
        let model = crate::analysis::test_model(
            r#"
[pathway]
id = "p"
title = "P"

[[service]]
id = "a"
name = "A"
sector = "social_work"

[[service]]
id = "b"
name = "B"
sector = "social_work"

[[service]]
id = "c"
name = "C"
sector = "social_work"

[[handoff]]
from = "a"
to = "b"

[[handoff]]
from = "b"
to = "c"
"#,
        );
        let flow = super::flow::solve(&model);
        let mut centrality = super::centrality(&model, &flow, Default::default());
        assert_eq!(centrality[0].sampled, None);
        let message = |c: &super::Centrality| {
            let mut out = Vec::new();
            super::single_points(&model, c, &mut out);
            out.iter()
                .map(|f| f.diagnostic.message.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            message(&centrality[0]),
            [
                "`b` is a single point of failure of pathway `p`: removing it cuts the pathway in two, 50 % of shortest routes pass through it"
            ]
        );
        centrality[0].sampled = Some(super::Sample {
            sources: 250,
            services: 2000,
            error_bound: 0.123,
        });
        assert_eq!(
            message(&centrality[0]),
            [
                "`b` is a single point of failure of pathway `p`: removing it cuts the pathway in two, about 50 % of shortest routes pass through it (estimated from routes starting at 250 of its 2000 services: within ±12 points with 95 % confidence)"
            ]
        );
    }

    /// School → {mental health, family counselling}, both returning to the school (10 clients a
    /// month arrive there), and a health centre with the handoffs `health_centre`.
    fn school(health_centre: &str) -> crate::model::Model {
        crate::analysis::test_model(&format!(
            r#"
[pathway]
id = "p"
title = "P"

[[service]]
id = "koulu"
name = "Koulu"
sector = "pupil_welfare"
entry = ["school"]

[[service]]
id = "terveysasema"
name = "Terveysasema"
sector = "primary_health"
entry = ["self_referral"]

[[service]]
id = "mt"
name = "MT"
sector = "mental_health"
exit = true

[[service]]
id = "perhe"
name = "Perhe"
sector = "family_services"
exit = true

[[handoff]]
from = "koulu"
to = "mt"
share = 0.4

[[handoff]]
from = "koulu"
to = "perhe"
share = 0.4

[[handoff]]
from = "mt"
to = "koulu"
kind = "return"
share = 0.3

[[handoff]]
from = "perhe"
to = "koulu"
kind = "return"
share = 0.3

{health_centre}
[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
entry = "koulu"
arrivals_per_month = 10
"#
        ))
    }

    /// A health-centre handoff of `kind` (`referral` or `return`) with its share.
    fn from_health_centre(to: &str, kind: &str, share: f64) -> String {
        format!(
            "[[handoff]]\nfrom = \"terveysasema\"\nto = \"{to}\"\nkind = \"{kind}\"\nshare = {share}\n\n"
        )
    }

    fn single_point_messages(model: &crate::model::Model) -> Vec<String> {
        let flow = super::flow::solve(model);
        let centrality = super::centrality(model, &flow, Default::default());
        let mut out = Vec::new();
        super::single_points(model, &centrality[0], &mut out);
        out.iter().map(|f| f.diagnostic.message.clone()).collect()
    }

    #[test]
    fn returns_to_an_entry_do_not_make_it_a_single_point_of_failure() {
        // Every return passes the school, so it is a cut vertex on most shortest routes; but the
        // clients it sends on are its own.
        let model = school(
            &(from_health_centre("mt", "referral", 0.5)
                + &from_health_centre("perhe", "referral", 0.5)),
        );
        assert_eq!(single_point_messages(&model), Vec::<String>::new());
    }

    #[test]
    fn an_entry_that_another_entry_sends_clients_through_is_one() {
        let found = single_point_messages(&school(&from_health_centre("koulu", "referral", 0.5)));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("`koulu` is a single point of failure"),
            "{found:?}"
        );
    }

    #[test]
    fn a_referral_beside_a_return_still_sends_clients_through_the_door() {
        // The health centre both refers clients to the school and (written after it) returns
        // them there: one connection in the measures, and it sends clients on.
        let model = school(
            &(from_health_centre("koulu", "referral", 0.3)
                + &from_health_centre("koulu", "return", 0.2)),
        );
        let found = single_point_messages(&model);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("`koulu`"), "{found:?}");
    }

    #[test]
    fn returning_clients_are_not_counted_twice_in_the_share_that_reaches_a_service() {
        // 10 a month arrive; 8 go on; 30 % come back and go again. Visits: load(mt) = 4 / (1 -
        // 0.8·0.3) ≈ 5.26, over half of the arrivals counted by visits; clients: 4.
        let model = school("");
        let flow = super::flow::solve(&model);
        let mt = model.service_by_id("mt").unwrap();
        assert!(flow.load[mt.index()] > 5.2);
        let centrality = super::centrality(&model, &flow, Default::default());
        let share = centrality[0]
            .services
            .iter()
            .find(|s| s.service == mt)
            .and_then(|s| s.flow_share)
            .unwrap();
        assert!((share - 0.4).abs() < 1e-9, "{share}");
    }

    #[test]
    fn a_pathway_fed_from_another_counts_the_clients_sent_in() {
        // The doors are in one file, the services they refer to in another: the second pathway's
        // clients are the 8 a month sent in, of whom `mt` takes 6.
        let mut sources = crate::diagnostic::Sources::new();
        sources.add(crate::diagnostic::SourceFile::new(
            "ovet.toml",
            r#"
[pathway]
id = "ovet"
title = "Ovet"

[[service]]
id = "koulu"
name = "Koulu"
sector = "pupil_welfare"
entry = ["school"]

[[handoff]]
from = "koulu"
to = "mt"
share = 0.6

[[handoff]]
from = "koulu"
to = "perhe"
share = 0.2

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
entry = "koulu"
arrivals_per_month = 10
"#,
        ));
        sources.add(crate::diagnostic::SourceFile::new(
            "palvelut.toml",
            r#"
[pathway]
id = "palvelut"
title = "Palvelut"

[[service]]
id = "mt"
name = "MT"
sector = "mental_health"
exit = true

[[service]]
id = "perhe"
name = "Perhe"
sector = "family_services"
exit = true
"#,
        ));
        let model = crate::workspace::load_sources(sources).model;
        let flow = super::flow::solve(&model);
        let centrality = super::centrality(&model, &flow, Default::default());
        let palvelut = model
            .pathways()
            .iter()
            .position(|p| p.id == "palvelut")
            .unwrap();
        let mt = model.service_by_id("mt").unwrap();
        let share = centrality[palvelut]
            .services
            .iter()
            .find(|s| s.service == mt)
            .and_then(|s| s.flow_share);
        assert_eq!(share, Some(0.75));
    }
}
