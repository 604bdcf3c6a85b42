//! "Create job": the button and its form, validated as the person types, with the
//! server's refusals put on the field they concern or on the form.

use leptos::{ev, prelude::*, task::spawn_local};

use super::{
    actions::{ActionCenter, JobRef},
    context::{provided, Nav, Prefs},
    dom::keep_property,
    html_slot::html_text,
    kept::kept_attr,
    modal::modal,
    one_type::{attr, listen, live_text, shown_when, Held},
};
use crate::{
    actions::{create_request, refusal_field, CreateForm, Field, Verb},
    api::client::send_change,
    cat,
    config::RuntimeConfig,
    error_markup::FieldError,
    i18n::{fill, Msg},
};

/// A refusal from the server: on a field, or on the whole form.
#[derive(Clone, Debug, PartialEq)]
struct Refusal {
    field: Option<Field>,
    text: String,
}

/// What the dialog shows, in one signal: a keystroke in a form of five fields costs
/// nothing to re-check.
#[derive(Clone, Debug, Default)]
struct Draft {
    form: CreateForm,
    /// A field shows its problem once touched; all of them after a submit.
    touched: Vec<Field>,
    refusal: Option<Refusal>,
}

#[component]
pub fn CreateJob() -> impl IntoView {
    let prefs = provided::<Prefs>();
    let open = Held::new(false);
    view! {
        <button {..attr("type", "button")} class="primary" data-testid="create-job" {..listen("click", move |_| open.set(true))}>
            {prefs.text(Msg::CreateJob)}
        </button>
        {shown_when(move || open.get(), move || view! { <CreateDialog open /> }.into_any())}
    }
}

