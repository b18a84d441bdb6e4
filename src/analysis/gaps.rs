//! Gaps: where a child falls between services (väliinputoaminen) — needs no service meets, ages
//! and languages no service covers, exclusion traps, referral loops, dead ends and services no one
//! can reach.

use std::collections::BTreeSet;

use super::flow::Flow;
use super::payload::Payload;
use super::routes::{Blocker, Outcome, ProfileRoutes};
use super::{Entity, Finding, FindingBuilder};
use crate::model::{Model, ProfileIx, ServiceIx};

/// Every gap finding.
pub fn find(model: &Model, routes: &[ProfileRoutes], flow: &Flow) -> Vec<Finding> {
    let mut out = Vec::new();
    unmet_needs(model, routes, &mut out);
    language_gaps(model, routes, &mut out);
    super::ages::age_coverage(model, &mut out);
    super::ages::exclusion_traps(model, &mut out);
    referral_loops(model, routes, &mut out);
    dead_ends(model, flow, &mut out);
    unreachable(model, &mut out);
    out
}

fn arrivals(model: &Model, p: ProfileIx) -> Option<f64> {
    model.profile(p).arrivals_per_month
}

fn unmet_needs(model: &Model, routes: &[ProfileRoutes], out: &mut Vec<Finding>) {
    for pr in routes {
        let profile = model.profile(pr.profile);
        for route in &pr.routes {
            let Outcome::Unmet {
                blocked,
                exists_elsewhere,
            } = &route.outcome
            else {
                continue;
            };
            let need = model.need(route.need);
            let closest = if route.steps.is_empty() {
                if *exists_elsewhere {
                    "no route from the entry leads to a service that addresses it".to_string()
                } else {
                    "no service in the workspace addresses it".to_string()
                }
            } else {
                let path: Vec<&str> = route
                    .steps
                    .iter()
                    .map(|s| model.service(s.service).id.as_str())
                    .collect();
                let why: Vec<String> = blocked
                    .iter()
                    .map(|(s, b)| {
                        let b: Vec<String> = b.iter().map(|b| b.describe(model)).collect();
                        format!("`{}` ({})", model.service(*s).id, b.join(", "))
                    })
                    .collect();
                format!(
                    "closest route {} is blocked at {}",
                    path.join(" → "),
                    why.join("; ")
                )
            };
            out.push(
                FindingBuilder::new(
                    Payload::UnmetNeed {
                        profile: pr.profile,
                        need: route.need,
                        blocked: blocked.first().cloned(),
                    },
                    profile.origin.clone(),
                    format!("profile `{}` has need `{}` that no reachable service meets: {closest}", profile.id, need.id),
                )
                .label(format!("need `{}` unmet", need.id))
                .why("A need no service on the pathway can take is where a child falls between services (väliinputoaja): they are sent on and back without help.")
                .fix(match blocked.first() {
                    Some((s, b)) if b.iter().any(|b| matches!(b, Blocker::Age { .. })) => format!(
                        "widen the age range of `{}` or add a service for this age, with a handoff to it",
                        model.service(*s).id
                    ),
                    Some((s, _)) => format!("agree with `{}` to take clients with this need, or add a service that does", model.service(*s).id),
                    None => format!("add a handoff from the route to a service that addresses `{}`, or add one", need.id),
                })
                .entities([Entity::Profile(pr.profile), Entity::Need(route.need)])
                .entities(route.steps.iter().map(|s| Entity::Service(s.service)))
                .affected(arrivals(model, pr.profile))
                .build(),
            );
        }
    }
}

fn language_gaps(model: &Model, routes: &[ProfileRoutes], out: &mut Vec<Finding>) {
    for pr in routes {
        let profile = model.profile(pr.profile);
        let mut seen = BTreeSet::new();
        for route in pr.routes.iter().filter(|r| r.reaches()) {
            for step in &route.steps {
                let service = model.service(step.service);
                let offered = &service.eligibility.languages;
                if offered.is_empty()
                    || offered.contains(&profile.language)
                    || !seen.insert(step.service)
                {
                    continue;
                }
                out.push(
                    FindingBuilder::new(
                        Payload::LanguageGap {
                            service: step.service,
                            profile: pr.profile,
                        },
                        service.origin.clone(),
                        format!(
                            "`{}` on the route of profile `{}` is not given in `{}` (only {})",
                            service.id,
                            profile.id,
                            profile.language,
                            offered.join(", ")
                        ),
                    )
                    .label(format!("no service in `{}`", profile.language))
                    .why("A young person has the right to services in their own language (fi/sv); in bilingual regions the Swedish-language chain breaks where one service is Finnish-only.")
                    .fix(format!("offer `{}` in `{}`, or add a handoff to a service that does", service.id, profile.language))
                    .entities([Entity::Service(step.service), Entity::Profile(pr.profile)])
                    .related(profile.origin.clone(), format!("profile `{}` speaks `{}`", profile.id, profile.language))
                    .affected(arrivals(model, pr.profile))
                    .build(),
                );
            }
        }
    }
}

