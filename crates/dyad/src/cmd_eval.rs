//! `dyad eval`: figures of each component against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use dyad_text::Segmenter;
use dyad_text::eval::evaluate_split_conllu;
use dyad_time::Tagger;
use dyad_time::eval::{evaluate, load_gold};

/// What to evaluate.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence splitting and tokenisation against a CoNLL-U file (e.g. UD English EWT test):
    /// documents are reassembled from `# newdoc`/`# newpar`/`# text`, and sentence boundaries,
    /// whole sentences and tokens are scored by exact byte spans.
    Split {
        /// The CoNLL-U file.
        file: PathBuf,
    },
    /// Temporal expressions against a TOML gold file (e.g.
    /// crates/dyad-time/testdata/temporal_heldout.toml): span, kind and value accuracy.
    When {
        /// The gold file.
        file: PathBuf,
        /// Also print every failing case with what was expected and what came out.
        #[arg(long)]
        failures: bool,
    },
    /// Actor resolution against the NGEC coder's tests (JSON Lines): the cases that need
    /// neither Wikipedia nor a transformer; prints agreement and every disagreement.
    Actors {
        /// The tests file (`ngec_actor_resolution_tests.jsonl`).
        file: PathBuf,
    },
    /// The geoparser against a gold file of toponyms in context (e.g.
    /// `crates/dyad-geo/testdata/places.toml`): accuracy of the resolved GeoNames ids on the
    /// dev and held-out cases, precision, negatives, event locations, and each failing case.
    Where {
        /// The gold TOML file.
        file: PathBuf,
    },
}

/// Runs `dyad eval`.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Split { file } => {
            let report = evaluate_split_conllu(&file, &Segmenter::new())?;
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::When { file, failures } => {
            let cases = load_gold(&file)?;
            let report = evaluate(&Tagger::new(), &cases);
            if failures {
                for f in &report.failures {
                    println!("{f}");
                }
            }
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Actors { file } => {
            let report =
                dyad_lexicon::eval::evaluate_ngec(&file, dyad_lexicon::Lexicon::default_lexicon())?;
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Where { file } => {
            let geo = dyad_geo::Geoparser::embedded()?;
            let report = dyad_geo::eval::evaluate_gold(&file, &geo)?;
            println!("{}", file.display());
            print!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
