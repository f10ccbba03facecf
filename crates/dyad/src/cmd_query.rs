//! `dyad query`: dyad series, events and actors from the store.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Subcommand, ValueEnum};
use dyad_store::query::{Count, DyadQuery, EventQuery, Period};
use dyad_store::{DyadSeries, ReadStore, Store};

/// What to query.
#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    /// A zero-filled series of the events (or clusters) between two actors, in both
    /// directions: counts per QuadClass, Goldstein sum and mean, and each period's total
    /// documents and events. `MAR` matches `MARGOV`, `MARMIL`… unless --exact.
    Dyad(DyadArgs),
    /// Events, newest storage last; filters combine.
    Events(EventsArgs),
    /// Actor codes seen in the store (code prefix or name substring).
    Actors(ActorsArgs),
}

/// The store to read.
#[derive(Debug, Args)]
pub struct DbArg {
    /// The store.
    #[arg(long, value_name = "PATH", default_value = "dyad.db")]
    pub db: PathBuf,
    /// Read the shared PostgreSQL store of `dyad worker` instead
    /// (`postgres://user@host:5432/db`).
    #[arg(long, value_name = "URL", conflicts_with = "db")]
    pub postgres: Option<String>,
}

impl DbArg {
    /// Opens the store for reading: the SQLite file (read-only) or the PostgreSQL store
    /// (`connections` pooled).
    pub fn open(&self, connections: u32) -> Result<Box<dyn ReadStore>> {
        Ok(match &self.postgres {
            Some(url) => Box::new(
                dyad_pg::PgStore::connect(url, connections)
                    .with_context(|| format!("connecting to {}", dyad_pg::redact_url(url)))?,
            ),
            None => Box::new(open(&self.db)?),
        })
    }

