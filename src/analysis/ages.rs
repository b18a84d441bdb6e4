//! Who is left out by age: ages no service of a region covers for a need, hand-overs the law
//! makes (child welfare to aftercare at 18) where the successor cannot be reached, and exclusion
//! traps judged per region and age band, so an adult service that takes both needs does not hide
//! the trap for 13–17-year-olds.

use std::collections::BTreeMap;

use super::payload::Payload;
use super::{Entity, Finding, FindingBuilder};
use crate::model::{Model, NeedIx, ProfileIx, ServiceIx};

/// The last age polku looks at for coverage: young adults up to 29 still belong to youth services
/// (nuori, Youth Act 1285/2016).
const LAST_AGE: u32 = 29;

pub(super) fn age_coverage(model: &Model, out: &mut Vec<Finding>) {
    // (region, need) -> covered ages and the services covering them
    let mut cover: BTreeMap<(String, NeedIx), (Vec<bool>, Vec<ServiceIx>)> = BTreeMap::new();
    for (ix, s) in model.services().iter_enumerated() {
        let region = model.service_region(ix).unwrap_or("").to_string();
        let lo = s.eligibility.age_min.unwrap_or(0);
        let hi = s.eligibility.age_max.unwrap_or(LAST_AGE).min(LAST_AGE);
        for &need in &s.eligibility.needs {
            let (ages, services) = cover
                .entry((region.clone(), need))
                .or_insert_with(|| (vec![false; LAST_AGE as usize + 1], Vec::new()));
            for a in lo..=hi {
                ages[a as usize] = true;
            }
            services.push(ix);
        }
    }
    for ((region, need), (ages, services)) in cover {
        // Services for this need only above LAST_AGE: no youth coverage to judge.
        let (Some(first), Some(last)) = (
            ages.iter().position(|c| *c).map(|a| a as u32),
            ages.iter().rposition(|c| *c).map(|a| a as u32),
        ) else {
            continue;
        };
        let n = model.need(need);
        // Past the need's legal age boundary its services are not expected: the law hands the
        // young person over (child welfare ends at 18; aftercare takes over).
        let judged = n.legal_age_max.map_or(last, |l| last.min(l));
        let mut holes: Vec<(u32, u32)> = Vec::new();
        let mut a = first;
        while a <= judged {
            if !ages[a as usize] {
                let start = a;
                while a <= judged && !ages[a as usize] {
                    a += 1;
                }
                holes.push((start, a - 1));
            }
            a += 1;
        }
        // A hand-over that leaves the young person alone: coverage that reaches the legal
        // boundary with the successor need out of reach, or (with no boundary) coverage that
        // stops at 17 with nothing for 18-year-olds.
        let (transition, successor) = match (n.legal_age_max, n.continues_as) {
            (Some(l), Some(next)) if last >= l && l < LAST_AGE => {
                let missing = !successor_reachable(model, &services, next, l + 1);
                (missing, missing.then_some(next))
            }
            (Some(_), _) => (false, None),
            (None, _) => (last == 17, None),
        };
        if transition {
            let from = n.legal_age_max.map_or(18, |l| l + 1);
            holes.push((from, LAST_AGE));
        }
        if holes.is_empty() {
            continue;
        }
        let need_id = &n.id;
        let place = if region.is_empty() {
            "the workspace".to_string()
        } else {
            format!("region {region}")
        };
        let ranges: Vec<String> = holes
            .iter()
            .map(|(a, b)| {
                if b == &LAST_AGE {
                    format!("{a}+")
                } else if a == b {
                    a.to_string()
                } else {
                    format!("{a}–{b}")
                }
            })
            .collect();
        let anchor = services[0];
        let message = match successor {
            Some(next) => format!(
                "need `{need_id}` ends at {} by law in {place}, and no service for `{}` that takes age {} is reachable from its services",
                judged,
                model.need(next).id,
                judged + 1
            ),
            None => format!(
                "no service for need `{need_id}` in {place} takes ages {}",
                ranges.join(", ")
            ),
        };
        let (label, why, fix) = match (transition, successor) {
            (true, Some(next)) => (
                format!("hand-over at {} not reachable", judged + 1),
                format!(
                    "The law ends `{need_id}` at {} and hands the young person over to `{}`; where no service for it can be reached from these services, the pathway ends with the birthday.",
                    judged + 1,
                    model.need(next).id
                ),
                format!(
                    "add a handoff from a service for `{need_id}` to one for `{}` that takes {}-year-olds",
                    model.need(next).id,
                    judged + 1
                ),
            ),
            (true, None) => (
                "coverage ends at 17".to_string(),
                format!(
                    "Services for `{need_id}` stop at 17 and none takes an 18-year-old: the need does not end at the birthday, but the pathway does."
                ),
                format!(
                    "add a service for `{need_id}` that takes 18-year-olds, or extend a service's `age_max`; if the law ends the need at 18, give it `legal_age_max = 17` and the need that takes over (`continues_as`)"
                ),
            ),
            (false, _) => (
                "age ranges leave a gap".to_string(),
                "A child whose age falls between services' age limits is turned away by all of them.".to_string(),
                format!("adjust `age_min`/`age_max` of the services for `{need_id}` so the ranges meet"),
            ),
        };
        out.push(
            FindingBuilder::new(
                Payload::AgeCoverageGap {
                    need,
                    transition,
                    holes: holes.clone(),
                    legal_age_max: n.legal_age_max,
                    successor,
                },
                model.service(anchor).origin.clone(),
                message,
            )
            .label(label)
            .why(why)
            .fix(fix)
            .entities(
                std::iter::once(Entity::Need(need))
                    .chain(services.iter().map(|s| Entity::Service(*s))),
            )
            .build(),
        );
    }
}

