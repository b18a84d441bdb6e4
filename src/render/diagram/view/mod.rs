//! One model of a diagram view — which services, in which lanes, with which highlights and labels
//! in which language — shared by every layout engine and export (DOT, native swimlanes, Mermaid,
//! BPMN). Deciding *what* to draw once keeps the engines from disagreeing about it.
//!
//! **Architecture Invariant:** views carry only plain text; every renderer escapes it for its own
//! format by construction. Nothing in a view is a raw attribute of any output format.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::bottlenecks::HIGH_UTILISATION;
use crate::analysis::routes::{Blocker, Outcome, ProfileRoutes, Step};
use crate::analysis::{Analysis, Entity};
use crate::diagnostic::Code;
use crate::i18n::Msg;
use crate::model::{
    ActorKind, HandoffIx, HandoffKind, Lang, Model, PathwayIx, ProfileIx, Sector, ServiceIx,
};
use crate::render::figures::{ages, decimal, duration, whole_percent};

mod badges;
pub(crate) use badges::marked_services;
mod ecosystem;

use badges::{badges_by_service, blocker_figure, missing_collaborations, missing_edge};
pub use ecosystem::Focus;

/// Which diagram.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    /// One pathway as swimlanes (JHS 152 style), flowing left to right.
    Lanes,
    /// One profile's routes through a pathway; the rest faded.
    Route,
    /// Every service of the workspace; aggregated into actors when large.
    Ecosystem,
}

/// What a lane is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneBy {
    /// One lane per organisation (toimija).
    Actor,
    /// One lane per sector.
    Sector,
}

/// What to draw.
#[derive(Clone, Copy, Debug)]
pub struct ViewOptions {
    /// Which diagram.
    pub kind: ViewKind,
    /// Lanes by actor or sector.
    pub lanes: LaneBy,
    /// The pathway (required for lanes and route views).
    pub pathway: Option<PathwayIx>,
    /// The profile (required for the route view).
    pub profile: Option<ProfileIx>,
    /// Label language; text falls back to the other languages.
    pub lang: Lang,
    /// Ecosystem views with more services than this are summed up into organisations (and,
    /// with more organisations than this, into regions).
    pub aggregate_above: usize,
    /// The part of the ecosystem an ecosystem view shows.
    pub focus: Focus,
}

impl Default for ViewOptions {
    fn default() -> Self {
        ViewOptions {
            kind: ViewKind::Lanes,
            lanes: LaneBy::Actor,
            pathway: None,
            profile: None,
            lang: Lang::Fi,
            aggregate_above: 150,
            focus: Focus::All,
        }
    }
}

/// A horizontal band (an actor, a sector, or a kind of actor when aggregated).
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// Stable key (an id or a vocabulary word).
    pub key: String,
    /// Label in the view's language.
    pub label: String,
    /// The lane's region (empty when it has none or the lanes are not organisations): lanes of
    /// one region are drawn side by side.
    pub group: String,
}

/// A finding shown on a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A profile's need is unmet here (the closest service that would address it).
    UnmetNeed,
    /// The drawn route stops here: the service does not take the profile's client (age,
    /// language, an excluding need).
    RouteBreak,
    /// No way on and not an exit.
    DeadEnd,
    /// Not given in a profile's language.
    LanguageGap,
    /// Its age limits leave the ages after it uncovered.
    AgeGap,
    /// No entry reaches it.
    Unreachable,
    /// A statutory clock breaks here.
    StatutoryClock,
    /// The pathway depends on it.
    SinglePointOfFailure,
}

impl Mark {
    /// Every mark, in legend order.
    pub const ALL: [Mark; 8] = [
        Mark::UnmetNeed,
        Mark::RouteBreak,
        Mark::DeadEnd,
        Mark::LanguageGap,
        Mark::AgeGap,
        Mark::Unreachable,
        Mark::StatutoryClock,
        Mark::SinglePointOfFailure,
    ];

    /// The finding code behind the mark.
    pub fn code(self) -> Code {
        match self {
            Mark::UnmetNeed | Mark::RouteBreak => Code::UnmetNeed,
            Mark::DeadEnd => Code::DeadEnd,
            Mark::LanguageGap => Code::LanguageGap,
            Mark::AgeGap => Code::AgeCoverageGap,
            Mark::Unreachable => Code::UnreachableService,
            Mark::StatutoryClock => Code::StatutoryClock,
            Mark::SinglePointOfFailure => Code::SinglePointOfFailure,
        }
    }

