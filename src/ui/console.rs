//! Wires URL ⇄ query ⇄ one fetch ⇄ rows, the clock and the auto-refresh, and lays
//! the page out.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{
    actions::ActionCenter,
    bulk::{ActionStatus, ReadOnlyNote, SelectionBar},
    confirm::ConfirmDialog,
    context::{provide, Clock, Nav, Prefs, HIDDEN_COLUMNS_KEY, LANGUAGE_KEY},
    create::CreateJob,
    detail::DetailPanel,
    dom::by_testid,
    error_panel::ErrorPanel,
    grid::JobGrid,
    job_list::{use_job_list, JobList},
    notice::Notice,
    one_type::{effect, live_view, shown_when, Derived, Held},
    pager::Pager,
    summary::Summary,
    toolbar::{ProjectBar, Toolbar},
};
use crate::{
    api::query::{parse_url_state, QueryDefaults},
    browser::{
        browser_language, current_search, now_ms, page_is_hidden, set_document_language, stored,
    },
    columns::{parse_hidden, DEFAULT_HIDDEN},
    config::{ConfigProblem, LanguageChoice, RuntimeConfig},
    i18n::{Lang, Msg},
    list_state::AutoRefresh,
};

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

/// Whether auto-refresh is paused by the person (shared by the toolbar and the timer).
#[derive(Clone, Copy)]
pub struct AutoPaused(pub Held<bool>);

#[component]
pub fn Console(config: RuntimeConfig, problems: Vec<ConfigProblem>) -> impl IntoView {
    let defaults = QueryDefaults {
        project_id: config.project_id.clone(),
        workspace_id: config.workspace_id.clone(),
    };
    let (initial, corrections) = parse_url_state(&current_search(), &defaults);
    let nav = Nav::new(initial, defaults);
    // The request leaves first: what follows (history, localStorage) can take
    // milliseconds, and needs none of its answer.
    let list = use_job_list(
        nav.query,
        config.api_base.clone(),
        config.request_timeout_seconds,
    );
    // The address bar shows the normal form of what is on screen.
    nav.normalise_url();
    let prefs = Prefs::new(
        initial_language(&config),
        stored(HIDDEN_COLUMNS_KEY)
            .map(|s| parse_hidden(&s))
            .unwrap_or_else(|| DEFAULT_HIDDEN.to_vec()),
    );
    let clock = Clock::new();
    let paused = AutoPaused(Held::new(false));
    // Fixed for the page's life (the console is built once): a leaked copy shared by
    // reference, not a `StoredValue` (each value type is a copy of the arena's code).
    let shared_config: &'static RuntimeConfig = Box::leak(Box::new(config.clone()));
    let center = ActionCenter::new(nav, list, prefs.lang, shared_config);
    provide(center);
    let controls = move || center.allows_changes();
    provide(nav);
    provide(prefs);
    provide(clock);
    provide(list);
    provide(paused);
    provide(shared_config);
    effect(move || set_document_language(prefs.lang.get()));
    // A new view's history entry, once its answer (or failure) is shown: after the
    // frame that shows it, so the rows do not wait for `pushState`.
    effect(move || {
        if nav.entry_due.get() && !list.view.with(|v| v.loading) {
            request_animation_frame(move || set_timeout(move || nav.write_due(), Duration::ZERO));
        }
    });

    // The back and forward buttons restore the view their URL names.
    let popstate = window_event_listener_untyped("popstate", move |_| {
        let (state, _) = parse_url_state(&current_search(), &nav.defaults());
        nav.restore(state);
    });
    on_cleanup(move || popstate.remove());
    listen_for_search_shortcut();
    start_clock(clock);
    start_auto_refresh(list, paused, config.refresh_seconds);

    // What `<Show>` with a fallback does, through the page's shared view type (see
    // `shown_when`): the console once there is a project, else the request for one.
    let has_project = Derived::new(move |_| nav.query.with(|q| !q.project_id.is_empty()));
    // Always `Some`: every reactive view on the page is an `Option<AnyView>`, as
    // `shown_when`'s are, and Leptos compiles its rendering code once per such type.
    let body = live_view(move || {
        if !has_project.get() {
            return Some(
                view! {
                    <p class="ask-project" data-testid="ask-project">{prefs.text(Msg::AppAskProject)}</p>
                }
                .into_any(),
            );
        }
        Some(
            view! {
                <Toolbar />
                <ReadOnlyNote />
                <ErrorPanel view=list.view on_retry=move || list.refetch() />
                <div class="list-head">
                    <Summary view=list.view />
                    {shown_when(controls, || view! { <SelectionBar /> <CreateJob /> }.into_any())}
                </div>
                <ActionStatus />
                <JobGrid />
                <Pager view=list.view />
                <DetailPanel />
                <ConfirmDialog />
            }
            .into_any(),
        )
    });
    view! {
        <div class="console">
            <header class="masthead">
                <h1>{prefs.text(Msg::AppTitle)}</h1>
                <ProjectBar />
            </header>
            <main class="content">
                <Notice corrections problems />
                {body}
            </main>
        </div>
    }
}

/// One tick a second drives "last updated" and running jobs' durations.
fn start_clock(clock: Clock) {
    if let Ok(handle) =
        set_interval_with_handle(move || clock.0.set(now_ms()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
}

/// Re-fetches every `refresh_seconds` while a listed job can still change by itself,
/// unless paused, hidden, or a request is already out; once more when the tab shows again.
fn start_auto_refresh(list: JobList, paused: AutoPaused, seconds: f64) {
    if seconds <= 0.0 {
        return;
    }
    let worth_it = move || {
        list.view.with_untracked(|v| {
            !v.loading
                && AutoRefresh::of(true, paused.0.get_untracked(), v.page.as_deref())
                    == AutoRefresh::On
        })
    };
    let tick = move || {
        if worth_it() && !page_is_hidden() {
            list.refetch();
        }
    };
    // `seconds` is clamped by the config reader. Whole milliseconds, not
    // `from_secs_f64`, whose checks and messages cost 0.3 KB.
    let every = Duration::from_millis((seconds * 1000.0) as u64);
    if let Ok(handle) = set_interval_with_handle(tick, every) {
        on_cleanup(move || handle.clear());
    }
    let shown_again = window_event_listener_untyped("visibilitychange", move |_| {
        if !page_is_hidden() && worth_it() {
            list.refetch();
        }
    });
    on_cleanup(move || shown_again.remove());
}

/// `/` anywhere but in a text field focuses the search box.
fn listen_for_search_shortcut() {
    // Untyped, as the page's other window listeners: a typed one is a copy of
    // Leptos's listener code per event type.
    let handle = window_event_listener_untyped("keydown", move |ev| {
        let ev: web_sys::KeyboardEvent = ev.unchecked_into();
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
        if let Some(search) = by_testid::<web_sys::HtmlElement>("search") {
            ev.prevent_default();
            let _ = search.focus();
        }
    });
    on_cleanup(move || handle.remove());
}
