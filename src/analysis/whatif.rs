//! What-if: change the model (capacity, waits, shares, a removed service), analyse again and
//! compare. Managers ask "what if the youth station had two more workers?" before they ask for
//! the money.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Analysis, Entity};
use crate::model::{
    Capacity, Duration, Handoff, HandoffIx, Idx, IndexVec, Model, ModelParts, Profile, ProfileIx,
    ServiceIx,
};

/// One change to the model.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// `service.ID.capacity=N`: clients per month.
    Capacity(ServiceIx, f64),
    /// `service.ID.staff=N`: workers.
    Staff(ServiceIx, u32),
    /// `service.ID.wait_days=N`: current wait.
    ServiceWait(ServiceIx, f64),
    /// `handoff.FROM.TO.wait_days=N`: wait on every handoff FROM → TO.
    HandoffWait(ServiceIx, ServiceIx, f64),
    /// `handoff.FROM.TO.share=N`: share of every handoff FROM → TO.
    HandoffShare(ServiceIx, ServiceIx, f64),
    /// `--without service.ID`: the service and its handoffs are gone.
    Without(ServiceIx),
}

fn service(model: &Model, id: &str) -> Result<ServiceIx, String> {
    model.service_by_id(id).ok_or_else(|| {
        let close =
            crate::diagnostic::did_you_mean(id, model.services().iter().map(|s| s.id.as_str()));
        match close {
            Some(c) => format!("unknown service `{id}`; did you mean `{c}`?"),
            None => format!("unknown service `{id}`"),
        }
    })
}

fn number(value: &str, what: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(n),
        _ => Err(format!(
            "{what} must be a number of 0 or more, not `{value}`"
        )),
    }
}

/// Parses a `--set` expression: `service.ID.capacity=60`, `service.ID.staff=4`,
/// `service.ID.wait_days=10`, `handoff.FROM.TO.wait_days=10`, `handoff.FROM.TO.share=0.3`.
pub fn parse_set(model: &Model, expr: &str) -> Result<Change, String> {
    let (path, value) = expr.split_once('=').ok_or_else(|| {
        format!("`{expr}` has no `=`: write e.g. service.nuorisoasema.capacity=60")
    })?;
    let parts: Vec<&str> = path.trim().split('.').collect();
    match parts.as_slice() {
        ["service", id, "capacity"] => Ok(Change::Capacity(
            service(model, id)?,
            number(value, "capacity")?,
        )),
        ["service", id, "staff"] => {
            let n = number(value, "staff")?;
            if n.fract() != 0.0 {
                return Err(format!("staff must be a whole number, not `{value}`"));
            }
            Ok(Change::Staff(service(model, id)?, n as u32))
        }
        ["service", id, "wait_days"] => Ok(Change::ServiceWait(
            service(model, id)?,
            number(value, "wait_days")?,
        )),
        ["handoff", from, to, field @ ("wait_days" | "share")] => {
            let (from, to) = (service(model, from)?, service(model, to)?);
            if !model
                .handoffs()
                .iter()
                .any(|h| h.from == from && h.to == to)
            {
                return Err(format!(
                    "there is no handoff {} → {}",
                    model.service(from).id,
                    model.service(to).id
                ));
            }
            let n = number(value, field)?;
            if *field == "share" {
                if n > 1.0 {
                    return Err(format!("share must be between 0 and 1, not `{value}`"));
                }
                Ok(Change::HandoffShare(from, to, n))
            } else {
                Ok(Change::HandoffWait(from, to, n))
            }
        }
        _ => Err(format!(
            "cannot set `{path}`; use service.ID.capacity, service.ID.staff, service.ID.wait_days, handoff.FROM.TO.wait_days or handoff.FROM.TO.share"
        )),
    }
}

/// Parses a `--without` expression: `service.ID`.
pub fn parse_without(model: &Model, expr: &str) -> Result<Change, String> {
    match expr.trim().split_once('.') {
        Some(("service", id)) => Ok(Change::Without(service(model, id)?)),
        _ => Err(format!("cannot remove `{expr}`; write service.ID")),
    }
}

