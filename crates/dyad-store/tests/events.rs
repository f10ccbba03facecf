//! Events in the store: coding during ingest, rollups, clusters across articles, queries,
//! re-coding, and the v2 fixture.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dyad_store::ingest::{IngestOptions, NoProgress, ingest};
use dyad_store::query::{Count, DyadQuery, EventQuery, Period};
use dyad_store::recode::{RecodeOptions, recode};
use dyad_store::{Store, StoredEvent};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../examples/news/{name}.json"))
}

const MEETING: &str = "Secretary of State Antony Blinken met with Moroccan Foreign Minister \
Nasser Bourita in Washington on Friday. The two discussed regional security, the political \
process for Western Sahara under the United Nations Personal Envoy, trade and investment \
between the two countries, cooperation against terrorism in the Sahel, climate and energy \
partnerships, and the deepening of relations between Morocco and Israel after the Joint \
Declaration signed by the three governments one year ago. The Secretary thanked the Foreign \
Minister for the Kingdom's support of regional stability and its humanitarian assistance, and \
both men agreed to continue their close consultations in the coming months, officials said.";

/// Writes a plain-text article with header lines.
fn article(dir: &Path, name: &str, id: &str, date: &str, url: &str, text: &str) -> PathBuf {
    let p = dir.join(format!("{name}.txt"));
    std::fs::write(
        &p,
        format!("Id: {id}\nDate: {date}\nURL: {url}\nTitle: {name}\n\n{text}\n"),
    )
    .unwrap();
    p
}

/// The synthetic reports: one meeting told by three outlets (one a syndicated copy), the
/// same words sixteen months later, and an unrelated story.
fn reports(dir: &Path) -> Vec<PathBuf> {
    vec![
        article(
            dir,
            "a",
            "a",
            "2021-11-19",
            "https://www.state.gov/a",
            MEETING,
        ),
        article(
            dir,
            "b",
            "b",
            "2021-11-20",
            "https://allafrica.com/b",
            "U.S. Secretary of State Antony Blinken hosted Moroccan Foreign Minister Nasser Bourita at the State Department.",
        ),
        article(
            dir,
            "d",
            "d",
            "2021-11-19",
            "https://www.newsbreak.com/d",
            &format!("By a staff writer. {MEETING}"),
        ),
        article(
            dir,
            "c",
            "c",
            "2023-03-20",
            "https://www.state.gov/c",
            MEETING,
        ),
    ]
}

fn all_events(store: &Store) -> Vec<StoredEvent> {
    let mut v = Vec::new();
    store
        .for_each_event(&EventQuery::default(), |e| v.push(e.clone()))
        .unwrap();
    v
}

fn meeting_event<'a>(events: &'a [StoredEvent], doc: &str) -> &'a StoredEvent {
    events
        .iter()
        .filter(|e| e.record.doc_id == doc && e.record.cameo_root == "04")
        .min_by_key(|e| e.record.sentence.index)
        .unwrap_or_else(|| panic!("no meeting event in {doc}"))
}

