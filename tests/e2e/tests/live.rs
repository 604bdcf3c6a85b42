//! A live, bilingual, accessible console (issue "A live, bilingual, accessible
//! console"): auto-refresh, live durations, two languages, keyboard and screen
//! readers, phone and dark layouts, copy buttons, column choices, screenshots.

use std::{path::PathBuf, time::Duration};

use serde_json::{json, Value};
use vizjobs_e2e::{config_json, serious_accessibility_violations, DemoJob, Options, Page};

fn with_config(extra: &[(&str, Value)]) -> Options {
    Options {
        config_json: Some(config_json(extra)),
        ..Options::default()
    }
}

async fn sleep_ms(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

/// `1h 02m 03s · stops in …` → 3723.
fn seconds_of(duration: &str) -> i64 {
    duration
        .split(" · ")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .map(|part| {
            let (n, unit) = part.split_at(
                part.find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(part.len()),
            );
            let n: i64 = n.parse().unwrap_or(0);
            n * match unit {
                "d" => 86_400,
                "h" => 3600,
                "m" => 60,
                _ => 1,
            }
        })
        .sum()
}

async fn js_str(page: &Page, script: &str) -> String {
    page.js(script)
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits up to `within` for the stand-in to receive `n` list requests (counting from the
/// last `take_requests`), and returns them; fails with what it got otherwise.
async fn wait_for_requests(page: &Page, n: usize, within: Duration) -> Vec<String> {
    let started = std::time::Instant::now();
    loop {
        let got = page.server.list_requests();
        if got.len() >= n {
            return got;
        }
        assert!(
            started.elapsed() < within,
            "expected {n} list requests within {within:?}, got {got:?}"
        );
        sleep_ms(50).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_refresh_runs_while_jobs_can_change_keeps_rows_and_focus_and_pauses() {
    // 5 s is the shortest period config.json may ask for (issue 12 clamps anything faster).
    let page = Page::open(with_config(&[("refresh_seconds", json!(5))]), "/").await;
    page.wait_rows(10).await;
    assert_eq!(page.text("auto-refresh-state").await, "Auto-refresh on");
    assert!(!page.exists("notice").await, "5 s is accepted as it is");
    // Job 1 is final: its row must survive refreshes as the same node, with focus.
    page.js(
        "const row = document.querySelector('[data-testid=job-row]'); row.__kept = true; \
         row.querySelector('[data-testid=job-name] button').focus(); return null;",
    )
    .await;
    assert_eq!(
        js_str(
            &page,
            "return document.activeElement?.closest('[data-testid=job-name]') ? 'job-name' : ''"
        )
        .await,
        "job-name"
    );
    page.take_requests();
    let started = std::time::Instant::now();
    wait_for_requests(&page, 2, Duration::from_secs(13)).await;
    assert!(
        started.elapsed() > Duration::from_secs(8),
        "two refreshes, about 5 s apart, not sooner: {:?}",
        started.elapsed()
    );
    page.wait_settled().await;
    assert_eq!(
        page.js("return document.querySelector('[data-testid=job-row]').__kept === true")
            .await,
        Value::Bool(true),
        "an unchanged row is patched in place, not rebuilt"
    );
    assert_eq!(
        js_str(
            &page,
            "return document.activeElement?.closest('[data-testid=job-name]') ? 'job-name' : ''"
        )
        .await,
        "job-name",
        "focus stays on the row's name"
    );
    let updated = page.text("last-updated").await;
    assert!(
        updated.starts_with("Last updated ") && updated.ends_with(" s ago"),
        "{updated}"
    );

    page.click("auto-refresh").await;
    assert_eq!(
        page.find("auto-refresh")
            .await
            .attr("aria-pressed")
            .await
            .unwrap()
            .as_deref(),
        Some("true")
    );
    assert_eq!(page.text("auto-refresh-state").await, "Auto-refresh paused");
    page.wait_settled().await;
    page.take_requests();
    sleep_ms(6000).await; // longer than a period
    assert_eq!(page.take_requests(), Vec::<String>::new(), "paused");

    page.click("auto-refresh").await;
    wait_for_requests(&page, 1, Duration::from_secs(7)).await; // resumed
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_tab_is_not_refreshed_and_is_refreshed_once_when_shown() {
    let page = Page::open(with_config(&[("refresh_seconds", json!(30))]), "/").await;
    page.wait_rows(10).await;
    page.take_requests();
    let set_hidden = |hidden: bool| {
        format!(
            "Object.defineProperty(document, 'hidden', {{ configurable: true, get: () => {hidden} }}); \
             document.dispatchEvent(new Event('visibilitychange', {{ bubbles: true }})); return null;"
        )
    };
    page.js(&set_hidden(true)).await;
    sleep_ms(1000).await;
    assert_eq!(
        page.take_requests(),
        Vec::<String>::new(),
        "hidden: no refresh"
    );
    page.js(&set_hidden(false)).await;
    page.wait_request("a refresh on showing", |_| true).await;
    assert_eq!(page.take_requests().len(), 1);
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_refresh_rests_when_every_job_is_final() {
    let final_job = |job_id, status| DemoJob {
        job_id,
        job_name: format!("done-{job_id}"),
        status,
        create_time: 1_700_000_000_000,
        duration: 60_000,
        job_desc: String::new(),
        service_url: String::new(),
        train_url: String::new(),
        resource_id: String::new(),
    };
    let options = Options {
        jobs: Some(vec![final_job(1, 10), final_job(2, 11), final_job(3, 13)]),
        ..with_config(&[("refresh_seconds", json!(5))])
    };
    let page = Page::open(options, "/").await;
    page.wait_rows(3).await;
    page.take_requests();
    sleep_ms(6000).await; // longer than the shortest period config.json may set
    assert_eq!(page.take_requests(), Vec::<String>::new());
    assert!(page
        .text("auto-refresh-state")
        .await
        .contains("every job has finished"));
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_durations_tick_and_say_when_the_job_stops() {
    // Refreshing every 5 s (the shortest period allowed), and read across a refresh, so
    // the ticking must also carry across fresh answers.
    let page = Page::open(
        with_config(&[("refresh_seconds", json!(5))]),
        "/?status=8&per_page=50",
    )
    .await;
    page.wait_until("running rows", "document.querySelectorAll('[data-testid=job-row]').length > 3 && !document.querySelector('[data-testid=loading]')").await;
    page.take_requests();
    let before = page.texts("duration").await;
    let started = std::time::Instant::now();
    wait_for_requests(&page, 1, Duration::from_secs(8)).await;
    page.wait_settled().await;
    sleep_ms(1200).await;
    let after = page.texts("duration").await;
    let elapsed = started.elapsed().as_secs() as i64;
    assert_eq!(before.len(), after.len());
    // Under a day the seconds show, so each of those must have moved.
    let with_seconds: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(b, _)| !b.contains('d'))
        .collect();
    assert!(with_seconds.len() > 3, "{before:?}");
    assert!(
        with_seconds.iter().all(|(b, a)| {
            let moved = seconds_of(a) - seconds_of(b);
            (elapsed - 2..=elapsed + 3).contains(&moved)
        }),
        "every running duration moved on by about {elapsed} s: {before:?} → {after:?}"
    );
    let stops = page.texts("stops-in").await;
    assert!(!stops.is_empty(), "scheduled stops are counted down");
    assert!(stops.iter().all(|s| s.contains("stops in ")), "{stops:?}");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_languages_label_the_page_and_the_choice_is_remembered() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(
        js_str(&page, "return document.querySelector('h1').textContent").await,
        "Visualization jobs"
    );
    page.select("language", "zh-CN").await;
    page.wait_until(
        "Chinese",
        "document.querySelector('h1').textContent === '可视化作业'",
    )
    .await;
    assert_eq!(
        js_str(&page, "return document.documentElement.lang").await,
        "zh-CN"
    );
    assert_eq!(page.text("page-info").await, "第 1 页，共 15 页");
    assert_eq!(page.text("total-count").await, "150 个作业");
    let zh_labels = [
        "作业状态未知",
        "作业初始化状态",
        "作业镜像正在创建",
        "作业镜像创建失败",
        "作业正在提交",
        "作业提交失败",
        "作业删除失败",
        "作业正在排队中",
        "作业正在运行中",
        "作业正在取消",
        "作业已经完成",
        "作业运行失败",
        "作业取消成功",
        "作业取消",
        "作业丢失",
        "作业正在扩容",
        "提交模型失败",
        "部署服务失败",
        "审核作业初始化",
        "审核作业正在运行中",
        "审核作业已经完成",
        "审核作业失败",
        "挂载失败",
    ];
    for label in page.texts("status-badge").await {
        assert!(zh_labels.contains(&label.as_str()), "{label}");
    }
    let created = page
        .strings_of("[data-testid='create-time'] time", "datetime")
        .await;
    assert!(!created.is_empty());
    let shown = page.texts("create-time").await;
    assert!(
        shown[0].contains('年'),
        "Intl formats dates for zh-CN: {}",
        shown[0]
    );
    assert!(js_str(&page, "return document.body.innerText")
        .await
        .contains("刷新"));

    page.goto("/").await;
    page.wait_rows(10).await;
    assert_eq!(
        js_str(&page, "return document.querySelector('h1').textContent").await,
        "可视化作业",
        "remembered"
    );
    page.select("language", "en").await;
    page.wait_until(
        "English",
        "document.querySelector('h1').textContent === 'Visualization jobs'",
    )
    .await;
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_json_then_the_browser_choose_the_first_language() {
    let page = Page::open(with_config(&[("language", json!("zh-CN"))]), "/").await;
    page.wait_rows(10).await;
    assert_eq!(
        js_str(&page, "return document.querySelector('h1').textContent").await,
        "可视化作业"
    );
    page.close().await;

    let page = Page::open_with(
        with_config(&[("language", json!("auto"))]),
        "/",
        &["--accept-lang=zh-CN"],
    )
    .await;
    page.wait_rows(10).await;
    assert_eq!(
        js_str(&page, "return document.querySelector('h1').textContent").await,
        "可视化作业"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slash_focuses_the_search_and_sorting_works_from_the_keyboard() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    let body = page
        .client
        .find(fantoccini::Locator::Css("body"))
        .await
        .unwrap();
    body.send_keys("/").await.unwrap();
    assert_eq!(
        js_str(&page, "return document.activeElement?.dataset.testid ?? ''").await,
        "search"
    );
    assert_eq!(
        js_str(&page, "return document.activeElement.value").await,
        "",
        "the slash is not typed"
    );
    page.js("document.querySelector('[data-testid=sort-job_name]').focus(); return null;")
        .await;
    page.find("sort-job_name")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap(); // Enter
    page.wait_request("sort by name", |r| r.ends_with("?sortBy=job_name"))
        .await;
    assert_eq!(page.search().await, "?sortBy=job_name");
    let outline = js_str(
        &page,
        "return getComputedStyle(document.activeElement).outlineStyle",
    )
    .await;
    assert_ne!(outline, "none", "the focused control shows a focus ring");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_accessibility_violation_in_either_theme_or_language() {
    for (args, lang) in [(&[][..], "en"), (&["--force-dark-mode"][..], "zh-CN")] {
        let page = Page::open_with(with_config(&[("language", json!(lang))]), "/", args).await;
        page.wait_rows(10).await;
        let violations = serious_accessibility_violations(&page).await;
        assert!(violations.is_empty(), "{lang} {args:?}: {violations:#?}");
        page.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_get_cards_without_sideways_scrolling() {
    let page = Page::open(Options::default(), "/").await;
    page.client.set_window_size(360, 780).await.unwrap();
    page.wait_rows(10).await;
    page.wait_until("the phone layout", "innerWidth <= 400")
        .await;
    assert_eq!(
        js_str(
            &page,
            "return getComputedStyle(document.querySelector('[data-testid=job-row]')).display"
        )
        .await,
        "block"
    );
    assert_eq!(
        page.js("return document.documentElement.scrollWidth <= innerWidth")
            .await,
        Value::Bool(true),
        "no sideways scrolling"
    );
    let label = js_str(&page, "return getComputedStyle(document.querySelector('[data-testid=duration]'), '::before').content").await;
    assert!(label.contains("Duration"), "cells are labelled: {label}");
    let violations = serious_accessibility_violations(&page).await;
    assert!(violations.is_empty(), "{violations:#?}");
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dark_theme_follows_the_system() {
    let background = "return getComputedStyle(document.body).backgroundColor";
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(js_str(&page, background).await, "rgb(247, 248, 250)");
    page.close().await;
    let page = Page::open_with(Options::default(), "/", &["--force-dark-mode"]).await;
    page.wait_rows(10).await;
    assert_eq!(js_str(&page, background).await, "rgb(18, 21, 27)");
    page.close().await;
}

/// Ticks these columns in the column picker, then closes it as a person would.
async fn show_columns(page: &Page, keys: &[&str]) {
    let summary = "[data-testid=columns] summary";
    let toggle = || async {
        page.client
            .find(fantoccini::Locator::Css(summary))
            .await
            .unwrap()
            .click()
            .await
            .unwrap()
    };
    toggle().await;
    for key in keys {
        page.click(&format!("column-{key}")).await;
    }
    toggle().await;
    page.wait_until(
        "the column picker to close",
        "!document.querySelector('[data-testid=columns]').open",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_buttons_put_the_exact_value_on_the_clipboard() {
    let page = Page::open(Options::default(), "/?page=2").await;
    page.wait_rows(10).await;
    // The ID columns are hidden by default: show them with the column picker.
    show_columns(&page, &["job_id", "resource_id"]).await;
    page.wait_until(
        "the ID columns to show",
        "document.querySelector('[data-testid=copy-job_id]').getClientRects().length > 0 && \
         document.querySelector('[data-testid=copy-resource_id]').getClientRects().length > 0",
    )
    .await;
    // Records what the page writes, whatever the headless clipboard permits.
    page.js("navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); }; return null;").await;
    page.click("copy-job_id").await;
    page.wait_until("the copy", "window.__copied === '11'")
        .await;
    assert_eq!(page.text("copy-job_id").await, "Copied");
    page.click("copy-resource_id").await;
    let resource = page.texts("resource-id").await[0].clone();
    page.wait_until(
        "the resource copy",
        &format!("window.__copied === '{resource}'"),
    )
    .await;
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn column_choices_hide_columns_and_are_remembered() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    let desc_display =
        "return getComputedStyle(document.querySelector('[data-testid=job-desc]')).display";
    assert_ne!(js_str(&page, desc_display).await, "none");
    page.client
        .find(fantoccini::Locator::Css("[data-testid=columns] summary"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    page.click("column-job_desc").await;
    page.wait_until(
        "the column to hide",
        "getComputedStyle(document.querySelector('[data-testid=job-desc]')).display === 'none'",
    )
    .await;
    page.goto("/").await;
    page.wait_rows(10).await;
    assert_eq!(js_str(&page, desc_display).await, "none", "remembered");
    assert_eq!(
        page.js("return document.querySelector('[data-testid=column-job_desc]').checked")
            .await,
        Value::Bool(false)
    );
    page.close().await;
}

/// Saves the README's screenshots, and checks that each shows what its name claims:
/// the theme (the page's background really dark or light), the language (`<html lang>`
/// and translated text), the width (no sideways scroll) and rows on screen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screenshots_show_the_width_theme_and_language_they_are_named_for() {
    let dir = std::env::var_os("SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots")
        });
    std::fs::create_dir_all(&dir).unwrap();
    for (theme, args) in [("light", &[][..]), ("dark", &["--force-dark-mode"][..])] {
        for lang in ["en", "zh-CN"] {
            let page = Page::open_with(
                with_config(&[("language", json!(lang))]),
                "/?sortBy=create_time&order=desc",
                args,
            )
            .await;
            for (width, w, h) in [("desktop", 1280, 800), ("phone", 360, 780)] {
                page.client.set_window_size(w, h).await.unwrap();
                page.wait_rows(10).await;
                sleep_ms(150).await; // let the layout settle after the resize
                let facts = page
                    .js("const bg = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
                         return { lang: document.documentElement.lang,
                                  luminance: (0.2126*bg[0] + 0.7152*bg[1] + 0.0722*bg[2]) / 255,
                                  overflow: document.documentElement.scrollWidth - window.innerWidth,
                                  title: document.querySelector('h1').textContent,
                                  rows: document.querySelectorAll('[data-testid=job-row]').length }")
                    .await;
                let name = format!("console-{width}-{theme}-{lang}");
                assert_eq!(facts["lang"], json!(lang), "{name}: {facts}");
                let luminance = facts["luminance"].as_f64().unwrap();
                match theme {
                    "dark" => assert!(luminance < 0.3, "{name} is not dark: {facts}"),
                    _ => assert!(luminance > 0.7, "{name} is not light: {facts}"),
                }
                assert!(
                    facts["overflow"].as_i64().unwrap() <= 0,
                    "{name} scrolls sideways: {facts}"
                );
                let title = facts["title"].as_str().unwrap();
                assert_eq!(title.is_ascii(), lang == "en", "{name}: title {title:?}");
                assert_eq!(facts["rows"], json!(10), "{name}: {facts}");
                let png = page.client.screenshot().await.unwrap();
                assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
                std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
            }
            page.close().await;
        }
    }
}
