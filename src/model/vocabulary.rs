//! The fixed vocabularies of the file format: sectors, levels, kinds of actors and handoffs.
//!
//! Each word is written in files as a snake_case string and has a label in Finnish, Swedish and
//! English for diagrams and pages: a `vocab-…` message of the [`crate::i18n`] catalogue, named
//! by its typed key. One macro defines them so that the list of allowed values in an error
//! message, the JSON Schema and the format reference can never disagree.

use std::sync::LazyLock;

use serde::Serialize;

use super::Lang;
use crate::i18n::Msg;

/// A fixed list of words a file may use for one field; implemented by every vocabulary enum so the
/// loader can parse any of them and list the allowed words when a value is wrong.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Parses the word written in files.
    fn parse(word: &str) -> Option<Self>;
    /// The words written in files.
    fn words() -> Vec<&'static str>;
    /// What the word names, for messages ("sector").
    const WHAT: &'static str;
    /// Every word with the other names people call it by: its fi, sv and en labels and the
    /// synonyms of the docs and the glossary ("saattaen vaihtaen" for `warm_handoff`).
    fn aliases() -> Vec<(&'static str, Vec<&'static str>)>;

    /// The word that `value` names in other words, with the name it matched: `value` equals the
    /// word, a label or a synonym once case, spaces, `_` and `-` are ignored. Not accepted as the
    /// word (files stay in one spelling), but suggested.
    fn by_alias(value: &str) -> Option<(&'static str, &'static str)> {
        let wanted = fold(value);
        Self::aliases().into_iter().find_map(|(word, names)| {
            if fold(word) == wanted {
                return Some((word, word));
            }
            names
                .into_iter()
                .find(|n| fold(n) == wanted)
                .map(|n| (word, n))
        })
    }

    /// The word an unknown `value` most likely means, with the name it was found by: first
    /// [`by_alias`](Vocabulary::by_alias), then the closest word by spelling, then the closest
    /// label or synonym by spelling (compared folded, so "saattaen-vaihtaan" still finds
    /// `warm_handoff`). One rule for every vocabulary, so a team that writes the Finnish terms of
    /// its field is led to the word.
    fn closest(value: &str) -> Option<(&'static str, &'static str)> {
        if let Some(found) = Self::by_alias(value) {
            return Some(found);
        }
        let words = Self::words();
        if let Some(m) = crate::diagnostic::did_you_mean(value, words.iter().copied()) {
            return Some((m, m));
        }
        let folded: Vec<(String, &'static str, &'static str)> = Self::aliases()
            .into_iter()
            .flat_map(|(word, names)| names.into_iter().map(move |n| (fold(n), word, n)))
            .collect();
        let wanted = fold(value);
        let m =
            crate::diagnostic::did_you_mean(&wanted, folded.iter().map(|(f, _, _)| f.as_str()))?;
        folded
            .iter()
            .find(|(f, _, _)| f == m)
            .map(|(_, word, name)| (*word, *name))
    }
}

/// A name folded for comparing: lower case, without spaces, `_` and `-`.
fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

