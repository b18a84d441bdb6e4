//! The domain model of a pathway workspace: pure data, no I/O, no file format.
//!
//! **Architecture Invariant:** nothing in this module reads files, parses TOML or knows about
//! the terminal. The loader in [`crate::workspace`] builds a [`Model`]; the analysis and the
//! renderers only read it.

mod documentation;
mod duration;
mod entities;
mod graph;
mod index_vec;
mod text;
mod vocabulary;

use std::collections::HashMap;

use serde::Serialize;

pub use documentation::Documentation;
pub use duration::{DayUnit, Duration};
pub use entities::{
    Actor, ActorIx, Allow, Capacity, Clock, Eligibility, Handoff, HandoffIx, Need, NeedIx, Pathway,
    PathwayIx, Profile, ProfileIx, Selector, Service, ServiceIx,
};
pub use graph::{ClientGraph, node};
pub use index_vec::{Idx, IndexVec};
pub use text::{Lang, LocalText};
pub use vocabulary::{
    ActorKind, ClockEnd, DocSection, EntryChannel, HandoffKind, Level, PathwayStatus, Protocol,
    Sector, Vocabulary,
};

/// The entity lists a [`Model`] is built from: what the loader assembles and what a what-if
/// edits before building a new model. Public fields because a set of lists has no invariant of its
/// own; the [`Model`] built from them is indexed once and then only read.
#[derive(Clone, Debug, Default)]
pub struct ModelParts {
    /// Organisations.
    pub actors: IndexVec<ActorIx, Actor>,
    /// The need vocabulary.
    pub needs: IndexVec<NeedIx, Need>,
    /// Services (nodes).
    pub services: IndexVec<ServiceIx, Service>,
    /// Handoffs (edges).
    pub handoffs: IndexVec<HandoffIx, Handoff>,
    /// Client profiles.
    pub profiles: IndexVec<ProfileIx, Profile>,
    /// Statutory clocks.
    pub clocks: Vec<Clock>,
    /// Pathways.
    pub pathways: IndexVec<PathwayIx, Pathway>,
    /// Findings excused on purpose, with the reason.
    pub allows: Vec<Allow>,
    /// The sections and titles of the pathway pages (`[documentation]`).
    pub documentation: Documentation,
}

/// Every valid entity of a workspace, with references resolved to indices.
///
/// A key design decision made here is that the lists are private and a model is only made by
/// [`Model::new`], which builds the id look-up tables at once: no caller can change a list and
/// forget to re-index, and the [`ClientGraph`] every analysis walks is built once with it. A change (a what-if) takes the [`ModelParts`] out, edits them and builds a
/// new model.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    actors: IndexVec<ActorIx, Actor>,
    needs: IndexVec<NeedIx, Need>,
    services: IndexVec<ServiceIx, Service>,
    handoffs: IndexVec<HandoffIx, Handoff>,
    profiles: IndexVec<ProfileIx, Profile>,
    clocks: Vec<Clock>,
    pathways: IndexVec<PathwayIx, Pathway>,
    allows: Vec<Allow>,
    documentation: Documentation,
    #[serde(skip)]
    index: Index,
    #[serde(skip)]
    graph: ClientGraph,
}

#[derive(Clone, Debug, Default)]
struct Index {
    actors: HashMap<String, ActorIx>,
    needs: HashMap<String, NeedIx>,
    services: HashMap<String, ServiceIx>,
    profiles: HashMap<String, ProfileIx>,
    pathways: HashMap<String, PathwayIx>,
}

/// Id → index for one list. Ids are unique in a model (the loader reports and drops a second
/// entity of an id), so which of two equal ids would win does not arise.
fn by_id<I: Idx, T>(items: &IndexVec<I, T>, id: impl Fn(&T) -> &str) -> HashMap<String, I> {
    items
        .iter_enumerated()
        .map(|(i, item)| (id(item).to_owned(), i))
        .collect()
}

