//! The data the pages and the JSON API both show, computed once from an analysed workspace: pathway rows of
//! the overview, finding rows of the dashboard, a service's details, the sector matrix. The HTML
//! templates and `/api` serialise the same structs, so the two never disagree.

use std::collections::{BTreeMap, BTreeSet};
use std::time::SystemTime;

use schemars::JsonSchema;
use serde::Serialize;

use crate::analysis::{Entity, Finding};
use crate::diagnostic::{Code, Severity};
use crate::model::{Lang, PathwayIx, ServiceIx};
use crate::render::Analysed;
use crate::render::figures::{ages, date_time, number, timestamp, whole_percent};
use crate::render::report::headline::{code_title, headline};

/// The family of a finding code, for counts and filters.
pub fn family(code: Code) -> &'static str {
    match code.as_str().as_bytes().first() {
        Some(b'G') => "gap",
        Some(b'B') => "bottleneck",
        Some(b'X') => "ecosystem",
        _ => "load",
    }
}

/// One row of the overview.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PathwayRow {
    /// Id.
    pub id: String,
    /// Title in the chosen language.
    pub title: String,
    /// Short description.
    pub summary: String,
    /// Region or wellbeing services county.
    pub region: String,
    /// Owner's name.
    pub owner: String,
    /// Services in it.
    pub services: usize,
    /// Handoffs its file defines.
    pub handoffs: usize,
    /// Active gap warnings (G…) that concern it (notes are not counted).
    pub gaps: usize,
    /// Active bottleneck warnings (B…) that concern it (notes are not counted).
    pub bottlenecks: usize,
    /// Load errors in its file in the newest load.
    pub errors: usize,
    /// When its file last changed (ISO 8601, UTC), when known.
    pub changed: Option<String>,
    /// The same moment for people: Helsinki time as the asked language writes it
    /// (`3.12.2026 klo 14.05`).
    pub changed_text: Option<String>,
    /// The file, relative to the workspace.
    pub file: String,
}

/// The overview's rows, in the order of the pathways' titles.
pub fn pathway_rows(
    ws: &Analysed,
    modified: &BTreeMap<std::path::PathBuf, SystemTime>,
    lang: Lang,
    errors_by_file: &BTreeMap<String, usize>,
) -> Vec<PathwayRow> {
    let model = &ws.loaded.model;
    // (gaps, bottlenecks) per pathway, in one pass over the findings: warnings only, as the
    // analysis report's summary counts them (a note is no red figure).
    let mut counts = vec![(0usize, 0usize); model.pathways().len()];
    for (f, pathways) in ws.analysis.findings.iter().zip(ws.finding_pathways) {
        if f.allowed.is_some() || f.diagnostic.severity < crate::diagnostic::Severity::Warning {
            continue;
        }
        for p in pathways {
            match family(f.diagnostic.code) {
                "gap" => counts[p.0 as usize].0 += 1,
                "bottleneck" => counts[p.0 as usize].1 += 1,
                _ => {}
            }
        }
    }
    let mut rows: Vec<PathwayRow> = model
        .pathways()
        .indices()
        .map(|p| {
            let pw = model.pathway(p);
            let path = &ws.loaded.sources.get(pw.origin.file).path;
            let file = path.display().to_string();
            PathwayRow {
                id: pw.id.clone(),
                title: pw.title.get(lang).to_string(),
                summary: pw.summary.get(lang).trim().to_string(),
                region: pw.region.clone().unwrap_or_default(),
                owner: pw
                    .owner
                    .map(|a| model.actor(a).name.get(lang).to_string())
                    .unwrap_or_default(),
                services: pw.services.len(),
                handoffs: pw.handoffs.len(),
                gaps: counts[p.0 as usize].0,
                bottlenecks: counts[p.0 as usize].1,
                errors: errors_by_file.get(&file).copied().unwrap_or(0),
                changed: modified.get(path).copied().map(timestamp),
                changed_text: modified.get(path).and_then(|t| date_time(*t, lang)),
                file,
            }
        })
        .collect();
    rows.sort_by_key(|r| r.title.to_lowercase());
    rows
}