macro_rules! vocabulary {
    (
        $(#[$doc:meta])* $name:ident ($what:literal) {
            $( $(#[$vdoc:meta])* $variant:ident = $word:literal, $label:ident
               $(, also [$($also:literal),+ $(,)?])?; )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
        }

        impl $name {
            /// Every value, in the order the reference lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The word written in files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word,)* }
            }

            /// Parses the word written in files.
            pub fn parse(word: &str) -> Option<Self> {
                match word { $($word => Some($name::$variant),)* _ => None }
            }

            /// The words written in files, for error messages and schemas.
            pub fn words() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }

            /// Other names of the word than its labels (from the docs and the glossary),
            /// for suggestions.
            pub fn synonyms(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($also),+)?],)* }
            }

            /// The user-facing label: its message in the [`crate::i18n`] catalogue, worded
            /// once per language on first use.
            pub fn label(self, lang: Lang) -> &'static str {
                static LABELS: LazyLock<[Vec<String>; 3]> = LazyLock::new(|| {
                    Lang::ALL.map(|l| {
                        $name::ALL.iter().map(|v| l.text(&v.message())).collect()
                    })
                });
                // `ALL` lists the variants in declaration order, so a variant's number is its
                // position there.
                &LABELS[lang as usize][self as usize]
            }

            /// The catalogue message of the label.
            fn message(self) -> Msg<'static> {
                match self { $($name::$variant => Msg::$label,)* }
            }
        }

        impl Vocabulary for $name {
            fn parse(word: &str) -> Option<Self> {
                $name::parse(word)
            }
            fn words() -> Vec<&'static str> {
                $name::words()
            }
            const WHAT: &'static str = $what;
            fn aliases() -> Vec<(&'static str, Vec<&'static str>)> {
                Self::ALL
                    .iter()
                    .map(|v| {
                        let mut names: Vec<&'static str> =
                            Lang::ALL.iter().map(|l| v.label(*l)).collect();
                        names.extend_from_slice(v.synonyms());
                        (v.as_str(), names)
                    })
                    .collect()
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What kind of organisation an actor (toimija) is. Organisation boundaries are where pathways
    /// break, so the kind matters to the analysis.
    ActorKind ("actor kind") {
        /// hyvinvointialue: runs social and health services since 2023.
        WellbeingCounty = "wellbeing_county", VocabActorKindWellbeingCounty;
        /// kunta: schools, pupil welfare staff, youth work.
        Municipality = "municipality", VocabActorKindMunicipality, also ["kunnat"];
        /// sairaala: specialist care such as HUS youth psychiatry.
        Hospital = "hospital", VocabActorKindHospital;
        /// järjestö: NGO, third sector.
        Ngo = "ngo", VocabActorKindNgo, also ["järjestöt", "third sector", "kolmas sektori"];
        /// valtio: state agencies (e.g. Kela, police).
        State = "state", VocabActorKindState;
        /// yksityinen: private providers.
        Private = "private", VocabActorKindPrivate;
        /// seurakunta: parish.
        Parish = "parish", VocabActorKindParish;
    }
}

vocabulary! {
    /// The field a service belongs to (sektori). Sectors colour diagrams and decide which
    /// collaboration structures the ecosystem analysis expects.
    Sector ("sector") {
        /// lastensuojelu: child welfare (in-home, out-of-home care and aftercare).
        ChildWelfare = "child_welfare", VocabSectorChildWelfare;
        /// sivistystoimi, koulu: education.
        Education = "education", VocabSectorEducation, also ["koulu", "education department"];
        /// oppilashuolto: pupil welfare (school social workers, psychologists).
        PupilWelfare = "pupil_welfare", VocabSectorPupilWelfare;
        /// koulu- ja opiskeluterveydenhuolto: school and student health care.
        SchoolHealth = "school_health", VocabSectorSchoolHealth, also ["kouluterveydenhuolto", "opiskeluterveydenhuolto"];
        /// mielenterveyspalvelut: mental-health services.
        MentalHealth = "mental_health", VocabSectorMentalHealth;
        /// päihdepalvelut: substance-use services.
        Substance = "substance", VocabSectorSubstance;
        /// perusterveydenhuolto: primary health care.
        PrimaryHealth = "primary_health", VocabSectorPrimaryHealth;
        /// erikoissairaanhoito: specialist care (e.g. youth psychiatry).
        SpecialistCare = "specialist_care", VocabSectorSpecialistCare;
        /// nuorisotyö: youth work.
        YouthWork = "youth_work", VocabSectorYouthWork;
        /// perhepalvelut: family services (family centre, family counselling, early support).
        FamilyServices = "family_services", VocabSectorFamilyServices, also ["perhekeskus", "perheneuvola", "familjecenter", "familjerådgivning", "family centre", "family counselling"];
        /// sosiaalityö: social work (incl. adult social work).
        SocialWork = "social_work", VocabSectorSocialWork;
        /// järjestöjen tuki: NGO support.
        NgoSupport = "ngo_support", VocabSectorNgoSupport;
    }
}

vocabulary! {
    /// How specialised a service is (porrastus).
    Level ("level") {
        /// universal: open to everyone (peruspalvelut kaikille).
        Universal = "universal", VocabLevelUniversal;
        /// basic level (perustaso).
        Basic = "basic", VocabLevelBasic;
        /// special level (erityistaso).
        Special = "special", VocabLevelSpecial;
        /// demanding special level (vaativa erityistaso).
        Demanding = "demanding", VocabLevelDemanding;
    }
}

