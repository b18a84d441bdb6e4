//! JSON export of a whole workspace: the model, the findings and the flow figures, for other
//! programs (dashboards, notebooks, Innokylä imports).
//!
//! The model is serialised as it is (serde), where a reference between entities is an index into
//! the list it points at (`"actor": 2`). So that the document stands alone and reads well, every
//! reference also gets its id beside it (`"actor_id": "hus"`), every handoff an id
//! (`"from->to"`, as `[[allow]]` and findings name it) and every list of indices a list of ids.
//!
//! The top level: `format` (`"polku"`), `format_version` (1), `model`, `findings`, `flow` (one
//! entry per service, in model order) and `unused_allows`.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::analysis::{Analysis, Entity, flow, pathways_of_each};
use crate::model::{HandoffKind, Lang, Model, PathwayIx, Protocol};
use crate::render::Analysed;
use crate::render::report::summary;

/// Version of the JSON layout; raised when a field changes meaning or goes away.
pub const FORMAT_VERSION: u32 = 1;

// A typed struct rather than a `json!` value so that the OpenAPI document's schema is generated
// from what is really sent (`server::openapi`); the CLI and the server serialise this one value.
// Doc comments of these types are the schema's descriptions: written for the API's readers.
/// One pathway: its facts, services with details, handoffs, profiles and findings — the answer of
/// `/api/pathways/ID` and what `polku export --format json --pathway ID` writes.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PathwayJson {
    /// The pathway's id.
    pub id: String,
    /// Title in the asked language.
    pub title: String,
    /// Short description in the asked language, as written.
    pub summary: String,
    /// Region or wellbeing services county.
    pub region: Option<String>,
    /// The owning actor's id.
    pub owner: Option<String>,
    /// Every service of the pathway with its details and figures.
    pub services: Vec<summary::ServiceDetails>,
    /// The handoffs its file defines.
    pub handoffs: Vec<HandoffJson>,
    /// The client profiles it defines.
    pub profiles: Vec<ProfileJson>,
    /// Active findings that concern it, ranked as the analysis ranks them.
    pub findings: Vec<summary::FindingRow>,
}

/// One handoff of a pathway.
#[derive(Debug, Serialize, JsonSchema)]
pub struct HandoffJson {
    /// The sending service's id.
    pub from: String,
    /// The receiving service's id.
    pub to: String,
    /// The kind of handoff, as written in files.
    #[schemars(schema_with = "handoff_kind_schema")]
    pub kind: &'static str,
    /// The boundary protocol, as written in files, when one is given.
    #[schemars(schema_with = "protocol_schema")]
    pub protocol: Option<&'static str>,
    /// The wait, worded in the asked language (`2 vk`).
    pub wait: Option<String>,
}

/// One client profile of a pathway.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ProfileJson {
    /// The profile's id.
    pub id: String,
    /// Its name in the asked language.
    pub name: String,
}

/// The words of [`HandoffKind`], from the vocabulary itself (the model's enums have no schemars
/// derive: the file format's schema is written in `workspace::schema`).
fn handoff_kind_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": HandoffKind::words() })
}

/// The words of [`Protocol`], or `null`.
fn protocol_schema(_: &mut SchemaGenerator) -> Schema {
    let mut words: Vec<Value> = Protocol::words().into_iter().map(Value::from).collect();
    words.push(Value::Null);
    json_schema!({ "type": ["string", "null"], "enum": words })
}

/// The pathway `p` as [`PathwayJson`], with text in `lang`.
pub fn pathway_json(ws: &Analysed, p: PathwayIx, lang: Lang) -> PathwayJson {
    let model = &ws.loaded.model;
    let pw = model.pathway(p);
    let filter = summary::FindingFilter {
        pathway: Some(pw.id.clone()),
        ..summary::FindingFilter::default()
    };
    PathwayJson {
        id: pw.id.clone(),
        title: pw.title.get(lang).to_string(),
        summary: pw.summary.get(lang).to_string(),
        region: pw.region.clone(),
        owner: pw.owner.map(|a| model.actor(a).id.clone()),
        services: summary::service_details(ws, p, lang),
        handoffs: pw
            .handoffs
            .iter()
            .map(|h| {
                let h = model.handoff(*h);
                HandoffJson {
                    from: model.service(h.from).id.clone(),
                    to: model.service(h.to).id.clone(),
                    kind: h.kind.as_str(),
                    protocol: h.protocol.map(Protocol::as_str),
                    wait: h.wait.map(|w| crate::render::figures::duration(w, lang)),
                }
            })
            .collect(),
        profiles: pw
            .profiles
            .iter()
            .map(|pr| ProfileJson {
                id: model.profile(*pr).id.clone(),
                name: model.profile(*pr).name.get(lang).to_string(),
            })
            .collect(),
        findings: summary::finding_rows(ws, &filter, lang),
    }
}

