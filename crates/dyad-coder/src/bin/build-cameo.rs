//! Generates `data/cameo.tsv` from the shared CAMEO and PLOVER files.
//!
//! ```text
//! cargo run -p dyad-coder --bin build-cameo -- ../shared/data crates/dyad-coder/data/cameo.tsv
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [data, out] = args.as_slice() else {
        eprintln!("usage: build-cameo SHARED_DATA_DIR OUT.tsv");
        return ExitCode::FAILURE;
    };
    let data = PathBuf::from(data);
    let read =
        |p: PathBuf| std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()));
    let result = (|| -> Result<String, String> {
        let tsv = read(data.join("cameo/cameo_event_codes_goldstein.tsv"))?;
        let json = read(data.join("cameo/cameo_codes.json"))?;
        let plover = read(data.join("plover/CAMEO2PLOVER-2021.txt"))?;
        dyad_coder::cameo::generate(&tsv, &json, &plover).map_err(|e| e.to_string())
    })();
    match result.and_then(|t| {
        std::fs::write(out, &t)
            .map(|()| t)
            .map_err(|e| format!("{out}: {e}"))
    }) {
        Ok(t) => {
            eprintln!("wrote {out}: {} codes", t.lines().count() - 1);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
