//! `dyad worker`: code documents from the work queue into the shared PostgreSQL store.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use dyad_queue::metrics::serve_metrics;
use dyad_queue::names::{DEFAULT_DURABLE, DEFAULT_STREAM, QueueNames};
use dyad_queue::worker::{Worker, WorkerOptions, shutdown_on_signals};

/// Arguments of `dyad worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// The NATS server (JetStream enabled).
    #[arg(long, value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The queue (work-queue stream) name.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_STREAM)]
    stream: String,
    /// The shared store (`postgres://user@host:5432/db`).
    #[arg(long, value_name = "URL")]
    postgres: String,
    /// Coding threads (default: the machine's cores).
    #[arg(long, value_name = "N")]
    concurrency: Option<usize>,
    /// Documents pulled, coded and stored together (one transaction).
    #[arg(long, value_name = "N", default_value_t = 32)]
    batch_size: usize,
    /// Deliveries of a document before it goes to the dead-letter subject (set when the
    /// queue's consumer is created).
    #[arg(long, value_name = "N", default_value_t = 5)]
    max_deliver: i64,
    /// Seconds the server waits for an acknowledgement before delivering again (set when the
    /// queue's consumer is created).
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    ack_wait: u64,
    /// The durable consumer shared by the queue's workers.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_DURABLE)]
    durable: String,
    /// Serve Prometheus metrics on this address (`GET /metrics`).
    #[arg(long, value_name = "ADDR")]
    metrics_addr: Option<SocketAddr>,
    /// Stop once the queue has been empty for this many seconds (batch jobs, benchmarks);
    /// without it the worker waits for work until SIGINT or SIGTERM.
    #[arg(long, value_name = "SECONDS")]
    exit_when_idle: Option<f64>,
    /// Append `pull` when messages are pulled, `code` when a batch starts being coded, `begin`
    /// and `commit` around every write transaction and `ack` when the acknowledgements start,
    /// to this file (for the crash tests, which kill the worker and read where it was).
    #[arg(long, value_name = "PATH", hide = true)]
    phase_log: Option<std::path::PathBuf>,
}

/// Runs `dyad worker`.
pub fn run(args: WorkerArgs) -> Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .init();
    let names = QueueNames::new(&args.stream)?;
    let defaults = WorkerOptions::default();
    let opts = WorkerOptions {
        concurrency: args.concurrency.unwrap_or(defaults.concurrency).max(1),
        batch_size: args.batch_size.max(1),
        max_deliver: args.max_deliver.max(1),
        ack_wait: Duration::from_secs(args.ack_wait.max(1)),
        durable: args.durable,
        idle_exit: args.exit_when_idle.map(Duration::from_secs_f64),
        phase_log: args.phase_log,
        ..defaults
    };
    let connections = 2;
    let store = dyad_pg::PgStore::connect(&args.postgres, connections)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let started = Instant::now();
    let summary = runtime.block_on(async {
        let client = dyad_queue::connect(&args.nats).await?;
        let worker = Worker::new(client, names.clone(), store.clone(), opts).await?;
        let shutdown = shutdown_on_signals();
        if let Some(addr) = args.metrics_addr {
            let bound = serve_metrics(addr, worker.metrics(), shutdown.clone()).await?;
            tracing::info!("metrics on http://{bound}/metrics");
        }
        tracing::info!(
            "worker of {} (run {}) writing to {}",
            names.stream,
            worker.run_id().0,
            store.database()
        );
        anyhow::Ok(worker.run(shutdown).await?)
    })?;
    let active = summary.active.as_secs_f64();
    eprintln!(
        "worker done: {} documents acknowledged ({} stored, {} already stored), {} events, {} dead letters, {:.2} s in all, {:.2} s active ({:.1} documents/s)",
        summary.acknowledged,
        summary.counts.documents_added,
        summary.counts.documents_skipped,
        summary.counts.events_added,
        summary.dead_letters,
        started.elapsed().as_secs_f64(),
        active,
        summary.acknowledged as f64 / active.max(1e-9)
    );
    Ok(ExitCode::SUCCESS)
}
