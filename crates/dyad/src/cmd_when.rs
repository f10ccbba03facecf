//! `dyad when`: temporal expressions with their spans and resolved values.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use dyad_text::read::read_path;
use dyad_time::{Anchor, DateOrder, TagBuffer, Tagger, TimeExpr};
use jiff::civil::Date;
use serde::Serialize;

use crate::input::InputArgs;

/// Arguments of `dyad when`.
#[derive(Debug, Args)]
pub struct WhenArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Publication date to resolve against (YYYY-MM-DD); by default each document's own
    /// publication date. Documents without one are an error unless this is given.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    /// Read all-numeric dates such as 03/04/2021 month first (U.S. usage) when both readings
    /// are possible; the default is day first.
    #[arg(long)]
    month_first: bool,
    /// Output format: `text` prints one tab-separated line per expression (document, start,
    /// end, kind, value, modifier, interval, text); `jsonl` one JSON object per expression.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Jsonl,
}

#[derive(Serialize)]
struct ExprOut<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: &'static str,
    value: Option<String>,
    #[serde(rename = "mod")]
    modifier: Option<&'static str>,
    precision: Option<dyad_time::Precision>,
    first: Option<Date>,
    last: Option<Date>,
}

/// Runs `dyad when`.
pub fn run(args: WhenArgs) -> Result<ExitCode> {
    let opts = args.input.read_options()?;
    let order = if args.month_first {
        DateOrder::MonthFirst
    } else {
        DateOrder::DayFirst
    };
    let tagger = Tagger::with_date_order(order);
    let mut buffer = TagBuffer::default();
    let mut found = Vec::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
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
            let Some(date) = args.date.or(doc.published) else {
                bail!(
                    "{}: document {} has no publication date; give one with --date YYYY-MM-DD",
                    path.display(),
                    doc.id.as_str()
                );
            };
            found.clear();
            tagger.tag_into(&doc.text, Anchor::new(date), &mut buffer, &mut found);
            for e in &found {
                write_expr(&mut out, doc.id.as_str(), e, args.format)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_expr(out: &mut impl Write, doc: &str, e: &TimeExpr, format: OutputFormat) -> Result<()> {
    let value = e.value.map(|v| v.to_string());
    match format {
        OutputFormat::Text => {
            let flat: String = e
                .text
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            writeln!(
                out,
                "{doc}\t{}\t{}\t{}\t{}\t{}\t{}\t{flat}",
                e.span.start,
                e.span.end,
                e.kind,
                value.as_deref().unwrap_or("-"),
                e.modifier.map_or("-", |m| m.as_str()),
                e.interval
                    .map_or_else(|| "-".to_owned(), |iv| iv.to_string()),
            )?;
        }
        OutputFormat::Jsonl => {
            let row = ExprOut {
                doc,
                start: e.span.start,
                end: e.span.end,
                text: &e.text,
                kind: e.kind.as_str(),
                value,
                modifier: e.modifier.map(|m| m.as_str()),
                precision: e.precision,
                first: e.interval.map(|iv| iv.first),
                last: e.interval.map(|iv| iv.last),
            };
            serde_json::to_writer(&mut *out, &row)?;
            writeln!(out)?;
        }
    }
    Ok(())
}
