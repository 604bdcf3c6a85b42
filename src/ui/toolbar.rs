//! The controls that change the query (project, workspace, search, status) and the
//! page (refresh, auto-refresh, language, columns). None of them fetches; each changes
//! state and the fetch follows.

use std::time::Duration;

use leptos::{ev, prelude::*};

use super::{
    console::AutoPaused,
    context::{provided, Clock, Nav, Prefs},
    job_list::JobList,
    one_type::{effect, live_text, live_view, shown_when},
};
use crate::{
    api::query::MAX_SEARCH_CHARS,
    columns::Column,
    config::RuntimeConfig,
    format::last_updated,
    i18n::{fill, t, Lang, Msg},
    list_state::AutoRefresh,
    status::{status_option_label, STATUSES},
};

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn ProjectBar() -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    view! {
        <div class="project-bar">
            <label>
                {prefs.text(Msg::ProjectLabel)} " "
                <input
                    type="text"
                    data-testid="project-id"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder=prefs.text(Msg::ProjectPlaceholder)
                    prop:value=move || nav.query.with(|q| q.project_id.clone())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        nav.update(|q| q.with_project(&value));
                    }
                />
            </label>
            <label>
                {prefs.text(Msg::WorkspaceLabel)} " "
                <input
                    type="text"
                    data-testid="workspace-id"
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || nav.query.with(|q| q.workspace_id.clone())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let defaults = nav.defaults();
                        nav.update(|q| q.with_workspace(&value, &defaults));
                    }
                />
            </label>
            <LanguageSwitch />
        </div>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let prefs = provided::<Prefs>();
    view! {
        <label>
            {prefs.text(Msg::LanguageLabel)} " "
            <select
                class="language"
                data-testid="language"
                on:change=move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        prefs.choose_language(lang);
                    }
                }
            >
                {Lang::ALL
                    .into_iter()
                    .map(|lang| view! {
                        <option value=lang.tag() lang=lang.tag() prop:selected=move || prefs.lang.get() == lang>
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
    let prefs = provided::<Prefs>();
    let list = provided::<JobList>();
    view! {
        <div class="toolbar">
            <SearchBox />
            <StatusFilter />
            <button type="button" data-testid="refresh" on:click=move |_| list.refetch()>
                {prefs.text(Msg::Refresh)}
            </button>
            <AutoRefreshStatus />
            <ColumnPicker />
            {shown_when(move || list.view.with(|v| v.loading), move || view! {
                <span class="loading" data-testid="loading" role="status">
                    {prefs.text(Msg::Loading)}
                </span>
            }.into_any())}
        </div>
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    let draft = RwSignal::new(nav.query.with_untracked(|q| q.search_content.clone()));
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
        let (next, cut) = nav.query.with_untracked(|q| q.with_search(&text));
        was_cut.set(cut);
        if cut {
            draft.set(next.search_content.clone());
        }
        nav.navigate(next);
    };
    // A query changed elsewhere (back button, clear filters) shows its own text.
    effect(move || {
        let committed = nav.query.with(|q| q.search_content.clone());
        if pending.with_value(Option::is_none) {
            draft.set(committed);
        }
    });

    view! {
        <label class="search">
            <span class="visually-hidden">{prefs.text(Msg::SearchLabel)}</span>
            <input
                type="search"
                data-testid="search"
                placeholder=move || format!("{}  (/)", prefs.t(Msg::SearchLabel))
                aria-keyshortcuts="/"
                spellcheck="false"
                autocomplete="off"
                prop:value=move || draft.get()
                on:input=move |ev| {
                    draft.set(event_target_value(&ev));
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
            {shown_when(move || was_cut.get(), move || view! {
                <span class="hint" data-testid="search-cut" role="status">
                    {live_text(move || fill(prefs.lang.get(), Msg::SearchCut, &[("max", &MAX_SEARCH_CHARS.to_string())]))}
                </span>
            }.into_any())}
        </label>
    }
}

#[component]
fn StatusFilter() -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    let selected = move || nav.query.with(|q| q.status);
    let options = move || {
        let lang = prefs.lang.get();
        let listed = STATUSES.iter().map(|s| s.code);
        // An undocumented code from a link still shows as the selected choice.
        let extra = selected().filter(|c| !STATUSES.iter().any(|s| s.code == *c));
        listed
            .chain(extra)
            .map(|code| {
                view! {
                    <option value=code.to_string() prop:selected=move || selected() == Some(code)>
                        {status_option_label(code, lang)}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="status-filter">
            <span class="visually-hidden">{prefs.text(Msg::StatusLabel)}</span>
            <select
                data-testid="status-filter"
                on:change=move |ev| {
                    let code = event_target_value(&ev).parse::<i64>().ok();
                    nav.update(|q| q.with_status(code));
                }
            >
                <option value="" prop:selected=move || selected().is_none()>
                    {prefs.text(Msg::StatusAll)}
                </option>
                {live_view(options)}
            </select>
        </label>
    }
}

/// "Last updated N s ago" and the pause/resume switch of the auto-refresh.
#[component]
fn AutoRefreshStatus() -> impl IntoView {
    let prefs = provided::<Prefs>();
    let list = provided::<JobList>();
    let clock = provided::<Clock>();
    let paused = provided::<AutoPaused>().0;
    let enabled = provided::<&'static RuntimeConfig>().refresh_seconds > 0.0;
    let updated = move || {
        let lang = prefs.lang.get();
        match list.view.with(|v| v.loaded_at) {
            None => t(lang, Msg::UpdatedNever).to_string(),
            Some(at) => last_updated(clock.now() - at, lang),
        }
    };
    let status = move || {
        let state = list
            .view
            .with(|v| AutoRefresh::of(enabled, paused.get(), v.page.as_deref()));
        prefs.t(state.message()).to_string()
    };
    view! {
        <span class="auto-refresh">
            <span data-testid="last-updated">{live_text(updated)}</span>
            " · "
            <span data-testid="auto-refresh-state">{live_text(status)}</span>
            {shown_when(move || enabled, move || view! {
                " "
                <button
                    type="button"
                    class="link"
                    data-testid="auto-refresh"
                    aria-pressed=move || paused.get().to_string()
                    on:click=move |_| paused.update(|p| *p = !*p)
                >
                    {live_text(move || prefs.t(if paused.get() { Msg::AutoResume } else { Msg::AutoPause }).to_string())}
                </button>
            }.into_any())}
        </span>
    }
}

/// Checkboxes to show or hide columns; the choice is remembered.
#[component]
fn ColumnPicker() -> impl IntoView {
    let prefs = provided::<Prefs>();
    view! {
        <details class="columns" data-testid="columns">
            <summary>{prefs.text(Msg::ColumnsLabel)}</summary>
            <div class="columns-menu">
                {Column::ALL
                    .into_iter()
                    .filter(|c| c.can_hide())
                    .map(|column| view! {
                        <label>
                            <input
                                type="checkbox"
                                data-testid=format!("column-{}", column.key())
                                prop:checked=move || prefs.hidden_columns.with(|h| !h.contains(&column))
                                on:change=move |_| prefs.toggle_column(column)
                            />
                            " " {prefs.text(column.label_key())}
                        </label>
                    })
                    .collect_view()}
            </div>
        </details>
    }
}
