//! `dyad serve`: the HTTP API and the web page over a store (read-only).

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::Coder;
use dyad_serve::{AppState, ConnectionLimits, ServeConfig, StorePool};

/// Arguments of `dyad serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The store to serve (opened read-only), or --postgres URL for the shared PostgreSQL
    /// store of `dyad worker`.
    #[command(flatten)]
    store: crate::cmd_query::DbArg,
    /// PostgreSQL connections in the pool (with --postgres).
    #[arg(long, value_name = "N", default_value_t = 8)]
    pg_connections: u32,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The longest a request may take, in milliseconds (then 503; a body not received in
    /// time 408); also how long a client may take to send a request's head before its
    /// connection is closed.
    #[arg(long, value_name = "MS", default_value_t = 10_000)]
    request_timeout_ms: u64,
    /// The largest request body (pasted article), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 256 * 1024)]
    max_body_bytes: usize,
    /// The largest page of /api/events (its `limit`).
    #[arg(long, value_name = "EVENTS", default_value_t = 200)]
    max_page_size: usize,
    /// The most periods a series may have.
    #[arg(long, value_name = "PERIODS", default_value_t = 5000)]
    max_periods: usize,
    /// Memory for rendered /api/dyad responses, reused while the store is unchanged, in MiB
    /// (0: no cache).
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    cache_mb: usize,
    /// Connections served at once (more wait to be accepted).
    #[arg(long, value_name = "N", default_value_t = 1024)]
    max_connections: usize,
}

/// Runs `dyad serve` until Ctrl-C or SIGTERM, then finishes the requests in flight.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let defaults = ServeConfig::default();
    let config = ServeConfig {
        request_timeout: Duration::from_millis(args.request_timeout_ms),
        max_body_bytes: args.max_body_bytes,
        max_page: args.max_page_size,
        default_page: defaults.default_page.min(args.max_page_size),
        max_periods: args.max_periods,
        cache_bytes: args.cache_mb.saturating_mul(1 << 20),
        max_connections: args.max_connections,
        ..defaults
    };
    config.validate().context("dyad serve")?;
    let limits = ConnectionLimits::of(&config);
    let pool = match &args.store.postgres {
        Some(url) => {
            let store = dyad_pg::PgStore::connect(url, args.pg_connections.max(1))
                .with_context(|| format!("connecting to {}", dyad_pg::redact_url(url)))?;
            StorePool::shared(store, dyad_pg::redact_url(url))?
        }
        None => {
            let db = &args.store.db;
            anyhow::ensure!(
                db.is_file(),
                "no store at {}: make one with `dyad ingest --db {} FILES`",
                db.display(),
                db.display()
            );
            StorePool::open(db).with_context(|| format!("opening {} read-only", db.display()))?
        }
    };
    let coder = Coder::builder().build().context("building the coder")?;
    let state = AppState::with_store(coder, pool, config);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        tracing::info!(addr = %listener.local_addr()?, store = %args.store.describe(), "dyad serve listening");
        dyad_serve::serve_with(
            listener,
            dyad_serve::router(state),
            limits,
            shutdown_signal(),
        )
        .await?;
        tracing::info!("dyad serve stopped");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Completes on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests in flight");
}
