# polku: English. Every message here is also in fi.ftl and sv.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Legend
legend-client-moves = Client moves (referral, return)
legend-no-client-move = Client does not move (consultation, joint work, information)
legend-loop = Referral loop
legend-boundary = Crosses organisations without an agreed protocol
legend-missing-collaboration = Shared clients, no collaboration between the sectors
legend-high-utilisation = Utilisation over 85 %
legend-over-capacity = Utilisation over 100 %
legend-entry = Entry point
legend-exit = Pathway may end
legend-on-route = The selected profile's route
legend-aggregated = A region’s or organisation’s services together, with their number

## Diagram view

view-mark-unmet-need = Unmet need
view-mark-route-break = The route breaks: the service does not take the client
view-missing-collaboration = no collaboration
view-regions-lane = Regions
view-no-region = No region given
view-service-count = { $count ->
    [one] 1 service
   *[other] { $count } services
}
view-mark-dead-end = Dead end
view-mark-language-gap = Language gap
view-mark-age-gap = Age gap: nobody takes over
view-badge-ages = { $range } y
view-mark-unreachable = Unreachable
view-mark-statutory-clock = Statutory time limit broken
view-mark-single-point-of-failure = Single point of failure
view-days-calendar = { $days } d
view-days-working = { $days } working d
view-days-school = { $days } school d
view-no-actor = No actor
view-ecosystem-title = Service ecosystem
view-svg-title = Service pathway
view-svg-description-services = Swimlane diagram: { $nodes ->
    [one] { $nodes } service
   *[other] { $nodes } services
} in { $lanes ->
    [one] { $lanes } lane
   *[other] { $lanes } lanes
}, { $edges ->
    [one] { $edges } handoff
   *[other] { $edges } handoffs
}. Lanes: { $names }.
view-svg-description-actors = Swimlane diagram: { $nodes ->
    [one] { $nodes } actor
   *[other] { $nodes } actors
} in { $lanes ->
    [one] { $lanes } lane
   *[other] { $lanes } lanes
}, { $edges ->
    [one] { $edges } link
   *[other] { $edges } links
}. Lanes: { $names }.

## Finding titles and language names

headline-language = { $code ->
    [fi] Finnish
    [sv] Swedish
    [en] English
    [se] Sámi
   *[other] { $code }
}
headline-title-unmet-need = Unmet need
headline-title-age-coverage-gap = Age coverage gap
headline-title-language-gap = Language gap
headline-title-exclusion-trap = Exclusion trap
headline-title-referral-loop = Referral loop
headline-title-dead-end = Dead end
headline-title-unreachable-service = Unreachable service
headline-title-statutory-clock = Statutory time limit
headline-title-boundary-without-protocol = Boundary handoff without a protocol
headline-title-boundary-without-consent = Boundary handoff without consent
headline-title-high-utilisation = High utilisation
headline-title-overloaded = Overloaded
headline-title-single-point-of-failure = Single point of failure
headline-title-missing-collaboration = Missing collaboration
headline-title-isolated-actor = Isolated actor
headline-title-incomplete-model = Incomplete model
headline-title-unstated-handoffs = Handoff details not stated

## Finding headlines (render/report/headline.rs): one sentence per finding kind, with names

headline-unmet-need = No reachable service meets the need { $need } of client profile { $profile }.
headline-unmet-need-blocked = No reachable service meets the need { $need } of client profile { $profile }; the closest route stops at { $service } ({ $why }).
headline-blocker-age = ages { $range }
headline-blocker-languages = languages { $languages }
headline-blocker-excludes = excludes { $need }
headline-age-coverage-gap = No service in the region covers every age for the need { $need }: the age limits leave a gap.
headline-language-gap = { $service } is not given in the language of client profile { $profile } ({ $wanted }); service languages: { $offered }.
headline-exclusion-trap = Services for { $a } exclude { $b } and vice versa: a young person with both gets no help.
headline-referral-loop-closed = The referral loop { $services } has no way out and no exit.
headline-referral-loop-unmet = Referral loop { $services }: no service in it meets the needs of { $count ->
    [one] client profile
   *[other] client profiles
} { $profiles }.
headline-dead-end = { $service } has no way on and is not marked as an exit.
headline-unreachable-service = No entry point reaches { $service }.
headline-statutory-clock = Client profile { $profile } reaches { $service } later than the statutory time limit allows.
headline-statutory-clock-flow = { $share } of the clients referred to { $service } get there later than the statutory time limit allows.
headline-boundary-without-protocol = The handoff { $between } between organisations has no agreed protocol.
headline-boundary-without-consent = The handoff { $between } passes client information between organisations without consent handling.
headline-load = { $service } receives { $load } clients a month for a capacity of { $capacity } ({ $percent }).
headline-load-unbounded = The load on { $service } grows without end: clients never leave the loop.
headline-single-point-of-failure = The pathway depends on { $service }: a break there stops the routes through it.
headline-missing-collaboration = { $a } and { $b } share the same clients ({ $profiles }), but no handoff connects them.
headline-isolated-actor = No other organisation hands clients to or from { $actor }.
headline-incomplete-model = { $service } is missing an owner, a capacity or a wait.
headline-unstated-handoffs = { $count ->
    [one] One handoff between organisations does
   *[other] { $count } handoffs between organisations do
} not say whether there is an agreed protocol or how consent is handled.