    /// A one-character symbol drawn on the node (plain text, no icon font needed).
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::UnmetNeed => "!",
            Mark::RouteBreak => "✕",
            Mark::DeadEnd => "⊣",
            Mark::LanguageGap => "Aa",
            Mark::AgeGap => "⇥",
            Mark::Unreachable => "∅",
            Mark::StatutoryClock => "◷",
            Mark::SinglePointOfFailure => "◆",
        }
    }

    /// The legend text.
    pub fn label(self, lang: Lang) -> String {
        lang.text(&match self {
            Mark::UnmetNeed => Msg::ViewMarkUnmetNeed,
            Mark::RouteBreak => Msg::ViewMarkRouteBreak,
            Mark::DeadEnd => Msg::ViewMarkDeadEnd,
            Mark::LanguageGap => Msg::ViewMarkLanguageGap,
            Mark::AgeGap => Msg::ViewMarkAgeGap,
            Mark::Unreachable => Msg::ViewMarkUnreachable,
            Mark::StatutoryClock => Msg::ViewMarkStatutoryClock,
            Mark::SinglePointOfFailure => Msg::ViewMarkSinglePointOfFailure,
        })
    }
}

/// What a box carries in its badge strip: a finding's mark with the figure that makes it
/// concrete ("Aa sv → fi", "18–29 v"), or the load of a busy service ("600 %", "∞"), so a
/// manager reads the problem on the picture, not in a tooltip.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Badge {
    /// A finding's mark.
    Mark {
        /// Which finding.
        mark: Mark,
        /// Its figure, worded in the view's language.
        figure: Option<String>,
    },
    /// Load over the high-utilisation threshold, in whole per cent (`∞` on a closed loop).
    Load {
        /// The figure.
        figure: String,
        /// Over capacity (the problem colour), not only busy (the warning colour).
        over: bool,
    },
}

impl From<Mark> for Badge {
    fn from(mark: Mark) -> Badge {
        Badge::Mark { mark, figure: None }
    }
}

impl Badge {
    /// The text drawn in the badge: the mark's symbol and its figure.
    pub fn text(&self) -> String {
        match self {
            Badge::Mark { mark, figure: None } => mark.symbol().to_string(),
            Badge::Mark {
                mark,
                figure: Some(f),
            } => format!("{} {f}", mark.symbol()),
            Badge::Load { figure, .. } => figure.clone(),
        }
    }

    /// The mark, for badges that stand for a finding's mark.
    pub fn mark(&self) -> Option<Mark> {
        match self {
            Badge::Mark { mark, .. } => Some(*mark),
            Badge::Load { .. } => None,
        }
    }

    /// True when the badge shows a problem (drawn in the problem colour), not a warning.
    pub fn problem(&self) -> bool {
        match self {
            Badge::Mark { .. } => true,
            Badge::Load { over, .. } => *over,
        }
    }
}

/// A node: a service, or an actor when the view is aggregated.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewNode {
    /// Stable key: the service id (or actor id when aggregated).
    pub key: String,
    /// The label, wrapped into lines.
    pub label: Vec<String>,
    /// Index into [`View::lanes`].
    pub lane: usize,
    /// The sector, for the colour; `None` for aggregated actor nodes.
    pub sector: Option<Sector>,
    /// An entry point.
    pub entry: bool,
    /// A pathway may end here.
    pub exit: bool,
    /// Drawn faded (not on the selected route).
    pub faded: bool,
    /// On the selected profile's route.
    pub on_route: bool,
    /// Findings shown on it, each with its figure where it has one.
    pub badges: Vec<Badge>,
    /// Load / capacity, for the heat colour of its border.
    pub utilisation: Option<f64>,
    /// A longer description for tooltips and titles (accessibility).
    pub tooltip: String,
    /// The service, when the node is one.
    pub service: Option<ServiceIx>,
    /// Services aggregated into it.
    pub count: usize,
    /// Where a click on a summed-up box leads: the region's or organisation's own view.
    pub drill: Option<Drill>,
}

/// One level down from a summed-up box: the focus, and how a URL names it (`region=Uusimaa`).
#[derive(Clone, Debug, PartialEq)]
pub struct Drill {
    /// The region or organisation.
    pub focus: Focus,
    /// The URL query parameter: `region` or `actor`.
    pub param: &'static str,
    /// Its value: the region's name or the organisation's id (`-` for none given).
    pub value: String,
}

