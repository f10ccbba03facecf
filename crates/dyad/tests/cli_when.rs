//! `dyad when` and `dyad eval when`, run as a user would.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    // The program may exit before reading its input (bad arguments): ignore a broken pipe.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn when_prints_spans_kinds_and_values() {
    let input =
        "Rabat hosted the talks on Tuesday, two weeks after the 1991 ceasefire anniversary.\n";
    let o = dyad(&["when", "--date", "2022-05-24", "-"], input);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert_eq!(
        rows[0][1..],
        [
            "26",
            "33",
            "date",
            "2022-05-24",
            "-",
            "2022-05-24..2022-05-24",
            "Tuesday"
        ]
    );
    assert_eq!(rows[1][3..5], ["anchored", "+P2W"]);
    assert_eq!(rows[2][3..5], ["reference", "1991"]);
    assert_eq!(&input[26..33], "Tuesday");
}

#[test]
fn when_jsonl_and_month_first() {
    let o = dyad(
        &[
            "when",
            "--date",
            "2022-05-24",
            "--month-first",
            "--format",
            "jsonl",
            "-",
        ],
        "Signed 03/04/2021.",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let row: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(row["value"], "2021-03-04");
    assert_eq!(row["kind"], "date");
    assert_eq!(row["precision"], "day");
}

#[test]
fn when_needs_a_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "They met on Tuesday.").unwrap();
    let o = dyad(&["when", path.to_str().unwrap()], "");
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(err.contains("a.txt") && err.contains("--date"), "{err}");
}

#[test]
fn eval_when_reports_accuracy_and_bad_files() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dyad-time/testdata/temporal.toml");
    let o = dyad(&["eval", "when", gold.to_str().unwrap()], "");
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.contains("span+kind+value accuracy: 100.0 %"), "{out}");

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[case]]\nname = \"x\"\ndate = \"2022-02-30\"\ntext = \"t\"\nexpect = []\n",
    )
    .unwrap();
    let o = dyad(&["eval", "when", bad.to_str().unwrap()], "");
    assert!(!o.status.success());
    let err = text(&o.stderr);
    assert!(
        err.contains("bad.toml:2:") && err.contains("bad date"),
        "{err}"
    );
}
