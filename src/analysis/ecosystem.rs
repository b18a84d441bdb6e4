//! The ecosystem: do the sectors and organisations that share clients work together, and is the
//! model complete enough to judge?

use std::collections::{BTreeMap, BTreeSet};

use super::payload::Payload;
use super::routes::ProfileRoutes;
use super::{Entity, Finding, FindingBuilder};
use crate::diagnostic::Severity;
use crate::model::{ActorIx, Lang, Model, ProfileIx, Sector, ServiceIx};

/// Every ecosystem finding.
pub fn find(model: &Model, routes: &[ProfileRoutes]) -> Vec<Finding> {
    let mut out = Vec::new();
    missing_collaboration(model, routes, &mut out);
    isolated_actors(model, &mut out);
    incomplete(model, &mut out);
    out
}

/// For each profile: the services on its routes that share its clients, and for each pair of their
/// sectors whether any handoff (of any kind, either way) links two of those services. Judging only
/// the services that share the client keeps one region's collaboration from hiding another's gap.
fn missing_collaboration(model: &Model, routes: &[ProfileRoutes], out: &mut Vec<Finding>) {
    // (sector a, sector b) -> profiles whose routes use both unlinked, and a service of each
    let mut shared: BTreeMap<(Sector, Sector), (Vec<ProfileIx>, ServiceIx, ServiceIx)> =
        BTreeMap::new();
    for pr in routes {
        // Only routes the client can take share the client's care.
        let on_route: BTreeSet<ServiceIx> = pr
            .routes
            .iter()
            .filter(|r| r.reaches())
            .flat_map(|r| r.steps.iter().map(|s| s.service))
            .collect();
        let linked: BTreeSet<(Sector, Sector)> = model
            .handoffs()
            .iter()
            .filter(|h| on_route.contains(&h.from) && on_route.contains(&h.to))
            .map(|h| {
                let (a, b) = (model.service(h.from).sector, model.service(h.to).sector);
                (a.min(b), a.max(b))
            })
            .collect();
        let mut by_sector: BTreeMap<Sector, ServiceIx> = BTreeMap::new();
        for route in pr.routes.iter().filter(|r| r.reaches()) {
            for step in &route.steps {
                by_sector
                    .entry(model.service(step.service).sector)
                    .or_insert(step.service);
            }
        }
        let sectors: Vec<(Sector, ServiceIx)> = by_sector.into_iter().collect();
        for (i, (a, sa)) in sectors.iter().enumerate() {
            for (b, sb) in &sectors[i + 1..] {
                if linked.contains(&(*a, *b)) {
                    continue;
                }
                shared
                    .entry((*a, *b))
                    .or_insert((Vec::new(), *sa, *sb))
                    .0
                    .push(pr.profile);
            }
        }
    }
    for ((a, b), (profiles, sa, sb)) in shared {
        let names: Vec<&str> = profiles
            .iter()
            .map(|p| model.profile(*p).id.as_str())
            .collect();
        let affected: f64 = profiles
            .iter()
            .filter_map(|p| model.profile(*p).arrivals_per_month)
            .sum();
        out.push(
            FindingBuilder::new(
                Payload::MissingCollaboration {
                    sectors: [a, b],
                    services: [sa, sb],
                    profiles: profiles.clone(),
                },
                model.service(sa).origin.clone(),
                format!(
                    "{} and {} share the clients of {} but no handoff connects them",
                    a.label(Lang::En).to_lowercase(),
                    b.label(Lang::En).to_lowercase(),
                    names.join(", ")
                ),
            )
            .label(format!("{} service", a.as_str()))
            .related(model.service(sb).origin.clone(), format!("{} service", b.as_str()))
            .why("When two sectors serve the same child without any collaboration structure — as school and child welfare often do — each works alone and the child carries the information between them.")
            .fix(format!(
                "agree a collaboration between `{}` and `{}`: a consultation, joint work or a shared plan, and write it as a handoff",
                model.service(sa).id,
                model.service(sb).id
            ))
            .entities([Entity::Service(sa), Entity::Service(sb)])
            .entities(profiles.iter().map(|p| Entity::Profile(*p)))
            .affected(Some(affected))
            .build(),
        );
    }
}

