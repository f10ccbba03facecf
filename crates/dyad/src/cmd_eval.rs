//! `dyad eval`: figures of each component against gold data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Subcommand;
use dyad_nlp::Pipeline;
use dyad_nlp::conllu::read_conllu;
use dyad_nlp::eval::{evaluate_ner, evaluate_ud, ner_disagreements};
use dyad_nlp::iob2::read_iob2;
use dyad_text::Segmenter;
use dyad_text::eval::evaluate_split_conllu;
use dyad_time::Tagger;
use dyad_time::eval::{evaluate, load_gold};

/// What to evaluate.
#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Sentence splitting and tokenisation against a CoNLL-U file (e.g. UD English EWT test):
    /// documents are reassembled from `# newdoc`/`# newpar`/`# text`, and sentence boundaries,
    /// whole sentences and tokens are scored by exact byte spans.
    Split {
        /// The CoNLL-U file.
        file: PathBuf,
    },
    /// Tagging, lemmas and dependencies of the shipped NLP model against a CoNLL-U file (e.g. UD
    /// English EWT test): gold tokenisation, predicted tags; UPOS, XPOS, lemma accuracy, UAS, LAS.
    Ud {
        /// The CoNLL-U file.
        file: PathBuf,
    },
    /// Named entities of the shipped NLP model against a Universal NER IOB2 file: exact-span
    /// precision, recall and F1 per type and micro-averaged.
    Ner {
        /// The IOB2 file.
        file: PathBuf,
        /// Also print every sentence where found and gold entities differ (for error analysis
        /// on development data).
        #[arg(long)]
        errors: bool,
    },
    /// Temporal expressions against a TOML gold file (e.g.
    /// crates/dyad-time/testdata/temporal_heldout.toml): span, kind and value accuracy.
    When {
        /// The gold file.
        file: PathBuf,
        /// Also print every failing case with what was expected and what came out.
        #[arg(long)]
        failures: bool,
    },
    /// Actor resolution against the NGEC coder's tests (JSON Lines): the cases that need
    /// neither Wikipedia nor a transformer; prints agreement and every disagreement.
    Actors {
        /// The tests file (`ngec_actor_resolution_tests.jsonl`).
        file: PathBuf,
    },
    /// The geoparser against a gold file of toponyms in context (e.g.
    /// `crates/dyad-geo/testdata/places.toml`): accuracy of the resolved GeoNames ids on the
    /// dev and held-out cases, precision, negatives, event locations, and each failing case.
    Where {
        /// The gold TOML file.
        file: PathBuf,
    },
    /// Events against hand-coded gold events (JSON Lines, `docs/codebook.md`): precision,
    /// recall and F1 at directed dyad + root, dyad + full code and dyad + root + date, matched
    /// one-to-one within each document. Codes the inputs (default `examples/news/`) with the
    /// shipped coder, or reads `dyad code` output (`--system`), or compares a second gold file
    /// (`--compare`: the agreement of two hand codings).
    Events(crate::cmd_eval_events::EventsArgs),
    /// The event coder against a PETRARCH validation file (e.g.
    /// `../shared/data/petrarch/validation/PETR.UnitTest.dev.xml`), with the dictionaries its
    /// `<Environment>` names. Each `<Text>` is coded with dyad's own tokenizer and parser (the
    /// record's `<Parse>` is ignored) at the record's date. A record passes when the distinct
    /// (source, target, code) triples coded — events of every modality; a missing target is
    /// `---`; a symmetric event counts both ways —
    /// are exactly the expected ones; a `noevents` record when nothing is coded; a
    /// `storydiscard`/`sentencediscard` record when the discard list rejects it; a
    /// `dateline` record when nothing is coded. Records of categories the `<Include>` list
    /// leaves out, and `bad_input_parse` records (they test the `<Parse>`), are skipped. Prints passed/failed/% per category and
    /// `N passed, N failed`; exits 0 whatever the score (nonzero only on unreadable input).
    /// See docs/petrarch-validation.md.
    Petrarch {
        /// The validation XML file.
        file: PathBuf,
        /// Where the dictionary files live (default: the parent of the file's directory).
        #[arg(long)]
        dict_dir: Option<PathBuf>,
        /// Also print every failing record with what was expected and what came out.
        #[arg(long)]
        verbose: bool,
    },
    /// The event coder against the PLOVER gold standard records
    /// (`../shared/data/plover/PLOVER_GSR_CAMEO.txt`: CAMEO-manual sentences coded in PLOVER
    /// 0.5, whose type names are mapped to the current categories). Each sentence is coded at
    /// its date with the shipped coder, every modality kept. Prints, per event type, the gold
    /// records, those whose type was found and the precision of the types coded; then recall
    /// and precision of the event type, agreement of source and target where the type was
    /// found, and of modes. Exits 0 whatever the score.
    Plover {
        /// The GSR file (a JSON array of records).
        file: PathBuf,
        /// Also print every record whose type, source or target disagrees.
        #[arg(long)]
        verbose: bool,
        /// Score only one half of the records: `dev` (the development half, whose misses
        /// may be read) or `held-out` (scored only); by default all. The split is fixed by
        /// each record's id (`dyad_coder::plover_eval::part_of`).
        #[arg(long, value_name = "dev|held-out")]
        part: Option<dyad_coder::plover_eval::Part>,
    },
}