/// The model, its findings and its flow figures as one JSON document.
pub fn json(model: &Model, analysis: &Analysis) -> Value {
    json!({
        "format": "polku",
        "format_version": FORMAT_VERSION,
        "model": model_json(model),
        "findings": findings(model, analysis),
        "flow": flow_json(model, analysis),
        "unused_allows": analysis.unused_allows.iter().map(|d| json!({
            "code": d.code.as_str(),
            "name": d.code.name(),
            "severity": d.severity,
            "message": d.message,
        })).collect::<Vec<_>>(),
    })
}

/// The model as serde writes it, with ids added beside every index.
fn model_json(model: &Model) -> Value {
    let mut value = serde_json::to_value(model).unwrap_or(Value::Null);
    let service_ids = |v: &Value| {
        ids(v, |i| {
            model.services().as_slice().get(i).map(|s| s.id.as_str())
        })
    };
    let need_ids = |v: &Value| {
        ids(v, |i| {
            model.needs().as_slice().get(i).map(|n| n.id.as_str())
        })
    };
    let actor_id = |v: &Value| {
        id(v, |i| {
            model.actors().as_slice().get(i).map(|a| a.id.as_str())
        })
    };
    let service_id = |v: &Value| {
        id(v, |i| {
            model.services().as_slice().get(i).map(|s| s.id.as_str())
        })
    };

    for_each(&mut value, "services", |s| {
        let actor = actor_id(field(s, "actor"));
        insert(s, "actor_id", actor);
        if let Some(e) = s.get_mut("eligibility").and_then(Value::as_object_mut) {
            let (needs, excludes) = (need_ids(field(e, "needs")), need_ids(field(e, "excludes")));
            e.insert("need_ids".into(), needs);
            e.insert("exclude_ids".into(), excludes);
        }
    });
    for_each(&mut value, "handoffs", |h| {
        let (from, to) = (service_id(field(h, "from")), service_id(field(h, "to")));
        let handoff = match (&from, &to) {
            (Value::String(f), Value::String(t)) => Value::String(format!("{f}->{t}")),
            _ => Value::Null,
        };
        insert(h, "id", handoff);
        insert(h, "from_id", from);
        insert(h, "to_id", to);
    });
    for_each(&mut value, "profiles", |p| {
        let (needs, entry) = (need_ids(field(p, "needs")), service_id(field(p, "entry")));
        insert(p, "need_ids", needs);
        insert(p, "entry_id", entry);
    });
    for_each(&mut value, "clocks", |c| {
        for selector in ["from", "to"] {
            if let Some(s) = c.get_mut(selector).and_then(Value::as_object_mut) {
                let services = service_ids(field(s, "services"));
                s.insert("service_ids".into(), services);
            }
        }
    });
    for_each(&mut value, "pathways", |p| {
        let owner = actor_id(field(p, "owner"));
        let services = service_ids(field(p, "services"));
        let handoffs = match field(p, "handoffs") {
            Value::Array(list) => list
                .iter()
                .map(|h| {
                    h.as_u64()
                        .and_then(|i| model.handoffs().as_slice().get(i as usize))
                        .map_or(Value::Null, |h| {
                            Value::String(format!(
                                "{}->{}",
                                model.service(h.from).id,
                                model.service(h.to).id
                            ))
                        })
                })
                .collect(),
            _ => Value::Null,
        };
        let profiles = ids(field(p, "profiles"), |i| {
            model.profiles().as_slice().get(i).map(|p| p.id.as_str())
        });
        insert(p, "owner_id", owner);
        insert(p, "service_ids", services);
        insert(p, "handoff_ids", handoffs);
        insert(p, "profile_ids", profiles);
    });
    value
}

