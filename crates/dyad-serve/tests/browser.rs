//! The web page in a real browser: headless Chromium driven through WebDriver (chromedriver).
//!
//! The test starts the server on a loopback port, then chromedriver, and drives the page as a
//! person would: it pastes an article into "Code this article" and checks the events shown
//! against the API. It saves screenshots under `target/dyad-serve-browser/` and fails on any
//! console error, uncaught exception or CSP violation (collected by an injected hook).
//!
//! Without `chromium` and `chromedriver` on the PATH (or `DYAD_CHROMIUM` / `DYAD_CHROMEDRIVER`)
//! the test is skipped with a message, unless `DYAD_REQUIRE_BROWSER=1` (set by CI, which
//! installs them) makes that a failure.

mod common;

use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, header};
use common::{STATE, fixture_store, send_to};
use dyad_store::{DyadQuery, EventQuery};
use fantoccini::{Client, ClientBuilder, Locator};

const ARTICLE: &str = "Morocco and Mauritania signed an agreement on Tuesday. \
    Moroccan Foreign Minister Nasser Bourita met with Mauritanian officials in Nouakchott.";

/// Finds a program: an environment variable naming it, else the first of `names` on the PATH.
fn program(var: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A child process killed when dropped.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

async fn start_chromedriver(driver: &Path) -> (Killed, String) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", driver.display()));
    let guard = Killed(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .is_err()
    {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (guard, format!("http://127.0.0.1:{port}"))
}

async fn start_browser(chromium: &Path, webdriver: &str, profile: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1280,1600",
                format!("--user-data-dir={}", profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(webdriver)
        .await
        .expect("a WebDriver session")
}

/// Installs the hook that collects console errors, uncaught exceptions, unhandled rejections
/// and CSP violations into `window.__dyadErrors`.
const ERROR_HOOK: &str = r#"
if (!window.__dyadErrors) {
  window.__dyadErrors = [];
  const push = (kind, what) => window.__dyadErrors.push(kind + ": " + what);
  const original = console.error.bind(console);
  console.error = (...args) => { push("console.error", args.map(String).join(" ")); original(...args); };
  window.addEventListener("error", (e) => push("error", e.message || String(e.target && e.target.src)), true);
  window.addEventListener("unhandledrejection", (e) => push("unhandledrejection", String(e.reason)));
  document.addEventListener("securitypolicyviolation", (e) => push("csp", e.violatedDirective + " " + e.blockedURI));
}
return true;
"#;

async fn errors(client: &Client) -> Vec<String> {
    let v = client
        .execute(
            "return window.__dyadErrors || ['the error hook is missing'];",
            vec![],
        )
        .await
        .expect("reading the error hook");
    serde_json::from_value(v).expect("a list of strings")
}

async fn screenshot(client: &Client, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/dyad-serve-browser");
    std::fs::create_dir_all(&dir).expect("the screenshot folder");
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(name), png).expect("writing a screenshot");
}

/// Opens the page, waits for the script to be ready and installs the error hook.
async fn open_page(client: &Client, addr: SocketAddr) {
    client
        .goto(&format!("http://{addr}/"))
        .await
        .expect("the page loads");
    client
        .execute(ERROR_HOOK, vec![])
        .await
        .expect("the hook installs");
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("body[data-ready='1']"))
        .await
        .expect("app.js ran to its end (no exception at load)");
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
}

/// Pastes an article into "Code this article" and checks the events listed against the API.
async fn code_an_article(client: &Client) {
    let body = serde_json::json!({ "text": ARTICLE, "date": "2022-05-26" }).to_string();
    let expected = send_to(
        &STATE,
        Request::post("/api/code")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
    .json();
    let expected = expected["events"].as_array().unwrap().clone();
    assert!(!expected.is_empty());

    let textarea = client.find(Locator::Id("code-text")).await.unwrap();
    textarea.send_keys(ARTICLE).await.unwrap();
    client
        .execute(
            "document.getElementById('code-date').value = '2022-05-26'; return true;",
            vec![],
        )
        .await
        .unwrap();
    client
        .find(Locator::Css("#code-form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(client, "#code-events > li").await;
    let items = client
        .find_all(Locator::Css("#code-events > li"))
        .await
        .unwrap();
    assert_eq!(items.len(), expected.len(), "one list item per coded event");
    for (li, e) in items.iter().zip(&expected) {
        assert_eq!(
            li.attr("data-event-id").await.unwrap().as_deref(),
            e["id"].as_str()
        );
        let sentence = li.find(Locator::Css("p.sentence")).await.unwrap();
        assert_eq!(
            sentence.text().await.unwrap().trim(),
            e["sentence"]["text"].as_str().unwrap()
        );
        let trigger = li.find(Locator::Css("mark.trigger")).await.unwrap();
        assert_eq!(
            trigger.text().await.unwrap(),
            e["trigger"]["text"].as_str().unwrap()
        );
        let source = li.find(Locator::Css("mark.source")).await.unwrap();
        assert_eq!(
            source.text().await.unwrap(),
            e["source"]["text"].as_str().unwrap()
        );
    }
    let status = client.find(Locator::Id("code-status")).await.unwrap();
    assert!(
        status
            .text()
            .await
            .unwrap()
            .contains(&format!("{} event", expected.len())),
        "the status says how many events"
    );
    screenshot(client, "code-article.png").await;
}

/// Picks the dyad USA–MAR (typing, autocomplete, Enter), checks every bar against the fixture
/// store's series, clicks a bar and checks its events highlighted in their sentences, their
/// sibling reports and the map.
async fn pick_a_dyad(client: &Client) {
    let series = fixture_store()
        .dyad_series(&DyadQuery::new("USA", "MAR"))
        .unwrap();
    let a = client.find(Locator::Id("actor-a")).await.unwrap();
    a.send_keys("USA").await.unwrap();
    // Autocomplete offers the store's actors.
    wait_for(client, "#actor-list option[value='USA']").await;
    let b = client.find(Locator::Id("actor-b")).await.unwrap();
    b.send_keys("MAR").await.unwrap();
    // Enter in the form submits it (keyboard-usable).
    b.send_keys("\u{E007}").await.unwrap();
    wait_for(client, "#chart g.period").await;

    // Every bar's counts equal the store's.
    let bars = client
        .execute(
            "return [...document.querySelectorAll('#chart g.period')].map((g) => [
               Number(g.dataset.direction), g.dataset.period, Number(g.dataset.total),
               [...g.querySelectorAll('rect.bar')].reduce((n, r) => n + Number(r.dataset.count), 0)]);",
            vec![],
        )
        .await
        .unwrap();
    let bars: Vec<(usize, String, u64, u64)> = serde_json::from_value(bars).unwrap();
    assert_eq!(bars.len(), 2 * series.periods.len());
    for (direction, period, total, stacked) in &bars {
        let p = series
            .periods
            .iter()
            .find(|p| &p.period == period)
            .unwrap_or_else(|| panic!("no period {period} in the store's series"));
        let expected = if *direction == 0 {
            p.a_to_b.count
        } else {
            p.b_to_a.count
        };
        assert_eq!(
            (*total, *stacked),
            (expected, expected),
            "{direction} {period}"
        );
    }
    screenshot(client, "dyad.png").await;

    // Click the busiest USA → MAR bar: its events, highlighted.
    let busiest = series
        .periods
        .iter()
        .max_by_key(|p| p.a_to_b.count)
        .unwrap();
    let bar = client
        .find(Locator::Css(&format!(
            "#chart g.period[data-direction='0'][data-period='{}'] rect.bar",
            busiest.period
        )))
        .await
        .unwrap();
    bar.click().await.unwrap();
    wait_for(client, "#events > li").await;
    let to = client
        .find(Locator::Css("#chart g.period.selected"))
        .await
        .unwrap()
        .attr("data-to")
        .await
        .unwrap()
        .unwrap();
    let expected = fixture_store()
        .events(&EventQuery {
            dyad: Some(("USA".into(), "MAR".into())),
            directed: true,
            counted_only: true,
            from: Some(busiest.start.clone()),
            to: Some(to),
            ..EventQuery::default()
        })
        .unwrap()
        .items;
    assert_eq!(expected.len() as u64, busiest.a_to_b.count);
    let items = client.find_all(Locator::Css("#events > li")).await.unwrap();
    assert_eq!(items.len(), expected.len(), "the bar's events are listed");
    for (li, e) in items.iter().zip(&expected) {
        let r = &e.record;
        assert_eq!(
            li.attr("data-event-id").await.unwrap().as_deref(),
            Some(r.id.as_str())
        );
        let sentence = li.find(Locator::Css("p.sentence")).await.unwrap();
        assert_eq!(sentence.text().await.unwrap().trim(), r.sentence.text);
        let trigger = li.find(Locator::Css("mark.trigger")).await.unwrap();
        assert_eq!(trigger.text().await.unwrap(), r.trigger.text);
        let source = li.find(Locator::Css("mark.source")).await.unwrap();
        assert_eq!(source.text().await.unwrap(), r.source.text);
    }
    // The first event's other reports open on request.
    items[0]
        .find(Locator::Css("details.sibling-reports summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(client, "#events > li details.sibling-reports[open] p").await;
    // The map marks each distinct place of the listed events.
    let places: std::collections::BTreeSet<String> = expected
        .iter()
        .filter_map(|e| e.record.location.as_ref())
        .map(|l| format!("{},{}", l.lat, l.lon))
        .collect();
    let circles = client.find_all(Locator::Css("#map circle")).await.unwrap();
    assert_eq!(circles.len(), places.len());
    screenshot(client, "events.png").await;

    // Keyboard: a focused bar opens with Enter.
    let other = series
        .periods
        .iter()
        .find(|p| p.a_to_b.count > 0 && p.period != busiest.period);
    if let Some(other) = other {
        client
            .execute(
                &format!(
                    "document.querySelector(\"#chart g.period[data-direction='0'][data-period='{}']\").focus(); return true;",
                    other.period
                ),
                vec![],
            )
            .await
            .unwrap();
        client
            .active_element()
            .await
            .unwrap()
            .send_keys("\u{E007}")
            .await
            .unwrap();
        let status = format!("USA → MAR, {}: {} event", other.period, other.a_to_b.count);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let text = client
                .find(Locator::Id("events-status"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            if text.starts_with(&status) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "Enter on a bar: {text:?}, expected {status:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// At a phone's width the page does not scroll sideways (the chart scrolls inside its box).
async fn phone_width(client: &Client) {
    client.set_window_size(390, 844).await.expect("resizing");
    let overflow = client
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        overflow.as_i64().unwrap() <= 0,
        "the page scrolls sideways by {overflow}px"
    );
    screenshot(client, "phone.png").await;
    client.set_window_size(1280, 1600).await.expect("resizing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_in_headless_chromium() {
    let chromium = program(
        "DYAD_CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let driver = program("DYAD_CHROMEDRIVER", &["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        let required = std::env::var("DYAD_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "DYAD_REQUIRE_BROWSER=1 but chromium or chromedriver is missing"
        );
        eprintln!(
            "SKIPPED the browser test: chromium and chromedriver are not on the PATH \
             (Debian: apt-get install chromium chromium-driver)"
        );
        return;
    };

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(dyad_serve::serve(
        listener,
        dyad_serve::router(STATE.clone()),
        async {
            let _ = stopped.await;
        },
    ));

    let (_driver, webdriver) = start_chromedriver(&driver).await;
    let profile = tempfile::tempdir().unwrap();
    let client = start_browser(&chromium, &webdriver, profile.path()).await;

    open_page(&client, addr).await;
    screenshot(&client, "page.png").await;
    pick_a_dyad(&client).await;
    code_an_article(&client).await;
    phone_width(&client).await;

    let errors = errors(&client).await;
    client.close().await.expect("closing the browser");
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    assert!(errors.is_empty(), "errors in the page: {errors:#?}");
}
