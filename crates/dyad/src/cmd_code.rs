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
    /// Code with the dictionaries in this folder where it has them (a compiled `*.lex`, or
    /// PETRARCH `*actors*.txt`/`*agents*.txt`; a verb file `verbs.txt`/`CAMEO.*.txt`;
    /// `*discard*.txt`); the bundled ones for the rest.
    #[arg(long, value_name = "DIR")]
    dict_dir: Option<std::path::PathBuf>,
    /// Instead of JSON Lines, print each coded sentence's parse and the reasoning behind each
    /// event (actors and why they got their codes, the rule that fired, modality, date, place).
    #[arg(long)]
    explain: bool,
}

/// Runs `dyad code`: prints one JSON Lines record per event (schema: `docs/event-schema.md`).
pub fn run(args: CodeArgs) -> Result<ExitCode> {
    let builder = match &args.dict_dir {
        Some(dir) => {
            let (builder, report) = dyad_coder::dict_dir::builder_from_dir(dir)
                .with_context(|| format!("reading the dictionaries in {}", dir.display()))?;
            eprint!("{report}");
            builder
        }
        None => Coder::builder(),
    };
    let coder = builder.build().context("building the coder")?;
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
        let mut records = Vec::new();
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
            records.push(EventRecord::new(doc.id.as_str(), &doc.text, report, &event));
        }
        if args.explain {
            let text =
                dyad_coder::explain::explain_document(&coder, doc.id.as_str(), &doc.text, &records);
            writeln!(out, "{text}").context("writing output")?;
        } else {
            for record in &records {
                serde_json::to_writer(&mut out, record).context("writing output")?;
                out.write_all(b"\n").context("writing output")?;
            }
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
