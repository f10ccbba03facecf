//! `dyad parse`: CoNLL-U for raw text (tokenizer, tagger, lemmatiser, parser, entities in MISC).

use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_nlp::{Annotated, DEFAULT_MAX_PARSE_WORDS, NerTag, Pipeline};
use dyad_text::read::read_path;
use dyad_text::{Segmented, Segmenter};

use crate::input::InputArgs;

/// Arguments of `dyad parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Sentences longer than this many words are parsed in pieces of this size (with a warning).
    #[arg(long, value_name = "WORDS", default_value_t = DEFAULT_MAX_PARSE_WORDS)]
    max_words: usize,
}

/// Runs `dyad parse`.
pub fn run(args: ParseArgs) -> Result<ExitCode> {
    let opts = args.input.read_options()?;
    let pipeline = Pipeline::load_default()
        .context("loading the shipped NLP model")?
        .with_max_parse_words(args.max_words);
    let segmenter = Segmenter::new();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut seg = Segmented::default();
    let mut ann = Annotated::default();
    let mut block = String::new();
    let mut failed = false;
    for path in args.input.files()? {
        let outcome = match read_path(&path, &opts) {
            Ok(o) => o,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        for w in &outcome.warnings {
            eprintln!("warning: {w}");
        }
        for e in &outcome.errors {
            eprintln!("error: {e}");
            failed = true;
        }
        for doc in &outcome.documents {
            segmenter.segment_into(&doc.text, doc.lang.as_deref(), &mut seg);
            writeln!(out, "# newdoc id = {}", doc.id)?;
            let mut words: Vec<&str> = Vec::new();
            for s in &seg.sentences {
                words.clear();
                words.extend(s.tokens.clone().map(|i| seg.tokens.text(i, &doc.text)));
                if words.is_empty() {
                    continue;
                }
                pipeline.annotate_into(&words, &mut ann);
                if ann.parse_pieces > 1 {
                    eprintln!(
                        "warning: {} sentence {}: {} words, parsed in {} pieces of at most {}",
                        doc.id,
                        s.index,
                        words.len(),
                        ann.parse_pieces,
                        args.max_words
                    );
                }
                block.clear();
                let flat: String = s
                    .span
                    .slice(&doc.text)
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let _ = writeln!(block, "# sent_id = {}-{}", doc.id, s.index + 1);
                let _ = writeln!(block, "# text = {flat}");
                for (k, i) in s.tokens.clone().enumerate() {
                    let span = seg.tokens.as_slice()[i].span;
                    let mut misc = format!("TokenRange={}:{}", span.start, span.end);
                    if ann.ner[k] != NerTag::O {
                        let _ = write!(misc, "|NER={}", ann.ner[k]);
                    }
                    let _ = writeln!(
                        block,
                        "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                        k + 1,
                        conllu_field(words[k]),
                        conllu_field(&ann.lemma[k]),
                        ann.upos[k],
                        ann.xpos[k],
                        ann.head[k],
                        ann.deprel[k],
                        misc
                    );
                }
                block.push('\n');
                out.write_all(block.as_bytes())?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A CoNLL-U field cannot hold tabs or line breaks, nor be empty.
fn conllu_field(s: &str) -> String {
    if s.is_empty() {
        return "_".to_string();
    }
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}
