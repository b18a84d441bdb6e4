//! One-line headlines of analysis findings in Finnish, Swedish or English, for documentation
//! pages.
//!
//! A finding's `message` is written for the person fixing the files: English, with ids. A page for
//! Innokylä is read by managers and the public in the page's language, with names. So the render
//! layer words each finding code again here from the finding's entities (names in the page's
//! language) and the analysis figures, instead of the analysis carrying three languages. When a
//! finding's entities are not what its code leads us to expect, the English message is used: a
//! headline is never dropped and building never panics.

use crate::analysis::routes::{Blocker, Outcome};
use crate::analysis::{Analysis, Entity, Finding};
use crate::diagnostic::Code;
use crate::i18n::Msg;
use crate::model::{Lang, Model, ServiceIx};
use crate::render::figures::{decimal, whole_percent};

/// The codes of loading problems, as one pattern: the matches below name every finding code and
/// end in this instead of `_`, so a new finding code does not compile without its words.
macro_rules! load_codes {
    () => {
        Code::FileUnreadable
            | Code::TomlSyntax
            | Code::WrongType
            | Code::UnknownField
            | Code::UnknownValue
            | Code::MissingField
            | Code::InvalidId
            | Code::DuplicateId
            | Code::UnknownReference
            | Code::AgeRange
            | Code::ShareRange
            | Code::ShareSum
            | Code::NegativeValue
            | Code::SelfHandoff
            | Code::ConflictingFields
            | Code::InvalidValue
            | Code::UnknownSection
            | Code::BidiControl
            | Code::DuplicateHandoff
            | Code::EmptyWorkspace
            | Code::UnusedAllow
            | Code::InvisibleCharacter
    };
}

/// The finding as one sentence in `lang`, with names rather than ids.
pub fn headline(model: &Model, analysis: &Analysis, finding: &Finding, lang: Lang) -> String {
    localized(model, analysis, finding, lang).unwrap_or_else(|| finding.diagnostic.message.clone())
}

/// Picks the text of `lang`.
fn pick<'a>(lang: Lang, fi: &'a str, sv: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Fi => fi,
        Lang::Sv => sv,
        Lang::En => en,
    }
}

/// A name in quotation marks as the language writes them (”…” in Finnish and Swedish).
fn quoted(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("“{name}”"),
        _ => format!("”{name}”"),
    }
}

/// A language code as a word of `lang`; unknown codes stay codes.
fn language_name(code: &str, lang: Lang) -> String {
    lang.text(&Msg::HeadlineLanguage { code: code.into() })
}

