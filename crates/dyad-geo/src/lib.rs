//! Places for dyad: a compact GeoNames gazetteer and a geoparser.
//!
//! The architecture lists the gazetteer under `dyad-lexicon`; it has its own crate because it
//! is a different kind of data — places with coordinates, an admin hierarchy and populations,
//! with its own build command and file format — and so that both the lexicon and the coder
//! can use it. It depends only on `dyad-text`.
//!
//! - [`Gazetteer`]: countries, admin-1/admin-2 divisions, populated places, continents and
//!   the reviewed overlay (border posts, regions, camps, water bodies), looked up by folded,
//!   tokenised name ([`name_key`]). The compiled file `data/gazetteer.bin` is embedded in the
//!   binary ([`Gazetteer::embedded`]), so dyad needs no data folder at run time.
//! - [`Geoparser`]: place mentions in a sentence ([`Geoparser::find_places`]), resolved in the
//!   document's context ([`Geoparser::context`]), and the location of an event
//!   ([`Geoparser::event_location`]).
//! - [`eval`]: the gold-file evaluation behind `dyad eval where`.
//! - [`generate`]: the generator behind `build-gazetteer`.
//!
//! # The compiled gazetteer
//!
//! `data/gazetteer.bin` is generated, deterministically, by
//!
//! ```text
//! cargo run --release -p dyad-geo --bin build-gazetteer -- --geo ../shared/data/geo \
//!     --out crates/dyad-geo/data/gazetteer.bin
//! ```
//!
//! from the GeoNames extract in `../shared/data/geo` (CC BY 4.0, attribution in
//! `DATA_LICENSES.md`), the nationality adjectives of `i18n-nationality` (MIT) and the
//! hand-written `data/overlay.toml`. What it keeps is described in [`generate`]: every
//! country and admin division, places with at least 1,000 inhabitants, every place of the
//! Maghreb and Sahel countries, every capital, and Latin-script names only. The file starts
//! with a magic, a format version and a CRC-32 ([`mod@format`]); an old or damaged file fails with
//! a typed [`Error`].
//!
//! Coordinates: cities, camps and border posts have their own. A country or admin-1 division
//! gets a representative point — the population-weighted mean position of its places in the
//! extract — and its precision says `country` or `admin1`: a country-level location is never
//! passed off as a city. Admin-2 divisions have no coordinates in the extract and get none.
//!
//! # Example
//!
//! ```
//! use dyad_geo::{Geoparser, Precision};
//! use dyad_text::Segmenter;
//!
//! let geo = Geoparser::embedded()?;
//! let text = "Bourita received his Mauritanian counterpart in Rabat. Traffic resumed at \
//!             the Guerguerat crossing, and Oklahoma sent aid.";
//! let seg = Segmenter::new().segment(text);
//! let ctx = geo.context(text, &seg, &["MAR"]);
//! let places = geo.find_places(text, &seg, 0, &ctx);
//! assert_eq!(places.len(), 1); // "Mauritanian" is a demonym, not a place
//! let rabat = places[0].resolution.as_ref().unwrap();
//! assert_eq!((rabat.name.as_str(), rabat.geonameid.unwrap().get()), ("Rabat", 2538475));
//! assert_eq!(rabat.country.as_ref().unwrap().fips, "MO");
//!
//! let second = geo.find_places(text, &seg, 1, &ctx);
//! assert_eq!(second[0].text, "Guerguerat crossing");
//! assert_eq!(second[0].precision, Some(Precision::BorderPost));
//! assert_eq!(second[1].resolution.as_ref().unwrap().key, "US.OK"); // the state
//!
//! // The event "received" happened in Rabat.
//! let received = seg.sentences[0].tokens.start + 1;
//! let loc = geo.event_location(&seg, 0, &places, received, None).unwrap();
//! assert_eq!(places[loc.mention].text, "Rabat");
//! # Ok::<(), dyad_geo::Error>(())
//! ```
#![deny(missing_docs)]

pub mod error;
pub mod eval;
pub mod format;
pub mod gazetteer;
pub mod generate;
pub mod geoparse;
pub mod place;

pub use error::{Error, Result};
pub use gazetteer::{Gazetteer, GazetteerStats, PlaceRef, name_key};
pub use geoparse::{Attachment, DocContext, EventLocation, Geoparser, PlaceMention};
pub use place::{Admin1, Country, GeonameId, Place, PlaceKind, Precision};

#[cfg(test)]
mod tests {
    use super::*;

