//! `dyad export`: events in the field's formats (GDELT 2.0, PLOVER, ICEWS, CSV, Parquet),
//! from the store (`--db`) or from a JSON Lines file of `dyad code` records (`--events`).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::EventRecord;
use dyad_export::{CountUnit, ExportEvent, Exporter, Format, Places, Selection};
use dyad_store::query::{EventQuery, StoredEvent};
use dyad_store::{ReadStore, Store};

/// Arguments of `dyad export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format: gdelt (61 tab-separated columns), plover (JSON Lines), icews (20
    /// tab-separated columns with a header), csv, parquet.
    #[arg(long, value_name = "FORMAT")]
    format: Format,
    /// The file to write (`-` for standard output).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Events to export from a JSON Lines file as `dyad code` prints them (`-` for standard
    /// input) instead of the store.
    #[arg(long, value_name = "FILE.jsonl")]
    events: Option<PathBuf>,
    /// The store to export from (clusters and article counts come with its events).
    #[arg(
        long,
        value_name = "PATH",
        default_value = "dyad.db",
        conflicts_with = "events"
    )]
    db: PathBuf,
    /// Export from the shared PostgreSQL store of `dyad worker` instead
    /// (`postgres://user@host:5432/db`).
    #[arg(long, value_name = "URL", conflicts_with_all = ["db", "events"])]
    postgres: Option<String>,
    /// Only store events whose source or target code starts with this code (`MAR`).
    #[arg(long, value_name = "CODE", conflicts_with = "events")]
    actor: Option<String>,
    /// Only store events dated on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "events")]
    from: Option<String>,
    /// Only store events dated on or before this day.
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "events")]
    to: Option<String>,
    /// Export historical (background) events too.
    #[arg(long)]
    include_historical: bool,
    /// Export negated, future and hypothetical events too.
    #[arg(long)]
    all_modalities: bool,
    /// What one exported event stands for: `events` (every event), `clusters` (one per
    /// cluster) or `daily` (one per day, source, target and CAMEO code).
    #[arg(long, value_name = "UNIT", default_value = "events")]
    count: CountUnit,
}

/// Exports the events of a JSON Lines file; returns the number of lines that were not event
/// records (each reported).
fn export_file(path: &Path, exporter: &mut Exporter<'_, impl Write + Send>) -> Result<u64> {
    let input: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
        Box::new(BufReader::new(file))
    };
    let added = jiff::Timestamp::now();
    let mut bad_lines = 0u64;
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", path.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: EventRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(err) => {
                eprintln!(
                    "warning: {}:{}: not an event record: {err}",
                    path.display(),
                    i + 1
                );
                bad_lines += 1;
                continue;
            }
        };
        let mut event = ExportEvent::from_record(record);
        event.date_added = Some(added);
        exporter.write(&event).context("writing the export")?;
    }
    Ok(bad_lines)
}

/// Exports the events of the store, in storage order, with their clusters and counts.
fn export_store(
    store: &dyn ReadStore,
    args: &ExportArgs,
    exporter: &mut Exporter<'_, impl Write + Send>,
) -> Result<()> {
    let query = EventQuery {
        actor: args.actor.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        ..EventQuery::default()
    };
    let mut failed = None;
    store.for_each_event(&query, &mut |stored| {
        if failed.is_some() {
            return;
        }
        let event = export_event(stored);
        if let Err(err) = exporter.write(&event) {
            failed = Some(err);
        }
    })?;
    match failed {
        Some(err) => Err(err).context("writing the export"),
        None => Ok(()),
    }
}

/// The export view of a stored event. The store keeps no time of addition, so `DATEADDED` is
/// left empty; mentions are the cluster's events or the record's own reports, whichever is
/// more (a lower bound of GDELT's `NumMentions`).
fn export_event(stored: &StoredEvent) -> ExportEvent {
    let count = |n: u64| u32::try_from(n.max(1)).unwrap_or(u32::MAX);
    let mentions = stored.num_events.max(stored.record.mentions.len() as u64);
    ExportEvent {
        record: stored.record.clone(),
        cluster_id: stored.cluster_id.clone(),
        num_articles: count(stored.num_articles),
        num_sources: count(stored.num_sources),
        num_mentions: count(mentions),
        doc_url: stored.doc_url.clone(),
        source_name: stored.source.clone(),
        date_added: None,
    }
}

/// Runs `dyad export`: reads the events, writes the file, prints what was kept and left out
/// and in which unit.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let places = Places::embedded().context("loading the gazetteer")?;
    let selection = Selection {
        include_historical: args.include_historical,
        all_modalities: args.all_modalities,
        unit: args.count,
    };
    // The store is opened before the output is created, so a wrong path leaves no empty file.
    let store: Option<Box<dyn ReadStore>> = match (&args.events, &args.postgres) {
        (Some(_), _) => None,
        (None, Some(url)) => Some(Box::new(
            dyad_pg::PgStore::connect(url, 1)
                .with_context(|| format!("connecting to {}", dyad_pg::redact_url(url)))?,
        )),
        (None, None) => {
            anyhow::ensure!(
                args.db.exists(),
                "{}: no such store (run `dyad ingest` first, or give --events)",
                args.db.display()
            );
            let store = Store::open_read_only(&args.db)
                .with_context(|| format!("opening the store {}", args.db.display()))?;
            Some(Box::new(store))
        }
    };
    let out: Box<dyn Write + Send> = if args.output.as_os_str() == "-" {
        Box::new(BufWriter::new(std::io::stdout()))
    } else {
        let file = File::create(&args.output)
            .with_context(|| format!("creating {}", args.output.display()))?;
        Box::new(BufWriter::new(file))
    };
    let mut exporter = Exporter::new(args.format, out, &places, selection)?;
    let bad_lines = match (&args.events, &store) {
        (Some(path), _) => export_file(path, &mut exporter)?,
        (None, Some(store)) => {
            export_store(store.as_ref(), &args, &mut exporter)?;
            0
        }
        (None, None) => unreachable!("the store is opened when no --events file is given"),
    };
    let stats = exporter.finish().context("finishing the export")?;
    eprintln!(
        "{}: {stats} ({} format, {:.2} s)",
        args.output.display(),
        args.format,
        started.elapsed().as_secs_f64()
    );
    Ok(if bad_lines > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
