//! Harness for the end-to-end tests: a stand-in serving the release `dist/`, a
//! chromedriver, and a headless Chromium session pointed at it. Anything missing
//! fails the test loudly; nothing is skipped.

use std::os::unix::process::CommandExt;
use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
pub use mock_api::{DemoJob, Fault, Options, Server};
use serde_json::{json, Value};

/// How long a condition may take to become true in the browser.
pub const WAIT: Duration = Duration::from_secs(15);

/// `config.json` for a test: the demo project, no auto-refresh (so request counts are exact).
pub fn config_json(extra: &[(&str, Value)]) -> String {
    let mut config = json!({
        "api_base": "",
        "project_id": "demo-project",
        "workspace_id": "0",
        "refresh_seconds": 0,
        "request_timeout_seconds": 20,
        "language": "en"
    });
    for (k, v) in extra {
        config[*k] = v.clone();
    }
    config.to_string()
}

pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("VIZJOBS_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist"));
    assert!(
        dir.join("index.html").is_file(),
        "no release build at {} (index.html missing): run `cargo xtask build` first, \
         or `cargo xtask test`, which builds it",
        dir.display()
    );
    dir
}

/// The one file in `dist/` whose name starts and ends so.
pub fn dist_file(prefix: &str, suffix: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(dist_dir())
        .expect("dist/ lists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .collect();
    assert_eq!(names.len(), 1, "dist/{prefix}*{suffix}: {names:?}");
    names[0].clone()
}

pub fn dist_bytes(name: &str) -> Vec<u8> {
    std::fs::read(dist_dir().join(name)).unwrap_or_else(|e| panic!("dist/{name}: {e}"))
}

fn chromedriver_path() -> PathBuf {
    let path = std::env::var_os("CHROMEDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromedriver"));
    assert!(
        path.is_file(),
        "chromedriver not found at {}: `cargo xtask setup` installs it",
        path.display()
    );
    path
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// A chromedriver process, killed when dropped.
/// A chromedriver process in its own process group, which Chromium joins: dropping it
/// ends the whole group, so a failed test leaves no browser running.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One test's world: the stand-in, the driver, and the browser session.
pub struct Page {
    pub client: Client,
    pub server: Server,
    /// Where the browser loads the page from: the stand-in, or a gateway in front of it.
    base_url: String,
    _driver: Driver,
}

impl Page {
    /// Starts the stand-in with `options` (serving `dist/` and, unless set, the test
    /// config) and opens `path` (e.g. `/?page=2`) in a fresh headless Chromium.
    pub async fn open(options: Options, path: &str) -> Page {
        Page::open_with(options, path, &[]).await
    }

    /// `open` with more Chromium switches (e.g. `--force-dark-mode`).
    pub async fn open_with(mut options: Options, path: &str, chromium_args: &[&str]) -> Page {
        options.static_dir = Some(dist_dir());
        if options.config_json.is_none() {
            options.config_json = Some(config_json(&[]));
        }
        let server = Server::start(options, 0).await.expect("stand-in starts");
        let base_url = server.url();
        Page::launch(server, &base_url, path, chromium_args).await
    }

    /// Opens `base_url` + `path` in a fresh headless Chromium, with `server` as the API
    /// behind it (e.g. a gateway at `base_url` that serves `dist/` and proxies to `server`).
    pub async fn open_at(server: Server, base_url: &str, path: &str) -> Page {
        Page::launch(server, base_url, path, &[]).await
    }

    async fn launch(server: Server, base_url: &str, path: &str, chromium_args: &[&str]) -> Page {
        let port = free_port();
        let child = Command::new(chromedriver_path())
            .arg(format!("--port={port}"))
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let driver = Driver(child);
        let webdriver = format!("http://127.0.0.1:{port}");

        let mut args = vec![
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1400,900",
        ];
        args.extend_from_slice(chromium_args);
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": args
            }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&webdriver)
                .await
            {
                Ok(c) => break c,
                Err(e) if started.elapsed() < WAIT => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot open a Chromium session through chromedriver: {e}"),
            }
        };
        let page = Page {
            client,
            server,
            base_url: base_url.trim_end_matches('/').to_string(),
            _driver: driver,
        };
        page.goto(path).await;
        page
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{}", self.base_url, path))
            .await
            .expect("navigation");
    }

    /// Runs a script (its body, `return` a value) in the page.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Waits until the expression is truthy; panics with `what` and the page's text otherwise.
    pub async fn wait_until(&self, what: &str, expression: &str) {
        let started = Instant::now();
        loop {
            if self.js(&format!("return !!({expression});")).await == Value::Bool(true) {
                return;
            }
            if started.elapsed() > WAIT {
                let text = self.js("return document.body.innerText").await;
                panic!(
                    "timed out waiting for {what} ({expression})\nURL: {}\npage text:\n{}",
                    self.url().await,
                    text.as_str().unwrap_or("")
                );
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for a settled page: no request in flight and `n` rows shown.
    pub async fn wait_rows(&self, n: usize) {
        self.wait_until(
            &format!("{n} rows"),
            &format!(
                "!document.querySelector('[data-testid=loading]') && \
                 document.querySelectorAll('[data-testid=job-row]').length === {n}"
            ),
        )
        .await;
    }

    pub async fn wait_settled(&self) {
        self.wait_until(
            "the request to finish",
            "document.querySelector('[data-testid=job-grid], [data-testid=error-panel]') && \
             !document.querySelector('[data-testid=loading]')",
        )
        .await;
    }

    pub async fn find(&self, testid: &str) -> Element {
        self.client
            .find(Locator::Css(&format!("[data-testid='{testid}']")))
            .await
            .unwrap_or_else(|e| panic!("no [data-testid={testid}]: {e}"))
    }

    pub async fn exists(&self, testid: &str) -> bool {
        self.js(&format!(
            "return !!document.querySelector(\"[data-testid='{testid}']\");"
        ))
        .await
            == Value::Bool(true)
    }

    pub async fn text(&self, testid: &str) -> String {
        self.find(testid).await.text().await.expect("text")
    }

    /// Text of every element with this test ID, in page order.
    pub async fn texts(&self, testid: &str) -> Vec<String> {
        self.strings(&format!(
            "return [...document.querySelectorAll(\"[data-testid='{testid}']\")].map(e => e.textContent);"
        ))
        .await
    }

    /// One attribute of every element with this test ID.
    pub async fn attrs(&self, testid: &str, attribute: &str) -> Vec<String> {
        self.strings(&format!(
            "return [...document.querySelectorAll(\"[data-testid='{testid}']\")].map(e => e.getAttribute('{attribute}') ?? '');"
        ))
        .await
    }

    /// One attribute of every element a CSS selector finds.
    pub async fn strings_of(&self, selector: &str, attribute: &str) -> Vec<String> {
        self.strings(&format!(
            "return [...document.querySelectorAll(\"{selector}\")].map(e => e.getAttribute('{attribute}') ?? '');"
        ))
        .await
    }

    async fn strings(&self, script: &str) -> Vec<String> {
        match self.js(script).await {
            Value::Array(items) => items
                .into_iter()
                .map(|v| v.as_str().unwrap_or_default().to_string())
                .collect(),
            other => panic!("expected a list, got {other}"),
        }
    }

    /// Clicks the element; if the page re-rendered it between finding and clicking (a
    /// reload of the detail panel, a rebuilt row), finds it again: what a person would
    /// click is the element as it is now.
    pub async fn click(&self, testid: &str) {
        for _ in 0..3 {
            match self.find(testid).await.click().await {
                Ok(()) => return,
                Err(fantoccini::error::CmdError::Standard(e))
                    if e.error == fantoccini::error::ErrorStatus::StaleElementReference => {}
                Err(e) => panic!("click {testid}: {e}"),
            }
        }
        panic!("click {testid}: the element was replaced three times in a row");
    }

    pub async fn select(&self, testid: &str, value: &str) {
        self.find(testid)
            .await
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("select {value} in {testid}: {e}"));
    }

    /// The query string of the address bar (`?…` or empty), as [`Page::url`] reads it.
    pub async fn search(&self) -> String {
        let url = self.url().await;
        url.find('?')
            .map(|i| url[i..].to_string())
            .unwrap_or_default()
    }

    /// The address bar, once the page has written it: the console adds a new view's
    /// history entry in a task after the frame that shows its answer, so this reads it
    /// in a task after the next frame.
    pub async fn url(&self) -> String {
        let script = "const done = arguments[arguments.length - 1]; \
                      requestAnimationFrame(() => setTimeout(() => done(location.href), 0));";
        match self.client.execute_async(script, vec![]).await {
            Ok(Value::String(url)) => url,
            other => panic!("reading the address: {other:?}"),
        }
    }

    /// Waits until the stand-in received a list request `matches` accepts, then until
    /// the page has applied an answer (the page shows `loading` from before it sends).
    pub async fn wait_request(&self, what: &str, matches: impl Fn(&str) -> bool) {
        let started = Instant::now();
        while !self.server.list_requests().iter().any(|r| matches(r)) {
            assert!(
                started.elapsed() < WAIT,
                "the stand-in never received {what}; it got {:?}",
                self.server.list_requests()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.wait_settled().await;
    }

    /// Waits until the stand-in has had no new detail request for half a second: the
    /// detail panel reloads once after each list answer, and a test that clicks in it
    /// wants the body that stays.
    pub async fn wait_detail_settled(&self) {
        let (mut seen, mut since) = (self.server.detail_requests().len(), Instant::now());
        let started = Instant::now();
        while since.elapsed() < Duration::from_millis(500) {
            assert!(started.elapsed() < WAIT, "the detail panel kept reloading");
            tokio::time::sleep(Duration::from_millis(50)).await;
            let now = self.server.detail_requests().len();
            if now != seen {
                (seen, since) = (now, Instant::now());
            }
        }
    }

    /// The list requests the stand-in received since the last call.
    pub fn take_requests(&self) -> Vec<String> {
        let requests = self.server.list_requests();
        self.server.clear_requests();
        requests
    }

    /// Messages the page logged at error level or uncaught (panics, exceptions, CSP
    /// violations). Chromium's own note on a failed HTTP status or refused connection
    /// is left out: the tests provoke those on purpose and the page explains them.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(DriverCommand {
                path: "se/log",
                body: json!({ "type": "browser" }),
            })
            .await
            .expect("the browser log");
        severe_messages(&log).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Ends a test that provoked console errors on purpose, returning them.
    pub async fn close_returning_errors(self) -> Vec<String> {
        let errors = self.console_errors().await;
        let _ = self.client.close().await;
        errors
    }

    /// Ends the test: the page must not have logged an error, a panic or a CSP
    /// violation at any point.
    pub async fn close(self) {
        let errors = self.console_errors().await;
        let Page { client, .. } = self;
        let _ = client.close().await;
        assert!(errors.is_empty(), "the page logged errors: {errors:#?}");
    }
}

/// The error-level entries of a chromedriver browser log, minus Chromium's own note on
/// a failed HTTP status (the tests provoke those on purpose). A reply that is not a
/// list of entries is an error, never "no errors".
pub fn severe_messages(log: &Value) -> Result<Vec<String>, String> {
    let entries = log
        .as_array()
        .ok_or_else(|| format!("the browser log is not a list of entries: {log}"))?;
    let mut messages = Vec::new();
    for entry in entries {
        let (Some(level), Some(message)) = (entry["level"].as_str(), entry["message"].as_str())
        else {
            return Err(format!(
                "a browser log entry without level or message: {entry}"
            ));
        };
        if level == "SEVERE" && !message.contains("Failed to load resource") {
            messages.push(message.to_string());
        }
    }
    Ok(messages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_list_of_entries_is_a_browser_log() {
        for not_a_log in [json!(null), json!({}), json!("x"), json!({"value": []})] {
            assert!(severe_messages(&not_a_log).is_err(), "{not_a_log}");
        }
        assert!(severe_messages(&json!([{"level": "SEVERE"}])).is_err());
        let log = json!([
            {"level": "INFO", "message": "hello"},
            {"level": "SEVERE", "message": "Uncaught TypeError: x"},
            {"level": "SEVERE", "message": "Failed to load resource: 404"},
        ]);
        assert_eq!(severe_messages(&log).unwrap(), ["Uncaught TypeError: x"]);
        assert_eq!(severe_messages(&json!([])).unwrap(), Vec::<String>::new());
    }
}

/// A chromedriver command outside W3C WebDriver (so fantoccini has no method for it):
/// `POST /session/{id}/{path}` with a JSON body, e.g. `se/log` or `goog/cdp/execute`.
#[derive(Debug)]
pub struct DriverCommand {
    pub path: &'static str,
    pub body: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DriverCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Every problem axe-core finds on the page as it is now, one line per element: rule,
/// impact, the element and axe's reason; `serious_only` keeps the serious and critical
/// ones. axe-core comes from `AXE_CORE`, else from where `cargo xtask test` installs
/// it; without it the test fails. It is injected once per document.
pub async fn accessibility_violations(page: &Page, serious_only: bool) -> Vec<String> {
    if page.js("return typeof axe === 'undefined';").await == Value::Bool(true) {
        let path = std::env::var("AXE_CORE").unwrap_or_else(|_| {
            format!(
                "{}/../../target/tools/node_modules/axe-core/axe.min.js",
                env!("CARGO_MANIFEST_DIR")
            )
        });
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("axe-core not found at {path} ({e}): `cargo xtask test` installs it")
        });
        page.js(&format!("{source}\nreturn null;")).await;
    }
    let script = format!(
        "const seriousOnly = {serious_only};
         return axe.run(document, {{ resultTypes: ['violations'] }}).then(r => r.violations
           .filter(v => !seriousOnly || v.impact === 'serious' || v.impact === 'critical')
           .flatMap(v => v.nodes.map(n => `${{v.id}} (${{v.impact}}) ${{n.target.join(' ')}}: \
             ${{[...n.any, ...n.all, ...n.none].map(c => c.message).join('; ') || v.help}}`)));"
    );
    serde_json::from_value(page.js(&script).await).expect("a list of violations")
}

/// The serious and critical problems axe-core finds (see [`accessibility_violations`]).
pub async fn serious_accessibility_violations(page: &Page) -> Vec<String> {
    accessibility_violations(page, true).await
}
