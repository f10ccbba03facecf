//! Sentence splitting and tokenisation.
//!
//! The text is first cut into blocks: a blank line always ends a block, and so does a line
//! break after a short line (a headline, a caption) or after a line that ends a sentence;
//! other single line breaks are hard wraps inside a paragraph. Each block is tokenised
//! following Universal Dependencies English (EWT) conventions, and sentences are found among
//! its tokens with abbreviation-aware rules. A block boundary always ends a sentence.
//!
//! Tokenisation follows EWT so that the tagger sees what it was trained on: punctuation is
//! split off, clitics are split (`do|n't`, `ca|n't`, `Morocco|'s`, `countries|'`), hyphenated
//! compounds are split (`Moroccan|-|Mauritanian`) except after the prefixes EWT keeps whole
//! (`anti-`, `non-`, `co-`, `post-`, `pre-`, `mid-`, `e-`, …), codes like `F-16` and
//! `COVID-19` stay whole, and so do numbers with separators (`1,000`, `3.5`, `21/07/2006`),
//! abbreviations (`U.S.`, `Gen.`), URLs and e-mail addresses. Unicode word boundaries
//! (`unicode-segmentation`, UAX #29) are not used directly: they split `U.S.` and `n't` in
//! ways EWT does not, so the tokenizer is a scanner with these rules.

use crate::clean::classify_blocks;
use crate::document::{Sentence, SentenceKind};
use crate::span::Span;
use crate::token::{TokenKind, Tokens};

/// Sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The sentences, in order, each with its range of tokens.
    pub sentences: Vec<Sentence>,
    /// Every token of the text, in order.
    pub tokens: Tokens,
}

impl Segmented {
    /// Removes all sentences and tokens, keeping buffers for reuse.
    pub fn clear(&mut self) {
        self.sentences.clear();
        self.tokens.clear();
    }
}

/// Splits text into sentences and tokens.
///
/// Built once and shared: it holds no per-call state and is `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    _private: (),
}

/// Abbreviations that keep their period (matched case-sensitively; lower-case entries also
/// match their capitalised form at the start of a sentence).
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks: never end a sentence.
    "Adm", "Amb", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dr", "Fr", "Gen", "Gov", "Hon",
    "Lt", "Maj", "Messrs", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Pres", "Prof", "Pvt", "Rep", "Reps",
    "Rev", "Sen", "Sens", "Sgt", "Sr", "Jr", "St", "Mt", "Ft", "Supt", "Insp", "Cmdt", "Lieut",
    "Gens", "Sec", "Atty", "Amb", "Msgr", "Sheikh", // References.
    "No", "Nos", "Art", "Arts", "Vol", "Vols", "Fig", "Figs", "Op", "Ch", "Sec", "Para", "pp", "p",
    "para", "cf", "vs", "v", "etc", "al", "approx", "ca", "incl", "est", "viz", "ibid",
    // Months and days.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // Organisations and places.
    "Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "Univ", "Assn", "Ave", "Blvd", "Rd", "Mass",
    "Calif", "Fla", "Penn", "Va", "Wash", "Ariz", "Conn", "Ill", "Md", "Mich", "Minn", "Tenn",
    "Tex", "Wis", "Colo", "Ga", "Ky", "La", "Mo", "Nev", "Okla", "Ore", "Pa",
    // Other.
    "approx", "min", "max", "dept", "govt", "intl", "natl",
];

/// Abbreviations that precede a name or number and so never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Adm", "Amb", "Brig", "Capt", "Cdr", "Cmdr", "Col", "Cpl", "Dr", "Fr", "Gen", "Gov", "Hon",
    "Lt", "Maj", "Messrs", "Mme", "Mlle", "Mr", "Mrs", "Ms", "Pres", "Prof", "Pvt", "Rep", "Reps",
    "Rev", "Sen", "Sens", "Sgt", "St", "Mt", "Ft", "Supt", "Insp", "Cmdt", "Lieut", "Gens", "Atty",
    "Msgr", "No", "Nos", "Art", "Arts", "Vol", "Vols", "Fig", "Figs", "Op", "Ch", "pp", "p",
    "para", "Para", "cf", "vs", "v", "viz", "approx", "ca", "incl",
];

