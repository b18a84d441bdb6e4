//! What each page says: the pathway page's sections in the workspace's order, the index and the
//! ecosystem page, built from the model and the analysis into the [`Page`] model.

use std::collections::BTreeMap;

use super::page::{Cell, Figure, Link, Page, Section, Table};
use super::texts::{Texts, texts};
use super::{Dest, Diagram, Extras, Linking, Site};
use crate::analysis::routes::Caveat;
use crate::model::{ActorIx, DocSection, PathwayIx, ProfileIx};
use crate::render::figures::{ages, duration, number};
use crate::render::format::Format;
use crate::render::report::analysis::{Report, Scope, pick_headlines};
use crate::render::report::headline;
use crate::render::viewer::{self, Viewer};

/// A link to `to`, written as the site links.
fn link(site: &Site, to: Dest, text: &str) -> Link {
    Link {
        href: site.linking.href(&to),
        to,
        text: text.into(),
    }
}

fn some(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The pathway page's content: the workspace's sections (`[documentation]`, by default Innokylä's
/// order) under their titles, empty sections left out.
pub fn pathway_page(site: &Site, p: PathwayIx, diagram: &Diagram, extras: Extras) -> Page {
    let model = site.model;
    let lang = site.lang;
    let pw = model.pathway(p);
    let cx = PageCx {
        site,
        p,
        diagram,
        extras,
        t: texts(lang),
    };
    let layout = &model.documentation();
    let sections = layout
        .sections
        .iter()
        .filter(|s| site.analysis_summary || **s != DocSection::Analysis)
        .map(|&id| {
            let mut section = Section::new(id.as_str(), layout.title(id, lang));
            cx.fill(id, &mut section);
            section
        })
        .filter(|s| !s.is_empty())
        .collect();
    Page {
        lang: lang.code(),
        title: pw.title.get(lang).to_string(),
        lead: pw.summary.get(lang).trim().to_string(),
        sections,
        texts: cx.t,
        is_index: false,
    }
}

/// What every section of one pathway page is built from.
struct PageCx<'a> {
    site: &'a Site<'a>,
    p: PathwayIx,
    diagram: &'a Diagram,
    extras: Extras,
    t: &'static Texts,
}

impl PageCx<'_> {
    fn actor_name(&self, a: Option<ActorIx>) -> String {
        a.map(|a| {
            self.site
                .model
                .actor(a)
                .name
                .get(self.site.lang)
                .to_string()
        })
        .unwrap_or_default()
    }

    /// Fills `s` with the content of section `id`; leaves it empty when there is nothing to show.
    fn fill(&self, id: DocSection, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let t = self.t;
        let pw = model.pathway(self.p);
        let text = |x: &crate::model::LocalText| some(Some(x.get(lang)));
        let texts = |xs: &[crate::model::LocalText]| -> Vec<String> {
            xs.iter().filter_map(&text).collect()
        };
        match id {
            DocSection::Basic => {
                let facts: [(&str, Option<String>); 9] = [
                    (&t.name, text(&pw.title)),
                    (&t.summary, text(&pw.summary)),
                    (&t.region, some(pw.region.as_deref())),
                    (&t.funder, some(pw.funder.as_deref())),
                    (&t.parent_project, some(pw.parent_project.as_deref())),
                    (&t.owner, some(Some(&self.actor_name(pw.owner)))),
                    (&t.created, some(pw.created.as_deref())),
                    (&t.updated, some(pw.updated.as_deref())),
                    (&t.status, pw.status.map(|s| s.label(lang).to_string())),
                ];
                s.facts = facts
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v)))
                    .collect();
            }
            DocSection::CoreIdea => s.paragraphs = text(&pw.core_idea).into_iter().collect(),
            DocSection::OperatingEnvironment => {
                s.paragraphs = text(&pw.operating_environment).into_iter().collect();
            }
            DocSection::Purpose => {
                s.paragraphs = text(&pw.purpose).into_iter().collect();
                s.list = texts(&pw.goals);
            }
            DocSection::TargetGroups => s.list = texts(&pw.target_groups),
            DocSection::Actors => self.actors(s),
            DocSection::Phases => self.phases(s),
            DocSection::Services => self.services(s),
            DocSection::Handoffs => self.handoffs(s),
            DocSection::Routes => self.routes(s),
            DocSection::Conditions => s.paragraphs = text(&pw.conditions).into_iter().collect(),
            DocSection::Indicators => s.list = texts(&pw.indicators),
            DocSection::Evaluation => s.paragraphs = text(&pw.evaluation).into_iter().collect(),
            DocSection::Contact => s.paragraphs = some(pw.contact.as_deref()).into_iter().collect(),
            DocSection::Analysis => self.analysis(s),
            DocSection::Attachments => self.attachments(s),
        }
    }

    /// The owner, then those running the pathway's services, in order of appearance.
    fn actors(&self, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let t = self.t;
        let pw = model.pathway(self.p);
        let mut actors: Vec<ActorIx> = Vec::new();
        for a in pw
            .owner
            .into_iter()
            .chain(pw.services.iter().filter_map(|s| model.service(*s).actor))
        {
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        s.table = Some(Table {
            headers: vec![t.actor.clone(), t.kind.clone(), t.region.clone()],
            rows: actors
                .iter()
                .map(|a| {
                    let a = model.actor(*a);
                    vec![
                        a.name.get(lang).to_string().into(),
                        a.kind.label(lang).to_string().into(),
                        a.region.clone().unwrap_or_default().into(),
                    ]
                })
                .collect(),
        });
    }

    /// The services grouped by their column in the native layout, left to right.
    fn phases(&self, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let diagram = self.diagram;
        let mut columns: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for nb in &diagram.layout.nodes {
            let node = &diagram.view.nodes[nb.node];
            let name = match node.service {
                Some(s) => model.service(s).name.get(lang).to_string(),
                None => node.label.join(" "),
            };
            columns.entry(nb.column).or_default().push(name);
        }
        if columns.is_empty() {
            return;
        }
        s.paragraphs.push(self.t.phases_intro.to_string());
        s.list = columns
            .into_values()
            .map(|names| names.join("; "))
            .collect();
        s.ordered = true;
        s.figure = Some(Figure {
            src: self.site.linking.href(&Dest::Diagram {
                pathway: Some(model.pathway(self.p).id.clone()),
                format: Format::Svg,
            }),
            alt: format!(
                "{}: {}",
                self.t.diagram_alt,
                model.pathway(self.p).title.get(lang)
            ),
            viewer: site_viewer(
                self.site,
                self.diagram,
                &viewer::pathway_profiles(model, self.p),
            ),
        });
    }

    fn services(&self, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let t = self.t;
        let need_names = |needs: &[crate::model::NeedIx]| {
            needs
                .iter()
                .map(|n| model.need(*n).name.get(lang).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        s.table = Some(Table {
            headers: vec![
                t.service.clone(),
                t.actor.clone(),
                t.sector.clone(),
                t.ages.clone(),
                t.needs_met.clone(),
                t.excludes.clone(),
                t.languages.clone(),
                t.capacity.clone(),
                t.wait.clone(),
            ],
            rows: model
                .pathway(self.p)
                .services
                .iter()
                .map(|s| {
                    let s = model.service(*s);
                    let e = &s.eligibility;
                    vec![
                        s.name.get(lang).to_string().into(),
                        self.actor_name(s.actor).into(),
                        s.sector.label(lang).to_string().into(),
                        ages(e.age_min, e.age_max).into(),
                        need_names(&e.needs).into(),
                        need_names(&e.excludes).into(),
                        e.languages.join(", ").into(),
                        s.capacity
                            .map(|c| {
                                format!("{} {}", number(c.clients_per_month, lang), t.per_month)
                            })
                            .unwrap_or_default()
                            .into(),
                        s.wait.map(|w| duration(w, lang)).unwrap_or_default().into(),
                    ]
                })
                .collect(),
        });
    }

    fn handoffs(&self, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let t = self.t;
        s.table = Some(Table {
            headers: vec![
                t.from.clone(),
                t.to.clone(),
                t.kind.clone(),
                t.protocol.clone(),
                t.wait.clone(),
            ],
            rows: model
                .pathway(self.p)
                .handoffs
                .iter()
                .map(|h| {
                    let h = model.handoff(*h);
                    vec![
                        model.service(h.from).name.get(lang).to_string().into(),
                        model.service(h.to).name.get(lang).to_string().into(),
                        h.kind.label(lang).to_string().into(),
                        h.protocol
                            .map(|p| p.label(lang).to_string())
                            .unwrap_or_default()
                            .into(),
                        h.wait.map(|w| duration(w, lang)).unwrap_or_default().into(),
                    ]
                })
                .collect(),
        });
    }

    fn routes(&self, s: &mut Section) {
        let model = self.site.model;
        let lang = self.site.lang;
        let t = self.t;
        let pw = model.pathway(self.p);
        for pr in &self.site.analysis.routes {
            if !pw.profiles.contains(&pr.profile) {
                continue;
            }
            let profile = model.profile(pr.profile);
            for r in &pr.routes {
                let steps = r
                    .steps
                    .iter()
                    .map(|s| model.service(s.service).name.get(lang))
                    .collect::<Vec<_>>()
                    .join(" → ");
                // "Met" means met: a route through a service over capacity, or to one not
                // given in the client's language, says why it does not meet the need.
                let why: Vec<String> = r
                    .caveats
                    .iter()
                    .map(|c| match c {
                        Caveat::OverCapacity { service, .. } => {
                            format!(
                                "{} {}",
                                model.service(*service).name.get(lang),
                                t.over_capacity
                            )
                        }
                        Caveat::Language { service, .. } => {
                            format!(
                                "{} {}",
                                model.service(*service).name.get(lang),
                                t.not_in_language
                            )
                        }
                    })
                    .collect();
                let outcome = if r.is_met() {
                    t.met.clone()
                } else if why.is_empty() {
                    t.unmet.clone()
                } else {
                    format!("{}: {}", t.unmet, why.join(", "))
                };
                let outcome = if r.is_met() && !why.is_empty() {
                    format!("{}; {}", t.met, why.join(", "))
                } else {
                    outcome
                };
                // No route, no wait: an unmet need no entry leads towards says only that.
                let waited = match r.total_wait_days() {
                    Some(w) if w.is_infinite() => format!("; {}", t.unbounded_wait),
                    Some(w) => format!("; {} {} {}", t.waited, number(w, lang), t.days),
                    None => String::new(),
                };
                s.list.push(format!(
                    "{} — {}: {} ({}{})",
                    profile.name.get(lang),
                    model.need(r.need).name.get(lang),
                    if steps.is_empty() { "–" } else { &steps },
                    outcome,
                    waited,
                ));
            }
        }
    }

    /// The headline findings of the pathway, each as one line in the page's language.
    fn analysis(&self, s: &mut Section) {
        let site = self.site;
        let report = Report {
            model: site.model,
            sources: site.sources,
            analysis: site.analysis,
            scope: Scope {
                pathway: Some(self.p),
                profile: None,
            },
        };
        let headlines = match site.finding_pathways {
            Some(each) => pick_headlines(
                site.analysis
                    .findings
                    .iter()
                    .zip(each)
                    .filter(|(_, pathways)| pathways.contains(&self.p))
                    .map(|(f, _)| f),
            ),
            None => report.headlines(),
        };
        if headlines.is_empty() {
            s.paragraphs.push(self.t.no_findings.to_string());
        } else {
            s.paragraphs.push(self.t.analysis_intro.to_string());
            s.list = headlines
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f.diagnostic.code.as_str(),
                        headline::headline(site.model, f, site.lang)
                    )
                })
                .collect();
        }
    }

    fn attachments(&self, s: &mut Section) {
        let t = self.t;
        let id = self.site.model.pathway(self.p).id.clone();
        if !self.diagram.view.nodes.is_empty() {
            for (on, format, text) in [
                (true, Format::Svg, t.diagram_svg.as_str()),
                (self.extras.png, Format::Png, t.diagram_png.as_str()),
                (self.extras.pdf, Format::Pdf, t.diagram_pdf.as_str()),
            ] {
                if on {
                    let to = Dest::Diagram {
                        pathway: Some(id.clone()),
                        format,
                    };
                    s.links.push(link(self.site, to, text));
                }
            }
        }
        if self.extras.markdown {
            s.links
                .push(link(self.site, Dest::Markdown(id), &t.markdown));
        }
    }
}

