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