/// Capitalised words that usually begin a sentence: after an abbreviation that may end a
/// sentence (`U.S.`, `Inc.`, `Jan.`), one of these starts a new one.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "But",
    "During",
    "Earlier",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Meanwhile",
    "Moreover",
    "On",
    "Our",
    "She",
    "Since",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "While",
    "With",
    "Yet",
    "Both",
    "Each",
    "According",
    "Although",
    "Despite",
    "Following",
    "Furthermore",
    "Today",
    "Yesterday",
];

/// Prefixes EWT keeps attached to the following word (`anti-government`, `co-chair`).
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "cross", "e", "ex", "extra", "inter", "intra", "mid", "multi", "neo",
    "non", "over", "post", "pre", "pro", "psycho", "re", "mis", "semi", "socio", "sub", "super",
    "trans", "ultra", "un", "vice", "pan",
];

/// Block boundaries: a line shorter than this (in bytes), ending without sentence punctuation,
/// is a line of its own (a headline, a caption, a credit), not a hard wrap.
const SHORT_LINE: usize = 60;

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{AB}'
            | '\u{BF}'
            | '\u{A1}'
            | '*'
            | '\u{201E}'
            | '\''
    )
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{BB}'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '*'
            | '\''
    )
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2012}' | '\u{2212}'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '\u{20AC}' | '\u{A3}' | '\u{A5}')
}

/// Characters always split off inside a word.
fn is_inner_punct(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '"'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{AB}'
            | '\u{BB}'
            | ';'
            | '!'
            | '?'
            | '\u{2026}'
            | '\u{2018}'
            | '*'
            | '|'
            | '<'
            | '>'
            | '='
    ) || is_dash(c)
}

fn is_abbreviation(core: &str) -> bool {
    if core.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&core) {
        return true;
    }
    // A lower-case abbreviation capitalised at a sentence start ("Etc.", "Approx.").
    let mut cs = core.chars();
    let first = cs.next().unwrap_or(' ');
    if first.is_uppercase() {
        let lower: String = first.to_lowercase().chain(cs).collect();
        if ABBREVIATIONS.contains(&lower.as_str()) {
            return true;
        }
    }
    // An initial: one capital letter ("J." in "Antony J. Blinken").
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    // Letters joined by periods: "U.S", "U.N", "e.g", "a.m", "D.C".
    core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn never_final(tok: &str) -> bool {
    let core = tok.strip_suffix('.').unwrap_or(tok);
    NEVER_FINAL.contains(&core)
        || (core.chars().count() == 1 && core.chars().all(char::is_uppercase))
}

impl Segmenter {
    /// A segmenter with the default rules.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// Splits `text` into sentences and tokens.
    pub fn segment(&self, text: &str) -> Segmented {
        let mut out = Segmented::default();
        self.segment_into(text, None, &mut out);
        out
    }

    /// Splits `text` into `out` (cleared first), reusing its buffers. `lang` is the declared
    /// language of the document, if any; lines in another language are marked as captions.
    pub fn segment_into(&self, text: &str, lang: Option<&str>, out: &mut Segmented) {
        out.clear();
        let blocks = blocks(text);
        let kinds = classify_blocks(text, &blocks, lang);
        for (block, kind) in blocks.iter().zip(kinds) {
            let first = out.tokens.len();
            self.tokenize_into(text, *block, &mut out.tokens);
            self.split_tokens(text, first, kind, out);
        }
    }

