//! `dyad eval`: figures of each component against gold data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use dyad_text::Segmenter;
use dyad_text::eval::evaluate_split_conllu;

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
        EvalCommand::Where { file } => {
            let geo = dyad_geo::Geoparser::embedded()?;
            let report = dyad_geo::eval::evaluate_gold(&file, &geo)?;
            println!("{}", file.display());
            print!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
