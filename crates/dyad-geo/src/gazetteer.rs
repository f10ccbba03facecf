//! The gazetteer: places, their names and a lookup by folded name.
//!
//! Payload layout (after the header of [`crate::format`]):
//!
//! ```text
//! strings     bytes (UTF-8 blob), u32s (offsets, n+1)
//! countries   u32 n; n × { iso2 [2], iso3 [3], fips [2] (spaces when none), name: str, place: u32 }
//! places      u32 n, then column by column: geonameid u32 (delta from the previous one),
//!             key str, name str, kind u8, flags u8, country u16, admin1 u32, lat i32,
//!             lon i32, population u64
//! names       u32s (keys: str ids, sorted by text), u32s (posting offsets, keys+1), u32s (places)
//! demonyms    u32s (keys: str ids, sorted by text), bytes (country u16 per key)
//! stop words  u32s (str ids, sorted by text)
//! ```
//!
//! Sorted and offset arrays are stored as deltas. `str` is an index into the string table; index 0 is the empty string. Coordinates are
//! stored in 1e-5 degrees, `i32::MIN` when unknown; `u16::MAX`/`u32::MAX` mean "none".

use std::path::Path;

use crate::error::{Error, Result};
use crate::format::{Reader, Writer, decode, encode};
use crate::place::{Admin1, Country, GeonameId, Place, PlaceKind};

/// The gazetteer compiled from GeoNames and the overlay, embedded in the binary.
static EMBEDDED: &[u8] = include_bytes!("../data/gazetteer.bin");

pub(crate) const NONE16: u16 = u16::MAX;
pub(crate) const NONE32: u32 = u32::MAX;
pub(crate) const NO_COORD: i32 = i32::MIN;
pub(crate) const FLAG_CAPITAL: u8 = 1;

/// A place of the gazetteer, by position: cheap to copy, resolved with [`Gazetteer::place`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlaceRef(pub(crate) u32);

impl PlaceRef {
    /// The position in the gazetteer's place table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CountryRec {
    pub iso2: [u8; 2],
    pub iso3: [u8; 3],
    pub fips: [u8; 2],
    pub name: u32,
    pub place: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlaceRec {
    pub geonameid: u32,
    pub key: u32,
    pub name: u32,
    pub kind: PlaceKind,
    pub flags: u8,
    pub country: u16,
    pub admin1: u32,
    pub lat: i32,
    pub lon: i32,
    pub population: u64,
}

/// Places, their names, country codes and demonyms, with lookup by folded name.
///
/// Build once (loading the embedded file takes tens of milliseconds) and share: lookups
/// do not allocate and cannot fail; the type is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    pub(crate) blob: String,
    pub(crate) offsets: Vec<u32>,
    pub(crate) countries: Vec<CountryRec>,
    pub(crate) places: Vec<PlaceRec>,
    pub(crate) keys: Vec<u32>,
    pub(crate) posting_offsets: Vec<u32>,
    pub(crate) postings: Vec<u32>,
    pub(crate) demonym_keys: Vec<u32>,
    pub(crate) demonym_countries: Vec<u16>,
    pub(crate) stop_words: Vec<u32>,
    pub(crate) max_key_tokens: usize,
}

/// Counts of what a gazetteer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GazetteerStats {
    /// Countries and territories with ISO codes.
    pub countries: usize,
    /// Places of every kind.
    pub places: usize,
    /// Distinct folded names.
    pub names: usize,
    /// (name, place) pairs.
    pub postings: usize,
    /// Demonyms (nationality adjectives).
    pub demonyms: usize,
}

impl Gazetteer {
    /// Loads the gazetteer embedded in the binary (`crates/dyad-geo/data/gazetteer.bin`).
    pub fn embedded() -> Result<Gazetteer> {
        Gazetteer::from_bytes(EMBEDDED)
    }

