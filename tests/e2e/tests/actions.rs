//! Job actions end to end (issue #10's proof list, and #13's "restart and open"): stop,
//! restart, delete, bulk actions, refusals, the detail panel and its description editor,
//! create, read-only deployments, Chinese texts, accessibility and the keyboard. The
//! release build in headless Chromium against the stand-in, one fresh browser and server
//! per test, with short asynchronous phases so a job's outcome shows within seconds.

use std::time::{Duration, Instant};

use fantoccini::{wd::WindowHandle, Locator};
use mock_api::{now_ms, RecordedRequest, Route};
use serde_json::{json, Value};
use vizjobs_e2e::{
    config_json, serious_accessibility_violations, DemoJob, Fault, Options, Page, WAIT,
};

const JOBS: &str = "/v1/demo-project/visualization-jobs";

const ESCAPE: &str = "\u{E00C}";
const TAB: &str = "\u{E004}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";
const ENTER: &str = "\u{E007}";
/// Ctrl+A, then Backspace: empties a text field the way a person does.
const SELECT_ALL_AND_DELETE: &str = "\u{E009}a\u{E000}\u{E003}";

/// One job of the test data. Its TensorBoard address is `{service_base}…`, where the
/// stand-in substitutes `{project_id}`.
fn job(job_id: u64, job_name: &str, status: i64, service_base: &str) -> DemoJob {
    let hour = 3_600_000;
    DemoJob {
        job_id,
        job_name: job_name.into(),
        status,
        create_time: now_ms() - (10 - job_id as i64) * hour,
        duration: if status == 8 { 0 } else { hour / 2 },
        job_desc: format!("desc of {job_name}"),
        service_url: format!("{service_base}{job_id}/"),
        train_url: format!("/bucket/{job_name}/"),
        resource_id: format!("res-{job_id}"),
    }
}

/// Two running jobs, three finished ones (completed, canceled, failed) and one queuing.
fn jobs_with(service_base: &str) -> Vec<DemoJob> {
    [
        (1, "tb-running-a", 8),
        (2, "tb-running-b", 8),
        (3, "tb-completed", 10),
        (4, "tb-canceled", 12),
        (5, "tb-failed", 11),
        (6, "tb-queuing", 7),
    ]
    .into_iter()
    .map(|(id, name, status)| job(id, name, status, service_base))
    .collect()
}

fn jobs() -> Vec<DemoJob> {
    jobs_with("https://console.example.com/modelarts/tensorboard/{project_id}/")
}

/// The test data, with each asynchronous phase (canceling, initializing, queuing, the
/// wait before a delete) lasting `step_ms`.
fn options_with_step(step_ms: u64) -> Options {
    Options {
        jobs: Some(jobs()),
        action_step: Duration::from_millis(step_ms),
        ..Options::default()
    }
}

fn options() -> Options {
    options_with_step(300)
}

fn options_with_config(extra: &[(&str, Value)]) -> Options {
    Options {
        config_json: Some(config_json(extra)),
        ..options()
    }
}

/// CSS for the row of one job.
fn row(id: &str) -> String {
    format!("[data-testid='job-row'][data-job-id='{id}']")
}

/// A JS expression for an element inside one job's row.
fn in_row(id: &str, testid: &str) -> String {
    format!(
        "document.querySelector(\"{} [data-testid='{testid}']\")",
        row(id)
    )
}

/// A JS expression for an element inside the detail panel.
fn in_detail(testid: &str) -> String {
    format!("document.querySelector(\"[data-testid='job-detail'] [data-testid='{testid}']\")")
}

