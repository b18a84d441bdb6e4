//! The ecosystem at any scale: which services a focus holds, and how a view too large to draw
//! box by box is summed up — into one box per organisation, or at national scale one box per
//! region — each box leading one level down (region → organisation → service), so any service is
//! at most three clicks from the first screen.

use std::collections::{BTreeMap, BTreeSet};

use super::{Drill, missing_edge, wrap};
use super::{Lane, View, ViewEdge, ViewNode, actor_kind_order, missing_collaborations, no_actor};
use crate::analysis::Analysis;
use crate::i18n::Msg;
use crate::model::{ActorIx, ActorKind, Lang, Model, ServiceIx};

/// Which part of the ecosystem a view shows, and where a summed-up box leads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Focus {
    /// The whole workspace.
    #[default]
    All,
    /// One region: an index into [`Model::regions`], or `None` for the services no region is
    /// given for.
    Region(Option<usize>),
    /// One organisation's services, or `None` for the services without one.
    Actor(Option<ActorIx>),
}

impl Focus {
    /// The services the focus holds, in model order.
    pub fn services(self, model: &Model) -> Vec<ServiceIx> {
        let regions = model.regions();
        model
            .service_indices()
            .filter(|&s| match self {
                Focus::All => true,
                Focus::Region(r) => {
                    model.service_region(s) == r.and_then(|r| regions.get(r).copied())
                }
                Focus::Actor(a) => model.service(s).actor == a,
            })
            .collect()
    }

    /// What the focus is called, in `lang`: the region's or organisation's name.
    pub fn name(self, model: &Model, lang: Lang) -> Option<String> {
        match self {
            Focus::All => None,
            Focus::Region(Some(r)) => model.regions().get(r).map(|r| (*r).to_string()),
            Focus::Region(None) => Some(lang.text(&Msg::ViewNoRegion)),
            Focus::Actor(Some(a)) => Some(model.actor(a).name.get(lang).to_string()),
            Focus::Actor(None) => Some(no_actor(lang)),
        }
    }

    /// The query value that names the focus in a URL (`region=…` or `actor=…`), as
    /// [`Focus::parse`] reads it back; `-` stands for "none given".
    pub fn query(self, model: &Model) -> Option<(&'static str, String)> {
        match self {
            Focus::All => None,
            Focus::Region(r) => Some((
                "region",
                r.and_then(|r| model.regions().get(r).map(|r| (*r).to_string()))
                    .unwrap_or_else(|| "-".into()),
            )),
            Focus::Actor(a) => Some((
                "actor",
                a.map_or_else(|| "-".into(), |a| model.actor(a).id.clone()),
            )),
        }
    }

    /// The focus a URL's `region` or `actor` names; `None` when it names nothing in the model.
    pub fn parse(model: &Model, region: Option<&str>, actor: Option<&str>) -> Option<Focus> {
        match (region, actor) {
            (_, Some("-")) => Some(Focus::Actor(None)),
            (_, Some(a)) => model.actor_by_id(a).map(|a| Focus::Actor(Some(a))),
            (Some("-"), None) => Some(Focus::Region(None)),
            (Some(r), None) => model
                .regions()
                .iter()
                .position(|x| *x == r)
                .map(|r| Focus::Region(Some(r))),
            (None, None) => Some(Focus::All),
        }
    }
}

impl Focus {
    /// [`Focus::parse`] with blank values as absent, or what to do when they name nothing in the
    /// workspace.
    pub fn resolve(
        model: &Model,
        region: Option<&str>,
        actor: Option<&str>,
    ) -> Result<Focus, String> {
        let region = region.filter(|v| !v.is_empty());
        let actor = actor.filter(|v| !v.is_empty());
        Focus::parse(model, region, actor).ok_or_else(|| match actor {
            Some(a) => format!(
                "no organisation `{a}` in the workspace: give the id of an actor (as in `[[actor]] id = ...`), or `-` for services without one"
            ),
            None => format!(
                "no region `{}` in the workspace: give one of {}, or `-` for services without one",
                region.unwrap_or_default(),
                model.regions().join(", ")
            ),
        })
    }
}

/// What a summed-up box stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Region(Option<usize>),
    Actor(Option<ActorIx>),
}

impl Group {
    /// Where a click on the box leads.
    fn focus(self) -> Focus {
        match self {
            Group::Region(r) => Focus::Region(r),
            Group::Actor(a) => Focus::Actor(a),
        }
    }
}

