//! Issue lists (`Phoenix.IssueCoding.txt`): phrases that tag a sentence with issue codes.
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:preschool [EARLY_CHILDHOOD_EDUCATION]     n: noun, singular and plural
//! ethnic v:purge [ID_ATROCITY]                v: verb forms (-s, -ed, -ing)
//! pre+n:school [EARLY_CHILDHOOD_EDUCATION]    +: joined with a blank or a hyphen
//! ~a head start                               ~: a phrase that cancels issue coding
//! </ISSUE>
//! ```

use crate::error::{Error, Loaded};
use crate::phrase::{phrase_keys, regular_plural};
use crate::source::content_lines;

/// One issue phrase, expanded to every form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuePhrase {
    /// The line as written (before expansion).
    pub text: String,
    /// Every expanded form as keys.
    pub forms: Vec<Vec<String>>,
    /// The issue code, or `None` for an ignore phrase (`~`).
    pub code: Option<String>,
    /// The enclosing `<ISSUE CATEGORY=…>`, if any.
    pub category: Option<String>,
    /// The line.
    pub line: u64,
}

fn expand_word(word: &str) -> Vec<String> {
    if let Some(n) = word.strip_prefix("n:") {
        let n = n.to_lowercase();
        return vec![regular_plural(&n), n];
    }
    if let Some(v) = word.strip_prefix("v:") {
        let v = v.to_lowercase();
        let stem_e = v.strip_suffix('e').unwrap_or(&v).to_string();
        let ed = if v.ends_with('e') {
            format!("{v}d")
        } else {
            format!("{v}ed")
        };
        return vec![v.clone(), regular_plural(&v), ed, format!("{stem_e}ing")];
    }
    vec![word.to_string()]
}

/// Parses an issue list.
pub fn parse_issues(text: &str) -> Loaded<Vec<IssuePhrase>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut category: Option<String> = None;
    for line in content_lines(text, false) {
        let body = line.text.trim();
        if body.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        if let Some(attrs) = body.strip_prefix("<ISSUE") {
            category = attrs
                .split("CATEGORY=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .map(str::to_string);
            continue;
        }
        let (phrase, code) = if let Some(p) = body.strip_prefix('~') {
            (p.trim_start_matches('~').trim(), None)
        } else {
            match (body.rfind('['), body.rfind(']')) {
                (Some(o), Some(c)) if o < c => {
                    (body[..o].trim(), Some(body[o + 1..c].trim().to_string()))
                }
                _ => {
                    errors.push(
                        Error::syntax(format!("issue {body:?} has no [code]")).at_line(line.number),
                    );
                    continue;
                }
            }
        };
        // Expand every word: n:/v: forms, and `+` as a blank or a hyphen.
        let mut forms: Vec<String> = vec![String::new()];
        for word in phrase.split_whitespace() {
            let mut variants = Vec::new();
            if word.contains('+') {
                let parts: Vec<&str> = word.split('+').collect();
                for joiner in [" ", "-", ""] {
                    let mut acc = vec![String::new()];
                    for (i, part) in parts.iter().enumerate() {
                        let mut next = Vec::new();
                        for a in &acc {
                            for e in expand_word(part) {
                                next.push(if i == 0 { e } else { format!("{a}{joiner}{e}") });
                            }
                        }
                        acc = next;
                    }
                    variants.extend(acc);
                }
            } else {
                variants = expand_word(word);
            }
            forms = forms
                .iter()
                .flat_map(|f| variants.iter().map(move |v| format!("{f} {v}")))
                .collect();
        }
        let mut keyed: Vec<Vec<String>> = forms
            .iter()
            .map(|f| phrase_keys(f))
            .filter(|k| !k.is_empty())
            .collect();
        keyed.sort();
        keyed.dedup();
        if keyed.is_empty() {
            errors.push(Error::syntax(format!("issue {body:?} has no words")).at_line(line.number));
            continue;
        }
        out.push(IssuePhrase {
            text: body.to_string(),
            forms: keyed,
            code,
            category: category.clone(),
            line: line.number,
        });
    }
    Loaded { value: out, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions() {
        let text = "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:school [SCHOOLS]\npre+k [EARLY]\nethnic v:purge [ID_ATROCITY]\n~a head start\nbroken\n</ISSUE>\n";
        let loaded = parse_issues(text);
        let d = &loaded.value;
        assert_eq!(d.len(), 4);
        assert_eq!(d[0].forms, [vec!["school"], vec!["schools"]]);
        assert_eq!(d[0].category.as_deref(), Some("EDUCATION"));
        assert!(
            d[1].forms.contains(&vec!["prek".to_string()])
                && d[1]
                    .forms
                    .contains(&vec!["pre".to_string(), "k".to_string()])
        );
        assert_eq!(d[2].forms.len(), 4);
        assert_eq!(d[3].code, None);
        assert_eq!(loaded.errors[0].line(), Some(6));
    }
}
