//! Any bytes given to the gazetteer loader give a gazetteer or a typed error, never a panic;
//! a gazetteer that loads answers lookups without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Raw bytes, and raw bytes wrapped in a valid header (so the payload parser is reached).
    for bytes in [data.to_vec(), dyad_geo::format::encode(data)] {
        if let Ok(gaz) = dyad_geo::Gazetteer::from_bytes(&bytes) {
            for p in gaz.places().take(100) {
                let _ = gaz.place(p);
            }
            let _ = gaz.lookup("rabat").count();
            let _ = gaz.demonym("moroccan");
        }
    }
});
