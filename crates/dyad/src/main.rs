//! The `dyad` command-line program: political event data from news.
//!
//! The binary is thin: it parses arguments, calls the libraries and maps errors to exit
//! codes. Each subcommand lives in its own `cmd_*` module.

mod cmd_eval;
mod cmd_ingest;
mod cmd_parse;
mod cmd_split;
mod cmd_when;
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
    /// Split articles into sentences (with their kind and byte offsets) and, optionally, tokens.
    Split(cmd_split::SplitArgs),
    /// Tag, lemmatise, parse and find entities in raw text; print CoNLL-U (entities in MISC).
    Parse(cmd_parse::ParseArgs),
    /// Print each temporal expression with its span and its value resolved against the
    /// publication date (ISO: 2022-05-24, 2021-12, 2021-Q2, P3Y).
    When(cmd_when::WhenArgs),
    /// Evaluate a component against gold data and print its figures.
    #[command(subcommand)]
    Eval(cmd_eval::EvalCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest(args) => cmd_ingest::run(args),
        Command::Stats(args) => cmd_ingest::run_stats(args),
        Command::Split(args) => cmd_split::run(args),
        Command::Parse(args) => cmd_parse::run(args),
        Command::When(args) => cmd_when::run(args),
        Command::Eval(cmd) => cmd_eval::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
