//! The job table: sortable headers, one keyed row per job, and one delegated handler
//! for every button and checkbox in the body (no listener, signal or closure per row).

use std::sync::Arc;

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use super::{
    actions::{ActionCenter, JobRef},
    context::{provided, Clock, Nav, Prefs},
    dom::{by_testid, find, matching, target_matching},
    html_slot::html_slot,
    job_list::JobList,
    kept::kept_attr,
    one_type::{effect, listen},
    table_rows::TableRows,
};
use crate::{
    actions::{Pending, Verb, RUNNING},
    api::{
        model::{Job, ListPage},
        query::{Order, SortKey},
    },
    browser::{copy_or_select, local_date_time, select_text_of, CopyResult},
    cat,
    columns::{table_class, Column},
    grid_markup::{grid_notes_html, header_row_html, EmptyKind},
    i18n::{t, Lang, Msg},
    id_set::IdSet,
    row_keys::{row_hash, RowShows},
    row_markup::{duration_cell_html, push_row_html, RowState},
};

#[component]
pub fn JobGrid() -> impl IntoView {
    let list = provided::<JobList>();
    let prefs = provided::<Prefs>();
    let center = provided::<ActionCenter>();
    let nav = provided::<Nav>();
    let controls = move || center.allows_changes();
    // Milliseconds since the shown figures arrived: running rows count on from then.
    // Only ever read untracked (a new second moves the live cells, not the rows).
    let clock = provided::<Clock>();
    let elapsed = move || {
        let now = clock.0.get_untracked();
        list.view
            .with_untracked(|v| v.loaded_at)
            .map_or(0, |at| (now - at).max(0))
    };
    // The table, found by its hook when an effect runs (`dom::by_testid`; it comes
    // before its rows in the document, so the search is short).
    let table = || by_testid::<web_sys::HtmlElement>("job-grid");
    // The table's part matching `selector`.
    let part = move |selector: &str| table()?.query_selector(selector).ok().flatten();
    // The header's row is HTML text (`grid_markup`), written when the language or
    // the controls change. A sort or a selection only sets attributes on them, so the
    // focus stays on the button or box just pressed.
    let mut header_written = None;
    effect(move || {
        let lang = prefs.lang.get();
        let controls = controls();
        let Some(head) = part("thead") else {
            return;
        };
        if header_written != Some((lang, controls)) {
            head.set_inner_html(&header_row_html(lang, controls));
            header_written = Some((lang, controls));
        }
        // The order of the rows on screen, so set when a page arrives (a page lands
        // only for the current query), not on the click: a failed sort leaves the old
        // rows and their arrow, and no frame repaints the table for an arrow while
        // the answer is coming in (~10 ms of a 1,000-row sort).
        list.page.track();
        show_sort(&head, nav.query.with_untracked(|q| (q.sort_by, q.order)));
        if controls {
            show_select_all(&head, list, center);
        }
    });
    // The rows follow the page, the language and the action state. Most refreshes
    // change no row's key (`row_keys`): only running rows' figures move, and the clock
    // writes those; then this compares the keys and stops.
    let mut shown = TableRows::default();
    // What each row shows and its key's hash, worked out once per run (kept, so a
    // refresh reuses the block).
    let mut rows = Vec::new();
    effect(move || {
        let lang = prefs.lang.get();
        let controls = controls();
        let Some(body) = part("tbody") else {
            return;
        };
        list.page.with(|page| {
            let jobs = page.as_deref().map_or(&[][..], |p| &p.jobs[..]);
            center.pending.with(|pending| {
                center.sending.with(|sending| {
                    rows.clear();
                    rows.extend(jobs.iter().map(|job| {
                        let shows = row_shows(job, lang, controls, pending, sending);
                        (shows, row_hash(job, shows))
                    }));
                    let keys = jobs
                        .iter()
                        .map(|j| j.row_key.as_str())
                        .zip(rows.iter().map(|(_, hash)| *hash));
                    let elapsed_ms = elapsed();
                    center.selection.with_untracked(|selection| {
                        shown.show(&body, keys, |index, html| {
                            let job = &jobs[index];
                            let shows = rows[index].0;
                            let selected = controls
                                && job.job_id.as_ref().is_some_and(|id| selection.contains(id));
                            push_job_row(html, job, shows, selected, elapsed_ms);
                        });
                    });
                })
            })
        });
    });
    // Each second of the clock, not each new page: rows built for a page show its
    // figures already, and the rows a page keeps catch up at the next second. (Ticking
    // on a new page too cost a pass over every cell of a 1,000-row table per sort.)
    effect(move || {
        clock.0.track();
        untrack(|| {
            if let (Some(table), Some(page)) = (table(), list.page.get()) {
                tick_live_cells(&table, &page, elapsed(), prefs.lang.get());
            }
        });
    });
    // On phones each cell shows its column's name (`td::before`). The names live once on
    // the table as `--label-<column>` (inherited), not as an attribute on each of
    // thousands of cells.
    effect(move || {
        let lang = prefs.lang.get();
        if let Some(table) = table() {
            for column in Column::ALL {
                let name = t(lang, column.label_key()).replace('"', "'");
                let _ = web_sys::HtmlElement::style(&table)
                    .set_property(&cat!("--label-", column.key()), &cat!('"', name, '"'));
            }
        }
    });
    // Under the table: what the answer held that is not a job, and why a page is
    // empty (HTML text, `grid_markup`).
    let notes = move || {
        let lang = prefs.lang.get();
        let (past_last, filtered) = nav.query.with(|q| (q.page > 1, q.has_filters()));
        list.view.with(|v| {
            let Some(page) = v.page.as_ref() else {
                return String::new();
            };
            let empty = page.jobs.is_empty().then(|| {
                if past_last && page.job_total_count.unwrap_or(0) > 0 {
                    EmptyKind::PastLast
                } else if filtered {
                    EmptyKind::Filtered
                } else {
                    EmptyKind::NoJobs
                }
            });
            grid_notes_html(lang, page.skipped_entries, empty)
        })
    };
    view! {
        // Whole class strings, not `class:x` toggles: one attribute type fewer in the
        // wasm (~0.2 KiB), and the same classes.
        <div
            {..kept_attr("class", move || {
                list.view.with(|v| {
                    let mut class = String::from("grid-wrap");
                    if v.loading {
                        class.push_str(" dimmed");
                    }
                    if v.failure.is_some() {
                        class.push_str(" stale");
                    }
                    class
                })
            })}
            {..kept_attr("aria-busy", move || list.view.with(|v| v.loading).to_string())}
        >
            <table
                {..kept_attr("class", move || {
                    let mut class = table_class(&prefs.hidden());
                    if controls() {
                        class.push_str(" with-controls");
                    }
                    class
                })}
                data-testid="job-grid"
            >
                <thead
                    {..listen("click", move |ev: ev::Event| {
                        // The sort buttons, not their whole cells.
                        let key = target_matching(&ev, "th[data-sort] button")
                            .and_then(|button| button.closest("th").ok().flatten())
                            .and_then(|th| th.get_attribute("data-sort"))
                            .and_then(|key| SortKey::from_param(&key));
                        if let Some(key) = key {
                            nav.update(|q| q.with_sort_toggled(key));
                        }
                    })}
                    {..listen("change", move |ev| {
                        if let Some(input) = target_matching(&ev, "[data-testid='select-all']") {
                            select_all(&input, list, center);
                        }
                    })}
                >
                    // Its row by the effect above (`grid_markup`).
                </thead>
                <tbody
                    {..listen("click", move |ev| on_grid_click(&ev, list, center, nav, prefs.lang.get_untracked()))}
                    {..listen("change", move |ev| on_grid_change(&ev, list, center))}
                >
                    // Rows by `TableRows`, keyed by ID, content, language and action
                    // state: a refresh patches only the rows that changed, and leaves the
                    // others (and focus) alone.
                </tbody>
            </table>
            {html_slot(notes, "button[data-act]", move |button| {
                match button.get_attribute("data-act").as_deref() {
                    Some("first-page") => nav.update(|q| q.with_page(1)),
                    Some("clear-filters") => nav.update(|q| q.without_filters()),
                    _ => {}
                }
            })}
        </div>
    }
}

