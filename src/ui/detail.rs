//! The detail panel: a second fetch keyed by `?job=`, beside the list's (never a
//! copy of a row), with every field, the schedule, the time left, and the description
//! editor.

use leptos::{ev, prelude::*, task::spawn_local};

use super::{
    actions::{ActionCenter, JobRef},
    context::{provide, provided, Clock, Nav, Prefs},
    dom::{keep_property, target_matching},
    grid::copy_from_button,
    html_row::HtmlElementText,
    html_slot::html_text,
    job_list::JobList,
    kept::kept_attr,
    one_type::{attr, effect, listen, live_text, live_view, on_keydown, shown_when, Derived, Held},
    request::EffectRequest,
};
use crate::{
    actions::{char_count, check_desc, detail_url, edit_request, MAX_DESC_CHARS, RUNNING},
    api::{
        client::{fetch_detail, send_change},
        error::ApiError,
        model::Job,
    },
    browser::{local_date_time, now_ms},
    cat,
    columns::Column,
    config::RuntimeConfig,
    detail_markup::{
        copyable_field_html, created_field_html, link_field_html, status_field_html,
        text_field_html,
    },
    error_markup::{detail_error_html, FieldError},
    format::{format_countdown, format_duration, live_figures, schedule_text},
    i18n::{fill, t, Lang, Msg},
};

/// The open job's description editor: whether it is open, and the text typed so far.
/// The panel owns it (see [`DetailPanel`]), so a rebuilt body keeps both.
#[derive(Clone, Copy)]
struct DescEditing {
    open: Held<bool>,
    draft: Held<String>,
}

/// One answer of the detail endpoint, and when it came.
#[derive(Clone)]
struct Detail {
    job: Job,
    received_at: i64,
}

#[component]
pub fn DetailPanel() -> impl IntoView {
    let nav = provided::<Nav>();
    let list = provided::<JobList>();
    let config = provided::<&'static RuntimeConfig>();
    // The description editor's open state lives here, not in the body: a reload of the
    // details rebuilds the body, and must not while someone is typing.
    let editing = DescEditing {
        open: Held::new(false),
        draft: Held::new(String::new()),
    };
    provide(editing);
    effect(move || {
        nav.job.track();
        editing.open.set(false);
    });
    // The panel follows the list: each new list answer fetches the details again, so
    // a status change (or an edit) shows in both. While the description is being
    // edited the panel holds still (the key keeps its value) and catches up after.
    let list_answer = Derived::new(move |held: Option<&Option<i64>>| {
        let loaded_at = list.view.with(|v| v.loaded_at);
        match held {
            Some(held) if editing.open.get() => *held,
            _ => loaded_at,
        }
    });
    // The latest answer for the open job: `None` until the first one arrives. A reload
    // keeps the answer on screen until the next one replaces it; another job starts
    // empty. A plain signal and task, not a resource inside a `<Transition>`: the same
    // behaviour for a fraction of the code (README, "Benchmark").
    let detail = Held::new(None::<Result<Detail, ApiError>>);
    // The latest answer's figures: a running job's duration and time left move on in
    // the shown body without rebuilding it (which would take the keyboard focus).
    let live = Held::new(None::<Result<Detail, ApiError>>);
    let mut shown_job = None::<String>;
    effect(move || {
        let job = nav.job.get();
        let project = nav.query.with(|q| q.project_id.clone());
        // Read, not only tracked: a memo computes (and follows its sources) when read.
        let _ = list_answer.get();
        if shown_job != job {
            shown_job.clone_from(&job);
            detail.set(None);
        }
        let Some(url) = job
            .as_ref()
            .map(|id| detail_url(&config.api_base, &project, id))
        else {
            return;
        };
        // A newer request (another job, the next list answer) supersedes this one.
        let request = match EffectRequest::start() {
            Ok(request) => request,
            Err(error) => return detail.set(Some(Err(error))),
        };
        spawn_local(async move {
            let answer =
                fetch_detail(&url, config.request_timeout_seconds, request.controller()).await;
            if request.is_superseded() {
                return;
            }
            let received_at = now_ms();
            if let Ok(job) = &answer {
                live.set(Some(Ok(Detail {
                    job: job.clone(),
                    received_at,
                })));
            }
            // An answer that says what the panel already shows, give or take a running
            // job's figures, rebuilds nothing: a rebuilt body would take the focus from
            // whatever in it has it (a copy button, say) on every auto-refresh.
            detail.maybe_update(|shown| {
                let same = match (shown.as_ref(), &answer) {
                    (Some(Ok(shown)), Ok(job)) => shown.job.same_but_live_figures(job),
                    (Some(Err(shown)), Err(error)) => shown == error,
                    _ => false,
                };
                if !same {
                    *shown = Some(answer.map(|job| Detail { job, received_at }));
                }
                !same
            });
        });
    });
    let close = move || nav.show_job(None);
    // Opening the panel moves focus to its heading, so the keyboard (and Escape) is
    // in it at once.
    // (Found by its ID, after the panel is built: a node reference to an `<h2>` would
    // be a copy of that code for one element type.)
    effect(move || {
        if nav.job.with(Option::is_some) {
            if let Some(heading) = document()
                .get_element_by_id("detail-title")
                .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok())
            {
                let _ = heading.focus();
            }
        }
    });
    live_view(move || {
        let id = nav.job.get()?;
        Some(view! {
            <aside
                class="detail"
                data-testid="job-detail"
                data-job-id=id.clone()
                {..attr("aria-labelledby", "detail-title")}
                {..on_keydown(move |ev| {
                    if ev.key() == "Escape" {
                        close();
                    }
                })}
            >
                <header class="detail-head">
                    <h2 {..attr("id", "detail-title")} {..attr("tabindex", "-1")}>{provided::<Prefs>().text(Msg::DetailTitle)}</h2>
                    <button {..attr("type", "button")} data-testid="detail-close" {..listen("click", move |_| close())}>
                        {provided::<Prefs>().text(Msg::DetailClose)}
                    </button>
                </header>
                // `Some` always: the page's one reactive view type (see `Console`).
                {live_view(move || Some(match detail.get() {
                    Some(Ok(detail)) => view! { <DetailBody detail live /> }.into_any(),
                    Some(Err(error)) => detail_error(&error, provided::<Prefs>().lang.get_untracked()).into_any(),
                    None => view! { <p class="hint">{provided::<Prefs>().text(Msg::DetailLoading)}</p> }.into_any(),
                }))}
            </aside>
        }
        .into_any())
    })
}

