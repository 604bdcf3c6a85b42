//! The browser half of `cargo xtask bench`: the release console and the hand-written
//! plain-JavaScript page (`tests/e2e/bench/`), each in headless Chromium against its own
//! stand-in on loopback with the same 1,000 jobs ([`bench_jobs`]: about one in five
//! running with a stop countdown, the rest finished, every description and link there).
//! Every figure comes from the page's own clock: User Timing marks the pages set when
//! rows are rendered, and Resource Timing for the list request. It also counts what each
//! page rendered, so the two are seen to show the same, and how many rows a refresh
//! rebuilt. Writes one JSON file; judging the figures is xtask's job.
//!
//! ```text
//! cargo run --release -p vizjobs-e2e --bin bench -- \
//!     [--runs N] [--refreshes N] [--dist DIR] [--out FILE]
//! ```

use std::{
    fs,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use fantoccini::{wd::TimeoutConfiguration, Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{json, Value};
use vizjobs_e2e::{config_json, DemoJob, DriverCommand, Options, Server};

const JOBS: usize = 1000;
/// About one row in this many is a running job (issue #9's "one in five").
const RUNNING_ONE_IN: usize = 5;
/// The other rows' statuses, in turn: the final ones, completed and canceled the most.
const FINAL_STATUSES: [i64; 21] = [
    10, 12, 10, 11, 10, 13, 3, 10, 12, 5, 10, 11, 14, 12, 6, 10, 16, 20, 17, 21, 22,
];
const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
/// The heap is read (after a forced GC) every this many refreshes.
const REFRESH_BATCH: usize = 10;
/// How long one page may take to show its rows before the run is abandoned.
const WAIT_MS: u64 = 20_000;

/// One of the two pages under test.
struct Subject {
    key: &'static str,
    mark: &'static str,
    server: Server,
}

/// `frameEnd(mark)`: when the frame that set the mark had finished its style, layout and
/// paint. Exact from the Long Animation Frame entry when that frame took 50 ms or more;
/// otherwise the start of the next frame, at most one frame late.
const FRAME_END: &str = r#"
function frameEnd(mark) {
  return new Promise(resolve => {
    let next = null;
    requestAnimationFrame(ts => { next = ts; });
    let observer = null;
    const finish = v => { observer?.disconnect(); resolve(v); };
    if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
      observer = new PerformanceObserver(list => {
        const f = list.getEntries()
          .find(e => e.startTime <= mark && mark <= e.startTime + e.duration);
        if (f) finish(f.startTime + f.duration);
      });
      observer.observe({ type: "long-animation-frame", buffered: true });
    }
    setTimeout(() => finish(next), 150);
  });
}
"#;

/// Waits in the page (no WebDriver polling that would steal its main thread) until the
/// `want`-th mark exists, then reports the mark, the list request that preceded it and
/// the rows on screen. Times are milliseconds since navigation start.
const WAIT_FOR_ROWS: &str = r#"
const [name, want, since, waitMs, done] = arguments;
const deadline = performance.now() + waitMs;
(function check() {
  const marks = performance.getEntriesByName(name, "mark");
  if (marks.length >= want) {
    const mark = marks[want - 1].startTime;
    const requests = performance.getEntriesByType("resource").filter(r =>
      r.name.includes("/visualization-jobs") && r.startTime >= since && r.responseEnd <= mark);
    const req = requests[requests.length - 1];
    const config = performance.getEntriesByType("resource")
      .find(r => r.name.endsWith("/config.json"));
    const code = performance.getEntriesByType("resource")
      .filter(r => /\.(js|wasm)$/.test(r.name));
    frameEnd(mark).then(painted => done({
      mark,
      painted,
      code_files: code.length,
      code_transferred: code.reduce((n, r) => n + r.transferSize, 0),
      config_start: config ? config.startTime : null,
      request_start: req ? req.startTime : null,
      response_end: req ? req.responseEnd : null,
      rows: document.querySelectorAll("[data-testid=job-row]").length,
      first_row: document.querySelector("[data-testid=job-row]")?.dataset.jobId ?? null,
    }));
  } else if (performance.now() > deadline) {
    done({
      error: `no ${name} mark #${want} within ${waitMs} ms`,
      text: document.body.innerText.slice(0, 400),
    });
  } else {
    setTimeout(check, 4);
  }
})();
"#;

/// Clicks a button in the page and waits for the next rows mark; times are from the click.
const CLICK_AND_WAIT: &str = r#"
const [selector, name, waitMs, done] = arguments;
const before = performance.getEntriesByName(name, "mark").length;
const firstBefore = document.querySelector("[data-testid=job-row]")?.dataset.jobId ?? null;
const t0 = performance.now();
document.querySelector(selector).click();
const deadline = t0 + waitMs;
(function check() {
  const marks = performance.getEntriesByName(name, "mark");
  if (marks.length > before) {
    const mark = marks[before].startTime;
    const req = performance.getEntriesByType("resource").filter(r =>
      r.name.includes("/visualization-jobs") && r.startTime >= t0 && r.responseEnd <= mark).pop();
    frameEnd(mark).then(painted => done({
      click: t0,
      mark,
      painted,
      request_start: req ? req.startTime : null,
      response_end: req ? req.responseEnd : null,
      rows: document.querySelectorAll("[data-testid=job-row]").length,
      first_row_before: firstBefore,
      first_row: document.querySelector("[data-testid=job-row]")?.dataset.jobId ?? null,
    }));
  } else if (performance.now() > deadline) {
    done({ error: `no ${name} mark after clicking ${selector} within ${waitMs} ms` });
  } else {
    setTimeout(check, 4);
  }
})();
"#;

/// Forces garbage collection (Chromium runs with `--expose-gc`) and reads the JS heap,
/// the DOM size and, for the wasm app, its linear memory.
const HEAP: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  performance.clearMarks();
  performance.clearResourceTimings();
  for (let i = 0; i < 4; i++) {
    window.gc();
    await new Promise(r => setTimeout(r, 50));
  }
  let wasm = null;
  if (window.wasmBindings && typeof window.wasmBindings.default === "function") {
    // wasm-bindgen's init returns the already-loaded instance's exports.
    const exports = await window.wasmBindings.default();
    wasm = exports.memory ? exports.memory.buffer.byteLength : null;
  }
  done({
    js_heap: performance.memory.usedJSHeapSize,
    dom_nodes: document.getElementsByTagName("*").length,
    wasm_memory: wasm,
  });
})().catch(e => done({ error: String(e) }));
"#;

