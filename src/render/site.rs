//! Model + analysis → documentation pages for Innokylä: an HTML page per pathway, an index and an
//! ecosystem page, and Markdown for pasting into Innokylä's form.
//!
//! Every page is first built as a [`Page`] — plain strings in sections, in Innokylä's order, with
//! empty sections left out — and then rendered by one of two writers: [`html`] (the minijinja
//! template `templates/page.html`, autoescaped, so user text is escaped by construction) and
//! [`markdown`]. Nothing here touches files: `polku build` writes what these functions return;
//! `polku serve` renders the same sections inside its pages ([`add_templates`]).
//!
//! **Architecture Invariant:** renderers only read; they never load files or change the model.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::analysis::routes::Outcome;
use crate::diagnostic::Sources;
use crate::model::{ActorIx, DocSection, Lang, Model, PathwayIx};
use crate::render::diagram::layout::{self, Layout};
use crate::render::diagram::view::{self, View, ViewKind, ViewOptions, duration_label};
use crate::render::diagram::{dot, svg};
use crate::render::report::analysis::{Report, Scope, pick_headlines};
use crate::render::report::headline;

/// The page template; its name ends in `.html`, so minijinja escapes every value put into it.
const PAGE_TEMPLATE: &str = include_str!("../../templates/page.html");
/// The sections of a page: the part `polku build` and `polku serve` both render.
const SECTIONS_TEMPLATE: &str = include_str!("../../templates/sections.html");
/// The stylesheet every page links to (screen and print).
pub const STYLESHEET: &str = include_str!("../../templates/style.css");
/// The stylesheet's file name in a built site.
pub const STYLESHEET_FILE: &str = "style.css";
/// The index page's file name.
pub const INDEX_FILE: &str = "index.html";
/// The ecosystem page's file name.
pub const ECOSYSTEM_FILE: &str = "ecosystem.html";
/// The base name of the ecosystem diagram files.
pub const ECOSYSTEM_DIAGRAM: &str = "ecosystem";
/// The folder of the Markdown files.
pub const MARKDOWN_DIR: &str = "markdown";

/// Everything a page is rendered from.
pub struct Site<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its sources (for the analysis report).
    pub sources: &'a Sources,
    /// The analysis of the whole model.
    pub analysis: &'a Analysis,
    /// The language of titles, fixed text and (with fallback) pathway text.
    pub lang: Lang,
    /// Whether pages get the analysis summary section.
    pub analysis_summary: bool,
    /// The pathways of each finding ([`crate::analysis::pathways_of_each`]), when the caller has
    /// them: a site of hundreds of pages then finds each page's findings by index instead of
    /// matching every finding against every pathway.
    pub finding_pathways: Option<&'a [Vec<PathwayIx>]>,
}

/// File names of one pathway's outputs, relative to the site's root.
pub struct PathwayFiles {
    /// The HTML page.
    pub page: String,
    /// The diagram's base name; `.svg`, `.png`, `.pdf` are added.
    pub diagram: String,
    /// The Markdown file.
    pub markdown: String,
}

/// Where a pathway's files go in a site.
pub fn pathway_files(model: &Model, p: PathwayIx) -> PathwayFiles {
    let id = &model.pathway(p).id;
    PathwayFiles {
        page: format!("pathway-{id}.html"),
        diagram: format!("pathway-{id}"),
        markdown: format!("{MARKDOWN_DIR}/{id}.md"),
    }
}

/// A diagram: the view and its native swimlane layout.
pub struct Diagram {
    /// The view.
    pub view: View,
    /// Its layout.
    pub layout: Layout,
}

impl Diagram {
    /// The native SVG.
    pub fn svg(&self) -> String {
        svg::svg(&self.view, &self.layout)
    }

    /// The Graphviz source, for PNG and PDF.
    pub fn dot(&self) -> String {
        dot::dot(&self.view)
    }
}

/// The lanes diagram of a pathway.
pub fn pathway_diagram(site: &Site, p: PathwayIx) -> Result<Diagram, view::ViewError> {
    diagram(site, ViewKind::Lanes, Some(p))
}

/// The ecosystem diagram of the whole workspace.
pub fn ecosystem_diagram(site: &Site) -> Result<Diagram, view::ViewError> {
    diagram(site, ViewKind::Ecosystem, None)
}