/// The detail request's failure, as HTML text ([`crate::error_markup`]).
fn detail_error(error: &ApiError, lang: Lang) -> HtmlElementText {
    HtmlElementText(detail_error_html(error, lang))
}

/// `live`: the latest answer, whose duration and time left the body shows (`detail`,
/// what it was built from, may be older when only those moved).
#[component]
fn DetailBody(detail: Detail, live: Held<Option<Result<Detail, ApiError>>>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let clock = provided::<Clock>();
    let lang = prefs.lang.get_untracked();
    let Detail { job, received_at } = detail;
    let running = job.status == Some(RUNNING);
    let schedule = schedule_text(&job.schedule, lang)
        .unwrap_or_else(|| t(lang, Msg::DetailScheduleNone).to_string());
    // The duration and the time left before the automatic stop, moving with the
    // page's clock.
    let figures = {
        let job = job.clone();
        move || {
            let now = clock.now();
            live.with(|latest| match latest {
                Some(Ok(l)) if l.job.job_id == job.job_id => {
                    live_figures(&l.job, (now - l.received_at).max(0))
                }
                _ => live_figures(&job, (now - received_at).max(0)),
            })
        }
    };
    let remaining = {
        let figures = figures.clone();
        move || {
            figures()
                .1
                .map_or_else(|| "—".to_string(), |left| format_countdown(left, lang))
        }
    };
    // Empty, not `None`: one text type for all the page's reactive text.
    let duration = move || {
        figures()
            .0
            .map(|ms| format_duration(ms, lang))
            .unwrap_or_default()
    };
    // The fixed fields as HTML text, as the table's rows are (one parser call each).
    let created_text = job.create_time_ms.map(|ms| local_date_time(ms, lang));
    let text_field = |label: Msg, testid: &str, text: Option<&str>| {
        HtmlElementText(text_field_html(t(lang, label), testid, text))
    };
    let copyable_field = |value: Option<&str>, testid: &str, column: Column| {
        HtmlElementText(copyable_field_html(value, testid, column, lang))
    };
    let on_copy = move |ev: ev::Event| {
        if let Some(button) = target_matching(&ev, "button[data-act='copy']") {
            copy_from_button(&button, lang);
        }
    };
    view! {
        <dl class="fields" {..listen("click", on_copy)}>
            {text_field(Msg::ColJobName, "job-name", job.job_name.as_deref())}
            {HtmlElementText(status_field_html(job.status, lang))}
            {HtmlElementText(link_field_html(job.service_url.as_deref(), running, lang))}
            {copyable_field(job.job_id.as_deref(), "job-id", Column::JobId)}
            {HtmlElementText(created_field_html(job.create_time_ms, created_text.as_deref(), lang))}
            <div class="field">
                <dt>{t(lang, Msg::ColDuration)}</dt>
                <dd><span data-testid="duration">{live_text(duration)}</span></dd>
            </div>
            {text_field(Msg::DetailSchedule, "detail-schedule", Some(&schedule))}
            <div class="field">
                <dt>{t(lang, Msg::DetailRemaining)}</dt>
                <dd><span data-testid="detail-remaining">{live_text(remaining)}</span></dd>
            </div>
            {text_field(Msg::DetailType, "job-type", job.job_type.as_deref())}
            {copyable_field(job.train_url.as_deref(), "train-url", Column::TrainUrl)}
            {copyable_field(job.resource_id.as_deref(), "resource-id", Column::ResourceId)}
            <div class="field">
                <dt>{t(lang, Msg::ColJobDesc)}</dt>
                <dd><DescriptionEditor job /></dd>
            </div>
        </dl>
    }
}