/// Clicks refresh `count` times, each time waiting for the re-rendered rows, and counts
/// the row elements each refresh created anew (a row patched in place is not one).
const REFRESH_LOOP: &str = r#"
const [count, name, waitMs, done] = arguments;
const rows = () => document.querySelectorAll("[data-testid=job-row]");
(async () => {
  let recreated = 0;
  for (let i = 0; i < count; i++) {
    const before = performance.getEntriesByName(name, "mark").length;
    const seen = new WeakSet(rows());
    document.querySelector("[data-testid=refresh]").click();
    const deadline = performance.now() + waitMs;
    while (performance.getEntriesByName(name, "mark").length <= before) {
      if (performance.now() > deadline) throw new Error(`refresh ${i + 1}: no ${name} mark`);
      await new Promise(r => setTimeout(r, 4));
    }
    for (const row of rows()) if (!seen.has(row)) recreated++;
    // Keep the buffers from growing with the loop: they are not the page's memory.
    performance.clearMarks();
    performance.clearResourceTimings();
  }
  done({ refreshes: count, rows_recreated: recreated, rows: rows().length });
})().catch(e => done({ error: String(e) }));
"#;

/// What the page rendered in its table body, counted the same way on both pages; and
/// whether the running rows' durations tick (every running row's duration cell read
/// twice, 2.1 s apart: long durations show minutes only, so some rows change each
/// second and others not for a minute).
const FEATURES: &str = r#"
const done = arguments[arguments.length - 1];
const body = document.querySelector("[data-testid=job-grid] tbody");
const count = s => body.querySelectorAll(s).length;
const runningDurations = () =>
  [...body.querySelectorAll("[data-testid=status-badge][data-status='8']")]
    .map(b => b.closest("tr").querySelector("[data-testid=duration]")?.textContent ?? "");