    /// Tokenises `span` of `text`, appending the tokens to `out`.
    pub fn tokenize_into(&self, text: &str, span: Span, out: &mut Tokens) {
        let mut i = span.start;
        while i < span.end {
            // Skip whitespace.
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            while i < span.end {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}' {
                    break;
                }
                i += c.len_utf8();
            }
            tokenize_chunk(text, start, i, out);
        }
    }

    fn split_tokens(&self, text: &str, first: usize, kind: SentenceKind, out: &mut Segmented) {
        let end = out.tokens.len();
        let mut start = first;
        let mut quotes = 0usize;
        let mut i = first;
        while i < end {
            let tok = out.tokens.text(i, text);
            if tok == "\"" {
                quotes += 1;
            }
            let mut boundary = None;
            if is_terminal(tok) {
                // Take further terminal marks (". . ."), then closing quotes and brackets, with
                // the sentence. A quote right after the mark (no space) closes; a quote after
                // a space opens the next sentence.
                let mut j = i + 1;
                while j < end {
                    let t = out.tokens.text(j, text);
                    let prev_end = out.tokens.as_slice()[j - 1].span.end;
                    let attached = out.tokens.as_slice()[j].span.start == prev_end;
                    let closing = match t {
                        "\"" | "'" => attached || quotes % 2 == 1,
                        "\u{201D}" | "\u{2019}" | ")" | "]" | "\u{BB}" => true,
                        _ => is_terminal(t),
                    };
                    if !closing {
                        break;
                    }
                    if t == "\"" {
                        quotes += 1;
                    }
                    j += 1;
                }
                let next = (j < end).then(|| out.tokens.text(j, text));
                let quoted = j > i + 1 && !is_terminal(out.tokens.text(j - 1, text));
                let lower_ok = match next {
                    // "?" and "!" end a sentence even before a lower-case word, unless a quote
                    // closed in between ("Are you sure?" he asked).
                    Some(_) if tok != "." && tok != "..." && tok != "\u{2026}" => !quoted,
                    // After "." a lower-case word starts a sentence when the word before the
                    // period is an ordinary word, not a possible abbreviation.
                    Some(_) if tok == "." && !quoted => {
                        i > first && {
                            let w = out.tokens.text(i - 1, text);
                            w.chars().count() >= 4 && w.chars().all(char::is_alphabetic)
                        }
                    }
                    _ => false,
                };
                if next.is_none_or(|n| starts_sentence(n) || (lower_ok && starts_lower(n))) {
                    boundary = Some(j);
                }
            } else if tok.len() > 1 && tok.ends_with('.') && !never_final(tok) {
                let next = (i + 1 < end).then(|| out.tokens.text(i + 1, text));
                if next.is_some_and(|n| SENTENCE_STARTERS.contains(&n) || n == "\u{201C}") {
                    boundary = Some(i + 1);
                }
            }
            if let Some(b) = boundary {
                push_sentence(out, start, b, kind);
                start = b;
                quotes = 0;
                i = b;
            } else {
                i += 1;
            }
        }
        if start < end {
            push_sentence(out, start, end, kind);
        }
    }
}

fn push_sentence(out: &mut Segmented, first: usize, end: usize, kind: SentenceKind) {
    let toks = out.tokens.as_slice();
    let span = Span::new(toks[first].span.start, toks[end - 1].span.end);
    out.sentences.push(Sentence {
        index: out.sentences.len(),
        span,
        kind,
        tokens: first..end,
    });
}

fn is_terminal(tok: &str) -> bool {
    !tok.is_empty()
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
}

/// Does the token begin with a lower-case letter?
fn starts_lower(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_lowercase)
}

/// May the token begin a new sentence after sentence-final punctuation?
fn starts_sentence(tok: &str) -> bool {
    let c = tok.chars().next().unwrap_or(' ');
    !c.is_lowercase() && !matches!(c, ',' | ';' | ':' | ')' | ']')
}

/// Cuts text into blocks: paragraphs and stand-alone lines, trimmed, never empty.
pub fn blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = block_start.take() {
                out.push(Span::new(s, block_end));
            }
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let t_start = line_start + lead;
        let t_end = t_start + trimmed.len();
        if let Some(s) = block_start {
            // Continue the paragraph only if the previous line looks hard-wrapped.
            let prev = &text[s..block_end];
            let prev_line = prev.rsplit('\n').next().unwrap_or(prev).trim();
            let ends_sentence = prev_line
                .trim_end_matches(['"', '\u{201D}', '\u{2019}', ')', '\''])
                .ends_with(['.', '!', '?', ':', '\u{2026}']);
            let bullet = trimmed.starts_with(['-', '*', '\u{2022}']);
            if prev_line.len() < SHORT_LINE || ends_sentence || bullet {
                out.push(Span::new(s, block_end));
                block_start = Some(t_start);
            }
        } else {
            block_start = Some(t_start);
        }
        block_end = t_end;
    }
    if let Some(s) = block_start {
        out.push(Span::new(s, block_end));
    }
    out
}

