//! Browser component tests: mount a component in headless Chromium and read the DOM.
#![cfg(target_arch = "wasm32")]

use std::sync::Arc;

use leptos::{prelude::*, task::tick};
use vizjobs::{
    api::{
        error::ApiError,
        model::{parse_list_response, ListPage},
        query::{ListQuery, QueryDefaults, UrlState},
    },
    browser::local_date_time,
    i18n::Lang,
    json,
    list_state::{FailedRequest, ListView},
    row_markup::{badge_html, row_html, RowState},
    ui::{
        provide, show_outcomes, Derived, ErrorPanel, HtmlElementText, Nav, Outcome, Pager, Prefs,
        TableRows,
    },
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, so tests do not see each other's DOM.
fn host() -> HtmlElement {
    let document = document();
    let el = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

fn one(root: &HtmlElement, testid: &str) -> web_sys::Element {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

/// A table row as the grid builds it (with its controls), parsed by Chromium.
fn row(job: &vizjobs::api::model::Job) -> HtmlElementText {
    HtmlElementText(row_html(
        job,
        &RowState {
            lang: Lang::En,
            controls: true,
            pending: None,
            busy: false,
            selected: false,
            created_text: None,
            elapsed_ms: 0,
        },
    ))
}

/// The contexts a list component reads, and the view it is given.
fn contexts(query: ListQuery) -> (Nav, Prefs) {
    let nav = Nav::new(
        UrlState { query, job: None },
        QueryDefaults {
            project_id: "p".into(),
            workspace_id: "0".into(),
        },
    );
    (nav, Prefs::new(Lang::En, Vec::new()))
}

fn shown(page: Option<ListPage>) -> ListView {
    ListView {
        page: page.map(Arc::new),
        ..ListView::default()
    }
}

#[wasm_bindgen_test]
async fn badges_show_label_code_and_kind_and_unknown_codes_read_unknown_n() {
    // As the table and the detail panel show them: badge markup, parsed by Chromium.
    let badge = |code| {
        let mut html = String::new();
        badge_html(&mut html, code, Lang::En);
        HtmlElementText(html)
    };
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { {badge(Some(8))} {badge(Some(99))} {badge(None)} }
    });
    tick().await;
    let badges = root
        .query_selector_all("[data-testid='status-badge']")
        .unwrap();
    assert_eq!(badges.length(), 3);
    let b = |i| badges.item(i).unwrap().unchecked_into::<HtmlElement>();
    assert_eq!(b(0).text_content().unwrap(), "Running");
    assert_eq!(b(0).get_attribute("data-status").as_deref(), Some("8"));
    assert!(b(0).class_name().contains("badge-running"));
    assert_eq!(b(1).text_content().unwrap(), "Unknown (99)");
    assert!(b(1).class_name().contains("badge-unknown"));
    assert_eq!(b(2).get_attribute("data-status"), None);
}

#[wasm_bindgen_test]
async fn hostile_strings_render_as_text_and_unsafe_urls_are_not_links() {
    let body = r#"{"jobs":[{"job_id":9007199254740993,"job_name":"<img src=x onerror=window.__pwned=1>",
        "job_desc":"<script>window.__pwned=2</script>","service_url":"javascript:window.__pwned=3",
        "train_url":"/obs/<b>bold</b>/","status":8}]}"#;
    let job = parse_list_response(200, body).unwrap().jobs.remove(0);
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <table><tbody>{row(&job)}</tbody></table> }
    });
    tick().await;
    assert_eq!(
        one(&root, "job-name").text_content().unwrap(),
        "<img src=x onerror=window.__pwned=1>"
    );
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none());
    assert!(root.query_selector("b").unwrap().is_none());
    assert!(root.query_selector("a").unwrap().is_none());
    assert!(root
        .query_selector("[data-testid='service-link']")
        .unwrap()
        .is_none());
    assert_eq!(
        one(&root, "job-id").text_content().unwrap(),
        "9007199254740993"
    );
    assert!(root.text_content().unwrap().contains("not a web link"));
    // Chromium's parser gives back exactly what the API sent, in attributes too.
    assert_eq!(
        one(&root, "job-desc").get_attribute("title").as_deref(),
        Some("<script>window.__pwned=2</script>")
    );
    assert_eq!(
        one(&root, "copy-train_url")
            .get_attribute("data-copy")
            .as_deref(),
        Some("/obs/<b>bold</b>/")
    );
    assert_eq!(
        one(&root, "row-select")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Select <img src=x onerror=window.__pwned=1>")
    );
}

