//! What acts on many jobs or reports on them: the selection bar (bulk stop and delete),
//! the live region of outcomes, and the read-only notes.

use leptos::prelude::*;

use super::{
    actions::{ActionCenter, JobRef},
    context::{provided, Prefs},
    job_list::JobList,
};
use crate::{
    actions::{allowed_for, Verb},
    i18n::{fill, Msg},
};

#[component]
pub fn SelectionBar() -> impl IntoView {
    let center = provided::<ActionCenter>();
    let list = provided::<JobList>();
    let prefs = provided::<Prefs>();
    let count = move || center.selection.with(|s| s.len());
    // The selected jobs on this page, split into those the action applies to and the
    // names of the others.
    let split = move |verb: Verb| -> (Vec<JobRef>, Vec<String>) {
        let selected = center.selection.get_untracked();
        let mut applicable = Vec::new();
        let mut skipped = Vec::new();
        list.view.with_untracked(|v| {
            for job in v.page.iter().flat_map(|p| &p.jobs) {
                let Some(job_ref) = JobRef::of(job) else {
                    continue;
                };
                if !selected.contains(&job_ref.id) {
                    continue;
                }
                let busy = center.pending_verb(&job_ref.id).is_some();
                if allowed_for(verb, job) && !busy {
                    applicable.push(job_ref);
                } else {
                    skipped.push(job_ref.name);
                }
            }
        });
        (applicable, skipped)
    };
    let any_allows = move |verb: Verb| {
        center.selection.with(|selected| {
            list.page.with(|page| {
                page.iter().flat_map(|p| &p.jobs).any(|j| {
                    j.job_id.as_ref().is_some_and(|id| selected.contains(id))
                        && allowed_for(verb, j)
                })
            })
        })
    };
    let bulk = move |verb: Verb| {
        let (jobs, skipped) = split(verb);
        center.ask(verb, jobs, skipped);
    };
    view! {
        <div class="selection-bar" role="group" aria-label=prefs.text(Msg::ActionsLabel)>
            <span data-testid="selection-count" aria-live="polite">
                {move || fill(prefs.lang.get(), Msg::SelectionCount, &[("n", &count().to_string())])}
            </span>
            <button
                type="button"
                data-testid="bulk-stop"
                disabled=move || !any_allows(Verb::Stop)
                on:click=move |_| bulk(Verb::Stop)
            >
                {prefs.text(Msg::BulkStop)}
            </button>
            <button
                type="button"
                class="danger"
                data-testid="bulk-delete"
                disabled=move || !any_allows(Verb::Delete)
                on:click=move |_| bulk(Verb::Delete)
            >
                {prefs.text(Msg::BulkDelete)}
            </button>
        </div>
    }
}

/// Each job's outcome, announced politely; `data-outcome` says which way it went.
#[component]
pub fn ActionStatus() -> impl IntoView {
    let center = provided::<ActionCenter>();
    view! {
        <div class="action-status" data-testid="action-status" role="status" aria-live="polite">
            <For
                each=move || center.outcomes.get()
                key=|o| o.seq
                children=|o| view! {
                    <p class=if o.ok { "outcome ok" } else { "outcome failed" }
                       data-outcome=if o.ok { "ok" } else { "failed" }
                       data-job-id=o.job_id>
                        {o.text}
                    </p>
                }
            />
        </div>
    }
}

/// Says when nothing can be changed here: by configuration, or because the gateway
/// refused a change as a read-only deployment does.
#[component]
pub fn ReadOnlyNote() -> impl IntoView {
    let center = provided::<ActionCenter>();
    let prefs = provided::<Prefs>();
    move || {
        if let Some(status) = center.gateway_read_only.get() {
            Some(
                view! {
                    <div class="notice read-only" role="alert" data-testid="read-only-notice">
                        <p><strong>{fill(prefs.lang.get(), Msg::ReadOnlyGateway, &[("status", &status.to_string())])}</strong></p>
                        <p>{prefs.t(Msg::ReadOnlyHowTo)}</p>
                    </div>
                }
                .into_any(),
            )
        } else if center.read_only {
            Some(view! { <p class="hint" data-testid="read-only-notice">{prefs.t(Msg::ReadOnlyNote)}</p> }.into_any())
        } else {
            None
        }
    }
}
