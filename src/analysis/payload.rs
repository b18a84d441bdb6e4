//! What a finding says, typed: one variant per finding kind with its figures and the typed
//! indices of what it is about.
//!
//! A key design decision made in this module is that the finding's code is *derived* from its
//! payload ([`Payload::code`]): a finding is built from a payload, so its code, its figures and
//! the entities its words name cannot disagree. It is there so that `render/report/headline.rs`
//! words headlines by an exhaustive match on [`Payload`] — a new finding kind then does not
//! compile without its words — instead of reading them back from the position of entities in
//! [`super::Finding::entities`].

use serde::Serialize;

use crate::analysis::routes::Blocker;
use crate::diagnostic::Code;
use crate::model::{ActorIx, HandoffIx, NeedIx, ProfileIx, Sector, ServiceIx};

/// How loaded a service is, as its utilisation finding reports it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "figures", rename_all = "snake_case")]
pub enum Load {
    /// A finite load against a positive capacity (clients per month).
    Bounded {
        /// Clients arriving per month.
        load: f64,
        /// Clients per month it can take.
        capacity: f64,
    },
    /// A closed loop keeps its clients inside: the load grows without end.
    Unbounded,
}

/// The typed content of a finding, one variant per finding kind (per finding [`Code`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Payload {
    /// G0201: no reachable service meets a profile's need.
    UnmetNeed {
        /// Whose need.
        profile: ProfileIx,
        /// The need.
        need: NeedIx,
        /// Where the closest route stops and why, when a route comes close.
        blocked: Option<(ServiceIx, Vec<Blocker>)>,
    },
    /// G0202: the age limits of a need's services leave a gap.
    AgeCoverageGap {
        /// The need.
        need: NeedIx,
        /// The gap is at a hand-over: coverage ends at 17 with nothing after it, or at the need's
        /// `legal_age_max` with its successor need out of reach.
        transition: bool,
        /// The uncovered ages, each an inclusive range (the last may end at the oldest age judged).
        holes: Vec<(u32, u32)>,
        /// The need's legal age boundary, when it has one: ages past it were not judged.
        legal_age_max: Option<u32>,
        /// The need that should take over at the boundary and is not reachable there.
        successor: Option<NeedIx>,
    },
    /// G0203: a service on a profile's route is not given in its language.
    LanguageGap {
        /// The service.
        service: ServiceIx,
        /// The profile whose language it lacks.
        profile: ProfileIx,
    },
    /// G0204: the services of two needs exclude each other.
    ExclusionTrap {
        /// The two needs.
        needs: [NeedIx; 2],
        /// Profiles that have both, of these ages, entering in this region.
        profiles: Vec<ProfileIx>,
        /// The region where it holds (`None`: services without a region).
        region: Option<String>,
        /// The ages it holds for, inclusive (the upper end may be the oldest age judged).
        ages: (u32, u32),
    },
    /// G0205: a referral loop with no way out, or none meeting the needs of its clients.
    ReferralLoop {
        /// The services of the loop, in its order.
        services: Vec<ServiceIx>,
        /// Profiles bounced round it (empty: the loop has no way out at all).
        bounced: Vec<ProfileIx>,
        /// For each bounced profile, the share of its clients the flow sends into the loop (0
        /// when only its route passes it and the handoffs give no share).
        entering: Vec<f64>,
    },
    /// G0206: a service with no way on that is not an exit.
    DeadEnd {
        /// The service.
        service: ServiceIx,
    },
    /// G0207: a service no entry reaches.
    UnreachableService {
        /// The service.
        service: ServiceIx,
    },
    /// G0208: a profile reaches a service after a statutory time limit.
    StatutoryClock {
        /// The service reached late.
        service: ServiceIx,
        /// The profile.
        profile: ProfileIx,
        /// The clock's id.
        clock: String,
        /// Calendar days elapsed by the clock's arithmetic, and its limit in calendar days.
        elapsed_days: f64,
        /// See `elapsed_days`.
        limit_days: f64,
    },
    /// G0208 along the flow: clients the flow sends to a service reach it past a clock's limit,
    /// whatever the profiles' quickest routes do.
    StatutoryClockFlow {
        /// The service reached late.
        service: ServiceIx,
        /// The clock's id.
        clock: String,
        /// Its limit in calendar days.
        limit_days: f64,
        /// Share of the clients arriving there (within the clock's ages) who are over the limit.
        share_over: f64,
        /// Those clients, per month.
        over_per_month: f64,
        /// Each way in: the handoff (`None`: arriving there first), the days elapsed by the
        /// clock's arithmetic, and the clients per month it brings.
        paths: Vec<(Option<crate::model::HandoffIx>, f64, f64)>,
    },
    /// B0301: a handoff across organisations without an agreed protocol.
    BoundaryWithoutProtocol {
        /// The handoff.
        handoff: HandoffIx,
    },
    /// B0302: a handoff across organisations without consent handling.
    BoundaryWithoutConsent {
        /// The handoff.
        handoff: HandoffIx,
    },
    /// B0303: a service over 85 % loaded.
    HighUtilisation {
        /// The service.
        service: ServiceIx,
        /// Its load.
        load: Load,
    },
    /// B0304: a service over capacity or on a closed loop.
    Overloaded {
        /// The service.
        service: ServiceIx,
        /// Its load.
        load: Load,
    },
    /// B0305: a service the pathway depends on.
    SinglePointOfFailure {
        /// The service.
        service: ServiceIx,
    },
    /// X0401: two sectors share clients but no handoff connects them.
    MissingCollaboration {
        /// The two sectors, in the order the finding names them.
        sectors: [Sector; 2],
        /// A service of each.
        services: [ServiceIx; 2],
        /// The profiles they share.
        profiles: Vec<ProfileIx>,
    },
    /// X0402: an organisation no other hands clients to or from.
    IsolatedActor {
        /// The actor.
        actor: ActorIx,
    },
    /// X0403: a service without an owner, a capacity or a wait.
    IncompleteModel {
        /// The service.
        service: ServiceIx,
    },
    /// X0404: handoffs between organisations that leave their protocol or consent unstated.
    UnstatedHandoffs {
        /// The handoffs, in file order.
        handoffs: Vec<HandoffIx>,
    },
}

