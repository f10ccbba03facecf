//! Speaker turns of a transcript: a line that opens with a label in capitals and a colon
//! (`SECRETARY BLINKEN:`, `QUESTION:`) starts a turn that runs to the next label. The coder
//! resolves "I" and "we" of a turn to the label's actor and does not code the turns of
//! questioners and moderators (`docs/codebook.md`, section 10).
//!
//! Labels are found on the original text, so every span is a byte range of it.

use dyad_text::Span;

/// Longest label, in bytes ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III" is 40).
const MAX_LABEL_BYTES: usize = 80;

/// Most words in a label.
const MAX_LABEL_WORDS: usize = 9;

/// Labels of turns that are not coded: questions from the floor and the moderator's.
const UNCODED_LABELS: &[&str] = &[
    "QUESTION",
    "Q",
    "MODERATOR",
    "REPORTER",
    "PARTICIPANT",
    "OPERATOR",
    "AUDIENCE MEMBER",
    "STAFF",
];

/// Who speaks in a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnKind {
    /// A named speaker: their "I" and "we" are theirs, their sentences are coded.
    Speaker,
    /// A question or the moderator: not coded.
    Uncoded,
}

/// One turn of a transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turn {
    /// The label without its colon (`SECRETARY BLINKEN`).
    pub label: Span,
    /// The label with its colon: the tokens not coded as part of the turn's first sentence.
    pub label_with_colon: Span,
    /// From the label's start to the next label (or the end of the text).
    pub span: Span,
    /// Whether the turn is coded.
    pub kind: TurnKind,
}

/// The turns of `text`, in order; empty when it has no speaker labels (not a transcript).
pub fn speaker_turns(text: &str) -> Vec<Turn> {
    let mut turns: Vec<Turn> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let lead = line.len() - line.trim_start().len();
        let Some((label, colon)) = label_of(&line[lead..]) else {
            continue;
        };
        let at = start + lead;
        if let Some(prev) = turns.last_mut() {
            prev.span.end = at;
        }
        let name = label.trim_end();
        let folded: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let kind = if UNCODED_LABELS.contains(&folded.as_str()) {
            TurnKind::Uncoded
        } else {
            TurnKind::Speaker
        };
        turns.push(Turn {
            label: Span::new(at, at + name.len()),
            label_with_colon: Span::new(at, at + colon + 1),
            span: Span::new(at, text.len()),
            kind,
        });
    }
    turns
}

/// The label at the start of a line and the offset of its colon: words in capitals (letters,
/// digits, `.`, `'`, `-`), at least two letters, at most [`MAX_LABEL_WORDS`] words, then `:`.
fn label_of(line: &str) -> Option<(&str, usize)> {
    let colon = line
        .char_indices()
        .take_while(|&(i, c)| i <= MAX_LABEL_BYTES && c != '\n')
        .find_map(|(i, c)| (c == ':').then_some(i))?;
    let label = &line[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let words = label.split_whitespace().count();
    let ok = letters >= 1
        && (1..=MAX_LABEL_WORDS).contains(&words)
        && label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().all(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || c.is_whitespace()
                || matches!(c, '.' | '\'' | '’' | '-')
        });
    ok.then_some((label, colon))
}

/// The turn a byte offset is in, if any.
pub fn turn_at(turns: &[Turn], at: usize) -> Option<&Turn> {
    let i = turns.partition_point(|t| t.span.start <= at);
    i.checked_sub(1)
        .map(|i| &turns[i])
        .filter(|t| at < t.span.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "SECRETARY BLINKEN:  Good afternoon.  I visited in 2016.\n\n\
                        QUESTION:  Not funny.\n\nSECRETARY BLINKEN:  Yeah.\n\nWe met today.";

    #[test]
    fn labels_start_turns_that_run_to_the_next_label() {
        let turns = speaker_turns(TEXT);
        let labels: Vec<(&str, TurnKind)> = turns
            .iter()
            .map(|t| (t.label.slice(TEXT), t.kind))
            .collect();
        assert_eq!(
            labels,
            [
                ("SECRETARY BLINKEN", TurnKind::Speaker),
                ("QUESTION", TurnKind::Uncoded),
                ("SECRETARY BLINKEN", TurnKind::Speaker),
            ]
        );
        assert_eq!(turns[0].label_with_colon.slice(TEXT), "SECRETARY BLINKEN:");
        assert!(turns[1].span.slice(TEXT).starts_with("QUESTION:"));
        assert!(turns[1].span.slice(TEXT).ends_with("Not funny.\n\n"));
        // The last turn runs to the end, paragraphs without labels included.
        assert!(turns[2].span.slice(TEXT).ends_with("We met today."));
        let at = TEXT.find("Not funny").unwrap();
        assert_eq!(turn_at(&turns, at).map(|t| t.kind), Some(TurnKind::Uncoded));
        assert_eq!(turn_at(&turns, 0).map(|t| t.kind), Some(TurnKind::Speaker));
    }

    #[test]
    fn ordinary_lines_are_not_labels() {
        for text in [
            "The below is attributable to Spokesperson Ned Price:\n\nBlinken met Bourita.",
            "WASHINGTON – Today, the U.S. Department of the Treasury acted: it sanctioned six.",
            "Flintlock 2013 SOCAF Public Affairs NEMA, Mauritania Mar 14, 2013",
            "Note: the meeting was postponed.",
        ] {
            assert!(speaker_turns(text).is_empty(), "{text:?}");
        }
        assert_eq!(turn_at(&[], 3), None);
    }

    #[test]
    fn a_label_of_many_words_with_initials() {
        let text = "SECRETARY OF DEFENSE LLOYD J. AUSTIN III: Minister Robles, welcome.";
        let turns = speaker_turns(text);
        assert_eq!(
            turns[0].label.slice(text),
            "SECRETARY OF DEFENSE LLOYD J. AUSTIN III"
        );
    }
}
