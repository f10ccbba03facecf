//! What the exports need from the gazetteer: country names and codes, and the admin-1
//! division of a GeoNames place.

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_geo::place::PlaceKind;
use dyad_geo::{Gazetteer, PlaceRef, Result};

/// Country names and codes, and a place's first-level division, from dyad's embedded
/// gazetteer. Built once; the exporters borrow it.
#[derive(Debug)]
pub struct Places {
    gazetteer: Gazetteer,
    /// ISO alpha-3 → (name, FIPS 10-4 code).
    countries: HashMap<String, (String, String)>,
    /// GeoNames id → place, built on the first admin-1 lookup (exports without locations
    /// never pay for it).
    by_geonameid: OnceLock<HashMap<u32, PlaceRef>>,
}

/// A place's first-level division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admin1Info {
    /// GeoNames admin-1 code without its country prefix (`04` of `MA.04`, `OK` of `US.OK`).
    pub code: String,
    /// Its name (`Rabat-Salé-Kénitra`).
    pub name: String,
}

impl Places {
    /// The places of the gazetteer embedded in dyad.
    pub fn embedded() -> Result<Places> {
        Ok(Places::new(Gazetteer::embedded()?))
    }

    /// The places of `gazetteer`.
    pub fn new(gazetteer: Gazetteer) -> Places {
        let mut countries = HashMap::new();
        for p in gazetteer.places() {
            if matches!(gazetteer.kind(p), PlaceKind::Country | PlaceKind::Territory)
                && let Some(c) = gazetteer.place(p).country
            {
                countries.entry(c.iso3).or_insert((c.name, c.fips));
            }
        }
        Places {
            gazetteer,
            countries,
            by_geonameid: OnceLock::new(),
        }
    }

    /// True for a country's ISO alpha-3 code, or CAMEO's `KOS` (Kosovo).
    pub fn is_country(&self, iso3: &str) -> bool {
        iso3 == "KOS" || self.countries.contains_key(iso3)
    }

    /// The English name of a country (`MAR` → `Morocco`).
    pub fn country_name(&self, iso3: &str) -> Option<&str> {
        match iso3 {
            "KOS" => Some("Kosovo"),
            _ => self.countries.get(iso3).map(|(name, _)| name.as_str()),
        }
    }

    /// The first-level division of the place with GeoNames id `id`.
    pub fn admin1(&self, id: u32) -> Option<Admin1Info> {
        let by_id = self.by_geonameid.get_or_init(|| {
            let g = &self.gazetteer;
            let mut map = HashMap::new();
            for p in g.places() {
                if let Some(id) = g.place(p).geonameid {
                    map.entry(id.get()).or_insert(p);
                }
            }
            map
        });
        let place = *by_id.get(&id)?;
        let admin1 = self.gazetteer.place(place).admin1?;
        let code = admin1.code.split_once('.').map_or("", |(_, c)| c);
        Some(Admin1Info {
            code: code.to_string(),
            name: admin1.name,
        })
    }
}