/// An edge: a handoff, or all handoffs between two actors when aggregated.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewEdge {
    /// Index into [`View::nodes`].
    pub from: usize,
    /// Index into [`View::nodes`].
    pub to: usize,
    /// The kind; `None` when aggregated.
    pub kind: Option<HandoffKind>,
    /// Label lines: kind and wait.
    pub label: Vec<String>,
    /// True when the client moves along it (referral, return): drawn solid, else dashed.
    pub moves_client: bool,
    /// Part of a referral loop: drawn in the loop colour.
    pub in_loop: bool,
    /// Crosses organisations without an agreed protocol: marked.
    pub boundary_without_protocol: bool,
    /// Not a handoff but its absence: two sectors share the clients of these two services and no
    /// handoff links them (finding X0401). Drawn as a dotted line in the problem colour, without
    /// an arrow, and left out of BPMN (it is no flow).
    pub missing_collaboration: bool,
    /// Drawn faded.
    pub faded: bool,
    /// On the selected route.
    pub on_route: bool,
    /// The handoff, when the edge is one.
    pub handoff: Option<HandoffIx>,
    /// Handoffs aggregated into it.
    pub count: usize,
}

/// A diagram to lay out and draw.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// Title, in the view's language.
    pub title: String,
    /// The language of every label.
    pub lang: Lang,
    /// Lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Nodes.
    pub nodes: Vec<ViewNode>,
    /// Edges.
    pub edges: Vec<ViewEdge>,
    /// True when services were aggregated into actors.
    pub aggregated: bool,
    /// Sectors present, for the legend.
    pub sectors: Vec<Sector>,
    /// Marks present, for the legend.
    pub marks: Vec<Mark>,
}

/// The steps of a profile's routes as the route view draws them, each with what stops the client
/// there: an unmet need's closest route is drawn up to the first service that does not take the
/// client (that step carries its blockers), because the route does not seem to work past it.
/// The route view and the viewer's profile filter ([`crate::render::viewer`]) both read this, so
/// the boxes a filter leaves are the boxes the route view draws.
pub fn route_steps(routes: &ProfileRoutes) -> Vec<(&Step, Option<&[Blocker]>)> {
    let mut steps = Vec::new();
    for r in &routes.routes {
        let stop = match &r.outcome {
            Outcome::Met => None,
            Outcome::Unmet { blocked, .. } => r.steps.iter().find_map(|s| {
                blocked
                    .iter()
                    .find(|(b, _)| *b == s.service)
                    .map(|(b, why)| (*b, why.as_slice()))
            }),
        };
        for s in &r.steps {
            match stop {
                Some((b, why)) if b == s.service => {
                    steps.push((s, Some(why)));
                    break;
                }
                _ => steps.push((s, None)),
            }
        }
    }
    steps
}

/// Breaks text into lines of at most `width` characters at spaces (longer words stay whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Lane label for services without an actor.
fn no_actor(lang: Lang) -> String {
    lang.text(&Msg::ViewNoActor)
}

fn actor_kind_order(k: ActorKind) -> usize {
    ActorKind::ALL
        .iter()
        .position(|x| *x == k)
        .unwrap_or(usize::MAX)
}

/// Why a view cannot be built from the options given. The CLI and the server word these for
/// their users (a flag, a query parameter), so the messages here name neither.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ViewError {
    /// A lanes or route view of a workspace with several pathways, and none chosen.
    #[error("the workspace has several pathways and none was chosen: {}", .0.join(", "))]
    PathwayNeeded(Vec<String>),
    /// A route view without a profile.
    #[error("the route view needs a profile")]
    ProfileNeeded,
}

