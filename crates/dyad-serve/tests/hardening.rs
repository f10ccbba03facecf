//! Hostile clients: path traversal in asset paths, SQL injection through every query parameter
//! of every endpoint, slow and idle clients, a burst of malformed requests — against a real
//! server on a loopback port where the wire matters.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::{FIXTURE_DB, STATE, fixture_store, get, post_json};
use dyad_serve::{AppState, ConnectionLimits};

/// A server on a loopback port over `state`; stops when the sender is dropped or sent to.
struct Server {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<dyad_serve::Result<()>>,
}

impl Server {
    async fn start(state: AppState, limits: ConnectionLimits) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(dyad_serve::serve_with(
            listener,
            dyad_serve::router(state),
            limits,
            async {
                let _ = stopped.await;
            },
        ));
        Server {
            addr,
            stop: Some(stop),
            task,
        }
    }

    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

/// Sends `request` bytes on a new connection and reads until the server closes it, `within`
/// passes, or (once an answer has begun) nothing more comes for a moment (a kept-alive
/// connection); returns what was read.
fn exchange(addr: SocketAddr, request: &[u8], within: Duration) -> Vec<u8> {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(within)).unwrap();
    // The server may answer and close before reading everything (an oversized body).
    let _ = stream.write_all(request);
    let mut out = Vec::new();
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                stream
                    .set_read_timeout(Some(Duration::from_millis(300)))
                    .unwrap();
            }
        }
    }
    out
}

