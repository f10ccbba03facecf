//! Cleaning: telling running text from headings, captions and credit lines.
//!
//! News pages interleave the article with photo credits ("AFP/FADEL SENNA - Guerguerat
//! Pass", "PHOTO/PIXABAY - Mauritanian flag"), captions (short verbless lines between
//! paragraphs, or lines in another language than the body) and sub-headings. They are kept
//! in the document, marked with their [`SentenceKind`], and never coded.

use crate::document::SentenceKind;
use crate::span::Span;

/// Longest line, in words, that may be a heading or a caption.
const MAX_SHORT_WORDS: usize = 15;

/// News and photo agencies that sign credit lines.
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "REUTERS",
    "EPA",
    "EFE",
    "GETTY",
    "MAP",
    "APS",
    "AMI",
    "XINHUA",
    "ANADOLU",
    "DPA",
    "ANSA",
    "SHUTTERSTOCK",
    "PIXABAY",
    "UNSPLASH",
    "ALAMY",
    "TASS",
    "WIKIMEDIA",
    "FILE",
];

/// Words that open a credit or caption line.
const CREDIT_OPENERS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by",
    "photos by",
    "photo credit",
    "image:",
    "images:",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "©",
    "(c)",
    "copyright",
    "file photo",
    "courtesy",
    "video:",
    "illustration:",
    "photograph:",
    "source image",
    "foto:",
    "photo :",
];

const CAPTION_OPENERS: &[&str] = &[
    "caption:",
    "legend:",
    "légende :",
    "légende:",
    "pie de foto",
];

/// Where a photo places a person: a caption names them with one of these after their name
/// ("Tunisia's President Kais Saied, center, leads a security meeting …").
const PHOTO_POSITIONS: &[&str] = &[
    "center",
    "centre",
    "left",
    "right",
    "second left",
    "second right",
    "second from left",
    "second from right",
    "third from left",
    "third from right",
    "2nd left",
    "2nd right",
    "front",
    "front row",
    "back row",
    "foreground",
    "background",
    "l",
    "r",
    "c",
];

/// Longest block, in words, that [`has_photo_position`] may call a caption.
const MAX_CAPTION_WORDS: usize = 60;

/// Whether `line` ends with a parenthesised photo or video credit, as military and agency
/// captions do: "… near Tan-Tan, Morocco, March 27, 2019. (U.S. Army photo by Sgt. M. Fields)",
/// "(AP Photo/Mosa'ab Elshamy)", "(Photo courtesy of the Moroccan Royal Armed Forces)".
fn ends_with_photo_credit(line: &str) -> bool {
    let line = line.trim_end();
    let Some(body) = line.strip_suffix(')') else {
        return false;
    };
    let Some(open) = body.rfind('(') else {
        return false;
    };
    let inner = body[open + 1..].to_lowercase();
    inner.split_whitespace().count() <= 12
        && ["photo", "photograph", "video", "image", "picture"]
            .iter()
            .any(|w| {
                inner
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| t == *w || t.strip_suffix('s') == Some(w))
            })
        && (inner.contains(" by ")
            || inner.contains('/')
            || inner.contains("courtesy")
            || inner.contains(':')
            || inner.ends_with("photo")
            || inner.ends_with("photos"))
}

/// Whether `line` places a named person in a photo: a capitalised word followed by a position
/// between commas or in parentheses (", center,", ", second from left,", "(L)").
fn has_photo_position(line: &str) -> bool {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(p) = line[from..].find([',', '(']).map(|p| p + from) {
        from = p + 1;
        let close = if bytes[p] == b'(' { ')' } else { ',' };
        let before = line[..p].trim_end();
        let name_before = before
            .split_whitespace()
            .next_back()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .is_some_and(|w| {
                w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase)
            });
        if !name_before {
            continue;
        }
        let rest = &line[p + 1..];
        let Some(end) = rest.find(close) else {
            continue;
        };
        let inner = rest[..end].trim();
        if inner.len() > 20 {
            continue;
        }
        let inner = inner.to_lowercase();
        if PHOTO_POSITIONS.contains(&inner.as_str()) && (inner.len() > 1 || close == ')') {
            return true;
        }
    }
    false
}