/// Calls `f` on each object of the list `key` of `value`.
fn for_each(value: &mut Value, key: &str, mut f: impl FnMut(&mut Map<String, Value>)) {
    if let Some(list) = value.get_mut(key).and_then(Value::as_array_mut) {
        for item in list.iter_mut().filter_map(Value::as_object_mut) {
            f(item);
        }
    }
}

/// The field `key` of an object; `null` when it has none (never panics, unlike indexing a map).
fn field<'a>(object: &'a Map<String, Value>, key: &str) -> &'a Value {
    object.get(key).unwrap_or(&Value::Null)
}

fn insert(object: &mut Map<String, Value>, key: &str, value: Value) {
    object.insert(key.to_string(), value);
}

/// The id of the entity an index points at; `null` when the index is `null` (no reference).
fn id<'a>(index: &Value, lookup: impl Fn(usize) -> Option<&'a str>) -> Value {
    index
        .as_u64()
        .and_then(|i| lookup(i as usize))
        .map_or(Value::Null, |s| Value::String(s.to_string()))
}

/// The ids of a list of indices.
fn ids<'a>(indices: &Value, lookup: impl Fn(usize) -> Option<&'a str>) -> Value {
    match indices {
        Value::Array(list) => list.iter().map(|i| id(i, &lookup)).collect(),
        _ => Value::Array(Vec::new()),
    }
}

fn entity_kind(e: Entity) -> (&'static str, u32) {
    match e {
        Entity::Service(i) => ("service", i.0),
        Entity::Handoff(i) => ("handoff", i.0),
        Entity::Profile(i) => ("profile", i.0),
        Entity::Actor(i) => ("actor", i.0),
        Entity::Need(i) => ("need", i.0),
    }
}

fn findings(model: &Model, analysis: &Analysis) -> Vec<Value> {
    // Every finding's pathways at once, through indices, not each pathway of each finding.
    let pathways = pathways_of_each(model, &analysis.findings);
    analysis
        .findings
        .iter()
        .zip(&pathways)
        .map(|(f, pathways)| {
            let d = &f.diagnostic;
            json!({
                "code": d.code.as_str(),
                "name": d.code.name(),
                "severity": d.severity,
                "message": d.message,
                "why": f.why,
                "fix": d.help,
                "entities": f.entities.iter().map(|e| {
                    let (kind, index) = entity_kind(*e);
                    json!({ "kind": kind, "index": index, "id": e.id(model) })
                }).collect::<Vec<_>>(),
                "pathways": pathways.iter().map(|p| model.pathway(*p).id.clone()).collect::<Vec<_>>(),
                "affected_per_month": f.affected_per_month.filter(|a| a.is_finite()),
                // The figures the finding rests on, indices in model order as `entities`.
                "evidence": serde_json::to_value(&f.payload).unwrap_or(Value::Null),
                "allowed": f.allowed,
            })
        })
        .collect()
}

fn flow_json(model: &Model, analysis: &Analysis) -> Vec<Value> {
    let finite = |v: f64| v.is_finite().then_some(v);
    model.services().indices()
        .map(|s| {
            let service = model.service(s);
            let load = analysis.flow.load.get(s.index()).copied().unwrap_or(f64::NAN);
            let queue = service.capacity.and_then(|c| flow::queue(load, &c));
            json!({
                "service": service.id,
                "arrivals_per_month": analysis.flow.arrivals.get(s.index()).copied().and_then(finite),
                "load_per_month": finite(load),
                "unbounded": analysis.flow.unbounded.get(s.index()).copied().unwrap_or(false),
                "capacity_per_month": service.capacity.map(|c| c.clients_per_month).and_then(finite),
                "utilisation": queue.map(|q| q.utilisation).and_then(finite),
                "wait_probability": queue.and_then(|q| q.wait_probability).and_then(finite),
                "queue_wait_days": queue.and_then(|q| q.mean_queue_wait_days).and_then(finite),
            })
        })
        .collect()
}
