# polku: svenska. Every message here is also in fi.ftl and en.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Teckenförklaring
legend-client-moves = Klienten flyttas (remiss, återgång)
legend-no-client-move = Klienten flyttas inte (konsultation, samarbete, information)
# "Referral loop" is "remissloop" everywhere in Swedish.
legend-loop = Remissloop
legend-boundary = Organisationsgräns utan överenskommen praxis
legend-missing-collaboration = Gemensamma klienter, inget samarbete mellan sektorerna
legend-high-utilisation = Beläggning över 85 %
legend-over-capacity = Beläggning över 100 %
legend-entry = Ingång
legend-exit = Stigen kan sluta
legend-on-route = Den valda profilens rutt
legend-aggregated = En regions eller aktörs tjänster sammanförda, med deras antal

## Diagram view

view-mark-unmet-need = Otillgodosett behov
view-mark-route-break = Rutten bryts: tjänsten tar inte emot klienten
view-missing-collaboration = inget samarbete
view-regions-lane = Regioner
view-no-region = Region inte angiven
view-service-count = { $count ->
    [one] 1 tjänst
   *[other] { $count } tjänster
}
view-mark-dead-end = Återvändsgränd
view-mark-language-gap = Språklucka
view-mark-age-gap = Åldersglapp: ingen tar över
view-badge-ages = { $range } år
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
view-ecosystem-title = Serviceekosystemet
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
headline-title-unstated-handoffs = Övergångens uppgifter saknas

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
headline-statutory-clock-flow = { $share } av klienterna som hänvisas till tjänsten { $service } når den senare än den lagstadgade tidsfristen tillåter.
headline-boundary-without-protocol = Övergången { $between } mellan organisationer saknar överenskommen praxis.
headline-boundary-without-consent = Övergången { $between } för klientuppgifter mellan organisationer utan hantering av samtycke.
headline-load = Tjänsten { $service } får { $load } klienter i månaden mot en kapacitet på { $capacity } ({ $percent }).
headline-load-unbounded = Belastningen på tjänsten { $service } växer utan gräns: klienterna kommer aldrig ut ur remissloopen.
headline-single-point-of-failure = Kedjan är beroende av tjänsten { $service }: ett avbrott där stoppar rutterna genom den.
headline-missing-collaboration = { $a } och { $b } betjänar samma klienter ({ $profiles }), men ingen övergång förbinder dem.
headline-isolated-actor = Ingen annan organisation för klienter till eller från aktören { $actor }.
headline-incomplete-model = Tjänsten { $service } saknar uppgifter (ägare, kapacitet eller väntetid).
headline-unstated-handoffs = { $count ->
    [one] För en övergång mellan organisationer
   *[other] För { $count } övergångar mellan organisationer
} anges inte om det finns ett överenskommet arbetssätt eller hur samtycket hanteras.

## The web app (server/texts.rs)

