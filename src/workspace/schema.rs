//! The JSON Schema of a pathway file, for editor completion and validation (`polku schema`).
//!
//! The types here exist only to describe the format to schemars; the loader never uses them. Their
//! doc comments become the schema's descriptions, which editors show on hover. A test reads every
//! table of a document with the loader and checks that the loader's fields and the schema's
//! properties are the same, so the two cannot drift apart.

#![allow(dead_code)]

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use crate::model::{
    ActorKind, ClockEnd, DocSection, EntryChannel, HandoffKind, Level, PathwayStatus, Protocol,
    Sector, Vocabulary,
};

/// A word from one of the format's fixed vocabularies.
struct Word<V>(PhantomData<V>);

impl<V: Vocabulary> JsonSchema for Word<V> {
    fn schema_name() -> Cow<'static, str> {
        Cow::Owned(V::WHAT.replace(' ', "_"))
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": V::words(),
            "description": format!("A {}.", V::WHAT),
        })
    }
}

/// Text in one string, or translated: `{ fi = "…", sv = "…", en = "…" }`.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Text {
    /// The same text in every language.
    Plain(String),
    /// Text per language; missing languages fall back to the others.
    Translated(Translated),
}

/// Text per language; missing languages fall back to the others.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Translated {
    /// Finnish (suomi).
    fi: Option<String>,
    /// Swedish (svenska).
    sv: Option<String>,
    /// English.
    en: Option<String>,
}

