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
use crate::model::{Lang, PathwayIx, ProfileIx, ServiceIx};
use crate::render::site::{self, Extras, Site};
use crate::render::view::{self, LaneBy, View, ViewKind, ViewOptions};
use crate::render::{bpmn, dot, graphml, graphviz, layout, mermaid, svg};

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
    /// Present: sent as an attachment with a file name.
    pub download: Option<String>,
}

/// A download format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// polku's own swimlane SVG.
    Svg,
    /// PNG through Graphviz.
    Png,
    /// PDF through Graphviz.
    Pdf,
    /// Graphviz source.
    Dot,
    /// Mermaid flowchart.
    Mermaid,
    /// BPMN 2.0 XML.
    Bpmn,
    /// GraphML.
    Graphml,
    /// polku's JSON.
    Json,
    /// The documentation page as Markdown, for Innokylä.
    Markdown,
}

impl Format {
    /// Every format, in the order downloads are offered.
    pub const ALL: [Format; 9] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Dot,
        Format::Mermaid,
        Format::Bpmn,
        Format::Graphml,
        Format::Json,
        Format::Markdown,
    ];

    /// The name in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Bpmn => "bpmn",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// The file extension of a download.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mermaid => "mmd",
            Format::Bpmn => "bpmn",
            Format::Markdown => "md",
            other => other.name(),
        }
    }

    /// The `Content-Type`.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            Format::Pdf => "application/pdf",
            Format::Dot => "text/vnd.graphviz; charset=utf-8",
            Format::Mermaid => "text/plain; charset=utf-8",
            Format::Bpmn => "application/xml",
            Format::Graphml => "application/graphml+xml",
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// Whether Graphviz makes it.
    pub fn needs_graphviz(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }

    fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }
}

/// Which drawing of a pathway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Choice {
    /// Lanes by organisation.
    Lanes,
    /// Lanes by sector.
    Sector,
    /// A profile's route.
    Route,
}

impl Choice {
    /// The name in URLs.
    pub fn name(self) -> &'static str {
        match self {
            Choice::Lanes => "lanes",
            Choice::Sector => "sector",
            Choice::Route => "route",
        }
    }

    /// Parses the name in URLs.
    pub fn parse(s: &str) -> Option<Choice> {
        [Choice::Lanes, Choice::Sector, Choice::Route]
            .into_iter()
            .find(|c| c.name() == s)
    }
}

/// A checked diagram request.
#[derive(Clone, Copy, Debug)]
pub struct Request {
    /// The pathway; `None` for the ecosystem.
    pub pathway: Option<PathwayIx>,
    /// The drawing (pathways only).
    pub choice: Choice,
    /// The profile whose route is drawn or marked.
    pub profile: Option<ProfileIx>,
    /// Label language.
    pub lang: Lang,
    /// Output format.
    pub format: Format,
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
        let choice = match query.view.as_deref() {
            None | Some("") => Choice::Lanes,
            Some(v) => Choice::parse(v)
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
        if pathway.is_some() && choice == Choice::Route && profile.is_none() {
            return Err(bad("the route view needs a profile: add ?profile=ID".into()));
        }
        if pathway.is_none() && format == Format::Markdown {
            return Err(bad(
                "Markdown is made per pathway; ask /api/pathways/ID/diagram?format=markdown".into(),
            ));
        }
        Ok(Request {
            pathway,
            choice,
            profile,
            lang,
            format,
        })
    }

    /// The cache key: the workspace content and everything that changes the output.
    fn key(&self, snapshot: &Snapshot, instance: u64) -> u64 {
        let mut h = std::hash::DefaultHasher::new();
        (
            instance,
            snapshot.hash,
            self.pathway.map(|p| p.0),
            self.choice,
            self.profile.map(|p| p.0),
            self.lang.code(),
            self.format,
            env!("CARGO_PKG_VERSION"),
        )
            .hash(&mut h);
        h.finish()
    }

