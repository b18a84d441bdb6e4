//! `polku serve [DIR]`: the workspace as a local web app with live reload.

use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use crate::server::{self, Config};

/// Arguments of `polku serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The workspace folder.
    #[arg(default_value = "pathways")]
    dir: PathBuf,
    /// Port to listen on (0: any free port).
    #[arg(long, default_value_t = 4000)]
    port: u16,
    /// Address to listen on. The default serves only this computer; another address makes the
    /// workspace readable by anyone who can reach it.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Open the overview in the default browser.
    #[arg(long)]
    open: bool,
    /// Connections served at once; more wait until one closes.
    #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u32).range(1..))]
    max_connections: u32,
    /// Time a client has to send a request's headers (tests shorten it).
    #[arg(long, hide = true, default_value = "10s")]
    header_timeout: humantime::Duration,
}

/// Serves until Ctrl-C or SIGTERM.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure(format!("cannot start the server's runtime: {e}")))?;
    runtime.block_on(async move {
        let mut config = Config::new(args.dir.clone());
        config.host = args.host;
        config.port = args.port;
        config.max_connections = args.max_connections as usize;
        config.header_read_timeout = args.header_timeout.into();
        let server = server::start(config).await.map_err(|e| Failure(e.to_string()))?;
        let url = format!("http://{}/", server.addr);
        eprintln!(
            "polku serve: {} pathways from `{}` at {url}",
            server.pathways,
            args.dir.display()
        );
        if server.errors > 0 {
            eprintln!(
                "the workspace has {} errors: pages show them until they are fixed (see `polku check {}`)",
                server.errors,
                args.dir.display()
            );
        }
        if !args.host.is_loopback() {
            eprintln!("warning: listening on {} — anyone who can reach this address can read the workspace", args.host);
        }
        eprintln!("watching for changes; Ctrl-C stops");
        if args.open && !open_browser(&url) {
            eprintln!("cannot open a browser; open {url} yourself");
        }
        server
            .run(server::shutdown_signal())
            .await
            .map_err(|e| Failure(format!("the server stopped: {e}")))?;
        eprintln!("stopped");
        Ok(ExitCode::SUCCESS)
    })
}

/// Opens `url` with the desktop's opener (one process; no crate needed for that).
fn open_browser(url: &str) -> bool {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}
