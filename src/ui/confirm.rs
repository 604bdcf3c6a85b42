//! The confirmation a stop or delete asks for: it names every job it will touch.

use leptos::prelude::*;

use super::{
    actions::ActionCenter,
    context::{provided, Prefs},
    kept::kept_html,
    modal::modal,
    one_type::{attr, listen, live_view},
};
use crate::{
    actions::Verb,
    cat,
    i18n::{fill, Msg},
    row_markup::{push_element, push_text},
};

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let center = provided::<ActionCenter>();
    let prefs = provided::<Prefs>();
    live_view(move || {
        let request = center.confirm.get()?;
        let lang = prefs.lang.get();
        let n = request.jobs.len();
        let (title, body) = match (request.verb, n) {
            (Verb::Delete, 1) => (
                fill(lang, Msg::ConfirmDeleteOne, &[]),
                Msg::ConfirmDeleteBody,
            ),
            (Verb::Delete, _) => (
                fill(lang, Msg::ConfirmDeleteMany, &[("n", &cat!(n))]),
                Msg::ConfirmDeleteBody,
            ),
            (_, 1) => (fill(lang, Msg::ConfirmStopOne, &[]), Msg::ConfirmStopBody),
            _ => (
                fill(lang, Msg::ConfirmStopMany, &[("n", &cat!(n))]),
                Msg::ConfirmStopBody,
            ),
        };
        // The names, and the jobs the action skips, as HTML text: a list of views and
        // an optional paragraph were view types of their own in the wasm.
        let mut skipped = String::new();
        if !request.skipped.is_empty() {
            let names = request.skipped.join(", ");
            let text = fill(lang, Msg::ConfirmSkipped, &[("names", &names)]);
            skipped.push_str("<p class=\"hint\" data-testid=\"confirm-skipped\">");
            push_text(&mut skipped, &text);
            skipped.push_str("</p>");
        }
        let mut names = String::new();
        for job in &request.jobs {
            push_element(&mut names, "li", "data-job-id", &job.id, &job.name);
        }
        let cancel = move || center.confirm.set(None);
        let confirm = {
            let request = request.clone();
            move |_| {
                center.confirm.set(None);
                center.run(request.verb, request.jobs.clone());
            }
        };
        let danger = request.verb == Verb::Delete;
        let content = view! {
            <h2 {..attr("id", "confirm-title")}>{title}</h2>
            <ul class="job-names" data-testid="confirm-jobs" {..kept_html(move || names.clone())}></ul>
            <p>{prefs.t(body)}</p>
            <div class="slot" {..kept_html(move || skipped.clone())}></div>
            <div class="dialog-buttons">
                <button {..attr("type", "button")} data-testid="cancel" {..listen("click", move |_| cancel())}>
                    {prefs.t(Msg::Cancel)}
                </button>
                <button {..attr("type", "button")} class=if danger { "danger" } else { "primary" } data-testid="confirm" {..listen("click", confirm)}>
                    {prefs.t(request.verb.label())}
                </button>
            </div>
        };
        Some(
            modal(
                "confirm-dialog",
                "confirm-title",
                "cancel",
                Box::new(cancel),
                content.into_any(),
            )
            .into_any(),
        )
    })
}
