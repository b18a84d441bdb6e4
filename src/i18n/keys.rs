//! The typed keys of the catalogue: one line per message, with the names of its arguments.
//!
//! Adding a message is one line here and one message in each of `fi.ftl`, `sv.ftl` and `en.ftl`;
//! the tests of this module fail until all four agree.

use super::{Arg, fluent_args};
use fluent_bundle::FluentArgs;

/// Declares [`Msg`]: each line is `Variant = "message-id"`, with `{ arg, … }` when the message
/// takes arguments (Fluent's `$arg`). Also declares [`KEYS`], every id with its argument names,
/// which the tests hold against the three files.
macro_rules! catalogue {
    ($( $(#[$doc:meta])+ $variant:ident = $id:literal $({ $($arg:ident),+ $(,)? })? ; )*) => {
        /// A message of the catalogue with its arguments; [`super::text`] words it in a language.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Msg<'a> {
            $(
                $(#[$doc])+
                $variant $({ $(
                    #[doc = concat!("Fluent's `$", stringify!($arg), "`.")]
                    $arg: Arg<'a>
                ),+ })?,
            )*
        }

        impl Msg<'_> {
            /// The message's id in the Fluent files.
            pub fn id(&self) -> &'static str {
                match self {
                    $( Msg::$variant { .. } => $id, )*
                }
            }

            /// The message's arguments as Fluent takes them; `None` for a message without.
            pub(super) fn args(&self) -> Option<FluentArgs<'_>> {
                match self {
                    $( Msg::$variant $({ $($arg),+ })? => fluent_args(&[
                        $($( (stringify!($arg), $arg) ),+)?
                    ]), )*
                }
            }
        }

        /// Every message id with the names of its arguments, in declaration order.
        #[cfg_attr(not(test), allow(dead_code))]
        pub(super) const KEYS: &[(&str, &[&str])] = &[
            $( ($id, &[ $($( stringify!($arg) ),+)? ]), )*
        ];
    };
}

