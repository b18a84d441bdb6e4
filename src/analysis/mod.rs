//! Model → findings: gaps, bottlenecks and ecosystem problems of a pathway workspace.
//!
//! Analysis works like a linter. Each finding has a stable [`Code`], a severity, the entities it
//! is about, where it is written, a one-line message, why it matters in the field's terms, and a
//! suggested fix. One file per family: [`gaps`] (needs, ages, languages, loops, dead ends),
//! [`clocks`] (statutory time limits), [`bottlenecks`] (flow, capacity, boundaries, single points
//! of failure) and [`ecosystem`] (collaboration between sectors and actors, model completeness).
//! [`routes`] finds each profile's route; [`flow`] solves the monthly flow of clients.
//!
//! **Architecture Invariant:** pure functions of the [`Model`]; no I/O, no async. The whole
//! workspace is always analysed (flows cross pathway files); filtering by pathway or profile is
//! a matter of presentation.

mod ages;
pub mod betweenness;
pub mod bottlenecks;
pub mod clocks;
pub mod ecosystem;
pub mod flow;
pub mod gaps;
pub mod payload;
pub mod routes;
pub mod whatif;

use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Origin, Severity};
use payload::Payload;

use crate::model::{ActorIx, HandoffIx, IndexVec, Model, NeedIx, PathwayIx, ProfileIx, ServiceIx};

/// An entity a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Entity {
    /// A service.
    Service(ServiceIx),
    /// A handoff.
    Handoff(HandoffIx),
    /// A client profile.
    Profile(ProfileIx),
    /// An actor.
    Actor(ActorIx),
    /// A need.
    Need(NeedIx),
}

impl Entity {
    /// The entity's id as written in files (handoffs: `from->to`).
    pub fn id(self, model: &Model) -> String {
        match self {
            Entity::Service(s) => model.service(s).id.clone(),
            Entity::Handoff(h) => {
                let h = model.handoff(h);
                format!("{}->{}", model.service(h.from).id, model.service(h.to).id)
            }
            Entity::Profile(p) => model.profile(p).id.clone(),
            Entity::Actor(a) => model.actor(a).id.clone(),
            Entity::Need(n) => model.need(n).id.clone(),
        }
    }
}

/// One finding of the analysis.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Code, severity, location, message, label and suggested fix (`help`).
    pub diagnostic: Diagnostic,
    /// Why it matters, in the field's terms.
    pub why: String,
    /// What it says, typed: its kind's figures and the indices of what it is about; its code is
    /// `payload.code()`.
    pub payload: Payload,
    /// The entities involved; the first [`Finding::subjects`] are what it is about (an
    /// `[[allow]]` names one of those), the rest is context (e.g. the route that led there).
    pub entities: Vec<Entity>,
    /// How many of the leading `entities` the finding is about.
    pub subjects: usize,
    /// Children affected per month, when the flow tells; findings are ranked by it.
    pub affected_per_month: Option<f64>,
    /// The reason written in a matching `[[allow]]`, when the finding is excused.
    pub allowed: Option<String>,
}

/// Builds a [`Finding`] step by step; keeps the families' code short and uniform.
pub(crate) struct FindingBuilder(Finding);

impl FindingBuilder {
    /// A finding of `payload`'s kind (its code), with its location and one-line message;
    /// warnings unless said otherwise.
    pub(crate) fn new(payload: Payload, origin: Origin, message: impl Into<String>) -> Self {
        FindingBuilder(Finding {
            diagnostic: Diagnostic::warning(payload.code(), origin, message),
            payload,
            why: String::new(),
            entities: Vec::new(),
            subjects: 0,
            affected_per_month: None,
            allowed: None,
        })
    }

    pub(crate) fn severity(mut self, severity: Severity) -> Self {
        self.0.diagnostic.severity = severity;
        self
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.0.diagnostic.label = Some(label.into());
        self
    }

    pub(crate) fn why(mut self, why: impl Into<String>) -> Self {
        self.0.why = why.into();
        self.0.diagnostic.note = Some(self.0.why.clone());
        self
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.0.diagnostic.help = Some(fix.into());
        self
    }

    /// Adds entities; those of the first call are the finding's subjects, later ones context.
    pub(crate) fn entities(mut self, entities: impl IntoIterator<Item = Entity>) -> Self {
        let first = self.0.entities.is_empty();
        self.0.entities.extend(entities);
        if first {
            self.0.subjects = self.0.entities.len();
        }
        self
    }

