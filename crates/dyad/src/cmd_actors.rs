//! `dyad actors`: every actor mention, with its span, code and the reason for the code.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_lexicon::resolve::DocumentResolver;
use dyad_lexicon::{ActorCode, DictDate, Lexicon, TokenRef};
use dyad_text::{Segmented, Segmenter};

use crate::input::InputArgs;

/// Arguments of `dyad actors`.
#[derive(Debug, Args)]
pub struct ActorsArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Resolve date-restricted codes (office holders) at this date instead of each
    /// document's publication date (or today, when a document has none).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<jiff::civil::Date>,
    /// Print only mentions with this code or one extending it (`MAR` finds `MARGOV` and
    /// `MARMIL`).
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// With `--code`: only mentions with exactly that code.
    #[arg(long, requires = "code")]
    exact: bool,
}

/// Runs `dyad actors`: prints one tab-separated line per mention (document, sentence, start,
/// end, text, code, country ISO3, sectors, reason).
pub fn run(args: ActorsArgs) -> Result<ExitCode> {
    let wanted = args
        .code
        .as_deref()
        .map(ActorCode::new)
        .transpose()
        .context("--code")?;
    let lexicon = Lexicon::default_lexicon();
    let segmenter = Segmenter::new();
    let today = jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seg = Segmented::default();
    let failed = args.input.for_each_document(|_, doc| {
        let date = DictDate::from_civil(args.date.or(doc.published).unwrap_or(today));
        segmenter.segment_into(&doc.text, doc.lang.as_deref(), &mut seg);
        // People met earlier in the document keep their codes (coreference by surname).
        let mut resolver = DocumentResolver::new(lexicon, date);
        for s in &seg.sentences {
            let tokens: Vec<TokenRef<'_>> = s
                .tokens
                .clone()
                .map(|i| TokenRef {
                    span: seg.tokens.as_slice()[i].span,
                    folded: seg.tokens.folded(i),
                })
                .collect();
            for m in resolver.sentence_tokens(&doc.text, &tokens) {
                let keep = match &wanted {
                    None => true,
                    Some(w) if args.exact => m.code == *w,
                    Some(w) => m.code.extends(w),
                };
                if !keep {
                    continue;
                }
                let text: String = m
                    .span
                    .slice(&doc.text)
                    .chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    doc.id,
                    s.index,
                    m.span.start,
                    m.span.end,
                    text,
                    m.code,
                    m.country_iso3.as_deref().unwrap_or("-"),
                    m.sectors.join(","),
                    m.reason
                )
                .context("writing output")?;
            }
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