impl Payload {
    /// The finding code of this kind.
    pub fn code(&self) -> Code {
        match self {
            Payload::UnmetNeed { .. } => Code::UnmetNeed,
            Payload::AgeCoverageGap { .. } => Code::AgeCoverageGap,
            Payload::LanguageGap { .. } => Code::LanguageGap,
            Payload::ExclusionTrap { .. } => Code::ExclusionTrap,
            Payload::ReferralLoop { .. } => Code::ReferralLoop,
            Payload::DeadEnd { .. } => Code::DeadEnd,
            Payload::UnreachableService { .. } => Code::UnreachableService,
            Payload::StatutoryClock { .. } | Payload::StatutoryClockFlow { .. } => {
                Code::StatutoryClock
            }
            Payload::BoundaryWithoutProtocol { .. } => Code::BoundaryWithoutProtocol,
            Payload::BoundaryWithoutConsent { .. } => Code::BoundaryWithoutConsent,
            Payload::HighUtilisation { .. } => Code::HighUtilisation,
            Payload::Overloaded { .. } => Code::Overloaded,
            Payload::SinglePointOfFailure { .. } => Code::SinglePointOfFailure,
            Payload::MissingCollaboration { .. } => Code::MissingCollaboration,
            Payload::IsolatedActor { .. } => Code::IsolatedActor,
            Payload::IncompleteModel { .. } => Code::IncompleteModel,
            Payload::UnstatedHandoffs { .. } => Code::UnstatedHandoffs,
        }
    }
}
