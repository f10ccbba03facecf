//! `dyad recode`: re-code stored documents after a lexicon or model change.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use dyad_store::Store;
use dyad_store::recode::{RecodeOptions, recode};

/// Arguments of `dyad recode`.
#[derive(Debug, Args)]
pub struct RecodeArgs {
    /// The store.
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    db: PathBuf,
    /// Re-code every document, not only those coded by another dyad version, lexicon or
    /// model.
    #[arg(long)]
    all: bool,
    /// Documents per write transaction.
    #[arg(long, value_name = "N", default_value_t = 256)]
    batch_size: usize,
    /// Most events kept for one document (as in `dyad ingest`).
    #[arg(long, value_name = "N", default_value_t = dyad_store::ingest::DEFAULT_MAX_EVENTS_PER_DOCUMENT)]
    max_events_per_document: usize,
    /// Longest sentence coded, in words (as in `dyad ingest`).
    #[arg(long, value_name = "N", default_value_t = dyad_coder::DEFAULT_MAX_SENTENCE_WORDS)]
    max_sentence_words: usize,
}

/// Runs `dyad recode`.
pub fn run(args: RecodeArgs) -> Result<ExitCode> {
    anyhow::ensure!(
        args.db.exists(),
        "{}: no such store (run `dyad ingest` first)",
        args.db.display()
    );
    let mut store = Store::open(&args.db)?;
    let opts = RecodeOptions {
        all: args.all,
        batch_size: args.batch_size,
        max_events_per_document: args.max_events_per_document,
        max_sentence_words: args.max_sentence_words,
        ..RecodeOptions::default()
    };
    let s = recode(&mut store, &opts)?;
    println!("recode {}", args.db.display());
    println!("  documents re-coded  {}", s.documents);
    println!("  events unchanged    {}", s.unchanged);
    println!("  events changed      {}", s.changed);
    println!("  events added        {}", s.added);
    println!("  events removed      {}", s.removed);
    println!("  coder failures      {}", s.errors);
    println!("  time                {:.2} s", s.elapsed.as_secs_f64());
    for c in &s.examples {
        println!(
            "  {:<8} {} sentence {} \"{}\": {} -> {}",
            c.kind,
            c.doc_id,
            c.sentence,
            c.trigger,
            if c.before.is_empty() { "-" } else { &c.before },
            if c.after.is_empty() { "-" } else { &c.after }
        );
    }
    let stats = store.stats()?;
    println!(
        "store: {} documents, {} events, {} clusters",
        stats.documents, stats.events, stats.clusters
    );
    Ok(ExitCode::SUCCESS)
}
