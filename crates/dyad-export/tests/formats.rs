//! The export formats against the committed column lists, golden files and a Parquet
//! round trip, on the committed fixture of `dyad code` records (`testdata/events.jsonl`).
//!
//! Regenerate the golden files after a deliberate change with
//! `DYAD_BLESS=1 cargo test -p dyad-export --test formats`, and review the diff.

use std::path::PathBuf;
use std::sync::OnceLock;

use dyad_coder::EventRecord;
use dyad_coder::record::LocationRecord;
use dyad_export::{
    CountUnit, ExportEvent, Exporter, Format, Places, Selection, flat, gdelt, icews, plover,
};

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(|| Places::embedded().expect("embedded gazetteer"))
}

fn records() -> Vec<EventRecord> {
    let text = std::fs::read_to_string(testdata("events.jsonl")).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a dyad code record"))
        .collect()
}

fn events() -> Vec<ExportEvent> {
    records()
        .into_iter()
        .map(ExportEvent::from_record)
        .collect()
}

/// Everything in: every modality, historical events too.
fn everything() -> Selection {
    Selection {
        include_historical: true,
        all_modalities: true,
        unit: CountUnit::Events,
    }
}

fn export(
    format: Format,
    events: &[ExportEvent],
    selection: Selection,
) -> (Vec<u8>, dyad_export::ExportStats) {
    let mut out = Vec::new();
    let mut exporter = Exporter::new(format, &mut out, places(), selection).unwrap();
    for e in events {
        exporter.write(e).unwrap();
    }
    let stats = exporter.finish().unwrap();
    (out, stats)
}

