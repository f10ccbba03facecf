//! Building the full default lexicon (parse + automaton) and resolving actors in a sentence.

use criterion::{Criterion, criterion_group, criterion_main};
use dyad_lexicon::{DictDate, Lexicon};

fn build(c: &mut Criterion) {
    let text = Lexicon::default_compiled_text();
    let mut g = c.benchmark_group("lexicon");
    g.sample_size(10);
    g.bench_function("build default lexicon", |b| {
        b.iter(|| {
            let lex = Lexicon::from_compiled(text).expect("valid");
            assert!(lex.actors().len() > 25_000 && lex.agents().len() > 5_000);
            lex
        })
    });
    g.finish();
}

fn resolve(c: &mut Criterion) {
    let lex = Lexicon::default_lexicon();
    let date = DictDate::parse("20240601").expect("date");
    let sentence = "The Inspector General of the Royal Armed Forces (FAR) received the Chief of Defence Staff of \
                    the Mauritanian Armed Forces and Moroccan Foreign Minister Nasser Bourita in Rabat.";
    c.bench_function("resolve actors in one sentence", |b| {
        b.iter(|| {
            let m = lex.actor_mentions(sentence, date);
            assert_eq!(m.len(), 4);
            m
        })
    });
}

fn resolve_document(c: &mut Criterion) {
    let lex = Lexicon::default_lexicon();
    let date = DictDate::parse("20240601").expect("date");
    let text = "General El Mokhtar Bolle Chaâbane, chief of staff of the Mauritanian Armed Forces, \
                received Moroccan Foreign Minister Nasser Bourita in Nouakchott. The minister \
                thanked General Chaâbane. He also met U.S. Ambassador Cynthia Kierscht.";
    let spans: Vec<dyad_text::Span> = {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ") {
            out.push(dyad_text::Span::new(start, i + 1));
            start = i + 2;
        }
        out.push(dyad_text::Span::new(start, text.len()));
        out
    };
    c.bench_function(
        "resolve a 3-sentence document (apposition, coreference)",
        |b| {
            b.iter(|| {
                let mut doc = dyad_lexicon::resolve::DocumentResolver::new(lex, date);
                let n: usize = spans.iter().map(|s| doc.sentence(text, *s).len()).sum();
                assert_eq!(n, 8);
                n
            })
        },
    );
}

criterion_group!(benches, build, resolve, resolve_document);
criterion_main!(benches);
