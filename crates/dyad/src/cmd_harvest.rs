//! `dyad harvest`: what the dictionaries missed, as TSV for review into the overlay.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::Coder;
use dyad_coder::harvest::Harvest;
use dyad_lexicon::DictDate;
use dyad_store::Store;

use crate::input::InputArgs;

/// Arguments of `dyad harvest`.
#[derive(Debug, Args)]
pub struct HarvestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Harvest the documents of this store instead of input files (no inputs are read).
    #[arg(long, value_name = "PATH", conflicts_with = "inputs")]
    db: Option<std::path::PathBuf>,
    /// The report date of every document (resolves dated actor codes), instead of each
    /// document's publication date (or today, when a document has none).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Leave out items seen fewer times than this.
    #[arg(long, default_value_t = 1, value_name = "N")]
    min_count: usize,
    /// Example sentences kept per item.
    #[arg(long, default_value_t = 3, value_name = "N")]
    examples: usize,
}

/// Runs `dyad harvest`: prints, most frequent first, the noun phrases headed by a title or a
/// proper noun that got no code and the verbs between coded actors that matched no pattern.
pub fn run(args: HarvestArgs) -> Result<ExitCode> {
    let coder = Coder::builder().build().context("building the coder")?;
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let mut harvest = Harvest::new(&coder, args.examples);
    let failed = match &args.db {
        Some(path) => {
            let store = Store::open_read_only(path)
                .with_context(|| format!("opening the store {}", path.display()))?;
            store
                .for_each_document(|doc| {
                    let report = args.date.or(doc.published).unwrap_or(today);
                    harvest.add_document(
                        &coder,
                        &doc.doc_id,
                        &doc.text,
                        doc.lang.as_deref(),
                        DictDate::from_civil(report),
                    );
                    Ok::<(), std::convert::Infallible>(())
                })
                .with_context(|| format!("reading the store {}", path.display()))?
                .map_err(|never| match never {})?;
            false
        }
        None => args.input.for_each_document(|_, doc| {
            let report = args.date.or(doc.published).unwrap_or(today);
            harvest.add_document(
                &coder,
                doc.id.as_str(),
                &doc.text,
                doc.lang.as_deref(),
                DictDate::from_civil(report),
            );
            Ok(())
        })?,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    harvest
        .write_tsv(&mut out, args.min_count)
        .context("writing output")?;
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
