//! Temporal expressions in news text: recognition and resolution against the publication date.
//!
//! News mixes today's events with background: "Rabat hosted talks **on Tuesday**" beside "the
//! memorandum signed **on 21 July 2006**" and "**since the 1991 ceasefire**". An event coder
//! that stamps everything with the publication date corrupts every timeline, so this crate
//! finds each temporal expression, says what kind it is ([`Kind`]: a date, a range, a
//! duration, an age, a recurrence, a year naming something, an offset from another event) and
//! resolves dates to ISO values at their own precision ([`TimeValue`], [`Precision`]) with the
//! interval they cover ([`Interval`]), against the publication date and the clause's tense
//! ([`Anchor`], [`Tense`]).
//!
//! # Design
//!
//! - **Rules, not a model**, in the spirit of HeidelTime and SUTime: news dates come in a
//!   closed set of forms, rules can be read, fixed case by case from a gold file, and need no
//!   training data (none with publication dates is free to ship).
//! - **A hand-written scanner and recursive-descent rules** instead of a bank of regular
//!   expressions: the rules look at neighbouring words (`in May` but not `Theresa May`, `the
//!   1991 ceasefire`, `Resolution 2021`), fill one end of a range from the other (`February 17
//!   to 28, 2020`), and run in one pass over folded tokens with no allocation per token.
//! - **Only `dyad-text` (spans, folding) and `jiff` (civil dates)** below it, so the NLP
//!   pipeline and the coder can call it without cycles. The coder picks which expression
//!   dates which event; this crate only says what each expression means.
//! - **Tense is an input**: [`Anchor::tense`] takes the tense a part-of-speech tagger
//!   supplies; without it [`guess_tense`] reads the nearest tense-marking word.
//!
//! # Example
//!
//! ```
//! use dyad_time::{Kind, Tagger};
//!
//! let tagger = Tagger::new();
//! let published = "2022-05-24".parse().unwrap();
//! let text = "Bourita said on Tuesday that the memorandum signed on 21 July 2006 still held, \
//!             two weeks after the meeting in Marrakech.";
//! let found = tagger.tag(text, published);
//! let values: Vec<String> = found.iter().map(|e| e.value.unwrap().to_string()).collect();
//! assert_eq!(values, ["2022-05-24", "2006-07-21", "+P2W"]);
//! assert_eq!(found[2].kind, Kind::Anchored);
//! assert_eq!(&text[found[1].span.range()], "21 July 2006");
//! ```
#![deny(missing_docs)]

mod error;
pub mod eval;
mod lexicon;
mod scan;
mod tagger;
mod value;

pub use error::{Error, Result};
pub use tagger::{Anchor, DateOrder, TagBuffer, Tagger, Tense, guess_tense};
pub use value::{
    Duration, Interval, Kind, Modifier, Point, Precision, Season, TimeExpr, TimeValue, Unit,
};
