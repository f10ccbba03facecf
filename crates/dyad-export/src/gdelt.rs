//! GDELT 2.0 event table: 61 tab-separated columns, no header, one directed event per line.
//!
//! The columns and their conventions are those of the GDELT Event Codebook V2.0 (column names
//! in [`COLUMNS`]). What dyad writes in each:
//!
//! - `GLOBALEVENTID`: the first 60 bits of the event id as an integer (the reverse row of a
//!   symmetric event takes the next 60). `SQLDATE`, `MonthYear`, `Year`, `FractionDate`: the
//!   event's day ([`ExportEvent::day`]); `FractionDate` is GDELT's `YYYY + (MM × 30 + DD) / 365`.
//! - `Actor1Code` … `Actor2Type3Code`: the CAMEO actor code and its parts ([`ActorParts`]);
//!   `Actor1Name` the actor's name (or mention) in upper case, as GDELT writes names.
//! - `IsRootEvent`: reported in the lead paragraph. `EventCode`, `EventBaseCode` (the
//!   three-digit level), `EventRootCode`, `QuadClass`, `GoldsteinScale`.
//! - `NumMentions`, `NumSources`, `NumArticles` from the store (1, 1 and the mentions in the
//!   article for a `dyad code` record). `AvgTone` is not computed: left empty.
//! - `Actor1Geo_*`, `Actor2Geo_*`: dyad does not place actors; type `0` and empty fields, GDELT's
//!   convention for an unplaced actor. `ActionGeo_*`: the event's location: type (1 country,
//!   2 US state, 3 US city, 4 world city, 5 world state: admin divisions and regions), full name
//!   ("Rabat, Rabat-Salé-Kénitra, Morocco"), FIPS 10-4 country code, ADM1 code (FIPS country
//!   code + the GeoNames admin-1 code; the country code alone for a country), ADM2 empty,
//!   latitude, longitude, and the GeoNames id as `FeatureID`. GeoNames admin-1 codes are FIPS
//!   10-4 codes for many countries and the state code for the US (`USOK`, as GDELT), but not
//!   everywhere: where GeoNames follows newer divisions (Morocco's 2015 regions, `MO04`) the
//!   code differs from the FIPS code GDELT would write.
//! - `DATEADDED`: when the store added the event, `YYYYMMDDHHMMSS` UTC. `SOURCEURL`: the
//!   article's URL, else its outlet, else its document id.

use std::fmt::Write as _;
use std::io::{self, Write};

use dyad_coder::record::{ActorRecord, LocationRecord};

use crate::actor::ActorParts;
use crate::{ExportEvent, Lookup, actor_name, directed, integer_id, tsv_text};

/// The 61 column names of the GDELT 2.0 event table, in order.
pub const COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// GDELT's geographic type of a location: 1 country, 2 US state, 3 US city, 4 world city,
/// 5 world state (admin divisions, and regions, which GDELT has no type for).
pub fn geo_type(loc: &LocationRecord) -> u8 {
    let us = loc.country_iso3.as_deref() == Some("USA");
    match loc.precision.as_str() {
        "country" => 1,
        "city" | "border-post" => {
            if us {
                3
            } else {
                4
            }
        }
        _ => {
            if us {
                2
            } else {
                5
            }
        }
    }
}

/// One row, built field by field with tabs between them.
struct Row {
    line: String,
    fields: usize,
}

impl Row {
    fn field(&mut self, value: impl std::fmt::Display) {
        if self.fields > 0 {
            self.line.push('\t');
        }
        let _ = write!(self.line, "{value}");
        self.fields += 1;
    }

    fn text(&mut self, value: &str) {
        self.field(tsv_text(value));
    }

    fn actor(&mut self, lookup: &Lookup<'_>, a: Option<&ActorRecord>) {
        let Some(a) = a else {
            for _ in 0..10 {
                self.field("");
            }
            return;
        };
        let parts = ActorParts::split(&a.code, |c| lookup.places.is_country(c));
        self.text(&a.code);
        self.text(&actor_name(a).to_uppercase());
        self.field(parts.country);
        self.field(parts.known_group);
        self.field(parts.ethnic);
        self.field(parts.religion1);
        self.field(parts.religion2);
        for t in parts.types {
            self.field(t);
        }
    }

    fn no_geo(&mut self) {
        self.field(0);
        for _ in 0..7 {
            self.field("");
        }
    }

