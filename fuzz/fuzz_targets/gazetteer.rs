//! The gazetteer loader (`dyad-geo` `format`: magic, version, length, CRC-32, deflate) on
//! arbitrary bytes: tried as a whole file, then as a payload wrapped in a valid header (so the
//! payload parser is reached). A gazetteer that loads answers lookups and writes back into a
//! gazetteer that loads again with the same bytes.
#![no_main]

use dyad_geo::Gazetteer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for bytes in [data.to_vec(), dyad_geo::format::encode(data)] {
        let Ok(gaz) = Gazetteer::from_bytes(&bytes) else {
            continue;
        };
        for p in gaz.places().take(100) {
            let place = gaz.place(p);
            let _ = gaz.id_string(p);
            let _ = gaz.admin1_of(p);
            let _ = gaz.country_iso2(p);
            let _ = place;
        }
        for key in ["rabat", "new york", "", "x"] {
            for p in gaz.lookup(key) {
                let _ = gaz.name(p);
            }
        }
        let _ = gaz.demonym("moroccan");
        let _ = gaz.country("MA");
        let _ = gaz.stats();
        let written = gaz.to_bytes();
        let again = Gazetteer::from_bytes(&written)
            .unwrap_or_else(|e| panic!("a loaded gazetteer does not read back: {e}"));
        assert_eq!(again.to_bytes(), written);
    }
});