const figures = {
  rows: count("[data-testid=job-row]"),
  running: count("[data-testid=status-badge][data-status='8']"),
  countdowns: count("[data-testid=stops-in]"),
  links: count("a[data-testid=service-link]"),
  restart_and_open: count("[data-testid=restart-and-open]"),
  checkboxes: count("input[type=checkbox][data-testid=row-select]"),
  action_buttons: count("[data-testid=row-actions] button"),
  enabled_action_buttons: count("[data-testid=row-actions] button:not([disabled])"),
  copy_buttons: count("button[data-act=copy]"),
  descriptions: [...body.querySelectorAll("[data-testid=job-desc]")]
    .filter(c => c.textContent.trim() !== "").length,
  elements: body.getElementsByTagName("*").length,
  text_chars: body.textContent.length,
};
const before = runningDurations();
setTimeout(() => {
  const after = runningDurations();
  figures.duration_ticks = before.length > 0 && after.some((text, i) => text !== before[i]);
  done(figures);
}, 2100);
"#;

type Result<T, E = String> = std::result::Result<T, E>;

fn main() {
    let mut runs = 7_usize;
    let mut refreshes = 50_usize;
    let mut dist = None;
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench/browser.json");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| usage(&format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--runs" => {
                runs = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--runs takes a number"))
            }
            "--refreshes" => {
                refreshes = value()
                    .parse()
                    .unwrap_or_else(|_| usage("--refreshes takes a number"))
            }
            "--dist" => dist = Some(PathBuf::from(value())),
            "--out" => out = PathBuf::from(value()),
            _ => usage(&format!("unknown argument {arg}")),
        }
    }
    if runs == 0 {
        usage("--runs must be at least 1");
    }
    if let Some(dist) = &dist {
        std::env::set_var("VIZJOBS_DIST", dist);
    }
    let dist = vizjobs_e2e::dist_dir();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    settle_load();
    let report = runtime
        .block_on(bench(&dist, &out, runs, refreshes))
        .and_then(|report| {
            let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
            fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))
        });
    drop(runtime);
    match report {
        Ok(()) => println!("bench: wrote {}", out.display()),
        Err(e) => {
            eprintln!("bench: FAILED: {e}");
            std::process::exit(1);
        }
    }
}

fn usage(problem: &str) -> ! {
    eprintln!(
        "bench: {problem}\nusage: bench [--runs N] [--refreshes N] [--dist DIR] [--out FILE]"
    );
    std::process::exit(2);
}

/// The plain page's folder: the fixture and the release stylesheet, so both pages lay
/// out the same table with the same CSS. Its script and stylesheet get content-hashed
/// names as Trunk gives the console's, so the stand-in lets the browser keep both pages'
/// files alike (mock-api's `site::cache_control`, the gateway's rule).
fn plain_site(dist: &Path, work: &Path) -> Result<PathBuf> {
    let dir = work.join("plain");
    let io = |what: &str, e: std::io::Error| format!("{what}: {e}");
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| io("emptying target/bench/plain", e))?;
    }
    fs::create_dir_all(&dir).map_err(|e| io("creating target/bench/plain", e))?;
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("bench");
    let mut html =
        fs::read_to_string(fixture.join("plain.html")).map_err(|e| io("reading plain.html", e))?;
    let script = fs::read(fixture.join("plain.js")).map_err(|e| io("reading plain.js", e))?;
    let css = fs::read_dir(dist)
        .map_err(|e| io("reading dist/", e))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("main-") && name.ends_with(".css")
        })
        .ok_or("dist/ has no main-<hash>.css")?;
    let css = fs::read(css).map_err(|e| io("reading the stylesheet", e))?;
    for (reference, stem, extension, body) in [
        ("src=\"/plain.js\"", "plain", "js", &script),
        ("href=\"/main.css\"", "main", "css", &css),
    ] {
        let name = format!("{stem}-{}.{extension}", content_hash(body));
        if !html.contains(reference) {
            return Err(format!("plain.html has no {reference}"));
        }
        html = html.replace(
            reference,
            &reference.replace(&format!("{stem}.{extension}"), &name),
        );
        fs::write(dir.join(&name), body).map_err(|e| io("writing the plain page", e))?;
    }
    fs::write(dir.join("index.html"), html).map_err(|e| io("writing the plain page", e))?;
    Ok(dir)
}

/// Up to 16 hex digits that change with the content, as in Trunk's file names.
fn content_hash(body: &[u8]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hasher::write(&mut hasher, body);
    format!("{:x}", std::hash::Hasher::finish(&hasher))
}

