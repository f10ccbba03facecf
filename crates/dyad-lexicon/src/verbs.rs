//! Verb dictionaries: PETRARCH-2 `CAMEO.2.0.txt` and the older TABARI-style
//! `CAMEO.verbpatterns.*.txt`.
//!
//! ```text
//! &CURRENCY                 a synset: phrases on `+` lines; `_` at the end: no plural
//! +DOLLAR
//!
//! ---  ACCELERATE   [---]  ---      a verb block with its default code
//! RUSH                              verbs (regular forms are generated)
//! SPEED {SPEEDING SPEEDS SPED }     irregular forms
//! +CLEAR_UP                         a multi-word verb; `+` marks the verb word
//! - * (TO)            [042:043]     patterns: `*` verb, `$` source, `+` target, `%` compound,
//! - * {ARMS SHIPMENT} [072]         `^` skip, `&SYNSET`, `(…)` and `{…}` groups, two-way codes
//! ~ a (a b ATTACK) SAY = a b 015    a transformation (kept as written)
//! ```

use std::collections::HashSet;

use crate::code::EventCodes;
use crate::error::{Error, Loaded};
use crate::phrase::{phrase_keys, regular_plural};
use crate::source::content_lines;

/// A synonym set such as `&MILITARY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// The label without `&` or a trailing `_` (`MILITARY`).
    pub name: String,
    /// Member phrases as keys, plurals included.
    pub phrases: Vec<Vec<String>>,
    /// The line of the label.
    pub line: u64,
}

/// A verb of a block, with its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// As written (`+CLEAR_UP`, `SAY`).
    pub text: String,
    /// All forms as keys: the base first, then given or regular forms.
    pub forms: Vec<Vec<String>>,
    /// The verb's own code, when it has one.
    pub codes: Option<EventCodes>,
    /// The line.
    pub line: u64,
}

/// How a group in a pattern is bracketed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// `(…)`: a prepositional phrase.
    Paren,
    /// `{…}`: a noun phrase / alternatives.
    Brace,
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternElement {
    /// `*`: the verb.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor (source and target).
    Compound,
    /// `^`: skip to the end of the noun phrase.
    Skip,
    /// `_` between two elements (`IN_*`, `NEW_&TIETYPES_RELATIONS`): they stand on
    /// consecutive words, where a space lets other words come between.
    Join,
    /// A word or consecutive words (`DIPLOMATIC_RELATIONS`), as keys.
    Words(Vec<String>),
    /// `&NAME`: any phrase of a synset.
    Synset(String),
    /// A bracketed group.
    Group(GroupKind, Vec<PatternElement>),
}

/// A pattern line of a verb block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    /// The elements.
    pub elements: Vec<PatternElement>,
    /// The codes it assigns.
    pub codes: EventCodes,
    /// The line.
    pub line: u64,
}

/// A verb block: synonymous verbs and their patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// The block's name (`ACCELERATE`).
    pub name: String,
    /// The block's default code.
    pub codes: EventCodes,
    /// Verbs.
    pub verbs: Vec<VerbEntry>,
    /// Patterns.
    pub patterns: Vec<VerbPattern>,
    /// The line of the header.
    pub line: u64,
}

/// A loaded verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    /// Synsets.
    pub synsets: Vec<Synset>,
    /// Verb blocks.
    pub blocks: Vec<VerbBlock>,
    /// Transformation rules (`~ …`), as written, with their lines.
    pub transformations: Vec<(u64, String)>,
}

impl VerbDictionary {
    /// Number of patterns over all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// Number of verbs over all blocks.
    pub fn verb_count(&self) -> usize {
        self.blocks.iter().map(|b| b.verbs.len()).sum()
    }
}

/// Regular forms of a folded verb: `-s`, `-ed`, `-ing`.
fn regular_verb_forms(verb: &str) -> [String; 3] {
    let stem_e = verb.strip_suffix('e').unwrap_or(verb);
    let s = regular_plural(verb);
    let ed = match s.strip_suffix("ies") {
        Some(stem) => format!("{stem}ied"),
        None if verb.ends_with('e') => format!("{verb}d"),
        None => format!("{verb}ed"),
    };
    [s, ed, format!("{stem_e}ing")]
}

