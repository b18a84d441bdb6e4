//! What the interactive diagram viewer (`templates/viewer.js`, `templates/viewer.html`) needs
//! beyond the drawing: the facets each box is filtered by, written into the inline SVG, and the
//! choices of the viewer's filters (sector, region, profile, finding) with the viewer's words.
//! `polku serve`'s pathway and ecosystem pages and `polku build`'s pages show the same viewer
//! from the same [`Viewer`], so a filter means the same wherever it is used.
//!
//! A key design decision: the page carries the data and the script only reads it. A box says its
//! sector, region and the profiles that reach it (`data-sector`, `data-region`, `data-profiles`),
//! a finding's choice names its services (`data-services`, as the findings list does), and the
//! k-step focus walks the arrows' own `data-from`/`data-to`. Nothing is fetched, so the viewer
//! works the same from `polku serve`, a static web server and `file://`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::analysis::{Analysis, Entity, Finding};
use crate::i18n::text_table;
use crate::model::{Model, PathwayIx, ProfileIx, ServiceIx};
use crate::render::diagram::layout::Layout;
use crate::render::diagram::svg::{self, Facets, LegendHtml, NodeFacets};
use crate::render::diagram::view::{View, route_steps};
use crate::render::report::headline::headline;

text_table! {
    /// The viewer's words in one language (shared by the app and the built site).
    pub struct ViewerTexts {
        tools: UiDiagramTools,
        zoom_in: UiZoomIn,
        zoom_out: UiZoomOut,
        zoom_fit: UiZoomFit,
        zoom_actual: UiZoomActual,
        find_service: UiFindService,
        find_none: UiFindNone,
        keys: UiDiagramKeys,
        legend: LegendHeading,
        filters: UiFilters,
        sector: UiSector,
        region: UiRegion,
        profile: UiProfile,
        finding: UiFilterFinding,
        all: UiFilterAll,
        focus: UiFocus,
        focus_none: UiFocusNone,
        steps: UiFocusSteps,
        show_all: UiShowAll,
        shown: UiFilterShown,
    }
}

/// One choice of a filter.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Choice {
    /// What the boxes carry (`school`, `Uusimaa`, a profile id).
    pub value: String,
    /// What the reader sees, with the number of boxes it leaves: `Koulu (3)`.
    pub label: String,
}

/// One finding to filter by: the services of the diagram it involves.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingChoice {
    /// Its position in the analysis (`finding-N` on the pages).
    pub value: usize,
    /// `G0201 Headline…`.
    pub label: String,
    /// The keys of its boxes in this diagram, space-separated (as the findings list's
    /// `data-services`).
    pub services: String,
    /// True for a warning (not a note): the viewer opens on the first warning's boxes when the
    /// whole drawing is too small to read.
    pub warning: bool,
    /// The keys of the boxes that carry its badge, space-separated: where the viewer opens when
    /// not all its boxes fit.
    pub marked: String,
}

/// The filters' choices: only what occurs in the diagram.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Filters {
    /// Sectors, when the diagram has more than one.
    pub sectors: Vec<Choice>,
    /// Regions, when the diagram has more than one.
    pub regions: Vec<Choice>,
    /// Profiles whose routes reach a box of the diagram.
    pub profiles: Vec<Choice>,
    /// Findings about a box of the diagram, in the analysis's ranking.
    pub findings: Vec<FindingChoice>,
    /// The boxes to focus on, by the names they show, in alphabetical order.
    pub services: Vec<Choice>,
}

/// Everything `templates/viewer.html` renders.
#[derive(Clone, Debug, Serialize)]
pub struct Viewer {
    /// The inline SVG, its boxes with their facets.
    pub svg: String,
    /// The legend as HTML entries.
    pub legend: Vec<LegendHtml>,
    /// The filters' choices.
    pub filters: Filters,
    /// The words.
    pub texts: &'static ViewerTexts,
}

