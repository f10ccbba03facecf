//! Generates the default lexicon shipped with dyad (`crates/dyad-lexicon/lexicon/default.lex`)
//! from the PETRARCH/Phoenix dictionaries, the geography data and the reviewed overlay, and
//! the default verb dictionary (`verbs.txt`, next to it) from `CAMEO.2.0.txt`.
//!
//! ```text
//! cargo run --release -p dyad-lexicon --bin build-lexicon -- \
//!     ../shared/data/petrarch ../shared/data/geo \
//!     crates/dyad-lexicon/lexicon/overlay.toml crates/dyad-lexicon/lexicon/default.lex
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [petrarch, geo, overlay, out] = args.as_slice() else {
        eprintln!("usage: build-lexicon PETRARCH_DIR GEO_DIR OVERLAY.toml OUT.lex");
        return ExitCode::from(2);
    };
    let overlay_text = match std::fs::read_to_string(overlay) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", overlay.display());
            return ExitCode::FAILURE;
        }
    };
    let (lexicon, report) =
        match dyad_lexicon::assemble::assemble_default(petrarch, geo, &overlay_text) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
    println!("{report}");
    let verbs_out = out.with_file_name("verbs.txt");
    match dyad_lexicon::assemble::assemble_verbs(petrarch) {
        Ok((text, dict)) => {
            if let Err(e) = std::fs::write(&verbs_out, &text) {
                eprintln!("error: {}: {e}", verbs_out.display());
                return ExitCode::FAILURE;
            }
            println!(
                "wrote {} ({} synsets, {} verb blocks, {} verbs, {} patterns)",
                verbs_out.display(),
                dict.synsets.len(),
                dict.blocks.len(),
                dict.verb_count(),
                dict.pattern_count()
            );
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let text = lexicon.to_compiled();
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} ({} bytes, {} actors, {} agent forms)",
        out.display(),
        text.len(),
        lexicon.actors().len(),
        lexicon.agents().len()
    );
    ExitCode::SUCCESS
}
