# polku: suomi. Every message here is also in sv.ftl and en.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Selite
legend-client-moves = Asiakas siirtyy (lähete, paluu)
legend-no-client-move = Asiakas ei siirry (konsultaatio, yhteistyö, tieto)
legend-loop = Lähetekehä
legend-boundary = Organisaatioraja ilman sovittua käytäntöä
legend-missing-collaboration = Yhteiset asiakkaat, ei sektorien välistä yhteistyötä
legend-high-utilisation = Kuormitus yli 85 %
legend-over-capacity = Kuormitus yli 100 %
legend-entry = Sisääntulo
legend-exit = Polku voi päättyä
legend-on-route = Valitun profiilin reitti
legend-aggregated = Alueen tai toimijan palvelut koottuna ja niiden määrä

## Diagram view

view-mark-unmet-need = Täyttymätön tarve
view-mark-route-break = Reitti katkeaa: palvelu ei ota asiakasta
view-missing-collaboration = ei yhteistyötä
view-regions-lane = Alueet
view-no-region = Alue ei tiedossa
view-service-count = { $count ->
    [one] 1 palvelu
   *[other] { $count } palvelua
}
view-mark-dead-end = Umpikuja
view-mark-language-gap = Kieliaukko
view-mark-age-gap = Ikäaukko: kukaan ei jatka
view-badge-ages = { $range } v
view-mark-unreachable = Ei saavutettavissa
view-mark-statutory-clock = Lakisääteinen määräaika ylittyy
view-mark-single-point-of-failure = Yksittäinen kriittinen kohta
view-days-calendar = { $days } pv
view-days-working = { $days } arkipv
view-days-school = { $days } koulupv
view-no-actor = Toimija puuttuu
view-ecosystem-title = Palveluekosysteemi
view-svg-title = Palvelupolku
view-svg-description-services = Uimaratakaavio: { $nodes ->
    [one] { $nodes } palvelu
   *[other] { $nodes } palvelua
} { $lanes } kaistalla, { $edges ->
    [one] { $edges } siirtymä
   *[other] { $edges } siirtymää
}. Kaistat: { $names }.
view-svg-description-actors = Uimaratakaavio: { $nodes ->
    [one] { $nodes } toimija
   *[other] { $nodes } toimijaa
} { $lanes } kaistalla, { $edges ->
    [one] { $edges } yhteys
   *[other] { $edges } yhteyttä
}. Kaistat: { $names }.

## Finding titles and language names

headline-language = { $code ->
    [fi] suomi
    [sv] ruotsi
    [en] englanti
    [se] saame
   *[other] { $code }
}
headline-title-unmet-need = Täyttymätön tarve
headline-title-age-coverage-gap = Ikäaukko
headline-title-language-gap = Kieliaukko
headline-title-exclusion-trap = Poissulkemisansa
headline-title-referral-loop = Lähetekehä
headline-title-dead-end = Umpikuja
headline-title-unreachable-service = Palvelu, jonne ei pääse
headline-title-statutory-clock = Lakisääteinen määräaika
headline-title-boundary-without-protocol = Organisaatiorajan siirto ilman sovittua käytäntöä
headline-title-boundary-without-consent = Organisaatiorajan siirto ilman suostumusta
headline-title-high-utilisation = Korkea kuormitus
headline-title-overloaded = Ylikuormitus
headline-title-single-point-of-failure = Yksittäinen kriittinen kohta
headline-title-missing-collaboration = Puuttuva yhteistyö
headline-title-isolated-actor = Eristynyt toimija
headline-title-incomplete-model = Keskeneräinen malli
headline-title-unstated-handoffs = Siirtymän tiedot puuttuvat

## Finding headlines (render/report/headline.rs): one sentence per finding kind, with names

