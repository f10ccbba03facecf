//! Loader check for CI: loads every PETRARCH dictionary in a folder, prints per-file counts
//! of entries and errors, and fails on errors not listed in the expected-errors file.
//!
//! ```text
//! cargo run --release -p dyad-lexicon --bin lexicon-check -- ../shared/data/petrarch
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

/// Soft errors that the published dictionaries are known to contain (`file:line  # why`).
const EXPECTED: &str = include_str!("../../testdata/expected-load-errors.txt");

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: lexicon-check DIR [--verbose]");
        return ExitCode::from(2);
    };
    let verbose = args.any(|a| a == "--verbose" || a == "-v");
    let report = match dyad_lexicon::check_dir(&dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{report}");
    if verbose {
        for f in &report.files {
            for e in &f.errors {
                println!("  {e}");
            }
        }
    }
    let unexpected = report.unexpected(EXPECTED);
    println!(
        "expected errors: {}, unexpected: {}",
        report.error_count() - unexpected.len(),
        unexpected.len()
    );
    if unexpected.is_empty() {
        ExitCode::SUCCESS
    } else {
        for e in unexpected {
            eprintln!("unexpected: {e}");
        }
        ExitCode::FAILURE
    }
}
