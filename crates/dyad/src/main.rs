//! The `dyad` command-line program: political event data from news.
//!
//! The binary is thin: it parses arguments, calls the libraries and maps errors to exit
//! codes. Each subcommand lives in its own `cmd_*` module.

mod cmd_eval;
mod cmd_parse;
mod cmd_split;
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
    /// Split articles into sentences (with their kind and byte offsets) and, optionally, tokens.
    Split(cmd_split::SplitArgs),
    /// Tag, lemmatise, parse and find entities in raw text; print CoNLL-U (entities in MISC).
    Parse(cmd_parse::ParseArgs),
    /// Evaluate a component against gold data and print its figures.
    #[command(subcommand)]
    Eval(cmd_eval::EvalCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Split(args) => cmd_split::run(args),
        Command::Parse(args) => cmd_parse::run(args),
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
