//! Clicking a period's bar lists what the bar counts: its events, or — when the timeline counts
//! clusters — one event per cluster, the cluster's representative.

mod common;

use std::collections::BTreeSet;

use common::{fixture_store, get};
use dyad_store::{Count, DyadQuery};

/// The last day of each bar of the SVG timeline, as the page passes it to `/api/events`.
fn bar_end(svg: &str, direction: usize, period: &str, start: &str) -> String {
    let attr = format!(
        r#"data-direction="{direction}" data-period="{period}" data-from="{start}" data-to=""#
    );
    let at = svg.find(&attr).unwrap_or_else(|| panic!("{attr}")) + attr.len();
    svg[at..at + 10].to_string()
}

#[tokio::test]
async fn a_bar_of_clusters_lists_one_representative_per_cluster() {
    let series = fixture_store()
        .dyad_series(&DyadQuery {
            count: Count::Clusters,
            ..DyadQuery::new("USA", "MAR")
        })
        .unwrap();
    let svg = get("/api/dyad?a=USA&b=MAR&count=clusters&format=svg")
        .await
        .text();
    let mut checked = 0;
    let mut fewer_than_events = 0;
    for p in &series.periods {
        for (direction, (src, tgt), clusters) in [
            (0, ("USA", "MAR"), p.a_to_b.count),
            (1, ("MAR", "USA"), p.b_to_a.count),
        ] {
            if clusters == 0 {
                continue;
            }
            let to = bar_end(&svg, direction, &p.period, &p.start);
            let uri = |count: &str| {
                format!(
                    "/api/events?a={src}&b={tgt}&directed=true&counted=true&from={}&to={to}&limit=200&count={count}",
                    p.start
                )
            };
            let page = get(&uri("clusters")).await.json();
            let listed = page["events"].as_array().unwrap();
            assert_eq!(
                listed.len() as u64,
                clusters,
                "{src}→{tgt} {}: the bar counts {clusters} clusters",
                p.period
            );
            let ids: BTreeSet<&str> = listed
                .iter()
                .map(|e| e["cluster_id"].as_str().expect("a cluster"))
                .collect();
            assert_eq!(ids.len(), listed.len(), "one event per cluster");
            for e in listed {
                // The representative is the member the cluster is named after.
                let id = e["record"]["id"].as_str().unwrap();
                assert!(
                    e["cluster_id"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("{id}-"))
                );
            }
            let events = get(&uri("events")).await.json();
            let all = events["events"].as_array().unwrap().len();
            assert!(all >= listed.len());
            if all > listed.len() {
                fewer_than_events += 1;
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "the fixture has USA–MAR clusters");
    eprintln!("{checked} bars checked, {fewer_than_events} with clusters of several reports");
    get("/api/events?count=people")
        .await
        .assert_error(400, "count");
}
