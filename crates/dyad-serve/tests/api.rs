//! API tests: every endpoint, its bad parameters and its limits.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{STATE, get, post_json, send_to};

const ARTICLE: &str = "Morocco and Mauritania signed an agreement on Tuesday. \
    Moroccan Foreign Minister Nasser Bourita met with Mauritanian officials in Nouakchott.";

#[tokio::test]
async fn code_returns_the_events_of_pasted_text_highlightable_in_their_sentence() {
    let body = serde_json::json!({ "text": ARTICLE, "date": "2022-05-26" }).to_string();
    let reply = post_json("/api/code", &body).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    let v = reply.json();
    assert_eq!(v["report_date"], "2022-05-26");
    let events = v["events"].as_array().expect("events");
    let signed = events
        .iter()
        .find(|e| e["trigger"]["text"] == "signed")
        .expect("the agreement is coded");
    assert_eq!(signed["source"]["code"], "MAR");
    assert_eq!(signed["target"]["code"], "MRT");
    assert_eq!(signed["cameo_root"].as_str().unwrap().len(), 2);
    // Offsets slice the pasted text (the page highlights with them).
    for e in events {
        let (s, t) = (&e["sentence"], &e["trigger"]);
        let start = t["start"].as_u64().unwrap() as usize;
        let end = t["end"].as_u64().unwrap() as usize;
        assert_eq!(&ARTICLE[start..end], t["text"].as_str().unwrap());
        assert!(s["start"].as_u64().unwrap() as usize <= start);
        assert!(end <= s["end"].as_u64().unwrap() as usize);
        assert_eq!(e["doc_id"], "pasted");
    }
}

#[tokio::test]
async fn code_refuses_bad_bodies_with_what_was_wrong() {
    post_json("/api/code", r#"{"text": "  "}"#)
        .await
        .assert_error(400, "empty");
    post_json(
        "/api/code",
        r#"{"text": "Rabat hosted talks.", "date": "26/05/2022"}"#,
    )
    .await
    .assert_error(400, "date");
    post_json("/api/code", r#"{"txt": "Rabat hosted talks."}"#)
        .await
        .assert_error(400, "txt");
    post_json("/api/code", r#"{"text": "#)
        .await
        .assert_error(400, "JSON");
    let plain = Request::post("/api/code")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("Rabat hosted talks."))
        .unwrap();
    send_to(&STATE, plain)
        .await
        .assert_error(415, "application/json");
}

#[tokio::test]
async fn code_refuses_a_body_over_the_limit() {
    let limit = STATE.config().max_body_bytes;
    let text = "Rabat hosted talks. ".repeat(limit / 20 + 10);
    let body = serde_json::json!({ "text": text }).to_string();
    assert!(body.len() > limit);
    post_json("/api/code", &body)
        .await
        .assert_error(413, "too large");
}

#[tokio::test]
async fn code_answers_503_past_the_request_timeout() {
    let coder = dyad_coder::Coder::builder().build().unwrap();
    let state = dyad_serve::AppState::new(
        coder,
        dyad_serve::ServeConfig {
            request_timeout: std::time::Duration::from_nanos(1),
            ..dyad_serve::ServeConfig::default()
        },
    );
    let body = serde_json::json!({ "text": ARTICLE.repeat(20) }).to_string();
    let request = Request::post("/api/code")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap();
    send_to(&state, request)
        .await
        .assert_error(503, "longer than");
}

#[tokio::test]
async fn unknown_paths_and_methods_are_json_errors() {
    get("/api/nothing").await.assert_error(404, "/api/nothing");
    get("/api/code").await.assert_error(405, "GET");
    get("/assets/secret.txt")
        .await
        .assert_error(404, "secret.txt");
}

#[tokio::test]
async fn the_page_and_its_assets_are_served_from_the_binary() {
    let page = get("/").await;
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    let html = page.text();
    // No CDN: every script and stylesheet is ours.
    assert!(!html.contains("http://") && !html.contains("https://"));
    for (name, content_type, body) in dyad_serve::assets::FILES {
        assert!(html.contains(&format!("/assets/{name}")) || *name == "world.json");
        let reply = get(&format!("/assets/{name}")).await;
        assert_eq!(reply.status, 200, "{name}");
        assert_eq!(reply.content_type, *content_type);
        assert_eq!(reply.body, body.as_bytes());
    }
}

#[tokio::test]
async fn the_world_outline_is_the_generated_natural_earth_file() {
    let world = get("/assets/world.json").await.json();
    assert_eq!(
        (world["width"].as_u64(), world["height"].as_u64()),
        (Some(1800), Some(900))
    );
    let countries = world["countries"].as_array().unwrap();
    assert!(countries.len() > 150, "{} countries", countries.len());
    let morocco = countries
        .iter()
        .find(|c| c["name"] == "Morocco")
        .expect("Morocco");
    // Rabat (34.0N, 6.8W) is inside Morocco's outline box in the page's projection.
    let d = morocco["d"].as_str().unwrap();
    // Path data: `M x y` (absolute), `l dx dy` (relative), `z`.
    let (mut x, mut y) = (0i64, 0i64);
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    let mut rest = d;
    while let Some(i) = rest.find(['M', 'l']) {
        let absolute = rest[i..].starts_with('M');
        let args = &rest[i + 1..];
        let end = args.find(['M', 'l', 'z']).unwrap_or(args.len());
        let nums: Vec<i64> = args[..end].split(' ').map(|n| n.parse().unwrap()).collect();
        if absolute {
            (x, y) = (nums[0], nums[1]);
        } else {
            (x, y) = (x + nums[0], y + nums[1]);
        }
        xs.push(x);
        ys.push(y);
        rest = &args[end..];
    }
    let (rx, ry) = (((-6.8 + 180.0) * 5.0) as i64, ((90.0 - 34.0) * 5.0) as i64);
    assert!(
        xs.iter().min().unwrap() <= &rx && &rx <= xs.iter().max().unwrap(),
        "{xs:?}"
    );
    assert!(
        ys.iter().min().unwrap() <= &ry && &ry <= ys.iter().max().unwrap(),
        "{ys:?}"
    );
}
