//! The HTML pages: overview, pathway, ecosystem and findings dashboard, rendered on the server
//! from templates. The documentation part of the pathway and ecosystem pages is the same
//! [`site::Page`] `polku build` writes, rendered by the same `sections.html` template; only its
//! links are pointed at the server's addresses.

use std::collections::BTreeMap;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::diagrams::{DiagramQuery, Drawing, Format, Request};
use super::request::{
    EcosystemQuery, FindingsQuery, LANG_COOKIE, LangQuery, errors_by_file, find_pathway, language,
};
use super::state::{AppState, Snapshot};
use super::texts::{Ui, ui};

use crate::model::{Lang, ProfileIx};
use crate::render::diagram::view::Focus;
use crate::render::report::summary::{self, FindingFilter};
use crate::render::site::{self, Extras, Page, Site};
use crate::render::viewer::{self, Viewer};

/// Adds the language cookie to a response when the visitor chose one.
fn remember(mut response: Response, lang: Lang, chosen: bool) -> Response {
    if chosen {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// A link to this page in another language.
#[derive(Serialize)]
struct LangLink {
    code: &'static str,
    label: &'static str,
    href: String,
}

/// The frame every page shares: language, navigation and the error overlay.
#[derive(Serialize)]
struct Frame {
    lang: &'static str,
    ui: &'static Ui,
    langs: Vec<LangLink>,
    version: String,
    problems: Option<String>,
    nav: &'static str,
    title: String,
}

fn frame(
    state: &AppState,
    snapshot: &Snapshot,
    lang: Lang,
    uri: &Uri,
    nav: &'static str,
    title: String,
) -> Frame {
    let (_, problems) = state.status();
    let others: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
        .collect();
    let langs = Lang::ALL
        .into_iter()
        .map(|l| {
            let mut query = others.clone();
            let pair = format!("lang={}", l.code());
            query.push(&pair);
            LangLink {
                code: l.code(),
                label: match l {
                    Lang::Fi => "suomi",
                    Lang::Sv => "svenska",
                    Lang::En => "English",
                },
                // Relative to the page itself: a path from the request (`//elsewhere/x`) never
                // becomes a link off the site.
                href: format!("?{}", query.join("&")),
            }
        })
        .collect();
    Frame {
        lang: lang.code(),
        ui: ui(lang),
        langs,
        version: state.version(snapshot.generation),
        problems: problems.map(|p| p.text.clone()),
        nav,
        title,
    }
}

/// Renders a template of the app with the frame and the page's own values.
fn render(
    state: &AppState,
    template: &str,
    frame: Frame,
    values: minijinja::Value,
    status: StatusCode,
) -> Response {
    let context = minijinja::context! { ..minijinja::Value::from_serialize(&frame), ..values };
    match state
        .templates
        .get_template(template)
        .and_then(|t| t.render(context))
    {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot render {template}: {e}\n"),
        )
            .into_response(),
    }
}

/// Who asks, in which language, for what address.
struct Visit<'a> {
    lang: Lang,
    /// The language was chosen by `?lang=` (the cookie is set).
    chosen: bool,
    uri: &'a Uri,
}

/// A page of the app: the frame, the template with its values, the language cookie.
fn app_page(
    state: &AppState,
    snapshot: &Snapshot,
    visit: &Visit,
    nav: &'static str,
    title: String,
    template: &str,
    values: minijinja::Value,
) -> Response {
    let f = frame(state, snapshot, visit.lang, visit.uri, nav, title);
    let response = render(state, template, f, values, StatusCode::OK);
    remember(response, visit.lang, visit.chosen)
}

/// Runs a page's building on the blocking pool, at most [`super::state::Shared::renders`] at once: a page
/// of a national workspace takes tens of milliseconds of layout and must neither hold up the
/// async workers that answer everything else nor run unbounded in parallel.
pub async fn blocking(
    state: AppState,
    build: impl FnOnce(AppState) -> Response + Send + 'static,
) -> Response {
    let Ok(_permit) = state.renders.acquire().await else {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let job = state.clone();
    match tokio::task::spawn_blocking(move || build(job)).await {
        Ok(response) => response,
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, format!("{e}\n")).into_response(),
    }
}