/// Keys of a verb written with an optional `+` marking the verb word (`WIRE_+TAP`), and the
/// index of that word.
fn verb_keys(text: &str) -> (Vec<String>, usize) {
    let words: Vec<&str> = text.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    let mut keys = Vec::new();
    let mut verb_at = 0;
    for w in words {
        let word_keys = phrase_keys(w.trim_start_matches('+'));
        // A `+` with no word after it marks nothing (found by the property test: `A +`).
        if w.starts_with('+') && !word_keys.is_empty() {
            verb_at = keys.len();
        }
        keys.extend(word_keys);
    }
    (keys, verb_at)
}

/// Splits `text` at its last `[...]`, returning the text before and the codes.
fn trailing_codes(text: &str) -> Option<(&str, &str)> {
    let open = text.rfind('[')?;
    let close = text[open..].find(']')? + open;
    Some((&text[..open], &text[open + 1..close]))
}

/// The characters with a meaning in pattern syntax (markers, synsets, groups, codes).
const PATTERN_SYNTAX: &[char] = &['*', '$', '+', '%', '^', '&', '(', ')', '{', '}', '[', ']'];

fn parse_elements(text: &str, synsets: &HashSet<String>) -> Result<Vec<PatternElement>, String> {
    let mut stack: Vec<(GroupKind, Vec<PatternElement>)> = vec![(GroupKind::Paren, Vec::new())];
    for token in text.split_whitespace() {
        let mut core = token;
        while let Some(c) = core.chars().next().filter(|c| *c == '(' || *c == '{') {
            stack.push((
                if c == '(' {
                    GroupKind::Paren
                } else {
                    GroupKind::Brace
                },
                Vec::new(),
            ));
            core = &core[1..];
        }
        let mut closes = Vec::new();
        while let Some(c) = core.chars().last().filter(|c| *c == ')' || *c == '}') {
            closes.push(if c == ')' {
                GroupKind::Paren
            } else {
                GroupKind::Brace
            });
            core = &core[..core.len() - 1];
        }
        let top = &mut stack.last_mut().expect("root").1;
        // The older format joins elements with `_` (`$_*_+`, `&FIGHT_&CRIME`,
        // `&MILITARY_COUP`): consecutive elements.
        let known = core
            .strip_prefix('&')
            .is_some_and(|n| synsets.contains(n.trim_end_matches('_')));
        let parts: Vec<&str> =
            if !known && (core.contains(['&', '*', '$', '%', '^']) || core.contains("_+")) {
                core.split('_').filter(|p| !p.is_empty()).collect()
            } else {
                vec![core]
            };
        for (i, &core) in parts.iter().enumerate() {
            if i > 0 {
                top.push(PatternElement::Join);
            }
            // Markers glued to a word (`*SCEPTICAL`) are elements of their own.
            let marks = core
                .find(|c: char| !"*$+%^".contains(c))
                .unwrap_or(core.len());
            let (lead, core) = if marks > 0 && marks < core.len() && !core.starts_with('&') {
                core.split_at(marks)
            } else {
                ("", core)
            };
            for c in lead.chars() {
                top.push(match c {
                    '*' => PatternElement::Verb,
                    '$' => PatternElement::Source,
                    '+' => PatternElement::Target,
                    '%' => PatternElement::Compound,
                    _ => PatternElement::Skip,
                });
            }
            if core.chars().all(|c| "*$+%^".contains(c)) {
                for c in core.chars() {
                    top.push(match c {
                        '*' => PatternElement::Verb,
                        '$' => PatternElement::Source,
                        '+' => PatternElement::Target,
                        '%' => PatternElement::Compound,
                        _ => PatternElement::Skip,
                    });
                }
            } else if let Some(name) = core.strip_prefix('&') {
                let name = name.trim_end_matches('_').to_string();
                if !synsets.contains(&name) {
                    return Err(format!("undefined synset &{name}"));
                }
                top.push(PatternElement::Synset(name));
            } else if core.chars().any(|c| c.is_alphanumeric()) {
                let keys = phrase_keys(core);
                // A marker or bracket inside a word (`[1*`, found by fuzzing) could not be
                // written back as one element: it is not a word of a pattern.
                if keys.iter().any(|k| k.contains(PATTERN_SYNTAX)) {
                    return Err(format!(
                        "unreadable pattern element {core:?} (a marker or bracket inside a word)"
                    ));
                }
                // Inside `_`-joined elements (`DE,MAND_&SYNSET`, found by fuzzing) a word is
                // written back with `_` between its keys, so a key of punctuation alone would
                // read back as an element of its own, which is not a word.
                if parts.len() > 1 && keys.iter().any(|k| !k.chars().any(char::is_alphanumeric)) {
                    return Err(format!(
                        "unreadable pattern element {core:?} (punctuation inside a word joined with '_')"
                    ));
                }
                top.push(PatternElement::Words(keys));
            } else {
                return Err(format!("unreadable pattern element {core:?}"));
            }
        }
        for kind in closes.into_iter().rev() {
            if stack.len() < 2 {
                return Err("unbalanced closing bracket".to_string());
            }
            let (open_kind, items) = stack.pop().expect("checked");
            if open_kind != kind {
                return Err("mismatched brackets".to_string());
            }
            stack
                .last_mut()
                .expect("root")
                .1
                .push(PatternElement::Group(kind, items));
        }
    }
    if stack.len() != 1 {
        return Err("unclosed bracket".to_string());
    }
    Ok(stack.pop().expect("root").1)
}