/// One finding, as the dashboard and the pathway page list it.
#[derive(Clone, Debug, Serialize, JsonSchema)]
pub struct FindingRow {
    /// Position in the analysis (stable within a ws): the anchor `finding-N`.
    pub index: usize,
    /// `G0201`.
    pub code: &'static str,
    /// `unmet-need`.
    pub name: &'static str,
    /// What the code names, in the asked language (`Täyttymätön tarve`).
    pub title: String,
    /// `gap`, `bottleneck` or `ecosystem`.
    pub family: &'static str,
    /// `warning` or `note`.
    pub severity: &'static str,
    /// The one-line message (English, as `polku analyze` prints it).
    pub message: String,
    /// The message in the asked language.
    pub headline: String,
    /// Why it matters.
    pub why: String,
    /// What to do.
    pub help: String,
    /// Ids of the entities it is about.
    pub subjects: Vec<String>,
    /// Ids of every service it involves, to highlight them in a diagram.
    pub services: Vec<String>,
    /// Ids of the pathways it concerns.
    pub pathways: Vec<String>,
    /// Regions of those pathways.
    pub regions: Vec<String>,
    /// Children affected per month, when known.
    pub affected_per_month: Option<String>,
    /// The `[[allow]]` reason, when excused.
    pub allowed: Option<String>,
    /// `file:line:col` of where it is.
    pub location: String,
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn row(ws: &Analysed, index: usize, f: &Finding, lang: Lang) -> FindingRow {
    let model = &ws.loaded.model;
    let pathways = &ws.finding_pathways[index];
    let services: BTreeSet<String> = crate::render::viewer::finding_services(model, f)
        .into_iter()
        .map(|s| model.service(s).id.clone())
        .collect();
    let regions: BTreeSet<String> = pathways
        .iter()
        .filter_map(|p| model.pathway(*p).region.clone())
        .collect();
    let d = &f.diagnostic;
    let location = d
        .origin
        .as_ref()
        .map(|o| {
            let file = ws.loaded.sources.get(o.file);
            let (line, col) = file.line_col(o.span.start);
            format!("{}:{}:{}", file.path.display(), line, col)
        })
        .unwrap_or_default();
    FindingRow {
        index,
        code: d.code.as_str(),
        name: d.code.name(),
        title: code_title(d.code, lang).unwrap_or_else(|| d.code.name().to_string()),
        family: family(d.code),
        severity: severity_name(d.severity),
        message: d.message.clone(),
        headline: headline(model, f, lang),
        why: f.why.clone(),
        help: d.help.clone().unwrap_or_default(),
        subjects: f.entities[..f.subjects.min(f.entities.len())]
            .iter()
            .map(|e| e.id(model))
            .collect(),
        services: services.into_iter().collect(),
        pathways: pathways
            .iter()
            .map(|p| model.pathway(*p).id.clone())
            .collect(),
        regions: regions.into_iter().collect(),
        affected_per_month: f
            .affected_per_month
            .filter(|a| a.is_finite())
            .map(|x| number(x, lang)),
        allowed: f.allowed.clone(),
        location,
    }
}

/// Which findings to list.
#[derive(Debug, Default, Clone)]
pub struct FindingFilter {
    /// A code (`G0201`) or a name (`unmet-need`).
    pub code: Option<String>,
    /// `warning` or `note`.
    pub severity: Option<String>,
    /// A region, exactly as written.
    pub region: Option<String>,
    /// A pathway id.
    pub pathway: Option<String>,
    /// Also list findings an `[[allow]]` excuses.
    pub allowed: bool,
}

/// The indices of the findings that pass the filter, ranked as the analysis ranks them.
pub fn matching_findings(ws: &Analysed, filter: &FindingFilter) -> Vec<usize> {
    let nonempty = |v: &Option<String>| v.as_deref().filter(|s| !s.is_empty()).map(str::to_string);
    let (code, severity, region, pathway) = (
        nonempty(&filter.code),
        nonempty(&filter.severity),
        nonempty(&filter.region),
        nonempty(&filter.pathway),
    );
    let model = &ws.loaded.model;
    ws.analysis
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| filter.allowed || f.allowed.is_none())
        .filter(|(_, f)| {
            code.as_deref()
                .is_none_or(|c| f.diagnostic.code.as_str() == c || f.diagnostic.code.name() == c)
        })
        .filter(|(_, f)| {
            severity
                .as_deref()
                .is_none_or(|s| severity_name(f.diagnostic.severity) == s)
        })
        .filter(|(i, _)| {
            let pathways = &ws.finding_pathways[*i];
            pathway
                .as_ref()
                .is_none_or(|id| pathways.iter().any(|p| model.pathway(*p).id == *id))
                && region.as_ref().is_none_or(|g| {
                    pathways
                        .iter()
                        .any(|p| model.pathway(*p).region.as_ref() == Some(g))
                })
        })
        .map(|(i, _)| i)
        .collect()
}

