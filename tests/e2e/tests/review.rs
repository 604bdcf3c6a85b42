//! The bugs of issue #12 ("review findings"), each as the browser shows it: every test
//! here failed on the console before the fix and passes after it.

use std::time::Duration;

use serde_json::{json, Value};
use vizjobs_e2e::{config_json, Fault, Options, Page};

const LIST: &str = "/v1/demo-project/visualization-jobs";
const JSON: &str = "application/json";

fn raw(status: u16, content_type: &str, body: &str) -> Fault {
    Fault::Raw {
        status,
        content_type: content_type.into(),
        body: body.into(),
    }
}

fn with_config(extra: &[(&str, Value)]) -> Options {
    Options {
        config_json: Some(config_json(extra)),
        ..Options::default()
    }
}

async fn js_str(page: &Page, script: &str) -> String {
    page.js(script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

async fn is_enabled(page: &Page, testid: &str) -> bool {
    page.find(testid)
        .await
        .is_enabled()
        .await
        .expect("enabled state")
}

/// A list answer of `n` final jobs (IDs from `first`) without `job_total_count`.
fn page_without_total(first: u64, n: u64) -> String {
    let jobs: Vec<Value> = (first..first + n)
        .map(|id| {
            json!({"job_id": id, "job_name": format!("job-{id}"), "status": 10,
                   "create_time": 1_700_000_000_000_i64, "duration": 60_000})
        })
        .collect();
    json!({"is_success": true, "jobs": jobs}).to_string()
}

/// Answers the next list request with `fault`, refreshes, and waits for the error panel
/// to show `failure`; returns the panel's text.
async fn refresh_into_failure(page: &Page, fault: Fault, failure: &str) -> String {
    page.server.push_fault(fault);
    page.click("refresh").await;
    page.wait_until(
        failure,
        &format!(
            "document.querySelector('[data-testid=error-panel]')?.dataset.failure === '{failure}' \
             && !document.querySelector('[data-testid=loading]')"
        ),
    )
    .await;
    js_str(
        page,
        "return document.querySelector('[data-testid=error-panel]').textContent",
    )
    .await
}

// 1. An empty success is an empty list, not an error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_success_shows_the_empty_state_not_an_error() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    for body in [
        r#"{"is_success": true, "job_total_count": 0}"#,
        r#"{"is_success": true, "job_total_count": 0, "jobs": null}"#,
    ] {
        page.server.push_fault(raw(200, JSON, body));
        page.click("refresh").await;
        page.wait_until(
            "the empty state",
            "document.querySelector('[data-testid=empty-state]') && \
             !document.querySelector('[data-testid=loading]')",
        )
        .await;
        assert!(!page.exists("error-panel").await, "{body}: not an error");
        assert_eq!(page.texts("job-row").await.len(), 0, "{body}");
        assert_eq!(page.text("total-count").await, "0 jobs", "{body}");
        let empty = page.text("empty-state").await;
        assert!(
            empty.contains("no visualization jobs"),
            "{body}: the empty state says there are none: {empty}"
        );
        // Back to the normal list before the next body.
        page.click("refresh").await;
        page.wait_rows(10).await;
    }
    page.close().await;
}

