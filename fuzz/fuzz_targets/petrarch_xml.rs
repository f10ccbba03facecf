//! The PETRARCH validation-file reader (`<Environment>`, `<Sentence>` records, quick-xml) on
//! arbitrary text: a typed error naming a line of the input, or records that name lines of it.
#![no_main]

use dyad_coder::petrarch_eval::ValidationFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let lines = text.lines().count() as u64 + 1;
    match ValidationFile::parse(text) {
        Err((line, _)) => assert!(
            (1..=lines).contains(&line),
            "error at line {line} of {lines}"
        ),
        Ok(file) => {
            for r in &file.records {
                assert!(
                    (1..=lines).contains(&r.line),
                    "record at line {} of {lines}",
                    r.line
                );
                assert!(!r.text.contains("  ") && !r.text.contains('\n'));
            }
        }
    }
});