headline-unmet-need = Asiakasprofiilin { $profile } tarpeeseen { $need } ei vastaa mikään saavutettava palvelu.
headline-unmet-need-blocked = Asiakasprofiilin { $profile } tarpeeseen { $need } ei vastaa mikään saavutettava palvelu; lähin reitti katkeaa palveluun { $service } ({ $why }).
headline-blocker-age = ikä { $range }
headline-blocker-languages = kielet { $languages }
headline-blocker-excludes = sulkee pois { $need }
headline-age-coverage-gap = Tarpeeseen { $need } ei ole alueella palvelua kaikenikäisille: ikärajat jättävät aukon.
headline-language-gap = Palvelua { $service } ei anneta asiakasprofiilin { $profile } kielellä ({ $wanted }); palvelukielet: { $offered }.
headline-exclusion-trap = Palvelut tarpeeseen { $a } sulkevat pois tarpeen { $b } ja päinvastoin: nuori, jolla on molemmat, jää ilman apua.
headline-referral-loop-closed = Lähetekehästä { $services } ei ole ulospääsyä eikä päätepistettä.
headline-referral-loop-unmet = Lähetekehä { $services }: mikään sen palveluista ei vastaa { $count ->
    [one] asiakasprofiilin
   *[other] asiakasprofiilien
} { $profiles } tarpeisiin.
headline-dead-end = Palvelusta { $service } ei ole jatkoa, eikä sitä ole merkitty päätepisteeksi.
headline-unreachable-service = Mikään tulokohta ei johda palveluun { $service }.
headline-statutory-clock = Asiakasprofiili { $profile } pääsee palveluun { $service } lakisääteistä määräaikaa myöhemmin.
headline-statutory-clock-flow = { $share } palveluun { $service } ohjatuista asiakkaista pääsee sinne lakisääteistä määräaikaa myöhemmin.
headline-boundary-without-protocol = Siirtymällä { $between } organisaatiosta toiseen ei ole sovittua käytäntöä.
headline-boundary-without-consent = Siirtymässä { $between } asiakastiedot siirtyvät organisaatiosta toiseen ilman suostumuskäytäntöä.
headline-load = Palveluun { $service } tulee { $load } asiakasta kuukaudessa, kun kapasiteetti on { $capacity } ({ $percent }).
headline-load-unbounded = Palvelun { $service } kuormitus kasvaa rajatta: asiakkaat eivät pääse lähetekehästä pois.
headline-single-point-of-failure = Polku on riippuvainen palvelusta { $service }: sen katkos pysäyttää reitit sen kautta.
headline-missing-collaboration = { $a } ja { $b } palvelevat samoja asiakkaita ({ $profiles }), mutta mikään siirtymä ei yhdistä niitä.
headline-isolated-actor = Mikään muu organisaatio ei ohjaa asiakkaita toimijalle { $actor } eikä ota niitä siltä.
headline-incomplete-model = Palvelulta { $service } puuttuu tietoja (järjestäjä, kapasiteetti tai odotusaika).
headline-unstated-handoffs = { $count ->
    [one] Yhdestä organisaatioiden välisestä siirtymästä
   *[other] { $count } organisaatioiden välisestä siirtymästä
} ei kerrota, onko sovittu toimintatapa tai miten suostumus hoidetaan.

## The web app (server/texts.rs)