fn is_url(core: &str) -> bool {
    let lower = core
        .get(..8)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("ftp://")
        || (lower.starts_with("www.") && core.len() > 5)
}

fn is_email(core: &str) -> bool {
    match core.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.ends_with('.')
                && domain
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
                && user
                    .chars()
                    .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
        }
        None => false,
    }
}

fn kind_of(piece: &str) -> TokenKind {
    let mut chars = piece.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_ascii_digit()
        && piece
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-'))
    {
        TokenKind::Number
    } else if piece.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else if piece.chars().count() == 1
        && (is_currency(first) || matches!(first, '%' | '&' | '+' | '#' | '@' | '=' | '<' | '>'))
    {
        TokenKind::Symbol
    } else {
        TokenKind::Punct
    }
}

/// A small inline stack of byte ranges: no allocation for the trailing punctuation of a word.
#[derive(Default)]
struct SpanStack {
    items: [(usize, usize); 16],
    len: usize,
}

impl SpanStack {
    fn push(&mut self, item: (usize, usize)) {
        if self.len < self.items.len() {
            self.items[self.len] = item;
            self.len += 1;
        } else {
            // More than 16 trailing marks: merge into the innermost one, which then covers them.
            let last = &mut self.items[self.len - 1];
            last.0 = item.0;
        }
    }

    fn as_slice(&self) -> &[(usize, usize)] {
        &self.items[..self.len]
    }
}

/// Tokenises one whitespace-free chunk `text[start..end]`.
fn tokenize_chunk(text: &str, start: usize, end: usize, out: &mut Tokens) {
    let mut s = start;
    let mut e = end;
    // Trailing pieces, innermost last; a chunk rarely has more than a few.
    let mut trailing = SpanStack::default();

    // Leading openers, currency signs and dashes.
    loop {
        let chunk = &text[s..e];
        let Some(c) = chunk.chars().next() else { break };
        let rest = &chunk[c.len_utf8()..];
        if c == '\'' || c == '\u{2019}' {
            // '90s and clitics standing alone ('s) are words.
            let next = rest.chars().next();
            if next.is_some_and(|n| n.is_ascii_digit()) || is_clitic(chunk) {
                break;
            }
        }
        if chunk.starts_with("..") {
            let n = chunk.len() - chunk.trim_start_matches('.').len();
            out.push(text, Span::new(s, s + n), TokenKind::Punct);
            s += n;
            continue;
        }
        if chunk.starts_with("--") {
            let n = chunk.len() - chunk.trim_start_matches('-').len();
            out.push(text, Span::new(s, s + n), TokenKind::Punct);
            s += n;
            continue;
        }
        if (is_opener(c) || is_dash(c) || c == '-' && rest.is_empty() || is_currency(c))
            && !(c == '-' && rest.chars().next().is_some_and(|n| n.is_ascii_digit()))
        {
            let kind = if is_currency(c) {
                TokenKind::Symbol
            } else {
                TokenKind::Punct
            };
            out.push(text, Span::new(s, s + c.len_utf8()), kind);
            s += c.len_utf8();
            continue;
        }
        break;
    }
    if s >= e {
        return;
    }

    // URLs and e-mail addresses stay whole (trailing sentence punctuation comes off).
    let core = &text[s..e];
    let core_trim =
        core.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '\u{201D}']);
    if is_url(core_trim) || is_email(core_trim) {
        let kind = if is_email(core_trim) {
            TokenKind::Email
        } else {
            TokenKind::Url
        };
        let ce = s + core_trim.len();
        out.push(text, Span::new(s, ce), kind);
        push_trailing_punct(text, ce, e, out);
        return;
    }

    // Trailing closers, periods and percent signs.
    loop {
        if s >= e {
            break;
        }
        let chunk = &text[s..e];
        let Some(c) = chunk.chars().next_back() else {
            break;
        };
        let before = &chunk[..chunk.len() - c.len_utf8()];
        if c == '.' || c == '\u{2026}' {
            let dots = chunk.len() - chunk.trim_end_matches(['.', '\u{2026}']).len();
            let stem = &chunk[..chunk.len() - dots];
            if c == '.' && dots == 1 && is_abbreviation(stem) {
                break;
            }
            if stem.is_empty() && dots == chunk.len() {
                // The chunk is only dots: one token.
                break;
            }
            trailing.push((e - dots, e));
            e -= dots;
            continue;
        }
        if is_apostrophe(c) && !before.is_empty() {
            // Possessive plural: "countries'" → countries + '.
            if before.ends_with(['s', 'S']) || !before.chars().any(char::is_alphanumeric) {
                trailing.push((e - c.len_utf8(), e));
                e -= c.len_utf8();
                continue;
            }
            trailing.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        if matches!(c, '!' | '?') && !before.is_empty() {
            // "?!", "!!!" are one token.
            let run = chunk.len() - chunk.trim_end_matches(['!', '?']).len();
            let run = if run == chunk.len() { run - 1 } else { run };
            if run > 0 {
                trailing.push((e - run, e));
                e -= run;
                continue;
            }
        }
        if (is_closer(c) || is_dash(c) || c == '%' || c == '-') && !before.is_empty() {
            trailing.push((e - c.len_utf8(), e));
            e -= c.len_utf8();
            continue;
        }
        break;
    }

    if s < e {
        split_core(text, s, e, out);
    }
    for &(a, b) in trailing.as_slice().iter().rev() {
        let piece = &text[a..b];
        let kind = if is_apostrophe(piece.chars().next().unwrap_or(' ')) && piece.len() <= 3 {
            // A possessive marker after a plural is a word-like particle in EWT.
            if a > start && text[..a].ends_with(['s', 'S']) {
                TokenKind::Word
            } else {
                TokenKind::Punct
            }
        } else {
            kind_of(piece)
        };
        out.push(text, Span::new(a, b), kind);
    }
}

