//! What the findings put on a view: the badges on the boxes with their figures, the reason a
//! route breaks, and the lines where a collaboration is missing.

use std::collections::{BTreeMap, BTreeSet};

use super::{Badge, Mark, ViewEdge};
use crate::analysis::payload::Payload;
use crate::analysis::routes::Blocker;
use crate::analysis::{Analysis, Entity, Finding};
use crate::i18n::Msg;
use crate::model::{Lang, Model, ServiceIx};
use crate::render::figures::ages;

/// The two services of every active missing-collaboration finding (X0401): one of each sector
/// that shares the clients.
pub(super) fn missing_collaborations(analysis: &Analysis) -> Vec<(ServiceIx, ServiceIx)> {
    analysis
        .active()
        .filter_map(|f| match &f.payload {
            Payload::MissingCollaboration {
                services: [a, b], ..
            } => Some((*a, *b)),
            _ => None,
        })
        .collect()
}

/// The line drawn where a collaboration is missing: no arrow (nobody hands anything over), not
/// ranked, worded "no collaboration".
pub(super) fn missing_edge(from: usize, to: usize, lang: Lang) -> ViewEdge {
    ViewEdge {
        from,
        to,
        kind: None,
        label: vec![lang.text(&Msg::ViewMissingCollaboration)],
        moves_client: false,
        in_loop: false,
        boundary_without_protocol: false,
        missing_collaboration: true,
        faded: false,
        on_route: false,
        handoff: None,
        count: 0,
    }
}

/// The finding badges of each service, with their figures: the languages a profile asks for and
/// the service gives ("sv → fi"), the ages an age gap leaves after the service ("18–29 v").
pub(super) fn badges_by_service(
    model: &Model,
    analysis: &Analysis,
    lang: Lang,
) -> BTreeMap<ServiceIx, Vec<Badge>> {
    // Per service and mark, the figure's parts (a set: two profiles asking for one language are
    // one figure).
    let mut out: BTreeMap<ServiceIx, BTreeMap<Mark, BTreeSet<String>>> = BTreeMap::new();
    let mut mark = |s: ServiceIx, m: Mark, part: Option<String>| {
        let parts = out.entry(s).or_default().entry(m).or_default();
        parts.extend(part);
    };
    for f in analysis.active() {
        let marked = marked_services(model, f);
        match &f.payload {
            Payload::LanguageGap { profile, .. } => {
                for &s in &marked {
                    mark(
                        s,
                        Mark::LanguageGap,
                        Some(model.profile(*profile).language.clone()),
                    );
                }
            }
            Payload::AgeCoverageGap { holes, .. } => {
                for &s in &marked {
                    let max = model.service(s).eligibility.age_max;
                    for &(a, b) in holes {
                        if max.is_some_and(|m| m + 1 == a) {
                            let range = ages(Some(a), Some(b));
                            mark(
                                s,
                                Mark::AgeGap,
                                Some(lang.text(&Msg::ViewBadgeAges {
                                    range: range.into(),
                                })),
                            );
                        }
                    }
                }
            }
            _ => {
                if let Some(m) = mark_of(f) {
                    for &s in &marked {
                        mark(s, m, None);
                    }
                }
            }
        }
    }
    out.into_iter()
        .map(|(s, marks)| {
            let badges = marks
                .into_iter()
                .map(|(m, parts)| {
                    let figure = match m {
                        Mark::LanguageGap => {
                            let offered = &model.service(s).eligibility.languages;
                            let wanted: Vec<&str> = parts.iter().map(String::as_str).collect();
                            Some(format!("{} → {}", wanted.join(", "), offered.join("/")))
                        }
                        _ if parts.is_empty() => None,
                        _ => Some(parts.into_iter().collect::<Vec<_>>().join(", ")),
                    };
                    Badge::Mark { mark: m, figure }
                })
                .collect();
            (s, badges)
        })
        .collect()
}

/// The mark a finding puts on its service's box, for the codes that have one.
fn mark_of(f: &Finding) -> Option<Mark> {
    Mark::ALL
        .into_iter()
        .find(|m| m.code() == f.diagnostic.code)
}

/// The services whose boxes carry a finding's badge: the service not given in the profile's
/// language; where an age gap begins (the services whose age limit ends where a hole begins: the
/// young person leaves there and nobody takes over); where an unmet need's closest route ends;
/// else the finding's first service. A page's viewer opens on them.
pub(crate) fn marked_services(model: &Model, f: &Finding) -> Vec<ServiceIx> {
    let mut services = f.entities.iter().filter_map(|e| match e {
        Entity::Service(s) => Some(*s),
        _ => None,
    });
    match &f.payload {
        Payload::LanguageGap { service, .. } => vec![*service],
        Payload::AgeCoverageGap { holes, .. } => services
            .filter(|&s| {
                let max = model.service(s).eligibility.age_max;
                holes.iter().any(|&(a, _)| max.is_some_and(|m| m + 1 == a))
            })
            .collect(),
        _ => match mark_of(f) {
            Some(Mark::UnmetNeed) => services.next_back().into_iter().collect(),
            Some(_) => services.next().into_iter().collect(),
            None => Vec::new(),
        },
    }
}

/// The figure of a route's break: what the service takes that the client is not ("13–17 v" for
/// a 19-year-old, "fi" for a Swedish speaker, "≠ need" for an excluding need).
pub(super) fn blocker_figure(model: &Model, blocker: &Blocker, lang: Lang) -> String {
    match blocker {
        Blocker::Age { min, max } => lang.text(&Msg::ViewBadgeAges {
            range: ages(*min, *max).into(),
        }),
        Blocker::Language { offered } => offered.join("/"),
        Blocker::Excludes { need } => format!("≠ {}", model.need(*need).name.get(lang)),
    }
}
