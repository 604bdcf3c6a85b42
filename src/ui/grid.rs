//! The job table: sortable headers, one keyed row per job, and one delegated handler
//! for every button and checkbox in the body (no listener, signal or closure per row).

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
    sync::Arc,
};

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;

use super::{
    actions::{ActionCenter, JobRef},
    badge::StatusBadge,
    context::{Clock, Nav, Prefs},
    job_list::JobList,
};
use crate::{
    actions::{allowed_for, Verb, RUNNING},
    api::{
        model::{Job, ListPage, Schedule},
        query::{Order, SortKey},
    },
    browser::{copy_or_select, local_date_time, select_text_of, CopyResult},
    columns::{table_class, Column},
    format::{format_countdown, format_duration, iso_utc, safe_http_url, stop_in_ms},
    i18n::{fill, t, Lang, Msg},
    list_state::ListView,
};

/// What one row shows: its job (by index into the shared page, so listing a page
/// clones no job), the language, and its action state.
#[derive(Clone)]
struct RowData {
    page: Arc<ListPage>,
    index: usize,
    lang: Lang,
    pending: Option<Verb>,
    busy: bool,
    controls: bool,
}

impl RowData {
    fn job(&self) -> &Job {
        &self.page.jobs[self.index]
    }
}

#[component]
pub fn JobGrid() -> impl IntoView {
    let list = expect_context::<JobList>();
    let prefs = expect_context::<Prefs>();
    let center = expect_context::<ActionCenter>();
    let nav = expect_context::<Nav>();
    let controls = move || !center.read_only && center.gateway_read_only.get().is_none();
    let rows = move || {
        let lang = prefs.lang.get();
        let controls = controls();
        let Some(page) = list.page.get() else {
            return Vec::new();
        };
        center.pending.with(|pending| {
            center.sending.with(|sending| {
                (0..page.jobs.len())
                    .map(|index| {
                        let id = page.jobs[index].job_id.as_deref().unwrap_or_default();
                        RowData {
                            page: Arc::clone(&page),
                            index,
                            lang,
                            pending: pending.iter().find(|p| p.job_id == id).map(|p| p.verb),
                            busy: sending.contains(id),
                            controls,
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    // Only running rows tick, so only their figures are collected; they also read when
    // the figures arrived from a memo of its own, not from the whole list view.
    provide_context(LiveFigures {
        figures: Memo::new(move |_| {
            list.page.with(|page| {
                page.iter()
                    .flat_map(|p| &p.jobs)
                    .filter(|j| j.status == Some(RUNNING))
                    .map(|j| (j.row_key.clone(), (j.duration_ms, j.remaining_duration)))
                    .collect()
            })
        }),
        loaded_at: Memo::new(move |_| list.view.with(|v| v.loaded_at)),
    });
    // On phones each cell shows its column's name (`td::before`). The names live once on
    // the table as `--label-<column>`, not as an attribute on each of thousands of cells.
    let table = NodeRef::<leptos::html::Table>::new();
    Effect::new(move |_| {
        let lang = prefs.lang.get();
        if let Some(table) = table.get() {
            for column in Column::ALL {
                let name = t(lang, column.label_key()).replace('"', "'");
                let _ = web_sys::HtmlElement::style(&table)
                    .set_property(&format!("--label-{}", column.key()), &format!("\"{name}\""));
            }
        }
    });
    let empty = move || {
        list.view
            .with(|v| v.page.as_ref().is_some_and(|p| p.jobs.is_empty()))
    };
    let skipped = move || {
        list.view
            .with(|v| v.page.as_ref().map_or(0, |p| p.skipped_entries))
    };
    let header = move |column: Column| match SortKey::from_param(column.key()) {
        Some(key) => view! { <SortHeader key column /> }.into_any(),
        None => view! {
            <th scope="col" class=format!("col-{}", column.key())>
                {move || prefs.t(column.label_key())}
            </th>
        }
        .into_any(),
    };
    view! {
        <div
            class="grid-wrap"
            class:dimmed=move || list.view.with(|v| v.loading)
            class:stale=move || list.view.with(|v| v.failure.is_some())
            aria-busy=move || list.view.with(|v| v.loading).to_string()
        >
            <table
                node_ref=table
                class=move || prefs.hidden_columns.with(|h| table_class(h))
                class:with-controls=controls
                data-testid="job-grid"
            >
                <thead>
                    <tr>
                        <Show when=controls>
                            <th scope="col" class="col-select"><SelectAll /></th>
                        </Show>
                        {Column::ALL.into_iter().map(header).collect_view()}
                        <Show when=controls>
                            <th scope="col" class="col-actions">{move || prefs.t(Msg::ActionsLabel)}</th>
                        </Show>
                    </tr>
                </thead>
                <tbody
                    on:click=move |ev| on_grid_click(&ev, list, center, nav, prefs.lang.get_untracked())
                    on:change=move |ev| on_grid_change(&ev, center)
                >
                    // Keyed by ID, content, language and action state: a refresh patches
                    // only the rows that changed, and leaves the others (and focus) alone.
                    <For each=rows key=row_identity children=job_row />
                </tbody>
            </table>
            <Show when=move || skipped() != 0>
                <p class="hint" data-testid="skipped-entries">
                    {move || fill(prefs.lang.get(), Msg::GridSkipped, &[("n", &skipped().to_string())])}
                </p>
            </Show>
            <Show when=empty>
                <EmptyState view=list.view />
            </Show>
        </div>
    }
}

/// A row's key: its ID plus everything it shows except the figures that move on
/// every refresh of a running job (duration, time left), which rows read from
/// [`LiveFigures`]. So a refresh rebuilds only rows whose content really changed.
fn row_identity(row: &RowData) -> (String, u64) {
    let job = row.job();
    let mut hasher = DefaultHasher::new();
    (
        &job.job_id,
        &job.job_name,
        job.status,
        job.create_time_ms,
        &job.job_desc,
        &job.service_url,
        &job.train_url,
        &job.resource_id,
        &job.schedule,
    )
        .hash(&mut hasher);
    (row.lang, row.pending, row.busy, row.controls).hash(&mut hasher);
    (job.row_key.clone(), hasher.finish())
}

/// A job's `duration` (ms) and `remaining_duration` (s), as last sent.
type Figures = (Option<i64>, Option<i64>);

/// The latest [`Figures`] of each shown running job, by row key, and when they came.
#[derive(Clone, Copy)]
pub struct LiveFigures {
    figures: Memo<HashMap<String, Figures>>,
    loaded_at: Memo<Option<i64>>,
}

/// The element a delegated click or change is about: the nearest one matching
/// `selector` around the event's target.
pub fn target_matching(ev: &ev::Event, selector: &str) -> Option<web_sys::Element> {
    ev.target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()?
}

fn row_job(list: JobList, el: &web_sys::Element) -> Option<JobRef> {
    let id = el.closest("tr").ok()??.get_attribute("data-job-id")?;
    list.view.with_untracked(|v| {
        v.page
            .as_ref()?
            .jobs
            .iter()
            .find(|j| j.job_id.as_deref() == Some(&id))
            .and_then(JobRef::of)
    })
}

/// Every button in the body: open details, copy, and the row actions.
fn on_grid_click(ev: &ev::MouseEvent, list: JobList, center: ActionCenter, nav: Nav, lang: Lang) {
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
fn on_grid_change(ev: &ev::Event, center: ActionCenter) {
    let Some(input) = target_matching(ev, "input[data-testid='row-select']") else {
        return;
    };
    let (Some(id), Ok(input)) = (
        input.get_attribute("data-job-id"),
        input.dyn_into::<web_sys::HtmlInputElement>(),
    ) else {
        return;
    };
    let checked = input.checked();
    center.selection.update(|s| {
        if checked {
            s.insert(id);
        } else {
            s.remove(&id);
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

#[component]
fn SelectAll() -> impl IntoView {
    let list = expect_context::<JobList>();
    let prefs = expect_context::<Prefs>();
    let center = expect_context::<ActionCenter>();
    // The page's IDs, once per page (not once per selection change).
    let ids = Memo::new(move |_| -> Vec<String> {
        list.page.with(|page| {
            page.iter()
                .flat_map(|p| &p.jobs)
                .filter_map(|j| j.job_id.clone())
                .collect()
        })
    });
    let all = move || {
        ids.with(|ids| {
            !ids.is_empty()
                && center
                    .selection
                    .with(|s| ids.iter().all(|id| s.contains(id)))
        })
    };
    let some = move || !all() && center.selection.with(|s| !s.is_empty());
    view! {
        <input
            type="checkbox"
            data-testid="select-all"
            aria-label=move || prefs.t(Msg::SelectAll)
            prop:checked=all
            prop:indeterminate=some
            on:change:target=move |ev| {
                let checked = ev.target().checked();
                let ids = ids.get_untracked();
                center.selection.set(if checked { ids.iter().cloned().collect() } else { Default::default() });
                // The row boxes are plain DOM (no signal per row): set them to match.
                if let Ok(boxes) = document().query_selector_all("[data-testid='row-select']") {
                    for i in 0..boxes.length() {
                        if let Some(b) = boxes.item(i).and_then(|n| n.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            b.set_checked(checked);
                        }
                    }
                }
            }
        />
    }
}

#[component]
fn SortHeader(key: SortKey, column: Column) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let prefs = expect_context::<Prefs>();
    let direction = move || nav.query.with(|q| (q.sort_by == key).then_some(q.order));
    let aria_sort = move || match direction() {
        Some(Order::Asc) => "ascending",
        Some(Order::Desc) => "descending",
        None => "none",
    };
    let arrow = move || match direction() {
        Some(Order::Asc) => "▲",
        Some(Order::Desc) => "▼",
        None => "↕",
    };
    let label = move || prefs.t(column.label_key());
    view! {
        <th scope="col" class=format!("col-{}", column.key()) aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-testid=format!("sort-{}", key.as_param())
                title=move || fill(prefs.lang.get(), Msg::SortBy, &[("column", label())])
                on:click=move |_| nav.update(|q| q.with_sort_toggled(key))
            >
                {label}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

fn job_row(row: RowData) -> impl IntoView {
    let job = row.job().clone();
    let RowData {
        lang,
        pending,
        busy,
        controls,
        ..
    } = row;
    let id = job.job_id.clone();
    let selected = controls
        && id.as_ref().is_some_and(|id| {
            use_context::<ActionCenter>()
                .is_some_and(|c| c.selection.with_untracked(|s| s.contains(id)))
        });
    let name = job
        .job_name
        .clone()
        .filter(|n| !n.is_empty())
        .or_else(|| id.clone())
        .unwrap_or_default();
    let select = controls.then(|| {
        view! {
            <td class="col-select">
                <input
                    type="checkbox"
                    data-testid="row-select"
                    data-job-id=id.clone()
                    disabled=id.is_none()
                    checked=selected
                    aria-label=fill(lang, Msg::SelectRow, &[("name", &name)])
                />
            </td>
        }
    });
    let actions = controls.then(|| row_actions(&job, &name, pending, busy, lang));
    view! {
        <tr data-testid="job-row" data-job-id=id data-pending=pending.map(Verb::as_str)>
            {select}
            {cells(job, lang, controls && pending.is_none() && !busy)}
            {actions}
        </tr>
    }
}

/// Stop, restart and delete, each enabled only where the status allows it, and off
/// while an action is on its way or pending.
fn row_actions(
    job: &Job,
    name: &str,
    pending: Option<Verb>,
    busy: bool,
    lang: Lang,
) -> impl IntoView {
    let idle = pending.is_none() && !busy;
    let button = |verb: Verb, testid: &'static str| {
        view! {
            <button
                type="button"
                class=if verb == Verb::Delete { "act danger" } else { "act" }
                data-act=verb.as_str()
                data-testid=testid
                disabled=!(idle && allowed_for(verb, job))
            >
                {t(lang, verb.label())}
            </button>
        }
    };
    let pending_note = pending.map(|verb| {
        let key = match verb {
            Verb::Stop => Msg::PendingStop,
            Verb::Restart => Msg::PendingRestart,
            Verb::Delete => Msg::PendingDelete,
            Verb::Create => Msg::PendingCreate,
        };
        view! { <span class="hint pending" role="status">{t(lang, key)}</span> }
    });
    view! {
        <td class="col-actions">
            <div data-testid="row-actions" role="group" aria-label=fill(lang, Msg::ActionsFor, &[("name", name)])>
                {button(Verb::Stop, "action-stop")}
                {button(Verb::Restart, "action-restart")}
                {button(Verb::Delete, "action-delete")}
                {pending_note}
            </div>
        </td>
    }
}

/// The cells of one row, in header order, without the selection and action cells (the
/// detail panel and the component tests use them too). Every value is text; only a
/// running job's safe `service_url` becomes a link. Inside the console, a running job's
/// duration and countdown tick with the page's clock.
pub fn job_cells(job: Job, lang: Lang) -> impl IntoView {
    cells(job, lang, false)
}

fn cells(job: Job, lang: Lang, can_restart_and_open: bool) -> impl IntoView {
    let restart_and_open = can_restart_and_open && allowed_for(Verb::Restart, &job);
    let Job {
        job_id,
        row_key,
        job_name,
        status,
        create_time_ms,
        duration_ms,
        job_desc,
        service_url,
        train_url,
        resource_id,
        schedule,
        remaining_duration,
        job_type: _,
    } = job;
    let created = create_time_ms.map(|ms| (local_date_time(ms, lang), iso_utc(ms)));
    let (created_text, created_iso) = created.unzip();
    let desc_title = job_desc.clone();
    let running = status == Some(RUNNING);
    let duration_cell = if running {
        live_duration(row_key, duration_ms, remaining_duration, schedule, lang).into_any()
    } else {
        // Nothing else changes by itself: plain text, no reactive work per row.
        duration_ms.map(|ms| format_duration(ms, lang)).into_any()
    };
    let open_label = t(lang, Msg::DetailTitle);
    // Static class names (`col-<Column::key>`): no string is built per cell.
    view! {
        <td class="col-job_name" data-testid="job-name">
            <button type="button" class="job-link" data-act="open" title=open_label>{job_name}</button>
        </td>
        <td class="col-status"><StatusBadge code=status lang /></td>
        <td class="col-create_time" data-testid="create-time">
            <time datetime=created_iso>{created_text}</time>
        </td>
        <td class="col-duration num" data-testid="duration">{duration_cell}</td>
        <td class="col-job_desc" data-testid="job-desc" title=desc_title>{job_desc}</td>
        <td class="col-service_url">{service_cell(service_url, status, restart_and_open, lang)}</td>
        <td class="col-train_url path">{copyable(train_url, "train-url", Column::TrainUrl, lang)}</td>
        <td class="col-job_id id">{copyable(job_id, "job-id", Column::JobId, lang)}</td>
        <td class="col-resource_id id">{copyable(resource_id, "resource-id", Column::ResourceId, lang)}</td>
    }
}

/// A long value, cut to its cell with the whole in a tooltip, and a copy button.
pub fn copyable(
    value: Option<String>,
    testid: &'static str,
    column: Column,
    lang: Lang,
) -> impl IntoView {
    let button = copy_button(value.clone(), column, lang);
    let title = value.clone();
    view! {
        <span class="cut" data-testid=testid title=title>{value}</span>
        {button}
    }
}

/// A running job's duration, ticking with the page's clock from the latest figures the
/// API sent, and the time left before its automatic stop.
fn live_duration(
    row_key: String,
    duration_ms: Option<i64>,
    remaining_duration: Option<i64>,
    schedule: Vec<Schedule>,
    lang: Lang,
) -> impl IntoView {
    let clock = use_context::<Clock>();
    let live = use_context::<LiveFigures>();
    let figures = Signal::derive(move || {
        live.and_then(|l| l.figures.with(|m| m.get(&row_key).copied()))
            .unwrap_or((duration_ms, remaining_duration))
    });
    // Milliseconds since those figures arrived.
    let elapsed = move || match (clock, live) {
        (Some(clock), Some(live)) => live
            .loaded_at
            .get()
            .map_or(0, |at| (clock.now() - at).max(0)),
        _ => 0,
    };
    let duration_text = move || {
        let (duration, _) = figures.get();
        duration.map(|ms| format_duration(ms + elapsed(), lang))
    };
    let countdown = move || {
        let (duration, remaining) = figures.get();
        let left = stop_in_ms(remaining, &schedule, duration)? - elapsed();
        Some(view! {
            <span class="hint stops-in" data-testid="stops-in">
                " · " {fill(lang, Msg::StopsIn, &[("time", &format_countdown(left, lang))])}
            </span>
        })
    };
    view! { {duration_text} {countdown} }
}

/// A copy button: one delegated handler serves them all (`data-act="copy"`).
fn copy_button(value: Option<String>, column: Column, lang: Lang) -> Option<impl IntoView> {
    let value = value.filter(|v| !v.is_empty())?;
    let (what, testid) = column.copy_hooks()?;
    let label = t(lang, Msg::Copy);
    Some(view! {
        <button
            type="button"
            class="copy"
            data-act="copy"
            data-copy=value
            data-label=label
            data-testid=testid
            aria-label=t(lang, what)
        >
            {label}
        </button>
    })
}

/// The TensorBoard cell: a running job's link is its primary action; a finished job
/// offers "Restart and open"; anything else says it is not running.
fn service_cell(
    service_url: Option<String>,
    status: Option<i64>,
    restart_and_open: bool,
    lang: Lang,
) -> impl IntoView {
    if restart_and_open {
        return Some(
            view! {
                <button
                    type="button"
                    class="act primary"
                    data-act="restart-and-open"
                    data-testid="restart-and-open"
                    title=t(lang, Msg::ActionRestartAndOpenHint)
                >
                    {t(lang, Msg::ActionRestartAndOpen)}
                </button>
            }
            .into_any(),
        );
    }
    let raw = service_url.filter(|u| !u.trim().is_empty())?;
    Some(match safe_http_url(&raw) {
        Some(href) if status == Some(RUNNING) => view! {
            <a class="open-tb" data-testid="service-link" href=href target="_blank" rel="noopener noreferrer">
                {t(lang, Msg::LinkOpen)}
            </a>
        }
        .into_any(),
        Some(_) => view! {
            <span class="hint" title=t(lang, Msg::LinkNotRunningHint)>{t(lang, Msg::LinkNotRunning)}</span>
        }
        .into_any(),
        None => view! {
            <span class="unsafe-url" title=t(lang, Msg::LinkUnsafeHint)>
                {raw}
                <span class="hint">{t(lang, Msg::LinkUnsafe)}</span>
            </span>
        }
        .into_any(),
    })
}

#[component]
fn EmptyState(view: Memo<ListView>) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let prefs = expect_context::<Prefs>();
    let beyond_last = move || {
        nav.query.with(|q| q.page > 1)
            && view.with(|v| v.page.as_ref().and_then(|p| p.job_total_count).unwrap_or(0) > 0)
    };
    let filtered = move || nav.query.with(|q| q.has_filters());
    view! {
        <div class="empty" data-testid="empty-state">
            {move || if beyond_last() {
                view! {
                    <p>{prefs.t(Msg::EmptyPastLast)}</p>
                    <button type="button" on:click=move |_| nav.update(|q| q.with_page(1))>
                        {prefs.t(Msg::EmptyFirstPage)}
                    </button>
                }
                .into_any()
            } else if filtered() {
                view! {
                    <p>{prefs.t(Msg::EmptyFiltered)}</p>
                    <button
                        type="button"
                        data-testid="clear-filters"
                        on:click=move |_| nav.update(|q| q.without_filters())
                    >
                        {prefs.t(Msg::EmptyClear)}
                    </button>
                }
                .into_any()
            } else {
                view! { <p>{prefs.t(Msg::EmptyNone)}</p> }.into_any()
            }}
        </div>
    }
}
