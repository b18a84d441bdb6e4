# polku: svenska. Every message here is also in fi.ftl and en.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Teckenförklaring
legend-client-moves = Klienten flyttas (remiss, återgång)
legend-no-client-move = Klienten flyttas inte (konsultation, samarbete, information)
# "Referral loop" is "remissloop" everywhere in Swedish.
legend-loop = Remissloop
legend-boundary = Organisationsgräns utan överenskommen praxis
legend-high-utilisation = Beläggning över 85 %
legend-over-capacity = Beläggning över 100 %
legend-entry = Ingång
legend-exit = Stigen kan sluta
legend-on-route = Den valda profilens rutt
legend-aggregated = Aktörens tjänster sammanförda; (n) = antal tjänster

## Diagram view

view-mark-unmet-need = Otillgodosett behov
view-mark-dead-end = Återvändsgränd
view-mark-language-gap = Språklucka
view-mark-unreachable = Onåbar
view-mark-statutory-clock = Lagstadgad tidsfrist överskrids
view-mark-single-point-of-failure = Enskild kritisk punkt
view-days-calendar = { $days } d
view-days-working = { $days ->
    [one] { $days } vardag
   *[other] { $days } vardagar
}
view-days-school = { $days ->
    [one] { $days } skoldag
   *[other] { $days } skoldagar
}
view-no-actor = Aktör saknas
view-ecosystem-title = Tjänsteekosystemet
