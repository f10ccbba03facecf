//! `dyad eval petrarch`, run as a user would, on a validation file and dictionaries written
//! here (a temporary folder laid out as PETRARCH's: dictionaries beside `validation/`).

use std::path::PathBuf;
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("run dyad")
}

fn layout(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("dyad-eval-petrarch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("validation")).unwrap();
    let write = |p: &str, s: &str| std::fs::write(dir.join(p), s).unwrap();
    write("Test.actors.txt", "ARNOR_ [ARN]\nGONDOR_ [GON]\n");
    write("Test.agents.txt", "MINISTER [~GOV]\n");
    write("Test.discards.txt", "+WORLD GOLF CHAMPIONSHIPS\nBASEBALL\n");
    write(
        "Test.verbs.txt",
        "--- MEET [040] ---\nMEET {MET MEETING}\n\n--- VISIT [042:043] ---\nVISIT\n",
    );
    write(
        "validation/Test.xml",
        r#"<Validation>
<Environment>
<Verbfile>Test.verbs.txt</Verbfile>
<Actorfile>Test.actors.txt</Actorfile>
<Agentfile>Test.agents.txt</Agentfile>
<Discardfile>Test.discards.txt</Discardfile>
<Include>valid A B</Include>
</Environment>
<Sentences>
<Sentence date="19950101" id="A-1" category="A" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="040"></EventCoding>
<Text>Arnor met Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="A-2" category="A" sentence="true">
<EventCoding sourcecode="ARNGOV" targetcode="GON" eventcode="042"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARNGOV" eventcode="043"></EventCoding>
<Text>The Arnor minister visited Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="B-1" category="B" sentence="true">
<EventCoding error="sentencediscard"></EventCoding>
<Text>Arnor met Gondor at a baseball game.</Text>
</Sentence>
<Sentence date="19950101" id="B-2" category="B" sentence="true">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="040"></EventCoding>
<Text>Arnor met Gondor.</Text>
</Sentence>
<Sentence date="19950101" id="C-1" category="C" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>Arnor met Gondor.</Text>
</Sentence>
</Sentences>
</Validation>
"#,
    );
    dir
}

#[test]
fn prints_categories_and_the_closing_line_and_exits_zero_on_failures() {
    let dir = layout("ok");
    let file = dir.join("validation/Test.xml");
    let o = dyad(&["eval", "petrarch", file.to_str().unwrap(), "--verbose"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.trim_end().ends_with("3 passed, 1 failed"), "{out}");
    assert!(out.contains("1 records skipped"), "{out}");
    assert!(out.contains("FAIL B-2"), "{out}");
    assert!(out.contains("expected: GON ARN 040"), "{out}");
    let a = out.lines().find(|l| l.starts_with("A ")).unwrap();
    assert_eq!(
        a.split_whitespace().collect::<Vec<_>>(),
        ["A", "2", "0", "100.0"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn unreadable_input_fails_with_the_file_named() {
    let dir = layout("bad");
    let o = dyad(&["eval", "petrarch", "/nonexistent/validation/x.xml"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/validation/x.xml"));
    // A dictionary the environment names is missing.
    std::fs::remove_file(dir.join("Test.verbs.txt")).unwrap();
    let file = dir.join("validation/Test.xml");
    let o = dyad(&["eval", "petrarch", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("Test.verbs.txt"));
    std::fs::remove_dir_all(&dir).unwrap();
}
