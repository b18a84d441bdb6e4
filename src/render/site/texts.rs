//! The fixed text of the documentation pages in Finnish, Swedish and English.

use crate::i18n::text_table;
use crate::model::Lang;

text_table! {
    /// Section titles and fixed text in one language; each field names what it titles.
    pub struct Texts {
        basic: SiteBasic,
        name: SiteName,
        summary: SiteSummary,
        region: SiteRegion,
        funder: SiteFunder,
        parent_project: SiteParentProject,
        owner: SiteOwner,
        created: SiteCreated,
        updated: SiteUpdated,
        status: SiteStatus,
        core_idea: SiteCoreIdea,
        operating_environment: SiteOperatingEnvironment,
        purpose: SitePurpose,
        goals: SiteGoals,
        target_groups: SiteTargetGroups,
        actors: SiteActors,
        actor: SiteActor,
        kind: SiteKind,
        phases: SitePhases,
        phases_intro: SitePhasesIntro,
        diagram_alt: SiteDiagramAlt,
        services: SiteServices,
        service: SiteService,
        sector: SiteSector,
        ages: SiteAges,
        needs_met: SiteNeedsMet,
        excludes: SiteExcludes,
        languages: SiteLanguages,
        capacity: SiteCapacity,
        per_month: SitePerMonth,
        wait: SiteWait,
        handoffs: SiteHandoffs,
        from: SiteFrom,
        to: SiteTo,
        protocol: SiteProtocol,
        routes: SiteRoutes,
        met: SiteMet,
        unmet: SiteUnmet,
        over_capacity: SiteOverCapacity,
        not_in_language: SiteNotInLanguage,
        unbounded_wait: SiteUnboundedWait,
        waited: SiteWaited,
        days: SiteDays,
        conditions: SiteConditions,
        indicators: SiteIndicators,
        evaluation: SiteEvaluation,
        contact: SiteContact,
        analysis: SiteAnalysis,
        analysis_intro: SiteAnalysisIntro,
        no_findings: SiteNoFindings,
        attachments: SiteAttachments,
        diagram_svg: SiteDiagramSvg,
        diagram_png: SiteDiagramPng,
        diagram_pdf: SiteDiagramPdf,
        markdown: SiteMarkdown,
        home: SiteHome,
        site_title: SiteSiteTitle,
        pathways: SitePathways,
        ecosystem: SiteEcosystem,
        ecosystem_intro: SiteEcosystemIntro,
        generated: SiteGenerated,
    }
}

/// The fixed text in `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    Texts::of(lang)
}