/// True when a service for need `next` that takes `age` can be reached from `from` along
/// handoffs that move the client (the services themselves included).
fn successor_reachable(model: &Model, from: &[ServiceIx], next: NeedIx, age: u32) -> bool {
    let mut seen = vec![false; model.services().len()];
    let mut stack: Vec<ServiceIx> = from.to_vec();
    while let Some(s) = stack.pop() {
        if std::mem::replace(&mut seen[s.index()], true) {
            continue;
        }
        let e = &model.service(s).eligibility;
        if e.needs.contains(&next) && e.takes_age(age) {
            return true;
        }
        stack.extend(
            model
                .client_graph()
                .out(s)
                .map(|h| model.handoff(h).to)
                .filter(|t| !seen[t.index()]),
        );
    }
    false
}

/// A trap between two needs for the clients of one region and age band: (region, needs a < b)
/// → the ages (consecutive bands merged) and the services for each need there.
type Traps = BTreeMap<(String, NeedIx, NeedIx), Vec<(u32, u32, Vec<ServiceIx>, Vec<ServiceIx>)>>;

pub(super) fn exclusion_traps(model: &Model, out: &mut Vec<Finding>) {
    // Services by region: a young person is referred within their region's services.
    let mut by_region: BTreeMap<String, Vec<ServiceIx>> = BTreeMap::new();
    for ix in model.service_indices() {
        let region = model.service_region(ix).unwrap_or("").to_string();
        by_region.entry(region).or_default().push(ix);
    }
    let mut traps: Traps = BTreeMap::new();
    for (region, services) in &by_region {
        // Age bands in which the same services take the client: cut at every age limit.
        let mut cuts: Vec<u32> = vec![0];
        for &s in services {
            let e = &model.service(s).eligibility;
            cuts.extend(e.age_min.filter(|a| *a <= LAST_AGE));
            cuts.extend(e.age_max.map(|a| a + 1).filter(|a| *a <= LAST_AGE));
        }
        cuts.sort_unstable();
        cuts.dedup();
        for (k, &lo) in cuts.iter().enumerate() {
            let hi = cuts.get(k + 1).map_or(LAST_AGE, |next| next - 1);
            let taking: Vec<ServiceIx> = services
                .iter()
                .copied()
                .filter(|s| model.service(*s).eligibility.takes_age(lo))
                .collect();
            // For each need, the services for it here and the needs every one of them excludes.
            let mut serving: BTreeMap<NeedIx, (Vec<ServiceIx>, Vec<NeedIx>)> = BTreeMap::new();
            for &s in &taking {
                let e = &model.service(s).eligibility;
                for &n in &e.needs {
                    let entry = serving
                        .entry(n)
                        .or_insert_with(|| (Vec::new(), e.excludes.clone()));
                    entry.0.push(s);
                    entry.1.retain(|x| e.excludes.contains(x));
                }
            }
            for (&a, (sa, excluded_by_a)) in &serving {
                for &b in excluded_by_a.iter().filter(|b| **b > a) {
                    let Some((sb, excluded_by_b)) = serving.get(&b) else {
                        continue;
                    };
                    if !excluded_by_b.contains(&a) {
                        continue;
                    }
                    let bands = traps.entry((region.clone(), a, b)).or_default();
                    match bands.last_mut() {
                        Some(last) if last.1 + 1 == lo => {
                            last.1 = hi;
                            for s in sa {
                                if !last.2.contains(s) {
                                    last.2.push(*s);
                                }
                            }
                            for s in sb {
                                if !last.3.contains(s) {
                                    last.3.push(*s);
                                }
                            }
                        }
                        _ => bands.push((lo, hi, sa.clone(), sb.clone())),
                    }
                }
            }
        }
    }
    for ((region, a, b), bands) in traps {
        for (lo, hi, sa, sb) in bands {
            let (na, nb) = (&model.need(a).id, &model.need(b).id);
            // The clients it catches: profiles with both needs, of these ages, entering here.
            let profiles: Vec<ProfileIx> = model
                .profiles()
                .indices()
                .filter(|p| {
                    let pr = model.profile(*p);
                    pr.needs.contains(&a)
                        && pr.needs.contains(&b)
                        && (lo..=hi).contains(&pr.age)
                        && model.service_region(pr.entry).unwrap_or("") == region
                })
                .collect();
            let affected: f64 = profiles
                .iter()
                .filter_map(|p| model.profile(*p).arrivals_per_month)
                .sum();
            let place = if region.is_empty() {
                "the workspace".to_string()
            } else {
                format!("region {region}")
            };
            let ages = if lo == 0 && hi >= LAST_AGE {
                "of every age".to_string()
            } else if hi >= LAST_AGE {
                format!("aged {lo}+")
            } else if lo == hi {
                format!("aged {lo}")
            } else {
                format!("aged {lo}–{hi}")
            };
            out.push(
                FindingBuilder::new(
                    Payload::ExclusionTrap {
                        needs: [a, b],
                        profiles: profiles.clone(),
                        region: (!region.is_empty()).then(|| region.clone()),
                        ages: (lo, hi.min(LAST_AGE)),
                    },
                    model.service(sa[0]).origin.clone(),
                    format!(
                        "for clients {ages} in {place}, every service for `{na}` excludes `{nb}`, and every service for `{nb}` excludes `{na}`{}",
                        if profiles.is_empty() { String::new() } else { format!(" (profiles with both: {})", profiles.iter().map(|p| model.profile(*p).id.as_str()).collect::<Vec<_>>().join(", ")) }
                    ),
                )
                .label(format!("excludes `{nb}`"))
                .related(model.service(sb[0]).origin.clone(), format!("excludes `{na}`"))
                .why("The classic trap between substance-use and mental-health care: each sends the young person to the other to be treated first, so neither treats them.")
                .fix(format!("let one service for `{na}` or `{nb}` take clients {ages} with both, or set up joint work (työparityö) between them"))
                .entities([Entity::Need(a), Entity::Need(b)])
                .entities(sa.iter().chain(&sb).map(|s| Entity::Service(*s)))
                .entities(profiles.iter().map(|p| Entity::Profile(*p)))
                .affected(Some(affected))
                .build(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn an_exclusion_trap_holds_for_the_ages_and_region_where_it_is_real() {
        // In Uusimaa the youth services (13–17) for substance use and for mental health exclude
        // each other; an adult service (18+) takes both, and so does a Lapland service for all
        // ages. The trap is real for 13–17-year-olds in Uusimaa, and only there.
        let toml = r#"
[[need]]
id = "paihteet"
name = "Päihteet"

[[need]]
id = "mielenterveys"
name = "Mielenterveys"

[[service]]
id = "nuorisoasema"
name = "Nuorisoasema"
sector = "substance"
region = "Uusimaa"
entry = ["self_referral"]
exit = true
eligibility = { age_min = 13, age_max = 17, needs = ["paihteet"], excludes = ["mielenterveys"] }

[[service]]
id = "nuorisopsykiatria"
name = "Nuorisopsykiatria"
sector = "mental_health"
region = "Uusimaa"
exit = true
eligibility = { age_min = 13, age_max = 17, needs = ["mielenterveys"], excludes = ["paihteet"] }

[[service]]
id = "aikuiset"
name = "Aikuisten palvelu"
sector = "substance"
region = "Uusimaa"
exit = true
eligibility = { age_min = 18, needs = ["paihteet", "mielenterveys"] }

[[service]]
id = "lappi"
name = "Lapin palvelu"
sector = "substance"
region = "Lappi"
entry = ["self_referral"]
exit = true
eligibility = { needs = ["paihteet", "mielenterveys"] }

[[profile]]
id = "nuori"
name = "Nuori"
age = 15
language = "fi"
needs = ["paihteet", "mielenterveys"]
entry = "nuorisoasema"
arrivals_per_month = 3

[[profile]]
id = "aikuinen"
name = "Aikuinen"
age = 20
language = "fi"
needs = ["paihteet", "mielenterveys"]
entry = "nuorisoasema"
"#;
        let m = crate::analysis::test_model(toml);
        let a = crate::analysis::analyze(&m);
        let traps: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.diagnostic.code == Code::ExclusionTrap)
            .collect();
        assert_eq!(traps.len(), 1, "{traps:?}");
        let f = traps[0];
        assert!(
            f.diagnostic
                .message
                .starts_with("for clients aged 13–17 in region Uusimaa, every service for"),
            "{}",
            f.diagnostic.message
        );
        let Payload::ExclusionTrap {
            profiles,
            region,
            ages,
            ..
        } = &f.payload
        else {
            panic!("{:?}", f.payload)
        };
        assert_eq!(region.as_deref(), Some("Uusimaa"));
        assert_eq!(*ages, (13, 17));
        // The 15-year-old is caught; the 20-year-old is not.
        assert_eq!(profiles, &[m.profile_by_id("nuori").unwrap()]);
        assert_eq!(f.affected_per_month, Some(3.0));
        // One service for both at those ages in Uusimaa ends the trap.
        let fixed = toml.replace("age_min = 18, needs", "age_min = 13, needs");
        let a = crate::analysis::analyze(&crate::analysis::test_model(&fixed));
        assert!(
            a.findings
                .iter()
                .all(|f| f.diagnostic.code != Code::ExclusionTrap)
        );
    }
}
