//! Each client profile's route to each of its needs: the quickest way, along referrals and returns
//! through services that take the client, to a service that addresses the need.
//!
//! A key design decision made in this module is what a client can pass through. Age and
//! excluding needs decide it: a 15-year-old is not referred through an adult service, and a
//! service that excludes substance use does not take a young person who uses. Language does not
//! block passage — a Finnish-only service still sees a Swedish-speaking client, badly — so
//! language mismatches show up as language gaps on the route instead of hiding the route.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use crate::model::{HandoffIx, Model, NeedIx, Profile, ProfileIx, ServiceIx};

/// Why a service does not take a client.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "blocker", rename_all = "snake_case")]
pub enum Blocker {
    /// The client's age is outside the service's range.
    Age {
        /// Youngest taken.
        min: Option<u32>,
        /// Oldest taken.
        max: Option<u32>,
    },
    /// The service is not given in the client's language.
    Language {
        /// Languages it is given in.
        offered: Vec<String>,
    },
    /// One of the client's needs excludes them.
    Excludes {
        /// The excluding need.
        need: NeedIx,
    },
}

impl Blocker {
    /// A short description for messages.
    pub fn describe(&self, model: &Model) -> String {
        match self {
            Blocker::Age { min, max } => match (min, max) {
                (Some(a), Some(b)) => format!("age {a}–{b}"),
                (Some(a), None) => format!("age {a} and over"),
                (None, Some(b)) => format!("age up to {b}"),
                (None, None) => "age".to_string(),
            },
            Blocker::Language { offered } => format!("only in {}", offered.join(", ")),
            Blocker::Excludes { need } => format!("excludes {}", model.need(*need).id),
        }
    }
}

/// Everything that keeps `profile` out of `service`.
pub fn blockers(model: &Model, service: ServiceIx, profile: &Profile) -> Vec<Blocker> {
    let e = &model.service(service).eligibility;
    let mut out = Vec::new();
    if !e.takes_age(profile.age) {
        out.push(Blocker::Age {
            min: e.age_min,
            max: e.age_max,
        });
    }
    if !e.languages.is_empty() && !e.languages.contains(&profile.language) {
        out.push(Blocker::Language {
            offered: e.languages.clone(),
        });
    }
    for need in &profile.needs {
        if e.excludes.contains(need) {
            out.push(Blocker::Excludes { need: *need });
        }
    }
    out
}

/// True when the client can be served here or passed through: age and excluding needs allow it
/// (language does not block passage; it is a language gap instead).
pub(crate) fn passable(model: &Model, service: ServiceIx, profile: &Profile) -> bool {
    blockers(model, service, profile)
        .iter()
        .all(|b| matches!(b, Blocker::Language { .. }))
}

/// One service on a route.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    /// The service.
    pub service: ServiceIx,
    /// The handoff that brought the client here; `None` at the entry.
    pub via: Option<HandoffIx>,
    /// Calendar days waited to get here: the handoff's wait plus the service's current wait.
    pub wait_days: f64,
}

/// How a route to a need ends.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// The route reaches a service that addresses the need and takes the client.
    Met,
    /// No reachable service both addresses the need and takes the client. `steps` of the route
    /// is the closest route when every rule is ignored, and `blocked` what stops the client on it.
    Unmet {
        /// Services on the closest route that do not take the client, and why.
        blocked: Vec<(ServiceIx, Vec<Blocker>)>,
        /// True when some service in the whole workspace addresses the need at all.
        exists_elsewhere: bool,
    },
}

/// The route of one profile to one of its needs.
#[derive(Clone, Debug, Serialize)]
pub struct Route {
    /// The need.
    pub need: NeedIx,
    /// Services from the entry to the one that addresses the need (for an unmet need: the closest
    /// route, possibly empty).
    pub steps: Vec<Step>,
    /// Whether it is met.
    pub outcome: Outcome,
}

impl Route {
    /// Total calendar days waited along the route; `None` when there is no route at all (an
    /// unmet need no entry leads towards), which is not a wait of 0 days.
    pub fn total_wait_days(&self) -> Option<f64> {
        // A fold from +0.0: summing no floats gives -0.0, which prints as "-0".
        (!self.steps.is_empty())
            .then(|| self.steps.iter().fold(0.0, |total, s| total + s.wait_days))
    }

