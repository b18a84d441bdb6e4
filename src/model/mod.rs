//! The domain model of a pathway workspace: pure data, no I/O, no file format.
//!
//! **Architecture Invariant:** nothing in this module reads files, parses TOML or knows about
//! the terminal. The loader in [`crate::workspace`] builds a [`Model`]; the analysis and the
//! renderers only read it.

mod documentation;
mod duration;
mod entities;
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
pub use text::{Lang, LocalText};
pub use vocabulary::{
    ActorKind, ClockEnd, DocSection, EntryChannel, HandoffKind, Level, PathwayStatus, Protocol,
    Sector, Vocabulary,
};

/// Every valid entity of a workspace, with references resolved to indices.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    /// Organisations.
    pub actors: Vec<Actor>,
    /// The need vocabulary.
    pub needs: Vec<Need>,
    /// Services (nodes).
    pub services: Vec<Service>,
    /// Handoffs (edges).
    pub handoffs: Vec<Handoff>,
    /// Client profiles.
    pub profiles: Vec<Profile>,
    /// Statutory clocks.
    pub clocks: Vec<Clock>,
    /// Pathways.
    pub pathways: Vec<Pathway>,
    /// Findings excused on purpose, with the reason.
    pub allows: Vec<Allow>,
    /// The sections and titles of the pathway pages (`[documentation]`).
    pub documentation: Documentation,
    #[serde(skip)]
    index: Index,
}

#[derive(Clone, Debug, Default)]
struct Index {
    actors: HashMap<String, ActorIx>,
    needs: HashMap<String, NeedIx>,
    services: HashMap<String, ServiceIx>,
    profiles: HashMap<String, ProfileIx>,
    pathways: HashMap<String, PathwayIx>,
}

impl Model {
    /// Rebuilds the id look-up tables; call after changing the entity lists.
    pub fn reindex(&mut self) {
        fn map<T, I: Copy>(
            items: &[T],
            id: impl Fn(&T) -> &str,
            ix: impl Fn(u32) -> I,
        ) -> HashMap<String, I> {
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (id(item).to_owned(), ix(i as u32)))
                .collect()
        }
        self.index = Index {
            actors: map(&self.actors, |a| &a.id, ActorIx),
            needs: map(&self.needs, |n| &n.id, NeedIx),
            services: map(&self.services, |s| &s.id, ServiceIx),
            profiles: map(&self.profiles, |p| &p.id, ProfileIx),
            pathways: map(&self.pathways, |p| &p.id, PathwayIx),
        };
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

    /// Every service index, in order.
    pub fn service_indices(&self) -> impl Iterator<Item = ServiceIx> + use<> {
        (0..self.services.len() as u32).map(ServiceIx)
    }

    /// The actor at `ix`.
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix.index()]
    }

    /// The need at `ix`.
    pub fn need(&self, ix: NeedIx) -> &Need {
        &self.needs[ix.index()]
    }

    /// The service at `ix`.
    pub fn service(&self, ix: ServiceIx) -> &Service {
        &self.services[ix.index()]
    }

    /// The handoff at `ix`.
    pub fn handoff(&self, ix: HandoffIx) -> &Handoff {
        &self.handoffs[ix.index()]
    }

    /// The profile at `ix`.
    pub fn profile(&self, ix: ProfileIx) -> &Profile {
        &self.profiles[ix.index()]
    }

    /// The pathway at `ix`.
    pub fn pathway(&self, ix: PathwayIx) -> &Pathway {
        &self.pathways[ix.index()]
    }
}
