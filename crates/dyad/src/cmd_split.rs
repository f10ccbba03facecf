//! `dyad split`: sentences and tokens with their byte offsets.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, ValueEnum};
use dyad_text::read::read_path;
use dyad_text::{Document, Segmented, Segmenter};
use serde::Serialize;

use crate::input::InputArgs;

/// Arguments of `dyad split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: `text` prints one tab-separated line per sentence (document, index,
    /// kind, start, end, text); `jsonl` one JSON object per sentence.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Also print each sentence's tokens (start, end, text, folded form, kind).
    #[arg(long)]
    tokens: bool,
    /// Print only sentences of this kind.
    #[arg(long, value_name = "body|heading|caption|credit")]
    kind: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Jsonl,
}

#[derive(Serialize)]
struct SentenceOut<'a> {
    doc: &'a str,
    index: usize,
    kind: &'static str,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<Vec<TokenOut<'a>>>,
}

#[derive(Serialize)]
struct TokenOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    folded: &'a str,
    kind: dyad_text::TokenKind,
}

/// Runs `dyad split`.
pub fn run(args: SplitArgs) -> Result<ExitCode> {
    let opts = args.input.read_options()?;
    let segmenter = Segmenter::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seg = Segmented::default();
    let mut failed = false;
    for path in args.input.files()? {
        let outcome = match read_path(&path, &opts) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        for w in &outcome.warnings {
            eprintln!("warning: {w}");
        }
        for e in &outcome.errors {
            eprintln!("error: {e}");
            failed = true;
        }
        for doc in &outcome.documents {
            segmenter.segment_into(&doc.text, doc.lang.as_deref(), &mut seg);
            write_document(&mut out, doc, &seg, &args)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_document(
    out: &mut impl Write,
    doc: &Document,
    seg: &Segmented,
    args: &SplitArgs,
) -> Result<()> {
    for s in &seg.sentences {
        if args.kind.as_deref().is_some_and(|k| k != s.kind.name()) {
            continue;
        }
        let text = s.span.slice(&doc.text);
        match args.format {
            OutputFormat::Text => {
                // Display text: NFC, on one line (JSON output keeps the exact slice).
                let flat: String = dyad_text::nfc(text)
                    .chars()
                    .map(|c| {
                        if matches!(c, '\n' | '\t' | '\r') {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    doc.id,
                    s.index,
                    s.kind.name(),
                    s.span.start,
                    s.span.end,
                    flat
                )?;
                if args.tokens {
                    for i in s.tokens.clone() {
                        let t = &seg.tokens.as_slice()[i];
                        writeln!(
                            out,
                            "\t\t{}\t{}\t{}\t{}\t{:?}",
                            t.span.start,
                            t.span.end,
                            seg.tokens.text(i, &doc.text),
                            seg.tokens.folded(i),
                            t.kind
                        )?;
                    }
                }
            }
            OutputFormat::Jsonl => {
                let tokens = args.tokens.then(|| {
                    s.tokens
                        .clone()
                        .map(|i| {
                            let t = &seg.tokens.as_slice()[i];
                            TokenOut {
                                start: t.span.start,
                                end: t.span.end,
                                text: seg.tokens.text(i, &doc.text),
                                folded: seg.tokens.folded(i),
                                kind: t.kind,
                            }
                        })
                        .collect()
                });
                let rec = SentenceOut {
                    doc: doc.id.as_str(),
                    index: s.index,
                    kind: s.kind.name(),
                    start: s.span.start,
                    end: s.span.end,
                    text,
                    tokens,
                };
                serde_json::to_writer(&mut *out, &rec)?;
                writeln!(out)?;
            }
        }
    }
    Ok(())
}
