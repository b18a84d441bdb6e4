//! The analysis report of `polku analyze`: a ranked summary a manager reads in a minute (top
//! bottlenecks with numbers, unmet needs per profile, each profile's route table), then every
//! finding — as text, Markdown or JSON. One [`Report`] feeds all three, so they never disagree.

use serde_json::{Value, json};

use crate::analysis::bottlenecks::HIGH_UTILISATION;
use crate::analysis::routes::{Caveat, Outcome, Route};
use crate::analysis::whatif::Comparison;
use crate::analysis::{Analysis, Finding, flow};
use crate::diagnostic::{Severity, Sources};
use crate::model::{Lang, Model, PathwayIx, ProfileIx, ServiceIx};

/// What to show of an analysis.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scope {
    /// Only this pathway's services, profiles and findings.
    pub pathway: Option<PathwayIx>,
    /// Only this profile's routes and findings.
    pub profile: Option<ProfileIx>,
}

/// An analysis with everything needed to present it.
pub struct Report<'a> {
    /// The model analysed.
    pub model: &'a Model,
    /// Its sources, for file positions.
    pub sources: &'a Sources,
    /// The analysis.
    pub analysis: &'a Analysis,
    /// What to show.
    pub scope: Scope,
}

/// How many findings of each kind a report shows.
#[derive(Default)]
struct Counts {
    gaps: usize,
    bottlenecks: usize,
    ecosystem: usize,
    notes: usize,
    allowed: usize,
}

impl Counts {
    fn warnings(&self) -> usize {
        self.gaps + self.bottlenecks + self.ecosystem
    }

    /// "(10 notes, 20 allowed)", or nothing.
    fn more(&self) -> String {
        let mut parts = Vec::new();
        if self.notes > 0 {
            parts.push(plural(self.notes, "note"));
        }
        if self.allowed > 0 {
            parts.push(format!("{} allowed", self.allowed));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join(", "))
        }
    }
}

/// One row of the bottleneck table.
struct Load {
    service: ServiceIx,
    load: f64,
    capacity: f64,
    queue: flow::Queue,
}