fn referral_loops(model: &Model, routes: &[ProfileRoutes], out: &mut Vec<Finding>) {
    let graph = model.client_graph();
    let loops = graph.loops();
    // Where each entry's clients go, solved once per entry for every loop: shares are the same
    // for every client, so a profile's flow is its entry's times its arrivals.
    let mut by_entry: std::collections::HashMap<ServiceIx, super::flow::Flow> =
        std::collections::HashMap::new();
    // What each profile's entry reaches, for the doors whose share is not given.
    let reaches: Vec<crate::model::IndexVec<ServiceIx, bool>> = if loops.is_empty() {
        Vec::new()
    } else {
        routes
            .iter()
            .map(|pr| graph.reachable(&[model.profile(pr.profile).entry]))
            .collect()
    };
    for lp in loops {
        let ids = loop_ids(model, lp);
        let inside = |s: ServiceIx| lp.binary_search(&s).is_ok();
        // Profiles sent into the loop whose needs no service in the loop meets: those the flow
        // sends there (with the share of their clients that enters), those whose own route to a
        // need passes it, and those who reach it by a door whose share is not given (the flow
        // cannot tell; a share of 0 says no one goes that way).
        let mut bounced = Vec::new();
        let mut entering = Vec::new();
        let mut sent = Vec::new();
        // A loop with services for some need is where the clients with that need are sent.
        let explained = lp
            .iter()
            .any(|s| !model.service(*s).eligibility.needs.is_empty());
        let doors = doors(model, &inside);
        let unknown_doors = unknown_doors(model, &inside);
        for (pr, reach) in routes.iter().zip(&reaches) {
            let profile = model.profile(pr.profile);
            // Neither the flow nor a route takes a client where their entry cannot reach.
            if !lp.iter().any(|s| reach[*s]) {
                continue;
            }
            let unit = by_entry
                .entry(profile.entry)
                .or_insert_with(|| super::flow::from_entry(model, profile.entry));
            // Clients who start inside the loop (returns bring them back to their door) enter
            // it by their door's handoffs to the rest of it.
            let first_step: f64 = if inside(profile.entry) {
                graph
                    .out(profile.entry)
                    .map(|h| model.handoff(h))
                    .filter(|h| inside(h.to) && h.to != profile.entry)
                    .filter_map(|h| h.share.filter(|s| *s > 0.0))
                    .sum()
            } else {
                0.0
            };
            let share = (entering_share(unit, &doors) + first_step).min(1.0);
            // A route that goes on to another service of the loop (its entry is where the
            // client starts, not a step into the loop), towards a service for the need: a need
            // no service addresses has no way to be sent.
            let on_route = pr.routes.iter().any(|r| {
                let towards = match &r.outcome {
                    super::routes::Outcome::Met => true,
                    super::routes::Outcome::Unmet {
                        exists_elsewhere, ..
                    } => *exists_elsewhere,
                };
                towards
                    && r.steps
                        .iter()
                        .any(|st| inside(st.service) && st.service != profile.entry)
            });
            // A door of unknown share: from outside, at a service the entry reaches, or from
            // the client's own door inside the loop.
            let door_unknown = inside(profile.entry)
                && graph.out(profile.entry).any(|h| {
                    let h = model.handoff(h);
                    inside(h.to) && h.to != profile.entry && h.share.is_none_or(f64::is_nan)
                });
            let by_flow = share > 0.0 || door_unknown || unknown_doors.iter().any(|s| reach[*s]);
            if !on_route && !by_flow {
                continue;
            }
            let helped = lp.iter().any(|s| {
                let e = &model.service(*s).eligibility;
                profile.needs.iter().any(|n| e.needs.contains(n))
                    && super::routes::passable(model, *s, profile)
            });
            if !helped && !profile.needs.is_empty() {
                sent.push((pr.profile, share, on_route));
            }
        }
        // The flow's shares are the same for every client, so the clients it sends into a loop
        // with services for some needs are the clients with those needs: a client is bounced by
        // such a loop only when a route for one of their own needs leads into it. A loop of
        // services for no need at all bounces everyone the flow sends there.
        for (profile, share, on_route) in sent {
            if on_route || !explained {
                bounced.push(profile);
                entering.push(share);
            }
        }
        let leaves = lp.iter().any(|s| {
            model.service(*s).exit
                || graph
                    .out(*s)
                    // `loops` sorts each loop: a search, not a scan of a loop of 100,000.
                    .any(|h| lp.binary_search(&model.handoff(h).to).is_err())
        });
        if bounced.is_empty() && leaves {
            continue;
        }
        let first = model.service(lp[0]);
        // The clients the flow sends in, not every client who could get there.
        let affected: f64 = bounced
            .iter()
            .zip(&entering)
            .filter_map(|(p, share)| Some(model.profile(*p).arrivals_per_month? * share))
            .sum();
        let message = if bounced.is_empty() {
            format!("referral loop {ids} has no way out and no exit")
        } else {
            let names: Vec<&str> = bounced
                .iter()
                .map(|p| model.profile(*p).id.as_str())
                .collect();
            format!(
                "referral loop {ids}: no service in it meets the needs of {}",
                names.join(", ")
            )
        };
        out.push(
            FindingBuilder::new(
                Payload::ReferralLoop {
                    services: lp.to_vec(),
                    bounced: bounced.to_vec(),
                    entering,
                },
                first.origin.clone(),
                message,
            )
                .label("the loop starts here")
                .why("Clients sent round a loop of referrals where no one takes on their need are bounced back and forth — the culture of sending clients elsewhere (pois lähettämisen kulttuuri).")
                .fix("agree which service in the loop takes responsibility (a shared plan or joint work), or add a way out to a service that meets the need")
                .entities(lp.iter().map(|s| Entity::Service(*s)))
                .entities(bounced.iter().map(|p| Entity::Profile(*p)))
                .affected(Some(affected))
                .build(),
        );
    }
}