/// Runs `dyad eval`.
pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Split { file } => {
            let report = evaluate_split_conllu(&file, &Segmenter::new())?;
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Ud { file } => {
            let pipeline = Pipeline::load_default()?;
            let sentences = read_conllu(&file)?;
            println!("{}", file.display());
            println!("{}", evaluate_ud(&pipeline, &sentences));
        }
        EvalCommand::Ner { file, errors } => {
            let pipeline = Pipeline::load_default()?;
            let sentences = read_iob2(&file)?;
            if errors {
                for d in ner_disagreements(&pipeline, &sentences) {
                    print!("{d}");
                }
            }
            println!("{}", file.display());
            println!("{}", evaluate_ner(&pipeline, &sentences));
        }
        EvalCommand::When { file, failures } => {
            let cases = load_gold(&file)?;
            let report = evaluate(&Tagger::new(), &cases);
            if failures {
                for f in &report.failures {
                    println!("{f}");
                }
            }
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Actors { file } => {
            let report =
                dyad_lexicon::eval::evaluate_ngec(&file, dyad_lexicon::Lexicon::default_lexicon())?;
            println!("{}", file.display());
            println!("{report}");
        }
        EvalCommand::Where { file } => {
            let geo = dyad_geo::Geoparser::embedded()?;
            let report = dyad_geo::eval::evaluate_gold(&file, &geo)?;
            println!("{}", file.display());
            print!("{report}");
        }
        EvalCommand::Events(args) => crate::cmd_eval_events::run(args)?,
        EvalCommand::Petrarch {
            file,
            dict_dir,
            verbose,
        } => eval_petrarch(&file, dict_dir, verbose)?,
        EvalCommand::Plover {
            file,
            verbose,
            part,
        } => {
            use dyad_coder::plover_eval::{Part, evaluate, part_of, read_gsr};
            let mut records = read_gsr(&file)?;
            if let Some(part) = part {
                records.retain(|r| part_of(&r.id) == part);
                let name = if part == Part::Dev {
                    "development"
                } else {
                    "held-out"
                };
                println!("part: the {name} half, {} records", records.len());
            }
            let coder = dyad_coder::Coder::builder()
                .build()
                .context("building the coder")?;
            let report = evaluate(&coder, &records);
            if verbose {
                for (r, g) in report.results.iter().zip(&records) {
                    if !(r.type_found && r.source_agrees && r.target_agrees) {
                        println!(
                            "MISS {} gold {} coded [{}] source {} target {}: {}",
                            r.id,
                            r.gold,
                            r.coded.iter().cloned().collect::<Vec<_>>().join(","),
                            if r.source_agrees { "ok" } else { "-" },
                            if r.target_agrees { "ok" } else { "-" },
                            g.text
                        );
                    }
                }
            }
            println!("{}", file.display());
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn eval_petrarch(file: &Path, dict_dir: Option<PathBuf>, verbose: bool) -> Result<()> {
    use dyad_coder::petrarch_eval::{ValidationFile, coder_for, evaluate};
    let validation = ValidationFile::read(file)?;
    let dict_dir = dict_dir.unwrap_or_else(|| {
        file.parent()
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let (coder, soft) = coder_for(&validation.environment, &dict_dir, file)?;
    if soft > 0 {
        eprintln!("note: {soft} bad dictionary lines skipped (see lexicon-check)");
    }
    let (report, skipped) = evaluate(&coder, &validation);
    if verbose {
        for r in report.results.iter().filter(|r| !r.passed) {
            println!("FAIL {} [{}] {}", r.id, r.category, r.text);
            println!("  expected: {}", r.expected.join("; "));
            println!(
                "  got:      {}",
                if r.got.is_empty() {
                    "nothing".to_string()
                } else {
                    r.got.join("; ")
                }
            );
        }
    }
    println!("{}", file.display());
    if skipped > 0 {
        println!(
            "{skipped} records skipped (category not in <Include>, or testing only the <Parse>)"
        );
    }
    println!("{report}");
    Ok(())
}
