//! Prints a model's NER labels next to the gold labels of an IOB2 file (for error analysis).
//!
//! `cargo run --release -p dyad-nlp --example ner_dump -- MODEL FILE.iob2`
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let p = dyad_nlp::Pipeline::load(Path::new(&args[1]))?;
    for s in dyad_nlp::iob2::read_iob2(Path::new(&args[2]))? {
        let a = p.annotate(&s.words);
        for (i, w) in s.words.iter().enumerate() {
            println!(
                "{w}\t{}\t{}\t{}",
                lab(s.tags[i]),
                lab(a.ner[i]),
                a.upos[i].as_str()
            );
        }
        println!();
    }
    Ok(())
}

fn lab(t: dyad_nlp::NerTag) -> String {
    match t {
        dyad_nlp::NerTag::O => "O".into(),
        dyad_nlp::NerTag::B(e) => format!("B-{}", e.as_str()),
        dyad_nlp::NerTag::I(e) => format!("I-{}", e.as_str()),
    }
}
