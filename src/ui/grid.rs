//! The job table: sortable headers and one keyed row per job.

use std::hash::{DefaultHasher, Hash, Hasher};

use leptos::prelude::*;

use super::{badge::StatusBadge, state::ConsoleState};
use crate::{
    api::{
        model::Job,
        query::{Order, SortKey},
    },
    browser::local_date_time,
    format::{format_duration_ms, iso_utc, safe_http_url},
};

/// The status whose TensorBoard actually answers.
const RUNNING: i64 = 8;

#[component]
pub fn JobGrid() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let rows = move || {
        state
            .page
            .with(|p| p.as_ref().map(|p| p.jobs.clone()).unwrap_or_default())
    };
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
    view! {
        <div
            class="grid-wrap"
            class:dimmed=move || state.loading.get()
            class:stale=move || state.failure.with(Option::is_some)
            aria-busy=move || state.loading.get().to_string()
        >
            <table class="job-grid" data-testid="job-grid">
                <thead>
                    <tr>
                        <SortHeader key=SortKey::JobName label="Name" />
                        <SortHeader key=SortKey::Status label="Status" />
                        <SortHeader key=SortKey::CreateTime label="Created" />
                        <th scope="col">"Duration"</th>
                        <SortHeader key=SortKey::JobDesc label="Description" />
                        <th scope="col">"TensorBoard"</th>
                        <th scope="col">"Train URL"</th>
                        <SortHeader key=SortKey::JobId label="Job ID" />
                        <th scope="col">"Resource ID"</th>
                    </tr>
                </thead>
                <tbody>
                    // Keyed by ID and content: unchanged rows stay as they are on refresh.
                    <For each=rows key=row_identity children=job_row />
                </tbody>
            </table>
            <Show when=move || skipped() != 0>
                <p class="hint" data-testid="skipped-entries">
                    {move || format!("{} entries in the answer were not jobs and are not shown.", skipped())}
                </p>
            </Show>
            <Show when=empty>
                <EmptyState />
            </Show>
        </div>
    }
}

fn row_identity(job: &Job) -> (String, u64) {
    let mut hasher = DefaultHasher::new();
    job.hash(&mut hasher);
    (job.row_key.clone(), hasher.finish())
}

#[component]
fn SortHeader(key: SortKey, label: &'static str) -> impl IntoView {
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
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-testid=format!("sort-{}", key.as_param())
                on:click=move |_| state.update(|q| q.with_sort_toggled(key))
            >
                {label}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

fn job_row(job: Job) -> impl IntoView {
    let id = job.job_id.clone();
    view! {
        <tr data-testid="job-row" data-job-id=id>
            {job_cells(job)}
        </tr>
    }
}

/// The cells of one row, in header order. Every value is text; only a safe
/// `service_url` becomes a link.
pub fn job_cells(job: Job) -> impl IntoView {
    let Job {
        job_id,
        job_name,
        status,
        create_time_ms,
        duration_ms,
        job_desc,
        service_url,
        train_url,
        resource_id,
        ..
    } = job;
    let created = create_time_ms.map(|ms| (local_date_time(ms), iso_utc(ms)));
    let (created_text, created_iso) = created.unzip();
    let desc_title = job_desc.clone();
    view! {
        <td class="name" data-testid="job-name">{job_name}</td>
        <td><StatusBadge code=status /></td>
        <td data-testid="create-time">
            <time datetime=created_iso.clone() title=created_iso>{created_text}</time>
        </td>
        <td class="num" data-testid="duration">{duration_ms.map(format_duration_ms)}</td>
        <td class="desc" data-testid="job-desc" title=desc_title>{job_desc}</td>
        <td class="link">{service_cell(service_url, status)}</td>
        <td class="path" data-testid="train-url">{train_url}</td>
        <td class="id" data-testid="job-id">{job_id}</td>
        <td class="id" data-testid="resource-id">{resource_id}</td>
    }
}

fn service_cell(service_url: Option<String>, status: Option<i64>) -> impl IntoView {
    let raw = service_url.filter(|u| !u.trim().is_empty())?;
    Some(match safe_http_url(&raw) {
        Some(href) => {
            let note = (status != Some(RUNNING))
                .then(|| view! { <span class="hint" title="TensorBoard answers only while the job is running">" (not running)"</span> });
            view! {
                <a data-testid="service-link" href=href target="_blank" rel="noopener noreferrer">
                    "Open TensorBoard"
                </a>
                {note}
            }
            .into_any()
        }
        None => view! {
            <span class="unsafe-url" title="Not an http(s) address, so it is not a link">
                {raw}
                <span class="hint">" (not a web link)"</span>
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
                    <p>"This page is past the last job."</p>
                    <button type="button" on:click=move |_| state.update(|q| q.with_page(1))>
                        "Go to the first page"
                    </button>
                }
                .into_any()
            } else if filtered() {
                view! {
                    <p>"No job matches these filters."</p>
                    <button
                        type="button"
                        data-testid="clear-filters"
                        on:click=move |_| state.update(|q| q.without_filters())
                    >
                        "Clear filters"
                    </button>
                }
                .into_any()
            } else {
                view! { <p>"This project has no visualization jobs in this workspace."</p> }.into_any()
            }}
        </div>
    }
}
