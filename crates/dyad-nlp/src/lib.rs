//! Statistical NLP for dyad, in pure Rust: a part-of-speech tagger (UPOS and Penn Treebank tags),
//! a lemmatiser, a labelled dependency parser (Universal Dependencies relations) and a
//! named-entity recogniser (PER, ORG, LOC), trained on Universal Dependencies English EWT and
//! Universal NER.
//!
//! The main type is [`Pipeline`]: built once from the shipped model ([`Pipeline::load_default`])
//! or a model file, shared across threads, it annotates a tokenised sentence into an
//! [`Annotated`] whose buffers can be reused from sentence to sentence.
//!
//! ```
//! use dyad_nlp::{Pipeline, Upos};
//!
//! let pipeline = Pipeline::load_default()?;
//! let a = pipeline.annotate(&["Morocco", "and", "Mauritania", "signed", "an", "agreement", "."]);
//! assert_eq!(a.upos[3], Upos::Verb);
//! assert_eq!(a.deprel[0], "nsubj");
//! assert_eq!(a.head[0], 4);
//! # Ok::<(), dyad_nlp::Error>(())
//! ```
//!
//! Modules: [`conllu`] and [`iob2`] read the corpora, [`eval`] scores a pipeline against them,
//! [`training`] trains one. The models are averaged perceptrons over hashed features; the parser
//! is a greedy arc-hybrid transition system trained with a dynamic oracle on jackknifed tags.
#![deny(missing_docs)]

mod binfmt;
pub mod conllu;
mod error;
pub mod eval;
mod gazetteer;
pub mod iob2;
mod lemma;
mod lexical;
mod ner;
mod parser;
mod perceptron;
mod pipeline;
mod tagger;
mod tags;
pub mod training;

pub use error::{Error, Result};
pub use iob2::{EntitySpan, EntityType, NerTag};
pub use pipeline::{Annotated, DEFAULT_MAX_PARSE_WORDS, Pipeline, default_model_bytes};
pub use tags::Upos;