impl Model {
    /// The model of these lists, indexed.
    pub fn new(parts: ModelParts) -> Model {
        let index = Index {
            actors: by_id(&parts.actors, |a| &a.id),
            needs: by_id(&parts.needs, |n| &n.id),
            services: by_id(&parts.services, |s| &s.id),
            profiles: by_id(&parts.profiles, |p| &p.id),
            pathways: by_id(&parts.pathways, |p| &p.id),
        };
        let graph = ClientGraph::new(&parts.services, &parts.handoffs, &parts.profiles);
        let ModelParts {
            actors,
            needs,
            services,
            handoffs,
            profiles,
            clocks,
            pathways,
            allows,
            documentation,
        } = parts;
        Model {
            actors,
            needs,
            services,
            handoffs,
            profiles,
            clocks,
            pathways,
            allows,
            documentation,
            index,
            graph,
        }
    }

    /// The lists again, to edit and build a new model from.
    pub fn into_parts(self) -> ModelParts {
        ModelParts {
            actors: self.actors,
            needs: self.needs,
            services: self.services,
            handoffs: self.handoffs,
            profiles: self.profiles,
            clocks: self.clocks,
            pathways: self.pathways,
            allows: self.allows,
            documentation: self.documentation,
        }
    }

    /// Organisations.
    pub fn actors(&self) -> &IndexVec<ActorIx, Actor> {
        &self.actors
    }

    /// The need vocabulary.
    pub fn needs(&self) -> &IndexVec<NeedIx, Need> {
        &self.needs
    }

    /// Services (nodes).
    pub fn services(&self) -> &IndexVec<ServiceIx, Service> {
        &self.services
    }

    /// Handoffs (edges).
    pub fn handoffs(&self) -> &IndexVec<HandoffIx, Handoff> {
        &self.handoffs
    }

    /// Client profiles.
    pub fn profiles(&self) -> &IndexVec<ProfileIx, Profile> {
        &self.profiles
    }

    /// Statutory clocks.
    pub fn clocks(&self) -> &[Clock] {
        &self.clocks
    }

    /// Pathways.
    pub fn pathways(&self) -> &IndexVec<PathwayIx, Pathway> {
        &self.pathways
    }

    /// Findings excused on purpose, with the reason.
    pub fn allows(&self) -> &[Allow] {
        &self.allows
    }

    /// The sections and titles of the pathway pages (`[documentation]`).
    pub fn documentation(&self) -> &Documentation {
        &self.documentation
    }

    /// The actor with this id.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorIx> {
        self.index.actors.get(id).copied()
    }

    /// The need with this id.
    pub fn need_by_id(&self, id: &str) -> Option<NeedIx> {
        self.index.needs.get(id).copied()
    }

    /// The service with this id.
    pub fn service_by_id(&self, id: &str) -> Option<ServiceIx> {
        self.index.services.get(id).copied()
    }

    /// The profile with this id.
    pub fn profile_by_id(&self, id: &str) -> Option<ProfileIx> {
        self.index.profiles.get(id).copied()
    }

    /// The pathway with this id.
    pub fn pathway_by_id(&self, id: &str) -> Option<PathwayIx> {
        self.index.pathways.get(id).copied()
    }

    /// The region a service is in: its own, else its actor's; `None` when neither says.
    pub fn service_region(&self, s: ServiceIx) -> Option<&str> {
        let service = self.service(s);
        service
            .region
            .as_deref()
            .or_else(|| service.actor.and_then(|a| self.actor(a).region.as_deref()))
    }

    /// Every region a service is in, sorted and once each: what the ecosystem drills into.
    pub fn regions(&self) -> Vec<&str> {
        let set: std::collections::BTreeSet<&str> = self
            .service_indices()
            .filter_map(|s| self.service_region(s))
            .collect();
        set.into_iter().collect()
    }

    /// Every service index, in order.
    pub fn service_indices(&self) -> impl DoubleEndedIterator<Item = ServiceIx> + use<> {
        self.services.indices()
    }

    /// The actor at `ix`.
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix]
    }

    /// The need at `ix`.
    pub fn need(&self, ix: NeedIx) -> &Need {
        &self.needs[ix]
    }

    /// The service at `ix`.
    pub fn service(&self, ix: ServiceIx) -> &Service {
        &self.services[ix]
    }

    /// The handoff at `ix`.
    pub fn handoff(&self, ix: HandoffIx) -> &Handoff {
        &self.handoffs[ix]
    }

    /// The profile at `ix`.
    pub fn profile(&self, ix: ProfileIx) -> &Profile {
        &self.profiles[ix]
    }

    /// The pathway at `ix`.
    pub fn pathway(&self, ix: PathwayIx) -> &Pathway {
        &self.pathways[ix]
    }
}