/// The rows of these findings, with headlines in `lang`.
pub fn rows_of(ws: &Analysed, indices: &[usize], lang: Lang) -> Vec<FindingRow> {
    indices
        .iter()
        .map(|&i| row(ws, i, &ws.analysis.findings[i], lang))
        .collect()
}

/// The rows of every finding that passes the filter.
pub fn finding_rows(ws: &Analysed, filter: &FindingFilter, lang: Lang) -> Vec<FindingRow> {
    rows_of(ws, &matching_findings(ws, filter), lang)
}

/// The choices of the dashboard's filters: every code, severity and region that occurs.
#[derive(Debug, Serialize)]
pub struct FilterChoices {
    /// `(code, title)` pairs, the title in the asked language.
    pub codes: Vec<(&'static str, String)>,
    /// Severities.
    pub severities: Vec<&'static str>,
    /// Regions of the pathways.
    pub regions: Vec<String>,
}

/// What the dashboard's filters can choose from.
pub fn filter_choices(ws: &Analysed, lang: Lang) -> FilterChoices {
    let codes: BTreeSet<(&str, String)> = ws
        .analysis
        .active()
        .map(|f| {
            let code = f.diagnostic.code;
            (
                code.as_str(),
                code_title(code, lang).unwrap_or_else(|| code.name().to_string()),
            )
        })
        .collect();
    let severities: BTreeSet<&str> = ws
        .analysis
        .active()
        .map(|f| severity_name(f.diagnostic.severity))
        .collect();
    let regions: BTreeSet<String> = ws
        .loaded
        .model
        .pathways()
        .iter()
        .filter_map(|p| p.region.clone())
        .collect();
    FilterChoices {
        codes: codes.into_iter().collect(),
        severities: severities.into_iter().collect(),
        regions: regions.into_iter().collect(),
    }
}

/// A service's details, for the panel beside the diagram and the API.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ServiceDetails {
    /// Id (the diagram node's key).
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// The actor's name.
    pub actor: String,
    /// The sector's label.
    pub sector: String,
    /// Ages taken, `7–17`.
    pub ages: String,
    /// Languages it is given in.
    pub languages: Vec<String>,
    /// Needs it meets (names).
    pub needs: Vec<String>,
    /// Needs it does not take (names).
    pub excludes: Vec<String>,
    /// Clients arriving per month (from outside and through handoffs).
    pub load: Option<String>,
    /// Clients per month it can take.
    pub capacity: Option<String>,
    /// Load / capacity in per cent.
    pub utilisation: Option<String>,
    /// True when a loop keeps clients inside for good.
    pub unbounded: bool,
    /// Indices of the active findings about it (into the analysis).
    pub findings: Vec<usize>,
}

