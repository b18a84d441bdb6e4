//! The JSON API under `/api`: the same data as the pages (the structs of [`super::summary`]),
//! diagrams in every format, and the OpenAPI document that describes it.

use std::convert::Infallible;

use axum::Json;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Serialize;
use serde_json::json;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::{BroadcastStream, WatchStream};

use super::diagrams::{self, DiagramQuery, Request};
use super::request::{
    EcosystemQuery, FindingsQuery, LangQuery, errors_by_file, find_pathway, language,
};
use super::state::{AppState, Event, Problems, Snapshot};
use crate::model::PathwayIx;
use crate::render::diagram::view::Focus;
use crate::render::export::json::{PathwayJson, pathway_json};
use crate::render::report::summary::{self, FindingRow, PathwayRow, SectorMatrix};

/// Every API path, as the router declares it; a test holds the OpenAPI document to this list.
pub const PATHS: &[&str] = &[
    "/api/status",
    "/api/pathways",
    "/api/pathways/{id}",
    "/api/pathways/{id}/diagram",
    "/api/findings",
    "/api/ecosystem",
    "/api/ecosystem/diagram",
    "/api/openapi.json",
];

// The response types below are the schemas of `/api/openapi.json` (`super::openapi`): their doc
// comments are the descriptions API readers see.
/// The JSON body of every API error (400, 404).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ApiError {
    /// What is wrong.
    pub error: String,
    /// What to do instead.
    pub help: &'static str,
}

/// The answer of `GET /api/status`: what is served and whether the newest load had errors.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Status<'a> {
    /// The newest load: counts every reload, served or not.
    pub generation: u64,
    /// The load being served; behind `generation` while the newest load has errors.
    pub served_generation: u64,
    /// Pathways served.
    pub pathways: usize,
    /// Active findings served.
    pub findings: usize,
    /// The errors of the newest load when it was not served, else `null`.
    #[schemars(schema_with = "problems_schema")]
    pub problems: Option<&'a Problems>,
}

/// The schema of [`Problems`], written here: that type belongs to `server::state`, which holds
/// what the live-reload overlay shows, and its diagnostics are `polku check --format json`'s.
fn problems_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": ["object", "null"],
        "description": "The errors of a load that was not served, as the page overlay shows them.",
        "required": ["generation", "errors", "text", "diagnostics", "more"],
        "properties": {
            "generation": { "type": "integer", "minimum": 0, "description": "The reload that found them." },
            "errors": { "type": "integer", "minimum": 0, "description": "Errors in the load, shown or not." },
            "more": {
                "type": "array",
                "description": "Errors not shown, per file that has some shown (the first of each file are).",
                "items": {
                    "type": "object",
                    "required": ["errors"],
                    "properties": {
                        "file": { "type": "string" },
                        "errors": { "type": "integer", "minimum": 0 }
                    }
                }
            },
            "more_elsewhere": {
                "type": "object",
                "description": "Errors not shown in files that have none shown: the byte budget of the answer was spent before them.",
                "required": ["files", "errors"],
                "properties": {
                    "files": { "type": "integer", "minimum": 0 },
                    "errors": { "type": "integer", "minimum": 0 }
                }
            },
            "text": { "type": "string", "description": "Printed as `polku check` prints them, without colour." },
            "diagnostics": {
                "type": "array",
                "description": "The same as data, in the format of `polku check --format json`.",
                "items": {
                    "type": "object",
                    "required": ["severity", "code", "name", "message"],
                    "properties": {
                        "severity": { "type": "string", "enum": ["error", "warning", "note"] },
                        "code": { "type": "string", "examples": ["E0009"] },
                        "name": { "type": "string", "examples": ["unknown-reference"] },
                        "message": { "type": "string" },
                        "position": { "type": "object" },
                        "label": { "type": "string" },
                        "why": { "type": "string" },
                        "help": { "type": "string" },
                        "related": { "type": "array", "items": { "type": "object" } }
                    }
                }
            }
        }
    })
}

/// The answer of `GET /api/pathways`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct PathwayList {
    /// One row per pathway, in the order of their titles.
    pub pathways: Vec<PathwayRow>,
}

/// The answer of `GET /api/findings`: one page of the matching findings.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FindingList {
    /// Active findings of the whole workspace.
    pub total: usize,
    /// Findings that pass the filter, before offset and limit.
    pub matching: usize,
    /// The asked page of the matching findings, ranked.
    pub findings: Vec<FindingRow>,
}

/// The answer of `GET /api/ecosystem`: the size of the workspace and the sector matrix of the
/// part asked for.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Ecosystem {
    /// Pathways in the workspace.
    pub pathways: usize,
    /// Actors.
    pub actors: usize,
    /// Services.
    pub services: usize,
    /// Handoffs.
    pub handoffs: usize,
    /// Services of the region or organisation asked for (`region`, `actor`); all without.
    pub in_focus: usize,
    /// Handoffs between sectors among those services.
    pub matrix: SectorMatrix,
}

/// The API's query, read strictly: a query that does not parse is a 400 in JSON that says why.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(q)) => Ok(ApiQuery(q)),
            Err(rejection) => Err((
                StatusCode::BAD_REQUEST,
                Json(ApiError {
                    error: rejection.body_text(),
                    help: "see the parameters in /api/openapi.json",
                }),
            )
                .into_response()),
        }
    }
}

fn not_found(what: &str) -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(ApiError {
            error: format!("no {what}"),
            help: "GET /api/pathways lists the pathways",
        }),
    )
        .into_response()
}