impl Viewer {
    /// The viewer of a drawn view; `profiles` are the profiles the reader may filter by (those of
    /// the pathway, or all).
    pub fn new(
        model: &Model,
        analysis: &Analysis,
        view: &View,
        layout: &Layout,
        profiles: &[ProfileIx],
    ) -> Viewer {
        let facets = facets(model, analysis, view, profiles);
        Viewer {
            svg: svg::svg_with(view, layout, &facets),
            legend: svg::legend_html(layout),
            filters: filters(model, analysis, view, &facets, profiles),
            texts: ViewerTexts::of(view.lang),
        }
    }
}

/// The profiles a pathway's page offers: the pathway's own, or every profile when it names none.
pub fn pathway_profiles(model: &Model, p: PathwayIx) -> Vec<ProfileIx> {
    let pw = model.pathway(p);
    let mut list: Vec<ProfileIx> = if pw.profiles.is_empty() {
        model.profiles().indices().collect()
    } else {
        pw.profiles.clone()
    };
    list.sort();
    list.dedup();
    list
}

/// The services each offered profile's routes reach, as the route view draws them: one pass over
/// the analysis's routes.
fn reach(analysis: &Analysis, profiles: &[ProfileIx]) -> Vec<(ProfileIx, BTreeSet<ServiceIx>)> {
    let offered: HashSet<ProfileIx> = profiles.iter().copied().collect();
    let mut reach: BTreeMap<ProfileIx, BTreeSet<ServiceIx>> = BTreeMap::new();
    for routes in analysis
        .routes
        .iter()
        .filter(|r| offered.contains(&r.profile))
    {
        reach
            .entry(routes.profile)
            .or_default()
            .extend(route_steps(routes).into_iter().map(|(s, _)| s.service));
    }
    profiles
        .iter()
        .filter_map(|p| Some((*p, reach.remove(p)?)))
        .collect()
}

/// The facets of every box of `view`.
pub fn facets(model: &Model, analysis: &Analysis, view: &View, profiles: &[ProfileIx]) -> Facets {
    // A summed-up view's boxes are organisations or regions, not services: nothing to filter.
    if view.aggregated {
        return Facets::default();
    }
    let reach = reach(analysis, profiles);
    let nodes = view
        .nodes
        .iter()
        .map(|node| {
            let Some(s) = node.service else {
                return NodeFacets::default();
            };
            NodeFacets {
                sector: node.sector.map(|sector| sector.as_str()),
                region: model.service_region(s).map(str::to_string),
                profiles: reach
                    .iter()
                    .filter(|(_, services)| services.contains(&s))
                    .map(|(p, _)| model.profile(*p).id.clone())
                    .collect(),
            }
        })
        .collect();
    Facets { nodes }
}

/// The services a finding involves: its services and the two ends of its handoffs (what the
/// findings list highlights).
pub fn finding_services(model: &Model, f: &Finding) -> BTreeSet<ServiceIx> {
    let mut services = BTreeSet::new();
    for e in &f.entities {
        match *e {
            Entity::Service(s) => {
                services.insert(s);
            }
            Entity::Handoff(h) => {
                let h = model.handoff(h);
                services.insert(h.from);
                services.insert(h.to);
            }
            _ => {}
        }
    }
    services
}

