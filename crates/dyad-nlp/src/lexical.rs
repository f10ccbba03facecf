//! Hashed lexical features of a word: form, folded form, affixes, shape and flags.
//!
//! Feature keys are 64-bit hashes mixed from a template number and these per-word hashes, so the
//! hot path allocates nothing: a sentence's [`Lex`] values are computed once into a reused buffer
//! and every template combines them with [`mix`].

/// FNV-1a over bytes, seeded.
#[inline]
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x100_0000_01b3);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// Mixes two 64-bit values into a well-distributed key (splitmix64 finaliser); not symmetric.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_mul(0xbf58_476d_1ce4_e5b9)
        ^ b;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature key from a template number and one value.
#[inline]
pub(crate) fn f1(t: u64, a: u64) -> u64 {
    mix(t, a)
}

/// A feature key from a template number and two values.
#[inline]
pub(crate) fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(t, a), b)
}

/// A feature key from a template number and three values.
#[inline]
pub(crate) fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(t, a), b), c)
}

/// Word flags.
pub(crate) mod flag {
    /// First character upper case, at least one lower-case letter.
    pub(crate) const TITLE: u8 = 1;
    /// Letters, all upper case.
    pub(crate) const UPPER: u8 = 2;
    /// Contains a digit.
    pub(crate) const DIGIT: u8 = 4;
    /// Contains a hyphen.
    pub(crate) const HYPHEN: u8 = 8;
    /// No letters or digits.
    pub(crate) const PUNCT: u8 = 16;
}

/// The hashed lexical properties of one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lex {
    /// The exact form.
    pub(crate) form: u64,
    /// The lower-cased form with digits folded to `0`.
    pub(crate) lower: u64,
    /// Prefixes of 1, 2 and 3 characters of the lower-cased form.
    pub(crate) prefix: [u64; 3],
    /// Suffixes of 1 to 4 characters of the lower-cased form.
    pub(crate) suffix: [u64; 4],
    /// The word shape (`Xxxx` → `Xxx`, `1984` → `dd`), runs capped at two.
    pub(crate) shape: u64,
    /// [`flag`] bits.
    pub(crate) flags: u8,
}

/// The [`Lex`] of a sentence boundary (before the first or after the last word).
pub(crate) const BOUNDARY: Lex = Lex {
    form: 0x51,
    lower: 0x52,
    prefix: [0x53; 3],
    suffix: [0x54; 4],
    shape: 0x55,
    flags: 0,
};

/// Computes a word's [`Lex`], using `scratch` for the folded form.
pub(crate) fn lex(word: &str, scratch: &mut String) -> Lex {
    scratch.clear();
    let mut flags = 0u8;
    let (mut letters, mut uppers, mut lowers, mut digits) = (0usize, 0usize, 0usize, 0usize);
    let mut first_upper = false;
    let mut shape = 0xcbf2_9ce4_8422_2325u64;
    let mut last_class = '\0';
    let mut run = 0;
    for (i, c) in word.chars().enumerate() {
        let class = if c.is_ascii_digit() || c.is_numeric() {
            digits += 1;
            scratch.push('0');
            'd'
        } else if c.is_uppercase() {
            letters += 1;
            uppers += 1;
            if i == 0 {
                first_upper = true;
            }
            scratch.extend(c.to_lowercase());
            'X'
        } else if c.is_alphabetic() {
            letters += 1;
            lowers += 1;
            scratch.push(c);
            'x'
        } else {
            if c == '-' {
                flags |= flag::HYPHEN;
            }
            scratch.push(c);
            c
        };
        if class == last_class {
            run += 1;
        } else {
            run = 1;
            last_class = class;
        }
        if run <= 2 {
            let mut buf = [0u8; 4];
            for &b in class.encode_utf8(&mut buf).as_bytes() {
                shape ^= u64::from(b);
                shape = shape.wrapping_mul(0x100_0000_01b3);
            }
        }
    }
    if first_upper && lowers > 0 {
        flags |= flag::TITLE;
    }
    if letters > 0 && uppers == letters {
        flags |= flag::UPPER;
    }
    if digits > 0 {
        flags |= flag::DIGIT;
    }
    if letters == 0 && digits == 0 {
        flags |= flag::PUNCT;
    }
    let lower_bytes = scratch.as_bytes();
    let mut prefix = [0u64; 3];
    let mut suffix = [0u64; 4];
    let mut ends = scratch.char_indices().map(|(i, c)| i + c.len_utf8());
    for (k, p) in prefix.iter_mut().enumerate() {
        let end = ends.next().unwrap_or(lower_bytes.len());
        *p = hash_bytes(100 + k as u64, &lower_bytes[..end]);
    }
    let mut starts = scratch.char_indices().rev().map(|(i, _)| i);
    for (k, s) in suffix.iter_mut().enumerate() {
        let start = starts.next().unwrap_or(0);
        *s = hash_bytes(200 + k as u64, &lower_bytes[start..]);
    }
    Lex {
        form: hash_bytes(1, word.as_bytes()),
        lower: hash_bytes(2, lower_bytes),
        prefix,
        suffix,
        shape,
        flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_digits() {
        let mut s = String::new();
        let a = lex("Obama", &mut s);
        let b = lex("OBAMA", &mut s);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.form, b.form);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.flags & flag::TITLE, flag::TITLE);
        assert_eq!(b.flags & flag::UPPER, flag::UPPER);
        assert_eq!(lex("1984", &mut s).lower, lex("2001", &mut s).lower);
        assert_eq!(
            lex("walked", &mut s).suffix[1],
            lex("talked", &mut s).suffix[1]
        );
        assert_eq!(
            lex("Überfall", &mut s).prefix[0],
            lex("über", &mut s).prefix[0]
        );
        assert_eq!(lex(",", &mut s).flags, flag::PUNCT);
    }
}
