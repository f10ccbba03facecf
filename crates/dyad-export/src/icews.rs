//! ICEWS coded event data: 20 tab-separated columns with a header row, one directed event per
//! line.
//!
//! The columns are those of the ICEWS event files on Dataverse ([`COLUMNS`], header verbatim).
//! What dyad writes: `Event ID` the integer id of the row (as GDELT's); `Event Date` the
//! event's day, `YYYY-MM-DD`; `Source Name` the person's name read in the mention, else the
//! mention; `Source Sectors` the actor's sectors by name, comma-separated ([`sector_name`]);
//! `Source Country` the country's name; `Event Text` the CAMEO code's name; `Intensity` the
//! Goldstein score; `Story ID` the document id; `Sentence Number` the 1-based sentence;
//! `Publisher` the outlet; `City`, `District`, `Province`, `Country`, `Latitude`,
//! `Longitude` the event's location as far as its precision goes.

use std::io::{self, Write};

use dyad_coder::record::ActorRecord;

use crate::{ExportEvent, Lookup, actor_name, directed, integer_id, tsv_text};

/// The 20 column names of an ICEWS event file, in order (its header row).
pub const COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// The name dyad writes for a sector code in ICEWS's sector columns (the code itself when it
/// has none).
pub fn sector_name(code: &str) -> &str {
    match code {
        "GOV" => "Government",
        "MIL" => "Military",
        "COP" => "Police",
        "JUD" => "Judiciary",
        "LEG" => "Legislative",
        "OPP" => "Opposition",
        "REB" => "Rebels",
        "INS" => "Insurgents",
        "SEP" => "Separatists",
        "SPY" => "Intelligence",
        "UAF" => "Unaligned Armed Forces",
        "BUS" => "Business",
        "MED" => "Media",
        "EDU" => "Education",
        "HLH" => "Health",
        "CVL" => "Civilians",
        "REF" => "Refugees",
        "LAB" => "Labor",
        "AGR" => "Agriculture",
        "ELI" => "Elites",
        "ENV" => "Environment",
        "HRI" => "Human Rights",
        "DEV" => "Development",
        "CRM" => "Criminals",
        "REL" => "Religious",
        "PTY" => "Parties",
        "IGO" => "International Organizations",
        "NGO" => "Nongovernmental Organizations",
        "IMG" => "International Militarized Groups",
        "MNC" => "Multinational Corporations",
        other => other,
    }
}

/// Writes the header row.
pub(crate) fn write_header(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", COLUMNS.join("\t"))
}

fn actor_fields(lookup: &Lookup<'_>, a: Option<&ActorRecord>, fields: &mut Vec<String>) {
    match a {
        None => fields.extend([String::new(), String::new(), String::new()]),
        Some(a) => {
            fields.push(tsv_text(actor_name(a)).into_owned());
            let sectors: Vec<&str> = a.sectors.iter().map(|s| sector_name(s)).collect();
            fields.push(sectors.join(","));
            fields.push(
                a.country_iso3
                    .as_deref()
                    .and_then(|c| lookup.places.country_name(c))
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
}

/// Writes the ICEWS rows of `e` (two for a symmetric event); returns how many.
pub(crate) fn write_rows(
    out: &mut impl Write,
    lookup: &mut Lookup<'_>,
    e: &ExportEvent,
) -> io::Result<u64> {
    let r = &e.record;
    let pairs = directed(r);
    let loc = r.location.as_ref();
    let admin1 = loc.and_then(|l| lookup.admin1(l).map(|a| a.name.clone()));
    let precision = loc.map_or("", |l| l.precision.as_str());
    let (city, district) = match (loc, precision) {
        (Some(l), "city" | "border-post") => (l.name.as_str(), ""),
        (Some(l), "admin2") => ("", l.name.as_str()),
        _ => ("", ""),
    };
    let province = match (loc, precision) {
        (Some(l), "admin1") => l.name.clone(),
        (Some(_), "city" | "border-post" | "admin2") => admin1.unwrap_or_default(),
        _ => String::new(),
    };
    let country = loc
        .and_then(|l| l.country_iso3.as_deref())
        .and_then(|c| lookup.places.country_name(c))
        .unwrap_or("")
        .to_string();
    for &(source, target, reversed) in &pairs {
        let mut fields = Vec::with_capacity(COLUMNS.len());
        fields.push(integer_id(&r.id, reversed));
        fields.push(e.day().map_or_else(String::new, |d| d.to_string()));
        actor_fields(lookup, Some(source), &mut fields);
        fields.push(lookup.cameo_name(&r.cameo).to_string());
        fields.push(r.cameo.clone());
        fields.push(r.goldstein.map_or_else(String::new, |g| format!("{g:.1}")));
        actor_fields(lookup, target, &mut fields);
        fields.push(tsv_text(&r.doc_id).into_owned());
        fields.push((r.sentence.index + 1).to_string());
        fields.push(tsv_text(e.source_name.as_deref().unwrap_or("")).into_owned());
        fields.push(tsv_text(city).into_owned());
        fields.push(tsv_text(district).into_owned());
        fields.push(tsv_text(&province).into_owned());
        fields.push(country.clone());
        fields.push(loc.map_or_else(String::new, |l| format!("{:.4}", l.lat)));
        fields.push(loc.map_or_else(String::new, |l| format!("{:.4}", l.lon)));
        debug_assert_eq!(fields.len(), COLUMNS.len());
        writeln!(out, "{}", fields.join("\t"))?;
    }
    Ok(pairs.len() as u64)
}