async fn bench(dist: &Path, out: &Path, runs: usize, refreshes: usize) -> Result<Value> {
    let work = out.parent().unwrap_or(Path::new("."));
    let plain_dir = plain_site(dist, work)?;
    let jobs = bench_jobs(mock_api::now_ms());
    let start = |static_dir: PathBuf| {
        Server::start(
            Options {
                job_count: JOBS,
                jobs: Some(jobs.clone()),
                static_dir: Some(static_dir),
                config_json: Some(config_json(&[])),
                ..Options::default()
            },
            0,
        )
    };
    let stand_in = |e: std::io::Error| format!("the stand-in does not start: {e}");
    let subjects = [
        Subject {
            key: "app",
            mark: "vizjobs:rows-rendered",
            server: start(dist.to_path_buf()).await.map_err(stand_in)?,
        },
        Subject {
            key: "plain",
            mark: "plain:rows-rendered",
            server: start(plain_dir).await.map_err(stand_in)?,
        },
    ];

    let (client, driver) = browser().await?;
    let result = measure(&client, &subjects, runs).await;
    let _ = client.close().await;
    drop(driver);
    let mut report = result?;

    // Each page's memory in a browser of its own, so nothing the other page or the
    // timing runs left behind is counted.
    for subject in &subjects {
        let (client, driver) = browser().await?;
        let result = heap(&client, subject, refreshes).await;
        let _ = client.close().await;
        drop(driver);
        report["pages"][subject.key]["heap"] = result?;
    }
    report["refreshes"] = json!(refreshes);
    report["data"] = describe_jobs(&jobs);
    report["load_average_after"] = json!(load_average());
    Ok(report)
}

/// The demo jobs made to look like a busy project, as issue #9 asks to measure with:
/// about one in [`RUNNING_ONE_IN`] running, each with a stop schedule (so a live duration
/// and a countdown), started a while ago but within its schedule; the rest spread over
/// the final statuses ([`FINAL_STATUSES`]); every job with a description, a TensorBoard
/// URL, a train URL and a resource ID. The stand-in derives the schedule from the job ID
/// ([`mock_api::stop_schedule_hours`]), so running jobs are picked among the IDs that
/// have one.
fn bench_jobs(now_ms: i64) -> Vec<DemoJob> {
    let mut jobs = mock_api::demo_jobs(JOBS, now_ms);
    let descriptions: Vec<String> = jobs
        .iter()
        .map(|j| j.job_desc.clone())
        .filter(|d| !d.is_empty())
        .collect();
    let (mut running, mut finished) = (0, 0);
    for (i, job) in jobs.iter_mut().enumerate() {
        let id = job.job_id;
        // A fixed spread from the ID: which schedule fraction has run, which duration.
        let spread = id.wrapping_mul(2_654_435_761) % 1000;
        if job.job_desc.is_empty() {
            job.job_desc = descriptions[id as usize % descriptions.len()].clone();
        }
        let schedule = mock_api::stop_schedule_hours(id);
        match schedule {
            Some(hours) if running < (i + RUNNING_ONE_IN / 2 + 1) / RUNNING_ONE_IN => {
                running += 1;
                // Between 20 and 60 % of its schedule has run: minutes to days left.
                let age = hours * HOUR_MS * (200 + spread as i64 * 400 / 1000) / 1000;
                job.status = mock_api::STATUS_RUNNING;
                job.create_time = now_ms - age;
                job.duration = age;
            }
            _ => {
                job.status = FINAL_STATUSES[finished % FINAL_STATUSES.len()];
                finished += 1;
                let age = (now_ms - job.create_time).max(MINUTE_MS);
                job.duration = match job.status {
                    // Failed before they ever ran.
                    3 | 5 | 22 => 0,
                    _ => MINUTE_MS + (spread as i64 * age.min(3 * 24 * HOUR_MS)) / 1000,
                }
                .min(age);
            }
        }
    }
    jobs
}

/// What the measured data holds, for the report.
fn describe_jobs(jobs: &[DemoJob]) -> Value {
    let mut statuses = std::collections::BTreeMap::<i64, usize>::new();
    for job in jobs {
        *statuses.entry(job.status).or_default() += 1;
    }
    let count = |f: &dyn Fn(&DemoJob) -> bool| jobs.iter().filter(|j| f(j)).count();
    json!({
        "jobs": jobs.len(),
        "running": count(&|j| j.status == mock_api::STATUS_RUNNING),
        "running_with_stop_schedule": count(&|j| j.status == mock_api::STATUS_RUNNING
            && mock_api::stop_schedule_hours(j.job_id).is_some()),
        "with_description": count(&|j| !j.job_desc.is_empty()),
        "with_service_url": count(&|j| !j.service_url.is_empty()),
        "with_train_url": count(&|j| !j.train_url.is_empty()),
        "with_resource_id": count(&|j| !j.resource_id.is_empty()),
        "statuses": statuses.iter().map(|(code, n)| (code.to_string(), json!(n)))
            .collect::<serde_json::Map<_, _>>(),
    })
}

