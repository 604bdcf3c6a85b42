//! What acts on many jobs or reports on them: the selection bar (bulk stop and delete),
//! the live region of outcomes, and the read-only notes.

use leptos::prelude::*;

use super::{
    actions::{ActionCenter, JobRef, Outcome},
    context::{provided, Prefs},
    dom::{by_testid, keep_property},
    job_list::JobList,
    one_type::{attr, effect, listen, live_text, live_view},
};
use crate::{
    actions::{allowed_for, Verb},
    cat,
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
    keep_property("bulk-stop", "disabled", move || {
        (!any_allows(Verb::Stop)).into()
    });
    keep_property("bulk-delete", "disabled", move || {
        (!any_allows(Verb::Delete)).into()
    });
    view! {
        <div class="selection-bar" {..attr("role", "group")} {..prefs.text_attr("aria-label", Msg::ActionsLabel)}>
            <span data-testid="selection-count" {..attr("aria-live", "polite")}>
                {live_text(move || fill(prefs.lang.get(), Msg::SelectionCount, &[("n", &cat!(count()))]))}
            </span>
            <button
                {..attr("type", "button")}
                data-testid="bulk-stop"
                {..listen("click", move |_| bulk(Verb::Stop))}
            >
                {prefs.text(Msg::BulkStop)}
            </button>
            <button
                {..attr("type", "button")}
                class="danger"
                data-testid="bulk-delete"
                {..listen("click", move |_| bulk(Verb::Delete))}
            >
                {prefs.text(Msg::BulkDelete)}
            </button>
        </div>
    }
}

/// Each job's outcome, announced politely; `data-outcome` says which way it went.
///
/// Outcomes get consecutive sequence numbers, join at the end and leave from the
/// front, so one effect keeps the region's paragraphs in step by counting: no keyed
/// list (a `<For>` costs ~1 KiB of wasm) for at most a dozen lines of text.
#[component]
pub fn ActionStatus() -> impl IntoView {
    let center = provided::<ActionCenter>();
    let mut last_shown = 0;
    effect(move || {
        if let Some(region) = by_testid::<web_sys::Element>("action-status") {
            last_shown = center
                .outcomes
                .with(|outcomes| show_outcomes(&region, outcomes, last_shown));
        }
    });
    view! {
        <div class="action-status" data-testid="action-status" {..attr("role", "status")} {..attr("aria-live", "polite")}></div>
    }
}

/// Brings the region from the outcomes up to `last_shown` to `outcomes`; returns the
/// last one shown now.
pub fn show_outcomes(region: &web_sys::Element, outcomes: &[Outcome], last_shown: u64) -> u64 {
    let shown = u64::from(region.child_element_count());
    let first_shown = last_shown + 1 - shown.min(last_shown);
    let first_kept = outcomes.first().map_or(u64::MAX, |o| o.seq);
    for _ in first_shown..first_kept.min(last_shown + 1) {
        if let Some(gone) = region.first_element_child() {
            gone.remove();
        }
    }
    let document = document();
    let mut last = last_shown;
    for outcome in outcomes.iter().filter(|o| o.seq > last_shown) {
        let Ok(p) = document.create_element("p") else {
            break;
        };
        let (class, word) = if outcome.ok {
            ("outcome ok", "ok")
        } else {
            ("outcome failed", "failed")
        };
        p.set_class_name(class);
        let _ = p.set_attribute("data-outcome", word);
        let _ = p.set_attribute("data-job-id", &outcome.job_id);
        // Text, never markup: a job name is whatever the API sent.
        p.set_text_content(Some(&outcome.text));
        let _ = region.append_child(&p);
        last = outcome.seq;
    }
    last
}

/// Says when nothing can be changed here: by configuration, or because the gateway
/// refused a change as a read-only deployment does.
#[component]
pub fn ReadOnlyNote() -> impl IntoView {
    let center = provided::<ActionCenter>();
    let prefs = provided::<Prefs>();
    live_view(move || {
        if let Some(status) = center.gateway_read_only.get() {
            Some(
                view! {
                    <div class="notice read-only" {..attr("role", "alert")} data-testid="read-only-notice">
                        <p><strong>{fill(prefs.lang.get(), Msg::ReadOnlyGateway, &[("status", &status)])}</strong></p>
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
    })
}