async fn js_str(page: &Page, script: &str) -> String {
    match page.js(script).await {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

async fn click_css(page: &Page, css: &str) {
    page.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn click_in_row(page: &Page, id: &str, testid: &str) {
    click_css(page, &format!("{} [data-testid='{testid}']", row(id))).await;
}

async fn row_status(page: &Page, id: &str) -> String {
    js_str(
        page,
        &format!(
            "return {}?.dataset.status ?? 'no row';",
            in_row(id, "status-badge")
        ),
    )
    .await
}

async fn row_pending(page: &Page, id: &str) -> Option<String> {
    match page
        .js(&format!(
            "return document.querySelector(\"{}\")?.getAttribute('data-pending') ?? null;",
            row(id)
        ))
        .await
    {
        Value::String(s) => Some(s),
        _ => None,
    }
}

async fn wait_pending(page: &Page, id: &str, verb: &str) {
    page.wait_until(
        &format!("job {id} pending {verb}"),
        &format!(
            "document.querySelector(\"{}\")?.dataset.pending === '{verb}'",
            row(id)
        ),
    )
    .await;
}

/// Waits until the job's row shows `status` and no pending action.
async fn wait_settled_in(page: &Page, id: &str, status: i64) {
    page.wait_until(
        &format!("job {id} in status {status}, nothing pending"),
        &format!(
            "(() => {{ const r = document.querySelector(\"{}\"); \
             return r && !r.hasAttribute('data-pending') && \
             r.querySelector(\"[data-testid='status-badge']\")?.dataset.status === '{status}'; }})()",
            row(id)
        ),
    )
    .await;
}

/// The outcome texts reported for one job, `ok` or `failed`, oldest first.
async fn outcomes(page: &Page, id: &str, outcome: &str) -> Vec<String> {
    texts_of(
        page,
        &format!("[data-testid=action-status] [data-outcome={outcome}][data-job-id='{id}']"),
    )
    .await
}

/// Waits until an outcome of that kind for that job contains `text`.
async fn wait_outcome(page: &Page, id: &str, outcome: &str, text: &str) {
    let text_js = serde_json::to_string(text).unwrap();
    page.wait_until(
        &format!("a {outcome} outcome for job {id} saying {text}"),
        &format!(
            "[...document.querySelectorAll(\"[data-testid=action-status] [data-outcome={outcome}][data-job-id='{id}']\")] \
             .some(p => p.textContent.includes({text_js}))"
        ),
    )
    .await;
}

async fn wait_dialog(page: &Page) {
    page.wait_until(
        "the confirmation dialog",
        "document.querySelector('[data-testid=confirm-dialog]')",
    )
    .await;
}

async fn wait_no(page: &Page, testid: &str) {
    page.wait_until(
        &format!("no {testid}"),
        &format!("!document.querySelector(\"[data-testid='{testid}']\")"),
    )
    .await;
}

async fn wait_for(page: &Page, testid: &str) {
    page.wait_until(
        testid,
        &format!("document.querySelector(\"[data-testid='{testid}']\")"),
    )
    .await;
}

/// Presses keys on whatever has the focus.
async fn press(page: &Page, keys: &str) {
    page.client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(keys)
        .await
        .expect("keys");
}

/// The `data-testid` of the focused element, and whether it is inside `container`.
async fn focus(page: &Page, container: &str) -> (String, bool) {
    let v = page
        .js(&format!(
            "const a = document.activeElement; \
             return [a?.dataset?.testid ?? a?.tagName ?? '', !!a?.closest(\"[data-testid='{container}']\")];"
        ))
        .await;
    (
        v[0].as_str().unwrap_or_default().to_string(),
        v[1] == Value::Bool(true),
    )
}

/// Replaces a text field's content by typing, as a person does.
async fn type_into(page: &Page, css: &str, text: &str) {
    let field = page
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no {css}: {e}"));
    field.click().await.expect("focus the field");
    field
        .send_keys(&format!("{SELECT_ALL_AND_DELETE}{text}"))
        .await
        .expect("typing");
}

/// Sets a long value at once (typing hundreds of characters adds nothing), with the
/// `input` event typing would fire.
async fn paste_into(page: &Page, testid: &str, text: &str) {
    let text_js = serde_json::to_string(text).unwrap();
    page.js(&format!(
        "const f = document.querySelector(\"[data-testid='{testid}']\"); f.focus(); f.value = {text_js}; \
         f.dispatchEvent(new InputEvent('input', {{ bubbles: true, inputType: 'insertFromPaste' }})); return null;"
    ))
    .await;
}

async fn wait_changes(page: &Page, n: usize) -> Vec<RecordedRequest> {
    let started = Instant::now();
    loop {
        let changes = page.server.change_requests();
        if changes.len() >= n {
            return changes;
        }
        assert!(
            started.elapsed() < WAIT,
            "the stand-in got {} change requests, not {n}: {changes:#?}",
            changes.len()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

fn assert_change(request: &RecordedRequest, method: &str, path: &str) {
    assert_eq!(request.method, method, "{request:?}");
    assert_eq!(request.path, path, "{request:?}");
    assert_eq!(
        request.requested_with.as_deref(),
        Some("vizjobs"),
        "{request:?}"
    );
}

fn body_of(request: &RecordedRequest) -> Value {
    assert!(
        request
            .content_type
            .as_deref()
            .is_some_and(|t| t.starts_with("application/json")),
        "a body is sent as JSON: {request:?}"
    );
    serde_json::from_str(&request.body).unwrap_or_else(|e| panic!("{e}: {request:?}"))
}

fn refusal(code: &str, message: &str) -> Fault {
    Fault::Raw {
        status: 400,
        content_type: "application/json".into(),
        body: json!({"is_success": false, "error_code": code, "error_message": message})
            .to_string(),
    }
}

async fn wait_windows(page: &Page, n: usize) -> Vec<WindowHandle> {
    let started = Instant::now();
    loop {
        let windows = page.client.windows().await.expect("window handles");
        if windows.len() == n {
            return windows;
        }
        assert!(
            started.elapsed() < WAIT,
            "expected {n} windows, there are {}",
            windows.len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Every `field-error` shown, as (the field's testid, the message).
async fn field_errors(page: &Page) -> Vec<(String, String)> {
    let v = page
        .js("return [...document.querySelectorAll('[data-testid=field-error]')].map(e => [e.dataset.field ?? '', e.textContent]);")
        .await;
    serde_json::from_value(v).expect("pairs")
}

/// Waits until the field shows an error containing `text` (or none, for `None`).
async fn wait_field_error(page: &Page, field: &str, text: Option<&str>) {
    let condition = match text {
        Some(text) => format!(
            "[...document.querySelectorAll(\"[data-testid=field-error][data-field='{field}']\")].some(e => e.textContent.includes({}))",
            serde_json::to_string(text).unwrap()
        ),
        None => format!("!document.querySelector(\"[data-testid=field-error][data-field='{field}']\")"),
    };
    page.wait_until(&format!("{field}: {text:?}"), &condition)
        .await;
}

async fn is_disabled(page: &Page, css: &str) -> bool {
    page.js(&format!(
        "return document.querySelector(\"{css}\").disabled;"
    ))
    .await
        == Value::Bool(true)
}

/// The text of every element a CSS selector finds.
async fn texts_of(page: &Page, selector: &str) -> Vec<String> {
    let v = page
        .js(&format!(
            "return [...document.querySelectorAll(\"{selector}\")].map(e => e.textContent);"
        ))
        .await;
    serde_json::from_value(v).expect("a list of texts")
}

// 1. Stop from a row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stop_from_a_row_asks_first_then_follows_the_job_to_canceled() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    assert_eq!(row_status(&page, "1").await, "8");

    // Cancel, with the button.
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    let dialog = page.text("confirm-dialog").await;
    assert!(dialog.contains("Stop this job?"), "{dialog}");
    assert!(dialog.contains("tb-running-a"), "names the job: {dialog}");
    assert_eq!(
        page.strings_of("[data-testid=confirm-jobs] li", "data-job-id")
            .await,
        ["1"]
    );
    assert_eq!(
        js_str(&page, "const d = document.querySelector('[data-testid=confirm-dialog]'); return d.getAttribute('role') + ' ' + d.getAttribute('aria-modal');").await,
        "dialog true"
    );
    page.click("cancel").await;
    wait_no(&page, "confirm-dialog").await;

    // Cancel, with Escape.
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    press(&page, ESCAPE).await;
    wait_no(&page, "confirm-dialog").await;
    assert_eq!(row_status(&page, "1").await, "8");
    assert_eq!(row_pending(&page, "1").await, None);

    // Confirm.
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    page.click("confirm").await;
    wait_no(&page, "confirm-dialog").await;
    wait_pending(&page, "1", "stop").await;
    let changes = wait_changes(&page, 1).await;
    assert_eq!(
        changes.len(),
        1,
        "cancel and Escape sent nothing: {changes:#?}"
    );
    assert_change(&changes[0], "POST", &format!("{JOBS}/1/stop"));
    assert_eq!(changes[0].body, "", "stop has no body");
    wait_outcome(&page, "1", "ok", "accepted").await;
    assert!(
        page.js(&format!("return {}.disabled;", in_row("1", "action-stop")))
            .await
            == Value::Bool(true),
        "no second stop while one is pending"
    );

    wait_settled_in(&page, "1", 12).await;
    wait_outcome(&page, "1", "ok", "tb-running-a stopped.").await;
    assert!(outcomes(&page, "1", "failed").await.is_empty());
    assert_eq!(
        page.take_requests(),
        [JOBS, JOBS],
        "the first load, then one follow-up a second later that already showed the outcome \
         (auto-refresh is off in the test config)"
    );
    assert_eq!(
        page.server
            .jobs()
            .iter()
            .find(|j| j.job_id == 1)
            .map(|j| j.status),
        Some(12)
    );
    assert_eq!(
        page.server.change_requests().len(),
        1,
        "one confirmation, one request"
    );
    page.close().await;
}

// 2. Restart from a row: no confirmation.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_from_a_row_needs_no_confirmation_and_ends_running() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    assert_eq!(row_status(&page, "3").await, "10");
    assert!(
        is_disabled(&page, &format!("{} [data-testid=action-stop]", row("3"))).await,
        "a completed job cannot be stopped"
    );
    assert!(
        is_disabled(&page, &format!("{} [data-testid=action-restart]", row("1"))).await,
        "a running job cannot be restarted"
    );

    click_in_row(&page, "3", "action-restart").await;
    wait_pending(&page, "3", "restart").await;
    assert!(!page.exists("confirm-dialog").await, "no confirmation");
    let changes = wait_changes(&page, 1).await;
    assert_change(&changes[0], "POST", &format!("{JOBS}/3/restart"));
    wait_outcome(&page, "3", "ok", "accepted").await;

    wait_settled_in(&page, "3", 8).await;
    wait_outcome(&page, "3", "ok", "tb-completed is running.").await;
    assert!(
        page.js(&format!("return !!{};", in_row("3", "service-link")))
            .await
            == Value::Bool(true),
        "the running job links to its TensorBoard"
    );
    page.close().await;
}

// 3. Delete from a row.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_from_a_row_asks_first_then_the_row_goes() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;

    click_in_row(&page, "4", "action-delete").await;
    wait_dialog(&page).await;
    let dialog = page.text("confirm-dialog").await;
    assert!(dialog.contains("Delete this job?"), "{dialog}");
    assert!(dialog.contains("tb-canceled"), "{dialog}");
    assert!(dialog.contains("cannot be undone"), "{dialog}");
    page.click("confirm").await;

    wait_pending(&page, "4", "delete").await;
    let changes = wait_changes(&page, 1).await;
    assert_change(&changes[0], "DELETE", &format!("{JOBS}/4"));
    page.wait_until(
        "the deleted row to go",
        &format!("!document.querySelector(\"{}\")", row("4")),
    )
    .await;
    page.wait_rows(5).await;
    wait_outcome(&page, "4", "ok", "tb-canceled deleted.").await;
    assert!(page.server.jobs().iter().all(|j| j.job_id != 4));
    page.close().await;
}

// 4. Bulk stop and delete.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_stop_touches_only_the_running_and_bulk_delete_every_selected() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    assert_eq!(page.text("selection-count").await, "0 selected");
    assert!(is_disabled(&page, "[data-testid=bulk-stop]").await);
    assert!(is_disabled(&page, "[data-testid=bulk-delete]").await);

    for id in ["1", "2", "3"] {
        click_in_row(&page, id, "row-select").await;
    }
    page.wait_until(
        "three selected",
        "document.querySelector('[data-testid=selection-count]').textContent === '3 selected'",
    )
    .await;
    page.click("bulk-stop").await;
    wait_dialog(&page).await;
    let dialog = page.text("confirm-dialog").await;
    assert!(dialog.contains("Stop these 2 jobs?"), "{dialog}");
    assert_eq!(
        page.strings_of("[data-testid=confirm-jobs] li", "data-job-id")
            .await,
        ["1", "2"],
        "only the running ones"
    );
    let skipped = page.text("confirm-skipped").await;
    assert!(
        skipped.contains("tb-completed"),
        "names the one left out: {skipped}"
    );
    page.click("confirm").await;

    let changes = wait_changes(&page, 2).await;
    let mut paths: Vec<_> = changes.iter().map(|c| c.path.clone()).collect();
    paths.sort();
    assert_eq!(paths, [format!("{JOBS}/1/stop"), format!("{JOBS}/2/stop")]);
    for change in &changes {
        assert_eq!(change.requested_with.as_deref(), Some("vizjobs"));
    }
    wait_settled_in(&page, "1", 12).await;
    wait_settled_in(&page, "2", 12).await;
    wait_outcome(&page, "1", "ok", "tb-running-a stopped.").await;
    wait_outcome(&page, "2", "ok", "tb-running-b stopped.").await;
    assert_eq!(row_status(&page, "3").await, "10", "the skipped job stays");
    assert_eq!(page.server.change_requests().len(), 2);

    // Select all, delete all.
    click_css(&page, "[data-testid=select-all]").await;
    page.wait_until(
        "six selected",
        "document.querySelector('[data-testid=selection-count]').textContent === '6 selected'",
    )
    .await;
    assert_eq!(
        page.js("return [...document.querySelectorAll('[data-testid=row-select]')].every(b => b.checked);")
            .await,
        Value::Bool(true),
        "every row box is checked"
    );
    page.click("bulk-delete").await;
    wait_dialog(&page).await;
    let dialog = page.text("confirm-dialog").await;
    assert!(dialog.contains("Delete these 6 jobs?"), "{dialog}");
    assert_eq!(
        page.strings_of("[data-testid=confirm-jobs] li", "data-job-id")
            .await,
        ["1", "2", "3", "4", "5", "6"]
    );
    page.click("confirm").await;

    let changes = wait_changes(&page, 8).await;
    let mut deleted: Vec<_> = changes[2..]
        .iter()
        .inspect(|c| assert_eq!(c.method, "DELETE", "{c:?}"))
        .map(|c| c.path.clone())
        .collect();
    deleted.sort();
    assert_eq!(
        deleted,
        (1..=6).map(|i| format!("{JOBS}/{i}")).collect::<Vec<_>>()
    );
    page.wait_until(
        "every row gone",
        "!document.querySelector('[data-testid=job-row]') && document.querySelector('[data-testid=empty-state]')",
    )
    .await;
    for (id, name) in [
        ("1", "tb-running-a"),
        ("2", "tb-running-b"),
        ("3", "tb-completed"),
        ("4", "tb-canceled"),
        ("5", "tb-failed"),
        ("6", "tb-queuing"),
    ] {
        wait_outcome(&page, id, "ok", &format!("{name} deleted.")).await;
    }
    assert_eq!(page.text("selection-count").await, "0 selected");
    assert!(page.server.jobs().is_empty());
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_stop_reports_each_job_when_one_is_refused() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    // Whichever stop arrives first is refused.
    page.server.push_fault_for(
        Route::Stop,
        refusal("ModelArts.0105", "This job can't be stop. job status: 9"),
    );
    click_in_row(&page, "1", "row-select").await;
    click_in_row(&page, "2", "row-select").await;
    page.click("bulk-stop").await;
    wait_dialog(&page).await;
    page.click("confirm").await;
    let changes = wait_changes(&page, 2).await;
    let refused = if changes[0].path.ends_with("/1/stop") {
        ("1", "tb-running-a", "2")
    } else {
        ("2", "tb-running-b", "1")
    };
    let (refused_id, refused_name, accepted_id) = refused;
    wait_outcome(
        &page,
        refused_id,
        "failed",
        &format!("Could not stop {refused_name}: not allowed while the job is Canceling"),
    )
    .await;
    wait_settled_in(&page, accepted_id, 12).await;
    wait_outcome(&page, accepted_id, "ok", "stopped.").await;
    assert_eq!(row_status(&page, refused_id).await, "8");
    assert_eq!(row_pending(&page, refused_id).await, None);
    assert!(outcomes(&page, refused_id, "ok").await.is_empty());
    assert!(outcomes(&page, accepted_id, "failed").await.is_empty());
    assert_eq!(
        page.text("selection-count").await,
        "1 selected",
        "the refused job stays selected, to try again"
    );
    page.close().await;
}

// 5. A refusal is shown and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_stop_names_the_job_and_the_reason_and_leaves_the_row() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    page.server.push_fault_for(
        Route::Stop,
        refusal("ModelArts.0105", "This job can't be stop. job status: 9"),
    );
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    page.click("confirm").await;

    wait_outcome(&page, "1", "failed", "tb-running-a").await;
    let failed = outcomes(&page, "1", "failed").await;
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        failed[0].contains("Could not stop tb-running-a"),
        "{failed:?}"
    );
    assert!(
        failed[0].contains("not allowed while the job is Canceling"),
        "the reason, with the status in words: {failed:?}"
    );
    assert!(
        outcomes(&page, "1", "ok").await.is_empty(),
        "nothing was accepted"
    );
    assert_change(
        &page.server.change_requests()[0],
        "POST",
        &format!("{JOBS}/1/stop"),
    );
    page.wait_until(
        "the stop button back",
        &format!("!{}.disabled", in_row("1", "action-stop")),
    )
    .await;
    assert_eq!(row_status(&page, "1").await, "8");
    assert_eq!(row_pending(&page, "1").await, None);
    assert!(!page.exists("error-panel").await, "the list is as it was");
    page.close().await;
}

// 6. The detail panel: deep link, close, Back and Forward.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_opens_the_detail_panel_from_the_detail_endpoint() {
    // Job 5 is not on the listed page: only the detail endpoint can fill the panel.
    let page = Page::open(options(), "/?per_page=2&job=5").await;
    page.wait_rows(2).await;
    page.wait_until(
        "the panel filled",
        &format!("{}?.textContent === 'tb-failed'", in_detail("job-name")),
    )
    .await;
    assert_eq!(
        page.attrs("job-detail", "data-job-id").await,
        ["5"],
        "one panel, for job 5"
    );
    assert!(
        page.server.detail_requests().contains(&format!("{JOBS}/5")),
        "{:?}",
        page.server.detail_requests()
    );
    let detail_text =
        |testid: &str| format!("return {}?.textContent ?? 'missing';", in_detail(testid));
    assert_eq!(
        js_str(
            &page,
            &format!("return {}?.dataset.status;", in_detail("status-badge"))
        )
        .await,
        "11"
    );
    assert_eq!(js_str(&page, &detail_text("job-id")).await, "5");
    assert_eq!(
        js_str(&page, &detail_text("train-url")).await,
        "/bucket/tb-failed/"
    );
    assert_eq!(js_str(&page, &detail_text("resource-id")).await, "res-5");
    assert_eq!(
        js_str(&page, &detail_text("job-desc")).await,
        "desc of tb-failed"
    );
    assert_eq!(
        js_str(&page, &detail_text("job-type")).await,
        "tensorboard",
        "a field only the detail endpoint sends"
    );
    assert_ne!(js_str(&page, &detail_text("detail-schedule")).await, "");
    assert_ne!(
        js_str(&page, &detail_text("detail-schedule")).await,
        "missing"
    );
    assert_eq!(js_str(&page, &detail_text("detail-remaining")).await, "—");
    assert_eq!(
        page.js(&format!("return !!{};", in_detail("service-link")))
            .await,
        Value::Bool(false),
        "no link for a job that is not running"
    );

    page.click("detail-close").await;
    wait_no(&page, "job-detail").await;
    assert_eq!(
        page.search().await,
        "?per_page=2",
        "closing removes job, keeps the rest"
    );

    page.client.back().await.expect("back");
    page.wait_until(
        "the panel again",
        &format!("{}?.textContent === 'tb-failed'", in_detail("job-name")),
    )
    .await;
    assert_eq!(
        js_str(
            &page,
            "return new URLSearchParams(location.search).get('job');"
        )
        .await,
        "5"
    );
    page.client.forward().await.expect("forward");
    wait_no(&page, "job-detail").await;
    assert_eq!(page.search().await, "?per_page=2");

    // A name in the list opens its job, as a history entry of its own.
    click_css(
        &page,
        &format!("{} [data-testid=job-name] button", row("1")),
    )
    .await;
    page.wait_until(
        "job 1's panel",
        &format!("{}?.textContent === 'tb-running-a'", in_detail("job-name")),
    )
    .await;
    // The keyboard is in the panel at once: on its heading.
    page.wait_until(
        "the focus on the panel's heading",
        "document.activeElement?.id === 'detail-title'",
    )
    .await;
    assert_eq!(
        js_str(
            &page,
            "return new URLSearchParams(location.search).get('job');"
        )
        .await,
        "1"
    );
    assert_eq!(
        page.js(&format!("return !!{};", in_detail("service-link")))
            .await,
        Value::Bool(true),
        "a running job's panel links to its TensorBoard"
    );
    assert_ne!(js_str(&page, &detail_text("detail-remaining")).await, "");
    page.client.back().await.expect("back");
    wait_no(&page, "job-detail").await;
    assert_eq!(page.search().await, "?per_page=2");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_to_an_unknown_job_says_so_in_the_panel() {
    let page = Page::open(options(), "/?job=999").await;
    page.wait_rows(6).await;
    page.wait_until(
        "the panel's error",
        &format!(
            "{}?.dataset.errorCode === 'ModelArts.0102'",
            in_detail("detail-error")
        ),
    )
    .await;
    assert_eq!(page.attrs("job-detail", "data-job-id").await, ["999"]);
    assert!(page
        .server
        .detail_requests()
        .contains(&format!("{JOBS}/999")));
    page.click("detail-close").await;
    wait_no(&page, "job-detail").await;
    assert_eq!(page.search().await, "");
    page.close().await;
}

/// Waits until the detail panel shows `desc` and has stopped reloading.
async fn settled_panel(page: &Page, desc: &str) {
    page.wait_until(
        "the panel",
        &format!("{}?.textContent === '{desc}'", in_detail("job-desc")),
    )
    .await;
    page.wait_detail_settled().await;
}

/// Waits until the stand-in has had more than `seen` detail requests.
async fn wait_new_detail_request(page: &Page, seen: usize, failure: &str) {
    let started = Instant::now();
    while page.server.detail_requests().len() == seen {
        assert!(started.elapsed() < Duration::from_secs(10), "{failure}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Focuses the panel's copy button for the job ID, then refreshes the list
/// `refreshes` times (a script click: the focus stays where it is), checking after
/// each that the panel followed and the focus is still on that button.
async fn refreshes_keep_the_focus_in_the_panel(page: &Page, desc: &str, refreshes: usize) {
    page.js(&format!(
        "{}.focus(); return null;",
        in_detail("copy-job_id")
    ))
    .await;
    let focused = "return document.activeElement?.closest(\"[data-testid='job-detail']\") \
                   ? document.activeElement.dataset.testid : 'outside the panel';";
    assert_eq!(js_str(page, focused).await, "copy-job_id");
    for _ in 0..refreshes {
        let detail_requests = page.server.detail_requests().len();
        page.js("document.querySelector('[data-testid=refresh]').click(); return null;")
            .await;
        wait_new_detail_request(page, detail_requests, "the panel did not follow the list").await;
        settled_panel(page, desc).await;
        assert_eq!(js_str(page, focused).await, "copy-job_id");
    }
}

/// The panel follows the list: each list answer fetches the open job's details again,
/// so a status change shows in both. An answer that changes nothing about the job
/// leaves the panel as it is, so the keyboard focus in it survives auto-refreshes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_refresh_fetches_the_details_again_and_keeps_the_focus_in_the_panel() {
    let page = Page::open(options(), "/?job=3").await;
    page.wait_rows(6).await;
    settled_panel(&page, "desc of tb-completed").await;
    refreshes_keep_the_focus_in_the_panel(&page, "desc of tb-completed", 1).await;
    page.close().await;
}

/// A running job's details come back with a longer duration each time: the panel
/// moves its figures on without rebuilding, so the focus in it survives refreshes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_jobs_panel_keeps_the_focus_while_its_duration_moves_on() {
    let page = Page::open(options(), "/?job=1").await;
    page.wait_rows(6).await;
    settled_panel(&page, "desc of tb-running-a").await;
    let duration = format!("return {}?.textContent ?? '';", in_detail("duration"));
    let first = js_str(&page, &duration).await;
    assert!(!first.is_empty(), "a running job shows its duration");
    refreshes_keep_the_focus_in_the_panel(&page, "desc of tb-running-a", 2).await;
    // The figures still move with the clock.
    let started = Instant::now();
    while js_str(&page, &duration).await == first {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the duration stopped at {first}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    page.close().await;
}

// 7. The description editor.
/// A list refresh while the description is being edited keeps the editor, the text
/// typed so far and the focus; the panel catches up once the editor closes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refresh_while_the_description_is_edited_keeps_the_draft() {
    let page = Page::open(options(), "/?job=3").await;
    page.wait_rows(6).await;
    settled_panel(&page, "desc of tb-completed").await;
    page.click("edit-desc").await;
    wait_for(&page, "desc-input").await;
    type_into(&page, "[data-testid=desc-input]", "half-typed").await;
    let detail_requests = page.server.detail_requests().len();
    page.take_requests();
    // A script click: the focus stays where the person is typing.
    page.js("document.querySelector('[data-testid=refresh]').click(); return null;")
        .await;
    page.wait_request("the refresh", |_| true).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        js_str(
            &page,
            "return document.querySelector('[data-testid=desc-input]')?.value ?? 'no editor';"
        )
        .await,
        "half-typed"
    );
    assert_eq!(
        js_str(
            &page,
            "return document.activeElement?.dataset.testid ?? '';"
        )
        .await,
        "desc-input"
    );
    assert_eq!(page.server.detail_requests().len(), detail_requests);
    // Cancel: the panel fetches the details the refresh brought.
    page.click("desc-cancel").await;
    wait_new_detail_request(&page, detail_requests, "the panel never caught up").await;
    wait_for(&page, "edit-desc").await;
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_description_is_edited_in_the_panel_within_256_characters() {
    let page = Page::open(options(), "/?job=3").await;
    page.wait_rows(6).await;
    settled_panel(&page, "desc of tb-completed").await;
    page.click("edit-desc").await;
    wait_for(&page, "desc-input").await;
    assert_eq!(
        js_str(
            &page,
            "return document.querySelector('[data-testid=desc-input]').value;"
        )
        .await,
        "desc of tb-completed",
        "the editor starts from the current text"
    );
    type_into(&page, "[data-testid=desc-input]", "run 3, lr=0.01").await;
    page.click("desc-save").await;

    let changes = wait_changes(&page, 1).await;
    assert_change(&changes[0], "PUT", &format!("{JOBS}/3"));
    assert_eq!(body_of(&changes[0]), json!({"job_desc": "run 3, lr=0.01"}));
    page.wait_until(
        "the row's new description",
        &format!(
            "{}?.textContent === 'run 3, lr=0.01'",
            in_row("3", "job-desc")
        ),
    )
    .await;
    page.wait_until(
        "the panel's new description",
        &format!(
            "{}?.textContent === 'run 3, lr=0.01'",
            in_detail("job-desc")
        ),
    )
    .await;
    wait_outcome(&page, "3", "ok", "Description of tb-completed saved.").await;

    // 257 characters: refused before sending.
    page.click("edit-desc").await;
    wait_for(&page, "desc-input").await;
    paste_into(&page, "desc-input", &"x".repeat(257)).await;
    wait_field_error(&page, "desc-input", Some("At most 256 characters.")).await;
    assert!(is_disabled(&page, "[data-testid=desc-save]").await);
    // 257 CJK characters, each counted once: still too long.
    paste_into(&page, "desc-input", &"界".repeat(257)).await;
    wait_field_error(&page, "desc-input", Some("At most 256 characters.")).await;
    assert!(is_disabled(&page, "[data-testid=desc-save]").await);
    // 256 CJK characters (768 bytes in UTF-8): fine.
    let cjk = "界".repeat(256);
    paste_into(&page, "desc-input", &cjk).await;
    wait_field_error(&page, "desc-input", None).await;
    assert!(!is_disabled(&page, "[data-testid=desc-save]").await);
    let count = js_str(
        &page,
        "return document.querySelector('[data-testid=desc-input]').closest('.desc-editor').innerText;",
    )
    .await;
    assert!(count.contains("256 / 256"), "{count}");
    page.click("desc-save").await;
    let changes = wait_changes(&page, 2).await;
    assert_eq!(changes.len(), 2, "the over-long texts were never sent");
    assert_eq!(body_of(&changes[1]), json!({ "job_desc": cjk }));
    page.wait_until(
        "the row's CJK description",
        &format!(
            "{}?.textContent === {}",
            in_row("3", "job-desc"),
            serde_json::to_string(&cjk).unwrap()
        ),
    )
    .await;
    page.close().await;
}

// 8. Create: every validation message, a valid create, and the server's refusals.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_checks_every_field_then_the_new_job_starts() {
    // Phases of 800 ms: the first follow-up (after 1 s) still sees the job starting.
    let page = Page::open(options_with_step(800), "/").await;
    page.wait_rows(6).await;
    page.click("create-job").await;
    wait_for(&page, "create-form").await;
    page.wait_until(
        "the focus on the name",
        "document.activeElement?.dataset.testid === 'create-name'",
    )
    .await;
    assert!(field_errors(&page).await.is_empty(), "nothing touched yet");

    // Submitting the empty form shows every problem, and sends nothing.
    page.click("create-submit").await;
    wait_field_error(&page, "create-name", Some("Enter a name.")).await;
    wait_field_error(
        &page,
        "create-train-url",
        Some("Enter the OBS path of the training output."),
    )
    .await;
    let shown: Vec<String> = field_errors(&page)
        .await
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(
        shown,
        ["create-name", "create-train-url"],
        "only the required ones"
    );
    assert_eq!(
        js_str(&page, "return document.querySelector('[data-testid=create-name]').getAttribute('aria-invalid');").await,
        "true"
    );

    let name = "[data-testid=create-name]";
    type_into(&page, name, &"a".repeat(21)).await;
    wait_field_error(&page, "create-name", Some("At most 20 characters.")).await;
    type_into(&page, name, "bad name!").await;
    wait_field_error(
        &page,
        "create-name",
        Some("Only A–Z, a–z, 0–9, _ and - are allowed."),
    )
    .await;
    type_into(&page, name, "tb-new_run-20-chars").await;
    wait_field_error(&page, "create-name", None).await;

    let train = "[data-testid=create-train-url]";
    for bad in ["bucket/dir/", "/", "/my bucket/out/"] {
        type_into(&page, train, bad).await;
        wait_field_error(
            &page,
            "create-train-url",
            Some("An OBS path such as /bucket/dir/, without spaces."),
        )
        .await;
    }
    type_into(&page, train, "/my-bucket/resnet/output/").await;
    wait_field_error(&page, "create-train-url", None).await;

    let hours = "[data-testid=create-hours]";
    for bad in ["0", "25", "1.5", "four"] {
        type_into(&page, hours, bad).await;
        wait_field_error(
            &page,
            "create-hours",
            Some("A whole number of hours from 1 to 24, or empty."),
        )
        .await;
    }
    type_into(&page, hours, "4").await;
    wait_field_error(&page, "create-hours", None).await;

    paste_into(&page, "create-desc", &"d".repeat(257)).await;
    wait_field_error(&page, "create-desc", Some("At most 256 characters.")).await;
    type_into(&page, "[data-testid=create-desc]", "loss curves, run 3").await;
    wait_field_error(&page, "create-desc", None).await;
    page.select("create-type", "mindinsight").await;
    assert!(field_errors(&page).await.is_empty());
    assert!(
        page.server.change_requests().is_empty(),
        "nothing is sent while the form has problems"
    );

    page.click("create-submit").await;
    let changes = wait_changes(&page, 1).await;
    assert_change(&changes[0], "POST", JOBS);
    assert_eq!(
        body_of(&changes[0]),
        json!({
            "job_name": "tb-new_run-20-chars",
            "job_desc": "loss curves, run 3",
            "train_url": "/my-bucket/resnet/output/",
            "job_type": "mindinsight",
            "schedule": [{"type": "stop", "time_unit": "HOURS", "duration": 4}]
        })
    );
    wait_no(&page, "create-dialog").await;
    // The stand-in gives the new job the next ID.
    wait_outcome(&page, "7", "ok", "accepted").await;
    wait_pending(&page, "7", "create").await;
    wait_settled_in(&page, "7", 8).await;
    wait_outcome(&page, "7", "ok", "tb-new_run-20-chars created and running.").await;

    // A taken name: on the name field.
    page.click("create-job").await;
    wait_for(&page, "create-form").await;
    type_into(&page, name, "tb-running-a").await;
    type_into(&page, train, "/b/x/").await;
    page.click("create-submit").await;
    wait_field_error(&page, "create-name", Some("already in use")).await;
    assert!(page.exists("create-dialog").await, "the form stays open");
    assert_eq!(wait_changes(&page, 2).await.len(), 2);

    // The project is full: on the form.
    page.server.push_fault_for(
        Route::Create,
        refusal("ModelArts.0106", "resource count limit exceeded"),
    );
    type_into(&page, name, "tb-other").await;
    wait_field_error(&page, "create-name", None).await;
    page.click("create-submit").await;
    page.wait_until(
        "the form's error",
        "document.querySelector('[data-testid=form-error]')?.textContent.includes('ModelArts.0106')",
    )
    .await;
    let form_error = page.text("form-error").await;
    assert!(form_error.contains("limit"), "{form_error}");

    // A bad parameter naming a field: on that field.
    page.server.push_fault_for(
        Route::Create,
        refusal(
            "ModelArts.0104",
            "invalid parameter: train_url is required and must be a non-empty string",
        ),
    );
    page.click("create-submit").await;
    wait_field_error(
        &page,
        "create-train-url",
        Some("ModelArts refused this value"),
    )
    .await;
    assert_eq!(wait_changes(&page, 4).await.len(), 4);
    assert!(
        page.server.jobs().iter().all(|j| j.job_name != "tb-other"),
        "nothing refused was created"
    );
    page.click("cancel").await;
    wait_no(&page, "create-dialog").await;
    page.close().await;
}

const CONTROLS: [&str; 12] = [
    "row-select",
    "select-all",
    "row-actions",
    "action-stop",
    "action-restart",
    "action-delete",
    "restart-and-open",
    "create-job",
    "bulk-stop",
    "bulk-delete",
    "selection-count",
    "edit-desc",
];

async fn controls_shown(page: &Page) -> Vec<&'static str> {
    let mut shown = Vec::new();
    for testid in CONTROLS {
        if page.exists(testid).await {
            shown.push(testid);
        }
    }
    shown
}

// 9. Read-only by configuration.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_config_shows_no_control_that_changes_anything() {
    let page = Page::open(
        options_with_config(&[("read_only", json!(true))]),
        "/?job=3",
    )
    .await;
    page.wait_rows(6).await;
    page.wait_until(
        "the panel",
        &format!(
            "{}?.textContent === 'desc of tb-completed'",
            in_detail("job-desc")
        ),
    )
    .await;
    assert_eq!(controls_shown(&page).await, Vec::<&str>::new());
    let notice = page.text("read-only-notice").await;
    assert!(notice.contains("Read-only"), "{notice}");
    assert_eq!(
        page.js("return document.querySelectorAll(\"[data-testid='job-row'] [data-testid='service-link']\").length;")
            .await,
        json!(2),
        "reading stays: the running jobs' links"
    );
    assert!(page.server.change_requests().is_empty());
    page.close().await;
}

// 10. A gateway that refuses changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_refusing_changes_turns_the_page_read_only() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    assert!(page.exists("restart-and-open").await);
    assert!(!page.exists("read-only-notice").await);
    page.server.push_fault_for(
        Route::Stop,
        Fault::Raw {
            status: 405,
            content_type: "text/html".into(),
            body: "<html>405 Not Allowed</html>".into(),
        },
    );
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    page.click("confirm").await;

    wait_for(&page, "read-only-notice").await;
    assert_eq!(
        js_str(
            &page,
            "return document.querySelector('[data-testid=read-only-notice]').getAttribute('role');"
        )
        .await,
        "alert"
    );
    let notice = page.text("read-only-notice").await;
    assert!(notice.contains("read-only"), "{notice}");
    assert!(notice.contains("405"), "{notice}");
    assert!(
        notice.contains("\"read_only\""),
        "says how to turn actions on: {notice}"
    );
    page.wait_until(
        "the controls to go",
        "!document.querySelector('[data-testid=row-actions], [data-testid=row-select], [data-testid=create-job]')",
    )
    .await;
    assert_eq!(controls_shown(&page).await, Vec::<&str>::new());
    wait_outcome(&page, "1", "failed", "tb-running-a").await;
    let failed = outcomes(&page, "1", "failed").await;
    assert!(failed[0].contains("HTTP 405"), "{failed:?}");
    assert_eq!(row_status(&page, "1").await, "8");
    assert_eq!(row_pending(&page, "1").await, None);
    assert_eq!(page.server.change_requests().len(), 1);
    page.close().await;
}