    fn geo(&mut self, lookup: &mut Lookup<'_>, loc: Option<&LocationRecord>) {
        let Some(loc) = loc else {
            return self.no_geo();
        };
        let kind = geo_type(loc);
        let fips = loc.fips.as_deref().unwrap_or("");
        let country = loc
            .country_iso3
            .as_deref()
            .and_then(|c| lookup.places.country_name(c));
        let admin1 = if kind == 1 {
            None
        } else {
            lookup.admin1(loc).cloned()
        };
        let mut full = loc.name.clone();
        if let Some(a) = &admin1
            && a.name != loc.name
        {
            full.push_str(", ");
            full.push_str(&a.name);
        }
        if let Some(c) = country
            && c != loc.name
        {
            full.push_str(", ");
            full.push_str(c);
        }
        let adm1 = match &admin1 {
            Some(a) if !fips.is_empty() => format!("{fips}{}", a.code),
            _ => fips.to_string(),
        };
        self.field(kind);
        self.text(&full);
        self.field(fips);
        self.field(adm1);
        self.field("");
        self.field(format_args!("{:.4}", loc.lat));
        self.field(format_args!("{:.4}", loc.lon));
        self.field(loc.geonameid.map_or_else(String::new, |g| g.to_string()));
    }
}

/// Writes the GDELT rows of `e` (two for a symmetric event); returns how many.
pub(crate) fn write_rows(
    out: &mut impl Write,
    lookup: &mut Lookup<'_>,
    e: &ExportEvent,
) -> io::Result<u64> {
    let r = &e.record;
    let day = e.day();
    let pairs = directed(r);
    for &(source, target, reversed) in &pairs {
        let mut row = Row {
            line: String::with_capacity(512),
            fields: 0,
        };
        row.field(integer_id(&r.id, reversed));
        match day {
            Some(d) => {
                row.field(d.strftime("%Y%m%d"));
                row.field(d.strftime("%Y%m"));
                row.field(d.year());
                let fraction = f64::from(d.year())
                    + f64::from(i16::from(d.month()) * 30 + i16::from(d.day())) / 365.0;
                row.field(format_args!("{fraction:.4}"));
            }
            None => (0..4).for_each(|_| row.field("")),
        }
        row.actor(lookup, Some(source));
        row.actor(lookup, target);
        row.field(u8::from(r.is_root));
        row.field(&r.cameo);
        row.field(r.cameo.get(..3).unwrap_or(&r.cameo));
        row.field(&r.cameo_root);
        row.field(r.quad_class);
        row.field(r.goldstein.map_or_else(String::new, |g| format!("{g:.1}")));
        row.field(e.num_mentions);
        row.field(e.num_sources);
        row.field(e.num_articles);
        row.field("");
        row.no_geo();
        row.no_geo();
        row.geo(lookup, r.location.as_ref());
        row.field(e.date_added.map_or_else(String::new, |t| {
            jiff::tz::Offset::UTC
                .to_datetime(t)
                .strftime("%Y%m%d%H%M%S")
                .to_string()
        }));
        let url = e
            .doc_url
            .as_deref()
            .or(e.source_name.as_deref())
            .unwrap_or(&r.doc_id);
        row.text(url);
        debug_assert_eq!(row.fields, COLUMNS.len());
        row.line.push('\n');
        out.write_all(row.line.as_bytes())?;
    }
    Ok(pairs.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::geo_type;
    use dyad_coder::record::LocationRecord;

    fn loc(country: &str, precision: &str) -> LocationRecord {
        LocationRecord {
            name: "x".into(),
            lat: 0.0,
            lon: 0.0,
            country_iso3: Some(country.into()),
            geonameid: None,
            fips: None,
            precision: precision.into(),
        }
    }

    #[test]
    fn geo_types_follow_gdelt() {
        assert_eq!(geo_type(&loc("MAR", "country")), 1);
        assert_eq!(geo_type(&loc("USA", "admin1")), 2);
        assert_eq!(geo_type(&loc("USA", "city")), 3);
        assert_eq!(geo_type(&loc("MAR", "city")), 4);
        assert_eq!(geo_type(&loc("MAR", "border-post")), 4);
        assert_eq!(geo_type(&loc("MAR", "admin1")), 5);
        assert_eq!(geo_type(&loc("MLI", "region")), 5);
    }
}