async fn measure(client: &Client, subjects: &[Subject], runs: usize) -> Result<Value> {
    let user_agent = js(client, "return navigator.userAgent;").await?;
    let load_before = load_average();
    let scenarios = ["first_rows_cold", "first_rows", "rows_1000", "sort_1000"];
    // scenario -> subject -> samples
    let mut samples = vec![vec![Vec::new(); subjects.len()]; scenarios.len()];
    // Run 0 warms the browser, the HTTP cache and the stand-ins; it is not counted.
    for run in 0..=runs {
        for (s, subject) in subjects.iter().enumerate() {
            let base = subject.server.url();
            forget_compiled_code(client).await?;
            set_cache_disabled(client, true).await?;
            let cold = load(client, subject, &format!("{base}/"), 10).await?;
            if cold["code_transferred"].as_f64().unwrap_or(0.0) <= 0.0 {
                return Err(format!(
                    "{}: a cold load took its code from the cache",
                    subject.key
                ));
            }
            set_cache_disabled(client, false).await?;
            let warm = load(client, subject, &format!("{base}/"), 10).await?;
            let thousand = load(client, subject, &format!("{base}/?per_page=1000"), JOBS).await?;
            let sort = click(client, subject, "[data-testid=sort-job_name]", JOBS).await?;
            if run > 0 {
                for (i, sample) in [cold, warm, thousand, sort].into_iter().enumerate() {
                    samples[i][s].push(sample);
                }
            }
        }
        let note = if run == 0 {
            " (warm-up, not counted)"
        } else {
            ""
        };
        println!("bench: run {run}/{runs} done{note}");
    }

    let mut pages = serde_json::Map::new();
    for (s, subject) in subjects.iter().enumerate() {
        let mut page = serde_json::Map::new();
        for (i, scenario) in scenarios.iter().enumerate() {
            page.insert(scenario.to_string(), summarize(&samples[i][s]));
        }
        pages.insert(subject.key.into(), Value::Object(page));
    }
    Ok(json!({
        "runs": runs,
        "jobs": JOBS,
        "user_agent": user_agent,
        "load_average_before": json!(load_before),
        "pages": pages,
    }))
}

/// Navigates and waits for `rows` rows; the times are since navigation start.
async fn load(client: &Client, subject: &Subject, url: &str, rows: usize) -> Result<Value> {
    client
        .goto(url)
        .await
        .map_err(|e| format!("navigating to {url}: {e}"))?;
    let args = vec![json!(subject.mark), json!(1), json!(0), json!(WAIT_MS)];
    let r = execute_async(client, &format!("{FRAME_END}{WAIT_FOR_ROWS}"), args).await?;
    check_rows(subject, url, &r, rows)?;
    Ok(sample(&r, 0.0))
}

/// Clicks and waits for the re-rendered `rows` rows; the times are since the click.
async fn click(client: &Client, subject: &Subject, selector: &str, rows: usize) -> Result<Value> {
    let args = vec![json!(selector), json!(subject.mark), json!(WAIT_MS)];
    let r = execute_async(client, &format!("{FRAME_END}{CLICK_AND_WAIT}"), args).await?;
    check_rows(subject, selector, &r, rows)?;
    if r["first_row"] == r["first_row_before"] {
        return Err(format!(
            "{}: clicking {selector} did not change the first row: {r}",
            subject.key
        ));
    }
    Ok(sample(&r, r["click"].as_f64().unwrap_or(0.0)))
}

fn check_rows(subject: &Subject, what: &str, r: &Value, rows: usize) -> Result<()> {
    if let Some(error) = r.get("error") {
        return Err(format!("{} ({what}): {error}\n{}", subject.key, r["text"]));
    }
    if r["rows"].as_u64() != Some(rows as u64) {
        return Err(format!(
            "{} ({what}): expected {rows} rows when the mark was set, saw {}",
            subject.key, r["rows"]
        ));
    }
    Ok(())
}