fn consistent(store: &Store) {
    let problems = store.check_consistency().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let problems = store.check_clusters_from_scratch().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn ingest_codes_events_and_keeps_rollups_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    let s = ingest(
        &mut store,
        &examples(),
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    assert!(s.counts.events_added > 50, "{:?}", s.counts);
    let stats = store.stats().unwrap();
    assert_eq!(stats.events, s.counts.events_added);
    assert!(stats.counted_events > 0 && stats.counted_events <= stats.events);
    assert!(stats.clusters > 0 && stats.clusters <= stats.events);
    consistent(&store);
    // Re-ingesting adds nothing.
    let again = ingest(
        &mut store,
        &examples(),
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    assert_eq!(again.counts.events_added, 0);
    assert_eq!(store.stats().unwrap().events, stats.events);

    // The series agrees with the events it counts.
    let events = all_events(&store);
    let counted = |src: &str, tgt: &str| {
        events
            .iter()
            .filter(|e| {
                let r = &e.record;
                r.modality == "asserted"
                    && r.temporal_status != "historical"
                    && r.source.code.starts_with(src)
                    && r.target.as_ref().is_some_and(|t| t.code.starts_with(tgt))
            })
            .count() as u64
    };
    let series = store.dyad_series(&DyadQuery::new("USA", "MAR")).unwrap();
    let ab: u64 = series.periods.iter().map(|p| p.a_to_b.count).sum();
    let ba: u64 = series.periods.iter().map(|p| p.b_to_a.count).sum();
    assert_eq!((ab, ba), (counted("USA", "MAR"), counted("MAR", "USA")));
    assert!(ab > 0);
    // Zero-filled: every month from the first to the last.
    for w in series.periods.windows(2) {
        assert!(w[0].start < w[1].start);
    }
    let first = &series.periods[0].period;
    let last = &series.periods.last().unwrap().period;
    let months =
        |p: &str| p[..4].parse::<usize>().unwrap() * 12 + p[5..7].parse::<usize>().unwrap();
    assert_eq!(series.periods.len(), months(last) - months(first) + 1);
    // Exact codes find fewer (MAR is not MARGOV).
    let mut exact = DyadQuery::new("USA", "MAR");
    exact.exact = true;
    let exact = store.dyad_series(&exact).unwrap();
    let ab_exact: u64 = exact.periods.iter().map(|p| p.a_to_b.count).sum();
    assert!(ab_exact < ab, "{ab_exact} < {ab}");
    // Over all time, the period totals hold every dated document once.
    let mut year = DyadQuery::new("USA", "MAR");
    year.period = Period::Year;
    year.from = Some("1990-01-01".into());
    year.to = Some("2030-12-31".into());
    let y = store.dyad_series(&year).unwrap();
    assert_eq!(y.periods.len(), 41);
    assert_eq!(y.periods.iter().map(|p| p.total_documents).sum::<u64>(), 36);
    assert_eq!(
        y.periods.iter().map(|p| p.total_events).sum::<u64>(),
        stats.counted_events
    );

    // Pages follow each other without gaps or repeats.
    let mut seen = Vec::new();
    let mut q = EventQuery {
        actor: Some("USA".into()),
        limit: Some(7),
        ..EventQuery::default()
    };
    loop {
        let page = store.events(&q).unwrap();
        seen.extend(page.items.iter().map(|e| e.seq));
        match page.next {
            Some(n) => q.after = Some(n),
            None => break,
        }
    }
    let expected: Vec<i64> = events
        .iter()
        .filter(|e| {
            e.record.source.code.starts_with("USA")
                || e.record
                    .target
                    .as_ref()
                    .is_some_and(|t| t.code.starts_with("USA"))
        })
        .map(|e| e.seq)
        .collect();
    assert_eq!(seen, expected);
    // Root filter.
    let meet = store
        .events(&EventQuery {
            root: Some("04".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert!(!meet.items.is_empty());
    assert!(meet.items.iter().all(|e| e.record.cameo_root == "04"));
    // A directed dyad: only the first actor's events towards the second.
    let dyad = Some(("USA".to_string(), "MAR".to_string()));
    let either = store
        .events(&EventQuery {
            dyad: dyad.clone(),
            ..EventQuery::default()
        })
        .unwrap();
    let directed = store
        .events(&EventQuery {
            dyad,
            directed: true,
            ..EventQuery::default()
        })
        .unwrap();
    let usa_to_mar = |e: &&StoredEvent| {
        e.record.source.code.starts_with("USA")
            && e.record
                .target
                .as_ref()
                .is_some_and(|t| t.code.starts_with("MAR"))
    };
    assert!(!directed.items.is_empty());
    assert!(directed.items.iter().all(|e| usa_to_mar(&e)));
    assert_eq!(
        directed.items.len(),
        either.items.iter().filter(usa_to_mar).count()
    );
    // One event by id, with its coder stamp.
    let one = store.event(&events[0].record.id).unwrap().unwrap();
    assert_eq!(one.record, events[0].record);
    assert_eq!(one.model_hash.len(), 16);
    assert!(store.event("no-such-id").unwrap().is_none());
    // Actors: by code prefix and by name.
    let mar = store.actors("MAR", 50).unwrap();
    assert!(mar.iter().any(|a| a.code == "MARGOV"), "{mar:?}");
    assert!(
        mar.iter().all(|a| a.code.starts_with("MAR")
            || a.names.iter().any(|n| n.to_lowercase().contains("mar"))),
        "{mar:?}"
    );
    let bourita = store.actors("bourita", 10).unwrap();
    assert!(bourita.iter().any(|a| a.code == "MARGOV"), "{bourita:?}");
    // A NUL would end SQLite's LIKE pattern early (matching every actor): it matches none.
    assert!(store.actors("\0", 10).unwrap().is_empty());
    assert!(store.actors("%\0", 10).unwrap().is_empty());
    assert!(store.actors("bou\0rita", 10).unwrap().is_empty());
    // Top dyads come from the rollup.
    let top = store.top_dyads(3).unwrap();
    assert_eq!(top.len(), 3);
    assert!(top[0].2 >= top[1].2);
}

#[test]
fn one_meeting_reported_by_three_outlets_is_one_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let files = reports(dir.path());
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    ingest(&mut store, &files, &IngestOptions::default(), &NoProgress).unwrap();
    consistent(&store);
    let events = all_events(&store);
    let (a, b, c, d) = (
        meeting_event(&events, "a"),
        meeting_event(&events, "b"),
        meeting_event(&events, "c"),
        meeting_event(&events, "d"),
    );
    assert_eq!(
        (a.record.cameo.as_str(), b.record.cameo.as_str()),
        ("040", "043")
    );
    assert!(a.cluster_id.is_some());
    assert_eq!(
        a.cluster_id, b.cluster_id,
        "met (040) and hosted (043) a day apart"
    );
    assert_eq!(a.cluster_id, d.cluster_id, "the syndicated copy");
    assert_ne!(
        a.cluster_id, c.cluster_id,
        "the same words sixteen months later"
    );
    let smallest = [a, b, d].iter().map(|e| e.record.id.clone()).min().unwrap();
    assert!(
        a.cluster_id
            .as_ref()
            .unwrap()
            .starts_with(&format!("{smallest}-")),
        "the cluster id is the smallest member id (with its document's hash)"
    );
    assert_eq!(
        a.record.id, c.record.id,
        "same text, same record id: the uid tells them apart"
    );
    // The copy counts once among articles; three outlets. (`a` and `c` share a record id —
    // same text — so the cluster is read through `b`, whose id is its own.)
    assert_eq!(a.num_events, 3);
    assert_eq!((a.num_articles, a.num_sources), (2, 3));
    let ev = store.event(&b.record.id).unwrap().unwrap();
    assert_eq!(ev.cluster_id, a.cluster_id);
    assert_eq!(ev.siblings.len(), 2);
    // Whichever of the two was stored first is the original.
    let dup = (a.duplicate_of.as_deref(), d.duplicate_of.as_deref());
    assert!(
        dup == (None, Some("a")) || dup == (Some("d"), None),
        "{dup:?}"
    );
    // c republishes a's words too: a near-duplicate document, but a different event.
    assert_eq!(store.stats().unwrap().duplicates, 2);
    // Clusters count the meeting once (and the Secretary's thanks, reported by `a` and its
    // syndicated copy `d`, once).
    let mut q = DyadQuery::new("USA", "MAR");
    q.period = Period::Day;
    q.from = Some("2021-11-19".into());
    q.to = Some("2021-11-20".into());
    let events_series = store.dyad_series(&q).unwrap();
    q.count = Count::Clusters;
    let cluster_series = store.dyad_series(&q).unwrap();
    let total = |s: &dyad_store::DyadSeries| s.periods.iter().map(|p| p.a_to_b.count).sum::<u64>();
    // The meeting in a, b and d; "The Secretary thanked the Foreign Minister" (051) in a and d.
    assert_eq!(total(&events_series), 5);
    assert_eq!(total(&cluster_series), 2);
    // One a day: a and its copy d report the same (day, source, target, code) once — the
    // meeting and the thanks; b's 043 on the next day is another.
    q.count = Count::Daily;
    let daily_series = store.dyad_series(&q).unwrap();
    assert_eq!(total(&daily_series), 3);
    assert_eq!(
        daily_series
            .periods
            .iter()
            .map(|p| p.a_to_b.count)
            .collect::<Vec<_>>(),
        [2, 1]
    );
    for (d, e) in daily_series.periods.iter().zip(&events_series.periods) {
        assert!(
            d.a_to_b.count <= d.total_events && d.total_events <= e.total_events,
            "the day's one-a-day total counts every dyad, each once: {d:?} {e:?}"
        );
    }
    // Listings hold what the series count.
    let listed = |count| {
        store
            .events(&EventQuery {
                dyad: Some(("USA".into(), "MAR".into())),
                directed: true,
                from: Some("2021-11-19".into()),
                to: Some("2021-11-20".into()),
                counted_only: true,
                count,
                ..EventQuery::default()
            })
            .unwrap()
            .items
            .into_iter()
            .map(|e| e.record.doc_id)
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(Count::Events).len(), 5);
    assert_eq!(listed(Count::Clusters).len(), 2);
    let daily = listed(Count::Daily);
    assert_eq!(daily.len(), 3, "{daily:?}");
    assert!(daily.contains(&"b".to_string()), "{daily:?}");
}

/// Event id → cluster id over the whole store.
fn clustering(store: &Store) -> BTreeMap<(String, String), Option<String>> {
    all_events(store)
        .into_iter()
        .map(|e| ((e.record.doc_id, e.record.id), e.cluster_id))
        .collect()
}

#[test]
fn shuffling_the_input_order_changes_no_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = examples();
    files.extend(reports(dir.path()));
    let mut reference = None;
    let mut seed: u64 = 7;
    for round in 0..4 {
        // A deterministic shuffle per round; one document per batch in odd rounds.
        for i in (1..files.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            files.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let opts = IngestOptions {
            batch_size: if round % 2 == 1 { 1 } else { 256 },
            chunk_size: if round % 2 == 1 { 1 } else { 64 },
            ..IngestOptions::default()
        };
        let mut store = Store::open(dir.path().join(format!("r{round}.db"))).unwrap();
        // Feed in two halves, as two runs, so later events join stored clusters.
        let (first, second) = files.split_at(files.len() / 2);
        ingest(&mut store, first, &opts, &NoProgress).unwrap();
        ingest(&mut store, second, &opts, &NoProgress).unwrap();
        consistent(&store);
        let got = clustering(&store);
        match &reference {
            None => reference = Some(got),
            Some(r) => assert_eq!(&got, r, "round {round}"),
        }
    }
}

#[test]
fn examples_001_and_002_are_two_meetings_sixteen_months_apart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    ingest(
        &mut store,
        &[example("001"), example("002")],
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    let events = all_events(&store);
    let clusters_of = |doc: &str| -> Vec<Option<String>> {
        events
            .iter()
            .filter(|e| e.record.doc_id == doc && e.record.cameo_root == "04")
            .map(|e| e.cluster_id.clone())
            .collect()
    };
    let (one, two) = (clusters_of("001"), clusters_of("002"));
    assert!(
        !one.is_empty() && !two.is_empty(),
        "both readouts code a meeting"
    );
    assert!(one.iter().all(|c| !two.contains(c)), "{one:?} {two:?}");
}

#[test]
fn examples_002_and_003_are_one_meeting_reported_twice() {
    // 002 is the readout of the meeting (USAGOV → MARGOV 040); 003 the transcript of the two
    // ministers' remarks before it ("I look forward to talking to the minister": an asserted
    // intent to meet, 036, that day). The intent is the meeting's announcement: one cluster,
    // two articles, represented and counted by the readout's meeting.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("dyad.db")).unwrap();
    ingest(
        &mut store,
        &[example("002"), example("003")],
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    let events = all_events(&store);
    let meeting = events
        .iter()
        .find(|e| e.record.doc_id == "002" && e.record.cameo == "040")
        .expect("002 codes the meeting");
    let cluster = meeting
        .cluster_id
        .clone()
        .expect("the meeting is clustered");
    let members: Vec<_> = events
        .iter()
        .filter(|e| e.cluster_id.as_deref() == Some(cluster.as_str()))
        .collect();
    assert!(
        members
            .iter()
            .any(|e| e.record.doc_id == "003" && e.record.cameo_root == "03"),
        "003's announcement is not in the meeting's cluster: {members:#?}"
    );
    let named_by = members
        .iter()
        .find(|e| cluster.starts_with(&format!("{}-", e.record.id)))
        .expect("a member names the cluster");
    assert!(
        named_by.record.cameo_root != "03" && named_by.record.modality == "asserted",
        "an act, not the announcement, names (and represents) the cluster: {named_by:#?}"
    );
    assert_eq!(meeting.num_articles, 2, "one meeting, two articles");
    consistent(&store);
}

#[test]
fn recode_reports_what_changed_and_keeps_the_store_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dyad.db");
    let mut store = Store::open(&path).unwrap();
    let mut files = examples();
    files.extend(reports(dir.path()));
    ingest(&mut store, &files, &IngestOptions::default(), &NoProgress).unwrap();
    let before = store.stats().unwrap();
    // Nothing is stale: nothing to do.
    let s = recode(&mut store, &RecodeOptions::default()).unwrap();
    assert_eq!(s.documents, 0);
    drop(store);
    // Pretend an older coder produced one different record and one extra event, and coded
    // everything: the rollups stay as the old coder left them.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO coders (dyad_version, lexicon_hash, model_hash) VALUES ('0.0.1', 'old', 'old');
         UPDATE documents SET coder_id = (SELECT id FROM coders WHERE dyad_version = '0.0.1');
         UPDATE events SET record = json_set(record, '$.rule', 'old rule')
           WHERE seq = (SELECT min(seq) FROM events);",
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let s = recode(&mut store, &RecodeOptions::default()).unwrap();
    assert_eq!(s.documents, before.documents);
    assert_eq!((s.changed, s.added, s.removed), (1, 0, 0), "{s:?}");
    assert_eq!(s.unchanged, before.events - 1);
    assert_eq!(s.examples[0].kind, "changed");
    assert_eq!(store.stats().unwrap().events, before.events);
    consistent(&store);
    // All documents now carry the current stamp.
    let s = recode(&mut store, &RecodeOptions::default()).unwrap();
    assert_eq!(s.documents, 0);
    // --all re-codes everything and finds it identical.
    let s = recode(
        &mut store,
        &RecodeOptions {
            all: true,
            ..RecodeOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        (s.documents, s.unchanged),
        (before.documents, before.events)
    );
    consistent(&store);
}

#[test]
fn the_version_2_fixture_store_opens_and_answers_queries() {
    // Written by dyad 0.1.0 (schema 2) from examples 001 and 002.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v2.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v2.db"),
        &path,
    )
    .unwrap();
    // A v2 store cannot be read without migrating; opening it migrates it (schemas 3 and 4;
    // recomputes its clusters and fills the one-a-day rollup).
    assert!(matches!(
        Store::open_read_only(&path).unwrap_err(),
        dyad_store::Error::NeedsMigration { found: 2, .. }
    ));
    assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), 4);
    let store = Store::open_read_only(&path).unwrap();
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.sentences, stats.events), (2, 15, 5));
    let mut q = DyadQuery::new("USA", "MAR");
    q.period = Period::Year;
    let s = store.dyad_series(&q).unwrap();
    assert_eq!(
        s.periods
            .iter()
            .map(|p| p.period.as_str())
            .collect::<Vec<_>>(),
        ["2023"]
    );
    // 001: Blinken met Bourita (USAGOV MARGOV 040); the Secretary noted … Morocco (USA MAR 010).
    assert_eq!(s.periods[0].a_to_b.count, 2);
    q.count = Count::Daily;
    assert_eq!(store.dyad_series(&q).unwrap().periods[0].a_to_b.count, 2);
    consistent(&store);
    drop(store);
    Store::open(&path).unwrap().integrity_check().unwrap();
}

