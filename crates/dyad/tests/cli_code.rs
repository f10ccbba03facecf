//! `dyad code`, run as a user would.

use std::process::{Command, Output};

fn dyad(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dyad");
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn prints_one_json_record_per_event() {
    let text = "Secretary Blinken met with Moroccan Foreign Minister Nasser Bourita in \
                Washington.\nMorocco was attacked by Algeria.\n";
    let o = dyad(&["code", "--date", "2023-03-20", "-"], text);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 2, "{out}");
    let meet = &rows[0];
    assert_eq!(meet["source"]["code"], "USAGOV");
    assert_eq!(meet["target"]["code"], "MARGOV");
    assert_eq!(meet["cameo"], "040");
    assert_eq!(meet["cameo_root"], "04");
    assert_eq!(meet["quad_class"], 1);
    assert_eq!(meet["plover"]["event_type"], "CONSULT");
    assert_eq!(meet["modality"], "asserted");
    assert_eq!(meet["report_date"], "2023-03-20");
    assert_eq!(meet["date"], "2023-03-20");
    let (s, e) = (
        meet["trigger"]["start"].as_u64().unwrap() as usize,
        meet["trigger"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], meet["trigger"]["text"].as_str().unwrap());
    assert_eq!(meet["id"].as_str().unwrap().len(), 32);
    let attack = &rows[1];
    assert_eq!(attack["source"]["code"], "DZA");
    assert_eq!(attack["target"]["code"], "MAR");
    assert_eq!(attack["cameo_root"], "19");
    assert_eq!(attack["quad_class"], 4);
    assert_eq!(attack["sentence"]["index"], 1);
    // Only asserted events unless asked.
    let future = "Morocco will meet Algeria next week.\n";
    let o = dyad(&["code", "--date", "2023-03-20", "-"], future);
    assert!(o.status.success());
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let o = dyad(
        &["code", "--all-modalities", "--date", "2023-03-20", "-"],
        future,
    );
    let row: serde_json::Value =
        serde_json::from_str(String::from_utf8(o.stdout).unwrap().trim()).unwrap();
    assert_eq!(row["modality"], "future");
    // Same input, same ids.
    let again = dyad(&["code", "--date", "2023-03-20", "-"], text);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), out);
}

#[test]
fn explain_prints_the_parse_and_the_reasons() {
    let text = "Morocco was attacked by Algeria on Monday.\n";
    let o = dyad(&["code", "--date", "2023-03-01", "--explain", "-"], text);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("event DZA -> MAR  190"), "{out}");
    assert!(out.contains("obl:agent"), "{out}");
    assert!(out.contains("because: dictionary: \"Algeria\""), "{out}");
    assert!(out.contains("rule      verbs.txt:"), "{out}");
    assert!(
        out.contains("2023-02-27 (day, current) from \"Monday\""),
        "{out}"
    );
}

#[test]
fn dict_dir_replaces_the_bundled_dictionaries_and_names_bad_lines() {
    let dir = std::env::temp_dir().join(format!("dyad-cli-dict-dir-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("Test.actors.txt"),
        "ARNOR [ARN]\nGONDOR [GON]\nROHAN [\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("CAMEO.test.txt"),
        "--- PRAISE  [051] ---\nPRAISE\n\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let o = dyad(
        &["code", "--date", "2023-03-01", "--dict-dir", d, "-"],
        "Arnor praised Gondor.\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Test.actors.txt: line 3"), "{err}");
    let out = String::from_utf8(o.stdout).unwrap();
    let row: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(row["source"]["code"], "ARN");
    assert_eq!(row["target"]["code"], "GON");
    assert_eq!(row["cameo"], "051");
    let missing = dyad(
        &["code", "--dict-dir", "/nonexistent/dyad-dicts", "-"],
        "x\n",
    );
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/dyad-dicts"));
    std::fs::remove_dir_all(&dir).unwrap();
}