/// The filters' choices for `view`: what its boxes carry, counted.
fn filters(
    model: &Model,
    analysis: &Analysis,
    view: &View,
    facets: &Facets,
    profiles: &[ProfileIx],
) -> Filters {
    let lang = view.lang;
    let mut sectors: BTreeMap<&'static str, (String, usize)> = BTreeMap::new();
    let mut regions: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reached: HashMap<&str, usize> = HashMap::new();
    for (node, f) in view.nodes.iter().zip(&facets.nodes) {
        if let (Some(sector), Some(word)) = (node.sector, f.sector) {
            sectors
                .entry(word)
                .or_insert_with(|| (sector.label(lang).to_string(), 0))
                .1 += 1;
        }
        if let Some(region) = &f.region {
            *regions.entry(region.as_str()).or_default() += 1;
        }
        for p in &f.profiles {
            *reached.entry(p.as_str()).or_default() += 1;
        }
    }
    let counted = |label: &str, n: usize| format!("{label} ({n})");
    let mut sectors: Vec<Choice> = sectors
        .into_iter()
        .map(|(word, (label, n))| Choice {
            value: word.to_string(),
            label: counted(&label, n),
        })
        .collect();
    sectors.sort_by(|a, b| a.label.cmp(&b.label));
    let regions: Vec<Choice> = regions
        .into_iter()
        .map(|(region, n)| Choice {
            value: region.to_string(),
            label: counted(region, n),
        })
        .collect();
    let profiles = profiles
        .iter()
        .filter_map(|&p| {
            let profile = model.profile(p);
            let n = *reached.get(profile.id.as_str())?;
            Some(Choice {
                value: profile.id.clone(),
                label: counted(profile.name.get(lang), n),
            })
        })
        .collect();
    let keys: HashMap<ServiceIx, &str> = view
        .nodes
        .iter()
        .filter_map(|n| Some((n.service?, n.key.as_str())))
        .collect();
    let findings = analysis
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.allowed.is_none())
        .filter_map(|(i, f)| {
            let services: Vec<&str> = finding_services(model, f)
                .into_iter()
                .filter_map(|s| keys.get(&s).copied())
                .collect();
            if services.is_empty() {
                return None;
            }
            Some(FindingChoice {
                value: i,
                label: format!(
                    "{} {}",
                    f.diagnostic.code.as_str(),
                    headline(model, f, lang)
                ),
                services: services.join(" "),
                warning: f.diagnostic.severity >= crate::diagnostic::Severity::Warning,
                marked: crate::render::diagram::view::marked_services(model, f)
                    .into_iter()
                    .filter_map(|s| keys.get(&s).copied())
                    .collect::<Vec<_>>()
                    .join(" "),
            })
        })
        .collect();
    let mut services: Vec<Choice> = view
        .nodes
        .iter()
        .map(|n| Choice {
            value: n.key.clone(),
            label: n.label.join(" "),
        })
        .collect();
    services.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.value.cmp(&b.value)));
    Filters {
        services,
        sectors: if sectors.len() > 1 {
            sectors
        } else {
            Vec::new()
        },
        regions: if regions.len() > 1 {
            regions
        } else {
            Vec::new()
        },
        profiles,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::diagram::layout::layout;
    use crate::render::diagram::view::{self, ViewOptions};

    #[test]
    fn a_finding_choice_names_the_boxes_that_carry_its_badge_and_whether_it_warns() {
        let loaded = crate::workspace::load_dir(std::path::Path::new("pathways")).expect("loads");
        let model = &loaded.model;
        let analysis = crate::analysis::analyze(model);
        let p = model
            .pathways()
            .indices()
            .find(|&p| model.pathway(p).id == "paijat-hame-vaativan-tuen-konsultaatiomalli")
            .expect("the shipped Päijät-Häme pathway");
        let options = ViewOptions {
            pathway: Some(p),
            ..Default::default()
        };
        let v = view::build(model, &analysis, &options).expect("builds");
        let viewer = Viewer::new(
            model,
            &analysis,
            &v,
            &layout(&v),
            &pathway_profiles(model, p),
        );
        let choice = |code: &str| {
            viewer
                .filters
                .findings
                .iter()
                .find(|c| c.label.starts_with(code))
                .unwrap_or_else(|| panic!("no {code} in {:?}", viewer.filters.findings))
        };
        // The unmet need's route runs through three services; its badge is where it ends.
        let unmet = choice("G0201");
        assert!(unmet.warning);
        assert_eq!(unmet.services.split(' ').count(), 3, "{unmet:?}");
        assert_eq!(unmet.marked, "ph-vaativan-tuen-konsultaatiotiimi");
        // A single point of failure is a note, marked on its one service.
        let single = choice("B0305");
        assert!(!single.warning);
        assert_eq!(single.marked, "ph-oppilashuolto");
    }
}
