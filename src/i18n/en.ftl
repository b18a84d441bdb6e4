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