// 10b. The same, found out by a description edit with the panel open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_refusing_an_edit_takes_the_editor_away_too() {
    let page = Page::open(options(), "/?job=3").await;
    page.wait_rows(6).await;
    wait_for(&page, "edit-desc").await;
    page.wait_detail_settled().await;
    page.server.push_fault_for(
        Route::Edit,
        Fault::Raw {
            status: 403,
            content_type: "text/html".into(),
            body: "<html>403 Forbidden</html>".into(),
        },
    );
    page.click("edit-desc").await;
    wait_for(&page, "desc-input").await;
    type_into(&page, "[data-testid=desc-input]", "new words").await;
    page.click("desc-save").await;
    wait_for(&page, "read-only-notice").await;
    wait_no(&page, "row-actions").await;
    page.wait_until(
        "the description editor to go",
        "!document.querySelector('[data-testid=edit-desc], [data-testid=desc-input], [data-testid=desc-save]')",
    )
    .await;
    assert_eq!(controls_shown(&page).await, Vec::<&str>::new());
    page.close().await;
}

// 10c. What a refused change says about the gateway's refusal.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_refusal_of_a_change_is_not_explained_as_a_listing_problem() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    page.server.push_fault_for(
        Route::Delete,
        Fault::Raw {
            status: 403,
            content_type: "text/html".into(),
            body: "<html>403 Forbidden</html>".into(),
        },
    );
    click_in_row(&page, "4", "action-delete").await;
    wait_dialog(&page).await;
    page.click("confirm").await;
    wait_outcome(&page, "4", "failed", "Could not delete tb-canceled").await;
    wait_for(&page, "read-only-notice").await;
    let failed = outcomes(&page, "4", "failed").await;
    assert!(failed[0].contains("403"), "{failed:?}");
    assert!(
        !failed[0].contains("list"),
        "the page listed the jobs fine; the gateway refused a delete: {failed:?}"
    );
    page.close().await;
}