/// Parses a verb dictionary (either generation of the format).
pub fn parse_verbs(text: &str) -> Loaded<VerbDictionary> {
    let mut errors = Vec::new();
    let mut dict = VerbDictionary::default();
    let lines = content_lines(text, false);
    // Synsets may be defined anywhere in the file; collect their names first.
    let names: HashSet<String> = lines
        .iter()
        .filter_map(|l| l.text.trim().strip_prefix('&'))
        .map(|n| n.trim().trim_end_matches('_').to_string())
        .collect();
    let mut synset: Option<(Synset, bool)> = None;
    let mut block: Option<VerbBlock> = None;
    for line in &lines {
        let body = line.text.trim();
        let n = line.number;
        if let Some(member) = body.strip_prefix('+')
            && let Some((set, no_plural)) = synset.as_mut()
        {
            let keys = phrase_keys(member);
            if keys.is_empty() {
                errors.push(Error::syntax("empty synset member").at_line(n));
                continue;
            }
            let plain = member.trim().ends_with('_') || *no_plural;
            if !plain && let Some(last) = keys.last() {
                let mut pl = keys.clone();
                *pl.last_mut().expect("non-empty") = regular_plural(last);
                set.phrases.push(keys);
                set.phrases.push(pl);
            } else {
                set.phrases.push(keys);
            }
            continue;
        }
        if let Some((s, _)) = synset.take() {
            dict.synsets.push(s);
        }
        if let Some(label) = body.strip_prefix('&') {
            let label = label.trim();
            let no_plural = label.ends_with('_');
            let name = label.trim_end_matches('_').to_string();
            synset = Some((
                Synset {
                    name,
                    phrases: Vec::new(),
                    line: n,
                },
                no_plural,
            ));
            continue;
        }
        if body.starts_with("---") {
            if let Some(b) = block.take() {
                dict.blocks.push(b);
            }
            let inner = body.trim_matches('-').trim();
            let (name, codes) = match trailing_codes(inner) {
                Some((name, codes)) => match EventCodes::new(codes) {
                    Ok(c) => (name.trim(), c),
                    Err(e) => {
                        errors.push(e.at_line(n));
                        (name.trim(), EventCodes::default())
                    }
                },
                None => (inner, EventCodes::default()),
            };
            block = Some(VerbBlock {
                name: name.to_string(),
                codes,
                verbs: Vec::new(),
                patterns: Vec::new(),
                line: n,
            });
            continue;
        }
        if body.starts_with('~') {
            dict.transformations.push((n, body.to_string()));
            continue;
        }
        let Some(b) = block.as_mut() else {
            errors.push(Error::syntax(format!("{body:?} outside a verb block")).at_line(n));
            continue;
        };
        if let Some(pattern) = body.strip_prefix('-') {
            let Some((elements, codes)) = trailing_codes(pattern) else {
                errors.push(Error::syntax("pattern without [code]").at_line(n));
                continue;
            };
            let codes = match EventCodes::new(codes) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(e.at_line(n));
                    continue;
                }
            };
            match parse_elements(elements, &names) {
                Ok(elements) if elements.is_empty() => {
                    errors.push(Error::syntax("empty pattern").at_line(n));
                }
                Ok(elements) => b.patterns.push(VerbPattern {
                    elements,
                    codes,
                    line: n,
                }),
                Err(why) => errors.push(Error::syntax(why).at_line(n)),
            }
            continue;
        }
        // A verb line: VERB {FORMS} [CODE]
        let (head, codes) = match trailing_codes(body) {
            Some((head, codes)) => match EventCodes::new(codes) {
                Ok(c) => (head, Some(c)),
                Err(e) => {
                    errors.push(e.at_line(n));
                    continue;
                }
            },
            None => (body, None),
        };
        let (verb, given) = match head.find('{') {
            Some(i) => match head[i..].find('}') {
                Some(j) => (head[..i].trim(), Some(&head[i + 1..i + j])),
                None => {
                    errors.push(Error::syntax("unclosed '{'").at_line(n));
                    continue;
                }
            },
            None => (head.trim(), None),
        };
        let (keys, at) = verb_keys(verb);
        if keys.is_empty() {
            errors.push(Error::syntax(format!("verb line {body:?} has no verb")).at_line(n));
            continue;
        }
        // A key of punctuation alone (`+&CURRENCY`, found by fuzzing: the keys `&`,
        // `currency`) is written back joined to the others with `_` (`&_CURRENCY`), which
        // reads as another kind of line (a synset): it is not a word of a verb.
        if keys.iter().any(|k| !k.chars().any(char::is_alphanumeric)) {
            errors.push(
                Error::syntax(format!(
                    "unreadable verb {verb:?} (a word of punctuation alone)"
                ))
                .at_line(n),
            );
            continue;
        }
        let mut forms = vec![keys.clone()];
        match given {
            Some(g) => forms.extend(
                g.split_whitespace()
                    .map(|f| verb_keys(f).0)
                    .filter(|k| !k.is_empty()),
            ),
            None => {
                for f in regular_verb_forms(&keys[at]) {
                    let mut k = keys.clone();
                    k[at] = f;
                    forms.push(k);
                }
            }
        }
        b.verbs.push(VerbEntry {
            text: verb.to_string(),
            forms,
            codes,
            line: n,
        });
    }
    if let Some((s, _)) = synset.take() {
        dict.synsets.push(s);
    }
    if let Some(b) = block.take() {
        dict.blocks.push(b);
    }
    Loaded {
        value: dict,
        errors,
    }
}