// 2. Each failure gets the advice that fits it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failures_get_advice_that_fits_them() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;

    // A web server's own 404 page: the route is wrong, not the project.
    let nginx = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n\
                 <center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n\
                 </body>\r\n</html>\r\n";
    let text = refresh_into_failure(&page, raw(404, "text/html", nginx), "route-not-found").await;
    assert!(text.contains("api_base"), "points at api_base: {text}");
    assert!(
        !text.contains("project ID"),
        "does not blame the project: {text}"
    );
    assert_eq!(
        page.find("error-panel")
            .await
            .attr("data-error-code")
            .await
            .unwrap(),
        None
    );

    // ModelArts' own 404 with its code: the project is unknown.
    let text = refresh_into_failure(
        &page,
        raw(
            404,
            JSON,
            r#"{"is_success":false,"error_code":"ModelArts.0102","error_message":"project not found"}"#,
        ),
        "project-not-found",
    )
    .await;
    assert!(text.contains("Check the project ID"), "{text}");
    assert!(!text.contains("api_base"), "{text}");

    // A 403 without a code: signed in, but not allowed.
    for (content_type, body) in [
        (JSON, r#"{"error":"forbidden"}"#),
        (
            "text/html",
            "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>",
        ),
    ] {
        let text = refresh_into_failure(&page, raw(403, content_type, body), "forbidden").await;
        assert!(text.contains("permission"), "{body}: {text}");
        assert!(text.contains("HTTP 403"), "{body}: {text}");
        assert!(
            !text.to_lowercase().contains("sign in again")
                && !text.contains("sign-in has expired"),
            "{body}: not advice to sign in: {text}"
        );
    }

    page.click("retry").await;
    page.wait_rows(10).await;
    assert!(!page.exists("error-panel").await);
    page.close().await;
}

// 3. Without a total, full pages keep Next on; a short page is the last.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_total_next_stays_on_while_pages_are_full() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    page.server
        .push_fault(raw(200, JSON, &page_without_total(1, 10)));
    page.click("refresh").await;
    page.wait_until(
        "the unknown total",
        "document.querySelector('[data-testid=page-info]').textContent.includes('total unknown') \
         && !document.querySelector('[data-testid=loading]')",
    )
    .await;
    page.wait_rows(10).await;
    assert_eq!(page.text("page-info").await, "Page 1 (total unknown)");
    assert_eq!(page.text("total-count").await, "—");
    assert!(
        is_enabled(&page, "next-page").await,
        "a full page may have a next one"
    );
    assert!(!is_enabled(&page, "prev-page").await);

    page.take_requests();
    page.server
        .push_fault(raw(200, JSON, &page_without_total(11, 3)));
    page.click("next-page").await;
    page.wait_request("page 2", |r| r == format!("{LIST}?page=2"))
        .await;
    page.wait_rows(3).await;
    assert_eq!(page.search().await, "?page=2");
    assert_eq!(page.text("page-info").await, "Page 2 (total unknown)");
    assert_eq!(
        page.attrs("job-row", "data-job-id").await,
        ["11", "12", "13"]
    );
    assert!(
        !is_enabled(&page, "next-page").await,
        "a short page is the last"
    );
    assert!(is_enabled(&page, "prev-page").await);
    page.close().await;
}

// 4. Absurd numbers in config.json are brought into range, and the notice says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn absurdly_large_config_numbers_are_clamped_and_reported() {
    let page = Page::open(
        with_config(&[
            ("refresh_seconds", json!(1e20)),
            ("request_timeout_seconds", json!(1e20)),
        ]),
        "/",
    )
    .await;
    page.wait_rows(10).await;
    let notice = page.text("notice").await;
    assert!(
        notice.contains("\"refresh_seconds\"") && notice.contains("using 86400"),
        "{notice}"
    );
    assert!(
        notice.contains("\"request_timeout_seconds\"") && notice.contains("using 600"),
        "{notice}"
    );
    assert_eq!(page.text("auto-refresh-state").await, "Auto-refresh on");
    // Still a working page: a refresh goes out and comes back.
    page.take_requests();
    page.click("refresh").await;
    page.wait_request("a refresh", |r| r == LIST).await;
    page.wait_rows(10).await;
    page.close().await; // fails on any panic the numbers caused
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tiny_refresh_period_is_raised_to_five_seconds() {
    let page = Page::open(with_config(&[("refresh_seconds", json!(0.01))]), "/").await;
    page.wait_rows(10).await;
    let notice = page.text("notice").await;
    assert!(
        notice.contains("\"refresh_seconds\"") && notice.contains("using 5."),
        "{notice}"
    );
    assert_eq!(
        page.text("auto-refresh-state").await,
        "Auto-refresh on",
        "page 1 has jobs that can still change"
    );
    page.take_requests();
    // Counting what does not happen needs a stretch of time.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let requests = page.take_requests();
    assert!(
        requests.len() <= 1,
        "at most one refresh in 3 s, not one every 10 ms: {} requests",
        requests.len()
    );
    page.close().await;
}

