# polku: English. Every message here is also in fi.ftl and sv.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Legend
legend-client-moves = Client moves (referral, return)
legend-no-client-move = Client does not move (consultation, joint work, information)
legend-loop = Referral loop
legend-boundary = Crosses organisations without an agreed protocol
legend-high-utilisation = Utilisation over 85 %
legend-over-capacity = Utilisation over 100 %
legend-entry = Entry point
legend-exit = Pathway may end
legend-on-route = The selected profile's route
legend-aggregated = An actor's services together; (n) = number of services

## Diagram view

view-mark-unmet-need = Unmet need
view-mark-dead-end = Dead end
view-mark-language-gap = Language gap
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
headline-boundary-without-protocol = The handoff { $between } between organisations has no agreed protocol.
headline-boundary-without-consent = The handoff { $between } passes client information between organisations without consent handling.
headline-load = { $service } receives { $load } clients a month for a capacity of { $capacity } ({ $percent }).
headline-load-unbounded = The load on { $service } grows without end: clients never leave the loop.
headline-single-point-of-failure = The pathway depends on { $service }: a break there stops the routes through it.
headline-missing-collaboration = { $a } and { $b } share the same clients ({ $profiles }), but no handoff connects them.
headline-isolated-actor = No other organisation hands clients to or from { $actor }.
headline-incomplete-model = { $service } is missing an owner, a capacity or a wait.