/// A page's query, read leniently: a query string that does not parse (`?page=-1`, a parameter
/// given twice) gives the page with its defaults, never an error page. The API is strict
/// ([`super::api::ApiQuery`]).
pub struct Lenient<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned + Default> FromRequestParts<S> for Lenient<T> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let query = Query::<T>::from_request_parts(parts, state).await;
        Ok(Lenient(query.map(|Query(q)| q).unwrap_or_default()))
    }
}

/// `GET /`: every pathway with its counts.
pub async fn overview(
    State(state): State<AppState>,
    Lenient(q): Lenient<LangQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let (lang, chosen) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let rows = summary::pathway_rows(
        &snapshot.analysed(),
        &snapshot.modified,
        lang,
        &errors_by_file(&state, &snapshot),
    );
    let visit = Visit {
        lang,
        chosen,
        uri: &uri,
    };
    app_page(
        &state,
        &snapshot,
        &visit,
        "overview",
        ui(lang).overview.clone(),
        "serve/overview.html",
        minijinja::context! { pathways => rows },
    )
}

/// The documentation part of a page as the server shows it (its links already written as the
/// server's addresses): no figure and no attachments (the page shows the live diagram and its
/// downloads instead).
fn for_server(mut page: Page) -> Page {
    page.sections
        .retain(|s| s.id != "attachments" && s.id != "diagram");
    for s in &mut page.sections {
        s.figure = None;
    }
    page.sections.retain(|s| !s.is_empty());
    page
}

/// The download links of a diagram request, in the page's language and view.
fn downloads(base: &str, query: &str) -> Vec<(String, String)> {
    Format::ALL
        .into_iter()
        .filter(|f| !base.starts_with("/api/ecosystem") || *f != Format::Markdown)
        .map(|f| {
            (
                f.name().to_uppercase(),
                format!("{base}?format={}{query}&download=1", f.name()),
            )
        })
        .collect()
}

/// Query of the pathway page.
#[derive(Debug, Default, Deserialize)]
pub struct PathwayQuery {
    /// `lanes`, `sector`, `route`.
    pub view: Option<String>,
    /// A profile id.
    pub profile: Option<String>,
    /// `fi`, `sv`, `en`.
    pub lang: Option<String>,
}

/// `GET /pathways/{id}`: the diagram with its findings and service details, and the
/// documentation.
pub async fn pathway(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Lenient(q): Lenient<PathwayQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    blocking(state, move |state| pathway_page(state, id, q, headers, uri)).await
}