/// `GET /api/status`: the served generation and the newest load's problems.
pub async fn status(State(state): State<AppState>) -> Response {
    let snapshot = state.snapshot();
    let (generation, problems) = state.status();
    Json(Status {
        generation,
        served_generation: snapshot.generation,
        pathways: snapshot.loaded.model.pathways().len(),
        findings: snapshot.analysis.active().count(),
        problems: problems.as_deref(),
    })
    .into_response()
}

/// `GET /api/pathways`: the overview's rows.
pub async fn pathways(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Json<PathwayList> {
    let (lang, _) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let errors = errors_by_file(&state, &snapshot);
    Json(PathwayList {
        pathways: summary::pathway_rows(&snapshot.analysed(), &snapshot.modified, lang, &errors),
    })
}

/// `GET /api/pathways/{id}`.
pub async fn pathway(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
    headers: HeaderMap,
) -> Response {
    let (lang, _) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    match find_pathway(&snapshot, &id) {
        Some(p) => Json::<PathwayJson>(pathway_json(&snapshot.analysed(), p, lang)).into_response(),
        None => not_found("such pathway"),
    }
}

/// `GET /api/pathways/{id}/diagram`.
pub async fn pathway_diagram(
    State(state): State<AppState>,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<DiagramQuery>,
    headers: HeaderMap,
) -> Response {
    let snapshot = state.snapshot();
    match find_pathway(&snapshot, &id) {
        Some(p) => diagram(state, snapshot, Some(p), q, headers).await,
        None => not_found("such pathway"),
    }
}

/// `GET /api/ecosystem/diagram`.
pub async fn ecosystem_diagram(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<DiagramQuery>,
    headers: HeaderMap,
) -> Response {
    let snapshot = state.snapshot();
    diagram(state, snapshot, None, q, headers).await
}

/// A pathway's (or, without one, the ecosystem's) diagram as the query asks.
async fn diagram(
    state: AppState,
    snapshot: std::sync::Arc<Snapshot>,
    pathway: Option<PathwayIx>,
    q: DiagramQuery,
    headers: HeaderMap,
) -> Response {
    let (lang, _) = language(q.lang.as_deref(), &headers);
    match Request::parse(&snapshot, pathway, &q, lang) {
        Ok(request) => {
            diagrams::respond(&state, snapshot, request, q.download.is_some(), &headers).await
        }
        Err(reject) => reject.into_response(),
    }
}

/// Findings returned when no `limit` is given: a national workspace has thousands, tens of
/// megabytes in one answer.
pub const DEFAULT_LIMIT: usize = 1000;

/// `GET /api/findings`.
pub async fn findings(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<FindingsQuery>,
    headers: HeaderMap,
) -> Json<FindingList> {
    let (lang, _) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let indices = summary::matching_findings(&snapshot.analysed(), &q.filter());
    let matching = indices.len();
    let page: Vec<usize> = indices
        .into_iter()
        .skip(q.offset.unwrap_or(0))
        .take(q.limit.unwrap_or(DEFAULT_LIMIT))
        .collect();
    let rows = summary::rows_of(&snapshot.analysed(), &page, lang);
    Json(FindingList {
        total: snapshot.analysis.active().count(),
        matching,
        findings: rows,
    })
}

/// `GET /api/ecosystem`: the sector matrix and the size of the workspace.
pub async fn ecosystem(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<EcosystemQuery>,
    headers: HeaderMap,
) -> Response {
    let (lang, _) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let model = &snapshot.loaded.model;
    let focus = match Focus::resolve(model, q.region.as_deref(), q.actor.as_deref()) {
        Ok(f) => f,
        Err(message) => return diagrams::Reject(StatusCode::NOT_FOUND, message).into_response(),
    };
    let services = focus.services(model);
    Json(Ecosystem {
        pathways: model.pathways().len(),
        actors: model.actors().len(),
        services: model.services().len(),
        handoffs: model.handoffs().len(),
        in_focus: services.len(),
        matrix: summary::sector_matrix(&snapshot.analysed(), lang, &services),
    })
    .into_response()
}

/// `GET /events`: server-sent events for live reload. On connecting, a page is told the served
/// generation (so one that missed a reload while reconnecting reloads) and any problems; then
/// every reload and every failed load as it happens. The stream ends when the server shuts down.
pub async fn events(State(state): State<AppState>) -> Response {
    let receiver = state.events.subscribe();
    let snapshot = state.snapshot();
    let (_, problems) = state.status();
    let mut first = vec![Event::Reload(snapshot.generation)];
    first.extend(problems.map(Event::Problems));
    let initial = tokio_stream::iter(first.into_iter().map(Some));
    let updates = BroadcastStream::new(receiver).filter_map(|e| e.ok().map(Some));
    let stop = WatchStream::from_changes(state.shutdown.clone()).map(|_| None);
    let stream = initial
        .chain(updates.merge(stop))
        .take_while(Option::is_some)
        .filter_map(move |e| e.map(|e| Ok::<_, Infallible>(sse(&state, &e))));
    Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn sse(state: &AppState, event: &Event) -> SseEvent {
    match event {
        Event::Reload(generation) => SseEvent::default().event("reload").data(
            json!({ "generation": generation, "version": state.version(*generation) }).to_string(),
        ),
        Event::Problems(problems) => SseEvent::default()
            .event("problems")
            .data(serde_json::to_string(problems.as_ref()).unwrap_or_default()),
    }
}