/// The names of a committed column list (comment lines start with `#`).
fn column_list(name: &str) -> Vec<String> {
    std::fs::read_to_string(testdata(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// One event as the store would give it: located in Rabat, with a URL, an outlet, counts,
/// a cluster and the time it was added.
fn located(mut record: EventRecord) -> ExportEvent {
    record.location = Some(LocationRecord {
        name: "Rabat".into(),
        lat: 34.01325,
        lon: -6.83255,
        country_iso3: Some("MAR".into()),
        geonameid: Some(2538475),
        fips: Some("MO".into()),
        precision: "city".into(),
    });
    ExportEvent {
        record,
        cluster_id: Some("c42".into()),
        num_articles: 3,
        num_sources: 2,
        num_mentions: 5,
        doc_url: Some("https://example.org/news/001".into()),
        source_name: Some("State Department".into()),
        date_added: Some("2023-03-20T14:15:00Z".parse().unwrap()),
    }
}

fn symmetric_event() -> ExportEvent {
    let mut record = records()
        .into_iter()
        .find(|r| r.target.is_some())
        .expect("a fixture event with a target");
    record.symmetric = true;
    located(record)
}

#[test]
fn fixture_has_what_the_tests_need() {
    let records = records();
    assert!(records.len() >= 10, "{} records", records.len());
    assert!(records.iter().any(|r| r.target.is_none()));
    assert!(
        records.iter().any(|r| r.plover.is_none()),
        "an event without a PLOVER type"
    );
    assert!(
        records.iter().any(|r| r.modality != "asserted"),
        "a non-asserted event"
    );
}

#[test]
fn gdelt_columns_are_the_codebook_columns_in_order() {
    let expected = column_list("gdelt2_columns.txt");
    assert_eq!(expected.len(), 61);
    assert_eq!(gdelt::COLUMNS.to_vec(), expected);
}

#[test]
fn icews_columns_are_the_header_row() {
    let expected = column_list("icews_columns.txt");
    assert_eq!(expected.len(), 20);
    assert_eq!(icews::COLUMNS.to_vec(), expected);
}

#[test]
fn plover_fields_are_manual_fields_in_manual_order() {
    let manual = column_list("plover_fields.txt");
    let positions: Vec<usize> = plover::FIELDS
        .iter()
        .map(|f| {
            manual
                .iter()
                .position(|m| m == f)
                .unwrap_or_else(|| panic!("{f} not in the manual"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    for required in ["id", "date", "actor", "event"] {
        assert!(plover::FIELDS.contains(&required));
    }
}

#[test]
fn gdelt_file_has_61_tab_separated_columns_per_row() {
    let mut events = events();
    events.push(symmetric_event());
    let symmetric = events.iter().filter(|e| e.record.symmetric).count() as u64;
    let (out, stats) = export(Format::Gdelt, &events, everything());
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(stats.kept, events.len() as u64);
    assert_eq!(lines.len() as u64, stats.kept + symmetric);
    assert_eq!(stats.rows, lines.len() as u64);
    for line in &lines {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 61, "{line}");
        assert!(
            fields[0].parse::<i64>().unwrap() > 0,
            "GLOBALEVENTID: {line}"
        );
        assert_eq!(fields[1].len(), 8, "SQLDATE: {line}");
        assert!(
            fields[26].starts_with(fields[28]),
            "EventCode starts with its root: {line}"
        );
        assert!(
            ["0", "1", "2", "3", "4", "5"].contains(&fields[51]),
            "ActionGeo_Type: {line}"
        );
    }
}

#[test]
fn symmetric_events_are_two_directed_rows_or_one_plover_record() {
    let e = symmetric_event();
    let source = e.record.source.code.clone();
    let target = e.record.target.as_ref().unwrap().code.clone();
    let (out, stats) = export(Format::Gdelt, std::slice::from_ref(&e), everything());
    assert_eq!((stats.kept, stats.rows), (1, 2));
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        (rows[0][5], rows[0][15]),
        (source.as_str(), target.as_str())
    );
    assert_eq!(
        (rows[1][5], rows[1][15]),
        (target.as_str(), source.as_str())
    );
    assert_ne!(rows[0][0], rows[1][0], "two GLOBALEVENTIDs");

    let (out, _) = export(Format::Icews, std::slice::from_ref(&e), everything());
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count(),
        3,
        "header and two rows"
    );

    let (out, stats) = export(Format::Plover, std::slice::from_ref(&e), everything());
    assert_eq!(stats.rows, 1);
    let record: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(record["actor"].as_array().unwrap().len(), 2);
    assert!(record["recipient"].as_array().unwrap().is_empty());

    let (out, _) = export(Format::Csv, std::slice::from_ref(&e), everything());
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count(),
        2,
        "header and one row"
    );
}

#[test]
fn historical_and_non_asserted_events_are_left_out_by_default() {
    let mut events = events();
    let mut historical = located(events[0].record.clone());
    historical.record.temporal_status = "historical".into();
    events.push(historical);
    let not_asserted = events
        .iter()
        .filter(|e| e.record.modality != "asserted")
        .count() as u64;
    let (_, stats) = export(Format::Csv, &events, Selection::default());
    assert_eq!(stats.historical, 1);
    assert_eq!(stats.not_asserted, not_asserted);
    assert_eq!(stats.kept, events.len() as u64 - 1 - not_asserted);
    let (_, stats) = export(
        Format::Csv,
        &events,
        Selection {
            include_historical: true,
            ..Selection::default()
        },
    );
    assert_eq!(
        (stats.historical, stats.kept),
        (0, events.len() as u64 - not_asserted)
    );
}

#[test]
fn exports_count_events_clusters_or_one_a_day() {
    let events = events();
    let mut doubled = events.clone();
    doubled.extend(events.iter().cloned().map(|mut e| {
        e.cluster_id = Some(e.record.id.clone());
        e
    }));
    for e in doubled.iter_mut().take(events.len()) {
        e.cluster_id = Some(e.record.id.clone());
    }
    let unit = |unit| Selection {
        unit,
        ..everything()
    };
    let (_, stats) = export(Format::Csv, &doubled, unit(CountUnit::Events));
    assert_eq!(
        (stats.kept, stats.unit),
        (doubled.len() as u64, CountUnit::Events)
    );
    let (_, stats) = export(Format::Csv, &doubled, unit(CountUnit::Clusters));
    assert_eq!(
        (stats.kept, stats.duplicates),
        (events.len() as u64, events.len() as u64)
    );
    let (_, stats) = export(Format::Csv, &doubled, unit(CountUnit::Daily));
    let mut days: Vec<_> = events
        .iter()
        .map(|e| {
            let r = &e.record;
            (
                e.day(),
                r.source.code.clone(),
                r.target.as_ref().map(|t| t.code.clone()),
                r.cameo.clone(),
            )
        })
        .collect();
    days.sort();
    days.dedup();
    assert_eq!(stats.kept, days.len() as u64);
    assert!(stats.to_string().contains("daily kept"), "{stats}");
}

#[test]
fn plover_leaves_out_events_without_a_plover_type() {
    let events = events();
    let without = events.iter().filter(|e| e.record.plover.is_none()).count() as u64;
    let (out, stats) = export(Format::Plover, &events, everything());
    assert_eq!(stats.not_representable, without);
    let lines = String::from_utf8(out).unwrap();
    assert_eq!(lines.lines().count() as u64, events.len() as u64 - without);
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), plover::FIELDS.len(), "{line}");
        assert!(
            v["event"][0].as_str().is_some_and(|t| !t.is_empty()),
            "{line}"
        );
    }
}