/// The model with the changes applied, in order; fails when the result is no valid model (staff
/// for a service without a capacity, shares leaving a service above 1).
pub fn apply(model: &Model, changes: &[Change]) -> Result<Model, String> {
    let mut m = model.clone().into_parts();
    let mut removed = Vec::new();
    for change in changes {
        match *change {
            Change::Capacity(s, n) => {
                let staff = m.services[s].capacity.and_then(|c| c.staff);
                m.services[s].capacity = Some(Capacity {
                    clients_per_month: n,
                    staff,
                });
            }
            Change::Staff(s, n) => {
                let old = m.services[s].capacity;
                m.services[s].capacity = Some(match old {
                    // Keep each worker's throughput: capacity scales with staff.
                    Some(Capacity {
                        clients_per_month,
                        staff: Some(k),
                    }) if k > 0 => Capacity {
                        clients_per_month: clients_per_month / f64::from(k) * f64::from(n),
                        staff: Some(n),
                    },
                    Some(c) => Capacity {
                        staff: Some(n),
                        ..c
                    },
                    None => {
                        let id = &m.services[s].id;
                        return Err(format!(
                            "`{id}` has no capacity to scale with its staff; set service.{id}.capacity=N first"
                        ));
                    }
                });
            }
            Change::ServiceWait(s, d) => m.services[s].wait = Some(Duration::days(d)),
            Change::HandoffWait(from, to, d) => {
                for h in m
                    .handoffs
                    .iter_mut()
                    .filter(|h| h.from == from && h.to == to)
                {
                    h.wait = Some(Duration::days(d));
                }
            }
            Change::HandoffShare(from, to, n) => {
                for h in m
                    .handoffs
                    .iter_mut()
                    .filter(|h| h.from == from && h.to == to)
                {
                    h.share = Some(n);
                }
            }
            Change::Without(s) => removed.push(s),
        }
    }
    if !removed.is_empty() {
        m = without(m, &removed);
    }
    let mut shares: IndexVec<ServiceIx, f64> = IndexVec::from_elem(0.0, m.services.len());
    for h in &m.handoffs {
        shares[h.from] += h.share.unwrap_or(0.0);
    }
    if let Some((s, total)) = shares.iter_enumerated().find(|(_, t)| **t > 1.0 + 1e-9) {
        return Err(format!(
            "the shares of the handoffs leaving `{}` would add up to {total:.2}, more than 1; lower another share too",
            m.services[s].id
        ));
    }
    Ok(Model::new(m))
}

/// The lists without some services: their handoffs, the profiles entering at them, and every
/// reference to them go too; everything else is renumbered.
fn without(model: ModelParts, removed: &[ServiceIx]) -> ModelParts {
    let ModelParts {
        actors,
        needs,
        services,
        handoffs,
        profiles,
        mut clocks,
        mut pathways,
        allows,
        documentation,
    } = model;
    let mut m = ModelParts {
        actors,
        needs,
        allows,
        documentation,
        ..ModelParts::default()
    };
    let mut renumber: IndexVec<ServiceIx, Option<ServiceIx>> =
        IndexVec::from_elem(None, services.len());
    m.services = IndexVec::new();
    for (i, s) in services.into_iter().enumerate() {
        let i = ServiceIx::new(i);
        if !removed.contains(&i) {
            renumber[i] = Some(m.services.push(s));
        }
    }
    let map = |s: ServiceIx| renumber[s];
    let mut handoff_map: IndexVec<HandoffIx, Option<HandoffIx>> =
        IndexVec::from_elem(None, handoffs.len());
    m.handoffs = IndexVec::new();
    for (i, h) in handoffs.iter_enumerated() {
        if let (Some(from), Some(to)) = (map(h.from), map(h.to)) {
            handoff_map[i] = Some(m.handoffs.push(Handoff {
                from,
                to,
                ..h.clone()
            }));
        }
    }
    let mut profile_map: IndexVec<ProfileIx, Option<ProfileIx>> =
        IndexVec::from_elem(None, profiles.len());
    m.profiles = IndexVec::new();
    for (i, p) in profiles.iter_enumerated() {
        if let Some(entry) = map(p.entry) {
            profile_map[i] = Some(m.profiles.push(Profile { entry, ..p.clone() }));
        }
    }
    // A clock about removed services only is gone with them (an empty list would match all).
    clocks.retain_mut(|clock| {
        let from_ok = clock.from.as_mut().is_none_or(|f| f.remap(map));
        clock.to.remap(map) && from_ok
    });
    for p in &mut pathways {
        p.services = p.services.iter().filter_map(|s| map(*s)).collect();
        p.handoffs = p.handoffs.iter().filter_map(|h| handoff_map[*h]).collect();
        p.profiles = p.profiles.iter().filter_map(|x| profile_map[*x]).collect();
    }
    m.clocks = clocks;
    m.pathways = pathways;
    m
}

/// The figures a manager compares before and after a change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyFigures {
    /// Active findings by code.
    pub findings: BTreeMap<String, usize>,
    /// Unmet needs over all profiles.
    pub unmet_needs: usize,
    /// Services above 85 % utilisation.
    pub congested_services: usize,
    /// The highest utilisation of any service, in percent; infinite (JSON `null` with
    /// `unbounded_services` > 0) when clients arrive where there is no capacity or never leave.
    pub max_utilisation_percent: Option<f64>,
    /// Services whose load has no bound or that have clients but no capacity.
    pub unbounded_services: usize,
    /// Mean over profiles' met routes of the calendar days waited.
    pub mean_route_wait_days: Option<f64>,
}