/// The details of every service of pathway `p`.
pub fn service_details(ws: &Analysed, p: PathwayIx, lang: Lang) -> Vec<ServiceDetails> {
    let model = &ws.loaded.model;
    let flow = &ws.analysis.flow;
    model
        .pathway(p)
        .services
        .iter()
        .map(|&s: &ServiceIx| {
            let svc = model.service(s);
            let e = &svc.eligibility;
            let load = flow.load.get(s.0 as usize).copied();
            let unbounded = flow.unbounded.get(s.0 as usize).copied().unwrap_or(false);
            let capacity = svc.capacity.as_ref().map(|c| c.clients_per_month);
            let utilisation = match (load, capacity) {
                (Some(l), Some(c)) if c > 0.0 && l.is_finite() => Some(whole_percent(l / c, lang)),
                _ => None,
            };
            ServiceDetails {
                id: svc.id.clone(),
                name: svc.name.get(lang).to_string(),
                description: svc.description.get(lang).trim().to_string(),
                actor: svc
                    .actor
                    .map(|a| model.actor(a).name.get(lang).to_string())
                    .unwrap_or_default(),
                sector: svc.sector.label(lang).to_string(),
                ages: ages(e.age_min, e.age_max),
                languages: e.languages.clone(),
                needs: e
                    .needs
                    .iter()
                    .map(|n| model.need(*n).name.get(lang).to_string())
                    .collect(),
                excludes: e
                    .excludes
                    .iter()
                    .map(|n| model.need(*n).name.get(lang).to_string())
                    .collect(),
                load: load.filter(|l| l.is_finite()).map(|x| number(x, lang)),
                capacity: capacity.map(|x| number(x, lang)),
                utilisation,
                unbounded,
                findings: ws
                    .analysis
                    .findings
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.allowed.is_none())
                    .filter(|(_, f)| f.entities.contains(&Entity::Service(s)))
                    .map(|(i, _)| i)
                    .collect(),
            }
        })
        .collect()
}

/// Handoffs between sectors, among the services of one part of the ecosystem.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SectorMatrix {
    /// The sectors that have services, as `(word, label)`.
    pub sectors: Vec<(&'static str, &'static str)>,
    /// `rows[i].cells[j]`: handoffs from sector i to sector j.
    pub rows: Vec<MatrixRow>,
}

/// One row of the matrix.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MatrixRow {
    /// The row's sector label.
    pub sector: &'static str,
    /// One cell per column.
    pub cells: Vec<MatrixCell>,
}

/// One cell of the matrix.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MatrixCell {
    /// Handoffs from the row's sector to the column's.
    pub handoffs: usize,
    /// The two sectors share clients among these services but no handoff links them there,
    /// either way.
    pub missing: bool,
}

/// The sector-by-sector collaboration matrix of `services` (a region's, an organisation's, or
/// every service): handoffs among them, and "missing" where two sectors share clients among them
/// and no handoff links the two there.
pub fn sector_matrix(ws: &Analysed, lang: Lang, services: &[ServiceIx]) -> SectorMatrix {
    let links =
        crate::analysis::ecosystem::sector_links(&ws.loaded.model, &ws.analysis.routes, services);
    let sectors = &links.sectors;
    SectorMatrix {
        sectors: sectors
            .iter()
            .map(|s| (s.as_str(), s.label(lang)))
            .collect(),
        rows: sectors
            .iter()
            .map(|&a| MatrixRow {
                sector: a.label(lang),
                cells: sectors
                    .iter()
                    .map(|&b| MatrixCell {
                        handoffs: links.handoffs.get(&(a, b)).copied().unwrap_or(0),
                        missing: links.missing(a, b),
                    })
                    .collect(),
            })
            .collect(),
    }
}