/// Common finite verbs and auxiliaries of news English: a short line with none of them (and
/// no `-ed` past form) is "verbless".
const VERBS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "said",
    "says",
    "say",
    "met",
    "meets",
    "meet",
    "held",
    "holds",
    "hold",
    "signed",
    "signs",
    "sign",
    "visited",
    "visits",
    "visit",
    "called",
    "calls",
    "told",
    "tells",
    "went",
    "goes",
    "made",
    "makes",
    "took",
    "takes",
    "gave",
    "gives",
    "came",
    "comes",
    "left",
    "leaves",
    "won",
    "wins",
    "lost",
    "loses",
    "led",
    "leads",
    "sent",
    "sends",
    "saw",
    "sees",
    "got",
    "gets",
    "became",
    "becomes",
    "began",
    "begins",
    "killed",
    "kills",
    "attacked",
    "attacks",
    "arrived",
    "arrives",
    "announced",
    "announces",
    "agreed",
    "agrees",
    "receives",
    "received",
    "welcomes",
    "welcomed",
    "condemns",
    "condemned",
];

/// Capitalised words ending in `-ed` that are not verbs.
const ED_NOT_VERBS: &[&str] = &[
    "united", "armed", "red", "based", "limited", "bed", "ned", "ted", "fred", "med",
];

/// A small language guesser over function words: enough to tell an English body from a
/// French, Spanish, German, Italian or Portuguese caption line, or from Arabic script.
fn language_votes(text: &str) -> [(&'static str, usize); 7] {
    const EN: &[&str] = &[
        "the", "and", "of", "to", "in", "is", "was", "for", "with", "on", "that", "by", "his",
        "her", "from", "at", "as", "has", "have", "an", "are", "this", "will",
    ];
    const FR: &[&str] = &[
        "le", "la", "les", "des", "du", "et", "est", "un", "une", "dans", "pour", "avec", "sur",
        "au", "aux", "par", "qui", "que", "ce", "cette", "son", "sa", "ses", "été", "à", "lors",
    ];
    const ES: &[&str] = &[
        "el", "los", "las", "del", "y", "es", "un", "una", "en", "por", "con", "para", "que", "su",
        "sus", "al", "fue", "como", "entre", "ha", "se",
    ];
    const DE: &[&str] = &[
        "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "ein", "eine",
        "für", "auf", "im", "zu",
    ];
    const IT: &[&str] = &[
        "il", "della", "delle", "degli", "che", "di", "e", "per", "con", "una", "nel", "sono",
        "gli",
    ];
    const PT: &[&str] = &[
        "o", "os", "da", "das", "do", "dos", "em", "não", "uma", "com", "para", "que", "ao", "foi",
    ];
    let mut lw = String::new();
    let mut votes = [
        ("en", 0),
        ("fr", 0),
        ("es", 0),
        ("de", 0),
        ("it", 0),
        ("pt", 0),
        ("ar", 0),
    ];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        if w.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
            votes[6].1 += 1;
            continue;
        }
        if w.len() > 8 {
            continue; // no function word is that long
        }
        lw.clear();
        lw.extend(w.chars().flat_map(char::to_lowercase));
        for (i, list) in [EN, FR, ES, DE, IT, PT].iter().enumerate() {
            if list.contains(&lw.as_str()) {
                votes[i].1 += 1;
            }
        }
    }
    votes
}

/// Guesses the language of `text` (an ISO 639-1 code), or `None` when the evidence is thin.
pub fn guess_language(text: &str) -> Option<&'static str> {
    let votes = language_votes(text);
    let (best, n) = votes.iter().copied().max_by_key(|&(_, n)| n)?;
    let second = votes
        .iter()
        .filter(|&&(l, _)| l != best)
        .map(|&(_, n)| n)
        .max()
        .unwrap_or(0);
    (n >= 2 && n > second).then_some(best)
}