    pub(crate) fn related(mut self, origin: Origin, message: impl Into<String>) -> Self {
        self.0.diagnostic = self.0.diagnostic.with_related(origin, message);
        self
    }

    pub(crate) fn affected(mut self, per_month: Option<f64>) -> Self {
        self.0.affected_per_month = per_month.filter(|n| *n > 0.0);
        self
    }

    pub(crate) fn build(self) -> Finding {
        self.0
    }
}

/// Everything the analysis computed: findings and the figures behind them.
#[derive(Debug)]
pub struct Analysis {
    /// Every finding, ranked: most children affected first, then by code.
    pub findings: Vec<Finding>,
    /// Monthly flow through every service.
    pub flow: flow::Flow,
    /// Each profile's routes to its needs.
    pub routes: Vec<routes::ProfileRoutes>,
    /// Betweenness, articulation points and flow shares per pathway.
    pub centrality: Vec<bottlenecks::Centrality>,
    /// Allows that matched no finding (W0103).
    pub unused_allows: Vec<Diagnostic>,
}

impl Analysis {
    /// Findings that are not excused by an `[[allow]]`.
    pub fn active(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.allowed.is_none())
    }

    /// The findings as diagnostics for `polku check`: active findings, then unused allows.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.active()
            .map(|f| f.diagnostic.clone())
            .chain(self.unused_allows.iter().cloned())
            .collect()
    }
}

/// How to analyse: what a caller may trade between exactness and time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnalysisOptions {
    /// Count betweenness exactly on every pathway, however large. By default a pathway whose
    /// exact count would exceed [`betweenness::EXACT_WORK_LIMIT`] (about a second; some 5,000
    /// services) gets an estimate from a sample of sources, with its error bound in
    /// [`bottlenecks::Centrality::sampled`] and in the findings that use it.
    pub exact_betweenness: bool,
}

/// Analyses the whole model with the default [`AnalysisOptions`].
pub fn analyze(model: &Model) -> Analysis {
    analyze_with(model, AnalysisOptions::default())
}

/// Analyses the whole model.
pub fn analyze_with(model: &Model, options: AnalysisOptions) -> Analysis {
    let flow = flow::solve(model);
    let routes = routes::all(model, &flow);
    let mut findings = Vec::new();
    findings.extend(gaps::find(model, &routes, &flow));
    findings.extend(clocks::find(model, &routes, &flow));
    let centrality = bottlenecks::centrality(model, &flow, options);
    findings.extend(bottlenecks::find(model, &flow, &centrality));
    findings.extend(ecosystem::find(model, &routes));
    rank(&mut findings);
    let unused_allows = apply_allows(model, &mut findings);
    Analysis {
        findings,
        flow,
        routes,
        centrality,
        unused_allows,
    }
}

fn rank(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        let affected = |f: &Finding| f.affected_per_month.unwrap_or(0.0);
        affected(b)
            .total_cmp(&affected(a))
            .then(b.diagnostic.severity.cmp(&a.diagnostic.severity))
            .then(a.diagnostic.code.cmp(&b.diagnostic.code))
            .then(a.entities.cmp(&b.entities))
    });
}

/// Marks findings excused by an `[[allow]]` — same code, and the allow names one of the entities
/// the finding is about (not one it merely passes, like a school on every route) — and returns a
/// warning for each allow that matched none.
fn apply_allows(model: &Model, findings: &mut [Finding]) -> Vec<Diagnostic> {
    let mut unused = Vec::new();
    for allow in model.allows() {
        let mut used = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.diagnostic.code == allow.code)
        {
            if f.entities[..f.subjects]
                .iter()
                .any(|e| e.id(model) == allow.entity)
            {
                f.allowed = Some(allow.reason.clone());
                used = true;
            }
        }
        if !used {
            unused.push(
                Diagnostic::warning(
                    Code::UnusedAllow,
                    allow.origin.clone(),
                    format!(
                        "allow of {} ({}) for `{}` matches no finding",
                        allow.code,
                        allow.code.name(),
                        allow.entity
                    ),
                )
                .with_label("nothing to allow here")
                .with_help("the problem is gone or the entity id is wrong: remove the allow or correct `entity`"),
            );
        }
    }
    unused
}

/// The pathways a finding concerns: those holding any of its services or profiles.
pub fn pathways_of(model: &Model, finding: &Finding) -> Vec<PathwayIx> {
    model
        .pathways()
        .indices()
        .filter(|&p| concerns(model, p, finding))
        .collect()
}