fn diagram(
    site: &Site,
    kind: ViewKind,
    pathway: Option<PathwayIx>,
) -> Result<Diagram, view::ViewError> {
    let options = ViewOptions {
        kind,
        pathway,
        lang: site.lang,
        ..ViewOptions::default()
    };
    let view = view::build(site.model, site.analysis, &options)?;
    let layout = layout::layout(&view);
    Ok(Diagram { view, layout })
}

/// Downloadable diagram formats written beside the SVG (by Graphviz, when installed).
#[derive(Clone, Copy, Debug, Default)]
pub struct Extras {
    /// A PNG is written.
    pub png: bool,
    /// A PDF is written.
    pub pdf: bool,
    /// A Markdown file is written for the pathway.
    pub markdown: bool,
}

/// One page, ready for either writer.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// The `lang` of the document.
    pub lang: &'static str,
    /// The one `<h1>`.
    pub title: String,
    /// The lead paragraph under the title; may be empty.
    pub lead: String,
    /// Sections in order; none is empty.
    pub sections: Vec<Section>,
    /// Fixed text of the page frame.
    pub texts: &'static Texts,
    /// Whether the page is the index (no link to itself).
    pub is_index: bool,
}

/// One section of a page. Only the non-empty parts are shown.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Section {
    /// Stable id (the HTML anchor), e.g. `basic`, `services`.
    pub id: &'static str,
    /// Title in the page's language.
    pub title: String,
    /// Label–value pairs.
    pub facts: Vec<(String, String)>,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// List items.
    pub list: Vec<String>,
    /// Whether the list is ordered (phases).
    pub ordered: bool,
    /// A table.
    pub table: Option<Table>,
    /// A figure (an image file beside the page).
    pub figure: Option<Figure>,
    /// Links to files beside the page or other pages.
    pub links: Vec<Link>,
}

impl Section {
    fn new(id: &'static str, title: &str) -> Self {
        Section {
            id,
            title: title.to_string(),
            ..Section::default()
        }
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
            && self.paragraphs.is_empty()
            && self.list.is_empty()
            && self.table.as_ref().is_none_or(|t| t.rows.is_empty())
            && self.figure.is_none()
            && self.links.is_empty()
    }
}

/// A table with a header row.
#[derive(Clone, Debug, Serialize)]
pub struct Table {
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows of cells; a cell may be empty.
    pub rows: Vec<Vec<Cell>>,
}

/// A table cell: text, optionally linking somewhere.
#[derive(Clone, Debug, Serialize)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// A relative link, when the cell links.
    pub href: Option<String>,
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell { text, href: None }
    }
}

/// An image beside the page.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// Relative file name.
    pub src: String,
    /// Alternative text.
    pub alt: String,
}

/// A link.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// Relative target.
    pub href: String,
    /// Text.
    pub text: String,
}

/// Section titles and fixed text in one language; each field names what it titles.
#[allow(missing_docs)]
#[derive(Debug, Serialize)]
pub struct Texts {
    pub basic: &'static str,
    pub name: &'static str,
    pub summary: &'static str,
    pub region: &'static str,
    pub funder: &'static str,
    pub parent_project: &'static str,
    pub owner: &'static str,
    pub created: &'static str,
    pub updated: &'static str,
    pub status: &'static str,
    pub core_idea: &'static str,
    pub operating_environment: &'static str,
    pub purpose: &'static str,
    pub goals: &'static str,
    pub target_groups: &'static str,
    pub actors: &'static str,
    pub actor: &'static str,
    pub kind: &'static str,
    pub phases: &'static str,
    pub phases_intro: &'static str,
    pub diagram_alt: &'static str,
    pub services: &'static str,
    pub service: &'static str,
    pub sector: &'static str,
    pub ages: &'static str,
    pub needs_met: &'static str,
    pub excludes: &'static str,
    pub languages: &'static str,
    pub capacity: &'static str,
    pub per_month: &'static str,
    pub wait: &'static str,
    pub handoffs: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub protocol: &'static str,
    pub routes: &'static str,
    pub met: &'static str,
    pub unmet: &'static str,
    pub waited: &'static str,
    pub days: &'static str,
    pub conditions: &'static str,
    pub indicators: &'static str,
    pub evaluation: &'static str,
    pub contact: &'static str,
    pub analysis: &'static str,
    pub analysis_intro: &'static str,
    pub no_findings: &'static str,
    pub attachments: &'static str,
    pub diagram_svg: &'static str,
    pub diagram_png: &'static str,
    pub diagram_pdf: &'static str,
    pub markdown: &'static str,
    pub home: &'static str,
    pub site_title: &'static str,
    pub pathways: &'static str,
    pub ecosystem: &'static str,
    pub ecosystem_intro: &'static str,
    pub generated: &'static str,
}