// 5. Copying where there is no clipboard (plain HTTP through a host name).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_without_a_clipboard_selects_the_value_and_asks_for_ctrl_c() {
    let page = Page::open_with(
        Options::default(),
        "/",
        &["--host-resolver-rules=MAP vizjobs.test 127.0.0.1"],
    )
    .await;
    page.wait_rows(10).await;
    // 127.0.0.1 is a secure context; a host name over plain HTTP is not.
    let url = format!("http://vizjobs.test:{}/", page.server.addr().port());
    page.client.goto(&url).await.expect("the host name opens");
    page.wait_rows(10).await;
    assert!(page.url().await.starts_with("http://vizjobs.test:"));
    assert_eq!(
        page.js("return window.isSecureContext").await,
        Value::Bool(false)
    );
    assert_eq!(
        page.js("return navigator.clipboard === undefined").await,
        Value::Bool(true)
    );

    // The Job ID column is hidden by default: show it with the column picker.
    let summary = || async {
        page.client
            .find(fantoccini::Locator::Css("[data-testid=columns] summary"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap()
    };
    summary().await;
    page.click("column-job_id").await;
    summary().await;
    page.wait_until(
        "the Job ID column",
        "!document.querySelector('[data-testid=columns]').open && \
         document.querySelector('[data-testid=copy-job_id]').getClientRects().length > 0",
    )
    .await;

    let id = page.attrs("job-row", "data-job-id").await[0].clone();
    page.click("copy-job_id").await;
    page.wait_until(
        "the manual copy hint",
        "document.querySelector('[data-testid=copy-job_id]').textContent === 'Press Ctrl+C'",
    )
    .await;
    assert_eq!(
        js_str(&page, "return window.getSelection().toString()").await,
        id,
        "the job's ID is selected, ready for Ctrl+C"
    );
    page.close().await; // no console error from a missing clipboard
}

// 6. Smaller ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_status_in_the_url_is_labelled_once() {
    let page = Page::open(Options::default(), "/?status=99").await;
    page.wait_until(
        "the empty state",
        "document.querySelector('[data-testid=empty-state]') && !document.querySelector('[data-testid=loading]')",
    )
    .await;
    assert_eq!(page.take_requests(), [format!("{LIST}?status=99")]);
    assert_eq!(
        js_str(
            &page,
            "const s = document.querySelector('[data-testid=status-filter]'); \
             return s.value + '|' + s.selectedOptions[0].textContent;"
        )
        .await,
        "99|Unknown (99)"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_refresh_says_waiting_before_the_first_answer_and_nothing_listed_when_empty() {
    // A slow first answer: whatever the page shows meanwhile never claims "idle".
    let options = Options {
        latency: Duration::from_millis(2500),
        ..with_config(&[("refresh_seconds", json!(30))])
    };
    let page = Page::open(options, "/").await;
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    while page
        .js("return document.querySelectorAll('[data-testid=job-row]').length")
        .await
        == json!(0)
    {
        assert!(started.elapsed() < Duration::from_secs(15), "no rows came");
        if let Some(state) = page
            .js("return document.querySelector('[data-testid=auto-refresh-state]')?.textContent ?? null")
            .await
            .as_str()
        {
            seen.push(state.to_string());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        seen.iter().all(|s| !s.contains("idle")),
        "before the first answer: {seen:?}"
    );
    page.wait_rows(10).await;
    assert_eq!(page.text("auto-refresh-state").await, "Auto-refresh on");
    page.close().await;

    // No list yet because the first answer was a refusal: nothing is known about the jobs.
    let options = Options {
        required_token: Some("secret".into()),
        ..with_config(&[("refresh_seconds", json!(30))])
    };
    let page = Page::open(options, "/").await;
    page.wait_until(
        "the refusal",
        "document.querySelector('[data-testid=error-panel]')?.dataset.failure === 'signed-out' \
         && !document.querySelector('[data-testid=loading]')",
    )
    .await;
    let waiting = page.text("auto-refresh-state").await;
    assert_eq!(waiting, "Auto-refresh waits for the first answer");
    page.close().await;

    // An empty list: nothing to watch, and it says so rather than "every job has finished".
    let options = Options {
        jobs: Some(Vec::new()),
        ..with_config(&[("refresh_seconds", json!(30))])
    };
    let page = Page::open(options, "/").await;
    page.wait_until(
        "the empty state",
        "document.querySelector('[data-testid=empty-state]') && !document.querySelector('[data-testid=loading]')",
    )
    .await;
    let state = page.text("auto-refresh-state").await;
    assert_eq!(state, "Auto-refresh idle: no job listed");
    assert!(!state.contains("every job has finished"), "{state}");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clearing_the_workspace_means_the_configured_default() {
    let page = Page::open(
        with_config(&[("workspace_id", json!("ws-cfg"))]),
        "/?workspace_id=ws-7",
    )
    .await;
    page.wait_request("workspace ws-7", |r| {
        r == format!("{LIST}?workspace_id=ws-7")
    })
    .await;
    page.wait_rows(10).await;
    assert_eq!(page.search().await, "?workspace_id=ws-7");
    page.take_requests();
    page.js(
        "const w = document.querySelector('[data-testid=workspace-id]'); w.value = ''; \
         w.dispatchEvent(new Event('change', { bubbles: true })); return null;",
    )
    .await;
    page.wait_request("the configured workspace", |r| {
        r == format!("{LIST}?workspace_id=ws-cfg")
    })
    .await;
    page.wait_until("the URL without workspace_id", "location.search === ''")
        .await;
    assert_eq!(
        page.take_requests(),
        [format!("{LIST}?workspace_id=ws-cfg")]
    );
    assert_eq!(
        js_str(
            &page,
            "return document.querySelector('[data-testid=workspace-id]').value"
        )
        .await,
        "ws-cfg"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_page_number_is_corrected_to_page_one_with_a_notice() {
    let page = Page::open(Options::default(), "/?page=99999999999").await;
    page.wait_rows(10).await;
    let notice = page.text("notice").await;
    assert!(
        notice.contains("page=99999999999") && notice.contains("using 1"),
        "{notice}"
    );
    assert_eq!(page.take_requests(), [LIST], "page 1 is asked for");
    assert_eq!(page.search().await, "");
    assert_eq!(page.text("page-info").await, "Page 1 of 15");
    assert_eq!(page.attrs("job-row", "data-job-id").await[0], "1");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_html_config_json_means_defaults_without_a_notice() {
    // A gateway's SPA fallback answering for a missing config.json. The stand-in sends
    // it as application/json, so the page must also know HTML by its first character.
    let options = Options {
        config_json: Some(
            "<!DOCTYPE html>\n<html><head><title>Console</title></head>\
             <body><div id=app></div></body></html>\n"
                .into(),
        ),
        ..Options::default()
    };
    let page = Page::open(options, "/?project_id=demo-project").await;
    page.wait_rows(10).await;
    assert!(
        !page.exists("notice").await,
        "an optional file that is absent is not a problem"
    );
    assert_eq!(page.take_requests(), [LIST]);
    assert_eq!(
        page.text("auto-refresh-state").await,
        "Auto-refresh on",
        "the default 30 s refresh"
    );
    assert_eq!(
        js_str(
            &page,
            "return document.querySelector('[data-testid=workspace-id]').value"
        )
        .await,
        "0"
    );
    page.close().await;
}