ui-app = polku
ui-skip = Siirry sisältöön
ui-overview = Palvelupolut
ui-overview-intro = Työtilan kaikki palvelupolut ja niiden analyysin tulokset.
ui-ecosystem = Palveluekosysteemi
ui-ecosystem-intro = Kaikkien polkujen palvelut ja siirrot yhdessä kaaviossa sekä toimialojen välinen yhteistyö.
ui-findings = Havainnot
ui-findings-intro = Kaikki analyysin havainnot koko työtilasta.
ui-language = Kieli
ui-pathway = Palvelupolku
ui-region = Alue
ui-owner = Vastuutaho
ui-services = Palveluja
ui-gaps = Aukot
ui-bottlenecks = Pullonkaulat
ui-errors = Virheet
ui-last-change = Muutettu
ui-view = Näkymä
ui-view-lanes = Organisaatioittain
ui-view-sector = Toimialoittain
ui-view-route = Asiakasprofiilin reitti
ui-profile = Asiakasprofiili
ui-no-profile = (ei valittu)
ui-unknown-profile = Asiakasprofiilia ei löydy, joten näytetään polku ilman sitä
ui-show = Näytä
ui-diagram = Kaavio
ui-diagram-help = Valitse palvelu kaaviosta nähdäksesi sen tiedot.
ui-diagram-tools = Kaavion työkalut
ui-zoom-in = Lähennä
ui-zoom-out = Loitonna
ui-zoom-fit = Koko kaavio
ui-zoom-actual = Todellinen koko
ui-find-service = Etsi palvelu
ui-find-none = Kaaviossa ei ole tämän nimistä palvelua
ui-diagram-keys = Kaavio: vedä tai nuolinäppäimet siirtävät, rulla tai + ja − zoomaavat, 0 näyttää koko kaavion
ui-filters = Rajaa kaaviota
ui-filter-finding = Havainto
ui-filter-all = Kaikki
ui-focus = Palvelun lähiympäristö
ui-focus-none = Ei valittu
ui-focus-steps = Siirtoja
ui-show-all = Näytä kaikki
ui-filter-shown = Näkyvissä palveluja
ui-focus-here = Näytä lähiympäristö kaaviossa
ui-findings-here = Tämän polun havainnot
ui-no-findings = Ei havaintoja.
ui-highlight = Korosta kaaviossa
ui-details = Palvelun tiedot
ui-details-help = Valitse palvelu kaaviosta.
ui-actor = Toimija
ui-sector = Toimiala
ui-ages = Ikä
ui-languages = Kielet
ui-needs = Tarpeet
ui-excludes = Ei ota, jos
ui-arrivals = Asiakkaita kuukaudessa
ui-capacity = Kapasiteetti
ui-utilisation = Kuormitus
ui-per-month = / kk
ui-unbounded = rajaton (lähetekehä ilman ulospääsyä)
ui-downloads = Lataa
ui-documentation = Kuvaus
ui-code = Koodi
ui-severity = Vakavuus
ui-message = Havainto
ui-pathways = Polut
ui-all = kaikki
ui-filter = Suodata
ui-pages = Sivut
ui-previous = Edellinen
ui-next = Seuraava
ui-warning = varoitus
ui-note = huomio
ui-error = virhe
ui-allowed = sallittu
ui-matrix = Toimialojen yhteistyö
ui-matrix-help = Siirtojen määrä toimialalta (rivi) toiselle (sarake) tämän näkymän palvelujen kesken. Merkitty solu: toimialat jakavat täällä asiakkaita, mutta täällä niiden välillä ei ole yhtään siirtoa.
ui-from-to = Mistä \ mihin
ui-missing-link = yhteys puuttuu
ui-crumbs = Sijainti ekosysteemissä
ui-open = Avaa
ui-open-help = Laatikko kokoaa alueen tai toimijan palvelut. Avaa se napsauttamalla laatikkoa tai tästä luettelosta.
ui-problems = Tiedostossa on virheitä
ui-problems-help = Sivulla näkyy viimeisin toimiva versio. Korjaa virhe ja tallenna, niin sivu päivittyy.
ui-dismiss = Piilota
ui-not-found = Sivua ei löydy
ui-not-found-help = Tarkista osoite tai palaa palvelupolkujen luetteloon.

## The documentation site (render/site/texts.rs)

site-basic = Perustiedot
site-name = Nimi
site-summary = Lyhyt kuvaus
site-region = Alue
site-funder = Rahoittaja
site-parent-project = Kokonaisuus
site-owner = Omistaja / tekijä
site-created = Luotu
site-updated = Viimeksi muokattu
site-status = Tila
site-core-idea = Ratkaisun perusidea
site-operating-environment = Toimintaympäristö
site-purpose = Tarkoitus ja tavoitteet
site-goals = Tavoitteet
site-target-groups = Kohderyhmät
site-actors = Toimijat
site-actor = Toimija
site-kind = Tyyppi
site-phases = Toimintamallin vaiheet
site-phases-intro = Vaiheet palvelupolun kulkusuunnassa, tulosta poistumiseen.
site-diagram-alt = Uimaratakaavio palvelupolusta
site-services = Palvelut
site-service = Palvelu
site-sector = Sektori
site-ages = Ikä
site-needs-met = Vastaa tarpeisiin
site-excludes = Ei ota, jos
site-languages = Kielet
site-capacity = Kapasiteetti
site-per-month = asiakasta / kk
site-wait = Odotus
site-handoffs = Siirtymät
site-from = Mistä
site-to = Mihin
site-protocol = Sopimus
site-routes = Asiakasprofiilien reitit
site-met = tarve täyttyy
site-unmet = tarve jää täyttymättä
site-over-capacity = yli kapasiteetin
site-not-in-language = ei asiakkaan kielellä
site-unbounded-wait = odotus ei pääty (jono kasvaa)
site-waited = odotus
site-days = pv
site-conditions = Toimivuuden ja käyttöönoton ehdot
site-indicators = Vaikuttavuus ja mittarit
site-evaluation = Arviointi
site-contact = Yhteystiedot
site-analysis = Analyysin yhteenveto
site-analysis-intro = Tärkeimmät polkuanalyysin havainnot (aukot ja pullonkaulat).
site-no-findings = Analyysi ei löytänyt aukkoja eikä pullonkauloja.
site-attachments = Liitteet
site-diagram-svg = Kaavio (SVG)
site-diagram-png = Kaavio (PNG)
site-diagram-pdf = Kaavio (PDF)
site-markdown = Teksti Innokylän lomakkeelle (Markdown)
site-home = Etusivu
site-site-title = Palvelupolut
site-pathways = Palvelupolut
site-ecosystem = Palveluekosysteemi
site-ecosystem-intro = Kaikkien polkujen palvelut ja siirtymät yhdessä kaaviossa.
site-generated = Tehty polkulla