catalogue! {
    /// The heading of a diagram's legend.
    LegendHeading = "legend-heading";
    /// A solid edge: the client moves.
    LegendClientMoves = "legend-client-moves";
    /// A dashed edge: the client does not move.
    LegendNoClientMove = "legend-no-client-move";
    /// An edge of a referral loop.
    LegendLoop = "legend-loop";
    /// An edge across organisations without an agreed protocol.
    LegendBoundary = "legend-boundary";
    /// Legend: the dotted line where a collaboration is missing.
    LegendMissingCollaboration = "legend-missing-collaboration";
    /// A node whose utilisation is over 85 %.
    LegendHighUtilisation = "legend-high-utilisation";
    /// A node over capacity.
    LegendOverCapacity = "legend-over-capacity";
    /// A node's entry marker.
    LegendEntry = "legend-entry";
    /// A node's exit marker.
    LegendExit = "legend-exit";
    /// The emphasis of the selected profile's route.
    LegendOnRoute = "legend-on-route";
    /// Nodes standing for all services of an actor.
    LegendAggregated = "legend-aggregated";

    /// A finding badge: a need no service meets.
    ViewMarkUnmetNeed = "view-mark-unmet-need";
    /// A finding badge: the route stops here, the service does not take the client.
    ViewMarkRouteBreak = "view-mark-route-break";
    /// The label of the line drawn where two sectors share clients and no handoff links them.
    ViewMissingCollaboration = "view-missing-collaboration";
    /// The lane of the national ecosystem's region boxes.
    ViewRegionsLane = "view-regions-lane";
    /// A box or focus for the services no region is given for.
    ViewNoRegion = "view-no-region";
    /// How many services a summed-up box holds (plural by `count`).
    ViewServiceCount = "view-service-count" { count };
    /// A finding badge: a service with no way on.
    ViewMarkDeadEnd = "view-mark-dead-end";
    /// A finding badge: a service not offered in the client's language.
    ViewMarkLanguageGap = "view-mark-language-gap";
    /// A finding badge: the ages after a service's limit that no service of the need takes.
    ViewMarkAgeGap = "view-mark-age-gap";
    /// The figure of an age-gap badge: the uncovered ages with the language's unit.
    ViewBadgeAges = "view-badge-ages" { range };
    /// A finding badge: a service no entry leads to.
    ViewMarkUnreachable = "view-mark-unreachable";
    /// A finding badge: a statutory time limit broken on a route.
    ViewMarkStatutoryClock = "view-mark-statutory-clock";
    /// A finding badge: a service whose loss cuts routes.
    ViewMarkSinglePointOfFailure = "view-mark-single-point-of-failure";
    /// A duration in calendar days, rounded to one decimal.
    ViewDaysCalendar = "view-days-calendar" { days };
    /// A duration in working days.
    ViewDaysWorking = "view-days-working" { days };
    /// A duration in school days.
    ViewDaysSchool = "view-days-school" { days };
    /// The lane of services without an actor.
    ViewNoActor = "view-no-actor";
    /// The title of the ecosystem view.
    ViewEcosystemTitle = "view-ecosystem-title";
    /// The title of an SVG diagram whose view has none.
    ViewSvgTitle = "view-svg-title";
    /// An SVG's description for screen readers: `nodes` services in `lanes` lanes, `edges`
    /// handoffs, the lanes' `names`.
    ViewSvgDescriptionServices = "view-svg-description-services" { nodes, lanes, edges, names };
    /// The same for an aggregated view, whose nodes are actors and edges links.
    ViewSvgDescriptionActors = "view-svg-description-actors" { nodes, lanes, edges, names };

    /// A language named by its ISO 639 code (`fi`, `sv`, `en`, `se`); other codes stay codes.
    HeadlineLanguage = "headline-language" { code };
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleUnmetNeed = "headline-title-unmet-need";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleAgeCoverageGap = "headline-title-age-coverage-gap";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleLanguageGap = "headline-title-language-gap";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleExclusionTrap = "headline-title-exclusion-trap";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleReferralLoop = "headline-title-referral-loop";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleDeadEnd = "headline-title-dead-end";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleUnreachableService = "headline-title-unreachable-service";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleStatutoryClock = "headline-title-statutory-clock";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleBoundaryWithoutProtocol = "headline-title-boundary-without-protocol";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleBoundaryWithoutConsent = "headline-title-boundary-without-consent";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleHighUtilisation = "headline-title-high-utilisation";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleOverloaded = "headline-title-overloaded";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleSinglePointOfFailure = "headline-title-single-point-of-failure";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleMissingCollaboration = "headline-title-missing-collaboration";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleIsolatedActor = "headline-title-isolated-actor";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleIncompleteModel = "headline-title-incomplete-model";
    /// The title of a finding code, for dashboards and filters.
    HeadlineTitleUnstatedHandoffs = "headline-title-unstated-handoffs";

    /// Headline G0201: no reachable service meets a profile's need.
    HeadlineUnmetNeed = "headline-unmet-need" { profile, need };
    /// Headline G0201 with where the closest route stops and why (`why`: blocker words joined).
    HeadlineUnmetNeedBlocked = "headline-unmet-need-blocked" { profile, need, service, why };
    /// Why a service does not take a client: its age range.
    HeadlineBlockerAge = "headline-blocker-age" { range };
    /// Why a service does not take a client: the languages it is given in.
    HeadlineBlockerLanguages = "headline-blocker-languages" { languages };
    /// Why a service does not take a client: a need it excludes.
    HeadlineBlockerExcludes = "headline-blocker-excludes" { need };
    /// Headline G0202: age limits leave a gap.
    HeadlineAgeCoverageGap = "headline-age-coverage-gap" { need };
    /// Headline G0203: a service not given in a profile's language.
    HeadlineLanguageGap = "headline-language-gap" { service, profile, wanted, offered };
    /// Headline G0204: two needs whose services exclude each other.
    HeadlineExclusionTrap = "headline-exclusion-trap" { a, b };
    /// Headline G0205: a referral loop with no way out.
    HeadlineReferralLoopClosed = "headline-referral-loop-closed" { services };
    /// Headline G0205: a referral loop meeting no need of `count` profiles (plural by `count`).
    HeadlineReferralLoopUnmet = "headline-referral-loop-unmet" { services, profiles, count };
    /// Headline G0206: a dead end.
    HeadlineDeadEnd = "headline-dead-end" { service };
    /// Headline G0207: a service no entry reaches.
    HeadlineUnreachableService = "headline-unreachable-service" { service };
    /// Headline G0208: a statutory time limit broken.
    HeadlineStatutoryClock = "headline-statutory-clock" { profile, service };
    /// Headline G0208 along the flow: a share of a service's clients reach it too late.
    HeadlineStatutoryClockFlow = "headline-statutory-clock-flow" { share, service };
    /// Headline B0301: a boundary handoff without a protocol.
    HeadlineBoundaryWithoutProtocol = "headline-boundary-without-protocol" { between };
    /// Headline B0302: a boundary handoff without consent handling.
    HeadlineBoundaryWithoutConsent = "headline-boundary-without-consent" { between };
    /// Headline B0303/B0304: load against capacity (figures written by `render::figures`).
    HeadlineLoad = "headline-load" { service, load, capacity, percent };
    /// Headline B0304: load without end on a closed loop.
    HeadlineLoadUnbounded = "headline-load-unbounded" { service };
    /// Headline B0305: a single point of failure.
    HeadlineSinglePointOfFailure = "headline-single-point-of-failure" { service };
    /// Headline X0401: two sectors share clients without a handoff (`a` capitalised).
    HeadlineMissingCollaboration = "headline-missing-collaboration" { a, b, profiles };
    /// Headline X0402: an isolated organisation.
    HeadlineIsolatedActor = "headline-isolated-actor" { actor };
    /// Headline X0403: a service missing owner, capacity or wait.
    HeadlineIncompleteModel = "headline-incomplete-model" { service };
    /// Headline X0404: `count` handoffs between organisations leave protocol or consent unstated
    /// (plural by `count`).
    HeadlineUnstatedHandoffs = "headline-unstated-handoffs" { count };

    /// The web app: “polku”.
    UiApp = "ui-app";
    /// The web app: “Skip to content”.
    UiSkip = "ui-skip";
    /// The web app: “Service pathways”.
    UiOverview = "ui-overview";
    /// The web app: “Every pathway of the workspace and what the analysis found in it.”.
    UiOverviewIntro = "ui-overview-intro";
    /// The web app: “Service ecosystem”.
    UiEcosystem = "ui-ecosystem";
    /// The web app: “The services and handoffs of every pathway in one diagram, and how the sectors work together.”.
    UiEcosystemIntro = "ui-ecosystem-intro";
    /// The web app: “Findings”.
    UiFindings = "ui-findings";
    /// The web app: “Every finding of the analysis across the workspace.”.
    UiFindingsIntro = "ui-findings-intro";
    /// The web app: “Language”.
    UiLanguage = "ui-language";
    /// The web app: “Pathway”.
    UiPathway = "ui-pathway";
    /// The web app: “Region”.
    UiRegion = "ui-region";
    /// The web app: “Owner”.
    UiOwner = "ui-owner";
    /// The web app: “Services”.
    UiServices = "ui-services";
    /// The web app: “Gaps”.
    UiGaps = "ui-gaps";
    /// The web app: “Bottlenecks”.
    UiBottlenecks = "ui-bottlenecks";
    /// The web app: “Errors”.
    UiErrors = "ui-errors";
    /// The web app: “Changed”.
    UiLastChange = "ui-last-change";
    /// The web app: “View”.
    UiView = "ui-view";
    /// The web app: “By organisation”.
    UiViewLanes = "ui-view-lanes";
    /// The web app: “By sector”.
    UiViewSector = "ui-view-sector";
    /// The web app: “A profile's route”.
    UiViewRoute = "ui-view-route";
    /// The web app: “Client profile”.
    UiProfile = "ui-profile";
    /// The web app: “(none chosen)”.
    UiNoProfile = "ui-no-profile";
    /// The web app: “There is no such client profile, so the pathway is shown without it”.
    UiUnknownProfile = "ui-unknown-profile";
    /// The web app: “Show”.
    UiShow = "ui-show";
    /// The web app: “Diagram”.
    UiDiagram = "ui-diagram";
    /// The web app: “Choose a service in the diagram to see its details.”.
    UiDiagramHelp = "ui-diagram-help";
    /// The web app: “Diagram tools”.
    UiDiagramTools = "ui-diagram-tools";
    /// The web app: “Zoom in”.
    UiZoomIn = "ui-zoom-in";
    /// The web app: “Zoom out”.
    UiZoomOut = "ui-zoom-out";
    /// The web app: “Whole diagram”.
    UiZoomFit = "ui-zoom-fit";
    /// The web app: “Actual size”.
    UiZoomActual = "ui-zoom-actual";
    /// The web app: “Find a service”.
    UiFindService = "ui-find-service";
    /// The web app: “The diagram has no service of that name”.
    UiFindNone = "ui-find-none";
    /// The web app: “Diagram: drag or arrow keys move, the wheel or + and − zoom, 0 shows the whole diagram”.
    UiDiagramKeys = "ui-diagram-keys";
    /// The web app: “Filter the diagram”.
    UiFilters = "ui-filters";
    /// The web app: “Finding”.
    UiFilterFinding = "ui-filter-finding";
    /// The web app: “All”.
    UiFilterAll = "ui-filter-all";
    /// The web app: “A service's neighbourhood”.
    UiFocus = "ui-focus";
    /// The web app: “None chosen”.
    UiFocusNone = "ui-focus-none";
    /// The web app: “Handoffs”.
    UiFocusSteps = "ui-focus-steps";
    /// The web app: “Show all”.
    UiShowAll = "ui-show-all";
    /// The web app: “Services shown”.
    UiFilterShown = "ui-filter-shown";
    /// The web app: “Show its neighbourhood in the diagram”.
    UiFocusHere = "ui-focus-here";
    /// The web app: “Findings on this pathway”.
    UiFindingsHere = "ui-findings-here";
    /// The web app: “No findings.”.
    UiNoFindings = "ui-no-findings";
    /// The web app: “Highlight in the diagram”.
    UiHighlight = "ui-highlight";
    /// The web app: “Service details”.
    UiDetails = "ui-details";
    /// The web app: “Choose a service in the diagram.”.
    UiDetailsHelp = "ui-details-help";
    /// The web app: “Actor”.
    UiActor = "ui-actor";
    /// The web app: “Sector”.
    UiSector = "ui-sector";
    /// The web app: “Ages”.
    UiAges = "ui-ages";
    /// The web app: “Languages”.
    UiLanguages = "ui-languages";
    /// The web app: “Needs”.
    UiNeeds = "ui-needs";
    /// The web app: “Does not take clients with”.
    UiExcludes = "ui-excludes";
    /// The web app: “Clients per month”.
    UiArrivals = "ui-arrivals";
    /// The web app: “Capacity”.
    UiCapacity = "ui-capacity";
    /// The web app: “Utilisation”.
    UiUtilisation = "ui-utilisation";
    /// The web app: “/ month”.
    UiPerMonth = "ui-per-month";
    /// The web app: “unbounded (a loop with no way out)”.
    UiUnbounded = "ui-unbounded";
    /// The web app: “Download”.
    UiDownloads = "ui-downloads";
    /// The web app: “Description”.
    UiDocumentation = "ui-documentation";
    /// The web app: “Code”.
    UiCode = "ui-code";
    /// The web app: “Severity”.
    UiSeverity = "ui-severity";
    /// The web app: “Finding”.
    UiMessage = "ui-message";
    /// The web app: “Pathways”.
    UiPathways = "ui-pathways";
    /// The web app: “all”.
    UiAll = "ui-all";
    /// The web app: “Filter”.
    UiFilter = "ui-filter";
    /// The web app: “Pages”.
    UiPages = "ui-pages";
    /// The web app: “Previous”.
    UiPrevious = "ui-previous";
    /// The web app: “Next”.
    UiNext = "ui-next";
    /// The web app: “warning”.
    UiWarning = "ui-warning";
    /// The web app: “note”.
    UiNote = "ui-note";
    /// The web app: “error”.
    UiError = "ui-error";
    /// The web app: “allowed”.
    UiAllowed = "ui-allowed";
    /// The web app: “Collaboration between sectors”.
    UiMatrix = "ui-matrix";
    /// The web app: “Handoffs from the sector of the row to the sector of the column. A marked cell: the sectors share clients but no handoff links them.”.
    UiMatrixHelp = "ui-matrix-help";
    /// The web app: “From \ to”.
    UiFromTo = "ui-from-to";
    /// The web app: “link missing”.
    UiMissingLink = "ui-missing-link";
    /// The ecosystem's breadcrumbs: where in the ecosystem the page is.
    UiCrumbs = "ui-crumbs";
    /// The ecosystem's list of summed-up boxes to open.
    UiOpen = "ui-open";
    /// What the boxes to open are.
    UiOpenHelp = "ui-open-help";
    /// The web app: “A file has errors”.
    UiProblems = "ui-problems";
    /// The web app: “The page shows the last version that worked. Fix the error and save; the page updates.”.
    UiProblemsHelp = "ui-problems-help";
    /// The web app: “Hide”.
    UiDismiss = "ui-dismiss";
    /// The web app: “Page not found”.
    UiNotFound = "ui-not-found";
    /// The web app: “Check the address or go back to the list of pathways.”.
    UiNotFoundHelp = "ui-not-found-help";

    /// The documentation site: “Basic information”.
    SiteBasic = "site-basic";
    /// The documentation site: “Name”.
    SiteName = "site-name";
    /// The documentation site: “Short description”.
    SiteSummary = "site-summary";
    /// The documentation site: “Region”.
    SiteRegion = "site-region";
    /// The documentation site: “Funder”.
    SiteFunder = "site-funder";
    /// The documentation site: “Parent project”.
    SiteParentProject = "site-parent-project";
    /// The documentation site: “Owner / author”.
    SiteOwner = "site-owner";
    /// The documentation site: “Created”.
    SiteCreated = "site-created";
    /// The documentation site: “Last modified”.
    SiteUpdated = "site-updated";
    /// The documentation site: “Status”.
    SiteStatus = "site-status";
    /// The documentation site: “Core idea”.
    SiteCoreIdea = "site-core-idea";
    /// The documentation site: “Operating environment”.
    SiteOperatingEnvironment = "site-operating-environment";
    /// The documentation site: “Purpose and goals”.
    SitePurpose = "site-purpose";
    /// The documentation site: “Goals”.
    SiteGoals = "site-goals";
    /// The documentation site: “Target groups”.
    SiteTargetGroups = "site-target-groups";
    /// The documentation site: “Actors”.
    SiteActors = "site-actors";
    /// The documentation site: “Actor”.
    SiteActor = "site-actor";
    /// The documentation site: “Kind”.
    SiteKind = "site-kind";
    /// The documentation site: “Phases of the operating model”.
    SitePhases = "site-phases";
    /// The documentation site: “The phases in the direction of flow, from entry to exit.”.
    SitePhasesIntro = "site-phases-intro";
    /// The documentation site: “Swimlane diagram of the pathway”.
    SiteDiagramAlt = "site-diagram-alt";
    /// The documentation site: “Services”.
    SiteServices = "site-services";
    /// The documentation site: “Service”.
    SiteService = "site-service";
    /// The documentation site: “Sector”.
    SiteSector = "site-sector";
    /// The documentation site: “Ages”.
    SiteAges = "site-ages";
    /// The documentation site: “Needs met”.
    SiteNeedsMet = "site-needs-met";
    /// The documentation site: “Does not take clients with”.
    SiteExcludes = "site-excludes";
    /// The documentation site: “Languages”.
    SiteLanguages = "site-languages";
    /// The documentation site: “Capacity”.
    SiteCapacity = "site-capacity";
    /// The documentation site: “clients / month”.
    SitePerMonth = "site-per-month";
    /// The documentation site: “Wait”.
    SiteWait = "site-wait";
    /// The documentation site: “Handoffs”.
    SiteHandoffs = "site-handoffs";
    /// The documentation site: “From”.
    SiteFrom = "site-from";
    /// The documentation site: “To”.
    SiteTo = "site-to";
    /// The documentation site: “Protocol”.
    SiteProtocol = "site-protocol";
    /// The documentation site: “Routes of the client profiles”.
    SiteRoutes = "site-routes";
    /// The documentation site: “need met”.
    SiteMet = "site-met";
    /// The documentation site: “need not met”.
    SiteUnmet = "site-unmet";
    /// The documentation site, after a service on a route: “over capacity”.
    SiteOverCapacity = "site-over-capacity";
    /// The documentation site, after a service on a route: “not in the client's language”.
    SiteNotInLanguage = "site-not-in-language";
    /// The documentation site: a route's wait through a service over capacity.
    SiteUnboundedWait = "site-unbounded-wait";
    /// The documentation site: “wait”.
    SiteWaited = "site-waited";
    /// The documentation site: “d”.
    SiteDays = "site-days";
    /// The documentation site: “Conditions for it to work and be adopted”.
    SiteConditions = "site-conditions";
    /// The documentation site: “Effectiveness and indicators”.
    SiteIndicators = "site-indicators";
    /// The documentation site: “Evaluation”.
    SiteEvaluation = "site-evaluation";
    /// The documentation site: “Contact”.
    SiteContact = "site-contact";
    /// The documentation site: “Analysis summary”.
    SiteAnalysis = "site-analysis";
    /// The documentation site: “The main findings of the pathway analysis (gaps and bottlenecks).”.
    SiteAnalysisIntro = "site-analysis-intro";
    /// The documentation site: “The analysis found no gaps or bottlenecks.”.
    SiteNoFindings = "site-no-findings";
    /// The documentation site: “Attachments”.
    SiteAttachments = "site-attachments";
    /// The documentation site: “Diagram (SVG)”.
    SiteDiagramSvg = "site-diagram-svg";
    /// The documentation site: “Diagram (PNG)”.
    SiteDiagramPng = "site-diagram-png";
    /// The documentation site: “Diagram (PDF)”.
    SiteDiagramPdf = "site-diagram-pdf";
    /// The documentation site: “Text for Innokylä's form (Markdown)”.
    SiteMarkdown = "site-markdown";
    /// The documentation site: “Home”.
    SiteHome = "site-home";
    /// The documentation site: “Service pathways”.
    SiteSiteTitle = "site-site-title";
    /// The documentation site: “Service pathways”.
    SitePathways = "site-pathways";
    /// The documentation site: “Service ecosystem”.
    SiteEcosystem = "site-ecosystem";
    /// The documentation site: “The services and handoffs of every pathway in one diagram.”.
    SiteEcosystemIntro = "site-ecosystem-intro";
    /// The documentation site: “Made with polku”.
    SiteGenerated = "site-generated";

    /// The label of [`ActorKind::WellbeingCounty`](crate::model::ActorKind::WellbeingCounty).
    VocabActorKindWellbeingCounty = "vocab-actor-kind-wellbeing-county";
    /// The label of [`ActorKind::Municipality`](crate::model::ActorKind::Municipality).
    VocabActorKindMunicipality = "vocab-actor-kind-municipality";
    /// The label of [`ActorKind::Hospital`](crate::model::ActorKind::Hospital).
    VocabActorKindHospital = "vocab-actor-kind-hospital";
    /// The label of [`ActorKind::Ngo`](crate::model::ActorKind::Ngo).
    VocabActorKindNgo = "vocab-actor-kind-ngo";
    /// The label of [`ActorKind::State`](crate::model::ActorKind::State).
    VocabActorKindState = "vocab-actor-kind-state";
    /// The label of [`ActorKind::Private`](crate::model::ActorKind::Private).
    VocabActorKindPrivate = "vocab-actor-kind-private";
    /// The label of [`ActorKind::Parish`](crate::model::ActorKind::Parish).
    VocabActorKindParish = "vocab-actor-kind-parish";

    /// The label of [`Sector::ChildWelfare`](crate::model::Sector::ChildWelfare).
    VocabSectorChildWelfare = "vocab-sector-child-welfare";
    /// The label of [`Sector::Education`](crate::model::Sector::Education).
    VocabSectorEducation = "vocab-sector-education";
    /// The label of [`Sector::PupilWelfare`](crate::model::Sector::PupilWelfare).
    VocabSectorPupilWelfare = "vocab-sector-pupil-welfare";
    /// The label of [`Sector::SchoolHealth`](crate::model::Sector::SchoolHealth).
    VocabSectorSchoolHealth = "vocab-sector-school-health";
    /// The label of [`Sector::MentalHealth`](crate::model::Sector::MentalHealth).
    VocabSectorMentalHealth = "vocab-sector-mental-health";
    /// The label of [`Sector::Substance`](crate::model::Sector::Substance).
    VocabSectorSubstance = "vocab-sector-substance";
    /// The label of [`Sector::PrimaryHealth`](crate::model::Sector::PrimaryHealth).
    VocabSectorPrimaryHealth = "vocab-sector-primary-health";
    /// The label of [`Sector::SpecialistCare`](crate::model::Sector::SpecialistCare).
    VocabSectorSpecialistCare = "vocab-sector-specialist-care";
    /// The label of [`Sector::YouthWork`](crate::model::Sector::YouthWork).
    VocabSectorYouthWork = "vocab-sector-youth-work";
    /// The label of [`Sector::FamilyServices`](crate::model::Sector::FamilyServices).
    VocabSectorFamilyServices = "vocab-sector-family-services";
    /// The label of [`Sector::SocialWork`](crate::model::Sector::SocialWork).
    VocabSectorSocialWork = "vocab-sector-social-work";
    /// The label of [`Sector::NgoSupport`](crate::model::Sector::NgoSupport).
    VocabSectorNgoSupport = "vocab-sector-ngo-support";

    /// The label of [`Level::Universal`](crate::model::Level::Universal).
    VocabLevelUniversal = "vocab-level-universal";
    /// The label of [`Level::Basic`](crate::model::Level::Basic).
    VocabLevelBasic = "vocab-level-basic";
    /// The label of [`Level::Special`](crate::model::Level::Special).
    VocabLevelSpecial = "vocab-level-special";
    /// The label of [`Level::Demanding`](crate::model::Level::Demanding).
    VocabLevelDemanding = "vocab-level-demanding";

    /// The label of [`EntryChannel::SelfReferral`](crate::model::EntryChannel::SelfReferral).
    VocabEntryChannelSelfReferral = "vocab-entry-channel-self-referral";
    /// The label of [`EntryChannel::School`](crate::model::EntryChannel::School).
    VocabEntryChannelSchool = "vocab-entry-channel-school";
    /// The label of [`EntryChannel::Notification`](crate::model::EntryChannel::Notification).
    VocabEntryChannelNotification = "vocab-entry-channel-notification";
    /// The label of [`EntryChannel::HealthCare`](crate::model::EntryChannel::HealthCare).
    VocabEntryChannelHealthCare = "vocab-entry-channel-health-care";
    /// The label of [`EntryChannel::Outreach`](crate::model::EntryChannel::Outreach).
    VocabEntryChannelOutreach = "vocab-entry-channel-outreach";
    /// The label of [`EntryChannel::Police`](crate::model::EntryChannel::Police).
    VocabEntryChannelPolice = "vocab-entry-channel-police";

    /// The label of [`HandoffKind::Referral`](crate::model::HandoffKind::Referral).
    VocabHandoffKindReferral = "vocab-handoff-kind-referral";
    /// The label of [`HandoffKind::Consultation`](crate::model::HandoffKind::Consultation).
    VocabHandoffKindConsultation = "vocab-handoff-kind-consultation";
    /// The label of [`HandoffKind::JointWork`](crate::model::HandoffKind::JointWork).
    VocabHandoffKindJointWork = "vocab-handoff-kind-joint-work";
    /// The label of [`HandoffKind::SharedPlan`](crate::model::HandoffKind::SharedPlan).
    VocabHandoffKindSharedPlan = "vocab-handoff-kind-shared-plan";
    /// The label of [`HandoffKind::Information`](crate::model::HandoffKind::Information).
    VocabHandoffKindInformation = "vocab-handoff-kind-information";
    /// The label of [`HandoffKind::Return`](crate::model::HandoffKind::Return).
    VocabHandoffKindReturn = "vocab-handoff-kind-return";

    /// The label of [`Protocol::None`](crate::model::Protocol::None).
    VocabProtocolNone = "vocab-protocol-none";
    /// The label of [`Protocol::WrittenReferral`](crate::model::Protocol::WrittenReferral).
    VocabProtocolWrittenReferral = "vocab-protocol-written-referral";
    /// The label of [`Protocol::WarmHandoff`](crate::model::Protocol::WarmHandoff).
    VocabProtocolWarmHandoff = "vocab-protocol-warm-handoff";
    /// The label of [`Protocol::SharedPlan`](crate::model::Protocol::SharedPlan).
    VocabProtocolSharedPlan = "vocab-protocol-shared-plan";

    /// The label of [`PathwayStatus::Idea`](crate::model::PathwayStatus::Idea).
    VocabPathwayStatusIdea = "vocab-pathway-status-idea";
    /// The label of [`PathwayStatus::InDevelopment`](crate::model::PathwayStatus::InDevelopment).
    VocabPathwayStatusInDevelopment = "vocab-pathway-status-in-development";
    /// The label of [`PathwayStatus::Pilot`](crate::model::PathwayStatus::Pilot).
    VocabPathwayStatusPilot = "vocab-pathway-status-pilot";
    /// The label of [`PathwayStatus::InUse`](crate::model::PathwayStatus::InUse).
    VocabPathwayStatusInUse = "vocab-pathway-status-in-use";
    /// The label of [`PathwayStatus::Ended`](crate::model::PathwayStatus::Ended).
    VocabPathwayStatusEnded = "vocab-pathway-status-ended";

    /// The label of [`ClockEnd::Start`](crate::model::ClockEnd::Start).
    VocabClockEndStart = "vocab-clock-end-start";
    /// The label of [`ClockEnd::End`](crate::model::ClockEnd::End).
    VocabClockEndEnd = "vocab-clock-end-end";

    /// The label of [`DocSection::Basic`](crate::model::DocSection::Basic).
    VocabDocSectionBasic = "vocab-doc-section-basic";
    /// The label of [`DocSection::CoreIdea`](crate::model::DocSection::CoreIdea).
    VocabDocSectionCoreIdea = "vocab-doc-section-core-idea";
    /// The label of [`DocSection::OperatingEnvironment`](crate::model::DocSection::OperatingEnvironment).
    VocabDocSectionOperatingEnvironment = "vocab-doc-section-operating-environment";
    /// The label of [`DocSection::Purpose`](crate::model::DocSection::Purpose).
    VocabDocSectionPurpose = "vocab-doc-section-purpose";
    /// The label of [`DocSection::TargetGroups`](crate::model::DocSection::TargetGroups).
    VocabDocSectionTargetGroups = "vocab-doc-section-target-groups";
    /// The label of [`DocSection::Actors`](crate::model::DocSection::Actors).
    VocabDocSectionActors = "vocab-doc-section-actors";
    /// The label of [`DocSection::Phases`](crate::model::DocSection::Phases).
    VocabDocSectionPhases = "vocab-doc-section-phases";
    /// The label of [`DocSection::Services`](crate::model::DocSection::Services).
    VocabDocSectionServices = "vocab-doc-section-services";
    /// The label of [`DocSection::Handoffs`](crate::model::DocSection::Handoffs).
    VocabDocSectionHandoffs = "vocab-doc-section-handoffs";
    /// The label of [`DocSection::Routes`](crate::model::DocSection::Routes).
    VocabDocSectionRoutes = "vocab-doc-section-routes";
    /// The label of [`DocSection::Conditions`](crate::model::DocSection::Conditions).
    VocabDocSectionConditions = "vocab-doc-section-conditions";
    /// The label of [`DocSection::Indicators`](crate::model::DocSection::Indicators).
    VocabDocSectionIndicators = "vocab-doc-section-indicators";
    /// The label of [`DocSection::Evaluation`](crate::model::DocSection::Evaluation).
    VocabDocSectionEvaluation = "vocab-doc-section-evaluation";
    /// The label of [`DocSection::Contact`](crate::model::DocSection::Contact).
    VocabDocSectionContact = "vocab-doc-section-contact";
    /// The label of [`DocSection::Analysis`](crate::model::DocSection::Analysis).
    VocabDocSectionAnalysis = "vocab-doc-section-analysis";
    /// The label of [`DocSection::Attachments`](crate::model::DocSection::Attachments).
    VocabDocSectionAttachments = "vocab-doc-section-attachments";
}
