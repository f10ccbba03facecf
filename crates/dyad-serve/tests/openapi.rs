//! Keeps `GET /api/openapi.json` true: it documents exactly the router's API routes, every
//! documented query parameter is accepted and an undocumented one refused, and real responses
//! match the documented schemas (types, required and only documented properties).

mod common;

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Request, header};
use common::{Reply, STATE, get, send_to};
use serde_json::Value;

fn doc() -> Value {
    serde_json::from_str(dyad_serve::openapi::OPENAPI_JSON).expect("openapi.json is JSON")
}

/// Resolves a local `$ref` (`#/components/schemas/X`).
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    while let Some(r) = v.get("$ref").and_then(Value::as_str) {
        let path = r.strip_prefix("#/").expect("a local $ref");
        v = path.split('/').fold(doc, |v, key| &v[key]);
        assert!(!v.is_null(), "dangling $ref {r}");
    }
    v
}

/// Checks `value` against `schema` (the subset of OpenAPI 3.0 schemas the document uses).
fn check(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if value.is_null() {
        if schema["nullable"] != Value::Bool(true) {
            errors.push(format!("{at}: null, but not nullable"));
        }
        return;
    }
    if let Some(all) = schema["allOf"].as_array() {
        for s in all {
            check(doc, s, value, at, errors);
        }
    }
    if let Some(options) = schema["enum"].as_array()
        && !options.contains(value)
    {
        errors.push(format!("{at}: {value} not in {options:?}"));
    }
    let ok = match schema["type"].as_str() {
        None => true,
        Some("object") => value.is_object(),
        Some("array") => value.is_array(),
        Some("string") => value.is_string(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some(other) => panic!("{at}: unknown type {other}"),
    };
    if !ok {
        errors.push(format!("{at}: {value} is not a {}", schema["type"]));
        return;
    }
    if let Some(object) = value.as_object() {
        for r in schema["required"].as_array().into_iter().flatten() {
            let key = r.as_str().unwrap();
            if !object.contains_key(key) {
                errors.push(format!("{at}: required {key} missing"));
            }
        }
        if let Some(properties) = schema["properties"].as_object() {
            for (key, v) in object {
                match properties.get(key) {
                    Some(s) => check(doc, s, v, &format!("{at}.{key}"), errors),
                    None => errors.push(format!("{at}: {key} is not documented")),
                }
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            check(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

/// The documented operations: (METHOD, path).
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let mut ops = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                ops.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    ops
}

#[test]
fn it_documents_exactly_the_routes_of_the_router() {
    let doc = doc();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let routes: BTreeSet<(String, String)> = dyad_serve::API_ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(documented(&doc), routes);
}

/// An example request for each route, with the values of its documented query parameters.
fn example(method: &str, path: &str) -> Request<Body> {
    match (method, path) {
        ("POST", "/api/code") => Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                r#"{"text": "Morocco and Mauritania signed an agreement on Tuesday.", "date": "2022-05-26", "lang": "en", "all_modalities": true}"#,
            ))
            .unwrap(),
        ("GET", _) => {
            let op = &doc()["paths"][path]["get"];
            let mut query = Vec::new();
            let mut uri = path.to_string();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().unwrap();
                let example = p["example"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| p["example"].as_i64().map(|n| n.to_string()))
                    .unwrap_or_else(|| panic!("{path}: parameter {name} has no example"));
                match p["in"].as_str() {
                    Some("query") => query.push(format!("{name}={example}")),
                    // A real id of the fixture store (ids depend on the coder's output).
                    Some("path") if name == "id" => {
                        let page = common::fixture_store()
                            .events(&dyad_store::EventQuery {
                                limit: Some(1),
                                ..Default::default()
                            })
                            .unwrap();
                        uri = uri.replace("{id}", &page.items[0].record.id);
                    }
                    Some("path") => uri = uri.replace(&format!("{{{name}}}"), &example),
                    other => panic!("{path}: parameter in {other:?}"),
                }
            }
            if !query.is_empty() {
                uri = format!("{uri}?{}", query.join("&"));
            }
            Request::get(uri).body(Body::empty()).unwrap()
        }
        _ => panic!("no example request for {method} {path}: add one"),
    }
}

fn response_schema<'a>(doc: &'a Value, method: &str, path: &str) -> &'a Value {
    let response = resolve(
        doc,
        &doc["paths"][path][method.to_lowercase()]["responses"]["200"],
    );
    &response["content"]["application/json"]["schema"]
}

#[tokio::test]
async fn real_responses_match_the_documented_schemas() {
    let doc = doc();
    for (method, path) in documented(&doc) {
        let reply: Reply = send_to(&STATE, example(&method, &path)).await;
        assert_eq!(reply.status, 200, "{method} {path}: {}", reply.text());
        let mut errors = Vec::new();
        check(
            &doc,
            response_schema(&doc, &method, &path),
            &reply.json(),
            &format!("{method} {path}"),
            &mut errors,
        );
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[tokio::test]
async fn undocumented_query_parameters_are_refused() {
    let doc = doc();
    for (method, path) in documented(&doc) {
        let op = &doc["paths"][&path]["get"];
        if method != "GET" || op["parameters"].as_array().is_none_or(|p| p.is_empty()) {
            continue;
        }
        let request = example(&method, &path);
        let uri = format!("{}&bogus=1", request.uri());
        get(&uri).await.assert_error(400, "bogus");
    }
}

#[test]
fn the_checker_catches_what_it_should() {
    let doc = doc();
    let schema = serde_json::json!({ "$ref": "#/components/schemas/Error" });
    let mut errors = Vec::new();
    check(
        &doc,
        &schema,
        &serde_json::json!({ "status": 400, "message": "x" }),
        "ok",
        &mut errors,
    );
    assert!(errors.is_empty(), "{errors:?}");
    check(
        &doc,
        &schema,
        &serde_json::json!({ "status": "400", "extra": 1 }),
        "bad",
        &mut errors,
    );
    assert_eq!(errors.len(), 3, "{errors:?}"); // wrong type, message missing, extra undocumented
}
