//! Wires URL ⇄ query ⇄ one fetch ⇄ rows, and lays the page out.

use std::{sync::Arc, time::Duration};

use leptos::{ev, prelude::*};
use web_sys::AbortController;

use super::{
    error_panel::ErrorPanel,
    grid::JobGrid,
    notice::Notice,
    pager::Pager,
    state::{ConsoleState, FailedRequest},
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
    browser::{current_search, mark, page_is_hidden, write_search, HistoryMode},
    config::{ConfigProblem, RuntimeConfig},
    status::status_kind,
};

/// One finished request; `seq` lets a superseded answer be recognised and dropped.
#[derive(Clone)]
struct Outcome {
    seq: u64,
    request_url: String,
    result: Result<Arc<ListPage>, ApiError>,
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
    let notices: Vec<String> = problems
        .iter()
        .map(ConfigProblem::message)
        .chain(corrections.iter().map(|c| c.message()))
        .collect();

    let state = ConsoleState::new(initial, defaults, config);
    provide_context(state);

    // The back and forward buttons restore the view their URL names.
    let popstate = window_event_listener(ev::popstate, move |_| {
        let (query, _) = state
            .defaults
            .with_value(|d| parse_url_search(&current_search(), d));
        state.query.set(query);
    });
    on_cleanup(move || popstate.remove());

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

    start_auto_refresh(state);

    view! {
        <div class="console">
            <header class="masthead">
                <h1>"Visualization jobs"</h1>
                <ProjectBar />
            </header>
            <Notice messages=notices />
            <Show
                when=move || state.query.with(|q| !q.project_id.is_empty())
                fallback=|| view! {
                    <p class="ask-project" data-testid="ask-project">
                        "Enter your ModelArts project ID above to list its visualization jobs."
                    </p>
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

/// Re-fetches every `refresh_seconds` while a listed job can still change by itself,
/// and not while the tab is hidden or a request is already out.
fn start_auto_refresh(state: ConsoleState) {
    let seconds = state.config.with_value(|c| c.refresh_seconds);
    if seconds <= 0.0 {
        return;
    }
    let tick = move || {
        let any_live = state.page.with_untracked(|p| {
            p.as_ref().is_some_and(|p| {
                p.jobs
                    .iter()
                    .any(|j| j.status.is_none_or(|s| !status_kind(s).is_final()))
            })
        });
        if any_live && !page_is_hidden() && !state.loading.get_untracked() {
            state.refetch();
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs_f64(seconds)) {
        on_cleanup(move || handle.clear());
    }
}
