//! The voice of a document: whom "I" and "we" stand for outside quotations.
//!
//! In a government statement or readout "we" is the issuer (`docs/codebook.md`, section 4): the
//! actor the statement names as its voice ("The United States is deeply concerned … We
//! strongly condemn …" → `USA`), else the issuing office, known from the document's title
//! ("Statement from National Security Advisor Jake Sullivan …") or from the government site
//! that published it (`state.gov`, `*.usembassy.gov` → `USAGOV`). In a news story there is no
//! voice. Quoted words never take the document's voice: "I" and "we" inside a quotation are its
//! speaker when the sentence names one right after it ("\"We condemn Algeria's decision,\" the
//! Moroccan foreign minister said" → `MARGOV`), and are left unresolved otherwise.

use dyad_lexicon::resolve::{Reason, TokenRef};
use dyad_lexicon::{ActorCode, ActorMention, DictDate, Lexicon};
use dyad_text::Span;

/// Hosts of government sites whose pages speak for an office, and that office's code. A host
/// matches itself and its subdomains (`eg.usembassy.gov`). Only sites whose pages are the
/// office's own statements, readouts and transcripts are listed: a news site is no voice.
const ISSUER_HOSTS: &[(&str, &str)] = &[
    ("state.gov", "USAGOV"),
    ("usembassy.gov", "USAGOV"),
    ("usmission.gov", "USAGOV"),
    ("whitehouse.gov", "USAGOV"),
    ("defense.gov", "USAGOV"),
    ("treasury.gov", "USAGOV"),
    ("gov.uk", "GBRGOV"),
    ("diplomatie.gouv.fr", "FRAGOV"),
    ("elysee.fr", "FRAGOV"),
];

/// Title openings that name the issuer of a statement ("Statement from National Security
/// Advisor Jake Sullivan on …", "Readout by NSC Spokesperson …", "Remarks by President …").
const ISSUER_TITLE_OPENINGS: &[&str] = &[
    "statement from",
    "statement by",
    "readout by",
    "readout of",
    "remarks by",
    "press statement by",
    "joint statement by",
];

/// The issuer of a document, from its title's opening or its URL's host, as an actor (its span
/// is empty: the issuer is not a mention of the text).
pub fn issuer(
    lexicon: &Lexicon,
    title: Option<&str>,
    url: Option<&str>,
    date: DictDate,
) -> Option<ActorMention> {
    if let Some(title) = title {
        let folded = dyad_text::fold(title);
        if ISSUER_TITLE_OPENINGS.iter().any(|o| folded.starts_with(o))
            && let Some(m) = lexicon
                .actor_mentions(title, date)
                .into_iter()
                .find(|m| m.code.as_str().len() > 3)
        {
            let entry = (m.span.slice(title).to_string(), "title".to_string());
            return Some(ActorMention {
                span: Span::new(0, 0),
                reason: Reason {
                    rule: "issuer",
                    entries: vec![entry],
                },
                name: None,
                ..m
            });
        }
    }
    let host = url.and_then(host_of)?;
    let (site, code) = ISSUER_HOSTS
        .iter()
        .find(|(site, _)| host == *site || host.ends_with(&format!(".{site}")))?;
    let code = ActorCode::new(code).ok()?;
    Some(ActorMention {
        span: Span::new(0, 0),
        country_iso3: lexicon.country_of(&code).map(|c| c.iso3.clone()),
        sectors: code.roles().map(str::to_string).collect(),
        code,
        reason: Reason {
            rule: "issuer",
            entries: vec![(site.to_string(), "government site".to_string())],
        },
        name: None,
    })
}

/// The lower-case host of a URL (`https://eg.usembassy.gov/x` → `eg.usembassy.gov`).
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.trim_start_matches("www.").to_ascii_lowercase())
}

/// The quoted stretches of a text: between curly quotes “…”, and between straight double
/// quotes paired within a paragraph. A quotation left open runs to the end of its paragraph.
pub fn quoted_spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut straight: Option<usize> = None;
    let mut prev = '\0';
    for (i, c) in text.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(s) = open.take() {
                    out.push(Span::new(s, i + c.len_utf8()));
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push(Span::new(s, i + 1)),
                None => straight = Some(i),
            },
            '\n' if prev == '\n' => {
                for s in [open.take(), straight.take()].into_iter().flatten() {
                    out.push(Span::new(s, i));
                }
            }
            _ => {}
        }
        prev = c;
    }
    for s in [open, straight].into_iter().flatten() {
        out.push(Span::new(s, text.len()));
    }
    out.sort_by_key(|s| s.start);
    out
}