    /// Times the client moves to a service of another organisation.
    pub fn organisations_crossed(&self, model: &Model) -> usize {
        self.steps
            .windows(2)
            .filter(|w| model.service(w[0].service).actor != model.service(w[1].service).actor)
            .count()
    }

    /// Times the client meets a new worker: every move to another service.
    pub fn worker_changes(&self) -> usize {
        self.steps.len().saturating_sub(1)
    }

    /// True when the need is met.
    pub fn is_met(&self) -> bool {
        matches!(self.outcome, Outcome::Met)
    }
}

/// All routes of one profile.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileRoutes {
    /// The profile.
    pub profile: ProfileIx,
    /// One route per need, in the profile's order.
    pub routes: Vec<Route>,
}

/// Routes of every profile.
pub fn all(model: &Model) -> Vec<ProfileRoutes> {
    model
        .profiles()
        .indices()
        .map(|p| of_profile(model, p))
        .collect()
}

/// Routes of one profile.
pub fn of_profile(model: &Model, ix: ProfileIx) -> ProfileRoutes {
    let profile = model.profile(ix);
    let eligible = Dijkstra::run(model, profile.entry, |s| passable(model, s, profile));
    let mut anything: Option<Dijkstra> = None;
    let routes = profile
        .needs
        .iter()
        .map(|&need| {
            let addresses = |s: ServiceIx| model.service(s).eligibility.needs.contains(&need);
            // The entry is where the client arrives whatever its rules, so it only meets the need
            // if it takes the client.
            if let Some(target) = eligible.nearest(|s| addresses(s) && passable(model, s, profile))
            {
                return Route {
                    need,
                    steps: eligible.path(model, target),
                    outcome: Outcome::Met,
                };
            }
            let any = anything.get_or_insert_with(|| Dijkstra::run(model, profile.entry, |_| true));
            let steps = any
                .nearest(addresses)
                .map(|t| any.path(model, t))
                .unwrap_or_default();
            let blocked = steps
                .iter()
                .map(|st| (st.service, blockers(model, st.service, profile)))
                .filter(|(_, b)| !b.is_empty())
                .collect();
            let exists_elsewhere = model.service_indices().any(addresses);
            Route {
                need,
                steps,
                outcome: Outcome::Unmet {
                    blocked,
                    exists_elsewhere,
                },
            }
        })
        .collect();
    ProfileRoutes {
        profile: ix,
        routes,
    }
}

/// Shortest waits from one entry over the services a client may pass.
struct Dijkstra {
    dist: Vec<f64>,
    via: Vec<Option<HandoffIx>>,
    order: Vec<ServiceIx>,
}

fn wait_of(model: &Model, s: ServiceIx) -> f64 {
    model.service(s).wait.map_or(0.0, |w| w.calendar_days())
}

impl Dijkstra {
    fn run(model: &Model, entry: ServiceIx, pass: impl Fn(ServiceIx) -> bool) -> Self {
        let n = model.services().len();
        let mut dist = vec![f64::INFINITY; n];
        let mut via = vec![None; n];
        let mut done = vec![false; n];
        let mut order = Vec::new();
        let mut heap = BinaryHeap::new();
        dist[entry.index()] = wait_of(model, entry);
        heap.push(Reverse((Cost(dist[entry.index()]), entry)));
        while let Some(Reverse((Cost(d), s))) = heap.pop() {
            if done[s.index()] {
                continue;
            }
            done[s.index()] = true;
            order.push(s);
            for h in model.client_graph().out(s) {
                let handoff = model.handoff(h);
                let t = handoff.to;
                if done[t.index()] || !pass(t) {
                    continue;
                }
                let nd = d + handoff.wait.map_or(0.0, |w| w.calendar_days()) + wait_of(model, t);
                if nd < dist[t.index()] {
                    dist[t.index()] = nd;
                    via[t.index()] = Some(h);
                    heap.push(Reverse((Cost(nd), t)));
                }
            }
        }
        Dijkstra { dist, via, order }
    }