## The web app (server/texts.rs)

ui-app = polku
ui-skip = Skip to content
ui-overview = Service pathways
ui-overview-intro = Every pathway of the workspace and what the analysis found in it.
ui-ecosystem = Service ecosystem
ui-ecosystem-intro = The services and handoffs of every pathway in one diagram, and how the sectors work together.
ui-findings = Findings
ui-findings-intro = Every finding of the analysis across the workspace.
ui-language = Language
ui-pathway = Pathway
ui-region = Region
ui-owner = Owner
ui-services = Services
ui-gaps = Gaps
ui-bottlenecks = Bottlenecks
ui-errors = Errors
ui-last-change = Changed
ui-view = View
ui-view-lanes = By organisation
ui-view-sector = By sector
ui-view-route = A profile's route
ui-profile = Client profile
ui-no-profile = (none chosen)
ui-unknown-profile = There is no such client profile, so the pathway is shown without it
ui-show = Show
ui-diagram = Diagram
ui-diagram-help = Choose a service in the diagram to see its details.
ui-diagram-tools = Diagram tools
ui-zoom-in = Zoom in
ui-zoom-out = Zoom out
ui-zoom-fit = Whole diagram
ui-zoom-actual = Actual size
ui-find-service = Find a service
ui-find-none = The diagram has no service of that name
ui-diagram-keys = Diagram: drag or arrow keys move, the wheel or + and − zoom, 0 shows the whole diagram
ui-filters = Filter the diagram
ui-filter-finding = Finding
ui-filter-all = All
ui-focus = A service's neighbourhood
ui-focus-none = None chosen
ui-focus-steps = Handoffs away
ui-show-all = Show all
ui-filter-shown = Services shown
ui-focus-here = Show its neighbourhood in the diagram
ui-findings-here = Findings on this pathway
ui-no-findings = No findings.
ui-highlight = Highlight in the diagram
ui-details = Service details
ui-details-help = Choose a service in the diagram.
ui-actor = Actor
ui-sector = Sector
ui-ages = Ages
ui-languages = Languages
ui-needs = Needs
ui-excludes = Does not take clients with
ui-arrivals = Clients per month
ui-capacity = Capacity
ui-utilisation = Utilisation
ui-per-month = / month
ui-unbounded = unbounded (a loop with no way out)
ui-downloads = Download
ui-documentation = Description
ui-code = Code
ui-severity = Severity
ui-message = Finding
ui-pathways = Pathways
ui-all = all
ui-filter = Filter
ui-pages = Pages
ui-previous = Previous
ui-next = Next
ui-warning = warning
ui-note = note
ui-error = error
ui-allowed = allowed
ui-matrix = Collaboration between sectors
ui-matrix-help = Handoffs from the sector of the row to the sector of the column, among the services of this view. A marked cell: the sectors share clients here but no handoff links them here.
ui-from-to = From \ to
ui-missing-link = link missing
ui-crumbs = Where in the ecosystem
ui-open = Open
ui-open-help = A box sums up a region's or an organisation's services. Open it by clicking the box or in this list.
ui-problems = A file has errors
ui-problems-help = The page shows the last version that worked. Fix the error and save; the page updates.
ui-dismiss = Hide
ui-not-found = Page not found
ui-not-found-help = Check the address or go back to the list of pathways.

## The documentation site (render/site/texts.rs)

