//! The graph clients move along: services as nodes, client-moving handoffs (referrals and
//! returns) as edges. Consultations, joint work and information do not move a client, so they are
//! collaboration, not a way on.

use petgraph::graph::{DiGraph, NodeIndex};

use crate::model::{HandoffIx, Model, ServiceIx};

/// Adjacency of client-moving handoffs, indexed by service.
pub struct ClientGraph {
    /// Outgoing client-moving handoffs of each service.
    pub out: Vec<Vec<HandoffIx>>,
    /// Incoming client-moving handoffs of each service.
    pub into: Vec<Vec<HandoffIx>>,
    /// Entry services: those with an `entry` channel or that are some profile's entry.
    pub entries: Vec<ServiceIx>,
}

impl ClientGraph {
    /// Builds the graph of a model.
    pub fn new(model: &Model) -> Self {
        let n = model.services.len();
        let mut out = vec![Vec::new(); n];
        let mut into = vec![Vec::new(); n];
        for (i, h) in model.handoffs.iter().enumerate() {
            if h.kind.moves_client() {
                out[h.from.index()].push(HandoffIx(i as u32));
                into[h.to.index()].push(HandoffIx(i as u32));
            }
        }
        let mut is_entry = vec![false; n];
        for (i, s) in model.services.iter().enumerate() {
            is_entry[i] |= !s.entry.is_empty();
        }
        for p in &model.profiles {
            is_entry[p.entry.index()] = true;
        }
        let entries = (0..n as u32)
            .map(ServiceIx)
            .filter(|s| is_entry[s.index()])
            .collect();
        ClientGraph { out, into, entries }
    }

    /// Services reachable from `start` along client-moving handoffs (including the starts).
    pub fn reachable(&self, model: &Model, start: &[ServiceIx]) -> Vec<bool> {
        let mut seen = vec![false; self.out.len()];
        let mut stack: Vec<ServiceIx> = start.to_vec();
        for s in start {
            seen[s.index()] = true;
        }
        while let Some(s) = stack.pop() {
            for h in &self.out[s.index()] {
                let to = model.handoff(*h).to;
                if !seen[to.index()] {
                    seen[to.index()] = true;
                    stack.push(to);
                }
            }
        }
        seen
    }

    /// Strongly connected components with more than one service: the referral loops.
    pub fn loops(&self, model: &Model) -> Vec<Vec<ServiceIx>> {
        let mut g: DiGraph<(), ()> = DiGraph::with_capacity(self.out.len(), 0);
        for _ in 0..self.out.len() {
            g.add_node(());
        }
        for hs in &self.out {
            for h in hs {
                let h = model.handoff(*h);
                g.add_edge(
                    NodeIndex::new(h.from.index()),
                    NodeIndex::new(h.to.index()),
                    (),
                );
            }
        }
        let mut sccs: Vec<Vec<ServiceIx>> = petgraph::algo::kosaraju_scc(&g)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut c: Vec<ServiceIx> =
                    c.into_iter().map(|n| ServiceIx(n.index() as u32)).collect();
                c.sort();
                c
            })
            .collect();
        sccs.sort();
        sccs
    }
}

/// The region a service is in: its own, else its actor's.
pub fn region_of(model: &Model, s: ServiceIx) -> Option<&str> {
    let service = model.service(s);
    service
        .region
        .as_deref()
        .or_else(|| service.actor.and_then(|a| model.actor(a).region.as_deref()))
}