/// How the sectors of a set of services (a region's, an organisation's, or all) work together:
/// the handoffs between each pair of sectors among those services, and the pairs that share
/// clients there — some profile's met routes use a service of each sector in the set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SectorLinks {
    /// The sectors the services belong to, in vocabulary order.
    pub sectors: Vec<Sector>,
    /// Handoffs from the first sector's services to the second's, within the set.
    pub handoffs: BTreeMap<(Sector, Sector), usize>,
    /// Unordered pairs (smaller first) of sectors that share clients within the set.
    pub shared: BTreeSet<(Sector, Sector)>,
}

impl SectorLinks {
    /// The two sectors share clients within the set and no handoff links them there, either way:
    /// the collaboration is missing *here*, whatever other regions do.
    pub fn missing(&self, a: Sector, b: Sector) -> bool {
        let count = |x, y| self.handoffs.get(&(x, y)).copied().unwrap_or(0);
        a != b && self.shared.contains(&(a.min(b), a.max(b))) && count(a, b) + count(b, a) == 0
    }
}

/// The [`SectorLinks`] of `services`.
pub fn sector_links(
    model: &Model,
    routes: &[ProfileRoutes],
    services: &[ServiceIx],
) -> SectorLinks {
    let inside: BTreeSet<ServiceIx> = services.iter().copied().collect();
    let sectors: BTreeSet<Sector> = services.iter().map(|&s| model.service(s).sector).collect();
    let mut handoffs = BTreeMap::new();
    for h in model.handoffs() {
        if inside.contains(&h.from) && inside.contains(&h.to) {
            let pair = (model.service(h.from).sector, model.service(h.to).sector);
            *handoffs.entry(pair).or_insert(0) += 1;
        }
    }
    let mut shared = BTreeSet::new();
    for pr in routes {
        let used: BTreeSet<Sector> = pr
            .routes
            .iter()
            .filter(|r| r.reaches())
            .flat_map(|r| r.steps.iter().map(|s| s.service))
            .filter(|s| inside.contains(s))
            .map(|s| model.service(s).sector)
            .collect();
        let used: Vec<Sector> = used.into_iter().collect();
        for (i, a) in used.iter().enumerate() {
            for b in &used[i + 1..] {
                shared.insert((*a, *b));
            }
        }
    }
    SectorLinks {
        sectors: sectors.into_iter().collect(),
        handoffs,
        shared,
    }
}

fn isolated_actors(model: &Model, out: &mut Vec<Finding>) {
    let with_services: BTreeSet<ActorIx> =
        model.services().iter().filter_map(|s| s.actor).collect();
    if with_services.len() < 2 {
        return;
    }
    let mut linked: BTreeSet<ActorIx> = BTreeSet::new();
    for h in model.handoffs() {
        if let (Some(a), Some(b)) = (model.service(h.from).actor, model.service(h.to).actor)
            && a != b
        {
            linked.insert(a);
            linked.insert(b);
        }
    }
    for a in with_services.difference(&linked) {
        let actor = model.actor(*a);
        out.push(
            FindingBuilder::new(
                Payload::IsolatedActor { actor: *a },
                actor.origin.clone(),
                format!("no other organisation hands clients to or from `{}`", actor.id),
            )
            .label("no handoff crosses into this organisation")
            .why("An organisation that no one else refers to or consults works as an island: its clients' other services do not know it is there.")
            .fix(format!("model how clients come to `{}` and where they go next, with handoffs to other organisations", actor.id))
            .entities([Entity::Actor(*a)])
            .build(),
        );
    }
}

fn incomplete(model: &Model, out: &mut Vec<Finding>) {
    for (i, s) in model.services().iter_enumerated() {
        let mut missing = Vec::new();
        if s.actor.is_none() {
            missing.push("`actor` (owner)");
        }
        if s.capacity.is_none() {
            missing.push("`[service.capacity]`");
        }
        if s.wait.is_none() {
            missing.push("a wait (`wait_days`)");
        }
        if missing.is_empty() {
            continue;
        }
        out.push(
            FindingBuilder::new(
                Payload::IncompleteModel {
                    service: i,
                },
                s.origin.clone(),
                format!("`{}` is missing {}", s.id, join_and(&missing)),
            )
            .severity(Severity::Note)
            .label("the analysis cannot judge this service fully")
            .why("Without an owner, a capacity and a wait, bottlenecks and statutory clocks on this service cannot be checked.")
            .fix("add the missing fields; mark estimates `illustrative = true`")
            .entities([Entity::Service(i)])
            .build(),
        );
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