/// Finnish.
pub const FI: Texts = Texts {
    basic: "Perustiedot",
    name: "Nimi",
    summary: "Lyhyt kuvaus",
    region: "Alue",
    funder: "Rahoittaja",
    parent_project: "Kokonaisuus",
    owner: "Omistaja / tekijä",
    created: "Luotu",
    updated: "Viimeksi muokattu",
    status: "Tila",
    core_idea: "Ratkaisun perusidea",
    operating_environment: "Toimintaympäristö",
    purpose: "Tarkoitus ja tavoitteet",
    goals: "Tavoitteet",
    target_groups: "Kohderyhmät",
    actors: "Toimijat",
    actor: "Toimija",
    kind: "Tyyppi",
    phases: "Toimintamallin vaiheet",
    phases_intro: "Vaiheet palvelupolun kulkusuunnassa, tulosta poistumiseen.",
    diagram_alt: "Uimaratakaavio palvelupolusta",
    services: "Palvelut",
    service: "Palvelu",
    sector: "Sektori",
    ages: "Ikä",
    needs_met: "Vastaa tarpeisiin",
    excludes: "Ei ota, jos",
    languages: "Kielet",
    capacity: "Kapasiteetti",
    per_month: "asiakasta / kk",
    wait: "Odotus",
    handoffs: "Siirtymät",
    from: "Mistä",
    to: "Mihin",
    protocol: "Sopimus",
    routes: "Asiakasprofiilien reitit",
    met: "tarve täyttyy",
    unmet: "tarve jää täyttymättä",
    waited: "odotus",
    days: "pv",
    conditions: "Toimivuuden ja käyttöönoton ehdot",
    indicators: "Vaikuttavuus ja mittarit",
    evaluation: "Arviointi",
    contact: "Yhteystiedot",
    analysis: "Analyysin yhteenveto",
    analysis_intro: "Tärkeimmät polkuanalyysin havainnot (aukot ja pullonkaulat).",
    no_findings: "Analyysi ei löytänyt aukkoja eikä pullonkauloja.",
    attachments: "Liitteet",
    diagram_svg: "Kaavio (SVG)",
    diagram_png: "Kaavio (PNG)",
    diagram_pdf: "Kaavio (PDF)",
    markdown: "Teksti Innokylän lomakkeelle (Markdown)",
    home: "Etusivu",
    site_title: "Palvelupolut",
    pathways: "Palvelupolut",
    ecosystem: "Palveluekosysteemi",
    ecosystem_intro: "Kaikkien polkujen palvelut ja siirtymät yhdessä kaaviossa.",
    generated: "Tehty polkulla",
};

/// Swedish.
pub const SV: Texts = Texts {
    basic: "Grunduppgifter",
    name: "Namn",
    summary: "Kort beskrivning",
    region: "Område",
    funder: "Finansiär",
    parent_project: "Helhet",
    owner: "Ägare / upphovsperson",
    created: "Skapad",
    updated: "Senast ändrad",
    status: "Status",
    core_idea: "Lösningens grundidé",
    operating_environment: "Verksamhetsmiljö",
    purpose: "Syfte och mål",
    goals: "Mål",
    target_groups: "Målgrupper",
    actors: "Aktörer",
    actor: "Aktör",
    kind: "Typ",
    phases: "Verksamhetsmodellens faser",
    phases_intro: "Faserna i servicekedjans riktning, från inträde till utträde.",
    diagram_alt: "Simbanediagram över servicekedjan",
    services: "Tjänster",
    service: "Tjänst",
    sector: "Sektor",
    ages: "Ålder",
    needs_met: "Svarar på behov",
    excludes: "Tar inte emot vid",
    languages: "Språk",
    capacity: "Kapacitet",
    per_month: "klienter / mån",
    wait: "Väntetid",
    handoffs: "Övergångar",
    from: "Från",
    to: "Till",
    protocol: "Överenskommelse",
    routes: "Klientprofilernas rutter",
    met: "behovet tillgodoses",
    unmet: "behovet tillgodoses inte",
    waited: "väntan",
    days: "d",
    conditions: "Förutsättningar för att modellen fungerar och tas i bruk",
    indicators: "Effekter och indikatorer",
    evaluation: "Utvärdering",
    contact: "Kontaktuppgifter",
    analysis: "Sammanfattning av analysen",
    analysis_intro: "De viktigaste fynden i analysen (luckor och flaskhalsar).",
    no_findings: "Analysen hittade inga luckor eller flaskhalsar.",
    attachments: "Bilagor",
    diagram_svg: "Diagram (SVG)",
    diagram_png: "Diagram (PNG)",
    diagram_pdf: "Diagram (PDF)",
    markdown: "Text för Innokyläs formulär (Markdown)",
    home: "Startsida",
    site_title: "Servicekedjor",
    pathways: "Servicekedjor",
    ecosystem: "Serviceekosystemet",
    ecosystem_intro: "Alla kedjors tjänster och övergångar i ett diagram.",
    generated: "Gjord med polku",
};