fn upper_words(keys: &[String]) -> String {
    keys.iter()
        .map(|k| k.to_uppercase())
        .collect::<Vec<_>>()
        .join("_")
}

fn write_elements(elements: &[PatternElement], out: &mut String) {
    for (i, e) in elements.iter().enumerate() {
        let joined = matches!(e, PatternElement::Join)
            || (i > 0 && matches!(elements[i - 1], PatternElement::Join));
        if i > 0 && !joined {
            out.push(' ');
        }
        match e {
            PatternElement::Join => out.push('_'),
            PatternElement::Verb => out.push('*'),
            PatternElement::Source => out.push('$'),
            PatternElement::Target => out.push('+'),
            PatternElement::Compound => out.push('%'),
            PatternElement::Skip => out.push('^'),
            PatternElement::Words(keys) => out.push_str(&upper_words(keys)),
            PatternElement::Synset(name) => {
                out.push('&');
                out.push_str(name);
            }
            PatternElement::Group(kind, inner) => {
                let (open, close) = match kind {
                    GroupKind::Paren => ('(', ')'),
                    GroupKind::Brace => ('{', '}'),
                };
                out.push(open);
                write_elements(inner, out);
                out.push(close);
            }
        }
    }
}

impl VerbDictionary {
    /// Writes the dictionary back in PETRARCH-2 syntax, with every form spelled out (plurals
    /// and verb forms are not regenerated when it is read again), so that
    /// `parse_verbs(&d.to_petrarch())` gives `d` back.
    pub fn to_petrarch(&self) -> String {
        let mut out = String::new();
        for s in &self.synsets {
            out.push_str(&format!("&{}\n", s.name));
            for p in &s.phrases {
                out.push_str(&format!("+{}_\n", upper_words(p)));
            }
            out.push('\n');
        }
        for b in &self.blocks {
            out.push_str(&format!("--- {} [{}] ---\n", b.name, b.codes));
            for v in &b.verbs {
                let base = upper_words(&v.forms[0]);
                let others: Vec<String> = v.forms[1..].iter().map(|f| upper_words(f)).collect();
                out.push_str(&format!("{base} {{{}}}", others.join(" ")));
                if let Some(c) = v.codes {
                    out.push_str(&format!(" [{c}]"));
                }
                out.push('\n');
            }
            for p in &b.patterns {
                let mut line = String::from("- ");
                write_elements(&p.elements, &mut line);
                out.push_str(&format!("{line} [{}]\n", p.codes));
            }
            out.push('\n');
        }
        for (_, t) in &self.transformations {
            out.push_str(t);
            out.push('\n');
        }
        out
    }
}

/// Version of the default verb file format (`lexicon/verbs.txt`).
pub const VERB_FORMAT_VERSION: u32 = 1;

