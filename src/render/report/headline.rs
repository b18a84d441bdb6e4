//! One-line headlines of analysis findings in Finnish, Swedish or English, for documentation
//! pages.
//!
//! A finding's `message` is written for the person fixing the files: English, with ids. A page for
//! Innokylä is read by managers and the public in the page's language, with names. So the render
//! layer words each finding code again here from the finding's entities (names in the page's
//! language) and the analysis figures, instead of the analysis carrying three languages. When a
//! finding's entities are not what its code leads us to expect, the English message is used: a
//! headline is never dropped and building never panics.

use crate::analysis::Finding;
use crate::analysis::payload::{Load, Payload};
use crate::analysis::routes::Blocker;
use crate::diagnostic::Code;
use crate::i18n::{Arg, Msg};
use crate::model::{HandoffIx, Lang, Model, NeedIx, ProfileIx, ServiceIx};
use crate::render::figures::{ages, decimal, whole_percent};

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

/// The finding as one sentence in `lang`, with names rather than ids: its payload worded by the
/// catalogue.
pub fn headline(model: &Model, finding: &Finding, lang: Lang) -> String {
    lang.text(&message(model, &finding.payload, lang))
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

/// The catalogue message of a payload. The match names every finding kind, so a new kind does
/// not compile without its words.
fn message(model: &Model, payload: &Payload, lang: Lang) -> Msg<'static> {
    let service = |s: ServiceIx| Arg::from(quoted(model.service(s).name.get(lang), lang));
    let profile = |p: ProfileIx| Arg::from(quoted(model.profile(p).name.get(lang), lang));
    let need = |n: NeedIx| Arg::from(quoted(model.need(n).name.get(lang), lang));
    let profiles = |ps: &[ProfileIx]| {
        Arg::from(
            ps.iter()
                .map(|p| quoted(model.profile(*p).name.get(lang), lang))
                .collect::<Vec<_>>()
                .join(", "),
        )
    };
    let between = |h: HandoffIx| {
        let h = model.handoff(h);
        let name = |s: ServiceIx| quoted(model.service(s).name.get(lang), lang);
        Arg::from(format!("{} → {}", name(h.from), name(h.to)))
    };
    match payload {
        Payload::UnmetNeed {
            profile: p,
            need: n,
            blocked: None,
        } => Msg::HeadlineUnmetNeed {
            profile: profile(*p),
            need: need(*n),
        },
        Payload::UnmetNeed {
            profile: p,
            need: n,
            blocked: Some((s, why)),
        } => Msg::HeadlineUnmetNeedBlocked {
            profile: profile(*p),
            need: need(*n),
            service: service(*s),
            why: Arg::from(
                why.iter()
                    .map(|b| lang.text(&blocker(model, b, lang)))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
        Payload::AgeCoverageGap { need: n, .. } => Msg::HeadlineAgeCoverageGap { need: need(*n) },
        Payload::LanguageGap {
            service: s,
            profile: p,
        } => Msg::HeadlineLanguageGap {
            service: service(*s),
            profile: profile(*p),
            wanted: Arg::from(language_name(&model.profile(*p).language, lang)),
            offered: Arg::from(languages(&model.service(*s).eligibility.languages, lang)),
        },
        Payload::ExclusionTrap { needs: [a, b], .. } => Msg::HeadlineExclusionTrap {
            a: need(*a),
            b: need(*b),
        },
        Payload::ReferralLoop {
            services, bounced, ..
        } => {
            let services = Arg::from(
                services
                    .iter()
                    .map(|s| quoted(model.service(*s).name.get(lang), lang))
                    .collect::<Vec<_>>()
                    .join(" ⇄ "),
            );
            if bounced.is_empty() {
                Msg::HeadlineReferralLoopClosed { services }
            } else {
                Msg::HeadlineReferralLoopUnmet {
                    services,
                    profiles: profiles(bounced),
                    count: Arg::from(bounced.len()),
                }
            }
        }
        Payload::DeadEnd { service: s } => Msg::HeadlineDeadEnd {
            service: service(*s),
        },
        Payload::UnreachableService { service: s } => Msg::HeadlineUnreachableService {
            service: service(*s),
        },
        Payload::StatutoryClock {
            service: s,
            profile: p,
            ..
        } => Msg::HeadlineStatutoryClock {
            profile: profile(*p),
            service: service(*s),
        },
        Payload::StatutoryClockFlow {
            service: s,
            share_over,
            ..
        } => Msg::HeadlineStatutoryClockFlow {
            share: Arg::from(whole_percent(*share_over, lang)),
            service: service(*s),
        },
        Payload::BoundaryWithoutProtocol { handoff } => Msg::HeadlineBoundaryWithoutProtocol {
            between: between(*handoff),
        },
        Payload::BoundaryWithoutConsent { handoff } => Msg::HeadlineBoundaryWithoutConsent {
            between: between(*handoff),
        },
        Payload::HighUtilisation { service: s, load }
        | Payload::Overloaded { service: s, load } => match *load {
            Load::Bounded { load, capacity } => Msg::HeadlineLoad {
                service: service(*s),
                load: Arg::from(decimal(load, lang)),
                capacity: Arg::from(decimal(capacity, lang)),
                percent: Arg::from(whole_percent(load / capacity, lang)),
            },
            Load::Unbounded => Msg::HeadlineLoadUnbounded {
                service: service(*s),
            },
        },
        Payload::SinglePointOfFailure { service: s } => Msg::HeadlineSinglePointOfFailure {
            service: service(*s),
        },
        Payload::MissingCollaboration {
            sectors: [a, b],
            profiles: ps,
            ..
        } => Msg::HeadlineMissingCollaboration {
            a: Arg::from(capitalised(a.label(lang))),
            b: Arg::from(b.label(lang).to_lowercase()),
            profiles: profiles(ps),
        },
        Payload::IsolatedActor { actor } => Msg::HeadlineIsolatedActor {
            actor: Arg::from(quoted(model.actor(*actor).name.get(lang), lang)),
        },
        Payload::IncompleteModel { service: s } => Msg::HeadlineIncompleteModel {
            service: service(*s),
        },
        Payload::UnstatedHandoffs { handoffs } => Msg::HeadlineUnstatedHandoffs {
            count: Arg::from(handoffs.len()),
        },
    }
}

/// Why a service on the closest route does not take the client.
fn blocker(model: &Model, b: &Blocker, lang: Lang) -> Msg<'static> {
    match b {
        Blocker::Age { min, max } => Msg::HeadlineBlockerAge {
            range: Arg::from(ages(*min, *max)),
        },
        Blocker::Language { offered } => Msg::HeadlineBlockerLanguages {
            languages: Arg::from(languages(offered, lang)),
        },
        Blocker::Excludes { need } => Msg::HeadlineBlockerExcludes {
            need: Arg::from(quoted(model.need(*need).name.get(lang), lang)),
        },
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
        Code::UnstatedHandoffs => Msg::HeadlineTitleUnstatedHandoffs,
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
    fn a_headline_words_its_payload_with_names_in_the_language() {
        let mut sources = Sources::new();
        sources.add(SourceFile::new(
            "a.toml",
            "[pathway]\nid = \"p\"\ntitle = \"P\"\n[[service]]\nid = \"a\"\nname = \"A\"\nsector = \"education\"\nentry = [\"school\"]\n",
        ));
        let loaded = load_sources(sources);
        let analysis = analyze(&loaded.model);
        let finding = analysis
            .findings
            .iter()
            .find(|f| f.diagnostic.code == Code::IncompleteModel)
            .expect("a service without capacity is incomplete");
        let fi = headline(&loaded.model, finding, Lang::Fi);
        assert!(fi.starts_with("Palvelulta ”A” puuttuu"), "{fi}");
        let en = headline(&loaded.model, finding, Lang::En);
        assert_eq!(en, "“A” is missing an owner, a capacity or a wait.");
    }

    #[test]
    fn every_finding_carries_the_payload_of_its_code() {
        let loaded = crate::workspace::load_dir(std::path::Path::new("pathways")).expect("loads");
        let findings = analyze(&loaded.model).findings;
        assert!(
            findings.len() > 20,
            "the shipped workspace has findings of many kinds"
        );
        for f in findings {
            assert_eq!(f.payload.code(), f.diagnostic.code, "{f:?}");
        }
    }

    #[test]
    fn a_loop_names_one_profile_in_the_singular_and_more_in_the_plural() {
        let model = crate::analysis::test_model(
            "[pathway]\nid = \"p\"\ntitle = \"P\"\n[[service]]\nid = \"s\"\nname = \"S\"\nsector = \"education\"\nentry = [\"school\"]\nexit = true\n[[profile]]\nid = \"x\"\nname = \"X\"\nage = 10\nlanguage = \"fi\"\nentry = \"s\"\n[[profile]]\nid = \"y\"\nname = \"Y\"\nage = 10\nlanguage = \"fi\"\nentry = \"s\"\n",
        );
        let payload = |bounced: Vec<ProfileIx>| Payload::ReferralLoop {
            services: Vec::new(),
            entering: vec![1.0; bounced.len()],
            bounced,
        };
        let one = lang_text(&model, &payload(vec![ProfileIx(0)]), Lang::Fi);
        assert!(one.contains("asiakasprofiilin ”X” tarpeisiin"), "{one}");
        let two = lang_text(&model, &payload(vec![ProfileIx(0), ProfileIx(1)]), Lang::En);
        assert!(two.contains("client profiles “X”, “Y”."), "{two}");
    }

    fn lang_text(model: &Model, payload: &Payload, lang: Lang) -> String {
        lang.text(&message(model, payload, lang))
    }
}
