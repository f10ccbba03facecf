//! PETRARCH-compatible dictionaries for dyad.
//!
//! - Loaders for every PETRARCH dictionary format: [`actors`], [`agents`], [`verbs`],
//!   [`discards`], [`issues`]; errors name the file and line, bad lines are collected as soft
//!   errors while the rest loads ([`Loaded`]).
//! - Codes: [`ActorCode`], [`CameoCode`], [`AgentCode`] and date-restricted [`CodeRules`].
#![deny(missing_docs)]

pub mod actors;
pub mod agents;
pub mod assemble;
pub mod code;
pub mod discards;
pub mod error;
pub mod eval;
pub mod issues;
pub mod lexicon;
pub mod load;
pub mod overlay;
pub mod phrase;
pub mod resolve;
pub mod source;
pub mod verbs;

pub use code::{
    ActorCode, AgentCode, AgentPosition, CameoCode, CodeRules, DateRange, DatedCode, DictDate,
    EventCodes,
};
pub use error::{Error, Loaded, Result};
pub use lexicon::{Lexicon, LexiconBuilder};
pub use load::{CheckReport, Dictionary, DictionaryKind, check_dir, load_file};
pub use resolve::{ActorMention, PhraseCode, Reason, ResolveBuffers, TokenRef};
