//! Issue #13's proof: the default columns, the selection boxes and the row actions fit
//! common desktop widths without sideways scrolling, phones get cards, the page has one
//! banner, one main and a pager nav, and axe-core finds no violation of any impact in
//! either theme or language, with the detail panel or a dialog open.

use serde_json::{json, Value};
use vizjobs_e2e::{accessibility_violations, config_json, Options, Page};

fn with_config(extra: &[(&str, Value)]) -> Options {
    Options {
        config_json: Some(config_json(extra)),
        ..Options::default()
    }
}

/// Sets the outer window size and waits until the page's viewport follows.
async fn resize(page: &Page, width: u32, height: u32) {
    page.client
        .set_window_size(width, height)
        .await
        .expect("window size");
    // Headless Chromium has no window frame, so the viewport is the window; allow a
    // frame anyway, and wait for layout to follow.
    page.wait_until(
        &format!("a {width}-pixel viewport"),
        &format!("window.innerWidth <= {width} && window.innerWidth > {width} - 40"),
    )
    .await;
    // WebDriver waits for a returned promise: here, two frames after the resize.
    page.js("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))));")
        .await;
}

/// How far the page and the grid scroll sideways, and what the widths are.
async fn widths(page: &Page) -> Value {
    page.js(
        "const wrap = document.querySelector('.grid-wrap'); \
         const doc = document.documentElement; \
         const widest = [...document.querySelectorAll('body *')] \
           .map(e => [e, e.getBoundingClientRect()]) \
           .filter(([e, r]) => r.width > 0 && r.right > doc.clientWidth + 0.5) \
           .slice(0, 5) \
           .map(([e, r]) => (e.dataset.testid || e.tagName.toLowerCase() + '.' + [...e.classList].join('.')) + ' right=' + Math.round(r.right)); \
         return { innerWidth: window.innerWidth, docScrollWidth: doc.scrollWidth, docClientWidth: doc.clientWidth, \
                  wrapScrollWidth: wrap.scrollWidth, wrapClientWidth: wrap.clientWidth, \
                  tableWidth: Math.round(document.querySelector('[data-testid=job-grid]').getBoundingClientRect().width), \
                  columns: [...document.querySelectorAll('[data-testid=job-grid] thead th')] \
                    .filter(th => th.getClientRects().length > 0) \
                    .map(th => th.className + '=' + Math.round(th.getBoundingClientRect().width)).join(' '), \
                  widestCells: [...document.querySelectorAll('[data-testid=job-grid] thead th')] \
                    .filter(th => th.getClientRects().length > 0).map(th => { \
                      const cells = [...document.querySelectorAll(`[data-testid=job-grid] tbody td.${th.classList[0]}`)]; \
                      const w = cells.map(td => { const r = document.createRange(); r.selectNodeContents(td); return [Math.round(r.getBoundingClientRect().width), td]; }).map(([w, td]) => [w, td.innerText.replace(/\\s+/g, ' ').trim()]).sort((a, b) => b[0] - a[0])[0]; \
                      return w ? `${th.classList[0]}: content ${w[0]}px \"${w[1]}\"` : th.classList[0]; }), \
                  beyondTheViewport: widest };",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn default_columns_with_selection_and_actions_fit_1280_and_1440_pixels() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    assert_eq!(
        page.js("return localStorage.getItem('vizjobs.hidden-columns')")
            .await,
        Value::Null,
        "a fresh profile: the default columns"
    );
    // The default columns: no train URL, job ID or resource ID (the detail panel has them).
    assert_eq!(
        page.js(
            "return ['train-url', 'job-id', 'resource-id'].map(t => \
               getComputedStyle(document.querySelector(`[data-testid=${t}]`).closest('td')).display)"
        )
        .await,
        json!(["none", "none", "none"])
    );
    // Every page of the demo data as a person pages through it, then all of it on one
    // page, so the widest name, status, duration and action cells meet in one table.
    let views: Vec<(String, usize)> = (1..=15)
        .map(|n| match n {
            1 => ("/".to_string(), 10),
            n => (format!("/?page={n}"), 10),
        })
        .chain([("/?per_page=1000".to_string(), 150)])
        .collect();
    let mut overflows = Vec::new();
    for (width, height) in [(1280, 900), (1440, 900)] {
        resize(&page, width, height).await;
        for (path, rows) in &views {
            page.goto(path).await;
            page.wait_until(
                &format!("{path} settled"),
                &format!(
                    "location.search === '{}' && !document.querySelector('[data-testid=loading]') && \
                     document.querySelectorAll('[data-testid=job-row]').length === {rows}",
                    path.trim_start_matches('/')
                ),
            )
            .await;
            // The selection boxes and the row actions are there and shown.
            assert_eq!(
                page.js(
                    "const shown = s => [...document.querySelectorAll(s)].filter(e => e.getClientRects().length > 0).length; \
                     return [shown('[data-testid=select-all]'), shown('[data-testid=row-select]'), \
                             shown('[data-testid=row-actions]'), shown('[data-testid=action-delete]')];"
                )
                .await,
                json!([1, rows, rows, rows]),
                "{path} {width}: selection and actions on every row"
            );
            let facts = widths(&page).await;
            let number = |key: &str| facts[key].as_i64().unwrap_or(-1);
            // A classic vertical scrollbar takes its width from the viewport: the page
            // must fit what is left (innerWidth minus the scrollbar).
            assert!(
                number("innerWidth") - number("docClientWidth") <= 20,
                "{path} {width}×{height}: the viewport is the window, less a scrollbar: {facts}"
            );
            if number("docScrollWidth") != number("docClientWidth") {
                overflows.push(format!(
                    "{path} at {width}×{height}: the page scrolls sideways: {facts:#}"
                ));
            } else if number("wrapScrollWidth") > number("wrapClientWidth") {
                overflows.push(format!(
                    "{path} at {width}×{height}: the grid scrolls sideways by {} px: {facts:#}",
                    number("wrapScrollWidth") - number("wrapClientWidth")
                ));
            }
        }
    }
    page.close().await;
    assert!(overflows.is_empty(), "{}", overflows.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn phones_get_cards_that_do_not_scroll_sideways() {
    let page = Page::open(Options::default(), "/?per_page=100").await;
    page.wait_rows(100).await;
    resize(&page, 360, 780).await;
    assert_eq!(
        page.js("return getComputedStyle(document.querySelector('[data-testid=job-row]')).display")
            .await,
        json!("block"),
        "rows are cards"
    );
    // Each card's cells name their column, in the page's language.
    assert_eq!(
        page.js(
            "const row = document.querySelector('[data-testid=job-row]'); \
             return ['status', 'create_time', 'duration'].map(c => \
               getComputedStyle(row.querySelector('td.col-' + c), '::before').content);"
        )
        .await,
        json!(["\"Status\"", "\"Created\"", "\"Duration\""]),
        "cells are labelled"
    );
    let facts = widths(&page).await;
    assert!(
        facts["docScrollWidth"].as_i64() <= facts["docClientWidth"].as_i64(),
        "360 px: no sideways scrolling: {facts}"
    );
    assert!(
        facts["wrapScrollWidth"].as_i64() <= facts["wrapClientWidth"].as_i64(),
        "360 px: the cards do not scroll sideways: {facts}"
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_banner_one_main_with_the_grid_and_a_nav_with_the_pager() {
    let page = Page::open(Options::default(), "/").await;
    page.wait_rows(10).await;
    let landmarks = page
        .js(
            "const banners = [...document.querySelectorAll('header, [role=banner]')] \
               .filter(h => h.getAttribute('role') === 'banner' || \
                            !h.parentElement.closest('article, aside, main, nav, section, [role]'));
             const mains = document.querySelectorAll('main, [role=main]');
             const navs = [...document.querySelectorAll('nav, [role=navigation]')];
             const pagerNav = navs.filter(n => n.querySelector('[data-testid=prev-page]') \
                                             && n.querySelector('[data-testid=next-page]'));
             return { headers: document.querySelectorAll('header').length, banners: banners.length, \
                      bannerHasTitle: !!banners[0]?.querySelector('h1'), \
                      mains: mains.length, \
                      gridInMain: !!mains[0]?.querySelector('[data-testid=job-grid]'), \
                      pagerNavs: pagerNav.length, \
                      pagerNavInMain: !!pagerNav[0]?.closest('main'), \
                      pagerNavLabel: pagerNav[0]?.getAttribute('aria-label') ?? null };",
        )
        .await;
    assert_eq!(
        landmarks,
        json!({"headers": 1, "banners": 1, "bannerHasTitle": true, "mains": 1, "gridInMain": true,
               "pagerNavs": 1, "pagerNavInMain": true, "pagerNavLabel": "Pages"}),
    );
    page.close().await;
}

/// Every violation, of any impact, one line per element.
async fn all_accessibility_violations(page: &Page) -> Vec<String> {
    accessibility_violations(page, false).await
}

/// Runs axe on the list, with the detail panel open, with the create dialog (empty and
/// after a refused submit) and with a delete confirmation; returns what it found, each
/// problem once with the states it showed in.
async fn audit_every_state(page: &Page, label: &str) -> Vec<String> {
    let mut problems: Vec<(String, Vec<String>)> = Vec::new();
    let mut check = |state: &str, found: Vec<String>| {
        for v in found {
            match problems.iter_mut().find(|(p, _)| *p == v) {
                Some((_, states)) => states.push(state.to_string()),
                None => problems.push((v, vec![state.to_string()])),
            }
        }
    };
    check("the list", all_accessibility_violations(page).await);

    page.client
        .find(fantoccini::Locator::Css(
            "[data-testid=job-row] [data-testid=job-name] button",
        ))
        .await
        .expect("a job name")
        .click()
        .await
        .expect("click the name");
    page.wait_until(
        "the detail panel with the job",
        "document.querySelector('[data-testid=job-detail] [data-testid=detail-schedule]')",
    )
    .await;
    check("detail panel", all_accessibility_violations(page).await);
    page.click("detail-close").await;
    page.wait_until(
        "the panel to close",
        "!document.querySelector('[data-testid=job-detail]')",
    )
    .await;

    page.click("create-job").await;
    page.wait_until(
        "the create dialog",
        "document.querySelector('[role=dialog] [data-testid=create-form]')",
    )
    .await;
    check("create dialog", all_accessibility_violations(page).await);
    page.click("create-submit").await;
    page.wait_until(
        "the field errors",
        "document.querySelectorAll('[data-testid=field-error]').length > 0",
    )
    .await;
    check(
        "create dialog with field errors",
        all_accessibility_violations(page).await,
    );
    page.click("cancel").await;
    page.wait_until(
        "the dialog to close",
        "!document.querySelector('[role=dialog]')",
    )
    .await;

    page.client
        .find(fantoccini::Locator::Css(
            "[data-testid=job-row] [data-testid=action-delete]:not([disabled])",
        ))
        .await
        .expect("an enabled delete button")
        .click()
        .await
        .expect("click delete");
    page.wait_until(
        "the confirmation",
        "document.querySelector('[data-testid=confirm-dialog][role=dialog]')",
    )
    .await;
    check(
        "delete confirmation",
        all_accessibility_violations(page).await,
    );
    page.click("cancel").await;
    page.wait_until(
        "the confirmation to close",
        "!document.querySelector('[role=dialog]')",
    )
    .await;
    assert!(
        page.server.change_requests().is_empty(),
        "the audit changed nothing"
    );
    problems
        .into_iter()
        .map(|(v, states)| format!("[{label}; {}] {v}", states.join(", ")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_desktop_light_english() {
    let page = Page::open(with_config(&[("language", json!("en"))]), "/").await;
    page.wait_rows(10).await;
    resize(&page, 1280, 900).await;
    let problems = audit_every_state(&page, "desktop light en").await;
    assert!(
        problems.is_empty(),
        "axe-core violations:\n{}",
        problems.join("\n")
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_desktop_dark_chinese() {
    let page = Page::open_with(
        with_config(&[("language", json!("zh-CN"))]),
        "/",
        &["--force-dark-mode"],
    )
    .await;
    page.wait_rows(10).await;
    assert_eq!(
        page.js("return matchMedia('(prefers-color-scheme: dark)').matches && document.documentElement.lang")
            .await,
        json!("zh-CN"),
        "dark and Chinese"
    );
    resize(&page, 1280, 900).await;
    let problems = audit_every_state(&page, "desktop dark zh-CN").await;
    assert!(
        problems.is_empty(),
        "axe-core violations:\n{}",
        problems.join("\n")
    );
    page.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violation_on_a_phone() {
    let page = Page::open(with_config(&[("language", json!("en"))]), "/").await;
    page.wait_rows(10).await;
    resize(&page, 360, 780).await;
    let problems = audit_every_state(&page, "phone light en").await;
    assert!(
        problems.is_empty(),
        "axe-core violations:\n{}",
        problems.join("\n")
    );
    page.close().await;
}