const VERB_MAGIC: &str = "# dyad-verbs-format";

/// The committed default verb dictionary (generated by `build-lexicon`).
const DEFAULT_VERBS: &str = include_str!("../lexicon/verbs.txt");

/// The text of the default verb dictionary file (to fingerprint what coded an event).
pub fn default_verbs_text() -> &'static str {
    DEFAULT_VERBS
}

/// Puts the header (format version, checksum) on a verb dictionary body.
pub fn with_verb_header(body: &str) -> String {
    format!(
        "{VERB_MAGIC} {VERB_FORMAT_VERSION} checksum {:016x}\n\
         # dyad default verb dictionary: CAMEO.2.0.txt (PETRARCH-2, MIT, Open Event Data Alliance),\n\
         # written back by dyad's build-lexicon with every form spelled out. Never edit by hand.\n{body}",
        crate::lexicon::fnv1a64(body.as_bytes())
    )
}

/// Reads a verb file with a header, checking the version and the checksum; the body is an
/// ordinary PETRARCH-2 verb dictionary.
pub fn read_verb_file(text: &str) -> crate::error::Result<VerbDictionary> {
    let (header, rest) = text.split_once('\n').unwrap_or((text, ""));
    let fields: Vec<&str> = header
        .strip_prefix(VERB_MAGIC)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let [version, "checksum", sum] = fields.as_slice() else {
        return Err(Error::Format("not a dyad verb file (no header)".into()));
    };
    if version.parse::<u32>().ok() != Some(VERB_FORMAT_VERSION) {
        return Err(Error::Format(format!(
            "verb file format {version}, this dyad reads {VERB_FORMAT_VERSION}"
        )));
    }
    // The body starts after the two comment lines of the header.
    let body = rest.splitn(3, '\n').nth(2).unwrap_or("");
    if u64::from_str_radix(sum, 16).ok() != Some(crate::lexicon::fnv1a64(body.as_bytes())) {
        return Err(Error::Format(
            "verb file checksum mismatch: corrupt or edited by hand".into(),
        ));
    }
    parse_verbs(body).strict()
}

