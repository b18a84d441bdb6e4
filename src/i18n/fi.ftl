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
headline-boundary-without-protocol = Siirtymällä { $between } organisaatiosta toiseen ei ole sovittua käytäntöä.
headline-boundary-without-consent = Siirtymässä { $between } asiakastiedot siirtyvät organisaatiosta toiseen ilman suostumuskäytäntöä.
headline-load = Palveluun { $service } tulee { $load } asiakasta kuukaudessa, kun kapasiteetti on { $capacity } ({ $percent }).
headline-load-unbounded = Palvelun { $service } kuormitus kasvaa rajatta: asiakkaat eivät pääse lähetekehästä pois.
headline-single-point-of-failure = Polku on riippuvainen palvelusta { $service }: sen katkos pysäyttää reitit sen kautta.
headline-missing-collaboration = { $a } ja { $b } palvelevat samoja asiakkaita ({ $profiles }), mutta mikään siirtymä ei yhdistä niitä.
headline-isolated-actor = Mikään muu organisaatio ei ohjaa asiakkaita toimijalle { $actor } eikä ota niitä siltä.
headline-incomplete-model = Palvelulta { $service } puuttuu tietoja (järjestäjä, kapasiteetti tai odotusaika).
