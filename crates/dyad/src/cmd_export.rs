//! `dyad export`: events in the field's formats (GDELT 2.0, PLOVER, ICEWS, CSV, Parquet).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::EventRecord;
use dyad_export::{CountUnit, ExportEvent, Exporter, Format, Places, Selection};

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
    /// Events to export: JSON Lines as `dyad code` prints them (`-` for standard input).
    #[arg(long, value_name = "FILE.jsonl")]
    events: PathBuf,
    /// Export historical (background) events too.
    #[arg(long)]
    include_historical: bool,
    /// Export negated, future and hypothetical events too.
    #[arg(long)]
    all_modalities: bool,
    /// What one exported event stands for: every event, one per cluster, or one per day,
    /// source, target and CAMEO code.
    #[arg(long, value_name = "UNIT", default_value = "events")]
    count: CountUnit,
}

/// Runs `dyad export`: reads the events, writes the file, prints what was kept and left out.
pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let places = Places::embedded().context("loading the gazetteer")?;
    let selection = Selection {
        include_historical: args.include_historical,
        all_modalities: args.all_modalities,
        unit: args.count,
    };
    let out: Box<dyn Write + Send> = if args.output.as_os_str() == "-" {
        Box::new(BufWriter::new(std::io::stdout()))
    } else {
        let file = File::create(&args.output)
            .with_context(|| format!("creating {}", args.output.display()))?;
        Box::new(BufWriter::new(file))
    };
    let input: Box<dyn BufRead> = if args.events.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin()))
    } else {
        let file = File::open(&args.events)
            .with_context(|| format!("opening {}", args.events.display()))?;
        Box::new(BufReader::new(file))
    };
    let added = jiff::Timestamp::now();
    let mut exporter = Exporter::new(args.format, out, &places, selection)?;
    let mut bad_lines = 0u64;
    for (i, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("reading {}", args.events.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: EventRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(err) => {
                eprintln!(
                    "warning: {}:{}: not an event record: {err}",
                    args.events.display(),
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