/// The description, and (unless read-only) its editor: 0–256 characters, counted as
/// the server counts them.
#[component]
fn DescriptionEditor(job: Job) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let center = provided::<ActionCenter>();
    let nav = provided::<Nav>();
    let list = provided::<JobList>();
    let config = provided::<&'static RuntimeConfig>();
    let DescEditing {
        open: editing,
        draft,
    } = provided::<DescEditing>();
    let saving = Held::new(false);
    let failure = Held::new(None::<String>);
    // Off for good once a gateway refuses a change, like every other control.
    let has_id = job.job_id.is_some();
    let can_edit = move || center.allows_changes() && has_id;
    let job_ref = JobRef::of(&job);
    let problem = move || draft.with(|d| check_desc(d).err());
    let save = move || {
        let Some(job_ref) = job_ref.clone() else {
            return;
        };
        if problem().is_some() {
            return;
        }
        let project = nav.query.with_untracked(|q| q.project_id.clone());
        let request = edit_request(
            &config.api_base,
            &project,
            &job_ref.id,
            &draft.get_untracked(),
        );
        saving.set(true);
        spawn_local(async move {
            let answer = send_change(&request, config.request_timeout_seconds).await;
            saving.set(false);
            let lang = prefs.lang.get_untracked();
            match answer {
                Ok(_) => {
                    editing.set(false);
                    failure.set(None);
                    center.announce(
                        &job_ref.id,
                        true,
                        fill(lang, Msg::OutcomeEditDone, &[("name", &job_ref.name)]),
                    );
                    list.refetch();
                }
                Err(error) => {
                    let reason = center.reason(&error);
                    center.note_refusal(&error);
                    let text = fill(
                        lang,
                        Msg::FailEdit,
                        &[("name", &job_ref.name), ("reason", &reason)],
                    );
                    center.announce(&job_ref.id, false, text.clone());
                    failure.set(Some(text));
                }
            }
        });
    };
    // A `String` view child, not an `Option`: one view type fewer in the wasm.
    let shown = job.job_desc.clone().unwrap_or_default();
    let current = shown.clone();
    let start_editing = move |_| {
        // The editor starts from the text shown.
        draft.set(current.clone());
        editing.set(true);
    };
    view! {
        <span data-testid="job-desc">{shown}</span>
        {shown_when(move || can_edit() && !editing.get(), move || view! {
            " "
            <button {..attr("type", "button")} class="link" data-testid="edit-desc" {..listen("click", start_editing.clone())}>
                {prefs.text(Msg::EditDesc)}
            </button>
        }.into_any())}
        {shown_when(move || can_edit() && editing.get(), move || {
            keep_property("desc-input", "value", move || draft.get().into());
            keep_property("desc-save", "disabled", move || (problem().is_some() || saving.get()).into());
            view! {
                <div class="desc-editor">
                    <label>
                        <span class="visually-hidden">{prefs.text(Msg::ColJobDesc)}</span>
                        <textarea
                            data-testid="desc-input"
                            {..attr("rows", "3")}
                            {..kept_attr("aria-invalid", move || problem().is_some().to_string())}
                            {..listen("input", move |ev| draft.set(event_target_value(&ev)))}
                        ></textarea>
                    </label>
                    <span class="hint" {..attr("aria-live", "polite")}>
                        {live_text(move || fill(prefs.lang.get(), Msg::DescCount, &[
                            ("n", &cat!(draft.with(|d| char_count(d)))),
                            ("max", &cat!(MAX_DESC_CHARS)),
                        ]))}
                    </span>
                    {html_text(move || {
                        let error = FieldError { testid: "field-error", field: Some("desc-input"), id: None, alert: true };
                        let mut html = String::new();
                        if let Some(message) = problem() {
                            error.push_html(&mut html, prefs.t(message));
                        }
                        if let Some(text) = failure.get() {
                            error.push_html(&mut html, &text);
                        }
                        html
                    })}
                    <div class="dialog-buttons">
                        <button {..attr("type", "button")} data-testid="desc-cancel" {..listen("click", move |_| { editing.set(false); failure.set(None); })}>
                            {prefs.text(Msg::Cancel)}
                        </button>
                        <button
                            {..attr("type", "button")}
                            class="primary"
                            data-testid="desc-save"
                            {..listen("click", {
                                let save = save.clone();
                                move |_| save()
                            })}
                        >
                            {prefs.text(Msg::DescSave)}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        })}
    }
}
