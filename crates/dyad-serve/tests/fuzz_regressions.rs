//! Inputs found by the `http_params` fuzz target (`fuzz/`), kept as named regression cases:
//! each input is committed under `testdata/fuzz/http_params/` (first byte: the endpoint, the
//! rest: the query string or event id) and checked with the target's invariant — the answer is
//! a success or a JSON client error with a message, never plain text or a 500.

mod common;

use std::path::Path;

use common::{Reply, get};

fn input(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/fuzz/http_params")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The request the fuzz target sends for an input.
fn uri(data: &[u8]) -> String {
    let (&selector, rest) = data.split_first().expect("a selector byte");
    let query = std::str::from_utf8(rest).expect("UTF-8");
    match selector % 5 {
        0 => format!("/api/dyad?{query}"),
        1 => format!("/api/events?{query}"),
        2 => format!("/api/actors?{query}"),
        3 => format!("/api/events/{query}"),
        _ => format!("/api/stats?{query}"),
    }
}

fn assert_answered(uri: &str, reply: &Reply) {
    let status = reply.status;
    assert!(
        status.is_success() || status.is_client_error(),
        "{status} for {uri}: {}",
        String::from_utf8_lossy(&reply.body)
    );
    if status.is_client_error() {
        let v = reply.json();
        assert_eq!(v["status"], status.as_u16(), "{uri}");
        assert!(
            v["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{uri}: {v}"
        );
    }
}

#[tokio::test]
async fn http_params_event_id_with_undecodable_escape() {
    // `/api/events/678y%abcdclustersef`: `%ab` decodes to a byte that is not UTF-8; the path
    // extractor's rejection was the framework's plain text, not the API's JSON error.
    let uri = uri(&input("event-id-with-undecodable-escape.bin"));
    assert_eq!(uri, "/api/events/678y%abcdclustersef");
    let reply = get(&uri).await;
    assert_answered(&uri, &reply);
    reply.assert_error(400, "bad path");
}

#[tokio::test]
async fn an_asset_name_with_an_undecodable_escape_is_a_json_error_too() {
    let reply = get("/assets/app%ff.js").await;
    assert_answered("/assets/app%ff.js", &reply);
    reply.assert_error(400, "bad path");
}
