//! `dyad eval`: figures of each component against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use dyad_nlp::Pipeline;
use dyad_nlp::conllu::read_conllu;
use dyad_nlp::eval::{evaluate_ner, evaluate_ud};
use dyad_nlp::iob2::read_iob2;
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
    /// Tagging, lemmas and dependencies of the shipped NLP model against a CoNLL-U file (e.g. UD
    /// English EWT test): gold tokenisation, predicted tags; UPOS, XPOS, lemma accuracy, UAS, LAS.
    Ud {
        /// The CoNLL-U file.
        file: PathBuf,
    },
    /// Named entities of the shipped NLP model against a Universal NER IOB2 file: exact-span
    /// precision, recall and F1 per type and micro-averaged.
    Ner {
        /// The IOB2 file.
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
    /// Events against hand-coded gold events (JSON Lines, `docs/codebook.md`): precision,
    /// recall and F1 at directed dyad + root, dyad + full code and dyad + root + date, matched
    /// one-to-one within each document. Codes the inputs (default `examples/news/`) with the
    /// shipped coder, or reads `dyad code` output (`--system`), or compares a second gold file
    /// (`--compare`: the agreement of two hand codings).
    Events(crate::cmd_eval_events::EventsArgs),
}

/// Runs `dyad eval`.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Split { file } => {
            let report = evaluate_split_conllu(&file, &Segmenter::new())?;
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Ud { file } => {
            let pipeline = Pipeline::load_default()?;
            let sentences = read_conllu(&file)?;
            println!("{}", file.display());
            println!("{}", evaluate_ud(&pipeline, &sentences));
        }
        EvalCommand::Ner { file } => {
            let pipeline = Pipeline::load_default()?;
            let sentences = read_iob2(&file)?;
            println!("{}", file.display());
            println!("{}", evaluate_ner(&pipeline, &sentences));
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
        EvalCommand::Events(args) => crate::cmd_eval_events::run(args)?,
    }
    Ok(ExitCode::SUCCESS)
}
