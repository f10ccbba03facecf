//! A reader and writer for CoNLL-U files (Universal Dependencies).
//!
//! Multiword-token lines (`1-2`) and empty nodes (`8.1`) are skipped: dyad works on syntactic words.

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word form (column 2).
    pub form: String,
    /// The lemma (column 3).
    pub lemma: String,
    /// The universal part-of-speech tag (column 4).
    pub upos: String,
    /// The language-specific tag, Penn Treebank for English (column 5).
    pub xpos: String,
    /// The head's 1-based index, 0 for the root (column 7).
    pub head: u32,
    /// The dependency relation to the head (column 8).
    pub deprel: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `# sent_id = …` comment, if any.
    pub sent_id: Option<String>,
    /// The `# text = …` comment, if any.
    pub text: Option<String>,
    /// The syntactic words.
    pub words: Vec<Word>,
    /// The 1-based line number of the sentence's first line.
    pub line: usize,
}

/// Reads a CoNLL-U file.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read, [`Error::Syntax`] naming the file and line for a
/// malformed line.
pub fn read_conllu(path: &Path) -> Result<Vec<Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_conllu(&text, path)
}

/// Parses CoNLL-U text; `origin` names the source in error messages.
///
/// # Errors
/// [`Error::Syntax`] naming `origin` and the line for a malformed line.
pub fn parse_conllu(text: &str, origin: &Path) -> Result<Vec<Sentence>> {
    let mut sentences = Vec::new();
    let mut current = Sentence::default();
    let err = |line: usize, message: String| Error::Syntax {
        path: origin.to_path_buf(),
        line,
        message,
    };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.words.is_empty() {
                finish(&mut current, origin)?;
                sentences.push(std::mem::take(&mut current));
            } else {
                current = Sentence::default();
            }
            continue;
        }
        if current.words.is_empty() && current.line == 0 {
            current.line = line_no;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                current.sent_id = Some(v.trim().to_string());
            } else if let Some(v) = comment.strip_prefix("text =") {
                current.text = Some(v.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                line_no,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id
            .parse()
            .map_err(|_| err(line_no, format!("word id {id:?} is not a number")))?;
        if id != current.words.len() + 1 {
            return Err(err(
                line_no,
                format!(
                    "word id {id} out of sequence (expected {})",
                    current.words.len() + 1
                ),
            ));
        }
        let head: u32 = cols[6]
            .parse()
            .map_err(|_| err(line_no, format!("head {:?} is not a number", cols[6])))?;
        if cols[1].is_empty() {
            return Err(err(line_no, "empty word form".to_string()));
        }
        current.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !current.words.is_empty() {
        finish(&mut current, origin)?;
        sentences.push(current);
    }
    Ok(sentences)
}

fn finish(sentence: &mut Sentence, origin: &Path) -> Result<()> {
    let n = sentence.words.len() as u32;
    for (i, w) in sentence.words.iter().enumerate() {
        if w.head > n || w.head as usize == i + 1 {
            return Err(Error::Syntax {
                path: origin.to_path_buf(),
                line: sentence.line,
                message: format!(
                    "word {} has invalid head {} in a sentence of {n} words",
                    i + 1,
                    w.head
                ),
            });
        }
    }
    Ok(())
}

/// Appends one sentence in CoNLL-U to `out`: `misc` gives column 10 for each word (`_` if empty).
#[allow(clippy::too_many_arguments)]
pub fn write_sentence(
    out: &mut String,
    sent_id: Option<&str>,
    text: Option<&str>,
    words: &[Word],
    misc: &[String],
) {
    if let Some(id) = sent_id {
        let _ = writeln!(out, "# sent_id = {id}");
    }
    if let Some(t) = text {
        let _ = writeln!(out, "# text = {t}");
    }
    for (i, w) in words.iter().enumerate() {
        let m = misc
            .get(i)
            .map(String::as_str)
            .filter(|m| !m.is_empty())
            .unwrap_or("_");
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
            i + 1,
            w.form,
            w.lemma,
            w.upos,
            w.xpos,
            w.head,
            w.deprel,
            m
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = s1\n# text = He can't go.\n1\tHe\the\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\tcan\tAUX\tMD\t_\t4\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        // The sample's heads are deliberately odd on word 1; fix them to a valid tree first.
        let text = SAMPLE.replace("1\tHe\the\tPRON\tPRP\t_\t3", "1\tHe\the\tPRON\tPRP\t_\t4");
        let s = parse_conllu(&text, Path::new("<mem>")).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].sent_id.as_deref(), Some("s1"));
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["He", "ca", "n't", "go", "."]);
        assert_eq!(s[0].words[3].head, 0);
    }

    #[test]
    fn errors_name_file_and_line() {
        let bad = "1\tHe\the\tPRON\tPRP\t_\t0\troot\t_\t_\n2\tgoes\tgo\tVERB\n";
        let e = parse_conllu(bad, Path::new("x.conllu"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.conllu:2:"), "{e}");
        let bad_head = "1\tHe\the\tPRON\tPRP\t_\tx\troot\t_\t_\n";
        let e = parse_conllu(bad_head, Path::new("y.conllu"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("y.conllu:1:") && e.contains("head"), "{e}");
        let out_of_range = "1\tHe\the\tPRON\tPRP\t_\t7\troot\t_\t_\n";
        let e = parse_conllu(out_of_range, Path::new("z.conllu"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("z.conllu:1:") && e.contains("invalid head"),
            "{e}"
        );
    }
}