fn pathway_page(
    state: AppState,
    id: String,
    q: PathwayQuery,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let (lang, chosen) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let Some(p) = find_pathway(&snapshot, &id) else {
        return not_found_page(&state, lang, &uri, format!("/pathways/{id}"));
    };
    let t = ui(lang);
    let model = &snapshot.loaded.model;
    let pw = model.pathway(p);
    let profiles: Vec<(String, String)> = viewer::pathway_profiles(model, p)
        .into_iter()
        .map(|pr| {
            let profile = model.profile(pr);
            (profile.id.clone(), profile.name.get(lang).to_string())
        })
        .collect();
    // The page never answers a choice with an error: an unknown profile is dropped with a
    // notice (it may have been renamed while the page was open), the route view without a
    // profile shows the first one, an unknown view the lanes.
    let mut notice = String::new();
    let mut profile = q.profile.clone().filter(|id| !id.is_empty());
    if let Some(id) = profile.as_deref()
        && model.profile_by_id(id).is_none()
    {
        notice = format!("{}: {id}", t.unknown_profile);
        profile = None;
    }
    let mut view = q.view.clone().filter(|v| Drawing::parse(v).is_some());
    if view.as_deref() == Some(Drawing::Route.name()) && profile.is_none() {
        profile = profiles.first().map(|(id, _)| id.clone());
        if profile.is_none() {
            view = None;
        }
    }
    let query = DiagramQuery {
        view,
        profile,
        ..DiagramQuery::default()
    };
    let request = match Request::parse(&snapshot, Some(p), &query, lang) {
        Ok(r) => r,
        Err(reject) => return reject.into_response(),
    };
    let offered = viewer::pathway_profiles(model, p);
    let (viewer, diagram_error) = match request.view(&snapshot) {
        Ok(view) => {
            let layout = crate::render::diagram::layout::layout(&view);
            let viewer = Viewer::new(model, &snapshot.analysis, &view, &layout, &offered);
            (Some(viewer), String::new())
        }
        Err(e) => (None, super::diagrams::view_words(&e)),
    };
    let site = Site {
        model,
        sources: &snapshot.loaded.sources,
        analysis: &snapshot.analysis,
        lang,
        analysis_summary: false,
        finding_pathways: Some(&snapshot.finding_pathways),
        linking: site::Linking::Server,
    };
    let page = match site::pathway_diagram(&site, p) {
        Ok(d) => site::pathway_page(
            &site,
            p,
            &d,
            Extras {
                png: false,
                pdf: false,
                markdown: false,
            },
        ),
        Err(e) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                super::diagrams::view_words(&e),
            )
                .into_response();
        }
    };
    let filter = FindingFilter {
        pathway: Some(pw.id.clone()),
        ..FindingFilter::default()
    };
    let findings = summary::finding_rows(&snapshot.analysed(), &filter, lang);
    let finding_titles: Vec<String> = snapshot
        .analysis
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.diagnostic.code.as_str(),
                crate::render::report::headline::headline(model, f, lang)
            )
        })
        .collect();
    let profile_query = match request.profile {
        Some(pr) => format!("&profile={}", model.profile(pr).id),
        None => String::new(),
    };
    let dl_query = format!(
        "&view={}{profile_query}&lang={}",
        request.drawing.name(),
        lang.code()
    );
    let views = [
        (Drawing::Lanes.name(), t.view_lanes.clone()),
        (Drawing::Sector.name(), t.view_sector.clone()),
        (Drawing::Route.name(), t.view_route.clone()),
    ];
    let visit = Visit {
        lang,
        chosen,
        uri: &uri,
    };
    app_page(
        &state,
        &snapshot,
        &visit,
        "pathway",
        pw.title.get(lang).to_string(),
        "serve/pathway.html",
        minijinja::context! {
            pathway => pw.id,
            page => for_server(page),
            view => request.drawing.name(),
            views => views,
            profile => request.profile.map(|pr| model.profile(pr).id.clone()).unwrap_or_default(),
            profiles => profiles,
            notice => notice,
            viewer => viewer,
            diagram_error => diagram_error,
            findings => findings,
            finding_titles => finding_titles,
            services => summary::service_details(&snapshot.analysed(), p, lang),
            downloads => downloads(&format!("/api/pathways/{}/diagram", pw.id), &dl_query),
        },
    )
}

/// `GET /ecosystem`: every pathway in one diagram, and the sector matrix.
pub async fn ecosystem(
    State(state): State<AppState>,
    Lenient(q): Lenient<EcosystemQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    blocking(state, move |state| ecosystem_page(state, q, headers, uri)).await
}

/// One step of the way down the ecosystem, for the breadcrumbs and the list of boxes to open.
#[derive(Debug, Serialize)]
struct Step {
    /// What it is called.
    label: String,
    /// Services it holds (the boxes to open); 0 for a breadcrumb.
    services: usize,
    /// Where it leads.
    href: String,
}

/// The URL of the ecosystem page at `focus`, in `lang`.
fn ecosystem_href(model: &crate::model::Model, focus: Focus, lang: Lang) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    if let Some((param, value)) = focus.query(model) {
        url.append_pair(param, &value);
    }
    url.append_pair("lang", lang.code());
    format!("/ecosystem?{}", url.finish())
}