/// Kebab-case ASCII: lower-case letters, digits and single hyphens.
#[derive(JsonSchema)]
struct Id(#[schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 80))] String);

/// An ISO date, written as a TOML date (2024-05-16) or the same in a string.
#[derive(JsonSchema)]
struct Date(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);

/// A two- or three-letter ISO 639 language code, e.g. "fi", "sv", "en", "se".
#[derive(JsonSchema)]
struct LanguageCode(#[schemars(regex(pattern = "^[a-z]{2,3}$"))] String);

/// One polku workspace file. A file with a `[pathway]` table is a pathway; a file without one
/// holds shared definitions (actors, needs, profiles, clocks) that every pathway may refer to.
#[derive(JsonSchema)]
#[schemars(title = "polku pathway file", deny_unknown_fields)]
pub struct PathwayFile {
    /// The pathway (palvelupolku) this file describes, with its Innokylä metadata.
    pathway: Option<PathwayDoc>,
    /// Organisations (toimijat).
    actor: Option<Vec<ActorDoc>>,
    /// Needs (tarpeet) that profiles have and services address.
    need: Option<Vec<NeedDoc>>,
    /// Services (palvelut): the nodes.
    service: Option<Vec<ServiceDoc>>,
    /// Handoffs (siirtymät): the edges.
    handoff: Option<Vec<HandoffDoc>>,
    /// Client profiles (asiakasprofiilit) for gap analysis.
    profile: Option<Vec<ProfileDoc>>,
    /// Statutory time limits (lakisääteiset määräajat) routes are checked against.
    clock: Option<Vec<ClockDoc>>,
    /// Findings excused on purpose, with the reason (sallitut havainnot).
    allow: Option<Vec<AllowDoc>>,
    /// The sections of the pathway pages `polku build` writes: order, left-out sections, titles
    /// (dokumentaation osiot). At most one in a workspace.
    documentation: Option<DocumentationDoc>,
}

/// `[documentation]`: which sections a pathway page has, in what order, under which titles.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DocumentationDoc {
    /// The sections, in order; a section not listed is left out. Default: every section, in
    /// Innokylä's order.
    sections: Option<Vec<Word<DocSection>>>,
    /// Sections to leave out (of `sections`, or of the default order).
    omit: Option<Vec<Word<DocSection>>>,
    /// Titles replacing polku's default, per section id.
    titles: Option<TitlesDoc>,
}

/// `[documentation.titles]`: a title per section id, as text (`{ fi, sv, en }` or a plain string).
struct TitlesDoc;

impl JsonSchema for TitlesDoc {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("DocumentationTitles")
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>().to_value();
        let properties: serde_json::Map<String, Value> = DocSection::words()
            .into_iter()
            .map(|w| (w.to_string(), text.clone()))
            .collect();
        json_schema!({
            "type": "object",
            "description": "Titles replacing polku's default, per section id.",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

/// `[[allow]]`: a finding excused on purpose; it is still reported, as allowed, with the reason.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AllowDoc {
    /// The finding code or name, e.g. "G0206" or "dead-end" (havainnon koodi).
    code: String,
    /// Id of the service, profile, actor or need the finding is about (kohde).
    entity: Id,
    /// Why it is acceptable (perustelu).
    reason: String,
}

/// `[pathway]`: the pathway and the fields of its Innokylä page (perustiedot).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct PathwayDoc {
    /// Stable id of the pathway.
    id: Id,
    /// Title (nimi).
    title: Text,
    /// Short description (lyhyt kuvaus).
    summary: Option<Text>,
    /// Region or wellbeing services county (alue), e.g. "Keski-Uusimaa".
    region: Option<String>,
    /// The core idea of the solution (ratkaisun perusidea): what is done differently.
    core_idea: Option<Text>,
    /// The operating environment (toimintaympäristö): where and among whom the model works.
    operating_environment: Option<Text>,
    /// Purpose (tarkoitus).
    purpose: Option<Text>,
    /// Goals (tavoitteet).
    goals: Option<Vec<Text>>,
    /// Target groups (kohderyhmät).
    target_groups: Option<Vec<Text>>,
    /// Id of the actor responsible (omistaja).
    owner: Option<Id>,
    /// Contact (yhteystiedot).
    contact: Option<String>,
    /// Status (tila).
    status: Option<Word<PathwayStatus>>,
    /// Created (luotu).
    created: Option<Date>,
    /// Last updated (päivitetty).
    updated: Option<Date>,
    /// Funder (rahoittaja).
    funder: Option<String>,
    /// The project this is part of (kokonaisuus).
    parent_project: Option<String>,
    /// Conditions for the model to work and be adopted (toimivuuden ja käyttöönoton ehdot).
    conditions: Option<Text>,
    /// Indicators of effectiveness, incl. client-experience measures (vaikuttavuuden mittarit).
    indicators: Option<Vec<Text>>,
    /// How the model is evaluated (arviointi).
    evaluation: Option<Text>,
    /// Ids of services defined in other files that belong to this pathway too.
    services: Option<Vec<Id>>,
}

/// `[[actor]]`: an organisation (toimija); one swimlane in diagrams.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ActorDoc {
    /// Stable id, unique among actors.
    id: Id,
    /// Name (nimi).
    name: Text,
    /// What kind of organisation.
    kind: Word<ActorKind>,
    /// Region (alue).
    region: Option<String>,
    /// Description (kuvaus).
    description: Option<Text>,
}

/// `[[need]]`: a need (tarve).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct NeedDoc {
    /// Stable id, unique among needs.
    id: Id,
    /// Name (nimi).
    name: Text,
    /// Description (kuvaus).
    description: Option<Text>,
    /// The last age the law gives this need's services, whole years (child welfare: 17, as the
    /// Child Welfare Act ends at 18). Ages past it are not an age gap.
    #[schemars(range(min = 0, max = 130))]
    legal_age_max: Option<u32>,
    /// The need that takes over past `legal_age_max` (child welfare → aftercare, jälkihuolto): an
    /// age gap is raised at the hand-over only where no service for it is reachable.
    continues_as: Option<Id>,
}

/// `[service.eligibility]`: who the service takes (kohderyhmä ja rajaukset).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct EligibilityDoc {
    /// Youngest age taken, whole years, inclusive (ikäraja alkaen).
    #[schemars(range(min = 0, max = 130))]
    age_min: Option<u32>,
    /// Oldest age taken, whole years, inclusive (ikäraja asti).
    #[schemars(range(min = 0, max = 130))]
    age_max: Option<u32>,
    /// Languages the service is given in (palvelukielet).
    languages: Option<Vec<LanguageCode>>,
    /// Ids of the needs the service addresses.
    needs: Option<Vec<Id>>,
    /// Ids of needs that exclude a client (poissulkevat tarpeet).
    excludes: Option<Vec<Id>>,
}