fn push_trailing_punct(text: &str, mut s: usize, e: usize, out: &mut Tokens) {
    while s < e {
        let rest = &text[s..e];
        let n = if rest.starts_with("..") {
            rest.len() - rest.trim_start_matches('.').len()
        } else {
            rest.chars().next().map_or(1, char::len_utf8)
        };
        out.push(text, Span::new(s, s + n), TokenKind::Punct);
        s += n;
    }
}

fn is_clitic(piece: &str) -> bool {
    if piece.len() > 6 {
        return false;
    }
    let lower: String = piece
        .chars()
        .map(|c| {
            if c == '\u{2019}' {
                '\''
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    matches!(
        lower.as_str(),
        "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m" | "n't"
    )
}

/// Splits a word-like core on inner punctuation, hyphens and clitics.
fn split_core(text: &str, s: usize, e: usize, out: &mut Tokens) {
    let core = &text[s..e];
    // Clitics at the end.
    if let Some((stem_end, clitic_start)) = clitic_split(core) {
        if stem_end > 0 {
            split_core(text, s, s + stem_end, out);
        }
        out.push(text, Span::new(s + clitic_start, e), TokenKind::Word);
        return;
    }
    if core.eq_ignore_ascii_case("cannot") {
        out.push(text, Span::new(s, s + 3), TokenKind::Word);
        out.push(text, Span::new(s + 3, e), TokenKind::Word);
        return;
    }
    let mut piece_start = s;
    let mut iter = core.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let pos = s + off;
        let prev = text[..pos].chars().next_back();
        let next = iter.peek().map(|&(_, n)| n);
        let split = if is_inner_punct(c) {
            true
        } else if c == '-' {
            let left = &text[piece_start..pos];
            let digits_both = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let prefix = piece_start == s && is_hyphen_prefix(left);
            let ends = left.is_empty() || next.is_none() || next == Some('-');
            !(digits_both || prefix) || ends
        } else if c == '/' {
            // "and/or", "East/West" split; dates ("21/07/2006") and "w/" stay whole.
            !(prev.is_some_and(|p| p.is_ascii_digit()) || next.is_some_and(|n| n.is_ascii_digit()))
                && next.is_some()
                && pos > piece_start
        } else if c == '.' && next == Some('.') {
            // An ellipsis inside a word: "past...and".
            true
        } else if c == ',' || c == ':' {
            !(prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit()))
        } else if is_currency(c) {
            pos == piece_start
        } else {
            false
        };
        if split {
            if piece_start < pos {
                let piece = &text[piece_start..pos];
                out.push(text, Span::new(piece_start, pos), kind_of(piece));
            }
            // Runs of the same punctuation ("--", "!!") are one token.
            let mut end = pos + c.len_utf8();
            while let Some(&(_, n)) = iter.peek() {
                if n == c || (matches!(c, '!' | '?' | '.') && matches!(n, '!' | '?' | '.')) {
                    end += n.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let kind = if is_currency(c) {
                TokenKind::Symbol
            } else {
                kind_of(&text[pos..end])
            };
            out.push(text, Span::new(pos, end), kind);
            piece_start = end;
        }
    }
    if piece_start < e {
        let piece = &text[piece_start..e];
        out.push(text, Span::new(piece_start, e), kind_of(piece));
    }
}

fn is_hyphen_prefix(left: &str) -> bool {
    HYPHEN_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(left))
}

/// If `word` ends with `suffix` (ASCII, case-insensitive, `'` also matching `’`), the byte
/// length of that tail.
fn tail_matching(word: &str, suffix: &str) -> Option<usize> {
    let mut tail = 0;
    let mut chars = word.chars().rev();
    for want in suffix.chars().rev() {
        let c = chars.next()?;
        let ok = if want == '\'' {
            is_apostrophe(c)
        } else {
            c.to_ascii_lowercase() == want
        };
        if !ok {
            return None;
        }
        tail += c.len_utf8();
    }
    Some(tail)
}

/// Where to split a clitic off the end of a word: (end of stem, start of clitic).
fn clitic_split(core: &str) -> Option<(usize, usize)> {
    if let Some(t) = tail_matching(core, "n't") {
        let stem = &core[..core.len() - t];
        if !stem.is_empty() && stem.chars().all(char::is_alphabetic) {
            return Some((stem.len(), stem.len()));
        }
    }
    for clitic in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if let Some(t) = tail_matching(core, clitic) {
            let stem = &core[..core.len() - t];
            if stem.chars().next_back().is_some_and(char::is_alphanumeric)
                && !stem.contains(['\'', '\u{2019}'])
            {
                return Some((stem.len(), stem.len()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let mut t = Tokens::new();
        Segmenter::new().tokenize_into(text, Span::new(0, text.len()), &mut t);
        (0..t.len()).map(|i| t.text(i, text).to_owned()).collect()
    }

    #[test]
    fn splits_clitics_like_ewt() {
        assert_eq!(toks("don't"), ["do", "n't"]);
        assert_eq!(toks("can't"), ["ca", "n't"]);
        assert_eq!(toks("Morocco's"), ["Morocco", "'s"]);
        assert_eq!(toks("Morocco’s"), ["Morocco", "’s"]);
        assert_eq!(toks("countries'"), ["countries", "'"]);
        assert_eq!(toks("cannot"), ["can", "not"]);
    }

    #[test]
    fn segmenter_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Segmenter>();
        assert_send_sync::<Segmented>();
    }

    #[test]
    fn hyphens() {
        assert_eq!(
            toks("Moroccan-Mauritanian"),
            ["Moroccan", "-", "Mauritanian"]
        );
        assert_eq!(toks("anti-terrorism"), ["anti-terrorism"]);
        assert_eq!(toks("co-chair"), ["co-chair"]);
        assert_eq!(toks("F-16"), ["F", "-", "16"]);
        assert_eq!(toks("and/or"), ["and", "/", "or"]);
        assert_eq!(toks("21/07/2006"), ["21/07/2006"]);
        assert_eq!(toks("Really?!"), ["Really", "?!"]);
        assert_eq!(toks("...Now"), ["...", "Now"]);
        assert_eq!(toks("2022-2023"), ["2022-2023"]);
    }

    #[test]
    fn abbreviations_keep_periods() {
        assert_eq!(toks("the U.S."), ["the", "U.S."]);
        assert_eq!(toks("Gen. Smith."), ["Gen.", "Smith", "."]);
        assert_eq!(toks("(Rabat)."), ["(", "Rabat", ")", "."]);
    }
}