/// Total, and its split: until the list request left (for a page load: until the page
/// asked for `config.json`, i.e. its code ran, then until the list request), the request
/// on loopback, and from the complete answer to the rendered rows (parse, DOM, the
/// frame's callback).
fn sample(r: &Value, origin: f64) -> Value {
    let at = |key: &str| r[key].as_f64().unwrap_or(f64::NAN);
    let (mark, start, end) = (at("mark"), at("request_start"), at("response_end"));
    let mut sample = json!({
        "code_transferred": r["code_transferred"],
        "total_ms": round(mark - origin),
        "until_request_ms": round(start - origin),
        "request_ms": round(end - start),
        "render_ms": round(mark - end),
        "painted_ms": round(at("painted") - origin),
    });
    if r.get("config_start").is_some() {
        let config = at("config_start");
        sample["until_config_ms"] = round(config - origin);
        sample["config_to_request_ms"] = round(start - config);
    }
    sample
}

fn round(ms: f64) -> Value {
    if ms.is_finite() {
        json!((ms * 10.0).round() / 10.0)
    } else {
        Value::Null
    }
}

fn median(mut values: Vec<f64>) -> Value {
    if values.is_empty() {
        return Value::Null;
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let m = if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    };
    round(m)
}

/// Median of each part over the runs, and the runs' totals.
fn summarize(samples: &[Value]) -> Value {
    let field =
        |name: &str| -> Vec<f64> { samples.iter().filter_map(|s| s[name].as_f64()).collect() };
    let mut summary = json!({
        "median_ms": median(field("total_ms")),
        "runs_ms": field("total_ms"),
        "median_until_request_ms": median(field("until_request_ms")),
        "median_request_ms": median(field("request_ms")),
        "median_render_ms": median(field("render_ms")),
        "median_painted_ms": median(field("painted_ms")),
    });
    for part in ["until_config_ms", "config_to_request_ms"] {
        let values = field(part);
        if !values.is_empty() {
            summary[format!("median_{part}")] = median(values);
        }
    }
    summary
}

/// The JS heap (after forced GC) with 1,000 rows on screen, then after every
/// `REFRESH_BATCH` of `total` refreshes of them. The stand-in's running jobs change
/// duration on every answer, so each refresh also replaces some rows. A leak shows as
/// growth that goes on from batch to batch; a one-off rise to a plateau is the
/// allocator's high-water mark.
async fn heap(client: &Client, subject: &Subject, total: usize) -> Result<Value> {
    let url = format!("{}/?per_page=1000", subject.server.url());
    load(client, subject, &url, JOBS).await?;
    let features = execute_async(client, FEATURES, vec![]).await?;
    let mut series = Vec::new();
    let (mut refreshes, mut recreated) = (0, 0);
    loop {
        // The first pass only reads the heap.
        if !series.is_empty() {
            let batch = REFRESH_BATCH.min(total - refreshes);
            refreshes += batch;
            let args = vec![json!(batch), json!(subject.mark), json!(WAIT_MS)];
            let done = execute_async(client, REFRESH_LOOP, args).await?;
            if let Some(error) = done.get("error") {
                return Err(format!("{}: refreshing: {error}", subject.key));
            }
            if done["rows"].as_u64() != Some(JOBS as u64) {
                return Err(format!(
                    "{}: {} rows after refreshing, not {JOBS}",
                    subject.key, done["rows"]
                ));
            }
            recreated += done["rows_recreated"].as_u64().unwrap_or(0);
        }
        let mut figures = execute_async(client, HEAP, vec![]).await?;
        if let Some(error) = figures.get("error") {
            return Err(format!("{}: reading the heap: {error}", subject.key));
        }
        figures["refreshes"] = json!(refreshes);
        series.push(figures);
        if refreshes >= total {
            break;
        }
    }
    let (first, last) = (&series[0], &series[series.len() - 1]);
    let growth = |key: &str| match (first[key].as_i64(), last[key].as_i64()) {
        (Some(a), Some(b)) => json!(b - a),
        _ => Value::Null,
    };
    Ok(json!({
        "features": features,
        "rows_recreated": recreated,
        "rows_recreated_per_refresh": recreated as f64 / refreshes.max(1) as f64,
        "js_heap_after_1000_rows": first["js_heap"],
        "js_heap_after_refreshes": last["js_heap"],
        "js_heap_growth": growth("js_heap"),
        "dom_nodes_after_1000_rows": first["dom_nodes"],
        "dom_nodes_after_refreshes": last["dom_nodes"],
        "wasm_memory_after_1000_rows": first["wasm_memory"],
        "wasm_memory_after_refreshes": last["wasm_memory"],
        "wasm_memory_growth": growth("wasm_memory"),
        "series": series,
    }))
}