// 11. Chinese.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialogs_and_outcomes_speak_chinese() {
    let page = Page::open(options_with_config(&[("language", json!("zh-CN"))]), "/").await;
    page.wait_rows(6).await;
    click_in_row(&page, "1", "action-stop").await;
    wait_dialog(&page).await;
    let dialog = page.text("confirm-dialog").await;
    assert!(dialog.contains("停止此作业？"), "{dialog}");
    assert!(dialog.contains("停止后不再计费"), "{dialog}");
    assert_eq!(page.text("confirm").await, "停止");
    assert_eq!(page.text("cancel").await, "取消");
    page.click("confirm").await;
    wait_outcome(&page, "1", "ok", "请求已受理").await;
    wait_settled_in(&page, "1", 12).await;
    wait_outcome(&page, "1", "ok", "tb-running-a 已停止。").await;

    page.server.push_fault_for(
        Route::Restart,
        refusal(
            "ModelArts.0105",
            "This job can't be resubmit. job status: 8",
        ),
    );
    click_in_row(&page, "3", "action-restart").await;
    wait_outcome(&page, "3", "failed", "无法重启 tb-completed").await;
    let failed = outcomes(&page, "3", "failed").await;
    assert!(
        failed[0].contains("作业正在运行中") && failed[0].contains("不允许"),
        "{failed:?}"
    );
    assert!(
        !failed[0].contains("not allowed"),
        "no English left: {failed:?}"
    );
    page.close().await;
}

