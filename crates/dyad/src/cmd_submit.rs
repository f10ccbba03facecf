//! `dyad submit`: publish documents to the NATS JetStream work queue of `dyad worker`.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use dyad_queue::names::{DEFAULT_DUPLICATE_WINDOW, DEFAULT_STREAM, QueueNames};
use dyad_queue::submit::Submitter;

use crate::input::InputArgs;

/// Arguments of `dyad submit`.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The NATS server (JetStream enabled).
    #[arg(long, value_name = "URL", default_value = "nats://127.0.0.1:4222")]
    nats: String,
    /// The queue (work-queue stream) name.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_STREAM)]
    stream: String,
    /// Duplicate window of the stream, in seconds, when this command creates it: a document
    /// submitted again inside it (same content hash) is dropped by the server.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_DUPLICATE_WINDOW.as_secs())]
    duplicate_window: u64,
    #[command(flatten)]
    input: InputArgs,
}

/// Runs `dyad submit`.
pub fn run(args: SubmitArgs) -> Result<ExitCode> {
    let names = QueueNames::new(&args.stream)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let started = Instant::now();
    let mut submitter = runtime.block_on(async {
        let client = dyad_queue::connect(&args.nats).await?;
        Submitter::new(client, &names, Duration::from_secs(args.duplicate_window)).await
    })?;
    let mut refused = 0u64;
    let failed =
        args.input
            .for_each_document(|_, doc| match runtime.block_on(submitter.submit(doc)) {
                Ok(()) => Ok(()),
                Err(e @ dyad_queue::Error::TooLarge { .. }) => {
                    eprintln!("error: {e}");
                    refused += 1;
                    Ok(())
                }
                Err(e) => Err(e.into()),
            })?;
    let summary = runtime.block_on(submitter.finish())?;
    eprintln!(
        "submitted to {}: {} documents queued, {} duplicates dropped by the server, {} refused, {:.1} MB in {:.2} s",
        names.stream,
        summary.published,
        summary.duplicates,
        refused,
        summary.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed || refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