ui-app = polku
ui-skip = Hoppa till innehållet
ui-overview = Servicestigar
ui-overview-intro = Arbetsytans alla servicestigar och resultaten av deras analys.
ui-ecosystem = Serviceekosystemet
ui-ecosystem-intro = Alla stigars tjänster och överföringar i ett diagram samt samarbetet mellan sektorerna.
ui-findings = Observationer
ui-findings-intro = Alla observationer av analysen i hela arbetsytan.
ui-language = Språk
ui-pathway = Servicestig
ui-region = Område
ui-owner = Ansvarig
ui-services = Tjänster
ui-gaps = Luckor
ui-bottlenecks = Flaskhalsar
ui-errors = Fel
ui-last-change = Ändrad
ui-view = Vy
ui-view-lanes = Per organisation
ui-view-sector = Per sektor
ui-view-route = Klientprofilens rutt
ui-profile = Klientprofil
ui-no-profile = (ingen vald)
ui-unknown-profile = Klientprofilen finns inte, så stigen visas utan den
ui-show = Visa
ui-diagram = Diagram
ui-diagram-help = Välj en tjänst i diagrammet för att se dess uppgifter.
ui-diagram-tools = Diagrammets verktyg
ui-zoom-in = Zooma in
ui-zoom-out = Zooma ut
ui-zoom-fit = Hela diagrammet
ui-zoom-actual = Verklig storlek
ui-find-service = Sök tjänst
ui-find-none = Diagrammet har ingen tjänst med det namnet
ui-diagram-keys = Diagram: dra eller piltangenterna flyttar, hjulet eller + och − zoomar, 0 visar hela diagrammet
ui-filters = Avgränsa diagrammet
ui-filter-finding = Observation
ui-filter-all = Alla
ui-focus = Tjänstens närmaste omgivning
ui-focus-none = Ingen vald
ui-focus-steps = Överföringar
ui-show-all = Visa alla
ui-filter-shown = Synliga tjänster
ui-focus-here = Visa närmaste omgivning i diagrammet
ui-findings-here = Observationer om stigen
ui-no-findings = Inga observationer.
ui-highlight = Markera i diagrammet
ui-details = Tjänstens uppgifter
ui-details-help = Välj en tjänst i diagrammet.
ui-actor = Aktör
ui-sector = Sektor
ui-ages = Ålder
ui-languages = Språk
ui-needs = Behov
ui-excludes = Tar inte emot vid
ui-arrivals = Klienter per månad
ui-capacity = Kapacitet
ui-utilisation = Belastning
ui-per-month = / mån
ui-unbounded = obegränsad (remissloop utan utgång)
ui-downloads = Ladda ner
ui-documentation = Beskrivning
ui-code = Kod
ui-severity = Allvarlighet
ui-message = Observation
ui-pathways = Stigar
ui-all = alla
ui-filter = Filtrera
ui-pages = Sidor
ui-previous = Föregående
ui-next = Nästa
ui-warning = varning
ui-note = anmärkning
ui-error = fel
ui-allowed = tillåten
ui-matrix = Samarbete mellan sektorer
ui-matrix-help = Antal överföringar från sektorn (rad) till en annan (kolumn) mellan tjänsterna i den här vyn. Markerad cell: sektorerna delar klienter här men har ingen överföring mellan sig här.
ui-from-to = Från \ till
ui-missing-link = förbindelse saknas
ui-crumbs = Plats i ekosystemet
ui-open = Öppna
ui-open-help = En ruta samlar en regions eller aktörs tjänster. Öppna den genom att klicka på rutan eller i den här listan.
ui-problems = Filen har fel
ui-problems-help = Sidan visar den senaste fungerande versionen. Rätta felet och spara, så uppdateras sidan.
ui-dismiss = Dölj
ui-not-found = Sidan hittades inte
ui-not-found-help = Kontrollera adressen eller gå tillbaka till listan över servicestigar.

## The documentation site (render/site/texts.rs)

site-basic = Grunduppgifter
site-name = Namn
site-summary = Kort beskrivning
site-region = Område
site-funder = Finansiär
site-parent-project = Helhet
site-owner = Ägare / upphovsperson
site-created = Skapad
site-updated = Senast ändrad
site-status = Status
site-core-idea = Lösningens grundidé
site-operating-environment = Verksamhetsmiljö
site-purpose = Syfte och mål
site-goals = Mål
site-target-groups = Målgrupper
site-actors = Aktörer
site-actor = Aktör
site-kind = Typ
site-phases = Verksamhetsmodellens faser
site-phases-intro = Faserna i servicekedjans riktning, från inträde till utträde.
site-diagram-alt = Simbanediagram över servicekedjan
site-services = Tjänster
site-service = Tjänst
site-sector = Sektor
site-ages = Ålder
site-needs-met = Svarar på behov
site-excludes = Tar inte emot vid
site-languages = Språk
site-capacity = Kapacitet
site-per-month = klienter / mån
site-wait = Väntetid
site-handoffs = Övergångar
site-from = Från
site-to = Till
site-protocol = Överenskommelse
site-routes = Klientprofilernas rutter
site-met = behovet tillgodoses
site-unmet = behovet tillgodoses inte
site-over-capacity = över kapaciteten
site-not-in-language = inte på klientens språk
site-unbounded-wait = väntan tar inte slut (kön växer)
site-waited = väntan
site-days = d
site-conditions = Förutsättningar för att modellen fungerar och tas i bruk
site-indicators = Effekter och indikatorer
site-evaluation = Utvärdering
site-contact = Kontaktuppgifter
site-analysis = Sammanfattning av analysen
site-analysis-intro = De viktigaste fynden i analysen (luckor och flaskhalsar).
site-no-findings = Analysen hittade inga luckor eller flaskhalsar.
site-attachments = Bilagor
site-diagram-svg = Diagram (SVG)
site-diagram-png = Diagram (PNG)
site-diagram-pdf = Diagram (PDF)
site-markdown = Text för Innokyläs formulär (Markdown)
site-home = Startsida
site-site-title = Servicekedjor
site-pathways = Servicekedjor
site-ecosystem = Serviceekosystemet
site-ecosystem-intro = Alla kedjors tjänster och övergångar i ett diagram.
site-generated = Gjord med polku