#[test]
fn csv_has_a_header_and_one_row_per_event() {
    let events = events();
    let (out, stats) = export(Format::Csv, &events, everything());
    let text = String::from_utf8(out).unwrap();
    let header = text.lines().next().unwrap();
    let names: Vec<&str> = flat::COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(header, names.join(","));
    assert_eq!(stats.rows, events.len() as u64);
}

/// Golden output of the first event with a target, located, for every text format.
#[test]
fn golden_output_of_one_event() {
    let record = records().into_iter().find(|r| r.target.is_some()).unwrap();
    let e = located(record);
    let bless = std::env::var_os("DYAD_BLESS").is_some();
    for (format, file) in [
        (Format::Gdelt, "golden/one.gdelt.tsv"),
        (Format::Icews, "golden/one.icews.tsv"),
        (Format::Plover, "golden/one.plover.jsonl"),
        (Format::Csv, "golden/one.csv"),
    ] {
        let (out, _) = export(format, std::slice::from_ref(&e), everything());
        let got = String::from_utf8(out).unwrap();
        let path = testdata(file);
        if bless {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &got).unwrap();
        }
        let expected = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            got, expected,
            "{format} output differs from {file}; if the change is deliberate, rerun with DYAD_BLESS=1"
        );
    }
}

#[test]
fn parquet_file_round_trips() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    let mut events = events();
    events.push(symmetric_event());
    let (out, stats) = export(Format::Parquet, &events, everything());
    assert_eq!(stats.rows, events.len() as u64);
    assert_eq!(&out[..4], b"PAR1");
    let reader = SerializedFileReader::new(bytes::Bytes::from(out)).unwrap();
    let meta = reader.metadata().file_metadata();
    assert_eq!(meta.num_rows(), events.len() as i64);
    let names: Vec<&str> = meta
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name())
        .collect();
    let expected: Vec<&str> = flat::COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(names, expected);
    let rows: Vec<_> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), events.len());
    for (row, e) in rows.iter().zip(&events) {
        let fields: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
        assert_eq!(fields.len(), flat::COLUMNS.len());
        for ((field, value), (name, _)) in fields.iter().zip(flat::row(e)).zip(flat::COLUMNS) {
            let same = match (field, &value) {
                (Field::Null, flat::Value::Null) => true,
                (Field::Str(a), flat::Value::Text(b)) => a == b,
                (Field::Long(a), flat::Value::Int(b)) => a == b,
                (Field::Double(a), flat::Value::Float(b)) => a == b,
                (Field::Bool(a), flat::Value::Bool(b)) => a == b,
                _ => false,
            };
            assert!(same, "column {name}: read {field:?}, wrote {value:?}");
        }
    }
}