fn ecosystem_page(state: AppState, q: EcosystemQuery, headers: HeaderMap, uri: Uri) -> Response {
    let (lang, chosen) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let model = &snapshot.loaded.model;
    let focus = match Focus::resolve(model, q.region.as_deref(), q.actor.as_deref()) {
        Ok(f) => f,
        Err(message) => return not_found_page(&state, lang, &uri, message),
    };
    let site = Site {
        model,
        sources: &snapshot.loaded.sources,
        analysis: &snapshot.analysis,
        lang,
        analysis_summary: false,
        finding_pathways: Some(&snapshot.finding_pathways),
        linking: site::Linking::Server,
    };
    let mut open = Vec::new();
    let everyone: Vec<ProfileIx> = model.profiles().indices().collect();
    let (viewer, diagram_error, page) = match site::ecosystem_diagram(&site, focus) {
        Ok(d) => {
            open = d
                .view
                .nodes
                .iter()
                .filter_map(|n| {
                    let drill = n.drill.as_ref()?;
                    Some(Step {
                        label: drill.focus.name(model, lang).unwrap_or_default(),
                        services: n.count,
                        href: ecosystem_href(model, drill.focus, lang),
                    })
                })
                .collect();
            (
                Some(Viewer::new(
                    model,
                    &snapshot.analysis,
                    &d.view,
                    &d.layout,
                    &everyone,
                )),
                String::new(),
                (focus == Focus::All)
                    .then(|| for_server(site::ecosystem_page(&site, &d, Extras::default()))),
            )
        }
        Err(e) => (None, super::diagrams::view_words(&e), None),
    };
    // Ecosystem › region › organisation: the way back up.
    let mut crumbs = Vec::new();
    if focus != Focus::All {
        crumbs.push(Step {
            label: ui(lang).ecosystem.clone(),
            services: 0,
            href: ecosystem_href(model, Focus::All, lang),
        });
        if let Focus::Actor(Some(a)) = focus {
            let region = model
                .actor(a)
                .region
                .as_deref()
                .and_then(|r| model.regions().iter().position(|x| *x == r));
            if let Some(r) = region {
                let up = Focus::Region(Some(r));
                crumbs.push(Step {
                    label: up.name(model, lang).unwrap_or_default(),
                    services: 0,
                    href: ecosystem_href(model, up, lang),
                });
            }
        }
    }
    let services = focus.services(model);
    let visit = Visit {
        lang,
        chosen,
        uri: &uri,
    };
    let query = focus
        .query(model)
        .map(|(param, value)| {
            let mut url = form_urlencoded::Serializer::new(String::new());
            url.append_pair(param, &value);
            format!("&{}", url.finish())
        })
        .unwrap_or_default();
    app_page(
        &state,
        &snapshot,
        &visit,
        "ecosystem",
        ui(lang).ecosystem.clone(),
        "serve/ecosystem.html",
        minijinja::context! {
            focus_name => focus.name(model, lang),
            crumbs => crumbs,
            open => open,
            viewer => viewer,
            diagram_error => diagram_error,
            page => page,
            matrix => summary::sector_matrix(&snapshot.analysed(), lang, &services),
            downloads => downloads("/api/ecosystem/diagram", &format!("&lang={}{query}", lang.code())),
        },
    )
}

/// Rows per page of the findings dashboard: a national workspace has thousands of findings, and a
/// page of all of them is tens of megabytes.
pub const FINDINGS_PER_PAGE: usize = 200;

/// `GET /findings`: every finding, filterable by code, severity and region.
pub async fn findings(
    State(state): State<AppState>,
    Lenient(q): Lenient<FindingsQuery>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    blocking(state, move |state| findings_page(state, q, headers, uri)).await
}

