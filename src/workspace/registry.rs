//! The ids every file of a workspace defines, collected before any entity is read.
//!
//! Entities reference each other across files, so references can only be checked once every id
//! is known. The loader registers ids in a first pass; the second pass reads entities and resolves
//! references to registry positions; the last step renumbers those positions to the model's,
//! leaving out entities that turned out invalid. A reference to an entity that exists but is
//! invalid is dropped silently: its own error is already reported, and a second "unknown
//! reference" would only mislead.

use std::collections::HashMap;

use crate::diagnostic::{Origin, did_you_mean};

/// The ids of one kind of entity.
#[derive(Default)]
pub struct IdTable {
    by_id: HashMap<String, u32>,
    ids: Vec<String>,
    origins: Vec<Origin>,
    /// How many "did you mean" searches were made: each compares with every id, so a file of
    /// thousands of broken references would otherwise take minutes to report.
    suggestions: std::cell::Cell<usize>,
}

/// "Did you mean" searches per id table; after them an unknown id gets no suggestion.
const MAX_SUGGESTIONS: usize = 200;

impl IdTable {
    /// Registers `id` written at `origin`; when it is taken, returns where it was first written.
    pub fn register(&mut self, id: &str, origin: Origin) -> Result<u32, &Origin> {
        if let Some(&pos) = self.by_id.get(id) {
            return Err(&self.origins[pos as usize]);
        }
        let pos = self.ids.len() as u32;
        self.by_id.insert(id.to_owned(), pos);
        self.ids.push(id.to_owned());
        self.origins.push(origin);
        Ok(pos)
    }

    /// The registry position of `id`.
    pub fn lookup(&self, id: &str) -> Option<u32> {
        self.by_id.get(id).copied()
    }

    /// True when the entity written at `origin` is the one that owns `id` (not a duplicate).
    pub fn owns(&self, id: &str, origin: &Origin) -> bool {
        self.lookup(id)
            .is_some_and(|pos| &self.origins[pos as usize] == origin)
    }

    /// The registered id closest to `id`, for "did you mean".
    pub fn closest(&self, id: &str) -> Option<&str> {
        let made = self.suggestions.get();
        if made >= MAX_SUGGESTIONS {
            return None;
        }
        self.suggestions.set(made + 1);
        did_you_mean(id, self.ids.iter().map(String::as_str))
    }

    /// Number of registered ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
}

/// The kinds of entity a file can define, by the name of their TOML array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `[[actor]]`
    Actor,
    /// `[[need]]`
    Need,
    /// `[[service]]`
    Service,
    /// `[[handoff]]`
    Handoff,
    /// `[[profile]]`
    Profile,
    /// `[[clock]]`
    Clock,
    /// `[[allow]]`
    Allow,
}

impl Kind {
    /// Every kind, in the order entities are read.
    pub const ALL: [Kind; 7] = [
        Kind::Actor,
        Kind::Need,
        Kind::Service,
        Kind::Handoff,
        Kind::Profile,
        Kind::Clock,
        Kind::Allow,
    ];

    /// The TOML array name (`service` for `[[service]]`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Need => "need",
            Kind::Service => "service",
            Kind::Handoff => "handoff",
            Kind::Profile => "profile",
            Kind::Clock => "clock",
            Kind::Allow => "allow",
        }
    }
}

/// The ids of every kind of entity.
#[derive(Default)]
pub struct Registry {
    /// Actor ids.
    pub actors: IdTable,
    /// Need ids.
    pub needs: IdTable,
    /// Service ids.
    pub services: IdTable,
    /// Profile ids.
    pub profiles: IdTable,
    /// Clock ids.
    pub clocks: IdTable,
    /// Pathway ids.
    pub pathways: IdTable,
}

impl Registry {
    /// The table for entities of `kind`; handoffs have no ids.
    pub fn table_mut(&mut self, kind: Kind) -> Option<&mut IdTable> {
        match kind {
            Kind::Actor => Some(&mut self.actors),
            Kind::Need => Some(&mut self.needs),
            Kind::Service => Some(&mut self.services),
            Kind::Profile => Some(&mut self.profiles),
            Kind::Clock => Some(&mut self.clocks),
            Kind::Handoff | Kind::Allow => None,
        }
    }
}

/// Maps registry positions to model indices once invalid entities are left out.
pub struct Renumber(Vec<Option<u32>>);

impl Renumber {
    /// From the registry positions of the entities that were read successfully, in model order.
    pub fn new(registered: usize, kept: impl IntoIterator<Item = u32>) -> Self {
        let mut map = vec![None; registered];
        for (new, old) in kept.into_iter().enumerate() {
            map[old as usize] = Some(new as u32);
        }
        Renumber(map)
    }

    /// The model index of registry position `old`, if that entity was kept.
    pub fn get(&self, old: u32) -> Option<u32> {
        self.0.get(old as usize).copied().flatten()
    }
}
