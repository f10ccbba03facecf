//! `dyad eval events`, run as a user would, on the dyad-coder eval fixtures.

use std::path::PathBuf;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../dyad-coder/testdata/eval")
        .join(name)
        .display()
        .to_string()
}

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run dyad")
}

fn row<'a>(out: &'a str, level: &str) -> Vec<&'a str> {
    let line = out
        .lines()
        .find(|l| l.starts_with(level) && !l[level.len()..].starts_with(" +"))
        .unwrap_or_else(|| panic!("no {level} row in\n{out}"));
    line[level.len()..].split_whitespace().collect()
}

#[test]
fn scores_system_output_at_three_levels() {
    let gold = fixture("gold.jsonl");
    let sys = fixture("system.jsonl");
    let o = dyad(&["eval", "events", &gold, "--system", &sys, "--verbose"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // matched, precision, recall, F1
    assert_eq!(row(&out, "dyad + root"), ["1", "0.200", "0.111", "0.143"]);
    assert_eq!(
        row(&out, "dyad + full code"),
        ["1", "0.200", "0.111", "0.143"]
    );
    assert!(out.contains("missed   031:0 USA MLIMIL 111"), "{out}");
    assert!(out.contains("spurious 031:0 USA MLI 111"), "{out}");
}

#[test]
fn compares_two_codings() {
    let gold = fixture("gold.jsonl");
    let o = dyad(&["eval", "events", &gold, "--compare", &gold]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("agreement: dyad + root 1.000"), "{out}");
}

#[test]
fn codes_inputs_with_the_shipped_coder() {
    let gold = fixture("gold.jsonl");
    let news = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/news/001.json");
    let o = dyad(&["eval", "events", &gold, &news.display().to_string()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // The coder finds the meeting of 001; 031 (not coded here) is all missed.
    let root = row(&out, "dyad + root");
    assert_eq!(root[0], "1", "{out}");
}

#[test]
fn bad_gold_line_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("dyad-cli-eval-events-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.jsonl");
    std::fs::write(&path, "{\"doc_id\":\"1\",\"sentence\":0,\"source\":\"MAR\",\"target\":null,\"cameo\":\"40\",\"modality\":\"sure\"}\n").unwrap();
    let o = dyad(&[
        "eval",
        "events",
        &path.display().to_string(),
        "--compare",
        &fixture("gold.jsonl"),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.jsonl:1:") && err.contains("modality"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