    /// The reached service closest (in waiting time, then in order reached) that satisfies `want`.
    fn nearest(&self, want: impl Fn(ServiceIx) -> bool) -> Option<ServiceIx> {
        self.order.iter().copied().find(|&s| want(s))
    }

    fn path(&self, model: &Model, target: ServiceIx) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = target;
        loop {
            let via = self.via[at.index()];
            let before = via.map(|h| model.handoff(h).from);
            let arrived = self.dist[at.index()] - before.map_or(0.0, |b| self.dist[b.index()]);
            steps.push(Step {
                service: at,
                via,
                wait_days: arrived,
            });
            match before {
                Some(b) => at = b,
                None => break,
            }
        }
        steps.reverse();
        steps
    }
}

/// A total order on non-NaN costs for the heap.
#[derive(Clone, Copy, PartialEq)]
struct Cost(f64);

impl Eq for Cost {}

impl PartialOrd for Cost {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Cost {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::test_model;

    const NET: &str = r#"
[[need]]
id = "ahdistus"
name = "Ahdistus"

[[need]]
id = "paihteet"
name = "Päihteet"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]

[[service]]
id = "hidas"
name = "Hidas"
sector = "mental_health"
wait_days = 30
exit = true
eligibility = { needs = ["ahdistus"] }

[[service]]
id = "nopea-valikko"
name = "Nopea väylä"
sector = "pupil_welfare"
wait_days = 2

[[service]]
id = "nopea"
name = "Nopea"
sector = "mental_health"
wait_days = 5
exit = true
eligibility = { needs = ["ahdistus"], age_max = 17, languages = ["fi"] }

[[service]]
id = "aikuiset"
name = "Aikuisten päihdepalvelu"
sector = "substance"
exit = true
eligibility = { needs = ["paihteet"], age_min = 18 }

[[handoff]]
from = "koulu"
to = "hidas"
wait_days = 1

[[handoff]]
from = "koulu"
to = "nopea-valikko"
wait_days = 1

[[handoff]]
from = "nopea-valikko"
to = "nopea"
wait_days = 1

[[handoff]]
from = "koulu"
to = "aikuiset"
kind = "consultation"

[[handoff]]
from = "nopea"
to = "aikuiset"

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "sv"
needs = ["ahdistus", "paihteet"]
entry = "koulu"
"#;

    #[test]
    fn the_route_is_the_shortest_wait_not_the_fewest_steps() {
        let m = test_model(NET);
        let pr = of_profile(&m, ProfileIx(0));
        let r = &pr.routes[0];
        assert!(r.is_met());
        let ids: Vec<&str> = r
            .steps
            .iter()
            .map(|s| m.service(s.service).id.as_str())
            .collect();
        assert_eq!(ids, ["koulu", "nopea-valikko", "nopea"]);
        assert_eq!(r.total_wait_days(), Some(1.0 + 2.0 + 1.0 + 5.0));
        assert_eq!(r.worker_changes(), 2);
    }

    #[test]
    fn an_unmet_need_shows_the_closest_route_and_what_blocks_it() {
        let m = test_model(NET);
        let pr = of_profile(&m, ProfileIx(0));
        let r = &pr.routes[1];
        let Outcome::Unmet {
            blocked,
            exists_elsewhere,
        } = &r.outcome
        else {
            panic!("paihteet should be unmet: {r:?}");
        };
        assert!(exists_elsewhere);
        // Consultation does not move the client: the closest route goes through `nopea`.
        let ids: Vec<&str> = r
            .steps
            .iter()
            .map(|s| m.service(s.service).id.as_str())
            .collect();
        assert_eq!(ids, ["koulu", "nopea-valikko", "nopea", "aikuiset"]);
        let aikuiset = m.service_by_id("aikuiset").unwrap();
        assert!(blocked.contains(&(
            aikuiset,
            vec![Blocker::Age {
                min: Some(18),
                max: None
            }]
        )));
    }

    #[test]
    fn language_does_not_block_passage() {
        let m = test_model(NET);
        let profile = m.profile(ProfileIx(0));
        let nopea = m.service_by_id("nopea").unwrap();
        assert_eq!(
            blockers(&m, nopea, profile),
            vec![Blocker::Language {
                offered: vec!["fi".into()]
            }]
        );
        assert!(passable(&m, nopea, profile));
    }
}
