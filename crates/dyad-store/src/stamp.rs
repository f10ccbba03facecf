//! What coded an event: dyad's version and the hashes of the lexicon and the models.

use serde::{Deserialize, Serialize};

/// dyad's version and the BLAKE3 hashes (16 hex digits) of the lexicon (actors, verbs, CAMEO
/// table) and of the NLP model that coded an event. `dyad recode` re-codes the documents
/// whose stamp differs from the current one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CoderStamp {
    /// dyad's version.
    pub dyad_version: String,
    /// Hash of the default lexicon, verb dictionary and CAMEO table.
    pub lexicon_hash: String,
    /// Hash of the NLP model.
    pub model_hash: String,
}

fn short(h: blake3::Hash) -> String {
    h.to_hex()[..16].to_string()
}

impl CoderStamp {
    /// The stamp of this build's default coder.
    pub fn current() -> CoderStamp {
        let mut lex = blake3::Hasher::new();
        for part in [
            dyad_lexicon::lexicon::default_lexicon_text(),
            dyad_lexicon::verbs::default_verbs_text(),
            dyad_coder::cameo::default_table_text(),
        ] {
            lex.update(&(part.len() as u64).to_le_bytes());
            lex.update(part.as_bytes());
        }
        CoderStamp {
            dyad_version: env!("CARGO_PKG_VERSION").to_string(),
            lexicon_hash: short(lex.finalize()),
            model_hash: short(blake3::hash(dyad_nlp::default_model_bytes())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CoderStamp;

    #[test]
    fn the_stamp_is_stable_within_a_build() {
        let a = CoderStamp::current();
        assert_eq!(a, CoderStamp::current());
        assert_eq!((a.lexicon_hash.len(), a.model_hash.len()), (16, 16));
        assert_ne!(a.lexicon_hash, a.model_hash);
    }
}