/// What a job's row shows beside the job: the language, and its action state.
fn row_shows(
    job: &Job,
    lang: Lang,
    controls: bool,
    pending: &[Pending],
    sending: &IdSet,
) -> RowShows {
    let id = job.job_id.as_deref().unwrap_or_default();
    RowShows {
        lang,
        pending: pending.iter().find(|p| p.job_id == id).map(|p| p.verb),
        busy: sending.contains(id),
        controls,
    }
}

/// The job of the row around `el`. Rows are in the page's order, so a row's position
/// is its job's index: no ID makes a round trip through HTML (which cannot carry NUL).
fn row_job(list: JobList, el: &web_sys::Element) -> Option<JobRef> {
    let row = el
        .closest("tr")
        .ok()??
        .dyn_into::<web_sys::HtmlTableRowElement>()
        .ok()?;
    let index = usize::try_from(row.section_row_index()).ok()?;
    list.view
        .with_untracked(|v| v.page.as_ref()?.jobs.get(index).and_then(JobRef::of))
}

/// Every button in the body: open details, copy, and the row actions.
fn on_grid_click(ev: &ev::Event, list: JobList, center: ActionCenter, nav: Nav, lang: Lang) {
    let Some(button) = target_matching(ev, "button[data-act]") else {
        return;
    };
    let act = button.get_attribute("data-act").unwrap_or_default();
    if act == "copy" {
        copy_from_button(&button, lang);
        return;
    }
    let Some(job) = row_job(list, &button) else {
        return;
    };
    match act.as_str() {
        "open" => nav.show_job(Some(job.id)),
        "restart-and-open" => center.restart_and_open(job),
        verb => {
            if let Some(verb) = Verb::parse(verb) {
                center.ask(verb, vec![job], Vec::new());
            }
        }
    }
}