/// Key figures of an analysis.
pub fn key_figures(model: &Model, analysis: &Analysis) -> KeyFigures {
    let mut findings = BTreeMap::new();
    for f in analysis.active() {
        *findings
            .entry(f.diagnostic.code.as_str().to_string())
            .or_insert(0) += 1;
    }
    // Infinite utilisation (no capacity for arriving clients, a loop nobody leaves) is the worst
    // case and must count, not vanish from the figures.
    let utilisations: Vec<f64> = model
        .services()
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            if analysis.flow.unbounded[i] {
                return Some(f64::INFINITY);
            }
            super::flow::queue(analysis.flow.load[i], s.capacity.as_ref()?).map(|q| q.utilisation)
        })
        .filter(|u| !u.is_nan())
        .collect();
    let waits: Vec<f64> = analysis
        .routes
        .iter()
        .flat_map(|pr| {
            pr.routes
                .iter()
                .filter(|r| r.is_met())
                .filter_map(|r| r.total_wait_days())
        })
        .collect();
    KeyFigures {
        findings,
        unmet_needs: analysis
            .routes
            .iter()
            .flat_map(|p| &p.routes)
            .filter(|r| !r.is_met())
            .count(),
        congested_services: utilisations
            .iter()
            .filter(|u| **u > super::bottlenecks::HIGH_UTILISATION)
            .count(),
        max_utilisation_percent: utilisations
            .iter()
            .copied()
            .reduce(f64::max)
            .map(|u| u * 100.0),
        unbounded_services: utilisations.iter().filter(|u| u.is_infinite()).count(),
        mean_route_wait_days: (!waits.is_empty())
            .then(|| waits.iter().sum::<f64>() / waits.len() as f64),
    }
}

/// A finding's identity across two models: its code and the ids of what it is about.
pub fn finding_key(model: &Model, f: &super::Finding) -> String {
    let ids: Vec<String> = f
        .entities
        .iter()
        .filter(|e| !matches!(e, Entity::Handoff(_)))
        .map(|e| e.id(model))
        .collect();
    format!("{} {}", f.diagnostic.code.as_str(), ids.join(" "))
}

/// What a change does: figures before and after, findings that appear and disappear.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// Before the change.
    pub before: KeyFigures,
    /// After the change.
    pub after: KeyFigures,
    /// Findings only after the change (code and entity ids).
    pub appeared: Vec<String>,
    /// Findings only before the change.
    pub resolved: Vec<String>,
}

