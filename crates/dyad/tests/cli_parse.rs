//! `dyad parse` and `dyad eval ud|ner`, run as a user would, on small committed inputs.

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
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn parse_prints_conllu_with_entities_in_misc() {
    let o = dyad(
        &["parse", "-"],
        "Morocco and Mauritania signed an agreement in Rabat. The talks will resume, the ministry said.\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.iter().all(|r| r.len() == 10), "{out}");
    assert_eq!(out.matches("# text = ").count(), 2, "{out}");
    let signed = rows.iter().find(|r| r[1] == "signed").expect("signed");
    assert_eq!(
        (signed[3], signed[4], signed[2], signed[6], signed[7]),
        ("VERB", "VBD", "sign", "0", "root"),
        "{out}"
    );
    let morocco = rows.iter().find(|r| r[1] == "Morocco").expect("Morocco");
    assert!(
        morocco[9].contains("NER=B-LOC") && morocco[9].starts_with("TokenRange=0:7"),
        "{out}"
    );
    // Each sentence has exactly one root.
    assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 2, "{out}");
}

#[test]
fn eval_reports_name_bad_files() {
    let o = dyad(&["eval", "ud", "/nonexistent/x.conllu"], "");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/x.conllu"));
    let o = dyad(&["eval", "ner", "/nonexistent/y.iob2"], "");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/y.iob2"));
}
