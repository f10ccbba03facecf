//! Writes a tiny but complete model file (tagger, lemmatiser, parser, recogniser trained for
//! one epoch on four sentences): the seed of the `nlp_model` fuzz target, whose inputs must stay
//! small (the shipped model is 28 MB).
//!
//! `cargo run --release -p dyad-nlp --example tiny_model -- OUT.dyadnlp`

use std::path::Path;

use dyad_nlp::conllu::parse_conllu;
use dyad_nlp::iob2::parse_iob2;
use dyad_nlp::training::{Corpora, TrainConfig, train_pipeline};
use dyad_nlp::{EntityType, Pipeline};

const UD: &str = "\
1\tMorocco\tMorocco\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tsigned\tsign\tVERB\tVBD\t_\t0\troot\t_\t_
3\tan\ta\tDET\tDT\t_\t4\tdet\t_\t_
4\tagreement\tagreement\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\this\the\tPRON\tPRP$\t_\t5\tnmod:poss\t_\t_
5\tcounterparts\tcounterpart\tNOUN\tNNS\t_\t3\tobj\t_\t_
6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_
7\tRabat\tRabat\tPROPN\tNNP\t_\t3\tobl\t_\t_
8\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tTalks\ttalk\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tended\tend\tVERB\tVBD\t_\t0\troot\t_\t_
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\twill\twill\tAUX\tMD\t_\t3\taux\t_\t_
3\tvisit\tvisit\tVERB\tVB\t_\t0\troot\t_\t_
4\tFrance\tFrance\tPROPN\tNNP\t_\t3\tobj\t_\t_
5\ttomorrow\ttomorrow\tNOUN\tNN\t_\t3\tobl:tmod\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_
";

const NER: &str = "\
1\tMorocco\tB-LOC
2\tsigned\tO
3\tthe\tO
4\tUnited\tB-ORG
5\tNations\tI-ORG
6\tdeal\tO

1\tNasser\tB-PER
2\tBourita\tI-PER
3\tvisited\tO
4\tParis\tB-LOC
";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: tiny_model OUT.dyadnlp")?;
    let ud = parse_conllu(UD, Path::new("tiny.conllu"))?;
    let ner = parse_iob2(NER, Path::new("tiny.iob2"))?;
    let names = vec![
        ("Rabat".to_string(), EntityType::Loc),
        ("United Nations".to_string(), EntityType::Org),
    ];
    let corpora = Corpora {
        ud_train: &ud,
        ud_dev: &ud,
        ner_train: &ner,
        ner_dev: &ner,
        names: &names,
    };
    let config = TrainConfig {
        tagger_epochs: 1,
        parser_epochs: 1,
        ner_epochs: 1,
        folds: 2,
        threads: 1,
        ..TrainConfig::default()
    };
    let model = train_pipeline(corpora, &config, &mut |_| {})?;
    let bytes = model.to_bytes();
    // The file reads back: the seed is a valid model.
    Pipeline::from_bytes(&bytes)?;
    std::fs::write(&out, &bytes)?;
    eprintln!("{out}: {} bytes", bytes.len());
    Ok(())
}