/// The status code of a raw HTTP/1.1 response, if it has one.
fn status_of(response: &[u8]) -> Option<u16> {
    let text = String::from_utf8_lossy(response);
    let line = text.lines().next()?;
    line.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// The body of a raw HTTP/1.1 response with a Content-Length.
fn body_of(response: &[u8]) -> String {
    let text = String::from_utf8_lossy(response);
    text.split_once("\r\n\r\n")
        .map_or(String::new(), |(_, body)| body.to_string())
}

/// Every file of the store, hashed, and its statistics: what "the store is unchanged" means.
fn store_fingerprint() -> (Vec<(String, String)>, dyad_store::Stats) {
    let mut files = Vec::new();
    for suffix in ["", "-wal"] {
        let path = format!("{}{suffix}", FIXTURE_DB.display());
        // (Readers create an empty WAL file: only a non-empty one holds data.)
        if let Ok(bytes) = std::fs::read(&path)
            && !bytes.is_empty()
        {
            files.push((
                suffix.to_string(),
                blake3::hash(&bytes).to_hex().to_string(),
            ));
        }
    }
    (files, fixture_store().stats().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asset_paths_cannot_leave_the_embedded_files() {
    let server = Server::start(STATE.clone(), ConnectionLimits::default()).await;
    let addr = server.addr;
    let attempts = [
        "/assets/../Cargo.toml",
        "/assets/../../Cargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/..%2F..%2F..%2Fetc%2Fpasswd",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
        "/assets/%2e%2e%2f%2e%2e%2fsrc%2flib.rs",
        "/assets/.%2e/.%2e/etc/passwd",
        "/assets/app.js/../../../etc/passwd",
        "/assets/app.js%00.txt",
        "/assets/%252e%252e%252fCargo.toml",
        "/assets/..%5c..%5cCargo.toml",
        "/assets/",
        "/assets/.",
        "/assets/app.js/",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "//etc/passwd",
        "/assets//etc/passwd",
        "/src/lib.rs",
        "/Cargo.toml",
    ];
    let served: Vec<&str> = dyad_serve::assets::FILES.iter().map(|f| f.2).collect();
    let answers = tokio::task::spawn_blocking(move || {
        attempts
            .iter()
            .map(|path| {
                let request =
                    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                (
                    *path,
                    exchange(addr, request.as_bytes(), Duration::from_secs(10)),
                )
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    for (path, response) in answers {
        let status =
            status_of(&response).unwrap_or_else(|| panic!("{path}: no HTTP answer: {response:?}"));
        assert!(
            status == 400 || status == 404,
            "{path}: {status}\n{}",
            String::from_utf8_lossy(&response)
        );
        let body = body_of(&response);
        for leaked in ["[package]", "root:", "#![deny", "[workspace]"] {
            assert!(!body.contains(leaked), "{path} leaked a file: {body}");
        }
        assert!(!served.contains(&body.as_str()), "{path} served an asset");
        if status == 404 {
            let v: serde_json::Value = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("{path}: not a JSON error ({e}): {body}"));
            assert_eq!(v["status"], 404, "{path}");
        }
    }
    // The real names still work.
    let ok = tokio::task::spawn_blocking(move || {
        exchange(
            addr,
            b"GET /assets/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        )
    })
    .await
    .unwrap();
    assert_eq!(status_of(&ok), Some(200));
    server.stop().await;
}

/// Strings that break SQL built by concatenation, and other hostile values.
const HOSTILE: &[&str] = &[
    "' OR 1=1 --",
    "\" OR \"\"=\"",
    "\"; DROP TABLE events; --",
    "'; DROP TABLE events; --",
    "MAR'); DELETE FROM events; --",
    "1; UPDATE events SET cameo='000'",
    "%",
    "_",
    "\\",
    "MAR%",
    "\0",
    "MAR\0' OR 1=1",
    "99999999999999999999999999",
    "-1",
    "-9223372036854775809",
    "18446744073709551616",
    "1e308",
    "NaN",
    "2022-02-30",
    "0000-00-00",
    "9999-99-99",
    "Ωμέγα 🙂 المغرب",
    "\u{202e}RAM",
    "",
    " ",
];

/// Every endpoint with every query parameter it takes, and valid values for the others.
const ENDPOINTS: &[(&str, &[(&str, &str)])] = &[
    (
        "/api/dyad",
        &[
            ("a", "USA"),
            ("b", "MAR"),
            ("by", "month"),
            ("from", "2020-01-01"),
            ("to", "2024-12-31"),
            ("count", "events"),
            ("format", "json"),
            ("exact", "false"),
            ("historical", "false"),
        ],
    ),
    (
        "/api/events",
        &[
            ("a", "USA"),
            ("b", "MAR"),
            ("actor", "USA"),
            ("directed", "true"),
            ("root", "04"),
            ("from", "2020-01-01"),
            ("to", "2024-12-31"),
            ("counted", "true"),
            ("exact", "false"),
            ("count", "events"),
            ("limit", "5"),
            ("cursor", "1"),
        ],
    ),
    ("/api/actors", &[("q", "MAR"), ("limit", "5")]),
];

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn hostile_values_in_every_parameter_are_answered_and_change_nothing() {
    let before = store_fingerprint();
    let mut answered = 0;
    for (path, params) in ENDPOINTS {
        for (name, _) in *params {
            for value in HOSTILE.iter().map(|v| v.to_string()).chain([
                "A".repeat(60_000),
                "%FF%FE".to_string(), // raw: bad UTF-8 once decoded
            ]) {
                let hostile = if value == "%FF%FE" {
                    value.clone()
                } else {
                    encode(&value)
                };
                let query: Vec<String> = params
                    .iter()
                    .map(|(n, v)| {
                        if n == name {
                            format!("{n}={hostile}")
                        } else {
                            format!("{n}={v}")
                        }
                    })
                    .collect();
                let uri = format!("{path}?{}", query.join("&"));
                let reply = get(&uri).await;
                let status = reply.status.as_u16();
                assert!(
                    status == 200 || status == 400,
                    "{uri}: {status} {}",
                    String::from_utf8_lossy(&reply.body[..reply.body.len().min(300)])
                );
                let v = reply.json();
                if status == 400 {
                    assert_eq!(v["status"], 400, "{uri}");
                    assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
                }
                // Autocomplete takes any text: each actor it lists matches it (an injection
                // would list them all).
                if *path == "/api/actors" && *name == "q" && status == 200 {
                    let needle = value.trim().to_lowercase();
                    for a in v["actors"].as_array().unwrap() {
                        let code = a["code"].as_str().unwrap().to_lowercase();
                        let named = a["names"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|n| n.as_str().unwrap().to_lowercase().contains(&needle));
                        assert!(
                            code.starts_with(&needle) || named,
                            "{uri}: {a} does not match {value:?}"
                        );
                    }
                }
                answered += 1;
            }
        }
    }
    // The path parameter of one event.
    for value in HOSTILE.iter().filter(|v| !v.is_empty()) {
        let uri = format!("/api/events/{}", encode(value));
        let reply = get(&uri).await;
        // Hexadecimal digits are an id, of no event here; anything else is a bad id.
        let status = reply.status.as_u16();
        assert!(status == 400 || status == 404, "{uri}: {}", reply.text());
        assert_eq!(reply.json()["status"], status);
        answered += 1;
    }
    // Every field of the body of POST /api/code.
    for value in HOSTILE {
        for body in [
            serde_json::json!({ "text": value }),
            serde_json::json!({ "text": "Morocco met Mauritania.", "date": value }),
            serde_json::json!({ "text": "Morocco met Mauritania.", "lang": value }),
            serde_json::json!({ "text": "Morocco met Mauritania.", "all_modalities": value }),
        ] {
            let reply = post_json("/api/code", &body.to_string()).await;
            let status = reply.status.as_u16();
            assert!(status == 200 || status == 400, "{body}: {status}");
            let v = reply.json();
            if status == 400 {
                assert_eq!(v["status"], 400);
            }
            answered += 1;
        }
    }
    assert!(answered > 500, "{answered} requests");
    assert_eq!(store_fingerprint(), before, "the store changed");
    // And it still answers as before.
    let reply = get("/api/dyad?a=USA&b=MAR").await;
    assert_eq!(reply.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_and_idle_clients_are_cut_off_within_the_timeout() {
    let timeout = Duration::from_millis(400);
    let limits = ConnectionLimits {
        header_timeout: timeout,
        ..ConnectionLimits::default()
    };
    let state = common::state_with(dyad_serve::ServeConfig {
        request_timeout: timeout,
        ..dyad_serve::ServeConfig::default()
    });
    let server = Server::start(state, limits).await;
    let addr = server.addr;
    // Generous bounds: the machine may be busy, but a client that is never cut off fails.
    let bound = Duration::from_secs(8);
    tokio::task::spawn_blocking(move || {
        // 1. A request head sent one byte at a time, too slowly.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(50))).unwrap();
        let start = Instant::now();
        let head = b"GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        let mut cut_off = false;
        for byte in head {
            if stream.write_all(&[*byte]).is_err() {
                cut_off = true;
                break;
            }
            let mut buf = [0u8; 512];
            match stream.read(&mut buf) {
                Ok(0) => {
                    cut_off = true;
                    break;
                }
                // Closing with a 408 is cutting off too.
                Ok(n) if buf[..n].starts_with(b"HTTP/1.1 408") => {
                    cut_off = true;
                    break;
                }
                Ok(n) => panic!(
                    "the slow head was answered: {}",
                    String::from_utf8_lossy(&buf[..n])
                ),
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                    cut_off = true;
                    break;
                }
                Err(_) => {}
            }
            assert!(start.elapsed() < bound, "the slow client was never cut off");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(cut_off, "the whole slow head was sent without the connection closing");
        let took = start.elapsed();
        assert!(took >= timeout, "cut off before the timeout: {took:?}");

        // 2. A connection that sends nothing.
        let start = Instant::now();
        let silent = exchange(addr, b"", bound);
        assert!(silent.is_empty(), "{silent:?}");
        assert!(start.elapsed() < bound, "the idle connection stayed open");

        // 3. A body that never finishes: 408 with a JSON error, then the connection closes.
        let start = Instant::now();
        let response = exchange(
            addr,
            b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": \"Morocco met",
            bound,
        );
        assert!(start.elapsed() < bound, "the unfinished body was waited for");
        assert_eq!(status_of(&response), Some(408), "{}", String::from_utf8_lossy(&response));
        assert!(body_of(&response).contains("not received within 400 ms"));

        // 4. A kept-alive connection that goes quiet after one answer is closed too.
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(bound)).unwrap();
        stream
            .write_all(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        let start = Instant::now();
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        assert_eq!(status_of(&all), Some(200));
        assert!(start.elapsed() < bound, "the quiet kept-alive connection stayed open");
    })
    .await
    .unwrap();
    // The server still answers.
    let ok = tokio::task::spawn_blocking(move || {
        exchange(
            addr,
            b"GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            Duration::from_secs(10),
        )
    })
    .await
    .unwrap();
    assert_eq!(status_of(&ok), Some(200));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_malformed_requests_leaves_the_server_answering() {
    let server = Server::start(STATE.clone(), ConnectionLimits::default()).await;
    let addr = server.addr;
    let big = format!(
        "POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"text\": \"{}\"}}",
        STATE.config().max_body_bytes * 4 + 12,
        "a".repeat(STATE.config().max_body_bytes * 4)
    );
    let malformed: Vec<Vec<u8>> = vec![
        b"BREW /api/stats HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"DELETE /api/events HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"PUT /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}".to_vec(),
        b"GET /api/stats HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /api/stats\r\n\r\n".to_vec(),
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage-tls-hello".to_vec(),
        b"\0\0\0\0\0\0\0\0\r\n\r\n".to_vec(),
        b"GET /api/dyad?a=\xff\xfe&b=MAR HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /api/dyad?a=%FF%FE&b=MAR HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /api/dyad?a=USA&b=MAR&a=CHN HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /api/dyad?%%%%=&&&== HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"GET /api/events?limit=99999999999999999999999 HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"text\": ".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 6\r\n\r\n[1, 2]".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 14\r\n\r\n{\"text\": \"\xff\xfe\"}".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}{}{}".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n".to_vec(),
        b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\n\r\n{".to_vec(),
        big.into_bytes(),
        format!("GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Huge: {}\r\n\r\n", "h".repeat(200_000)).into_bytes(),
        format!("GET /api/actors?q={} HTTP/1.1\r\nHost: x\r\n\r\n", "q".repeat(100_000)).into_bytes(),
        b"GET /api/stats HTTP/1.1\r\nHost: x\r\nBad Header Name: 1\r\n\r\n".to_vec(),
        b"GET /api/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
    ];
    let rounds = 4;
    let answers = tokio::task::spawn_blocking(move || {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..4)
                .map(|w| {
                    let malformed = &malformed;
                    scope.spawn(move || {
                        let mut statuses = Vec::new();
                        for round in 0..rounds {
                            let request = &malformed[(w * 7 + round) % malformed.len()];
                            for request in [request]
                                .into_iter()
                                .chain(malformed.iter().skip(w).step_by(4))
                            {
                                let response = exchange(addr, request, Duration::from_secs(20));
                                statuses.push((
                                    String::from_utf8_lossy(&request[..request.len().min(60)])
                                        .to_string(),
                                    status_of(&response),
                                ));
                            }
                        }
                        statuses
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap())
                .collect::<Vec<_>>()
        })
    })
    .await
    .unwrap();
    assert!(answers.len() >= 100, "{} requests", answers.len());
    for (request, status) in &answers {
        // An answer (a client error for the malformed ones) or the connection closed without
        // one (garbage): never a server error.
        if let Some(status) = status {
            assert!(*status < 500, "{request:?} was answered {status}");
        }
    }
    // What some of them get. A head over the limit is answered 431 before the server closes
    // the connection with the rest unread, which may reset it before the client reads the
    // answer: then there is none.
    let expect = |start: &str, status: u16, or_reset: bool| {
        let hits: Vec<_> = answers
            .iter()
            .filter(|(r, _)| r.starts_with(start))
            .collect();
        assert!(!hits.is_empty(), "{start:?} was sent");
        for (request, got) in hits {
            assert!(
                *got == Some(status) || (or_reset && got.is_none()),
                "{request:?}: {got:?}"
            );
        }
    };
    expect("BREW /api/stats", 405, false);
    expect("DELETE /api/events", 405, false);
    expect("GET /api/dyad?a=%FF%FE", 400, false);
    expect("GET /api/events?limit=999", 400, false);
    expect("GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Huge", 431, true);
    expect("GET /api/actors?q=qqq", 431, true);
    let ok = tokio::task::spawn_blocking(move || {
        [
            "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "GET /api/dyad?a=USA&b=MAR HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        ]
        .map(|r| status_of(&exchange(addr, r.as_bytes(), Duration::from_secs(10))))
    })
    .await
    .unwrap();
    assert_eq!(ok, [Some(200), Some(200)]);
    server.stop().await;
}

#[test]
fn limits_out_of_range_are_refused_with_what_is_wrong() {
    let ok = dyad_serve::ServeConfig::default();
    assert!(ok.validate().is_ok());
    for (config, needle) in [
        (
            dyad_serve::ServeConfig {
                request_timeout: Duration::ZERO,
                ..ok.clone()
            },
            "timeout",
        ),
        (
            dyad_serve::ServeConfig {
                max_body_bytes: 0,
                ..ok.clone()
            },
            "body",
        ),
        (
            dyad_serve::ServeConfig {
                max_page: 0,
                ..ok.clone()
            },
            "page",
        ),
        (
            dyad_serve::ServeConfig {
                default_page: 500,
                ..ok.clone()
            },
            "default page size (500)",
        ),
        (
            dyad_serve::ServeConfig {
                max_periods: 0,
                ..ok.clone()
            },
            "period",
        ),
        (
            dyad_serve::ServeConfig {
                max_connections: 0,
                ..ok.clone()
            },
            "connection",
        ),
    ] {
        let message = config.validate().unwrap_err().to_string();
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }
}