## Vocabulary: ActorKind

vocab-actor-kind-wellbeing-county = Hyvinvointialue
vocab-actor-kind-municipality = Kunta
vocab-actor-kind-hospital = Sairaala
vocab-actor-kind-ngo = Järjestö
vocab-actor-kind-state = Valtio
vocab-actor-kind-private = Yksityinen
vocab-actor-kind-parish = Seurakunta

## Vocabulary: Sector

vocab-sector-child-welfare = Lastensuojelu
vocab-sector-education = Sivistystoimi
vocab-sector-pupil-welfare = Oppilashuolto
vocab-sector-school-health = Koulu- ja opiskeluterveydenhuolto
vocab-sector-mental-health = Mielenterveyspalvelut
vocab-sector-substance = Päihdepalvelut
vocab-sector-primary-health = Perusterveydenhuolto
vocab-sector-specialist-care = Erikoissairaanhoito
vocab-sector-youth-work = Nuorisotyö
vocab-sector-family-services = Perhepalvelut
vocab-sector-social-work = Sosiaalityö
vocab-sector-ngo-support = Järjestöjen tuki

## Vocabulary: Level

vocab-level-universal = Yleinen
vocab-level-basic = Perustaso
vocab-level-special = Erityistaso
vocab-level-demanding = Vaativa erityistaso

## Vocabulary: EntryChannel

vocab-entry-channel-self-referral = Oma yhteydenotto
vocab-entry-channel-school = Koulu
vocab-entry-channel-notification = Lastensuojeluilmoitus
vocab-entry-channel-health-care = Terveydenhuolto
vocab-entry-channel-outreach = Etsivä työ
vocab-entry-channel-police = Poliisi

## Vocabulary: HandoffKind

vocab-handoff-kind-referral = Lähete
vocab-handoff-kind-consultation = Konsultaatio
vocab-handoff-kind-joint-work = Työparityö
vocab-handoff-kind-shared-plan = Yhteinen asiakassuunnitelma
vocab-handoff-kind-information = Tiedonsiirto
vocab-handoff-kind-return = Paluu

## Vocabulary: Protocol

vocab-protocol-none = Ei sovittua käytäntöä
vocab-protocol-written-referral = Kirjallinen lähete
vocab-protocol-warm-handoff = Saattaen vaihtaen
vocab-protocol-shared-plan = Yhteinen suunnitelma

## Vocabulary: PathwayStatus

vocab-pathway-status-idea = Idea
vocab-pathway-status-in-development = Kehitteillä
vocab-pathway-status-pilot = Kokeilussa
vocab-pathway-status-in-use = Käytössä
vocab-pathway-status-ended = Päättynyt

## Vocabulary: ClockEnd

vocab-clock-end-start = Palvelun alkaessa
vocab-clock-end-end = Palvelun päättyessä

## Vocabulary: DocSection

vocab-doc-section-basic = Perustiedot
vocab-doc-section-core-idea = Ratkaisun perusidea
vocab-doc-section-operating-environment = Toimintaympäristö
vocab-doc-section-purpose = Tarkoitus ja tavoitteet
vocab-doc-section-target-groups = Kohderyhmät
vocab-doc-section-actors = Toimijat
vocab-doc-section-phases = Toimintamallin vaiheet
vocab-doc-section-services = Palvelut
vocab-doc-section-handoffs = Siirtymät
vocab-doc-section-routes = Asiakasprofiilien reitit
vocab-doc-section-conditions = Toimivuuden ja käyttöönoton ehdot
vocab-doc-section-indicators = Vaikuttavuus ja mittarit
vocab-doc-section-evaluation = Arviointi
vocab-doc-section-contact = Yhteystiedot
vocab-doc-section-analysis = Analyysin yhteenveto
vocab-doc-section-attachments = Liitteet
