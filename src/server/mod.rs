//! `polku serve`: the workspace as a local web app — pathways, findings and diagrams, a JSON API,
//! and live reload while the files are edited.
//!
//! Read-only: nothing here writes a file. The request path never touches the file system either
//! (static files and templates are embedded); only the watcher reads the workspace, and it swaps a
//! new [`state::Snapshot`] in when a load is clean.
//!
//! Layers, outermost first: security headers on every response (CSP without inline script,
//! `nosniff`, no framing, no referrer), a Host check while bound to loopback (so a web page
//! elsewhere cannot reach it through DNS rebinding), a request timeout, and for PNG/PDF a limit on
//! concurrent `dot` processes (in [`diagrams`]).

pub mod api;
pub mod diagrams;
mod memory;
pub mod openapi;
pub mod pages;
pub mod request;
pub mod state;
pub mod texts;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::{Semaphore, broadcast, watch as tokio_watch};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

use crate::workspace::{Files, LoadError};
use state::{AppState, Live, RenderCache, Shared, Snapshot};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// The workspace folder.
    pub dir: PathBuf,
    /// Address to bind.
    pub host: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Rendered diagrams kept.
    pub cache_entries: usize,
    /// Bytes of rendered diagrams kept.
    pub cache_bytes: usize,
    /// Time a request may take.
    pub request_timeout: Duration,
    /// Time the watcher waits for a burst of file events to end.
    pub debounce: Duration,
    /// Time a client has to send a request's headers (and an idle kept-alive connection to start
    /// the next request) before its connection is closed, so slow clients cannot hold
    /// connections open.
    pub header_read_timeout: Duration,
    /// Connections served at once; further ones wait in the listen queue until one closes.
    pub max_connections: usize,
}