vocabulary! {
    /// How clients arrive at an entry service (miten asiakas tulee palveluun).
    EntryChannel ("entry channel") {
        /// The young person or family comes on their own (itse hakeutuen).
        SelfReferral = "self_referral", VocabEntryChannelSelfReferral, also ["itse hakeutuen"];
        /// Sent by school staff (koulu).
        School = "school", VocabEntryChannelSchool;
        /// A child-welfare notification (lastensuojeluilmoitus).
        Notification = "notification", VocabEntryChannelNotification;
        /// Sent by health care (terveydenhuolto).
        HealthCare = "health_care", VocabEntryChannelHealthCare;
        /// Found by outreach work (etsivä työ, jalkautuva työ).
        Outreach = "outreach", VocabEntryChannelOutreach, also ["jalkautuva työ"];
        /// The police (poliisi).
        Police = "police", VocabEntryChannelPolice;
    }
}

vocabulary! {
    /// What a handoff (siirtymä) between two services is.
    HandoffKind ("handoff kind") {
        /// lähete: the client is sent on.
        Referral = "referral", VocabHandoffKindReferral;
        /// konsultaatio: advice without transferring the client.
        Consultation = "consultation", VocabHandoffKindConsultation;
        /// työparityö: professionals of both services work together.
        JointWork = "joint_work", VocabHandoffKindJointWork;
        /// yhteinen asiakassuunnitelma: one plan for both services.
        SharedPlan = "shared_plan", VocabHandoffKindSharedPlan;
        /// tiedonsiirto: information passes, the client does not.
        Information = "information", VocabHandoffKindInformation;
        /// paluu: the client returns to where they came from.
        Return = "return", VocabHandoffKindReturn;
    }
}

impl HandoffKind {
    /// True when the client moves to the other service (so flow, waits and routes follow it).
    pub fn moves_client(self) -> bool {
        matches!(self, HandoffKind::Referral | HandoffKind::Return)
    }
}

vocabulary! {
    /// How a handoff is agreed between the two services (sovittu käytäntö).
    Protocol ("protocol") {
        /// No agreed way: the client is told where to go.
        None = "none", VocabProtocolNone;
        /// A written referral (kirjallinen lähete).
        WrittenReferral = "written_referral", VocabProtocolWrittenReferral, also ["lähete", "remiss"];
        /// saattaen vaihtaen: the worker accompanies the client to the next service.
        WarmHandoff = "warm_handoff", VocabProtocolWarmHandoff;
        /// A shared client plan governs the move (yhteinen suunnitelma).
        SharedPlan = "shared_plan", VocabProtocolSharedPlan, also ["yhteinen asiakassuunnitelma", "gemensam klientplan"];
    }
}

vocabulary! {
    /// Where a pathway stands, as Innokylä asks.
    PathwayStatus ("status") {
        /// idea (ideavaihe).
        Idea = "idea", VocabPathwayStatusIdea, also ["ideavaihe"];
        /// being developed (kehitteillä).
        InDevelopment = "in_development", VocabPathwayStatusInDevelopment;
        /// piloted (pilotoitu, kokeilussa).
        Pilot = "pilot", VocabPathwayStatusPilot, also ["pilotoitu"];
        /// in use (käytössä).
        InUse = "in_use", VocabPathwayStatusInUse;
        /// ended (päättynyt).
        Ended = "ended", VocabPathwayStatusEnded;
    }
}

vocabulary! {
    /// Where a statutory clock stops at the `to` service.
    ClockEnd ("clock end") {
        /// When the client's service starts (the wait is over).
        Start = "start", VocabClockEndStart;
        /// When the service is completed (e.g. an assessment finished).
        End = "end", VocabClockEndEnd;
    }
}