/// English.
pub const EN: Texts = Texts {
    basic: "Basic information",
    name: "Name",
    summary: "Short description",
    region: "Region",
    funder: "Funder",
    parent_project: "Parent project",
    owner: "Owner / author",
    created: "Created",
    updated: "Last modified",
    status: "Status",
    core_idea: "Core idea",
    operating_environment: "Operating environment",
    purpose: "Purpose and goals",
    goals: "Goals",
    target_groups: "Target groups",
    actors: "Actors",
    actor: "Actor",
    kind: "Kind",
    phases: "Phases of the operating model",
    phases_intro: "The phases in the direction of flow, from entry to exit.",
    diagram_alt: "Swimlane diagram of the pathway",
    services: "Services",
    service: "Service",
    sector: "Sector",
    ages: "Ages",
    needs_met: "Needs met",
    excludes: "Does not take clients with",
    languages: "Languages",
    capacity: "Capacity",
    per_month: "clients / month",
    wait: "Wait",
    handoffs: "Handoffs",
    from: "From",
    to: "To",
    protocol: "Protocol",
    routes: "Routes of the client profiles",
    met: "need met",
    unmet: "need not met",
    waited: "wait",
    days: "d",
    conditions: "Conditions for it to work and be adopted",
    indicators: "Effectiveness and indicators",
    evaluation: "Evaluation",
    contact: "Contact",
    analysis: "Analysis summary",
    analysis_intro: "The main findings of the pathway analysis (gaps and bottlenecks).",
    no_findings: "The analysis found no gaps or bottlenecks.",
    attachments: "Attachments",
    diagram_svg: "Diagram (SVG)",
    diagram_png: "Diagram (PNG)",
    diagram_pdf: "Diagram (PDF)",
    markdown: "Text for Innokylä's form (Markdown)",
    home: "Home",
    site_title: "Service pathways",
    pathways: "Service pathways",
    ecosystem: "Service ecosystem",
    ecosystem_intro: "The services and handoffs of every pathway in one diagram.",
    generated: "Made with polku",
};

/// The fixed text in `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

fn some(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

pub(crate) fn ages(min: Option<u32>, max: Option<u32>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a}–"),
        (None, Some(b)) => format!("–{b}"),
        (None, None) => String::new(),
    }
}