impl Config {
    /// Defaults for `dir`: loopback, port 4000.
    pub fn new(dir: PathBuf) -> Self {
        Config {
            dir,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 4000,
            cache_entries: 512,
            cache_bytes: 64 << 20,
            request_timeout: Duration::from_secs(30),
            debounce: Duration::from_millis(50),
            header_read_timeout: Duration::from_secs(10),
            max_connections: 512,
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum StartError {
    /// The workspace folder could not be read.
    Load(LoadError),
    /// The address could not be bound.
    Bind(SocketAddr, std::io::Error),
    /// The file watcher could not start.
    Watch(String),
    /// A template did not compile (a bug).
    Template(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Load(e) => write!(f, "{e}"),
            StartError::Bind(addr, e) if e.kind() == std::io::ErrorKind::AddrInUse => write!(
                f,
                "{addr} is in use (another polku serve?); choose another port with --port"
            ),
            StartError::Bind(addr, e) => write!(f, "cannot listen on {addr}: {e}"),
            StartError::Watch(e) => write!(f, "cannot watch the workspace for changes: {e}"),
            StartError::Template(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A started server: its address, and the future that serves until shutdown.
pub struct Server {
    /// The address it listens on (the real port when 0 was asked).
    pub addr: SocketAddr,
    /// Pathways in the first load.
    pub pathways: usize,
    /// Errors in the first load.
    pub errors: usize,
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: tokio_watch::Sender<bool>,
    header_read_timeout: Duration,
    max_connections: usize,
}

/// Loads the workspace, starts watching it and binds the address. Serving starts with
/// [`Server::run`].
pub async fn start(config: Config) -> Result<Server, StartError> {
    let dir = config.dir.clone();
    if !dir.is_dir() {
        // Files::read says why (missing, or a file), with what to do.
        return Err(StartError::Load(
            Files::read(&dir).err().unwrap_or(LoadError::NotFound(dir)),
        ));
    }
    // Armed before the first read: an edit made while the workspace loads is reloaded after.
    let armed = watch::arm(&config.dir, config.debounce).map_err(StartError::Watch)?;
    let dir = config.dir.clone();
    let files = tokio::task::spawn_blocking(move || Files::read(&dir))
        .await
        .map_err(|e| StartError::Watch(e.to_string()))?
        .map_err(StartError::Load)?;
    let (files, loaded, modified) = tokio::task::spawn_blocking(move || {
        let loaded = files.load();
        let modified = watch::modified(&loaded);
        (files, loaded, modified)
    })
    .await
    .map_err(|e| StartError::Watch(e.to_string()))?;
    let errors = loaded.count(crate::diagnostic::Severity::Error);
    let problems = state::Problems::of(&loaded, 1).map(Arc::new);
    let snapshot = tokio::task::spawn_blocking(move || Snapshot::new(loaded, 1, modified))
        .await
        .map_err(|e| StartError::Watch(e.to_string()))?;
    let pathways = snapshot.loaded.model.pathways().len();
    memory::give_back();
    let (events, _) = broadcast::channel(64);
    let (shutdown, shutdown_rx) = tokio_watch::channel(false);
    let shared: AppState = Arc::new(Shared {
        live: RwLock::new(Live {
            generation: 1,
            snapshot: Arc::new(snapshot),
            problems,
        }),
        events,
        cache: Mutex::new(RenderCache::new(
            NonZeroUsize::new(config.cache_entries.max(1)).unwrap_or(NonZeroUsize::MIN),
            config.cache_bytes,
        )),
        shutdown: shutdown_rx,
        templates: pages::templates().map_err(StartError::Template)?,
        instance: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
        renders: Semaphore::new(std::thread::available_parallelism().map_or(2, |n| n.get())),
    });
    armed
        .run(files, shared.clone())
        .map_err(StartError::Watch)?;
    let addr = SocketAddr::new(config.host, config.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| StartError::Bind(addr, e))?;
    let addr = listener
        .local_addr()
        .map_err(|e| StartError::Bind(addr, e))?;
    let router = router(shared, &config, addr);
    Ok(Server {
        addr,
        pathways,
        errors,
        listener,
        router,
        shutdown,
        header_read_timeout: config.header_read_timeout,
        max_connections: config.max_connections.max(1),
    })
}

impl Server {
    /// Serves until `stop` resolves; then open event streams end and in-flight requests finish.
    ///
    /// Our own accept loop rather than `axum::serve`, which has neither of the two limits a
    /// server needs against slow clients: hyper's header read timeout (it needs a timer, which
    /// `axum::serve` does not give it) and a bound on connections. A connection is accepted only
    /// with a permit of [`Config::max_connections`]; without one, new connections wait in the
    /// kernel's listen queue (a per-request limit such as tower's `ConcurrencyLimit` would not
    /// help: a slow client holds a connection without ever making a request).
    pub async fn run(
        self,
        stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let Server {
            listener,
            router,
            shutdown,
            header_read_timeout,
            max_connections,
            ..
        } = self;
        let stopping = shutdown.subscribe();
        tokio::spawn(async move {
            stop.await;
            let _ = shutdown.send(true);
        });
        let permits = Arc::new(Semaphore::new(max_connections));
        // Every connection's task holds a sender: when the last is gone, every connection ended.
        let (open, mut all_closed) = tokio::sync::mpsc::channel::<()>(1);
        loop {
            let mut stopped = stopping.clone();
            let permit = tokio::select! {
                permit = permits.clone().acquire_owned() => match permit {
                    Ok(p) => p,
                    Err(_) => break,
                },
                _ = stopped.wait_for(|s| *s) => break,
            };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors and the like: the next accept may succeed, so wait a
                    // little rather than spin (as axum::serve does).
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = stopped.wait_for(|s| *s) => break,
            };
            let _ = stream.set_nodelay(true);
            let service = hyper_util::service::TowerToHyperService::new(router.clone());
            let open = open.clone();
            let mut stopped = stopping.clone();
            tokio::spawn(async move {
                let _held = (permit, open);
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(header_read_timeout);
                let connection =
                    builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                tokio::pin!(connection);
                tokio::select! {
                    // A client gone or too slow is not the server's error.
                    _ = connection.as_mut() => return,
                    _ = stopped.wait_for(|s| *s) => connection.as_mut().graceful_shutdown(),
                }
                let _ = connection.await;
            });
        }
        drop(listener);
        drop(open);
        let _ = all_closed.recv().await;
        Ok(())
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// The Content-Security-Policy: scripts and styles only from the server itself (no inline
/// script), images also as data URLs, nothing framed, no plugins, forms only to the server.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Every route, with its layers.
pub fn router(state: AppState, config: &Config, addr: SocketAddr) -> Router {
    let loopback = config.host.is_loopback();
    let port = addr.port();
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        )
    };
    Router::new()
        .route("/", get(pages::overview))
        .route("/pathways/{id}", get(pages::pathway))
        .route("/ecosystem", get(pages::ecosystem))
        .route("/findings", get(pages::findings))
        .route("/static/{name}", get(pages::static_file))
        .route("/events", get(api::events))
        .route("/api/status", get(api::status))
        .route("/api/pathways", get(api::pathways))
        .route("/api/pathways/{id}", get(api::pathway))
        .route("/api/pathways/{id}/diagram", get(api::pathway_diagram))
        .route("/api/findings", get(api::findings))
        .route("/api/ecosystem", get(api::ecosystem))
        .route("/api/ecosystem/diagram", get(api::ecosystem_diagram))
        .route("/api/openapi.json", get(openapi::serve))
        .fallback(pages::fallback)
        .with_state(state)
        // 503, not 408: browsers may resend a request answered 408 on a reused connection.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            config.request_timeout,
        ))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            host_check(loopback, port, request, next)
        }))
        .layer(header("content-security-policy", CSP))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("referrer-policy", "no-referrer"))
        .layer(header("cross-origin-opener-policy", "same-origin"))
}

