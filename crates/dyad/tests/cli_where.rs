//! `dyad where` and `dyad eval where`, run as a user would.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("dyad output")
}

#[test]
fn where_prints_span_id_country_codes_coordinates_precision() {
    let text = "Bourita received his Mauritanian counterpart in Rabat. Traffic resumed at El Guerguerat.\n";
    let o = dyad(&["where", "-"], Some(text));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).expect("utf-8");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{out}");
    let rabat = &lines[0];
    let (start, end): (usize, usize) = (rabat[2].parse().unwrap(), rabat[3].parse().unwrap());
    assert_eq!(&text[start..end], "Rabat");
    assert_eq!(
        &rabat[4..12],
        [
            "Rabat", "2538475", "Rabat", "city", "MA", "MAR", "MO", "MA.04"
        ]
    );
    assert!(
        rabat[12].starts_with("34.01") && rabat[13].starts_with("-6.83"),
        "{out}"
    );
    let post = &lines[1];
    assert_eq!(
        &post[4..9],
        [
            "El Guerguerat",
            "overlay:guerguerat",
            "El Guerguerat",
            "border-post",
            "EH"
        ]
    );

    let o = dyad(&["where", "--format", "jsonl", "-"], Some(text));
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(o.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert_eq!(first["text"], "Rabat");
    assert_eq!(first["precision"], "city");
    assert_eq!(first["resolution"]["geonameid"], 2538475);
    assert_eq!(first["resolution"]["country"]["fips"], "MO");
}

#[test]
fn eval_where_reports_dev_and_heldout() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dyad-geo/testdata/places.toml");
    let o = dyad(&["eval", "where", gold.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("dev:") && out.contains("held-out:") && out.contains("accuracy"),
        "{out}"
    );

    let o = dyad(&["eval", "where", "/nonexistent/places.toml"], None);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/places.toml"));
}
