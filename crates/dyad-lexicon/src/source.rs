//! Reading dictionary text: lines with comments removed, each with its line number.
//!
//! Comments follow the PETRARCH rules: `<!-- … -->` (possibly over several lines; `-->` ends
//! it), `#` to the end of the line, and the legacy KEDS/TABARI `;` to the end of the line.

use std::path::Path;

use crate::error::{Error, Loaded, Result};

/// One content line of a dictionary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub number: u64,
    /// The line with comments removed and trailing whitespace trimmed; leading whitespace kept.
    pub text: &'a str,
    /// The comment text after `#` or `;` on this line, trimmed (empty when none).
    pub comment: &'a str,
}

impl Line<'_> {
    /// Whether the line starts with whitespace (actor date restrictions start with a tab).
    pub fn is_indented(&self) -> bool {
        self.text.starts_with([' ', '\t'])
    }
}

/// Splits `text` into content lines, skipping blank lines and comments.
///
/// `keep_blank` keeps blank lines (as empty `text`), which the verb format uses to end a
/// pattern block.
pub fn content_lines(text: &str, keep_blank: bool) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let number = i as u64 + 1;
        let mut line = raw.trim_end_matches('\r');
        if in_comment {
            match line.find("-->") {
                // Text after the closing marker of a multi-line comment is ignored, as in
                // PETRARCH ("no non-comment information in multi-line comments").
                Some(_) => {
                    in_comment = false;
                    continue;
                }
                None => continue,
            }
        }
        let mut comment = "";
        // Several comments may share a line ("<!-- a -->B<!-- c"): strip them in turn.
        while let Some(start) = line.find("<!--") {
            match line[start..].find("-->") {
                Some(end) => {
                    // Single-line comment: keep what precedes it (text after it is rare and
                    // kept only when nothing precedes).
                    let before = &line[..start];
                    let after = &line[start + end + 3..];
                    line = if before.trim().is_empty() {
                        after
                    } else {
                        before
                    };
                }
                None => {
                    in_comment = true;
                    line = &line[..start];
                    break;
                }
            }
        }
        if let Some(pos) = line.find(['#', ';']) {
            comment = line[pos + 1..].trim();
            line = &line[..pos];
        }
        let line = line.trim_end();
        if line.trim().is_empty() && !keep_blank {
            continue;
        }
        out.push(Line {
            number,
            text: line,
            comment,
        });
    }
    out
}

/// Reads a dictionary file as text. Bytes that are not UTF-8 (a few Latin-1 accents in old
/// files) are replaced and reported as soft errors with their line.
pub fn read_text(path: &Path) -> Result<Loaded<String>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(Loaded {
            value: s,
            errors: Vec::new(),
        }),
        Err(e) => {
            let bytes = e.into_bytes();
            let mut errors = Vec::new();
            for (i, l) in bytes.split(|&b| b == b'\n').enumerate() {
                if std::str::from_utf8(l).is_err() {
                    errors.push(
                        Error::syntax("bytes that are not UTF-8 (replaced)")
                            .at_line(i as u64 + 1)
                            .in_file(path),
                    );
                }
            }
            Ok(Loaded {
                value: String::from_utf8_lossy(&bytes).into_owned(),
                errors,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_of_every_kind_are_removed() {
        let text = "<!-- header -->\nA [X] # note\n<!-- start\nstill comment\nend -->\nB [Y] ; old\n\n\tC\n";
        let lines = content_lines(text, false);
        let got: Vec<_> = lines
            .iter()
            .map(|l| (l.number, l.text, l.comment))
            .collect();
        assert_eq!(
            got,
            [(2, "A [X]", "note"), (6, "B [Y]", "old"), (8, "\tC", "")]
        );
        assert!(lines[2].is_indented());
    }

    #[test]
    fn blank_lines_can_be_kept() {
        let lines = content_lines("A\n\nB\n", true);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].text, "");
    }
}

#[cfg(test)]
mod several_comments {
    use super::content_lines;

    /// Regression found by the verb round-trip property test: a comment opened after a closed
    /// one on the same line.
    #[test]
    fn a_comment_after_a_comment_on_one_line_is_stripped() {
        let lines = content_lines("<!---->---<!--<ISSUE CATEGORY=\"X\">\n!", false);
        assert_eq!(
            lines.iter().map(|l| l.text).collect::<Vec<_>>(),
            vec!["---"]
        );
    }
}
