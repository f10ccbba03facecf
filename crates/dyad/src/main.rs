//! The `dyad` command-line program: political event data from news.
//!
//! The binary is thin: it parses arguments, calls the libraries and maps errors to exit
//! codes. Each subcommand lives in its own `cmd_*` module.

mod cmd_actors;
mod cmd_code;
mod cmd_eval;
mod cmd_eval_events;
mod cmd_export;
mod cmd_harvest;
mod cmd_ingest;
mod cmd_parse;
mod cmd_query;
mod cmd_recode;
mod cmd_serve;
mod cmd_split;
mod cmd_submit;
mod cmd_when;
mod cmd_where;
mod cmd_worker;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// dyad turns news articles into political event data: who did what to whom, when and where.
#[derive(Debug, Parser)]
#[command(name = "dyad", version, about, long_about = None, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles into the embedded store (SQLite): parallel, idempotent and resumable.
    Ingest(cmd_ingest::IngestArgs),
    /// Print what a store holds: documents, sentences, runs, errors.
    Stats(cmd_ingest::StatsArgs),
    /// Query the store: dyad series, events, actors.
    #[command(subcommand)]
    Query(cmd_query::QueryCommand),
    /// Re-code stored documents after a lexicon or model change (no inputs re-read).
    Recode(cmd_recode::RecodeArgs),
    /// Print every actor mention: span, text, code, country, sectors and the reason.
    Actors(cmd_actors::ActorsArgs),
    /// Code events: who did what to whom (CAMEO, Goldstein, QuadClass, PLOVER), as JSON Lines.
    Code(cmd_code::CodeArgs),
    /// Export events as GDELT 2.0, PLOVER, ICEWS, CSV or Parquet.
    Export(cmd_export::ExportArgs),
    /// Serve the HTTP API and the web page over a store (read-only).
    Serve(cmd_serve::ServeArgs),
    /// Publish documents to the NATS JetStream work queue of `dyad worker` (scale-out).
    Submit(cmd_submit::SubmitArgs),
    /// Code documents from the work queue into the shared PostgreSQL store (scale-out).
    Worker(cmd_worker::WorkerArgs),
    /// List what the dictionaries missed, most frequent first, as TSV for review: uncoded noun
    /// phrases headed by a title or proper noun, and verbs between coded actors that matched
    /// no pattern.
    Harvest(cmd_harvest::HarvestArgs),
    /// Split articles into sentences (with their kind and byte offsets) and, optionally, tokens.
    Split(cmd_split::SplitArgs),
    /// Tag, lemmatise, parse and find entities in raw text; print CoNLL-U (entities in MISC).
    Parse(cmd_parse::ParseArgs),
    /// Print each temporal expression with its span and its value resolved against the
    /// publication date (ISO: 2022-05-24, 2021-12, 2021-Q2, P3Y).
    When(cmd_when::WhenArgs),
    /// Find place mentions and print each with its span and resolution (GeoNames id, name,
    /// country codes, coordinates, precision).
    Where(cmd_where::WhereArgs),
    /// Evaluate a component against gold data and print its figures.
    #[command(subcommand)]
    Eval(cmd_eval::EvalCommand),
}

/// True when `err` comes from writing to a closed pipe (`dyad split … | head`).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn main() -> ExitCode {
    // A reader that stops early (`| head`) is not an error: `println!` panics on a closed
    // pipe, so that one panic ends the program quietly, as Unix tools do.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => cmd_ingest::run(args),
        Command::Stats(args) => cmd_ingest::run_stats(args),
        Command::Query(cmd) => cmd_query::run(cmd),
        Command::Recode(args) => cmd_recode::run(args),
        Command::Actors(args) => cmd_actors::run(args),
        Command::Code(args) => cmd_code::run(args),
        Command::Export(args) => cmd_export::run(args),
        Command::Serve(args) => cmd_serve::run(args),
        Command::Submit(args) => cmd_submit::run(args),
        Command::Worker(args) => cmd_worker::run(args),
        Command::Harvest(args) => cmd_harvest::run(args),
        Command::Split(args) => cmd_split::run(args),
        Command::Parse(args) => cmd_parse::run(args),
        Command::When(args) => cmd_when::run(args),
        Command::Where(args) => cmd_where::run(args),
        Command::Eval(cmd) => cmd_eval::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
