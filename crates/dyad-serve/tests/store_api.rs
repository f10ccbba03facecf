//! API tests of the store endpoints against the fixture store (the bundled examples, ingested):
//! answers equal the store's query API, bad parameters are 400s naming them, limits hold.

mod common;

use common::{STATE, fixture_store, get, send_to};
use dyad_store::{Count, DyadQuery, EventQuery, Period};

/// A value as the API writes it: serialised to JSON text and read back (so an `f32` Goldstein
/// score compares as its shortest decimal, `3.4`, not widened to `3.4000000953674316`).
fn as_json(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

#[tokio::test]
async fn dyad_json_is_the_store_series() {
    let reply = get("/api/dyad?a=USA&b=MAR&by=month").await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let expected = fixture_store()
        .dyad_series(&DyadQuery::new("USA", "MAR"))
        .unwrap();
    assert!(
        !expected.periods.is_empty(),
        "the fixture has USA–MAR events"
    );
    assert_eq!(reply.json(), as_json(&expected));

    let reply =
        get("/api/dyad?a=USA&b=MAR&by=year&count=clusters&from=2021-01-01&to=2023-12-31").await;
    let expected = fixture_store()
        .dyad_series(&DyadQuery {
            period: Period::Year,
            count: Count::Clusters,
            from: Some("2021-01-01".into()),
            to: Some("2023-12-31".into()),
            ..DyadQuery::new("USA", "MAR")
        })
        .unwrap();
    assert_eq!(expected.periods.len(), 3);
    assert_eq!(reply.json(), as_json(&expected));
}

#[tokio::test]
async fn dyad_csv_and_svg() {
    let series = fixture_store()
        .dyad_series(&DyadQuery::new("USA", "MAR"))
        .unwrap();
    let csv = get("/api/dyad?a=USA&b=MAR&format=csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.starts_with("text/csv"));
    let text = csv.text();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("period,direction,count,verbal_cooperation"));
    assert_eq!(lines.len(), 1 + 2 * series.periods.len());
    let first = &series.periods[0];
    assert!(lines[1].starts_with(&format!("{},USA>MAR,{},", first.period, first.a_to_b.count)));

    let svg = get("/api/dyad?a=USA&b=MAR&format=svg").await;
    assert_eq!(svg.status, 200);
    assert!(svg.content_type.starts_with("image/svg+xml"));
    let svg = svg.text();
    assert_eq!(
        svg.matches("<g class=\"period\"").count(),
        2 * series.periods.len()
    );
    for p in &series.periods {
        let attr = format!(
            r#"data-direction="0" data-period="{}" data-from="{}""#,
            p.period, p.start
        );
        let at = svg.find(&attr).unwrap_or_else(|| panic!("{attr}"));
        let total = format!(r#"data-total="{}""#, p.a_to_b.count);
        assert!(svg[at..].starts_with(&attr) && svg[at..at + 200].contains(&total));
    }
}

#[tokio::test]
async fn dyad_refuses_bad_parameters() {
    for (query, needle) in [
        ("a=USA", "missing field `b`"),
        ("a=usa&b=MAR", "a: "),
        ("a=USA&b=MA%20R", "b: "),
        ("a=USA&b=MAR&by=decade", "by: "),
        ("a=USA&b=MAR&count=people", "count: "),
        ("a=USA&b=MAR&format=pdf", "format: "),
        ("a=USA&b=MAR&from=2022-13-01", "from: "),
        ("a=USA&b=MAR&to=May", "to: "),
        ("a=USA&b=MAR&from=2022-02-01&to=2022-01-01", "after"),
        ("a=USA&b=MAR&exact=maybe", "exact"),
        (
            "a=USA&b=MAR&by=day&from=1990-01-01&to=2024-01-01",
            "periods",
        ),
    ] {
        get(&format!("/api/dyad?{query}"))
            .await
            .assert_error(400, needle);
    }
}

#[tokio::test]
async fn events_pages_follow_each_other_and_equal_the_store() {
    let expected: Vec<String> = fixture_store()
        .events(&EventQuery {
            dyad: Some(("USA".into(), "MAR".into())),
            ..EventQuery::default()
        })
        .unwrap()
        .items
        .into_iter()
        .map(|e| e.record.id)
        .collect();
    assert!(expected.len() >= 3, "{expected:?}");
    let mut seen = Vec::new();
    let mut uri = "/api/events?a=USA&b=MAR&limit=2".to_string();
    loop {
        let page = get(&uri).await.json();
        let events = page["events"].as_array().unwrap();
        assert!(events.len() <= 2);
        seen.extend(
            events
                .iter()
                .map(|e| e["record"]["id"].as_str().unwrap().to_string()),
        );
        match page["next_cursor"].as_str() {
            Some(c) => uri = format!("/api/events?a=USA&b=MAR&limit=2&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, expected);
}

#[tokio::test]
async fn directed_counted_events_of_a_period_are_what_its_bar_counts() {
    let series = fixture_store()
        .dyad_series(&DyadQuery::new("USA", "MAR"))
        .unwrap();
    let svg = get("/api/dyad?a=USA&b=MAR&format=svg").await.text();
    for p in series.periods.iter().filter(|p| p.a_to_b.count > 0) {
        // The period's last day, as the chart gives it to the page.
        let attr = format!(
            r#"data-direction="0" data-period="{}" data-from="{}" data-to=""#,
            p.period, p.start
        );
        let at = svg.find(&attr).unwrap() + attr.len();
        let to = &svg[at..at + 10];
        let page = get(&format!(
            "/api/events?a=USA&b=MAR&directed=true&counted=true&from={}&to={to}&limit=200",
            p.start
        ))
        .await
        .json();
        let events = page["events"].as_array().unwrap();
        assert_eq!(events.len() as u64, p.a_to_b.count, "period {}", p.period);
        for e in events {
            assert!(
                e["record"]["source"]["code"]
                    .as_str()
                    .unwrap()
                    .starts_with("USA")
            );
            assert!(
                e["record"]["target"]["code"]
                    .as_str()
                    .unwrap()
                    .starts_with("MAR")
            );
        }
    }
}

#[tokio::test]
async fn events_refuse_bad_parameters_and_pages_over_the_limit() {
    let max = STATE.config().max_page;
    for (query, needle) in [
        ("limit=0".to_string(), "limit"),
        (format!("limit={}", max + 1), "limit"),
        ("limit=-1".to_string(), "limit"),
        ("a=USA".to_string(), "a and b"),
        ("directed=true".to_string(), "directed"),
        ("root=21".to_string(), "root"),
        ("root=4".to_string(), "root"),
        ("actor=usa".to_string(), "actor"),
        ("cursor=abc".to_string(), "cursor"),
        ("from=yesterday".to_string(), "from"),
    ] {
        get(&format!("/api/events?{query}"))
            .await
            .assert_error(400, needle);
    }
    let page = get(&format!("/api/events?limit={max}")).await.json();
    assert!(page["events"].as_array().unwrap().len() <= max);
}

#[tokio::test]
async fn one_event_with_its_sibling_reports() {
    let store = fixture_store();
    let all = store.events(&EventQuery::default()).unwrap().items;
    // An event whose cluster has other reports, if the fixture has one; else any event.
    let with_siblings = all.iter().find_map(|e| {
        store
            .event(&e.record.id)
            .unwrap()
            .filter(|d| !d.siblings.is_empty())
    });
    let expected =
        with_siblings.unwrap_or_else(|| store.event(&all[0].record.id).unwrap().unwrap());
    let reply = get(&format!("/api/events/{}", expected.record.id)).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let v = reply.json();
    assert_eq!(v["event"], as_json(&expected));
    let reports: Vec<&str> = v["sibling_reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["record"]["id"].as_str().unwrap())
        .collect();
    let siblings: Vec<&str> = expected
        .siblings
        .iter()
        .map(|s| s.event_id.as_str())
        .collect();
    assert_eq!(reports, siblings);

    get("/api/events/0123456789abcdef0123456789abcdef")
        .await
        .assert_error(404, "no event");
    get("/api/events/not-an-id").await.assert_error(400, "id");
}

#[tokio::test]
async fn actors_autocomplete() {
    let v = get("/api/actors?q=MAR&limit=5").await.json();
    let actors = v["actors"].as_array().unwrap();
    assert!(!actors.is_empty() && actors.len() <= 5);
    let expected = fixture_store().actors("MAR", 5).unwrap();
    assert_eq!(v["actors"], as_json(&expected));
    get("/api/actors?q=").await.assert_error(400, "q");
    get("/api/actors?q=MAR&limit=51")
        .await
        .assert_error(400, "limit");
    get("/api/actors").await.assert_error(400, "q");
}

#[tokio::test]
async fn stats_are_the_store_stats() {
    let v = get("/api/stats").await.json();
    let expected = fixture_store().stats().unwrap();
    assert_eq!(v, as_json(&expected));
    assert_eq!(v["documents"], 36);
}

#[tokio::test]
async fn without_a_store_the_store_endpoints_answer_503() {
    let coder = dyad_coder::Coder::builder().build().unwrap();
    let state = dyad_serve::AppState::new(coder, dyad_serve::ServeConfig::default());
    for uri in ["/api/stats", "/api/dyad?a=USA&b=MAR", "/api/actors?q=MAR"] {
        let request = axum::http::Request::get(uri)
            .body(axum::body::Body::empty())
            .unwrap();
        send_to(&state, request).await.assert_error(503, "no store");
    }
}