/// The index page: every pathway, and the ecosystem page.
pub fn index_page(site: &Site) -> Page {
    let model = site.model;
    let lang = site.lang;
    let t = texts(lang);
    let mut pathways = Section::new("pathways", &t.pathways);
    pathways.table = Some(Table {
        headers: vec![
            t.name.clone(),
            t.summary.clone(),
            t.region.clone(),
            t.status.clone(),
        ],
        rows: model
            .pathways()
            .indices()
            .map(|p| {
                let pw = model.pathway(p);
                vec![
                    Cell {
                        text: pw.title.get(lang).to_string(),
                        href: Some(site.linking.href(&Dest::Pathway(pw.id.clone()))),
                    },
                    pw.summary.get(lang).to_string().into(),
                    pw.region.clone().unwrap_or_default().into(),
                    pw.status
                        .map(|s| s.label(lang).to_string())
                        .unwrap_or_default()
                        .into(),
                ]
            })
            .collect(),
    });
    let mut ecosystem = Section::new("ecosystem", &t.ecosystem);
    ecosystem.paragraphs.push(t.ecosystem_intro.to_string());
    ecosystem
        .links
        .push(link(site, Dest::Ecosystem, &t.ecosystem));
    let mut sections = vec![pathways, ecosystem];
    sections.retain(|s| !s.is_empty());
    Page {
        lang: lang.code(),
        title: t.site_title.to_string(),
        lead: String::new(),
        sections,
        texts: t,
        is_index: true,
    }
}