impl Report<'_> {
    fn includes(&self, f: &Finding) -> bool {
        let in_pathway = self
            .scope
            .pathway
            .is_none_or(|p| crate::analysis::concerns(self.model, p, f));
        let for_profile = self.scope.profile.is_none_or(|p| {
            f.entities.contains(&crate::analysis::Entity::Profile(p))
                || self.routes().any(|(_, r)| {
                    r.steps.iter().any(|s| {
                        f.entities
                            .contains(&crate::analysis::Entity::Service(s.service))
                    })
                })
        });
        in_pathway && for_profile
    }

    /// The findings in scope, ranked.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.analysis.findings.iter().filter(|f| self.includes(f))
    }

    fn profiles(&self) -> Vec<ProfileIx> {
        self.model
            .profiles()
            .indices()
            .filter(|p| self.scope.profile.is_none_or(|only| only == *p))
            .filter(|p| {
                self.scope
                    .pathway
                    .is_none_or(|pw| self.model.pathway(pw).profiles.contains(p))
            })
            .collect()
    }

    fn routes(&self) -> impl Iterator<Item = (ProfileIx, &Route)> {
        let profiles = self.profiles();
        self.analysis
            .routes
            .iter()
            .filter(move |pr| profiles.contains(&pr.profile))
            .flat_map(|pr| pr.routes.iter().map(move |r| (pr.profile, r)))
    }

    fn services(&self) -> Vec<ServiceIx> {
        match self.scope.pathway {
            Some(p) => self.model.pathway(p).services.clone(),
            None => self.model.services().indices().collect(),
        }
    }

    /// Services with a known capacity, most utilised first.
    fn loads(&self) -> Vec<Load> {
        let mut loads: Vec<Load> = self
            .services()
            .into_iter()
            .filter_map(|s| {
                let capacity = self.model.service(s).capacity?;
                let load = self.analysis.flow.load[s.index()];
                let queue = flow::queue(load, &capacity)?;
                Some(Load {
                    service: s,
                    load,
                    capacity: capacity.clients_per_month,
                    queue,
                })
            })
            .collect();
        loads.sort_by(|a, b| b.queue.utilisation.total_cmp(&a.queue.utilisation));
        loads
    }

    fn id(&self, s: ServiceIx) -> &str {
        &self.model.service(s).id
    }

    fn route_text(&self, r: &Route) -> String {
        r.steps
            .iter()
            .map(|s| self.id(s.service))
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// The findings a manager reads first: the most important of each kind of problem (one per
    /// code, so one big problem cannot crowd out the others), then the next most important, in
    /// rank order, at most six.
    pub fn headlines(&self) -> Vec<&Finding> {
        pick_headlines(self.findings())
    }

    /// Warnings by family (gaps, bottlenecks, ecosystem), then notes and allowed findings.
    fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in self.findings() {
            if f.allowed.is_some() {
                c.allowed += 1;
            } else if f.diagnostic.severity < Severity::Warning {
                c.notes += 1;
            } else {
                match f.diagnostic.code.as_str().as_bytes()[0] {
                    b'G' => c.gaps += 1,
                    b'B' => c.bottlenecks += 1,
                    _ => c.ecosystem += 1,
                }
            }
        }
        c
    }

    fn title(&self) -> String {
        match self.scope.pathway {
            Some(p) => format!(
                "pathway `{}`: {}",
                self.model.pathway(p).id,
                self.model.pathway(p).title.get(Lang::Fi)
            ),
            None => plural(self.model.pathways().len(), "pathway"),
        }
    }

    /// The report as plain text for the terminal.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let c = self.counts();
        out.push_str(&format!(
            "polku analysis — {}, {}, {}\n\n",
            self.title(),
            plural(self.services().len(), "service"),
            plural(self.profiles().len(), "profile")
        ));
        out.push_str(&format!(
            "SUMMARY: {} — {}, {}, {}{}\n",
            plural(c.warnings(), "finding"),
            plural(c.gaps, "gap"),
            plural(c.bottlenecks, "bottleneck"),
            plural(c.ecosystem, "ecosystem problem"),
            c.more()
        ));
        for f in self.headlines() {
            out.push_str(&format!("  • {}\n", f.diagnostic.message));
        }

        out.push_str("\nTOP BOTTLENECKS (utilisation = clients per month / capacity)\n");
        let rows = self.bottleneck_rows(|id| id.to_string());
        if rows.is_empty() {
            out.push_str("  no service has both a capacity and clients arriving\n");
        } else {
            out.push_str(&text_table(
                &["service", "load/month", "capacity", "utilisation", "queue"],
                &rows,
            ));
        }

        out.push_str("\nUNMET NEEDS\n");
        let unmet = self.unmet_lines(|p, n, why| format!("  {p} — {n}: {why}"));
        if unmet.is_empty() {
            out.push_str("  none: every profile's needs are reachable\n");
        } else {
            out.push_str(&unmet.join("\n"));
            out.push('\n');
        }

        out.push_str("\nROUTES\n");
        for p in self.profiles() {
            let profile = self.model.profile(p);
            out.push_str(&format!(
                "  {} (age {}, {}{})\n",
                profile.id,
                profile.age,
                profile.language,
                profile
                    .arrivals_per_month
                    .map_or(String::new(), |a| format!(", {a} per month"))
            ));
            let rows: Vec<Vec<String>> = self
                .routes()
                .filter(|(pp, _)| *pp == p)
                .map(|(_, r)| self.route_row(r))
                .collect();
            let table = text_table(
                &[
                    "need",
                    "route",
                    "wait",
                    "organisations crossed",
                    "worker changes",
                    "met",
                ],
                &rows,
            );
            for line in table.lines() {
                out.push_str(&format!("    {line}\n"));
            }
        }

        out.push_str("\nALL FINDINGS\n\n");
        let diagnostics: Vec<_> = self
            .findings()
            .filter(|f| f.allowed.is_none())
            .map(|f| f.diagnostic.clone())
            .collect();
        out.push_str(&crate::render::report::diagnostics::to_plain_string(
            self.sources,
            &diagnostics,
        ));
        let allowed: Vec<&Finding> = self.findings().filter(|f| f.allowed.is_some()).collect();
        if !allowed.is_empty() {
            out.push_str("ALLOWED\n");
            for f in allowed {
                out.push_str(&format!(
                    "  {} {}: {} — allowed: {}\n",
                    f.diagnostic.code,
                    f.diagnostic.code.name(),
                    f.diagnostic.message,
                    f.allowed.as_deref().unwrap_or("")
                ));
            }
        }
        out
    }

    /// The top rows of the bottleneck table, with the service id written by `id`.
    fn bottleneck_rows(&self, id: impl Fn(&str) -> String) -> Vec<Vec<String>> {
        self.loads()
            .iter()
            .take(8)
            .map(|l| {
                vec![
                    id(self.id(l.service)),
                    format!("{:.1}", l.load),
                    format!("{:.1}", l.capacity),
                    percent(l.queue.utilisation),
                    l.queue
                        .mean_queue_wait_days
                        .map_or("—".into(), |w| format!("{} d", crate::analysis::days(w))),
                ]
            })
            .collect()
    }

    /// One line per unmet need, written by `line(profile id, need id, why)`.
    fn unmet_lines(&self, line: impl Fn(&str, &str, &str) -> String) -> Vec<String> {
        self.routes()
            .filter(|(_, r)| !r.is_met())
            .map(|(p, r)| {
                line(
                    &self.model.profile(p).id,
                    &self.model.need(r.need).id,
                    &self.unmet_text(r),
                )
            })
            .collect()
    }

    fn unmet_text(&self, r: &Route) -> String {
        match &r.outcome {
            Outcome::Met if r.caveats.is_empty() => "met".into(),
            Outcome::Met => {
                let why: Vec<String> = r
                    .caveats
                    .iter()
                    .map(|c| match c {
                        Caveat::OverCapacity {
                            service,
                            utilisation,
                        } => format!(
                            "{} over capacity ({}), so the wait is unbounded",
                            self.id(*service),
                            utilisation.map_or("load unbounded".into(), percent)
                        ),
                        Caveat::Language {
                            service,
                            offered,
                            addresses_need,
                        } => format!(
                            "{} only in {}{}",
                            self.id(*service),
                            offered.join(", "),
                            if *addresses_need {
                                ", which addresses the need"
                            } else {
                                ""
                            }
                        ),
                    })
                    .collect();
                format!("reaches {} — but {}", self.route_text(r), why.join("; "))
            }
            Outcome::Unmet {
                blocked,
                exists_elsewhere,
            } => {
                if r.steps.is_empty() {
                    return if *exists_elsewhere {
                        "no route leads to a service for it".into()
                    } else {
                        "no service in the workspace addresses it".into()
                    };
                }
                let why: Vec<String> = blocked
                    .iter()
                    .map(|(s, b)| {
                        let b: Vec<String> = b.iter().map(|b| b.describe(self.model)).collect();
                        format!("{} ({})", self.id(*s), b.join(", "))
                    })
                    .collect();
                format!(
                    "closest {} — blocked at {}",
                    self.route_text(r),
                    why.join("; ")
                )
            }
        }
    }

    fn route_row(&self, r: &Route) -> Vec<String> {
        vec![
            self.model.need(r.need).id.clone(),
            if r.steps.is_empty() {
                "—".into()
            } else {
                self.route_text(r)
            },
            r.total_wait_days()
                .map_or("—".into(), |w| format!("{} d", crate::analysis::days(w))),
            r.organisations_crossed(self.model).to_string(),
            r.worker_changes().to_string(),
            if r.is_met() {
                "yes".into()
            } else {
                "NO".into()
            },
        ]
    }

    /// The report as Markdown (for Innokylä drafts, issues and wikis).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let c = self.counts();
        out.push_str(&format!("# polku analysis — {}\n\n", self.title()));
        out.push_str(&format!(
            "**{}**: {}, {}, {}{}.\n\n",
            plural(c.warnings(), "finding"),
            plural(c.gaps, "gap"),
            plural(c.bottlenecks, "bottleneck"),
            plural(c.ecosystem, "ecosystem problem"),
            c.more()
        ));
        for f in self.headlines() {
            out.push_str(&format!("- {}\n", md_escape(&f.diagnostic.message)));
        }
        out.push_str("\n## Top bottlenecks\n\n");
        let rows = self.bottleneck_rows(|id| format!("`{id}`"));
        out.push_str(&md_table(
            &["service", "load/month", "capacity", "utilisation", "queue"],
            &rows,
        ));
        out.push_str("\n## Unmet needs\n\n");
        let unmet = self.unmet_lines(|p, n, why| format!("- `{p}` — `{n}`: {why}"));
        out.push_str(&if unmet.is_empty() {
            "None.\n".to_string()
        } else {
            unmet.join("\n") + "\n"
        });
        out.push_str("\n## Routes\n");
        for p in self.profiles() {
            let profile = self.model.profile(p);
            out.push_str(&format!(
                "\n### `{}` — {}\n\n",
                profile.id,
                profile.name.get(Lang::Fi)
            ));
            let rows: Vec<Vec<String>> = self
                .routes()
                .filter(|(pp, _)| *pp == p)
                .map(|(_, r)| self.route_row(r))
                .collect();
            out.push_str(&md_table(
                &[
                    "need",
                    "route",
                    "wait",
                    "organisations crossed",
                    "worker changes",
                    "met",
                ],
                &rows,
            ));
        }
        out.push_str("\n## Findings\n\n");
        let rows: Vec<Vec<String>> = self
            .findings()
            .map(|f| {
                vec![
                    format!("{} `{}`", f.diagnostic.code, f.diagnostic.code.name()),
                    f.diagnostic.severity.as_str().to_string(),
                    md_escape(&f.diagnostic.message),
                    md_escape(f.diagnostic.help.as_deref().unwrap_or("")),
                    f.allowed
                        .as_deref()
                        .map_or(String::new(), |r| format!("allowed: {}", md_escape(r))),
                ]
            })
            .collect();
        out.push_str(&md_table(
            &["code", "severity", "finding", "suggested fix", "note"],
            &rows,
        ));
        out
    }

    /// The report as JSON.
    pub fn json(&self) -> Value {
        let m = self.model;
        let positions = crate::render::report::diagnostics::to_json(
            self.sources,
            &self
                .findings()
                .map(|f| f.diagnostic.clone())
                .collect::<Vec<_>>(),
        );
        // Every finding's pathways at once, through indices: asking each pathway of each finding
        // costs seconds on a national workspace.
        let all = crate::analysis::pathways_of_each(m, &self.analysis.findings);
        let pathways = self
            .analysis
            .findings
            .iter()
            .zip(&all)
            .filter(|(f, _)| self.includes(f))
            .map(|(_, p)| p);
        let findings: Vec<Value> = self
            .findings()
            .zip(positions)
            .zip(pathways)
            .map(|((f, d), pathways)| {
                json!({
                    "code": f.diagnostic.code.as_str(),
                    "name": f.diagnostic.code.name(),
                    "severity": f.diagnostic.severity,
                    "message": f.diagnostic.message,
                    "why": f.why,
                    "fix": f.diagnostic.help,
                    "entities": f.entities.iter().map(|e| e.id(m)).collect::<Vec<_>>(),
                    "pathways": pathways.iter().map(|p| m.pathway(*p).id.clone()).collect::<Vec<_>>(),
                    "affected_per_month": f.affected_per_month,
                    // The figures the finding rests on (flow shares, ages, clock arithmetic),
                    // with services, profiles, needs and handoffs as indices in model order.
                    "evidence": serde_json::to_value(&f.payload).unwrap_or(Value::Null),
                    "allowed": f.allowed,
                    "position": d.position,
                })
            })
            .collect();
        let services: Vec<Value> = self
            .services()
            .into_iter()
            .map(|s| {
                let service = m.service(s);
                let load = self.analysis.flow.load[s.index()];
                let queue = service.capacity.and_then(|c| flow::queue(load, &c));
                json!({
                    "id": service.id,
                    "arrivals_per_month": self.analysis.flow.arrivals[s.index()],
                    "load_per_month": if load.is_finite() { json!(load) } else { json!(null) },
                    "capacity_per_month": service.capacity.map(|c| c.clients_per_month),
                    "utilisation": queue.as_ref().map(|q| q.utilisation).filter(|u| u.is_finite()),
                    "over_85_percent": queue.as_ref().is_some_and(|q| q.utilisation > HIGH_UTILISATION),
                    "queue_wait_days": queue.as_ref().and_then(|q| q.mean_queue_wait_days).filter(|w| w.is_finite()),
                })
            })
            .collect();
        let routes: Vec<Value> = self
            .routes()
            .map(|(p, r)| {
                json!({
                    "profile": m.profile(p).id,
                    "need": m.need(r.need).id,
                    "met": r.is_met(),
                    "reaches_service": r.reaches(),
                    "services": r.steps.iter().map(|s| m.service(s.service).id.clone()).collect::<Vec<_>>(),
                    "wait_days": r.total_wait_days().filter(|w| w.is_finite()),
                    "wait_unbounded": r.unbounded(),
                    "caveats": r.caveats.iter().map(|c| match c {
                        Caveat::OverCapacity { service, utilisation } => json!({
                            "caveat": "over_capacity",
                            "service": m.service(*service).id,
                            "utilisation": utilisation,
                        }),
                        Caveat::Language { service, offered, addresses_need } => json!({
                            "caveat": "language",
                            "service": m.service(*service).id,
                            "offered": offered,
                            "addresses_need": addresses_need,
                        }),
                    }).collect::<Vec<_>>(),
                    "organisations_crossed": r.organisations_crossed(m),
                    "worker_changes": r.worker_changes(),
                })
            })
            .collect();
        let centrality: Vec<Value> = self
            .analysis
            .centrality
            .iter()
            .filter(|c| self.scope.pathway.is_none_or(|p| p == c.pathway))
            .map(|c| {
                json!({
                    "pathway": m.pathway(c.pathway).id,
                    "services": c.services.iter().map(|s| json!({
                        "id": m.service(s.service).id,
                        "betweenness": s.betweenness,
                        "articulation_point": s.articulation,
                        "flow_share": s.flow_share,
                    })).collect::<Vec<_>>(),
                    "handoffs": c.handoffs.iter().map(|(h, b)| json!({
                        "handoff": crate::analysis::Entity::Handoff(*h).id(m),
                        "betweenness": b,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let c = self.counts();
        json!({
            "summary": {
                "gaps": c.gaps,
                "bottlenecks": c.bottlenecks,
                "ecosystem": c.ecosystem,
                "notes": c.notes,
                "allowed": c.allowed,
            },
            "findings": findings,
            "services": services,
            "routes": routes,
            "centrality": centrality,
        })
    }
}

/// The key figures of a what-if, one row each: figure, before, after.
fn comparison_rows(c: &Comparison) -> Vec<Vec<String>> {
    let fmt_opt = |v: Option<f64>, unit: &str| match v {
        None => "—".to_string(),
        Some(v) if v.is_infinite() => "∞".to_string(),
        Some(v) => format!("{v:.1}{unit}"),
    };
    let mut rows = vec![
        vec![
            "unmet needs".into(),
            c.before.unmet_needs.to_string(),
            c.after.unmet_needs.to_string(),
        ],
        vec![
            "services over 85 %".into(),
            c.before.congested_services.to_string(),
            c.after.congested_services.to_string(),
        ],
        vec![
            "highest utilisation".into(),
            fmt_opt(c.before.max_utilisation_percent, " %"),
            fmt_opt(c.after.max_utilisation_percent, " %"),
        ],
        vec![
            "mean route wait".into(),
            fmt_opt(c.before.mean_route_wait_days, " d"),
            fmt_opt(c.after.mean_route_wait_days, " d"),
        ],
    ];
    let codes: std::collections::BTreeSet<&String> = c
        .before
        .findings
        .keys()
        .chain(c.after.findings.keys())
        .collect();
    for code in codes {
        let get = |m: &std::collections::BTreeMap<String, usize>| {
            m.get(code).copied().unwrap_or(0).to_string()
        };
        let name = crate::diagnostic::Code::parse(code).map_or("", |c| c.name());
        rows.push(vec![
            format!("{code} {name}"),
            get(&c.before.findings),
            get(&c.after.findings),
        ]);
    }
    rows
}

/// A what-if comparison as text: key figures side by side, then findings that appear and go.
pub fn comparison_text(c: &Comparison) -> String {
    let mut out = String::from("WHAT-IF: before → after\n");
    out.push_str(&text_table(
        &["figure", "before", "after"],
        &comparison_rows(c),
    ));
    for (title, list) in [("resolved", &c.resolved), ("new", &c.appeared)] {
        out.push_str(&format!("\n{} findings: {}\n", title, list.len()));
        for f in list {
            out.push_str(&format!("  {f}\n"));
        }
    }
    out
}

/// A what-if comparison as Markdown.
pub fn comparison_markdown(c: &Comparison) -> String {
    let mut out = String::from("# What-if: before → after\n\n");
    out.push_str(&md_table(
        &["figure", "before", "after"],
        &comparison_rows(c),
    ));
    for (title, list) in [("Resolved", &c.resolved), ("New", &c.appeared)] {
        out.push_str(&format!("\n## {title} findings: {}\n\n", list.len()));
        for f in list {
            out.push_str(&format!("- `{f}`\n"));
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn percent(u: f64) -> String {
    if u.is_finite() {
        format!("{} %", crate::render::figures::whole_hundredths(u))
    } else {
        "∞".into()
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A plain-text table with columns padded to their widest cell.
fn text_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headers[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        format!("  {}\n", padded.join("  ").trim_end())
    };
    let mut out = line(headers.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

fn md_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = format!(
        "| {} |\n|{}|\n",
        headers.join(" | "),
        vec!["---"; headers.len()].join("|")
    );
    for r in rows {
        out.push_str(&format!("| {} |\n", r.join(" | ")));
    }
    out
}

/// The headlines among `findings` (ranked): the most important of each kind of problem (one per
/// code, so one big problem cannot crowd out the others), then the next most important, at most
/// six. [`Report::headlines`] for a scope; callers that already know a pathway's findings (a site
/// of hundreds of pages) pass them directly.
pub fn pick_headlines<'f>(findings: impl Iterator<Item = &'f Finding>) -> Vec<&'f Finding> {
    const MAX: usize = 6;
    let warnings: Vec<&Finding> = findings
        .filter(|f| f.allowed.is_none() && f.diagnostic.severity >= Severity::Warning)
        .collect();

    let mut picked: Vec<usize> = Vec::new();
    let mut codes = std::collections::BTreeSet::new();
    for (i, f) in warnings.iter().enumerate() {
        if picked.len() < MAX && codes.insert(f.diagnostic.code) {
            picked.push(i);
        }
    }
    for i in 0..warnings.len() {
        if picked.len() >= MAX {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked.into_iter().map(|i| warnings[i]).collect()
}