vocabulary! {
    /// A section of a pathway's documentation page (osio), in Innokylä's order; the labels are the
    /// default titles. A workspace may reorder, leave out and retitle them in `[documentation]`,
    /// because Innokylä's full template is not published and teams follow their own.
    DocSection ("documentation section") {
        /// perustiedot: name, short description, region, funder, parent project, owner, dates.
        Basic = "basic", VocabDocSectionBasic;
        /// ratkaisun perusidea.
        CoreIdea = "core_idea", VocabDocSectionCoreIdea;
        /// toimintaympäristö.
        OperatingEnvironment = "operating_environment", VocabDocSectionOperatingEnvironment;
        /// tarkoitus ja tavoitteet.
        Purpose = "purpose", VocabDocSectionPurpose;
        /// kohderyhmät.
        TargetGroups = "target_groups", VocabDocSectionTargetGroups;
        /// toimijat: the organisations of the pathway, as a table.
        Actors = "actors", VocabDocSectionActors;
        /// toimintamallin vaiheet: derived from the graph, entry to exit, with the diagram.
        Phases = "phases", VocabDocSectionPhases;
        /// palvelut: a table of the services.
        Services = "services", VocabDocSectionServices;
        /// siirtymät: a table of the handoffs.
        Handoffs = "handoffs", VocabDocSectionHandoffs;
        /// asiakasprofiilien reitit.
        Routes = "routes", VocabDocSectionRoutes;
        /// toimivuuden ja käyttöönoton ehdot.
        Conditions = "conditions", VocabDocSectionConditions;
        /// vaikuttavuus ja mittarit.
        Indicators = "indicators", VocabDocSectionIndicators;
        /// arviointi.
        Evaluation = "evaluation", VocabDocSectionEvaluation;
        /// yhteystiedot.
        Contact = "contact", VocabDocSectionContact;
        /// analyysin yhteenveto: the headline gaps and bottlenecks (`polku build --no-analysis`
        /// leaves it out too).
        Analysis = "analysis", VocabDocSectionAnalysis;
        /// liitteet: the diagram files and the Markdown.
        Attachments = "attachments", VocabDocSectionAttachments;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip() {
        for s in Sector::ALL {
            assert_eq!(Sector::parse(s.as_str()), Some(*s));
            for l in Lang::ALL {
                assert!(!s.label(l).is_empty());
            }
        }
        assert_eq!(Protocol::parse("warm_handoff"), Some(Protocol::WarmHandoff));
        assert_eq!(Protocol::parse("Warm handoff"), None);
    }

    #[test]
    fn labels_and_synonyms_lead_to_their_word() {
        // The Finnish term of the docs, in any case, spacing, `_` or `-`.
        for written in [
            "saattaen vaihtaen",
            "Saattaen-Vaihtaen",
            "SAATTAEN_VAIHTAEN",
        ] {
            assert_eq!(
                Protocol::by_alias(written),
                Some(("warm_handoff", "Saattaen vaihtaen")),
                "{written}"
            );
        }
        assert_eq!(
            Protocol::by_alias("Warm handoff"),
            Some(("warm_handoff", "warm_handoff"))
        );
        assert_eq!(
            Protocol::by_alias("Följsam överlämning").map(|f| f.0),
            Some("warm_handoff")
        );
        assert_eq!(
            Sector::by_alias("perheneuvola").map(|f| f.0),
            Some("family_services")
        );
        assert_eq!(ActorKind::by_alias("Järjestö").map(|f| f.0), Some("ngo"));
        assert_eq!(Protocol::by_alias("soitto"), None);
        // A misspelt label still finds its word.
        assert_eq!(
            Protocol::closest("saattaen vaihtaan").map(|f| f.0),
            Some("warm_handoff")
        );
        assert_eq!(Protocol::closest("puhelu"), None);
    }

    /// Within one vocabulary a name leads to one word only, else a suggestion would be a guess.
    fn unambiguous<V: Vocabulary>() {
        let mut seen: std::collections::BTreeMap<String, &str> = Default::default();
        for (word, names) in V::aliases() {
            for name in std::iter::once(word).chain(names) {
                if let Some(other) = seen.insert(fold(name), word) {
                    assert_eq!(other, word, "{} `{name}` names two words", V::WHAT);
                }
            }
        }
    }

    #[test]
    fn no_name_leads_to_two_words() {
        unambiguous::<ActorKind>();
        unambiguous::<Sector>();
        unambiguous::<Level>();
        unambiguous::<EntryChannel>();
        unambiguous::<HandoffKind>();
        unambiguous::<Protocol>();
        unambiguous::<PathwayStatus>();
        unambiguous::<ClockEnd>();
        unambiguous::<DocSection>();
    }
}
