//! Scores a model file (not only the embedded one, as `dyad eval` does) with the same reports:
//! UD tagging, lemmas and attachment on gold tokens, and Universal NER spans.
//!
//! `cargo run --release -p dyad-nlp --example eval -- MODEL FILE.conllu FILE.iob2`
use std::path::Path;

use dyad_nlp::conllu::read_conllu;
use dyad_nlp::eval::{evaluate_ner, evaluate_ud};
use dyad_nlp::iob2::read_iob2;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        return Err("usage: eval MODEL FILE.conllu FILE.iob2".into());
    }
    let p = dyad_nlp::Pipeline::load(Path::new(&args[1]))?;
    println!("{}", evaluate_ud(&p, &read_conllu(Path::new(&args[2]))?));
    println!("{}", evaluate_ner(&p, &read_iob2(Path::new(&args[3]))?));
    Ok(())
}