/// Builds a view. Fails when the options do not make sense for the model (a lanes view of a
/// workspace with several pathways and none chosen, a route view without a profile).
pub fn build(model: &Model, analysis: &Analysis, options: &ViewOptions) -> Result<View, ViewError> {
    let lang = options.lang;
    let pathway = match (options.pathway, options.kind) {
        (Some(p), _) => Some(p),
        (None, ViewKind::Ecosystem) => None,
        (None, _) if model.pathways().len() == 1 => Some(PathwayIx(0)),
        (None, _) => {
            return Err(ViewError::PathwayNeeded(
                model.pathways().iter().map(|p| p.id.clone()).collect(),
            ));
        }
    };
    let services: Vec<ServiceIx> = match pathway {
        Some(p) if options.kind != ViewKind::Ecosystem => model.pathway(p).services.clone(),
        _ => options.focus.services(model),
    };
    let title = match (options.kind, pathway) {
        (ViewKind::Ecosystem, _) => match options.focus.name(model, lang) {
            Some(name) => format!("{} — {name}", lang.text(&Msg::ViewEcosystemTitle)),
            None => lang.text(&Msg::ViewEcosystemTitle),
        },
        (_, Some(p)) => model.pathway(p).title.get(lang).to_string(),
        (_, None) => String::new(),
    };

    // The selected profile's route: services and handoffs on it.
    let mut route_services = BTreeSet::new();
    let mut route_handoffs = BTreeSet::new();
    let mut breaks: BTreeMap<ServiceIx, BTreeSet<String>> = BTreeMap::new();
    let mut title = title;
    if options.kind == ViewKind::Route {
        let profile = options.profile.ok_or(ViewError::ProfileNeeded)?;
        let p = model.profile(profile);
        title = format!("{title} — {}", p.name.get(lang));
        let drawn = analysis
            .routes
            .iter()
            .filter(|r| r.profile == profile)
            .flat_map(route_steps);
        for (s, stop) in drawn {
            route_services.insert(s.service);
            if let Some(h) = s.via {
                route_handoffs.insert(h);
            }
            if let Some(why) = stop {
                breaks
                    .entry(s.service)
                    .or_default()
                    .extend(why.iter().map(|w| blocker_figure(model, w, lang)));
            }
        }
    }

    let mut badges = badges_by_service(model, analysis, lang);
    let in_loops = loop_members(analysis);
    let unprotected: BTreeSet<HandoffIx> = analysis
        .active()
        .filter(|f| f.diagnostic.code == Code::BoundaryWithoutProtocol)
        .filter_map(|f| match f.entities.first() {
            Some(Entity::Handoff(h)) => Some(*h),
            _ => None,
        })
        .collect();

    // One organisation's services are drawn however many they are: that is what was asked for.
    let aggregate = options.kind == ViewKind::Ecosystem
        && services.len() > options.aggregate_above
        && !matches!(options.focus, Focus::Actor(_));
    if aggregate {
        return Ok(ecosystem::summed_up(
            model,
            analysis,
            &services,
            options.focus,
            title,
            lang,
            options.aggregate_above,
        ));
    }

    // Lanes.
    let lane_key = |s: ServiceIx| -> (usize, String, String) {
        let service = model.service(s);
        match options.lanes {
            LaneBy::Actor => match service.actor {
                Some(a) => {
                    let actor = model.actor(a);
                    (
                        actor_kind_order(actor.kind),
                        actor.id.clone(),
                        actor.name.get(lang).to_string(),
                    )
                }
                None => (usize::MAX, String::new(), no_actor(lang)),
            },
            LaneBy::Sector => (
                Sector::ALL
                    .iter()
                    .position(|x| *x == service.sector)
                    .unwrap_or(0),
                service.sector.as_str().to_string(),
                service.sector.label(lang).to_string(),
            ),
        }
    };
    // An organisation's lane belongs to its region, so a municipality's lane is drawn beside its
    // wellbeing services county's rather than among every other municipality.
    let lane_group = |s: ServiceIx| -> String {
        match (options.lanes, model.service(s).actor) {
            (LaneBy::Actor, Some(a)) => model.actor(a).region.clone().unwrap_or_default(),
            _ => String::new(),
        }
    };
    let mut lane_list: Vec<(usize, usize, String, String, String)> = Vec::new(); // (order, first seen, key, label, group)
    for (seen, &s) in services.iter().enumerate() {
        let (order, key, label) = lane_key(s);
        if !lane_list.iter().any(|l| l.2 == key) {
            lane_list.push((order, seen, key, label, lane_group(s)));
        }
    }
    lane_list.sort_by_key(|l| (l.0, l.1));
    // Regions in the order of their first lane; within a region, the order above.
    let mut grouped: Vec<(usize, usize, String, String, String)> = Vec::new();
    for l in &lane_list {
        if !grouped.iter().any(|g| g.4 == l.4) {
            grouped.extend(lane_list.iter().filter(|o| o.4 == l.4).cloned());
        }
    }
    let lanes: Vec<Lane> = grouped
        .into_iter()
        .map(|l| Lane {
            key: l.2,
            label: l.3,
            group: l.4,
        })
        .collect();

    let mut index = BTreeMap::new();
    let nodes: Vec<ViewNode> = services
        .iter()
        .enumerate()
        .map(|(i, &s)| {
            index.insert(s, i);
            let service = model.service(s);
            let (_, key, _) = lane_key(s);
            let utilisation = service.capacity.and_then(|c| {
                crate::analysis::flow::queue(analysis.flow.load[s.index()], &c)
                    .map(|q| q.utilisation)
            });
            let on_route = route_services.contains(&s);
            let mut node_badges = badges.remove(&s).unwrap_or_default();
            if let Some(why) = breaks.remove(&s) {
                node_badges.insert(
                    0,
                    Badge::Mark {
                        mark: Mark::RouteBreak,
                        figure: Some(why.into_iter().collect::<Vec<_>>().join(", ")),
                    },
                );
            }
            if let Some(u) = utilisation.filter(|u| *u > HIGH_UTILISATION) {
                node_badges.push(Badge::Load {
                    figure: if u.is_finite() {
                        whole_percent(u, lang)
                    } else {
                        "∞".to_string()
                    },
                    over: u > 1.0,
                });
            }
            ViewNode {
                key: service.id.clone(),
                label: wrap(service.name.get(lang), 22),
                lane: lanes.iter().position(|l| l.key == key).unwrap_or(0),
                sector: Some(service.sector),
                entry: !service.entry.is_empty(),
                exit: service.exit,
                faded: options.kind == ViewKind::Route && !on_route,
                on_route,
                badges: node_badges,
                utilisation,
                tooltip: tooltip(model, analysis, s, lang),
                service: Some(s),
                count: 1,
                drill: None,
            }
        })
        .collect();

    let mut edges: Vec<ViewEdge> = model
        .handoffs()
        .iter_enumerated()
        .filter_map(|(ix, h)| {
            let (from, to) = (*index.get(&h.from)?, *index.get(&h.to)?);
            let on_route = route_handoffs.contains(&ix);
            let mut label = vec![h.kind.label(lang).to_string()];
            if let Some(w) = h.wait {
                label.push(duration(w, lang));
            }
            Some(ViewEdge {
                from,
                to,
                kind: Some(h.kind),
                label,
                moves_client: h.kind.moves_client(),
                in_loop: in_loops
                    .iter()
                    .any(|l| l.contains(&h.from) && l.contains(&h.to)),
                boundary_without_protocol: unprotected.contains(&ix),
                missing_collaboration: false,
                faded: options.kind == ViewKind::Route && !on_route,
                on_route,
                handoff: Some(ix),
                count: 1,
            })
        })
        .collect();
    // The collaborations the analysis misses, between two drawn services.
    let mut seen = BTreeSet::new();
    for (a, b) in missing_collaborations(analysis) {
        if let (Some(&from), Some(&to)) = (index.get(&a), index.get(&b))
            && seen.insert((from.min(to), from.max(to)))
        {
            edges.push(missing_edge(from, to, lang));
        }
    }

    let sectors: BTreeSet<Sector> = nodes.iter().filter_map(|n| n.sector).collect();
    let used_marks: BTreeSet<Mark> = nodes
        .iter()
        .flat_map(|n| n.badges.iter().filter_map(Badge::mark))
        .collect();
    Ok(View {
        title,
        lang,
        lanes,
        nodes,
        edges,
        aggregated: false,
        sectors: sectors.into_iter().collect(),
        marks: used_marks.into_iter().collect(),
    })
}

