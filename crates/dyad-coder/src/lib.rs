//! dyad's event coder: who did what to whom.
//!
//! A [`Coder`] is built once ([`Coder::builder`]) from the shipped NLP model, the default
//! lexicon and the PETRARCH-2 verb dictionary, and shared across threads. For each body
//! sentence it parses the tokens, finds verb predicates in the verb dictionary, matches the
//! block's patterns among the predicate's dependents (words left of `*` before the verb, the
//! rest after it, in surface order), takes the source from the subject (or the `by` agent of a
//! passive) and the target from the object or the oblique the pattern names, maps each role to
//! the lexicon's actor mention inside the argument's subtree, and returns one [`Event`] per
//! coded predicate and target, with Goldstein, QuadClass and PLOVER from the [`cameo`] table,
//! its [`Modality`], the speaker of reported speech and the rule that fired. Each event is
//! dated ([`dating`]: the temporal expression governed by the predicate, else the nearest
//! compatible one, else the reference time, with its [`TemporalStatus`]) and located
//! ([`placing`]: the place attached to the predicate, else the sentence's, else none).
//!
//! ```
//! use dyad_coder::{Coder, Modality};
//! use dyad_lexicon::DictDate;
//!
//! let coder = Coder::builder().build()?;
//! let text = "Morocco was attacked by Algeria.";
//! let events = coder.code_text(text, DictDate::parse("20230301").unwrap());
//! assert_eq!(events.len(), 1);
//! let e = &events[0];
//! assert_eq!(e.source.code.as_str(), "DZA");
//! assert_eq!(e.target.as_ref().unwrap().code.as_str(), "MAR");
//! assert_eq!(e.cameo.root(), "19");
//! assert_eq!(e.quad_class, 4);
//! assert_eq!(e.modality, Modality::Asserted);
//! assert_eq!(e.trigger.slice(text), "attacked");
//! # Ok::<(), dyad_coder::Error>(())
//! ```
//!
//! [`record::EventRecord`] is the JSON Lines record `dyad code` prints
//! (`docs/event-schema.md`); [`eval`] scores events against hand-coded gold events
//! (`docs/codebook.md`).
#![deny(missing_docs)]

pub mod cameo;
pub mod coder;
pub mod dating;
pub mod dict_dir;
mod error;
pub mod eval;
pub mod explain;
pub mod harvest;
pub mod merge;
pub mod petrarch_eval;
pub mod placing;
pub mod plover_eval;
pub mod record;
pub mod turns;
pub mod voice;

pub use cameo::{CameoEntry, CameoTable};
pub use coder::{
    Attribution, CodeBuffers, Coder, CoderBuilder, DEFAULT_MAX_SENTENCE_WORDS, DocumentInfo, Event,
    Mention, Modality, Plover, SentenceRef, SkippedSentence,
};
pub use dating::{DatePrecision, DateSource, EventDate, TemporalStatus};
pub use error::{Error, Result};
pub use placing::{EventPlace, PlaceAttachment};
pub use record::{EventRecord, MentionRecord};
