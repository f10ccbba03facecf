//! The coder's sentence-length limit: longer sentences are skipped and listed, the others coded.

use dyad_coder::{CodeBuffers, Coder, DEFAULT_MAX_SENTENCE_WORDS};
use dyad_lexicon::DictDate;

const MEETING: &str = "Moroccan Foreign Minister Nasser Bourita met Mauritanian President \
Mohamed Ould Ghazouani in Nouakchott on Tuesday.";

#[test]
fn sentences_longer_than_the_limit_are_skipped_and_listed() {
    let date = DictDate::parse("20220524").unwrap();
    // 8 times the meeting joined by "and": one sentence of about 130 words.
    let long = [MEETING.trim_end_matches('.'); 8].join(" and ") + ".";
    let text = format!("{MEETING}\n\n{long}");
    let mut buf = CodeBuffers::default();
    let all = Coder::builder()
        .build()
        .unwrap()
        .code_document(&text, None, date, &mut buf);
    assert!(buf.skipped_sentences().is_empty());
    // (Its meetings are the first sentence's, merged into it as further mentions.)
    assert!(
        all.iter()
            .any(|e| e.mentions.iter().any(|m| m.sentence.index == 1)),
        "the long sentence is coded"
    );
    const { assert!(DEFAULT_MAX_SENTENCE_WORDS >= 130) };

    let coder = Coder::builder().max_sentence_words(50).build().unwrap();
    let events = coder.code_document(&text, None, date, &mut buf);
    assert!(!events.is_empty());
    assert!(
        events
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.sentence.index == 0))
    );
    let skipped = buf.skipped_sentences();
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert_eq!((skipped[0].index, skipped[0].limit), (1, 50));
    assert!(skipped[0].words > 100);
    let msg = skipped[0].to_string();
    assert!(
        msg.contains("--max-sentence-words") && msg.contains("not coded"),
        "{msg}"
    );
    // The buffers are reset for the next document.
    coder.code_document(MEETING, None, date, &mut buf);
    assert!(buf.skipped_sentences().is_empty());
}