/// The ways into a loop (`inside`): each client-moving handoff from outside it into it that has
/// a share, as (source, share).
fn doors(model: &Model, inside: &impl Fn(ServiceIx) -> bool) -> Vec<(ServiceIx, f64)> {
    model
        .handoffs()
        .iter()
        .filter(|h| h.kind.moves_client() && inside(h.to) && !inside(h.from))
        .filter_map(|h| Some((h.from, h.share.filter(|s| *s > 0.0)?)))
        .collect()
}

/// The sources of the ways into a loop whose share is not given: where the flow cannot tell.
fn unknown_doors(model: &Model, inside: &impl Fn(ServiceIx) -> bool) -> Vec<ServiceIx> {
    model
        .handoffs()
        .iter()
        .filter(|h| h.kind.moves_client() && inside(h.to) && !inside(h.from))
        .filter(|h| h.share.is_none_or(f64::is_nan))
        .map(|h| h.from)
        .collect()
}

/// The share of the clients of one entry (`unit`, their flow per client) that the flow sends
/// into a loop by its `doors`; at most all of them.
fn entering_share(unit: &super::flow::Flow, doors: &[(ServiceIx, f64)]) -> f64 {
    let mut total = 0.0;
    for &(from, share) in doors {
        total += share * unit.load.get(from.index()).copied().unwrap_or(0.0);
    }
    // An unbounded upstream loop sends everyone on; a client entering twice is one client.
    if total.is_nan() { 0.0 } else { total.min(1.0) }
}

/// Most services a loop's message names; a loop of a whole large pathway names these and counts
/// the rest, instead of a message of a megabyte.
const LOOP_IDS_SHOWN: usize = 10;

/// The services of a loop as the message shows them: `a ⇄ b ⇄ c`, or the first
/// [`LOOP_IDS_SHOWN`] and how many more.
fn loop_ids(model: &Model, lp: &[ServiceIx]) -> String {
    let ids: Vec<&str> = lp
        .iter()
        .take(LOOP_IDS_SHOWN)
        .map(|s| model.service(*s).id.as_str())
        .collect();
    let shown = ids.join(" ⇄ ");
    match lp.len().checked_sub(LOOP_IDS_SHOWN) {
        Some(rest) if rest > 0 => format!("{shown} ⇄ … ({rest} more services)"),
        _ => shown,
    }
}

fn dead_ends(model: &Model, flow: &Flow, out: &mut Vec<Finding>) {
    let graph = model.client_graph();
    for (i, s) in model.services().iter_enumerated() {
        if s.exit || graph.has_out(i) {
            continue;
        }
        out.push(
            FindingBuilder::new(
                Payload::DeadEnd {
                    service: i,
                },
                s.origin.clone(),
                format!("`{}` has no way on and is not an exit", s.id),
            )
            .label("no referral or return leaves this service")
            .why("A client who finishes here has nowhere to go: the pathway ends without the need being closed.")
            .fix(format!("add a handoff from `{}` to the next service, or mark it `exit = true` if the pathway may end here", s.id))
            .entities([Entity::Service(i)])
            .affected(flow.load.get(i.index()).copied().filter(|l| l.is_finite()))
            .build(),
        );
    }
}