pub(crate) fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
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
        files: pathway_files(model, p),
        t: texts(lang),
    };
    let layout = &model.documentation;
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
    files: PathwayFiles,
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
                    (t.name, text(&pw.title)),
                    (t.summary, text(&pw.summary)),
                    (t.region, some(pw.region.as_deref())),
                    (t.funder, some(pw.funder.as_deref())),
                    (t.parent_project, some(pw.parent_project.as_deref())),
                    (t.owner, some(Some(&self.actor_name(pw.owner)))),
                    (t.created, some(pw.created.as_deref())),
                    (t.updated, some(pw.updated.as_deref())),
                    (t.status, pw.status.map(|s| s.label(lang).to_string())),
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
            headers: vec![t.actor.into(), t.kind.into(), t.region.into()],
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
            src: format!("{}.svg", self.files.diagram),
            alt: format!(
                "{}: {}",
                self.t.diagram_alt,
                model.pathway(self.p).title.get(lang)
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
            headers: [
                t.service,
                t.actor,
                t.sector,
                t.ages,
                t.needs_met,
                t.excludes,
                t.languages,
                t.capacity,
                t.wait,
            ]
            .map(String::from)
            .to_vec(),
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
                            .map(|c| format!("{} {}", number(c.clients_per_month), t.per_month))
                            .unwrap_or_default()
                            .into(),
                        s.wait
                            .map(|w| duration_label(w, lang))
                            .unwrap_or_default()
                            .into(),
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
            headers: [t.from, t.to, t.kind, t.protocol, t.wait]
                .map(String::from)
                .to_vec(),
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
                        h.wait
                            .map(|w| duration_label(w, lang))
                            .unwrap_or_default()
                            .into(),
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
                let outcome = match r.outcome {
                    Outcome::Met => t.met,
                    Outcome::Unmet { .. } => t.unmet,
                };
                s.list.push(format!(
                    "{} — {}: {} ({}; {} {} {})",
                    profile.name.get(lang),
                    model.need(r.need).name.get(lang),
                    if steps.is_empty() { "–" } else { &steps },
                    outcome,
                    t.waited,
                    number(r.total_wait_days()),
                    t.days,
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
                        headline::headline(site.model, site.analysis, f, site.lang)
                    )
                })
                .collect();
        }
    }

    fn attachments(&self, s: &mut Section) {
        let t = self.t;
        let files = &self.files;
        if !self.diagram.view.nodes.is_empty() {
            for (on, ext, text) in [
                (true, "svg", t.diagram_svg),
                (self.extras.png, "png", t.diagram_png),
                (self.extras.pdf, "pdf", t.diagram_pdf),
            ] {
                if on {
                    s.links.push(Link {
                        href: format!("{}.{ext}", files.diagram),
                        text: text.into(),
                    });
                }
            }
        }
        if self.extras.markdown {
            s.links.push(Link {
                href: files.markdown.clone(),
                text: t.markdown.into(),
            });
        }
    }
}

