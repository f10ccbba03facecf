//! A generated store for benchmarks: many synthetic events spread Zipf-wise over many dyads
//! and ten years, written through the same event writer as ingest (rows, rollups, actors)
//! and clustered as ingest clusters.

use std::path::Path;

use dyad_coder::record::ActorRecord;
use dyad_coder::{Coder, EventRecord};
use dyad_lexicon::DictDate;
use rusqlite::params;

use crate::error::Result;
use crate::stamp::CoderStamp;
use crate::store::Store;

/// Country codes of the generated actors, most frequent first.
pub const COUNTRIES: &[&str] = &[
    "USA", "CHN", "RUS", "GBR", "FRA", "DEU", "IND", "ISR", "IRN", "TUR", "UKR", "JPN", "PAK",
    "SYR", "EGY", "SAU", "AFG", "IRQ", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "MAR", "DZA",
    "LBY", "TUN", "MLI", "NER", "SDN", "ETH", "KEN", "SOM", "YEM", "LBN", "JOR", "QAT", "ARE",
    "CAN", "AUS", "ITA", "ESP", "POL", "VEN", "COL", "ARG", "IDN", "PHL", "VNM",
];
const SECTORS: &[&str] = &["", "GOV", "MIL", "BUS", "OPP", "MED", "REB", "COP"];
const CAMEO: &[(&str, u8, f32)] = &[
    ("010", 1, 0.0),
    ("020", 1, 3.0),
    ("036", 1, 4.0),
    ("040", 1, 1.0),
    ("043", 1, 2.8),
    ("057", 1, 8.0),
    ("061", 2, 6.4),
    ("070", 2, 7.0),
    ("111", 3, -2.0),
    ("112", 3, -2.0),
    ("130", 3, -4.4),
    ("172", 4, -5.0),
    ("190", 4, -10.0),
    ("193", 4, -10.0),
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
}

/// A Zipf(1) sampler over `n` ranks.
struct Zipf(Vec<f64>);

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (1..=n)
            .map(|k| {
                acc += 1.0 / k as f64;
                acc
            })
            .collect();
        for c in &mut cdf {
            *c /= acc;
        }
        Zipf(cdf)
    }
    fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        self.0.partition_point(|&c| c < u).min(self.0.len() - 1)
    }
}

/// An actor record like `template` with another code.
fn actor(template: &ActorRecord, code: &str) -> ActorRecord {
    let mut a = template.clone();
    a.text = code.to_string();
    a.code = code.to_string();
    a.country_iso3 = Some(code[..3].to_string());
    a.sectors = if code.len() > 3 {
        vec![code[3..].to_string()]
    } else {
        Vec::new()
    };
    a.name = None;
    a
}

/// Writes `events` generated events (ten per document, days over 2015–2024) into a new store
/// at `path`, deterministically from `seed`.
pub fn generate_store(path: &Path, events: usize, seed: u64) -> Result<Store> {
    let mut store = Store::open(path)?;
    let coder = store.coder_id(&CoderStamp::current())?;
    let run = store.begin_run(&["generated".to_string()])?;
    // A real record as the template of every generated one.
    let text = "Morocco was attacked by Algeria.";
    let date = jiff::civil::date(2020, 1, 1);
    let template = Coder::builder()
        .build()?
        .code_text(text, DictDate::from_civil(date))
        .first()
        .map(|e| EventRecord::new("g", text, Some(date), e))
        .expect("the template sentence codes one event");
    let target_template = template.target.clone().expect("a target");
    let mut rng = Rng(seed);
    let actors: Vec<String> = COUNTRIES
        .iter()
        .flat_map(|c| SECTORS.iter().map(move |s| format!("{c}{s}")))
        .collect();
    // Rank actors by country first so a country's codes share its popularity.
    let zipf_country = Zipf::new(COUNTRIES.len());
    let zipf_sector = Zipf::new(SECTORS.len());
    let first_day = crate::days::day_number(2015, 1, 1);
    let span = 3653;
    let per_doc = 10;
    let path_buf = store.path().to_path_buf();
    let sql = |source| crate::Error::Sqlite {
        path: path_buf.clone(),
        source,
    };
    let mut written = 0;
    let mut doc = 0u64;
    while written < events {
        let tx = store.conn.transaction().map_err(sql)?;
        let mut added = Vec::new();
        for _ in 0..5_000 {
            if written >= events {
                break;
            }
            doc += 1;
            let day = first_day + (rng.next() % span) as i64;
            let date = crate::days::iso(day);
            let hash = blake3::hash(&doc.to_le_bytes());
            tx.execute(
                "INSERT INTO documents (content_hash, doc_id, text, source_path, format, run_id, ingested_at,
                 source, report_day, coder_id, published)
                 VALUES (?1, ?2, '', 'generated', 'jsonl', ?7, '', ?3, ?4, ?5, ?6)",
                params![
                    &hash.as_bytes()[..],
                    format!("g{doc}"),
                    format!("source{}", rng.next() % 500),
                    day,
                    coder.0,
                    date,
                    run.0
                ],
            )
            .map_err(sql)?;
            let row = tx.last_insert_rowid();
            crate::events::count_document(&tx, Some(day)).map_err(sql)?;
            for k in 0..per_doc {
                if written >= events {
                    break;
                }
                let pick = |rng: &mut Rng| {
                    let c = zipf_country.sample(rng);
                    let s = zipf_sector.sample(rng);
                    actors[c * SECTORS.len() + s].clone()
                };
                let src = pick(&mut rng);
                let mut tgt = pick(&mut rng);
                while tgt[..3] == src[..3] {
                    tgt = pick(&mut rng);
                }
                let (cameo, quad, goldstein) = CAMEO[(rng.next() % CAMEO.len() as u64) as usize];
                let historical = rng.next().is_multiple_of(20);
                let mut r = template.clone();
                r.id = format!("{:032x}", (doc << 8) | k);
                r.doc_id = format!("g{doc}");
                r.sentence.index = k as usize;
                r.source = actor(&template.source, &src);
                r.target = Some(actor(&target_template, &tgt));
                r.cameo = cameo.into();
                r.cameo_root = cameo[..2].into();
                r.goldstein = Some(goldstein);
                r.quad_class = quad;
                r.plover = None;
                r.report_date = Some(date.clone());
                r.date = Some(date.clone());
                r.temporal_status = if historical { "historical" } else { "current" }.into();
                r.rule = "generated".into();
                r.is_root = k == 0;
                if let Some(seq) =
                    crate::events::insert_event(&tx, row, coder.0, &r).map_err(sql)?
                {
                    added.push(seq);
                }
                written += 1;
            }
        }
        // Clustered as ingest clusters, in the same transaction.
        crate::cluster::add_events(&tx, &added).map_err(sql)?;
        tx.commit().map_err(sql)?;
    }
    store.finish_run(run, crate::RunStatus::Done)?;
    Ok(store)
}