    fn geo() -> &'static Geoparser {
        static GEO: std::sync::OnceLock<Geoparser> = std::sync::OnceLock::new();
        GEO.get_or_init(|| Geoparser::embedded().expect("embedded gazetteer"))
    }

    #[test]
    fn shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Gazetteer>();
        assert_send_sync::<Geoparser>();
    }

    #[test]
    fn embedded_gazetteer_holds_what_the_docs_say() {
        let gaz = geo().gazetteer();
        let s = gaz.stats();
        assert!(
            s.countries >= 250 && s.places > 150_000 && s.demonyms > 300,
            "{s:?}"
        );
        // Every overlay place and alias made it into the compiled file: an edited overlay
        // without a regenerated gazetteer fails here.
        let overlay = include_str!("../data/overlay.toml");
        let parsed: toml::Table = toml::from_str(overlay).expect("overlay");
        for p in parsed["place"].as_array().expect("places") {
            let key = format!("overlay:{}", p["key"].as_str().expect("key"));
            let place = gaz
                .by_id_string(&key)
                .unwrap_or_else(|| panic!("{key} missing: regenerate the gazetteer"));
            for name in p["names"].as_array().expect("names") {
                let k = name_key(name.as_str().expect("name"));
                assert!(
                    gaz.lookup(&k).any(|c| c == place),
                    "{key}: name {k:?} missing: regenerate the gazetteer"
                );
            }
        }
        for a in parsed["alias"].as_array().expect("aliases") {
            for name in a["names"].as_array().expect("names") {
                let k = name_key(name.as_str().expect("name"));
                assert!(
                    gaz.contains(&k),
                    "alias {k:?} missing: regenerate the gazetteer"
                );
            }
        }
        for w in parsed["stop"]["words"].as_array().expect("stop words") {
            let k = name_key(w.as_str().expect("word"));
            assert!(
                gaz.is_stop_word(&k),
                "stop word {k:?} missing: regenerate the gazetteer"
            );
        }
    }

    #[test]
    fn places_carry_codes_hierarchy_and_coordinates() {
        let gaz = geo().gazetteer();
        let rabat = gaz.place(gaz.by_id_string("2538475").expect("Rabat"));
        assert_eq!(rabat.kind, PlaceKind::City);
        assert!(rabat.capital);
        let country = rabat.country.as_ref().expect("country");
        assert_eq!(
            (
                country.iso2.as_str(),
                country.iso3.as_str(),
                country.fips.as_str()
            ),
            ("MA", "MAR", "MO")
        );
        assert_eq!(rabat.admin1.as_ref().expect("admin1").code, "MA.04");
        assert!((rabat.lat.unwrap() - 34.01325).abs() < 1e-4);
        assert!((rabat.lon.unwrap() + 6.83255).abs() < 1e-4);

        let eh = gaz.place(gaz.country("EH").expect("Western Sahara"));
        assert_eq!(eh.kind, PlaceKind::Territory);
        assert_eq!(eh.precision(), Precision::Country);
        assert_eq!(eh.country.as_ref().unwrap().iso3, "ESH");
        assert_eq!(eh.country.as_ref().unwrap().fips, "WI");
        // A representative point inside the territory, labelled as a country.
        let (lat, lon) = (eh.lat.unwrap(), eh.lon.unwrap());
        assert!(
            (20.0..28.0).contains(&lat) && (-17.5..-8.0).contains(&lon),
            "{lat} {lon}"
        );

        let ok = gaz.place(gaz.by_id_string("US.OK").expect("Oklahoma"));
        assert_eq!((ok.kind, ok.name.as_str()), (PlaceKind::Admin1, "Oklahoma"));
    }

    #[test]
    fn name_keys_follow_the_tokenizer() {
        assert_eq!(name_key("El Guerguerat"), "el guerguerat");
        assert_eq!(name_key("Ouled-Djellal"), "ouled - djellal");
        assert_eq!(name_key("N'Djamena"), "n'djamena");
        assert_eq!(name_key("Tifariti"), "tifariti");
    }

    #[test]
    fn damaged_or_foreign_files_fail_with_typed_errors() {
        let good = geo().gazetteer().to_bytes();
        assert!(matches!(
            Gazetteer::from_bytes(b"hello"),
            Err(Error::BadMagic)
        ));
        let mut newer = good.clone();
        newer[8..12].copy_from_slice(&(format::FORMAT_VERSION + 1).to_le_bytes());
        let err = Gazetteer::from_bytes(&newer).unwrap_err();
        assert!(matches!(err, Error::UnsupportedVersion { .. }));
        assert!(err.to_string().contains("build-gazetteer"), "{err}");
        let mut flipped = good.clone();
        let at = good.len() / 2;
        flipped[at] ^= 0x10;
        assert!(Gazetteer::from_bytes(&flipped).is_err());
        assert!(Gazetteer::from_bytes(&good[..good.len() - 100]).is_err());
        let missing = Gazetteer::open(std::path::Path::new("/nonexistent/gazetteer.bin"));
        assert!(matches!(missing, Err(Error::Io { .. })));
    }

    #[test]
    fn round_trip_is_byte_identical() {
        // Regeneration from the same sources gives the same bytes (checked against
        // ../shared by build-gazetteer); here: decoding and re-encoding changes nothing.
        let embedded = include_bytes!("../data/gazetteer.bin");
        let gaz = Gazetteer::from_bytes(embedded).expect("embedded");
        assert!(gaz.to_bytes() == embedded.as_slice());
    }
}
