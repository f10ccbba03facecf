//! `dyad code`: CAMEO events, one JSON object per line.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_coder::{CodeBuffers, Coder, DocumentInfo, EventRecord, Modality};
use dyad_lexicon::DictDate;

use crate::input::InputArgs;

/// Arguments of `dyad code`.
#[derive(Debug, Args)]
pub struct CodeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// The report date of every document (resolves dated actor codes), instead of each
    /// document's publication date (or today, when a document has none).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Print negated, future and hypothetical events too (by default only asserted events).
    #[arg(long)]
    all_modalities: bool,
}

/// Runs `dyad code`: prints one JSON Lines record per event (schema: `docs/event-schema.md`).
pub fn run(args: CodeArgs) -> Result<ExitCode> {
    let coder = Coder::builder().build().context("building the coder")?;
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = CodeBuffers::default();
    let failed = args.input.for_each_document(|_, doc| {
        let report = args.date.or(doc.published);
        let date = DictDate::from_civil(report.unwrap_or(today));
        // Discards (sports, entertainment, chronologies) are reported, not silently lost.
        if let Some(d) = coder.discard_of(&doc.text) {
            let scope = match d.scope {
                dyad_lexicon::discards::DiscardScope::Story => "document",
                dyad_lexicon::discards::DiscardScope::Sentence => "a sentence",
            };
            eprintln!(
                "note: {}: {scope} discarded ({:?})",
                doc.id.as_str(),
                d.text
            );
        }
        for event in coder.code_article(
            &doc.text,
            doc.lang.as_deref(),
            date,
            DocumentInfo::of(doc),
            &mut buf,
        ) {
            if !args.all_modalities && event.modality != Modality::Asserted {
                continue;
            }
            let record = EventRecord::new(doc.id.as_str(), &doc.text, report, &event);
            serde_json::to_writer(&mut out, &record).context("writing output")?;
            out.write_all(b"\n").context("writing output")?;
        }
        for s in buf.skipped_sentences() {
            eprintln!("warning: {}: {s}", doc.id.as_str());
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
