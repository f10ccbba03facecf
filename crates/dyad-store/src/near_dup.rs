//! Near-duplicate documents (syndicated copies): MinHash signatures of word shingles, with
//! locality-sensitive bands to find candidates, confirmed by the exact shingle Jaccard.
//!
//! Two documents are near-duplicates when the Jaccard similarity of their sets of 5-word
//! shingles (lower-cased alphanumeric words) is at least [`THRESHOLD`]. A cluster counts
//! near-duplicate documents once in its `num_articles`.

use std::collections::HashSet;

/// The shingle Jaccard at or above which two documents are near-duplicates.
pub const THRESHOLD: f64 = 0.9;

/// Words per shingle.
const SHINGLE: usize = 5;
/// MinHash functions in a signature.
pub const HASHES: usize = 64;
/// Signature values per LSH band (16 bands of 4: a pair at Jaccard 0.9 shares a band with
/// probability 1 − (1 − 0.9⁴)¹⁶ > 0.9999).
const ROWS: usize = 4;

/// A MinHash signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(pub Vec<u32>);

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The set of shingle hashes of a text.
pub fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            // FNV-1a over the lower-cased characters.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in w.chars().flat_map(char::to_lowercase) {
                h = (h ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect();
    if words.len() < SHINGLE {
        return words.iter().copied().map(mix).collect();
    }
    words
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |acc, &x| mix(acc.rotate_left(17) ^ x)))
        .collect()
}

impl Fingerprint {
    /// The signature of a text.
    pub fn of(text: &str) -> Fingerprint {
        Fingerprint::of_shingles(&shingles(text))
    }

    /// The signature of a shingle set.
    pub fn of_shingles(set: &HashSet<u64>) -> Fingerprint {
        let mut sig = vec![u32::MAX; HASHES];
        for &s in set {
            for (i, slot) in sig.iter_mut().enumerate() {
                let h = (mix(s ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
                if h < *slot {
                    *slot = h;
                }
            }
        }
        Fingerprint(sig)
    }

    /// The signature as stored (little-endian `u32`s).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A stored signature.
    pub fn from_bytes(bytes: &[u8]) -> Option<Fingerprint> {
        (bytes.len() == 4 * HASHES).then(|| {
            Fingerprint(
                bytes
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")))
                    .collect(),
            )
        })
    }

    /// The LSH band keys: documents sharing a key are candidates.
    pub fn bands(&self) -> Vec<i64> {
        self.0
            .chunks(ROWS)
            .enumerate()
            .map(|(b, rows)| {
                let mut x = mix(b as u64 + 1);
                for &r in rows {
                    x = mix(x ^ u64::from(r));
                }
                x as i64
            })
            .collect()
    }

    /// The Jaccard estimate: the share of equal signature values.
    pub fn estimate(&self, other: &Fingerprint) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }
}

/// The exact Jaccard similarity of two shingle sets.
pub fn jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let inter = a.intersection(b).count();
    inter as f64 / (a.len() + b.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Secretary of State Antony J. Blinken met today with Moroccan Foreign \
        Minister Nasser Bourita in Washington. The Secretary and the Foreign Minister discussed \
        a range of regional issues, including the continued deepening of relations between \
        Morocco and Israel, the upcoming anniversary of the Joint Declaration, and support for \
        the new United Nations Personal Envoy for Western Sahara, Staffan de Mistura, as he \
        intensifies the UN political process. They also discussed economic ties, trade, \
        investment, climate and energy cooperation, and the fight against terrorism in the Sahel.";

    #[test]
    fn a_syndicated_copy_is_a_near_duplicate_and_a_different_text_is_not() {
        let copy = format!("By our correspondent. {TEXT}");
        let (a, b) = (shingles(TEXT), shingles(&copy));
        assert!(jaccard(&a, &b) >= THRESHOLD, "{}", jaccard(&a, &b));
        let (fa, fb) = (Fingerprint::of_shingles(&a), Fingerprint::of_shingles(&b));
        assert!(fa.bands().iter().zip(fb.bands()).any(|(x, y)| *x == y));
        assert!(fa.estimate(&fb) > 0.7);
        let other =
            shingles("Mali expelled the French ambassador on Monday after remarks by Paris.");
        assert!(jaccard(&a, &other) < 0.1);
        assert_eq!(Fingerprint::from_bytes(&fa.to_bytes()), Some(fa));
    }
}
