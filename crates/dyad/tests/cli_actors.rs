//! `dyad actors`, run as a user would.

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
    // dyad may exit before reading (bad arguments): a closed pipe is not a failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

const TEXT: &str = "Moroccan Foreign Minister Nasser Bourita met the Inspector General of the Royal \
                    Armed Forces (FAR) in Rabat. Mauritanian President Mohamed Ould Abdel Aziz \
                    sent a message.\n";

#[test]
fn prints_span_code_country_sectors_and_reason() {
    let o = dyad(&["actors", "--date", "2015-06-01", "-"], TEXT);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    let got: Vec<(&str, &str)> = rows.iter().map(|r| (r[4], r[5])).collect();
    assert_eq!(
        got,
        [
            ("Moroccan Foreign Minister Nasser Bourita", "MARGOV"),
            (
                "Inspector General of the Royal Armed Forces (FAR)",
                "MARMIL"
            ),
            ("Rabat", "MARGOV"),
            ("Mauritanian President Mohamed Ould Abdel Aziz", "MRTGOV"),
        ],
        "{out}"
    );
    // Spans slice the input; country, sectors and reason follow.
    let first = &rows[0];
    let (start, end): (usize, usize) = (first[2].parse().unwrap(), first[3].parse().unwrap());
    assert_eq!(&TEXT[start..end], first[4]);
    assert_eq!((first[6], first[7]), ("MAR", "GOV"));
    assert!(first[8].contains("overlay.toml"), "{}", first[8]);
}

#[test]
fn dates_resolve_office_holders() {
    // Mohamed Ould Abdel Aziz left office in 2019: elite (ELI) after, government before.
    let o = dyad(
        &["actors", "--date", "2022-01-01", "--code", "MRT", "-"],
        TEXT,
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains("\tMRTELI\t"), "{out}");
}

#[test]
fn code_filter_matches_extensions_unless_exact() {
    let o = dyad(
        &["actors", "--date", "2015-06-01", "--code", "MAR", "-"],
        TEXT,
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 3, "{out}");
    let o = dyad(
        &[
            "actors",
            "--date",
            "2015-06-01",
            "--code",
            "MARMIL",
            "--exact",
            "-",
        ],
        TEXT,
    );
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    let o = dyad(&["actors", "--code", "MA", "-"], TEXT);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("multiple of 3"));
}