#[test]
fn the_version_1_fixture_migrates_and_takes_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1.db"),
        &path,
    )
    .unwrap();
    // A v1 store cannot be read without migrating.
    assert!(matches!(
        Store::open_read_only(&path).unwrap_err(),
        dyad_store::Error::NeedsMigration { .. }
    ));
    let mut store = Store::open(&path).unwrap();
    ingest(
        &mut store,
        &[example("001")],
        &IngestOptions::default(),
        &NoProgress,
    )
    .unwrap();
    assert!(store.stats().unwrap().events > 0);
    // The v1 documents are stale (never coded): recode codes them.
    let s = recode(&mut store, &RecodeOptions::default()).unwrap();
    assert_eq!(s.documents, 2);
    consistent(&store);
    store.integrity_check().unwrap();
}

#[test]
fn a_generated_store_has_consistent_rollups_and_answers_series() {
    let dir = tempfile::tempdir().unwrap();
    let store = dyad_store::generate::generate_store(&dir.path().join("g.db"), 3_000, 1).unwrap();
    assert_eq!(store.stats().unwrap().events, 3_000);
    consistent(&store);
    let s = store.dyad_series(&DyadQuery::new("USA", "CHN")).unwrap();
    let n: u64 = s
        .periods
        .iter()
        .map(|p| p.a_to_b.count + p.b_to_a.count)
        .sum();
    assert!(n > 0);
    let count = |unit| {
        let mut c = DyadQuery::new("USA", "CHN");
        c.count = unit;
        store
            .dyad_series(&c)
            .unwrap()
            .periods
            .iter()
            .map(|p| p.a_to_b.count + p.b_to_a.count)
            .sum::<u64>()
    };
    let (clusters, daily) = (count(Count::Clusters), count(Count::Daily));
    assert!(
        0 < clusters && clusters <= n,
        "{clusters} clusters of {n} events"
    );
    assert!(0 < daily && daily <= n, "{daily} one a day of {n} events");
}

