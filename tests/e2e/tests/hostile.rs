//! Hostile and drifting responses (issue "Hostile and drifting responses"): every
//! failure a person meets has its own message and retry; odd fields lose no job;
//! nothing an API response carries runs or becomes a dangerous link.

use std::time::Duration;

use serde_json::{json, Value};
use vizjobs_e2e::{config_json, DemoJob, Fault, Options, Page};

fn raw(status: u16, content_type: &str, body: &str) -> Fault {
    Fault::Raw {
        status,
        content_type: content_type.into(),
        body: body.into(),
    }
}

const JSON: &str = "application/json";

/// One failure case: what the stand-in answers and what the panel must say.
struct Case {
    fault: Fault,
    failure: &'static str,
    code: Option<&'static str>,
    says: &'static str,
}

fn cases() -> Vec<Case> {
    let c = |fault, failure, code, says| Case {
        fault,
        failure,
        code,
        says,
    };
    vec![
        c(raw(401, JSON, r#"{"is_success":false,"error_code":"APIG.0301","error_message":"Incorrect IAM authentication information"}"#),
            "signed-out", Some("APIG.0301"), "sign-in has expired"),
        // A 403 without a code: signed in but not allowed, not "sign in again" (issue 12).
        c(raw(403, "", ""), "forbidden", None, "HTTP 403"),
        c(raw(200, JSON, r#"{"is_success":false,"error_code":"ModelArts.0203","error_msg":"token does not match the user"}"#),
            "signed-out", Some("ModelArts.0203"), "token does not match the user"),
        c(raw(404, JSON, r#"{"is_success":false,"error_code":"ModelArts.0102","error_message":"project not found"}"#),
            "project-not-found", Some("ModelArts.0102"), "Check the project ID"),
        c(raw(400, JSON, r#"{"is_success":false,"error_code":"ModelArts.0104","error_message":"bad search_content"}"#),
            "bad-parameter", Some("ModelArts.0104"), "Query sent: /v1/demo-project/visualization-jobs"),
        c(raw(429, "text/plain", "Too Many Requests"), "busy", None, "busy or unavailable (HTTP 429)"),
        c(raw(503, JSON, r#"{"is_success":false,"error_code":"ModelArts.0010","error_message":"unknown internal error"}"#),
            "busy", Some("ModelArts.0010"), "unknown internal error"),
        c(raw(502, "text/html", "<html><head><title>502</title></head><body><h1>502 Bad Gateway</h1><img src=x onerror=\"window.__pwned='gateway'\"></body></html>"),
            "gateway-page", None, "error page instead of data (HTTP 502)"),
        c(raw(200, JSON, "null"), "not-job-list", None, "not a job list: null"),
        c(raw(200, JSON, r#""""#), "not-job-list", None, "not a job list: an empty string"),
        c(raw(200, JSON, "[]"), "not-job-list", None, "not a job list: an array"),
        c(raw(200, JSON, r#"{"jobs":"x"}"#), "not-job-list", None, "not an array"),
        c(raw(200, "text/plain", "surely not json"), "not-job-list", None, "text that is not JSON"),
        c(raw(200, JSON, r#"{"is_success":false,"error_code":"ModelArts.0103","error_message":"error message"}"#),
            "refused", Some("ModelArts.0103"), "error message"),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_failure_kind_has_its_message_and_retry_recovers() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    for case in cases() {
        page.server.push_fault(case.fault);
        page.click("refresh").await;
        page.wait_until(
            case.failure,
            &format!(
                "document.querySelector('[data-testid=error-panel]')?.dataset.failure === '{}' \
                 && !document.querySelector('[data-testid=loading]')",
                case.failure
            ),
        )
        .await;
        let panel = page.find("error-panel").await;
        assert_eq!(
            panel.attr("data-error-code").await.unwrap().as_deref(),
            case.code,
            "{}",
            case.failure
        );
        let text = page
            .js("return document.querySelector('[data-testid=error-panel]').textContent")
            .await;
        let text = text.as_str().unwrap();
        assert!(text.contains(case.says), "{}: {text}", case.failure);
        assert_eq!(
            page.texts("job-row").await.len(),
            10,
            "rows stay while the error shows"
        );

        page.click("retry").await;
        page.wait_until(
            "recovery",
            "!document.querySelector('[data-testid=error-panel]') && !document.querySelector('[data-testid=loading]')",
        )
        .await;
        page.wait_rows(10).await;
    }
    assert_eq!(page.js("return window.__pwned ?? null").await, Value::Null);
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_timeout_says_so_and_retry_recovers() {
    let options = Options {
        config_json: Some(config_json(&[("request_timeout_seconds", json!(1))])),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_rows(10).await;
    page.server.push_fault(Fault::Delay(Duration::from_secs(4)));
    page.click("refresh").await;
    page.wait_until(
        "the timeout",
        "document.querySelector('[data-testid=error-panel]')?.dataset.failure === 'timeout'",
    )
    .await;
    assert!(page
        .text("error-panel")
        .await
        .contains("No answer within 1 second."));
    page.click("retry").await;
    page.wait_until(
        "recovery",
        "!document.querySelector('[data-testid=error-panel]')",
    )
    .await;
    page.wait_rows(10).await;
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_failure_says_so_and_retry_asks_again() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port(); // the listener is dropped: nothing answers there
    let options = Options {
        config_json: Some(config_json(&[(
            "api_base",
            json!(format!("http://127.0.0.1:{closed}")),
        )])),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_until(
        "the network failure",
        "document.querySelector('[data-testid=error-panel]')?.dataset.failure === 'network' \
         && !document.querySelector('[data-testid=loading]')",
    )
    .await;
    assert!(page
        .text("error-panel")
        .await
        .contains("could not reach the server"));
    page.click("retry").await;
    page.wait_until("the retry to fail again", "!document.querySelector('[data-testid=loading]') && document.querySelector('[data-testid=error-panel]')").await;
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_gateway_without_the_token_means_signed_out() {
    let options = Options {
        required_token: Some("secret".into()),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_until(
        "the 401",
        "document.querySelector('[data-testid=error-panel]')?.dataset.errorCode === 'APIG.0301'",
    )
    .await;
    assert!(page
        .text("error-panel")
        .await
        .contains("sign-in has expired"));
    assert!(!page.url().await.contains("secret"));
    page.close().await;
}

fn hostile_job(job_id: u64, name: &str, service_url: &str) -> DemoJob {
    DemoJob {
        job_id,
        job_name: name.into(),
        status: 8,
        create_time: 1_700_000_000_000,
        duration: 0,
        job_desc: "<script>window.__pwned='desc'</script><b>bold</b>".into(),
        service_url: service_url.into(),
        train_url: "/obs/<img src=x onerror=\"window.__pwned='path'\">/".into(),
        resource_id: "\"><svg onload=\"window.__pwned='res'\">".into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_strings_and_urls_stay_inert_and_big_ids_stay_exact() {
    let jobs = vec![
        hostile_job(
            9_007_199_254_740_993,
            "<img src=x onerror=\"window.__pwned='name'\">",
            "javascript:window.__pwned='link'",
        ),
        hostile_job(2, "data-url", "data:text/html,<script>alert(1)</script>"),
        hostile_job(3, "upper-js", " JavaScript:window.__pwned='upper'"),
        hostile_job(4, "tabbed-js", "java\tscript:window.__pwned='tab'"),
        hostile_job(5, "vb", "vbscript:msgbox(1)"),
        hostile_job(6, "relative", "/relative/path"),
        hostile_job(7, "ok", "  HTTPS://tb.example.com/7  "),
    ];
    let options = Options {
        jobs: Some(jobs),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_rows(7).await;
    tokio::time::sleep(Duration::from_millis(300)).await; // give any injected handler time to fire
    assert_eq!(page.js("return window.__pwned ?? null").await, Value::Null);
    assert_eq!(
        page.js("return document.querySelectorAll('table img, table script, table svg, table b').length").await,
        json!(0)
    );
    let ids = page.attrs("job-row", "data-job-id").await;
    assert_eq!(ids[6], "9007199254740993", "{ids:?}");
    assert_eq!(page.texts("job-id").await[6], "9007199254740993");
    assert_eq!(
        page.texts("job-name").await[6],
        "<img src=x onerror=\"window.__pwned='name'\">"
    );

    let hrefs = page.attrs("service-link", "href").await;
    assert_eq!(
        hrefs,
        ["HTTPS://tb.example.com/7"],
        "only the https URL is a link"
    );
    assert_eq!(
        page.js("return document.querySelectorAll('table a').length")
            .await,
        json!(1)
    );
    let text = page
        .js("return document.querySelector('[data-testid=job-grid]').textContent")
        .await;
    assert!(
        text.as_str()
            .unwrap()
            .contains("javascript:window.__pwned='link'"),
        "shown as text"
    );
    assert!(text.as_str().unwrap().contains("not a web link"));
    page.close().await;
}

/// The console after a refresh answered with `body`, showing its `rows` rows.
async fn page_listing(body: &str, rows: usize) -> Page {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    page.server.push_fault(Fault::Raw {
        status: 200,
        content_type: JSON.into(),
        body: body.into(),
    });
    page.click("refresh").await;
    page.wait_rows(rows).await;
    page
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drifting_fields_lose_no_job() {
    let body = r#"{"is_success":true,"job_total_count":"4","quotas":"3","job_count_limit":7,"jobs":[
        {"job_id":"9007199254740995","job_name":"string-id","status":"8","create_time":1.7e12,"duration":"61000",
         "schedule":[{"type":"stop","time_unit":"HOURS","duration":1}],"remaining_duration":1200.5,"surprise":{"a":[1]}},
        {"job_id":12,"job_name":null,"status":99},
        {},
        {"job_id":13,"job_name":"float-status","status":10.0,"error_msg":"ignored here"}
    ]}"#;
    let page = page_listing(body, 4).await;
    assert_eq!(
        page.attrs("job-row", "data-job-id").await,
        ["9007199254740995", "12", "", "13"]
    );
    assert_eq!(
        page.texts("status-badge").await,
        ["Running", "Unknown (99)", "", "Completed"]
    );
    let running = &page.texts("duration").await[0];
    assert!(running.starts_with("1m 0"), "{running}"); // it ticks while shown
    assert!(running.ends_with("stops in 20 min"), "{running}"); // remaining_duration 1200 s
    assert_eq!(page.texts("job-name").await[1], "");
    assert_eq!(page.text("total-count").await, "4 jobs");
    assert!(page.text("quota").await.contains("Can run at once: 3"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_content_security_policy_blocks_injected_inline_script_and_the_test_sees_it() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    let policy = page
        .js("return document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content ?? ''")
        .await;
    let policy = policy.as_str().unwrap().to_string();
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Up to here the page ran its own loader under the policy without a violation.
    assert_eq!(page.console_errors().await, Vec::<String>::new());
    page.js("const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s); return null;")
        .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        page.js("return window.__inline ?? null").await,
        Value::Null,
        "inline script ran"
    );
    let errors = page.close_returning_errors().await;
    assert!(
        errors.iter().any(|e| e.contains("Content Security Policy")),
        "the violation is reported, so the other tests' clean consoles mean something: {errors:?}"
    );
}

/// Bodies are read as bytes and decoded as `fetch`'s `text()` decodes them: a leading
/// byte order mark is dropped, and text in any script arrives whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_byte_order_mark_is_dropped_and_multibyte_text_arrives_whole() {
    let body = "\u{FEFF}{\"is_success\":true,\"job_total_count\":2,\"jobs\":[
        {\"job_id\":\"zh-1\",\"job_name\":\"可视化-作业\",\"status\":10,\"job_desc\":\"损失曲线 😀 é\"},
        {\"job_id\":\"zh-2\",\"job_name\":\"ascii\",\"status\":10,\"job_desc\":\"plain\"}
    ]}";
    let page = page_listing(body, 2).await;
    assert_eq!(page.texts("job-name").await, ["可视化-作业", "ascii"]);
    assert_eq!(page.texts("job-desc").await, ["损失曲线 😀 é", "plain"]);
    assert_eq!(page.text("total-count").await, "2 jobs");
    page.close().await;
}

/// IDs with characters HTML cannot carry as they are (NUL) or would normalize (CR):
/// a row's buttons and checkbox still act on exactly that job.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_act_on_their_own_job_whatever_its_id_holds() {
    let body = r#"{"is_success":true,"job_total_count":2,"jobs":[
        {"job_id":"a\u0000b","job_name":"nul-id","status":10},
        {"job_id":"c\rd","job_name":"cr-id","status":10}
    ]}"#;
    let page = page_listing(body, 2).await;

    // Select the CR row: the selection holds its real ID, so bulk delete applies to it.
    page.js("document.querySelectorAll(\"[data-testid='row-select']\")[1].click(); return null;")
        .await;
    page.wait_until(
        "one job selected",
        "document.querySelector(\"[data-testid='selection-count']\")?.textContent.includes('1')",
    )
    .await;
    page.wait_until(
        "bulk delete enabled for it",
        "!document.querySelector(\"[data-testid='bulk-delete']\").disabled",
    )
    .await;

    // Open the NUL row's details: the detail request names exactly that job.
    page.js(
        "document.querySelectorAll(\"[data-testid='job-name'] button\")[0].click(); return null;",
    )
    .await;
    let wanted = "/v1/demo-project/visualization-jobs/a%00b";
    let started = std::time::Instant::now();
    while !page.server.detail_requests().iter().any(|r| r == wanted) {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no detail request for {wanted}: {:?}",
            page.server.detail_requests()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    page.close().await;
}
