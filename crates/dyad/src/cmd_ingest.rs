//! `dyad ingest`: read articles into the embedded store; `dyad stats`: what the store holds.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use dyad_store::ingest::{IngestOptions, Progress, ingest};
use dyad_store::{BatchOutcome, ErrorRecord, Store};
use indicatif::{ProgressBar, ProgressStyle};

use crate::input::InputArgs;

/// Arguments of `dyad ingest`.
#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The store (an SQLite file, created if missing).
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    db: PathBuf,
    /// Documents per write transaction.
    #[arg(long, value_name = "N", default_value_t = 256)]
    batch_size: usize,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Most events stored for one document; a document with more keeps its first ones and
    /// the run records a warning naming it.
    #[arg(long, value_name = "N", default_value_t = dyad_store::ingest::DEFAULT_MAX_EVENTS_PER_DOCUMENT)]
    max_events_per_document: usize,
    /// Longest sentence coded, in words; longer ones (run-on text, tables) are stored but not
    /// coded, with a warning naming them.
    #[arg(long, value_name = "N", default_value_t = dyad_coder::DEFAULT_MAX_SENTENCE_WORDS)]
    max_sentence_words: usize,
    /// Never draw a progress bar; print a log line every few seconds instead.
    #[arg(long)]
    no_progress: bool,
    /// Append `begin` and `commit` lines around every write transaction, `read` when an input
    /// starts being read and `code` when a chunk of documents starts being coded, to this file
    /// (for the crash tests, which kill the process and read where it was).
    #[arg(long, value_name = "PATH", hide = true)]
    phase_log: Option<PathBuf>,
}

/// Arguments of `dyad stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The store.
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    db: PathBuf,
}

/// A progress bar on a terminal, plain log lines otherwise.
struct CliProgress {
    bar: Option<ProgressBar>,
    started: Instant,
    last_log: Mutex<Instant>,
    bytes_done: Mutex<u64>,
    total_bytes: u64,
    phase_log: Option<Mutex<std::fs::File>>,
    /// Since the last log line: when it was printed, the sentences then, and the time spent
    /// in write transactions since (the writer's share shows whether storing keeps up).
    window: Mutex<LogWindow>,
}

/// The state of the plain log between two lines.
struct LogWindow {
    sentences: u64,
    write_time: Duration,
    write_started: Option<Instant>,
}

impl CliProgress {
    /// Appends one line to the phase log (`read`, `code`, `begin`, `commit`), when there is one.
    fn log_phase(&self, phase: &str) {
        if let Some(log) = &self.phase_log {
            let mut f = log.lock().unwrap_or_else(|e| e.into_inner());
            // Unbuffered: the line is in the file before the phase starts.
            let _ = std::io::Write::write_all(&mut *f, format!("{phase}\n").as_bytes());
        }
    }

    fn rates(&self, total: &BatchOutcome) -> String {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let docs = total.documents_added + total.documents_skipped;
        format!(
            "{docs} documents ({:.0}/s), {} sentences ({:.0}/s), {} skipped, {} problems",
            docs as f64 / secs,
            total.sentences_added,
            total.sentences_added as f64 / secs,
            total.documents_skipped,
            total.errors
        )
    }
}

impl Progress for CliProgress {
    fn input_done(&self, _path: &Path, bytes: u64) {
        let mut done = self.bytes_done.lock().unwrap_or_else(|e| e.into_inner());
        *done += bytes;
        if let Some(bar) = &self.bar {
            bar.set_position(*done);
        }
    }

    fn batch_written(&self, total: &BatchOutcome) {
        match &self.bar {
            Some(bar) => bar.set_message(self.rates(total)),
            None => {
                let mut last = self.last_log.lock().unwrap_or_else(|e| e.into_inner());
                let since = last.elapsed();
                if since >= Duration::from_secs(5) {
                    *last = Instant::now();
                    let done = *self.bytes_done.lock().unwrap_or_else(|e| e.into_inner());
                    let mut w = self.window.lock().unwrap_or_else(|e| e.into_inner());
                    let secs = since.as_secs_f64();
                    eprintln!(
                        "ingest: {} ({:.0}% of input bytes); last {secs:.1} s: {:.0} sentences/s, writing {:.0}% of the time",
                        self.rates(total),
                        100.0 * done as f64 / self.total_bytes.max(1) as f64,
                        (total.sentences_added - w.sentences) as f64 / secs,
                        100.0 * w.write_time.as_secs_f64() / secs
                    );
                    w.sentences = total.sentences_added;
                    w.write_time = Duration::ZERO;
                }
            }
        }
    }