site-basic = Basic information
site-name = Name
site-summary = Short description
site-region = Region
site-funder = Funder
site-parent-project = Parent project
site-owner = Owner / author
site-created = Created
site-updated = Last modified
site-status = Status
site-core-idea = Core idea
site-operating-environment = Operating environment
site-purpose = Purpose and goals
site-goals = Goals
site-target-groups = Target groups
site-actors = Actors
site-actor = Actor
site-kind = Kind
site-phases = Phases of the operating model
site-phases-intro = The phases in the direction of flow, from entry to exit.
site-diagram-alt = Swimlane diagram of the pathway
site-services = Services
site-service = Service
site-sector = Sector
site-ages = Ages
site-needs-met = Needs met
site-excludes = Does not take clients with
site-languages = Languages
site-capacity = Capacity
site-per-month = clients / month
site-wait = Wait
site-handoffs = Handoffs
site-from = From
site-to = To
site-protocol = Protocol
site-routes = Routes of the client profiles
site-met = need met
site-unmet = need not met
site-over-capacity = over capacity
site-not-in-language = not in the client's language
site-unbounded-wait = the wait has no end (the queue grows)
site-waited = wait
site-days = d
site-conditions = Conditions for it to work and be adopted
site-indicators = Effectiveness and indicators
site-evaluation = Evaluation
site-contact = Contact
site-analysis = Analysis summary
site-analysis-intro = The main findings of the pathway analysis (gaps and bottlenecks).
site-no-findings = The analysis found no gaps or bottlenecks.
site-attachments = Attachments
site-diagram-svg = Diagram (SVG)
site-diagram-png = Diagram (PNG)
site-diagram-pdf = Diagram (PDF)
site-markdown = Text for Innokylä's form (Markdown)
site-home = Home
site-site-title = Service pathways
site-pathways = Service pathways
site-ecosystem = Service ecosystem
site-ecosystem-intro = The services and handoffs of every pathway in one diagram.
site-generated = Made with polku

## Vocabulary: ActorKind

vocab-actor-kind-wellbeing-county = Wellbeing services county
vocab-actor-kind-municipality = Municipality
vocab-actor-kind-hospital = Hospital
vocab-actor-kind-ngo = NGO
vocab-actor-kind-state = State
vocab-actor-kind-private = Private provider
vocab-actor-kind-parish = Parish

## Vocabulary: Sector

vocab-sector-child-welfare = Child welfare
vocab-sector-education = Education
vocab-sector-pupil-welfare = Pupil welfare
vocab-sector-school-health = School health care
vocab-sector-mental-health = Mental-health services
vocab-sector-substance = Substance-use services
vocab-sector-primary-health = Primary health care
vocab-sector-specialist-care = Specialist care
vocab-sector-youth-work = Youth work
vocab-sector-family-services = Family services
vocab-sector-social-work = Social work
vocab-sector-ngo-support = NGO support

## Vocabulary: Level

vocab-level-universal = Universal
vocab-level-basic = Basic level
vocab-level-special = Special level
vocab-level-demanding = Demanding special level

## Vocabulary: EntryChannel

vocab-entry-channel-self-referral = Self-referral
vocab-entry-channel-school = School
vocab-entry-channel-notification = Child-welfare notification
vocab-entry-channel-health-care = Health care
vocab-entry-channel-outreach = Outreach
vocab-entry-channel-police = Police

## Vocabulary: HandoffKind

vocab-handoff-kind-referral = Referral
vocab-handoff-kind-consultation = Consultation
vocab-handoff-kind-joint-work = Joint work
vocab-handoff-kind-shared-plan = Shared client plan
vocab-handoff-kind-information = Information
vocab-handoff-kind-return = Return

## Vocabulary: Protocol

vocab-protocol-none = No agreed protocol
vocab-protocol-written-referral = Written referral
vocab-protocol-warm-handoff = Warm handoff
vocab-protocol-shared-plan = Shared plan

## Vocabulary: PathwayStatus

vocab-pathway-status-idea = Idea
vocab-pathway-status-in-development = In development
vocab-pathway-status-pilot = Pilot
vocab-pathway-status-in-use = In use
vocab-pathway-status-ended = Ended

## Vocabulary: ClockEnd

vocab-clock-end-start = When the service starts
vocab-clock-end-end = When the service ends

## Vocabulary: DocSection

vocab-doc-section-basic = Basic information
vocab-doc-section-core-idea = Core idea
vocab-doc-section-operating-environment = Operating environment
vocab-doc-section-purpose = Purpose and goals
vocab-doc-section-target-groups = Target groups
vocab-doc-section-actors = Actors
vocab-doc-section-phases = Phases of the operating model
vocab-doc-section-services = Services
vocab-doc-section-handoffs = Handoffs
vocab-doc-section-routes = Routes of the client profiles
vocab-doc-section-conditions = Conditions for it to work and be adopted
vocab-doc-section-indicators = Effectiveness and indicators
vocab-doc-section-evaluation = Evaluation
vocab-doc-section-contact = Contact
vocab-doc-section-analysis = Analysis summary
vocab-doc-section-attachments = Attachments
