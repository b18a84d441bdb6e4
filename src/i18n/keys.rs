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
    /// A finding badge: a service with no way on.
    ViewMarkDeadEnd = "view-mark-dead-end";
    /// A finding badge: a service not offered in the client's language.
    ViewMarkLanguageGap = "view-mark-language-gap";
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
}
