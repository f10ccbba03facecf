//! Named-entity types and labels, and a reader for Universal NER IOB2 files.
//!
//! Universal NER marks people, organisations and places. The English EWT training file is an
//! earlier draft with an extra `OTH` type and stray `B-O` labels: both are read as `O`.

use std::fmt;
use std::path::Path;

use crate::error::{Error, Result};

/// The entity types dyad recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
}

impl EntityType {
    /// All types, in label order.
    pub const ALL: [EntityType; 3] = [EntityType::Per, EntityType::Org, EntityType::Loc];

    /// The type's name as written in IOB2 files (`PER`, `ORG`, `LOC`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NerTag {
    /// Outside any entity.
    #[default]
    O,
    /// The first word of an entity.
    B(EntityType),
    /// A later word of an entity.
    I(EntityType),
}

impl NerTag {
    /// The number of labels (`O` plus `B`/`I` for each type).
    pub const COUNT: usize = 7;

    /// A dense index in `0..COUNT`.
    pub fn index(self) -> usize {
        match self {
            NerTag::O => 0,
            NerTag::B(t) => 1 + 2 * t as usize,
            NerTag::I(t) => 2 + 2 * t as usize,
        }
    }

    /// The label with the given dense index (`index < COUNT`).
    pub fn from_index(index: usize) -> NerTag {
        match index {
            0 => NerTag::O,
            i => {
                let t = EntityType::ALL[(i - 1) / 2];
                if i % 2 == 1 {
                    NerTag::B(t)
                } else {
                    NerTag::I(t)
                }
            }
        }
    }

    /// Parses a label as found in Universal NER files; `OTH` and `B-O` map to `O`.
    pub fn parse(label: &str) -> Option<NerTag> {
        let (prefix, ty) = match label.split_once('-') {
            None => return (label == "O").then_some(NerTag::O),
            Some(p) => p,
        };
        let ty = match ty {
            "PER" => EntityType::Per,
            "ORG" => EntityType::Org,
            "LOC" => EntityType::Loc,
            "OTH" | "O" | "MISC" => return matches!(prefix, "B" | "I").then_some(NerTag::O),
            _ => return None,
        };
        match prefix {
            "B" => Some(NerTag::B(ty)),
            "I" => Some(NerTag::I(ty)),
            _ => None,
        }
    }

    /// The entity type, if any.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            NerTag::O => None,
            NerTag::B(t) | NerTag::I(t) => Some(t),
        }
    }
}

impl fmt::Display for NerTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NerTag::O => f.write_str("O"),
            NerTag::B(t) => write!(f, "B-{t}"),
            NerTag::I(t) => write!(f, "I-{t}"),
        }
    }
}

/// One sentence of an IOB2 file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NerSentence {
    /// The `# sent_id = …` comment, if any.
    pub sent_id: Option<String>,
    /// The words.
    pub words: Vec<String>,
    /// One label per word.
    pub tags: Vec<NerTag>,
    /// Positions of the words a draft file labels `B-OTH`/`I-OTH` (read as `O`): an entity of a
    /// type outside PER/ORG/LOC in the draft, which training does not learn from.
    pub other: Vec<usize>,
}

/// An entity span: words `start..end` of type `ty`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntitySpan {
    /// The first word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// The entity type.
    pub ty: EntityType,
}

/// The entity spans of a label sequence (CoNLL convention: an `I-X` that does not continue an
/// `X` entity starts a new one).
pub fn entity_spans(tags: &[NerTag]) -> Vec<EntitySpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, EntityType)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((tag, open), (NerTag::I(t), Some((_, o))) if t == o);
        if continues {
            continue;
        }
        if let Some((start, ty)) = open.take() {
            spans.push(EntitySpan { start, end: i, ty });
        }
        if let Some(t) = tag.entity_type() {
            open = Some((i, t));
        }
    }
    if let Some((start, ty)) = open {
        spans.push(EntitySpan {
            start,
            end: tags.len(),
            ty,
        });
    }
    spans
}

/// Reads a Universal NER IOB2 file (word id, word, label, …; `#` comments; blank lines between
/// sentences).
///
/// # Errors
/// [`Error::Io`] if the file cannot be read, [`Error::Syntax`] naming the file and line for a
/// malformed line or an unknown label.
pub fn read_iob2(path: &Path) -> Result<Vec<NerSentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_iob2(&text, path)
}

/// Parses IOB2 text; `origin` names the source in error messages.
///
/// # Errors
/// [`Error::Syntax`] naming `origin` and the line for a malformed line or an unknown label.
pub fn parse_iob2(text: &str, origin: &Path) -> Result<Vec<NerSentence>> {
    let mut out = Vec::new();
    let mut current = NerSentence::default();
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end_matches('\r');
        let err = |message: String| Error::Syntax {
            path: origin.to_path_buf(),
            line: line_no,
            message,
        };
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current = NerSentence::default();
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(v) = comment.trim().strip_prefix("sent_id =") {
                current.sent_id = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            return Err(err(format!(
                "expected at least 3 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let tag =
            NerTag::parse(cols[2]).ok_or_else(|| err(format!("unknown label {:?}", cols[2])))?;
        if cols[1].is_empty() {
            return Err(err("empty word".to_string()));
        }
        if cols[2].ends_with("-OTH") {
            current.other.push(current.words.len());
        }
        current.words.push(cols[1].to_string());
        current.tags.push(tag);
    }
    if !current.words.is_empty() {
        out.push(current);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_oth_and_stray_b_o_to_o() {
        let text =
            "# sent_id = a\n1\tAmerican\tB-OTH\t-\tx\n2\tforces\tB-O\n3\tin\tO\n4\tIraq\tB-LOC\n\n";
        let s = parse_iob2(text, Path::new("<mem>")).unwrap();
        assert_eq!(
            s[0].tags,
            [NerTag::O, NerTag::O, NerTag::O, NerTag::B(EntityType::Loc)]
        );
        assert_eq!(s[0].sent_id.as_deref(), Some("a"));
        assert_eq!(s[0].other, [0]);
    }

    #[test]
    fn unknown_labels_name_file_and_line() {
        let e = parse_iob2("1\ta\tO\n2\tb\tB-XYZ\n", Path::new("f.iob2"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.iob2:2:") && e.contains("B-XYZ"), "{e}");
    }

    #[test]
    fn spans_follow_conll_convention() {
        use EntityType::*;
        let tags = [
            NerTag::B(Per),
            NerTag::I(Per),
            NerTag::O,
            NerTag::I(Loc),
            NerTag::B(Org),
            NerTag::I(Per),
        ];
        let spans = entity_spans(&tags);
        assert_eq!(
            spans,
            [
                EntitySpan {
                    start: 0,
                    end: 2,
                    ty: Per
                },
                EntitySpan {
                    start: 3,
                    end: 4,
                    ty: Loc
                },
                EntitySpan {
                    start: 4,
                    end: 5,
                    ty: Org
                },
                EntitySpan {
                    start: 5,
                    end: 6,
                    ty: Per
                },
            ]
        );
        for i in 0..NerTag::COUNT {
            assert_eq!(NerTag::from_index(i).index(), i);
        }
    }
}