fn loop_members(analysis: &Analysis) -> Vec<BTreeSet<ServiceIx>> {
    analysis
        .findings
        .iter()
        .filter(|f| f.diagnostic.code == Code::ReferralLoop)
        .map(|f| {
            f.entities
                .iter()
                .filter_map(|e| match e {
                    Entity::Service(s) => Some(*s),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

fn tooltip(model: &Model, analysis: &Analysis, s: ServiceIx, lang: Lang) -> String {
    let service = model.service(s);
    let mut parts = vec![
        service.name.get(lang).to_string(),
        service.sector.label(lang).to_string(),
    ];
    if let Some(a) = service.actor {
        parts.push(model.actor(a).name.get(lang).to_string());
    }
    let e = &service.eligibility;
    if e.age_min.is_some() || e.age_max.is_some() {
        parts.push(ages(e.age_min, e.age_max));
    }
    if !e.languages.is_empty() {
        parts.push(e.languages.join("/"));
    }
    if let Some(w) = service.wait {
        parts.push(duration(w, lang));
    }
    let load = analysis.flow.load[s.index()];
    if let Some(c) = service.capacity
        && load.is_finite()
    {
        parts.push(format!(
            "{}/{}",
            decimal(load, lang),
            decimal(c.clients_per_month, lang)
        ));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole() {
        assert_eq!(
            wrap("Nuorten mielenterveys- ja päihdepalvelut", 15),
            ["Nuorten", "mielenterveys-", "ja", "päihdepalvelut"]
        );
        assert_eq!(wrap("Nuorisoasema", 22), ["Nuorisoasema"]);
        assert_eq!(wrap("", 22), [""]);
    }

    #[test]
    fn every_sector_has_a_distinct_colour_and_pattern() {
        use super::super::palette::family;
        let looks: BTreeSet<String> = Sector::ALL
            .iter()
            .map(|s| format!("{:?}", family(*s)))
            .collect();
        assert_eq!(looks.len(), Sector::ALL.len());
    }
}