#[test]
fn a_reader_sees_what_later_commits_add_to_the_totals() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dyad.db");
    let files = examples();
    let (early, late) = files.split_at(files.len() / 2);
    let mut writer = Store::open(&db).unwrap();
    ingest(&mut writer, early, &IngestOptions::default(), &NoProgress).unwrap();
    let reader = Store::open_read_only(&db).unwrap();
    let mut q = DyadQuery::new("USA", "MAR");
    q.period = Period::Year;
    q.from = Some("2000-01-01".into());
    q.to = Some("2030-12-31".into());
    let documents =
        |s: &dyad_store::DyadSeries| s.periods.iter().map(|p| p.total_documents).sum::<u64>();
    let before = reader.dyad_series(&q).unwrap();
    assert_eq!(before, writer.dyad_series(&q).unwrap());
    assert_eq!(documents(&before), early.len() as u64);
    // The reader keeps the totals it read; a commit by another connection makes it read them
    // again.
    assert_eq!(reader.dyad_series(&q).unwrap(), before);
    ingest(&mut writer, late, &IngestOptions::default(), &NoProgress).unwrap();
    let after = reader.dyad_series(&q).unwrap();
    assert_eq!(documents(&after), files.len() as u64);
    assert_eq!(after, writer.dyad_series(&q).unwrap());
    for count in [Count::Events, Count::Clusters] {
        for historical in [false, true] {
            let mut q = q.clone();
            q.count = count;
            q.include_historical = historical;
            q.period = Period::Month;
            assert_eq!(
                reader.dyad_series(&q).unwrap(),
                writer.dyad_series(&q).unwrap(),
                "{count:?}, historical {historical}"
            );
        }
    }
}