/// The timings start once the 1-minute load average is at most this (a build just
/// before leaves ~5 on 2 cores, and skews every figure)...
const SETTLED_LOAD: f64 = 1.5;
/// ...or after this long, whichever comes first; the report gives the load either way.
const MAX_SETTLE: Duration = Duration::from_secs(150);

/// Waits (at most [`MAX_SETTLE`]) for the load of a build just before to pass.
fn settle_load() {
    let started = Instant::now();
    let mut said = false;
    while let Some(load) = load_average().filter(|&l| l > SETTLED_LOAD) {
        if started.elapsed() >= MAX_SETTLE {
            println!("bench: load average still {load:.2}; timing anyway");
            return;
        }
        if !said {
            println!("bench: waiting for the load average ({load:.2}) to fall to {SETTLED_LOAD}");
            said = true;
        }
        std::thread::sleep(Duration::from_secs(5));
    }
}

/// The machine's 1-minute load average (`None` where `/proc/loadavg` is missing): the
/// figures mean little when it is high.
fn load_average() -> Option<f64> {
    fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

async fn js(client: &Client, script: &str) -> Result<Value> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("script failed: {e}\n{script}"))
}

async fn execute_async(client: &Client, script: &str, args: Vec<Value>) -> Result<Value> {
    client
        .execute_async(script, args)
        .await
        .map_err(|e| format!("script failed: {e}\n{script}"))
}

/// Turns the HTTP cache (and with it V8's cached wasm code) off or on, through the
/// DevTools protocol that chromedriver relays.
/// A cold load is a first visit: no HTTP cache (below) and no compiled code kept in
/// memory. V8 keeps a compiled wasm module in memory while anything still holds it and
/// hands it to the next page that streams the same bytes, with no compilation at all.
/// Whether the last page's module was still held when the next cold load came depended
/// on when the garbage collector last ran: the console's cold first rows took 63 or 72 ms
/// (README, "Why the cold figure swung"). Leaving the page for a blank one and collecting
/// garbage there frees it, as a first visit has none; the plain page gets the same.
async fn forget_compiled_code(client: &Client) -> Result<()> {
    client
        .goto("about:blank")
        .await
        .map_err(|e| format!("navigating to about:blank: {e}"))?;
    for cmd in [
        "HeapProfiler.enable",
        "HeapProfiler.collectGarbage",
        "HeapProfiler.collectGarbage",
        "HeapProfiler.disable",
    ] {
        cdp(client, cmd, json!({})).await?;
    }
    Ok(())
}

async fn set_cache_disabled(client: &Client, disabled: bool) -> Result<()> {
    cdp(client, "Network.enable", json!({})).await?;
    cdp(
        client,
        "Network.setCacheDisabled",
        json!({ "cacheDisabled": disabled }),
    )
    .await
}

/// One Chrome DevTools Protocol command, through chromedriver.
async fn cdp(client: &Client, cmd: &str, params: Value) -> Result<()> {
    client
        .issue_cmd(DriverCommand {
            path: "goog/cdp/execute",
            body: json!({ "cmd": cmd, "params": params }),
        })
        .await
        .map(drop)
        .map_err(|e| format!("{cmd}: {e}"))
}

/// A chromedriver process, killed when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Headless Chromium through chromedriver, with the flags of the end-to-end tests plus
/// an exact heap figure and a `gc()` to call before reading it.
async fn browser() -> Result<(Client, Driver)> {
    let chromedriver =
        std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let port = free_port();
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            format!("cannot start {chromedriver}: {e} (`cargo xtask setup` installs it)")
        })?;
    let driver = Driver(child);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                "--enable-precise-memory-info", "--js-flags=--expose-gc"
            ]
        }),
    );
    let started = Instant::now();
    let client = loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(_) if started.elapsed() < Duration::from_secs(15) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => {
                return Err(format!(
                    "cannot open a Chromium session through chromedriver: {e}"
                ))
            }
        }
    };
    client
        .update_timeouts(TimeoutConfiguration::new(
            Some(Duration::from_secs(120)),
            Some(Duration::from_secs(60)),
            Some(Duration::ZERO),
        ))
        .await
        .map_err(|e| format!("setting WebDriver timeouts: {e}"))?;
    Ok((client, driver))
}
