//! Trains the dyad-nlp model from Universal Dependencies English EWT and Universal NER.
//!
//! `cargo run --release -p dyad-nlp --bin train -- --ud ../shared/data/ud --uner ../shared/data/uner --out crates/dyad-nlp/models`

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use dyad_nlp::Pipeline;
use dyad_nlp::conllu::read_conllu;
use dyad_nlp::eval::{evaluate_ner, evaluate_ud};
use dyad_nlp::iob2::read_iob2;
use dyad_nlp::training::{
    Corpora, TrainConfig, read_names, retrain_recognizer, tagger_experiment, train_pipeline,
};

/// Train the tagger, lemmatiser, parser and recogniser (deterministic).
#[derive(Debug, Parser)]
struct Args {
    /// Folder with en_ewt-ud-{train,dev}.conllu.
    #[arg(long)]
    ud: PathBuf,
    /// Folder with en_ewt-ud-{train,dev}.iob2.
    #[arg(long)]
    uner: PathBuf,
    /// GeoNames folder (place names for the recogniser); default: `geo` next to `--ud`.
    #[arg(long)]
    geo: Option<PathBuf>,
    /// PETRARCH folder (organisation names for the recogniser); default: `petrarch` next to `--ud`.
    #[arg(long)]
    petrarch: Option<PathBuf>,
    /// Folder to write en_ewt.dyadnlp into.
    #[arg(long)]
    out: PathBuf,
    /// Threads for the jackknife folds.
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// Override the maximum tagger epochs (for experiments; the shipped model uses the default).
    #[arg(long)]
    tagger_epochs: Option<usize>,
    /// Override the maximum parser epochs.
    #[arg(long)]
    parser_epochs: Option<usize>,
    /// Override the maximum recogniser epochs.
    #[arg(long)]
    ner_epochs: Option<usize>,
    /// Override the number of tagger ensemble members.
    #[arg(long)]
    tagger_members: Option<usize>,
    /// Override the number of parser ensemble members (trained in parallel).
    #[arg(long)]
    parser_members: Option<usize>,
    /// Experiment: keep this model's tagger, lemmatiser and parser and retrain only the
    /// recogniser (tagging the NER corpora with the model's tagger).
    #[arg(long, value_name = "MODEL")]
    ner_only: Option<PathBuf>,
    /// Experiment: train only the first tagger pass and print its dev UPOS accuracy.
    #[arg(long)]
    tagger_only: bool,
    /// Experiment: print size, dev figures and speed of MODEL pruned at several thresholds.
    #[arg(long, value_name = "MODEL")]
    prune_eval: Option<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let start = Instant::now();
    let ud_train = read_conllu(&args.ud.join("en_ewt-ud-train.conllu"))?;
    let ud_dev = read_conllu(&args.ud.join("en_ewt-ud-dev.conllu"))?;
    let ner_train = read_iob2(&args.uner.join("en_ewt-ud-train.iob2"))?;
    let ner_dev = read_iob2(&args.uner.join("en_ewt-ud-dev.iob2"))?;
    if args.tagger_only {
        let ud_train = read_conllu(&args.ud.join("en_ewt-ud-train.conllu"))?;
        let ud_dev = read_conllu(&args.ud.join("en_ewt-ud-dev.conllu"))?;
        let mut log = |m: String| eprintln!("[{:6.1}s] {m}", start.elapsed().as_secs_f64());
        let mut config = TrainConfig::default();
        config.tagger_members = args.tagger_members.unwrap_or(config.tagger_members);
        config.tagger_epochs = args.tagger_epochs.unwrap_or(config.tagger_epochs);
        let acc = tagger_experiment(&ud_train, &ud_dev, &config, &mut log)?;
        println!("tagger pass 1: dev UPOS {:.2}", 100.0 * acc);
        return Ok(());
    }
    if let Some(model) = &args.prune_eval {
        let ud_dev = read_conllu(&args.ud.join("en_ewt-ud-dev.conllu"))?;
        let ner_dev = read_iob2(&args.uner.join("en_ewt-ud-dev.iob2"))?;
        let base = Pipeline::load(model)?;
        for min_abs in [0.0f32, 0.5, 1.0, 2.0, 4.0] {
            let p = base.pruned(min_abs);
            let t = Instant::now();
            let ud = evaluate_ud(&p, &ud_dev);
            let secs = t.elapsed().as_secs_f64();
            let ner = evaluate_ner(&p, &ner_dev).micro().f1();
            println!(
                "prune {min_abs}: {} bytes, UPOS {:.2} UAS {:.2} LAS {:.2} NER {ner:.2}, {:.0} words/s",
                p.to_bytes().len(),
                ud.upos_pct(),
                ud.uas_pct(),
                ud.las_pct(),
                ud.words as f64 / secs
            );
        }
        return Ok(());
    }
    let shared = args.ud.parent().map(PathBuf::from).unwrap_or_default();
    let geo = args.geo.clone().unwrap_or_else(|| shared.join("geo"));
    let petrarch = args
        .petrarch
        .clone()
        .unwrap_or_else(|| shared.join("petrarch"));
    let names = read_names(&geo, &petrarch)?;
    let mut config = TrainConfig {
        threads: args.threads,
        ..TrainConfig::default()
    };
    config.tagger_epochs = args.tagger_epochs.unwrap_or(config.tagger_epochs);
    config.parser_epochs = args.parser_epochs.unwrap_or(config.parser_epochs);
    config.ner_epochs = args.ner_epochs.unwrap_or(config.ner_epochs);
    config.parser_members = args.parser_members.unwrap_or(config.parser_members);
    config.tagger_members = args.tagger_members.unwrap_or(config.tagger_members);
    let corpora = Corpora {
        ud_train: &ud_train,
        ud_dev: &ud_dev,
        ner_train: &ner_train,
        ner_dev: &ner_dev,
        names: &names,
    };
    let mut log = |m: String| eprintln!("[{:6.1}s] {m}", start.elapsed().as_secs_f64());
    let pipeline = match &args.ner_only {
        Some(model) => retrain_recognizer(
            &Pipeline::load(model)?,
            &ner_train,
            &ner_dev,
            &names,
            &config,
            &mut log,
        )?,
        None => train_pipeline(corpora, &config, &mut log)?,
    };
    // The shipped model must stay within 30 MB: prune small weights further if needed.
    const BUDGET: usize = 30_000_000;
    let mut pipeline = pipeline;
    let mut bytes = pipeline.to_bytes();
    for min_abs in [0.25f32, 0.5, 1.0] {
        if bytes.len() <= BUDGET {
            break;
        }
        eprintln!(
            "{} bytes is over the budget: pruning weights below {min_abs}",
            bytes.len()
        );
        pipeline = pipeline.pruned(min_abs);
        bytes = pipeline.to_bytes();
    }
    let [t, p, n, g] = pipeline.sizes();
    eprintln!(
        "{} bytes; weights: tagger {t}, parser {p}, ner {n}; names {g}",
        bytes.len()
    );
    eprintln!(
        "dev (EWT, gold tokens, predicted tags):\n{}",
        evaluate_ud(&pipeline, &ud_dev)
    );
    eprintln!("dev (UNER):\n{}", evaluate_ner(&pipeline, &ner_dev));
    if bytes.len() > BUDGET {
        bail!("model is {} bytes, over the 30 MB budget", bytes.len());
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let path = args.out.join("en_ewt.dyadnlp");
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!("wrote {}", path.display());
    eprintln!("total {:.1}s", start.elapsed().as_secs_f64());
    Ok(())
}