    /// What is read, for messages (passwords left out).
    pub fn describe(&self) -> String {
        match &self.postgres {
            Some(url) => dyad_pg::redact_url(url),
            None => self.db.display().to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum By {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CountArg {
    Events,
    Clusters,
    /// One a day: at most one event per day, source, target and CAMEO code.
    Daily,
}

impl From<CountArg> for Count {
    fn from(c: CountArg) -> Count {
        match c {
            CountArg::Events => Count::Events,
            CountArg::Clusters => Count::Clusters,
            CountArg::Daily => Count::Daily,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeriesFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Table,
    Jsonl,
}

/// Arguments of `dyad query dyad`.
#[derive(Debug, Args)]
pub struct DyadArgs {
    /// One actor code (e.g. USA).
    a: String,
    /// The other (e.g. MAR).
    b: String,
    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// First day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<jiff::civil::Date>,
    /// Last day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    to: Option<jiff::civil::Date>,
    /// Count events, clusters of reports of one event across articles, or one a day (at most
    /// one event per day, source, target and CAMEO code).
    #[arg(long, value_enum, default_value = "events")]
    count: CountArg,
    /// Codes match exactly (MAR does not find MARGOV).
    #[arg(long)]
    exact: bool,
    /// Count historical (background) events too.
    #[arg(long)]
    include_historical: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: SeriesFormat,
    #[command(flatten)]
    db: DbArg,
}

/// Arguments of `dyad query events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Events whose source or target has this code (or an extension of it).
    #[arg(long, value_name = "CODE")]
    actor: Option<String>,
    /// CAMEO root (two digits, e.g. 04).
    #[arg(long, value_name = "NN")]
    root: Option<String>,
    /// Events dated on or after.
    #[arg(long, value_name = "DATE")]
    from: Option<jiff::civil::Date>,
    /// Events dated on or before.
    #[arg(long, value_name = "DATE")]
    to: Option<jiff::civil::Date>,
    /// Codes match exactly.
    #[arg(long)]
    exact: bool,
    /// Which events to list: every event, each cluster's representative, or one a day (the
    /// first of each day, source, target and CAMEO code) — what `query dyad --count` counts.
    #[arg(long, value_enum, default_value = "events")]
    count: CountArg,
    /// Only events counted by default (asserted, not historical).
    #[arg(long)]
    counted: bool,
    /// At most this many events.
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
    /// Output format (jsonl: one stored event per line, with its record and cluster).
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    #[command(flatten)]
    db: DbArg,
}

/// Arguments of `dyad query actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// A code prefix or part of a name (case-insensitive); all actors when absent.
    #[arg(long, value_name = "TEXT", default_value = "")]
    like: String,
    /// At most this many codes.
    #[arg(long, value_name = "N", default_value_t = 50)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
}

fn open(db: &Path) -> Result<Store> {
    anyhow::ensure!(
        db.exists(),
        "{}: no such store (run `dyad ingest` first)",
        db.display()
    );
    Ok(Store::open_read_only(db)?)
}

/// Runs `dyad query`.
pub fn run(cmd: QueryCommand) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cmd {
        QueryCommand::Dyad(a) => {
            let store = a.db.open(1)?;
            let q = DyadQuery {
                a: a.a.to_uppercase(),
                b: a.b.to_uppercase(),
                period: match a.by {
                    By::Day => Period::Day,
                    By::Week => Period::Week,
                    By::Month => Period::Month,
                    By::Year => Period::Year,
                },
                from: a.from.map(|d| d.to_string()),
                to: a.to.map(|d| d.to_string()),
                count: a.count.into(),
                exact: a.exact,
                include_historical: a.include_historical,
            };
            let series = store.dyad_series(&q)?;
            match a.format {
                SeriesFormat::Json => {
                    serde_json::to_writer_pretty(&mut out, &series)?;
                    writeln!(out)?;
                }
                SeriesFormat::Csv => out.write_all(series.to_csv().as_bytes())?,
                SeriesFormat::Table => write_table(&mut out, &series)?,
            }
        }
        QueryCommand::Events(a) => {
            let store = a.db.open(1)?;
            let q = EventQuery {
                actor: a.actor.map(|c| c.to_uppercase()),
                root: a.root,
                from: a.from.map(|d| d.to_string()),
                to: a.to.map(|d| d.to_string()),
                exact: a.exact,
                count: a.count.into(),
                counted_only: a.counted,
                limit: Some(a.limit),
                ..EventQuery::default()
            };
            let page = store.events(&q)?;
            for e in &page.items {
                match a.format {
                    ListFormat::Jsonl => {
                        serde_json::to_writer(&mut out, e)?;
                        writeln!(out)?;
                    }
                    ListFormat::Table => {
                        let r = &e.record;
                        writeln!(
                            out,
                            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                            r.date.as_deref().unwrap_or("-"),
                            r.source.code,
                            r.target.as_ref().map_or("-", |t| t.code.as_str()),
                            r.cameo,
                            r.modality,
                            r.temporal_status,
                            e.num_articles,
                            r.doc_id,
                            r.sentence.text
                        )?;
                    }
                }
            }
            if let Some(next) = &page.next {
                eprintln!("more events follow (cursor {next}); raise --limit to see them");
            }
        }
        QueryCommand::Actors(a) => {
            let store = a.db.open(1)?;
            for e in store.actors(&a.like, a.limit)? {
                writeln!(out, "{}\t{}\t{}", e.code, e.events, e.names.join("; "))?;
            }
        }
    }
    out.flush().context("writing output")?;
    Ok(ExitCode::SUCCESS)
}

fn mean(m: Option<f64>) -> String {
    m.map_or_else(|| "-".into(), |m| format!("{m:.2}"))
}

fn write_table(out: &mut impl Write, s: &DyadSeries) -> Result<()> {
    let what = s.count.name();
    writeln!(
        out,
        "{} <-> {} ({what}{}{})",
        s.a,
        s.b,
        if s.exact { ", exact codes" } else { "" },
        if s.include_historical {
            ", historical included"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "{:<10}  {:>5} {:>15} {:>6}  {:>5} {:>15} {:>6}  {:>6} {:>7}",
        "period",
        format!("{}>{}", s.a, s.b),
        "VC/MC/VX/MX",
        "gold",
        format!("{}>{}", s.b, s.a),
        "VC/MC/VX/MX",
        "gold",
        "docs",
        what
    )?;
    for p in &s.periods {
        let q = |c: &dyad_store::DirectionCounts| {
            format!(
                "{}/{}/{}/{}",
                c.verbal_cooperation,
                c.material_cooperation,
                c.verbal_conflict,
                c.material_conflict
            )
        };
        writeln!(
            out,
            "{:<10}  {:>5} {:>15} {:>6}  {:>5} {:>15} {:>6}  {:>6} {:>7}",
            p.period,
            p.a_to_b.count,
            q(&p.a_to_b),
            mean(p.a_to_b.goldstein_mean),
            p.b_to_a.count,
            q(&p.b_to_a),
            mean(p.b_to_a.goldstein_mean),
            p.total_documents,
            p.total_events
        )?;
    }
    if s.periods.is_empty() {
        writeln!(out, "(no events between these actors)")?;
    }
    Ok(())
}