## Vocabulary: ActorKind

vocab-actor-kind-wellbeing-county = Välfärdsområde
vocab-actor-kind-municipality = Kommun
vocab-actor-kind-hospital = Sjukhus
vocab-actor-kind-ngo = Organisation
vocab-actor-kind-state = Staten
vocab-actor-kind-private = Privat
vocab-actor-kind-parish = Församling

## Vocabulary: Sector

vocab-sector-child-welfare = Barnskydd
vocab-sector-education = Bildningsväsende
vocab-sector-pupil-welfare = Elevhälsa
vocab-sector-school-health = Skol- och studerandehälsovård
vocab-sector-mental-health = Mentalvård
vocab-sector-substance = Missbrukarvård
vocab-sector-primary-health = Primärvård
vocab-sector-specialist-care = Specialiserad sjukvård
vocab-sector-youth-work = Ungdomsarbete
vocab-sector-family-services = Familjetjänster
vocab-sector-social-work = Socialt arbete
vocab-sector-ngo-support = Organisationernas stöd

## Vocabulary: Level

vocab-level-universal = Allmän
vocab-level-basic = Basnivå
vocab-level-special = Specialnivå
vocab-level-demanding = Krävande specialnivå

## Vocabulary: EntryChannel

vocab-entry-channel-self-referral = Egen kontakt
vocab-entry-channel-school = Skola
vocab-entry-channel-notification = Barnskyddsanmälan
vocab-entry-channel-health-care = Hälso- och sjukvård
vocab-entry-channel-outreach = Uppsökande arbete
vocab-entry-channel-police = Polis

## Vocabulary: HandoffKind

vocab-handoff-kind-referral = Remiss
vocab-handoff-kind-consultation = Konsultation
vocab-handoff-kind-joint-work = Parbete
vocab-handoff-kind-shared-plan = Gemensam klientplan
vocab-handoff-kind-information = Informationsöverföring
vocab-handoff-kind-return = Återgång

## Vocabulary: Protocol

vocab-protocol-none = Ingen överenskommen praxis
vocab-protocol-written-referral = Skriftlig remiss
vocab-protocol-warm-handoff = Följsam överlämning
vocab-protocol-shared-plan = Gemensam plan

## Vocabulary: PathwayStatus

vocab-pathway-status-idea = Idé
vocab-pathway-status-in-development = Under utveckling
vocab-pathway-status-pilot = Pilot
vocab-pathway-status-in-use = I bruk
vocab-pathway-status-ended = Avslutad

## Vocabulary: ClockEnd

vocab-clock-end-start = När tjänsten börjar
vocab-clock-end-end = När tjänsten avslutas

## Vocabulary: DocSection

vocab-doc-section-basic = Grunduppgifter
vocab-doc-section-core-idea = Lösningens grundidé
vocab-doc-section-operating-environment = Verksamhetsmiljö
vocab-doc-section-purpose = Syfte och mål
vocab-doc-section-target-groups = Målgrupper
vocab-doc-section-actors = Aktörer
vocab-doc-section-phases = Verksamhetsmodellens faser
vocab-doc-section-services = Tjänster
vocab-doc-section-handoffs = Övergångar
vocab-doc-section-routes = Klientprofilernas rutter
vocab-doc-section-conditions = Förutsättningar för att modellen fungerar och tas i bruk
vocab-doc-section-indicators = Effekter och indikatorer
vocab-doc-section-evaluation = Utvärdering
vocab-doc-section-contact = Kontaktuppgifter
vocab-doc-section-analysis = Sammanfattning av analysen
vocab-doc-section-attachments = Bilagor