/// The index page: every pathway, and the ecosystem page.
pub fn index_page(site: &Site) -> Page {
    let model = site.model;
    let lang = site.lang;
    let t = texts(lang);
    let mut pathways = Section::new("pathways", t.pathways);
    pathways.table = Some(Table {
        headers: [t.name, t.summary, t.region, t.status]
            .map(String::from)
            .to_vec(),
        rows: (0..model.pathways.len() as u32)
            .map(PathwayIx)
            .map(|p| {
                let pw = model.pathway(p);
                vec![
                    Cell {
                        text: pw.title.get(lang).to_string(),
                        href: Some(pathway_files(model, p).page),
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
    let mut ecosystem = Section::new("ecosystem", t.ecosystem);
    ecosystem.paragraphs.push(t.ecosystem_intro.to_string());
    ecosystem.links.push(Link {
        href: ECOSYSTEM_FILE.into(),
        text: t.ecosystem.into(),
    });
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

/// The ecosystem page: the ecosystem diagram and the actors of every pathway.
pub fn ecosystem_page(site: &Site, diagram: &Diagram, extras: Extras) -> Page {
    let model = site.model;
    let lang = site.lang;
    let t = texts(lang);
    let mut figure = Section::new("diagram", t.ecosystem);
    if !diagram.view.nodes.is_empty() {
        figure.paragraphs.push(t.ecosystem_intro.to_string());
        figure.figure = Some(Figure {
            src: format!("{ECOSYSTEM_DIAGRAM}.svg"),
            alt: t.ecosystem.to_string(),
        });
    }
    let mut actors = Section::new("actors", t.actors);
    actors.table = Some(Table {
        headers: [t.actor, t.kind, t.region, t.services]
            .map(String::from)
            .to_vec(),
        rows: model
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let count = model
                    .services
                    .iter()
                    .filter(|s| s.actor == Some(ActorIx(i as u32)))
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
    let mut attachments = Section::new("attachments", t.attachments);
    if figure.figure.is_some() {
        for (on, ext, text) in [
            (true, "svg", t.diagram_svg),
            (extras.png, "png", t.diagram_png),
            (extras.pdf, "pdf", t.diagram_pdf),
        ] {
            if on {
                attachments.links.push(Link {
                    href: format!("{ECOSYSTEM_DIAGRAM}.{ext}"),
                    text: text.into(),
                });
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

/// Adds the documentation templates (`page.html`, and `sections.html`, which the server's pages
/// include too, so a page's sections are rendered by one template wherever they are shown).
pub fn add_templates(env: &mut minijinja::Environment<'static>) -> Result<(), String> {
    for (name, source) in [
        ("page.html", PAGE_TEMPLATE),
        ("sections.html", SECTIONS_TEMPLATE),
    ] {
        env.add_template(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(())
}

/// A page as a standalone HTML document (every value escaped by the template engine).
pub fn html(page: &Page) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    add_templates(&mut env)?;
    let template = env
        .get_template("page.html")
        .map_err(|e| format!("page template: {e}"))?;
    template
        .render(minijinja::context! { page => page, stylesheet => STYLESHEET_FILE })
        .map_err(|e| format!("cannot render `{}`: {e}", page.title))
}

/// Escapes text for Markdown: characters that would start markup are backslash-escaped and line
/// breaks become spaces, so the text stays one paragraph, list item or table cell.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '{' | '}' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a link target for Markdown (`<...>` form).
fn markdown_href(href: &str) -> String {
    href.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// A page as Markdown, for pasting into Innokylä's form. Links are relative to `base` (e.g. `../`
/// when the file is in a sub-folder of the site).
pub fn markdown(page: &Page, base: &str) -> String {
    let mut out = format!("# {}\n", markdown_escape(&page.title));
    if !page.lead.is_empty() {
        out.push_str(&format!("\n{}\n", markdown_escape(&page.lead)));
    }
    for s in &page.sections {
        out.push_str(&format!("\n## {}\n", markdown_escape(&s.title)));
        if !s.facts.is_empty() {
            out.push_str("\n| | |\n|---|---|\n");
            for (k, v) in &s.facts {
                out.push_str(&format!(
                    "| {} | {} |\n",
                    markdown_escape(k),
                    markdown_escape(v)
                ));
            }
        }
        for p in &s.paragraphs {
            out.push_str(&format!("\n{}\n", markdown_escape(p)));
        }
        if !s.list.is_empty() {
            out.push('\n');
            for (i, item) in s.list.iter().enumerate() {
                if s.ordered {
                    out.push_str(&format!("{}. {}\n", i + 1, markdown_escape(item)));
                } else {
                    out.push_str(&format!("- {}\n", markdown_escape(item)));
                }
            }
        }
        if let Some(table) = s.table.as_ref().filter(|t| !t.rows.is_empty()) {
            let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
            out.push('\n');
            out.push_str(&row(table
                .headers
                .iter()
                .map(|h| markdown_escape(h))
                .collect()));
            out.push_str(&row(table.headers.iter().map(|_| "---".into()).collect()));
            for r in &table.rows {
                out.push_str(&row(r.iter().map(|c| markdown_escape(&c.text)).collect()));
            }
        }
        if let Some(f) = &s.figure {
            out.push_str(&format!(
                "\n![{}]({}{})\n",
                markdown_escape(&f.alt),
                base,
                markdown_href(&f.src)
            ));
        }
        if !s.links.is_empty() {
            out.push('\n');
            for l in &s.links {
                out.push_str(&format!(
                    "- [{}]({}{})\n",
                    markdown_escape(&l.text),
                    base,
                    markdown_href(&l.href)
                ));
            }
        }
    }
    out
}

/// One pathway page as a standalone HTML document, as `polku build` writes it.
pub fn pathway_html(site: &Site, p: PathwayIx, extras: Extras) -> Result<String, String> {
    let diagram = pathway_diagram(site, p).map_err(|e| e.to_string())?;
    html(&pathway_page(site, p, &diagram, extras))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_section_titles_are_the_default_section_titles() {
        for lang in Lang::ALL {
            let t = texts(lang);
            for (section, title) in [
                (DocSection::Basic, t.basic),
                (DocSection::CoreIdea, t.core_idea),
                (DocSection::OperatingEnvironment, t.operating_environment),
                (DocSection::Purpose, t.purpose),
                (DocSection::TargetGroups, t.target_groups),
                (DocSection::Actors, t.actors),
                (DocSection::Phases, t.phases),
                (DocSection::Services, t.services),
                (DocSection::Handoffs, t.handoffs),
                (DocSection::Routes, t.routes),
                (DocSection::Conditions, t.conditions),
                (DocSection::Indicators, t.indicators),
                (DocSection::Evaluation, t.evaluation),
                (DocSection::Contact, t.contact),
                (DocSection::Analysis, t.analysis),
                (DocSection::Attachments, t.attachments),
            ] {
                assert_eq!(section.label(lang), title, "{section:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn markdown_escape_keeps_text_in_one_cell() {
        assert_eq!(markdown_escape("a | b\nc"), "a \\| b c");
        assert_eq!(markdown_escape("<script>"), "\\<script\\>");
    }
}