#[component]
fn CreateDialog(open: Held<bool>) -> impl IntoView {
    let on_close = move || open.set(false);
    let prefs = provided::<Prefs>();
    let nav = provided::<Nav>();
    let center = provided::<ActionCenter>();
    let config = provided::<&'static RuntimeConfig>();
    let draft = Held::new(Draft {
        form: CreateForm {
            job_type: "tensorboard".into(),
            ..CreateForm::default()
        },
        ..Draft::default()
    });
    let sending = Held::new(false);
    let problem_of = move |field: Field| {
        draft.with(|d| {
            if !d.touched.contains(&field) {
                return None;
            }
            d.form
                .problems()
                .into_iter()
                .find(|(f, _)| *f == field)
                .map(|(_, m)| prefs.t(m).to_string())
        })
    };
    let field_error = move |field: Field| {
        html_text(move || {
            let server = draft.with(|d| {
                d.refusal
                    .as_ref()
                    .filter(|r| r.field == Some(field))
                    .map(|r| r.text.clone())
            });
            let mut html = String::new();
            if let Some(text) = problem_of(field).or(server) {
                let id = cat!(field.testid(), "-error");
                FieldError {
                    testid: "field-error",
                    field: Some(field.testid()),
                    id: Some(&id),
                    alert: false,
                }
                .push_html(&mut html, &text);
            }
            html
        })
    };
    let edit = move |field: Field, value: String| {
        draft.update(|d| {
            let f = &mut d.form;
            match field {
                Field::Name => f.name = value,
                Field::Desc => f.desc = value,
                Field::TrainUrl => f.train_url = value,
                Field::Type => f.job_type = value,
                Field::Hours => f.hours = value,
            }
            if !d.touched.contains(&field) {
                d.touched.push(field);
            }
            if d.refusal.as_ref().is_some_and(|r| r.field == Some(field)) {
                d.refusal = None;
            }
        });
    };
    let submit = move || {
        draft.update(|d| d.touched = Field::ALL.to_vec());
        let values = draft.with_untracked(|d| d.form.clone());
        let project = nav.query.with_untracked(|q| q.project_id.clone());
        let Ok(request) = create_request(&config.api_base, &project, &values) else {
            return;
        };
        sending.set(true);
        draft.update(|d| d.refusal = None);
        spawn_local(async move {
            let answer = send_change(&request, config.request_timeout_seconds).await;
            sending.set(false);
            match answer {
                Ok(new_id) => {
                    let job = JobRef {
                        id: new_id.unwrap_or_default(),
                        name: values.name.clone(),
                        status: Some(1),
                    };
                    on_close();
                    if job.id.is_empty() {
                        center.refresh_soon();
                    } else {
                        center.accepted(Verb::Create, &job);
                    }
                }
                Err(error) => {
                    let field = refusal_field(&error);
                    let lang = prefs.lang.get_untracked();
                    let text = match (field, error.code()) {
                        (Some(Field::Name), Some("ModelArts.0103")) => {
                            prefs.t(Msg::FieldNameTaken).to_string()
                        }
                        (Some(_), _) => fill(
                            lang,
                            Msg::FieldRefused,
                            &[("reason", &center.reason(&error))],
                        ),
                        (None, Some("ModelArts.0106")) => prefs.t(Msg::FormQuota).to_string(),
                        (None, _) => fill(
                            lang,
                            Msg::FailCreate,
                            &[("name", &values.name), ("reason", &center.reason(&error))],
                        ),
                    };
                    center.note_refusal(&error);
                    draft.update(|d| d.refusal = Some(Refusal { field, text }));
                }
            }
        });
    };
    let text_field = move |field: Field, label: Msg, hint: Msg, kind: &'static str| {
        view! {
            <div class="form-field">
                <label {..attr("for", field.testid())}>{prefs.text(label)}</label>
                <input
                    {..attr("id", field.testid())}
                    {..attr("type", kind)}
                    data-testid=field.testid()
                    {..attr("autocomplete", "off")}
                    {..attr("spellcheck", "false")}
                    {..kept_attr("aria-invalid", move || problem_of(field).is_some().to_string())}
                    {..attr("aria-describedby", cat!(field.testid(), "-hint ", field.testid(), "-error"))}
                    {..listen("input", move |ev| edit(field, event_target_value(&ev)))}
                />
                <span class="hint" {..attr("id", cat!(field.testid(), "-hint"))}>{prefs.text(hint)}</span>
                {field_error(field)}
            </div>
        }
    };
    keep_property("create-submit", "disabled", move || sending.get().into());
    let content = view! {
        <h2 {..attr("id", "create-title")}>{prefs.text(Msg::CreateTitle)}</h2>
        <form
            data-testid="create-form"
            {..attr("novalidate", "")}
            {..listen("submit", move |ev: ev::Event| {
                ev.prevent_default();
                submit();
            })}
        >
            {text_field(Field::Name, Msg::CreateName, Msg::CreateNameHint, "text")}
            <div class="form-field">
                <label {..attr("for", "create-desc")}>{prefs.text(Msg::CreateDesc)}</label>
                <textarea
                    {..attr("id", "create-desc")}
                    data-testid="create-desc"
                    {..attr("rows", "2")}
                    {..listen("input", move |ev| edit(Field::Desc, event_target_value(&ev)))}
                ></textarea>
                {field_error(Field::Desc)}
            </div>
            {text_field(Field::TrainUrl, Msg::CreateTrainUrl, Msg::CreateTrainUrlHint, "text")}
            <div class="form-field">
                <label {..attr("for", "create-type")}>{prefs.text(Msg::CreateType)}</label>
                <select {..attr("id", "create-type")} data-testid="create-type" {..listen("change", move |ev| edit(Field::Type, event_target_value(&ev)))}>
                    <option {..attr("value", "tensorboard")}>"TensorBoard"</option>
                    <option {..attr("value", "mindinsight")}>"MindInsight"</option>
                </select>
                {field_error(Field::Type)}
            </div>
            {text_field(Field::Hours, Msg::CreateHours, Msg::CreateHoursHint, "text")}
            {html_text(move || {
                let mut html = String::new();
                draft.with(|d| {
                    if let Some(refusal) = d.refusal.as_ref().filter(|r| r.field.is_none()) {
                        FieldError { testid: "form-error", field: None, id: None, alert: true }
                            .push_html(&mut html, &refusal.text);
                    }
                });
                html
            })}
            <div class="dialog-buttons">
                <button {..attr("type", "button")} data-testid="cancel" {..listen("click", move |_| on_close())}>
                    {prefs.text(Msg::Cancel)}
                </button>
                <button {..attr("type", "submit")} class="primary" data-testid="create-submit">
                    {live_text(move || prefs.t(if sending.get() { Msg::CreateSending } else { Msg::CreateSubmit }).to_string())}
                </button>
            </div>
        </form>
    };
    modal(
        "create-dialog",
        "create-title",
        "create-name",
        Box::new(on_close),
        content.into_any(),
    )
}