    fn transaction(&self, open: bool) {
        {
            let mut w = self.window.lock().unwrap_or_else(|e| e.into_inner());
            if open {
                w.write_started = Some(Instant::now());
            } else if let Some(t) = w.write_started.take() {
                w.write_time += t.elapsed();
            }
        }
        self.log_phase(if open { "begin" } else { "commit" });
    }

    fn reading(&self, _path: &Path) {
        self.log_phase("read");
    }

    fn coding(&self, _documents: usize) {
        self.log_phase("code");
    }

    fn problem(&self, record: &ErrorRecord) {
        let line = record.line.map(|l| format!(":{l}")).unwrap_or_default();
        let kind = if record.warning { "warning" } else { "error" };
        let msg = format!("{kind}: {}{line}: {}", record.path, record.message);
        match &self.bar {
            Some(bar) => bar.println(msg),
            None => eprintln!("{msg}"),
        }
    }
}

/// Runs `dyad ingest`.
pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let files = args.input.files()?;
    let read = args.input.read_options()?;
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up worker threads")?;
    }
    let total_bytes: u64 = files
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let bar = (!args.no_progress && std::io::stderr().is_terminal()).then(|| {
        let bar = ProgressBar::new(total_bytes);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {bytes}/{total_bytes} ETA {eta} {msg}",
            )
            .expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        bar
    });
    let progress = CliProgress {
        bar,
        started: Instant::now(),
        last_log: Mutex::new(Instant::now()),
        bytes_done: Mutex::new(0),
        total_bytes,
        phase_log: match &args.phase_log {
            Some(p) => Some(Mutex::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(p)
                    .with_context(|| format!("{}: cannot open the phase log", p.display()))?,
            )),
            None => None,
        },
        window: Mutex::new(LogWindow {
            sentences: 0,
            write_time: Duration::ZERO,
            write_started: None,
        }),
    };
    let mut store = Store::open(&args.db)?;
    let opts = IngestOptions {
        read,
        batch_size: args.batch_size,
        max_events_per_document: args.max_events_per_document,
        max_sentence_words: args.max_sentence_words,
        ..IngestOptions::default()
    };
    let summary = ingest(&mut store, &files, &opts, &progress)?;
    if let Some(bar) = &progress.bar {
        bar.finish_and_clear();
    }
    let c = summary.counts;
    let secs = summary.elapsed.as_secs_f64().max(1e-3);
    println!("ingest run {} into {}", summary.run.0, args.db.display());
    println!("  inputs              {}", files.len());
    println!("  documents added     {}", c.documents_added);
    println!(
        "  documents skipped   {} (already stored)",
        c.documents_skipped
    );
    println!("  sentences added     {}", c.sentences_added);
    println!("  events added        {}", c.events_added);
    println!("  near-duplicates     {}", c.duplicates);
    println!("  errors and warnings {}", c.errors);
    println!(
        "  time                {:.2} s ({:.0} documents/s, {:.0} sentences/s)",
        secs,
        (c.documents_added + c.documents_skipped) as f64 / secs,
        c.sentences_added as f64 / secs
    );
    let stats = store.stats()?;
    println!(
        "store: {} documents, {} sentences, {} events ({} counted: asserted, not historical), {} clusters, {} errors, {} runs",
        stats.documents,
        stats.sentences,
        stats.events,
        stats.counted_events,
        stats.clusters,
        stats.errors,
        stats.runs
    );
    let top = store.top_dyads(10)?;
    if !top.is_empty() {
        println!("top dyads (counted events):");
        for (s, t, n) in top {
            println!("  {s:<10} -> {t:<10} {n}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `dyad stats`.
pub fn run_stats(args: StatsArgs) -> Result<ExitCode> {
    anyhow::ensure!(
        args.db.exists(),
        "{}: no such store (run `dyad ingest` first)",
        args.db.display()
    );
    let store = Store::open(&args.db)?;
    let s = store.stats()?;
    println!("store       {}", args.db.display());
    println!("schema      {}", store.schema_version()?);
    println!("documents   {}", s.documents);
    println!("sentences   {}", s.sentences);
    println!("events      {} ({} counted)", s.events, s.counted_events);
    println!("clusters    {}", s.clusters);
    println!("duplicates  {}", s.duplicates);
    println!("runs        {}", s.runs);
    println!("errors      {}", s.errors);
    println!("warnings    {}", s.warnings);
    Ok(ExitCode::SUCCESS)
}