/// The row checkboxes: the selection follows them.
fn on_grid_change(ev: &ev::Event, list: JobList, center: ActionCenter) {
    let Some(input) = target_matching(ev, "input[data-testid='row-select']") else {
        return;
    };
    let (Some(job), Ok(input)) = (
        row_job(list, &input),
        input.dyn_into::<web_sys::HtmlInputElement>(),
    ) else {
        return;
    };
    let checked = input.checked();
    center.selection.update(|s| {
        if checked {
            s.insert(job.id);
        } else {
            s.remove(&job.id);
        }
    });
}

/// Copies a button's `data-copy` value. Where the clipboard is not available (a plain
/// HTTP gateway is not a secure context), selects the value and asks for Ctrl+C.
pub fn copy_from_button(button: &web_sys::Element, lang: Lang) {
    let value = button.get_attribute("data-copy").unwrap_or_default();
    let shown_value = button.previous_element_sibling();
    match copy_or_select(&value, shown_value.as_ref()) {
        CopyResult::Pending(promise) => {
            let button = button.clone();
            leptos::task::spawn_local(async move {
                let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                if !copied {
                    // Refused (permissions): the person can still copy by hand.
                    if let Some(value) = &shown_value {
                        select_text_of(value);
                    }
                }
                flash(
                    &button,
                    t(
                        lang,
                        if copied {
                            Msg::CopyDone
                        } else {
                            Msg::CopyManual
                        },
                    ),
                );
            });
        }
        CopyResult::Selected => flash(button, t(lang, Msg::CopyManual)),
    }
}

/// Shows `text` on a button for a moment, then its own label again: DOM only, so no
/// row holds a signal for it.
fn flash(button: &web_sys::Element, text: &str) {
    let label = button.get_attribute("data-label").unwrap_or_default();
    button.set_text_content(Some(text));
    let button = button.clone();
    set_timeout(
        move || button.set_text_content(Some(&label)),
        std::time::Duration::from_millis(1500),
    );
}

