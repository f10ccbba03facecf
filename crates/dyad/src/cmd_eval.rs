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
}

/// Runs `dyad eval`.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Split { file } => {
            let report = evaluate_split_conllu(&file, &Segmenter::new())?;
            println!("{}", file.display());
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