/// [`pathways_of`] for every finding at once, through indices from each service, handoff, profile
/// and actor to its pathways: a national workspace has thousands of findings and hundreds of
/// pathways, and asking each pair costs seconds where this costs milliseconds.
pub fn pathways_of_each(model: &Model, findings: &[Finding]) -> Vec<Vec<PathwayIx>> {
    use std::collections::BTreeSet;
    let mut by_service: IndexVec<ServiceIx, Vec<PathwayIx>> =
        IndexVec::from_elem(Vec::new(), model.services().len());
    let mut by_handoff: IndexVec<HandoffIx, Vec<PathwayIx>> =
        IndexVec::from_elem(Vec::new(), model.handoffs().len());
    let mut by_profile: IndexVec<ProfileIx, Vec<PathwayIx>> =
        IndexVec::from_elem(Vec::new(), model.profiles().len());
    let mut by_actor: IndexVec<ActorIx, BTreeSet<PathwayIx>> =
        IndexVec::from_elem(BTreeSet::new(), model.actors().len());
    for (p, pathway) in model.pathways().iter_enumerated() {
        for &s in &pathway.services {
            by_service[s].push(p);
            if let Some(a) = model.service(s).actor {
                by_actor[a].insert(p);
            }
        }
        for &h in &pathway.handoffs {
            by_handoff[h].push(p);
        }
        for &pr in &pathway.profiles {
            by_profile[pr].push(p);
        }
    }
    findings
        .iter()
        .map(|f| {
            let mut set: BTreeSet<PathwayIx> = BTreeSet::new();
            for e in &f.entities {
                match *e {
                    Entity::Service(s) => set.extend(&by_service[s]),
                    Entity::Handoff(h) => set.extend(&by_handoff[h]),
                    Entity::Profile(pr) => set.extend(&by_profile[pr]),
                    Entity::Actor(a) => set.extend(&by_actor[a]),
                    Entity::Need(_) => {}
                }
            }
            set.into_iter().collect()
        })
        .collect()
}

/// True when the finding concerns pathway `p`: it is about one of its services, profiles or
/// handoffs, or an actor with services in it. Checking one pathway is what a page about that
/// pathway needs, without looking at every other pathway.
pub fn concerns(model: &Model, p: PathwayIx, finding: &Finding) -> bool {
    let pathway = model.pathway(p);
    finding.entities.iter().any(|e| match *e {
        Entity::Service(s) => pathway.services.contains(&s),
        Entity::Profile(pr) => pathway.profiles.contains(&pr),
        Entity::Handoff(h) => pathway.handoffs.contains(&h),
        Entity::Actor(a) => pathway
            .services
            .iter()
            .any(|s| model.service(*s).actor == Some(a)),
        Entity::Need(_) => false,
    })
}

/// Formats a number of days for messages: whole days without decimals.
pub(crate) fn days(d: f64) -> String {
    if d.is_infinite() {
        "∞".into()
    } else if (d - d.round()).abs() < 0.05 {
        format!("{:.0}", d)
    } else {
        format!("{:.1}", d)
    }
}

/// Builds a model from one TOML document, for the analysis unit tests.
#[cfg(test)]
pub(crate) fn test_model(toml: &str) -> Model {
    let mut sources = crate::diagnostic::Sources::new();
    sources.add(crate::diagnostic::SourceFile::new("test.toml", toml));
    let loaded = crate::workspace::load_sources(sources);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "test model does not load: {errors:?}");
    loaded.model
}

/// Regressions found in review: each test names the mistake it keeps from coming back.
#[cfg(test)]
mod review_regressions {
    use super::*;

    const BASE: &str = r#"
[[need]]
id = "huoli"
name = "Huoli"

[[service]]
id = "koulu"
name = "Koulu"
sector = "education"
entry = ["school"]
"#;