    /// The file name of a download.
    pub fn file_name(&self, snapshot: &Snapshot) -> String {
        let model = &snapshot.loaded.model;
        let base = match self.pathway {
            Some(p) => model.pathway(p).id.clone(),
            None => "ecosystem".to_string(),
        };
        let view = match (self.pathway, self.choice) {
            (None, _) | (_, Choice::Lanes) => String::new(),
            (_, Choice::Sector) => "-sector".into(),
            (_, Choice::Route) => format!(
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

    /// The view this request draws.
    pub fn view(&self, snapshot: &Snapshot) -> Result<View, String> {
        let options = ViewOptions {
            kind: match (self.pathway, self.choice) {
                (None, _) => ViewKind::Ecosystem,
                (Some(_), Choice::Route) => ViewKind::Route,
                (Some(_), _) => ViewKind::Lanes,
            },
            lanes: match self.choice {
                Choice::Sector => LaneBy::Sector,
                _ => LaneBy::Actor,
            },
            pathway: self.pathway,
            profile: self.profile,
            lang: self.lang,
            ..ViewOptions::default()
        };
        view::build(&snapshot.loaded.model, &snapshot.analysis, &options)
    }

    /// Renders the request (blocking: layout, and `dot` for PNG and PDF).
    pub fn render(&self, snapshot: &Snapshot) -> Result<Vec<u8>, Reject> {
        let failed = |m: String| Reject(StatusCode::INTERNAL_SERVER_ERROR, m);
        let model = &snapshot.loaded.model;
        let analysis = &snapshot.analysis;
        let bytes = match self.format {
            Format::Json => {
                let value = match self.pathway {
                    Some(p) => super::api::pathway_json(snapshot, p, self.lang),
                    None => crate::render::json::json(model, analysis),
                };
                let mut text =
                    serde_json::to_string_pretty(&value).map_err(|e| failed(e.to_string()))?;
                text.push('\n');
                text.into_bytes()
            }
            Format::Graphml => {
                let services: Vec<ServiceIx> = match self.pathway {
                    Some(p) => model.pathway(p).services.clone(),
                    None => (0..model.services.len() as u32).map(ServiceIx).collect(),
                };
                graphml::graphml(model, analysis, &services, self.lang).into_bytes()
            }
            Format::Markdown => {
                let p = self.pathway.ok_or_else(|| failed("no pathway".into()))?;
                let site = Site {
                    model,
                    sources: &snapshot.loaded.sources,
                    analysis,
                    lang: self.lang,
                    analysis_summary: true,
                    finding_pathways: Some(&snapshot.finding_pathways),
                };
                let diagram = site::pathway_diagram(&site, p).map_err(failed)?;
                let page = site::pathway_page(&site, p, &diagram, Extras::default());
                site::markdown(&page, "").into_bytes()
            }
            format => {
                let view = self.view(snapshot).map_err(failed)?;
                match format {
                    Format::Svg => svg::svg(&view, &layout::layout(&view)).into_bytes(),
                    Format::Dot => dot::dot(&view).into_bytes(),
                    Format::Mermaid => mermaid::mermaid(&view).into_bytes(),
                    Format::Bpmn => bpmn::bpmn(&view, &layout::layout(&view)).into_bytes(),
                    Format::Png | Format::Pdf => {
                        let format = if format == Format::Png {
                            graphviz::Format::Png
                        } else {
                            graphviz::Format::Pdf
                        };
                        graphviz::run(&dot::dot(&view), format, graphviz::Limits::default())
                            .map_err(|e| match e {
                                graphviz::Error::NotInstalled => Reject(
                                    StatusCode::SERVICE_UNAVAILABLE,
                                    "PNG and PDF need Graphviz: install it (e.g. `apt-get install graphviz`) and restart polku serve; SVG works without it".into(),
                                ),
                                e => failed(e.to_string()),
                            })?
                    }
                    _ => unreachable!("handled above"),
                }
            }
        };
        Ok(bytes)
    }
}

/// Serves a diagram request: `304` when the browser has it, else from the cache or rendered
/// (PNG and PDF under the limit on concurrent `dot` processes).
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
            // Rendering is bounded twice: all renders by the CPUs, `dot` by its own limit.
            let Ok(_render) = state.renders.acquire().await else {
                return Reject(StatusCode::SERVICE_UNAVAILABLE, "shutting down".into())
                    .into_response();
            };
            let _permit = if request.format.needs_graphviz() {
                match state.dot.acquire().await {
                    Ok(p) => Some(p),
                    Err(_) => {
                        return Reject(StatusCode::SERVICE_UNAVAILABLE, "shutting down".into())
                            .into_response();
                    }
                }
            } else {
                None
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

    #[test]
    fn every_format_has_a_distinct_name_and_round_trips() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
        }
        assert_eq!(Format::parse("exe"), None);
    }
}