fn languages(codes: &[String], lang: Lang) -> String {
    codes
        .iter()
        .map(|c| language_name(c, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn localized(model: &Model, analysis: &Analysis, f: &Finding, lang: Lang) -> Option<String> {
    let subjects = f.entities.get(..f.subjects.min(f.entities.len()))?;
    let context = f.entities.get(subjects.len()..).unwrap_or_default();
    let service = |e: Option<&Entity>| match e {
        Some(Entity::Service(s)) => Some(*s),
        _ => None,
    };
    let service_name = |s: ServiceIx| quoted(model.service(s).name.get(lang), lang);
    let first = subjects.first();
    let second = subjects.get(1);
    let profile_names = |es: &[Entity]| -> String {
        es.iter()
            .filter_map(|e| match e {
                Entity::Profile(p) => Some(quoted(model.profile(*p).name.get(lang), lang)),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(match f.diagnostic.code {
        Code::UnmetNeed => {
            let (Some(Entity::Profile(p)), Some(Entity::Need(n))) = (first, second) else {
                return None;
            };
            let profile = quoted(model.profile(*p).name.get(lang), lang);
            let need = quoted(model.need(*n).name.get(lang), lang);
            let blocked = analysis
                .routes
                .iter()
                .filter(|pr| pr.profile == *p)
                .flat_map(|pr| &pr.routes)
                .find(|r| r.need == *n)
                .and_then(|r| match &r.outcome {
                    Outcome::Unmet { blocked, .. } => blocked.first(),
                    Outcome::Met => None,
                });
            let at = blocked.map_or(String::new(), |(s, why)| {
                let why: Vec<String> = why.iter().map(|b| blocker(model, b, lang)).collect();
                let stops = pick(
                    lang,
                    "lähin reitti katkeaa palveluun",
                    "närmaste rutt stannar vid",
                    "the closest route stops at",
                );
                format!("; {stops} {} ({})", service_name(*s), why.join(", "))
            });
            match lang {
                Lang::Fi => format!(
                    "Asiakasprofiilin {profile} tarpeeseen {need} ei vastaa mikään saavutettava palvelu{at}."
                ),
                Lang::Sv => format!(
                    "Ingen nåbar tjänst tillgodoser behovet {need} hos klientprofilen {profile}{at}."
                ),
                Lang::En => format!(
                    "No reachable service meets the need {need} of client profile {profile}{at}."
                ),
            }
        }
        Code::AgeCoverageGap => {
            let Some(Entity::Need(n)) = first else {
                return None;
            };
            let need = quoted(model.need(*n).name.get(lang), lang);
            match lang {
                Lang::Fi => format!(
                    "Tarpeeseen {need} ei ole alueella palvelua kaikenikäisille: ikärajat jättävät aukon."
                ),
                Lang::Sv => format!(
                    "För behovet {need} finns i området ingen tjänst för alla åldrar: åldersgränserna lämnar en lucka."
                ),
                Lang::En => format!(
                    "No service in the region covers every age for the need {need}: the age limits leave a gap."
                ),
            }
        }
        Code::LanguageGap => {
            let (Some(s), Some(Entity::Profile(p))) = (service(first), second) else {
                return None;
            };
            let profile = model.profile(*p);
            let name = service_name(s);
            let who = quoted(profile.name.get(lang), lang);
            let wanted = language_name(&profile.language, lang);
            let offered = languages(&model.service(s).eligibility.languages, lang);
            match lang {
                Lang::Fi => format!(
                    "Palvelua {name} ei anneta asiakasprofiilin {who} kielellä ({wanted}); palvelukielet: {offered}."
                ),
                Lang::Sv => format!(
                    "Tjänsten {name} ges inte på språket för klientprofilen {who} ({wanted}); tjänstespråk: {offered}."
                ),
                Lang::En => format!(
                    "{name} is not given in the language of client profile {who} ({wanted}); service languages: {offered}."
                ),
            }
        }
        Code::ExclusionTrap => {
            let (Some(Entity::Need(a)), Some(Entity::Need(b))) = (first, second) else {
                return None;
            };
            let a = quoted(model.need(*a).name.get(lang), lang);
            let b = quoted(model.need(*b).name.get(lang), lang);
            match lang {
                Lang::Fi => format!(
                    "Palvelut tarpeeseen {a} sulkevat pois tarpeen {b} ja päinvastoin: nuori, jolla on molemmat, jää ilman apua."
                ),
                Lang::Sv => format!(
                    "Tjänsterna för {a} utesluter {b} och tvärtom: en ung person med båda blir utan hjälp."
                ),
                Lang::En => format!(
                    "Services for {a} exclude {b} and vice versa: a young person with both gets no help."
                ),
            }
        }
        Code::ReferralLoop => {
            let services: Vec<String> = subjects
                .iter()
                .map(|e| service(Some(e)).map(service_name))
                .collect::<Option<_>>()?;
            let services = services.join(" ⇄ ");
            let profiles = profile_names(context);
            match (lang, profiles.is_empty()) {
                (Lang::Fi, true) => {
                    format!("Lähetekierteestä {services} ei ole ulospääsyä eikä päätepistettä.")
                }
                (Lang::Fi, false) => format!(
                    "Lähetekierre {services}: mikään sen palveluista ei vastaa asiakasprofiilien {profiles} tarpeisiin."
                ),
                (Lang::Sv, true) => {
                    format!("Remisskretsloppet {services} har ingen utgång och ingen slutpunkt.")
                }
                (Lang::Sv, false) => format!(
                    "Remisskretslopp {services}: ingen tjänst i det tillgodoser behoven hos klientprofilerna {profiles}."
                ),
                (Lang::En, true) => {
                    format!("The referral loop {services} has no way out and no exit.")
                }
                (Lang::En, false) => format!(
                    "Referral loop {services}: no service in it meets the needs of client profiles {profiles}."
                ),
            }
        }
        Code::DeadEnd => {
            let name = service_name(service(first)?);
            match lang {
                Lang::Fi => format!(
                    "Palvelusta {name} ei ole jatkoa, eikä sitä ole merkitty päätepisteeksi."
                ),
                Lang::Sv => format!(
                    "Från tjänsten {name} finns ingen väg vidare, och den är inte markerad som slutpunkt."
                ),
                Lang::En => format!("{name} has no way on and is not marked as an exit."),
            }
        }
        Code::UnreachableService => {
            let name = service_name(service(first)?);
            match lang {
                Lang::Fi => format!("Mikään tulokohta ei johda palveluun {name}."),
                Lang::Sv => format!("Ingen ingång leder till tjänsten {name}."),
                Lang::En => format!("No entry point reaches {name}."),
            }
        }
        Code::StatutoryClock => {
            let (Some(s), Some(Entity::Profile(p))) = (service(first), second) else {
                return None;
            };
            let name = service_name(s);
            let who = quoted(model.profile(*p).name.get(lang), lang);
            match lang {
                Lang::Fi => format!(
                    "Asiakasprofiili {who} pääsee palveluun {name} lakisääteistä määräaikaa myöhemmin."
                ),
                Lang::Sv => format!(
                    "Klientprofilen {who} når tjänsten {name} senare än den lagstadgade tidsfristen tillåter."
                ),
                Lang::En => format!(
                    "Client profile {who} reaches {name} later than the statutory time limit allows."
                ),
            }
        }
        Code::BoundaryWithoutProtocol | Code::BoundaryWithoutConsent => {
            let Some(Entity::Handoff(h)) = first else {
                return None;
            };
            let h = model.handoff(*h);
            let between = format!("{} → {}", service_name(h.from), service_name(h.to));
            match (f.diagnostic.code, lang) {
                (Code::BoundaryWithoutProtocol, Lang::Fi) => format!(
                    "Siirtymällä {between} organisaatiosta toiseen ei ole sovittua käytäntöä."
                ),
                (Code::BoundaryWithoutProtocol, Lang::Sv) => format!(
                    "Övergången {between} mellan organisationer saknar överenskommen praxis."
                ),
                (Code::BoundaryWithoutProtocol, _) => {
                    format!("The handoff {between} between organisations has no agreed protocol.")
                }
                (_, Lang::Fi) => format!(
                    "Siirtymässä {between} asiakastiedot siirtyvät organisaatiosta toiseen ilman suostumuskäytäntöä."
                ),
                (_, Lang::Sv) => format!(
                    "Övergången {between} för klientuppgifter mellan organisationer utan hantering av samtycke."
                ),
                (_, Lang::En) => format!(
                    "The handoff {between} passes client information between organisations without consent handling."
                ),
            }
        }
        Code::HighUtilisation | Code::Overloaded => {
            let s = service(first)?;
            let name = service_name(s);
            let load = *analysis.flow.load.get(s.index())?;
            let unbounded = analysis
                .flow
                .unbounded
                .get(s.index())
                .copied()
                .unwrap_or(false);
            match (unbounded, model.service(s).capacity) {
                (false, Some(c)) if load.is_finite() && c.clients_per_month > 0.0 => {
                    let cap = decimal(c.clients_per_month, lang);
                    let pct = whole_percent(load / c.clients_per_month, lang);
                    let load = decimal(load, lang);
                    match lang {
                        Lang::Fi => format!(
                            "Palveluun {name} tulee {load} asiakasta kuukaudessa, kun kapasiteetti on {cap} ({pct})."
                        ),
                        Lang::Sv => format!(
                            "Tjänsten {name} får {load} klienter i månaden mot en kapacitet på {cap} ({pct})."
                        ),
                        Lang::En => format!(
                            "{name} receives {load} clients a month for a capacity of {cap} ({pct})."
                        ),
                    }
                }
                _ => match lang {
                    Lang::Fi => format!(
                        "Palvelun {name} kuormitus kasvaa rajatta: asiakkaat eivät pääse kierteestä pois."
                    ),
                    Lang::Sv => format!(
                        "Belastningen på tjänsten {name} växer utan gräns: klienterna kommer aldrig ut ur kretsloppet."
                    ),
                    Lang::En => format!(
                        "The load on {name} grows without end: clients never leave the loop."
                    ),
                },
            }
        }
        Code::SinglePointOfFailure => {
            let name = service_name(service(first)?);
            match lang {
                Lang::Fi => format!(
                    "Polku on riippuvainen palvelusta {name}: sen katkos pysäyttää reitit sen kautta."
                ),
                Lang::Sv => format!(
                    "Kedjan är beroende av tjänsten {name}: ett avbrott där stoppar rutterna genom den."
                ),
                Lang::En => format!(
                    "The pathway depends on {name}: a break there stops the routes through it."
                ),
            }
        }
        Code::MissingCollaboration => {
            let (Some(a), Some(b)) = (service(first), service(second)) else {
                return None;
            };
            let a = capitalised(model.service(a).sector.label(lang));
            let b = model.service(b).sector.label(lang).to_lowercase();
            let profiles = profile_names(context);
            match lang {
                Lang::Fi => format!(
                    "{a} ja {b} palvelevat samoja asiakkaita ({profiles}), mutta mikään siirtymä ei yhdistä niitä."
                ),
                Lang::Sv => format!(
                    "{a} och {b} betjänar samma klienter ({profiles}), men ingen övergång förbinder dem."
                ),
                Lang::En => format!(
                    "{a} and {b} share the same clients ({profiles}), but no handoff connects them."
                ),
            }
        }
        Code::IsolatedActor => {
            let Some(Entity::Actor(a)) = first else {
                return None;
            };
            let name = quoted(model.actor(*a).name.get(lang), lang);
            match lang {
                Lang::Fi => format!(
                    "Mikään muu organisaatio ei ohjaa asiakkaita toimijalle {name} eikä ota niitä siltä."
                ),
                Lang::Sv => {
                    format!("Ingen annan organisation för klienter till eller från aktören {name}.")
                }
                Lang::En => format!("No other organisation hands clients to or from {name}."),
            }
        }
        Code::IncompleteModel => {
            let name = service_name(service(first)?);
            match lang {
                Lang::Fi => format!(
                    "Palvelulta {name} puuttuu tietoja (järjestäjä, kapasiteetti tai odotusaika)."
                ),
                Lang::Sv => {
                    format!("Tjänsten {name} saknar uppgifter (ägare, kapacitet eller väntetid).")
                }
                Lang::En => format!("{name} is missing an owner, a capacity or a wait."),
            }
        }
        // Loading problems are not findings: they have no headline. Every finding code is an arm
        // above, so a new one does not compile without its words.
        load_codes!() => return None,
    })
}

/// Why a service on the closest route does not take the client, in `lang`.
fn blocker(model: &Model, b: &Blocker, lang: Lang) -> String {
    match b {
        Blocker::Age { min, max } => {
            let range = match (min, max) {
                (Some(a), Some(b)) => format!("{a}–{b}"),
                (Some(a), None) => format!("{a}–"),
                (None, Some(b)) => format!("–{b}"),
                (None, None) => String::new(),
            };
            format!("{} {range}", pick(lang, "ikä", "ålder", "ages"))
        }
        Blocker::Language { offered } => format!(
            "{} {}",
            pick(lang, "kielet", "språk", "languages"),
            languages(offered, lang)
        ),
        Blocker::Excludes { need } => format!(
            "{} {}",
            pick(lang, "sulkee pois", "utesluter", "excludes"),
            quoted(model.need(*need).name.get(lang), lang)
        ),
    }
}

/// What a finding code names, in `lang`: the title of its kind for dashboards and filters (the
/// kebab-case name stays the stable key in files and URLs). `None` for codes that are not
/// findings.
pub fn code_title(code: Code, lang: Lang) -> Option<String> {
    let msg = match code {
        Code::UnmetNeed => Msg::HeadlineTitleUnmetNeed,
        Code::AgeCoverageGap => Msg::HeadlineTitleAgeCoverageGap,
        Code::LanguageGap => Msg::HeadlineTitleLanguageGap,
        Code::ExclusionTrap => Msg::HeadlineTitleExclusionTrap,
        Code::ReferralLoop => Msg::HeadlineTitleReferralLoop,
        Code::DeadEnd => Msg::HeadlineTitleDeadEnd,
        Code::UnreachableService => Msg::HeadlineTitleUnreachableService,
        Code::StatutoryClock => Msg::HeadlineTitleStatutoryClock,
        Code::BoundaryWithoutProtocol => Msg::HeadlineTitleBoundaryWithoutProtocol,
        Code::BoundaryWithoutConsent => Msg::HeadlineTitleBoundaryWithoutConsent,
        Code::HighUtilisation => Msg::HeadlineTitleHighUtilisation,
        Code::Overloaded => Msg::HeadlineTitleOverloaded,
        Code::SinglePointOfFailure => Msg::HeadlineTitleSinglePointOfFailure,
        Code::MissingCollaboration => Msg::HeadlineTitleMissingCollaboration,
        Code::IsolatedActor => Msg::HeadlineTitleIsolatedActor,
        Code::IncompleteModel => Msg::HeadlineTitleIncompleteModel,
        // Loading problems are not findings: they have no headline. Every finding code is an arm
        // above, so a new one does not compile without its words.
        load_codes!() => return None,
    };
    Some(lang.text(&msg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::diagnostic::{SourceFile, Sources};
    use crate::workspace::load_sources;

    #[test]
    fn every_finding_code_has_a_title_in_every_language_and_no_other_code_has_one() {
        for &code in Code::ALL {
            for lang in Lang::ALL {
                assert_eq!(
                    code_title(code, lang).is_some(),
                    code.is_finding(),
                    "{code:?}"
                );
            }
        }
    }

    #[test]
    fn a_finding_without_the_expected_entities_keeps_its_english_message() {
        let mut sources = Sources::new();
        sources.add(SourceFile::new(
            "a.toml",
            "[pathway]\nid = \"p\"\ntitle = \"P\"\n[[service]]\nid = \"a\"\nname = \"A\"\nsector = \"education\"\nentry = [\"school\"]\n",
        ));
        let loaded = load_sources(sources);
        let analysis = analyze(&loaded.model);
        let mut finding = analysis
            .findings
            .iter()
            .find(|f| f.diagnostic.code == Code::IncompleteModel)
            .cloned()
            .expect("a service without capacity is incomplete");
        let fi = headline(&loaded.model, &analysis, &finding, Lang::Fi);
        assert!(fi.starts_with("Palvelulta ”A” puuttuu"), "{fi}");
        finding.entities.clear();
        finding.subjects = 3;
        assert_eq!(
            headline(&loaded.model, &analysis, &finding, Lang::Fi),
            finding.diagnostic.message
        );
    }
}