// 12. Restart and open (#13).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restart_and_open_reserves_a_tab_and_sends_it_to_the_tensorboard() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    // TensorBoard addresses the browser can really load: pages of the stand-in.
    let base = page.server.url();
    page.server
        .set_jobs(jobs_with(&format!("{base}/config.json?tensorboard=")));
    page.goto("/").await;
    page.wait_rows(6).await;
    let console = page.client.window().await.expect("this window");
    assert_eq!(wait_windows(&page, 1).await.len(), 1);

    // The restart is answered after 1.5 s: meanwhile the reserved tab says what it waits for.
    page.server
        .push_fault_for(Route::Restart, Fault::Delay(Duration::from_millis(1500)));
    click_in_row(&page, "3", "restart-and-open").await;
    let tab = wait_windows(&page, 2)
        .await
        .into_iter()
        .find(|w| *w != console)
        .expect("the reserved tab");
    page.client
        .switch_to_window(tab.clone())
        .await
        .expect("to the tab");
    page.wait_until(
        "the tab's note",
        "document.body?.innerText.includes('Starting tb-completed')",
    )
    .await;
    assert_eq!(
        page.client.current_url().await.expect("tab URL").as_str(),
        "about:blank"
    );
    page.client
        .switch_to_window(console.clone())
        .await
        .expect("back to the console");
    wait_pending(&page, "3", "restart").await;
    let changes = wait_changes(&page, 1).await;
    assert_change(&changes[0], "POST", &format!("{JOBS}/3/restart"));

    let service_url = page
        .server
        .jobs()
        .into_iter()
        .find(|j| j.job_id == 3)
        .map(|j| j.service_url.replace("{project_id}", "demo-project"))
        .expect("job 3");
    assert_eq!(service_url, format!("{base}/config.json?tensorboard=3/"));

    page.client.switch_to_window(tab).await.expect("to the tab");
    let started = Instant::now();
    loop {
        let url = page
            .client
            .current_url()
            .await
            .expect("tab URL")
            .to_string();
        if url == service_url {
            break;
        }
        assert!(
            started.elapsed() < WAIT,
            "the tab never reached {service_url}; it is at {url}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        page.js("return window.opener === null;").await,
        Value::Bool(true),
        "the TensorBoard cannot reach back into the console"
    );

    page.client
        .switch_to_window(console)
        .await
        .expect("back to the console");
    wait_settled_in(&page, "3", 8).await;
    wait_outcome(&page, "3", "ok", "tb-completed is running.").await;
    assert_eq!(
        page.js(&format!(
            "return [!!{}, !!{}];",
            in_row("3", "restart-and-open"),
            in_row("4", "restart-and-open")
        ))
        .await,
        json!([false, true]),
        "job 3 runs now; job 4 is still finished"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_restart_and_open_says_why_in_the_reserved_tab() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;
    let console = page.client.window().await.expect("this window");
    page.server.push_fault_for(
        Route::Restart,
        refusal(
            "ModelArts.0105",
            "This job can't be resubmit. job status: 8",
        ),
    );
    click_in_row(&page, "4", "restart-and-open").await;
    let tab = wait_windows(&page, 2)
        .await
        .into_iter()
        .find(|w| *w != console)
        .expect("the reserved tab");
    wait_outcome(&page, "4", "failed", "Could not restart tb-canceled").await;
    assert_eq!(row_pending(&page, "4").await, None);
    assert_eq!(row_status(&page, "4").await, "12");

    page.client.switch_to_window(tab).await.expect("to the tab");
    page.wait_until(
        "the reason in the tab",
        "document.body?.innerText.includes('tb-canceled could not be restarted') && \
         document.body.innerText.includes('not allowed while the job is Running')",
    )
    .await;
    page.client
        .switch_to_window(console)
        .await
        .expect("back to the console");
    page.close().await;
}

// 13. Accessibility of the dialogs and the panel.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_violation_in_the_dialogs_or_the_panel() {
    let page = Page::open(options(), "/?job=1").await;
    page.wait_rows(6).await;
    page.wait_until(
        "the panel",
        &format!("{}?.textContent === 'tb-running-a'", in_detail("job-name")),
    )
    .await;
    page.wait_detail_settled().await;
    let mut found = Vec::new();
    found.push((
        "detail panel",
        serious_accessibility_violations(&page).await,
    ));

    page.click("edit-desc").await;
    wait_for(&page, "desc-input").await;
    paste_into(&page, "desc-input", &"x".repeat(257)).await;
    wait_field_error(&page, "desc-input", Some("256")).await;
    found.push((
        "description editor with an error",
        serious_accessibility_violations(&page).await,
    ));

    // The panel covers the row actions: close it first.
    page.click("detail-close").await;
    wait_no(&page, "job-detail").await;
    click_in_row(&page, "2", "action-stop").await;
    wait_dialog(&page).await;
    found.push((
        "confirm dialog",
        serious_accessibility_violations(&page).await,
    ));
    press(&page, ESCAPE).await;
    wait_no(&page, "confirm-dialog").await;

    page.click("create-job").await;
    wait_for(&page, "create-form").await;
    found.push((
        "create dialog",
        serious_accessibility_violations(&page).await,
    ));
    page.click("create-submit").await;
    wait_field_error(&page, "create-name", Some("Enter a name.")).await;
    found.push((
        "create dialog with errors",
        serious_accessibility_violations(&page).await,
    ));

    let problems: Vec<_> = found.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    page.close().await;
}

