//! The graph clients move along: services as nodes, client-moving handoffs (referrals and
//! returns) as edges. Consultations, joint work and information do not move a client, so they are
//! collaboration, not a way on.
//!
//! A key design decision made in this module is that there is one such graph per [`Model`],
//! built when the model is built and read by every analysis that walks client movement
//! (reachability, referral loops, routes, dead ends, the flow solver's ordering, the pathway
//! subgraphs of the bottleneck measures). Before, four of them built their own adjacency from
//! the handoff list, and copies of one idea drift apart.
//!
//! Node `i` of the petgraph graph is `ServiceIx(i)`, and edges are added in *descending* handoff
//! order: petgraph lists a node's edges newest first, so [`ClientGraph::out`] and
//! [`ClientGraph::into`] yield handoffs in ascending order, the order they are written in, which
//! the routes and the findings' entity lists keep.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};

use super::{Handoff, HandoffIx, IndexVec, Model, Profile, ProfileIx, Service, ServiceIx};

/// Client-moving handoffs between services, with the entry services and the referral loops
/// computed once.
#[derive(Clone, Debug, Default)]
pub struct ClientGraph {
    graph: DiGraph<ServiceIx, HandoffIx>,
    entries: Vec<ServiceIx>,
    loops: Vec<Vec<ServiceIx>>,
}

impl ClientGraph {
    /// The graph of these lists (what [`Model::new`] calls).
    pub(super) fn new(
        services: &IndexVec<ServiceIx, Service>,
        handoffs: &IndexVec<HandoffIx, Handoff>,
        profiles: &IndexVec<ProfileIx, Profile>,
    ) -> Self {
        let moving = handoffs.iter().filter(|h| h.kind.moves_client()).count();
        let mut graph = DiGraph::with_capacity(services.len(), moving);
        for s in services.indices() {
            graph.add_node(s);
        }
        for (h, handoff) in handoffs.iter_enumerated().rev() {
            if handoff.kind.moves_client() {
                graph.add_edge(node(handoff.from), node(handoff.to), h);
            }
        }
        let mut is_entry: IndexVec<ServiceIx, bool> =
            services.iter().map(|s| !s.entry.is_empty()).collect();
        for p in profiles {
            is_entry[p.entry] = true;
        }
        let entries = is_entry
            .iter_enumerated()
            .filter_map(|(s, &e)| e.then_some(s))
            .collect();
        // Kosaraju rather than Tarjan: petgraph's Tarjan recurses once per service along a path,
        // and a loop of thousands of services would overflow a thread's stack.
        let mut loops: Vec<Vec<ServiceIx>> = petgraph::algo::kosaraju_scc(&graph)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|c| {
                let mut c: Vec<ServiceIx> = c.into_iter().map(|n| graph[n]).collect();
                c.sort();
                c
            })
            .collect();
        loops.sort();
        ClientGraph {
            graph,
            entries,
            loops,
        }
    }

    /// The petgraph graph itself, for petgraph's algorithms and filtered views: node `i` is
    /// `ServiceIx(i)` (see [`node`]), each edge's weight its handoff.
    pub fn graph(&self) -> &DiGraph<ServiceIx, HandoffIx> {
        &self.graph
    }

    /// Entry services: those with an `entry` channel or that are some profile's entry, in order.
    pub fn entries(&self) -> &[ServiceIx] {
        &self.entries
    }

    /// Whether `s` is an entry service.
    pub fn is_entry(&self, s: ServiceIx) -> bool {
        // `entries` is in ascending order (built by one pass over the services).
        self.entries.binary_search(&s).is_ok()
    }

    /// Client-moving handoffs leaving `s`, in ascending order.
    pub fn out(&self, s: ServiceIx) -> impl Iterator<Item = HandoffIx> + '_ {
        self.graph.edges(node(s)).map(|e| *e.weight())
    }

    /// Client-moving handoffs arriving at `s`, in ascending order.
    pub fn into(&self, s: ServiceIx) -> impl Iterator<Item = HandoffIx> + '_ {
        self.graph
            .edges_directed(node(s), Direction::Incoming)
            .map(|e| *e.weight())
    }

    /// Whether `s` sends clients anywhere.
    pub fn has_out(&self, s: ServiceIx) -> bool {
        self.out(s).next().is_some()
    }

    /// Services reachable from `start` along client-moving handoffs (including the starts).
    pub fn reachable(&self, start: &[ServiceIx]) -> IndexVec<ServiceIx, bool> {
        let mut seen = IndexVec::from_elem(false, self.graph.node_count());
        let mut stack: Vec<ServiceIx> = start.to_vec();
        for &s in start {
            seen[s] = true;
        }
        while let Some(s) = stack.pop() {
            for to in self.graph.neighbors(node(s)) {
                let to = self.graph[to];
                if !seen[to] {
                    seen[to] = true;
                    stack.push(to);
                }
            }
        }
        seen
    }

    /// Strongly connected components with more than one service: the referral loops, each
    /// sorted, in order.
    pub fn loops(&self) -> &[Vec<ServiceIx>] {
        &self.loops
    }
}

/// The node of service `s` in [`ClientGraph::graph`].
pub fn node(s: ServiceIx) -> NodeIndex {
    NodeIndex::new(s.index())
}

impl Model {
    /// The graph clients move along, built with the model.
    pub fn client_graph(&self) -> &ClientGraph {
        &self.graph
    }
}