/// `[service.capacity]`: how many clients the service can take (kapasiteetti). Give
/// `clients_per_month`, or `staff` with `clients_per_staff_per_month`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CapacityDoc {
    /// New clients per month (asiakasta kuukaudessa).
    #[schemars(range(min = 0))]
    clients_per_month: Option<f64>,
    /// Workers serving in parallel (työntekijät); the c of M/M/c queueing.
    #[schemars(range(min = 0))]
    staff: Option<u32>,
    /// New clients per worker per month; with `staff`, gives the capacity.
    #[schemars(range(min = 0))]
    clients_per_staff_per_month: Option<f64>,
}

/// `[[service]]`: a service (palvelu), one node of the pathway.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ServiceDoc {
    /// Stable id, unique among services.
    id: Id,
    /// Name (nimi).
    name: Text,
    /// Description (kuvaus).
    description: Option<Text>,
    /// Id of the actor that runs it (järjestäjä/tuottaja).
    actor: Option<Id>,
    /// Sector (sektori).
    sector: Word<Sector>,
    /// Level (porrastus).
    level: Option<Word<Level>>,
    /// Region, when it differs from the actor's.
    region: Option<String>,
    /// How clients arrive when this is an entry point (tulokanavat).
    entry: Option<Vec<Word<EntryChannel>>>,
    /// True when a pathway may end here (päätepiste).
    exit: Option<bool>,
    /// Current wait to the first meeting, calendar days (jonotusaika).
    #[schemars(range(min = 0))]
    wait_days: Option<f64>,
    /// Current wait to the first meeting, working days.
    #[schemars(range(min = 0))]
    wait_working_days: Option<f64>,
    /// Current wait to the first meeting, school days.
    #[schemars(range(min = 0))]
    wait_school_days: Option<f64>,
    /// Mean time a client stays in the service, calendar days (keskimääräinen asiakkuuden kesto).
    #[schemars(range(min = 0))]
    mean_service_days: Option<f64>,
    /// Mean time a client stays, working days.
    #[schemars(range(min = 0))]
    mean_service_working_days: Option<f64>,
    /// Mean time a client stays, school days.
    #[schemars(range(min = 0))]
    mean_service_school_days: Option<f64>,
    /// True when the figures are illustrative, not from a source (havainnollistava).
    illustrative: Option<bool>,
    /// Who the service takes.
    eligibility: Option<EligibilityDoc>,
    /// How many it can take.
    capacity: Option<CapacityDoc>,
}

/// `[[handoff]]`: a handoff (siirtymä, lähete) from one service to another.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct HandoffDoc {
    /// Id of the service the client comes from.
    from: Id,
    /// Id of the service the client goes to.
    to: Id,
    /// Kind of handoff; default "referral".
    kind: Option<Word<HandoffKind>>,
    /// Share of the source's clients that take this handoff, 0..1 (osuus).
    #[schemars(range(min = 0, max = 1))]
    share: Option<f64>,
    /// Wait on the handoff itself, calendar days.
    #[schemars(range(min = 0))]
    wait_days: Option<f64>,
    /// Wait on the handoff itself, working days.
    #[schemars(range(min = 0))]
    wait_working_days: Option<f64>,
    /// Wait on the handoff itself, school days.
    #[schemars(range(min = 0))]
    wait_school_days: Option<f64>,
    /// How the handoff is agreed (sovittu käytäntö).
    protocol: Option<Word<Protocol>>,
    /// Whether the client's or guardian's consent is handled in the handoff (suostumus).
    consent: Option<bool>,
    /// Note (huomio).
    note: Option<Text>,
    /// True when the figures are illustrative.
    illustrative: Option<bool>,
}

/// `[[profile]]`: a client profile (asiakasprofiili).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ProfileDoc {
    /// Stable id, unique among profiles.
    id: Id,
    /// Name (nimi).
    name: Text,
    /// Description (kuvaus).
    description: Option<Text>,
    /// Age in whole years (ikä).
    #[schemars(range(min = 0, max = 130))]
    age: u32,
    /// The language the client needs service in (asiointikieli).
    language: LanguageCode,
    /// Ids of the client's needs.
    needs: Option<Vec<Id>>,
    /// Id of the service where the client first arrives.
    entry: Id,
    /// How many such clients arrive per month (saapuu kuukaudessa).
    #[schemars(range(min = 0))]
    arrivals_per_month: Option<f64>,
    /// True when the figures are illustrative.
    illustrative: Option<bool>,
}