/// `aria-sort` on each sortable header: the stylesheet shows its arrow from it.
fn show_sort(head: &web_sys::Element, (sort_by, order): (SortKey, Order)) {
    for cell in matching::<web_sys::Element>(head, "th[data-sort]") {
        let sorted = cell.get_attribute("data-sort").as_deref() == Some(sort_by.as_param());
        let state = match (sorted, order) {
            (false, _) => "none",
            (true, Order::Asc) => "ascending",
            (true, Order::Desc) => "descending",
        };
        let _ = cell.set_attribute("aria-sort", state);
    }
}

/// The select-all box: ticked when every job on the page is selected, mixed when some
/// are. The page's IDs are walked afresh each time: at most 1,000 binary searches per
/// selection change, where a memo of them would hold a second copy of the IDs.
fn show_select_all(head: &web_sys::Element, list: JobList, center: ActionCenter) {
    let Some(input) = find::<web_sys::HtmlInputElement>(head, "[data-testid='select-all']") else {
        return;
    };
    let (all, some) = list.page.with(|page| {
        center.selection.with(|s| {
            let mut ids = page_job_ids(page);
            let all = ids.next().is_some_and(|id| s.contains(id)) && ids.all(|id| s.contains(id));
            (all, !all && !s.is_empty())
        })
    });
    input.set_checked(all);
    input.set_indeterminate(some);
}

/// The select-all box pressed: every job on the page selected, or none.
fn select_all(input: &web_sys::Element, list: JobList, center: ActionCenter) {
    let checked = input
        .dyn_ref::<web_sys::HtmlInputElement>()
        .is_some_and(|input| input.checked());
    center.selection.set(if checked {
        list.page
            .with_untracked(|page| page_job_ids(page).cloned().collect())
    } else {
        Default::default()
    });
    // The row boxes are plain DOM (no signal per row): set them to match.
    if let Some(table) = input.closest("table").ok().flatten() {
        for row_box in matching::<web_sys::HtmlInputElement>(&table, "[data-testid='row-select']") {
            row_box.set_checked(checked);
        }
    }
}

/// The IDs of the jobs on the shown page, in order (jobs without one are left out).
fn page_job_ids(page: &Option<Arc<ListPage>>) -> impl Iterator<Item = &String> {
    page.iter()
        .flat_map(|p| &p.jobs)
        .filter_map(|j| j.job_id.as_ref())
}

/// Appends a row's HTML text (`row_markup`).
fn push_job_row(html: &mut String, job: &Job, shows: RowShows, selected: bool, elapsed_ms: i64) {
    let created_text = job.create_time_ms.map(|ms| local_date_time(ms, shows.lang));
    push_row_html(
        html,
        job,
        &RowState {
            lang: shows.lang,
            controls: shows.controls,
            pending: shows.pending,
            busy: shows.busy,
            selected,
            created_text: created_text.as_deref(),
            elapsed_ms,
        },
    );
}

/// Running jobs' durations and countdowns tick with the page's clock, from the
/// figures of the latest answer: one pass over the cells marked `data-live`, instead
/// of a reactive text per row. A cell's job is the one at its row's position, checked
/// by key (a page just in, whose rows are not yet built, is searched instead).
fn tick_live_cells(grid: &web_sys::HtmlElement, page: &ListPage, elapsed_ms: i64, lang: Lang) {
    let mut html = String::new();
    for cell in matching::<web_sys::Element>(grid, "td[data-live]") {
        let key = cell.get_attribute("data-live").unwrap_or_default();
        let is_it = |job: &&Job| job.row_key == key;
        let at_row = cell
            .parent_element()
            .and_then(|row| row.dyn_into::<web_sys::HtmlTableRowElement>().ok())
            .and_then(|row| usize::try_from(row.section_row_index()).ok())
            .and_then(|index| page.jobs.get(index))
            .filter(is_it);
        let job = at_row.or_else(|| page.jobs.iter().find(is_it));
        if let Some(job) = job.filter(|job| job.status == Some(RUNNING)) {
            html.clear();
            duration_cell_html(&mut html, job, elapsed_ms, lang);
            cell.set_inner_html(&html);
        }
    }
}
