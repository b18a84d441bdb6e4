//! Diagrams and downloads over HTTP: one request type for every format, validated before any
//! work, rendered once per workspace content and cached with an ETag.
//!
//! The cache key is a hash of the snapshot's content hash and the request, so the ETag is known
//! before rendering: a browser that already has the diagram gets `304 Not Modified` without any
//! work, and an edit to any file gives every diagram a new tag.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::state::{AppState, Rendered, Snapshot};
use crate::model::{Lang, PathwayIx, ProfileIx};
use crate::render::diagram::view::{self, Focus, View};
use crate::render::pipeline::{self, Engine, Paper, Target};

/// Query parameters of a diagram request; every one is optional and checked.
#[derive(Debug, Default, Deserialize)]
pub struct DiagramQuery {
    /// `svg` (default), `png`, `pdf`, `dot`, `mermaid`, `bpmn`, `graphml`, `json`, `markdown`.
    pub format: Option<String>,
    /// `lanes` (default), `sector`, `route`.
    pub view: Option<String>,
    /// The profile id, for the route view (and to mark a route in the others).
    pub profile: Option<String>,
    /// `fi`, `sv`, `en`.
    pub lang: Option<String>,
    /// The ecosystem of one region (its name; `-` for services without one).
    pub region: Option<String>,
    /// The ecosystem of one organisation (its id; `-` for services without one).
    pub actor: Option<String>,
    /// Present: sent as an attachment with a file name.
    pub download: Option<String>,
}

pub use crate::render::pipeline::{Drawing, Format};

/// A checked diagram request.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// The pathway; `None` for the ecosystem.
    pub pathway: Option<PathwayIx>,
    /// The drawing (pathways only).
    pub drawing: Drawing,
    /// The profile whose route is drawn or marked.
    pub profile: Option<ProfileIx>,
    /// Label language.
    pub lang: Lang,
    /// Output format.
    pub format: Format,
    /// The part of the ecosystem (the ecosystem only).
    pub focus: Focus,
}

/// A request that cannot be served, with the status and a message that says what to do.
pub struct Reject(pub StatusCode, pub String);