#[wasm_bindgen_test]
async fn safe_service_urls_open_in_a_new_tab_without_an_opener() {
    let body = r#"{"jobs":[{"job_id":1,"status":8,"service_url":"  HTTPS://tb.example.com/1  "}]}"#;
    let job = parse_list_response(200, body).unwrap().jobs.remove(0);
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <table><tbody>{row(&job)}</tbody></table> }
    });
    tick().await;
    let link = one(&root, "service-link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("HTTPS://tb.example.com/1")
    );
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert_eq!(
        link.get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
}

#[wasm_bindgen_test]
async fn pager_disables_its_ends_and_names_the_page() {
    let page = parse_list_response(200, r#"{"job_total_count":25,"jobs":[]}"#).unwrap();
    let (nav, prefs) = contexts(ListQuery::new(&QueryDefaults::default()));
    let view = RwSignal::new(shown(Some(page)));
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide(nav);
        provide(prefs);
        view! { <Pager view=Derived::new(move |_| view.get()) /> }
    });
    tick().await;
    let disabled = |id| one(&root, id).has_attribute("disabled");
    assert_eq!(
        one(&root, "page-info").text_content().unwrap(),
        "Page 1 of 3"
    );
    assert!(disabled("prev-page"));
    assert!(!disabled("next-page"));
    nav.query.update(|q| q.page = 3);
    tick().await;
    assert_eq!(
        one(&root, "page-info").text_content().unwrap(),
        "Page 3 of 3"
    );
    assert!(!disabled("prev-page"));
    assert!(disabled("next-page"));
}

#[wasm_bindgen_test]
async fn without_a_total_next_stays_on_while_pages_come_back_full() {
    let full = r#"{"jobs":[{"job_id":1},{"job_id":2},{"job_id":3},{"job_id":4},{"job_id":5},
        {"job_id":6},{"job_id":7},{"job_id":8},{"job_id":9},{"job_id":10}]}"#;
    let (nav, prefs) = contexts(ListQuery::new(&QueryDefaults::default()));
    let view = RwSignal::new(shown(Some(parse_list_response(200, full).unwrap())));
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide(nav);
        provide(prefs);
        view! { <Pager view=Derived::new(move |_| view.get()) /> }
    });
    tick().await;
    assert!(!one(&root, "next-page").has_attribute("disabled"));
    assert_eq!(
        one(&root, "page-info").text_content().unwrap(),
        "Page 1 (total unknown)"
    );
    nav.query.update(|q| q.page = 2);
    view.set(shown(Some(
        parse_list_response(200, r#"{"jobs":[{"job_id":11}]}"#).unwrap(),
    )));
    tick().await;
    assert!(one(&root, "next-page").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn error_panel_shows_code_message_advice_and_retry_asks_again() {
    let (_, prefs) = contexts(ListQuery::new(&QueryDefaults::default()));
    let view = RwSignal::new(ListView::default());
    let retries = RwSignal::new(0);
    let root = host();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide(prefs);
        view! { <ErrorPanel view=Derived::new(move |_| view.get()) on_retry=move || retries.update(|n| *n += 1) /> }
    });
    tick().await;
    assert!(root
        .query_selector("[data-testid='error-panel']")
        .unwrap()
        .is_none());
    view.set(ListView {
        failure: Some(FailedRequest {
            error: ApiError::Http {
                http_status: 401,
                code: Some("APIG.0301".into()),
                message: Some("<b>token</b> expired".into()),
                html: false,
                json: true,
                excerpt: String::new(),
            },
            request_url: "/v1/p/visualization-jobs".into(),
        }),
        ..ListView::default()
    });
    tick().await;
    let panel = one(&root, "error-panel");
    assert_eq!(
        panel.get_attribute("data-error-code").as_deref(),
        Some("APIG.0301")
    );
    assert_eq!(
        panel.get_attribute("data-failure").as_deref(),
        Some("signed-out")
    );
    let text = panel.text_content().unwrap();
    assert!(text.contains("sign-in has expired"), "{text}");
    assert!(text.contains("<b>token</b> expired"), "{text}");
    one(&root, "retry").unchecked_into::<HtmlElement>().click();
    tick().await;
    assert_eq!(retries.get_untracked(), 1);
    // The retry fails the same way: the panel (its open details, the focus on Retry)
    // stays as it is, and the alert is not announced again.
    view.update(|v| v.loading = true);
    tick().await;
    view.update(|v| v.loading = false);
    tick().await;
    assert!(
        panel.is_connected(),
        "the same failure leaves the panel alone"
    );
    view.set(ListView::default());
    tick().await;
    assert!(!panel.is_connected());
    assert!(root
        .query_selector("[data-testid='error-panel']")
        .unwrap()
        .is_none());
}

