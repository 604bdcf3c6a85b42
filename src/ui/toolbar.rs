//! The controls that change the query: project, workspace, search, status, refresh.
//! None of them fetches; each changes the query and the fetch follows.

use std::time::Duration;

use leptos::{ev, prelude::*};

use super::state::ConsoleState;
use crate::{
    api::query::MAX_SEARCH_CHARS,
    status::{status_label, STATUSES},
};

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn ProjectBar() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    view! {
        <div class="project-bar">
            <label>
                "Project ID "
                <input
                    type="text"
                    data-testid="project-id"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="project ID"
                    prop:value=move || state.query.with(|q| q.project_id.clone())
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        state.update(|q| q.with_project(&value));
                    }
                />
            </label>
            <label>
                "Workspace "
                <input
                    type="text"
                    data-testid="workspace-id"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || state.query.with(|q| q.workspace_id.clone())
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        state.update(|q| q.with_workspace(&value));
                    }
                />
            </label>
        </div>
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    view! {
        <div class="toolbar">
            <SearchBox />
            <StatusFilter />
            <button type="button" data-testid="refresh" on:click=move |_| state.refetch()>
                "Refresh"
            </button>
            <Show when=move || state.loading.get()>
                <span class="loading" data-testid="loading" role="status">"Loading…"</span>
            </Show>
        </div>
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let draft = RwSignal::new(state.query.with_untracked(|q| q.search_content.clone()));
    let was_cut = RwSignal::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let cancel_pending = move || {
        if let Some(handle) = pending.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    let commit = move || {
        cancel_pending();
        let text = draft.get_untracked();
        let (next, cut) = state.query.with_untracked(|q| q.with_search(&text));
        was_cut.set(cut);
        if cut {
            draft.set(next.search_content.clone());
        }
        state.navigate(next);
    };
    // A query changed elsewhere (back button, clear filters) shows its own text.
    Effect::new(move |_| {
        let committed = state.query.with(|q| q.search_content.clone());
        if pending.with_value(Option::is_none) {
            draft.set(committed);
        }
    });

    view! {
        <label class="search">
            <span class="visually-hidden">"Search job names"</span>
            <input
                type="search"
                data-testid="search"
                placeholder="Search job names"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || draft.get()
                on:input:target=move |ev| {
                    draft.set(ev.target().value());
                    was_cut.set(false);
                    cancel_pending();
                    if let Ok(handle) = set_timeout_with_handle(commit, SEARCH_DEBOUNCE) {
                        pending.set_value(Some(handle));
                    }
                }
                on:keydown=move |ev: ev::KeyboardEvent| {
                    if ev.key() == "Enter" {
                        commit();
                    }
                }
            />
            <Show when=move || was_cut.get()>
                <span class="hint" data-testid="search-cut" role="status">
                    {format!("Search is limited to {MAX_SEARCH_CHARS} characters; only the first {MAX_SEARCH_CHARS} are used.")}
                </span>
            </Show>
        </label>
    }
}

#[component]
fn StatusFilter() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let selected = move || state.query.with(|q| q.status);
    // An undocumented code from a link still shows as the selected choice.
    let extra = move || {
        selected()
            .filter(|c| !STATUSES.iter().any(|s| s.code == *c))
            .map(|code| view! { <option value=code.to_string() prop:selected=true>{status_label(code)}</option> })
    };
    view! {
        <label class="status-filter">
            <span class="visually-hidden">"Status"</span>
            <select
                data-testid="status-filter"
                on:change:target=move |ev| {
                    let code = ev.target().value().parse::<i64>().ok();
                    state.update(|q| q.with_status(code));
                }
            >
                <option value="" prop:selected=move || selected().is_none()>"All statuses"</option>
                {STATUSES
                    .iter()
                    .map(|s| {
                        let code = s.code;
                        view! {
                            <option value=code.to_string() prop:selected=move || selected() == Some(code)>
                                {format!("{} ({code})", s.label_en)}
                            </option>
                        }
                    })
                    .collect_view()}
                {extra}
            </select>
        </label>
    }
}
