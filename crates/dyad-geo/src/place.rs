//! Places: identifiers, kinds, precisions and the resolved [`Place`] record.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A GeoNames identifier (`geonameid`), e.g. `2538475` for Rabat.
///
/// Always positive; it prints as the plain number GeoNames uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct GeonameId(u32);

impl GeonameId {
    /// Makes an identifier; `None` for 0, which GeoNames never uses.
    pub fn new(id: u32) -> Option<GeonameId> {
        (id != 0).then_some(GeonameId(id))
    }

    /// The number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for GeonameId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for GeonameId {
    type Err = String;
    fn from_str(s: &str) -> Result<GeonameId, String> {
        s.parse::<u32>()
            .ok()
            .and_then(GeonameId::new)
            .ok_or_else(|| format!("not a GeoNames id: {s:?}"))
    }
}

/// What kind of place an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum PlaceKind {
    /// A sovereign country (GeoNames country table).
    Country,
    /// A dependent or disputed territory with its own ISO code (Western Sahara, Gibraltar).
    Territory,
    /// A first-level administrative division (state, region, wilaya, province).
    Admin1,
    /// A second-level administrative division (county, prefecture, department).
    Admin2,
    /// A populated place: city, town, village.
    City,
    /// A region that is no administrative unit: the Maghreb, the Sahel, a continent.
    Region,
    /// A border post or crossing (El Guerguerat).
    BorderPost,
    /// A refugee or displaced-persons camp (the Tindouf camps).
    Camp,
    /// A sea, gulf, lake or river (the Gulf of Guinea).
    WaterBody,
}

impl PlaceKind {
    /// Every kind, in code order.
    pub const ALL: [PlaceKind; 9] = [
        PlaceKind::Country,
        PlaceKind::Territory,
        PlaceKind::Admin1,
        PlaceKind::Admin2,
        PlaceKind::City,
        PlaceKind::Region,
        PlaceKind::BorderPost,
        PlaceKind::Camp,
        PlaceKind::WaterBody,
    ];

    /// The kind's name as files and the CLI write it (`border-post`).
    pub fn name(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Territory => "territory",
            PlaceKind::Admin1 => "admin1",
            PlaceKind::Admin2 => "admin2",
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::BorderPost => "border-post",
            PlaceKind::Camp => "camp",
            PlaceKind::WaterBody => "water-body",
        }
    }

    /// Parses a name written by [`PlaceKind::name`].
    pub fn from_name(name: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.name() == name)
    }

    pub(crate) fn code(self) -> u8 {
        PlaceKind::ALL.iter().position(|&k| k == self).unwrap_or(0) as u8
    }

    pub(crate) fn from_code(code: u8) -> Option<PlaceKind> {
        PlaceKind::ALL.get(usize::from(code)).copied()
    }

    /// How precise a location of this kind is.
    pub fn precision(self) -> Precision {
        match self {
            PlaceKind::Country | PlaceKind::Territory => Precision::Country,
            PlaceKind::Admin1 => Precision::Admin1,
            PlaceKind::Admin2 => Precision::Admin2,
            PlaceKind::City | PlaceKind::Camp => Precision::City,
            PlaceKind::Region | PlaceKind::WaterBody => Precision::Region,
            PlaceKind::BorderPost => Precision::BorderPost,
        }
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How precise a resolved location is. A country-level location says `country`: dyad never
/// passes a country's representative point off as a city.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    /// A populated place or a camp.
    City,
    /// A second-level administrative division.
    Admin2,
    /// A first-level administrative division.
    Admin1,
    /// A country or territory as a whole.
    Country,
    /// A region that is not an administrative unit (the Sahel, a gulf, a continent).
    Region,
    /// A border post or crossing.
    BorderPost,
}

impl Precision {
    /// The precision's name as files and the CLI write it.
    pub fn name(self) -> &'static str {
        match self {
            Precision::City => "city",
            Precision::Admin2 => "admin2",
            Precision::Admin1 => "admin1",
            Precision::Country => "country",
            Precision::Region => "region",
            Precision::BorderPost => "border-post",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A country's codes: ISO 3166-1 alpha-2 and alpha-3, and the FIPS 10-4 code GDELT uses.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (`MA`).
    pub iso2: String,
    /// ISO 3166-1 alpha-3 (`MAR`).
    pub iso3: String,
    /// FIPS 10-4 (`MO`); empty where GeoNames has none.
    pub fips: String,
    /// The English name (`Morocco`).
    pub name: String,
}

/// A first-level administrative division a place lies in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Admin1 {
    /// The GeoNames admin-1 code, country-prefixed (`MA.04`, `US.OK`).
    pub code: String,
    /// Its name (`Rabat-Salé-Kénitra`, `Oklahoma`).
    pub name: String,
}

/// A place of the gazetteer, with everything a resolved location needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// The GeoNames id, when the place comes from GeoNames with one (cities, countries,
    /// continents). Administrative divisions of the extract and overlay places have none.
    pub geonameid: Option<GeonameId>,
    /// A stable key for places without a GeoNames id: the admin code (`US.OK`, `MA.04.581`)
    /// or the overlay key (`overlay:guerguerat`). Empty for places with a GeoNames id.
    pub key: String,
    /// The place's name (`Rabat`).
    pub name: String,
    /// What it is.
    pub kind: PlaceKind,
    /// True for a national capital.
    pub capital: bool,
    /// The country it lies in (or is), when it lies in one.
    pub country: Option<Country>,
    /// The first-level division it lies in (or is), when known.
    pub admin1: Option<Admin1>,
    /// Latitude in degrees, when known. For countries and admin-1 divisions this is a
    /// representative point (see the crate docs), never a city's coordinates.
    pub lat: Option<f64>,
    /// Longitude in degrees, when known.
    pub lon: Option<f64>,
    /// Population, 0 when unknown.
    pub population: u64,
}

impl Place {
    /// How precise a location at this place is.
    pub fn precision(&self) -> Precision {
        self.kind.precision()
    }

    /// The identifier gold files and the CLI use: the GeoNames id when there is one,
    /// otherwise [`Place::key`].
    pub fn id_string(&self) -> String {
        match self.geonameid {
            Some(id) => id.to_string(),
            None => self.key.clone(),
        }
    }
}
