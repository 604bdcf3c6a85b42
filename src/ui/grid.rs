//! The job table: sortable headers and one keyed row per job.

use std::{
    collections::HashMap,
    hash::{DefaultHasher, Hash, Hasher},
};

use leptos::{prelude::*, task::spawn_local};

use super::{badge::StatusBadge, state::ConsoleState};
use crate::{
    api::{
        model::{Job, Schedule},
        query::{Order, SortKey},
    },
    browser::{copy_text, local_date_time},
    columns::{table_class, Column},
    format::{format_countdown, format_duration, iso_utc, safe_http_url, stop_in_ms},
    i18n::{fill, t, Lang},
};

/// The status whose TensorBoard actually answers (and whose duration grows).
const RUNNING: i64 = 8;

#[component]
pub fn JobGrid() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let rows = move || {
        let lang = state.lang.get();
        state.page.with(|p| {
            p.as_ref()
                .map(|p| p.jobs.iter().map(|j| (j.clone(), lang)).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    // Only running rows tick, so only their figures are collected.
    provide_context(LiveFigures(Memo::new(move |_| {
        state.page.with(|p| {
            p.iter()
                .flat_map(|p| &p.jobs)
                .filter(|j| j.status == Some(RUNNING))
                .map(|j| (j.row_key.clone(), (j.duration_ms, j.remaining_duration)))
                .collect()
        })
    })));
    // On phones each cell shows its column's name (`td::before`). The names live once on
    // the table as `--label-N`, not as an attribute on each of thousands of cells.
    let table = NodeRef::<leptos::html::Table>::new();
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(table) = table.get() {
            for (i, column) in Column::ALL.into_iter().enumerate() {
                let name = t(lang, column.label_key()).replace('"', "'");
                let _ = web_sys::HtmlElement::style(&table)
                    .set_property(&format!("--label-{}", i + 1), &format!("\"{name}\""));
            }
        }
    });
    let empty = move || {
        state
            .page
            .with(|p| p.as_ref().is_some_and(|p| p.jobs.is_empty()))
    };
    let skipped = move || {
        state
            .page
            .with(|p| p.as_ref().map_or(0, |p| p.skipped_entries))
    };
    let header = move |column: Column| {
        let sort = SortKey::from_param(column.key());
        match sort {
            Some(key) => view! { <SortHeader key column /> }.into_any(),
            None => view! {
                <th scope="col" class=format!("col-{}", column.key())>
                    {move || state.t(column.label_key())}
                </th>
            }
            .into_any(),
        }
    };
    view! {
        <div
            class="grid-wrap"
            class:dimmed=move || state.loading.get()
            class:stale=move || state.failure.with(Option::is_some)
            aria-busy=move || state.loading.get().to_string()
        >
            <table
                node_ref=table
                class=move || state.hidden_columns.with(|h| table_class(h))
                data-testid="job-grid"
            >
                <thead>
                    <tr>{Column::ALL.into_iter().map(header).collect_view()}</tr>
                </thead>
                <tbody>
                    // Keyed by ID, content and language: a refresh patches only the rows
                    // that changed, and leaves the others (and focus, scroll) alone.
                    <For each=rows key=row_identity children=|(job, lang)| job_row(job, lang) />
                </tbody>
            </table>
            <Show when=move || skipped() != 0>
                <p class="hint" data-testid="skipped-entries">
                    {move || fill(state.lang.get(), "grid.skipped", &[("n", &skipped().to_string())])}
                </p>
            </Show>
            <Show when=empty>
                <EmptyState />
            </Show>
        </div>
    }
}

/// A row's key: its ID plus everything it shows except the figures that move on
/// every refresh of a running job (duration, time left), which rows read from
/// [`LiveFigures`]. So a refresh rebuilds only rows whose content really changed.
fn row_identity((job, lang): &(Job, Lang)) -> (String, u64) {
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
    lang.hash(&mut hasher);
    (job.row_key.clone(), hasher.finish())
}

/// A job's `duration` (ms) and `remaining_duration` (s), as last sent.
type Figures = (Option<i64>, Option<i64>);

/// The latest [`Figures`] of each shown running job, by row key.
#[derive(Clone, Copy)]
pub struct LiveFigures(Memo<HashMap<String, Figures>>);

#[component]
fn SortHeader(key: SortKey, column: Column) -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let direction = move || state.query.with(|q| (q.sort_by == key).then_some(q.order));
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
    let label = move || state.t(column.label_key());
    view! {
        <th scope="col" class=format!("col-{}", column.key()) aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-testid=format!("sort-{}", key.as_param())
                title=move || fill(state.lang.get(), "sort.by", &[("column", label())])
                on:click=move |_| state.update(|q| q.with_sort_toggled(key))
            >
                {label}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

fn job_row(job: Job, lang: Lang) -> impl IntoView {
    let id = job.job_id.clone();
    view! {
        <tr data-testid="job-row" data-job-id=id>
            {job_cells(job, lang)}
        </tr>
    }
}

/// The cells of one row, in header order. Every value is text; only a safe
/// `service_url` becomes a link. Inside the console, a running job's duration and
/// countdown tick with the page's clock.
pub fn job_cells(job: Job, lang: Lang) -> impl IntoView {
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
    // Static class names (`col-<Column::key>`): no string is built per cell.
    view! {
        <td class="col-job_name" data-testid="job-name">{job_name}</td>
        <td class="col-status"><StatusBadge code=status lang /></td>
        <td class="col-create_time" data-testid="create-time">
            <time datetime=created_iso.clone() title=created_iso>{created_text}</time>
        </td>
        <td class="col-duration num" data-testid="duration">{duration_cell}</td>
        <td class="col-job_desc" data-testid="job-desc" title=desc_title>{job_desc}</td>
        <td class="col-service_url">{service_cell(service_url, status, lang)}</td>
        <td class="col-train_url path">
            <span data-testid="train-url">{train_url.clone()}</span>
            {copy_button(train_url, Column::TrainUrl, lang)}
        </td>
        <td class="col-job_id id">
            <span data-testid="job-id">{job_id.clone()}</span>
            {copy_button(job_id, Column::JobId, lang)}
        </td>
        <td class="col-resource_id id">
            <span data-testid="resource-id">{resource_id.clone()}</span>
            {copy_button(resource_id, Column::ResourceId, lang)}
        </td>
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
    let clock = use_context::<ConsoleState>().map(|s| (s.now, s.loaded_at));
    let live = use_context::<LiveFigures>();
    let figures = Signal::derive(move || {
        live.and_then(|l| l.0.with(|m| m.get(&row_key).copied()))
            .unwrap_or((duration_ms, remaining_duration))
    });
    // Milliseconds since those figures arrived.
    let elapsed = move || match clock {
        Some((now, loaded_at)) => loaded_at.get().map_or(0, |at| (now.get() - at).max(0)),
        None => 0,
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
                " · " {fill(lang, "stops_in", &[("time", &format_countdown(left, lang))])}
            </span>
        })
    };
    view! { {duration_text} {countdown} }
}

fn copy_button(value: Option<String>, column: Column, lang: Lang) -> impl IntoView {
    let value = value.filter(|v| !v.is_empty())?;
    let copied = RwSignal::new(false);
    let what = t(lang, column.label_key());
    Some(view! {
        <button
            type="button"
            class="copy"
            data-testid=format!("copy-{}", column.key())
            aria-label=fill(lang, "copy.what", &[("what", what)])
            on:click=move |_| {
                let value = value.clone();
                spawn_local(async move {
                    if copy_text(&value).await {
                        copied.set(true);
                        set_timeout(move || copied.set(false), std::time::Duration::from_millis(1500));
                    }
                });
            }
        >
            {move || if copied.get() { t(lang, "copy.done") } else { t(lang, "copy") }}
        </button>
    })
}

fn service_cell(service_url: Option<String>, status: Option<i64>, lang: Lang) -> impl IntoView {
    let raw = service_url.filter(|u| !u.trim().is_empty())?;
    Some(match safe_http_url(&raw) {
        Some(href) => {
            let note = (status != Some(RUNNING)).then(|| {
                view! { <span class="hint" title=t(lang, "link.not_running_hint")>{t(lang, "link.not_running")}</span> }
            });
            view! {
                <a data-testid="service-link" href=href target="_blank" rel="noopener noreferrer">
                    {t(lang, "link.open")}
                </a>
                {note}
            }
            .into_any()
        }
        None => view! {
            <span class="unsafe-url" title=t(lang, "link.unsafe_hint")>
                {raw}
                <span class="hint">{t(lang, "link.unsafe")}</span>
            </span>
        }
        .into_any(),
    })
}

#[component]
fn EmptyState() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let beyond_last = move || {
        state.query.with(|q| q.page > 1)
            && state
                .page
                .with(|p| p.as_ref().and_then(|p| p.job_total_count).unwrap_or(0) > 0)
    };
    let filtered = move || state.query.with(|q| q.has_filters());
    view! {
        <div class="empty" data-testid="empty-state">
            {move || if beyond_last() {
                view! {
                    <p>{state.t("empty.past_last")}</p>
                    <button type="button" on:click=move |_| state.update(|q| q.with_page(1))>
                        {state.t("empty.first_page")}
                    </button>
                }
                .into_any()
            } else if filtered() {
                view! {
                    <p>{state.t("empty.filtered")}</p>
                    <button
                        type="button"
                        data-testid="clear-filters"
                        on:click=move |_| state.update(|q| q.without_filters())
                    >
                        {state.t("empty.clear")}
                    </button>
                }
                .into_any()
            } else {
                view! { <p>{state.t("empty.none")}</p> }.into_any()
            }}
        </div>
    }
}