    /// Loads a gazetteer file written by `build-gazetteer`.
    pub fn open(path: &Path) -> Result<Gazetteer> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Gazetteer::from_bytes(&bytes)
    }

    /// Loads a gazetteer from the bytes of a file written by `build-gazetteer`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer> {
        let payload = decode(bytes)?;
        Gazetteer::from_payload(&payload)
    }

    /// The file bytes of this gazetteer (header, checksum, compressed payload).
    pub fn to_bytes(&self) -> Vec<u8> {
        encode(&self.payload())
    }

    fn payload(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(self.blob.as_bytes());
        w.u32s_delta(&self.offsets);
        w.u32(self.countries.len() as u32);
        for c in &self.countries {
            w.buf.extend_from_slice(&c.iso2);
            w.buf.extend_from_slice(&c.iso3);
            w.buf.extend_from_slice(&c.fips);
            w.u32(c.name);
            w.u32(c.place);
        }
        // Places are written column by column (and coordinates as deltas), which compresses
        // far better than rows.
        let places = &self.places;
        w.u32(places.len() as u32);
        let mut prev = 0u32;
        for p in places {
            w.u32(p.geonameid.wrapping_sub(prev));
            prev = p.geonameid;
        }
        places.iter().for_each(|p| w.u32(p.key));
        places.iter().for_each(|p| w.u32(p.name));
        places.iter().for_each(|p| w.u8(p.kind.code()));
        places.iter().for_each(|p| w.u8(p.flags));
        places.iter().for_each(|p| w.u16(p.country));
        places.iter().for_each(|p| w.u32(p.admin1));
        places.iter().for_each(|p| w.i32(p.lat));
        places.iter().for_each(|p| w.i32(p.lon));
        places.iter().for_each(|p| w.u64(p.population));
        w.u32s_delta(&self.keys);
        w.u32s_delta(&self.posting_offsets);
        w.u32s(&self.postings);
        w.u32s_delta(&self.demonym_keys);
        let dc: Vec<u8> = self
            .demonym_countries
            .iter()
            .flat_map(|c| c.to_le_bytes())
            .collect();
        w.bytes(&dc);
        w.u32s_delta(&self.stop_words);
        w.buf
    }

    fn from_payload(payload: &[u8]) -> Result<Gazetteer> {
        let bad = |m: &str| Error::Malformed(m.to_owned());
        let mut r = Reader::new(payload);
        let blob = std::str::from_utf8(r.bytes()?)
            .map_err(|_| bad("string table is not UTF-8"))?
            .to_owned();
        let offsets = r.u32s_delta()?;
        let n_countries = r.u32()? as usize;
        let mut countries = Vec::with_capacity(n_countries.min(1024));
        for _ in 0..n_countries {
            let mut iso2 = [0; 2];
            let mut iso3 = [0; 3];
            let mut fips = [0; 2];
            iso2.copy_from_slice(&[r.u8()?, r.u8()?]);
            iso3.copy_from_slice(&[r.u8()?, r.u8()?, r.u8()?]);
            fips.copy_from_slice(&[r.u8()?, r.u8()?]);
            let name = r.u32()?;
            let place = r.u32()?;
            countries.push(CountryRec {
                iso2,
                iso3,
                fips,
                name,
                place,
            });
        }
        let n = r.u32()? as usize;
        if n > payload.len() {
            return Err(bad("place count"));
        }
        let mut places = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.wrapping_add(r.u32()?);
            places.push(PlaceRec {
                geonameid: prev,
                key: 0,
                name: 0,
                kind: PlaceKind::Country,
                flags: 0,
                country: NONE16,
                admin1: NONE32,
                lat: NO_COORD,
                lon: NO_COORD,
                population: 0,
            });
        }
        for p in &mut places {
            p.key = r.u32()?;
        }
        for p in &mut places {
            p.name = r.u32()?;
        }
        for p in &mut places {
            p.kind = PlaceKind::from_code(r.u8()?).ok_or_else(|| bad("unknown place kind"))?;
        }
        for p in &mut places {
            p.flags = r.u8()?;
        }
        for p in &mut places {
            p.country = r.u16()?;
        }
        for p in &mut places {
            p.admin1 = r.u32()?;
        }
        for p in &mut places {
            p.lat = r.i32()?;
        }
        for p in &mut places {
            p.lon = r.i32()?;
        }
        for p in &mut places {
            p.population = r.u64()?;
        }
        let keys = r.u32s_delta()?;
        let posting_offsets = r.u32s_delta()?;
        let postings = r.u32s()?;
        let demonym_keys = r.u32s_delta()?;
        let demonym_countries: Vec<u16> = r
            .bytes()?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let stop_words = r.u32s_delta()?;
        if !r.is_at_end() {
            return Err(bad("trailing bytes"));
        }
        Gazetteer {
            blob,
            offsets,
            countries,
            places,
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

    /// Validates a freshly assembled gazetteer (every index, so that lookups cannot fail)
    /// and derives the longest key length; shared by the loader and the generator.
    pub(crate) fn finish(mut self) -> Result<Gazetteer> {
        self.validate()?;
        self.max_key_tokens = self
            .keys
            .iter()
            .map(|&k| self.str(k).split(' ').count())
            .max()
            .unwrap_or(0);
        Ok(self)
    }

    /// Checks every index, so that lookups can index without failing.
    pub(crate) fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::Malformed(m));
        let n_str = self.offsets.len().saturating_sub(1) as u32;
        if self.offsets.is_empty()
            || self.offsets[0] != 0
            || *self.offsets.last().unwrap_or(&0) as usize != self.blob.len()
            || self.offsets.windows(2).any(|w| w[0] > w[1])
            || self
                .offsets
                .iter()
                .any(|&o| !self.blob.is_char_boundary(o as usize))
        {
            return bad("string offsets".into());
        }
        let str_ok = |s: u32| s < n_str;
        let n_places = self.places.len() as u32;
        for c in &self.countries {
            if !str_ok(c.name) || (c.place != NONE32 && c.place >= n_places) {
                return bad(format!("country {:?}", c.iso2));
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            if !str_ok(p.key)
                || !str_ok(p.name)
                || (p.country != NONE16 && usize::from(p.country) >= self.countries.len())
                || (p.admin1 != NONE32 && p.admin1 >= n_places)
            {
                return bad(format!("place {i}"));
            }
        }
        if self.posting_offsets.len() != self.keys.len() + 1
            || self.posting_offsets.first() != Some(&0)
            || *self.posting_offsets.last().unwrap_or(&0) as usize != self.postings.len()
            || self.posting_offsets.windows(2).any(|w| w[0] >= w[1])
            || self.postings.iter().any(|&p| p >= n_places)
            || self.keys.iter().any(|&k| !str_ok(k))
            || self
                .keys
                .windows(2)
                .any(|w| self.str(w[0]) >= self.str(w[1]))
        {
            return bad("name index".into());
        }
        if self.demonym_keys.len() != self.demonym_countries.len()
            || self.demonym_keys.iter().any(|&k| !str_ok(k))
            || self
                .demonym_keys
                .windows(2)
                .any(|w| self.str(w[0]) >= self.str(w[1]))
            || self
                .demonym_countries
                .iter()
                .any(|&c| usize::from(c) >= self.countries.len())
        {
            return bad("demonyms".into());
        }
        if self.stop_words.iter().any(|&k| !str_ok(k))
            || self
                .stop_words
                .windows(2)
                .any(|w| self.str(w[0]) >= self.str(w[1]))
        {
            return bad("stop words".into());
        }
        Ok(())
    }

    pub(crate) fn str(&self, id: u32) -> &str {
        let i = id as usize;
        &self.blob[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    fn find_sorted(&self, sorted: &[u32], key: &str) -> Option<usize> {
        sorted.binary_search_by(|&k| self.str(k).cmp(key)).ok()
    }

    /// What the gazetteer holds.
    pub fn stats(&self) -> GazetteerStats {
        GazetteerStats {
            countries: self.countries.len(),
            places: self.places.len(),
            names: self.keys.len(),
            postings: self.postings.len(),
            demonyms: self.demonym_keys.len(),
        }
    }

    /// The longest name, in tokens.
    pub fn max_name_tokens(&self) -> usize {
        self.max_key_tokens
    }

    /// The places called `key`: a name folded with [`dyad_text::fold()`] and tokenised as dyad
    /// tokenises text, tokens joined by one space (`guerguerat pass`, `st. john 's`; see
    /// [`name_key`]). Empty when no place has that name.
    pub fn lookup(&self, key: &str) -> impl ExactSizeIterator<Item = PlaceRef> + '_ {
        let range = match self.find_sorted(&self.keys, key) {
            Some(i) => self.posting_offsets[i] as usize..self.posting_offsets[i + 1] as usize,
            None => 0..0,
        };
        self.postings[range].iter().map(|&p| PlaceRef(p))
    }

    /// Whether some place is called `key`, and whether some place's name continues `key` with
    /// more tokens (`key` + space + …): lets a longest-match scan stop early.
    pub fn probe(&self, key: &str) -> (bool, bool) {
        let i = self.keys.partition_point(|&k| self.str(k) < key);
        let exact = self.keys.get(i).is_some_and(|&k| self.str(k) == key);
        let next = if exact { i + 1 } else { i };
        let extends = self.keys.get(next).is_some_and(|&k| {
            let s = self.str(k);
            s.len() > key.len() && s.starts_with(key) && s.as_bytes()[key.len()] == b' '
        });
        (exact, extends)
    }

    /// True when some place is called `key` (see [`Gazetteer::lookup`]).
    pub fn contains(&self, key: &str) -> bool {
        self.find_sorted(&self.keys, key).is_some()
    }

    /// The country whose nationality adjective is `folded` (`moroccan`, `mauritanien`,
    /// `marroqui`), as its place.
    pub fn demonym(&self, folded: &str) -> Option<PlaceRef> {
        let i = self.find_sorted(&self.demonym_keys, folded)?;
        let c = &self.countries[usize::from(self.demonym_countries[i])];
        (c.place != NONE32).then_some(PlaceRef(c.place))
    }

    /// True for a capitalised word that is never a place on its own (`President`, `May`).
    pub fn is_stop_word(&self, folded: &str) -> bool {
        self.find_sorted(&self.stop_words, folded).is_some()
    }

    /// The country with this ISO 3166-1 alpha-2 code, as its place.
    pub fn country(&self, iso2: &str) -> Option<PlaceRef> {
        let c = self.countries.iter().find(|c| c.iso2 == iso2.as_bytes())?;
        (c.place != NONE32).then_some(PlaceRef(c.place))
    }

    /// The place with this GeoNames id.
    pub fn by_geonameid(&self, id: GeonameId) -> Option<PlaceRef> {
        self.places
            .iter()
            .position(|p| p.geonameid == id.get())
            .map(|i| PlaceRef(i as u32))
    }

    /// The place with this key (`US.OK`, `overlay:guerguerat`) or GeoNames id as text.
    pub fn by_id_string(&self, id: &str) -> Option<PlaceRef> {
        if let Ok(g) = id.parse::<GeonameId>() {
            return self.by_geonameid(g);
        }
        self.places
            .iter()
            .position(|p| self.str(p.key) == id)
            .map(|i| PlaceRef(i as u32))
    }

    pub(crate) fn rec(&self, p: PlaceRef) -> &PlaceRec {
        &self.places[p.index()]
    }

    /// The kind of a place.
    pub fn kind(&self, p: PlaceRef) -> PlaceKind {
        self.rec(p).kind
    }

    /// The name of a place.
    pub fn name(&self, p: PlaceRef) -> &str {
        self.str(self.rec(p).name)
    }

    /// The population of a place (0 when unknown).
    pub fn population(&self, p: PlaceRef) -> u64 {
        self.rec(p).population
    }

    /// True for a national capital.
    pub fn is_capital(&self, p: PlaceRef) -> bool {
        self.rec(p).flags & FLAG_CAPITAL != 0
    }

    /// The ISO alpha-2 code of the country a place lies in (or is).
    pub fn country_iso2(&self, p: PlaceRef) -> Option<&str> {
        let c = self.rec(p).country;
        (c != NONE16)
            .then(|| std::str::from_utf8(&self.countries[usize::from(c)].iso2).unwrap_or_default())
    }

    /// The first-level division a place lies in (itself for an admin-1 division).
    pub fn admin1_of(&self, p: PlaceRef) -> Option<PlaceRef> {
        let rec = self.rec(p);
        if rec.kind == PlaceKind::Admin1 {
            return Some(p);
        }
        (rec.admin1 != NONE32).then_some(PlaceRef(rec.admin1))
    }

    /// Every place, in table order.
    pub fn places(&self) -> impl ExactSizeIterator<Item = PlaceRef> + '_ {
        (0..self.places.len() as u32).map(PlaceRef)
    }

    /// The full record of a place.
    pub fn place(&self, p: PlaceRef) -> Place {
        let rec = self.rec(p);
        let country = (rec.country != NONE16).then(|| {
            let c = &self.countries[usize::from(rec.country)];
            let code = |b: &[u8]| String::from_utf8_lossy(b).trim().to_owned();
            Country {
                iso2: code(&c.iso2),
                iso3: code(&c.iso3),
                fips: code(&c.fips),
                name: self.str(c.name).to_owned(),
            }
        });
        let admin1 = self.admin1_of(p).map(|a| {
            let a = self.rec(a);
            Admin1 {
                code: self.str(a.key).to_owned(),
                name: self.str(a.name).to_owned(),
            }
        });
        let coord = |v: i32| (rec.lat != NO_COORD).then(|| f64::from(v) / 1e5);
        Place {
            geonameid: GeonameId::new(rec.geonameid),
            key: self.str(rec.key).to_owned(),
            name: self.str(rec.name).to_owned(),
            kind: rec.kind,
            capital: rec.flags & FLAG_CAPITAL != 0,
            country,
            admin1,
            lat: coord(rec.lat),
            lon: coord(rec.lon),
            population: rec.population,
        }
    }

    /// The identifier of a place as gold files write it (GeoNames id, else its key).
    pub fn id_string(&self, p: PlaceRef) -> String {
        let rec = self.rec(p);
        match GeonameId::new(rec.geonameid) {
            Some(id) => id.to_string(),
            None => self.str(rec.key).to_owned(),
        }
    }
}

/// The lookup key of a place name: its tokens (as [`dyad_text::Segmenter`] cuts them),
/// folded, joined by one space. `"El Guerguerat"` → `"el guerguerat"`, `"Bir Lahlou"` →
/// `"bir lahlou"`, `"Ouled-Djellal"` → `"ouled - djellal"`.
pub fn name_key(name: &str) -> String {
    let seg = dyad_text::Segmenter::new();
    let mut tokens = dyad_text::Tokens::new();
    seg.tokenize_into(name, dyad_text::Span::new(0, name.len()), &mut tokens);
    let mut key = String::with_capacity(name.len());
    for i in 0..tokens.len() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(tokens.folded(i));
    }
    key
}