/// The diagram viewer of a built page. The server's pages draw their own live diagram in its
/// place (and drop the figure), so a page linked as the server's addresses gets none.
fn site_viewer(site: &Site, diagram: &Diagram, profiles: &[ProfileIx]) -> Option<Viewer> {
    (site.linking == Linking::Files).then(|| {
        Viewer::new(
            site.model,
            site.analysis,
            &diagram.view,
            &diagram.layout,
            profiles,
        )
    })
}

/// The ecosystem page: the ecosystem diagram and the actors of every pathway.
pub fn ecosystem_page(site: &Site, diagram: &Diagram, extras: Extras) -> Page {
    let model = site.model;
    let lang = site.lang;
    let t = texts(lang);
    let mut figure = Section::new("diagram", &t.ecosystem);
    if !diagram.view.nodes.is_empty() {
        figure.paragraphs.push(t.ecosystem_intro.to_string());
        figure.figure = Some(Figure {
            src: site.linking.href(&Dest::Diagram {
                pathway: None,
                format: Format::Svg,
            }),
            alt: t.ecosystem.to_string(),
            viewer: site_viewer(
                site,
                diagram,
                &model.profiles().indices().collect::<Vec<_>>(),
            ),
        });
    }
    let mut actors = Section::new("actors", &t.actors);
    actors.table = Some(Table {
        headers: vec![
            t.actor.clone(),
            t.kind.clone(),
            t.region.clone(),
            t.services.clone(),
        ],
        rows: model
            .actors()
            .iter_enumerated()
            .map(|(i, a)| {
                let count = model
                    .services()
                    .iter()
                    .filter(|s| s.actor == Some(i))
                    .count();
                vec![
                    a.name.get(lang).to_string().into(),
                    a.kind.label(lang).to_string().into(),
                    a.region.clone().unwrap_or_default().into(),
                    count.to_string().into(),
                ]
            })
            .collect(),
    });
    let mut attachments = Section::new("attachments", &t.attachments);
    if figure.figure.is_some() {
        for (on, format, text) in [
            (true, Format::Svg, t.diagram_svg.as_str()),
            (extras.png, Format::Png, t.diagram_png.as_str()),
            (extras.pdf, Format::Pdf, t.diagram_pdf.as_str()),
        ] {
            if on {
                let to = Dest::Diagram {
                    pathway: None,
                    format,
                };
                attachments.links.push(link(site, to, text));
            }
        }
    }
    let mut sections = vec![figure, actors, attachments];
    sections.retain(|s| !s.is_empty());
    Page {
        lang: lang.code(),
        title: t.ecosystem.to_string(),
        lead: String::new(),
        sections,
        texts: t,
        is_index: false,
    }
}