/// Compares the analyses of a model before and after changes.
pub fn compare(
    before_model: &Model,
    before: &Analysis,
    after_model: &Model,
    after: &Analysis,
) -> Comparison {
    let keys = |m: &Model, a: &Analysis| -> std::collections::BTreeSet<String> {
        a.active().map(|f| finding_key(m, f)).collect()
    };
    let (b, a) = (keys(before_model, before), keys(after_model, after));
    Comparison {
        before: key_figures(before_model, before),
        after: key_figures(after_model, after),
        appeared: a.difference(&b).cloned().collect(),
        resolved: b.difference(&a).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, test_model};

    const NET: &str = r#"
[[need]]
id = "ahdistus"
name = "Ahdistus"

[[service]]
id = "kuraattori"
name = "Kuraattori"
sector = "pupil_welfare"
entry = ["school"]
eligibility = { needs = ["ahdistus"] }
capacity = { clients_per_month = 10, staff = 2 }
wait_days = 3

[[service]]
id = "mt"
name = "Mielenterveyspalvelu"
sector = "mental_health"
exit = true
wait_days = 3
capacity = { clients_per_month = 20 }

[[handoff]]
from = "kuraattori"
to = "mt"
share = 0.5

[[profile]]
id = "oppilas"
name = "Oppilas"
age = 14
language = "fi"
needs = ["ahdistus"]
entry = "kuraattori"
arrivals_per_month = 12
"#;

    #[test]
    fn more_capacity_resolves_the_overload() {
        let m = test_model(NET);
        let before = analyze(&m);
        let changed = apply(
            &m,
            &[parse_set(&m, "service.kuraattori.capacity=20").unwrap()],
        )
        .unwrap();
        let after = analyze(&changed);
        let c = compare(&m, &before, &changed, &after);
        assert_eq!(c.before.findings.get("B0304"), Some(&1));
        assert_eq!(c.after.findings.get("B0304"), None);
        assert!(
            c.resolved.iter().any(|k| k == "B0304 kuraattori"),
            "{:?}",
            c.resolved
        );
        assert_eq!(c.before.max_utilisation_percent, Some(120.0));
        assert_eq!(c.after.max_utilisation_percent, Some(60.0));
    }

    #[test]
    fn staff_scales_capacity_and_waits_and_shares_change() {
        let m = test_model(NET);
        let k = m.service_by_id("kuraattori").unwrap();
        let changed = apply(
            &m,
            &[
                parse_set(&m, "service.kuraattori.staff=4").unwrap(),
                parse_set(&m, "handoff.kuraattori.mt.wait_days=10").unwrap(),
                parse_set(&m, "handoff.kuraattori.mt.share=0.2").unwrap(),
            ],
        )
        .unwrap();
        assert_eq!(changed.service(k).capacity.unwrap().clients_per_month, 20.0);
        assert_eq!(
            changed.handoff(HandoffIx(0)).wait.unwrap().calendar_days(),
            10.0
        );
        assert_eq!(changed.handoff(HandoffIx(0)).share, Some(0.2));
    }

    #[test]
    fn without_removes_a_service_and_renumbers() {
        let m = test_model(NET);
        let changed = apply(&m, &[parse_without(&m, "service.kuraattori").unwrap()]).unwrap();
        assert_eq!(changed.services().len(), 1);
        assert_eq!(changed.service(crate::model::ServiceIx(0)).id, "mt");
        assert!(changed.handoffs().is_empty());
        assert!(changed.profiles().is_empty());
        assert_eq!(
            changed.service_by_id("mt"),
            Some(crate::model::ServiceIx(0))
        );
        let _ = analyze(&changed);
    }

    #[test]
    fn changes_that_leave_no_valid_model_are_refused() {
        let m = test_model(&NET.replace("capacity = { clients_per_month = 20 }", ""));
        let err = apply(&m, &[parse_set(&m, "service.mt.staff=3").unwrap()]).unwrap_err();
        assert!(
            err.contains("no capacity") || err.contains("capacity=N"),
            "{err}"
        );
        let ok = apply(
            &m,
            &[
                parse_set(&m, "service.mt.capacity=10").unwrap(),
                parse_set(&m, "service.mt.staff=2").unwrap(),
            ],
        );
        assert!(ok.is_ok());
        let net = format!(
            "{NET}\n[[handoff]]\nfrom = \"kuraattori\"\nto = \"mt\"\nkind = \"return\"\nshare = 0.4\n"
        );
        let m = test_model(&net);
        let err = apply(
            &m,
            &[parse_set(&m, "handoff.kuraattori.mt.share=0.8").unwrap()],
        )
        .unwrap_err();
        assert!(err.contains("more than 1"), "{err}");
    }

    #[test]
    fn removing_the_only_service_a_clock_names_removes_the_clock() {
        let net = format!(
            "{NET}\n[[clock]]\nid = \"mt-3-pv\"\nname = \"x\"\nto = {{ services = [\"mt\"] }}\nlimit_days = 3\n"
        );
        let m = test_model(&net);
        assert!(m.clocks().iter().any(|c| c.id == "mt-3-pv"));
        let changed = apply(&m, &[parse_without(&m, "service.mt").unwrap()]).unwrap();
        assert!(
            !changed.clocks().iter().any(|c| c.id == "mt-3-pv"),
            "an emptied selector would match every service"
        );
        assert_eq!(changed.clocks().len(), m.clocks().len() - 1);
    }

    #[test]
    fn infinite_utilisation_counts_in_the_key_figures() {
        let m = test_model(NET);
        let changed = apply(
            &m,
            &[parse_set(&m, "service.kuraattori.capacity=0").unwrap()],
        )
        .unwrap();
        let k = key_figures(&changed, &analyze(&changed));
        assert_eq!(k.congested_services, 1);
        assert_eq!(k.unbounded_services, 1);
        assert_eq!(k.max_utilisation_percent, Some(f64::INFINITY));
    }

    #[test]
    fn bad_expressions_say_what_to_write() {
        let m = test_model(NET);
        assert!(
            parse_set(&m, "service.kuraatori.capacity=1")
                .unwrap_err()
                .contains("did you mean `kuraattori`")
        );
        assert!(
            parse_set(&m, "service.kuraattori.capacity")
                .unwrap_err()
                .contains("no `=`")
        );
        assert!(
            parse_set(&m, "service.kuraattori.capacity=-1")
                .unwrap_err()
                .contains("0 or more")
        );
        assert!(
            parse_set(&m, "handoff.mt.kuraattori.share=0.1")
                .unwrap_err()
                .contains("no handoff")
        );
        assert!(
            parse_set(&m, "handoff.kuraattori.mt.share=2")
                .unwrap_err()
                .contains("between 0 and 1")
        );
        assert!(
            parse_set(&m, "actor.x.kind=ngo")
                .unwrap_err()
                .contains("cannot set")
        );
        assert!(
            parse_without(&m, "handoff.a.b")
                .unwrap_err()
                .contains("service.ID")
        );
    }
}
