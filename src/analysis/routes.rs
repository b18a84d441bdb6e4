//! Each client profile's route to each of its needs: the quickest way, along referrals and returns
//! through services that take the client, to a service that addresses the need.
//!
//! A key design decision made in this module is what a client can pass through. Age and
//! excluding needs decide it: a 15-year-old is not referred through an adult service, and a
//! service that excludes substance use does not take a young person who uses. Language does not
//! block passage — a Finnish-only service still sees a Swedish-speaking client, badly — so
//! language mismatches show up as language gaps on the route instead of hiding the route.
//!
//! A second decision: a route's wait is what the client would wait, not only what the files
//! state. At each service it is the stated current wait or the queue the flow predicts there
//! (Erlang C, where staff is known), whichever is longer; at a service whose load is at or over
//! its capacity the queue grows without end, so the route's wait is unbounded. Routes avoid such
//! services when another way exists. A route that reaches a service for the need is *met* only
//! when it works: no service on it is over capacity and the service that addresses the need is
//! given in the client's language. Otherwise its [`Caveat`]s say why not.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde::Serialize;

use super::flow::{self, Flow};
use crate::model::{HandoffIx, HandoffKind, Model, NeedIx, Profile, ProfileIx, ServiceIx};

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
    /// Calendar days waited to get here: the handoff's wait plus the service's wait (the
    /// stated one or the predicted queue, whichever is longer). Infinite when the service is
    /// over capacity.
    pub wait_days: f64,
    /// The queue the flow predicts at the service (Erlang C), in calendar days, when its staff
    /// and capacity are known and it is under capacity.
    pub queue_wait_days: Option<f64>,
}

/// Why a route that reaches a service for the need may still not meet it, or meets it badly.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "caveat", rename_all = "snake_case")]
pub enum Caveat {
    /// A service on the route gets more clients than it can take: its queue grows without end.
    OverCapacity {
        /// The service.
        service: ServiceIx,
        /// Load / capacity; `None` when the load itself is unbounded (a loop that keeps its
        /// clients).
        utilisation: Option<f64>,
    },
    /// A service on the route is not given in the client's language.
    Language {
        /// The service.
        service: ServiceIx,
        /// Languages it is given in.
        offered: Vec<String>,
        /// True when it is the service that addresses the need (so the need is not met), false
        /// for a service the client passes on the way.
        addresses_need: bool,
    },
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
    /// Whether it reaches a service for the need that takes the client.
    pub outcome: Outcome,
    /// What makes a route that reaches its service not work, or work badly (empty for unmet
    /// needs: their `blocked` says it).
    pub caveats: Vec<Caveat>,
}

impl Route {
    /// Total calendar days waited along the route, infinite when a service on it is over
    /// capacity; `None` when there is no route at all (an unmet need no entry leads towards),
    /// which is not a wait of 0 days.
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

    /// True when the need is met: the route reaches a service for it that takes the client in
    /// their language, and no service on the way is over capacity.
    pub fn is_met(&self) -> bool {
        self.reaches()
            && !self.caveats.iter().any(|c| match c {
                Caveat::OverCapacity { .. } => true,
                Caveat::Language { addresses_need, .. } => *addresses_need,
            })
    }

    /// True when the route reaches a service for the need that takes the client (age and
    /// excluding needs allow it), whether or not it then works: the way clients are sent.
    pub fn reaches(&self) -> bool {
        matches!(self.outcome, Outcome::Met)
    }