fn unreachable(model: &Model, out: &mut Vec<Finding>) {
    let graph = model.client_graph();
    let reach = graph.reachable(graph.entries());
    for (i, s) in model.services().iter_enumerated() {
        if reach[i] {
            continue;
        }
        out.push(
            FindingBuilder::new(
                Payload::UnreachableService {
                    service: i,
                },
                s.origin.clone(),
                format!("no entry point reaches `{}`", s.id),
            )
            .label("no referral from any entry leads here")
            .why("A service no one is referred to cannot help: clients who need it never get there.")
            .fix(format!("add a handoff to `{}` from a service on the pathway, or give it `entry = [...]` if clients come to it directly", s.id))
            .entities([Entity::Service(i)])
            .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// A ring of `n` services without a way out.
    fn ring(n: usize) -> Model {
        let mut toml = String::new();
        for i in 0..n {
            toml += &format!(
                "[[service]]\nid = \"s{i}\"\nname = \"S{i}\"\nsector = \"social_work\"\n\n[[handoff]]\nfrom = \"s{i}\"\nto = \"s{}\"\n\n",
                (i + 1) % n
            );
        }
        crate::analysis::test_model(&toml)
    }

    fn loop_messages(model: &Model) -> Vec<String> {
        crate::analysis::analyze(model)
            .findings
            .into_iter()
            .filter(|f| f.diagnostic.code == Code::ReferralLoop)
            .map(|f| f.diagnostic.message)
            .collect()
    }

    #[test]
    fn a_small_loop_names_every_service() {
        assert_eq!(
            loop_messages(&ring(3)),
            ["referral loop s0 ⇄ s1 ⇄ s2 has no way out and no exit"]
        );
    }

    #[test]
    fn a_large_loop_names_ten_services_and_counts_the_rest() {
        let messages = loop_messages(&ring(300));
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0]
                .starts_with("referral loop s0 ⇄ s1 ⇄ s2 ⇄ s3 ⇄ s4 ⇄ s5 ⇄ s6 ⇄ s7 ⇄ s8 ⇄ s9 ⇄ … "),
            "{}",
            messages[0]
        );
        assert!(
            messages[0].ends_with(" ⇄ … (290 more services) has no way out and no exit"),
            "{}",
            messages[0]
        );
    }

    #[test]
    fn a_loop_counts_the_clients_the_flow_sends_into_it_not_everyone_who_could_get_there() {
        // Of the school's clients 40 % go to the loop kuraattori ⇄ psykologi, where no one takes
        // anxiety. The second profile starts at the health nurse, who sends everyone to the
        // clinic that meets its need; a referral to the kuraattori exists, with a share of 0,
        // so its entry reaches the loop, but neither the flow nor its route goes there.
        let toml = r#"
[[need]]
id = "ahdistus"
name = "Ahdistus"

[[need]]
id = "koulunkaynti"
name = "Koulunkäynti"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]

[[service]]
id = "terveydenhoitaja"
name = "Terveydenhoitaja"
sector = "school_health"
entry = ["school"]

[[service]]
id = "kuraattori"
name = "Kuraattori"
sector = "pupil_welfare"
exit = true

[[service]]
id = "psykologi"
name = "Psykologi"
sector = "pupil_welfare"

[[service]]
id = "klinikka"
name = "Klinikka"
sector = "mental_health"
exit = true
eligibility = { needs = ["koulunkaynti"] }

[[handoff]]
from = "koulu"
to = "kuraattori"
share = 0.4

[[handoff]]
from = "koulu"
to = "klinikka"
share = 0.6
wait_days = 1

[[handoff]]
from = "terveydenhoitaja"
to = "klinikka"
share = 1.0

[[handoff]]
from = "terveydenhoitaja"
to = "kuraattori"
share = 0.0

[[handoff]]
from = "kuraattori"
to = "psykologi"
share = 0.5

[[handoff]]
from = "psykologi"
to = "kuraattori"
share = 1.0

[[profile]]
id = "ahdistunut"
name = "Ahdistunut"
age = 14
language = "fi"
needs = ["ahdistus"]
entry = "koulu"
arrivals_per_month = 10

[[profile]]
id = "poissaoleva"
name = "Poissaoleva"
age = 14
language = "fi"
needs = ["koulunkaynti"]
entry = "terveydenhoitaja"
arrivals_per_month = 100
"#;
        let m = crate::analysis::test_model(toml);
        let a = crate::analysis::analyze(&m);
        let loops: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.diagnostic.code == Code::ReferralLoop)
            .collect();
        assert_eq!(loops.len(), 1, "{loops:?}");
        let f = loops[0];
        // Only the anxious profile is bounced (counting by reach named both).
        assert!(
            f.diagnostic.message.contains("ahdistunut"),
            "{}",
            f.diagnostic.message
        );
        assert!(
            !f.diagnostic.message.contains("poissaoleva"),
            "{}",
            f.diagnostic.message
        );
        // 10 a month × the 40 % that the school sends to the loop.
        let affected = f.affected_per_month.unwrap();
        assert!((affected - 4.0).abs() < 1e-9, "{affected}");
        let Payload::ReferralLoop { entering, .. } = &f.payload else {
            panic!("{:?}", f.payload)
        };
        assert_eq!(entering.len(), 1);
        assert!((entering[0] - 0.4).abs() < 1e-9);
        // With no share on the nurse's referral the flow cannot tell: the profile is named, as
        // one who may be sent in, but adds nothing to the count of those who are.
        let unknown = toml.replace(
            "to = \"kuraattori\"\nshare = 0.0\n",
            "to = \"kuraattori\"\n",
        );
        let a = crate::analysis::analyze(&crate::analysis::test_model(&unknown));
        let f = a
            .findings
            .iter()
            .find(|f| f.diagnostic.code == Code::ReferralLoop)
            .unwrap();
        assert!(
            f.diagnostic.message.contains("poissaoleva"),
            "{}",
            f.diagnostic.message
        );
        assert!((f.affected_per_month.unwrap() - 4.0).abs() < 1e-9);
    }

    /// A school that refers to mental health and to family counselling; mental health returns
    /// clients to the school (school ⇄ mental health is a loop). `family` sets the need of the
    /// one profile; `mental_health` the eligibility of the mental-health service.
    fn returning(family: &str, mental_health: &str) -> Model {
        crate::analysis::test_model(&format!(
            r#"
[[need]]
id = "ahdistus"
name = "Ahdistus"

[[need]]
id = "perhe"
name = "Perhe"

[[need]]
id = "harvinainen"
name = "Harvinainen"

[[service]]
id = "koulu"
name = "Koulu"
sector = "pupil_welfare"
entry = ["school"]

[[service]]
id = "mt"
name = "MT"
sector = "mental_health"
exit = true
[service.eligibility]
{mental_health}

[[service]]
id = "perheneuvola"
name = "Perheneuvola"
sector = "family_services"
exit = true
[service.eligibility]
needs = ["perhe"]

[[handoff]]
from = "koulu"
to = "mt"
share = 0.4

[[handoff]]
from = "koulu"
to = "perheneuvola"
share = 0.4

[[handoff]]
from = "mt"
to = "koulu"
kind = "return"
share = 0.3

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
needs = [{family}]
entry = "koulu"
arrivals_per_month = 5
"#
        ))
    }

    #[test]
    fn a_return_to_the_door_does_not_bounce_clients_whose_need_is_met_elsewhere() {
        // The flow sends 40 % of the school's clients to mental health whatever their need; a
        // family client's route goes to family counselling, outside the loop.
        let model = returning("\"perhe\"", "needs = [\"ahdistus\"]");
        assert_eq!(loop_messages(&model), Vec::<String>::new());
        // Nor a need no service addresses: the loop is not where that client is lost (G0201 is).
        let model = returning("\"harvinainen\"", "needs = [\"ahdistus\"]");
        assert_eq!(loop_messages(&model), Vec::<String>::new());
    }

    #[test]
    fn a_client_sent_into_the_loop_and_refused_there_is_bounced() {
        // Mental health addresses anxiety only from 18: the 15-year-old is sent there and back.
        let model = returning("\"ahdistus\"", "needs = [\"ahdistus\"]\nage_min = 18");
        assert_eq!(
            loop_messages(&model),
            ["referral loop koulu ⇄ mt: no service in it meets the needs of nuori"]
        );
    }

    #[test]
    fn a_loop_of_services_for_no_need_bounces_everyone_the_flow_sends_there() {
        // Nothing in the loop addresses any need: whoever the flow sends there goes round.
        let model = returning("\"perhe\"", "");
        assert_eq!(
            loop_messages(&model),
            ["referral loop koulu ⇄ mt: no service in it meets the needs of nuori"]
        );
    }
}