    fn codes(toml: &str) -> Vec<Code> {
        analyze(&test_model(toml))
            .diagnostics()
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_clock_is_not_checked_on_a_route_the_client_cannot_take() {
        let toml = format!(
            "{BASE}
[[service]]
id = \"ls\"
name = \"Lastensuojelu\"
sector = \"child_welfare\"
exit = true
wait_days = 30
eligibility = {{ needs = [\"huoli\"], age_max = 10 }}

[[handoff]]
from = \"koulu\"
to = \"ls\"
protocol = \"warm_handoff\"

[[profile]]
id = \"lapsi\"
name = \"Lapsi\"
age = 12
language = \"fi\"
needs = [\"huoli\"]
entry = \"koulu\"
"
        );
        let codes = codes(&toml);
        assert!(codes.contains(&Code::UnmetNeed), "{codes:?}");
        assert!(!codes.contains(&Code::StatutoryClock), "{codes:?}");
    }

    #[test]
    fn an_entry_that_does_not_take_the_client_does_not_meet_the_need() {
        let toml = r#"
[[need]]
id = "huoli"
name = "Huoli"

[[service]]
id = "aikuiset"
name = "Aikuisten palvelu"
sector = "social_work"
entry = ["self_referral"]
exit = true
eligibility = { needs = ["huoli"], age_min = 18 }

[[profile]]
id = "lapsi"
name = "Lapsi"
age = 12
language = "fi"
needs = ["huoli"]
entry = "aikuiset"
"#;
        let m = test_model(toml);
        let a = analyze(&m);
        assert!(!a.routes[0].routes[0].is_met());
        assert!(a.diagnostics().iter().any(|d| d.code == Code::UnmetNeed));
    }

    #[test]
    fn a_clock_naming_only_unknown_services_is_dropped_not_matching_everything() {
        let toml = format!(
            "{BASE}
[[clock]]
id = \"oma\"
name = \"Oma\"
to = {{ services = [\"ei-ole\"] }}
limit_days = 0
"
        );
        let mut sources = crate::diagnostic::Sources::new();
        sources.add(crate::diagnostic::SourceFile::new("t.toml", toml));
        let loaded = crate::workspace::load_sources(sources);
        assert_eq!(
            loaded
                .diagnostics
                .iter()
                .filter(|d| d.code == Code::UnknownReference)
                .count(),
            1
        );
        assert!(!loaded.model.clocks().iter().any(|c| c.id == "oma"));
    }

    #[test]
    fn an_allow_matches_what_the_finding_is_about_not_what_it_passes() {
        let toml = format!(
            "{BASE}
[[service]]
id = \"aikuiset\"
name = \"Aikuiset\"
sector = \"social_work\"
exit = true
eligibility = {{ needs = [\"huoli\"], age_min = 18 }}

[[handoff]]
from = \"koulu\"
to = \"aikuiset\"

[[profile]]
id = \"lapsi\"
name = \"Lapsi\"
age = 12
language = \"fi\"
needs = [\"huoli\"]
entry = \"koulu\"

[[allow]]
code = \"unmet-need\"
entity = \"koulu\"
reason = \"The school is on the route, not what the finding is about.\"
"
        );
        let codes = codes(&toml);
        assert!(codes.contains(&Code::UnmetNeed), "{codes:?}");
        assert!(codes.contains(&Code::UnusedAllow), "{codes:?}");
        let about_profile = toml.replace("entity = \"koulu\"", "entity = \"lapsi\"");
        let codes = super::review_regressions::codes(&about_profile);
        assert!(
            !codes.contains(&Code::UnmetNeed) && !codes.contains(&Code::UnusedAllow),
            "{codes:?}"
        );
    }

    #[test]
    fn a_loop_member_in_another_language_still_meets_the_need() {
        let toml = format!(
            "{BASE}
[[service]]
id = \"a\"
name = \"A\"
sector = \"social_work\"
exit = true

[[service]]
id = \"b\"
name = \"B\"
sector = \"mental_health\"
exit = true
eligibility = {{ needs = [\"huoli\"], languages = [\"fi\"] }}

[[handoff]]
from = \"koulu\"
to = \"a\"

[[handoff]]
from = \"a\"
to = \"b\"

[[handoff]]
from = \"b\"
to = \"a\"
kind = \"return\"

[[profile]]
id = \"nuori\"
name = \"Nuori\"
age = 15
language = \"sv\"
needs = [\"huoli\"]
entry = \"koulu\"
"
        );
        let codes = codes(&toml);
        assert!(!codes.contains(&Code::ReferralLoop), "{codes:?}");
        assert!(codes.contains(&Code::LanguageGap), "{codes:?}");
    }

    #[test]
    fn a_need_served_only_above_youth_ages_is_no_age_gap_at_zero() {
        let toml = format!(
            "{BASE}
[[service]]
id = \"aikuiset\"
name = \"Aikuiset\"
sector = \"social_work\"
exit = true
eligibility = {{ needs = [\"huoli\"], age_min = 30 }}

[[handoff]]
from = \"koulu\"
to = \"aikuiset\"
"
        );
        assert!(!codes(&toml).contains(&Code::AgeCoverageGap));
    }
}