/// The live region follows the outcomes as `ActionCenter` keeps them (consecutive
/// numbers, new ones at the end, the oldest dropped past a dozen): one paragraph each,
/// in order, with its job and verdict, and job names as text.
#[wasm_bindgen_test]
fn the_live_region_follows_the_outcomes_kept() {
    let outcome = |seq: u64| Outcome {
        seq,
        job_id: format!("id-{seq}"),
        ok: !seq.is_multiple_of(3),
        text: format!("<b>job {seq}</b> stopped."),
    };
    let region = host();
    let read = |region: &HtmlElement| {
        let list = region.query_selector_all("p").unwrap();
        (0..list.length())
            .map(|i| {
                let p: web_sys::Element = list.item(i).unwrap().unchecked_into();
                (
                    p.get_attribute("data-job-id").unwrap(),
                    p.get_attribute("data-outcome").unwrap(),
                    p.text_content().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    let expect = |seqs: std::ops::RangeInclusive<u64>| {
        seqs.map(|seq| {
            let o = outcome(seq);
            (
                o.job_id,
                if o.ok { "ok" } else { "failed" }.to_string(),
                o.text,
            )
        })
        .collect::<Vec<_>>()
    };
    let mut last = 0;
    for (first, end) in [(1, 1), (1, 3), (1, 12), (2, 13), (6, 17), (6, 17), (17, 28)] {
        let kept: Vec<Outcome> = (first..=end).map(outcome).collect();
        last = show_outcomes(&region, &kept, last);
        assert_eq!(last, end);
        assert_eq!(
            read(&region),
            expect(first..=end),
            "outcomes {first}..={end}"
        );
    }
    assert!(
        region.query_selector("b").unwrap().is_none(),
        "names are text"
    );
    last = show_outcomes(&region, &[], last);
    assert_eq!(last, 28);
    assert_eq!(read(&region), Vec::new());
    show_outcomes(&region, &[outcome(29)], last);
    assert_eq!(read(&region), expect(29..=29));
}

/// The page writes dates itself (`format::date_time_text`, no `Intl` before the first
/// rows): here every date from 1960 to 2040, ten days and 37 minutes apart, reads as
/// this browser's `Intl` writes it, in both languages and the browser's time zone.
/// `cargo xtask test` runs this in America/St_Johns (UTC−3:30, with daylight saving),
/// so half-hour offsets and both sides of each clock change are covered.
#[wasm_bindgen_test]
fn dates_read_as_the_browsers_intl_writes_them() {
    // January and July 2026.
    let offsets: Vec<f64> = [1_767_225_600_000.0, 1_782_864_000_000.0]
        .iter()
        .map(|ms| js_sys::Date::new(&(*ms).into()).get_timezone_offset())
        .collect();
    assert_ne!(
        offsets[0], offsets[1],
        "the browser's time zone has no daylight saving: run with TZ=America/St_Johns \
         (as `cargo xtask test` does), or this test covers too little"
    );
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into()).unwrap();
    js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into()).unwrap();
    for lang in [Lang::En, Lang::ZhCn] {
        let intl =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&lang.tag().into()), &options);
        let format = intl.format();
        let mut ms: i64 = -315_619_200_000;
        while ms < 2_208_988_800_000 {
            let date = js_sys::Date::new(&(ms as f64).into());
            let expected = format.call1(&JsValue::NULL, &date).unwrap();
            assert_eq!(
                local_date_time(ms, lang),
                expected.as_string().unwrap(),
                "{ms}"
            );
            ms += 10 * 86_400_000 + 37 * 60_000;
        }
    }
}

