//! Statutory clocks (lakisääteiset määräajat): does a profile's route reach a service within the
//! time the law allows?
//!
//! A clock runs from the referral into (or arrival at) the first service on the route that its
//! `to` selector matches — or, with `from`, from arrival at the first service `from` matches — and
//! stops when that `to` service starts, or ends with `until = "end"`. Along the way it counts each
//! handoff's wait and each service's wait as the route does (the stated wait or the queue the
//! flow predicts, whichever is longer; unbounded at a service over capacity, which breaks every
//! clock that runs through it); a referral is assumed to be made at the first
//! meeting, so intermediate services' service times do not count. Waits missing from the model
//! count as zero (and show up as incomplete-model findings). The limit is compared in the clock's
//! own unit: working and school days convert at 5 per 7 calendar days.

use std::collections::BTreeSet;

use super::flow::Flow;
use super::payload::Payload;
use super::routes::{ProfileRoutes, Step};
use super::{Entity, Finding, FindingBuilder, days};
use crate::model::{Clock, ClockEnd, DayUnit, HandoffIx, Model, ServiceIx};

/// Every broken statutory clock on every profile's routes, and along the flow: clients the
/// flow sends to a service past a clock's limit, by ways in that no profile's quickest route
/// takes.
pub fn find(model: &Model, routes: &[ProfileRoutes], flow: &Flow) -> Vec<Finding> {
    let mut out = Vec::new();
    let reported = on_routes(model, routes, &mut out);
    along_flow(model, flow, &reported, &mut out);
    out
}

/// Clocks broken on the profiles' routes; returns each (clock, service) reported.
fn on_routes(
    model: &Model,
    routes: &[ProfileRoutes],
    out: &mut Vec<Finding>,
) -> BTreeSet<(String, ServiceIx)> {
    let mut all = BTreeSet::new();
    for pr in routes {
        let profile = model.profile(pr.profile);
        let mut reported = BTreeSet::new();
        for clock in model.clocks() {
            if clock.age_max.is_some_and(|max| profile.age > max) {
                continue;
            }
            // Only routes the client can take: an unmet need's closest route passes services
            // that do not take them.
            for route in pr.routes.iter().filter(|r| r.reaches()) {
                let Some((stop, elapsed)) = measure(model, clock, &route.steps) else {
                    continue;
                };
                let limit = clock.limit.calendar_days();
                if elapsed <= limit + 1e-9 || !reported.insert((clock.id.as_str(), stop)) {
                    continue;
                }
                all.insert((clock.id.clone(), stop));
                let service = model.service(stop);
                let in_unit = |d: f64| in_unit(clock, d);
                let law = clock
                    .law
                    .as_deref()
                    .map_or(String::new(), |l| format!(" ({l})"));
                out.push(
                    FindingBuilder::new(
                        Payload::StatutoryClock {
                            service: stop,
                            profile: pr.profile,
                            clock: clock.id.clone(),
                            elapsed_days: elapsed,
                            limit_days: limit,
                        },
                        service.origin.clone(),
                        format!(
                            "profile `{}` reaches `{}` in {}, over the limit of {} of clock `{}`{law}",
                            profile.id,
                            service.id,
                            in_unit(elapsed),
                            in_unit(limit),
                            clock.id,
                        ),
                    )
                    .label(format!("reached after {}", in_unit(elapsed)))
                    .related(profile.origin.clone(), format!("profile `{}`", profile.id))
                    .why(format!(
                        "{} is a statutory time limit: a child waiting longer is denied a right the law gives them.",
                        clock.name.get(crate::model::Lang::En)
                    ))
                    .fix(format!(
                        "shorten the wait of `{}` or of the handoffs before it (capacity, a direct referral, a warm handoff), or override clock `{}` if the rule differs here",
                        service.id, clock.id
                    ))
                    .entities([Entity::Service(stop), Entity::Profile(pr.profile)])
                    .affected(profile.arrivals_per_month)
                    .build(),
                );
            }
        }
    }
    all
}