    /// True when a service on the route is over capacity, so its wait is unbounded.
    pub fn unbounded(&self) -> bool {
        self.caveats
            .iter()
            .any(|c| matches!(c, Caveat::OverCapacity { .. }))
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

/// Routes of every profile, with the waits the `flow` predicts.
pub fn all(model: &Model, flow: &Flow) -> Vec<ProfileRoutes> {
    let waits = Waits::new(model, flow);
    model
        .profiles()
        .indices()
        .map(|p| of_profile(model, &waits, p))
        .collect()
}

/// How long a client waits at each service, and which services are over capacity.
pub(crate) struct Waits {
    /// The stated wait or the predicted queue, whichever is longer, in calendar days.
    days: Vec<f64>,
    /// The predicted queue, where staff and capacity are known and the service copes.
    queue: Vec<Option<f64>>,
    /// For services at or over capacity, their utilisation (`None`: the load is unbounded).
    over: Vec<Option<Option<f64>>>,
}

impl Waits {
    pub(crate) fn new(model: &Model, flow: &Flow) -> Waits {
        let n = model.services().len();
        let mut w = Waits {
            days: vec![0.0; n],
            queue: vec![None; n],
            over: vec![None; n],
        };
        for s in model.service_indices() {
            let i = s.index();
            let service = model.service(s);
            let stated = service.wait.map_or(0.0, |w| w.calendar_days());
            let load = flow.load.get(i).copied().unwrap_or(0.0);
            let queue = service.capacity.as_ref().and_then(|c| flow::queue(load, c));
            if flow.unbounded.get(i).copied().unwrap_or(false) {
                w.over[i] = Some(None);
            } else if let Some(q) = queue.filter(|q| q.utilisation >= 1.0) {
                w.over[i] = Some(Some(q.utilisation));
            }
            w.queue[i] = queue
                .and_then(|q| q.mean_queue_wait_days)
                .filter(|d| d.is_finite() && w.over[i].is_none());
            w.days[i] = stated.max(w.queue[i].unwrap_or(0.0));
        }
        w
    }

    /// The wait at `s` as a client lives it: infinite when it is over capacity.
    pub(crate) fn at(&self, s: ServiceIx) -> f64 {
        if self.over[s.index()].is_some() {
            f64::INFINITY
        } else {
            self.days[s.index()]
        }
    }

    /// The cost of arriving at `s` for the shortest-wait search: its wait, and a wait longer
    /// than any real one when it is over capacity, so routes go round it where they can.
    fn cost(&self, s: ServiceIx) -> f64 {
        self.days[s.index()]
            + if self.over[s.index()].is_some() {
                OVER_CAPACITY_DAYS
            } else {
                0.0
            }
    }
}

/// What passing a service over capacity costs the shortest-wait search: more than any sum of
/// stated waits (a century), so another way is always preferred, yet finite, so a route through
/// it is still found (and reported unbounded) when there is no other.
const OVER_CAPACITY_DAYS: f64 = 36_525.0;

/// What going back along a `return` costs the search: a return brings a client back to where they
/// came from; a route goes on by it to another service only when no referral leads there (with
/// waits of zero days stated or left out, the way back and on again could otherwise look a day
/// quicker than the direct referral).
const RETURN_DAYS: f64 = 365.0;

/// What passing a service not given in the client's language costs the search, per service: a
/// year, more than nearly any stated wait, so a route in the client's language is preferred
/// wherever there is one (a client is not sent through a Swedish-only service to reach a Finnish
/// one); a hundredth of a service over capacity, which no one can pass at all.
const OTHER_LANGUAGE_DAYS: f64 = 365.0;

/// Routes of one profile.
pub(crate) fn of_profile(model: &Model, waits: &Waits, ix: ProfileIx) -> ProfileRoutes {
    let profile = model.profile(ix);
    let in_language = |s: ServiceIx| {
        let offered = &model.service(s).eligibility.languages;
        offered.is_empty() || offered.contains(&profile.language)
    };
    let eligible = Dijkstra::run(
        model,
        waits,
        profile.entry,
        |s| passable(model, s, profile),
        |s| {
            if in_language(s) {
                0.0
            } else {
                OTHER_LANGUAGE_DAYS
            }
        },
    );
    let mut anything: Option<Dijkstra> = None;
    let routes = profile
        .needs
        .iter()
        .map(|&need| {
            let addresses = |s: ServiceIx| model.service(s).eligibility.needs.contains(&need);
            // The entry is where the client arrives whatever its rules, so it only meets the need
            // if it takes the client. A service in the client's language is preferred to a
            // nearer one that is not.
            let takes = |s: ServiceIx| addresses(s) && passable(model, s, profile);
            if let Some(target) = eligible
                .nearest(|s| takes(s) && in_language(s))
                .or_else(|| eligible.nearest(takes))
            {
                let steps = eligible.path(model, waits, target);
                let caveats = caveats(model, waits, profile, &steps);
                return Route {
                    need,
                    steps,
                    outcome: Outcome::Met,
                    caveats,
                };
            }
            let any = anything.get_or_insert_with(|| {
                Dijkstra::run(model, waits, profile.entry, |_| true, |_| 0.0)
            });
            let steps = any
                .nearest(addresses)
                .map(|t| any.path(model, waits, t))
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
                caveats: Vec::new(),
            }
        })
        .collect();
    ProfileRoutes {
        profile: ix,
        routes,
    }
}

/// What makes a route that reaches its service work badly or not at all: services over
/// capacity, and services not given in the client's language (the last step addresses the need).
fn caveats(model: &Model, waits: &Waits, profile: &Profile, steps: &[Step]) -> Vec<Caveat> {
    let mut out = Vec::new();
    for (k, step) in steps.iter().enumerate() {
        let s = step.service;
        if let Some(utilisation) = waits.over[s.index()] {
            out.push(Caveat::OverCapacity {
                service: s,
                utilisation,
            });
        }
        let offered = &model.service(s).eligibility.languages;
        if !offered.is_empty() && !offered.contains(&profile.language) {
            out.push(Caveat::Language {
                service: s,
                offered: offered.clone(),
                addresses_need: k + 1 == steps.len(),
            });
        }
    }
    out
}

/// Shortest waits from one entry over the services a client may pass.
struct Dijkstra {
    via: Vec<Option<HandoffIx>>,
    order: Vec<ServiceIx>,
}

impl Dijkstra {
    fn run(
        model: &Model,
        waits: &Waits,
        entry: ServiceIx,
        pass: impl Fn(ServiceIx) -> bool,
        detour: impl Fn(ServiceIx) -> f64,
    ) -> Self {
        let n = model.services().len();
        let mut dist = vec![f64::INFINITY; n];
        let mut via = vec![None; n];
        let mut done = vec![false; n];
        let mut order = Vec::new();
        let mut heap = BinaryHeap::new();
        dist[entry.index()] = waits.cost(entry);
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
                let back = if handoff.kind == HandoffKind::Return {
                    RETURN_DAYS
                } else {
                    0.0
                };
                let nd = d
                    + handoff.wait.map_or(0.0, |w| w.calendar_days())
                    + waits.cost(t)
                    + detour(t)
                    + back;
                if nd < dist[t.index()] {
                    dist[t.index()] = nd;
                    via[t.index()] = Some(h);
                    heap.push(Reverse((Cost(nd), t)));
                }
            }
        }
        Dijkstra { via, order }
    }

    /// The reached service closest (in waiting time, then in order reached) that satisfies `want`.
    fn nearest(&self, want: impl Fn(ServiceIx) -> bool) -> Option<ServiceIx> {
        self.order.iter().copied().find(|&s| want(s))
    }

    fn path(&self, model: &Model, waits: &Waits, target: ServiceIx) -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = target;
        loop {
            let via = self.via[at.index()];
            let before = via.map(|h| model.handoff(h).from);
            // The wait as the client lives it (the search's detour cost is not a wait).
            let handoff = via.and_then(|h| model.handoff(h).wait);
            let here = if waits.over[at.index()].is_some() {
                f64::INFINITY
            } else {
                waits.days[at.index()]
            };
            steps.push(Step {
                service: at,
                via,
                wait_days: handoff.map_or(0.0, |w| w.calendar_days()) + here,
                queue_wait_days: waits.queue[at.index()],
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

    /// Routes of the first profile of a model.
    fn routes_of(m: &Model) -> ProfileRoutes {
        of_profile(m, &Waits::new(m, &flow::solve(m)), ProfileIx(0))
    }

    fn ids(m: &Model, r: &Route) -> Vec<String> {
        r.steps
            .iter()
            .map(|s| m.service(s.service).id.clone())
            .collect()
    }

    #[test]
    fn a_service_in_the_clients_language_is_preferred_and_one_that_is_not_does_not_meet_the_need() {
        // The Swedish-speaking client: `nopea` is quicker but Finnish only, `hidas` takes all.
        let m = test_model(NET);
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["koulu", "hidas"]);
        assert!(r.is_met() && r.caveats.is_empty(), "{r:?}");
        // Without `hidas`, the Finnish-only service is reached but the need is not met.
        let only_finnish = NET.replace("eligibility = { needs = [\"ahdistus\"] }", "");
        let m = test_model(&only_finnish);
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["koulu", "nopea-valikko", "nopea"]);
        assert!(r.reaches() && !r.is_met());
        let nopea = m.service_by_id("nopea").unwrap();
        assert_eq!(
            r.caveats,
            [Caveat::Language {
                service: nopea,
                offered: vec!["fi".into()],
                addresses_need: true
            }]
        );
    }

    /// NET with the client Finnish-speaking, so language does not decide.
    fn finnish() -> String {
        NET.replace("language = \"sv\"", "language = \"fi\"")
    }

    #[test]
    fn a_route_through_a_service_over_capacity_is_unbounded_and_not_met() {
        // `nopea-valikko` takes 1 client a month and 6 arrive: 600 %.
        let over = finnish()
            .replace("arrivals_per_month = 6", "")
            .replace(
                "needs = [\"ahdistus\", \"paihteet\"]",
                "needs = [\"ahdistus\", \"paihteet\"]\narrivals_per_month = 6",
            )
            .replace(
                "sector = \"pupil_welfare\"\nwait_days = 2",
                "sector = \"pupil_welfare\"\nwait_days = 2\ncapacity = { clients_per_month = 1 }",
            )
            .replace(
                "from = \"koulu\"\nto = \"nopea-valikko\"\nwait_days = 1",
                "from = \"koulu\"\nto = \"nopea-valikko\"\nwait_days = 1\nshare = 1.0",
            );
        let m = test_model(&over);
        let r = &routes_of(&m).routes[0];
        // The quick way is blocked by the queue: the slow service it can reach directly wins.
        assert_eq!(ids(&m, r), ["koulu", "hidas"]);
        assert!(r.is_met());
        // Without the slow service there is no other way: reached, unbounded, not met.
        let m = test_model(&over.replace("eligibility = { needs = [\"ahdistus\"] }", ""));
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["koulu", "nopea-valikko", "nopea"]);
        assert!(r.reaches() && r.unbounded() && !r.is_met(), "{r:?}");
        assert_eq!(r.total_wait_days(), Some(f64::INFINITY));
        let valikko = m.service_by_id("nopea-valikko").unwrap();
        assert!(r.caveats.iter().any(|c| matches!(c,
            Caveat::OverCapacity { service, utilisation: Some(u) }
                if *service == valikko && (u - 6.0).abs() < 1e-9)));
    }

    #[test]
    fn a_predicted_queue_longer_than_the_stated_wait_is_the_wait() {
        // 9 a month into a service of 10 with one worker: M/M/1, the queue waits ρ/(μ − λ)
        // months = 0.9 / (10 − 9) months ≈ 27.4 days, far over the 2 stated.
        let busy = finnish()
            .replace(
                "needs = [\"ahdistus\", \"paihteet\"]",
                "needs = [\"ahdistus\", \"paihteet\"]\narrivals_per_month = 9",
            )
            .replace(
                "sector = \"pupil_welfare\"\nwait_days = 2",
                "sector = \"pupil_welfare\"\nwait_days = 2\ncapacity = { clients_per_month = 10, staff = 1 }",
            )
            .replace(
                "from = \"koulu\"\nto = \"nopea-valikko\"\nwait_days = 1",
                "from = \"koulu\"\nto = \"nopea-valikko\"\nwait_days = 1\nshare = 1.0",
            )
            .replace("wait_days = 30", "wait_days = 300");
        let m = test_model(&busy);
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["koulu", "nopea-valikko", "nopea"]);
        let queue = r.steps[1].queue_wait_days.expect("a queue");
        assert!((queue - 0.9 * 365.25 / 12.0).abs() < 0.01, "{queue}");
        assert!((r.steps[1].wait_days - (1.0 + queue)).abs() < 1e-9);
        assert!(r.is_met());
    }

    #[test]
    fn the_route_is_the_shortest_wait_not_the_fewest_steps() {
        let m = test_model(&finnish());
        let pr = of_profile(&m, &Waits::new(&m, &flow::solve(&m)), ProfileIx(0));
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
        let pr = of_profile(&m, &Waits::new(&m, &flow::solve(&m)), ProfileIx(0));
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

    #[test]
    fn a_route_does_not_pass_a_service_in_another_language_when_one_in_the_clients_exists() {
        // The quickest way to the Finnish family service goes through a Swedish-only service
        // and a return to the school; the direct referral waits two days more.
        let m = test_model(
            r#"
[[need]]
id = "perhe"
name = "Perhe"

[[service]]
id = "terveysasema"
name = "Terveysasema"
sector = "primary_health"
entry = ["self_referral"]

[[service]]
id = "koulu"
name = "Koulu"
sector = "pupil_welfare"
wait_days = 1

[[service]]
id = "svenska"
name = "Svenska"
sector = "mental_health"
eligibility = { languages = ["sv"] }

[[service]]
id = "perheneuvola"
name = "Perheneuvola"
sector = "family_services"
exit = true
wait_days = 10
eligibility = { needs = ["perhe"], languages = ["fi"] }

[[handoff]]
from = "terveysasema"
to = "svenska"

[[handoff]]
from = "svenska"
to = "koulu"
kind = "return"

[[handoff]]
from = "koulu"
to = "perheneuvola"

[[handoff]]
from = "terveysasema"
to = "perheneuvola"
wait_days = 3

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
needs = ["perhe"]
entry = "terveysasema"
"#,
        );
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["terveysasema", "perheneuvola"]);
        assert!(r.is_met(), "{r:?}");
    }

    #[test]
    fn a_route_goes_on_by_a_return_only_where_no_referral_leads() {
        // Child welfare (no wait stated) returns clients to the school, which refers to family
        // counselling: a day quicker on paper than the health centre's own referral there.
        let net = r#"
[[need]]
id = "perhe"
name = "Perhe"

[[service]]
id = "terveysasema"
name = "Terveysasema"
sector = "primary_health"
entry = ["self_referral"]

[[service]]
id = "lastensuojelu"
name = "Lastensuojelu"
sector = "child_welfare"

[[service]]
id = "koulu"
name = "Koulu"
sector = "pupil_welfare"

[[service]]
id = "perheneuvola"
name = "Perheneuvola"
sector = "family_services"
exit = true
wait_days = 10
eligibility = { needs = ["perhe"] }

[[handoff]]
from = "terveysasema"
to = "lastensuojelu"

[[handoff]]
from = "lastensuojelu"
to = "koulu"
kind = "return"

[[handoff]]
from = "koulu"
to = "perheneuvola"

DIRECT

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
needs = ["perhe"]
entry = "terveysasema"
"#;
        let direct = "[[handoff]]\nfrom = \"terveysasema\"\nto = \"perheneuvola\"\nwait_days = 1\n";
        let m = test_model(&net.replace("DIRECT", direct));
        let r = &routes_of(&m).routes[0];
        assert_eq!(ids(&m, r), ["terveysasema", "perheneuvola"]);
        // Without the referral the return is the way, and the route takes it.
        let m = test_model(&net.replace("DIRECT", ""));
        let r = &routes_of(&m).routes[0];
        assert_eq!(
            ids(&m, r),
            ["terveysasema", "lastensuojelu", "koulu", "perheneuvola"]
        );
        assert_eq!(r.total_wait_days(), Some(10.0));
    }
}
