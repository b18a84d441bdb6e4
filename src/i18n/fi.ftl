# polku: suomi. Every message here is also in sv.ftl and en.ftl (src/i18n/tests.rs checks).

## Diagram legend

legend-heading = Selite
legend-client-moves = Asiakas siirtyy (lähete, paluu)
legend-no-client-move = Asiakas ei siirry (konsultaatio, yhteistyö, tieto)
legend-loop = Lähetekehä
legend-boundary = Organisaatioraja ilman sovittua käytäntöä
legend-high-utilisation = Kuormitus yli 85 %
legend-over-capacity = Kuormitus yli 100 %
legend-entry = Sisääntulo
legend-exit = Polku voi päättyä
legend-on-route = Valitun profiilin reitti
legend-aggregated = Toimijan palvelut koottuna; (n) = palvelujen määrä

## Diagram view

view-mark-unmet-need = Täyttymätön tarve
view-mark-dead-end = Umpikuja
view-mark-language-gap = Kieliaukko
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

## Finding titles and language names (the headline sentences are worded in render/report/headline.rs)

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