/// A summed-up ecosystem of `services`: one box per organisation, or, when even those are more
/// than `limit` and the view is not already one region's, one box per region. Edges carry the
/// number of handoffs between two boxes; missing collaborations are drawn between boxes too.
pub(super) fn summed_up(
    model: &Model,
    analysis: &Analysis,
    services: &[ServiceIx],
    focus: Focus,
    title: String,
    lang: Lang,
    limit: usize,
) -> View {
    let regions = model.regions();
    let region_of = |s: ServiceIx| {
        model
            .service_region(s)
            .and_then(|r| regions.iter().position(|x| *x == r))
    };
    let actors: BTreeSet<Option<ActorIx>> =
        services.iter().map(|&s| model.service(s).actor).collect();
    let by_region = focus == Focus::All && actors.len() > limit;
    let group_of = |s: ServiceIx| {
        if by_region {
            Group::Region(region_of(s))
        } else {
            Group::Actor(model.service(s).actor)
        }
    };
    let mut members: BTreeMap<Group, usize> = BTreeMap::new();
    for &s in services {
        *members.entry(group_of(s)).or_insert(0) += 1;
    }
    let groups: Vec<Group> = members.keys().copied().collect();
    // Lanes: by kind of organisation; regions share one lane.
    let lane_of = |g: Group| -> Option<ActorKind> {
        match g {
            Group::Actor(a) => a.map(|a| model.actor(a).kind),
            Group::Region(_) => None,
        }
    };
    let mut kinds: Vec<Option<ActorKind>> = groups
        .iter()
        .map(|g| lane_of(*g))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    kinds.sort_by_key(|k| k.map_or(usize::MAX, actor_kind_order));
    let lanes: Vec<Lane> = kinds
        .iter()
        .map(|k| match k {
            Some(k) => Lane {
                key: k.as_str().to_string(),
                label: k.label(lang).to_string(),
                group: String::new(),
            },
            None if by_region => Lane {
                key: "regions".into(),
                label: lang.text(&Msg::ViewRegionsLane),
                group: String::new(),
            },
            None => Lane {
                key: String::new(),
                label: no_actor(lang),
                group: String::new(),
            },
        })
        .collect();
    let nodes: Vec<ViewNode> = groups
        .iter()
        .map(|g| {
            let count = members[g];
            let (key, name) = match *g {
                Group::Actor(Some(a)) => {
                    let actor = model.actor(a);
                    (actor.id.clone(), actor.name.get(lang).to_string())
                }
                Group::Actor(None) => ("-".to_string(), no_actor(lang)),
                Group::Region(Some(r)) => (format!("region:{}", regions[r]), regions[r].into()),
                Group::Region(None) => ("region:-".to_string(), lang.text(&Msg::ViewNoRegion)),
            };
            let services = lang.text(&Msg::ViewServiceCount {
                count: count.into(),
            });
            let mut label = wrap(&name, 22);
            label.push(services.clone());
            ViewNode {
                key,
                tooltip: format!("{name}: {services}"),
                label,
                lane: kinds.iter().position(|k| *k == lane_of(*g)).unwrap_or(0),
                sector: None,
                entry: false,
                exit: false,
                faded: false,
                on_route: false,
                badges: Vec::new(),
                utilisation: None,
                service: None,
                count,
                drill: g.focus().query(model).map(|(param, value)| Drill {
                    focus: g.focus(),
                    param,
                    value,
                }),
            }
        })
        .collect();
    let inside: BTreeSet<ServiceIx> = services.iter().copied().collect();
    let position = |s: ServiceIx| {
        inside
            .contains(&s)
            .then(|| groups.binary_search(&group_of(s)).ok())
            .flatten()
    };
    let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for h in model.handoffs() {
        if let (Some(a), Some(b)) = (position(h.from), position(h.to))
            && a != b
        {
            *pairs.entry((a, b)).or_insert(0) += 1;
        }
    }
    let mut edges: Vec<ViewEdge> = pairs
        .into_iter()
        .map(|((from, to), count)| ViewEdge {
            from,
            to,
            kind: None,
            label: vec![count.to_string()],
            moves_client: true,
            in_loop: false,
            boundary_without_protocol: false,
            missing_collaboration: false,
            faded: false,
            on_route: false,
            handoff: None,
            count,
        })
        .collect();
    // Missing collaborations between two boxes, one line per pair.
    let mut seen = BTreeSet::new();
    for (a, b) in missing_collaborations(analysis) {
        if let (Some(from), Some(to)) = (position(a), position(b))
            && from != to
            && seen.insert((from.min(to), from.max(to)))
        {
            edges.push(missing_edge(from, to, lang));
        }
    }
    View {
        title,
        lang,
        lanes,
        nodes,
        edges,
        aggregated: true,
        sectors: Vec::new(),
        marks: Vec::new(),
    }
}
