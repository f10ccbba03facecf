//! `dyad where`: place mentions with their spans and resolutions.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use dyad_geo::{Geoparser, PlaceMention};
use dyad_text::{Document, Segmented, Segmenter};
use serde::Serialize;

use crate::input::InputArgs;

/// Arguments of `dyad where`.
#[derive(Debug, Args)]
pub struct WhereArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: `text` prints one tab-separated line per mention (document, sentence,
    /// start, end, text, GeoNames id or key, name, precision, ISO2, ISO3, FIPS, admin-1 code,
    /// latitude, longitude, reason); `jsonl` one JSON object per mention.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Countries of the actors (ISO alpha-2 or alpha-3, comma-separated), used to choose
    /// between places of the same name.
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    actors: Vec<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum OutputFormat {
    Text,
    Jsonl,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    doc: &'a str,
    #[serde(flatten)]
    mention: &'a PlaceMention,
}

/// Runs `dyad where`.
pub fn run(args: WhereArgs) -> Result<ExitCode> {
    let geo = Geoparser::embedded().context("loading the embedded gazetteer")?;
    let segmenter = Segmenter::new();
    let actors: Vec<&str> = args.actors.iter().map(String::as_str).collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seg = Segmented::default();
    let failed = args.input.for_each_document(|_, doc| {
        segmenter.segment_into(&doc.text, doc.lang.as_deref(), &mut seg);
        let mentions = geo.find_all(&doc.text, &seg, &actors);
        write_mentions(&mut out, doc, &mentions, args.format)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn write_mentions(
    out: &mut impl Write,
    doc: &Document,
    mentions: &[PlaceMention],
    format: OutputFormat,
) -> Result<()> {
    for m in mentions {
        match format {
            OutputFormat::Jsonl => {
                serde_json::to_writer(
                    &mut *out,
                    &MentionOut {
                        doc: doc.id.as_str(),
                        mention: m,
                    },
                )?;
                writeln!(out)?;
            }
            OutputFormat::Text => {
                let text = dyad_text::nfc(&m.text).replace(['\n', '\t', '\r'], " ");
                let (id, name, country, admin1, coords) = match &m.resolution {
                    Some(p) => {
                        let c = p.country.as_ref();
                        let codes = c.map_or_else(
                            || "-\t-\t-".to_owned(),
                            |c| format!("{}\t{}\t{}", c.iso2, c.iso3, or_dash(&c.fips)),
                        );
                        let coords = match (p.lat, p.lon) {
                            (Some(lat), Some(lon)) => format!("{lat:.5}\t{lon:.5}"),
                            _ => "-\t-".to_owned(),
                        };
                        let admin1 = p.admin1.as_ref().map_or("-", |a| a.code.as_str());
                        (
                            p.id_string(),
                            p.name.clone(),
                            codes,
                            admin1.to_owned(),
                            coords,
                        )
                    }
                    None => (
                        "-".into(),
                        "-".into(),
                        "-\t-\t-".into(),
                        "-".into(),
                        "-\t-".into(),
                    ),
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    doc.id,
                    m.sentence,
                    m.span.start,
                    m.span.end,
                    text,
                    id,
                    name,
                    m.precision.map_or("-", |p| p.name()),
                    country,
                    admin1,
                    coords,
                    m.reason
                )?;
            }
        }
    }
    Ok(())
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() { "-" } else { s }
}
