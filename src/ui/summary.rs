//! Total matching jobs and the quota figures, in words a person understands.

use leptos::prelude::*;

use super::state::ConsoleState;
use crate::{browser::format_number, i18n::fill};

#[component]
pub fn Summary() -> impl IntoView {
    let state = expect_context::<ConsoleState>();
    let total = move || {
        let lang = state.lang.get();
        state
            .page
            .with(|p| match p.as_ref().and_then(|p| p.job_total_count) {
                Some(1) => state.t("summary.jobs_one").to_string(),
                Some(n) => fill(
                    lang,
                    "summary.jobs",
                    &[("n", &format_number(n as i64, lang))],
                ),
                None => "—".to_string(),
            })
    };
    let figure = move |pick: fn(&crate::api::model::ListPage) -> Option<i64>| {
        let lang = state.lang.get();
        state.page.with(|p| {
            p.as_ref()
                .and_then(|p| pick(p))
                .map_or("—".to_string(), |n| format_number(n, lang))
        })
    };
    view! {
        // Announced politely, so a screen reader hears the new count after each change.
        <section class="summary" aria-live="polite">
            <span class="total">
                {move || state.t("summary.matching")} " "
                <strong data-testid="total-count">{total}</strong>
            </span>
            <span class="quota" data-testid="quota">
                <span title=move || state.t("summary.run_at_once_hint")>
                    {move || state.t("summary.run_at_once")} " "
                    <strong>{move || figure(|p| p.quotas)}</strong>
                </span>
                <span title=move || state.t("summary.can_create_hint")>
                    {move || state.t("summary.can_create")} " "
                    <strong>{move || figure(|p| p.job_count_limit)}</strong>
                </span>
            </span>
        </section>
    }
}
