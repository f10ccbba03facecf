//! `dyad split` and `dyad --help`, run as a user would.

use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("run dyad");
    if let Some(input) = stdin {
        // dyad may exit before reading its input (bad arguments): ignore a broken pipe.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn help_lists_every_subcommand_and_option() {
    let o = dyad(&["--help"], None);
    assert!(o.status.success());
    let help = stdout(&o);
    for word in ["split", "eval", "political event data"] {
        assert!(help.contains(word), "--help lacks {word:?}:\n{help}");
    }
    let o = dyad(&["split", "--help"], None);
    let help = stdout(&o);
    for word in [
        "--format",
        "--tokens",
        "--input-format",
        "--max-document-bytes",
        "--kind",
        "[FILE]",
    ] {
        assert!(help.contains(word), "split --help lacks {word:?}:\n{help}");
    }
    let o = dyad(&["eval", "split", "--help"], None);
    assert!(stdout(&o).contains("CoNLL-U"));
}

#[test]
fn split_text_from_stdin_prints_index_kind_offsets_text() {
    let text = "Title: Talks\nDate: 2022-05-24\n\nGen. Chaâbane met Bourita in Rabat. They signed a memorandum.\n";
    let o = dyad(&["split", "-"], Some(text));
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0],
        "stdin\t0\tbody\t0\t36\tGen. Chaâbane met Bourita in Rabat."
    );
    assert_eq!(
        lines[1],
        "stdin\t1\tbody\t37\t62\tThey signed a memorandum."
    );
}

#[test]
fn split_jsonl_with_tokens_gives_offsets_into_the_text() {
    let input = "{\"id\":\"a1\",\"text\":\"Morocco's army didn't move.\"}\n";
    let o = dyad(
        &[
            "split",
            "--format",
            "jsonl",
            "--tokens",
            "--input-format",
            "jsonl",
        ],
        Some(input),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(stdout(&o).lines().next().unwrap()).unwrap();
    assert_eq!(v["doc"], "a1");
    assert_eq!(v["kind"], "body");
    let toks: Vec<&str> = v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    assert_eq!(toks, ["Morocco", "'s", "army", "did", "n't", "move", "."]);
    assert_eq!(v["tokens"][1]["start"], 7);
}

#[test]
fn split_reads_the_bundled_examples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/news");
    let o = dyad(&["split", dir.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let docs: std::collections::BTreeSet<&str> =
        out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(docs.len(), 36, "one id per bundled article");
    assert!(out.lines().count() > 250);
    assert!(
        out.contains("001\t1\tbody\t"),
        "article 001's second sentence"
    );
}

#[test]
fn bad_inputs_get_clear_messages_and_do_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("photo.jpg");
    std::fs::write(&bin, [0xFF, 0xD8, 0, 0, 0, 1]).unwrap();
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"Caf\xe9 talks ended.").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let o = dyad(
        &[
            "split",
            bin.to_str().unwrap(),
            bad.to_str().unwrap(),
            empty.to_str().unwrap(),
        ],
        None,
    );
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: {}: binary file (NUL byte at offset 2)",
            bin.display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {} (byte 3): invalid UTF-8",
            bad.display()
        )),
        "{err}"
    );
    assert_eq!(
        stdout(&o).lines().count(),
        1,
        "the latin-1 file still yields its sentence"
    );
}

#[test]
fn unknown_input_format_is_an_error() {
    let o = dyad(&["split", "--input-format", "pdf", "-"], Some("x"));
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("unknown input format \"pdf\""),
        "{}",
        stderr(&o)
    );
}