/// The default verb dictionary shipped with dyad, parsed once.
pub fn default_verbs() -> &'static VerbDictionary {
    static VERBS: std::sync::OnceLock<VerbDictionary> = std::sync::OnceLock::new();
    VERBS.get_or_init(|| {
        read_verb_file(DEFAULT_VERBS).expect("the committed verb file is valid (tested)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&MILITARY
+TROOP
+ARMED_FORCES_

---  ACCELERATE   [---]  ---
RUSH
SPEED {SPEEDING SPEEDS SPED }
+CLEAR_UP [040]
- * (TO)                                              [042:043]     # RUSH
- * {ARMS SHIPMENT}                                   [072]         # EXPEDITE
- &MILITARY *                                         [154]         # RUSH
- $ * (TO {BANNED PARTIES}) +                         [1722]
- * &UNKNOWN                                          [154]
- * (TO                                               [154]
- $_*_+ &MILITARY_COUP                                [154]
- *SCEPTICAL                                          [012]

--- ABANDON [080] ---
ABANDON
- % * RESUMPTION OF DIPLOMATIC_RELATIONS [050]
~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn the_default_verb_file_loads() {
        let d = default_verbs();
        assert!(d.blocks.len() > 390 && d.pattern_count() > 4_500 && d.synsets.len() >= 40);
        let edited = DEFAULT_VERBS.replacen("[042:043]", "[042:044]", 1);
        assert!(
            read_verb_file(&edited)
                .unwrap_err()
                .to_string()
                .contains("checksum")
        );
    }

    #[test]
    fn underscores_join_elements_and_spaces_do_not() {
        let d = parse_verbs(
            "&TIES\n+MILITARY\n\n--- ACCORD [---] ---\nACCORD\n- IN_* [075]\n- IN_ * [072]\n\
             - * NEW_&TIES_RELATIONS [903]\n",
        )
        .value;
        let p = &d.blocks[0].patterns;
        let w = |s: &str| PatternElement::Words(vec![s.into()]);
        assert_eq!(
            p[0].elements,
            [w("in"), PatternElement::Join, PatternElement::Verb]
        );
        // A trailing `_` joins nothing: "in", then any words, then the verb.
        assert_eq!(p[1].elements, [w("in"), PatternElement::Verb]);
        assert_eq!(
            p[2].elements,
            [
                PatternElement::Verb,
                w("new"),
                PatternElement::Join,
                PatternElement::Synset("TIES".into()),
                PatternElement::Join,
                w("relations")
            ]
        );
        let text = d.to_petrarch();
        assert!(text.contains("- IN_* [075]"), "{text}");
        assert!(text.contains("- * NEW_&TIES_RELATIONS [903]"), "{text}");
        let again = parse_verbs(&text).value;
        for (a, b) in again.blocks[0].patterns.iter().zip(p) {
            assert_eq!(a.elements, b.elements);
        }
    }

    #[test]
    fn a_lone_plus_marks_no_verb_word() {
        // Regression: found by `verb_dictionaries_read_back_the_same` ("---\nA +").
        let d = parse_verbs("---\nA +\n").value;
        assert_eq!(d.blocks[0].verbs[0].forms[0], ["a"]);
    }

    #[test]
    fn writing_back_round_trips() {
        let d = parse_verbs(SAMPLE).value;
        let text = d.to_petrarch();
        let again = parse_verbs(&text);
        assert!(again.errors.is_empty(), "{:?}\n{text}", again.errors);
        let e = again.value;
        assert_eq!(
            e.synsets
                .iter()
                .map(|s| (&s.name, &s.phrases))
                .collect::<Vec<_>>(),
            d.synsets
                .iter()
                .map(|s| (&s.name, &s.phrases))
                .collect::<Vec<_>>()
        );
        for (a, b) in e.blocks.iter().zip(&d.blocks) {
            assert_eq!((&a.name, a.codes), (&b.name, b.codes));
            assert_eq!(
                a.verbs
                    .iter()
                    .map(|v| (&v.forms, v.codes))
                    .collect::<Vec<_>>(),
                b.verbs
                    .iter()
                    .map(|v| (&v.forms, v.codes))
                    .collect::<Vec<_>>()
            );
            assert_eq!(
                a.patterns
                    .iter()
                    .map(|p| (&p.elements, p.codes))
                    .collect::<Vec<_>>(),
                b.patterns
                    .iter()
                    .map(|p| (&p.elements, p.codes))
                    .collect::<Vec<_>>()
            );
        }
        assert_eq!(e.blocks.len(), d.blocks.len());
        assert_eq!(e.transformations.len(), d.transformations.len());
    }

    #[test]
    fn blocks_synsets_and_patterns() {
        let loaded = parse_verbs(SAMPLE);
        let d = &loaded.value;
        assert_eq!(d.synsets.len(), 1);
        assert_eq!(
            d.synsets[0].phrases,
            [vec!["troop"], vec!["troops"], vec!["armed", "forces"]]
        );
        assert_eq!(d.blocks.len(), 2);
        let b = &d.blocks[0];
        assert_eq!(b.codes.primary, None);
        assert_eq!(
            b.verbs[0].forms[1..],
            [vec!["rushes"], vec!["rushed"], vec!["rushing"]]
        );
        assert_eq!(b.verbs[1].forms.len(), 4);
        assert_eq!(b.verbs[2].codes.unwrap().to_string(), "040");
        assert_eq!(b.patterns.len(), 6);
        assert_eq!(
            b.patterns[5].elements,
            [
                PatternElement::Verb,
                PatternElement::Words(vec!["sceptical".into()])
            ]
        );
        assert_eq!(
            b.patterns[4].elements,
            [
                PatternElement::Source,
                PatternElement::Join,
                PatternElement::Verb,
                PatternElement::Join,
                PatternElement::Target,
                PatternElement::Synset("MILITARY".into()),
                PatternElement::Join,
                PatternElement::Words(vec!["coup".into()])
            ]
        );
        assert_eq!(b.patterns[0].codes.to_string(), "042:043");
        assert_eq!(
            b.patterns[0].elements,
            [
                PatternElement::Verb,
                PatternElement::Group(
                    GroupKind::Paren,
                    vec![PatternElement::Words(vec!["to".into()])]
                )
            ]
        );
        assert!(
            matches!(&b.patterns[3].elements[2], PatternElement::Group(GroupKind::Paren, inner)
            if matches!(&inner[1], PatternElement::Group(GroupKind::Brace, _)))
        );
        assert_eq!(
            d.blocks[1].patterns[0].elements[0],
            PatternElement::Compound
        );
        assert_eq!(d.transformations.len(), 1);
        let lines: Vec<_> = loaded.errors.iter().map(|e| e.line().unwrap()).collect();
        assert_eq!(lines, [13, 14], "{:?}", loaded.errors);
    }
}