/// The least share of a service's clients over a clock's limit that the flow check reports.
const MIN_SHARE_OVER: f64 = 0.01;

/// Calendar days `d` in the clock's own unit: "9.1 working days", "1 day".
fn in_unit(clock: &Clock, d: f64) -> String {
    let (n, unit) = match clock.limit.unit {
        DayUnit::Calendar => (days(d), "day"),
        DayUnit::Working => (days(d / DayUnit::Working.calendar_factor()), "working day"),
        DayUnit::School => (days(d / DayUnit::School.calendar_factor()), "school day"),
    };
    if n == "1" {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A share in whole per cent, half up (to tenths first, so 0.575 is 58, not the float's 57):
/// the analysis words its own messages and does not reach up into the renderers.
fn whole_percent(share: f64) -> f64 {
    ((share * 1000.0).round() / 10.0).round()
}

/// Clients per month with the precision small figures need: 12, 3.4, 0.04.
fn per_month(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.0}")
    } else if x >= 0.1 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

/// The clocks along the flow: for each clock that runs from the referral (no `from`) and each
/// service it stops at, every way the flow brings clients of the clock's ages in (each handoff
/// from a service the clock does not stop at, and arrivals there first), timed as the clock
/// times them; reported when some of them are over the limit and no route finding says so.
fn along_flow(
    model: &Model,
    flow: &Flow,
    reported: &BTreeSet<(String, ServiceIx)>,
    out: &mut Vec<Finding>,
) {
    let waits = super::routes::Waits::new(model, flow);
    // The client-moving handoffs with a share into each service.
    let mut into: Vec<Vec<HandoffIx>> = vec![Vec::new(); model.services().len()];
    for (h, handoff) in model.handoffs().iter_enumerated() {
        if handoff.kind.moves_client() && handoff.share.is_some_and(|x| x > 0.0) {
            into[handoff.to.index()].push(h);
        }
    }
    // One solve per age limit: the flow of the profiles the clock applies to.
    let mut by_age: std::collections::BTreeMap<Option<u32>, Flow> = Default::default();
    for clock in model.clocks().iter().filter(|c| c.from.is_none()) {
        let flow = by_age.entry(clock.age_max).or_insert_with(|| {
            let mut arrivals = vec![0.0; model.services().len()];
            for p in model.profiles() {
                if clock.age_max.is_none_or(|max| p.age <= max)
                    && let Some(a) = p.arrivals_per_month.filter(|a| a.is_finite())
                {
                    arrivals[p.entry.index()] += a;
                }
            }
            super::flow::solve_arrivals(model, arrivals)
        });
        let limit = clock.limit.calendar_days();
        for s in model.service_indices() {
            let service = model.service(s);
            if !clock.to.matches(s, service) || reported.contains(&(clock.id.clone(), s)) {
                continue;
            }
            let extra = match clock.until {
                ClockEnd::End => match service.mean_service_time {
                    Some(t) => t.calendar_days(),
                    None => continue,
                },
                _ => 0.0,
            };
            let here = waits.at(s) + extra;
            let mut paths: Vec<(Option<HandoffIx>, f64, f64)> = Vec::new();
            let first = flow.arrivals.get(s.index()).copied().unwrap_or(0.0);
            if first > 0.0 {
                paths.push((None, here, first));
            }
            for &h in &into[s.index()] {
                let handoff = model.handoff(h);
                let share = handoff.share.unwrap_or(0.0);
                let from = handoff.from;
                // The clock stopped already where the client came from.
                if clock.to.matches(from, model.service(from)) {
                    continue;
                }
                let brings = share * flow.load.get(from.index()).copied().unwrap_or(0.0);
                if brings > 0.0 && brings.is_finite() {
                    let wait = handoff.wait.map_or(0.0, |w| w.calendar_days());
                    paths.push((Some(h), wait + here, brings));
                }
            }
            let total: f64 = paths.iter().map(|p| p.2).sum();
            let over: f64 = paths
                .iter()
                .filter(|p| p.1 > limit + 1e-9)
                .map(|p| p.2)
                .sum();
            // A share under one in a hundred is rounding in the flow, not a finding.
            if total <= 0.0 || over / total < MIN_SHARE_OVER {
                continue;
            }
            let share_over = over / total;
            let worst = paths.iter().map(|p| p.1).fold(0.0, f64::max);
            let law = clock
                .law
                .as_deref()
                .map_or(String::new(), |l| format!(" ({l})"));
            let ways: Vec<String> = paths
                .iter()
                .filter(|p| p.1 > limit + 1e-9)
                .map(|(h, d, n)| {
                    let way = h.map_or("arriving there first".to_string(), |h| {
                        format!("from `{}`", model.service(model.handoff(h).from).id)
                    });
                    format!("{way} in {}, {} a month", in_unit(clock, *d), per_month(*n))
                })
                .collect();
            out.push(
                FindingBuilder::new(
                    Payload::StatutoryClockFlow {
                        service: s,
                        clock: clock.id.clone(),
                        limit_days: limit,
                        share_over,
                        over_per_month: over,
                        paths: paths.clone(),
                    },
                    service.origin.clone(),
                    format!(
                        "{} % of the clients whose clock `{}` starts with their referral to `{}` ({} of {} a month) get there past its limit of {}{law}: {}",
                        whole_percent(share_over),
                        clock.id,
                        service.id,
                        per_month(over),
                        per_month(total),
                        in_unit(clock, limit),
                        ways.join("; ")
                    ),
                )
                .label(format!("reached after up to {}", in_unit(clock, worst)))
                .why(format!(
                    "{} is a statutory time limit: the clients sent this way are denied a right the law gives them, even where the quickest route is in time.",
                    clock.name.get(crate::model::Lang::En)
                ))
                .fix(format!(
                    "shorten the wait of `{}` or of the slow handoffs into it, or send those clients the quick way",
                    service.id
                ))
                .entities([Entity::Service(s)])
                .affected(Some(over))
                .build(),
            );
        }
    }
}

fn handoff_wait(model: &Model, step: &Step) -> f64 {
    step.via
        .and_then(|h| model.handoff(h).wait)
        .map_or(0.0, |w| w.calendar_days())
}

/// The wait at the step's service as the route counts it: the step's wait less its handoff's.
fn service_wait(model: &Model, step: &Step) -> f64 {
    if step.wait_days.is_infinite() {
        f64::INFINITY
    } else {
        step.wait_days - handoff_wait(model, step)
    }
}

/// The service where `clock` stops on this route and the calendar days elapsed until then, or
/// `None` when the clock does not apply to the route.
pub fn measure(model: &Model, clock: &Clock, steps: &[Step]) -> Option<(ServiceIx, f64)> {
    let matches = |sel: &crate::model::Selector, st: &Step| {
        sel.matches(st.service, model.service(st.service))
    };
    let start = match &clock.from {
        Some(from) => steps.iter().position(|st| matches(from, st))?,
        None => 0,
    };
    let stop = start
        + steps[start..]
            .iter()
            .position(|st| matches(&clock.to, st))?;
    let mut elapsed = if clock.from.is_none() {
        // From the referral into the stop service (or arrival, at the entry).
        handoff_wait(model, &steps[stop]) + service_wait(model, &steps[stop])
    } else {
        service_wait(model, &steps[start])
            + steps[start + 1..=stop]
                .iter()
                .map(|st| handoff_wait(model, st) + service_wait(model, st))
                .sum::<f64>()
    };
    if clock.until == ClockEnd::End {
        elapsed += model
            .service(steps[stop].service)
            .mean_service_time?
            .calendar_days();
    }
    Some((steps[stop].service, elapsed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::routes;
    use crate::analysis::test_model;

    fn net(wait: &str, handoff_wait: &str) -> String {
        format!(
            r#"
[[need]]
id = "huoli"
name = "Huoli"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]
wait_days = 100

[[service]]
id = "lastensuojelu"
name = "Lastensuojelu"
sector = "child_welfare"
exit = true
{wait}
mean_service_days = 80
eligibility = {{ needs = ["huoli"] }}

[[handoff]]
from = "koulu"
to = "lastensuojelu"
{handoff_wait}

[[profile]]
id = "lapsi"
name = "Lapsi"
age = 12
language = "fi"
needs = ["huoli"]
entry = "koulu"
"#
        )
    }

    fn broken(toml: &str) -> Vec<String> {
        let m = test_model(toml);
        let rs = routes::all(&m, &crate::analysis::flow::solve(&m));
        find(&m, &rs, &crate::analysis::flow::solve(&m))
            .iter()
            .map(|f| f.diagnostic.message.clone())
            .collect()
    }

    #[test]
    fn the_clock_starts_at_the_referral_and_counts_working_days() {
        // 5 working days = 7 calendar days: 2 + 5 = 7 calendar days is within 7 working days.
        assert!(broken(&net("wait_days = 5", "wait_days = 2")).is_empty());
        // 3 + 7 working days = 3 + 9.8 calendar days = 9.14 working days > 7.
        let msgs = broken(&net("wait_working_days = 7", "wait_days = 3"));
        assert_eq!(msgs.len(), 1, "{msgs:?}");
        assert!(
            msgs[0].contains("9.1 working days, over the limit of 7 working days"),
            "{}",
            msgs[0]
        );
        assert!(msgs[0].contains("lastensuojelu-kasittely-alkaa"));
    }

    #[test]
    fn until_end_adds_the_service_time_and_from_starts_at_arrival() {
        let rules = r#"
[[clock]]
id = "arviointi-valmis"
name = "Arviointi valmis"
from = { sectors = ["education"] }
to = { sectors = ["child_welfare"] }
until = "end"
limit_days = 180
"#;
        // 100 (school wait, from arrival) + 2 + 5 + 80 = 187 > 180.
        let msgs = broken(&format!("{}{rules}", net("wait_days = 5", "wait_days = 2")));
        assert!(
            msgs.iter()
                .any(|m| m.contains("187 days") && m.contains("arviointi-valmis")),
            "{msgs:?}"
        );
    }

    /// `net` with the target service in `sector` at `level`, the client `age` years old.
    fn health(sector: &str, level: &str, age: u32, wait: &str) -> String {
        net(wait, "wait_days = 2")
            .replace(
                "sector = \"child_welfare\"",
                &format!("sector = \"{sector}\"\nlevel = \"{level}\""),
            )
            .replace("age = 12", &format!("age = {age}"))
    }

    #[test]
    fn the_therapy_and_care_guarantees_bind_under_23s() {
        // Terapiatakuu: 2 + 27 = 29 days to basic-level mental-health care is over 28.
        let msgs = broken(&health("mental_health", "basic", 16, "wait_days = 27"));
        assert!(
            msgs.iter()
                .any(|m| m.contains("terapiatakuu-28-vrk-alle-23")
                    && m.contains("29 days, over the limit of 28 days")
                    && m.contains("HE 131/2024")),
            "{msgs:?}"
        );
        assert!(broken(&health("mental_health", "basic", 16, "wait_days = 26")).is_empty());
        // At 23 the guarantee no longer applies.
        assert!(broken(&health("mental_health", "basic", 23, "wait_days = 27")).is_empty());
        // Hoitotakuu: 2 + 13 = 15 days to primary health care is over 14.
        let msgs = broken(&health("primary_health", "basic", 16, "wait_days = 13"));
        assert!(
            msgs.iter()
                .any(|m| m.contains("hoitotakuu-perusterveydenhuolto-14-vrk-alle-23")),
            "{msgs:?}"
        );
        assert!(broken(&health("primary_health", "basic", 16, "wait_days = 12")).is_empty());
    }

    #[test]
    fn a_clock_counts_the_predicted_queue_and_breaks_at_a_service_over_capacity() {
        // 6 a month into child welfare that takes 3: the queue has no end.
        let over = net("wait_days = 1", "wait_days = 1\nshare = 1.0")
            .replace(
                "entry = \"koulu\"",
                "entry = \"koulu\"\narrivals_per_month = 6",
            )
            .replace(
                "mean_service_days = 80",
                "mean_service_days = 80\ncapacity = { clients_per_month = 3 }",
            );
        let msgs = broken(&over);
        assert!(
            msgs.iter()
                .any(|m| m.contains("lastensuojelu-kasittely-alkaa") && m.contains("∞")),
            "{msgs:?}"
        );
    }

    #[test]
    fn an_age_limited_clock_ignores_older_clients() {
        let rules = r#"
[[clock]]
id = "lastensuojelu-kasittely-alkaa"
name = "Vain pienille"
to = { sectors = ["child_welfare"] }
limit_days = 1
age_max = 10
"#;
        assert!(broken(&format!("{}{rules}", net("wait_days = 5", "wait_days = 2"))).is_empty());
    }

    #[test]
    fn clients_the_flow_sends_the_slow_way_break_the_clock_though_the_quickest_route_is_in_time() {
        // Half of the school's clients go to the nurse, who refers them on to child welfare
        // after 20 days; the other half are referred straight, in 2. The quickest route is in
        // time, so only the flow shows that half the children wait past 7 working days.
        let toml = r#"
[[need]]
id = "huoli"
name = "Huoli"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]

[[service]]
id = "terveydenhoitaja"
name = "Terveydenhoitaja"
sector = "school_health"

[[service]]
id = "lastensuojelu"
name = "Lastensuojelu"
sector = "child_welfare"
exit = true
eligibility = { needs = ["huoli"] }

[[handoff]]
from = "koulu"
to = "lastensuojelu"
wait_days = 2
share = 0.5

[[handoff]]
from = "koulu"
to = "terveydenhoitaja"
share = 0.5

[[handoff]]
from = "terveydenhoitaja"
to = "lastensuojelu"
wait_days = 20
share = 1.0

[[profile]]
id = "lapsi"
name = "Lapsi"
age = 12
language = "fi"
needs = ["huoli"]
entry = "koulu"
arrivals_per_month = 8
"#;
        let m = test_model(toml);
        let rs = routes::all(&m, &crate::analysis::flow::solve(&m));
        let found = find(&m, &rs, &crate::analysis::flow::solve(&m));
        let clocks: Vec<_> = found
            .iter()
            .filter(|f| {
                f.diagnostic
                    .message
                    .contains("lastensuojelu-kasittely-alkaa")
            })
            .collect();
        assert_eq!(clocks.len(), 1, "{clocks:?}");
        let f = clocks[0];
        assert!(
            f.diagnostic.message.starts_with(
                "50 % of the clients whose clock `lastensuojelu-kasittely-alkaa` starts with their referral to `lastensuojelu` (4.0 of 8.0 a month)"
            ),
            "{}",
            f.diagnostic.message
        );
        assert!(
            f.diagnostic
                .message
                .contains("from `terveydenhoitaja` in 14.3 working days")
        );
        let Payload::StatutoryClockFlow {
            share_over, paths, ..
        } = &f.payload
        else {
            panic!("{:?}", f.payload)
        };
        assert!((share_over - 0.5).abs() < 1e-9);
        assert_eq!(paths.len(), 2);
        assert_eq!(f.affected_per_month, Some(4.0));
        // Both ways quick: nothing.
        let quick = toml.replace("wait_days = 20", "wait_days = 3");
        let m = test_model(&quick);
        let rs = routes::all(&m, &crate::analysis::flow::solve(&m));
        assert!(find(&m, &rs, &crate::analysis::flow::solve(&m)).is_empty());
    }
}
