//! The controls that change the query (project, workspace, search, status) and the
//! page (refresh, auto-refresh, language, columns). None of them fetches; each changes
//! state and the fetch follows.

use std::time::Duration;

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use super::{
    choices::keep_select,
    console::AutoPaused,
    context::{provided, Clock, Nav, Prefs},
    dom::{by_testid, find, keep_property, matching, target_matching},
    job_list::JobList,
    kept::kept_attr,
    one_type::{attr, effect, listen, live_text, on_keydown, shown_when, Held},
};
use crate::{
    api::query::MAX_SEARCH_CHARS,
    cat,
    choice_markup::{column_menu_html, status_options_html},
    columns::Column,
    config::RuntimeConfig,
    format::last_updated,
    i18n::{fill, t, Lang, Msg},
    list_state::AutoRefresh,
    text::parse_whole,
};

/// How long typing must pause before the search is sent.
const SEARCH_DEBOUNCE: Duration = Duration::from_millis(300);

#[component]
pub fn ProjectBar() -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    keep_property("project-id", "value", move || {
        nav.query.with(|q| q.project_id.as_str().into())
    });
    keep_property("workspace-id", "value", move || {
        nav.query.with(|q| q.workspace_id.as_str().into())
    });
    view! {
        <div class="project-bar">
            <label>
                {prefs.text(Msg::ProjectLabel)} " "
                <input
                    {..attr("type", "text")}
                    data-testid="project-id"
                    {..attr("spellcheck", "false")}
                    {..attr("autocomplete", "off")}
                    {..prefs.text_attr("placeholder", Msg::ProjectPlaceholder)}
                    {..listen("change", move |ev| {
                        let value = event_target_value(&ev);
                        nav.update(|q| q.with_project(&value));
                    })}
                />
            </label>
            <label>
                {prefs.text(Msg::WorkspaceLabel)} " "
                <input
                    {..attr("type", "text")}
                    data-testid="workspace-id"
                    {..attr("spellcheck", "false")}
                    {..attr("autocomplete", "off")}
                    {..listen("change", move |ev| {
                        let value = event_target_value(&ev);
                        let defaults = nav.defaults();
                        nav.update(|q| q.with_workspace(&value, &defaults));
                    })}
                />
            </label>
            <LanguageSwitch />
        </div>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let prefs = provided::<Prefs>();
    // Fixed options; the choice is the select's value, set when the language changes.
    keep_property("language", "value", move || prefs.lang.get().tag().into());
    view! {
        <label>
            {prefs.text(Msg::LanguageLabel)} " "
            <select
                class="language"
                data-testid="language"
                {..listen("change", move |ev| {
                    if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                        prefs.choose_language(lang);
                    }
                })}
            >
                <option {..attr("value", "en")} {..attr("lang", "en")}>"English"</option>
                <option {..attr("value", "zh-CN")} {..attr("lang", "zh-CN")}>"简体中文"</option>
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
            <button {..attr("type", "button")} data-testid="refresh" {..listen("click", move |_| list.refetch())}>
                {prefs.text(Msg::Refresh)}
            </button>
            <AutoRefreshStatus />
            <ColumnPicker />
            {shown_when(move || list.view.with(|v| v.loading), move || view! {
                <span class="loading" data-testid="loading" {..attr("role", "status")}>
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
    let draft = Held::new(nav.query.with_untracked(|q| q.search_content.clone()));
    let was_cut = Held::new(false);
    let pending = Held::new(None::<TimeoutHandle>);

    let cancel_pending = move || {
        if let Some(handle) = pending.update_untracked(Option::take).flatten() {
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
        if pending.with_untracked(Option::is_none) {
            draft.set(committed);
        }
    });
    keep_property("search", "value", move || draft.with(|d| d.as_str().into()));
    view! {
        <label class="search">
            <span class="visually-hidden">{prefs.text(Msg::SearchLabel)}</span>
            <input
                {..attr("type", "search")}
                data-testid="search"
                {..kept_attr("placeholder", move || cat!(prefs.t(Msg::SearchLabel), "  (/)"))}
                {..attr("aria-keyshortcuts", "/")}
                {..attr("spellcheck", "false")}
                {..attr("autocomplete", "off")}
                {..listen("input", move |ev| {
                    draft.set(event_target_value(&ev));
                    was_cut.set(false);
                    cancel_pending();
                    if let Ok(handle) = set_timeout_with_handle(commit, SEARCH_DEBOUNCE) {
                        pending.update_untracked(|p| *p = Some(handle));
                    }
                })}
                {..on_keydown(move |ev| {
                    if ev.key() == "Enter" {
                        commit();
                    }
                })}
            />
            {shown_when(move || was_cut.get(), move || view! {
                <span class="hint" data-testid="search-cut" {..attr("role", "status")}>
                    {live_text(move || fill(prefs.lang.get(), Msg::SearchCut, &[("max", &cat!(MAX_SEARCH_CHARS))]))}
                </span>
            }.into_any())}
        </label>
    }
}

#[component]
fn StatusFilter() -> impl IntoView {
    let nav = provided::<Nav>();
    let prefs = provided::<Prefs>();
    keep_select("status-filter", move || {
        let selected = nav.query.with(|q| q.status);
        (
            status_options_html(prefs.lang.get(), selected),
            selected.map(|c| cat!(c)).unwrap_or_default(),
        )
    });
    view! {
        <label class="status-filter">
            <span class="visually-hidden">{prefs.text(Msg::StatusLabel)}</span>
            <select
                data-testid="status-filter"
                {..listen("change", move |ev| {
                    let code = parse_whole(&event_target_value(&ev));
                    nav.update(|q| q.with_status(code));
                })}
            ></select>
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
                    {..attr("type", "button")}
                    class="link"
                    data-testid="auto-refresh"
                    {..kept_attr("aria-pressed", move || paused.get().to_string())}
                    {..listen("click", move |_| paused.update(|p| *p = !*p))}
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
    // The boxes are HTML text, written when the language changes; a toggle only ticks
    // or clears them (rewriting them would take the focus from the box just pressed).
    // One listener on the menu answers them all.
    let mut written = None;
    effect(move || {
        let lang = prefs.lang.get();
        let Some(menu) = by_testid::<web_sys::Element>("columns")
            .and_then(|picker| find::<web_sys::Element>(&picker, ".columns-menu"))
        else {
            return;
        };
        let hidden = prefs.hidden();
        if written != Some(lang) {
            menu.set_inner_html(&column_menu_html(lang, &hidden));
            written = Some(lang);
            return;
        }
        for input in matching::<HtmlInputElement>(&menu, "input[data-column]") {
            let column = input
                .get_attribute("data-column")
                .and_then(|k| Column::from_key(&k));
            input.set_checked(column.is_some_and(|c| !hidden.contains(&c)));
        }
    });
    view! {
        <details class="columns" data-testid="columns">
            <summary>{prefs.text(Msg::ColumnsLabel)}</summary>
            <div
                class="columns-menu"
                {..listen("change", move |ev| {
                    let column = target_matching(&ev, "input[data-column]")
                        .and_then(|input| input.get_attribute("data-column"))
                        .and_then(|key| Column::from_key(&key));
                    if let Some(column) = column {
                        prefs.toggle_column(column);
                    }
                })}
            ></div>
        </details>
    }
}
