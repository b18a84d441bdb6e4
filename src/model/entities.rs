//! The entities of a pathway workspace: actors, needs, services, handoffs, client profiles,
//! statutory clocks and pathways.
//!
//! References between entities are resolved indices into [`crate::model::Model`], never strings:
//! once the loader has built a model, every reference in it points at something that exists.

use serde::Serialize;

use super::{
    ActorKind, ClockEnd, Duration, EntryChannel, HandoffKind, Level, LocalText, PathwayStatus,
    Protocol, Sector,
};
use crate::diagnostic::{Code, Origin};

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            /// The position in the model's list.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl super::Idx for $name {
            fn new(i: usize) -> Self {
                // A model holds far fewer than 2³² entities of a kind (a national one ~60,000).
                $name(u32::try_from(i).expect("fewer than 2^32 entities"))
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

index_type!(
    /// Position of an [`Actor`] in [`crate::model::Model::actors`].
    ActorIx
);
index_type!(
    /// Position of a [`Need`] in [`crate::model::Model::needs`].
    NeedIx
);
index_type!(
    /// Position of a [`Service`] in [`crate::model::Model::services`].
    ServiceIx
);
index_type!(
    /// Position of a [`Handoff`] in [`crate::model::Model::handoffs`].
    HandoffIx
);
index_type!(
    /// Position of a [`Profile`] in [`crate::model::Model::profiles`].
    ProfileIx
);
index_type!(
    /// Position of a [`Pathway`] in [`crate::model::Model::pathways`].
    PathwayIx
);

/// An organisation that runs services (toimija): one swimlane in a diagram.
#[derive(Clone, Debug, Serialize)]
pub struct Actor {
    /// Stable kebab-case id.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// What kind of organisation.
    pub kind: ActorKind,
    /// Region, e.g. a wellbeing services county or a municipality.
    pub region: Option<String>,
    /// Free description.
    pub description: LocalText,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// A need a client may have and a service may address (tarve), such as substance use or anxiety.
#[derive(Clone, Debug, Serialize)]
pub struct Need {
    /// Stable kebab-case id.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// Free description.
    pub description: LocalText,
    /// The last age the law gives this need's services (child welfare: 17, for the Child
    /// Welfare Act ends at 18): past it, services for the need are not expected.
    pub legal_age_max: Option<u32>,
    /// The need that takes over past `legal_age_max` (child welfare → aftercare), which must be
    /// reachable at the hand-over age for the pathway not to end there.
    pub continues_as: Option<NeedIx>,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// Who a service takes (kohderyhmä ja rajaukset).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Eligibility {
    /// Youngest age taken, in whole years, inclusive.
    pub age_min: Option<u32>,
    /// Oldest age taken, in whole years, inclusive.
    pub age_max: Option<u32>,
    /// Languages the service is given in (ISO 639 codes); empty means not stated.
    pub languages: Vec<String>,
    /// Needs the service addresses.
    pub needs: Vec<NeedIx>,
    /// Needs that exclude a client from the service (poissulkevat tarpeet).
    pub excludes: Vec<NeedIx>,
}

impl Eligibility {
    /// True when a client of this age falls within the age range.
    pub fn takes_age(&self, age: u32) -> bool {
        self.age_min.is_none_or(|m| age >= m) && self.age_max.is_none_or(|m| age <= m)
    }
}

/// How many clients a service can take.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Capacity {
    /// New clients the service can take per month.
    pub clients_per_month: f64,
    /// Number of workers serving in parallel (for M/M/c queueing), when known.
    pub staff: Option<u32>,
}

/// A service (palvelu): one node of the pathway graph.
#[derive(Clone, Debug, Serialize)]
pub struct Service {
    /// Stable kebab-case id.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// Free description.
    pub description: LocalText,
    /// The organisation that runs it; `None` when the model does not say yet.
    pub actor: Option<ActorIx>,
    /// The field it belongs to.
    pub sector: Sector,
    /// How specialised it is; `None` when not stated.
    pub level: Option<Level>,
    /// Region, when it differs from the actor's.
    pub region: Option<String>,
    /// Who it takes.
    pub eligibility: Eligibility,
    /// How many it can take; `None` when not stated.
    pub capacity: Option<Capacity>,
    /// Mean time a client spends in the service.
    pub mean_service_time: Option<Duration>,
    /// Current wait from referral to the first meeting.
    pub wait: Option<Duration>,
    /// How clients arrive when this is an entry point; empty when it is not one.
    pub entry: Vec<EntryChannel>,
    /// True when a pathway may end here (the client's need is met or they leave services).
    pub exit: bool,
    /// True when the figures are made up for illustration rather than taken from a source.
    pub illustrative: bool,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// A handoff (siirtymä) from one service to another: one edge of the pathway graph.
#[derive(Clone, Debug, Serialize)]
pub struct Handoff {
    /// Where the client (or information) comes from.
    pub from: ServiceIx,
    /// Where it goes.
    pub to: ServiceIx,
    /// What kind of handoff.
    pub kind: HandoffKind,
    /// Share of the source's clients that take this handoff, 0..1, when known.
    pub share: Option<f64>,
    /// Wait on the handoff itself (e.g. the referral's processing time).
    pub wait: Option<Duration>,
    /// How it is agreed; `None` when the model does not say.
    pub protocol: Option<Protocol>,
    /// Whether the client's (or guardian's) consent is handled as part of the handoff.
    pub consent: Option<bool>,
    /// Free note.
    pub note: LocalText,
    /// True when the figures are made up for illustration.
    pub illustrative: bool,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// A client persona for gap analysis (asiakasprofiili), e.g. a 15-year-old Swedish speaker with
/// substance use and anxiety.
#[derive(Clone, Debug, Serialize)]
pub struct Profile {
    /// Stable kebab-case id.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// Free description.
    pub description: LocalText,
    /// Age in whole years.
    pub age: u32,
    /// The language the client needs service in (ISO 639 code).
    pub language: String,
    /// The client's needs.
    pub needs: Vec<NeedIx>,
    /// The service where the client first arrives.
    pub entry: ServiceIx,
    /// How many such clients arrive per month, when known.
    pub arrivals_per_month: Option<f64>,
    /// True when the figures are made up for illustration.
    pub illustrative: bool,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// Which services a statutory clock applies to. Empty lists match everything.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Selector {
    /// Services matched by id.
    pub services: Vec<ServiceIx>,
    /// Services matched by sector.
    pub sectors: Vec<Sector>,
    /// Services matched by level.
    pub levels: Vec<Level>,
}

impl Selector {
    /// Renumbers the services with `map`. Returns false when a list that named services names
    /// none any more: an empty list matches every service, so such a selector must be dropped,
    /// not kept.
    pub fn remap(&mut self, map: impl Fn(ServiceIx) -> Option<ServiceIx>) -> bool {
        let named = !self.services.is_empty();
        self.services = self.services.iter().filter_map(|s| map(*s)).collect();
        !(named && self.services.is_empty())
    }

    /// True when the service matches every non-empty criterion.
    pub fn matches(&self, ix: ServiceIx, service: &Service) -> bool {
        (self.services.is_empty() || self.services.contains(&ix))
            && (self.sectors.is_empty() || self.sectors.contains(&service.sector))
            && (self.levels.is_empty() || service.level.is_some_and(|l| self.levels.contains(&l)))
    }
}

/// A statutory time limit (lakisääteinen määräaika) a route is checked against, e.g. a
/// specialist mental-health assessment within 3 weeks of the referral for under-23s.
#[derive(Clone, Debug, Serialize)]
pub struct Clock {
    /// Stable kebab-case id.
    pub id: String,
    /// Name.
    pub name: LocalText,
    /// The provision that sets it, e.g. "Terveydenhuoltolaki 53 §".
    pub law: Option<String>,
    /// Where the clock starts: the first matching service on a route. `None`: at the referral
    /// into a service that `to` matches.
    pub from: Option<Selector>,
    /// Where the clock stops: the first matching service on the route.
    pub to: Selector,
    /// Whether the clock stops when that service starts or when it is completed.
    pub until: ClockEnd,
    /// The time allowed.
    pub limit: Duration,
    /// The clock applies to clients up to this age (inclusive), when set.
    pub age_max: Option<u32>,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// A pathway (palvelupolku, palveluketju): the services, handoffs and profiles of one file, with
/// the metadata an Innokylä page needs.
#[derive(Clone, Debug, Serialize)]
pub struct Pathway {
    /// Stable kebab-case id.
    pub id: String,
    /// Title (nimi).
    pub title: LocalText,
    /// Short description (lyhyt kuvaus).
    pub summary: LocalText,
    /// Region or wellbeing services county (alue).
    pub region: Option<String>,
    /// The core idea of the solution (ratkaisun perusidea): what is done differently, in a few
    /// sentences; Innokylä asks for it right after the basic information.
    pub core_idea: LocalText,
    /// The operating environment (toimintaympäristö): where and among whom the model works.
    pub operating_environment: LocalText,
    /// Purpose (tarkoitus).
    pub purpose: LocalText,
    /// Goals (tavoitteet).
    pub goals: Vec<LocalText>,
    /// Target groups (kohderyhmät).
    pub target_groups: Vec<LocalText>,
    /// The organisation responsible (omistaja).
    pub owner: Option<ActorIx>,
    /// Contact (yhteystiedot).
    pub contact: Option<String>,
    /// Status (tila).
    pub status: Option<PathwayStatus>,
    /// Created (luotu), ISO date.
    pub created: Option<String>,
    /// Last updated (päivitetty), ISO date.
    pub updated: Option<String>,
    /// Funder (rahoittaja).
    pub funder: Option<String>,
    /// The project this is part of (kokonaisuus).
    pub parent_project: Option<String>,
    /// Conditions for the model to work and be adopted (toimivuuden ja käyttöönoton ehdot).
    pub conditions: LocalText,
    /// Indicators of effectiveness, incl. client-experience measures (vaikuttavuuden mittarit).
    pub indicators: Vec<LocalText>,
    /// How the model has been or will be evaluated (arviointi).
    pub evaluation: LocalText,
    /// Services in the pathway: those its file defines plus those it includes by id.
    pub services: Vec<ServiceIx>,
    /// Handoffs its file defines.
    pub handoffs: Vec<HandoffIx>,
    /// Profiles its file defines or whose entry service is in the pathway.
    pub profiles: Vec<ProfileIx>,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// A finding excused on purpose (`[[allow]]`): the analysis still finds it but reports it as
/// allowed, with the reason, instead of as a warning.
#[derive(Clone, Debug, Serialize)]
pub struct Allow {
    /// The finding code allowed.
    pub code: Code,
    /// The id of the entity (service, profile, actor, need) the finding is about.
    pub entity: String,
    /// Why this is acceptable, in the team's words.
    pub reason: String,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}