// 14. The keyboard.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dialogs_hold_the_focus_and_give_it_back() {
    let page = Page::open(options(), "/").await;
    page.wait_rows(6).await;

    // The confirmation, opened from the keyboard.
    page.js(&format!(
        "{}.focus(); return null;",
        in_row("1", "action-stop")
    ))
    .await;
    press(&page, ENTER).await;
    wait_dialog(&page).await;
    page.wait_until(
        "the focus in the dialog",
        "document.activeElement?.closest('[data-testid=confirm-dialog]')",
    )
    .await;
    assert_eq!(
        focus(&page, "confirm-dialog").await,
        ("cancel".into(), true)
    );
    for _ in 0..5 {
        press(&page, TAB).await;
        let (on, inside) = focus(&page, "confirm-dialog").await;
        assert!(inside, "Tab left the dialog for {on}");
    }
    for _ in 0..5 {
        press(&page, SHIFT_TAB).await;
        let (on, inside) = focus(&page, "confirm-dialog").await;
        assert!(inside, "Shift+Tab left the dialog for {on}");
    }
    press(&page, ESCAPE).await;
    wait_no(&page, "confirm-dialog").await;
    assert_eq!(
        page.js("const a = document.activeElement; return a?.dataset.testid === 'action-stop' && a.closest('tr')?.dataset.jobId === '1';")
            .await,
        Value::Bool(true),
        "the focus is back on the button that opened it: {:?}",
        focus(&page, "job-grid").await
    );
    assert!(
        page.server.change_requests().is_empty(),
        "Escape sent nothing"
    );

    // The create form, opened from the keyboard.
    page.js("document.querySelector('[data-testid=create-job]').focus(); return null;")
        .await;
    press(&page, ENTER).await;
    wait_for(&page, "create-form").await;
    page.wait_until(
        "the focus on the name",
        "document.activeElement?.dataset.testid === 'create-name'",
    )
    .await;
    for _ in 0..9 {
        press(&page, TAB).await;
        let (on, inside) = focus(&page, "create-dialog").await;
        assert!(inside, "Tab left the create dialog for {on}");
    }
    press(&page, ESCAPE).await;
    wait_no(&page, "create-dialog").await;
    assert_eq!(
        focus(&page, "create-dialog").await,
        ("create-job".into(), false)
    );

    // The detail panel closes with Escape too.
    click_css(
        &page,
        &format!("{} [data-testid=job-name] button", row("2")),
    )
    .await;
    wait_for(&page, "detail-close").await;
    page.js("document.querySelector('[data-testid=detail-close]').focus(); return null;")
        .await;
    press(&page, ESCAPE).await;
    wait_no(&page, "job-detail").await;
    assert_eq!(page.search().await, "");
    page.close().await;
}