/// Whether a byte offset is inside one of `quoted` (sorted by start).
pub fn is_quoted(quoted: &[Span], at: usize) -> bool {
    quoted.iter().any(|q| q.start <= at && at < q.end)
}

/// Words that attribute a quotation to the mention next to them ("…," the minister said).
const QUOTE_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stated",
    "declared",
    "noted",
    "stressed",
    "insisted",
    "explained",
    "warned",
    "wrote",
];

/// Mentions for the first-person pronouns ("I", "we", "us", "me") inside a quotation of one
/// sentence (`tokens`), standing for the speaker the sentence names right after the quotation:
/// an actor mention followed or preceded by a verb of saying within the next few words
/// ("…," the Moroccan foreign minister said / said the minister). None without such a speaker.
pub fn quoted_first_person(
    text: &str,
    quoted: &[Span],
    tokens: &[TokenRef<'_>],
    mentions: &[ActorMention],
) -> Vec<ActorMention> {
    let mut out = Vec::new();
    for q in quoted {
        let Some(after) = tokens.iter().position(|t| t.span.start >= q.end) else {
            continue;
        };
        // The speaker: the first mention starting within six words after the quotation, with a
        // verb of saying among those words.
        let window = &tokens[after..tokens.len().min(after + 8)];
        if !window.iter().any(|t| QUOTE_VERBS.contains(&t.folded)) {
            continue;
        }
        let Some(speaker) = mentions.iter().find(|m| {
            m.span.start >= q.end && window.iter().take(6).any(|t| t.span.start == m.span.start)
        }) else {
            continue;
        };
        for t in tokens
            .iter()
            .filter(|t| q.start <= t.span.start && t.span.end <= q.end)
        {
            if dyad_lexicon::resolve::is_first_person(t.folded, t.span.slice(text))
                && !mentions
                    .iter()
                    .any(|m| m.span.start <= t.span.start && t.span.end <= m.span.end)
            {
                out.push(ActorMention {
                    span: t.span,
                    reason: Reason {
                        rule: "voice",
                        entries: vec![(
                            speaker.span.slice(text).to_string(),
                            "speaker of the quotation".to_string(),
                        )],
                    },
                    name: None,
                    ..speaker.clone()
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> DictDate {
        DictDate::parse("20230726").unwrap()
    }

    #[test]
    fn hosts_of_government_sites_name_the_issuer() {
        let lex = Lexicon::default_lexicon();
        let code = |url| issuer(lex, None, Some(url), date()).map(|m| m.code.to_string());
        assert_eq!(
            code("https://eg.usembassy.gov/ceasefire-in-libya/").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(code("https://www.state.gov/x/").as_deref(), Some("USAGOV"));
        assert_eq!(code("https://allafrica.com/stories/1.html"), None);
        // A host that only ends like a government one is not one.
        assert_eq!(code("https://notstate.gov/x"), None);
        let m = issuer(lex, None, Some("https://www.state.gov/x/"), date()).unwrap();
        assert_eq!(m.country_iso3.as_deref(), Some("USA"));
        assert_eq!(m.sectors, ["GOV"]);
    }

    #[test]
    fn a_statement_title_names_the_issuer() {
        let lex = Lexicon::default_lexicon();
        let title = "Statement by NSC Spokesperson Ned Price on Attacks in Burkina Faso";
        let m = issuer(lex, Some(title), Some("https://hngn.com/a/1.htm"), date());
        assert_eq!(m.map(|m| m.code.to_string()).as_deref(), Some("USAGOV"));
        // A title that is not a statement's names no issuer.
        assert!(issuer(lex, Some("Ceasefire in Libya"), None, date()).is_none());
    }

    #[test]
    fn quotations_curly_straight_and_left_open() {
        let text = "He said “we will go” and \"we stay\".\n\n“We open\n\nWe close.";
        let q = quoted_spans(text);
        let quoted: Vec<&str> = q.iter().map(|s| s.slice(text)).collect();
        assert_eq!(quoted, ["“we will go”", "\"we stay\"", "“We open\n"]);
        assert!(is_quoted(&q, text.find("we will").unwrap()));
        assert!(!is_quoted(&q, text.find("We close").unwrap()));
    }
}