fn words(line: &str) -> impl Iterator<Item = &str> {
    line.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn is_credit(line: &str) -> bool {
    let lower = line.to_lowercase();
    if CREDIT_OPENERS.iter().any(|o| lower.starts_with(o)) {
        return true;
    }
    let n_words = words(line).count();
    if n_words == 0 || line.len() > 160 {
        return false;
    }
    // "AFP/FADEL SENNA - Guerguerat Pass", "PHOTO/PIXABAY - Mauritanian flag".
    let first = line.split_whitespace().next().unwrap_or("");
    if let Some((a, b)) = first.split_once('/') {
        let caps = |s: &str| {
            s.chars().any(char::is_alphabetic)
                && s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        };
        if caps(a) && (b.is_empty() || caps(b)) {
            return true;
        }
    }
    // A short line naming an agency in capitals: "REUTERS", "(AFP)", "Photo AFP".
    if n_words <= 6
        && words(line).any(|w| AGENCIES.contains(&w))
        && !line.trim_end().ends_with(['.', '!', '?'])
    {
        return true;
    }
    false
}

fn has_verb(line: &str) -> bool {
    words(line).any(|w| {
        let lw = w.to_lowercase();
        VERBS.contains(&lw.as_str())
            || (lw.len() > 4 && lw.ends_with("ed") && !ED_NOT_VERBS.contains(&lw.as_str()))
    })
}

fn is_title_case(line: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
        "de", "du", "la", "le", "el", "al", "vs",
    ];
    let ws: Vec<&str> = words(line).collect();
    let content: Vec<&&str> = ws
        .iter()
        .filter(|w| !SMALL.contains(&w.to_lowercase().as_str()))
        .collect();
    if content.is_empty() {
        return false;
    }
    let caps = content
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
        .count();
    caps * 10 >= content.len() * 8
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\u{201D}', '\u{2019}', ')', '\''])
        .ends_with(['.', '!', '?', '\u{2026}', ';'])
}

/// Decides the kind of each block of `text` (see [`crate::segment::blocks`]). `lang` is the
/// document's declared language; without it, the body's language is guessed.
pub fn classify_blocks(text: &str, blocks: &[Span], lang: Option<&str>) -> Vec<SentenceKind> {
    let body_lang = lang
        .map(|l| l.get(..2).unwrap_or(l).to_ascii_lowercase())
        .or_else(|| guess_language(text).map(str::to_owned));
    let n = blocks.len();
    let mut kinds = Vec::with_capacity(n);
    for (i, block) in blocks.iter().enumerate() {
        let line = block.slice(text);
        kinds.push(classify_block(line, i, n, body_lang.as_deref()));
    }
    kinds
}