fn findings_page(state: AppState, q: FindingsQuery, headers: HeaderMap, uri: Uri) -> Response {
    let (lang, chosen) = language(q.lang.as_deref(), &headers);
    let snapshot = state.snapshot();
    let t = ui(lang);
    let indices = summary::matching_findings(&snapshot.analysed(), &q.filter());
    let total = snapshot.analysis.active().count();
    let matching = indices.len();
    let pages = matching.div_ceil(FINDINGS_PER_PAGE).max(1);
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, pages);
    let first = (page - 1) * FINDINGS_PER_PAGE;
    let end = (first + FINDINGS_PER_PAGE).min(matching);
    let rows = summary::rows_of(&snapshot.analysed(), &indices[first..end], lang);
    // Links to the other pages keep the filters.
    let others: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("page="))
        .collect();
    let page_href = |n: usize| {
        let mut query = others.clone();
        let pair = format!("page={n}");
        query.push(&pair);
        format!("/findings?{}", query.join("&"))
    };
    let pager = minijinja::context! {
        page => page,
        pages => pages,
        first => if matching == 0 { 0 } else { first + 1 },
        last => first + rows.len(),
        matching => matching,
        prev => (page > 1).then(|| page_href(page - 1)),
        next => (page < pages).then(|| page_href(page + 1)),
    };
    let model = &snapshot.loaded.model;
    let pathway_titles: BTreeMap<String, String> = model
        .pathways()
        .iter()
        .map(|p| (p.id.clone(), p.title.get(lang).to_string()))
        .collect();
    let severity_labels: BTreeMap<&str, &str> = [
        ("error", t.error.as_str()),
        ("warning", &t.warning),
        ("note", &t.note),
    ]
    .into_iter()
    .collect();
    let visit = Visit {
        lang,
        chosen,
        uri: &uri,
    };
    app_page(
        &state,
        &snapshot,
        &visit,
        "findings",
        t.findings.clone(),
        "serve/findings.html",
        minijinja::context! {
            findings => rows,
            total => total,
            pager => pager,
            filter => q,
            choices => summary::filter_choices(&snapshot.analysed(), lang),
            pathway_titles => pathway_titles,
            severity_labels => severity_labels,
        },
    )
}

/// The 404 page.
fn not_found_page(state: &AppState, lang: Lang, uri: &Uri, what: String) -> Response {
    let snapshot = state.snapshot();
    let f = frame(state, &snapshot, lang, uri, "", ui(lang).not_found.clone());
    render(
        state,
        "serve/not_found.html",
        f,
        minijinja::context! { message => what },
        StatusCode::NOT_FOUND,
    )
}

/// Anything else: 404, as plain text under `/api`, else as a page.
pub async fn fallback(State(state): State<AppState>, headers: HeaderMap, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::json!({ "error": "not found", "path": uri.path(), "help": "see /api/openapi.json" })
                .to_string(),
        )
            .into_response();
    }
    let (lang, _) = language(None, &headers);
    not_found_page(&state, lang, &uri, uri.path().to_string())
}

/// The static files, embedded in the binary: nothing is read from disk, so no path can escape.
pub async fn static_file(Path(name): Path<String>) -> Response {
    let (body, content_type): (&'static str, &str) = match name.as_str() {
        "style.css" => (site::STYLESHEET, "text/css; charset=utf-8"),
        "serve.css" => (SERVE_CSS, "text/css; charset=utf-8"),
        "app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "viewer.js" => (site::VIEWER_JS, "text/javascript; charset=utf-8"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

const SERVE_CSS: &str = include_str!("../../templates/serve/serve.css");
const APP_JS: &str = include_str!("../../templates/serve/app.js");

/// The app's templates, with the documentation templates they include.
pub fn templates() -> Result<minijinja::Environment<'static>, String> {
    let mut env = minijinja::Environment::new();
    site::add_templates(&mut env)?;
    for (name, source) in [
        (
            "serve/base.html",
            include_str!("../../templates/serve/base.html"),
        ),
        (
            "serve/diagram.html",
            include_str!("../../templates/serve/diagram.html"),
        ),
        (
            "serve/overview.html",
            include_str!("../../templates/serve/overview.html"),
        ),
        (
            "serve/pathway.html",
            include_str!("../../templates/serve/pathway.html"),
        ),
        (
            "serve/ecosystem.html",
            include_str!("../../templates/serve/ecosystem.html"),
        ),
        (
            "serve/findings.html",
            include_str!("../../templates/serve/findings.html"),
        ),
        (
            "serve/not_found.html",
            include_str!("../../templates/serve/not_found.html"),
        ),
    ] {
        env.add_template(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_query_then_the_cookie_then_the_browser() {
        let mut h = HeaderMap::new();
        assert_eq!(language(None, &h), (Lang::Fi, false));
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, sv-FI;q=0.8, en"),
        );
        assert_eq!(language(None, &h), (Lang::Sv, false));
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; polku-lang=en"),
        );
        assert_eq!(language(None, &h), (Lang::En, false));
        assert_eq!(language(Some("fi"), &h), (Lang::Fi, true));
        assert_eq!(language(Some("xx"), &h), (Lang::En, false));
    }
}
