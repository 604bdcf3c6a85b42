//! The console end to end (issue "The console, end to end"): the release build in
//! headless Chromium against the stand-in, one fresh browser and server per test.

use std::time::Duration;

use serde_json::{json, Value};
use vizjobs_e2e::{config_json, dist_bytes, dist_dir, dist_file, Fault, Options, Page, Server};

const LIST: &str = "/v1/demo-project/visualization-jobs";

fn ids(from: u64, to: u64) -> Vec<String> {
    (from..=to).map(|i| i.to_string()).collect()
}

async fn aria_sort(page: &Page, key: &str) -> String {
    page.js(&format!(
        "return document.querySelector(\"[data-testid='sort-{key}']\").closest('th').getAttribute('aria-sort');"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn value_of(page: &Page, testid: &str) -> String {
    page.js(&format!(
        "return document.querySelector(\"[data-testid='{testid}']\").value;"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn is_disabled(page: &Page, testid: &str) -> bool {
    !page
        .find(testid)
        .await
        .is_enabled()
        .await
        .expect("enabled state")
}

fn sorted_by<T: Ord + Clone>(v: &[T], descending: bool) -> bool {
    let mut s = v.to_vec();
    s.sort();
    if descending {
        s.reverse();
    }
    s == v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_load_shows_rows_badges_totals_and_quota() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(1, 10));
    let codes = page.attrs("status-badge", "data-status").await;
    assert_eq!(codes.len(), 10);
    for (code, label) in codes.iter().zip(page.texts("status-badge").await) {
        let code: i64 = code.parse().expect("data-status is the integer code");
        assert!((0..=22).contains(&code));
        assert!(
            !label.is_empty() && !label.starts_with("Unknown ("),
            "{code}: {label}"
        );
    }
    assert_eq!(page.text("total-count").await, "150 jobs");
    let quota = page.text("quota").await;
    assert!(quota.contains("Can run at once: 10"), "{quota}");
    assert!(quota.contains("Can still create: 50"), "{quota}");
    assert_eq!(page.text("page-info").await, "Page 1 of 15");
    assert_eq!(page.search().await, "", "defaults stay out of the URL");
    assert_eq!(page.take_requests(), [LIST]);
    for testid in [
        "job-name",
        "create-time",
        "duration",
        "train-url",
        "job-id",
        "resource-id",
    ] {
        assert_eq!(page.texts(testid).await.len(), 10, "{testid}");
    }
    assert_eq!(page.console_errors().await, Vec::<String>::new());
    page.close().await;
}

/// The release wasm's standard library is the lean one `cargo xtask build` rebuilds
/// (panics abort at once): none of std's panic messages are in it, while the
/// console's own strings are. On a machine where xtask fell back to Rust's prebuilt
/// standard library (it says so while building), this fails rather than pass unseen.
#[test]
fn the_release_wasm_carries_no_panic_messages() {
    let wasm = dist_bytes(&dist_file("vizjobs-", "_bg.wasm"));
    let holds = |needle: &str| wasm.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(holds("/visualization-jobs"), "not the console's wasm");
    for message in ["panicked at", "called `Option::unwrap()` on a `None` value"] {
        assert!(
            !holds(message),
            "the wasm holds std's {message:?}: built with the prebuilt std?"
        );
    }
}

/// xtask links the wasm without the exports of wasm-streams' classes (xtask/src/link.rs),
/// so the code behind them goes, and with it every call it made into a byte stream's
/// controller: the glue imports none of them.
#[test]
fn the_release_links_none_of_wasm_streams_code() {
    let glue = String::from_utf8(dist_bytes(&dist_file("vizjobs-", ".js"))).expect("UTF-8");
    assert!(glue.contains("__wbindgen_start"), "not the console's glue");
    for call in ["byobRequest", "enqueue", "ReadableStreamType"] {
        assert!(
            !glue.contains(call),
            "the glue still imports {call:?}: wasm-streams' classes were linked"
        );
    }
}

/// `prefetch-config.js` asks for `config.json` while the wasm loads, and the console
/// reads that answer instead of asking again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_is_asked_for_once_while_the_wasm_loads() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    let seen = page
        .js(r#"const all = performance.getEntriesByType("resource");
            const config = all.filter(e => new URL(e.name).pathname.endsWith("/config.json"));
            return { requests: config.length, left_unread: "vizjobsConfig" in window };"#)
        .await;
    assert_eq!(seen["requests"], 1, "{seen}");
    assert_eq!(
        seen["left_unread"], false,
        "the console took the early answer: {seen}"
    );
    assert_eq!(page.text("total-count").await, "150 jobs");
    page.close().await;
}

/// A reload of an address sends the list request it led to before the wasm has arrived
/// (`prefetch-config.js` replays it from `vizjobs.recent-lists`), and the console takes
/// that answer: one request per load. An entry the console would not ask for (another
/// project since) is left unread and corrected; the page shows its own answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_replays_the_list_request_and_the_console_takes_its_answer() {
    let own = format!("{LIST}?per_page=20");
    let page = Page::open(Options::default(), "/?per_page=20").await;
    page.wait_rows(20).await;
    assert_eq!(
        page.take_requests(),
        std::slice::from_ref(&own),
        "a first visit asks once"
    );
    let remembered = page
        .js("return localStorage.getItem('vizjobs.recent-lists');")
        .await;
    assert_eq!(remembered, json!(format!("?per_page=20\n{own}")));

    page.goto("/?per_page=20").await;
    page.wait_rows(20).await;
    page.wait_settled().await;
    let taken = page
        .js(r#"const list = performance.getEntriesByType("resource")
                .filter(e => new URL(e.name).pathname.endsWith("/visualization-jobs"));
            return { requests: list.length, left: "vizjobsFirstList" in window };"#)
        .await;
    assert_eq!(
        taken["requests"], 1,
        "the console took the replayed answer: {taken}"
    );
    assert_eq!(taken["left"], false, "{taken}");
    assert_eq!(page.take_requests(), std::slice::from_ref(&own));
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(1, 20));

    let stale = "/v1/another-project/visualization-jobs?per_page=20";
    page.js(&format!(
        "localStorage.setItem('vizjobs.recent-lists', '?per_page=20\\n{stale}'); return null;"
    ))
    .await;
    page.goto("/?per_page=20").await;
    page.wait_rows(20).await;
    page.wait_settled().await;
    let mut asked = page.take_requests();
    asked.sort();
    assert_eq!(
        asked,
        [stale.to_string(), own.clone()],
        "the stale entry went unread"
    );
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(1, 20));
    assert_eq!(page.text("total-count").await, "150 jobs");
    let corrected = page
        .js("return localStorage.getItem('vizjobs.recent-lists');")
        .await;
    assert_eq!(corrected, json!(format!("?per_page=20\n{own}")));
    assert_eq!(page.close_returning_errors().await, Vec::<String>::new());
}

/// Without the early request (`trunk serve`, or a script that did not load), the
/// console asks for `config.json` itself, and uses it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_early_request_the_console_asks_for_config_json_itself() {
    // The release dist/, its index.html without the prefetch script.
    let dist = std::env::temp_dir().join(format!("vizjobs-no-prefetch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).unwrap();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dist.join(entry.file_name())).unwrap();
    }
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    // The element, wherever it sits (the minified page is one line).
    let without = match index.find("prefetch-config") {
        Some(at) => {
            let start = index[..at].rfind("<script").unwrap();
            let end = at + index[at..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &index[..start], &index[end..])
        }
        None => index.clone(),
    };
    assert_ne!(
        without, index,
        "the release index.html loads prefetch-config.js"
    );
    std::fs::write(dist.join("index.html"), without).unwrap();
    for compressed in ["index.html.br", "index.html.gz"] {
        let _ = std::fs::remove_file(dist.join(compressed));
    }

    let options = Options {
        static_dir: Some(dist.clone()),
        config_json: Some(config_json(&[("project_id", json!("from-config"))])),
        ..Options::default()
    };
    let server = Server::start(options, 0).await.expect("stand-in starts");
    let base_url = server.url();
    let page = Page::open_at(server, &base_url, "/").await;
    page.wait_rows(10).await;
    let seen = page
        .js(r#"const config = performance.getEntriesByType("resource")
                .filter(e => new URL(e.name).pathname.endsWith("/config.json"));
            return { requests: config.length, early: "vizjobsConfig" in window };"#)
        .await;
    assert_eq!(seen["requests"], 1, "{seen}");
    assert_eq!(seen["early"], false, "{seen}");
    assert_eq!(value_of(&page, "project-id").await, "from-config");
    page.close().await;
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sorting_happens_on_the_server_both_ways_on_two_columns() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(aria_sort(&page, "job_id").await, "ascending");

    page.click("sort-job_name").await;
    page.wait_request("sortBy=job_name", |r| r.ends_with("?sortBy=job_name"))
        .await;
    assert_eq!(page.search().await, "?sortBy=job_name");
    assert_eq!(aria_sort(&page, "job_name").await, "ascending");
    assert_eq!(aria_sort(&page, "job_id").await, "none");
    let names = page.texts("job-name").await;
    assert!(sorted_by(&names, false), "{names:?}");

    page.click("sort-job_name").await;
    page.wait_request("order=desc", |r| r.ends_with("?sortBy=job_name&order=desc"))
        .await;
    assert_eq!(aria_sort(&page, "job_name").await, "descending");
    let names_desc = page.texts("job-name").await;
    assert!(sorted_by(&names_desc, true), "{names_desc:?}");
    assert_ne!(names, names_desc);
    // The header holds all three glyphs; the stylesheet shows the one for aria-sort.
    let arrow = page.text("sort-job_name").await;
    assert!(arrow.ends_with('▼'), "{arrow}");
    let unsorted = page.text("sort-status").await;
    assert!(unsorted.ends_with('↕'), "{unsorted}");

    page.click("sort-create_time").await;
    page.wait_request("create_time asc", |r| r.ends_with("?sortBy=create_time"))
        .await;
    let times = page
        .strings_of("[data-testid='create-time'] time", "datetime")
        .await;
    assert!(sorted_by(&times, false), "{times:?}");
    assert_eq!(aria_sort(&page, "create_time").await, "ascending");

    page.click("sort-create_time").await;
    page.wait_request("create_time desc", |r| {
        r.ends_with("?sortBy=create_time&order=desc")
    })
    .await;
    let times = page
        .strings_of("[data-testid='create-time'] time", "datetime")
        .await;
    assert!(sorted_by(&times, true), "{times:?}");
    assert_eq!(page.search().await, "?sortBy=create_time&order=desc");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_and_previous_move_and_the_ends_are_disabled() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert!(is_disabled(&page, "prev-page").await);
    assert!(!is_disabled(&page, "next-page").await);

    page.click("next-page").await;
    page.wait_request("page 2", |r| r.ends_with("?page=2"))
        .await;
    assert_eq!(page.search().await, "?page=2");
    assert_eq!(page.text("page-info").await, "Page 2 of 15");
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(11, 20));
    assert!(!is_disabled(&page, "prev-page").await);

    page.server.clear_requests();
    page.click("prev-page").await;
    page.wait_request("page 1", |r| r == LIST).await;
    assert_eq!(page.search().await, "");
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(1, 10));

    page.goto("/?page=15").await;
    page.wait_rows(10).await;
    assert_eq!(page.text("page-info").await, "Page 15 of 15");
    assert!(is_disabled(&page, "next-page").await);
    assert!(!is_disabled(&page, "prev-page").await);
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(141, 150));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_size_change_shows_that_many_rows_from_page_one() {
    let page = Page::open(Options::default(), "/?page=3").await;
    page.wait_rows(10).await;
    page.select("per-page", "50").await;
    page.wait_request("per_page=50", |r| r.ends_with("?per_page=50"))
        .await;
    page.wait_rows(50).await;
    assert_eq!(page.search().await, "?per_page=50");
    assert_eq!(page.text("page-info").await, "Page 1 of 3");
    assert_eq!(value_of(&page, "per-page").await, "50");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_filter_shows_only_that_status() {
    let page = Page::open(Options::default(), "/?page=2").await;
    page.wait_rows(10).await;
    page.select("status-filter", "8").await;
    page.wait_request("status=8", |r| r.ends_with("?status=8"))
        .await;
    assert_eq!(
        page.search().await,
        "?status=8",
        "a filter goes back to page 1"
    );
    let codes = page.attrs("status-badge", "data-status").await;
    assert!(!codes.is_empty());
    assert!(codes.iter().all(|c| c == "8"), "{codes:?}");
    assert!(page
        .texts("status-badge")
        .await
        .iter()
        .all(|l| l == "Running"));
    let total = page.text("total-count").await;
    assert_ne!(total, "150 jobs");

    page.select("status-filter", "").await;
    page.wait_until("all statuses again", "location.search === ''")
        .await;
    page.wait_rows(10).await;
    assert_eq!(page.text("total-count").await, "150 jobs");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_is_debounced_to_one_request_for_a_typed_word() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    page.take_requests();
    page.find("search")
        .await
        .send_keys("bert")
        .await
        .expect("typing");
    tokio::time::sleep(Duration::from_millis(1200)).await;
    page.wait_settled().await;
    assert_eq!(
        page.take_requests(),
        [format!("{LIST}?search_content=bert")],
        "one request after typing stops"
    );
    assert_eq!(page.search().await, "?search_content=bert");
    let names = page.texts("job-name").await;
    assert!(!names.is_empty());
    assert!(names.iter().all(|n| n.contains("bert")), "{names:?}");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deep_link_opens_the_exact_view() {
    let link = "?status=10&search_content=b&sortBy=create_time&order=desc&page=2&per_page=5";
    let page = Page::open(Options::default(), &format!("/{link}")).await;
    page.wait_rows(5).await;
    assert_eq!(page.take_requests(), [format!("{LIST}{link}")]);
    assert_eq!(page.search().await, link, "a valid link is kept as it is");
    assert_eq!(value_of(&page, "status-filter").await, "10");
    assert_eq!(value_of(&page, "search").await, "b");
    assert_eq!(value_of(&page, "per-page").await, "5");
    assert_eq!(aria_sort(&page, "create_time").await, "descending");
    assert!(page.text("page-info").await.starts_with("Page 2 of "));
    assert!(!page.exists("notice").await);
    let codes = page.attrs("status-badge", "data-status").await;
    assert!(codes.iter().all(|c| c == "10"), "{codes:?}");
    page.close().await;
}

/// Presses Back and waits for the address `search` and its rows, `first_id` first.
async fn back_to(page: &Page, search: &str, first_id: &str) {
    page.client.back().await.expect("back");
    page.wait_until(
        &format!("the URL {search:?}"),
        &format!("location.search === '{search}'"),
    )
    .await;
    page.wait_until(
        &format!("rows from job {first_id}"),
        &format!(
            "document.querySelector('[data-testid=job-row]')?.dataset.jobId === '{first_id}' \
             && !document.querySelector('[data-testid=loading]')"
        ),
    )
    .await;
}

/// A view's history entry and its sort arrows come with its answer (a `pushState` or a
/// repaint while the answer came in held up its rows), so the address bar and the
/// headers name what is shown, and a view left before its answer came gets no entry.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_view_enters_the_history_and_the_headers_once_its_answer_is_shown() {
    let options = Options {
        latency: Duration::from_millis(700),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_rows(10).await;
    page.wait_settled().await;
    page.click("sort-job_name").await;
    page.click("sort-job_name").await;
    // While the answer is out, the address and the arrows name the rows on screen.
    assert!(page.exists("loading").await);
    assert_eq!(page.js("return location.search;").await, "");
    assert_eq!(aria_sort(&page, "job_id").await, "ascending");
    assert_eq!(aria_sort(&page, "job_name").await, "none");
    page.wait_request("descending", |r| r.ends_with("?sortBy=job_name&order=desc"))
        .await;
    assert_eq!(page.search().await, "?sortBy=job_name&order=desc");
    assert_eq!(aria_sort(&page, "job_name").await, "descending");

    // One entry for the two clicks: Back goes to the view before them.
    back_to(&page, "", "1").await;
    assert_eq!(aria_sort(&page, "job_id").await, "ascending");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_back_button_restores_the_previous_view() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    page.click("next-page").await;
    page.wait_request("page 2", |r| r.ends_with("?page=2"))
        .await;
    page.select("status-filter", "10").await;
    page.wait_request("status 10", |r| r.ends_with("?status=10"))
        .await;
    assert_eq!(page.search().await, "?status=10");

    back_to(&page, "?page=2", "11").await;
    assert_eq!(value_of(&page, "status-filter").await, "");
    assert_eq!(page.text("page-info").await, "Page 2 of 15");

    back_to(&page, "", "1").await;
    assert_eq!(page.text("page-info").await, "Page 1 of 15");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_url_is_corrected_with_a_notice_until_dismissed() {
    let page = Page::open(
        Options::default(),
        "/?per_page=5000&sortBy=bogus&page=-1&order=sideways&status=running",
    )
    .await;
    page.wait_rows(150).await;
    assert_eq!(page.search().await, "?per_page=1000");
    let notice = page.text("notice").await;
    for param in ["per_page", "sortBy", "page", "order", "status"] {
        assert!(notice.contains(param), "notice names {param}: {notice}");
    }
    assert_eq!(page.take_requests(), [format!("{LIST}?per_page=1000")]);
    // Dismissed, it is gone, and nothing else changed.
    page.client
        .find(fantoccini::Locator::Css("[data-testid=notice] button"))
        .await
        .expect("the notice's dismiss button")
        .click()
        .await
        .expect("click dismiss");
    page.wait_until(
        "the notice gone",
        "!document.querySelector('[data-testid=notice]')",
    )
    .await;
    assert_eq!(page.search().await, "?per_page=1000");
    assert!(page.take_requests().is_empty());
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_match_shows_the_empty_state_and_clear_filters_recovers() {
    let page = Page::open(Options::default(), "/?search_content=no-such-job-anywhere").await;
    page.wait_until(
        "the empty state",
        "document.querySelector('[data-testid=empty-state]')",
    )
    .await;
    assert_eq!(page.texts("job-row").await.len(), 0);
    assert_eq!(page.text("total-count").await, "0 jobs");
    assert!(page.text("empty-state").await.contains("No job matches"));
    page.click("clear-filters").await;
    page.wait_rows(10).await;
    assert_eq!(page.search().await, "");
    assert!(!page.exists("empty-state").await);
    assert_eq!(value_of(&page, "search").await, "");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_error_from_the_stand_in_is_explained_and_retry_recovers() {
    let options = Options::default();
    let page = Page::open(options, "/?page=2").await;
    page.wait_rows(10).await;

    // A refresh that fails keeps the rows, marked stale, under the error.
    page.server.push_fault(Fault::Raw {
        status: 500,
        content_type: "application/json".into(),
        body: r#"{"is_success":false,"error_code":"ModelArts.0010","error_message":"internal error, try later"}"#.into(),
    });
    page.click("refresh").await;
    page.wait_until(
        "the error panel",
        "document.querySelector('[data-testid=error-panel]')",
    )
    .await;
    let panel = page.find("error-panel").await;
    assert_eq!(
        panel.attr("data-error-code").await.unwrap().as_deref(),
        Some("ModelArts.0010")
    );
    let text = panel.text().await.unwrap();
    assert!(text.contains("internal error, try later"), "{text}");
    assert!(text.contains("HTTP 500"), "{text}");
    assert_eq!(page.texts("job-row").await.len(), 10, "rows stay");
    assert!(text.contains("last successful load"), "{text}");

    page.click("retry").await;
    page.wait_until(
        "the panel to go",
        "!document.querySelector('[data-testid=error-panel]')",
    )
    .await;
    page.wait_rows(10).await;
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(11, 20));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_load_error_then_retry() {
    let options = Options::default();
    let page = Page::open(options, "/").await;
    page.wait_rows(10).await;
    page.server.push_fault(Fault::Raw {
        status: 400,
        content_type: "application/json".into(),
        body: r#"{"is_success":false,"error_code":"ModelArts.0104","error_message":"per_page out of range"}"#.into(),
    });
    page.goto("/?per_page=20").await;
    page.wait_until(
        "the error panel",
        "document.querySelector('[data-testid=error-panel]')",
    )
    .await;
    let text = page.text("error-panel").await;
    assert!(text.contains("refused a parameter"), "{text}");
    assert!(
        text.contains(&format!("{LIST}?per_page=20")),
        "shows the query sent: {text}"
    );
    page.click("retry").await;
    page.wait_rows(20).await;
    assert!(!page.exists("error-panel").await);
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_links_open_tensorboard_in_a_new_tab_safely() {
    // Every demo job, so the page holds running and finished rows alike.
    let page = Page::open(Options::default(), "/?per_page=1000").await;
    page.wait_rows(150).await;
    let rows = page
        .js("return [...document.querySelectorAll('[data-testid=job-row]')].map(r => ({ \
               id: r.dataset.jobId, \
               status: r.querySelector('[data-testid=status-badge]').dataset.status, \
               links: [...r.querySelectorAll('[data-testid=service-link]')].map(a => ({ \
                 href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })), \
               restart: r.querySelectorAll('[data-testid=restart-and-open]').length }));")
        .await;
    let rows = rows.as_array().expect("a list of rows");
    let running: Vec<&Value> = rows.iter().filter(|r| r["status"] == "8").collect();
    assert!(
        !running.is_empty() && running.len() < rows.len(),
        "the demo data has running and other rows"
    );
    let links = page.attrs("service-link", "href").await;
    assert_eq!(links.len(), running.len(), "one link per running row");
    for row in &running {
        let id = row["id"].as_str().unwrap();
        assert_eq!(row["links"].as_array().unwrap().len(), 1, "{row}");
        let link = &row["links"][0];
        assert_eq!(
            link["href"],
            format!("https://console.example.com/modelarts/tensorboard/demo-project/{id}/"),
            "{row}"
        );
        assert_eq!(link["target"], "_blank", "{row}");
        assert_eq!(link["rel"], "noopener noreferrer", "{row}");
        assert_eq!(
            row["restart"], 0,
            "a running job is opened, not restarted: {row}"
        );
    }
    // Finished jobs (failed, completed, canceled: restart allowed) offer "Restart and
    // open" instead; no other row links to a TensorBoard that is not running.
    let finished = [3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 20, 21, 22].map(|c| c.to_string());
    let mut restartable = 0;
    for row in rows.iter().filter(|r| r["status"] != "8") {
        assert_eq!(
            row["links"],
            json!([]),
            "no link on a job that is not running: {row}"
        );
        if finished.contains(&row["status"].as_str().unwrap().to_string()) {
            assert_eq!(row["restart"], 1, "{row}");
            restartable += 1;
        }
    }
    assert!(restartable > 0, "the demo data has finished jobs");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_superseded_slow_answer_never_overwrites_the_newer_view() {
    let page = Page::open(Options::default(), "/?page=2").await;
    page.wait_rows(10).await;
    // The next request (page 3) is slow; the person moves back to page 2 before it ends.
    page.server
        .push_fault(Fault::Delay(Duration::from_millis(1500)));
    page.click("next-page").await;
    page.wait_until(
        "the slow request to start",
        "!!document.querySelector('[data-testid=loading]')",
    )
    .await;
    page.click("prev-page").await;
    page.wait_request("page 2 again", |r| r.ends_with("?page=2"))
        .await;
    tokio::time::sleep(Duration::from_millis(2000)).await; // past the slow answer's time
    assert_eq!(page.search().await, "?page=2");
    assert_eq!(page.attrs("job-row", "data-job-id").await, ids(11, 20));
    assert_eq!(page.text("page-info").await, "Page 2 of 15");
    assert!(!page.exists("loading").await);
    assert!(
        !page.exists("error-panel").await,
        "the aborted request is not an error"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_and_workspace_inputs_change_the_request() {
    let page = Page::open(Options::default(), "/?page=2").await;
    page.wait_rows(10).await;
    let project = page.find("project-id").await;
    project.clear().await.unwrap();
    project.send_keys("other-project\u{E007}").await.unwrap(); // Enter commits
    page.wait_request("the other project", |r| {
        r == "/v1/other-project/visualization-jobs"
    })
    .await;
    assert_eq!(
        page.search().await,
        "?project_id=other-project",
        "back to page 1"
    );
    let workspace = page.find("workspace-id").await;
    workspace.clear().await.unwrap();
    workspace.send_keys("ws-7\u{E007}").await.unwrap();
    page.wait_request("the workspace", |r| {
        r == "/v1/other-project/visualization-jobs?workspace_id=ws-7"
    })
    .await;
    assert_eq!(
        page.search().await,
        "?project_id=other-project&workspace_id=ws-7"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_config_key_of_the_wrong_type_is_reported_and_falls_back() {
    let options = Options {
        config_json: Some(
            r#"{"project_id":"demo-project","refresh_seconds":"often","language":"en","extra":1}"#
                .into(),
        ),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_rows(10).await;
    let notice = page.text("notice").await;
    assert!(notice.contains("\"refresh_seconds\" should be"), "{notice}");
    assert!(
        !notice.contains("extra"),
        "unknown keys are ignored: {notice}"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_any_project_the_page_asks_for_one() {
    let options = Options {
        config_json: Some(r#"{"language":"en"}"#.into()),
        ..Options::default()
    };
    let page = Page::open(options, "/").await;
    page.wait_until(
        "the question",
        "document.querySelector('[data-testid=ask-project]')",
    )
    .await;
    assert!(
        page.take_requests().is_empty(),
        "nothing to ask the API yet"
    );
    let project = page.find("project-id").await;
    project.send_keys("demo-project\u{E007}").await.unwrap();
    page.wait_rows(10).await;
    assert_eq!(page.search().await, "?project_id=demo-project");
    // That request came from the typed project, not from the address as loaded: it is
    // not remembered for a reload of `/` to replay.
    assert_eq!(
        page.js("return localStorage.getItem('vizjobs.recent-lists');")
            .await,
        Value::Null
    );
    page.close().await;
}
