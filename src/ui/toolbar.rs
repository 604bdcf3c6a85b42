//! The controls that change the query (project, workspace, search, status) and the
//! page (refresh, auto-refresh, language, columns). None of them fetches; each changes
//! state and the fetch follows.

use std::time::Duration;

use leptos::{ev, prelude::*};

use super::state::ConsoleState;
use crate::{
    api::query::MAX_SEARCH_CHARS,
    columns::Column,
    i18n::{fill, t, Lang},
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
                {move || state.t("project.label")} " "
                <input
                    type="text"
                    data-testid="project-id"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder=move || state.t("project.placeholder")
                    prop:value=move || state.query.with(|q| q.project_id.clone())
                    on:change:target=move |ev| {
                        let value = ev.target().value();
                        state.update(|q| q.with_project(&value));
                    }
                />
            </label>
            <label>
                {move || state.t("workspace.label")} " "
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
            <LanguageSwitch />
        </div>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    view! {
        <label>
            {move || state.t("language.label")} " "
            <select
                data-testid="language"
                on:change:target=move |ev| {
                    if let Some(lang) = Lang::from_tag(&ev.target().value()) {
                        state.choose_language(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| view! {
                        <option value=lang.tag() lang=lang.tag() prop:selected=move || state.lang.get() == lang>
                            {lang.native_name()}
                        </option>
                    })
                    .collect_view()}
            </select>
        </label>
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
                {move || state.t("refresh")}
            </button>
            <AutoRefresh />
            <ColumnPicker />
            <Show when=move || state.loading.get()>
                <span class="loading" data-testid="loading" role="status">
                    {move || state.t("loading")}
                </span>
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
            <span class="visually-hidden">{move || state.t("search.label")}</span>
            <input
                type="search"
                data-testid="search"
                placeholder=move || format!("{}  (/)", state.t("search.label"))
                aria-keyshortcuts="/"
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
                    {move || fill(state.lang.get(), "search.cut", &[("max", &MAX_SEARCH_CHARS.to_string())])}
                </span>
            </Show>
        </label>
    }
}

#[component]
fn StatusFilter() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let selected = move || state.query.with(|q| q.status);
    let options = move || {
        let lang = state.lang.get();
        let listed = STATUSES.iter().map(|s| s.code);
        // An undocumented code from a link still shows as the selected choice.
        let extra = selected().filter(|c| !STATUSES.iter().any(|s| s.code == *c));
        listed
            .chain(extra)
            .map(|code| {
                view! {
                    <option value=code.to_string() prop:selected=move || selected() == Some(code)>
                        {format!("{} ({code})", status_label(code, lang))}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="status-filter">
            <span class="visually-hidden">{move || state.t("status.label")}</span>
            <select
                data-testid="status-filter"
                on:change:target=move |ev| {
                    let code = ev.target().value().parse::<i64>().ok();
                    state.update(|q| q.with_status(code));
                }
            >
                <option value="" prop:selected=move || selected().is_none()>
                    {move || state.t("status.all")}
                </option>
                {options}
            </select>
        </label>
    }
}

/// "Last updated N s ago" and the pause/resume switch of the auto-refresh.
#[component]
fn AutoRefresh() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let enabled = state.config.with_value(|c| c.refresh_seconds > 0.0);
    let updated = move || {
        let lang = state.lang.get();
        match state.loaded_at.get() {
            None => t(lang, "updated.never").to_string(),
            Some(at) => {
                let seconds = ((state.now.get() - at) / 1000).max(0);
                if seconds < 120 {
                    fill(lang, "updated.seconds", &[("n", &seconds.to_string())])
                } else {
                    fill(
                        lang,
                        "updated.minutes",
                        &[("n", &(seconds / 60).to_string())],
                    )
                }
            }
        }
    };
    let status = move || {
        let key = if !enabled {
            "auto.off"
        } else if state.auto_paused.get() {
            "auto.paused"
        } else if !super::console::any_job_can_change(state) {
            "auto.idle"
        } else {
            "auto.on"
        };
        state.t(key)
    };
    view! {
        <span class="auto-refresh">
            <span data-testid="last-updated">{updated}</span>
            " · "
            <span data-testid="auto-refresh-state">{status}</span>
            <Show when=move || enabled>
                " "
                <button
                    type="button"
                    class="link"
                    data-testid="auto-refresh"
                    aria-pressed=move || state.auto_paused.get().to_string()
                    on:click=move |_| state.auto_paused.update(|p| *p = !*p)
                >
                    {move || state.t(if state.auto_paused.get() { "auto.resume" } else { "auto.pause" })}
                </button>
            </Show>
        </span>
    }
}

/// Checkboxes to show or hide columns; the choice is remembered.
#[component]
fn ColumnPicker() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    view! {
        <details class="columns" data-testid="columns">
            <summary>{move || state.t("columns.label")}</summary>
            <div class="columns-menu">
                {Column::ALL
                    .into_iter()
                    .filter(|c| c.can_hide())
                    .map(|column| view! {
                        <label>
                            <input
                                type="checkbox"
                                data-testid=format!("column-{}", column.key())
                                prop:checked=move || state.hidden_columns.with(|h| !h.contains(&column))
                                on:change=move |_| state.toggle_column(column)
                            />
                            " " {move || state.t(column.label_key())}
                        </label>
                    })
                    .collect_view()}
            </div>
        </details>
    }
}