/// The kind of one block: `index` is its position among `count` blocks.
fn classify_block(line: &str, index: usize, count: usize, body_lang: Option<&str>) -> SentenceKind {
    if is_credit(line) {
        return SentenceKind::Credit;
    }
    let lower = line.to_lowercase();
    if CAPTION_OPENERS.iter().any(|o| lower.starts_with(o)) {
        return SentenceKind::Caption;
    }
    let n_words = words(line).count();
    if n_words <= MAX_CAPTION_WORDS && (has_photo_position(line) || ends_with_photo_credit(line)) {
        return SentenceKind::Caption;
    }
    // A line in another language than the body: a caption (or a quoted original).
    if let Some(body) = body_lang
        && n_words >= 3
        && let Some(l) = guess_language(line)
        && l != body
    {
        return SentenceKind::Caption;
    }
    let short = n_words <= MAX_SHORT_WORDS && !ends_sentence(line) && !line.ends_with(':');
    if short && n_words > 0 {
        let first_upper = line
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // The first of several blocks heads them; a document of one block (a JSON record's
        // sentence, a line on standard input) is all body.
        if index == 0 && first_upper && count > 1 {
            return SentenceKind::Heading;
        }
        if !has_verb(line) {
            let all_caps = line
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
            if (is_title_case(line) || all_caps) && index + 1 < count {
                return SentenceKind::Heading;
            }
            if index + 1 < count || count == 1 {
                return SentenceKind::Caption;
            }
        }
    }
    SentenceKind::Body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_ending_in_a_photo_credit_is_a_caption() {
        let cap = "Royal Moroccan Armed Forces soldiers fire an M109 howitzer during a combined \
                   live-fire exercise near Tan-Tan, Morocco, March 27, 2019, as part of African \
                   Lion 2019. (U.S. Army photo by Sgt. Marcus Fields)";
        assert_eq!(classify_block(cap, 5, 6, Some("en")), SentenceKind::Caption);
        for credit in [
            "(AP Photo/Mosa'ab Elshamy)",
            "(Photo courtesy of the Moroccan Royal Armed Forces)",
            "(U.S. Air Force photo)",
        ] {
            assert!(
                ends_with_photo_credit(&format!("Troops parade. {credit}")),
                "{credit}"
            );
        }
        let body = "The ministers discussed the exhibition (a photo and video show) and met \
                    the press (Reuters).";
        assert_eq!(classify_block(body, 2, 6, Some("en")), SentenceKind::Body);
        assert!(!ends_with_photo_credit(
            "Morocco hosted the talks (photo opportunity)."
        ));
    }

    #[test]
    fn a_short_unterminated_first_line_heads_a_document_of_several_blocks_only() {
        let head = "Morocco condemns attack by Algerian soldiers";
        let body = "The Moroccan government condemned the attack on Thursday.";
        assert_eq!(
            classify_block(head, 0, 2, Some("en")),
            SentenceKind::Heading
        );
        assert_eq!(classify_block(body, 1, 2, Some("en")), SentenceKind::Body);
        let alone = "The Moroccan government condemned an attack by Algerian soldiers";
        assert_eq!(classify_block(alone, 0, 1, Some("en")), SentenceKind::Body);
        // A lone line without a verb is still no sentence.
        assert_eq!(
            classify_block("Moroccan Foreign Minister Nasser Bourita", 0, 1, Some("en")),
            SentenceKind::Caption
        );
    }

    #[test]
    fn credits() {
        assert!(is_credit("AFP/FADEL SENNA - Guerguerat Pass"));
        assert!(is_credit("PHOTO/PIXABAY - Mauritanian flag"));
        assert!(is_credit("Photo: Ministry of Defence"));
        assert!(!is_credit("The minister met his counterpart in Rabat."));
        assert!(!is_credit("AFP reported that the talks failed."));
    }

    #[test]
    fn photo_positions_make_captions() {
        assert!(has_photo_position(
            "Tunisia's President Kais Saied, center, leads a security meeting with members of \
             the army and police forces in Tunis, July 25, 2021."
        ));
        assert!(has_photo_position(
            "Secretary Blinken (L) meets Foreign Minister Bourita in Rabat."
        ));
        assert!(has_photo_position(
            "General Langley, second from left, greets Mauritanian officers."
        ));
        assert!(!has_photo_position(
            "The minister met his counterpart in Rabat, and the two sides, left to their own \
             devices, agreed."
        ));
        assert!(!has_photo_position(
            "He turned left, then right, at the border."
        ));
        assert!(!has_photo_position("Plan B (C) was adopted."));
        assert_eq!(
            classify_block(
                "Tunisia's President Kais Saied, center, leads a security meeting in Tunis, \
                 July 25, 2021.",
                3,
                5,
                Some("en")
            ),
            SentenceKind::Caption
        );
    }

    #[test]
    fn languages() {
        assert_eq!(
            guess_language("The minister met the delegation in Rabat and said that"),
            Some("en")
        );
        assert_eq!(
            guess_language("Le ministre a reçu la délégation dans la capitale"),
            Some("fr")
        );
        assert_eq!(
            guess_language("El ministro recibió a la delegación en la capital y los"),
            Some("es")
        );
    }
}
