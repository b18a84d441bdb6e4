//! The baselines for `benches/serve/run.sh`: the same stack as `polku serve` (tokio, axum's
//! server, hyper) serving a folder's files, and nothing else. Two ways:
//!
//! - `/NAME`: tower-http's `ServeDir`, which opens and reads the file for each request (what a
//!   static web server does);
//! - `/memory/NAME`: the file's bytes read once at start, answered from memory (the ceiling for
//!   any server on this stack; polku answers a cached diagram from memory too).
//!
//! What polku adds on top (routing, the snapshot, the render cache, security headers, the Host
//! check) is what the benchmark measures against them.
//!
//!   cargo run --release --example static_serve -- DIR [PORT]
//!
//! PORT 0 (the default) picks a free one. Prints `static_serve: DIR at http://127.0.0.1:PORT/` on
//! stderr, like `polku serve`, and serves until Ctrl-C or SIGTERM.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use axum::serve::ListenerExt;
use tower_http::services::ServeDir;

#[tokio::main]
async fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: static_serve DIR [PORT]");
        return ExitCode::from(2);
    };
    let port: u16 = match args.next().map(|p| p.to_string_lossy().parse()) {
        None => 0,
        Some(Ok(port)) => port,
        Some(Err(e)) => {
            eprintln!("static_serve: bad port: {e}");
            return ExitCode::from(2);
        }
    };
    let listener =
        match tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("static_serve: cannot listen on port {port}: {e}");
                return ExitCode::from(2);
            }
        };
    let addr = listener
        .local_addr()
        .expect("a bound listener has an address");
    eprintln!("static_serve: {} at http://{addr}/", dir.display());
    let mut memory = HashMap::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if let Ok(bytes) = std::fs::read(entry.path()) {
            memory.insert(
                entry.file_name().to_string_lossy().into_owned(),
                Bytes::from(bytes),
            );
        }
    }
    let app = axum::Router::new()
        .route("/memory/{name}", axum::routing::get(from_memory))
        .with_state(Arc::new(memory))
        .fallback_service(ServeDir::new(dir));
    // ServeDir writes the head and then the file's chunks: without TCP_NODELAY, Nagle's algorithm
    // holds the body until the client's delayed ACK (about 40 ms on Linux), which would make this
    // baseline 20 times slower than it is. (polku sends one buffer, so it does not meet this.)
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    match axum::serve(listener, app)
        .with_graceful_shutdown(polku::server::shutdown_signal())
        .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("static_serve: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A file read at start, with the type `ServeDir` would give it.
async fn from_memory(
    State(files): State<Arc<HashMap<String, Bytes>>>,
    Path(name): Path<String>,
) -> Response {
    match files.get(&name) {
        Some(bytes) => {
            let mime = match name.rsplit_once('.').map(|(_, ext)| ext) {
                Some("svg") => "image/svg+xml",
                Some("html") => "text/html",
                Some("json") => "application/json",
                _ => "application/octet-stream",
            };
            ([(header::CONTENT_TYPE, mime)], bytes.clone()).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
