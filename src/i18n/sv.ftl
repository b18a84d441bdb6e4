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
view-svg-title = Servicestig
view-svg-description-services = Simbanediagram: { $nodes ->
    [one] { $nodes } tjänst
   *[other] { $nodes } tjänster
} i { $lanes ->
    [one] { $lanes } bana
   *[other] { $lanes } banor
}, { $edges ->
    [one] { $edges } övergång
   *[other] { $edges } övergångar
}. Banor: { $names }.
view-svg-description-actors = Simbanediagram: { $nodes ->
    [one] { $nodes } aktör
   *[other] { $nodes } aktörer
} i { $lanes ->
    [one] { $lanes } bana
   *[other] { $lanes } banor
}, { $edges ->
    [one] { $edges } förbindelse
   *[other] { $edges } förbindelser
}. Banor: { $names }.

## Finding titles and language names

headline-language = { $code ->
    [fi] finska
    [sv] svenska
    [en] engelska
    [se] samiska
   *[other] { $code }
}
headline-title-unmet-need = Otillgodosett behov
headline-title-age-coverage-gap = Ålderslucka
headline-title-language-gap = Språklucka
headline-title-exclusion-trap = Uteslutningsfälla
headline-title-referral-loop = Remissloop
headline-title-dead-end = Återvändsgränd
headline-title-unreachable-service = Tjänst som ingen når
headline-title-statutory-clock = Lagstadgad tidsfrist
headline-title-boundary-without-protocol = Överföring över organisationsgräns utan avtalad praxis
headline-title-boundary-without-consent = Överföring över organisationsgräns utan samtycke
headline-title-high-utilisation = Hög belastning
headline-title-overloaded = Överbelastning
headline-title-single-point-of-failure = Enskild kritisk punkt
headline-title-missing-collaboration = Samarbete saknas
headline-title-isolated-actor = Isolerad aktör
headline-title-incomplete-model = Ofullständig modell

## Finding headlines (render/report/headline.rs): one sentence per finding kind, with names

headline-unmet-need = Ingen nåbar tjänst tillgodoser behovet { $need } hos klientprofilen { $profile }.
headline-unmet-need-blocked = Ingen nåbar tjänst tillgodoser behovet { $need } hos klientprofilen { $profile }; närmaste rutt stannar vid { $service } ({ $why }).
headline-blocker-age = ålder { $range }
headline-blocker-languages = språk { $languages }
headline-blocker-excludes = utesluter { $need }
headline-age-coverage-gap = För behovet { $need } finns i området ingen tjänst för alla åldrar: åldersgränserna lämnar en lucka.
headline-language-gap = Tjänsten { $service } ges inte på språket för klientprofilen { $profile } ({ $wanted }); tjänstespråk: { $offered }.
headline-exclusion-trap = Tjänsterna för { $a } utesluter { $b } och tvärtom: en ung person med båda blir utan hjälp.
headline-referral-loop-closed = Remissloopen { $services } har ingen utgång och ingen slutpunkt.
headline-referral-loop-unmet = Remissloopen { $services }: ingen tjänst i den tillgodoser behoven hos { $count ->
    [one] klientprofilen
   *[other] klientprofilerna
} { $profiles }.
headline-dead-end = Från tjänsten { $service } finns ingen väg vidare, och den är inte markerad som slutpunkt.
headline-unreachable-service = Ingen ingång leder till tjänsten { $service }.
headline-statutory-clock = Klientprofilen { $profile } når tjänsten { $service } senare än den lagstadgade tidsfristen tillåter.
headline-boundary-without-protocol = Övergången { $between } mellan organisationer saknar överenskommen praxis.
headline-boundary-without-consent = Övergången { $between } för klientuppgifter mellan organisationer utan hantering av samtycke.
headline-load = Tjänsten { $service } får { $load } klienter i månaden mot en kapacitet på { $capacity } ({ $percent }).
headline-load-unbounded = Belastningen på tjänsten { $service } växer utan gräns: klienterna kommer aldrig ut ur remissloopen.
headline-single-point-of-failure = Kedjan är beroende av tjänsten { $service }: ett avbrott där stoppar rutterna genom den.
headline-missing-collaboration = { $a } och { $b } betjänar samma klienter ({ $profiles }), men ingen övergång förbinder dem.
headline-isolated-actor = Ingen annan organisation för klienter till eller från aktören { $actor }.
headline-incomplete-model = Tjänsten { $service } saknar uppgifter (ägare, kapacitet eller väntetid).
