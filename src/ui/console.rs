//! Wires URL ⇄ query ⇄ one fetch ⇄ rows, the clock and the auto-refresh, and lays
//! the page out.

use std::{sync::Arc, time::Duration};

use leptos::{ev, prelude::*};
use wasm_bindgen::JsCast;
use web_sys::AbortController;

use super::{
    error_panel::ErrorPanel,
    grid::JobGrid,
    notice::Notice,
    pager::Pager,
    state::{ConsoleState, FailedRequest, HIDDEN_COLUMNS_KEY, LANGUAGE_KEY},
    summary::Summary,
    toolbar::{ProjectBar, Toolbar},
};
use crate::{
    api::{
        client::fetch_list,
        error::ApiError,
        model::ListPage,
        query::{parse_url_search, QueryDefaults},
    },
    browser::{
        browser_language, current_search, mark, now_ms, page_is_hidden, set_document_language,
        stored, write_search, HistoryMode,
    },
    columns::parse_hidden,
    config::{ConfigProblem, LanguageChoice, RuntimeConfig},
    i18n::Lang,
    status::status_kind,
};

/// One finished request; `seq` lets a superseded answer be recognised and dropped.
#[derive(Clone)]
struct Outcome {
    seq: u64,
    request_url: String,
    result: Result<Arc<ListPage>, ApiError>,
}

/// The person's remembered choice, else `config.json`, else the browser's language.
fn initial_language(config: &RuntimeConfig) -> Lang {
    stored(LANGUAGE_KEY)
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_else(|| match config.language {
            LanguageChoice::English => Lang::En,
            LanguageChoice::SimplifiedChinese => Lang::ZhCn,
            LanguageChoice::Auto => Lang::from_browser(&browser_language()),
        })
}

/// Whether a listed job can still change by itself (so refreshing is worth it).
pub(super) fn any_job_can_change(state: ConsoleState) -> bool {
    state.page.with(|p| {
        p.as_ref().is_some_and(|p| {
            p.jobs
                .iter()
                .any(|j| j.status.is_none_or(|s| !status_kind(s).is_final()))
        })
    })
}

#[component]
pub fn Console(config: RuntimeConfig, problems: Vec<ConfigProblem>) -> impl IntoView {
    let defaults = QueryDefaults {
        project_id: config.project_id.clone(),
        workspace_id: config.workspace_id.clone(),
    };
    let (initial, corrections) = parse_url_search(&current_search(), &defaults);
    // The address bar shows the normal form of what is on screen.
    write_search(&initial.to_url_search(&defaults), HistoryMode::Replace);
    let lang = initial_language(&config);

    let state = ConsoleState::new(initial, defaults, config);
    state.lang.set(lang);
    state.hidden_columns.set(
        stored(HIDDEN_COLUMNS_KEY)
            .map(|s| parse_hidden(&s))
            .unwrap_or_default(),
    );
    provide_context(state);
    Effect::new(move |_| set_document_language(state.lang.get()));

    // The back and forward buttons restore the view their URL names.
    let popstate = window_event_listener(ev::popstate, move |_| {
        let (query, _) = state
            .defaults
            .with_value(|d| parse_url_search(&current_search(), d));
        state.query.set(query);
    });
    on_cleanup(move || popstate.remove());
    listen_for_search_shortcut();

    let latest_seq = StoredValue::new(0_u64);
    let in_flight = StoredValue::new_local(None::<AbortController>);
    let abort_in_flight = move || {
        if let Some(controller) = in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    };
    on_cleanup(abort_in_flight);

    let response = LocalResource::new(move || {
        let query = state.query.get();
        state.reload.track();
        abort_in_flight();
        let seq = latest_seq.with_value(|s| s + 1);
        latest_seq.set_value(seq);
        let (api_base, timeout) = state
            .config
            .with_value(|c| (c.api_base.clone(), c.request_timeout_seconds));
        let controller = if query.project_id.is_empty() {
            None
        } else {
            AbortController::new().ok()
        };
        in_flight.set_value(controller.clone());
        state.loading.set(controller.is_some());
        async move {
            let controller = controller?;
            let request_url = query.to_request_url(&api_base);
            let result = fetch_list(&request_url, timeout, &controller)
                .await
                .map(Arc::new);
            Some(Outcome {
                seq,
                request_url,
                result,
            })
        }
    });

    Effect::new(move |_| {
        let Some(Some(outcome)) = response.get() else {
            return;
        };
        if outcome.seq != latest_seq.get_value() {
            return; // a newer request owns the screen
        }
        in_flight.set_value(None);
        state.loading.set(false);
        match outcome.result {
            Ok(page) => {
                let now = now_ms();
                state.now.set(now);
                state.loaded_at.set(Some(now));
                state.page.set(Some(page));
                state.failure.set(None);
                request_animation_frame(|| mark("vizjobs:rows-rendered"));
            }
            Err(error) => state.failure.set(Some(FailedRequest {
                error,
                request_url: outcome.request_url,
            })),
        }
    });

    start_clock(state);
    start_auto_refresh(state);

    view! {
        <div class="console">
            <header class="masthead">
                <h1>{move || state.t("app.title")}</h1>
                <ProjectBar />
            </header>
            <Notice corrections problems />
            <Show
                when=move || state.query.with(|q| !q.project_id.is_empty())
                fallback=move || view! {
                    <p class="ask-project" data-testid="ask-project">{move || state.t("app.ask_project")}</p>
                }
            >
                <Toolbar />
                <ErrorPanel />
                <Summary />
                <JobGrid />
                <Pager />
            </Show>
        </div>
    }
}

/// One tick a second drives "last updated" and running jobs' durations.
fn start_clock(state: ConsoleState) {
    if let Ok(handle) =
        set_interval_with_handle(move || state.now.set(now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
}

/// Re-fetches every `refresh_seconds` while a listed job can still change by itself,
/// unless paused, hidden, or a request is already out; once more when the tab shows again.
fn start_auto_refresh(state: ConsoleState) {
    let seconds = state.config.with_value(|c| c.refresh_seconds);
    if seconds <= 0.0 {
        return;
    }
    let worth_it = move || {
        !state.auto_paused.get_untracked()
            && !state.loading.get_untracked()
            && untrack(|| any_job_can_change(state))
    };
    let tick = move || {
        if worth_it() && !page_is_hidden() {
            state.refetch();
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs_f64(seconds)) {
        on_cleanup(move || handle.clear());
    }
    let shown_again = window_event_listener_untyped("visibilitychange", move |_| {
        if !page_is_hidden() && worth_it() {
            state.refetch();
        }
    });
    on_cleanup(move || shown_again.remove());
}

/// `/` anywhere but in a text field focuses the search box.
fn listen_for_search_shortcut() {
    let handle = window_event_listener(ev::keydown, move |ev| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing {
            return;
        }
        let search = document()
            .query_selector("[data-testid='search']")
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(search) = search {
            ev.prevent_default();
            let _ = search.focus();
        }
    });
    on_cleanup(move || handle.remove());
}