impl IntoResponse for Reject {
    fn into_response(self) -> Response {
        let mut response = (self.0, format!("{}\n", self.1)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}

impl Request {
    /// Checks the query against the snapshot; `lang` is the language already chosen for the
    /// visitor (query, cookie or browser).
    pub fn parse(
        snapshot: &Snapshot,
        pathway: Option<PathwayIx>,
        query: &DiagramQuery,
        lang: Lang,
    ) -> Result<Request, Reject> {
        let bad = |m: String| Reject(StatusCode::BAD_REQUEST, m);
        let format = match query.format.as_deref() {
            None | Some("") => Format::Svg,
            Some(f) => Format::parse(f).ok_or_else(|| {
                bad(format!(
                    "unknown format `{f}`; use one of: {}",
                    Format::ALL.map(Format::name).join(", ")
                ))
            })?,
        };
        let drawing = match query.view.as_deref() {
            None | Some("") => Drawing::Lanes,
            Some(v) => Drawing::parse(v)
                .ok_or_else(|| bad(format!("unknown view `{v}`; use lanes, sector or route")))?,
        };
        let model = &snapshot.loaded.model;
        let profile = match query.profile.as_deref() {
            None | Some("") => None,
            Some(id) => Some(
                model
                    .profile_by_id(id)
                    .ok_or_else(|| bad(format!("unknown profile `{id}`")))?,
            ),
        };
        if pathway.is_some() && drawing == Drawing::Route && profile.is_none() {
            return Err(bad("the route view needs a profile: add ?profile=ID".into()));
        }
        if pathway.is_none() && format == Format::Markdown {
            return Err(bad(
                "Markdown is made per pathway; ask /api/pathways/ID/diagram?format=markdown".into(),
            ));
        }
        let focus = match pathway {
            Some(_) => Focus::All,
            None => Focus::resolve(model, query.region.as_deref(), query.actor.as_deref())
                .map_err(|m| Reject(StatusCode::NOT_FOUND, m))?,
        };
        Ok(Request {
            pathway,
            drawing,
            profile,
            lang,
            format,
            focus,
        })
    }

    /// The cache key: the workspace content and everything that changes the output.
    fn key(&self, snapshot: &Snapshot, instance: u64) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        (
            instance,
            snapshot.hash,
            self.pathway.map(|p| p.0),
            self.drawing,
            self.profile.map(|p| p.0),
            self.lang.code(),
            self.format,
            self.focus,
            env!("CARGO_PKG_VERSION"),
        )
            .hash(&mut h);
        h.finish()
    }

    /// The file name of a download.
    pub fn file_name(&self, snapshot: &Snapshot) -> String {
        let model = &snapshot.loaded.model;
        let base = match (self.pathway, self.focus.query(model)) {
            (Some(p), _) => model.pathway(p).id.clone(),
            (None, None) => "ecosystem".to_string(),
            (None, Some((param, value))) => format!("ecosystem-{param}-{}", file_safe(&value)),
        };
        let view = match (self.pathway, self.drawing) {
            (None, _) | (_, Drawing::Lanes) => String::new(),
            (_, Drawing::Sector) => "-sector".into(),
            (_, Drawing::Route) => format!(
                "-route-{}",
                self.profile.map_or("", |p| model.profile(p).id.as_str())
            ),
        };
        format!(
            "{base}{view}-{}.{}",
            self.lang.code(),
            self.format.extension()
        )
    }

    /// The request of the output pipeline: polku's own layout in every format, PNG and PDF on
    /// A4 landscape pages (no Graphviz).
    pub fn pipeline(&self) -> pipeline::Request {
        pipeline::Request {
            target: match self.pathway {
                Some(p) => Target::Pathway(Some(p)),
                None => Target::Workspace,
            },
            drawing: self.drawing,
            profile: self.profile,
            lang: self.lang,
            format: self.format,
            engine: Engine::Native,
            paper: Paper::A4,
            focus: self.focus,
        }
    }

    /// The view this request draws.
    pub fn view(&self, snapshot: &Snapshot) -> Result<View, view::ViewError> {
        view::build(
            &snapshot.loaded.model,
            &snapshot.analysis,
            &self.pipeline().view_options(),
        )
    }

    /// Renders the request (blocking: layout, and `dot` for PNG and PDF).
    pub fn render(&self, snapshot: &Snapshot) -> Result<Vec<u8>, Reject> {
        pipeline::render(
            &snapshot.analysed(),
            &self.pipeline(),
            pipeline::Graphviz::default(),
        )
        .map(|output| output.bytes)
        .map_err(reject)
    }
}

/// A value as a file-name part: letters and digits kept (ä and ö too), the rest `-`.
fn file_safe(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The web words for a view that cannot be drawn: with the query parameter that fixes it.
pub fn view_words(e: &view::ViewError) -> String {
    match e {
        view::ViewError::PathwayNeeded(ids) => {
            format!("choose a pathway: /pathways/ID, one of {}", ids.join(", "))
        }
        view::ViewError::ProfileNeeded => {
            "the route view needs a profile: add ?profile=ID".to_string()
        }
    }
}

/// The web words for an output that could not be made.
fn reject(e: pipeline::Error) -> Reject {
    match e {
        pipeline::Error::View(e) => Reject(StatusCode::BAD_REQUEST, view_words(&e)),
        pipeline::Error::PerPathway(format) => Reject(
            StatusCode::BAD_REQUEST,
            format!(
                "{} is made per pathway; ask /api/pathways/ID/diagram?format={}",
                format.name(),
                format.name()
            ),
        ),
        e => Reject(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// Serves a diagram request: `304` when the browser has it, else from the cache or rendered
/// (at most one render per CPU at a time).
pub async fn respond(
    state: &AppState,
    snapshot: Arc<Snapshot>,
    request: Request,
    download: bool,
    headers: &HeaderMap,
) -> Response {
    let key = request.key(&snapshot, state.instance);
    let etag = format!("\"{key:016x}\"");
    let name = request.file_name(&snapshot);
    if if_none_match(headers, &etag) {
        return not_modified(&etag);
    }
    let cached = state
        .cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(key);
    let rendered = match cached {
        Some(r) => r,
        None => {
            // Rendering is bounded by the CPUs.
            let Ok(_render) = state.renders.acquire().await else {
                return Reject(StatusCode::SERVICE_UNAVAILABLE, "shutting down".into())
                    .into_response();
            };
            let job = snapshot.clone();
            let body = match tokio::task::spawn_blocking(move || request.render(&job)).await {
                Ok(Ok(body)) => body,
                Ok(Err(reject)) => return reject.into_response(),
                Err(e) => {
                    return Reject(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                        .into_response();
                }
            };
            let rendered = Arc::new(Rendered {
                body: Bytes::from(body),
                content_type: request.format.content_type(),
                etag: etag.clone(),
            });
            state
                .cache
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .put(key, rendered.clone());
            rendered
        }
    };
    let mut response = (StatusCode::OK, rendered.body.clone()).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(rendered.content_type),
    );
    if let Ok(v) = HeaderValue::from_str(&rendered.etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let disposition = if download { "attachment" } else { "inline" };
    // Ids are restricted to [a-z0-9-], so the name needs no quoting beyond the quotes.
    if let Ok(v) = HeaderValue::from_str(&format!("{disposition}; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

/// Whether `If-None-Match` names this tag (or `*`).
fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

fn not_modified(etag: &str) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    if let Ok(v) = HeaderValue::from_str(etag) {
        response.headers_mut().insert(header::ETAG, v);
    }
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_reads_lists_weak_tags_and_star() {
        let mut h = HeaderMap::new();
        assert!(!if_none_match(&h, "\"a\""));
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"b\", W/\"a\""),
        );
        assert!(if_none_match(&h, "\"a\""));
        assert!(!if_none_match(&h, "\"c\""));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(if_none_match(&h, "\"c\""));
    }
}
