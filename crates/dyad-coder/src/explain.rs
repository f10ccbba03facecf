//! `dyad code --explain`: each coded sentence's parse and the reasoning behind each of its
//! events, in a form meant to be read.
//!
//! For every sentence that yielded an event the explanation prints the sentence, its parse as
//! the coder saw it (word, part of speech, head, relation, entity label, with the predicate and
//! the actors' words marked), then each event: its code and name, the trigger, who acts and
//! whom at, with the reason each actor got its code, the pattern or rule that fired, modality,
//! attribution, date (and the expression that dated it) and place.

use std::fmt::Write;

use dyad_nlp::{Annotated, NerTag};

use crate::coder::Coder;
use crate::record::{ActorRecord, EventRecord};

/// The explanation of one document's events (`records` as [`EventRecord::new`] made them from
/// [`Coder::code_article`] on `text`).
pub fn explain_document(
    coder: &Coder,
    doc_id: &str,
    text: &str,
    records: &[EventRecord],
) -> String {
    let mut out = String::new();
    let seg = coder.segmenter().segment(text);
    let _ = writeln!(out, "=== document {doc_id}: {} events", records.len());
    let mut sentences: Vec<usize> = records.iter().map(|r| r.sentence.index).collect();
    sentences.sort_unstable();
    sentences.dedup();
    let mut ann = Annotated::default();
    for index in sentences {
        let here: Vec<&EventRecord> = records
            .iter()
            .filter(|r| r.sentence.index == index)
            .collect();
        let s = &here[0].sentence;
        let _ = writeln!(out, "\n--- sentence {index} [{}..{}]", s.start, s.end);
        let _ = writeln!(out, "{}", s.text);
        // The words the coder parsed: the sentence's tokens (a transcript label cut off).
        let tokens: Vec<usize> = seg
            .sentences
            .iter()
            .find(|x| x.index == index)
            .map(|x| {
                x.tokens
                    .clone()
                    .filter(|&i| {
                        let sp = seg.tokens.as_slice()[i].span;
                        sp.start >= s.start && sp.end <= s.end
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut words: Vec<&str> = tokens.iter().map(|&i| seg.tokens.text(i, text)).collect();
        // …and a dateline cut off.
        let tight = match (tokens.first(), tokens.last()) {
            (Some(&a), Some(&b)) => crate::coder::tight_tokens(&seg.tokens, a..b + 1),
            _ => Vec::new(),
        };
        let skip = crate::coder::dateline_len(&words, &tight);
        words.drain(..skip);
        let tokens = &tokens[skip..];
        if !words.is_empty() {
            coder.pipeline().annotate_into(&words, &mut ann);
            let _ = writeln!(out, "parse:");
            for (k, &i) in tokens.iter().enumerate() {
                let sp = seg.tokens.as_slice()[i].span;
                let mut marks = String::new();
                for r in &here {
                    if sp.start >= r.trigger.start && sp.end <= r.trigger.end {
                        marks.push_str(" <trigger>");
                    }
                    if within(sp.start, sp.end, &r.source) {
                        marks.push_str(" <source>");
                    }
                    if r.target
                        .as_ref()
                        .is_some_and(|t| within(sp.start, sp.end, t))
                    {
                        marks.push_str(" <target>");
                    }
                }
                marks = dedup_marks(&marks);
                let head = ann.head[k];
                let head_word = if head == 0 {
                    "ROOT"
                } else {
                    words[head as usize - 1]
                };
                let ner = if ann.ner[k] == NerTag::O {
                    String::new()
                } else {
                    format!(" {}", ann.ner[k])
                };
                let _ = writeln!(
                    out,
                    "  {:>3} {:<18} {:<5} {:<6} {:>3} {:<12} <- {}{ner}{marks}",
                    k + 1,
                    words[k],
                    ann.upos[k].as_str(),
                    ann.xpos[k],
                    head,
                    ann.deprel[k],
                    head_word
                );
            }
        }
        for r in here {
            explain_event(&mut out, coder, r);
        }
    }
    out
}

fn within(start: usize, end: usize, a: &ActorRecord) -> bool {
    start >= a.start && end <= a.end
}

fn dedup_marks(marks: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for m in marks.split_whitespace() {
        if !seen.contains(&m) {
            seen.push(m);
        }
    }
    seen.iter().map(|m| format!(" {m}")).collect()
}

fn actor_line(out: &mut String, role: &str, a: &ActorRecord) {
    let name = a
        .name
        .as_deref()
        .map(|n| format!(", person {n:?}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {role:<9} {} — {:?} [{}..{}]{name}\n            because: {}",
        a.code, a.text, a.start, a.end, a.reason
    );
}

fn explain_event(out: &mut String, coder: &Coder, r: &EventRecord) {
    let name = dyad_lexicon::CameoCode::new(&r.cameo)
        .ok()
        .and_then(|c| coder.table().get(c))
        .map_or("", |e| e.name.as_str());
    let arrow = if r.symmetric { "<->" } else { "->" };
    let target = r.target.as_ref().map_or("-", |t| t.code.as_str());
    let _ = writeln!(
        out,
        "event {} {arrow} {target}  {} {name} (root {}, Goldstein {}, QuadClass {}){}",
        r.source.code,
        r.cameo,
        r.cameo_root,
        r.goldstein
            .map_or_else(|| "null".to_string(), |g| g.to_string()),
        r.quad_class,
        r.plover
            .as_ref()
            .map(|p| format!(", PLOVER {}", p.event_type))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "  trigger   {:?} [{}..{}]",
        r.trigger.text, r.trigger.start, r.trigger.end
    );
    actor_line(out, "source", &r.source);
    match &r.target {
        Some(t) => actor_line(out, "target", t),
        None => {
            let _ = writeln!(out, "  target    none");
        }
    }
    let _ = writeln!(out, "  rule      {}", r.rule);
    let _ = writeln!(
        out,
        "  modality  {}{}",
        r.modality,
        r.attributed_to
            .as_ref()
            .map(|a| format!(
                "; said by {:?}{}",
                a.text,
                a.code
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "  date      {} ({}, {}){}",
        r.date.as_deref().unwrap_or("none"),
        r.date_precision.as_deref().unwrap_or("-"),
        r.temporal_status,
        r.date_text
            .as_deref()
            .map(|t| format!(" from {t:?}"))
            .unwrap_or_default()
    );
    if let Some(l) = &r.location {
        let _ = writeln!(
            out,
            "  place     {} ({}, {}) {:.4},{:.4}",
            l.name,
            l.country_iso3.as_deref().unwrap_or("-"),
            l.precision,
            l.lat,
            l.lon
        );
    }
    if r.mentions.len() > 1 {
        let others: Vec<String> = r
            .mentions
            .iter()
            .skip(1)
            .map(|m| m.sentence_index.to_string())
            .collect();
        let _ = writeln!(out, "  also in   sentences {}", others.join(", "));
    }
    let _ = writeln!(
        out,
        "  id        {}{}",
        r.id,
        if r.is_root { " (root event)" } else { "" }
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DocumentInfo;
    use crate::record::EventRecord;
    use dyad_lexicon::DictDate;

    #[test]
    fn explains_the_parse_the_actors_and_the_rule() {
        let coder = Coder::builder().build().unwrap();
        let text = "Morocco was attacked by Algeria on Monday.";
        let date = DictDate::parse("20230301").unwrap();
        let events = coder.code_article(
            text,
            None,
            date,
            DocumentInfo::default(),
            &mut crate::CodeBuffers::default(),
        );
        let report = jiff::civil::date(2023, 3, 1);
        let records: Vec<EventRecord> = events
            .iter()
            .map(|e| EventRecord::new("d", text, Some(report), e))
            .collect();
        let x = explain_document(&coder, "d", text, &records);
        assert!(x.contains("=== document d: 1 events"), "{x}");
        assert!(x.contains("event DZA -> MAR  19"), "{x}");
        // The parse: the passive agent marked as the source, the subject as the target.
        let line = |w: &str| {
            x.lines()
                .find(|l| l.split_whitespace().nth(1) == Some(w) && l.contains(" <- "))
                .unwrap_or("")
        };
        assert!(line("Algeria").contains("<source>"), "{x}");
        assert!(line("Morocco").contains("<target>"), "{x}");
        assert!(line("attacked").contains("<trigger>"), "{x}");
        assert!(x.contains("because:"), "{x}");
        assert!(x.contains("rule "), "{x}");
        assert!(x.contains("2023-02-27"), "{x}");
    }
}
