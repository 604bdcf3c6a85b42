//! Total matching jobs and the quota figures, in words a person understands.

use leptos::prelude::*;

use super::{
    context::{provided, Prefs},
    one_type::{attr, live_text, Derived},
};
use crate::{
    api::model::ListPage,
    format::{grouped_number, job_count},
    i18n::Msg,
    list_state::ListView,
};

#[component]
pub fn Summary(view: Derived<ListView>) -> impl IntoView {
    let prefs = provided::<Prefs>();
    let total = move || {
        let lang = prefs.lang.get();
        view.with(|v| match v.page.as_ref().and_then(|p| p.job_total_count) {
            Some(n) => job_count(n, &grouped_number(n as i64), lang),
            None => "—".to_string(),
        })
    };
    let figure = move |pick: fn(&ListPage) -> Option<i64>| {
        view.with(|v| {
            v.page
                .as_deref()
                .and_then(pick)
                .map_or("—".to_string(), grouped_number)
        })
    };
    view! {
        // Announced politely, so a screen reader hears the new count after each change.
        <section class="summary" {..attr("aria-live", "polite")}>
            <span class="total">
                {prefs.text(Msg::SummaryMatching)} " "
                <strong data-testid="total-count">{live_text(total)}</strong>
            </span>
            <span class="quota" data-testid="quota">
                <span {..prefs.text_attr("title", Msg::SummaryRunAtOnceHint)}>
                    {prefs.text(Msg::SummaryRunAtOnce)} " "
                    <strong>{live_text(move || figure(|p| p.quotas))}</strong>
                </span>
                <span {..prefs.text_attr("title", Msg::SummaryCanCreateHint)}>
                    {prefs.text(Msg::SummaryCanCreate)} " "
                    <strong>{live_text(move || figure(|p| p.job_count_limit))}</strong>
                </span>
            </span>
        </section>
    }
}
