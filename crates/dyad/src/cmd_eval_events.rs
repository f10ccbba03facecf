//! `dyad eval events`: events against hand-coded gold events (`docs/codebook.md`).

use std::path::PathBuf;

use anyhow::{Context, Result};
use dyad_coder::eval::{
    EventsReport, GoldEvent, Level, Scope, in_gold_documents, read_document_list, read_gold,
    read_system, score,
};
use dyad_coder::{CodeBuffers, Coder, DocumentInfo, EventRecord};
use dyad_lexicon::DictDate;

use crate::input::InputArgs;

/// The corpus coded when no input is given.
const DEFAULT_INPUT: &str = "examples/news";

/// Arguments of `dyad eval events`.
#[derive(Debug, clap::Args)]
pub struct EventsArgs {
    /// The gold file (JSON Lines, one event per line).
    gold: PathBuf,
    /// Score this `dyad code` output instead of coding the inputs.
    #[arg(long, value_name = "SYS.jsonl", conflicts_with = "compare")]
    system: Option<PathBuf>,
    /// Score a second gold file against the first and print their agreement.
    #[arg(long, value_name = "OTHER_GOLD.jsonl")]
    compare: Option<PathBuf>,
    /// Score negated, future and hypothetical events too (by default only asserted).
    #[arg(long)]
    all_modalities: bool,
    /// Score historical events too (by default left out).
    #[arg(long)]
    include_historical: bool,
    /// Score only the documents that have a gold event (a gold file covering part of the
    /// inputs); by default every coded document counts, and its events are spurious when it has
    /// no gold.
    #[arg(long)]
    gold_documents_only: bool,
    /// Score only the documents listed in this file (one id per line, `#` comments), e.g. the
    /// development documents `testdata/gold/dev-documents.txt`.
    #[arg(long, value_name = "IDS.txt", conflicts_with = "except_documents")]
    documents: Option<PathBuf>,
    /// Score every document except those listed in this file (the held-out documents:
    /// `--except-documents testdata/gold/dev-documents.txt`).
    #[arg(long, value_name = "IDS.txt")]
    except_documents: Option<PathBuf>,
    /// Print each document's figures and its missed and spurious events.
    #[arg(long)]
    verbose: bool,
    /// Articles to code (default `examples/news/`; `-` reads standard input).
    #[command(flatten)]
    input: crate::input::InputArgs,
}

/// Runs `dyad eval events`.
pub fn run(mut args: EventsArgs) -> Result<()> {
    let gold = read_gold(&args.gold)?;
    let scope = Scope {
        all_modalities: args.all_modalities,
        include_historical: args.include_historical,
    };
    let (system, what) = if let Some(other) = &args.compare {
        (
            read_gold(other)?,
            format!("{} (second coding)", other.display()),
        )
    } else if let Some(sys) = &args.system {
        (read_system(sys)?, sys.display().to_string())
    } else {
        if args.input.inputs.is_empty() {
            args.input.inputs.push(PathBuf::from(DEFAULT_INPUT));
        }
        let events = code_inputs(&args.input)?;
        let names: Vec<String> = args
            .input
            .inputs
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        (events, format!("dyad code {}", names.join(" ")))
    };
    let system = if args.gold_documents_only {
        in_gold_documents(&gold, system)
    } else {
        system
    };
    let (gold, system) = match (&args.documents, &args.except_documents) {
        (Some(list), _) | (_, Some(list)) => {
            let ids = read_document_list(list)?;
            let keep = args.documents.is_some();
            let pick = |v: Vec<GoldEvent>| -> Vec<GoldEvent> {
                v.into_iter()
                    .filter(|e| ids.contains(&e.doc_id) == keep)
                    .collect()
            };
            println!(
                "documents: {} those listed in {}",
                if keep { "only" } else { "all but" },
                list.display()
            );
            (pick(gold), pick(system))
        }
        _ => (gold, system),
    };
    let report = score(&gold, &system, scope);
    println!("gold:   {}", args.gold.display());
    println!("system: {what}");
    if args.verbose {
        print!("{}", report.per_document());
    }
    print!("{report}");
    if args.compare.is_some() {
        print_agreement(&report);
    }
    Ok(())
}

/// Codes every document of `input` (all modalities; the scope filters) into gold-view events.
fn code_inputs(input: &InputArgs) -> Result<Vec<GoldEvent>> {
    let coder = Coder::builder().build().context("building the coder")?;
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let mut buf = CodeBuffers::default();
    let mut events = Vec::new();
    let failed = input.for_each_document(|_, doc| {
        let report = doc.published;
        let date = DictDate::from_civil(report.unwrap_or(today));
        for event in coder.code_article(
            &doc.text,
            doc.lang.as_deref(),
            date,
            DocumentInfo::of(doc),
            &mut buf,
        ) {
            let record = EventRecord::new(doc.id.as_str(), &doc.text, report, &event);
            events.push(GoldEvent::from_record(&record));
        }
        Ok(())
    })?;
    anyhow::ensure!(!failed, "some inputs could not be read (see above)");
    Ok(events)
}

/// The agreement of two codings: F1 at each level (2·matched / (events of A + events of B)).
fn print_agreement(report: &EventsReport) {
    let parts: Vec<String> = Level::ALL
        .iter()
        .map(|l| format!("{} {:.3}", l.name(), report.level(*l).f1()))
        .collect();
    println!("agreement: {}", parts.join(", "));
}