/// In the browser `json` reads numbers with the engine's parser, not Rust's: both must
/// give the same `f64`, bit for bit, on the cases where parsers go wrong.
#[wasm_bindgen_test]
fn numbers_read_in_the_browser_as_rust_reads_them() {
    for text in [
        "0",
        "-0",
        "0.1",
        "1.5e3",
        "1E-7",
        "9007199254740993",
        "123456789012345678901234567890",
        "2.2250738585072011e-308",
        "4.9406564584124654e-324",
        "1.7976931348623157e308",
        "1e400",
        "-1e400",
        "0.30000000000000004",
        "1508141232000.5",
    ] {
        let browser = json::parse(text).unwrap().as_f64().unwrap();
        let rust: f64 = text.parse().unwrap();
        assert_eq!(browser.to_bits(), rust.to_bits(), "{text}");
    }
}

/// The table's keyed rows: a new page keeps the row elements whose keys it still has
/// (the same objects, so focus and a ticked box stay), builds the others, removes the
/// rest, and puts them in its order; the same keys again touch nothing.
#[wasm_bindgen_test]
fn table_rows_keep_moved_rows_build_changed_ones_and_remove_the_rest() {
    let root = host();
    root.set_inner_html("<table><tbody></tbody></table>");
    let body = root.query_selector("tbody").unwrap().unwrap();
    let mut rows = TableRows::default();
    let built = std::cell::RefCell::new(Vec::new());
    let show = |rows: &mut TableRows, keys: &[(&str, u64)]| {
        built.borrow_mut().clear();
        rows.show(&body, keys.iter().copied(), |i, html| {
            let (key, hash) = keys[i];
            built.borrow_mut().push(key.to_string());
            html.push_str(&format!("<tr><td><button>{key}{hash}</button></td></tr>"));
        });
        built.borrow().clone()
    };
    let texts = || {
        let list = body.children();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    let row_of = |text: &str| {
        let list = body.children();
        (0..list.length())
            .map(|i| list.item(i).unwrap())
            .find(|r| r.text_content().unwrap() == text)
            .unwrap()
    };

    assert_eq!(
        show(&mut rows, &[("a", 1), ("b", 2), ("c", 3)]),
        ["a", "b", "c"]
    );
    assert_eq!(texts(), ["a1", "b2", "c3"]);
    let (a, c) = (row_of("a1"), row_of("c3"));
    // Focus in a row that stays where it is survives the update.
    let a_button = a.query_selector("button").unwrap().unwrap();
    a_button.unchecked_ref::<HtmlElement>().focus().unwrap();

    // Same keys: nothing built, nothing moved.
    assert!(show(&mut rows, &[("a", 1), ("b", 2), ("c", 3)]).is_empty());
    // b changed (another hash), d is new, c moves in front of them.
    assert_eq!(
        show(&mut rows, &[("a", 1), ("c", 3), ("d", 4), ("b", 9)]),
        ["d", "b"]
    );
    assert_eq!(texts(), ["a1", "c3", "d4", "b9"]);
    assert_eq!(row_of("a1"), a);
    assert_eq!(row_of("c3"), c);
    assert_eq!(document().active_element(), Some(a_button.clone()));

    // A sort: every row kept, in the new order.
    assert!(show(&mut rows, &[("b", 9), ("d", 4), ("c", 3), ("a", 1)]).is_empty());
    assert_eq!(texts(), ["b9", "d4", "c3", "a1"]);
    assert_eq!(row_of("a1"), a);

    // An empty page empties the body; the next page is built afresh.
    assert!(show(&mut rows, &[]).is_empty());
    assert_eq!(body.child_element_count(), 0);
    assert_eq!(show(&mut rows, &[("a", 1)]), ["a"]);
    assert_ne!(row_of("a1"), a);

    // Rows whose text outgrows one parse (64 KB) are parsed in parts, still in order,
    // around a kept row.
    let long: Vec<String> = (0..300).map(|i| format!("{i:0>400}")).collect();
    let mut many: Vec<(&str, u64)> = long.iter().map(|k| (k.as_str(), 7)).collect();
    many.insert(150, ("a", 1));
    assert_eq!(show(&mut rows, &many).len(), 300);
    let expected: Vec<String> = many.iter().map(|(k, h)| format!("{k}{h}")).collect();
    assert_eq!(texts(), expected);
    assert_eq!(row_of("a1").parent_element(), Some(body.clone()));
}