/// Which services a clock's start or stop applies to; empty lists match every service.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SelectorDoc {
    /// Service ids.
    services: Option<Vec<Id>>,
    /// Sectors.
    sectors: Option<Vec<Word<Sector>>>,
    /// Levels.
    levels: Option<Vec<Word<Level>>>,
}

/// `[[clock]]`: a statutory time limit (lakisääteinen määräaika).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ClockDoc {
    /// Stable id, unique among clocks.
    id: Id,
    /// Name (nimi).
    name: Text,
    /// The provision that sets it, e.g. "Terveydenhuoltolaki 53 §".
    law: Option<String>,
    /// Where the clock starts; default: the referral into a service that `to` matches.
    from: Option<SelectorDoc>,
    /// Where the clock stops.
    to: SelectorDoc,
    /// Whether the clock stops when the `to` service starts (default) or ends.
    until: Option<Word<ClockEnd>>,
    /// Time allowed, calendar days.
    #[schemars(range(min = 0))]
    limit_days: Option<f64>,
    /// Time allowed, working days.
    #[schemars(range(min = 0))]
    limit_working_days: Option<f64>,
    /// Time allowed, school days.
    #[schemars(range(min = 0))]
    limit_school_days: Option<f64>,
    /// The clock applies up to this age, inclusive.
    #[schemars(range(min = 0, max = 130))]
    age_max: Option<u32>,
}

/// The JSON Schema of a pathway file, as pretty JSON.
pub fn json_schema() -> String {
    serde_json::to_string_pretty(&schema_value()).expect("a schema always serialises")
}

fn schema_value() -> Value {
    schemars::schema_for!(PathwayFile).to_value()
}

/// The object a schema node describes, following `$ref`, `Option`'s `anyOf` and list `items`.
fn resolve(root: &Value, node: &Value) -> Value {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        return resolve(root, &root["$defs"][r.trim_start_matches("#/$defs/")]);
    }
    if let Some(options) = node.get("anyOf").and_then(Value::as_array)
        && let Some(o) = options
            .iter()
            .find(|o| o.get("type") != Some(&Value::from("null")))
    {
        return resolve(root, o);
    }
    if let Some(items) = node.get("items") {
        return resolve(root, items);
    }
    node.clone()
}

/// The field names of the table at a dotted `path` of the format (`""` for the top of a file,
/// `"service.eligibility"`), as the schema lists them. Used to keep the docs and the loader in
/// step with the schema.
pub fn table_fields(path: &str) -> BTreeSet<String> {
    let root = schema_value();
    let mut node = root.clone();
    for key in path.split('.').filter(|k| !k.is_empty()) {
        node = resolve(&root, &node["properties"][key]);
    }
    node["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::diagnostic::{SourceFile, Sources};
    use crate::workspace::load_sources;
    use crate::workspace::reader::KNOWN_FIELDS;

    #[test]
    fn the_schema_and_the_loader_know_the_same_fields() {
        let doc = "[pathway]\n[[actor]]\n[[need]]\n[[service]]\neligibility = {}\ncapacity = {}\n\
                   [[handoff]]\n[[profile]]\n[[clock]]\nfrom = {}\nto = {}\n[[allow]]\n\
                   [documentation]\ntitles = {}\n";
        KNOWN_FIELDS.with(|k| k.borrow_mut().clear());
        let mut sources = Sources::new();
        sources.add(SourceFile::new("all.toml", doc));
        load_sources(sources);
        let read: BTreeMap<String, BTreeSet<String>> = KNOWN_FIELDS.with(|k| {
            k.borrow()
                .iter()
                .map(|(path, keys)| (path.clone(), keys.iter().cloned().collect()))
                .collect()
        });
        let tables = [
            "pathway",
            "actor",
            "need",
            "service",
            "service.eligibility",
            "service.capacity",
            "handoff",
            "profile",
            "clock",
            "clock.from",
            "clock.to",
            "allow",
            "documentation",
            "documentation.titles",
        ];
        assert_eq!(read["the file"], super::table_fields(""));
        for path in tables {
            let loader = read
                .get(path)
                .unwrap_or_else(|| panic!("the loader never read {path}: {read:?}"));
            assert_eq!(loader, &super::table_fields(path), "fields of {path}");
        }
    }
}