/// While bound to loopback, only requests addressed to a loopback name are answered: a page on
/// another site that rebinds its DNS name to 127.0.0.1 sends its own name as Host and is refused.
///
/// The name checked must be the one the request is for, so a request that names two is refused
/// whatever the binding (`400`): two `Host` headers (a check of the first would let
/// `Host: localhost` + `Host: evil.com` through to whatever reads the last), or a `Host` that
/// disagrees with the authority of an absolute request target (`GET http://evil.com/`).
async fn host_check(loopback: bool, port: u16, request: Request, next: Next) -> Response {
    let name = match requested_host(&request) {
        Ok(name) => name,
        Err(why) => return (StatusCode::BAD_REQUEST, why).into_response(),
    };
    if loopback {
        let host = name.unwrap_or_default().to_ascii_lowercase();
        let name = host
            .strip_suffix(&format!(":{port}"))
            .unwrap_or(&host)
            .trim_start_matches('[')
            .trim_end_matches(']');
        let ok = name == "localhost" || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
        if !ok {
            return (
                StatusCode::MISDIRECTED_REQUEST,
                "polku serve answers only requests to localhost while it listens on loopback; use --host to listen elsewhere\n",
            )
                .into_response();
        }
    }
    next.run(request).await
}

/// The one host a request is addressed to (`None` when it names none), or why it is refused.
fn requested_host(request: &Request) -> Result<Option<String>, &'static str> {
    let mut hosts = request.headers().get_all(header::HOST).iter();
    let host = match (hosts.next(), hosts.next()) {
        (Some(_), Some(_)) => return Err("a request may have only one Host header\n"),
        (Some(h), None) => Some(
            h.to_str()
                .map_err(|_| "the Host header is not plain ASCII\n")?
                .to_string(),
        ),
        (None, _) => None,
    };
    let authority = request.uri().authority().map(|a| a.as_str().to_string());
    match (host, authority) {
        (Some(h), Some(a)) if !h.eq_ignore_ascii_case(&a) => {
            Err("the Host header and the request target name different hosts\n")
        }
        (h, a) => Ok(h.or(a)),
    }
}
